/* cd-coverage-export.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <xlsxwriter.h>

#include "cd-cert-pick.h"
#include "cd-coverage-chart.h"
#include "cd-coverage-export.h"
#include "cd-doc-context.h"
#include "cd-fileutil.h"
#include "cd-page-renderer.h"
#include "cd-store-worker.h"
#include "cd-xlsx-util.h"

#define TITLE "BÁO CÁO TỶ LỆ CẤP CHỨNG THƯ SỐ"

/* The rows of the status table, in the chart's order. */
static const CdCertStatus status_rows[] = {
  CD_CERT_STATUS_VALID, CD_CERT_STATUS_EXPIRING, CD_CERT_STATUS_NOT_YET_VALID,
  CD_CERT_STATUS_EXPIRED, CD_CERT_STATUS_REVOKED, CD_CERT_STATUS_NONE,
};

/* Printed, so Vietnamese whatever the UI language. */
static const char *
status_label (CdCertStatus s)
{
  switch (s)
    {
    case CD_CERT_STATUS_VALID: return "Còn hiệu lực";
    case CD_CERT_STATUS_EXPIRING: return "Sắp hết hạn";
    case CD_CERT_STATUS_NOT_YET_VALID: return "Chưa đến ngày hiệu lực";
    case CD_CERT_STATUS_EXPIRED: return "Hết hạn";
    case CD_CERT_STATUS_REVOKED: return "Đã thu hồi";
    case CD_CERT_STATUS_NONE:
    default: return "Chưa có chứng thư số";
    }
}

static const char *
track_label (CdCertTrack t)
{
  return t == CD_CERT_TRACK_GOVERNMENT ? "Chuyên dùng" : "Công cộng (thương mại)";
}

static const char *
provider_label (const CdCoverageProvider *p)
{
  return p->provider != NULL && *p->provider != '\0' ? p->provider : "Không rõ";
}


static char **
row_new (guint n, ...)
{
  char **row = g_new0 (char *, n + 1);
  va_list ap;

  va_start (ap, n);
  for (guint i = 0; i < n; i++)
    row[i] = va_arg (ap, char *);   /* taken */
  va_end (ap);
  return row;
}

static char *
u (guint n)
{
  return g_strdup_printf ("%u", n);
}

/* ---- PDF --------------------------------------------------------------- */

static void
chart_cb (cairo_t  *cr,
          double    width,
          double    height,
          gpointer  data)
{
  cd_coverage_chart_draw (cr, data, width, height, FALSE);
}

gboolean
cd_coverage_export_pdf (const CdCoverage *cov,
                        const CdUnit     *unit,
                        const char       *target,
                        gboolean          overwrite,
                        GError          **error)
{
  static const char *status_head[] = { "STT", "Tình trạng chứng thư số", "Số người", "Tỷ lệ" };
  static const double status_w[] = { 8, 52, 20, 20 };
  static const char *group_head[] = { "Nhóm chức vụ", "Tổng số", "Còn hiệu lực", "Sắp hết hạn",
                                      "Hết hạn", "Đã thu hồi", "Chưa có", "Có CTS chuyên dùng còn hiệu lực",
                                      "Tỷ lệ" };
  static const double group_w[] = { 20, 9, 10, 10, 9, 9, 9, 14, 10 };
  static const char *prov_head[] = { "STT", "Nhà cung cấp", "Loại", "Số chứng thư số",
                                     "Còn hiệu lực", "Số người" };
  static const double prov_w[] = { 7, 33, 20, 14, 13, 13 };
  g_autoptr(CdDocContext) ctx = cd_doc_context_new (unit);
  g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (cov->now);
  g_autoptr(CdPageRenderer) r = NULL;
  g_autoptr(GPtrArray) status_rows_t = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr(GPtrArray) group_rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr(GPtrArray) prov_rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autofree char *as_of = NULL;
  g_autofree char *share = cd_coverage_percent_text (cov->all.valid_government, cov->all.total);
  g_autofree char *body = NULL;
  const char *name = unit->name && *unit->name ? unit->name : "Đơn vị";
  /* The signer's title in capitals (Nghị định 30/2020), as every other
   * document prints it: the field chuc_danh_ky. */
  g_autofree char *title = cd_doc_field_value (ctx, NULL, 0, "chuc_danh_ky");
  g_autofree char *signer = cd_doc_field_value (ctx, NULL, 0, "nguoi_ky");
  const char *right[3] = { *title ? title : "THỦ TRƯỞNG ĐƠN VỊ", "(Ký, ghi rõ họ tên, đóng dấu)", signer };

  if (when != NULL)
    {
      ctx->year = g_date_time_get_year (when);
      ctx->month = g_date_time_get_month (when);
      ctx->day = g_date_time_get_day_of_month (when);
    }
  ctx->now = cov->now;
  ctx->threshold_days = cov->threshold_days;
  as_of = g_strdup_printf ("(Số liệu tính đến ngày %02d/%02d/%04d)", ctx->day, ctx->month, ctx->year);
  body = g_strdup_printf ("%s có %u cán bộ, giáo viên, nhân viên đang công tác; %u người (%s) có chứng thư số "
                          "chuyên dùng còn hiệu lực. Chứng thư số sắp hết hạn là chứng thư còn dưới %d ngày hiệu lực.",
                          name, cov->all.total, cov->all.valid_government, share, cov->threshold_days);

  for (guint i = 0; i < G_N_ELEMENTS (status_rows); i++)
    {
      guint n = cov->all.by_status[status_rows[i]];
      g_ptr_array_add (status_rows_t, row_new (4, u (i + 1), g_strdup (status_label (status_rows[i])),
                                               u (n), cd_coverage_percent_text (n, cov->all.total)));
    }
  g_ptr_array_add (status_rows_t, row_new (4, g_strdup (""), g_strdup ("Tổng cộng"), u (cov->all.total),
                                           cd_coverage_percent_text (cov->all.total, cov->all.total)));
  for (guint g = 0; g <= CD_COVERAGE_N_GROUPS; g++)
    {
      const CdCoverageCount *c = g < CD_COVERAGE_N_GROUPS ? &cov->groups[g] : &cov->all;

      if (g < CD_COVERAGE_N_GROUPS && c->total == 0 && g == CD_COVERAGE_NO_POSITION)
        continue;
      g_ptr_array_add (group_rows,
                       row_new (9, g_strdup (g < CD_COVERAGE_N_GROUPS ? cd_coverage_group_label (g) : "Tổng cộng"),
                                u (c->total), u (c->by_status[CD_CERT_STATUS_VALID]),
                                u (c->by_status[CD_CERT_STATUS_EXPIRING]),
                                u (c->by_status[CD_CERT_STATUS_EXPIRED]),
                                u (c->by_status[CD_CERT_STATUS_REVOKED]),
                                u (c->by_status[CD_CERT_STATUS_NONE]),
                                u (c->valid_government), cd_coverage_percent_text (c->valid_government, c->total)));
    }
  for (guint i = 0; i < cov->providers->len; i++)
    {
      const CdCoverageProvider *p = g_ptr_array_index (cov->providers, i);
      g_ptr_array_add (prov_rows, row_new (6, u (i + 1), g_strdup (provider_label (p)),
                                           g_strdup (track_label (p->track)), u (p->certificates),
                                           u (p->valid), u (p->holders)));
    }

  r = cd_page_renderer_new (CD_PAGE_CUSTOM, ctx);
  cd_page_renderer_add_frame (r);
  cd_page_renderer_add_text (r, TITLE, 14, TRUE, FALSE, CD_PAGE_ALIGN_CENTER, 12);
  cd_page_renderer_add_text (r, as_of, 13, FALSE, TRUE, CD_PAGE_ALIGN_CENTER, 0);
  cd_page_renderer_add_text (r, body, 13, FALSE, FALSE, CD_PAGE_ALIGN_BODY, 8);
  cd_page_renderer_add_drawing (r, 165, chart_cb, (gpointer) cov, 6);
  cd_page_renderer_add_text (r, "1. Theo tình trạng chứng thư số", 13, TRUE, FALSE, CD_PAGE_ALIGN_LEFT, 10);
  cd_page_renderer_add_table (r, G_N_ELEMENTS (status_head), status_w, status_head, status_rows_t, 11);
  cd_page_renderer_add_text (r, "2. Theo nhóm chức vụ", 13, TRUE, FALSE, CD_PAGE_ALIGN_LEFT, 10);
  cd_page_renderer_add_table (r, G_N_ELEMENTS (group_head), group_w, group_head, group_rows, 10);
  cd_page_renderer_add_text (r, "3. Theo nhà cung cấp và loại chứng thư số", 13, TRUE, FALSE,
                             CD_PAGE_ALIGN_LEFT, 10);
  cd_page_renderer_add_table (r, G_N_ELEMENTS (prov_head), prov_w, prov_head, prov_rows, 11);
  cd_page_renderer_add_signatures (r, NULL, right, 12);
  return cd_page_renderer_export_pdf (r, target, overwrite, error);
}

/* ---- xlsx --------------------------------------------------------------- */

gboolean
cd_coverage_export_xlsx (const CdCoverage *cov,
                         const CdUnit     *unit,
                         const char       *target,
                         gboolean          overwrite,
                         GError          **error)
{
  g_autofree char *temp = NULL;
  g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (cov->now);
  g_autofree char *as_of = when ? g_date_time_format (when, "Số liệu tính đến ngày %d/%m/%Y") : g_strdup ("");
  lxw_workbook *wb;
  lxw_worksheet *ws;
  lxw_format *head, *title, *pct, *num, *text;
  lxw_row_t row = 0;

  if (!overwrite && g_file_test (target, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, CD_FILE_ERROR, CD_FILE_ERROR_EXISTS,
                   _("The file “%s” already exists. Choose another name, or allow replacing it (--force)."),
                   target);
      return FALSE;
    }
  temp = cd_atomic_temp_path (target, error);
  if (temp == NULL)
    return FALSE;
  wb = workbook_new (temp);
  if (wb == NULL)
    {
      cd_atomic_abort (temp);
      g_set_error (error, CD_FILE_ERROR, CD_FILE_ERROR_FAILED,
                   _("Could not create the Excel file “%s”. Check that the folder is writable."), target);
      return FALSE;
    }
  ws = workbook_add_worksheet (wb, "Bao cao");
  title = workbook_add_format (wb);
  format_set_bold (title);
  format_set_font_size (title, 14);
  format_set_font_name (title, "Times New Roman");
  head = workbook_add_format (wb);
  format_set_bold (head);
  format_set_border (head, LXW_BORDER_THIN);
  format_set_text_wrap (head);
  format_set_font_name (head, "Times New Roman");
  format_set_bg_color (head, 0xDDEBF7);
  text = workbook_add_format (wb);
  format_set_border (text, LXW_BORDER_THIN);
  format_set_font_name (text, "Times New Roman");
  format_set_num_format (text, "@");
  num = workbook_add_format (wb);
  format_set_border (num, LXW_BORDER_THIN);
  format_set_font_name (num, "Times New Roman");
  pct = workbook_add_format (wb);
  format_set_border (pct, LXW_BORDER_THIN);
  format_set_font_name (pct, "Times New Roman");
  format_set_num_format (pct, "0.0%");
  worksheet_set_column (ws, 0, 0, 30, NULL);
  worksheet_set_column (ws, 1, 8, 14, NULL);

  cd_xlsx_write_text (ws, row++, 0, unit->name, NULL);
  worksheet_write_string (ws, row++, 0, TITLE, title);
  worksheet_write_string (ws, row++, 0, as_of, NULL);
  row++;

  /* 1. Status */
  worksheet_write_string (ws, row++, 0, "1. Theo tình trạng chứng thư số", title);
  worksheet_write_string (ws, row, 0, "Tình trạng chứng thư số", head);
  worksheet_write_string (ws, row, 1, "Số người", head);
  worksheet_write_string (ws, row++, 2, "Tỷ lệ", head);
  for (guint i = 0; i < G_N_ELEMENTS (status_rows); i++, row++)
    {
      guint n = cov->all.by_status[status_rows[i]];
      worksheet_write_string (ws, row, 0, status_label (status_rows[i]), text);
      worksheet_write_number (ws, row, 1, n, num);
      worksheet_write_number (ws, row, 2, cd_coverage_percent (n, cov->all.total) / 100, pct);
    }
  worksheet_write_string (ws, row, 0, "Tổng cộng", head);
  worksheet_write_number (ws, row, 1, cov->all.total, num);
  worksheet_write_number (ws, row++, 2, cov->all.total > 0 ? 1 : 0, pct);
  worksheet_write_string (ws, row, 0, "Có CTS chuyên dùng còn hiệu lực", head);
  worksheet_write_number (ws, row, 1, cov->all.valid_government, num);
  worksheet_write_number (ws, row++, 2, cd_coverage_percent (cov->all.valid_government, cov->all.total) / 100, pct);
  row++;

  /* 2. Position groups */
  {
    static const char *heads[] = { "Nhóm chức vụ", "Tổng số", "Còn hiệu lực", "Sắp hết hạn", "Hết hạn",
                                   "Đã thu hồi", "Chưa có", "Có CTS chuyên dùng còn hiệu lực", "Tỷ lệ" };
    worksheet_write_string (ws, row++, 0, "2. Theo nhóm chức vụ", title);
    for (guint c = 0; c < G_N_ELEMENTS (heads); c++)
      worksheet_write_string (ws, row, (lxw_col_t) c, heads[c], head);
    row++;
    for (guint g = 0; g <= CD_COVERAGE_N_GROUPS; g++, row++)
      {
        const CdCoverageCount *c = g < CD_COVERAGE_N_GROUPS ? &cov->groups[g] : &cov->all;
        static const CdCertStatus cols[] = { CD_CERT_STATUS_VALID, CD_CERT_STATUS_EXPIRING,
                                             CD_CERT_STATUS_EXPIRED, CD_CERT_STATUS_REVOKED,
                                             CD_CERT_STATUS_NONE };

        worksheet_write_string (ws, row, 0, g < CD_COVERAGE_N_GROUPS ? cd_coverage_group_label (g) : "Tổng cộng",
                                g < CD_COVERAGE_N_GROUPS ? text : head);
        worksheet_write_number (ws, row, 1, c->total, num);
        for (guint k = 0; k < G_N_ELEMENTS (cols); k++)
          worksheet_write_number (ws, row, (lxw_col_t) (2 + k), c->by_status[cols[k]], num);
        worksheet_write_number (ws, row, 7, c->valid_government, num);
        worksheet_write_number (ws, row, 8, cd_coverage_percent (c->valid_government, c->total) / 100, pct);
      }
    row++;
  }

  /* 3. Providers */
  {
    static const char *heads[] = { "Nhà cung cấp", "Loại", "Số chứng thư số", "Còn hiệu lực", "Số người" };
    worksheet_write_string (ws, row++, 0, "3. Theo nhà cung cấp và loại chứng thư số", title);
    for (guint c = 0; c < G_N_ELEMENTS (heads); c++)
      worksheet_write_string (ws, row, (lxw_col_t) c, heads[c], head);
    row++;
    for (guint i = 0; i < cov->providers->len; i++, row++)
      {
        const CdCoverageProvider *p = g_ptr_array_index (cov->providers, i);
        cd_xlsx_write_text (ws, row, 0, provider_label (p), text);
        worksheet_write_string (ws, row, 1, track_label (p->track), text);
        worksheet_write_number (ws, row, 2, p->certificates, num);
        worksheet_write_number (ws, row, 3, p->valid, num);
        worksheet_write_number (ws, row, 4, p->holders, num);
      }
  }

  /* Never libxlsxwriter's English ("Zip generic error…") nor its
   * "[ERROR]" lines on stderr (issue 20, D16). */
  if (!cd_xlsx_close (wb, temp, target, error))
    {
      cd_atomic_abort (temp);
      return FALSE;
    }
  if (!cd_atomic_commit (temp, target, overwrite, error))
    {
      cd_atomic_abort (temp);
      return FALSE;
    }
  return TRUE;
}

gboolean
cd_coverage_export (const CdCoverage *cov,
                    const CdUnit     *unit,
                    const char       *target,
                    gboolean          overwrite,
                    GError          **error)
{
  g_autofree char *lower = g_ascii_strdown (target, -1);

  if (g_str_has_suffix (lower, ".pdf"))
    return cd_coverage_export_pdf (cov, unit, target, overwrite, error);
  if (g_str_has_suffix (lower, ".xlsx"))
    return cd_coverage_export_xlsx (cov, unit, target, overwrite, error);
  g_set_error (error, CD_FILE_ERROR, CD_FILE_ERROR_FAILED,
               _("The coverage report can be written as PDF or Excel: give a file name ending in .pdf or .xlsx (not “%s”)."),
               target);
  return FALSE;
}

typedef struct {
  gint64  now;
  int     threshold_days;
  char   *target;
} ExportArgs;

static void
export_args_free (ExportArgs *a)
{
  g_free (a->target);
  g_free (a);
}

static gpointer
export_work (CdStore       *store,
             gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  ExportArgs *a = data;
  g_autoptr(CdCoverage) cov = cd_coverage_compute (store, a->now, a->threshold_days, error);
  g_autoptr(CdUnit) unit = NULL;

  if (cov == NULL)
    return NULL;
  unit = cd_store_get_unit (store);
  return cd_coverage_export (cov, unit, a->target, TRUE, error) ? GINT_TO_POINTER (1) : NULL;
}

void
cd_coverage_export_async (CdStore             *store,
                          gint64               now,
                          int                  threshold_days,
                          const char          *target,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  ExportArgs *a = g_new0 (ExportArgs, 1);

  a->now = now;
  a->threshold_days = threshold_days;
  a->target = g_strdup (target);
  cd_store_run_async (store, export_work, a, (GDestroyNotify) export_args_free, NULL, NULL,
                      cd_coverage_export_async, cancellable, callback, user_data);
}

gboolean
cd_coverage_export_finish (CdStore       *store,
                           GAsyncResult  *result,
                           GError       **error)
{
  return cd_store_run_finish (store, result, cd_coverage_export_async, error) != NULL;
}
