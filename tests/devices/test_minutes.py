#!/usr/bin/python3
"""The minutes of a device event read back by independent readers: the
Mẫu 08 of three devices rendered headless to PDF (pdftotext shows both
parties, every serial and the date line; pdfinfo shows A4; the text sits
inside the Nghị định 30/2020 margins), the same minutes as .docx from
the built-in template (python-docx), and the Mẫu 09 of a lost device."""
import os
import re
import subprocess
import sys
import tempfile
import unittest

FIXTURE = sys.argv.pop(1)
MM = 72 / 25.4
SERIALS = ["B4ID2026000001", "B4ID2026000002", "B4ID2026000003"]


def text_of(pdf, *extra):
    return subprocess.run(["pdftotext", *extra, pdf, "-"], capture_output=True,
                          text=True, check=True).stdout


class Minutes(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        db = os.path.join(cls.tmp.name, "certdesk.db")
        subprocess.run([FIXTURE, db, cls.tmp.name], check=True, timeout=60)
        cls.pdf08 = os.path.join(cls.tmp.name, "mau08.pdf")
        cls.pdf09 = os.path.join(cls.tmp.name, "mau09.pdf")
        cls.docx08 = os.path.join(cls.tmp.name, "mau08.docx")

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def test_mau08_text(self):
        t = " ".join(text_of(self.pdf08, "-layout").split())
        self.assertIn("BIÊN BẢN", t)
        self.assertIn("Giao nhận thiết bị lưu khóa bí mật sau khi chứng thư số hết hạn", t)
        self.assertIn("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", t)
        self.assertIn("Độc lập - Tự do - Hạnh phúc", t)
        # The date line: leading zero for days < 10 and months 1 and 2 only.
        self.assertIn("Hải Phòng, ngày 04 tháng 3 năm 2026", t)
        # Both parties, each with its representative.
        self.assertIn("BÊN GIAO: Trường THCS Lê Lợi", t)
        self.assertIn("Phạm Thị Hiệu", t)
        self.assertIn("BÊN NHẬN: Cục Chứng thực số và Bảo mật thông tin", t)
        self.assertIn("Hoàng Văn Nhận", t)
        self.assertIn("NGƯỜI CHỨNG KIẾN: Ông/bà: Trần Thị Văn Thư", t)
        for s in SERIALS:
            self.assertIn(s, t)
        # Each device with its last holder and certificate.
        for name, cert in (("Nguyễn Văn An", "5403A1B2C3D4E5F60701"),
                           ("Lê Thị Bình", "5403A1B2C3D4E5F60702"),
                           ("Trần Văn Cường", "5403A1B2C3D4E5F60703")):
            self.assertIn(name, t)
            self.assertIn(cert, t)
        self.assertIn("Tổng số: 03 thiết bị", t)
        self.assertIn("lập thành 02 bản", t)
        self.assertIn("(Ký, ghi rõ họ tên, đóng dấu)", t)
        # The device kept as lost is not in these minutes.
        self.assertNotIn("B4ID2026000005", t)

    def test_a4_and_margins(self):
        info = subprocess.run(["pdfinfo", self.pdf08], capture_output=True, text=True,
                              check=True).stdout
        size = re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", info)
        self.assertIsNotNone(size, info)
        self.assertAlmostEqual(float(size.group(1)), 595.28, delta=0.5)
        self.assertAlmostEqual(float(size.group(2)), 841.89, delta=0.5)
        self.assertIn("(A4)", info)

        bbox = text_of(self.pdf08, "-bbox")
        words = []
        for n, page in enumerate(re.findall(r"<page .*?</page>", bbox, re.S)):
            for a, b, c, d, w in re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" '
                                            r'xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', page):
                a, b, c, d = float(a), float(b), float(c), float(d)
                if n > 0 and d < 20 * MM:
                    # From page 2 the page number sits centred in the top margin.
                    self.assertEqual(w, str(n + 1))
                    self.assertAlmostEqual((a + c) / 2, (30 * MM + 595.28 - 15 * MM) / 2, delta=3)
                    continue
                words.append((a, b, c, d, w))
        self.assertGreater(len(words), 100)
        width, height = 595.28, 841.89
        left = min(w[0] for w in words)
        right = max(w[2] for w in words)
        top = min(w[1] for w in words)
        bottom = max(w[3] for w in words)
        # Left 30 mm (the table starts there, inside its cell padding),
        # right at least 15 mm, top and bottom at least 20 mm.
        self.assertGreaterEqual(left, 30 * MM - 0.01)
        self.assertLess(left, 30 * MM + 6)
        self.assertLessEqual(right, width - 15 * MM + 0.5)
        self.assertGreater(right, width - 15 * MM - 20)
        self.assertGreaterEqual(top, 20 * MM - 4)  # ascent above the first baseline box
        self.assertLessEqual(bottom, height - 20 * MM)
        # Body paragraphs start 1.27 cm further in (first-line indent).
        hom_nay = [w for w in words if w[4] == "Hôm"]
        self.assertTrue(hom_nay)
        self.assertAlmostEqual(hom_nay[0][0], 30 * MM + 1.27 / 2.54 * 72, delta=1.5)

    def test_mau08_docx(self):
        import docx
        d = docx.Document(self.docx08)
        st = os.stat(self.docx08)
        self.assertEqual(st.st_mode & 0o777, 0o600)
        cells = [c.text for t in d.tables for r in t.rows for c in r.cells]
        for s in SERIALS:
            self.assertIn(s, cells)
        for n in ("Nguyễn Văn An", "Lê Thị Bình", "Trần Văn Cường"):
            self.assertIn(n, cells)
        body = "\n".join(p.text for p in d.paragraphs)
        self.assertIn("ngày 04 tháng 3 năm 2026", body)
        self.assertNotIn("{{", body + "".join(cells))
        self.assertIn("Phạm Thị Hiệu", body)

    def docx_text(self, name):
        """The running text — the top-level paragraphs and those of the
        device table's last row, one cell across it holding the closing
        text, the signatures and the witness (issue 15) — and the text of
        every cell, nested tables' too."""
        import docx
        from docx.oxml.ns import qn
        from docx.text.paragraph import Paragraph
        d = docx.Document(os.path.join(self.tmp.name, name))
        running = []
        for el in d.element.body.iterchildren():
            if el.tag == qn("w:p"):
                running.append(el)
            elif el.tag == qn("w:tbl"):
                rows = el.findall(qn("w:tr"))
                if len(rows) > 1 and len(rows[-1].findall(qn("w:tc"))) == 1:
                    running += rows[-1].find(qn("w:tc")).findall(qn("w:p"))
        body = "\n".join(Paragraph(p, None).text for p in running)
        cells = "\n".join("\n".join(Paragraph(p, None).text for p in tc.findall(qn("w:p")))
                          for tc in d.element.body.iter(qn("w:tc")))
        return body, cells

    def test_mau08_docx_same_parties_as_pdf(self):
        """The unit hands the recovered devices to the Cục, with a witness:
        the Word file names the parties of the PDF, not the subscriber."""
        body, cells = self.docx_text("mau08.docx")
        pdf = " ".join(text_of(self.pdf08, "-layout").split())
        for who in ("Phạm Thị Hiệu", "Hoàng Văn Nhận", "Trần Thị Văn Thư",
                    "Cục Chứng thực số và Bảo mật thông tin"):
            self.assertIn(who, body)
            self.assertIn(who, pdf)
        self.assertIn("Bên giao: Trường THCS Lê Lợi\nÔng/bà: Phạm Thị Hiệu; chức vụ: Hiệu trưởng.", body)
        self.assertIn("Bên nhận: Cục Chứng thực số và Bảo mật thông tin\nÔng/bà: Hoàng Văn Nhận", body)
        self.assertIn("Người chứng kiến:\nÔng/bà: Trần Thị Văn Thư", body)
        # The subscribers are the devices' holders, in the table, not a side.
        self.assertNotIn("Bên giao: ông Nguyễn Văn An", body)
        self.assertNotIn("Nguyễn Văn An", body)
        # Each side signs: the unit's head, the Cục's officer, the witness.
        self.assertIn("Phạm Thị Hiệu", cells)
        self.assertIn("Hoàng Văn Nhận", cells)
        self.assertIn("NGƯỜI CHỨNG KIẾN", body)
        self.assertTrue(body.rstrip().endswith("Trần Thị Văn Thư"), body[-200:])
        self.assertNotIn("{{", body + cells)

    def test_mau08_take_back(self):
        """The subscriber returns the device to the unit: the subscriber
        gives and signs, the unit receives, in the PDF and the Word file."""
        body, cells = self.docx_text("mau08-take.docx")
        pdf = " ".join(text_of(os.path.join(self.tmp.name, "mau08-take.pdf"), "-layout").split())
        self.assertIn("Bên giao:\nÔng/bà: Nguyễn Văn An; chức vụ: Giáo viên.", body)
        self.assertIn("Bên nhận: TRƯỜNG THCS LÊ LỢI\nÔng/bà: Trần Thị Văn Thư; chức vụ: Văn thư.", body)
        self.assertIn("BÊN GIAO: Ông/bà: Nguyễn Văn An; chức vụ: Giáo viên.", pdf)
        self.assertIn("BÊN NHẬN: TRƯỜNG THCS LÊ LỢI Ông/bà: Trần Thị Văn Thư", pdf)
        for who in ("Nguyễn Văn An", "Trần Thị Văn Thư"):
            self.assertIn(who, cells)
        self.assertIn("B4ID2026000001", cells)
        self.assertNotIn("NGƯỜI CHỨNG KIẾN", body + pdf)

    def test_mau08_own_template(self):
        import docx
        d = docx.Document(os.path.join(self.tmp.name, "mau08-own.docx"))
        cells = [c.text for t in d.tables for r in t.rows for c in r.cells]
        for s in SERIALS:
            self.assertIn(s, cells)

    def test_mau09(self):
        t = " ".join(text_of(self.pdf09, "-layout").split())
        self.assertIn("Xác nhận thiết bị lưu khóa bí mật bị thất lạc", t)
        self.assertIn("ĐẠI DIỆN ĐƠN VỊ", t)
        self.assertIn("THUÊ BAO", t)
        self.assertIn("Đỗ Thị Dung", t)
        self.assertIn("B4ID2026000005", t)
        self.assertIn("5403A1B2C3D4E5F60704", t)
        self.assertIn("gửi ngay biên bản này tới Cục Chứng thực số", t)
        self.assertIn("ngày 05 tháng 3 năm 2026", t)


if __name__ == "__main__":
    unittest.main(verbosity=2)
