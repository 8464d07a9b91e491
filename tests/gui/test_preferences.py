#!/usr/bin/python3
"""Preferences, driven over AT-SPI from the first-run page as a clerk
would: the unit's details with the live document header preview, saved to
the register, and the desktop icon made from the General page."""
import json
import os
import sqlite3
import stat
import sys
import tempfile
import unittest
import shutil

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "common"))
import cdtest  # noqa: E402
import pyatspi  # noqa: E402

APP_ID = "io.github.certdesk.CertDesk"


press = cdtest.press
set_text = cdtest.set_text
toplevel = cdtest.toplevel


def unit_name(db):
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        row = con.execute("SELECT name, parent_name FROM unit WHERE id = 1").fetchone()
        return row
    except sqlite3.Error:
        return None
    finally:
        con.close()


class Preferences(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp()
        self.desktop = os.path.join(self.tmp, "Màn hình")
        config = os.path.join(self.tmp, "config")
        os.makedirs(config)
        # Where GLib looks for the desktop folder of this session.
        with open(os.path.join(config, "user-dirs.dirs"), "w") as f:
            f.write(f'XDG_DESKTOP_DIR="{self.desktop}"\n')
        pyatspi.Registry.getDesktop(0).childCount
        self.app = cdtest.App(env={"XDG_CONFIG_HOME": config})
        self.db = os.path.join(self.app.home, "data", "certdesk", "certdesk.db")

    def tearDown(self):
        self.app.close()
        shutil.rmtree(self.tmp, ignore_errors=True)

    def test_unit_details_and_desktop_icon(self):
        win = self.app.window()
        start = cdtest.wait_for(lambda: cdtest.find(win, role="push button", contains="thông tin đơn vị"),
                                what="the first-run button to enter the unit's details")
        press(start)
        prefs = toplevel(self.app, "Tùy chỉnh")

        name = cdtest.wait_for(lambda: cdtest.find(prefs, role="text", name="Tên đơn vị (ví dụ TRƯỜNG THCS LÊ LỢI)"),
                               what="the unit name field")
        set_text(name, "TRƯỜNG THCS LÊ LỢI")
        parent = cdtest.get(prefs, role="text", name="Đơn vị quản lý (ví dụ UBND PHƯỜNG LÊ CHÂN)")
        self.assertIsNotNone(parent, "the managing body field")
        set_text(parent, "UBND PHƯỜNG LÊ CHÂN")
        # The header of every document, as it will be printed, while typing.
        cdtest.wait_for(lambda: cdtest.find(prefs, role="label", contains="TRƯỜNG THCS LÊ LỢI"),
                        what="the unit's name in the header preview")
        cdtest.wait_for(lambda: cdtest.find(prefs, role="label", contains="UBND PHƯỜNG LÊ CHÂN"),
                        what="the managing body in the header preview")
        cdtest.screenshot("preferences-unit")
        self.assertIsNone(unit_name(self.db) and unit_name(self.db)[0], "nothing saved before Save")

        # Issue 14: the codes and the focal person, normalised on save.
        set_text(cdtest.get(prefs, role="text", name="Mã số thuế (10 chữ số)"), "0201 234 567")
        set_text(cdtest.get(prefs, role="text", name="Số CCCD (12 chữ số)"), "031185000009")
        set_text(cdtest.get(prefs, role="text", name="Ngày cấp CCCD (ngày/tháng/năm)"), "05/01/2022")

        press(cdtest.wait_for(lambda: cdtest.find(prefs, role="push button", contains="Lưu thông tin đơn vị"),
                              what="the Save button of the unit's details"))
        cdtest.wait_for(lambda: unit_name(self.db) == ("TRƯỜNG THCS LÊ LỢI", "UBND PHƯỜNG LÊ CHÂN") or None,
                        what="the unit's details in the register")
        con = sqlite3.connect(f"file:{self.db}?mode=ro", uri=True)
        try:
            row = con.execute("SELECT tax_code, focal_cccd, focal_cccd_date FROM unit").fetchone()
        finally:
            con.close()
        self.assertEqual(row, ("0201234567", "031185000009", "2022-01-05"))

        # General page: the desktop icon.
        cdtest.select_tab(prefs, "Chung")
        press(cdtest.wait_for(lambda: cdtest.find(prefs, role="push button", name="Tạo biểu tượng trên màn hình"),
                              what="the desktop icon button"))
        icon = os.path.join(self.desktop, APP_ID + ".desktop")
        cdtest.wait_for(lambda: os.path.exists(icon) or None, what="the desktop icon")
        mode = os.stat(icon).st_mode
        self.assertTrue(mode & stat.S_IXUSR, "the launcher is executable")
        with open(icon, encoding="utf-8") as f:
            text = f.read()
        entry = dict(line.split("=", 1) for line in text.splitlines() if "=" in line)
        # The program that made it, and its icon (a theme name once
        # installed, a file from an uninstalled build).
        self.assertTrue(os.path.exists(entry["Exec"].split()[0]), entry["Exec"])
        self.assertTrue(entry["Icon"] == APP_ID or
                        (entry["Icon"].endswith(APP_ID + ".svg") and os.path.exists(entry["Icon"])), entry["Icon"])
        self.assertEqual(entry["Name"], "Quản lý chứng thư số")
        self.assertEqual(self.app.quit(), 0)

    def test_unit_certificates(self):
        """Issue 14: the unit's seal and its services' certificates are
        shown in Preferences, and a service is added there by name."""
        self.app.close()
        db = os.path.join(self.tmp, "certdesk.db")
        certs = os.environ["CD_TEST_CERTS"]
        for args in (("--set-unit=name=TRƯỜNG THCS LÊ LỢI", "--set-unit=tax_code=0200654321"),
                     ("--import-certificate=" + os.path.join(certs, "seal.der"),),
                     ("--import-certificate=" + os.path.join(certs, "onestop.der"),)):
            p = cdtest.run("--database=" + db, *args)
            self.assertEqual(p.returncode, 0, p.stderr)
        self.app = cdtest.App("--database", db)
        win = self.app.window()
        press(cdtest.wait_for(lambda: cdtest.find(win, role="push button", contains="thông tin đơn vị"),
                              what="the button to the unit's details"))
        prefs = toplevel(self.app, "Tùy chỉnh")
        cdtest.wait_for(lambda: cdtest.find(prefs, contains="Chứng thư số của đơn vị"),
                        what="the unit's certificates group")
        cdtest.wait_for(lambda: cdtest.find(prefs, contains="5405EA1000000001"),
                        what="the seal's serial")
        cdtest.wait_for(lambda: cdtest.find(prefs, contains="TRƯỜNG THCS LÊ LỢI (con dấu của đơn vị)"),
                        what="the seal's holder")
        # The desk's certificate was offered for a service, not listed yet.
        self.assertIsNone(cdtest.find(prefs, contains="5405EA1000000005"))

        set_text(cdtest.get(prefs, role="text", name="Thêm bộ phận dịch vụ (ví dụ: Bộ phận Một cửa)"),
                 "Bộ phận Một cửa")
        press(cdtest.get(prefs, role="push button", name="Thêm bộ phận dịch vụ"))
        cdtest.wait_for(lambda: cdtest.find(prefs, contains="Bộ phận dịch vụ: Bộ phận Một cửa"),
                        what="the new service in the group")
        cdtest.screenshot("preferences-unit-certificates")
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
        try:
            self.assertEqual(con.execute("SELECT name FROM services").fetchall(), [("Bộ phận Một cửa",)])
        finally:
            con.close()
        # Given to the service headless, it shows after a reopen.
        self.assertEqual(self.app.quit(), 0)
        p = cdtest.run("--database=" + db, "--set-holder=5405EA1000000005", "--holder=service:Bộ phận Một cửa")
        self.assertEqual(p.returncode, 0, p.stderr)
        self.app.close()
        self.app = cdtest.App("--database", db)
        win = self.app.window()
        press(cdtest.wait_for(lambda: cdtest.find(win, role="push button", contains="thông tin đơn vị"),
                              what="the button to the unit's details"))
        prefs = toplevel(self.app, "Tùy chỉnh")
        cdtest.wait_for(lambda: cdtest.find(prefs, contains="Bộ phận Một cửa (dịch vụ)"),
                        what="the desk's certificate under its service")
        self.assertIsNotNone(cdtest.find(prefs, contains="5405EA1000000005"))
        self.assertEqual(self.app.quit(), 0)

    def test_trust_authority(self):
        """Issue 20, D6: an authority imported from a file is listed not
        trusted with its SHA-256 fingerprint in groups; trusting it is an
        explicit act in a dialog that shows the fingerprint again."""
        self.app.close()
        db = os.path.join(self.tmp, "certdesk.db")
        ca = os.path.join(os.environ["CD_TEST_CERTS"], "vgca-ca.der")
        p = cdtest.run("--database=" + db, "--import-certificate=" + ca)
        self.assertEqual(p.returncode, 0, p.stderr)
        p = cdtest.run("--database=" + db, "--list-cas", "--json")
        self.assertEqual(p.returncode, 0, p.stderr)
        fp = json.loads(p.stdout)[0]["fingerprint_sha256"]
        grouped = " ".join(fp[i:i + 4] for i in range(0, 64, 4))
        self.app = cdtest.App("--database", db)
        win = self.app.window()
        press(cdtest.wait_for(lambda: cdtest.find(win, role="push button", contains="thông tin đơn vị"),
                              what="the button to the unit's details"))
        prefs = toplevel(self.app, "Tùy chỉnh")
        cdtest.wait_for(lambda: cdtest.find(prefs, contains="Tổ chức chứng thực (CA)"),
                        what="the certificate authorities group")
        cdtest.wait_for(lambda: cdtest.find(prefs, contains=grouped), what="the authority's grouped fingerprint")
        cdtest.wait_for(lambda: cdtest.find(prefs, contains="Chưa tin cậy"), what="its state, not trusted")
        press(cdtest.get(prefs, role="push button", contains="Tin cậy", rows=True))
        dialog = cdtest.wait_for(
            lambda: next((w for w in (self.app.app.getChildAtIndex(i) for i in range(self.app.app.childCount))
                          if w is not None and cdtest.find(w, contains="Tin cậy tổ chức chứng thực này?")), None),
            what="the trust question")
        self.assertIsNotNone(cdtest.find(dialog, contains=grouped), "the fingerprint in the dialog")
        cdtest.screenshot("preferences-trust-authority")
        self.assertEqual(trusted(db), [0], "nothing trusted before the answer")
        press(cdtest.button(dialog, "_Tin cậy") or cdtest.get(dialog, role="push button", contains="Tin cậy"))
        cdtest.wait_for(lambda: trusted(db) == [1] or None, what="the authority trusted in the register")
        cdtest.wait_for(lambda: cdtest.find(prefs, role="push button", contains="Thôi tin cậy", rows=True),
                        what="the row's button turned to Stop Trusting")
        self.assertEqual(self.app.quit(), 0)


def trusted(db):
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return [r[0] for r in con.execute("SELECT trusted FROM ca_trust")]
    except sqlite3.Error:
        return None
    finally:
        con.close()


if __name__ == "__main__":
    unittest.main(verbosity=2)
