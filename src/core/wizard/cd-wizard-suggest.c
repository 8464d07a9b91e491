/* cd-wizard-suggest.c — who needs a kind of list, and why
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "cd-wizard-check.h"
#include "cd-wizard-offer.h"
#include "cd-wizard-suggest.h"
#include "cd-wizard-private.h"
#include "cd-device-link.h"
#include "cd-device-register.h"
#include "cd-doc-context.h"
#include "cd-store-worker.h"
#include "cd-text.h"
#include "cd-validate.h"

/* ---- Suggestions ------------------------------------------------------ */

static gboolean
text_matches (const char *a,
              const char *b)
{
  g_autofree char *ka = cd_text_search_key (a);
  g_autofree char *kb = cd_text_search_key (b);
  return g_strcmp0 (ka, kb) == 0;
}

/* Whether @unit_name appears among the certificate's OU and O. */
static gboolean
subject_names_unit (const CdCertificate *cert,
                    const char          *unit_name)
{
  if (cert->subject_o != NULL && text_matches (cert->subject_o, unit_name))
    return TRUE;
  for (guint i = 0; cert->subject_ou != NULL && cert->subject_ou[i] != NULL; i++)
    if (text_matches (cert->subject_ou[i], unit_name))
      return TRUE;
  return FALSE;
}

static char *
subject_unit_text (const CdCertificate *cert)
{
  if (cert->subject_ou != NULL && cert->subject_ou[0] != NULL)
    return g_strdup (cert->subject_ou[0]);
  return g_strdup (cert->subject_o != NULL ? cert->subject_o : "");
}

static CdWizardItem *
suggest_item (gint64      staff_id,
              gint64      cert_id,
              gint64      device_id,
              char       *why)
{
  CdWizardItem *item = cd_wizard_item_new (staff_id);
  item->certificate_id = cert_id;
  item->device_id = device_id;
  item->why = why;
  return item;
}

/* The device certificate @cert_id is linked to (certificates.device_id),
 * 0 for none or unknown: never one of its holder's devices guessed, which
 * may be an old token or a new blank one (issue 16). Read only for the
 * rows suggested. */
static gint64
cert_device (CdStore *store,
             gint64   cert_id)
{
  g_autoptr(CdCertificate) cert = cert_id != 0 ? cd_store_get_certificate (store, cert_id, NULL) : NULL;

  return cert != NULL ? cert->device_id : 0;
}

static void
suggest_device (CdStore    *store,
                GPtrArray  *out,
                GHashTable *rows_by_id,
                GPtrArray  *devices,
                const char *kind,
                gint64      now)
{
  for (guint i = 0; i < devices->len; i++)
    {
      CdDevice *d = g_ptr_array_index (devices, i);
      CdDeviceStatus st;
      CdStaffRow *row;
      CdWizardItem *item;
      g_autoptr(CdCertificate) cert = NULL;
      gboolean want;

      if (d->holder_id == 0 || !cd_device_status_from_id (d->status, &st))
        continue;
      row = g_hash_table_lookup (rows_by_id, &d->holder_id);
      if (row == NULL)
        continue;
      if (g_str_equal (kind, "cap-lai"))
        want = st == CD_DEVICE_LOST || st == CD_DEVICE_DAMAGED;
      else if (g_str_equal (kind, "khoi-phuc"))
        want = st == CD_DEVICE_LOCKED;
      else /* thu-hoi */
        want = st == CD_DEVICE_LOST;
      if (!want)
        continue;
      /* the certificate on that device when it is known; else the
       * holder's (the one re-issued, restored or revoked) */
      cert = cd_devices_device_certificate (store, d->id);
      if (cert == NULL)
        cert = cd_wizard_current_certificate (store, d->holder_id);
      /* nothing to revoke, or already on a list sent to the provider */
      if (g_str_equal (kind, CD_WIZARD_KIND_REVOCATION)
          && (cert == NULL || !cd_cert_status_in_force (cd_certificate_status (cert, now, 0))
              || cd_wizard_certificate_on_sent_revocation (store, cert->id, 0)))
        continue;
      item = suggest_item (d->holder_id, cert ? cert->id : 0, d->id,
                           g_strdup_printf (_("Device %s is recorded as “%s”"),
                                            d->token_serial, cd_device_status_label (st)));
      if (g_str_equal (kind, CD_WIZARD_KIND_REVOCATION))
        cd_wizard_item_set_revoke_reason (item, CD_REVOKE_DEVICE_LOST, NULL);
      else if (g_str_equal (kind, "cap-lai"))
        item->reason = g_strdup (cd_device_status_label (st));
      else if (g_str_equal (kind, "khoi-phuc"))
        /* Printed as the lý do of Mẫu 06: a device is locked when its PIN
         * is, whether the token said so or the clerk marked it. */
        item->reason = g_strdup (_("Token PIN locked"));
      g_ptr_array_add (out, item);
    }
}

static int
compare_by_sort_key (gconstpointer a,
                     gconstpointer b,
                     gpointer      user_data)
{
  GHashTable *rows = user_data;
  const CdWizardItem *ia = *(CdWizardItem *const *) a;
  const CdWizardItem *ib = *(CdWizardItem *const *) b;
  CdStaffRow *ra = g_hash_table_lookup (rows, &ia->staff_id);
  CdStaffRow *rb = g_hash_table_lookup (rows, &ib->staff_id);
  return g_strcmp0 (ra ? ra->sort_key : NULL, rb ? rb->sort_key : NULL);
}

GPtrArray *
cd_wizard_suggest (CdStore            *store,
                   const char         *kind,
                   gint64              now,
                   int                 threshold_days,
                   const char * const *official_domains,
                   GError            **error)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) devices = NULL;
  g_autoptr(GHashTable) by_id = NULL;
  g_autoptr(CdUnit) unit = NULL;
  GPtrArray *out;

  if (!cd_wizard_kind_is_known (kind))
    {
      g_set_error (error, CD_WIZARD_ERROR, CD_WIZARD_ERROR_UNKNOWN_KIND,
                   _("Unknown kind of list “%s”."), kind ? kind : "");
      return NULL;
    }
  /* Mẫu 02/03 list nobody: the document is about the unit. */
  if (cd_wizard_kind_is_unit (kind))
    return g_ptr_array_new_with_free_func ((GDestroyNotify) cd_wizard_item_free);
  rows = cd_store_list_staff_rows (store, now, threshold_days, error);
  if (rows == NULL)
    return NULL;
  devices = cd_store_list_devices (store, error);
  if (devices == NULL)
    return NULL;
  unit = cd_store_get_unit (store);
  by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (guint i = 0; i < rows->len; i++)
    {
      CdStaffRow *row = g_ptr_array_index (rows, i);
      g_hash_table_insert (by_id, &row->staff_id, row);
    }

  out = g_ptr_array_new_with_free_func ((GDestroyNotify) cd_wizard_item_free);

  if (g_str_equal (kind, "cap-lai") || g_str_equal (kind, "khoi-phuc"))
    {
      suggest_device (store, out, by_id, devices, kind, now);
      g_ptr_array_sort_with_data (out, compare_by_sort_key, by_id);
      return out;
    }

  for (guint i = 0; i < rows->len; i++)
    {
      CdStaffRow *row = g_ptr_array_index (rows, i);
      /* A commercial certificate never enters a list for the Ban Cơ yếu:
       * a person with only one has no certificate there. */
      gboolean government = row->cert_track == CD_CERT_TRACK_GOVERNMENT;
      gint64 cert_id = government ? row->cert_id : 0;
      CdCertStatus status = government ? row->status : CD_CERT_STATUS_NONE;
      g_autofree char *until = cd_docs_unix_to_dmy (row->cert_not_after);

      if (g_str_equal (kind, CD_WIZARD_KIND_REVOCATION))
        {
          g_autoptr(CdStaff) staff = NULL;
          CdWizardItem *item;
          CdRevokeReason r;

          /* a certificate already on a revocation list that was sent is
           * not offered a second time (issue 16) */
          if (!row->left || !cd_cert_status_in_force (status)
              || cd_wizard_certificate_on_sent_revocation (store, cert_id, 0))
            continue;
          staff = cd_store_get_staff (store, row->staff_id, NULL);
          if (staff == NULL)
            continue;
          item = suggest_item (row->staff_id, cert_id, cert_device (store, cert_id),
                               g_strdup_printf (_("Left (%s) with a certificate valid until %s"),
                                                staff->left_reason ? staff->left_reason : _("no reason recorded"),
                                                until));
          r = cd_revoke_reason_guess (staff->left_reason);
          cd_wizard_item_set_revoke_reason (item, r,
                                            r == CD_REVOKE_OTHER ? staff->left_reason : NULL);
          g_ptr_array_add (out, item);
          /* one row per certificate: the rest of the person's chuyên
           * dùng certificates in force (the encryption one of a pair) */
          {
            g_autoptr(GPtrArray) certs = cd_store_list_certificates_for_staff (store, row->staff_id, NULL);

            for (guint k = 0; certs != NULL && k < certs->len; k++)
              {
                CdCertificate *c = g_ptr_array_index (certs, k);
                CdWizardItem *more;

                if (c->id == cert_id || c->track != CD_CERT_TRACK_GOVERNMENT
                    || !cd_cert_status_in_force (cd_certificate_status (c, now, 0))
                    || cd_wizard_certificate_on_sent_revocation (store, c->id, 0))
                  continue;
                more = suggest_item (row->staff_id, c->id, c->device_id,
                                     g_strdup (item->why));
                cd_wizard_item_set_revoke_reason (more, r, r == CD_REVOKE_OTHER ? staff->left_reason : NULL);
                g_ptr_array_add (out, more);
              }
          }
          continue;
        }
      if (row->left)
        continue;

      if (g_str_equal (kind, "cap-moi"))
        {
          char *why;
          if (cd_cert_status_in_force (status))
            continue;
          if (status == CD_CERT_STATUS_EXPIRED)
            why = g_strdup_printf (_("The certificate expired on %s"), until);
          else if (status == CD_CERT_STATUS_REVOKED)
            why = g_strdup (_("The certificate was revoked"));
          else
            why = g_strdup (_("Has no certificate"));
          g_ptr_array_add (out, suggest_item (row->staff_id, cert_id, cert_device (store, cert_id), why));
        }
      else if (g_str_equal (kind, "gia-han"))
        {
          if (status != CD_CERT_STATUS_EXPIRING)
            continue;
          g_ptr_array_add (out, suggest_item (row->staff_id, cert_id, cert_device (store, cert_id),
                                              g_strdup_printf (_("The certificate expires on %s"), until)));
        }
      else if (g_str_equal (kind, "hom-thu"))
        {
          const char *at = row->email ? strrchr (row->email, '@') : NULL;
          if (row->email == NULL || *row->email == '\0')
            g_ptr_array_add (out, suggest_item (row->staff_id, cert_id, cert_device (store, cert_id),
                                                g_strdup (_("Has no official email"))));
          else if (official_domains != NULL && official_domains[0] != NULL
                   && (at == NULL || !cd_validate_domain_is_official (at + 1, official_domains)))
            g_ptr_array_add (out, suggest_item (row->staff_id, cert_id, cert_device (store, cert_id),
                                                g_strdup_printf (_("The email %s is not an official mailbox"),
                                                                 row->email)));
        }
      else if (g_str_equal (kind, "thay-doi"))
        {
          g_autoptr(CdCertificate) cert = NULL;
          g_autoptr(GString) why = NULL;
          g_autoptr(GString) change = NULL;

          if (!cd_cert_status_in_force (status) || cert_id == 0)
            continue;
          cert = cd_store_get_certificate (store, cert_id, NULL);
          if (cert == NULL)
            continue;
          why = g_string_new (NULL);
          change = g_string_new (NULL);
          if (unit->name != NULL && *unit->name != '\0'
              && (cert->subject_o != NULL || cert->subject_ou != NULL)
              && !subject_names_unit (cert, unit->name))
            {
              g_autofree char *old = subject_unit_text (cert);
              g_string_append_printf (why, _("The certificate names the unit “%s”, the register “%s”"),
                                      old, unit->name);
              g_string_append_printf (change, _("Unit: %s → %s"), old, unit->name);
            }
          if (cert->email != NULL && row->email != NULL && *row->email != '\0'
              && g_ascii_strcasecmp (cert->email, row->email) != 0)
            {
              if (why->len > 0)
                {
                  g_string_append (why, "; ");
                  g_string_append (change, "; ");
                }
              g_string_append_printf (why, _("The certificate has the email %s, the register %s"),
                                      cert->email, row->email);
              g_string_append_printf (change, _("Email: %s → %s"), cert->email, row->email);
            }
          if (why->len > 0)
            {
              CdWizardItem *item = suggest_item (row->staff_id, cert_id, cert_device (store, cert_id),
                                                 g_string_free (g_steal_pointer (&why), FALSE));
              item->change_note = g_string_free (g_steal_pointer (&change), FALSE);
              g_ptr_array_add (out, item);
            }
        }
    }

  if (g_str_equal (kind, CD_WIZARD_KIND_REVOCATION))
    {
      g_autoptr(GPtrArray) lost = g_ptr_array_new_with_free_func ((GDestroyNotify) cd_wizard_item_free);
      suggest_device (store, lost, by_id, devices, kind, now);
      for (guint i = 0; i < lost->len; i++)
        {
          CdWizardItem *item = g_ptr_array_index (lost, i);
          gboolean dup = FALSE;
          for (guint j = 0; j < out->len && !dup; j++)
            dup = ((CdWizardItem *) g_ptr_array_index (out, j))->staff_id == item->staff_id;
          if (!dup)
            g_ptr_array_add (out, g_ptr_array_steal_index (lost, i--));
        }
      g_ptr_array_sort_with_data (out, compare_by_sort_key, by_id);
    }
  return out;
}

/* ---- On a worker -------------------------------------------------------- */

typedef struct {
  char   *kind;
  gint64  now;
  int     threshold_days;
  char  **official_domains;
} SuggestJob;

static void
suggest_job_free (gpointer data)
{
  SuggestJob *job = data;

  g_free (job->kind);
  g_strfreev (job->official_domains);
  g_free (job);
}

static gpointer
suggest_work (CdStore       *store,
              gpointer       data,
              GCancellable  *cancellable,
              GError       **error)
{
  SuggestJob *job = data;
  GPtrArray *items = cd_wizard_suggest (store, job->kind, job->now, job->threshold_days,
                                        (const char * const *) job->official_domains, error);

  /* what the people step shows of each row, read here rather than on
   * the window's thread when the suggestions arrive */
  cd_wizard_items_read_labels (items, store);
  return items;
}

void
cd_wizard_suggest_async (CdStore             *store,
                         const char          *kind,
                         gint64               now,
                         int                  threshold_days,
                         const char * const  *official_domains,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  SuggestJob *job;

  g_return_if_fail (CD_IS_STORE (store));

  job = g_new0 (SuggestJob, 1);
  job->kind = g_strdup (kind);
  job->now = now;
  job->threshold_days = threshold_days;
  job->official_domains = g_strdupv ((char **) official_domains);
  cd_store_run_async (store, suggest_work, job, suggest_job_free,
                      (GDestroyNotify) g_ptr_array_unref, NULL,
                      cd_wizard_suggest_async, cancellable, callback, user_data);
}

GPtrArray *
cd_wizard_suggest_finish (CdStore       *store,
                          GAsyncResult  *result,
                          GError       **error)
{
  return cd_store_run_finish (store, result, cd_wizard_suggest_async, error);
}
