#!/usr/bin/python3
"""Issue 16: the wizard's rows read their id and state from their model
item (or a closure given to their handler), never from data hung on a
widget. Fails if g_object_set_data / g_object_get_data (or their _full /
qdata forms) comes back anywhere in src/gui/wizard.

Its steps are page types (cd-wizard-<step>-page.c) each with its .ui
template in ui/wizard/, listed in the GResource; a page type and its row
items read and write the register only through core's async calls
(cd_<area>_<verb>_async), never with a cd_store_* call on the window's
thread.

The people step reads the register only on core's workers (the
suggestions, the search at each key, a person added by hand, a resumed
draft's rows): its files (any with "people", "pick" or "hit-item" in
their name) call no cd_store_* function, no synchronous judgement of a
person and none of the window's helpers that read the store.

No file of the wizard reads the chosen template (.docx) or writes the
draft on the window's thread: cd_wizard_template_inspect_async() and
cd_batch_save_async() do it on a worker. The window itself is built
from its .ui template too."""
import os
import re
import sys

ROOT = sys.argv[1]
FOLDER = os.path.join(ROOT, "src", "gui", "wizard")
BANNED = re.compile(r"\bg_object_(?:set|get|steal|dup)_q?data(?:_full)?\s*\(")
# the register read or written on the caller's thread (CD_STORE (…)
# casts and CD_STORE_ERROR are upper case: not matched)
STORE_CALL = re.compile(r"\bcd_store_(?!run_)\w+\s*\(")
PAGE_OR_ITEM = re.compile(r"^cd-wizard-[a-z-]+-(?:page|item)\.c$")

PEOPLE_FILES = re.compile(r"people|pick|hit-item")
STORE_READS = re.compile(r"\bcd_store_\w+\s*\("
                         r"|\bcd_wizard_draft_(?:refusal|better_kind|add_staff|add_certificate)\s*\("
                         r"|\bcd_wizard_(?:search|offer|suggest|draft_names)\s*\("
                         r"|\b(?:staff_name|template_info)\s*\(")

# a template read or the draft written on the window's thread
SYNC_WORK = re.compile(r"\bcd_wizard_template_inspect\s*\(|\bcd_batch_save(?:_with_document)?\s*\("
                       r"|\btemplate_info\s*\(")

found = []
sync_work = []
store_calls = []
pages = []
reads = []
for name in sorted(os.listdir(FOLDER)):
    if not name.endswith((".c", ".h")):
        continue
    if name.endswith("-page.c") or name == "cd-wizard-window.c":
        pages.append(name[:-2])
    with open(os.path.join(FOLDER, name), encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            if SYNC_WORK.search(line):
                sync_work.append(f"src/gui/wizard/{name}:{number}: {line.strip()}")
            if BANNED.search(line):
                found.append(f"src/gui/wizard/{name}:{number}: {line.strip()}")
            if PAGE_OR_ITEM.match(name) and STORE_CALL.search(line):
                store_calls.append(f"src/gui/wizard/{name}:{number}: {line.strip()}")
            if PEOPLE_FILES.search(name) and STORE_READS.search(line):
                reads.append(f"src/gui/wizard/{name}:{number}: {line.strip()}")

if found:
    print("Data hung on the wizard's widgets (use a model item or a closure):")
    print("\n".join(found))
if store_calls:
    print("The register read or written on the window's thread (use a core async call):")
    print("\n".join(store_calls))
if sync_work:
    print("The template read or the draft written on the window's thread"
          " (use cd_wizard_template_inspect_async / cd_batch_save_async):")
    print("\n".join(sync_work))

with open(os.path.join(ROOT, "ui", "certdesk.gresource.xml"), encoding="utf-8") as f:
    resources = f.read()
missing = []
for page in pages:
    ui = os.path.join("wizard", page + ".ui")
    if not os.path.exists(os.path.join(ROOT, "ui", ui)):
        missing.append(f"ui/{ui}: no template for {page}.c")
    elif f">{ui}<" not in resources:
        missing.append(f"ui/{ui}: not in ui/certdesk.gresource.xml")
    with open(os.path.join(FOLDER, page + ".c"), encoding="utf-8") as f:
        if f"/wizard/{page}.ui" not in f.read():
            missing.append(f"src/gui/wizard/{page}.c: does not load its template")
if missing:
    print("Wizard steps without their .ui template:")
    print("\n".join(missing))

# the steps made page types: no page file of the window left for them
for gone in ("cd-wizard-window-details.c", "cd-wizard-window-output.c", "cd-wizard-window-people.c"):
    if os.path.exists(os.path.join(FOLDER, gone)):
        missing.append(gone)
        print(f"src/gui/wizard/{gone}: its steps are page types now")

if reads:
    print("The people step reads the register on the window's thread (use a core _async call):")
    print("\n".join(reads))

if found or store_calls or missing or reads or sync_work:
    sys.exit(1)
print(f"no g_object_set_data/get_data in src/gui/wizard; {len(pages)} page types "
      "with their templates, no cd_store_* call in them, no store reads in the people step")
