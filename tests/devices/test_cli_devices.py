#!/usr/bin/python3
"""certdesk --list-devices [--json] over a register the clerk has used:
statuses, holders, the certificate on each held device, and the open
recovery tasks with the overdue ones counted."""
import json
import os
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "common"))
import cdtest  # noqa: E402

FIXTURE = sys.argv.pop(1)
BIN = os.environ["CERTDESK_BIN"]


run = cdtest.run


class ListDevices(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        cls.db = os.path.join(cls.tmp.name, "certdesk.db")
        subprocess.run([FIXTURE, cls.db, cls.tmp.name], check=True, timeout=60)

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def test_json(self):
        p = run("--database", self.db, "--list-devices", "--json")
        self.assertEqual(p.returncode, 0, p.stderr)
        data = json.loads(p.stdout)
        devices = {d["serial"]: d for d in data["devices"]}
        self.assertEqual(len(devices), 6)
        # Long serials are text: the leading zeros survive.
        self.assertIn("0042000000000004", devices)
        expect = {
            "B4ID2026000001": ("returned", None),
            "B4ID2026000002": ("returned", None),
            "B4ID2026000003": ("returned", None),
            "0042000000000004": ("in_stock", None),
            "B4ID2026000005": ("lost", "Đỗ Thị Dung"),
            "B4ID2026000006": ("with_holder", "Nguyễn Văn An"),
        }
        for serial, (status, holder) in expect.items():
            self.assertEqual(devices[serial]["status"], status, serial)
            self.assertEqual(devices[serial]["holder"], holder, serial)
        self.assertEqual(devices["B4ID2026000006"]["certificate_serial"], "5403A1B2C3D4E5F60701")
        self.assertIsNone(devices["0042000000000004"]["certificate_serial"])
        self.assertEqual(devices["B4ID2026000006"]["status_label"], "Đang giao cho cán bộ")
        # Mẫu 08 closed three tasks, the loss closed none (none was open);
        # the one left is due 09/03/2026 (notice on Monday 02/03).
        self.assertEqual(len(data["tasks"]), 1)
        task = data["tasks"][0]
        self.assertEqual(task["device_serial"], "B4ID2026000006")
        self.assertEqual(task["holder"], "Nguyễn Văn An")
        self.assertEqual(task["due"], "2026-03-09")
        self.assertGreater(task["overdue_working_days"], 0)
        self.assertEqual(data["overdue"], 1)

    def test_text_vietnamese(self):
        p = run("--database", self.db, "--list-devices")
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertIn("B4ID2026000005 · TOKEN · Thất lạc · người giữ: Đỗ Thị Dung", p.stdout)
        self.assertIn("0042000000000004 · TOKEN · Trong kho", p.stdout)
        self.assertIn("09/03/2026", p.stdout)
        self.assertIn("QUÁ HẠN", p.stdout)

    def test_handover_notice(self):
        """The notice to the Cục lists the handovers of the period only,
        in order, as a PDF that a reader shows."""
        out = os.path.join(self.tmp.name, "thong-bao.pdf")
        p = run("--database", self.db, "--handover-notice", out,
                "--from", "01/01/2026", "--to", "11/01/2026")
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertEqual(os.stat(out).st_mode & 0o777, 0o600)
        layout = subprocess.run(["pdftotext", "-layout", out, "-"], capture_output=True,
                                text=True, check=True).stdout
        text = " ".join(layout.split())
        self.assertIn("THÔNG BÁO", text)
        self.assertIn("Cục Chứng thực số và Bảo mật thông tin", text)
        self.assertIn("từ ngày 01/01/2026 đến ngày 11/01/2026", text)
        # Serials and dates stay whole on their line.
        for serial in ("B4ID2026000001", "B4ID2026000002", "B4ID2026000003", "10/01/2026"):
            self.assertIn(serial, layout)
        # Handed on 12/01: outside the period.
        self.assertNotIn("B4ID2026000005", text)
        self.assertNotIn("B4ID2026000006", text)
        for name in ("Nguyễn Văn An", "Lê Thị Bình", "Trần Văn Cường"):
            self.assertIn(name, text)
        self.assertIn("10/01/2026", text)
        info = subprocess.run(["pdfinfo", out], capture_output=True, text=True).stdout
        self.assertIn("595.276 x 841.89 pts (A4)", info)
        # A numbered document, addressed, signed by a title in capitals.
        self.assertRegex(text, r"Số: …+/…+")
        # Nghị định 30/2020: the number under the unit's name, on the line
        # of the place and date (it stood alone at the left margin)
        self.assertRegex(layout, r"(?m)^ +Số: …+/…+ +\S.*, ngày \d\d tháng \d\d năm \d{4}$")
        # "Nơi nhận" at the left, level with the signer's title (it
        # followed the signer's name), the places under it
        self.assertRegex(layout, r"(?m)^Nơi nhận: +HIỆU TRƯỞNG$")
        self.assertRegex(layout, r"(?m)^- Như trên; +\(Ký, ghi rõ họ tên, đóng dấu\)$")
        self.assertRegex(layout, r"(?m)^- Lưu: VT\.$")
        self.assertIn("HIỆU TRƯỞNG", text)
        self.assertNotIn("Hiệu trưởng", text)

        # Not overwritten without --force; the register records the file.
        p = run("--database", self.db, "--handover-notice", out, "--from", "12/01/2026",
                "--to", "31/01/2026")
        self.assertNotEqual(p.returncode, 0)
        self.assertIn("--force", p.stderr)
        p = run("--database", self.db, "--handover-notice", out, "--from", "12/01/2026",
                "--to", "31/01/2026", "--force")
        self.assertEqual(p.returncode, 0, p.stderr)
        text = subprocess.run(["pdftotext", "-layout", out, "-"], capture_output=True,
                              text=True, check=True).stdout
        self.assertIn("B4ID2026000005", text)
        self.assertIn("B4ID2026000006", text)
        self.assertNotIn("B4ID2026000001", text)

    def test_handover_notice_bad_input(self):
        out = os.path.join(self.tmp.name, "none.pdf")
        p = run("--database", self.db, "--handover-notice", out,
                "--from", "01/06/2026", "--to", "30/06/2026")
        self.assertNotEqual(p.returncode, 0)
        self.assertIn("không có gì để thông báo", p.stderr)
        self.assertFalse(os.path.exists(out))
        p = run("--database", self.db, "--handover-notice", out, "--from", "32/13/2026")
        self.assertNotEqual(p.returncode, 0)
        self.assertIn("không phải là ngày", p.stderr)
        p = run("--database", self.db, "--handover-notice", out,
                "--from", "31/01/2026", "--to", "01/01/2026")
        self.assertNotEqual(p.returncode, 0)
        self.assertIn("không hợp lệ", p.stderr)

    def test_link_device(self):
        """--link-device says which of the holder's certificates is on a
        device (issue 16), or none; another person's is refused."""
        tmp = tempfile.TemporaryDirectory()
        self.addCleanup(tmp.cleanup)
        db = os.path.join(tmp.name, "certdesk.db")
        subprocess.run([FIXTURE, db, tmp.name], check=True, timeout=60)

        def on(serial):
            p = run("--database", db, "--list-devices", "--json")
            self.assertEqual(p.returncode, 0, p.stderr)
            return {d["serial"]: d for d in json.loads(p.stdout)["devices"]}[serial]["certificate_serial"]

        self.assertEqual(on("B4ID2026000006"), "5403A1B2C3D4E5F60701")
        p = run("--database", db, "--link-device", "B4ID2026000006", "--certificate", "none")
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertIn("B4ID2026000006", p.stdout)
        self.assertIsNone(on("B4ID2026000006"))
        # Serials compared whatever their case.
        p = run("--database", db, "--link-device", "B4ID2026000006",
                "--certificate", "5403a1b2c3d4e5f60701", "--json")
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertEqual(json.loads(p.stdout)["certificate_serial"], "5403A1B2C3D4E5F60701")
        self.assertEqual(on("B4ID2026000006"), "5403A1B2C3D4E5F60701")
        p = run("--database", db, "--list-devices")
        self.assertIn("5403A1B2C3D4E5F60701", p.stdout)
        # Lê Thị Bình's certificate is not An's to carry; nothing changes.
        p = run("--database", db, "--link-device", "B4ID2026000006", "--certificate", "5403A1B2C3D4E5F60702")
        self.assertEqual(p.returncode, 1)
        self.assertIn("5403A1B2C3D4E5F60702", p.stderr)
        self.assertEqual(on("B4ID2026000006"), "5403A1B2C3D4E5F60701")
        p = run("--database", db, "--link-device", "KHONGCO", "--certificate", "none")
        self.assertEqual(p.returncode, 1)
        self.assertIn("KHONGCO", p.stderr)
        p = run("--database", db, "--link-device", "B4ID2026000006")
        self.assertEqual(p.returncode, 2)
        self.assertIn("--certificate", p.stderr)

    def test_empty_register(self):
        db = os.path.join(self.tmp.name, "empty.db")
        p = run("--database", db, "--list-devices", "--json")
        self.assertEqual(p.returncode, 0, p.stderr)
        data = json.loads(p.stdout)
        self.assertEqual(data["devices"], [])
        self.assertEqual(data["tasks"], [])
        self.assertEqual(os.stat(db).st_mode & 0o777, 0o600)


if __name__ == "__main__":
    unittest.main(verbosity=2)
