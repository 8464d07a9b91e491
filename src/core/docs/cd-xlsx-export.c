/* cd-xlsx-export.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <xlsxwriter.h>

#include "cd-fileutil.h"
#include "cd-text.h"
#include "cd-xlsx-export.h"
#include "cd-xlsx-util.h"

static const char * const bulk_headers[] = {
  "STT", "Họ tên", "Ngày sinh (dd/MM/yyyy)", "CCCD", "Nơi cấp",
  "Ngày cấp (dd/MM/yyyy)", "Địa chỉ thư điện tử công vụ", "Tổ chức cấp 1",
  "Tổ chức cấp 2", "Tổ chức cấp 3", "Tổ chức cấp 4", "Tỉnh thành phố",
  "Tỉnh/Thành phố", "Chức vụ", "Điện thoại", "Serial CTS cũ", "Nhà mạng",
  "Là chuyển số", "Loại thiết bị", NULL
};

const char * const *
cd_xlsx_bulk_headers (void)
{
  return bulk_headers;
}

typedef struct {
  char          *temp;
  lxw_workbook  *wb;
  lxw_worksheet *ws;
} Book;

static gboolean
book_open (Book        *book,
           const char  *target,
           gboolean     overwrite,
           const char  *sheet,
           GError     **error)
{
  /* libxlsxwriter's own scratch files ("tmp.XXXXXXXXXX", removed by
   * it as it goes) in the system's temporary folder, not the clerk's:
   * a writer killed between their creation and removal would leave
   * them there (issue 20, D7). */
  lxw_workbook_options opts = { .constant_memory = LXW_TRUE,
                                .tmpdir = NULL,
                                .use_zip64 = LXW_FALSE };

  if (!overwrite && g_file_test (target, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, CD_FILE_ERROR, CD_FILE_ERROR_EXISTS,
                   _("The file “%s” already exists. Choose another name, or allow replacing it (--force)."),
                   target);
      return FALSE;
    }
  book->temp = cd_atomic_temp_path (target, error);
  if (book->temp == NULL)
    return FALSE;
  book->wb = workbook_new_opt (book->temp, &opts);
  if (book->wb == NULL)
    {
      cd_atomic_abort (book->temp);
      g_clear_pointer (&book->temp, g_free);
      g_set_error (error, CD_FILE_ERROR, CD_FILE_ERROR_FAILED,
                   _("Could not create the Excel file “%s”. Check that the folder is writable."),
                   target);
      return FALSE;
    }
  book->ws = workbook_add_worksheet (book->wb, sheet);
  return TRUE;
}

static gboolean
book_close (Book        *book,
            const char  *target,
            gboolean     overwrite,
            GError     **error)
{
  gboolean ok;

  /* libxlsxwriter's stderr lines and English kept from the clerk. */
  ok = cd_xlsx_close (book->wb, book->temp, target, error);
  book->wb = NULL;
  if (!ok)
    {
      cd_atomic_abort (book->temp);
      g_clear_pointer (&book->temp, g_free);
      return FALSE;
    }
  ok = cd_atomic_commit (book->temp, target, overwrite, error);
  if (!ok)
    cd_atomic_abort (book->temp);
  g_clear_pointer (&book->temp, g_free);
  return ok;
}

static lxw_format *
text_format (lxw_workbook *wb,
             gboolean      bold,
             lxw_color_t   bg)
{
  lxw_format *f = workbook_add_format (wb);

  format_set_num_format (f, "@");   /* text: never a number */
  format_set_font_name (f, "Times New Roman");
  format_set_font_size (f, 12);
  format_set_border (f, LXW_BORDER_THIN);
  format_set_text_wrap (f);
  format_set_align (f, LXW_ALIGN_VERTICAL_CENTER);
  if (bold)
    {
      format_set_bold (f);
      format_set_align (f, LXW_ALIGN_CENTER);
    }
  if (bg != 0)
    format_set_bg_color (f, bg);
  return f;
}

static void
put (lxw_worksheet *ws,
     lxw_row_t      row,
     lxw_col_t      col,
     const char    *text,
     lxw_format    *fmt)
{
  cd_xlsx_write_text (ws, row, col, text, fmt);
}

gboolean
cd_xlsx_write_register (const char          *target,
                        const CdDocContext  *ctx,
                        gboolean             overwrite,
                        GError             **error)
{
  static const struct { const char *title; double width; } cols[] = {
    { "STT", 6 }, { "Họ và tên", 28 }, { "Chức vụ", 18 }, { "Đơn vị", 24 },
    { "Số CCCD", 15 }, { "Điện thoại", 13 }, { "Email công vụ", 30 },
    { "Số hiệu chứng thư số", 42 }, { "Hiệu lực từ", 12 }, { "Hiệu lực đến", 12 },
    { "Số ngày còn lại", 10 }, { "Trạng thái", 16 }, { "Thiết bị", 16 },
    { "Đơn vị cung cấp", 22 },
  };
  Book book = { 0 };
  lxw_format *head, *text, *number, *status_fmt[CD_CERT_STATUS_REVOKED + 1];
  static const lxw_color_t status_bg[] = {
    [CD_CERT_STATUS_NONE] = 0xEDEDED,
    [CD_CERT_STATUS_VALID] = 0xC6EFCE,
    [CD_CERT_STATUS_EXPIRING] = 0xFFEB9C,
    [CD_CERT_STATUS_EXPIRED] = 0xFFC7CE,
    [CD_CERT_STATUS_NOT_YET_VALID] = 0xDDEBF7,
    [CD_CERT_STATUS_REVOKED] = 0xBFBFBF,
  };

  if (!book_open (&book, target, overwrite, "So theo doi", error))
    return FALSE;
  head = text_format (book.wb, TRUE, 0xD9E1F2);
  text = text_format (book.wb, FALSE, 0);
  number = workbook_add_format (book.wb);
  format_set_font_name (number, "Times New Roman");
  format_set_font_size (number, 12);
  format_set_border (number, LXW_BORDER_THIN);
  for (guint s = 0; s < G_N_ELEMENTS (status_bg); s++)
    status_fmt[s] = text_format (book.wb, FALSE, status_bg[s]);

  /* Column options come before any row in constant-memory mode. */
  for (guint c = 0; c < G_N_ELEMENTS (cols); c++)
    worksheet_set_column (book.ws, (lxw_col_t) c, (lxw_col_t) c, cols[c].width, NULL);
  worksheet_freeze_panes (book.ws, 1, 0);
  worksheet_autofilter (book.ws, 0, 0, (lxw_row_t) ctx->people->len,
                        (lxw_col_t) G_N_ELEMENTS (cols) - 1);
  /* Printed, the register is a list to sign and file: A4 landscape, all
   * columns on one page wide (it printed as five strips of portrait
   * pages), as many pages down as needed, the header on each. */
  worksheet_set_paper (book.ws, 9);
  worksheet_set_landscape (book.ws);
  worksheet_fit_to_pages (book.ws, 1, 0);
  worksheet_repeat_rows (book.ws, 0, 0);
  for (guint c = 0; c < G_N_ELEMENTS (cols); c++)
    put (book.ws, 0, (lxw_col_t) c, cols[c].title, head);

  for (guint i = 0; i < ctx->people->len; i++)
    {
      const CdDocPerson *p = g_ptr_array_index (ctx->people, i);
      const CdStaff *s = p->staff;
      const CdCertificate *c = p->cert;
      lxw_row_t row = (lxw_row_t) i + 1;
      CdCertStatus status = cd_certificate_status (c, ctx->now, ctx->threshold_days);
      g_autofree char *stt = g_strdup_printf ("%u", i + 1);
      g_autofree char *from = c ? cd_docs_unix_to_dmy (c->not_before) : g_strdup ("");
      g_autofree char *to = c ? cd_docs_unix_to_dmy (c->not_after) : g_strdup ("");

      put (book.ws, row, 0, stt, text);
      put (book.ws, row, 1, s->full_name, text);
      put (book.ws, row, 2, s->position, text);
      put (book.ws, row, 3, s->department, text);
      put (book.ws, row, 4, s->cccd, text);
      put (book.ws, row, 5, s->phone, text);
      put (book.ws, row, 6, s->email != NULL ? s->email : (c ? c->email : NULL), text);
      put (book.ws, row, 7, c ? c->serial : NULL, text);
      put (book.ws, row, 8, from, text);
      put (book.ws, row, 9, to, text);
      if (c != NULL)
        worksheet_write_number (book.ws, row, 10, cd_certificate_days_left (c, ctx->now), number);
      else
        put (book.ws, row, 10, "", text);
      put (book.ws, row, 11, cd_cert_status_label (status), status_fmt[status]);
      put (book.ws, row, 12, p->device_serial, text);
      put (book.ws, row, 13, c ? (c->provider ? c->provider : c->issuer_o) : NULL, text);
    }
  return book_close (&book, target, overwrite, error);
}

static gboolean
key_has (const char *key,
         const char *word)
{
  g_autofree char *k = g_strconcat (" ", key, " ", NULL);
  g_autofree char *w = g_strconcat (" ", word, " ", NULL);

  return strstr (k, w) != NULL;
}

const char *
cd_xlsx_place_code (const char *place)
{
  g_autofree char *key = NULL;

  if (place == NULL)
    return NULL;
  key = cd_text_search_key (place);
  /* The template's two codes: the issuing departments of the CCCD. */
  if (key_has (key, "ccsqlhcvttxh") || key_has (key, "qlhc")
      || (strstr (key, "quan ly hanh chinh") != NULL && strstr (key, "trat tu xa hoi") != NULL))
    return "CCSQLHCVTTXH";
  if (key_has (key, "ccsdkqlctvdlqgvdc") || key_has (key, "dkql") || key_has (key, "dlqg")
      || (strstr (key, "cu tru") != NULL && strstr (key, "du lieu quoc gia") != NULL))
    return "CCSĐKQLCTVDLQGVDC";
  return place;
}

/* The 19 cells of person @i's row of the bulk sheet into @values; the
 * strings it makes are added to @owned. The writer and the check read
 * the same cells, so what is warned about is what would be written. */
static void
bulk_row (const CdDocContext *ctx,
          guint               i,
          const char         *values[19],
          GPtrArray          *owned)
{
  const CdDocPerson *p = g_ptr_array_index (ctx->people, i);
  const CdStaff *s = p->staff;
  const CdDevice *d = p->device;
  const CdUnit *u = ctx->unit;
  gboolean sim = d != NULL && g_strcmp0 (d->type, "SIM") == 0;
  char *stt = g_strdup_printf ("%u", i + 1);
  char *born = cd_docs_iso_to_dmy (s->birth_date);
  char *issued = cd_docs_iso_to_dmy (s->cccd_date);
  /* a collected list: each person's own school */
  char *const *levels = p->org_levels != NULL ? p->org_levels : u->org_level;
  guint n_levels = p->org_levels != NULL ? g_strv_length (p->org_levels) : 4;
  const char *row[19] = {
    stt, s->full_name, born, s->cccd, cd_xlsx_place_code (s->cccd_place), issued,
    s->email != NULL ? s->email : (p->cert ? p->cert->email : NULL),
    n_levels > 0 ? levels[0] : NULL, n_levels > 1 ? levels[1] : NULL,
    n_levels > 2 ? levels[2] : NULL, n_levels > 3 ? levels[3] : NULL,
    u->province, u->province, s->position, s->phone,
    p->cert != NULL ? p->cert->serial : NULL,
    /* Nhà mạng and Là chuyển số are a SIM's; Loại thiết bị is the
     * device the certificate lives on (a token when unknown). */
    sim ? d->carrier : NULL,
    sim ? (d->ported ? "Có" : "Không") : NULL,
    d != NULL && d->type != NULL ? d->type : "TOKEN",
  };

  g_ptr_array_add (owned, stt);
  g_ptr_array_add (owned, born);
  g_ptr_array_add (owned, issued);
  memcpy (values, row, sizeof row);
}

gboolean
cd_xlsx_write_bulk_sheet (const char          *target,
                          const CdDocContext  *ctx,
                          gboolean             overwrite,
                          GError             **error)
{
  static const double widths[] = { 6, 28, 14, 15, 28, 14, 30, 24, 24, 24, 24, 16, 16, 18, 13, 42, 10, 10, 12 };
  Book book = { 0 };
  lxw_format *head, *text;

  G_STATIC_ASSERT (G_N_ELEMENTS (widths) == G_N_ELEMENTS (bulk_headers) - 1);
  if (!book_open (&book, target, overwrite, "Sheet1", error))
    return FALSE;
  head = text_format (book.wb, TRUE, 0);
  text = text_format (book.wb, FALSE, 0);
  for (guint c = 0; c < G_N_ELEMENTS (widths); c++)
    worksheet_set_column (book.ws, (lxw_col_t) c, (lxw_col_t) c, widths[c], NULL);
  worksheet_freeze_panes (book.ws, 1, 0);
  for (guint c = 0; bulk_headers[c] != NULL; c++)
    put (book.ws, 0, (lxw_col_t) c, bulk_headers[c], head);

  for (guint i = 0; i < ctx->people->len; i++)
    {
      g_autoptr(GPtrArray) owned = g_ptr_array_new_with_free_func (g_free);
      const char *values[19];

      bulk_row (ctx, i, values, owned);
      for (guint c = 0; c < G_N_ELEMENTS (values); c++)
        put (book.ws, (lxw_row_t) i + 1, (lxw_col_t) c, values[c], text);
    }
  return book_close (&book, target, overwrite, error);
}

/* The cells the Cục cannot register a person without, by column, with
 * the name the warning gives them. The person's identity as the Sở's
 * registration list asks it (seed 002: Họ và tên, Ngày sinh, Chức vụ,
 * Số CCCD, Ngày cấp CCCD, Điện thoại), the CCCD's place of issue (the
 * template's codes), the official mailbox the certificate names, and
 * the organisation and province the certificate's subject is built
 * from. Tổ chức cấp 2–4 depend on how deep the unit sits, Serial CTS cũ
 * is a renewal's, Là chuyển số a SIM's and Loại thiết bị defaults to
 * TOKEN: none is required. Tỉnh/Thành phố repeats Tỉnh thành phố and is
 * named once. Nhà mạng is required for a SIM only. */
static const struct {
  guint       column;
  const char *name;
} bulk_required[] = {
  { 1, "Họ tên" }, { 2, "Ngày sinh" }, { 3, "Số CCCD" }, { 4, "Nơi cấp" },
  { 5, "Ngày cấp" }, { 6, "Thư điện tử công vụ" }, { 7, "Tổ chức cấp 1" },
  { 11, "Tỉnh/Thành phố" }, { 13, "Chức vụ" }, { 14, "Điện thoại" },
};
#define BULK_CARRIER_COLUMN 16

static gboolean
blank (const char *text)
{
  if (text == NULL)
    return TRUE;
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}

void
cd_xlsx_bulk_gap_free (CdXlsxBulkGap *gap)
{
  if (gap == NULL)
    return;
  g_free (gap->name);
  g_strfreev (gap->missing);
  g_free (gap);
}

GPtrArray *
cd_xlsx_bulk_check (const CdDocContext *ctx)
{
  GPtrArray *gaps = g_ptr_array_new_with_free_func ((GDestroyNotify) cd_xlsx_bulk_gap_free);

  for (guint i = 0; i < ctx->people->len; i++)
    {
      const CdDocPerson *p = g_ptr_array_index (ctx->people, i);
      g_autoptr(GPtrArray) owned = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GStrvBuilder) missing = g_strv_builder_new ();
      const char *values[19];
      gboolean any = FALSE;
      CdXlsxBulkGap *gap;

      bulk_row (ctx, i, values, owned);
      for (guint r = 0; r < G_N_ELEMENTS (bulk_required); r++)
        if (blank (values[bulk_required[r].column]))
          {
            g_strv_builder_add (missing, bulk_required[r].name);
            any = TRUE;
          }
      if (p->device != NULL && g_strcmp0 (p->device->type, "SIM") == 0
          && blank (values[BULK_CARRIER_COLUMN]))
        {
          g_strv_builder_add (missing, "Nhà mạng");
          any = TRUE;
        }
      if (!any)
        continue;
      gap = g_new0 (CdXlsxBulkGap, 1);
      gap->row = i + 2;
      gap->staff_id = p->staff->id;
      gap->name = g_strdup (p->staff->full_name != NULL ? p->staff->full_name : "");
      gap->missing = g_strv_builder_end (missing);
      g_ptr_array_add (gaps, gap);
    }
  return gaps;
}

char *
cd_xlsx_bulk_gap_line (const CdXlsxBulkGap *gap)
{
  g_autofree char *missing = g_strjoinv (", ", gap->missing);

  /* Translators: one row of the Cục's sheet with empty required cells:
   * "Row 12 – Nguyễn Văn A: missing Số CCCD, Ngày cấp"; the cells'
   * names are the template's, in Vietnamese. */
  return g_strdup_printf (_("Row %u – %s: missing %s"), gap->row,
                          *gap->name != '\0' ? gap->name : _("(no name)"), missing);
}
