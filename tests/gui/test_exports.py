#!/usr/bin/python3
"""Exports in the window (issue 16, item 1): the register as Excel and
PDF and the Cục's bulk sheet, each from the primary menu, for everyone
then for a selected person, saved through
the file chooser into CERTDESK_OUTPUT_DIR under the proposed dated name,
private (0600), readable, and announced by a toast with Mở / Mở thư mục."""
import os
import re
import shutil
import stat
import subprocess
import sys
import tempfile
import time
import unittest
import zipfile

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "common"))
import cdtest  # noqa: E402

UNIT = "TRƯỜNG THCS LÊ LỢI"
PEOPLE = ("Nguyễn Thị Hương", "Trần Văn Nam", "Lê Thị Mai")


def make_register(tmp):
    db = os.path.join(tmp, "certdesk.db")
    csv = os.path.join(tmp, "staff.csv")
    with open(csv, "w", encoding="utf-8") as f:
        f.write("STT;Họ và tên;Ngày sinh;Giới tính;Số CCCD;Điện thoại;Email\n")
        f.write("1;Nguyễn Thị Hương;12/03/1985;Nữ;031185001234;0912345678;huongnt@haiphong.edu.vn\n")
        f.write("2;Trần Văn Nam;05/01/1980;Nam;031080004321;0987654321;namtv@haiphong.edu.vn\n")
        f.write("3;Lê Thị Mai;20/11/1990;Nữ;031190007777;0911222333;mailt@haiphong.edu.vn\n")
    for a in (["--set-unit=name=" + UNIT], ["--import-staff=" + csv]):
        p = cdtest.run("--database=" + db, *a)
        assert p.returncode == 0, p.stderr
    return db


def plain(name):
    """GTK 4.8 names a mnemonic button “_Lưu Lưu”: compare what is shown."""
    n = (name or "").replace("_", "")
    half = len(n) // 2
    if len(n) % 2 == 1 and n[half] == " " and n[:half] == n[half + 1:]:
        return n[:half]
    return n


def xlsx_text(path):
    """Every string of the first sheet (inline or shared), without openpyxl."""
    with zipfile.ZipFile(path) as z:
        names = z.namelist()
        parts = [z.read("xl/worksheets/sheet1.xml").decode("utf-8")]
        if "xl/sharedStrings.xml" in names:
            parts.append(z.read("xl/sharedStrings.xml").decode("utf-8"))
    return "\n".join(re.findall(r"<t[^>]*>([^<]*)</t>", "\n".join(parts)))


class Exports(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="certdesk-exports-")
        self.out = os.path.join(self.tmp, "Tài liệu")
        os.makedirs(self.out)
        self.db = make_register(self.tmp)
        self.app = cdtest.App("--database", self.db, env={"CERTDESK_OUTPUT_DIR": self.out})

    def tearDown(self):
        self.app.close()
        shutil.rmtree(self.tmp, ignore_errors=True)

    def export(self, win, item, title, suffix, incomplete=False):
        before = set(os.listdir(self.out))
        # the primary menu: a real click opens its popover (the staff
        # view's Xuất menu holds the same items, unshown: the allocated one)
        cdtest.click(cdtest.get(win, name="Trình đơn chính"))
        node = cdtest.wait_for(
            lambda: next((n for n in cdtest.walk(self.app.app)
                          if plain(n.name).startswith(item) and cdtest.allocated(n)), None),
            what=f"the menu item “{item}”")
        cdtest.press(node)
        if incomplete:
            # The register has no Nơi cấp, Ngày cấp, Chức vụ: the Cục's
            # sheet lists the rows first (test_bulk_check.py); go on.
            dialog = cdtest.wait_for(
                lambda: next((w for w in (self.app.app.getChildAtIndex(i) for i in range(self.app.app.childCount))
                              if w is not None and cdtest.find(w, contains="Thiếu:")), None),
                timeout=60, what="the dialog of incomplete rows")
            cdtest.press(cdtest.button(dialog, "_Vẫn xuất")
                         or cdtest.get(dialog, role="push button", contains="Vẫn xuất"))
        chooser = cdtest.toplevel(self.app, title)
        save = cdtest.wait_for(lambda: next((n for n in cdtest.walk(chooser)
                                             if n.getRoleName() == "push button"
                                             and plain(n.name) == "Lưu"), None),
                               what="the chooser's Save button")
        cdtest.press(save)
        new = cdtest.wait_for(
            lambda: [f for f in set(os.listdir(self.out)) - before
                     if f.endswith(suffix) and not f.startswith(".")] or None,
            timeout=60, what=f"the saved {suffix}")
        path = os.path.join(self.out, new[0])
        cdtest.wait_for(lambda: cdtest.find(win, contains="Đã lưu " + new[0]), what="the toast")
        text = cdtest.all_text(win)
        self.assertIn("Mở thư mục", text)
        self.assertEqual(stat.S_IMODE(os.stat(path).st_mode), 0o600)
        return path

    def test_exports(self):
        win = self.app.window()
        today = time.strftime("%Y-%m-%d")

        path = self.export(win, "Xuất sổ theo dõi (Excel)", "Sổ theo dõi (Excel) — tất cả mọi người", ".xlsx")
        self.assertEqual(os.path.basename(path), f"So_theo_doi_chung_thu_so_{today}.xlsx")
        text = xlsx_text(path)
        for name in PEOPLE:
            self.assertIn(name, text)

        path = self.export(win, "Xuất sổ theo dõi (PDF)", "Sổ theo dõi (PDF) — tất cả mọi người", ".pdf")
        self.assertEqual(os.path.basename(path), f"So_theo_doi_chung_thu_so_{today}.pdf")
        with open(path, "rb") as f:
            self.assertEqual(f.read(5), b"%PDF-")
        if shutil.which("pdftotext"):
            pdf = subprocess.run(["pdftotext", "-enc", "UTF-8", path, "-"], capture_output=True,
                                 text=True, check=True).stdout
            self.assertIn("SỔ THEO DÕI CHỨNG THƯ SỐ", pdf)

        # Nobody has a certificate: the Cục's sheet lists everyone still working.
        path = self.export(win, "Bảng đăng ký của Cục", "Bảng đăng ký của Cục — cán bộ chưa có chứng thư số",
                           ".xlsx", incomplete=True)
        self.assertEqual(os.path.basename(path), f"Bang_dang_ky_Cuc_{today}.xlsx")
        text = xlsx_text(path)
        for name in PEOPLE:
            self.assertIn(name, text)
        self.assertIn("031185001234", text)
        cdtest.screenshot("exports-toast")

        # A selection: only that person, and the chooser's title says so.
        cdtest.click(cdtest.get(win, role="label", name="Trần Văn Nam"))
        path = self.export(win, "Xuất sổ theo dõi (Excel)", "Sổ theo dõi (Excel) — 1 người đang chọn", ".xlsx")
        self.assertEqual(os.path.basename(path), f"So_theo_doi_chung_thu_so_1_nguoi_{today}.xlsx")
        text = xlsx_text(path)
        self.assertIn("Trần Văn Nam", text)
        self.assertNotIn("Nguyễn Thị Hương", text)
        self.assertNotIn("Lê Thị Mai", text)
        self.assertEqual(self.app.quit(), 0)


if __name__ == "__main__":
    unittest.main()
