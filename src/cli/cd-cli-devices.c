/* cd-cli-devices.c — headless actions of the devices area
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "cd-cli-areas.h"
#include "cd-device-register.h"
#include "cd-text.h"

const GOptionEntry cd_cli_devices_entries[] = {
  { "list-devices", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("List the unit's devices with their status, holder and overdue recovery tasks, then exit"), NULL },
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
      g_autoptr(JsonGenerator) gen = json_generator_new ();
      g_autoptr(JsonNode) root = NULL;
      g_autofree char *text = NULL;

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
          json_builder_set_member_name (b, "serial");
          json_builder_add_string_value (b, d->token_serial);
          json_builder_set_member_name (b, "type");
          json_builder_add_string_value (b, d->type);
          json_builder_set_member_name (b, "model");
          json_builder_add_string_value (b, d->model);
          json_builder_set_member_name (b, "status");
          json_builder_add_string_value (b, cd_device_status_to_id (status));
          json_builder_set_member_name (b, "status_label");
          json_builder_add_string_value (b, cd_device_status_label (status));
          json_builder_set_member_name (b, "holder");
          if (holder)
            json_builder_add_string_value (b, holder);
          else
            json_builder_add_null_value (b);
          json_builder_set_member_name (b, "certificate_serial");
          if (cert)
            json_builder_add_string_value (b, cert->serial);
          else
            json_builder_add_null_value (b);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_set_member_name (b, "tasks");
      json_builder_begin_array (b);
      for (guint i = 0; i < tasks->len; i++)
        {
          CdRecoveryTask *t = g_ptr_array_index (tasks, i);

          json_builder_begin_object (b);
          json_builder_set_member_name (b, "device_serial");
          json_builder_add_string_value (b, t->device_serial);
          json_builder_set_member_name (b, "holder");
          json_builder_add_string_value (b, t->staff_name);
          json_builder_set_member_name (b, "certificate_serial");
          json_builder_add_string_value (b, t->certificate_serial);
          json_builder_set_member_name (b, "due");
          json_builder_add_string_value (b, t->due_date);
          json_builder_set_member_name (b, "overdue_working_days");
          json_builder_add_int_value (b, t->days_overdue);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_set_member_name (b, "overdue");
      json_builder_add_int_value (b, overdue);
      json_builder_end_object (b);

      root = json_builder_get_root (b);
      json_generator_set_root (gen, root);
      json_generator_set_pretty (gen, TRUE);
      text = json_generator_to_data (gen, NULL);
      g_print ("%s\n", text);
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

int
cd_cli_devices_run (GVariantDict *options,
                    CdCliEnv     *env)
{
  if (g_variant_dict_contains (options, "list-devices"))
    return list_devices (env);
  return -1;
}
