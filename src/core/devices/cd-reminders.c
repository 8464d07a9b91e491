/* cd-reminders.c — what needs the clerk's attention today
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "cd-batch.h"
#include "cd-device-register.h"
#include "cd-reminders.h"
#include "cd-sql.h"
#include "cd-staff-pager.h"
#include "cd-store-worker.h"
#include "cd-text.h"

typedef struct {
  gint64 now;
  int    threshold_days;
} ComputeJob;

/* The certificate to name when no recovery is overdue. */
typedef struct {
  gint64      soonest_at;        /* expiring: the closest end */
  const char *soonest;
  gint64      latest_at;         /* expired: the last one to end */
  const char *latest;
} Urgent;

/* The lists still to send by the deadline of the letter they answer. */
static gboolean
count_lists (CdStore      *store,
             CdReminders  *r,
             const char   *today,
             GError      **error)
{
  g_autoptr(GPtrArray) batches = cd_batch_list (store, error);
  g_autoptr(CdHolidays) holidays = NULL;

  if (batches == NULL)
    return FALSE;
  holidays = cd_devices_load_holidays (store, NULL);
  for (guint i = 0; i < batches->len; i++)
    switch (cd_batch_info_deadline_state (g_ptr_array_index (batches, i), today, holidays, NULL))
      {
      case CD_DEADLINE_DUE_SOON: r->n_lists_due++; break;
      case CD_DEADLINE_OVERDUE: r->n_lists_overdue++; break;
      default: break;
      }
  return TRUE;
}

static void
count_certificate (CdReminders *r,
                   Urgent      *u,
                   CdCertStatus status,
                   gint64       not_after,
                   const char  *holder)
{
  if (status == CD_CERT_STATUS_EXPIRING)
    {
      r->n_expiring++;
      if (u->soonest == NULL || not_after < u->soonest_at)
        u->soonest = holder, u->soonest_at = not_after;
    }
  else if (status == CD_CERT_STATUS_EXPIRED)
    {
      r->n_expired++;
      if (u->latest == NULL || not_after > u->latest_at)
        u->latest = holder, u->latest_at = not_after;
    }
}

/* The unit's own certificates (its seal) and its services': the staff
 * list does not show them, but they expire too. Only the last of each
 * kind per holder counts, as a renewed one replaces it. Holder names
 * are kept in @names for the summary. */
static gboolean
count_unit_certificates (CdStore     *store,
                         CdReminders *r,
                         Urgent      *u,
                         gint64       now,
                         int          threshold_days,
                         GPtrArray   *names,
                         GError     **error)
{
  g_autoptr(CdSqlStmt) st = NULL;
  int rc;

  st = cd_sql_prepare (cd_store_get_db (store),
                       "SELECT c.not_before, c.not_after, v.name FROM certificates c"
                       " LEFT JOIN services v ON v.id = c.service_id"
                       " WHERE c.revoked = 0 AND c.staff_id IS NULL"
                       "  AND (c.held_by_unit OR v.id IS NOT NULL)"
                       "  AND NOT EXISTS (SELECT 1 FROM certificates n"
                       "   WHERE n.revoked = 0 AND n.staff_id IS NULL AND n.purpose = c.purpose"
                       "    AND n.track = c.track AND n.not_after > c.not_after"
                       "    AND (c.held_by_unit AND n.held_by_unit OR n.service_id = c.service_id))",
                       error);
  if (st == NULL)
    return FALSE;
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      CdCertificate c = { 0 };
      const char *service = (const char *) sqlite3_column_text (st, 2);
      char *holder = g_strdup (service != NULL ? service : _("the unit"));

      c.not_before = sqlite3_column_int64 (st, 0);
      c.not_after = sqlite3_column_int64 (st, 1);
      g_ptr_array_add (names, holder);
      count_certificate (r, u, cd_certificate_status (&c, now, threshold_days), c.not_after, holder);
    }
  if (rc != SQLITE_DONE)
    {
      return cd_sql_set_error (cd_store_get_db (store), rc, error);
    }
  return TRUE;
}

static char *
local_date (gint64      unix_seconds,
            const char *format)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_local (unix_seconds);

  return dt != NULL ? g_date_time_format (dt, format) : g_strdup ("?");
}

static gpointer
compute_work (CdStore       *store,
              gpointer       data,
              GCancellable  *cancellable,
              GError       **error)
{
  ComputeJob *job = data;

  return cd_reminders_compute (store, job->now, job->threshold_days, error);
}

void
cd_reminders_free (CdReminders *reminders)
{
  if (reminders == NULL)
    return;
  g_free (reminders->urgent);
  g_free (reminders);
}

/* Staff rows read at a time while counting. */
#define REMINDER_PAGE 1000

CdReminders *
cd_reminders_compute (CdStore  *store,
                      gint64    now,
                      int       threshold_days,
                      GError  **error)
{
  g_autoptr(CdReminders) r = g_new0 (CdReminders, 1);
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) tasks = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *today = local_date (now, "%Y-%m-%d");
  Urgent u = { 0 };
  const CdRecoveryTask *oldest = NULL;

  g_return_val_if_fail (CD_IS_STORE (store), NULL);

  r->threshold_days = threshold_days;
  tasks = cd_devices_list_open_tasks (store, NULL, NULL, error);
  if (tasks == NULL)
    return NULL;

  /* Counted a page at a time: the whole list read here beside the
   * window's own was ~35 MB more at 100,000 staff, for a few counts. */
  {
    g_autoptr(CdStaffPager) pager = cd_staff_pager_new (store, now, threshold_days, error);

    if (pager == NULL)
      return NULL;
    do
      {
        g_clear_pointer (&rows, g_ptr_array_unref);
        rows = cd_staff_pager_next (pager, REMINDER_PAGE, error);
        if (rows == NULL)
          return NULL;
        for (guint i = 0; i < rows->len; i++)
          {
            const CdStaffRow *row = g_ptr_array_index (rows, i);

            if (row->left)
              continue;
            count_certificate (r, &u, row->status, row->cert_not_after, row->full_name);
            /* the page goes: keep the name of who is now the most urgent */
            if (u.soonest == row->full_name || u.latest == row->full_name)
              {
                char *name = g_strdup (row->full_name);

                g_ptr_array_add (names, name);
                if (u.soonest == row->full_name)
                  u.soonest = name;
                if (u.latest == row->full_name)
                  u.latest = name;
              }
          }
      }
    while (rows->len > 0);
  }
  if (!count_unit_certificates (store, r, &u, now, threshold_days, names, error))
    return NULL;
  if (!count_lists (store, r, today, error))
    return NULL;
  for (guint i = 0; i < tasks->len; i++)
    {
      const CdRecoveryTask *t = g_ptr_array_index (tasks, i);

      /* ISO dates order as text. */
      if (t->due_date == NULL || g_strcmp0 (t->due_date, today) >= 0)
        continue;
      r->n_overdue++;
      if (oldest == NULL || g_strcmp0 (t->due_date, oldest->due_date) < 0)
        oldest = t;
    }

  if (oldest != NULL)
    {
      g_autofree char *due = cd_text_date_display (oldest->due_date);
      const char *serial = oldest->device_serial != NULL ? oldest->device_serial : "?";

      if (oldest->staff_name != NULL)
        r->urgent = g_strdup_printf (_("recover the device %s from %s (due %s)"),
                                     serial, oldest->staff_name, due);
      else
        r->urgent = g_strdup_printf (_("recover the device %s (due %s)"), serial, due);
    }
  else if (u.soonest != NULL)
    {
      g_autofree char *when = local_date (u.soonest_at, "%d/%m/%Y");

      r->urgent = g_strdup_printf (_("the certificate of %s expires on %s"), u.soonest, when);
    }
  else if (u.latest != NULL)
    {
      g_autofree char *when = local_date (u.latest_at, "%d/%m/%Y");

      r->urgent = g_strdup_printf (_("the certificate of %s expired on %s"), u.latest, when);
    }
  return g_steal_pointer (&r);
}

gboolean
cd_reminders_is_empty (const CdReminders *reminders)
{
  return reminders == NULL
         || (reminders->n_expiring == 0 && reminders->n_expired == 0 && reminders->n_overdue == 0
             && reminders->n_lists_due == 0 && reminders->n_lists_overdue == 0);
}

char *
cd_reminders_title (const CdReminders *reminders)
{
  if (cd_reminders_is_empty (reminders))
    return g_strdup (_("Nothing needs attention"));
  return g_strdup (_("Certificates and devices need attention"));
}

char *
cd_reminders_body (const CdReminders *reminders)
{
  GString *s = g_string_new (NULL);

  if (cd_reminders_is_empty (reminders))
    return g_string_free (s, FALSE);
  if (reminders->n_expiring > 0)
    {
      g_string_append_printf (s, ngettext ("%u certificate expires within %d days.",
                                           "%u certificates expire within %d days.",
                                           reminders->n_expiring),
                              reminders->n_expiring, reminders->threshold_days);
      g_string_append_c (s, '\n');
    }
  if (reminders->n_expired > 0)
    {
      g_string_append_printf (s, ngettext ("%u certificate has expired and is not renewed yet.",
                                           "%u certificates have expired and are not renewed yet.",
                                           reminders->n_expired),
                              reminders->n_expired);
      g_string_append_c (s, '\n');
    }
  if (reminders->n_overdue > 0)
    {
      g_string_append_printf (s, ngettext ("%u device recovery is overdue.",
                                           "%u device recoveries are overdue.",
                                           reminders->n_overdue),
                              reminders->n_overdue);
      g_string_append_c (s, '\n');
    }
  if (reminders->n_lists_overdue > 0)
    {
      g_string_append_printf (s, ngettext ("%u list is past the deadline of its letter and not sent yet.",
                                           "%u lists are past the deadline of their letter and not sent yet.",
                                           reminders->n_lists_overdue),
                              reminders->n_lists_overdue);
      g_string_append_c (s, '\n');
    }
  if (reminders->n_lists_due > 0)
    {
      g_string_append_printf (s, ngettext ("%u list must be sent within %d days.",
                                           "%u lists must be sent within %d days.",
                                           reminders->n_lists_due),
                              reminders->n_lists_due, CD_DEADLINE_SOON_DAYS);
      g_string_append_c (s, '\n');
    }
  if (reminders->urgent != NULL)
    g_string_append_printf (s, _("Most urgent: %s."), reminders->urgent);
  else if (s->len > 0)
    g_string_truncate (s, s->len - 1);
  return g_string_free (s, FALSE);
}

void
cd_reminders_compute_async (CdStore             *store,
                            gint64               now,
                            int                  threshold_days,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  ComputeJob *job = g_new0 (ComputeJob, 1);

  job->now = now;
  job->threshold_days = threshold_days;
  cd_store_run_async (store, compute_work, job, g_free,
                      (GDestroyNotify) cd_reminders_free, NULL, cd_reminders_compute_async,
                      cancellable, callback, user_data);
}

CdReminders *
cd_reminders_compute_finish (CdStore       *store,
                             GAsyncResult  *result,
                             GError       **error)
{
  return cd_store_run_finish (store, result, cd_reminders_compute_async, error);
}
