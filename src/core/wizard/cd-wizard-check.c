/* cd-wizard-check.c — what a list's people miss for the chosen template
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "cd-wizard-check.h"
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
      g_autoptr(CdStaff) s = NULL;

      /* the unit's own row has no birth date or CCCD to ask for */
      if (item->staff_id == 0)
        continue;
      s = cd_store_get_staff (store, item->staff_id, error);

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
