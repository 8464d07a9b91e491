#!/usr/bin/python3
"""The GUI tests' check of the program's output (cdtest.App.bad_log): a
GLib CRITICAL or WARNING fails a test, whatever its domain and format;
only GTK 4.8's AT-SPI bridge answering the test driver is let through."""
import os
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "common"))
import cdtest  # noqa: E402


def bad(text):
    app = cdtest.App.__new__(cdtest.App)  # the check alone: no program
    with tempfile.NamedTemporaryFile("w", delete=False, suffix=".txt") as f:
        f.write(text)
    app.stderr_path = f.name
    try:
        return app.bad_log()
    finally:
        os.unlink(f.name)


class LogCheck(unittest.TestCase):
    def test_every_critical_and_warning_fails(self):
        lines = [
            "(certdesk:1): Gtk-CRITICAL **: 04:54:54.922: gtk_widget_get_parent: assertion 'GTK_IS_WIDGET (widget)' failed",
            "(certdesk:1): GLib-GObject-CRITICAL **: 04:54:54.922: instance with invalid (NULL) class pointer",
            "(certdesk:1): Gtk-WARNING **: 04:54:54.922: Screen coordinates not supported",
            "** (certdesk:5): WARNING **: 01:02:03.456: something",
            "** (certdesk:5): CRITICAL **: 01:02:03.456: cd_store_get_path: assertion 'CD_IS_STORE (self)' failed",
            "(certdesk:1): Adwaita-WARNING **: 04:54:54.922: using GtkSettings:gtk-application-prefer-dark-theme",
        ]
        self.assertEqual(bad("\n\n".join(lines) + "\n"), lines)

    def test_ordinary_output_passes(self):
        self.assertEqual(bad("Gdk-Message: 04:54:54.922: Unable to load cursor\n"
                             "(certdesk:1): Gtk-DEBUG: 04:54:54.922: x\nđã lưu\n"), [])

    def test_toolkit_a11y_answer_passes(self):
        text = ("(certdesk:3515): GLib-CRITICAL **: 04:54:54.922: g_variant_is_object_path: assertion 'string != NULL' failed\n"
                "(certdesk:3515): GLib-CRITICAL **: 04:54:54.922: g_variant_new_object_path: assertion "
                "'g_variant_is_object_path (object_path)' failed\n")
        self.assertEqual(bad(text), [])

    def test_file_chooser_path_bar_passes_other_snapshots_fail(self):
        chooser = ("(certdesk:25076): Gtk-WARNING **: 09:23:45.347: Trying to snapshot GtkButton "
                   "0x5566e8926f80 without a current allocation\n")
        self.assertEqual(bad(chooser), [])
        ours = "(certdesk:1): Gtk-WARNING **: 09:23:45.347: Trying to snapshot GtkLabel 0x1 without a current allocation"
        self.assertEqual(bad(ours + "\n"), [ours])


if __name__ == "__main__":
    unittest.main(verbosity=2)
