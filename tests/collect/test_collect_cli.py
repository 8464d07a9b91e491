#!/usr/bin/python3
"""certdesk --collect, headless: schools' lists filled by hand with
python-docx in the Sở's form (blank rows filled, rows added by copying,
the unit typed over the frame), one saved again by LibreOffice, one an
old .doc, CertDesk's own generated list, a file that is not a list; a
person listed by two schools and an 11-digit CCCD. The collected list is
read back with python-docx and by LibreOffice (PDF, pdftotext)."""
import copy
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unittest

import docx
import openpyxl

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "common"))
import cdtest  # noqa: E402

run = cdtest.run

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Vũ", "Đặng"]
GIVEN = ["Thị Hoa", "Văn Minh", "Thị Lan", "Quốc Hùng", "Thị Mai", "Văn Tùng"]
NAMES = ["%s %s" % (f, g) for g in GIVEN for f in FAMILY]   # 36 names, each once


def person(i):
    """Born in 1985, CCCD 031085xxxxxx (Hải Phòng, man born in the 1900s)."""
    return {"name": NAMES[i],
            "born": "%02d/%02d/1985" % (1 + i % 28, 1 + i % 12),
            "cccd": "031085%06d" % (100 + i),
            "issued": "15/04/2021",
            "position": "Giáo viên",
            "phone": "09%08d" % (12340000 + i)}


HEADS = ["STT", "Họ và tên", "Ngày sinh", "Chức vụ", "Đơn vị",
         "Số căn cước công dân", "Ngày cấp CCCD", "Điện thoại"]


def blank_form(path):
    """The Hải Phòng request form as a school receives it (seed 002)."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    d = docx.Document()
    frame = d.add_table(rows=1, cols=2)
    left, right = frame.rows[0].cells
    left.paragraphs[0].add_run("TÊN ĐƠN VỊ QUẢN LÝ")
    left.add_paragraph().add_run("TÊN ĐƠN VỊ").bold = True
    right.paragraphs[0].add_run("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM").bold = True
    right.add_paragraph().add_run("Độc lập - Tự do - Hạnh phúc").bold = True
    right.add_paragraph().add_run("……………, ngày    tháng    năm 2026").italic = True
    t = d.add_paragraph()
    t.alignment = WD_ALIGN_PARAGRAPH.CENTER
    t.add_run("BIỂU MẪU ĐỀ NGHỊ CẤP CHỨNG THƯ SỐ").bold = True
    table = d.add_table(rows=4, cols=len(HEADS))
    table.style = "Table Grid"
    for c, h in enumerate(HEADS):
        table.rows[0].cells[c].paragraphs[0].add_run(h).bold = True
    for r in range(1, 4):
        table.rows[r].cells[0].paragraphs[0].add_run(str(r))
    d.add_paragraph().add_run("HIỆU TRƯỞNG").bold = True
    d.add_paragraph().add_run("(Ký, ghi rõ họ tên, đóng dấu)").italic = True
    d.save(path)


def fill_by_hand(form, path, unit, people, dept="Tổ Toán"):
    """What a clerk does in Word: types the unit over the frame's blank,
    fills the three numbered rows, copies the last row for the others."""
    d = docx.Document(form)
    left = d.tables[0].rows[0].cells[0]
    left.paragraphs[0].runs[0].text = "UBND XÃ AN LÃO"
    left.paragraphs[1].runs[0].text = unit
    table = d.tables[1]
    while len(table.rows) - 1 < len(people):
        tr = copy.deepcopy(table.rows[-1]._tr)
        table._tbl.append(tr)
    for i, p in enumerate(people):
        cells = table.rows[i + 1].cells
        values = [str(i + 1), p["name"], p["born"], p["position"], dept,
                  p["cccd"], p["issued"], p["phone"]]
        for c, v in enumerate(values):
            para = cells[c].paragraphs[0]
            if para.runs:
                para.runs[0].text = v
                for r in para.runs[1:]:
                    r.text = ""
            else:
                para.add_run(v)
    d.save(path)


def soffice(args, timeout=300):
    profile = tempfile.mkdtemp(prefix="lo-profile-")
    try:
        subprocess.run(["soffice", "-env:UserInstallation=file://" + profile, "--headless", *args],
                       capture_output=True, timeout=timeout, check=True)
    finally:
        shutil.rmtree(profile, ignore_errors=True)


class ListTable:
    """The list table's rows without the signature block, which the
    built-in lists carry as their table's last, borderless row (so that
    LibreOffice keeps it with the last person's row)."""

    def __init__(self, table):
        self.table = table
        self.rows = [r for r in table.rows
                     if "Ký, ghi rõ họ tên" not in "".join(r._tr.itertext())]


def list_table(path):
    d = docx.Document(path)
    return ListTable(max(d.tables, key=lambda t: len(t.rows)))


class Collect(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="certdesk-collect-")
        cls.form = os.path.join(cls.tmp, "bieu-mau.docx")
        blank_form(cls.form)
        cls.lists = os.path.join(cls.tmp, "lists")
        os.mkdir(cls.lists)
        # A: by hand, 5 people (3 blank rows filled, 2 copied)
        cls.a = [person(i) for i in range(5)]
        fill_by_hand(cls.form, os.path.join(cls.lists, "01-thcs-le-loi.docx"),
                     "TRƯỜNG THCS LÊ LỢI", cls.a)
        # B: by hand then saved by LibreOffice; its 1st person is A's 3rd,
        # its 2nd has an 11-digit CCCD
        b = [person(2), person(10), person(11), person(12)]
        b[1] = dict(b[1], cccd="03108500011")
        cls.b = b
        lo_src = os.path.join(cls.tmp, "02-th-an-lao.docx")
        fill_by_hand(cls.form, lo_src, "TRƯỜNG TIỂU HỌC AN LÃO", b, dept="Tổ 1")
        soffice(["--convert-to", "docx:MS Word 2007 XML", "--outdir", cls.lists, lo_src])
        # the same list as an old .doc
        doc_dir = os.path.join(cls.tmp, "doc")
        os.mkdir(doc_dir)
        soffice(["--convert-to", "doc", "--outdir", doc_dir, lo_src])
        shutil.copy(os.path.join(doc_dir, "02-th-an-lao.doc"), os.path.join(cls.lists, "03-cu.doc"))
        # C: CertDesk's own list, from a register
        cls.db = os.path.join(cls.tmp, "c.db")
        csv = os.path.join(cls.tmp, "c.csv")
        with open(csv, "w", encoding="utf-8") as f:
            f.write("Họ và tên,Ngày sinh,Chức vụ,Số CCCD,Ngày cấp,Điện thoại\n")
            for i in range(20, 24):
                p = person(i)
                f.write("%s,%s,%s,%s,%s,%s\n" % (p["name"], p["born"], p["position"],
                                                 p["cccd"], p["issued"], p["phone"]))
        cls.c = [person(i) for i in range(20, 24)]
        for args in (["--import-staff=" + csv],
                     ["--set-unit=name=Trường Mầm non Hoa Sen", "--set-unit=place=Hải Phòng"],
                     ["--generate=cap-moi", "--output=" + os.path.join(cls.lists, "04-mn-hoa-sen.docx")]):
            p = run("--database=" + cls.db, *args)
            assert p.returncode == 0, p.stderr
        # not a list: a letter without the table
        d = docx.Document()
        d.add_paragraph("Kính gửi: UBND xã An Lão")
        d.add_paragraph("Trường xin gửi danh sách kèm theo.")
        d.save(os.path.join(cls.lists, "05-cong-van.docx"))

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def collect(self, *args):
        out = os.path.join(self.tmp, "out")
        shutil.rmtree(out, ignore_errors=True)
        os.mkdir(out)
        self.out = out
        return run(*args, "--output=" + os.path.join(out, "tong-hop.docx"),
                   "--bulk-sheet=" + os.path.join(out, "tong-hop.xlsx"),
                   "--report=" + os.path.join(out, "bao-cao.txt"), timeout=300)

    def test_collect_folder(self):
        p = self.collect("--collect=" + self.lists)
        self.assertEqual(p.returncode, 0, p.stdout + p.stderr)
        report = p.stdout
        # the duplicate, with both files and rows
        self.assertRegex(report, r"02-th-an-lao\.docx[\s\S]*%s[\s\S]*01-thcs-le-loi\.docx"
                         % re.escape(self.a[2]["name"]))
        # the bad CCCD, in its file
        self.assertIn("03108500011", report)
        # the .doc, with what to do; the letter is no list
        self.assertRegex(report, r"03-cu\.doc\n.*\.docx")
        self.assertIn("05-cong-van.docx", report)
        with open(os.path.join(self.out, "bao-cao.txt"), encoding="utf-8") as f:
            saved = f.read()
        self.assertTrue(report.startswith(saved), "the saved report is the printed one")

        expected = self.a + [self.b[2], self.b[3]] + self.c
        table = list_table(os.path.join(self.out, "tong-hop.docx"))
        rows = [[c.text for c in r.cells] for r in table.rows[1:]]
        # A and B in their rows' order; CertDesk's own list in its own order
        self.assertEqual([r[1] for r in rows[:7]], [x["name"] for x in expected[:7]])
        self.assertEqual(sorted(r[1] for r in rows[7:]), sorted(x["name"] for x in self.c))
        self.assertEqual([r[0] for r in rows], [str(i + 1) for i in range(len(expected))])
        self.assertEqual(sorted(r[5] for r in rows), sorted(x["cccd"] for x in expected))
        units = [r[4] for r in rows]
        self.assertEqual(units[:5], ["TRƯỜNG THCS LÊ LỢI"] * 5)
        self.assertEqual(units[5:7], ["TRƯỜNG TIỂU HỌC AN LÃO"] * 2)
        self.assertTrue(all(u.upper() == "TRƯỜNG MẦM NON HOA SEN" for u in units[7:]), units)
        for name in ("tong-hop.docx", "tong-hop.xlsx", "bao-cao.txt"):
            self.assertEqual(os.stat(os.path.join(self.out, name)).st_mode & 0o777, 0o600, name)

        wb = openpyxl.load_workbook(os.path.join(self.out, "tong-hop.xlsx"))
        ws = wb.worksheets[0]
        sheet = [[c.value for c in r] for r in ws.iter_rows()]
        self.assertEqual(len(sheet[0]), 19)
        self.assertEqual([r[3] for r in sheet[1:]], [r[5] for r in rows])
        self.assertEqual(sheet[1][9] or sheet[1][8] or sheet[1][7], "TRƯỜNG THCS LÊ LỢI")

        # LibreOffice reads it: every name in the PDF
        soffice(["--convert-to", "pdf", "--outdir", self.out, os.path.join(self.out, "tong-hop.docx")])
        text = subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8",
                               os.path.join(self.out, "tong-hop.pdf"), "-"],
                              capture_output=True, text=True, check=True).stdout
        text = re.sub(r"\s+", " ", text)
        for x in expected:
            self.assertIn(x["name"], text)

    def test_bulk_sheet_gaps_name_their_school(self):
        """The Sở's form has no Nơi cấp nor e-mail column: every row of the
        Cục's sheet is incomplete, and the report says so row by row with
        the school's file and row to ask; --strict writes nothing."""
        a = os.path.join(self.lists, "01-thcs-le-loi.docx")
        p = self.collect("--collect=" + a)
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertIn("5 dòng của bảng Cục còn trống ô bắt buộc", p.stderr)
        for i, x in enumerate(self.a):
            self.assertRegex(p.stdout, r"Dòng %d – %s: thiếu [^\n]*Nơi cấp[^\n]*"
                             r"\(từ 01-thcs-le-loi\.docx, dòng \d+\)" % (i + 2, re.escape(x["name"])))
        with open(os.path.join(self.out, "bao-cao.txt"), encoding="utf-8") as f:
            saved = f.read()
        self.assertIn("Dòng 2 – %s" % self.a[0]["name"], saved)
        self.assertTrue(p.stdout.startswith(saved), "the saved report is the printed one")
        self.assertTrue(os.path.exists(os.path.join(self.out, "tong-hop.xlsx")))

        p = self.collect("--collect=" + a, "--strict")
        self.assertEqual(p.returncode, 1, p.stderr)
        self.assertIn("--strict", p.stderr)
        self.assertEqual(os.listdir(self.out), [], "nothing written with --strict")

    def test_same_file_twice_counted_once(self):
        a = os.path.join(self.lists, "01-thcs-le-loi.docx")
        p = self.collect("--collect=" + a, "--collect=" + a)
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertEqual(len(list_table(os.path.join(self.out, "tong-hop.docx")).rows), 6)

    def test_corrected_list_replaces(self):
        fixed = os.path.join(self.tmp, "01-thcs-le-loi-sua.docx")
        fill_by_hand(self.form, fixed, "Trường THCS Lê Lợi", self.a[:3])
        p = self.collect("--collect=" + os.path.join(self.lists, "01-thcs-le-loi.docx"),
                         "--collect=" + fixed)
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertIn("01-thcs-le-loi-sua.docx", p.stdout)
        self.assertEqual(len(list_table(os.path.join(self.out, "tong-hop.docx")).rows), 4)

    def test_sos_own_form_as_template(self):
        p = self.collect("--collect=" + os.path.join(self.lists, "01-thcs-le-loi.docx"),
                         "--template=" + self.form)
        self.assertEqual(p.returncode, 0, p.stderr)
        d = docx.Document(os.path.join(self.out, "tong-hop.docx"))
        self.assertEqual(len(ListTable(d.tables[1]).rows), 6)
        self.assertEqual(d.tables[1].rows[1].cells[4].text, "TRƯỜNG THCS LÊ LỢI")

    def test_nothing_readable_fails_clearly(self):
        only = os.path.join(self.tmp, "only-bad")
        os.makedirs(only, exist_ok=True)
        shutil.copy(os.path.join(self.lists, "03-cu.doc"), only)
        shutil.copy(os.path.join(self.lists, "05-cong-van.docx"), only)
        p = self.collect("--collect=" + only)
        self.assertNotEqual(p.returncode, 0)
        self.assertLess(p.returncode, 128)
        self.assertIn("certdesk:", p.stderr)
        self.assertFalse(os.path.exists(os.path.join(self.out, "tong-hop.docx")))
        p = run("--collect=" + os.path.join(self.tmp, "empty-does-not-exist"),
                "--output=" + os.path.join(self.tmp, "x.docx"))
        self.assertNotEqual(p.returncode, 0)


class CollectSheets(unittest.TestCase):
    """Staff sheets made with openpyxl: headers over two rows (a merged
    group over its sub-headers) and the name in two columns."""

    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="certdesk-collect-sheets-")

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def collect(self, path):
        out = os.path.join(self.tmp, "tong-hop.docx")
        p = run("--collect=" + path, "--output=" + out, timeout=120)
        self.assertEqual(p.returncode, 0, p.stdout + p.stderr)
        rows = [[c.text for c in r.cells] for r in list_table(out).rows[1:]]
        return p.stdout, rows

    def test_group_over_sub_headers_and_split_name(self):
        people = [person(i) for i in range(3)]
        wb = openpyxl.Workbook()
        ws = wb.active
        ws["A1"] = "DANH SÁCH CÁN BỘ, GIÁO VIÊN ĐỀ NGHỊ CẤP CHỨNG THƯ SỐ"
        ws.merge_cells("A1:G1")
        ws.append([])
        ws.append(["STT", "Họ và tên", None, "Ngày sinh", "Căn cước công dân", None, "Điện thoại"])
        ws.merge_cells("B3:C3")
        ws.merge_cells("E3:F3")
        for col in "ADG":
            ws.merge_cells("%s3:%s4" % (col, col))
        for col, text in zip("BCEF", ["Họ đệm", "Tên", "Số", "Ngày cấp"]):
            ws[col + "4"] = text
        ws.append([1, 2, 3, 4, 5, 6, 7])   # the columns' numbers
        for i, x in enumerate(people):
            family, given = x["name"].split(" ", 1)
            ws.append([i + 1, family, given, x["born"], x["cccd"], x["issued"], x["phone"]])
        path = os.path.join(self.tmp, "truong-a.xlsx")
        wb.save(path)

        report, rows = self.collect(path)
        self.assertEqual([r[1] for r in rows], [x["name"] for x in people], report)
        self.assertEqual([r[2] for r in rows], [x["born"] for x in people])
        self.assertEqual([r[5] for r in rows], [x["cccd"] for x in people])

    def test_group_header_above_the_names(self):
        people = [person(i) for i in range(4, 6)]
        wb = openpyxl.Workbook()
        ws = wb.active
        ws.append(["STT", "Thông tin cá nhân", None, "Căn cước công dân", None])
        ws.merge_cells("B1:C1")
        ws.merge_cells("D1:E1")
        ws.merge_cells("A1:A2")
        ws.append([None, "Họ và tên", "Ngày sinh", "Số", "Ngày cấp"])
        for i, x in enumerate(people):
            ws.append([i + 1, x["name"], x["born"], x["cccd"], x["issued"]])
        path = os.path.join(self.tmp, "truong-b.xlsx")
        wb.save(path)

        report, rows = self.collect(path)
        self.assertEqual([r[1] for r in rows], [x["name"] for x in people], report)
        self.assertEqual([r[5] for r in rows], [x["cccd"] for x in people])


if __name__ == "__main__":
    unittest.main(verbosity=2)
