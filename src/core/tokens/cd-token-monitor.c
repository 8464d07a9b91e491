/* cd-token-monitor.c — USB tokens plugged in now
 *
 * A worker thread owns every PKCS#11 (and PC/SC) call: it loads the
 * modules, polls them, reads certificates and finalises the modules. Its
 * state lives in a reference-counted Worker, not in the GObject, because
 * stopping must not wait for a module call that hangs: the monitor then
 * drops its reference and lets the worker finish (and clean up) whenever
 * the call returns. Events go to the creating thread's main context and
 * are dropped once the monitor has stopped.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>
#include <winscard.h>

#include "cd-pcsc-watch.h"
#include "cd-pkcs11-modules.h"
#include "cd-token-monitor.h"
#include "cd-token-monitor-private.h"
#include "cd-x509.h"

/* Certificates of a token still plugged in are read again this often
 * (in polls), so a certificate written to it shows up. */
#define REFRESH_POLLS 20
/* How long stop() waits for the worker before abandoning it. */
#define STOP_WAIT_US (500 * G_TIME_SPAN_MILLISECOND)
#define MAX_OBJECTS 256
#define PCSC_RETRY_POLLS 10
/* While pcscd answers, OpenSC (whose slots are pcscd's readers) is looked
 * at on PC/SC events and only every this many polls otherwise. */
#define PCSC_MODULE_POLLS 20
/* After a PC/SC event, one more look this soon: middleware may see the
 * card a moment after pcscd does. */
#define FOLLOW_UP_MS 100

typedef struct {
  CdToken    *token;        /* what was posted last */
  guint       module_index;
  gboolean    alias;        /* same token already shown through another module */
  guint       age;          /* polls since the certificates were read */
  gboolean    seen;         /* in the current poll */
  gboolean    hardware;     /* a hardware or removable slot (not a soft token) */
} Present;

typedef struct {
  gint                 ref;
  GMutex               lock;
  GCond                cond;
  gboolean             stop;      /* under lock */
  gboolean             wake;      /* under lock: a PC/SC event, rescan now */
  gboolean             exited;    /* under lock */
  gint                 delivering;/* atomic; 0 once stopped */
  GMainContext        *context;
  GWeakRef             monitor;
  char               **extra;
  CdTokenMonitorFlags  flags;
  guint                poll_ms;

  /* Worker thread only. */
  GPtrArray           *modules;    /* CdPkcs11Module */
  GHashTable          *present;    /* key → Present */
  GHashTable          *cache;      /* key → CdToken, kept after removal */
  GHashTable          *module_rv;  /* module index → last CK_RV reported */
  GHashTable          *unreadable; /* reader name → CdUnreadableToken */
  SCARDCONTEXT         pcsc;
  gboolean             pcsc_ok;
  guint                pcsc_retry;
  CdPcscWatch         *watch;      /* wakes the loop on reader events */
} Worker;

struct _CdTokenMonitor {
  GObject      parent_instance;

  GMainContext *context;
  Worker      *worker;
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

typedef enum {
  EV_ADDED,
  EV_REMOVED,
  EV_CHANGED,
  EV_UNREADABLE,
  EV_UNREADABLE_REMOVED,
  EV_MODULE_ERROR,
  EV_SETTLED,
} EventKind;

typedef struct {
  Worker            *worker;
  EventKind          kind;
  CdToken           *token;
  CdUnreadableToken *unreadable;
  char              *module;
  char              *message;
} Event;

/* ---- Worker lifetime ----------------------------------------------- */

static Worker *
worker_ref (Worker *w)
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
worker_unref (Worker *w)
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

static gboolean
worker_stopping (Worker *w)
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

static void
post (Worker            *w,
      EventKind          kind,
      const CdToken     *token,
      const CdUnreadableToken *unreadable,
      const char        *module,
      const char        *message)
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

/* ---- Reading a token ----------------------------------------------- */

static gboolean
fingerprint_in (GPtrArray  *certs,
                const char *fp)
{
  for (guint i = 0; certs != NULL && i < certs->len; i++)
    if (g_strcmp0 (((CdCertificate *) g_ptr_array_index (certs, i))->fingerprint, fp) == 0)
      return TRUE;
  return FALSE;
}

/* Shown already on another token that is plugged in (the same card seen
 * through two modules). */
static gboolean
fingerprint_elsewhere (Worker     *w,
                       const char *key,
                       const char *fp)
{
  GHashTableIter it;
  Present *p;

  g_hash_table_iter_init (&it, w->present);
  while (g_hash_table_iter_next (&it, NULL, (gpointer *) &p))
    if (!p->alias && g_strcmp0 (p->token->key, key) != 0
        && fingerprint_in (p->token->certificates, fp))
      return TRUE;
  return FALSE;
}

/* Public certificate objects through a read-only session, never logged
 * in. Returns NULL when the token could not be read (left as it was). */
static GPtrArray *
read_certificates (Worker         *w,
                   CdPkcs11Module *m,
                   CK_SLOT_ID      slot,
                   const char     *key)
{
  CK_FUNCTION_LIST *f = m->funcs;
  CK_SESSION_HANDLE session = 0;
  CK_OBJECT_CLASS klass = CKO_CERTIFICATE;
  CK_ATTRIBUTE tmpl[] = { { CKA_CLASS, &klass, sizeof klass } };
  CK_OBJECT_HANDLE handles[MAX_OBJECTS];
  CK_ULONG n_handles = 0;
  GPtrArray *certs;
  CK_RV rv;

  rv = f->C_OpenSession (slot, CKF_SERIAL_SESSION, NULL, NULL, &session);
  if (rv != CKR_OK)
    return NULL;
  rv = f->C_FindObjectsInit (session, tmpl, G_N_ELEMENTS (tmpl));
  if (rv != CKR_OK)
    {
      f->C_CloseSession (session);
      return NULL;
    }
  while (n_handles < MAX_OBJECTS && !worker_stopping (w))
    {
      CK_ULONG got = 0;
      rv = f->C_FindObjects (session, handles + n_handles, MIN (32, MAX_OBJECTS - n_handles), &got);
      if (rv != CKR_OK || got == 0)
        break;
      n_handles += got;
    }
  f->C_FindObjectsFinal (session);

  certs = g_ptr_array_new_with_free_func ((GDestroyNotify) cd_certificate_free);
  for (CK_ULONG i = 0; i < n_handles && !worker_stopping (w); i++)
    {
      CK_ATTRIBUTE value = { CKA_VALUE, NULL, 0 };
      g_autofree guint8 *der = NULL;
      g_autoptr(GError) error = NULL;
      CdCertificate *cert;

      if (f->C_GetAttributeValue (session, handles[i], &value, 1) != CKR_OK
          || value.ulValueLen == CK_UNAVAILABLE_INFORMATION || value.ulValueLen == 0
          || value.ulValueLen > 64 * 1024)
        continue;
      der = g_malloc (value.ulValueLen);
      value.pValue = der;
      if (f->C_GetAttributeValue (session, handles[i], &value, 1) != CKR_OK)
        continue;
      cert = cd_x509_parse_der (der, value.ulValueLen, &error);
      if (cert == NULL)
        {
          g_debug ("%s: object %lu is not a readable certificate: %s", key,
                   (unsigned long) handles[i], error->message);
          continue;
        }
      cert->source = CD_CERT_SOURCE_TOKEN;
      if (fingerprint_in (certs, cert->fingerprint) || fingerprint_elsewhere (w, key, cert->fingerprint))
        cd_certificate_free (cert);
      else
        g_ptr_array_add (certs, cert);
    }
  f->C_CloseSession (session);
  return certs;
}

static gboolean
same_certificates (GPtrArray *a,
                   GPtrArray *b)
{
  guint na = a ? a->len : 0, nb = b ? b->len : 0;

  if (na != nb)
    return FALSE;
  for (guint i = 0; i < na; i++)
    if (!fingerprint_in (b, ((CdCertificate *) g_ptr_array_index (a, i))->fingerprint))
      return FALSE;
  return TRUE;
}

/* An alias: the same serial and label already shown through another
 * module (a card read by OpenSC and by its vendor's module). */
static gboolean
is_alias (Worker        *w,
          guint          module_index,
          const CdToken *t)
{
  GHashTableIter it;
  Present *p;

  g_hash_table_iter_init (&it, w->present);
  while (g_hash_table_iter_next (&it, NULL, (gpointer *) &p))
    if (!p->alias && p->module_index != module_index
        && g_strcmp0 (p->token->serial, t->serial) == 0
        && g_strcmp0 (p->token->label, t->label) == 0)
      return TRUE;
  return FALSE;
}

static void
report_module_rv (Worker         *w,
                  guint           module_index,
                  CdPkcs11Module *m,
                  CK_RV           rv)
{
  gpointer key = GUINT_TO_POINTER (module_index);
  gpointer old = g_hash_table_lookup (w->module_rv, key);

  if (old != NULL && GPOINTER_TO_SIZE (old) == (gsize) rv + 1)
    return;
  g_hash_table_insert (w->module_rv, key, GSIZE_TO_POINTER ((gsize) rv + 1));
  if (rv != CKR_OK)
    {
      g_autofree char *msg = g_strdup_printf (_("The token driver “%s” stopped answering (error 0x%lX). "
                                                "Unplug the token and plug it in again."),
                                              m->name, (unsigned long) rv);
      post (w, EV_MODULE_ERROR, NULL, NULL, m->name, msg);
    }
}

static CK_SLOT_ID *
present_slots (CK_FUNCTION_LIST *f,
               CK_ULONG         *n,
               CK_RV            *out_rv)
{
  CK_SLOT_ID *list = NULL;
  CK_RV rv;

  /* The NULL call with tokenPresent FALSE is where OpenSC rescans its
   * readers; the slot list it returns never shrinks. */
  *n = 0;
  rv = f->C_GetSlotList (CK_FALSE, NULL, n);
  for (int tries = 0; rv == CKR_OK && tries < 3; tries++)
    {
      rv = f->C_GetSlotList (CK_TRUE, NULL, n);
      if (rv != CKR_OK || *n == 0)
        break;
      g_free (list);
      list = g_new0 (CK_SLOT_ID, *n);
      rv = f->C_GetSlotList (CK_TRUE, list, n);
      if (rv != CKR_BUFFER_TOO_SMALL)
        break;
    }
  *out_rv = rv;
  if (rv != CKR_OK)
    {
      g_clear_pointer (&list, g_free);
      *n = 0;
    }
  return list;
}

static void
poll_module (Worker *w,
             guint   index)
{
  CdPkcs11Module *m = g_ptr_array_index (w->modules, index);
  CK_FUNCTION_LIST *f = m->funcs;
  g_autofree CK_SLOT_ID *slots = NULL;
  CK_ULONG n = 0;
  CK_RV rv;
  GHashTableIter it;
  Present *p;

  slots = present_slots (f, &n, &rv);
  report_module_rv (w, index, m, rv);
  if (rv != CKR_OK)
    return;   /* keep what we had: a hiccup is not a removal */

  for (CK_ULONG i = 0; i < n && !worker_stopping (w); i++)
    {
      CK_SLOT_INFO sinfo;
      CK_TOKEN_INFO tinfo;
      g_autoptr(CdToken) t = NULL;

      if (f->C_GetTokenInfo (slots[i], &tinfo) != CKR_OK)
        continue;
      /* An empty, never-initialised token (SoftHSM's free slot) is not a
       * certificate carrier. */
      if (!(tinfo.flags & CKF_TOKEN_INITIALIZED))
        continue;
      t = g_new0 (CdToken, 1);
      t->module_name = g_strdup (m->name);
      t->module_path = g_strdup (m->path);
      memset (&sinfo, 0, sizeof sinfo);
      if (f->C_GetSlotInfo (slots[i], &sinfo) == CKR_OK)
        t->slot_description = cd_pkcs11_string (sinfo.slotDescription, sizeof sinfo.slotDescription);
      t->label = cd_pkcs11_string (tinfo.label, sizeof tinfo.label);
      t->serial = cd_pkcs11_string (tinfo.serialNumber, sizeof tinfo.serialNumber);
      t->manufacturer = cd_pkcs11_string (tinfo.manufacturerID, sizeof tinfo.manufacturerID);
      t->model = cd_pkcs11_string (tinfo.model, sizeof tinfo.model);
      t->pin_state = cd_token_pin_state_from_flags (tinfo.flags);
      t->key = g_strdup_printf ("%s|%s|%s", m->name, t->serial, t->label);

      p = g_hash_table_lookup (w->present, t->key);
      if (p != NULL)
        {
          p->seen = TRUE;
          /* Wrong PINs typed in the vendor's tool while it stays plugged
           * in: the flags change, the clerk should hear of it. */
          if (!p->alias && p->token->pin_state != t->pin_state)
            {
              CdToken *cached = g_hash_table_lookup (w->cache, t->key);

              p->token->pin_state = t->pin_state;
              if (cached != NULL)
                cached->pin_state = t->pin_state;
              post (w, EV_CHANGED, p->token, NULL, NULL, NULL);
            }
          if (!p->alias && ++p->age >= REFRESH_POLLS)
            {
              g_autoptr(GPtrArray) certs = read_certificates (w, m, slots[i], t->key);
              p->age = 0;
              if (certs != NULL && !same_certificates (certs, p->token->certificates))
                {
                  g_clear_pointer (&p->token->certificates, g_ptr_array_unref);
                  p->token->certificates = g_steal_pointer (&certs);
                  g_hash_table_replace (w->cache, g_strdup (t->key), cd_token_copy (p->token));
                  post (w, EV_CHANGED, p->token, NULL, NULL, NULL);
                }
            }
          continue;
        }

      p = g_new0 (Present, 1);
      p->module_index = index;
      p->seen = TRUE;
      p->hardware = (sinfo.flags & (CKF_HW_SLOT | CKF_REMOVABLE_DEVICE)) != 0;
      p->alias = is_alias (w, index, t);
      if (p->alias)
        {
          p->token = g_steal_pointer (&t);
          g_hash_table_insert (w->present, g_strdup (p->token->key), p);
          continue;
        }
      {
        CdToken *cached = g_hash_table_lookup (w->cache, t->key);
        g_autoptr(GPtrArray) certs = NULL;

        if (cached != NULL)
          {
            /* Shown at once from the cache, checked afterwards: reading
             * through vendor middleware can take seconds. */
            t->certificates = g_ptr_array_ref (cached->certificates);
            p->token = cd_token_copy (t);
            g_hash_table_insert (w->present, g_strdup (t->key), p);
            post (w, EV_ADDED, p->token, NULL, NULL, NULL);
            certs = read_certificates (w, m, slots[i], t->key);
            if (certs != NULL && !same_certificates (certs, p->token->certificates))
              {
                g_clear_pointer (&p->token->certificates, g_ptr_array_unref);
                p->token->certificates = g_steal_pointer (&certs);
                post (w, EV_CHANGED, p->token, NULL, NULL, NULL);
              }
          }
        else
          {
            certs = read_certificates (w, m, slots[i], t->key);
            t->certificates = certs != NULL ? g_steal_pointer (&certs)
                              : g_ptr_array_new_with_free_func ((GDestroyNotify) cd_certificate_free);
            p->token = cd_token_copy (t);
            g_hash_table_insert (w->present, g_strdup (t->key), p);
            post (w, EV_ADDED, p->token, NULL, NULL, NULL);
          }
        g_hash_table_replace (w->cache, g_strdup (t->key), cd_token_copy (p->token));
      }
    }

  if (worker_stopping (w))
    return;
  g_hash_table_iter_init (&it, w->present);
  while (g_hash_table_iter_next (&it, NULL, (gpointer *) &p))
    {
      if (p->module_index != index)
        continue;
      if (!p->seen)
        {
          if (!p->alias)
            post (w, EV_REMOVED, p->token, NULL, NULL, NULL);
          g_hash_table_iter_remove (&it);
        }
      else
        p->seen = FALSE;
    }
}

/* ---- PC/SC: readers no module reads -------------------------------- */

static gboolean
reader_matches (const char *reader,
                const char *slot_description)
{
  gsize n;

  if (slot_description == NULL || *slot_description == '\0')
    return FALSE;
  /* PKCS#11 slot descriptions are cut at 64 bytes. */
  n = MIN (strlen (reader), strlen (slot_description));
  return n > 0 && strncmp (reader, slot_description, n) == 0;
}

GStrv
cd_token_monitor_unread_readers (const char * const *with_card,
                                 const char * const *all_readers,
                                 const char * const *hw_slots)
{
  g_autoptr(GStrvBuilder) out = g_strv_builder_new ();

  /* A vendor module may name its slots its own way: while it shows a
   * hardware token we cannot place on a reader, do not claim any reader
   * is unread. */
  for (guint i = 0; hw_slots != NULL && hw_slots[i] != NULL; i++)
    {
      gboolean placed = FALSE;
      for (guint j = 0; !placed && all_readers != NULL && all_readers[j] != NULL; j++)
        placed = reader_matches (all_readers[j], hw_slots[i]);
      if (!placed)
        return g_strv_builder_end (out);
    }
  for (guint i = 0; with_card != NULL && with_card[i] != NULL; i++)
    {
      gboolean read = FALSE;
      for (guint j = 0; !read && hw_slots != NULL && hw_slots[j] != NULL; j++)
        read = reader_matches (with_card[i], hw_slots[j]);
      if (!read)
        g_strv_builder_add (out, with_card[i]);
    }
  return g_strv_builder_end (out);
}

static void
poll_pcsc (Worker *w)
{
  g_autofree char *readers = NULL;
  DWORD len = 0;
  LONG rv;
  g_autoptr(GHashTable) now = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                     (GDestroyNotify) cd_unreadable_token_free);
  g_autoptr(GStrvBuilder) all_b = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) card_b = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) slots_b = g_strv_builder_new ();
  g_auto(GStrv) all = NULL;
  g_auto(GStrv) card = NULL;
  g_auto(GStrv) slots = NULL;
  g_auto(GStrv) unread = NULL;
  GHashTableIter it;
  Present *p;
  CdUnreadableToken *u;

  if (!w->pcsc_ok)
    {
      if (w->pcsc_retry-- > 0)
        return;
      w->pcsc_retry = PCSC_RETRY_POLLS;
      if (SCardEstablishContext (SCARD_SCOPE_SYSTEM, NULL, NULL, &w->pcsc) != SCARD_S_SUCCESS)
        return;   /* pcscd is not running: nothing to say */
      w->pcsc_ok = TRUE;
    }

  rv = SCardListReaders (w->pcsc, NULL, NULL, &len);
  if (rv == SCARD_S_SUCCESS && len > 1)
    {
      readers = g_malloc0 (len + 1);
      rv = SCardListReaders (w->pcsc, NULL, readers, &len);
    }
  if (rv == SCARD_E_NO_SERVICE || rv == SCARD_E_INVALID_HANDLE)
    {
      SCardReleaseContext (w->pcsc);
      w->pcsc_ok = FALSE;
      return;
    }

  for (const char *r = readers; rv == SCARD_S_SUCCESS && r != NULL && *r != '\0'; r += strlen (r) + 1)
    {
      SCARD_READERSTATE st = { 0 };

      g_strv_builder_add (all_b, r);
      st.szReader = r;
      st.dwCurrentState = SCARD_STATE_UNAWARE;
      if (SCardGetStatusChange (w->pcsc, 0, &st, 1) != SCARD_S_SUCCESS
          || !(st.dwEventState & SCARD_STATE_PRESENT))
        continue;   /* an empty reader is not a token */
      g_strv_builder_add (card_b, r);
      u = g_new0 (CdUnreadableToken, 1);
      u->reader_name = g_strdup (r);
      u->card_present = TRUE;
      if (st.cbAtr > 0 && st.cbAtr <= sizeof st.rgbAtr)
        {
          GString *hex = g_string_new (NULL);
          for (DWORD i = 0; i < st.cbAtr; i++)
            g_string_append_printf (hex, "%02X", st.rgbAtr[i]);
          u->atr_hex = g_string_free (hex, FALSE);
        }
      g_hash_table_insert (now, g_strdup (r), u);
    }

  g_hash_table_iter_init (&it, w->present);
  while (g_hash_table_iter_next (&it, NULL, (gpointer *) &p))
    if (p->hardware && p->token->slot_description != NULL)
      g_strv_builder_add (slots_b, p->token->slot_description);
  all = g_strv_builder_end (all_b);
  card = g_strv_builder_end (card_b);
  slots = g_strv_builder_end (slots_b);
  unread = cd_token_monitor_unread_readers ((const char * const *) card, (const char * const *) all,
                                            (const char * const *) slots);

  g_hash_table_iter_init (&it, now);
  while (g_hash_table_iter_next (&it, NULL, (gpointer *) &u))
    if (!g_strv_contains ((const char * const *) unread, u->reader_name))
      g_hash_table_iter_remove (&it);

  g_hash_table_iter_init (&it, now);
  while (g_hash_table_iter_next (&it, NULL, (gpointer *) &u))
    if (!g_hash_table_contains (w->unreadable, u->reader_name))
      {
        g_hash_table_insert (w->unreadable, g_strdup (u->reader_name), cd_unreadable_token_copy (u));
        post (w, EV_UNREADABLE, NULL, u, NULL, NULL);
      }
  g_hash_table_iter_init (&it, w->unreadable);
  while (g_hash_table_iter_next (&it, NULL, (gpointer *) &u))
    if (!g_hash_table_contains (now, u->reader_name))
      {
        post (w, EV_UNREADABLE_REMOVED, NULL, u, NULL, NULL);
        g_hash_table_iter_remove (&it);
      }
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
poll_due (Worker *w,
          guint   index,
          guint   n_poll)
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
  Worker *w = data;

  g_mutex_lock (&w->lock);
  w->wake = TRUE;
  g_cond_broadcast (&w->cond);
  g_mutex_unlock (&w->lock);
}

static gpointer
worker_main (gpointer data)
{
  Worker *w = data;
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
      post (w, EV_MODULE_ERROR, NULL, NULL, e->name, e->message);
    }

  /* Tokens in a reader pcscd sees are rescanned as soon as they come;
   * the poll stays for modules without one (SoftHSM, remote tokens) and
   * for machines without pcscd. */
  if (w->flags & CD_TOKEN_MONITOR_PCSC)
    w->watch = cd_pcsc_watch_new (pcsc_event_cb, w);

  for (guint n_poll = 0; !worker_stopping (w); n_poll++)
    {
      gint64 deadline;
      guint wait_ms = w->poll_ms;

      for (guint i = 0; i < w->modules->len && !worker_stopping (w); i++)
        if (poll_due (w, i, n_poll))
          poll_module (w, i);
      if ((w->flags & CD_TOKEN_MONITOR_PCSC) && !worker_stopping (w))
        poll_pcsc (w);
      if (!settled)
        {
          post (w, EV_SETTLED, NULL, NULL, NULL, NULL);
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
          for (guint i = 0; i < w->modules->len && !worker_stopping (w); i++)
            poll_module (w, i);
          if (!worker_stopping (w))
            poll_pcsc (w);
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
  Worker *w;

  g_return_if_fail (CD_IS_TOKEN_MONITOR (self));
  if (self->worker != NULL)
    return;

  w = g_new0 (Worker, 1);
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
  Worker *w;
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
