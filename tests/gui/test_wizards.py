#!/usr/bin/python3
"""The request-list wizard (gia hạn) and the revocation wizard (a retired
staff member) end to end over AT-SPI on the demo register: the files are
saved into a temporary folder (CERTDESK_OUTPUT_DIR), read back with
python-docx and converted with headless LibreOffice, and the batches are
listed in Hồ sơ."""
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "common"))
import cdtest  # noqa: E402

import docx  # noqa: E402
import pyatspi  # noqa: E402

REGISTER = os.environ["WIZARD_REGISTER"]


click = cdtest.press


def windows(app):
    out = []
    for i in range(app.app.childCount):
        w = app.app.getChildAtIndex(i)
        if w is not None:
            out.append(w)
    return out


def find_window(app, name, timeout=20.0):
    def look():
        for w in windows(app):
            if (w.name or "") == name:
                return w
        return None
    return cdtest.wait_for(look, timeout, what=f"the window “{name}”")


def plain(name):
    """GTK 4.8 names a mnemonic button “_Lưu Lưu”: the label as written and
    as shown. Compare what is shown."""
    n = (name or "").replace("_", "")
    half = len(n) // 2
    if len(n) % 2 == 1 and n[half] == " " and n[:half] == n[half + 1:]:
        return n[:half]
    return n


def find_showing(root, role, name):
    for node in cdtest.walk(root):
        try:
            roles = role if isinstance(role, tuple) else (role,)
            if node.getRoleName() not in roles or plain(node.name) != name:
                continue
            # GTK 4.8 does not report SHOWING; the wizard keeps only the
            # current page's widgets, so a sensitive match is the one shown
            if node.getState().contains(pyatspi.STATE_SENSITIVE):
                return node
        except Exception:
            continue
    return None


def press(root, name, role="push button", timeout=20.0):
    """Press the shown button @name. The caller waits on its effect."""
    node = cdtest.wait_for(lambda: find_showing(root, role, name), timeout,
                           what=f"the {role} “{name}”")
    click(node)


STEP = re.compile(r"Bước (\d+)/(\d+)")


def step(wiz):
    """The step the wizard shows: (at, of)."""
    m = STEP.search(cdtest.all_text(wiz))
    return (int(m.group(1)), int(m.group(2))) if m else None


def next_step(wiz):
    """Tiếp, and wait until the wizard shows the next step."""
    at = cdtest.wait_for(lambda: step(wiz), what="the wizard's step")
    press(wiz, "Tiếp")
    cdtest.wait_for(lambda: step(wiz) == (at[0] + 1, at[1]) or None,
                    what=f"step {at[0] + 1} of {at[1]}")


def docx_text(path):
    d = docx.Document(path)
    parts = [p.text for p in d.paragraphs]
    for t in d.tables:
        for row in t.rows:
            parts.append(" | ".join(c.text for c in row.cells))
    return "\n".join(parts)


def libreoffice_text(path, tmp):
    out = os.path.join(tmp, "lo")
    os.makedirs(out, exist_ok=True)
    profile = "file://" + os.path.join(tmp, "lo-profile")
    subprocess.run(["soffice", f"-env:UserInstallation={profile}", "--headless",
                    "--convert-to", "txt:Text (encoded):UTF8", "--outdir", out, path],
                   check=True, capture_output=True, timeout=180)
    txt = os.path.join(out, os.path.splitext(os.path.basename(path))[0] + ".txt")
    with open(txt, encoding="utf-8-sig") as f:
        return f.read()


class Wizards(unittest.TestCase):
    def setUp(self):
        self.out = tempfile.mkdtemp(prefix="certdesk-wizard-out-")
        self.home = tempfile.mkdtemp(prefix="certdesk-wizard-home-")
        folder = os.path.join(self.home, "data", "certdesk")
        os.makedirs(folder, mode=0o700)
        os.chmod(os.path.join(self.home, "data"), 0o700)  # as certdesk makes it
        db = os.path.join(folder, "certdesk.db")
        res = subprocess.run([REGISTER, db, "60", "60"], check=True, capture_output=True, text=True)
        self.expected = {"gia-han": [], "thu-hoi": []}
        for line in res.stdout.splitlines():
            kind, name = line.split("\t")
            self.expected[kind].append(name)
        self.assertTrue(self.expected["gia-han"], "the demo has certificates to renew")
        self.assertTrue(self.expected["thu-hoi"], "the demo has a retired person")

    def tearDown(self):
        shutil.rmtree(self.out, ignore_errors=True)
        shutil.rmtree(self.home, ignore_errors=True)

    def run_wizard(self, app, main, button, title, kind_label, number=None):
        press(main, button)
        wiz = find_window(app, title)
        if kind_label is not None:
            kind = cdtest.wait_for(lambda: find_showing(wiz, ("toggle button", "push button"), kind_label),
                                   what=f"the kind “{kind_label}”")
            click(kind)
            cdtest.wait_for(lambda: kind.getState().contains(pyatspi.STATE_CHECKED)
                            or kind.getState().contains(pyatspi.STATE_PRESSED) or None,
                            what=f"the kind “{kind_label}” chosen")
            next_step(wiz)
        # Chọn cán bộ: the suggestions are pre-selected, with their reasons
        names = self.expected["gia-han" if kind_label else "thu-hoi"]
        # (sought in a worker: "Đang tìm…" shows until they arrive)
        text = cdtest.wait_for(
            lambda: (lambda t: t if all(n in t for n in names) and "Đang tìm…" not in t else None)(
                cdtest.all_text(wiz)),
            what="the suggested people")
        if kind_label is None:
            self.assertIn("Nghỉ hưu", text)
        next_step(wiz)
        # Bổ sung thông tin: go on explicitly if gaps remain (checked on a
        # worker: "Đang kiểm tra…" shows until the gaps arrive)
        cdtest.wait_for(lambda: "Đang kiểm tra…" not in cdtest.all_text(wiz) or None,
                        what="the gaps checked")
        gaps = find_showing(wiz, ("toggle button", "push button"), "Vẫn tiếp tục với các thiếu sót này (sẽ được nhắc lại ở bước xem trước)")
        if gaps is not None:
            click(gaps)
            cdtest.wait_for(lambda: gaps.getState().contains(pyatspi.STATE_CHECKED)
                            or gaps.getState().contains(pyatspi.STATE_PRESSED) or None,
                            what="going on with the gaps chosen")
        next_step(wiz)
        # Thông tin văn bản: the number typed (issue 16: it is printed),
        # once the step shows the draft's (read on a worker)
        if number is not None:
            entry = cdtest.wait_for(lambda: find_showing(wiz, "text", "Số văn bản"),
                                    what="the document number's entry")
            cdtest.set_text(entry, number)
            cdtest.screenshot("wizard-document")
        # Mẫu văn bản, Xem trước
        next_step(wiz)
        next_step(wiz)
        cdtest.wait_for(lambda: all(n in cdtest.all_text(wiz) for n in names), what="the preview rows")
        if number is not None:
            self.assertIn("Số: " + number + " · ", cdtest.all_text(wiz))
        # the page count, counted by a worker and marked as an estimate
        pages = cdtest.wait_for(
            lambda: re.search(r"Khoảng (\d+) trang \(ước tính", cdtest.all_text(wiz)),
            what="the page count")
        self.assertGreaterEqual(int(pages.group(1)), 1)
        cdtest.screenshot("wizard-preview-" + ("gia-han" if kind_label else "thu-hoi"))
        next_step(wiz)
        # Lưu: the file chooser opens in CERTDESK_OUTPUT_DIR with the suggested name
        before = set(os.listdir(self.out))
        press(wiz, "Lưu thành…")
        chooser = find_window(app, "Lưu danh sách")
        press(chooser, "Lưu")
        new = cdtest.wait_for(
            lambda: [f for f in set(os.listdir(self.out)) - before if f.endswith(".docx")],
            timeout=60, what="the saved .docx")
        cdtest.wait_for(lambda: find_showing(wiz, "push button", "Mở tệp"), what="the open buttons")
        return wiz, os.path.join(self.out, new[0])

    def check_document(self, path, names, absent=()):
        text = docx_text(path)
        for n in names:
            self.assertIn(n, text)
        for n in absent:
            self.assertNotIn(n, text)
        lo = libreoffice_text(path, self.home)
        for n in names:
            self.assertIn(n, lo)

    def test_renewal_and_revocation(self):
        env = {"XDG_DATA_HOME": os.path.join(self.home, "data"), "CERTDESK_OUTPUT_DIR": self.out}
        try:
            app = cdtest.App(env=env)
        except AssertionError:
            # the accessibility bus is sometimes slow to list a new client
            # on a loaded machine: one more start
            app = cdtest.App(env=env)
        # cdtest.App makes its own home; the register is in ours
        try:
            main = app.window()
            wiz, renewal = self.run_wizard(app, main, "Lập danh sách đề nghị…",
                                           "Lập danh sách đề nghị", "Gia hạn", number="27/THCSLL-VT")
            self.assertTrue(os.path.basename(renewal).startswith("DS_de_nghi_gia_han_"))
            self.check_document(renewal, self.expected["gia-han"] + ["27/THCSLL-VT"], self.expected["thu-hoi"])

            wiz2, revocation = self.run_wizard(app, main, "Lập danh sách thu hồi…",
                                               "Lập danh sách thu hồi", None)
            self.assertTrue(os.path.basename(revocation).startswith("DS_thu_hoi_"))
            self.check_document(revocation, self.expected["thu-hoi"] + ["Nghỉ hưu"])

            # Hồ sơ lists both batches with their files
            cdtest.select_tab(main, "Hồ sơ")
            try:
                cdtest.wait_for(
                    lambda: (lambda t: renewal in t and revocation in t)(cdtest.all_text(main)),
                    what="both batches in Hồ sơ")
            except AssertionError:
                self.fail("Hồ sơ does not list %s and %s:\n%s" % (renewal, revocation, cdtest.all_text(main)[-3000:]))
            docs = cdtest.all_text(main)
            # a row names its file; the folder, long and pushing the
            # buttons aside, is in the row's tooltip (its description)
            for path in (renewal, revocation):
                shown = cdtest.find(main, contains=os.path.basename(path), rows=True)
                self.assertIsNotNone(shown, "no row names %s" % os.path.basename(path))
                self.assertNotIn(os.path.dirname(path), shown.name,
                                 "a row shows the whole path: %r" % shown.name)
                self.assertIsNotNone(
                    next((n for n in cdtest.walk(main) if (n.description or "") == path), None),
                    "no row holds %s in its tooltip" % path)
            self.assertIn("Gia hạn", docs)
            self.assertIn("Thu hồi", docs)
            self.assertIn("Nháp", docs)

            # Đánh dấu đã gửi asks for the date, today unless told otherwise
            today = time.strftime("%d/%m/%Y")
            press(main, "Đánh dấu đã gửi")
            question = "Danh sách đã được gửi cho nhà cung cấp vào ngày nào?"
            dialog = cdtest.wait_for(
                lambda: next((w for w in windows(app) if question in cdtest.all_text(w)), None),
                what="the date-sent dialog")
            self.assertIn(today, cdtest.all_text(dialog))
            press(dialog, "Đã gửi")
            cdtest.wait_for(lambda: "Đã gửi " + today in cdtest.all_text(main), what="the date sent")

            # Đánh dấu hoàn thành asks first: on the revocation list it revokes
            press(main, "Đánh dấu hoàn thành")
            dialog = cdtest.wait_for(
                lambda: next((w for w in windows(app)
                              if "Đánh dấu danh sách đã hoàn thành?" in cdtest.all_text(w)), None),
                what="the confirmation")
            self.assertIn("Không thể hoàn tác", cdtest.all_text(dialog))
            press(dialog, "Thu hồi và hoàn thành")
            cdtest.wait_for(lambda: "Hoàn thành " + today in cdtest.all_text(main), what="the list done")
            cdtest.screenshot("wizards-documents")
            self.assertEqual(app.quit(), 0)
        finally:
            app.close()

    def test_organisation_certificate(self):
        """Mẫu 02: the unit's row, read on a worker, fills the step in place
        of the people, and Tiếp goes on once it is there."""
        env = {"XDG_DATA_HOME": os.path.join(self.home, "data"), "CERTDESK_OUTPUT_DIR": self.out}
        try:
            app = cdtest.App(env=env)
        except AssertionError:
            app = cdtest.App(env=env)
        try:
            main = app.window()
            press(main, "Lập danh sách đề nghị…")
            wiz = find_window(app, "Lập danh sách đề nghị")
            kind_label = "Chứng thư số của cơ quan, tổ chức (Mẫu 02)"
            kind = cdtest.wait_for(lambda: find_showing(wiz, ("toggle button", "push button"), kind_label),
                                   what="the kind Mẫu 02")
            click(kind)
            cdtest.wait_for(lambda: kind.getState().contains(pyatspi.STATE_CHECKED)
                            or kind.getState().contains(pyatspi.STATE_PRESSED) or None,
                            what="Mẫu 02 chosen")
            next_step(wiz)
            text = cdtest.wait_for(
                lambda: (lambda t: t if "0200654321" in t and "Đang kiểm tra…" not in t else None)(
                    cdtest.all_text(wiz)),
                what="the unit's row")
            self.assertIn("TRƯỜNG THCS LÊ LỢI", text)
            next_step(wiz)  # the gaps: Tiếp is there once the unit is read
            self.assertEqual(app.quit(), 0)
        finally:
            app.close()

    def test_service_certificate(self):
        """Mẫu 03 through the wizard: the kind, the certificate's name typed
        in place of the people, then the document carries it."""
        env = {"XDG_DATA_HOME": os.path.join(self.home, "data"), "CERTDESK_OUTPUT_DIR": self.out}
        try:
            app = cdtest.App(env=env)
        except AssertionError:
            app = cdtest.App(env=env)
        try:
            main = app.window()
            press(main, "Lập danh sách đề nghị…")
            wiz = find_window(app, "Lập danh sách đề nghị")
            kind_label = "Chứng thư số cho thiết bị, dịch vụ (Mẫu 03)"
            kind = cdtest.wait_for(lambda: find_showing(wiz, ("toggle button", "push button"), kind_label),
                                   what="the kind Mẫu 03")
            click(kind)
            cdtest.wait_for(lambda: kind.getState().contains(pyatspi.STATE_CHECKED)
                            or kind.getState().contains(pyatspi.STATE_PRESSED) or None,
                            what="Mẫu 03 chosen")
            next_step(wiz)
            name = cdtest.get(wiz, role="text", name="Tên chứng thư số")
            cdtest.set_text(name, "Bộ phận Một cửa - Trường THCS Lê Lợi")
            for _ in range(5):  # the gaps, the document, the template, the preview, the file
                next_step(wiz)
            before = set(os.listdir(self.out))
            press(wiz, "Lưu thành…")
            chooser = find_window(app, "Lưu danh sách")
            press(chooser, "Lưu")
            new = cdtest.wait_for(
                lambda: [f for f in set(os.listdir(self.out)) - before if f.endswith(".docx")],
                timeout=60, what="the saved .docx")
            path = os.path.join(self.out, new[0])
            self.assertIn("de_nghi_cts_dich_vu", new[0])
            text = docx_text(path)
            self.assertIn("Bộ phận Một cửa - Trường THCS Lê Lợi", text)
            self.assertIn("Chứng thư số phục vụ dịch vụ công", text)
            self.assertEqual(app.quit(), 0)
        finally:
            app.close()

    def test_device_unknown_is_a_note(self):
        """A revocation whose certificate is linked to no device: the gaps
        step says so as a message, with no entry nor Lưu for it (nothing
        about a device is typed in the person's record), and the preview
        again; both the window's way, with no command line option and
        the name said once, by the row."""
        name = self.expected["thu-hoi"][0]
        db = sqlite3.connect(os.path.join(self.home, "data", "certdesk", "certdesk.db"))
        with db:
            db.execute("UPDATE certificates SET device_id = NULL"
                       " WHERE staff_id IN (SELECT id FROM staff WHERE full_name = ?)", (name,))
        db.close()
        env = {"XDG_DATA_HOME": os.path.join(self.home, "data"), "CERTDESK_OUTPUT_DIR": self.out}
        try:
            app = cdtest.App(env=env)
        except AssertionError:
            app = cdtest.App(env=env)
        try:
            main = app.window()
            press(main, "Lập danh sách thu hồi…")
            wiz = find_window(app, "Lập danh sách thu hồi")
            cdtest.wait_for(
                lambda: (lambda t: t if name in t and "Đang tìm…" not in t else None)(cdtest.all_text(wiz)),
                what="the suggested people")
            next_step(wiz)
            text = cdtest.wait_for(
                lambda: (lambda t: t if "Đang kiểm tra…" not in t else None)(cdtest.all_text(wiz)),
                what="the gaps checked")
            self.assertIn("Chưa rõ chứng thư số", text)
            self.assertNotIn(name + ": ", text)
            self.assertNotIn("--link-device", text)
            title = name + " — Thiết bị"
            self.assertIn(title, text)
            self.assertIsNone(cdtest.find(wiz, role="text", name=title), "no entry for the device")
            # the row holding the message has no entry and no button
            message = next(n for n in cdtest.walk(wiz)
                           if (n.name or "").startswith("Chưa rõ chứng thư số"))
            row = message
            while row is not None and row.getRoleName() not in ("list item", "row"):
                row = row.parent
            self.assertIsNotNone(row, "the message is in a row")
            inside = [n.getRoleName() for n in cdtest.walk(row)]
            self.assertNotIn("text", inside)
            self.assertNotIn("push button", inside)
            cdtest.screenshot("wizard-gaps-device")
            # Thông tin văn bản, Mẫu văn bản, Xem trước: the gaps again
            for _ in range(3):
                next_step(wiz)
            gaps = cdtest.wait_for(lambda: next((n for n in cdtest.walk(wiz)
                                                 if (n.name or "").startswith("Vẫn còn thiếu hoặc sai:")), None),
                                   what="the preview's gaps")
            self.assertIn("• " + title + ": Chưa rõ chứng thư số", gaps.name)
            self.assertIn("bấm Chứng thư trên thiết bị…", gaps.name)
            self.assertNotIn("--link-device", gaps.name)
            self.assertNotIn(name + ": ", gaps.name)
            cdtest.screenshot("wizard-preview-device")
            self.assertEqual(app.quit(), 0)
        finally:
            app.close()

    def test_gap_saved_on_worker(self):
        """Issue 16: a gap corrected in the gaps step with its row's Lưu is
        written to the register on core's worker (cd_wizard_fix_async), and
        the step, checked again, no longer lists it."""
        name = self.expected["gia-han"][0]
        path = os.path.join(self.home, "data", "certdesk", "certdesk.db")
        db = sqlite3.connect(path)
        with db:
            db.execute("UPDATE staff SET phone = NULL WHERE full_name = ?", (name,))
        db.close()
        env = {"XDG_DATA_HOME": os.path.join(self.home, "data"), "CERTDESK_OUTPUT_DIR": self.out}
        try:
            app = cdtest.App(env=env)
        except AssertionError:
            app = cdtest.App(env=env)
        try:
            main = app.window()
            press(main, "Lập danh sách đề nghị…")
            wiz = find_window(app, "Lập danh sách đề nghị")
            kind = cdtest.wait_for(lambda: find_showing(wiz, ("toggle button", "push button"), "Gia hạn"),
                                   what="the kind Gia hạn")
            click(kind)
            cdtest.wait_for(lambda: kind.getState().contains(pyatspi.STATE_CHECKED)
                            or kind.getState().contains(pyatspi.STATE_PRESSED) or None,
                            what="Gia hạn chosen")
            next_step(wiz)
            cdtest.wait_for(
                lambda: (lambda t: t if name in t and "Đang tìm…" not in t else None)(cdtest.all_text(wiz)),
                what="the suggested people")
            next_step(wiz)
            title = name + " — Số điện thoại di động"
            entry = cdtest.wait_for(lambda: find_showing(wiz, "text", title), what="the phone's gap")
            row = entry
            while row is not None and row.getRoleName() not in ("list item", "row"):
                row = row.parent
            self.assertIsNotNone(row, "the entry is in a row")
            save = next(n for n in cdtest.walk(row)
                        if n.getRoleName() == "push button" and plain(n.name) == "Lưu")
            cdtest.set_text(entry, "0912345678")
            click(save)
            cdtest.wait_for(lambda: find_showing(wiz, "text", title) is None or None,
                            what="the phone's gap gone once saved")
            cdtest.wait_for(lambda: "Đang kiểm tra…" not in cdtest.all_text(wiz) or None,
                            what="the gaps checked again")
            self.assertIsNone(find_showing(wiz, "text", title), "the gap is not listed again")
            db = sqlite3.connect(path)
            (phone,) = db.execute("SELECT phone FROM staff WHERE full_name = ?", (name,)).fetchone()
            db.close()
            self.assertEqual(re.sub(r"\D", "", phone or ""), "0912345678")
            self.assertEqual(app.quit(), 0)
        finally:
            app.close()

    def test_discard_closes_cleanly(self):
        """Closing a wizard with suggested people asks; “Bỏ đi” closes it
        without a GLib CRITICAL (App.close() fails on any)."""
        env = {"XDG_DATA_HOME": os.path.join(self.home, "data"), "CERTDESK_OUTPUT_DIR": self.out}
        try:
            app = cdtest.App(env=env)
        except AssertionError:
            app = cdtest.App(env=env)
        try:
            main = app.window()
            press(main, "Lập danh sách thu hồi…")
            wiz = find_window(app, "Lập danh sách thu hồi")
            names = self.expected["thu-hoi"]
            cdtest.wait_for(
                lambda: (lambda t: t if all(n in t for n in names) and "Đang tìm…" not in t else None)(
                    cdtest.all_text(wiz)),
                what="the suggested people")
            close = cdtest.wait_for(lambda: cdtest.find(wiz, role="push button", name="Đóng")
                                    or cdtest.find(wiz, role="push button", name="Close"),
                                    what="the wizard's close button")
            cdtest.press(close)
            question = cdtest.wait_for(
                lambda: next((w for w in (app.app.getChildAtIndex(i) for i in range(app.app.childCount))
                              if w is not None and cdtest.find(w, contains="Lưu danh sách thành bản nháp?")), None),
                what="the “Lưu danh sách thành bản nháp?” question")
            cdtest.press(cdtest.get(question, role="push button", contains="Bỏ đi"))
            cdtest.wait_closed(app, "Lập danh sách thu hồi")
            self.assertEqual(app.quit(), 0)
        finally:
            app.close()


if __name__ == "__main__":
    unittest.main(verbosity=2)
