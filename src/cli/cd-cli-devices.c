/* cd-cli-devices.c — headless actions of the devices area
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "cd-cli-areas.h"

const GOptionEntry cd_cli_devices_entries[] = {
  { NULL }
};

int
cd_cli_devices_run (GVariantDict *options,
                 CdCliEnv     *env)
{
  return -1;
}
