#!/usr/bin/python3
"""certdesk --import-staff, headless: the summary, --dry-run, the exit
status, and a process killed in the middle of a 30,000-row import leaves
a sound register with nothing of that import in it."""
import os
import signal
import sqlite3
import subprocess
import tempfile
import time
import unittest
import zipfile
from xml.sax.saxutils import escape

BIN = os.environ["CERTDESK_BIN"]

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ"]
MIDDLE = ["Văn", "Thị", "Hữu", "Minh", "Thanh", "Ngọc", "Đức"]
GIVEN = ["An", "Bình", "Cường", "Dũng", "Hoà", "Thuỷ", "Lan", "Hương", "Phúc", "Quân"]


def env_for(extra=None):
    e = dict(os.environ)
    e.pop("DISPLAY", None)
    e.pop("WAYLAND_DISPLAY", None)
    e["CERTDESK_UI_LANGUAGE"] = "en"
    if extra:
        e.update(extra)
    return e


def run(*args, timeout=120):
    return subprocess.run([BIN, *args], capture_output=True, text=True,
                          env=env_for(), timeout=timeout)


def people(n):
    for i in range(n):
        name = f"{FAMILY[i % 10]} {MIDDLE[(i // 10) % 7]} {GIVEN[(i // 70) % 10]}"
        year = 1960 + i % 40
        birth = f"{1 + i % 28:02d}/{1 + i % 12:02d}/{year}"
        # province 031, century/sex digit, two digits of the year, serial
        sex = i % 2
        cccd = f"031{sex}{year % 100:02d}{i:06d}"
        yield (name, birth, "Nữ" if sex else "Nam", cccd,
               f"09{i:08d}", f"u{i}@haiphong.edu.vn")


def write_csv(path, n):
    with open(path, "w", encoding="utf-8-sig") as f:
        f.write("STT;Họ và tên;Ngày sinh;Giới tính;Số CCCD;Điện thoại;Email\n")
        for i, p in enumerate(people(n)):
            f.write(f"{i + 1};" + ";".join(p) + "\n")


def write_xlsx(path, rows):
    """A minimal workbook as Excel writes it: inline strings for text,
    numbers as numbers."""
    def col(c):
        return chr(ord("A") + c)
    sheet = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
             '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
             '<sheetData>']
    for r, row in enumerate(rows, start=1):
        sheet.append(f'<row r="{r}">')
        for c, v in enumerate(row):
            if v is None:
                continue
            if isinstance(v, (int, float)):
                sheet.append(f'<c r="{col(c)}{r}"><v>{v}</v></c>')
            else:
                sheet.append(f'<c r="{col(c)}{r}" t="inlineStr"><is><t>{escape(v)}</t></is></c>')
        sheet.append('</row>')
    sheet.append('</sheetData></worksheet>')
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml",
                   '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
        z.writestr("xl/worksheets/sheet1.xml", "".join(sheet))


class ImportCli(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.db = os.path.join(self.tmp.name, "certdesk.db")

    def tearDown(self):
        self.tmp.cleanup()

    def count(self):
        con = sqlite3.connect(self.db)
        try:
            return con.execute("SELECT count(*) FROM staff").fetchone()[0]
        finally:
            con.close()

    def test_xlsx_summary_dry_run_and_exit_status(self):
        path = os.path.join(self.tmp.name, "ds.xlsx")
        write_xlsx(path, [
            ["DANH SÁCH CÁN BỘ"],
            [],
            ["STT", "Họ và tên", "Ngày sinh", "Số CCCD", "Điện thoại"],
            [1, "Nguyễn Văn An", 29226, 31080001234, 912345678],
            [2, "Lê Thị Bình", "12/03/1985", "03118500123X", "0912345679"],
        ])
        p = run(f"--database={self.db}", f"--import-staff={path}", "--dry-run")
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertIn("To add: 1", p.stdout)
        self.assertIn("Row 5 rejected", p.stdout)
        self.assertIn("03118500123X", p.stdout)
        self.assertEqual(self.count(), 0)

        p = run(f"--database={self.db}", f"--import-staff={path}")
        self.assertEqual(p.returncode, 0, p.stderr)
        con = sqlite3.connect(self.db)
        row = con.execute("SELECT full_name, birth_date, cccd, phone FROM staff").fetchone()
        con.close()
        self.assertEqual(row, ("Nguyễn Văn An", "1980-01-06", "031080001234", "0912345678"))

        # nothing importable: non-zero
        bad = os.path.join(self.tmp.name, "bad.csv")
        with open(bad, "w", encoding="utf-8") as f:
            f.write("Họ và tên;Số CCCD\nTrần Văn C;12AB\n")
        p = run(f"--database={self.db}", f"--import-staff={bad}")
        self.assertNotEqual(p.returncode, 0)
        self.assertIn("Row 2 rejected", p.stdout)
        self.assertEqual(self.count(), 1)

    def test_vietnamese_messages(self):
        empty = os.path.join(self.tmp.name, "empty.csv")
        open(empty, "w").close()
        p = subprocess.run([BIN, f"--database={self.db}", f"--import-staff={empty}"],
                           capture_output=True, text=True, timeout=60,
                           env=env_for({"CERTDESK_UI_LANGUAGE": "vi"}))
        self.assertNotEqual(p.returncode, 0)
        self.assertIn("trống", p.stderr)

    def test_kill_during_30000_row_import(self):
        path = os.path.join(self.tmp.name, "big.csv")
        write_csv(path, 30000)
        wal = self.db + "-wal"
        # Make the register first and let that process end cleanly: a new
        # register's schema alone writes some 700 KB of WAL at 16 KiB
        # pages, and a kill during it would test the creation instead.
        p = run(f"--database={self.db}", f"--import-staff={path}", "--dry-run",
                timeout=300)
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertEqual(self.count(), 0)
        self.assertFalse(os.path.exists(wal), "the dry run left a WAL behind")
        killed_mid_import = 0
        for attempt in range(6):
            proc = subprocess.Popen([BIN, f"--database={self.db}", f"--import-staff={path}"],
                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                    env=env_for())
            # Wait until the import transaction is writing pages, then a
            # little more each attempt, and kill without warning.
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline and proc.poll() is None:
                if os.path.exists(wal) and os.path.getsize(wal) > 200_000:
                    break
                time.sleep(0.002)
            time.sleep(0.01 * attempt)
            if proc.poll() is None:
                proc.send_signal(signal.SIGKILL)
            proc.wait()
            con = sqlite3.connect(self.db)
            try:
                self.assertEqual(con.execute("PRAGMA integrity_check").fetchone()[0], "ok")
                n = con.execute("SELECT count(*) FROM staff").fetchone()[0]
            finally:
                con.close()
            print(f"attempt {attempt}: exit {proc.returncode}, {n} staff", flush=True)
            # all or nothing
            self.assertIn(n, (0, 30000))
            if proc.returncode == -signal.SIGKILL and n == 0:
                killed_mid_import += 1
            if n == 30000:
                break
        self.assertGreater(killed_mid_import, 0,
                           "no kill landed before the import's commit")

        # and a full import afterwards still works
        p = run(f"--database={self.db}", f"--import-staff={path}", timeout=300)
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertEqual(self.count(), 30000)


if __name__ == "__main__":
    unittest.main(verbosity=2)
