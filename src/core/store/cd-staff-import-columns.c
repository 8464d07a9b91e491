/* cd-staff-import-columns.c — which column of a staff list holds which
 * field: each header cell's text matched by its words, accents and
 * punctuation aside, whatever the order and spelling ("Số CMND/CCCD (*)",
 * "Họ và tên", a merged "CCCD" over "Số | Ngày cấp | Nơi cấp").
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "cd-staff-import-columns.h"
#include "cd-text.h"

/* "Số CMND/CCCD (*)" → "so cmnd cccd" */
static char *
header_key (const char *text)
{
  g_autofree char *k = cd_text_search_key (text);
  GString *s = g_string_new (NULL);
  gboolean space = FALSE;

  for (const char *p = k; *p; p++)
    {
      if (g_ascii_isalnum (*p) || (guchar) *p >= 0x80)
        {
          if (space && s->len > 0)
            g_string_append_c (s, ' ');
          space = FALSE;
          g_string_append_c (s, *p);
        }
      else
        space = TRUE;
    }
  return g_string_free (s, FALSE);
}

static gboolean
has (const char *k, const char *word)
{
  /* whole words only: "to" must not match "tong" */
  gsize n = strlen (word);
  for (const char *p = strstr (k, word); p; p = strstr (p + 1, word))
    if ((p == k || p[-1] == ' ') && (p[n] == '\0' || p[n] == ' '))
      return TRUE;
  return FALSE;
}

static Field
match_header (const char *text)
{
  g_autofree char *k = header_key (text);

  if (*k == '\0')
    return F_NONE;
  if (strcmp (k, "stt") == 0 || strcmp (k, "tt") == 0 || has (k, "so tt")
      || has (k, "so thu tu"))
    return F_STT;
  if (has (k, "ngay cap"))
    return F_CCCD_DATE;
  if (has (k, "noi cap"))
    return F_CCCD_PLACE;
  if (has (k, "ngay sinh") || has (k, "ngay thang nam sinh") || strcmp (k, "sinh ngay") == 0
      || strcmp (k, "ns") == 0 || strcmp (k, "birth date") == 0 || strcmp (k, "date of birth") == 0)
    return F_BIRTH;
  if (has (k, "cccd") || has (k, "cmnd") || has (k, "can cuoc") || has (k, "dinh danh")
      || has (k, "chung minh") || has (k, "cmt"))
    return F_CCCD;
  if (has (k, "dien thoai") || has (k, "sdt") || strcmp (k, "dt") == 0 || has (k, "so dt")
      || has (k, "di dong") || has (k, "phone") || has (k, "dtdd"))
    return F_PHONE;
  if (has (k, "email") || has (k, "e mail") || has (k, "thu dien tu") || has (k, "hom thu")
      || has (k, "mail"))
    return F_EMAIL;
  if (strcmp (k, "ho") == 0 || has (k, "ho dem") || has (k, "ho va ten dem") || has (k, "ho va dem")
      || has (k, "ho lot") || has (k, "ho va chu lot"))
    return F_FAMILY;
  if (has (k, "ho va ten") || has (k, "ho ten") || has (k, "ho va ten can bo")
      || has (k, "full name") || strcmp (k, "name") == 0 || strcmp (k, "ten can bo") == 0
      || strcmp (k, "ten giao vien") == 0 || strcmp (k, "ten nhan vien") == 0)
    return F_NAME;
  if (strcmp (k, "ten") == 0)
    return F_GIVEN;
  if (has (k, "gioi tinh") || strcmp (k, "gioi") == 0 || strcmp (k, "phai") == 0
      || strcmp (k, "nam nu") == 0 || strcmp (k, "gender") == 0)
    return F_GENDER;
  if (has (k, "chuc vu") || has (k, "chuc danh") || strcmp (k, "position") == 0)
    return F_POSITION;
  if (has (k, "don vi") || has (k, "bo phan") || has (k, "phong ban") || strcmp (k, "to") == 0
      || has (k, "to chuyen mon") || has (k, "noi cong tac") || has (k, "to bo phan")
      || strcmp (k, "department") == 0)
    return F_DEPARTMENT;
  if (has (k, "ghi chu") || strcmp (k, "note") == 0)
    return F_NOTE;
  return F_NONE;
}


void
cd_import_map_init (Mapping *m)
{
  for (int i = 0; i < N_FIELDS; i++)
    m->col[i] = -1;
  m->n_fields = 0;
}

static void
map_add (Mapping *m, Field f, int col)
{
  if (f == F_NONE || m->col[f] >= 0)
    return;
  m->col[f] = col;
  m->n_fields++;
}

gboolean
cd_import_map_has_name (const Mapping *m)
{
  return m->col[F_NAME] >= 0 || (m->col[F_FAMILY] >= 0 && m->col[F_GIVEN] >= 0);
}

void
cd_import_map_single (const CdSheetRow *r, Mapping *m)
{
  cd_import_map_init (m);
  for (guint c = 0; c < r->cells->len; c++)
    map_add (m, match_header (cd_sheet_row_text (r, (int) c)), (int) c);
}

/* A two-row header: a merged cell of the top row ("CCCD", "Thông tin
 * cá nhân") spans several columns whose names are in the row below. Only
 * the first cell of a merged range has the text, so an empty top cell
 * inherits the text on its left when the cell below is not empty. */
void
cd_import_map_double (const CdSheetRow *top, const CdSheetRow *sub, Mapping *m)
{
  const char *inherited = NULL;
  guint n = MAX (top->cells->len, sub->cells->len);

  cd_import_map_init (m);
  for (guint c = 0; c < n; c++)
    {
      const char *t = cd_sheet_row_text (top, (int) c);
      const char *s = cd_sheet_row_text (sub, (int) c);
      Field f = F_NONE;

      if (t != NULL && *t)
        inherited = t;
      else if (s != NULL && *s)
        t = inherited;
      if (s != NULL && *s && t != NULL)
        {
          g_autofree char *both = g_strconcat (t, " ", s, NULL);
          f = match_header (both);
          if (f == F_NONE || f == match_header (t))
            {
              Field fs = match_header (s);
              if (fs != F_NONE)
                f = fs;
            }
        }
      else if (s != NULL && *s)
        f = match_header (s);
      else if (t != NULL)
        f = match_header (t);
      map_add (m, f, (int) c);
    }
}

/* A row "(1) (2) (3)…" or "1 2 3…" under the header. */
gboolean
cd_import_is_column_numbers (const CdSheetRow *r)
{
  guint n = 0;

  for (guint i = 0; i < r->cells->len; i++)
    {
      const char *t = g_array_index (r->cells, CdSheetCell, i).text;
      if (t == NULL || *t == '\0')
        continue;
      for (const char *p = t; *p; p++)
        if (!g_ascii_isdigit (*p) && *p != '(' && *p != ')' && *p != ' ')
          return FALSE;
      n++;
    }
  return n >= 3;
}
