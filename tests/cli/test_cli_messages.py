#!/usr/bin/python3
"""What the clerk reads when a library refuses (issue 20, D16, D17):
a Vietnamese sentence saying what to do, never SQLite's, libzip's,
libxlsxwriter's or the C library's English; an unclosed placeholder
named; invisible direction controls refused at import."""
import os
import resource
import signal
import sqlite3
import sys
import tempfile
import unittest
import zipfile

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "common"))
import cdtest  # noqa: E402

ENV = {"CERTDESK_UI_LANGUAGE": "vi"}
# English a library would put in front of the clerk
ENGLISH = ("database is locked", "disk is full", "File too large", "File exists",
           "[ERROR]", "[WARNING]", "GLib-ERROR", "Zip generic error", "No space left",
           "error:", "ZIP_ERRNO", "btree", "malformed")

STAFF_CSV = """Họ và tên,Ngày sinh,Chức vụ,Đơn vị,Số CCCD,Ngày cấp,Nơi cấp,Điện thoại,Email
Nguyễn Thị Hoa,07/03/1985,Giáo viên,Tổ Toán,031085001234,15/04/2021,Cục Cảnh sát QLHC về TTXH,0912345678,hoant@haiphong.edu.vn
Trần Văn Nam,12/09/1979,Hiệu trưởng,Ban giám hiệu,031079004321,02/06/2021,Cục Cảnh sát QLHC về TTXH,0987654321,namtv@haiphong.edu.vn
"""

W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def docx(path, body):
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
        z.writestr("word/document.xml",
                   '<?xml version="1.0" encoding="UTF-8"?><w:document ' + W_NS
                   + '><w:body>' + body + '</w:body></w:document>')


class Messages(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.dir = self.tmp.name
        self.db = os.path.join(self.dir, "so.db")
        csv = os.path.join(self.dir, "staff.csv")
        with open(csv, "w", encoding="utf-8") as f:
            f.write(STAFF_CSV)
        p = self.run_db("--import-staff=" + csv)
        self.assertEqual(p.returncode, 0, p.stderr)
        p = self.run_db("--set-unit=name=TRƯỜNG THCS LÊ LỢI")
        self.assertEqual(p.returncode, 0, p.stderr)

    def tearDown(self):
        self.tmp.cleanup()

    def run_db(self, *args, db=None, timeout=120):
        return cdtest.run("--database=" + (db or self.db), *args, timeout=timeout, env=ENV)

    def assertNoEnglish(self, text):
        for e in ENGLISH:
            self.assertNotIn(e, text)

    def test_coverage_workbook_on_a_full_disk(self):
        """The coverage workbook under a 4 KB file size limit (a full
        disk): libxlsxwriter's "Zip generic error" and its [ERROR] lines
        were shown; now the sentence every other export gives."""
        import subprocess

        def limit():
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
            resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))

        hold = sqlite3.connect(self.db)
        hold.execute("SELECT count(*) FROM staff").fetchall()
        out = os.path.join(self.dir, "ra")
        os.mkdir(out)
        target = os.path.join(out, "baocao.xlsx")
        env = dict(os.environ)
        env.pop("DISPLAY", None)
        env.update(ENV)
        try:
            p = subprocess.run([os.environ["CERTDESK_BIN"], "--database=" + self.db,
                                "--coverage-report=" + target],
                               capture_output=True, text=True, env=env, timeout=120,
                               preexec_fn=limit)
        finally:
            hold.close()
        self.assertEqual(p.returncode, 1, p.stderr)
        self.assertIn("Không đủ chỗ để lưu “%s" % target, p.stderr)
        self.assertNoEnglish(p.stderr)
        self.assertEqual(os.listdir(out), [])

    def test_overlong_cell_kept_cut(self):
        """A position longer than an Excel cell (in a register older than the
        field limits): libxlsxwriter left the cell empty; now the text is
        cut to 32,767 characters, ending in "…"."""
        import openpyxl
        note = "ghi chú dài " + "x" * 40000
        with sqlite3.connect(self.db) as c:
            c.execute("UPDATE staff SET position = ? WHERE full_name = 'Trần Văn Nam'", (note,))
        target = os.path.join(self.dir, "so.xlsx")
        p = self.run_db("--export-register=" + target)
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertNoEnglish(p.stderr)
        wb = openpyxl.load_workbook(target, read_only=True)
        cells = [v for row in wb.active.iter_rows(values_only=True) for v in row
                 if isinstance(v, str) and v.startswith("ghi chú dài")]
        self.assertEqual(len(cells), 1, "the note's cell is empty")
        self.assertEqual(len(cells[0]), 32767)
        self.assertTrue(cells[0].endswith("x…"))

    def test_register_link_to_nothing(self):
        """A register name that is a link to a missing file (a USB drive
        unplugged): "File exists" was shown."""
        link = os.path.join(self.dir, "link.db")
        os.symlink(os.path.join(self.dir, "usb", "so.db"), link)
        p = self.run_db("--show-unit", db=link)
        self.assertEqual(p.returncode, 1, p.stderr)
        self.assertIn(link, p.stderr)
        self.assertIn("Không tìm thấy sổ quản lý", p.stderr)
        self.assertNoEnglish(p.stderr)

    def test_damaged_register_in_words(self):
        """A damaged register: the read-only message says which page, in
        Vietnamese, not quick_check's English lines."""
        csv = os.path.join(self.dir, "nhieu.csv")
        family = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi"]
        given = ["An", "Bình", "Cường", "Dung", "Giang", "Hà", "Hải", "Hoa", "Hùng", "Lan"]
        with open(csv, "w", encoding="utf-8") as f:
            f.write("Họ và tên,Ngày sinh,Ghi chú\n")
            for i in range(400):
                f.write("%s %s %s,%02d/02/1980,%s\n" % (family[i % 8], given[i // 8 % 10],
                                                       given[i // 80 % 10], i % 28 + 1, "x" * 1500))
        p = self.run_db("--import-staff=" + csv)
        self.assertEqual(p.returncode, 0, p.stderr)
        with sqlite3.connect(self.db) as c:
            # today's check was recorded: the next write would skip it
            c.execute("DELETE FROM audit_log WHERE action = 'check'")
        with sqlite3.connect(self.db) as c:
            c.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        size = os.path.getsize(self.db)
        with open(self.db, "r+b") as f:
            # the file's page size (header offset 16, big-endian)
            f.seek(16)
            psize = int.from_bytes(f.read(2), "big")
            psize = 65536 if psize == 1 else psize
            # scribble over the b-tree header of every page of the second half
            for page in range(size // psize // 2, size // psize):
                f.seek(page * psize)
                f.write(b"\xff" * 12)
        p = self.run_db("--set-unit=name=TRƯỜNG THCS LÊ LỢI")
        out = p.stdout + p.stderr
        self.assertEqual(p.returncode, 1, out)
        self.assertIn("bị hỏng (ở trang ", out)
        self.assertNoEnglish(out)

    def test_unclosed_placeholder(self):
        """D17: "{{ten_don_vi" with no "}}" was left in the document as it
        was; now the template is refused, the placeholder named."""
        tpl = os.path.join(self.dir, "mau.docx")
        docx(tpl, '<w:p><w:r><w:t>{{ho_ten}}</w:t></w:r></w:p>'
                  '<w:p><w:r><w:t>Kính gửi: {{ten_don_vi</w:t></w:r></w:p>')
        out = os.path.join(self.dir, "out.docx")
        p = self.run_db("--generate=mau-01", "--staff=1", "--template=" + tpl, "--output=" + out)
        self.assertEqual(p.returncode, 1, p.stderr)
        self.assertIn("“{{ten_don_vi”", p.stderr)
        self.assertIn("}}", p.stderr)
        self.assertNoEnglish(p.stderr)
        self.assertFalse(os.path.exists(out))
        p = self.run_db("--check-template=" + tpl)
        self.assertEqual(p.returncode, 1, p.stderr)
        self.assertIn("“{{ten_don_vi”", p.stdout + p.stderr)

    def test_bidi_control_refused_at_import(self):
        """D17: a U+202E (right-to-left override) in a name made it show
        reversed; the row is refused, the field and the character named,
        the other rows imported."""
        csv = os.path.join(self.dir, "bidi.csv")
        with open(csv, "w", encoding="utf-8") as f:
            f.write("Họ và tên,Ngày sinh,Chức vụ\n")
            f.write("Phạm \u202Enăv Minh,05/06/1992,Bảo vệ\n")
            f.write("Lê Thị Bình,03/04/1991,Kế toán\n")
            f.write("Đỗ Văn Tâm,03/04/1990,Giáo viên \u2067x\u2069\n")
        p = self.run_db("--import-staff=" + csv)
        out = p.stdout + p.stderr
        self.assertIn("U+202E", out)
        self.assertIn("U+2067", out)
        self.assertIn("Họ và tên", out)
        with sqlite3.connect(self.db) as c:
            names = [n for (n,) in c.execute("SELECT full_name FROM staff")]
            fields = [v for row in c.execute("SELECT full_name, position FROM staff") for v in row if v]
        self.assertIn("Lê Thị Bình", names)
        for v in fields:
            for ch in "\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069":
                self.assertNotIn(ch, v)


if __name__ == "__main__":
    unittest.main(verbosity=2)
