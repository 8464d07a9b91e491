#!/usr/bin/python3
"""Issue 17 in the window: Báo cáo mức độ bao phủ (the chart, whose
accessible name carries the figures, and Xuất… to PDF) and Bàn giao cả
hộp… (the tokens received in stock matched to their holders, the one
without a certificate set aside with its reason, one confirmation
handing the rest and writing one PDF)."""
import os
import re
import shutil
import sqlite3
import stat
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "common"))
import cdtest  # noqa: E402

UNIT = "TRƯỜNG THCS LÊ LỢI"


def plain(name):
    """GTK 4.8 names a mnemonic item “_Lưu Lưu”: compare what is shown."""
    n = (name or "").replace("_", "")
    half = len(n) // 2
    if len(n) % 2 == 1 and n[half] == " " and n[:half] == n[half + 1:]:
        return n[:half]
    return n


def cli(db, *args):
    p = cdtest.run("--database=" + db, *args)
    assert p.returncode == 0, (args, p.stderr)
    return p


def make_register(tmp):
    """Three teachers and the head; two tokens received in stock with the
    chuyên dùng certificates of Hương and Nam on them, one with none."""
    db = os.path.join(tmp, "certdesk.db")
    csv = os.path.join(tmp, "staff.csv")
    with open(csv, "w", encoding="utf-8") as f:
        f.write("STT;Họ và tên;Ngày sinh;Chức vụ;Số CCCD;Email\n")
        f.write("1;Nguyễn Thị Hương;12/03/1985;Giáo viên;031185001234;huongnt@haiphong.edu.vn\n")
        f.write("2;Trần Văn Nam;05/01/1980;Hiệu trưởng;031080004321;namtv@haiphong.edu.vn\n")
        f.write("3;Lê Thị Mai;20/11/1990;Nhân viên văn thư;031190007777;mailt@haiphong.edu.vn\n")
    cli(db, "--set-unit=name=" + UNIT, "--set-unit=signer=Trần Văn Nam", "--set-unit=signer_title=HIỆU TRƯỞNG")
    cli(db, "--import-staff=" + csv)
    for serial in ("HOP-0001", "HOP-0002", "HOP-0003"):
        cli(db, "--add-device=" + serial)
    for serial, cccd, dev in (("54A1000000000101", "031185001234", "HOP-0001"),
                              ("54A1000000000102", "031080004321", "HOP-0002")):
        cli(db, "--add-certificate=" + serial, "--not-before=01/01/2026", "--not-after=01/01/2029",
            "--provider=Ban Cơ yếu Chính phủ", "--holder-cccd=" + cccd, "--device=" + dev)
    return db


class ReportAndBox(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="certdesk-report-box-")
        self.out = os.path.join(self.tmp, "Tài liệu")
        os.makedirs(self.out)
        self.db = make_register(self.tmp)
        self.app = cdtest.App("--database", self.db,
                              env={"CERTDESK_OUTPUT_DIR": self.out, "CERTDESK_NO_TOKENS": "1"})

    def tearDown(self):
        self.app.close()
        shutil.rmtree(self.tmp, ignore_errors=True)

    def menu(self, win, item):
        cdtest.click(cdtest.get(win, name="Trình đơn chính"))
        node = cdtest.wait_for(
            lambda: next((n for n in cdtest.walk(self.app.app)
                          if plain(n.name).startswith(item) and cdtest.allocated(n)), None),
            what=f"the menu item “{item}”")
        cdtest.press(node)

    def test_coverage_chart(self):
        win = self.app.window()
        self.menu(win, "Báo cáo mức độ bao phủ")
        dlg = cdtest.toplevel(self.app, "Báo cáo mức độ bao phủ")
        # The chart speaks its figures: 2 of the 3 hold a valid chuyên dùng one.
        chart = cdtest.wait_for(
            lambda: next((n for n in cdtest.walk(dlg) if n.getRoleName() == "image"
                          and "2/3" in (n.name or "")), None),
            what="the chart's figures")
        self.assertIn("Có chứng thư số chuyên dùng còn hiệu lực: 2/3 người", chart.name)
        self.assertIn("Chưa có chứng thư: 1", chart.name)
        self.assertIn("Cán bộ quản lý: 1/1", chart.name)
        self.assertTrue(cdtest.allocated(chart), "the chart is drawn")
        cdtest.screenshot("coverage-chart")

        cdtest.press(cdtest.get(dlg, role="push button", name="Xuất…"))
        chooser = cdtest.toplevel(self.app, "Xuất báo cáo mức độ bao phủ")
        save = cdtest.wait_for(lambda: next((n for n in cdtest.walk(chooser)
                                             if n.getRoleName() == "push button"
                                             and plain(n.name) == "Lưu"), None),
                               what="the chooser's Save button")
        cdtest.press(save)
        pdf = cdtest.wait_for(
            lambda: [f for f in os.listdir(self.out) if f.endswith(".pdf") and not f.startswith(".")] or None,
            timeout=60, what="the saved report")
        path = os.path.join(self.out, pdf[0])
        cdtest.wait_for(lambda: cdtest.find(dlg, contains="Đã lưu " + pdf[0]), what="the toast")
        self.assertEqual(stat.S_IMODE(os.stat(path).st_mode), 0o600)
        if shutil.which("pdftotext"):
            text = subprocess.run(["pdftotext", path, "-"], capture_output=True, text=True,
                                  check=True).stdout
            self.assertIn("BÁO CÁO TỶ LỆ CẤP CHỨNG THƯ SỐ", text)

    def test_box_handover(self):
        win = self.app.window()
        self.menu(win, "Bàn giao cả hộp")
        dlg = cdtest.toplevel(self.app, "Bàn giao cả hộp thiết bị")
        cdtest.wait_for(lambda: cdtest.find(dlg, contains="Đã khớp 2 thiết bị"), what="the plan")
        text = cdtest.all_text(dlg)
        for word in ("Nguyễn Thị Hương", "Trần Văn Nam", "HOP-0001", "HOP-0002", "54A1000000000101",
                     "HOP-0003", "Sổ chưa có chứng thư số nào của thiết bị này"):
            self.assertIn(word, text)
        cdtest.screenshot("box-handover-plan")
        cdtest.press(cdtest.get(dlg, role="push button", name="Bàn giao tất cả"))
        cdtest.wait_for(lambda: cdtest.find(dlg, contains="Đã bàn giao 2 thiết bị"), timeout=60,
                        what="the box handed out")
        pdfs = [f for f in os.listdir(self.out) if f.startswith("Ban_giao_hop_thiet_bi_")]
        self.assertEqual(len(pdfs), 1, pdfs)
        path = os.path.join(self.out, pdfs[0])
        self.assertEqual(stat.S_IMODE(os.stat(path).st_mode), 0o600)
        with sqlite3.connect(self.db) as c:
            rows = c.execute("SELECT d.token_serial, s.full_name FROM handover_events e"
                             " JOIN devices d ON d.id = e.device_id JOIN staff s ON s.id = e.staff_id"
                             " WHERE e.kind = 'hand_to_holder' ORDER BY d.token_serial").fetchall()
        self.assertEqual(rows, [("HOP-0001", "Nguyễn Thị Hương"), ("HOP-0002", "Trần Văn Nam")])
        if shutil.which("pdftotext"):
            pages = subprocess.run(["pdftotext", path, "-"], capture_output=True, text=True,
                                   check=True).stdout.split("\f")
            self.assertEqual(sum("BIÊN BẢN" in p for p in pages), 4)
            self.assertEqual(sum("THÔNG BÁO" in p for p in pages), 1)
        close = cdtest.wait_for(lambda: next((n for n in cdtest.walk(dlg)
                                              if n.getRoleName() == "push button"
                                              and plain(n.name) == "Đóng"), None),
                                what="the Close button")
        cdtest.press(close)
        cdtest.wait_closed(self.app, "Bàn giao cả hộp thiết bị")


if __name__ == "__main__":
    unittest.main(verbosity=2)
