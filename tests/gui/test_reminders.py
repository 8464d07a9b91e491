#!/usr/bin/python3
"""Reminders outside the window (issue 17) on the sample register: once
the staff list is read, a desktop notification sums up the certificates
to renew (received by a stand-in notification server on the session
bus), and Xuất lịch nhắc việc (.ics)… in the primary menu saves the
calendar where the clerk chooses."""
import json
import os
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "common"))
import cdtest  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))


class Reminders(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="certdesk-reminders-")
        self.calls = os.path.join(self.tmp, "notifications.jsonl")
        self.server = subprocess.Popen(["/usr/bin/python3", os.path.join(HERE, "fake_notifications.py"),
                                        self.calls])
        cdtest.wait_for(lambda: os.path.exists(self.calls + ".ready"), what="the notification server")
        self.files = os.path.join(self.tmp, "out")
        os.mkdir(self.files)
        self.app = cdtest.App("--demo", env={"CERTDESK_OUTPUT_DIR": self.files})

    def tearDown(self):
        self.app.close()
        self.server.terminate()
        self.server.wait()

    def sent(self):
        if not os.path.exists(self.calls):
            return None
        with open(self.calls, encoding="utf-8") as f:
            calls = [json.loads(line) for line in f if line.strip()]
        return [c for c in calls if c["method"] == "AddNotification"] or None

    def test_notification_and_calendar(self):
        win = self.app.window()
        calls = cdtest.wait_for(self.sent, what="the reminder notification")
        app_id, nid, notification = calls[0]["args"]
        self.assertEqual(nid, "reminders")
        self.assertEqual(notification["title"], "Chứng thư số và thiết bị cần xử lý")
        self.assertIn("chứng thư số sắp hết hạn", notification["body"])
        self.assertIn("Gấp nhất:", notification["body"])
        self.assertEqual(notification["default-action"], "app.activate")

        cdtest.click(cdtest.get(win, name="Trình đơn chính"))
        item = cdtest.wait_for(
            lambda: next((n for n in cdtest.walk(self.app.app)
                          if (n.name or "").replace("_", "").startswith("Xuất lịch nhắc việc")), None),
            what="the menu item")
        cdtest.press(item)
        chooser = cdtest.toplevel(self.app, "Xuất lịch nhắc việc")
        save = cdtest.wait_for(lambda: next((n for n in cdtest.walk(chooser)
                                             if n.getRoleName() == "push button"
                                             and (n.name or "").endswith("Lưu")), None),
                               what="the chooser's Save button")
        cdtest.press(save)
        path = os.path.join(self.files, "nhac-viec-certdesk.ics")
        cdtest.wait_for(lambda: os.path.exists(path), what="the calendar file")
        # The toast that follows (“Đã lưu N sự kiện nhắc việc vào …”) is
        # not found over AT-SPI after the chooser closes (GTK 4.8); the
        # file is what counts.
        with open(path, "rb") as f:
            raw = f.read()
        self.assertTrue(raw.startswith(b"BEGIN:VCALENDAR\r\n"))
        self.assertEqual(os.stat(path).st_mode & 0o777, 0o600)
        self.assertEqual(self.app.quit(), 0)


if __name__ == "__main__":
    unittest.main(verbosity=2)
