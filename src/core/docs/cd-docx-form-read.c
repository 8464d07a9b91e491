/* cd-docx-form-read.c — a filled Sở form read back: the list's rows and
 * the frame's unit
 *
 * The reverse of cd-docx-form.c, with the same knowledge of the form: the
 * list table is found by its header (cd_form_find_table), so a list filled
 * by CertDesk, typed by hand in Word or saved by LibreOffice reads the
 * same. The frame's left column holds the managing unit over the unit
 * ("TÊN ĐƠN VỊ QUẢN LÝ" over "TÊN ĐƠN VỊ" in the blank form), beside
 * "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <glib/gi18n.h>

#include "cd-docx-private.h"
#include "cd-text.h"

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

static void
read_frame_cell (xmlNode    *tc,
                 CdFormList *list)
{
  g_autoptr(GPtrArray) paras = g_ptr_array_new ();
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);

  cd_w_collect (tc, "p", paras);
  for (guint i = 0; i < paras->len; i++)
    {
      g_autofree char *text = cd_w_para_text (g_ptr_array_index (paras, i));
      g_autofree char *clean = cd_text_clean (text);
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

static xmlNode *
previous_cell (xmlNode *tc)
{
  for (xmlNode *n = tc->prev; n != NULL; n = n->prev)
    if (cd_w_is (n, "tc"))
      return n;
  return NULL;
}

static void
read_frame (xmlDoc     *doc,
            xmlNode    *list_tbl,
            CdFormList *list)
{
  g_autoptr(GPtrArray) paras = g_ptr_array_new ();
  gboolean frame_done = FALSE;

  cd_w_collect (xmlDocGetRootElement (doc), "p", paras);
  for (guint i = 0; i < paras->len; i++)
    {
      xmlNode *p = g_ptr_array_index (paras, i);
      g_autofree char *text = NULL;
      g_autofree char *norm = NULL;
      xmlNode *tbl = cd_w_ancestor (p, "tbl");

      if (tbl == list_tbl)
        continue;
      text = cd_w_para_text (p);
      g_strstrip (text);
      if (*text == '\0' || strlen (text) > 300)
        continue;
      norm = cd_form_normalise (text);
      if (!frame_done && g_str_equal (norm, "cong hoa xa hoi chu nghia viet nam"))
        {
          xmlNode *tc = cd_w_ancestor (p, "tc");
          xmlNode *left = tc != NULL ? previous_cell (tc) : NULL;

          frame_done = TRUE;
          if (left != NULL)
            read_frame_cell (left, list);
        }
      else if (list->title == NULL && tbl == NULL
               && (g_str_has_prefix (norm, "danh sach") || g_str_has_prefix (norm, "bieu mau")
                   || g_str_has_prefix (norm, "de nghi") || g_str_has_prefix (norm, "v v ")))
        list->title = cd_text_clean (text);
    }
}

static void
read_rows (CdFormTable *ft,
           CdFormList  *list)
{
  g_autoptr(GPtrArray) rows = cd_form_table_rows (ft->tbl);
  g_autofree char *group = NULL;
  guint n_cols = ft->columns->len;
  gboolean after = FALSE;

  for (guint r = 0; r < rows->len; r++)
    {
      xmlNode *tr = g_ptr_array_index (rows, r);
      g_autoptr(GPtrArray) cells = NULL;
      g_autoptr(GPtrArray) texts = NULL;
      CdFormRow *row;
      guint grid = 0, n_filled = 0, last_span = 1;
      gboolean any = FALSE;

      if (tr == ft->header || tr == ft->sub_header)
        {
          after = TRUE;
          continue;
        }
      if (!after || cd_form_row_is_blank_numbered (tr))
        continue;
      cells = cd_form_row_cells (tr);
      texts = g_ptr_array_new_with_free_func (g_free);
      for (guint i = 0; i < cells->len; i++)
        {
          char *t = cd_form_cell_text (g_ptr_array_index (cells, i));
          if (*t != '\0')
            {
              n_filled++;
              last_span = cd_form_cell_span (g_ptr_array_index (cells, i));
            }
          g_ptr_array_add (texts, t);
        }
      if (n_filled == 0 || is_column_numbers (texts))
        continue;
      /* One cell across the table ("Trường THCS Lê Lợi"): a heading over
       * the unit's people, as in a list already collected. */
      if (n_filled == 1 && (cells->len == 1 || last_span > 1))
        {
          for (guint i = 0; i < texts->len; i++)
            if (*(char *) g_ptr_array_index (texts, i) != '\0')
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
      for (guint i = 0; i < cells->len; i++)
        {
          for (guint k = 0; k < n_cols; k++)
            if (((CdFormColumn *) g_ptr_array_index (ft->columns, k))->column == grid
                && row->values[k] == NULL)
              {
                row->values[k] = g_strdup (g_ptr_array_index (texts, i));
                any = TRUE;
              }
          grid += cd_form_cell_span (g_ptr_array_index (cells, i));
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
cd_docx_read_form (CdDocxPackage  *pkg,
                   GError        **error)
{
  g_autoptr(GError) local = NULL;
  xmlDoc *doc = cd_docx_package_xml (pkg, "word/document.xml", &local);
  CdFormList *list;
  CdFormTable ft;

  if (doc == NULL)
    {
      if (local != NULL)
        g_propagate_error (error, g_steal_pointer (&local));
      else
        g_set_error_literal (error, CD_DOCS_ERROR, CD_DOCS_ERROR_NOT_TEMPLATE,
                             _("The Word file has no text."));
      return NULL;
    }
  if (!cd_form_find_table (doc, NULL, TRUE, &ft))
    {
      g_set_error_literal (error, CD_DOCS_ERROR, CD_DOCS_ERROR_NOT_TEMPLATE,
                           _("No list found: the file has no table whose header names the list's columns (STT, Họ và tên, Ngày sinh, Số căn cước công dân…)."));
      return NULL;
    }
  list = g_new0 (CdFormList, 1);
  list->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) form_row_free);
  read_rows (&ft, list);
  read_frame (doc, ft.tbl, list);
  list->columns = g_steal_pointer (&ft.columns);
  cd_form_table_clear (&ft);
  return list;
}
