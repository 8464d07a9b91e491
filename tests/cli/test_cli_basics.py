#!/usr/bin/python3
"""The certdesk command line, headless: --version, --help in Vietnamese,
a wrong --database, the default register created private, and --demo
leaving nothing behind in the temporary folder."""
import json
import os
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "common"))
import cdtest  # noqa: E402

BIN = os.environ["CERTDESK_BIN"]


run = cdtest.run


class CliBasics(unittest.TestCase):
    def test_version(self):
        p = run("--version")
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertRegex(p.stdout.strip(), r"^certdesk \d+\.\d+\.\d+$")

    def test_help_is_vietnamese_by_default(self):
        p = run("--help")
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertIn("--database", p.stdout)
        # Our own option descriptions, translated.
        self.assertIn("Hiển thị phiên bản", p.stdout)

    def test_help_in_english_when_asked(self):
        p = run("--help", env={"CERTDESK_UI_LANGUAGE": "en"})
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertIn("Show the version and exit", p.stdout)

    def test_database_in_missing_folder_fails_clearly(self):
        p = run("--database=/nonexistent/dir/x.db")
        self.assertNotEqual(p.returncode, 0)
        self.assertLess(p.returncode, 128, "must exit, not crash")
        self.assertIn("/nonexistent/dir", p.stderr)
        self.assertIn("không tồn tại", p.stderr)
        self.assertFalse(os.path.exists("/nonexistent/dir/x.db"))

    def test_database_not_sqlite_fails_clearly(self):
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "notes.db")
            with open(path, "w") as f:
                f.write("this is not a database\n" * 100)
            before = open(path).read()
            # The register is opened before any window: no display needed.
            p = run("--database=" + path)
            self.assertNotEqual(p.returncode, 0)
            self.assertLess(p.returncode, 128, "must exit, not crash")
            self.assertIn("SQLite", p.stderr)
            self.assertEqual(open(path).read(), before, "a foreign file is never written")


class DemoCleanup(unittest.TestCase):
    """--demo builds its sample register in a folder of $TMPDIR (4.5 MB
    with its -wal and -shm): it must be gone when certdesk ends."""

    def run_demo(self, *args, env=None):
        with tempfile.TemporaryDirectory(prefix="certdesk-tmpdir-") as tmp:
            e = {"TMPDIR": tmp}
            if env:
                e.update(env)
            p = run("--demo", *args, env=e, timeout=60)
            left = sorted(os.listdir(tmp))
        self.assertLess(p.returncode, 128, "must exit, not crash: " + p.stderr)
        self.assertEqual(left, [], f"certdesk --demo {' '.join(args)} left files in TMPDIR")
        return p

    def test_list_devices(self):
        p = self.run_demo("--list-devices")
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertTrue(p.stdout.strip(), "the demo register has devices")

    def test_lists(self):
        # Hồ sơ of the demo is not empty: a list sent and one done, whose
        # Word files live in the demo's folder and go with it.
        p = self.run_demo("--list-batches", "--json")
        self.assertEqual(p.returncode, 0, p.stderr)
        lists = json.loads(p.stdout)
        self.assertEqual(sorted(b["status"] for b in lists), ["done", "sent"], p.stdout)

    def test_list_devices_json(self):
        p = self.run_demo("--list-devices", "--json")
        self.assertEqual(p.returncode, 0, p.stderr)

    def test_export_register(self):
        with tempfile.TemporaryDirectory() as out:
            path = os.path.join(out, "so-theo-doi.xlsx")
            p = self.run_demo("--export-register", path)
            self.assertEqual(p.returncode, 0, p.stderr)
            self.assertTrue(os.path.getsize(path) > 0)

    def test_export_name_says_what_it_is(self):
        # --export-register=sổ.pdf wrote an Excel workbook under a .pdf
        # name; now each export refuses a name of the other kind, writes
        # nothing and says which option writes what.
        with tempfile.TemporaryDirectory() as out:
            for opt, name, hint in (("--export-register", "so.pdf", "--export-pdf"),
                                    ("--export-bulk-sheet", "cuc.pdf", "--export-pdf"),
                                    ("--export-pdf", "so.xlsx", "--export-register"),
                                    ("--export-register", "so", "--export-pdf")):
                path = os.path.join(out, name)
                p = self.run_demo(opt, path)
                self.assertNotEqual(p.returncode, 0, (opt, name))
                self.assertIn(hint, p.stderr)
                self.assertIn("Hãy đặt tên", p.stderr)
                self.assertFalse(os.path.exists(path), (opt, name))
            path = os.path.join(out, "SO.PDF")
            p = self.run_demo("--export-pdf", path)
            self.assertEqual(p.returncode, 0, p.stderr)
            with open(path, "rb") as f:
                self.assertEqual(f.read(5), b"%PDF-")

    def test_failed_action(self):
        p = self.run_demo("--import-staff", "/nonexistent/dir/staff.xlsx")
        self.assertNotEqual(p.returncode, 0)

    def test_window_without_display(self):
        # No display and no session bus: GTK gives up in its start-up and
        # leaves through exit(), past the application's shutdown.
        p = self.run_demo(env={"GDK_BACKEND": "x11",
                               "DBUS_SESSION_BUS_ADDRESS": "unix:path=/nonexistent"})
        self.assertNotEqual(p.returncode, 0)


if __name__ == "__main__":
    unittest.main(verbosity=2)
