"""The one helper module of the Python tests: running the certdesk
binary headless (run) and driving its real window over AT-SPI under Xvfb
(App, find, press, click, ...).

GTK 4.8 facts the AT-SPI helpers are built on:
- A button's AT-SPI action calls gtk_widget_activate(), which does nothing
  on a widget that is not realized yet (a page of a stack not shown yet, a
  dialog not yet mapped) and emits "clicked" only ~250 ms later, from a
  timeout; a second activation while that is pending is dropped. So press()
  waits until its widget has been given a size (it is realized and laid
  out) and every press in a test is followed by a wait on what it does.
- GTK 4.8 reports no "showing" state for widgets; a widget's extents are
  0x0 until it is first allocated.
"""
import os
import re
import shutil
import subprocess
import tempfile
import time

BIN = os.environ["CERTDESK_BIN"]
BUILD = os.environ.get("MESON_BUILD_ROOT", ".")

# pyatspi only where a window is driven: CLI tests run without it.
try:
    import pyatspi
except ImportError:  # pragma: no cover - headless tests only
    pyatspi = None


def run(*args, env=None, timeout=120):
    """certdesk with @args, headless: no display at all, since a headless
    action must never need one."""
    e = dict(os.environ)
    e.pop("DISPLAY", None)
    e.pop("WAYLAND_DISPLAY", None)
    if env:
        e.update(env)
    return subprocess.run([BIN, *args], capture_output=True, text=True,
                          env=e, timeout=timeout)


class CliRegister:
    """Mixed into a unittest.TestCase whose setUp makes self.tmp (a
    tempfile.TemporaryDirectory), self.db (the register in it) and
    self.env: the real CLI on that register, headless."""

    def tearDown(self):
        self.tmp.cleanup()

    def run_cd(self, *args):
        return run("--database=" + self.db, *args, env=self.env)

    def ok(self, *args):
        p = self.run_cd(*args)
        self.assertEqual(p.returncode, 0, p.stderr)
        return p

    def path(self, name):
        return os.path.join(self.tmp.name, name)


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


# The program's data lists, whose rows come and go while it runs (a
# reload after each change). GTK 4.8's AT-SPI bridge crashes the program
# when asked for the children of a row it has just removed (their cells
# have no object path any more, and a NULL reference goes into the
# reply), so a walk that does not need rows stays out of these.
DATA_LISTS = ("Danh sách cán bộ", "Sổ thiết bị", "Thiết bị cần thu hồi", "Lịch sử")
# Controls a test presses or types in: sought outside the data lists.
CONTROL_ROLES = ("push button", "toggle button", "text", "page tab", "check box", "radio button")


def walk(node, depth=0, max_depth=60, rows=True):
    if node is None or depth > max_depth:
        return
    yield node
    try:
        n = node.childCount
        if not rows and depth > 0 and node.name in DATA_LISTS:
            return
    except Exception:
        return
    for i in range(n):
        try:
            child = node.getChildAtIndex(i)
        except Exception:
            continue
        yield from walk(child, depth + 1, max_depth, rows)


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


def find(root, role=None, name=None, contains=None, rows=None):
    """The first node below @root of @role with @name (or whose name
    @contains). Controls are sought outside the data lists' rows unless
    @rows is True (see DATA_LISTS)."""
    if rows is None:
        rows = role not in CONTROL_ROLES
    for node in walk(root, rows=rows):
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


def get(root, role=None, name=None, contains=None, timeout=20.0, rows=None):
    """find(), waiting until the node is there: a walk can miss a node
    while the tree changes under it."""
    what = f"the {role or 'node'} “{name or contains or ''}”"
    return wait_for(lambda: find(root, role=role, name=name, contains=contains, rows=rows),
                    timeout, what=what)


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


def allocated(node):
    """The widget has been given a size: it is realized and laid out, so
    an activation reaches it (GTK 4.8 drops one sent before)."""
    try:
        ext = node.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
        return ext.width > 0 and ext.height > 0
    except Exception:
        return False


def sensitive(node):
    return node.getState().contains(pyatspi.STATE_SENSITIVE)


ACTION_NAMES = ("click", "press", "activate", "toggle")


def press(node, what=None):
    """Activate @node through its AT-SPI action (a button's click, a tab's
    selection) once it is realized, laid out and sensitive. The effect
    comes later (GTK 4.8 clicks a button 250 ms after its activation):
    wait on it before the next press."""
    assert node is not None, f"nothing to press ({what or 'a missing node'})"
    label = what or f"“{node.name}”"
    wait_for(lambda: allocated(node) and sensitive(node),
             what=f"{label} laid out and sensitive before pressing it")
    try:
        action = node.queryAction()
        n = action.nActions
    except Exception:
        n = 0
    if n == 0:
        # GTK 4.8 gives check buttons no AT-SPI action.
        click(node)
        return
    for i in range(n):
        if action.getName(i) in ACTION_NAMES:
            action.doAction(i)
            return
    action.doAction(0)


def click(node, what=None):
    """A real pointer click in the middle of @node, once it is laid out
    (list rows and check buttons have no AT-SPI action in GTK 4.8)."""
    label = what or f"“{getattr(node, 'name', '')}”"
    wait_for(lambda: allocated(node), what=f"{label} laid out before clicking it")
    # Window coordinates: GTK 4.8 cannot tell where its windows are on the
    # screen (and warns when asked); with no window manager under Xvfb a
    # window stands at the screen's origin, so they are the same.
    ext = node.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
    pyatspi.Registry.generateMouseEvent(ext.x + ext.width // 2, ext.y + ext.height // 2, "b1c")


def select_tab(root, name):
    """Select the page tab @name and wait until it is the selected one: the
    page is shown (and its widgets realized) only then."""
    tab = wait_for(lambda: find(root, role="page tab", name=name), what=f"the “{name}” tab")
    if not tab.getState().contains(pyatspi.STATE_SELECTED):
        press(tab)
    wait_for(lambda: tab.getState().contains(pyatspi.STATE_SELECTED) or None,
             what=f"the “{name}” tab selected")
    return tab


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
    """Until the app has no window titled @title. Each look also asks for
    the window one past the last, as a screen reader does when a window
    closes under it: GTK 4.8 then answers with the last toplevel, shown or
    not, and a hidden window without an accessible path crashed the
    program (App.close() fails the test on that)."""
    def look():
        n = app.app.childCount
        for i in range(n + 1):
            try:
                w = app.app.getChildAtIndex(i)
            except Exception:
                continue
            if i < n and w is not None and w.name == title:
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


# What GLib and GTK print when the program does something wrong: a GUI
# test fails on any of it.
BAD_LOG = re.compile(r"^\(.*\): [\w.+-]+-(CRITICAL|WARNING) \*\*|^[\w.+-]+-(CRITICAL|WARNING) \*\*|^\*\* \(.*\): (CRITICAL|WARNING)",
                     re.MULTILINE)


# GTK 4.8's AT-SPI bridge, asked by the test about a widget whose
# accessible context is already gone (a dialog closing while the tree is
# walked), builds an object reference from a NULL path (later GTK returns
# a null reference there). Only these two lines, only from GLib's GVariant
# checks, are the toolkit answering the test driver; everything else the
# program logs fails the test.
TIMESTAMP = re.compile(r"\d\d:\d\d:\d\d\.\d+: ")
TOOLKIT_A11Y = (
    "GLib-CRITICAL **: g_variant_is_object_path: assertion 'string != NULL' failed",
    "GLib-CRITICAL **: g_variant_new_object_path: assertion 'g_variant_is_object_path (object_path)' failed",
    # GTK 4.8's own file chooser (GtkFileChooserDialog, the fallback of
    # GtkFileChooserNative without a portal): its GtkPathBar shows a path
    # button between layout and paint, about one run in ten on a busy
    # machine. Found with a log writer printing the warned widget's
    # parents: GtkButton < GtkPathBar < ... < GtkFileChooserWidget <
    # GtkFileChooserDialog, twice. Not a widget of ours.
    "Gtk-WARNING **: Trying to snapshot GtkButton",
)


class App:
    """certdesk started on a private data folder. Its output goes to files
    (a pipe nobody reads would stop the program once full); close() fails
    the test if the program logged a GLib CRITICAL or WARNING."""

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
        self.stdout_path = os.path.join(self.home, "stdout.txt")
        self.stderr_path = os.path.join(self.home, "stderr.txt")
        with open(self.stdout_path, "w") as out, open(self.stderr_path, "w") as err:
            self.proc = subprocess.Popen([BIN, *args], env=e, stdin=subprocess.DEVNULL,
                                         stdout=out, stderr=err, text=True)
        self.app = find_app(self.proc.pid)

    def stderr(self):
        try:
            with open(self.stderr_path, encoding="utf-8", errors="replace") as f:
                return f.read()
        except OSError:
            return ""

    def bad_log(self):
        """The GLib CRITICAL and WARNING lines the program printed, but for
        the toolkit's own answer to the test's probing (TOOLKIT_A11Y)."""
        text = self.stderr()
        return [line for line in text.splitlines()
                if BAD_LOG.search(line)
                and not any(k in TIMESTAMP.sub("", line) for k in TOOLKIT_A11Y)]

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
        """Stop the program (if still running) and fail on any CRITICAL or
        WARNING it logged."""
        died = self.proc.poll()
        if died is None:
            self.proc.kill()
            self.proc.wait()
        bad = self.bad_log()
        text = self.stderr()
        shutil.rmtree(self.home, ignore_errors=True)
        if died is not None and died < 0:
            raise AssertionError(f"certdesk died of signal {-died}\n--- stderr ---\n" + text[-4000:])
        if bad:
            raise AssertionError("certdesk logged:\n" + "\n".join(bad) + "\n--- stderr ---\n" + text[-4000:])
