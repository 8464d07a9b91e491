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

char *
cd_collect_report_text (const CdCollectResult *result)
{
  GString *out = g_string_new (NULL);

  g_string_append_printf (out, _("Collected %u lists of %u files: %u people kept in %u units."),
                          result->n_files_read, result->files->len, result->n_kept,
                          result->units->len);
  g_string_append_c (out, '\n');
  g_string_append_printf (out, _("Rows read: %u; rejected: %u; duplicates: %u; replaced by a later list: %u."),
                          result->n_read, result->n_rejected, result->n_duplicates,
                          result->n_replaced);
  g_string_append_c (out, '\n');
  if (result->n_files_skipped > 0)
    {
      g_string_append_printf (out, _("Files not read: %u (see below)."), result->n_files_skipped);
      g_string_append_c (out, '\n');
    }
  g_string_append_c (out, '\n');
  for (guint i = 0; i < result->files->len; i++)
    append_file (out, g_ptr_array_index (result->files, i), i);
  return g_string_free (out, FALSE);
}
