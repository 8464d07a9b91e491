/* cd-store.c — the unit's register in one SQLite file
 *
 * One connection, WAL, foreign keys on. The schema moves forward only,
 * one migration per PRAGMA user_version step, each in a transaction and
 * after a dated backup of the file. A file that fails PRAGMA quick_check
 * is reopened read-only and never written to.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#include <sqlite3.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "cd-fileutil.h"
#include "cd-store.h"
#include "cd-store-private.h"
#include "cd-text.h"
#include "cd-validate.h"

/* "CDK1": tells our registers from other SQLite files. */
#define CD_APPLICATION_ID 0x43444B31

struct _CdStore
{
  GObject  parent_instance;

  /* owned */
  sqlite3 *db;
  char    *path;
  char    *read_only_reason;   /* non-NULL: damaged, opened read-only */
  char    *damage;             /* what quick_check found, for that reason */
  gint     check_pending;      /* atomic; quick_check not run yet (see
                                * cd_store_open_check_later) */

  /* statements reused for every row of an import */
  sqlite3_stmt *st_staff_insert;
  sqlite3_stmt *st_staff_update;
  sqlite3_stmt *st_audit;
  char          stamp[20];   /* local time of the current change */
};

enum {
  SIGNAL_CHANGED,
  SIGNAL_CHECKED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (CdStore, cd_store, G_TYPE_OBJECT)
G_DEFINE_QUARK (cd-store-error-quark, cd_store_error)

/* ---- Schema ----------------------------------------------------------- */

/* migrations[i] takes user_version i to i + 1. Never edit a shipped step:
 * add a new one. Step 0 keeps the foundation's unit table (created
 * before versioning) with its data. */
static const char *const migrations[] = {
  /* 0 → 1 */
  "CREATE TABLE IF NOT EXISTS unit ("
  "  id INTEGER PRIMARY KEY CHECK (id = 1),"
  "  name TEXT, parent_name TEXT, place TEXT, province TEXT,"
  "  head_title TEXT, head_name TEXT, address TEXT, phone TEXT,"
  "  email TEXT, org1 TEXT, org2 TEXT, org3 TEXT, org4 TEXT);"
  "CREATE TABLE staff ("
  "  id INTEGER PRIMARY KEY,"
  "  full_name TEXT NOT NULL,"
  "  birth_date TEXT, gender TEXT CHECK (gender IN ('Nam','Nữ')),"
  "  position TEXT, department TEXT,"
  "  cccd TEXT, cccd_date TEXT, cccd_place TEXT,"
  "  phone TEXT, email TEXT,"
  "  left INTEGER NOT NULL DEFAULT 0, left_date TEXT, left_reason TEXT,"
  "  note TEXT,"
  "  name_key TEXT NOT NULL,"     /* lower-case, tone placement unified */
  "  search_key TEXT NOT NULL,"   /* accent-free name, CCCD, email, phone */
  "  sort_key TEXT NOT NULL,"     /* Vietnamese person order */
  "  created TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S','now','localtime')),"
  "  modified TEXT);"
  "CREATE UNIQUE INDEX staff_cccd ON staff (cccd) WHERE cccd IS NOT NULL;"
  "CREATE INDEX staff_email ON staff (email);"
  "CREATE INDEX staff_name_key ON staff (name_key, birth_date);"
  "CREATE INDEX staff_sort ON staff (sort_key);"
  "CREATE TABLE certificates ("
  "  id INTEGER PRIMARY KEY,"
  "  staff_id INTEGER REFERENCES staff (id) ON DELETE SET NULL,"
  "  serial TEXT NOT NULL,"
  "  subject_dn TEXT, subject_cn TEXT, subject_ou TEXT, subject_o TEXT,"
  "  subject_l TEXT, subject_st TEXT, email TEXT, uid_cccd TEXT, uid_mst TEXT,"
  "  issuer_cn TEXT, issuer_o TEXT, provider TEXT,"
  "  not_before INTEGER NOT NULL DEFAULT 0, not_after INTEGER NOT NULL DEFAULT 0,"
  "  fingerprint TEXT UNIQUE,"   /* NULL only for a typed-in certificate */
  "  der BLOB,"
  "  source INTEGER NOT NULL DEFAULT 0,"
  "  revoked INTEGER NOT NULL DEFAULT 0, revoked_date TEXT, revoked_reason TEXT,"
  "  added TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S','now','localtime')));"
  "CREATE INDEX cert_staff ON certificates (staff_id, revoked, not_after);"
  "CREATE INDEX cert_not_after ON certificates (not_after);"
  "CREATE INDEX cert_serial ON certificates (serial);"
  "CREATE INDEX cert_email ON certificates (email);"
  "CREATE TABLE devices ("
  "  id INTEGER PRIMARY KEY,"
  "  token_serial TEXT NOT NULL UNIQUE,"
  "  label TEXT, manufacturer TEXT, model TEXT,"
  "  type TEXT NOT NULL DEFAULT 'TOKEN' CHECK (type IN ('TOKEN','SIM','HSM','SOFT','RSSP')),"
  "  holder_id INTEGER REFERENCES staff (id) ON DELETE SET NULL,"
  "  status TEXT NOT NULL DEFAULT 'in_stock');"
  "CREATE INDEX devices_holder ON devices (holder_id);"
  "CREATE INDEX devices_status ON devices (status);"
  "CREATE TABLE documents ("
  "  id INTEGER PRIMARY KEY,"
  "  path TEXT NOT NULL, kind TEXT NOT NULL,"
  "  template_name TEXT, template_sha256 TEXT,"
  "  created TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S','now','localtime')));"
  "CREATE TABLE handover_events ("
  "  id INTEGER PRIMARY KEY,"
  "  device_id INTEGER REFERENCES devices (id) ON DELETE SET NULL,"
  "  staff_id INTEGER REFERENCES staff (id) ON DELETE SET NULL,"
  "  kind TEXT NOT NULL, date TEXT NOT NULL, place TEXT,"
  "  people_present TEXT,"   /* JSON array of {name, title} */
  "  note TEXT,"
  "  document_id INTEGER REFERENCES documents (id) ON DELETE SET NULL);"
  "CREATE INDEX handover_device ON handover_events (device_id, date);"
  "CREATE INDEX handover_staff ON handover_events (staff_id, date);"
  "CREATE TABLE request_batches ("
  "  id INTEGER PRIMARY KEY,"
  "  kind TEXT NOT NULL, date TEXT, doc_number TEXT,"
  "  status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft','sent','done')),"
  "  note TEXT,"
  "  document_id INTEGER REFERENCES documents (id) ON DELETE SET NULL,"
  "  created TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S','now','localtime')));"
  "CREATE INDEX batch_status ON request_batches (status, date);"
  "CREATE TABLE batch_items ("
  "  id INTEGER PRIMARY KEY,"
  "  batch_id INTEGER NOT NULL REFERENCES request_batches (id) ON DELETE CASCADE,"
  "  staff_id INTEGER REFERENCES staff (id) ON DELETE SET NULL,"
  "  certificate_id INTEGER REFERENCES certificates (id) ON DELETE SET NULL,"
  "  device_id INTEGER REFERENCES devices (id) ON DELETE SET NULL,"
  "  action TEXT, reason TEXT, position INTEGER NOT NULL DEFAULT 0);"
  "CREATE INDEX batch_items_batch ON batch_items (batch_id, position);"
  "CREATE TABLE tasks ("
  "  id INTEGER PRIMARY KEY,"
  "  kind TEXT NOT NULL,"
  "  device_id INTEGER REFERENCES devices (id) ON DELETE SET NULL,"
  "  certificate_id INTEGER REFERENCES certificates (id) ON DELETE SET NULL,"
  "  staff_id INTEGER REFERENCES staff (id) ON DELETE SET NULL,"
  "  due_date TEXT, done_date TEXT, note TEXT,"
  "  created TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S','now','localtime')));"
  "CREATE INDEX tasks_due ON tasks (done_date, due_date);"
  "CREATE TABLE holidays (date TEXT PRIMARY KEY, name TEXT NOT NULL);"
  "CREATE TABLE audit_log ("
  "  id INTEGER PRIMARY KEY,"
  "  at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S','now','localtime')),"
  "  action TEXT NOT NULL, entity TEXT NOT NULL, entity_id INTEGER,"
  "  old_value TEXT, new_value TEXT);"
  "CREATE INDEX audit_entity ON audit_log (entity, entity_id);",
  /* 1 → 2: the recovery-task sync asks, for each device with a holder,
   * whether a task exists: a scan of every task each time (650 ms with
   * 20,000 devices and 3,600 tasks). */
  "CREATE INDEX tasks_device ON tasks (device_id, certificate_id);",
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == CD_STORE_SCHEMA_VERSION);

/* ---- GObject ---------------------------------------------------------- */

static void
cd_store_finalize (GObject *object)
{
  CdStore *self = CD_STORE (object);

  g_clear_pointer (&self->st_staff_insert, sqlite3_finalize);
  g_clear_pointer (&self->st_staff_update, sqlite3_finalize);
  g_clear_pointer (&self->st_audit, sqlite3_finalize);
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

/* ---- Small helpers ---------------------------------------------------- */

static gboolean
set_sql_error (CdStore     *self,
               GError     **error,
               int          rc)
{
  int ext = sqlite3_extended_errcode (self->db);

  if ((rc & 0xff) == SQLITE_CONSTRAINT || (ext & 0xff) == SQLITE_CONSTRAINT)
    g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_CONSTRAINT,
                 _("This would make two records the same (%s). Check for a duplicate CCCD number, serial or fingerprint."),
                 sqlite3_errmsg (self->db));
  else if ((rc & 0xff) == SQLITE_READONLY || (rc & 0xff) == SQLITE_CANTOPEN)
    g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_READ_ONLY,
                 _("The register cannot be written (%s). Check that the file and its folder may be written, and that the disk is not full."),
                 sqlite3_errmsg (self->db));
  else
    g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_FAILED,
                 _("The register could not be updated (%s)."), sqlite3_errmsg (self->db));
  return FALSE;
}

static gboolean
exec (CdStore     *self,
      const char  *sql,
      GError     **error)
{
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    return set_sql_error (self, error, rc);
  return TRUE;
}

static sqlite3_stmt *
prepare (CdStore     *self,
         const char  *sql,
         GError     **error)
{
  sqlite3_stmt *st = NULL;
  int rc = sqlite3_prepare_v2 (self->db, sql, -1, &st, NULL);

  if (rc != SQLITE_OK)
    {
      set_sql_error (self, error, rc);
      return NULL;
    }
  return st;
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

static char *
col_text (sqlite3_stmt *st, int i)
{
  const unsigned char *t = sqlite3_column_text (st, i);
  return t ? g_strdup ((const char *) t) : NULL;
}

static void
bind_text (sqlite3_stmt *st, int i, const char *text)
{
  if (text == NULL || *text == '\0')
    sqlite3_bind_null (st, i);
  else
    sqlite3_bind_text (st, i, text, -1, SQLITE_TRANSIENT);
}

static void
bind_id (sqlite3_stmt *st, int i, gint64 id)
{
  if (id == 0)
    sqlite3_bind_null (st, i);
  else
    sqlite3_bind_int64 (st, i, id);
}

static void settle_pending_check (CdStore *self);

static gboolean
check_writable (CdStore  *self,
                GError  **error)
{
  /* Never the first write to a file not checked yet. */
  settle_pending_check (self);
  if (self->read_only_reason != NULL)
    {
      g_set_error_literal (error, CD_STORE_ERROR, CD_STORE_ERROR_DAMAGED,
                           self->read_only_reason);
      return FALSE;
    }
  return TRUE;
}

/* One local time for every row a change writes: SQLite's
 * strftime('now','localtime') per row costs more than the insert. */
static const char *
stamp_now (CdStore *self)
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
  if (!check_writable (self, error))
    return FALSE;
  stamp_now (self);
  return exec (self, "BEGIN IMMEDIATE", error);
}

gboolean
cd_store_commit (CdStore  *self,
                 GError  **error)
{
  g_return_val_if_fail (CD_IS_STORE (self), FALSE);
  if (!exec (self, "COMMIT", error))
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

void
cd_store_emit_changed (CdStore    *self,
                       const char *what)
{
  g_return_if_fail (CD_IS_STORE (self));
  g_signal_emit (self, signals[SIGNAL_CHANGED], g_quark_from_string (what), what);
}

/* The end of a change inside cd_store_begin(): its audit entry and the
 * commit, or the rollback of all of it; then "changed::@entity". */
static gboolean
audit_and_commit (CdStore     *self,
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
        return set_sql_error (self, error, rc);
    }
  st = self->st_audit;
  sqlite3_bind_text (st, 1, action, -1, SQLITE_STATIC);
  sqlite3_bind_text (st, 2, entity, -1, SQLITE_STATIC);
  bind_id (st, 3, entity_id);
  bind_text (st, 4, old_value);
  bind_text (st, 5, new_value);
  /* outside cd_store_begin() (migrations, save_unit) take the time now */
  sqlite3_bind_text (st, 6, sqlite3_get_autocommit (self->db) || self->stamp[0] == '\0'
                            ? stamp_now (self) : self->stamp, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (st);
  sqlite3_reset (st);
  sqlite3_clear_bindings (st);
  if (rc != SQLITE_DONE)
    return set_sql_error (self, error, rc);
  return TRUE;
}

/* A JSON object of the fields in @keys/@vals that differ between @old and
 * @new (both given) or of every non-NULL one (one given). */
static void
json_add (GString *s, const char *key, const char *val)
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

#define N_STAFF_FIELDS 14

static void
staff_fields (const CdStaff *s, const char *v[N_STAFF_FIELDS])
{
  v[0] = s->full_name; v[1] = s->birth_date; v[2] = s->gender;
  v[3] = s->position; v[4] = s->department; v[5] = s->cccd;
  v[6] = s->cccd_date; v[7] = s->cccd_place; v[8] = s->phone;
  v[9] = s->email; v[10] = s->left ? "1" : NULL; v[11] = s->left_date;
  v[12] = s->left_reason; v[13] = s->note;
}

static const char *const staff_field_names[N_STAFF_FIELDS] = {
  "full_name", "birth_date", "gender", "position", "department", "cccd",
  "cccd_date", "cccd_place", "phone", "email", "left", "left_date",
  "left_reason", "note",
};

static void
staff_diff_json (const CdStaff *old,
                 const CdStaff *new,
                 char         **old_json,
                 char         **new_json)
{
  const char *a[N_STAFF_FIELDS], *b[N_STAFF_FIELDS];
  GString *so = g_string_new ("{"), *sn = g_string_new ("{");

  if (old)
    staff_fields (old, a);
  if (new)
    staff_fields (new, b);
  for (guint i = 0; i < N_STAFF_FIELDS; i++)
    {
      const char *va = old ? a[i] : NULL, *vb = new ? b[i] : NULL;

      if (g_strcmp0 (va, vb) == 0)
        continue;
      if (old)
        json_add (so, staff_field_names[i], va);
      if (new)
        json_add (sn, staff_field_names[i], vb);
    }
  g_string_append_c (so, '}');
  g_string_append_c (sn, '}');
  *old_json = old ? g_string_free (so, FALSE) : (g_string_free (so, TRUE), NULL);
  *new_json = new ? g_string_free (sn, FALSE) : (g_string_free (sn, TRUE), NULL);
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
  g_autoptr(sqlite3_stmt) st = NULL;
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
      int saved = errno;
      g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_READ_ONLY,
                   _("Cannot write the backup “%s”: %s. Check that the folder may be written and the disk is not full."),
                   target, g_strerror (saved));
      return FALSE;
    }
  close (fd);

  st = prepare (self, "VACUUM INTO ?", error);
  if (st == NULL)
    {
      g_unlink (target);
      return FALSE;
    }
  sqlite3_bind_text (st, 1, target, -1, SQLITE_STATIC);
  rc = sqlite3_step (st);
  if (rc != SQLITE_DONE)
    {
      g_clear_error (error);
      g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_FAILED,
                   _("Cannot write the backup “%s”: %s. Check that the folder may be written and the disk is not full."),
                   target, sqlite3_errmsg (self->db));
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
  sqlite3_stmt *st = NULL;
  int v = -1;

  if (sqlite3_prepare_v2 (self->db, sql, -1, &st, NULL) == SQLITE_OK
      && sqlite3_step (st) == SQLITE_ROW)
    v = sqlite3_column_int (st, 0);
  sqlite3_finalize (st);
  return v;
}

/* NULL when the file is sound, else the first problem quick_check found
 * (or the error that stopped it). */
static char *
quick_check (CdStore *self)
{
  sqlite3_stmt *st = NULL;
  char *problem = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (self->db, "PRAGMA quick_check(3)", -1, &st, NULL);
  if (rc == SQLITE_OK)
    {
      GString *all = NULL;

      while ((rc = sqlite3_step (st)) == SQLITE_ROW)
        {
          const char *r = (const char *) sqlite3_column_text (st, 0);
          if (g_strcmp0 (r, "ok") == 0)
            break;
          /* Skip the "*** in database main ***" heading: a row of its
           * own, or the first line of a row holding the whole list (as
           * SQLite 3.40 gives it — such a row was once taken for "no
           * problem"). */
          if (r != NULL && g_str_has_prefix (r, "***"))
            {
              r = strchr (r, '\n');
              r = r != NULL ? r + 1 : NULL;
            }
          if (r == NULL || *r == '\0')
            continue;
          if (all == NULL)
            all = g_string_new (r);
          else
            g_string_append_printf (all, "; %s", r);
        }
      if (rc != SQLITE_ROW && rc != SQLITE_DONE && all == NULL)
        problem = g_strdup (sqlite3_errmsg (self->db));
      else if (all != NULL)
        problem = g_string_free (all, FALSE);
    }
  else
    problem = g_strdup (sqlite3_errmsg (self->db));
  sqlite3_finalize (st);
  return problem;
}

static char *
damage_message (const char *path,
                const char *problem)
{
  g_autofree char *backup = cd_store_find_newest_backup (path);

  if (backup != NULL)
    return g_strdup_printf (_("The register “%s” is damaged (%s). CertDesk opened it read-only so that nothing more is lost; you can still read and export it. To restore the newest backup: close CertDesk, rename the damaged file (keep it), copy “%s” to “%s”, then start CertDesk again. Changes made after that backup must be entered again."),
                            path, problem, backup, path);
  return g_strdup_printf (_("The register “%s” is damaged (%s). CertDesk opened it read-only so that nothing more is lost; you can still read and export it. No backup was found next to it: copy the file to a safe place and ask your IT support to recover it (the sqlite3 tool's “.recover” command saves most data)."),
                          path, problem);
}

static gboolean
has_foreign_tables (CdStore *self)
{
  return pragma_int (self, "SELECT count(*) FROM sqlite_schema"
                           " WHERE type = 'table' AND name <> 'unit'") > 0;
}

static gboolean
migrate (CdStore   *self,
         int        from,
         gboolean   existing,
         GError   **error)
{
  if (existing)
    {
      g_autoptr(GError) local = NULL;
      /* Forward-only: keep what the older CertDesk could read. */
      if (!cd_store_backup (self, NULL, &local))
        {
          g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_OPEN,
                       _("The register must be upgraded, but no backup could be made first, so it was left as it is. %s"),
                       local->message);
          return FALSE;
        }
    }
  if (!exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;
  for (int v = from; v < CD_STORE_SCHEMA_VERSION; v++)
    if (!exec (self, migrations[v], error))
      {
        cd_store_rollback (self);
        return FALSE;
      }
  {
    g_autofree char *sql = g_strdup_printf ("PRAGMA user_version = %d; PRAGMA application_id = %d;",
                                            CD_STORE_SCHEMA_VERSION, CD_APPLICATION_ID);
    if (!exec (self, sql, error)
        || !cd_store_audit (self, "migrate", "schema", CD_STORE_SCHEMA_VERSION, NULL, NULL, error)
        || !exec (self, "COMMIT", error))
      {
        cd_store_rollback (self);
        return FALSE;
      }
  }
  return TRUE;
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
      int saved = errno;
      g_set_error (error, CD_STORE_ERROR, saved == EACCES ? CD_STORE_ERROR_READ_ONLY : CD_STORE_ERROR_OPEN,
                   _("Cannot open the register “%s”: %s. Check that you may read and write this file."),
                   path, g_strerror (saved));
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

/* Never write to a damaged file: reopen it read-only, without WAL
 * changes, so the data can still be read and exported. */
static gboolean
become_read_only (CdStore     *self,
                  const char  *problem,
                  GError     **error)
{
  g_clear_pointer (&self->st_staff_insert, sqlite3_finalize);
  g_clear_pointer (&self->st_staff_update, sqlite3_finalize);
  g_clear_pointer (&self->st_audit, sqlite3_finalize);
  g_clear_pointer (&self->db, sqlite3_close);
  g_free (self->read_only_reason);
  self->read_only_reason = damage_message (self->path, problem);
  g_free (self->damage);
  self->damage = g_strdup (problem);
  g_message ("register %s failed quick_check: %s", self->path, problem);
  if (sqlite3_open_v2 (self->path, &self->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK)
    {
      g_set_error_literal (error, CD_STORE_ERROR, CD_STORE_ERROR_DAMAGED, self->read_only_reason);
      return FALSE;
    }
  return TRUE;
}

static void
settle_pending_check (CdStore *self)
{
  g_autofree char *problem = NULL;

  if (!g_atomic_int_get (&self->check_pending))
    return;
  problem = quick_check (self);
  cd_store_finish_check (self, problem);
}

/* @primary: NULL, or an open store of the same file in this process
 * (which already ran quick_check and the migrations). */
static CdStore *
store_open (const char  *path,
            CdStore     *primary,
            gboolean     check_later,
            GError     **error)
{
  g_autoptr(CdStore) self = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *problem = NULL;
  gboolean exists, empty = TRUE;
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
  /* Look before SQLite touches anything: a wrong file is left as it is. */
  if (exists && !file_is_sqlite (path, &empty, error))
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
      if (fd < 0)
        {
          int saved = errno;
          g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_OPEN,
                       _("Cannot open the register “%s”: %s. Check that you may read and write this file."),
                       path, g_strerror (saved));
          return NULL;
        }
      close (fd);
    }

  self = g_object_new (CD_TYPE_STORE, NULL);
  self->path = g_strdup (path);

  if (sqlite3_open_v2 (path, &self->db,
                       SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK)
    {
      g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_OPEN,
                   _("Cannot open the register “%s”: %s."),
                   path, self->db ? sqlite3_errmsg (self->db) : "?");
      return NULL;
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
      if (!exec (self, "PRAGMA foreign_keys=ON; PRAGMA cache_size=-16000;", error))
        return NULL;
      /* Not checked yet: this connection checks before its first write. */
      g_atomic_int_set (&self->check_pending, g_atomic_int_get (&primary->check_pending));
      return g_steal_pointer (&self);
    }

  /* Checking reads every page (~150 ms for a 30,000-staff register). It
   * may wait, for whoever asked, when nothing is to be migrated: nothing
   * is written before it is done (check_writable settles it first). */
  if (!empty && check_later && pragma_int (self, "PRAGMA user_version") == CD_STORE_SCHEMA_VERSION)
    g_atomic_int_set (&self->check_pending, TRUE);
  else if (!empty && (problem = quick_check (self)) != NULL)
    {
      if (!become_read_only (self, problem, error))
        return NULL;
      return g_steal_pointer (&self);
    }

  version = pragma_int (self, "PRAGMA user_version");
  if (version > CD_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_TOO_NEW,
                   _("The register “%s” was written by a newer CertDesk. It was not changed. Install that newer version to open it."),
                   path);
      return NULL;
    }
  if (!empty && version == 0 && pragma_int (self, "PRAGMA application_id") != CD_APPLICATION_ID
      && has_foreign_tables (self))
    {
      g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_NOT_DATABASE,
                   _("“%s” is an SQLite database of another program, not a CertDesk register. It was not changed. Choose the right file."),
                   path);
      return NULL;
    }

  /* A 30,000-staff register is about 20 MB: let the page cache hold it
   * (it only grows as pages are used) so a big import never spills
   * uncommitted pages to the WAL. */
  if (!exec (self, "PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON; PRAGMA cache_size=-65536;", error))
    {
      /* A damaged file may fail even these: check it now after all. */
      if (g_atomic_int_get (&self->check_pending) && (problem = quick_check (self)) != NULL)
        {
          g_clear_error (error);
          g_atomic_int_set (&self->check_pending, FALSE);
          if (!become_read_only (self, problem, error))
            return NULL;
          return g_steal_pointer (&self);
        }
      return NULL;
    }

  if (version < CD_STORE_SCHEMA_VERSION
      && !migrate (self, version, !empty && pragma_int (self, "SELECT count(*) FROM sqlite_schema") > 0, error))
    return NULL;

  return g_steal_pointer (&self);
}

CdStore *
cd_store_open (const char  *path,
               GError     **error)
{
  return store_open (path, NULL, FALSE, error);
}

CdStore *
cd_store_open_check_later (const char  *path,
                           GError     **error)
{
  return store_open (path, NULL, TRUE, error);
}

const char *
cd_store_get_damage (CdStore *self)
{
  g_return_val_if_fail (CD_IS_STORE (self), NULL);
  return self->damage;
}

gboolean
cd_store_get_check_pending (CdStore *self)
{
  g_return_val_if_fail (CD_IS_STORE (self), FALSE);
  return g_atomic_int_get (&self->check_pending);
}

char *
cd_store_run_quick_check (CdStore *self)
{
  g_return_val_if_fail (CD_IS_STORE (self), NULL);
  return quick_check (self);
}

void
cd_store_finish_check (CdStore    *self,
                       const char *problem)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (CD_IS_STORE (self));

  if (!g_atomic_int_compare_and_exchange (&self->check_pending, TRUE, FALSE))
    return;   /* settled already */
  if (problem != NULL && !become_read_only (self, problem, &error))
    g_warning ("%s", error->message);
  g_signal_emit (self, signals[SIGNAL_CHECKED], 0);
  if (problem != NULL)
    cd_store_emit_changed (self, "register");
}

CdStore *
cd_store_open_secondary (CdStore  *primary,
                         GError  **error)
{
  CdStore *self;

  g_return_val_if_fail (CD_IS_STORE (primary), NULL);

  /* A damaged register stays read-only: open it the checked way. */
  if (primary->read_only_reason != NULL)
    return store_open (primary->path, NULL, FALSE, error);
  self = store_open (primary->path, primary, FALSE, error);
  return self;
}

const char *
cd_store_get_path (CdStore *self)
{
  g_return_val_if_fail (CD_IS_STORE (self), NULL);
  return self->path;
}

gboolean
cd_store_is_read_only (CdStore *self)
{
  g_return_val_if_fail (CD_IS_STORE (self), TRUE);
  settle_pending_check (self);
  return self->read_only_reason != NULL;
}

const char *
cd_store_get_read_only_reason (CdStore *self)
{
  g_return_val_if_fail (CD_IS_STORE (self), NULL);
  settle_pending_check (self);
  return self->read_only_reason;
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
  return pragma_int (self, "SELECT (SELECT count(*) FROM unit WHERE coalesce(name,'') <> '')"
                           " + (SELECT count(*) FROM staff)") <= 0;
}

guint
cd_store_count_staff (CdStore *self)
{
  int n;

  g_return_val_if_fail (CD_IS_STORE (self), 0);
  n = pragma_int (self, "SELECT count(*) FROM staff");
  return n < 0 ? 0 : (guint) n;
}

/* ---- Unit ------------------------------------------------------------- */

CdUnit *
cd_store_get_unit (CdStore *self)
{
  CdUnit *u = cd_unit_new ();
  sqlite3_stmt *st = NULL;

  g_return_val_if_fail (CD_IS_STORE (self), u);

  if (sqlite3_prepare_v2 (self->db,
                          "SELECT name, parent_name, place, province, head_title, head_name,"
                          " address, phone, email, org1, org2, org3, org4 FROM unit WHERE id = 1",
                          -1, &st, NULL) == SQLITE_OK
      && sqlite3_step (st) == SQLITE_ROW)
    {
      u->name = col_text (st, 0);
      u->parent_name = col_text (st, 1);
      u->place = col_text (st, 2);
      u->province = col_text (st, 3);
      u->head_title = col_text (st, 4);
      u->head_name = col_text (st, 5);
      u->address = col_text (st, 6);
      u->phone = col_text (st, 7);
      u->email = col_text (st, 8);
      for (int i = 0; i < 4; i++)
        u->org_level[i] = col_text (st, 9 + i);
    }
  sqlite3_finalize (st);
  return u;
}

gboolean
cd_store_save_unit (CdStore      *self,
                    const CdUnit *u,
                    GError      **error)
{
  g_autoptr(sqlite3_stmt) st = NULL;
  g_autoptr(CdUnit) old = NULL;
  char *vals[13];
  GString *js_old, *js_new;
  static const char *const names[13] = {
    "name", "parent_name", "place", "province", "head_title", "head_name",
    "address", "phone", "email", "org1", "org2", "org3", "org4" };
  const char *olds[13];
  int rc;

  g_return_val_if_fail (CD_IS_STORE (self), FALSE);
  g_return_val_if_fail (u != NULL, FALSE);
  if (!check_writable (self, error))
    return FALSE;

  old = cd_store_get_unit (self);
  vals[0] = cd_text_clean (u->name); vals[1] = cd_text_clean (u->parent_name);
  vals[2] = cd_text_clean (u->place); vals[3] = cd_text_clean (u->province);
  vals[4] = cd_text_clean (u->head_title); vals[5] = cd_text_clean (u->head_name);
  vals[6] = cd_text_clean (u->address); vals[7] = cd_text_clean (u->phone);
  vals[8] = cd_text_clean (u->email);
  for (int i = 0; i < 4; i++)
    vals[9 + i] = cd_text_clean (u->org_level[i]);
  olds[0] = old->name; olds[1] = old->parent_name; olds[2] = old->place;
  olds[3] = old->province; olds[4] = old->head_title; olds[5] = old->head_name;
  olds[6] = old->address; olds[7] = old->phone; olds[8] = old->email;
  for (int i = 0; i < 4; i++)
    olds[9 + i] = old->org_level[i];

  js_old = g_string_new ("{");
  js_new = g_string_new ("{");
  for (int i = 0; i < 13; i++)
    if (g_strcmp0 (olds[i], vals[i]) != 0)
      {
        json_add (js_old, names[i], olds[i]);
        json_add (js_new, names[i], vals[i]);
      }
  g_string_append_c (js_old, '}');
  g_string_append_c (js_new, '}');

  rc = sqlite3_prepare_v2 (self->db,
                           "INSERT OR REPLACE INTO unit (id, name, parent_name, place, province,"
                           " head_title, head_name, address, phone, email, org1, org2, org3, org4)"
                           " VALUES (1,?,?,?,?,?,?,?,?,?,?,?,?,?)", -1, &st, NULL);
  if (rc == SQLITE_OK)
    {
      for (int i = 0; i < 13; i++)
        bind_text (st, i + 1, vals[i]);
      rc = exec (self, "BEGIN IMMEDIATE", NULL) ? SQLITE_OK : SQLITE_ERROR;
    }
  if (rc == SQLITE_OK)
    rc = sqlite3_step (st) == SQLITE_DONE ? SQLITE_OK : SQLITE_ERROR;
  if (rc == SQLITE_OK && !cd_store_audit (self, "update", "unit", 1, js_old->str, js_new->str, NULL))
    rc = SQLITE_ERROR;
  if (rc == SQLITE_OK && !exec (self, "COMMIT", NULL))
    rc = SQLITE_ERROR;
  if (rc != SQLITE_OK)
    {
      g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_FAILED,
                   _("The unit's details could not be saved (%s)."), sqlite3_errmsg (self->db));
      cd_store_rollback (self);
    }
  for (int i = 0; i < 13; i++)
    g_free (vals[i]);
  g_string_free (js_old, TRUE);
  g_string_free (js_new, TRUE);
  if (rc == SQLITE_OK)
    cd_store_emit_changed (self, "unit");
  return rc == SQLITE_OK;
}

/* ---- Staff ------------------------------------------------------------ */

void
cd_staff_row_free (CdStaffRow *row)
{
  /* One block: the strings are packed after the struct. */
  g_free (row);
}

static void
replace (char **field, char *value)
{
  g_free (*field);
  *field = value;
}

static gboolean
invalid (GError **error, char *message)
{
  g_set_error_literal (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID, message);
  g_free (message);
  return FALSE;
}

static gboolean
normalize_date (char      **field,
                const char *label,
                GError    **error)
{
  g_autofree char *clean = cd_text_clean (*field);
  char *iso;
  char *msg = NULL;

  if (clean == NULL)
    {
      replace (field, NULL);
      return TRUE;
    }
  iso = cd_text_parse_date (clean);
  if (iso == NULL)
    return invalid (error, g_strdup_printf (_("%s “%s” is not a date. Write it as day/month/year, for example 05/01/1980."), label, clean));
  replace (field, iso);
  if (cd_validate_past_date (iso, NULL, label, &msg) == CD_CHECK_ERROR)
    return invalid (error, msg);
  return TRUE;
}

gboolean
cd_store_normalize_staff (CdStaff  *s,
                          GError  **error)
{
  char *msg = NULL;
  char *norm = NULL;

  g_return_val_if_fail (s != NULL, FALSE);

  replace (&s->full_name, cd_text_clean (s->full_name));
  if (s->full_name == NULL)
    return invalid (error, g_strdup (_("The full name is empty. Write the staff member's full name (họ và tên).")));
  for (const char *p = s->full_name; *p; p++)
    if (g_ascii_isdigit (*p) || *p == '?' || *p == '@')
      return invalid (error, g_strdup_printf (_("The full name “%s” contains digits or signs. Write letters only; a “?” means Vietnamese letters were lost: save the file again as UTF-8."), s->full_name));

  if (!normalize_date (&s->birth_date, _("The birth date"), error)
      || !normalize_date (&s->cccd_date, _("The CCCD issue date"), error)
      || !normalize_date (&s->left_date, _("The date of leaving"), error))
    return FALSE;

  if (s->gender != NULL)
    {
      g_autofree char *clean = cd_text_clean (s->gender);
      char *g = cd_validate_gender (clean);
      if (clean != NULL && g == NULL)
        return invalid (error, g_strdup_printf (_("The gender “%s” is not understood. Write Nam or Nữ."), clean));
      replace (&s->gender, g);
    }

  replace (&s->cccd, cd_text_clean (s->cccd));
  if (s->cccd != NULL)
    {
      if (cd_validate_cccd (s->cccd, s->birth_date, s->gender, &norm, &msg) == CD_CHECK_ERROR)
        return invalid (error, msg);
      g_free (msg);
      replace (&s->cccd, norm);
    }
  replace (&s->phone, cd_text_clean (s->phone));
  if (s->phone != NULL)
    {
      if (cd_validate_phone (s->phone, &norm, &msg) == CD_CHECK_ERROR)
        return invalid (error, msg);
      replace (&s->phone, norm);
    }
  replace (&s->email, cd_text_clean (s->email));
  if (s->email != NULL)
    {
      if (cd_validate_email (s->email, NULL, &norm, &msg) == CD_CHECK_ERROR)
        return invalid (error, msg);
      replace (&s->email, norm);
    }
  replace (&s->position, cd_text_clean (s->position));
  replace (&s->department, cd_text_clean (s->department));
  replace (&s->cccd_place, cd_text_clean (s->cccd_place));
  replace (&s->left_reason, cd_text_clean (s->left_reason));
  replace (&s->note, cd_text_clean (s->note));
  return TRUE;
}

static char *
staff_search_key (const CdStaff *s)
{
  g_autofree char *name = cd_text_search_key (s->full_name);

  return g_strjoin (" ", name, s->cccd ? s->cccd : "", s->email ? s->email : "",
                    s->phone ? s->phone : "", NULL);
}

#define STAFF_COLUMNS \
  "id, full_name, birth_date, gender, position, department, cccd, cccd_date," \
  " cccd_place, phone, email, left, left_date, left_reason, note"

static CdStaff *
staff_from_row (sqlite3_stmt *st)
{
  CdStaff *s = cd_staff_new ();

  s->id = sqlite3_column_int64 (st, 0);
  s->full_name = col_text (st, 1);
  s->birth_date = col_text (st, 2);
  s->gender = col_text (st, 3);
  s->position = col_text (st, 4);
  s->department = col_text (st, 5);
  s->cccd = col_text (st, 6);
  s->cccd_date = col_text (st, 7);
  s->cccd_place = col_text (st, 8);
  s->phone = col_text (st, 9);
  s->email = col_text (st, 10);
  s->left = sqlite3_column_int (st, 11) != 0;
  s->left_date = col_text (st, 12);
  s->left_reason = col_text (st, 13);
  s->note = col_text (st, 14);
  return s;
}

gboolean
cd_store_write_staff_locked (CdStore        *self,
                             CdStaff        *s,
                             const CdStaff  *old,
                             GError        **error)
{
  g_autofree char *name_key = cd_text_name_key (s->full_name);
  g_autofree char *search_key = staff_search_key (s);
  g_autofree char *sort_key = cd_text_person_sort_key (s->full_name, s->birth_date);
  g_autofree char *js_old = NULL, *js_new = NULL;
  sqlite3_stmt **slot = s->id == 0 ? &self->st_staff_insert : &self->st_staff_update;
  sqlite3_stmt *st;
  int rc = SQLITE_OK;

  /* Kept statements: the importer calls this 30,000 times. */
  if (*slot == NULL)
    rc = sqlite3_prepare_v3 (self->db, s->id == 0
                           ? "INSERT INTO staff (full_name, birth_date, gender, position, department,"
                             " cccd, cccd_date, cccd_place, phone, email, left, left_date, left_reason,"
                             " note, name_key, search_key, sort_key, created)"
                             " VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17,?19)"
                           : "UPDATE staff SET full_name=?1, birth_date=?2, gender=?3, position=?4,"
                             " department=?5, cccd=?6, cccd_date=?7, cccd_place=?8, phone=?9, email=?10,"
                             " left=?11, left_date=?12, left_reason=?13, note=?14, name_key=?15,"
                             " search_key=?16, sort_key=?17, modified=?19 WHERE id=?18",
                           -1, SQLITE_PREPARE_PERSISTENT, slot, NULL);
  if (rc != SQLITE_OK)
    return set_sql_error (self, error, rc);
  st = *slot;
  /* The strings outlive the step: bind them without a copy. */
#define bind_text(st, i, text) \
  ((text) == NULL || *(text) == '\0' ? sqlite3_bind_null ((st), (i)) \
                                     : sqlite3_bind_text ((st), (i), (text), -1, SQLITE_STATIC))
  bind_text (st, 1, s->full_name);
  bind_text (st, 2, s->birth_date);
  bind_text (st, 3, s->gender);
  bind_text (st, 4, s->position);
  bind_text (st, 5, s->department);
  bind_text (st, 6, s->cccd);
  bind_text (st, 7, s->cccd_date);
  bind_text (st, 8, s->cccd_place);
  bind_text (st, 9, s->phone);
  bind_text (st, 10, s->email);
  sqlite3_bind_int (st, 11, s->left ? 1 : 0);
  bind_text (st, 12, s->left_date);
  bind_text (st, 13, s->left_reason);
  bind_text (st, 14, s->note);
  bind_text (st, 15, name_key);
#undef bind_text
  sqlite3_bind_text (st, 16, search_key, -1, SQLITE_STATIC);
  sqlite3_bind_text (st, 17, sort_key, -1, SQLITE_STATIC);
  if (s->id != 0)
    sqlite3_bind_int64 (st, 18, s->id);
  sqlite3_bind_text (st, 19, self->stamp[0] ? self->stamp : stamp_now (self), -1, SQLITE_STATIC);
  rc = sqlite3_step (st);
  sqlite3_reset (st);
  sqlite3_clear_bindings (st);
  if (rc != SQLITE_DONE)
    {
      if ((rc & 0xff) == SQLITE_CONSTRAINT && s->cccd != NULL)
        {
          g_autoptr(CdStaff) other = cd_store_find_staff_by_cccd (self, s->cccd);
          g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_CONSTRAINT,
                       _("The CCCD number %s already belongs to %s. One person has one CCCD: check both records."),
                       s->cccd, other && other->full_name ? other->full_name : "?");
          return FALSE;
        }
      return set_sql_error (self, error, rc);
    }
  if (s->id == 0)
    s->id = sqlite3_last_insert_rowid (self->db);

  staff_diff_json (old, s, &js_old, &js_new);
  return cd_store_audit (self, old ? "update" : "insert", "staff", s->id, js_old, js_new, error);
}

gboolean
cd_store_save_staff (CdStore  *self,
                     CdStaff  *staff,
                     GError  **error)
{
  g_autoptr(CdStaff) old = NULL;
  gint64 id;

  g_return_val_if_fail (CD_IS_STORE (self), FALSE);
  g_return_val_if_fail (staff != NULL, FALSE);

  if (!check_writable (self, error) || !cd_store_normalize_staff (staff, error))
    return FALSE;
  if (staff->id != 0)
    {
      old = cd_store_get_staff (self, staff->id, error);
      if (old == NULL)
        return FALSE;
    }
  id = staff->id;
  if (!cd_store_begin (self, error))
    return FALSE;
  if (!cd_store_write_staff_locked (self, staff, old, error) || !cd_store_commit (self, error))
    {
      cd_store_rollback (self);
      staff->id = id;
      return FALSE;
    }
  cd_store_emit_changed (self, "staff");
  return TRUE;
}

CdStaff *
cd_store_get_staff (CdStore  *self,
                    gint64    id,
                    GError  **error)
{
  g_autoptr(sqlite3_stmt) st = NULL;

  g_return_val_if_fail (CD_IS_STORE (self), NULL);
  st = prepare (self, "SELECT " STAFF_COLUMNS " FROM staff WHERE id = ?", error);
  if (st == NULL)
    return NULL;
  sqlite3_bind_int64 (st, 1, id);
  if (sqlite3_step (st) != SQLITE_ROW)
    {
      g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_NOT_FOUND,
                   _("This staff member is no longer in the register (maybe deleted meanwhile). Reload the list."));
      return NULL;
    }
  return staff_from_row (st);
}

static gboolean
exec_one (CdStore     *self,
          const char  *sql,
          gint64       id,
          GError     **error)
{
  g_autoptr(sqlite3_stmt) st = prepare (self, sql, error);
  int rc;

  if (st == NULL)
    return FALSE;
  sqlite3_bind_int64 (st, 1, id);
  rc = sqlite3_step (st);
  if (rc != SQLITE_DONE)
    return set_sql_error (self, error, rc);
  return TRUE;
}

gboolean
cd_store_delete_staff (CdStore  *self,
                       gint64    id,
                       GError  **error)
{
  g_autoptr(CdStaff) old = NULL;
  g_autofree char *js_old = NULL, *js_new = NULL;

  g_return_val_if_fail (CD_IS_STORE (self), FALSE);
  if (!check_writable (self, error))
    return FALSE;
  old = cd_store_get_staff (self, id, error);
  if (old == NULL)
    return FALSE;
  staff_diff_json (old, NULL, &js_old, &js_new);
  if (!cd_store_begin (self, error))
    return FALSE;
  /* Certificates, devices and history stay, unlinked (ON DELETE SET NULL). */
  if (!exec_one (self, "DELETE FROM staff WHERE id = ?", id, error))
    {
      cd_store_rollback (self);
      return FALSE;
    }
  return audit_and_commit (self, "delete", "staff", id, js_old, NULL, error);
}

gboolean
cd_store_mark_staff_left (CdStore     *self,
                          gint64       id,
                          const char  *date_iso,
                          const char  *reason,
                          GError     **error)
{
  g_autoptr(CdStaff) staff = NULL;

  g_return_val_if_fail (CD_IS_STORE (self), FALSE);
  staff = cd_store_get_staff (self, id, error);
  if (staff == NULL)
    return FALSE;
  staff->left = TRUE;
  replace (&staff->left_date, g_strdup (date_iso));
  replace (&staff->left_reason, g_strdup (reason));
  return cd_store_save_staff (self, staff, error);
}

static CdStaff *
find_staff_one (CdStore     *self,
                const char  *sql,
                const char  *value,
                gboolean    *ambiguous)
{
  g_autoptr(sqlite3_stmt) st = NULL;
  CdStaff *found = NULL;

  if (ambiguous)
    *ambiguous = FALSE;
  if (value == NULL || *value == '\0')
    return NULL;
  st = prepare (self, sql, NULL);
  if (st == NULL)
    return NULL;
  sqlite3_bind_text (st, 1, value, -1, SQLITE_STATIC);
  if (sqlite3_step (st) == SQLITE_ROW)
    {
      found = staff_from_row (st);
      if (ambiguous && sqlite3_step (st) == SQLITE_ROW)
        {
          *ambiguous = TRUE;
          g_clear_pointer (&found, cd_staff_free);
        }
    }
  return found;
}

CdStaff *
cd_store_find_staff_by_email (CdStore    *self,
                              const char *email)
{
  g_autofree char *lower = NULL;
  g_autofree char *clean = cd_text_clean (email);

  g_return_val_if_fail (CD_IS_STORE (self), NULL);
  if (clean == NULL)
    return NULL;
  lower = g_ascii_strdown (clean, -1);
  return find_staff_one (self, "SELECT " STAFF_COLUMNS " FROM staff WHERE email = ?"
                         " ORDER BY left, id", lower, NULL);
}

CdStaff *
cd_store_find_staff_by_cccd (CdStore    *self,
                             const char *cccd)
{
  g_autofree char *norm = NULL;

  g_return_val_if_fail (CD_IS_STORE (self), NULL);
  if (cd_validate_cccd (cccd, NULL, NULL, &norm, NULL) == CD_CHECK_ERROR || norm == NULL)
    {
      g_free (norm);
      norm = cd_text_clean (cccd);
    }
  return find_staff_one (self, "SELECT " STAFF_COLUMNS " FROM staff WHERE cccd = ?", norm, NULL);
}

CdStaff *
cd_store_find_staff_by_name (CdStore    *self,
                             const char *full_name,
                             gboolean   *ambiguous)
{
  g_autofree char *key = cd_text_name_key (full_name);
  gboolean amb = FALSE;
  CdStaff *s;

  g_return_val_if_fail (CD_IS_STORE (self), NULL);
  s = find_staff_one (self, "SELECT " STAFF_COLUMNS " FROM staff WHERE name_key = ?", key, &amb);
  if (ambiguous)
    *ambiguous = amb;
  return s;
}

GPtrArray *
cd_store_list_staff (CdStore  *self,
                     GError  **error)
{
  g_autoptr(sqlite3_stmt) st = NULL;
  GPtrArray *list;
  int rc;

  g_return_val_if_fail (CD_IS_STORE (self), NULL);
  st = prepare (self, "SELECT " STAFF_COLUMNS " FROM staff ORDER BY id", error);
  if (st == NULL)
    return NULL;
  list = g_ptr_array_new_with_free_func ((GDestroyNotify) cd_staff_free);
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    g_ptr_array_add (list, staff_from_row (st));
  if (rc != SQLITE_DONE)
    {
      set_sql_error (self, error, rc);
      g_ptr_array_unref (list);
      return NULL;
    }
  return list;
}

/* The current certificate of a staff member while the list is read. */
typedef struct {
  gint64  staff_id;   /* the key of the table */
  gint64  id;
  gint64  not_before;
  gint64  not_after;
  gboolean revoked;
  char   *serial;
} CurrentCert;

static void
current_cert_free (gpointer data)
{
  CurrentCert *c = data;

  g_free (c->serial);
  g_free (c);
}

/* staff id → CurrentCert: per person, not revoked first, then the newest
 * not_after (then the newest row), in one pass over the certificates. */
static GHashTable *
current_certificates (CdStore  *self,
                      GError  **error)
{
  g_autoptr(sqlite3_stmt) st = NULL;
  g_autoptr(GHashTable) by_staff = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL,
                                                          current_cert_free);
  int rc;

  st = prepare (self, "SELECT staff_id, id, serial, not_before, not_after, revoked"
                      " FROM certificates WHERE staff_id IS NOT NULL", error);
  if (st == NULL)
    return NULL;
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      gint64 staff_id = sqlite3_column_int64 (st, 0);
      gint64 id = sqlite3_column_int64 (st, 1);
      gint64 not_after = sqlite3_column_int64 (st, 4);
      gboolean revoked = sqlite3_column_int (st, 5) != 0;
      CurrentCert *c = g_hash_table_lookup (by_staff, &staff_id);

      if (c != NULL)
        {
          gboolean better = revoked != c->revoked ? !revoked
                            : not_after != c->not_after ? not_after > c->not_after
                            : id > c->id;
          if (!better)
            continue;
        }
      c = g_new0 (CurrentCert, 1);
      c->staff_id = staff_id;
      c->id = id;
      c->serial = col_text (st, 2);
      c->not_before = sqlite3_column_int64 (st, 3);
      c->not_after = not_after;
      c->revoked = revoked;
      /* The key lives in the value; replacing frees the one it beats. */
      g_hash_table_replace (by_staff, &c->staff_id, c);
    }
  if (rc != SQLITE_DONE)
    {
      set_sql_error (self, error, rc);
      return NULL;
    }
  return g_steal_pointer (&by_staff);
}

/* Copies @text (may be NULL) to *@at and moves *@at past it. */
static char *
pack_string (char       **at,
             const char  *text,
             gsize        len)
{
  char *out;

  if (text == NULL)
    return NULL;
  out = memcpy (*at, text, len);
  out[len] = '\0';
  *at += len + 1;
  return out;
}

GPtrArray *
cd_store_list_staff_rows (CdStore  *self,
                          gint64    now,
                          int       threshold_days,
                          GError  **error)
{
  enum { N_TEXT = 9 };
  /* Text columns of the staff query, in order. */
  static const int text_cols[N_TEXT] = { 1, 2, 3, 4, 5, 6, 7, 9, 10 };
  g_autoptr(sqlite3_stmt) st = NULL;
  g_autoptr(GHashTable) certs = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  int rc;

  g_return_val_if_fail (CD_IS_STORE (self), NULL);

  /* Two plain scans joined here: the correlated "current certificate"
   * subquery sorted each person's certificates in a temporary b-tree
   * and took three times as long on 30,000 staff. */
  certs = current_certificates (self, error);
  if (certs == NULL)
    return NULL;
  st = prepare (self,
                "SELECT id, full_name, position, department, email, cccd, phone, birth_date,"
                " left, search_key, sort_key FROM staff ORDER BY sort_key", error);
  if (st == NULL)
    return NULL;
  rows = g_ptr_array_new_with_free_func ((GDestroyNotify) cd_staff_row_free);
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      gint64 staff_id = sqlite3_column_int64 (st, 0);
      const CurrentCert *cert = g_hash_table_lookup (certs, &staff_id);
      const char *text[N_TEXT];
      gsize len[N_TEXT], serial_len = 0, total = sizeof (CdStaffRow);
      g_autofree char *serial_lower = NULL;
      CdStaffRow *r;
      char *at;

      for (guint i = 0; i < N_TEXT; i++)
        {
          text[i] = (const char *) sqlite3_column_text (st, text_cols[i]);
          len[i] = text[i] ? (gsize) sqlite3_column_bytes (st, text_cols[i]) : 0;
          total += text[i] ? len[i] + 1 : 0;
        }
      if (cert != NULL && cert->serial != NULL)
        {
          serial_lower = g_ascii_strdown (cert->serial, -1);
          serial_len = strlen (cert->serial);
          /* The serial itself, and " serial" after the search key. */
          total += 2 * (serial_len + 1);
        }

      /* One block per row: 30,000 rows of ten strings each were 300,000
       * allocations and most of the list's memory. */
      r = g_malloc0 (total);
      at = (char *) (r + 1);
      r->staff_id = staff_id;
      r->full_name = pack_string (&at, text[0], len[0]);
      r->position = pack_string (&at, text[1], len[1]);
      r->department = pack_string (&at, text[2], len[2]);
      r->email = pack_string (&at, text[3], len[3]);
      r->cccd = pack_string (&at, text[4], len[4]);
      r->phone = pack_string (&at, text[5], len[5]);
      r->birth_date = pack_string (&at, text[6], len[6]);
      r->left = sqlite3_column_int (st, 8) != 0;
      if (text[7] != NULL && serial_lower != NULL)
        {
          r->search_key = pack_string (&at, text[7], len[7]);
          at[-1] = ' ';
          pack_string (&at, serial_lower, serial_len);
        }
      else
        r->search_key = pack_string (&at, text[7], len[7]);
      r->sort_key = pack_string (&at, text[8], len[8]);
      if (cert != NULL)
        {
          CdCertificate c = { 0 };

          r->cert_id = cert->id;
          r->cert_serial = pack_string (&at, cert->serial, serial_len);
          c.not_before = cert->not_before;
          c.not_after = r->cert_not_after = cert->not_after;
          c.revoked = cert->revoked;
          r->status = cd_certificate_status (&c, now, threshold_days);
        }
      else
        r->status = CD_CERT_STATUS_NONE;
      g_ptr_array_add (rows, r);
    }
  if (rc != SQLITE_DONE)
    {
      set_sql_error (self, error, rc);
      return NULL;
    }
  return g_steal_pointer (&rows);
}

GArray *
cd_store_search_staff (CdStore     *self,
                       const char  *query,
                       GError     **error)
{
  g_autofree char *qkey = cd_text_search_key (query);
  g_auto(GStrv) words = NULL;
  g_autoptr(GString) sql = g_string_new ("SELECT s.id FROM staff s WHERE 1");
  g_autoptr(sqlite3_stmt) st = NULL;
  GArray *ids;
  guint n = 0;
  int rc;

  g_return_val_if_fail (CD_IS_STORE (self), NULL);
  words = g_strsplit (qkey, " ", -1);
  for (guint i = 0; words[i]; i++)
    if (*words[i])
      {
        /* instr() is a plain substring test: no LIKE wildcards to escape. */
        g_string_append (sql, " AND (instr(s.search_key, ?) > 0 OR EXISTS"
                              " (SELECT 1 FROM certificates c WHERE c.staff_id = s.id"
                              "  AND instr(lower(c.serial), ?) > 0))");
        n++;
      }
  g_string_append (sql, " ORDER BY s.sort_key");
  st = prepare (self, sql->str, error);
  if (st == NULL)
    return NULL;
  n = 0;
  for (guint i = 0; words[i]; i++)
    if (*words[i])
      {
        sqlite3_bind_text (st, ++n, words[i], -1, SQLITE_STATIC);
        sqlite3_bind_text (st, ++n, words[i], -1, SQLITE_STATIC);
      }
  ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (st, 0);
      g_array_append_val (ids, id);
    }
  if (rc != SQLITE_DONE)
    {
      set_sql_error (self, error, rc);
      g_array_unref (ids);
      return NULL;
    }
  return ids;
}

/* ---- Certificates ----------------------------------------------------- */

#define CERT_COLUMNS \
  "id, staff_id, serial, subject_dn, subject_cn, subject_ou, subject_o, subject_l," \
  " subject_st, email, uid_cccd, uid_mst, issuer_cn, issuer_o, provider, not_before," \
  " not_after, fingerprint, der, source, revoked, revoked_date, revoked_reason"

static CdCertificate *
cert_from_row (sqlite3_stmt *st)
{
  CdCertificate *c = cd_certificate_new ();
  const char *ou;

  c->id = sqlite3_column_int64 (st, 0);
  c->staff_id = sqlite3_column_int64 (st, 1);
  c->serial = col_text (st, 2);
  c->subject_dn = col_text (st, 3);
  c->subject_cn = col_text (st, 4);
  ou = (const char *) sqlite3_column_text (st, 5);
  c->subject_ou = ou ? g_strsplit (ou, "\n", -1) : NULL;
  c->subject_o = col_text (st, 6);
  c->subject_l = col_text (st, 7);
  c->subject_st = col_text (st, 8);
  c->email = col_text (st, 9);
  c->uid_cccd = col_text (st, 10);
  c->uid_mst = col_text (st, 11);
  c->issuer_cn = col_text (st, 12);
  c->issuer_o = col_text (st, 13);
  c->provider = col_text (st, 14);
  c->not_before = sqlite3_column_int64 (st, 15);
  c->not_after = sqlite3_column_int64 (st, 16);
  c->fingerprint = col_text (st, 17);
  if (sqlite3_column_type (st, 18) == SQLITE_BLOB)
    c->der = g_bytes_new (sqlite3_column_blob (st, 18), (gsize) sqlite3_column_bytes (st, 18));
  c->source = (CdCertSource) sqlite3_column_int (st, 19);
  c->revoked = sqlite3_column_int (st, 20) != 0;
  c->revoked_date = col_text (st, 21);
  c->revoked_reason = col_text (st, 22);
  return c;
}

static char *
normalize_serial (const char *serial)
{
  GString *s = g_string_new (NULL);

  if (serial == NULL)
    return g_string_free (s, TRUE);
  for (const char *p = serial; *p; p++)
    if (g_ascii_isxdigit (*p))
      g_string_append_c (s, g_ascii_toupper (*p));
  if (s->len == 0)
    return g_string_free (s, TRUE);
  return g_string_free (s, FALSE);
}

static GPtrArray *
list_certs (CdStore     *self,
            const char  *sql,
            gint64       id,
            GError     **error)
{
  g_autoptr(sqlite3_stmt) st = prepare (self, sql, error);
  GPtrArray *list;
  int rc;

  if (st == NULL)
    return NULL;
  if (id != 0)
    sqlite3_bind_int64 (st, 1, id);
  list = g_ptr_array_new_with_free_func ((GDestroyNotify) cd_certificate_free);
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    g_ptr_array_add (list, cert_from_row (st));
  if (rc != SQLITE_DONE)
    {
      set_sql_error (self, error, rc);
      g_ptr_array_unref (list);
      return NULL;
    }
  return list;
}

/* The single row of a lookup by id, or CD_STORE_ERROR_NOT_FOUND with
 * @message when it is gone (NULL @l: the error is already set). */
static gpointer
first_or_not_found (GPtrArray   *l,
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

CdCertificate *
cd_store_get_certificate (CdStore  *self,
                          gint64    id,
                          GError  **error)
{
  g_autoptr(GPtrArray) l = NULL;

  g_return_val_if_fail (CD_IS_STORE (self), NULL);
  l = list_certs (self, "SELECT " CERT_COLUMNS " FROM certificates WHERE id = ?", id, error);
  return first_or_not_found (l, _("This certificate is no longer in the register. Reload the list."), error);
}

CdCertificate *
cd_store_find_certificate_by_fingerprint (CdStore    *self,
                                          const char *fingerprint)
{
  g_autoptr(sqlite3_stmt) st = NULL;
  g_autofree char *fp = normalize_serial (fingerprint);

  g_return_val_if_fail (CD_IS_STORE (self), NULL);
  if (fp == NULL)
    return NULL;
  st = prepare (self, "SELECT " CERT_COLUMNS " FROM certificates WHERE fingerprint = ?", NULL);
  if (st == NULL)
    return NULL;
  sqlite3_bind_text (st, 1, fp, -1, SQLITE_STATIC);
  if (sqlite3_step (st) == SQLITE_ROW)
    return cert_from_row (st);
  return NULL;
}

GPtrArray *
cd_store_list_certificates_for_staff (CdStore  *self,
                                      gint64    staff_id,
                                      GError  **error)
{
  g_return_val_if_fail (CD_IS_STORE (self), NULL);
  return list_certs (self, "SELECT " CERT_COLUMNS " FROM certificates WHERE staff_id = ?"
                           " ORDER BY not_after DESC, id DESC", staff_id, error);
}

GPtrArray *
cd_store_list_certificates (CdStore  *self,
                            GError  **error)
{
  g_return_val_if_fail (CD_IS_STORE (self), NULL);
  return list_certs (self, "SELECT " CERT_COLUMNS " FROM certificates"
                           " ORDER BY not_after DESC, id DESC", 0, error);
}

static char *
cert_summary_json (const CdCertificate *c)
{
  GString *s = g_string_new ("{");
  g_autofree char *staff = c->staff_id ? g_strdup_printf ("%" G_GINT64_FORMAT, c->staff_id) : NULL;

  json_add (s, "serial", c->serial);
  json_add (s, "subject_cn", c->subject_cn);
  json_add (s, "fingerprint", c->fingerprint);
  json_add (s, "staff_id", staff);
  json_add (s, "revoked", c->revoked ? "1" : NULL);
  json_add (s, "revoked_date", c->revoked_date);
  json_add (s, "revoked_reason", c->revoked_reason);
  g_string_append_c (s, '}');
  return g_string_free (s, FALSE);
}

gboolean
cd_store_save_certificate (CdStore        *self,
                           CdCertificate  *cert,
                           GError        **error)
{
  g_autoptr(CdCertificate) old = NULL;
  g_autoptr(sqlite3_stmt) st = NULL;
  g_autofree char *ou = NULL;
  g_autofree char *js_old = NULL, *js_new = NULL;
  char *serial;
  int rc;

  g_return_val_if_fail (CD_IS_STORE (self), FALSE);
  g_return_val_if_fail (cert != NULL, FALSE);
  if (!check_writable (self, error))
    return FALSE;

  serial = normalize_serial (cert->serial);
  if (serial == NULL)
    {
      g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                   _("The certificate serial number (số hiệu) is empty or not hexadecimal. Copy it again from the certificate."));
      return FALSE;
    }
  replace (&cert->serial, serial);
  if (cert->fingerprint == NULL && cert->der != NULL)
    {
      gsize len;
      const void *data = g_bytes_get_data (cert->der, &len);
      replace (&cert->fingerprint, cd_sha256_hex (data, len));
    }
  replace (&cert->fingerprint, normalize_serial (cert->fingerprint));
  /* NFC on every text written. */
  replace (&cert->subject_dn, cd_text_clean (cert->subject_dn));
  replace (&cert->subject_cn, cd_text_clean (cert->subject_cn));
  replace (&cert->subject_o, cd_text_clean (cert->subject_o));
  replace (&cert->subject_l, cd_text_clean (cert->subject_l));
  replace (&cert->subject_st, cd_text_clean (cert->subject_st));
  replace (&cert->issuer_cn, cd_text_clean (cert->issuer_cn));
  replace (&cert->issuer_o, cd_text_clean (cert->issuer_o));
  replace (&cert->provider, cd_text_clean (cert->provider));
  replace (&cert->revoked_reason, cd_text_clean (cert->revoked_reason));
  if (cert->email)
    replace (&cert->email, g_ascii_strdown (cert->email, -1));
  if (cert->subject_ou)
    {
      for (guint i = 0; cert->subject_ou[i]; i++)
        {
          char *c = cd_text_clean (cert->subject_ou[i]);
          replace (&cert->subject_ou[i], c ? c : g_strdup (""));
        }
      ou = g_strjoinv ("\n", cert->subject_ou);
    }

  if (cert->id != 0)
    old = cd_store_get_certificate (self, cert->id, NULL);
  else if (cert->fingerprint != NULL)
    old = cd_store_find_certificate_by_fingerprint (self, cert->fingerprint);

  if (old != NULL)
    {
      cert->id = old->id;
      /* Re-reading a token knows nothing of links and revocations made in
       * the register: never drop them. */
      if (cert->staff_id == 0)
        cert->staff_id = old->staff_id;
      if (!cert->revoked && old->revoked)
        {
          cert->revoked = TRUE;
          replace (&cert->revoked_date, g_strdup (old->revoked_date));
          replace (&cert->revoked_reason, g_strdup (old->revoked_reason));
        }
      if (cert->der == NULL && old->der != NULL)
        cert->der = g_bytes_ref (old->der);
    }

  st = prepare (self, old != NULL
                ? "UPDATE certificates SET staff_id=?1, serial=?2, subject_dn=?3, subject_cn=?4,"
                  " subject_ou=?5, subject_o=?6, subject_l=?7, subject_st=?8, email=?9, uid_cccd=?10,"
                  " uid_mst=?11, issuer_cn=?12, issuer_o=?13, provider=?14, not_before=?15,"
                  " not_after=?16, fingerprint=?17, der=?18, source=?19, revoked=?20,"
                  " revoked_date=?21, revoked_reason=?22 WHERE id=?23"
                : "INSERT INTO certificates (staff_id, serial, subject_dn, subject_cn, subject_ou,"
                  " subject_o, subject_l, subject_st, email, uid_cccd, uid_mst, issuer_cn, issuer_o,"
                  " provider, not_before, not_after, fingerprint, der, source, revoked, revoked_date,"
                  " revoked_reason) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,"
                  "?17,?18,?19,?20,?21,?22)", error);
  if (st == NULL)
    return FALSE;
  bind_id (st, 1, cert->staff_id);
  bind_text (st, 2, cert->serial);
  bind_text (st, 3, cert->subject_dn);
  bind_text (st, 4, cert->subject_cn);
  bind_text (st, 5, ou);
  bind_text (st, 6, cert->subject_o);
  bind_text (st, 7, cert->subject_l);
  bind_text (st, 8, cert->subject_st);
  bind_text (st, 9, cert->email);
  bind_text (st, 10, cert->uid_cccd);
  bind_text (st, 11, cert->uid_mst);
  bind_text (st, 12, cert->issuer_cn);
  bind_text (st, 13, cert->issuer_o);
  bind_text (st, 14, cert->provider);
  sqlite3_bind_int64 (st, 15, cert->not_before);
  sqlite3_bind_int64 (st, 16, cert->not_after);
  bind_text (st, 17, cert->fingerprint);
  if (cert->der != NULL)
    {
      gsize len;
      const void *data = g_bytes_get_data (cert->der, &len);
      sqlite3_bind_blob64 (st, 18, data, len, SQLITE_TRANSIENT);
    }
  else
    sqlite3_bind_null (st, 18);
  sqlite3_bind_int (st, 19, (int) cert->source);
  sqlite3_bind_int (st, 20, cert->revoked ? 1 : 0);
  bind_text (st, 21, cert->revoked_date);
  bind_text (st, 22, cert->revoked_reason);
  if (old != NULL)
    sqlite3_bind_int64 (st, 23, old->id);

  if (!cd_store_begin (self, error))
    return FALSE;
  rc = sqlite3_step (st);
  if (rc != SQLITE_DONE)
    {
      set_sql_error (self, error, rc);
      cd_store_rollback (self);
      return FALSE;
    }
  if (old == NULL)
    cert->id = sqlite3_last_insert_rowid (self->db);
  js_old = old ? cert_summary_json (old) : NULL;
  js_new = cert_summary_json (cert);
  return audit_and_commit (self, old ? "update" : "insert", "certificate", cert->id, js_old, js_new, error);
}

gboolean
cd_store_link_certificate (CdStore  *self,
                           gint64    cert_id,
                           gint64    staff_id,
                           GError  **error)
{
  g_autoptr(CdCertificate) cert = NULL;

  g_return_val_if_fail (CD_IS_STORE (self), FALSE);
  cert = cd_store_get_certificate (self, cert_id, error);
  if (cert == NULL)
    return FALSE;
  if (!check_writable (self, error))
    return FALSE;
  if (!cd_store_begin (self, error))
    return FALSE;
  {
    g_autoptr(sqlite3_stmt) st = prepare (self, "UPDATE certificates SET staff_id = ? WHERE id = ?", error);
    g_autofree char *o = cert->staff_id ? g_strdup_printf ("%" G_GINT64_FORMAT, cert->staff_id) : NULL;
    g_autofree char *n = staff_id ? g_strdup_printf ("%" G_GINT64_FORMAT, staff_id) : NULL;
    int rc;

    if (st == NULL)
      goto fail;
    bind_id (st, 1, staff_id);
    sqlite3_bind_int64 (st, 2, cert_id);
    rc = sqlite3_step (st);
    if (rc != SQLITE_DONE)
      {
        if ((rc & 0xff) == SQLITE_CONSTRAINT)
          g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_NOT_FOUND,
                       _("This staff member is no longer in the register (maybe deleted meanwhile). Reload the list."));
        else
          set_sql_error (self, error, rc);
        goto fail;
      }
    return audit_and_commit (self, "link", "certificate", cert_id, o, n, error);
  }

fail:
  cd_store_rollback (self);
  return FALSE;
}

gboolean
cd_store_revoke_certificate (CdStore     *self,
                             gint64       cert_id,
                             const char  *date_iso,
                             const char  *reason,
                             GError     **error)
{
  g_autoptr(CdCertificate) cert = NULL;
  g_autofree char *date = NULL;

  g_return_val_if_fail (CD_IS_STORE (self), FALSE);
  cert = cd_store_get_certificate (self, cert_id, error);
  if (cert == NULL)
    return FALSE;
  date = date_iso ? cd_text_parse_date (date_iso) : cd_text_today_iso ();
  if (date == NULL)
    {
      g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                   _("%s “%s” is not a date. Write it as day/month/year, for example 05/01/1980."),
                   _("The revocation date"), date_iso);
      return FALSE;
    }
  cert->revoked = TRUE;
  replace (&cert->revoked_date, g_steal_pointer (&date));
  replace (&cert->revoked_reason, g_strdup (reason));
  return cd_store_save_certificate (self, cert, error);
}

/* ---- Devices ---------------------------------------------------------- */

#define DEVICE_COLUMNS "id, token_serial, label, manufacturer, model, type, holder_id, status"

static CdDevice *
device_from_row (sqlite3_stmt *st)
{
  CdDevice *d = cd_device_new ();

  d->id = sqlite3_column_int64 (st, 0);
  d->token_serial = col_text (st, 1);
  d->label = col_text (st, 2);
  d->manufacturer = col_text (st, 3);
  d->model = col_text (st, 4);
  d->type = col_text (st, 5);
  d->holder_id = sqlite3_column_int64 (st, 6);
  d->status = col_text (st, 7);
  return d;
}

static char *
device_json (const CdDevice *d)
{
  GString *s = g_string_new ("{");
  g_autofree char *holder = d->holder_id ? g_strdup_printf ("%" G_GINT64_FORMAT, d->holder_id) : NULL;

  json_add (s, "token_serial", d->token_serial);
  json_add (s, "label", d->label);
  json_add (s, "type", d->type);
  json_add (s, "holder_id", holder);
  json_add (s, "status", d->status);
  g_string_append_c (s, '}');
  return g_string_free (s, FALSE);
}

gboolean
cd_store_save_device (CdStore   *self,
                      CdDevice  *device,
                      GError   **error)
{
  g_autoptr(CdDevice) old = NULL;
  g_autoptr(sqlite3_stmt) st = NULL;
  g_autofree char *js_old = NULL, *js_new = NULL;
  int rc;

  g_return_val_if_fail (CD_IS_STORE (self), FALSE);
  g_return_val_if_fail (device != NULL, FALSE);
  if (!check_writable (self, error))
    return FALSE;

  replace (&device->token_serial, cd_text_clean (device->token_serial));
  if (device->token_serial == NULL)
    {
      g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                   _("The device serial number is empty. Copy it from the label on the token."));
      return FALSE;
    }
  replace (&device->label, cd_text_clean (device->label));
  replace (&device->manufacturer, cd_text_clean (device->manufacturer));
  replace (&device->model, cd_text_clean (device->model));
  replace (&device->type, device->type ? g_ascii_strup (device->type, -1) : g_strdup ("TOKEN"));
  if (device->status == NULL)
    device->status = g_strdup (device->holder_id ? "with_holder" : "in_stock");

  if (device->id != 0)
    old = cd_store_get_device (self, device->id, NULL);
  else
    old = cd_store_find_device_by_serial (self, device->token_serial);
  if (old != NULL)
    device->id = old->id;

  st = prepare (self, old != NULL
                ? "UPDATE devices SET token_serial=?1, label=?2, manufacturer=?3, model=?4, type=?5,"
                  " holder_id=?6, status=?7 WHERE id=?8"
                : "INSERT INTO devices (token_serial, label, manufacturer, model, type, holder_id,"
                  " status) VALUES (?1,?2,?3,?4,?5,?6,?7)", error);
  if (st == NULL)
    return FALSE;
  bind_text (st, 1, device->token_serial);
  bind_text (st, 2, device->label);
  bind_text (st, 3, device->manufacturer);
  bind_text (st, 4, device->model);
  bind_text (st, 5, device->type);
  bind_id (st, 6, device->holder_id);
  bind_text (st, 7, device->status);
  if (old != NULL)
    sqlite3_bind_int64 (st, 8, old->id);
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
        set_sql_error (self, error, rc);
      cd_store_rollback (self);
      return FALSE;
    }
  if (old == NULL)
    device->id = sqlite3_last_insert_rowid (self->db);
  js_old = old ? device_json (old) : NULL;
  js_new = device_json (device);
  return audit_and_commit (self, old ? "update" : "insert", "device", device->id, js_old, js_new, error);
}

static GPtrArray *
list_devices (CdStore     *self,
              const char  *sql,
              gint64       id,
              const char  *text,
              GError     **error)
{
  g_autoptr(sqlite3_stmt) st = prepare (self, sql, error);
  GPtrArray *list;
  int rc;

  if (st == NULL)
    return NULL;
  if (id != 0)
    sqlite3_bind_int64 (st, 1, id);
  if (text != NULL)
    sqlite3_bind_text (st, 1, text, -1, SQLITE_STATIC);
  list = g_ptr_array_new_with_free_func ((GDestroyNotify) cd_device_free);
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    g_ptr_array_add (list, device_from_row (st));
  if (rc != SQLITE_DONE)
    {
      set_sql_error (self, error, rc);
      g_ptr_array_unref (list);
      return NULL;
    }
  return list;
}

CdDevice *
cd_store_get_device (CdStore  *self,
                     gint64    id,
                     GError  **error)
{
  g_autoptr(GPtrArray) l = NULL;

  g_return_val_if_fail (CD_IS_STORE (self), NULL);
  l = list_devices (self, "SELECT " DEVICE_COLUMNS " FROM devices WHERE id = ?", id, NULL, error);
  return first_or_not_found (l, _("This device is no longer in the register. Reload the list."), error);
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
  g_autoptr(sqlite3_stmt) st = NULL;
  g_autoptr(GPtrArray) list = NULL;
  int rc;

  g_return_val_if_fail (CD_IS_STORE (self), NULL);
  /* The holder's newest certificate, as cd_store_list_certificates_for_staff
   * orders them; one statement instead of two lookups per device (20,000
   * devices took seconds that way). */
  st = prepare (self, "SELECT d.id, d.token_serial, d.label, d.manufacturer, d.model, d.type,"
                      " d.holder_id, d.status, s.full_name,"
                      " (SELECT serial FROM certificates WHERE staff_id = d.holder_id"
                      "  ORDER BY not_after DESC, id DESC LIMIT 1)"
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
        {
          e->holder_name = col_text (st, 8);
          e->cert_serial = col_text (st, 9);
        }
      g_ptr_array_add (list, e);
    }
  if (rc != SQLITE_DONE)
    {
      set_sql_error (self, error, rc);
      return NULL;
    }
  return g_steal_pointer (&list);
}

/* ---- Documents -------------------------------------------------------- */

gboolean
cd_store_record_document (CdStore     *self,
                          const char  *path,
                          const char  *kind,
                          const char  *template_name,
                          const char  *template_sha256,
                          gint64      *out_id,
                          GError     **error)
{
  g_autoptr(sqlite3_stmt) st = NULL;
  gint64 id;
  int rc;

  g_return_val_if_fail (CD_IS_STORE (self), FALSE);
  g_return_val_if_fail (path != NULL && kind != NULL, FALSE);
  if (!check_writable (self, error))
    return FALSE;
  st = prepare (self, "INSERT INTO documents (path, kind, template_name, template_sha256)"
                      " VALUES (?,?,?,?)", error);
  if (st == NULL)
    return FALSE;
  bind_text (st, 1, path);
  bind_text (st, 2, kind);
  bind_text (st, 3, template_name);
  bind_text (st, 4, template_sha256);
  if (!cd_store_begin (self, error))
    return FALSE;
  rc = sqlite3_step (st);
  if (rc != SQLITE_DONE)
    {
      set_sql_error (self, error, rc);
      cd_store_rollback (self);
      return FALSE;
    }
  id = sqlite3_last_insert_rowid (self->db);
  if (!audit_and_commit (self, "insert", "document", id, NULL, path, error))
    return FALSE;
  if (out_id)
    *out_id = id;
  return TRUE;
}
