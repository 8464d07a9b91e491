#!/usr/bin/python3
"""A token its holder already had, registered at the terminal:
`--add-device=SERIAL --holder-cccd=CCCD` was recorded as handed over the
day it was typed in, so the notice of handovers to the Cục for that
period listed tokens people had held for years. Without `--handed-on`
the handover has no day and no notice lists it; with a real day (not
after today) it is that day's handover. The notice is read back from
the PDF with pdftotext, the register with sqlite3."""
import datetime
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "common"))
import cdtest  # noqa: E402

run = cdtest.run
TZ = "Asia/Ho_Chi_Minh"


def today():
    os.environ["TZ"] = TZ
    import time
    time.tzset()
    return datetime.date.today()


class DeviceHeld(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.db = os.path.join(self.tmp.name, "certdesk.db")
        csv = os.path.join(self.tmp.name, "staff.csv")
        with open(csv, "w", encoding="utf-8") as f:
            f.write("STT;Họ và tên;Ngày sinh;Giới tính;Số CCCD;Điện thoại;Email\n")
            f.write("1;Phạm Thị Lan;02/05/1988;Nữ;031188000101;0912000101;lanpt@haiphong.edu.vn\n")
            f.write("2;Hoàng Văn Thái;04/03/1985;Nam;031085000102;0912000102;thaihv@haiphong.edu.vn\n")
        self.ok("--import-staff=" + csv)

    def tearDown(self):
        self.tmp.cleanup()

    def certdesk(self, *args):
        return run("--database=" + self.db, *args, env={"CERTDESK_UI_LANGUAGE": "vi", "TZ": TZ})

    def ok(self, *args):
        p = self.certdesk(*args)
        self.assertEqual(p.returncode, 0, p.stderr)
        return p

    def notice_text(self, *period):
        """The text of this period's notice (default: this month), or None
        when there is nothing to notify."""
        path = os.path.join(self.tmp.name, "thong-bao.pdf")
        p = self.certdesk("--handover-notice=" + path, "--force", *period)
        if p.returncode != 0:
            self.assertEqual(p.returncode, 1, p.stderr)
            self.assertIn("không có gì để thông báo", p.stderr)
            return None
        return subprocess.run(["pdftotext", "-layout", path, "-"], check=True,
                              capture_output=True, text=True).stdout

    def events(self, serial):
        with sqlite3.connect(self.db) as db:
            return db.execute("SELECT e.kind, e.date FROM handover_events e JOIN devices d"
                              " ON d.id = e.device_id WHERE d.token_serial = ? ORDER BY e.id",
                              (serial,)).fetchall()

    @unittest.skipUnless(shutil.which("pdftotext"), "pdftotext (poppler-utils) is not installed")
    def test_held_without_date_not_in_notice(self):
        p = self.ok("--add-device=B4ID2019000001", "--holder-cccd=031188000101")
        # This month's notice has nothing to notify.
        self.assertIsNone(self.notice_text())
        self.assertEqual(self.events("B4ID2019000001"), [("receive", None), ("hand_to_holder", None)])
        self.assertIn("Phạm Thị Lan", p.stdout)
        self.assertIn("đang giữ từ trước khi đăng ký", p.stdout)
        devices = self.ok("--list-devices").stdout
        self.assertIn("B4ID2019000001", devices)
        self.assertIn("Phạm Thị Lan", devices)

        # Handed over today, said so: in this month's notice, alone.
        day = today().strftime("%d/%m/%Y")
        p = self.ok("--add-device=B4ID2026000002", "--holder-cccd=031085000102", "--handed-on=" + day)
        self.assertIn("bàn giao ngày " + day, p.stdout)
        text = self.notice_text()
        self.assertIsNotNone(text)
        self.assertIn("B4ID2026000002", text)
        self.assertIn("Hoàng Văn Thái", text)
        self.assertNotIn("B4ID2019000001", text)
        self.assertNotIn("Phạm Thị Lan", text)

    @unittest.skipUnless(shutil.which("pdftotext"), "pdftotext (poppler-utils) is not installed")
    def test_handed_on_in_its_own_period(self):
        self.ok("--add-device=B4ID2025000003", "--holder-cccd=031085000102", "--handed-on=15/03/2025",
                "--json")
        self.assertEqual(self.events("B4ID2025000003"), [("receive", None), ("hand_to_holder", "2025-03-15")])
        self.assertIsNone(self.notice_text())
        text = self.notice_text("--from=01/03/2025", "--to=31/03/2025")
        self.assertIn("B4ID2025000003", text)
        self.assertIn("15/03/2025", text)

    def test_bad_dates_refused(self):
        tomorrow = (today() + datetime.timedelta(days=1)).strftime("%d/%m/%Y")
        for date, words in (("31/02/2025", "dd/mm/yyyy"), ("hôm qua", "dd/mm/yyyy"),
                            (tomorrow, "sau hôm nay")):
            p = self.certdesk("--add-device=B4ID1", "--holder-cccd=031188000101", "--handed-on=" + date)
            self.assertEqual(p.returncode, 2, p.stdout)
            self.assertIn(words, p.stderr)
        p = self.certdesk("--add-device=B4ID1", "--handed-on=01/01/2025")
        self.assertEqual(p.returncode, 2)
        self.assertIn("--holder-cccd", p.stderr)
        # Nothing was written by the refusals.
        with sqlite3.connect(self.db) as db:
            self.assertEqual(db.execute("SELECT count(*) FROM devices").fetchone()[0], 0)


if __name__ == "__main__":
    unittest.main()
