#!/usr/bin/python3
"""`certdesk --create-desktop-shortcut`, headless: the launcher lands in the
folder xdg-user-dirs names as DESKTOP (or ~/Desktop), validates, is
executable, and its Exec runs the very binary that made it — also from a
path with spaces and Vietnamese letters."""
import os
import shutil
import stat
import subprocess
import tempfile
import unittest

from gi.repository import GLib

BIN = os.environ["CERTDESK_BIN"]
APP_ID = "io.github.certdesk.CertDesk"


class DesktopShortcut(unittest.TestCase):
    def setUp(self):
        self.home = tempfile.mkdtemp(prefix="certdesk-shortcut-")

    def tearDown(self):
        shutil.rmtree(self.home, ignore_errors=True)

    def run_bin(self, binary, *args, **extra):
        e = dict(os.environ)
        e.pop("DISPLAY", None)
        e.pop("WAYLAND_DISPLAY", None)
        e["HOME"] = self.home
        e["XDG_CONFIG_HOME"] = os.path.join(self.home, ".config")
        e["XDG_DATA_HOME"] = os.path.join(self.home, ".local", "share")
        e.update(extra)
        return subprocess.run([binary, *args], capture_output=True, text=True,
                              env=e, timeout=30)

    def user_dirs(self, desktop_rel):
        cfg = os.path.join(self.home, ".config")
        os.makedirs(cfg, exist_ok=True)
        with open(os.path.join(cfg, "user-dirs.dirs"), "w") as f:
            f.write('# written by xdg-user-dirs-update\n'
                    'XDG_DESKTOP_DIR="$HOME/%s"\nXDG_DOCUMENTS_DIR="$HOME/Tài liệu"\n'
                    % desktop_rel)

    def check_launcher(self, path, binary):
        st = os.stat(path)
        self.assertTrue(st.st_mode & stat.S_IXUSR, "launcher executable")
        subprocess.run(["desktop-file-validate", path], check=True)
        kf = GLib.KeyFile()
        kf.load_from_file(path, GLib.KeyFileFlags.NONE)
        exec_ = kf.get_string("Desktop Entry", "Exec")
        argv = GLib.shell_parse_argv(exec_.replace("%%", "%"))[1]
        self.assertEqual(argv, [os.path.realpath(binary)])
        # Double-click, as the desktop would do it (with --version so that
        # no window is needed).
        r = self.run_bin(argv[0], "--version")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertTrue(r.stdout.startswith("certdesk "))
        return kf

    def test_into_xdg_desktop_dir(self):
        self.user_dirs("Màn hình nền")
        r = self.run_bin(BIN, "--create-desktop-shortcut")
        self.assertEqual(r.returncode, 0, r.stderr)
        path = os.path.join(self.home, "Màn hình nền", APP_ID + ".desktop")
        self.assertTrue(os.path.isfile(path), r.stdout)
        self.assertIn(path, r.stdout)
        self.assertIn("Đã tạo biểu tượng", r.stdout)
        kf = self.check_launcher(path, BIN)
        self.assertEqual(kf.get_string("Desktop Entry", "Name"), "Quản lý chứng thư số")
        icon = kf.get_string("Desktop Entry", "Icon")
        self.assertTrue(icon == APP_ID or os.path.isfile(icon), icon)
        # No register was opened or created for this.
        self.assertFalse(os.path.exists(os.path.join(self.home, ".local", "share", "certdesk",
                                                     "certdesk.db")))
        # Running it twice is fine.
        r = self.run_bin(BIN, "--create-desktop-shortcut")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(os.listdir(os.path.join(self.home, "Màn hình nền")), [APP_ID + ".desktop"])

    def test_default_desktop_without_user_dirs(self):
        r = self.run_bin(BIN, "--create-desktop-shortcut", CERTDESK_UI_LANGUAGE="en")
        self.assertEqual(r.returncode, 0, r.stderr)
        path = os.path.join(self.home, "Desktop", APP_ID + ".desktop")
        kf = self.check_launcher(path, BIN)
        self.assertEqual(kf.get_string("Desktop Entry", "Name"), "CertDesk")
        self.assertIn("Created the desktop icon", r.stdout)

    def test_binary_in_awkward_path(self):
        self.user_dirs("Desktop")
        folder = os.path.join(self.home, "Chương trình $HOME 100%")
        os.makedirs(folder)
        binary = os.path.join(folder, "certdesk")
        shutil.copy2(BIN, binary)
        r = self.run_bin(binary, "--create-desktop-shortcut")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.check_launcher(os.path.join(self.home, "Desktop", APP_ID + ".desktop"), binary)

    def test_unwritable_desktop_says_why(self):
        self.user_dirs("Desktop")
        # A file where the folder should be: creating it fails.
        with open(os.path.join(self.home, "Desktop"), "w") as f:
            f.write("x")
        os.chmod(self.home, 0o755)
        r = self.run_bin(BIN, "--create-desktop-shortcut")
        self.assertEqual(r.returncode, 1)
        self.assertIn("màn hình nền", r.stderr)


if __name__ == "__main__":
    unittest.main(verbosity=2)
