/* bench-tokens.c — the token monitor's latency and idle cost, and the
 * certificate reader's speed
 *
 *   token-added latency: from a token appearing in the mock module's
 *     slot to the signal on the main context, 100 insertions, p50/p95/max
 *     (target: p95 < 1 s with the default 500 ms poll);
 *   card-inserted latency through PC/SC, side by side with it: a private
 *     pcscd (tests/common/cd-test-pcscd.h) with two readers, a card
 *     connected to one, to the monitor's unreadable-token signal, split
 *     into pcscd's share (a plain SCardGetStatusChange() waiting on the
 *     reader) and CertDesk's (the watch, the rescan, the main loop); 20
 *     insertions each, with the mock modules and with OpenSC, on
 *       - the poll-only reader: vpcd as it is, which pcscd asks for the
 *         card every 400 ms (PCSCLITE_STATUS_POLL_RATE);
 *       - the evented reader: vpcd behind tests/common/ifd-evented.c,
 *         which gives pcscd a polling thread as a USB CCID reader's
 *         driver does (its interrupt endpoint), so pcscd knows at once;
 *     (target: p95 ≤ 150 ms for a reader PC/SC sees); then all of them,
 *     p50 and p95, in one table beside the poll-only figure;
 *   idle CPU: 3 mock modules each with a token, ~10 s, getrusage
 *     (target: < 1 % of one core);
 *   parsing 10,000 certificates (target: < 1 s);
 *   idle CPU with the machine's own modules, for reference.
 *
 * Measured on the shared 2-core machine (load 3.2-5.0), 2026-12-06,
 * `bench-tokens 40 2 20`, three runs (ms, p50 / p95):
 *
 *                                 poll-only reader   evented reader
 *   mock modules: total            176-284 / 383-390   5-9  / 11-12
 *     pcscd's share                176-284 / 383-390   4-8  / 11
 *     CertDesk's share               1     /  1-3      0-1  /  1
 *   OpenSC: total                  257-321 / 403-429  20-27 / 33-58
 *     pcscd's share                232-284 / 385-389   5-6  / 11-12
 *     CertDesk's share              18-30  / 30-47    15-21 / 22-55
 *   poll only (mock module, 500 ms): 253-299 / 444-484
 *
 * The goal is met for a reader that tells pcscd of its cards (every
 * USB CCID reader and token): p95 11-12 ms with the mock modules, 33-58
 * ms with OpenSC. CertDesk's own share is ~1 ms (watch → rescan → main
 * loop, measured with the mock modules); the rest of it with OpenSC is
 * OpenSC probing the new card (~47 APDUs) before the monitor can say
 * that no module reads it. APDUs to an unread card that stays: 0 a
 * second, except when the monitor's every-20th-poll look at OpenSC
 * falls in the 3 s window (one probe, "16 a second": two evented runs of
 * three; how many polls the insertions took decides it; 0 in
 * test-pcsc-evented, whose poll is a minute). Session 9, poll-only
 * reader only: p95 373-460 ms.
 *
 * Usage: bench-tokens [insertions] [idle-seconds] [pcsc-insertions]
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <glib/gstdio.h>
#include <winscard.h>

#include "cd-pcsc-watch.h"
#include "cd-test-pcscd.h"
#include "cd-token-monitor.h"
#include "cd-x509.h"

#define OPENSC_MODULE "/usr/lib/x86_64-linux-gnu/opensc-pkcs11.so"

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

/* ---- PC/SC: a card in a reader pcscd sees ---------------------------- */

static guint n_unread, n_unread_gone;
static gint64 unread_at;

static void
unreadable_cb (CdTokenMonitor *m, CdUnreadableToken *t, gpointer data)
{
  n_unread++;
  unread_at = g_get_monotonic_time ();
}

static void
unreadable_gone_cb (CdTokenMonitor *m, CdUnreadableToken *t, gpointer data)
{
  n_unread_gone++;
}

/* What pcscd itself says, without CertDesk: a thread blocked in
 * SCardGetStatusChange() on the reader notes when the card shows. */
typedef struct {
  const char  *reader;
  SCARDCONTEXT ctx;
  GThread     *thread;
  gpointer     present_at;   /* atomic: when the card showed, µs */
  gint         stop;         /* atomic */
} Reference;

static gpointer
reference_thread (gpointer data)
{
  Reference *r = data;
  SCARD_READERSTATE st = { 0 };

  st.szReader = r->reader;
  st.dwCurrentState = SCARD_STATE_UNAWARE;
  while (!g_atomic_int_get (&r->stop))
    {
      LONG rv = SCardGetStatusChange (r->ctx, INFINITE, &st, 1);

      if (rv != SCARD_S_SUCCESS)
        break;
      if ((st.dwEventState & SCARD_STATE_PRESENT) && !(st.dwCurrentState & SCARD_STATE_PRESENT))
        g_atomic_pointer_set (&r->present_at, (gpointer) (gintptr) g_get_monotonic_time ());
      st.dwCurrentState = st.dwEventState & ~SCARD_STATE_CHANGED;
    }
  return NULL;
}

static gint64
pct (const gint64 *sorted,
     int           n,
     int           p)
{
  /* Nearest rank. */
  int k = (n * p + 99) / 100;
  return sorted[CLAMP (k, 1, n) - 1];
}

/* p50 and p95 of one latency, in µs. */
typedef struct {
  gint64 p50, p95;
} Figure;

static Figure
print_latency (const char *what,
               gint64     *lat,
               int         n)
{
  Figure fig;

  qsort (lat, (size_t) n, sizeof (gint64), cmp_i64);
  fig.p50 = pct (lat, n, 50);
  fig.p95 = pct (lat, n, 95);
  printf ("  %-44s p50 %4.0f ms, p95 %4.0f ms, max %4.0f ms\n", what,
          fig.p50 / 1e3, fig.p95 / 1e3, lat[n - 1] / 1e3);
  return fig;
}

/* One PC/SC run's figures: the whole, pcscd's share, CertDesk's. */
typedef struct {
  Figure total, daemon, own;
} PcscFigures;

static void
print_side_by_side_row (const char *what,
                        Figure      f)
{
  printf ("  %-50s %5.0f %5.0f\n", what, f.p50 / 1e3, f.p95 / 1e3);
}

/* One row, the poll-only reader beside the evented one. */
static void
print_readers_row (const char *what,
                   Figure      polled,
                   Figure      evented)
{
  printf ("  %-40s %5.0f %5.0f   %5.0f %5.0f\n", what, polled.p50 / 1e3, polled.p95 / 1e3,
          evented.p50 / 1e3, evented.p95 / 1e3);
}

/* @n cards inserted into and removed from the private daemon's @reader,
 * with the monitor loading @modules (@flags) and watching PC/SC. */
static void
bench_pcsc (CdTestPcscd        *pcscd,
            CdTestReaders       reader,
            const char         *label,
            const char * const *modules,
            CdTokenMonitorFlags flags,
            int                 n,
            PcscFigures        *out)
{
  g_autofree gint64 *total = g_new0 (gint64, n);
  g_autofree gint64 *daemon = g_new0 (gint64, n);
  g_autofree gint64 *own = g_new0 (gint64, n);
  Reference ref = { .reader = cd_test_pcscd_reader_of (pcscd, reader) };
  guint16 port = cd_test_pcscd_port_of (pcscd, reader);
  CdTokenMonitor *monitor;
  g_autoptr(GError) error = NULL;
  double apdus_per_s = 0;

  if (SCardEstablishContext (SCARD_SCOPE_SYSTEM, NULL, NULL, &ref.ctx) != SCARD_S_SUCCESS)
    g_error ("the private pcscd does not answer");
  ref.thread = g_thread_new ("reference", reference_thread, &ref);

  n_unread = n_unread_gone = 0;
  monitor = cd_token_monitor_new_full (modules, flags | CD_TOKEN_MONITOR_PCSC, 500);
  g_signal_connect (monitor, "unreadable-token", G_CALLBACK (unreadable_cb), NULL);
  g_signal_connect (monitor, "unreadable-token-removed", G_CALLBACK (unreadable_gone_cb), NULL);
  cd_token_monitor_start (monitor);
  while (!cd_token_monitor_is_settled (monitor))
    g_main_context_iteration (NULL, TRUE);

  /* One round not counted: the watch's first answer, OpenSC's first look
   * at the reader. */
  for (int i = -1; i < n; i++)
    {
      guint want = (guint) (i + 2);
      CdTestCard *card;
      gint64 t0, seen;

      /* Not in step with pcscd's 400 ms look at vpcd, nor the 500 ms poll. */
      g_usleep (g_random_int_range (0, 500) * 1000);
      g_atomic_pointer_set (&ref.present_at, NULL);
      t0 = g_get_monotonic_time ();
      card = cd_test_card_insert (port, &error);
      if (card == NULL)
        g_error ("%s", error->message);
      if (!wait_count (&n_unread, want, 10000))
        g_error ("PC/SC insertion %d not seen", i);
      /* The reference thread is woken with the monitor's; give it a
       * moment to note the time if the signal came first. */
      for (int k = 0; k < 1000 && g_atomic_pointer_get (&ref.present_at) == NULL; k++)
        g_usleep (1000);
      seen = (gint64) (gintptr) g_atomic_pointer_get (&ref.present_at);
      if (i >= 0)
        {
          total[i] = unread_at - t0;
          daemon[i] = seen > 0 ? seen - t0 : 0;
          own[i] = seen > 0 ? unread_at - seen : 0;
        }
      /* The last card stays a while: what does the monitor cost it? */
      if (i == n - 1)
        {
          guint before = cd_test_card_get_apdus (card);
          gint64 end = g_get_monotonic_time () + 3 * G_USEC_PER_SEC;

          while (g_get_monotonic_time () < end)
            g_main_context_iteration (NULL, TRUE);
          apdus_per_s = (cd_test_card_get_apdus (card) - before) / 3.0;
        }
      cd_test_card_remove (card);
      if (!wait_count (&n_unread_gone, want, 10000))
        g_error ("PC/SC removal %d not seen", i);
    }
  cd_token_monitor_stop (monitor);
  g_object_unref (monitor);

  g_atomic_int_set (&ref.stop, 1);
  SCardCancel (ref.ctx);
  g_thread_join (ref.thread);
  SCardReleaseContext (ref.ctx);

  printf ("card inserted → unreadable-token over %d insertions, %s:\n", n, label);
  out->total = print_latency ("total (card connected → signal)", total, n);
  out->daemon = print_latency (reader == CD_TEST_READER_POLLED ? "pcscd's share (vpcd polled every 400 ms)"
                               : "pcscd's share (the driver's polling thread)", daemon, n);
  out->own = print_latency ("CertDesk's share (pcscd → signal)", own, n);
  printf ("  APDUs sent to the unread card while it stays: %.0f a second\n", apdus_per_s);
  fflush (stdout);
}

int
main (int    argc,
      char **argv)
{
  int insertions = argc > 1 ? atoi (argv[1]) : 100;
  int idle_s = argc > 2 ? atoi (argv[2]) : 10;
  int pcsc_n = MAX (argc > 3 ? atoi (argv[3]) : 20, 1);
  g_autofree char *why = NULL;
  CdTestPcscd *pcscd = NULL;
  SCARDCONTEXT keep_alive = 0;
  /* Made once by the build (tests/tokens/make-certs.sh). */
  const char *certs = CD_BENCH_CERTS_DIR;
  g_autofree char *cmd = NULL;
  g_autofree char *gov = NULL;
  g_autofree char *vnpt = NULL;
  g_autofree char *der = NULL;
  g_autofree gint64 *lat = NULL;
  Figure poll_only;
  gsize der_len = 0;
  const char *mocks[4];
  g_autofree char *ma = g_build_filename (CD_BENCH_MOCK_DIR, "mock-pkcs11-a.so", NULL);
  g_autofree char *mb = g_build_filename (CD_BENCH_MOCK_DIR, "mock-pkcs11-b.so", NULL);
  g_autofree char *mc = g_build_filename (CD_BENCH_MOCK_DIR, "mock-pkcs11-c.so", NULL);
  CdTokenMonitor *monitor;
  gint64 t0;
  double cpu0, wall;

  dir = g_dir_make_tmp ("certdesk-bench-XXXXXX", NULL);
  /* Before any other PC/SC call: the client library reads the private
   * daemon's socket path once. */
  if (cd_test_pcscd_available (&why))
    {
      g_autoptr(GError) error = NULL;
      /* Both readers in one daemon: libpcsclite reads the socket path
       * once a process. */
      pcscd = cd_test_pcscd_start_full (CD_TEST_READER_POLLED | CD_TEST_READER_EVENTED, &error);
      if (pcscd == NULL)
        g_error ("private pcscd: %s", error->message);
      /* pcscd --auto-exit quits after 60 s without a client, and the
       * poll-only part runs longer than that with 100 insertions. */
      if (SCardEstablishContext (SCARD_SCOPE_SYSTEM, NULL, NULL, &keep_alive) != SCARD_S_SUCCESS)
        g_error ("the private pcscd does not answer");
    }
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
  printf ("token-added latency over %d insertions (mock module: poll only, 500 ms):\n", insertions);
  poll_only = print_latency ("total (token in the slot → signal)", lat, insertions);
  fflush (stdout);

  /* 2b. The same monitor set-up plus PC/SC, a card in a reader. */
  if (pcscd != NULL)
    {
      PcscFigures mock_fig[2], opensc_fig[2];
      const CdTestReaders kinds[2] = { CD_TEST_READER_POLLED, CD_TEST_READER_EVENTED };
      const char *kind_names[2] = { "poll-only reader (vpcd)", "evented reader (vpcd + ifd-evented)" };
      gboolean opensc = g_file_test (OPENSC_MODULE, G_FILE_TEST_EXISTS);

      for (int k = 0; k < 2; k++)
        {
          g_autofree char *mock_label = g_strdup_printf ("3 mock modules + PC/SC, %s", kind_names[k]);
          g_autofree char *opensc_label = g_strdup_printf ("OpenSC + PC/SC (as the application runs), %s",
                                                           kind_names[k]);

          bench_pcsc (pcscd, kinds[k], mock_label, mocks, 0, pcsc_n, &mock_fig[k]);
          if (opensc)
            bench_pcsc (pcscd, kinds[k], opensc_label, NULL, CD_TOKEN_MONITOR_OPENSC, pcsc_n, &opensc_fig[k]);
        }

      /* The goal, p95 ≤ 150 ms for a reader PC/SC sees, beside
       * the poll it replaces. The poll-only reader is vpcd as it is
       * (pcscd asks it every 400 ms); the evented one has a polling
       * thread of its own as a USB CCID reader has (ifd-evented.c). */
      printf ("%-52s %5s %5s\n", "token event latency side by side (ms):", "p50", "p95");
      print_side_by_side_row ("poll only (mock module, 500 ms)", poll_only);
      printf ("  %-40s %-13s   %-13s\n", "PC/SC event, card connected → signal", "poll-only rd", "evented rd");
      printf ("  %-40s %5s %5s   %5s %5s\n", "", "p50", "p95", "p50", "p95");
      print_readers_row ("3 mock modules: total", mock_fig[0].total, mock_fig[1].total);
      print_readers_row ("  pcscd's share", mock_fig[0].daemon, mock_fig[1].daemon);
      print_readers_row ("  CertDesk's share", mock_fig[0].own, mock_fig[1].own);
      if (opensc)
        {
          print_readers_row ("OpenSC: total", opensc_fig[0].total, opensc_fig[1].total);
          print_readers_row ("  pcscd's share", opensc_fig[0].daemon, opensc_fig[1].daemon);
          print_readers_row ("  CertDesk's share (OpenSC probes)", opensc_fig[0].own, opensc_fig[1].own);
        }
    }
  else
    printf ("card inserted through PC/SC: not measured, %s\n", why);
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
  printf ("idle CPU with this machine's modules (p11-kit, OpenSC, PC/SC%s) over %.1f s: %.3f %% of one core\n",
          pcscd != NULL ? ": the bench's pcscd, two empty readers" : "", wall,
          100.0 * (cpu_seconds () - cpu0) / wall);
  cd_token_monitor_stop (monitor);
  g_object_unref (monitor);
  if (pcscd != NULL)
    SCardReleaseContext (keep_alive);
  cd_test_pcscd_stop (pcscd);

  cmd = g_strdup_printf ("rm -rf '%s'", dir);
  if (system (cmd) != 0)
    g_warning ("could not remove %s", dir);
  g_free (dir);
  return 0;
}
