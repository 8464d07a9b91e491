#!/usr/bin/python3
"""SIM PKI and certificates typed in, headless (issue 14):
`--add-device` checks a device's type and a SIM's carrier and number,
`--add-certificate` stores a certificate entered by hand, listed with
"typed_in": true, and the Cục's bulk sheet takes Nhà mạng, Là chuyển số
and Loại thiết bị from the device the certificate lives on (else its
holder's). The sheet is read back with openpyxl when it is installed,
else straight from its XML (both independent of libxlsxwriter)."""
import json
import os
import re
import sqlite3
import sys
import tempfile
import unittest
import zipfile
from xml.etree import ElementTree

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "common"))
import cdtest  # noqa: E402

run = cdtest.run
NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}


def read_sheet(path):
    """Rows of the first sheet as lists of text."""
    try:
        import openpyxl
    except ImportError:
        openpyxl = None
    if openpyxl is not None:
        ws = openpyxl.load_workbook(path, read_only=True).worksheets[0]
        return [["" if v is None else str(v) for v in row] for row in ws.iter_rows(values_only=True)]
    with zipfile.ZipFile(path) as z:
        shared = []
        if "xl/sharedStrings.xml" in z.namelist():
            root = ElementTree.fromstring(z.read("xl/sharedStrings.xml"))
            shared = ["".join(t.text or "" for t in si.iter("{%s}t" % NS["m"]))
                      for si in root.findall("m:si", NS)]
        root = ElementTree.fromstring(z.read("xl/worksheets/sheet1.xml"))
    rows = []
    for r in root.iter("{%s}row" % NS["m"]):
        cells = {}
        for c in r.findall("m:c", NS):
            col = re.match(r"[A-Z]+", c.get("r")).group(0)
            idx = 0
            for ch in col:
                idx = idx * 26 + ord(ch) - 64
            if c.get("t") == "inlineStr":
                text = "".join(t.text or "" for t in c.iter("{%s}t" % NS["m"]))
            elif c.get("t") == "s":
                text = shared[int(c.find("m:v", NS).text)]
            else:
                v = c.find("m:v", NS)
                text = v.text if v is not None else ""
            cells[idx - 1] = text
        rows.append([cells.get(i, "") for i in range(max(cells) + 1 if cells else 0)])
    return rows


class DevicesTypedIn(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.db = os.path.join(self.tmp.name, "certdesk.db")
        csv = os.path.join(self.tmp.name, "staff.csv")
        with open(csv, "w", encoding="utf-8") as f:
            f.write("STT;Họ và tên;Ngày sinh;Giới tính;Số CCCD;Điện thoại;Email\n")
            f.write("1;Phạm Thị Lan;02/05/1988;Nữ;031188000101;0912000101;lanpt@haiphong.edu.vn\n")
            f.write("2;Hoàng Văn Thái;04/03/1985;Nam;031085000102;0912000102;thaihv@haiphong.edu.vn\n")
            f.write("3;Đỗ Minh Châu;09/11/1990;Nữ;031190000103;0912000103;chaudm@haiphong.edu.vn\n")
        p = self.certdesk("--import-staff=" + csv)
        self.assertEqual(p.returncode, 0, p.stderr)

    def tearDown(self):
        self.tmp.cleanup()

    def certdesk(self, *args, lang="vi"):
        # Dates typed in are days of Hà Nội.
        return run("--database=" + self.db, *args,
                   env={"CERTDESK_UI_LANGUAGE": lang, "TZ": "Asia/Ho_Chi_Minh"})

    def ok(self, *args):
        p = self.certdesk(*args)
        self.assertEqual(p.returncode, 0, p.stderr)
        return p

    def staff_ids(self):
        with sqlite3.connect(self.db) as db:
            return dict(db.execute("SELECT cccd, id FROM staff"))

    def test_device_checks(self):
        p = self.certdesk("--add-device=89840480001", "--device-type=SIM")
        self.assertEqual(p.returncode, 2)
        self.assertIn("nhà mạng", p.stderr)
        p = self.certdesk("--add-device=89840480001", "--device-type=SIM", "--carrier=Viettel",
                          "--phone=02253123456")
        self.assertEqual(p.returncode, 2)
        self.assertIn("02253123456", p.stderr)
        p = self.certdesk("--add-device=B4ID1", "--device-type=TOKEN", "--carrier=Viettel")
        self.assertEqual(p.returncode, 2)
        p = self.certdesk("--add-device=B4ID1", "--device-type=USB")
        self.assertEqual(p.returncode, 2)
        self.assertIn("USB", p.stderr)
        p = self.certdesk("--add-device=B4ID1", "--holder-cccd=999999999999")
        self.assertEqual(p.returncode, 1)
        # Nothing was written by the refusals.
        out = json.loads(self.ok("--list-devices", "--json").stdout)
        self.assertEqual(out["devices"], [])

        out = json.loads(self.ok("--add-device=89840480001", "--device-type=sim", "--carrier=viettel",
                                 "--phone=+84 912 345 678", "--ported", "--holder-cccd=031188000101",
                                 "--json").stdout)
        self.assertEqual((out["type"], out["carrier"], out["phone"], out["ported"], out["holder"]),
                         ("SIM", "Viettel", "0912345678", True, "Phạm Thị Lan"))
        devices = json.loads(self.ok("--list-devices", "--json").stdout)["devices"]
        self.assertEqual(len(devices), 1)
        self.assertEqual((devices[0]["type"], devices[0]["phone"], devices[0]["status"]),
                         ("SIM", "0912345678", "with_holder"))
        p = self.certdesk("--add-device=89840480001", "--device-type=SIM", "--carrier=Viettel",
                          "--phone=0912345678")
        self.assertEqual(p.returncode, 1)

    def test_typed_in(self):
        self.ok("--add-device=B4ID2026000101", "--device-type=TOKEN", "--holder-cccd=031085000102")
        p = self.certdesk("--add-certificate=54A1 0000 0000 0101", "--not-before=01/02/2025",
                          "--not-after=31/01/2030", "--provider=Ban Cơ yếu Chính phủ",
                          "--holder-cccd=031085000102", "--device=B4ID2026000101")
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertIn("54A1000000000101", p.stdout)
        for bad, word in ((("--not-before=31/02/2025", "--not-after=31/01/2030"), "dd/mm/yyyy"),
                          (("--not-before=01/02/2030", "--not-after=31/01/2025"), "trước"),
                          (("--not-before=01/02/2025", "--not-after=31/01/2030", "--device=NONE"), "NONE")):
            p = self.certdesk("--add-certificate=0102", "--provider=VNPT", *bad)
            self.assertEqual(p.returncode, 1, p.stdout)
            self.assertIn(word, p.stderr)
        p = self.certdesk("--add-certificate=54A1000000000101", "--not-before=01/02/2025",
                          "--not-after=31/01/2030", "--provider=Ban Cơ yếu Chính phủ")
        self.assertEqual(p.returncode, 1)
        self.assertIn("54A1000000000101", p.stderr)
        self.ok("--add-certificate=0A0B0C", "--not-before=01/06/2025", "--not-after=01/06/2028",
                "--provider=VNPT", "--purpose=encryption", "--holder-cccd=031085000102")

        certs = {c["serial"]: c for c in json.loads(self.ok("--list-certificates", "--json").stdout)}
        gov = certs["54A1000000000101"]
        self.assertIs(gov["typed_in"], True)
        self.assertEqual((gov["holder"], gov["track"], gov["purpose"], gov["device"]),
                         ("Hoàng Văn Thái", "government", "signing", "B4ID2026000101"))
        self.assertEqual(gov["not_after"], "2030-01-31T16:59:59Z")   # 23:59:59 in Hà Nội
        vnpt = certs["0A0B0C"]
        self.assertEqual((vnpt["track"], vnpt["purpose"], vnpt["typed_in"]), ("public", "encryption", True))

    def test_bulk_sheet_device_columns(self):
        ids = self.staff_ids()
        lan, thai, chau = ids["031188000101"], ids["031085000102"], ids["031190000103"]
        # Lan: a SIM PKI she holds, her certificate on it.
        self.ok("--add-device=89840480002", "--device-type=SIM", "--carrier=MobiFone",
                "--phone=0901234567", "--ported", "--holder-cccd=031188000101")
        self.ok("--add-certificate=54A1000000000201", "--not-before=01/02/2025", "--not-after=31/01/2030",
                "--provider=Ban Cơ yếu Chính phủ", "--holder-cccd=031188000101", "--device=89840480002")
        # Thái: holds a token, but his certificate lives on a remote signing service.
        self.ok("--add-device=B4ID2026000202", "--holder-cccd=031085000102")
        self.ok("--add-device=RSSP-0001", "--device-type=RSSP")
        self.ok("--add-certificate=54A1000000000202", "--not-before=01/02/2025", "--not-after=31/01/2030",
                "--provider=Ban Cơ yếu Chính phủ", "--holder-cccd=031085000102", "--device=RSSP-0001")
        # Châu: no device, no certificate.
        sheet = os.path.join(self.tmp.name, "vgca.xlsx")
        self.ok("--export-bulk-sheet=" + sheet, "--staff=%d,%d,%d" % (lan, thai, chau))
        rows = read_sheet(sheet)
        head = rows[0]
        self.assertEqual(len(head), 19)
        col = {name: head.index(name) for name in ("Họ tên", "Serial CTS cũ", "Nhà mạng",
                                                   "Là chuyển số", "Loại thiết bị")}
        by_name = {r[col["Họ tên"]]: r + [""] * (19 - len(r)) for r in rows[1:]}
        lan_row, thai_row, chau_row = (by_name["Phạm Thị Lan"], by_name["Hoàng Văn Thái"],
                                       by_name["Đỗ Minh Châu"])
        self.assertEqual([lan_row[col[k]] for k in ("Serial CTS cũ", "Nhà mạng", "Là chuyển số", "Loại thiết bị")],
                         ["54A1000000000201", "MobiFone", "Có", "SIM"])
        self.assertEqual([thai_row[col[k]] for k in ("Serial CTS cũ", "Nhà mạng", "Là chuyển số", "Loại thiết bị")],
                         ["54A1000000000202", "", "", "RSSP"])
        self.assertEqual([chau_row[col[k]] for k in ("Serial CTS cũ", "Nhà mạng", "Là chuyển số", "Loại thiết bị")],
                         ["", "", "", "TOKEN"])


if __name__ == "__main__":
    unittest.main()
