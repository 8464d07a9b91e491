/* cd-paths.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "cd-fileutil.h"
#include "cd-paths.h"

char *
cd_paths_user_data_dir (void)
{
  return g_build_filename (g_get_user_data_dir (), "certdesk", NULL);
}

char *
cd_paths_default_database (void)
{
  return g_build_filename (g_get_user_data_dir (), "certdesk", "certdesk.db", NULL);
}

char *
cd_paths_user_templates_dir (void)
{
  return g_build_filename (g_get_user_data_dir (), "certdesk", "templates", NULL);
}

gboolean
cd_paths_ensure_private_dir (const char  *dir,
                             GError     **error)
{
  g_return_val_if_fail (dir != NULL, FALSE);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;
      g_set_error (error, CD_FILE_ERROR, CD_FILE_ERROR_FAILED,
                   /* Translators: %s is a folder, the last %s the system's reason */
                   _("Cannot create the folder “%s”: %s. Check that you may write there."),
                   dir, g_strerror (saved));
      return FALSE;
    }
  /* Personal data lives here: nobody but the clerk's account may read it. */
  if (g_chmod (dir, 0700) != 0)
    {
      int saved = errno;
      g_set_error (error, CD_FILE_ERROR, CD_FILE_ERROR_FAILED,
                   _("Cannot protect the folder “%s”: %s."),
                   dir, g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}

const char *
cd_paths_pkgdatadir (void)
{
  static gsize dir;

  if (g_once_init_enter (&dir))
    {
      const char *env = g_getenv ("CERTDESK_DATADIR");
      char *found;

      if (env != NULL && *env != '\0')
        found = g_strdup (env);
      else if (g_file_test (CD_PKGDATADIR, G_FILE_TEST_IS_DIR))
        found = g_strdup (CD_PKGDATADIR);
      else
        found = g_strdup (CD_SOURCE_DATADIR);
      g_once_init_leave (&dir, (gsize) found);
    }
  return (const char *) dir;
}
