/* cd-device-register.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <sqlite3.h>
#include <glib/gi18n.h>

#include "cd-cert-pick.h"
#include "cd-device-link.h"
#include "cd-device-register.h"
#include "cd-device-register-private.h"
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

char *
cd_handover_event_title (const CdHandoverEvent *e,
                         const char            *separator)
{
  g_autofree char *date = cd_text_date_display (e->date);

  if (date != NULL)
    return g_strdup_printf ("%s%s%s", date, separator, cd_handover_kind_label (e->kind));
  /* A device registered with the holder who already had it. */
  switch (e->kind)
    {
    case CD_HANDOVER_HAND_TO_HOLDER:
      return g_strdup (_("Held since before it was registered (handover date not known)"));
    case CD_HANDOVER_RECEIVE:
      return g_strdup (_("In the unit since before it was registered (date received not known)"));
    default:
      /* Translators: the date of an event nobody knows, then what happened */
      return g_strdup_printf (_("Date not known%s%s"), separator, cd_handover_kind_label (e->kind));
    }
}

/* ---- SQL --------------------------------------------------------------- */

gboolean
cd_devices_sql_failed (CdStore  *store,
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
  g_autoptr(CdCertificate) cert = NULL;
  int rc;

  /* What the device carries now, kept with the event: the link may
   * change later, a notice of this period must not. A device with no
   * link yet (often read or linked after it is handed out) keeps NULL,
   * "not known", not "blank". */
  if (ev->device_id > 0)
    cert = cd_devices_device_certificate (store, ev->device_id);
  rc = sqlite3_prepare_v2 (db,
                           "INSERT INTO handover_events (device_id, staff_id, kind, date, place,"
                           " people_present, note, document_id, certificate_serial)"
                           " VALUES (?,?,?,?,?,?,?,?,?)",
                           -1, &st, NULL);
  if (rc != SQLITE_OK)
    return cd_devices_sql_failed (store, error);
  cd_sql_bind_id (st, 1, ev->device_id);
  cd_sql_bind_id (st, 2, ev->staff_id);
  sqlite3_bind_text (st, 3, cd_handover_kind_to_id (ev->kind), -1, SQLITE_STATIC);
  sqlite3_bind_text (st, 4, ev->date, -1, SQLITE_TRANSIENT);
  cd_sql_bind_text (st, 5, ev->place);
  sqlite3_bind_text (st, 6, people, -1, SQLITE_TRANSIENT);
  cd_sql_bind_text (st, 7, ev->note);
  cd_sql_bind_id (st, 8, ev->document_id);
  if (cert != NULL && cert->serial != NULL)
    sqlite3_bind_text (st, 9, cert->serial, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (st);
  sqlite3_finalize (st);
  if (rc != SQLITE_DONE)
    return cd_devices_sql_failed (store, error);
  ev->id = sqlite3_last_insert_rowid (db);

  summary = g_strdup_printf ("%s %s", cd_handover_kind_to_id (ev->kind),
                             ev->date != NULL ? ev->date : "before-registration");
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
    return cd_devices_sql_failed (store, error);
  sqlite3_bind_text (st, 1, cd_device_status_to_id (status), -1, SQLITE_STATIC);
  cd_sql_bind_id (st, 2, holder_id);
  sqlite3_bind_int64 (st, 3, device_id);
  rc = sqlite3_step (st);
  sqlite3_finalize (st);
  if (rc != SQLITE_DONE)
    return cd_devices_sql_failed (store, error);
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
                           " holder_id, status, carrier, phone, ported, service_id)"
                           " VALUES (?,?,?,?,?,NULL,?,?,?,?,?)",
                           -1, &st, NULL);
  if (rc != SQLITE_OK)
    return cd_devices_sql_failed (store, error);
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
  /* a service's device, kept in stock until its duty officer gets it */
  cd_sql_bind_id (st, 10, d->service_id);
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
    return cd_devices_sql_failed (store, error);
  d->id = sqlite3_last_insert_rowid (db);
  return cd_store_audit (store, "insert", "device", d->id, NULL, d->token_serial, error);
}

gboolean
cd_devices_validate_date (const char  *iso,
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
    return cd_devices_sql_failed (store, error);
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

gboolean
cd_devices_check_handed_on (const char  *iso,
                            GError     **error)
{
  g_autofree char *today = cd_text_today_iso ();

  if (!cd_devices_validate_date (iso, error))
    return FALSE;
  if (g_strcmp0 (iso, today) > 0)
    {
      g_autofree char *shown = cd_text_date_display (iso);
      g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                   _("The handover date %s is after today. Give the day the holder actually received the device, "
                     "or leave the date out if nobody knows it."),
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

/* The handover to @device's holder recorded without a day (a device held
 * before it was registered, cd_devices_register_held()), else 0. */
static gint64
undated_handover (CdStore        *store,
                  const CdDevice *device)
{
  g_autoptr(CdSqlStmt) st = cd_sql_prepare (cd_store_get_db (store),
                                            "SELECT id FROM handover_events WHERE device_id = ?"
                                            " AND kind = 'hand_to_holder' AND staff_id = ? AND date IS NULL"
                                            " ORDER BY id DESC LIMIT 1", NULL);

  if (st == NULL)
    return 0;
  sqlite3_bind_int64 (st, 1, device->id);
  sqlite3_bind_int64 (st, 2, device->holder_id);
  return sqlite3_step (st) == SQLITE_ROW ? sqlite3_column_int64 (st, 0) : 0;
}

/* Gives the undated handover @event_id of @device the day, place, people
 * and note of @ev, the handover now made with minutes: the holder got the
 * device once, so the register keeps one handover, not a second one.
 * Sets @ev->id, device_id and staff_id. */
static gboolean
date_handover_locked (CdStore          *store,
                      const CdDevice   *device,
                      gint64            event_id,
                      CdHandoverEvent  *ev,
                      GError          **error)
{
  g_autoptr(CdSqlStmt) st = NULL;
  g_autoptr(CdCertificate) cert = cd_devices_device_certificate (store, device->id);
  g_autofree char *people = people_to_json (ev->people);
  g_autofree char *summary = NULL;

  if (!check_not_before_last (store, device->id, ev->date, error))
    return FALSE;
  st = cd_sql_prepare (cd_store_get_db (store),
                       "UPDATE handover_events SET date = ?, place = ?, people_present = ?, note = ?,"
                       " document_id = ?, certificate_serial = ? WHERE id = ?", error);
  if (st == NULL)
    return FALSE;
  sqlite3_bind_text (st, 1, ev->date, -1, SQLITE_TRANSIENT);
  cd_sql_bind_text (st, 2, ev->place);
  sqlite3_bind_text (st, 3, people, -1, SQLITE_TRANSIENT);
  cd_sql_bind_text (st, 4, ev->note);
  cd_sql_bind_id (st, 5, ev->document_id);
  cd_sql_bind_text (st, 6, cert != NULL ? cert->serial : NULL);
  sqlite3_bind_int64 (st, 7, event_id);
  if (sqlite3_step (st) != SQLITE_DONE)
    return cd_devices_sql_failed (store, error);
  ev->id = event_id;
  ev->device_id = device->id;
  ev->staff_id = device->holder_id;
  summary = g_strdup_printf ("hand_to_holder %s", ev->date);
  return cd_store_audit (store, "handover", "device", device->id, "hand_to_holder before-registration",
                         summary, error);
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
    return cd_devices_sql_failed (store, error);
  sqlite3_bind_text (st, 1, date_iso, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (st, 2, note, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (st, 3, device_id);
  rc = sqlite3_step (st);
  sqlite3_finalize (st);
  return rc == SQLITE_DONE ? TRUE : cd_devices_sql_failed (store, error);
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

  if (!cd_devices_validate_date (ev->date, error))
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
                       " AND staff_id = ? AND date IS NOT NULL LIMIT 1", NULL);
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
      if (!cd_devices_validate_date (ev->date, error))
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
       * assumed. Recorded without a day, it gets this one; a device
       * with no handover at all (registered so by an older CertDesk) is
       * seen by the rules as still in stock. */
      if (device->holder_id == holder_ids[i] && cd_devices_awaiting_minutes (store, device))
        {
          gint64 undated = undated_handover (store, device);

          if (undated != 0)
            {
              if (!date_handover_locked (store, device, undated, ev, error))
                goto failed;
              continue;
            }
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

  if (!cd_devices_validate_date (take_back->date, error) || !cd_devices_validate_date (hand->date, error))
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

  if (!cd_devices_validate_date (ev->date, error))
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
      /* Each SIM has its own number: one typed once for the whole batch
       * would put the same number on every SIM of the Cục's sheet. */
      for (guint j = 0; d->phone != NULL && *d->phone != '\0' && j < i; j++)
        {
          const CdDevice *other = g_ptr_array_index (devices, j);

          if (g_strcmp0 (other->phone, d->phone) == 0)
            {
              g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                           _("The SIMs %s and %s have the same phone number %s. Give each SIM its own number."),
                           other->token_serial, d->token_serial, d->phone);
              goto fail;
            }
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

  if (!cd_devices_validate_date (ev->date, error))
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

/* A device new to the register that was in the unit before it was
 * registered: an undated receipt, then, for @holder_id (0: none), the
 * handover to its holder dated @handed_on (may be NULL). */
static gboolean
register_undated (CdStore     *store,
                  CdDevice    *device,
                  gint64       holder_id,
                  const char  *handed_on,
                  GError     **error)
{
  g_autoptr(CdHandoverEvent) receive = cd_handover_event_new (CD_HANDOVER_RECEIVE, NULL);
  g_autoptr(CdHandoverEvent) hand = NULL;
  CdDeviceStatus next;
  gint64 holder;

  if (handed_on != NULL && !cd_devices_check_handed_on (handed_on, error))
    return FALSE;
  /* The rules as for a device received, then handed over. */
  if (!cd_handover_apply (CD_DEVICE_NEW, 0, NULL, CD_HANDOVER_RECEIVE, 0, &next, &holder, error))
    return FALSE;
  if (!cd_store_begin (store, error))
    return FALSE;
  g_free (device->status);
  device->status = g_strdup (cd_device_status_to_id (next));
  device->holder_id = 0;
  /* When the unit received it nobody knows either: no date, rather than
   * the day it was typed in. */
  if (!insert_device_locked (store, device, error))
    goto failed;
  receive->device_id = device->id;
  if (!insert_event (store, receive, error))
    goto failed;
  if (holder_id != 0)
    {
      hand = cd_handover_event_new (CD_HANDOVER_HAND_TO_HOLDER, handed_on);
      hand->device_id = device->id;
      if (!apply_locked (store, device, hand, holder_id, error))
        goto failed;
    }
  if (!cd_store_commit (store, error))
    goto failed;
  cd_store_emit_changed (store, "device");
  return TRUE;

failed:
  cd_store_rollback (store);
  device->id = 0;
  return FALSE;
}

gboolean
cd_devices_register_held (CdStore     *store,
                          CdDevice    *device,
                          gint64       holder_id,
                          const char  *handed_on,
                          GError     **error)
{
  g_return_val_if_fail (CD_IS_STORE (store), FALSE);
  g_return_val_if_fail (device != NULL && holder_id > 0, FALSE);
  return register_undated (store, device, holder_id, handed_on, error);
}

gboolean
cd_devices_register_kept (CdStore   *store,
                          CdDevice  *device,
                          GError   **error)
{
  g_return_val_if_fail (CD_IS_STORE (store), FALSE);
  g_return_val_if_fail (device != NULL, FALSE);
  return register_undated (store, device, 0, NULL, error);
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
      cd_devices_sql_failed (store, error);
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
