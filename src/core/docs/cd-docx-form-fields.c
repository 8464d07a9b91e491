/* cd-docx-form-fields.c — which field a column of the Sở's form names
 *
 * A header cell's text ("Số CMND/CCCD/Hộ chiếu; Ngày cấp; Nơi cấp",
 * "Họ và tên") taken accent-free and word by word to the field that fills
 * the column, a header row mapped to columns by grid position, and a
 * second header row naming what its merged cells cover. Text only, no
 * XML: the form filler (cd-docx-form.c) and the reader of a filled form
 * (cd-docx-form-read.c) give it the cells' texts and grid spans. Split
 * from cd-docx-form.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "cd-docx-private.h"
#include "cd-text.h"

void
cd_form_column_free (CdFormColumn *col)
{
  if (col == NULL)
    return;
  g_free (col->header);
  g_free (col->field);
  g_free (col);
}

/* Accent-free, lower-case, words separated by one space: "Số CCCD/CMND"
 * → "so cccd cmnd". Through cd_text_search_key(), which validates the
 * UTF-8 and bounds runs of marks, so a hostile cell costs linear time. */
char *
cd_form_normalise (const char *text)
{
  g_autofree char *key = cd_text_search_key (text);
  GString *out = g_string_new (NULL);
  gboolean space = FALSE;

  for (const char *c = key; *c; c = g_utf8_next_char (c))
    {
      gunichar u = g_utf8_get_char (c);

      if (u < 128 && g_ascii_isalnum ((char) u))
        {
          if (space && out->len > 0)
            g_string_append_c (out, ' ');
          g_string_append_c (out, (char) u);
          space = FALSE;
        }
      else
        space = TRUE;
    }
  return g_string_free (out, FALSE);
}

gboolean
cd_form_has_words (const char *hay,
                   const char *needle)
{
  /* whole words only: " tt " must not match inside "thong tin" */
  g_autofree char *h = g_strconcat (" ", hay, " ", NULL);
  g_autofree char *n = g_strconcat (" ", needle, " ", NULL);

  return strstr (h, n) != NULL;
}

/* "Số CMND/CCCD/Hộ chiếu; Ngày cấp; Nơi cấp" (Mẫu 01): the card named
 * before its issue date, so one cell for all three. "Ngày cấp CCCD" names
 * the date alone. */
static gboolean
card_in_one_cell (const char *h)
{
  static const char *const card[] = { "cccd", "cmnd", "can cuoc", "dinh danh", "ho chieu" };
  g_autofree char *padded = g_strconcat (" ", h, " ", NULL);
  const char *date = strstr (padded, " ngay cap ");

  if (date == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (card); i++)
    {
      g_autofree char *word = g_strconcat (" ", card[i], " ", NULL);
      const char *at = strstr (padded, word);

      if (at != NULL && at < date)
        return TRUE;
    }
  return FALSE;
}

const char *
cd_form_field_for_header (const char *header)
{
  g_autofree char *h = cd_form_normalise (header);

  if (*h == '\0')
    return NULL;
  if (g_str_equal (h, "stt") || g_str_equal (h, "tt") || g_str_equal (h, "so tt")
      || g_str_equal (h, "so thu tu") || g_str_equal (h, "thu tu"))
    return "stt";
  if (cd_form_has_words (h, "ly do"))
    return "ly_do";
  if (cd_form_has_words (h, "noi dung thay doi") || cd_form_has_words (h, "noi dung de nghi thay doi"))
    return "noi_dung_thay_doi";
  if (cd_form_has_words (h, "thong tin chung thu") || cd_form_has_words (h, "thong tin cts"))
    return "thong_tin_cts";
  if (cd_form_has_words (h, "so hieu") || cd_form_has_words (h, "serial"))
    return "so_hieu_cts";
  if (cd_form_has_words (h, "cung cap") || cd_form_has_words (h, "nha cung cap"))
    return "don_vi_cung_cap";
  if (card_in_one_cell (h))
    return cd_form_has_words (h, "noi cap") ? "cccd_ngay_noi_cap" : "cccd_ngay_cap";
  if (cd_form_has_words (h, "ngay cap"))
    return "ngay_cap_cccd";
  if (cd_form_has_words (h, "noi cap"))
    return "noi_cap_cccd";
  if (cd_form_has_words (h, "can cuoc") || cd_form_has_words (h, "cccd") || cd_form_has_words (h, "cmnd") || cd_form_has_words (h, "dinh danh"))
    return "cccd";
  if (cd_form_has_words (h, "ngay sinh") || cd_form_has_words (h, "nam sinh"))
    return "ngay_sinh";
  if (cd_form_has_words (h, "ho va ten") || cd_form_has_words (h, "ho ten") || g_str_equal (h, "ten"))
    return "ho_ten";
  if (cd_form_has_words (h, "gioi tinh"))
    return "gioi_tinh";
  if (cd_form_has_words (h, "chuc vu") || cd_form_has_words (h, "chuc danh"))
    return "chuc_vu";
  if (cd_form_has_words (h, "dien thoai") || cd_form_has_words (h, "sdt") || cd_form_has_words (h, "so dt") || cd_form_has_words (h, "di dong"))
    return "dien_thoai";
  if (cd_form_has_words (h, "email") || cd_form_has_words (h, "thu dien tu") || cd_form_has_words (h, "hom thu"))
    return "email";
  if (cd_form_has_words (h, "don vi") || cd_form_has_words (h, "co quan") || cd_form_has_words (h, "noi cong tac") || cd_form_has_words (h, "to chuc"))
    return "don_vi";
  if (cd_form_has_words (h, "thiet bi") || cd_form_has_words (h, "token"))
    return "thiet_bi";
  if (cd_form_has_words (h, "ghi chu"))
    return "ghi_chu";
  return NULL;
}

guint
cd_form_map_header_texts (GPtrArray    *texts,
                          const guint  *spans,
                          GPtrArray   **out_columns)
{
  GPtrArray *cols = g_ptr_array_new_with_free_func ((GDestroyNotify) cd_form_column_free);
  guint grid = 0, mapped = 0;
  gboolean has_name = FALSE;

  for (guint i = 0; i < texts->len; i++)
    {
      CdFormColumn *col = g_new0 (CdFormColumn, 1);
      const char *field;

      col->column = grid;
      col->header = g_strdup (g_ptr_array_index (texts, i));
      field = cd_form_field_for_header (col->header);
      /* A field maps once: a second "Đơn vị" is left for the clerk. */
      for (guint k = 0; field != NULL && k < cols->len; k++)
        if (g_strcmp0 (((CdFormColumn *) g_ptr_array_index (cols, k))->field, field) == 0)
          field = NULL;
      col->field = g_strdup (field);
      if (field != NULL)
        mapped++;
      if (g_strcmp0 (field, "ho_ten") == 0)
        has_name = TRUE;
      g_ptr_array_add (cols, col);
      grid += spans[i];
    }
  *out_columns = cols;
  return has_name ? mapped : 0;
}

static int
column_cmp (gconstpointer a,
            gconstpointer b)
{
  const CdFormColumn *ca = *(CdFormColumn * const *) a;
  const CdFormColumn *cb = *(CdFormColumn * const *) b;

  return (int) ca->column - (int) cb->column;
}

static gboolean
has_field (GPtrArray  *columns,
           const char *field)
{
  for (guint k = 0; k < columns->len; k++)
    if (g_strcmp0 (((CdFormColumn *) g_ptr_array_index (columns, k))->field, field) == 0)
      return TRUE;
  return FALSE;
}

gboolean
cd_form_merge_sub_header_texts (GPtrArray   *texts,
                                const guint *spans,
                                GPtrArray   *columns)
{
  guint grid = 0, named = 0;

  for (guint i = 0; i < texts->len; i++)
    {
      const char *text = g_ptr_array_index (texts, i);
      const char *field = cd_form_field_for_header (text);
      gboolean taken = FALSE;
      CdFormColumn *at = NULL;

      for (guint k = 0; k < columns->len; k++)
        {
          CdFormColumn *c = g_ptr_array_index (columns, k);
          if (field != NULL && g_strcmp0 (c->field, field) == 0)
            taken = TRUE;
          if (c->column == grid)
            at = c;
        }
      if (field != NULL && !taken)
        {
          if (at != NULL && at->field == NULL)
            {
              at->field = g_strdup (field);
              named++;
            }
          else if (at == NULL)
            {
              CdFormColumn *c = g_new0 (CdFormColumn, 1);
              named++;
              c->column = grid;
              c->header = g_strdup (text);
              c->field = g_strdup (field);
              g_ptr_array_add (columns, c);
            }
        }
      grid += spans[i];
    }
  /* "Số CCCD, ngày cấp, nơi cấp" over "Số | Ngày cấp | Nơi cấp": the
   * group's first column holds the number alone */
  for (guint k = 0; k < columns->len; k++)
    {
      CdFormColumn *c = g_ptr_array_index (columns, k);

      if (c->field != NULL && g_str_has_prefix (c->field, "cccd_ngay_")
          && (has_field (columns, "ngay_cap_cccd") || has_field (columns, "noi_cap_cccd"))
          && !has_field (columns, "cccd"))
        {
          g_free (c->field);
          c->field = g_strdup ("cccd");
        }
    }
  g_ptr_array_sort (columns, column_cmp);
  /* A row that names no new column is the list's first row, not a
   * second header row (a filled list read back). */
  return named > 0;
}
