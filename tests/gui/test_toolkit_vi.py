#!/usr/bin/python3
"""The toolkit's own windows speak Vietnamese too: the About window
(libadwaita's AdwAboutWindow, whose strings Debian 12's catalogue leaves
in English) and the keyboard shortcuts window (GTK's)."""
import os
import sys
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "common"))
import cdtest  # noqa: E402

ENGLISH = ("Details", "Credits", "Legal", "Code by", "Translated by",
           "Acknowledgements", "Troubleshooting", "absolutely no warranty",
           "Shortcuts", "Search Shortcuts")


def menu_item(app, win, label):
    cdtest.click(cdtest.get(win, name="Trình đơn chính"))
    item = cdtest.wait_for(
        lambda: next((n for n in cdtest.walk(app.app)
                      if (n.name or "").replace("_", "") == label), None),
        what=f"the menu item “{label}”")
    cdtest.press(item)


def names(root):
    out = []
    for n in cdtest.walk(root):
        try:
            if n.name:
                out.append(n.name)
        except Exception:
            continue
    return out


class ToolkitVietnamese(unittest.TestCase):
    def setUp(self):
        self.app = cdtest.App("--demo", env={"CERTDESK_UI_LANGUAGE": "vi"})

    def tearDown(self):
        self.app.close()

    def assertNoEnglish(self, texts):
        for text in texts:
            for word in ENGLISH:
                self.assertNotIn(word, text, f"English toolkit text “{text}”")

    def test_about_window(self):
        win = self.app.window()
        menu_item(self.app, win, "Giới thiệu")
        about = cdtest.toplevel(self.app, "Giới thiệu")
        rows = cdtest.wait_for(
            lambda: (lambda t: t if "Pháp lý" in t and "Người đóng góp" in t else None)(names(about)),
            what="the About window's Vietnamese rows")
        self.assertNoEnglish(rows)
        cdtest.screenshot("toolkit-vi-about")

        # The Legal page: the licence's name and the warranty sentence.
        legal = cdtest.wait_for(lambda: cdtest.find(about, name="Pháp lý", role="list item")
                                or cdtest.find(about, name="Pháp lý"), what="the Pháp lý row")
        cdtest.press(legal)
        text = cdtest.wait_for(
            lambda: (lambda t: t if "không có bất kỳ bảo đảm" in t else None)(cdtest.all_text(about)),
            what="the warranty sentence in Vietnamese")
        self.assertIn("Giấy phép Công cộng GNU, phiên bản 3", text)
        self.assertNoEnglish(names(about))
        cdtest.screenshot("toolkit-vi-about-legal")
        self.assertEqual(self.app.quit(), 0)

    def test_about_credits(self):
        """The Credits page names the developers in Vietnamese too (it
        said "CertDesk developers" under "Lập trình")."""
        win = self.app.window()
        menu_item(self.app, win, "Giới thiệu")
        about = cdtest.toplevel(self.app, "Giới thiệu")
        credits = cdtest.wait_for(lambda: cdtest.find(about, name="Người đóng góp", role="list item")
                                  or cdtest.find(about, name="Người đóng góp"),
                                  what="the Người đóng góp row")
        cdtest.press(credits)
        text = cdtest.wait_for(
            lambda: (lambda t: t if "Lập trình" in t else None)(cdtest.all_text(about)),
            what="the Credits page")
        self.assertNotIn("developers", text)
        self.assertIn("Nhóm phát triển CertDesk", text)
        self.assertNoEnglish(names(about))
        self.assertEqual(self.app.quit(), 0)

    def test_shortcuts_window(self):
        win = self.app.window()
        menu_item(self.app, win, "Phím tắt")
        shortcuts = cdtest.toplevel(self.app, "Phím tắt")
        cdtest.wait_for(lambda: cdtest.find(shortcuts, contains="Thoát") or None,
                        what="the shortcuts' own labels")
        self.assertNoEnglish(names(shortcuts))
        cdtest.screenshot("toolkit-vi-shortcuts")
        self.assertEqual(self.app.quit(), 0)


if __name__ == "__main__":
    unittest.main(verbosity=2)
