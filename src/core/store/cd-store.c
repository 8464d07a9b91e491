/* cd-store.c — the unit's register in one SQLite file
 *
 * The store object: opening (checks, migrations through
 * cd-store-schema.c), second connections for workers, backups,
 * transactions, the audit log and the "changed" signal. One connection,
 * WAL, foreign keys on. The integrity check (PRAGMA quick_check: now,
 * later or once a day) and the read-only reopening of a file that fails
 * it are in cd-store-check.c; what the clerk is told then (and when the
 * file cannot be opened or backed up) is in cd-store-errors.c. The
 * tables are read and written by cd-store-unit.c, cd-store-staff.c,
 * cd-store-certificates.c, cd-store-devices.c and cd-store-documents.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <sqlite3.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "cd-fileutil.h"
#include "cd-sql.h"
#include "cd-store.h"
#include "cd-store-errors.h"
#include "cd-store-private.h"
#include "cd-store-schema.h"

enum {
  SIGNAL_CHANGED,
  SIGNAL_CHECKED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (CdStore, cd_store, G_TYPE_OBJECT)
G_DEFINE_QUARK (cd-store-error-quark, cd_store_error)

/* ---- Statements kept ------------------------------------------------- */

void
cd_store_drop_statements (CdStore *self)
{
  g_clear_pointer (&self->st_staff_insert, sqlite3_finalize);
  g_clear_pointer (&self->st_staff_update, sqlite3_finalize);
  g_clear_pointer (&self->st_audit, sqlite3_finalize);
  g_clear_pointer (&self->cached, g_hash_table_unref);
}

static void
statement_finalize (gpointer st)
{
  sqlite3_finalize (st);
}

void
cd_sql_cached_release (CdSqlCached *st)
{
  sqlite3_reset (st);
  sqlite3_clear_bindings (st);
}

CdSqlCached *
cd_store_cached (CdStore     *self,
                 const char  *sql,
                 GError     **error)
{
  sqlite3_stmt *st;
  int rc;

  if (self->cached == NULL)
    self->cached = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL,
                                          statement_finalize);
  st = g_hash_table_lookup (self->cached, sql);
  /* a caller still stepping it (see the header) gets an error, not its
   * rows cut short */
  g_return_val_if_fail (st == NULL || !sqlite3_stmt_busy (st), NULL);
  if (st != NULL)
    return st;
  rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL);
  if (rc != SQLITE_OK)
    {
      cd_sql_set_error (self->db, rc, error);
      return NULL;
    }
  g_hash_table_insert (self->cached, (gpointer) sql, st);
  return st;
}

/* ---- GObject ---------------------------------------------------------- */

static void
cd_store_finalize (GObject *object)
{
  CdStore *self = CD_STORE (object);

  cd_store_watch (self, 0);
  cd_store_drop_statements (self);
  g_clear_pointer (&self->db, sqlite3_close);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->read_only_reason, g_free);
  g_clear_pointer (&self->damage, g_free);

  G_OBJECT_CLASS (cd_store_parent_class)->finalize (object);
}

static void
cd_store_class_init (CdStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cd_store_finalize;

  /**
   * CdStore::changed:
   * @what: "unit", "staff", "certificate", "device", "document", …
   *
   * The register changed; detailed by @what.
   */
  signals[SIGNAL_CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST | G_SIGNAL_DETAILED,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  /**
   * CdStore::checked:
   *
   * The integrity check left for later (cd_store_open_check_later) is
   * settled: cd_store_is_read_only() answers without running it.
   */
  signals[SIGNAL_CHECKED] =
    g_signal_new ("checked", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
cd_store_init (CdStore *self)
{
}

/* ---- Changes ---------------------------------------------------------- */

/* One local time for every row a change writes: SQLite's
 * strftime('now','localtime') per row costs more than the insert. */
const char *
cd_store_stamp_now (CdStore *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *s = g_date_time_format (now, "%Y-%m-%dT%H:%M:%S");

  g_strlcpy (self->stamp, s, sizeof self->stamp);
  return self->stamp;
}

gboolean
cd_store_begin (CdStore  *self,
                GError  **error)
{
  g_return_val_if_fail (CD_IS_STORE (self), FALSE);
  if (!cd_store_check_writable (self, error))
    return FALSE;
  cd_store_stamp_now (self);
  return cd_sql_exec (self->db, "BEGIN IMMEDIATE", error);
}

gboolean
cd_store_commit (CdStore  *self,
                 GError  **error)
{
  g_return_val_if_fail (CD_IS_STORE (self), FALSE);
  if (!cd_sql_exec (self->db, "COMMIT", error))
    {
      cd_store_rollback (self);
      return FALSE;
    }
  return TRUE;
}

void
cd_store_rollback (CdStore *self)
{
  g_return_if_fail (CD_IS_STORE (self));
  if (!sqlite3_get_autocommit (self->db))
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
}

static gint64
read_data_version (CdStore *self)
{
  return cd_sql_query_int64 (self->db, "PRAGMA data_version", -1);
}

void
cd_store_emit_changed (CdStore    *self,
                       const char *what)
{
  g_return_if_fail (CD_IS_STORE (self));
  /* Not taken as the watch's news: another program may have written
   * between a worker's commit and this, and that must not be lost. The
   * watch announces the worker's commit once more: one reload too many,
   * never one too few. */
  g_signal_emit (self, signals[SIGNAL_CHANGED], g_quark_from_string (what), what);
}

static gboolean
watch_cb (gpointer user_data)
{
  CdStore *self = user_data;
  gint64 v;

  /* Never inside a transaction of ours: it would read our own snapshot. */
  if (!sqlite3_get_autocommit (self->db))
    return G_SOURCE_CONTINUE;
  v = read_data_version (self);
  if (v >= 0 && v != self->data_version)
    {
      self->data_version = v;
      g_signal_emit (self, signals[SIGNAL_CHANGED], g_quark_from_static_string ("external"), "external");
    }
  return G_SOURCE_CONTINUE;
}

void
cd_store_watch (CdStore *self,
                guint    interval_ms)
{
  g_return_if_fail (CD_IS_STORE (self));
  if (self->watch != NULL)
    {
      g_source_destroy (self->watch);
      g_clear_pointer (&self->watch, g_source_unref);
    }
  if (interval_ms == 0)
    return;
  self->data_version = read_data_version (self);
  self->watch = g_timeout_source_new (interval_ms);
  g_source_set_callback (self->watch, watch_cb, self, NULL);
  g_source_set_name (self->watch, "[certdesk] register watch");
  g_source_attach (self->watch, g_main_context_get_thread_default ());
}

/* The end of a change inside cd_store_begin(): its audit entry and the
 * commit, or the rollback of all of it; then "changed::@entity". */
gboolean
cd_store_audit_and_commit (CdStore     *self,
                           const char  *action,
                           const char  *entity,
                           gint64       id,
                           const char  *old_value,
                           const char  *new_value,
                           GError     **error)
{
  if (!cd_store_audit (self, action, entity, id, old_value, new_value, error)
      || !cd_store_commit (self, error))
    {
      cd_store_rollback (self);
      return FALSE;
    }
  cd_store_emit_changed (self, entity);
  return TRUE;
}

gboolean
cd_store_audit (CdStore     *self,
                const char  *action,
                const char  *entity,
                gint64       entity_id,
                const char  *old_value,
                const char  *new_value,
                GError     **error)
{
  sqlite3_stmt *st;
  int rc;

  g_return_val_if_fail (CD_IS_STORE (self), FALSE);
  /* Kept: the importer writes one entry per row. */
  if (self->st_audit == NULL)
    {
      rc = sqlite3_prepare_v3 (self->db,
                               "INSERT INTO audit_log (action, entity, entity_id, old_value, new_value, at)"
                               " VALUES (?,?,?,?,?,?)", -1, SQLITE_PREPARE_PERSISTENT, &self->st_audit, NULL);
      if (rc != SQLITE_OK)
        return cd_sql_set_error (self->db, rc, error);
    }
  st = self->st_audit;
  sqlite3_bind_text (st, 1, action, -1, SQLITE_STATIC);
  sqlite3_bind_text (st, 2, entity, -1, SQLITE_STATIC);
  cd_sql_bind_id (st, 3, entity_id);
  cd_sql_bind_text (st, 4, old_value);
  cd_sql_bind_text (st, 5, new_value);
  /* outside cd_store_begin() (migrations, save_unit) take the time now */
  sqlite3_bind_text (st, 6, sqlite3_get_autocommit (self->db) || self->stamp[0] == '\0'
                            ? cd_store_stamp_now (self) : self->stamp, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (st);
  sqlite3_reset (st);
  sqlite3_clear_bindings (st);
  if (rc != SQLITE_DONE)
    return cd_sql_set_error (self->db, rc, error);
  return TRUE;
}

/* One "key":"value" (or null) member of a JSON object of fields. */
void
cd_store_json_add (GString *s, const char *key, const char *val)
{
  if (s->len > 1)
    g_string_append_c (s, ',');
  g_string_append_c (s, '"');
  g_string_append (s, key);
  g_string_append (s, "\":");
  if (val == NULL)
    {
      g_string_append (s, "null");
      return;
    }
  g_string_append_c (s, '"');
  for (const char *p = val; *p; p++)
    {
      if (*p == '"' || *p == '\\')
        g_string_append_printf (s, "\\%c", *p);
      else if ((guchar) *p < 0x20)
        g_string_append_printf (s, "\\u%04x", (guchar) *p);
      else
        g_string_append_c (s, *p);
    }
  g_string_append_c (s, '"');
}

char *
cd_store_ids_json (const gint64 *ids,
                   guint         n_ids)
{
  GString *s = g_string_new ("[");

  for (guint i = 0; i < n_ids; i++)
    g_string_append_printf (s, "%s%" G_GINT64_FORMAT, i ? "," : "", ids[i]);
  g_string_append_c (s, ']');
  return g_string_free (s, FALSE);
}

/* The single row of a lookup by id, or CD_STORE_ERROR_NOT_FOUND with
 * @message when it is gone (NULL @l: the error is already set). */
gpointer
cd_store_first_or_not_found (GPtrArray   *l,
                             const char  *message,
                             GError     **error)
{
  if (l == NULL)
    return NULL;
  if (l->len == 0)
    {
      g_set_error_literal (error, CD_STORE_ERROR, CD_STORE_ERROR_NOT_FOUND, message);
      return NULL;
    }
  return g_ptr_array_steal_index (l, 0);
}

/* ---- Opening ---------------------------------------------------------- */

static char *
backup_stem (const char *db_path, char **ext)
{
  g_autofree char *base = g_path_get_basename (db_path);
  char *dot = strrchr (base, '.');

  *ext = g_strdup (dot && dot != base ? dot : "");
  if (dot && dot != base)
    *dot = '\0';
  return g_strdup_printf ("%s.backup-", base);
}

char *
cd_store_find_newest_backup (const char *db_path)
{
  g_autofree char *dir = g_path_get_dirname (db_path);
  g_autofree char *ext = NULL;
  g_autofree char *stem = backup_stem (db_path, &ext);
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  g_autofree char *best = NULL;
  const char *name;

  if (d == NULL)
    return NULL;
  /* The date in the name sorts as text. */
  while ((name = g_dir_read_name (d)) != NULL)
    if (g_str_has_prefix (name, stem) && g_str_has_suffix (name, ext)
        && (best == NULL || strcmp (name, best) > 0))
      {
        g_free (best);
        best = g_strdup (name);
      }
  return best ? g_build_filename (dir, best, NULL) : NULL;
}

static char *
new_backup_path (const char *db_path)
{
  g_autofree char *dir = g_path_get_dirname (db_path);
  g_autofree char *ext = NULL;
  g_autofree char *stem = backup_stem (db_path, &ext);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y-%m-%d-%H%M%S");

  for (int i = 0; i < 100; i++)
    {
      g_autofree char *name = i == 0
        ? g_strdup_printf ("%s%s%s", stem, stamp, ext)
        : g_strdup_printf ("%s%s-%d%s", stem, stamp, i, ext);
      char *path = g_build_filename (dir, name, NULL);
      if (!g_file_test (path, G_FILE_TEST_EXISTS))
        return path;
      g_free (path);
    }
  return NULL;
}

gboolean
cd_store_backup (CdStore  *self,
                 char    **out_path,
                 GError  **error)
{
  g_autofree char *target = NULL;
  g_autoptr(CdSqlStmt) st = NULL;
  int fd, rc;

  g_return_val_if_fail (CD_IS_STORE (self), FALSE);

  target = new_backup_path (self->path);
  if (target == NULL)
    {
      g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_FAILED,
                   _("No name is free for a backup next to “%s”. Move old backups away and try again."), self->path);
      return FALSE;
    }
  /* Personal data: the copy is private from its first byte. VACUUM INTO
   * accepts an existing empty file. */
  fd = g_open (target, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      cd_store_set_backup_error (error, target, errno);
      return FALSE;
    }
  close (fd);

  st = cd_sql_prepare (self->db, "VACUUM INTO ?", error);
  if (st == NULL)
    {
      g_unlink (target);
      return FALSE;
    }
  sqlite3_bind_text (st, 1, target, -1, SQLITE_STATIC);
  rc = sqlite3_step (st);
  if (rc != SQLITE_DONE)
    {
      int sys = sqlite3_system_errno (self->db);

      /* SQLite's sentence speaks of the register; this is the copy. */
      if (rc == SQLITE_FULL || sys == ENOSPC || sys == EDQUOT || sys == EFBIG)
        cd_store_set_backup_error (error, target, sys != 0 ? sys : ENOSPC);
      else
        {
          g_autoptr(GError) local = NULL;

          cd_sql_set_error (self->db, rc, &local);
          g_set_error (error, CD_STORE_ERROR, local->code,
                       _("The backup “%s” could not be made. %s"), target, local->message);
        }
      g_unlink (target);
      return FALSE;
    }
  if (out_path)
    *out_path = g_steal_pointer (&target);
  return TRUE;
}

static int
pragma_int (CdStore *self, const char *sql)
{
  return (int) cd_sql_query_int64 (self->db, sql, -1);
}

static gboolean
has_foreign_tables (CdStore *self)
{
  return pragma_int (self, "SELECT count(*) FROM sqlite_schema"
                           " WHERE type = 'table' AND name <> 'unit'") > 0;
}

/* What the file holds before anything is written to it. */
typedef struct
{
  int      version;          /* -1: unreadable */
  int      application_id;
  gboolean foreign_tables;
  int      objects;          /* tables, indexes… of any program */
} FileFacts;

/* Read in one snapshot: another CertDesk may be creating this register
 * at this very moment (two imports started together on a new file), and
 * looks taken one by one could see its version before its commit and
 * its tables after it, and take the register for another program's
 * database (issue 20, D8). */
static void
read_facts (CdStore   *self,
            FileFacts *facts)
{
  gboolean in_txn = sqlite3_exec (self->db, "BEGIN", NULL, NULL, NULL) == SQLITE_OK;

  facts->version = pragma_int (self, "PRAGMA user_version");
  facts->application_id = pragma_int (self, "PRAGMA application_id");
  facts->foreign_tables = has_foreign_tables (self);
  facts->objects = pragma_int (self, "SELECT count(*) FROM sqlite_schema");
  if (in_txn)
    sqlite3_exec (self->db, "COMMIT", NULL, NULL, NULL);
}

/* Switching a new file to WAL writes its first page from inside a read
 * transaction, and SQLite does not call the busy handler for that
 * upgrade: while another CertDesk switches or creates the same new
 * register, this fails at once with SQLITE_BUSY whatever the timeout
 * (seen as "in use" when two imports started together). Wait for it as
 * long as for any other lock. A file in WAL already takes no lock. */
static gboolean
use_wal (CdStore  *self,
         GError  **error)
{
  gint64 end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  gulong pause = 1000;

  for (;;)
    {
      int rc = sqlite3_exec (self->db, "PRAGMA journal_mode=WAL", NULL, NULL, NULL);

      if (rc == SQLITE_OK)
        return TRUE;
      if ((rc & 0xff) != SQLITE_BUSY || g_get_monotonic_time () >= end)
        return cd_sql_set_error (self->db, rc, error);
      g_usleep (pause);
      pause = MIN (pause * 2, 50 * 1000);
    }
}

/* An existing register (and the -wal/-shm beside it) readable by others,
 * as copied in or made by an older CertDesk, is made private to the clerk
 * again: SQLite gives new -wal/-shm files the register's own mode. A file
 * the clerk does not own is left as it is. */
static void
make_private (const char *path)
{
  static const char *const suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);
      GStatBuf st;

      if (g_lstat (file, &st) == 0 && S_ISREG (st.st_mode) && (st.st_mode & 077) != 0)
        g_chmod (file, st.st_mode & 0700);
    }
}

static gboolean
file_is_sqlite (const char *path,
                gboolean   *empty,
                GError    **error)
{
  static const char magic[16] = "SQLite format 3";
  char head[16];
  int fd;
  gssize n;

  fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0)
    {
      cd_store_set_open_error (error, path, errno);
      return FALSE;
    }
  n = read (fd, head, sizeof head);
  close (fd);
  *empty = n == 0;
  if (n == 0)
    return TRUE;
  if (n != sizeof head || memcmp (head, magic, sizeof head) != 0)
    {
      g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_NOT_DATABASE,
                   _("“%s” is not a CertDesk register (not an SQLite database). It was not changed. Choose the right file, or restore the newest backup."),
                   path);
      return FALSE;
    }
  return TRUE;
}

/* @primary: NULL, or an open store of the same file in this process
 * (which already ran quick_check and the migrations). */
static CdStore *
store_open (const char  *path,
            CdStore     *primary,
            gboolean     check_later,
            gboolean     check_daily,
            GError     **error)
{
  g_autoptr(CdStore) self = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *problem = NULL;
  gboolean exists, empty = TRUE;
  FileFacts facts;
  int version;

  g_return_val_if_fail (path != NULL, NULL);

  dir = g_path_get_dirname (path);
  if (!g_file_test (dir, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_OPEN,
                   _("Cannot open the register “%s”: the folder “%s” does not exist. Create the folder first or choose another file."),
                   path, dir);
      return NULL;
    }
  exists = g_file_test (path, G_FILE_TEST_EXISTS);
  if (exists && !g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_OPEN,
                   _("Cannot open the register “%s”: it is not a file. Choose a file name."), path);
      return NULL;
    }
  /* Look before SQLite touches anything: a wrong file is left as it is.
   * Not for a second connection: the first looked already, and closing
   * any descriptor of the file drops every POSIX lock this process holds
   * on it (SQLite's included). Another program closing the register
   * then believes it is the last one, deletes the WAL, and the open
   * window no longer sees what anyone else writes. */
  if (exists && primary == NULL && !file_is_sqlite (path, &empty, error))
    return NULL;

  /* WAL keeps two files next to the register, so the folder itself must
   * be writable, not only the file. */
  if (access (dir, W_OK) != 0 || (exists && access (path, W_OK) != 0))
    {
      g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_READ_ONLY,
                   _("The register “%s” cannot be written: its folder or the file is read-only. Copy the file to a folder you may write to (for example in your home folder) and open it there, or ask for write permission."),
                   path);
      return NULL;
    }

  if (!exists)
    {
      /* Create the file ourselves so it is never readable by others, even
       * for the instant before a chmod. */
      int fd = g_open (path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
      if (fd < 0 && errno == EEXIST && g_file_test (path, G_FILE_TEST_IS_REGULAR))
        {
          /* Another CertDesk created it at the same moment (two imports
           * started together): open it as it is; SQLite's locks and
           * the migration's re-read of the version settle the rest. */
          fd = g_open (path, O_RDWR | O_CLOEXEC, 0);
        }
      if (fd < 0)
        {
          cd_store_set_open_error (error, path, errno);
          return NULL;
        }
      close (fd);
    }

  if (exists && primary == NULL)
    make_private (path);

  self = g_object_new (CD_TYPE_STORE, NULL);
  self->path = g_strdup (path);

  {
    int rc = sqlite3_open_v2 (path, &self->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);

    if (rc != SQLITE_OK)
      {
        if (self->db == NULL)
          g_set_error_literal (error, CD_STORE_ERROR, CD_STORE_ERROR_FAILED,
                               _("There is not enough memory to open the register. Close other programs and try again."));
        else
          cd_sql_set_error (self->db, rc, error);
        return NULL;
      }
  }
  sqlite3_busy_timeout (self->db, 5000);
  sqlite3_extended_result_codes (self->db, 1);

  if (primary != NULL)
    {
      /* The primary connection checked and migrated this file: a second
       * quick_check would read every page again (~600 ms at 30,000
       * staff) for nothing. Only make this connection behave the same,
       * with a 16 MB page cache: workers read lists in one pass, and a
       * 64 MB cache each filled with pages nobody reads again (and stayed
       * in the process after they closed). */
      if (!cd_sql_exec (self->db, "PRAGMA foreign_keys=ON; PRAGMA cache_size=-16000;", error))
        return NULL;
      /* Not checked yet: this connection checks before its first write. */
      g_atomic_int_set (&self->check_pending, g_atomic_int_get (&primary->check_pending));
      self->check_daily = primary->check_daily;
      return g_steal_pointer (&self);
    }

  read_facts (self, &facts);
  version = facts.version;

  /* Checking reads every page (~150 ms for a 30,000-staff register). It
   * may wait, for whoever asked, when nothing is to be migrated: nothing
   * is written before it is done (check_writable settles it first). */
  self->check_daily = check_daily;
  if (!empty && check_later && version == CD_STORE_SCHEMA_VERSION)
    g_atomic_int_set (&self->check_pending, TRUE);
  else if (!empty && (problem = cd_store_run_quick_check (self)) != NULL)
    {
      if (!cd_store_become_read_only (self, problem, error))
        return NULL;
      return g_steal_pointer (&self);
    }

  if (version > CD_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_TOO_NEW,
                   _("The register “%s” was written by a newer CertDesk. It was not changed. Install that newer version to open it."),
                   path);
      return NULL;
    }
  if (!empty && version == 0 && facts.application_id != CD_APPLICATION_ID && facts.foreign_tables)
    {
      g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_NOT_DATABASE,
                   _("“%s” is an SQLite database of another program, not a CertDesk register. It was not changed. Choose the right file."),
                   path);
      return NULL;
    }

  /* A new register gets 16 KiB pages (SQLite's default is 4 KiB): each
   * WAL frame is one pwrite(), and an import or a list's pass reads and
   * writes a quarter as many pages (issue 19: a 30,000-row import's
   * SQLite work 0.24 -> 0.18 s CPU). Set before the first table and the
   * switch to WAL, after which a register keeps its page size; an
   * existing register is left with its own. */
  if (empty && !cd_sql_exec (self->db, "PRAGMA page_size=16384", error))
    return NULL;

  /* A 30,000-staff register is about 20 MB: let the page cache hold it
   * (it only grows as pages are used) so a big import never spills
   * uncommitted pages to the WAL. */
  if (!use_wal (self, error)
      || !cd_sql_exec (self->db, "PRAGMA foreign_keys=ON; PRAGMA cache_size=-65536;", error))
    {
      /* A damaged file may fail even these: check it now after all. */
      if (g_atomic_int_get (&self->check_pending) && (problem = cd_store_run_quick_check (self)) != NULL)
        {
          g_clear_error (error);
          g_atomic_int_set (&self->check_pending, FALSE);
          if (!cd_store_become_read_only (self, problem, error))
            return NULL;
          return g_steal_pointer (&self);
        }
      return NULL;
    }

  if (version < CD_STORE_SCHEMA_VERSION
      && !cd_store_schema_migrate (self, version, !empty && facts.objects > 0, error))
    return NULL;

  /* A writer killed before its rename left a hidden temporary file:
   * sweep where the clerk saves (issue 20, D7). */
  cd_store_sweep_document_folders (self);
  /* Written only to a checked file; else once the check passed. */
  if (!g_atomic_int_get (&self->check_pending))
    cd_store_ensure_email_index (self);

  return g_steal_pointer (&self);
}

/* An official e-mail belongs to one person, whatever its case (issue 20,
 * D8). Not a migration, so the schema version stays: the index is made
 * on open when it is missing. A register that already holds the same
 * e-mail twice cannot have it: that is said once (debug log) and the
 * import's own check inside its transaction still keeps new duplicates
 * out. */
void
cd_store_ensure_email_index (CdStore *self)
{
  char *msg = NULL;

  if (sqlite3_exec (self->db, "CREATE UNIQUE INDEX IF NOT EXISTS staff_email_nocase"
                              " ON staff (lower(email)) WHERE email <> ''",
                    NULL, NULL, &msg) != SQLITE_OK)
    {
      static gsize said = 0;

      if (g_once_init_enter (&said))
        {
          g_debug ("no unique e-mail index: %s", msg ? msg : "?");
          g_once_init_leave (&said, 1);
        }
    }
  sqlite3_free (msg);
}

CdStore *
cd_store_open (const char  *path,
               GError     **error)
{
  return store_open (path, NULL, FALSE, FALSE, error);
}

CdStore *
cd_store_open_check_later (const char  *path,
                           GError     **error)
{
  return store_open (path, NULL, TRUE, FALSE, error);
}

CdStore *
cd_store_open_check_daily (const char  *path,
                           GError     **error)
{
  return store_open (path, NULL, TRUE, TRUE, error);
}

CdStore *
cd_store_open_secondary (CdStore  *primary,
                         GError  **error)
{
  CdStore *self;

  g_return_val_if_fail (CD_IS_STORE (primary), NULL);

  /* A damaged register stays read-only: open it the checked way. */
  if (primary->read_only_reason != NULL)
    return store_open (primary->path, NULL, FALSE, FALSE, error);
  self = store_open (primary->path, primary, FALSE, FALSE, error);
  return self;
}

const char *
cd_store_get_path (CdStore *self)
{
  g_return_val_if_fail (CD_IS_STORE (self), NULL);
  return self->path;
}

struct sqlite3 *
cd_store_get_db (CdStore *self)
{
  g_return_val_if_fail (CD_IS_STORE (self), NULL);
  return self->db;
}

gboolean
cd_store_is_empty (CdStore *self)
{
  g_return_val_if_fail (CD_IS_STORE (self), TRUE);
  /* EXISTS, not count(*): the window asks before its first frame, and
   * counting 100,000 staff read the whole table (~30 ms each time). */
  return pragma_int (self, "SELECT EXISTS (SELECT 1 FROM unit WHERE coalesce(name,'') <> '')"
                           " OR EXISTS (SELECT 1 FROM staff)") <= 0;
}

gboolean
cd_store_has_staff (CdStore *self)
{
  g_return_val_if_fail (CD_IS_STORE (self), FALSE);
  return pragma_int (self, "SELECT EXISTS (SELECT 1 FROM staff)") > 0;
}

guint
cd_store_count_staff (CdStore *self)
{
  int n;

  g_return_val_if_fail (CD_IS_STORE (self), 0);
  n = pragma_int (self, "SELECT count(*) FROM staff");
  return n < 0 ? 0 : (guint) n;
}
