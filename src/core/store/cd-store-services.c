/* cd-store-services.c — the unit's services that hold certificates
 *
 * A service (the one-stop desk, "Bộ phận Một cửa") holds a certificate
 * of its own that passes from one duty officer to the next, so it is not
 * a person of the register.
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

static CdService *
service_from_row (sqlite3_stmt *st)
{
  CdService *s = cd_service_new ();

  s->id = sqlite3_column_int64 (st, 0);
  s->name = cd_sql_column_text (st, 1);
  s->note = cd_sql_column_text (st, 2);
  return s;
}

static GPtrArray *
list_services (CdStore     *self,
               const char  *where,
               const char  *text,
               gint64       id,
               GError     **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT id, name, note FROM services %s ORDER BY name_key, id",
                                          where);
  g_autoptr(CdSqlStmt) st = cd_sql_prepare (self->db, sql, error);

  if (st == NULL)
    return NULL;
  if (text != NULL)
    sqlite3_bind_text (st, 1, text, -1, SQLITE_STATIC);
  else if (id != 0)
    sqlite3_bind_int64 (st, 1, id);
  return cd_sql_collect (self->db, st, (gpointer (*) (CdSqlStmt *)) service_from_row,
                         (GDestroyNotify) cd_service_free, error);
}

GPtrArray *
cd_store_list_services (CdStore  *self,
                        GError  **error)
{
  g_return_val_if_fail (CD_IS_STORE (self), NULL);
  return list_services (self, "", NULL, 0, error);
}

CdService *
cd_store_get_service (CdStore  *self,
                      gint64    id,
                      GError  **error)
{
  g_autoptr(GPtrArray) l = NULL;

  g_return_val_if_fail (CD_IS_STORE (self), NULL);
  l = list_services (self, "WHERE id = ?", NULL, id, error);
  return cd_store_first_or_not_found (l, _("This service is no longer in the register. Reload the list."), error);
}

CdService *
cd_store_find_service_by_name (CdStore    *self,
                               const char *name)
{
  g_autofree char *key = NULL;
  g_autoptr(GPtrArray) l = NULL;

  g_return_val_if_fail (CD_IS_STORE (self), NULL);
  key = cd_text_name_key (name);
  if (key == NULL || *key == '\0')
    return NULL;
  l = list_services (self, "WHERE name_key = ?", key, 0, NULL);
  if (l == NULL || l->len == 0)
    return NULL;
  return g_steal_pointer (&l->pdata[0]);
}

gboolean
cd_store_save_service (CdStore    *self,
                       CdService  *service,
                       GError    **error)
{
  g_autoptr(CdService) old = NULL;
  g_autoptr(CdService) same = NULL;
  g_autoptr(CdSqlStmt) st = NULL;
  g_autofree char *key = NULL;
  int rc;

  g_return_val_if_fail (CD_IS_STORE (self), FALSE);
  g_return_val_if_fail (service != NULL, FALSE);
  if (!cd_store_check_writable (self, error))
    return FALSE;
  cd_store_replace (&service->name, cd_text_clean (service->name));
  cd_store_replace (&service->note, cd_text_clean (service->note));
  key = cd_text_name_key (service->name);
  if (service->name == NULL || key == NULL || *key == '\0')
    {
      g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                   _("The service has no name. Write it as the unit calls it, for example “Bộ phận Một cửa”."));
      return FALSE;
    }
  same = cd_store_find_service_by_name (self, service->name);
  if (same != NULL && same->id != service->id)
    {
      g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_CONSTRAINT,
                   _("The unit already has a service named “%s”. Choose it instead of adding it again."),
                   same->name);
      return FALSE;
    }
  if (service->id != 0)
    {
      old = cd_store_get_service (self, service->id, error);
      if (old == NULL)
        return FALSE;
    }
  st = cd_sql_prepare (self->db, old != NULL
                           ? "UPDATE services SET name = ?1, name_key = ?2, note = ?3 WHERE id = ?4"
                           : "INSERT INTO services (name, name_key, note) VALUES (?1, ?2, ?3)", error);
  if (st == NULL)
    return FALSE;
  cd_sql_bind_text (st, 1, service->name);
  cd_sql_bind_text (st, 2, key);
  cd_sql_bind_text (st, 3, service->note);
  if (old != NULL)
    sqlite3_bind_int64 (st, 4, old->id);
  if (!cd_store_begin (self, error))
    return FALSE;
  rc = sqlite3_step (st);
  if (rc != SQLITE_DONE)
    {
      cd_sql_set_error (self->db, rc, error);
      cd_store_rollback (self);
      return FALSE;
    }
  if (old == NULL)
    service->id = sqlite3_last_insert_rowid (self->db);
  return cd_store_audit_and_commit (self, old ? "update" : "insert", "service", service->id,
                                    old ? old->name : NULL, service->name, error);
}
