#!/usr/bin/python3
"""build-aux/screenshots, the tool HACKING.md says to run after a GUI
change, still works: it writes every PNG committed in data/screenshots/
(the first start, the demo register's views), each the real window at
the committed size (into a temporary folder here).

It once failed at its first line (the test helper module had moved), so
the README's screenshots went stale without anyone seeing it."""
import os
import subprocess
import sys
import tempfile
import unittest

TOP = os.environ.get("MESON_SOURCE_ROOT",
                     os.path.join(os.path.dirname(__file__), "..", ".."))
BUILD = os.environ["MESON_BUILD_ROOT"]
COMMITTED = os.path.join(TOP, "data", "screenshots")


def png_facts(path):
    """Width, height and number of colours, as ImageMagick reads the file."""
    out = subprocess.run(["identify", "-format", "%w %h %k", path],
                         capture_output=True, text=True, check=True).stdout.split()
    return tuple(int(v) for v in out)


class Screenshots(unittest.TestCase):
    def test_tool_writes_both_screenshots(self):
        with tempfile.TemporaryDirectory() as out:
            env = dict(os.environ, CERTDESK_SCREENSHOT_SESSION="1",
                       CERTDESK_SCREENSHOTS_DIR=out)
            run = subprocess.run([sys.executable, os.path.join(TOP, "build-aux", "screenshots"),
                                  BUILD], env=env, capture_output=True, text=True, timeout=240)
            self.assertEqual(run.returncode, 0, run.stdout + run.stderr)
            names = sorted(os.listdir(out))
            # The screenshots the metainfo and README show (the install
            # test checks those are the committed ones), all made here.
            self.assertEqual(names, sorted(os.listdir(COMMITTED)), run.stdout)
            self.assertIn("first-start.png", names)
            self.assertIn("main-window.png", names)
            for name in names:
                path = os.path.join(out, name)
                self.assertIn(path, run.stdout.splitlines())
                width, height, colours = png_facts(path)
                # The window at its default size, not a blank or cut image,
                # and as large as the committed one.
                self.assertGreaterEqual(width, 900, name)
                self.assertGreaterEqual(height, 600, name)
                self.assertGreater(colours, 50, name)
                self.assertEqual((width, height), png_facts(os.path.join(COMMITTED, name))[:2], name)


if __name__ == "__main__":
    unittest.main(verbosity=2)
