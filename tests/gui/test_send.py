#!/usr/bin/python3
"""Gửi… in Hồ sơ (issue 17): a list made with a letter, a deadline past
and a scan attached shows as overdue; Gửi… runs xdg-email — here a stub
first in PATH that records its arguments — with the recipient, the
Vietnamese subject naming the letter and both files attached; Đánh dấu
đã gửi then records the day and the channel."""
import datetime
import json
import os
import shutil
import sqlite3
import sys
import tempfile
import time
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "common"))
import cdtest  # noqa: E402
import pyatspi  # noqa: E402

LETTER = "5277/KH-SGDĐT ngày 06/08/2025"
RECIPIENT = "Phòng KHTC Sở GD&ĐT <khtc@haiphong.edu.vn>"
UNIT = "TRƯỜNG THCS LÊ LỢI"

# The stub mail handler: writes its argv as JSON, through a rename so the
# test never reads half a file.
STUB = """#!/usr/bin/python3
import json, os, sys
log = os.environ["CD_FAKE_MAIL_LOG"]
with open(log + ".tmp", "w", encoding="utf-8") as f:
    json.dump(sys.argv[1:], f, ensure_ascii=False)
os.rename(log + ".tmp", log)
"""


def plain(name):
    """GTK 4.8 names a mnemonic button “_Lưu Lưu”: compare what is shown."""
    n = (name or "").replace("_", "")
    half = len(n) // 2
    if len(n) % 2 == 1 and n[half] == " " and n[:half] == n[half + 1:]:
        return n[:half]
    return n


def find_button(root, name):
    for node in cdtest.walk(root):
        try:
            if (node.getRoleName() == "push button" and plain(node.name) == name
                    and node.getState().contains(pyatspi.STATE_SENSITIVE)
                    and cdtest.allocated(node)):
                return node
        except Exception:
            continue
    return None


def press(root, name):
    node = cdtest.wait_for(lambda: find_button(root, name), what=f"the button “{name}”")
    cdtest.press(node)


class Send(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="certdesk-send-")
        self.data = os.path.join(self.tmp, "data")
        self.db = os.path.join(self.tmp, "certdesk.db")
        self.docx = os.path.join(self.tmp, "de_nghi_cap_moi.docx")
        env = {"XDG_DATA_HOME": self.data, "CERTDESK_UI_LANGUAGE": "vi"}
        csv = os.path.join(self.tmp, "staff.csv")
        with open(csv, "w", encoding="utf-8") as f:
            f.write("STT;Họ và tên;Ngày sinh;Giới tính;Số CCCD;Điện thoại;Email\n")
            f.write("1;Nguyễn Thị Hương;12/03/1985;Nữ;031185001234;0912345678;huongnt@haiphong.edu.vn\n")
            f.write("2;Trần Văn Nam;05/01/1980;Nam;031080004321;0987654321;namtv@haiphong.edu.vn\n")
        scan = os.path.join(self.tmp, "ban_quet.pdf")
        with open(scan, "wb") as f:
            f.write(b"%PDF-1.4\n%%EOF\n")
        for a in (["--set-unit=name=" + UNIT], ["--import-staff=" + csv],
                  ["--generate=cap-moi", "--staff=1,2", "--output=" + self.docx,
                   "--letter=" + LETTER, "--deadline=12/09/2025", "--recipient=" + RECIPIENT,
                   "--channel=email"],
                  ["--attach-scan=" + scan, "--batch=1"]):
            p = cdtest.run("--database=" + self.db, *a, env=env)
            self.assertEqual(p.returncode, 0, p.stderr)
        self.scan_copy = p.stdout.split("\t")[0]
        self.bin = os.path.join(self.tmp, "bin")
        os.makedirs(self.bin)
        stub = os.path.join(self.bin, "xdg-email")
        with open(stub, "w") as f:
            f.write(STUB)
        os.chmod(stub, 0o755)
        self.log = os.path.join(self.tmp, "xdg-email.json")
        self.env = dict(env, PATH=self.bin + os.pathsep + os.environ["PATH"],
                        CD_FAKE_MAIL_LOG=self.log)

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def test_send(self):
        app = cdtest.App("--database", self.db, env=self.env)
        try:
            main = app.window()
            cdtest.select_tab(main, "Hồ sơ")
            cdtest.wait_for(lambda: LETTER in cdtest.all_text(main), what="the letter in Hồ sơ")
            text = cdtest.all_text(main)
            self.assertIn("Quá hạn", text)
            self.assertIn("hạn 12/09/2025", text)
            self.assertIn("1 bản quét có chữ ký", text)

            press(main, "Gửi…")
            argv = cdtest.wait_for(
                lambda: os.path.exists(self.log) and json.load(open(self.log, encoding="utf-8")),
                what="xdg-email's arguments")
            self.assertEqual(argv[0], "--utf8")
            self.assertEqual(argv[argv.index("--subject") + 1],
                             UNIT + " gửi danh sách đề nghị cấp mới chứng thư số (theo văn bản số " + LETTER + ")")
            body = argv[argv.index("--body") + 1]
            self.assertIn("Kính gửi: Phòng KHTC Sở GD&ĐT.", body)
            self.assertIn("gồm 2 người", body)
            attached = [argv[i + 1] for i, a in enumerate(argv) if a == "--attach"]
            self.assertEqual(attached, [self.docx, self.scan_copy])
            self.assertEqual(argv[-1], "khtc@haiphong.edu.vn")
            cdtest.wait_for(lambda: "Chương trình thư điện tử đã mở" in cdtest.all_text(main),
                            what="the toast")

            # Đã gửi: today, by the planned channel
            today = time.strftime("%d/%m/%Y")
            press(main, "Đánh dấu đã gửi")
            question = "Danh sách đã được gửi cho nhà cung cấp vào ngày nào?"
            dialog = cdtest.wait_for(
                lambda: next((app.app.getChildAtIndex(i) for i in range(app.app.childCount)
                              if question in cdtest.all_text(app.app.getChildAtIndex(i))), None),
                what="the date-sent dialog")
            press(dialog, "Đã gửi")
            # said once, with the day and the channel: not "Đã gửi · đã gửi
            # dd/mm/yyyy (Thư điện tử)" and the planned channel under it
            cdtest.wait_for(lambda: "Đã gửi " + today + " qua thư điện tử" in cdtest.all_text(main),
                            what="the day and channel sent")
            self.assertNotIn("khtc@haiphong.edu.vn> · Thư điện tử", cdtest.all_text(main))
            self.assertNotIn("Quá hạn", cdtest.all_text(main))
            p = cdtest.run("--database=" + self.db, "--list-batches", "--json", env=self.env)
            [b] = json.loads(p.stdout)
            self.assertEqual(b["status"], "sent")
            self.assertEqual(b["sent_on"], time.strftime("%Y-%m-%d"))
            self.assertEqual(b["sent_channel"], "email")
            self.assertEqual(b["deadline_state"], "sent")
            cdtest.screenshot("send-documents")

            # Mở lại: the list is read on a worker, then the wizard opens
            # on its people
            press(main, "Mở lại")
            wizard = cdtest.wait_for(
                lambda: next((w for w in (app.app.getChildAtIndex(i) for i in range(app.app.childCount))
                              if w is not None and w.name == "Lập danh sách đề nghị"
                              and "Trần Văn Nam" in cdtest.all_text(w)
                              and "Nguyễn Thị Hương" in cdtest.all_text(w)), None),
                what="the list re-opened in the wizard")
            self.assertIsNotNone(wizard)
            self.assertEqual(app.quit(), 0)
        finally:
            app.close()

    def test_letter_dialog(self):
        """⋮ → Văn bản của Sở… edits the letter: a deadline far off turns
        the overdue list into one merely due."""
        app = cdtest.App("--database", self.db, env=self.env)
        try:
            main = app.window()
            cdtest.select_tab(main, "Hồ sơ")
            cdtest.wait_for(lambda: "Quá hạn" in cdtest.all_text(main), what="the overdue list")
            cdtest.click(cdtest.get(main, name="Văn bản, bản quét và thư mục"))
            item = cdtest.wait_for(
                lambda: next((n for n in cdtest.walk(app.app)
                              if plain(n.name) == "Văn bản của Sở…" and cdtest.allocated(n)), None),
                what="the menu item")
            cdtest.press(item)
            dlg = cdtest.toplevel(app, "Văn bản của Sở")
            entry = cdtest.get(dlg, role="text", name="Hạn gửi (dd/mm/yyyy)")
            cdtest.set_text(entry, "31/02/2030")
            cdtest.wait_for(lambda: "Hãy viết hạn gửi" in cdtest.all_text(dlg), what="the date refused")
            cdtest.set_text(entry, "12/09/2099")
            press(dlg, "Lưu")
            cdtest.wait_closed(app, "Văn bản của Sở")
            cdtest.wait_for(lambda: "Hạn 12/09/2099" in cdtest.all_text(main), what="the new deadline")
            self.assertNotIn("Quá hạn", cdtest.all_text(main))
            p = cdtest.run("--database=" + self.db, "--list-batches", "--json", env=self.env)
            [b] = json.loads(p.stdout)
            self.assertEqual(b["deadline"], "2099-09-12")
            self.assertEqual(b["deadline_state"], "due")
            self.assertEqual(b["letter"], LETTER)
            self.assertEqual(b["channel"], "email")
            self.assertEqual(app.quit(), 0)
        finally:
            app.close()

    def test_holiday_moves_deadline(self):
        """A holiday added in Ngày nghỉ lễ… on the deadline's day moves it
        to the next working day: the overdue list in Hồ sơ is no longer
        overdue, without a restart (the view follows the holidays)."""
        # the last working day before today: overdue until it is a holiday
        with sqlite3.connect(self.db) as c:
            off = {d for (d,) in c.execute("SELECT date FROM holidays")}
            if not off:
                with open(os.path.join(os.environ["CERTDESK_DATADIR"], "holidays.tsv"), encoding="utf-8") as f:
                    off = {line.split("\t")[0] for line in f if line[:1].isdigit()}
            day = datetime.date.today() - datetime.timedelta(days=1)
            while day.weekday() >= 5 or day.isoformat() in off:
                day -= datetime.timedelta(days=1)
            c.execute("UPDATE request_batches SET deadline = ?", (day.isoformat(),))
        app = cdtest.App("--database", self.db, env=self.env)
        try:
            main = app.window()
            cdtest.select_tab(main, "Hồ sơ")
            cdtest.wait_for(lambda: "Quá hạn" in cdtest.all_text(main), what="the overdue list")
            cdtest.select_tab(main, "Thiết bị")
            press(main, "Ngày nghỉ lễ…")
            hol = cdtest.toplevel(app, "Ngày nghỉ lễ")
            cdtest.set_text(cdtest.get(hol, role="text", name="Ngày nghỉ lễ (dd/mm/yyyy)"),
                            day.strftime("%d/%m/%Y"))
            cdtest.set_text(cdtest.get(hol, role="text", name="Tên ngày lễ"), "Ngày nghỉ của trường")
            press(hol, "Thêm")
            holidays = cdtest.get(hol, role="list", name="Ngày nghỉ lễ")
            cdtest.wait_for(lambda: cdtest.find(holidays, contains="Ngày nghỉ của trường"),
                            what="the added holiday")
            cdtest.select_tab(main, "Hồ sơ")
            cdtest.wait_for(lambda: "Quá hạn" not in cdtest.all_text(main) or None,
                            what="the list no longer overdue")
            self.assertIn(LETTER, cdtest.all_text(main))
            self.assertEqual(app.quit(), 0)
        finally:
            app.close()


if __name__ == "__main__":
    unittest.main()
