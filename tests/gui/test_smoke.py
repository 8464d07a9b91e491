#!/usr/bin/python3
"""GUI smoke test: the real certdesk under Xvfb shows its Vietnamese window
and empty state, creates its register private, and quits cleanly."""
import os
import stat
import sys
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "common"))
import cdtest  # noqa: E402


class Smoke(unittest.TestCase):
    def test_window_empty_state_and_register(self):
        app = cdtest.App()
        try:
            win = app.window()
            self.assertEqual(win.name, "Quản lý chứng thư số")
            text = cdtest.wait_for(
                lambda: (lambda t: t if "nhập danh sách cán bộ" in t else None)(cdtest.all_text(win)),
                what="the empty state text")
            self.assertIn("thông tin đơn vị", text)
            self.assertIn("USB token", text)
            # A screen reader asking for a window past the last one gets an
            # answer, not a crash (GTK 4.8 answers with its last toplevel:
            # it must have an accessible path).
            app.app.getChildAtIndex(app.app.childCount)
            self.assertIsNone(app.proc.poll(), "certdesk still running")
            shot = cdtest.screenshot("smoke-empty-state")
            self.assertTrue(os.path.getsize(shot) > 1000, "screenshot written")

            folder = os.path.join(app.home, "data", "certdesk")
            db = os.path.join(folder, "certdesk.db")
            self.assertTrue(os.path.exists(db))
            self.assertEqual(stat.S_IMODE(os.stat(folder).st_mode), 0o700)
            self.assertEqual(stat.S_IMODE(os.stat(db).st_mode), 0o600)

            self.assertEqual(app.quit(), 0)
        finally:
            app.close()


if __name__ == "__main__":
    unittest.main(verbosity=2)
