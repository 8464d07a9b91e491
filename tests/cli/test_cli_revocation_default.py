#!/usr/bin/python3
"""--generate=thu-hoi (and mau-05) without --staff lists what the
revocation wizard suggests (cd_wizard_suggest), from the same register:
one row per chuyên dùng certificate in force of whoever left, not one per
person; nothing already on a revocation list sent to the provider; the
certificate of a lost device, whoever holds it. The list is written and
recorded as the wizard's is (cd_wizard_draft_generate): as a batch. The
.docx is read back with python-docx."""
import os
import re
import sqlite3
import sys
import tempfile
import unittest
from datetime import date, timedelta

import docx

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "common"))
import cdtest  # noqa: E402

# name, CCCD, left (with the reason), certificates (serial, device)
STAFF = [("Lê Văn Cường", "031080001003", "Nghỉ hưu",
          [("54A1000000000C01", "TK0001"), ("54A1000000000C02", "TK0001")]),
         ("Nguyễn Văn An", "031085001001", "Chuyển công tác ngoài tỉnh",
          [("54A1000000000A01", "TK0002")]),
         ("Trần Thị Bình", "031185001002", None, [("54A1000000000B01", "TK0003")]),
         ("Phạm Thị Dung", "031190001004", None, [("54A1000000000D01", "TK0004")])]


def dmy(d):
    return d.strftime("%d/%m/%Y")


def serials(path):
    """The certificate serials in the list's rows (rows whose first cell
    is a number), in order."""
    out = []
    known = {s for p in STAFF for s, _ in p[3]}
    for t in docx.Document(path).tables:
        for row in t.rows:
            cells = [c.text.replace("\u200b", "").strip() for c in row.cells]
            if cells and cells[0].isdigit():
                # the serial alone (Mẫu 05) or in "Số hiệu: …; hiệu lực …"
                out += [s for c in cells for s in re.findall(r"54A1[0-9A-F]{12}", c)
                        if s in known][:1]
    return out


class RevocationDefault(cdtest.CliRegister, unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.env = {"CERTDESK_UI_LANGUAGE": "vi",
                    "XDG_DATA_HOME": os.path.join(self.tmp.name, "data")}
        self.db = os.path.join(self.tmp.name, "certdesk.db")
        csv = os.path.join(self.tmp.name, "staff.csv")
        with open(csv, "w", encoding="utf-8") as f:
            f.write("STT;Họ và tên;Ngày sinh;Giới tính;Số CCCD;Điện thoại;Email\n")
            for i, (name, cccd, _, _) in enumerate(STAFF, 1):
                f.write("%d;%s;0%d/03/19%s;%s;%s;09123450%02d;gv%d@haiphong.edu.vn\n"
                        % (i, name, i, cccd[4:6], "Nữ" if " Thị " in name else "Nam", cccd, i, i))
        self.ok("--set-unit=name=TRƯỜNG THCS LÊ LỢI")
        self.ok("--import-staff=" + csv)
        end = date.today() + timedelta(days=700)
        for name, cccd, _, certs in STAFF:
            for serial, device in certs:
                if serial.endswith("2"):
                    # the encryption certificate of the pair, on the same token
                    extra = ["--purpose=encryption"]
                else:
                    self.ok("--add-device=" + device, "--holder-cccd=" + cccd)
                    extra = []
                self.ok("--add-certificate=" + serial, "--not-before=" + dmy(end - timedelta(days=1800)),
                        "--not-after=" + dmy(end), "--provider=Ban Cơ yếu Chính phủ",
                        "--holder-cccd=" + cccd, "--device=" + device, *extra)
        con = sqlite3.connect(self.db)
        for name, _, left, _ in STAFF:
            if left:
                con.execute("UPDATE staff SET left = 1, left_date = '2026-05-01', left_reason = ?"
                            " WHERE full_name = ?", (left, name))
        con.commit()
        con.close()
        # Nguyễn Văn An's certificate is on a revocation list sent already
        p = self.ok("--generate=thu-hoi", "--staff=2", "--letter=12/SGDĐT",
                    "--output=" + self.path("sent.docx"))
        con = sqlite3.connect(self.db)
        con.execute("UPDATE request_batches SET status = 'sent'")
        # Phạm Thị Dung, still working, lost her token
        con.execute("UPDATE devices SET status = 'lost' WHERE token_serial = 'TK0004'")
        con.commit()
        con.close()

    def batches(self):
        with sqlite3.connect(self.db) as c:
            return c.execute("SELECT count(*) FROM request_batches").fetchone()[0]

    def test_rows_are_the_wizards(self):
        for kind in ("thu-hoi", "mau-05"):
            with self.subTest(kind=kind):
                before = self.batches()
                out = self.path(kind + ".docx")
                p = self.ok("--generate=" + kind, "--output=" + out)
                # each certificate in force of the one who left, the lost
                # device's certificate; not the one on the sent list
                self.assertEqual(serials(out), ["54A1000000000C01", "54A1000000000C02",
                                                "54A1000000000D01"])
                self.assertIn("3 người", p.stdout)
                # recorded as the wizard records it, so it can be marked sent
                self.assertEqual(self.batches(), before + 1)
                self.assertIn("--list-batches", p.stdout)

    def test_reason_and_letter_kept(self):
        out = self.path("reason.docx")
        p = self.ok("--generate=thu-hoi", "--reason=Chuyển công tác", "--letter=5277/KH-SGDĐT ngày 06/08/2025",
                    "--deadline=12/09/2030", "--output=" + out)
        self.assertEqual(serials(out), ["54A1000000000C01", "54A1000000000C02", "54A1000000000D01"])
        text = "\n".join(c.text for t in docx.Document(out).tables for r in t.rows for c in r.cells)
        self.assertEqual(text.count("Chuyển công tác"), 3)
        with sqlite3.connect(self.db) as c:
            row = c.execute("SELECT letter, deadline FROM request_batches ORDER BY id DESC LIMIT 1").fetchone()
        self.assertEqual(row, ("5277/KH-SGDĐT ngày 06/08/2025", "2030-09-12"))
        # the file is there: refused without --force, replaced with it
        p = self.run_cd("--generate=thu-hoi", "--output=" + out)
        self.assertNotEqual(p.returncode, 0)
        self.ok("--force", "--generate=thu-hoi", "--output=" + out)

    def test_sent_form_05_not_listed_again(self):
        # Mẫu 05 is the Sở's form of the same list: once sent, its
        # certificates stay off the next list, as a sent Danh sách thu hồi's
        self.ok("--generate=mau-05", "--output=" + self.path("mau-05.docx"))
        with sqlite3.connect(self.db) as c:
            c.execute("UPDATE request_batches SET status = 'sent', sent_on = date('now')"
                      " WHERE kind = 'mau-05'")
        listed = self.ok("--list-batches")
        self.assertIn("Mẫu 05: công văn đề nghị thu hồi", listed.stdout)
        out = self.path("again.docx")
        p = self.run_cd("--generate=thu-hoi", "--output=" + out)
        self.assertEqual(p.returncode, 1, p.stdout + p.stderr)
        self.assertIn("Danh sách không có ai", p.stderr)
        self.assertFalse(os.path.exists(out))

    def test_form_with_both_lists(self):
        # a Sở's form holding the request list, then the revocation list
        # (seed 002): the rows go into the revocation list, and the
        # columns said to stay empty are that table's
        form = self.path("mau-so.docx")
        d = docx.Document()
        # the request list names more known columns: by its header alone
        # it is the better match
        for heads in (["STT", "Họ và tên", "Ngày sinh", "Chức vụ", "Số căn cước công dân", "Ngày cấp",
                       "Điện thoại", "Thư điện tử", "Chữ ký người nhận"],
                      ["TT", "Họ và tên", "Ngày sinh", "Thông tin chứng thư số", "Lý do thu hồi",
                       "Chữ ký xác nhận"]):
            t = d.add_table(rows=2, cols=len(heads))
            for cell, head in zip(t.rows[0].cells, heads):
                cell.text = head
            d.add_paragraph()
        d.save(form)
        out = self.path("both.docx")
        p = self.ok("--generate=thu-hoi", "--template=" + form, "--output=" + out)
        request, revocation = docx.Document(out).tables
        self.assertEqual(len(request.rows), 2)
        names = [r.cells[1].text for r in revocation.rows[1:]]
        self.assertEqual(names, ["Lê Văn Cường", "Lê Văn Cường", "Phạm Thị Dung"])
        self.assertIn("54A1000000000D01", revocation.rows[3].cells[3].text)
        self.assertIn("Cột 6 “Chữ ký xác nhận” để trống", p.stdout)
        self.assertNotIn("Chữ ký người nhận", p.stdout)

    def test_nothing_to_revoke(self):
        con = sqlite3.connect(self.db)
        con.execute("UPDATE request_batches SET status = 'sent'")
        con.execute("UPDATE devices SET status = 'with_holder'")
        con.execute("UPDATE staff SET left = 0")
        con.commit()
        con.close()
        out = self.path("none.docx")
        p = self.run_cd("--generate=thu-hoi", "--output=" + out)
        self.assertEqual(p.returncode, 1, p.stderr)
        self.assertIn("Danh sách không có ai", p.stderr)
        self.assertFalse(os.path.exists(out))


if __name__ == "__main__":
    unittest.main()
