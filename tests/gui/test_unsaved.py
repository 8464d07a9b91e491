#!/usr/bin/python3
"""Nothing typed is lost (issue 16): closing Preferences with the unit's
details typed but not saved, and a staff record with unsaved edits, ask
“Lưu thay đổi?” first; Escape closes the record and asks when there is
something to lose. Driven over AT-SPI as a clerk would."""
import os
import sqlite3
import subprocess
import sys
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "common"))
import cdtest  # noqa: E402
import pyatspi  # noqa: E402

press = cdtest.press
set_text = cdtest.set_text


def unit_row(db):
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return con.execute("SELECT name, address FROM unit WHERE id = 1").fetchone()
    except sqlite3.Error:
        return None
    finally:
        con.close()


def window_action(name, *params):
    subprocess.run(["gdbus", "call", "--session", "--dest", "io.github.certdesk.CertDesk",
                    "--object-path", "/io/github/certdesk/CertDesk/window/1",
                    "--method", "org.gtk.Actions.Activate", name, "[" + ", ".join(params) + "]", "{}"],
                   check=True, capture_output=True, timeout=10)


def has_window(app, title):
    for i in range(app.app.childCount):
        w = app.app.getChildAtIndex(i)
        if w is not None and w.name == title:
            return w
    return None


def ask_dialog(app):
    """The “Lưu thay đổi?” question, once shown."""
    return cdtest.wait_for(lambda: next((w for w in (app.app.getChildAtIndex(i) for i in range(app.app.childCount))
                                         if w is not None and cdtest.find(w, contains="Lưu thay đổi?")), None),
                           what="the “Lưu thay đổi?” question")


def close_button(window):
    """The header bar's close button (GTK names it in its own catalogue)."""
    return cdtest.wait_for(lambda: cdtest.find(window, role="push button", name="Đóng")
                           or cdtest.find(window, role="push button", name="Close"),
                           what="the window's close button")


def escape(node):
    """Escape typed in @node's window: a click in the field puts the
    pointer (and so, with no window manager, the keyboard) there."""
    cdtest.click(node)
    pyatspi.Registry.generateKeyboardEvent(0xff1b, None, pyatspi.KEY_SYM)


class Unsaved(unittest.TestCase):
    def setUp(self):
        self.app = None

    def tearDown(self):
        if self.app is not None:
            self.app.close()

    def test_preferences_ask_on_close(self):
        self.app = cdtest.App()
        db = os.path.join(self.app.home, "data", "certdesk", "certdesk.db")
        win = self.app.window()

        def open_prefs():
            press(cdtest.wait_for(lambda: cdtest.find(win, role="push button", contains="thông tin đơn vị"),
                                  what="the first-run button to enter the unit's details"))
            return cdtest.toplevel(self.app, "Tùy chỉnh")

        prefs = open_prefs()
        name = cdtest.wait_for(lambda: cdtest.find(prefs, role="text", name="Tên đơn vị (ví dụ TRƯỜNG THCS LÊ LỢI)"),
                               what="the unit name field")

        # Closed untouched: no question.
        press(close_button(prefs))
        cdtest.wait_closed(self.app, "Tùy chỉnh")

        # Typed, closed: asked; Cancel keeps the window and what was typed.
        prefs = open_prefs()
        name = cdtest.wait_for(lambda: cdtest.find(prefs, role="text", name="Tên đơn vị (ví dụ TRƯỜNG THCS LÊ LỢI)"),
                               what="the unit name field")
        set_text(name, "TRƯỜNG THCS LÊ LỢI")
        set_text(cdtest.get(prefs, role="text", name="Địa chỉ"), "Số 1 Lê Lợi")
        press(close_button(prefs))
        dialog = ask_dialog(self.app)
        cdtest.screenshot("preferences-ask-on-close")
        press(cdtest.button(dialog, "Hủy") or cdtest.get(dialog, role="push button", contains="Hủy"))
        cdtest.wait_for(lambda: not cdtest.find(dialog, contains="Lưu thay đổi?") or None,
                        what="the question to go away")
        self.assertIsNotNone(has_window(self.app, "Tùy chỉnh"))
        self.assertIn("TRƯỜNG THCS LÊ LỢI", cdtest.all_text(name))
        self.assertIsNone(unit_row(db) and unit_row(db)[0], "nothing saved on Cancel")

        # An invalid unit (no name) asked to be saved stays open.
        set_text(name, "")
        press(close_button(prefs))
        dialog = ask_dialog(self.app)
        press(cdtest.get(dialog, role="push button", contains="Lưu"))
        cdtest.wait_for(lambda: cdtest.find(prefs, role="label", contains="Bắt buộc") or None,
                        what="the name's error shown in the open window")
        self.assertIsNotNone(has_window(self.app, "Tùy chỉnh"))

        # Typed, closed, saved from the question: in the register.
        set_text(name, "TRƯỜNG THCS LÊ LỢI")
        press(close_button(prefs))
        dialog = ask_dialog(self.app)
        press(cdtest.get(dialog, role="push button", contains="Lưu"))
        cdtest.wait_closed(self.app, "Tùy chỉnh")
        self.assertEqual(unit_row(db), ("TRƯỜNG THCS LÊ LỢI", "Số 1 Lê Lợi"))

        # Typed, closed, discarded: not saved, and reopening shows the register.
        prefs = open_prefs()
        address = cdtest.wait_for(lambda: cdtest.find(prefs, role="text", name="Địa chỉ"), what="the address")
        self.assertIn("Số 1 Lê Lợi", cdtest.all_text(address), "the saved address shown again")
        set_text(address, "Số 2 Lê Lợi")
        # Escape closes Preferences too, and so asks as well.
        escape(address)
        dialog = ask_dialog(self.app)
        press(cdtest.get(dialog, role="push button", contains="Bỏ thay đổi"))
        cdtest.wait_closed(self.app, "Tùy chỉnh")
        self.assertEqual(unit_row(db), ("TRƯỜNG THCS LÊ LỢI", "Số 1 Lê Lợi"))
        self.assertEqual(self.app.quit(), 0)

    def test_staff_record_escape(self):
        self.app = cdtest.App("--demo", env={"CERTDESK_NO_TOKENS": "1"})
        win = self.app.window()
        window_action("open-staff", "<int64 1>")

        def record():
            for i in range(self.app.app.childCount):
                w = self.app.app.getChildAtIndex(i)
                if w is not None and w.getRoleName() == "frame" and w.name and w.name != win.name:
                    return w
            return None

        details = cdtest.wait_for(record, what="the staff record window")
        title = details.name
        position = cdtest.wait_for(lambda: cdtest.find(details, role="text", name="Chức vụ"),
                                   what="the position field")
        # Nothing changed: Escape closes it at once.
        escape(position)
        cdtest.wait_closed(self.app, title)

        # Edited: Escape asks; discarding closes without saving.
        window_action("open-staff", "<int64 1>")
        details = cdtest.wait_for(record, what="the staff record window again")
        position = cdtest.wait_for(lambda: cdtest.find(details, role="text", name="Chức vụ"),
                                   what="the position field")
        before = cdtest.all_text(position)
        set_text(position, "Tổ trưởng chuyên môn")
        escape(position)
        dialog = ask_dialog(self.app)
        cdtest.screenshot("staff-record-ask-on-escape")
        press(cdtest.get(dialog, role="push button", contains="Bỏ thay đổi"))
        cdtest.wait_closed(self.app, title)

        # Edited again: saved from the question.
        window_action("open-staff", "<int64 1>")
        details = cdtest.wait_for(record, what="the staff record window a third time")
        position = cdtest.wait_for(lambda: cdtest.find(details, role="text", name="Chức vụ"),
                                   what="the position field")
        self.assertEqual(cdtest.all_text(position), before, "the discarded edit is not kept")
        set_text(position, "Tổ trưởng chuyên môn")
        press(close_button(details))
        dialog = ask_dialog(self.app)
        press(cdtest.get(dialog, role="push button", contains="Lưu"))
        cdtest.wait_closed(self.app, title)
        window_action("open-staff", "<int64 1>")
        details = cdtest.wait_for(record, what="the staff record window a fourth time")
        cdtest.wait_for(lambda: cdtest.find(details, contains="Tổ trưởng chuyên môn") or None,
                        what="the saved position")

        # Marking the person as left reloads the record: an edit typed
        # but not saved stays in the form, and is still asked about.
        note = cdtest.wait_for(lambda: cdtest.find(details, role="text", name="Ghi chú"), what="the note field")
        set_text(note, "Chuyển về trường khác")
        press(cdtest.wait_for(lambda: cdtest.find(details, role="push button", contains="Đánh dấu đã"),
                              what="the Mark as Left button"))
        question = cdtest.wait_for(lambda: next((w for w in (self.app.app.getChildAtIndex(i)
                                                             for i in range(self.app.app.childCount))
                                                 if w is not None and cdtest.find(w, contains="Hồ sơ vẫn ở trong sổ")),
                                                None), what="the Mark as Left question")
        press(cdtest.wait_for(lambda: cdtest.find(question, role="push button", contains="nghỉ"),
                              what="the Mark as Left response"))
        cdtest.wait_for(lambda: cdtest.find(details, contains="Đã đánh dấu nghỉ") or None,
                        what="the record shown as left")
        self.assertIn("Chuyển về trường khác", cdtest.all_text(note))
        press(close_button(details))
        dialog = ask_dialog(self.app)
        press(cdtest.get(dialog, role="push button", contains="Bỏ thay đổi"))
        cdtest.wait_closed(self.app, title)
        self.assertEqual(self.app.quit(), 0)


if __name__ == "__main__":
    unittest.main(verbosity=2)
