/* test-cert-import.c — several certificate files at once, each reported
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cd-cert-import.h"
#include "cd-test-fixture.h"
#include "cd-test-util.h"

static char *certs_dir;

typedef struct {
  CdTestRegister *reg;
  const char     *dir;     /* the register's */
  CdStore        *store;   /* the register's */
  gint64          nhung;
} Fixture;

static void
setup (Fixture *f, gconstpointer data)
{
  f->reg = cd_test_register_new (0, CD_TEST_REGISTER_STAFF);
  f->dir = f->reg->dir;
  f->store = f->reg->store;
  f->nhung = cd_test_add_staff (f->store, "Nguyễn Thị Hồng Nhung", NULL, NULL,
                                "nhungnth@haiphong.edu.vn");
}

static void
teardown (Fixture *f, gconstpointer data)
{
  g_clear_pointer (&f->reg, cd_test_register_free);
}

static void
done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static void
count_changed (CdStore *store, const char *what, gpointer user_data)
{
  (*(guint *) user_data)++;
}

/* A linked certificate, an unlinked one and a file that is no
 * certificate: the two good files are stored, the bad one named. */
static void
test_files (Fixture *f, gconstpointer data)
{
  g_autofree char *gov = g_build_filename (certs_dir, "gov.der", NULL);
  g_autofree char *expiring = g_build_filename (certs_dir, "expiring.der", NULL);
  g_autofree char *junk = g_build_filename (f->dir, "ghi-chu.cer", NULL);
  const char *paths[] = { gov, junk, expiring, NULL };
  g_autoptr(CdCertImportReport) report = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *problems = NULL;
  const CdCertFileOutcome *fo;
  guint changed = 0;

  g_assert_true (g_file_set_contents (junk, "không phải chứng thư", -1, NULL));
  g_signal_connect (f->store, "changed::certificate", G_CALLBACK (count_changed), &changed);
  cd_cert_import_files_async (f->store, paths, NULL, done_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  report = cd_cert_import_files_finish (f->store, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (changed, ==, 1);

  g_assert_cmpuint (report->files->len, ==, 3);
  g_assert_cmpuint (report->n_read, ==, 2);
  g_assert_cmpuint (report->n_linked, ==, 1);
  g_assert_cmpuint (report->n_known, ==, 0);
  fo = g_ptr_array_index (report->files, 0);
  g_assert_cmpstr (fo->path, ==, gov);
  g_assert_cmpint (((CdLinkOutcome *) g_ptr_array_index (fo->outcomes, 0))->staff_id, ==, f->nhung);
  fo = g_ptr_array_index (report->files, 1);
  g_assert_null (fo->outcomes);
  g_assert_nonnull (fo->error);

  problems = cd_cert_import_report_problems (report);
  g_assert_true (g_str_has_prefix (problems, "ghi-chu.cer: "));
  g_assert_true (g_str_has_suffix (problems, "\n"));
  {
    g_auto(GStrv) lines = g_strsplit (problems, "\n", -1);
    g_assert_cmpuint (g_strv_length (lines), ==, 3);   /* two lines and the empty tail */
  }
  {
    g_autoptr(GPtrArray) all = cd_store_list_certificates (f->store, &error);

    g_assert_cmpuint (all->len, ==, 2);
  }

  /* The same file again: kept as linked. */
  {
    const char *again[] = { gov, NULL };
    g_autoptr(CdCertImportReport) r2 = cd_cert_import_files (f->store, again, NULL, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (r2->n_known, ==, 1);
    g_assert_null (cd_cert_import_report_problems (r2));
  }
}

static void
test_cancelled (Fixture *f, gconstpointer data)
{
  g_autofree char *gov = g_build_filename (certs_dir, "gov.der", NULL);
  const char *paths[] = { gov, NULL };
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;

  g_cancellable_cancel (cancellable);
  g_assert_null (cd_cert_import_files (f->store, paths, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

int
main (int argc, char **argv)
{
  int status;

  cd_test_init (&argc, &argv);
  certs_dir = g_strdup (cd_test_certs_dir ());

  g_test_add ("/core/tokens/cert-import/files", Fixture, NULL, setup, test_files, teardown);
  g_test_add ("/core/tokens/cert-import/cancelled", Fixture, NULL, setup, test_cancelled, teardown);
  status = g_test_run ();
  g_free (certs_dir);
  return status;
}
