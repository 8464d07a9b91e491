#!/usr/bin/python3
"""The main window on a demo register, driven over AT-SPI like a clerk
would: search, filter chips, the staff details with an inline error, and a
SoftHSM2 token recognised as a known staff member's. Screenshots of the
main views are saved in the build directory."""
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "common"))
import cdtest  # noqa: E402

SOFTHSM = "/usr/lib/softhsm/libsofthsm2.so"
SUMMARY = re.compile(r"(\d+) cán bộ · (\d+) sắp hết hạn · (\d+) đã hết hạn(?: · đang hiển thị (\d+))?")


def summary(win):
    for node in cdtest.walk(win):
        try:
            m = SUMMARY.fullmatch(node.name or "")
        except Exception:
            continue
        if m:
            return m
    return None


def shown(win):
    m = summary(win)
    if m is None:
        return None
    return int(m.group(4)) if m.group(4) is not None else int(m.group(1))


def rows(win, limit=40):
    """[[cell texts]] of the rows the column view shows."""
    table = cdtest.get(win, name="Danh sách cán bộ")
    lst = None
    for i in range(table.childCount):
        c = table.getChildAtIndex(i)
        if c.getRoleName() == "list":
            lst = c
    out = []
    for i in range(min(lst.childCount, limit)):
        try:
            row = lst.getChildAtIndex(i)
            cells = []
            for j in range(row.childCount):
                cell = row.getChildAtIndex(j)
                cells.append(cell.getChildAtIndex(0).name if cell.childCount else "")
            out.append(cells)
        except Exception:
            continue
    return out


set_text = cdtest.set_text
click = cdtest.press


def window_action(app, name, *params):
    """Activate a window action (win.<name>) through GApplication's D-Bus
    export, as a keyboard shortcut or a button would."""
    args = "[" + ", ".join(params) + "]"
    subprocess.run(["gdbus", "call", "--session", "--dest", "io.github.certdesk.CertDesk",
                    "--object-path", "/io/github/certdesk/CertDesk/window/1",
                    "--method", "org.gtk.Actions.Activate", name, args, "{}"],
                   check=True, capture_output=True, timeout=10)


def name_free():
    """The previous certdesk has left the session bus: a new one would
    otherwise hand its command line to it and exit."""
    out = subprocess.run(["gdbus", "call", "--session", "--dest", "org.freedesktop.DBus",
                          "--object-path", "/org/freedesktop/DBus", "--method",
                          "org.freedesktop.DBus.NameHasOwner", "io.github.certdesk.CertDesk"],
                         capture_output=True, text=True, timeout=10).stdout
    return "false" in out


def start(*args, env=None):
    cdtest.wait_for(name_free, 30, what="the previous certdesk to leave the bus")
    return cdtest.App(*args, env=env)


def other_window(app, main, timeout=15):
    """The first window of the app that is not @main (a staff record)."""
    def look():
        for i in range(app.app.childCount):
            w = app.app.getChildAtIndex(i)
            if w is not None and w.getRoleName() == "frame" and w.name and w.name != main.name:
                return w
        return None
    return cdtest.wait_for(look, timeout, what="the staff record window")


def field_error(row):
    """The error shown inside a form row, next to the field: any label
    of the row other than its title."""
    for node in cdtest.walk(row):
        try:
            if node.getRoleName() == "label" and node.name and node.name != row.name:
                return node.name
        except Exception:
            continue
    return None


class Window(unittest.TestCase):
    def test_search_filter_and_edit(self):
        # A private TMPDIR: the demo register's folder must be gone on quit.
        tmp = tempfile.mkdtemp(prefix="certdesk-gui-tmpdir-")
        app = start("--demo", env={"CERTDESK_NO_TOKENS": "1", "TMPDIR": tmp})
        try:
            win = app.window()
            self.assertEqual(win.name, "Quản lý chứng thư số")
            m = cdtest.wait_for(lambda: summary(win), what="the summary line")
            total = int(m.group(1))
            self.assertGreater(total, 100)
            self.assertIn("Dữ liệu mẫu", cdtest.all_text(win), "the demo is marked in the header")
            before = rows(win)
            self.assertGreater(len(before), 10)
            self.assertTrue(any(not r[0].startswith("Nguy") for r in before))
            cdtest.screenshot("window-staff")

            # Accent-insensitive search.
            entry = cdtest.get(win, name="Tìm cán bộ")
            set_text(entry, "nguyen")
            n = cdtest.wait_for(lambda: (lambda v: v if v is not None and v < total else None)(shown(win)),
                                what="the search to narrow the list")
            found = cdtest.wait_for(lambda: (lambda r: r if r and len(r) == min(n, len(r)) and
                                             all("Nguy" in c[0] or "nguyen" in c[5] for c in r) else None)(rows(win)),
                                    what="only Nguyễn rows")
            self.assertTrue(any(r[0].startswith("Nguyễn ") for r in found))
            cdtest.screenshot("window-search-nguyen")

            # Back to everyone, then a chip.
            set_text(entry, "")
            cdtest.wait_for(lambda: shown(win) == total, what="the full list again")
            chip = cdtest.find(win, name="Sắp hết hạn", role="toggle button") or cdtest.find(win, name="Sắp hết hạn")
            click(chip)
            # The footer is relabelled as the filter applies: wait for it
            # rather than read it mid-update (failed once under load).
            expiring = int(cdtest.wait_for(lambda: summary(win), what="the summary line").group(2))
            k = cdtest.wait_for(lambda: (lambda v: v if v is not None and v < total else None)(shown(win)),
                                what="the chip to narrow the list")
            self.assertGreater(k, 0)
            chip_rows = cdtest.wait_for(lambda: (lambda r: r if r and all(c[6] == "Sắp hết hạn" for c in r) else None)(rows(win)),
                                        what="only expiring rows")
            self.assertLessEqual(len(chip_rows), k)
            self.assertLessEqual(k, expiring + total)  # left staff may be shown too
            cdtest.screenshot("window-chip-expiring")
            click(chip)
            cdtest.wait_for(lambda: shown(win) == total, what="the chip to be released")

            # Staff details: an invalid phone gets an inline error.
            window_action(app, "open-staff", "<int64 1>")
            details = other_window(app, win)
            name = details.name
            phone = cdtest.wait_for(lambda: cdtest.find(details, role="text", contains="điện thoại di động"),
                                    what="the phone field")
            self.assertIsNone(field_error(phone))
            set_text(phone, "12345")
            click(cdtest.get(details, role="push button", contains="Lưu"))
            err = cdtest.wait_for(lambda: field_error(phone), what="the inline phone error")
            self.assertIn("0", err, "the message shows how a phone number is written")
            self.assertNotIn("Đã lưu", cdtest.all_text(details))
            cdtest.screenshot("staff-details-phone-error")
            set_text(phone, "0912 345 678")
            cdtest.wait_for(lambda: field_error(phone) is None, what="the error to go away while fixing")
            click(cdtest.get(details, role="push button", contains="Lưu"))
            # Saved: it is shown as stored, normalised.
            cdtest.wait_for(lambda: "0912345678" in cdtest.all_text(phone),
                            what="the phone stored normalised and shown again")
            cdtest.screenshot("staff-details-saved")
            self.assertIsNone(field_error(phone), cdtest.all_text(details))
            self.assertEqual(details.name, name)
            self.assertEqual(app.quit(), 0)
            self.assertEqual(os.listdir(tmp), [], "the demo register is removed on quit")
        finally:
            app.close()
            shutil.rmtree(tmp, ignore_errors=True)

    def test_type_in_certificate(self):
        """Nhập chứng thư số bằng tay… from a staff record: Add stays off,
        with the reason under the form, until what is typed is a
        certificate; then it is stored, typed in, for that person."""
        tmp = tempfile.mkdtemp(prefix="certdesk-gui-typed-in-")
        db = os.path.join(tmp, "certdesk.db")
        csv = os.path.join(tmp, "staff.csv")
        with open(csv, "w", encoding="utf-8") as f:
            f.write("STT;Họ và tên;Ngày sinh;Giới tính;Số CCCD;Điện thoại;Email\n")
            f.write("1;Phạm Thị Lan;02/05/1988;Nữ;031188000101;0912000101;lanpt@haiphong.edu.vn\n")
        for args in (("--set-unit=name=Trường THCS Lê Lợi",), ("--import-staff=" + csv,)):
            p = cdtest.run("--database=" + db, *args)
            self.assertEqual(p.returncode, 0, p.stderr)
        app = start("--database", db, env={"CERTDESK_NO_TOKENS": "1"})
        try:
            win = app.window()
            window_action(app, "open-staff", "<int64 1>")
            details = other_window(app, win)
            click(cdtest.wait_for(lambda: cdtest.button(details, "Nhập chứng thư số bằng tay…"),
                                  what="the type-in button"))
            dlg = cdtest.toplevel(app, "Nhập chứng thư số bằng tay")
            add = cdtest.wait_for(lambda: cdtest.button(dlg, "Thêm"), what="the Add button")
            self.assertFalse(add.getState().contains(cdtest.pyatspi.STATE_SENSITIVE), "nothing typed yet")
            set_text(cdtest.get(dlg, role="text", contains="Số serial"), "54A1 0000 0000 0301")
            set_text(cdtest.get(dlg, role="text", contains="Hiệu lực từ"), "01/02/2025")
            set_text(cdtest.get(dlg, role="text", contains="Hiệu lực đến"), "31/01/2020")
            cdtest.wait_for(lambda: cdtest.find(dlg, role="label", contains="kết thúc trước khi bắt đầu"),
                            what="the reason under the form")
            self.assertFalse(add.getState().contains(cdtest.pyatspi.STATE_SENSITIVE), "the dates are wrong")
            set_text(cdtest.get(dlg, role="text", contains="Hiệu lực đến"), "31/01/2030")
            cdtest.wait_for(lambda: add.getState().contains(cdtest.pyatspi.STATE_SENSITIVE) or None,
                            what="Add enabled")
            cdtest.screenshot("staff-type-in-certificate")
            click(add)
            cdtest.wait_for(lambda: "54A1000000000301" in cdtest.all_text(details) or None,
                            what="the certificate in the record")
            with sqlite3.connect(db) as c:
                self.assertEqual(c.execute("SELECT serial, staff_id, source, fingerprint, track FROM certificates")
                                 .fetchall(), [("54A1000000000301", 1, 0, None, "government")])
            self.assertEqual(app.quit(), 0)
        finally:
            app.close()
            shutil.rmtree(tmp, ignore_errors=True)


@unittest.skipUnless(os.path.exists(SOFTHSM) and shutil.which("pkcs11-tool"),
                     "SoftHSM2 and pkcs11-tool are needed")
class Token(unittest.TestCase):
    def test_known_staff_token(self):
        # The demo register is the same every run: read one person first.
        app = start("--demo", env={"CERTDESK_NO_TOKENS": "1"})
        try:
            win = app.window()
            cdtest.wait_for(lambda: summary(win), what="the summary line")
            person = next(r for r in rows(win) if r[2] not in ("", "—") and r[6] == "Còn hiệu lực")
            name, email = person[0], person[5]
            app.quit()
        finally:
            app.close()

        tmp = tempfile.mkdtemp(prefix="certdesk-gui-token-")
        try:
            tokdir = os.path.join(tmp, "tokens")
            os.mkdir(tokdir)
            conf = os.path.join(tmp, "softhsm2.conf")
            with open(conf, "w") as f:
                f.write(f"directories.tokendir = {tokdir}\nobjectstore.backend = file\nlog.level = ERROR\n")
            env = dict(os.environ, SOFTHSM2_CONF=conf)
            key, pem, der = (os.path.join(tmp, x) for x in ("k.pem", "c.pem", "c.der"))
            subprocess.run(["openssl", "req", "-x509", "-utf8", "-newkey", "rsa:2048", "-nodes",
                            "-keyout", key, "-out", pem, "-days", "400",
                            "-set_serial", "0x5401010A0B0C0D0E0F101112131415AB",
                            "-subj", f"/C=VN/ST=Hải Phòng/O=UBND thành phố Hải Phòng/OU=Trường THCS Lê Lợi/CN={name}/emailAddress={email}",
                            "-addext", f"subjectAltName=email:{email}"], check=True, capture_output=True)
            subprocess.run(["openssl", "x509", "-in", pem, "-outform", "DER", "-out", der], check=True)
            subprocess.run(["softhsm2-util", "--init-token", "--free", "--label", "Token GUI",
                            "--pin", "123456", "--so-pin", "87654321"], env=env, check=True, capture_output=True)
            subprocess.run(["pkcs11-tool", "--module", SOFTHSM, "--token-label", "Token GUI", "--login",
                            "--pin", "123456", "--write-object", der, "--type", "cert", "--id", "01"],
                           env=env, check=True, capture_output=True)
            listing = subprocess.run(["pkcs11-tool", "--module", SOFTHSM, "-L"], env=env, check=True,
                                     capture_output=True, text=True).stdout
            token_serial = re.search(r"serial num\s*:\s*(\S+)", listing).group(1)

            app = start("--demo", env={"SOFTHSM2_CONF": conf})
            try:
                win = app.window()
                # The toast (visible on the screenshot) is not published over
                # AT-SPI by GTK 4.8; the Thiết bị view says the same.
                cdtest.screenshot("window-token-toast")
                # The token became a registered device of its holder: the
                # Thiết bị view lists its serial with the holder's name.
                cdtest.select_tab(win, "Thiết bị")
                view = cdtest.wait_for(lambda: cdtest.find(win, name="CdDeviceView"), what="the device view")
                cdtest.wait_for(lambda: (lambda t: t if name in t and token_serial in t else None)(cdtest.all_text(view)),
                                timeout=30, what="the token registered as its holder's device")
                cdtest.screenshot("window-devices")
                self.assertEqual(app.quit(), 0)
            finally:
                app.close()
        finally:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    unittest.main(verbosity=2)
