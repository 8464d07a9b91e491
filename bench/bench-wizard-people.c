/* bench-wizard-people.c — the request wizard's people step when "Cấp
 * mới" suggests a whole register (issue 19: a Sở's register of 30,000)
 *
 * For registers of N staff without certificates (default 1,000, 10,000
 * and 30,000), each in a fresh process: the time from "Tiếp" on the
 * first step to the people step showing every suggestion chosen (the
 * suggestions read on core's worker, then offered and chosen on the main
 * thread), the main thread's CPU meanwhile, the rows of widgets made and
 * the peak RSS. Run under a display:
 *   xvfb-run -a build/bench/bench-wizard-people [N...]
 *
 * Session 13 (2026-12-06), load ~1.5; the step before this change
 * (6f76f1e, one run) and after it (median of 3), wall / main-thread CPU:
 *
 *   staff   suggested  before                      after
 *    1,000       889     2.0 s /   1.9 s, 889 rows   0.40 s / 0.22 s, 100 rows
 *    5,000     4,484    41.2 s /  37.9 s, 4,484      0.39 s / 0.23 s, 100
 *   10,000     8,929   166.3 s / 159.7 s, 8,929      0.55 s / 0.26 s, 100
 *   30,000    26,961   (not run: minutes)           1.29 s / 0.42 s, 100
 *
 * Peak RSS (188-267 MiB after) is mostly the fixture: the register's
 * people are built in this process before the window opens.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "cd-gui-test-util.h"
#include "cd-application.h"
#include "cd-test-fixture.h"
#include "cd-wizard-people-page.h"
#include "cd-wizard-window.h"

static double
thread_cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

/* One register of @n staff, in this (child) process. */
static int
run (guint n)
{
  g_autoptr(CdApplication) app = (gtk_init (), cd_application_new ());
  g_autoptr(CdTestRegister) reg = cd_test_register_new (n, CD_TEST_REGISTER_STAFF);
  GtkWidget *window = GTK_WIDGET (cd_wizard_window_new (NULL, reg->store, NULL, "cap-moi", NULL));
  GtkWidget *next, *page, *searching, *list, *count;
  gint64 t0;
  double cpu0;
  guint rows = 0;
  struct rusage ru;

  gtk_window_present (GTK_WINDOW (window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  next = GTK_WIDGET (gtk_widget_get_template_child (window, CD_TYPE_WIZARD_WINDOW, "next_button"));
  t0 = g_get_monotonic_time ();
  cpu0 = thread_cpu_ms ();
  g_signal_emit_by_name (next, "clicked");
  page = cd_gui_test_find_type (window, CD_TYPE_WIZARD_PEOPLE_PAGE);
  searching = GTK_WIDGET (gtk_widget_get_template_child (page, CD_TYPE_WIZARD_PEOPLE_PAGE, "searching_box"));
  while (gtk_widget_get_first_child (searching) != NULL)
    g_main_context_iteration (NULL, TRUE);
  /* the frame that shows it */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  list = GTK_WIDGET (gtk_widget_get_template_child (page, CD_TYPE_WIZARD_PEOPLE_PAGE, "people_list"));
  count = GTK_WIDGET (gtk_widget_get_template_child (page, CD_TYPE_WIZARD_PEOPLE_PAGE, "count_label"));
  for (GtkWidget *c = gtk_widget_get_first_child (list); c != NULL; c = gtk_widget_get_next_sibling (c))
    rows += GTK_IS_LIST_BOX_ROW (c);
  getrusage (RUSAGE_SELF, &ru);
  printf ("%7u staff: step ready in %8.0f ms, main thread %8.0f ms CPU, %5u rows, \"%s\", peak RSS %6.1f MiB\n",
          n, (g_get_monotonic_time () - t0) / 1000.0, thread_cpu_ms () - cpu0, rows,
          gtk_label_get_label (GTK_LABEL (count)), ru.ru_maxrss / 1024.0);
  fflush (stdout);
  gtk_window_destroy (GTK_WINDOW (window));
  return 0;
}

int
main (int   argc,
      char *argv[])
{
  guint sizes[16] = { 1000, 10000, 30000 };
  guint n_sizes = 3;

  setlocale (LC_ALL, "");
  if (argc > 1)
    {
      n_sizes = 0;
      for (int i = 1; i < argc && n_sizes < G_N_ELEMENTS (sizes); i++)
        sizes[n_sizes++] = (guint) atoi (argv[i]);
    }
  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_printerr ("bench-wizard-people: needs a display (xvfb-run -a …)\n");
      return 1;
    }
  for (guint i = 0; i < n_sizes; i++)
    {
      pid_t pid = fork ();
      int status = 0;

      if (pid == 0)
        _exit (run (sizes[i]));
      waitpid (pid, &status, 0);
    }
  return 0;
}
