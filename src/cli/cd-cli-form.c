/* cd-cli-form.c — what the command line adds to a refusal of a form
 *
 * Core's refusal of a Sở's form holding only lists of the other sort
 * (cd_form_check_kind) names the kinds the form makes as the wizard
 * names them: the window shows it as it is. At the terminal the clerk
 * types a kind's code, so the codes follow on a line of their own
 * (cd_docx_form_kinds, the kinds --check-template tells).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "cd-cli-form.h"
#include "cd-docx.h"

void
cd_cli_generate_failed (const GError *error,
                        const char   *template_path)
{
  g_autoptr(CdDocxPackage) pkg = NULL;
  g_auto(GStrv) kinds = NULL;
  g_autofree char *codes = NULL;

  cd_cli_printerr ("%s", error->message);
  if (template_path == NULL || !g_error_matches (error, CD_DOCS_ERROR, CD_DOCS_ERROR_WRONG_LIST))
    return;
  pkg = cd_docx_package_load (template_path, NULL);
  kinds = pkg != NULL ? cd_docx_form_kinds (pkg, NULL) : NULL;
  if (kinds == NULL || kinds[0] == NULL)
    return;
  codes = g_strjoinv (", ", kinds);
  /* Translators: %s is the codes of the kinds this form makes
   * ("thu-hoi, mau-05"), typed after --generate= */
  cd_cli_printerr (_("With this form, use --generate= with one of: %s"), codes);
}
