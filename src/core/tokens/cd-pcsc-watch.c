/* cd-pcsc-watch.c
 *
 * The token monitor polls its PKCS#11 modules every 500 ms: a token
 * plugged in waited 250 ms on average, up to 500, before anyone looked.
 * pcscd knows at once when a reader or a card arrives; this thread
 * blocks in SCardGetStatusChange() and wakes the monitor, which rescans
 * then. Its own SCARDCONTEXT: PC/SC contexts are not shared between
 * threads.
 *
 * How soon pcscd itself knows depends on the reader's driver. The ccid
 * driver (USB readers and tokens) answers TAG_IFD_POLLING_THREAD_WITH_
 * TIMEOUT: pcscd blocks in its IFDHPolling(), which waits on the
 * reader's interrupt endpoint for the slot-change message, so a card or
 * token shows within a few ms and this thread wakes with it. A driver
 * without one is asked IFDHICCPresence() every 400 ms
 * (PCSCLITE_STATUS_POLL_RATE): vpcd, the tests' virtual reader, is such
 * a driver (its IFDHGetCapabilities() knows no polling tag), hence 0–400
 * ms of pcscd's own before anything reaches here. The tests' evented
 * reader (tests/common/ifd-evented.c: vpcd with such a polling function)
 * stands in for a CCID one: pcscd's share p95 ~11 ms (bench-tokens,
 * test-pcsc-evented). From the wake to the event is CertDesk's: ~1 ms
 * with the mock modules, 15–55 ms with OpenSC, which probes the new
 * card. A USB token is a
 * reader with its card inside: it arrives as a new reader (pcscd hears
 * udev at once, "\\?PnP?\Notification" changes), its card already
 * there, so not even the interrupt endpoint is waited for.
 *
 * A reader plugged in (a USB token) is seen in the reader list, read
 * before every wait: pcsc-lite 1.9.9's "\\?PnP?\Notification" only
 * tells of a reader added during a wait (tests: pcsc-hotplug).
 *
 * SCardCancel() ends the wait when stopping, but it is lost if sent just
 * before the wait starts, so each wait is also bounded (WAIT_MS): the
 * thread is joined within that.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <winscard.h>

#include "cd-pcsc-readers.h"
#include "cd-pcsc-watch.h"

#define WAIT_MS 250
#define RETRY_US (5 * G_TIME_SPAN_SECOND)
#define MAX_READERS 16
#define MAX_UNKNOWN 5
#define PNP_READER "\\\\?PnP?\\Notification"

struct _CdPcscWatch
{
  GThread         *thread;
  CdPcscWatchFunc  func;
  gpointer         data;

  GMutex           lock;
  GCond            cond;
  gboolean         stop;        /* under lock */
  gboolean         connected;   /* under lock */
  SCARDCONTEXT     context;     /* under lock while connected */
};

static gboolean
stopping (CdPcscWatch *self)
{
  gboolean stop;

  g_mutex_lock (&self->lock);
  stop = self->stop;
  g_mutex_unlock (&self->lock);
  return stop;
}

/* Waits @us or until stopped; TRUE when stopped. */
static gboolean
pause_or_stop (CdPcscWatch *self,
               gint64       us)
{
  gint64 deadline = g_get_monotonic_time () + us;
  gboolean stop;

  g_mutex_lock (&self->lock);
  while (!self->stop)
    if (!g_cond_wait_until (&self->cond, &self->lock, deadline))
      break;
  stop = self->stop;
  g_mutex_unlock (&self->lock);
  return stop;
}

/* The readers pcscd knows now, as a NULL-terminated array, PnP last. */
static GStrv
list_readers (SCARDCONTEXT  context,
              LONG         *rv)
{
  g_auto(GStrv) readers = cd_pcsc_list_readers (context, MAX_READERS, rv);
  g_autoptr(GStrvBuilder) b = g_strv_builder_new ();

  g_strv_builder_addv (b, (const char **) readers);
  g_strv_builder_add (b, PNP_READER);
  return g_strv_builder_end (b);
}

/* Watches until pcscd goes away or the watch stops. */
static void
watch_connected (CdPcscWatch *self,
                 SCARDCONTEXT context)
{
  g_auto(GStrv) names = NULL;
  SCARD_READERSTATE states[MAX_READERS + 1];
  guint n = 0, unknown = 0;
  gboolean first = TRUE;

  while (!stopping (self))
    {
      g_auto(GStrv) now = NULL;
      LONG rv;
      gboolean changed = FALSE;

      /* The reader list is read before every wait, not only when the PnP
       * reader says it changed: pcsc-lite before 2.3 (Debian 12 has
       * 1.9.9) reports a change only if it happens during the wait, as it
       * compares the reader count with the one at the start of the call.
       * A reader plugged in between two waits (while this thread was in
       * the callback, or between a timeout and the next call) was never
       * watched. One more round trip to pcscd a wait, ~4 a second idle.
       * Left: a reader added between this look and the wait's start is
       * seen at the next look, within WAIT_MS. */
      now = list_readers (context, &rv);
      if (rv != SCARD_S_SUCCESS)
        return;
      if (names == NULL || !g_strv_equal ((const char * const *) now, (const char * const *) names))
        {
          SCARD_READERSTATE old[MAX_READERS + 1];
          guint old_n = n;

          memcpy (old, states, sizeof states);
          n = g_strv_length (now);
          memset (states, 0, sizeof states);
          for (guint i = 0; i < n; i++)
            {
              states[i].szReader = now[i];
              /* A new reader answers at once, its state news: it wakes. */
              states[i].dwCurrentState = SCARD_STATE_UNAWARE;
              /* Known readers keep what was seen, so only news wakes. */
              for (guint j = 0; j < old_n; j++)
                if (g_strcmp0 (old[j].szReader, now[i]) == 0)
                  states[i].dwCurrentState = old[j].dwCurrentState;
            }
          /* A reader gone (a token pulled out) between two waits: no
           * answer will say so, the list does. */
          for (guint j = 0; names != NULL && j < old_n; j++)
            if (!(old[j].dwEventState & SCARD_STATE_UNKNOWN)
                && !g_strv_contains ((const char * const *) now, old[j].szReader))
              changed = TRUE;
          g_strfreev (names);
          names = g_steal_pointer (&now);
        }

      if (!changed)
        {
          rv = SCardGetStatusChange (context, WAIT_MS, states, n);
          if (rv == SCARD_E_TIMEOUT || rv == SCARD_E_CANCELLED)
            {
              unknown = 0;
              continue;
            }
          /* A reader listed went before the wait began (a token pulled
           * out): the next look at the list drops it. Not pcscd gone,
           * which stopped the watch for RETRY_US. A few in a row is no
           * longer that. */
          if (rv == SCARD_E_UNKNOWN_READER && ++unknown < MAX_UNKNOWN)
            continue;
          if (rv != SCARD_S_SUCCESS)
            return;   /* pcscd went away (or refuses): connect again later */
          unknown = 0;
          /* A reader that came or went, or the PnP reader's change, is
           * met by the next look at the list. */
          for (guint i = 0; i < n; i++)
            if (states[i].dwEventState & SCARD_STATE_CHANGED)
              {
                changed = TRUE;
                states[i].dwCurrentState = states[i].dwEventState & ~SCARD_STATE_CHANGED;
              }
        }
      /* The first answer says what is there now: a card put in or taken
       * out between the monitor's first look and this one would be
       * news to nobody, seen only at the next look at OpenSC (10 s), so
       * it wakes once too. Later a reader new since (a USB token is a
       * reader and its card) answers at once with its card, after the
       * PnP change: both wake. */
      if (changed || first)
        self->func (self->data);
      first = FALSE;
    }
}

static gpointer
watch_thread (gpointer data)
{
  CdPcscWatch *self = data;

  gboolean again = FALSE;

  while (!stopping (self))
    {
      SCARDCONTEXT context;

      if (SCardEstablishContext (SCARD_SCOPE_SYSTEM, NULL, NULL, &context) == SCARD_S_SUCCESS)
        {
          g_mutex_lock (&self->lock);
          self->context = context;
          self->connected = TRUE;
          g_mutex_unlock (&self->lock);
          /* pcscd came back (restarted): its readers may be others now,
           * and the poller may have stopped looking at them. */
          if (again)
            self->func (self->data);
          again = TRUE;

          watch_connected (self, context);

          g_mutex_lock (&self->lock);
          self->connected = FALSE;
          g_mutex_unlock (&self->lock);
          SCardReleaseContext (context);
        }
      /* No pcscd (the tests, a machine without readers): the poll does
       * the work; look again later, quietly. */
      if (pause_or_stop (self, RETRY_US))
        break;
    }
  return NULL;
}

CdPcscWatch *
cd_pcsc_watch_new (CdPcscWatchFunc func,
                   gpointer        user_data)
{
  CdPcscWatch *self;

  g_return_val_if_fail (func != NULL, NULL);

  self = g_new0 (CdPcscWatch, 1);
  self->func = func;
  self->data = user_data;
  g_mutex_init (&self->lock);
  g_cond_init (&self->cond);
  self->thread = g_thread_new ("cd-pcsc-watch", watch_thread, self);
  return self;
}

void
cd_pcsc_watch_free (CdPcscWatch *self)
{
  if (self == NULL)
    return;
  g_mutex_lock (&self->lock);
  self->stop = TRUE;
  g_cond_broadcast (&self->cond);
  if (self->connected)
    SCardCancel (self->context);
  g_mutex_unlock (&self->lock);
  g_thread_join (self->thread);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->cond);
  g_free (self);
}

gboolean
cd_pcsc_watch_is_connected (CdPcscWatch *self)
{
  gboolean connected;

  g_return_val_if_fail (self != NULL, FALSE);
  g_mutex_lock (&self->lock);
  connected = self->connected;
  g_mutex_unlock (&self->lock);
  return connected;
}
