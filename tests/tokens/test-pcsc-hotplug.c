/* test-pcsc-hotplug.c — a reader plugged in while CertDesk runs is
 * watched at once, and so is a card put in it
 *
 * A USB token is a reader that appears: pcscd adds it on udev's word and
 * its clients hear "\\?PnP?\Notification" change. Here pcscd starts with
 * an empty plain reader; the evented reader (vpcd behind ifd-evented,
 * as a USB CCID reader) is plugged in through pcscd's own udev hot-plug,
 * tests/common/fake-udev.c playing udev (it says why pcscd 1.9.9 can
 * add a reader no other way). The monitor polls once a minute, so a card
 * signalled within seconds came through the PC/SC watch.
 *
 * watch-busy is the case pcscd 1.9.9 does not tell: a reader that
 * arrives while the watch is not inside SCardGetStatusChange() (here it
 * is held in its callback) is never reported by the PnP reader, whose
 * client code compares the reader count with the count at the start of
 * each call (pcsc-lite 2.3 added an event counter for this). The watch
 * must see the new list by itself.
 *
 * Skipped (TAP "1..0 # SKIP") when pcscd or vpcd is not installed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <winscard.h>

#include "cd-pcsc-watch.h"
#include "cd-test-pcscd.h"
#include "cd-test-util.h"
#include "cd-token-monitor.h"

/* The monitor's own poll: far longer than the test. */
#define SLOW_POLL_MS 60000
/* What one step may take at worst on a loaded machine before it is a
 * failure (measured: ~10 ms a card, up to ~150 ms). */
#define SEEN_WITHIN_MS 5000
#define ROUNDS 3

static CdTestPcscd *pcscd;

/* ---- The watch alone ------------------------------------------------ */

typedef struct {
  GMutex lock;
  GCond  cond;
  guint  calls;     /* under lock; read unlocked by the waits (as a guint) */
  gboolean hold;    /* under lock: the callback waits while set */
  gboolean held;    /* under lock: it is waiting */
} Calls;

static void
calls_cb (gpointer data)
{
  Calls *c = data;

  g_mutex_lock (&c->lock);
  c->calls++;
  c->held = c->hold;
  g_cond_broadcast (&c->cond);
  while (c->hold)
    g_cond_wait (&c->cond, &c->lock);
  c->held = FALSE;
  g_mutex_unlock (&c->lock);
  g_main_context_wakeup (NULL);
}

static guint
calls_get (Calls *c)
{
  guint n;

  g_mutex_lock (&c->lock);
  n = c->calls;
  g_mutex_unlock (&c->lock);
  return n;
}

/* Waits until the watch made more than @n calls. */
static gboolean
calls_wait_past (Calls *c,
                 guint  n)
{
  gint64 end = g_get_monotonic_time () + SEEN_WITHIN_MS * G_TIME_SPAN_MILLISECOND;
  gboolean ok;

  g_mutex_lock (&c->lock);
  while (c->calls <= n)
    if (!g_cond_wait_until (&c->cond, &c->lock, end))
      break;
  ok = c->calls > n;
  g_mutex_unlock (&c->lock);
  return ok;
}

/* Fails the test with pcscd's log when @ok is not. */
static void
check_log (gboolean    ok,
           const char *what)
{
  g_autofree char *log = NULL;

  if (ok)
    return;
  log = cd_test_pcscd_get_log (pcscd);
  g_test_message ("%s: not so; pcscd's log:\n%s", what, log);
  g_test_fail ();
}

static CdPcscWatch *
watch_start (Calls *c)
{
  CdPcscWatch *watch;

  g_mutex_init (&c->lock);
  g_cond_init (&c->cond);
  watch = cd_pcsc_watch_new (calls_cb, c);
  /* It calls once when it has first looked. */
  g_assert_true (calls_wait_past (c, 0));
  g_assert_true (cd_pcsc_watch_is_connected (watch));
  return watch;
}

static void
watch_stop (CdPcscWatch *watch,
            Calls       *c)
{
  cd_pcsc_watch_free (watch);
  g_mutex_clear (&c->lock);
  g_cond_clear (&c->cond);
}

/* A card goes in and out of the hot-plugged reader; the watch calls at
 * each; the reader is pulled out with a card in it. pcscd itself must
 * have seen each step before the next: a card in and out at once may
 * never be a change. */
static void
check_watched (Calls *c)
{
  g_autoptr(GError) error = NULL;
  guint16 port = cd_test_pcscd_port_of (pcscd, CD_TEST_READER_HOTPLUG);
  CdTestCard *card;
  SCARDCONTEXT ctx;
  SCARD_READERSTATE st = { 0 };
  guint n;

  g_assert_cmpint (SCardEstablishContext (SCARD_SCOPE_SYSTEM, NULL, NULL, &ctx), ==, SCARD_S_SUCCESS);
  st.szReader = cd_test_pcscd_reader_of (pcscd, CD_TEST_READER_HOTPLUG);
  st.dwCurrentState = SCARD_STATE_UNAWARE;
  cd_test_pcscd_wait_card (ctx, &st, FALSE, SEEN_WITHIN_MS);
  for (guint i = 0;; i++)
    {
      n = calls_get (c);
      card = cd_test_card_insert (port, &error);
      g_assert_no_error (error);
      cd_test_pcscd_wait_card (ctx, &st, TRUE, SEEN_WITHIN_MS);
      check_log (calls_wait_past (c, n), "the watch called at the card put in");
      n = calls_get (c);
      if (i == ROUNDS - 1)
        break;
      cd_test_card_remove (card);
      cd_test_pcscd_wait_card (ctx, &st, FALSE, SEEN_WITHIN_MS);
      check_log (calls_wait_past (c, n), "the watch called at the card taken out");
    }
  SCardReleaseContext (ctx);
  /* A token pulled out: the reader and its card go. */
  g_assert_true (cd_test_pcscd_plug (pcscd, FALSE, &error));
  g_assert_no_error (error);
  check_log (calls_wait_past (c, n), "the watch called at the reader pulled out");
  g_assert_true (cd_test_pcscd_wait_listed (pcscd, CD_TEST_READER_HOTPLUG, FALSE, SEEN_WITHIN_MS));
  cd_test_card_remove (card);
}

/* The reader is plugged in while the watch waits in pcscd: the PnP
 * change wakes it, and it then watches the new reader. */
static void
test_watch (void)
{
  g_autoptr(GError) error = NULL;
  Calls c = { 0 };
  CdPcscWatch *watch = watch_start (&c);
  guint n = calls_get (&c);

  g_assert_true (cd_test_pcscd_plug (pcscd, TRUE, &error));
  g_assert_no_error (error);
  check_log (calls_wait_past (&c, n), "the watch called at the new reader");
  g_assert_true (cd_test_pcscd_wait_listed (pcscd, CD_TEST_READER_HOTPLUG, TRUE, SEEN_WITHIN_MS));
  check_watched (&c);
  watch_stop (watch, &c);
}

/* The reader is plugged in while the watch is busy (in its callback),
 * not waiting in pcscd: pcscd 1.9.9 will not report it to the next wait,
 * the watch must find it in the reader list. Before it did, the watch
 * never looked at the new reader: no call after the release, none for
 * the card. */
static void
test_watch_busy (void)
{
  g_autoptr(GError) error = NULL;
  Calls c = { 0 };
  CdPcscWatch *watch;
  guint n;

  g_mutex_init (&c.lock);
  g_cond_init (&c.cond);
  c.hold = TRUE;
  watch = cd_pcsc_watch_new (calls_cb, &c);
  /* Held in the call after its first look. */
  g_mutex_lock (&c.lock);
  while (!c.held)
    g_cond_wait (&c.cond, &c.lock);
  g_mutex_unlock (&c.lock);

  g_assert_true (cd_test_pcscd_plug (pcscd, TRUE, &error));
  g_assert_no_error (error);
  g_assert_true (cd_test_pcscd_wait_listed (pcscd, CD_TEST_READER_HOTPLUG, TRUE, SEEN_WITHIN_MS));
  n = calls_get (&c);
  g_mutex_lock (&c.lock);
  c.hold = FALSE;
  g_cond_broadcast (&c.cond);
  g_mutex_unlock (&c.lock);

  /* The new reader is news: a call. */
  g_assert_true (calls_wait_past (&c, n));
  check_watched (&c);
  watch_stop (watch, &c);
}

/* ---- The monitor ---------------------------------------------------- */

typedef struct {
  guint    added, removed;
  gint64   added_at, removed_at;
  gboolean settled;
} Counts;

static void
unreadable_cb (CdTokenMonitor *m, CdUnreadableToken *t, Counts *c)
{
  g_assert_cmpstr (t->reader_name, ==, cd_test_pcscd_reader_of (pcscd, CD_TEST_READER_HOTPLUG));
  c->added++;
  c->added_at = g_get_monotonic_time ();
}

static void
gone_cb (CdTokenMonitor *m, CdUnreadableToken *t, Counts *c)
{
  g_assert_cmpstr (t->reader_name, ==, cd_test_pcscd_reader_of (pcscd, CD_TEST_READER_HOTPLUG));
  c->removed++;
  c->removed_at = g_get_monotonic_time ();
}

static void
settled_cb (CdTokenMonitor *m, Counts *c)
{
  c->settled = TRUE;
}

/* The monitor (the mock module, PC/SC, a one-minute poll) runs; the
 * reader is plugged in; each card put in it and taken out is signalled
 * within seconds (only the watch can), and so is the reader pulled out
 * with its card. */
static void
test_monitor (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *mock = g_build_filename (g_getenv ("MESON_BUILD_ROOT"), "tests", "tokens",
                                            "mock-pkcs11-a.so", NULL);
  const char *modules[] = { mock, NULL };
  guint16 port = cd_test_pcscd_port_of (pcscd, CD_TEST_READER_HOTPLUG);
  CdTokenMonitor *monitor;
  Counts c = { 0 };
  gint64 worst = 0, t0;
  CdTestCard *card = NULL;

  monitor = cd_token_monitor_new_full (modules, CD_TOKEN_MONITOR_PCSC, SLOW_POLL_MS);
  g_signal_connect (monitor, "unreadable-token", G_CALLBACK (unreadable_cb), &c);
  g_signal_connect (monitor, "unreadable-token-removed", G_CALLBACK (gone_cb), &c);
  g_signal_connect (monitor, "settled", G_CALLBACK (settled_cb), &c);
  cd_token_monitor_start (monitor);
  g_assert_true (cd_test_wait_count ((const guint *) &c.settled, TRUE, 20000));

  g_assert_true (cd_test_pcscd_plug (pcscd, TRUE, &error));
  g_assert_no_error (error);
  g_assert_true (cd_test_pcscd_wait_listed (pcscd, CD_TEST_READER_HOTPLUG, TRUE, SEEN_WITHIN_MS));
  g_assert_cmpuint (c.added, ==, 0);

  for (guint i = 0; i < ROUNDS; i++)
    {
      card = cd_test_card_insert (port, &error);
      t0 = g_get_monotonic_time ();
      g_assert_no_error (error);
      if (!cd_test_wait_count (&c.added, i + 1, SEEN_WITHIN_MS))
        {
          g_autofree char *log = cd_test_pcscd_get_log (pcscd);
          g_test_message ("card %u not seen; pcscd's log:\n%s", i, log);
        }
      g_assert_cmpuint (c.added, ==, i + 1);
      worst = MAX (worst, c.added_at - t0);
      if (i == ROUNDS - 1)
        break;
      cd_test_card_remove (card);
      t0 = g_get_monotonic_time ();
      g_assert_true (cd_test_wait_count (&c.removed, i + 1, SEEN_WITHIN_MS));
      worst = MAX (worst, c.removed_at - t0);
    }

  /* The token pulled out, card and all. */
  g_assert_true (cd_test_pcscd_plug (pcscd, FALSE, &error));
  g_assert_no_error (error);
  g_assert_true (cd_test_wait_count (&c.removed, ROUNDS, SEEN_WITHIN_MS));
  g_assert_true (cd_test_pcscd_wait_listed (pcscd, CD_TEST_READER_HOTPLUG, FALSE, SEEN_WITHIN_MS));
  cd_test_card_remove (card);

  cd_token_monitor_stop (monitor);
  g_object_unref (monitor);
  g_test_message ("each card signalled within %.1f ms", worst / 1e3);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *why = NULL;
  int rc;

  cd_test_init (&argc, &argv);
  if (!cd_test_pcscd_available (&why))
    {
      printf ("1..0 # SKIP %s\n", why);
      return 0;
    }
  /* A plain reader at start, empty: the watch's first look answers at
   * once (watch-busy holds that call). */
  pcscd = cd_test_pcscd_start_full (CD_TEST_READER_POLLED | CD_TEST_READER_HOTPLUG, &error);
  g_assert_no_error (error);

  /* Each test plugs the reader in and leaves it pulled out. */
  g_test_add_func ("/core/tokens/pcsc-hotplug/watch", test_watch);
  g_test_add_func ("/core/tokens/pcsc-hotplug/watch-busy", test_watch_busy);
  g_test_add_func ("/core/tokens/pcsc-hotplug/monitor", test_monitor);
  rc = g_test_run ();
  cd_test_pcscd_stop (pcscd);
  return rc;
}
