#!/usr/bin/python3
"""certdesk --merge-unit (seed 004): a teacher with a chuyên dùng pair
and a VNPT certificate naming the school, two seals of the unit. The
plan says who gets thay đổi nội dung, which seal is revoked and which
commercial certificate is left out; without --keep-seal it is refused;
--dry-run writes nothing; applying renames the unit, keeps the old name
and writes the history and two draft batches."""
import json
import os
import sqlite3
import sys
import tempfile
import time
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "common"))
import cdtest  # noqa: E402

run = cdtest.run

OLD = "Trường THCS Lê Lợi"
NEW = "Trường THCS Lê Lợi - Ngô Quyền"


class MergerCli(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.db = os.path.join(self.tmp.name, "certdesk.db")
        certs = os.environ["CD_TEST_CERTS"]
        csv = os.path.join(self.tmp.name, "staff.csv")
        with open(csv, "w", encoding="utf-8") as f:
            f.write("STT;Họ và tên;Ngày sinh;Giới tính;Số CCCD;Điện thoại;Email\n")
            f.write("1;Hoàng Văn Thái;04/03/1985;Nam;;;thaihv@haiphong.edu.vn\n")
        for args in (["--set-unit=name=" + OLD], ["--import-staff=" + csv]):
            p = self.certdesk(*args)
            self.assertEqual(p.returncode, 0, p.stderr)
        for name in ("teacher-gov-sign.der", "teacher-gov-enc.der", "teacher-vnpt.der"):
            p = self.certdesk("--import-certificate=" + os.path.join(certs, name))
            self.assertEqual(p.returncode, 0, p.stderr)
        # Two seals of the unit (the matching that attaches seals on
        # import is another part of the issue): typed into the register.
        now = int(time.time())
        with sqlite3.connect(self.db) as con:
            for serial, name in (("5A0000000001", OLD), ("5A0000000002", "Trường THCS Ngô Quyền")):
                con.execute("INSERT INTO certificates (serial, subject_cn, subject_o, issuer_cn, provider,"
                            " not_before, not_after, fingerprint, track, held_by_unit)"
                            " VALUES (?, ?, ?, 'CA phục vụ các cơ quan Nhà nước G2', 'Ban Cơ yếu Chính phủ',"
                            " ?, ?, ?, 'government', 1)",
                            (serial, name, name, now - 86400, now + 400 * 86400, serial.rjust(64, "0")))
        con.close()

    def tearDown(self):
        self.tmp.cleanup()

    def certdesk(self, *args, lang="vi"):
        return run("--database=" + self.db, *args, env={"CERTDESK_UI_LANGUAGE": lang})

    def unit(self):
        p = self.certdesk("--show-unit", "--json")
        self.assertEqual(p.returncode, 0, p.stderr)
        return json.loads(p.stdout)

    def test_needs_keep_seal(self):
        p = self.certdesk("--merge-unit", "--new-name=" + NEW)
        self.assertEqual(p.returncode, 1, p.stdout)
        self.assertIn("--keep-seal=5A0000000001", p.stderr)
        self.assertIn("--keep-seal=5A0000000002", p.stderr)
        self.assertIn("chứng thư số của tổ chức", p.stderr)
        self.assertEqual(self.unit()["name"], OLD)
        p = self.certdesk("--merge-unit", "--new-name=" + NEW, "--keep-seal=FFFF")
        self.assertEqual(p.returncode, 1)
        self.assertIn("FFFF", p.stderr)

    def test_needs_new_name(self):
        p = self.certdesk("--merge-unit")
        self.assertEqual(p.returncode, 2)
        self.assertIn("--new-name", p.stderr)

    def test_dry_run(self):
        p = self.certdesk("--merge-unit", "--new-name=" + NEW, "--keep-seal=5a0000000002", "--dry-run")
        self.assertEqual(p.returncode, 0, p.stderr)
        out = p.stdout
        self.assertIn("Thay đổi nội dung", out)
        self.assertIn("Hoàng Văn Thái", out)
        # the signing certificate is proposed, not the encryption one
        self.assertIn("54A1000000000001", out)
        self.assertNotIn("54A1000000000002", out)
        change, rest = out.split("Thu hồi", 1)
        revoke, left = rest.split("Chứng thư công cộng", 1)
        self.assertIn("5A0000000002", change)
        self.assertIn("5A0000000001", revoke)
        self.assertIn("5404A1B2C3D4E5F60718", left)
        self.assertNotIn("5404A1B2C3D4E5F60718", change)
        self.assertIn("--dry-run", out)
        self.assertEqual(self.unit()["name"], OLD)
        with sqlite3.connect(self.db) as con:
            self.assertEqual(con.execute("SELECT COUNT(*) FROM unit_history").fetchone()[0], 0)
            self.assertEqual(con.execute("SELECT COUNT(*) FROM request_batches").fetchone()[0], 0)
        con.close()

    def test_apply(self):
        p = self.certdesk("--merge-unit", "--new-name=" + NEW, "--keep-seal=5A0000000002",
                          "--new-email=c2leloingoquyen@haiphong.edu.vn")
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertIn(NEW, p.stdout)
        unit = self.unit()
        self.assertEqual(unit["name"], NEW)
        self.assertEqual(unit["email"], "c2leloingoquyen@haiphong.edu.vn")
        self.assertIn(OLD, unit["former_names"])
        with sqlite3.connect(self.db) as con:
            hist = con.execute("SELECT kind, old_name, new_name FROM unit_history").fetchall()
            self.assertEqual(hist, [("merge", OLD, NEW)])
            batches = dict(con.execute(
                "SELECT b.kind, COUNT(i.id) FROM request_batches b JOIN batch_items i"
                " ON i.batch_id = b.id WHERE b.status = 'draft' GROUP BY b.kind").fetchall())
            self.assertEqual(batches, {"thay-doi": 2, "thu-hoi": 1})
            revoked = con.execute(
                "SELECT c.serial FROM batch_items i JOIN request_batches b ON b.id = i.batch_id"
                " JOIN certificates c ON c.id = i.certificate_id WHERE b.kind = 'thu-hoi'").fetchall()
            self.assertEqual(revoked, [("5A0000000001",)])
        con.close()


if __name__ == "__main__":
    unittest.main(verbosity=2)
