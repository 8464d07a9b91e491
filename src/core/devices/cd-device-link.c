/* cd-device-link.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <sqlite3.h>
#include <glib/gi18n.h>

#include "cd-cert-pick.h"
#include "cd-device-link.h"
#include "cd-sql.h"

/* The ids of the certificates linked to @device_id. */
static GArray *
linked_ids (CdStore *store,
            gint64   device_id)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(CdSqlStmt) st = cd_sql_prepare (cd_store_get_db (store),
                                            "SELECT id FROM certificates WHERE device_id = ?"
                                            " ORDER BY not_after DESC, id DESC", NULL);

  if (st == NULL)
    return ids;
  sqlite3_bind_int64 (st, 1, device_id);
  while (sqlite3_step (st) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (st, 0);
      g_array_append_val (ids, id);
    }
  return ids;
}

CdCertificate *
cd_devices_device_certificate (CdStore *store,
                               gint64   device_id)
{
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GPtrArray) certs = g_ptr_array_new_with_free_func ((GDestroyNotify) cd_certificate_free);
  CdCertificate *pick;

  g_return_val_if_fail (CD_IS_STORE (store), NULL);
  if (device_id <= 0)
    return NULL;
  ids = linked_ids (store, device_id);
  for (guint i = 0; i < ids->len; i++)
    {
      CdCertificate *c = cd_store_get_certificate (store, g_array_index (ids, gint64, i), NULL);
      if (c != NULL)
        g_ptr_array_add (certs, c);
    }
  /* A token may carry several (signing and encryption): the one that
   * counts, as the staff list shows it. */
  pick = cd_certificate_pick_for_procedure (certs, NULL, g_get_real_time () / G_USEC_PER_SEC);
  return pick != NULL ? cd_certificate_copy (pick) : NULL;
}

GPtrArray *
cd_devices_link_candidates (CdStore  *store,
                            gint64    device_id,
                            GError  **error)
{
  g_autoptr(CdDevice) device = NULL;

  g_return_val_if_fail (CD_IS_STORE (store), NULL);
  device = cd_store_get_device (store, device_id, error);
  if (device == NULL)
    return NULL;
  /* Whoever holds it now; a service's device between duty officers
   * carries the service's certificate, not the officer's. */
  if (device->service_id > 0)
    return cd_store_list_certificates_held (store, CD_CERT_HOLDER_SERVICE, device->service_id, error);
  if (device->holder_id > 0)
    return cd_store_list_certificates_for_staff (store, device->holder_id, error);
  return cd_store_list_certificates_held (store, CD_CERT_HOLDER_UNIT, 0, error);
}

static gboolean
exec_ids (CdStore     *store,
          const char  *sql,
          gint64       a,
          gint64       b,
          GError     **error)
{
  g_autoptr(CdSqlStmt) st = cd_sql_prepare (cd_store_get_db (store), sql, error);

  if (st == NULL)
    return FALSE;
  sqlite3_bind_int64 (st, 1, a);
  sqlite3_bind_int64 (st, 2, b);
  if (sqlite3_step (st) != SQLITE_DONE)
    return cd_sql_set_last_error (cd_store_get_db (store), error);
  return TRUE;
}

gboolean
cd_devices_link_certificate (CdStore  *store,
                             gint64    device_id,
                             gint64    certificate_id,
                             GError  **error)
{
  g_autoptr(CdDevice) device = NULL;
  g_autoptr(CdCertificate) old = NULL;
  g_autofree char *after = NULL;

  g_return_val_if_fail (CD_IS_STORE (store), FALSE);
  device = cd_store_get_device (store, device_id, error);
  if (device == NULL)
    return FALSE;
  if (certificate_id != 0)
    {
      g_autoptr(GPtrArray) candidates = cd_devices_link_candidates (store, device_id, error);
      const CdCertificate *chosen = NULL;

      if (candidates == NULL)
        return FALSE;
      for (guint i = 0; i < candidates->len; i++)
        if (((CdCertificate *) g_ptr_array_index (candidates, i))->id == certificate_id)
          chosen = g_ptr_array_index (candidates, i);
      if (chosen == NULL)
        {
          /* A certificate of someone else would put the device's history
           * and its Mẫu 07 in the wrong name. */
          g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                       _("This certificate does not belong to the holder of device %s. "
                         "Choose one of the holder’s certificates, or none."),
                       device->token_serial);
          return FALSE;
        }
      after = g_strdup (chosen->serial);
    }
  old = cd_devices_device_certificate (store, device_id);

  if (!cd_store_begin (store, error))
    return FALSE;
  /* One certificate on the device, as chosen: the others leave it, the
   * chosen one leaves the device it was on. */
  if (!exec_ids (store, "UPDATE certificates SET device_id = NULL WHERE device_id = ?1 AND id <> ?2",
                 device_id, certificate_id, error)
      || (certificate_id != 0
          && !exec_ids (store, "UPDATE certificates SET device_id = ?1 WHERE id = ?2",
                        device_id, certificate_id, error))
      || !cd_store_audit (store, "link-certificate", "device", device_id,
                          old != NULL ? old->serial : NULL, after, error)
      || !cd_store_commit (store, error))
    {
      cd_store_rollback (store);
      return FALSE;
    }
  cd_store_emit_changed (store, "device");
  return TRUE;
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
  /* The one a procedure uses: chuyên dùng signing first. */
  pick = cd_certificate_pick_for_procedure (certs, NULL, g_get_real_time () / G_USEC_PER_SEC);
  return pick != NULL ? cd_certificate_copy (pick) : NULL;
}

char *
cd_devices_unknown_device_gap (const char *cert_serial)
{
  /* The window's way only: its row names the holder already, and a
   * clerk at the window has no use for the command line's options. */
  return g_strdup_printf (_("The device certificate %s is on is not known, so none is printed and no device is taken back for it. In Devices, select the device it is on and press Certificate on the Device…"),
                          cert_serial != NULL ? cert_serial : "");
}

char *
cd_devices_unknown_device_note (const char *holder_name,
                                const char *cert_serial)
{
  /* The GUI's way first (the clerk's), then the terminal's; both record
   * the same link (cd_devices_link_certificate). */
  return g_strdup_printf (_("%s: the device certificate %s is on is not known, so none is printed and no device is taken back for it. Say which device it is in Devices with Certificate on the Device…, or with --link-device=SERIAL --certificate=%s."),
                          holder_name != NULL ? holder_name : "",
                          cert_serial != NULL ? cert_serial : "",
                          cert_serial != NULL ? cert_serial : "");
}
