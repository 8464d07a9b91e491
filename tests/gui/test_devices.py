#!/usr/bin/python3
"""The *Thiết bị* view under Xvfb over AT-SPI: the overdue recovery shows
at the top, a registered token is handed to a staff member through the
event dialog, taken back, and both events show in its history."""
import os
import subprocess
import sys
import tempfile
import time
import unittest

sys.path.insert(0, os.path.dirname(__file__))
import cdtest  # noqa: E402

FIXTURE = sys.argv.pop(1)
DUMP = os.environ.get("CD_DUMP")


def dump(n, d=0):
    try:
        print("  " * d + f"{n.getRoleName()} | {n.name!r} | {n.childCount}")
    except Exception:
        return
    for i in range(min(n.childCount, 60)):
        c = n.getChildAtIndex(i)
        if c is not None:
            dump(c, d + 1)


def run():
    tmp = tempfile.mkdtemp()
    db = os.path.join(tmp, "certdesk.db")
    subprocess.run([FIXTURE, db, tmp], check=True, timeout=60)
    app = cdtest.App("--database", db)
    win = app.window()
    time.sleep(1)
    sw = cdtest.find(win, name="Thiết bị")
    print("switch", sw and sw.getRoleName())
    a = sw.queryAction()
    a.doAction(0)
    time.sleep(1)
    dump(win)
    cdtest.screenshot("devices-explore")
    app.quit()
    app.close()


if __name__ == "__main__":
    run()
