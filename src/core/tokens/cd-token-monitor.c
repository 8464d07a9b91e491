/* cd-token-monitor.c — USB tokens plugged in now
 *
 * A worker thread owns every PKCS#11 (and PC/SC) call: it loads the
 * modules, polls them, reads certificates and finalises the modules. Its
 * state lives in a reference-counted CdTokenWorker (cd-token-worker.h),
 * not in the GObject, because stopping must not wait for a module call
 * that hangs: the monitor then drops its reference and lets the worker
 * finish (and clean up) whenever the call returns. Events go to the creating thread's main context and
 * are dropped once the monitor has stopped. This file holds the object,
 * the events and the loop that decides when to look (the poll, PC/SC
 * wake-ups, which module when); cd-token-scan.c holds the looking.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "cd-token-monitor.h"
#include "cd-token-worker.h"

/* How long stop() waits for the worker before abandoning it. */
#define STOP_WAIT_US (500 * G_TIME_SPAN_MILLISECOND)
/* While pcscd answers, OpenSC (whose slots are pcscd's readers) is looked
 * at on PC/SC events and only every this many polls otherwise. */
#define PCSC_MODULE_POLLS 20
/* After a PC/SC event, one more look this soon: middleware may see the
 * card a moment after pcscd does. */
#define FOLLOW_UP_MS 100

struct _CdTokenMonitor {
  GObject      parent_instance;

  GMainContext *context;
  CdTokenWorker *worker;
  GThread     *thread;
  GHashTable  *tokens;    /* key → CdToken, as last signalled */
  GHashTable  *unreadable;/* reader → CdUnreadableToken */
  gboolean     settled;

  char       **extra;
  CdTokenMonitorFlags flags;
  guint        poll_ms;
};

G_DEFINE_FINAL_TYPE (CdTokenMonitor, cd_token_monitor, G_TYPE_OBJECT)

enum {
  TOKEN_ADDED,
  TOKEN_REMOVED,
  TOKEN_CHANGED,
  UNREADABLE_TOKEN,
  UNREADABLE_TOKEN_REMOVED,
  MODULE_ERROR,
  SETTLED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct {
  CdTokenWorker     *worker;
  EventKind          kind;
  CdToken           *token;
  CdUnreadableToken *unreadable;
  char              *module;
  char              *message;
} Event;

/* ---- Worker lifetime ----------------------------------------------- */

static CdTokenWorker *
worker_ref (CdTokenWorker *w)
{
  g_atomic_int_inc (&w->ref);
  return w;
}

static void
present_free (Present *p)
{
  cd_token_free (p->token);
  g_free (p);
}

static void
worker_unref (CdTokenWorker *w)
{
  if (!g_atomic_int_dec_and_test (&w->ref))
    return;
  g_mutex_clear (&w->lock);
  g_cond_clear (&w->cond);
  g_main_context_unref (w->context);
  g_weak_ref_clear (&w->monitor);
  g_strfreev (w->extra);
  g_clear_pointer (&w->present, g_hash_table_unref);
  g_clear_pointer (&w->cache, g_hash_table_unref);
  g_clear_pointer (&w->module_rv, g_hash_table_unref);
  g_clear_pointer (&w->unreadable, g_hash_table_unref);
  g_free (w);
}

gboolean
cd_token_worker_stopping (CdTokenWorker *w)
{
  gboolean stop;

  g_mutex_lock (&w->lock);
  stop = w->stop;
  g_mutex_unlock (&w->lock);
  return stop;
}

/* ---- Events to the main context ------------------------------------ */

static void
event_free (Event *ev)
{
  worker_unref (ev->worker);
  cd_token_free (ev->token);
  cd_unreadable_token_free (ev->unreadable);
  g_free (ev->module);
  g_free (ev->message);
  g_free (ev);
}

static gboolean
deliver_cb (gpointer data)
{
  Event *ev = data;
  g_autoptr(CdTokenMonitor) self = NULL;

  if (!g_atomic_int_get (&ev->worker->delivering))
    return G_SOURCE_REMOVE;
  self = g_weak_ref_get (&ev->worker->monitor);
  if (self == NULL || self->worker != ev->worker)
    return G_SOURCE_REMOVE;

  switch (ev->kind)
    {
    case EV_ADDED:
    case EV_CHANGED:
      g_hash_table_replace (self->tokens, g_strdup (ev->token->key), cd_token_copy (ev->token));
      g_signal_emit (self, signals[ev->kind == EV_ADDED ? TOKEN_ADDED : TOKEN_CHANGED], 0, ev->token);
      break;
    case EV_REMOVED:
      g_hash_table_remove (self->tokens, ev->token->key);
      g_signal_emit (self, signals[TOKEN_REMOVED], 0, ev->token);
      break;
    case EV_UNREADABLE:
      g_hash_table_replace (self->unreadable, g_strdup (ev->unreadable->reader_name),
                            cd_unreadable_token_copy (ev->unreadable));
      g_signal_emit (self, signals[UNREADABLE_TOKEN], 0, ev->unreadable);
      break;
    case EV_UNREADABLE_REMOVED:
      g_hash_table_remove (self->unreadable, ev->unreadable->reader_name);
      g_signal_emit (self, signals[UNREADABLE_TOKEN_REMOVED], 0, ev->unreadable);
      break;
    case EV_MODULE_ERROR:
      g_signal_emit (self, signals[MODULE_ERROR], 0, ev->module, ev->message);
      break;
    case EV_SETTLED:
      self->settled = TRUE;
      g_signal_emit (self, signals[SETTLED], 0);
      break;
    default:
      g_assert_not_reached ();
    }
  return G_SOURCE_REMOVE;
}

void
cd_token_worker_post (CdTokenWorker           *w,
                      EventKind                kind,
                      const CdToken           *token,
                      const CdUnreadableToken *unreadable,
                      const char              *module,
                      const char              *message)
{
  Event *ev = g_new0 (Event, 1);

  ev->worker = worker_ref (w);
  ev->kind = kind;
  ev->token = cd_token_copy (token);
  ev->unreadable = cd_unreadable_token_copy (unreadable);
  ev->module = g_strdup (module);
  ev->message = g_strdup (message);
  g_main_context_invoke_full (w->context, G_PRIORITY_DEFAULT, deliver_cb, ev,
                              (GDestroyNotify) event_free);
}

/* ---- The worker thread --------------------------------------------- */

/* Whether the timed poll number @n_poll looks at module @index. OpenSC
 * reads its tokens through pcscd, so while the watch hears pcscd every
 * reader or card change wakes the loop anyway; polling OpenSC in between
 * finds nothing new and makes it try all its card drivers again on a card
 * it cannot read: ~70 APDUs a poll, 140 a second to a token that stays
 * in (bench-tokens). It is still polled every PCSC_MODULE_POLLS polls for
 * what PC/SC does not signal (a PIN blocked by another program), and at
 * every poll when pcscd is not there. Vendor modules may talk to their
 * token without pcscd (HID): they are always polled. */
static gboolean
poll_due (CdTokenWorker *w,
          guint          index,
          guint          n_poll)
{
  CdPkcs11Module *m = g_ptr_array_index (w->modules, index);
  g_autofree char *base = NULL;

  if (m->path == NULL || w->watch == NULL || !cd_pcsc_watch_is_connected (w->watch)
      || n_poll % PCSC_MODULE_POLLS == 0)
    return TRUE;
  base = g_path_get_basename (m->path);
  return !g_str_has_prefix (base, "opensc-pkcs11");
}

/* On the PC/SC watch's thread: a reader or a card came or went. */
static void
pcsc_event_cb (gpointer data)
{
  CdTokenWorker *w = data;

  g_mutex_lock (&w->lock);
  w->wake = TRUE;
  g_cond_broadcast (&w->cond);
  g_mutex_unlock (&w->lock);
}

static gpointer
worker_main (gpointer data)
{
  CdTokenWorker *w = data;
  g_autoptr(GPtrArray) errors = g_ptr_array_new_with_free_func ((GDestroyNotify) cd_pkcs11_module_error_free);
  CdPkcs11LoadFlags lf = 0;
  gboolean settled = FALSE;

  if (w->flags & CD_TOKEN_MONITOR_REGISTERED)
    lf |= CD_PKCS11_LOAD_REGISTERED;
  if (w->flags & CD_TOKEN_MONITOR_OPENSC)
    lf |= CD_PKCS11_LOAD_OPENSC;
  w->modules = cd_pkcs11_modules_load ((const char * const *) w->extra, lf, errors);
  for (guint i = 0; i < errors->len; i++)
    {
      CdPkcs11ModuleError *e = g_ptr_array_index (errors, i);
      cd_token_worker_post (w, EV_MODULE_ERROR, NULL, NULL, e->name, e->message);
    }

  /* Tokens in a reader pcscd sees are rescanned as soon as they come;
   * the poll stays for modules without one (SoftHSM, remote tokens) and
   * for machines without pcscd. */
  if (w->flags & CD_TOKEN_MONITOR_PCSC)
    w->watch = cd_pcsc_watch_new (pcsc_event_cb, w);

  for (guint n_poll = 0; !cd_token_worker_stopping (w); n_poll++)
    {
      gint64 deadline;
      guint wait_ms = w->poll_ms;

      for (guint i = 0; i < w->modules->len && !cd_token_worker_stopping (w); i++)
        if (poll_due (w, i, n_poll))
          cd_token_worker_scan_module (w, i);
      if ((w->flags & CD_TOKEN_MONITOR_PCSC) && !cd_token_worker_stopping (w))
        cd_token_worker_scan_readers (w);
      if (!settled)
        {
          cd_token_worker_post (w, EV_SETTLED, NULL, NULL, NULL, NULL);
          settled = TRUE;
        }

      for (gboolean follow_up = FALSE;;)
        {
          deadline = g_get_monotonic_time () + (gint64) wait_ms * G_TIME_SPAN_MILLISECOND;
          g_mutex_lock (&w->lock);
          while (!w->stop && !w->wake)
            if (!g_cond_wait_until (&w->cond, &w->lock, deadline))
              break;
          follow_up = w->wake;
          w->wake = FALSE;
          g_mutex_unlock (&w->lock);
          if (!follow_up)
            break;
          /* Woken: rescan now, and once more a moment later. */
          for (guint i = 0; i < w->modules->len && !cd_token_worker_stopping (w); i++)
            cd_token_worker_scan_module (w, i);
          if (!cd_token_worker_stopping (w))
            cd_token_worker_scan_readers (w);
          wait_ms = FOLLOW_UP_MS;
        }
    }

  g_clear_pointer (&w->watch, cd_pcsc_watch_free);
  cd_pkcs11_modules_unload (g_steal_pointer (&w->modules));
  if (w->pcsc_ok)
    SCardReleaseContext (w->pcsc);

  g_mutex_lock (&w->lock);
  w->exited = TRUE;
  g_cond_broadcast (&w->cond);
  g_mutex_unlock (&w->lock);
  worker_unref (w);
  return NULL;
}

/* ---- The GObject ---------------------------------------------------- */

static void
cd_token_monitor_dispose (GObject *object)
{
  CdTokenMonitor *self = CD_TOKEN_MONITOR (object);

  cd_token_monitor_stop (self);
  G_OBJECT_CLASS (cd_token_monitor_parent_class)->dispose (object);
}

static void
cd_token_monitor_finalize (GObject *object)
{
  CdTokenMonitor *self = CD_TOKEN_MONITOR (object);

  g_clear_pointer (&self->tokens, g_hash_table_unref);
  g_clear_pointer (&self->unreadable, g_hash_table_unref);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_strfreev (self->extra);
  G_OBJECT_CLASS (cd_token_monitor_parent_class)->finalize (object);
}

static void
cd_token_monitor_class_init (CdTokenMonitorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = cd_token_monitor_dispose;
  object_class->finalize = cd_token_monitor_finalize;

  signals[TOKEN_ADDED] =
    g_signal_new ("token-added", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, CD_TYPE_TOKEN | G_SIGNAL_TYPE_STATIC_SCOPE);
  signals[TOKEN_REMOVED] =
    g_signal_new ("token-removed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, CD_TYPE_TOKEN | G_SIGNAL_TYPE_STATIC_SCOPE);
  signals[TOKEN_CHANGED] =
    g_signal_new ("token-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, CD_TYPE_TOKEN | G_SIGNAL_TYPE_STATIC_SCOPE);
  signals[UNREADABLE_TOKEN] =
    g_signal_new ("unreadable-token", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, CD_TYPE_UNREADABLE_TOKEN | G_SIGNAL_TYPE_STATIC_SCOPE);
  signals[UNREADABLE_TOKEN_REMOVED] =
    g_signal_new ("unreadable-token-removed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1,
                  CD_TYPE_UNREADABLE_TOKEN | G_SIGNAL_TYPE_STATIC_SCOPE);
  signals[MODULE_ERROR] =
    g_signal_new ("module-error", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);
  signals[SETTLED] =
    g_signal_new ("settled", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 0);
}

static void
cd_token_monitor_init (CdTokenMonitor *self)
{
  self->tokens = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) cd_token_free);
  self->unreadable = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                            (GDestroyNotify) cd_unreadable_token_free);
  self->context = g_main_context_ref_thread_default ();
}

CdTokenMonitor *
cd_token_monitor_new_full (const char * const *extra_modules,
                           CdTokenMonitorFlags flags,
                           guint               poll_ms)
{
  CdTokenMonitor *self = g_object_new (CD_TYPE_TOKEN_MONITOR, NULL);

  self->extra = g_strdupv ((char **) extra_modules);
  self->flags = flags;
  self->poll_ms = poll_ms > 0 ? poll_ms : 500;
  return self;
}

CdTokenMonitor *
cd_token_monitor_new (const char * const *extra_modules)
{
  return cd_token_monitor_new_full (extra_modules, CD_TOKEN_MONITOR_DEFAULT, 500);
}

void
cd_token_monitor_start (CdTokenMonitor *self)
{
  CdTokenWorker *w;

  g_return_if_fail (CD_IS_TOKEN_MONITOR (self));
  if (self->worker != NULL)
    return;

  w = g_new0 (CdTokenWorker, 1);
  w->ref = 1;
  g_mutex_init (&w->lock);
  g_cond_init (&w->cond);
  w->delivering = 1;
  w->context = g_main_context_ref (self->context);
  g_weak_ref_init (&w->monitor, self);
  w->extra = g_strdupv (self->extra);
  w->flags = self->flags;
  w->poll_ms = self->poll_ms;
  w->present = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) present_free);
  w->cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) cd_token_free);
  w->module_rv = g_hash_table_new (NULL, NULL);
  w->unreadable = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                         (GDestroyNotify) cd_unreadable_token_free);
  self->worker = w;
  self->settled = FALSE;
  self->thread = g_thread_new ("cd-token-monitor", worker_main, worker_ref (w));
}

void
cd_token_monitor_stop (CdTokenMonitor *self)
{
  CdTokenWorker *w;
  gboolean exited;
  gint64 deadline;

  g_return_if_fail (CD_IS_TOKEN_MONITOR (self));
  w = g_steal_pointer (&self->worker);
  if (w == NULL)
    return;

  g_atomic_int_set (&w->delivering, 0);
  deadline = g_get_monotonic_time () + STOP_WAIT_US;
  g_mutex_lock (&w->lock);
  w->stop = TRUE;
  g_cond_broadcast (&w->cond);
  while (!w->exited)
    if (!g_cond_wait_until (&w->cond, &w->lock, deadline))
      break;
  exited = w->exited;
  g_mutex_unlock (&w->lock);

  if (exited)
    g_thread_join (g_steal_pointer (&self->thread));
  else
    {
      /* A module call is stuck: let the thread finish on its own. It
       * holds its own reference and cleans up when the call returns. */
      g_debug ("token monitor: a module call is still running; not waiting for it");
      g_clear_pointer (&self->thread, g_thread_unref);
    }
  worker_unref (w);
  g_hash_table_remove_all (self->tokens);
  g_hash_table_remove_all (self->unreadable);
}

static int
compare_tokens (gconstpointer a,
                gconstpointer b)
{
  const CdToken *ta = *(CdToken * const *) a, *tb = *(CdToken * const *) b;
  return g_strcmp0 (ta->key, tb->key);
}

GPtrArray *
cd_token_monitor_get_tokens (CdTokenMonitor *self)
{
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) cd_token_free);
  GHashTableIter it;
  CdToken *t;

  g_return_val_if_fail (CD_IS_TOKEN_MONITOR (self), out);
  g_hash_table_iter_init (&it, self->tokens);
  while (g_hash_table_iter_next (&it, NULL, (gpointer *) &t))
    g_ptr_array_add (out, cd_token_copy (t));
  g_ptr_array_sort (out, compare_tokens);
  return out;
}

GPtrArray *
cd_token_monitor_get_unreadable (CdTokenMonitor *self)
{
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) cd_unreadable_token_free);
  GHashTableIter it;
  CdUnreadableToken *u;

  g_return_val_if_fail (CD_IS_TOKEN_MONITOR (self), out);
  g_hash_table_iter_init (&it, self->unreadable);
  while (g_hash_table_iter_next (&it, NULL, (gpointer *) &u))
    g_ptr_array_add (out, cd_unreadable_token_copy (u));
  return out;
}

gboolean
cd_token_monitor_is_settled (CdTokenMonitor *self)
{
  g_return_val_if_fail (CD_IS_TOKEN_MONITOR (self), FALSE);
  return self->settled;
}
