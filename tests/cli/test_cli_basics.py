#!/usr/bin/python3
"""The certdesk command line, headless: --version, --help in Vietnamese,
a wrong --database, and the default register created private."""
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


if __name__ == "__main__":
    unittest.main(verbosity=2)
