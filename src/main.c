/* main.c — certdesk-gui, the window
 *
 * Started by certdesk (main-cli.c) when the command line asks for no
 * headless action, with the same arguments and the environment that
 * certdesk was given; started directly, it runs headless actions too.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <unistd.h>
#include <glib/gi18n.h>

#include "cd-application.h"
#include "cd-i18n.h"
#include "cd-settings.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(CdApplication) app = NULL;
  int status;
  g_autofree char *language = NULL;

  /* Everything that changes the locale or adds to the environment, before
   * the first thread: the GSettings object below starts dconf's worker,
   * whose getenv() would walk an environment array that an added variable
   * reallocates and frees — a segfault once in a hundred starts (issue
   * 15). cd_i18n_init() then only replaces $LANGUAGE's value; and
   * GtkApplication, which would call setlocale (LC_ALL, "") again in
   * g_application_run() with those threads running, is told the locale
   * is set. */
  cd_i18n_prepare ();
  gtk_disable_setlocale ();
  cd_application_choose_renderer ();

  /* The UI language must be in force before the first string is
   * translated, --help included. */
  language = cd_i18n_ui_language ();
  cd_i18n_init (language);
  g_set_prgname ("certdesk");
  g_set_application_name (_("CertDesk"));

  app = cd_application_new ();
  status = g_application_run (G_APPLICATION (app), argc, argv);

  /* Close the register and write the settings now… */
  g_clear_object (&app);
  g_settings_sync ();
  fflush (stdout);
  fflush (stderr);
  /* …then leave without exit()'s library destructors: a worker thread may
   * still be finishing a result nobody waits for any more (a page layout,
   * a list load), and HarfBuzz's or fontconfig's atexit cleanup would pull
   * the ground from under it — seen as a rare crash on quit. Nothing is
   * lost: files are written to a temporary name and renamed, and the
   * register only ever holds committed transactions. */
  _exit (status);
}
