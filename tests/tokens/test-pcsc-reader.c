/* test-pcsc-reader.c — the token monitor and the PC/SC watch against a
 * real pcscd with a virtual reader (vpcd) and card (vicc)
 *
 * The monitor polls its modules once a minute here, so an event seen
 * within seconds came through the PC/SC watch, not the poll. vicc's card
 * is an ISO 7816 file system no PKCS#11 driver knows: the monitor must say
 * "a card is inserted that no driver can read" (unreadable-token), and
 * take it back when the card leaves.
 *
 * Exits 77 (skipped) only when pcscd, vpcd or vicc is not installed;
 * when they are, a daemon that does not start is a failure.
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

#define OPENSC_MODULE "/usr/lib/x86_64-linux-gnu/opensc-pkcs11.so"
/* Longer than any wait below: only a PC/SC wake can be in time. */
#define SLOW_POLL_MS 60000
/* vicc is a Python program: its start takes ~0.5 s, more on a loaded
 * machine; pcscd then sees the card within 400 ms. */
#define EVENT_TIMEOUT_MS 20000

static CdTestPcscd *pcscd;

typedef struct {
  CdTokenMonitor *monitor;
  GPtrArray      *unreadable;  /* CdUnreadableToken copies, in order */
  GPtrArray      *gone;
  gboolean        settled;
} Fixture;

static void
unreadable_cb (CdTokenMonitor *m, CdUnreadableToken *t, Fixture *f)
{
  g_ptr_array_add (f->unreadable, cd_unreadable_token_copy (t));
}

static void
gone_cb (CdTokenMonitor *m, CdUnreadableToken *t, Fixture *f)
{
  g_ptr_array_add (f->gone, cd_unreadable_token_copy (t));
}

static void
settled_cb (CdTokenMonitor *m, Fixture *f)
{
  f->settled = TRUE;
}

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  f->unreadable = g_ptr_array_new_with_free_func ((GDestroyNotify) cd_unreadable_token_free);
  f->gone = g_ptr_array_new_with_free_func ((GDestroyNotify) cd_unreadable_token_free);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  if (f->monitor != NULL)
    cd_token_monitor_stop (f->monitor);
  g_clear_object (&f->monitor);
  g_ptr_array_unref (f->unreadable);
  g_ptr_array_unref (f->gone);
}

static void
start_monitor (Fixture            *f,
               const char * const *modules,
               CdTokenMonitorFlags flags)
{
  f->monitor = cd_token_monitor_new_full (modules, flags | CD_TOKEN_MONITOR_PCSC, SLOW_POLL_MS);
  g_signal_connect (f->monitor, "unreadable-token", G_CALLBACK (unreadable_cb), f);
  g_signal_connect (f->monitor, "unreadable-token-removed", G_CALLBACK (gone_cb), f);
  g_signal_connect (f->monitor, "settled", G_CALLBACK (settled_cb), f);
  cd_token_monitor_start (f->monitor);
  g_assert_true (cd_test_wait_count ((const guint *) &f->settled, TRUE, EVENT_TIMEOUT_MS));
  /* The reader is empty: nothing to say yet. */
  g_assert_cmpuint (f->unreadable->len, ==, 0);
}

/* vicc's card goes in and out of the reader; the monitor says so. */
static void
check_vicc_in_and_out (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) vicc = NULL;
  g_autoptr(GPtrArray) now = NULL;
  CdUnreadableToken *t;

  vicc = cd_test_vicc_insert (pcscd, &error);
  g_assert_no_error (error);
  g_assert_true (cd_test_wait_count (&f->unreadable->len, 1, EVENT_TIMEOUT_MS));
  t = g_ptr_array_index (f->unreadable, 0);
  g_assert_cmpstr (t->reader_name, ==, cd_test_pcscd_reader (pcscd));
  g_assert_true (t->card_present);
  /* The ATR vicc's ISO 7816 card answers with. */
  g_assert_cmpstr (t->atr_hex, ==, "3B95138101807" "3FF01000B");
  now = cd_token_monitor_get_unreadable (f->monitor);
  g_assert_cmpuint (now->len, ==, 1);

  g_subprocess_force_exit (vicc);
  g_assert_true (g_subprocess_wait (vicc, NULL, NULL));
  g_assert_true (cd_test_wait_count (&f->gone->len, 1, EVENT_TIMEOUT_MS));
  t = g_ptr_array_index (f->gone, 0);
  g_assert_cmpstr (t->reader_name, ==, cd_test_pcscd_reader (pcscd));
  g_clear_pointer (&now, g_ptr_array_unref);
  now = cd_token_monitor_get_unreadable (f->monitor);
  g_assert_cmpuint (now->len, ==, 0);
  /* Said once each. */
  g_assert_cmpuint (f->unreadable->len, ==, 1);
}

/* With OpenSC loaded, as the application runs: OpenSC sees the card but
 * has no driver for it. */
static void
test_opensc_unreadable (Fixture *f, gconstpointer data)
{
  if (!g_file_test (OPENSC_MODULE, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("OpenSC's PKCS#11 module is not installed");
      return;
    }
  start_monitor (f, NULL, CD_TOKEN_MONITOR_OPENSC);
  check_vicc_in_and_out (f);
}

/* With a module that has no reader at all (the mock, like SoftHSM). */
static void
test_mock_unreadable (Fixture *f, gconstpointer data)
{
  g_autofree char *mock = g_build_filename (g_getenv ("MESON_BUILD_ROOT"), "tests", "tokens",
                                            "mock-pkcs11-a.so", NULL);
  const char *modules[] = { mock, NULL };

  start_monitor (f, modules, 0);
  check_vicc_in_and_out (f);
}

/* A card already in the reader when the monitor starts is reported by the
 * first scan ("settled" comes after it). */
static void
test_present_at_start (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) now = NULL;
  CdTestCard *card;
  SCARDCONTEXT ctx;
  SCARD_READERSTATE st = { 0 };

  card = cd_test_card_insert (cd_test_pcscd_port (pcscd), &error);
  g_assert_no_error (error);
  /* Wait until pcscd itself has the card. */
  g_assert_cmpint (SCardEstablishContext (SCARD_SCOPE_SYSTEM, NULL, NULL, &ctx), ==, SCARD_S_SUCCESS);
  st.szReader = cd_test_pcscd_reader (pcscd);
  st.dwCurrentState = SCARD_STATE_EMPTY;
  cd_test_pcscd_wait_card (ctx, &st, TRUE, EVENT_TIMEOUT_MS);
  SCardReleaseContext (ctx);

  f->monitor = cd_token_monitor_new_full (NULL, CD_TOKEN_MONITOR_PCSC, SLOW_POLL_MS);
  g_signal_connect (f->monitor, "unreadable-token", G_CALLBACK (unreadable_cb), f);
  g_signal_connect (f->monitor, "settled", G_CALLBACK (settled_cb), f);
  cd_token_monitor_start (f->monitor);
  g_assert_true (cd_test_wait_count ((const guint *) &f->settled, TRUE, EVENT_TIMEOUT_MS));
  g_assert_cmpuint (f->unreadable->len, ==, 1);
  now = cd_token_monitor_get_unreadable (f->monitor);
  g_assert_cmpuint (now->len, ==, 1);

  cd_test_card_remove (card);
  g_signal_connect (f->monitor, "unreadable-token-removed", G_CALLBACK (gone_cb), f);
  g_assert_true (cd_test_wait_count (&f->gone->len, 1, EVENT_TIMEOUT_MS));
}

/* A card OpenSC cannot read stays in: while pcscd answers, the monitor
 * does not make OpenSC try its drivers on it at every 500 ms poll (~70
 * APDUs each time), only on PC/SC events and every 10 s. */
static void
test_opensc_quiet (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  CdTestCard *card;
  gboolean over = FALSE;
  guint before, sent;

  if (!g_file_test (OPENSC_MODULE, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("OpenSC's PKCS#11 module is not installed");
      return;
    }
  f->monitor = cd_token_monitor_new_full (NULL, CD_TOKEN_MONITOR_OPENSC | CD_TOKEN_MONITOR_PCSC, 500);
  g_signal_connect (f->monitor, "unreadable-token", G_CALLBACK (unreadable_cb), f);
  g_signal_connect (f->monitor, "settled", G_CALLBACK (settled_cb), f);
  cd_token_monitor_start (f->monitor);
  g_assert_true (cd_test_wait_count ((const guint *) &f->settled, TRUE, EVENT_TIMEOUT_MS));

  card = cd_test_card_insert (cd_test_pcscd_port (pcscd), &error);
  g_assert_no_error (error);
  g_assert_true (cd_test_wait_count (&f->unreadable->len, 1, EVENT_TIMEOUT_MS));
  /* Four seconds of the monitor running: eight polls. Before, each made
   * OpenSC probe the card again (≥ 280 APDUs); now at most the follow-up
   * look after the event and one 10 s look (~140). */
  before = cd_test_card_get_apdus (card);
  g_timeout_add (4000, cd_test_flag_cb, &over);
  while (!over)
    g_main_context_iteration (NULL, TRUE);
  sent = cd_test_card_get_apdus (card) - before;
  g_test_message ("%u APDUs in 4 s", sent);
  g_assert_cmpuint (sent, <, 200);
  /* Still seen when it goes. */
  g_signal_connect (f->monitor, "unreadable-token-removed", G_CALLBACK (gone_cb), f);
  cd_test_card_remove (card);
  g_assert_true (cd_test_wait_count (&f->gone->len, 1, EVENT_TIMEOUT_MS));
}

static void
count_cb (gpointer data)
{
  g_atomic_int_inc ((gint *) data);
  g_main_context_wakeup (NULL);
}

/* The watch alone: connected to pcscd, called once when it has first
 * looked (what is there then may be news: a card put in between the
 * monitor's first look and the watch's), then at an insertion and at a
 * removal. */
static void
test_watch (void)
{
  g_autoptr(GError) error = NULL;
  gint calls = 0;
  CdPcscWatch *watch = cd_pcsc_watch_new (count_cb, &calls);
  gint64 end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  CdTestCard *card;

  while (!cd_pcsc_watch_is_connected (watch) && g_get_monotonic_time () < end)
    g_usleep (10 * G_TIME_SPAN_MILLISECOND);
  g_assert_true (cd_pcsc_watch_is_connected (watch));
  g_assert_true (cd_test_wait_count ((const guint *) &calls, 1, EVENT_TIMEOUT_MS));

  card = cd_test_card_insert (cd_test_pcscd_port (pcscd), &error);
  g_assert_no_error (error);
  g_assert_true (cd_test_wait_count ((const guint *) &calls, 2, EVENT_TIMEOUT_MS));
  cd_test_card_remove (card);
  g_assert_true (cd_test_wait_count ((const guint *) &calls, 3, EVENT_TIMEOUT_MS));
  cd_pcsc_watch_free (watch);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *why = NULL;
  int rc;

  cd_test_init (&argc, &argv);
  if (!cd_test_pcscd_available (&why) || !cd_test_vicc_available (&why))
    {
      printf ("SKIP: %s\n", why);
      return 77;
    }
  pcscd = cd_test_pcscd_start (&error);
  g_assert_no_error (error);

  g_test_add_func ("/core/tokens/pcsc/watch", test_watch);
  g_test_add ("/core/tokens/pcsc/present-at-start", Fixture, NULL,
              fixture_setup, test_present_at_start, fixture_teardown);
  g_test_add ("/core/tokens/pcsc/vicc-mock-module", Fixture, NULL,
              fixture_setup, test_mock_unreadable, fixture_teardown);
  g_test_add ("/core/tokens/pcsc/vicc-opensc", Fixture, NULL,
              fixture_setup, test_opensc_unreadable, fixture_teardown);
  g_test_add ("/core/tokens/pcsc/opensc-quiet", Fixture, NULL,
              fixture_setup, test_opensc_quiet, fixture_teardown);
  rc = g_test_run ();
  cd_test_pcscd_stop (pcscd);
  return rc;
}
