#!/usr/bin/python3
"""certdesk --import-certificate / --import-crl, headless, on a real
register: certificates made by the openssl command line are stored and
linked to staff imported from a CSV; a CRL marks them revoked only once
its issuer's certificate is known and its signature checks."""
import json
import os
import shutil
import subprocess
import tempfile
import time
import unittest

BIN = os.environ["CERTDESK_BIN"]


class CliImport(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="certdesk-cli-import-")
        # made once by the build (tests/tokens/make-certs.sh); read only
        self.certs = os.environ["CD_TEST_CERTS"]
        self.db = os.path.join(self.tmp, "register.sqlite")
        csv = os.path.join(self.tmp, "staff.csv")
        with open(csv, "w", encoding="utf-8") as f:
            f.write("STT;Họ và tên;Ngày sinh;Giới tính;Số CCCD;Điện thoại;Email\n")
            f.write("1;Nguyễn Thị Hồng Nhung;;;;;nhungnth@haiphong.edu.vn\n")
            f.write("2;Trần Đức Anh;;;031085001234;;anh.tran@haiphong.edu.vn\n")
        p = self.run_cd("--import-staff=" + csv)
        self.assertEqual(p.returncode, 0, p.stderr)

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def run_cd(self, *args, lang="en"):
        env = dict(os.environ, CERTDESK_UI_LANGUAGE=lang)
        env.pop("DISPLAY", None)
        env.pop("WAYLAND_DISPLAY", None)
        return subprocess.run([BIN, "--database=" + self.db, *args], capture_output=True,
                              text=True, env=env, timeout=60)

    def cert(self, name):
        return os.path.join(self.certs, name)

    def test_import_and_link(self):
        p = self.run_cd("--json", "--import-certificate=" + self.cert("gov.der"))
        self.assertEqual(p.returncode, 0, p.stderr)
        out = json.loads(p.stdout)
        self.assertEqual(len(out), 1)
        self.assertEqual(out[0]["serial"], "5401F2A1B2C3D4E5")
        self.assertEqual(out[0]["linked_by"], "email")
        self.assertEqual(out[0]["staff_name"], "Nguyễn Thị Hồng Nhung")

        p = self.run_cd("--json", "--import-certificate=" + self.cert("vnpt.pem"))
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertEqual(json.loads(p.stdout)[0]["linked_by"], "cccd")

        p = self.run_cd("--import-certificate=" + self.cert("expiring.der"), lang="vi")
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertIn("chưa được gắn", p.stdout)

    def test_bad_files(self):
        bad = os.path.join(self.tmp, "bad.cer")
        with open(bad, "wb") as f:
            f.write(b"not a certificate")
        p = self.run_cd("--import-certificate=" + bad, lang="vi")
        self.assertEqual(p.returncode, 1)
        self.assertIn("không phải tệp chứng thư số", p.stderr)
        p = self.run_cd("--import-crl=" + bad, lang="vi")
        self.assertEqual(p.returncode, 1)
        self.assertIn("không phải danh sách thu hồi", p.stderr)

    def test_crl(self):
        p = self.run_cd("--import-certificate=" + self.cert("expired.der"))
        self.assertEqual(p.returncode, 0, p.stderr)
        # Issuer unknown: nothing is changed, the clerk is told why.
        p = self.run_cd("--import-crl=" + self.cert("vgca.crl"), lang="vi")
        self.assertEqual(p.returncode, 1)
        self.assertIn("Không kiểm tra được danh sách thu hồi", p.stderr)
        p = self.run_cd("--import-certificate=" + self.cert("vgca-ca.der"))
        self.assertEqual(p.returncode, 0, p.stderr)
        # The clerk accepts the authority once (issue 20).
        p = self.run_cd("--json", "--list-cas")
        self.assertEqual(p.returncode, 0, p.stderr)
        p = self.run_cd("--trust-ca=" + json.loads(p.stdout)[0]["fingerprint_sha256"])
        self.assertEqual(p.returncode, 0, p.stderr)
        # Same issuer name, another key.
        p = self.run_cd("--import-crl=" + self.cert("forged.crl.pem"), lang="vi")
        self.assertEqual(p.returncode, 1)
        self.assertIn("giả mạo", p.stderr)
        p = self.run_cd("--json", "--import-crl=" + self.cert("vgca.crl"))
        self.assertEqual(p.returncode, 0, p.stderr)
        out = json.loads(p.stdout)
        self.assertEqual(out["listed"], 2)
        self.assertEqual(out["revoked"], 1)
        self.assertEqual(out["serials"], ["0A1B2C3D"])


class ListTokensHangingModule(unittest.TestCase):
    """A vendor module stuck in a call must not stop --list-tokens from
    answering: it waits at most 3 s, says the list may be incomplete, and
    exits."""

    def test_hanging_module(self):
        tmp = tempfile.mkdtemp(prefix="certdesk-hang-")
        try:
            with open(os.path.join(tmp, "c.ctl"), "w") as f:
                f.write("hang C_GetSlotList 20000\n")
            mock = os.path.join(os.environ["MESON_BUILD_ROOT"], "tests", "tokens", "mock-pkcs11-c.so")
            env = dict(os.environ, CD_MOCK_PKCS11_DIR=tmp, CERTDESK_UI_LANGUAGE="vi")
            env.pop("DISPLAY", None)
            t0 = time.monotonic()
            p = subprocess.run([BIN, "--list-tokens", "--json", "--pkcs11-module=" + mock,
                                "--database=" + os.path.join(tmp, "none.sqlite")],
                               capture_output=True, text=True, env=env, timeout=30)
            elapsed = time.monotonic() - t0
            self.assertEqual(p.returncode, 0, p.stderr)
            self.assertLess(elapsed, 6)
            self.assertIn("danh sách có thể chưa đầy đủ", p.stderr)
            self.assertNotIn("CRITICAL", p.stderr)
            self.assertEqual(json.loads(p.stdout)["tokens"], [])
        finally:
            shutil.rmtree(tmp, ignore_errors=True)

    def test_pin_state(self):
        """--list-tokens reads the PIN flags without logging in: JSON has
        pin_state, the plain listing says it in Vietnamese."""
        tmp = tempfile.mkdtemp(prefix="certdesk-pin-")
        try:
            with open(os.path.join(tmp, "b.ctl"), "w") as f:
                f.write("slot 0 LOCK01 Khoa\npin 0 locked\n"
                        "slot 1 LAST01 Cuoi\npin 1 final-try\n"
                        "slot 2 LOW001 Thap\npin 2 count-low\n"
                        "slot 3 OK0001 Thuong\n")
            mock = os.path.join(os.environ["MESON_BUILD_ROOT"], "tests", "tokens", "mock-pkcs11-b.so")
            env = dict(os.environ, CD_MOCK_PKCS11_DIR=tmp, CERTDESK_UI_LANGUAGE="vi")
            env.pop("DISPLAY", None)
            args = [BIN, "--list-tokens", "--pkcs11-module=" + mock,
                    "--database=" + os.path.join(tmp, "none.sqlite")]
            p = subprocess.run(args + ["--json"], capture_output=True, text=True, env=env, timeout=30)
            self.assertEqual(p.returncode, 0, p.stderr)
            states = {t["serial"]: t["pin_state"] for t in json.loads(p.stdout)["tokens"]
                      if t["module"] == "mock-pkcs11-b"}
            self.assertEqual(states, {"LOCK01": "locked", "LAST01": "final_try",
                                      "LOW001": "count_low", "OK0001": "ok"})
            p = subprocess.run(args, capture_output=True, text=True, env=env, timeout=30)
            self.assertEqual(p.returncode, 0, p.stderr)
            self.assertIn("Token đã bị khóa PIN", p.stdout)
            self.assertIn("Còn một lần nhập PIN", p.stdout)
            self.assertIn("Đã nhập sai PIN nhiều lần", p.stdout)
            self.assertFalse(os.path.exists(os.path.join(tmp, "b.violations")),
                             "the mock saw a forbidden call (C_Login?)")
        finally:
            shutil.rmtree(tmp, ignore_errors=True)


class ListTokensRevoked(unittest.TestCase):
    """A certificate the register holds as revoked (its CRL imported)
    is said so by --list-tokens in the window's words (cd-token-notice):
    "Trạng thái: Đã thu hồi" and "(đã thu hồi)" beside its end date, not
    "Đã hết hạn" and a count of days from the token's copy."""

    def test_revoked_in_the_register(self):
        tmp = tempfile.mkdtemp(prefix="certdesk-revoked-")
        try:
            certs = os.environ["CD_TEST_CERTS"]
            with open(os.path.join(tmp, "a.ctl"), "w") as f:
                f.write("slot 0 TOK001 Khoa %s\n" % os.path.join(certs, "expired.der"))
            mock = os.path.join(os.environ["MESON_BUILD_ROOT"], "tests", "tokens", "mock-pkcs11-a.so")
            env = dict(os.environ, CD_MOCK_PKCS11_DIR=tmp, CERTDESK_UI_LANGUAGE="vi")
            env.pop("DISPLAY", None)
            db = "--database=" + os.path.join(tmp, "r.sqlite")
            for arg in ("--import-certificate=" + os.path.join(certs, "expired.der"),
                        "--import-certificate=" + os.path.join(certs, "vgca-ca.der")):
                p = subprocess.run([BIN, db, arg], capture_output=True, text=True, env=env, timeout=60)
                self.assertEqual(p.returncode, 0, p.stderr)
            # the CRL counts only under an authority the clerk accepted
            p = subprocess.run([BIN, db, "--json", "--list-cas"],
                               capture_output=True, text=True, env=env, timeout=60)
            self.assertEqual(p.returncode, 0, p.stderr)
            for arg in ("--trust-ca=" + json.loads(p.stdout)[0]["fingerprint_sha256"],
                        "--import-crl=" + os.path.join(certs, "vgca.crl")):
                p = subprocess.run([BIN, db, arg], capture_output=True, text=True, env=env, timeout=60)
                self.assertEqual(p.returncode, 0, p.stderr)
            p = subprocess.run([BIN, db, "--list-tokens", "--pkcs11-module=" + mock],
                               capture_output=True, text=True, env=env, timeout=30)
            self.assertEqual(p.returncode, 0, p.stderr)
            self.assertIn("Trạng thái: Đã thu hồi", p.stdout)
            self.assertIn("(đã thu hồi)", p.stdout)
            self.assertNotIn("ngày)", p.stdout)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    unittest.main()
