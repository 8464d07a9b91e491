/* cd-cli-certificates.c — headless actions on the register's certificates
 *
 *   --list-certificates [--json]  every certificate with its holder, what
 *                                 it is for and who issued it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "cd-cert-pick.h"
#include "cd-cli-areas.h"
#include "cd-settings.h"

const GOptionEntry cd_cli_certificates_entries[] = {
  { "list-certificates", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("List the register's certificates with their holder, purpose, track and status, then exit"), NULL },
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
  g_autoptr(GHashTable) tokens = g_hash_table_new (g_int64_hash, g_int64_equal);
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
  for (guint i = 0; i < certs->len; i++)
    {
      CdCertificate *c = g_ptr_array_index (certs, i);
      gint64 *key;
      g_autoptr(CdStaff) staff = NULL;

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
      const char *holder = c->staff_id != 0 ? g_hash_table_lookup (names, &c->staff_id) : NULL;
      /* The register does not record which token holds a certificate:
       * the holder's token is the Ban Cơ yếu's, so only a chuyên dùng
       * certificate is said to be on it. */
      const char *device = c->staff_id != 0 && c->track == CD_CERT_TRACK_GOVERNMENT
                           ? g_hash_table_lookup (tokens, &c->staff_id) : NULL;
      g_autofree char *nb = NULL, *na = NULL;

      if (!env->json)
        {
          na = format_date (c->not_after);
          /* Translators: serial · holder · purpose · track · provider ·
           * "until" date · status · token */
          g_print (_("%s · %s · %s · %s · %s · until %s · %s · token: %s\n"),
                   c->serial, holder != NULL ? holder : _("(not linked)"),
                   cd_cert_purpose_label (c->purpose), cd_cert_track_label (c->track),
                   c->provider != NULL ? c->provider : "—", na,
                   cd_cert_status_label (status), device != NULL ? device : "—");
          continue;
        }
      nb = cd_cli_iso_utc (c->not_before);
      na = cd_cli_iso_utc (c->not_after);
      json_builder_begin_object (b);
      cd_cli_json_string (b, "serial", c->serial);
      /* "unit" and "service" holders come with the unit's own
       * certificates; today a certificate belongs to a person or nobody. */
      cd_cli_json_string (b, "holder_kind", c->staff_id != 0 ? "person" : "none");
      cd_cli_json_string (b, "holder", holder);
      cd_cli_json_string (b, "purpose", cd_cert_purpose_to_string (c->purpose));
      cd_cli_json_string (b, "track", cd_cert_track_to_string (c->track));
      cd_cli_json_string (b, "provider", c->provider);
      cd_cli_json_string (b, "not_before", nb);
      cd_cli_json_string (b, "not_after", na);
      cd_cli_json_string (b, "status", cd_cert_status_id (status));
      cd_cli_json_string (b, "device", device);
      json_builder_end_object (b);
    }
  if (env->json)
    {
      json_builder_end_array (b);
      cd_cli_json_print (b);
    }
  return 0;
}

int
cd_cli_certificates_run (GVariantDict *options,
                         CdCliEnv     *env)
{
  if (g_variant_dict_contains (options, "list-certificates"))
    return list_certificates (env);
  return -1;
}
