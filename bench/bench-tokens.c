/* bench-tokens.c — the token monitor's latency and idle cost, and the
 * certificate reader's speed
 *
 *   token-added latency: from a token appearing in the mock module's
 *     slot to the signal on the main context, 100 insertions, p50/p95/max
 *     (target: p95 < 1 s with the default 500 ms poll);
 *   idle CPU: 3 mock modules each with a token, ~10 s, getrusage
 *     (target: < 1 % of one core);
 *   parsing 10,000 certificates (target: < 1 s);
 *   idle CPU with the machine's own modules, for reference.
 *
 * Usage: bench-tokens [insertions] [idle-seconds]
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <glib/gstdio.h>

#include "cd-pcsc-watch.h"
#include "cd-token-monitor.h"
#include "cd-x509.h"

static char *dir;
static guint n_added, n_removed;
static gint64 added_at;

static void
control (const char *mock,
         const char *text)
{
  g_autofree char *base = g_strdup_printf ("%s.ctl", mock);
  g_autofree char *path = g_build_filename (dir, base, NULL);

  if (!g_file_set_contents (path, text, -1, NULL))
    g_error ("cannot write %s", path);
}

static void
added_cb (CdTokenMonitor *m, CdToken *t, gpointer data)
{
  n_added++;
  added_at = g_get_monotonic_time ();
}

static void
removed_cb (CdTokenMonitor *m, CdToken *t, gpointer data)
{
  n_removed++;
}

static gboolean
wait_count (guint *count,
            guint  want,
            guint  ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) ms * 1000;

  while (*count < want && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  return *count >= want;
}

static gboolean
tick_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

static int
cmp_i64 (const void *a,
         const void *b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;
  return x < y ? -1 : x > y;
}

static double
cpu_seconds (void)
{
  struct rusage ru;

  getrusage (RUSAGE_SELF, &ru);
  return ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 + ru.ru_stime.tv_sec + ru.ru_stime.tv_usec / 1e6;
}

int
main (int    argc,
      char **argv)
{
  int insertions = argc > 1 ? atoi (argv[1]) : 100;
  int idle_s = argc > 2 ? atoi (argv[2]) : 10;
  /* Made once by the build (tests/tokens/make-certs.sh). */
  const char *certs = CD_BENCH_CERTS_DIR;
  g_autofree char *cmd = NULL;
  g_autofree char *gov = NULL;
  g_autofree char *vnpt = NULL;
  g_autofree char *der = NULL;
  g_autofree gint64 *lat = NULL;
  gsize der_len = 0;
  const char *mocks[4];
  g_autofree char *ma = g_build_filename (CD_BENCH_MOCK_DIR, "mock-pkcs11-a.so", NULL);
  g_autofree char *mb = g_build_filename (CD_BENCH_MOCK_DIR, "mock-pkcs11-b.so", NULL);
  g_autofree char *mc = g_build_filename (CD_BENCH_MOCK_DIR, "mock-pkcs11-c.so", NULL);
  CdTokenMonitor *monitor;
  gint64 t0;
  double cpu0, wall;

  dir = g_dir_make_tmp ("certdesk-bench-XXXXXX", NULL);
  gov = g_build_filename (certs, "gov.der", NULL);
  vnpt = g_build_filename (certs, "vnpt.der", NULL);
  g_setenv ("CD_MOCK_PKCS11_DIR", dir, TRUE);

  /* 1. Parsing. */
  if (!g_file_get_contents (gov, &der, &der_len, NULL))
    g_error ("no certificate");
  /* Wall time suffers from other processes on a shared machine; the
   * CPU time this process spent is printed too. */
  t0 = g_get_monotonic_time ();
  cpu0 = cpu_seconds ();
  for (int i = 0; i < 10000; i++)
    {
      CdCertificate *c = cd_x509_parse_der ((const guint8 *) der, der_len, NULL);
      if (c == NULL)
        g_error ("parse failed");
      cd_certificate_free (c);
    }
  printf ("parse 10000 certificates: %.3f s wall, %.3f s CPU\n",
          (g_get_monotonic_time () - t0) / 1e6, cpu_seconds () - cpu0);
  fflush (stdout);

  /* 2. Hot-plug latency, three modules loaded, default poll. */
  control ("a", "");
  control ("b", "");
  control ("c", "");
  mocks[0] = ma; mocks[1] = mb; mocks[2] = mc; mocks[3] = NULL;
  monitor = cd_token_monitor_new_full (mocks, 0, 500);
  g_signal_connect (monitor, "token-added", G_CALLBACK (added_cb), NULL);
  g_signal_connect (monitor, "token-removed", G_CALLBACK (removed_cb), NULL);
  g_timeout_add (50, tick_cb, NULL);
  cd_token_monitor_start (monitor);
  while (!cd_token_monitor_is_settled (monitor))
    g_main_context_iteration (NULL, TRUE);

  lat = g_new0 (gint64, insertions);
  for (int i = 0; i < insertions; i++)
    {
      g_autofree char *line = g_strdup_printf ("slot %d BENCH%04d Token%d %s\n", i % 4, i, i, gov);
      /* Not in step with the poll. */
      g_usleep (g_random_int_range (0, 500) * 1000);
      t0 = g_get_monotonic_time ();
      control ("a", line);
      if (!wait_count (&n_added, (guint) i + 1, 5000))
        g_error ("insertion %d not seen", i);
      lat[i] = added_at - t0;
      control ("a", "");
      if (!wait_count (&n_removed, (guint) i + 1, 5000))
        g_error ("removal %d not seen", i);
    }
  qsort (lat, (size_t) insertions, sizeof (gint64), cmp_i64);
  printf ("token-added latency over %d insertions: p50 %.0f ms, p95 %.0f ms, max %.0f ms\n",
          insertions, lat[insertions / 2] / 1e3, lat[(insertions * 95) / 100 - (insertions >= 20 ? 1 : 0)] / 1e3,
          lat[insertions - 1] / 1e3);
  /* The mock module has no reader: only the poll finds its tokens. A
   * token in a reader pcscd sees wakes the monitor at once instead
   * (cd-pcsc-watch); say whether this machine has pcscd to try it. */
  {
    static gint events;
    CdPcscWatch *watch = cd_pcsc_watch_new ((CdPcscWatchFunc) g_atomic_int_inc, &events);

    g_usleep (300 * G_TIME_SPAN_MILLISECOND);
    printf ("  (mock module: poll only, 500 ms; pcscd %s here for reader events)\n",
            cd_pcsc_watch_is_connected (watch) ? "answers" : "does not answer");
    cd_pcsc_watch_free (watch);
  }
  fflush (stdout);

  /* 3. Idle: a token with certificates in each of the three modules. */
  {
    g_autofree char *la = g_strdup_printf ("slot 0 IDLE-A A %s %s\n", gov, vnpt);
    g_autofree char *lb = g_strdup_printf ("slot 1 IDLE-B B %s\n", vnpt);
    g_autofree char *lc = g_strdup_printf ("slot 2 IDLE-C C %s\n", gov);
    guint before = n_added;
    control ("a", la);
    control ("b", lb);
    control ("c", lc);
    wait_count (&n_added, before + 3, 5000);
  }
  cpu0 = cpu_seconds ();
  t0 = g_get_monotonic_time ();
  while (g_get_monotonic_time () - t0 < (gint64) idle_s * G_USEC_PER_SEC)
    g_main_context_iteration (NULL, TRUE);
  wall = (g_get_monotonic_time () - t0) / 1e6;
  printf ("idle CPU with 3 modules over %.1f s: %.3f %% of one core (includes this process's main loop)\n",
          wall, 100.0 * (cpu_seconds () - cpu0) / wall);

  t0 = g_get_monotonic_time ();
  cd_token_monitor_stop (monitor);
  printf ("stop: %.1f ms\n", (g_get_monotonic_time () - t0) / 1e3);
  g_object_unref (monitor);

  /* 4. Idle with the machine's own module set (p11-kit registered
   * modules, OpenSC, PC/SC) as the application runs it. */
  monitor = cd_token_monitor_new (NULL);
  cd_token_monitor_start (monitor);
  while (!cd_token_monitor_is_settled (monitor))
    g_main_context_iteration (NULL, TRUE);
  cpu0 = cpu_seconds ();
  t0 = g_get_monotonic_time ();
  while (g_get_monotonic_time () - t0 < (gint64) idle_s * G_USEC_PER_SEC)
    g_main_context_iteration (NULL, TRUE);
  wall = (g_get_monotonic_time () - t0) / 1e6;
  printf ("idle CPU with this machine's modules (p11-kit, OpenSC, PC/SC) over %.1f s: %.3f %% of one core\n",
          wall, 100.0 * (cpu_seconds () - cpu0) / wall);
  cd_token_monitor_stop (monitor);
  g_object_unref (monitor);

  cmd = g_strdup_printf ("rm -rf '%s'", dir);
  if (system (cmd) != 0)
    g_warning ("could not remove %s", dir);
  g_free (dir);
  return 0;
}
