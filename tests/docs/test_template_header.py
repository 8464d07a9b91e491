#!/usr/bin/python3
"""The national motto's rule in every built-in template, as LibreOffice
draws it. Nghị định 30/2020 (Phụ lục I): under "Độc lập - Tự do - Hạnh
phúc" a solid horizontal rule as long as that line of text. The
templates drew it a fifth longer than the motto.

Each template folder is packed into a .docx as it ships, all of them are
converted to PDF in one soffice call, and on page 1 the motto's words are
found with `pdftotext -bbox`; the rule is the longest run of dark pixels
on the rows just under them in a 150 dpi greyscale render. Its length
and its centre must be those of the motto's line, within 3 %.

The same Nghị định places "Nơi nhận:" at the left on the line of the
signer's title; the templates centred it against the whole signature
block, a line and more below the title."""
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unittest
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
TEMPLATES = os.path.join(HERE, "..", "..", "data", "templates")
SOFFICE = shutil.which("soffice")
DPI = 150
MOTTO = ["Độc", "lập", "-", "Tự", "do", "-", "Hạnh", "phúc"]
WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>')


def pack(folder, out):
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        # [Content_Types].xml first, as Word writes it
        names = []
        for root, _, files in os.walk(folder):
            for f in files:
                full = os.path.join(root, f)
                names.append((os.path.relpath(full, folder), full))
        names.sort(key=lambda n: (n[0] != "[Content_Types].xml", n[0]))
        for rel, full in names:
            z.write(full, rel)


def motto_box(pdf):
    """(x0, y0, x1, y1) in points of the motto's line on page 1."""
    text = subprocess.run(["pdftotext", "-bbox", "-f", "1", "-l", "1", pdf, "-"],
                          capture_output=True, text=True, check=True).stdout
    words = [(float(a), float(b), float(c), float(d), w) for a, b, c, d, w in WORD.findall(text)]
    for i in range(len(words) - len(MOTTO) + 1):
        if [w[4] for w in words[i:i + len(MOTTO)]] == MOTTO:
            run = words[i:i + len(MOTTO)]
            return (run[0][0], min(w[1] for w in run), run[-1][2], max(w[3] for w in run))
    return None


def words_by_page(pdf):
    """[(page, x0, y0, x1, y1, word)] of every page."""
    text = subprocess.run(["pdftotext", "-bbox", pdf, "-"], capture_output=True, text=True, check=True).stdout
    out = []
    for page, chunk in enumerate(text.split("<page ")[1:]):
        out += [(page, float(a), float(b), float(c), float(d), w) for a, b, c, d, w in WORD.findall(chunk)]
    return out


def read_pgm(path):
    with open(path, "rb") as f:
        data = f.read()
    # P5\n<w> <h>\n<max>\n<bytes>
    parts = data.split(maxsplit=4)
    assert parts[0] == b"P5", path
    width, height = int(parts[1]), int(parts[2])
    pixels = parts[4]
    return width, height, pixels


def rule_under(pgm, box):
    """(x0, x1) in points of the longest dark horizontal run on the rows
    between the motto's baseline area and 10 pt below it."""
    width, height, px = read_pgm(pgm)
    scale = DPI / 72.0
    top = int(box[3] * scale) - 2
    bottom = min(height, int((box[3] + 10) * scale))
    best = (0, 0)
    for y in range(max(0, top), bottom):
        row = px[y * width:(y + 1) * width]
        x = 0
        while x < width:
            if row[x] < 128:
                start = x
                while x < width and row[x] < 128:
                    x += 1
                if x - start > best[1] - best[0]:
                    best = (start, x)
            x += 1
    return best[0] / scale, best[1] / scale


@unittest.skipUnless(SOFFICE, "LibreOffice is not installed")
class Header(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="certdesk-header-")
        cls.kinds = sorted(k for k in os.listdir(TEMPLATES)
                           if os.path.isfile(os.path.join(TEMPLATES, k, "word", "document.xml")))
        docs = []
        for k in cls.kinds:
            out = os.path.join(cls.tmp, k + ".docx")
            pack(os.path.join(TEMPLATES, k), out)
            docs.append(out)
        profile = "file://" + os.path.join(cls.tmp, "profile")
        subprocess.run([SOFFICE, "-env:UserInstallation=" + profile, "--headless",
                        "--convert-to", "pdf", "--outdir", cls.tmp] + docs,
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=600)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def test_recipients_level_with_the_signer_title(self):
        with_recipients = 0
        for k in self.kinds:
            words = words_by_page(os.path.join(self.tmp, k + ".pdf"))
            recipients = [w for w in words if w[5] == "Nơi"]
            if not recipients:
                continue
            with_recipients += 1
            with self.subTest(template=k):
                title = [w for w in words if w[5] == "{{chuc_danh_ky}}"]
                self.assertEqual(len(title), 1, k)
                r, t = recipients[-1], title[0]
                print("%-20s Nơi nhận at page %d y %.1f, the title at page %d y %.1f"
                      % (k, r[0] + 1, r[2], t[0] + 1, t[2]))
                self.assertEqual(r[0], t[0], "%s: “Nơi nhận” and the title on different pages" % k)
                self.assertLess(r[1], t[1], "%s: “Nơi nhận” is not left of the title" % k)
                self.assertAlmostEqual(r[2], t[2], delta=3,
                                       msg="%s: “Nơi nhận” %.1f pt below the title" % (k, r[2] - t[2]))
        self.assertGreaterEqual(with_recipients, 6)

    def test_rule_as_long_as_the_motto(self):
        tmp, kinds = self.tmp, self.kinds
        self.assertGreaterEqual(len(kinds), 16, kinds)
        for k in kinds:
            with self.subTest(template=k):
                pdf = os.path.join(tmp, k + ".pdf")
                box = motto_box(pdf)
                self.assertIsNotNone(box, "no motto on page 1 of " + k)
                subprocess.run(["pdftoppm", "-gray", "-r", str(DPI), "-f", "1", "-l", "1",
                                "-singlefile", pdf, os.path.join(tmp, k)], check=True)
                x0, x1 = rule_under(os.path.join(tmp, k + ".pgm"), box)
                motto = box[2] - box[0]
                rule = x1 - x0
                print("%-20s motto %.1f pt, rule %.1f pt (%+.1f %%)"
                      % (k, motto, rule, 100.0 * (rule - motto) / motto))
                self.assertAlmostEqual(rule, motto, delta=0.03 * motto,
                                       msg="%s: rule %.1f pt under a motto %.1f pt wide" % (k, rule, motto))
                self.assertAlmostEqual((x0 + x1) / 2, (box[0] + box[2]) / 2, delta=0.03 * motto,
                                       msg="%s: the rule is not centred under the motto" % k)


if __name__ == "__main__":
    unittest.main(verbosity=2)
