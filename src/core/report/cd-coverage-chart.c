/* cd-coverage-chart.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <pango/pangocairo.h>

#include "cd-coverage-chart.h"

/* The chart's order: the good news first, then what needs doing. */
static const CdCertStatus order[] = {
  CD_CERT_STATUS_VALID, CD_CERT_STATUS_EXPIRING, CD_CERT_STATUS_NOT_YET_VALID,
  CD_CERT_STATUS_EXPIRED, CD_CERT_STATUS_REVOKED, CD_CERT_STATUS_NONE,
};

void
cd_coverage_chart_status_rgb (CdCertStatus  status,
                              double       *r,
                              double       *g,
                              double       *b)
{
  /* libadwaita 1.2's named colours (the GNOME palette). */
  guint32 rgb;

  switch (status)
    {
    case CD_CERT_STATUS_VALID: rgb = 0x2ec27e; break;          /* green_4 */
    case CD_CERT_STATUS_EXPIRING: rgb = 0xf5c211; break;       /* yellow_5 */
    case CD_CERT_STATUS_NOT_YET_VALID: rgb = 0x3584e4; break;  /* blue_3 */
    case CD_CERT_STATUS_EXPIRED: rgb = 0xe01b24; break;        /* red_3 */
    case CD_CERT_STATUS_REVOKED: rgb = 0x9141ac; break;        /* purple_3 */
    case CD_CERT_STATUS_NONE:
    default: rgb = 0x9a9996; break;                            /* light_5 */
    }
  *r = ((rgb >> 16) & 0xff) / 255.0;
  *g = ((rgb >> 8) & 0xff) / 255.0;
  *b = (rgb & 0xff) / 255.0;
}

static void
set_status_colour (cairo_t      *cr,
                   CdCertStatus  status)
{
  double r, g, b;

  cd_coverage_chart_status_rgb (status, &r, &g, &b);
  cairo_set_source_rgb (cr, r, g, b);
}

static void
set_text_colour (cairo_t  *cr,
                 gboolean  dark)
{
  if (dark)
    cairo_set_source_rgb (cr, 1, 1, 1);
  else
    cairo_set_source_rgba (cr, 0, 0, 0, 0.8);
}

/* Shows @text at (@x, @y) in @size points; returns its height. With
 * @centre, @x is the middle of the text and @y its middle too. */
static double
show_text (cairo_t    *cr,
           const char *text,
           double      x,
           double      y,
           double      size,
           gboolean    bold,
           gboolean    centre,
           double      max_width)
{
  g_autoptr(PangoLayout) layout = pango_cairo_create_layout (cr);
  g_autoptr(PangoFontDescription) font = pango_font_description_new ();
  int w, h;

  pango_font_description_set_family (font, "Sans");
  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  pango_font_description_set_weight (font, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description (layout, font);
  if (max_width > 0)
    {
      pango_layout_set_width (layout, (int) (max_width * PANGO_SCALE));
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
    }
  pango_layout_set_text (layout, text, -1);
  pango_layout_get_pixel_size (layout, &w, &h);
  if (centre)
    cairo_move_to (cr, x - w / 2.0, y - h / 2.0);
  else
    cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
  return h;
}

static void
draw_ring (cairo_t          *cr,
           const CdCoverage *cov,
           double            cx,
           double            cy,
           double            radius,
           gboolean          dark)
{
  double inner = radius * 0.62;
  double angle = -G_PI / 2;
  guint total = cov->all.total;
  g_autofree char *share = NULL;

  if (total == 0)
    {
      set_status_colour (cr, CD_CERT_STATUS_NONE);
      cairo_arc (cr, cx, cy, radius, 0, 2 * G_PI);
      cairo_arc_negative (cr, cx, cy, inner, 2 * G_PI, 0);
      cairo_fill (cr);
    }
  for (guint i = 0; total > 0 && i < G_N_ELEMENTS (order); i++)
    {
      guint n = cov->all.by_status[order[i]];
      double sweep = 2 * G_PI * n / total;

      if (n == 0)
        continue;
      set_status_colour (cr, order[i]);
      cairo_new_path (cr);
      cairo_arc (cr, cx, cy, radius, angle, angle + sweep);
      cairo_arc_negative (cr, cx, cy, inner, angle + sweep, angle);
      cairo_close_path (cr);
      cairo_fill (cr);
      angle += sweep;
    }
  /* The figure the Sở asks for, in the middle. */
  share = cd_coverage_percent_text (cov->all.valid_government, total);
  set_text_colour (cr, dark);
  show_text (cr, share, cx, cy - radius * 0.08, radius * 0.28, TRUE, TRUE, 0);
  show_text (cr, "CTS chuyên dùng", cx, cy + radius * 0.2, radius * 0.12, FALSE, TRUE, 0);
}

static void
draw_bars (cairo_t          *cr,
           const CdCoverage *cov,
           double            x,
           double            y,
           double            width,
           double            height,
           gboolean          dark)
{
  guint n_groups = 0;
  double row, bar, label_w = width * 0.34;
  double bar_w = width - label_w - 8;
  guint shown = 0;

  for (guint g = 0; g < CD_COVERAGE_N_GROUPS; g++)
    if (cov->groups[g].total > 0)
      n_groups++;
  if (n_groups == 0)
    return;
  row = height / n_groups;
  bar = MIN (row * 0.5, 28);
  for (guint g = 0; g < CD_COVERAGE_N_GROUPS; g++)
    {
      const CdCoverageCount *c = &cov->groups[g];
      double top = y + shown * row;
      double bx = x + label_w + 8;
      g_autofree char *label = NULL;

      if (c->total == 0)
        continue;
      shown++;
      label = g_strdup_printf ("%s\n%u/%u · %.0f %%", cd_coverage_group_label (g),
                               c->valid_government, c->total,
                               cd_coverage_percent (c->valid_government, c->total));
      set_text_colour (cr, dark);
      show_text (cr, label, x, top + (row - bar) / 2 - 2, MIN (bar * 0.5, 11), FALSE, FALSE, label_w);
      for (guint i = 0; i < G_N_ELEMENTS (order); i++)
        {
          double w = bar_w * c->by_status[order[i]] / c->total;

          if (w <= 0)
            continue;
          set_status_colour (cr, order[i]);
          cairo_rectangle (cr, bx, top + (row - bar) / 2, w, bar);
          cairo_fill (cr);
          bx += w;
        }
    }
}

static void
draw_legend (cairo_t          *cr,
             const CdCoverage *cov,
             double            x,
             double            y,
             double            width,
             gboolean          dark)
{
  double cell = width / 3;
  double size = MIN (10, cell / 14);
  guint shown = 0;

  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    {
      guint n = cov->all.by_status[order[i]];
      double cx = x + (shown % 3) * cell;
      double cy = y + (shown / 3) * (size * 2);
      g_autofree char *text = NULL;

      if (n == 0 && order[i] == CD_CERT_STATUS_NOT_YET_VALID)
        continue;
      shown++;
      set_status_colour (cr, order[i]);
      cairo_rectangle (cr, cx, cy + size * 0.2, size, size);
      cairo_fill (cr);
      text = g_strdup_printf ("%s: %u", cd_cert_status_label (order[i]), n);
      set_text_colour (cr, dark);
      show_text (cr, text, cx + size * 1.5, cy - size * 0.1, size, FALSE, FALSE, cell - size * 2);
    }
}

void
cd_coverage_chart_draw (cairo_t          *cr,
                        const CdCoverage *cov,
                        double            width,
                        double            height,
                        gboolean          dark)
{
  double legend_h = MIN (40, height * 0.18);
  double body = height - legend_h - 8;
  double radius = MIN (body, width * 0.4) / 2 - 4;

  g_return_if_fail (cov != NULL);
  if (radius <= 4)
    return;
  cairo_save (cr);
  draw_ring (cr, cov, radius + 4, body / 2, radius, dark);
  draw_bars (cr, cov, 2 * radius + 24, 4, width - 2 * radius - 28, body - 8, dark);
  draw_legend (cr, cov, 0, body + 8, width, dark);
  cairo_restore (cr);
}
