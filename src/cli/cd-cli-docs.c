/* cd-cli-docs.c — headless actions of the docs area
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "cd-cli-areas.h"

const GOptionEntry cd_cli_docs_entries[] = {
  { NULL }
};

int
cd_cli_docs_run (GVariantDict *options,
                 CdCliEnv     *env)
{
  return -1;
}
