#!/usr/bin/python3
"""Install test: `meson install --destdir` into a temporary folder, then run
the *installed* certdesk from there with none of the build tree's helper
variables. It must find its schema, translations and templates next to
its own binary (never the build tree's), show its Vietnamese window under
Xvfb, and switch to English on request."""
import configparser
import filecmp
import json
import os
import shutil
import stat
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "common"))
import cdtest  # noqa: E402
from gi.repository import GLib  # noqa: E402

APP_ID = "io.github.certdesk.CertDesk"
# Letters only Vietnamese uses: their absence means an English UI.
VIETNAMESE = set("ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ")
BUILD = os.environ["MESON_BUILD_ROOT"]
SOURCE = os.environ["MESON_SOURCE_ROOT"]

# The installed binary must not be helped by the variables the other
# tests use to run certdesk from the build tree.
for var in ("CERTDESK_DATADIR", "CERTDESK_LOCALEDIR", "CERTDESK_UI_LANGUAGE",
            "GSETTINGS_SCHEMA_DIR", "LANGUAGE"):
    os.environ.pop(var, None)
os.environ["XDG_DATA_DIRS"] = "/usr/share"
os.environ["LANG"] = "C.UTF-8"


def process_gone(pid):
    try:
        with open("/proc/%d/stat" % pid) as f:
            return f.read().split()[2] == "Z"
    except FileNotFoundError:
        return True


def meson_option(name):
    out = subprocess.run(["meson", "introspect", "--buildoptions", BUILD],
                         check=True, capture_output=True, text=True).stdout
    for opt in json.loads(out):
        if opt["name"] == name:
            return opt["value"]
    raise KeyError(name)


class Installed(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.destdir = tempfile.mkdtemp(prefix="certdesk-install-")
        subprocess.run(["meson", "install", "-C", BUILD, "--no-rebuild", "--quiet",
                        "--destdir", cls.destdir], check=True,
                       stdout=subprocess.DEVNULL)
        prefix = meson_option("prefix")
        cls.prefix = os.path.join(cls.destdir, prefix.lstrip("/"))
        cls.bindir = os.path.join(cls.prefix, meson_option("bindir"))
        cls.datadir = os.path.join(cls.prefix, meson_option("datadir"))
        cls.localedir = os.path.join(cls.prefix, meson_option("localedir"))
        cls.bin = os.path.join(cls.bindir, "certdesk")
        cls.schemadir = os.path.join(cls.datadir, "glib-2.0", "schemas")
        # What the .deb's trigger and gnome.post_install do on a real
        # system (meson skips it under DESTDIR).
        subprocess.run(["glib-compile-schemas", "--strict", cls.schemadir], check=True)
        cls.home = tempfile.mkdtemp(prefix="certdesk-install-home-")
        # The X server of xvfb-run can take a moment before it accepts its
        # first client on a loaded machine ("cannot open display").
        if os.environ.get("DISPLAY") and shutil.which("xwininfo"):
            cdtest.wait_for(lambda: subprocess.run(["xwininfo", "-root"], capture_output=True)
                            .returncode == 0, 30, what="the X server")

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.destdir, ignore_errors=True)
        shutil.rmtree(cls.home, ignore_errors=True)

    def env(self, **extra):
        e = dict(os.environ)
        e["HOME"] = self.home
        e["XDG_DATA_HOME"] = os.path.join(self.home, "data")
        e["XDG_CONFIG_HOME"] = os.path.join(self.home, "config")
        e.update(extra)
        return e

    def help_text(self, **extra):
        r = subprocess.run([self.bin, "--help"], env=self.env(**extra),
                           capture_output=True, text=True, timeout=30)
        self.assertEqual(r.returncode, 0, r.stderr)
        return r.stdout

    def test_files(self):
        st = os.stat(self.bin)
        self.assertTrue(st.st_mode & stat.S_IXOTH, "binary executable by all")
        # the window certdesk starts when no headless action is asked for
        gui = os.path.join(self.prefix, meson_option("libexecdir"), "certdesk-gui")
        self.assertTrue(os.stat(gui).st_mode & stat.S_IXOTH, gui)
        for rel in ("applications/%s.desktop" % APP_ID,
                    "metainfo/%s.metainfo.xml" % APP_ID,
                    "glib-2.0/schemas/%s.gschema.xml" % APP_ID,
                    "icons/hicolor/scalable/apps/%s.svg" % APP_ID,
                    "icons/hicolor/symbolic/apps/%s-symbolic.svg" % APP_ID):
            self.assertTrue(os.path.isfile(os.path.join(self.datadir, rel)), rel)
        with open(os.path.join(SOURCE, "po", "LINGUAS")) as f:
            langs = f.read().split()
        for lang in langs:
            mo = os.path.join(self.localedir, lang, "LC_MESSAGES", "certdesk.mo")
            self.assertTrue(os.path.isfile(mo), mo)

    def test_pkgdata_installed(self):
        """Templates and the holiday list land under <datadir>/certdesk,
        which is where the installed binary looks (cd_paths_pkgdatadir)."""
        dst = os.path.join(self.datadir, "certdesk")
        holidays = os.path.join(SOURCE, "data", "holidays.tsv")
        self.assertTrue(filecmp.cmp(holidays, os.path.join(dst, "holidays.tsv"), shallow=False))
        src = os.path.join(SOURCE, "data", "templates")
        count = 0
        for folder, _, files in os.walk(src):
            for name in files:
                rel = os.path.relpath(os.path.join(folder, name), src)
                self.assertTrue(filecmp.cmp(os.path.join(src, rel),
                                            os.path.join(dst, "templates", rel),
                                            shallow=False), rel)
                count += 1
        self.assertGreater(count, 0)

    def list_templates(self):
        r = subprocess.run([self.bin, "--list-templates"], env=self.env(),
                           capture_output=True, text=True, timeout=30)
        self.assertEqual(r.returncode, 0, r.stderr)
        return [line.split("\t") for line in r.stdout.splitlines() if line]

    def test_templates_found_from_prefix(self):
        rows = self.list_templates()
        builtin = sorted(os.listdir(os.path.join(SOURCE, "data", "templates")))
        self.assertEqual(sorted(r[0] for r in rows if r[1] == "có sẵn"), builtin)
        installed = os.path.join(self.datadir, "certdesk", "templates")
        for r in rows:
            self.assertTrue(r[3].startswith(installed + os.sep), r)
        # Only from there: without them, none — not the source tree's.
        os.rename(installed, installed + ".away")
        try:
            self.assertEqual([r for r in self.list_templates() if r[1] == "có sẵn"], [])
        finally:
            os.rename(installed + ".away", installed)

    def test_desktop_file(self):
        path = os.path.join(self.datadir, "applications", APP_ID + ".desktop")
        subprocess.run(["desktop-file-validate", path], check=True)
        cp = configparser.RawConfigParser(strict=False, interpolation=None)
        cp.optionxform = str
        cp.read(path, encoding="utf-8")
        d = cp["Desktop Entry"]
        self.assertEqual(d["Name[vi]"], "Quản lý chứng thư số")
        self.assertEqual(d["Categories"], "Office;")
        self.assertEqual(d["Exec"].split()[0], "certdesk")
        self.assertEqual(d["Icon"], APP_ID)
        for kw in ("chứng thư số", "chung thu so", "chu ky so", "certificate", "token"):
            self.assertIn(kw, d["Keywords[vi]"].split(";"))
        for kw in ("certificate", "chung thu so"):
            self.assertIn(kw, d["Keywords"].split(";"))

    def test_metainfo(self):
        import xml.etree.ElementTree as ET
        lang = "{http://www.w3.org/XML/1998/namespace}lang"
        path = os.path.join(self.datadir, "metainfo", APP_ID + ".metainfo.xml")
        subprocess.run(["appstreamcli", "validate", "--no-net", path], check=True,
                       stdout=subprocess.DEVNULL)
        root = ET.parse(path).getroot()
        self.assertEqual(root.findtext("id"), APP_ID)
        summaries = {e.get(lang): e.text for e in root.findall("summary")}
        self.assertEqual(summaries["vi"], "Quản lý chứng thư số của cán bộ trong đơn vị")
        self.assertTrue(summaries[None])
        desc = root.find("description")
        vi_paras = [p for p in desc.iter() if p.get(lang) == "vi"]
        en_paras = [p for p in desc.iter() if p.tag in ("p", "li") and p.get(lang) is None]
        self.assertGreaterEqual(len(vi_paras), len(en_paras))
        self.assertIsNotNone(root.find("content_rating"))
        release = root.find("releases/release")
        self.assertIsNotNone(release.find("description"))
        self.assertEqual(release.get("version"),
                         json.loads(subprocess.run(["meson", "introspect", "--projectinfo", BUILD],
                                                   capture_output=True, check=True,
                                                   text=True).stdout)["version"])
        self.assertEqual(root.find("launchable").text, APP_ID + ".desktop")

        # Screenshots: each one referenced is committed under
        # data/screenshots/ (build-aux/screenshots) as a real PNG of the
        # size stated, and each one committed is referenced.
        shots = root.findall("screenshots/screenshot")
        self.assertTrue(shots)
        self.assertEqual(len([s for s in shots if s.get("type") == "default"]), 1)
        folder = os.path.join(SOURCE, "data", "screenshots")
        named = set()
        for shot in shots:
            self.assertTrue(any(c.get(lang) == "vi" for c in shot.findall("caption")))
            img = shot.find("image")
            self.assertTrue(img.text.startswith("https://"), img.text)
            name = img.text.rsplit("/", 1)[1]
            named.add(name)
            size = subprocess.run(["identify", "-format", "%w %h",
                                   os.path.join(folder, name)],
                                  capture_output=True, text=True, check=True).stdout.split()
            self.assertEqual(size, [img.get("width"), img.get("height")], name)
            self.assertGreaterEqual(int(size[0]), 1000)
        self.assertEqual(named, set(os.listdir(folder)))

    def test_translations_from_prefix(self):
        self.assertIn("Hiển thị phiên bản", self.help_text())
        # Without the installed catalogue it must fall back to English,
        # not to the build tree's catalogue.
        mo = os.path.join(self.localedir, "vi", "LC_MESSAGES", "certdesk.mo")
        os.rename(mo, mo + ".away")
        try:
            self.assertIn("Show the version", self.help_text())
        finally:
            os.rename(mo + ".away", mo)

    def test_schema_from_prefix(self):
        cfg = os.path.join(self.home, "config", "glib-2.0", "settings")
        os.makedirs(cfg, exist_ok=True)
        with open(os.path.join(cfg, "keyfile"), "w") as f:
            f.write("[io/github/certdesk/CertDesk]\nui-language='en'\n")
        try:
            # The ui-language key is read through the installed schema …
            self.assertIn("Show the version", self.help_text(GSETTINGS_BACKEND="keyfile"))
            # … and only through it: without it the default (Vietnamese) wins.
            compiled = os.path.join(self.schemadir, "gschemas.compiled")
            os.rename(compiled, compiled + ".away")
            try:
                self.assertIn("Hiển thị phiên bản", self.help_text(GSETTINGS_BACKEND="keyfile"))
            finally:
                os.rename(compiled + ".away", compiled)
        finally:
            os.unlink(os.path.join(cfg, "keyfile"))

    def window_text(self, expect_title, argv=None, **extra):
        """Starts @argv (the installed binary by default), waits for its
        window over AT-SPI and returns everything a screen reader could say
        in it. A process that dies first fails with its stderr."""
        import pyatspi
        argv = argv or [self.bin]
        env = dict(os.environ)
        env.update(HOME=self.home, XDG_DATA_HOME=os.path.join(self.home, "data"),
                   XDG_CONFIG_HOME=os.path.join(self.home, "config"), GTK_A11Y="atspi")
        env.update(extra)
        with tempfile.TemporaryFile("w+") as err:
            proc = subprocess.Popen(argv, env=env, stdout=err, stderr=err)
            try:
                def app_or_exit():
                    if proc.poll() is not None:
                        return "exited"
                    desk = pyatspi.Registry.getDesktop(0)
                    for i in range(desk.childCount):
                        a = desk.getChildAtIndex(i)
                        if a is not None and a.get_process_id() == proc.pid:
                            return a
                    return None
                # Generous: the test machine is shared and often loaded.
                app = cdtest.wait_for(app_or_exit, 90, what="the installed certdesk's window")
                if app == "exited":
                    err.seek(0)
                    self.fail("certdesk exited with %s: %s" % (proc.returncode, err.read()))
                win = cdtest.wait_for(
                    lambda: next((app.getChildAtIndex(i) for i in range(app.childCount)
                                  if app.getChildAtIndex(i).getRoleName() == "frame"), None),
                    60, what="the main window")
                self.assertEqual(win.name, expect_title)
                # Wait until the window's content is on the accessibility bus.
                text = cdtest.wait_for(lambda: (lambda t: t if len(t) > len(expect_title) + 40
                                                else None)(cdtest.all_text(win)),
                                       what="the window's content")
                subprocess.run(["gdbus", "call", "--session", "--dest", APP_ID, "--object-path",
                                "/io/github/certdesk/CertDesk", "--method",
                                "org.gtk.Actions.Activate", "quit", "[]", "{}"],
                               capture_output=True, timeout=10)
                self.assertEqual(proc.wait(20), 0)
                return text
            finally:
                if proc.poll() is None:
                    proc.kill()
                    proc.wait()

    def test_desktop_shortcut_launches_installed_window(self):
        """The clerk's way in: the launcher made by the installed binary
        starts that binary's window."""
        r = subprocess.run([self.bin, "--create-desktop-shortcut"], env=self.env(),
                           capture_output=True, text=True, timeout=30)
        self.assertEqual(r.returncode, 0, r.stderr)
        path = os.path.join(self.home, "Desktop", APP_ID + ".desktop")
        subprocess.run(["desktop-file-validate", path], check=True)
        kf = GLib.KeyFile()
        kf.load_from_file(path, GLib.KeyFileFlags.NONE)
        argv = GLib.shell_parse_argv(kf.get_string("Desktop Entry", "Exec"))[1]
        self.assertEqual(argv, [os.path.realpath(self.bin)])
        icon = kf.get_string("Desktop Entry", "Icon")
        self.assertTrue(icon.startswith(self.datadir) and os.path.isfile(icon), icon)
        # Started the way a bare session may start it: without $LANG/$LC_ALL
        # (the window used to come up in English then).
        text = self.window_text("Quản lý chứng thư số",
                                argv=["/usr/bin/env", "-u", "LANG", "-u", "LC_ALL",
                                      "-u", "LC_MESSAGES"] + argv)
        self.assertIn("cán bộ", text)

    def test_launch_installed_desktop_file(self):
        """What the menu does: `gio launch` the installed .desktop file
        (Exec=certdesk found on $PATH), without $LANG."""
        import pyatspi
        desktop_file = os.path.join(self.datadir, "applications", APP_ID + ".desktop")
        env = self.env(PATH=self.bindir + ":/usr/bin:/bin")
        for var in ("LANG", "LC_ALL", "LC_MESSAGES"):
            env.pop(var, None)
        env["GTK_A11Y"] = "atspi"
        subprocess.run(["gio", "launch", desktop_file], env=env, check=True, timeout=30)
        # certdesk becomes the installed certdesk-gui (execve, same pid)
        # to show the window
        real = (os.path.realpath(self.bin),
                os.path.realpath(os.path.join(self.prefix, meson_option("libexecdir"), "certdesk-gui")))

        def ours():
            desk = pyatspi.Registry.getDesktop(0)
            for i in range(desk.childCount):
                a = desk.getChildAtIndex(i)
                try:
                    if os.path.realpath("/proc/%d/exe" % a.get_process_id()) in real:
                        return a
                except Exception:
                    continue
            return None
        app = cdtest.wait_for(ours, 90, what="the launched certdesk")
        pid = app.get_process_id()
        try:
            win = cdtest.wait_for(lambda: next((app.getChildAtIndex(i) for i in range(app.childCount)
                                                if app.getChildAtIndex(i).getRoleName() == "frame"),
                                               None), what="its window")
            self.assertEqual(win.name, "Quản lý chứng thư số")
            subprocess.run(["gdbus", "call", "--session", "--dest", APP_ID, "--object-path",
                            "/io/github/certdesk/CertDesk", "--method",
                            "org.gtk.Actions.Activate", "quit", "[]", "{}"],
                           capture_output=True, timeout=10)
            cdtest.wait_for(lambda: process_gone(pid), 10, what="certdesk to quit")
        finally:
            if os.path.exists("/proc/%d" % pid):
                try:
                    os.kill(pid, 9)
                except ProcessLookupError:
                    pass

    def test_window_vietnamese(self):
        text = self.window_text("Quản lý chứng thư số")
        self.assertTrue(VIETNAMESE & set(text.lower()), text)
        self.assertIn("cán bộ", text)

    def test_window_english(self):
        text = self.window_text("CertDesk", CERTDESK_UI_LANGUAGE="en")
        self.assertFalse(VIETNAMESE & set(text.lower()),
                         "Vietnamese left in the English UI: " + text)


if __name__ == "__main__":
    unittest.main(verbosity=2)
