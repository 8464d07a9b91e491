#!/usr/bin/python3
"""certdesk --set-unit / --show-unit: every key round-trips through a real
register (read back with sqlite3 too), values are normalised, and an
unknown key or a bad value exits non-zero naming the key, in Vietnamese,
with nothing written."""
import json
import os
import sqlite3
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "common"))
import cdtest  # noqa: E402

run = cdtest.run

KEYS = ["name", "parent", "place", "province", "address", "phone", "email",
        "tax_code", "budget_code", "org1", "org2", "org3", "org4", "signer", "signer_title", "focal_name",
        "focal_cccd", "focal_cccd_date", "focal_cccd_place", "focal_position",
        "focal_phone", "focal_email"]

VALUES = {
    "name": "TRƯỜNG THCS LÊ LỢI",
    "parent": "UBND HUYỆN AN LÃO",
    "place": "Hải Phòng",
    "province": "Thành phố Hải Phòng",
    "address": "Số 1 đường Lê Lợi, thị trấn An Lão",
    "phone": "0225 3123 456",
    "email": "C2LeLoi@HaiPhong.edu.vn",
    "tax_code": "0201234567-001",
    "budget_code": "1 234 567",
    "org1": "Bộ Giáo dục và Đào tạo",
    "org2": "Sở Giáo dục và Đào tạo Hải Phòng",
    "org3": "UBND huyện An Lão",
    "org4": "Trường THCS Lê Lợi",
    "signer": "Phạm Thị Hiệu",
    "signer_title": "Hiệu trưởng",
    "focal_name": "Trần Thị Văn Thư",
    "focal_cccd": "031185000009",
    "focal_cccd_date": "05/01/2022",
    "focal_cccd_place": "Cục Cảnh sát QLHC về TTXH",
    "focal_position": "Văn thư",
    "focal_phone": "+84 912 345 678",
    "focal_email": "vanthu@haiphong.edu.vn",
}

STORED = dict(VALUES, phone="02253123456", email="c2leloi@haiphong.edu.vn",
              budget_code="1234567", focal_cccd_date="2022-01-05",
              focal_phone="0912345678")


class UnitCli(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.db = os.path.join(self.tmp.name, "certdesk.db")

    def tearDown(self):
        self.tmp.cleanup()

    def certdesk(self, *args):
        return run("--database=" + self.db, *args)

    def show_json(self):
        p = self.certdesk("--show-unit", "--json")
        self.assertEqual(p.returncode, 0, p.stderr)
        return json.loads(p.stdout)

    def set_all(self):
        args = ["--set-unit=%s=%s" % (k, v) for k, v in VALUES.items()]
        args.append("--set-unit=former_names=Trường THCS An Lão; Trường THCS Tân Dân")
        p = self.certdesk(*args)
        self.assertEqual(p.returncode, 0, p.stderr)

    def test_every_key_round_trips(self):
        self.set_all()
        got = self.show_json()
        self.assertEqual(sorted(got), sorted(KEYS + ["former_names"]))
        for k in KEYS:
            self.assertEqual(got[k], STORED[k], k)
        self.assertEqual(got["former_names"], ["Trường THCS An Lão", "Trường THCS Tân Dân"])
        # and in the register itself, where the documents read them
        with sqlite3.connect(self.db) as db:
            row = db.execute("SELECT tax_code, budget_code, focal_cccd, head_name,"
                             " head_title, parent_name FROM unit WHERE id = 1").fetchone()
        self.assertEqual(row, ("0201234567-001", "1234567", "031185000009",
                               "Phạm Thị Hiệu", "Hiệu trưởng", "UBND HUYỆN AN LÃO"))

    def test_plain_text_has_vietnamese_labels(self):
        self.set_all()
        p = self.certdesk("--show-unit")
        self.assertEqual(p.returncode, 0, p.stderr)
        for label, value in [("Tên đơn vị", "TRƯỜNG THCS LÊ LỢI"),
                             ("Mã số thuế", "0201234567-001"),
                             ("Mã đơn vị quan hệ ngân sách", "1234567"),
                             ("Cán bộ đầu mối", "Trần Thị Văn Thư"),
                             ("Ngày cấp CCCD của cán bộ đầu mối", "05/01/2022"),
                             ("Tên cũ của đơn vị", "Trường THCS An Lão; Trường THCS Tân Dân")]:
            self.assertIn("%s: %s\n" % (label, value), p.stdout)

    def test_empty_value_clears_only_that_key(self):
        self.set_all()
        p = self.certdesk("--set-unit=focal_email=")
        self.assertEqual(p.returncode, 0, p.stderr)
        got = self.show_json()
        self.assertIsNone(got["focal_email"])
        self.assertEqual(got["focal_name"], "Trần Thị Văn Thư")

    def assert_refused(self, args, key, words):
        self.set_all()
        before = self.show_json()
        p = self.certdesk(*args)
        self.assertNotEqual(p.returncode, 0)
        self.assertLess(p.returncode, 128, "must exit, not crash")
        self.assertIn(key, p.stderr)
        for w in words:
            self.assertIn(w, p.stderr)
        self.assertEqual(self.show_json(), before, "nothing is written")

    def test_unknown_key(self):
        self.assert_refused(["--set-unit=name=X", "--set-unit=ma_so_thue=0201234567"],
                            "ma_so_thue", ["không có khóa", "tax_code"])

    def test_not_key_value(self):
        self.assert_refused(["--set-unit=name"], "name", ["KHÓA=GIÁ_TRỊ"])

    def test_bad_values_name_their_key(self):
        for key, value, words in [
                ("focal_cccd", "12345", ["12 chữ số"]),
                ("focal_phone", "12345", ["cán bộ đầu mối", "10 chữ số"]),
                ("email", "không phải thư", ["không hợp lệ"]),
                ("tax_code", "12345", ["Mã số thuế", "10 chữ số"]),
                ("budget_code", "12A4567", ["7 chữ số"]),
                ("focal_cccd_date", "31/02/2022", ["ngày/tháng/năm"])]:
            with self.subTest(key=key):
                # a good key first: refused too, since one value is bad
                self.assert_refused(["--set-unit=name=TRƯỜNG MỚI",
                                     "--set-unit=%s=%s" % (key, value)],
                                    "--set-unit " + key, words + ["Chưa lưu gì"])


if __name__ == "__main__":
    unittest.main(verbosity=2)
