#!/usr/bin/python3
"""Every list kind rendered by LibreOffice (issue 15, "Tests"): each
built-in list of people and the Sở's own form — as Word saves it and
after a LibreOffice round-trip — filled by --generate for 3 and for 250
(the Sở's form also for 46) people of one register set up from the
command line, then converted to PDF in one soffice call. For each PDF:

- pdffonts names only the form's font, Times New Roman (LibreOffice
  substitutes the metric-compatible Liberation Serif where it is not
  installed);
- every date, CCCD, phone and serial python-docx reads from the list
  table appears whole in `pdftotext -layout` (one token, never split
  across lines);
- the last page holds table rows (a listed person) as well as the
  signature (the signer's name).

Kinds left out: mau-02 (the unit itself, one row) and mau-03 (a service),
which are not lists of people; mau-07, mau-08, mau-09 are minutes (biên
bản) of one device's handover, return or loss, read as sentences in
test_cli_docs.py."""
import datetime
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import unittest

import docx

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "common"))
sys.path.insert(0, HERE)
import cdtest  # noqa: E402
from test_cli_docs import list_rows, pdf_fonts  # noqa: E402

SOFFICE = shutil.which("soffice")
PEOPLE = 250
SMALL = 3
# The Sở's form also for 46 people: filled before its signature was
# taken into the table, its page 3 held the signature alone (so did 18
# of the counts 10, 12 … 130, rendered; 3 and 250 happened to pass).
FORM_MIDDLE = 46
SIGNER = "Phan Thanh Sơn"  # no listed person has this name

# kind -> extra arguments; kinds whose reason or change column needs a text
# get --reason (README's command list)
REASON = ["--reason=Mất thiết bị"]
KINDS = {
    "cap-moi": [], "gia-han": [], "cap-lai": REASON, "thu-hoi": REASON,
    "khoi-phuc": REASON, "thay-doi": ["--reason=Đổi chức vụ"], "hom-thu": [],
    "mau-01": [], "mau-04": ["--reason=Đổi chức vụ"], "mau-05": REASON, "mau-06": REASON,
}
# Minutes of a unit handing recovered devices back (Mẫu 08) list many
# subscribers: for 32 of them, before the device table carried the
# closing text and the signatures as its last row, page 3 held them alone.
MINUTES = [("mau-08", 32)]
# the Sở's form is filled as these kinds
SO_KINDS = ["cap-moi", "gia-han"]

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô", "Dương"]
MIDDLE = ["Thị", "Văn", "Minh", "Thu", "Quốc"]
GIVEN = ["Hương", "Lan", "Mai", "Hoa", "An", "Bình", "Tùng", "Yến", "Nam", "Hà", "Long", "Đức", "Linh"]

# numbers as python-docx and pdftotext show them
NUMBER = re.compile(r"\d\d/\d\d/\d{4}|\d{12}|0\d{9}|[0-9A-F]{16,}")
INVISIBLE = dict.fromkeys(map(ord, "\u200b\u00ad\u2060"), None)


def name(i):
    return "%s %s %s" % (FAMILY[i % len(FAMILY)], MIDDLE[(i // 11) % len(MIDDLE)],
                         GIVEN[(i // 55 + i) % len(GIVEN)])


def birth_year(i):
    return 1970 + i % 30


def cccd(i):
    # province 031, century 0, the birth year's last two digits: as a real CCCD
    return "0310%02d%06d" % (birth_year(i) % 100, 100000 + i * 37)


def serial(i):
    # every fifth a long 32-digit serial, as some providers issue
    return ("54A1B2C3D4E5F6A7B8C9D0E1F2%06X" if i % 5 == 0 else "54A10000%08X") % i


def build_so_form(path):
    """The Sở's form as Word saves it: Times New Roman 12 over
    python-docx's default style, a header row, three numbered blank rows,
    the signature block below the table."""
    from docx.enum.section import WD_ORIENT
    from docx.shared import Inches, Pt, Twips
    d = docx.Document()
    # landscape A4-ish, columns sized for their values, as the Sở sets them
    sec = d.sections[0]
    sec.orientation = WD_ORIENT.LANDSCAPE
    sec.page_width, sec.page_height = Inches(11.69), Inches(8.27)
    sec.left_margin = sec.right_margin = Inches(0.75)

    def tnr(run, bold=False, italic=False):
        run.font.name, run.font.size = "Times New Roman", Pt(12)
        run.bold, run.italic = bold, italic
        return run

    tnr(d.add_paragraph().add_run("TÊN ĐƠN VỊ"), bold=True)
    heads = ["STT", "Họ và tên", "Ngày sinh", "Số căn cước công dân", "Ngày cấp CCCD",
             "Điện thoại", "Số hiệu chứng thư số"]
    widths = [500, 2600, 1400, 1800, 1400, 1500, 4250]
    table = d.add_table(rows=4, cols=len(heads))
    table.style = "Table Grid"
    table.autofit = False
    for c, w in enumerate(widths):
        table.columns[c].width = Twips(w)
        for r in table.rows:
            r.cells[c].width = Twips(w)
    for c, h in enumerate(heads):
        tnr(table.rows[0].cells[c].paragraphs[0].add_run(h), bold=True)
    for r in range(1, 4):
        tnr(table.rows[r].cells[0].paragraphs[0].add_run(str(r)))
    tnr(d.add_paragraph().add_run("HIỆU TRƯỞNG"), bold=True)
    tnr(d.add_paragraph().add_run("(Ký, ghi rõ họ tên, đóng dấu)"), italic=True)
    d.save(path)


def pdf_pages(pdf):
    info = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True, check=True).stdout
    return int([l.split()[-1] for l in info.splitlines() if l.startswith("Pages:")][0])


def pdf_text(pdf, page=None):
    args = ["pdftotext", "-layout"]
    if page:
        args += ["-f", str(page), "-l", str(page)]
    return subprocess.run(args + [pdf, "-"], capture_output=True, text=True,
                          check=True).stdout.translate(INVISIBLE)


@unittest.skipIf(SOFFICE is None or shutil.which("pdftotext") is None, "needs LibreOffice and poppler")
class RenderMatrix(unittest.TestCase):
    @classmethod
    def soffice(cls, fmt, outdir, files):
        profile = "file://" + os.path.join(cls.tmp.name, "lo-profile")
        subprocess.run([SOFFICE, "-env:UserInstallation=" + profile, "--headless",
                        "--convert-to", fmt, "--outdir", outdir, *files],
                       check=True, capture_output=True, timeout=1500,
                       env=dict(os.environ, HOME=cls.tmp.name))

    @classmethod
    def setUpClass(cls):
        t0 = time.monotonic()
        cls.tmp = tempfile.TemporaryDirectory()
        d = cls.tmp.name
        env = {"CERTDESK_UI_LANGUAGE": "vi", "XDG_DATA_HOME": os.path.join(d, "data")}
        db = os.path.join(d, "certdesk.db")

        def run(*args):
            p = cdtest.run("--database=" + db, *args, env=env)
            assert p.returncode == 0, (args, p.stderr)
            return p

        csv = os.path.join(d, "staff.csv")
        with open(csv, "w", encoding="utf-8") as f:
            f.write("Họ và tên,Ngày sinh,Chức vụ,Đơn vị,Số CCCD,Ngày cấp,Nơi cấp,Điện thoại,Email\n")
            for i in range(1, PEOPLE + 1):
                f.write("%s,%02d/%02d/%d,Giáo viên,Tổ %d,%s,%02d/%02d/2021,"
                        "Cục Cảnh sát QLHC về TTXH,09%08d,gv%d@haiphong.edu.vn\n"
                        % (name(i), 1 + i % 28, 1 + i % 12, birth_year(i), 1 + i % 9, cccd(i),
                           1 + i % 28, 1 + i % 12, 12340000 + i, i))
        p = run("--import-staff=" + csv)
        assert "250" in p.stdout + p.stderr, p.stdout + p.stderr
        run("--set-unit=name=Trường THCS Lê Lợi", "--set-unit=place=Hải Phòng",
            "--set-unit=province=Hải Phòng", "--set-unit=address=Số 1 đường Lê Lợi, xã An Lão",
            "--set-unit=email=thcsleloi@haiphong.edu.vn", "--set-unit=signer=" + SIGNER,
            "--set-unit=focal_name=Trần Văn Nam", "--set-unit=focal_cccd=031090004567",
            "--set-unit=focal_cccd_date=10/05/2022",
            "--set-unit=focal_cccd_place=Cục Cảnh sát QLHC về TTXH",
            "--set-unit=focal_position=Nhân viên văn thư", "--set-unit=focal_phone=0913456789",
            "--set-unit=focal_email=namtv@haiphong.edu.vn")
        # certificates close to their end, so that every kind lists everyone
        start = (datetime.date.today() - datetime.timedelta(days=700)).strftime("%d/%m/%Y")
        end = (datetime.date.today() + datetime.timedelta(days=20)).strftime("%d/%m/%Y")
        for i in range(1, PEOPLE + 1):
            run("--add-certificate=" + serial(i), "--not-before=" + start, "--not-after=" + end,
                "--provider=Ban Cơ yếu Chính phủ", "--holder-cccd=" + cccd(i))
        cls.setup_register = time.monotonic() - t0

        word = os.path.join(d, "so-word.docx")
        build_so_form(word)
        lodir = os.path.join(d, "lo")
        os.mkdir(lodir)
        cls.soffice("docx:MS Word 2007 XML", lodir, [word])
        forms = {"word": word, "lo": os.path.join(lodir, "so-word.docx")}

        # (label, kind, people, the Sở form's saver or None)
        cls.cases = [(kind, kind, n, None) for kind in KINDS for n in (SMALL, PEOPLE)]
        cls.cases += [("so-%s-%s" % (saved, kind), kind, n, saved)
                      for saved, form in forms.items() for kind in SO_KINDS for n in (SMALL, FORM_MIDDLE, PEOPLE)]
        cls.docs = []
        t1 = time.monotonic()
        for label, kind, n, form in cls.cases:
            out = os.path.join(d, "%s-%d.docx" % (label, n))
            extra = KINDS[kind] + (["--template=" + forms[form]] if form else [])
            run("--generate=" + kind, "--staff=" + ",".join(str(i) for i in range(1, n + 1)),
                "--output=" + out, *extra)
            cls.docs.append(out)
        cls.minutes = []
        for kind, n in MINUTES:
            out = os.path.join(d, "minutes-%s-%d.docx" % (kind, n))
            run("--generate=" + kind, "--staff=" + ",".join(str(i) for i in range(1, n + 1)),
                "--output=" + out)
            cls.minutes.append(out)
        cls.generate = time.monotonic() - t1
        t2 = time.monotonic()
        cls.soffice("pdf", d, cls.docs + cls.minutes)
        cls.render = time.monotonic() - t2
        sys.stderr.write("register %.1f s, %d lists %.1f s, LibreOffice %.1f s\n"
                         % (cls.setup_register, len(cls.docs), cls.generate, cls.render))

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def list_table(self, path):
        tables = docx.Document(path).tables
        return max(tables, key=lambda t: len(t.rows))

    def test_matrix(self):
        for (label, kind, n, form), path in zip(self.cases, self.docs):
            pdf = path[:-5] + ".pdf"
            with self.subTest(case=label, people=n):
                rows = [[c.text.translate(INVISIBLE) for c in r.cells]
                        for r in list_rows(self.list_table(path))]
                names = {name(i) for i in range(1, n + 1)}
                rows = [r for r in rows if names & set(r)]
                self.assertEqual(len(rows), n)

                fonts = pdf_fonts(pdf)
                self.assertTrue(fonts and all(f.startswith(("TimesNewRoman", "LiberationSerif"))
                                              for f in fonts), fonts)

                text = pdf_text(pdf)
                numbers = {m for r in rows for c in r for m in NUMBER.findall(c) if m == c.strip()}
                self.assertGreaterEqual(len(numbers), n, "the list holds no numbers")
                broken = sorted(v for v in numbers if v not in text)
                self.assertEqual(broken, [], "numbers split or lost in the PDF")

                pages = pdf_pages(pdf)
                last = pdf_text(pdf, pages)
                self.assertIn(SIGNER, last, "the signer is not on the last page")
                # a person's name, CCCD or phone (the last two unique)
                on_last = [c for r in rows for c in r
                           if ((c.isdigit() and len(c) >= 10) or c in names) and c in last]
                self.assertTrue(on_last, "the signature is alone on page %d" % pages)

    def test_minutes_signatures_with_rows(self):
        for (kind, n), path in zip(MINUTES, self.minutes):
            pdf = path[:-5] + ".pdf"
            with self.subTest(kind=kind, people=n):
                pages = pdf_pages(pdf)
                last = pdf_text(pdf, pages)
                self.assertIn("BÊN NHẬN", last)
                self.assertIn("(Ký, ghi rõ họ tên, đóng dấu)", last)
                self.assertTrue([i for i in range(1, n + 1) if cccd(i) in last],
                                "the signatures are alone on page %d" % pages)


if __name__ == "__main__":
    unittest.main()
