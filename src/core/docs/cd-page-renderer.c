/* cd-page-renderer.c
 *
 * The document is a list of blocks (the header frame, paragraphs, a
 * table, the signatures). Pagination places them top to bottom; a table
 * splits between rows and repeats its header; everything is measured with
 * the same Pango layouts that draw it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>

#include <string.h>
#include <glib/gi18n.h>
#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include "cd-fileutil.h"
#include "cd-page-renderer-private.h"

#define MM (72.0 / 25.4)
#define A4_SHORT (210.0 * MM)
#define A4_LONG  (297.0 * MM)
#define MARGIN_TOP    (20.0 * MM)
#define MARGIN_BOTTOM (20.0 * MM)
#define MARGIN_LEFT   (30.0 * MM)
#define MARGIN_RIGHT  (15.0 * MM)
#define CELL_PAD 3.0

typedef struct {
  guint  block;
  guint  row_start, row_end; /* tables: rows placed on this page */
  double y;
} Placement;

static void
block_free (Block *b)
{
  g_free (b->text);
  g_free (b->widths);
  g_free (b->fitted);
  g_strfreev (b->header);
  if (b->rows != NULL)
    g_ptr_array_unref (b->rows);
  for (guint i = 0; i < G_N_ELEMENTS (b->sign); i++)
    g_free (b->sign[i]);
  g_strfreev (b->recipients);
  g_free (b);
}

const char *
cd_page_renderer_font_family (void)
{
  static const char *family;

  if (g_once_init_enter (&family))
    {
      static const char *wanted[] = { "Times New Roman", "Liberation Serif", "DejaVu Serif" };
      PangoFontMap *map = pango_cairo_font_map_get_default ();
      PangoFontFamily **families = NULL;
      int n = 0;
      const char *found = "Serif";

      pango_font_map_list_families (map, &families, &n);
      for (guint w = 0; w < G_N_ELEMENTS (wanted) && g_str_equal (found, "Serif"); w++)
        for (int i = 0; i < n; i++)
          if (g_ascii_strcasecmp (pango_font_family_get_name (families[i]), wanted[w]) == 0)
            {
              found = wanted[w];
              break;
            }
      g_free (families);
      g_once_init_leave (&family, found);
    }
  return family;
}

Block *
cd_page_renderer_block (CdPageRenderer *self,
                        BlockType       type)
{
  Block *b = g_new0 (Block, 1);

  b->type = type;
  b->size = 13;
  b->align = PANGO_ALIGN_LEFT;
  g_ptr_array_add (self->blocks, b);
  return b;
}

Block *
cd_page_renderer_para (CdPageRenderer *self,
                       const char     *text,
                       double          size,
                       gboolean        bold,
                       gboolean        italic,
                       PangoAlignment  align,
                       double          before)
{
  Block *b = cd_page_renderer_block (self, BLOCK_PARA);

  b->text = g_strdup (text);
  b->size = size;
  b->bold = bold;
  b->italic = italic;
  b->align = align;
  b->before = before;
  return b;
}

Block *
cd_page_renderer_table (CdPageRenderer     *self,
                        guint               n_cols,
                        const double       *widths,
                        const char * const *header,
                        double              size)
{
  Block *t = cd_page_renderer_block (self, BLOCK_TABLE);

  t->before = 8;
  t->size = size;
  t->n_cols = n_cols;
  t->widths = g_memdup2 (widths, sizeof (double) * n_cols);
  t->header = g_new0 (char *, n_cols + 1);
  for (guint c = 0; c < n_cols; c++)
    t->header[c] = g_strdup (header[c]);
  t->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  return t;
}

char *
cd_page_field (const CdDocContext *ctx,
               const CdDocPerson  *p,
               guint               i,
               const char         *name)
{
  char *v = cd_doc_field_value (ctx, p, i, name);
  return v != NULL ? v : g_strdup ("");
}

CdPageRenderer *
cd_page_renderer_new (CdPageDocument      document,
                      const CdDocContext *ctx)
{
  CdPageRenderer *self = g_new0 (CdPageRenderer, 1);

  self->document = document;
  self->ctx = ctx;
  self->blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) block_free);
  self->pages = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  if (document == CD_PAGE_REGISTER)
    cd_page_build_register (self);
  else if (document == CD_PAGE_HANDOVER)
    cd_page_build_handover (self);
  return self;
}

void
cd_page_renderer_add_frame (CdPageRenderer *self)
{
  g_return_if_fail (self->document == CD_PAGE_CUSTOM);
  cd_page_renderer_block (self, BLOCK_FRAME);
}

void
cd_page_renderer_add_numbered_frame (CdPageRenderer *self,
                                     const char     *number_line)
{
  g_return_if_fail (self->document == CD_PAGE_CUSTOM);
  cd_page_renderer_block (self, BLOCK_FRAME)->text = g_strdup (number_line);
}

void
cd_page_renderer_add_text (CdPageRenderer *self,
                           const char     *text,
                           double          size,
                           gboolean        bold,
                           gboolean        italic,
                           CdPageAlign     align,
                           double          space_before)
{
  Block *b;

  g_return_if_fail (self->document == CD_PAGE_CUSTOM);
  b = cd_page_renderer_para (self, text, size, bold, italic,
                align == CD_PAGE_ALIGN_CENTER ? PANGO_ALIGN_CENTER : PANGO_ALIGN_LEFT, space_before);
  if (align == CD_PAGE_ALIGN_BODY)
    {
      b->justify = TRUE;
      b->indent = 1.27 / 2.54 * 72;
    }
}

void
cd_page_renderer_add_table (CdPageRenderer     *self,
                            guint               n_cols,
                            const double       *widths,
                            const char * const *header,
                            GPtrArray          *rows,
                            double              size)
{
  Block *t;

  g_return_if_fail (self->document == CD_PAGE_CUSTOM);
  g_return_if_fail (n_cols > 0 && widths != NULL && header != NULL && rows != NULL);
  t = cd_page_renderer_table (self, n_cols, widths, header, size);
  g_ptr_array_unref (t->rows);
  t->rows = g_ptr_array_ref (rows);
}

void
cd_page_renderer_add_signatures (CdPageRenderer     *self,
                                 const char * const *left,
                                 const char * const *right,
                                 double              space_before)
{
  Block *t;

  g_return_if_fail (self->document == CD_PAGE_CUSTOM);
  t = cd_page_renderer_block (self, BLOCK_SIGN);
  t->before = space_before;
  for (guint i = 0; i < 3; i++)
    {
      t->sign[i] = left ? g_strdup (left[i]) : NULL;
      t->sign[3 + i] = right ? g_strdup (right[i]) : NULL;
    }
}

void
cd_page_renderer_add_signature_and_recipients (CdPageRenderer     *self,
                                               const char * const *right,
                                               const char * const *recipients,
                                               double              space_before)
{
  Block *t;

  g_return_if_fail (self->document == CD_PAGE_CUSTOM);
  g_return_if_fail (right != NULL && recipients != NULL && recipients[0] != NULL);
  cd_page_renderer_add_signatures (self, NULL, right, space_before);
  t = g_ptr_array_index (self->blocks, self->blocks->len - 1);
  t->recipients = g_strdupv ((char **) recipients);
}

void
cd_page_renderer_add_drawing (CdPageRenderer *self,
                              double          height,
                              CdPageDrawFunc  func,
                              gpointer        data,
                              double          space_before)
{
  Block *b;

  g_return_if_fail (self->document == CD_PAGE_CUSTOM);
  g_return_if_fail (func != NULL);
  b = cd_page_renderer_block (self, BLOCK_DRAWING);
  b->draw = func;
  b->draw_data = data;
  b->draw_height = height;
  b->before = space_before;
}

void
cd_page_renderer_free (CdPageRenderer *self)
{
  if (self == NULL)
    return;
  g_ptr_array_unref (self->blocks);
  g_ptr_array_unref (self->pages);
  g_free (self);
}

void
cd_page_renderer_page_size (CdPageRenderer *self,
                            double         *width,
                            double         *height)
{
  gboolean landscape = self->document == CD_PAGE_REGISTER;

  *width = landscape ? A4_LONG : A4_SHORT;
  *height = landscape ? A4_SHORT : A4_LONG;
}

/* ---- Text --------------------------------------------------------- */

static PangoLayout *
text_layout (cairo_t        *cr,
             const char     *text,
             double          size,
             gboolean        bold,
             gboolean        italic,
             double          width,
             PangoAlignment  align)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *fd = pango_font_description_new ();

  pango_font_description_set_family (fd, cd_page_renderer_font_family ());
  pango_font_description_set_absolute_size (fd, size * PANGO_SCALE);
  pango_font_description_set_weight (fd, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_font_description_set_style (fd, italic ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL);
  pango_layout_set_font_description (layout, fd);
  pango_font_description_free (fd);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_alignment (layout, align);
  pango_layout_set_text (layout, text != NULL ? text : "", -1);
  /* A serial or an e-mail address broken across two lines of a cell must
   * stay the same characters: a hyphen at the break reads as part of
   * the number (Pango may insert one where it breaks inside a word). */
  {
    PangoAttrList *attrs = pango_attr_list_new ();

    pango_attr_list_insert (attrs, pango_attr_insert_hyphens_new (FALSE));
    pango_layout_set_attributes (layout, attrs);
    pango_attr_list_unref (attrs);
  }
  return layout;
}

static double
layout_height (PangoLayout *layout)
{
  int w, h;

  pango_layout_get_size (layout, &w, &h);
  return (double) h / PANGO_SCALE;
}

/* Draws (when @draw) or measures a piece of text; returns its height. */
static double
put_text (cairo_t        *cr,
          gboolean        draw,
          double          x,
          double          y,
          double          width,
          const char     *text,
          double          size,
          gboolean        bold,
          gboolean        italic,
          PangoAlignment  align)
{
  g_autoptr(PangoLayout) layout = text_layout (cr, text, size, bold, italic, width, align);
  double h = layout_height (layout);

  if (draw)
    {
      cairo_move_to (cr, x, y);
      pango_cairo_show_layout (cr, layout);
    }
  return h;
}

static double
text_width (cairo_t    *cr,
            const char *text,
            double      size,
            gboolean    bold)
{
  g_autoptr(PangoLayout) layout = text_layout (cr, text, size, bold, FALSE, -1, PANGO_ALIGN_LEFT);
  int w, h;

  pango_layout_set_width (layout, -1);
  pango_layout_get_size (layout, &w, &h);
  return (double) w / PANGO_SCALE;
}

static void
rule (cairo_t *cr,
      double   cx,
      double   y,
      double   len)
{
  cairo_set_line_width (cr, 0.6);
  cairo_move_to (cr, cx - len / 2, y);
  cairo_line_to (cr, cx + len / 2, y);
  cairo_stroke (cr);
}

/* ---- Blocks ------------------------------------------------------- */

/* The header of Nghị định 30/2020: the managing body and the unit, the
 * number under them (@b's text, when the document is numbered) on the
 * line of the place and date under the motto. */
static double
frame_block (CdPageRenderer *self,
             Block          *b,
             cairo_t        *cr,
             gboolean        draw,
             double          y0)
{
  double content = self->width - MARGIN_LEFT - MARGIN_RIGHT;
  double lw = content * 0.40, rw = content - lw;
  double lx = MARGIN_LEFT, rx = MARGIN_LEFT + lw;
  g_autofree char *parent = cd_page_field (self->ctx, NULL, 0, "ten_don_vi_quan_ly");
  g_autofree char *unit = cd_page_field (self->ctx, NULL, 0, "ten_don_vi");
  g_autofree char *date = cd_page_field (self->ctx, NULL, 0, "dong_ngay_thang");
  const char *motto = "Độc lập - Tự do - Hạnh phúc";
  double yl = y0, yr = y0;

  yl += put_text (cr, draw, lx, yl, lw, parent, 13, FALSE, FALSE, PANGO_ALIGN_CENTER);
  yl += put_text (cr, draw, lx, yl, lw, unit, 13, TRUE, FALSE, PANGO_ALIGN_CENTER);
  if (draw)
    rule (cr, lx + lw / 2, yl + 2, lw / 3);
  yr += put_text (cr, draw, rx, yr, rw, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 12, TRUE, FALSE, PANGO_ALIGN_CENTER);
  yr += put_text (cr, draw, rx, yr, rw, motto, 13, TRUE, FALSE, PANGO_ALIGN_CENTER);
  if (draw)
    rule (cr, rx + rw / 2, yr + 1, MIN (text_width (cr, motto, 13, TRUE), rw));
  yr += 8;
  if (b->text != NULL)
    {
      double line = MAX (yl + 8, yr);

      yl = line + put_text (cr, draw, lx, line, lw, b->text, 13, FALSE, FALSE, PANGO_ALIGN_CENTER);
      yr = line;
    }
  yr += put_text (cr, draw, rx, yr, rw, date, 14, FALSE, TRUE, PANGO_ALIGN_CENTER);
  return MAX (yl, yr) - y0;
}

static double
para_block (CdPageRenderer *self,
            Block          *b,
            cairo_t        *cr,
            gboolean        draw,
            double          y)
{
  double content = self->width - MARGIN_LEFT - MARGIN_RIGHT;
  g_autoptr(PangoLayout) layout = text_layout (cr, b->text, b->size, b->bold, b->italic,
                                               content, b->align);
  if (b->justify)
    pango_layout_set_justify (layout, TRUE);
  if (b->indent > 0)
    pango_layout_set_indent (layout, (int) (b->indent * PANGO_SCALE));
  if (draw)
    {
      cairo_move_to (cr, MARGIN_LEFT, y + b->before);
      pango_cairo_show_layout (cr, layout);
    }
  return b->before + layout_height (layout);
}

/* The width of the widest word of @text (words: runs between spaces and
 * line breaks), summing each character's advance, measured once per
 * character in @advances: a register of 100,000 rows is not laid out
 * twice. */
static double
widest_word (cairo_t    *cr,
             GHashTable *advances,
             const char *text,
             double      size,
             gboolean    bold)
{
  double widest = 0, word = 0;

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return 0;
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar u = g_utf8_get_char (p);
      gpointer key = GUINT_TO_POINTER (u | (bold ? 0x80000000u : 0));
      gpointer cached;
      double w;

      if (u == ' ' || u == '\n' || u == '\t')
        {
          word = 0;
          continue;
        }
      if (g_hash_table_lookup_extended (advances, key, NULL, &cached))
        w = GPOINTER_TO_UINT (cached) / 1024.0;
      else
        {
          char one[8] = { 0 };

          g_unichar_to_utf8 (u, one);
          w = text_width (cr, one, size, bold);
          g_hash_table_insert (advances, key, GUINT_TO_POINTER ((guint) (w * 1024.0 + 0.5)));
        }
      word += w;
      widest = MAX (widest, word);
    }
  return widest;
}

/* The columns' widths in points: the given proportions, then a column
 * too narrow for its widest word (a serial, a device number, an e-mail
 * address) widened with room from the columns wider than their own
 * widest word; those keep at least 60 % of their width, so names do not
 * go one word to a line. The smallest shortfalls first: a 40-digit
 * serial that cannot fit leaves the room to those that can. */
static void
fit_columns (CdPageRenderer *self,
             Block          *b,
             cairo_t        *cr)
{
  double content = self->width - MARGIN_LEFT - MARGIN_RIGHT;
  double total = 0, spare = 0, taken = 0;
  g_autofree double *need = g_new0 (double, b->n_cols);
  g_autofree double *give = g_new0 (double, b->n_cols);
  g_autoptr(GHashTable) advances = g_hash_table_new (NULL, NULL);

  b->fitted = g_new0 (double, b->n_cols);
  for (guint c = 0; c < b->n_cols; c++)
    total += b->widths[c];
  for (guint c = 0; c < b->n_cols; c++)
    {
      b->fitted[c] = content * b->widths[c] / total;
      need[c] = widest_word (cr, advances, b->header[c], b->size, TRUE);
      for (guint r = 0; r < b->rows->len; r++)
        need[c] = MAX (need[c], widest_word (cr, advances, ((char **) g_ptr_array_index (b->rows, r))[c],
                                             b->size, FALSE));
      need[c] += 2 * CELL_PAD + 1;   /* a point for rounding */
      give[c] = MAX (0, b->fitted[c] - MAX (need[c], 0.6 * b->fitted[c]));
      spare += give[c];
    }
  while (spare - taken > 0.5)
    {
      int pick = -1;
      double more;

      for (guint c = 0; c < b->n_cols; c++)
        if (need[c] > b->fitted[c]
            && (pick < 0 || need[c] - b->fitted[c] < need[pick] - b->fitted[pick]))
          pick = (int) c;
      if (pick < 0)
        break;
      more = MIN (need[pick] - b->fitted[pick], spare - taken);
      taken += more;
      b->fitted[pick] += more;
      if (b->fitted[pick] < need[pick])
        break;
    }
  for (guint c = 0; c < b->n_cols && taken > 0; c++)
    b->fitted[c] -= give[c] * taken / spare;
}

static void
col_geometry (CdPageRenderer *self,
              Block          *b,
              cairo_t        *cr,
              double         *xs,
              double         *ws)
{
  double x = MARGIN_LEFT;

  if (b->fitted == NULL)
    fit_columns (self, b, cr);
  for (guint c = 0; c < b->n_cols; c++)
    {
      xs[c] = x;
      ws[c] = b->fitted[c];
      x += ws[c];
    }
}

/* One table row (header when @bold): height, drawn with borders. */
static double
row_block (CdPageRenderer *self,
           Block          *b,
           char          **cells,
           gboolean        bold,
           cairo_t        *cr,
           gboolean        draw,
           double          y)
{
  g_autofree double *xs = g_new (double, b->n_cols);
  g_autofree double *ws = g_new (double, b->n_cols);
  double h = 0;

  col_geometry (self, b, cr, xs, ws);
  for (guint c = 0; c < b->n_cols; c++)
    {
      PangoAlignment align = bold || c == 0 ? PANGO_ALIGN_CENTER : PANGO_ALIGN_LEFT;
      h = MAX (h, put_text (cr, FALSE, 0, 0, ws[c] - 2 * CELL_PAD, cells[c], b->size, bold, FALSE, align));
    }
  h += 2 * CELL_PAD;
  if (draw)
    {
      cairo_set_line_width (cr, 0.5);
      for (guint c = 0; c < b->n_cols; c++)
        {
          PangoAlignment align = bold || c == 0 ? PANGO_ALIGN_CENTER : PANGO_ALIGN_LEFT;
          put_text (cr, TRUE, xs[c] + CELL_PAD, y + CELL_PAD, ws[c] - 2 * CELL_PAD,
                    cells[c], b->size, bold, FALSE, align);
          cairo_rectangle (cr, xs[c], y, ws[c], h);
        }
      cairo_stroke (cr);
    }
  return h;
}

static double
sign_block (CdPageRenderer *self,
            Block          *b,
            cairo_t        *cr,
            gboolean        draw,
            double          y0)
{
  double content = self->width - MARGIN_LEFT - MARGIN_RIGHT;
  double half = content / 2;
  double best = 0;

  /* Nghị định 30/2020: "Nơi nhận:" on the line of the signer's title,
   * the places under it, smaller */
  if (b->recipients != NULL && b->sign[0] == NULL)
    {
      double y = y0 + b->before;

      y += put_text (cr, draw, MARGIN_LEFT, y, half, b->recipients[0], 12, TRUE, TRUE, PANGO_ALIGN_LEFT);
      for (guint i = 1; b->recipients[i] != NULL; i++)
        y += put_text (cr, draw, MARGIN_LEFT, y, half, b->recipients[i], 11, FALSE, FALSE, PANGO_ALIGN_LEFT);
      best = y - y0;
    }
  for (guint side = 0; side < 2; side++)
    {
      double x = MARGIN_LEFT + side * half;
      double y = y0 + b->before;

      if (b->sign[side * 3] == NULL)
        continue;
      y += put_text (cr, draw, x, y, half, b->sign[side * 3], 13, TRUE, FALSE, PANGO_ALIGN_CENTER);
      y += put_text (cr, draw, x, y, half, b->sign[side * 3 + 1], 13, FALSE, TRUE, PANGO_ALIGN_CENTER);
      y += 60; /* room for the signature and the stamp */
      y += put_text (cr, draw, x, y, half, b->sign[side * 3 + 2], 13, TRUE, FALSE, PANGO_ALIGN_CENTER);
      best = MAX (best, y - y0);
    }
  return best;
}

static void
page_number (CdPageRenderer *self,
             cairo_t        *cr,
             int             page)
{
  g_autofree char *n = g_strdup_printf ("%d", page + 1);

  put_text (cr, TRUE, MARGIN_LEFT, 10 * MM, self->width - MARGIN_LEFT - MARGIN_RIGHT,
            n, 13, FALSE, FALSE, PANGO_ALIGN_CENTER);
}

static double
drawing_block (CdPageRenderer *self,
               Block          *b,
               cairo_t        *cr,
               gboolean        draw,
               double          y)
{
  if (draw)
    {
      cairo_save (cr);
      cairo_translate (cr, MARGIN_LEFT, y + b->before);
      b->draw (cr, self->width - MARGIN_LEFT - MARGIN_RIGHT, b->draw_height, b->draw_data);
      cairo_restore (cr);
    }
  return b->before + b->draw_height;
}

static double
block_height (CdPageRenderer *self,
              Block          *b,
              cairo_t        *cr)
{
  switch (b->type)
    {
    case BLOCK_DRAWING: return drawing_block (self, b, cr, FALSE, 0);
    case BLOCK_FRAME: return frame_block (self, b, cr, FALSE, 0);
    case BLOCK_PARA: return para_block (self, b, cr, FALSE, 0);
    case BLOCK_SIGN: return sign_block (self, b, cr, FALSE, 0);
    case BLOCK_TABLE:
    default: return 0;
    }
}

/* Height of the blocks from @first up to the next table or the end: what
 * follows a list (its closing text and signatures). */
static double
tail_height (CdPageRenderer *self,
             cairo_t        *cr,
             guint           first)
{
  double h = 0;

  for (guint i = first; i < self->blocks->len; i++)
    {
      Block *b = g_ptr_array_index (self->blocks, i);
      if (b->type == BLOCK_TABLE)
        break;
      h += block_height (self, b, cr);
    }
  return h;
}

int
cd_page_renderer_paginate (CdPageRenderer *self,
                           cairo_t        *cr,
                           double          width,
                           double          height)
{
  double bottom = height - MARGIN_BOTTOM;
  double y = MARGIN_TOP;
  GArray *page = g_array_new (FALSE, FALSE, sizeof (Placement));

  self->width = width;
  self->height = height;
  g_ptr_array_set_size (self->pages, 0);

  for (guint i = 0; i < self->blocks->len; i++)
    {
      Block *b = g_ptr_array_index (self->blocks, i);
      Placement pl = { i, 0, 0, 0 };
      double h;

      if (b->type == BLOCK_TABLE)
        {
          double head = row_block (self, b, b->header, TRUE, cr, FALSE, 0);
          double tail = tail_height (self, cr, i + 1);
          double rh = 0;
          guint r = 0;

          y += b->before;
          do
            {
              pl.row_start = r;
              pl.y = y;
              if (y + head > bottom && page->len > 0)
                goto new_page;
              y += head;
              while (r < b->rows->len)
                {
                  rh = row_block (self, b, g_ptr_array_index (b->rows, r), FALSE, cr, FALSE, 0);
                  if (y + rh > bottom && r > pl.row_start)
                    break;
                  y += rh;
                  r++;
                }
              /* The closing text and the signatures must not stand
               * alone on the last page: when they do not fit under the
               * list, its last row goes over with them. */
              if (r >= b->rows->len && r - pl.row_start >= 2 && tail > 0
                  && y + tail > bottom && MARGIN_TOP + head + rh + tail <= bottom)
                {
                  r--;
                  y -= rh;
                }
              pl.row_end = r;
              g_array_append_val (page, pl);
              if (r >= b->rows->len)
                break;
            new_page:
              g_ptr_array_add (self->pages, page);
              page = g_array_new (FALSE, FALSE, sizeof (Placement));
              y = MARGIN_TOP;
            }
          while (TRUE);
          continue;
        }

      h = block_height (self, b, cr);
      if (y + h > bottom && page->len > 0)
        {
          g_ptr_array_add (self->pages, page);
          page = g_array_new (FALSE, FALSE, sizeof (Placement));
          y = MARGIN_TOP;
        }
      pl.y = y;
      g_array_append_val (page, pl);
      y += h;
    }
  g_ptr_array_add (self->pages, page);
  return (int) self->pages->len;
}

void
cd_page_renderer_draw_page (CdPageRenderer *self,
                            cairo_t        *cr,
                            int             n)
{
  GArray *page;

  if (n < 0 || (guint) n >= self->pages->len)
    return;
  page = g_ptr_array_index (self->pages, n);
  cairo_save (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);
  /* Page numbers from page 2 (Nghị định 30/2020). */
  if (n > 0)
    page_number (self, cr, n);
  for (guint i = 0; i < page->len; i++)
    {
      Placement *pl = &g_array_index (page, Placement, i);
      Block *b = g_ptr_array_index (self->blocks, pl->block);
      double y = pl->y;

      switch (b->type)
        {
        case BLOCK_FRAME: frame_block (self, b, cr, TRUE, y); break;
        case BLOCK_PARA: para_block (self, b, cr, TRUE, y); break;
        case BLOCK_SIGN: sign_block (self, b, cr, TRUE, y); break;
        case BLOCK_DRAWING: drawing_block (self, b, cr, TRUE, y); break;
        case BLOCK_TABLE:
          y += row_block (self, b, b->header, TRUE, cr, TRUE, y);
          for (guint r = pl->row_start; r < pl->row_end; r++)
            y += row_block (self, b, g_ptr_array_index (b->rows, r), FALSE, cr, TRUE, y);
          break;
        default:
          break;
        }
    }
  cairo_restore (cr);
}

gboolean
cd_page_renderer_export_pdf (CdPageRenderer  *self,
                             const char      *target,
                             gboolean         overwrite,
                             GError         **error)
{
  CdPageRenderer *one[1] = { self };

  return cd_page_renderers_export_pdf (one, NULL, 1, target, overwrite, error);
}

/* The PDF's bytes, written by us rather than by cairo: the errno of the
 * first write that failed is kept then. Read after cairo_surface_finish()
 * it was whatever came last: GLib 2.74's GMutex leaves EAGAIN in errno
 * when a lock is contended (its futex call is a bare syscall()), and
 * Pango locks while the pages after the failure are drawn, so a full
 * disk was now and then told as "(error 11)" (cli-crash test_full_disk,
 * test /core/docs/pages/pdf-full). */
typedef struct {
  FILE *f;
  int   err;
} PdfOut;

static cairo_status_t
pdf_write (void                *closure,
           const unsigned char *data,
           unsigned int         len)
{
  PdfOut *out = closure;

  if (out->err != 0)
    return CAIRO_STATUS_WRITE_ERROR;
  errno = 0;
  if (len > 0 && fwrite (data, 1, len, out->f) != len)
    {
      out->err = errno != 0 ? errno : EIO;
      return CAIRO_STATUS_WRITE_ERROR;
    }
  return CAIRO_STATUS_SUCCESS;
}

gboolean
cd_page_renderers_export_pdf (CdPageRenderer * const *renderers,
                              const guint            *copies,
                              guint                   n_renderers,
                              const char             *target,
                              gboolean                overwrite,
                              GError                **error)
{
  g_autofree char *temp = NULL;
  PdfOut out = { NULL, 0 };
  cairo_surface_t *surface;
  cairo_t *cr;
  cairo_status_t status;
  double w, h;

  g_return_val_if_fail (n_renderers > 0, FALSE);
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
  cd_page_renderer_page_size (renderers[0], &w, &h);
  out.f = fopen (temp, "wb");
  if (out.f == NULL)
    {
      cd_file_set_io_error (error, target, errno);
      cd_atomic_abort (temp);
      return FALSE;
    }
  surface = cairo_pdf_surface_create_for_stream (pdf_write, &out, w, h);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "CertDesk");
  cr = cairo_create (surface);
  for (guint r = 0; r < n_renderers; r++)
    {
      int pages;

      cd_page_renderer_page_size (renderers[r], &w, &h);
      cairo_pdf_surface_set_size (surface, w, h);
      pages = cd_page_renderer_paginate (renderers[r], cr, w, h);
      for (guint c = 0; c < (copies != NULL ? copies[r] : 1); c++)
        for (int i = 0; i < pages; i++)
          {
            cd_page_renderer_draw_page (renderers[r], cr, i);
            cairo_show_page (cr);
          }
    }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  errno = 0;
  if (fclose (out.f) != 0 && out.err == 0)
    out.err = errno != 0 ? errno : EIO;
  if (status != CAIRO_STATUS_SUCCESS || out.err != 0)
    {
      cd_atomic_abort (temp);
      /* cairo says "error while writing to output stream": the errno
       * of the write that failed says what to do. */
      if (out.err != 0)
        cd_file_set_io_error (error, target, out.err);
      else if (status == CAIRO_STATUS_NO_MEMORY)
        g_set_error (error, CD_FILE_ERROR, CD_FILE_ERROR_FAILED,
                     _("There is not enough memory to draw the PDF file “%s”. Close other programs, then try again."),
                     target);
      else
        g_set_error (error, CD_FILE_ERROR, CD_FILE_ERROR_FAILED,
                     _("Could not write the PDF file “%s” (cairo error %d). Check the free disk space, then try again."),
                     target, (int) status);
      return FALSE;
    }
  if (!cd_atomic_commit (temp, target, overwrite, error))
    {
      cd_atomic_abort (temp);
      return FALSE;
    }
  return TRUE;
}
