"""Helpers for driving the real certdesk window over AT-SPI under Xvfb."""
import os
import shutil
import subprocess
import tempfile
import time

import pyatspi

BIN = os.environ["CERTDESK_BIN"]
BUILD = os.environ.get("MESON_BUILD_ROOT", ".")


def wait_for(predicate, timeout=20.0, interval=0.2, what="condition"):
    deadline = time.monotonic() + timeout
    last_exc = None
    while time.monotonic() < deadline:
        try:
            value = predicate()
            if value:
                return value
        except Exception as exc:  # AT-SPI objects vanish while we look
            last_exc = exc
        time.sleep(interval)
    raise AssertionError(f"timed out waiting for {what}" + (f" ({last_exc})" if last_exc else ""))


def walk(node, depth=0, max_depth=60):
    if node is None or depth > max_depth:
        return
    yield node
    try:
        n = node.childCount
    except Exception:
        return
    for i in range(n):
        try:
            child = node.getChildAtIndex(i)
        except Exception:
            continue
        yield from walk(child, depth + 1, max_depth)


def find_app(pid, timeout=90.0):
    desktop = pyatspi.Registry.getDesktop(0)

    def look():
        for i in range(desktop.childCount):
            app = desktop.getChildAtIndex(i)
            try:
                if app is not None and app.get_process_id() == pid:
                    return app
            except Exception:
                continue
        return None
    return wait_for(look, timeout, what=f"certdesk (pid {pid}) on the accessibility bus")


def find(root, role=None, name=None, contains=None):
    for node in walk(root):
        try:
            if role is not None and node.getRoleName() != role:
                continue
            n = node.name or ""
            if name is not None and n != name:
                continue
            if contains is not None and contains not in n:
                continue
            return node
        except Exception:
            continue
    return None


def all_text(root):
    """Names and descriptions and text contents of every node: what a
    screen reader could say."""
    out = []
    for node in walk(root):
        try:
            if node.name:
                out.append(node.name)
            if node.description:
                out.append(node.description)
            try:
                t = node.queryText()
                out.append(t.getText(0, t.characterCount))
            except Exception:
                pass
        except Exception:
            continue
    return "\n".join(out)


def press(node):
    """The node's first action (a button's click)."""
    node.queryAction().doAction(0)


def set_text(entry, text):
    entry.queryEditableText().setTextContents(text)


def toplevel(app, title):
    """The app's window titled @title (a dialog, a chooser), once shown.
    @app: an App."""
    def look():
        for i in range(app.app.childCount):
            w = app.app.getChildAtIndex(i)
            if w is not None and w.name == title:
                return w
        return None
    return wait_for(look, what=f"the “{title}” window")


def wait_closed(app, title):
    """Until the app has no window titled @title."""
    def look():
        for i in range(app.app.childCount):
            w = app.app.getChildAtIndex(i)
            if w is not None and w.name == title:
                return None
        return True
    wait_for(look, what=f"the “{title}” window closed")


def button(root, label):
    """A push button by the label inside it (GTK 4.8 names a message
    dialog's response "_Nhập Nhập", mnemonic and all)."""
    for n in walk(root):
        try:
            if n.getRoleName() == "push button" and n.childCount > 0 and n.getChildAtIndex(0).name == label:
                return n
        except Exception:
            continue
    return None


def screenshot(name):
    path = os.path.join(BUILD, "screenshots", name + ".png")
    os.makedirs(os.path.dirname(path), exist_ok=True)
    if shutil.which("import"):
        subprocess.run(["import", "-window", "root", path], check=False,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    else:
        xwd = subprocess.run(["xwd", "-root", "-silent"], capture_output=True)
        subprocess.run(["convert", "xwd:-", path], input=xwd.stdout, check=False)
    return path


class App:
    """certdesk started on a private data folder."""

    def __init__(self, *args, env=None):
        self.home = tempfile.mkdtemp(prefix="certdesk-gui-")
        e = dict(os.environ)
        e["XDG_DATA_HOME"] = os.path.join(self.home, "data")
        e["XDG_CONFIG_HOME"] = os.path.join(self.home, "config")
        e["GTK_A11Y"] = "atspi"
        e.setdefault("GSK_RENDERER", "cairo")
        if env:
            e.update(env)
        # Bring the accessibility bus and registry up before the app starts:
        # the first app on a fresh session bus otherwise races their
        # activation and may never appear on the desktop.
        pyatspi.Registry.getDesktop(0).childCount
        self.proc = subprocess.Popen([BIN, *args], env=e,
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        self.app = find_app(self.proc.pid)

    def window(self, timeout=60.0):
        def look():
            for i in range(self.app.childCount):
                w = self.app.getChildAtIndex(i)
                if w is not None and w.getRoleName() in ("frame", "window", "dialog"):
                    return w
            return None
        return wait_for(look, timeout, what="the main window")

    def quit(self, timeout=10.0):
        """Ctrl+Q through the application action, then wait for exit."""
        if self.proc.poll() is None:
            subprocess.run(["gdbus", "call", "--session", "--dest", "io.github.certdesk.CertDesk",
                            "--object-path", "/io/github/certdesk/CertDesk",
                            "--method", "org.gtk.Actions.Activate", "quit", "[]", "{}"],
                           capture_output=True, timeout=10)
        try:
            self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
            raise AssertionError("certdesk did not quit cleanly")
        return self.proc.returncode

    def close(self):
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        shutil.rmtree(self.home, ignore_errors=True)
