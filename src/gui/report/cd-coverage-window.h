/* cd-coverage-window.h — Báo cáo mức độ bao phủ: the share of staff
 * holding a valid chuyên dùng certificate, as a chart and its figures,
 * with "Xuất…" to PDF or Excel for the Sở
 *
 * The counting and the drawing are core's (cd-coverage, cd-coverage-chart);
 * the window computes on a worker and shows them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "cd-store.h"

G_BEGIN_DECLS

#define CD_TYPE_COVERAGE_WINDOW (cd_coverage_window_get_type ())
G_DECLARE_FINAL_TYPE (CdCoverageWindow, cd_coverage_window, CD, COVERAGE_WINDOW, AdwWindow)

CdCoverageWindow *cd_coverage_window_new (GtkWindow *parent,
                                          CdStore   *store);

G_END_DECLS
