/* test-import-async.c — a previewed staff list written on a worker
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cd-staff-import-async.h"
#include "cd-test-fixture.h"
#include "cd-test-util.h"

typedef struct {
  CdTestRegister *reg;
  const char   *tmp;     /* the register's folder */
  CdStore      *store;   /* the register's */
  GAsyncResult *result;
  guint         changed;
} Fixture;

static void
changed_cb (CdStore *store, const char *what, gpointer user_data)
{
  Fixture *f = user_data;

  f->changed++;
}

static void
setup (Fixture *f, gconstpointer data)
{
  f->reg = cd_test_register_new (0, CD_TEST_REGISTER_STAFF);
  f->tmp = f->reg->dir;
  f->store = f->reg->store;
  g_signal_connect (f->store, "changed::staff", G_CALLBACK (changed_cb), f);
}

static void
teardown (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->result);
  g_clear_pointer (&f->reg, cd_test_register_free);
}

static void
done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Fixture *f = user_data;

  f->result = g_object_ref (result);
}

static CdStaffImport *
prepare (Fixture *f, const char *csv)
{
  g_autofree char *path = g_build_filename (f->tmp, "ds.csv", NULL);
  g_autoptr(GError) error = NULL;
  CdStaffImport *imp;

  g_assert_true (g_file_set_contents (path, csv, -1, NULL));
  imp = cd_staff_import_prepare (f->store, path, NULL, &error);
  g_assert_no_error (error);
  return imp;
}

static void
test_commit (Fixture *f, gconstpointer data)
{
  g_autoptr(CdStaffImport) imp = prepare (f,
    "Họ và tên;Ngày sinh;Số CCCD\n"
    "Nguyễn Văn An;05/01/1980;031080001234\n"
    "Lê Thị Bình;12/03/1985;031185001235\n"
    "Lê Văn Sai;01/01/1990;12AB\n");
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (imp->n_added, ==, 2);
  g_assert_cmpuint (imp->n_rejected, ==, 1);
  cd_staff_import_commit_async (f->store, imp, NULL, done_cb, f);
  while (f->result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (cd_staff_import_commit_finish (f->store, f->result, &error));
  g_assert_no_error (error);
  /* Written through the worker's connection, seen through the caller's,
   * and the caller's listeners told once. */
  g_assert_cmpuint (cd_store_count_staff (f->store), ==, 2);
  g_assert_cmpuint (f->changed, ==, 1);
}

static void
test_commit_nothing (Fixture *f, gconstpointer data)
{
  g_autoptr(CdStaffImport) imp = prepare (f, "Họ và tên;Ngày sinh;Số CCCD\nLê Văn Sai;01/01/1990;12AB\n");
  g_autoptr(GError) error = NULL;

  cd_staff_import_commit_async (f->store, imp, NULL, done_cb, f);
  while (f->result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (cd_staff_import_commit_finish (f->store, f->result, &error));
  g_assert_cmpuint (cd_store_count_staff (f->store), ==, 0);
}

static void
test_commit_cancelled (Fixture *f, gconstpointer data)
{
  g_autoptr(CdStaffImport) imp = prepare (f, "Họ và tên;Ngày sinh\nNguyễn Văn An;05/01/1980\n");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;

  g_cancellable_cancel (cancellable);
  cd_staff_import_commit_async (f->store, imp, cancellable, done_cb, f);
  while (f->result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (cd_staff_import_commit_finish (f->store, f->result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (cd_store_count_staff (f->store), ==, 0);
  g_assert_cmpuint (f->changed, ==, 0);
}

int
main (int argc, char **argv)
{
  cd_test_init (&argc, &argv);
  g_test_add ("/core/store/import-async/commit", Fixture, NULL, setup, test_commit, teardown);
  g_test_add ("/core/store/import-async/nothing", Fixture, NULL, setup, test_commit_nothing, teardown);
  g_test_add ("/core/store/import-async/cancelled", Fixture, NULL, setup, test_commit_cancelled, teardown);
  return g_test_run ();
}
