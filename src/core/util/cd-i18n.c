/* cd-i18n.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <string.h>
#include <glib/gi18n.h>

#include "cd-i18n.h"
#include "cd-paths.h"
#include "cd-settings.h"

static const char *localedir = CD_LOCALEDIR;
static char *installed_localedir;

static gboolean
has_catalog (const char *dir)
{
  g_autofree char *mo = g_build_filename (dir, "vi", "LC_MESSAGES",
                                          GETTEXT_PACKAGE ".mo", NULL);
  return g_file_test (mo, G_FILE_TEST_EXISTS);
}

/* $LANGUAGE as the session had it ("" when unset), for "system". */
static char *session_language;

void
cd_i18n_prepare (void)
{
  const char *loc;

  if (session_language != NULL)
    return;

  loc = setlocale (LC_ALL, "");

  /* gettext ignores $LANGUAGE in the plain "C" locale, which is what a
   * session without $LANG (a school PC set up in English, a CI runner) has.
   * C.UTF-8 behaves the same for formatting but honours $LANGUAGE and
   * gives us UTF-8 output for Vietnamese. */
  if (loc == NULL || strcmp (loc, "C") == 0 || strcmp (loc, "POSIX") == 0)
    {
      setlocale (LC_ALL, "C.UTF-8");
      /* And keep it so: gtk_init() calls setlocale (LC_ALL, "") again,
       * which would fall back to "C" — an English window for a clerk
       * whose session (a bare X session, a launcher started by a service)
       * has no $LANG. */
      g_setenv ("LC_ALL", "C.UTF-8", TRUE);
    }

  /* $LANGUAGE is in the environment from now on, so that choosing the
   * language later only replaces its value. An empty one is no
   * $LANGUAGE to gettext and to g_get_language_names(). */
  session_language = g_strdup (g_getenv ("LANGUAGE") != NULL ? g_getenv ("LANGUAGE") : "");
  g_setenv ("LANGUAGE", session_language, TRUE);
}

void
cd_i18n_init (const char *ui_language)
{
  cd_i18n_prepare ();

  if (g_strcmp0 (ui_language, "vi") == 0)
    g_setenv ("LANGUAGE", "vi", TRUE);
  else if (g_strcmp0 (ui_language, "en") == 0)
    g_setenv ("LANGUAGE", "en", TRUE);
  else
    /* "system": $LANGUAGE/$LANG as the session has them. */
    g_setenv ("LANGUAGE", session_language, TRUE);

  /* An installed binary uses its prefix — the one it actually sits in,
   * which differs from the configured one under DESTDIR or when the tree
   * was moved; one run from the build tree uses the catalogues meson just
   * compiled. */
  if (installed_localedir == NULL)
    installed_localedir = cd_paths_installed_path (CD_LOCALEDIR_REL);
  if (g_getenv ("CERTDESK_LOCALEDIR") != NULL)
    localedir = g_getenv ("CERTDESK_LOCALEDIR");
  else if (installed_localedir != NULL)
    localedir = installed_localedir;
  else if (!has_catalog (CD_LOCALEDIR) && has_catalog (CD_BUILD_LOCALEDIR))
    localedir = CD_BUILD_LOCALEDIR;

  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}

char *
cd_i18n_ui_language (void)
{
  g_autoptr(GSettings) settings = cd_settings_new ();
  const char *env = g_getenv ("CERTDESK_UI_LANGUAGE");

  if (env != NULL && *env != '\0')
    return g_strdup (env);
  if (settings != NULL)
    return g_settings_get_string (settings, "ui-language");
  return g_strdup ("vi");
}

const char *
cd_i18n_localedir (void)
{
  return localedir;
}

static gboolean
speaks_vietnamese (void)
{
  const char * const *names = g_get_language_names ();

  /* The first name gettext would try: $LANGUAGE's first entry (set by
   * cd_i18n_init() for "vi"), else the locale's. */
  return names != NULL && names[0] != NULL
         && (strcmp (names[0], "vi") == 0 || g_str_has_prefix (names[0], "vi_"));
}

static gboolean
has_toolkit_catalog (const char *dir,
                     const char *domain)
{
  g_autofree char *file = g_strconcat (domain, ".mo", NULL);
  g_autofree char *mo = g_build_filename (dir, "vi", "LC_MESSAGES", file, NULL);
  return g_file_test (mo, G_FILE_TEST_EXISTS);
}

const char *
cd_i18n_bind_toolkit (void)
{
  static char *bound;
  g_autofree char *installed = NULL;
  const char *candidates[3] = { NULL, NULL, NULL };
  guint n = 0;

  if (!speaks_vietnamese ())
    return NULL;

  /* The same order as for CertDesk's own catalogue: a run from the build
   * tree uses what meson just compiled, an installed binary the data
   * folder beside it, else the configured one. */
  if (strcmp (localedir, CD_BUILD_LOCALEDIR) == 0)
    candidates[n++] = CD_BUILD_TOOLKIT_LOCALEDIR;
  installed = cd_paths_installed_path (CD_DATADIR_REL G_DIR_SEPARATOR_S "certdesk"
                                       G_DIR_SEPARATOR_S "locale");
  if (installed != NULL)
    candidates[n++] = installed;
  candidates[n++] = CD_PKGDATADIR G_DIR_SEPARATOR_S "locale";

  for (guint i = 0; i < n; i++)
    if (has_toolkit_catalog (candidates[i], "libadwaita"))
      {
        g_free (bound);
        bound = g_strdup (candidates[i]);
        bindtextdomain ("libadwaita", bound);
        bind_textdomain_codeset ("libadwaita", "UTF-8");
        /* GTK's is the system's with the strings it lacks laid over it
         * (build-aux/toolkit-catalog); absent, the system's stays. */
        if (has_toolkit_catalog (bound, "gtk40"))
          {
            bindtextdomain ("gtk40", bound);
            bind_textdomain_codeset ("gtk40", "UTF-8");
          }
        return bound;
      }
  return NULL;
}
