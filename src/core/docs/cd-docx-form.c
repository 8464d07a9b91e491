/* cd-docx-form.c — filling the Sở's own Word form, with no placeholders
 *
 * The form arrives as the Sở made it: a frame (TÊN ĐƠN VỊ QUẢN LÝ, TÊN
 * ĐƠN VỊ, "……, ngày … tháng … năm …", a signature block) and a table whose
 * header names the columns, followed by a few blank numbered rows (1, 2,
 * 3). The clerk must send back that very file, so we change only what a
 * clerk would type: the blanks of the frame and the rows of the table.
 * Which field a header cell names is in cd-docx-form-fields.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>
#include <libxml/xmlerror.h>

#include "cd-docx-private.h"

/* ---- Table cells by grid column ------------------------------------- */

guint
cd_form_cell_span (xmlNode *tc)
{
  for (xmlNode *n = tc->children; n != NULL; n = n->next)
    if (cd_w_is (n, "tcPr"))
      for (xmlNode *m = n->children; m != NULL; m = m->next)
        if (cd_w_is (m, "gridSpan"))
          {
            xmlChar *v = xmlGetNsProp (m, (const xmlChar *) "val", (const xmlChar *) CD_W_NS);
            guint span = v ? (guint) g_ascii_strtoull ((const char *) v, NULL, 10) : 1;
            xmlFree (v);
            return span > 0 && span < 64 ? span : 1;
          }
  return 1;
}

/* The row's own cells (not those of a nested table). */
GPtrArray *
cd_form_row_cells (xmlNode *tr)
{
  GPtrArray *cells = g_ptr_array_new ();

  for (xmlNode *n = tr->children; n != NULL; n = n->next)
    {
      if (cd_w_is (n, "tc"))
        g_ptr_array_add (cells, n);
      else if (cd_w_is (n, "sdt"))   /* content control around cells */
        for (xmlNode *m = n->children; m != NULL; m = m->next)
          if (cd_w_is (m, "sdtContent"))
            for (xmlNode *c = m->children; c != NULL; c = c->next)
              if (cd_w_is (c, "tc"))
                g_ptr_array_add (cells, c);
    }
  return cells;
}

GPtrArray *
cd_form_table_rows (xmlNode *tbl)
{
  GPtrArray *rows = g_ptr_array_new ();

  for (xmlNode *n = tbl->children; n != NULL; n = n->next)
    if (cd_w_is (n, "tr"))
      g_ptr_array_add (rows, n);
  return rows;
}

/* Text with line breaks and tabs as spaces: a header typed as
 * "Số căn cước<br/>công dân" must still read as four words. */
static void
spaced_text (xmlNode *node,
             GString *out)
{
  for (xmlNode *n = node->children; n != NULL; n = n->next)
    {
      if (n->type != XML_ELEMENT_NODE)
        continue;
      if (cd_w_is (n, "t"))
        {
          xmlChar *c = xmlNodeGetContent (n);
          g_string_append (out, c ? (const char *) c : "");
          xmlFree (c);
        }
      else if (cd_w_is (n, "br") || cd_w_is (n, "cr") || cd_w_is (n, "tab"))
        g_string_append_c (out, ' ');
      else if (!cd_w_is (n, "tbl") && !cd_w_is (n, "delText"))
        spaced_text (n, out);
    }
}

char *
cd_form_cell_text (xmlNode *tc)
{
  GString *s = g_string_new (NULL);

  for (xmlNode *n = tc->children; n != NULL; n = n->next)
    if (cd_w_is (n, "p"))
      {
        if (s->len > 0)
          g_string_append_c (s, ' ');
        spaced_text (n, s);
      }
  return g_strstrip (g_string_free (s, FALSE));
}

/* The cell's paragraph numbers itself (Word's automatic list): writing
 * our own "1" too would print "1. 1". */
static gboolean
cell_is_auto_numbered (xmlNode *tc)
{
  g_autoptr(GPtrArray) num = g_ptr_array_new ();

  cd_w_collect (tc, "numPr", num);
  return num->len > 0;
}

static void
cell_set_text (xmlNode    *tc,
               const char *text)
{
  xmlNode *first = NULL;
  xmlNode *next;

  for (xmlNode *n = tc->children; n != NULL; n = next)
    {
      next = n->next;
      if (!cd_w_is (n, "p"))
        continue;
      if (first == NULL)
        first = n;
      else
        {
          xmlUnlinkNode (n);
          xmlFreeNode (n);
        }
    }
  if (first == NULL)
    first = xmlNewChild (tc, tc->ns, (const xmlChar *) "p", NULL);
  cd_w_para_set_text (first, text);
}

gboolean
cd_form_texts_blank_numbered (GPtrArray *texts)
{
  if (texts->len < 2)
    return FALSE;
  for (guint i = 0; i < texts->len; i++)
    {
      const char *t = g_ptr_array_index (texts, i);
      if (i == 0)
        {
          for (const char *c = t; *c; c++)
            if (!g_ascii_isdigit (*c) && *c != '.')
              return FALSE;
        }
      else if (*t != '\0')
        {
          /* "…" or dots typed as a blank still count as blank */
          for (const char *c = t; *c; c = g_utf8_next_char (c))
            {
              gunichar u = g_utf8_get_char (c);
              if (u != '.' && u != 0x2026 && u != '_' && !g_unichar_isspace (u))
                return FALSE;
            }
        }
    }
  return TRUE;
}

/* A row's cells as texts and grid spans, for the helpers on texts. */
static GPtrArray *
row_texts (xmlNode  *tr,
           GArray  **out_spans)
{
  g_autoptr(GPtrArray) cells = cd_form_row_cells (tr);
  GPtrArray *texts = g_ptr_array_new_with_free_func (g_free);

  if (out_spans != NULL)
    *out_spans = g_array_sized_new (FALSE, FALSE, sizeof (guint), cells->len);
  for (guint i = 0; i < cells->len; i++)
    {
      g_ptr_array_add (texts, cd_form_cell_text (g_ptr_array_index (cells, i)));
      if (out_spans != NULL)
        {
          guint span = cd_form_cell_span (g_ptr_array_index (cells, i));
          g_array_append_val (*out_spans, span);
        }
    }
  return texts;
}

gboolean
cd_form_row_is_blank_numbered (xmlNode *tr)
{
  g_autoptr(GPtrArray) texts = row_texts (tr, NULL);

  return cd_form_texts_blank_numbered (texts);
}

/* Maps a header row: array indexed by grid column of field names (or
 * NULL); returns the number of mapped columns. */
static guint
map_header (xmlNode    *tr,
            GPtrArray **out_columns)
{
  g_autoptr(GArray) spans = NULL;
  g_autoptr(GPtrArray) texts = row_texts (tr, &spans);

  return cd_form_map_header_texts (texts, (const guint *) spans->data, out_columns);
}

static const char *
field_at (GPtrArray *columns,
          GArray    *sizes,
          guint      grid,
          guint     *out_size)
{
  *out_size = 0;
  for (guint i = 0; i < columns->len; i++)
    {
      CdFormColumn *col = g_ptr_array_index (columns, i);
      if (col->column == grid)
        {
          *out_size = g_array_index (sizes, guint, i);
          return col->field;
        }
    }
  return NULL;
}

/* Gives every run of @tc the properties of @look it lacks: a blank cell
 * saved by Word is a bare paragraph, and its text would otherwise take
 * the document's default font (Calibri, Cambria) next to the form's;
 * one saved by LibreOffice restates that default, which gives way too
 * (@defaults, cd-docx-look.c). */
static void
cell_take_look (xmlNode    *tc,
                CdDocxLook *defaults,
                xmlNode    *look,
                gboolean    from_header)
{
  g_autoptr(GPtrArray) runs = g_ptr_array_new ();

  if (look == NULL)
    return;
  cd_w_collect (tc, "r", runs);
  for (guint i = 0; i < runs->len; i++)
    cd_docx_look_apply (defaults, g_ptr_array_index (runs, i), look, from_header);
}

/* Fills row @tr for the @index-th person, or with @rows' stand-ins. */
static void
fill_row (xmlNode            *tr,
          GPtrArray          *columns,
          GArray             *sizes,
          const CdDocContext *ctx,
          guint               index,
          CdDocxRows         *rows,
          CdDocxLook         *defaults,
          xmlNode            *look,
          gboolean            look_from_header)
{
  g_autoptr(GPtrArray) cells = cd_form_row_cells (tr);
  const CdDocPerson *person = rows == NULL ? g_ptr_array_index (ctx->people, index) : NULL;
  guint grid = 0;

  for (guint i = 0; i < cells->len; i++)
    {
      xmlNode *tc = g_ptr_array_index (cells, i);
      guint size;
      const char *field = field_at (columns, sizes, grid, &size);
      g_autofree char *value = NULL;

      if (field != NULL && g_str_equal (field, "stt") && cell_is_auto_numbered (tc))
        field = NULL;
      if (field == NULL)
        value = g_strdup ("");
      else if (rows != NULL)
        value = cd_docx_rows_stand_in (rows, field, CD_DOCX_VALUE_PLAIN);
      else
        value = cd_doc_field_value (ctx, person, index, field);

      cell_set_text (tc, value ? value : "");
      cell_take_look (tc, defaults, look, look_from_header);
      if (field != NULL)
        cd_form_cell_set_size (tc, size);
      grid += cd_form_cell_span (tc);
    }
}

static void
make_bold (xmlNode *p)
{
  g_autoptr(GPtrArray) runs = g_ptr_array_new ();

  cd_w_collect (p, "r", runs);
  for (guint i = 0; i < runs->len; i++)
    {
      xmlNode *r = g_ptr_array_index (runs, i);
      xmlNode *rpr = NULL;

      for (xmlNode *n = r->children; n != NULL; n = n->next)
        if (cd_w_is (n, "rPr"))
          rpr = n;
      if (rpr == NULL)
        {
          rpr = xmlNewNode (r->ns, (const xmlChar *) "rPr");
          if (r->children != NULL)
            xmlAddPrevSibling (r->children, rpr);
          else
            xmlAddChild (r, rpr);
        }
      for (xmlNode *n = rpr->children; n != NULL; n = n->next)
        if (cd_w_is (n, "b"))
          goto next;
      /* w:b comes early in rPr's sequence; after rStyle/rFonts is fine
       * for Word and LibreOffice, first is safest. */
      {
        xmlNode *b = xmlNewNode (r->ns, (const xmlChar *) "b");
        xmlNode *after = NULL;
        for (xmlNode *n = rpr->children; n != NULL; n = n->next)
          if (cd_w_is (n, "rStyle") || cd_w_is (n, "rFonts"))
            after = n;
        if (after != NULL)
          xmlAddNextSibling (after, b);
        else if (rpr->children != NULL)
          xmlAddPrevSibling (rpr->children, b);
        else
          xmlAddChild (rpr, b);
      }
    next:
      ;
    }
}

static gboolean
para_is_empty (xmlNode *p)
{
  g_autofree char *t = cd_w_para_text (p);
  g_strstrip (t);
  return *t == '\0';
}

/* Puts the signer's name below the signature note "(Ký, ghi rõ họ tên,
 * đóng dấu)": in the last of the blank lines that follow it, or in new
 * lines when the form has none. */
static void
fill_signer (xmlNode    *note,
             const char *name,
             CdDocxLook *defaults)
{
  xmlNode *last_empty = NULL;
  guint empties = 0;

  for (xmlNode *n = note->next; n != NULL; n = n->next)
    {
      if (n->type != XML_ELEMENT_NODE)
        continue;
      if (!cd_w_is (n, "p") || !para_is_empty (n))
        break;
      last_empty = n;
      empties++;
    }
  if (empties < 2)
    {
      xmlNode *after = note;
      for (guint i = 0; i < 4; i++)
        {
          xmlNode *p = xmlNewNode (note->ns, (const xmlChar *) "p");
          for (xmlNode *m = note->children; m != NULL; m = m->next)
            if (cd_w_is (m, "pPr"))
              xmlAddChild (p, cd_w_clone (m, note->parent));
          after = xmlAddNextSibling (after, p);
        }
      last_empty = after;
    }
  cd_w_para_set_text (last_empty, name);
  /* The name takes the block's font, not the document's default. */
  {
    g_autoptr(GPtrArray) runs = g_ptr_array_new ();
    xmlNode *look = cd_w_first_text_rpr (note);

    cd_w_collect (last_empty, "r", runs);
    for (guint i = 0; i < runs->len; i++)
      cd_docx_look_apply (defaults, g_ptr_array_index (runs, i), look, TRUE);
  }
  make_bold (last_empty);
}

static void
fill_frame (xmlDoc             *doc,
            const CdDocContext *ctx,
            CdDocxLook         *defaults)
{
  g_autoptr(GPtrArray) paras = g_ptr_array_new ();
  g_autoptr(GRegex) date_re =
    g_regex_new ("^[^,]{0,60},\\s*ngày[\\s.…_0-9]*tháng[\\s.…_0-9]*năm[\\s.…_0-9]*$",
                 G_REGEX_CASELESS, 0, NULL);
  g_autofree char *parent = cd_doc_field_value (ctx, NULL, 0, "ten_don_vi_quan_ly");
  g_autofree char *unit = cd_doc_field_value (ctx, NULL, 0, "ten_don_vi");
  g_autofree char *date_line = cd_doc_field_value (ctx, NULL, 0, "dong_ngay_thang");
  g_autofree char *signer = cd_doc_field_value (ctx, NULL, 0, "nguoi_ky");
  /* "Số: ……/……" or "Số:      /KH-THCS": the number the clerk typed in
   * the wizard replaces the blank; none typed leaves the form's blank */
  g_autoptr(GRegex) number_re =
    g_regex_new ("^Số\\s*:[\\s\\x{00A0}.…_]*(/[^,;:]{0,40})?$", G_REGEX_CASELESS, 0, NULL);
  gboolean has_number = ctx->doc_number != NULL && *ctx->doc_number != '\0';

  cd_w_collect (xmlDocGetRootElement (doc), "p", paras);
  for (guint i = 0; i < paras->len; i++)
    {
      xmlNode *p = g_ptr_array_index (paras, i);
      g_autofree char *text = cd_w_para_text (p);
      g_autofree char *norm = NULL;

      g_strstrip (text);
      if (*text == '\0' || strlen (text) > 200)
        continue;
      norm = cd_form_normalise (text);
      if (g_str_equal (norm, "ten don vi quan ly") || g_str_equal (norm, "ten co quan chu quan")
          || g_str_equal (norm, "co quan chu quan"))
        cd_w_para_set_text (p, parent);
      else if (g_str_equal (norm, "ten don vi") || g_str_equal (norm, "ten co quan"))
        cd_w_para_set_text (p, unit);
      else if (g_regex_match (date_re, text, 0, NULL))
        cd_w_para_set_text (p, date_line);
      else if (has_number && g_regex_match (number_re, text, 0, NULL))
        {
          g_autofree char *line = g_strdup_printf ("Số: %s", ctx->doc_number);
          cd_w_para_set_text (p, line);
        }
      else if (g_str_has_prefix (norm, "ky ghi") && cd_form_has_words (norm, "ho ten") && text[0] == '('
               && signer != NULL && *signer != '\0')
        fill_signer (p, signer, defaults);
    }
}

/* A two-row header ("Căn cước công dân" over "Số | Ngày cấp | Nơi cấp"):
 * the row under the header names the columns its merged cells cover. */
static xmlNode *
merge_sub_header (xmlNode   *header,
                  GPtrArray *columns)
{
  xmlNode *sub = header->next;
  g_autoptr(GArray) spans = NULL;
  g_autoptr(GPtrArray) texts = NULL;

  while (sub != NULL && !cd_w_is (sub, "tr"))
    sub = sub->next;
  if (sub == NULL)
    return NULL;
  texts = row_texts (sub, &spans);
  if (cd_form_texts_blank_numbered (texts))
    return NULL;
  return cd_form_merge_sub_header_texts (texts, (const guint *) spans->data, columns) ? sub : NULL;
}

/* Rows under the header that hold something: what a filled list has
 * and a blank form has not. */
static guint
count_filled_rows (GPtrArray *rows,
                   guint      header)
{
  guint n = 0;

  for (guint r = header + 1; r < rows->len; r++)
    {
      xmlNode *tr = g_ptr_array_index (rows, r);
      g_autoptr(GPtrArray) cells = NULL;

      if (cd_form_row_is_blank_numbered (tr))
        continue;
      cells = cd_form_row_cells (tr);
      for (guint i = 1; i < cells->len; i++)
        {
          g_autofree char *t = cd_form_cell_text (g_ptr_array_index (cells, i));
          if (*t != '\0')
            {
              n++;
              break;
            }
        }
    }
  return n;
}

/* Whether a header row with @score and @filled rows under it is a better
 * list than the best so far (@best_score, @best_filled; @first: none
 * yet): read back, the list is the table the school filled in, then the
 * header naming the most columns; else the header alone. */
static gboolean
header_beats (gboolean prefer_filled,
              gboolean first,
              guint    score,
              guint    filled,
              guint    best_score,
              guint    best_filled)
{
  if (prefer_filled)
    return first || filled > best_filled || (filled == best_filled && score > best_score);
  return score > best_score;
}

/* The header row of @tbl a list would be filled under: of its first
 * rows (a title row may come first), the one whose cells name the most
 * columns, at least 3, in the order of header_beats(); the earlier row
 * wins a tie. A form may hold both lists (seed 002: the request and the
 * revocation list): with @kind, a header whose columns are of @kind's
 * list scores 100 more, so the revocation one is for revocations only.
 * NULL when no row names 3 columns; else its score, the filled rows
 * under it (counted with @prefer_filled only, else 0) and its columns
 * (@cols_out, owned by the caller). */
static xmlNode *
best_header_row (xmlNode     *tbl,
                 const char  *kind,
                 gboolean     prefer_filled,
                 guint       *score_out,
                 guint       *filled_out,
                 GPtrArray  **cols_out)
{
  g_autoptr(GPtrArray) rows = cd_form_table_rows (tbl);
  g_autoptr(GPtrArray) best_cols = NULL;
  xmlNode *best_header = NULL;
  guint best_score = 0, best_filled = 0;

  for (guint r = 0; r < rows->len && r < 3; r++)
    {
      GPtrArray *cols = NULL;
      guint score = map_header (g_ptr_array_index (rows, r), &cols);
      guint filled = 0;

      /* a list of the kind's sort first, then one that may be */
      if (score >= 3 && kind != NULL)
        score += 50 * cd_form_sort_serves (cd_form_columns_sort (cols), kind);
      if (score >= 3 && prefer_filled)
        filled = count_filled_rows (rows, r);

      if (score >= 3 && header_beats (prefer_filled, best_header == NULL,
                                      score, filled, best_score, best_filled))
        {
          best_score = score;
          best_filled = filled;
          best_header = g_ptr_array_index (rows, r);
          g_clear_pointer (&best_cols, g_ptr_array_unref);
          best_cols = cols;
        }
      else
        g_ptr_array_unref (cols);
    }
  if (score_out != NULL)
    *score_out = best_score;
  if (filled_out != NULL)
    *filled_out = best_filled;
  *cols_out = g_steal_pointer (&best_cols);
  return best_header;
}

/* Whether another list (a table whose header names at least 3 columns)
 * follows @tbl in the body: seed 002's revocation list after its request
 * list. The text after @tbl is then not one list's closing lines. */
static gboolean
list_follows (xmlNode *tbl)
{
  for (xmlNode *n = tbl->next; n != NULL; n = n->next)
    {
      g_autoptr(GPtrArray) tbls = g_ptr_array_new ();

      if (cd_w_is (n, "tbl"))
        g_ptr_array_add (tbls, n);
      cd_w_collect (n, "tbl", tbls);
      for (guint i = 0; i < tbls->len; i++)
        {
          g_autoptr(GPtrArray) cols = NULL;

          if (best_header_row (g_ptr_array_index (tbls, i), NULL, FALSE, NULL, NULL, &cols) != NULL)
            return TRUE;
        }
    }
  return FALSE;
}

void
cd_form_table_clear (CdFormTable *table)
{
  g_clear_pointer (&table->columns, g_ptr_array_unref);
  table->tbl = table->header = table->sub_header = NULL;
}

void
cd_form_table_free (CdFormTable *table)
{
  if (table == NULL)
    return;
  cd_form_table_clear (table);
  g_free (table);
}

/* A "Lý do" says whose reason it is when it says more than that: "Lý do
 * thu hồi" is a revocation's, "Lý do cấp lại" (the built-in re-issue
 * list) or "Lý do khôi phục" a request's. Every "Lý do" was taken for a
 * revocation's, so a Sở's re-issue form was refused for a re-issue. */
CdFormSort
cd_form_column_sort (const char *field,
                     const char *header)
{
  static const char *const request[] = { "cap lai", "cap moi", "gia han", "thay doi",
                                         "khoi phuc", "de nghi", "hom thu" };
  g_autofree char *h = NULL;

  if (g_strcmp0 (field, "thong_tin_cts") == 0)
    return CD_FORM_SORT_REVOCATION;
  if (g_strcmp0 (field, "ly_do") != 0)
    return CD_FORM_SORT_REQUEST;
  h = cd_form_normalise (header != NULL ? header : "");
  if (cd_form_has_words (h, "thu hoi"))
    return CD_FORM_SORT_REVOCATION;
  for (guint i = 0; i < G_N_ELEMENTS (request); i++)
    if (cd_form_has_words (h, request[i]))
      return CD_FORM_SORT_REQUEST;
  return CD_FORM_SORT_EITHER;
}

CdFormSort
cd_form_columns_sort (GPtrArray *columns)
{
  CdFormSort sort = CD_FORM_SORT_REQUEST;

  for (guint k = 0; k < columns->len; k++)
    {
      const CdFormColumn *col = g_ptr_array_index (columns, k);

      switch (cd_form_column_sort (col->field, col->header))
        {
        case CD_FORM_SORT_REVOCATION:
          return CD_FORM_SORT_REVOCATION;
        case CD_FORM_SORT_EITHER:
          sort = CD_FORM_SORT_EITHER;
          break;
        case CD_FORM_SORT_REQUEST:
        default:
          break;
        }
    }
  return sort;
}

guint
cd_form_sort_serves (CdFormSort  sort,
                     const char *kind)
{
  if (sort == CD_FORM_SORT_EITHER)
    return 1;
  return (sort == CD_FORM_SORT_REVOCATION) == cd_form_kind_revocation (kind) ? 2 : 0;
}

gboolean
cd_form_kind_revocation (const char *kind)
{
  return g_str_equal (kind, "thu-hoi") || g_str_equal (kind, "mau-05");
}

GPtrArray *
cd_form_list_tables (xmlDoc *doc,
                     GArray *places)
{
  g_autoptr(GPtrArray) tables = g_ptr_array_new ();
  GPtrArray *lists = g_ptr_array_new_with_free_func ((GDestroyNotify) cd_form_table_free);

  cd_w_collect (xmlDocGetRootElement (doc), "tbl", tables);
  for (guint t = 0; t < tables->len; t++)
    {
      xmlNode *tbl = g_ptr_array_index (tables, t);
      g_autoptr(GPtrArray) best_cols = NULL;
      /* the header row cd_form_find_table takes in this table */
      xmlNode *best_header = best_header_row (tbl, NULL, FALSE, NULL, NULL, &best_cols);
      CdFormTable *list;

      if (best_header == NULL)
        continue;
      list = g_new0 (CdFormTable, 1);
      list->tbl = tbl;
      list->header = best_header;
      list->sub_header = merge_sub_header (best_header, best_cols);
      list->columns = g_steal_pointer (&best_cols);
      g_ptr_array_add (lists, list);
      if (places != NULL)
        g_array_append_val (places, t);
    }
  return lists;
}

gboolean
cd_form_find_table (xmlDoc      *doc,
                    const char  *kind,
                    gboolean     prefer_filled,
                    CdFormTable *out)
{
  g_autoptr(GPtrArray) tables = g_ptr_array_new ();
  g_autoptr(GPtrArray) best_cols = NULL;
  xmlNode *best_tbl = NULL, *best_header = NULL;
  guint best_score = 0, best_filled = 0;

  memset (out, 0, sizeof *out);
  cd_w_collect (xmlDocGetRootElement (doc), "tbl", tables);
  for (guint t = 0; t < tables->len; t++)
    {
      xmlNode *tbl = g_ptr_array_index (tables, t);
      GPtrArray *cols = NULL;
      guint score = 0, filled = 0;
      xmlNode *header = best_header_row (tbl, kind, prefer_filled, &score, &filled, &cols);

      /* The same order as between a table's rows: the earlier table wins
       * a tie. */
      if (header != NULL && header_beats (prefer_filled, best_tbl == NULL,
                                          score, filled, best_score, best_filled))
        {
          best_score = score;
          best_filled = filled;
          best_tbl = tbl;
          best_header = header;
          g_clear_pointer (&best_cols, g_ptr_array_unref);
          best_cols = cols;
        }
      else if (cols != NULL)
        g_ptr_array_unref (cols);
    }
  if (best_tbl == NULL)
    return FALSE;
  out->tbl = best_tbl;
  out->header = best_header;
  out->sub_header = merge_sub_header (best_header, best_cols);
  out->columns = g_steal_pointer (&best_cols);
  return TRUE;
}

void
cd_form_set_no_table_error (GError **error)
{
  g_set_error (error, CD_DOCS_ERROR, CD_DOCS_ERROR_NOT_TEMPLATE,
               _("The Word file has no placeholders and no table whose header names the list's columns (Họ và tên, Ngày sinh, Số căn cước công dân…). Use a built-in form, or add placeholders such as {{ho_ten}} to the file."));
}

GPtrArray *
cd_form_fill_table (CdFormTable         *ft,
                    CdDocxLook          *defaults,
                    const CdDocContext  *ctx,
                    CdDocxRows          *rows_out,
                    GPtrArray           *narrow,
                    GError             **error)
{
  g_autoptr(GPtrArray) best_cols = g_steal_pointer (&ft->columns);
  xmlNode *best_tbl = ft->tbl, *best_header = ft->header, *sub_header = ft->sub_header;

  {
    g_autoptr(GPtrArray) rows = cd_form_table_rows (best_tbl);
    g_autoptr(GPtrArray) blanks = g_ptr_array_new ();
    g_autoptr(GArray) sizes = NULL;
    xmlNode *model = NULL, *look = NULL;
    xmlNode *copies[3];
    guint n_copies;
    gboolean after = FALSE, look_from_header = FALSE;

    for (guint r = 0; r < rows->len; r++)
      {
        xmlNode *tr = g_ptr_array_index (rows, r);
        if (tr == best_header)
          {
            after = TRUE;
            continue;
          }
        if (after && cd_form_row_is_blank_numbered (tr))
          g_ptr_array_add (blanks, tr);
      }

    if (blanks->len > 0)
      model = g_ptr_array_index (blanks, 0);
    else
      {
        /* No blank row: the rows go after the header, shaped like it but
         * not bold and not repeated as a header. */
        g_autoptr(GPtrArray) trpr = g_ptr_array_new ();
        model = cd_w_clone (best_header, best_header->parent);
        if (model == NULL)
          {
            cd_docx_set_no_memory (error, "word/document.xml");
            return NULL;
          }
        xmlAddNextSibling (best_header, model);
        cd_w_collect (model, "tblHeader", trpr);
        cd_w_collect (model, "b", trpr);
        cd_w_collect (model, "bCs", trpr);
        for (guint i = 0; i < trpr->len; i++)
          {
            xmlUnlinkNode (g_ptr_array_index (trpr, i));
            xmlFreeNode (g_ptr_array_index (trpr, i));
          }
        g_ptr_array_add (blanks, model);
      }

    /* The look of inserted text: the form's own text in the row (the
     * STT digit), else its header without the bold. */
    look = cd_w_first_text_rpr (model);
    if (look == NULL)
      {
        look = cd_w_first_text_rpr (best_header);
        look_from_header = TRUE;
      }

    /* A long list must read on every page: the rows down to the header
     * repeat, and no person's row is cut in two. */
    for (guint r = 0; r < rows->len; r++)
      {
        xmlNode *tr = g_ptr_array_index (rows, r);
        cd_w_row_set (tr, "tblHeader");
        if (tr == best_header)
          {
            if (sub_header != NULL)
              cd_w_row_set (sub_header, "tblHeader");
            break;
          }
      }
    cd_w_row_unset (model, "tblHeader");
    cd_w_row_set (model, "cantSplit");
    sizes = cd_form_fit_sizes (best_tbl, model, best_cols, look, ctx, narrow);

    /* with @rows_out, a few copies stand for every person's row */
    n_copies = rows_out != NULL ? cd_docx_rows_copies (rows_out) : ctx->people->len;
    for (guint k = 0; k < n_copies; k++)
      {
        xmlNode *copy = cd_w_clone (model, model->parent);
        if (copy == NULL)
          {
            cd_docx_set_no_memory (error, "word/document.xml");
            return NULL;
          }
        /* in the tree first: the properties copied into it must find
         * the w: namespace declared above, not declare their own */
        xmlAddPrevSibling (model, copy);
        fill_row (copy, best_cols, sizes, ctx, k, rows_out, defaults, look, look_from_header);
        if (k < G_N_ELEMENTS (copies))
          copies[k] = copy;
      }
    for (guint i = 0; i < blanks->len; i++)
      {
        xmlUnlinkNode (g_ptr_array_index (blanks, i));
        xmlFreeNode (g_ptr_array_index (blanks, i));
      }
    /* never another list of the form (it stays a list of its own, for
     * Word, LibreOffice and whoever reads the form back) */
    if (ctx->people->len > 0 && !list_follows (best_tbl))
      {
        /* the signature inside the list's table, for LibreOffice; its
         * paragraphs spaced as they were outside it */
        xmlNode *tail = cd_w_table_take_tail (best_tbl);
        xmlNode *tc = tail != NULL ? tail->last : NULL;

        for (xmlNode *n = tc != NULL ? tc->children : NULL; n != NULL; n = n->next)
          if (cd_w_is (n, "p"))
            cd_docx_look_keep_spacing (defaults, n);
        cd_w_keep_table_end_with_next (best_tbl);
      }
    if (rows_out != NULL && n_copies > 0
        && !cd_docx_rows_mark (rows_out, "word/document.xml", copies, n_copies))
      {
        cd_docx_set_no_memory (error, "word/document.xml");
        return NULL;
      }
  }
  return g_steal_pointer (&best_cols);
}

static GPtrArray *
fill_form (CdDocxPackage       *pkg,
           const CdDocContext  *ctx,
           CdDocxRows          *rows_out,
           GError             **error)
{
  xmlDoc *doc = cd_docx_package_xml (pkg, "word/document.xml", error);
  g_autoptr(CdDocxLook) defaults = NULL;
  CdFormTable ft;
  GPtrArray *cols;

  if (doc == NULL)
    return NULL;
  if (!cd_form_find_table (doc, ctx->kind, FALSE, &ft))
    {
      cd_form_set_no_table_error (error);
      return NULL;
    }
  /* a request's rows never go into a revocation list, nor the reverse */
  if (!cd_form_check_kind (doc, ctx->kind, &ft, error))
    {
      cd_form_table_clear (&ft);
      return NULL;
    }
  defaults = cd_docx_look_new (pkg);
  cols = cd_form_fill_table (&ft, defaults, ctx, rows_out, NULL, error);
  cd_form_table_clear (&ft);
  if (cols == NULL)
    return NULL;
  {
    g_autoptr(GPtrArray) names = cd_docx_text_parts (pkg);
    for (guint n = 0; n < names->len; n++)
      {
        xmlDoc *part = cd_docx_package_xml (pkg, g_ptr_array_index (names, n), NULL);
        if (part != NULL)
          fill_frame (part, ctx, defaults);
      }
  }
  return cols;
}

GPtrArray *
cd_docx_fill_form (CdDocxPackage       *pkg,
                   const CdDocContext  *ctx,
                   GError             **error)
{
  return cd_docx_fill_form_rows (pkg, ctx, NULL, error);
}

GPtrArray *
cd_docx_fill_form_rows (CdDocxPackage       *pkg,
                        const CdDocContext  *ctx,
                        CdDocxRows          *rows,
                        GError             **error)
{
  g_autoptr(GError) local = NULL;
  GPtrArray *cols;

  /* See cd_docx_fill(): a lost allocation shows only in the last error. */
  xmlResetLastError ();
  cols = fill_form (pkg, ctx, rows, &local);
  if (cd_docx_out_of_memory ())
    {
      g_clear_pointer (&cols, g_ptr_array_unref);
      cd_docx_set_no_memory (error, "word/document.xml");
      return NULL;
    }
  if (cols == NULL)
    g_propagate_error (error, g_steal_pointer (&local));
  return cols;
}
