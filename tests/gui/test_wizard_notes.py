#!/usr/bin/python3
"""Issue 15: what filling a Sở form tells the clerk shows in the wizard's
last step. A form whose CCCD column is too narrow for 12 digits at 12 pt
is the clerk's own template; the renewal list is written with it over
AT-SPI and the step lists the note that the column's numbers were set
smaller (the CLI prints the same note on stderr)."""
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "common"))
sys.path.insert(0, os.path.dirname(__file__))
import cdtest  # noqa: E402
from test_wizards import REGISTER, find_showing, find_window, next_step, press  # noqa: E402

import docx  # noqa: E402
from docx.shared import Pt, Twips  # noqa: E402
import pyatspi  # noqa: E402


def narrow_form(path):
    """The Sở's form with a CCCD column 1580 twips wide (as in
    tests/docs/test_cli_docs.py)."""
    d = docx.Document()
    heads = [("STT", 600), ("Họ và tên", 2800), ("Ngày sinh", 1600),
             ("Số CCCD", 1580), ("Điện thoại", 2000)]
    table = d.add_table(rows=2, cols=len(heads))
    table.style = "Table Grid"
    table.autofit = False
    for c, (h, w) in enumerate(heads):
        table.columns[c].width = Twips(w)
        for r in table.rows:
            r.cells[c].width = Twips(w)
        run = table.rows[0].cells[c].paragraphs[0].add_run(h)
        run.font.name, run.font.size, run.bold = "Times New Roman", Pt(12), True
    run = table.rows[1].cells[0].paragraphs[0].add_run("1")
    run.font.name, run.font.size = "Times New Roman", Pt(12)
    d.save(path)


class WizardNotes(unittest.TestCase):
    def setUp(self):
        self.out = tempfile.mkdtemp(prefix="certdesk-notes-out-")
        self.home = tempfile.mkdtemp(prefix="certdesk-notes-home-")
        folder = os.path.join(self.home, "data", "certdesk")
        os.makedirs(os.path.join(folder, "templates"), mode=0o700)
        os.chmod(os.path.join(self.home, "data"), 0o700)
        subprocess.run([REGISTER, os.path.join(folder, "certdesk.db"), "60", "60"],
                       check=True, capture_output=True)
        narrow_form(os.path.join(folder, "templates", "so-hep.docx"))

    def tearDown(self):
        shutil.rmtree(self.out, ignore_errors=True)
        shutil.rmtree(self.home, ignore_errors=True)

    def test_narrow_column_note_shown(self):
        env = {"XDG_DATA_HOME": os.path.join(self.home, "data"), "CERTDESK_OUTPUT_DIR": self.out}
        app = cdtest.App(env=env)
        try:
            main = app.window()
            press(main, "Lập danh sách đề nghị…")
            wiz = find_window(app, "Lập danh sách đề nghị")
            kind = cdtest.wait_for(lambda: find_showing(wiz, ("toggle button", "push button"), "Gia hạn"),
                                   what="the kind Gia hạn")
            cdtest.click(kind)
            cdtest.wait_for(lambda: kind.getState().contains(pyatspi.STATE_CHECKED)
                            or kind.getState().contains(pyatspi.STATE_PRESSED) or None,
                            what="Gia hạn chosen")
            next_step(wiz)
            cdtest.wait_for(lambda: "Đang tìm…" not in cdtest.all_text(wiz) or None,
                            what="the suggestions")
            next_step(wiz)
            cdtest.wait_for(lambda: "Đang kiểm tra…" not in cdtest.all_text(wiz) or None,
                            what="the gaps checked")
            gaps = find_showing(wiz, ("toggle button", "push button"),
                                "Vẫn tiếp tục với các thiếu sót này (sẽ được nhắc lại ở bước xem trước)")
            if gaps is not None:
                cdtest.click(gaps)
                cdtest.wait_for(lambda: gaps.getState().contains(pyatspi.STATE_CHECKED)
                                or gaps.getState().contains(pyatspi.STATE_PRESSED) or None,
                                what="going on with the gaps")
            next_step(wiz)  # the document
            next_step(wiz)  # the template: the clerk's own form
            form = cdtest.wait_for(lambda: find_showing(wiz, ("check box", "radio button"), "so-hep"),
                                   what="the form “so-hep”")
            cdtest.press(form)
            cdtest.wait_for(lambda: "Số CCCD" in cdtest.all_text(wiz) or None,
                            what="the form's columns")
            cdtest.screenshot("wizard-template-form")
            next_step(wiz)  # the preview
            next_step(wiz)  # the file
            before = set(os.listdir(self.out))
            press(wiz, "Lưu thành…")
            press(find_window(app, "Lưu danh sách"), "Lưu")
            cdtest.wait_for(lambda: [f for f in set(os.listdir(self.out)) - before if f.endswith(".docx")],
                            timeout=60, what="the saved .docx")
            cdtest.wait_for(lambda: find_showing(wiz, "push button", "Mở tệp"), what="the open buttons")
            text = cdtest.wait_for(
                lambda: (lambda t: t if "Ghi chú về văn bản" in t else None)(cdtest.all_text(wiz)),
                what="the notes on the document")
            cdtest.screenshot("wizard-notes")
            notes = text[text.index("Ghi chú về văn bản"):]
            self.assertIn("Số CCCD", notes)
            self.assertRegex(notes, "11 pt|cỡ 11")
            self.assertEqual(app.quit(), 0)
        finally:
            app.close()


if __name__ == "__main__":
    unittest.main(verbosity=2)
