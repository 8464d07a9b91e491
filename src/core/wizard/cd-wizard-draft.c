/* cd-wizard-draft.c — the state of one request or revocation list:
 * its people and document details
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "cd-cert-pick.h"
#include "cd-wizard-draft.h"
#include "cd-wizard-private.h"
#include "cd-device-register.h"
#include "cd-doc-templates.h"
#include "cd-text.h"

G_DEFINE_QUARK (cd-wizard-error-quark, cd_wizard_error)

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
  c->name = g_strdup (item->name);
  c->serial = g_strdup (item->serial);
  c->born = g_strdup (item->born);
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
  g_free (item->name);
  g_free (item->serial);
  g_free (item->born);
  g_free (item);
}

void
cd_wizard_item_set_revoke_reason (CdWizardItem   *item,
                                  CdRevokeReason  reason,
                                  const char     *other_text)
{
  item->revoke_reason = reason;
  g_free (item->reason);
  /* "Other" with nothing typed prints no reason: the words "Lý do
   * khác" are no reason, and the check asks the clerk for one. */
  if (reason == CD_REVOKE_OTHER)
    item->reason = other_text != NULL && *other_text != '\0' ? cd_text_clean (other_text) : NULL;
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
  g_strfreev (draft->notes);
  g_free (draft->service_name);
  g_free (draft->service_kind);
  g_free (draft->letter_ref);
  g_free (draft->deadline);
  g_free (draft->send_to);
  g_free (draft);
}

CdWizardDraft *
cd_wizard_draft_copy (const CdWizardDraft *draft)
{
  CdWizardDraft *d = g_new0 (CdWizardDraft, 1);

  *d = *draft;
  d->kind = g_strdup (draft->kind);
  d->items = g_ptr_array_new_full (draft->items->len, (GDestroyNotify) cd_wizard_item_free);
  for (guint i = 0; i < draft->items->len; i++)
    g_ptr_array_add (d->items, cd_wizard_item_copy (g_ptr_array_index (draft->items, i)));
  d->doc_number = g_strdup (draft->doc_number);
  d->date = g_strdup (draft->date);
  d->signer_title = g_strdup (draft->signer_title);
  d->signer_name = g_strdup (draft->signer_name);
  d->recipient = g_strdup (draft->recipient);
  d->template_path = g_strdup (draft->template_path);
  d->output_path = g_strdup (draft->output_path);
  d->notes = g_strdupv (draft->notes);
  d->service_name = g_strdup (draft->service_name);
  d->service_kind = g_strdup (draft->service_kind);
  d->letter_ref = g_strdup (draft->letter_ref);
  d->deadline = g_strdup (draft->deadline);
  d->send_to = g_strdup (draft->send_to);
  d->channel = draft->channel;
  return d;
}

gboolean
cd_wizard_draft_is_revocation (const CdWizardDraft *draft)
{
  return cd_wizard_kind_is_revocation (draft->kind);
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

CdWizardItem *
cd_wizard_draft_find_certificate (CdWizardDraft *draft,
                                  gint64         staff_id,
                                  gint64         certificate_id)
{
  for (guint i = 0; i < draft->items->len; i++)
    {
      CdWizardItem *item = g_ptr_array_index (draft->items, i);
      if (item->staff_id == staff_id && item->certificate_id == certificate_id)
        return item;
    }
  return NULL;
}

gboolean
cd_wizard_draft_add (CdWizardDraft *draft,
                     CdWizardItem  *item)
{
  /* Revocation is one row per certificate: a person may be listed once
   * for each certificate; every other list has one row per person. */
  gboolean listed = cd_wizard_draft_is_revocation (draft)
                    ? cd_wizard_draft_find_certificate (draft, item->staff_id, item->certificate_id) != NULL
                    : cd_wizard_draft_find (draft, item->staff_id) != NULL;

  if (listed)
    {
      cd_wizard_item_free (item);
      return FALSE;
    }
  g_ptr_array_add (draft->items, item);
  draft->dirty = TRUE;
  return TRUE;
}

char *
cd_wizard_draft_key (const CdWizardDraft *draft,
                     gint64               staff_id,
                     gint64               certificate_id)
{
  if (cd_wizard_draft_is_revocation (draft))
    return g_strdup_printf ("%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT, staff_id, certificate_id);
  return g_strdup_printf ("%" G_GINT64_FORMAT, staff_id);
}

GHashTable *
cd_wizard_draft_index (const CdWizardDraft *draft)
{
  GHashTable *index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < draft->items->len; i++)
    {
      CdWizardItem *item = g_ptr_array_index (draft->items, i);
      char *key = cd_wizard_draft_key (draft, item->staff_id, item->certificate_id);

      /* the first row of a key, as cd_wizard_draft_find() finds it */
      if (g_hash_table_contains (index, key))
        g_free (key);
      else
        g_hash_table_insert (index, key, item);
    }
  return index;
}

gboolean
cd_wizard_draft_add_indexed (CdWizardDraft *draft,
                             GHashTable    *index,
                             CdWizardItem  *item)
{
  char *key = cd_wizard_draft_key (draft, item->staff_id, item->certificate_id);

  if (g_hash_table_contains (index, key))
    {
      g_free (key);
      cd_wizard_item_free (item);
      return FALSE;
    }
  g_hash_table_insert (index, key, item);
  g_ptr_array_add (draft->items, item);
  draft->dirty = TRUE;
  return TRUE;
}

guint
cd_wizard_draft_remove_items (CdWizardDraft *draft,
                              GHashTable    *items)
{
  gsize n = 0;
  gpointer *all = g_ptr_array_steal (draft->items, &n);
  guint removed = 0;

  for (gsize i = 0; i < n; i++)
    {
      if (g_hash_table_contains (items, all[i]))
        {
          cd_wizard_item_free (all[i]);
          removed++;
        }
      else
        g_ptr_array_add (draft->items, all[i]);
    }
  g_free (all);
  draft->dirty |= removed > 0;
  return removed;
}

gboolean
cd_wizard_draft_remove (CdWizardDraft *draft,
                        gint64         staff_id)
{
  gboolean removed = FALSE;

  /* every row of the person: a revocation may list several */
  for (guint i = draft->items->len; i > 0; i--)
    {
      CdWizardItem *item = g_ptr_array_index (draft->items, i - 1);
      if (item->staff_id == staff_id)
        {
          g_ptr_array_remove_index (draft->items, i - 1);
          removed = TRUE;
        }
    }
  draft->dirty |= removed;
  return removed;
}

CdCertificate *
cd_wizard_current_certificate (CdStore *store,
                               gint64   staff_id)
{
  g_autoptr(GPtrArray) certs = cd_store_list_certificates_for_staff (store, staff_id, NULL);
  /* Every wizard writes to the Ban Cơ yếu: only chuyên dùng counts. */
  CdCertificate *c = cd_certificate_pick_for_procedure (certs, "wizard", g_get_real_time () / G_USEC_PER_SEC);

  if (c == NULL || c->revoked)
    return NULL;
  return cd_certificate_copy (c);
}

CdStaff *
cd_wizard_item_holder (CdStore             *store,
                       const CdWizardItem  *item,
                       GError             **error)
{
  g_autoptr(CdUnit) unit = NULL;
  CdStaff *s;

  if (item->staff_id != 0)
    return cd_store_get_staff (store, item->staff_id, error);
  unit = cd_store_get_unit (store);
  s = cd_staff_new ();
  s->full_name = g_strdup (unit->name);
  s->department = g_strdup (unit->parent_name);
  s->email = g_strdup (unit->email);
  s->phone = g_strdup (unit->phone);
  return s;
}

gboolean
cd_wizard_draft_add_staff (CdWizardDraft *draft,
                           CdStore       *store,
                           gint64         staff_id,
                           GError       **error)
{
  g_autoptr(CdStaff) staff = cd_store_get_staff (store, staff_id, error);
  g_autoptr(CdCertificate) cert = NULL;
  CdWizardItem *item;

  if (staff == NULL)
    return FALSE;
  if (cd_wizard_draft_find (draft, staff_id) != NULL)
    return TRUE;
  item = cd_wizard_item_new (staff_id);
  item->name = g_strdup (staff->full_name ? staff->full_name : "");
  item->born = cd_text_date_display (staff->birth_date);
  cert = cd_wizard_current_certificate (store, staff_id);
  /* the device that certificate is linked to, none when unknown: not
   * one of the holder's, which may be an old token or a blank one */
  if (cert != NULL)
    {
      item->certificate_id = cert->id;
      item->device_id = cert->device_id;
      item->serial = g_strdup (cert->serial);
    }
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
  /* Revocation is one row per certificate: the person's other chuyên
   * dùng certificates still in force (the encryption one of a pair) go
   * too. A commercial one is not the Ban Cơ yếu's to revoke. */
  if (cd_wizard_draft_is_revocation (draft))
    {
      g_autoptr(GPtrArray) certs = cd_store_list_certificates_for_staff (store, staff_id, NULL);
      gint64 now = g_get_real_time () / G_USEC_PER_SEC;

      for (guint i = 0; certs != NULL && i < certs->len; i++)
        {
          CdCertificate *c = g_ptr_array_index (certs, i);

          if (c->id != item->certificate_id && c->track == CD_CERT_TRACK_GOVERNMENT
              && !c->revoked && c->not_after > now
              && !cd_wizard_draft_add_certificate (draft, store, c->id, error))
            return FALSE;
        }
    }
  return TRUE;
}

gboolean
cd_wizard_draft_add_certificate (CdWizardDraft *draft,
                                 CdStore       *store,
                                 gint64         certificate_id,
                                 GError       **error)
{
  g_autoptr(CdCertificate) cert = cd_store_get_certificate (store, certificate_id, error);
  g_autoptr(CdStaff) staff = NULL;
  gint64 staff_id;
  CdWizardItem *item;

  if (cert == NULL)
    return FALSE;
  staff_id = cert->holder_kind == CD_CERT_HOLDER_PERSON ? cert->staff_id : 0;
  if (staff_id == 0 && cert->holder_kind != CD_CERT_HOLDER_UNIT)
    {
      g_set_error (error, CD_WIZARD_ERROR, CD_WIZARD_ERROR_FAILED,
                   _("Certificate %s belongs to nobody in the register: link it to a person or the unit first."),
                   cert->serial);
      return FALSE;
    }
  if (staff_id != 0)
    {
      staff = cd_store_get_staff (store, staff_id, error);
      if (staff == NULL)
        return FALSE;
    }
  /* A request list has one row per person: the person's row stays. */
  if (!cd_wizard_draft_is_revocation (draft) && cd_wizard_draft_find (draft, staff_id) != NULL)
    return TRUE;
  if (cd_wizard_draft_find_certificate (draft, staff_id, certificate_id) != NULL)
    return TRUE;
  item = cd_wizard_item_new (staff_id);
  item->certificate_id = certificate_id;
  item->device_id = cert->device_id;
  item->serial = g_strdup (cert->serial);
  /* the unit's own row (its seal) is named by the people step */
  if (staff != NULL)
    {
      item->name = g_strdup (staff->full_name ? staff->full_name : "");
      item->born = cd_text_date_display (staff->birth_date);
    }
  item->why = g_strdup (_("Added by hand"));
  if (cd_wizard_draft_is_revocation (draft))
    {
      CdRevokeReason r = staff != NULL && staff->left ? cd_revoke_reason_guess (staff->left_reason)
                                                     : CD_REVOKE_OTHER;
      if (r == CD_REVOKE_OTHER && staff != NULL && staff->left_reason != NULL)
        cd_wizard_item_set_revoke_reason (item, r, staff->left_reason);
      else
        cd_wizard_item_set_revoke_reason (item, r, NULL);
    }
  cd_wizard_draft_add (draft, item);
  return TRUE;
}

char *
cd_wizard_draft_template (const CdWizardDraft *draft,
                          GError             **error)
{
  if (draft->template_path != NULL)
    return g_strdup (draft->template_path);
  return cd_doc_templates_builtin_path (draft->kind, error);
}
