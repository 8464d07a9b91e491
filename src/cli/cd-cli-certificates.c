/* cd-cli-certificates.c — headless actions on the register's certificates
 *
 *   --list-certificates [--json]  every certificate with its holder, what
 *                                 it is for and who issued it
 *   --set-holder=SERIAL --holder=unit|service:NAME|person:CCCD|none
 *                                 corrects who holds a certificate
 *   --add-certificate=SERIAL --not-before=DATE --not-after=DATE
 *     --provider=NAME [--purpose=signing|encryption]
 *     [--track=government|public] [--holder-cccd=CCCD] [--device=SERIAL]
 *                                 a certificate typed in by hand
 *   --list-cas [--json]           the certificate authorities seen, trusted
 *                                 or not, with their SHA-256 fingerprints
 *   --trust-ca=FINGERPRINT        accept an authority (its CRLs are applied)
 *   --distrust-ca=FINGERPRINT     withdraw that acceptance
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "cd-cert-manual.h"
#include "cd-cert-pick.h"
#include "cd-cli-areas.h"
#include "cd-settings.h"
#include "cd-store-trust.h"
#include "cd-trust.h"

const GOptionEntry cd_cli_certificates_entries[] = {
  { "list-certificates", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("List the register's certificates with their holder, purpose, track and status, then exit"), NULL },
  { "set-holder", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Change who holds the certificate with this serial (with --holder), then exit"), N_("SERIAL") },
  { "holder", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("With --set-holder: unit (the unit's seal), service:NAME, person:CCCD or none"), N_("HOLDER") },
  { "add-certificate", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Type in a certificate by hand (its serial number), with --not-before, --not-after and --provider, then exit"),
    N_("SERIAL") },
  { "not-before", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("With --add-certificate: first day of validity (dd/mm/yyyy)"), N_("DATE") },
  { "not-after", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("With --add-certificate: last day of validity (dd/mm/yyyy)"), N_("DATE") },
  { "provider", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("With --add-certificate: who issued it (“Ban Cơ yếu Chính phủ”, “VNPT”…)"), N_("NAME") },
  { "purpose", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("With --add-certificate: signing (default) or encryption"), N_("PURPOSE") },
  { "track", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("With --add-certificate: government or public (default: from the provider)"), N_("TRACK") },
  { "holder-cccd", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("With --add-certificate or --add-device: the CCCD of the staff member who holds it"), N_("CCCD") },
  { "device", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("With --add-certificate: the serial of the device (token, SIM…) it lives on"), N_("SERIAL") },
  { "list-cas", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("List the certificate authorities seen in imported files, trusted or not, with their SHA-256 fingerprints, then exit"),
    NULL },
  { "trust-ca", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Trust the certificate authority with this SHA-256 fingerprint (its revocation lists are then applied), then exit"),
    N_("FINGERPRINT") },
  { "distrust-ca", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Stop trusting the certificate authority with this SHA-256 fingerprint, then exit"),
    N_("FINGERPRINT") },
  { NULL }
};

static char *
format_date (gint64 unix_seconds)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_local (unix_seconds);
  return dt != NULL ? g_date_time_format (dt, "%d/%m/%Y") : g_strdup ("");
}

static int
list_certificates (CdCliEnv *env)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) certs = NULL;
  g_autoptr(GPtrArray) devices = NULL;
  g_autoptr(GHashTable) names = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  g_autoptr(GHashTable) services = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  g_autoptr(GHashTable) tokens = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(CdUnit) unit = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  int threshold = cd_settings_expiry_threshold_days (NULL);
  g_autoptr(JsonBuilder) b = NULL;
  CdStore *store;

  store = cd_cli_env_get_store (env, &error);
  if (store != NULL)
    certs = cd_store_list_certificates (store, &error);
  if (certs != NULL)
    devices = cd_store_list_devices (store, &error);
  if (devices == NULL)
    {
      cd_cli_printerr ("%s", error->message);
      return 1;
    }
  unit = cd_store_get_unit (store);
  for (guint i = 0; i < certs->len; i++)
    {
      CdCertificate *c = g_ptr_array_index (certs, i);
      gint64 *key;
      g_autoptr(CdStaff) staff = NULL;

      if (c->holder_kind == CD_CERT_HOLDER_SERVICE && !g_hash_table_contains (services, &c->service_id))
        {
          g_autoptr(CdService) service = cd_store_get_service (store, c->service_id, NULL);

          key = g_new (gint64, 1);
          *key = c->service_id;
          g_hash_table_insert (services, key, g_strdup (service != NULL ? service->name : NULL));
        }
      if (c->staff_id == 0 || g_hash_table_contains (names, &c->staff_id))
        continue;
      staff = cd_store_get_staff (store, c->staff_id, NULL);
      key = g_new (gint64, 1);
      *key = c->staff_id;
      g_hash_table_insert (names, key, g_strdup (staff != NULL ? staff->full_name : NULL));
    }
  for (guint i = 0; i < devices->len; i++)
    {
      CdDevice *d = g_ptr_array_index (devices, i);
      g_hash_table_insert (by_id, &d->id, d->token_serial);
      if (d->holder_id != 0)
        g_hash_table_insert (tokens, &d->holder_id, d->token_serial);
    }

  if (env->json)
    {
      b = json_builder_new ();
      json_builder_begin_array (b);
    }
  else if (certs->len == 0)
    g_print ("%s\n", _("No certificates in the register."));

  for (guint i = 0; i < certs->len; i++)
    {
      CdCertificate *c = g_ptr_array_index (certs, i);
      CdCertStatus status = cd_certificate_status (c, now, threshold);
      const char *holder = NULL;
      /* The device it was read from or typed in with; else, for a
       * certificate from before schema 5, the holder's token, which is
       * the Ban Cơ yếu's: only a chuyên dùng certificate is said to be
       * on it. */
      const char *device = c->device_id != 0 ? g_hash_table_lookup (by_id, &c->device_id)
                           : c->staff_id != 0 && c->track == CD_CERT_TRACK_GOVERNMENT
                           ? g_hash_table_lookup (tokens, &c->staff_id) : NULL;
      g_autofree char *nb = NULL, *na = NULL;
      g_autofree char *shown = NULL;

      switch (c->holder_kind)
        {
        case CD_CERT_HOLDER_PERSON:
          holder = g_hash_table_lookup (names, &c->staff_id);
          break;
        case CD_CERT_HOLDER_UNIT:
          holder = unit->name;
          break;
        case CD_CERT_HOLDER_SERVICE:
          holder = g_hash_table_lookup (services, &c->service_id);
          break;
        case CD_CERT_HOLDER_NONE:
        default:
          break;
        }
      if (!env->json)
        {
          na = format_date (c->not_after);
          /* Translators: the holder of a certificate that is the unit's seal */
          if (c->holder_kind == CD_CERT_HOLDER_UNIT)
            shown = g_strdup_printf (_("%s (the unit's seal)"), holder ? holder : "");
          /* Translators: the holder of a certificate that is a service's */
          else if (c->holder_kind == CD_CERT_HOLDER_SERVICE)
            shown = g_strdup_printf (_("%s (service)"), holder ? holder : "");
          /* Translators: serial · holder · purpose · track · provider ·
           * "until" date · status · token */
          g_print (_("%s · %s · %s · %s · %s · until %s · %s · token: %s\n"),
                   c->serial, shown != NULL ? shown : holder != NULL ? holder : _("(not linked)"),
                   cd_cert_purpose_label (c->purpose), cd_cert_track_label (c->track),
                   c->provider != NULL ? c->provider : "—", na,
                   cd_cert_status_label (status), device != NULL ? device : "—");
          continue;
        }
      nb = cd_cli_iso_utc (c->not_before);
      na = cd_cli_iso_utc (c->not_after);
      json_builder_begin_object (b);
      cd_cli_json_string (b, "serial", c->serial);
      cd_cli_json_string (b, "holder_kind", cd_cert_holder_kind_id (c->holder_kind));
      cd_cli_json_string (b, "holder", holder);
      cd_cli_json_string (b, "purpose", cd_cert_purpose_to_string (c->purpose));
      cd_cli_json_string (b, "track", cd_cert_track_to_string (c->track));
      cd_cli_json_string (b, "provider", c->provider);
      cd_cli_json_string (b, "not_before", nb);
      cd_cli_json_string (b, "not_after", na);
      cd_cli_json_string (b, "status", cd_cert_status_id (status));
      cd_cli_json_string (b, "device", device);
      json_builder_set_member_name (b, "typed_in");
      json_builder_add_boolean_value (b, cd_certificate_is_typed_in (c));
      json_builder_end_object (b);
    }
  if (env->json)
    {
      json_builder_end_array (b);
      cd_cli_json_print (b);
    }
  return 0;
}

/* The register's certificate with @serial (hex, any case, colons and
 * spaces allowed); NULL with a message when none or several have it. */
static CdCertificate *
find_by_serial (CdStore    *store,
                const char *serial)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) certs = cd_store_list_certificates (store, &error);
  g_autoptr(GString) want = g_string_new (NULL);
  CdCertificate *found = NULL;
  guint n = 0;

  if (certs == NULL)
    {
      cd_cli_printerr ("%s", error->message);
      return NULL;
    }
  for (const char *p = serial; *p != '\0'; p++)
    if (g_ascii_isxdigit (*p))
      g_string_append_c (want, g_ascii_toupper (*p));
  for (guint i = 0; i < certs->len; i++)
    {
      CdCertificate *c = g_ptr_array_index (certs, i);

      if (c->serial != NULL && g_ascii_strcasecmp (c->serial, want->str) == 0)
        {
          found = c;
          n++;
        }
    }
  if (n == 0)
    cd_cli_printerr (_("No certificate of the register has the serial %s. See --list-certificates."), serial);
  else if (n > 1)
    cd_cli_printerr (_("Several certificates of the register have the serial %s; change the holder in the window."),
                     serial);
  if (n != 1)
    return NULL;
  return cd_certificate_copy (found);
}

static int
set_holder (GVariantDict *options,
            const char   *serial,
            CdCliEnv     *env)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdCertificate) cert = NULL;
  g_autofree char *message = NULL;
  const char *holder = NULL;
  CdCertHolderKind kind;
  gint64 id = 0;
  CdStore *store;

  if (!g_variant_dict_lookup (options, "holder", "&s", &holder) || holder == NULL)
    {
      cd_cli_printerr ("%s", _("--set-holder needs --holder=unit, --holder=service:NAME, --holder=person:CCCD "
                               "or --holder=none."));
      return 2;
    }
  store = cd_cli_env_get_store (env, &error);
  if (store == NULL)
    {
      cd_cli_printerr ("%s", error->message);
      return 1;
    }
  cert = find_by_serial (store, serial);
  if (cert == NULL)
    return 1;

  if (g_str_equal (holder, "unit"))
    {
      g_autoptr(CdUnit) unit = cd_store_get_unit (store);

      kind = CD_CERT_HOLDER_UNIT;
      message = g_strdup_printf (_("Certificate %s is now the seal of the unit %s."), cert->serial,
                                 unit->name ? unit->name : "");
    }
  else if (g_str_has_prefix (holder, "service:"))
    {
      g_autoptr(CdService) service = cd_store_find_service_by_name (store, holder + strlen ("service:"));

      if (service == NULL)
        {
          cd_cli_printerr (_("The unit has no service named “%s”. Add it first with --add-service."),
                           holder + strlen ("service:"));
          return 1;
        }
      kind = CD_CERT_HOLDER_SERVICE;
      id = service->id;
      message = g_strdup_printf (_("Certificate %s now belongs to the service %s."), cert->serial, service->name);
    }
  else if (g_str_has_prefix (holder, "person:"))
    {
      g_autoptr(CdStaff) staff = cd_store_find_staff_by_cccd (store, holder + strlen ("person:"));

      if (staff == NULL)
        {
          cd_cli_printerr (_("No staff member has the CCCD number %s."), holder + strlen ("person:"));
          return 1;
        }
      kind = CD_CERT_HOLDER_PERSON;
      id = staff->id;
      message = g_strdup_printf (_("Certificate %s now belongs to %s."), cert->serial, staff->full_name);
    }
  else if (g_str_equal (holder, "none"))
    {
      kind = CD_CERT_HOLDER_NONE;
      message = g_strdup_printf (_("Certificate %s now has no holder."), cert->serial);
    }
  else
    {
      cd_cli_printerr (_("--holder “%s” is not understood. Write unit, service:NAME, person:CCCD or none."), holder);
      return 2;
    }
  if (!cd_store_set_certificate_holder (store, cert->id, kind, id, &error))
    {
      cd_cli_printerr ("%s", error->message);
      return 1;
    }
  g_print ("%s\n", message);
  return 0;
}

/* ---- --add-certificate ----------------------------------------------- */

static const char *
lookup_string (GVariantDict *options,
               const char   *name)
{
  const char *value = NULL;

  g_variant_dict_lookup (options, name, "&s", &value);
  return value;
}

static int
add_certificate (GVariantDict *options,
                 CdCliEnv     *env)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdCertificate) cert = NULL;
  g_autoptr(CdStaff) staff = NULL;
  g_autoptr(CdDevice) device = NULL;
  CdCertManualInput in = { 0 };
  const char *purpose = lookup_string (options, "purpose");
  const char *track = lookup_string (options, "track");
  const char *cccd = lookup_string (options, "holder-cccd");
  const char *device_serial = lookup_string (options, "device");
  g_autofree char *nb = NULL, *na = NULL;
  CdStore *store;

  in.serial = lookup_string (options, "add-certificate");
  in.not_before = lookup_string (options, "not-before");
  in.not_after = lookup_string (options, "not-after");
  in.provider = lookup_string (options, "provider");
  if (purpose == NULL || g_ascii_strcasecmp (purpose, "signing") == 0)
    in.purpose = CD_CERT_PURPOSE_SIGNING;
  else if (g_ascii_strcasecmp (purpose, "encryption") == 0)
    in.purpose = CD_CERT_PURPOSE_ENCRYPTION;
  else
    {
      cd_cli_printerr (_("The purpose “%s” is not known. Write signing or encryption."), purpose);
      return 2;
    }
  if (track == NULL)
    in.track = CD_CERT_MANUAL_TRACK_AUTO;
  else if (g_ascii_strcasecmp (track, "government") == 0)
    in.track = CD_CERT_MANUAL_TRACK_GOVERNMENT;
  else if (g_ascii_strcasecmp (track, "public") == 0)
    in.track = CD_CERT_MANUAL_TRACK_PUBLIC;
  else
    {
      cd_cli_printerr (_("The track “%s” is not known. Write government or public."), track);
      return 2;
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
      in.staff_id = staff->id;
    }
  if (device_serial != NULL)
    {
      device = cd_store_find_device_by_serial (store, device_serial);
      if (device == NULL)
        {
          cd_cli_printerr (_("No device has the serial %s. Add it first with --add-device."), device_serial);
          return 1;
        }
      in.device_id = device->id;
    }
  cert = cd_cert_manual_add (store, &in, &error);
  if (cert == NULL)
    {
      cd_cli_printerr ("%s", error->message);
      return 1;
    }
  if (env->json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      nb = cd_cli_iso_utc (cert->not_before);
      na = cd_cli_iso_utc (cert->not_after);
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "id");
      json_builder_add_int_value (b, cert->id);
      cd_cli_json_string (b, "serial", cert->serial);
      cd_cli_json_string (b, "holder", staff != NULL ? staff->full_name : NULL);
      cd_cli_json_string (b, "purpose", cd_cert_purpose_to_string (cert->purpose));
      cd_cli_json_string (b, "track", cd_cert_track_to_string (cert->track));
      cd_cli_json_string (b, "provider", cert->provider);
      cd_cli_json_string (b, "not_before", nb);
      cd_cli_json_string (b, "not_after", na);
      cd_cli_json_string (b, "device", device != NULL ? device->token_serial : NULL);
      json_builder_set_member_name (b, "typed_in");
      json_builder_add_boolean_value (b, TRUE);
      json_builder_end_object (b);
      cd_cli_json_print (b);
      return 0;
    }
  na = format_date (cert->not_after);
  /* Translators: serial · track · until date */
  g_print (_("Certificate %s typed in (%s, until %s).\n"), cert->serial,
           cd_cert_track_label (cert->track), na);
  return 0;
}

/* ---- --list-cas / --trust-ca / --distrust-ca ------------------------- */

static int
list_cas (CdCliEnv *env)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) cas = NULL;
  CdStore *store = cd_cli_env_get_store (env, &error);

  if (store != NULL)
    cas = cd_store_list_cas (store, &error);
  if (cas == NULL)
    {
      cd_cli_printerr ("%s", error->message);
      return 1;
    }
  if (env->json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_array (b);
      for (guint i = 0; i < cas->len; i++)
        {
          const CdCaTrust *ca = g_ptr_array_index (cas, i);

          json_builder_begin_object (b);
          cd_cli_json_string (b, "subject", ca->subject_dn);
          cd_cli_json_string (b, "fingerprint_sha256", ca->fingerprint);
          json_builder_set_member_name (b, "trusted");
          json_builder_add_boolean_value (b, ca->trusted);
          cd_cli_json_string (b, "decided", ca->decided);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      cd_cli_json_print (b);
      return 0;
    }
  if (cas->len == 0)
    g_print ("%s\n", _("No certificate authority has been imported yet."));
  for (guint i = 0; i < cas->len; i++)
    {
      const CdCaTrust *ca = g_ptr_array_index (cas, i);
      g_autofree char *fp = cd_trust_format_fingerprint (ca->fingerprint);

      g_print ("%s\n  SHA-256: %s\n  %s\n", ca->subject_dn, fp,
               ca->trusted ? _("Trusted: its revocation lists are applied.")
                           : _("Not trusted: its revocation lists are not applied."));
    }
  return 0;
}

static int
set_ca_trust (const char *fingerprint,
              gboolean    trusted,
              CdCliEnv   *env)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdCaTrust) ca = NULL;
  g_autofree char *fp = NULL;
  CdStore *store = cd_cli_env_get_store (env, &error);

  if (store == NULL || (ca = cd_store_get_ca (store, fingerprint, &error)) == NULL
      || !cd_store_set_ca_trusted (store, ca->fingerprint, trusted, &error))
    {
      cd_cli_printerr ("%s", error->message);
      return 1;
    }
  fp = cd_trust_format_fingerprint (ca->fingerprint);
  if (trusted && !ca->trusted)
    {
      /* Accepted anyway (the clerk's explicit act), but a second key
       * under a trusted name is what a look-alike looks like. */
      g_autoptr(GPtrArray) cas = cd_store_list_cas (store, NULL);

      for (guint i = 0; cas != NULL && i < cas->len; i++)
        {
          const CdCaTrust *other = g_ptr_array_index (cas, i);

          if (other->trusted && g_strcmp0 (other->subject_dn, ca->subject_dn) == 0
              && g_strcmp0 (other->fingerprint, ca->fingerprint) != 0)
            {
              cd_cli_printerr ("%s", _("Warning: another authority with this name is already trusted with another "
                                 "key. Make sure this fingerprint is the one the provider publishes."));
              break;
            }
        }
    }
  if (trusted)
    g_print (_("Certificate authority “%s” (SHA-256 %s) is now trusted: its revocation lists will be applied.\n"),
             ca->subject_dn, fp);
  else
    g_print (_("Certificate authority “%s” (SHA-256 %s) is no longer trusted: its revocation lists will not be applied.\n"),
             ca->subject_dn, fp);
  return 0;
}

int
cd_cli_certificates_run (GVariantDict *options,
                         CdCliEnv     *env)
{
  const char *serial = NULL;

  if (g_variant_dict_lookup (options, "set-holder", "&s", &serial) && serial != NULL)
    return set_holder (options, serial, env);
  if (g_variant_dict_contains (options, "list-certificates"))
    return list_certificates (env);
  if (g_variant_dict_contains (options, "add-certificate"))
    return add_certificate (options, env);
  if (g_variant_dict_contains (options, "list-cas"))
    return list_cas (env);
  if (g_variant_dict_lookup (options, "trust-ca", "&s", &serial) && serial != NULL)
    return set_ca_trust (serial, TRUE, env);
  if (g_variant_dict_lookup (options, "distrust-ca", "&s", &serial) && serial != NULL)
    return set_ca_trust (serial, FALSE, env);
  return -1;
}
