/* cd-store-documents.c — the generated documents the register records
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include <string.h>
#include <sqlite3.h>
#include <glib/gstdio.h>

#include "cd-fileutil.h"

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

static int
synchronous_level (sqlite3 *db)
{
  sqlite3_stmt *st = NULL;
  int level = 2;   /* FULL, SQLite's default */

  if (sqlite3_prepare_v2 (db, "PRAGMA synchronous", -1, &st, NULL) == SQLITE_OK
      && sqlite3_step (st) == SQLITE_ROW)
    level = sqlite3_column_int (st, 0);
  sqlite3_finalize (st);
  return level;
}

static void
set_synchronous (sqlite3 *db,
                 int      level)
{
  g_autofree char *sql = g_strdup_printf ("PRAGMA synchronous=%d", level);

  sqlite3_exec (db, sql, NULL, NULL, NULL);
}

gboolean
cd_store_check_write_lock (CdStore  *self,
                           GError  **error)
{
  g_return_val_if_fail (CD_IS_STORE (self), FALSE);
  if (!sqlite3_get_autocommit (self->db))
    return TRUE;   /* in our own transaction: the lock is ours */
  if (!cd_store_begin (self, error))
    return FALSE;
  cd_store_rollback (self);
  return TRUE;
}

/* A register that cannot record (damaged, opened read-only) still lets
 * the clerk save what it shows: the document is then not recorded. */
static gboolean
will_record (CdStore *self,
             gboolean optional)
{
  return !optional || cd_store_get_damage (self) == NULL;
}

char *
cd_store_document_prepare (CdStore     *self,
                           const char  *target,
                           gboolean     overwrite,
                           gboolean     optional,
                           GError     **error)
{
  g_return_val_if_fail (CD_IS_STORE (self), NULL);
  g_return_val_if_fail (target != NULL, NULL);

  if (will_record (self, optional)
      && (!cd_store_check_writable (self, error) || !cd_store_check_write_lock (self, error)))
    return NULL;
  if (!overwrite && g_file_test (target, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, CD_FILE_ERROR, CD_FILE_ERROR_EXISTS,
                   _("The file “%s” already exists. Choose another name, or allow replacing it (--force)."),
                   target);
      return NULL;
    }
  /* Where this document goes, before anything is written there: a crash
   * before its record commits leaves its name linked to the temporary
   * file, and cd_store_sweep_document_folders() must look there too. */
  if (will_record (self, optional))
    cd_store_audit (self, "prepare", "document", 0, NULL, target, NULL);
  /* cd_atomic_temp_path() sweeps the folder before it writes there. */
  return cd_atomic_temp_path (target, error);
}

gboolean
cd_store_document_commit (CdStore              *self,
                          const char           *stage,
                          const char           *target,
                          gboolean              overwrite,
                          gboolean              optional,
                          const char           *kind,
                          const char           *template_name,
                          const char           *template_sha256,
                          CdStoreDocumentFunc   more,
                          gpointer              more_data,
                          gint64               *out_id,
                          GError              **error)
{
  g_autoptr(CdSqlStmt) st = NULL;
  gint64 id;
  int rc;
  int sync;
  gboolean linked;

  g_return_val_if_fail (CD_IS_STORE (self), FALSE);
  g_return_val_if_fail (stage != NULL && target != NULL && kind != NULL, FALSE);

  if (!will_record (self, optional))
    {
      if (more != NULL && !more (self, 0, more_data, error))
        {
          cd_atomic_abort (stage);
          return FALSE;
        }
      return cd_atomic_commit (stage, target, overwrite, error);
    }
  /* Recorded, renamed, then committed: a crash before the commit leaves
   * the file's temporary name (swept later) and no record; only the
   * instant between the rename and the commit could leave a file
   * without its record. */
  /* The commit after the rename must be quick: WAL without its fsync
   * (what a kill -9 needs; a power cut may lose this one record). */
  sync = synchronous_level (self->db);
  sqlite3_exec (self->db, "PRAGMA synchronous=NORMAL", NULL, NULL, NULL);
  if (!cd_store_begin (self, error))
    {
      set_synchronous (self->db, sync);
      cd_atomic_abort (stage);
      return FALSE;
    }
  st = cd_sql_prepare (self->db, "INSERT INTO documents (path, kind, template_name, template_sha256)"
                                 " VALUES (?,?,?,?)", error);
  if (st == NULL)
    goto fail;
  cd_sql_bind_text (st, 1, target);
  cd_sql_bind_text (st, 2, kind);
  cd_sql_bind_text (st, 3, template_name);
  cd_sql_bind_text (st, 4, template_sha256);
  rc = sqlite3_step (st);
  if (rc != SQLITE_DONE)
    {
      cd_sql_set_error (self->db, rc, error);
      goto fail;
    }
  id = sqlite3_last_insert_rowid (self->db);
  if ((more != NULL && !more (self, id, more_data, error))
      || !cd_store_audit (self, "insert", "document", id, NULL, target, error))
    goto fail;
  /* A new name is linked to the staged file, not renamed onto it: until
   * the stage's name is gone, a crash is told apart from a finished
   * write by the record alone (cd_store_sweep_document_folders() keeps
   * a recorded name and removes one that never got its record). */
  linked = !overwrite || !g_file_test (target, G_FILE_TEST_EXISTS);
  if (linked ? !cd_atomic_link (stage, target, error)
             : !cd_atomic_commit (stage, target, overwrite, error))
    {
      cd_store_rollback (self);
      set_synchronous (self->db, sync);
      cd_atomic_abort (stage);
      return FALSE;
    }
  if (!cd_store_commit (self, error))
    {
      /* No record: no file either. */
      g_unlink (target);
      cd_atomic_abort (stage);
      set_synchronous (self->db, sync);
      return FALSE;
    }
  if (linked)
    g_unlink (stage);
  set_synchronous (self->db, sync);
  cd_store_emit_changed (self, "document");
  if (out_id != NULL)
    *out_id = id;
  return TRUE;

fail:
  cd_store_rollback (self);
  set_synchronous (self->db, sync);
  cd_atomic_abort (stage);
  return FALSE;
}

static gboolean
is_recorded (CdStore    *self,
             const char *path)
{
  g_autoptr(CdSqlStmt) st = cd_sql_prepare (self->db, "SELECT 1 FROM documents WHERE path = ?", NULL);

  if (st == NULL)
    return TRUE;   /* when in doubt, keep the clerk's file */
  cd_sql_bind_text (st, 1, path);
  return sqlite3_step (st) == SQLITE_ROW;
}

/* A staged file a killed writer left still linked to its document's name
 * (cd_store_document_commit()): the name stays if the record committed,
 * else it goes with the stage. Then the folder's other stale temporary
 * files. */
static void
recover_folder (CdStore    *self,
                const char *dir)
{
  g_autoptr(GPtrArray) linked = cd_atomic_stale_links (dir);

  for (guint i = 0; i < linked->len; i += 2)
    {
      const char *stage = g_ptr_array_index (linked, i);
      const char *target = g_ptr_array_index (linked, i + 1);

      if (!is_recorded (self, target))
        {
          g_debug ("removed %s: its writer died before recording it", target);
          g_unlink (target);
        }
      g_unlink (stage);
    }
  cd_atomic_sweep (dir);
}

void
cd_store_sweep_document_folders (CdStore *self)
{
  g_autoptr(CdSqlStmt) st = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  g_return_if_fail (CD_IS_STORE (self));
  /* The folders of the last documents, recorded or about to be (an
   * audited "prepare"): where the clerk saves. */
  st = cd_sql_prepare (self->db,
                       "SELECT path FROM (SELECT id, path FROM documents ORDER BY id DESC LIMIT 200)"
                       " UNION ALL"
                       " SELECT new_value FROM (SELECT new_value FROM audit_log"
                       "  WHERE action = 'prepare' AND entity = 'document' ORDER BY id DESC LIMIT 50)",
                       NULL);
  if (st == NULL)
    return;
  while (sqlite3_step (st) == SQLITE_ROW && g_hash_table_size (seen) < 20)
    {
      const char *path = (const char *) sqlite3_column_text (st, 0);
      char *dir;

      if (path == NULL || !g_path_is_absolute (path))
        continue;
      dir = g_path_get_dirname (path);
      if (g_hash_table_contains (seen, dir))
        {
          g_free (dir);
          continue;
        }
      g_hash_table_add (seen, dir);
      recover_folder (self, dir);
    }
}

void
cd_store_document_abort (const char  *stage,
                         const char  *target,
                         GError     **error)
{
  cd_atomic_abort (stage);
  /* The writer named the file it was given: the clerk chose @target. */
  if (error != NULL && *error != NULL && stage != NULL && target != NULL
      && strstr ((*error)->message, stage) != NULL)
    {
      g_auto(GStrv) parts = g_strsplit ((*error)->message, stage, -1);
      char *message = g_strjoinv (target, parts);

      g_free ((*error)->message);
      (*error)->message = message;
    }
}
