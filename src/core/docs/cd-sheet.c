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

static CdSheetRow *
row_new (guint number)
{
  CdSheetRow *r = g_new0 (CdSheetRow, 1);
  r->number = number;
  r->cells = g_array_new (FALSE, TRUE, sizeof (CdSheetCell));
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

/* An attribute's text without copying it (xmlGetProp allocates, and a
 * 30,000-row sheet has 500,000 of them). */
static const char *
attr (xmlNode *n, const char *name)
{
  for (xmlAttr *a = n->properties; a; a = a->next)
    if (a->ns == NULL && strcmp ((const char *) a->name, name) == 0)
      return a->children && a->children->type == XML_TEXT_NODE && a->children->next == NULL
        ? (const char *) a->children->content : "";
  return NULL;
}

/* The text of a simple element (<v>12</v>); NULL when it has other
 * children, for the caller to fall back on xmlNodeGetContent. */
static const char *
simple_text (xmlNode *n)
{
  if (n->children == NULL)
    return "";
  if (n->children->type == XML_TEXT_NODE && n->children->next == NULL)
    return (const char *) n->children->content;
  return NULL;
}

/* Text of <t> under @n, skipping phonetic runs (<rPh>). */
static void
collect_t (xmlNode *n, GString *out)
{
  for (xmlNode *c = n->children; c; c = c->next)
    {
      if (c->type != XML_ELEMENT_NODE)
        continue;
      if (is_elem (c, "rPh"))
        continue;
      if (is_elem (c, "t"))
        {
          const char *simple = simple_text (c);
          if (simple != NULL)
            g_string_append (out, simple);
          else
            {
              xmlChar *t = xmlNodeGetContent (c);
              if (t)
                g_string_append (out, (const char *) t);
              xmlFree (t);
            }
        }
      else
        collect_t (c, out);
    }
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

static guint
column_of (const char *ref, guint fallback)
{
  guint col = 0;
  const char *p = ref;

  if (ref == NULL || !g_ascii_isalpha (*ref))
    return fallback;
  for (; g_ascii_isalpha (*p); p++)
    col = col * 26 + (guint) (g_ascii_toupper (*p) - 'A' + 1);
  return col - 1;
}

static GPtrArray *
read_xlsx (const char *path, GError **error)
{
  zip_t *za;
  g_autoptr(xmlDoc) sst = NULL;
  g_autoptr(xmlDoc) sheet = NULL;
  g_autoptr(GPtrArray) strings = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *sheet_path = NULL;
  GPtrArray *rows;
  xmlNode *root;
  guint next_row = 1;
  guint64 inflated = 0;

  za = cd_zip_open_read (path, "Excel", error);
  if (za == NULL)
    return NULL;

  sst = read_part (za, "xl/sharedStrings.xml", FALSE, &inflated, error);
  if (sst == NULL && error && *error)
    {
      zip_discard (za);
      return NULL;
    }
  if (sst != NULL && (root = xmlDocGetRootElement (sst)) != NULL)
    for (xmlNode *si = root->children; si; si = si->next)
      if (is_elem (si, "si"))
        {
          GString *s = g_string_new (NULL);
          collect_t (si, s);
          g_ptr_array_add (strings, g_string_free (s, FALSE));
        }

  sheet_path = first_sheet_path (za, &inflated);
  if (sheet_path == NULL)
    sheet_path = g_strdup ("xl/worksheets/sheet1.xml");
  sheet = read_part (za, sheet_path, TRUE, &inflated, error);
  zip_discard (za);
  if (sheet == NULL)
    {
      if (error && g_error_matches (*error, CD_FILE_ERROR, CD_FILE_ERROR_NOT_FOUND))
        {
          g_clear_error (error);
          g_set_error (error, CD_SHEET_ERROR, CD_SHEET_ERROR_FORMAT,
                       _("“%s” is a zip file but not an Excel workbook (no worksheet inside). Open it in Excel and save it as .xlsx."),
                       path);
        }
      return NULL;
    }

  rows = g_ptr_array_new_with_free_func ((GDestroyNotify) cd_sheet_row_free);
  root = xmlDocGetRootElement (sheet);
  for (xmlNode *sd = root ? root->children : NULL; sd; sd = sd->next)
    {
      if (!is_elem (sd, "sheetData"))
        continue;
      for (xmlNode *rn = sd->children; rn; rn = rn->next)
        {
          const char *rattr;
          CdSheetRow *row;
          guint col = 0;

          if (!is_elem (rn, "row"))
            continue;
          rattr = attr (rn, "r");
          row = row_new (rattr ? (guint) g_ascii_strtoull (rattr, NULL, 10) : next_row);
          if (row->number == 0)
            row->number = next_row;
          next_row = row->number + 1;

          for (xmlNode *cn = rn->children; cn; cn = cn->next)
            {
              const char *t;
              char *text = NULL;
              gboolean numeric = FALSE;

              if (!is_elem (cn, "c"))
                continue;
              t = attr (cn, "t");
              col = column_of (attr (cn, "r"), col);
              for (xmlNode *vn = cn->children; vn; vn = vn->next)
                {
                  if (is_elem (vn, "v"))
                    {
                      const char *v = simple_text (vn);
                      xmlChar *owned = NULL;

                      if (v == NULL)
                        v = (const char *) (owned = xmlNodeGetContent (vn));
                      if (v == NULL)
                        continue;
                      /* Excel writes one value; if a file has more, the
                       * last one counts and the others are freed. */
                      g_clear_pointer (&text, g_free);
                      numeric = FALSE;
                      if (t != NULL && strcmp (t, "s") == 0)
                        {
                          guint64 idx = g_ascii_strtoull (v, NULL, 10);
                          if (idx < strings->len)
                            text = g_strdup (g_ptr_array_index (strings, idx));
                        }
                      else if (t == NULL || strcmp (t, "n") == 0)
                        {
                          text = number_text (v);
                          numeric = TRUE;
                        }
                      else
                        text = g_strdup (v);   /* str, b, d, e */
                      xmlFree (owned);
                    }
                  else if (is_elem (vn, "is"))
                    {
                      GString *gs = g_string_new (NULL);

                      g_clear_pointer (&text, g_free);
                      numeric = FALSE;
                      collect_t (vn, gs);
                      text = g_string_free (gs, FALSE);
                    }
                }
              if (text != NULL)
                row_set (row, col, text, numeric);
              col++;
            }
          g_ptr_array_add (rows, row);
        }
    }
  return rows;
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

static GPtrArray *
parse_csv (const char *text)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) cd_sheet_row_free);
  char delim = detect_delimiter (text);
  GString *field = g_string_new (NULL);
  const char *p = text;
  guint line = 1;
  CdSheetRow *row = row_new (1);
  guint col = 0;
  gboolean quoted = FALSE, was_quoted = FALSE;

  for (;; p++)
    {
      char ch = *p;

      if (quoted)
        {
          if (ch == '\0')
            quoted = FALSE;   /* unterminated: take what there is */
          else if (ch == '"' && p[1] == '"')
            {
              g_string_append_c (field, '"');
              p++;
              continue;
            }
          else if (ch == '"')
            {
              quoted = FALSE;
              continue;
            }
          else
            {
              if (ch == '\n')
                line++;
              g_string_append_c (field, ch);
              continue;
            }
        }
      if (ch == '"' && field->len == 0 && !was_quoted)
        {
          quoted = was_quoted = TRUE;
          continue;
        }
      if (ch == delim || ch == '\n' || ch == '\0' || (ch == '\r' && p[1] == '\n'))
        {
          if (ch == '\r')
            p++, ch = '\n';
          if (field->len > 0)
            row_set (row, col, g_strndup (field->str, field->len), FALSE);
          g_string_truncate (field, 0);
          was_quoted = FALSE;
          col++;
          if (ch == '\n' || ch == '\0')
            {
              g_ptr_array_add (rows, row);
              if (ch == '\0')
                break;
              line++;
              row = row_new (line);
              col = 0;
            }
          continue;
        }
      g_string_append_c (field, ch);
    }
  g_string_free (field, TRUE);
  return rows;
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

static GPtrArray *
read_csv (const char  *path,
          const char **encoding,
          GError     **error)
{
  g_autofree char *raw = NULL;
  g_autofree char *utf8 = NULL;
  const char *text;
  gsize len;

  if (!cd_file_read_limited (path, CSV_MAX_SIZE, &raw, &len, error))
    return NULL;
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
          return NULL;
        }
      text = utf8;
      len = strlen (utf8);
      *encoding = "UTF-16LE";
    }
  if (memchr (text, '\0', len) != NULL)
    {
      g_set_error (error, CD_SHEET_ERROR, CD_SHEET_ERROR_FORMAT,
                   _("“%s” is not a text (CSV) file. Choose the .xlsx or .csv staff list."), path);
      return NULL;
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
          return NULL;
        }
      *encoding = charset;
      text = utf8;
    }
  /* Windows-1258 and some Mac exports write decomposed tones; the caller
   * composes each cell it reads (the staff import with cd_text_clean()).
   * Not the whole text at once: GLib's composition is quadratic in the
   * length of its input. */
  return parse_csv (text);
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

CdSheet *
cd_sheet_read (const char  *path,
               GError     **error)
{
  g_autoptr(CdSheet) sheet = g_new0 (CdSheet, 1);

  g_return_val_if_fail (path != NULL, NULL);

  /* Decide by content: a renamed file is common, and the zip reader says
   * clearly when an .xlsx is really an old .xls. */
  if (is_zip (path) || is_ole2 (path) || g_str_has_suffix (path, ".xlsx") || g_str_has_suffix (path, ".XLSX"))
    {
      sheet->format = "xlsx";
      sheet->encoding = "UTF-8";
      sheet->rows = read_xlsx (path, error);
    }
  else
    {
      sheet->format = "csv";
      sheet->rows = read_csv (path, &sheet->encoding, error);
    }
  if (sheet->rows == NULL)
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
