#!/usr/bin/python3
"""A stand-in for the desktop's notification server on the test's session
bus: owns org.gtk.Notifications (GLib's GNotification sends there when it
is owned) and appends every AddNotification call to the JSON-lines file
given as argument, so a test can read what the app sent. Touches
<file>.ready once it owns the name."""
import json
import sys

from gi.repository import Gio, GLib

XML = """
<node>
  <interface name="org.gtk.Notifications">
    <method name="AddNotification">
      <arg type="s" direction="in"/>
      <arg type="s" direction="in"/>
      <arg type="a{sv}" direction="in"/>
    </method>
    <method name="RemoveNotification">
      <arg type="s" direction="in"/>
      <arg type="s" direction="in"/>
    </method>
  </interface>
</node>
"""

out = sys.argv[1]


def call(conn, sender, path, iface, method, params, invocation):
    args = params.unpack()
    with open(out, "a", encoding="utf-8") as f:
        f.write(json.dumps({"method": method, "args": args}, ensure_ascii=False, default=str) + "\n")
    invocation.return_value(None)


def acquired(conn, name):
    open(out + ".ready", "w").close()


def bus_acquired(conn, name):
    info = Gio.DBusNodeInfo.new_for_xml(XML).interfaces[0]
    conn.register_object("/org/gtk/Notifications", info, call, None, None)


Gio.bus_own_name(Gio.BusType.SESSION, "org.gtk.Notifications", Gio.BusNameOwnerFlags.NONE,
                 bus_acquired, acquired, lambda *a: sys.exit(1))
GLib.MainLoop().run()
