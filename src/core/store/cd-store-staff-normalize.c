/* cd-store-staff-normalize.c — a staff record checked and put in its
 * stored form before it is written: names, dates, CCCD, phone, e-mail,
 * lengths (cd_store_normalize_staff; the importer's variant returns its
 * warnings)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "cd-store.h"
#include "cd-store-private.h"
#include "cd-text.h"
#include "cd-validate.h"

static gboolean
invalid (GError **error, char *message)
{
  g_set_error_literal (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID, message);
  g_free (message);
  return FALSE;
}

/* The labels below are translated only when a check fails: translating
 * twenty labels for every row was 9 % of a 30,000-row import. @label is
 * the untranslated N_() text. */
static gboolean
fits (const char  *text,
      const char  *label,
      glong        max,
      char       **message)
{
  return cd_validate_length (text, NULL, max, NULL) || cd_validate_length (text, _(label), max, message);
}

static gboolean
normalize_date (char      **field,
                const char *label,
                GError    **error)
{
  g_autofree char *clean = cd_text_clean (*field);
  char *iso;
  char *msg = NULL;

  if (clean == NULL)
    {
      cd_store_replace (field, NULL);
      return TRUE;
    }
  if (!fits (clean, label, 100, &msg))
    return invalid (error, msg);
  iso = cd_text_parse_date (clean);
  if (iso == NULL)
    return invalid (error, g_strdup_printf (_("%s “%s” is not a date. Write it as day/month/year, for example 05/01/1980."), _(label), clean));
  cd_store_replace (field, iso);
  if (cd_validate_past_date (iso, NULL, label, NULL) == CD_CHECK_ERROR)
    {
      cd_validate_past_date (iso, NULL, _(label), &msg);
      return invalid (error, msg);
    }
  return TRUE;
}

gboolean
cd_store_normalize_staff (CdStaff  *s,
                          GError  **error)
{
  return cd_store_normalize_staff_warn (s, NULL, NULL, error);
}

gboolean
cd_store_normalize_staff_warn (CdStaff            *s,
                               const char *const  *official_domains,
                               GPtrArray          *warnings,
                               GError            **error)
{
  char *msg = NULL;
  char *norm = NULL;
  /* the checks' warnings, handed over only when the whole record passes */
  g_autofree char *cccd_warning = NULL;
  g_autofree char *email_warning = NULL;

  g_return_val_if_fail (s != NULL, FALSE);

  cd_text_clean_in_place (&s->full_name);
  if (s->full_name == NULL)
    return invalid (error, g_strdup (_("The full name is empty. Write the staff member's full name (họ và tên).")));
  if (!fits (s->full_name, N_("The full name"), CD_MAX_NAME_CHARS, &msg))
    return invalid (error, msg);
  for (const char *p = s->full_name; *p; p++)
    if (g_ascii_isdigit (*p) || *p == '?' || *p == '@')
      return invalid (error, g_strdup_printf (_("The full name “%s” contains digits or signs. Write letters only; a “?” means Vietnamese letters were lost: save the file again as UTF-8."), s->full_name));

  if (!normalize_date (&s->birth_date, N_("The birth date"), error)
      || !normalize_date (&s->cccd_date, N_("The CCCD issue date"), error)
      || !normalize_date (&s->left_date, N_("The date of leaving"), error))
    return FALSE;

  if (s->gender != NULL)
    {
      g_autofree char *clean = cd_text_clean (s->gender);
      char *g;

      if (!fits (clean, N_("The gender"), 100, &msg))
        return invalid (error, msg);
      g = cd_validate_gender (clean);
      if (clean != NULL && g == NULL)
        return invalid (error, g_strdup_printf (_("The gender “%s” is not understood. Write Nam or Nữ."), clean));
      cd_store_replace (&s->gender, g);
    }

  cd_text_clean_in_place (&s->cccd);
  if (!fits (s->cccd, N_("The CCCD number"), CD_MAX_NAME_CHARS, &msg))
    return invalid (error, msg);
  if (s->cccd != NULL)
    {
      if (cd_validate_cccd (s->cccd, s->birth_date, s->gender, &norm, &msg) == CD_CHECK_ERROR)
        return invalid (error, msg);
      if (warnings != NULL)
        cccd_warning = msg;   /* NULL unless a warning */
      else
        g_free (msg);
      msg = NULL;
      cd_store_replace (&s->cccd, norm);
    }
  cd_text_clean_in_place (&s->phone);
  if (!fits (s->phone, N_("The phone number"), CD_MAX_NAME_CHARS, &msg))
    return invalid (error, msg);
  if (s->phone != NULL)
    {
      if (cd_validate_phone (s->phone, &norm, &msg) == CD_CHECK_ERROR)
        return invalid (error, msg);
      cd_store_replace (&s->phone, norm);
    }
  cd_text_clean_in_place (&s->email);
  if (!fits (s->email, N_("The email address"), CD_MAX_EMAIL_CHARS, &msg))
    return invalid (error, msg);
  if (s->email != NULL)
    {
      CdCheck check = cd_validate_email (s->email, warnings != NULL ? official_domains : NULL, &norm, &msg);

      if (check == CD_CHECK_ERROR)
        return invalid (error, msg);
      if (check == CD_CHECK_WARNING)
        email_warning = msg;
      else
        g_free (msg);
      msg = NULL;
      cd_store_replace (&s->email, norm);
    }
  cd_text_clean_in_place (&s->position);
  cd_text_clean_in_place (&s->department);
  cd_text_clean_in_place (&s->cccd_place);
  cd_text_clean_in_place (&s->left_reason);
  cd_text_clean_in_place (&s->note);

  /* Bounded at import and edit alike: a 10 MB name would be stored, then
   * hang the PDF layout and overflow an .xlsx cell. */
  {
    const struct { const char *text; const char *label; glong max; } limits[] = {
      { s->position, N_("The position"), CD_MAX_NAME_CHARS },
      { s->department, N_("The department"), CD_MAX_NAME_CHARS },
      { s->cccd_place, N_("The CCCD place of issue"), CD_MAX_NAME_CHARS },
      { s->left_reason, N_("The reason for leaving"), CD_MAX_ADDRESS_CHARS },
      { s->note, N_("The note"), CD_MAX_NOTE_CHARS },
    };

    for (guint i = 0; i < G_N_ELEMENTS (limits); i++)
      if (!fits (limits[i].text, limits[i].label, limits[i].max, &msg))
        return invalid (error, msg);
  }
  /* No invisible direction controls in any field (issue 20, D17). */
  {
    const struct { const char *text; const char *label; } texts[] = {
      { s->full_name, N_("The full name") },
      { s->position, N_("The position") },
      { s->department, N_("The department") },
      { s->cccd_place, N_("The CCCD place of issue") },
      { s->left_reason, N_("The reason for leaving") },
      { s->note, N_("The note") },
      { s->email, N_("The email address") },
    };

    for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
      if (!cd_validate_no_bidi (texts[i].text, NULL, NULL))
        {
          cd_validate_no_bidi (texts[i].text, _(texts[i].label), &msg);
          return invalid (error, msg);
        }
  }
  if (cccd_warning != NULL)
    g_ptr_array_add (warnings, g_steal_pointer (&cccd_warning));
  if (email_warning != NULL)
    g_ptr_array_add (warnings, g_steal_pointer (&email_warning));
  return TRUE;
}
