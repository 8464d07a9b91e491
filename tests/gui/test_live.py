#!/usr/bin/python3
"""The open window shows what another program writes to the register:
staff imported and a certificate imported from a terminal appear in the
staff list without a restart (issue 16, live views)."""
import json
import os
import re
import shutil
import sys
import tempfile
import time
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "common"))
import cdtest  # noqa: E402

SUMMARY = re.compile(r"(\d+) cán bộ · (\d+) sắp hết hạn · (\d+) đã hết hạn(?: · đang hiển thị (\d+))?")
HEADER = "STT;Họ và tên;Ngày sinh;Giới tính;Số CCCD;Điện thoại;Email\n"


def staff_count(win):
    for node in cdtest.walk(win):
        try:
            m = SUMMARY.fullmatch(node.name or "")
        except Exception:
            continue
        if m:
            return int(m.group(1))
    return None


class Live(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp()
        self.db = os.path.join(self.tmp, "certdesk.db")
        self.certs = os.environ["CD_TEST_CERTS"]
        self.terminal("--set-unit=name=TRƯỜNG THCS LÊ LỢI")
        self.terminal("--import-staff=" + self.csv("a.csv", [
            "1;Hoàng Văn Thái;04/03/1985;Nam;;;thaihv@haiphong.edu.vn",
            "2;Lê Thị Hoa;12/03/1985;Nữ;031185001234;;"]))
        self.app = cdtest.App("--database=" + self.db)

    def tearDown(self):
        self.app.close()
        shutil.rmtree(self.tmp, ignore_errors=True)

    def csv(self, name, lines):
        path = os.path.join(self.tmp, name)
        with open(path, "w", encoding="utf-8") as f:
            f.write(HEADER + "\n".join(lines) + "\n")
        return path

    def terminal(self, *args):
        p = cdtest.run("--database=" + self.db, *args)
        self.assertEqual(p.returncode, 0, p.stderr)
        return p

    def test_terminal_writes_show_in_window(self):
        win = self.app.window()
        cdtest.wait_for(lambda: staff_count(win) == 2 or None, what="the two people listed")

        t0 = time.monotonic()
        self.terminal("--import-staff=" + self.csv("b.csv", ["1;Trần Văn Nam;05/01/1980;Nam;031080004321;;"]))
        cdtest.wait_for(lambda: staff_count(win) == 3 or None, what="the person imported in a terminal")
        print("import from a terminal shown after %.2f s" % (time.monotonic() - t0))
        cdtest.get(win, contains="Trần Văn Nam", rows=True)

        t0 = time.monotonic()
        self.terminal("--import-certificate=" + os.path.join(self.certs, "teacher-gov-sign.der"))
        serial = json.loads(self.terminal("--list-certificates", "--json").stdout)[0]["serial"]
        try:
            cdtest.wait_for(lambda: cdtest.find(win, contains=serial, rows=True),
                            what="the certificate imported in a terminal in Hoàng Văn Thái's row")
        except AssertionError:
            print(serial, [l for l in cdtest.all_text(win).split("\n") if "Chưa" in l or "54" in l or "Thái" in l])
            raise
        print("certificate from a terminal shown after %.2f s" % (time.monotonic() - t0))


if __name__ == "__main__":
    unittest.main(verbosity=2)
