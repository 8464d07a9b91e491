/* cd-cli-devices.c — headless actions of the devices area
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "cd-cli-areas.h"
#include "cd-device-register.h"
#include "cd-handover-notice.h"
#include "cd-text.h"

const GOptionEntry cd_cli_devices_entries[] = {
  { "list-devices", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("List the unit's devices with their status, holder and overdue recovery tasks, then exit"), NULL },
  { "handover-notice", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Write the notice to the certification authority of the devices handed to staff over a period (PDF), then exit"),
    N_("FILE") },
  { "from", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("With --handover-notice: first day of the period (dd/mm/yyyy; default: the first of this month)"),
    N_("DATE") },
  { "to", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("With --handover-notice: last day of the period (dd/mm/yyyy; default: today)"),
    N_("DATE") },
  { NULL }
};

static char *
holder_name (CdStore *store,
             gint64   id)
{
  g_autoptr(CdStaff) staff = id > 0 ? cd_store_get_staff (store, id, NULL) : NULL;
  return staff ? g_strdup (staff->full_name) : NULL;
}

static int
list_devices (CdCliEnv *env)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) devices = NULL;
  g_autoptr(GPtrArray) tasks = NULL;
  g_autoptr(CdHolidays) holidays = NULL;
  g_autofree char *today = cd_text_today_iso ();
  CdStore *store;
  guint overdue = 0;

  store = cd_cli_env_get_store (env, &error);
  if (store == NULL)
    {
      cd_cli_printerr ("%s", error->message);
      return 1;
    }
  holidays = cd_devices_load_holidays (store, &error);
  if (holidays == NULL)
    {
      cd_cli_printerr ("%s", error->message);
      return 1;
    }
  /* Certificates revoked or expired since the last look start the clock. */
  if (cd_devices_sync_recovery_tasks (store, g_get_real_time () / G_USEC_PER_SEC, holidays, &error) < 0)
    {
      cd_cli_printerr ("%s", error->message);
      return 1;
    }
  devices = cd_store_list_devices (store, &error);
  if (devices != NULL)
    tasks = cd_devices_list_open_tasks (store, today, holidays, &error);
  if (devices == NULL || tasks == NULL)
    {
      cd_cli_printerr ("%s", error->message);
      return 1;
    }

  for (guint i = 0; i < tasks->len; i++)
    if (((CdRecoveryTask *) g_ptr_array_index (tasks, i))->days_overdue > 0)
      overdue++;

  if (env->json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "devices");
      json_builder_begin_array (b);
      for (guint i = 0; i < devices->len; i++)
        {
          CdDevice *d = g_ptr_array_index (devices, i);
          CdDeviceStatus status = CD_DEVICE_IN_STOCK;
          g_autofree char *holder = holder_name (store, d->holder_id);
          g_autoptr(CdCertificate) cert = cd_devices_holder_certificate (store, d->holder_id);

          cd_device_status_from_id (d->status, &status);
          json_builder_begin_object (b);
          json_builder_set_member_name (b, "id");
          json_builder_add_int_value (b, d->id);
          cd_cli_json_string (b, "serial", d->token_serial);
          cd_cli_json_string (b, "type", d->type);
          cd_cli_json_string (b, "model", d->model);
          cd_cli_json_string (b, "status", cd_device_status_to_id (status));
          cd_cli_json_string (b, "status_label", cd_device_status_label (status));
          cd_cli_json_string (b, "holder", holder);
          cd_cli_json_string (b, "certificate_serial", cert ? cert->serial : NULL);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_set_member_name (b, "tasks");
      json_builder_begin_array (b);
      for (guint i = 0; i < tasks->len; i++)
        {
          CdRecoveryTask *t = g_ptr_array_index (tasks, i);

          json_builder_begin_object (b);
          cd_cli_json_string (b, "device_serial", t->device_serial);
          cd_cli_json_string (b, "holder", t->staff_name);
          cd_cli_json_string (b, "certificate_serial", t->certificate_serial);
          cd_cli_json_string (b, "due", t->due_date);
          json_builder_set_member_name (b, "overdue_working_days");
          json_builder_add_int_value (b, t->days_overdue);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_set_member_name (b, "overdue");
      json_builder_add_int_value (b, overdue);
      json_builder_end_object (b);

      cd_cli_json_print (b);
      return 0;
    }

  if (devices->len == 0)
    g_print ("%s\n", _("No devices in the register."));
  for (guint i = 0; i < devices->len; i++)
    {
      CdDevice *d = g_ptr_array_index (devices, i);
      CdDeviceStatus status = CD_DEVICE_IN_STOCK;
      g_autofree char *holder = holder_name (store, d->holder_id);

      cd_device_status_from_id (d->status, &status);
      /* Translators: serial · type · status · holder */
      g_print (_("%s · %s · %s · holder: %s\n"), d->token_serial, d->type ? d->type : "TOKEN",
               cd_device_status_label (status), holder ? holder : "—");
    }
  if (tasks->len > 0)
    {
      g_print ("\n%s\n", _("Devices to recover and hand to the provider:"));
      if (overdue > 0)
        g_print (g_dngettext (GETTEXT_PACKAGE, "%u recovery is overdue.\n",
                              "%u recoveries are overdue.\n", overdue), overdue);
    }
  for (guint i = 0; i < tasks->len; i++)
    {
      CdRecoveryTask *t = g_ptr_array_index (tasks, i);
      g_autofree char *due = cd_text_date_display (t->due_date);

      if (t->days_overdue > 0)
        g_print (_("  %s (%s): due %s — OVERDUE by %d working days\n"),
                 t->device_serial ? t->device_serial : "?", t->staff_name ? t->staff_name : "—",
                 due, t->days_overdue);
      else
        g_print (_("  %s (%s): due %s\n"),
                 t->device_serial ? t->device_serial : "?", t->staff_name ? t->staff_name : "—", due);
    }
  return 0;
}

/* A date option as ISO; @fallback when absent; NULL (and a message) when
 * it cannot be read. */
static char *
date_option (GVariantDict *options,
             const char   *name,
             const char   *fallback)
{
  const char *value = NULL;
  char *iso;

  if (!g_variant_dict_lookup (options, name, "&s", &value) || value == NULL || *value == '\0')
    return g_strdup (fallback);
  iso = cd_text_parse_date (value);
  if (iso == NULL)
    /* Translators: %s is an option name, then what was given */
    cd_cli_printerr (_("--%s: “%s” is not a date. Write it as dd/mm/yyyy."), name, value);
  return iso;
}

static int
handover_notice (GVariantDict *options,
                 CdCliEnv     *env)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdHandoverNotice) notice = NULL;
  g_autofree char *today = cd_text_today_iso ();
  g_autofree char *month_start = g_strdup_printf ("%.8s01", today);
  g_autofree char *from = date_option (options, "from", month_start);
  g_autofree char *to = date_option (options, "to", today);
  const char *target = NULL;
  CdStore *store;

  g_variant_dict_lookup (options, "handover-notice", "^&ay", &target);
  if (from == NULL || to == NULL || target == NULL || *target == '\0')
    return 2;
  store = cd_cli_env_get_store (env, &error);
  if (store != NULL)
    notice = cd_handover_notice_new (store, from, to, today, &error);
  if (notice == NULL || !cd_handover_notice_export_pdf (notice, target, env->force, &error))
    {
      cd_cli_printerr ("%s", error->message);
      return 1;
    }
  {
    g_autofree char *path = g_canonicalize_filename (target, NULL);
    cd_store_record_document (store, path, "thong-bao-ban-giao", "built-in", NULL, NULL, NULL);
  }
  /* Translators: %u devices, %s the file */
  g_print (_("%u handovers notified in %s\n"), cd_handover_notice_count (notice), target);
  return 0;
}

int
cd_cli_devices_run (GVariantDict *options,
                    CdCliEnv     *env)
{
  if (g_variant_dict_contains (options, "list-devices"))
    return list_devices (env);
  if (g_variant_dict_contains (options, "handover-notice"))
    return handover_notice (options, env);
  return -1;
}
