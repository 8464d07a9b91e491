/* cd-coverage-export.h — the coverage report for the Sở, as PDF or .xlsx
 *
 * The PDF is an administrative document (Nghị định 30/2020 frame: unit,
 * Quốc hiệu, date line; title "BÁO CÁO TỶ LỆ CẤP CHỨNG THƯ SỐ"), the chart
 * and three tables (by status, by position group, by provider and
 * track), drawn by the documents area's page renderer. The workbook has
 * the same tables, figures as numbers. Both written mode 0600 through a
 * temporary file. Printed wording is Vietnamese whatever the UI language.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cd-coverage.h"

G_BEGIN_DECLS

/* Writes the report of @coverage for @unit to @target: PDF when it ends
 * in .pdf, a workbook when it ends in .xlsx (any case); another ending
 * fails with CD_FILE_ERROR_FAILED saying which to use. */
gboolean cd_coverage_export      (const CdCoverage *coverage,
                                  const CdUnit     *unit,
                                  const char       *target,
                                  gboolean          overwrite,
                                  GError          **error);
gboolean cd_coverage_export_pdf  (const CdCoverage *coverage,
                                  const CdUnit     *unit,
                                  const char       *target,
                                  gboolean          overwrite,
                                  GError          **error);
gboolean cd_coverage_export_xlsx (const CdCoverage *coverage,
                                  const CdUnit     *unit,
                                  const char       *target,
                                  gboolean          overwrite,
                                  GError          **error);

/* Computes the report at @now on a worker and writes it to @target. */
void     cd_coverage_export_async  (CdStore             *store,
                                    gint64               now,
                                    int                  threshold_days,
                                    const char          *target,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data);
gboolean cd_coverage_export_finish (CdStore             *store,
                                    GAsyncResult        *result,
                                    GError             **error);

G_END_DECLS
