#!/usr/bin/python3
"""A headless action pays for what it does (issue 19): one that only
reads never runs the register's integrity check; one that writes runs it
before its first write, at most once a day (recorded in the audit log)."""
import os
import sqlite3
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "common"))
import cdtest  # noqa: E402

STAFF_CSV = """Họ và tên,Ngày sinh,Số CCCD
Nguyễn Thị Hoa,07/03/1985,031185001234
Trần Văn Nam,01/02/1980,031080001235
"""


class DailyCheck(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.db = os.path.join(self.tmp.name, "so.db")
        csv = os.path.join(self.tmp.name, "ds.csv")
        with open(csv, "w", encoding="utf-8") as f:
            f.write(STAFF_CSV)
        p = self.run_cli("--import-staff=" + csv)
        self.assertEqual(p.returncode, 0, p.stderr)

    def tearDown(self):
        self.tmp.cleanup()

    def run_cli(self, *args):
        return cdtest.run("--database=" + self.db, *args)

    def checks(self):
        with sqlite3.connect(self.db) as c:
            return [at for (at,) in c.execute(
                "SELECT at FROM audit_log WHERE action = 'check' AND entity = 'register'")]

    def forget_checks(self):
        with sqlite3.connect(self.db) as c:
            c.execute("DELETE FROM audit_log WHERE action = 'check'")

    def test_read_only_action_skips_the_check(self):
        self.forget_checks()
        # (--list-devices writes: it starts the recovery tasks' clocks)
        for args in (["--show-unit"], ["--json", "--show-unit"]):
            p = self.run_cli(*args)
            self.assertEqual(p.returncode, 0, p.stderr)
        self.assertEqual(self.checks(), [])

    def test_writing_action_checks_once_a_day(self):
        self.forget_checks()
        p = self.run_cli("--set-unit=name=TRƯỜNG THCS LÊ LỢI")
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertEqual(len(self.checks()), 1)
        p = self.run_cli("--set-unit=name=TRƯỜNG THCS LÊ LỢI 2")
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertEqual(len(self.checks()), 1, "the day's second write skips it")
        with sqlite3.connect(self.db) as c:
            c.execute("UPDATE audit_log SET at = '2001-01-01T07:00:00' WHERE action = 'check'")
        p = self.run_cli("--set-unit=name=TRƯỜNG THCS LÊ LỢI 3")
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertEqual(len(self.checks()), 2, "yesterday's does not count")

    def test_generate_for_named_people(self):
        p = self.run_cli("--set-unit=name=TRƯỜNG THCS LÊ LỢI")
        self.assertEqual(p.returncode, 0, p.stderr)
        out = os.path.join(self.tmp.name, "ds.docx")
        p = self.run_cli("--generate=cap-moi", "--staff=2", "--output=" + out)
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertIn(": 1 ", p.stdout)
        p = self.run_cli("--generate=cap-moi", "--staff=2,77", "--output=" + out, "--force")
        self.assertEqual(p.returncode, 1)
        self.assertIn("77", p.stderr)


if __name__ == "__main__":
    unittest.main(verbosity=2)
