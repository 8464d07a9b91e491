#!/usr/bin/python3
"""Issue 19: the window shows the first screenful of a large register
while the rest is still being read, and a search typed meanwhile finds a
person read last. The load is held after its first page until the test
lets it go (CERTDESK_TEST_HOLD_STAFF_LOAD), so "while loading" is a state
of the application, not a race."""
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "common"))
import cdtest  # noqa: E402

REGISTER = os.environ["WIZARD_REGISTER"]
N = 20000
LOADING = "đang tải…"
# Counts are grouped by threes, the Vietnamese way: "20.000 cán bộ".
COUNT = r"(\d{1,3}(?:\.\d{3})*)"
SUMMARY = re.compile(COUNT + " cán bộ · " + COUNT + " sắp hết hạn · " + COUNT + " đã hết hạn(?: · đang hiển thị "
                     + COUNT + ")?")


def count(text):
    return int(text.replace(".", ""))


def summary_text(win):
    for node in cdtest.walk(win):
        try:
            n = node.name or ""
        except Exception:
            continue
        if SUMMARY.match(n):
            return n
    return None


def rows(win, limit=20):
    table = cdtest.get(win, name="Danh sách cán bộ")
    lst = None
    for i in range(table.childCount):
        c = table.getChildAtIndex(i)
        if c.getRoleName() == "list":
            lst = c
    out = []
    for i in range(min(lst.childCount, limit)):
        try:
            row = lst.getChildAtIndex(i)
            out.append([row.getChildAtIndex(j).getChildAtIndex(0).name
                        if row.getChildAtIndex(j).childCount else ""
                        for j in range(row.childCount)])
        except Exception:
            continue
    return out


class Loading(unittest.TestCase):
    def test_first_screenful_then_search_finds_the_last(self):
        tmp = tempfile.mkdtemp(prefix="certdesk-gui-loading-")
        db = os.path.join(tmp, "certdesk.db")
        hold = os.path.join(tmp, "go")
        subprocess.run([REGISTER, db, str(N), "60"], check=True, stdout=subprocess.DEVNULL, timeout=300)
        with sqlite3.connect(db) as con:
            active = con.execute("SELECT count(*) FROM staff WHERE left = 0").fetchone()[0]
            last_name, last_cccd = con.execute(
                "SELECT full_name, cccd FROM staff WHERE cccd IS NOT NULL"
                " ORDER BY sort_key DESC, id DESC LIMIT 1").fetchone()
        app = cdtest.App("--database", db, env={"CERTDESK_NO_TOKENS": "1",
                                                "CERTDESK_TEST_HOLD_STAFF_LOAD": hold})
        try:
            win = app.window()
            # The first page is shown; the footer says the rest is coming.
            text = cdtest.wait_for(lambda: (lambda t: t if t and LOADING in t else None)(summary_text(win)),
                                   what="the summary saying the list is loading")
            self.assertLess(count(SUMMARY.match(text).group(1)), active)
            first = cdtest.wait_for(lambda: (lambda r: r if len(r) >= 10 else None)(rows(win)),
                                    what="the first screenful of rows")
            self.assertTrue(all(r[0] for r in first), first)
            self.assertIn(LOADING, summary_text(win), "still loading when the rows are shown")
            cdtest.screenshot("window-loading")

            # Searched for before that person is read: nobody yet.
            entry = cdtest.get(win, name="Tìm cán bộ")
            cdtest.set_text(entry, last_cccd)
            cdtest.wait_for(lambda: (lambda t: t if t and "đang hiển thị 0" in t and LOADING in t else None)(summary_text(win)),
                            what="the search applied while loading")

            # The rest comes in: the search finds the person read last.
            with open(hold, "w"):
                pass
            done = cdtest.wait_for(lambda: (lambda t: t if t and SUMMARY.fullmatch(t) else None)(summary_text(win)),
                                   timeout=60, what="the whole register loaded")
            m = SUMMARY.fullmatch(done)
            self.assertEqual(count(m.group(1)), active)
            self.assertIn(".", m.group(1), "a count of thousands is grouped: %s" % done)
            self.assertEqual(m.group(4), "1")
            found = cdtest.wait_for(lambda: (lambda r: r if len(r) == 1 else None)(rows(win)),
                                    what="one row found")
            self.assertEqual(found[0][0], last_name)
            self.assertEqual(app.quit(), 0)
        finally:
            app.close()
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    unittest.main(verbosity=2)
