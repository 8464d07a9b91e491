/* cd-cli-devices.c — headless actions of the devices area
 *
 *   --list-devices [--json]      the devices, their holders and tasks
 *   --handover-notice=FILE       the notice of handovers over a period
 *   --add-device=SERIAL --device-type=TOKEN|SIM|HSM|SOFT|RSSP
 *     [--carrier=NAME --phone=0… [--ported]]
 *     [--holder-cccd=CCCD [--handed-on=DATE]]
 *                                a device received, or one a staff
 *                                member already holds (handed over on
 *                                DATE, else on a day not known)
 *   --link-device=SERIAL --certificate=CERT_SERIAL|none
 *                                which certificate is on a device, when
 *                                its token cannot be read
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "cd-fileutil.h"
#include "cd-cli-areas.h"
#include "cd-device-kind.h"
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
    N_("With --handover-notice: last day of the period (dd/mm/yyyy; default: today). With --pass-device: the CCCD of the duty officer who takes the device"),
    N_("DATE|CCCD") },
  { "add-device", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Add a device the unit received (its serial), with --device-type; --holder-cccd records the staff member who already holds it; then exit"),
    N_("SERIAL") },
  { "handed-on", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("With --add-device and --holder-cccd: the day the holder received the device (dd/mm/yyyy); without it the day is not known and no handover notice lists the device"),
    N_("DATE") },
  { "device-type", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("With --add-device: TOKEN (default), SIM, HSM, SOFT (software) or RSSP (remote signing)"),
    N_("TYPE") },
  { "carrier", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("With --add-device for a SIM: the carrier (Viettel, VinaPhone, MobiFone…)"), N_("NAME") },
  { "phone", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("With --add-device for a SIM: its phone number (0…)"), N_("NUMBER") },
  { "ported", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("With --add-device for a SIM: the number was ported from another carrier (chuyển mạng giữ số)"), NULL },
  { "link-device", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Say which certificate is on the device SERIAL (with --certificate), when its token cannot be read; then exit"),
    N_("SERIAL") },
  { "certificate", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("With --link-device: the serial of one of the holder’s certificates, or “none” for a blank device"),
    N_("CERT_SERIAL") },
  { NULL }
};

static int
list_devices (CdCliEnv *env)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdDeviceOverview) o = NULL;
  GPtrArray *devices, *tasks;
  CdStore *store;
  guint overdue;

  store = cd_cli_env_get_store (env, &error);
  /* Certificates revoked or expired since the last look start the clock. */
  if (store != NULL)
    o = cd_devices_overview (store, g_get_real_time () / G_USEC_PER_SEC, &error);
  if (o == NULL)
    {
      cd_cli_printerr ("%s", error->message);
      return 1;
    }
  devices = o->devices;
  tasks = o->tasks;
  overdue = o->n_overdue;

  if (env->json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "devices");
      json_builder_begin_array (b);
      for (guint i = 0; i < devices->len; i++)
        {
          const CdDeviceEntry *e = g_ptr_array_index (devices, i);
          const CdDevice *d = e->device;
          CdDeviceStatus status = CD_DEVICE_IN_STOCK;

          cd_device_status_from_id (d->status, &status);
          json_builder_begin_object (b);
          json_builder_set_member_name (b, "id");
          json_builder_add_int_value (b, d->id);
          cd_cli_json_string (b, "serial", d->token_serial);
          cd_cli_json_string (b, "type", d->type);
          cd_cli_json_string (b, "carrier", d->carrier);
          cd_cli_json_string (b, "phone", d->phone);
          json_builder_set_member_name (b, "ported");
          json_builder_add_boolean_value (b, d->ported);
          cd_cli_json_string (b, "model", d->model);
          cd_cli_json_string (b, "status", cd_device_status_to_id (status));
          cd_cli_json_string (b, "status_label", cd_device_status_label (status));
          cd_cli_json_string (b, "holder", e->holder_name);
          cd_cli_json_string (b, "certificate_serial", e->cert_serial);
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
      const CdDeviceEntry *e = g_ptr_array_index (devices, i);
      const CdDevice *d = e->device;
      CdDeviceStatus status = CD_DEVICE_IN_STOCK;

      cd_device_status_from_id (d->status, &status);
      /* Translators: serial · type · status · holder */
      g_print (_("%s · %s · %s · holder: %s\n"), d->token_serial, d->type ? d->type : "TOKEN",
               cd_device_status_label (status), e->holder_name ? e->holder_name : "—");
      if (d->carrier != NULL || d->phone != NULL)
        /* Translators: a SIM's carrier and phone number */
        g_print (_("    SIM: %s %s\n"), d->carrier ? d->carrier : "", d->phone ? d->phone : "");
      if (e->cert_serial != NULL)
        g_print (_("    certificate on it: %s\n"), e->cert_serial);
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
  g_autofree char *path = NULL;
  g_autofree char *stage = NULL;
  gboolean ok = FALSE;
  CdStore *store;

  g_variant_dict_lookup (options, "handover-notice", "^&ay", &target);
  if (from == NULL || to == NULL || target == NULL || *target == '\0')
    return 2;
  store = cd_cli_env_get_store (env, &error);
  if (store != NULL)
    notice = cd_handover_notice_new (store, from, to, today, &error);
  if (notice != NULL)
    {
      path = g_canonicalize_filename (target, NULL);
      stage = cd_store_document_prepare (store, path, env->force, TRUE, &error);
    }
  if (stage == NULL)
    {
      cd_cli_printerr ("%s", error->message);
      return 1;
    }
  if (!cd_handover_notice_export_pdf (notice, stage, TRUE, &error))
    cd_store_document_abort (stage, path, &error);
  else if (cd_store_document_commit (store, stage, path, env->force, TRUE, "thong-bao-ban-giao",
                                     "built-in", NULL, NULL, NULL, NULL, &error))
    ok = TRUE;
  if (!ok)
    {
      cd_cli_printerr ("%s", error->message);
      return 1;
    }
  /* Translators: %u devices, %s the file */
  g_print (_("%u handovers notified in %s\n"), cd_handover_notice_count (notice), target);
  return 0;
}

static int
add_device (GVariantDict *options,
            CdCliEnv     *env)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdDevice) d = cd_device_new ();
  g_autoptr(CdStaff) staff = NULL;
  const char *cccd = NULL, *handed_text = NULL;
  g_autofree char *handed_on = NULL;
  g_autofree char *handed_shown = NULL;
  CdStore *store;

  g_variant_dict_lookup (options, "add-device", "s", &d->token_serial);
  g_variant_dict_lookup (options, "device-type", "s", &d->type);
  g_variant_dict_lookup (options, "carrier", "s", &d->carrier);
  g_variant_dict_lookup (options, "phone", "s", &d->phone);
  d->ported = g_variant_dict_contains (options, "ported");
  g_variant_dict_lookup (options, "holder-cccd", "&s", &cccd);
  g_variant_dict_lookup (options, "handed-on", "&s", &handed_text);
  /* Checked before the register is opened: a typo costs nothing. */
  if (!cd_device_kind_check (d, &error))
    {
      cd_cli_printerr ("%s", error->message);
      return 2;
    }
  if (handed_text != NULL && cccd == NULL)
    {
      cd_cli_printerr ("%s", _("--handed-on is the day a holder received the device: give the holder with --holder-cccd too."));
      return 2;
    }
  if (handed_text != NULL)
    {
      handed_on = cd_text_parse_date (handed_text);
      if (handed_on == NULL)
        {
          /* Translators: %s is an option name, then what was given */
          cd_cli_printerr (_("--%s: “%s” is not a date. Write it as dd/mm/yyyy."), "handed-on", handed_text);
          return 2;
        }
      if (!cd_devices_check_handed_on (handed_on, &error))
        {
          cd_cli_printerr ("%s", error->message);
          return 2;
        }
    }
  store = cd_cli_env_get_store (env, &error);
  if (store == NULL)
    {
      cd_cli_printerr ("%s", error->message);
      return 1;
    }
  if (cccd != NULL)
    {
      staff = cd_store_find_staff_by_cccd (store, cccd);
      if (staff == NULL)
        {
          cd_cli_printerr (_("No staff member has the CCCD %s. Check the number or import the staff list first."),
                           cccd);
          return 1;
        }
    }
  if (!cd_devices_add (store, d, staff != NULL ? staff->id : 0, handed_on, &error))
    {
      cd_cli_printerr ("%s", error->message);
      return 1;
    }
  if (env->json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "id");
      json_builder_add_int_value (b, d->id);
      cd_cli_json_string (b, "serial", d->token_serial);
      cd_cli_json_string (b, "type", d->type);
      cd_cli_json_string (b, "carrier", d->carrier);
      cd_cli_json_string (b, "phone", d->phone);
      json_builder_set_member_name (b, "ported");
      json_builder_add_boolean_value (b, d->ported);
      cd_cli_json_string (b, "holder", staff != NULL ? staff->full_name : NULL);
      /* ISO; null with a holder: handed over on a day not known */
      cd_cli_json_string (b, "handed_on", handed_on);
      json_builder_end_object (b);
      cd_cli_json_print (b);
      return 0;
    }
  /* Translators: serial · device type · holder */
  g_print (_("Device %s (%s) added · holder: %s\n"), d->token_serial, cd_device_type_label (d->type),
           staff != NULL ? staff->full_name : "—");
  handed_shown = cd_text_date_display (handed_on);
  if (staff != NULL && handed_shown != NULL)
    /* Translators: the day the holder received the device */
    g_print (_("    handed over on %s\n"), handed_shown);
  else if (staff != NULL)
    g_print ("    %s\n", _("held since before it was registered: the handover date is not known, "
                            "so no handover notice lists it (give --handed-on=dd/mm/yyyy if you know it)"));
  return 0;
}

static int
link_device (GVariantDict *options,
             CdCliEnv     *env)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdDevice) device = NULL;
  g_autoptr(GPtrArray) candidates = NULL;
  const char *serial = NULL, *cert_serial = NULL;
  const CdCertificate *chosen = NULL;
  gboolean none;
  CdStore *store;

  g_variant_dict_lookup (options, "link-device", "&s", &serial);
  g_variant_dict_lookup (options, "certificate", "&s", &cert_serial);
  if (serial == NULL || cert_serial == NULL || *cert_serial == '\0')
    {
      cd_cli_printerr ("%s", _("--link-device needs --certificate=CERT_SERIAL, or --certificate=none for a blank device."));
      return 2;
    }
  none = g_ascii_strcasecmp (cert_serial, "none") == 0;
  store = cd_cli_env_get_store (env, &error);
  if (store == NULL)
    {
      cd_cli_printerr ("%s", error->message);
      return 1;
    }
  device = cd_store_find_device_by_serial (store, serial);
  if (device == NULL)
    {
      cd_cli_printerr (_("No device has the serial %s. Check the serial printed on it, or add it with --add-device."),
                       serial);
      return 1;
    }
  candidates = cd_devices_link_candidates (store, device->id, &error);
  if (candidates == NULL)
    {
      cd_cli_printerr ("%s", error->message);
      return 1;
    }
  /* Serials are hex: compared whatever their case or spacing. */
  for (guint i = 0; !none && i < candidates->len; i++)
    {
      const CdCertificate *c = g_ptr_array_index (candidates, i);
      g_autofree char *a = cd_text_clean (c->serial), *b = cd_text_clean (cert_serial);

      if (a != NULL && b != NULL && g_ascii_strcasecmp (a, b) == 0)
        chosen = c;
    }
  if (!none && chosen == NULL)
    {
      cd_cli_printerr (_("The holder of device %s has no certificate with the serial %s. "
                         "See their certificates with --list-certificates."),
                       device->token_serial, cert_serial);
      return 1;
    }
  if (!cd_devices_link_certificate (store, device->id, chosen != NULL ? chosen->id : 0, &error))
    {
      cd_cli_printerr ("%s", error->message);
      return 1;
    }
  if (env->json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      cd_cli_json_string (b, "serial", device->token_serial);
      cd_cli_json_string (b, "certificate_serial", chosen != NULL ? chosen->serial : NULL);
      json_builder_end_object (b);
      cd_cli_json_print (b);
      return 0;
    }
  if (chosen != NULL)
    /* Translators: device serial, certificate serial */
    g_print (_("Device %s now carries the certificate %s\n"), device->token_serial, chosen->serial);
  else
    g_print (_("Device %s now carries no certificate\n"), device->token_serial);
  return 0;
}

int
cd_cli_devices_run (GVariantDict *options,
                    CdCliEnv     *env)
{
  if (g_variant_dict_contains (options, "add-device"))
    return add_device (options, env);
  if (g_variant_dict_contains (options, "link-device"))
    return link_device (options, env);
  if (g_variant_dict_contains (options, "list-devices"))
    return list_devices (env);
  if (g_variant_dict_contains (options, "handover-notice"))
    return handover_notice (options, env);
  return -1;
}
