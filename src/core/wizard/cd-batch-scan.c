/* cd-batch-scan.c — the signed scans of a list, copied privately and
 * recorded with their SHA-256
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "cd-batch-scan.h"
#include "cd-fileutil.h"
#include "cd-paths.h"
#include "cd-sql.h"
#include "cd-store-worker.h"

void
cd_batch_scan_free (CdBatchScan *scan)
{
  if (scan == NULL)
    return;
  g_free (scan->path);
  g_free (scan->name);
  g_free (scan->mime);
  g_free (scan->sha256);
  g_free (scan->added);
  g_free (scan);
}

const char *
cd_batch_scan_sniff (const guint8 *data,
                     gsize         len)
{
  static const guint8 png[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };

  if (len >= 5 && memcmp (data, "%PDF-", 5) == 0)
    return "application/pdf";
  if (len >= 3 && data[0] == 0xff && data[1] == 0xd8 && data[2] == 0xff)
    return "image/jpeg";
  if (len >= sizeof png && memcmp (data, png, sizeof png) == 0)
    return "image/png";
  return NULL;
}

char *
cd_batch_scan_dir (gint64 batch_id)
{
  g_autofree char *data = cd_paths_user_data_dir ();
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, batch_id);

  return g_build_filename (data, "scans", id, NULL);
}

static CdBatchScan *
scan_from_row (CdSqlStmt *st)
{
  CdBatchScan *s = g_new0 (CdBatchScan, 1);

  s->id = sqlite3_column_int64 (st, 0);
  s->batch_id = sqlite3_column_int64 (st, 1);
  s->path = cd_sql_column_text (st, 2);
  s->name = cd_sql_column_text (st, 3);
  s->mime = cd_sql_column_text (st, 4);
  s->size = sqlite3_column_int64 (st, 5);
  s->sha256 = cd_sql_column_text (st, 6);
  s->added = cd_sql_column_text (st, 7);
  return s;
}

#define SCAN_COLUMNS "id, batch_id, path, name, mime, size, sha256, added"

GPtrArray *
cd_batch_list_scans (CdStore  *store,
                     gint64    batch_id,
                     GError  **error)
{
  g_autoptr(CdSqlStmt) st = NULL;
  GPtrArray *out;
  int rc;

  st = cd_sql_prepare (cd_store_get_db (store), "SELECT " SCAN_COLUMNS " FROM batch_attachments"
                                                " WHERE batch_id = ? ORDER BY id", error);
  if (st == NULL)
    return NULL;
  sqlite3_bind_int64 (st, 1, batch_id);
  out = g_ptr_array_new_with_free_func ((GDestroyNotify) cd_batch_scan_free);
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    g_ptr_array_add (out, scan_from_row (st));
  if (rc != SQLITE_DONE)
    {
      g_ptr_array_unref (out);
      cd_sql_set_error (cd_store_get_db (store), rc, error);
      return NULL;
    }
  return out;
}

static gboolean
batch_exists (CdStore  *store,
              gint64    batch_id,
              GError  **error)
{
  g_autoptr(CdSqlStmt) st = cd_sql_prepare (cd_store_get_db (store),
                                            "SELECT 1 FROM request_batches WHERE id = ?", error);

  if (st == NULL)
    return FALSE;
  sqlite3_bind_int64 (st, 1, batch_id);
  if (sqlite3_step (st) != SQLITE_ROW)
    {
      g_autofree char *no = g_strdup_printf ("%" G_GINT64_FORMAT, batch_id);
      g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_NOT_FOUND,
                   _("There is no list number %s in the register: see the list of batches (--list-batches)."),
                   no);
      return FALSE;
    }
  return TRUE;
}

/* Reads @path whole, refusing what is not a scan, with messages that say
 * what to do. */
static gboolean
read_scan (const char   *path,
           char        **contents,
           gsize        *len,
           const char  **mime,
           GError      **error)
{
  g_autofree char *base = g_path_get_basename (path);
  g_autoptr(GError) local = NULL;

  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, CD_FILE_ERROR, CD_FILE_ERROR_NOT_FOUND,
                   _("The scan “%s” was not found. Check the file's name and folder, then attach it again."),
                   path);
      return FALSE;
    }
  if (!cd_file_read_limited (path, CD_BATCH_SCAN_MAX_SIZE, contents, len, &local))
    {
      if (g_error_matches (local, CD_FILE_ERROR, CD_FILE_ERROR_TOO_LARGE))
        g_set_error (error, CD_FILE_ERROR, CD_FILE_ERROR_TOO_LARGE,
                     _("The scan “%s” is larger than %d MB. Scan it again in black and white or at 200 dpi."),
                     base, CD_BATCH_SCAN_MAX_SIZE / (1024 * 1024));
      else
        g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  *mime = cd_batch_scan_sniff ((const guint8 *) *contents, *len);
  if (*mime == NULL)
    {
      g_clear_pointer (contents, g_free);
      g_set_error (error, CD_FILE_ERROR, CD_FILE_ERROR_FORMAT,
                   _("“%s” is not a PDF, JPEG or PNG file. Attach the signed list as the scanner saved it (PDF, JPEG or PNG)."),
                   base);
      return FALSE;
    }
  return TRUE;
}

/* A name not yet used in @dir: @base, else "2-@base", "3-@base"… */
static char *
free_target (const char *dir,
             const char *base)
{
  char *target = g_build_filename (dir, base, NULL);

  for (guint n = 2; g_file_test (target, G_FILE_TEST_EXISTS); n++)
    {
      g_autofree char *alt = g_strdup_printf ("%u-%s", n, base);
      g_free (target);
      target = g_build_filename (dir, alt, NULL);
    }
  return target;
}

static CdBatchScan *
find_scan (CdStore    *store,
           gint64      where_batch,
           const char *sha,
           gint64      id)
{
  g_autoptr(CdSqlStmt) st = cd_sql_prepare (cd_store_get_db (store),
                                            "SELECT " SCAN_COLUMNS " FROM batch_attachments"
                                            " WHERE (batch_id = ?1 AND sha256 = ?2) OR id = ?3", NULL);

  if (st == NULL)
    return NULL;
  sqlite3_bind_int64 (st, 1, where_batch);
  cd_sql_bind_text (st, 2, sha);
  sqlite3_bind_int64 (st, 3, id);
  return sqlite3_step (st) == SQLITE_ROW ? scan_from_row (st) : NULL;
}

CdBatchScan *
cd_batch_attach_scan (CdStore     *store,
                      gint64       batch_id,
                      const char  *path,
                      GError     **error)
{
  g_autofree char *contents = NULL;
  g_autofree char *sha = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *target = NULL;
  g_autoptr(CdSqlStmt) st = NULL;
  CdBatchScan *existing;
  const char *mime = NULL;
  gsize len = 0;
  gint64 id;
  int rc;

  if (!batch_exists (store, batch_id, error)
      || !read_scan (path, &contents, &len, &mime, error))
    return NULL;
  sha = cd_sha256_hex (contents, len);
  existing = find_scan (store, batch_id, sha, 0);
  if (existing != NULL)
    return existing;

  dir = cd_batch_scan_dir (batch_id);
  if (!cd_paths_ensure_private_dir (dir, error))
    return NULL;
  {
    /* the scans folder itself is private too, not only the batch's */
    g_autofree char *parent = g_path_get_dirname (dir);
    g_chmod (parent, 0700);
  }
  base = g_path_get_basename (path);
  target = free_target (dir, base);
  /* cd_file_write_atomic writes 0600 through a temporary file */
  if (!cd_file_write_atomic (target, contents, len, FALSE, error))
    return NULL;

  if (!cd_store_begin (store, error))
    goto remove;
  st = cd_sql_prepare (cd_store_get_db (store),
                       "INSERT INTO batch_attachments (batch_id, path, name, mime, size, sha256)"
                       " VALUES (?, ?, ?, ?, ?, ?)", error);
  if (st == NULL)
    goto rollback;
  sqlite3_bind_int64 (st, 1, batch_id);
  cd_sql_bind_text (st, 2, target);
  cd_sql_bind_text (st, 3, base);
  cd_sql_bind_text (st, 4, mime);
  sqlite3_bind_int64 (st, 5, (gint64) len);
  cd_sql_bind_text (st, 6, sha);
  rc = sqlite3_step (st);
  if (rc != SQLITE_DONE)
    {
      cd_sql_set_error (cd_store_get_db (store), rc, error);
      goto rollback;
    }
  id = sqlite3_last_insert_rowid (cd_store_get_db (store));
  if (!cd_store_audit (store, "attach-scan", "batch", batch_id, NULL, sha, error))
    goto rollback;
  if (!cd_store_commit (store, error))
    goto remove;
  cd_store_emit_changed (store, "batch");
  return find_scan (store, 0, NULL, id);

rollback:
  cd_store_rollback (store);
remove:
  g_unlink (target);
  return NULL;
}

/* ---- On a worker -------------------------------------------------------- */

typedef struct {
  gint64  batch_id;
  char   *path;
} AttachJob;

static void
attach_job_free (gpointer data)
{
  AttachJob *job = data;

  g_free (job->path);
  g_free (job);
}

static gpointer
attach_work (CdStore       *store,
             gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  AttachJob *job = data;

  return cd_batch_attach_scan (store, job->batch_id, job->path, error);
}

void
cd_batch_attach_scan_async (CdStore             *store,
                            gint64               batch_id,
                            const char          *path,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  AttachJob *job = g_new0 (AttachJob, 1);

  job->batch_id = batch_id;
  job->path = g_strdup (path);
  cd_store_run_async (store, attach_work, job, attach_job_free,
                      (GDestroyNotify) cd_batch_scan_free, "batch",
                      cd_batch_attach_scan_async, cancellable, callback, user_data);
}

CdBatchScan *
cd_batch_attach_scan_finish (CdStore       *store,
                             GAsyncResult  *result,
                             GError       **error)
{
  return cd_store_run_finish (store, result, cd_batch_attach_scan_async, error);
}
