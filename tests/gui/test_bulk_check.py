#!/usr/bin/python3
"""The Cục's sheet checked before it is written, in the window (issue
15): Bảng đăng ký của Cục… checks the rows on a worker and, when some
have required cells empty, shows a dialog listing them (row, person,
what is missing), scrolled and within 1024×600, before any file is
chosen. Hủy writes nothing; Mở hồ sơ opens the person's record and
writes nothing; Vẫn xuất goes on to the save dialog and writes the
sheet with everyone."""
import os
import shutil
import sqlite3
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "common"))
import cdtest  # noqa: E402
import re  # noqa: E402
import zipfile  # noqa: E402

PLACE = "Cục Cảnh sát QLHC về TTXH"
ITEM = "Bảng đăng ký của Cục"
CHOOSER = "Bảng đăng ký của Cục — cán bộ chưa có chứng thư số"


def plain(name):
    """GTK 4.8 names a mnemonic button “_Lưu Lưu”: compare what is shown."""
    n = (name or "").replace("_", "")
    half = len(n) // 2
    if len(n) % 2 == 1 and n[half] == " " and n[:half] == n[half + 1:]:
        return n[:half]
    return n


def xlsx_text(path):
    with zipfile.ZipFile(path) as z:
        parts = [z.read(n).decode("utf-8") for n in z.namelist()
                 if n in ("xl/worksheets/sheet1.xml", "xl/sharedStrings.xml")]
    return "\n".join(re.findall(r"<t[^>]*>([^<]*)</t>", "\n".join(parts)))


def make_register(tmp):
    db = os.path.join(tmp, "certdesk.db")
    csv = os.path.join(tmp, "staff.csv")
    with open(csv, "w", encoding="utf-8") as f:
        f.write("STT;Họ và tên;Ngày sinh;Giới tính;Chức vụ;Số CCCD;Ngày cấp;Nơi cấp;Điện thoại;Email\n")
        f.write(f"1;Nguyễn Thị Hương;12/03/1985;Nữ;Giáo viên;031185001234;20/04/2021;{PLACE};"
                "0912345678;huongnt@haiphong.edu.vn\n")
        f.write(f"2;Trần Văn Nam;05/01/1980;Nam;Giáo viên;;;{PLACE};0987654321;namtv@haiphong.edu.vn\n")
        f.write(f"3;Lê Thị Mai;20/11/1990;Nữ;Kế toán;031190007777;;{PLACE};0911222333;mailt@haiphong.edu.vn\n")
    for a in (["--set-unit=name=TRƯỜNG THCS LÊ LỢI", "--set-unit=province=Hải Phòng"],
              ["--import-staff=" + csv]):
        p = cdtest.run("--database=" + db, *a)
        assert p.returncode == 0, p.stderr
    with sqlite3.connect(db) as c:
        c.execute("UPDATE unit SET org1 = 'UBND thành phố Hải Phòng' WHERE id = 1")
    return db


class BulkCheck(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="certdesk-bulk-check-")
        self.out = os.path.join(self.tmp, "Tài liệu")
        os.makedirs(self.out)
        self.db = make_register(self.tmp)
        self.app = cdtest.App("--database", self.db, env={"CERTDESK_OUTPUT_DIR": self.out})

    def tearDown(self):
        self.app.close()
        shutil.rmtree(self.tmp, ignore_errors=True)

    def open_check(self, win):
        """The menu item, then the dialog listing the incomplete rows."""
        def item():
            return next((n for n in cdtest.walk(self.app.app)
                         if plain(n.name).startswith(ITEM) and cdtest.allocated(n)), None)
        # a record window just closed: the first click may only bring the
        # main window back to the front
        node = None
        for _ in range(3):
            cdtest.click(cdtest.get(win, name="Trình đơn chính"))
            try:
                node = cdtest.wait_for(item, timeout=5, what=f"the menu item “{ITEM}”")
                break
            except AssertionError:
                continue
        if node is None:
            cdtest.screenshot("bulk-check-no-menu")
        self.assertIsNotNone(node, f"the menu item “{ITEM}”")
        cdtest.press(node)
        return cdtest.wait_for(
            lambda: next((w for w in (self.app.app.getChildAtIndex(i) for i in range(self.app.app.childCount))
                          if w is not None and cdtest.find(w, contains="Dòng 4 – Trần Văn Nam")), None),
            timeout=60, what="the dialog of incomplete rows")

    def answer(self, dialog, label):
        cdtest.press(cdtest.button(dialog, label) or cdtest.get(dialog, role="push button", contains=label.strip("_")))
        cdtest.wait_for(lambda: not any(w is not None and cdtest.find(w, contains="Dòng 4 – Trần Văn Nam")
                                        for w in (self.app.app.getChildAtIndex(i)
                                                  for i in range(self.app.app.childCount))) or None,
                        what="the dialog to go away")

    def test_dialog_lists_rows_and_each_choice_does_what_it_says(self):
        win = self.app.window()

        dialog = self.open_check(win)
        text = cdtest.all_text(dialog)
        self.assertIn("Dòng 3 – Lê Thị Mai", text)
        self.assertIn("Thiếu: Ngày cấp", text)
        self.assertIn("Dòng 4 – Trần Văn Nam", text)
        self.assertIn("Thiếu: Số CCCD, Ngày cấp", text)
        self.assertNotIn("Nguyễn Thị Hương", text)
        self.assertIn("2 dòng", text)
        ext = dialog.queryComponent().getExtents(1)  # window coordinates
        self.assertLessEqual(ext.height, 600)
        self.assertLessEqual(ext.width, 1024)
        cdtest.screenshot("bulk-check-dialog")

        # Hủy: nothing chosen, nothing written
        self.answer(dialog, "Hủy")
        self.assertEqual([f for f in os.listdir(self.out) if not f.startswith(".")], [])
        self.assertIsNone(next((w for w in (self.app.app.getChildAtIndex(i)
                                            for i in range(self.app.app.childCount))
                                if w is not None and w.name == CHOOSER), None))

        # Mở hồ sơ beside Nam: his record opens, nothing is written
        dialog = self.open_check(win)
        # one per row, in the rows' order: Mai's, then Nam's
        openers = cdtest.wait_for(
            lambda: (lambda b: b if len(b) == 2 else None)(
                [n for n in cdtest.walk(dialog, rows=True)
                 if n.getRoleName() == "push button" and plain(n.name) == "Mở hồ sơ"]),
            what="a Mở hồ sơ button beside each row")
        opener = openers[1]
        cdtest.press(opener)
        record = cdtest.toplevel(self.app, "Trần Văn Nam")
        # the dialog made way for the record
        cdtest.wait_for(lambda: not any(w is not None and cdtest.find(w, contains="Dòng 4 – Trần Văn Nam")
                                        for w in (self.app.app.getChildAtIndex(i)
                                                  for i in range(self.app.app.childCount))) or None,
                        what="the dialog to go away")
        self.assertIsNotNone(record)
        self.assertEqual([f for f in os.listdir(self.out) if not f.startswith(".")], [])
        record.queryComponent()  # shown
        subprocess_close(self.app, record)

        # Vẫn xuất: the save dialog, then the sheet with everyone
        dialog = self.open_check(win)
        self.answer(dialog, "Vẫn xuất")
        chooser = cdtest.toplevel(self.app, CHOOSER)
        save = cdtest.wait_for(lambda: next((n for n in cdtest.walk(chooser)
                                             if n.getRoleName() == "push button"
                                             and plain(n.name) == "Lưu"), None),
                               what="the chooser's Save button")
        cdtest.press(save)
        new = cdtest.wait_for(lambda: [f for f in os.listdir(self.out)
                                       if f.endswith(".xlsx") and not f.startswith(".")] or None,
                              timeout=60, what="the saved sheet")
        cdtest.wait_for(lambda: cdtest.find(win, contains="Đã lưu " + new[0]), what="the toast")
        text = xlsx_text(os.path.join(self.out, new[0]))
        for name in ("Nguyễn Thị Hương", "Trần Văn Nam", "Lê Thị Mai"):
            self.assertIn(name, text)
        self.assertEqual(self.app.quit(), 0)


def subprocess_close(app, window):
    """Closes a record window with Escape-free means: its close button."""
    close = cdtest.wait_for(lambda: cdtest.find(window, role="push button", name="Đóng")
                            or cdtest.find(window, role="push button", name="Close"),
                            what="the record's close button")
    cdtest.press(close)
    cdtest.wait_closed(app, window.name)


if __name__ == "__main__":
    unittest.main()
