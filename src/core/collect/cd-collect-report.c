/* cd-collect-report.c — what a collection did, as text for the clerk
 *
 * The report the Sở's office reads and keeps (and prints on the terminal):
 * the totals, then every file with what became of each of its rows that
 * was not simply kept. Nothing left out is left unsaid.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "cd-collect.h"
#include "cd-doc-templates.h"

static const char *
issue_label (CdCollectIssueKind kind)
{
  switch (kind)
    {
    case CD_COLLECT_ISSUE_REJECTED:
      return _("rejected");
    case CD_COLLECT_ISSUE_DUPLICATE:
      return _("duplicate");
    case CD_COLLECT_ISSUE_REPLACED:
      return _("replaced");
    case CD_COLLECT_ISSUE_WARNING:
    default:
      return _("check");
    }
}

static void
append_file (GString             *out,
             const CdCollectFile *f,
             guint                index)
{
  guint n_replaced_said = 0;

  g_string_append_printf (out, _("%u. %s"), index + 1, f->name);
  if (f->unit != NULL)
    g_string_append_printf (out, " — %s", f->unit);
  g_string_append_c (out, '\n');

  if (f->status == CD_COLLECT_FILE_SKIPPED || f->status == CD_COLLECT_FILE_SAME)
    {
      g_string_append_printf (out, "   %s\n", f->problem);
      return;
    }
  g_string_append (out, "   ");
  g_string_append_printf (out, _("Rows read: %u; kept: %u; rejected: %u; duplicates: %u; replaced: %u."),
                          f->n_read, f->n_kept, f->n_rejected, f->n_duplicates, f->n_replaced);
  g_string_append_c (out, '\n');
  if (f->problem != NULL)
    g_string_append_printf (out, "   %s\n", f->problem);
  if (f->list == 1)
    g_string_append_printf (out, "   %s\n", _("Its people are on the second list."));

  for (guint i = 0; i < f->issues->len; i++)
    {
      const CdCollectIssue *is = g_ptr_array_index (f->issues, i);

      /* A replaced file is said once above, not row by row. */
      if (is->kind == CD_COLLECT_ISSUE_REPLACED)
        {
          if (f->status == CD_COLLECT_FILE_REPLACED || n_replaced_said++ > 0)
            continue;
          g_string_append_printf (out, "   %s\n", is->message);
          continue;
        }
      g_string_append (out, "   ");
      if (is->name != NULL)
        /* Translators: row number, its name, what happened (rejected…), why */
        g_string_append_printf (out, _("Row %u (%s), %s: %s"), is->row, is->name,
                                issue_label (is->kind), is->message);
      else
        g_string_append_printf (out, _("Row %u, %s: %s"), is->row,
                                issue_label (is->kind), is->message);
      g_string_append_c (out, '\n');
    }
}

/* One line per list when there are two: its kind, its people and units. */
static void
append_list (GString               *out,
             const CdCollectResult *list,
             const char            *label)
{
  const char *kind = list->kind != NULL ? list->kind : "cap-moi";
  const CdDocKind *k = cd_doc_kind_lookup (kind);

  /* Translators: "The first list" or "The second list", a kind of list,
   * then its people and units */
  g_string_append_printf (out, _("%s, “%s”: %u people kept in %u units (rows read: %u; rejected: %u; duplicates: %u; replaced: %u)."),
                          label, k != NULL ? _(k->title) : kind, list->n_kept, list->units->len,
                          list->n_read, list->n_rejected, list->n_duplicates, list->n_replaced);
  g_string_append_c (out, '\n');
}

char *
cd_collect_report_text (const CdCollectResult *result)
{
  GString *out = g_string_new (NULL);
  CdCollectTotals t;

  cd_collect_totals (result, &t);
  g_string_append_printf (out, _("Collected %u lists of %u files: %u people kept in %u units."),
                          t.n_files_read, result->files->len, t.n_kept, t.n_units);
  g_string_append_c (out, '\n');
  g_string_append_printf (out, _("Rows read: %u; rejected: %u; duplicates: %u; replaced by a later list: %u."),
                          t.n_read, t.n_rejected, t.n_duplicates, t.n_replaced);
  g_string_append_c (out, '\n');
  /* request and revocation lists are never one list */
  if (result->other != NULL)
    {
      append_list (out, result, _("The first list"));
      append_list (out, result->other, _("The second list"));
    }
  if (t.n_files_skipped > 0)
    {
      g_string_append_printf (out, _("Files not read: %u (see below)."), t.n_files_skipped);
      g_string_append_c (out, '\n');
    }
  g_string_append_c (out, '\n');
  for (guint i = 0; i < result->files->len; i++)
    append_file (out, g_ptr_array_index (result->files, i), i);
  return g_string_free (out, FALSE);
}
