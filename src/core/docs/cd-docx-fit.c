/* cd-docx-fit.c — numbers that never break in a narrow column
 *
 * A CCCD, a phone number, a date or a serial cut in two across lines
 * reads as two numbers (issue 15). When the Sở's own form gives such a
 * column less room than its longest token needs at the form's size, the
 * least intrusive fix is a smaller size for that column's filled cells,
 * never below 10 pt; the clerk is told what was changed. The built-in
 * lists' columns are CertDesk's own: there the column is first widened
 * with room taken from columns of text that wraps at spaces (names,
 * reasons), and only what still does not fit is set smaller.
 *
 * Widths are Times New Roman's advance widths (digits 0.5 em, '/' 0.278
 * em, letters as they are, Vietnamese ones as their letter without the
 * marks), the face Sở forms and the built-in lists use and LibreOffice's
 * Liberation Serif matches metric for metric; other characters count as
 * wide (0.722 em), so the estimate errs on the side of more room.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "cd-docx-private.h"

#define CD_FIT_MIN_HALF_POINTS 20   /* 10 pt */
#define CD_FIT_DEFAULT_MARGIN  108  /* twips, Word's default cell margin */
#define CD_FIT_MAX_TWIPS       31680 /* 22 inches, Word's widest page */

/* Times New Roman's advance widths of the Latin letters, in thousandths
 * of an em ("A" to "Z", then "a" to "z"). */
static const guint16 upper_widths[26] = {
  722, 667, 667, 722, 611, 556, 722, 722, 333, 389, 722, 611, 889,
  722, 722, 556, 722, 667, 556, 611, 722, 722, 944, 722, 722, 611,
};
static const guint16 lower_widths[26] = {
  444, 500, 444, 500, 444, 333, 500, 500, 278, 278, 500, 278, 778,
  500, 500, 500, 500, 333, 389, 278, 500, 500, 722, 500, 500, 444,
};

/* Advance width of @c in thousandths of an em. */
static guint
char_width (gunichar c)
{
  gunichar base[4];

  if (g_unichar_isdigit (c) && c < 0x80)
    return 500;
  switch (c)
    {
    case '/': case ':': case ';':
      return 278;
    case '.': case ',': case ' ':
      return 250;
    case '-': case '(': case ')':
      return 333;
    case '@':
      return 921;
    case 0x0110:  /* Đ */
      return 722;
    case 0x0111:  /* đ */
      return 500;
    default:
      break;
    }
  /* a Vietnamese letter is as wide as its letter without the marks
   * ("ượ" as "uo"): names and words keep their measure */
  if (c >= 0x80 && g_unichar_fully_decompose (c, FALSE, base, G_N_ELEMENTS (base)) > 0)
    c = base[0];
  if (c >= 'A' && c <= 'Z')
    return upper_widths[c - 'A'];
  if (c >= 'a' && c <= 'z')
    return lower_widths[c - 'a'];
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
  if (g_str_equal (field, "cccd") || g_str_has_prefix (field, "cccd_ngay_"))
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

/* ---- A placeholder template's list (the built-in lists) ------------- */

/* Fields whose text wraps at spaces: their column may give room to a
 * column of numbers, down to its widest word. */
static gboolean
field_is_text (const char *field)
{
  static const char *const text[] = {
    "ho_ten", "ho_ten_hoa", "ten_cts", "chuc_vu", "don_vi", "noi_cap_cccd", "ly_do",
    "noi_dung_thay_doi", "ghi_chu", "don_vi_cung_cap", "gioi_tinh", "trang_thai_cts",
  };

  for (guint i = 0; i < G_N_ELEMENTS (text); i++)
    if (g_str_equal (field, text[i]))
      return TRUE;
  return FALSE;
}

/* The widest word a value of @field may hold beyond the people the
 * context has (a paged list holds its first three only). */
static const char *
list_model (const char *field)
{
  const char *model = token_model (field);

  if (model != NULL && *model != '\0')
    return model;
  if (g_str_equal (field, "cts_tu_ngay") || g_str_equal (field, "cts_den_ngay"))
    return "00/00/0000";
  /* among the widest syllables of a name, of other words */
  if (g_str_equal (field, "ho_ten") || g_str_equal (field, "ten_cts"))
    return "Khương";
  if (field_is_text (field))
    return "nghiệp";
  return NULL;
}

typedef struct {
  xmlNode *tc;        /* the model row's cell */
  guint    grid;      /* its grid column */
  gint64   width;     /* twips, from the grid */
  gint64   margins;   /* its left and right margins, twips */
  guint    size;      /* half-points of its text; 0: unknown */
  guint    em;        /* its widest value word, thousandths of an em */
  gint64   need;      /* the room that word takes, with the margins */
  gint64   floor;     /* the narrowest the column may become */
  gboolean text;      /* wraps at spaces: gives room first */
  char    *header;    /* its header's text, or NULL */
} ListCol;

static void
list_col_clear (gpointer data)
{
  g_free (((ListCol *) data)->header);
}

static guint
half_points (xmlNode *rpr)
{
  gint64 size = w_number (child (rpr, "sz"), "val");

  return size > 0 && size < 2000 ? (guint) size : 0;
}

/* twips a word of @em thousandths of an em takes at @size half-points:
 * em·size/2000 pt, em·size/100 twips, rounded up */
static gint64
em_twips (guint em,
          guint size)
{
  return ((gint64) em * size + 99) / 100;
}

static guint
value_width (const char *field,
             const char *value)
{
  g_autofree char *broken = NULL;

  /* an address in a cell breaks after its "@" and before its dots */
  if (g_str_equal (field, "email"))
    return widest_word (broken = cd_docx_breakable_email (value));
  return widest_word (value);
}

/* The serial of the whole list that takes the most room: a paged list
 * measured it in its first pass, a list held whole is measured here the
 * same way, so that both give the same document. NULL: none. */
static const char *
widest_serial (const CdDocContext *ctx)
{
  const char *widest = NULL;
  guint em = 0;

  if (ctx->source != NULL)
    return ctx->widest_serial;
  for (guint i = 0; i < ctx->people->len; i++)
    {
      const CdDocPerson *p = g_ptr_array_index (ctx->people, i);

      if (p->cert != NULL && p->cert->serial != NULL && widest_word (p->cert->serial) > em)
        {
          em = widest_word (p->cert->serial);
          widest = p->cert->serial;
        }
    }
  return widest;
}

/* The widest word of @col's values for the fields @fields, and whether
 * they are all text. Only what a paged list knows is measured (its
 * first three people, its widest serial, the shapes of numbers and
 * words), so that it is written as the same list held whole. */
static void
measure_values (ListCol            *col,
                GPtrArray          *fields,
                const CdDocContext *ctx,
                const char         *serial)
{
  col->text = fields->len > 0;
  for (guint f = 0; f < fields->len; f++)
    {
      const char *field = g_ptr_array_index (fields, f);
      const char *model = list_model (field);
      gboolean in_text = g_str_equal (field, "thong_tin_cts");

      if (!field_is_text (field))
        col->text = FALSE;
      if (model != NULL)
        col->em = MAX (col->em, widest_word (model));
      for (guint i = 0; i < MIN (ctx->people->len, 3); i++)
        {
          g_autofree char *value = cd_doc_field_value (ctx, g_ptr_array_index (ctx->people, i),
                                                       i, field);
          if (value != NULL)
            col->em = MAX (col->em, value_width (field, value));
        }
      if (serial != NULL && (in_text || g_str_equal (field, "so_hieu_cts")))
        {
          /* "Số hiệu: SERIAL; hiệu lực…" */
          g_autofree char *word = g_strconcat (serial, in_text ? ";" : "", NULL);
          col->em = MAX (col->em, widest_word (word));
        }
    }
}

/* The room the header rows (every row but @model) need at @grid: their
 * widest word, bold counted a tenth wider. */
static gint64
header_need (xmlNode   *tbl,
             xmlNode   *model,
             ListCol   *col)
{
  g_autoptr(GPtrArray) rows = cd_form_table_rows (tbl);
  gint64 need = 0;

  for (guint r = 0; r < rows->len; r++)
    {
      xmlNode *tr = g_ptr_array_index (rows, r);
      xmlNode *tc;
      g_autofree char *text = NULL;
      guint size;

      if (tr == model || (tc = cell_at (tr, col->grid)) == NULL || cd_form_cell_span (tc) != 1)
        continue;
      text = cd_form_cell_text (tc);
      if (*text == '\0' || strstr (text, "{{") != NULL)
        continue;
      size = half_points (cd_w_first_text_rpr (tc));
      need = MAX (need, em_twips (widest_word (text) * 11 / 10, size ? size : col->size)
                        + col->margins);
      if (col->header == NULL)
        col->header = g_steal_pointer (&text);
    }
  return need;
}

/* Takes up to @want twips from the columns of @cols of text (@text_tier)
 * or of numbers, each in proportion to its room above its floor; returns
 * what it took. */
static gint64
take_room (GArray   *cols,
           gboolean  text_tier,
           gint64    want)
{
  gint64 slack = 0, taken = 0;

  for (guint i = 0; i < cols->len; i++)
    {
      ListCol *c = &g_array_index (cols, ListCol, i);
      if (c->text == text_tier && c->width > c->floor)
        slack += c->width - c->floor;
    }
  if (slack <= 0 || want <= 0)
    return 0;
  want = MIN (want, slack);
  for (guint i = 0; i < cols->len; i++)
    {
      ListCol *c = &g_array_index (cols, ListCol, i);
      gint64 give;

      if (c->text != text_tier || c->width <= c->floor)
        continue;
      give = (c->width - c->floor) * want / slack;
      c->width -= give;
      taken += give;
    }
  /* what rounding left, from whoever still has room */
  for (guint i = 0; taken < want && i < cols->len; i++)
    {
      ListCol *c = &g_array_index (cols, ListCol, i);
      gint64 give;

      if (c->text != text_tier || c->width <= c->floor)
        continue;
      give = MIN (c->width - c->floor, want - taken);
      c->width -= give;
      taken += give;
    }
  return taken;
}

/* How many of @cols lack room for their widest word. */
static guint
n_short (GArray *cols)
{
  guint n = 0;

  for (guint i = 0; i < cols->len; i++)
    if (g_array_index (cols, ListCol, i).need > g_array_index (cols, ListCol, i).width)
      n++;
  return n;
}

/* Writes the new widths of @cols into @tbl's grid and every row's cells
 * (w:tcW: Word lays out by it, LibreOffice by the grid). */
static void
set_widths (xmlNode *tbl,
            GArray  *cols)
{
  g_autoptr(GArray) grid = g_array_new (FALSE, TRUE, sizeof (gint64));
  g_autoptr(GPtrArray) rows = cd_form_table_rows (tbl);
  guint i = 0;

  for (xmlNode *g = child (child (tbl, "tblGrid"), "gridCol"); g != NULL; g = g->next)
    {
      gint64 w;

      if (!cd_w_is (g, "gridCol"))
        continue;
      w = w_number (g, "w");
      for (guint c = 0; c < cols->len; c++)
        if (g_array_index (cols, ListCol, c).grid == i)
          {
            g_autofree char *v = g_strdup_printf ("%" G_GINT64_FORMAT,
                                                  w = g_array_index (cols, ListCol, c).width);
            xmlSetNsProp (g, g->ns, (const xmlChar *) "w", (const xmlChar *) v);
          }
      g_array_append_val (grid, w);
      i++;
    }
  for (guint r = 0; r < rows->len; r++)
    {
      g_autoptr(GPtrArray) cells = cd_form_row_cells (g_ptr_array_index (rows, r));
      guint at = 0;

      for (guint c = 0; c < cells->len; c++)
        {
          xmlNode *tc = g_ptr_array_index (cells, c);
          xmlNode *tcw = child (child (tc, "tcPr"), "tcW");
          guint span = cd_form_cell_span (tc);
          gint64 w = 0;
          g_autofree char *v = NULL;

          for (guint k = at; k < at + span && k < grid->len; k++)
            w += g_array_index (grid, gint64, k);
          at += span;
          if (tcw == NULL || width_twips (tcw) < 0 || w <= 0)
            continue;
          v = g_strdup_printf ("%" G_GINT64_FORMAT, w);
          xmlSetNsProp (tcw, tcw->ns, (const xmlChar *) "w", (const xmlChar *) v);
        }
    }
}

void
cd_docx_fit_list_row (xmlNode            *model,
                      GPtrArray          *cell_fields,
                      const CdDocContext *ctx,
                      gboolean            widen)
{
  xmlNode *tbl = model->parent;
  g_autoptr(GPtrArray) cells = cd_form_row_cells (model);
  g_autoptr(GArray) cols = g_array_new (FALSE, TRUE, sizeof (ListCol));
  const char *serial = widest_serial (ctx);
  gint64 deficit = 0, got;
  guint at = 0;

  g_array_set_clear_func (cols, list_col_clear);
  if (!cd_w_is (tbl, "tbl") || cells->len != cell_fields->len)
    return;
  for (guint i = 0; i < cells->len; i++)
    {
      xmlNode *tc = g_ptr_array_index (cells, i);
      GPtrArray *fields = g_ptr_array_index (cell_fields, i);
      guint span = cd_form_cell_span (tc);
      ListCol col = { tc, at, 0, 0, 0, 0, 0, 0, FALSE, NULL };
      gint64 room;

      at += span;
      room = cell_room (tbl, tc, col.grid, &col.width);
      /* a cell over several grid columns cannot be widened alone */
      if (span != 1)
        widen = FALSE;
      /* no width, or one no page has (a damaged form): left as it is */
      if (room <= 0 || col.width > CD_FIT_MAX_TWIPS)
        {
          widen = FALSE;
          continue;
        }
      col.margins = col.width - room;
      col.size = half_points (cd_w_first_text_rpr (tc));
      measure_values (&col, fields, ctx, serial);
      col.need = col.size > 0 && col.em > 0 ? em_twips (col.em, col.size) + col.margins : 0;
      col.floor = fields->len == 0 || col.size == 0 ? col.width : col.need;
      col.floor = MAX (col.floor, header_need (tbl, model, &col));
      if (col.need > col.width)
        deficit += col.need - col.width;
      g_array_append_val (cols, col);
    }
  if (deficit == 0)
    return;

  if (widen)
    {
      /* text that wraps gives room first, then the spare room of the
       * other number columns; the short columns share what was taken in
       * proportion to what each lacks */
      got = take_room (cols, TRUE, deficit);
      got += take_room (cols, FALSE, deficit - got);
      for (guint i = 0, short_left = n_short (cols); i < cols->len && got > 0; i++)
        {
          ListCol *c = &g_array_index (cols, ListCol, i);
          gint64 lacks = c->need - c->width;
          gint64 give;

          if (lacks <= 0)
            continue;
          give = --short_left == 0 ? got : MIN (got, lacks * got / deficit);
          deficit -= lacks;
          c->width += give;
          got -= give;
        }
      set_widths (tbl, cols);
    }

  /* what still does not fit is set smaller, never below 10 pt */
  for (guint i = 0; i < cols->len; i++)
    {
      ListCol *c = &g_array_index (cols, ListCol, i);
      gint64 fits;
      g_autofree char *mm = NULL;
      const char *header = c->header != NULL ? c->header : "";

      /* a word of a name is not made smaller: only numbers */
      if (c->text || c->need <= c->width || c->em == 0)
        continue;
      fits = (c->width - c->margins) * 100 / c->em;
      if (fits >= c->size)
        continue;
      cd_form_cell_set_size (c->tc, (guint) MAX (fits, CD_FIT_MIN_HALF_POINTS));
      mm = cd_form_decimal_comma (c->width * 25.4 / 1440);
      if (fits >= CD_FIT_MIN_HALF_POINTS)
        {
          g_autofree char *pt = cd_form_decimal_comma (fits / 2.0);
          g_ptr_array_add (ctx->notes,
                           widen ? g_strdup_printf (_("Column “%s” is too narrow for its longest number even widened to %s mm: its numbers are set in %s pt so that none breaks across lines."),
                                                    header, mm, pt)
                                 : g_strdup_printf (_("Column “%s” of the form is narrow (%s mm): its numbers are set in %s pt so that none breaks across lines."),
                                                    header, mm, pt));
        }
      else
        g_ptr_array_add (ctx->notes,
                         widen ? g_strdup_printf (_("Column “%s” is too narrow for its longest number even widened to %s mm and set in 10 pt: it may break across lines."),
                                                  header, mm)
                               : g_strdup_printf (_("Column “%s” of the form is too narrow (%s mm) for its numbers even in 10 pt: they are set in 10 pt and may break across lines; widen the column in the form."),
                                                  header, mm));
    }
}
