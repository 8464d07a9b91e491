/* test-upgrade.c — a register written by an older CertDesk opens in this
 * one with nothing lost
 *
 * tests/data/registers/schema2.db was written by the release before the
 * unit's details grew (see its README). The test copies it, opens the
 * copy (which migrates it) and compares every row of every table it had,
 * column by column, with the untouched original; then reads a few rows
 * back through the store as the application does (schema 10's handover
 * day that may be unknown included). Schema 8 → 9 is checked on a
 * register made here and set back to 8.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <string.h>
#include <sqlite3.h>
#include <glib/gstdio.h>

#include "cd-device-kind.h"
#include "cd-device-register.h"
#include "cd-store.h"
#include "cd-test-fixture.h"
#include "cd-test-util.h"

static char *
fixture_path (const char *name)
{
  const char *root = g_getenv ("MESON_SOURCE_ROOT");

  g_assert_nonnull (root);
  return g_build_filename (root, "tests", "data", "registers", name, NULL);
}

static gint64
query_int (sqlite3 *db, const char *sql)
{
  sqlite3_stmt *st = NULL;
  gint64 v = -1;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &st, NULL), ==, SQLITE_OK);
  if (sqlite3_step (st) == SQLITE_ROW)
    v = sqlite3_column_int64 (st, 0);
  sqlite3_finalize (st);
  return v;
}

/* Every row of @table, the columns of the old file only, as one text per
 * row ("col=value|…", NULL as "∅", blobs as their length). */
static GPtrArray *
dump_table (sqlite3 *db, const char *table, GStrv columns)
{
  g_autoptr(GString) sql = g_string_new ("SELECT ");
  GPtrArray *rows = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *st = NULL;

  for (guint i = 0; columns[i] != NULL; i++)
    g_string_append_printf (sql, "%s\"%s\"", i ? ", " : "", columns[i]);
  g_string_append_printf (sql, " FROM \"%s\" ORDER BY rowid", table);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql->str, -1, &st, NULL), ==, SQLITE_OK);
  while (sqlite3_step (st) == SQLITE_ROW)
    {
      GString *row = g_string_new (NULL);
      for (int c = 0; c < sqlite3_column_count (st); c++)
        {
          g_string_append_printf (row, "%s=", columns[c]);
          switch (sqlite3_column_type (st, c))
            {
            case SQLITE_NULL:
              g_string_append (row, "∅");
              break;
            case SQLITE_BLOB:
              g_string_append_printf (row, "blob:%d", sqlite3_column_bytes (st, c));
              break;
            default:
              g_string_append (row, (const char *) sqlite3_column_text (st, c));
            }
          g_string_append_c (row, '|');
        }
      g_ptr_array_add (rows, g_string_free (row, FALSE));
    }
  sqlite3_finalize (st);
  return rows;
}

static GStrv
table_columns (sqlite3 *db, const char *table)
{
  g_autoptr(GStrvBuilder) b = g_strv_builder_new ();
  g_autofree char *sql = g_strdup_printf ("PRAGMA table_info (\"%s\")", table);
  sqlite3_stmt *st = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &st, NULL), ==, SQLITE_OK);
  while (sqlite3_step (st) == SQLITE_ROW)
    g_strv_builder_add (b, (const char *) sqlite3_column_text (st, 1));
  sqlite3_finalize (st);
  return g_strv_builder_end (b);
}

static void
test_from_schema_2 (void)
{
  g_autofree char *orig = fixture_path ("schema2.db");
  g_autofree char *tmp = cd_test_tmpdir ();
  g_autofree char *path = g_build_filename (tmp, "certdesk.db", NULL);
  g_autofree char *backup = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(CdStore) store = NULL;
  g_autoptr(CdUnit) unit = NULL;
  g_autoptr(CdStaff) an = NULL;
  g_autoptr(CdCertificate) cert = NULL;
  g_autoptr(CdDevice) dev = NULL;
  g_autoptr(GPtrArray) certs = NULL;
  g_autoptr(GPtrArray) devices = NULL;
  g_autoptr(GError) error = NULL;
  static const struct { const char *table; int rows; } tables[] = {
    { "unit", 1 }, { "staff", 4 }, { "certificates", 4 }, { "devices", 6 },
    { "handover_events", 18 }, { "documents", 1 }, { "request_batches", 1 },
    { "batch_items", 2 }, { "tasks", 4 }, { "holidays", -1 }, { "audit_log", -1 },
  };
  sqlite3 *old_db = NULL, *new_db = NULL;
  gsize len = 0;

  g_assert_true (g_file_get_contents (orig, &contents, &len, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (path, contents, (gssize) len, &error));
  g_assert_no_error (error);

  store = cd_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  g_assert_false (cd_store_is_read_only (store));

  /* a dated backup of the old file, still at version 2 */
  backup = cd_store_find_newest_backup (path);
  g_assert_nonnull (backup);
  g_assert_true (strstr (backup, "certdesk.backup-") != NULL);

  g_assert_cmpint (sqlite3_open_v2 (orig, &old_db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_open_v2 (path, &new_db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (query_int (old_db, "PRAGMA user_version"), ==, 2);
  g_assert_cmpint (query_int (new_db, "PRAGMA user_version"), ==, CD_STORE_SCHEMA_VERSION);
  {
    sqlite3 *bak = NULL;
    g_assert_cmpint (sqlite3_open_v2 (backup, &bak, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
    g_assert_cmpint (query_int (bak, "PRAGMA user_version"), ==, 2);
    g_assert_cmpint (query_int (bak, "SELECT count(*) FROM staff"), ==, 4);
    sqlite3_close (bak);
  }

  /* every row of every old table, every old column, the same values */
  for (guint t = 0; t < G_N_ELEMENTS (tables); t++)
    {
      g_auto(GStrv) columns = table_columns (old_db, tables[t].table);
      g_autoptr(GPtrArray) before = dump_table (old_db, tables[t].table, columns);
      g_autoptr(GPtrArray) after = dump_table (new_db, tables[t].table, columns);

      g_test_message ("%s: %u rows", tables[t].table, before->len);
      if (tables[t].rows >= 0)
        g_assert_cmpint (before->len, ==, tables[t].rows);
      /* the migration adds its own audit entry, nothing else */
      if (g_str_equal (tables[t].table, "audit_log"))
        g_assert_cmpint (after->len, ==, before->len + 1);
      else
        g_assert_cmpint (after->len, ==, before->len);
      for (guint i = 0; i < before->len; i++)
        g_assert_cmpstr (g_ptr_array_index (after, i), ==, g_ptr_array_index (before, i));
    }
  /* schema 4 fills what each certificate is for and who issued it: the
   * fixture's rows have no DER and name only their provider. */
  g_assert_cmpint (query_int (new_db, "SELECT count(*) FROM certificates"
                                      " WHERE track = 'government' AND purpose = 'signing'"), ==, 4);
  /* schema 10: a handover's day may be unknown (NULL), the table rebuilt
   * with its indexes; its rows compared above, ids included */
  g_assert_cmpint (query_int (old_db, "SELECT \"notnull\" FROM pragma_table_info ('handover_events')"
                                      " WHERE name = 'date'"), ==, 1);
  g_assert_cmpint (query_int (new_db, "SELECT \"notnull\" FROM pragma_table_info ('handover_events')"
                                      " WHERE name = 'date'"), ==, 0);
  g_assert_cmpint (query_int (new_db, "SELECT count(*) FROM sqlite_master WHERE type = 'index'"
                                      " AND tbl_name = 'handover_events'"
                                      " AND name IN ('handover_device', 'handover_staff')"), ==, 2);
  g_assert_cmpint (query_int (new_db, "SELECT count(*) FROM sqlite_master"
                                      " WHERE name = 'handover_events_new'"), ==, 0);
  g_assert_cmpint (query_int (new_db, "SELECT count(*) FROM pragma_foreign_key_check ('handover_events')"), ==, 0);
  sqlite3_close (old_db);
  sqlite3_close (new_db);

  /* and through the store, as the application reads them */
  unit = cd_store_get_unit (store);
  g_assert_cmpstr (unit->name, ==, "TRƯỜNG THCS LÊ LỢI");
  g_assert_cmpstr (unit->parent_name, ==, "UBND HUYỆN AN LÃO");
  g_assert_cmpstr (unit->place, ==, "Hải Phòng");
  g_assert_cmpstr (unit->head_name, ==, "Phạm Thị Hiệu");
  g_assert_cmpstr (unit->phone, ==, "02253123456");
  g_assert_cmpstr (unit->email, ==, "c2leloi@haiphong.edu.vn");

  g_assert_cmpuint (cd_store_count_staff (store), ==, 4);
  an = cd_store_get_staff (store, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (an->full_name, ==, "Nguyễn Văn An");
  g_assert_cmpstr (an->cccd, ==, "031085000001");
  g_assert_cmpstr (an->position, ==, "Giáo viên");

  certs = cd_store_list_certificates (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (certs->len, ==, 4);
  for (guint i = 0; i < certs->len; i++)
    {
      CdCertificate *c = g_ptr_array_index (certs, i);
      g_autoptr(CdStaff) holder = cd_store_get_staff (store, c->staff_id, &error);
      g_assert_no_error (error);
      /* each certificate still belongs to the person it names */
      g_assert_cmpstr (holder->full_name, ==, c->subject_cn);
      g_assert_cmpint (c->track, ==, CD_CERT_TRACK_GOVERNMENT);
      g_assert_cmpint (c->purpose, ==, CD_CERT_PURPOSE_SIGNING);
      /* schema 5: a linked certificate is a person's */
      g_assert_cmpint (c->holder_kind, ==, CD_CERT_HOLDER_PERSON);
      g_assert_cmpint (c->service_id, ==, 0);
    }
  cert = cd_store_get_certificate (store, 2, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cert->serial, ==, "5403A1B2C3D4E5F60702");
  g_assert_cmpint (cert->staff_id, ==, 2);

  devices = cd_store_list_devices (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (devices->len, ==, 6);
  dev = cd_store_find_device_by_serial (store, "B4ID2026000006");
  g_assert_nonnull (dev);
  g_assert_cmpint (dev->holder_id, ==, 1);
  g_assert_cmpstr (dev->status, ==, "with_holder");
  g_assert_cmpstr (dev->type, ==, "TOKEN");
  g_assert_null (dev->carrier);
  g_assert_false (dev->ported);

  /* a token its holder already had, registered now: no handover day */
  {
    g_autoptr(CdDevice) held = cd_device_new ();
    g_autoptr(GPtrArray) history = NULL;

    held->token_serial = g_strdup ("B4ID2019000099");
    g_assert_true (cd_devices_add (store, held, 1, NULL, &error));
    g_assert_no_error (error);
    history = cd_devices_history (store, held->id, 0, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (history->len, ==, 2);
    g_assert_null (((CdHandoverEvent *) history->pdata[1])->date);
  }

  g_clear_object (&store);
  cd_test_rm_rf (tmp);
}

/* The names of @db's indexes on staff, sorted, joined by spaces. */
static char *
staff_indexes (sqlite3 *db)
{
  g_autoptr(GString) names = g_string_new (NULL);
  sqlite3_stmt *st = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT name FROM sqlite_master WHERE type = 'index'"
                                           " AND tbl_name = 'staff' AND sql IS NOT NULL ORDER BY name",
                                       -1, &st, NULL), ==, SQLITE_OK);
  while (sqlite3_step (st) == SQLITE_ROW)
    g_string_append_printf (names, "%s%s", names->len ? " " : "", (const char *) sqlite3_column_text (st, 0));
  sqlite3_finalize (st);
  return g_string_free (g_steal_pointer (&names), FALSE);
}

/* EXPLAIN QUERY PLAN of @sql, its lines joined by " / ". */
static char *
query_plan (sqlite3 *db, const char *sql)
{
  g_autofree char *explain = g_strconcat ("EXPLAIN QUERY PLAN ", sql, NULL);
  g_autoptr(GString) plan = g_string_new (NULL);
  sqlite3_stmt *st = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, explain, -1, &st, NULL), ==, SQLITE_OK);
  while (sqlite3_step (st) == SQLITE_ROW)
    g_string_append_printf (plan, "%s%s", plan->len ? " / " : "", (const char *) sqlite3_column_text (st, 3));
  sqlite3_finalize (st);
  return g_string_free (g_steal_pointer (&plan), FALSE);
}

static CdStaff *
person (const char *name, const char *cccd, const char *email, const char *phone)
{
  CdStaff *s = cd_staff_new ();

  s->full_name = g_strdup (name);
  s->birth_date = g_strdup ("1985-03-02");
  s->cccd = g_strdup (cccd);
  s->email = g_strdup (email);
  s->phone = g_strdup (phone);
  return s;
}

/* Schema 8 → 9 (issue 19): staff_email dropped, the other staff indexes
 * kept and used; search_key of the rows written before kept as it was
 * (name, CCCD, e-mail, phone) and still found by every search, beside
 * the rows written after (the name alone). */
static void
test_from_schema_8 (void)
{
  g_autofree char *tmp = cd_test_tmpdir ();
  g_autofree char *path = g_build_filename (tmp, "certdesk.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_auto(GStrv) columns = NULL;
  g_autofree char *indexes = NULL;
  g_autofree char *plan = NULL;
  sqlite3 *db = NULL;

  {
    /* a register as schema 8 left it */
    g_autoptr(CdStore) store = cd_store_open (path, &error);
    g_autoptr(CdStaff) an = person ("Nguyễn Văn An", "031085000001", "an.nv@haiphong.edu.vn", "0912345678");
    g_autoptr(CdStaff) binh = person ("Trần Thị Bình", "031185000002", "binh.tt@haiphong.edu.vn", NULL);

    g_assert_no_error (error);
    g_assert_true (cd_store_save_staff (store, an, &error));
    g_assert_true (cd_store_save_staff (store, binh, &error));
    g_assert_no_error (error);
  }
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE INDEX staff_email ON staff (email);"
                                     " UPDATE staff SET search_key = search_key || ' ' || coalesce (cccd, '')"
                                     "   || ' ' || coalesce (email, '') || ' ' || coalesce (phone, '');"
                                     " PRAGMA user_version = 8;", NULL, NULL, NULL), ==, SQLITE_OK);
  columns = table_columns (db, "staff");
  before = dump_table (db, "staff", columns);
  g_assert_cmpint (before->len, ==, 2);
  sqlite3_close (db);

  {
    g_autoptr(CdStore) store = cd_store_open (path, &error);
    g_autoptr(CdStaff) by_email = NULL;
    g_autoptr(CdStaff) by_name = NULL;
    g_autoptr(CdStaff) cuong = person ("Lê Văn Cường", "031085000003", "cuong.lv@haiphong.edu.vn", "0987654321");
    g_autoptr(CdStaff) cuong_found = NULL;
    g_autoptr(GPtrArray) rows = NULL;
    g_autoptr(GArray) hits = NULL;
    g_autofree char *backup = NULL;

    g_assert_no_error (error);
    g_assert_nonnull (store);
    backup = cd_store_find_newest_backup (path);
    g_assert_nonnull (backup);

    /* every row, every column, the same values */
    g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
    g_assert_cmpint (query_int (db, "PRAGMA user_version"), ==, CD_STORE_SCHEMA_VERSION);
    g_assert_cmpint (CD_STORE_SCHEMA_VERSION, >=, 9);
    after = dump_table (db, "staff", columns);
    g_assert_cmpint (after->len, ==, before->len);
    for (guint i = 0; i < before->len; i++)
      g_assert_cmpstr (g_ptr_array_index (after, i), ==, g_ptr_array_index (before, i));
    indexes = staff_indexes (db);
    g_assert_cmpstr (indexes, ==, "staff_cccd staff_email_nocase staff_name_key staff_sort");
    /* each look-up of a person still through an index */
    plan = query_plan (db, "SELECT id FROM staff WHERE lower (email) = 'x' AND email <> '' ORDER BY left, id");
    g_assert_nonnull (strstr (plan, "INDEX staff_email_nocase"));
    g_clear_pointer (&plan, g_free);
    plan = query_plan (db, "SELECT full_name FROM staff WHERE lower(email) = lower('x')"
                           " AND email <> '' AND id <> 0 LIMIT 1");
    g_assert_nonnull (strstr (plan, "INDEX staff_email_nocase"));
    g_clear_pointer (&plan, g_free);
    plan = query_plan (db, "SELECT id FROM staff WHERE cccd = 'x'");
    g_assert_nonnull (strstr (plan, "INDEX staff_cccd"));
    g_clear_pointer (&plan, g_free);
    plan = query_plan (db, "SELECT id FROM staff WHERE name_key = 'x'");
    g_assert_nonnull (strstr (plan, "INDEX staff_name_key"));
    g_clear_pointer (&plan, g_free);
    plan = query_plan (db, "SELECT id FROM staff WHERE (sort_key, id) > ('', 0) ORDER BY sort_key, id LIMIT 10");
    g_assert_nonnull (strstr (plan, "staff_sort"));
    g_assert_null (strstr (plan, "TEMP B-TREE"));
    sqlite3_close (db);

    /* a row written now keeps the name alone in search_key */
    cd_store_save_staff (store, cuong, &error);
    g_assert_no_error (error);
    g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
    g_assert_cmpint (query_int (db, "SELECT count(*) FROM staff WHERE search_key = 'le van cuong'"), ==, 1);
    sqlite3_close (db);

    /* found by e-mail in any case, by the plain name, by words of any of
     * the fields: old rows and new alike */
    by_email = cd_store_find_staff_by_email (store, "AN.NV@HaiPhong.edu.vn");
    g_assert_nonnull (by_email);
    g_assert_cmpstr (by_email->full_name, ==, "Nguyễn Văn An");
    by_name = cd_store_find_staff_by_plain_name (store, "Tran Thi Binh", NULL);
    g_assert_nonnull (by_name);
    g_assert_cmpstr (by_name->cccd, ==, "031185000002");
    cuong_found = cd_store_find_staff_by_plain_name (store, "le van cuong", NULL);
    g_assert_nonnull (cuong_found);
    hits = cd_store_search_staff (store, "0912345678", &error);
    g_assert_no_error (error);
    g_assert_cmpuint (hits->len, ==, 1);
    g_clear_pointer (&hits, g_array_unref);
    hits = cd_store_search_staff (store, "0987654321 cuong", &error);
    g_assert_cmpuint (hits->len, ==, 1);
    g_clear_pointer (&hits, g_array_unref);
    hits = cd_store_search_staff (store, "van haiphong", &error);
    g_assert_cmpuint (hits->len, ==, 2);

    /* the list's rows: the whole search key, whichever way it was kept */
    rows = cd_store_list_staff_rows (store, 0, 30, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (rows->len, ==, 3);
    for (guint i = 0; i < rows->len; i++)
      {
        CdStaffRow *r = g_ptr_array_index (rows, i);

        g_assert_nonnull (strstr (r->search_key, r->email));
        g_assert_nonnull (strstr (r->search_key, r->cccd));
        if (g_str_equal (r->full_name, "Lê Văn Cường"))
          g_assert_cmpstr (r->search_key, ==, "le van cuong 031085000003 cuong.lv@haiphong.edu.vn 0987654321");
      }
  }
  cd_test_rm_rf (tmp);
}

int
main (int argc, char *argv[])
{
  setlocale (LC_ALL, "");
  cd_test_init (&argc, &argv);
  g_test_add_func ("/core/store/migrate/from-schema-2", test_from_schema_2);
  g_test_add_func ("/core/store/migrate/from-schema-8", test_from_schema_8);
  return g_test_run ();
}
