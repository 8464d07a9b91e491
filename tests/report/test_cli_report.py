#!/usr/bin/python3
"""certdesk --coverage-report=FILE.pdf|FILE.xlsx on the sample register:
the files are private; the workbook, read back with openpyxl, counts
every working staff member once by status and once by position group;
the PDF, read with pdftotext, has the Nghị định 30 header, the title and
the three tables with the same figures."""
import os
import re
import shutil
import stat
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "common"))
import cdtest  # noqa: E402

run = cdtest.run
VI = {"CERTDESK_UI_LANGUAGE": "vi"}


class CoverageCli(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()

    def tearDown(self):
        self.tmp.cleanup()

    def report(self, name, *extra):
        path = os.path.join(self.tmp.name, name)
        p = run("--demo", "--coverage-report=" + path, *extra, env=VI)
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertEqual(stat.S_IMODE(os.stat(path).st_mode), 0o600)
        return p, path

    def test_xlsx(self):
        import openpyxl
        p, path = self.report("bao-cao.xlsx")
        ws = openpyxl.load_workbook(path).active
        rows = [[c.value for c in r] for r in ws.iter_rows()]
        self.assertEqual(rows[1][0], "BÁO CÁO TỶ LỆ CẤP CHỨNG THƯ SỐ")

        def row(label, after=0):
            for i, r in enumerate(rows):
                if i >= after and r[0] == label:
                    return i, r
            self.fail("no row %r" % label)

        i_status, _ = row("Tình trạng chứng thư số")
        statuses = rows[i_status + 1:i_status + 7]
        i_total, total = row("Tổng cộng", i_status)
        n = total[1]
        self.assertGreater(n, 100)
        self.assertEqual(sum(r[1] for r in statuses), n)
        _, gov = row("Có CTS chuyên dùng còn hiệu lực", i_status)
        self.assertGreater(gov[1], 0)
        self.assertLessEqual(gov[1], n)
        self.assertAlmostEqual(gov[2], gov[1] / n, places=6)
        # The summary printed agrees with the workbook.
        self.assertIn("%d/%d" % (gov[1], n), p.stdout)

        i_groups, _ = row("Nhóm chức vụ")
        groups = {}
        for r in rows[i_groups + 1:]:
            if r[0] == "Tổng cộng":
                groups_total = r
                break
            groups[r[0]] = r
        self.assertIn("Cán bộ quản lý", groups)
        self.assertIn("Giáo viên", groups)
        self.assertIn("Nhân viên", groups)
        self.assertEqual(sum(r[1] for r in groups.values()), n)
        self.assertEqual(sum(r[7] for r in groups.values()), gov[1])
        self.assertEqual(groups_total[1], n)
        for r in groups.values():
            # Not-yet-valid certificates have no column of their own.
            self.assertLessEqual(sum(r[2:7]), r[1])

        i_prov, _ = row("Nhà cung cấp")
        providers = [r for r in rows[i_prov + 1:] if r[0]]
        self.assertTrue(any(r[1] == "Chuyên dùng" for r in providers), providers)

    def test_pdf(self):
        if shutil.which("pdftotext") is None:
            self.skipTest("pdftotext missing")
        _, path = self.report("bao-cao.pdf")
        text = subprocess.run(["pdftotext", "-layout", path, "-"], capture_output=True,
                              text=True, check=True).stdout
        for needle in ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "BÁO CÁO TỶ LỆ CẤP CHỨNG THƯ SỐ",
                       "Số liệu tính đến ngày", "Theo tình trạng chứng thư số",
                       "Theo nhóm chức vụ", "Cán bộ quản lý", "Theo nhà cung cấp",
                       "Chuyên dùng", "CTS chuyên dùng"):
            self.assertIn(needle, text)
        self.assertRegex(text, r"\d+,\d %")

    def test_pdf_signer_title_in_capitals(self):
        """The signer's title as the unit records it ("Hiệu trưởng") is
        printed in capitals, as Nghị định 30/2020 wants and every other
        document prints it."""
        if shutil.which("pdftotext") is None:
            self.skipTest("pdftotext missing")
        db = os.path.join(self.tmp.name, "certdesk.db")
        path = os.path.join(self.tmp.name, "bao-cao.pdf")
        for a in ("--set-unit=name=TRƯỜNG THCS LÊ LỢI", "--set-unit=signer=Nguyễn Thị Hương",
                  "--set-unit=signer_title=Hiệu trưởng", "--coverage-report=" + path):
            p = run("--database=" + db, a, env=VI)
            self.assertEqual(p.returncode, 0, p.stderr)
        text = subprocess.run(["pdftotext", "-layout", path, "-"], capture_output=True,
                              text=True, check=True).stdout
        self.assertRegex(text, r"HIỆU TRƯỞNG\s+\(Ký, ghi rõ họ tên, đóng dấu\)")
        self.assertNotIn("Hiệu trưởng", text)
        self.assertIn("Nguyễn Thị Hương", text)

    def test_refuses_other_kinds(self):
        path = os.path.join(self.tmp.name, "bao-cao.docx")
        p = run("--demo", "--coverage-report=" + path, env=VI)
        self.assertEqual(p.returncode, 1)
        self.assertIn(".xlsx", p.stderr)
        self.assertFalse(os.path.exists(path))

    def test_no_overwrite_without_force(self):
        _, path = self.report("bao-cao.pdf")
        p = run("--demo", "--coverage-report=" + path, env=VI)
        self.assertEqual(p.returncode, 1)
        self.report("bao-cao.pdf", "--force")


if __name__ == "__main__":
    unittest.main(verbosity=2)
