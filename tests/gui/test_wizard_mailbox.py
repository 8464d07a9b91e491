#!/usr/bin/python3
"""The mailbox list (Cấp mới hòm thư công vụ) in the request wizard, with
no e-mail for the unit: the gaps step lets the clerk type each person's
mailbox, and an address somebody in the register holds, or another row
of the list asks for, is refused on the row with whose it is; the entry
keeps what was typed. A free address goes on the list (the row's gap
goes)."""
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import unittest

import docx

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "common"))
sys.path.insert(0, os.path.dirname(__file__))
import cdtest  # noqa: E402
from test_wizards import REGISTER, find_showing, find_window, next_step, plain, press  # noqa: E402

import pyatspi  # noqa: E402

LABEL = "Hòm thư đề nghị cấp"
BUTTON = "Ghi vào danh sách"
TITLE = "Lập danh sách đề nghị"
PROPOSED = "Đề xuất theo họ tên, tại tên miền của đơn vị"
TYPED = "Địa chỉ bạn đã gõ"
ACCEPT = "Vẫn tiếp tục với các thiếu sót này (sẽ được nhắc lại ở bước xem trước)"


def mailbox_entry(wiz, name):
    """The entry of @name's mailbox row, once the gaps are shown."""
    return cdtest.get(wiz, role="text", name=f"{name} — {LABEL}")


def row_button(entry):
    """The row's Ghi vào danh sách, beside @entry."""
    node = entry.parent
    while node is not None:
        for n in cdtest.walk(node, max_depth=4):
            try:
                if n.getRoleName() == "push button" and plain(n.name) == BUTTON:
                    return n
            except Exception:
                continue
        node = node.parent
    return None


def next_button(wiz):
    """The wizard's Tiếp, sensitive or not."""
    for n in cdtest.walk(wiz):
        try:
            if n.getRoleName() == "push button" and plain(n.name) == "Tiếp":
                return n
        except Exception:
            continue
    return None


def open_mailbox_list(app, main):
    """Opens the request wizard from @main and chooses the mailbox list."""
    press(main, "Lập danh sách đề nghị…")
    wiz = find_window(app, TITLE)
    kind = cdtest.wait_for(lambda: find_showing(wiz, ("toggle button", "push button"),
                                                "Cấp mới hòm thư công vụ"),
                           what="the kind Cấp mới hòm thư công vụ")
    cdtest.click(kind)
    cdtest.wait_for(lambda: kind.getState().contains(pyatspi.STATE_CHECKED)
                    or kind.getState().contains(pyatspi.STATE_PRESSED) or None,
                    what="the mailbox list chosen")
    return wiz


def text_of(entry):
    t = entry.queryText()
    return t.getText(0, t.characterCount)


class WizardMailbox(unittest.TestCase):
    def setUp(self):
        self.home = tempfile.mkdtemp(prefix="certdesk-mailbox-home-")
        folder = os.path.join(self.home, "data", "certdesk")
        os.makedirs(folder, mode=0o700)
        os.chmod(os.path.join(self.home, "data"), 0o700)
        self.db = db = os.path.join(folder, "certdesk.db")
        subprocess.run([REGISTER, db, "60", "60"], check=True, capture_output=True)
        with sqlite3.connect(db) as c:
            c.execute("UPDATE unit SET email = NULL")
            working = c.execute("SELECT id, full_name FROM staff WHERE left = 0 ORDER BY id").fetchall()
            # everyone an official mailbox of their own, but two people:
            # one with none, one with a private gmail
            for i, (sid, _) in enumerate(working):
                c.execute("UPDATE staff SET email = ? WHERE id = ?", (f"canbo{i}@thcs.haiphong.edu.vn", sid))
            (a, self.a), (b, self.b), (_, self.holder) = working[0], working[1], working[2]
            self.held = "canbo2@thcs.haiphong.edu.vn"
            c.execute("UPDATE staff SET email = NULL WHERE id = ?", (a,))
            c.execute("UPDATE staff SET email = 'private.b@gmail.com' WHERE id = ?", (b,))

    def tearDown(self):
        shutil.rmtree(self.home, ignore_errors=True)

    def type_mailbox(self, wiz, name, address):
        entry = mailbox_entry(wiz, name)
        cdtest.set_text(entry, address)
        cdtest.wait_for(lambda: text_of(entry) == address or None, what=f"“{address}” typed")
        cdtest.press(cdtest.wait_for(lambda: row_button(entry), what=f"{name}'s “{BUTTON}”"))
        return entry

    def test_typed_mailbox_checked(self):
        env = {"XDG_DATA_HOME": os.path.join(self.home, "data")}
        app = cdtest.App(env=env)
        try:
            main = app.window()
            wiz = open_mailbox_list(app, main)
            next_step(wiz)
            cdtest.wait_for(lambda: "Đang tìm…" not in cdtest.all_text(wiz) or None,
                            what="the suggestions")
            next_step(wiz)
            cdtest.wait_for(lambda: "Đang kiểm tra…" not in cdtest.all_text(wiz) or None,
                            what="the gaps checked")

            # somebody's mailbox already: refused on the row, the text kept
            entry = self.type_mailbox(wiz, self.a, self.held.upper())
            said = f"Địa chỉ {self.held} đã là hòm thư của {self.holder}. Chọn địa chỉ khác."
            cdtest.wait_for(lambda: said in cdtest.all_text(wiz) or None, what="the clash said")
            self.assertEqual(text_of(entry), self.held.upper())
            cdtest.screenshot("wizard-mailbox-held")

            # a free one goes on the list: the row's gap goes, the address
            # shows among the mailboxes asked for, to change again
            self.type_mailbox(wiz, self.a, "moi.a@thcs.haiphong.edu.vn")
            cdtest.wait_for(lambda: "Đang kiểm tra…" not in cdtest.all_text(wiz)
                            and TYPED in cdtest.all_text(wiz)
                            and text_of(mailbox_entry(wiz, self.a)) == "moi.a@thcs.haiphong.edu.vn" or None,
                            what="the first row's gap gone")

            # the same for the other row: asked for on this list already
            entry = self.type_mailbox(wiz, self.b, "Moi.A@thcs.haiphong.edu.vn")
            said = (f"Địa chỉ moi.a@thcs.haiphong.edu.vn đã được đề nghị cho {self.a} "
                    "trong danh sách này. Chọn địa chỉ khác.")
            cdtest.wait_for(lambda: said in cdtest.all_text(wiz) or None, what="the list's clash said")
            self.assertEqual(text_of(entry), "Moi.A@thcs.haiphong.edu.vn")
            cdtest.screenshot("wizard-mailbox-on-list")
            self.assertEqual(app.quit(), 0)
        finally:
            app.close()



def mailboxes_column(path):
    """The mailbox column's cells of the list's person rows."""
    for t in docx.Document(path).tables:
        for r, row in enumerate(t.rows):
            heads = [c.text.strip().lower() for c in row.cells]
            hit = [i for i, h in enumerate(heads) if "thư điện tử" in h]
            if hit:
                cells = [[c.text.replace("\u200b", "").strip() for c in below.cells] for below in t.rows[r + 1:]]
                return [c[hit[0]] for c in cells if c and c[0].isdigit()]
    raise AssertionError("no mailbox column in " + path)


class WizardMailboxProposal(unittest.TestCase):
    """The unit has an e-mail: each person's mailbox is proposed from the
    name at its domain, and the clerk can ask for another one, checked as
    a typed one is, kept in the saved draft and written to the list."""

    tearDown = WizardMailbox.tearDown
    type_mailbox = WizardMailbox.type_mailbox

    def setUp(self):
        WizardMailbox.setUp(self)
        with sqlite3.connect(self.db) as c:
            c.execute("UPDATE unit SET email = 'thcs@thcs.haiphong.edu.vn'")

    def open_gaps(self, wiz):
        next_step(wiz)
        cdtest.wait_for(lambda: "Đang kiểm tra…" not in cdtest.all_text(wiz) or None,
                        what="the gaps checked")

    def test_proposal_changed(self):
        env = {"XDG_DATA_HOME": os.path.join(self.home, "data")}
        app = cdtest.App(env=env)
        try:
            main = app.window()
            wiz = open_mailbox_list(app, main)
            next_step(wiz)
            cdtest.wait_for(lambda: "Đang tìm…" not in cdtest.all_text(wiz) or None,
                            what="the suggestions")
            self.open_gaps(wiz)

            # the proposal, shown in an entry the clerk can change
            entry = cdtest.wait_for(lambda: mailbox_entry(wiz, self.a), what=f"{self.a}'s proposed mailbox")
            proposed = text_of(entry)
            self.assertTrue(proposed.endswith("@thcs.haiphong.edu.vn"), proposed)
            self.assertIn(PROPOSED, cdtest.all_text(wiz))

            # somebody's mailbox already: refused on the row, the text kept
            self.type_mailbox(wiz, self.a, self.held.upper())
            said = f"Địa chỉ {self.held} đã là hòm thư của {self.holder}. Chọn địa chỉ khác."
            cdtest.wait_for(lambda: said in cdtest.all_text(wiz) or None, what="the clash said")
            self.assertEqual(text_of(entry), self.held.upper())
            cdtest.screenshot("wizard-mailbox-proposal-held")

            # the person's own choice goes on the list
            wanted = "lan.nguyen@thcs.haiphong.edu.vn"
            self.type_mailbox(wiz, self.a, "  Lan.Nguyen@THCS.haiphong.edu.vn ")
            cdtest.wait_for(lambda: TYPED in cdtest.all_text(wiz)
                            and text_of(mailbox_entry(wiz, self.a)) == wanted or None,
                            what="the changed mailbox on the list")
            cdtest.screenshot("wizard-mailbox-proposal-changed")

            # kept in the saved draft ...
            press(wiz, "Lưu nháp")
            cdtest.wait_for(lambda: "Đã lưu nháp" in cdtest.all_text(wiz) or None, what="the draft saved")
            cdtest.press(cdtest.wait_for(lambda: cdtest.find(wiz, role="push button", name="Đóng")
                                         or cdtest.find(wiz, role="push button", name="Close"),
                                         what="the wizard's close button"))
            cdtest.wait_closed(app, TITLE)
            # ... shown again in the continued wizard ...
            cdtest.select_tab(main, "Hồ sơ")
            press(main, "Làm tiếp")
            again = find_window(app, TITLE)
            cdtest.wait_for(lambda: "Đang tìm…" not in cdtest.all_text(again) or None,
                            what="the people read")
            self.open_gaps(again)
            cdtest.wait_for(lambda: text_of(mailbox_entry(again, self.a)) == wanted or None,
                            what="the changed mailbox continued")
            self.assertIn(TYPED, cdtest.all_text(again))
            cdtest.press(cdtest.wait_for(lambda: cdtest.find(again, role="push button", name="Đóng")
                                         or cdtest.find(again, role="push button", name="Close"),
                                         what="the wizard's close button"))
            cdtest.wait_closed(app, TITLE)

            # ... and written to the list
            with sqlite3.connect(self.db) as c:
                (batch,) = c.execute("SELECT id FROM request_batches").fetchone()
            out = os.path.join(self.home, "hom-thu.docx")
            p = cdtest.run("--database=" + self.db, "--generate=hom-thu", "--batch=%d" % batch,
                           "--output=" + out, env=env)
            self.assertEqual(p.returncode, 0, p.stderr)
            self.assertIn(wanted, mailboxes_column(out))
            self.assertNotIn(proposed, mailboxes_column(out))
            self.assertEqual(app.quit(), 0)
        finally:
            app.close()

    def test_refused_kept_mailbox_blocks(self):
        """A mailbox kept in a saved draft that somebody in the register
        has taken since: the list would be refused when saved, so the
        gaps step does not let the clerk go on with it, not even with
        Vẫn tiếp tục… ticked, and says whose row to change and how.
        Another mailbox, accepted, lets the clerk go on."""
        env = {"XDG_DATA_HOME": os.path.join(self.home, "data")}
        app = cdtest.App(env=env)
        try:
            main = app.window()
            wiz = open_mailbox_list(app, main)
            next_step(wiz)
            cdtest.wait_for(lambda: "Đang tìm…" not in cdtest.all_text(wiz) or None,
                            what="the suggestions")
            self.open_gaps(wiz)
            kept = "lan.nguyen@thcs.haiphong.edu.vn"
            self.type_mailbox(wiz, self.a, kept)
            cdtest.wait_for(lambda: TYPED in cdtest.all_text(wiz)
                            and text_of(mailbox_entry(wiz, self.a)) == kept or None,
                            what="the mailbox on the list")
            press(wiz, "Lưu nháp")
            cdtest.wait_for(lambda: "Đã lưu nháp" in cdtest.all_text(wiz) or None, what="the draft saved")
            cdtest.press(cdtest.wait_for(lambda: cdtest.find(wiz, role="push button", name="Đóng")
                                         or cdtest.find(wiz, role="push button", name="Close"),
                                         what="the wizard's close button"))
            cdtest.wait_closed(app, TITLE)

            # since the draft was saved, the mailbox became somebody's
            with sqlite3.connect(self.db) as c:
                c.execute("UPDATE staff SET email = ? WHERE full_name = ?", (kept, self.holder))

            cdtest.select_tab(main, "Hồ sơ")
            press(main, "Làm tiếp")
            again = find_window(app, TITLE)
            cdtest.wait_for(lambda: "Đang tìm…" not in cdtest.all_text(again) or None,
                            what="the people read")
            self.open_gaps(again)
            said = (f"Chưa thể lưu danh sách với hòm thư đề nghị cho {self.a}: hãy gõ địa chỉ khác "
                    "vào dòng tương ứng ở trên rồi bấm Ghi vào danh sách.")
            cdtest.wait_for(lambda: said in cdtest.all_text(again) or None, what="the block said")
            self.assertIn(f"Địa chỉ {kept} đã là hòm thư của {self.holder}.", cdtest.all_text(again))
            self.assertEqual(text_of(mailbox_entry(again, self.a)), kept)

            # going on with the gaps on purpose does not pass over it
            accept = cdtest.wait_for(lambda: find_showing(again, ("toggle button", "push button"), ACCEPT),
                                     what=f"“{ACCEPT}”")

            def ticked():
                state = accept.getState()
                return state.contains(pyatspi.STATE_CHECKED) or state.contains(pyatspi.STATE_PRESSED)
            if not ticked():
                cdtest.click(accept)
            cdtest.wait_for(lambda: ticked() or None, what=f"“{ACCEPT}” ticked")
            nxt = cdtest.wait_for(lambda: next_button(again), what="Tiếp")
            self.assertFalse(nxt.getState().contains(pyatspi.STATE_SENSITIVE), "Tiếp is sensitive")
            cdtest.screenshot("wizard-mailbox-kept-blocked")

            # another mailbox, accepted: the block goes, Tiếp comes back
            wanted = "lan.nguyen2@thcs.haiphong.edu.vn"
            self.type_mailbox(again, self.a, wanted)
            cdtest.wait_for(lambda: "Đang kiểm tra…" not in cdtest.all_text(again)
                            and TYPED in cdtest.all_text(again)
                            and text_of(mailbox_entry(again, self.a)) == wanted or None,
                            what="the changed mailbox on the list")
            nxt = cdtest.wait_for(lambda: next_button(again), what="Tiếp")
            cdtest.wait_for(lambda: nxt.getState().contains(pyatspi.STATE_SENSITIVE) or None,
                            what="Tiếp sensitive again")
            self.assertNotIn(said, cdtest.all_text(again))
            cdtest.screenshot("wizard-mailbox-kept-changed")
            self.assertEqual(app.quit(), 0)
        finally:
            app.close()


if __name__ == "__main__":
    unittest.main(verbosity=2)
