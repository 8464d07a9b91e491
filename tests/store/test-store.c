/* test-store.c — the register: opening, migrations, damage, CRUD, lists
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <sys/wait.h>

#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sqlite3.h>
#include <glib/gstdio.h>

#include "cd-fileutil.h"
#include "cd-store.h"
#include "cd-test-fixture.h"
#include "cd-test-util.h"
#include "cd-text.h"

static CdStore *
open_new (char **tmp_out)
{
  g_autofree char *tmp = cd_test_tmpdir ();
  g_autofree char *path = g_build_filename (tmp, "certdesk.db", NULL);
  g_autoptr(GError) error = NULL;
  CdStore *store = cd_store_open (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
  *tmp_out = g_steal_pointer (&tmp);
  return store;
}

static gint64
query_int (const char *path, const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *st = NULL;
  gint64 v = -1;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &st, NULL), ==, SQLITE_OK);
  if (sqlite3_step (st) == SQLITE_ROW)
    v = sqlite3_column_int64 (st, 0);
  sqlite3_finalize (st);
  sqlite3_close (db);
  return v;
}

/* An existing register left readable by others (copied in, or made
 * before CertDesk set modes) is made 0600 again on open, and so are its
 * -wal and -shm (issue 20, D13). */
static void
test_open_makes_private (void)
{
  g_autofree char *tmp = NULL;
  g_autofree char *path = NULL;
  g_autofree char *wal = NULL;
  g_autofree char *shm = NULL;
  g_autoptr(GError) error = NULL;
  CdStore *store = open_new (&tmp);
  GStatBuf sb;

  path = g_strdup (cd_store_get_path (store));
  wal = g_strconcat (path, "-wal", NULL);
  shm = g_strconcat (path, "-shm", NULL);
  g_object_unref (store);
  g_assert_cmpint (g_chmod (path, 0644), ==, 0);
  g_assert_true (g_file_set_contents (shm, "", 0, NULL));
  g_assert_cmpint (g_chmod (shm, 0644), ==, 0);

  store = cd_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (path, &sb), ==, 0);
  g_assert_cmpint (sb.st_mode & 0777, ==, 0600);
  g_assert_cmpint (g_stat (wal, &sb), ==, 0);
  g_assert_cmpint (sb.st_mode & 0777, ==, 0600);
  g_assert_cmpint (g_stat (shm, &sb), ==, 0);
  g_assert_cmpint (sb.st_mode & 0777, ==, 0600);
  g_object_unref (store);
  cd_test_rm_rf (tmp);
}

static void
test_open_new (void)
{
  g_autofree char *tmp = NULL;
  g_autoptr(CdStore) store = open_new (&tmp);
  sqlite3 *db = cd_store_get_db (store);
  sqlite3_stmt *st = NULL;
  GStatBuf sb;

  g_assert_cmpint (g_stat (cd_store_get_path (store), &sb), ==, 0);
  g_assert_cmpint (sb.st_mode & 0777, ==, 0600);
  g_assert_true (cd_store_is_empty (store));
  g_assert_false (cd_store_has_staff (store));
  g_assert_false (cd_store_is_read_only (store));

  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA journal_mode", -1, &st, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (st), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (st, 0), ==, "wal");
  sqlite3_finalize (st);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA foreign_keys", -1, &st, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (st), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (st, 0), ==, 1);
  sqlite3_finalize (st);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &st, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (st), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (st, 0), ==, CD_STORE_SCHEMA_VERSION);
  sqlite3_finalize (st);

  /* every table of the register is there */
  {
    static const char *const tables[] = { "unit", "staff", "certificates", "devices",
      "handover_events", "request_batches", "batch_items", "documents", "tasks",
      "holidays", "audit_log" };
    for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
      {
        g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s", tables[i]);
        g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &st, NULL), ==, SQLITE_OK);
        sqlite3_finalize (st);
      }
  }
  /* a fresh register needs no backup */
  g_assert_null (cd_store_find_newest_backup (cd_store_get_path (store)));
  g_clear_object (&store);
  cd_test_rm_rf (tmp);
}

static void
test_open_not_sqlite (void)
{
  g_autofree char *tmp = cd_test_tmpdir ();
  g_autofree char *path = g_build_filename (tmp, "staff.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *after = NULL;
  static const char text[] = "STT;Họ và tên\n1;Nguyễn Văn An\n";
  g_autoptr(GDir) dir = NULL;
  guint n = 0;

  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  g_assert_null (cd_store_open (path, &error));
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_NOT_DATABASE);
  g_assert_true (g_file_get_contents (path, &after, NULL, NULL));
  g_assert_cmpstr (after, ==, text);
  /* no -wal, -shm or journal left beside it */
  dir = g_dir_open (tmp, 0, NULL);
  while (g_dir_read_name (dir))
    n++;
  g_assert_cmpuint (n, ==, 1);
  cd_test_rm_rf (tmp);
}

static void
test_open_foreign_sqlite (void)
{
  g_autofree char *tmp = cd_test_tmpdir ();
  g_autofree char *path = g_build_filename (tmp, "other.db", NULL);
  g_autofree char *before = NULL, *after = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE songs (title TEXT); INSERT INTO songs VALUES ('x');",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  before = cd_file_sha256_hex (path, NULL);
  g_assert_null (cd_store_open (path, &error));
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_NOT_DATABASE);
  after = cd_file_sha256_hex (path, NULL);
  g_assert_cmpstr (before, ==, after);
  cd_test_rm_rf (tmp);
}

static void
test_open_too_new (void)
{
  g_autofree char *tmp = cd_test_tmpdir ();
  g_autofree char *path = g_build_filename (tmp, "certdesk.db", NULL);
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE unit (id INTEGER); PRAGMA user_version = 99;",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  g_assert_null (cd_store_open (path, &error));
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_TOO_NEW);
  g_assert_cmpint (query_int (path, "PRAGMA user_version"), ==, 99);
  cd_test_rm_rf (tmp);
}

static void
test_open_missing_folder (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_null (cd_store_open ("/nonexistent-certdesk/x/certdesk.db", &error));
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_OPEN);
}

/* Tests run as root, and root may write into a 0555 folder: the check
 * runs in a subprocess that drops to "nobody" first, as the clerk is. */
static void
test_open_read_only_dir (void)
{
  if (g_test_subprocess ())
    {
      const char *dir = g_getenv ("CD_TEST_RO_DIR");
      g_autofree char *fresh = g_build_filename (dir, "new.db", NULL);
      g_autofree char *existing = g_build_filename (dir, "certdesk.db", NULL);
      g_autoptr(GError) error = NULL;

      if (getuid () == 0)
        {
          g_assert_cmpint (setgid (65534), ==, 0);
          g_assert_cmpint (setuid (65534), ==, 0);
          /* setuid() clears "dumpable"; LeakSanitizer needs it to
           * inspect the process at exit in the sanitizer build. */
          prctl (PR_SET_DUMPABLE, 1, 0, 0, 0);
        }
      g_assert_cmpint (access (dir, W_OK), !=, 0);
      g_assert_null (cd_store_open (fresh, &error));
      g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_READ_ONLY);
      g_assert_nonnull (strstr (error->message, fresh));
      g_clear_error (&error);
      g_assert_false (g_file_test (fresh, G_FILE_TEST_EXISTS));
      g_assert_null (cd_store_open (existing, &error));
      g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_READ_ONLY);
      return;
    }
  else
    {
      g_autofree char *tmp = cd_test_tmpdir ();
      g_autofree char *dir = g_build_filename (tmp, "ro", NULL);
      g_autofree char *existing = g_build_filename (dir, "certdesk.db", NULL);
      g_autoptr(CdStore) store = NULL;
      g_autoptr(GError) error = NULL;

      g_assert_cmpint (g_mkdir (dir, 0700), ==, 0);
      store = cd_store_open (existing, &error);
      g_assert_no_error (error);
      g_clear_object (&store);
      if (getuid () == 0)
        g_assert_cmpint (chown (existing, 65534, 65534), ==, 0);
      g_assert_cmpint (g_chmod (tmp, 0755), ==, 0);
      g_assert_cmpint (g_chmod (dir, 0555), ==, 0);
      g_setenv ("CD_TEST_RO_DIR", dir, TRUE);
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
      g_test_trap_assert_passed ();
      g_chmod (dir, 0755);
      cd_test_rm_rf (tmp);
    }
}

static void
test_migration_backup (void)
{
  g_autofree char *tmp = cd_test_tmpdir ();
  g_autofree char *path = g_build_filename (tmp, "certdesk.db", NULL);
  g_autofree char *backup = NULL;
  g_autoptr(CdStore) store = NULL;
  g_autoptr(CdUnit) unit = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;
  GStatBuf sb;

  /* A register written by the foundation build: a unit table, no
   * user_version. */
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
                                 "CREATE TABLE unit (id INTEGER PRIMARY KEY CHECK (id = 1),"
                                 " name TEXT, parent_name TEXT, place TEXT, province TEXT,"
                                 " head_title TEXT, head_name TEXT, address TEXT, phone TEXT,"
                                 " email TEXT, org1 TEXT, org2 TEXT, org3 TEXT, org4 TEXT);"
                                 "INSERT INTO unit (id, name) VALUES (1, 'TRƯỜNG THCS LÊ LỢI');",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  store = cd_store_open (path, &error);
  g_assert_no_error (error);
  unit = cd_store_get_unit (store);
  g_assert_cmpstr (unit->name, ==, "TRƯỜNG THCS LÊ LỢI");
  g_assert_cmpint (query_int (path, "PRAGMA user_version"), ==, CD_STORE_SCHEMA_VERSION);

  backup = cd_store_find_newest_backup (path);
  g_assert_nonnull (backup);
  g_assert_true (strstr (backup, "certdesk.backup-") != NULL);
  g_assert_true (g_str_has_suffix (backup, ".db"));
  g_assert_cmpint (g_stat (backup, &sb), ==, 0);
  g_assert_cmpint (sb.st_mode & 0777, ==, 0600);
  /* the backup is the old file: version 0, the unit, no staff table */
  g_assert_cmpint (query_int (backup, "PRAGMA user_version"), ==, 0);
  g_assert_cmpint (query_int (backup, "SELECT count(*) FROM unit"), ==, 1);
  g_assert_cmpint (query_int (backup, "SELECT count(*) FROM sqlite_schema WHERE name = 'staff'"), ==, 0);

  /* opening again migrates nothing and makes no new backup */
  g_clear_object (&store);
  store = cd_store_open (path, &error);
  g_assert_no_error (error);
  {
    g_autofree char *again = cd_store_find_newest_backup (path);
    g_assert_cmpstr (again, ==, backup);
  }
  g_clear_object (&store);
  cd_test_rm_rf (tmp);
}

/* A register of 2,000 staff with a backup, then damaged: the header of
 * every b-tree page but the first (which holds the schema, so the file
 * still opens) scribbled over; with @lightly, only those of the second
 * half of the file (the schema and the first pages stay readable). */
static char *
make_damaged_register (char **tmp_out,
                       char **backup_out,
                       gboolean lightly)
{
  g_autoptr(CdStore) store = open_new (tmp_out);
  char *path = g_strdup (cd_store_get_path (store));
  g_autoptr(GError) error = NULL;

  /* 2,000 of the fixture's people: enough pages to damage. */
  g_assert_true (cd_test_register_fill (store, 2000, CD_TEST_REGISTER_STAFF,
                                        g_get_real_time () / G_USEC_PER_SEC, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (cd_store_backup (store, backup_out, &error));
  g_assert_no_error (error);
  g_clear_object (&store);
  cd_test_damage_pages (path, lightly);
  return path;
}

static void
test_damaged_read_only (void)
{
  g_autofree char *tmp = NULL;
  g_autofree char *backup = NULL;
  g_autofree char *path = make_damaged_register (&tmp, &backup, FALSE);
  g_autofree char *before = cd_file_sha256_hex (path, NULL);
  g_autofree char *after = NULL;
  g_autoptr(CdStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CdStaff) extra = NULL;

  /* Damaged beyond even reading its schema: a check left for later is
   * run at once. */
  store = cd_store_open_check_later (path, &error);
  g_assert_no_error (error);
  g_assert_false (cd_store_get_check_pending (store));
  g_assert_true (cd_store_is_read_only (store));
  g_clear_object (&store);

  store = cd_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  g_assert_true (cd_store_is_read_only (store));
  g_assert_nonnull (strstr (cd_store_get_read_only_reason (store), backup));

  extra = cd_test_staff_new ("Lê Thị Bình", NULL, NULL, NULL);
  g_assert_false (cd_store_save_staff (store, extra, &error));
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_DAMAGED);
  g_clear_error (&error);
  g_clear_object (&store);
  after = cd_file_sha256_hex (path, NULL);
  g_assert_cmpstr (before, ==, after);
  cd_test_rm_rf (tmp);
}

/* Damage SQLite reports in one row ("*** in database main ***" then the
 * pages, one per line) was once read as a sound file: opened writable. */
static void
test_damaged_lightly_read_only (void)
{
  g_autofree char *tmp = NULL;
  g_autofree char *backup = NULL;
  g_autofree char *path = make_damaged_register (&tmp, &backup, TRUE);
  g_autoptr(CdStore) store = NULL;
  g_autoptr(GError) error = NULL;

  store = cd_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (cd_store_is_read_only (store));
  g_assert_nonnull (strstr (cd_store_get_damage (store), "Page "));
  g_assert_null (strstr (cd_store_get_damage (store), "***"));
  g_clear_object (&store);
  cd_test_rm_rf (tmp);
}

static void
count_signal (CdStore *store,
              guint   *n)
{
  (*n)++;
}

static void
count_changed (CdStore    *store,
               const char *what,
               guint      *n)
{
  (*n)++;
}

/* The window opens the register without waiting for its integrity check
 * and has it run on a second connection by a worker: until the answer,
 * nothing is written; a damaged file then becomes read-only. */
static void
test_check_later_damaged (void)
{
  g_autofree char *tmp = NULL;
  g_autofree char *backup = NULL;
  g_autofree char *path = make_damaged_register (&tmp, &backup, TRUE);
  g_autofree char *before = cd_file_sha256_hex (path, NULL);
  g_autofree char *after = NULL;
  g_autofree char *problem = NULL;
  g_autoptr(CdStore) store = NULL;
  g_autoptr(CdStore) second = NULL;
  g_autoptr(GError) error = NULL;
  guint checked = 0, changed = 0;

  store = cd_store_open_check_later (path, &error);
  g_assert_no_error (error);
  g_assert_true (cd_store_get_check_pending (store));
  g_signal_connect (store, "checked", G_CALLBACK (count_signal), &checked);
  g_signal_connect (store, "changed::register", G_CALLBACK (count_changed), &changed);

  /* What the worker does, here on this connection. */
  problem = cd_store_run_quick_check (store);
  g_assert_nonnull (problem);
  cd_store_finish_check (store, problem);
  g_assert_cmpuint (checked, ==, 1);
  g_assert_cmpuint (changed, ==, 1);
  g_assert_false (cd_store_get_check_pending (store));
  g_assert_true (cd_store_is_read_only (store));
  g_assert_nonnull (strstr (cd_store_get_read_only_reason (store), backup));
  /* Settled once: a late second answer changes nothing. */
  cd_store_finish_check (store, NULL);
  g_assert_cmpuint (checked, ==, 1);
  g_assert_true (cd_store_is_read_only (store));

  /* Connections opened from now on are read-only too. */
  second = cd_store_open_secondary (store, &error);
  g_assert_no_error (error);
  g_assert_true (cd_store_is_read_only (second));
  g_assert_cmpstr (cd_store_get_damage (second), ==, cd_store_get_damage (store));
  {
    g_autoptr(CdStaff) extra = cd_test_staff_new ("Lê Thị Bình", NULL, NULL, NULL);
    g_assert_false (cd_store_save_staff (second, extra, &error));
    g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_DAMAGED);
    g_clear_error (&error);
  }
  g_clear_object (&second);
  g_clear_object (&store);
  after = cd_file_sha256_hex (path, NULL);
  g_assert_cmpstr (before, ==, after);
  cd_test_rm_rf (tmp);
}

/* A write asked for before the answer runs the check first. */
static void
test_check_later_write_first (void)
{
  g_autofree char *tmp = NULL;
  g_autofree char *backup = NULL;
  g_autofree char *path = make_damaged_register (&tmp, &backup, TRUE);
  g_autofree char *before = cd_file_sha256_hex (path, NULL);
  g_autofree char *after = NULL;
  g_autoptr(CdStore) store = NULL;
  g_autoptr(CdStaff) extra = cd_test_staff_new ("Lê Thị Bình", NULL, NULL, NULL);
  g_autoptr(GError) error = NULL;

  store = cd_store_open_check_later (path, &error);
  g_assert_no_error (error);
  g_assert_true (cd_store_get_check_pending (store));
  g_assert_false (cd_store_save_staff (store, extra, &error));
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_DAMAGED);
  g_assert_false (cd_store_get_check_pending (store));
  g_clear_object (&store);
  after = cd_file_sha256_hex (path, NULL);
  g_assert_cmpstr (before, ==, after);
  cd_test_rm_rf (tmp);
}

/* A sound register: writable once the answer comes; an empty (new) one
 * or one to migrate is checked at once. */
static void
test_check_later_sound (void)
{
  g_autofree char *tmp = NULL;
  g_autoptr(CdStore) store = open_new (&tmp);
  g_autofree char *path = g_strdup (cd_store_get_path (store));
  g_autoptr(CdStaff) a = cd_test_staff_new ("Lê Thị Bình", NULL, NULL, NULL);
  g_autoptr(CdStaff) b = cd_test_staff_new ("Trần Văn An", NULL, NULL, NULL);
  g_autoptr(GError) error = NULL;
  guint checked = 0;

  g_assert_false (cd_store_get_check_pending (store));
  g_assert_true (cd_store_save_staff (store, a, &error));
  g_clear_object (&store);

  store = cd_store_open_check_later (path, &error);
  g_assert_no_error (error);
  g_assert_true (cd_store_get_check_pending (store));
  g_signal_connect (store, "checked", G_CALLBACK (count_signal), &checked);
  {
    g_autoptr(CdStore) second = cd_store_open_secondary (store, &error);
    g_autofree char *problem = cd_store_run_quick_check (second);
    g_assert_null (problem);
  }
  cd_store_finish_check (store, NULL);
  g_assert_cmpuint (checked, ==, 1);
  g_assert_false (cd_store_is_read_only (store));
  g_assert_true (cd_store_save_staff (store, b, &error));
  g_assert_no_error (error);
  g_clear_object (&store);
  cd_test_rm_rf (tmp);
}

/* Version 2 adds the index the recovery-task sync needs; a version-1
 * register gets it (after a backup), and is checked at once since it is
 * written to. */
static void
test_migrate_tasks_index (void)
{
  g_autofree char *tmp = NULL;
  g_autoptr(CdStore) store = open_new (&tmp);
  g_autofree char *path = g_strdup (cd_store_get_path (store));
  g_autoptr(GError) error = NULL;
  g_autofree char *backup = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpint (query_int (path, "SELECT count(*) FROM sqlite_schema WHERE name = 'tasks_device'"), ==, 1);
  g_clear_object (&store);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  /* back to a faithful version 1: without step 2's index and step 3's
   * unit columns */
  g_assert_cmpint (sqlite3_exec (db, CD_TEST_UNDO_SCHEMA_5 " DROP INDEX tasks_device;"
                                 " ALTER TABLE unit DROP COLUMN tax_code;"
                                 " ALTER TABLE unit DROP COLUMN budget_code;"
                                 " ALTER TABLE unit DROP COLUMN focal_name;"
                                 " ALTER TABLE unit DROP COLUMN focal_cccd;"
                                 " ALTER TABLE unit DROP COLUMN focal_cccd_date;"
                                 " ALTER TABLE unit DROP COLUMN focal_cccd_place;"
                                 " ALTER TABLE unit DROP COLUMN focal_position;"
                                 " ALTER TABLE unit DROP COLUMN focal_phone;"
                                 " ALTER TABLE unit DROP COLUMN focal_email;"
                                 " ALTER TABLE unit DROP COLUMN former_names;"
                                 " ALTER TABLE certificates DROP COLUMN key_usage;"
                                 " ALTER TABLE certificates DROP COLUMN purpose;"
                                 " ALTER TABLE certificates DROP COLUMN track;"
                                 " PRAGMA user_version = 1;", NULL, NULL, NULL),
                   ==, SQLITE_OK);
  sqlite3_close (db);

  store = cd_store_open_check_later (path, &error);
  g_assert_no_error (error);
  g_assert_false (cd_store_get_check_pending (store));
  g_assert_cmpint (query_int (path, "PRAGMA user_version"), ==, CD_STORE_SCHEMA_VERSION);
  g_assert_cmpint (query_int (path, "SELECT count(*) FROM sqlite_schema WHERE name = 'tasks_device'"), ==, 1);
  backup = cd_store_find_newest_backup (path);
  g_assert_nonnull (backup);
  g_assert_cmpint (query_int (backup, "PRAGMA user_version"), ==, 1);
  g_clear_object (&store);
  cd_test_rm_rf (tmp);
}

/* A second connection of the same process sees what the first wrote and
 * can list the rows, without checking the file again. */
static void
test_open_secondary (void)
{
  g_autofree char *tmp = NULL;
  g_autoptr(CdStore) store = open_new (&tmp);
  g_autoptr(CdStore) second = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CdStaff) a = cd_test_staff_new ("Lê Thị Bình", "1985-03-12", NULL, NULL);
  g_autoptr(GPtrArray) rows = NULL;

  g_assert_true (cd_store_save_staff (store, a, &error));
  g_assert_no_error (error);
  second = cd_store_open_secondary (store, &error);
  g_assert_no_error (error);
  g_assert_nonnull (second);
  g_assert_false (cd_store_is_read_only (second));
  g_assert_cmpstr (cd_store_get_path (second), ==, cd_store_get_path (store));
  rows = cd_store_list_staff_rows (second, 1000, 60, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_cmpstr (((CdStaffRow *) rows->pdata[0])->full_name, ==, "Lê Thị Bình");
  g_clear_object (&second);
  g_clear_object (&store);
  cd_test_rm_rf (tmp);
}

static void
changed_cb (CdStore *store, const char *what, gpointer user_data)
{
  GString *log = user_data;
  g_string_append_printf (log, "%s;", what);
}

static void
test_staff_crud (void)
{
  g_autofree char *tmp = NULL;
  g_autoptr(CdStore) store = open_new (&tmp);
  g_autoptr(CdStaff) s = cd_staff_new ();
  g_autoptr(CdStaff) got = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) log = g_string_new (NULL);
  const char *path = cd_store_get_path (store);

  g_signal_connect (store, "changed::staff", G_CALLBACK (changed_cb), log);

  /* decomposed input, phone with +84, date in d/m/yyyy, CCCD with spaces */
  s->full_name = g_strdup ("  Nguye\xcc\x82\xcc\x83n  Va\xcc\x86n An ");
  s->birth_date = g_strdup ("5/1/1980");
  s->gender = g_strdup ("nam");
  s->cccd = g_strdup ("031 080 001 234");
  s->phone = g_strdup ("+84 912.345.678");
  s->email = g_strdup ("An.NV@HaiPhong.edu.vn");
  g_assert_true (cd_store_save_staff (store, s, &error));
  g_assert_no_error (error);
  g_assert_cmpint (s->id, >, 0);
  g_assert_cmpstr (s->full_name, ==, "Nguyễn Văn An");

  got = cd_store_get_staff (store, s->id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (got->full_name, ==, "Nguyễn Văn An");
  g_assert_cmpstr (got->birth_date, ==, "1980-01-05");
  g_assert_cmpstr (got->gender, ==, "Nam");
  g_assert_cmpstr (got->cccd, ==, "031080001234");
  g_assert_cmpstr (got->phone, ==, "0912345678");
  g_assert_cmpstr (got->email, ==, "an.nv@haiphong.edu.vn");
  g_assert_false (cd_store_is_empty (store));

  /* update, mark left, delete: each in the audit log, each a signal */
  g_free (got->position);
  got->position = g_strdup ("Giáo viên");
  g_assert_true (cd_store_save_staff (store, got, &error));
  g_assert_true (cd_store_mark_staff_left (store, got->id, "2025-06-30", "Nghỉ hưu", &error));
  g_assert_no_error (error);
  g_clear_pointer (&got, cd_staff_free);
  got = cd_store_get_staff (store, s->id, &error);
  g_assert_true (got->left);
  g_assert_cmpstr (got->left_date, ==, "2025-06-30");
  g_assert_cmpstr (got->left_reason, ==, "Nghỉ hưu");
  g_assert_cmpint (query_int (path, "SELECT count(*) FROM audit_log WHERE entity = 'staff'"), ==, 3);
  g_assert_cmpint (query_int (path, "SELECT count(*) FROM audit_log WHERE entity = 'staff'"
                                    " AND old_value LIKE '%\"position\":null%'"
                                    " AND new_value LIKE '%Giáo viên%'"), ==, 1);
  g_assert_true (cd_store_delete_staff (store, s->id, &error));
  g_assert_null (cd_store_get_staff (store, s->id, &error));
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_NOT_FOUND);
  g_assert_cmpstr (log->str, ==, "staff;staff;staff;staff;");
  g_assert_cmpint (query_int (path, "SELECT count(*) FROM audit_log WHERE action = 'delete'"), ==, 1);
  g_clear_object (&store);
  cd_test_rm_rf (tmp);
}

static void
test_staff_invalid (void)
{
  g_autofree char *tmp = NULL;
  g_autoptr(CdStore) store = open_new (&tmp);
  g_autoptr(GError) error = NULL;
  g_autoptr(CdStaff) a = cd_test_staff_new ("Nguyễn Văn An", "1980-01-05", "031080001234", NULL);
  g_autoptr(CdStaff) b = cd_test_staff_new ("Trần Văn Bảo", "1980-02-01", "031080001234", NULL);
  g_autoptr(CdStaff) c = cd_test_staff_new ("Lê Văn Cường", "1980-02-01", "03108000123A", NULL);
  g_autoptr(CdStaff) d = cd_test_staff_new ("", NULL, NULL, NULL);
  g_autoptr(CdStaff) e = cd_test_staff_new ("Lê Văn Em", "01/01/2999", NULL, NULL);
  g_autoptr(CdStaff) f = cd_test_staff_new ("Lê Văn Phúc", NULL, NULL, "not an email");

  g_assert_true (cd_store_save_staff (store, a, &error));
  g_assert_false (cd_store_save_staff (store, b, &error));
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_CONSTRAINT);
  g_assert_nonnull (strstr (error->message, "Nguyễn Văn An"));
  g_assert_cmpint (b->id, ==, 0);
  g_clear_error (&error);
  g_assert_false (cd_store_save_staff (store, c, &error));
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (cd_store_save_staff (store, d, &error));
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (cd_store_save_staff (store, e, &error));
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (cd_store_save_staff (store, f, &error));
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID);
  g_assert_cmpuint (cd_store_count_staff (store), ==, 1);
  g_assert_true (cd_store_has_staff (store));
  g_assert_false (cd_store_is_empty (store));
  g_clear_object (&store);
  cd_test_rm_rf (tmp);
}

static void
test_staff_find (void)
{
  g_autofree char *tmp = NULL;
  g_autoptr(CdStore) store = open_new (&tmp);
  g_autoptr(GError) error = NULL;
  g_autoptr(CdStaff) a = cd_test_staff_new ("Nguyễn Thị Hoà", "1980-01-05", "031180001234", "hoa@hp.edu.vn");
  g_autoptr(CdStaff) b = cd_test_staff_new ("Lê Văn Bình", "1981-01-05", NULL, NULL);
  g_autoptr(CdStaff) c = cd_test_staff_new ("Lê Văn Bình", "1990-01-05", NULL, NULL);
  CdStaff *f;
  gboolean ambiguous = TRUE;

  g_assert_true (cd_store_save_staff (store, a, &error));
  g_assert_true (cd_store_save_staff (store, b, &error));
  g_assert_true (cd_store_save_staff (store, c, &error));

  f = cd_store_find_staff_by_email (store, "HOA@hp.edu.vn");
  g_assert_nonnull (f);
  g_assert_cmpint (f->id, ==, a->id);
  cd_staff_free (f);
  f = cd_store_find_staff_by_cccd (store, "031 180 001 234");
  g_assert_nonnull (f);
  g_assert_cmpint (f->id, ==, a->id);
  cd_staff_free (f);
  /* old tone placement, other case */
  f = cd_store_find_staff_by_name (store, "NGUYỄN THỊ HÒA", &ambiguous);
  g_assert_nonnull (f);
  g_assert_false (ambiguous);
  g_assert_cmpint (f->id, ==, a->id);
  cd_staff_free (f);
  g_assert_null (cd_store_find_staff_by_name (store, "Lê Văn Bình", &ambiguous));
  g_assert_true (ambiguous);
  g_assert_null (cd_store_find_staff_by_name (store, "Nguyễn Thị Hoa", &ambiguous));
  g_assert_false (ambiguous);
  g_assert_null (cd_store_find_staff_by_email (store, "nobody@hp.edu.vn"));

  /* Typed without accents (issue 16: handing a device over needed the
   * exact accented name): the one person it can be. */
  f = cd_store_find_staff_by_plain_name (store, "nguyen thi hoa", &ambiguous);
  g_assert_nonnull (f);
  g_assert_false (ambiguous);
  g_assert_cmpint (f->id, ==, a->id);
  cd_staff_free (f);
  g_assert_null (cd_store_find_staff_by_plain_name (store, "le van binh", &ambiguous));
  g_assert_true (ambiguous);
  g_assert_null (cd_store_find_staff_by_plain_name (store, "nguyen thi", &ambiguous));
  g_assert_false (ambiguous);
  g_assert_null (cd_store_find_staff_by_plain_name (store, "%", &ambiguous));
  /* The typed spelling wins over a namesake without accents. */
  {
    g_autoptr(CdStaff) d = cd_test_staff_new ("Nguyễn Thị Hoa", "1985-02-03", NULL, NULL);
    g_assert_true (cd_store_save_staff (store, d, &error));
    f = cd_store_find_staff_by_plain_name (store, "Nguyễn Thị Hoa", &ambiguous);
    g_assert_nonnull (f);
    g_assert_cmpint (f->id, ==, d->id);
    cd_staff_free (f);
    g_assert_null (cd_store_find_staff_by_plain_name (store, "nguyen thi hoa", &ambiguous));
    g_assert_true (ambiguous);
  }
  g_clear_object (&store);
  cd_test_rm_rf (tmp);
}

static CdCertificate *
make_cert (const char *serial, gint64 not_before, gint64 not_after, const char *der)
{
  CdCertificate *c = cd_certificate_new ();

  c->serial = g_strdup (serial);
  c->subject_cn = g_strdup ("Nguyễn Văn An");
  c->not_before = not_before;
  c->not_after = not_after;
  c->der = g_bytes_new (der, strlen (der));
  c->source = CD_CERT_SOURCE_TOKEN;
  return c;
}

static void
test_certificates (void)
{
  g_autofree char *tmp = NULL;
  g_autoptr(CdStore) store = open_new (&tmp);
  g_autoptr(GError) error = NULL;
  g_autoptr(CdStaff) a = cd_test_staff_new ("Nguyễn Văn An", "1980-01-05", NULL, NULL);
  g_autoptr(CdCertificate) old = make_cert ("54:01:01:aa", 1000, 2000, "der-old");
  g_autoptr(CdCertificate) cur = make_cert ("540101BB", 3000, 4000000000, "der-new");
  g_autoptr(CdCertificate) again = make_cert ("540101bb", 3000, 4000000000, "der-new");
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(CdCertificate) got = NULL;
  const char *path = cd_store_get_path (store);

  g_assert_true (cd_store_save_staff (store, a, &error));
  old->staff_id = a->id;
  g_assert_true (cd_store_save_certificate (store, old, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (old->serial, ==, "540101AA");
  g_assert_cmpint (strlen (old->fingerprint), ==, 64);
  cur->subject_ou = g_strsplit ("Trường THCS Lê Lợi\nPhòng GD&ĐT", "\n", -1);
  g_assert_true (cd_store_save_certificate (store, cur, &error));
  g_assert_true (cd_store_link_certificate (store, cur->id, a->id, &error));
  g_assert_no_error (error);

  list = cd_store_list_certificates_for_staff (store, a->id, &error);
  g_assert_cmpuint (list->len, ==, 2);
  g_assert_cmpint (((CdCertificate *) list->pdata[0])->id, ==, cur->id);   /* newest first */
  g_clear_pointer (&list, g_ptr_array_unref);

  /* Re-reading the token (no link, not revoked) updates by fingerprint and
   * keeps the link. */
  g_assert_true (cd_store_revoke_certificate (store, old->id, "2020-01-01", "Hết hạn", &error));
  again->subject_ou = g_strsplit ("Trường THCS Lê Lợi\nPhòng GD&ĐT", "\n", -1);
  g_assert_true (cd_store_save_certificate (store, again, &error));
  g_assert_cmpint (again->id, ==, cur->id);
  g_assert_cmpint (again->staff_id, ==, a->id);
  got = cd_store_find_certificate_by_fingerprint (store, cur->fingerprint);
  g_assert_nonnull (got);
  g_assert_cmpstr (got->subject_ou[1], ==, "Phòng GD&ĐT");
  g_assert_cmpuint (g_bytes_get_size (got->der), ==, 7);
  g_clear_pointer (&got, cd_certificate_free);
  got = cd_store_get_certificate (store, old->id, &error);
  g_assert_true (got->revoked);
  g_assert_cmpstr (got->revoked_reason, ==, "Hết hạn");

  list = cd_store_list_certificates (store, &error);
  g_assert_cmpuint (list->len, ==, 2);
  g_assert_cmpint (query_int (path, "SELECT count(*) FROM certificates"), ==, 2);
  g_assert_cmpint (query_int (path, "SELECT count(*) FROM audit_log WHERE entity = 'certificate'"), >=, 5);

  /* unlinking; deleting the person keeps the certificate, unlinked */
  g_assert_true (cd_store_delete_staff (store, a->id, &error));
  g_clear_pointer (&got, cd_certificate_free);
  got = cd_store_get_certificate (store, cur->id, &error);
  g_assert_cmpint (got->staff_id, ==, 0);
  g_clear_object (&store);
  cd_test_rm_rf (tmp);
}

static void
test_list_rows_and_search (void)
{
  g_autofree char *tmp = NULL;
  g_autoptr(CdStore) store = open_new (&tmp);
  g_autoptr(GError) error = NULL;
  g_autoptr(CdStaff) a = cd_test_staff_new ("Lê Thị Bình", "1985-03-12", NULL, "binh@hp.edu.vn");
  g_autoptr(CdStaff) b = cd_test_staff_new ("Trần Văn An", "1980-01-05", "031080001234", NULL);
  g_autoptr(CdStaff) c = cd_test_staff_new ("Đặng Thuỷ", NULL, NULL, NULL);
  g_autoptr(CdCertificate) expiring = make_cert ("AA", 0, 1000 + 10 * 86400, "x1");
  g_autoptr(CdCertificate) revoked = make_cert ("BB", 0, 1000 + 900 * 86400, "x2");
  g_autoptr(CdCertificate) later = make_cert ("C2", 0, 1000 + 500 * 86400, "x3");
  g_autoptr(CdCertificate) sooner = make_cert ("C1", 0, 1000 + 100 * 86400, "x4");
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GArray) ids = NULL;
  CdStaffRow *r;

  g_assert_true (cd_store_save_staff (store, a, &error));
  g_assert_true (cd_store_save_staff (store, b, &error));
  g_assert_true (cd_store_save_staff (store, c, &error));
  expiring->staff_id = b->id;
  revoked->staff_id = b->id;
  revoked->revoked = TRUE;
  g_assert_true (cd_store_save_certificate (store, expiring, &error));
  g_assert_true (cd_store_save_certificate (store, revoked, &error));
  /* Two valid ones, the newer saved first: the later not_after wins. */
  later->staff_id = a->id;
  sooner->staff_id = a->id;
  g_assert_true (cd_store_save_certificate (store, later, &error));
  g_assert_true (cd_store_save_certificate (store, sooner, &error));

  rows = cd_store_list_staff_rows (store, 1000, 60, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 3);
  /* An, Bình, Thuỷ */
  r = rows->pdata[0];
  g_assert_cmpstr (r->full_name, ==, "Trần Văn An");
  /* the not-revoked certificate is the current one even if it ends sooner */
  g_assert_cmpint (r->cert_id, ==, expiring->id);
  g_assert_cmpstr (r->cert_serial, ==, "AA");
  g_assert_cmpint (r->status, ==, CD_CERT_STATUS_EXPIRING);
  g_assert_nonnull (strstr (r->search_key, "tran van an"));
  g_assert_nonnull (strstr (r->search_key, "031080001234"));
  g_assert_nonnull (strstr (r->search_key, "aa"));
  r = rows->pdata[1];
  g_assert_cmpstr (r->full_name, ==, "Lê Thị Bình");
  g_assert_cmpstr (r->birth_date, ==, "1985-03-12");
  g_assert_cmpstr (r->email, ==, "binh@hp.edu.vn");
  g_assert_null (r->cccd);
  g_assert_cmpint (r->cert_id, ==, later->id);
  g_assert_cmpstr (r->cert_serial, ==, "C2");
  g_assert_cmpint (r->cert_not_after, ==, 1000 + 500 * 86400);
  g_assert_cmpint (r->status, ==, CD_CERT_STATUS_VALID);
  g_assert_true (g_str_has_suffix (r->search_key, " c2"));
  r = rows->pdata[2];
  g_assert_cmpint (r->status, ==, CD_CERT_STATUS_NONE);
  g_assert_cmpint (r->cert_id, ==, 0);
  g_assert_null (r->cert_serial);
  g_assert_cmpstr (r->full_name, ==, "Đặng Thuỷ");

  ids = cd_store_search_staff (store, "dang thủy", &error);
  g_assert_cmpuint (ids->len, ==, 1);
  g_assert_cmpint (g_array_index (ids, gint64, 0), ==, c->id);
  g_clear_pointer (&ids, g_array_unref);
  ids = cd_store_search_staff (store, "BINH@", &error);
  g_assert_cmpuint (ids->len, ==, 1);
  g_clear_pointer (&ids, g_array_unref);
  ids = cd_store_search_staff (store, "bb", &error);   /* a certificate serial */
  g_assert_cmpuint (ids->len, ==, 1);
  g_assert_cmpint (g_array_index (ids, gint64, 0), ==, b->id);
  g_clear_pointer (&ids, g_array_unref);
  ids = cd_store_search_staff (store, "", &error);
  g_assert_cmpuint (ids->len, ==, 3);
  g_clear_object (&store);
  cd_test_rm_rf (tmp);
}

static void
test_devices_documents_unit (void)
{
  g_autofree char *tmp = NULL;
  g_autoptr(CdStore) store = open_new (&tmp);
  g_autoptr(GError) error = NULL;
  g_autoptr(CdDevice) d = cd_device_new ();
  g_autoptr(CdDevice) same = cd_device_new ();
  g_autoptr(CdDevice) bad = cd_device_new ();
  g_autoptr(CdDevice) got = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(CdUnit) u = cd_unit_new ();
  g_autoptr(CdUnit) u2 = NULL;
  g_autoptr(GString) log = g_string_new (NULL);
  gint64 doc_id = 0;

  g_signal_connect (store, "changed", G_CALLBACK (changed_cb), log);
  d->token_serial = g_strdup ("0012345678ABCDEF");
  d->label = g_strdup ("VGCA");
  d->model = g_strdup ("TokenME EVO v2");
  g_assert_true (cd_store_save_device (store, d, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (d->type, ==, "TOKEN");
  g_assert_cmpstr (d->status, ==, "in_stock");
  same->token_serial = g_strdup ("0012345678ABCDEF");
  same->label = g_strdup ("VGCA 2");
  same->type = g_strdup ("token");
  g_assert_true (cd_store_save_device (store, same, &error));
  g_assert_cmpint (same->id, ==, d->id);
  got = cd_store_find_device_by_serial (store, "0012345678ABCDEF");
  g_assert_cmpstr (got->label, ==, "VGCA 2");
  bad->token_serial = g_strdup ("X1");
  bad->type = g_strdup ("FLOPPY");
  g_assert_false (cd_store_save_device (store, bad, &error));
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID);
  g_clear_error (&error);
  list = cd_store_list_devices (store, &error);
  g_assert_cmpuint (list->len, ==, 1);

  g_assert_true (cd_store_record_document (store, "/tmp/x.docx", "request-01", "Mẫu 01",
                                           "ab12", &doc_id, &error));
  g_assert_cmpint (doc_id, >, 0);

  u->name = g_strdup ("TRƯỜNG THCS LÊ LỢI");
  u->place = g_strdup ("Hải Phòng");
  u->org_level[3] = g_strdup ("Trường THCS Lê Lợi");
  g_assert_true (cd_store_save_unit (store, u, &error));
  u2 = cd_store_get_unit (store);
  g_assert_cmpstr (u2->name, ==, "TRƯỜNG THCS LÊ LỢI");
  g_assert_cmpstr (u2->org_level[3], ==, "Trường THCS Lê Lợi");
  g_assert_cmpstr (log->str, ==, "device;device;document;unit;");
  g_clear_object (&store);
  cd_test_rm_rf (tmp);
}

/* A writer killed between linking a document's name and committing its
 * record (cd_store_document_commit): at the next open the name goes when
 * the record never committed, and stays when it did; the staged name
 * goes either way. cli-crash met the first case once under load (a file
 * without its record) before the name was linked rather than renamed. */
static void
test_documents_killed_writer (void)
{
  g_autofree char *tmp = NULL;
  g_autoptr(CdStore) store = open_new (&tmp);
  g_autoptr(GError) error = NULL;
  g_autofree char *lost = g_build_filename (tmp, "lost.docx", NULL);
  g_autofree char *kept = g_build_filename (tmp, "kept.docx", NULL);
  g_autofree char *lost_stage = NULL;
  g_autofree char *kept_stage = NULL;
  char *args[] = { (char *) "/bin/true", NULL };
  GPid child;
  int wait_status;

  /* a writer that was alive a moment ago and is dead now */
  g_assert_true (g_spawn_async (NULL, args, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL, &child, NULL));
  g_assert_cmpint (waitpid (child, &wait_status, 0), ==, child);
  lost_stage = g_strdup_printf ("%s/.lost.docx.cd-%d-Ab12Cd", tmp, (int) child);
  kept_stage = g_strdup_printf ("%s/.kept.docx.cd-%d-Ef34Gh", tmp, (int) child);
  g_assert_true (g_file_set_contents (lost_stage, "PK", -1, NULL));
  g_assert_true (g_file_set_contents (kept_stage, "PK", -1, NULL));
  g_assert_cmpint (link (lost_stage, lost), ==, 0);
  g_assert_cmpint (link (kept_stage, kept), ==, 0);
  g_assert_true (cd_store_record_document (store, kept, "cap-moi", NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  /* the folder is known from its recorded document */

  /* A plain sweep leaves linked stages to the store. */
  cd_atomic_sweep (tmp);
  g_assert_true (g_file_test (lost_stage, G_FILE_TEST_EXISTS));

  cd_store_sweep_document_folders (store);
  g_assert_false (g_file_test (lost, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (lost_stage, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (kept, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (kept_stage, G_FILE_TEST_EXISTS));
  g_clear_object (&store);
  cd_test_rm_rf (tmp);
}

int
main (int argc, char *argv[])
{
  cd_test_init (&argc, &argv);

  g_test_add_func ("/core/store/open/new", test_open_new);
  g_test_add_func ("/core/store/open/makes-private", test_open_makes_private);
  g_test_add_func ("/core/store/open/not-sqlite", test_open_not_sqlite);
  g_test_add_func ("/core/store/open/foreign-sqlite", test_open_foreign_sqlite);
  g_test_add_func ("/core/store/open/too-new", test_open_too_new);
  g_test_add_func ("/core/store/open/missing-folder", test_open_missing_folder);
  g_test_add_func ("/core/store/open/read-only-dir", test_open_read_only_dir);
  g_test_add_func ("/core/store/open/migration-backup", test_migration_backup);
  g_test_add_func ("/core/store/open/secondary", test_open_secondary);
  g_test_add_func ("/core/store/open/damaged-read-only", test_damaged_read_only);
  g_test_add_func ("/core/store/open/damaged-lightly-read-only", test_damaged_lightly_read_only);
  g_test_add_func ("/core/store/open/check-later/damaged", test_check_later_damaged);
  g_test_add_func ("/core/store/open/check-later/write-first", test_check_later_write_first);
  g_test_add_func ("/core/store/open/check-later/sound", test_check_later_sound);
  g_test_add_func ("/core/store/migrate/tasks-index", test_migrate_tasks_index);
  g_test_add_func ("/core/store/staff/crud", test_staff_crud);
  g_test_add_func ("/core/store/staff/invalid", test_staff_invalid);
  g_test_add_func ("/core/store/staff/find", test_staff_find);
  g_test_add_func ("/core/store/staff/list-rows-and-search", test_list_rows_and_search);
  g_test_add_func ("/core/store/certificates", test_certificates);
  g_test_add_func ("/core/store/devices-documents-unit", test_devices_documents_unit);
  g_test_add_func ("/core/store/documents/killed-writer", test_documents_killed_writer);

  return g_test_run ();
}
