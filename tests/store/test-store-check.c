/* test-store-check.c — what a headless action pays for: the integrity
 * check only before a write and once a day (cd_store_open_check_daily),
 * and only the rows of the people it names
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <sqlite3.h>

#include "cd-store.h"
#include "cd-test-fixture.h"
#include "cd-test-util.h"

static int
checks_recorded (CdStore *store)
{
  sqlite3_stmt *st = NULL;
  int n = -1;

  g_assert_cmpint (sqlite3_prepare_v2 (cd_store_get_db (store),
                                       "SELECT count(*) FROM audit_log WHERE action = 'check'"
                                       " AND entity = 'register'", -1, &st, NULL), ==, SQLITE_OK);
  if (sqlite3_step (st) == SQLITE_ROW)
    n = sqlite3_column_int (st, 0);
  sqlite3_finalize (st);
  return n;
}

static void
test_daily_check (void)
{
  g_autoptr(CdTestRegister) reg = cd_test_register_new (20, CD_TEST_REGISTER_STAFF);
  g_autofree char *path = g_strdup (reg->path);
  g_autoptr(GError) error = NULL;
  g_autoptr(CdStore) store = NULL;
  g_autoptr(GPtrArray) staff = NULL;

  g_clear_object (&reg->store);

  /* A read-only action: never checked, nothing recorded. */
  store = cd_store_open_check_daily (path, &error);
  g_assert_no_error (error);
  g_assert_true (cd_store_get_check_pending (store));
  staff = cd_store_list_staff (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (staff->len, ==, 20);
  g_assert_cmpuint (cd_store_count_staff (store), ==, 20);
  g_assert_true (cd_store_get_check_pending (store));
  g_assert_cmpint (checks_recorded (store), ==, 0);
  g_clear_object (&store);

  /* A writing action: checked before its write, and recorded. */
  store = cd_store_open_check_daily (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (cd_test_add_staff (store, "Lê Văn Tám", "1990-01-02", NULL, NULL), >, 0);
  g_assert_false (cd_store_get_check_pending (store));
  g_assert_false (cd_store_is_read_only (store));
  g_assert_cmpint (checks_recorded (store), ==, 1);
  g_clear_object (&store);

  /* The day's next writing action skips it. */
  store = cd_store_open_check_daily (path, &error);
  g_assert_no_error (error);
  g_assert_true (cd_store_get_check_pending (store));
  g_assert_cmpint (cd_test_add_staff (store, "Lê Văn Chín", "1990-01-03", NULL, NULL), >, 0);
  g_assert_false (cd_store_get_check_pending (store));
  g_assert_cmpint (checks_recorded (store), ==, 1);

  /* Yesterday's check does not count. */
  g_assert_cmpint (sqlite3_exec (cd_store_get_db (store),
                                 "UPDATE audit_log SET at = '2000-01-01T08:00:00' WHERE action = 'check'",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  g_clear_object (&store);
  store = cd_store_open_check_daily (path, &error);
  g_assert_no_error (error);
  g_assert_false (cd_store_is_read_only (store));
  g_assert_false (cd_store_get_check_pending (store));
  g_assert_cmpint (checks_recorded (store), ==, 2);
  g_clear_object (&store);

  /* The other ways of opening never record one. */
  store = cd_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (cd_test_add_staff (store, "Lê Văn Mười", "1990-01-04", NULL, NULL), >, 0);
  g_assert_cmpint (checks_recorded (store), ==, 2);
}

/* A damaged register opened for a writing action is still found out
 * before the write, when no sound check was recorded today. */
static void
test_daily_check_damaged (void)
{
  g_autoptr(CdTestRegister) reg = cd_test_register_new (2000, CD_TEST_REGISTER_STAFF);
  g_autofree char *path = g_strdup (reg->path);
  g_autoptr(GError) error = NULL;
  g_autoptr(CdStore) store = NULL;
  g_autoptr(CdStaff) s = cd_test_staff_new ("Lê Văn Tám", "1990-01-02", NULL, NULL);

  g_clear_object (&reg->store);
  cd_test_damage_pages (path, TRUE);
  store = cd_store_open_check_daily (path, &error);
  g_assert_no_error (error);
  g_assert_true (cd_store_get_check_pending (store));
  g_assert_false (cd_store_save_staff (store, s, &error));
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_DAMAGED);
  g_assert_true (cd_store_is_read_only (store));
  g_assert_cmpint (checks_recorded (store), ==, 0);
}

static void
test_rows_by_id (void)
{
  g_autoptr(CdTestRegister) reg = cd_test_register_new (30, CD_TEST_REGISTER_ALL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = cd_store_list_staff_rows (reg->store, reg->now, 60, &error);
  g_autoptr(GPtrArray) some = NULL;
  g_autoptr(GPtrArray) devices = NULL;
  g_autoptr(GPtrArray) all_devices = NULL;
  gint64 ids[4];
  guint found = 0, expected_devices = 0;

  g_assert_no_error (error);
  ids[0] = g_array_index (reg->staff, gint64, 3);
  ids[1] = g_array_index (reg->staff, gint64, 17);
  ids[2] = 999999;   /* no one */
  ids[3] = g_array_index (reg->staff, gint64, 0);
  some = cd_store_list_staff_rows_by_id (reg->store, ids, G_N_ELEMENTS (ids), reg->now, 60, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (some->len, ==, 3);

  /* The same rows as the whole list's, in the same (name) order. */
  for (guint i = 0; i < all->len; i++)
    {
      const CdStaffRow *a = g_ptr_array_index (all, i);
      const CdStaffRow *b;

      if (a->staff_id != ids[0] && a->staff_id != ids[1] && a->staff_id != ids[3])
        continue;
      b = g_ptr_array_index (some, found++);
      g_assert_cmpint (a->staff_id, ==, b->staff_id);
      g_assert_cmpstr (a->full_name, ==, b->full_name);
      g_assert_cmpstr (a->search_key, ==, b->search_key);
      g_assert_cmpint (a->cert_id, ==, b->cert_id);
      g_assert_cmpint (a->status, ==, b->status);
      g_assert_cmpint (a->n_other_certificates, ==, b->n_other_certificates);
    }
  g_assert_cmpuint (found, ==, 3);

  devices = cd_store_list_devices_of_staff (reg->store, ids, G_N_ELEMENTS (ids), &error);
  g_assert_no_error (error);
  all_devices = cd_store_list_devices (reg->store, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < all_devices->len; i++)
    {
      const CdDevice *d = g_ptr_array_index (all_devices, i);
      if (d->holder_id == ids[0] || d->holder_id == ids[1] || d->holder_id == ids[3])
        expected_devices++;
    }
  g_assert_cmpuint (devices->len, >=, expected_devices);
  g_assert_cmpuint (devices->len, <, all_devices->len);
  for (guint i = 0; i < devices->len; i++)
    g_assert_cmpint (((CdDevice *) g_ptr_array_index (devices, i))->id, !=, 0);
}

int
main (int argc, char *argv[])
{
  cd_test_init (&argc, &argv);
  g_test_add_func ("/core/store/check/daily", test_daily_check);
  g_test_add_func ("/core/store/check/daily-damaged", test_daily_check_damaged);
  g_test_add_func ("/core/store/check/rows-by-id", test_rows_by_id);
  return g_test_run ();
}
