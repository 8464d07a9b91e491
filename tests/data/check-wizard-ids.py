#!/usr/bin/python3
"""Issue 16: the wizard's rows read their id and state from their model
item (or a closure given to their handler), never from data hung on a
widget. Fails if g_object_set_data / g_object_get_data (or their _full /
qdata forms) comes back anywhere in src/gui/wizard."""
import os
import re
import sys

ROOT = sys.argv[1]
FOLDER = os.path.join(ROOT, "src", "gui", "wizard")
BANNED = re.compile(r"\bg_object_(?:set|get|steal|dup)_q?data(?:_full)?\s*\(")

found = []
for name in sorted(os.listdir(FOLDER)):
    if not name.endswith((".c", ".h")):
        continue
    with open(os.path.join(FOLDER, name), encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            if BANNED.search(line):
                found.append(f"src/gui/wizard/{name}:{number}: {line.strip()}")

if found:
    print("Data hung on the wizard's widgets (use a model item or a closure):")
    print("\n".join(found))
    sys.exit(1)
print("no g_object_set_data/get_data in src/gui/wizard")
