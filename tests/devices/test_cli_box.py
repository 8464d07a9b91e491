#!/usr/bin/python3
"""certdesk --hand-out-box over the tokens plugged in now (SoftHSM2): the
two tokens of people in the register are handed out at once, the one
whose certificate matches nobody is set aside with the reason; the PDF
holds one Mẫu 07 per person, two copies each, then the notice to the
Cục; a second run finds both already handed. --devices names devices
received in stock instead."""
import json
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

BIN = os.environ["CERTDESK_BIN"]
SOFTHSM = "/usr/lib/softhsm/libsofthsm2.so"
PIN = "12345678"
# certificate file (tests/tokens/make-certs.sh) → token label
TOKENS = {"gov": "HOP-1", "future": "HOP-2", "vnpt": "HOP-3"}


def sh(*args, env=None, check=True):
    return subprocess.run(args, capture_output=True, text=True, env=env, check=check, timeout=120)


@unittest.skipUnless(os.path.exists(SOFTHSM) and shutil.which("pkcs11-tool")
                     and shutil.which("pdftotext"), "SoftHSM2, pkcs11-tool and pdftotext are needed")
class HandOutBox(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="certdesk-box-")
        tokdir = os.path.join(self.tmp, "tokens")
        os.mkdir(tokdir)
        conf = os.path.join(self.tmp, "softhsm2.conf")
        with open(conf, "w") as f:
            f.write(f"directories.tokendir = {tokdir}\nobjectstore.backend = file\nlog.level = ERROR\n")
        self.env = dict(os.environ, SOFTHSM2_CONF=conf, CERTDESK_UI_LANGUAGE="vi")
        self.env.pop("DISPLAY", None)
        self.env.pop("WAYLAND_DISPLAY", None)
        certs = os.environ["CD_TEST_CERTS"]
        for i, (name, label) in enumerate(TOKENS.items()):
            sh("softhsm2-util", "--init-token", "--free", "--label", label,
               "--pin", PIN, "--so-pin", "87654321", env=self.env)
            sh("pkcs11-tool", "--module", SOFTHSM, "--token-label", label, "--login", "--pin", PIN,
               "--write-object", os.path.join(certs, name + ".der"), "--type", "cert",
               "--id", "%02x" % (i + 1), env=self.env)
        self.db = os.path.join(self.tmp, "certdesk.db")
        csv = os.path.join(self.tmp, "staff.csv")
        with open(csv, "w", encoding="utf-8") as f:
            f.write("STT;Họ và tên;Ngày sinh;Chức vụ;Số CCCD;Email\n")
            f.write("1;Nguyễn Thị Hồng Nhung;12/03/1985;Giáo viên;031185001234;nhungnth@haiphong.edu.vn\n")
            f.write("2;Lê Thị Mai;20/11/1990;Nhân viên văn thư;031190007777;mailt@haiphong.edu.vn\n")
        for a in (["--set-unit=name=TRƯỜNG THCS LÊ LỢI", "--set-unit=signer=Nguyễn Thị Thu Hà",
                   "--set-unit=signer_title=HIỆU TRƯỞNG"], ["--import-staff=" + csv]):
            p = self.run_cd(*a)
            self.assertEqual(p.returncode, 0, p.stderr)

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def run_cd(self, *args):
        return sh(BIN, "--database=" + self.db, *args, env=self.env, check=False)

    def test_box_of_tokens(self):
        pdf = os.path.join(self.tmp, "ban-giao.pdf")
        p = self.run_cd("--hand-out-box", "--output=" + pdf, "--pkcs11-module=" + SOFTHSM)
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertIn("Nguyễn Thị Hồng Nhung", p.stdout)
        self.assertIn("Lê Thị Mai", p.stdout)
        self.assertRegex(p.stdout, r"Để riêng \S+: .*không khớp với ai", p.stdout)
        self.assertEqual(stat.S_IMODE(os.stat(pdf).st_mode), 0o600)

        pages = sh("pdftotext", "-layout", pdf, "-").stdout.split("\f")
        minutes = [pg for pg in pages if "BIÊN BẢN" in pg]
        # One Mẫu 07 per person, two copies each, the copies side by side.
        self.assertEqual(len(minutes), 4, [pg[:200] for pg in pages])
        self.assertEqual(sum("Nguyễn Thị Hồng Nhung" in pg for pg in minutes), 2)
        self.assertEqual(sum("Lê Thị Mai" in pg for pg in minutes), 2)
        self.assertNotIn("Trần Đức Anh", "".join(pages))
        notice = [pg for pg in pages if "THÔNG BÁO" in pg]
        self.assertEqual(len(notice), 1)
        self.assertIn("Cục Chứng thực số và Bảo mật thông tin", " ".join(notice[0].split()))
        self.assertIn("đã bàn giao 2 thiết bị", " ".join(notice[0].split()))
        self.assertTrue(pages.index(notice[0]) > pages.index(minutes[-1]), "the notice comes last")

        with sqlite3.connect(self.db) as c:
            rows = c.execute("SELECT s.full_name FROM handover_events e JOIN staff s ON s.id = e.staff_id"
                             " WHERE e.kind = 'hand_to_holder' ORDER BY s.full_name").fetchall()
        self.assertEqual([r[0] for r in rows], ["Lê Thị Mai", "Nguyễn Thị Hồng Nhung"])

        # The same box again: both already handed, nothing written.
        again = os.path.join(self.tmp, "lan-2.pdf")
        p = self.run_cd("--hand-out-box", "--output=" + again, "--pkcs11-module=" + SOFTHSM)
        self.assertEqual(p.returncode, 1)
        self.assertEqual(p.stdout.count("Đã bàn giao cho"), 2, p.stdout)
        self.assertFalse(os.path.exists(again))

    def test_devices_in_stock(self):
        p = self.run_cd("--add-device=HOP-KHO-01")
        self.assertEqual(p.returncode, 0, p.stderr)
        p = self.run_cd("--list-devices", "--json")
        ids = {d["serial"]: d["id"] for d in json.loads(p.stdout)["devices"]}
        pdf = os.path.join(self.tmp, "kho.pdf")
        p = self.run_cd("--hand-out-box", "--output=" + pdf, "--devices=%d" % ids["HOP-KHO-01"])
        # Its certificate was never read: set aside, nothing handed.
        self.assertEqual(p.returncode, 1)
        self.assertIn("HOP-KHO-01", p.stdout)
        self.assertFalse(os.path.exists(pdf))
        p = self.run_cd("--hand-out-box", "--output=" + pdf, "--devices=một,hai")
        self.assertEqual(p.returncode, 2)
        p = self.run_cd("--hand-out-box")
        self.assertEqual(p.returncode, 2)


if __name__ == "__main__":
    unittest.main(verbosity=2)
