/* cd-cli-collect.c — --collect: every school's list into one, headless
 *
 * certdesk --collect=FILE|DIR … --output=FILE.docx [--template=FILE.docx]
 *          [--bulk-sheet=FILE.xlsx [--strict]] [--report=FILE]
 *
 * Prints the report; exits 0 when a list was written, 1 when nothing
 * could be read or written. With --bulk-sheet the report ends with the
 * rows of the Cục's sheet whose required cells are empty (the schools'
 * lists rarely carry Ngày sinh or Nơi cấp); --strict then writes nothing.
 * Request and revocation lists are never collected into one: when both
 * sorts come, the other sort's list is written beside --output (its stem
 * and -thu-hoi.docx or -de-nghi.docx, cd_collect_second_path()), the
 * report covers both, and the sheet holds the request list's people. The
 * frame of the collected list names the
 * unit of the register when there is one (the xã, the Sở's office);
 * collecting never creates a register.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "cd-cli-areas.h"
#include "cd-collect.h"
#include "cd-collect-write.h"
#include "cd-doc-templates.h"
#include "cd-fileutil.h"

const GOptionEntry cd_cli_collect_entries[] = {
  { "collect", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, NULL,
    N_("Collect the schools' lists (.docx in the Sở's form, .xlsx) of this file or folder into one; repeat for more (with --output). Request and revocation lists are not mixed: when both come, the other sort's list is written beside --output, named with -thu-hoi or -de-nghi"),
    N_("FILE|DIR") },
  { "bulk-sheet", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("With --collect: also write the Cục's 19-column sheet of everyone collected"), N_("FILE") },
  { "report", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("With --collect: also save the report (rows read, kept, rejected, duplicates) to this file"),
    N_("FILE") },
  { NULL }
};

/* The register's unit heads the list, when a register exists: collecting
 * must not create one. */
static CdUnit *
collector_unit (CdCliEnv *env)
{
  g_autoptr(GError) error = NULL;
  CdStore *store;

  if (!env->custom_db && !g_file_test (env->database, G_FILE_TEST_EXISTS))
    return NULL;
  store = cd_cli_env_get_store (env, &error);
  if (store == NULL)
    {
      cd_cli_printerr ("%s", error->message);
      return NULL;
    }
  return cd_store_get_unit (store);
}

static gboolean
write_all (const CdCollectResult  *res,
           const CdUnit           *unit,
           const char             *gaps,
           GVariantDict           *options,
           const char             *output,
           CdCliEnv               *env,
           GError                **error)
{
  const char *bulk = cd_cli_option_path (options, "bulk-sheet");
  const char *report = cd_cli_option_path (options, "report");
  const char *template_path = cd_cli_option_path (options, "template");
  g_autofree char *second = cd_collect_second_path (res, output);
  const char *targets[] = { res->people->len > 0 ? output : NULL, second,
                            res->people->len > 0 ? bulk : NULL, report };

  /* Without --force, a file already there stops the run before any is
   * written: not the first list written and the second refused. */
  for (guint i = 0; !env->force && i < G_N_ELEMENTS (targets); i++)
    if (targets[i] != NULL && g_file_test (targets[i], G_FILE_TEST_EXISTS))
      {
        g_set_error (error, CD_FILE_ERROR, CD_FILE_ERROR_EXISTS,
                     _("The file “%s” already exists. Choose another name, or allow replacing it (--force)."),
                     targets[i]);
        return FALSE;
      }
  if (res->people->len > 0
      && !cd_collect_write_list (res, unit, template_path, output, env->force, error))
    return FALSE;
  if (second != NULL
      && !cd_collect_write_list (res->other, unit, template_path, second, env->force, error))
    return FALSE;
  if (res->people->len > 0 && bulk != NULL
      && !cd_collect_write_bulk_sheet (res, unit, bulk, env->force, error))
    return FALSE;
  /* the report also when no one was kept: it says why */
  if (report != NULL && !cd_collect_write_report (res, gaps, report, env->force, error))
    return FALSE;
  return TRUE;
}

int
cd_cli_collect_run (GVariantDict *options,
                    CdCliEnv     *env)
{
  g_autofree const char **paths = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CdCollectResult) res = NULL;
  g_autoptr(CdUnit) unit = NULL;
  g_autofree char *report = NULL;
  g_autofree char *gaps = NULL;
  g_autofree char *kind = NULL;
  g_autofree char *sheet = NULL;
  g_autofree char *second = NULL;
  g_autofree char *extra = NULL;
  guint n_gaps = 0;
  const char *output;

  if (!g_variant_dict_lookup (options, "collect", "^a&ay", &paths))
    return -1;
  output = cd_cli_option_path (options, "output");
  if (output == NULL)
    {
      cd_cli_printerr ("%s", _("--collect needs --output=FILE.docx: the collected list to write."));
      return 2;
    }
  res = cd_collect_run (paths, NULL, NULL, NULL, NULL, &error);
  if (res == NULL)
    {
      cd_cli_printerr ("%s", error->message);
      return 1;
    }
  report = cd_collect_report_text (res);
  g_print ("%s", report);
  /* which list is made, and what said so: a kind assumed is told */
  if (res->people->len > 0)
    {
      kind = cd_collect_kind_text (res, cd_cli_option_path (options, "template"));
      g_print ("\n%s\n", kind);
      /* with two lists the sheet is the request list's: say so */
      if (cd_cli_option_path (options, "bulk-sheet") != NULL)
        sheet = cd_collect_sheet_text (res);
      if (sheet != NULL)
        g_print ("%s\n", sheet);
    }

  unit = collector_unit (env);
  if (cd_cli_option_path (options, "bulk-sheet") != NULL && res->people->len > 0)
    gaps = cd_collect_bulk_gaps_text (res, unit, &n_gaps);
  if (gaps != NULL)
    {
      g_print ("\n%s", gaps);
      if (g_variant_dict_contains (options, "strict"))
        {
          cd_cli_printerr ("%s", _("Nothing was written (--strict): rows of the Cục's sheet have empty required cells, listed above. Ask the schools, or leave out --strict to write anyway."));
          return 1;
        }
      cd_cli_printerr (g_dngettext (GETTEXT_PACKAGE,
                                    "%u row of the Cục's sheet has empty required cells (listed above); the sheet is written anyway.",
                                    "%u rows of the Cục's sheet have empty required cells (listed above); the sheet is written anyway.",
                                    n_gaps),
                       n_gaps);
    }
  /* the report file says it too, before the sheet's gaps */
  if (kind != NULL)
    extra = g_strconcat (kind, sheet != NULL ? "\n" : "", sheet != NULL ? sheet : "", "\n",
                         gaps != NULL ? "\n" : "", gaps != NULL ? gaps : "", NULL);
  if (!write_all (res, unit, extra != NULL ? extra : gaps, options, output, env, &error))
    {
      cd_cli_printerr ("%s", error->message);
      return 1;
    }
  if (res->people->len == 0)
    {
      cd_cli_printerr ("%s", _("Nothing could be collected: no file held a valid list. Nothing was written but the report; see each file's problem above."));
      return 1;
    }
  /* Translators: %u people, %s the file written */
  g_print (g_dngettext (GETTEXT_PACKAGE, "Wrote the list of %u person to “%s”.\n",
                        "Wrote the list of %u people to “%s”.\n", res->people->len),
           res->people->len, output);
  second = cd_collect_second_path (res, output);
  if (second != NULL)
    {
      const CdDocKind *k = cd_doc_kind_lookup (cd_collect_list_kind (res->other, NULL, NULL));

      /* Translators: the kind of the second list, its people, the file */
      g_print (g_dngettext (GETTEXT_PACKAGE, "Wrote the second list, “%s”, of %u person to “%s”.\n",
                            "Wrote the second list, “%s”, of %u people to “%s”.\n", res->other->people->len),
               k != NULL ? _(k->title) : res->other->kind, res->other->people->len, second);
    }
  return 0;
}
