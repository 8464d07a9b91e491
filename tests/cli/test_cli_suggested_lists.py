#!/usr/bin/python3
"""--generate=cap-lai, khoi-phuc (and Mẫu 06, its form) and thay-doi
without --staff list whom the request wizard suggests (cd_wizard_suggest),
read through its draft as the window reads it: the holders of devices
recorded lost or damaged with the device's status as the reason, the
holders of tokens recorded locked with "Token bị khóa PIN" and the token,
the certificates in force whose unit or email differs from the register
with the change. When the wizard suggests nobody the command says why and
what to do, and writes nothing. Before, each refused to run without
--staff. The .docx is read back with python-docx."""
import os
import sqlite3
import sys
import tempfile
import unittest

import docx

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "common"))
import cdtest  # noqa: E402

# name, CCCD, email; each with a certificate in force on their own token
STAFF = [("Nguyễn Thị Hương", "031185001234", "huongnt@haiphong.edu.vn"),
         ("Trần Văn Nam", "031080004321", "namtv@haiphong.edu.vn"),
         ("Ngô Thị Hương", "031190001111", "huongngt@haiphong.edu.vn"),
         ("Lê Văn Cường", "031079002222", "cuonglv@haiphong.edu.vn")]


def rows(path, *headers):
    """(name, the cells under each of @headers) of each person row of the
    document's list (rows whose first cell is a number)."""
    for t in docx.Document(path).tables:
        for r, row in enumerate(t.rows):
            heads = [c.text.strip().lower() for c in row.cells]
            if "họ và tên" not in heads:
                continue
            at = [heads.index(h.lower()) for h in ("Họ và tên",) + headers]
            out = []
            for below in t.rows[r + 1:]:
                cells = [c.text.replace("\u200b", "").strip() for c in below.cells]
                if cells and cells[0].isdigit():
                    out.append(tuple(cells[i] for i in at))
            return out
    raise AssertionError("no list in %s" % path)


class SuggestedLists(cdtest.CliRegister, unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.env = {"CERTDESK_UI_LANGUAGE": "vi",
                    "XDG_DATA_HOME": os.path.join(self.tmp.name, "data")}
        self.db = os.path.join(self.tmp.name, "certdesk.db")
        csv = self.path("staff.csv")
        with open(csv, "w", encoding="utf-8") as f:
            f.write("STT;Họ và tên;Ngày sinh;Giới tính;Số CCCD;Điện thoại;Email\n")
            for i, (name, cccd, email) in enumerate(STAFF, 1):
                f.write("%d;%s;0%d/03/19%s;%s;%s;09123450%02d;%s\n"
                        % (i, name, i, cccd[4:6], "Nữ" if " Thị " in name else "Nam", cccd, i, email))
        self.ok("--set-unit=name=TRƯỜNG THCS LÊ LỢI")
        self.ok("--import-staff=" + csv)
        for n, (_, cccd, _) in enumerate(STAFF, 1):
            self.ok("--add-device=TK%04d" % n, "--holder-cccd=" + cccd)
            self.ok("--add-certificate=54A100000000%04d" % n, "--not-before=01/01/2025",
                    "--not-after=01/01/2035", "--provider=Ban Cơ yếu Chính phủ",
                    "--holder-cccd=" + cccd, "--device=TK%04d" % n)

    def sql(self, *statements):
        with sqlite3.connect(self.db) as c:
            for s in statements:
                c.execute(s)

    def record(self):
        """Hương lost her token and Nam's is damaged (Thiết bị → Thất lạc…,
        Hỏng…), Ngô Thị Hương's is locked; Cường's certificate bears his
        old email, Hương's the unit's old name."""
        self.sql("UPDATE devices SET status = 'lost' WHERE token_serial = 'TK0001'",
                 "UPDATE devices SET status = 'damaged' WHERE token_serial = 'TK0002'",
                 "UPDATE devices SET status = 'locked' WHERE token_serial = 'TK0003'",
                 "UPDATE certificates SET email = 'cuong.cu@gmail.com' WHERE serial = '54A1000000000004'",
                 "UPDATE certificates SET subject_o = 'TRƯỜNG THCS CŨ' WHERE serial = '54A1000000000001'")

    def batches(self):
        with sqlite3.connect(self.db) as c:
            return c.execute("SELECT count(*) FROM request_batches").fetchone()[0]

    def test_reissue_lists_lost_and_damaged(self):
        self.record()
        out = self.path("cap-lai.docx")
        p = self.ok("--generate=cap-lai", "--output=" + out)
        self.assertEqual(rows(out, "Số hiệu chứng thư số", "Lý do cấp lại"),
                         [("Nguyễn Thị Hương", "54A1000000000001", "Thất lạc"),
                          ("Trần Văn Nam", "54A1000000000002", "Hỏng")])
        self.assertIn("2 người", p.stdout)
        # as with --staff: a batch only when the letter options are given
        self.assertEqual(self.batches(), 0)

    def test_restore_lists_locked_tokens(self):
        self.record()
        out = self.path("khoi-phuc.docx")
        self.ok("--generate=khoi-phuc", "--output=" + out)
        self.assertEqual(rows(out, "Số thiết bị"), [("Ngô Thị Hương", "TK0003")])
        # Mẫu 06 is the Sở's form of the same list, with the reason
        out = self.path("mau-06.docx")
        self.ok("--generate=mau-06", "--output=" + out)
        self.assertEqual(rows(out, "Số thiết bị", "Lý do"),
                         [("Ngô Thị Hương", "TK0003", "Token bị khóa PIN")])

    def test_change_lists_what_differs(self):
        self.record()
        out = self.path("thay-doi.docx")
        self.ok("--generate=thay-doi", "--output=" + out)
        self.assertEqual(rows(out, "Nội dung thay đổi"),
                         [("Lê Văn Cường", "Email công vụ: cuong.cu@gmail.com → cuonglv@haiphong.edu.vn"),
                          ("Nguyễn Thị Hương", "Đơn vị: TRƯỜNG THCS CŨ → TRƯỜNG THCS LÊ LỢI")])

    def test_reason_and_letter_kept(self):
        self.record()
        out = self.path("letter.docx")
        p = self.ok("--generate=cap-lai", "--reason=Hỏng thiết bị", "--letter=12/SGDĐT",
                    "--output=" + out)
        self.assertEqual([r[1] for r in rows(out, "Lý do cấp lại")], ["Hỏng thiết bị"] * 2)
        self.assertEqual(self.batches(), 1)
        self.assertIn("--list-batches", p.stdout)
        with sqlite3.connect(self.db) as c:
            items = c.execute("SELECT s.full_name, d.token_serial, i.reason FROM batch_items i"
                              " JOIN staff s ON s.id = i.staff_id JOIN devices d ON d.id = i.device_id"
                              " ORDER BY i.position").fetchall()
        self.assertEqual(items, [("Nguyễn Thị Hương", "TK0001", "Hỏng thiết bị"),
                                 ("Trần Văn Nam", "TK0002", "Hỏng thiết bị")])
        # the saved list written again holds the same rows
        again = self.path("again.docx")
        self.ok("--generate=cap-lai", "--batch=1", "--output=" + again)
        self.assertEqual(rows(again, "Lý do cấp lại"), rows(out, "Lý do cấp lại"))

    def test_nobody_suggested(self):
        cases = (("cap-lai", "thất lạc hoặc hỏng"), ("khoi-phuc", "--read-tokens"),
                 ("mau-06", "--read-tokens"), ("thay-doi", "--set-unit=name="))
        for kind, hint in cases:
            with self.subTest(kind=kind):
                out = self.path(kind + ".docx")
                p = self.run_cd("--generate=" + kind, "--output=" + out)
                self.assertEqual(p.returncode, 1, p.stderr)
                self.assertIn("Không ai cần danh sách loại “%s”" % kind, p.stderr)
                self.assertIn(hint, p.stderr)
                self.assertIn("--staff=ID,ID…", p.stderr)
                self.assertFalse(os.path.exists(out))
        self.assertEqual(self.batches(), 0)

    def test_staff_given_unchanged(self):
        # --staff still names the people, whatever the wizard suggests
        self.record()
        out = self.path("chosen.docx")
        self.ok("--generate=cap-lai", "--staff=4", "--reason=Mất", "--output=" + out)
        self.assertEqual(rows(out, "Lý do cấp lại"), [("Lê Văn Cường", "Mất")])


if __name__ == "__main__":
    unittest.main()
