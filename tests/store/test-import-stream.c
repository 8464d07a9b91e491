/* test-import-stream.c — a large staff import does not keep every row:
 * past CD_STAFF_IMPORT_KEEP_ROWS the rows to write wait in a temporary
 * file, the problems listed are bounded, and the commit writes the same
 * register as if every row had been kept.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <sqlite3.h>
#include <glib/gi18n.h>

#include "cd-staff-import.h"
#include "cd-store.h"
#include "cd-test-fixture.h"
#include "cd-test-util.h"

static const char *const official[] = { "*.gov.vn", "*.edu.vn", NULL };

#define N_PEOPLE 2600

typedef struct {
  char      *tmp;
  CdStore   *store;
  GPtrArray *people;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  f->tmp = cd_test_tmpdir ();
  path = g_build_filename (f->tmp, "certdesk.db", NULL);
  f->store = cd_store_open (path, &error);
  g_assert_no_error (error);
  f->people = cd_test_people (N_PEOPLE, 0);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_clear_pointer (&f->people, g_ptr_array_unref);
  g_clear_object (&f->store);
  cd_test_rm_rf (f->tmp);
  g_free (f->tmp);
}

static const CdStaff *
person (Fixture *f, guint i)
{
  return ((CdDemoPerson *) g_ptr_array_index (f->people, i))->staff;
}

static CdImportRow *
find_row (CdStaffImport *imp, guint row)
{
  for (guint i = 0; i < imp->rows->len; i++)
    {
      CdImportRow *r = g_ptr_array_index (imp->rows, i);
      if (r->row == row)
        return r;
    }
  return NULL;
}

/* The list of every person but the first, a row with a digit in the
 * name (refused) and one with a personal e-mail (warned) past the rows
 * kept whole, then the first person, already in the register, with a
 * new position: an update past them too. Row n + 1 is person n. */
static char *
write_list (Fixture *f)
{
  g_autoptr(GString) csv = g_string_new ("Họ và tên;Ngày sinh;Số CCCD;Email;Chức vụ\n");
  char *path = g_build_filename (f->tmp, "ds.csv", NULL);

  for (guint i = 1; i < N_PEOPLE; i++)
    {
      const CdStaff *s = person (f, i);

      if (i == 2000)
        g_string_append (csv, "Lê Văn 7;;;;\n");
      g_string_append_printf (csv, "%s;%.2s/%.2s/%.4s;%s;%s;Giáo viên\n", s->full_name,
                              s->birth_date + 8, s->birth_date + 5, s->birth_date, s->cccd,
                              i == 2100 ? "ca.nhan@gmail.com" : s->email);
    }
  {
    const CdStaff *s = person (f, 0);
    g_string_append_printf (csv, "%s;%.2s/%.2s/%.4s;%s;%s;Hiệu trưởng\n", s->full_name,
                            s->birth_date + 8, s->birth_date + 5, s->birth_date, s->cccd, s->email);
  }
  g_assert_true (g_file_set_contents (path, csv->str, (gssize) csv->len, NULL));
  return path;
}

static void
seed_first (Fixture *f)
{
  const CdStaff *p = person (f, 0);
  g_autoptr(CdStaff) s = cd_test_staff_new (p->full_name, p->birth_date, p->cccd, p->email);

  s->position = g_strdup ("Giáo viên");
  cd_test_save_staff (f->store, s);
}

static void
test_past_kept_rows (Fixture *f, gconstpointer data)
{
  g_autofree char *path = write_list (f);
  g_autoptr(CdStaffImport) imp = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CdStaff) updated = NULL;
  g_autoptr(CdStaff) last = NULL;
  g_autoptr(CdStaff) warned = NULL;
  g_autofree char *summary = NULL;
  CdImportRow *r;
  sqlite3_stmt *st = NULL;

  seed_first (f);
  imp = cd_staff_import_prepare (f->store, path, official, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (imp->n_added, ==, N_PEOPLE - 1);
  g_assert_cmpuint (imp->n_updated, ==, 1);
  g_assert_cmpuint (imp->n_rejected, ==, 1);
  g_assert_cmpuint (imp->n_unlisted, ==, 0);
  /* the rows kept whole, and the two with something to say */
  g_assert_cmpuint (imp->rows->len, ==, CD_STAFF_IMPORT_KEEP_ROWS + 2);
  r = find_row (imp, 2);
  g_assert_nonnull (r);
  g_assert_cmpstr (r->staff->full_name, ==, person (f, 1)->full_name);
  g_assert_null (find_row (imp, 1500));
  r = find_row (imp, 2001);
  g_assert_nonnull (r);
  g_assert_cmpint (r->action, ==, CD_IMPORT_REJECT);
  g_assert_cmpstr (r->name, ==, "Lê Văn 7");
  r = find_row (imp, 2102);
  g_assert_nonnull (r);
  g_assert_cmpint (r->action, ==, CD_IMPORT_ADD);
  g_assert_null (r->staff);
  g_assert_cmpstr (r->name, ==, person (f, 2100)->full_name);
  g_assert_cmpuint (r->warnings->len, ==, 1);
  summary = cd_staff_import_summary (imp);
  g_assert_nonnull (strstr (summary, "ca.nhan@gmail.com"));
  g_assert_nonnull (strstr (summary, "2001"));

  /* nothing written by the preview */
  g_assert_cmpuint (cd_store_count_staff (f->store), ==, 1);
  g_assert_true (cd_staff_import_commit (imp, f->store, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (cd_store_count_staff (f->store), ==, N_PEOPLE);
  updated = cd_store_find_staff_by_cccd (f->store, person (f, 0)->cccd);
  g_assert_nonnull (updated);
  g_assert_cmpint (updated->id, ==, 1);
  g_assert_cmpstr (updated->position, ==, "Hiệu trưởng");
  warned = cd_store_find_staff_by_cccd (f->store, person (f, 2100)->cccd);
  g_assert_nonnull (warned);
  g_assert_cmpstr (warned->email, ==, "ca.nhan@gmail.com");
  last = cd_store_find_staff_by_cccd (f->store, person (f, N_PEOPLE - 1)->cccd);
  g_assert_nonnull (last);
  g_assert_cmpstr (last->full_name, ==, person (f, N_PEOPLE - 1)->full_name);
  g_assert_cmpstr (last->birth_date, ==, person (f, N_PEOPLE - 1)->birth_date);
  g_assert_cmpstr (last->email, ==, person (f, N_PEOPLE - 1)->email);
  /* written in the order of the file: person n got id n + 1 */
  g_assert_cmpint (last->id, ==, N_PEOPLE);
  /* the one audit entry names the new ids; the update has its own */
  g_assert_cmpint (sqlite3_prepare_v2 (cd_store_get_db (f->store),
                                       "SELECT count(*) FROM audit_log WHERE action = 'import'"
                                       " AND new_value LIKE '%\"first_id\":2,\"last_id\":2600}'",
                                       -1, &st, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (st), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (st, 0), ==, 1);
  sqlite3_finalize (st);
}

/* A row past the kept ones is checked again under the write lock like
 * the others: its CCCD given to someone else since the preview stops
 * the import, nothing written, and the preview can be committed again
 * once that is undone. */
static void
test_spilled_row_changed (Fixture *f, gconstpointer data)
{
  g_autofree char *path = write_list (f);
  g_autoptr(CdStaffImport) imp = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CdStaff) other = cd_test_staff_new ("Trịnh Văn Khác", NULL, person (f, 2500)->cccd, NULL);

  seed_first (f);
  imp = cd_staff_import_prepare (f->store, path, official, &error);
  g_assert_no_error (error);
  cd_test_save_staff (f->store, other);
  g_assert_false (cd_staff_import_commit (imp, f->store, &error));
  g_assert_error (error, CD_STAFF_IMPORT_ERROR, CD_STAFF_IMPORT_ERROR_CHANGED);
  g_assert_nonnull (strstr (error->message, person (f, 2500)->cccd));
  g_assert_nonnull (strstr (error->message, "Trịnh Văn Khác"));
  g_assert_cmpuint (cd_store_count_staff (f->store), ==, 2);
  g_clear_error (&error);

  g_assert_true (cd_store_delete_staff (f->store, other->id, &error));
  g_assert_no_error (error);
  g_assert_true (cd_staff_import_commit (imp, f->store, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (cd_store_count_staff (f->store), ==, N_PEOPLE);
}

/* The register emptied between the preview and the commit: a commit into
 * an empty register skips the checks of the rows it adds, but the update
 * waiting in the spill still finds its record gone, and nothing is
 * written. */
static void
test_spilled_update_emptied (Fixture *f, gconstpointer data)
{
  g_autofree char *path = write_list (f);
  g_autoptr(CdStaffImport) imp = NULL;
  g_autoptr(GError) error = NULL;

  seed_first (f);
  imp = cd_staff_import_prepare (f->store, path, official, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (imp->n_updated, ==, 1);
  g_assert_true (cd_store_delete_staff (f->store, 1, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (cd_store_count_staff (f->store), ==, 0);
  g_assert_false (cd_staff_import_commit (imp, f->store, &error));
  g_assert_error (error, CD_STAFF_IMPORT_ERROR, CD_STAFF_IMPORT_ERROR_CHANGED);
  g_assert_nonnull (strstr (error->message, person (f, 0)->full_name));
  g_assert_cmpuint (cd_store_count_staff (f->store), ==, 0);
}

/* Previewed against an empty register, which someone then writes to:
 * the commit finds it not empty under the write lock and checks the
 * spilled rows as ever. */
static void
test_spilled_row_changed_from_empty (Fixture *f, gconstpointer data)
{
  g_autofree char *path = write_list (f);
  g_autoptr(CdStaffImport) imp = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CdStaff) other = cd_test_staff_new ("Trịnh Văn Khác", NULL, person (f, 2500)->cccd, NULL);

  imp = cd_staff_import_prepare (f->store, path, official, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (imp->n_updated, ==, 0);
  cd_test_save_staff (f->store, other);
  g_assert_false (cd_staff_import_commit (imp, f->store, &error));
  g_assert_error (error, CD_STAFF_IMPORT_ERROR, CD_STAFF_IMPORT_ERROR_CHANGED);
  g_assert_nonnull (strstr (error->message, "Trịnh Văn Khác"));
  g_assert_cmpuint (cd_store_count_staff (f->store), ==, 1);
}

/* More problems than CD_STAFF_IMPORT_MAX_LISTED: the first are listed,
 * the others counted, and the summary says how many it leaves out. */
static void
test_problems_bounded (Fixture *f, gconstpointer data)
{
  const guint extra = 5;
  g_autoptr(GString) csv = g_string_new ("Họ và tên;Chức vụ\n");
  g_autofree char *path = g_build_filename (f->tmp, "bad.csv", NULL);
  g_autofree char *more = NULL;
  g_autofree char *summary = NULL;
  g_autoptr(CdStaffImport) imp = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < CD_STAFF_IMPORT_MAX_LISTED + extra; i++)
    g_string_append_printf (csv, "Người %u;Giáo viên\n", i + 1);
  g_string_append (csv, "Lê Văn Tám;Giáo viên\n");
  g_assert_true (g_file_set_contents (path, csv->str, (gssize) csv->len, NULL));
  imp = cd_staff_import_prepare (f->store, path, official, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (imp->n_rejected, ==, CD_STAFF_IMPORT_MAX_LISTED + extra);
  g_assert_cmpuint (imp->n_unlisted, ==, extra);
  g_assert_cmpuint (imp->n_added, ==, 1);
  g_assert_cmpuint (imp->rows->len, ==, CD_STAFF_IMPORT_MAX_LISTED + 1);
  summary = cd_staff_import_summary (imp);
  more = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u more row rejected or to check is not listed.",
                                       "%u more rows rejected or to check are not listed.", extra), extra);
  g_assert_nonnull (strstr (summary, more));
  g_assert_true (cd_staff_import_commit (imp, f->store, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (cd_store_count_staff (f->store), ==, 1);
}

int
main (int argc, char *argv[])
{
  cd_test_init (&argc, &argv);

#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("/core/store/import/stream/past-kept-rows", test_past_kept_rows);
  ADD ("/core/store/import/stream/spilled-row-changed", test_spilled_row_changed);
  ADD ("/core/store/import/stream/spilled-update-emptied", test_spilled_update_emptied);
  ADD ("/core/store/import/stream/spilled-row-changed-from-empty", test_spilled_row_changed_from_empty);
  ADD ("/core/store/import/stream/problems-bounded", test_problems_bounded);
#undef ADD

  return g_test_run ();
}
