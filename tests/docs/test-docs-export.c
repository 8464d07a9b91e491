/* test-docs-export.c — the register (.xlsx, PDF) and the Cục's sheet
 * written on a worker: the file is there, private, and lists whom it
 * should
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/stat.h>

#include "cd-docs-export.h"
#include "cd-xlsx-export.h"
#include "cd-sheet.h"
#include "cd-test-fixture.h"
#include "cd-test-util.h"

#define N_STAFF 12

typedef struct {
  CdTestRegister *reg;
  GStrv           names;
  GAsyncResult   *result;
} Fixture;

static void
setup (Fixture *f, gconstpointer data)
{
  f->reg = cd_test_register_new (N_STAFF, CD_TEST_REGISTER_ALL);
  f->names = cd_test_names (N_STAFF);
}

static void
teardown (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->result);
  g_clear_pointer (&f->names, g_strfreev);
  g_clear_pointer (&f->reg, cd_test_register_free);
}

static void
done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Fixture *f = user_data;

  f->result = g_object_ref (result);
}

/* Runs one export to completion; returns the people listed or -1 with
 * @error set. */
static int
run (Fixture          *f,
     CdDocsExportKind  kind,
     const gint64     *ids,
     guint             n_ids,
     const char       *target,
     GError          **error)
{
  guint n = 0;

  g_clear_object (&f->result);
  cd_docs_export_async (f->reg->store, kind, ids, n_ids, 30, target, NULL, done_cb, f);
  while (f->result == NULL)
    g_main_context_iteration (NULL, TRUE);
  if (!cd_docs_export_finish (f->reg->store, f->result, &n, error))
    return -1;
  return (int) n;
}

static void
assert_private (const char *path)
{
  struct stat st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
}

static gint64
documents (Fixture *f, const char *kind)
{
  sqlite3_stmt *st = NULL;
  gint64 n = -1;

  g_assert_cmpint (sqlite3_prepare_v2 (cd_store_get_db (f->reg->store),
                                       "SELECT count(*) FROM documents WHERE kind = ?", -1, &st, NULL),
                   ==, SQLITE_OK);
  sqlite3_bind_text (st, 1, kind, -1, SQLITE_STATIC);
  if (sqlite3_step (st) == SQLITE_ROW)
    n = sqlite3_column_int64 (st, 0);
  sqlite3_finalize (st);
  return n;
}

/* How many cells of the first sheet of @path hold exactly @text. */
static guint
cells_with (const char *path,
            const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdSheet) sheet = cd_sheet_read (path, &error);
  guint n = 0;

  g_assert_no_error (error);
  for (guint r = 0; r < sheet->rows->len; r++)
    {
      CdSheetRow *row = g_ptr_array_index (sheet->rows, r);
      for (guint c = 0; c < row->cells->len; c++)
        {
          const char *t = cd_sheet_row_text (row, c);
          g_autofree char *nfc = t ? g_utf8_normalize (t, -1, G_NORMALIZE_NFC) : NULL;
          if (g_strcmp0 (nfc, text) == 0)
            n++;
        }
    }
  return n;
}

static void
test_register_xlsx (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *all = g_build_filename (f->reg->dir, "So_theo_doi.xlsx", NULL);
  g_autofree char *two = g_build_filename (f->reg->dir, "So_theo_doi_2.xlsx", NULL);
  gint64 ids[2];

  g_assert_cmpint (run (f, CD_DOCS_EXPORT_REGISTER_XLSX, NULL, 0, all, &error), ==, N_STAFF);
  g_assert_no_error (error);
  assert_private (all);
  for (guint i = 0; i < N_STAFF; i++)
    {
      g_autofree char *name = g_strdup_printf ("%s", f->names[i]);
      g_assert_cmpuint (cells_with (all, name), >=, 1);
    }
  g_assert_cmpint (documents (f, "register"), ==, 1);

  /* The chosen ones only, in that order. */
  ids[0] = g_array_index (f->reg->staff, gint64, 3);
  ids[1] = g_array_index (f->reg->staff, gint64, 0);
  g_assert_cmpint (run (f, CD_DOCS_EXPORT_REGISTER_XLSX, ids, 2, two, &error), ==, 2);
  g_assert_no_error (error);
  assert_private (two);
  g_assert_cmpuint (cells_with (two, f->names[3]), >=, 1);
  g_assert_cmpuint (cells_with (two, f->names[0]), >=, 1);
  if (g_strcmp0 (f->names[5], f->names[0]) != 0 && g_strcmp0 (f->names[5], f->names[3]) != 0)
    g_assert_cmpuint (cells_with (two, f->names[5]), ==, 0);
}

static void
test_register_pdf (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *pdf = g_build_filename (f->reg->dir, "So_theo_doi.pdf", NULL);
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");
  g_autofree char *head = NULL;
  gsize len = 0;

  g_assert_cmpint (run (f, CD_DOCS_EXPORT_REGISTER_PDF, NULL, 0, pdf, &error), ==, N_STAFF);
  g_assert_no_error (error);
  assert_private (pdf);
  g_assert_true (g_file_get_contents (pdf, &head, &len, NULL));
  g_assert_cmpuint (len, >, 1000);
  g_assert_true (g_str_has_prefix (head, "%PDF-"));
  g_assert_cmpint (documents (f, "register-pdf"), ==, 1);
  if (pdftotext != NULL)
    {
      const char *argv[] = { pdftotext, "-enc", "UTF-8", pdf, "-", NULL };
      g_autofree char *out = NULL;
      int status = -1;

      g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                                   &out, NULL, &status, NULL));
      g_assert_nonnull (strstr (out, "SỔ THEO DÕI CHỨNG THƯ SỐ"));
    }
}

static void
test_bulk_sheet (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *xlsx = g_build_filename (f->reg->dir, "Bang_dang_ky_Cuc.xlsx", NULL);
  g_autofree char *none = g_build_filename (f->reg->dir, "none.xlsx", NULL);
  const char * const *headers = cd_xlsx_bulk_headers ();
  gint64 id = g_array_index (f->reg->staff, gint64, 1);
  int n;

  /* Chosen: exactly that person, under the Cục's 19 headers. */
  g_assert_cmpint (run (f, CD_DOCS_EXPORT_BULK_SHEET, &id, 1, xlsx, &error), ==, 1);
  g_assert_no_error (error);
  assert_private (xlsx);
  g_assert_cmpuint (cells_with (xlsx, headers[0]), ==, 1);
  g_assert_cmpuint (cells_with (xlsx, f->names[1]), ==, 1);
  g_assert_cmpint (documents (f, "bulk-sheet"), ==, 1);

  /* Not chosen: those without a certificate; when there are none, an
   * error and no file. */
  n = run (f, CD_DOCS_EXPORT_BULK_SHEET, NULL, 0, none, &error);
  if (n < 0)
    {
      g_assert_error (error, CD_DOCS_ERROR, CD_DOCS_ERROR_FAILED);
      g_assert_false (g_file_test (none, G_FILE_TEST_EXISTS));
    }
  else
    assert_private (none);
}

/* A person of the Cục's sheet with every required cell filled. */
static CdStaff *
whole_staff (gint64      id,
             const char *name)
{
  CdStaff *s = cd_staff_new ();

  s->id = id;
  s->full_name = g_strdup (name);
  s->birth_date = g_strdup ("1985-03-12");
  s->cccd = g_strdup ("031185001234");
  s->cccd_place = g_strdup ("Cục Cảnh sát quản lý hành chính về trật tự xã hội");
  s->cccd_date = g_strdup ("2021-04-20");
  s->email = g_strdup ("a@haiphong.edu.vn");
  s->position = g_strdup ("Giáo viên");
  s->phone = g_strdup ("0912345678");
  return s;
}

static void
test_bulk_check (void)
{
  g_autoptr(CdUnit) unit = cd_unit_new ();
  g_autoptr(CdDocContext) ctx = NULL;
  g_autoptr(GPtrArray) gaps = NULL;
  g_autofree char *line = NULL;
  CdStaff *s;
  CdDocPerson *p;
  const CdXlsxBulkGap *gap;

  unit->org_level[0] = g_strdup ("UBND thành phố Hải Phòng");
  unit->province = g_strdup ("Hải Phòng");
  ctx = cd_doc_context_new (unit);
  cd_doc_context_add (ctx, cd_doc_person_new (whole_staff (11, "Nguyễn Thị Hương"), NULL));
  /* no CCCD nor its date; blanks count as empty */
  s = whole_staff (12, "Trần Văn Nam");
  g_clear_pointer (&s->cccd, g_free);
  g_free (s->cccd_date);
  s->cccd_date = g_strdup ("  ");
  cd_doc_context_add (ctx, cd_doc_person_new (s, NULL));
  /* a SIM without its carrier */
  p = cd_doc_person_new (whole_staff (13, "Lê Thị Mai"), NULL);
  p->device = cd_device_new ();
  p->device->type = g_strdup ("SIM");
  cd_doc_context_add (ctx, p);

  gaps = cd_xlsx_bulk_check (ctx);
  g_assert_cmpuint (gaps->len, ==, 2);
  gap = g_ptr_array_index (gaps, 0);
  /* Excel's row: the header is row 1, the second person row 3 */
  g_assert_cmpuint (gap->row, ==, 3);
  g_assert_cmpint (gap->staff_id, ==, 12);
  g_assert_cmpstr (gap->name, ==, "Trần Văn Nam");
  g_assert_cmpuint (g_strv_length (gap->missing), ==, 2);
  g_assert_cmpstr (gap->missing[0], ==, "Số CCCD");
  g_assert_cmpstr (gap->missing[1], ==, "Ngày cấp");
  line = cd_xlsx_bulk_gap_line (gap);
  g_assert_true (strstr (line, "3") != NULL && strstr (line, "Trần Văn Nam") != NULL
                 && strstr (line, "Số CCCD, Ngày cấp") != NULL);
  gap = g_ptr_array_index (gaps, 1);
  g_assert_cmpint (gap->staff_id, ==, 13);
  g_assert_cmpuint (g_strv_length (gap->missing), ==, 1);
  g_assert_cmpstr (gap->missing[0], ==, "Nhà mạng");

  /* the unit's levels and province are cells of every row too */
  g_clear_pointer (&ctx->unit->province, g_free);
  g_clear_pointer (&gaps, g_ptr_array_unref);
  gaps = cd_xlsx_bulk_check (ctx);
  g_assert_cmpuint (gaps->len, ==, 3);
  gap = g_ptr_array_index (gaps, 0);
  g_assert_cmpuint (gap->row, ==, 2);
  g_assert_cmpstr (gap->missing[0], ==, "Tỉnh/Thành phố");
}

/* The window's check: on a worker, the same people the export lists. */
static void
test_bulk_check_async (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) gaps = NULL;
  gint64 ids[2] = { g_array_index (f->reg->staff, gint64, 1), g_array_index (f->reg->staff, gint64, 2) };

  g_autofree char *sql = g_strdup_printf ("UPDATE staff SET cccd = NULL, cccd_date = NULL WHERE id = %"
                                          G_GINT64_FORMAT, ids[1]);
  const CdXlsxBulkGap *gap;

  /* the fixture's people are whole; the second loses their CCCD */
  g_assert_cmpint (sqlite3_exec (cd_store_get_db (f->reg->store), sql, NULL, NULL, NULL), ==, SQLITE_OK);
  cd_docs_bulk_check_async (f->reg->store, ids, 2, 30, NULL, done_cb, f);
  while (f->result == NULL)
    g_main_context_iteration (NULL, TRUE);
  gaps = cd_docs_bulk_check_finish (f->reg->store, f->result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (gaps);
  g_assert_cmpuint (gaps->len, ==, 1);
  gap = g_ptr_array_index (gaps, 0);
  g_assert_cmpint (gap->staff_id, ==, ids[1]);
  g_assert_cmpuint (gap->row, ==, 3);
  g_assert_cmpstr (gap->name, ==, f->names[2]);
  g_assert_cmpstr (gap->missing[0], ==, "Số CCCD");
  g_assert_cmpstr (gap->missing[1], ==, "Ngày cấp");
}

static void
test_file_name (void)
{
  g_autofree char *a = cd_docs_export_file_name (CD_DOCS_EXPORT_REGISTER_XLSX, 0, "2026-12-05");
  g_autofree char *b = cd_docs_export_file_name (CD_DOCS_EXPORT_REGISTER_PDF, 3, "2026-12-05");
  g_autofree char *c = cd_docs_export_file_name (CD_DOCS_EXPORT_BULK_SHEET, 0, "2026-12-05");
  g_autofree char *d = cd_docs_export_file_name (CD_DOCS_EXPORT_BULK_SHEET, 0, NULL);

  g_assert_cmpstr (a, ==, "So_theo_doi_chung_thu_so_2026-12-05.xlsx");
  g_assert_cmpstr (b, ==, "So_theo_doi_chung_thu_so_3_nguoi_2026-12-05.pdf");
  g_assert_cmpstr (c, ==, "Bang_dang_ky_Cuc_2026-12-05.xlsx");
  g_assert_true (g_str_has_prefix (d, "Bang_dang_ky_Cuc_20"));
}

int
main (int argc, char **argv)
{
  cd_test_init (&argc, &argv);
  g_test_add_func ("/core/docs/export/file-name", test_file_name);
  g_test_add_func ("/core/docs/export/bulk-check", test_bulk_check);
  g_test_add ("/core/docs/export/bulk-check-async", Fixture, NULL, setup, test_bulk_check_async, teardown);
  g_test_add ("/core/docs/export/register-xlsx", Fixture, NULL, setup, test_register_xlsx, teardown);
  g_test_add ("/core/docs/export/register-pdf", Fixture, NULL, setup, test_register_pdf, teardown);
  g_test_add ("/core/docs/export/bulk-sheet", Fixture, NULL, setup, test_bulk_sheet, teardown);
  return g_test_run ();
}
