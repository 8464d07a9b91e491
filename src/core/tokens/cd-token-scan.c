/* cd-token-scan.c — one look at the tokens: a module's slots, the
 * certificates on a token, and pcscd's readers holding a card no module
 * reads. Runs on the token monitor's worker thread (cd-token-monitor.c
 * decides when); what changed is posted to the monitor.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "cd-pcsc-readers.h"
#include "cd-token-monitor-private.h"
#include "cd-token-worker.h"
#include "cd-x509.h"

/* Certificates of a token still plugged in are read again this often
 * (in polls), so a certificate written to it shows up. */
#define REFRESH_POLLS 20
#define MAX_OBJECTS 256
#define PCSC_RETRY_POLLS 10

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
fingerprint_elsewhere (CdTokenWorker     *w,
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
read_certificates (CdTokenWorker         *w,
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
  while (n_handles < MAX_OBJECTS && !cd_token_worker_stopping (w))
    {
      CK_ULONG got = 0;
      rv = f->C_FindObjects (session, handles + n_handles, MIN (32, MAX_OBJECTS - n_handles), &got);
      if (rv != CKR_OK || got == 0)
        break;
      n_handles += got;
    }
  f->C_FindObjectsFinal (session);

  certs = g_ptr_array_new_with_free_func ((GDestroyNotify) cd_certificate_free);
  for (CK_ULONG i = 0; i < n_handles && !cd_token_worker_stopping (w); i++)
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
is_alias (CdTokenWorker        *w,
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
report_module_rv (CdTokenWorker         *w,
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
      cd_token_worker_post (w, EV_MODULE_ERROR, NULL, NULL, m->name, msg);
    }
}

static CK_SLOT_ID *
present_slots (CK_FUNCTION_LIST *f,
               CK_ULONG         *n,
               CK_RV            *out_rv)
{
  CK_SLOT_ID *list = NULL;
  CK_RV rv;

  /* The NULL call is where OpenSC rescans its readers (whatever
   * tokenPresent says). Each call, NULL or not, also runs its card
   * detection, which on a card none of its drivers takes tries them all
   * again: 47 APDUs through pcscd, 15–200 ms on this machine
   * (bench-tokens). So no more calls than these two; a third,
   * C_GetSlotList (CK_FALSE, NULL), doubled that for nothing. */
  *n = 0;
  rv = CKR_OK;
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

void
cd_token_worker_scan_module (CdTokenWorker *w,
                             guint          index)
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

  for (CK_ULONG i = 0; i < n && !cd_token_worker_stopping (w); i++)
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
              cd_token_worker_post (w, EV_CHANGED, p->token, NULL, NULL, NULL);
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
                  cd_token_worker_post (w, EV_CHANGED, p->token, NULL, NULL, NULL);
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
            cd_token_worker_post (w, EV_ADDED, p->token, NULL, NULL, NULL);
            certs = read_certificates (w, m, slots[i], t->key);
            if (certs != NULL && !same_certificates (certs, p->token->certificates))
              {
                g_clear_pointer (&p->token->certificates, g_ptr_array_unref);
                p->token->certificates = g_steal_pointer (&certs);
                cd_token_worker_post (w, EV_CHANGED, p->token, NULL, NULL, NULL);
              }
          }
        else
          {
            certs = read_certificates (w, m, slots[i], t->key);
            t->certificates = certs != NULL ? g_steal_pointer (&certs)
                              : g_ptr_array_new_with_free_func ((GDestroyNotify) cd_certificate_free);
            p->token = cd_token_copy (t);
            g_hash_table_insert (w->present, g_strdup (t->key), p);
            cd_token_worker_post (w, EV_ADDED, p->token, NULL, NULL, NULL);
          }
        g_hash_table_replace (w->cache, g_strdup (t->key), cd_token_copy (p->token));
      }
    }

  if (cd_token_worker_stopping (w))
    return;
  g_hash_table_iter_init (&it, w->present);
  while (g_hash_table_iter_next (&it, NULL, (gpointer *) &p))
    {
      if (p->module_index != index)
        continue;
      if (!p->seen)
        {
          if (!p->alias)
            cd_token_worker_post (w, EV_REMOVED, p->token, NULL, NULL, NULL);
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

void
cd_token_worker_scan_readers (CdTokenWorker *w)
{
  g_auto(GStrv) readers = NULL;
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

  readers = cd_pcsc_list_readers (w->pcsc, G_MAXUINT, &rv);
  if (rv == SCARD_E_NO_SERVICE || rv == SCARD_E_INVALID_HANDLE)
    {
      SCardReleaseContext (w->pcsc);
      w->pcsc_ok = FALSE;
      return;
    }

  for (char **it_r = readers; *it_r != NULL; it_r++)
    {
      const char *r = *it_r;
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
        cd_token_worker_post (w, EV_UNREADABLE, NULL, u, NULL, NULL);
      }
  g_hash_table_iter_init (&it, w->unreadable);
  while (g_hash_table_iter_next (&it, NULL, (gpointer *) &u))
    if (!g_hash_table_contains (now, u->reader_name))
      {
        cd_token_worker_post (w, EV_UNREADABLE_REMOVED, NULL, u, NULL, NULL);
        g_hash_table_iter_remove (&it);
      }
}
