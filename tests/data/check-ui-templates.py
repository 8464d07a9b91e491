#!/usr/bin/python3
"""Every window, dialog, page and view of the GUI is built from its .ui
template: each widget type defined in src/gui (a G_DEFINE_*TYPE whose
parent is a GTK or libadwaita widget, not the application) loads a
template from the GResource, and that file exists in ui/ and is listed
in ui/certdesk.gresource.xml.

The only types allowed without one are widgets with no children to lay
out, named below with the reason."""
import os
import re
import sys

ROOT = sys.argv[1]
GUI = os.path.join(ROOT, "src", "gui")
DEFINE = re.compile(r"G_DEFINE_(?:FINAL_)?TYPE(?:_WITH_\w+)?\s*\(\s*(\w+)\s*,\s*\w+\s*,\s*(\w+)")
TEMPLATE = re.compile(r'gtk_widget_class_set_template_from_resource\s*\([^"]*"/io/github/certdesk/CertDesk/([^"]+)"',
                      re.S)
NOT_WIDGETS = {"GTK_TYPE_APPLICATION", "ADW_TYPE_APPLICATION"}
WITHOUT = {
    # draws one line of text itself (a list cell): nothing to lay out
    "CdCellText",
}

with open(os.path.join(ROOT, "ui", "certdesk.gresource.xml"), encoding="utf-8") as f:
    resources = f.read()

problems = []
checked = 0
for folder, _, files in os.walk(GUI):
    for name in sorted(files):
        if not name.endswith(".c"):
            continue
        path = os.path.join(folder, name)
        with open(path, encoding="utf-8") as f:
            text = f.read()
        rel = os.path.relpath(path, ROOT)
        for type_name, parent in DEFINE.findall(text):
            if not parent.startswith(("GTK_TYPE_", "ADW_TYPE_")) or parent in NOT_WIDGETS:
                continue
            if type_name in WITHOUT:
                continue
            checked += 1
            m = TEMPLATE.search(text)
            if m is None:
                problems.append(f"{rel}: {type_name} is built in code: give it a .ui template")
                continue
            ui = m.group(1)
            if not os.path.exists(os.path.join(ROOT, "ui", ui)):
                problems.append(f"{rel}: ui/{ui} does not exist")
            elif f">{ui}<" not in resources:
                problems.append(f"{rel}: ui/{ui} is not in ui/certdesk.gresource.xml")

if problems:
    print("\n".join(problems))
    sys.exit(1)
print(f"{checked} widget types in src/gui, each with its .ui template")
