/* cd-batch-letter.c — the Sở's letter a list answers, its deadline and
 * how the list goes back
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <sqlite3.h>

#include "cd-batch.h"
#include "cd-batch-letter.h"
#include "cd-sql.h"
#include "cd-text.h"
#include "cd-workdays.h"

static const char *const channel_ids[] = { NULL, "email", "dichvucong", "post", "truc" };

const char *
cd_batch_channel_to_id (CdBatchChannel channel)
{
  g_return_val_if_fail (channel <= CD_BATCH_CHANNEL_TRUC, NULL);
  return channel_ids[channel];
}

gboolean
cd_batch_channel_from_id (const char     *id,
                          CdBatchChannel *out)
{
  if (id == NULL || *id == '\0')
    {
      *out = CD_BATCH_CHANNEL_NONE;
      return TRUE;
    }
  for (guint i = 1; i < G_N_ELEMENTS (channel_ids); i++)
    if (g_str_equal (channel_ids[i], id))
      {
        *out = (CdBatchChannel) i;
        return TRUE;
      }
  return FALSE;
}

const char *
cd_batch_channel_label (CdBatchChannel channel)
{
  switch (channel)
    {
    case CD_BATCH_CHANNEL_EMAIL: return _("E-mail");
    case CD_BATCH_CHANNEL_DICHVUCONG: return "dichvucong.ca.gov.vn";
    case CD_BATCH_CHANNEL_POST: return _("Post");
    case CD_BATCH_CHANNEL_TRUC: return _("National document exchange (Trục liên thông)");
    case CD_BATCH_CHANNEL_NONE:
    default: return "";
    }
}

char *
cd_batch_deadline_effective (const char       *deadline_iso,
                             const CdHolidays *holidays)
{
  GDate day;

  if (!cd_workdays_parse_iso (deadline_iso, &day))
    return NULL;
  /* Tết is at most a couple of weeks: the loop is short */
  while (!cd_workdays_is_working_day (holidays, &day))
    g_date_add_days (&day, 1);
  return cd_workdays_format_iso (&day);
}

CdDeadlineState
cd_batch_deadline_state (const char       *deadline_iso,
                         gboolean          sent,
                         const char       *today_iso,
                         const CdHolidays *holidays,
                         int              *days_left)
{
  g_autofree char *effective = NULL;
  GDate last, today;
  int days;

  if (days_left != NULL)
    *days_left = 0;
  if (sent)
    return CD_DEADLINE_SENT;
  effective = cd_batch_deadline_effective (deadline_iso, holidays);
  if (effective == NULL || !cd_workdays_parse_iso (effective, &last)
      || !cd_workdays_parse_iso (today_iso, &today))
    return CD_DEADLINE_NONE;
  days = g_date_days_between (&today, &last);
  if (days_left != NULL)
    *days_left = days;
  if (days < 0)
    return CD_DEADLINE_OVERDUE;
  if (days <= CD_DEADLINE_SOON_DAYS)
    return CD_DEADLINE_DUE_SOON;
  return CD_DEADLINE_DUE;
}

char *
cd_batch_deadline_describe (CdDeadlineState  state,
                            int              days_left,
                            const char      *deadline_iso)
{
  g_autofree char *date = deadline_iso ? cd_text_date_display (deadline_iso) : g_strdup ("");

  switch (state)
    {
    case CD_DEADLINE_SENT:
      return g_strdup (_("Sent"));
    case CD_DEADLINE_OVERDUE:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Overdue by %d day (deadline %s)",
                                           "Overdue by %d days (deadline %s)", (gulong) -days_left),
                              -days_left, date);
    case CD_DEADLINE_DUE_SOON:
      if (days_left == 0)
        return g_strdup_printf (_("Due today (deadline %s)"), date);
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Due in %d day (deadline %s)",
                                           "Due in %d days (deadline %s)", (gulong) days_left),
                              days_left, date);
    case CD_DEADLINE_DUE:
      return g_strdup_printf (_("Deadline %s"), date);
    case CD_DEADLINE_NONE:
    default:
      return g_strdup ("");
    }
}

gboolean
cd_batch_set_letter (CdStore         *store,
                     gint64           batch_id,
                     const char      *letter,
                     const char      *deadline_iso,
                     const char      *recipient,
                     CdBatchChannel   channel,
                     GError         **error)
{
  g_autoptr(CdSqlStmt) st = NULL;
  g_autofree char *clean_letter = g_strstrip (g_strdup (letter ? letter : ""));
  g_autofree char *clean_recipient = g_strstrip (g_strdup (recipient ? recipient : ""));
  GDate day;
  int rc;

  if (deadline_iso != NULL && *deadline_iso != '\0' && !cd_workdays_parse_iso (deadline_iso, &day))
    {
      g_set_error_literal (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                           _("The deadline is not a date: write it as dd/mm/yyyy, for example 12/09/2025."));
      return FALSE;
    }
  if (!cd_store_begin (store, error))
    return FALSE;
  st = cd_sql_prepare (cd_store_get_db (store),
                       "UPDATE request_batches SET letter = ?1, deadline = ?2, recipient = ?3, channel = ?4"
                       " WHERE id = ?5", error);
  if (st == NULL)
    {
      cd_store_rollback (store);
      return FALSE;
    }
  cd_sql_bind_text (st, 1, clean_letter);
  cd_sql_bind_text (st, 2, deadline_iso);
  cd_sql_bind_text (st, 3, clean_recipient);
  cd_sql_bind_text (st, 4, cd_batch_channel_to_id (channel));
  sqlite3_bind_int64 (st, 5, batch_id);
  rc = sqlite3_step (st);
  if (rc != SQLITE_DONE)
    {
      cd_sql_set_error (cd_store_get_db (store), rc, error);
      cd_store_rollback (store);
      return FALSE;
    }
  if (sqlite3_changes (cd_store_get_db (store)) == 0)
    {
      g_set_error_literal (error, CD_STORE_ERROR, CD_STORE_ERROR_NOT_FOUND,
                           _("This list is no longer in the register (maybe deleted meanwhile). Reload the list of batches."));
      cd_store_rollback (store);
      return FALSE;
    }
  if (!cd_store_audit (store, "letter", "batch", batch_id, NULL, clean_letter, error))
    {
      cd_store_rollback (store);
      return FALSE;
    }
  if (!cd_store_commit (store, error))
    return FALSE;
  cd_store_emit_changed (store, "batch");
  return TRUE;
}

guint
cd_batch_count_overdue (CdStore          *store,
                        const char       *today_iso,
                        const CdHolidays *holidays,
                        GError          **error)
{
  g_autoptr(GPtrArray) all = cd_batch_list (store, error);
  guint n = 0;

  for (guint i = 0; all != NULL && i < all->len; i++)
    if (cd_batch_info_deadline_state (g_ptr_array_index (all, i), today_iso, holidays, NULL)
        == CD_DEADLINE_OVERDUE)
      n++;
  return n;
}
