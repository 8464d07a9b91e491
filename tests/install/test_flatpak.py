#!/usr/bin/python3
"""flatpak/io.github.certdesk.CertDesk.json: flatpak-builder reads it
without a warning; current GNOME runtime; every archive pinned by https URL
and sha256; a module for each pkg-config dependency of meson.build that
the GNOME runtime does not ship; finish-args limited to what CertDesk
needs (no network, no home folder: documents go through the portal)."""
import json
import os
import re
import shutil
import subprocess
import unittest

SOURCE = os.environ["MESON_SOURCE_ROOT"]
APP_ID = "io.github.certdesk.CertDesk"
MANIFEST = os.path.join(SOURCE, "flatpak", APP_ID + ".json")

# pkg-config names org.gnome.Sdk (over org.freedesktop.Sdk) provides.
IN_RUNTIME = {"glib-2.0", "gio-2.0", "gio-unix-2.0", "gtk4", "libadwaita-1", "sqlite3",
              "openssl", "p11-kit-1", "libxml-2.0", "cairo", "pangocairo", "json-glib-1.0"}
# pkg-config name -> the manifest module that builds it.
BUILT = {"libzip": "libzip", "xlsxwriter": "libxlsxwriter", "libpcsclite": "pcsc-lite"}
ALLOWED_FINISH_ARGS = {
    "--share=ipc", "--socket=wayland", "--socket=fallback-x11", "--device=dri",
    "--socket=pcsc",            # tokens through the host's pcscd
    "--filesystem=xdg-desktop",  # --create-desktop-shortcut
}


class Flatpak(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        with open(MANIFEST, encoding="utf-8") as f:
            cls.m = json.load(f)

    def test_flatpak_builder_reads_it(self):
        fb = shutil.which("flatpak-builder")
        if fb is None:
            self.skipTest("flatpak-builder not installed (build-aux/deps --test)")
        r = subprocess.run([fb, "--show-manifest", MANIFEST], capture_output=True, text=True,
                           cwd=os.path.dirname(MANIFEST))
        self.assertEqual(r.returncode, 0, r.stderr)
        # Unknown or mistyped properties are only warnings there.
        self.assertNotIn("WARNING", r.stderr, r.stderr)
        shown = json.loads(r.stdout)
        self.assertEqual(shown["id"], APP_ID)
        self.assertEqual([m["name"] for m in shown["modules"]],
                         [m["name"] for m in self.m["modules"]])

    def test_runtime(self):
        self.assertEqual(self.m["id"], APP_ID)
        self.assertEqual(self.m["runtime"], "org.gnome.Platform")
        self.assertEqual(self.m["sdk"], "org.gnome.Sdk")
        self.assertGreaterEqual(int(self.m["runtime-version"]), 46)
        self.assertEqual(self.m["command"], "certdesk")

    def test_finish_args(self):
        args = set(self.m["finish-args"])
        self.assertLessEqual(args, ALLOWED_FINISH_ARGS, args - ALLOWED_FINISH_ARGS)
        for needed in ("--socket=pcsc", "--socket=wayland", "--socket=fallback-x11",
                       "--share=ipc"):
            self.assertIn(needed, args)
        for a in args:
            self.assertNotIn("network", a)
            self.assertNotIn("filesystem=home", a)
            self.assertNotIn("filesystem=host", a)

    def test_sources_pinned(self):
        for mod in self.m["modules"]:
            for src in mod["sources"]:
                if src["type"] in ("archive", "file"):
                    self.assertTrue(src["url"].startswith("https://"), src["url"])
                    self.assertRegex(src.get("sha256", ""), r"^[0-9a-f]{64}$", mod["name"])
                    self.assertNotRegex(src["url"], r"(master|main|latest)", src["url"])
                else:
                    self.assertEqual(src["type"], "dir", mod["name"])
        last = self.m["modules"][-1]
        self.assertEqual(last["name"], "certdesk")
        self.assertEqual(last["buildsystem"], "meson")
        self.assertEqual(os.path.realpath(os.path.join(os.path.dirname(MANIFEST),
                                                       last["sources"][0]["path"])),
                         os.path.realpath(SOURCE))

    def test_settings_override(self):
        """The override the manifest installs is valid for the schema and
        points at the OpenSC module the opensc module installs."""
        import tempfile
        override = os.path.join(SOURCE, "flatpak", APP_ID + ".gschema.override")
        post = " ".join(self.m["modules"][-1].get("post-install", []))
        self.assertIn("flatpak/" + os.path.basename(override), post)
        self.assertIn("/app/share/glib-2.0/schemas/", post)
        with tempfile.TemporaryDirectory() as tmp:
            shutil.copy(os.path.join(SOURCE, "data", APP_ID + ".gschema.xml"), tmp)
            shutil.copy(override, tmp)
            r = subprocess.run(["glib-compile-schemas", "--strict", tmp],
                               capture_output=True, text=True)
            self.assertEqual(r.returncode, 0, r.stderr)
            r = subprocess.run(["gsettings", "--schemadir", tmp, "get", APP_ID, "pkcs11-modules"],
                               capture_output=True, text=True,
                               env=dict(os.environ, GSETTINGS_BACKEND="memory"))
            self.assertEqual(r.stdout.strip(), "['/app/lib/opensc-pkcs11.so']", r.stderr)

    def test_every_dependency_available(self):
        with open(os.path.join(SOURCE, "meson.build"), encoding="utf-8") as f:
            deps = set(re.findall(r"dependency\('([^']+)'", f.read()))
        self.assertIn("gtk4", deps)
        names = {m["name"] for m in self.m["modules"]}
        self.assertIn("opensc", names)  # the PKCS#11 module the tokens are read with
        for dep in sorted(deps):
            if dep in IN_RUNTIME:
                continue
            self.assertIn(dep, BUILT, "meson.build needs %s: add a module to the Flatpak "
                          "manifest (or list it in IN_RUNTIME if org.gnome.Sdk has it)" % dep)
            self.assertIn(BUILT[dep], names)


if __name__ == "__main__":
    unittest.main(verbosity=2)
