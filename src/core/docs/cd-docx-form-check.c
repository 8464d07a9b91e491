/* cd-docx-form-check.c — a Sở's form read as the fill would fill it
 *
 * What `certdesk --check-template` tells of a form without placeholders:
 * each list it holds (a Sở may send the request list and the revocation
 * list in one file, seed 002), with the columns the fill understands, the
 * number columns it would set smaller (cd-docx-fit.c) and the kinds of
 * document whose rows go into it (cd_form_find_table). Each table is
 * filled for nobody, so the measure is the fill's own.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <libxml/xmlerror.h>

#include "cd-doc-templates.h"
#include "cd-docx-private.h"

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
  gboolean revocation = cd_form_columns_revocation (table->columns);
  guint n;
  const CdDocKind *all = cd_doc_kinds (&n);

  for (guint k = 0; k < n; k++)
    {
      CdFormTable picked;

      if (!all[k].list || cd_form_kind_revocation (all[k].id) != revocation)
        continue;
      if (cd_form_find_table (doc, all[k].id, FALSE, &picked) && picked.tbl == table->tbl)
        g_ptr_array_add (kinds, (gpointer) all[k].id);
      cd_form_table_clear (&picked);
    }
  return kinds;
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
      check->revocation = cd_form_columns_revocation (table->columns);
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
