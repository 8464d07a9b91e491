/* cd-merger.c — a merger or a new name of the unit, and the paperwork it
 * calls for (seed 004)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "cd-merger.h"
#include "cd-cert-pick.h"
#include "cd-store-worker.h"
#include "cd-text.h"
#include "cd-wizard-draft.h"
#include "cd-wizard-private.h"

G_DEFINE_QUARK (cd-merger-error-quark, cd_merger_error)

/* ---- Records ---------------------------------------------------------- */

CdMergerRequest *
cd_merger_request_new (void)
{
  return g_new0 (CdMergerRequest, 1);
}

CdMergerRequest *
cd_merger_request_copy (const CdMergerRequest *req)
{
  CdMergerRequest *c = g_new0 (CdMergerRequest, 1);

  c->new_name = g_strdup (req->new_name);
  c->new_parent = g_strdup (req->new_parent);
  c->new_province = g_strdup (req->new_province);
  c->new_email = g_strdup (req->new_email);
  c->keep_seal_id = req->keep_seal_id;
  c->date = g_strdup (req->date);
  return c;
}

void
cd_merger_request_free (CdMergerRequest *req)
{
  if (req == NULL)
    return;
  g_free (req->new_name);
  g_free (req->new_parent);
  g_free (req->new_province);
  g_free (req->new_email);
  g_free (req->date);
  g_free (req);
}

void
cd_merger_entry_free (CdMergerEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->holder_name);
  g_free (entry->serial);
  g_free (entry->provider);
  g_free (entry->matched);
  g_free (entry);
}

void
cd_merger_plan_free (CdMergerPlan *plan)
{
  if (plan == NULL)
    return;
  g_free (plan->old_name);
  cd_unit_free (plan->unit);
  g_ptr_array_unref (plan->change);
  g_ptr_array_unref (plan->revoke);
  g_ptr_array_unref (plan->left_out);
  g_free (plan);
}

const char *
cd_merger_plan_kind (const CdMergerPlan *plan)
{
  return plan->revoke->len > 0 ? "merge" : "rename";
}

static void
describe_entries (GString    *s,
                  const char *title,
                  GPtrArray  *entries,
                  gboolean    with_provider)
{
  g_string_append_printf (s, "%s (%u):\n", title, entries->len);
  if (entries->len == 0)
    g_string_append_printf (s, "  %s\n", _("(none)"));
  for (guint i = 0; i < entries->len; i++)
    {
      CdMergerEntry *e = g_ptr_array_index (entries, i);
      const char *who = e->holder_kind == CD_CERT_HOLDER_UNIT ? _("organisation certificate") : _("person");

      /* Translators: "- holder (person / organisation certificate), serial S" */
      g_string_append_printf (s, _("  - %s (%s), serial %s"),
                              e->holder_name ? e->holder_name : "—", who, e->serial);
      if (with_provider && e->provider != NULL)
        g_string_append_printf (s, ", %s", e->provider);
      g_string_append_c (s, '\n');
    }
}

char *
cd_merger_plan_describe (const CdMergerPlan *plan)
{
  GString *s = g_string_new (NULL);

  g_string_append_printf (s, _("Unit: %s → %s\n"), plan->old_name ? plan->old_name : "—", plan->unit->name);
  g_string_append_printf (s, "%s\n", plan->revoke->len > 0 ? _("Kind: merger")
                                                             : _("Kind: change of name or details"));
  describe_entries (s, _("Change of certificate details (thay đổi nội dung)"), plan->change, FALSE);
  describe_entries (s, _("Revocation (thu hồi)"), plan->revoke, FALSE);
  describe_entries (s, _("Commercial certificates left out (not sent to the Ban Cơ yếu)"), plan->left_out, TRUE);
  return g_string_free (s, FALSE);
}

/* ---- Planning --------------------------------------------------------- */

static gboolean
filled (const char *s)
{
  return s != NULL && *s != '\0';
}

/* Takes @value as the unit's new @field when it differs (as a name key);
 * TRUE when it does. */
static gboolean
take_field (char       **field,
            const char  *value)
{
  g_autofree char *clean = NULL;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  if (!filled (value))
    return FALSE;
  clean = cd_text_clean (value);
  a = cd_text_name_key (clean);
  b = cd_text_name_key (*field != NULL ? *field : "");
  if (g_strcmp0 (a, b) == 0)
    return FALSE;
  g_free (*field);
  *field = g_steal_pointer (&clean);
  return TRUE;
}

/* The old name of @keys (name key → name as written) that @cert's
 * subject carries in O, OU, L or CN, or NULL. */
static const char *
cert_carries (const CdCertificate *cert,
              GHashTable          *keys)
{
  const char *fields[] = { cert->subject_o, cert->subject_l, cert->subject_cn };

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      g_autofree char *k = NULL;
      const char *found;

      if (!filled (fields[i]))
        continue;
      k = cd_text_name_key (fields[i]);
      if ((found = g_hash_table_lookup (keys, k)) != NULL)
        return found;
    }
  for (guint i = 0; cert->subject_ou != NULL && cert->subject_ou[i] != NULL; i++)
    {
      g_autofree char *k = cd_text_name_key (cert->subject_ou[i]);
      const char *found = g_hash_table_lookup (keys, k);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
add_key (GHashTable *keys,
         const char *name)
{
  if (filled (name))
    g_hash_table_insert (keys, cd_text_name_key (name), g_strdup (name));
}

static gboolean
is_live (const CdCertificate *cert,
         gint64               now)
{
  return !cert->revoked && cert->not_after > now;
}

static CdMergerEntry *
entry_new (const CdCertificate *cert,
           const char          *holder_name,
           const char          *matched)
{
  CdMergerEntry *e = g_new0 (CdMergerEntry, 1);

  e->holder_kind = cert->holder_kind;
  e->staff_id = cert->holder_kind == CD_CERT_HOLDER_PERSON ? cert->staff_id : 0;
  e->holder_name = g_strdup (holder_name);
  e->certificate_id = cert->id;
  e->device_id = cert->device_id;
  e->serial = g_strdup (cert->serial);
  e->provider = g_strdup (cert->provider);
  e->matched = g_strdup (matched);
  return e;
}

static const char *
seal_name (const CdCertificate *cert)
{
  return filled (cert->subject_cn) ? cert->subject_cn : cert->subject_o;
}

/* Person by person: their certificates that carry an old name, the
 * chuyên dùng ones grouped to pick one, the commercial ones left out. */
static gboolean
plan_people (CdStore      *store,
             CdMergerPlan *plan,
             GHashTable   *keys,
             gint64        now,
             GError      **error)
{
  g_autoptr(GPtrArray) certs = cd_store_list_certificates (store, error);
  g_autoptr(GHashTable) by_staff = NULL;
  g_autoptr(GHashTable) names = NULL;
  g_autoptr(GArray) order = g_array_new (FALSE, FALSE, sizeof (gint64));

  if (certs == NULL)
    return FALSE;
  by_staff = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                    (GDestroyNotify) g_ptr_array_unref);
  names = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);

  for (guint i = 0; i < certs->len; i++)
    {
      CdCertificate *c = g_ptr_array_index (certs, i);
      const char *matched;
      GPtrArray *group;

      if (c->holder_kind != CD_CERT_HOLDER_PERSON || c->staff_id == 0 || !is_live (c, now) || (matched = cert_carries (c, keys)) == NULL)
        continue;
      if (!g_hash_table_contains (names, &c->staff_id))
        {
          g_autoptr(CdStaff) staff = cd_store_get_staff (store, c->staff_id, NULL);
          g_hash_table_insert (names, g_memdup2 (&c->staff_id, sizeof (gint64)),
                               g_strdup (staff != NULL ? staff->full_name : c->subject_cn));
        }
      if (c->track != CD_CERT_TRACK_GOVERNMENT)
        {
          g_ptr_array_add (plan->left_out,
                           entry_new (c, g_hash_table_lookup (names, &c->staff_id), matched));
          continue;
        }
      group = g_hash_table_lookup (by_staff, &c->staff_id);
      if (group == NULL)
        {
          group = g_ptr_array_new ();
          g_hash_table_insert (by_staff, g_memdup2 (&c->staff_id, sizeof (gint64)), group);
          g_array_append_val (order, c->staff_id);
        }
      g_ptr_array_add (group, c);
    }

  for (guint i = 0; i < order->len; i++)
    {
      gint64 staff_id = g_array_index (order, gint64, i);
      GPtrArray *group = g_hash_table_lookup (by_staff, &staff_id);
      CdCertificate *pick = cd_certificate_pick_for_procedure (group, "thay-doi", now);
      CdMergerEntry *e;

      if (pick == NULL)
        continue;
      /* its device is the one it is linked to, none when unknown */
      e = entry_new (pick, g_hash_table_lookup (names, &staff_id), cert_carries (pick, keys));
      g_ptr_array_add (plan->change, e);
    }
  return TRUE;
}

CdMergerPlan *
cd_merger_plan (CdStore                *store,
                const CdMergerRequest  *req,
                gint64                  now,
                GError                **error)
{
  g_autoptr(CdMergerPlan) plan = g_new0 (CdMergerPlan, 1);
  g_autoptr(CdUnit) old = cd_store_get_unit (store);
  g_autoptr(GHashTable) keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GPtrArray) seals = NULL;
  g_autoptr(GPtrArray) live = g_ptr_array_new ();
  gboolean parent_changed, details_changed;
  CdCertificate *keep = NULL;

  g_return_val_if_fail (CD_IS_STORE (store), NULL);
  g_return_val_if_fail (req != NULL, NULL);

  if (!filled (req->new_name) && !filled (old->name))
    {
      g_set_error_literal (error, CD_MERGER_ERROR, CD_MERGER_ERROR_NO_NAME,
                           _("Enter the unit's new name, as the decision on the merger writes it."));
      return NULL;
    }
  plan->change = g_ptr_array_new_with_free_func ((GDestroyNotify) cd_merger_entry_free);
  plan->revoke = g_ptr_array_new_with_free_func ((GDestroyNotify) cd_merger_entry_free);
  plan->left_out = g_ptr_array_new_with_free_func ((GDestroyNotify) cd_merger_entry_free);
  plan->old_name = g_strdup (old->name);
  plan->unit = cd_unit_copy (old);
  plan->renamed = take_field (&plan->unit->name, req->new_name);
  parent_changed = take_field (&plan->unit->parent_name, req->new_parent);
  details_changed = plan->renamed || parent_changed;
  details_changed |= take_field (&plan->unit->province, req->new_province);
  details_changed |= take_field (&plan->unit->email, req->new_email);

  /* A bad email is said now, in the plan, not only when applying. */
  if (!cd_store_normalize_unit (plan->unit, error))
    return NULL;

  /* The old name joins the former names (once), so old certificates and
   * papers keep matching the unit. */
  if (plan->renamed && filled (old->name))
    {
      g_autoptr(GStrvBuilder) b = g_strv_builder_new ();
      g_autofree char *k = cd_text_name_key (old->name);
      gboolean known = FALSE;

      for (guint i = 0; old->former_names != NULL && old->former_names[i] != NULL; i++)
        {
          g_autofree char *fk = cd_text_name_key (old->former_names[i]);
          known |= g_strcmp0 (fk, k) == 0;
          g_strv_builder_add (b, old->former_names[i]);
        }
      if (!known)
        g_strv_builder_add (b, old->name);
      g_strfreev (plan->unit->former_names);
      plan->unit->former_names = g_strv_builder_end (b);
    }

  /* Which names in a subject are now out of date. */
  if (plan->renamed)
    {
      add_key (keys, old->name);
      for (guint i = 0; old->former_names != NULL && old->former_names[i] != NULL; i++)
        add_key (keys, old->former_names[i]);
    }
  if (parent_changed)
    add_key (keys, old->parent_name);

  seals = cd_store_list_certificates_held (store, CD_CERT_HOLDER_UNIT, 0, error);
  if (seals == NULL)
    return NULL;
  for (guint i = 0; i < seals->len; i++)
    {
      CdCertificate *s = g_ptr_array_index (seals, i);
      if (is_live (s, now))
        g_ptr_array_add (live, s);
    }
  if (req->keep_seal_id != 0)
    {
      for (guint i = 0; i < live->len; i++)
        if (((CdCertificate *) live->pdata[i])->id == req->keep_seal_id)
          keep = live->pdata[i];
      if (keep == NULL)
        {
          g_set_error_literal (error, CD_MERGER_ERROR, CD_MERGER_ERROR_NO_SUCH_SEAL,
                               _("The certificate chosen to survive is not a valid certificate of the unit. Choose one of the unit's seals that is neither expired nor revoked."));
          return NULL;
        }
    }
  else if (live->len == 1)
    keep = live->pdata[0];
  else if (live->len > 1)
    {
      g_set_error (error, CD_MERGER_ERROR, CD_MERGER_ERROR_PICK_SEAL,
                   _("The unit has %u valid organisation certificates: choose the one that survives under the new name; the others will be revoked."),
                   live->len);
      return NULL;
    }

  if (keep != NULL)
    {
      plan->keep_seal_id = keep->id;
      if (details_changed)
        {
          const char *matched = cert_carries (keep, keys);
          g_ptr_array_add (plan->change, entry_new (keep, seal_name (keep),
                                                    matched != NULL ? matched : old->name));
        }
    }
  for (guint i = 0; i < live->len; i++)
    {
      CdCertificate *s = g_ptr_array_index (live, i);
      if (s != keep)
        g_ptr_array_add (plan->revoke, entry_new (s, seal_name (s), NULL));
    }

  if (g_hash_table_size (keys) > 0 && !plan_people (store, plan, keys, now, error))
    return NULL;

  if (!details_changed && plan->revoke->len == 0)
    {
      g_set_error_literal (error, CD_MERGER_ERROR, CD_MERGER_ERROR_NOTHING,
                           _("Nothing changes: the new details are the unit's current ones and there is no other organisation certificate to revoke."));
      return NULL;
    }
  return g_steal_pointer (&plan);
}

/* ---- Applying --------------------------------------------------------- */

static char *
change_note (const CdMergerPlan *plan,
             const CdUnit       *old)
{
  g_autoptr(GString) s = g_string_new (NULL);

  if (plan->renamed)
    g_string_append_printf (s, _("Unit name: %s → %s"), old->name ? old->name : "", plan->unit->name);
  if (g_strcmp0 (old->parent_name, plan->unit->parent_name) != 0)
    {
      if (s->len > 0)
        g_string_append (s, "; ");
      g_string_append_printf (s, _("Managing body: %s → %s"),
                              old->parent_name ? old->parent_name : "", plan->unit->parent_name);
    }
  if (g_strcmp0 (old->province, plan->unit->province) != 0)
    {
      if (s->len > 0)
        g_string_append (s, "; ");
      g_string_append_printf (s, _("Province: %s → %s"),
                              old->province ? old->province : "", plan->unit->province);
    }
  if (g_strcmp0 (old->email, plan->unit->email) != 0)
    {
      if (s->len > 0)
        g_string_append (s, "; ");
      g_string_append_printf (s, _("Official email: %s → %s"),
                              old->email ? old->email : "", plan->unit->email);
    }
  return g_string_free (g_steal_pointer (&s), FALSE);
}

static CdWizardItem *
item_for (const CdMergerEntry *e)
{
  CdWizardItem *item = cd_wizard_item_new (e->staff_id);

  item->certificate_id = e->certificate_id;
  item->device_id = e->device_id;
  return item;
}

static gboolean
apply_locked (CdStore               *store,
              const CdMergerRequest *req,
              CdMergerPlan          *plan,
              GError               **error)
{
  g_autoptr(CdUnit) old = cd_store_get_unit (store);
  g_autofree char *note = change_note (plan, old);
  g_autofree char *history = NULL;
  g_autofree char *today = cd_text_today_iso ();
  const char *date = req->date != NULL ? req->date : today;

  if (!cd_store_save_unit (store, plan->unit, error))
    return FALSE;
  history = g_strdup_printf (_("%u certificates to change, %u organisation certificates to revoke"),
                             plan->change->len, plan->revoke->len);
  if (!cd_store_add_unit_history (store, date, cd_merger_plan_kind (plan),
                                  plan->old_name, plan->unit->name, history, error))
    return FALSE;

  if (plan->change->len > 0)
    {
      g_autoptr(CdWizardDraft) draft = cd_wizard_draft_new ("thay-doi");
      cd_wizard_draft_set_text (&draft->date, date);
      for (guint i = 0; i < plan->change->len; i++)
        {
          CdWizardItem *item = item_for (plan->change->pdata[i]);
          item->why = g_strdup (_("The unit was renamed or merged"));
          item->change_note = g_strdup (note);
          g_ptr_array_add (draft->items, item);
        }
      if (!cd_batch_save_locked (draft, store, 0, error))
        return FALSE;
      plan->change_batch_id = draft->batch_id;
    }
  if (plan->revoke->len > 0)
    {
      g_autoptr(CdWizardDraft) draft = cd_wizard_draft_new (CD_WIZARD_KIND_REVOCATION);
      g_autofree char *reason = g_strdup_printf (_("The unit merged into %s"), plan->unit->name);
      cd_wizard_draft_set_text (&draft->date, date);
      for (guint i = 0; i < plan->revoke->len; i++)
        {
          CdWizardItem *item = item_for (plan->revoke->pdata[i]);
          item->why = g_strdup (_("Organisation certificate of a merged unit"));
          cd_wizard_item_set_revoke_reason (item, CD_REVOKE_OTHER, reason);
          g_ptr_array_add (draft->items, item);
        }
      if (!cd_batch_save_locked (draft, store, 0, error))
        return FALSE;
      plan->revoke_batch_id = draft->batch_id;
    }
  return TRUE;
}

CdMergerPlan *
cd_merger_apply (CdStore                *store,
                 const CdMergerRequest  *req,
                 GError                **error)
{
  g_autoptr(CdMergerPlan) plan = NULL;

  g_return_val_if_fail (CD_IS_STORE (store), NULL);
  if (!cd_store_begin (store, error))
    return NULL;
  /* Planned inside the transaction, so what is written is what was
   * planned even if another window changed the register meanwhile. */
  plan = cd_merger_plan (store, req, g_get_real_time () / G_USEC_PER_SEC, error);
  if (plan == NULL || !apply_locked (store, req, plan, error))
    {
      cd_store_rollback (store);
      return NULL;
    }
  if (!cd_store_commit (store, error))
    return NULL;
  cd_store_emit_changed (store, "unit");
  cd_store_emit_changed (store, "batch");
  return g_steal_pointer (&plan);
}

static gpointer
apply_work (CdStore       *store,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  return cd_merger_apply (store, data, error);
}

void
cd_merger_apply_async (CdStore                *store,
                       const CdMergerRequest  *req,
                       GCancellable           *cancellable,
                       GAsyncReadyCallback     callback,
                       gpointer                user_data)
{
  cd_store_run_async (store, apply_work, cd_merger_request_copy (req),
                      (GDestroyNotify) cd_merger_request_free,
                      (GDestroyNotify) cd_merger_plan_free, "unit",
                      cd_merger_apply_async, cancellable, callback, user_data);
}

CdMergerPlan *
cd_merger_apply_finish (CdStore       *store,
                        GAsyncResult  *result,
                        GError       **error)
{
  CdMergerPlan *plan = cd_store_run_finish (store, result, cd_merger_apply_async, error);

  /* the batches view listens for its own word */
  if (plan != NULL)
    cd_store_emit_changed (store, "batch");
  return plan;
}
