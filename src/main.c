/* main.c — certdesk
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "cd-application.h"
#include "cd-i18n.h"
#include "cd-settings.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(CdApplication) app = NULL;
  g_autofree char *language = NULL;

  /* The UI language must be in force before the first string is
   * translated, --help included. */
  {
    g_autoptr(GSettings) settings = cd_settings_new ();
    const char *env = g_getenv ("CERTDESK_UI_LANGUAGE");

    /* $CERTDESK_UI_LANGUAGE (vi, en, system) overrides the setting for one
     * run: handy for support and for the tests. */
    if (env != NULL && *env != '\0')
      language = g_strdup (env);
    else if (settings != NULL)
      language = g_settings_get_string (settings, "ui-language");
    else
      language = g_strdup ("vi");
  }
  cd_i18n_init (language);
  g_set_prgname ("certdesk");
  g_set_application_name (_("CertDesk"));

  app = cd_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
