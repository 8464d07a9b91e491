#!/usr/bin/python3
"""certdesk --collect of lists whose titles name no kind («DANH SÁCH», the
school's own wording). Revocation lists are told by their columns (Thông
tin chứng thư số, Lý do thu hồi): onto the Sở's revocation-only form they
are filled — they were refused, taken for a request — and without a form
they come out as the built-in revocation list, not under a request's
title and columns. Request lists stay a request for new certificates, and
the clerk is told that kind was assumed. Lists made with python-docx."""
import os
import sys
import tempfile
import unittest

import docx

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "common"))
import cdtest  # noqa: E402

REVOCATION = ["STT", "Họ và tên", "Ngày sinh", "Số CCCD", "Thông tin chứng thư số", "Lý do thu hồi"]
REQUEST = ["STT", "Họ và tên", "Ngày sinh", "Chức vụ", "Số căn cước công dân", "Điện thoại"]


def build(path, title, heads, rows):
    d = docx.Document()
    d.add_paragraph("TÊN ĐƠN VỊ")
    d.add_paragraph(title)
    t = d.add_table(rows=1 + len(rows), cols=len(heads))
    for cell, head in zip(t.rows[0].cells, heads):
        cell.text = head
    for r, values in enumerate(rows, start=1):
        for cell, v in zip(t.rows[r].cells, [str(r)] + values):
            cell.text = v
    d.save(path)


def table_of(path):
    """The header and the names of the list's table (the last table)."""
    t = docx.Document(path).tables[-1]
    heads = [c.text for c in t.rows[0].cells]
    names = [r.cells[1].text for r in t.rows[1:] if r.cells[1].text]
    return heads, names


def text_of(path):
    return "\n".join(p.text for p in docx.Document(path).paragraphs)


class CollectKind(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.env = {"CERTDESK_UI_LANGUAGE": "vi",
                    "XDG_DATA_HOME": os.path.join(self.tmp.name, "data")}

    def tearDown(self):
        self.tmp.cleanup()

    def path(self, name):
        return os.path.join(self.tmp.name, name)

    def revocation_lists(self):
        a, b = self.path("01-thcs.docx"), self.path("02-th.docx")
        build(a, "DANH SÁCH", REVOCATION,
              [["Nguyễn Văn An", "07/03/1985", "031085000001", "Số hiệu: 5403A1B2C3D4E5F6", "Nghỉ hưu"]])
        build(b, "DANH SÁCH", REVOCATION,
              [["Trần Văn Bình", "08/04/1986", "031086000002", "Số hiệu: 5403A1B2C3D4E5F7", "Chuyển công tác"]])
        return a, b

    def collect(self, *args):
        out = self.path("tong-hop.docx")
        p = cdtest.run(*args, "--output=" + out, "--report=" + self.path("bao-cao.txt"), env=self.env)
        self.assertEqual(p.returncode, 0, p.stdout + p.stderr)
        with open(self.path("bao-cao.txt"), encoding="utf-8") as f:
            return p.stdout, f.read(), out

    def test_revocation_onto_revocation_form(self):
        a, b = self.revocation_lists()
        form = self.path("mau-thu-hoi.docx")
        build(form, "DANH SÁCH THU HỒI CHỨNG THƯ SỐ",
              ["TT", "Họ và tên", "Ngày sinh", "Thông tin chứng thư số", "Lý do thu hồi"], [[]])
        out, report, list_path = self.collect("--collect=" + a, "--collect=" + b, "--template=" + form)
        heads, names = table_of(list_path)
        self.assertEqual(names, ["Nguyễn Văn An", "Trần Văn Bình"])
        self.assertIn("Lý do thu hồi", heads)
        said = "Danh sách tổng hợp được lập thành “Danh sách thu hồi chứng thư số”"
        self.assertIn(said, out)
        self.assertIn("có cột của danh sách thu hồi", out)
        self.assertIn(said, report)

    def test_revocation_without_form(self):
        a, b = self.revocation_lists()
        out, report, list_path = self.collect("--collect=" + a, "--collect=" + b)
        heads, names = table_of(list_path)
        self.assertEqual(names, ["Nguyễn Văn An", "Trần Văn Bình"])
        self.assertTrue(any("Lý do thu hồi" in h for h in heads), heads)
        self.assertNotIn("Số căn cước công dân", " ".join(heads))
        self.assertIn("THU HỒI", text_of(list_path))
        self.assertNotIn("ĐỀ NGHỊ CẤP", text_of(list_path))

    def test_request_assumed_and_told(self):
        a = self.path("01-thcs.docx")
        build(a, "DANH SÁCH", REQUEST,
              [["Nguyễn Văn An", "07/03/1985", "Giáo viên", "031085000001", "0912345001"]])
        out, report, list_path = self.collect("--collect=" + a)
        heads, names = table_of(list_path)
        self.assertEqual(names, ["Nguyễn Văn An"])
        self.assertNotIn("THU HỒI", text_of(list_path))
        told = "nên danh sách tổng hợp được lập thành “Đề nghị cấp mới chứng thư số”"
        self.assertIn(told, out)
        self.assertIn(told, report)


if __name__ == "__main__":
    unittest.main(verbosity=2)
