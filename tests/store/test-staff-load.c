/* test-staff-load.c — the staff list read on a worker for the window's
 * first frame, and the register's deferred integrity check after it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cd-store-staff-load.h"
#include "cd-test-fixture.h"
#include "cd-test-util.h"

typedef struct {
  GPtrArray *rows;
  GError    *error;
  gboolean   done;
  guint      checked;
} Load;

static void
load_done (GObject      *source,
           GAsyncResult *result,
           gpointer      data)
{
  Load *l = data;

  l->rows = cd_store_load_staff_rows_finish (CD_STORE (source), result, &l->error);
  l->done = TRUE;
}

static void
checked_cb (CdStore *store,
            Load    *l)
{
  l->checked++;
}

static char *
register_of (guint n)
{
  g_autofree char *tmp = cd_test_tmpdir ();
  char *path = g_build_filename (tmp, "certdesk.db", NULL);
  g_autoptr(CdStore) store = cd_store_open (path, NULL);
  g_autoptr(GError) error = NULL;

  /* The fixture's people: enough pages to damage. */
  g_assert_true (cd_test_register_fill (store, n, CD_TEST_REGISTER_STAFF,
                                        g_get_real_time () / G_USEC_PER_SEC, NULL, &error));
  g_assert_no_error (error);
  return path;
}

/* The window's first read: the rows come while the register's integrity
 * check runs on another thread; its answer reaches the store. */
static void
test_rows_load_checks (gconstpointer data)
{
  gboolean damaged = GPOINTER_TO_INT (data);
  g_autofree char *path = register_of (2000);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(CdStore) store = NULL;
  g_autoptr(GError) error = NULL;
  Load l = { 0 };

  if (damaged)
    cd_test_damage_pages (path, TRUE);
  store = cd_store_open_check_later (path, &error);
  g_assert_no_error (error);
  g_assert_true (cd_store_get_check_pending (store));
  g_signal_connect (store, "checked", G_CALLBACK (checked_cb), &l);
  cd_store_load_staff_rows_async (store, 60, NULL, load_done, &l);
  while (!l.done || l.checked == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (l.checked, ==, 1);
  g_assert_false (cd_store_get_check_pending (store));
  if (!damaged)
    {
      g_assert_no_error (l.error);
      g_assert_cmpuint (l.rows->len, ==, 2000);
      g_assert_false (cd_store_is_read_only (store));
    }
  else
    g_assert_true (cd_store_is_read_only (store));
  g_clear_pointer (&l.rows, g_ptr_array_unref);
  g_clear_error (&l.error);
  g_clear_object (&store);
  cd_test_rm_rf (dir);
}

int
main (int argc, char *argv[])
{
  cd_test_init (&argc, &argv);

  g_test_add_data_func ("/core/store/staff-load/check/sound", GINT_TO_POINTER (FALSE), test_rows_load_checks);
  g_test_add_data_func ("/core/store/staff-load/check/damaged", GINT_TO_POINTER (TRUE), test_rows_load_checks);

  return g_test_run ();
}
