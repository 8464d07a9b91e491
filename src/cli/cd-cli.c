/* cd-cli.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "cd-cli.h"
#include "cd-cli-areas.h"
#include "cd-desktop-shortcut.h"
#include "cd-demo.h"
#include "cd-paths.h"

static const GOptionEntry base_entries[] = {
  { "version", 'v', 0, G_OPTION_ARG_NONE, NULL,
    N_("Show the version and exit"), NULL },
  { "database", 'd', 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Use another register file instead of the default one"),
    /* Translators: placeholder in --help for a file path */
    N_("PATH") },
  { "force", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Overwrite output files that already exist"), NULL },
  { "create-desktop-shortcut", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Put a CertDesk icon on your desktop and exit"), NULL },
  { "json", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Print as JSON (with --list-tokens, --list-certificates, --list-devices, --list-batches, --show-unit)"), NULL },
  { "demo", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Open a temporary register filled with sample staff and certificates, for training and screenshots"), NULL },
  { NULL }
};

static int
base_run (GVariantDict *options,
          CdCliEnv     *env)
{
  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("certdesk %s\n", PACKAGE_VERSION);
      return 0;
    }
  if (g_variant_dict_contains (options, "create-desktop-shortcut"))
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *path = NULL;
      gboolean trusted = FALSE;

      path = cd_desktop_shortcut_create (&trusted, &error);
      if (path == NULL)
        {
          cd_cli_printerr ("%s", error->message);
          return 1;
        }
      /* Translators: %s is the path of the launcher file */
      g_print (_("Created the desktop icon “%s”.\n"), path);
      if (!trusted)
        g_print ("%s\n", _("If the desktop asks the first time, right-click the icon and choose “Allow Launching”."));
      return 0;
    }
  return -1;
}

/* The areas, in the order their actions are tried. */
static const CdCliArea *
areas (guint *n)
{
  static CdCliArea list[16];
  static guint count;

  if (count == 0)
    {
      list[count++] = (CdCliArea) { base_entries, base_run };
      list[count++] = (CdCliArea) { cd_cli_store_entries, cd_cli_store_run };
      list[count++] = (CdCliArea) { cd_cli_unit_entries, cd_cli_unit_run };
      list[count++] = (CdCliArea) { cd_cli_services_entries, cd_cli_services_run };
      list[count++] = (CdCliArea) { cd_cli_tokens_entries, cd_cli_tokens_run };
      list[count++] = (CdCliArea) { cd_cli_certificates_entries, cd_cli_certificates_run };
      list[count++] = (CdCliArea) { cd_cli_collect_entries, cd_cli_collect_run };
      list[count++] = (CdCliArea) { cd_cli_docs_entries, cd_cli_docs_run };
      list[count++] = (CdCliArea) { cd_cli_batches_entries, cd_cli_batches_run };
      list[count++] = (CdCliArea) { cd_cli_devices_entries, cd_cli_devices_run };
      list[count++] = (CdCliArea) { cd_cli_merger_entries, cd_cli_merger_run };
      list[count++] = (CdCliArea) { cd_cli_reminders_entries, cd_cli_reminders_run };
      list[count++] = (CdCliArea) { cd_cli_report_entries, cd_cli_report_run };
      list[count++] = (CdCliArea) { cd_cli_box_entries, cd_cli_box_run };
    }
  *n = count;
  return list;
}

void
cd_cli_add_options (GApplication *app)
{
  guint n;
  const CdCliArea *list = areas (&n);

  for (guint i = 0; i < n; i++)
    g_application_add_main_option_entries (app, list[i].entries);
  /* --help: the same from certdesk and from certdesk-gui */
  g_application_set_option_context_parameter_string (app, NULL);
  g_application_set_option_context_summary (app,
    _("Manage the official-use digital-signature certificates and USB tokens of a unit's staff."));
  g_application_set_option_context_description (app,
    _("Without options, the window opens on the default register."));
}

gboolean
cd_cli_asks_action (GVariantDict *options)
{
  /* They say how to open the register, not what to do in it. */
  static const char *const window[] = { "database", "demo", "force", "json", NULL };
  guint n;
  const CdCliArea *list = areas (&n);

  for (guint i = 0; i < n; i++)
    for (const GOptionEntry *e = list[i].entries; e->long_name != NULL; e++)
      if (!g_strv_contains (window, e->long_name) && g_variant_dict_contains (options, e->long_name))
        return TRUE;
  return FALSE;
}

void
cd_cli_json_string (JsonBuilder *builder,
                    const char  *name,
                    const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

char *
cd_cli_iso_utc (gint64 unix_seconds)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (unix_seconds);

  return dt != NULL ? g_date_time_format (dt, "%Y-%m-%dT%H:%M:%SZ") : g_strdup ("");
}

void
cd_cli_json_print (JsonBuilder *builder)
{
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  g_autofree char *text = NULL;

  json_generator_set_root (gen, root);
  json_generator_set_pretty (gen, TRUE);
  text = json_generator_to_data (gen, NULL);
  g_print ("%s\n", text);
}

const char *
cd_cli_option_path (GVariantDict *options,
                    const char   *name)
{
  const char *value = NULL;

  if (g_variant_dict_lookup (options, name, "^&ay", &value) && value != NULL && *value != '\0')
    return value;
  return NULL;
}

void
cd_cli_printerr (const char *format,
                 ...)
{
  g_autofree char *msg = NULL;
  va_list args;

  va_start (args, format);
  msg = g_strdup_vprintf (format, args);
  va_end (args);
  g_printerr ("certdesk: %s\n", msg);
}

/* @for_window: the window's loader checks the register on its worker;
 * else a headless action checks it only before its first write, and at
 * most once a day (cd_store_open_check_daily): --version, a listing or a
 * 10-person document on a 30,000-staff register need not read every page. */
static CdStore *
env_open (CdCliEnv  *env,
          gboolean   for_window,
          GError   **error)
{
  if (env->store != NULL)
    return env->store;

  if (!env->custom_db)
    {
      g_autofree char *dir = cd_paths_user_data_dir ();
      if (!cd_paths_ensure_private_dir (dir, error))
        return NULL;
    }
  env->store = for_window ? cd_store_open_check_later (env->database, error)
                          : cd_store_open_check_daily (env->database, error);
  return env->store;
}

CdStore *
cd_cli_env_get_store (CdCliEnv  *env,
                      GError   **error)
{
  return env_open (env, FALSE, error);
}

/* Removes @path and, if it is a folder (not a link to one), everything in
 * it. Only ever called on the folder open_demo() made. */
static void
remove_tree (const char *path)
{
  GStatBuf st;

  if (g_lstat (path, &st) == 0 && S_ISDIR (st.st_mode))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);
          remove_tree (child);
        }
      g_rmdir (path);
    }
  else
    g_unlink (path);
}

/* The demo folder still to remove if the process leaves through exit()
 * before cd_cli_env_clear() — GTK exits when it cannot open a display.
 * The normal ends (a headless action, the application's shutdown) clear
 * the environment and leave through _exit(), so this is only the net. */
static char *demo_dir_at_exit;

static void
remove_demo_at_exit (void)
{
  if (demo_dir_at_exit != NULL)
    remove_tree (demo_dir_at_exit);
}

void
cd_cli_env_clear (CdCliEnv *env)
{
  g_clear_object (&env->store);
  /* The sample register lives only as long as the process. Files still
   * open elsewhere (a window's or a worker's connection) go away with
   * their last descriptor. */
  if (env->demo_dir != NULL)
    {
      remove_tree (env->demo_dir);
      if (g_strcmp0 (demo_dir_at_exit, env->demo_dir) == 0)
        g_clear_pointer (&demo_dir_at_exit, g_free);
      g_clear_pointer (&env->demo_dir, g_free);
    }
  env->demo = FALSE;
  g_clear_pointer (&env->database, g_free);
}

/* --demo: a fresh sample register in a private temporary folder. */
static gboolean
open_demo (CdCliEnv  *env,
           GError   **error)
{
  g_autofree char *dir = g_dir_make_tmp ("certdesk-demo-XXXXXX", error);
  g_autofree char *lists = NULL;
  const char *size = g_getenv ("CERTDESK_DEMO_SIZE");
  guint n = size ? (guint) g_ascii_strtoull (size, NULL, 10) : 0;
  static gboolean at_exit_registered;

  if (dir == NULL)
    return FALSE;
  g_free (env->demo_dir);
  env->demo_dir = g_strdup (dir);
  g_free (demo_dir_at_exit);
  demo_dir_at_exit = g_strdup (dir);
  if (!at_exit_registered)
    at_exit_registered = atexit (remove_demo_at_exit) == 0;
  g_free (env->database);
  env->database = g_build_filename (dir, "certdesk-demo.db", NULL);
  env->custom_db = TRUE;
  env->demo = TRUE;
  if (cd_cli_env_get_store (env, error) == NULL)
    return FALSE;
  lists = g_build_filename (dir, "ho-so", NULL);
  return cd_demo_fill (env->store, n > 0 ? n : 152, 2026, lists, error);
}

int
cd_cli_handle (GVariantDict *options,
               CdCliEnv     *env)
{
  guint n;
  const CdCliArea *list = areas (&n);
  const char *db = NULL;

  if (g_variant_dict_lookup (options, "database", "^&ay", &db) && db != NULL && *db != '\0')
    {
      env->database = g_canonicalize_filename (db, NULL);
      env->custom_db = TRUE;
    }
  else
    env->database = cd_paths_default_database ();
  env->force = g_variant_dict_contains (options, "force");
  env->json = g_variant_dict_contains (options, "json");

  if (g_variant_dict_contains (options, "demo"))
    {
      g_autoptr(GError) error = NULL;

      if (!open_demo (env, &error))
        {
          cd_cli_printerr ("%s", error->message);
          return 1;
        }
    }

  for (guint i = 0; i < n; i++)
    {
      int status = list[i].run (options, env);
      if (status >= 0)
        return status;
    }

  /* No headless action: the GUI will need the register. Open it here so
   * a wrong --database fails in the terminal, before any window. Its
   * integrity check runs on the worker that reads the staff list while
   * the window is built (cd_store_load_staff_rows_async). */
  {
    g_autoptr(GError) error = NULL;
    if (env_open (env, TRUE, &error) == NULL)
      {
        cd_cli_printerr ("%s", error->message);
        return 1;
      }
  }
  return -1;
}
