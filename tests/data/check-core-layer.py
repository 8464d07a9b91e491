#!/usr/bin/python3
"""The build keeps src/core apart from GTK.

Usage: check-core-layer.py SOURCE_ROOT BUILD_ROOT

1. No file under src/core includes a GTK, GDK or libadwaita header.
2. Compiled with exactly the flags meson gives the certdesk-core library
   and every C test of the 'core' suite (read from the build's
   introspection files, so a gtk_dep added to core's dependencies or to
   the core tests shows up here), a probe including <gtk/gtk.h> fails to
   compile, while a control probe including "cd-store.h" compiles — so
   the check cannot pass because the flags or the compiler are wrong.
"""
import json
import os
import re
import subprocess
import sys
import tempfile

GUI_INCLUDE = re.compile(r'^\s*#\s*include\s*[<"]\s*(gtk/|gdk/|gtk\.h|gdk\.h|adwaita\.h|libadwaita)',
                         re.MULTILINE)


def gui_includes(core_dir):
    found = []
    for root, _dirs, files in os.walk(core_dir):
        for name in sorted(files):
            if not name.endswith((".c", ".h")):
                continue
            path = os.path.join(root, name)
            with open(path, encoding="utf-8", errors="replace") as f:
                for m in GUI_INCLUDE.finditer(f.read()):
                    found.append(f"{os.path.relpath(path, core_dir)}: {m.group(0).strip()}")
    return found


def core_flag_sets(build):
    """(name, compiler, parameters) of the core library and each core C test."""
    info = os.path.join(build, "meson-info")
    with open(os.path.join(info, "intro-targets.json"), encoding="utf-8") as f:
        targets = json.load(f)
    with open(os.path.join(info, "intro-tests.json"), encoding="utf-8") as f:
        tests = json.load(f)

    core_exes = {t["cmd"][0] for t in tests
                 if any(s.split(":")[-1] == "core" for s in t["suite"])}
    sets = []
    for t in targets:
        wanted = (t["name"] == "certdesk-core" and t["type"] == "static library") or \
                 (t["type"] == "executable" and set(t["filename"]) & core_exes)
        if not wanted:
            continue
        for s in t["target_sources"]:
            if s.get("language") == "c":
                params = [p for p in s["parameters"] if not p.startswith("-fdiagnostics-color")]
                sets.append((t["name"], s["compiler"], params))
                break
    return sets


def compiles(compiler, params, probe, build):
    r = subprocess.run(compiler + params + ["-fsyntax-only", probe], cwd=build,
                       capture_output=True, text=True)
    return r.returncode == 0, r.stderr


def main():
    source, build = sys.argv[1], sys.argv[2]
    failures = []

    for hit in gui_includes(os.path.join(source, "src", "core")):
        failures.append(f"src/core includes a GTK header: {hit}")

    sets = core_flag_sets(build)
    names = [n for n, _c, _p in sets]
    if "certdesk-core" not in names:
        failures.append("no 'certdesk-core' static library in the build")
    if len(names) < 2:
        failures.append(f"no C test of the 'core' suite found (only {names})")

    with tempfile.TemporaryDirectory(prefix="core-layer-") as tmp:
        gtk_probe = os.path.join(tmp, "probe-gtk.c")
        store_probe = os.path.join(tmp, "probe-store.c")
        with open(gtk_probe, "w") as f:
            f.write("#include <gtk/gtk.h>\nint probe (void);\nint probe (void) { return GTK_MAJOR_VERSION; }\n")
        with open(store_probe, "w") as f:
            f.write('#include "cd-store.h"\nGType probe (void);\nGType probe (void) { return CD_TYPE_STORE; }\n')

        for name, compiler, params in sets:
            ok, err = compiles(compiler, params, store_probe, build)
            if not ok:
                failures.append(f"{name}: the control probe (cd-store.h) does not compile "
                                f"with its flags, so the GTK check would prove nothing:\n{err}")
                continue
            ok, err = compiles(compiler, params, gtk_probe, build)
            if ok:
                failures.append(f"{name}: <gtk/gtk.h> compiles with its flags: "
                                "GTK is in core's dependencies or include path")
            elif "gtk/gtk.h" not in err:
                failures.append(f"{name}: the GTK probe failed for another reason:\n{err}")
            else:
                print(f"ok {name}: cd-store.h compiles, gtk/gtk.h does not")

    for f in failures:
        print("FAIL " + f)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
