#!/usr/bin/python3
"""The Sở's form after a LibreOffice round-trip, filled by --generate
(issue 15): LibreOffice writes the document default font (Cambria 11, from
w:docDefaults) into every blank cell, which must not stand as the form's
choice: the people's values take the form's Times New Roman 12, and
LibreOffice renders them without Cambria or its DejaVu stand-in, every
number whole.

forms/so-form-libreoffice.docx is test_render_matrix.build_so_form()'s
form converted by LibreOffice 7.4 (`soffice --headless --convert-to
"docx:MS Word 2007 XML"`), committed because the conversion takes a
minute on a loaded machine."""
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

import docx
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph
from docx.shared import Pt

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "common"))
sys.path.insert(0, HERE)
import cdtest  # noqa: E402
from test_cli_docs import STAFF_CSV, pdf_fonts, to_pdf  # noqa: E402

FORM = os.path.join(HERE, "forms", "so-form-libreoffice.docx")
SIGNER = "Phạm Văn Bình"
INVISIBLE = dict.fromkeys(map(ord, "\u200b\u00ad\u2060"), None)


def styles_root(document):
    return document.styles.element


def style_chain(document, style_id):
    """The paragraph style @style_id (or the default one) and its bases."""
    root = styles_root(document)
    styles = {s.get(qn("w:styleId")): s for s in root.findall(qn("w:style"))}
    if style_id is None:
        style_id = next((s.get(qn("w:styleId")) for s in root.findall(qn("w:style"))
                         if s.get(qn("w:type")) == "paragraph"
                         and s.get(qn("w:default")) in ("1", "true", "on")), None)
    seen = []
    while style_id in styles and style_id not in [s.get(qn("w:styleId")) for s in seen]:
        seen.append(styles[style_id])
        based = styles[style_id].find(qn("w:basedOn"))
        style_id = based.get(qn("w:val")) if based is not None else None
    return seen


def effective(document, paragraph, run, prop, attr):
    """The value Word gives w:@prop/@attr of @run: the run's own, else its
    paragraph style's (and bases'), else w:docDefaults'. A theme font set
    at the same level wins over the face (Word's rule); it is returned as
    "theme:NAME"."""
    def look(rpr):
        el = rpr.find(qn("w:" + prop)) if rpr is not None else None
        if el is None:
            return None
        if prop == "rFonts":
            theme = el.get(qn("w:" + {"ascii": "asciiTheme", "hAnsi": "hAnsiTheme"}[attr]))
            if theme is not None:
                return "theme:" + theme
        return el.get(qn("w:" + attr))

    value = look(run._r.rPr)
    if value is not None:
        return value
    ppr = paragraph._p.pPr
    pstyle = ppr.find(qn("w:pStyle")) if ppr is not None else None
    for style in style_chain(document, pstyle.get(qn("w:val")) if pstyle is not None else None):
        value = look(style.find(qn("w:rPr")))
        if value is not None:
            return value
    defaults = styles_root(document).find(qn("w:docDefaults") + "/" + qn("w:rPrDefault")
                                          + "/" + qn("w:rPr"))
    return look(defaults)


class LibreOfficeSavedForm(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.dir = self.tmp.name
        self.db = os.path.join(self.dir, "so.db")
        csv = os.path.join(self.dir, "staff.csv")
        with open(csv, "w", encoding="utf-8") as f:
            f.write(STAFF_CSV)
        self.run_ok("--import-staff=" + csv)
        self.run_ok("--set-unit=name=Trường THCS Lê Lợi", "--set-unit=province=Hải Phòng",
                    "--set-unit=signer=" + SIGNER)

    def tearDown(self):
        self.tmp.cleanup()

    def run_ok(self, *args):
        p = cdtest.run("--database=" + self.db, *args, env={"CERTDESK_UI_LANGUAGE": "vi"})
        self.assertEqual(p.returncode, 0, (args, p.stderr))
        return p

    def fill(self, form, name):
        out = os.path.join(self.dir, name)
        self.run_ok("--generate=cap-moi", "--template=" + form, "--output=" + out)
        return out

    def filled_runs(self, document):
        """(paragraph, run) of every value inserted into the list's rows."""
        table = document.tables[0]
        found = []
        # not the signature block, the table's last row (issue 15)
        rows = [r for r in table.rows if "Ký, ghi rõ họ tên" not in "".join(r._tr.itertext())]
        for row in rows[1:]:
            for cell in row.cells[1:]:
                for p in cell.paragraphs:
                    found += [(p, r) for r in p.runs if r.text.strip()]
        return found

    def test_values_take_the_forms_font_not_the_default(self):
        # the premise: the blank cells restate docDefaults' Cambria 11
        form = docx.Document(FORM)
        blank = form.tables[0].rows[1].cells[1].paragraphs[0]
        mark = blank._p.pPr.find(qn("w:rPr"))
        self.assertEqual(mark.find(qn("w:rFonts")).get(qn("w:ascii")), "Cambria")
        self.assertEqual(mark.find(qn("w:sz")).get(qn("w:val")), "22")

        out = self.fill(FORM, "lo-filled.docx")
        d = docx.Document(out)
        runs = self.filled_runs(d)
        self.assertGreaterEqual(len(runs), 3 * 5, [r.text for _, r in runs])
        for p, r in runs:
            self.assertEqual(effective(d, p, r, "rFonts", "ascii"), "Times New Roman", r.text)
            self.assertEqual(effective(d, p, r, "rFonts", "hAnsi"), "Times New Roman", r.text)
            self.assertEqual(effective(d, p, r, "sz", "val"), "24", r.text)
            self.assertFalse(r.bold, r.text)
        # the signature block is the list table's last row (issue 15)
        signer = [p for p in (Paragraph(el, None) for el in d.element.body.iter(qn("w:p")))
                  if p.text == SIGNER]
        self.assertEqual(len(signer), 1)
        self.assertEqual(effective(d, signer[0], signer[0].runs[0], "rFonts", "ascii"),
                         "Times New Roman")

        if shutil.which("soffice") is None or shutil.which("pdffonts") is None:
            self.skipTest("needs LibreOffice and poppler")
        pdf = to_pdf(out, self.dir)
        fonts = pdf_fonts(pdf)
        self.assertTrue(fonts and all(f.startswith(("TimesNewRoman", "LiberationSerif"))
                                      for f in fonts), fonts)
        text = subprocess.run(["pdftotext", "-layout", pdf, "-"], capture_output=True,
                              text=True, check=True).stdout.translate(INVISIBLE)
        numbers = [c.text for row in d.tables[0].rows[1:] for c in row.cells
                   if c.text.isdigit() and len(c.text) >= 10]
        self.assertEqual(len(numbers), 6, numbers)  # a CCCD and a phone each
        for n in numbers:
            self.assertIn(n, text)
        png = os.environ.get("CERTDESK_TEST_PNG")
        if png:
            # for a person to look at: the filled form as LibreOffice draws it
            subprocess.run(["pdftoppm", "-r", "60", "-png", pdf, png], check=True)

    def test_a_cells_own_font_stays(self):
        """A face the form sets in its blank cells other than the default
        is the form's choice: the values keep it, not the header's."""
        form = docx.Document(FORM)
        for row in form.tables[0].rows[1:]:
            for cell in row.cells[1:]:
                for p in cell.paragraphs:
                    for rpr in [p._p.pPr.find(qn("w:rPr"))] + [r._r.rPr for r in p.runs]:
                        if rpr is None:
                            continue
                        fonts = rpr.find(qn("w:rFonts"))
                        if fonts is None:
                            fonts = rpr.makeelement(qn("w:rFonts"), {})
                            rpr.insert(0, fonts)
                        fonts.set(qn("w:ascii"), "Arial")
                        fonts.set(qn("w:hAnsi"), "Arial")
        path = os.path.join(self.dir, "arial-cells.docx")
        form.save(path)
        d = docx.Document(self.fill(path, "arial-filled.docx"))
        runs = self.filled_runs(d)
        self.assertTrue(runs)
        for p, r in runs:
            self.assertEqual(effective(d, p, r, "rFonts", "ascii"), "Arial", r.text)
            # the size restated the default: the form's 12 pt
            self.assertEqual(effective(d, p, r, "sz", "val"), "24", r.text)

    def test_the_default_style_is_the_forms_font(self):
        """A form whose default style is already Times New Roman (11 pt,
        restated in its blank cells) fills in the form's Times New Roman
        12, without the header's bold."""
        form = docx.Document(FORM)
        root = form.styles.element
        for rpr in [root.find(qn("w:docDefaults") + "/" + qn("w:rPrDefault") + "/" + qn("w:rPr"))] \
                + [s.find(qn("w:rPr")) for s in style_chain(form, None)]:
            if rpr is None:
                continue
            fonts = rpr.find(qn("w:rFonts"))
            if fonts is not None:
                for a in ("asciiTheme", "hAnsiTheme"):
                    fonts.attrib.pop(qn("w:" + a), None)
                fonts.set(qn("w:ascii"), "Times New Roman")
                fonts.set(qn("w:hAnsi"), "Times New Roman")
        for row in form.tables[0].rows[1:]:
            for cell in row.cells[1:]:
                for p in cell.paragraphs:
                    fonts = p._p.pPr.find(qn("w:rPr")).find(qn("w:rFonts"))
                    fonts.set(qn("w:ascii"), "Times New Roman")
                    fonts.set(qn("w:hAnsi"), "Times New Roman")
        path = os.path.join(self.dir, "tnr-default.docx")
        form.save(path)
        d = docx.Document(self.fill(path, "tnr-default-filled.docx"))
        runs = self.filled_runs(d)
        self.assertTrue(runs)
        for p, r in runs:
            self.assertEqual(effective(d, p, r, "rFonts", "ascii"), "Times New Roman", r.text)
            self.assertEqual(r.font.size, Pt(12), r.text)
            self.assertFalse(r.bold, r.text)


if __name__ == "__main__":
    unittest.main()
