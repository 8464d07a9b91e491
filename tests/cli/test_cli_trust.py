#!/usr/bin/python3
"""Issue 20, D6 through the command line: a forged revocation list signed
by a self-signed look-alike of the genuine CA (same DN, another key, met
in a .p7b) must not revoke a genuine certificate, and the clerk is told
the list was not applied and why; authorities are trusted only when the
clerk accepts their SHA-256 fingerprint (--trust-ca). A certificate file
whose signature does not verify against its known issuer is refused.

The fixtures are made here with the openssl command line (an independent
writer of X.509, CRLs and PKCS#7)."""
import json
import os
import shutil
import subprocess
import tempfile
import unittest

BIN = os.environ["CERTDESK_BIN"]
CA_DN = "/C=VN/O=Ban Cơ yếu Chính phủ/OU=Cục Chứng thực số và Bảo mật thông tin/CN=CA phục vụ các cơ quan Nhà nước G2"
KEY = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes"]
CNF = """[ ca ]
default_ca = CA_default
[ CA_default ]
dir = $ENV::CADIR
database = $dir/index.txt
new_certs_dir = $dir
serial = $dir/serial
crlnumber = $dir/crlnumber
default_md = sha256
policy = pol
unique_subject = no
email_in_dn = yes
[ pol ]
countryName = optional
organizationName = optional
organizationalUnitName = optional
commonName = supplied
emailAddress = optional
[ req ]
distinguished_name = dn
[ dn ]
"""


def openssl(*args, cwd, env=None):
    p = subprocess.run(["openssl", *args], cwd=cwd, capture_output=True, text=True,
                       env=dict(os.environ, **dict({"CADIR": "."}, **(env or {}))))
    if p.returncode != 0:
        raise AssertionError("openssl %s: %s" % (args[0], p.stderr))


def fingerprint(path, cwd):
    p = subprocess.run(["openssl", "x509", "-in", path, "-noout", "-fingerprint", "-sha256"],
                       cwd=cwd, capture_output=True, text=True, check=True)
    return p.stdout.strip().split("=", 1)[1].replace(":", "")


def grouped(fp):
    return " ".join(fp[i:i + 4] for i in range(0, 64, 4))


class ForgedCrl(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="certdesk-cli-trust-")
        d = cls.d = cls.tmp
        with open(os.path.join(d, "ca.cnf"), "w", encoding="utf-8") as f:
            f.write(CNF)
        for ca in ("genuine", "fake"):
            os.makedirs(os.path.join(d, ca))
            open(os.path.join(d, ca, "index.txt"), "w").close()
            with open(os.path.join(d, ca, "crlnumber"), "w") as f:
                f.write("01\n")
            # Both self-signed with the same DN; openssl adds SKI and AKI.
            openssl("req", "-x509", "-utf8", "-config", "ca.cnf", *KEY,
                    "-keyout", ca + "/ca.key", "-out", ca + "/ca.pem", "-days", "3650",
                    "-subj", CA_DN, "-addext", "basicConstraints=critical,CA:TRUE",
                    "-addext", "keyUsage=critical,keyCertSign,cRLSign", cwd=d)
        # A genuine certificate of the genuine CA.
        with open(os.path.join(d, "genuine", "serial"), "w") as f:
            f.write("5401F2A1B2C3D4E5\n")
        with open(os.path.join(d, "leaf.ext"), "w") as f:
            f.write("keyUsage=critical,digitalSignature,nonRepudiation\n")
        openssl("req", "-new", "-utf8", "-config", "ca.cnf", *KEY, "-keyout", "leaf.key", "-out", "leaf.csr",
                "-subj", "/C=VN/O=Trường THCS Lê Lợi/CN=Nguyễn Thị Hồng Nhung/emailAddress=nhungnth@haiphong.edu.vn",
                cwd=d)
        openssl("ca", "-batch", "-utf8", "-notext", "-config", "ca.cnf", "-cert", "genuine/ca.pem",
                "-keyfile", "genuine/ca.key", "-in", "leaf.csr", "-out", "leaf.pem", "-extfile", "leaf.ext",
                "-days", "700", cwd=d, env={"CADIR": "genuine"})
        openssl("x509", "-in", "leaf.pem", "-outform", "DER", "-out", "leaf.cer", cwd=d)
        # The look-alike arrives in a .p7b, as from a provider's bundle.
        openssl("crl2pkcs7", "-nocrl", "-certfile", "fake/ca.pem", "-outform", "DER", "-out", "bundle.p7b", cwd=d)
        # The look-alike lists the genuine certificate's serial.
        openssl("ca", "-config", "ca.cnf", "-cert", "fake/ca.pem", "-keyfile", "fake/ca.key",
                "-revoke", "leaf.pem", "-crl_reason", "keyCompromise", cwd=d, env={"CADIR": "fake"})
        openssl("ca", "-config", "ca.cnf", "-cert", "fake/ca.pem", "-keyfile", "fake/ca.key",
                "-gencrl", "-crldays", "30", "-out", "forged.crl", cwd=d, env={"CADIR": "fake"})
        # And the genuine CA's own list, revoking nothing.
        openssl("ca", "-config", "ca.cnf", "-cert", "genuine/ca.pem", "-keyfile", "genuine/ca.key",
                "-gencrl", "-crldays", "30", "-out", "genuine.crl", cwd=d, env={"CADIR": "genuine"})
        # A person's self-signed certificate: "req -x509" marks it CA:TRUE.
        openssl("req", "-x509", "-utf8", "-config", "ca.cnf", *KEY, "-keyout", "self.key", "-out", "self.pem",
                "-days", "400", "-subj", "/C=VN/CN=Nguyễn Thị Hồng Nhung/emailAddress=nhungnth@haiphong.edu.vn",
                cwd=d)
        cls.genuine_fp = fingerprint("genuine/ca.pem", d)
        cls.fake_fp = fingerprint("fake/ca.pem", d)
        # The genuine certificate with one byte of its signature changed.
        with open(os.path.join(d, "leaf.cer"), "rb") as f:
            der = bytearray(f.read())
        der[-1] ^= 0x5A
        with open(os.path.join(d, "altered.cer"), "wb") as f:
            f.write(der)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def setUp(self):
        self.db = os.path.join(self.tmp, "register-%s.sqlite" % self._testMethodName)
        csv = os.path.join(self.tmp, "staff.csv")
        with open(csv, "w", encoding="utf-8") as f:
            f.write("STT;Họ và tên;Ngày sinh;Giới tính;Số CCCD;Điện thoại;Email\n")
            f.write("1;Nguyễn Thị Hồng Nhung;;;;;nhungnth@haiphong.edu.vn\n")
        p = self.run_cd("--import-staff=" + csv)
        self.assertEqual(p.returncode, 0, p.stderr)

    def run_cd(self, *args, lang="en"):
        env = dict(os.environ, CERTDESK_UI_LANGUAGE=lang)
        env.pop("DISPLAY", None)
        env.pop("WAYLAND_DISPLAY", None)
        return subprocess.run([BIN, "--database=" + self.db, *args], capture_output=True,
                              text=True, env=env, timeout=60)

    def path(self, name):
        return os.path.join(self.d, name)

    def status_of_leaf(self):
        p = self.run_cd("--json", "--list-certificates")
        self.assertEqual(p.returncode, 0, p.stderr)
        rows = [c for c in json.loads(p.stdout) if c["serial"] == "5401F2A1B2C3D4E5"]
        self.assertEqual(len(rows), 1)
        return rows[0]["status"]

    def test_forged_crl_from_lookalike(self):
        # The genuine CA, accepted once by its fingerprint, and its certificate.
        p = self.run_cd("--import-certificate=" + self.path("genuine/ca.pem"), lang="vi")
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertIn(grouped(self.genuine_fp), p.stdout)
        self.assertIn("chưa được tin cậy", p.stdout)
        p = self.run_cd("--trust-ca=" + grouped(self.genuine_fp).lower(), lang="vi")
        self.assertEqual(p.returncode, 0, p.stderr)
        p = self.run_cd("--import-certificate=" + self.path("leaf.cer"))
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertEqual(self.status_of_leaf(), "valid")

        # The look-alike from a .p7b: recorded, not trusted, and said so.
        p = self.run_cd("--json", "--import-certificate=" + self.path("bundle.p7b"))
        self.assertEqual(p.returncode, 0, p.stderr)
        out = json.loads(p.stdout)
        self.assertEqual([o["linked_by"] for o in out], ["ca_untrusted"])
        self.assertIn(grouped(self.fake_fp), out[0]["message"])
        p = self.run_cd("--json", "--list-cas")
        self.assertEqual(p.returncode, 0, p.stderr)
        cas = {c["fingerprint_sha256"]: c["trusted"] for c in json.loads(p.stdout)}
        self.assertEqual(cas, {self.genuine_fp: True, self.fake_fp: False})

        # Its list names the genuine certificate: not applied, and why.
        p = self.run_cd("--import-crl=" + self.path("forged.crl"), lang="vi")
        self.assertEqual(p.returncode, 1, p.stdout)
        self.assertIn("không được áp dụng", p.stderr)
        self.assertIn(grouped(self.fake_fp), p.stderr)
        self.assertIn("giả mạo", p.stderr)
        self.assertEqual(self.status_of_leaf(), "valid")

        # The genuine CA's own list is applied.
        p = self.run_cd("--json", "--import-crl=" + self.path("genuine.crl"))
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertEqual(json.loads(p.stdout)["revoked"], 0)
        self.assertEqual(self.status_of_leaf(), "valid")

        # Trusting the look-alike too is the clerk's explicit act, warned.
        p = self.run_cd("--trust-ca=" + self.fake_fp, lang="vi")
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertIn("khóa khác", p.stderr)

    def test_lookalike_alone_is_not_trusted(self):
        # Only the look-alike and the genuine certificate: the look-alike
        # is not the certificate's issuer and never becomes an anchor.
        p = self.run_cd("--import-certificate=" + self.path("bundle.p7b"))
        self.assertEqual(p.returncode, 0, p.stderr)
        p = self.run_cd("--import-certificate=" + self.path("leaf.cer"))
        self.assertEqual(p.returncode, 0, p.stderr)
        p = self.run_cd("--import-crl=" + self.path("forged.crl"))
        self.assertEqual(p.returncode, 1, p.stdout)
        self.assertIn("not applied", p.stderr)
        self.assertIn(grouped(self.fake_fp), p.stderr)
        self.assertEqual(self.status_of_leaf(), "valid")
        p = self.run_cd("--trust-ca=" + self.genuine_fp)
        self.assertEqual(p.returncode, 1)
        self.assertIn("No certificate authority with this fingerprint", p.stderr)
        p = self.run_cd("--trust-ca=0123", lang="vi")
        self.assertEqual(p.returncode, 1)

    def test_self_signed_person_still_linked(self):
        p = self.run_cd("--json", "--import-certificate=" + self.path("self.pem"))
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertEqual(json.loads(p.stdout)[0]["linked_by"], "email")
        p = self.run_cd("--json", "--list-cas")
        self.assertEqual(json.loads(p.stdout), [])

    def test_altered_certificate_refused(self):
        p = self.run_cd("--import-certificate=" + self.path("genuine/ca.pem"))
        self.assertEqual(p.returncode, 0, p.stderr)
        p = self.run_cd("--import-certificate=" + self.path("altered.cer"), lang="vi")
        self.assertEqual(p.returncode, 1, p.stdout)
        self.assertIn("5401F2A1B2C3D4E5", p.stderr)
        self.assertIn("chữ ký", p.stderr)
        p = self.run_cd("--json", "--list-certificates")
        self.assertEqual([c["serial"] for c in json.loads(p.stdout) if c["serial"] == "5401F2A1B2C3D4E5"], [])


if __name__ == "__main__":
    unittest.main()
