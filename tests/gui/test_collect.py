#!/usr/bin/python3
"""Tổng hợp danh sách from the primary menu (issue 18, the window): two
schools' lists filled by hand with python-docx in the Sở's form, one
person listed by both and an 11-digit CCCD. The folder is added through
the file chooser; the preview shows both units with their people and
the two problems with their rows; closing asks first (the result is not
saved); Save writes the collected list (0600) that python-docx reads
back, the report and the Cục's sheet beside it, and a toast offers Mở / Mở thư mục; closing
then asks nothing. A request list and a revocation list together make two
lists: both shown, both saved, the people to be revoked never on the
request list."""
import copy
import os
import shutil
import stat
import sys
import tempfile
import time
import unittest

import docx

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "common"))
import cdtest  # noqa: E402
import pyatspi  # noqa: E402

press = cdtest.press

HEADS = ["STT", "Họ và tên", "Ngày sinh", "Chức vụ", "Đơn vị",
         "Số căn cước công dân", "Ngày cấp CCCD", "Điện thoại"]
A = [("Nguyễn Thị Hoa", "01/02/1985", "031185000101"),
     ("Trần Văn Minh", "02/03/1985", "031085000102"),
     ("Lê Thị Lan", "03/04/1985", "031185000103")]
B = [("Lê Thị Lan", "03/04/1985", "031185000103"),     # A's third, again
     ("Phạm Quốc Hùng", "04/05/1985", "03108500011"),   # 11 digits
     ("Vũ Thị Mai", "05/06/1985", "031185000105")]
UNIT_A = "TRƯỜNG THCS LÊ LỢI"
UNIT_B = "TRƯỜNG TIỂU HỌC AN LÃO"


def blank_form(path):
    """The Hải Phòng request form as a school receives it (seed 002), as
    tests/collect/test_collect_cli.py makes it."""
    d = docx.Document()
    frame = d.add_table(rows=1, cols=2)
    left, right = frame.rows[0].cells
    left.paragraphs[0].add_run("TÊN ĐƠN VỊ QUẢN LÝ")
    left.add_paragraph().add_run("TÊN ĐƠN VỊ").bold = True
    right.paragraphs[0].add_run("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM").bold = True
    right.add_paragraph().add_run("Độc lập - Tự do - Hạnh phúc").bold = True
    d.add_paragraph().add_run("BIỂU MẪU ĐỀ NGHỊ CẤP CHỨNG THƯ SỐ").bold = True
    table = d.add_table(rows=2, cols=len(HEADS))
    table.style = "Table Grid"
    for c, h in enumerate(HEADS):
        table.rows[0].cells[c].paragraphs[0].add_run(h).bold = True
    table.rows[1].cells[0].paragraphs[0].add_run("1")
    d.add_paragraph().add_run("HIỆU TRƯỞNG").bold = True
    d.save(path)


def fill_by_hand(form, path, unit, people):
    """The unit typed over the frame, the first row filled, the others
    copied from it, as a clerk does in Word."""
    d = docx.Document(form)
    left = d.tables[0].rows[0].cells[0]
    left.paragraphs[0].runs[0].text = "UBND XÃ AN LÃO"
    left.paragraphs[1].runs[0].text = unit
    table = d.tables[1]
    while len(table.rows) - 1 < len(people):
        table._tbl.append(copy.deepcopy(table.rows[-1]._tr))
    for i, (name, born, cccd) in enumerate(people):
        values = [str(i + 1), name, born, "Giáo viên", "Tổ 1", cccd, "15/04/2021", "09%08d" % (12340000 + i)]
        for c, v in enumerate(values):
            para = table.rows[i + 1].cells[c].paragraphs[0]
            if para.runs:
                para.runs[0].text = v
                for r in para.runs[1:]:
                    r.text = ""
            else:
                para.add_run(v)
    d.save(path)


def openpyxl_text(path):
    import openpyxl
    wb = openpyxl.load_workbook(path, read_only=True)
    return "\n".join(str(v) for ws in wb.worksheets for row in ws.iter_rows(values_only=True)
                     for v in row if v is not None)


def plain(name):
    """GTK 4.8 names a mnemonic button “_Lưu Lưu”: compare what is shown."""
    n = (name or "").replace("_", "")
    half = len(n) // 2
    if len(n) % 2 == 1 and n[half] == " " and n[:half] == n[half + 1:]:
        return n[:half]
    return n


def chooser_button(app, title, label):
    chooser = cdtest.toplevel(app, title)
    return cdtest.wait_for(lambda: next((n for n in cdtest.walk(chooser)
                                         if n.getRoleName() == "push button" and plain(n.name) == label),
                                        None),
                           what=f"the chooser's {label} button")


def ask_dialog(app):
    return cdtest.wait_for(lambda: next((w for w in (app.app.getChildAtIndex(i) for i in range(app.app.childCount))
                                         if w is not None and cdtest.find(w, contains="Lưu thay đổi?")), None),
                           what="the “Lưu thay đổi?” question")


def close_button(window):
    return cdtest.wait_for(lambda: cdtest.find(window, role="push button", name="Đóng")
                           or cdtest.find(window, role="push button", name="Close"),
                           what="the window's close button")


class CollectWindow(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="certdesk-collect-gui-")
        self.lists = os.path.join(self.tmp, "Danh sách")
        os.makedirs(self.lists)
        form = os.path.join(self.tmp, "bieu-mau.docx")
        blank_form(form)
        fill_by_hand(form, os.path.join(self.lists, "01-thcs-le-loi.docx"), UNIT_A, A)
        fill_by_hand(form, os.path.join(self.lists, "02-th-an-lao.docx"), UNIT_B, B)
        self.db = os.path.join(self.tmp, "certdesk.db")
        p = cdtest.run("--database=" + self.db, "--set-unit=name=UBND XÃ AN LÃO")
        assert p.returncode == 0, p.stderr
        self.app = cdtest.App("--database", self.db, env={"CERTDESK_OUTPUT_DIR": self.lists})

    def tearDown(self):
        self.app.close()
        shutil.rmtree(self.tmp, ignore_errors=True)

    def test_collect(self):
        win = self.app.window()
        cdtest.click(cdtest.get(win, name="Trình đơn chính"))
        item = cdtest.wait_for(
            lambda: next((n for n in cdtest.walk(self.app.app)
                          if plain(n.name).startswith("Tổng hợp danh sách") and cdtest.allocated(n)), None),
            what="the menu item")
        press(item)
        dlg = cdtest.toplevel(self.app, "Tổng hợp danh sách")

        # The folder the chooser opens in holds the two lists: Thêm adds it.
        press(cdtest.get(dlg, role="push button", contains="Thêm thư mục"))
        press(chooser_button(self.app, "Thêm thư mục danh sách", "Thêm"))
        # The whole preview, totals line included: AT-SPI may show the
        # rows before the totals label (failed once so, on a busy machine).
        text = cdtest.wait_for(
            lambda: (lambda t: t if "Tệp (2)" in t and "giữ: 4" in t else None)(cdtest.all_text(dlg)),
            timeout=60, what="the preview and its totals")
        self.assertIn("Đơn vị (2)", text)
        self.assertIn(UNIT_A, text)
        self.assertIn(UNIT_B, text)
        self.assertIn("3 người", text)       # Lê Lợi
        self.assertIn("1 người", text)       # An Lão: one twice, one rejected
        self.assertIn("01-thcs-le-loi.docx", text)
        self.assertIn("02-th-an-lao.docx", text)
        # each problem with its row, the duplicate with the other place
        self.assertRegex(text, r"Dòng \d+: Lê Thị Lan — Trùng")
        self.assertRegex(text, r"Dòng \d+: Phạm Quốc Hùng — Bị loại")
        self.assertRegex(text, r"dòng \d+ của “[^”]*01-thcs-le-loi.docx”")
        self.assertIn("giữ: 4", text)
        # which list will be made, and why (cd_collect_kind_text)
        self.assertIn("Danh sách tổng hợp được lập thành “Đề nghị cấp mới chứng thư số”, "
                      "đúng loại ghi trong tiêu đề các danh sách.", text)
        cdtest.screenshot("collect-preview")

        # Not saved: closing asks; Hủy keeps the window and its preview.
        press(close_button(dlg))
        question = ask_dialog(self.app)
        press(cdtest.button(question, "Hủy") or cdtest.get(question, role="push button", contains="Hủy"))
        cdtest.wait_for(lambda: not cdtest.find(question, contains="Lưu thay đổi?") or None,
                        what="the question to go away")
        self.assertIn(UNIT_B, cdtest.all_text(dlg))

        # the Cục's sheet too, beside the list
        sheet = cdtest.wait_for(lambda: next((n for n in cdtest.walk(dlg)
                                              if n.getRoleName() == "check box"
                                              and (n.name or "").startswith("Kèm bảng đăng ký của Cục")),
                                             None),
                                what="the Cục's sheet switch")
        press(sheet)
        cdtest.wait_for(lambda: sheet.getState().contains(pyatspi.STATE_CHECKED) or None,
                        what="the Cục's sheet switched on")
        before = set(os.listdir(self.lists))
        press(cdtest.get(dlg, role="push button", contains="Lưu"))
        press(chooser_button(self.app, "Lưu danh sách tổng hợp", "Lưu"))
        today = time.strftime("%Y-%m-%d")
        name = f"Danh_sach_tong_hop_{today}.docx"
        out = os.path.join(self.lists, name)
        cdtest.wait_for(lambda: name in set(os.listdir(self.lists)) - before or None,
                        timeout=60, what="the collected list")
        cdtest.wait_for(lambda: cdtest.find(dlg, contains="Đã lưu " + name), what="the toast")
        text = cdtest.all_text(dlg)
        self.assertIn("Mở thư mục", text)
        self.assertEqual(stat.S_IMODE(os.stat(out).st_mode), 0o600)
        report = os.path.join(self.lists, f"Danh_sach_tong_hop_{today}_bao_cao.txt")
        self.assertTrue(os.path.exists(report))
        bulk = os.path.join(self.lists, f"Danh_sach_tong_hop_{today}.xlsx")
        self.assertEqual(stat.S_IMODE(os.stat(bulk).st_mode), 0o600)
        self.assertIn("Vũ Thị Mai", openpyxl_text(bulk))

        d = docx.Document(out)
        written = "\n".join(c.text for t in d.tables for r in t.rows for c in r.cells)
        for n in ("Nguyễn Thị Hoa", "Trần Văn Minh", "Lê Thị Lan", "Vũ Thị Mai"):
            self.assertIn(n, written)
        self.assertNotIn("Phạm Quốc Hùng", written)
        self.assertEqual(written.count("Lê Thị Lan"), 1)

        # Saved: closing asks nothing.
        press(close_button(dlg))
        cdtest.wait_closed(self.app, "Tổng hợp danh sách")
        self.assertEqual(self.app.quit(), 0)


def revocation_list(path, unit, people):
    """A school's revocation list, its title naming the kind."""
    heads = ["STT", "Họ và tên", "Ngày sinh", "Số CCCD", "Thông tin chứng thư số", "Lý do thu hồi"]
    d = docx.Document()
    frame = d.add_table(rows=1, cols=2)
    left, right = frame.rows[0].cells
    left.paragraphs[0].add_run("UBND XÃ AN LÃO")
    left.add_paragraph().add_run(unit).bold = True
    right.paragraphs[0].add_run("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM").bold = True
    d.add_paragraph().add_run("DANH SÁCH ĐỀ NGHỊ THU HỒI CHỨNG THƯ SỐ").bold = True
    t = d.add_table(rows=1 + len(people), cols=len(heads))
    for cell, head in zip(t.rows[0].cells, heads):
        cell.text = head
    for r, (name, born, cccd) in enumerate(people, start=1):
        for cell, v in zip(t.rows[r].cells, [str(r), name, born, cccd, "Số hiệu: 5403A1B2C3D4E5F%d" % r, "Nghỉ hưu"]):
            cell.text = v
    d.save(path)


def names_in(path):
    return "\n".join(c.text for t in docx.Document(path).tables for r in t.rows for c in r.cells)


class CollectTwoSorts(unittest.TestCase):
    """Lê Lợi's request list and An Lão's revocation list in one folder."""

    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="certdesk-collect-gui-")
        self.lists = os.path.join(self.tmp, "Danh sách")
        os.makedirs(self.lists)
        form = os.path.join(self.tmp, "bieu-mau.docx")
        blank_form(form)
        fill_by_hand(form, os.path.join(self.lists, "01-thcs-le-loi.docx"), UNIT_A, A)
        revocation_list(os.path.join(self.lists, "02-th-an-lao.docx"), UNIT_B,
                        [("Đỗ Văn Thu", "06/07/1980", "031080000201"),
                         ("Hoàng Thị Hồi", "07/08/1981", "031181000202")])
        self.app = cdtest.App("--database", os.path.join(self.tmp, "certdesk.db"),
                              env={"CERTDESK_OUTPUT_DIR": self.lists})

    def tearDown(self):
        self.app.close()
        shutil.rmtree(self.tmp, ignore_errors=True)

    def test_two_lists(self):
        win = self.app.window()
        cdtest.click(cdtest.get(win, name="Trình đơn chính"))
        item = cdtest.wait_for(
            lambda: next((n for n in cdtest.walk(self.app.app)
                          if plain(n.name).startswith("Tổng hợp danh sách") and cdtest.allocated(n)), None),
            what="the menu item")
        press(item)
        dlg = cdtest.toplevel(self.app, "Tổng hợp danh sách")
        press(cdtest.get(dlg, role="push button", contains="Thêm thư mục"))
        press(chooser_button(self.app, "Thêm thư mục danh sách", "Thêm"))
        text = cdtest.wait_for(
            lambda: (lambda t: t if "Tệp (2)" in t and "giữ: 5" in t else None)(cdtest.all_text(dlg)),
            timeout=60, what="the preview and its totals")
        self.assertIn("Danh sách thứ nhất, “Đề nghị cấp mới chứng thư số”: 3 người; "
                      "danh sách thứ hai, “Danh sách thu hồi chứng thư số”: 2 người.", text)
        self.assertIn("tên kết thúc bằng “-thu-hoi.docx”", text)
        self.assertIn("Đơn vị của danh sách thứ nhất, “Đề nghị cấp mới chứng thư số” (1)", text)
        self.assertIn("Đơn vị của danh sách thứ hai, “Danh sách thu hồi chứng thư số” (1)", text)
        self.assertIn("Người trong tệp này được đưa vào danh sách thứ hai.", text)
        self.assertIn("1 danh sách thuộc loại khác (02-th-an-lao.docx)", text)
        self.assertNotIn("vẫn được đưa vào", text)
        cdtest.screenshot("collect-two-lists")

        before = set(os.listdir(self.lists))
        press(cdtest.get(dlg, role="push button", contains="Lưu"))
        press(chooser_button(self.app, "Lưu danh sách tổng hợp", "Lưu"))
        today = time.strftime("%Y-%m-%d")
        name = f"Danh_sach_tong_hop_{today}.docx"
        second_name = f"Danh_sach_tong_hop_{today}-thu-hoi.docx"
        cdtest.wait_for(lambda: cdtest.find(dlg, contains="Đã lưu " + name), timeout=60, what="the toast")
        report_name = f"Danh_sach_tong_hop_{today}_bao_cao.txt"
        self.assertEqual(set(os.listdir(self.lists)) - before, {name, second_name, report_name})
        with open(os.path.join(self.lists, report_name), encoding="utf-8") as f:
            self.assertIn("Danh sách thứ hai, “Danh sách thu hồi chứng thư số”: giữ 2 người", f.read())
        cdtest.wait_for(lambda: cdtest.find(dlg, contains="được lưu cạnh danh sách thứ nhất với tên “%s”"
                                            % second_name), what="the second list's name")
        first, second = (os.path.join(self.lists, n) for n in (name, second_name))
        for path in (first, second):
            self.assertEqual(stat.S_IMODE(os.stat(path).st_mode), 0o600, path)
        written = names_in(first)
        for n in ("Nguyễn Thị Hoa", "Trần Văn Minh", "Lê Thị Lan"):
            self.assertIn(n, written)
        self.assertNotIn("Đỗ Văn Thu", written)
        self.assertNotIn("Hoàng Thị Hồi", written)
        written = names_in(second)
        self.assertIn("Đỗ Văn Thu", written)
        self.assertIn("Hoàng Thị Hồi", written)
        self.assertNotIn("Nguyễn Thị Hoa", written)
        self.assertIn("Lý do thu hồi", written)
        cdtest.screenshot("collect-two-lists-saved")

        press(close_button(dlg))
        cdtest.wait_closed(self.app, "Tổng hợp danh sách")
        self.assertEqual(self.app.quit(), 0)


if __name__ == "__main__":
    unittest.main()
