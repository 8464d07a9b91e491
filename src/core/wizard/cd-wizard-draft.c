/* cd-wizard-draft.c — the state and rules of the request and revocation
 * wizards
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <sqlite3.h>
#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "cd-wizard-draft.h"
#include "cd-device-register.h"
#include "cd-doc-templates.h"
#include "cd-docx.h"
#include "cd-fileutil.h"
#include "cd-handover.h"
#include "cd-text.h"
#include "cd-validate.h"
#include "cd-xlsx-export.h"

G_DEFINE_QUARK (cd-wizard-error-quark, cd_wizard_error)

/* ---- Kinds ------------------------------------------------------------ */

typedef struct {
  const char *id;
  const char *title;
  const char *explanation;
  const char *file_word;   /* part of the suggested file name */
} KindInfo;

static const KindInfo kinds[] = {
  { "cap-moi", N_("New certificate"),
    N_("For staff who have never had a certificate, or whose certificate has expired."),
    "de_nghi_cap_moi" },
  { "gia-han", N_("Renewal"),
    N_("For certificates that expire soon, asked before the expiry date."),
    "de_nghi_gia_han" },
  { "cap-lai", N_("Re-issue"),
    N_("When the key storage device was lost or damaged."),
    "de_nghi_cap_lai" },
  { "thay-doi", N_("Change of certificate details"),
    N_("When the person's unit or official email no longer matches the certificate."),
    "de_nghi_thay_doi" },
  { "khoi-phuc", N_("Restore a key storage device"),
    N_("When the device is locked after wrong PINs or a forgotten PIN."),
    "de_nghi_khoi_phuc" },
  { "hom-thu", N_("New official mailbox"),
    N_("For staff without an official email: a certificate needs one first."),
    "de_nghi_hom_thu" },
  { "thu-hoi", N_("Revocation"),
    N_("For staff who left, moved or retired, and certificates of lost devices."),
    "thu_hoi" },
};

static const char *const request_kinds[] = {
  "cap-moi", "gia-han", "cap-lai", "thay-doi", "khoi-phuc", "hom-thu", NULL
};

static const KindInfo *
kind_info (const char *kind)
{
  for (guint i = 0; kind != NULL && i < G_N_ELEMENTS (kinds); i++)
    if (g_str_equal (kinds[i].id, kind))
      return &kinds[i];
  return NULL;
}

const char * const *
cd_wizard_request_kinds (void)
{
  return request_kinds;
}

const char *
cd_wizard_kind_title (const char *kind)
{
  const KindInfo *k = kind_info (kind);
  return k ? _(k->title) : NULL;
}

const char *
cd_wizard_kind_explanation (const char *kind)
{
  const KindInfo *k = kind_info (kind);
  return k ? _(k->explanation) : NULL;
}

/* ---- Revocation reasons ----------------------------------------------- */

static const struct {
  const char *id;
  const char *label;
} revoke_reasons[CD_REVOKE_N_REASONS] = {
  { "moved-province", N_("Moved to another province") },
  { "retired", N_("Retired or quit, no longer in the sector") },
  { "changed-position", N_("Changed position, the certificate details no longer fit") },
  { "died", N_("Died") },
  { "key-exposed", N_("Private key exposed") },
  { "device-lost", N_("Key storage device lost or damaged") },
  { "other", N_("Other") },
};

const char *
cd_revoke_reason_to_id (CdRevokeReason reason)
{
  g_return_val_if_fail (reason < CD_REVOKE_N_REASONS, "other");
  return revoke_reasons[reason].id;
}

CdRevokeReason
cd_revoke_reason_from_id (const char *id)
{
  for (guint i = 0; id != NULL && i < CD_REVOKE_N_REASONS; i++)
    if (g_str_equal (revoke_reasons[i].id, id))
      return (CdRevokeReason) i;
  return CD_REVOKE_OTHER;
}

const char *
cd_revoke_reason_label (CdRevokeReason reason)
{
  g_return_val_if_fail (reason < CD_REVOKE_N_REASONS, "");
  return _(revoke_reasons[reason].label);
}

CdRevokeReason
cd_revoke_reason_guess (const char *left_reason)
{
  g_autofree char *key = NULL;
  static const struct { const char *word; CdRevokeReason reason; } words[] = {
    { "ngoai tinh", CD_REVOKE_MOVED_PROVINCE },
    { "tinh khac", CD_REVOKE_MOVED_PROVINCE },
    { "chuyen cong tac", CD_REVOKE_MOVED_PROVINCE },
    { "tu tran", CD_REVOKE_DIED },
    { "qua doi", CD_REVOKE_DIED },
    { "tu vong", CD_REVOKE_DIED },
    { "huu", CD_REVOKE_RETIRED },
    { "thoi viec", CD_REVOKE_RETIRED },
    { "nghi viec", CD_REVOKE_RETIRED },
    { "chuc vu", CD_REVOKE_CHANGED_POSITION },
    { "vi tri", CD_REVOKE_CHANGED_POSITION },
    { "lo khoa", CD_REVOKE_KEY_EXPOSED },
    { "mat thiet bi", CD_REVOKE_DEVICE_LOST },
    { "that lac", CD_REVOKE_DEVICE_LOST },
  };

  if (left_reason == NULL || *left_reason == '\0')
    return CD_REVOKE_OTHER;
  key = cd_text_search_key (left_reason);
  for (guint i = 0; key != NULL && i < G_N_ELEMENTS (words); i++)
    if (strstr (key, words[i].word) != NULL)
      return words[i].reason;
  return CD_REVOKE_OTHER;
}

/* ---- Items and drafts ------------------------------------------------- */

CdWizardItem *
cd_wizard_item_new (gint64 staff_id)
{
  CdWizardItem *item = g_new0 (CdWizardItem, 1);
  item->staff_id = staff_id;
  item->revoke_reason = CD_REVOKE_OTHER;
  return item;
}

CdWizardItem *
cd_wizard_item_copy (const CdWizardItem *item)
{
  CdWizardItem *c = g_new0 (CdWizardItem, 1);
  *c = *item;
  c->why = g_strdup (item->why);
  c->reason = g_strdup (item->reason);
  c->change_note = g_strdup (item->change_note);
  return c;
}

void
cd_wizard_item_free (CdWizardItem *item)
{
  if (item == NULL)
    return;
  g_free (item->why);
  g_free (item->reason);
  g_free (item->change_note);
  g_free (item);
}

void
cd_wizard_item_set_revoke_reason (CdWizardItem   *item,
                                  CdRevokeReason  reason,
                                  const char     *other_text)
{
  item->revoke_reason = reason;
  g_free (item->reason);
  if (reason == CD_REVOKE_OTHER && other_text != NULL && *other_text != '\0')
    item->reason = cd_text_clean (other_text);
  else
    item->reason = g_strdup (cd_revoke_reason_label (reason));
}

void
cd_wizard_draft_set_text (char       **field,
                          const char  *value)
{
  g_free (*field);
  *field = (value != NULL && *value != '\0') ? cd_text_clean (value) : NULL;
}

CdWizardDraft *
cd_wizard_draft_new (const char *kind)
{
  CdWizardDraft *d = g_new0 (CdWizardDraft, 1);
  d->kind = g_strdup (kind);
  d->items = g_ptr_array_new_with_free_func ((GDestroyNotify) cd_wizard_item_free);
  d->date = cd_text_today_iso ();
  d->status = CD_BATCH_DRAFT;
  return d;
}

void
cd_wizard_draft_free (CdWizardDraft *draft)
{
  if (draft == NULL)
    return;
  g_free (draft->kind);
  g_ptr_array_unref (draft->items);
  g_free (draft->doc_number);
  g_free (draft->date);
  g_free (draft->signer_title);
  g_free (draft->signer_name);
  g_free (draft->recipient);
  g_free (draft->template_path);
  g_free (draft->output_path);
  g_free (draft);
}

gboolean
cd_wizard_draft_is_revocation (const CdWizardDraft *draft)
{
  return g_strcmp0 (draft->kind, CD_WIZARD_KIND_REVOCATION) == 0;
}

CdWizardItem *
cd_wizard_draft_find (CdWizardDraft *draft,
                      gint64         staff_id)
{
  for (guint i = 0; i < draft->items->len; i++)
    {
      CdWizardItem *item = g_ptr_array_index (draft->items, i);
      if (item->staff_id == staff_id)
        return item;
    }
  return NULL;
}

gboolean
cd_wizard_draft_add (CdWizardDraft *draft,
                     CdWizardItem  *item)
{
  if (cd_wizard_draft_find (draft, item->staff_id) != NULL)
    {
      cd_wizard_item_free (item);
      return FALSE;
    }
  g_ptr_array_add (draft->items, item);
  draft->dirty = TRUE;
  return TRUE;
}

gboolean
cd_wizard_draft_remove (CdWizardDraft *draft,
                        gint64         staff_id)
{
  for (guint i = 0; i < draft->items->len; i++)
    {
      CdWizardItem *item = g_ptr_array_index (draft->items, i);
      if (item->staff_id == staff_id)
        {
          g_ptr_array_remove_index (draft->items, i);
          draft->dirty = TRUE;
          return TRUE;
        }
    }
  return FALSE;
}

/* The certificate that matters for a person: the newest not revoked. */
static CdCertificate *
current_certificate (CdStore *store,
                     gint64   staff_id)
{
  g_autoptr(GPtrArray) certs = cd_store_list_certificates_for_staff (store, staff_id, NULL);

  for (guint i = 0; certs != NULL && i < certs->len; i++)
    {
      CdCertificate *c = g_ptr_array_index (certs, i);
      if (!c->revoked)
        return cd_certificate_copy (c);
    }
  return NULL;
}

static CdDevice *
device_of_holder (GPtrArray *devices,
                  gint64     staff_id)
{
  for (guint i = 0; devices != NULL && i < devices->len; i++)
    {
      CdDevice *d = g_ptr_array_index (devices, i);
      if (d->holder_id == staff_id)
        return d;
    }
  return NULL;
}

gboolean
cd_wizard_draft_add_staff (CdWizardDraft *draft,
                           CdStore       *store,
                           gint64         staff_id,
                           GError       **error)
{
  g_autoptr(CdStaff) staff = cd_store_get_staff (store, staff_id, error);
  g_autoptr(CdCertificate) cert = NULL;
  g_autoptr(GPtrArray) devices = NULL;
  CdDevice *device;
  CdWizardItem *item;

  if (staff == NULL)
    return FALSE;
  if (cd_wizard_draft_find (draft, staff_id) != NULL)
    return TRUE;
  item = cd_wizard_item_new (staff_id);
  cert = current_certificate (store, staff_id);
  if (cert != NULL)
    item->certificate_id = cert->id;
  devices = cd_store_list_devices (store, NULL);
  device = device_of_holder (devices, staff_id);
  if (device != NULL)
    item->device_id = device->id;
  item->why = g_strdup (_("Added by hand"));
  if (cd_wizard_draft_is_revocation (draft))
    {
      CdRevokeReason r = staff->left ? cd_revoke_reason_guess (staff->left_reason) : CD_REVOKE_OTHER;
      if (r == CD_REVOKE_OTHER && staff->left_reason != NULL)
        cd_wizard_item_set_revoke_reason (item, r, staff->left_reason);
      else
        cd_wizard_item_set_revoke_reason (item, r, NULL);
    }
  cd_wizard_draft_add (draft, item);
  return TRUE;
}

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

static gboolean
cert_is_usable (CdCertStatus status)
{
  return status == CD_CERT_STATUS_VALID || status == CD_CERT_STATUS_EXPIRING
         || status == CD_CERT_STATUS_NOT_YET_VALID;
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
      cert = current_certificate (store, d->holder_id);
      if (g_str_equal (kind, CD_WIZARD_KIND_REVOCATION)
          && (cert == NULL || !cert_is_usable (cd_certificate_status (cert, now, 0))))
        continue;
      item = suggest_item (d->holder_id, cert ? cert->id : 0, d->id,
                           g_strdup_printf (_("Device %s is recorded as “%s”"),
                                            d->token_serial, cd_device_status_label (st)));
      if (g_str_equal (kind, CD_WIZARD_KIND_REVOCATION))
        cd_wizard_item_set_revoke_reason (item, CD_REVOKE_DEVICE_LOST, NULL);
      else if (g_str_equal (kind, "cap-lai"))
        item->reason = g_strdup (cd_device_status_label (st));
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

  if (kind_info (kind) == NULL)
    {
      g_set_error (error, CD_WIZARD_ERROR, CD_WIZARD_ERROR_UNKNOWN_KIND,
                   _("Unknown kind of list “%s”."), kind ? kind : "");
      return NULL;
    }
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
      CdDevice *device = device_of_holder (devices, row->staff_id);
      gint64 dev_id = device ? device->id : 0;
      g_autofree char *until = cd_docs_unix_to_dmy (row->cert_not_after);

      if (g_str_equal (kind, CD_WIZARD_KIND_REVOCATION))
        {
          g_autoptr(CdStaff) staff = NULL;
          CdWizardItem *item;
          CdRevokeReason r;

          if (!row->left || !cert_is_usable (row->status))
            continue;
          staff = cd_store_get_staff (store, row->staff_id, NULL);
          if (staff == NULL)
            continue;
          item = suggest_item (row->staff_id, row->cert_id, dev_id,
                               g_strdup_printf (_("Left (%s) with a certificate valid until %s"),
                                                staff->left_reason ? staff->left_reason : _("no reason recorded"),
                                                until));
          r = cd_revoke_reason_guess (staff->left_reason);
          cd_wizard_item_set_revoke_reason (item, r,
                                            r == CD_REVOKE_OTHER ? staff->left_reason : NULL);
          g_ptr_array_add (out, item);
          continue;
        }
      if (row->left)
        continue;

      if (g_str_equal (kind, "cap-moi"))
        {
          char *why;
          if (cert_is_usable (row->status))
            continue;
          if (row->status == CD_CERT_STATUS_EXPIRED)
            why = g_strdup_printf (_("The certificate expired on %s"), until);
          else if (row->status == CD_CERT_STATUS_REVOKED)
            why = g_strdup (_("The certificate was revoked"));
          else
            why = g_strdup (_("Has no certificate"));
          g_ptr_array_add (out, suggest_item (row->staff_id, row->cert_id, dev_id, why));
        }
      else if (g_str_equal (kind, "gia-han"))
        {
          if (row->status != CD_CERT_STATUS_EXPIRING)
            continue;
          g_ptr_array_add (out, suggest_item (row->staff_id, row->cert_id, dev_id,
                                              g_strdup_printf (_("The certificate expires on %s"), until)));
        }
      else if (g_str_equal (kind, "hom-thu"))
        {
          const char *at = row->email ? strrchr (row->email, '@') : NULL;
          if (row->email == NULL || *row->email == '\0')
            g_ptr_array_add (out, suggest_item (row->staff_id, row->cert_id, dev_id,
                                                g_strdup (_("Has no official email"))));
          else if (official_domains != NULL && official_domains[0] != NULL
                   && (at == NULL || !cd_validate_domain_is_official (at + 1, official_domains)))
            g_ptr_array_add (out, suggest_item (row->staff_id, row->cert_id, dev_id,
                                                g_strdup_printf (_("The email %s is not an official mailbox"),
                                                                 row->email)));
        }
      else if (g_str_equal (kind, "thay-doi"))
        {
          g_autoptr(CdCertificate) cert = NULL;
          g_autoptr(GString) why = NULL;
          g_autoptr(GString) change = NULL;

          if (!cert_is_usable (row->status) || row->cert_id == 0)
            continue;
          cert = cd_store_get_certificate (store, row->cert_id, NULL);
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
              CdWizardItem *item = suggest_item (row->staff_id, row->cert_id, dev_id,
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

typedef struct {
  char   *db_path;
  char   *kind;
  gint64  now;
  int     threshold_days;
  char  **official_domains;
} SuggestJob;

static void
suggest_job_free (SuggestJob *job)
{
  g_free (job->db_path);
  g_free (job->kind);
  g_strfreev (job->official_domains);
  g_free (job);
}

static void
suggest_thread (GTask        *task,
                gpointer      source,
                gpointer      data,
                GCancellable *cancellable)
{
  SuggestJob *job = data;
  g_autoptr(GError) error = NULL;
  /* A connection of its own: a CdStore is not shared between threads. */
  g_autoptr(CdStore) store = cd_store_open (job->db_path, &error);
  GPtrArray *items = NULL;

  if (store != NULL)
    items = cd_wizard_suggest (store, job->kind, job->now, job->threshold_days,
                               (const char * const *) job->official_domains, &error);
  if (items == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, items, (GDestroyNotify) g_ptr_array_unref);
}

void
cd_wizard_suggest_async (const char          *db_path,
                         const char          *kind,
                         gint64               now,
                         int                  threshold_days,
                         const char * const  *official_domains,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  SuggestJob *job = g_new0 (SuggestJob, 1);

  g_return_if_fail (db_path != NULL);
  job->db_path = g_strdup (db_path);
  job->kind = g_strdup (kind);
  job->now = now;
  job->threshold_days = threshold_days;
  job->official_domains = g_strdupv ((char **) official_domains);
  g_task_set_source_tag (task, cd_wizard_suggest_async);
  g_task_set_task_data (task, job, (GDestroyNotify) suggest_job_free);
  g_task_run_in_thread (task, suggest_thread);
}

GPtrArray *
cd_wizard_suggest_finish (GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- Templates -------------------------------------------------------- */

char *
cd_wizard_draft_template (const CdWizardDraft *draft,
                          GError             **error)
{
  if (draft->template_path != NULL)
    return g_strdup (draft->template_path);
  return cd_doc_templates_builtin_path (draft->kind, error);
}

void
cd_wizard_template_info_free (CdWizardTemplateInfo *info)
{
  if (info == NULL)
    return;
  g_strfreev (info->fields);
  g_strfreev (info->headers);
  if (info->columns)
    g_ptr_array_unref (info->columns);
  g_free (info->sha256);
  g_free (info);
}

static const char *
field_title (const char *name)
{
  const CdDocField *f = cd_doc_field_lookup (name);
  return f ? _(f->description) : name;
}

CdWizardTemplateInfo *
cd_wizard_template_inspect (const char  *template_path,
                            GError     **error)
{
  g_autoptr(CdDocxPackage) pkg = cd_docx_package_load (template_path, error);
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GStrvBuilder) fields = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) headers = g_strv_builder_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  CdWizardTemplateInfo *info;

  if (pkg == NULL)
    return NULL;
  found = cd_docx_list_placeholders (pkg, error);
  if (found == NULL)
    return NULL;
  info = g_new0 (CdWizardTemplateInfo, 1);
  info->sha256 = g_strdup (cd_docx_package_sha256 (pkg));
  if (found->len > 0)
    {
      for (guint i = 0; i < found->len; i++)
        {
          CdDocxPlaceholder *ph = g_ptr_array_index (found, i);
          if (!ph->known || !ph->per_person || g_hash_table_contains (seen, ph->name))
            continue;
          g_hash_table_add (seen, ph->name);
          g_strv_builder_add (fields, ph->name);
          g_strv_builder_add (headers, field_title (ph->name));
        }
    }
  else
    {
      /* The Sở's form: find the columns by filling a copy with nobody. */
      g_autoptr(CdUnit) unit = cd_unit_new ();
      g_autoptr(CdDocContext) ctx = cd_doc_context_new (unit);

      info->columns = cd_docx_fill_form (pkg, ctx, error);
      if (info->columns == NULL)
        {
          cd_wizard_template_info_free (info);
          return NULL;
        }
      for (guint i = 0; i < info->columns->len; i++)
        {
          CdFormColumn *col = g_ptr_array_index (info->columns, i);
          g_strv_builder_add (headers, col->header ? col->header : "");
          g_strv_builder_add (fields, col->field ? col->field : "");
        }
    }
  info->fields = g_strv_builder_end (fields);
  info->headers = g_strv_builder_end (headers);
  return info;
}

/* ---- Missing and invalid fields --------------------------------------- */

void
cd_wizard_gap_free (CdWizardGap *gap)
{
  if (gap == NULL)
    return;
  g_free (gap->full_name);
  g_free (gap->field);
  g_free (gap->label);
  g_free (gap->value);
  g_free (gap->message);
  g_free (gap);
}

static void
add_gap (GPtrArray     *out,
         const CdStaff *s,
         const char    *field,
         const char    *label,
         const char    *value,
         char          *message,
         gboolean       is_error)
{
  CdWizardGap *gap = g_new0 (CdWizardGap, 1);
  gap->staff_id = s->id;
  gap->full_name = g_strdup (s->full_name);
  gap->field = g_strdup (field);
  gap->label = g_strdup (label);
  gap->value = g_strdup (value);
  gap->message = message;
  gap->error = is_error;
  g_ptr_array_add (out, gap);
}

static gboolean
empty (const char *s)
{
  return s == NULL || *s == '\0';
}

GPtrArray *
cd_wizard_draft_check (const CdWizardDraft *draft,
                       CdStore             *store,
                       const char * const  *fields,
                       const char * const  *official_domains,
                       const char          *today_iso,
                       GError             **error)
{
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) cd_wizard_gap_free);
  gboolean want_cccd = fields && g_strv_contains (fields, "cccd");
  gboolean want_cccd_date = fields && g_strv_contains (fields, "ngay_cap_cccd");
  gboolean want_cccd_place = fields && g_strv_contains (fields, "noi_cap_cccd");
  gboolean want_birth = fields && g_strv_contains (fields, "ngay_sinh");
  gboolean want_phone = fields && g_strv_contains (fields, "dien_thoai");
  gboolean want_email = fields && g_strv_contains (fields, "email");

  for (guint i = 0; i < draft->items->len; i++)
    {
      CdWizardItem *item = g_ptr_array_index (draft->items, i);
      g_autoptr(CdStaff) s = cd_store_get_staff (store, item->staff_id, error);

      if (s == NULL)
        {
          g_ptr_array_unref (out);
          return NULL;
        }
      if (want_birth)
        {
          char *msg = NULL;
          if (empty (s->birth_date))
            add_gap (out, s, "birth_date", _("Date of birth"), NULL,
                     g_strdup (_("The date of birth is missing: enter it as dd/mm/yyyy.")), TRUE);
          else if (cd_validate_past_date (s->birth_date, today_iso, _("Date of birth"), &msg) != CD_CHECK_OK)
            add_gap (out, s, "birth_date", _("Date of birth"), s->birth_date, msg, TRUE);
          else
            g_free (msg);
        }
      if (want_cccd)
        {
          char *msg = NULL;
          g_autofree char *norm = NULL;
          CdCheck c;
          if (empty (s->cccd))
            add_gap (out, s, "cccd", _("Citizen ID number"), NULL,
                     g_strdup (_("The citizen ID number is missing: enter the 12 digits of the CCCD.")), TRUE);
          else if ((c = cd_validate_cccd (s->cccd, s->birth_date, s->gender, &norm, &msg)) != CD_CHECK_OK)
            add_gap (out, s, "cccd", _("Citizen ID number"), s->cccd, msg, c == CD_CHECK_ERROR);
          else
            g_free (msg);
        }
      if (want_cccd_date)
        {
          char *msg = NULL;
          if (empty (s->cccd_date))
            add_gap (out, s, "cccd_date", _("Citizen ID issue date"), NULL,
                     g_strdup (_("The issue date of the CCCD is missing: enter it as dd/mm/yyyy.")), TRUE);
          else if (cd_validate_past_date (s->cccd_date, today_iso, _("Citizen ID issue date"), &msg) != CD_CHECK_OK)
            add_gap (out, s, "cccd_date", _("Citizen ID issue date"), s->cccd_date, msg, TRUE);
          else
            g_free (msg);
        }
      if (want_cccd_place && empty (s->cccd_place))
        add_gap (out, s, "cccd_place", _("Citizen ID issued by"), NULL,
                 g_strdup (_("The issuing authority of the CCCD is missing: copy it from the card.")), TRUE);
      if (want_phone)
        {
          char *msg = NULL;
          g_autofree char *norm = NULL;
          CdCheck c;
          if (empty (s->phone))
            add_gap (out, s, "phone", _("Mobile phone"), NULL,
                     g_strdup (_("The mobile phone number is missing: enter 10 digits starting with 0.")), TRUE);
          else if ((c = cd_validate_phone (s->phone, &norm, &msg)) != CD_CHECK_OK)
            add_gap (out, s, "phone", _("Mobile phone"), s->phone, msg, c == CD_CHECK_ERROR);
          else
            g_free (msg);
        }
      if (want_email)
        {
          char *msg = NULL;
          g_autofree char *norm = NULL;
          CdCheck c;
          if (empty (s->email))
            add_gap (out, s, "email", _("Official email"), NULL,
                     g_strdup (_("The official email is missing: ask for an official mailbox first.")), TRUE);
          else if ((c = cd_validate_email (s->email, official_domains, &norm, &msg)) != CD_CHECK_OK)
            add_gap (out, s, "email", _("Official email"), s->email, msg, c == CD_CHECK_ERROR);
          else
            g_free (msg);
        }
    }
  return out;
}

/* ---- Context and preview ---------------------------------------------- */

CdDocContext *
cd_wizard_draft_context (const CdWizardDraft *draft,
                         CdStore             *store,
                         gint64               now,
                         int                  threshold_days,
                         GError             **error)
{
  g_autoptr(CdUnit) unit = cd_store_get_unit (store);
  g_autoptr(CdDocContext) ctx = cd_doc_context_new (unit);
  g_autoptr(GPtrArray) devices = cd_store_list_devices (store, error);

  if (devices == NULL)
    return NULL;
  if (draft->date != NULL
      && sscanf (draft->date, "%d-%d-%d", &ctx->year, &ctx->month, &ctx->day) != 3)
    {
      g_set_error (error, CD_WIZARD_ERROR, CD_WIZARD_ERROR_FAILED,
                   _("The document date “%s” is not valid: enter it as dd/mm/yyyy."), draft->date);
      return NULL;
    }
  ctx->doc_number = g_strdup (draft->doc_number);
  ctx->signer_title = g_strdup (draft->signer_title);
  ctx->signer_name = g_strdup (draft->signer_name);
  ctx->recipient = g_strdup (draft->recipient);
  ctx->now = now;
  ctx->threshold_days = threshold_days;
  for (guint i = 0; i < draft->items->len; i++)
    {
      CdWizardItem *item = g_ptr_array_index (draft->items, i);
      CdStaff *staff = cd_store_get_staff (store, item->staff_id, error);
      CdCertificate *cert = NULL;
      CdDocPerson *person;

      if (staff == NULL)
        return NULL;
      if (item->certificate_id != 0)
        cert = cd_store_get_certificate (store, item->certificate_id, NULL);
      person = cd_doc_person_new (staff, cert);
      for (guint j = 0; j < devices->len; j++)
        {
          CdDevice *d = g_ptr_array_index (devices, j);
          if ((item->device_id != 0 && d->id == item->device_id)
              || (item->device_id == 0 && d->holder_id == item->staff_id))
            {
              person->device_serial = g_strdup (d->token_serial);
              break;
            }
        }
      person->reason = g_strdup (item->reason);
      person->change_note = g_strdup (item->change_note);
      cd_doc_context_add (ctx, person);
    }
  return g_steal_pointer (&ctx);
}

GPtrArray *
cd_wizard_preview_rows (const CdDocContext *ctx,
                        const char * const *fields)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

  for (guint i = 0; i < ctx->people->len; i++)
    {
      const CdDocPerson *p = g_ptr_array_index (ctx->people, i);
      guint n = fields ? g_strv_length ((char **) fields) : 0;
      char **row = g_new0 (char *, n + 1);

      for (guint j = 0; j < n; j++)
        row[j] = (fields[j][0] != '\0' && cd_doc_field_lookup (fields[j]) != NULL)
                 ? cd_doc_field_value (ctx, p, i, fields[j]) : g_strdup ("");
      g_ptr_array_add (rows, row);
    }
  return rows;
}

char *
cd_wizard_draft_file_name (const CdWizardDraft *draft,
                           const CdUnit        *unit)
{
  const KindInfo *k = kind_info (draft->kind);
  g_autofree char *key = cd_text_search_key (unit && unit->name ? unit->name : "");
  g_autoptr(GString) slug = g_string_new (NULL);
  g_autofree char *date = draft->date ? g_strdup (draft->date) : cd_text_today_iso ();

  for (const char *p = key ? key : ""; *p; p++)
    {
      if (g_ascii_isalnum (*p))
        g_string_append_c (slug, g_ascii_tolower (*p));
      else if (slug->len > 0 && slug->str[slug->len - 1] != '-')
        g_string_append_c (slug, '-');
    }
  while (slug->len > 0 && slug->str[slug->len - 1] == '-')
    g_string_truncate (slug, slug->len - 1);
  if (slug->len == 0)
    g_string_append (slug, "don-vi");
  return g_strdup_printf ("DS_%s_%s_%s.docx", k ? k->file_word : "danh_sach", slug->str, date);
}

/* ---- Batches ---------------------------------------------------------- */

static const char *const status_ids[] = { "draft", "sent", "done" };

const char *
cd_batch_status_to_id (CdBatchStatus status)
{
  g_return_val_if_fail (status <= CD_BATCH_DONE, "draft");
  return status_ids[status];
}

gboolean
cd_batch_status_from_id (const char    *id,
                         CdBatchStatus *out)
{
  for (guint i = 0; id != NULL && i < G_N_ELEMENTS (status_ids); i++)
    if (g_str_equal (status_ids[i], id))
      {
        *out = (CdBatchStatus) i;
        return TRUE;
      }
  return FALSE;
}

const char *
cd_batch_status_label (CdBatchStatus status)
{
  switch (status)
    {
    case CD_BATCH_DRAFT: return _("Draft");
    case CD_BATCH_SENT: return _("Sent");
    case CD_BATCH_DONE: return _("Done");
    default: return "";
    }
}

static gboolean
sql_error (CdStore  *store,
           GError  **error)
{
  g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_FAILED,
               _("The register could not be written (%s). Close other programs using it and try again."),
               sqlite3_errmsg (cd_store_get_db (store)));
  return FALSE;
}

static void
bind_text (sqlite3_stmt *st, int i, const char *v)
{
  if (v != NULL)
    sqlite3_bind_text (st, i, v, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (st, i);
}

static void
bind_id (sqlite3_stmt *st, int i, gint64 v)
{
  if (v != 0)
    sqlite3_bind_int64 (st, i, v);
  else
    sqlite3_bind_null (st, i);
}

static char *
col_text (sqlite3_stmt *st, int i)
{
  const unsigned char *t = sqlite3_column_text (st, i);
  return t ? g_strdup ((const char *) t) : NULL;
}

static void
json_add_string (JsonBuilder *b, const char *name, const char *value)
{
  if (value == NULL)
    return;
  json_builder_set_member_name (b, name);
  json_builder_add_string_value (b, value);
}

/* The batch's note: document details and per-item texts that have no
 * column, as JSON. @extra (may be NULL) keeps sent/done dates. */
static char *
draft_note (const CdWizardDraft *draft,
            const char          *sent_date,
            const char          *done_date)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (b);
  json_add_string (b, "signer_title", draft->signer_title);
  json_add_string (b, "signer_name", draft->signer_name);
  json_add_string (b, "recipient", draft->recipient);
  json_add_string (b, "template", draft->template_path);
  json_add_string (b, "sent_date", sent_date);
  json_add_string (b, "done_date", done_date);
  json_builder_set_member_name (b, "bulk_sheet");
  json_builder_add_boolean_value (b, draft->bulk_sheet);
  json_builder_set_member_name (b, "items");
  json_builder_begin_array (b);
  for (guint i = 0; i < draft->items->len; i++)
    {
      CdWizardItem *item = g_ptr_array_index (draft->items, i);
      json_builder_begin_object (b);
      json_add_string (b, "why", item->why);
      json_add_string (b, "change_note", item->change_note);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  return json_generator_to_data (gen, NULL);
}

static const char *
obj_string (JsonObject *o, const char *name)
{
  return (o != NULL && json_object_has_member (o, name)) ? json_object_get_string_member (o, name) : NULL;
}

static JsonObject *
parse_note (JsonParser *parser, const char *note)
{
  JsonNode *root;

  if (note == NULL || !json_parser_load_from_data (parser, note, -1, NULL))
    return NULL;
  root = json_parser_get_root (parser);
  return (root != NULL && JSON_NODE_HOLDS_OBJECT (root)) ? json_node_get_object (root) : NULL;
}

static gboolean
read_batch_dates (CdStore  *store,
                  gint64    batch_id,
                  char    **sent,
                  char    **done)
{
  sqlite3_stmt *st = NULL;
  gboolean found = FALSE;

  *sent = *done = NULL;
  if (sqlite3_prepare_v2 (cd_store_get_db (store), "SELECT note FROM request_batches WHERE id = ?",
                          -1, &st, NULL) != SQLITE_OK)
    return FALSE;
  sqlite3_bind_int64 (st, 1, batch_id);
  if (sqlite3_step (st) == SQLITE_ROW)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autofree char *note = col_text (st, 0);
      JsonObject *o = parse_note (parser, note);
      *sent = g_strdup (obj_string (o, "sent_date"));
      *done = g_strdup (obj_string (o, "done_date"));
      found = TRUE;
    }
  sqlite3_finalize (st);
  return found;
}

static gboolean
save_locked (CdWizardDraft *draft,
             CdStore       *store,
             gint64         document_id,
             GError       **error)
{
  sqlite3 *db = cd_store_get_db (store);
  sqlite3_stmt *st = NULL;
  g_autofree char *sent = NULL;
  g_autofree char *done = NULL;
  g_autofree char *note = NULL;
  gboolean insert = draft->batch_id == 0;
  int rc;

  if (!insert && !read_batch_dates (store, draft->batch_id, &sent, &done))
    insert = TRUE;
  note = draft_note (draft, sent, done);
  if (insert)
    rc = sqlite3_prepare_v2 (db, "INSERT INTO request_batches (kind, date, doc_number, status, note, document_id)"
                                 " VALUES (?1, ?2, ?3, ?4, ?5, ?6)", -1, &st, NULL);
  else
    rc = sqlite3_prepare_v2 (db, "UPDATE request_batches SET kind = ?1, date = ?2, doc_number = ?3,"
                                 " status = ?4, note = ?5, document_id = COALESCE (?6, document_id)"
                                 " WHERE id = ?7", -1, &st, NULL);
  if (rc != SQLITE_OK)
    return sql_error (store, error);
  bind_text (st, 1, draft->kind);
  bind_text (st, 2, draft->date);
  bind_text (st, 3, draft->doc_number);
  bind_text (st, 4, cd_batch_status_to_id (draft->status));
  bind_text (st, 5, note);
  bind_id (st, 6, document_id);
  if (!insert)
    sqlite3_bind_int64 (st, 7, draft->batch_id);
  rc = sqlite3_step (st);
  sqlite3_finalize (st);
  if (rc != SQLITE_DONE)
    return sql_error (store, error);
  if (insert)
    draft->batch_id = sqlite3_last_insert_rowid (db);

  if (sqlite3_prepare_v2 (db, "DELETE FROM batch_items WHERE batch_id = ?", -1, &st, NULL) != SQLITE_OK)
    return sql_error (store, error);
  sqlite3_bind_int64 (st, 1, draft->batch_id);
  rc = sqlite3_step (st);
  sqlite3_finalize (st);
  if (rc != SQLITE_DONE)
    return sql_error (store, error);

  if (sqlite3_prepare_v2 (db, "INSERT INTO batch_items (batch_id, staff_id, certificate_id, device_id,"
                              " action, reason, position) VALUES (?, ?, ?, ?, ?, ?, ?)",
                          -1, &st, NULL) != SQLITE_OK)
    return sql_error (store, error);
  for (guint i = 0; i < draft->items->len; i++)
    {
      CdWizardItem *item = g_ptr_array_index (draft->items, i);
      sqlite3_reset (st);
      sqlite3_bind_int64 (st, 1, draft->batch_id);
      bind_id (st, 2, item->staff_id);
      bind_id (st, 3, item->certificate_id);
      bind_id (st, 4, item->device_id);
      bind_text (st, 5, cd_wizard_draft_is_revocation (draft)
                        ? cd_revoke_reason_to_id (item->revoke_reason) : draft->kind);
      bind_text (st, 6, item->reason);
      sqlite3_bind_int (st, 7, (int) i);
      if (sqlite3_step (st) != SQLITE_DONE)
        {
          sqlite3_finalize (st);
          return sql_error (store, error);
        }
    }
  sqlite3_finalize (st);
  return cd_store_audit (store, insert ? "insert" : "update", "batch", draft->batch_id,
                         NULL, draft->kind, error);
}

gboolean
cd_wizard_draft_save (CdWizardDraft *draft,
                      CdStore       *store,
                      GError       **error)
{
  if (!cd_store_begin (store, error))
    return FALSE;
  if (!save_locked (draft, store, 0, error))
    {
      cd_store_rollback (store);
      return FALSE;
    }
  if (!cd_store_commit (store, error))
    return FALSE;
  draft->dirty = FALSE;
  cd_store_emit_changed (store, "batch");
  return TRUE;
}

CdWizardDraft *
cd_wizard_draft_load (CdStore  *store,
                      gint64    batch_id,
                      GError  **error)
{
  sqlite3 *db = cd_store_get_db (store);
  sqlite3_stmt *st = NULL;
  g_autoptr(CdWizardDraft) draft = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *note = NULL;
  JsonObject *o;
  JsonArray *extras = NULL;

  if (sqlite3_prepare_v2 (db, "SELECT b.kind, b.date, b.doc_number, b.status, b.note, d.path"
                              " FROM request_batches b LEFT JOIN documents d ON d.id = b.document_id"
                              " WHERE b.id = ?", -1, &st, NULL) != SQLITE_OK)
    {
      sql_error (store, error);
      return NULL;
    }
  sqlite3_bind_int64 (st, 1, batch_id);
  if (sqlite3_step (st) != SQLITE_ROW)
    {
      sqlite3_finalize (st);
      g_set_error_literal (error, CD_STORE_ERROR, CD_STORE_ERROR_NOT_FOUND,
                           _("This list is no longer in the register (maybe deleted meanwhile). Reload the list of batches."));
      return NULL;
    }
  {
    g_autofree char *kind = col_text (st, 0);
    g_autofree char *status = col_text (st, 3);
    draft = cd_wizard_draft_new (kind);
    g_free (draft->date);
    draft->date = col_text (st, 1);
    draft->doc_number = col_text (st, 2);
    cd_batch_status_from_id (status, &draft->status);
    note = col_text (st, 4);
    draft->output_path = col_text (st, 5);
  }
  sqlite3_finalize (st);
  draft->batch_id = batch_id;
  o = parse_note (parser, note);
  if (o != NULL)
    {
      draft->signer_title = g_strdup (obj_string (o, "signer_title"));
      draft->signer_name = g_strdup (obj_string (o, "signer_name"));
      draft->recipient = g_strdup (obj_string (o, "recipient"));
      draft->template_path = g_strdup (obj_string (o, "template"));
      if (json_object_has_member (o, "bulk_sheet"))
        draft->bulk_sheet = json_object_get_boolean_member (o, "bulk_sheet");
      if (json_object_has_member (o, "items"))
        extras = json_object_get_array_member (o, "items");
    }

  if (sqlite3_prepare_v2 (db, "SELECT staff_id, certificate_id, device_id, action, reason, position"
                              " FROM batch_items WHERE batch_id = ? AND staff_id IS NOT NULL"
                              " ORDER BY position", -1, &st, NULL) != SQLITE_OK)
    {
      sql_error (store, error);
      return NULL;
    }
  sqlite3_bind_int64 (st, 1, batch_id);
  while (sqlite3_step (st) == SQLITE_ROW)
    {
      CdWizardItem *item = cd_wizard_item_new (sqlite3_column_int64 (st, 0));
      g_autofree char *action = col_text (st, 3);
      int pos = sqlite3_column_int (st, 5);

      item->certificate_id = sqlite3_column_int64 (st, 1);
      item->device_id = sqlite3_column_int64 (st, 2);
      item->reason = col_text (st, 4);
      if (cd_wizard_draft_is_revocation (draft))
        item->revoke_reason = cd_revoke_reason_from_id (action);
      if (extras != NULL && pos >= 0 && (guint) pos < json_array_get_length (extras))
        {
          JsonObject *e = json_array_get_object_element (extras, pos);
          item->why = g_strdup (obj_string (e, "why"));
          item->change_note = g_strdup (obj_string (e, "change_note"));
        }
      g_ptr_array_add (draft->items, item);
    }
  sqlite3_finalize (st);
  draft->dirty = FALSE;
  return g_steal_pointer (&draft);
}

gboolean
cd_wizard_draft_generate (CdWizardDraft *draft,
                          CdStore       *store,
                          const char    *output,
                          gboolean       overwrite,
                          gint64         now,
                          int            threshold_days,
                          char         **out_xlsx,
                          GError       **error)
{
  g_autoptr(CdDocContext) ctx = NULL;
  g_autofree char *template_path = NULL;
  g_autofree char *sha = NULL;
  g_autofree char *xlsx = NULL;
  g_autofree char *tpl_name = NULL;
  gint64 doc_id = 0;

  if (draft->items->len == 0)
    {
      g_set_error (error, CD_WIZARD_ERROR, CD_WIZARD_ERROR_EMPTY,
                   _("Nobody is on the list. Choose at least one person."));
      return FALSE;
    }
  template_path = cd_wizard_draft_template (draft, error);
  if (template_path == NULL)
    return FALSE;
  ctx = cd_wizard_draft_context (draft, store, now, threshold_days, error);
  if (ctx == NULL)
    return FALSE;
  if (!cd_docx_generate (template_path, ctx, output, overwrite, &sha, NULL, error))
    return FALSE;
  if (draft->bulk_sheet)
    {
      g_autofree char *base = g_str_has_suffix (output, ".docx")
                              ? g_strndup (output, strlen (output) - 5) : g_strdup (output);
      xlsx = g_strconcat (base, ".xlsx", NULL);
      if (!cd_xlsx_write_bulk_sheet (xlsx, ctx, overwrite, error))
        return FALSE;
    }
  tpl_name = g_path_get_basename (template_path);
  /* The file exists now: record it (its own transaction), then the batch. */
  if (!cd_store_record_document (store, output, draft->kind, tpl_name, sha, &doc_id, error)
      || !cd_store_begin (store, error))
    return FALSE;
  if (!save_locked (draft, store, doc_id, error)
      || !cd_store_audit (store, "generate", "batch", draft->batch_id, NULL, output, error))
    {
      cd_store_rollback (store);
      return FALSE;
    }
  if (!cd_store_commit (store, error))
    return FALSE;
  g_free (draft->output_path);
  draft->output_path = g_strdup (output);
  draft->dirty = FALSE;
  cd_store_emit_changed (store, "batch");
  if (out_xlsx != NULL)
    *out_xlsx = g_steal_pointer (&xlsx);
  return TRUE;
}

void
cd_batch_info_free (CdBatchInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->kind);
  g_free (info->date);
  g_free (info->doc_number);
  g_free (info->sent_date);
  g_free (info->done_date);
  g_free (info->path);
  g_free (info);
}

GPtrArray *
cd_wizard_list_batches (CdStore  *store,
                        GError  **error)
{
  sqlite3_stmt *st = NULL;
  GPtrArray *out;

  if (sqlite3_prepare_v2 (cd_store_get_db (store),
                          "SELECT b.id, b.kind, b.date, b.doc_number, b.status, b.note, d.path,"
                          " (SELECT COUNT(*) FROM batch_items i WHERE i.batch_id = b.id)"
                          " FROM request_batches b LEFT JOIN documents d ON d.id = b.document_id"
                          " ORDER BY b.created DESC, b.id DESC", -1, &st, NULL) != SQLITE_OK)
    {
      sql_error (store, error);
      return NULL;
    }
  out = g_ptr_array_new_with_free_func ((GDestroyNotify) cd_batch_info_free);
  while (sqlite3_step (st) == SQLITE_ROW)
    {
      CdBatchInfo *b = g_new0 (CdBatchInfo, 1);
      g_autofree char *status = col_text (st, 4);
      g_autofree char *note = col_text (st, 5);
      g_autoptr(JsonParser) parser = json_parser_new ();
      JsonObject *o = parse_note (parser, note);

      b->id = sqlite3_column_int64 (st, 0);
      b->kind = col_text (st, 1);
      b->date = col_text (st, 2);
      b->doc_number = col_text (st, 3);
      cd_batch_status_from_id (status, &b->status);
      b->sent_date = g_strdup (obj_string (o, "sent_date"));
      b->done_date = g_strdup (obj_string (o, "done_date"));
      b->path = col_text (st, 6);
      b->n_items = (guint) sqlite3_column_int (st, 7);
      g_ptr_array_add (out, b);
    }
  sqlite3_finalize (st);
  return out;
}

static gboolean
complete_revocation (CdStore          *store,
                     CdWizardDraft    *draft,
                     const char       *date_iso,
                     const CdHolidays *holidays,
                     GError          **error)
{
  g_autoptr(GPtrArray) devices = cd_store_list_devices (store, error);

  if (devices == NULL)
    return FALSE;
  for (guint i = 0; i < draft->items->len; i++)
    {
      CdWizardItem *item = g_ptr_array_index (draft->items, i);
      gint64 device_id = item->device_id;

      if (item->certificate_id != 0)
        {
          g_autoptr(CdCertificate) cert = cd_store_get_certificate (store, item->certificate_id, error);
          if (cert == NULL)
            return FALSE;
          if (!cert->revoked
              && !cd_store_revoke_certificate (store, item->certificate_id, date_iso,
                                               item->reason ? item->reason
                                                            : cd_revoke_reason_label (item->revoke_reason),
                                               error))
            return FALSE;
        }
      if (device_id == 0)
        {
          CdDevice *d = device_of_holder (devices, item->staff_id);
          device_id = d ? d->id : 0;
        }
      if (device_id != 0
          && !cd_devices_add_recovery_task (store, device_id, item->certificate_id,
                                            date_iso, holidays, NULL, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
cd_wizard_batch_set_status (CdStore          *store,
                            gint64            batch_id,
                            CdBatchStatus     status,
                            const char       *date_iso,
                            const CdHolidays *holidays,
                            GError          **error)
{
  g_autoptr(CdWizardDraft) draft = cd_wizard_draft_load (store, batch_id, error);
  g_autofree char *sent = NULL;
  g_autofree char *done = NULL;
  g_autofree char *today = cd_text_today_iso ();
  g_autofree char *note = NULL;
  const char *date = date_iso ? date_iso : today;
  sqlite3_stmt *st = NULL;
  int rc;

  if (draft == NULL)
    return FALSE;
  if (status < draft->status || (status == draft->status && status != CD_BATCH_SENT))
    {
      g_set_error (error, CD_WIZARD_ERROR, CD_WIZARD_ERROR_STATUS,
                   _("The list is already “%s”; it cannot go back to “%s”."),
                   cd_batch_status_label (draft->status), cd_batch_status_label (status));
      return FALSE;
    }
  if (!read_batch_dates (store, batch_id, &sent, &done))
    return sql_error (store, error);
  if (status == CD_BATCH_SENT)
    { g_free (sent); sent = g_strdup (date); }
  else if (status == CD_BATCH_DONE)
    {
      g_free (done);
      done = g_strdup (date);
      if (sent == NULL)
        sent = g_strdup (date);
    }
  draft->status = status;
  note = draft_note (draft, sent, done);

  /* The store's revoke and the devices' task each write in their own
   * transaction, so these steps are not one: both are idempotent (an
   * already revoked certificate is skipped, an open task is kept) and the
   * batch turns done only after them, so marking it done again after a
   * failure finishes the rest. */
  if (status == CD_BATCH_DONE && cd_wizard_draft_is_revocation (draft)
      && !complete_revocation (store, draft, date, holidays, error))
    return FALSE;
  if (!cd_store_begin (store, error))
    return FALSE;
  rc = sqlite3_prepare_v2 (cd_store_get_db (store),
                           "UPDATE request_batches SET status = ?, note = ? WHERE id = ?", -1, &st, NULL);
  if (rc == SQLITE_OK)
    {
      bind_text (st, 1, cd_batch_status_to_id (status));
      bind_text (st, 2, note);
      sqlite3_bind_int64 (st, 3, batch_id);
      rc = sqlite3_step (st);
      sqlite3_finalize (st);
    }
  if ((rc != SQLITE_OK && rc != SQLITE_DONE)
      || !cd_store_audit (store, "status", "batch", batch_id, NULL, cd_batch_status_to_id (status), error))
    {
      if (rc != SQLITE_OK && rc != SQLITE_DONE)
        sql_error (store, error);
      cd_store_rollback (store);
      return FALSE;
    }
  if (!cd_store_commit (store, error))
    return FALSE;
  cd_store_emit_changed (store, "batch");
  return TRUE;
}
