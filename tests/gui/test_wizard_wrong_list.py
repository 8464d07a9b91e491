#!/usr/bin/python3
"""The wizard's template step refuses a Sở's form with no list of the
kind being made: the clerk's own form holding only the revocation list,
chosen for a renewal (Gia hạn), shows why and which kinds it makes, and
Tiếp stays insensitive until a form with a request list is chosen (the
built-in one); the revocation wizard refuses a form holding only the
request list. It used to fill the other list without a word. The
message is core's (cd_wizard_template_inspect, as --generate's) and names
the kinds the form makes as the window does (“danh sách thu hồi”, “một
danh sách đề nghị (cấp mới, gia hạn, …)”), not as the command line's
codes (“(thu-hoi, mau-05)”), which --generate adds on a line of its own."""
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


def build_form(path, heads):
    d = docx.Document()
    table = d.add_table(rows=2, cols=len(heads))
    table.style = "Table Grid"
    for cell, head in zip(table.rows[0].cells, heads):
        cell.text = head
    table.rows[1].cells[0].text = "1"
    d.save(path)


REVOCATION = ["TT", "Họ và tên", "Ngày sinh", "Thông tin chứng thư số", "Lý do thu hồi"]
REQUEST = ["STT", "Họ và tên", "Ngày sinh", "Chức vụ", "Số căn cước công dân"]
# the kinds' codes, which the command line adds and the window does not
CODES = ("thu-hoi", "mau-05", "cap-moi", "gia-han", "mau-01", "mau-04", "mau-06")


def refusal(wiz, sort):
    """The message shown for the form, once shown."""
    node = cdtest.wait_for(lambda: cdtest.find(wiz, role="label", contains="chỉ có danh sách " + sort),
                           what="the refusal")
    return node.name


class WizardWrongList(unittest.TestCase):
    def setUp(self):
        self.home = tempfile.mkdtemp(prefix="certdesk-wrong-list-")
        folder = os.path.join(self.home, "data", "certdesk")
        os.makedirs(os.path.join(folder, "templates"), mode=0o700)
        os.chmod(os.path.join(self.home, "data"), 0o700)
        subprocess.run([REGISTER, os.path.join(folder, "certdesk.db"), "60", "60"],
                       check=True, capture_output=True)
        build_form(os.path.join(folder, "templates", "so-thu-hoi.docx"), REVOCATION)
        build_form(os.path.join(folder, "templates", "so-de-nghi.docx"), REQUEST)

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
            message = refusal(wiz, "thu hồi")
            text = cdtest.all_text(wiz)
            cdtest.screenshot("wizard-template-wrong-list")
            # the kinds the form makes as the window names them, not the
            # command line's codes (“(thu-hoi, mau-05)” before)
            self.assertEqual(message, "Mẫu này chỉ có danh sách thu hồi nên không lập được "
                             "“Đề nghị gia hạn chứng thư số”. Hãy chọn mẫu danh sách đề nghị của Sở, "
                             "hoặc dùng mẫu này để lập danh sách thu hồi.")
            for code in CODES:
                self.assertNotIn(code, message)
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

    def test_request_form_refused_for_a_revocation(self):
        """The revocation wizard's template step with a form holding only
        the request list: its nine kinds told by their sort and the first
        two titles of the request wizard's kind step."""
        env = {"XDG_DATA_HOME": os.path.join(self.home, "data")}
        app = cdtest.App(env=env)
        try:
            main = app.window()
            press(main, "Lập danh sách thu hồi…")
            wiz = find_window(app, "Lập danh sách thu hồi")
            cdtest.wait_for(lambda: "Đang tìm…" not in cdtest.all_text(wiz) or None,
                            what="the suggestions")
            next_step(wiz)
            cdtest.wait_for(lambda: "Đang kiểm tra…" not in cdtest.all_text(wiz) or None,
                            what="the gaps checked")
            gaps = find_showing(wiz, ("toggle button", "push button", "check box"),
                                "Vẫn tiếp tục với các thiếu sót này (sẽ được nhắc lại ở bước xem trước)")
            if gaps is not None:
                cdtest.click(gaps)
                cdtest.wait_for(lambda: gaps.getState().contains(pyatspi.STATE_CHECKED)
                                or gaps.getState().contains(pyatspi.STATE_PRESSED) or None,
                                what="going on with the gaps")
            next_step(wiz)  # the document
            next_step(wiz)  # the template: the clerk's request form
            form = cdtest.wait_for(lambda: find_showing(wiz, ("check box", "radio button"), "so-de-nghi"),
                                   what="the form “so-de-nghi”")
            tiep = cdtest.wait_for(lambda: find_showing(wiz, "push button", "Tiếp"), what="Tiếp")
            cdtest.press(form)
            message = refusal(wiz, "đề nghị")
            cdtest.screenshot("wizard-template-wrong-list-request")
            self.assertEqual(message, "Mẫu này chỉ có danh sách đề nghị nên không lập được "
                             "“Danh sách thu hồi chứng thư số”. Hãy chọn mẫu danh sách thu hồi của Sở, "
                             "hoặc dùng mẫu này để lập một danh sách đề nghị (cấp mới, gia hạn, …).")
            for code in CODES:
                self.assertNotIn(code, message)
            self.assertFalse(cdtest.sensitive(tiep))
            self.assertEqual(app.quit(), 0)
        finally:
            app.close()


if __name__ == "__main__":
    unittest.main(verbosity=2)
