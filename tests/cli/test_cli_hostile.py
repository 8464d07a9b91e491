#!/usr/bin/python3
"""Hostile files through the CLI: each is refused with a clear Vietnamese
message, quickly, and leaves neither an output file nor a change in the
register (issue 20)."""
import os
import resource
import sqlite3
import struct
import sys
import tempfile
import time
import unittest
import zipfile

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "common"))
import cdtest  # noqa: E402

STAFF_CSV = """Họ và tên,Ngày sinh,Chức vụ,Đơn vị,Số CCCD,Ngày cấp,Nơi cấp,Điện thoại,Email
Nguyễn Thị Hoa,07/03/1985,Giáo viên,Tổ Toán,031085001234,15/04/2021,Cục Cảnh sát QLHC về TTXH,0912345678,hoant@haiphong.edu.vn
"""

W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
S_NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'

LAUGHS_DTD = ('<!DOCTYPE d [<!ENTITY a "lollollollollollollollollollol">'
              + "".join('<!ENTITY %s "%s">' % (n, ("&%s;" % p) * 10)
                        for p, n in zip("abcdefghi", "bcdefghij"))
              + "]>")
XXE_DTD = '<!DOCTYPE d [<!ENTITY j SYSTEM "file:///etc/passwd">]>'


def utf16(text):
    return b"\xff\xfe" + text.encode("utf-16-le")


def docx_bytes(document_xml):
    """A minimal Word package whose document part is @document_xml (bytes)."""
    path = tempfile.mktemp(suffix=".docx")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml",
                   '<?xml version="1.0" encoding="UTF-8"?>'
                   '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                   '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                   '<Default Extension="xml" ContentType="application/xml"/>'
                   '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
                   '</Types>')
        z.writestr("_rels/.rels",
                   '<?xml version="1.0" encoding="UTF-8"?>'
                   '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                   '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
                   '</Relationships>')
        z.writestr("word/document.xml", document_xml)
    with open(path, "rb") as f:
        data = f.read()
    os.unlink(path)
    return data


def xlsx_bytes(sheet_xml):
    path = tempfile.mktemp(suffix=".xlsx")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/worksheets/sheet1.xml", sheet_xml)
    with open(path, "rb") as f:
        data = f.read()
    os.unlink(path)
    return data


def lying_docx(parts, part_size, declared):
    """A Word package with @parts extra parts of @part_size zeros each,
    whose local and central headers all claim @declared bytes."""
    path = tempfile.mktemp(suffix=".docx")
    zeros = bytes(part_size)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in _ZipData(_io_bytes(docx_bytes(
                ('<w:document ' + W_NS + '><w:body><w:p><w:r><w:t>{{ho_ten}}'
                 '</w:t></w:r></w:p></w:body></w:document>').encode()))).infolist_data():
            z.writestr(name, data)
        for i in range(parts):
            z.writestr("word/media/image%d.bin" % i, zeros)
    with open(path, "rb") as f:
        data = bytearray(f.read())
    os.unlink(path)
    info = zipfile.ZipFile(_io_bytes(bytes(data))).infolist()
    for zi in info:
        if not zi.filename.startswith("word/media/"):
            continue
        # local header: uncompressed size at +22
        struct.pack_into("<I", data, zi.header_offset + 22, declared)
    pos = 0
    while True:
        pos = data.find(b"PK\x01\x02", pos)
        if pos < 0:
            break
        name_len = struct.unpack_from("<H", data, pos + 28)[0]
        name = bytes(data[pos + 46:pos + 46 + name_len]).decode()
        if name.startswith("word/media/"):
            # central header: uncompressed size at +24
            struct.pack_into("<I", data, pos + 24, declared)
        pos += 46
    return bytes(data)


class _ZipData(zipfile.ZipFile):
    def infolist_data(self):
        return [(zi.filename, self.read(zi)) for zi in self.infolist()]


def _io_bytes(data):
    import io
    return io.BytesIO(data)


class Hostile(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.dir = self.tmp.name
        self.db = os.path.join(self.dir, "so.db")
        csv = os.path.join(self.dir, "staff.csv")
        with open(csv, "w", encoding="utf-8") as f:
            f.write(STAFF_CSV)
        p = self.db_run("--import-staff=" + csv)
        self.assertEqual(p.returncode, 0, p.stderr)
        # a document needs the unit's name in its header
        p = self.db_run("--set-unit=name=TRƯỜNG THCS LÊ LỢI")
        self.assertEqual(p.returncode, 0, p.stderr)

    def tearDown(self):
        self.tmp.cleanup()

    def db_run(self, *args, timeout=60):
        return cdtest.run("--database=" + self.db, *args, timeout=timeout,
                          env={"CERTDESK_UI_LANGUAGE": "vi"})

    def write(self, name, data):
        path = os.path.join(self.dir, name)
        with open(path, "wb") as f:
            f.write(data)
        return path

    def table(self, sql):
        with sqlite3.connect(self.db) as c:
            return c.execute(sql).fetchall()

    def test_utf16_template_with_dtd_refused(self):
        """D1: a UTF-16 document part hides its DOCTYPE from a byte search."""
        for dtd in (LAUGHS_DTD, XXE_DTD):
            xml = ('<?xml version="1.0" encoding="UTF-16"?>' + dtd
                   + '<w:document ' + W_NS + '><w:body><w:p><w:r><w:t>&j;{{ho_ten}}'
                   '</w:t></w:r></w:p></w:body></w:document>')
            tpl = self.write("mau.docx", docx_bytes(utf16(xml)))
            out = os.path.join(self.dir, "out.docx")
            start = time.monotonic()
            p = self.db_run("--generate=mau-01", "--staff=1", "--template=" + tpl,
                            "--output=" + out)
            elapsed = time.monotonic() - start
            self.assertEqual(p.returncode, 1, p.stderr)
            self.assertIn("khai báo DTD", p.stderr)
            self.assertIn("word/document.xml", p.stderr)
            self.assertNotIn("GLib-ERROR", p.stderr)
            self.assertFalse(os.path.exists(out))
            self.assertEqual(self.table("SELECT id FROM documents"), [])
            self.assertLess(elapsed, 30)

            p = self.db_run("--check-template=" + tpl)
            self.assertEqual(p.returncode, 1, p.stderr)
            self.assertIn("khai báo DTD", p.stderr + p.stdout)

    def test_utf16_sheet_with_dtd_refused(self):
        """D1: the same through a UTF-16 .xlsx part."""
        for dtd in (LAUGHS_DTD, XXE_DTD):
            xml = ('<?xml version="1.0" encoding="UTF-16"?>' + dtd
                   + '<worksheet ' + S_NS + '><sheetData>'
                   '<row r="1"><c r="A1" t="inlineStr"><is><t>Họ và tên</t></is></c></row>'
                   '<row r="2"><c r="A2" t="inlineStr"><is><t>&j;</t></is></c></row>'
                   '</sheetData></worksheet>')
            path = self.write("ds.xlsx", xlsx_bytes(utf16(xml)))
            before = self.table("SELECT * FROM staff")
            p = self.db_run("--import-staff=" + path)
            self.assertEqual(p.returncode, 1, p.stderr)
            self.assertIn("khai báo DTD", p.stderr)
            self.assertNotIn("GLib-ERROR", p.stderr)
            self.assertEqual(self.table("SELECT * FROM staff"), before)

    def test_parts_lying_about_their_size(self):
        """D2: 12 parts of 60 MB zeros each declared as 100 KB: 720 MB
        real in a 0.7 MB file. Refused as a zip bomb once the real
        inflated total passes the package limit, not after it all."""
        tpl = self.write("bom.docx", lying_docx(12, 60 * 1024 * 1024, 100 * 1024))
        self.assertLess(os.path.getsize(tpl), 2 * 1024 * 1024)
        out = os.path.join(self.dir, "out.docx")
        start = time.monotonic()
        p = self.db_run("--generate=mau-01", "--staff=1", "--template=" + tpl,
                        "--output=" + out, timeout=120)
        elapsed = time.monotonic() - start
        rss_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        print("lying zip: %.2f s, max RSS %.0f MB" % (elapsed, rss_mb), file=sys.stderr)
        self.assertEqual(p.returncode, 1, p.stderr)
        self.assertIn("bom zip", p.stderr)
        self.assertNotIn("GLib-ERROR", p.stderr)
        self.assertFalse(os.path.exists(out))
        self.assertEqual(self.table("SELECT id FROM documents"), [])
        self.assertLess(rss_mb, 500)

    def test_cell_of_combining_marks(self):
        """D3: a 1 MB cell of alternating combining marks (GLib's canonical
        reordering is quadratic in a run of marks: it hung for minutes),
        in the dry run and the import."""
        marks = "\u0301\u0316" * (512 * 1024 // 2)
        csv = os.path.join(self.dir, "dau.csv")
        with open(csv, "w", encoding="utf-8") as f:
            f.write("Họ và tên,Ngày sinh,Chức vụ\n")
            f.write("Lê Văn Bình,01/02/1990,Giáo viên " + marks + "\n")
            f.write("Trần Thị Lan,03/04/1991,Kế toán\n")
        for dry in (["--dry-run"], []):
            start = time.monotonic()
            p = self.db_run("--import-staff=" + csv, *dry, timeout=120)
            elapsed = time.monotonic() - start
            print("marks cell%s: %.2f s" % (" (dry run)" if dry else "", elapsed),
                  file=sys.stderr)
            self.assertEqual(p.returncode, 0, p.stderr)
            self.assertIn("Thêm mới: 2", p.stdout)
            self.assertLess(elapsed, 60)
        names = [n for (n,) in self.table("SELECT full_name FROM staff")]
        self.assertIn("Trần Thị Lan", names)
        for (pos,) in self.table("SELECT position FROM staff"):
            self.assertLess(len(pos or ""), 100)

    def test_overlong_fields_refused(self):
        """D4: a 3 MB name and a 5,000-character note are refused at
        import, the row named, the field, its length and the limit said;
        the other row is imported."""
        csv = os.path.join(self.dir, "dai.csv")
        with open(csv, "w", encoding="utf-8") as f:
            f.write("Họ và tên,Ngày sinh,Chức vụ,Ghi chú\n")
            f.write("ễ" * 1000000 + ",01/02/1990,Giáo viên,\n")
            f.write("Trần Thị Lan,03/04/1991,Kế toán," + "x" * 5000 + "\n")
            f.write("Phạm Văn Minh,05/06/1992,Bảo vệ,\n")
        start = time.monotonic()
        p = self.db_run("--import-staff=" + csv)
        elapsed = time.monotonic() - start
        out = p.stdout + p.stderr
        self.assertIn("Họ và tên dài 1000000 ký tự; chỉ được tối đa 200", out)
        self.assertIn("Ghi chú dài 5000 ký tự; chỉ được tối đa 2000", out)
        self.assertIn("Dòng 2", out)
        self.assertLess(len(out), 10000)
        self.assertLess(elapsed, 60)
        names = [n for (n,) in self.table("SELECT full_name FROM staff")]
        self.assertIn("Phạm Văn Minh", names)
        self.assertNotIn("Trần Thị Lan", names)
        for (n,) in self.table("SELECT length(full_name) FROM staff"):
            self.assertLessEqual(n, 200)


if __name__ == "__main__":
    unittest.main(verbosity=2)
