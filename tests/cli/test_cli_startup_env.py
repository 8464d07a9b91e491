#!/usr/bin/python3
"""The rare segfault at start (issue 15): `--demo --generate=mau-09
--staff=3` died once in a hundred runs with exit 139 and no file, never
under ASan. main() read the ui-language setting first — with the dconf
backend a GSettings object starts dconf's worker thread, which looks up
the session bus with getenv() — and only then set the locale and added
$LANGUAGE, $GSK_RENDERER and $GDK_DEBUG: each added variable reallocates
the environment array under that getenv(). (ASan keeps freed memory
intact in quarantine and libc's getenv() is not instrumented, so it never
saw it.)

env-guard.so aborts whenever the process adds to its environment or
changes its locale while another thread runs, which makes the race
certain: the run must end well with it preloaded, with the setting read
(no $CERTDESK_UI_LANGUAGE) and with each language forced, in an
environment without $LANG, $LANGUAGE or $GSK_RENDERER (each is then
added)."""
import glob
import os
import subprocess
import sys
import tempfile
import unittest

BIN = os.environ["CERTDESK_BIN"]
GUARD = os.environ["CD_ENV_GUARD"]
DCONF = glob.glob("/usr/lib/*/gio/modules/libdconfsettings.so") + \
    glob.glob("/usr/lib/gio/modules/libdconfsettings.so")
KEEP = ("PATH", "GSETTINGS_SCHEMA_DIR", "CERTDESK_DATADIR", "CERTDESK_LOCALEDIR")


@unittest.skipUnless(DCONF, "dconf's GSettings backend (the one that starts a thread) is not installed")
class StartupEnv(unittest.TestCase):
    def run_guarded(self, ui_language=None):
        with tempfile.TemporaryDirectory() as home:
            env = {k: os.environ[k] for k in KEEP if k in os.environ}
            env.update(HOME=home, XDG_CONFIG_HOME=os.path.join(home, ".config"),
                       XDG_CACHE_HOME=os.path.join(home, ".cache"),
                       XDG_DATA_HOME=os.path.join(home, ".local", "share"),
                       GSETTINGS_BACKEND="dconf", LD_PRELOAD=GUARD)
            if ui_language is not None:
                env["CERTDESK_UI_LANGUAGE"] = ui_language
            out = os.path.join(home, "mau-09.docx")
            p = subprocess.run([BIN, "--demo", "--generate=mau-09", "--staff=3", "--output=" + out],
                               env=env, capture_output=True, text=True, timeout=120)
            self.assertNotIn("env-guard", p.stderr)
            self.assertEqual(p.returncode, 0, p.stderr)
            self.assertTrue(os.path.getsize(out) > 0)
            return p.stdout

    def test_setting_read(self):
        # the setting's default: Vietnamese
        self.assertIn("1 người", self.run_guarded())

    def test_forced_languages(self):
        self.assertIn("1 người", self.run_guarded("vi"))
        self.assertIn("1 person", self.run_guarded("en"))
        self.run_guarded("system")


if __name__ == "__main__":
    unittest.main(verbosity=2)
