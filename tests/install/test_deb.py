#!/usr/bin/python3
"""build-aux/make-deb: the .deb it builds has the right name, control
fields and dependencies (every library the binary needs, the OpenSC
PKCS#11 module, pcscd recommended), the installed files, root ownership;
it installs into and is removed cleanly from a scratch dpkg root without
touching the host, and apt could install it here."""
import json
import os
import shutil
import subprocess
import tempfile
import unittest

SOURCE = os.environ["MESON_SOURCE_ROOT"]
BUILD = os.environ["MESON_BUILD_ROOT"]
APP_ID = "io.github.certdesk.CertDesk"


def out(*cmd, **kw):
    return subprocess.run(cmd, check=True, capture_output=True, text=True, **kw).stdout


def parse_depends(value):
    """'a (>= 1), b | c' -> {'a', 'b', 'c'}"""
    names = set()
    for alt in value.split(","):
        for dep in alt.split("|"):
            dep = dep.strip()
            if dep:
                names.add(dep.split()[0].split(":")[0])
    return names


def package_of(path):
    """The package owning a library, whichever name dpkg knows it by
    (merged /usr: /lib and /usr/lib, symlinks)."""
    candidates = []
    for p in (path, os.path.realpath(path)):
        candidates += [p, p[4:] if p.startswith("/usr/") else "/usr" + p]
        candidates.append(os.path.join(os.path.dirname(p), os.path.basename(path)))
    for c in candidates:
        r = subprocess.run(["dpkg", "-S", c], capture_output=True, text=True)
        if r.returncode == 0:
            return r.stdout.split(":")[0]
    raise AssertionError("no package owns " + path)


class Deb(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="certdesk-deb-")
        # A /usr build of its own, kept in the build tree so that later
        # runs only rebuild what changed.
        builddir = os.path.join(BUILD, "make-deb-build")
        lines = out(os.path.join(SOURCE, "build-aux", "make-deb"), "--builddir", builddir,
                    "--outdir", cls.tmp, "-j", "2").strip().splitlines()
        cls.deb = lines[-1]
        cls.version = json.loads(out("meson", "introspect", "--projectinfo", BUILD))["version"]
        cls.arch = out("dpkg", "--print-architecture").strip()
        cls.tree = os.path.join(cls.tmp, "tree")
        out("dpkg-deb", "-x", cls.deb, cls.tree)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def field(self, name):
        return out("dpkg-deb", "--field", self.deb, name).strip()

    def test_name_and_control(self):
        self.assertEqual(os.path.basename(self.deb),
                         "certdesk_%s_%s.deb" % (self.version, self.arch))
        info = out("dpkg-deb", "--info", self.deb)
        self.assertIn("Package: certdesk", info)
        self.assertEqual(self.field("Version"), self.version)
        self.assertEqual(self.field("Architecture"), self.arch)
        self.assertTrue(self.field("Maintainer"))
        self.assertTrue(self.field("Description"))
        self.assertGreater(int(self.field("Installed-Size")), 0)
        self.assertIn("pcscd", parse_depends(self.field("Recommends")))

    def test_depends(self):
        depends = parse_depends(self.field("Depends"))
        for pkg in ("libgtk-4-1", "libadwaita-1-0", "libglib2.0-0", "libsqlite3-0",
                    "libc6", "opensc-pkcs11", "dconf-gsettings-backend"):
            self.assertIn(pkg, depends)
        # Every shared library the packaged binaries link is provided by a
        # package it depends on: certdesk, and certdesk-gui (the window it
        # starts), which alone links GTK.
        for binary in (os.path.join(self.tree, "usr", "bin", "certdesk"),
                       os.path.join(self.tree, "usr", "libexec", "certdesk-gui")):
            needed = [l.split("[")[1].rstrip("]") for l in out("readelf", "-d", binary).splitlines()
                      if "(NEEDED)" in l]
            self.assertTrue(needed)
            ldd = out("ldd", binary)
            for lib in needed:
                path = next(l.split("=>")[1].split("(")[0].strip() for l in ldd.splitlines()
                            if l.strip().startswith(lib + " "))
                owner = package_of(path)
                self.assertIn(owner, depends, "%s (from %s) not in Depends" % (owner, lib))

    def test_contents(self):
        listing = out("dpkg-deb", "--contents", self.deb).splitlines()
        paths = set()
        for line in listing:
            parts = line.split()
            self.assertEqual(parts[1], "root/root", line)
            paths.add(parts[-1].rstrip("/"))
        for p in ("./usr/bin/certdesk",
                  "./usr/libexec/certdesk-gui",
                  "./usr/share/applications/%s.desktop" % APP_ID,
                  "./usr/share/metainfo/%s.metainfo.xml" % APP_ID,
                  "./usr/share/glib-2.0/schemas/%s.gschema.xml" % APP_ID,
                  "./usr/share/icons/hicolor/scalable/apps/%s.svg" % APP_ID,
                  "./usr/share/icons/hicolor/symbolic/apps/%s-symbolic.svg" % APP_ID,
                  "./usr/share/locale/vi/LC_MESSAGES/certdesk.mo",
                  "./usr/share/doc/certdesk/copyright"):
            self.assertIn(p, paths)
        if os.path.isfile(os.path.join(SOURCE, "data", "holidays.tsv")):
            self.assertIn("./usr/share/certdesk/holidays.tsv", paths)
        templates = os.path.join(SOURCE, "data", "templates")
        if os.path.isdir(templates):
            for name in os.listdir(templates):
                self.assertIn("./usr/share/certdesk/templates/" + name, paths)
        for p in paths:
            self.assertTrue(p in (".", "./usr") or p.startswith("./usr/"), p)
            self.assertNotIn("/usr/local", p)
            # Caches belong to the dpkg triggers of the target system.
            self.assertFalse(p.endswith(("gschemas.compiled", "icon-theme.cache")), p)
        mode = os.stat(os.path.join(self.tree, "usr", "bin", "certdesk")).st_mode
        self.assertEqual(mode & 0o777, 0o755)
        subprocess.run(["desktop-file-validate", os.path.join(
            self.tree, "usr", "share", "applications", APP_ID + ".desktop")], check=True)

    def test_install_and_remove_in_scratch_root(self):
        root = os.path.join(self.tmp, "root")
        for d in ("var/lib/dpkg/info", "var/lib/dpkg/updates", "var/lib/dpkg/triggers"):
            os.makedirs(os.path.join(root, d))
        open(os.path.join(root, "var/lib/dpkg/status"), "w").close()
        # The libraries live on the host, not in the scratch root.
        out("dpkg", "--root=" + root, "--force-depends", "--force-script-chrootless",
            "--force-not-root", "-i", self.deb)
        status = out("dpkg-query", "--admindir=" + os.path.join(root, "var/lib/dpkg"),
                     "-W", "-f=${Status} ${Version}", "certdesk")
        self.assertEqual(status, "install ok installed " + self.version)
        # The unpacked program is complete: it finds its own translation.
        env = {"PATH": "/usr/bin:/bin", "HOME": self.tmp, "LANG": "C.UTF-8"}
        help_text = out(os.path.join(root, "usr", "bin", "certdesk"), "--help", env=env)
        self.assertIn("Hiển thị phiên bản", help_text)

        out("dpkg", "--root=" + root, "--force-not-root", "--purge", "certdesk")
        left = [os.path.join(d, f) for d, _, files in os.walk(os.path.join(root, "usr"))
                for f in files]
        self.assertEqual(left, [])

    def test_apt_would_install(self):
        apt = shutil.which("apt-get")
        if apt is None:
            self.skipTest("no apt-get")
        r = subprocess.run([apt, "install", "-s", "-q", "--no-install-recommends", self.deb],
                           capture_output=True, text=True)
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        self.assertIn("Inst certdesk", r.stdout)


if __name__ == "__main__":
    unittest.main(verbosity=2)
