/* cd-sql.c — the small SQLite helpers every module running SQL uses
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "cd-sql.h"
#include "cd-store.h"

gboolean
cd_sql_set_error (sqlite3  *db,
                  int       rc,
                  GError  **error)
{
  int ext = sqlite3_extended_errcode (db);

  if ((rc & 0xff) == SQLITE_CONSTRAINT || (ext & 0xff) == SQLITE_CONSTRAINT)
    g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_CONSTRAINT,
                 _("This would make two records the same (%s). Check for a duplicate CCCD number, serial or fingerprint."),
                 sqlite3_errmsg (db));
  else if ((rc & 0xff) == SQLITE_READONLY || (rc & 0xff) == SQLITE_CANTOPEN)
    g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_READ_ONLY,
                 _("The register cannot be written (%s). Check that the file and its folder may be written, and that the disk is not full."),
                 sqlite3_errmsg (db));
  else
    g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_FAILED,
                 _("The register could not be updated (%s)."), sqlite3_errmsg (db));
  return FALSE;
}

gboolean
cd_sql_exec (sqlite3     *db,
             const char  *sql,
             GError     **error)
{
  int rc = sqlite3_exec (db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    return cd_sql_set_error (db, rc, error);
  return TRUE;
}

CdSqlStmt *
cd_sql_prepare (sqlite3     *db,
                const char  *sql,
                GError     **error)
{
  sqlite3_stmt *st = NULL;
  int rc = sqlite3_prepare_v2 (db, sql, -1, &st, NULL);

  if (rc != SQLITE_OK)
    {
      cd_sql_set_error (db, rc, error);
      return NULL;
    }
  return st;
}

void
cd_sql_bind_text (CdSqlStmt  *st,
                  int         i,
                  const char *text)
{
  if (text == NULL || *text == '\0')
    sqlite3_bind_null (st, i);
  else
    sqlite3_bind_text (st, i, text, -1, SQLITE_TRANSIENT);
}

void
cd_sql_bind_text_static (CdSqlStmt  *st,
                         int         i,
                         const char *text)
{
  if (text == NULL || *text == '\0')
    sqlite3_bind_null (st, i);
  else
    sqlite3_bind_text (st, i, text, -1, SQLITE_STATIC);
}

void
cd_sql_bind_id (CdSqlStmt *st,
                int        i,
                gint64     id)
{
  if (id <= 0)
    sqlite3_bind_null (st, i);
  else
    sqlite3_bind_int64 (st, i, id);
}

char *
cd_sql_column_text (CdSqlStmt *st,
                    int        i)
{
  const unsigned char *t = sqlite3_column_text (st, i);

  return t ? g_strdup ((const char *) t) : NULL;
}

GPtrArray *
cd_sql_collect (sqlite3         *db,
                CdSqlStmt       *st,
                gpointer       (*row) (CdSqlStmt *st),
                GDestroyNotify   item_free,
                GError         **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func (item_free);
  int rc;

  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    g_ptr_array_add (list, row (st));
  if (rc != SQLITE_DONE)
    {
      cd_sql_set_error (db, rc, error);
      return NULL;
    }
  return g_steal_pointer (&list);
}
