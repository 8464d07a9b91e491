/* cd-docx-form-read.c — a filled Sở form read back: the list's rows and
 * the frame's unit
 *
 * The reverse of cd-docx-form.c, with the same knowledge of the form: the
 * list table is found by its header (the cd_form_*_texts helpers that
 * cd_form_find_table uses), so a list filled by CertDesk, typed by hand in
 * Word or saved by LibreOffice reads the same. The frame's left column
 * holds the managing unit over the unit ("TÊN ĐƠN VỊ QUẢN LÝ" over "TÊN
 * ĐƠN VỊ" in the blank form), beside "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM".
 *
 * word/document.xml is read as a SAX stream straight from the zip entry
 * (cd-xml-stream), never as a tree, and no other part is inflated: a
 * school's list of 60 rows cost more to build and free as a libxml2 tree
 * (and to consolidate glibc's fastbins after it) than to parse. Each
 * table's rows are kept as cell texts only until the table ends; then the
 * table is kept if it is the best list so far, as cd_form_find_table
 * chooses (the most filled rows, then the best header, then the first).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <glib/gi18n.h>

#include "cd-docx-private.h"
#include "cd-fileutil.h"
#include "cd-text.h"
#include "cd-xml-stream.h"
#include "cd-zip.h"

static void
form_row_free (CdFormRow *row)
{
  if (row == NULL)
    return;
  g_strfreev (row->values);
  g_free (row->group);
  g_free (row);
}

void
cd_form_list_free (CdFormList *list)
{
  if (list == NULL)
    return;
  g_clear_pointer (&list->columns, g_ptr_array_unref);
  g_clear_pointer (&list->rows, g_ptr_array_unref);
  g_free (list->unit);
  g_free (list->parent);
  g_free (list->title);
  g_free (list);
}

/* "1 | 2 | 3 …" or "(1) | (2) | (3) …": the column numbers some forms
 * print under the header. */
static gboolean
is_column_numbers (GPtrArray *texts)
{
  guint n = 0;

  for (guint i = 0; i < texts->len; i++)
    {
      const char *t = g_ptr_array_index (texts, i);
      char digits[16];
      guint d = 0;

      if (*t == '\0')
        continue;
      for (const char *c = t; *c; c++)
        {
          if (g_ascii_isdigit (*c) && d < sizeof digits - 1)
            digits[d++] = *c;
          else if (*c != '(' && *c != ')' && *c != ' ' && *c != '.')
            return FALSE;
        }
      digits[d] = '\0';
      if (d == 0 || (guint) atoi (digits) != n + 1)
        return FALSE;
      n++;
    }
  return n >= 3;
}

/* A line of the frame that is a rule or a blank to fill: "______",
 * "-----", "……". */
static gboolean
is_rule (const char *text)
{
  for (const char *c = text; *c; c = g_utf8_next_char (c))
    {
      gunichar u = g_utf8_get_char (c);
      if (g_unichar_isalnum (u))
        return FALSE;
    }
  return TRUE;
}

/* The frame's left cell: its lines, rules and the document's number left
 * out, as the managing unit over the unit. */
static void
read_frame_cell (GPtrArray  *paras,
                 CdFormList *list)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < paras->len; i++)
    {
      g_autofree char *clean = cd_text_clean (g_ptr_array_index (paras, i));
      g_autofree char *norm = NULL;

      if (clean == NULL || is_rule (clean) || strlen (clean) > 300)
        continue;
      norm = cd_form_normalise (clean);
      /* the document's number and subject share the column */
      if (g_str_has_prefix (norm, "so ") || g_str_equal (norm, "so") || g_str_has_prefix (norm, "v v "))
        continue;
      g_ptr_array_add (lines, g_steal_pointer (&clean));
    }
  if (lines->len == 0)
    return;
  if (lines->len == 1)
    list->unit = g_strdup (g_ptr_array_index (lines, 0));
  else
    {
      GString *unit = g_string_new (NULL);

      list->parent = g_strdup (g_ptr_array_index (lines, 0));
      /* A long name typed over two lines reads as one. */
      for (guint i = 1; i < lines->len; i++)
        {
          if (unit->len > 0)
            g_string_append_c (unit, ' ');
          g_string_append (unit, g_ptr_array_index (lines, i));
        }
      list->unit = g_string_free (unit, FALSE);
    }
  /* The blanks as the Sở sent them are not a unit. */
  if (list->parent != NULL)
    {
      g_autofree char *n = cd_form_normalise (list->parent);
      if (g_str_equal (n, "ten don vi quan ly") || g_str_equal (n, "ten co quan chu quan")
          || g_str_equal (n, "co quan chu quan"))
        g_clear_pointer (&list->parent, g_free);
    }
  if (list->unit != NULL)
    {
      g_autofree char *n = cd_form_normalise (list->unit);
      if (g_str_equal (n, "ten don vi") || g_str_equal (n, "ten co quan"))
        g_clear_pointer (&list->unit, g_free);
    }
}

/* ---- The stream ------------------------------------------------------- */

/* The w: elements the reader looks at; anything else is E_OTHER. */
enum {
  E_OTHER,
  E_TBL,
  E_TR,
  E_TC,
  E_TCPR,
  E_GRIDSPAN,
  E_SDT,
  E_SDTCONTENT,
  E_P,
  E_T,
  E_SPACE,      /* br, cr, tab: a space in a cell's text */
  E_DELTEXT,
};

/* One table row as cell texts (trimmed, as cd_form_cell_text) and grid
 * spans (as cd_form_cell_span). */
typedef struct {
  GPtrArray *texts;
  GArray    *spans;
} SRow;

static void
srow_free (SRow *row)
{
  g_ptr_array_unref (row->texts);
  g_array_unref (row->spans);
  g_free (row);
}

/* A table being read. */
typedef struct {
  guint      serial;        /* order of its start in the document */
  guint      depth;         /* element depth of its w:tbl */
  GPtrArray *rows;          /* SRow; emptied once it cannot be the list */
  guint      n_rows;
  gboolean   no_header;     /* none of its first three rows is a header */
  SRow      *row;           /* the row being read, or NULL */
  guint      tr_depth;
  GString   *cell;          /* the cell being read (its own paragraphs), or NULL */
  guint      cell_depth;
  guint      cell_span;
  gboolean   cell_span_seen;
  guint      p_depth;       /* a paragraph of the cell's own being read, or 0 */
  GPtrArray *cell_paras;    /* every paragraph's text under the cell (the frame) */
  GPtrArray *prev_paras;    /* the same of the previous cell of the row */
} STable;

static void
stable_free (STable *t)
{
  g_clear_pointer (&t->rows, g_ptr_array_unref);
  g_clear_pointer (&t->row, srow_free);
  if (t->cell != NULL)
    g_string_free (t->cell, TRUE);
  g_clear_pointer (&t->cell_paras, g_ptr_array_unref);
  g_clear_pointer (&t->prev_paras, g_ptr_array_unref);
  g_free (t);
}

/* "CỘNG HÒA XÃ HỘI…" found: the table it is in and its left cell's lines. */
typedef struct {
  gint       table;         /* serial, -1 outside any table */
  GPtrArray *left;          /* paragraphs of the cell before, or NULL */
} Frame;

static void
frame_free (Frame *f)
{
  g_clear_pointer (&f->left, g_ptr_array_unref);
  g_free (f);
}

typedef struct {
  GByteArray *stack;        /* element codes by depth */
  GPtrArray  *tables;       /* STable, innermost last */
  guint       n_tables;
  GPtrArray  *paras;        /* GString: the paragraphs open, innermost last */
  guint       skip_depth;   /* inside w:delText (0: not) */
  char       *title;
  GPtrArray  *frames;       /* Frame, in document order */

  /* the best list so far */
  GPtrArray  *best_rows;    /* SRow */
  GPtrArray  *best_cols;
  guint       best_header;
  guint       best_serial;
  guint       best_score, best_filled;
} Reader;

static guint8
code_of (CdXmlStream *stream,
         const char  *name)
{
  static const struct { const char *name; guint8 code; } map[] = {
    { "tbl", E_TBL }, { "tr", E_TR }, { "tc", E_TC }, { "tcPr", E_TCPR },
    { "gridSpan", E_GRIDSPAN }, { "sdt", E_SDT }, { "sdtContent", E_SDTCONTENT },
    { "p", E_P }, { "t", E_T }, { "br", E_SPACE }, { "cr", E_SPACE }, { "tab", E_SPACE },
    { "delText", E_DELTEXT },
  };
  const char *uri = cd_xml_stream_uri (stream);

  if (uri == NULL || strcmp (uri, CD_W_NS) != 0)
    return E_OTHER;
  for (guint i = 0; i < G_N_ELEMENTS (map); i++)
    if (strcmp (map[i].name, name) == 0)
      return map[i].code;
  return E_OTHER;
}

static guint8
code_at (Reader *r,
         guint   depth)
{
  return depth >= 1 && depth <= r->stack->len ? r->stack->data[depth - 1] : E_OTHER;
}

static STable *
innermost (Reader *r)
{
  return r->tables->len > 0 ? g_ptr_array_index (r->tables, r->tables->len - 1) : NULL;
}

/* Rows under the header that hold something: what a filled list has
 * and a blank form has not (cd_form_find_table's count_filled_rows). */
static guint
count_filled (GPtrArray *rows,
              guint      header)
{
  guint n = 0;

  for (guint r = header + 1; r < rows->len; r++)
    {
      SRow *row = g_ptr_array_index (rows, r);

      if (cd_form_texts_blank_numbered (row->texts))
        continue;
      for (guint i = 1; i < row->texts->len; i++)
        if (*(const char *) g_ptr_array_index (row->texts, i) != '\0')
          {
            n++;
            break;
          }
    }
  return n;
}

/* A table ended: kept when it is the best list so far. As in
 * cd_form_find_table: the most filled rows, then the best header, then
 * the first in the document. */
static void
table_done (Reader *r,
            STable *t)
{
  gboolean won = FALSE;

  for (guint h = 0; t->rows != NULL && h < t->rows->len && h < 3; h++)
    {
      SRow *row = g_ptr_array_index (t->rows, h);
      GPtrArray *cols = NULL;
      guint score = cd_form_map_header_texts (row->texts, (const guint *) row->spans->data, &cols);
      guint filled;

      if (score < 3)
        {
          g_ptr_array_unref (cols);
          continue;
        }
      filled = count_filled (t->rows, h);
      if (r->best_cols == NULL || filled > r->best_filled
          || (filled == r->best_filled && score > r->best_score)
          || (filled == r->best_filled && score == r->best_score && t->serial < r->best_serial))
        {
          g_clear_pointer (&r->best_cols, g_ptr_array_unref);
          r->best_cols = cols;
          r->best_score = score;
          r->best_filled = filled;
          r->best_header = h;
          r->best_serial = t->serial;
          won = TRUE;
        }
      else
        g_ptr_array_unref (cols);
    }
  if (won)
    {
      g_clear_pointer (&r->best_rows, g_ptr_array_unref);
      r->best_rows = g_steal_pointer (&t->rows);
    }
}

/* A row ended: the third one tells whether the table can be the list; a
 * table that cannot keeps no more rows. */
static void
row_done (STable *t)
{
  SRow *row = g_steal_pointer (&t->row);

  t->n_rows++;
  if (t->no_header)
    {
      srow_free (row);
      return;
    }
  g_ptr_array_add (t->rows, row);
  if (t->rows->len == 3)
    {
      gboolean any = FALSE;
      for (guint h = 0; h < 3 && !any; h++)
        {
          SRow *hr = g_ptr_array_index (t->rows, h);
          g_autoptr(GPtrArray) cols = NULL;
          any = cd_form_map_header_texts (hr->texts, (const guint *) hr->spans->data, &cols) >= 3;
        }
      if (!any)
        {
          t->no_header = TRUE;
          g_ptr_array_set_size (t->rows, 0);
        }
    }
}

static guint
attr_uint (int          n_attrs,
           const char **attrs,
           const char  *name,
           gboolean    *found)
{
  *found = FALSE;
  for (int i = 0; i < n_attrs; i++)
    {
      const char **a = attrs + 5 * i;

      if (strcmp (a[0], name) == 0 && (a[2] == NULL || strcmp (a[2], CD_W_NS) == 0))
        {
          g_autofree char *v = g_strndup (a[3], (gsize) (a[4] - a[3]));
          *found = TRUE;
          return (guint) MIN (g_ascii_strtoull (v, NULL, 10), G_MAXUINT);
        }
    }
  return 0;
}

static void
start_cb (CdXmlStream  *stream,
          const char   *name,
          int           n_attrs,
          const char  **attrs,
          gpointer      user_data)
{
  Reader *r = user_data;
  guint8 code = code_of (stream, name);
  guint depth, parent;
  STable *t = innermost (r);

  g_byte_array_append (r->stack, &code, 1);
  depth = r->stack->len;
  parent = code_at (r, depth - 1);

  switch (code)
    {
    case E_TBL:
      t = g_new0 (STable, 1);
      t->serial = r->n_tables++;
      t->depth = depth;
      t->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) srow_free);
      g_ptr_array_add (r->tables, t);
      break;
    case E_TR:
      /* a table's own rows */
      if (t != NULL && depth == t->depth + 1 && t->row == NULL)
        {
          t->row = g_new0 (SRow, 1);
          t->row->texts = g_ptr_array_new_with_free_func (g_free);
          t->row->spans = g_array_new (FALSE, FALSE, sizeof (guint));
          t->tr_depth = depth;
          g_clear_pointer (&t->prev_paras, g_ptr_array_unref);
        }
      break;
    case E_TC:
      /* the row's own cells, also inside a content control */
      if (t != NULL && t->row != NULL && t->cell == NULL
          && (depth == t->tr_depth + 1
              || (depth == t->tr_depth + 3 && parent == E_SDTCONTENT
                  && code_at (r, depth - 2) == E_SDT)))
        {
          t->cell = g_string_new (NULL);
          t->cell_depth = depth;
          t->cell_span = 1;
          t->cell_span_seen = FALSE;
          t->cell_paras = g_ptr_array_new_with_free_func (g_free);
        }
      break;
    case E_GRIDSPAN:
      /* the first w:gridSpan of the cell's own first w:tcPr */
      if (t != NULL && t->cell != NULL && !t->cell_span_seen && parent == E_TCPR
          && depth == t->cell_depth + 2)
        {
          gboolean found;
          guint span = attr_uint (n_attrs, attrs, "val", &found);

          t->cell_span_seen = TRUE;
          t->cell_span = found && span > 0 && span < 64 ? span : 1;
        }
      break;
    case E_P:
      g_ptr_array_add (r->paras, g_string_new (NULL));
      if (t != NULL && t->cell != NULL && depth == t->cell_depth + 1)
        {
          t->p_depth = depth;
          if (t->cell->len > 0)
            g_string_append_c (t->cell, ' ');
        }
      break;
    case E_DELTEXT:
      if (r->skip_depth == 0)
        r->skip_depth = depth;
      break;
    case E_SPACE:
      if (t != NULL && t->cell != NULL && t->p_depth != 0 && r->skip_depth == 0)
        g_string_append_c (t->cell, ' ');
      break;
    default:
      break;
    }
}

static void
paragraph_done (Reader *r,
                GString *para)
{
  g_autofree char *text = g_strstrip (g_string_free (para, FALSE));
  g_autofree char *norm = NULL;
  STable *t = innermost (r);

  /* every paragraph under a cell, nested tables' too, is the cell's */
  for (guint i = 0; i < r->tables->len; i++)
    {
      STable *o = g_ptr_array_index (r->tables, i);
      if (o->cell_paras != NULL)
        g_ptr_array_add (o->cell_paras, g_strdup (text));
    }
  /* In a table only "CỘNG HÒA…" matters: the rows' many paragraphs are
   * not normalised for nothing. */
  if (*text == '\0' || strlen (text) > 300 || (t != NULL && g_ascii_tolower (*text) != 'c'))
    return;
  norm = cd_form_normalise (text);
  if (g_str_equal (norm, "cong hoa xa hoi chu nghia viet nam"))
    {
      Frame *f = g_new0 (Frame, 1);

      f->table = t != NULL ? (gint) t->serial : -1;
      /* in a cell: the cell before it in the row */
      if (t != NULL && t->cell != NULL && t->prev_paras != NULL)
        f->left = g_ptr_array_ref (t->prev_paras);
      g_ptr_array_add (r->frames, f);
    }
  else if (r->title == NULL && t == NULL
           && (g_str_has_prefix (norm, "danh sach") || g_str_has_prefix (norm, "bieu mau")
               || g_str_has_prefix (norm, "de nghi") || g_str_has_prefix (norm, "v v ")))
    r->title = cd_text_clean (text);
}

static void
end_cb (CdXmlStream *stream G_GNUC_UNUSED,
        const char  *name G_GNUC_UNUSED,
        gpointer     user_data)
{
  Reader *r = user_data;
  guint depth = r->stack->len;
  guint8 code = code_at (r, depth);
  STable *t = innermost (r);

  switch (code)
    {
    case E_TBL:
      if (t != NULL && depth == t->depth)
        {
          g_ptr_array_steal_index (r->tables, r->tables->len - 1);
          table_done (r, t);
          stable_free (t);
        }
      break;
    case E_TR:
      if (t != NULL && t->row != NULL && depth == t->tr_depth)
        {
          row_done (t);
          g_clear_pointer (&t->prev_paras, g_ptr_array_unref);
        }
      break;
    case E_TC:
      if (t != NULL && t->cell != NULL && depth == t->cell_depth)
        {
          char *text = g_strstrip (g_string_free (g_steal_pointer (&t->cell), FALSE));

          g_ptr_array_add (t->row->texts, text);
          g_array_append_val (t->row->spans, t->cell_span);
          g_clear_pointer (&t->prev_paras, g_ptr_array_unref);
          t->prev_paras = g_steal_pointer (&t->cell_paras);
        }
      break;
    case E_P:
      if (t != NULL && t->p_depth == depth)
        t->p_depth = 0;
      if (r->paras->len > 0)
        paragraph_done (r, g_ptr_array_steal_index (r->paras, r->paras->len - 1));
      break;
    case E_DELTEXT:
      if (r->skip_depth == depth)
        r->skip_depth = 0;
      break;
    default:
      break;
    }
  g_byte_array_set_size (r->stack, depth - 1);
}

static void
text_cb (CdXmlStream *stream G_GNUC_UNUSED,
         const char  *text,
         gsize        len,
         gpointer     user_data)
{
  Reader *r = user_data;
  STable *t;

  if (code_at (r, r->stack->len) != E_T || r->skip_depth != 0)
    return;
  /* the paragraph's text (cd_w_para_text) */
  if (r->paras->len > 0)
    g_string_append_len (g_ptr_array_index (r->paras, r->paras->len - 1), text, (gssize) len);
  /* the cell's text (cd_form_cell_text): its own paragraphs only */
  t = innermost (r);
  if (t != NULL && t->cell != NULL && t->p_depth != 0)
    g_string_append_len (t->cell, text, (gssize) len);
}

static const CdXmlStreamHandlers handlers = { start_cb, end_cb, text_cb };

static void
gstring_free_all (GString *s)
{
  g_string_free (s, TRUE);
}

static void
reader_clear (Reader *r)
{
  g_byte_array_unref (r->stack);
  g_ptr_array_unref (r->tables);
  g_ptr_array_unref (r->paras);
  g_ptr_array_unref (r->frames);
  g_free (r->title);
  g_clear_pointer (&r->best_rows, g_ptr_array_unref);
  g_clear_pointer (&r->best_cols, g_ptr_array_unref);
}

/* ---- The list's rows -------------------------------------------------- */

static void
read_rows (GPtrArray  *rows,
           guint       header,
           guint       sub_header,
           GPtrArray  *columns,
           CdFormList *list)
{
  g_autofree char *group = NULL;
  guint n_cols = columns->len;

  for (guint r = MAX (header, sub_header) + 1; r < rows->len; r++)
    {
      SRow *sr = g_ptr_array_index (rows, r);
      GPtrArray *texts = sr->texts;
      const guint *spans = (const guint *) sr->spans->data;
      CdFormRow *row;
      guint grid = 0, n_filled = 0, last_span = 1;
      gboolean any = FALSE;

      if (cd_form_texts_blank_numbered (texts))
        continue;
      for (guint i = 0; i < texts->len; i++)
        if (*(const char *) g_ptr_array_index (texts, i) != '\0')
          {
            n_filled++;
            last_span = spans[i];
          }
      if (n_filled == 0 || is_column_numbers (texts))
        continue;
      /* One cell across the table ("Trường THCS Lê Lợi"): a heading over
       * the unit's people, as in a list already collected. */
      if (n_filled == 1 && (texts->len == 1 || last_span > 1))
        {
          for (guint i = 0; i < texts->len; i++)
            if (*(const char *) g_ptr_array_index (texts, i) != '\0')
              {
                g_free (group);
                group = cd_text_clean (g_ptr_array_index (texts, i));
              }
          continue;
        }

      row = g_new0 (CdFormRow, 1);
      row->row = r + 1;
      row->group = g_strdup (group);
      row->values = g_new0 (char *, n_cols + 1);
      for (guint i = 0; i < texts->len; i++)
        {
          for (guint k = 0; k < n_cols; k++)
            if (((CdFormColumn *) g_ptr_array_index (columns, k))->column == grid
                && row->values[k] == NULL)
              {
                row->values[k] = g_strdup (g_ptr_array_index (texts, i));
                any = TRUE;
              }
          grid += spans[i];
        }
      for (guint k = 0; k < n_cols; k++)
        if (row->values[k] == NULL)
          row->values[k] = g_strdup ("");
      if (!any)
        {
          form_row_free (row);
          continue;
        }
      g_ptr_array_add (list->rows, row);
    }
}

CdFormList *
cd_docx_read_form_file (const char  *path,
                        GError     **error)
{
  Reader r = { 0 };
  g_autoptr(GError) local = NULL;
  CdFormList *list;
  guint64 inflated = 0;
  guint sub_header = 0;
  gboolean ok;
  zip_t *za;

  za = cd_zip_open_read (path, "Word", error);
  if (za == NULL)
    return NULL;
  r.stack = g_byte_array_new ();
  r.tables = g_ptr_array_new_with_free_func ((GDestroyNotify) stable_free);
  r.paras = g_ptr_array_new_with_free_func ((GDestroyNotify) gstring_free_all);
  r.frames = g_ptr_array_new_with_free_func ((GDestroyNotify) frame_free);
  ok = cd_xml_stream_zip_entry (za, "word/document.xml", CD_ZIP_MAX_ENTRY, &inflated,
                                &handlers, &r, &local);
  zip_discard (za);
  if (!ok)
    {
      if (g_error_matches (local, CD_FILE_ERROR, CD_FILE_ERROR_NOT_FOUND))
        g_set_error (error, CD_FILE_ERROR, CD_FILE_ERROR_FORMAT,
                     _("“%s” is not a Word document (it has no word/document.xml). Choose a .docx file saved by Word or LibreOffice."),
                     path);
      else
        g_propagate_error (error, g_steal_pointer (&local));
      reader_clear (&r);
      return NULL;
    }
  if (r.best_cols == NULL)
    {
      g_set_error_literal (error, CD_DOCS_ERROR, CD_DOCS_ERROR_NOT_TEMPLATE,
                           _("No list found: the file has no table whose header names the list's columns (STT, Họ và tên, Ngày sinh, Số căn cước công dân…)."));
      reader_clear (&r);
      return NULL;
    }

  /* A two-row header: the row under it names the columns its merged
   * cells cover. */
  if (r.best_header + 1 < r.best_rows->len)
    {
      SRow *sub = g_ptr_array_index (r.best_rows, r.best_header + 1);
      if (!cd_form_texts_blank_numbered (sub->texts)
          && cd_form_merge_sub_header_texts (sub->texts, (const guint *) sub->spans->data,
                                             r.best_cols))
        sub_header = r.best_header + 1;
    }

  list = g_new0 (CdFormList, 1);
  list->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) form_row_free);
  read_rows (r.best_rows, r.best_header, sub_header, r.best_cols, list);
  list->title = g_steal_pointer (&r.title);
  /* the first "CỘNG HÒA…" outside the list table */
  for (guint i = 0; i < r.frames->len; i++)
    {
      Frame *f = g_ptr_array_index (r.frames, i);
      if (f->table == (gint) r.best_serial)
        continue;
      if (f->left != NULL)
        read_frame_cell (f->left, list);
      break;
    }
  list->columns = g_steal_pointer (&r.best_cols);
  reader_clear (&r);
  return list;
}
