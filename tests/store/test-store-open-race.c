/* test-store-open-race.c — two CertDesks opening one new register at the
 * same moment (two imports started together, issue 20 D8): each must
 * wait for the other, never fail with "in use" or take the register the
 * other is creating for another program's database.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "cd-store.h"
#include "cd-test-util.h"

static char *
new_file (char **tmp_out)
{
  g_autofree char *tmp = cd_test_tmpdir ();
  char *path = g_build_filename (tmp, "so.db", NULL);

  g_assert_true (g_file_set_contents (path, "", 0, NULL));
  g_assert_cmpint (g_chmod (path, 0600), ==, 0);
  *tmp_out = g_steal_pointer (&tmp);
  return path;
}

static int
user_version (CdStore *store)
{
  sqlite3_stmt *st = NULL;
  int v = -1;

  g_assert_cmpint (sqlite3_prepare_v2 (cd_store_get_db (store), "PRAGMA user_version",
                                       -1, &st, NULL), ==, SQLITE_OK);
  if (sqlite3_step (st) == SQLITE_ROW)
    v = sqlite3_column_int (st, 0);
  sqlite3_finalize (st);
  return v;
}

static gpointer
release_later (gpointer data)
{
  sqlite3 *holder = data;

  g_usleep (300 * 1000);
  g_assert_cmpint (sqlite3_exec (holder, "ROLLBACK", NULL, NULL, NULL), ==, SQLITE_OK);
  return NULL;
}

/* The other CertDesk is switching the new file to WAL (or writing its
 * first page) and holds the write lock for a moment. SQLite turns this
 * one's switch into a write from inside a read without asking the busy
 * handler, so it used to fail at once with "in use" whatever the
 * timeout: it must wait like any other write. */
static void
test_wal_switch_waits (void)
{
  g_autofree char *tmp = NULL;
  g_autofree char *path = new_file (&tmp);
  g_autoptr(GError) error = NULL;
  g_autoptr(CdStore) store = NULL;
  sqlite3 *holder = NULL;
  GThread *thread;

  g_assert_cmpint (sqlite3_open_v2 (path, &holder, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (holder, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);
  thread = g_thread_new ("release", release_later, holder);

  store = cd_store_open (path, &error);
  g_thread_join (thread);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  g_assert_false (cd_store_is_read_only (store));
  /* created: it waited for the holder's write lock */
  g_assert_cmpint (user_version (store), ==, CD_STORE_SCHEMA_VERSION);
  sqlite3_close (holder);
  g_clear_object (&store);
  cd_test_rm_rf (tmp);
}

/* The other CertDesk commits the new register's schema between two of
 * this one's first looks at the file (armed: the look for tables). */
static char *race_path;
static gboolean race_armed;

static int
on_statement (unsigned    type,
              void       *ctx,
              void       *p,
              void       *x)
{
  const char *sql = sqlite3_sql (p);

  if (race_armed && sql != NULL && strstr (sql, "name <> 'unit'") != NULL)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CdStore) other = NULL;

      race_armed = FALSE;
      other = cd_store_open (race_path, &error);
      g_assert_no_error (error);
      g_assert_cmpint (user_version (other), ==, CD_STORE_SCHEMA_VERSION);
    }
  return 0;
}

static int
trace_every_connection (sqlite3                      *db,
                        char                        **err,
                        const struct sqlite3_api_routines *api)
{
  sqlite3_trace_v2 (db, SQLITE_TRACE_STMT, on_statement, NULL);
  return SQLITE_OK;
}

static void
test_schema_committed_between_looks (void)
{
  g_autofree char *tmp = NULL;
  g_autofree char *path = new_file (&tmp);
  g_autoptr(GError) error = NULL;
  g_autoptr(CdStore) store = NULL;
  sqlite3 *db = NULL;

  /* the other CertDesk has switched the file to WAL already: it is no
   * longer empty, but holds nothing yet */
  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA journal_mode=WAL", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  race_path = path;
  race_armed = TRUE;
  sqlite3_auto_extension ((void (*) (void)) trace_every_connection);
  store = cd_store_open (path, &error);
  sqlite3_cancel_auto_extension ((void (*) (void)) trace_every_connection);
  g_assert_false (race_armed);   /* the other one did commit meanwhile */
  g_assert_no_error (error);
  g_assert_nonnull (store);
  g_assert_false (cd_store_is_read_only (store));
  g_assert_cmpint (user_version (store), ==, CD_STORE_SCHEMA_VERSION);
  g_clear_object (&store);
  race_path = NULL;
  cd_test_rm_rf (tmp);
}

int
main (int argc, char **argv)
{
  cd_test_init (&argc, &argv);
  g_test_add_func ("/core/store/open-race/wal-switch-waits", test_wal_switch_waits);
  g_test_add_func ("/core/store/open-race/schema-committed-between-looks",
                   test_schema_committed_between_looks);
  return g_test_run ();
}
