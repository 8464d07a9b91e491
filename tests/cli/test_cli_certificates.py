#!/usr/bin/python3
"""certdesk --list-certificates [--json] on a real register: a teacher
with a chuyên dùng signing and encryption pair and a VNPT certificate,
and one certificate nobody holds. Each line says what the certificate is
for (purpose), who issued it (track), its holder and status."""
import json
import os
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "common"))
import cdtest  # noqa: E402

run = cdtest.run


class CertificatesCli(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.db = os.path.join(self.tmp.name, "certdesk.db")
        # made once by the build (tests/tokens/make-certs.sh); read only
        self.certs = os.environ["CD_TEST_CERTS"]
        csv = os.path.join(self.tmp.name, "staff.csv")
        with open(csv, "w", encoding="utf-8") as f:
            f.write("STT;Họ và tên;Ngày sinh;Giới tính;Số CCCD;Điện thoại;Email\n")
            f.write("1;Hoàng Văn Thái;04/03/1985;Nam;;;thaihv@haiphong.edu.vn\n")
        p = self.certdesk("--import-staff=" + csv)
        self.assertEqual(p.returncode, 0, p.stderr)
        for name in ("teacher-gov-sign.der", "teacher-gov-enc.der", "teacher-vnpt.der",
                     "expiring.der"):
            p = self.certdesk("--import-certificate=" + os.path.join(self.certs, name))
            self.assertEqual(p.returncode, 0, p.stderr)

    def tearDown(self):
        self.tmp.cleanup()

    def certdesk(self, *args, lang="vi"):
        return run("--database=" + self.db, *args, env={"CERTDESK_UI_LANGUAGE": lang})

    def test_json(self):
        p = self.certdesk("--list-certificates", "--json")
        self.assertEqual(p.returncode, 0, p.stderr)
        out = {c["serial"]: c for c in json.loads(p.stdout)}
        self.assertEqual(len(out), 4)
        keys = {"serial", "holder_kind", "holder", "purpose", "track", "provider",
                "not_before", "not_after", "status", "device"}
        for c in out.values():
            self.assertEqual(set(c), keys)

        sign = out["54A1000000000001"]
        self.assertEqual(sign["holder_kind"], "person")
        self.assertEqual(sign["holder"], "Hoàng Văn Thái")
        self.assertEqual(sign["purpose"], "signing")
        self.assertEqual(sign["track"], "government")
        self.assertEqual(sign["provider"], "Ban Cơ yếu Chính phủ")
        self.assertEqual(sign["status"], "expiring")
        self.assertIsNone(sign["device"])
        self.assertRegex(sign["not_after"], r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")

        enc = out["54A1000000000002"]
        self.assertEqual((enc["purpose"], enc["track"], enc["holder"]),
                         ("encryption", "government", "Hoàng Văn Thái"))

        vnpt = out["5404A1B2C3D4E5F60718"]
        self.assertEqual((vnpt["purpose"], vnpt["track"], vnpt["provider"], vnpt["status"]),
                         ("signing", "public", "VNPT", "valid"))

        nobody = out["FF"]
        self.assertEqual(nobody["holder_kind"], "none")
        self.assertIsNone(nobody["holder"])
        self.assertEqual(nobody["track"], "public")

    def test_plain_vietnamese(self):
        p = self.certdesk("--list-certificates")
        self.assertEqual(p.returncode, 0, p.stderr)
        lines = p.stdout.splitlines()
        self.assertEqual(len(lines), 4, p.stdout)
        sign = next(line for line in lines if line.startswith("54A1000000000001"))
        self.assertIn("Hoàng Văn Thái", sign)
        self.assertIn("Ký số", sign)
        self.assertIn("Chuyên dùng", sign)
        enc = next(line for line in lines if line.startswith("54A1000000000002"))
        self.assertIn("Mã hóa", enc)
        vnpt = next(line for line in lines if line.startswith("5404A1B2C3D4E5F60718"))
        self.assertIn("Công cộng", vnpt)
        nobody = next(line for line in lines if line.startswith("FF "))
        self.assertIn("chưa gắn", nobody)

    def test_empty(self):
        empty = os.path.join(self.tmp.name, "empty.db")
        p = run("--database=" + empty, "--list-certificates", "--json")
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertEqual(json.loads(p.stdout), [])
        p = run("--database=" + empty, "--list-certificates",
                env={"CERTDESK_UI_LANGUAGE": "vi"})
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertIn("chưa có chứng thư số", p.stdout)


if __name__ == "__main__":
    unittest.main(verbosity=2)
