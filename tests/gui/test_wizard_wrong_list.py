#!/usr/bin/python3
"""The wizard's template step refuses a Sở's form with no list of the
kind being made: the clerk's own form holding only the revocation list,
chosen for a renewal (Gia hạn), shows why and which kinds it makes, and
Tiếp stays insensitive until a form with a request list is chosen (the
built-in one). It used to fill the revocation list without a word. The
message is core's (cd_wizard_template_inspect, as --generate's)."""
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
import pyatspi  # noqa: E402


def revocation_form(path):
    d = docx.Document()
    heads = ["TT", "Họ và tên", "Ngày sinh", "Thông tin chứng thư số", "Lý do thu hồi"]
    table = d.add_table(rows=2, cols=len(heads))
    table.style = "Table Grid"
    for cell, head in zip(table.rows[0].cells, heads):
        cell.text = head
    table.rows[1].cells[0].text = "1"
    d.save(path)


class WizardWrongList(unittest.TestCase):
    def setUp(self):
        self.home = tempfile.mkdtemp(prefix="certdesk-wrong-list-")
        folder = os.path.join(self.home, "data", "certdesk")
        os.makedirs(os.path.join(folder, "templates"), mode=0o700)
        os.chmod(os.path.join(self.home, "data"), 0o700)
        subprocess.run([REGISTER, os.path.join(folder, "certdesk.db"), "60", "60"],
                       check=True, capture_output=True)
        revocation_form(os.path.join(folder, "templates", "so-thu-hoi.docx"))

    def tearDown(self):
        shutil.rmtree(self.home, ignore_errors=True)

    def test_revocation_form_refused_for_a_renewal(self):
        env = {"XDG_DATA_HOME": os.path.join(self.home, "data")}
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
            next_step(wiz)  # the template: the clerk's revocation form
            form = cdtest.wait_for(lambda: find_showing(wiz, ("check box", "radio button"), "so-thu-hoi"),
                                   what="the form “so-thu-hoi”")
            # the built-in form, read: Tiếp is sensitive
            tiep = cdtest.wait_for(lambda: find_showing(wiz, "push button", "Tiếp"), what="Tiếp")
            cdtest.press(form)
            text = cdtest.wait_for(
                lambda: (lambda t: t if "chỉ có danh sách thu hồi" in t else None)(cdtest.all_text(wiz)),
                what="the refusal")
            cdtest.screenshot("wizard-template-wrong-list")
            self.assertIn("Mẫu này chỉ có danh sách thu hồi nên không lập được "
                          "“Đề nghị gia hạn chứng thư số”", text)
            self.assertIn("(thu-hoi, mau-05)", text)
            self.assertNotIn("Lý do thu hồi", text)  # no columns shown
            self.assertFalse(cdtest.sensitive(tiep))
            # the built-in form makes the list: Tiếp again
            builtin = cdtest.wait_for(
                lambda: find_showing(wiz, ("check box", "radio button"), "Mẫu có sẵn"),
                what="the built-in form")
            cdtest.press(builtin)
            cdtest.wait_for(lambda: cdtest.sensitive(tiep) or None, what="Tiếp sensitive")
            self.assertNotIn("chỉ có danh sách thu hồi", cdtest.all_text(wiz))
            self.assertEqual(app.quit(), 0)
        finally:
            app.close()


if __name__ == "__main__":
    unittest.main(verbosity=2)
