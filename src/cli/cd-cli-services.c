/* cd-cli-services.c — headless actions on the unit's services
 *
 *   --add-service=NAME [--add-service=NAME …]  a service that holds a
 *                                 certificate of its own (the one-stop
 *                                 desk); adding a name twice is harmless
 *   --list-services [--json]      the services and their certificates
 *   --pass-device=TOKEN_SERIAL --to=CCCD [--date=] [--service=NAME]
 *                [--minutes=FILE]  a service's device from the duty officer
 *                                 to the next, with the minutes (Mẫu 07)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "cd-cli-areas.h"
#include "cd-device-minutes.h"
#include "cd-service-device.h"
#include "cd-text.h"

const GOptionEntry cd_cli_services_entries[] = {
  { "add-service", 0, 0, G_OPTION_ARG_STRING_ARRAY, NULL,
    N_("Add a service of the unit that holds its own certificate, such as “Bộ phận Một cửa” (repeatable), then exit"),
    N_("NAME") },
  { "list-services", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("List the unit's services and their certificates, then exit"), NULL },
  { "pass-device", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Hand a service's device (token serial) from its duty officer to the next one (--to=CCCD), write the minutes, then exit"),
    N_("SERIAL") },
  { "date", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("With --pass-device: the day of the handover (dd/mm/yyyy; default: today)"), N_("DATE") },
  { "service", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("With --pass-device: the service the device belongs to, when it is not recorded yet"), N_("NAME") },
  { "minutes", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("With --pass-device: where to write the minutes (.docx or .pdf; default: a .docx in the current folder)"),
    N_("FILE") },
  { NULL }
};

static int
add_services (CdStore     *store,
              const char **names)
{
  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autoptr(CdService) same = cd_store_find_service_by_name (store, names[i]);
      g_autoptr(CdService) s = NULL;
      g_autoptr(GError) error = NULL;

      if (same != NULL)
        {
          g_autofree char *msg = g_strdup_printf (_("The service “%s” is already in the register."), same->name);

          g_print ("%s\n", msg);
          continue;
        }
      s = cd_service_new ();
      s->name = g_strdup (names[i]);
      if (!cd_store_save_service (store, s, &error))
        {
          cd_cli_printerr ("%s", error->message);
          return 1;
        }
      {
        g_autofree char *msg = g_strdup_printf (_("The service “%s” was added. Its certificate can now be given to it."),
                                                s->name);

        g_print ("%s\n", msg);
      }
    }
  return 0;
}

static int
list_services (CdStore  *store,
               gboolean  json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) services = cd_store_list_services (store, &error);
  g_autoptr(JsonBuilder) b = NULL;

  if (services == NULL)
    {
      cd_cli_printerr ("%s", error->message);
      return 1;
    }
  if (json)
    {
      b = json_builder_new ();
      json_builder_begin_array (b);
    }
  else if (services->len == 0)
    g_print ("%s\n", _("The unit has no services yet. Add one with --add-service=NAME."));
  for (guint i = 0; i < services->len; i++)
    {
      CdService *s = g_ptr_array_index (services, i);
      g_autoptr(GPtrArray) certs = cd_store_list_certificates_held (store, CD_CERT_HOLDER_SERVICE, s->id, &error);

      if (certs == NULL)
        {
          cd_cli_printerr ("%s", error->message);
          return 1;
        }
      if (json)
        {
          json_builder_begin_object (b);
          json_builder_set_member_name (b, "id");
          json_builder_add_int_value (b, s->id);
          cd_cli_json_string (b, "name", s->name);
          cd_cli_json_string (b, "note", s->note);
          json_builder_set_member_name (b, "certificates");
          json_builder_begin_array (b);
          for (guint j = 0; j < certs->len; j++)
            json_builder_add_string_value (b, ((CdCertificate *) g_ptr_array_index (certs, j))->serial);
          json_builder_end_array (b);
          json_builder_end_object (b);
          continue;
        }
      g_print ("%s", s->name);
      if (certs->len == 0)
        g_print (" · %s", _("no certificate"));
      for (guint j = 0; j < certs->len; j++)
        g_print (" · %s", ((CdCertificate *) g_ptr_array_index (certs, j))->serial);
      g_print ("\n");
    }
  if (json)
    {
      json_builder_end_array (b);
      cd_cli_json_print (b);
    }
  return 0;
}

static int
pass_device (GVariantDict *options,
             CdStore      *store,
             const char   *serial)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdDevice) device = cd_store_find_device_by_serial (store, serial);
  g_autoptr(CdStaff) to = NULL;
  g_autoptr(CdStaff) from = NULL;
  g_autoptr(CdHandoverEvent) ev = NULL;
  g_autoptr(CdMinutes) minutes = NULL;
  g_autofree char *date = NULL;
  g_autofree char *target = NULL;
  g_autofree char *shown = NULL;
  const char *cccd = NULL, *date_text = NULL, *service_name = NULL, *path = NULL;

  if (device == NULL)
    {
      cd_cli_printerr (_("No device of the register has the serial %s. See --list-devices."), serial);
      return 1;
    }
  if (!g_variant_dict_lookup (options, "to", "&s", &cccd) || cccd == NULL
      || (to = cd_store_find_staff_by_cccd (store, cccd)) == NULL)
    {
      cd_cli_printerr ("%s", _("--pass-device needs --to=CCCD, the CCCD number of the staff member who takes the device over."));
      return 2;
    }
  if (g_variant_dict_lookup (options, "date", "&s", &date_text) && date_text != NULL)
    {
      date = cd_text_parse_date (date_text);
      if (date == NULL)
        {
          cd_cli_printerr (_("--date “%s” is not a date. Write it as dd/mm/yyyy."), date_text);
          return 2;
        }
    }
  else
    date = cd_text_today_iso ();
  if (g_variant_dict_lookup (options, "service", "&s", &service_name) && service_name != NULL)
    {
      g_autoptr(CdService) service = cd_store_find_service_by_name (store, service_name);

      if (service == NULL)
        {
          cd_cli_printerr (_("The unit has no service named “%s”. Add it first with --add-service."), service_name);
          return 1;
        }
      if (!cd_service_device_assign (store, device->id, service->id, &error))
        {
          cd_cli_printerr ("%s", error->message);
          return 1;
        }
    }
  if (device->holder_id != 0)
    from = cd_store_get_staff (store, device->holder_id, NULL);

  ev = cd_service_device_pass (store, device->id, to->id, date, &error);
  if (ev == NULL)
    {
      cd_cli_printerr ("%s", error->message);
      return 1;
    }
  shown = cd_text_date_display (date);
  {
    g_autofree char *msg = from != NULL
      ? g_strdup_printf (_("Device %s handed from %s to %s on %s."), device->token_serial, from->full_name,
                         to->full_name, shown)
      : g_strdup_printf (_("Device %s handed to %s on %s."), device->token_serial, to->full_name, shown);

    g_print ("%s\n", msg);
  }

  /* The minutes, as the window makes them (Mẫu 07). */
  if (g_variant_dict_lookup (options, "minutes", "^&ay", &path) && path != NULL && *path != '\0')
    target = g_strdup (path);
  else
    target = g_strdup_printf ("%s %s %s.docx", cd_minutes_subject (ev->kind), device->token_serial, date);
  minutes = cd_minutes_new (store, ev, NULL, 0, &error);
  if (minutes == NULL
      || !(g_str_has_suffix (target, ".pdf") || g_str_has_suffix (target, ".PDF")
           ? cd_minutes_export_pdf (minutes, target, FALSE, &error)
           : cd_minutes_save_docx (minutes, NULL, target, FALSE, &error)))
    {
      /* Translators: %s: why the minutes could not be written */
      cd_cli_printerr (_("The handover is recorded, but the minutes could not be written: %s"), error->message);
      return 1;
    }
  {
    g_autofree char *msg = g_strdup_printf (_("Minutes written to %s"), target);

    g_print ("%s\n", msg);
  }
  return 0;
}

int
cd_cli_services_run (GVariantDict *options,
                     CdCliEnv     *env)
{
  const char *serial = NULL;

  g_autoptr(GError) error = NULL;
  g_autofree const char **names = NULL;
  gboolean list = g_variant_dict_contains (options, "list-services");
  CdStore *store;
  int rc = 0;

  g_variant_dict_lookup (options, "add-service", "^a&s", &names);
  g_variant_dict_lookup (options, "pass-device", "&s", &serial);
  if (names == NULL && !list && serial == NULL)
    return -1;
  store = cd_cli_env_get_store (env, &error);
  if (store == NULL)
    {
      cd_cli_printerr ("%s", error->message);
      return 1;
    }
  if (serial != NULL)
    return pass_device (options, store, serial);
  if (names != NULL)
    rc = add_services (store, names);
  if (rc == 0 && list)
    rc = list_services (store, env->json);
  return rc;
}
