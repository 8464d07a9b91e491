/* cd-docx-fit.c — numbers that never break in a Sở form's narrow column
 *
 * A CCCD, a phone number, a date or a serial cut in two across lines
 * reads as two numbers (issue 15). When the Sở's own form gives such a
 * column less room than its longest token needs at the form's size, the
 * least intrusive fix is a smaller size for that column's filled cells,
 * never below 10 pt; the clerk is told what was changed.
 *
 * Widths are Times New Roman's advance widths (digits 0.5 em, '/' 0.278
 * em), the face Sở forms use and LibreOffice's Liberation Serif matches
 * metric for metric; unknown characters count as wide (0.722 em), so the
 * estimate errs on the side of a smaller size.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "cd-docx-private.h"

#define CD_FIT_MIN_HALF_POINTS 20   /* 10 pt */
#define CD_FIT_DEFAULT_MARGIN  108  /* twips, Word's default cell margin */

/* Advance width of @c in thousandths of an em. */
static guint
char_width (gunichar c)
{
  if (g_unichar_isdigit (c) && c < 0x80)
    return 500;
  switch (c)
    {
    case '/': case ':':
      return 278;
    case '.': case ',': case ' ':
      return 250;
    case '-': case '(': case ')':
      return 333;
    case 'M':
      return 889;
    case 'W':
      return 944;
    case 'm':
      return 778;
    default:
      break;
    }
  if (c >= 'a' && c <= 'z')
    return c == 'w' ? 722 : 500;
  return 722;
}

/* The widest word of @text (words end at spaces and zero-width spaces,
 * where a line may break anyway), in thousandths of an em. */
static guint
widest_word (const char *text)
{
  guint widest = 0, word = 0;

  for (const char *p = text; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (c == ' ' || c == 0x200B || c == '\n' || c == '\t')
        word = 0;
      else
        word += char_width (c);
      widest = MAX (widest, word);
    }
  return widest;
}

guint
cd_docx_token_width (const char *text)
{
  return widest_word (text);
}

/* The shortest token a column of @field always holds ("" when any value
 * may be short), or NULL when the field's values may break anywhere. */
static const char *
token_model (const char *field)
{
  if (field == NULL)
    return NULL;
  if (g_str_equal (field, "cccd"))
    return "000000000000";
  if (g_str_equal (field, "ngay_sinh") || g_str_equal (field, "ngay_cap_cccd"))
    return "00/00/0000";
  if (g_str_equal (field, "dien_thoai"))
    return "0000000000";
  if (g_str_equal (field, "so_hieu_cts"))
    return "";
  return NULL;
}

static xmlNode *
child (xmlNode    *parent,
       const char *local)
{
  for (xmlNode *n = parent != NULL ? parent->children : NULL; n != NULL; n = n->next)
    if (cd_w_is (n, local))
      return n;
  return NULL;
}

/* The w:@attr of @node as a number, or -1. */
static gint64
w_number (xmlNode    *node,
          const char *attr)
{
  xmlChar *v;
  gint64 n = -1;

  if (node == NULL)
    return -1;
  v = xmlGetNsProp (node, (const xmlChar *) attr, (const xmlChar *) CD_W_NS);
  if (v != NULL && g_ascii_isdigit (v[0]))
    n = g_ascii_strtoll ((const char *) v, NULL, 10);
  xmlFree (v);
  return n;
}

/* A width element (w:tcW, w:left…) in twips, or -1 when given otherwise
 * (a percentage, auto). */
static gint64
width_twips (xmlNode *node)
{
  xmlChar *type;
  gboolean dxa;

  if (node == NULL)
    return -1;
  type = xmlGetNsProp (node, (const xmlChar *) "type", (const xmlChar *) CD_W_NS);
  dxa = type == NULL || g_str_equal ((const char *) type, "dxa");
  xmlFree (type);
  return dxa ? w_number (node, "w") : -1;
}

/* One side's margin from a w:tcMar or w:tblCellMar, or -1. */
static gint64
margin (xmlNode    *mar,
        const char *side,
        const char *logical)
{
  gint64 m = width_twips (child (mar, side));

  return m >= 0 ? m : width_twips (child (mar, logical));
}

/* The room for text in cell @tc at grid column @grid of @tbl, in twips
 * (its width minus its left and right margins); *out_width: the whole
 * cell's. -1 when the form does not say. */
static gint64
cell_room (xmlNode *tbl,
           xmlNode *tc,
           guint    grid,
           gint64  *out_width)
{
  xmlNode *tcpr = child (tc, "tcPr");
  xmlNode *tblpr = child (tbl, "tblPr");
  gint64 width = width_twips (child (tcpr, "tcW"));
  gint64 from_grid = 0, left, right;
  guint span = cd_form_cell_span (tc), i = 0;

  /* Word lays out by w:tcW, LibreOffice by the grid: the narrower wins. */
  for (xmlNode *g = child (child (tbl, "tblGrid"), "gridCol"); g != NULL; g = g->next)
    {
      if (!cd_w_is (g, "gridCol"))
        continue;
      if (i >= grid && i < grid + span)
        {
          gint64 w = w_number (g, "w");
          if (w < 0)
            {
              from_grid = -1;
              break;
            }
          from_grid += w;
        }
      i++;
    }
  if (i < grid + span)
    from_grid = -1;
  if (from_grid > 0 && (width <= 0 || from_grid < width))
    width = from_grid;
  if (width <= 0)
    return -1;

  left = margin (child (tcpr, "tcMar"), "left", "start");
  if (left < 0)
    left = margin (child (tblpr, "tblCellMar"), "left", "start");
  right = margin (child (tcpr, "tcMar"), "right", "end");
  if (right < 0)
    right = margin (child (tblpr, "tblCellMar"), "right", "end");
  *out_width = width;
  return width - (left >= 0 ? left : CD_FIT_DEFAULT_MARGIN)
               - (right >= 0 ? right : CD_FIT_DEFAULT_MARGIN);
}

static xmlNode *
cell_at (xmlNode *tr,
         guint    grid)
{
  g_autoptr(GPtrArray) cells = cd_form_row_cells (tr);
  guint at = 0;

  for (guint i = 0; i < cells->len; i++)
    {
      xmlNode *tc = g_ptr_array_index (cells, i);
      if (at == grid)
        return tc;
      at += cd_form_cell_span (tc);
    }
  return NULL;
}

/* @value with one decimal at most and a decimal comma, as Vietnamese
 * writes it ("18,5"; "11" for 11.0), whatever the C library's locale:
 * the notes are read in Vietnamese even under LC_ALL=C. */
char *
cd_form_decimal_comma (double value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  char *text = g_strdup (g_ascii_formatd (buf, sizeof buf, "%.1f", value));
  char *dot = strchr (text, '.');

  if (dot != NULL && g_str_equal (dot, ".0"))
    *dot = '\0';
  else if (dot != NULL)
    *dot = ',';
  return text;
}

void
cd_form_narrow_column_free (CdFormNarrowColumn *col)
{
  if (col == NULL)
    return;
  g_free (col->header);
  g_free (col->field);
  g_free (col);
}

GArray *
cd_form_fit_sizes (xmlNode            *tbl,
                   xmlNode            *model,
                   GPtrArray          *columns,
                   xmlNode            *look,
                   const CdDocContext *ctx,
                   GPtrArray          *narrow)
{
  GArray *sizes = g_array_sized_new (FALSE, TRUE, sizeof (guint), columns->len);
  gint64 size = w_number (child (look, "sz"), "val");

  g_array_set_size (sizes, columns->len);
  /* The form's size unknown (no w:sz on its text): nothing to compare. */
  if (size <= 0)
    return sizes;

  for (guint c = 0; c < columns->len; c++)
    {
      CdFormColumn *col = g_ptr_array_index (columns, c);
      const char *model_token = token_model (col->field);
      xmlNode *tc = cell_at (model, col->column);
      gint64 room, width = 0, fits;
      guint em = 0;
      g_autofree char *mm = NULL;

      if (model_token == NULL || tc == NULL)
        continue;
      /* A check has no people: a serial is judged by a typical one, the
       * 16 hexadecimal digits of a chuyên dùng certificate's. */
      if (narrow != NULL && *model_token == '\0')
        model_token = "540101014A3F9C2E";
      em = widest_word (model_token);
      for (guint i = 0; i < ctx->people->len; i++)
        {
          g_autofree char *value = cd_doc_field_value (ctx, g_ptr_array_index (ctx->people, i),
                                                       i, col->field);
          em = MAX (em, widest_word (value));
        }
      /* a paged list holds its first three people only */
      if (ctx->source != NULL && ctx->widest_serial != NULL && g_str_equal (col->field, "so_hieu_cts"))
        em = MAX (em, widest_word (ctx->widest_serial));
      room = cell_room (tbl, tc, col->column, &width);
      if (em == 0 || room <= 0)
        continue;

      /* a token of @em thousandths at s half-points is em·s/2000 pt,
       * em·s/100 twips wide */
      fits = room * 100 / em;
      if (fits >= size)
        continue;
      g_array_index (sizes, guint, c) = (guint) MAX (fits, CD_FIT_MIN_HALF_POINTS);
      if (narrow != NULL)
        {
          CdFormNarrowColumn *n = g_new0 (CdFormNarrowColumn, 1);
          n->column = col->column;
          n->header = g_strdup (col->header);
          n->field = g_strdup (col->field);
          n->width_mm = width * 25.4 / 1440;
          n->form_pt = size / 2.0;
          n->fit_pt = fits >= CD_FIT_MIN_HALF_POINTS ? fits / 2.0 : 0;
          g_ptr_array_add (narrow, n);
        }
      mm = cd_form_decimal_comma (width * 25.4 / 1440);
      if (fits >= CD_FIT_MIN_HALF_POINTS)
        {
          g_autofree char *pt = cd_form_decimal_comma (fits / 2.0);
          g_ptr_array_add (ctx->notes,
                           g_strdup_printf (_("Column “%s” of the form is narrow (%s mm): its numbers are set in %s pt so that none breaks across lines."),
                                            col->header, mm, pt));
        }
      else
        g_ptr_array_add (ctx->notes,
                         g_strdup_printf (_("Column “%s” of the form is too narrow (%s mm) for its numbers even in 10 pt: they are set in 10 pt and may break across lines; widen the column in the form."),
                                          col->header, mm));
    }
  return sizes;
}

void
cd_form_cell_set_size (xmlNode *tc,
                       guint    half_points)
{
  g_autoptr(GPtrArray) runs = g_ptr_array_new ();
  g_autofree char *val = g_strdup_printf ("%u", half_points);
  xmlNode *rpr;

  if (half_points == 0)
    return;
  rpr = xmlNewNode (tc->ns, (const xmlChar *) "rPr");
  xmlNewNsProp (xmlNewChild (rpr, tc->ns, (const xmlChar *) "sz", NULL),
                tc->ns, (const xmlChar *) "val", (const xmlChar *) val);
  xmlNewNsProp (xmlNewChild (rpr, tc->ns, (const xmlChar *) "szCs", NULL),
                tc->ns, (const xmlChar *) "val", (const xmlChar *) val);
  cd_w_collect (tc, "r", runs);
  for (guint i = 0; i < runs->len; i++)
    {
      xmlNode *r = g_ptr_array_index (runs, i);
      xmlNode *own = child (r, "rPr");
      xmlNode *next;

      /* the run's own size gives way: merging keeps what a run has */
      for (xmlNode *m = own != NULL ? own->children : NULL; m != NULL; m = next)
        {
          next = m->next;
          if (cd_w_is (m, "sz") || cd_w_is (m, "szCs"))
            {
              xmlUnlinkNode (m);
              xmlFreeNode (m);
            }
        }
      cd_w_rpr_merge (r, rpr, FALSE);
    }
  xmlFreeNode (rpr);
}
