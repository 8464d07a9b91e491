/* test-window-size.c — every window fits a 1024×600 screen (issue 16)
 *
 * A school laptop or a small projector screen is 1024×600; a window
 * whose minimum is taller cannot be shrunk to it, so its bottom (the
 * footer counts, the toasts) is off-screen. Measured with
 * gtk_widget_measure(), as GTK does before it maps the window. Needs a
 * display (the suite runs under Xvfb); skipped without one.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "cd-gui-test-util.h"
#include "cd-application.h"
#include "cd-collect-window.h"
#include "cd-preferences-window.h"
#include "cd-staff-window.h"
#include "cd-test-fixture.h"
#include "cd-test-util.h"
#include "cd-window.h"
#include "cd-wizard-window.h"

#define SCREEN_WIDTH  1024
#define SCREEN_HEIGHT 600

/* On failure: which widgets ask for the height, to find the culprit. */
static void
print_tall (GtkWidget *widget,
            int        depth)
{
  int min_height;

  gtk_widget_measure (widget, GTK_ORIENTATION_VERTICAL, -1, &min_height, NULL, NULL, NULL);
  if (min_height < 150)
    return;
  g_printerr ("%*s%s %s: %d\n", depth * 2, "", G_OBJECT_TYPE_NAME (widget),
              gtk_widget_get_name (widget), min_height);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    print_tall (child, depth + 1);
}

static void
assert_fits (GtkWidget  *widget,
             const char *what)
{
  int min_width, min_height;

  gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, &min_width, NULL, NULL, NULL);
  gtk_widget_measure (widget, GTK_ORIENTATION_VERTICAL, SCREEN_WIDTH, &min_height, NULL, NULL, NULL);
  g_test_message ("%s: at least %d × %d", what, min_width, min_height);
  if (min_width > SCREEN_WIDTH || min_height > SCREEN_HEIGHT)
    print_tall (widget, 0);
  g_assert_cmpint (min_width, <=, SCREEN_WIDTH);
  g_assert_cmpint (min_height, <=, SCREEN_HEIGHT);
}

static gboolean
display_or_skip (void)
{
  if (!gtk_init_check ())
    {
      g_test_skip ("no display");
      return FALSE;
    }
  return TRUE;
}

/* The main window showing a register of 60 people with certificates and
 * devices, its first-run page, and every view of the register. */
static void
test_main_window (void)
{
  g_autoptr(CdApplication) app = NULL;   /* registers the UI resources */
  GtkWidget *window;
  const char *views[] = { "staff", "devices", "documents" };

  if (!display_or_skip ())
    return;
  app = cd_application_new ();
  window = g_object_new (CD_TYPE_WINDOW, NULL);
  assert_fits (window, "main window, first run");
  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    {
      GtkWidget *stack = GTK_WIDGET (cd_window_get_staff_view (CD_WINDOW (window)));
      g_autofree char *what = g_strdup_printf ("main window, %s", views[i]);

      /* The view stack and the stack of the first-run page above it. */
      while (stack != NULL && !ADW_IS_VIEW_STACK (stack))
        stack = gtk_widget_get_parent (stack);
      g_assert_nonnull (stack);
      adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (stack), views[i]);
      gtk_stack_set_visible_child_name (GTK_STACK (gtk_widget_get_parent (stack)), "register");
      assert_fits (window, what);
    }
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_dialogs (void)
{
  g_autoptr(CdApplication) app = NULL;
  g_autoptr(CdTestRegister) reg = NULL;
  GtkWidget *window;

  if (!display_or_skip ())
    return;
  app = cd_application_new ();
  reg = cd_test_register_new (20, CD_TEST_REGISTER_ALL);

  window = GTK_WIDGET (cd_preferences_window_new (NULL, reg->store, NULL));
  assert_fits (window, "preferences");
  gtk_window_destroy (GTK_WINDOW (window));

  window = GTK_WIDGET (cd_staff_window_new (NULL, reg->store, g_array_index (reg->staff, gint64, 0), NULL));
  assert_fits (window, "staff record");
  gtk_window_destroy (GTK_WINDOW (window));

  window = GTK_WIDGET (cd_wizard_window_new (NULL, reg->store, NULL, NULL, NULL));
  assert_fits (window, "request wizard");
  gtk_window_destroy (GTK_WINDOW (window));

  window = GTK_WIDGET (cd_collect_window_new (NULL, reg->store));
  assert_fits (window, "collect the lists");
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The header preview of Preferences shows the motto on one line and
 * whole, as every document prints it: at the window's default width it
 * wrapped as "…VIỆT" / "NAM". */
static void
test_header_preview_motto (void)
{
  g_autoptr(CdApplication) app = NULL;
  g_autoptr(CdTestRegister) reg = NULL;
  GtkWidget *window, *motto;
  gint64 until;
  int one_line, natural_width;

  if (!display_or_skip ())
    return;
  app = cd_application_new ();
  reg = cd_test_register_new (1, CD_TEST_REGISTER_STAFF);
  window = GTK_WIDGET (cd_preferences_window_new (NULL, reg->store, NULL));
  gtk_window_present (GTK_WINDOW (window));
  motto = cd_gui_test_find_label (window, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
  g_assert_nonnull (motto);
  until = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  while (gtk_widget_get_width (motto) <= 0 && g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (gtk_widget_get_width (motto), >, 0);
  /* its natural size unwrapped: one line, the whole text */
  gtk_widget_measure (motto, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &natural_width, NULL, NULL);
  gtk_widget_measure (motto, GTK_ORIENTATION_VERTICAL, natural_width, NULL, &one_line, NULL, NULL);
  g_test_message ("motto: %d × %d, one line %d × %d", gtk_widget_get_width (motto),
                  gtk_widget_get_height (motto), natural_width, one_line);
  /* (measured with its margins, allocated without) */
  one_line -= gtk_widget_get_margin_top (motto) + gtk_widget_get_margin_bottom (motto);
  natural_width -= gtk_widget_get_margin_start (motto) + gtk_widget_get_margin_end (motto);
  g_assert_cmpint (gtk_widget_get_height (motto), ==, one_line);
  g_assert_cmpint (gtk_widget_get_width (motto), >=, natural_width);
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/gui/window-size/main-window", test_main_window);
  g_test_add_func ("/gui/window-size/dialogs", test_dialogs);
  g_test_add_func ("/gui/window-size/header-preview-motto", test_header_preview_motto);
  return g_test_run ();
}
