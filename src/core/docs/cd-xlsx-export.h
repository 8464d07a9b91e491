/* cd-xlsx-export.h — the register and the Cục's bulk sheet as .xlsx
 *
 * Written with libxlsxwriter in constant-memory mode (rows streamed to
 * disk, so 30,000 rows cost little memory) into a temporary file next to
 * the target, then renamed into place. Identity numbers, serials, phones
 * and dates are text cells: Excel must never turn 031085000123 into a
 * number and lose its leading zero.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "cd-doc-context.h"

G_BEGIN_DECLS

/* The register: every person of @ctx with certificate serial, validity,
 * days left, email, status (coloured), device; bold frozen header with
 * an autofilter. */
gboolean cd_xlsx_write_register   (const char          *target,
                                   const CdDocContext  *ctx,
                                   gboolean             overwrite,
                                   GError             **error);

/* The Cục's 19-column bulk-registration sheet ("Template_import VGCA"),
 * every cell text. */
gboolean cd_xlsx_write_bulk_sheet (const char          *target,
                                   const CdDocContext  *ctx,
                                   gboolean             overwrite,
                                   GError             **error);

/* A row of the bulk sheet with required cells left empty. */
typedef struct {
  guint   row;       /* the row as Excel numbers it (the header is row 1) */
  gint64  staff_id;
  char   *name;      /* the person's full name ("" when none) */
  char  **missing;   /* the empty required cells' Vietnamese names, in
                      * the sheet's order ("Số CCCD", "Ngày cấp"…) */
} CdXlsxBulkGap;

void cd_xlsx_bulk_gap_free (CdXlsxBulkGap *gap);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CdXlsxBulkGap, cd_xlsx_bulk_gap_free)

/* Checks the rows cd_xlsx_write_bulk_sheet() would write for @ctx against
 * the template's required cells: Họ tên, Ngày sinh, CCCD, Nơi cấp, Ngày
 * cấp, the official email, Tổ chức cấp 1, the province, Chức vụ, Điện
 * thoại, and Nhà mạng for a SIM. Returns the incomplete rows
 * (CdXlsxBulkGap, in the sheet's order); empty when every row is whole. */
GPtrArray *cd_xlsx_bulk_check    (const CdDocContext  *ctx);

/* "Dòng 12 – Nguyễn Văn A: thiếu Số CCCD, Ngày cấp" (translated). */
char      *cd_xlsx_bulk_gap_line (const CdXlsxBulkGap *gap);

/* The bulk sheet's code for a CCCD's place of issue: "CCSQLHCVTTXH" for
 * the Cục Cảnh sát QLHC về TTXH, "CCSĐKQLCTVDLQGVDC" for the Cục Cảnh sát
 * ĐKQL cư trú và DLQG về dân cư, however the clerk spelled them (or the
 * code itself); anything else comes back as given. */
const char *cd_xlsx_place_code (const char *place);

/* The 19 headers of the bulk sheet, in order (NULL-terminated). */
const char * const *cd_xlsx_bulk_headers (void);

G_END_DECLS
