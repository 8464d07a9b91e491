/* cd-wizard-check.c — what a list's people miss for the chosen template
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include <sqlite3.h>

#include "cd-cert-pick.h"
#include "cd-device-link.h"
#include "cd-doc-context.h"
#include "cd-doc-people.h"
#include "cd-sql.h"
#include "cd-store-worker.h"
#include "cd-wizard-check.h"
#include "cd-wizard-mailbox.h"
#include "cd-wizard-preview.h"
#include "cd-wizard-private.h"
#include "cd-validate.h"

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

guint
cd_wizard_gaps_n_blocking (GPtrArray *gaps)
{
  guint n = 0;

  g_return_val_if_fail (gaps != NULL, 0);
  for (guint i = 0; i < gaps->len; i++)
    if (((CdWizardGap *) g_ptr_array_index (gaps, i))->blocks)
      n++;
  return n;
}

static CdWizardGap *
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
  return gap;
}

static gboolean
empty (const char *s)
{
  return s == NULL || *s == '\0';
}

/* A revocation takes back the device its certificate is on (a recovery
 * task when the list is done): a certificate linked to no device is
 * said, with how to link it in the window (only the wizard checks a
 * draft), rather than a device guessed from its holder (issue 16). A
 * warning: the list itself can go. */
static gboolean
check_device (GPtrArray           *out,
              CdStore             *store,
              const CdWizardItem  *item,
              GError             **error)
{
  g_autoptr(CdCertificate) cert = NULL;
  g_autoptr(CdStaff) holder = NULL;

  if (item->certificate_id == 0 || item->device_id != 0)
    return TRUE;
  cert = cd_store_get_certificate (store, item->certificate_id, NULL);
  if (cert == NULL || cert->device_id != 0)
    return TRUE;
  holder = cd_wizard_item_holder (store, item, error);
  if (holder == NULL)
    return FALSE;
  add_gap (out, holder, "device", _("Device"), NULL,
           cd_devices_unknown_device_gap (cert->serial), FALSE);
  return TRUE;
}

/* A revocation row needs its reason: "Other" with nothing typed is a
 * gap to fill, as a draft saved before it was one prints the bare
 * words "Lý do khác". Typed in the people step, nowhere in the
 * record: the gaps step only says where. */
static gboolean
check_reason (GPtrArray           *out,
              CdStore             *store,
              const CdWizardItem  *item,
              GError             **error)
{
  g_autoptr(CdStaff) holder = NULL;

  if (item->revoke_reason != CD_REVOKE_OTHER
      || (!empty (item->reason) && g_strcmp0 (item->reason, cd_revoke_reason_label (CD_REVOKE_OTHER)) != 0
          && g_strcmp0 (item->reason, "Lý do khác") != 0))
    return TRUE;
  holder = cd_wizard_item_holder (store, item, error);
  if (holder == NULL)
    return FALSE;
  add_gap (out, holder, "reason", _("Reason for revocation"), NULL,
           g_strdup (_("The reason for revocation is “Other” but none is typed: go back to the people step "
                       "and type it, or choose one of the listed reasons.")), TRUE);
  return TRUE;
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
  /* the card in one cell: "cccd_ngay_cap", "cccd_ngay_noi_cap" */
  gboolean card = fields && g_strv_contains (fields, "cccd_ngay_cap");
  gboolean card_place = fields && g_strv_contains (fields, "cccd_ngay_noi_cap");
  gboolean want_cccd = card || card_place || (fields && g_strv_contains (fields, "cccd"));
  gboolean want_cccd_date = card || card_place || (fields && g_strv_contains (fields, "ngay_cap_cccd"));
  gboolean want_cccd_place = card_place || (fields && g_strv_contains (fields, "noi_cap_cccd"));
  gboolean want_birth = fields && g_strv_contains (fields, "ngay_sinh");
  gboolean want_phone = fields && g_strv_contains (fields, "dien_thoai");
  /* on the mailbox list the column is the mailbox asked for (proposed
   * in cd_wizard_draft_context()): having none is why they are listed */
  gboolean want_email = fields && g_strv_contains (fields, "email")
                        && g_strcmp0 (draft->kind, "hom-thu") != 0;
  /* ... which it cannot propose without the unit's domain: that column
   * would stay empty, or show the private address that put the person
   * on the list. An error: it is why the list is sent. */
  gboolean want_mailbox = FALSE;
  /* a mailbox typed (or kept in a saved draft) that the Sở cannot open:
   * somebody's already, or asked for another row. Whatever the template
   * prints: the list is not written with one (cd_wizard_mailbox_check_list()) */
  gboolean check_typed = g_strcmp0 (draft->kind, "hom-thu") == 0;

  if (fields && g_strv_contains (fields, "email") && g_strcmp0 (draft->kind, "hom-thu") == 0)
    {
      g_autoptr(CdUnit) unit = cd_store_get_unit (store);

      want_mailbox = cd_doc_unit_mail_domain (unit) == NULL;
    }

  for (guint i = 0; i < draft->items->len; i++)
    {
      CdWizardItem *item = g_ptr_array_index (draft->items, i);
      g_autoptr(CdStaff) s = NULL;

      if (cd_wizard_draft_is_revocation (draft)
          && (!check_reason (out, store, item, error) || !check_device (out, store, item, error)))
        {
          g_ptr_array_unref (out);
          return NULL;
        }
      /* the unit's own row has no birth date or CCCD to ask for */
      if (item->staff_id == 0)
        continue;
      s = cd_store_get_staff (store, item->staff_id, error);

      if (s == NULL)
        {
          g_ptr_array_unref (out);
          return NULL;
        }
      if (want_mailbox && empty (item->change_note))
        add_gap (out, s, "mailbox", _("Proposed mailbox"), NULL,
                 g_strdup (_("The unit has no email, so no mailbox can be proposed for this person: type the "
                             "mailbox asked for them here, or enter the unit's email in Preferences → Unit's "
                             "details (the new mailboxes are named at its domain), then come back to this step.")),
                 TRUE);
      else if (check_typed && !empty (item->change_note))
        {
          /* the same question as cd_wizard_mailbox_check_list() asks
           * before the list is written: a refusal there blocks here */
          char *msg = cd_wizard_mailbox_problem (draft, store, i, official_domains);

          if (msg != NULL)
            add_gap (out, s, "mailbox", _("Proposed mailbox"), item->change_note, msg, TRUE)->blocks = TRUE;
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

/* ---- Who may be listed, and on which list ----------------------------- */

gboolean
cd_wizard_certificate_on_sent_revocation (CdStore *store,
                                          gint64   certificate_id,
                                          gint64   except_batch)
{
  g_autoptr(CdSqlStmt) st = NULL;

  /* the sent lists holding it (a few at most), each judged by its kind:
   * the Danh sách thu hồi or Mẫu 05 */
  st = cd_sql_prepare (cd_store_get_db (store),
                       "SELECT DISTINCT b.kind FROM batch_items i JOIN request_batches b ON b.id = i.batch_id"
                       " WHERE b.status = 'sent' AND i.certificate_id = ?1 AND b.id IS NOT ?2", NULL);
  if (st == NULL)
    return FALSE;
  cd_sql_bind_id (st, 1, certificate_id);
  cd_sql_bind_id (st, 2, except_batch);
  while (sqlite3_step (st) == SQLITE_ROW)
    if (cd_wizard_kind_is_revocation ((const char *) sqlite3_column_text (st, 0)))
      return TRUE;
  return FALSE;
}

char *
cd_wizard_draft_refusal (const CdWizardDraft *draft,
                         CdStore             *store,
                         gint64               staff_id,
                         gint64               now)
{
  g_autoptr(CdStaff) staff = cd_store_get_staff (store, staff_id, NULL);
  g_autoptr(GPtrArray) certs = NULL;
  gboolean in_force = FALSE, unsent = FALSE;

  if (staff == NULL)
    return g_strdup (_("This person is no longer in the register."));
  if (!cd_wizard_draft_is_revocation (draft))
    {
      /* every request list asks for somebody who works here */
      if (staff->left)
        return g_strdup_printf (_("%s has left the unit: no request is made for them."),
                                staff->full_name);
      return NULL;
    }
  certs = cd_store_list_certificates_for_staff (store, staff_id, NULL);
  for (guint i = 0; certs != NULL && i < certs->len; i++)
    {
      CdCertificate *c = g_ptr_array_index (certs, i);

      /* only the Ban Cơ yếu's certificates go on its revocation list */
      if (c->track != CD_CERT_TRACK_GOVERNMENT || c->revoked || c->not_after <= now)
        continue;
      in_force = TRUE;
      unsent |= !cd_wizard_certificate_on_sent_revocation (store, c->id, draft->batch_id);
    }
  if (!in_force)
    return g_strdup_printf (_("%s has no certificate in force to revoke: it is revoked already or has ended."),
                            staff->full_name);
  if (!unsent)
    return g_strdup_printf (_("%s is already on a revocation list sent to the provider."),
                            staff->full_name);
  return NULL;
}

const char *
cd_wizard_draft_better_kind (const CdWizardDraft *draft,
                             CdStore             *store,
                             gint64               staff_id,
                             gint64               now,
                             char               **warning)
{
  g_autoptr(CdStaff) staff = NULL;
  g_autoptr(GPtrArray) certs = NULL;
  CdCertificate *c;
  char *why;

  if (g_strcmp0 (draft->kind, "gia-han") != 0)
    return NULL;
  staff = cd_store_get_staff (store, staff_id, NULL);
  if (staff == NULL)
    return NULL;
  certs = cd_store_list_certificates_for_staff (store, staff_id, NULL);
  /* the certificate a Ban Cơ yếu list is about (chuyên dùng only) */
  c = certs != NULL ? cd_certificate_pick_for_procedure (certs, "gia-han", now) : NULL;
  if (c != NULL && !c->revoked && c->not_after > now)
    return NULL;
  if (c == NULL)
    why = g_strdup_printf (_("%s has no certificate to renew: ask for a new one (Cấp mới)."),
                           staff->full_name);
  else if (c->revoked)
    why = g_strdup_printf (_("The certificate of %s was revoked and cannot be renewed: ask for a new one (Cấp mới)."),
                           staff->full_name);
  else
    {
      g_autofree char *until = cd_docs_unix_to_dmy (c->not_after);
      why = g_strdup_printf (_("The certificate of %s expired on %s and cannot be renewed: ask for a new one (Cấp mới)."),
                             staff->full_name, until);
    }
  if (warning != NULL)
    *warning = why;
  else
    g_free (why);
  return "cap-moi";
}

/* ---- On a worker -------------------------------------------------------- */

typedef struct {
  CdWizardDraft *draft;      /* the worker's copy */
  char         **fields;
  char         **domains;
  char          *today_iso;
} CheckJob;

static void
check_job_free (gpointer data)
{
  CheckJob *job = data;

  cd_wizard_draft_free (job->draft);
  g_strfreev (job->fields);
  g_strfreev (job->domains);
  g_free (job->today_iso);
  g_free (job);
}

static gpointer
check_work (CdStore       *store,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  CheckJob *job = data;

  if (job->fields == NULL)
    {
      /* the template too is read here, not on the window's thread */
      g_autofree char *path = cd_wizard_draft_template (job->draft, error);
      g_autoptr(CdWizardTemplateInfo) info = path ? cd_wizard_template_inspect (path, job->draft->kind, error) : NULL;

      if (info == NULL)
        return NULL;
      job->fields = g_steal_pointer (&info->fields);
    }
  return cd_wizard_draft_check (job->draft, store, (const char * const *) job->fields,
                                (const char * const *) job->domains, job->today_iso, error);
}

void
cd_wizard_check_async (CdStore             *store,
                       const CdWizardDraft *draft,
                       const char * const  *fields,
                       const char * const  *official_domains,
                       const char          *today_iso,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  CheckJob *job;

  g_return_if_fail (CD_IS_STORE (store));
  g_return_if_fail (draft != NULL);

  job = g_new0 (CheckJob, 1);
  /* the clerk may go on editing the window's draft meanwhile */
  job->draft = cd_wizard_draft_copy (draft);
  job->fields = g_strdupv ((char **) fields);
  job->domains = g_strdupv ((char **) official_domains);
  job->today_iso = g_strdup (today_iso);
  cd_store_run_async (store, check_work, job, check_job_free,
                      (GDestroyNotify) g_ptr_array_unref, NULL,
                      cd_wizard_check_async, cancellable, callback, user_data);
}

GPtrArray *
cd_wizard_check_finish (CdStore       *store,
                        GAsyncResult  *result,
                        GError       **error)
{
  return cd_store_run_finish (store, result, cd_wizard_check_async, error);
}
