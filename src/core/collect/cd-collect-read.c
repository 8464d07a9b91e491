/* cd-collect-read.c — one school's list read as rows of text
 *
 * A Word list goes through the form reader (cd_docx_read_form_file: the table
 * found by its header, the unit from the frame); a sheet through the
 * sheet reader (cd_sheet_read), its header found by the same column names
 * (cd_form_field_for_header), the Cục's "Tổ chức cấp 1…4" giving the unit.
 * What cannot be read says what it is and what to do: an old .doc or .xls
 * is an OLE2 file with a WordDocument or Workbook stream, a
 * password-protected Office file an OLE2 file with an EncryptedPackage.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <string.h>
#include <glib/gi18n.h>

#include "cd-collect-private.h"
#include "cd-docx.h"
#include "cd-fileutil.h"
#include "cd-sheet.h"
#include "cd-text.h"
#include "cd-zip.h"

#define HEADER_SEARCH_ROWS 15
/* An OLE2 file's directory is read whole to tell its kind; real ones are
 * small, and no list is larger. */
#define OLE_MAX_BYTES (64u * 1024u * 1024u)

void
cd_collect_read_free (CdCollectRead *read)
{
  if (read == NULL)
    return;
  g_free (read->unit);
  g_free (read->title);
  g_clear_pointer (&read->rows, g_ptr_array_unref);
  g_free (read);
}

static void
raw_free (CdCollectRaw *raw)
{
  for (int i = 0; i < CF_N; i++)
    g_free (raw->v[i]);
  g_free (raw);
}

static CdCollectRead *
read_new (const char *format)
{
  CdCollectRead *read = g_new0 (CdCollectRead, 1);

  read->format = format;
  read->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) raw_free);
  return read;
}

/* The form's field names (cd-doc-context.h's vocabulary) as ours. */
static int
field_of (const char *name)
{
  static const struct { const char *name; CdCollectField f; } map[] = {
    { "stt", CF_STT }, { "ho_ten", CF_NAME }, { "ngay_sinh", CF_BIRTH },
    { "gioi_tinh", CF_GENDER }, { "chuc_vu", CF_POSITION }, { "don_vi", CF_UNIT },
    { "cccd", CF_CCCD }, { "ngay_cap_cccd", CF_CCCD_DATE }, { "noi_cap_cccd", CF_CCCD_PLACE },
    { "dien_thoai", CF_PHONE }, { "email", CF_EMAIL }, { "so_hieu_cts", CF_SERIAL },
    { "thong_tin_cts", CF_CERT_INFO }, { "don_vi_cung_cap", CF_PROVIDER },
    { "ly_do", CF_REASON }, { "noi_dung_thay_doi", CF_CHANGE }, { "thiet_bi", CF_DEVICE },
    { "ghi_chu", CF_NOTE }, { "cccd_ngay_noi_cap", CF_CARD }, { "cccd_ngay_cap", CF_CARD },
  };

  if (name == NULL)
    return -1;
  for (guint i = 0; i < G_N_ELEMENTS (map); i++)
    if (g_str_equal (map[i].name, name))
      return map[i].f;
  return -1;
}

const char *
cd_collect_kind_from_title (const char *title)
{
  g_autofree char *k = NULL;

  if (title == NULL)
    return NULL;
  k = cd_text_search_key (title);
  if (strstr (k, "thu hoi") != NULL)
    return "thu-hoi";
  if (strstr (k, "gia han") != NULL)
    return "gia-han";
  if (strstr (k, "cap lai") != NULL)
    return "cap-lai";
  if (strstr (k, "thay doi") != NULL)
    return "thay-doi";
  if (strstr (k, "khoi phuc") != NULL)
    return "khoi-phuc";
  if (strstr (k, "hom thu") != NULL)
    return "hom-thu";
  if (strstr (k, "cap") != NULL && strstr (k, "chung thu") != NULL)
    return "cap-moi";
  return NULL;
}

/* ---- The card in one cell ------------------------------------------- */

/* A date as typed after the number: d/m/yyyy, with / . or - between;
 * its length in bytes, 0 when @p does not start one. */
static gsize
date_at (const char *p)
{
  const char *q = p;
  char sep = 0;

  for (int part = 0; part < 3; part++)
    {
      gsize digits = 0;

      while (g_ascii_isdigit (*q))
        q++, digits++;
      if (part < 2 ? (digits < 1 || digits > 2) : digits != 4)
        return 0;
      if (part == 2)
        break;
      if ((*q != '/' && *q != '.' && *q != '-') || (sep != 0 && *q != sep))
        return 0;
      sep = *q++;
    }
  return (gsize) (q - p);
}

/* Skips what joins the parts: spaces, ";,:-–", and "tại" or "Nơi cấp"
 * before the place. */
static const char *
skip_joins (const char *p)
{
  static const char *const words[] = { "tại ", "Tại ", "nơi cấp", "Nơi cấp", "NƠI CẤP" };
  gboolean again = TRUE;

  while (again)
    {
      again = FALSE;
      while (*p == ' ' || *p == ';' || *p == ',' || *p == ':' || *p == '-')
        p++, again = TRUE;
      if (g_str_has_prefix (p, "–"))
        p += strlen ("–"), again = TRUE;
      for (guint i = 0; i < G_N_ELEMENTS (words); i++)
        if (g_str_has_prefix (p, words[i]))
          p += strlen (words[i]), again = TRUE;
    }
  return p;
}

void
cd_collect_split_card (const char  *text,
                       char       **cccd,
                       char       **date,
                       char       **place)
{
  const char *start = NULL, *end = NULL, *rest;

  *cccd = *date = *place = NULL;
  if (text == NULL || *text == '\0')
    return;
  for (const char *p = text; *p != '\0' && start == NULL; )
    {
      const char *q = p;

      while (g_ascii_isdigit (*q))
        q++;
      if (q - p >= 9)
        start = p, end = q;
      p = q > p ? q : p + 1;
    }
  if (start == NULL)
    {
      *cccd = g_strdup (text);
      return;
    }
  *cccd = g_strndup (start, (gsize) (end - start));
  rest = end;
  for (const char *p = end; *p != '\0'; p++)
    {
      gsize n;

      if (!g_ascii_isdigit (*p) || g_ascii_isdigit (p[-1]))
        continue;
      n = date_at (p);
      if (n > 0)
        {
          *date = g_strndup (p, n);
          rest = p + n;
          break;
        }
    }
  rest = skip_joins (rest);
  if (*rest != '\0')
    *place = g_strchomp (g_strdup (rest));
}

/* A list with the card in one cell: its three fields, unless the list
 * has columns of its own for them. */
static void
split_cards (CdCollectRead *read)
{
  static const int fields[3] = { CF_CCCD, CF_CCCD_DATE, CF_CCCD_PLACE };

  if (!read->has_column[CF_CARD])
    return;
  for (guint r = 0; r < read->rows->len; r++)
    {
      CdCollectRaw *raw = g_ptr_array_index (read->rows, r);
      char *parts[3] = { NULL, NULL, NULL };

      cd_collect_split_card (raw->v[CF_CARD], &parts[0], &parts[1], &parts[2]);
      for (int i = 0; i < 3; i++)
        {
          if (raw->v[fields[i]] == NULL && !read->has_column[fields[i]])
            raw->v[fields[i]] = g_steal_pointer (&parts[i]);
          g_free (parts[i]);
        }
      g_clear_pointer (&raw->v[CF_CARD], g_free);
    }
  for (int i = 0; i < 3; i++)
    read->has_column[fields[i]] = TRUE;
}

/* ---- What kind of file ----------------------------------------------- */

static gboolean
has_utf16 (const char *data,
           gsize       len,
           const char *ascii)
{
  gsize n = strlen (ascii);
  g_autofree char *pat = g_malloc (2 * n);

  for (gsize i = 0; i < n; i++)
    {
      pat[2 * i] = ascii[i];
      pat[2 * i + 1] = '\0';
    }
  return len >= 2 * n && memmem (data, len, pat, 2 * n) != NULL;
}

/* An OLE2 compound file: says which old or protected kind it is. */
static void
set_ole_error (const char  *path,
               GError     **error)
{
  g_autofree char *data = NULL;
  g_autofree char *base = g_path_get_basename (path);
  gsize len = 0;

  if (!cd_file_read_limited (path, OLE_MAX_BYTES, &data, &len, NULL))
    len = 0;
  if (len > 0 && has_utf16 (data, len, "EncryptedPackage"))
    g_set_error (error, CD_FILE_ERROR, CD_FILE_ERROR_FORMAT,
                 _("“%s” is protected by a password, so it cannot be read. Ask the school to send it again without a password (in Word: File › Info › Protect Document › Encrypt with Password, empty the password)."),
                 base);
  else if (len > 0 && has_utf16 (data, len, "WordDocument"))
    g_set_error (error, CD_FILE_ERROR, CD_FILE_ERROR_FORMAT,
                 _("“%s” is an old Word document (.doc). Open it in Word or LibreOffice and save it as a Word document (.docx), then collect it again."),
                 base);
  else if (len > 0 && (has_utf16 (data, len, "Workbook") || has_utf16 (data, len, "Book")))
    g_set_error (error, CD_FILE_ERROR, CD_FILE_ERROR_FORMAT,
                 _("“%s” is an old Excel workbook (.xls). Open it in Excel or LibreOffice and save it as an Excel workbook (.xlsx), then collect it again."),
                 base);
  else
    g_set_error (error, CD_FILE_ERROR, CD_FILE_ERROR_FORMAT,
                 _("“%s” is an old Office file. Open it in Word or Excel and save it as .docx or .xlsx, then collect it again."),
                 base);
}

static int
sniff (const char *path)
{
  static const guchar ole[8] = { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 };
  guchar head[8] = { 0 };
  FILE *f = fopen (path, "rb");
  size_t n;

  if (f == NULL)
    return -1;
  n = fread (head, 1, sizeof head, f);
  fclose (f);
  if (n == 8 && memcmp (head, ole, 8) == 0)
    return 'o';
  if (n >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4)
    return 'z';
  return 't';
}

/* ---- Word ------------------------------------------------------------- */

static CdCollectRead *
read_docx (const char  *path,
           GError     **error)
{
  g_autoptr(CdFormList) list = NULL;
  g_autoptr(CdCollectRead) read = NULL;
  int fields[64];
  guint n_cols;

  list = cd_docx_read_form_file (path, error);
  if (list == NULL)
    return NULL;
  read = read_new ("docx");
  read->unit = cd_text_clean (list->unit);
  read->title = cd_text_clean (list->title);
  n_cols = MIN (list->columns->len, G_N_ELEMENTS (fields));
  for (guint c = 0; c < n_cols; c++)
    {
      fields[c] = field_of (((CdFormColumn *) g_ptr_array_index (list->columns, c))->field);
      if (fields[c] >= 0)
        read->has_column[fields[c]] = TRUE;
      /* a bare "Lý do" may be either: only a revocation's own column
       * makes a title-less list a revocation list */
      if (cd_form_column_sort (((CdFormColumn *) g_ptr_array_index (list->columns, c))->field,
                               ((CdFormColumn *) g_ptr_array_index (list->columns, c))->header)
          == CD_FORM_SORT_REVOCATION)
        read->revocation = TRUE;
    }
  for (guint r = 0; r < list->rows->len; r++)
    {
      CdFormRow *fr = g_ptr_array_index (list->rows, r);
      CdCollectRaw *raw = g_new0 (CdCollectRaw, 1);

      raw->row = fr->row;
      for (guint c = 0; c < n_cols; c++)
        if (fields[c] >= 0 && raw->v[fields[c]] == NULL)
          raw->v[fields[c]] = cd_text_clean (fr->values[c]);
      /* a heading row names the unit of the people under it */
      if (raw->v[CF_UNIT] == NULL && fr->group != NULL)
        raw->v[CF_UNIT] = cd_text_clean (fr->group);
      g_ptr_array_add (read->rows, raw);
    }
  split_cards (read);
  return g_steal_pointer (&read);
}

/* ---- Sheets ----------------------------------------------------------- */

typedef struct {
  int col[CF_N];
  int org[4];      /* the Cục's Tổ chức cấp 1…4 */
  int surname;     /* "Họ đệm" beside "Tên": the full name is both */
  guint mapped;
} SheetMap;

/* "Họ đệm", "Họ và tên đệm", "Họ lót": the family and middle names of a
 * staff sheet that keeps the given name ("Tên") apart. */
static gboolean
is_surname_header (const char *key)
{
  static const char *const names[] = {
    "ho dem", "ho va dem", "ho va ten dem", "ho ten dem", "ho lot", "ho va ten lot",
    "ho va chu dem", "ho",
  };
  g_autofree char *norm = NULL;
  GString *n = g_string_new (NULL);
  gboolean space = FALSE;

  /* the search key's words, punctuation as spaces: "Họ, đệm" reads "ho dem" */
  for (const char *c = key; *c; c++)
    {
      if (g_ascii_isalnum (*c))
        {
          if (space && n->len > 0)
            g_string_append_c (n, ' ');
          g_string_append_c (n, *c);
          space = FALSE;
        }
      else
        space = TRUE;
    }
  norm = g_string_free (n, FALSE);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_str_equal (norm, names[i]))
      return TRUE;
  return FALSE;
}

static void
map_row (const CdSheetRow *r,
         SheetMap         *m)
{
  for (int i = 0; i < CF_N; i++)
    m->col[i] = -1;
  for (int i = 0; i < 4; i++)
    m->org[i] = -1;
  m->surname = -1;
  m->mapped = 0;
  for (guint c = 0; c < r->cells->len; c++)
    {
      const char *text = cd_sheet_row_text (r, (int) c);
      g_autofree char *key = NULL;
      int f;

      if (text == NULL)
        continue;
      key = cd_text_search_key (text);
      if (g_str_has_prefix (key, "to chuc cap ") && key[12] >= '1' && key[12] <= '4')
        {
          m->org[key[12] - '1'] = (int) c;
          continue;
        }
      if (m->surname < 0 && is_surname_header (key))
        {
          m->surname = (int) c;
          continue;
        }
      /* "Tỉnh thành phố" and the Cục's other columns that are not ours */
      f = field_of (cd_form_field_for_header (text));
      if (f >= 0 && m->col[f] < 0)
        {
          m->col[f] = (int) c;
          m->mapped++;
        }
    }
}

static gboolean
column_used (const SheetMap *m,
             int             c)
{
  if (m->surname == c)
    return TRUE;
  for (int i = 0; i < CF_N; i++)
    if (m->col[i] == c)
      return TRUE;
  for (int i = 0; i < 4; i++)
    if (m->org[i] == c)
      return TRUE;
  return FALSE;
}

/* A row under the header that is a person's, not a second header row:
 * a number in the STT column, or a CCCD-like run of digits anywhere. */
static gboolean
looks_like_data (const CdSheetRow *r,
                 const SheetMap   *m)
{
  for (guint c = 0; c < r->cells->len; c++)
    {
      const char *t = cd_sheet_row_text (r, (int) c);
      gsize digits = 0;

      if (t == NULL)
        continue;
      for (const char *p = t; *p; p++)
        if (g_ascii_isdigit (*p))
          digits++;
      if (digits >= 9)
        return TRUE;
      if ((int) c == m->col[CF_STT] && digits > 0 && digits == strlen (t))
        return TRUE;
    }
  return FALSE;
}

/* A header over two rows: a merged group over its sub-headers ("Họ và
 * tên" over "Họ đệm | Tên", "Căn cước công dân" over "Số | Ngày cấp |
 * Nơi cấp"). The row @other above or below the header names the columns
 * the header left unnamed. A sub-header "Tên" under the group "Họ và
 * tên" takes the name, the "Họ đệm" beside it joined before it. Returns
 * the columns it named. */
static guint
merge_header_row (SheetMap         *m,
                  const CdSheetRow *other)
{
  SheetMap o;
  guint named = 0;

  map_row (other, &o);
  if (o.surname >= 0 && o.col[CF_NAME] >= 0 && m->surname < 0
      && (!column_used (m, o.surname) || m->col[CF_NAME] == o.surname)
      && (!column_used (m, o.col[CF_NAME]) || m->col[CF_NAME] == o.col[CF_NAME]))
    {
      m->surname = o.surname;
      m->col[CF_NAME] = o.col[CF_NAME];
      named += 2;
    }
  for (int f = 0; f < CF_N; f++)
    if (o.col[f] >= 0 && m->col[f] < 0 && !column_used (m, o.col[f]))
      {
        m->col[f] = o.col[f];
        m->mapped++;
        named++;
      }
  for (int i = 0; i < 4; i++)
    if (o.org[i] >= 0 && m->org[i] < 0 && !column_used (m, o.org[i]))
      {
        m->org[i] = o.org[i];
        named++;
      }
  return named;
}

/* "1 | 2 | 3 …" or "(1) | (2) | (3) …" under the header. */
static gboolean
is_column_numbers (const CdSheetRow *r)
{
  guint n = 0;

  for (guint c = 0; c < r->cells->len; c++)
    {
      const char *t = cd_sheet_row_text (r, (int) c);
      guint v = 0, d = 0;

      if (t == NULL || *t == '\0')
        continue;
      for (const char *p = t; *p; p++)
        {
          if (g_ascii_isdigit (*p) && d < 4)
            {
              v = v * 10 + (guint) (*p - '0');
              d++;
            }
          else if (*p != '(' && *p != ')' && *p != ' ' && *p != '.')
            return FALSE;
        }
      if (d == 0 || v != n + 1)
        return FALSE;
      n++;
    }
  return n >= 3;
}

static char *
sheet_text (const CdSheetRow *r,
            int               col)
{
  return col >= 0 ? cd_text_clean (cd_sheet_row_text (r, col)) : NULL;
}

/* The full name: "Họ đệm" and "Tên" joined when the sheet keeps them
 * apart. */
static char *
sheet_name (const CdSheetRow *r,
            const SheetMap   *m)
{
  g_autofree char *surname = sheet_text (r, m->surname);
  g_autofree char *given = sheet_text (r, m->col[CF_NAME]);

  if (surname == NULL)
    return g_steal_pointer (&given);
  if (given == NULL)
    return g_steal_pointer (&surname);
  return g_strconcat (surname, " ", given, NULL);
}

static CdCollectRead *
read_sheet (const char  *path,
            GError     **error)
{
  g_autoptr(CdSheet) sheet = cd_sheet_read (path, error);
  g_autoptr(CdCollectRead) read = NULL;
  SheetMap m;
  guint header = G_MAXUINT, first = 0;

  if (sheet == NULL)
    return NULL;
  for (guint r = 0; r < sheet->rows->len && r < HEADER_SEARCH_ROWS; r++)
    {
      map_row (g_ptr_array_index (sheet->rows, r), &m);
      if (m.mapped >= 3 && m.col[CF_NAME] >= 0)
        {
          header = r;
          break;
        }
    }
  if (header == G_MAXUINT)
    {
      g_autofree char *base = g_path_get_basename (path);
      g_set_error (error, CD_FILE_ERROR, CD_FILE_ERROR_FORMAT,
                   _("No list found in “%s”: none of its first %d rows names the list's columns (Họ và tên, Ngày sinh, CCCD…)."),
                   base, HEADER_SEARCH_ROWS);
      return NULL;
    }
  /* A group header above (a header row whose groups named too few
   * columns to be found alone), sub-headers below. */
  if (header > 0)
    {
      const CdSheetRow *above = g_ptr_array_index (sheet->rows, header - 1);
      SheetMap a;

      map_row (above, &a);
      if (a.mapped >= 2)
        merge_header_row (&m, above);
    }
  first = header + 1;
  if (first < sheet->rows->len)
    {
      const CdSheetRow *below = g_ptr_array_index (sheet->rows, first);

      if (!looks_like_data (below, &m))
        {
          SheetMap copy = m;
          if (merge_header_row (&copy, below) > 0)
            {
              m = copy;
              first++;
            }
        }
    }
  read = read_new (sheet->format);
  for (int i = 0; i < CF_N; i++)
    read->has_column[i] = m.col[i] >= 0;
  if (m.org[0] >= 0)
    read->has_column[CF_UNIT] = TRUE;
  /* the header's rows, a group's above and a sub-header's below */
  read->revocation = m.col[CF_CERT_INFO] >= 0;
  for (guint r = header > 0 ? header - 1 : 0; r < first; r++)
    {
      const CdSheetRow *row = g_ptr_array_index (sheet->rows, r);

      if (m.col[CF_REASON] >= 0
          && cd_form_column_sort ("ly_do", cd_sheet_row_text (row, m.col[CF_REASON]))
             == CD_FORM_SORT_REVOCATION)
        read->revocation = TRUE;
    }
  /* Title lines above the header: the list's title, the unit. */
  for (guint r = 0; r < header; r++)
    {
      const CdSheetRow *row = g_ptr_array_index (sheet->rows, r);
      for (guint c = 0; c < row->cells->len; c++)
        {
          g_autofree char *t = cd_text_clean (cd_sheet_row_text (row, (int) c));
          if (t != NULL && read->title == NULL && cd_collect_kind_from_title (t) != NULL)
            read->title = g_steal_pointer (&t);
        }
    }
  for (guint r = first; r < sheet->rows->len; r++)
    {
      const CdSheetRow *row = g_ptr_array_index (sheet->rows, r);
      CdCollectRaw *raw;
      gboolean any = FALSE;

      if (cd_sheet_row_is_blank (row) || is_column_numbers (row))
        continue;
      raw = g_new0 (CdCollectRaw, 1);
      raw->row = row->number;
      for (int f = 0; f < CF_N; f++)
        {
          raw->v[f] = f == CF_NAME ? sheet_name (row, &m) : sheet_text (row, m.col[f]);
          if (raw->v[f] != NULL && f != CF_STT)
            any = TRUE;
        }
      if (m.col[CF_CCCD] >= 0)
        {
          const CdSheetCell *cell = cd_sheet_row_get (row, m.col[CF_CCCD]);
          raw->cccd_numeric = cell != NULL && cell->numeric;
        }
      /* The Cục's sheet: the school is the lowest level filled in. */
      for (int i = 3; i >= 0 && raw->v[CF_UNIT] == NULL; i--)
        raw->v[CF_UNIT] = sheet_text (row, m.org[i]);
      if (!any)
        {
          raw_free (raw);
          continue;
        }
      g_ptr_array_add (read->rows, raw);
    }
  split_cards (read);
  return g_steal_pointer (&read);
}

CdCollectRead *
cd_collect_read_file (const char  *path,
                      GError     **error)
{
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *lower = g_ascii_strdown (base, -1);
  g_autoptr(GError) local = NULL;
  CdCollectRead *read;
  int kind = sniff (path);

  if (kind < 0)
    {
      cd_file_set_read_error (error, base, errno);
      return NULL;
    }
  if (kind == 'o')
    {
      set_ole_error (path, error);
      return NULL;
    }
  if (kind == 'z')
    {
      /* a .docx first, unless it is named as a workbook */
      if (!g_str_has_suffix (lower, ".xlsx"))
        {
          read = read_docx (path, &local);
          if (read != NULL)
            return read;
          if (!g_error_matches (local, CD_FILE_ERROR, CD_FILE_ERROR_FORMAT))
            {
              g_propagate_prefixed_error (error, g_steal_pointer (&local), "“%s”: ", base);
              return NULL;
            }
          g_clear_error (&local);
        }
      read = read_sheet (path, &local);
      if (read == NULL)
        {
          if (g_error_matches (local, CD_SHEET_ERROR, CD_SHEET_ERROR_FORMAT))
            g_set_error (error, CD_FILE_ERROR, CD_FILE_ERROR_FORMAT,
                         _("“%s” is neither a Word list (.docx) nor an Excel sheet (.xlsx)."), base);
          else
            g_propagate_prefixed_error (error, g_steal_pointer (&local), "“%s”: ", base);
        }
      return read;
    }
  if (g_str_has_suffix (lower, ".csv"))
    {
      read = read_sheet (path, &local);
      if (read == NULL)
        g_propagate_prefixed_error (error, g_steal_pointer (&local), "“%s”: ", base);
      return read;
    }
  if (g_str_has_suffix (lower, ".docx") || g_str_has_suffix (lower, ".xlsx"))
    g_set_error (error, CD_FILE_ERROR, CD_FILE_ERROR_FORMAT,
                 _("“%s” is damaged: it is not the Word or Excel file its name says. Ask the school to save it again and resend it."),
                 base);
  else
    g_set_error (error, CD_FILE_ERROR, CD_FILE_ERROR_FORMAT,
                 _("“%s” is not a list: collect Word files (.docx) in the Sở's form, or Excel sheets (.xlsx)."),
                 base);
  return NULL;
}
