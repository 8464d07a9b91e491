#!/usr/bin/python3
"""Reasons and content per person from the command line (issue 15):
--reason=TEXT prints the same reason (cap-lai, Mẫu 06) or change
(thay-doi, Mẫu 04) for everyone, hom-thu proposes each mailbox, and
--batch=ID writes a saved list again with each person's own reason; what
is left blank (a revocation's reason, Mẫu 08's parties) is said. The
.docx is read back with python-docx."""
import json
import os
import sqlite3
import sys
import tempfile
import unittest

import docx

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "common"))
import cdtest  # noqa: E402


def column(path, header):
    """The cells under @header in the document's table with that header,
    one per person row (rows whose first cell is a number)."""
    d = docx.Document(path)
    for t in d.tables:
        for r, row in enumerate(t.rows):
            heads = [c.text.strip() for c in row.cells]
            hit = [i for i, h in enumerate(heads) if header.lower() in h.lower()]
            if not hit:
                continue
            out = []
            for below in t.rows[r + 1:]:
                # the zero-width spaces that let a long address wrap
                cells = [c.text.replace("\u200b", "").strip() for c in below.cells]
                if cells and cells[0].isdigit():
                    out.append(cells[hit[0]])
            return out
    raise AssertionError("no column %r in %s" % (header, path))


class ReasonsCli(cdtest.CliRegister, unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.env = {"CERTDESK_UI_LANGUAGE": "vi",
                    "XDG_DATA_HOME": os.path.join(self.tmp.name, "data")}
        self.db = os.path.join(self.tmp.name, "certdesk.db")
        csv = os.path.join(self.tmp.name, "staff.csv")
        with open(csv, "w", encoding="utf-8") as f:
            f.write("STT;Họ và tên;Ngày sinh;Giới tính;Số CCCD;Điện thoại;Email\n")
            f.write("1;Nguyễn Thị Hương;12/03/1985;Nữ;031185001234;0912345678;\n")
            f.write("2;Trần Văn Nam;05/01/1980;Nam;031080004321;0987654321;\n")
            f.write("3;Ngô Thị Hương;01/02/1990;Nữ;031190001111;0911111111;\n")
        for a in (["--set-unit=name=TRƯỜNG THCS LÊ LỢI"],
                  ["--set-unit=email=thcsleloi@haiphong.edu.vn"],
                  ["--import-staff=" + csv]):
            p = self.run_cd(*a)
            self.assertEqual(p.returncode, 0, p.stderr)
        # each with a certificate in force on their own token: a renewal,
        # a change or a revocation is for a certificate (the wizard's rule)
        for n, cccd in enumerate(("031185001234", "031080004321", "031190001111"), 1):
            for a in (["--add-device=TK%04d" % n, "--holder-cccd=" + cccd],
                      ["--add-certificate=54A100000000%04d" % n, "--not-before=01/01/2025",
                       "--not-after=01/01/2030", "--provider=Ban Cơ yếu Chính phủ",
                       "--holder-cccd=" + cccd, "--device=TK%04d" % n]):
                p = self.run_cd(*a)
                self.assertEqual(p.returncode, 0, p.stderr)

    def test_reason_for_everyone(self):
        cases = (("cap-lai", "Lý do"), ("mau-06", "Lý do"),
                 ("thay-doi", "Nội dung thay đổi"), ("mau-04", "Nội dung đề nghị"))
        for kind, header in cases:
            with self.subTest(kind=kind):
                out = self.path(kind + ".docx")
                p = self.run_cd("--generate=" + kind, "--staff=1,2",
                                "--reason=  Mất thiết bị  ", "--output=" + out)
                self.assertEqual(p.returncode, 0, p.stderr)
                self.assertEqual(column(out, header), ["Mất thiết bị"] * 2)

    def test_reason_for_a_whole_register(self):
        # Without --staff a list is read from the register a page at a
        # time and only its first people are held: hom-thu's proposals (and
        # --reason) must still reach every person, so such a list is held whole.
        more = self.path("more.csv")
        with open(more, "w", encoding="utf-8") as f:
            f.write("STT;Họ và tên;Ngày sinh;Giới tính;Số CCCD;Điện thoại;Email\n")
            f.write("1;Lê Văn Bình;02/02/1982;Nam;031082002222;0922222222;\n")
            f.write("2;Phạm Thị Lan;03/03/1983;Nữ;031183003333;0933333333;\n")
        p = self.run_cd("--import-staff=" + more)
        self.assertEqual(p.returncode, 0, p.stderr)
        out = self.path("all.docx")
        p = self.run_cd("--generate=hom-thu", "--output=" + out)
        self.assertEqual(p.returncode, 0, p.stderr)
        got = column(out, "thư điện tử")
        self.assertEqual(sorted(got),
                         ["binhlv@haiphong.edu.vn", "huongnt2@haiphong.edu.vn",
                          "huongnt@haiphong.edu.vn", "lanpt@haiphong.edu.vn",
                          "namtv@haiphong.edu.vn"])

    def test_reason_refused_where_no_column(self):
        out = self.path("cap-moi.docx")
        p = self.run_cd("--generate=cap-moi", "--staff=1", "--reason=x", "--output=" + out)
        self.assertEqual(p.returncode, 2)
        self.assertIn("cap-lai", p.stderr)
        self.assertFalse(os.path.exists(out))
        p = self.run_cd("--generate=cap-lai", "--staff=1", "--reason=  ", "--output=" + out)
        self.assertEqual(p.returncode, 2)
        self.assertFalse(os.path.exists(out))

    def test_revocation_without_reason_is_told(self):
        # No --reason and no reason recorded: the list is written with the
        # column empty for them, and each is named in Vietnamese on stderr;
        # whoever left with a reason recorded is not.
        con = sqlite3.connect(self.db)
        con.execute("UPDATE staff SET left = 1, left_date = '2026-05-01', left_reason = 'Nghỉ hưu'"
                    " WHERE full_name = 'Ngô Thị Hương'")
        con.commit()
        con.close()
        for kind, header in (("thu-hoi", "Lý do thu hồi"), ("mau-05", "Lý do")):
            with self.subTest(kind=kind):
                out = self.path(kind + ".docx")
                p = self.run_cd("--generate=" + kind, "--staff=2,3", "--output=" + out)
                self.assertEqual(p.returncode, 0, p.stderr)
                self.assertEqual(column(out, header), ["", "Nghỉ hưu"])
                self.assertIn("1 người chưa có lý do thu hồi", p.stderr)
                self.assertIn("--reason", p.stderr)
                self.assertIn("  Trần Văn Nam\n", p.stderr)
                self.assertNotIn("Ngô Thị Hương", p.stderr)
                p = self.run_cd("--generate=" + kind, "--staff=2,3", "--reason=Chuyển công tác",
                                "--force", "--output=" + out)
                self.assertEqual(p.returncode, 0, p.stderr)
                self.assertNotIn("lý do thu hồi", p.stderr)

    def test_minutes_without_parties_are_told(self):
        # Mẫu 08's parties come only from a device event recorded in the
        # window: written blank, and said on stderr with where to record it.
        out = self.path("mau-08.docx")
        p = self.run_cd("--generate=mau-08", "--staff=2", "--output=" + out)
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertTrue(os.path.exists(out))
        text = "\n".join(x.text for x in docx.Document(out).paragraphs)
        self.assertIn("chúng tôi gồm:", text)
        self.assertNotIn("Bên giao:", text)
        self.assertIn("Mẫu 08 lấy các bên (Bên giao, Bên nhận, Người chứng kiến", p.stderr)
        self.assertIn("các mục này để trống", p.stderr)
        self.assertIn("Thiết bị → Thu hồi…", p.stderr)
        self.assertIn("Lưu biên bản dạng Word…", p.stderr)
        # Mẫu 07 takes its parties from the unit and the person: nothing to say
        out = self.path("mau-07.docx")
        p = self.run_cd("--generate=mau-07", "--staff=2", "--output=" + out)
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertNotIn("Mẫu 08", p.stderr)

    def test_hom_thu_proposes_mailboxes(self):
        out = self.path("hom-thu.docx")
        p = self.run_cd("--generate=hom-thu", "--staff=1,2,3", "--output=" + out)
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertEqual(column(out, "thư điện tử"),
                         ["huongnt@haiphong.edu.vn", "namtv@haiphong.edu.vn",
                          "huongnt2@haiphong.edu.vn"])
        self.assertIn("3", p.stdout)

    def test_hom_thu_private_mailbox_replaced(self):
        # a private address is why someone needs an official mailbox: the
        # column "Địa chỉ thư điện tử đề nghị" is the one proposed, never
        # the private one
        with sqlite3.connect(self.db) as c:
            c.execute("UPDATE staff SET email = 'ngohuong90@gmail.com' WHERE id = 3")
        out = self.path("hom-thu-private.docx")
        p = self.run_cd("--generate=hom-thu", "--staff=2,3", "--output=" + out)
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertEqual(column(out, "thư điện tử"),
                         ["namtv@haiphong.edu.vn", "huongnt@haiphong.edu.vn"])

    def test_hom_thu_mailbox_held_in_register(self):
        # a mailbox somebody in the register holds already (a colleague
        # with the same initials, someone who left; any case) is never
        # proposed again: the numbering goes on past it
        csv = self.path("more.csv")
        with open(csv, "w", encoding="utf-8") as f:
            f.write("STT;Họ và tên;Ngày sinh;Giới tính;Số CCCD;Điện thoại;Email\n")
            f.write("1;Trịnh Văn Nam;05/01/1970;Nam;031070004321;0987654300;NamTV@HaiPhong.edu.vn\n")
            f.write("2;Nông Thị Hương;01/02/1991;Nữ;031191001111;0911111100;huongnt@haiphong.edu.vn\n")
        p = self.run_cd("--import-staff=" + csv)
        self.assertEqual(p.returncode, 0, p.stderr)
        with sqlite3.connect(self.db) as c:
            c.execute("UPDATE staff SET left = 1 WHERE full_name = 'Trịnh Văn Nam'")
        out = self.path("hom-thu-held.docx")
        p = self.run_cd("--generate=hom-thu", "--staff=1,2,3", "--output=" + out)
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertEqual(column(out, "thư điện tử"),
                         ["huongnt2@haiphong.edu.vn", "namtv2@haiphong.edu.vn",
                          "huongnt3@haiphong.edu.vn"])

    def test_hom_thu_default_is_the_wizards_list(self):
        # without --staff the list is the wizard's: whoever works here with
        # no email or one at no official domain (a private gmail), not
        # whoever has an official one
        with sqlite3.connect(self.db) as c:
            c.execute("UPDATE staff SET email = 'ngohuong90@gmail.com' WHERE id = 3")
            c.execute("UPDATE staff SET email = 'namtv@haiphong.edu.vn' WHERE id = 2")
        out = self.path("hom-thu-default.docx")
        p = self.run_cd("--generate=hom-thu", "--output=" + out)
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertEqual(sorted(column(out, "Họ và tên")), ["Nguyễn Thị Hương", "Ngô Thị Hương"])
        self.assertEqual(sorted(column(out, "thư điện tử")),
                         ["huongnt2@haiphong.edu.vn", "huongnt@haiphong.edu.vn"])

    def test_batch_keeps_each_reason(self):
        first = self.path("first.docx")
        p = self.run_cd("--generate=cap-lai", "--staff=1,2", "--reason=Hỏng thiết bị",
                        "--letter=5277/KH-SGDĐT ngày 06/08/2025", "--output=" + first)
        self.assertEqual(p.returncode, 0, p.stderr)
        con = sqlite3.connect(self.db)
        (batch,) = con.execute("SELECT id FROM request_batches").fetchone()
        con.execute("UPDATE batch_items SET reason = 'Quên mật khẩu' WHERE batch_id = ? AND staff_id = 2",
                    (batch,))
        con.commit()
        con.close()
        again = self.path("again.docx")
        p = self.run_cd("--generate=cap-lai", "--batch=%d" % batch, "--output=" + again)
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertEqual(column(again, "Lý do"), ["Hỏng thiết bị", "Quên mật khẩu"])
        self.assertEqual(column(again, "Họ và tên"), ["Nguyễn Thị Hương", "Trần Văn Nam"])

        wrong = self.path("wrong.docx")
        p = self.run_cd("--generate=thay-doi", "--batch=%d" % batch, "--output=" + wrong)
        self.assertEqual(p.returncode, 2)
        self.assertIn("cap-lai", p.stderr)
        p = self.run_cd("--generate=cap-lai", "--batch=%d" % batch, "--reason=x", "--output=" + wrong)
        self.assertEqual(p.returncode, 2)
        p = self.run_cd("--generate=cap-lai", "--batch=999", "--output=" + wrong)
        self.assertEqual(p.returncode, 1)
        self.assertFalse(os.path.exists(wrong))

    def test_hom_thu_batch_keeps_mailboxes(self):
        first = self.path("first.docx")
        p = self.run_cd("--generate=hom-thu", "--staff=2", "--letter=12/SGDĐT",
                        "--output=" + first)
        self.assertEqual(p.returncode, 0, p.stderr)
        again = self.path("again.docx")
        p = self.run_cd("--generate=hom-thu", "--batch=1", "--output=" + again)
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertEqual(column(again, "thư điện tử"), ["namtv@haiphong.edu.vn"])

    def hom_thu_batch(self, mailboxes):
        """A hom-thu list of people 2 and 3 recorded with a letter, then
        the mailboxes the wizard kept for them (staff id -> address)."""
        first = self.path("first.docx")
        self.ok("--generate=hom-thu", "--staff=2,3", "--letter=12/SGDĐT", "--output=" + first)
        with sqlite3.connect(self.db) as c:
            (batch, note) = c.execute("SELECT id, note FROM request_batches").fetchone()
            # a row's mailbox is kept in the batch's note, by the row's position
            note = json.loads(note)
            for staff, address in mailboxes.items():
                (pos,) = c.execute("SELECT position FROM batch_items WHERE batch_id = ? AND staff_id = ?",
                                   (batch, staff)).fetchone()
                note["items"][pos]["change_note"] = address
            c.execute("UPDATE request_batches SET note = ? WHERE id = ?", (json.dumps(note), batch))
        return batch

    def test_hom_thu_batch_kept_mailbox_written(self):
        batch = self.hom_thu_batch({2: "tran.nam@haiphong.edu.vn"})
        again = self.path("again.docx")
        self.ok("--generate=hom-thu", "--batch=%d" % batch, "--output=" + again)
        self.assertEqual(column(again, "thư điện tử"),
                         ["tran.nam@haiphong.edu.vn", "huongnt@haiphong.edu.vn"])

    def test_hom_thu_batch_mailbox_taken_since(self):
        # the list was saved with Trần Văn Nam's mailbox; since, someone
        # came into the register with that address (any case): the Sở
        # cannot open it twice, so the list is not written
        batch = self.hom_thu_batch({2: "tran.nam@haiphong.edu.vn"})
        csv = self.path("more.csv")
        with open(csv, "w", encoding="utf-8") as f:
            f.write("STT;Họ và tên;Ngày sinh;Giới tính;Số CCCD;Điện thoại;Email\n")
            f.write("1;Trần Nam Anh;05/01/1975;Nam;031075004321;0987654300;Tran.Nam@HaiPhong.edu.vn\n")
        self.ok("--import-staff=" + csv)
        again = self.path("again.docx")
        p = self.run_cd("--generate=hom-thu", "--batch=%d" % batch, "--output=" + again)
        self.assertEqual(p.returncode, 1, p.stderr)
        self.assertFalse(os.path.exists(again))
        for words in ("Trần Văn Nam", "tran.nam@haiphong.edu.vn", "Trần Nam Anh", "Bổ sung thông tin"):
            self.assertIn(words, p.stderr)

    def test_hom_thu_batch_mailbox_on_two_rows(self):
        batch = self.hom_thu_batch({2: "nam.huong@haiphong.edu.vn", 3: "NAM.HUONG@haiphong.edu.vn"})
        again = self.path("again.docx")
        p = self.run_cd("--generate=hom-thu", "--batch=%d" % batch, "--output=" + again)
        self.assertEqual(p.returncode, 1, p.stderr)
        self.assertFalse(os.path.exists(again))
        # said on the later row, with whose row asks for it first
        for words in ("Ngô Thị Hương", "nam.huong@haiphong.edu.vn", "Trần Văn Nam", "danh sách này"):
            self.assertIn(words, p.stderr)


if __name__ == "__main__":
    unittest.main()
