/* cd-sheet.c — a spreadsheet read as rows of text cells
 *
 * Real lists come as .xlsx from Excel or as .csv in whatever Excel wrote
 * (UTF-8 with or without BOM, UTF-16 "Unicode Text", or the ANSI code
 * page: Windows-1258 in Vietnam, 1252 elsewhere; ',' or ';'). Every cell
 * is kept as text, with a mark when Excel stored it as a number (a CCCD
 * that lost its leading zero, a date serial), so that the caller decides
 * what the text means. Sizes are bounded against zip and XML bombs.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <glib/gi18n.h>

#include "cd-fileutil.h"
#include "cd-sheet.h"
#include "cd-xml.h"
#include "cd-xml-stream.h"
#include "cd-zip.h"

G_DEFINE_QUARK (cd-sheet-error-quark, cd_sheet_error)

#define CSV_MAX_SIZE (64u * 1024u * 1024u)

/* ---- Rows of text cells ------------------------------------------------ */

static void
cell_clear (gpointer p)
{
  g_free (((CdSheetCell *) p)->text);
}

void
cd_sheet_row_free (CdSheetRow *r)
{
  g_array_unref (r->cells);
  g_free (r);
}

/* @reserve: the cells it will likely have (the rows before it had). */
static CdSheetRow *
row_new (guint number, guint reserve)
{
  CdSheetRow *r = g_new0 (CdSheetRow, 1);
  r->number = number;
  r->cells = g_array_sized_new (FALSE, TRUE, sizeof (CdSheetCell), reserve);
  g_array_set_clear_func (r->cells, cell_clear);
  return r;
}

static void
row_set (CdSheetRow *r, guint col, char *text, gboolean numeric)
{
  CdSheetCell *c;

  if (col > 16384)
    {
      g_free (text);
      return;
    }
  if (r->cells->len <= col)
    g_array_set_size (r->cells, col + 1);
  c = &g_array_index (r->cells, CdSheetCell, col);
  g_free (c->text);
  c->text = text;
  c->numeric = numeric;
}

const CdSheetCell *
cd_sheet_row_get (const CdSheetRow *r,
                  int               col)
{
  if (col < 0 || (guint) col >= r->cells->len)
    return NULL;
  return &g_array_index (r->cells, CdSheetCell, col);
}

const char *
cd_sheet_row_text (const CdSheetRow *r,
                   int               col)
{
  const CdSheetCell *c = cd_sheet_row_get (r, col);
  return c ? c->text : NULL;
}

gboolean
cd_sheet_row_is_blank (const CdSheetRow *r)
{
  for (guint i = 0; i < r->cells->len; i++)
    {
      const char *t = g_array_index (r->cells, CdSheetCell, i).text;
      if (t != NULL)
        for (const char *p = t; *p; p++)
          if (!g_ascii_isspace (*p))
            return FALSE;
    }
  return TRUE;
}

/* ---- .xlsx ------------------------------------------------------------ */

#define NS_REL "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

static gboolean
is_elem (xmlNode *n, const char *name)
{
  return n->type == XML_ELEMENT_NODE && strcmp ((const char *) n->name, name) == 0;
}

static xmlDoc *
read_part (zip_t *za, const char *name, gboolean required, guint64 *inflated, GError **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local = NULL;
  gsize len;
  const char *data;

  bytes = cd_zip_read_entry (za, name, CD_ZIP_MAX_ENTRY, inflated, &local);
  if (bytes == NULL)
    {
      if (!required && g_error_matches (local, CD_FILE_ERROR, CD_FILE_ERROR_NOT_FOUND))
        return NULL;
      g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }
  data = g_bytes_get_data (bytes, &len);
  return cd_xml_parse (data, len, name, error);
}

static char *
first_sheet_path (zip_t *za, guint64 *inflated)
{
  g_autoptr(xmlDoc) wb = read_part (za, "xl/workbook.xml", FALSE, inflated, NULL);
  g_autoptr(xmlDoc) rels = NULL;
  g_autofree char *rid = NULL;
  xmlNode *root;

  if (wb == NULL)
    return NULL;
  root = xmlDocGetRootElement (wb);
  for (xmlNode *n = root ? root->children : NULL; n && rid == NULL; n = n->next)
    if (is_elem (n, "sheets"))
      for (xmlNode *s = n->children; s; s = s->next)
        if (is_elem (s, "sheet"))
          {
            xmlChar *id = xmlGetNsProp (s, (const xmlChar *) "id", (const xmlChar *) NS_REL);
            rid = id ? g_strdup ((const char *) id) : NULL;
            xmlFree (id);
            break;
          }
  if (rid == NULL)
    return NULL;
  rels = read_part (za, "xl/_rels/workbook.xml.rels", FALSE, inflated, NULL);
  root = rels ? xmlDocGetRootElement (rels) : NULL;
  for (xmlNode *n = root ? root->children : NULL; n; n = n->next)
    if (is_elem (n, "Relationship"))
      {
        xmlChar *id = xmlGetProp (n, (const xmlChar *) "Id");
        xmlChar *target = xmlGetProp (n, (const xmlChar *) "Target");
        char *path = NULL;

        if (id && target && strcmp ((const char *) id, rid) == 0)
          path = target[0] == '/' ? g_strdup ((const char *) target + 1)
                                  : g_strconcat ("xl/", (const char *) target, NULL);
        xmlFree (id);
        xmlFree (target);
        if (path)
          return path;
      }
  return NULL;
}

/* Excel writes 012345678901 typed as a number as 12345678901, and large
 * ones as 1.23456789012E+11: give back the integer as digits. */
static char *
number_text (const char *v)
{
  char *end = NULL;
  double d;

  /* most numbers are plain integers already: no float round trip */
  if (*v != '\0' && strspn (v, "0123456789") == strlen (v) && strlen (v) < 16 && (*v != '0' || v[1] == '\0'))
    return g_strdup (v);
  d = g_ascii_strtod (v, &end);

  if (end != NULL && *end == '\0' && isfinite (d) && d == floor (d) && fabs (d) < 1e15)
    return g_strdup_printf ("%.0f", d);
  return g_strdup (v);
}

/* "AB12" → 27; @fallback when there is no column letter. */
static guint
column_of (const char *ref, gsize len, guint fallback)
{
  guint col = 0;
  gsize i;

  if (ref == NULL || len == 0 || !g_ascii_isalpha (*ref))
    return fallback;
  /* Past three letters (XFD) it is no column: keep it out of guint's reach. */
  for (i = 0; i < len && i < 4 && g_ascii_isalpha (ref[i]); i++)
    col = col * 26 + (guint) (g_ascii_toupper (ref[i]) - 'A' + 1);
  return col - 1;
}

static guint
number_of (const char *text, gsize len)
{
  guint64 n = 0;

  for (gsize i = 0; i < len && g_ascii_isdigit (text[i]); i++)
    {
      n = n * 10 + (guint64) (text[i] - '0');
      if (n > G_MAXUINT32)
        return 0;
    }
  return (guint) n;
}

static gboolean
attr_is (const char *value, gsize len, const char *what)
{
  return value != NULL && len == strlen (what) && memcmp (value, what, len) == 0;
}

typedef enum {
  CELL_NUMBER,   /* no t, or t="n" */
  CELL_SHARED,   /* t="s": <v> is an index into the shared strings */
  CELL_TEXT,     /* str, b, d, e, inlineStr: the text as it is */
} CellType;

/* The state of both streamed parts: the shared strings first, then the
 * worksheet (which needs them). Depths count from the root element, 1. */
typedef struct {
  const char     *path;
  /* the shared strings, one after the other, each NUL-terminated, and
   * where each starts: one allocation instead of one per string */
  GString        *strings;
  GArray         *starts;          /* gsize */
  /* where the parse is */
  int             depth;
  int             t_depth;         /* of the <t> whose text is taken, or 0 */
  int             rph_depth;       /* of a phonetic run (<rPh>) outside a <t>, or 0 */
  gboolean        in_sheet_data;
  gboolean        in_value;        /* inside a cell's <v> */
  gboolean        in_inline;       /* inside a cell's <is> */
  GString        *text;            /* the text being collected */
  gboolean        collecting;      /* a <si> (shared strings) */
  /* the row and cell being read */
  CdSheetRow     *row;
  guint           next_row;
  guint           col;
  guint           width;           /* cells of the widest row so far */
  gboolean        in_cell;
  CellType        cell_type;
  char           *cell_text;
  gboolean        cell_numeric;
  gsize           row_bytes;
  guint64         total_bytes;
  CdSheetRowFunc  func;
  gpointer        user_data;
} XlsxReader;

static void
too_much_text (CdXmlStream *stream, XlsxReader *x)
{
  cd_xml_stream_fail (stream, g_error_new (CD_SHEET_ERROR, CD_SHEET_ERROR_TOO_LARGE,
                                           _("“%s” holds more text in one cell, in one row or in all than any real list (it may be made to exhaust the memory). It was not opened."),
                                           x->path));
}

static gboolean
taking_text (const XlsxReader *x)
{
  return x->in_value || x->t_depth > 0;
}

static void
text_cb (CdXmlStream *stream,
         const char  *text,
         gsize        len,
         gpointer     user_data)
{
  XlsxReader *x = user_data;

  if (!taking_text (x))
    return;
  if (x->text->len + len > CD_SHEET_MAX_CELL)
    {
      too_much_text (stream, x);
      return;
    }
  g_string_append_len (x->text, text, (gssize) len);
}

/* <t> anywhere under a <si> or an <is>, except in a phonetic reading
 * (<rPh>): the text of a rich-text run, as collect_t() took it. */
static void
start_text_runs (XlsxReader *x, const char *name)
{
  if (x->t_depth > 0 || x->rph_depth > 0)
    return;
  if (strcmp (name, "rPh") == 0)
    x->rph_depth = x->depth;
  else if (strcmp (name, "t") == 0)
    x->t_depth = x->depth;
}

static void
end_text_runs (XlsxReader *x)
{
  if (x->depth == x->t_depth)
    x->t_depth = 0;
  if (x->depth == x->rph_depth)
    x->rph_depth = 0;
}

/* ---- xl/sharedStrings.xml: <sst><si>…</si>… */

static void
sst_start_cb (CdXmlStream  *stream,
              const char   *name,
              int           n_attrs,
              const char  **attrs,
              gpointer      user_data)
{
  XlsxReader *x = user_data;

  x->depth++;
  if (x->depth == 2 && strcmp (name, "si") == 0)
    {
      x->collecting = TRUE;
      g_string_truncate (x->text, 0);
    }
  else if (x->collecting)
    start_text_runs (x, name);
}

static void
sst_end_cb (CdXmlStream *stream,
            const char  *name,
            gpointer     user_data)
{
  XlsxReader *x = user_data;

  end_text_runs (x);
  if (x->depth == 2 && x->collecting)
    {
      gsize start = x->strings->len;

      x->collecting = FALSE;
      g_array_append_val (x->starts, start);
      g_string_append_len (x->strings, x->text->str, (gssize) x->text->len + 1);
    }
  x->depth--;
}

/* ---- the worksheet: <worksheet><sheetData><row><c><v>|<is>… */

static void
sheet_start_cb (CdXmlStream  *stream,
                const char   *name,
                int           n_attrs,
                const char  **attrs,
                gpointer      user_data)
{
  XlsxReader *x = user_data;
  const char *v;
  gsize len;

  x->depth++;
  switch (x->depth)
    {
    case 2:
      x->in_sheet_data = strcmp (name, "sheetData") == 0;
      break;
    case 3:
      if (!x->in_sheet_data || strcmp (name, "row") != 0)
        break;
      v = cd_xml_stream_attr (n_attrs, attrs, "r", &len);
      x->row = row_new (v != NULL ? number_of (v, len) : 0, x->width);
      if (x->row->number == 0)
        x->row->number = x->next_row;
      x->next_row = x->row->number + 1;
      x->col = 0;
      x->row_bytes = 0;
      break;
    case 4:
      if (x->row == NULL || strcmp (name, "c") != 0)
        break;
      x->in_cell = TRUE;
      v = cd_xml_stream_attr (n_attrs, attrs, "t", &len);
      x->cell_type = v == NULL || attr_is (v, len, "n") ? CELL_NUMBER
                     : attr_is (v, len, "s") ? CELL_SHARED : CELL_TEXT;
      v = cd_xml_stream_attr (n_attrs, attrs, "r", &len);
      x->col = column_of (v, len, x->col);
      break;
    case 5:
      if (!x->in_cell)
        break;
      /* Excel writes one value; if a file has more, the last one counts. */
      if (strcmp (name, "v") == 0)
        x->in_value = TRUE;
      else if (strcmp (name, "is") == 0)
        x->in_inline = TRUE;
      else
        break;
      g_string_truncate (x->text, 0);
      break;
    default:
      if (x->in_inline)
        start_text_runs (x, name);
      break;
    }
}

static void
end_value (XlsxReader *x)
{
  const char *v = x->text->str;

  g_clear_pointer (&x->cell_text, g_free);
  x->cell_numeric = FALSE;
  if (x->in_inline)
    x->cell_text = g_strndup (v, x->text->len);
  else if (x->cell_type == CELL_SHARED)
    {
      guint64 idx = g_ascii_strtoull (v, NULL, 10);

      /* out of range: an empty cell, as Excel shows it */
      if (idx < x->starts->len)
        x->cell_text = g_strdup (x->strings->str + g_array_index (x->starts, gsize, idx));
    }
  else if (x->cell_type == CELL_NUMBER)
    {
      x->cell_text = number_text (v);
      x->cell_numeric = TRUE;
    }
  else
    x->cell_text = g_strndup (v, x->text->len);
}

static void
sheet_end_cb (CdXmlStream *stream,
              const char  *name,
              gpointer     user_data)
{
  XlsxReader *x = user_data;

  end_text_runs (x);
  switch (x->depth)
    {
    case 2:
      x->in_sheet_data = FALSE;
      break;
    case 3:
      if (x->row != NULL)
        {
          g_autoptr(GError) error = NULL;
          CdSheetRow *row = g_steal_pointer (&x->row);

          x->width = MAX (x->width, row->cells->len);
          if (!x->func (row, x->user_data, &error))
            cd_xml_stream_fail (stream, g_steal_pointer (&error));
        }
      break;
    case 4:
      if (!x->in_cell)
        break;
      x->in_cell = FALSE;
      if (x->cell_text != NULL)
        {
          gsize len = strlen (x->cell_text);

          /* A shared string is stored once and may be named by every
           * cell: count the text handed over, not the XML read. */
          x->row_bytes += len;
          x->total_bytes += len;
          if (x->row_bytes > CD_SHEET_MAX_ROW || x->total_bytes > CD_SHEET_MAX_TEXT)
            {
              g_clear_pointer (&x->cell_text, g_free);
              too_much_text (stream, x);
              break;
            }
          row_set (x->row, x->col, g_steal_pointer (&x->cell_text), x->cell_numeric);
        }
      x->col++;
      break;
    case 5:
      if (x->in_value || x->in_inline)
        end_value (x);
      x->in_value = x->in_inline = FALSE;
      break;
    default:
      break;
    }
  x->depth--;
}

static const CdXmlStreamHandlers sst_handlers = { sst_start_cb, sst_end_cb, text_cb };
static const CdXmlStreamHandlers sheet_handlers = { sheet_start_cb, sheet_end_cb, text_cb };

static gboolean
read_xlsx (const char      *path,
           CdSheetRowFunc   func,
           gpointer         user_data,
           GError         **error)
{
  XlsxReader x = { 0 };
  g_autoptr(GError) local = NULL;
  g_autofree char *sheet_path = NULL;
  guint64 inflated = 0;
  gboolean ok = FALSE;
  zip_t *za;

  za = cd_zip_open_read (path, "Excel", error);
  if (za == NULL)
    return FALSE;

  x.path = path;
  x.strings = g_string_new (NULL);
  x.starts = g_array_new (FALSE, FALSE, sizeof (gsize));
  x.text = g_string_new (NULL);
  x.next_row = 1;
  x.func = func;
  x.user_data = user_data;

  if (!cd_xml_stream_zip_entry (za, "xl/sharedStrings.xml", CD_ZIP_MAX_ENTRY, &inflated,
                                &sst_handlers, &x, &local)
      && !g_error_matches (local, CD_FILE_ERROR, CD_FILE_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local));
      goto out;
    }
  g_clear_error (&local);
  x.depth = x.t_depth = x.rph_depth = 0;

  sheet_path = first_sheet_path (za, &inflated);
  if (sheet_path == NULL)
    sheet_path = g_strdup ("xl/worksheets/sheet1.xml");
  if (!cd_xml_stream_zip_entry (za, sheet_path, CD_ZIP_MAX_ENTRY, &inflated,
                                &sheet_handlers, &x, &local))
    {
      if (g_error_matches (local, CD_FILE_ERROR, CD_FILE_ERROR_NOT_FOUND))
        g_set_error (error, CD_SHEET_ERROR, CD_SHEET_ERROR_FORMAT,
                     _("“%s” is a zip file but not an Excel workbook (no worksheet inside). Open it in Excel and save it as .xlsx."),
                     path);
      else
        g_propagate_error (error, g_steal_pointer (&local));
      goto out;
    }
  ok = TRUE;

out:
  zip_discard (za);
  g_clear_pointer (&x.row, cd_sheet_row_free);
  g_free (x.cell_text);
  g_string_free (x.text, TRUE);
  g_string_free (x.strings, TRUE);
  g_array_unref (x.starts);
  return ok;
}
/* ---- .csv ------------------------------------------------------------- */

static char
detect_delimiter (const char *text)
{
  guint counts[3] = { 0, 0, 0 };
  static const char delims[3] = { ',', ';', '\t' };
  gboolean quoted = FALSE;
  guint lines = 0;

  for (const char *p = text; *p && lines < 20; p++)
    {
      if (*p == '"')
        quoted = !quoted;
      else if (!quoted && *p == '\n')
        lines++;
      else if (!quoted)
        for (guint i = 0; i < 3; i++)
          if (*p == delims[i])
            counts[i]++;
    }
  /* Excel in a Vietnamese locale writes ';' (the decimal mark is ','). */
  if (counts[1] > counts[0] && counts[1] >= counts[2])
    return ';';
  if (counts[2] > counts[0] && counts[2] > counts[1])
    return '\t';
  return ',';
}

/* Hands the row over and starts the next one; FALSE when @func said stop. */
static gboolean
csv_emit (CdSheetRow     **row,
          guint           *width,
          CdSheetRowFunc   func,
          gpointer         user_data,
          GError         **error)
{
  CdSheetRow *done = g_steal_pointer (row);

  *width = MAX (*width, done->cells->len);
  return func (done, user_data, error);
}

static gboolean
parse_csv (const char      *text,
           CdSheetRowFunc   func,
           gpointer         user_data,
           GError         **error)
{
  char delim = detect_delimiter (text);
  g_autoptr(GString) field = g_string_new (NULL);
  const char *p = text;
  guint line = 1;
  guint width = 0;   /* cells of the widest row so far: most rows have as many */
  CdSheetRow *row = NULL;
  guint col = 0;
  gboolean stop[256] = { FALSE };

  /* What ends a plain field: the delimiter, a line end, the text's end. */
  stop[(guchar) delim] = stop['\n'] = stop['\r'] = stop['\0'] = TRUE;

  for (;;)
    {
      const char *start;
      char ch;

      if (row == NULL)
        {
          row = row_new (line, width);
          col = 0;
        }

      if (*p == '"')
        {
          /* Quoted: "" is a quote, the field may span lines; text after
           * the closing quote belongs to the field too. An unterminated
           * quote takes what there is. */
          g_string_truncate (field, 0);
          for (p++; *p != '\0'; p++)
            {
              if (*p == '"' && p[1] == '"')
                g_string_append_c (field, '"'), p++;
              else if (*p == '"')
                {
                  p++;
                  break;
                }
              else
                {
                  if (*p == '\n')
                    line++;
                  g_string_append_c (field, *p);
                }
            }
          for (;;)
            {
              start = p;
              while (!stop[(guchar) *p])
                p++;
              g_string_append_len (field, start, p - start);
              if (*p == '\r' && p[1] != '\n')
                {
                  g_string_append_c (field, '\r');
                  p++;
                  continue;
                }
              break;
            }
          if (field->len > 0)
            row_set (row, col, g_strndup (field->str, field->len), FALSE);
        }
      else
        {
          /* Plain: a lone \r is text, only \r\n ends the line. */
          start = p;
          for (;;)
            {
              while (!stop[(guchar) *p])
                p++;
              if (*p == '\r' && p[1] != '\n')
                {
                  p++;
                  continue;
                }
              break;
            }
          if (p > start)
            row_set (row, col, g_strndup (start, (gsize) (p - start)), FALSE);
        }
      col++;

      ch = *p;
      if (ch == '\r')
        p++, ch = '\n';
      if (ch == delim && ch != '\0')
        {
          p++;
          continue;
        }
      /* the end of a line, or of the text */
      if (!csv_emit (&row, &width, func, user_data, error))
        return FALSE;
      if (ch == '\0')
        return TRUE;
      p++;
      line++;
    }
}

static gboolean
looks_vietnamese_1258 (const guchar *data, gsize len)
{
  /* Bytes that Windows-1258 uses for Vietnamese and Windows-1252 for
   * rare Western letters: the tone marks (0xCC 0xEC 0xD2 0xDE 0xF2), đ Đ,
   * ă Ă, ơ Ơ, ư Ư. */
  guint hits = 0;

  for (gsize i = 0; i < len; i++)
    switch (data[i])
      {
      case 0xCC: case 0xEC: case 0xD2: case 0xDE: case 0xF2:
      case 0xD0: case 0xF0: case 0xC3: case 0xE3:
      case 0xD5: case 0xF5: case 0xDD: case 0xFD:
        hits++;
        break;
      default:
        break;
      }
  return hits > 0;
}

static gboolean
read_csv (const char      *path,
          const char     **encoding,
          CdSheetRowFunc   func,
          gpointer         user_data,
          GError         **error)
{
  g_autofree char *raw = NULL;
  g_autofree char *utf8 = NULL;
  const char *text;
  gsize len;

  if (!cd_file_read_limited (path, CSV_MAX_SIZE, &raw, &len, error))
    return FALSE;
  text = raw;
  *encoding = "UTF-8";
  if (len >= 3 && memcmp (raw, "\xEF\xBB\xBF", 3) == 0)
    text += 3, len -= 3;
  else if (len >= 2 && ((guchar) raw[0] == 0xFF && (guchar) raw[1] == 0xFE))
    {
      /* Excel's "Unicode Text" export. */
      utf8 = g_convert (raw + 2, (gssize) len - 2, "UTF-8", "UTF-16LE", NULL, NULL, NULL);
      if (utf8 == NULL)
        {
          g_set_error (error, CD_SHEET_ERROR, CD_SHEET_ERROR_FORMAT,
                       _("“%s” could not be read as text. Save it from Excel as “CSV UTF-8”."), path);
          return FALSE;
        }
      text = utf8;
      len = strlen (utf8);
      *encoding = "UTF-16LE";
    }
  if (memchr (text, '\0', len) != NULL)
    {
      g_set_error (error, CD_SHEET_ERROR, CD_SHEET_ERROR_FORMAT,
                   _("“%s” is not a text (CSV) file. Choose the .xlsx or .csv staff list."), path);
      return FALSE;
    }
  if (utf8 == NULL && !g_utf8_validate (text, (gssize) len, NULL))
    {
      gboolean vn = looks_vietnamese_1258 ((const guchar *) text, len);
      const char *charset = vn ? "WINDOWS-1258" : "WINDOWS-1252";

      utf8 = g_convert (text, (gssize) len, "UTF-8", charset, NULL, NULL, NULL);
      if (utf8 == NULL)
        {
          g_set_error (error, CD_SHEET_ERROR, CD_SHEET_ERROR_FORMAT,
                       _("“%s” is not in UTF-8 and could not be read as Windows-1258 either. Save it from Excel as “CSV UTF-8” and try again."),
                       path);
          return FALSE;
        }
      *encoding = charset;
      text = utf8;
    }
  /* Windows-1258 and some Mac exports write decomposed tones; the caller
   * composes each cell it reads (the staff import with cd_text_clean()).
   * Not the whole text at once: GLib's composition is quadratic in the
   * length of its input. */
  return parse_csv (text, func, user_data, error);
}

/* ---- The whole sheet -------------------------------------------------- */

static gboolean
is_zip (const char *path)
{
  char head[4] = { 0 };
  FILE *f = fopen (path, "rb");
  gboolean zip;

  if (f == NULL)
    return FALSE;
  zip = fread (head, 1, 4, f) == 4 && memcmp (head, "PK\x03\x04", 4) == 0;
  fclose (f);
  return zip;
}

static gboolean
is_ole2 (const char *path)
{
  static const guchar magic[8] = { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 };
  guchar head[8] = { 0 };
  FILE *f = fopen (path, "rb");
  gboolean ole;

  if (f == NULL)
    return FALSE;
  ole = fread (head, 1, 8, f) == 8 && memcmp (head, magic, 8) == 0;
  fclose (f);
  return ole;
}

static gboolean
keep_row_cb (CdSheetRow  *row,
             gpointer     user_data,
             GError     **error)
{
  g_ptr_array_add (user_data, row);
  return TRUE;
}

gboolean
cd_sheet_foreach_row (const char      *path,
                      const char     **format,
                      const char     **encoding,
                      CdSheetRowFunc   func,
                      gpointer         user_data,
                      GError         **error)
{
  const char *dummy_format, *dummy_encoding;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  if (format == NULL)
    format = &dummy_format;
  if (encoding == NULL)
    encoding = &dummy_encoding;

  /* Decide by content: a renamed file is common, and the zip reader says
   * clearly when an .xlsx is really an old .xls. */
  if (is_zip (path) || is_ole2 (path) || g_str_has_suffix (path, ".xlsx") || g_str_has_suffix (path, ".XLSX"))
    {
      *format = "xlsx";
      *encoding = "UTF-8";
      return read_xlsx (path, func, user_data, error);
    }
  *format = "csv";
  *encoding = "UTF-8";
  return read_csv (path, encoding, func, user_data, error);
}

CdSheet *
cd_sheet_read (const char  *path,
               GError     **error)
{
  g_autoptr(CdSheet) sheet = g_new0 (CdSheet, 1);

  g_return_val_if_fail (path != NULL, NULL);

  sheet->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) cd_sheet_row_free);
  if (!cd_sheet_foreach_row (path, &sheet->format, &sheet->encoding, keep_row_cb, sheet->rows, error))
    return NULL;
  return g_steal_pointer (&sheet);
}

void
cd_sheet_free (CdSheet *sheet)
{
  if (sheet == NULL)
    return;
  g_clear_pointer (&sheet->rows, g_ptr_array_unref);
  g_free (sheet);
}
