#!/usr/bin/python3
"""--generate with --template=the Sở's form refuses a list the form has no
table for: a request (cap-moi) on a form holding only the revocation list,
a revocation (thu-hoi, with --staff or the wizard's suggestions; mau-05)
on a form holding only the request list. It used to fill the other list
without a word. The clerk is told which kinds the form does make, in the
window's words (the message the window shows) and then as the codes
--generate takes; no file is written and no list recorded. A form holding both lists, or one list
of the right sort, is filled as before. Forms built with python-docx."""
import os
import sqlite3
import sys
import tempfile
import unittest
from datetime import date, timedelta

import docx

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "common"))
import cdtest  # noqa: E402

REQUEST = ["STT", "Họ và tên", "Ngày sinh", "Chức vụ", "Số căn cước công dân", "Điện thoại"]
REVOCATION = ["TT", "Họ và tên", "Ngày sinh", "Thông tin chứng thư số", "Lý do thu hồi"]


def build_form(path, *lists):
    d = docx.Document()
    d.add_paragraph("TÊN ĐƠN VỊ")
    for heads in lists:
        t = d.add_table(rows=2, cols=len(heads))
        for cell, head in zip(t.rows[0].cells, heads):
            cell.text = head
        t.rows[1].cells[0].text = "1"
        d.add_paragraph()
    d.save(path)


def names(path, table):
    """The names written in the rows of the form's table @table."""
    rows = docx.Document(path).tables[table].rows[1:]
    return [r.cells[1].text for r in rows if r.cells[0].text.strip().isdigit() and r.cells[1].text]


class WrongList(cdtest.CliRegister, unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.env = {"CERTDESK_UI_LANGUAGE": "vi",
                    "XDG_DATA_HOME": os.path.join(self.tmp.name, "data")}
        self.db = os.path.join(self.tmp.name, "certdesk.db")
        csv = self.path("staff.csv")
        with open(csv, "w", encoding="utf-8") as f:
            f.write("STT;Họ và tên;Ngày sinh;Giới tính;Số CCCD;Điện thoại\n"
                    "1;Nguyễn Văn An;01/03/1985;Nam;031085001001;0912345001\n"
                    "2;Trần Thị Bình;02/03/1985;Nữ;031185001002;0912345002\n")
        self.ok("--set-unit=name=TRƯỜNG THCS LÊ LỢI")
        self.ok("--import-staff=" + csv)
        # Nguyễn Văn An left with a certificate in force: the revocation
        # wizard suggests it
        end = date.today() + timedelta(days=700)
        self.ok("--add-device=TK0001", "--holder-cccd=031085001001")
        self.ok("--add-certificate=54A1000000000A01",
                "--not-before=" + (end - timedelta(days=1800)).strftime("%d/%m/%Y"),
                "--not-after=" + end.strftime("%d/%m/%Y"), "--provider=Ban Cơ yếu Chính phủ",
                "--holder-cccd=031085001001", "--device=TK0001")
        with sqlite3.connect(self.db) as con:
            con.execute("UPDATE staff SET left = 1, left_date = '2026-05-01', left_reason = 'Nghỉ hưu'"
                        " WHERE cccd = '031085001001'")
        self.request_form = self.path("mau-de-nghi.docx")
        build_form(self.request_form, REQUEST)
        self.revocation_form = self.path("mau-thu-hoi.docx")
        build_form(self.revocation_form, REVOCATION)

    def counts(self):
        with sqlite3.connect(self.db) as c:
            return (c.execute("SELECT count(*) FROM request_batches").fetchone()[0],
                    c.execute("SELECT count(*) FROM documents").fetchone()[0])

    def refused(self, *args):
        before = self.counts()
        out = self.path("out.docx")
        p = self.run_cd(*args, "--output=" + out)
        self.assertNotEqual(p.returncode, 0, p.stdout + p.stderr)
        self.assertFalse(os.path.exists(out))
        self.assertEqual(os.listdir(self.tmp.name).count("out.docx"), 0)
        self.assertFalse([n for n in os.listdir(self.tmp.name) if ".cd-" in n])
        self.assertEqual(self.counts(), before)
        return p.stderr

    def test_request_on_revocation_form(self):
        err = self.refused("--generate=cap-moi", "--staff=2", "--template=" + self.revocation_form)
        self.assertIn("Mẫu này chỉ có danh sách thu hồi nên không lập được "
                      "“Đề nghị cấp mới chứng thư số”", err)
        # the kinds in the window's words, then the codes to type
        self.assertIn("hoặc dùng mẫu này để lập danh sách thu hồi.\n", err)
        self.assertIn("certdesk: Với mẫu này, dùng --generate= với một trong các loại: "
                      "thu-hoi, mau-05\n", err)

    def test_revocation_on_request_form(self):
        # with --staff (the list's own path) and from the wizard's
        # suggestions (cd-cli-revocation.c), Danh sách thu hồi and Mẫu 05
        for args in (("--generate=thu-hoi", "--staff=1"), ("--generate=thu-hoi",),
                     ("--generate=mau-05",)):
            with self.subTest(args=args):
                err = self.refused(*args, "--template=" + self.request_form)
                self.assertIn("Mẫu này chỉ có danh sách đề nghị nên không lập được “", err)
                self.assertIn("hoặc dùng mẫu này để lập một danh sách đề nghị "
                              "(cấp mới, gia hạn, …).\n", err)
                self.assertIn("certdesk: Với mẫu này, dùng --generate= với một trong các loại: "
                              "cap-moi, cap-lai, gia-han, thay-doi, khoi-phuc, hom-thu, "
                              "mau-01, mau-04, mau-06\n", err)

    def test_right_form_is_filled(self):
        out = self.path("cap-moi.docx")
        self.ok("--generate=cap-moi", "--staff=2", "--template=" + self.request_form, "--output=" + out)
        self.assertEqual(names(out, 0), ["Trần Thị Bình"])
        out = self.path("ra-thu-hoi.docx")
        self.ok("--generate=thu-hoi", "--template=" + self.revocation_form, "--output=" + out)
        self.assertEqual(names(out, 0), ["Nguyễn Văn An"])

    def test_form_with_both_lists(self):
        form = self.path("ca-hai.docx")
        build_form(form, REQUEST, REVOCATION)
        out = self.path("both-cap-moi.docx")
        self.ok("--generate=cap-moi", "--staff=2", "--template=" + form, "--output=" + out)
        self.assertEqual(names(out, 0), ["Trần Thị Bình"])
        # the revocation list after it stays a list of its own, blank: it
        # once moved into the request list's last row with the text after
        # it (the signature kept with the list, for LibreOffice)
        tables = docx.Document(out).tables
        self.assertEqual(len(tables), 2)
        self.assertEqual(tables[1].rows[0].cells[-1].text, REVOCATION[-1])
        self.assertEqual(names(out, 1), [])
        out = self.path("both-thu-hoi.docx")
        self.ok("--generate=thu-hoi", "--template=" + form, "--output=" + out)
        self.assertEqual((names(out, 0), names(out, 1)), ([], ["Nguyễn Văn An"]))

    def test_reason_column_tells_its_sort(self):
        # Every "Lý do" was taken for a revocation's: a Sở's re-issue
        # form ("Lý do cấp lại") was refused for a re-issue and offered
        # for revocations. A bare "Lý do" (Mẫu 06) may be either.
        reissue = self.path("mau-cap-lai.docx")
        build_form(reissue, ["STT", "Họ và tên", "Số căn cước công dân", "Số hiệu chứng thư số",
                             "Lý do cấp lại"])
        p = self.ok("--check-template=" + reissue)
        self.assertIn("lập được: cap-moi cap-lai", p.stdout)
        self.assertNotIn("thu-hoi", p.stdout)
        out = self.path("cap-lai.docx")
        self.ok("--generate=cap-lai", "--staff=2", "--reason=Hỏng thiết bị", "--template=" + reissue,
                "--output=" + out)
        self.assertEqual(names(out, 0), ["Trần Thị Bình"])
        self.assertEqual(docx.Document(out).tables[0].rows[1].cells[4].text, "Hỏng thiết bị")
        err = self.refused("--generate=thu-hoi", "--template=" + reissue)
        self.assertIn("Mẫu này chỉ có danh sách đề nghị", err)

        bare = self.path("mau-06.docx")
        build_form(bare, ["STT", "Họ và tên", "Số định danh cá nhân", "Số hiệu chứng thư số",
                          "Số thiết bị", "Lý do"])
        out = self.path("mau-06-ra.docx")
        self.ok("--generate=mau-06", "--staff=2", "--reason=Quên mật khẩu", "--template=" + bare,
                "--output=" + out)
        self.assertEqual(names(out, 0), ["Trần Thị Bình"])
        out = self.path("thu-hoi-ra.docx")
        self.ok("--generate=thu-hoi", "--template=" + bare, "--output=" + out)
        self.assertEqual(names(out, 0), ["Nguyễn Văn An"])


if __name__ == "__main__":
    unittest.main()
