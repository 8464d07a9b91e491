/* test-store.c — the register: opening, migrations, damage, the
 * integrity check left for later (its records: test-store-records.c)
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
#include "store-fixture.h"

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
  CdStore *store = store_open_new (&tmp);
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
  g_autoptr(CdStore) store = store_open_new (&tmp);
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
  /* 16 KiB pages for a new register (issue 19: a quarter of the pages
   * to write and read in a big import or list) */
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA page_size", -1, &st, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (st), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (st, 0), ==, 16384);
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
  g_assert_cmpint (store_query_int (path, "PRAGMA user_version"), ==, 99);
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

  g_assert_cmpint (store_query_int (path, "PRAGMA page_size"), ==, 4096);

  store = cd_store_open (path, &error);
  g_assert_no_error (error);
  unit = cd_store_get_unit (store);
  g_assert_cmpstr (unit->name, ==, "TRƯỜNG THCS LÊ LỢI");
  g_assert_cmpint (store_query_int (path, "PRAGMA user_version"), ==, CD_STORE_SCHEMA_VERSION);
  /* an existing register keeps its page size */
  g_assert_cmpint (store_query_int (path, "PRAGMA page_size"), ==, 4096);

  backup = cd_store_find_newest_backup (path);
  g_assert_nonnull (backup);
  g_assert_true (strstr (backup, "certdesk.backup-") != NULL);
  g_assert_true (g_str_has_suffix (backup, ".db"));
  g_assert_cmpint (g_stat (backup, &sb), ==, 0);
  g_assert_cmpint (sb.st_mode & 0777, ==, 0600);
  /* the backup is the old file: version 0, the unit, no staff table */
  g_assert_cmpint (store_query_int (backup, "PRAGMA user_version"), ==, 0);
  g_assert_cmpint (store_query_int (backup, "SELECT count(*) FROM unit"), ==, 1);
  g_assert_cmpint (store_query_int (backup, "SELECT count(*) FROM sqlite_schema WHERE name = 'staff'"), ==, 0);

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
  g_autoptr(CdStore) store = store_open_new (tmp_out);
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
  g_autoptr(CdStore) store = store_open_new (&tmp);
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
  g_autoptr(CdStore) store = store_open_new (&tmp);
  g_autofree char *path = g_strdup (cd_store_get_path (store));
  g_autoptr(GError) error = NULL;
  g_autofree char *backup = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpint (store_query_int (path, "SELECT count(*) FROM sqlite_schema WHERE name = 'tasks_device'"), ==, 1);
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
  g_assert_cmpint (store_query_int (path, "PRAGMA user_version"), ==, CD_STORE_SCHEMA_VERSION);
  g_assert_cmpint (store_query_int (path, "SELECT count(*) FROM sqlite_schema WHERE name = 'tasks_device'"), ==, 1);
  backup = cd_store_find_newest_backup (path);
  g_assert_nonnull (backup);
  g_assert_cmpint (store_query_int (backup, "PRAGMA user_version"), ==, 1);
  g_clear_object (&store);
  cd_test_rm_rf (tmp);
}

/* A second connection of the same process sees what the first wrote and
 * can list the rows, without checking the file again. */
static void
test_open_secondary (void)
{
  g_autofree char *tmp = NULL;
  g_autoptr(CdStore) store = store_open_new (&tmp);
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
  return g_test_run ();
}
