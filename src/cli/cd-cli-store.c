/* cd-cli-store.c — headless actions of the store area
 *
 * certdesk --import-staff=FILE [--dry-run]
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <unistd.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "cd-cli-areas.h"
#include "cd-settings.h"
#include "cd-staff-import.h"

const GOptionEntry cd_cli_store_entries[] = {
  { "import-staff", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Import the staff list from an .xlsx or .csv file and print what was added, updated and rejected"),
    /* Translators: placeholder in --help for a file path */
    N_("FILE") },
  { "dry-run", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("With --import-staff or --merge-unit: only show what would change, write nothing"), NULL },
  { NULL }
};

static void
print_line (const char *line,
            gpointer    user_data)
{
  g_print ("%s", line);
}

/* Tests hold an import between its preview and its commit, to race two
 * imports whose previews are both made before either commits: with
 * $CERTDESK_TEST_HOLD_IMPORT set to a folder, this writes
 * "ready-PID" there and waits (60 s at most) for "go" (never set
 * otherwise). */
static void
hold_for_tests (void)
{
  const char *dir = g_getenv ("CERTDESK_TEST_HOLD_IMPORT");
  g_autofree char *ready = NULL;
  g_autofree char *go = NULL;
  gint64 end = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  char pid[32];

  if (dir == NULL || *dir == '\0')
    return;
  g_snprintf (pid, sizeof pid, "ready-%d", (int) getpid ());
  ready = g_build_filename (dir, pid, NULL);
  go = g_build_filename (dir, "go", NULL);
  g_file_set_contents (ready, "", 0, NULL);
  while (!g_file_test (go, G_FILE_TEST_EXISTS) && g_get_monotonic_time () < end)
    g_usleep (10000);
}

int
cd_cli_store_run (GVariantDict *options,
                  CdCliEnv     *env)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdStaffImport) imp = NULL;
  g_auto(GStrv) domains = NULL;
  const char *file = NULL;
  gboolean dry_run;
  CdStore *store;

  if (!g_variant_dict_lookup (options, "import-staff", "^&ay", &file) || file == NULL || *file == '\0')
    {
      /* --merge-unit (cd-cli-merger.c) takes --dry-run too */
      if (g_variant_dict_contains (options, "dry-run") && !g_variant_dict_contains (options, "merge-unit"))
        {
          cd_cli_printerr ("%s", _("--dry-run only goes with --import-staff=FILE or --merge-unit."));
          return 2;
        }
      return -1;
    }
  dry_run = g_variant_dict_contains (options, "dry-run");

  store = cd_cli_env_get_store (env, &error);
  if (store == NULL)
    {
      cd_cli_printerr ("%s", error->message);
      return 1;
    }
  if (!dry_run && cd_store_is_read_only (store))
    {
      cd_cli_printerr ("%s", cd_store_get_read_only_reason (store));
      return 1;
    }

  domains = cd_settings_official_domains (NULL);
  imp = cd_staff_import_prepare (store, file, (const char *const *) domains, &error);
  if (imp == NULL)
    {
      cd_cli_printerr ("%s", error->message);
      return 1;
    }
  cd_staff_import_summary_foreach (imp, print_line, NULL);

  if (imp->n_added + imp->n_updated + imp->n_unchanged == 0)
    {
      cd_cli_printerr ("%s", _("Nothing could be imported: every row was rejected. Correct the rows listed above and import again."));
      return 1;
    }
  if (dry_run)
    {
      g_print ("%s\n", _("Dry run: nothing was written."));
      return 0;
    }
  hold_for_tests ();
  /* Another import may be committing (another CertDesk, a second
   * terminal): wait for it, however long its commit takes on a busy
   * machine, rather than fail with "in use" — the commit then checks
   * the preview again against what that import wrote and says what
   * changed (issue 20, D8). 20 s, not the 5 s everything else waits. */
  sqlite3_busy_timeout (cd_store_get_db (store), 20000);
  if (!cd_staff_import_commit (imp, store, &error))
    {
      cd_cli_printerr ("%s", error->message);
      return 1;
    }
  g_print (_("Imported: %u added, %u updated."), imp->n_added, imp->n_updated);
  g_print ("\n");
  return 0;
}
