/* test-first-frame.c — the window's first frame shares the cores with
 * nothing it does not show (issue 19)
 *
 * The application reads the staff list in pages on a worker from before
 * GTK is up; the pages after the first, and the register's deferred
 * integrity check, wait until the window has drawn its first frame
 * (cd_application_window_drawn, from the frame clock's first
 * after-paint). Checked through the application's state in that first
 * frame's layout, not through timings: the worker cannot get past the
 * gate before the frame is painted, so the frame shows one page at most
 * and the check has not run. Then everything comes. Needs a display (the
 * suite runs under Xvfb); skipped without one.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>

#include "cd-application.h"
#include "cd-staff-view.h"
#include "cd-store-staff-load.h"
#include "cd-test-fixture.h"
#include "cd-test-util.h"
#include "cd-window.h"

#define N_STAFF 1000

typedef struct {
  CdApplication *app;
  CdWindow      *window;
  CdStaffView   *view;
  GdkFrameClock *clock;
  gulong         layout_id;
  gulong         paint_id;
  /* In the first frame's layout */
  gboolean       laid_out;
  gboolean       waiting;
  gboolean       check_pending;
  guint          shown;
  /* At the end */
  guint          frames;
  gboolean       finished;
} First;

static void
quit_when_done (First *f)
{
  CdStore *store = cd_application_get_store (f->app);

  if (f->finished || f->frames == 0 || cd_staff_view_get_loading (f->view)
      || cd_store_get_check_pending (store))
    return;
  f->finished = TRUE;
  g_assert_false (cd_application_get_waiting_for_frame (f->app));
  g_assert_cmpuint (cd_staff_view_get_n_shown (f->view), ==, N_STAFF);
  g_assert_false (cd_store_is_read_only (store));
  g_application_quit (G_APPLICATION (f->app));
}

static void
first_layout_cb (GdkFrameClock *clock,
                 First         *f)
{
  g_clear_signal_handler (&f->layout_id, clock);
  f->laid_out = TRUE;
  f->waiting = cd_application_get_waiting_for_frame (f->app);
  f->check_pending = cd_store_get_check_pending (cd_application_get_store (f->app));
  f->shown = cd_staff_view_get_n_shown (f->view);
}

static void
after_paint_cb (GdkFrameClock *clock,
                First         *f)
{
  f->frames++;
  quit_when_done (f);
}

static void
checked_cb (CdStore *store,
            First   *f)
{
  quit_when_done (f);
}

static void
map_cb (GtkWidget *widget,
        First     *f)
{
  if (f->clock != NULL)
    return;
  f->clock = gtk_widget_get_frame_clock (widget);
  f->layout_id = g_signal_connect (f->clock, "layout", G_CALLBACK (first_layout_cb), f);
  f->paint_id = g_signal_connect (f->clock, "after-paint", G_CALLBACK (after_paint_cb), f);
}

static void
window_added_cb (GtkApplication *app,
                 GtkWindow      *window,
                 First          *f)
{
  if (!CD_IS_WINDOW (window) || f->window != NULL)
    return;
  f->window = CD_WINDOW (window);
  f->view = cd_window_get_staff_view (f->window);
  g_signal_connect (window, "map", G_CALLBACK (map_cb), f);
  g_signal_connect (cd_application_get_store (f->app), "checked", G_CALLBACK (checked_cb), f);
}

static void
test_rest_after_first_frame (void)
{
  g_autofree char *tmp = cd_test_tmpdir ();
  g_autofree char *path = g_build_filename (tmp, "certdesk.db", NULL);
  g_autoptr(GError) error = NULL;
  char *args[] = { (char *) "test-first-frame", (char *) "--database", path, NULL };
  First f = { 0 };
  int status;

  if (!gtk_init_check ())
    {
      g_test_skip ("no display");
      return;
    }
  {
    g_autoptr(CdStore) store = cd_store_open (path, &error);

    g_assert_no_error (error);
    g_assert_true (cd_test_register_fill (store, N_STAFF, CD_TEST_REGISTER_STAFF,
                                          g_get_real_time () / G_USEC_PER_SEC, NULL, &error));
    g_assert_no_error (error);
  }
  g_setenv ("CERTDESK_NO_TOKENS", "1", TRUE);
  f.app = cd_application_new ();
  g_application_set_flags (G_APPLICATION (f.app), G_APPLICATION_NON_UNIQUE);
  g_signal_connect (f.app, "window-added", G_CALLBACK (window_added_cb), &f);
  status = g_application_run (G_APPLICATION (f.app), 3, args);
  g_assert_cmpint (status, ==, 0);

  /* The first frame: the start-up read waited for it, with the first
   * page at most (none when the window was shown before it came), and
   * the register's check not run yet. */
  g_assert_true (f.laid_out);
  g_assert_true (f.waiting);
  g_assert_true (f.check_pending);
  g_assert_cmpuint (f.shown, <=, CD_STAFF_FIRST_PAGE);
  /* Then the rest and the check (quit_when_done). */
  g_assert_true (f.finished);

  g_clear_object (&f.app);
  cd_test_rm_rf (tmp);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/gui/first-frame/rest-after-it", test_rest_after_first_frame);
  return g_test_run ();
}
