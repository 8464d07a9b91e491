/* cd-store-documents.c — the generated documents the register records
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <sqlite3.h>

#include "cd-sql.h"
#include "cd-store.h"
#include "cd-store-private.h"

gboolean
cd_store_record_document (CdStore     *self,
                          const char  *path,
                          const char  *kind,
                          const char  *template_name,
                          const char  *template_sha256,
                          gint64      *out_id,
                          GError     **error)
{
  g_autoptr(CdSqlStmt) st = NULL;
  gint64 id;
  int rc;

  g_return_val_if_fail (CD_IS_STORE (self), FALSE);
  g_return_val_if_fail (path != NULL && kind != NULL, FALSE);
  if (!cd_store_check_writable (self, error))
    return FALSE;
  st = cd_sql_prepare (self->db, "INSERT INTO documents (path, kind, template_name, template_sha256)"
                                 " VALUES (?,?,?,?)", error);
  if (st == NULL)
    return FALSE;
  cd_sql_bind_text (st, 1, path);
  cd_sql_bind_text (st, 2, kind);
  cd_sql_bind_text (st, 3, template_name);
  cd_sql_bind_text (st, 4, template_sha256);
  if (!cd_store_begin (self, error))
    return FALSE;
  rc = sqlite3_step (st);
  if (rc != SQLITE_DONE)
    {
      cd_sql_set_error (self->db, rc, error);
      cd_store_rollback (self);
      return FALSE;
    }
  id = sqlite3_last_insert_rowid (self->db);
  if (!cd_store_audit_and_commit (self, "insert", "document", id, NULL, path, error))
    return FALSE;
  if (out_id)
    *out_id = id;
  return TRUE;
}
