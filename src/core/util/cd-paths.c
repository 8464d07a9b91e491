/* cd-paths.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <string.h>
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
      /* A sentence by errno, not strerror()'s words (issue 20, D16). */
      cd_file_set_io_error (error, dir, errno);
      return FALSE;
    }
  /* Personal data lives here: nobody but the clerk's account may read it. */
  if (g_chmod (dir, 0700) != 0)
    {
      cd_file_set_io_error (error, dir, errno);
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
      char *found = NULL;

      if (env != NULL && *env != '\0')
        found = g_strdup (env);
      if (found == NULL)
        found = cd_paths_installed_path (CD_DATADIR_REL G_DIR_SEPARATOR_S "certdesk");
      if (found == NULL && g_file_test (CD_PKGDATADIR, G_FILE_TEST_IS_DIR))
        found = g_strdup (CD_PKGDATADIR);
      if (found == NULL)
        found = g_strdup (CD_SOURCE_DATADIR);
      g_once_init_leave (&dir, (gsize) found);
    }
  return (const char *) dir;
}

static char *
find_installed_prefix (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *exe = g_file_read_link ("/proc/self/exe", &error);
  g_autofree char *bindir = NULL;
  g_autofree char *schema = NULL;
  g_autofree char *suffix = NULL;
  char *prefix;

  if (exe == NULL || g_path_is_absolute (CD_BINDIR_REL)
      || g_path_is_absolute (CD_DATADIR_REL))
    return NULL;
  /* A binary replaced on disk while running reads "… (deleted)". */
  if (g_str_has_suffix (exe, " (deleted)"))
    return NULL;

  bindir = g_path_get_dirname (exe);
  suffix = g_strconcat (G_DIR_SEPARATOR_S, CD_BINDIR_REL, NULL);
  /* certdesk in bindir, certdesk-gui (main.c) in libexecdir */
  if (!g_str_has_suffix (bindir, suffix) && !g_path_is_absolute (CD_LIBEXECDIR_REL))
    {
      g_free (suffix);
      suffix = g_strconcat (G_DIR_SEPARATOR_S, CD_LIBEXECDIR_REL, NULL);
    }
  if (!g_str_has_suffix (bindir, suffix))
    return NULL;
  prefix = g_strndup (bindir, strlen (bindir) - strlen (suffix));
  if (*prefix == '\0')
    {
      g_free (prefix);
      prefix = g_strdup ("/");
    }

  schema = g_build_filename (prefix, CD_DATADIR_REL, "glib-2.0", "schemas",
                             APP_ID ".gschema.xml", NULL);
  if (!g_file_test (schema, G_FILE_TEST_IS_REGULAR))
    {
      g_free (prefix);
      return NULL;
    }
  return prefix;
}

const char *
cd_paths_installed_prefix (void)
{
  static gsize prefix;

  if (g_once_init_enter (&prefix))
    {
      char *found = find_installed_prefix ();
      /* g_once_init_leave() wants non-zero: "" stands for "none". */
      g_once_init_leave (&prefix, (gsize) (found != NULL ? found : g_strdup ("")));
    }
  return *(const char *) prefix != '\0' ? (const char *) prefix : NULL;
}

char *
cd_paths_installed_path (const char *rel)
{
  const char *prefix = cd_paths_installed_prefix ();

  g_return_val_if_fail (rel != NULL, NULL);

  if (prefix == NULL || g_path_is_absolute (rel))
    return NULL;
  return g_build_filename (prefix, rel, NULL);
}
