/* cd-coverage-chart.h — the coverage report as a picture
 *
 * One drawing for the window (a GtkDrawingArea's draw function) and the
 * PDF (a block of the page renderer): a ring of the staff by the status
 * of their certificate with the share holding a valid chuyên dùng one in
 * its middle, and one bar per position group. Colours are libadwaita's
 * named palette (green_4, yellow_5, red_3…), so the chart looks like the
 * rest of the desktop. No GTK: cairo and Pango only.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>

#include "cd-coverage.h"

G_BEGIN_DECLS

/* The colour of a status in the chart, from libadwaita's palette. */
void cd_coverage_chart_status_rgb (CdCertStatus      status,
                                   double           *r,
                                   double           *g,
                                   double           *b);

/* Draws @coverage in @width × @height from the origin of @cr; @dark for
 * light text on a dark background (the window in dark style). */
void cd_coverage_chart_draw       (cairo_t          *cr,
                                   const CdCoverage *coverage,
                                   double            width,
                                   double            height,
                                   gboolean          dark);

G_END_DECLS
