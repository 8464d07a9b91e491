/* test-page-renderer.c — pagination of the PDF pages (register,
 * handover, minutes): the signatures never stand alone on a last page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <pango/pangocairo.h>

#include "cd-fileutil.h"
#include "cd-page-renderer.h"
#include "cd-test-util.h"
#include "docs-people.h"

/* The pages of @pdf as text, read by pdftotext (an independent reader). */
static char **
pdf_pages (const char *pdf)
{
  const char *argv[] = { "pdftotext", "-enc", "UTF-8", pdf, "-", NULL };
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                               NULL, NULL, &out, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_cmpint (status, ==, 0);
  return g_strsplit (out, "\f", -1);
}

/* A Mẫu 08 shaped document: the parties, a list of @n devices, the
 * closing text, both sides' signatures and the witness's. */
static CdPageRenderer *
minutes_like (const CdDocContext *ctx,
              guint               n,
              GPtrArray          *rows)
{
  CdPageRenderer *r = cd_page_renderer_new (CD_PAGE_CUSTOM, ctx);
  static const char *heads[] = { "STT", "Số thiết bị (loại, kiểu)", "Thuê bao",
                                 "Số hiệu chứng thư số", "Hiệu lực đến" };
  static const double widths[] = { 7, 25, 22, 32, 14 };
  const char *left[3] = { "BÊN GIAO", "(Ký, ghi rõ họ tên)", "Trần Văn Nam" };
  const char *right[3] = { "BÊN NHẬN", "(Ký, ghi rõ họ tên, đóng dấu)", "Phạm Văn Bình" };
  const char *witness[3] = { "NGƯỜI CHỨNG KIẾN", "(Ký, ghi rõ họ tên)", "Lê Thị Hoa" };

  for (guint i = 0; i < n; i++)
    {
      char **row = g_new0 (char *, 6);
      row[0] = g_strdup_printf ("%u", i + 1);
      row[1] = g_strdup_printf ("DEV%05u\n(TOKEN, ePass2003)", i + 1);
      row[2] = g_strdup ("Nguyễn Thị Hoa");
      row[3] = g_strdup_printf ("5403%016u", i + 1);
      row[4] = g_strdup ("31/12/2027");
      g_ptr_array_add (rows, row);
    }
  cd_page_renderer_add_frame (r);
  cd_page_renderer_add_text (r, "BIÊN BẢN", 14, TRUE, FALSE, CD_PAGE_ALIGN_CENTER, 12);
  cd_page_renderer_add_text (r, "Giao nhận thiết bị lưu khóa bí mật", 14, TRUE, FALSE, CD_PAGE_ALIGN_CENTER, 0);
  cd_page_renderer_add_text (r, "Hôm nay, tại Trường THCS Lê Lợi, chúng tôi gồm:", 14, FALSE, FALSE, CD_PAGE_ALIGN_BODY, 12);
  cd_page_renderer_add_text (r, "Bên giao: Trường THCS Lê Lợi", 14, TRUE, FALSE, CD_PAGE_ALIGN_BODY, 6);
  cd_page_renderer_add_text (r, "Bên nhận: Ban Cơ yếu Chính phủ", 14, TRUE, FALSE, CD_PAGE_ALIGN_BODY, 6);
  cd_page_renderer_add_table (r, G_N_ELEMENTS (heads), widths, heads, rows, 11);
  cd_page_renderer_add_text (r, "Tổng số thiết bị như trên.", 14, FALSE, FALSE, CD_PAGE_ALIGN_BODY, 6);
  cd_page_renderer_add_text (r, "Bên nhận đã kiểm tra, tiếp nhận đủ số thiết bị nêu trên.", 14, FALSE, FALSE, CD_PAGE_ALIGN_BODY, 6);
  cd_page_renderer_add_text (r, "Biên bản được lập thành 02 bản, mỗi bên giữ 01 bản, có giá trị pháp lý như nhau.",
                             14, FALSE, FALSE, CD_PAGE_ALIGN_BODY, 6);
  cd_page_renderer_add_signatures (r, left, right, 12);
  cd_page_renderer_add_signatures (r, witness, NULL, 12);
  return r;
}

static void
test_signatures_keep_rows (void)
{
  g_autoptr(CdDocContext) ctx = docs_people_context (1);
  g_autofree char *tmp = cd_test_tmpdir ();
  g_autofree char *pdf = g_build_filename (tmp, "bb.pdf", NULL);
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");

  if (pdftotext == NULL)
    {
      g_test_skip ("pdftotext is not installed");
      return;
    }
  for (guint n = 1; n <= 45; n++)
    {
      g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
      CdPageRenderer *r = minutes_like (ctx, n, rows);
      g_autoptr(GError) error = NULL;
      g_auto(GStrv) pages = NULL;
      g_autofree char *last_row = g_strdup_printf ("DEV%05u", n);
      int last = 0;

      g_assert_true (cd_page_renderer_export_pdf (r, pdf, TRUE, &error));
      g_assert_no_error (error);
      cd_page_renderer_free (r);
      pages = pdf_pages (pdf);
      for (int i = 0; pages[i] != NULL; i++)
        if (*g_strstrip (pages[i]) != '\0')
          last = i;
      /* the last page holds the end of the list as well as every
       * signature, the witness's included */
      g_assert_nonnull (strstr (pages[last], "NGƯỜI CHỨNG KIẾN"));
      g_assert_nonnull (strstr (pages[last], "BÊN GIAO"));
      if (strstr (pages[last], last_row) == NULL)
        g_error ("%u devices: the last page has no row of the list:\n%s", n, pages[last]);
    }
  cd_test_rm_rf (tmp);
}

/* Issue 15: a serial or an e-mail address wrapped in a narrow cell came
 * out with a hyphen inside it ("54A1-" / "00…"), which reads as part of
 * the number. Wrapped, it is the same characters on two lines. */
static void
test_no_hyphens_in_wrapped_cells (void)
{
  g_autoptr(CdDocContext) ctx = docs_people_context (1);
  g_autofree char *tmp = cd_test_tmpdir ();
  g_autofree char *pdf = g_build_filename (tmp, "reg.pdf", NULL);
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  static const char *heads[] = { "STT", "Số hiệu", "Email công vụ" };
  static const double widths[] = { 8, 14, 9 };
  CdPageRenderer *r;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) pages = NULL;
  g_autofree char *joined = NULL;
  char **row = g_new0 (char *, 4);

  if (pdftotext == NULL)
    {
      g_test_skip ("pdftotext is not installed");
      return;
    }
  row[0] = g_strdup ("1");
  /* too long for the page: the other column's room does not fit them */
  row[1] = g_strdup ("54A1000000000000000000000000000301000000000000000000000000000000000000000000000302");
  row[2] = g_strdup ("nguyenthihonghanhthcsleloinguyenthihonghanhthcsleloinguyenthihonghanh@haiphongedu.vn");
  g_ptr_array_add (rows, row);
  r = cd_page_renderer_new (CD_PAGE_CUSTOM, ctx);
  cd_page_renderer_add_table (r, G_N_ELEMENTS (heads), widths, heads, rows, 11);
  g_assert_true (cd_page_renderer_export_pdf (r, pdf, TRUE, &error));
  g_assert_no_error (error);
  cd_page_renderer_free (r);
  pages = pdf_pages (pdf);
  joined = g_strjoinv ("", pages);
  /* The cells did wrap (each piece shorter than the whole)… */
  g_assert_null (strstr (joined, "54A1000000000000000000000000000301000000000000000000000000000000000000000000000302"));
  /* …and no hyphen was added: the only "-" would be Pango's. */
  if (strchr (joined, '-') != NULL)
    g_error ("a hyphen in:\n%s", joined);
  cd_test_rm_rf (tmp);
}

/* A serial, a device number or an e-mail address that fits the page is
 * not broken across two lines of its cell: its column takes room from
 * the columns wider than their own words. The minutes' 24-digit serial
 * broke as "…EE33FF" / "44" in a column sized by proportion alone. */
static void
test_numbers_fit_their_column (void)
{
  g_autoptr(CdDocContext) ctx = docs_people_context (1);
  g_autofree char *tmp = cd_test_tmpdir ();
  g_autofree char *pdf = g_build_filename (tmp, "bb.pdf", NULL);
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  static const char *heads[] = { "STT", "Số thiết bị (loại, kiểu)", "Thuê bao",
                                 "Số hiệu chứng thư số", "Hiệu lực đến" };
  static const double widths[] = { 7, 25, 22, 32, 14 };
  static const char *serials[] = { "5401BB00CC11DD22EE33FF44", "540102A1B2C3D4E5F60718293A4B5C" };
  CdPageRenderer *r;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) pages = NULL;
  g_autofree char *joined = NULL;

  if (pdftotext == NULL)
    {
      g_test_skip ("pdftotext is not installed");
      return;
    }
  for (guint i = 0; i < G_N_ELEMENTS (serials); i++)
    {
      char **row = g_new0 (char *, 6);

      row[0] = g_strdup_printf ("%u", i + 1);
      row[1] = g_strdup ("TK0055500011\n(TOKEN)");
      row[2] = g_strdup ("Lê Thị Ánh Nguyệt");
      row[3] = g_strdup (serials[i]);
      row[4] = g_strdup ("01/01/2030");
      g_ptr_array_add (rows, row);
    }
  r = cd_page_renderer_new (CD_PAGE_CUSTOM, ctx);
  cd_page_renderer_add_table (r, G_N_ELEMENTS (heads), widths, heads, rows, 11);
  g_assert_true (cd_page_renderer_export_pdf (r, pdf, TRUE, &error));
  g_assert_no_error (error);
  cd_page_renderer_free (r);
  pages = pdf_pages (pdf);
  joined = g_strjoinv ("", pages);
  for (guint i = 0; i < G_N_ELEMENTS (serials); i++)
    if (strstr (joined, serials[i]) == NULL)
      g_error ("“%s” broken across lines:\n%s", serials[i], joined);
  g_assert_nonnull (strstr (joined, "TK0055500011"));
  /* the name keeps a line of its own words, not one word a line */
  g_assert_nonnull (strstr (joined, "Lê Thị"));
  cd_test_rm_rf (tmp);
}

/* Lays text out until told to stop: Pango and GLib locks taken from
 * another thread while the main one draws. */
static gpointer
busy_layouts (gpointer data)
{
  gint *stop = data;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 64, 64);
  cairo_t *cr = cairo_create (surface);

  while (!g_atomic_int_get (stop))
    {
      PangoLayout *layout = pango_cairo_create_layout (cr);

      pango_layout_set_text (layout, "Nguyễn Thị Hoa — 5403000000000001", -1);
      pango_layout_get_pixel_size (layout, NULL, NULL);
      g_object_unref (layout);
    }
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  return NULL;
}

/* A full disk (here: a 4 KiB file size limit) while a PDF of many pages
 * is written says so, every time. The errno was read once the pages
 * after the failed write were drawn, by then now and then EAGAIN left by
 * a contended GLib lock: "Cannot save … (error 11)" (seen in cli-crash's
 * test_full_disk under load). */
static void
test_pdf_full (void)
{
  g_autoptr(CdDocContext) ctx = docs_people_context (1);
  g_autofree char *tmp = cd_test_tmpdir ();
  g_autofree char *pdf = g_build_filename (tmp, "bb.pdf", NULL);
  struct rlimit old, small = { 4096, 4096 };
  void (*old_handler) (int);
  gint stop = 0;
  GThread *busy[2];

  old_handler = signal (SIGXFSZ, SIG_IGN);
  g_assert_cmpint (getrlimit (RLIMIT_FSIZE, &old), ==, 0);
  small.rlim_max = old.rlim_max;
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &small), ==, 0);
  for (guint t = 0; t < G_N_ELEMENTS (busy); t++)
    busy[t] = g_thread_new ("busy", busy_layouts, &stop);
  for (guint i = 0; i < 12; i++)
    {
      g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
      CdPageRenderer *r = minutes_like (ctx, 150, rows);
      g_autoptr(GError) error = NULL;
      g_autoptr(GDir) dir = NULL;

      g_assert_false (cd_page_renderer_export_pdf (r, pdf, TRUE, &error));
      cd_page_renderer_free (r);
      g_assert_error (error, CD_FILE_ERROR, CD_FILE_ERROR_NO_SPACE);
      g_assert_nonnull (strstr (error->message, pdf));
      /* nothing left behind, hidden or not */
      dir = g_dir_open (tmp, 0, NULL);
      g_assert_null (g_dir_read_name (dir));
    }
  g_atomic_int_set (&stop, 1);
  for (guint t = 0; t < G_N_ELEMENTS (busy); t++)
    g_thread_join (busy[t]);
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &old), ==, 0);
  signal (SIGXFSZ, old_handler);
  cd_test_rm_rf (tmp);
}

int
main (int argc, char *argv[])
{
  cd_test_init (&argc, &argv);
  g_test_add_func ("/core/docs/pages/signatures-keep-rows", test_signatures_keep_rows);
  g_test_add_func ("/core/docs/pages/no-hyphens-in-wrapped-cells", test_no_hyphens_in_wrapped_cells);
  g_test_add_func ("/core/docs/pages/numbers-fit-their-column", test_numbers_fit_their_column);
  g_test_add_func ("/core/docs/pages/pdf-full", test_pdf_full);
  return g_test_run ();
}
