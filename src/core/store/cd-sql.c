/* cd-sql.c — the small SQLite helpers every module running SQL uses
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <string.h>
#include <glib/gi18n.h>

#include "cd-sql.h"
#include "cd-store.h"

/* What SQLite names in a constraint's message ("UNIQUE constraint
 * failed: staff.cccd" → "staff.cccd"): the columns, not its English. */
static char *
constraint_columns (sqlite3 *db)
{
  const char *msg = sqlite3_errmsg (db);
  const char *colon = msg != NULL ? strstr (msg, ": ") : NULL;

  return g_strdup (colon != NULL ? colon + 2 : "?");
}

gboolean
cd_sql_set_error (sqlite3  *db,
                  int       rc,
                  GError  **error)
{
  int ext = sqlite3_extended_errcode (db);
  int primary = (rc & 0xff) != SQLITE_ERROR || ext == 0 ? rc & 0xff : ext & 0xff;

  /* Every code the clerk can meet, as a sentence that says what to do;
   * never SQLite's English (issue 20, D16). */
  /* A write refused for want of room comes back as an I/O error: the
   * errno says it is a full disk (or a file size limit). */
  if (primary == SQLITE_IOERR)
    {
      int sys = sqlite3_system_errno (db);

      if (sys == ENOSPC || sys == EFBIG || sys == EDQUOT)
        primary = SQLITE_FULL;
    }
  switch (primary)
    {
    case SQLITE_CONSTRAINT:
      {
        g_autofree char *cols = constraint_columns (db);
        g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_CONSTRAINT,
                     _("This would make two records the same (%s). Check for a duplicate CCCD number, e-mail, serial or fingerprint."),
                     cols);
      }
      break;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      g_set_error_literal (error, CD_STORE_ERROR, CD_STORE_ERROR_LOCKED,
                           _("Another CertDesk or another program is using the register. Close it and try again. Nothing was changed."));
      break;
    case SQLITE_FULL:
      g_set_error_literal (error, CD_STORE_ERROR, CD_STORE_ERROR_FULL,
                           _("The disk holding the register is full. Nothing was changed. Free some space on it, then try again."));
      break;
    case SQLITE_READONLY:
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
    case SQLITE_AUTH:
      g_set_error_literal (error, CD_STORE_ERROR, CD_STORE_ERROR_READ_ONLY,
                           _("The register cannot be written. Check that the file and its folder may be written, and that the disk is not full."));
      break;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      g_set_error_literal (error, CD_STORE_ERROR, CD_STORE_ERROR_DAMAGED,
                           _("The register is damaged. Close CertDesk and open it again: it opens the register read-only and names the newest backup to restore."));
      break;
    case SQLITE_IOERR:
      g_set_error_literal (error, CD_STORE_ERROR, CD_STORE_ERROR_FAILED,
                           _("The register could not be read or written: the disk reported an error. Check the disk (or the USB drive) and try again; if it happens again, restore the newest backup."));
      break;
    case SQLITE_NOMEM:
      g_set_error_literal (error, CD_STORE_ERROR, CD_STORE_ERROR_FAILED,
                           _("There is not enough memory to update the register. Close other programs and try again."));
      break;
    case SQLITE_TOOBIG:
      g_set_error_literal (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                           _("A value is too long to be kept in the register. Shorten it and try again."));
      break;
    default:
      /* A statement of ours that is wrong (a bug, not the clerk's
       * doing): SQLite's words help whoever fixes it. */
      g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_FAILED,
                   _("The register could not be updated (%s). Try again; if it happens again, restore the newest backup."),
                   sqlite3_errmsg (db));
      break;
    }
  return FALSE;
}

gboolean
cd_sql_set_last_error (sqlite3  *db,
                       GError  **error)
{
  int rc = sqlite3_extended_errcode (db);

  return cd_sql_set_error (db, rc != SQLITE_OK ? rc : SQLITE_ERROR, error);
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

gint64
cd_sql_query_int64 (sqlite3    *db,
                    const char *sql,
                    gint64      fallback)
{
  g_autoptr(CdSqlStmt) st = NULL;

  if (sqlite3_prepare_v2 (db, sql, -1, &st, NULL) != SQLITE_OK || sqlite3_step (st) != SQLITE_ROW)
    return fallback;
  return sqlite3_column_int64 (st, 0);
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
