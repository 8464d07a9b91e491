#!/usr/bin/python3
"""--check-template on a Sở's form without placeholders tells each list
the form holds (seed 002: the request list and the revocation list in one
file): its columns, its narrow number columns and the kinds of document
filled into it, as --generate picks the table (cd_form_find_table). A form
with one list is told as before. The forms are built with python-docx."""
import os
import sys
import tempfile
import unittest

import docx
from docx.shared import Pt, Twips

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "common"))
import cdtest  # noqa: E402

REQUEST = [("STT", 600), ("Họ và tên", 2800), ("Ngày sinh", 1600), ("Chức vụ", 1800),
           ("Số CCCD", 1580), ("Điện thoại", 2000), ("Chữ ký người nhận", 1600)]
REVOCATION = [("TT", 600), ("Họ và tên", 2800), ("Ngày sinh", 900),
              ("Thông tin chứng thư số", 2600), ("Lý do thu hồi", 2400)]
REQUEST_KINDS = "cap-moi cap-lai gia-han thay-doi khoi-phuc hom-thu mau-01 mau-04 mau-06"


def add_table(d, heads):
    """A list in Times New Roman 12 with the given column widths (header,
    twips) and one blank numbered row."""
    table = d.add_table(rows=2, cols=len(heads))
    table.style = "Table Grid"
    table.autofit = False
    for c, (h, w) in enumerate(heads):
        table.columns[c].width = Twips(w)
        for r in table.rows:
            r.cells[c].width = Twips(w)
        run = table.rows[0].cells[c].paragraphs[0].add_run(h)
        run.font.name, run.font.size, run.bold = "Times New Roman", Pt(12), True
    run = table.rows[1].cells[0].paragraphs[0].add_run("1")
    run.font.name, run.font.size = "Times New Roman", Pt(12)
    d.add_paragraph()


def build_form(path, *lists):
    """The frame's two-cell heading table first (a table, not a list),
    then the lists."""
    d = docx.Document()
    frame = d.add_table(rows=1, cols=2)
    frame.rows[0].cells[0].text = "TÊN ĐƠN VỊ"
    frame.rows[0].cells[1].text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    d.add_paragraph()
    for heads in lists:
        add_table(d, heads)
    d.save(path)


def sections(out):
    """stdout after the "Danh sách N" headings: {N: [lines]}."""
    found, current = {}, None
    for line in out.splitlines():
        if line.startswith("Danh sách "):
            current = int(line.split()[2])
            found[current] = [line]
        elif current is not None and line:
            found[current].append(line)
    return found


class CheckTemplate(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()

    def tearDown(self):
        self.tmp.cleanup()

    def check(self, form):
        p = cdtest.run("--check-template=" + form, env={"CERTDESK_UI_LANGUAGE": "vi"})
        self.assertEqual(p.returncode, 0, p.stdout + p.stderr)
        return p.stdout

    def test_form_with_both_lists(self):
        form = os.path.join(self.tmp.name, "hai-danh-sach.docx")
        build_form(form, REQUEST, REVOCATION)
        out = self.check(form)
        self.assertIn("Tệp có 2 danh sách", out)
        lists = sections(out)
        self.assertEqual(sorted(lists), [1, 2], out)
        request, revocation = lists[1], lists[2]
        # the heading table of the frame is the file's first table
        self.assertEqual(request[0], "Danh sách 1 (bảng thứ 2 trong tệp), các cột:")
        self.assertEqual(revocation[0], "Danh sách 2 (bảng thứ 3 trong tệp), các cột:")
        self.assertIn("  5. Số CCCD → {{cccd}}", request)
        self.assertIn("  7. Chữ ký người nhận → (không điền: cột không nhận ra)", request)
        self.assertIn("  5. Lý do thu hồi → {{ly_do}}", revocation)
        self.assertIn("  4. Thông tin chứng thư số → {{thong_tin_cts}}", revocation)
        # each table's narrow number columns under that table
        notes = [l for l in request if l.startswith("Cột ")]
        self.assertEqual(len(notes), 1, out)
        self.assertRegex(notes[0], r"^Cột 5 “Số CCCD” \(27,9 mm\).*sẽ in cỡ 11\.$")
        notes = [l for l in revocation if l.startswith("Cột ")]
        self.assertEqual(len(notes), 1, out)
        self.assertRegex(notes[0], r"^Cột 3 “Ngày sinh” \(15,9 mm\).*hãy nới rộng cột này trong mẫu\.$")
        # the kinds whose rows --generate writes into each
        self.assertEqual(request[-1], "Các loại văn bản điền vào danh sách này: " + REQUEST_KINDS)
        self.assertEqual(revocation[-1], "Các loại văn bản điền vào danh sách này: thu-hoi mau-05")

    def test_second_request_list_is_never_filled(self):
        # two request lists: --generate fills the first (its header names
        # more columns); the clerk is told the second gets no rows
        form = os.path.join(self.tmp.name, "hai-de-nghi.docx")
        build_form(form, REQUEST, REQUEST[:4])
        lists = sections(self.check(form))
        self.assertEqual(lists[1][-1], "Các loại văn bản điền vào danh sách này: " + REQUEST_KINDS)
        self.assertEqual(lists[2][-1], "Các loại văn bản điền vào danh sách này: không có "
                         "(mọi loại văn bản đều điền vào danh sách khác của mẫu)")

    def test_one_list_form_is_told_as_before(self):
        form = os.path.join(self.tmp.name, "mot-danh-sach.docx")
        build_form(form, REVOCATION)
        out = self.check(form).splitlines()
        self.assertEqual(out[2:], [
            "Không có trường nào: tệp được điền như biểu mẫu. Các cột của bảng:",
            "  1. TT → {{stt}}",
            "  2. Họ và tên → {{ho_ten}}",
            "  3. Ngày sinh → {{ngay_sinh}}",
            "  4. Thông tin chứng thư số → {{thong_tin_cts}}",
            "  5. Lý do thu hồi → {{ly_do}}",
            "Cột 3 “Ngày sinh” (15,9 mm) không đủ rộng để các con số nằm trên một dòng, "
            "kể cả ở cỡ 10: hãy nới rộng cột này trong mẫu.",
            "Các loại văn bản mẫu này lập được: thu-hoi mau-05"])


if __name__ == "__main__":
    unittest.main()
