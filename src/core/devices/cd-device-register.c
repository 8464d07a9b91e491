/* cd-device-register.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <sqlite3.h>
#include <glib/gi18n.h>

#include "cd-cert-pick.h"
#include "cd-device-register.h"
#include "cd-sql.h"
#include "cd-text.h"

/* ---- Records ----------------------------------------------------------- */

CdEventPerson *
cd_event_person_new (const char *side,
                     const char *name,
                     const char *title,
                     const char *org)
{
  CdEventPerson *p = g_new0 (CdEventPerson, 1);

  p->side = g_strdup (side);
  p->name = g_strdup (name);
  p->title = g_strdup (title);
  p->org = g_strdup (org);
  return p;
}

void
cd_event_person_free (CdEventPerson *p)
{
  if (p == NULL)
    return;
  g_free (p->side);
  g_free (p->name);
  g_free (p->title);
  g_free (p->org);
  g_free (p);
}

CdHandoverEvent *
cd_handover_event_new (CdHandoverKind  kind,
                       const char     *date_iso)
{
  CdHandoverEvent *e = g_new0 (CdHandoverEvent, 1);

  e->kind = kind;
  e->date = g_strdup (date_iso);
  e->people = g_ptr_array_new_with_free_func ((GDestroyNotify) cd_event_person_free);
  return e;
}

void
cd_handover_event_free (CdHandoverEvent *e)
{
  if (e == NULL)
    return;
  g_free (e->date);
  g_free (e->place);
  g_clear_pointer (&e->people, g_ptr_array_unref);
  g_free (e->note);
  g_free (e->device_serial);
  g_free (e->staff_name);
  g_free (e);
}

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

/* ---- SQL --------------------------------------------------------------- */

static gboolean
sql_failed (CdStore  *store,
            GError  **error)
{
  return cd_sql_set_last_error (cd_store_get_db (store), error);
}

/* The people present, stored as a JSON array of {side, name, title, org}. */
static char *
people_to_json (GPtrArray *people)
{
  GString *s = g_string_new ("[");

  for (guint i = 0; people != NULL && i < people->len; i++)
    {
      CdEventPerson *p = g_ptr_array_index (people, i);
      const char *fields[4][2] = {
        { "side", p->side }, { "name", p->name }, { "title", p->title }, { "org", p->org },
      };

      g_string_append (s, i ? ",{" : "{");
      for (guint f = 0; f < 4; f++)
        {
          g_string_append_printf (s, "%s\"%s\":", f ? "," : "", fields[f][0]);
          if (fields[f][1] == NULL)
            g_string_append (s, "null");
          else
            {
              g_string_append_c (s, '"');
              for (const char *c = fields[f][1]; *c; c++)
                {
                  if (*c == '"' || *c == '\\')
                    g_string_append_printf (s, "\\%c", *c);
                  else if ((guchar) *c < 0x20)
                    g_string_append_printf (s, "\\u%04x", (guchar) *c);
                  else
                    g_string_append_c (s, *c);
                }
              g_string_append_c (s, '"');
            }
        }
      g_string_append_c (s, '}');
    }
  g_string_append_c (s, ']');
  return g_string_free (s, FALSE);
}

static GPtrArray *
people_from_json (sqlite3    *db,
                  gint64      event_id)
{
  GPtrArray *people = g_ptr_array_new_with_free_func ((GDestroyNotify) cd_event_person_free);
  sqlite3_stmt *st = NULL;

  /* SQLite's JSON functions parse what people_to_json() wrote. */
  if (sqlite3_prepare_v2 (db,
                          "SELECT json_extract(j.value,'$.side'), json_extract(j.value,'$.name'),"
                          " json_extract(j.value,'$.title'), json_extract(j.value,'$.org')"
                          " FROM handover_events e, json_each(coalesce(e.people_present,'[]')) j"
                          " WHERE e.id = ? ORDER BY j.key", -1, &st, NULL) == SQLITE_OK)
    {
      sqlite3_bind_int64 (st, 1, event_id);
      while (sqlite3_step (st) == SQLITE_ROW)
        {
          g_autofree char *side = cd_sql_column_text (st, 0);
          g_autofree char *name = cd_sql_column_text (st, 1);
          g_autofree char *title = cd_sql_column_text (st, 2);
          g_autofree char *org = cd_sql_column_text (st, 3);
          g_ptr_array_add (people, cd_event_person_new (side, name, title, org));
        }
    }
  sqlite3_finalize (st);
  return people;
}

static gboolean
insert_event (CdStore          *store,
              CdHandoverEvent  *ev,
              GError          **error)
{
  sqlite3 *db = cd_store_get_db (store);
  sqlite3_stmt *st = NULL;
  g_autofree char *people = people_to_json (ev->people);
  g_autofree char *summary = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db,
                           "INSERT INTO handover_events (device_id, staff_id, kind, date, place,"
                           " people_present, note, document_id) VALUES (?,?,?,?,?,?,?,?)",
                           -1, &st, NULL);
  if (rc != SQLITE_OK)
    return sql_failed (store, error);
  cd_sql_bind_id (st, 1, ev->device_id);
  cd_sql_bind_id (st, 2, ev->staff_id);
  sqlite3_bind_text (st, 3, cd_handover_kind_to_id (ev->kind), -1, SQLITE_STATIC);
  sqlite3_bind_text (st, 4, ev->date, -1, SQLITE_TRANSIENT);
  cd_sql_bind_text (st, 5, ev->place);
  sqlite3_bind_text (st, 6, people, -1, SQLITE_TRANSIENT);
  cd_sql_bind_text (st, 7, ev->note);
  cd_sql_bind_id (st, 8, ev->document_id);
  rc = sqlite3_step (st);
  sqlite3_finalize (st);
  if (rc != SQLITE_DONE)
    return sql_failed (store, error);
  ev->id = sqlite3_last_insert_rowid (db);

  summary = g_strdup_printf ("%s %s", cd_handover_kind_to_id (ev->kind), ev->date);
  return cd_store_audit (store, "handover", "device", ev->device_id, NULL, summary, error);
}

static gboolean
update_device_state (CdStore         *store,
                     gint64           device_id,
                     CdDeviceStatus   status,
                     gint64           holder_id,
                     const char      *old_status,
                     GError         **error)
{
  sqlite3_stmt *st = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (cd_store_get_db (store),
                           "UPDATE devices SET status = ?, holder_id = ? WHERE id = ?",
                           -1, &st, NULL);
  if (rc != SQLITE_OK)
    return sql_failed (store, error);
  sqlite3_bind_text (st, 1, cd_device_status_to_id (status), -1, SQLITE_STATIC);
  cd_sql_bind_id (st, 2, holder_id);
  sqlite3_bind_int64 (st, 3, device_id);
  rc = sqlite3_step (st);
  sqlite3_finalize (st);
  if (rc != SQLITE_DONE)
    return sql_failed (store, error);
  return cd_store_audit (store, "status", "device", device_id, old_status,
                         cd_device_status_to_id (status), error);
}

/* cd_store_save_device() runs its own transaction; a batch must be one. */
static gboolean
insert_device_locked (CdStore   *store,
                      CdDevice  *d,
                      GError   **error)
{
  sqlite3 *db = cd_store_get_db (store);
  sqlite3_stmt *st = NULL;
  char *clean;
  int rc;

  clean = cd_text_clean (d->token_serial);
  g_free (d->token_serial);
  d->token_serial = clean;
  clean = d->type ? g_ascii_strup (d->type, -1) : g_strdup ("TOKEN");
  g_free (d->type);
  d->type = clean;

  rc = sqlite3_prepare_v2 (db,
                           "INSERT INTO devices (token_serial, label, manufacturer, model, type,"
                           " holder_id, status, carrier, phone, ported) VALUES (?,?,?,?,?,NULL,?,?,?,?)",
                           -1, &st, NULL);
  if (rc != SQLITE_OK)
    return sql_failed (store, error);
  sqlite3_bind_text (st, 1, d->token_serial, -1, SQLITE_TRANSIENT);
  cd_sql_bind_text (st, 2, d->label);
  cd_sql_bind_text (st, 3, d->manufacturer);
  cd_sql_bind_text (st, 4, d->model);
  sqlite3_bind_text (st, 5, d->type, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (st, 6, d->status, -1, SQLITE_TRANSIENT);
  /* A SIM PKI's details (cd_device_kind_check() made them consistent). */
  cd_sql_bind_text (st, 7, d->carrier);
  cd_sql_bind_text (st, 8, d->phone);
  sqlite3_bind_int (st, 9, d->ported ? 1 : 0);
  rc = sqlite3_step (st);
  sqlite3_finalize (st);
  if (rc == SQLITE_CONSTRAINT)
    {
      g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                   _("The device type “%s” is not known. Choose TOKEN, SIM, HSM, SOFT or RSSP."),
                   d->type);
      return FALSE;
    }
  if (rc != SQLITE_DONE)
    return sql_failed (store, error);
  d->id = sqlite3_last_insert_rowid (db);
  return cd_store_audit (store, "insert", "device", d->id, NULL, d->token_serial, error);
}

static gboolean
validate_date (const char  *iso,
               GError     **error)
{
  g_autofree char *probe = cd_workdays_add (NULL, iso, 0);

  if (probe == NULL)
    {
      g_set_error_literal (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                           _("The date of the event is missing or not a real date. Enter it as dd/mm/yyyy."));
      return FALSE;
    }
  return TRUE;
}

static char *
staff_name (CdStore *store,
            gint64   staff_id)
{
  g_autoptr(CdStaff) staff = NULL;

  if (staff_id <= 0)
    return NULL;
  staff = cd_store_get_staff (store, staff_id, NULL);
  return staff ? g_strdup (staff->full_name) : NULL;
}

/* The history of a device must read in the order things happened: an
 * event dated before the device's latest one is a typing mistake. */
static gboolean
check_not_before_last (CdStore     *store,
                       gint64       device_id,
                       const char  *date_iso,
                       GError     **error)
{
  sqlite3_stmt *st = NULL;
  g_autofree char *last = NULL;

  if (sqlite3_prepare_v2 (cd_store_get_db (store),
                          "SELECT max(date) FROM handover_events WHERE device_id = ?",
                          -1, &st, NULL) != SQLITE_OK)
    return sql_failed (store, error);
  sqlite3_bind_int64 (st, 1, device_id);
  if (sqlite3_step (st) == SQLITE_ROW)
    last = cd_sql_column_text (st, 0);
  sqlite3_finalize (st);
  if (last != NULL && g_strcmp0 (date_iso, last) < 0)
    {
      g_autofree char *shown = cd_text_date_display (last);
      g_set_error (error, CD_HANDOVER_ERROR, CD_HANDOVER_ERROR_REFUSED,
                   _("The last event of this device is dated %s; a new event cannot be dated earlier. Check the date."),
                   shown);
      return FALSE;
    }
  return TRUE;
}

/* Applies the rules to @device and writes the new state and the event. */
static gboolean
apply_locked (CdStore          *store,
              CdDevice         *device,
              CdHandoverEvent  *ev,
              gint64            new_holder_id,
              GError          **error)
{
  CdDeviceStatus status = CD_DEVICE_IN_STOCK, next;
  gint64 next_holder;
  g_autofree char *holder = staff_name (store, device->holder_id);

  if (!cd_device_status_from_id (device->status, &status))
    status = CD_DEVICE_IN_STOCK;

  if (!cd_handover_apply (status, device->holder_id, holder, ev->kind, new_holder_id,
                          &next, &next_holder, error)
      || !check_not_before_last (store, device->id, ev->date, error))
    return FALSE;

  /* The event names the holder concerned: the receiver of a handover,
   * else the one who held it. */
  ev->device_id = device->id;
  ev->staff_id = ev->kind == CD_HANDOVER_HAND_TO_HOLDER ? new_holder_id : device->holder_id;

  if (!update_device_state (store, device->id, next, next_holder, device->status, error))
    return FALSE;
  g_free (device->status);
  device->status = g_strdup (cd_device_status_to_id (next));
  device->holder_id = next_holder;
  return insert_event (store, ev, error);
}

static gboolean
close_tasks_locked (CdStore     *store,
                    gint64       device_id,
                    const char  *date_iso,
                    const char  *note,
                    GError     **error)
{
  sqlite3_stmt *st = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (cd_store_get_db (store),
                           "UPDATE tasks SET done_date = ?, note = coalesce(note || ' · ', '') || ?"
                           " WHERE device_id = ? AND done_date IS NULL",
                           -1, &st, NULL);
  if (rc != SQLITE_OK)
    return sql_failed (store, error);
  sqlite3_bind_text (st, 1, date_iso, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (st, 2, note, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (st, 3, device_id);
  rc = sqlite3_step (st);
  sqlite3_finalize (st);
  return rc == SQLITE_DONE ? TRUE : sql_failed (store, error);
}

/* ---- Public ------------------------------------------------------------ */

gboolean
cd_devices_apply (CdStore          *store,
                  CdHandoverEvent  *ev,
                  gint64            new_holder_id,
                  GError          **error)
{
  g_autoptr(CdDevice) device = NULL;

  g_return_val_if_fail (CD_IS_STORE (store), FALSE);
  g_return_val_if_fail (ev != NULL, FALSE);
  g_return_val_if_fail (ev->kind != CD_HANDOVER_RECEIVE
                        && ev->kind != CD_HANDOVER_RETURN_TO_PROVIDER, FALSE);

  if (!validate_date (ev->date, error))
    return FALSE;
  device = cd_store_get_device (store, ev->device_id, error);
  if (device == NULL)
    return FALSE;

  if (!cd_store_begin (store, error))
    return FALSE;
  if (!apply_locked (store, device, ev, new_holder_id, error)
      || (ev->kind == CD_HANDOVER_REPORT_LOST
          && !close_tasks_locked (store, device->id, ev->date, _("device lost"), error))
      || !cd_store_commit (store, error))
    {
      cd_store_rollback (store);
      return FALSE;
    }
  cd_store_emit_changed (store, "device");
  return TRUE;
}

gboolean
cd_devices_awaiting_minutes (CdStore        *store,
                             const CdDevice *device)
{
  g_autoptr(CdSqlStmt) st = NULL;
  gboolean handed = TRUE;

  if (device == NULL || device->holder_id == 0 || g_strcmp0 (device->status, "with_holder") != 0)
    return FALSE;
  st = cd_sql_prepare (cd_store_get_db (store),
                       "SELECT 1 FROM handover_events WHERE device_id = ? AND kind = 'hand_to_holder'"
                       " AND staff_id = ? LIMIT 1", NULL);
  if (st == NULL)
    return FALSE;
  sqlite3_bind_int64 (st, 1, device->id);
  sqlite3_bind_int64 (st, 2, device->holder_id);
  handed = sqlite3_step (st) == SQLITE_ROW;
  return !handed;
}

gboolean
cd_devices_hand_out (CdStore       *store,
                     GPtrArray     *events,
                     const gint64  *holder_ids,
                     GError       **error)
{
  g_return_val_if_fail (CD_IS_STORE (store), FALSE);
  g_return_val_if_fail (events != NULL, FALSE);

  for (guint i = 0; i < events->len; i++)
    {
      CdHandoverEvent *ev = g_ptr_array_index (events, i);
      g_return_val_if_fail (ev->kind == CD_HANDOVER_HAND_TO_HOLDER, FALSE);
      if (!validate_date (ev->date, error))
        return FALSE;
    }
  if (!cd_store_begin (store, error))
    return FALSE;
  for (guint i = 0; i < events->len; i++)
    {
      CdHandoverEvent *ev = g_ptr_array_index (events, i);
      g_autoptr(CdDevice) device = cd_store_get_device (store, ev->device_id, error);

      if (device == NULL)
        goto failed;
      /* A token that became its holder's device when first plugged in
       * has no minutes yet: handing it now is the handover that was
       * assumed, so the rules see it as still in stock. */
      if (device->holder_id == holder_ids[i] && cd_devices_awaiting_minutes (store, device))
        {
          g_free (device->status);
          device->status = g_strdup (cd_device_status_to_id (CD_DEVICE_IN_STOCK));
          device->holder_id = 0;
        }
      if (!apply_locked (store, device, ev, holder_ids[i], error))
        goto failed;
    }
  if (!cd_store_commit (store, error))
    goto failed;
  cd_store_emit_changed (store, "device");
  return TRUE;

failed:
  cd_store_rollback (store);
  return FALSE;
}

gboolean
cd_devices_pass (CdStore          *store,
                 CdHandoverEvent  *take_back,
                 CdHandoverEvent  *hand,
                 gint64            new_holder_id,
                 GError          **error)
{
  g_autoptr(CdDevice) device = NULL;

  g_return_val_if_fail (CD_IS_STORE (store), FALSE);
  g_return_val_if_fail (take_back != NULL && take_back->kind == CD_HANDOVER_TAKE_BACK, FALSE);
  g_return_val_if_fail (hand != NULL && hand->kind == CD_HANDOVER_HAND_TO_HOLDER, FALSE);

  if (!validate_date (take_back->date, error) || !validate_date (hand->date, error))
    return FALSE;
  device = cd_store_get_device (store, hand->device_id, error);
  if (device == NULL)
    return FALSE;
  if (!cd_store_begin (store, error))
    return FALSE;
  /* Both or neither: a device half passed would be nobody's. */
  if (!apply_locked (store, device, take_back, 0, error)
      || !apply_locked (store, device, hand, new_holder_id, error)
      || !cd_store_commit (store, error))
    {
      cd_store_rollback (store);
      return FALSE;
    }
  cd_store_emit_changed (store, "device");
  return TRUE;
}

gboolean
cd_devices_receive (CdStore          *store,
                    GPtrArray        *devices,
                    CdHandoverEvent  *ev,
                    GError          **error)
{
  g_return_val_if_fail (CD_IS_STORE (store), FALSE);
  g_return_val_if_fail (ev != NULL && ev->kind == CD_HANDOVER_RECEIVE, FALSE);

  if (!validate_date (ev->date, error))
    return FALSE;
  if (devices == NULL || devices->len == 0)
    {
      g_set_error_literal (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                           _("Add at least one device (its serial number) to receive."));
      return FALSE;
    }

  if (!cd_store_begin (store, error))
    return FALSE;
  for (guint i = 0; i < devices->len; i++)
    {
      CdDevice *d = g_ptr_array_index (devices, i);
      g_autoptr(CdDevice) known = NULL;
      CdDeviceStatus status = CD_DEVICE_NEW, next;
      gint64 holder;

      if (d->token_serial == NULL || *d->token_serial == '\0')
        {
          g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                       _("Device %u of the batch has no serial number. Enter the serial printed on the device."),
                       i + 1);
          goto fail;
        }
      known = cd_store_find_device_by_serial (store, d->token_serial);
      if (known != NULL && !cd_device_status_from_id (known->status, &status))
        status = CD_DEVICE_IN_STOCK;
      if (!cd_handover_apply (status, known ? known->holder_id : 0, NULL, ev->kind, 0,
                              &next, &holder, error))
        {
          g_prefix_error (error, _("Device %s: "), d->token_serial);
          goto fail;
        }
      if (known != NULL && !check_not_before_last (store, known->id, ev->date, error))
        {
          g_prefix_error (error, _("Device %s: "), d->token_serial);
          goto fail;
        }
      if (known != NULL)
        {
          d->id = known->id;
          if (!update_device_state (store, known->id, next, 0, known->status, error))
            goto fail;
        }
      else
        {
          g_free (d->status);
          d->status = g_strdup (cd_device_status_to_id (next));
          d->holder_id = 0;
          if (!insert_device_locked (store, d, error))
            goto fail;
        }
      ev->device_id = d->id;
      ev->staff_id = 0;
      if (!insert_event (store, ev, error))
        goto fail;
    }
  if (!cd_store_commit (store, error))
    goto fail;
  cd_store_emit_changed (store, "device");
  return TRUE;

fail:
  cd_store_rollback (store);
  return FALSE;
}

gboolean
cd_devices_return_to_provider (CdStore          *store,
                               const gint64     *device_ids,
                               guint             n_devices,
                               CdHandoverEvent  *ev,
                               GError          **error)
{
  g_return_val_if_fail (CD_IS_STORE (store), FALSE);
  g_return_val_if_fail (ev != NULL && ev->kind == CD_HANDOVER_RETURN_TO_PROVIDER, FALSE);

  if (!validate_date (ev->date, error))
    return FALSE;
  if (n_devices == 0)
    {
      g_set_error_literal (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                           _("Choose at least one device to hand to the provider."));
      return FALSE;
    }

  if (!cd_store_begin (store, error))
    return FALSE;
  for (guint i = 0; i < n_devices; i++)
    {
      g_autoptr(CdDevice) device = cd_store_get_device (store, device_ids[i], error);

      if (device == NULL
          || !apply_locked (store, device, ev, 0, error)
          || !close_tasks_locked (store, device->id, ev->date, _("handed to the provider"), error))
        {
          if (device != NULL && error && *error)
            g_prefix_error (error, _("Device %s: "), device->token_serial);
          cd_store_rollback (store);
          return FALSE;
        }
    }
  if (!cd_store_commit (store, error))
    {
      cd_store_rollback (store);
      return FALSE;
    }
  cd_store_emit_changed (store, "device");
  return TRUE;
}

GPtrArray *
cd_devices_history (CdStore  *store,
                    gint64    device_id,
                    gint64    staff_id,
                    GError  **error)
{
  sqlite3 *db = cd_store_get_db (store);
  sqlite3_stmt *st = NULL;
  g_autoptr(GPtrArray) out =
    g_ptr_array_new_with_free_func ((GDestroyNotify) cd_handover_event_free);

  if (sqlite3_prepare_v2 (db,
                          "SELECT e.id, e.device_id, e.staff_id, e.kind, e.date, e.place, e.note,"
                          " e.document_id, d.token_serial, s.full_name"
                          " FROM handover_events e"
                          " LEFT JOIN devices d ON d.id = e.device_id"
                          " LEFT JOIN staff s ON s.id = e.staff_id"
                          " WHERE (?1 > 0 AND e.device_id = ?1) OR (?2 > 0 AND e.staff_id = ?2)"
                          " ORDER BY e.date, e.id", -1, &st, NULL) != SQLITE_OK)
    {
      sql_failed (store, error);
      return NULL;
    }
  sqlite3_bind_int64 (st, 1, device_id);
  sqlite3_bind_int64 (st, 2, staff_id);
  while (sqlite3_step (st) == SQLITE_ROW)
    {
      CdHandoverKind kind = CD_HANDOVER_RECEIVE;
      g_autofree char *kind_id = cd_sql_column_text (st, 3);
      g_autofree char *date = cd_sql_column_text (st, 4);
      CdHandoverEvent *e;

      cd_handover_kind_from_id (kind_id, &kind);
      e = cd_handover_event_new (kind, date);
      e->id = sqlite3_column_int64 (st, 0);
      e->device_id = sqlite3_column_int64 (st, 1);
      e->staff_id = sqlite3_column_int64 (st, 2);
      e->place = cd_sql_column_text (st, 5);
      e->note = cd_sql_column_text (st, 6);
      e->document_id = sqlite3_column_int64 (st, 7);
      e->device_serial = cd_sql_column_text (st, 8);
      e->staff_name = cd_sql_column_text (st, 9);
      g_clear_pointer (&e->people, g_ptr_array_unref);
      e->people = people_from_json (db, e->id);
      g_ptr_array_add (out, e);
    }
  sqlite3_finalize (st);
  return g_steal_pointer (&out);
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
    return validate_date (notice_iso, error);
  device = cd_store_get_device (store, device_id, error);
  if (device == NULL)
    return FALSE;

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
    return sql_failed (store, error);
  sqlite3_bind_int64 (st, 1, device_id);
  cd_sql_bind_id (st, 2, certificate_id);
  cd_sql_bind_id (st, 3, device->holder_id);
  sqlite3_bind_text (st, 4, due, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (st, 5, notice_iso, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (st);
  sqlite3_finalize (st);
  if (rc != SQLITE_DONE)
    return sql_failed (store, error);
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
                          "SELECT d.id, c.id, c.revoked, c.revoked_date, c.not_after"
                          " FROM devices d JOIN certificates c ON c.id ="
                          "  (SELECT id FROM certificates WHERE staff_id = d.holder_id"
                          "   ORDER BY not_after DESC, id DESC LIMIT 1)"
                          " WHERE d.holder_id IS NOT NULL"
                          "  AND d.status IN ('with_holder', 'locked', 'damaged')"
                          "  AND (c.revoked <> 0 OR (c.not_after > 0 AND c.not_after <= ?1))"
                          "  AND NOT EXISTS (SELECT 1 FROM tasks t WHERE t.device_id = d.id"
                          "                  AND (t.certificate_id = c.id OR t.done_date IS NULL))",
                          -1, &st, NULL) != SQLITE_OK)
    {
      sql_failed (store, error);
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
      sql_failed (store, error);
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
      sql_failed (store, error);
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
   * can edit it. A read-only register still gets the shipped list. */
  {
    g_autoptr(CdHolidays) shipped = cd_holidays_new_default (error);
    g_auto(GStrv) dates = NULL;

    if (shipped == NULL)
      return NULL;
    if (cd_store_is_read_only (store) || !cd_store_begin (store, NULL))
      return g_steal_pointer (&shipped);
    dates = cd_holidays_list (shipped);
    for (guint i = 0; dates[i] != NULL; i++)
      if (!cd_devices_set_holiday (store, dates[i], cd_holidays_lookup (shipped, dates[i]), NULL))
        {
          cd_store_rollback (store);
          return g_steal_pointer (&shipped);
        }
    if (!cd_store_commit (store, NULL))
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
  sqlite3_stmt *st = NULL;
  int rc;

  if (!validate_date (date_iso, error))
    return FALSE;
  rc = sqlite3_prepare_v2 (cd_store_get_db (store),
                           name ? "INSERT OR REPLACE INTO holidays (date, name) VALUES (?, ?)"
                                : "DELETE FROM holidays WHERE date = ?",
                           -1, &st, NULL);
  if (rc != SQLITE_OK)
    return sql_failed (store, error);
  sqlite3_bind_text (st, 1, date_iso, -1, SQLITE_TRANSIENT);
  if (name)
    sqlite3_bind_text (st, 2, name, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (st);
  sqlite3_finalize (st);
  if (rc != SQLITE_DONE)
    return sql_failed (store, error);
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

CdCertificate *
cd_devices_holder_certificate (CdStore *store,
                               gint64   staff_id)
{
  g_autoptr(GPtrArray) certs = NULL;
  CdCertificate *pick;

  if (staff_id <= 0)
    return NULL;
  certs = cd_store_list_certificates_for_staff (store, staff_id, NULL);
  /* As cd_store_list_device_entries() picks it: the token's certificate
   * is the chuyên dùng signing one when the holder has one. */
  pick = cd_certificate_pick_for_procedure (certs, NULL, g_get_real_time () / G_USEC_PER_SEC);
  return pick != NULL ? cd_certificate_copy (pick) : NULL;
}
