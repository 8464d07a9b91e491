/* cd-cli-reminders.c — reminders outside the window, headless
 *
 *   --export-calendar=FILE.ics   the certificate expiries (with an alarm
 *                                at the renewal threshold), the open
 *                                recovery tasks and the lists' deadlines
 *                                as an iCalendar file; re-exporting
 *                                updates the events instead of doubling
 *   --reminders                  what the daily notification would say
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "cd-calendar.h"
#include "cd-cli-areas.h"
#include "cd-reminders.h"
#include "cd-settings.h"

const GOptionEntry cd_cli_reminders_entries[] = {
  { "export-calendar", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Write the certificate expiries, recovery tasks and deadlines as a calendar file (.ics) for the clerk's calendar, then exit"),
    N_("FILE") },
  { "reminders", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Print what needs attention today (expiring certificates, overdue recoveries), then exit"), NULL },
  { NULL }
};

static int
export_calendar (CdStore    *store,
                 const char *target,
                 gboolean    force)
{
  g_autoptr(GError) error = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  guint n = 0;

  if (!cd_calendar_export (store, target, now, cd_settings_expiry_threshold_days (NULL),
                           force, &n, &error))
    {
      cd_cli_printerr ("%s", error->message);
      return 1;
    }
  /* Translators: %u events, %s the file */
  g_print (ngettext ("%u event written to %s\n", "%u events written to %s\n", n), n, target);
  return 0;
}

static int
print_reminders (CdStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdReminders) r = NULL;
  g_autofree char *title = NULL;
  g_autofree char *body = NULL;

  r = cd_reminders_compute (store, g_get_real_time () / G_USEC_PER_SEC,
                            cd_settings_expiry_threshold_days (NULL), &error);
  if (r == NULL)
    {
      cd_cli_printerr ("%s", error->message);
      return 1;
    }
  title = cd_reminders_title (r);
  body = cd_reminders_body (r);
  g_print ("%s\n", title);
  if (*body != '\0')
    g_print ("%s\n", body);
  return 0;
}

int
cd_cli_reminders_run (GVariantDict *options,
                      CdCliEnv     *env)
{
  g_autoptr(GError) error = NULL;
  const char *target = NULL;
  gboolean reminders = g_variant_dict_contains (options, "reminders");
  CdStore *store;
  int rc = 0;

  g_variant_dict_lookup (options, "export-calendar", "^&ay", &target);
  if (target == NULL && !reminders)
    return -1;
  if (target != NULL && *target == '\0')
    {
      cd_cli_printerr ("%s", _("Give the calendar file to write, e.g. --export-calendar=nhac-viec.ics."));
      return 2;
    }
  store = cd_cli_env_get_store (env, &error);
  if (store == NULL)
    {
      cd_cli_printerr ("%s", error->message);
      return 1;
    }
  if (target != NULL)
    rc = export_calendar (store, target, env->force);
  if (rc == 0 && reminders)
    rc = print_reminders (store);
  return rc;
}
