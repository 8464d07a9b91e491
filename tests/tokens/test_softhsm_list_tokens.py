#!/usr/bin/python3
"""SoftHSM2 as a real token: certificates made by the openssl command line
are written with pkcs11-tool (the TEST logs in to write; CertDesk never
does), then `certdesk --list-tokens --json` must report every field as
`openssl x509` reads it."""
import datetime
import json
import os
import re
import shutil
import subprocess
import tempfile
import unittest

BIN = os.environ["CERTDESK_BIN"]
SOFTHSM = "/usr/lib/softhsm/libsofthsm2.so"
PIN = "123456"

# name → token it goes on
CERTS = {
    "gov": "Nguyễn Thị Nhung",
    "expired": "Nguyễn Thị Nhung",
    "vnpt": "Trần Đức Anh",
    "future": "Trần Đức Anh",
    "expiring": "Trần Đức Anh",
}


def sh(*args, env=None, check=True):
    return subprocess.run(args, capture_output=True, text=True, env=env,
                          check=check, timeout=60)


def openssl(pem, *opts):
    return sh("openssl", "x509", "-in", pem, "-noout", *opts).stdout.strip()


@unittest.skipUnless(os.path.exists(SOFTHSM) and shutil.which("pkcs11-tool"),
                     "SoftHSM2 and pkcs11-tool are needed")
class SoftHSMListTokens(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="certdesk-softhsm-")
        tokdir = os.path.join(cls.tmp, "tokens")
        os.mkdir(tokdir)
        conf = os.path.join(cls.tmp, "softhsm2.conf")
        with open(conf, "w") as f:
            f.write(f"directories.tokendir = {tokdir}\n"
                    "objectstore.backend = file\nlog.level = ERROR\n")
        cls.env = dict(os.environ, SOFTHSM2_CONF=conf, TZ="Asia/Ho_Chi_Minh")
        cls.env.pop("DISPLAY", None)
        cls.env.pop("WAYLAND_DISPLAY", None)
        # made once by the build (tests/tokens/make-certs.sh); read only
        cls.certs = os.environ["CD_TEST_CERTS"]
        for label in sorted(set(CERTS.values())):
            sh("softhsm2-util", "--init-token", "--free", "--label", label,
               "--pin", PIN, "--so-pin", "87654321", env=cls.env)
        for i, (name, label) in enumerate(CERTS.items()):
            sh("pkcs11-tool", "--module", SOFTHSM, "--token-label", label,
               "--login", "--pin", PIN, "--write-object",
               os.path.join(cls.certs, name + ".der"), "--type", "cert",
               "--id", "%02x" % (i + 1), "--label", name, env=cls.env)
        listing = sh("pkcs11-tool", "--module", SOFTHSM, "-L", env=cls.env).stdout
        cls.serials = dict(re.findall(
            r"token label\s*:\s*(.+?)\s*\n(?:.*\n)*?\s*serial num\s*:\s*(\S+)", listing))
        p = sh(BIN, "--list-tokens", "--json", "--pkcs11-module=" + SOFTHSM,
               env=cls.env, check=False)
        assert p.returncode == 0, p.stderr
        cls.out = json.loads(p.stdout)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def tokens(self):
        return [t for t in self.out["tokens"] if t["module_path"].endswith("libsofthsm2.so")]

    def test_tokens_listed_once(self):
        toks = self.tokens()
        self.assertEqual(sorted(t["label"] for t in toks), sorted(set(CERTS.values())))
        for t in toks:
            self.assertEqual(t["manufacturer"], "SoftHSM project")
            self.assertEqual(t["model"], "SoftHSM v2")
            self.assertEqual(t["serial"], self.serials[t["label"]])
            want = sorted(n for n, l in CERTS.items() if l == t["label"])
            self.assertEqual(len(t["certificates"]), len(want), t["label"])

    def find(self, name):
        pem = os.path.join(self.certs, name + ".pem")
        fp = openssl(pem, "-fingerprint", "-sha256").split("=", 1)[1].replace(":", "")
        for t in self.tokens():
            for c in t["certificates"]:
                if c["fingerprint_sha256"] == fp:
                    self.assertEqual(t["label"], CERTS[name])
                    return c, pem
        self.fail(f"certificate {name} not listed")

    def test_every_field_matches_openssl(self):
        now = datetime.datetime.now(datetime.timezone.utc)
        tz = datetime.timezone(datetime.timedelta(hours=7))
        for name in CERTS:
            with self.subTest(cert=name):
                c, pem = self.find(name)
                serial = openssl(pem, "-serial").split("=", 1)[1]
                # Exactly as openssl prints it (the 00 sign byte of the
                # DER integer is not part of the number).
                self.assertEqual(c["serial"], serial)
                self.assertEqual(c["serial"], c["serial"].upper())
                subject = openssl(pem, "-subject", "-nameopt",
                                  "utf8,sep_multiline,sname").splitlines()[1:]
                attrs = [s.strip() for s in subject]
                self.assertEqual(c["subject"], attrs)
                cn = [a.split("=", 1)[1] for a in attrs if a.startswith("CN=")]
                self.assertEqual(c["holder"], cn[0])
                self.assertEqual(c["ou"], [a.split("=", 1)[1] for a in attrs if a.startswith("OU=")])
                self.assertEqual(c["uid"], [a.split("=", 1)[1] for a in attrs if a.startswith("UID=")])
                dn_mail = [a.split("=", 1)[1] for a in attrs if a.startswith("emailAddress=")]
                san_mail = openssl(pem, "-email").splitlines()
                self.assertEqual(c["email"], (dn_mail or san_mail)[0])
                end = datetime.datetime.strptime(
                    openssl(pem, "-enddate").split("=", 1)[1], "%b %d %H:%M:%S %Y %Z"
                ).replace(tzinfo=datetime.timezone.utc)
                start = datetime.datetime.strptime(
                    openssl(pem, "-startdate").split("=", 1)[1], "%b %d %H:%M:%S %Y %Z"
                ).replace(tzinfo=datetime.timezone.utc)
                self.assertEqual(c["not_after"], end.astimezone(tz).strftime("%d/%m/%Y"))
                self.assertEqual(c["not_after_utc"], end.strftime("%Y-%m-%dT%H:%M:%SZ"))
                self.assertEqual(c["not_before_utc"], start.strftime("%Y-%m-%dT%H:%M:%SZ"))
                left = (end - now).total_seconds() / 86400
                self.assertLessEqual(abs(c["days_left"] - left), 1.01)
                if now > end:
                    want = "expired"
                elif now < start:
                    want = "not_yet_valid"
                elif left < 60:
                    want = "expiring"
                else:
                    want = "valid"
                self.assertEqual(c["status"], want)
                issuer = openssl(pem, "-issuer", "-nameopt", "utf8,sep_multiline,sname").splitlines()[1:]
                issuer = dict(s.strip().split("=", 1) for s in issuer)
                self.assertEqual(c["issuer_cn"], issuer["CN"])
                self.assertEqual(c["issuer_o"], issuer["O"])
                self.assertEqual(c["provider"], "VNPT" if "VNPT" in issuer["O"] else "Ban Cơ yếu Chính phủ")
                ext = openssl(pem, "-ext", "keyUsage")
                signing = "Digital Signature" in ext or "Non Repudiation" in ext
                enc = "Key Encipherment" in ext or "Data Encipherment" in ext
                self.assertEqual(c["key_usage"], "+".join(
                    k for k, on in (("signing", signing), ("encryption", enc)) if on))
                crl = openssl(pem, "-ext", "crlDistributionPoints")
                self.assertEqual(c["crl_urls"], re.findall(r"URI:(\S+)", crl))
                aia = openssl(pem, "-ext", "authorityInfoAccess")
                self.assertEqual(c["ocsp_urls"], re.findall(r"OCSP - URI:(\S+)", aia))

    def test_specific_shapes(self):
        c, _ = self.find("vnpt")
        self.assertEqual(c["serial"], "8F0102030405060708090A0B0C0D0E0F101112")
        self.assertEqual(c["cccd"], "031085001234")
        self.assertEqual(c["mst"], "0201234567-199")
        self.assertEqual(c["email"], "anhtd@dongaedu.vn")     # only in the SAN
        c, _ = self.find("gov")
        self.assertEqual(c["email"], "nhungnth@haiphong.edu.vn")  # only in the DN
        self.assertEqual(c["ou"], ["Sở Giáo dục và Đào tạo", "Trường THCS Lê Lợi"])
        self.assertEqual(self.find("expired")[0]["status"], "expired")
        self.assertEqual(self.find("future")[0]["status"], "not_yet_valid")
        self.assertEqual(self.find("expiring")[0]["status"], "expiring")

    def test_linked_staff(self):
        db = os.path.join(self.tmp, "register.sqlite")
        csv = os.path.join(self.tmp, "staff.csv")
        with open(csv, "w", encoding="utf-8") as f:
            f.write("STT;Họ và tên;Ngày sinh;Giới tính;Số CCCD;Điện thoại;Email\n")
            f.write("1;Nguyễn Thị Hồng Nhung;;;;;nhungnth@haiphong.edu.vn\n")
        for args in (["--import-staff=" + csv],
                     ["--import-certificate=" + os.path.join(self.certs, "gov.der")]):
            p = sh(BIN, "--database=" + db, *args, env=self.env, check=False)
            self.assertEqual(p.returncode, 0, p.stderr)
        p = sh(BIN, "--database=" + db, "--list-tokens", "--json",
               "--pkcs11-module=" + SOFTHSM, env=self.env, check=False)
        self.assertEqual(p.returncode, 0, p.stderr)
        out = json.loads(p.stdout)
        linked = {c["serial"]: c["linked_staff"] for t in out["tokens"] for c in t["certificates"]}
        self.assertEqual(linked["5401F2A1B2C3D4E5"]["full_name"], "Nguyễn Thị Hồng Nhung")
        self.assertIsNone(linked["0A1B2C3D"])
        # Listing never creates a register.
        other = os.path.join(self.tmp, "none.sqlite")
        p = sh(BIN, "--database=" + other, "--list-tokens", env=self.env, check=False)
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertFalse(os.path.exists(other))

    def test_text_output(self):
        p = sh(BIN, "--list-tokens", "--pkcs11-module=" + SOFTHSM, env=self.env, check=False)
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertIn("Trần Đức Anh", p.stdout)
        self.assertIn("8F0102030405060708090A0B0C0D0E0F101112", p.stdout)
        self.assertIn("01/01/2023", p.stdout)   # expired's not-after, local time


if __name__ == "__main__":
    unittest.main()
