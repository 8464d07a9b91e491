/* cd-docx.c — the placeholder engine: finds {{placeholders}} in a
 * template's text parts and fills them, repeating per-person rows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>
#include <libxml/xmlerror.h>

#include "cd-docx-private.h"
#include "cd-fileutil.h"

/* ---- Placeholders ----------------------------------------------------- */

typedef struct {
  gsize  start, end;   /* byte offsets in the paragraph text, end exclusive */
  char  *name;
} Occurrence;

static void
occurrence_clear (gpointer data)
{
  g_free (((Occurrence *) data)->name);
}

static gboolean
name_char (char c)
{
  return g_ascii_isalnum (c) || c == '_';
}

/* The name an unclosed "{{" at @open starts ("{{ten_don_vi" →
 * "ten_don_vi"); NULL when no name follows (a lone "{{" is text). */
static char *
unclosed_name (const char *open)
{
  const char *a = open + 2, *b;

  while (*a == ' ')
    a++;
  for (b = a; name_char (*b) && b - a <= 80; b++)
    ;
  if (b == a || b - a > 80)
    return NULL;
  return g_strndup (a, (gsize) (b - a));
}

/* Finds "{{ name }}" in @text. Anything between the braces counts, so a
 * mistyped "{{Họ tên}}" is reported as unknown rather than left in.
 * @unclosed (may be NULL): set to the name after a "{{" that no "}}"
 * follows ("{{ten_don_vi" at the end of a paragraph), which would
 * otherwise stay in the document as it is (issue 20, D17). */
static GArray *
find_occurrences (const char  *text,
                  char       **unclosed)
{
  GArray *occ = g_array_new (FALSE, FALSE, sizeof (Occurrence));
  const char *p = text;

  g_array_set_clear_func (occ, occurrence_clear);
  while ((p = strstr (p, "{{")) != NULL)
    {
      const char *start = p;
      const char *close = NULL;
      Occurrence o;
      g_autofree char *inner = NULL;

      /* One pass to the first "}}": a later "{{" before it opens the
       * placeholder instead. Searching "}}" afresh for every "{{" was
       * quadratic (2 M braces: 22 s). */
      for (const char *q = p + 2; *q != '\0'; q++)
        {
          if (q[0] == '}' && q[1] == '}')
            {
              close = q;
              break;
            }
          if (q[0] == '{' && q[1] == '{')
            {
              p = q;
              q++;
            }
        }
      if (close == NULL)
        {
          /* The first opener followed by a name, from the one this
           * pass started at ("{{ho_ten và {{" names ho_ten). */
          for (const char *at = start; unclosed != NULL && (at = strstr (at, "{{")) != NULL; at += 2)
            if ((*unclosed = unclosed_name (at)) != NULL)
              break;
          break;
        }
      inner = g_strndup (p + 2, (gsize) (close - p - 2));
      g_strstrip (inner);
      if (*inner == '\0' || strlen (inner) > 80)
        {
          p = close + 2;
          continue;
        }
      o.start = (gsize) (p - text);
      o.end = (gsize) (close + 2 - text);
      o.name = g_ascii_strdown (inner, -1);
      for (char *c = o.name; *c; c++)
        if (!name_char (*c))
          {
            /* keep the original spelling for the message */
            g_free (o.name);
            o.name = g_strdup (inner);
            break;
          }
      g_array_append_val (occ, o);
      p = close + 2;
    }
  return occ;
}

typedef struct {
  xmlNode *t;
  gsize    start;     /* offset of this w:t's text in the paragraph text */
  GString *text;
} Seg;

static void
seg_clear (gpointer data)
{
  g_string_free (((Seg *) data)->text, TRUE);
}

/* Where fill_para() takes values from: @ctx for @person, or, with
 * @rows, stand-ins that the rows writer replaces per person. */
typedef struct {
  const CdDocContext *ctx;
  const CdDocPerson  *person;
  guint               index;
  CdDocxRows         *rows;
} Values;

/* The value of placeholder @name in paragraph @p; NULL when unknown. */
static char *
para_value (const Values *values,
            xmlNode      *p,
            const char   *name)
{
  /* An address in a narrow table cell would otherwise be cut wherever
   * the line ends ("hoant@haiphong.e" / "du.vn"). */
  gboolean email = g_str_equal (name, "email") && cd_w_ancestor (p, "tc") != NULL;
  char *value;

  if (values->rows != NULL)
    return cd_docx_rows_stand_in (values->rows, name,
                                  CD_DOCX_VALUE_STRIP_CR
                                  | (email ? CD_DOCX_VALUE_EMAIL_BREAK : 0));
  value = cd_doc_field_value (values->ctx, values->person, values->index, name);
  if (value == NULL)
    return NULL;
  /* Values may carry \r\n from a form: keep only \n. */
  g_strdelimit (value, "\r", ' ');
  if (email)
    {
      char *broken = cd_docx_breakable_email (value);
      g_free (value);
      value = broken;
    }
  return value;
}

/* Replaces the placeholders of one paragraph with their values from
 * @values. Returns FALSE (setting @bad_name) on an unknown placeholder. */
static gboolean
fill_para (xmlNode       *p,
           const Values  *values,
           char         **bad_name)
{
  g_autoptr(GPtrArray) ts = g_ptr_array_new ();
  g_autoptr(GArray) segs = g_array_new (FALSE, FALSE, sizeof (Seg));
  g_autoptr(GString) all = g_string_new (NULL);
  g_autoptr(GArray) occ = NULL;

  cd_w_collect_t (p, ts);
  if (ts->len == 0)
    return TRUE;
  g_array_set_clear_func (segs, seg_clear);
  for (guint i = 0; i < ts->len; i++)
    {
      Seg s;
      xmlChar *c = xmlNodeGetContent (g_ptr_array_index (ts, i));

      s.t = g_ptr_array_index (ts, i);
      s.start = all->len;
      s.text = g_string_new (c ? (const char *) c : "");
      g_string_append (all, s.text->str);
      xmlFree (c);
      g_array_append_val (segs, s);
    }
  if (strstr (all->str, "{{") == NULL)
    return TRUE;

  occ = find_occurrences (all->str, NULL);
  if (occ->len == 0)
    return TRUE;

  /* Last to first: earlier offsets stay valid while later text changes. */
  for (guint k = occ->len; k-- > 0;)
    {
      Occurrence *o = &g_array_index (occ, Occurrence, k);
      g_autofree char *value = para_value (values, p, o->name);
      guint first = 0, last = 0;

      if (value == NULL)
        {
          *bad_name = g_strdup (o->name);
          return FALSE;
        }
      for (guint i = 0; i < segs->len; i++)
        {
          Seg *s = &g_array_index (segs, Seg, i);
          if (s->start <= o->start && o->start < s->start + s->text->len)
            first = i;
          if (s->start < o->end && o->end <= s->start + s->text->len)
            last = i;
        }
      {
        Seg *sf = &g_array_index (segs, Seg, first);
        Seg *sl = &g_array_index (segs, Seg, last);
        gsize a = o->start - sf->start;
        gsize b = o->end - sl->start;

        if (first == last)
          {
            g_string_erase (sf->text, (gssize) a, (gssize) (b - a));
            g_string_insert (sf->text, (gssize) a, value);
          }
        else
          {
            g_string_truncate (sf->text, a);
            g_string_append (sf->text, value);
            for (guint i = first + 1; i < last; i++)
              g_string_truncate (g_array_index (segs, Seg, i).text, 0);
            g_string_erase (sl->text, 0, (gssize) b);
          }
      }
    }

  for (guint i = 0; i < segs->len; i++)
    {
      Seg *s = &g_array_index (segs, Seg, i);
      cd_w_set_t_text (s->t, s->text->str);
    }
  return TRUE;
}

static gboolean
para_has_person_field (xmlNode *p)
{
  g_autofree char *text = cd_w_para_text (p);
  g_autoptr(GArray) occ = NULL;

  if (strstr (text, "{{") == NULL)
    return FALSE;
  occ = find_occurrences (text, NULL);
  for (guint i = 0; i < occ->len; i++)
    {
      const CdDocField *f = cd_doc_field_lookup (g_array_index (occ, Occurrence, i).name);
      if (f != NULL && f->scope != CD_DOC_FIELD_DOCUMENT)
        return TRUE;
    }
  return FALSE;
}

static const char *
part_label (const char *part)
{
  if (g_str_has_prefix (part, "word/header"))
    return _("page header");
  if (g_str_has_prefix (part, "word/footer"))
    return _("page footer");
  return _("body");
}

void
cd_docx_placeholder_free (CdDocxPlaceholder *ph)
{
  if (ph == NULL)
    return;
  g_free (ph->name);
  g_free (ph->where);
  g_free (ph);
}

GPtrArray *
cd_docx_list_placeholders (CdDocxPackage  *pkg,
                           GError        **error)
{
  g_autoptr(GPtrArray) names = cd_docx_text_parts (pkg);
  g_autoptr(GPtrArray) out =
    g_ptr_array_new_with_free_func ((GDestroyNotify) cd_docx_placeholder_free);

  for (guint n = 0; n < names->len; n++)
    {
      const char *name = g_ptr_array_index (names, n);
      xmlDoc *doc = cd_docx_package_xml (pkg, name, error);
      g_autoptr(GPtrArray) paras = g_ptr_array_new ();

      if (doc == NULL)
        {
          if (error != NULL && *error != NULL)
            return NULL;
          continue;
        }
      cd_w_collect (xmlDocGetRootElement (doc), "p", paras);
      for (guint i = 0; i < paras->len; i++)
        {
          xmlNode *p = g_ptr_array_index (paras, i);
          g_autofree char *text = cd_w_para_text (p);
          g_autoptr(GArray) occ = NULL;
          g_autofree char *unclosed = NULL;
          xmlNode *row;

          if (strstr (text, "{{") == NULL)
            continue;
          occ = find_occurrences (text, &unclosed);
          if (unclosed != NULL)
            {
              g_set_error (error, CD_DOCS_ERROR, CD_DOCS_ERROR_UNKNOWN_PLACEHOLDER,
                           _("The placeholder “{{%s” in the template (%s, paragraph %u) has no closing “}}”. Add “}}” right after its name in Word, then try again."),
                           unclosed, part_label (name), i + 1);
              return NULL;
            }
          row = cd_w_ancestor (p, "tr");
          for (guint k = 0; k < occ->len; k++)
            {
              Occurrence *o = &g_array_index (occ, Occurrence, k);
              const CdDocField *f = cd_doc_field_lookup (o->name);
              CdDocxPlaceholder *ph = g_new0 (CdDocxPlaceholder, 1);

              ph->name = g_strdup (o->name);
              ph->known = f != NULL;
              ph->per_person = f != NULL && f->scope != CD_DOC_FIELD_DOCUMENT;
              ph->in_row = row != NULL;
              if (row != NULL)
                /* Translators: where a placeholder is: "body, table row, paragraph 12" */
                ph->where = g_strdup_printf (_("%s, table row, paragraph %u"),
                                             part_label (name), i + 1);
              else
                /* Translators: where a placeholder is: "body, paragraph 12" */
                ph->where = g_strdup_printf (_("%s, paragraph %u"), part_label (name), i + 1);
              g_ptr_array_add (out, ph);
            }
        }
    }
  return g_steal_pointer (&out);
}

/* Whether an ancestor of @row is in @rows: a row nested in a repeated
 * row repeats with it (its own copy would be freed with the outer row). */
static gboolean
nested_in (xmlNode   *row,
           GPtrArray *rows)
{
  for (xmlNode *n = row->parent; n != NULL && n->type == XML_ELEMENT_NODE; n = n->parent)
    if (g_ptr_array_find (rows, n, NULL))
      return TRUE;
  return FALSE;
}

/* Fills a copy of @row for person @k (or with stand-ins) and puts it
 * before @row. FALSE with @bad_name or, without, out of memory. */
static xmlNode *
fill_copy (xmlNode            *row,
           const CdDocContext *ctx,
           CdDocxRows         *rows,
           guint               k,
           char              **bad_name)
{
  xmlNode *copy = cd_w_clone (row, row->parent);
  g_autoptr(GPtrArray) cps = g_ptr_array_new ();
  Values values = { ctx, NULL, k, rows };

  if (copy == NULL)
    return NULL;
  if (rows == NULL)
    values.person = g_ptr_array_index (ctx->people, k);
  cd_w_collect (copy, "p", cps);
  for (guint i = 0; i < cps->len; i++)
    if (!fill_para (g_ptr_array_index (cps, i), &values, bad_name))
      {
        xmlFreeNode (copy);
        return NULL;
      }
  xmlAddPrevSibling (row, copy);
  return copy;
}

/* The names of the placeholders of each cell of @row, in cell order. */
static GPtrArray *
row_cell_fields (xmlNode *row)
{
  g_autoptr(GPtrArray) cells = cd_form_row_cells (row);
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);

  for (guint i = 0; i < cells->len; i++)
    {
      g_autofree char *text = cd_form_cell_text (g_ptr_array_index (cells, i));
      g_autoptr(GArray) occ = find_occurrences (text, NULL);
      GPtrArray *names = g_ptr_array_new_with_free_func (g_free);

      for (guint k = 0; k < occ->len; k++)
        {
          const char *name = g_array_index (occ, Occurrence, k).name;
          const CdDocField *f = cd_doc_field_lookup (name);

          if (f != NULL && f->scope != CD_DOC_FIELD_DOCUMENT)
            g_ptr_array_add (names, g_strdup (name));
        }
      g_ptr_array_add (out, names);
    }
  return out;
}

static gboolean
fill_part (xmlDoc             *doc,
           const char         *part_name,
           const CdDocContext *ctx,
           gboolean            builtin,
           CdDocxRows         *rows_out,
           GError            **error)
{
  g_autofree char *bad_name = NULL;
  g_autoptr(GPtrArray) paras = g_ptr_array_new ();
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  const Values doc_values = { ctx, NULL, 0, NULL };

  /* Rows to repeat: the nearest row of a paragraph with a per-person
   * placeholder (a nested table's row, not the outer one). */
  cd_w_collect (xmlDocGetRootElement (doc), "p", paras);
  for (guint i = 0; i < paras->len; i++)
    {
      xmlNode *p = g_ptr_array_index (paras, i);
      xmlNode *row;

      if (!para_has_person_field (p))
        continue;
      row = cd_w_ancestor (p, "tr");
      if (row != NULL && !g_ptr_array_find (rows, row, NULL))
        g_ptr_array_add (rows, row);
    }
  for (guint r = rows->len; r-- > 0;)
    if (nested_in (g_ptr_array_index (rows, r), rows))
      g_ptr_array_remove_index (rows, r);

  for (guint r = 0; r < rows->len; r++)
    {
      xmlNode *row = g_ptr_array_index (rows, r);
      /* with @rows_out, a few copies stand for every person's row */
      guint n = rows_out != NULL ? cd_docx_rows_copies (rows_out) : ctx->people->len;
      xmlNode *copies[3];
      xmlNode *tbl;

      /* numbers whole: the row's columns fitted before it is copied */
      if (cd_w_is (row->parent, "tbl") && n > 0)
        {
          g_autoptr(GPtrArray) fields = row_cell_fields (row);
          cd_docx_fit_list_row (row, fields, ctx, builtin);
        }
      for (guint k = 0; k < n; k++)
        {
          xmlNode *copy = fill_copy (row, ctx, rows_out, k, &bad_name);

          if (copy == NULL && bad_name != NULL)
            goto unknown;
          if (copy == NULL)
            {
              cd_docx_set_no_memory (error, part_name);
              return FALSE;
            }
          if (k < G_N_ELEMENTS (copies))
            copies[k] = copy;
        }
      tbl = row->parent;
      xmlUnlinkNode (row);
      xmlFreeNode (row);
      if (ctx->people->len > 0 && cd_w_is (tbl, "tbl"))
        cd_w_keep_table_end_with_next (tbl);
      if (rows_out != NULL && n > 0 && !cd_docx_rows_mark (rows_out, part_name, copies, n))
        {
          cd_docx_set_no_memory (error, part_name);
          return FALSE;
        }
    }

  g_ptr_array_set_size (paras, 0);
  cd_w_collect (xmlDocGetRootElement (doc), "p", paras);
  for (guint i = 0; i < paras->len; i++)
    if (!fill_para (g_ptr_array_index (paras, i), &doc_values, &bad_name))
      goto unknown;
  return TRUE;

unknown:
  g_set_error (error, CD_DOCS_ERROR, CD_DOCS_ERROR_UNKNOWN_PLACEHOLDER,
               _("The template uses the unknown placeholder “{{%s}}” (%s). Correct its spelling in Word (the list of placeholders is in the guide and in “certdesk --check-template”), then try again."),
               bad_name, part_label (part_name));
  return FALSE;
}

static gboolean
fill_package (CdDocxPackage       *pkg,
              const CdDocContext  *ctx,
              CdDocxRows          *rows,
              GError             **error)
{
  g_autoptr(GPtrArray) found = cd_docx_list_placeholders (pkg, error);
  g_autoptr(GPtrArray) names = NULL;

  if (found == NULL)
    return FALSE;
  /* Check everything first so that a bad template changes nothing and
   * the message can say where the placeholder is. */
  for (guint i = 0; i < found->len; i++)
    {
      CdDocxPlaceholder *ph = g_ptr_array_index (found, i);
      if (!ph->known)
        {
          g_set_error (error, CD_DOCS_ERROR, CD_DOCS_ERROR_UNKNOWN_PLACEHOLDER,
                       _("The template uses the unknown placeholder “{{%s}}” (%s). Correct its spelling in Word (the list of placeholders is in the guide and in “certdesk --check-template”), then try again."),
                       ph->name, ph->where);
          return FALSE;
        }
    }

  names = cd_docx_text_parts (pkg);
  for (guint n = 0; n < names->len; n++)
    {
      xmlDoc *doc = cd_docx_package_xml (pkg, g_ptr_array_index (names, n), error);

      if (doc == NULL)
        {
          if (error != NULL && *error != NULL)
            return FALSE;
          continue;
        }
      if (!fill_part (doc, g_ptr_array_index (names, n), ctx,
                      cd_docx_package_is_builtin (pkg), rows, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
cd_docx_fill_rows (CdDocxPackage       *pkg,
                   const CdDocContext  *ctx,
                   CdDocxRows          *rows,
                   GError             **error)
{
  g_autoptr(GError) local = NULL;
  gboolean ok;

  /* libxml2 says it ran out of memory only through its last error: a
   * copy or a node's text may have come back NULL on the way. */
  xmlResetLastError ();
  ok = fill_package (pkg, ctx, rows, &local);
  if (cd_docx_out_of_memory ())
    {
      cd_docx_set_no_memory (error, "word/document.xml");
      return FALSE;
    }
  if (!ok)
    g_propagate_error (error, g_steal_pointer (&local));
  return ok;
}

gboolean
cd_docx_fill (CdDocxPackage       *pkg,
              const CdDocContext  *ctx,
              GError             **error)
{
  /* the DOM path needs every person in ctx->people */
  g_return_val_if_fail (ctx->source == NULL, FALSE);
  return cd_docx_fill_rows (pkg, ctx, NULL, error);
}

gboolean
cd_docx_generate (const char          *template_path,
                  const CdDocContext  *ctx,
                  const char          *output,
                  gboolean             overwrite,
                  char               **out_sha256,
                  GPtrArray          **out_columns,
                  GError             **error)
{
  g_autoptr(CdDocxPackage) pkg = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GPtrArray) columns = NULL;
  /* The rows are written per person straight into the zip: a DOM clone
   * per person took ~23 KB of heap each (3.1 GiB for 100,000). */
  g_autoptr(CdDocxRows) rows = cd_docx_rows_new (ctx);

  if (!overwrite && g_file_test (output, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, CD_FILE_ERROR, CD_FILE_ERROR_EXISTS,
                   _("The file “%s” already exists. Choose another name, or allow replacing it (--force)."),
                   output);
      return FALSE;
    }
  pkg = cd_docx_package_load (template_path, error);
  if (pkg == NULL)
    return FALSE;
  found = cd_docx_list_placeholders (pkg, error);
  if (found == NULL)
    return FALSE;
  if (found->len > 0)
    {
      if (!cd_docx_fill_rows (pkg, ctx, rows, error))
        return FALSE;
    }
  else
    {
      columns = cd_docx_fill_form_rows (pkg, ctx, rows, error);
      if (columns == NULL)
        return FALSE;
    }
  if (!cd_docx_package_save_streamed (pkg, output, overwrite, rows, error))
    return FALSE;
  if (out_sha256 != NULL)
    *out_sha256 = g_strdup (cd_docx_package_sha256 (pkg));
  if (out_columns != NULL)
    *out_columns = g_steal_pointer (&columns);
  return TRUE;
}
