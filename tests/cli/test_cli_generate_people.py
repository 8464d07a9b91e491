#!/usr/bin/python3
"""--generate=KIND --staff=… judges the people named as the request
wizard does (cd_wizard_offer_unsuited, the wizard's own rule): a person
the list does not suit — a renewal for someone with no certificate or an
expired one, a revocation with nothing in force to revoke, a request for
someone who left — makes the command fail, names each on stderr with why
and what to do, and writes and records nothing. Without --staff each kind
still lists the people it is due for."""
import os
import sqlite3
import sys
import tempfile
import unittest
from datetime import date, timedelta

import docx

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "common"))
import cdtest  # noqa: E402

# 1 works, no certificate; 2 works, a certificate ending in 20 days;
# 3 left, a certificate in force; 4 works, a certificate expired;
# 5 left, no certificate
STAFF = [("Nguyễn Văn An", "031085001001", None),
         ("Trần Thị Bình", "031185001002", 20),
         ("Lê Văn Cường", "031080001003", 700),
         ("Phạm Thị Dung", "031190001004", -10),
         ("Hoàng Văn Em", "031082001005", None)]


def dmy(d):
    return d.strftime("%d/%m/%Y")


def names(path):
    """The names in the list's rows (those whose first cell is a number)."""
    out = []
    for t in docx.Document(path).tables:
        for row in t.rows:
            cells = [c.text.strip() for c in row.cells]
            if cells and cells[0].isdigit():
                out += [c for c in cells if c in [s[0] for s in STAFF]][:1]
    return out


class GeneratePeople(cdtest.CliRegister, unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.env = {"CERTDESK_UI_LANGUAGE": "vi",
                    "XDG_DATA_HOME": os.path.join(self.tmp.name, "data")}
        self.db = os.path.join(self.tmp.name, "certdesk.db")
        csv = os.path.join(self.tmp.name, "staff.csv")
        with open(csv, "w", encoding="utf-8") as f:
            f.write("STT;Họ và tên;Ngày sinh;Giới tính;Số CCCD;Điện thoại;Email\n")
            for i, (name, cccd, _) in enumerate(STAFF, 1):
                f.write("%d;%s;0%d/03/19%s;%s;%s;09123450%02d;gv%d@haiphong.edu.vn\n"
                        % (i, name, i, cccd[4:6], "Nữ" if " Thị " in name else "Nam", cccd, i, i))
        for a in (["--set-unit=name=TRƯỜNG THCS LÊ LỢI"], ["--import-staff=" + csv]):
            self.ok(*a)
        today = date.today()
        for i, (_, cccd, days) in enumerate(STAFF, 1):
            if days is None:
                continue
            end = today + timedelta(days=days)
            self.ok("--add-device=TK%04d" % i, "--holder-cccd=" + cccd)
            self.ok("--add-certificate=54A10000000000%02d" % i, "--not-before=" + dmy(end - timedelta(days=1800)),
                    "--not-after=" + dmy(end), "--provider=Ban Cơ yếu Chính phủ",
                    "--holder-cccd=" + cccd, "--device=TK%04d" % i)
        con = sqlite3.connect(self.db)
        con.execute("UPDATE staff SET left = 1, left_date = '2026-05-01', left_reason = 'Nghỉ hưu'"
                    " WHERE full_name IN ('Lê Văn Cường', 'Hoàng Văn Em')")
        con.commit()
        con.close()

    def recorded(self):
        with sqlite3.connect(self.db) as c:
            return (c.execute("SELECT count(*) FROM documents").fetchone()[0],
                    c.execute("SELECT count(*) FROM request_batches").fetchone()[0])

    def refused(self, kind, staff, *extra):
        out = self.path("%s-%s.docx" % (kind, staff.replace(",", "_")))
        p = self.run_cd("--generate=" + kind, "--staff=" + staff, "--output=" + out, *extra)
        self.assertNotEqual(p.returncode, 0, p.stdout)
        self.assertIn("Chưa ghi tệp nào", p.stderr)
        self.assertFalse(os.path.exists(out))
        self.assertEqual([f for f in os.listdir(self.tmp.name) if f.endswith(".docx") or ".cd-" in f], [])
        self.assertEqual(self.recorded(), (0, 0))
        return p.stderr

    def test_renewal_of_nobody_with_a_certificate(self):
        for kind in ("gia-han", "mau-04"):
            with self.subTest(kind=kind):
                err = self.refused(kind, "1")
                self.assertIn("Số 1: Nguyễn Văn An chưa có chứng thư số để gia hạn: cần đề nghị Cấp mới.", err)
                self.assertIn("--generate=cap-moi --staff=1", err)
                # with a person it suits: what to run instead, for each
                err = self.refused(kind, "2,1,4", "--letter=5277/KH-SGDĐT ngày 06/08/2025")
                self.assertIn("Số 1: Nguyễn Văn An", err)
                self.assertIn("Số 4: Chứng thư số của Phạm Thị Dung đã hết hạn ngày", err)
                self.assertNotIn("Trần Thị Bình", err)
                self.assertIn("--staff=2\n", err)
                self.assertIn("--generate=cap-moi --staff=1,4", err)

    def test_revocation_with_nothing_to_revoke(self):
        for kind in ("thu-hoi", "mau-05"):
            with self.subTest(kind=kind):
                err = self.refused(kind, "5,3", "--reason=Nghỉ hưu")
                self.assertIn("Số 5: Hoàng Văn Em không còn chứng thư số nào còn hiệu lực để thu hồi", err)
                self.assertNotIn("Lê Văn Cường", err)
                self.assertIn("--staff=3\n", err)

    def test_request_for_someone_who_left(self):
        for kind in ("cap-moi", "mau-01", "hom-thu", "cap-lai"):
            with self.subTest(kind=kind):
                err = self.refused(kind, "5", *(["--reason=Mất"] if kind == "cap-lai" else []))
                self.assertIn("Số 5: Hoàng Văn Em đã nghỉ: không lập đề nghị cho người đã nghỉ.", err)
                self.assertIn("--staff=SỐ", err)

    def test_people_it_suits_are_listed(self):
        for kind, staff, who in (("gia-han", "2", ["Trần Thị Bình"]),
                                 ("mau-04", "2", ["Trần Thị Bình"]),
                                 ("thu-hoi", "3,2", ["Lê Văn Cường", "Trần Thị Bình"]),
                                 ("cap-moi", "1,4", ["Nguyễn Văn An", "Phạm Thị Dung"])):
            with self.subTest(kind=kind):
                out = self.path(kind + "-ok.docx")
                p = self.ok("--generate=" + kind, "--staff=" + staff, "--output=" + out,
                            *(["--reason=Chuyển công tác"] if kind == "thu-hoi" else []))
                self.assertNotIn("Chưa ghi tệp nào", p.stderr)
                self.assertEqual(names(out), who)

    def test_default_lists_without_staff(self):
        # each kind's own choice of people, the wizard's: a new
        # certificate for whoever works here with none in force (none, or
        # expired as Phạm Thị Dung's)
        for kind, who in (("gia-han", ["Trần Thị Bình"]), ("thu-hoi", ["Lê Văn Cường"]),
                          ("cap-moi", ["Nguyễn Văn An", "Phạm Thị Dung"]),
                          ("mau-05", ["Lê Văn Cường"])):
            with self.subTest(kind=kind):
                out = self.path(kind + "-all.docx")
                p = self.ok("--generate=" + kind, "--output=" + out)
                self.assertEqual(names(out), who)
                self.assertIn("%d người" % len(who), p.stdout)
        # the expired certificate left out of the renewal list, and said,
        # sending her to the list she is on
        p = self.ok("--force", "--generate=gia-han", "--output=" + self.path("gia-han-all.docx"))
        self.assertIn("Phạm Thị Dung", p.stderr)
        self.assertIn("--generate=cap-moi", p.stderr)


if __name__ == "__main__":
    unittest.main()
