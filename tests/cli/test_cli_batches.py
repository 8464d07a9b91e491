#!/usr/bin/python3
"""A list answers a letter, headless (issue 17): --generate with
--letter/--deadline/--recipient/--channel records the batch,
--list-batches [--json] shows it, --attach-scan copies a signed scan
privately with its SHA-256 and refuses what is no scan, and the calendar
file carries the deadline under a UID that stays the same."""
import hashlib
import json
import os
import stat
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "common"))
import cdtest  # noqa: E402

LETTER = "5277/KH-SGDĐT ngày 06/08/2025"
RECIPIENT = "Phòng KHTC Sở GD&ĐT <khtc@haiphong.edu.vn>"


def unfold(raw):
    """iCalendar lines as a calendar reads them: CRLF, folds undone."""
    assert raw.endswith(b"\r\n")
    lines = []
    for phys in raw[:-2].split(b"\r\n"):
        assert len(phys) <= 75, phys
        if phys.startswith(b" "):
            lines[-1] += phys[1:]
        else:
            lines.append(phys)
    return [l.decode("utf-8") for l in lines]


def events(path):
    """Each VEVENT as a dict of its properties (parameters dropped)."""
    with open(path, "rb") as f:
        lines = unfold(f.read())
    out, cur = [], None
    for l in lines:
        if l == "BEGIN:VEVENT":
            cur = {}
        elif l == "END:VEVENT":
            out.append(cur)
            cur = None
        elif cur is not None and ":" in l and "ACTION" not in l:
            name, value = l.split(":", 1)
            cur.setdefault(name.split(";")[0], value)
    return out


class BatchesCli(cdtest.CliRegister, unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.env = {"CERTDESK_UI_LANGUAGE": "vi",
                    "XDG_DATA_HOME": os.path.join(self.tmp.name, "data")}
        self.db = os.path.join(self.tmp.name, "certdesk.db")
        csv = os.path.join(self.tmp.name, "staff.csv")
        with open(csv, "w", encoding="utf-8") as f:
            f.write("STT;Họ và tên;Ngày sinh;Giới tính;Số CCCD;Điện thoại;Email\n")
            f.write("1;Nguyễn Thị Hương;12/03/1985;Nữ;031185001234;0912345678;huongnt@haiphong.edu.vn\n")
            f.write("2;Trần Văn Nam;05/01/1980;Nam;031080004321;0987654321;namtv@haiphong.edu.vn\n")
        for a in (["--set-unit=name=TRƯỜNG THCS LÊ LỢI"], ["--import-staff=" + csv]):
            p = self.run_cd(*a)
            self.assertEqual(p.returncode, 0, p.stderr)

    def generate(self, *extra, name="de_nghi.docx"):
        return self.run_cd("--generate=cap-moi", "--staff=1,2", "--output=" + self.path(name), *extra)

    def batches(self):
        p = self.run_cd("--list-batches", "--json")
        self.assertEqual(p.returncode, 0, p.stderr)
        return json.loads(p.stdout)

    def test_generate_with_letter(self):
        p = self.generate("--letter=" + LETTER, "--deadline=12/09/2025",
                          "--recipient=" + RECIPIENT, "--channel=email")
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertIn("Đã lưu thành danh sách số 1", p.stdout)
        [b] = self.batches()
        self.assertEqual(b["id"], 1)
        self.assertEqual(b["kind"], "cap-moi")
        self.assertEqual(b["status"], "draft")
        self.assertEqual(b["letter"], LETTER)
        self.assertEqual(b["deadline"], "2025-09-12")
        self.assertEqual(b["deadline_state"], "overdue")
        self.assertLess(b["days_left"], 0)
        self.assertEqual(b["recipient"], RECIPIENT)
        self.assertEqual(b["channel"], "email")
        self.assertEqual(b["people"], 2)
        self.assertEqual(b["file"], self.path("de_nghi.docx"))
        self.assertEqual(b["scans"], [])
        # the text listing, one line a list
        p = self.run_cd("--list-batches")
        self.assertEqual(p.returncode, 0, p.stderr)
        fields = p.stdout.rstrip("\n").split("\t")
        self.assertEqual(fields[0], "1")
        self.assertIn(LETTER, fields)
        self.assertIn("12/09/2025", fields)
        self.assertTrue(any(f.startswith("Quá hạn") for f in fields), fields)

    def test_generate_without_letter_records_no_batch(self):
        p = self.generate()
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertEqual(self.batches(), [])

    def test_bad_options(self):
        p = self.generate("--deadline=31/02/2025")
        self.assertEqual(p.returncode, 2)
        self.assertIn("không phải là ngày", p.stderr)
        p = self.generate("--deadline=2025-09-12")
        self.assertEqual(p.returncode, 2)
        p = self.generate("--letter=" + LETTER, "--channel=fax")
        self.assertEqual(p.returncode, 2)
        self.assertIn("--channel=email, dichvucong, post hoặc truc", p.stderr)
        # refused before anything was written
        self.assertFalse(os.path.exists(self.path("de_nghi.docx")))
        self.assertEqual(self.batches(), [])

    def test_attach_scan(self):
        p = self.generate("--letter=" + LETTER, "--deadline=12/09/2025", "--channel=post")
        self.assertEqual(p.returncode, 0, p.stderr)
        pdf = b"%PDF-1.4\n1 0 obj <<>> endobj\n%%EOF\n"
        scan = self.path("bản quét.pdf")
        with open(scan, "wb") as f:
            f.write(pdf)
        p = self.run_cd("--attach-scan=" + scan, "--batch=1")
        self.assertEqual(p.returncode, 0, p.stderr)
        copy, sha = p.stdout.strip().split("\t")
        self.assertEqual(sha, hashlib.sha256(pdf).hexdigest())
        self.assertTrue(copy.startswith(os.path.join(self.tmp.name, "data", "certdesk", "scans", "1")))
        self.assertEqual(stat.S_IMODE(os.stat(copy).st_mode), 0o600)
        self.assertEqual(stat.S_IMODE(os.stat(os.path.dirname(copy)).st_mode), 0o700)
        with open(copy, "rb") as f:
            self.assertEqual(f.read(), pdf)
        png = self.path("trang2.png")
        with open(png, "wb") as f:
            f.write(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR")
        p = self.run_cd("--attach-scan=" + png, "--batch=1")
        self.assertEqual(p.returncode, 0, p.stderr)
        [b] = self.batches()
        self.assertEqual([s["mime"] for s in b["scans"]], ["application/pdf", "image/png"])
        self.assertEqual(b["scans"][0]["sha256"], sha)
        self.assertEqual(b["scans"][0]["name"], "bản quét.pdf")

    def test_attach_scan_refused(self):
        p = self.generate("--letter=" + LETTER)
        self.assertEqual(p.returncode, 0, p.stderr)
        # a Word file is no scan, whatever its name says
        fake = self.path("scan.pdf")
        with open(self.path("de_nghi.docx"), "rb") as src, open(fake, "wb") as f:
            f.write(src.read())
        p = self.run_cd("--attach-scan=" + fake, "--batch=1")
        self.assertEqual(p.returncode, 1)
        self.assertIn("không phải tệp PDF, JPEG hay PNG", p.stderr)
        p = self.run_cd("--attach-scan=" + self.path("không có.pdf"), "--batch=1")
        self.assertEqual(p.returncode, 1)
        self.assertIn("Không tìm thấy bản quét", p.stderr)
        p = self.run_cd("--attach-scan=" + fake)
        self.assertEqual(p.returncode, 2)
        self.assertIn("--batch=", p.stderr)
        p = self.run_cd("--attach-scan=" + fake, "--batch=9")
        self.assertEqual(p.returncode, 1)
        self.assertIn("số 9", p.stderr)
        [b] = self.batches()
        self.assertEqual(b["scans"], [])

    def test_calendar_deadline(self):
        p = self.generate("--letter=" + LETTER, "--deadline=12/09/2029")
        self.assertEqual(p.returncode, 0, p.stderr)
        uids = []
        for name in ("a.ics", "b.ics"):
            p = self.run_cd("--export-calendar=" + self.path(name))
            self.assertEqual(p.returncode, 0, p.stderr)
            evs = [e for e in events(self.path(name)) if e["UID"].startswith("batch-")]
            self.assertEqual(len(evs), 1, evs)
            self.assertEqual(evs[0]["DTSTART"], "20290912")
            self.assertIn(LETTER, evs[0]["DESCRIPTION"])
            uids.append(evs[0]["UID"])
        self.assertEqual(uids, ["batch-1@certdesk"] * 2)


if __name__ == "__main__":
    unittest.main()
