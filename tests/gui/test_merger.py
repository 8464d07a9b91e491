#!/usr/bin/python3
"""Sáp nhập / đổi tên đơn vị from the primary menu (seed 004): a register
with a teacher (a chuyên dùng pair and a VNPT certificate) and two seals
of the unit. The dialog asks for the new name and the seal that
survives, shows the proposed paperwork, and applying it renames the unit,
keeps the history and leaves a toast."""
import os
import sqlite3
import sys
import tempfile
import time
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "common"))
import cdtest  # noqa: E402

OLD = "Trường THCS Lê Lợi"
NEW = "Trường THCS Lê Lợi - Ngô Quyền"


def make_register(tmp):
    db = os.path.join(tmp, "certdesk.db")
    certs = os.environ["CD_TEST_CERTS"]
    csv = os.path.join(tmp, "staff.csv")
    with open(csv, "w", encoding="utf-8") as f:
        f.write("STT;Họ và tên;Ngày sinh;Giới tính;Số CCCD;Điện thoại;Email\n")
        f.write("1;Hoàng Văn Thái;04/03/1985;Nam;;;thaihv@haiphong.edu.vn\n")
    args = [["--set-unit=name=" + OLD], ["--import-staff=" + csv]]
    args += [["--import-certificate=" + os.path.join(certs, n)]
             for n in ("teacher-gov-sign.der", "teacher-gov-enc.der", "teacher-vnpt.der")]
    for a in args:
        p = cdtest.run("--database=" + db, *a)
        assert p.returncode == 0, p.stderr
    now = int(time.time())
    con = sqlite3.connect(db)
    with con:
        for serial, name in (("5A0000000001", OLD), ("5A0000000002", "Trường THCS Ngô Quyền")):
            con.execute("INSERT INTO certificates (serial, subject_cn, subject_o, issuer_cn, provider,"
                        " not_before, not_after, fingerprint, track, held_by_unit)"
                        " VALUES (?, ?, ?, 'CA phục vụ các cơ quan Nhà nước G2', 'Ban Cơ yếu Chính phủ',"
                        " ?, ?, ?, 'government', 1)",
                        (serial, name, name, now - 86400, now + 400 * 86400, serial.rjust(64, "0")))
    con.close()
    return db


class MergerDialog(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="certdesk-merger-")
        self.db = make_register(self.tmp)
        self.app = cdtest.App("--database", self.db)

    def tearDown(self):
        self.app.close()

    def test_merge(self):
        win = self.app.window()
        # the primary menu: a real click opens its popover
        cdtest.click(cdtest.get(win, name="Trình đơn chính"))
        item = cdtest.wait_for(
            lambda: next((n for n in cdtest.walk(self.app.app)
                          if (n.name or "").replace("_", "").startswith("Sáp nhập / đổi tên đơn vị")), None),
            what="the menu item")
        cdtest.press(item)
        dlg = cdtest.toplevel(self.app, "Sáp nhập / đổi tên đơn vị")
        cdtest.set_text(cdtest.get(dlg, role="text", name="Tên mới của đơn vị"), NEW)
        # two seals: the one that survives is asked for
        self.assertIn("Chứng thư số của tổ chức được giữ lại", cdtest.all_text(dlg))
        cdtest.press(cdtest.get(dlg, role="push button", contains="Xem đề xuất"))
        text = cdtest.wait_for(
            lambda: (lambda t: t if "Thay đổi nội dung chứng thư số" in t else None)(cdtest.all_text(dlg)),
            what="the proposed paperwork")
        self.assertIn("Hoàng Văn Thái", text)
        self.assertIn("54A1000000000001", text)
        self.assertIn("5404A1B2C3D4E5F60718", text)  # left out, and said so
        self.assertIn("Chứng thư công cộng không đưa vào", text)
        self.assertIn("Loại: sáp nhập", text)
        cdtest.press(cdtest.get(dlg, role="push button", name="Áp dụng"))
        cdtest.wait_closed(self.app, "Sáp nhập / đổi tên đơn vị")
        cdtest.wait_for(lambda: cdtest.find(win, contains="Đơn vị nay là “" + NEW + "”"),
                        what="the toast")
        con = sqlite3.connect(self.db)
        try:
            self.assertEqual(con.execute("SELECT name FROM unit").fetchone()[0], NEW)
            self.assertIn(OLD, con.execute("SELECT former_names FROM unit").fetchone()[0])
            self.assertEqual(con.execute("SELECT kind, old_name, new_name FROM unit_history").fetchall(),
                             [("merge", OLD, NEW)])
            kinds = sorted(k for (k,) in con.execute("SELECT kind FROM request_batches"))
            self.assertEqual(kinds, ["thay-doi", "thu-hoi"])
        finally:
            con.close()
        cdtest.screenshot("merger-done")
        self.assertEqual(self.app.quit(), 0)


if __name__ == "__main__":
    unittest.main(verbosity=2)
