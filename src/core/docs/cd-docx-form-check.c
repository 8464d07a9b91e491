/* cd-docx-form-check.c — a Sở's form read as the fill would fill it
 *
 * What `certdesk --check-template` tells of a form without placeholders:
 * each list it holds (a Sở may send the request list and the revocation
 * list in one file, seed 002), with the columns the fill understands, the
 * number columns it would set smaller (cd-docx-fit.c) and the kinds of
 * document whose rows go into it (cd_form_find_table). Each table is
 * filled for nobody, so the measure is the fill's own.
 *
 * The same knowledge refuses a list the form has no table for
 * (cd_form_check_kind, called by every fill of a form): a request on a
 * form holding only the revocation list, or the reverse, is told with
 * the kinds the form does make, where it used to fill the wrong list
 * without a word. They are named as the wizard's kind step names them
 * (cd_wizard_kinds_phrase), since the window shows the message as it
 * is; the command line adds the codes to type (cd_docx_form_kinds).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <libxml/xmlerror.h>

#include "cd-doc-templates.h"
#include "cd-docx-private.h"
#include "cd-wizard-kind.h"

void
cd_form_check_free (CdFormCheck *check)
{
  if (check == NULL)
    return;
  g_clear_pointer (&check->columns, g_ptr_array_unref);
  g_clear_pointer (&check->narrow, g_ptr_array_unref);
  g_clear_pointer (&check->kinds, g_ptr_array_unref);
  g_free (check);
}

/* The list kinds whose rows the fill puts into @table of @doc and that
 * are of its sort: a revocation list's table does not serve a request
 * just because the form has no other list. */
static GPtrArray *
kinds_of_table (xmlDoc      *doc,
                CdFormTable *table)
{
  GPtrArray *kinds = g_ptr_array_new ();
  CdFormSort sort = cd_form_columns_sort (table->columns);
  guint n;
  const CdDocKind *all = cd_doc_kinds (&n);

  for (guint k = 0; k < n; k++)
    {
      CdFormTable picked;

      if (!all[k].list || cd_form_sort_serves (sort, all[k].id) == 0)
        continue;
      if (cd_form_find_table (doc, all[k].id, FALSE, &picked) && picked.tbl == table->tbl)
        g_ptr_array_add (kinds, (gpointer) all[k].id);
      cd_form_table_clear (&picked);
    }
  return kinds;
}

/* The kinds of list the form @doc makes, each once (const char *,
 * static, NULL-terminated): what --check-template tells, table by table. */
static GPtrArray *
form_kinds (xmlDoc *doc)
{
  g_autoptr(GPtrArray) tables = cd_form_list_tables (doc, NULL);
  GPtrArray *kinds = g_ptr_array_new ();

  for (guint i = 0; i < tables->len; i++)
    {
      g_autoptr(GPtrArray) served = kinds_of_table (doc, g_ptr_array_index (tables, i));

      for (guint k = 0; k < served->len; k++)
        if (!g_ptr_array_find_with_equal_func (kinds, g_ptr_array_index (served, k), g_str_equal, NULL))
          g_ptr_array_add (kinds, g_ptr_array_index (served, k));
    }
  g_ptr_array_add (kinds, NULL);
  return kinds;
}

gboolean
cd_form_check_kind (xmlDoc            *doc,
                    const char        *kind,
                    const CdFormTable *picked,
                    GError           **error)
{
  const CdDocKind *made = kind != NULL ? cd_doc_kind_lookup (kind) : NULL;
  gboolean revocation;
  g_autoptr(GPtrArray) kinds = NULL;
  g_autofree char *phrase = NULL;

  /* a letter or minutes has no list to be of the wrong sort */
  if (made == NULL || !made->list)
    return TRUE;
  revocation = cd_form_kind_revocation (kind);
  /* cd_form_find_table prefers a table of the kind's sort: when it
   * picked one of the other, every list of the form is of the other */
  if (cd_form_sort_serves (cd_form_columns_sort (picked->columns), kind) > 0)
    return TRUE;
  /* the kinds the form makes named as the wizard names them, not as the
   * command line's codes: the window shows this message as it is, and
   * the command line adds the codes (cd_docx_form_kinds) */
  kinds = form_kinds (doc);
  phrase = cd_wizard_kinds_phrase ((const char * const *) kinds->pdata, !revocation);
  if (revocation)
    /* Translators: the first %s is a kind of document ("Revocation
     * list"), the second the kinds this form makes ("a request list
     * (new certificate, renewal, …)") */
    g_set_error (error, CD_DOCS_ERROR, CD_DOCS_ERROR_WRONG_LIST,
                 _("This form holds only a request list, so it cannot make “%s”. Choose the Department's form for revocations, or make %s with this one."),
                 _(made->title), phrase);
  else
    /* Translators: the first %s is a kind of document ("Request for new
     * certificates"), the second the kinds this form makes ("a
     * revocation list") */
    g_set_error (error, CD_DOCS_ERROR, CD_DOCS_ERROR_WRONG_LIST,
                 _("This form holds only a revocation list, so it cannot make “%s”. Choose the Department's form for requests, or make %s with this one."),
                 _(made->title), phrase);
  return FALSE;
}

char **
cd_docx_form_kinds (CdDocxPackage  *pkg,
                    GError        **error)
{
  xmlDoc *doc = cd_docx_package_xml (pkg, "word/document.xml", error);
  g_autoptr(GPtrArray) kinds = NULL;

  if (doc == NULL)
    return NULL;
  kinds = form_kinds (doc);
  return g_strdupv ((char **) kinds->pdata);
}

static GPtrArray *
check_form (CdDocxPackage  *pkg,
            GError        **error)
{
  xmlDoc *doc = cd_docx_package_xml (pkg, "word/document.xml", error);
  g_autoptr(GArray) places = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GPtrArray) tables = NULL;
  g_autoptr(GPtrArray) checks = NULL;
  g_autoptr(CdDocxLook) defaults = NULL;

  if (doc == NULL)
    return NULL;
  tables = cd_form_list_tables (doc, places);
  if (tables->len == 0)
    {
      cd_form_set_no_table_error (error);
      return NULL;
    }
  checks = g_ptr_array_new_with_free_func ((GDestroyNotify) cd_form_check_free);
  /* which kinds each table serves, asked of the form as it came */
  for (guint i = 0; i < tables->len; i++)
    {
      CdFormTable *table = g_ptr_array_index (tables, i);
      CdFormCheck *check = g_new0 (CdFormCheck, 1);

      check->table = g_array_index (places, guint, i);
      check->revocation = cd_form_columns_sort (table->columns) == CD_FORM_SORT_REVOCATION;
      check->kinds = kinds_of_table (doc, table);
      check->narrow = g_ptr_array_new_with_free_func ((GDestroyNotify) cd_form_narrow_column_free);
      g_ptr_array_add (checks, check);
    }
  /* Then each filled for nobody, the last first: a table nested in an
   * earlier one's blank row goes with that row, after it was read. */
  defaults = cd_docx_look_new (pkg);
  for (guint i = tables->len; i-- > 0;)
    {
      g_autoptr(CdDocContext) ctx = cd_doc_context_new (NULL);
      CdFormCheck *check = g_ptr_array_index (checks, i);

      check->columns = cd_form_fill_table (g_ptr_array_index (tables, i), defaults, ctx,
                                           NULL, check->narrow, error);
      if (check->columns == NULL)
        return NULL;
    }
  return g_steal_pointer (&checks);
}

GPtrArray *
cd_docx_check_form (CdDocxPackage  *pkg,
                    GError        **error)
{
  g_autoptr(GError) local = NULL;
  GPtrArray *checks;

  /* See cd_docx_fill(): a lost allocation shows only in the last error. */
  xmlResetLastError ();
  checks = check_form (pkg, &local);
  if (cd_docx_out_of_memory ())
    {
      g_clear_pointer (&checks, g_ptr_array_unref);
      cd_docx_set_no_memory (error, "word/document.xml");
      return NULL;
    }
  if (checks == NULL)
    g_propagate_error (error, g_steal_pointer (&local));
  return checks;
}
