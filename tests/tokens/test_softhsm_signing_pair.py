#!/usr/bin/python3
"""A SoftHSM2 token carrying a person's chuyên dùng signing AND
encryption certificates (issue 14), read into the register headless
(`certdesk --read-tokens`, what the window does on plug-in): both are
stored with their purposes and the token as their device, and the
person's certificate everywhere (the device list, the register sheet,
the Cục's bulk sheet) is the SIGNING one, whichever the token lists
first. The test logs in to write the token; CertDesk never does."""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unittest
import zipfile
from xml.etree import ElementTree

BIN = os.environ["CERTDESK_BIN"]
SOFTHSM = "/usr/lib/softhsm/libsofthsm2.so"
PIN = "123456"
SIGN = "54A1000000000001"
ENC = "54A1000000000002"
NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


def sh(*args, env=None, check=True):
    return subprocess.run(args, capture_output=True, text=True, env=env, check=check, timeout=60)


def sheet_texts(path):
    """Every cell's text of the first sheet, row by row."""
    with zipfile.ZipFile(path) as z:
        root = ElementTree.fromstring(z.read("xl/worksheets/sheet1.xml"))
        shared = []
        if "xl/sharedStrings.xml" in z.namelist():
            shared = ["".join(t.text or "" for t in si.iter(NS + "t"))
                      for si in ElementTree.fromstring(z.read("xl/sharedStrings.xml"))]
    rows = []
    for r in root.iter(NS + "row"):
        cells = {}
        for c in r.iter(NS + "c"):
            col = 0
            for ch in re.match(r"[A-Z]+", c.get("r")).group(0):
                col = col * 26 + ord(ch) - 64
            if c.get("t") == "s":
                cells[col - 1] = shared[int(c.find(NS + "v").text)]
            else:
                cells[col - 1] = "".join(t.text or "" for t in c.iter(NS + "t"))
        rows.append([cells.get(i, "") for i in range(max(cells, default=-1) + 1)])
    return rows


@unittest.skipUnless(os.path.exists(SOFTHSM) and shutil.which("pkcs11-tool"),
                     "SoftHSM2 and pkcs11-tool are needed")
class SigningPair(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="certdesk-softhsm-pair-")
        tokdir = os.path.join(self.tmp, "tokens")
        os.mkdir(tokdir)
        conf = os.path.join(self.tmp, "softhsm2.conf")
        with open(conf, "w") as f:
            f.write(f"directories.tokendir = {tokdir}\nobjectstore.backend = file\nlog.level = ERROR\n")
        self.env = dict(os.environ, SOFTHSM2_CONF=conf, TZ="Asia/Ho_Chi_Minh", CERTDESK_UI_LANGUAGE="vi")
        self.env.pop("DISPLAY", None)
        self.env.pop("WAYLAND_DISPLAY", None)
        certs = os.environ["CD_TEST_CERTS"]
        sh("softhsm2-util", "--init-token", "--free", "--label", "Hoang Van Thai",
           "--pin", PIN, "--so-pin", "87654321", env=self.env)
        # The encryption certificate first: the token's order must not decide.
        for i, name in enumerate(("teacher-gov-enc", "teacher-gov-sign")):
            sh("pkcs11-tool", "--module", SOFTHSM, "--token-label", "Hoang Van Thai",
               "--login", "--pin", PIN, "--write-object", os.path.join(certs, name + ".der"),
               "--type", "cert", "--id", "%02x" % (i + 1), "--label", name, env=self.env)
        listing = sh("pkcs11-tool", "--module", SOFTHSM, "-L", env=self.env).stdout
        self.token_serial = re.search(r"serial num\s*:\s*(\S+)", listing).group(1)
        self.db = os.path.join(self.tmp, "certdesk.db")
        csv = os.path.join(self.tmp, "staff.csv")
        with open(csv, "w", encoding="utf-8") as f:
            f.write("STT;Họ và tên;Ngày sinh;Giới tính;Số CCCD;Điện thoại;Email\n")
            f.write("1;Hoàng Văn Thái;04/03/1985;Nam;031085000102;0912000102;thaihv@haiphong.edu.vn\n")
        self.ok("--set-unit=name=Trường THCS Lê Lợi")
        self.ok("--import-staff=" + csv)

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def certdesk(self, *args):
        return sh(BIN, "--database=" + self.db, *args, env=self.env, check=False)

    def ok(self, *args):
        p = self.certdesk(*args)
        self.assertEqual(p.returncode, 0, p.stderr)
        return p

    def test_both_stored_signing_counts(self):
        out = json.loads(self.ok("--read-tokens", "--json", "--pkcs11-module=" + SOFTHSM).stdout)
        mine = [t for t in out if t["serial"] == self.token_serial]
        self.assertEqual(len(mine), 1, out)
        self.assertEqual((mine[0]["certificates"], mine[0]["holder"], mine[0]["device_added"]),
                         (2, "Hoàng Văn Thái", True))

        certs = {c["serial"]: c for c in json.loads(self.ok("--list-certificates", "--json").stdout)}
        self.assertEqual(set(certs), {SIGN, ENC})
        self.assertEqual((certs[SIGN]["purpose"], certs[ENC]["purpose"]), ("signing", "encryption"))
        for c in certs.values():
            self.assertEqual((c["holder"], c["track"], c["device"], c["typed_in"]),
                             ("Hoàng Văn Thái", "government", self.token_serial, False))

        devices = json.loads(self.ok("--list-devices", "--json").stdout)["devices"]
        self.assertEqual([(d["serial"], d["holder"], d["certificate_serial"]) for d in devices],
                         [(self.token_serial, "Hoàng Văn Thái", SIGN)])

        register = os.path.join(self.tmp, "so.xlsx")
        self.ok("--export-register=" + register)
        rows = sheet_texts(register)
        col = rows[0].index("Số hiệu chứng thư số")
        person = next(r for r in rows[1:] if "Hoàng Văn Thái" in r)
        self.assertEqual(person[col], SIGN)
        self.assertIn(self.token_serial, person)

        bulk = os.path.join(self.tmp, "vgca.xlsx")
        self.ok("--export-bulk-sheet=" + bulk, "--staff=1")
        rows = sheet_texts(bulk)
        person = rows[1]
        self.assertEqual(person[rows[0].index("Serial CTS cũ")], SIGN)
        self.assertEqual(person[rows[0].index("Loại thiết bị")], "TOKEN")

        # Read again: nothing new, the same device.
        out = json.loads(self.ok("--read-tokens", "--json", "--pkcs11-module=" + SOFTHSM).stdout)
        mine = [t for t in out if t["serial"] == self.token_serial]
        self.assertEqual((mine[0]["device_added"], mine[0]["serial_updated"]), (False, False))
        self.assertEqual(len(json.loads(self.ok("--list-devices", "--json").stdout)["devices"]), 1)


if __name__ == "__main__":
    unittest.main()
