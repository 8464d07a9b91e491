#!/usr/bin/python3
"""certdesk --collect of lists whose titles name no kind («DANH SÁCH», the
school's own wording). Revocation lists are told by their columns (Thông
tin chứng thư số, Lý do thu hồi): onto the Sở's revocation-only form they
are filled — they were refused, taken for a request — and without a form
they come out as the built-in revocation list, not under a request's
title and columns. Request lists stay a request for new certificates, and
the clerk is told that kind was assumed. A folder of both sorts makes
two lists, never one: the other sort's beside --output, named -thu-hoi or
-de-nghi. Lists made with python-docx."""
import os
import stat
import sys
import tempfile
import unittest

import docx

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "common"))
import cdtest  # noqa: E402

REVOCATION = ["STT", "Họ và tên", "Ngày sinh", "Số CCCD", "Thông tin chứng thư số", "Lý do thu hồi"]
REQUEST = ["STT", "Họ và tên", "Ngày sinh", "Chức vụ", "Số căn cước công dân", "Điện thoại"]


def build(path, title, heads, rows):
    d = docx.Document()
    d.add_paragraph("TÊN ĐƠN VỊ")
    d.add_paragraph(title)
    t = d.add_table(rows=1 + len(rows), cols=len(heads))
    for cell, head in zip(t.rows[0].cells, heads):
        cell.text = head
    for r, values in enumerate(rows, start=1):
        for cell, v in zip(t.rows[r].cells, [str(r)] + values):
            cell.text = v
    d.save(path)


def table_of(path):
    """The header and the names of the list's table (the last table)."""
    t = docx.Document(path).tables[-1]
    heads = [c.text for c in t.rows[0].cells]
    names = [r.cells[1].text for r in t.rows[1:] if r.cells[1].text]
    return heads, names


def text_of(path):
    return "\n".join(p.text for p in docx.Document(path).paragraphs)


class CollectKind(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.env = {"CERTDESK_UI_LANGUAGE": "vi",
                    "XDG_DATA_HOME": os.path.join(self.tmp.name, "data")}

    def tearDown(self):
        self.tmp.cleanup()

    def path(self, name):
        return os.path.join(self.tmp.name, name)

    def revocation_lists(self):
        a, b = self.path("01-thcs.docx"), self.path("02-th.docx")
        build(a, "DANH SÁCH", REVOCATION,
              [["Nguyễn Văn An", "07/03/1985", "031085000001", "Số hiệu: 5403A1B2C3D4E5F6", "Nghỉ hưu"]])
        build(b, "DANH SÁCH", REVOCATION,
              [["Trần Văn Bình", "08/04/1986", "031086000002", "Số hiệu: 5403A1B2C3D4E5F7", "Chuyển công tác"]])
        return a, b

    def collect(self, *args):
        out = self.path("tong-hop.docx")
        p = cdtest.run(*args, "--output=" + out, "--report=" + self.path("bao-cao.txt"), env=self.env)
        self.assertEqual(p.returncode, 0, p.stdout + p.stderr)
        with open(self.path("bao-cao.txt"), encoding="utf-8") as f:
            return p.stdout, f.read(), out

    def test_revocation_onto_revocation_form(self):
        a, b = self.revocation_lists()
        form = self.path("mau-thu-hoi.docx")
        build(form, "DANH SÁCH THU HỒI CHỨNG THƯ SỐ",
              ["TT", "Họ và tên", "Ngày sinh", "Thông tin chứng thư số", "Lý do thu hồi"], [[]])
        out, report, list_path = self.collect("--collect=" + a, "--collect=" + b, "--template=" + form)
        heads, names = table_of(list_path)
        self.assertEqual(names, ["Nguyễn Văn An", "Trần Văn Bình"])
        self.assertIn("Lý do thu hồi", heads)
        said = "Danh sách tổng hợp được lập thành “Danh sách thu hồi chứng thư số”"
        self.assertIn(said, out)
        self.assertIn("có cột của danh sách thu hồi", out)
        self.assertIn(said, report)

    def test_revocation_without_form(self):
        a, b = self.revocation_lists()
        out, report, list_path = self.collect("--collect=" + a, "--collect=" + b)
        heads, names = table_of(list_path)
        self.assertEqual(names, ["Nguyễn Văn An", "Trần Văn Bình"])
        self.assertTrue(any("Lý do thu hồi" in h for h in heads), heads)
        self.assertNotIn("Số căn cước công dân", " ".join(heads))
        self.assertIn("THU HỒI", text_of(list_path))
        self.assertNotIn("ĐỀ NGHỊ CẤP", text_of(list_path))

    def test_request_assumed_and_told(self):
        a = self.path("01-thcs.docx")
        build(a, "DANH SÁCH", REQUEST,
              [["Nguyễn Văn An", "07/03/1985", "Giáo viên", "031085000001", "0912345001"]])
        out, report, list_path = self.collect("--collect=" + a)
        heads, names = table_of(list_path)
        self.assertEqual(names, ["Nguyễn Văn An"])
        self.assertNotIn("THU HỒI", text_of(list_path))
        told = "nên danh sách tổng hợp được lập thành “Đề nghị cấp mới chứng thư số”"
        self.assertIn(told, out)
        self.assertIn(told, report)

    def test_request_and_revocation_make_two_lists(self):
        """A request list and a revocation list in one folder: the people
        to be revoked are not on the request list (they were, the clerk
        told to collect separately); they are on a revocation list of
        their own beside it, 0600 like every export, said in the summary
        and the report; the Cục's sheet holds the request list's people."""
        folder = self.path("xa")
        os.mkdir(folder)
        build(os.path.join(folder, "01-thcs.docx"), "DANH SÁCH ĐỀ NGHỊ CẤP MỚI CHỨNG THƯ SỐ", REQUEST,
              [["Nguyễn Văn An", "07/03/1985", "Giáo viên", "031085000001", "0912345001"],
               ["Lê Thị Cúc", "09/05/1985", "Giáo viên", "031185000003", "0912345003"]])
        build(os.path.join(folder, "02-th.docx"), "DANH SÁCH ĐỀ NGHỊ THU HỒI CHỨNG THƯ SỐ", REVOCATION,
              [["Trần Văn Bình", "08/04/1986", "031086000002", "Số hiệu: 5403A1B2C3D4E5F7", "Chuyển công tác"]])
        sheet = self.path("tong-hop.xlsx")
        out, report, list_path = self.collect("--collect=" + folder, "--bulk-sheet=" + sheet)
        second = self.path("tong-hop-thu-hoi.docx")

        heads, names = table_of(list_path)
        self.assertEqual(names, ["Nguyễn Văn An", "Lê Thị Cúc"])
        self.assertNotIn("THU HỒI", text_of(list_path))
        heads, names = table_of(second)
        self.assertEqual(names, ["Trần Văn Bình"])
        self.assertTrue(any("Lý do thu hồi" in h for h in heads), heads)
        self.assertIn("THU HỒI", text_of(second))
        for path in (list_path, second, sheet):
            self.assertEqual(stat.S_IMODE(os.stat(path).st_mode), 0o600, path)

        told = ("1 danh sách thuộc loại khác (02-th.docx): người trong đó không có trong danh sách này "
                "mà ở danh sách thứ hai, lập thành “Danh sách thu hồi chứng thư số”.")
        self.assertIn(told, out)
        self.assertIn(told, report)
        self.assertNotIn("vẫn được đưa vào", out)
        self.assertIn("Đã ghi danh sách 2 người vào “%s”." % list_path, out)
        self.assertIn("Đã ghi danh sách thứ hai, “Danh sách thu hồi chứng thư số”, 1 người vào “%s”." % second, out)
        self.assertIn("Danh sách thứ hai, “Danh sách thu hồi chứng thư số”: giữ 1 người của 1 đơn vị", report)
        self.assertIn("Bảng của Cục dùng cho đề nghị: bảng chỉ có 2 người", out)

        import openpyxl
        cells = [str(v) for ws in openpyxl.load_workbook(sheet, read_only=True).worksheets
                 for row in ws.iter_rows(values_only=True) for v in row if v is not None]
        self.assertIn("Nguyễn Văn An", cells)
        self.assertNotIn("Trần Văn Bình", cells)

    def test_second_list_there_refused_before_any_is_written(self):
        """Without --force, the second list's file being there already
        stops the run before any file is written: the first list was
        written, then the second refused, and the clerk was left with half
        a collection."""
        folder = self.path("xa")
        os.mkdir(folder)
        build(os.path.join(folder, "01-thcs.docx"), "DANH SÁCH ĐỀ NGHỊ CẤP MỚI CHỨNG THƯ SỐ", REQUEST,
              [["Nguyễn Văn An", "07/03/1985", "Giáo viên", "031085000001", "0912345001"]])
        build(os.path.join(folder, "02-th.docx"), "DANH SÁCH ĐỀ NGHỊ THU HỒI CHỨNG THƯ SỐ", REVOCATION,
              [["Trần Văn Bình", "08/04/1986", "031086000002", "Số hiệu: 5403A1B2C3D4E5F7", "Chuyển công tác"]])
        out, second = self.path("tong-hop.docx"), self.path("tong-hop-thu-hoi.docx")
        with open(second, "w") as f:
            f.write("an earlier collection")
        p = cdtest.run("--collect=" + folder, "--output=" + out, "--report=" + self.path("bao-cao.txt"),
                       env=self.env)
        self.assertEqual(p.returncode, 1, p.stdout + p.stderr)
        self.assertIn("Tệp “%s” đã có." % second, p.stderr)
        self.assertFalse(os.path.exists(out), "the first list was written")
        self.assertFalse(os.path.exists(self.path("bao-cao.txt")), "the report was written")
        with open(second) as f:
            self.assertEqual(f.read(), "an earlier collection")
        # with --force both are written
        p = cdtest.run("--collect=" + folder, "--output=" + out, "--force", env=self.env)
        self.assertEqual(p.returncode, 0, p.stdout + p.stderr)
        self.assertEqual(table_of(second)[1], ["Trần Văn Bình"])

    def test_revocation_form_serves_its_list_only(self):
        """The Sở's revocation-only form with both sorts: the revocation
        list is filled on it, the request list made on the built-in form,
        and the clerk is told."""
        a = self.path("01-thcs.docx")
        build(a, "DANH SÁCH ĐỀ NGHỊ CẤP MỚI CHỨNG THƯ SỐ", REQUEST,
              [["Nguyễn Văn An", "07/03/1985", "Giáo viên", "031085000001", "0912345001"]])
        b = self.path("02-th.docx")
        build(b, "DANH SÁCH THU HỒI CHỨNG THƯ SỐ", REVOCATION,
              [["Trần Văn Bình", "08/04/1986", "031086000002", "Số hiệu: 5403A1B2C3D4E5F7", "Chuyển công tác"]])
        form = self.path("mau-thu-hoi.docx")
        build(form, "DANH SÁCH THU HỒI CHỨNG THƯ SỐ",
              ["TT", "Họ và tên", "Ngày sinh", "Thông tin chứng thư số", "Lý do thu hồi"], [[]])
        out, report, list_path = self.collect("--collect=" + a, "--collect=" + b, "--template=" + form)
        heads, names = table_of(list_path)
        self.assertEqual(names, ["Nguyễn Văn An"])
        self.assertNotIn("THU HỒI", text_of(list_path))
        heads, names = table_of(self.path("tong-hop-thu-hoi.docx"))
        self.assertEqual(names, ["Trần Văn Bình"])
        self.assertEqual(heads, ["TT", "Họ và tên", "Ngày sinh", "Thông tin chứng thư số", "Lý do thu hồi"])
        self.assertIn("Mẫu của Sở không có danh sách loại này nên danh sách này được lập theo mẫu có sẵn.", out)


if __name__ == "__main__":
    unittest.main(verbosity=2)
