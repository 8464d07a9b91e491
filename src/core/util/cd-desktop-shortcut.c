/* cd-desktop-shortcut.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <string.h>
#include <gio/gio.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "cd-desktop-shortcut.h"
#include "cd-fileutil.h"
#include "cd-paths.h"

#define GROUP G_KEY_FILE_DESKTOP_GROUP

static gboolean
in_flatpak (void)
{
  return g_file_test ("/.flatpak-info", G_FILE_TEST_EXISTS);
}

char *
cd_desktop_shortcut_exec_value (const char *exec_path)
{
  GString *s;
  gboolean plain = TRUE;

  g_return_val_if_fail (exec_path != NULL, NULL);

  for (const char *p = exec_path; *p != '\0'; p++)
    if (!(g_ascii_isalnum (*p) || strchr ("/._+-", *p) != NULL))
      plain = FALSE;
  if (plain)
    return g_strdup (exec_path);

  /* Desktop Entry spec, "The Exec key": a quoted argument escapes " ` $
   * and \ with a backslash; a literal % is written %%. */
  s = g_string_new ("\"");
  for (const char *p = exec_path; *p != '\0'; p++)
    {
      if (strchr ("\"`$\\", *p) != NULL)
        g_string_append_c (s, '\\');
      if (*p == '%')
        g_string_append_c (s, '%');
      g_string_append_c (s, *p);
    }
  g_string_append_c (s, '"');
  return g_string_free (s, FALSE);
}

static gboolean
dir_is_system_data_dir (const char *dir)
{
  g_autofree char *canon = g_canonicalize_filename (dir, NULL);
  const char * const *dirs = g_get_system_data_dirs ();

  for (guint i = 0; dirs[i] != NULL; i++)
    {
      g_autofree char *d = g_canonicalize_filename (dirs[i], NULL);
      if (g_strcmp0 (d, canon) == 0)
        return TRUE;
    }
  return FALSE;
}

/* The icon by name when the icon theme will find it, else by file. */
static char *
shortcut_icon (void)
{
  const char *prefix = cd_paths_installed_prefix ();
  g_autofree char *svg = NULL;

  if (in_flatpak ())
    return g_strdup (APP_ID);
  if (prefix != NULL)
    {
      g_autofree char *datadir = g_build_filename (prefix, CD_DATADIR_REL, NULL);

      svg = g_build_filename (datadir, "icons", "hicolor", "scalable", "apps",
                              APP_ID ".svg", NULL);
      if (dir_is_system_data_dir (datadir))
        return g_strdup (APP_ID);
    }
  else
    svg = g_build_filename (CD_SOURCE_DATADIR, "icons", "hicolor", "scalable",
                            "apps", APP_ID ".svg", NULL);
  if (g_file_test (svg, G_FILE_TEST_IS_REGULAR))
    return g_steal_pointer (&svg);
  return g_strdup (APP_ID);
}

/* Best effort: desktops without a metadata store just ask the clerk once. */
static gboolean
mark_trusted (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *sum = NULL;
  gboolean trusted;

  /* GNOME (Nautilus, Desktop Icons NG) and others reading gvfs metadata. */
  trusted = g_file_set_attribute_string (file, "metadata::trusted", "true",
                                         G_FILE_QUERY_INFO_NONE, NULL, &error);
  if (!trusted)
    g_debug ("desktop shortcut: metadata::trusted not stored: %s", error->message);
  g_clear_error (&error);

  /* Xfce 4.18 trusts a launcher whose checksum it recorded. */
  sum = cd_file_sha256_hex (path, NULL);
  if (sum != NULL
      && g_file_set_attribute_string (file, "metadata::xfce-exe-checksum", sum,
                                      G_FILE_QUERY_INFO_NONE, NULL, &error))
    trusted = TRUE;
  return trusted;
}

/* @cause (cd_file_set_io_error()'s sentence, by errno: not the C
 * library's words, issue 20 D16) after what failed, so that the clerk
 * knows it is about the desktop icon. */
static void
set_shortcut_error (GError **error,
                    GError  *cause)
{
  g_set_error (error, cause->domain, cause->code,
               /* Translators: %s is a sentence saying what went wrong and what to do */
               _("The desktop icon could not be created. %s"), cause->message);
}

char *
cd_desktop_shortcut_create_in (const char  *desktop_dir,
                               const char  *exec_path,
                               gboolean    *marked_trusted,
                               GError     **error)
{
  g_autoptr(GKeyFile) kf = g_key_file_new ();
  g_autoptr(GError) local = NULL;
  g_autofree char *path = NULL;
  g_autofree char *exec = NULL;
  g_autofree char *icon = NULL;
  g_autofree char *data = NULL;
  gsize len;
  gboolean trusted;

  g_return_val_if_fail (desktop_dir != NULL, NULL);
  g_return_val_if_fail (exec_path != NULL, NULL);

  if (marked_trusted != NULL)
    *marked_trusted = FALSE;

  path = g_build_filename (desktop_dir, APP_ID ".desktop", NULL);
  if (g_mkdir_with_parents (desktop_dir, 0755) != 0)
    {
      cd_file_set_io_error (&local, path, errno);
      set_shortcut_error (error, local);
      return NULL;
    }

  if (in_flatpak ())
    exec = g_strdup ("flatpak run " APP_ID);
  else
    exec = cd_desktop_shortcut_exec_value (exec_path);
  icon = shortcut_icon ();

  g_key_file_set_string (kf, GROUP, G_KEY_FILE_DESKTOP_KEY_TYPE,
                         G_KEY_FILE_DESKTOP_TYPE_APPLICATION);
  g_key_file_set_string (kf, GROUP, G_KEY_FILE_DESKTOP_KEY_VERSION, "1.0");
  /* In the UI language, which is what the clerk reads on the desktop. */
  g_key_file_set_string (kf, GROUP, G_KEY_FILE_DESKTOP_KEY_NAME, _("CertDesk"));
  g_key_file_set_string (kf, GROUP, G_KEY_FILE_DESKTOP_KEY_COMMENT,
                         _("Manage the digital-signature certificates and USB tokens of your unit's staff"));
  g_key_file_set_string (kf, GROUP, G_KEY_FILE_DESKTOP_KEY_EXEC, exec);
  g_key_file_set_string (kf, GROUP, G_KEY_FILE_DESKTOP_KEY_ICON, icon);
  g_key_file_set_boolean (kf, GROUP, G_KEY_FILE_DESKTOP_KEY_TERMINAL, FALSE);
  g_key_file_set_string (kf, GROUP, G_KEY_FILE_DESKTOP_KEY_CATEGORIES, "Office;");
  g_key_file_set_boolean (kf, GROUP, G_KEY_FILE_DESKTOP_KEY_STARTUP_NOTIFY, TRUE);
  g_key_file_set_string (kf, GROUP, "StartupWMClass", APP_ID);
  data = g_key_file_to_data (kf, &len, NULL);

  if (!cd_file_write_atomic (path, data, len, TRUE, &local))
    {
      set_shortcut_error (error, local);
      return NULL;
    }
  /* Desktops only launch executable launchers. */
  if (g_chmod (path, 0755) != 0)
    {
      cd_file_set_io_error (&local, path, errno);
      set_shortcut_error (error, local);
      return NULL;
    }

  trusted = mark_trusted (path);
  if (marked_trusted != NULL)
    *marked_trusted = trusted;
  return g_steal_pointer (&path);
}

char *
cd_desktop_shortcut_create (gboolean  *marked_trusted,
                            GError   **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *exe = NULL;
  const char *desktop = g_get_user_special_dir (G_USER_DIRECTORY_DESKTOP);

  if (desktop == NULL)
    {
      g_set_error_literal (error, CD_FILE_ERROR, CD_FILE_ERROR_NOT_FOUND,
                           _("Cannot find your desktop folder. Create the folder “Desktop” in your home folder and try again."));
      return NULL;
    }

  exe = g_file_read_link ("/proc/self/exe", &local_error);
  if (exe == NULL || g_str_has_suffix (exe, " (deleted)"))
    {
      g_set_error (error, CD_FILE_ERROR, CD_FILE_ERROR_NOT_FOUND,
                   /* Translators: %s is the system's reason */
                   _("Cannot find where CertDesk is installed: %s. Reinstall CertDesk and try again."),
                   local_error != NULL ? local_error->message : _("the program was replaced while running"));
      return NULL;
    }
  return cd_desktop_shortcut_create_in (desktop, exe, marked_trusted, error);
}
