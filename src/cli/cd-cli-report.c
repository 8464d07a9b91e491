/* cd-cli-report.c — reports for the Sở, headless
 *
 *   --coverage-report=FILE.pdf|FILE.xlsx   the share of staff holding a
 *                                          valid chuyên dùng certificate,
 *                                          by status, position group,
 *                                          provider and track
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "cd-cli-areas.h"
#include "cd-coverage-export.h"
#include "cd-settings.h"

const GOptionEntry cd_cli_report_entries[] = {
  { "coverage-report", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Write the coverage report for the Department (share of staff with a valid government certificate, by status, position and provider) as PDF or Excel (.xlsx), then exit"),
    N_("FILE") },
  { NULL }
};

int
cd_cli_report_run (GVariantDict *options,
                   CdCliEnv     *env)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdCoverage) cov = NULL;
  g_autoptr(CdUnit) unit = NULL;
  g_autofree char *summary = NULL;
  const char *target;
  CdStore *store;

  if (!g_variant_dict_contains (options, "coverage-report"))
    return -1;
  target = cd_cli_option_path (options, "coverage-report");
  if (target == NULL)
    {
      cd_cli_printerr ("%s", _("Give the report file to write, e.g. --coverage-report=bao-cao.pdf or .xlsx."));
      return 2;
    }
  store = cd_cli_env_get_store (env, &error);
  if (store != NULL)
    cov = cd_coverage_compute (store, g_get_real_time () / G_USEC_PER_SEC,
                               cd_settings_expiry_threshold_days (NULL), &error);
  if (cov == NULL)
    {
      cd_cli_printerr ("%s", error->message);
      return 1;
    }
  unit = cd_store_get_unit (store);
  if (!cd_coverage_export (cov, unit, target, env->force, &error))
    {
      cd_cli_printerr ("%s", error->message);
      return 1;
    }
  summary = cd_coverage_summary (cov);
  g_print ("%s\n", summary);
  /* Translators: %s is the file written */
  g_print (_("Report written to %s\n"), target);
  return 0;
}
