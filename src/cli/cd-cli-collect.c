/* cd-cli-collect.c — --collect: every school's list into one, headless
 *
 * certdesk --collect=FILE|DIR … --output=FILE.docx [--template=FILE.docx]
 *          [--bulk-sheet=FILE.xlsx [--strict]] [--report=FILE]
 *
 * Prints the report; exits 0 when a list was written, 1 when nothing
 * could be read or written. With --bulk-sheet the report ends with the
 * rows of the Cục's sheet whose required cells are empty (the schools'
 * lists rarely carry Ngày sinh or Nơi cấp); --strict then writes nothing. The frame of the collected list names the
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

const GOptionEntry cd_cli_collect_entries[] = {
  { "collect", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, NULL,
    N_("Collect the schools' lists (.docx in the Sở's form, .xlsx) of this file or folder into one; repeat for more (with --output)"),
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

  if (res->people->len > 0
      && !cd_collect_write_list (res, unit, cd_cli_option_path (options, "template"), output,
                                 env->force, error))
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
    extra = gaps != NULL ? g_strconcat (kind, "\n\n", gaps, NULL) : g_strconcat (kind, "\n", NULL);
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
  return 0;
}
