/* cd-device-tasks.c — recovery tasks, the holidays that time them, and
 * the register as the Thiết bị view shows it
 *
 * Split from cd-device-register.c (which writes the events): the tasks
 * are what the events leave to do.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <sqlite3.h>
#include <glib/gi18n.h>

#include "cd-cert-pick.h"
#include "cd-device-register.h"
#include "cd-device-register-private.h"
#include "cd-sql.h"
#include "cd-text.h"

void
cd_recovery_task_free (CdRecoveryTask *t)
{
  if (t == NULL)
    return;
  g_free (t->kind);
  g_free (t->device_serial);
  g_free (t->staff_name);
  g_free (t->certificate_serial);
  g_free (t->due_date);
  g_free (t->done_date);
  g_free (t->note);
  g_free (t);
}

/* Whether there is something to recover: a device with its holder
 * (locked or damaged ones too), not one lost (Mẫu 09: nothing to take
 * back), already at the unit or returned. With @certificate_id, only the
 * device that certificate is on: one linked elsewhere (the old token,
 * handed back) leaves a new, blank device alone. A certificate that
 * names no device (typed in, or from before the link existed) does not
 * rule the device out. */
static gboolean
recoverable (CdStore        *store,
             const CdDevice *device,
             gint64          certificate_id)
{
  CdDeviceStatus status = CD_DEVICE_IN_STOCK;

  if (device->holder_id <= 0 || !cd_device_status_from_id (device->status, &status)
      || (status != CD_DEVICE_WITH_HOLDER && status != CD_DEVICE_LOCKED && status != CD_DEVICE_DAMAGED))
    return FALSE;
  if (certificate_id > 0)
    {
      g_autoptr(CdCertificate) cert = cd_store_get_certificate (store, certificate_id, NULL);

      if (cert != NULL && cert->device_id != 0 && cert->device_id != device->id)
        return FALSE;
    }
  return TRUE;
}

gboolean
cd_devices_add_recovery_task (CdStore          *store,
                              gint64            device_id,
                              gint64            certificate_id,
                              const char       *notice_iso,
                              const CdHolidays *holidays,
                              char            **out_due,
                              GError          **error)
{
  sqlite3 *db = cd_store_get_db (store);
  sqlite3_stmt *st = NULL;
  g_autofree char *due = NULL;
  g_autoptr(CdDevice) device = NULL;
  gboolean exists = FALSE;
  int rc;

  due = cd_workdays_add (holidays, notice_iso, CD_RECOVERY_WORKING_DAYS);
  if (due == NULL)
    return cd_devices_validate_date (notice_iso, error);
  device = cd_store_get_device (store, device_id, error);
  if (device == NULL)
    return FALSE;
  if (!recoverable (store, device, certificate_id))
    {
      if (out_due)
        *out_due = NULL;
      return TRUE;
    }

  if (sqlite3_prepare_v2 (db, "SELECT due_date FROM tasks WHERE device_id = ? AND done_date IS NULL",
                          -1, &st, NULL) == SQLITE_OK)
    {
      sqlite3_bind_int64 (st, 1, device_id);
      if (sqlite3_step (st) == SQLITE_ROW)
        {
          exists = TRUE;
          g_free (due);
          due = cd_sql_column_text (st, 0);
        }
    }
  sqlite3_finalize (st);
  if (exists)
    {
      if (out_due)
        *out_due = g_steal_pointer (&due);
      return TRUE;
    }

  rc = sqlite3_prepare_v2 (db,
                           "INSERT INTO tasks (kind, device_id, certificate_id, staff_id, due_date, note)"
                           " VALUES ('recover_device', ?, ?, ?, ?, ?)", -1, &st, NULL);
  if (rc != SQLITE_OK)
    return cd_devices_sql_failed (store, error);
  sqlite3_bind_int64 (st, 1, device_id);
  cd_sql_bind_id (st, 2, certificate_id);
  cd_sql_bind_id (st, 3, device->holder_id);
  sqlite3_bind_text (st, 4, due, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (st, 5, notice_iso, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (st);
  sqlite3_finalize (st);
  if (rc != SQLITE_DONE)
    return cd_devices_sql_failed (store, error);
  if (!cd_store_audit (store, "task", "device", device_id, NULL, due, error))
    return FALSE;
  cd_store_emit_changed (store, "task");
  if (out_due)
    *out_due = g_steal_pointer (&due);
  return TRUE;
}

int
cd_devices_sync_recovery_tasks (CdStore          *store,
                                gint64            now,
                                const CdHolidays *holidays,
                                GError          **error)
{
  sqlite3_stmt *st = NULL;
  g_autoptr(GArray) devices = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) certs = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) notices = g_ptr_array_new_with_free_func (g_free);
  int opened = 0;

  if (cd_store_is_read_only (store))
    return 0;
  if (sqlite3_prepare_v2 (cd_store_get_db (store),
                          "SELECT d.id, c.id, c.revoked, c.revoked_date, c.not_after,"
                          "  (SELECT max(e.date) FROM handover_events e WHERE e.device_id = d.id"
                          "   AND e.kind = 'hand_to_holder' AND e.staff_id = d.holder_id)"
                          " FROM devices d JOIN certificates c ON c.id ="
                          "  (SELECT id FROM certificates WHERE device_id = d.id"
                          "   ORDER BY not_after DESC, id DESC LIMIT 1)"
                          " WHERE d.holder_id IS NOT NULL"
                          "  AND d.status IN ('with_holder', 'locked', 'damaged')"
                          "  AND (c.revoked <> 0 OR (c.not_after > 0 AND c.not_after <= ?1))"
                          "  AND NOT EXISTS (SELECT 1 FROM certificates v WHERE v.device_id = d.id"
                          "                  AND v.revoked = 0 AND v.not_after > ?1)"
                          "  AND NOT EXISTS (SELECT 1 FROM tasks t WHERE t.device_id = d.id"
                          "                  AND (t.certificate_id = c.id OR t.done_date IS NULL))",
                          -1, &st, NULL) != SQLITE_OK)
    {
      cd_devices_sql_failed (store, error);
      return -1;
    }
  sqlite3_bind_int64 (st, 1, now);
  while (sqlite3_step (st) == SQLITE_ROW)
    {
      gint64 device = sqlite3_column_int64 (st, 0), cert = sqlite3_column_int64 (st, 1);
      g_autofree char *revoked_date = cd_sql_column_text (st, 3);
      char *notice;

      if (sqlite3_column_int (st, 2) != 0 && revoked_date != NULL)
        notice = g_strndup (revoked_date, 10);
      else
        {
          g_autoptr(GDateTime) t = g_date_time_new_from_unix_local (sqlite3_column_int64 (st, 4));
          notice = t ? g_date_time_format (t, "%Y-%m-%d") : NULL;
        }
      if (notice == NULL)
        continue;
      /* A device handed over after its certificate ended was not due
       * before it was handed: its clock starts that day, so a task is
       * never overdue the moment it opens. */
      {
        g_autofree char *handed = cd_sql_column_text (st, 5);

        if (handed != NULL && g_strcmp0 (handed, notice) > 0)
          {
            g_free (notice);
            notice = g_steal_pointer (&handed);
          }
      }
      g_array_append_val (devices, device);
      g_array_append_val (certs, cert);
      g_ptr_array_add (notices, notice);
    }
  sqlite3_finalize (st);

  if (devices->len == 0)
    return 0;
  /* One transaction for all: on a large register opened for the first
   * time this can be thousands of tasks, and a commit each (an fsync
   * each) took a minute at start-up. */
  if (!cd_store_begin (store, error))
    return -1;
  for (guint i = 0; i < devices->len; i++)
    {
      if (!cd_devices_add_recovery_task (store, g_array_index (devices, gint64, i),
                                         g_array_index (certs, gint64, i),
                                         g_ptr_array_index (notices, i), holidays, NULL, error))
        {
          cd_store_rollback (store);
          return -1;
        }
      opened++;
    }
  if (!cd_store_commit (store, error))
    {
      cd_store_rollback (store);
      return -1;
    }
  return opened;
}

GPtrArray *
cd_devices_list_open_tasks (CdStore          *store,
                            const char       *today_iso,
                            const CdHolidays *holidays,
                            GError          **error)
{
  sqlite3_stmt *st = NULL;
  g_autoptr(GPtrArray) out =
    g_ptr_array_new_with_free_func ((GDestroyNotify) cd_recovery_task_free);

  if (sqlite3_prepare_v2 (cd_store_get_db (store),
                          "SELECT t.id, t.kind, t.device_id, d.token_serial, t.staff_id, s.full_name,"
                          " t.certificate_id, c.serial, t.due_date, t.done_date, t.note"
                          " FROM tasks t"
                          " LEFT JOIN devices d ON d.id = t.device_id"
                          " LEFT JOIN staff s ON s.id = t.staff_id"
                          " LEFT JOIN certificates c ON c.id = t.certificate_id"
                          " WHERE t.done_date IS NULL ORDER BY t.due_date, t.id",
                          -1, &st, NULL) != SQLITE_OK)
    {
      cd_devices_sql_failed (store, error);
      return NULL;
    }
  while (sqlite3_step (st) == SQLITE_ROW)
    {
      CdRecoveryTask *t = g_new0 (CdRecoveryTask, 1);

      t->id = sqlite3_column_int64 (st, 0);
      t->kind = cd_sql_column_text (st, 1);
      t->device_id = sqlite3_column_int64 (st, 2);
      t->device_serial = cd_sql_column_text (st, 3);
      t->staff_id = sqlite3_column_int64 (st, 4);
      t->staff_name = cd_sql_column_text (st, 5);
      t->certificate_id = sqlite3_column_int64 (st, 6);
      t->certificate_serial = cd_sql_column_text (st, 7);
      t->due_date = cd_sql_column_text (st, 8);
      t->done_date = cd_sql_column_text (st, 9);
      t->note = cd_sql_column_text (st, 10);
      if (today_iso != NULL && t->due_date != NULL && g_strcmp0 (today_iso, t->due_date) > 0)
        t->days_overdue = MAX (1, cd_workdays_between (holidays, t->due_date, today_iso));
      g_ptr_array_add (out, t);
    }
  sqlite3_finalize (st);
  return g_steal_pointer (&out);
}

static gboolean write_holiday (CdStore     *store,
                               const char  *date_iso,
                               const char  *name,
                               GError     **error);

/* How many dates the register's list has; -1 when it cannot be read. */
static gint64
count_holidays (CdStore *store)
{
  return cd_sql_query_int64 (cd_store_get_db (store), "SELECT count(*) FROM holidays", -1);
}

/* Every date of @shipped into the register, inside the caller's
 * transaction. */
static gboolean
seed_holidays (CdStore           *store,
               const CdHolidays  *shipped,
               GError           **error)
{
  g_auto(GStrv) dates = cd_holidays_list (shipped);

  for (guint i = 0; dates[i] != NULL; i++)
    if (!write_holiday (store, dates[i], cd_holidays_lookup (shipped, dates[i]), error))
      return FALSE;
  return TRUE;
}

CdHolidays *
cd_devices_load_holidays (CdStore  *store,
                          GError  **error)
{
  sqlite3 *db = cd_store_get_db (store);
  sqlite3_stmt *st = NULL;
  g_autoptr(CdHolidays) holidays = cd_holidays_new ();
  guint n = 0;

  if (sqlite3_prepare_v2 (db, "SELECT date, name FROM holidays", -1, &st, NULL) != SQLITE_OK)
    {
      cd_devices_sql_failed (store, error);
      return NULL;
    }
  while (sqlite3_step (st) == SQLITE_ROW)
    {
      cd_holidays_add (holidays, (const char *) sqlite3_column_text (st, 0),
                       (const char *) sqlite3_column_text (st, 1));
      n++;
    }
  sqlite3_finalize (st);
  if (n > 0)
    return g_steal_pointer (&holidays);

  /* First use: copy the shipped list into the register, where the clerk
   * can edit it. A read-only register still gets the shipped list, and
   * so does one whose integrity check is still pending: a write would
   * run that check here first, and the window reads holidays on its
   * own thread right after its first frame (a 100,000-staff register's
   * first start waited 0.6 s for it, its cache filled with every page).
   * The first read after the check writes them; an edit of the clerk's
   * before then copies them first (cd_devices_set_holiday()). */
  {
    g_autoptr(CdHolidays) shipped = cd_holidays_new_default (error);

    if (shipped == NULL)
      return NULL;
    /* pending first: asking whether it is read-only runs the check */
    if (cd_store_get_check_pending (store) || cd_store_is_read_only (store)
        || !cd_store_begin (store, NULL))
      return g_steal_pointer (&shipped);
    if (!seed_holidays (store, shipped, NULL) || !cd_store_commit (store, NULL))
      cd_store_rollback (store);
    return g_steal_pointer (&shipped);
  }
}

gboolean
cd_devices_set_holiday (CdStore     *store,
                        const char  *date_iso,
                        const char  *name,
                        GError     **error)
{
  g_autoptr(CdHolidays) shipped = NULL;
  gboolean ok;

  if (!cd_devices_validate_date (date_iso, error))
    return FALSE;
  /* A register without its holidays yet (read while its check was
   * pending) gets the shipped list first, in the same transaction:
   * else this one date would become the whole list. */
  if (count_holidays (store) > 0)
    return write_holiday (store, date_iso, name, error);
  shipped = cd_holidays_new_default (error);
  if (shipped == NULL || !cd_store_begin (store, error))
    return FALSE;
  ok = seed_holidays (store, shipped, error) && write_holiday (store, date_iso, name, error)
       && cd_store_commit (store, error);
  if (!ok)
    cd_store_rollback (store);
  return ok;
}

/* One date of the register's list set (@name) or removed (NULL),
 * audited. */
static gboolean
write_holiday (CdStore     *store,
               const char  *date_iso,
               const char  *name,
               GError     **error)
{
  sqlite3_stmt *st = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (cd_store_get_db (store),
                           name ? "INSERT OR REPLACE INTO holidays (date, name) VALUES (?, ?)"
                                : "DELETE FROM holidays WHERE date = ?",
                           -1, &st, NULL);
  if (rc != SQLITE_OK)
    return cd_devices_sql_failed (store, error);
  sqlite3_bind_text (st, 1, date_iso, -1, SQLITE_TRANSIENT);
  if (name)
    sqlite3_bind_text (st, 2, name, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (st);
  sqlite3_finalize (st);
  if (rc != SQLITE_DONE)
    return cd_devices_sql_failed (store, error);
  if (!cd_store_audit (store, name ? "set" : "delete", "holiday", 0, date_iso, name, error))
    return FALSE;
  cd_store_emit_changed (store, "holiday");
  return TRUE;
}

void
cd_device_overview_free (CdDeviceOverview *overview)
{
  if (overview == NULL)
    return;
  g_clear_pointer (&overview->devices, g_ptr_array_unref);
  g_clear_pointer (&overview->tasks, g_ptr_array_unref);
  g_free (overview);
}

CdDeviceOverview *
cd_devices_overview (CdStore  *store,
                     gint64    now,
                     GError  **error)
{
  g_autoptr(CdDeviceOverview) o = g_new0 (CdDeviceOverview, 1);
  g_autoptr(CdHolidays) holidays = NULL;
  g_autoptr(GDateTime) local = g_date_time_new_from_unix_local (now);
  g_autofree char *today = local ? g_date_time_format (local, "%Y-%m-%d") : cd_text_today_iso ();
  int opened;

  holidays = cd_devices_load_holidays (store, error);
  if (holidays == NULL)
    return NULL;
  opened = cd_devices_sync_recovery_tasks (store, now, holidays, error);
  if (opened < 0)
    return NULL;
  o->n_opened = (guint) opened;
  o->devices = cd_store_list_device_entries (store, error);
  if (o->devices == NULL)
    return NULL;
  o->tasks = cd_devices_list_open_tasks (store, today, holidays, error);
  if (o->tasks == NULL)
    return NULL;
  for (guint i = 0; i < o->tasks->len; i++)
    {
      const CdRecoveryTask *t = g_ptr_array_index (o->tasks, i);

      if (t->days_overdue > 0)
        o->n_overdue++;
      if (g_strcmp0 (t->due_date, today) <= 0)
        o->n_due++;
    }
  return g_steal_pointer (&o);
}
