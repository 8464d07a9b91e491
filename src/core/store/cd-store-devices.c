/* cd-store-devices.c — devices (tokens, SIMs…) of the register
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <sqlite3.h>
#include <glib/gi18n.h>

#include "cd-sql.h"
#include "cd-store.h"
#include "cd-store-private.h"
#include "cd-text.h"

#define DEVICE_COLUMNS "id, token_serial, label, manufacturer, model, type, holder_id, status," \
  " carrier, phone, ported, service_id"

static CdDevice *
device_from_row (sqlite3_stmt *st)
{
  CdDevice *d = cd_device_new ();

  d->id = sqlite3_column_int64 (st, 0);
  d->token_serial = cd_sql_column_text (st, 1);
  d->label = cd_sql_column_text (st, 2);
  d->manufacturer = cd_sql_column_text (st, 3);
  d->model = cd_sql_column_text (st, 4);
  d->type = cd_sql_column_text (st, 5);
  d->holder_id = sqlite3_column_int64 (st, 6);
  d->status = cd_sql_column_text (st, 7);
  d->carrier = cd_sql_column_text (st, 8);
  d->phone = cd_sql_column_text (st, 9);
  d->ported = sqlite3_column_int (st, 10) != 0;
  d->service_id = sqlite3_column_int64 (st, 11);
  return d;
}

static char *
device_json (const CdDevice *d)
{
  GString *s = g_string_new ("{");
  g_autofree char *holder = d->holder_id ? g_strdup_printf ("%" G_GINT64_FORMAT, d->holder_id) : NULL;

  cd_store_json_add (s, "token_serial", d->token_serial);
  cd_store_json_add (s, "label", d->label);
  cd_store_json_add (s, "type", d->type);
  cd_store_json_add (s, "holder_id", holder);
  cd_store_json_add (s, "status", d->status);
  cd_store_json_add (s, "carrier", d->carrier);
  cd_store_json_add (s, "phone", d->phone);
  cd_store_json_add (s, "ported", d->ported ? "1" : NULL);
  g_string_append_c (s, '}');
  return g_string_free (s, FALSE);
}

gboolean
cd_store_save_device (CdStore   *self,
                      CdDevice  *device,
                      GError   **error)
{
  g_autoptr(CdDevice) old = NULL;
  g_autoptr(CdSqlStmt) st = NULL;
  g_autofree char *js_old = NULL, *js_new = NULL;
  int rc;

  g_return_val_if_fail (CD_IS_STORE (self), FALSE);
  g_return_val_if_fail (device != NULL, FALSE);
  if (!cd_store_check_writable (self, error))
    return FALSE;

  cd_store_replace (&device->token_serial, cd_text_clean (device->token_serial));
  if (device->token_serial == NULL)
    {
      g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                   _("The device serial number is empty. Copy it from the label on the token."));
      return FALSE;
    }
  cd_store_replace (&device->label, cd_text_clean (device->label));
  cd_store_replace (&device->manufacturer, cd_text_clean (device->manufacturer));
  cd_store_replace (&device->model, cd_text_clean (device->model));
  cd_store_replace (&device->carrier, cd_text_clean (device->carrier));
  cd_store_replace (&device->phone, cd_text_clean (device->phone));
  cd_store_replace (&device->type, device->type ? g_ascii_strup (device->type, -1) : g_strdup ("TOKEN"));
  if (device->status == NULL)
    device->status = g_strdup (device->holder_id ? "with_holder" : "in_stock");

  if (device->id != 0)
    old = cd_store_get_device (self, device->id, NULL);
  else
    old = cd_store_find_device_by_serial (self, device->token_serial);
  if (old != NULL)
    device->id = old->id;

  st = cd_sql_prepare (self->db, old != NULL
                           ? "UPDATE devices SET token_serial=?1, label=?2, manufacturer=?3, model=?4, type=?5,"
                             " holder_id=?6, status=?7, carrier=?9, phone=?10, ported=?11, service_id=?12"
                             " WHERE id=?8"
                           : "INSERT INTO devices (token_serial, label, manufacturer, model, type, holder_id,"
                             " status, carrier, phone, ported, service_id)"
                             " VALUES (?1,?2,?3,?4,?5,?6,?7,?9,?10,?11,?12)", error);
  if (st == NULL)
    return FALSE;
  cd_sql_bind_text (st, 1, device->token_serial);
  cd_sql_bind_text (st, 2, device->label);
  cd_sql_bind_text (st, 3, device->manufacturer);
  cd_sql_bind_text (st, 4, device->model);
  cd_sql_bind_text (st, 5, device->type);
  cd_sql_bind_id (st, 6, device->holder_id);
  cd_sql_bind_text (st, 7, device->status);
  if (old != NULL)
    sqlite3_bind_int64 (st, 8, old->id);
  cd_sql_bind_text (st, 9, device->carrier);
  cd_sql_bind_text (st, 10, device->phone);
  sqlite3_bind_int (st, 11, device->ported ? 1 : 0);
  cd_sql_bind_id (st, 12, device->service_id);
  if (!cd_store_begin (self, error))
    return FALSE;
  rc = sqlite3_step (st);
  if (rc != SQLITE_DONE)
    {
      if ((rc & 0xff) == SQLITE_CONSTRAINT && sqlite3_extended_errcode (self->db) == SQLITE_CONSTRAINT_CHECK)
        g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                     _("The device type “%s” is not known. Choose TOKEN, SIM, HSM, SOFT or RSSP."),
                     device->type);
      else
        cd_sql_set_error (self->db, rc, error);
      cd_store_rollback (self);
      return FALSE;
    }
  if (old == NULL)
    device->id = sqlite3_last_insert_rowid (self->db);
  js_old = old ? device_json (old) : NULL;
  js_new = device_json (device);
  return cd_store_audit_and_commit (self, old ? "update" : "insert", "device", device->id, js_old, js_new, error);
}

static GPtrArray *
list_devices (CdStore     *self,
              const char  *sql,
              gint64       id,
              const char  *text,
              GError     **error)
{
  g_autoptr(CdSqlStmt) st = cd_sql_prepare (self->db, sql, error);

  if (st == NULL)
    return NULL;
  if (id != 0)
    sqlite3_bind_int64 (st, 1, id);
  if (text != NULL)
    sqlite3_bind_text (st, 1, text, -1, SQLITE_STATIC);
  return cd_sql_collect (self->db, st, (gpointer (*) (CdSqlStmt *)) device_from_row,
                         (GDestroyNotify) cd_device_free, error);
}

CdDevice *
cd_store_get_device (CdStore  *self,
                     gint64    id,
                     GError  **error)
{
  g_autoptr(GPtrArray) l = NULL;

  g_return_val_if_fail (CD_IS_STORE (self), NULL);
  l = list_devices (self, "SELECT " DEVICE_COLUMNS " FROM devices WHERE id = ?", id, NULL, error);
  return cd_store_first_or_not_found (l, _("This device is no longer in the register. Reload the list."), error);
}

CdDevice *
cd_store_find_device_by_serial (CdStore    *self,
                                const char *token_serial)
{
  g_autoptr(GPtrArray) l = NULL;
  g_autofree char *serial = cd_text_clean (token_serial);

  g_return_val_if_fail (CD_IS_STORE (self), NULL);
  if (serial == NULL)
    return NULL;
  l = list_devices (self, "SELECT " DEVICE_COLUMNS " FROM devices WHERE token_serial = ?", 0, serial, NULL);
  if (l == NULL || l->len == 0)
    return NULL;
  return g_ptr_array_steal_index (l, 0);
}

GPtrArray *
cd_store_list_devices_of_staff (CdStore      *self,
                                const gint64 *ids,
                                guint         n_ids,
                                GError      **error)
{
  g_autofree char *json = NULL;

  g_return_val_if_fail (CD_IS_STORE (self), NULL);
  json = cd_store_ids_json (ids, n_ids);
  return list_devices (self, "SELECT " DEVICE_COLUMNS " FROM devices"
                             " WHERE holder_id IN (SELECT value FROM json_each(?1))"
                             " OR id IN (SELECT device_id FROM certificates"
                             "  WHERE staff_id IN (SELECT value FROM json_each(?1)))"
                             " ORDER BY token_serial",
                       0, json, error);
}

GPtrArray *
cd_store_list_devices_by_id (CdStore      *self,
                             const gint64 *ids,
                             guint         n_ids,
                             GError      **error)
{
  g_autofree char *json = NULL;

  g_return_val_if_fail (CD_IS_STORE (self), NULL);
  json = cd_store_ids_json (ids, n_ids);
  /* each id a lookup of the primary key: the page's devices, not a scan */
  return list_devices (self, "SELECT " DEVICE_COLUMNS " FROM devices"
                             " WHERE id IN (SELECT value FROM json_each(?1)) ORDER BY id",
                       0, json, error);
}

GPtrArray *
cd_store_list_devices (CdStore  *self,
                       GError  **error)
{
  g_return_val_if_fail (CD_IS_STORE (self), NULL);
  return list_devices (self, "SELECT " DEVICE_COLUMNS " FROM devices ORDER BY token_serial",
                       0, NULL, error);
}

void
cd_device_entry_free (CdDeviceEntry *entry)
{
  if (entry == NULL)
    return;
  cd_device_free (entry->device);
  g_free (entry->holder_name);
  g_free (entry->cert_serial);
  g_free (entry);
}

GPtrArray *
cd_store_list_device_entries (CdStore  *self,
                              GError  **error)
{
  g_autoptr(CdSqlStmt) st = NULL;
  g_autoptr(GPtrArray) list = NULL;
  int rc;

  g_return_val_if_fail (CD_IS_STORE (self), NULL);
  /* The certificate linked to the device (certificates.device_id: read
   * from the token or chosen by the clerk), never the holder's newest: a
   * blank device handed to someone carries nothing. Among several on one
   * token, the one that counts in cd_cert_pick_rank()'s order (each of
   * its weights outranks the sum of the smaller ones, so the rank is
   * these keys in turn); one statement instead of two lookups per device
   * (20,000 devices took seconds that way). */
  st = cd_sql_prepare (self->db, "SELECT d.id, d.token_serial, d.label, d.manufacturer, d.model, d.type,"
                                 " d.holder_id, d.status, d.carrier, d.phone, d.ported, d.service_id, s.full_name,"
                                 " (SELECT serial FROM certificates WHERE device_id = d.id"
                                 "  ORDER BY track = 'government' DESC,"
                                 "   (track = 'government' AND purpose = 'signing' AND revoked = 0"
                                 "    AND not_before <= CAST(strftime('%s','now') AS INTEGER)"
                                 "    AND not_after > CAST(strftime('%s','now') AS INTEGER)) DESC,"
                                 "   revoked = 0 DESC, purpose = 'signing' DESC,"
                                 "   not_after DESC, id DESC LIMIT 1)"
                                 " FROM devices d LEFT JOIN staff s ON s.id = d.holder_id"
                                 " ORDER BY d.token_serial", error);
  if (st == NULL)
    return NULL;
  list = g_ptr_array_new_with_free_func ((GDestroyNotify) cd_device_entry_free);
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      CdDeviceEntry *e = g_new0 (CdDeviceEntry, 1);

      e->device = device_from_row (st);
      if (e->device->holder_id > 0)
        e->holder_name = cd_sql_column_text (st, 12);
      e->cert_serial = cd_sql_column_text (st, 13);
      g_ptr_array_add (list, e);
    }
  if (rc != SQLITE_DONE)
    {
      cd_sql_set_error (self->db, rc, error);
      return NULL;
    }
  return g_steal_pointer (&list);
}
