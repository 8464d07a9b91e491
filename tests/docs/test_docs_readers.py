#!/usr/bin/python3
"""Documents read back by independent readers: python-docx, headless
LibreOffice + pdftotext, and zipfile + XML for the .xlsx files.

The documents are written by tests/docs/docs-fixture from deterministic
people (see docs-people.c): person i is the fixture's i-th Vietnamese name
and "<i+1>" (docs-fixture names N lists them), CCCD "0310850" + 5 digits,
born on a date derived from i."""
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unittest
import zipfile
import xml.etree.ElementTree as ET

import docx
from docx.oxml.ns import qn

FIXTURE = os.environ["DOCS_FIXTURE"]
SRC = os.environ["MESON_SOURCE_ROOT"]
TEMPLATES = os.path.join(SRC, "data", "templates")
UNIT = "TRƯỜNG THCS LÊ LỢI"
DATE_LINE = "Hải Phòng, ngày 05 tháng 01 năm 2026"

NAMES = []
# The forms about the unit itself (no list of people): docs-people.c's
# unit, and its service for Mẫu 03.
UNIT_TEMPLATES = {
    "mau-02": ["0201234567", "1012345", "thcsleloi@haiphong.edu.vn"],
    "mau-03": ["Bộ phận Một cửa - UBND xã An Lão", "Chứng thư số phục vụ dịch vụ công",
               "0201234567", "Trần Văn Nam"],
}


def person(i):
    if i >= len(NAMES):
        NAMES[:] = fixture("names", max(i + 1, 200)).splitlines()
    name = NAMES[i]
    cccd = "0310850%05d" % i
    born = "%02d/%02d/%04d" % (1 + i % 28, 1 + i % 12, 1970 + i % 30)
    return name, cccd, born


def fixture(*args):
    p = subprocess.run([FIXTURE, *map(str, args)], capture_output=True, text=True, timeout=120)
    if p.returncode != 0:
        raise AssertionError("docs-fixture %s: %s" % (args, p.stderr))
    return p.stdout


def to_pdf(paths, outdir):
    """One LibreOffice run for many files: it starts slowly."""
    profile = tempfile.mkdtemp(prefix="lo-profile-")
    try:
        subprocess.run(["soffice", "-env:UserInstallation=file://" + profile, "--headless",
                        "--convert-to", "pdf", "--outdir", outdir, *paths],
                       capture_output=True, timeout=600, check=True)
    finally:
        shutil.rmtree(profile, ignore_errors=True)


def pdf_text(path):
    # -raw keeps LibreOffice's drawing order: a table cell's lines stay
    # together, so a name wrapped in a narrow column still reads in order.
    out = subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", path, "-"],
                         capture_output=True, text=True, check=True).stdout
    return re.sub(r"\s+", " ", out)


def assert_in_order(test, text, needles, what):
    pos = 0
    for n in needles:
        found = text.find(n, pos)
        test.assertGreaterEqual(found, 0, "%s: %r missing or out of order" % (what, n))
        pos = found + len(n)


def template_columns(name):
    """Which per-person placeholders a built-in template's table uses."""
    with open(os.path.join(TEMPLATES, name, "word", "document.xml"), encoding="utf-8") as f:
        xml = f.read()
    return set(re.findall(r"\{\{(\w+)\}\}", xml))


class BuiltinTemplates(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="certdesk-docs-")
        cls.docs = []
        for name in sorted(os.listdir(TEMPLATES)):
            for n in ((3,) if name in UNIT_TEMPLATES else (3, 250)):
                out = os.path.join(cls.tmp, "%s-%d.docx" % (name, n))
                fixture("generate", os.path.join(TEMPLATES, name), out, n)
                cls.docs.append((name, n, out))
        to_pdf([d[2] for d in cls.docs], cls.tmp)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def test_every_template_opens_in_python_docx(self):
        self.assertEqual(len(self.docs), 30)
        for name, n, path in self.docs:
            d = docx.Document(path)
            cells = [c.text for t in d.tables for r in t.rows for c in r.cells]
            if name == "mau-02":
                # the header and the unit's one row, whoever is in the context
                table = [t for t in d.tables if t.rows[0].cells[0].text == "STT"][0]
                self.assertEqual(len(table.rows), 2)
                self.assertEqual([c.text for c in table.rows[1].cells][3:5], ["0201234567", "1012345"])
            elif name in UNIT_TEMPLATES:
                for value in UNIT_TEMPLATES[name]:
                    self.assertIn(value, cells, name)
            else:
                # the list table: a header row plus one row per person
                # (and the built-in lists' signature as a last row)
                rows = max(sum(1 for r in t.rows
                               if "Ký, ghi rõ họ tên" not in "".join(r._tr.itertext()))
                           for t in d.tables)
                self.assertEqual(rows, n + 1, "%s with %d people" % (name, n))
            self.assertNotIn("{{", "\n".join(cells))
            self.assertEqual(d.sections[0].page_height.mm // 1 in (210, 297), True)
            self.assertAlmostEqual(d.sections[0].left_margin.mm, 30, delta=0.1)
            self.assertAlmostEqual(d.sections[0].right_margin.mm, 15, delta=0.1)
            self.assertAlmostEqual(d.sections[0].top_margin.mm, 20, delta=0.1)
            self.assertNotIn("{{", "\n".join(p.text for p in d.paragraphs))

    def test_pdf_shows_every_person_in_order(self):
        for name, n, path in self.docs:
            pdf = path[:-5] + ".pdf"
            self.assertTrue(os.path.exists(pdf), "LibreOffice did not convert %s" % path)
            text = pdf_text(pdf)
            what = "%s with %d people" % (name, n)
            self.assertIn(UNIT, text, what)
            self.assertIn(DATE_LINE, text, what)
            if name in UNIT_TEMPLATES:
                # a long email may wrap inside its cell
                flat = text.replace(" ", "")
                for value in UNIT_TEMPLATES[name]:
                    self.assertIn(value.replace(" ", ""), flat, name)
                # Mẫu 02's codes and header never break
                for value in (("STT", "0201234567", "1012345") if name == "mau-02" else ()):
                    self.assertIn(" %s " % value, text, name)
                self.assertNotIn(person(0)[0], text, name)
                continue
            cols = template_columns(name)
            for i in range(n):
                nm, cccd, born = person(i)
                needles = [nm]
                if "ngay_sinh" in cols:
                    needles.append(born)
                if "cccd" in cols:
                    needles.append(cccd)
                # within the row: name, then birth date / CCCD as laid out
                row_start = text.find(nm)
                self.assertGreaterEqual(row_start, 0, "%s: %s missing" % (what, nm))
            # the whole list in order
            assert_in_order(self, text, [person(i)[0] for i in range(n)], what)
            if "cccd" in cols:
                assert_in_order(self, text, [person(i)[1] for i in range(n)], what + " (CCCD)")
            if "ngay_sinh" in cols:
                assert_in_order(self, text, [person(i)[2] for i in range(n)], what + " (born)")


def build_so_form(path):
    """The Hải Phòng request form as a school receives it (seed 002): the
    frame, the title, the table with blank rows 1 2 3, the signature."""
    from docx.enum.section import WD_ORIENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt
    d = docx.Document()
    sec = d.sections[0]
    sec.orientation = WD_ORIENT.LANDSCAPE
    sec.page_width, sec.page_height = Mm(297), Mm(210)
    sec.left_margin, sec.right_margin = Mm(30), Mm(15)
    frame = d.add_table(rows=1, cols=2)
    left, right = frame.rows[0].cells
    left.paragraphs[0].add_run("TÊN ĐƠN VỊ QUẢN LÝ")
    r = left.add_paragraph().add_run("TÊN ĐƠN VỊ")
    r.bold = True
    r = right.paragraphs[0].add_run("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    r.bold = True
    right.add_paragraph().add_run("Độc lập - Tự do - Hạnh Phúc").bold = True
    p = right.add_paragraph()
    # Word splits the line into several runs; keep that.
    p.add_run("……………..").italic = True
    p.add_run(", ngày       tháng     năm ").italic = True
    p.add_run("2025").italic = True
    t = d.add_paragraph()
    t.alignment = WD_ALIGN_PARAGRAPH.CENTER
    t.add_run("BIỂU MẪU ĐỀ NGHỊ CẤP CHỨNG THƯ SỐ").bold = True
    heads = ["STT", "Họ và tên", "Ngày sinh", "Chức vụ", "Đơn vị",
             "Số căn cước công dân", "Ngày cấp CCCD", "Điện thoại"]
    table = d.add_table(rows=4, cols=len(heads))
    table.style = "Table Grid"
    for c, h in enumerate(heads):
        run = table.rows[0].cells[c].paragraphs[0].add_run(h)
        run.bold = True
    for r in range(1, 4):
        run = table.rows[r].cells[0].paragraphs[0].add_run(str(r))
        run.font.size = Pt(12)
    table.autofit = False
    for c, w in enumerate([14, 40, 30, 25, 30, 40, 30, 30]):
        table._tbl.tblGrid.gridCol_lst[c].w = Mm(w)
        for row in table.rows:
            row.cells[c].width = Mm(w)
    sig = d.add_paragraph()
    sig.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    sig.add_run("HIỆU TRƯỞNG").bold = True
    note = d.add_paragraph()
    note.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    note.add_run("(Ký, ghi rõ họ tên, đóng dấu)").italic = True
    d.save(path)


class SoForm(unittest.TestCase):
    def test_fill_form_as_it_came(self):
        with tempfile.TemporaryDirectory() as tmp:
            word = os.path.join(tmp, "bieu-mau-word.docx")
            build_so_form(word)
            lo_dir = os.path.join(tmp, "lo")
            os.mkdir(lo_dir)
            profile = tempfile.mkdtemp(prefix="lo-profile-")
            subprocess.run(["soffice", "-env:UserInstallation=file://" + profile, "--headless",
                            "--convert-to", "docx:MS Word 2007 XML", "--outdir", lo_dir, word],
                           capture_output=True, timeout=300, check=True)
            shutil.rmtree(profile, ignore_errors=True)
            lo = os.path.join(lo_dir, "bieu-mau-word.docx")
            self.assertTrue(os.path.exists(lo))
            outs = []
            for src, tag in ((word, "word"), (lo, "libreoffice")):
                out = os.path.join(tmp, "filled-%s.docx" % tag)
                mapping = fixture("form", src, out, 40)
                fields = [line.split("\t")[2] for line in mapping.strip().splitlines()]
                self.assertEqual(fields, ["stt", "ho_ten", "ngay_sinh", "chuc_vu", "don_vi",
                                          "cccd", "ngay_cap_cccd", "dien_thoai"], tag)
                d = docx.Document(out)
                table = d.tables[1]
                # and the signature block as its last row (issue 15)
                self.assertEqual(len(table.rows), 42, tag)
                self.assertIn("Ký, ghi rõ họ tên", "".join(table.rows[41]._tr.itertext()))
                for i in range(40):
                    nm, cccd, born = person(i)
                    cells = [c.text for c in table.rows[i + 1].cells]
                    self.assertEqual(cells[0], str(i + 1))
                    self.assertEqual(cells[1], nm)
                    self.assertEqual(cells[2], born)
                    self.assertEqual(cells[5], cccd)
                # the blank rows' formatting (12 pt) carried to the new rows
                self.assertEqual(table.rows[40].cells[0].paragraphs[0].runs[0].font.size.pt, 12, tag)
                # the signature block is the list table's last row (issue 15)
                all_text = "\n".join("".join(t.text or "" for t in p.iter(qn("w:t")))
                                     for p in d.element.body.iter(qn("w:p")))
                all_text += "\n".join(c.text for c in d.tables[0].rows[0].cells)
                self.assertNotIn("TÊN ĐƠN VỊ", all_text, tag)
                self.assertIn("UBND XÃ AN LÃO", all_text, tag)
                self.assertIn(UNIT, all_text, tag)
                self.assertIn(DATE_LINE, all_text, tag)
                self.assertIn("Phạm Văn Bình", all_text, tag)
                outs.append(out)
            to_pdf(outs, tmp)
            for out in outs:
                text = pdf_text(out[:-5] + ".pdf")
                assert_in_order(self, text, [person(i)[0] for i in range(40)], out)
                assert_in_order(self, text, [person(i)[1] for i in range(40)], out)
                self.assertIn(DATE_LINE, text)


def sheet_cells(path):
    """Rows of the first sheet as lists of strings (inline or shared)."""
    ns = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
    with zipfile.ZipFile(path) as z:
        shared = []
        if "xl/sharedStrings.xml" in z.namelist():
            root = ET.fromstring(z.read("xl/sharedStrings.xml"))
            shared = ["".join(t.text or "" for t in si.iter("{%s}t" % ns["m"]))
                      for si in root.findall("m:si", ns)]
        root = ET.fromstring(z.read("xl/worksheets/sheet1.xml"))
    rows = []
    for row in root.iter("{%s}row" % ns["m"]):
        cells = []
        for c in row.findall("m:c", ns):
            kind = c.get("t")
            if kind == "inlineStr":
                cells.append(("s", "".join(t.text or "" for t in c.iter("{%s}t" % ns["m"]))))
            elif kind == "s":
                cells.append(("s", shared[int(c.find("m:v", ns).text)]))
            elif c.find("m:v", ns) is None:
                cells.append(("b", ""))   # blank (still text-formatted)
            else:
                cells.append(("n", c.find("m:v", ns).text))
        rows.append(cells)
    return rows


class Excel(unittest.TestCase):
    def test_register_and_bulk_sheet_keep_text(self):
        with tempfile.TemporaryDirectory() as tmp:
            reg = os.path.join(tmp, "so.xlsx")
            bulk = os.path.join(tmp, "vgca.xlsx")
            fixture("register", reg, 30)
            fixture("bulk", bulk, 30)
            self.assertEqual(os.stat(reg).st_mode & 0o777, 0o600)
            rows = sheet_cells(reg)
            self.assertEqual(len(rows), 31)
            self.assertEqual(rows[0][1], ("s", "Họ và tên"))
            for i in range(30):
                nm, cccd, born = person(i)
                self.assertEqual(rows[i + 1][1], ("s", nm))
                self.assertEqual(rows[i + 1][4], ("s", cccd))
                self.assertEqual(len(rows[i + 1][4][1]), 12)
                self.assertTrue(rows[i + 1][7][1].startswith("5403"))
            with zipfile.ZipFile(reg) as z:
                sheet = z.read("xl/worksheets/sheet1.xml").decode()
            self.assertIn("<autoFilter", sheet)
            self.assertIn('state="frozen"', sheet)

            rows = sheet_cells(bulk)
            self.assertEqual(len(rows[0]), 19)
            self.assertEqual([c[1] for c in rows[0]][:4],
                             ["STT", "Họ tên", "Ngày sinh (dd/MM/yyyy)", "CCCD"])
            self.assertEqual(rows[0][18][1], "Loại thiết bị")
            for i in range(30):
                nm, cccd, born = person(i)
                kinds = {c[0] for c in rows[i + 1]}
                self.assertLessEqual(kinds, {"s", "b"}, "every cell of the bulk sheet is text")
                self.assertEqual(rows[i + 1][1][1], nm)
                self.assertEqual(rows[i + 1][2][1], born)
                self.assertEqual(rows[i + 1][3][1], cccd)


class Pdf(unittest.TestCase):
    def test_register_pdf(self):
        with tempfile.TemporaryDirectory() as tmp:
            out = os.path.join(tmp, "so.pdf")
            fixture("pdf", out, 120)
            info = subprocess.run(["pdfinfo", out], capture_output=True, text=True).stdout
            self.assertRegex(info, r"Page size:\s+841\.89 x 595\.2\d+ pts")
            pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
            self.assertGreater(pages, 1)
            text = pdf_text(out)
            self.assertIn(UNIT, text)
            self.assertIn(DATE_LINE, text)
            assert_in_order(self, text, [person(i)[0] for i in range(120)], "register")
            assert_in_order(self, text, [person(i)[1] for i in range(120)], "register")
            # the header repeats on every page of the table (the last page
            # may hold only the signature)
            self.assertIn(text.count("Số hiệu chứng thư số"), (pages - 1, pages))

    def test_handover_pdf(self):
        with tempfile.TemporaryDirectory() as tmp:
            out = os.path.join(tmp, "bb.pdf")
            fixture("handover-pdf", out, 2)
            text = pdf_text(out)
            self.assertIn("BIÊN BẢN", text)
            self.assertIn(person(0)[0], text)
            self.assertIn(person(1)[1], text)


if __name__ == "__main__":
    unittest.main(verbosity=2)
