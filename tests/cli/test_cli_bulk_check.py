#!/usr/bin/python3
"""The Cục's sheet checked before it is written (issue 15): with
--export-bulk-sheet every row whose required cells are empty is told on
stderr ("Dòng 3 – Trần Văn Nam: thiếu Số CCCD, Ngày cấp"), then the
sheet is written (exit 0); with --strict nothing is written and the exit
is non-zero. A sheet with every row whole says nothing."""
import os
import sqlite3
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "common"))
import cdtest  # noqa: E402

run = cdtest.run
HEAD = "STT;Họ và tên;Ngày sinh;Giới tính;Chức vụ;Số CCCD;Ngày cấp;Nơi cấp;Điện thoại;Email\n"
PLACE = "Cục Cảnh sát QLHC về TTXH"


class BulkCheck(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.db = os.path.join(self.tmp.name, "certdesk.db")
        self.ok("--set-unit=name=TRƯỜNG THCS LÊ LỢI", "--set-unit=province=Hải Phòng")
        # --set-unit has no key for the organisation levels (Tùy chỉnh does)
        with sqlite3.connect(self.db) as db:
            db.execute("UPDATE unit SET org1 = 'UBND thành phố Hải Phòng' WHERE id = 1")

    def tearDown(self):
        self.tmp.cleanup()

    def certdesk(self, *args):
        return run("--database=" + self.db, *args, env={"CERTDESK_UI_LANGUAGE": "vi"})

    def ok(self, *args):
        p = self.certdesk(*args)
        self.assertEqual(p.returncode, 0, p.stderr)
        return p

    def import_staff(self, rows):
        csv = os.path.join(self.tmp.name, "staff.csv")
        with open(csv, "w", encoding="utf-8") as f:
            f.write(HEAD)
            for i, r in enumerate(rows, 1):
                f.write("%d;%s\n" % (i, ";".join(r)))
        self.ok("--import-staff=" + csv)

    def test_incomplete_rows_told_then_written(self):
        self.import_staff([
            ("Nguyễn Thị Hương", "12/03/1985", "Nữ", "Giáo viên", "031185001234", "20/04/2021", PLACE,
             "0912345678", "huongnt@haiphong.edu.vn"),
            ("Trần Văn Nam", "05/01/1980", "Nam", "Giáo viên", "", "", PLACE,
             "0987654321", "namtv@haiphong.edu.vn"),
            ("Lê Thị Mai", "20/11/1990", "Nữ", "Kế toán", "031190007777", "", PLACE,
             "0911222333", "mailt@haiphong.edu.vn"),
        ])
        sheet = os.path.join(self.tmp.name, "cuc.xlsx")
        p = self.certdesk("--export-bulk-sheet=" + sheet)
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertTrue(os.path.exists(sheet))
        lines = [l.strip() for l in p.stderr.splitlines() if l.strip().startswith("Dòng")]
        # the people are listed in Vietnamese order: Hương, Mai, Nam
        self.assertEqual(lines, ["Dòng 3 – Lê Thị Mai: thiếu Ngày cấp",
                                 "Dòng 4 – Trần Văn Nam: thiếu Số CCCD, Ngày cấp"], p.stderr)
        self.assertNotIn("Nguyễn Thị Hương", p.stderr)
        self.assertIn("2 dòng", p.stderr)

        # --strict: the same lines, then a refusal, and no file
        strict = os.path.join(self.tmp.name, "cuc-strict.xlsx")
        p = self.certdesk("--export-bulk-sheet=" + strict, "--strict")
        self.assertNotEqual(p.returncode, 0)
        self.assertIn("Dòng 4 – Trần Văn Nam: thiếu Số CCCD, Ngày cấp", p.stderr)
        self.assertIn("--strict", p.stderr)
        self.assertFalse(os.path.exists(strict))
        self.assertEqual(os.listdir(self.tmp.name).count("cuc-strict.xlsx"), 0)

    def test_whole_rows_say_nothing(self):
        self.import_staff([
            ("Nguyễn Thị Hương", "12/03/1985", "Nữ", "Giáo viên", "031185001234", "20/04/2021", PLACE,
             "0912345678", "huongnt@haiphong.edu.vn"),
        ])
        sheet = os.path.join(self.tmp.name, "cuc.xlsx")
        p = self.certdesk("--export-bulk-sheet=" + sheet, "--strict")
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertNotIn("Dòng", p.stderr)
        self.assertTrue(os.path.exists(sheet))


if __name__ == "__main__":
    unittest.main()
