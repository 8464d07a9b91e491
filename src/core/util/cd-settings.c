/* cd-settings.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cd-paths.h"
#include "cd-settings.h"

static GSettingsSchema *
lookup_in (const char *dir)
{
  g_autoptr(GSettingsSchemaSource) source = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *compiled = g_build_filename (dir, "gschemas.compiled", NULL);

  if (!g_file_test (compiled, G_FILE_TEST_EXISTS))
    return NULL;
  source = g_settings_schema_source_new_from_directory (dir,
                                                        g_settings_schema_source_get_default (),
                                                        FALSE, &error);
  if (source == NULL)
    return NULL;
  return g_settings_schema_source_lookup (source, APP_ID, TRUE);
}

GSettings *
cd_settings_new (void)
{
  static GSettingsSchema *schema;
  static gsize once;

  if (g_once_init_enter (&once))
    {
      GSettingsSchemaSource *def = g_settings_schema_source_get_default ();

      if (def != NULL)
        schema = g_settings_schema_source_lookup (def, APP_ID, TRUE);
      if (schema == NULL && cd_paths_installed_prefix () != NULL)
        {
          /* An installed tree that was moved (DESTDIR, Flatpak) keeps its
           * schema next to its binary; it never uses a build tree's. */
          g_autofree char *dir = cd_paths_installed_path (CD_DATADIR_REL G_DIR_SEPARATOR_S
                                                          "glib-2.0" G_DIR_SEPARATOR_S "schemas");
          schema = lookup_in (dir);
          if (schema == NULL)
            schema = lookup_in (CD_SCHEMADIR);
        }
      else if (schema == NULL)
        {
          schema = lookup_in (CD_SCHEMADIR);
          if (schema == NULL)
            schema = lookup_in (CD_BUILD_SCHEMADIR);
        }
      g_once_init_leave (&once, 1);
    }

  if (schema == NULL)
    return NULL;
  return g_settings_new_full (schema, NULL, NULL);
}

int
cd_settings_expiry_threshold_days (GSettings *settings)
{
  g_autoptr(GSettings) own = NULL;

  if (settings == NULL)
    settings = own = cd_settings_new ();
  /* Without a schema there is nothing to read: its default. */
  if (settings == NULL)
    return 60;
  return g_settings_get_int (settings, "expiry-threshold-days");
}

GStrv
cd_settings_official_domains (GSettings *settings)
{
  static const char *const fallback[] = { "*.gov.vn", "*.edu.vn", NULL };
  g_autoptr(GSettings) own = NULL;

  if (settings == NULL)
    settings = own = cd_settings_new ();
  if (settings == NULL)
    return g_strdupv ((char **) fallback);
  return g_settings_get_strv (settings, "official-email-domains");
}
