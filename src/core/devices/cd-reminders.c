/* cd-reminders.c — what needs the clerk's attention today
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "cd-device-register.h"
#include "cd-reminders.h"
#include "cd-store-worker.h"
#include "cd-text.h"

typedef struct {
  gint64 now;
  int    threshold_days;
} ComputeJob;

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

CdReminders *
cd_reminders_compute (CdStore  *store,
                      gint64    now,
                      int       threshold_days,
                      GError  **error)
{
  g_autoptr(CdReminders) r = g_new0 (CdReminders, 1);
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) tasks = NULL;
  g_autofree char *today = local_date (now, "%Y-%m-%d");
  const CdStaffRow *soonest = NULL, *latest_expired = NULL;
  const CdRecoveryTask *oldest = NULL;

  g_return_val_if_fail (CD_IS_STORE (store), NULL);

  r->threshold_days = threshold_days;
  rows = cd_store_list_staff_rows (store, now, threshold_days, error);
  if (rows == NULL)
    return NULL;
  tasks = cd_devices_list_open_tasks (store, NULL, NULL, error);
  if (tasks == NULL)
    return NULL;

  for (guint i = 0; i < rows->len; i++)
    {
      const CdStaffRow *row = g_ptr_array_index (rows, i);

      if (row->left)
        continue;
      if (row->status == CD_CERT_STATUS_EXPIRING)
        {
          r->n_expiring++;
          if (soonest == NULL || row->cert_not_after < soonest->cert_not_after)
            soonest = row;
        }
      else if (row->status == CD_CERT_STATUS_EXPIRED)
        {
          r->n_expired++;
          if (latest_expired == NULL || row->cert_not_after > latest_expired->cert_not_after)
            latest_expired = row;
        }
    }
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
  else if (soonest != NULL)
    {
      g_autofree char *when = local_date (soonest->cert_not_after, "%d/%m/%Y");

      r->urgent = g_strdup_printf (_("the certificate of %s expires on %s"), soonest->full_name, when);
    }
  else if (latest_expired != NULL)
    {
      g_autofree char *when = local_date (latest_expired->cert_not_after, "%d/%m/%Y");

      r->urgent = g_strdup_printf (_("the certificate of %s expired on %s"),
                                   latest_expired->full_name, when);
    }
  return g_steal_pointer (&r);
}

gboolean
cd_reminders_is_empty (const CdReminders *reminders)
{
  return reminders == NULL
         || (reminders->n_expiring == 0 && reminders->n_expired == 0 && reminders->n_overdue == 0);
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
