#!/usr/bin/python3
"""The *Thiết bị* view under Xvfb over AT-SPI, on a register the clerk
has used (tests/devices/devices-fixture): the overdue recovery shows at
the top with its notice, a registered token in stock is handed to a
staff member through the event dialog, taken back, and both events show
in its history and in the staff member's; a refused handover says why."""
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import unittest

import pyatspi

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "common"))
import cdtest  # noqa: E402

FIXTURE = sys.argv.pop(1)
SERIAL = "0042000000000004"
# Above the register, whatever is chosen.
UNIT_BUTTONS = ("Tiếp nhận…", "Thông báo cho Cục…", "Ngày nghỉ lễ…")
# In the chosen device's pane, beside the register.
DEVICE_BUTTONS = ("Bàn giao…", "Thu hồi…", "Giao nhà cung cấp…", "Thất lạc…", "Bị khóa…", "Hỏng…",
                  "Đã khôi phục…", "Chứng thư trên thiết bị…")


click = cdtest.click
press = cdtest.press


def dump(n, d=0):
    try:
        print("  " * d + f"{n.getRoleName()} | {n.name!r} | {n.childCount}")
    except Exception:
        return
    for i in range(min(n.childCount, 60)):
        c = n.getChildAtIndex(i)
        if c is not None:
            dump(c, d + 1)


set_text = cdtest.set_text
dialog_of = cdtest.toplevel


def close_dialog(app, dlg):
    """Close with its Đóng button and wait until it is gone: it covers the
    register, so a click made meanwhile would land on it."""
    title = dlg.name
    press(cdtest.get(dlg, role="push button", name="Đóng"))
    cdtest.wait_closed(app, title)


def recorded(dlg):
    """The dialog's Record button is hidden once the register is updated
    (GTK 4.8 does not update "showing" for stack pages)."""
    button = cdtest.find(dlg, role="push button", name="Ghi nhận")
    return button is None or not button.getState().contains(pyatspi.STATE_VISIBLE) or None


def enabled(node):
    return node.getState().contains(pyatspi.STATE_SENSITIVE)


class Devices(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp()
        self.db = os.path.join(self.tmp, "certdesk.db")
        subprocess.run([FIXTURE, self.db, self.tmp], check=True, timeout=60)
        # Bring the accessibility bus and registry up before the app
        # starts, so it never races their activation.
        pyatspi.Registry.getDesktop(0).childCount
        self.app = cdtest.App("--database", self.db)

    def tearDown(self):
        self.app.close()
        shutil.rmtree(self.tmp, ignore_errors=True)

    def events_in_db(self):
        with sqlite3.connect(self.db) as c:
            return c.execute("SELECT e.kind, s.full_name FROM handover_events e"
                             " JOIN devices d ON d.id = e.device_id"
                             " LEFT JOIN staff s ON s.id = e.staff_id"
                             " WHERE d.token_serial = ? ORDER BY e.id", (SERIAL,)).fetchall()

    def test_hand_over_take_back_history(self):
        win = self.app.window()
        cdtest.select_tab(win, "Thiết bị")
        view = cdtest.wait_for(lambda: cdtest.find(win, name="CdDeviceView"), what="the device view")

        # The overdue recovery is at the top, with the start-up notice.
        text = cdtest.wait_for(lambda: (lambda t: t if "B4ID2026000006 — Nguyễn Văn An" in t else None)(
            cdtest.all_text(view)), what="the overdue task")
        self.assertIn("quá hạn", text)
        self.assertIn("quá hạn thu hồi", cdtest.all_text(win))

        # Nothing chosen: the unit's buttons above the register, not the
        # eight a device needs, greyed out (the old second row of them).
        for name in UNIT_BUTTONS:
            cdtest.get(view, role="push button", name=name)
        for name in DEVICE_BUTTONS:
            self.assertIsNone(cdtest.find(view, role="push button", name=name),
                              f"{name} shown with no device chosen")

        # Select the token in stock: its pane, named by it, holds them;
        # only the events the rules allow are on.
        cell = cdtest.wait_for(lambda: cdtest.find(view, role="label", name=SERIAL), what="the device row")
        click(cell)
        pane = cdtest.wait_for(lambda: next((n for n in cdtest.walk(view, rows=False) if n.name == SERIAL
                                             and n.getRoleName() == "panel"), None),
                               what="the chosen device's pane")
        for name in DEVICE_BUTTONS:
            button = cdtest.get(pane, role="push button", name=name)
            cdtest.wait_for(lambda: cdtest.allocated(button) or None, what=f"{name} on screen")
        self.assertIn("Trong kho", cdtest.all_text(pane))
        hand = cdtest.get(pane, role="push button", name="Bàn giao…")
        take = cdtest.get(pane, role="push button", name="Thu hồi…")
        cdtest.wait_for(lambda: enabled(hand) or None, what="Bàn giao enabled")
        self.assertFalse(enabled(take), "nothing to take back from stock")
        history = cdtest.get(view, role="list", name="Lịch sử")
        cdtest.wait_for(lambda: history.childCount == 1 or None, what="the receive event")

        # Hand it to Lê Thị Bình.
        press(hand)
        dlg = dialog_of(self.app, "Bàn giao cho cán bộ")
        staff = cdtest.get(dlg, role="text", name="Cán bộ nhận thiết bị (họ và tên)")
        set_text(staff, "Không Có Ai")
        press(cdtest.get(dlg, role="push button", name="Ghi nhận"))
        cdtest.wait_for(lambda: "Không có cán bộ nào tên" in cdtest.all_text(dlg) or None,
                        what="the refusal for an unknown name")
        set_text(staff, "Lê Thị Bình")
        set_text(cdtest.get(dlg, role="text", name="Ngày (dd/mm/yyyy)"), "20/03/2026")
        press(cdtest.get(dlg, role="push button", name="Ghi nhận"))
        cdtest.wait_for(lambda: recorded(dlg), what="the handover recorded")
        for name in ("In biên bản…", "Lưu biên bản dạng PDF…", "Lưu biên bản dạng Word…"):
            cdtest.get(dlg, role="push button", name=name)
        cdtest.screenshot("devices-handed")
        close_dialog(self.app, dlg)

        row_text = cdtest.wait_for(lambda: (lambda t: t if "Lê Thị Bình" in t else None)(
            cdtest.all_text(view)), what="the holder in the register")
        self.assertIn("Đang giao cho cán bộ", row_text)
        cdtest.wait_for(lambda: enabled(take) or None, what="Thu hồi enabled")
        self.assertFalse(enabled(hand), "held: cannot be handed to someone else")

        # Take it back, the holder's name prefilled as the giver.
        press(take)
        dlg = dialog_of(self.app, "Thu hồi từ cán bộ")
        giver = cdtest.get(dlg, role="text", name="Tên người giao")
        t = giver.queryText()
        self.assertEqual(t.getText(0, t.characterCount), "Lê Thị Bình")
        set_text(cdtest.get(dlg, role="text", name="Ngày (dd/mm/yyyy)"), "25/03/2026")
        press(cdtest.get(dlg, role="push button", name="Ghi nhận"))
        cdtest.wait_for(lambda: recorded(dlg), what="the return recorded")
        close_dialog(self.app, dlg)

        # The history of the device, newest first.
        def history_rows():
            rows = [r.name for r in (history.getChildAtIndex(i) for i in range(history.childCount))]
            return rows if len(rows) == 3 else None
        rows = cdtest.wait_for(history_rows, what="three events in the history")
        self.assertTrue(rows[0].startswith("25/03/2026 — Thu hồi từ cán bộ"), rows)
        self.assertTrue(rows[1].startswith("20/03/2026 — Bàn giao cho cán bộ"), rows)
        self.assertTrue(rows[2].startswith("05/01/2026 — Tiếp nhận từ nhà cung cấp"), rows)
        self.assertIn("Đã thu hồi về đơn vị", cdtest.all_text(view))

        # …and the staff member's history.
        press(cdtest.get(view, role="push button", name="Theo người giữ"))
        cdtest.wait_for(lambda: cdtest.find(view, role="label", name="Lịch sử của Lê Thị Bình"),
                        what="the holder's history")
        # Her earlier token (handed 10/01, taken back 03/03) and this one.
        rows = cdtest.wait_for(lambda: (lambda r: r if len(r) == 4 else None)(
            [history.getChildAtIndex(i).name for i in range(history.childCount)]), what="four events")
        self.assertTrue(rows[0].startswith("25/03/2026 — Thu hồi từ cán bộ"), rows)
        self.assertTrue(rows[3].startswith("10/01/2026 — Bàn giao cho cán bộ"), rows)
        self.assertIn("B4ID2026000002", cdtest.all_text(history))
        cdtest.screenshot("devices-history")

        # The staff record shows the same history.
        with sqlite3.connect(self.db) as c:
            (staff_id,) = c.execute("SELECT id FROM staff WHERE full_name = 'Lê Thị Bình'").fetchone()
        subprocess.run(["gdbus", "call", "--session", "--dest", "io.github.certdesk.CertDesk",
                        "--object-path", "/io/github/certdesk/CertDesk/window/1",
                        "--method", "org.gtk.Actions.Activate", "open-staff",
                        f"[<int64 {staff_id}>]", "{}"], check=True, capture_output=True, timeout=10)
        record = dialog_of(self.app, "Lê Thị Bình")
        text = cdtest.wait_for(lambda: (lambda t: t if "Lịch sử bàn giao thiết bị" in t
                                        and "Thu hồi từ cán bộ" in t else None)(cdtest.all_text(record)),
                               what="the handover history in the staff record")
        self.assertIn("10/01/2026 · Bàn giao cho cán bộ", text)
        self.assertIn("25/03/2026 · Thu hồi từ cán bộ", text)
        self.assertIn("B4ID2026000002", text)
        close = cdtest.find(record, role="push button", name="Đóng")
        if close is not None:
            press(close)

        self.assertEqual(self.events_in_db()[-2:], [("hand_to_holder", "Lê Thị Bình"),
                                                    ("take_back", "Lê Thị Bình")])

        # The holiday list: add the teachers' day, remove 01/01/2026.
        press(cdtest.get(view, role="push button", name="Ngày nghỉ lễ…"))
        hol = dialog_of(self.app, "Ngày nghỉ lễ")
        holidays = cdtest.get(hol, role="list", name="Ngày nghỉ lễ")
        cdtest.wait_for(lambda: cdtest.find(holidays, contains="17/02/2026 — "), what="the shipped list")
        set_text(cdtest.get(hol, role="text", name="Ngày nghỉ lễ (dd/mm/yyyy)"), "20/11/2026")
        set_text(cdtest.get(hol, role="text", name="Tên ngày lễ"), "Ngày Nhà giáo Việt Nam")
        press(cdtest.get(hol, role="push button", name="Thêm"))
        cdtest.wait_for(lambda: cdtest.find(holidays, contains="20/11/2026 — Ngày Nhà giáo Việt Nam"),
                        what="the added holiday")
        press(cdtest.get(hol, role="push button", name="Xóa ngày nghỉ 01/01/2026", rows=True))
        cdtest.wait_for(lambda: not cdtest.find(holidays, contains="01/01/2026 — ") or None,
                        what="the removed holiday")
        with sqlite3.connect(self.db) as c:
            self.assertEqual(c.execute("SELECT name FROM holidays WHERE date = '2026-11-20'").fetchone(),
                             ("Ngày Nhà giáo Việt Nam",))
            self.assertIsNone(c.execute("SELECT name FROM holidays WHERE date = '2026-01-01'").fetchone())
        self.assertEqual(self.app.quit(), 0)

    def test_history_placeholder(self):
        """The history says why it is empty, as the staff record does: no
        device selected, a device with no event (as the demo register
        has), the holder's history of a device nobody has held."""
        self.app.close()
        with sqlite3.connect(self.db) as c:
            c.execute("INSERT INTO devices (token_serial, model) VALUES ('EMPTY0001', 'ePass2003')")
        pyatspi.Registry.getDesktop(0).childCount
        self.app = cdtest.App("--database", self.db)
        win = self.app.window()
        cdtest.select_tab(win, "Thiết bị")
        view = cdtest.wait_for(lambda: cdtest.find(win, name="CdDeviceView"), what="the device view")
        history = cdtest.get(view, role="list", name="Lịch sử")

        def shown(text):
            """The list's only child is the placeholder saying @text."""
            return cdtest.wait_for(lambda: history.childCount == 1
                                   and history.getChildAtIndex(0).name == text or None,
                                   what=f"the history saying {text!r}")
        shown("Chọn một thiết bị để xem lịch sử")
        click(cdtest.wait_for(lambda: cdtest.find(view, role="label", name="EMPTY0001"), what="the new device"))
        cdtest.wait_for(lambda: cdtest.find(view, role="label", name="Lịch sử thiết bị EMPTY0001"),
                        what="its history")
        shown("Chưa có sự kiện nào của thiết bị này")
        cdtest.screenshot("devices-history-empty")
        press(cdtest.get(view, role="push button", name="Theo người giữ"))
        shown("Thiết bị này chưa giao cho ai")
        self.assertEqual(self.app.quit(), 0)

    def test_registered_with_holder(self):
        """A token its holder already had, registered at the terminal
        without --handed-on: its history says it was held before it was
        registered, not that it was handed over the day it was typed in."""
        self.app.close()
        with sqlite3.connect(self.db) as c:
            (cccd, name) = c.execute("SELECT cccd, full_name FROM staff WHERE cccd IS NOT NULL"
                                     " ORDER BY id LIMIT 1").fetchone()
        p = cdtest.run("--database=" + self.db, "--add-device=B4ID2019000077", "--holder-cccd=" + cccd,
                       env={"CERTDESK_UI_LANGUAGE": "vi"})
        self.assertEqual(p.returncode, 0, p.stderr)
        pyatspi.Registry.getDesktop(0).childCount
        self.app = cdtest.App("--database", self.db)
        win = self.app.window()
        cdtest.select_tab(win, "Thiết bị")
        view = cdtest.wait_for(lambda: cdtest.find(win, name="CdDeviceView"), what="the device view")
        history = cdtest.get(view, role="list", name="Lịch sử")
        click(cdtest.wait_for(lambda: cdtest.find(view, role="label", name="B4ID2019000077"),
                              what="the registered device"))
        cdtest.wait_for(lambda: cdtest.find(view, role="label", name="Lịch sử thiết bị B4ID2019000077"),
                        what="its history")
        rows = cdtest.wait_for(lambda: (lambda r: r if len(r) == 2 else None)(
            [history.getChildAtIndex(i).name for i in range(history.childCount)]), what="two events")
        self.assertTrue(rows[0].startswith("Đang giữ từ trước khi đăng ký (không rõ ngày bàn giao)"), rows)
        self.assertTrue(rows[1].startswith("Đơn vị đã có từ trước khi đăng ký (không rõ ngày tiếp nhận)"), rows)
        self.assertIn(name, cdtest.all_text(history))
        cdtest.screenshot("devices-history-held-before")
        self.assertEqual(self.app.quit(), 0)

    def test_lost_locked_damaged_fields(self):
        """A device lost, locked or damaged changes no hands: the fields
        under "Đại diện đơn vị" and "Người được cấp" are named so, not
        the giver's and the receiver's."""
        win = self.app.window()
        cdtest.select_tab(win, "Thiết bị")
        view = cdtest.wait_for(lambda: cdtest.find(win, name="CdDeviceView"), what="the device view")
        table = cdtest.wait_for(lambda: cdtest.find(view, name="Sổ thiết bị"), what="the register")
        click(cdtest.wait_for(lambda: cdtest.find(table, role="label", name="B4ID2026000006"), what="An's token"))
        for button, title in (("Thất lạc…", "Báo thất lạc"), ("Bị khóa…", "Ghi nhận bị khóa"),
                              ("Hỏng…", "Ghi nhận hỏng")):
            b = cdtest.get(view, role="push button", name=button)
            cdtest.wait_for(lambda: enabled(b) or None, what=f"{button} enabled")
            press(b)
            dlg = dialog_of(self.app, title)
            for label in ("Tên đại diện đơn vị", "Chức vụ đại diện đơn vị", "Chức vụ người được cấp"):
                cdtest.get(dlg, role="label", name=label)
                cdtest.get(dlg, role="text", name=label)
            cdtest.get(dlg, role="label", name="Tên người được cấp")
            holder = cdtest.get(dlg, role="text", name="Tên người được cấp")
            t = holder.queryText()
            self.assertEqual(t.getText(0, t.characterCount), "Nguyễn Văn An")
            for old in ("Tên người giao", "Chức vụ người giao", "Tên người nhận", "Chức vụ người nhận"):
                self.assertIsNone(cdtest.find(dlg, name=old), f"{old} in {title}")
            if button == "Thất lạc…":
                cdtest.screenshot("devices-lost-fields")
            press(cdtest.get(dlg, role="push button", name="Hủy"))
            cdtest.wait_closed(self.app, title)
        self.assertEqual(self.app.quit(), 0)

    def test_receive_sim(self):
        """Tiếp nhận…: the device type is asked; a SIM's carrier, number
        and porting only for a SIM, checked by the core before anything
        is written."""
        win = self.app.window()
        cdtest.select_tab(win, "Thiết bị")
        view = cdtest.wait_for(lambda: cdtest.find(win, name="CdDeviceView"), what="the device view")
        press(cdtest.wait_for(lambda: cdtest.find(view, role="push button", name="Tiếp nhận…"),
                              what="the receive button"))
        dlg = dialog_of(self.app, "Tiếp nhận từ nhà cung cấp")
        cdtest.get(dlg, role="text", name="Ngày (dd/mm/yyyy)")
        # Hidden widgets are not published: a token has no carrier.
        self.assertIsNone(cdtest.find(dlg, role="text", name="Nhà mạng"))
        self.assertIsNone(cdtest.find(dlg, role="text", name="Số điện thoại của SIM"))
        drop = cdtest.wait_for(lambda: next((n for n in cdtest.walk(dlg) if n.name == "Loại thiết bị"
                                             and n.getRoleName() != "label"), None),
                               what="the device type")
        # The list opens on the selected type (a token); SIM is next.
        click(drop)
        cdtest.wait_for(lambda: next((n for n in cdtest.walk(self.app.app) if n.name == "SIM PKI"
                                      and cdtest.allocated(n)), None), what="the list of types")
        for key in (0xff54, 0xff0d):   # Down, Return
            pyatspi.Registry.generateKeyboardEvent(key, None, pyatspi.KEY_SYM)
        carrier = cdtest.get(dlg, role="text", name="Nhà mạng")
        phone = cdtest.get(dlg, role="text", name="Số điện thoại của các SIM")
        set_text(cdtest.get(dlg, role="text", name="Các số sê-ri (cách nhau bằng dấu cách hoặc dấu phẩy)"),
                 "8984048000009999, 8984048000009998")
        # Two SIMs, one number: refused, not the same number on both.
        set_text(phone, "0912345678")
        press(cdtest.get(dlg, role="push button", name="Ghi nhận"))
        cdtest.wait_for(lambda: "mỗi SIM một số" in cdtest.all_text(dlg) or None,
                        what="one number per SIM asked for")
        set_text(phone, "0912345678, 0987654321")
        press(cdtest.get(dlg, role="push button", name="Ghi nhận"))
        cdtest.wait_for(lambda: "nhà mạng" in cdtest.all_text(dlg) or None, what="the carrier asked for")
        set_text(carrier, "viettel")
        press(cdtest.get(dlg, role="push button", name="Ghi nhận"))
        cdtest.wait_for(lambda: recorded(dlg), what="the SIMs received")
        close_dialog(self.app, dlg)
        with sqlite3.connect(self.db) as c:
            self.assertEqual(c.execute("SELECT type, carrier, phone, ported FROM devices WHERE token_serial = ?",
                                       ("8984048000009999",)).fetchone(), ("SIM", "Viettel", "0912345678", 0))
            self.assertEqual(c.execute("SELECT type, carrier, phone, ported FROM devices WHERE token_serial = ?",
                                       ("8984048000009998",)).fetchone(), ("SIM", "Viettel", "0987654321", 0))
        # The register shows each SIM's carrier and number.
        table = cdtest.get(view, name="Sổ thiết bị")
        cdtest.wait_for(lambda: cdtest.find(table, role="label", name="0987654321"), what="the SIM's number")
        cdtest.get(table, role="label", name="Viettel")

    def test_link_certificate(self):
        """The register shows the certificate linked to each device (issue
        16), never its holder's newest; *Chứng thư trên thiết bị…* lets the
        clerk say a device is blank, then put the certificate back, only
        among the holder's."""
        cert = "5403A1B2C3D4E5F60701"
        win = self.app.window()
        cdtest.select_tab(win, "Thiết bị")
        view = cdtest.wait_for(lambda: cdtest.find(win, name="CdDeviceView"), what="the device view")
        table = cdtest.wait_for(lambda: cdtest.find(view, name="Sổ thiết bị"), what="the register")
        cdtest.wait_for(lambda: cdtest.find(table, role="label", name=cert), what="An's certificate on her token")
        self.assertIsNone(cdtest.find(view, role="push button", name="Chứng thư trên thiết bị…"),
                          "nothing selected yet: not shown")
        click(cdtest.wait_for(lambda: cdtest.find(table, role="label", name="B4ID2026000006"), what="An's token"))
        link = cdtest.get(view, role="push button", name="Chứng thư trên thiết bị…")
        cdtest.wait_for(lambda: enabled(link) or None, what="the link button enabled")

        def choose(key, was):
            """Open the question, move from @was in the list with @key, save."""
            press(link)
            dlg = cdtest.wait_for(lambda: next((w for w in (self.app.app.getChildAtIndex(i)
                                                            for i in range(self.app.app.childCount))
                                                if w is not None and cdtest.find(w, contains="B4ID2026000006?")),
                                               None), what="the question")
            # The question bears the same name: the list is the control inside.
            drop = cdtest.wait_for(lambda: next((n for n in cdtest.walk(dlg) if n.name == "Chứng thư trên thiết bị"
                                                 and n.getRoleName() not in ("label", "dialog")), None),
                                   what="the list")
            cdtest.get(dlg, contains=was)   # the one linked now is the one shown
            click(drop)
            cdtest.wait_for(lambda: next((n for n in cdtest.walk(self.app.app)
                                          if n.name == "Không có (thiết bị trắng)" and cdtest.allocated(n)), None),
                            what="the choices")
            for k in (key, 0xff0d):   # Up or Down, Return
                pyatspi.Registry.generateKeyboardEvent(k, None, pyatspi.KEY_SYM)
            # The list closed on the new choice: the old one is shown nowhere.
            cdtest.wait_for(lambda: not cdtest.find(dlg, contains=was) or None, what="the new choice")
            press(cdtest.get(dlg, role="push button", contains="Lưu"))

        # An's certificate is the one shown chosen: Up is "none".
        choose(0xff52, cert)
        cdtest.wait_for(lambda: not cdtest.find(table, role="label", name=cert) or None,
                        what="the device shown blank")
        with sqlite3.connect(self.db) as c:
            self.assertEqual(c.execute("SELECT device_id FROM certificates WHERE serial = ?", (cert,)).fetchone(),
                             (None,))
        cdtest.wait_for(lambda: enabled(link) or None, what="still selected")

        # Put back: "none" is chosen now, Down is An's certificate.
        choose(0xff54, "Không có (thiết bị trắng)")
        cdtest.wait_for(lambda: cdtest.find(table, role="label", name=cert), what="the certificate back")
        with sqlite3.connect(self.db) as c:
            self.assertEqual(c.execute("SELECT d.token_serial FROM certificates c JOIN devices d"
                                       " ON d.id = c.device_id WHERE c.serial = ?", (cert,)).fetchone(),
                             ("B4ID2026000006",))
        self.assertEqual(self.app.quit(), 0)


SOFTHSM = "/usr/lib/softhsm/libsofthsm2.so"


@unittest.skipUnless(os.path.exists(SOFTHSM) and shutil.which("softhsm2-util"), "SoftHSM2 is needed")
class PluggedToken(unittest.TestCase):
    """A SoftHSM2 token present when CertDesk starts (SoftHSM2 reports no
    slot events) stands for a token plugged in: CertDesk offers to
    register it prefilled, then it is handed to a staff member and taken
    back."""

    def setUp(self):
        self.tmp = tempfile.mkdtemp()
        self.db = os.path.join(self.tmp, "certdesk.db")
        subprocess.run([FIXTURE, self.db, self.tmp], check=True, timeout=60)
        tokdir = os.path.join(self.tmp, "tokens")
        os.mkdir(tokdir)
        conf = os.path.join(self.tmp, "softhsm2.conf")
        with open(conf, "w") as f:
            f.write(f"directories.tokendir = {tokdir}\nobjectstore.backend = file\nlog.level = ERROR\n")
        env = dict(os.environ, SOFTHSM2_CONF=conf)
        subprocess.run(["softhsm2-util", "--init-token", "--free", "--label", "CD-GUI",
                        "--pin", "12345678", "--so-pin", "87654321"], env=env, check=True,
                       capture_output=True)
        listing = subprocess.run(["softhsm2-util", "--show-slots"], env=env, check=True,
                                 capture_output=True, text=True).stdout
        # The only initialised token comes first; the free slot has no serial.
        self.serial = re.search(r"Serial number:[ \t]*(\S+)", listing).group(1)
        pyatspi.Registry.getDesktop(0).childCount
        self.app = cdtest.App("--database", self.db, env={"SOFTHSM2_CONF": conf})

    def tearDown(self):
        if self.app.proc.poll() is not None:
            print("certdesk exited with", self.app.proc.returncode, self.app.stderr()[-3000:])
        self.app.close()
        shutil.rmtree(self.tmp, ignore_errors=True)

    def test_notice_to_the_cuc(self):
        """Thông báo cho Cục…: the handovers of a period, saved as a PDF
        through the file chooser, listing each holder and device."""
        self.app.close()
        out = os.path.join(self.tmp, "out")
        os.makedirs(out)
        pyatspi.Registry.getDesktop(0).childCount
        self.app = cdtest.App("--database", self.db, env={"CERTDESK_OUTPUT_DIR": out})
        win = self.app.window()
        cdtest.select_tab(win, "Thiết bị")
        view = cdtest.wait_for(lambda: cdtest.find(win, name="CdDeviceView"), what="the device view")
        press(cdtest.wait_for(lambda: cdtest.find(view, role="push button", name="Thông báo cho Cục…"),
                              what="the notice button"))
        dlg = dialog_of(self.app, "Thông báo bàn giao thiết bị gửi Cục")
        set_text(cdtest.get(dlg, role="text", name="Từ ngày (dd/mm/yyyy)"), "01/01/2026")
        set_text(cdtest.get(dlg, role="text", name="Đến ngày (dd/mm/yyyy)"), "11/01/2026")
        press(cdtest.get(dlg, role="push button", name="Lưu PDF…"))
        chooser = dialog_of(self.app, "Lưu thông báo")
        save = cdtest.wait_for(lambda: next((n for n in cdtest.walk(chooser)
                                             if n.getRoleName() == "push button"
                                             and (n.name or "").endswith("Lưu")), None),
                               what="the chooser's Save button")
        press(save)
        pdf = os.path.join(out, "Thong_bao_ban_giao_2026-01-01_2026-01-11.pdf")
        cdtest.wait_for(lambda: os.path.exists(pdf) and os.path.getsize(pdf) > 1000 or None,
                        what="the saved notice")
        cdtest.wait_for(lambda: cdtest.find(dlg, role="label", contains="3 lượt bàn giao"),
                        what="the confirmation in the dialog")
        text = " ".join(subprocess.run(["pdftotext", pdf, "-"], capture_output=True, text=True,
                                       check=True).stdout.split())
        self.assertIn("Kính gửi: Cục Chứng thực số và Bảo mật thông tin", text)
        for word in ("Nguyễn Văn An", "Lê Thị Bình", "Trần Văn Cường",
                     "B4ID2026000001", "B4ID2026000002", "B4ID2026000003"):
            self.assertIn(word, text)
        self.assertNotIn("B4ID2026000006", text)
        cdtest.screenshot("devices-notice")

    def test_register_hand_take_back(self):
        win = self.app.window()
        cdtest.select_tab(win, "Thiết bị")
        view = cdtest.wait_for(lambda: cdtest.find(win, name="CdDeviceView"), what="the device view")
        notice = cdtest.wait_for(
            lambda: cdtest.find(view, role="label", contains="chưa có trong sổ thiết bị"),
            timeout=30, what="the offer to register the token")
        self.assertIn(self.serial, notice.name)
        press(cdtest.get(view, role="push button", name="Đăng ký…"))

        dlg = dialog_of(self.app, "Tiếp nhận từ nhà cung cấp")
        serials = cdtest.get(dlg, role="text", name="Các số sê-ri (cách nhau bằng dấu cách hoặc dấu phẩy)")
        t = serials.queryText()
        self.assertEqual(t.getText(0, t.characterCount), self.serial)
        set_text(cdtest.get(dlg, role="text", name="Tên người giao"), "Vũ Văn Cục")
        press(cdtest.get(dlg, role="push button", name="Ghi nhận"))
        cdtest.wait_for(lambda: recorded(dlg), what="the token received")
        close_dialog(self.app, dlg)

        cell = cdtest.wait_for(lambda: cdtest.find(view, role="label", name=self.serial),
                               what="the token in the register")
        click(cell)
        hand = cdtest.get(view, role="push button", name="Bàn giao…")
        cdtest.wait_for(lambda: enabled(hand) or None, what="Bàn giao enabled")
        press(hand)
        dlg = dialog_of(self.app, "Bàn giao cho cán bộ")
        set_text(cdtest.get(dlg, role="text", name="Cán bộ nhận thiết bị (họ và tên)"), "Nguyễn Văn An")
        press(cdtest.get(dlg, role="push button", name="Ghi nhận"))
        cdtest.wait_for(lambda: recorded(dlg), what="the handover recorded")
        close_dialog(self.app, dlg)

        take = cdtest.get(view, role="push button", name="Thu hồi…")
        cdtest.wait_for(lambda: enabled(take) or None, what="Thu hồi enabled")
        press(take)
        dlg = dialog_of(self.app, "Thu hồi từ cán bộ")
        press(cdtest.get(dlg, role="push button", name="Ghi nhận"))
        cdtest.wait_for(lambda: recorded(dlg), what="the return recorded")
        close_dialog(self.app, dlg)

        history = cdtest.get(view, role="list", name="Lịch sử")
        rows = cdtest.wait_for(lambda: (lambda r: r if len(r) == 3 else None)(
            [history.getChildAtIndex(i).name for i in range(history.childCount)]), what="three events")
        self.assertIn("Thu hồi từ cán bộ", rows[0])
        self.assertIn("Bàn giao cho cán bộ", rows[1])
        self.assertIn("Tiếp nhận từ nhà cung cấp", rows[2])
        self.assertIn("Nguyễn Văn An", cdtest.all_text(history))
        cdtest.screenshot("devices-softhsm")
        with sqlite3.connect(self.db) as c:
            self.assertEqual(c.execute("SELECT status FROM devices WHERE token_serial = ?",
                                       (self.serial,)).fetchone(), ("recovered",))
        self.assertEqual(self.app.quit(), 0)


@unittest.skipUnless(os.path.exists(SOFTHSM) and shutil.which("softhsm2-util") and shutil.which("pkcs11-tool"),
                     "SoftHSM2 and pkcs11-tool are needed")
class HeldToken(unittest.TestCase):
    """A token plugged in that carries Lê Thị Bình's certificate becomes
    her device. She had it before it was registered, on a day nobody
    told CertDesk: its history says so, as --add-device --holder-cccd
    without --handed-on records it, instead of showing no event at all
    (no period's notice to the Cục lists an undated handover)."""

    def setUp(self):
        self.tmp = tempfile.mkdtemp()
        self.db = os.path.join(self.tmp, "certdesk.db")
        subprocess.run([FIXTURE, self.db, self.tmp], check=True, timeout=60)
        tokdir = os.path.join(self.tmp, "tokens")
        os.mkdir(tokdir)
        conf = os.path.join(self.tmp, "softhsm2.conf")
        with open(conf, "w") as f:
            f.write(f"directories.tokendir = {tokdir}\nobjectstore.backend = file\nlog.level = ERROR\n")
        env = dict(os.environ, SOFTHSM2_CONF=conf)
        key, pem, der = (os.path.join(self.tmp, x) for x in ("k.pem", "c.pem", "c.der"))
        subprocess.run(["openssl", "req", "-x509", "-utf8", "-newkey", "rsa:2048", "-nodes",
                        "-keyout", key, "-out", pem, "-days", "400",
                        "-subj", "/C=VN/O=Trường THCS Lê Lợi/CN=Lê Thị Bình/UID=CCCD:031085000002"],
                       check=True, capture_output=True)
        subprocess.run(["openssl", "x509", "-in", pem, "-outform", "DER", "-out", der], check=True)
        subprocess.run(["softhsm2-util", "--init-token", "--free", "--label", "Token Binh",
                        "--pin", "123456", "--so-pin", "87654321"], env=env, check=True, capture_output=True)
        subprocess.run(["pkcs11-tool", "--module", SOFTHSM, "--token-label", "Token Binh", "--login",
                        "--pin", "123456", "--write-object", der, "--type", "cert", "--id", "01"],
                       env=env, check=True, capture_output=True)
        listing = subprocess.run(["pkcs11-tool", "--module", SOFTHSM, "-L"], env=env, check=True,
                                 capture_output=True, text=True).stdout
        self.serial = re.search(r"serial num\s*:\s*(\S+)", listing).group(1)
        pyatspi.Registry.getDesktop(0).childCount
        self.app = cdtest.App("--database", self.db, env={"SOFTHSM2_CONF": conf})

    def tearDown(self):
        self.app.close()
        shutil.rmtree(self.tmp, ignore_errors=True)

    def test_history_held_before(self):
        win = self.app.window()
        cdtest.select_tab(win, "Thiết bị")
        view = cdtest.wait_for(lambda: cdtest.find(win, name="CdDeviceView"), what="the device view")
        click(cdtest.wait_for(lambda: cdtest.find(view, role="label", name=self.serial),
                              timeout=30, what="the token registered as Bình's device"))
        cdtest.wait_for(lambda: cdtest.find(view, role="label", name=f"Lịch sử thiết bị {self.serial}"),
                        what="its history")
        history = cdtest.get(view, role="list", name="Lịch sử")
        rows = cdtest.wait_for(lambda: (lambda r: r if len(r) == 2 else None)(
            [history.getChildAtIndex(i).name for i in range(history.childCount)]),
            what="two events (held before it was registered, received)")
        self.assertTrue(rows[0].startswith("Đang giữ từ trước khi đăng ký (không rõ ngày bàn giao)"), rows)
        self.assertTrue(rows[1].startswith("Đơn vị đã có từ trước khi đăng ký (không rõ ngày tiếp nhận)"), rows)
        self.assertIn("Lê Thị Bình", cdtest.all_text(history))
        cdtest.screenshot("devices-plugged-held-before")
        with sqlite3.connect(self.db) as c:
            self.assertEqual(c.execute("SELECT e.kind, e.date, s.full_name FROM handover_events e"
                                       " JOIN devices d ON d.id = e.device_id"
                                       " LEFT JOIN staff s ON s.id = e.staff_id"
                                       " WHERE d.token_serial = ? ORDER BY e.id", (self.serial,)).fetchall(),
                             [("receive", None, None), ("hand_to_holder", None, "Lê Thị Bình")])
            self.assertEqual(c.execute("SELECT d.status, s.full_name FROM devices d JOIN staff s"
                                       " ON s.id = d.holder_id WHERE d.token_serial = ?",
                                       (self.serial,)).fetchone(), ("with_holder", "Lê Thị Bình"))
        self.assertEqual(self.app.quit(), 0)


if __name__ == "__main__":
    unittest.main(verbosity=2)
