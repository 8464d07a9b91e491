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
                "not_before", "not_after", "status", "device", "typed_in"}
        for c in out.values():
            self.assertEqual(set(c), keys)
            self.assertIs(c["typed_in"], False)   # read from files

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


class HoldersCli(unittest.TestCase):
    """Issue 14: the unit's seal and a service's certificate, headless.
    The certificates are made for the unit TRƯỜNG THCS LÊ LỢI, tax code
    0200654321 (tests/tokens/make-certs.sh)."""

    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.db = os.path.join(self.tmp.name, "certdesk.db")
        self.certs = os.environ["CD_TEST_CERTS"]
        p = self.certdesk("--set-unit=name=TRƯỜNG THCS LÊ LỢI", "--set-unit=tax_code=0200654321",
                          "--set-unit=email=c2leloi.lechan@haiphong.edu.vn")
        self.assertEqual(p.returncode, 0, p.stderr)
        csv = os.path.join(self.tmp.name, "staff.csv")
        with open(csv, "w", encoding="utf-8") as f:
            f.write("STT;Họ và tên;Ngày sinh;Giới tính;Số CCCD;Điện thoại;Email\n")
            f.write("1;Hoàng Văn Thái;04/03/1985;Nam;031085004321;;thaihv@haiphong.edu.vn\n")
            # the duty officer: the desk's certificate carries her email
            f.write("2;Bùi Thị Lan;12/09/1990;Nữ;031190004567;;motcua.lechan@haiphong.gov.vn\n")
        p = self.certdesk("--import-staff=" + csv)
        self.assertEqual(p.returncode, 0, p.stderr)

    def tearDown(self):
        self.tmp.cleanup()

    def certdesk(self, *args, lang="vi"):
        return run("--database=" + self.db, *args, env={"CERTDESK_UI_LANGUAGE": lang})

    def import_cert(self, name):
        p = self.certdesk("--import-certificate=" + os.path.join(self.certs, name))
        self.assertEqual(p.returncode, 0, p.stderr)
        return p.stdout

    def listed(self):
        p = self.certdesk("--list-certificates", "--json")
        self.assertEqual(p.returncode, 0, p.stderr)
        return {c["serial"]: c for c in json.loads(p.stdout)}

    def services(self):
        p = self.certdesk("--list-services", "--json")
        self.assertEqual(p.returncode, 0, p.stderr)
        return json.loads(p.stdout)

    def test_seal_to_unit(self):
        out = self.import_cert("seal.der")
        self.assertIn("5405EA1000000001", out)
        self.assertIn("con dấu điện tử của đơn vị TRƯỜNG THCS LÊ LỢI", out)
        self.import_cert("seal-mst.der")
        self.import_cert("teacher-vnpt.der")
        certs = self.listed()
        for serial in ("5405EA1000000001", "5405EA1000000004"):
            self.assertEqual(certs[serial]["holder_kind"], "unit")
            self.assertEqual(certs[serial]["holder"], "TRƯỜNG THCS LÊ LỢI")
        self.assertEqual(certs["5404A1B2C3D4E5F60718"]["holder_kind"], "person")
        self.assertEqual(certs["5404A1B2C3D4E5F60718"]["holder"], "Hoàng Văn Thái")
        p = self.certdesk("--list-certificates")
        line = next(x for x in p.stdout.splitlines() if x.startswith("5405EA1000000001"))
        self.assertIn("TRƯỜNG THCS LÊ LỢI (con dấu của đơn vị)", line)

    def test_former_name(self):
        p = self.certdesk("--set-unit=former_names=Trường THCS Hàng Kênh")
        self.assertEqual(p.returncode, 0, p.stderr)
        self.import_cert("seal-former.der")
        self.assertEqual(self.listed()["5405EA1000000002"]["holder_kind"], "unit")

    def test_services(self):
        self.assertEqual(self.services(), [])
        for _ in range(2):   # idempotent by name
            p = self.certdesk("--add-service=Bộ phận Một cửa", "--add-service=BỘ PHẬN  MỘT CỬA")
            self.assertEqual(p.returncode, 0, p.stderr)
        self.assertIn("đã có", p.stdout)
        services = self.services()
        self.assertEqual([s["name"] for s in services], ["Bộ phận Một cửa"])
        self.assertEqual(services[0]["certificates"], [])

        out = self.import_cert("onestop.der")
        self.assertIn("Bộ phận Một cửa", out)
        desk = self.listed()["5405EA1000000005"]
        self.assertEqual((desk["holder_kind"], desk["holder"]), ("service", "Bộ phận Một cửa"))
        self.assertEqual(self.services()[0]["certificates"], ["5405EA1000000005"])
        p = self.certdesk("--list-services")
        self.assertIn("Bộ phận Một cửa · 5405EA1000000005", p.stdout)

    def test_service_offered_then_given(self):
        out = self.import_cert("onestop.der")
        self.assertIn("dịch vụ", out)
        desk = self.listed()["5405EA1000000005"]
        # never the duty officer's, though it carries her email
        self.assertEqual((desk["holder_kind"], desk["holder"]), ("none", None))

        p = self.certdesk("--set-holder=5405EA1000000005", "--holder=service:Bộ phận Một cửa")
        self.assertEqual(p.returncode, 1)
        self.assertIn("--add-service", p.stderr)
        self.certdesk("--add-service=Bộ phận Một cửa")
        p = self.certdesk("--set-holder=54:05:ea:10:00:00:00:05", "--holder=service:bộ phận một cửa")
        self.assertEqual(p.returncode, 0, p.stderr)
        desk = self.listed()["5405EA1000000005"]
        self.assertEqual((desk["holder_kind"], desk["holder"]), ("service", "Bộ phận Một cửa"))

    def test_set_holder(self):
        self.import_cert("teacher-vnpt.der")
        serial = "5404A1B2C3D4E5F60718"

        def holder():
            c = self.listed()[serial]
            return c["holder_kind"], c["holder"]

        self.assertEqual(holder(), ("person", "Hoàng Văn Thái"))
        p = self.certdesk("--set-holder=" + serial, "--holder=unit")
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertIn("con dấu điện tử", p.stdout)
        self.assertEqual(holder(), ("unit", "TRƯỜNG THCS LÊ LỢI"))
        p = self.certdesk("--set-holder=" + serial, "--holder=none")
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertEqual(holder(), ("none", None))
        p = self.certdesk("--set-holder=" + serial, "--holder=person:031190004567")
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertEqual(holder(), ("person", "Bùi Thị Lan"))

        p = self.certdesk("--set-holder=" + serial, "--holder=someone")
        self.assertEqual(p.returncode, 2)
        p = self.certdesk("--set-holder=" + serial)
        self.assertEqual(p.returncode, 2)
        p = self.certdesk("--set-holder=" + serial, "--holder=person:001099000000")
        self.assertEqual(p.returncode, 1)
        p = self.certdesk("--set-holder=ABCDEF", "--holder=unit")
        self.assertEqual(p.returncode, 1)
        self.assertIn("ABCDEF", p.stderr)
        self.assertEqual(holder(), ("person", "Bùi Thị Lan"))

    def test_pass_device(self):
        """The one-stop desk's token passes from one duty officer to the
        next with the minutes (Mẫu 07), recorded for both."""
        import sqlite3
        import zipfile
        con = sqlite3.connect(self.db)
        with con:
            con.execute("INSERT INTO devices (token_serial, type, status) VALUES ('MC0000000001', 'TOKEN', 'in_stock')")
        con.close()
        lan, thai = "031190004567", "031085004321"
        a = os.path.join(self.tmp.name, "a.docx")
        b = os.path.join(self.tmp.name, "b.pdf")

        # Not a service's device yet: a person's token never passes.
        p = self.certdesk("--pass-device=MC0000000001", "--to=" + lan)
        self.assertEqual(p.returncode, 1)
        self.assertIn("MC0000000001", p.stderr)
        p = self.certdesk("--pass-device=MC0000000001", "--to=001099000000")
        self.assertEqual(p.returncode, 2)

        self.certdesk("--add-service=Bộ phận Một cửa")
        p = self.certdesk("--pass-device=MC0000000001", "--to=" + lan, "--service=Bộ phận Một cửa",
                          "--date=02/02/2026", "--minutes=" + a)
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertIn("Bùi Thị Lan", p.stdout)
        self.assertTrue(os.path.exists(a))
        p = self.certdesk("--pass-device=MC0000000001", "--to=" + thai, "--date=03/02/2026",
                          "--minutes=" + b)
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertIn("từ Bùi Thị Lan cho Hoàng Văn Thái", p.stdout)
        with open(b, "rb") as f:
            self.assertEqual(f.read(5), b"%PDF-")
        with zipfile.ZipFile(a) as z:
            self.assertIn("Bùi Thị Lan", z.read("word/document.xml").decode("utf-8"))
        # Again to the one who has it: refused.
        p = self.certdesk("--pass-device=MC0000000001", "--to=" + thai, "--date=04/02/2026")
        self.assertEqual(p.returncode, 1)

        con = sqlite3.connect(self.db)
        try:
            kinds = [r[0] for r in con.execute(
                "SELECT e.kind FROM handover_events e JOIN devices d ON d.id = e.device_id"
                " WHERE d.token_serial = 'MC0000000001' ORDER BY e.id")]
            holder = con.execute("SELECT s.full_name FROM devices d JOIN staff s ON s.id = d.holder_id"
                                 " WHERE d.token_serial = 'MC0000000001'").fetchone()
        finally:
            con.close()
        self.assertEqual(kinds, ["hand_to_holder", "take_back", "hand_to_holder"])
        self.assertEqual(holder, ("Hoàng Văn Thái",))


if __name__ == "__main__":
    unittest.main(verbosity=2)
