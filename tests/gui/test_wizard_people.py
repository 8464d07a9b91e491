#!/usr/bin/python3
"""The wizard's people step (issue 16, items 4 and 5) over AT-SPI on the
demo register: Chọn tất cả / Bỏ chọn tất cả with the count, the
accent-insensitive search filtering the people offered and adding others,
a person who left not offered for a request, an expired certificate in a
renewal warned about with Cấp mới offered, and the selection of the staff
list used only when the wizard is started from it, saying so."""
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "common"))
import cdtest  # noqa: E402

import pyatspi  # noqa: E402

REGISTER = os.environ["WIZARD_REGISTER"]
COUNT = re.compile(r"Đã chọn (\d+)/(\d+)")
STEP = re.compile(r"Bước (\d+)/(\d+)")
REQUEST = "Lập danh sách đề nghị"
REVOCATION = "Lập danh sách thu hồi"


def plain(name):
    """GTK 4.8 names a mnemonic button “_Lưu Lưu”: compare what is shown."""
    n = (name or "").replace("_", "")
    half = len(n) // 2
    if len(n) % 2 == 1 and n[half] == " " and n[:half] == n[half + 1:]:
        return n[:half]
    return n


def accent_free(text):
    """What a clerk types without a Vietnamese keyboard: “Đỗ Văn Giang” →
    “do van giang”."""
    text = text.replace("Đ", "D").replace("đ", "d")
    return "".join(c for c in unicodedata.normalize("NFD", text)
                   if not unicodedata.combining(c)).lower()


def windows(app, title):
    out = []
    for i in range(app.app.childCount):
        w = app.app.getChildAtIndex(i)
        if w is not None and (w.name or "") == title:
            out.append(w)
    return out


def find_showing(root, role, name):
    """The sensitive @role named @name below @root: the wizard keeps only
    the current page's widgets, and GTK 4.8 reports no SHOWING state."""
    roles = role if isinstance(role, tuple) else (role,)
    for node in cdtest.walk(root):
        try:
            if node.getRoleName() in roles and plain(node.name) == name \
                    and node.getState().contains(pyatspi.STATE_SENSITIVE):
                return node
        except Exception:
            continue
    return None


def press(root, name, role="push button"):
    node = cdtest.wait_for(lambda: find_showing(root, role, name), what=f"the {role} “{name}”")
    cdtest.press(node)


def row_button(root, person, label):
    """The button @label in the list row of @person (an AdwActionRow: its
    title is a label beside the row's buttons)."""
    for node in cdtest.walk(root):
        try:
            if node.getRoleName() != "label" or node.name != person:
                continue
            # up to the row (a list item), then its buttons
            row = node.parent
            while row is not None and row.getRoleName() != "list item":
                row = row.parent
            if row is None:
                continue
            for n in cdtest.walk(row):
                if n.getRoleName() == "push button" and plain(n.name) == label \
                        and n.getState().contains(pyatspi.STATE_SENSITIVE):
                    return n
        except Exception:
            continue
    return None


def count(wiz):
    m = COUNT.search(cdtest.all_text(wiz))
    return (int(m.group(1)), int(m.group(2))) if m else None


def step(wiz):
    m = STEP.search(cdtest.all_text(wiz))
    return (int(m.group(1)), int(m.group(2))) if m else None


def next_step(wiz):
    at = cdtest.wait_for(lambda: step(wiz), what="the wizard's step")
    press(wiz, "Tiếp")
    cdtest.wait_for(lambda: step(wiz) == (at[0] + 1, at[1]) or None, what=f"step {at[0] + 1}")


def choose_kind(wiz, label):
    kind = cdtest.wait_for(lambda: find_showing(wiz, ("toggle button", "push button"), label),
                           what=f"the kind “{label}”")
    if not (kind.getState().contains(pyatspi.STATE_CHECKED) or kind.getState().contains(pyatspi.STATE_PRESSED)):
        cdtest.click(kind)
    cdtest.wait_for(lambda: kind.getState().contains(pyatspi.STATE_CHECKED)
                    or kind.getState().contains(pyatspi.STATE_PRESSED) or None,
                    what=f"the kind “{label}” chosen")
    next_step(wiz)


def people_ready(wiz):
    """The people step once the suggestions are in: its count."""
    return cdtest.wait_for(lambda: "Đang tìm…" not in cdtest.all_text(wiz) and count(wiz),
                           what="the suggestions and the count")


def search(wiz, text):
    entry = cdtest.get(wiz, name="Tìm cán bộ để thêm")
    cdtest.set_text(entry, text)


def select_person(main, person):
    """Selects @person's row in the staff list: searched first, so that
    the row is the first one shown (a click lands where the row is)."""
    cdtest.set_text(cdtest.get(main, name="Tìm cán bộ"), accent_free(person))
    label = cdtest.wait_for(lambda: (lambda rows: rows[0] if len(rows) == 1 else None)(
        [n for n in cdtest.walk(main) if n.getRoleName() == "label" and n.name == person]),
        what=f"{person} alone in the staff list")
    cdtest.click(label)


def discard(app, wiz, title, remaining=0):
    """Closes the wizard, throwing away what it holds, until @remaining
    windows titled @title are left."""
    close = cdtest.wait_for(lambda: cdtest.find(wiz, role="push button", name="Đóng")
                            or cdtest.find(wiz, role="push button", name="Close"),
                            what="the wizard's close button")
    cdtest.press(close)
    question = cdtest.wait_for(
        lambda: next((w for w in (app.app.getChildAtIndex(i) for i in range(app.app.childCount))
                      if w is not None and cdtest.find(w, contains="Lưu danh sách thành bản nháp?")), None),
        what="the “Lưu danh sách thành bản nháp?” question")
    cdtest.press(cdtest.get(question, role="push button", contains="Bỏ đi"))
    if remaining == 0:
        cdtest.wait_closed(app, title)
    else:
        cdtest.wait_for(lambda: len(windows(app, title)) == remaining or None,
                        what=f"one “{title}” window closed")


class WizardPeople(unittest.TestCase):
    def setUp(self):
        self.home = tempfile.mkdtemp(prefix="certdesk-wizard-people-")
        folder = os.path.join(self.home, "data", "certdesk")
        os.makedirs(folder, mode=0o700)
        os.chmod(os.path.join(self.home, "data"), 0o700)
        db = os.path.join(folder, "certdesk.db")
        res = subprocess.run([REGISTER, db, "60", "60", "--more"], check=True, capture_output=True, text=True)
        self.names = {}
        for line in res.stdout.splitlines():
            kind, name = line.split("\t")
            self.names.setdefault(kind, []).append(name)
        for kind in ("thu-hoi", "expired", "working"):
            self.assertIn(kind, self.names, f"the demo register has a “{kind}” person")
        env = {"XDG_DATA_HOME": os.path.join(self.home, "data")}
        try:
            self.app = cdtest.App(env=env)
        except AssertionError:
            # the accessibility bus is sometimes slow to list a new client
            self.app = cdtest.App(env=env)

    def tearDown(self):
        try:
            self.app.close()
        finally:
            shutil.rmtree(self.home, ignore_errors=True)

    def open_wizard(self, main, button, title):
        before = len(windows(self.app, title))
        press(main, button)
        return cdtest.wait_for(lambda: windows(self.app, title)[before:] and windows(self.app, title)[-1],
                               what=f"the window “{title}”")

    def test_select_clear_search(self):
        """Cấp mới: everyone suggested is chosen; Bỏ chọn tất cả clears
        them in one click, the accent-free search finds the people offered
        and adds others; a person who left is not offered."""
        main = self.app.window()
        wiz = self.open_wizard(main, "Lập danh sách đề nghị…", REQUEST)
        choose_kind(wiz, "Cấp mới")
        chosen, offered = people_ready(wiz)
        self.assertGreater(offered, 0)
        self.assertEqual(chosen, offered, "the suggestions are chosen")

        press(wiz, "Bỏ chọn tất cả")
        cdtest.wait_for(lambda: count(wiz) == (0, offered) or None, what=f"Đã chọn 0/{offered}")
        self.assertFalse(find_showing(wiz, "push button", "Tiếp"), "Tiếp needs somebody on the list")
        press(wiz, "Chọn tất cả")
        cdtest.wait_for(lambda: count(wiz) == (offered, offered) or None, what=f"Đã chọn {offered}/{offered}")
        press(wiz, "Bỏ chọn tất cả")
        cdtest.wait_for(lambda: count(wiz) == (0, offered) or None, what=f"Đã chọn 0/{offered}")

        # search-to-add: typed without accents, a working person not offered
        person = self.names["working"][0]
        search(wiz, accent_free(person))
        add = cdtest.wait_for(lambda: row_button(wiz, person, "Thêm"), what=f"“Thêm” beside {person}")
        cdtest.press(add)
        cdtest.wait_for(lambda: count(wiz) == (1, offered + 1) or None, what=f"Đã chọn 1/{offered + 1}")
        # the search filters the people offered: only the match is shown
        cdtest.wait_for(lambda: row_button(wiz, person, "Bỏ"), what=f"“Bỏ” beside {person}")
        press(wiz, "Bỏ chọn tất cả")
        cdtest.wait_for(lambda: count(wiz) == (0, offered + 1) or None, what="the match taken off")
        press(wiz, "Chọn tất cả")
        # Chọn tất cả with a search acts on the people the search shows
        cdtest.wait_for(lambda: count(wiz) == (1, offered + 1) or None, what="only the match chosen")

        # a person who left is not offered for a request: the row says why
        retired = self.names["thu-hoi"][0]
        search(wiz, accent_free(retired))
        cdtest.wait_for(lambda: "đã nghỉ: không lập đề nghị" in cdtest.all_text(wiz) or None,
                        what="why the retired person is not offered")
        self.assertIsNone(row_button(wiz, retired, "Thêm"))
        # the offered list is empty because of the search, and says so
        text = cdtest.all_text(wiz)
        self.assertIn("Không người nào được đề xuất khớp với từ tìm", text)
        self.assertNotIn("Chưa có ai", text)
        cdtest.screenshot("wizard-people-search")
        discard(self.app, wiz, REQUEST)
        self.assertEqual(self.app.quit(), 0)

    def test_expired_in_renewal(self):
        """Gia hạn: an expired certificate added by hand is not put on the
        list; its row warns and offers a Cấp mới list, which starts from
        that person and says so."""
        main = self.app.window()
        wiz = self.open_wizard(main, "Lập danh sách đề nghị…", REQUEST)
        choose_kind(wiz, "Gia hạn")
        chosen, offered = people_ready(wiz)
        person = self.names["expired"][0]
        search(wiz, accent_free(person))
        cdtest.press(cdtest.wait_for(lambda: row_button(wiz, person, "Thêm"), what=f"“Thêm” beside {person}"))
        cdtest.wait_for(lambda: "không gia hạn được: cần đề nghị Cấp mới" in cdtest.all_text(wiz) or None,
                        what="the warning")
        # offered, not chosen
        cdtest.wait_for(lambda: count(wiz) == (chosen, offered + 1) or None, what="the person offered, not listed")
        other = cdtest.wait_for(lambda: row_button(wiz, person, "Lập danh sách “Cấp mới”…"),
                                what="the Cấp mới list offered")
        cdtest.screenshot("wizard-people-expired")
        cdtest.press(other)
        new = cdtest.wait_for(lambda: len(windows(self.app, REQUEST)) == 2 and
                              next((w for w in windows(self.app, REQUEST) if step(w) == (1, 7)), None),
                              what="a second request wizard at its first step")
        next_step(new)
        people_ready(new)
        text = cdtest.wait_for(lambda: (lambda t: t if "Bắt đầu từ 1 người đã chọn" in t and person in t else None)(
            cdtest.all_text(new)), what="the Cấp mới list started from the person")
        self.assertIn("Cấp mới", text)
        discard(self.app, new, REQUEST, remaining=1)
        discard(self.app, wiz, REQUEST)
        self.assertEqual(self.app.quit(), 0)

    def test_selection_only_when_started_from_it(self):
        """A row selected in the staff list goes into a wizard started from
        the list's own button, which says so, and not into one started
        from the menu; a person with no certificate in force is not put on
        a revocation list."""
        main = self.app.window()
        person = self.names["working"][0]
        select_person(main, person)

        # the primary menu's item: no selection
        cdtest.click(cdtest.get(main, name="Trình đơn chính"))
        item = cdtest.wait_for(
            lambda: next((n for n in cdtest.walk(self.app.app)
                          if plain(n.name).startswith("Lập danh sách đề nghị") and cdtest.allocated(n)
                          and n.getRoleName() != "push button"), None),
            what="the menu item")
        cdtest.press(item)
        wiz = cdtest.wait_for(lambda: windows(self.app, REQUEST) and windows(self.app, REQUEST)[0],
                              what="the request wizard")
        choose_kind(wiz, "Gia hạn")
        people_ready(wiz)
        text = cdtest.all_text(wiz)
        self.assertNotIn("Bắt đầu từ", text)
        self.assertNotIn(person, text)
        discard(self.app, wiz, REQUEST)

        # the staff list's button: from the selection, and it says so
        wiz = self.open_wizard(main, "Lập danh sách đề nghị…", REQUEST)
        choose_kind(wiz, "Gia hạn")
        people_ready(wiz)
        try:
            cdtest.wait_for(lambda: (lambda t: "Bắt đầu từ 1 người đã chọn" in t and person in t)(cdtest.all_text(wiz))
                            or None, what="the selected person, said so")
        except AssertionError:
            self.fail(f"{person} selected, not said so:\n" + cdtest.all_text(wiz)[:3000])
        discard(self.app, wiz, REQUEST)

        # the expired person selected: a revocation has nothing to revoke
        expired = self.names["expired"][0]
        select_person(main, expired)
        wiz = self.open_wizard(main, "Lập danh sách thu hồi…", REVOCATION)
        people_ready(wiz)
        text = cdtest.wait_for(lambda: (lambda t: t if "Không thêm: " + expired in t else None)(cdtest.all_text(wiz)),
                               what="the expired person not added")
        self.assertIn("không còn chứng thư số nào còn hiệu lực để thu hồi", text)
        self.assertIsNone(row_button(wiz, expired, "Bỏ"))
        discard(self.app, wiz, REVOCATION)
        self.assertEqual(self.app.quit(), 0)


    def test_resumed_draft(self):
        """A revocation saved as a draft and continued from Hồ sơ shows the
        same people, chosen, with their certificates' serials (read on a
        worker: a draft is saved without them)."""
        main = self.app.window()
        wiz = self.open_wizard(main, "Lập danh sách thu hồi…", REVOCATION)
        chosen, offered = people_ready(wiz)
        self.assertGreater(chosen, 0, "the revocation suggests somebody")
        everybody = [n for names in self.names.values() for n in names]
        listed = [n for n in everybody if row_button(wiz, n, "Bỏ")]
        self.assertTrue(listed, "the chosen rows name the register's people")
        press(wiz, "Lưu nháp")
        cdtest.wait_for(lambda: "Đã lưu nháp" in cdtest.all_text(wiz) or None, what="the draft saved")
        # saved: closing asks nothing
        close = cdtest.wait_for(lambda: cdtest.find(wiz, role="push button", name="Đóng")
                                or cdtest.find(wiz, role="push button", name="Close"),
                                what="the wizard's close button")
        cdtest.press(close)
        cdtest.wait_closed(self.app, REVOCATION)

        cdtest.select_tab(main, "Hồ sơ")
        press(main, "Làm tiếp")
        again = cdtest.wait_for(lambda: windows(self.app, REVOCATION) and windows(self.app, REVOCATION)[0],
                                what="the draft continued")
        cdtest.wait_for(lambda: count(again) == (chosen, chosen) or None,
                        what=f"Đã chọn {chosen}/{chosen} in the continued draft")
        for person in listed:
            cdtest.wait_for(lambda: row_button(again, person, "Bỏ"), what=f"“Bỏ” beside {person}")
        self.assertIn("số hiệu", cdtest.all_text(again))
        self.assertNotIn("Đang tìm…", cdtest.all_text(again))
        cdtest.screenshot("wizard-people-resumed")

        cdtest.press(cdtest.wait_for(lambda: cdtest.find(again, role="push button", name="Đóng")
                                     or cdtest.find(again, role="push button", name="Close"),
                                     what="the wizard's close button"))
        cdtest.wait_closed(self.app, REVOCATION)
        self.assertEqual(self.app.quit(), 0)

    def test_close_saves_draft(self):
        """A list changed and closed: the question's Lưu nháp saves it (on
        a worker) before the window goes, and continued from Hồ sơ it
        holds the person added."""
        main = self.app.window()
        wiz = self.open_wizard(main, "Lập danh sách đề nghị…", REQUEST)
        choose_kind(wiz, "Cấp mới")
        chosen, offered = people_ready(wiz)
        person = self.names["working"][0]
        search(wiz, accent_free(person))
        cdtest.press(cdtest.wait_for(lambda: row_button(wiz, person, "Thêm"), what=f"“Thêm” beside {person}"))
        cdtest.wait_for(lambda: count(wiz) == (chosen + 1, offered + 1) or None,
                        what=f"Đã chọn {chosen + 1}/{offered + 1}")
        cdtest.press(cdtest.wait_for(lambda: cdtest.find(wiz, role="push button", name="Đóng")
                                     or cdtest.find(wiz, role="push button", name="Close"),
                                     what="the wizard's close button"))
        question = cdtest.wait_for(
            lambda: next((w for w in (self.app.app.getChildAtIndex(i) for i in range(self.app.app.childCount))
                          if w is not None and cdtest.find(w, contains="Lưu danh sách thành bản nháp?")), None),
            what="the “Lưu danh sách thành bản nháp?” question")
        cdtest.press(cdtest.get(question, role="push button", contains="nháp"))
        cdtest.wait_closed(self.app, REQUEST)

        cdtest.select_tab(main, "Hồ sơ")
        press(main, "Làm tiếp")
        again = cdtest.wait_for(lambda: windows(self.app, REQUEST) and windows(self.app, REQUEST)[0],
                                what="the draft continued")
        cdtest.wait_for(lambda: count(again) == (chosen + 1, chosen + 1) or None,
                        what=f"Đã chọn {chosen + 1}/{chosen + 1} in the continued draft")
        cdtest.wait_for(lambda: row_button(again, person, "Bỏ"), what=f"“Bỏ” beside {person}")
        cdtest.press(cdtest.wait_for(lambda: cdtest.find(again, role="push button", name="Đóng")
                                     or cdtest.find(again, role="push button", name="Close"),
                                     what="the wizard's close button"))
        cdtest.wait_closed(self.app, REQUEST)
        self.assertEqual(self.app.quit(), 0)


if __name__ == "__main__":
    unittest.main(verbosity=2)
