/* bench-gui.c — the main window with 30,000 staff
 *
 * Prints, for a register of N staff (default 30,000) built by cd-demo:
 *   - time from process start to the first frame painted with the list
 *     filled (target < 600 ms);
 *   - time for each keystroke typed in the search box, a second after
 *     that first frame, from the text change to the next painted frame
 *     (target < 30 ms);
 *   - resident memory once filled (target < 150 MB).
 * The register is built once in a cache folder (not timed).
 * Run under a display: xvfb-run -a build/bench/bench-gui [N]
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include "cd-application.h"
#include "cd-test-fixture.h"
#include "cd-staff-view.h"
#include "cd-window.h"

static const char *typed = "nguyen thi h";

typedef struct {
  CdApplication *app;
  CdWindow      *window;
  CdStaffView   *view;
  GdkFrameClock *clock;
  gulong         paint_id;
  gboolean       loaded;
  guint          key;
  gint64         key_start;
  double         key_ms[32];
  double         start_ms;
} Bench;

static double exec_ms;   /* CLOCK_BOOTTIME at the exec of the measured run */

static double
boottime_ms (void)
{
  struct timespec now;

  clock_gettime (CLOCK_BOOTTIME, &now);
  return now.tv_sec * 1000.0 + now.tv_nsec / 1e6;
}

/* Milliseconds since the measured run was exec'd: /proc's start time
 * would count the parent that built the register (exec keeps the pid). */
static double
ms_since_process_start (void)
{
  if (exec_ms > 0)
    return boottime_ms () - exec_ms;
  {
  g_autofree char *stat = NULL;
  struct timespec now;
  const char *p;
  unsigned long long start_ticks = 0;
  int field = 0;

  if (!g_file_get_contents ("/proc/self/stat", &stat, NULL, NULL))
    return -1;
  /* Field 22 is starttime, after the "(comm)" that may hold spaces. */
  p = strrchr (stat, ')');
  for (field = 2; p && *p && field < 22; p++)
    if (*p == ' ')
      field++;
  start_ticks = strtoull (p, NULL, 10);
  clock_gettime (CLOCK_BOOTTIME, &now);
  return (now.tv_sec + now.tv_nsec / 1e9) * 1000.0 - start_ticks * 1000.0 / sysconf (_SC_CLK_TCK);
  }
}

static long
rss_kb (void)
{
  g_autofree char *status = NULL;
  const char *p;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;
  p = strstr (status, "VmRSS:");
  return p ? strtol (p + 6, NULL, 10) : -1;
}

static gboolean
type_next (gpointer data);

static void
after_paint_cb (GdkFrameClock *clock,
                Bench         *b)
{
  if (!b->loaded)
    return;
  if (b->start_ms == 0)
    {
      b->start_ms = ms_since_process_start ();
      printf ("rows shown: %u\n", cd_staff_view_get_n_shown (b->view));
      printf ("start to first filled frame: %.0f ms (target < 600)\n", b->start_ms);
      /* Typing starts once the window settled: the device register is
       * read and the list view builds its remaining rows right after the
       * first frame, before any clerk could type. */
      g_timeout_add (1000, type_next, b);
      return;
    }
  if (b->key_start != 0)
    {
      b->key_ms[b->key - 1] = (g_get_monotonic_time () - b->key_start) / 1000.0;
      b->key_start = 0;
      g_timeout_add (20, type_next, b);
    }
}

static gboolean
type_next (gpointer data)
{
  Bench *b = data;
  g_autofree char *text = NULL;

  if (b->key >= strlen (typed))
    {
      double worst = 0, sum = 0;

      for (guint i = 0; i < b->key; i++)
        {
          printf ("  keystroke %2u \"%.*s\": %.1f ms\n", i + 1, (int) i + 1, typed, b->key_ms[i]);
          worst = MAX (worst, b->key_ms[i]);
          sum += b->key_ms[i];
        }
      printf ("search keystroke to painted frame: mean %.1f ms, worst %.1f ms (target < 30); %u rows match\n",
              sum / b->key, worst, cd_staff_view_get_n_shown (b->view));
      printf ("resident memory: %.1f MB (target < 150)\n", rss_kb () / 1024.0);
      g_signal_handler_disconnect (b->clock, b->paint_id);
      g_application_quit (G_APPLICATION (b->app));
      return G_SOURCE_REMOVE;
    }
  text = g_strndup (typed, ++b->key);
  b->key_start = g_get_monotonic_time ();
  cd_staff_view_set_search (b->view, text);
  gtk_widget_queue_draw (GTK_WIDGET (b->view));
  return G_SOURCE_REMOVE;
}

static void
loaded_cb (CdStaffView *view,
           Bench       *b)
{
  printf ("  rows loaded (worker done) at %.0f ms\n", ms_since_process_start ());
  b->loaded = TRUE;
  gtk_widget_queue_draw (GTK_WIDGET (view));
}

static void
map_cb (GtkWidget *widget,
        Bench     *b)
{
  b->clock = gtk_widget_get_frame_clock (widget);
  b->paint_id = g_signal_connect (b->clock, "after-paint", G_CALLBACK (after_paint_cb), b);
}

static void
window_added_cb (GtkApplication *app,
                 GtkWindow      *window,
                 Bench          *b)
{
  if (!CD_IS_WINDOW (window) || b->window != NULL)
    return;
  printf ("  window created at %.0f ms\n", ms_since_process_start ());
  b->window = CD_WINDOW (window);
  b->view = cd_window_get_staff_view (b->window);
  g_signal_connect (b->view, "loaded", G_CALLBACK (loaded_cb), b);
  g_signal_connect (window, "map", G_CALLBACK (map_cb), b);
}

static char *
prepare_register (guint n)
{
  g_autofree char *dir = g_build_filename (g_get_user_cache_dir (), "certdesk-bench", NULL);
  g_autofree char *name = g_strdup_printf ("demo-%u.db", n);
  char *path = g_build_filename (dir, name, NULL);
  g_autoptr(CdStore) store = NULL;
  g_autoptr(GError) error = NULL;
  gint64 t0;

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    return path;
  g_mkdir_with_parents (dir, 0700);
  g_autofree char *tmp = g_strconcat (path, ".part", NULL);
  g_unlink (tmp);
  t0 = g_get_monotonic_time ();
  store = cd_store_open (tmp, &error);
  if (store == NULL || !cd_test_register_fill (store, n, CD_TEST_REGISTER_ALL,
                                               g_get_real_time () / G_USEC_PER_SEC, NULL, &error))
    {
      g_printerr ("bench-gui: %s\n", error->message);
      exit (1);
    }
  g_clear_object (&store);
  if (g_rename (tmp, path) != 0)
    exit (1);
  printf ("built a register of %u staff in %.1f s (cached in %s)\n", n,
          (g_get_monotonic_time () - t0) / 1e6, path);
  return path;
}

int
main (int   argc,
      char *argv[])
{
  guint n = argc > 1 ? (guint) atoi (argv[1]) : 30000;
  g_autofree char *db = NULL;
  Bench b = { 0 };
  char *args[4];
  int status;

  g_setenv ("CERTDESK_NO_TOKENS", "1", TRUE);
  /* What certdesk's main() does (cairo, no OpenGL), and no accessibility
   * bus to wait for under a bare X server. */
  cd_application_choose_renderer ();
  g_setenv ("GTK_A11Y", "none", FALSE);
  g_setenv ("GSETTINGS_BACKEND", "memory", FALSE);
  if (g_getenv ("GSETTINGS_SCHEMA_DIR") == NULL)
    g_setenv ("GSETTINGS_SCHEMA_DIR", CD_BUILD_SCHEMADIR, TRUE);

  /* Building the register is not part of what is measured: done by a
   * child run of this program so the measured one starts fresh. */
  if (g_getenv ("CERTDESK_BENCH_CHILD") == NULL)
    {
      g_autofree char *path = prepare_register (n);
      g_autofree char *count = g_strdup_printf ("%u", n);
      const char *child[] = { argv[0], count, NULL };

      g_autofree char *at = NULL;

      g_setenv ("CERTDESK_BENCH_CHILD", path, TRUE);
      at = g_strdup_printf ("%.3f", boottime_ms ());
      g_setenv ("CERTDESK_BENCH_EXEC_MS", at, TRUE);
      fflush (stdout);
      execv (argv[0], (char **) child);
      return 1;
    }
  db = g_strdup (g_getenv ("CERTDESK_BENCH_CHILD"));
  if (g_getenv ("CERTDESK_BENCH_EXEC_MS"))
    exec_ms = g_ascii_strtod (g_getenv ("CERTDESK_BENCH_EXEC_MS"), NULL);
  printf ("  main() at %.0f ms\n", ms_since_process_start ());

  b.app = cd_application_new ();
  g_application_set_flags (G_APPLICATION (b.app), G_APPLICATION_NON_UNIQUE);
  g_signal_connect (b.app, "window-added", G_CALLBACK (window_added_cb), &b);
  args[0] = argv[0];
  args[1] = (char *) "--database";
  args[2] = db;
  args[3] = NULL;
  status = g_application_run (G_APPLICATION (b.app), 3, args);
  g_object_unref (b.app);
  return status;
}
