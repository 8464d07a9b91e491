#!/usr/bin/python3
"""No litter, no ghost records (issue 20, D7, D15): --generate and every
export killed (SIGKILL) at random points, then a normal run: the folder
holds no hidden temporary file, and the register's documents match the
files. A full disk (RLIMIT_FSIZE: a per-process file size limit, since a
small tmpfs needs privileges; SIGXFSZ ignored, so a write fails with
EFBIG as on a full disk): a Vietnamese message, no file, the register
untouched. A register whose write lock another program holds: the
message says so, and nothing is written."""
import os
import random
import resource
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "common"))
import cdtest  # noqa: E402

BIN = os.environ["CERTDESK_BIN"]
PEOPLE = 400
ENV = {"CERTDESK_UI_LANGUAGE": "vi"}
# English a library (SQLite, libzip, libxml2, libxlsxwriter, GLib, libc)
# would put in front of the clerk
ENGLISH = ("database is locked", "disk is full", "File too large", "[ERROR]",
           "GLib-ERROR", "Zip generic error", "No space left", "error:")


FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô"]
MIDDLE = ["Văn", "Thị", "Minh", "Hữu", "Đức", "Thu", "Ngọc", "Quang"]
GIVEN = ["An", "Bình", "Cường", "Dung", "Giang", "Hà", "Hải", "Hoa", "Hùng", "Lan",
         "Long", "Mai", "Nam", "Nga", "Phúc", "Quân", "Sơn", "Tâm", "Thảo", "Vy"]


def staff_csv(path, n):
    with open(path, "w", encoding="utf-8") as f:
        f.write("Họ và tên,Ngày sinh,Chức vụ,Đơn vị,Số CCCD,Điện thoại,Email\n")
        for i in range(n):
            name = "%s %s %s" % (FAMILY[i % 10], MIDDLE[i // 10 % 8], GIVEN[i // 80 % 20])
            f.write("%s,01/02/1980,Giáo viên,Tổ Toán,0310800%05d,09%08d,"
                    "gv%d@haiphong.edu.vn\n" % (name, i, i, i + 1))


def hidden(folder):
    return sorted(n for n in os.listdir(folder) if n.startswith("."))


class Crash(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        cls.base_db = os.path.join(cls.tmp.name, "base.db")
        csv = os.path.join(cls.tmp.name, "staff.csv")
        staff_csv(csv, PEOPLE)
        for args in (["--import-staff=" + csv], ["--set-unit=name=TRƯỜNG THCS LÊ LỢI"]):
            p = cdtest.run("--database=" + cls.base_db, *args, env=ENV, timeout=300)
            assert p.returncode == 0, p.stderr

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def setUp(self):
        self.dir = tempfile.mkdtemp(dir=self.tmp.name)
        self.db = os.path.join(self.dir, "so.db")
        with sqlite3.connect(self.base_db) as src, sqlite3.connect(self.db) as dst:
            src.backup(dst)
        self.out = os.path.join(self.dir, "ra")
        os.mkdir(self.out)

    def argv(self, *args):
        return [BIN, "--database=" + self.db, *args]

    def run_cli(self, *args, preexec=None, timeout=300):
        env = dict(os.environ)
        env.pop("DISPLAY", None)
        env.update(ENV)
        return subprocess.run(self.argv(*args), capture_output=True, text=True, env=env,
                              timeout=timeout, preexec_fn=preexec)

    def documents(self):
        with sqlite3.connect(self.db) as c:
            return [p for (p,) in c.execute("SELECT path FROM documents ORDER BY id")]

    def actions(self):
        # everyone: each document is bigger than the full-disk test's limit
        ids = ",".join(str(i) for i in range(1, PEOPLE + 1))
        return {
            "generate": lambda o: ["--generate=mau-01", "--staff=" + ids, "--output=" + o + ".docx"],
            "register": lambda o: ["--export-register=" + o + ".xlsx"],
            "bulk": lambda o: ["--export-bulk-sheet=" + o + ".xlsx", "--staff=" + ids],
            "pdf": lambda o: ["--export-pdf=" + o + ".pdf"],
        }

    def check_folder(self):
        self.assertEqual(hidden(self.out), [])
        recorded = self.documents()
        for path in recorded:
            self.assertTrue(os.path.exists(path), "recorded, no file: " + path)
        for name in os.listdir(self.out):
            self.assertIn(os.path.join(self.out, name), recorded, "a file without its record")

    def test_killed_at_random_points(self):
        """Each action killed at random points (3 each), then a normal run:
        no hidden file left, every record has its file and every file its
        record."""
        rnd = random.Random(20)
        env = dict(os.environ)
        env.pop("DISPLAY", None)
        env.update(ENV)
        for name, args in self.actions().items():
            target = os.path.join(self.out, name)
            start = time.monotonic()
            p = self.run_cli(*args(target))
            whole = time.monotonic() - start
            self.assertEqual(p.returncode, 0, p.stderr)
            killed = 0
            for trial in range(3):
                proc = subprocess.Popen(self.argv(*args(target + "-%d" % trial)),
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                        env=env)
                time.sleep(rnd.uniform(0.05, whole))
                proc.send_signal(signal.SIGKILL)
                if proc.wait() == -signal.SIGKILL:
                    killed += 1
            print("%s: %.2f s a run, %d of 3 killed before the end" % (name, whole, killed),
                  file=sys.stderr)
            # the next run opens the register (it sweeps the folders it
            # wrote to) and writes in the folder again
            p = self.run_cli("--show-unit")
            self.assertEqual(p.returncode, 0, p.stderr)
            self.assertEqual(hidden(self.out), [], "swept on open")
            p = self.run_cli(*args(target + "-again"))
            self.assertEqual(p.returncode, 0, p.stderr)
            self.check_folder()

    def test_full_disk(self):
        """RLIMIT_FSIZE of 4 KB, below every document's size: a clear
        Vietnamese message naming the file, no file (hidden or not), the
        register untouched. The test holds the register open meanwhile,
        so its -shm (32 KB) already exists: the limit meets the document,
        not SQLite's shared memory."""
        def limit():
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
            resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))

        hold = sqlite3.connect(self.db)
        hold.execute("SELECT count(*) FROM staff").fetchall()
        before = self.documents()
        try:
            for name, args in self.actions().items():
                p = self.run_cli(*args(os.path.join(self.out, name)), preexec=limit)
                self.assertEqual(p.returncode, 1, name + ": " + p.stderr)
                self.assertIn("Không đủ chỗ để lưu “%s" % os.path.join(self.out, name),
                              p.stderr, name)
                for text in ENGLISH:
                    self.assertNotIn(text, p.stderr, name)
                self.assertEqual(os.listdir(self.out), [], name)
                self.assertEqual(self.documents(), before, name)
        finally:
            hold.close()

    def test_locked_register(self):
        """Another program holds the write lock: said before any file is
        written, in Vietnamese, nothing recorded."""
        holder = sqlite3.connect(self.db, timeout=0, isolation_level=None)
        holder.execute("BEGIN IMMEDIATE")
        try:
            for name, args in self.actions().items():
                start = time.monotonic()
                p = self.run_cli(*args(os.path.join(self.out, name)), timeout=60)
                self.assertEqual(p.returncode, 1, name + ": " + p.stderr)
                self.assertIn("đang dùng sổ quản lý", p.stderr, name)
                for text in ENGLISH:
                    self.assertNotIn(text, p.stderr, name)
                self.assertEqual(os.listdir(self.out), [], name)
                self.assertLess(time.monotonic() - start, 30)
        finally:
            holder.execute("ROLLBACK")
            holder.close()
        self.assertEqual(self.documents(), [])


class Race(unittest.TestCase):
    """Two imports racing (issue 20, D8): each file gives one official
    e-mail (in another case) to a different new person, on a register
    neither has created yet. Both previews are made before either
    commits: each import holds after its preview until the test has seen
    both ready (CERTDESK_TEST_HOLD_IMPORT), never by a sleep. Exactly
    one commits; the other waits for the lock, checks its preview again
    and says in Vietnamese what changed, writing nothing.
    CD_RACE_TRIALS (default 3) repeats it."""

    def test_two_imports_one_email(self):
        trials = int(os.environ.get("CD_RACE_TRIALS", "3"))
        with tempfile.TemporaryDirectory() as d:
            env = dict(os.environ)
            env.pop("DISPLAY", None)
            env.update(ENV)
            for trial in range(trials):
                db = os.path.join(d, "so-%d.db" % trial)
                hold = os.path.join(d, "hold-%d" % trial)
                os.mkdir(hold)
                files = []
                for k, (name, cccd, email) in enumerate((
                        ("Nguyễn Văn An", "031080901234", "chung%d@haiphong.edu.vn" % trial),
                        ("Lê Thị Bình", "031180901235", "CHUNG%d@haiphong.edu.vn" % trial))):
                    path = os.path.join(d, "ds-%d-%d.csv" % (trial, k))
                    with open(path, "w", encoding="utf-8") as f:
                        f.write("Họ và tên,Ngày sinh,Số CCCD,Email\n")
                        # filler rows make both previews take a while; each
                        # CCCD fits its holder's birth year (1980), so no
                        # row is refused
                        for i in range(300):
                            f.write("%s %s %s,01/02/1980,031080%d%05d,\n"
                                    % (FAMILY[i % 10], MIDDLE[i // 10 % 8], GIVEN[i // 80 % 20],
                                       k + 1, trial * 1000 + i))
                        f.write("%s,01/02/1980,%s,%s\n" % (name, cccd, email))
                    files.append(path)
                procs = [subprocess.Popen([BIN, "--database=" + db, "--import-staff=" + f],
                                          stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                          text=True, env=dict(env, CERTDESK_TEST_HOLD_IMPORT=hold))
                         for f in files]

                def both_ready_or_ended():
                    return (any(p.poll() is not None for p in procs)
                            or len([n for n in os.listdir(hold) if n.startswith("ready-")]) == 2)

                try:
                    cdtest.wait_for(both_ready_or_ended, timeout=120, interval=0.05,
                                    what="both previews made")
                    ended = [p.poll() for p in procs]
                finally:
                    open(os.path.join(hold, "go"), "w").close()
                self.assertEqual(ended, [None, None],
                                 "an import ended before its commit: %s"
                                 % [p.communicate(timeout=60) for p in procs])
                outs = [p.communicate(timeout=300) for p in procs]
                codes = sorted(p.returncode for p in procs)
                for (out, err) in outs:
                    for text in ENGLISH:
                        self.assertNotIn(text, err)
                with sqlite3.connect(db) as c:
                    n = c.execute("SELECT count(*) FROM staff WHERE lower(email) = ?",
                                  ("chung%d@haiphong.edu.vn" % trial,)).fetchone()[0]
                    total = c.execute("SELECT count(*) FROM staff").fetchone()[0]
                print("trial %d: exit codes %s, %d with the e-mail" % (trial, codes, n),
                      file=sys.stderr)
                self.assertEqual(codes, [0, 1], outs)
                self.assertEqual(n, 1, outs)
                # the loser wrote nothing: only the winner's 301 rows
                self.assertEqual(total, 301, outs)
                loser = outs[[p.returncode for p in procs].index(1)][1]
                self.assertIn("nay đã thuộc về", loser)
                self.assertIn("chung%d@haiphong.edu.vn" % trial, loser.lower())


if __name__ == "__main__":
    unittest.main(verbosity=2)
