#!/usr/bin/python3
"""Importing the staff list from the window, over AT-SPI as a clerk would:
the header bar's import button, the file chooser, the preview of what is
added and what is rejected (with the reason), then the register and the
list. The rows of a second import of the same file are all unchanged."""
import os
import shutil
import sqlite3
import sys
import tempfile
import time
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "common"))
import cdtest  # noqa: E402
import pyatspi  # noqa: E402


press = cdtest.press
button = cdtest.button
toplevel = cdtest.toplevel
gone = cdtest.wait_closed


def staff_in(db):
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return con.execute("SELECT full_name, cccd, phone FROM staff ORDER BY full_name").fetchall()
    except sqlite3.Error:
        return None
    finally:
        con.close()


def choose(app, title):
    """Open the only file of the folder the dialog opens in
    (cd_application_documents_folder): a click on the first row of the
    file list (GTK 4.8 does not expose its rows to accessibility), then
    Open."""
    chooser = toplevel(app, title)
    files = cdtest.wait_for(lambda: cdtest.find(chooser, name="GtkTreeView"), what="the file list")
    open_button = cdtest.wait_for(lambda: next((n for n in cdtest.walk(chooser)
                                                if n.getRoleName() == "push button"
                                                and (n.name or "").endswith("Mở")), None),
                                  what="the chooser's Open button")

    def opened():
        ext = files.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
        if ext.width <= 0:
            return None
        # Below the column headers, in the name column.
        pyatspi.Registry.generateMouseEvent(ext.x + 80, ext.y + 40, "b1c")
        time.sleep(0.3)
        press(open_button)
        time.sleep(0.5)
        for i in range(app.app.childCount):
            w = app.app.getChildAtIndex(i)
            if w is not None and w.name == title:
                return None
        return True
    cdtest.wait_for(opened, what="the file opened from the chooser")


class Import(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp()
        self.files = os.path.join(self.tmp, "Tài liệu")
        os.makedirs(self.files)
        self.csv = os.path.join(self.files, "ds-can-bo.csv")
        with open(self.csv, "w", encoding="utf-8-sig") as f:
            f.write("STT;Họ và tên;Ngày sinh;Giới tính;Số CCCD;Điện thoại;Email\n")
            f.write("1;Nguyễn Thị Hương;12/03/1985;Nữ;031185001234;0912 345 678;huongnt@haiphong.edu.vn\n")
            f.write("2;Trần Văn Nam;05/01/1980;Nam;031080004321;0987654321;namtv@haiphong.edu.vn\n")
            f.write("3;Lê Văn Sai;01/01/1990;Nam;12AB;;\n")
        pyatspi.Registry.getDesktop(0).childCount
        self.app = cdtest.App(env={"CERTDESK_OUTPUT_DIR": self.files})
        self.db = os.path.join(self.app.home, "data", "certdesk", "certdesk.db")

    def tearDown(self):
        self.app.close()
        shutil.rmtree(self.tmp, ignore_errors=True)

    def preview(self):
        dlg = toplevel(self.app, "Nhập danh sách cán bộ?")
        return dlg

    def enter_unit(self, win):
        """First run: the unit's details come first, then the import is
        offered (Preferences, from the first-run page)."""
        import_button = cdtest.wait_for(lambda: cdtest.find(win, role="push button",
                                                            name="Nhập danh sách cán bộ"),
                                        what="the header bar's import button")
        self.assertFalse(import_button.getState().contains(pyatspi.STATE_SENSITIVE),
                         "no import before the unit's details")
        press(cdtest.get(win, role="push button", contains="1. Nhập thông tin đơn vị"))
        prefs = toplevel(self.app, "Tùy chỉnh")
        name = cdtest.wait_for(lambda: cdtest.find(prefs, role="text", name="Tên đơn vị (ví dụ TRƯỜNG THCS LÊ LỢI)"),
                               what="the unit name field")
        name.queryEditableText().setTextContents("TRƯỜNG THCS LÊ LỢI")
        press(cdtest.wait_for(lambda: cdtest.find(prefs, role="push button", contains="Lưu thông tin đơn vị"),
                              what="the Save button"))

        cdtest.wait_for(lambda: import_button.getState().contains(pyatspi.STATE_SENSITIVE) or None,
                        what="the import offered once the unit is saved")
        cdtest.wait_for(lambda: cdtest.find(win, contains="Bây giờ hãy nhập danh sách cán bộ"),
                        what="the first-run page's next step")

    def test_import_with_preview(self):
        win = self.app.window()
        self.enter_unit(win)
        press(cdtest.wait_for(lambda: cdtest.find(win, role="push button", name="Nhập danh sách cán bộ"),
                              what="the header bar's import button"))
        choose(self.app, "Nhập danh sách cán bộ")

        dlg = self.preview()
        cdtest.wait_for(lambda: cdtest.find(dlg, contains="2 thêm mới, 0 cập nhật, 0 không đổi, 1 bị loại"),
                        what="the counts of the preview")
        # The rejected row, with its place in the file and why.
        rejected = cdtest.wait_for(lambda: cdtest.find(dlg, contains="Lê Văn Sai — bị loại"),
                                   what="the rejected row")
        self.assertTrue(rejected.name.startswith("Dòng 4"), rejected.name)
        text = cdtest.all_text(dlg)
        self.assertIn("CCCD", text)
        cdtest.screenshot("import-preview")
        # Nothing is written before the clerk confirms.
        self.assertEqual(staff_in(self.db) or [], [])

        press(cdtest.wait_for(lambda: button(dlg, "Nhập"), what="the Import button"))
        gone(self.app, "Nhập danh sách cán bộ?")
        cdtest.wait_for(lambda: len(staff_in(self.db) or []) == 2 or None, what="two staff in the register")
        self.assertEqual(staff_in(self.db), [("Nguyễn Thị Hương", "031185001234", "0912345678"),
                                             ("Trần Văn Nam", "031080004321", "0987654321")])
        # The list shows them (the search covers CCCD too).
        search = cdtest.wait_for(lambda: cdtest.find(win, name="Tìm cán bộ"), what="the search entry")
        search.queryEditableText().setTextContents("031080004321")
        cdtest.wait_for(lambda: cdtest.find(win, role="label", name="Trần Văn Nam"),
                        what="Trần Văn Nam in the list")

        # The same file again: nothing to add or update, Import disabled.
        press(cdtest.get(win, role="push button", name="Nhập danh sách cán bộ"))
        choose(self.app, "Nhập danh sách cán bộ")
        dlg = self.preview()
        cdtest.wait_for(lambda: cdtest.find(dlg, contains="0 thêm mới, 0 cập nhật, 2 không đổi, 1 bị loại"),
                        what="the counts of the second preview")
        self.assertFalse(button(dlg, "Nhập").getState().contains(pyatspi.STATE_SENSITIVE), "nothing to import")
        press(button(dlg, "Hủy"))
        gone(self.app, "Nhập danh sách cán bộ?")
        self.assertEqual(len(staff_in(self.db)), 2)
        self.assertEqual(self.app.quit(), 0)


if __name__ == "__main__":
    unittest.main(verbosity=2)
