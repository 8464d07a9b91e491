#!/usr/bin/python3
"""The docs area's headless actions on a real register: --generate,
--check-template, --export-register, --export-bulk-sheet, --export-pdf,
each output private, never overwritten without --force, and recorded in
the register with its template's SHA-256."""
import hashlib
import os
import shutil
import sys
import sqlite3
import subprocess
import tempfile
import unittest
import zipfile

import docx
from docx.oxml.ns import qn

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "common"))
import cdtest  # noqa: E402

BIN = os.environ["CERTDESK_BIN"]

STAFF_CSV = """Họ và tên,Ngày sinh,Chức vụ,Đơn vị,Số CCCD,Ngày cấp,Nơi cấp,Điện thoại,Email
Nguyễn Thị Hoa,07/03/1985,Giáo viên,Tổ Toán,031085001234,15/04/2021,Cục Cảnh sát QLHC về TTXH,0912345678,hoant@haiphong.edu.vn
Lê Văn An,01/02/1990,Kế toán,Văn phòng,001090004321,01/01/2022,Cục Cảnh sát QLHC về TTXH,0987654321,anlv@haiphong.edu.vn
Trần Thị Bình,20/11/1979,Tổ trưởng,Tổ Văn,031179000777,02/03/2021,Cục Cảnh sát QLHC về TTXH,0901222333,binhtt@haiphong.edu.vn
"""


W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def build_tnr_form(path, blank_rows=3):
    """A Sở form typed in Times New Roman 12 over python-docx's default
    (Calibri/Cambria) style: the header, the STT digits and the signature
    block carry the font; the blank cells are bare paragraphs, as Word
    saves them."""
    from docx.shared import Pt
    d = docx.Document()

    def tnr(run, bold=False, italic=False):
        run.font.name = "Times New Roman"
        run.font.size = Pt(12)
        run.bold = bold
        run.italic = italic
        return run

    tnr(d.add_paragraph().add_run("TÊN ĐƠN VỊ"), bold=True)
    heads = ["STT", "Họ và tên", "Ngày sinh", "Chức vụ", "Đơn vị",
             "Số căn cước công dân", "Ngày cấp CCCD", "Điện thoại"]
    table = d.add_table(rows=1 + blank_rows, cols=len(heads))
    table.style = "Table Grid"
    for c, h in enumerate(heads):
        tnr(table.rows[0].cells[c].paragraphs[0].add_run(h), bold=True)
    for r in range(1, 1 + blank_rows):
        tnr(table.rows[r].cells[0].paragraphs[0].add_run(str(r)))
    tnr(d.add_paragraph().add_run("HIỆU TRƯỞNG"), bold=True)
    tnr(d.add_paragraph().add_run("(Ký, ghi rõ họ tên, đóng dấu)"), italic=True)
    d.save(path)


def build_sized_form(path, heads):
    """A Sở form in Times New Roman 12 whose columns have the given
    widths (header, twips), one blank numbered row."""
    from docx.shared import Pt, Twips
    d = docx.Document()
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
    d.save(path)


def pdf_fonts(pdf):
    out = subprocess.run(["pdffonts", pdf], capture_output=True, text=True, check=True).stdout
    return {line.split()[0].split("+")[-1] for line in out.splitlines()[2:] if line.strip()}


def to_pdf(path, outdir):
    profile = tempfile.mkdtemp(prefix="lo-profile-")
    try:
        subprocess.run(["soffice", "-env:UserInstallation=file://" + profile, "--headless",
                        "--convert-to", "pdf", "--outdir", outdir, path],
                       capture_output=True, timeout=170, check=True)
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    return os.path.join(outdir, os.path.splitext(os.path.basename(path))[0] + ".pdf")


run = cdtest.run



def signature_row(row):
    """The built-in lists carry their signature block as the table's
    last, borderless row, and the letters (Mẫu 01, 04, 05, 06) their
    closing text and signature (a nested table) as one full-width last
    row, so that LibreOffice keeps it with the last person's row (issue
    15): any text of the row, nested tables included."""
    return "Ký, ghi rõ họ tên" in "".join(row._tr.itertext())


def all_paragraphs(document):
    """Every paragraph of the body, those in tables too (python-docx's
    document.paragraphs has only the top-level ones)."""
    from docx.text.paragraph import Paragraph
    return [Paragraph(p, None) for p in document.element.body.iter(qn("w:p"))]


def all_cells(document):
    """The text of every table cell, nested tables' too (the signatures
    are a table nested in the list table's last row)."""
    from docx.text.paragraph import Paragraph
    return ["\n".join(Paragraph(p, None).text for p in tc.findall(qn("w:p")))
            for tc in document.element.body.iter(qn("w:tc"))]


def list_rows(table):
    """A list table's rows without the signature block (signature_row)."""
    return [r for r in table.rows if not signature_row(r)]

class CliDocs(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.dir = self.tmp.name
        self.db = os.path.join(self.dir, "so.db")
        csv = os.path.join(self.dir, "staff.csv")
        with open(csv, "w", encoding="utf-8") as f:
            f.write(STAFF_CSV)
        p = run("--database=" + self.db, "--import-staff=" + csv)
        self.assertEqual(p.returncode, 0, p.stderr)

    def tearDown(self):
        self.tmp.cleanup()

    def db_run(self, *args):
        return run("--database=" + self.db, *args)

    def set_unit_name(self):
        p = self.db_run("--set-unit=name=Trường THCS Lê Lợi", "--set-unit=place=Hải Phòng")
        self.assertEqual(p.returncode, 0, p.stderr)

    def documents(self):
        with sqlite3.connect(self.db) as c:
            return c.execute("SELECT path, kind, template_name, template_sha256 FROM documents"
                             " ORDER BY id").fetchall()

    def test_generate_request_list(self):
        self.set_unit_name()
        out = os.path.join(self.dir, "de-nghi.docx")
        p = self.db_run("--generate=cap-moi", "--output=" + out)
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertEqual(os.stat(out).st_mode & 0o777, 0o600)
        d = docx.Document(out)
        table = max(d.tables, key=lambda t: len(t.rows))
        self.assertEqual(len(list_rows(table)), 4)
        texts = [[c.text for c in r.cells] for r in list_rows(table)[1:]]
        cccds = sorted(r[5] for r in texts)
        self.assertEqual(cccds, ["001090004321", "031085001234", "031179000777"])
        docs = self.documents()
        self.assertEqual(len(docs), 1)
        self.assertEqual(docs[0][1], "cap-moi")
        self.assertEqual(docs[0][2], "de-nghi-cap-moi")
        self.assertEqual(len(docs[0][3]), 64)

        # never overwritten without --force
        before = open(out, "rb").read()
        p = self.db_run("--generate=cap-moi", "--output=" + out)
        self.assertEqual(p.returncode, 1)
        self.assertIn("--force", p.stderr)
        self.assertEqual(open(out, "rb").read(), before)
        p = self.db_run("--force", "--generate=cap-moi", "--staff=2", "--output=" + out)
        self.assertEqual(p.returncode, 0, p.stderr)
        table = max(docx.Document(out).tables, key=lambda t: len(t.rows))
        self.assertEqual(len(list_rows(table)), 2)

    def test_generate_with_own_template_records_its_sha(self):
        self.set_unit_name()
        tpl = os.path.join(self.dir, "mau-rieng.docx")
        d = docx.Document()
        d.add_paragraph("{{ten_don_vi}} — {{ngay_thang}}")
        t = d.add_table(rows=2, cols=3)
        for c, h in enumerate(["STT", "Họ và tên", "CCCD"]):
            t.rows[0].cells[c].text = h
        for c, h in enumerate(["{{stt}}", "{{ho_ten}}", "{{cccd}}"]):
            t.rows[1].cells[c].text = h
        d.save(tpl)
        p = self.db_run("--check-template=" + tpl)
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertIn("{{ho_ten}}", p.stdout)
        self.assertIn("cap-moi", p.stdout)

        out = os.path.join(self.dir, "rieng.docx")
        p = self.db_run("--generate=mau-07", "--staff=1,3", "--template=" + tpl, "--output=" + out)
        self.assertEqual(p.returncode, 0, p.stderr)
        t = docx.Document(out).tables[0]
        self.assertEqual([r.cells[0].text for r in t.rows], ["STT", "1", "2"])
        sha = hashlib.sha256(open(tpl, "rb").read()).hexdigest()
        self.assertEqual(self.documents()[-1][3], sha)

    def test_unknown_placeholder_is_named(self):
        self.set_unit_name()
        tpl = os.path.join(self.dir, "sai.docx")
        d = docx.Document()
        d.add_paragraph("Kính gửi {{kinh_gui}}")
        d.add_paragraph("Họ tên: {{ho_tne}}")
        d.save(tpl)
        p = self.db_run("--check-template=" + tpl)
        self.assertEqual(p.returncode, 1)
        self.assertIn("{{ho_tne}}", p.stdout)
        out = os.path.join(self.dir, "x.docx")
        p = self.db_run("--generate=mau-01", "--staff=1", "--template=" + tpl, "--output=" + out)
        self.assertEqual(p.returncode, 1)
        self.assertIn("ho_tne", p.stderr)
        self.assertFalse(os.path.exists(out))
        self.assertEqual(self.documents(), [])

    def test_check_so_form_without_placeholders(self):
        self.set_unit_name()
        form = os.path.join(self.dir, "so-gui.docx")
        d = docx.Document()
        d.add_paragraph("TÊN ĐƠN VỊ")
        t = d.add_table(rows=3, cols=5)
        for c, h in enumerate(["TT", "Họ và tên", "Ngày sinh", "Thông tin chứng thư số", "Lý do thu hồi"]):
            t.rows[0].cells[c].text = h
        t.rows[1].cells[0].text = "1"
        t.rows[2].cells[0].text = "2"
        d.save(form)
        p = self.db_run("--check-template=" + form)
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertIn("{{thong_tin_cts}}", p.stdout)
        self.assertIn("thu-hoi", p.stdout)
        self.assertNotIn("cap-moi", p.stdout)
        # a revocation is of a certificate in force (the wizard's rule)
        p = self.db_run("--add-certificate=54A1000000000B0B", "--not-before=01/01/2025",
                        "--not-after=01/01/2030", "--provider=Ban Cơ yếu Chính phủ",
                        "--holder-cccd=001090004321")
        self.assertEqual(p.returncode, 0, p.stderr)
        out = os.path.join(self.dir, "thu-hoi.docx")
        p = self.db_run("--generate=thu-hoi", "--staff=2", "--template=" + form, "--output=" + out)
        self.assertEqual(p.returncode, 0, p.stderr)
        t = docx.Document(out).tables[0]
        self.assertEqual(len(t.rows), 2)
        self.assertEqual(t.rows[1].cells[1].text, "Lê Văn An")
        self.assertEqual(t.rows[1].cells[2].text, "01/02/1990")

    def test_so_form_text_takes_the_forms_font(self):
        form = os.path.join(self.dir, "so-tnr.docx")
        build_tnr_form(form)
        p = self.db_run("--set-unit=name=Trường THCS Lê Lợi", "--set-unit=province=Hải Phòng",
                        "--set-unit=signer=Phạm Văn Bình")
        self.assertEqual(p.returncode, 0, p.stderr)
        out = os.path.join(self.dir, "so-tnr-filled.docx")
        p = self.db_run("--generate=cap-moi", "--template=" + form, "--output=" + out)
        self.assertEqual(p.returncode, 0, p.stderr)
        d = docx.Document(out)
        table = d.tables[0]
        self.assertEqual(len(list_rows(table)), 4)
        for r in list_rows(table)[1:]:
            for k, c in enumerate(r.cells):
                for run in c.paragraphs[0].runs:
                    if run.text:
                        self.assertEqual(run.font.name, "Times New Roman", run.text)
                        # python-docx's even columns (19 mm) are too narrow
                        # for a date, a CCCD or a phone even in 10 pt
                        self.assertEqual(run.font.size.pt, 10 if k in (2, 5, 6, 7) else 12,
                                         run.text)
                        self.assertFalse(run.bold, run.text)
        self.assertIn("Số căn cước công dân", p.stderr)
        signer = [p for p in all_paragraphs(d) if p.text == "Phạm Văn Bình"]
        self.assertEqual(len(signer), 1)
        self.assertEqual(signer[0].runs[0].font.name, "Times New Roman")
        self.assertFalse(signer[0].runs[0].italic)
        # a long list repeats the header row and keeps each row whole
        rows = table._tbl.findall(W + "tr")
        self.assertIsNotNone(rows[0].find(W + "trPr/" + W + "tblHeader"))
        for tr in rows[1:]:
            self.assertIsNotNone(tr.find(W + "trPr/" + W + "cantSplit"))
            self.assertIsNone(tr.find(W + "trPr/" + W + "tblHeader"))
        fonts = pdf_fonts(to_pdf(out, self.dir))
        self.assertTrue(fonts and all(f.startswith("LiberationSerif") for f in fonts), fonts)

    def test_so_form_narrow_cccd_column_keeps_numbers_whole(self):
        """Issue 15: a CCCD column too narrow for 12 digits at the form's
        12 pt takes the largest size that fits (never below 10 pt), and
        the clerk is told."""
        form = os.path.join(self.dir, "so-narrow.docx")
        build_sized_form(form, [("STT", 600), ("Họ và tên", 2800), ("Ngày sinh", 1600),
                                ("Số CCCD", 1580), ("Điện thoại", 2000)])
        self.set_unit_name()
        out = os.path.join(self.dir, "so-narrow-filled.docx")
        p = self.db_run("--generate=cap-moi", "--template=" + form, "--output=" + out)
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertIn("Số CCCD", p.stderr)
        self.assertRegex(p.stderr, "11 pt|cỡ 11")
        rows = docx.Document(out).tables[0].rows[1:]
        self.assertEqual(len(rows), 3)
        cccds = []
        for r in rows:
            cccds.append(r.cells[3].text)
            for run in r.cells[3].paragraphs[0].runs:
                self.assertTrue(10 <= run.font.size.pt <= 11.5, run.font.size.pt)
            # the wide enough columns keep the form's size
            for run in r.cells[2].paragraphs[0].runs + r.cells[4].paragraphs[0].runs:
                self.assertEqual(run.font.size.pt, 12)
        self.assertEqual(sorted(cccds), ["001090004321", "031085001234", "031179000777"])
        pdf = to_pdf(out, self.dir)
        text = subprocess.run(["pdftotext", "-raw", pdf, "-"], capture_output=True,
                              text=True, check=True).stdout
        for cccd in cccds:
            self.assertIn(cccd, text)

    def test_so_form_notes_use_a_decimal_comma(self):
        """Issue 15: the Vietnamese note of a narrow column writes its
        millimetres (and a half point size) with a decimal comma, under
        the C locale too."""
        form = os.path.join(self.dir, "so-narrow.docx")
        build_sized_form(form, [("STT", 600), ("Họ và tên", 2800), ("Ngày sinh", 1600),
                                ("Số CCCD", 1580), ("Điện thoại", 2000)])
        self.set_unit_name()
        out = os.path.join(self.dir, "so-narrow-filled.docx")
        p = run("--database=" + self.db, "--generate=cap-moi", "--template=" + form, "--output=" + out,
                env={"LC_ALL": "C", "LANG": "C", "CERTDESK_UI_LANGUAGE": "vi"})
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertIn("Cột “Số CCCD” của mẫu hẹp (27,9 mm)", p.stderr)
        self.assertNotIn("27.9", p.stderr)

    def test_check_template_tells_narrow_number_columns(self):
        """Issue 15: --check-template says, for a Sở form, which number
        column cannot hold its typical value at the form's size, with the
        size the fill would use (never below 10 pt) or that it must be
        widened; a wide enough column is not named."""
        form = os.path.join(self.dir, "so-narrow-check.docx")
        build_sized_form(form, [("STT", 600), ("Họ và tên", 2800), ("Ngày sinh", 1600),
                                ("Số CCCD", 1580), ("Điện thoại", 900)])
        p = run("--check-template=" + form, env={"CERTDESK_UI_LANGUAGE": "vi"})
        self.assertEqual(p.returncode, 0, p.stderr)
        lines = [l for l in p.stdout.splitlines() if l.startswith("Cột ")]
        self.assertEqual(len(lines), 2, p.stdout)
        # 27.9 mm less the cell margins hold 12 digits at 11 pt, not 12
        self.assertIn("Cột 4 “Số CCCD” (27,9 mm)", lines[0])
        self.assertRegex(lines[0], r"cỡ chữ 12 của mẫu: sẽ in cỡ 11\.$")
        # 15.9 mm: not even at 10 pt
        self.assertIn("Cột 5 “Điện thoại” (15,9 mm)", lines[1])
        self.assertIn("hãy nới rộng cột này", lines[1])
        self.assertNotIn("Ngày sinh", "\n".join(lines))
        # the same measure as the fill: it sets the CCCD column in 11 pt
        self.set_unit_name()
        out = os.path.join(self.dir, "so-narrow-check-filled.docx")
        p = self.db_run("--generate=cap-moi", "--template=" + form, "--output=" + out)
        self.assertEqual(p.returncode, 0, p.stderr)
        sizes = {run.font.size.pt for r in docx.Document(out).tables[0].rows[1:]
                 for run in r.cells[3].paragraphs[0].runs}
        self.assertEqual(sizes, {11})

    def test_paged_list_sizes_serials_from_the_whole_list(self):
        """Issue 15: a whole register's list is written a page at a time
        and holds its first three people only when the form's columns are
        fitted: the serial column takes the size the longest serial of
        the whole list needs, so the last person's long serial stays
        whole in LibreOffice's rendering."""
        import datetime
        import re
        more = os.path.join(self.dir, "more.csv")
        with open(more, "w", encoding="utf-8") as f:
            f.write("Họ và tên,Ngày sinh,Số CCCD,Điện thoại\n")
            f.write("Phạm Văn Tùng,03/04/1982,031082000555,0912000555\n")
            f.write("Đỗ Thị Yến,09/09/1991,031191000666,0912000666\n")
        p = self.db_run("--import-staff=" + more)
        self.assertEqual(p.returncode, 0, p.stderr)
        self.set_unit_name()
        start = (datetime.date.today() - datetime.timedelta(days=700)).strftime("%d/%m/%Y")
        end = (datetime.date.today() + datetime.timedelta(days=20)).strftime("%d/%m/%Y")
        long_serial = "54A1B2C3D4E5F6A7B8C9D0E1F2A3B4C5"
        serials = {"031085001234": "54A1000000000101", "001090004321": "54A1000000000102",
                   "031179000777": "54A1000000000103", "031082000555": "54A1000000000104",
                   "031191000666": long_serial}
        for cccd, serial in serials.items():
            p = self.db_run("--add-certificate=" + serial, "--not-before=" + start, "--not-after=" + end,
                            "--provider=Ban Cơ yếu Chính phủ", "--holder-cccd=" + cccd)
            self.assertEqual(p.returncode, 0, p.stderr)
        form = os.path.join(self.dir, "so-serial.docx")
        build_sized_form(form, [("STT", 600), ("Họ và tên", 2800), ("Ngày sinh", 1600),
                                ("Số hiệu chứng thư số", 4250)])
        out = os.path.join(self.dir, "gia-han-so.docx")
        p = self.db_run("--generate=gia-han", "--template=" + form, "--output=" + out)
        self.assertEqual(p.returncode, 0, p.stderr)
        rows = docx.Document(out).tables[0].rows[1:]
        self.assertEqual([r.cells[1].text for r in rows][-1], "Đỗ Thị Yến")
        self.assertEqual(rows[-1].cells[3].text, long_serial)
        # the whole column is set smaller, for the last person's serial
        for r in rows:
            for run in r.cells[3].paragraphs[0].runs:
                self.assertLess(run.font.size.pt, 12, r.cells[1].text)
        text = subprocess.run(["pdftotext", "-raw", to_pdf(out, self.dir), "-"],
                              capture_output=True, text=True, check=True).stdout
        self.assertIn(long_serial, text)
        for serial in serials.values():
            self.assertIn(serial, text)

    def test_builtin_serial_column_fits_the_longest_serial(self):
        """Issue 15: the built-in lists size their serial column from the
        widest serial they hold, taking room from the columns of text
        (names, reasons), which wrap at spaces: a 16-digit serial stays
        whole in the renewal list at 12 pt, a 32-digit one in Mẫu 05 at
        11 pt, and the whole register's renewal list (written a page at a
        time) makes room for its last person's 32-digit serial. Measured
        with the face's own advance widths (Liberation Serif, metric for
        metric Times New Roman), then rendered by LibreOffice."""
        import datetime
        import re
        from PIL import ImageFont
        face = subprocess.run(["fc-match", "-f", "%{file}", "Liberation Serif"],
                              capture_output=True, text=True).stdout
        if not face.endswith(".ttf"):
            self.skipTest("no Liberation Serif")
        font = ImageFont.truetype(face, 1000)
        more = os.path.join(self.dir, "more.csv")
        with open(more, "w", encoding="utf-8") as f:
            f.write("Họ và tên,Ngày sinh,Chức vụ,Đơn vị,Số CCCD,Ngày cấp,Điện thoại\n")
            f.write("Phạm Văn Tùng,03/04/1982,Giáo viên,Tổ Văn,031082000555,01/01/2022,0912000555\n")
            f.write("Đỗ Thị Yến,09/09/1991,Giáo viên,Tổ Sử,031191000666,01/01/2022,0912000666\n")
        p = self.db_run("--import-staff=" + more)
        self.assertEqual(p.returncode, 0, p.stderr)
        self.set_unit_name()
        start = (datetime.date.today() - datetime.timedelta(days=700)).strftime("%d/%m/%Y")
        end = (datetime.date.today() + datetime.timedelta(days=20)).strftime("%d/%m/%Y")
        long_serial = "54A1B2C3D4E5F6A7B8C9D0E1F2A3B4C5"
        serials = {"031085001234": "54A10000000000FA", "001090004321": "54A1000000000BCD",
                   "031179000777": "54A1000000000EEE", "031082000555": long_serial,
                   "031191000666": long_serial[::-1]}
        for cccd, serial in serials.items():
            p = self.db_run("--add-certificate=" + serial, "--not-before=" + start, "--not-after=" + end,
                            "--provider=Ban Cơ yếu Chính phủ", "--holder-cccd=" + cccd)
            self.assertEqual(p.returncode, 0, p.stderr)
        docs = {"gia-han": ["--staff=1,2,3"], "mau-05": ["--staff=3,4", "--reason=Mất thiết bị"],
                "gia-han-paged": []}
        outs = []
        for name, extra in docs.items():
            out = os.path.join(self.dir, name + ".docx")
            p = self.db_run("--generate=" + name.replace("-paged", ""), "--output=" + out, *extra)
            self.assertEqual(p.returncode, 0, p.stderr)
            outs.append(out)
            tbl = max(docx.Document(out).element.body.iter(W + "tbl"),
                      key=lambda t: len(t.findall(W + "tr")))
            grid = [int(g.get(W + "w")) for g in tbl.find(W + "tblGrid")]
            # the table as wide as the template's (its grid, a twip or two
            # under its w:tblW)
            self.assertIn(int(tbl.find(W + "tblPr/" + W + "tblW").get(W + "w")) - sum(grid),
                          (0, 1, 2), name)
            checked, sizes = set(), set()
            for tr in tbl.findall(W + "tr")[1:]:
                for col, tc in enumerate(tr.findall(W + "tc")):
                    text = "".join(t.text or "" for t in tc.iter(W + "t"))
                    if not re.fullmatch(r"\d\d/\d\d/\d{4}|\d{10,12}|[0-9A-F]{16,}", text):
                        continue
                    width = int(tc.find(W + "tcPr/" + W + "tcW").get(W + "w"))
                    self.assertEqual(width, grid[col], name)
                    size = int(tc.find(".//" + W + "r/" + W + "rPr/" + W + "sz").get(W + "val")) / 2
                    # advance widths in twips, inside Word's 108-twip margins
                    need = font.getlength(text) / 1000 * size * 20
                    self.assertLessEqual(need, width - 216, (name, text, size, width))
                    checked.add(text)
                    sizes.add(size)
            listed = {"gia-han": 3, "mau-05": 2, "gia-han-paged": 5}[name]
            self.assertEqual(len([s for s in checked if s in serials.values()]), listed, name)
            # the serials fit by widening alone, at the template's size
            if name != "gia-han-paged":
                self.assertEqual(sizes, {12 if name == "gia-han" else 11}, name)
        if shutil.which("soffice") is None:
            return
        profile = tempfile.mkdtemp(prefix="lo-profile-")
        try:
            subprocess.run(["soffice", "-env:UserInstallation=file://" + profile, "--headless",
                            "--convert-to", "pdf", "--outdir", self.dir, *outs],
                           capture_output=True, timeout=170, check=True)
        finally:
            shutil.rmtree(profile, ignore_errors=True)
        for out in outs:
            text = subprocess.run(["pdftotext", "-raw", out[:-5] + ".pdf", "-"],
                                  capture_output=True, text=True, check=True).stdout
            for serial in {"gia-han": list(serials.values())[:3], "mau-05": list(serials.values())[2:4],
                           "gia-han-paged": serials.values()}[os.path.basename(out)[:-5]]:
                self.assertIn(serial, text, out)

    def renewal_list(self):
        out = os.path.join(self.dir, "gia-han.docx")
        p = run("--demo", "--generate=gia-han", "--output=" + out)
        self.assertEqual(p.returncode, 0, p.stderr)
        table = max(docx.Document(out).tables, key=lambda t: len(t.rows))
        heads = [c.text for c in table.rows[0].cells]
        self.assertGreater(len(list_rows(table)), 2)
        return p, out, heads, [[c.text for c in r.cells] for r in list_rows(table)[1:]]

    def test_renewal_list_never_breaks_a_date(self):
        import re
        p, out, heads, rows = self.renewal_list()
        dates = [c for cells in rows for c in cells if re.fullmatch(r"\d\d/\d\d/\d{4}", c)]
        self.assertGreater(len(dates), 3 * len(rows) - 1)
        text = re.sub(r"\s+", " ", subprocess.run(["pdftotext", "-raw", to_pdf(out, self.dir), "-"],
                                                  capture_output=True, text=True).stdout)
        for d in dates:
            self.assertIn(d, text)

    def test_renewal_list_leaves_out_expired(self):
        import datetime
        p, out, heads, rows = self.renewal_list()
        today = datetime.date.today()
        for cells in rows:
            until = datetime.datetime.strptime(cells[heads.index("Ngày hết hạn")], "%d/%m/%Y").date()
            self.assertGreaterEqual(until, today, cells)
        # an expired certificate cannot be renewed: left out, and said
        self.assertIn("đã hết hạn", p.stderr)
        self.assertIn("--generate=cap-moi", p.stderr)

    def set_focal_unit(self):
        p = self.db_run("--set-unit=name=Trường THCS Lê Lợi", "--set-unit=province=Hải Phòng",
                        "--set-unit=address=Số 1 đường Lê Lợi, xã An Lão",
                        "--set-unit=signer=Phạm Văn Bình",
                        "--set-unit=focal_name=Trần Văn Nam", "--set-unit=focal_cccd=031090004567",
                        "--set-unit=focal_cccd_date=10/05/2022",
                        "--set-unit=focal_cccd_place=Cục Cảnh sát QLHC về TTXH",
                        "--set-unit=focal_position=Nhân viên văn thư",
                        "--set-unit=focal_phone=0913456789",
                        "--set-unit=focal_email=namtv@haiphong.edu.vn")
        self.assertEqual(p.returncode, 0, p.stderr)

    def test_mau01_names_the_focal_person(self):
        self.set_focal_unit()
        out = os.path.join(self.dir, "mau-01.docx")
        p = self.db_run("--generate=mau-01", "--output=" + out)
        self.assertEqual(p.returncode, 0, p.stderr)
        # every paragraph, those of tables too: the closing text is the
        # list table's last row (signature_row)
        body = docx.Document(out).element.body
        text = "\n".join("".join(p.itertext()) for p in body.iter(qn("w:p")))
        self.assertIn("Thông tin người tiếp nhận thiết bị", text)
        self.assertNotIn("họ và tên, số định danh cá nhân", text)
        for value in ("Trần Văn Nam", "031090004567", "10/05/2022", "Cục Cảnh sát QLHC về TTXH",
                      "Nhân viên văn thư", "0913456789", "namtv@haiphong.edu.vn",
                      "Số 1 đường Lê Lợi, xã An Lão"):
            self.assertIn(value, text)

    def test_mau01_emails_break_only_at_at_or_dot(self):
        import re
        self.set_focal_unit()
        out = os.path.join(self.dir, "mau-01-email.docx")
        p = self.db_run("--generate=mau-01", "--output=" + out)
        self.assertEqual(p.returncode, 0, p.stderr)
        text = subprocess.run(["pdftotext", "-raw", to_pdf(out, self.dir), "-"],
                              capture_output=True, text=True).stdout.replace("\u200b", "")
        for email in ("hoant@haiphong.edu.vn", "anlv@haiphong.edu.vn", "binhtt@haiphong.edu.vn"):
            # whitespace (a line break) only after "@" or before "."
            parts = re.split(r"(?<=@)|(?=\.)", email)
            pattern = r"\s*".join(re.escape(x) for x in parts)
            self.assertRegex(text, pattern, email)
        # the value in the .docx is the address itself, give or take the
        # invisible break opportunities
        cells = [c.text.replace("\u200b", "") for t in docx.Document(out).tables
                 for r in t.rows for c in r.cells]
        self.assertIn("hoant@haiphong.edu.vn", cells)

    def test_signature_stays_with_the_list(self):
        self.set_focal_unit()
        ids = ",".join(str(i) for i in range(1, 4))
        for kind in ("mau-01", "cap-lai", "thay-doi"):
            out = os.path.join(self.dir, kind + "-keep.docx")
            p = self.db_run("--generate=" + kind, "--staff=" + ids, "--output=" + out)
            self.assertEqual(p.returncode, 0, p.stderr)
            body = docx.Document(out).element.body
            tables = body.findall(W + "tbl")
            lst = max(tables, key=lambda t: len(t.findall(W + "tr")))
            rows = lst.findall(W + "tr")
            # the last rows keep with what follows, never the first ones
            for tr in rows[-2:]:
                for p_ in tr.iter(W + "p"):
                    self.assertIsNotNone(p_.find(W + "pPr/" + W + "keepNext"), kind)
            for p_ in rows[1].iter(W + "p"):
                self.assertIsNone(p_.find(W + "pPr/" + W + "keepNext"), kind)
            # and the closing text down to the signature's table
            after = []
            for el in lst.itersiblings():
                if el.tag != W + "p":
                    break
                after.append(el)
            self.assertTrue(after, kind)
            for p_ in after:
                self.assertIsNotNone(p_.find(W + "pPr/" + W + "keepNext"), kind)

    def test_so_form_signature_is_the_tables_last_row(self):
        """Issue 15: LibreOffice keeps a split table's rows marked
        keep-with-next together but not the table's end with what follows
        it, so the Sở's signature block is taken into the list table as
        its last, borderless row (render-matrix renders it)."""
        self.set_focal_unit()
        ids = ",".join(str(i) for i in range(1, 4))
        form = os.path.join(self.dir, "form.docx")
        build_tnr_form(form)
        out = os.path.join(self.dir, "form-filled.docx")
        p = self.db_run("--generate=cap-moi", "--staff=" + ids, "--template=" + form, "--output=" + out)
        self.assertEqual(p.returncode, 0, p.stderr)
        body = docx.Document(out).element.body
        lst = body.findall(W + "tbl")[0]
        rows = lst.findall(W + "tr")
        last = rows[-1]
        text = "\n".join("".join(p_.itertext()) for p_ in last.iter(W + "p"))
        for value in ("HIỆU TRƯỞNG", "(Ký, ghi rõ họ tên, đóng dấu)", "Phạm Văn Bình"):
            self.assertIn(value, text)
        self.assertIsNotNone(last.find(W + "trPr/" + W + "cantSplit"))
        # spaced as outside the table: the form's defaults (after 10 pt,
        # line 1.15), not the Table Grid style's (0, single)
        note = [p_ for p_ in last.iter(W + "p") if "Ký, ghi rõ" in "".join(p_.itertext())][0]
        spacing = note.find(W + "pPr/" + W + "spacing")
        self.assertEqual((spacing.get(W + "after"), spacing.get(W + "line")), ("200", "276"))
        tc = last.findall(W + "tc")
        self.assertEqual(len(tc), 1)
        self.assertEqual(tc[0].find(W + "tcPr/" + W + "gridSpan").get(W + "val"), "8")
        for side in ("left", "bottom", "right"):
            self.assertEqual(tc[0].find(W + "tcPr/" + W + "tcBorders/" + W + side).get(W + "val"), "nil")
        # held to the last person's row, whose paragraphs keep with it
        self.assertIn("Trần Thị Bình", "".join(rows[-2].itertext()))
        for p_ in rows[-2].iter(W + "p"):
            self.assertIsNotNone(p_.find(W + "pPr/" + W + "keepNext"))
        # after the table: no text, only what a document ends with
        after = [el for el in lst.itersiblings() if el.tag != W + "sectPr"]
        self.assertEqual(["".join(el.itertext()).strip() for el in after], [""])
        # the readers see the same people
        self.assertEqual(len(list_rows(docx.Document(out).tables[0])), 4)

        # a page break after the table: what follows is another page's,
        # left where it is
        d = docx.Document(form)
        d.paragraphs[-1].add_run().add_break(docx.enum.text.WD_BREAK.PAGE)
        d.add_paragraph("Phụ lục")
        d.save(form)
        out = os.path.join(self.dir, "form-break.docx")
        p = self.db_run("--generate=cap-moi", "--staff=" + ids, "--template=" + form, "--output=" + out)
        self.assertEqual(p.returncode, 0, p.stderr)
        body = docx.Document(out).element.body
        lst = body.findall(W + "tbl")[0]
        self.assertNotIn("HIỆU TRƯỞNG", "".join(lst.itertext()))
        self.assertIn("HIỆU TRƯỞNG", "".join(lst.getnext().itertext()))

    def test_minutes_read_as_sentences(self):
        csv = os.path.join(self.dir, "gender.csv")
        with open(csv, "w", encoding="utf-8") as f:
            f.write("Họ và tên,Giới tính,Chức vụ,Số CCCD\n"
                    "Đỗ Thị Mai,Nữ,Giáo viên,031185009991\n"
                    "Vũ Văn Hải,Nam,Kế toán,031085009992\n"
                    "Lý Ngọc Anh,,Giáo viên,\n")
        p = self.db_run("--import-staff=" + csv)
        self.assertEqual(p.returncode, 0, p.stdout + p.stderr)
        self.assertIn("Thêm mới: 3", p.stdout)
        p = self.db_run("--set-unit=name=Trường THCS Lê Lợi", "--set-unit=signer=Phạm Văn Bình",
                        "--set-unit=signer_title=HIỆU TRƯỞNG")
        self.assertEqual(p.returncode, 0, p.stderr)
        want = {"Đỗ Thị Mai": "bà", "Vũ Văn Hải": "ông", "Lý Ngọc Anh": "ông/bà"}
        seen = set()
        for staff in (4, 5, 6):
            out = os.path.join(self.dir, "mau-07-%d.docx" % staff)
            p = self.db_run("--generate=mau-07", "--staff=%d" % staff, "--output=" + out)
            self.assertEqual(p.returncode, 0, p.stderr)
            d = docx.Document(out)
            text = "\n".join(p_.text for p_ in d.paragraphs)
            name = [n for n in want if n in text][0]
            seen.add(name)
            self.assertIn("Bên nhận: %s %s," % (want[name], name), text)
            self.assertIn("chức vụ Hiệu trưởng.", text)
            self.assertNotIn("chức vụ HIỆU TRƯỞNG", text)
            # the signature block keeps its capitals
            cells = all_cells(d)
            self.assertTrue(any("ĐẠI DIỆN TRƯỜNG THCS LÊ LỢI" in c for c in cells))
        self.assertEqual(seen, set(want))

    def test_empty_list_is_refused(self):
        self.set_unit_name()
        # nobody is due a renewal in this register
        out = os.path.join(self.dir, "gia-han-empty.docx")
        p = self.db_run("--generate=gia-han", "--output=" + out)
        self.assertNotEqual(p.returncode, 0)
        self.assertIn("Danh sách không có ai", p.stderr)
        self.assertIn("--staff=", p.stderr)
        self.assertNotIn("0 thuê bao", p.stdout + p.stderr)
        self.assertFalse(os.path.exists(out))
        self.assertEqual(self.documents(), [])

    def test_blank_header_is_refused(self):
        # the imported register has no unit yet: the header would be blank
        out = os.path.join(self.dir, "no-unit.docx")
        p = self.db_run("--generate=cap-moi", "--output=" + out)
        self.assertNotEqual(p.returncode, 0)
        self.assertIn("--set-unit=name=", p.stderr)
        self.assertIn("tên", p.stderr)
        self.assertFalse(os.path.exists(out))
        self.assertEqual(self.documents(), [])
        self.set_unit_name()
        p = self.db_run("--generate=cap-moi", "--output=" + out)
        self.assertEqual(p.returncode, 0, p.stderr)

    def test_register_xlsx_prints_on_a4_landscape_one_page_wide(self):
        import re
        reg = os.path.join(self.dir, "so-in.xlsx")
        p = self.db_run("--export-register=" + reg)
        self.assertEqual(p.returncode, 0, p.stderr)
        with zipfile.ZipFile(reg) as z:
            sheet = z.read("xl/worksheets/sheet1.xml").decode()
            book = z.read("xl/workbook.xml").decode()
        setup = re.search(r"<pageSetup [^>]*/>", sheet)
        self.assertIsNotNone(setup, sheet[-600:])
        self.assertIn('orientation="landscape"', setup.group(0))
        self.assertIn('paperSize="9"', setup.group(0))           # A4
        self.assertIn('fitToHeight="0"', setup.group(0))         # as many pages down as needed
        self.assertNotIn('fitToWidth="', setup.group(0).replace('fitToWidth="1"', ""))
        self.assertIn('<pageSetUpPr fitToPage="1"/>', sheet)
        # the header row printed on every page
        self.assertRegex(book, r'<definedName name="_xlnm.Print_Titles"[^>]*>[^<]*\$1:\$1</definedName>')

    def test_bulk_sheet_place_of_issue_as_codes(self):
        bulk = os.path.join(self.dir, "vgca-codes.xlsx")
        p = self.db_run("--export-bulk-sheet=" + bulk)
        self.assertEqual(p.returncode, 0, p.stderr)
        with zipfile.ZipFile(bulk) as z:
            sheet = z.read("xl/worksheets/sheet1.xml").decode()
        # every imported person's CCCD was issued by "Cục Cảnh sát QLHC về TTXH"
        self.assertEqual(sheet.count("<t>CCSQLHCVTTXH</t>"), 3)
        self.assertNotIn("Cục Cảnh sát QLHC", sheet)

    def test_kind_needing_choice(self):
        p = self.db_run("--generate=mau-09", "--output=" + os.path.join(self.dir, "x.docx"))
        self.assertEqual(p.returncode, 1)
        self.assertIn("--staff", p.stderr)
        p = self.db_run("--generate=khong-co", "--output=" + os.path.join(self.dir, "x.docx"))
        self.assertEqual(p.returncode, 2)
        self.assertIn("cap-moi", p.stderr)

    def test_unit_requests_mau02_mau03(self):
        out02 = os.path.join(self.dir, "mau-02.docx")
        out03 = os.path.join(self.dir, "mau-03.docx")
        # the imported register has no unit yet: refused, nothing written
        p = self.db_run("--generate=mau-02", "--output=" + out02)
        self.assertNotEqual(p.returncode, 0)
        self.assertIn("--set-unit=name=", p.stderr)
        self.assertFalse(os.path.exists(out02))
        p = self.db_run("--set-unit=name=Trường THCS Lê Lợi", "--set-unit=province=Hải Phòng",
                        "--set-unit=address=Số 1 đường Lê Lợi, xã An Lão",
                        "--set-unit=email=thcsleloi@haiphong.edu.vn",
                        "--set-unit=focal_name=Trần Văn Nam", "--set-unit=focal_phone=0913456789")
        self.assertEqual(p.returncode, 0, p.stderr)
        p = self.db_run("--generate=mau-02", "--output=" + out02)
        self.assertNotEqual(p.returncode, 0)
        self.assertIn("Chưa có mã số thuế của đơn vị: chạy certdesk --set-unit=tax_code=", p.stderr)
        self.assertIn("Tùy chỉnh", p.stderr)
        self.assertFalse(os.path.exists(out02))
        self.assertEqual(self.documents(), [])

        p = self.db_run("--set-unit=tax_code=0201234567", "--set-unit=budget_code=1012345")
        self.assertEqual(p.returncode, 0, p.stderr)
        p = self.db_run("--generate=mau-02", "--output=" + out02)
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertEqual(os.stat(out02).st_mode & 0o777, 0o600)
        d = docx.Document(out02)
        table = [t for t in d.tables if t.rows[0].cells[0].text == "STT"][0]
        self.assertEqual(len(table.rows), 2)
        self.assertEqual([c.text for c in table.rows[0].cells],
                         ["STT", "Tên cơ quan, tổ chức", "Địa chỉ", "Mã số thuế", "Mã quan hệ ngân sách",
                          "Tỉnh/Thành phố", "Địa chỉ thư điện tử công vụ"])
        self.assertEqual([c.text for c in table.rows[1].cells],
                         ["1", "Trường THCS Lê Lợi", "Số 1 đường Lê Lợi, xã An Lão", "0201234567",
                          "1012345", "Hải Phòng", "thcsleloi@haiphong.edu.vn"])
        text = "\n".join(p.text for p in d.paragraphs)
        self.assertIn("Kính gửi: Cục Chứng thực số và Bảo mật thông tin, Ban Cơ yếu Chính phủ", text)
        self.assertIn("Trần Văn Nam", text)
        self.assertNotIn("{{", text)

        # Mẫu 03 needs the service's name
        p = self.db_run("--generate=mau-03", "--output=" + out03)
        self.assertEqual(p.returncode, 2)
        self.assertIn("--service-name", p.stderr)
        self.assertFalse(os.path.exists(out03))
        p = self.db_run("--generate=mau-03", "--service-name=Bộ phận Một cửa - UBND xã An Lão",
                        "--output=" + out03)
        self.assertEqual(p.returncode, 0, p.stderr)
        pairs = {}
        for t in docx.Document(out03).tables:
            for r in t.rows:
                cells = [c.text for c in r.cells]
                if len(cells) == 2 and cells[0] != cells[1]:
                    pairs.setdefault(cells[0], cells[1])
        self.assertEqual(pairs["Loại chứng thư số"], "Chứng thư số phục vụ dịch vụ công")
        self.assertEqual(pairs["Tên chứng thư số"], "Bộ phận Một cửa - UBND xã An Lão")
        self.assertEqual(pairs["Mã số thuế"], "0201234567")
        self.assertEqual(pairs["Họ và tên"], "Trần Văn Nam")
        p = self.db_run("--force", "--generate=mau-03", "--service-name=Cổng dịch vụ công",
                        "--service-kind=Chứng thư số cho phần mềm", "--output=" + out03)
        self.assertEqual(p.returncode, 0, p.stderr)
        texts = [c.text for t in docx.Document(out03).tables for r in t.rows for c in r.cells]
        self.assertIn("Chứng thư số cho phần mềm", texts)
        self.assertIn("Cổng dịch vụ công", texts)
        self.assertEqual([d[1] for d in self.documents()], ["mau-02", "mau-03", "mau-03"])
        self.assertEqual(self.documents()[0][2], "mau-02")

    def test_exports(self):
        reg = os.path.join(self.dir, "so.xlsx")
        bulk = os.path.join(self.dir, "vgca.xlsx")
        pdf = os.path.join(self.dir, "so.pdf")
        for args in (("--export-register=" + reg,), ("--export-bulk-sheet=" + bulk,),
                     ("--export-pdf=" + pdf,)):
            p = self.db_run(*args)
            self.assertEqual(p.returncode, 0, p.stderr)
        for path in (reg, bulk, pdf):
            self.assertEqual(os.stat(path).st_mode & 0o777, 0o600)
        for path in (reg, bulk):
            with zipfile.ZipFile(path) as z:
                sheet = z.read("xl/worksheets/sheet1.xml").decode()
            # the CCCD with two leading zeros is a text cell, whole
            self.assertIn("<t>001090004321</t>", sheet)
            self.assertNotIn("<v>1090004321</v>", sheet)
        text = subprocess.run(["pdftotext", pdf, "-"], capture_output=True, text=True).stdout
        self.assertIn("001090004321", text)
        self.assertEqual([d[1] for d in self.documents()], ["register", "bulk-sheet", "register-pdf"])
        p = self.db_run("--export-register=" + reg)
        self.assertEqual(p.returncode, 1)


if __name__ == "__main__":
    unittest.main(verbosity=2)
