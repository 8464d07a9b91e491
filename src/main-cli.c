/* main-cli.c — certdesk, the command line
 *
 * Headless actions (--import-staff, --generate, --list-staff…) run here,
 * in a binary that links the core and the actions but not GTK or
 * libadwaita: loading and relocating GTK's ~80 libraries was most of a
 * small action's CPU (issue 19: 82 -> 55 libraries, --version 0.046 ->
 * 0.032 s CPU, median of 15 runs interleaved with the old binary). When
 * the command line asks for no action, the window is wanted: this
 * process becomes certdesk-gui (main.c) with the same arguments and the
 * environment it was given, so the clerk's `certdesk`, the desktop file
 * and the README's commands keep working unchanged.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <glib/gi18n.h>

#include "cd-cli.h"
#include "cd-i18n.h"
#include "cd-paths.h"

#define GUI_NAME "certdesk-gui"

typedef struct {
  CdCliEnv  env;
  gboolean  window;   /* no headless action: start certdesk-gui */
} Front;

static int
handle_local_options_cb (GApplication *app,
                         GVariantDict *options,
                         gpointer      user_data)
{
  Front *front = user_data;
  int status;

  if (!cd_cli_asks_action (options))
    {
      front->window = TRUE;
      return 0;
    }
  status = cd_cli_handle (options, &front->env);
  /* A detail without its action (--output alone): the window, as
   * certdesk-gui decides it. What this opened (a --demo register) is
   * removed first; certdesk-gui makes its own. */
  cd_cli_env_clear (&front->env);
  if (status < 0)
    {
      front->window = TRUE;
      return 0;
    }
  return status;
}

/* certdesk-gui: beside this binary in the build tree, else in the
 * libexec folder of the prefix this binary sits in (moved or not). */
static char *
gui_path (void)
{
  g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *installed = NULL;

  if (exe != NULL)
    {
      g_autofree char *dir = g_path_get_dirname (exe);
      char *beside = g_build_filename (dir, GUI_NAME, NULL);

      if (g_file_test (beside, G_FILE_TEST_IS_EXECUTABLE))
        return beside;
      g_free (beside);
    }
  installed = cd_paths_installed_path (CD_LIBEXECDIR_REL G_DIR_SEPARATOR_S GUI_NAME);
  if (installed != NULL && g_file_test (installed, G_FILE_TEST_IS_EXECUTABLE))
    return g_steal_pointer (&installed);
  return g_build_filename (CD_LIBEXECDIR, GUI_NAME, NULL);
}

int
main (int   argc,
      char *argv[])
{
  /* As it came: certdesk-gui chooses its language and locale itself. */
  g_auto(GStrv) environment = g_get_environ ();
  g_autoptr(GApplication) app = NULL;
  g_autofree char *language = NULL;
  Front front = { { 0 }, FALSE };
  int status;

  /* As main.c: the locale and environment before the first thread, the
   * language before the first translated string (--help included). */
  cd_i18n_prepare ();
  language = cd_i18n_ui_language ();
  cd_i18n_init (language);
  g_set_prgname ("certdesk");
  g_set_application_name (_("CertDesk"));

  /* Never registered nor run: it parses the options as certdesk-gui's
   * application does, the same --help with them. */
  app = g_application_new (APP_ID, G_APPLICATION_DEFAULT_FLAGS);
  cd_cli_add_options (app);
  g_signal_connect (app, "handle-local-options", G_CALLBACK (handle_local_options_cb), &front);
  status = g_application_run (app, argc, argv);
  g_clear_object (&app);
  cd_cli_env_clear (&front.env);

  if (front.window)
    {
      g_autofree char *gui = gui_path ();

      fflush (stdout);
      fflush (stderr);
      execve (gui, argv, environment);
      g_printerr ("certdesk: %s: %s\n", gui, g_strerror (errno));
      _exit (1);
    }

  fflush (stdout);
  fflush (stderr);
  /* As main.c: no library destructors after the work is done. */
  _exit (status);
}
