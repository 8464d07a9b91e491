/* test-sql.c — the SQLite helpers every module running SQL uses
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "cd-sql.h"
#include "cd-store.h"
#include "cd-test-util.h"

static sqlite3 *
open_db (void)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (":memory:", &db), ==, SQLITE_OK);
  g_assert_true (cd_sql_exec (db, "CREATE TABLE t (k TEXT UNIQUE, n INTEGER)", NULL));
  return db;
}

/* What @sql reads as its first column: "NULL" for SQL NULL. */
static char *
read_back (sqlite3 *db, const char *sql)
{
  g_autoptr(CdSqlStmt) st = cd_sql_prepare (db, sql, NULL);
  g_autofree char *text = NULL;

  g_assert_nonnull (st);
  g_assert_cmpint (sqlite3_step (st), ==, SQLITE_ROW);
  if (sqlite3_column_type (st, 0) == SQLITE_NULL)
    {
      g_assert_null (cd_sql_column_text (st, 0));
      return g_strdup ("NULL");
    }
  text = cd_sql_column_text (st, 0);
  return g_steal_pointer (&text);
}

static void
test_bind_text (void)
{
  sqlite3 *db = open_db ();
  g_autoptr(CdSqlStmt) st = cd_sql_prepare (db, "INSERT INTO t (k, n) VALUES (?, ?)", NULL);
  char *copied = g_strdup ("Nguyễn Văn A");

  g_assert_nonnull (st);
  /* Copied: changing the caller's string after binding changes nothing. */
  cd_sql_bind_text (st, 1, copied);
  copied[0] = 'X';
  cd_sql_bind_id (st, 2, 42);
  g_assert_cmpint (sqlite3_step (st), ==, SQLITE_DONE);
  g_free (copied);
  /* Empty and missing text, no id: all NULL. */
  sqlite3_reset (st);
  cd_sql_bind_text (st, 1, "");
  cd_sql_bind_id (st, 2, 0);
  g_assert_cmpint (sqlite3_step (st), ==, SQLITE_DONE);
  sqlite3_reset (st);
  cd_sql_bind_text_static (st, 1, NULL);
  cd_sql_bind_id (st, 2, -1);
  g_assert_cmpint (sqlite3_step (st), ==, SQLITE_DONE);
  sqlite3_reset (st);
  cd_sql_bind_text_static (st, 1, "012345678901");   /* text stays text */
  cd_sql_bind_id (st, 2, 7);
  g_assert_cmpint (sqlite3_step (st), ==, SQLITE_DONE);
  g_clear_pointer (&st, sqlite3_finalize);

  {
    g_autofree char *a = read_back (db, "SELECT k FROM t WHERE n = 42");
    g_autofree char *nulls = read_back (db, "SELECT count(*) FROM t WHERE k IS NULL AND n IS NULL");
    g_autofree char *digits = read_back (db, "SELECT k FROM t WHERE n = 7");
    g_autofree char *type = read_back (db, "SELECT typeof(k) FROM t WHERE n = 7");

    g_assert_cmpstr (a, ==, "Nguyễn Văn A");
    g_assert_cmpstr (nulls, ==, "2");
    g_assert_cmpstr (digits, ==, "012345678901");
    g_assert_cmpstr (type, ==, "text");
  }
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
}

static void
test_column_null (void)
{
  sqlite3 *db = open_db ();

  {
    g_autoptr(CdSqlStmt) st = cd_sql_prepare (db, "SELECT NULL, '', 'a'", NULL);

    g_assert_cmpint (sqlite3_step (st), ==, SQLITE_ROW);
    g_assert_null (cd_sql_column_text (st, 0));
    {
      g_autofree char *empty = cd_sql_column_text (st, 1);
      g_autofree char *a = cd_sql_column_text (st, 2);

      g_assert_cmpstr (empty, ==, "");
      g_assert_cmpstr (a, ==, "a");
    }
  }
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
}

static void
test_errors (void)
{
  sqlite3 *db = open_db ();
  g_autoptr(GError) error = NULL;
  CdSqlStmt *st;

  /* A syntax error: FAILED, with SQLite's own words. */
  st = cd_sql_prepare (db, "SELEKT 1", &error);
  g_assert_null (st);
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "syntax error"));
  g_clear_error (&error);

  /* A duplicate: CONSTRAINT, naming the column. */
  g_assert_true (cd_sql_exec (db, "INSERT INTO t (k) VALUES ('a')", &error));
  g_assert_no_error (error);
  /* A statement's step result, given by the caller (after a success: the
   * connection's own last error would count too). */
  g_assert_false (cd_sql_set_error (db, SQLITE_READONLY, &error));
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_READ_ONLY);
  g_clear_error (&error);

  g_assert_false (cd_sql_exec (db, "INSERT INTO t (k) VALUES ('a')", &error));
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_CONSTRAINT);
  g_assert_nonnull (strstr (error->message, "(t.k)"));
  g_clear_error (&error);

  /* NULL error: nothing set, still FALSE. */
  g_assert_false (cd_sql_exec (db, "SELEKT", NULL));
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
}

static void
test_autoptr (void)
{
  sqlite3 *db = open_db ();

  {
    g_autoptr(CdSqlStmt) a = cd_sql_prepare (db, "SELECT 1", NULL);
    g_autoptr(CdSqlStmt) b = cd_sql_prepare (db, "SELECT 2", NULL);

    g_assert_nonnull (a);
    g_assert_nonnull (b);
    g_assert_nonnull (sqlite3_next_stmt (db, NULL));
  }
  /* Both finalized at the end of their scope: sqlite3_close() refuses a
   * connection with statements left (SQLITE_BUSY). */
  g_assert_null (sqlite3_next_stmt (db, NULL));
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
}

static gpointer
row_text (CdSqlStmt *st)
{
  return cd_sql_column_text (st, 0);
}

/* Every row once, in order; a step that fails (a runtime error on the
 * third row) gives NULL and the error, not a short list. */
static void
test_collect (void)
{
  sqlite3 *db = open_db ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;

  g_assert_true (cd_sql_exec (db, "INSERT INTO t VALUES ('a', 1), ('b', 2), ('c', 0)", NULL));
  {
    g_autoptr(CdSqlStmt) st = cd_sql_prepare (db, "SELECT k FROM t ORDER BY k", &error);

    rows = cd_sql_collect (db, st, row_text, g_free, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (rows->len, ==, 3);
    g_assert_cmpstr (rows->pdata[0], ==, "a");
    g_assert_cmpstr (rows->pdata[2], ==, "c");
  }
  g_clear_pointer (&rows, g_ptr_array_unref);
  {
    /* abs() of the smallest integer overflows: an error on that row. */
    g_autoptr(CdSqlStmt) st = cd_sql_prepare (db, "SELECT k || abs(CASE n WHEN 0 THEN -9223372036854775808 ELSE n END)"
                                                  " FROM t ORDER BY n DESC", &error);

    g_assert_no_error (error);
    rows = cd_sql_collect (db, st, row_text, g_free, &error);
    g_assert_null (rows);
    g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_FAILED);
  }
  sqlite3_close (db);
}

int
main (int argc, char **argv)
{
  cd_test_init (&argc, &argv);
  g_test_add_func ("/core/store/sql/bind-text-null", test_bind_text);
  g_test_add_func ("/core/store/sql/column-text-null", test_column_null);
  g_test_add_func ("/core/store/sql/error-message", test_errors);
  g_test_add_func ("/core/store/sql/autoptr-finalizes", test_autoptr);
  g_test_add_func ("/core/store/sql/collect", test_collect);
  return g_test_run ();
}
