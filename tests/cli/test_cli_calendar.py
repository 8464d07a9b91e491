#!/usr/bin/python3
"""certdesk --export-calendar=FILE.ics and --reminders on the sample
register: the file is private, read back by hand as a calendar would
(CRLF, lines of at most 75 octets, folds undone), has an event per
certificate with an alarm at the threshold, and keeps its UIDs when
exported again."""
import os
import re
import stat
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "common"))
import cdtest  # noqa: E402

run = cdtest.run


def unfold(raw):
    assert raw.endswith(b"\r\n")
    lines = []
    for phys in raw[:-2].split(b"\r\n"):
        assert len(phys) <= 75, phys
        assert b"\n" not in phys
        if phys.startswith(b" "):
            lines[-1] += phys[1:]
        else:
            lines.append(phys)
    return [l.decode("utf-8") for l in lines]


class CalendarCli(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()

    def tearDown(self):
        self.tmp.cleanup()

    def export(self, name, *extra):
        path = os.path.join(self.tmp.name, name)
        p = run("--demo", "--export-calendar=" + path, *extra, env={"CERTDESK_UI_LANGUAGE": "vi"})
        return p, path

    def test_export(self):
        p, path = self.export("nhac-viec.ics")
        self.assertEqual(p.returncode, 0, p.stderr)
        m = re.search(r"Đã ghi (\d+) sự kiện", p.stdout)
        self.assertIsNotNone(m, p.stdout)
        n = int(m.group(1))
        self.assertGreater(n, 0)
        self.assertEqual(stat.S_IMODE(os.stat(path).st_mode), 0o600)
        with open(path, "rb") as f:
            lines = unfold(f.read())
        self.assertEqual(lines[0], "BEGIN:VCALENDAR")
        self.assertEqual(lines[-1], "END:VCALENDAR")
        self.assertEqual(sum(1 for l in lines if l == "BEGIN:VEVENT"), n)
        uids = [l[4:] for l in lines if l.startswith("UID:")]
        self.assertEqual(len(uids), len(set(uids)))
        certs = [u for u in uids if u.startswith("cert-")]
        self.assertTrue(certs)
        triggers = [l for l in lines if l.startswith("TRIGGER:")]
        self.assertEqual(len(triggers), len(certs))
        self.assertTrue(all(re.fullmatch(r"TRIGGER:-P\d+D", t) for t in triggers))
        self.assertTrue(any("hết hạn" in l for l in lines if l.startswith("SUMMARY:")))

    def test_refuses_existing_file(self):
        path = os.path.join(self.tmp.name, "a.ics")
        with open(path, "w") as f:
            f.write("x")
        p = run("--demo", "--export-calendar=" + path, env={"CERTDESK_UI_LANGUAGE": "vi"})
        self.assertNotEqual(p.returncode, 0)
        with open(path) as f:
            self.assertEqual(f.read(), "x")

    def test_empty_name(self):
        p = run("--demo", "--export-calendar=", env={"CERTDESK_UI_LANGUAGE": "vi"})
        self.assertEqual(p.returncode, 2)

    def test_reminders(self):
        p = run("--demo", "--reminders", env={"CERTDESK_UI_LANGUAGE": "vi"})
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertIn("chứng thư số", p.stdout)


if __name__ == "__main__":
    unittest.main()
