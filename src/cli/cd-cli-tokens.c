/* cd-cli-tokens.c — headless actions of the tokens area
 *
 *   --list-tokens [--json]   tokens plugged in now, with their certificates
 *   --read-tokens [--json]   the same, into the register (as the window
 *                            does when a token is plugged in)
 *   --pkcs11-module=PATH     one more vendor module (repeatable)
 *   --import-certificate=FILE  store and link the certificates of a file
 *   --import-crl=FILE        mark the register's certificates a CRL revokes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "cd-cert-link.h"
#include "cd-cli-areas.h"
#include "cd-settings.h"
#include "cd-token-monitor.h"
#include "cd-token-notice.h"
#include "cd-token-register.h"
#include "cd-x509.h"

/* How long --list-tokens waits for every module to be polled once. */
#define SETTLE_TIMEOUT_MS 3000

const GOptionEntry cd_cli_tokens_entries[] = {
  { "list-tokens", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("List the USB tokens plugged in now with their certificates, then exit"), NULL },
  { "read-tokens", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Store the certificates of the tokens plugged in now and make each token its holder's device, then exit"),
    NULL },
  { "import-certificate", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Store the certificates of a .cer/.crt/.pem/.p7b file and link them to staff, then exit"),
    /* Translators: placeholder in --help for a file path */
    N_("FILE") },
  { "import-crl", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Mark the certificates a revocation list (.crl) revokes, then exit"),
    /* Translators: placeholder in --help for a file path */
    N_("FILE") },
  { "pkcs11-module", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, NULL,
    N_("Also read tokens through this vendor PKCS#11 library (may be repeated)"),
    /* Translators: placeholder in --help for a file path */
    N_("PATH") },
  { NULL }
};

/* ---- Output helpers --------------------------------------------------- */

static void
add_strv (JsonBuilder        *b,
          const char         *name,
          const char * const *values)
{
  json_builder_set_member_name (b, name);
  json_builder_begin_array (b);
  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    json_builder_add_string_value (b, values[i]);
  json_builder_end_array (b);
}

/* dd/mm/yyyy in the clerk's time zone, as every Vietnamese form writes it. */
static char *
format_date (gint64 unix_seconds)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_local (unix_seconds);
  return dt != NULL ? g_date_time_format (dt, "%d/%m/%Y") : g_strdup ("");
}

/* ---- --list-tokens ---------------------------------------------------- */

typedef struct {
  GMainLoop *loop;
  GPtrArray *errors;   /* "module\nmessage" */
  guint      timeout_id;
} ListState;

static void
settled_cb (CdTokenMonitor *monitor,
            ListState      *st)
{
  g_main_loop_quit (st->loop);
}

static void
module_error_cb (CdTokenMonitor *monitor,
                 const char     *module,
                 const char     *message,
                 ListState      *st)
{
  g_ptr_array_add (st->errors, g_strdup_printf ("%s\n%s", module, message));
}

static gboolean
timeout_cb (gpointer data)
{
  ListState *st = data;

  st->timeout_id = 0;
  g_main_loop_quit (st->loop);
  return G_SOURCE_REMOVE;
}

/* The staff member a certificate is linked to in the register, if the
 * register exists (listing tokens never creates it). */
static CdStaff *
linked_staff (CdStore             *store,
              const CdCertificate *c)
{
  g_autoptr(CdCertificate) stored = NULL;

  if (store == NULL || c->fingerprint == NULL)
    return NULL;
  stored = cd_store_find_certificate_by_fingerprint (store, c->fingerprint);
  if (stored == NULL || stored->staff_id == 0)
    return NULL;
  return cd_store_get_staff (store, stored->staff_id, NULL);
}

static void
certificate_json (JsonBuilder         *b,
                  const CdCertificate *c,
                  CdStore             *store,
                  gint64               now,
                  int                  threshold)
{
  g_autoptr(CdStaff) staff = linked_staff (store, c);
  CdCertStatus status = cd_certificate_status (c, now, threshold);
  g_autofree char *nb = format_date (c->not_before);
  g_autofree char *na = format_date (c->not_after);
  g_autofree char *nb_iso = cd_cli_iso_utc (c->not_before);
  g_autofree char *na_iso = cd_cli_iso_utc (c->not_after);

  json_builder_begin_object (b);
  cd_cli_json_string (b, "serial", c->serial);
  cd_cli_json_string (b, "holder", c->subject_cn);
  cd_cli_json_string (b, "email", c->email);
  cd_cli_json_string (b, "not_before", nb);
  cd_cli_json_string (b, "not_after", na);
  cd_cli_json_string (b, "not_before_utc", nb_iso);
  cd_cli_json_string (b, "not_after_utc", na_iso);
  json_builder_set_member_name (b, "days_left");
  json_builder_add_int_value (b, cd_certificate_days_left (c, now));
  cd_cli_json_string (b, "provider", c->provider);
  cd_cli_json_string (b, "status", cd_cert_status_id (status));
  cd_cli_json_string (b, "status_label", cd_cert_status_label (status));
  cd_cli_json_string (b, "subject_dn", c->subject_dn);
  add_strv (b, "subject", (const char * const *) c->subject_attrs);
  add_strv (b, "ou", (const char * const *) c->subject_ou);
  cd_cli_json_string (b, "o", c->subject_o);
  cd_cli_json_string (b, "l", c->subject_l);
  cd_cli_json_string (b, "st", c->subject_st);
  add_strv (b, "uid", (const char * const *) c->subject_uids);
  cd_cli_json_string (b, "cccd", c->uid_cccd);
  cd_cli_json_string (b, "mst", c->uid_mst);
  cd_cli_json_string (b, "passport", c->uid_passport);
  cd_cli_json_string (b, "issuer_cn", c->issuer_cn);
  cd_cli_json_string (b, "issuer_o", c->issuer_o);
  cd_cli_json_string (b, "issuer_dn", c->issuer_dn);
  cd_cli_json_string (b, "key_usage", cd_key_usage_to_string (c->key_usage));
  add_strv (b, "crl_urls", (const char * const *) c->crl_urls);
  add_strv (b, "ocsp_urls", (const char * const *) c->ocsp_urls);
  cd_cli_json_string (b, "fingerprint_sha256", c->fingerprint);
  json_builder_set_member_name (b, "revoked");
  json_builder_add_boolean_value (b, c->revoked);
  json_builder_set_member_name (b, "linked_staff");
  if (staff != NULL)
    {
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "id");
      json_builder_add_int_value (b, staff->id);
      cd_cli_json_string (b, "full_name", staff->full_name);
      json_builder_end_object (b);
    }
  else
    json_builder_add_null_value (b);
  json_builder_end_object (b);
}

static void
print_json (GPtrArray *tokens,
            GPtrArray *unreadable,
            GPtrArray *errors,
            CdStore   *store,
            gint64     now,
            int        threshold)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "tokens");
  json_builder_begin_array (b);
  for (guint i = 0; i < tokens->len; i++)
    {
      CdToken *t = g_ptr_array_index (tokens, i);

      json_builder_begin_object (b);
      cd_cli_json_string (b, "module", t->module_name);
      cd_cli_json_string (b, "module_path", t->module_path);
      cd_cli_json_string (b, "slot", t->slot_description);
      cd_cli_json_string (b, "label", t->label);
      cd_cli_json_string (b, "serial", t->serial);
      cd_cli_json_string (b, "manufacturer", t->manufacturer);
      cd_cli_json_string (b, "model", t->model);
      cd_cli_json_string (b, "pin_state", cd_token_pin_state_to_id (t->pin_state));
      json_builder_set_member_name (b, "certificates");
      json_builder_begin_array (b);
      for (guint j = 0; j < t->certificates->len; j++)
        certificate_json (b, g_ptr_array_index (t->certificates, j), store, now, threshold);
      json_builder_end_array (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "unreadable");
  json_builder_begin_array (b);
  for (guint i = 0; i < unreadable->len; i++)
    {
      CdUnreadableToken *u = g_ptr_array_index (unreadable, i);
      json_builder_begin_object (b);
      cd_cli_json_string (b, "reader", u->reader_name);
      json_builder_set_member_name (b, "card_present");
      json_builder_add_boolean_value (b, u->card_present);
      cd_cli_json_string (b, "atr", u->atr_hex);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "module_errors");
  json_builder_begin_array (b);
  for (guint i = 0; i < errors->len; i++)
    {
      g_auto(GStrv) parts = g_strsplit (g_ptr_array_index (errors, i), "\n", 2);
      json_builder_begin_object (b);
      cd_cli_json_string (b, "module", parts[0]);
      cd_cli_json_string (b, "message", parts[1]);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  cd_cli_json_print (b);
}

static void
print_text (GPtrArray *tokens,
            GPtrArray *unreadable,
            GPtrArray *errors,
            CdStore   *store,
            gint64     now,
            int        threshold)
{
  if (tokens->len == 0 && unreadable->len == 0)
    g_print ("%s\n", _("No token is plugged in."));

  for (guint i = 0; i < tokens->len; i++)
    {
      CdToken *t = g_ptr_array_index (tokens, i);

      g_print (_("Token “%s” (serial %s)\n"), t->label, t->serial);
      g_print ("  %s: %s\n", _("Driver"), t->module_name);
      g_print ("  %s: %s — %s\n", _("Device"), t->manufacturer, t->model);
      g_print ("  %s: %s\n", _("PIN state"), cd_token_pin_state_describe (t->pin_state));
      if (t->certificates->len == 0)
        g_print ("  %s\n", _("No certificate on this token."));
      for (guint j = 0; j < t->certificates->len; j++)
        {
          CdCertificate *c = g_ptr_array_index (t->certificates, j);
          /* The register knows a revocation; the token does not. */
          g_autoptr(CdCertificate) stored =
            store != NULL && c->fingerprint != NULL ? cd_store_find_certificate_by_fingerprint (store, c->fingerprint) : NULL;
          const CdCertificate *known = stored != NULL ? stored : c;
          CdCertStatus status = cd_certificate_status (known, now, threshold);
          g_autofree char *na = format_date (c->not_after);

          g_print ("  %s %s\n", _("Certificate"), c->serial);
          g_print ("    %s: %s\n", _("Holder"), c->subject_cn ? c->subject_cn : "");
          g_print ("    %s: %s\n", _("Email"), c->email ? c->email : "");
          /* The window's words (cd-token-notice): a revoked certificate
           * is not "N days left". */
          g_autofree char *state = cd_token_notice_certificate_state (known, now, threshold, NULL);

          g_print ("    %s: %s (%s)\n", _("Valid until"), na, state);
          g_print ("    %s: %s\n", _("Provider"), c->provider ? c->provider : "");
          g_print ("    %s: %s\n", _("Status"), cd_cert_status_label (status));
          {
            g_autoptr(CdStaff) staff = linked_staff (store, c);
            if (staff != NULL)
              g_print ("    %s: %s\n", _("Staff member"), staff->full_name);
          }
        }
    }
  for (guint i = 0; i < unreadable->len; i++)
    {
      CdUnreadableToken *u = g_ptr_array_index (unreadable, i);
      g_print (_("A token is plugged into “%s” but no installed driver can read it. "
                 "Install the driver from the token's provider.\n"), u->reader_name);
    }
  for (guint i = 0; i < errors->len; i++)
    {
      g_auto(GStrv) parts = g_strsplit (g_ptr_array_index (errors, i), "\n", 2);
      cd_cli_printerr ("%s", parts[1]);
    }
}

/* The tokens plugged in now (CdToken), read by a monitor over the
 * standard modules, the ones of the settings and those of
 * --pkcs11-module, once every module was polled (or after
 * SETTLE_TIMEOUT_MS). @unreadable: CdUnreadableToken; @errors gets
 * "module\nmessage" strings. */
GPtrArray *
cd_cli_tokens_read_plugged (GVariantDict  *options,
                            GPtrArray    **unreadable,
                            GPtrArray     *errors)
{
  g_autoptr(GSettings) settings = cd_settings_new ();
  g_autoptr(GPtrArray) extra = g_ptr_array_new_with_free_func (g_free);
  g_autofree char **cli_modules = NULL;
  g_autoptr(CdTokenMonitor) monitor = NULL;
  GPtrArray *tokens;
  ListState st = { 0 };

  if (settings != NULL)
    {
      g_auto(GStrv) paths = g_settings_get_strv (settings, "pkcs11-modules");
      for (guint i = 0; paths[i] != NULL; i++)
        g_ptr_array_add (extra, g_strdup (paths[i]));
    }
  if (g_variant_dict_lookup (options, "pkcs11-module", "^a&ay", &cli_modules))
    for (guint i = 0; cli_modules[i] != NULL; i++)
      g_ptr_array_add (extra, g_canonicalize_filename (cli_modules[i], NULL));
  g_ptr_array_add (extra, NULL);

  st.loop = g_main_loop_new (NULL, FALSE);
  st.errors = errors;
  monitor = cd_token_monitor_new ((const char * const *) extra->pdata);
  g_signal_connect (monitor, "settled", G_CALLBACK (settled_cb), &st);
  g_signal_connect (monitor, "module-error", G_CALLBACK (module_error_cb), &st);
  cd_token_monitor_start (monitor);
  st.timeout_id = g_timeout_add (SETTLE_TIMEOUT_MS, timeout_cb, &st);
  g_main_loop_run (st.loop);
  g_clear_handle_id (&st.timeout_id, g_source_remove);

  /* Events posted before "settled" have all been delivered: they were
   * queued first on this context. */
  tokens = cd_token_monitor_get_tokens (monitor);
  if (unreadable != NULL)
    *unreadable = cd_token_monitor_get_unreadable (monitor);
  if (!cd_token_monitor_is_settled (monitor))
    cd_cli_printerr ("%s", _("Some token drivers are still busy; the list may be incomplete."));
  cd_token_monitor_stop (monitor);
  g_main_loop_unref (st.loop);
  return tokens;
}

static int
list_tokens (GVariantDict *options,
             CdCliEnv     *env)
{
  g_autoptr(GPtrArray) tokens = NULL;
  g_autoptr(GPtrArray) unreadable = NULL;
  g_autoptr(GPtrArray) errors = g_ptr_array_new_with_free_func (g_free);
  CdStore *store = NULL;
  gint64 now;
  int threshold = cd_x509_threshold_days ();

  tokens = cd_cli_tokens_read_plugged (options, &unreadable, errors);
  if (g_file_test (env->database, G_FILE_TEST_IS_REGULAR))
    {
      g_autoptr(GError) error = NULL;
      store = cd_cli_env_get_store (env, &error);
      if (store == NULL)
        cd_cli_printerr ("%s", error->message);
    }
  now = g_get_real_time () / G_USEC_PER_SEC;
  if (env->json)
    print_json (tokens, unreadable, errors, store, now, threshold);
  else
    print_text (tokens, unreadable, errors, store, now, threshold);
  return 0;
}

/* ---- --read-tokens ---------------------------------------------------- */

/* What the window does when a token is plugged in, headless: every
 * certificate stored and linked, the token its holder's device. */
static int
read_tokens (GVariantDict *options,
             CdCliEnv     *env)
{
  g_autoptr(GPtrArray) errors = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) tokens = NULL;
  g_autoptr(JsonBuilder) b = NULL;
  g_autoptr(GError) error = NULL;
  CdStore *store = cd_cli_env_get_store (env, &error);
  int status = 0;

  if (store == NULL)
    {
      cd_cli_printerr ("%s", error->message);
      return 1;
    }
  tokens = cd_cli_tokens_read_plugged (options, NULL, errors);
  for (guint i = 0; i < errors->len; i++)
    {
      g_auto(GStrv) parts = g_strsplit (g_ptr_array_index (errors, i), "\n", 2);
      cd_cli_printerr ("%s", parts[1]);
    }
  if (env->json)
    {
      b = json_builder_new ();
      json_builder_begin_array (b);
    }
  else if (tokens->len == 0)
    g_print ("%s\n", _("No token is plugged in."));
  for (guint i = 0; i < tokens->len; i++)
    {
      const CdToken *t = g_ptr_array_index (tokens, i);
      g_autoptr(CdTokenRegistration) reg = cd_token_register (store, t);
      g_autoptr(CdStaff) holder = reg->holder_id ? cd_store_get_staff (store, reg->holder_id, NULL) : NULL;
      guint n = t->certificates ? t->certificates->len : 0;

      for (guint e = 0; e < reg->errors->len; e++)
        cd_cli_printerr ("%s", ((GError *) g_ptr_array_index (reg->errors, e))->message);
      if (reg->errors->len > 0)
        status = 1;
      if (b != NULL)
        {
          json_builder_begin_object (b);
          cd_cli_json_string (b, "serial", t->serial);
          cd_cli_json_string (b, "label", t->label);
          json_builder_set_member_name (b, "certificates");
          json_builder_add_int_value (b, n);
          cd_cli_json_string (b, "holder", holder ? holder->full_name : NULL);
          json_builder_set_member_name (b, "device_added");
          json_builder_add_boolean_value (b, reg->device_id != 0);
          json_builder_set_member_name (b, "serial_updated");
          json_builder_add_boolean_value (b, reg->serial_updated);
          json_builder_end_object (b);
          continue;
        }
      /* Translators: token serial · number of certificates · holder */
      g_print (g_dngettext (GETTEXT_PACKAGE, "Token %s: %u certificate stored · holder: %s\n",
                            "Token %s: %u certificates stored · holder: %s\n", n),
               t->serial ? t->serial : "?", n, holder ? holder->full_name : "—");
    }
  if (b != NULL)
    {
      json_builder_end_array (b);
      cd_cli_json_print (b);
    }
  return status;
}

/* ---- --import-certificate / --import-crl ------------------------------ */

static const char *
how_key (CdLinkHow how)
{
  switch (how)
    {
    case CD_LINK_BY_EMAIL: return "email";
    case CD_LINK_BY_CCCD: return "cccd";
    case CD_LINK_BY_NAME: return "name";
    case CD_LINK_KEPT: return "kept";
    case CD_LINK_AMBIGUOUS: return "ambiguous";
    case CD_LINK_UNIT_NAME: return "unit_name";
    case CD_LINK_UNIT_FORMER_NAME: return "unit_former_name";
    case CD_LINK_UNIT_EMAIL: return "unit_email";
    case CD_LINK_UNIT_TAX_CODE: return "unit_tax_code";
    case CD_LINK_SERVICE: return "service";
    case CD_LINK_SERVICE_OFFERED: return "service_offered";
    case CD_LINK_CA_UNTRUSTED: return "ca_untrusted";
    case CD_LINK_CA_TRUSTED: return "ca_trusted";
    case CD_LINK_NO_MATCH:
    default: return "none";
    }
}

static int
import_certificate (const char *path,
                    CdCliEnv   *env)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) outcomes = NULL;
  CdStore *store = cd_cli_env_get_store (env, &error);

  if (store == NULL || (outcomes = cd_cert_link_import_file (store, path, &error)) == NULL)
    {
      cd_cli_printerr ("%s", error->message);
      return 1;
    }
  if (env->json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      json_builder_begin_array (b);
      for (guint i = 0; i < outcomes->len; i++)
        {
          CdLinkOutcome *o = g_ptr_array_index (outcomes, i);
          json_builder_begin_object (b);
          json_builder_set_member_name (b, "certificate_id");
          json_builder_add_int_value (b, o->cert_id);
          cd_cli_json_string (b, "serial", o->serial);
          cd_cli_json_string (b, "holder", o->holder);
          cd_cli_json_string (b, "linked_by", how_key (o->how));
          json_builder_set_member_name (b, "staff_id");
          json_builder_add_int_value (b, o->staff_id);
          cd_cli_json_string (b, "staff_name", o->staff_name);
          cd_cli_json_string (b, "holder_kind", cd_cert_holder_kind_id (o->holder_kind));
          cd_cli_json_string (b, "holder_name", o->holder_name);
          cd_cli_json_string (b, "message", o->message);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      cd_cli_json_print (b);
    }
  else
    for (guint i = 0; i < outcomes->len; i++)
      g_print ("%s\n", ((CdLinkOutcome *) g_ptr_array_index (outcomes, i))->message);
  return 0;
}

static int
import_crl (const char *path,
            CdCliEnv   *env)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdCrl) crl = cd_crl_load_file (path, &error);
  g_autoptr(CdCrlReport) report = NULL;
  CdStore *store = NULL;

  if (crl != NULL)
    store = cd_cli_env_get_store (env, &error);
  if (store == NULL || (report = cd_cert_link_apply_crl (store, crl, &error)) == NULL)
    {
      cd_cli_printerr ("%s", error->message);
      return 1;
    }
  if (env->json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      json_builder_begin_object (b);
      cd_cli_json_string (b, "issuer", report->issuer_dn);
      json_builder_set_member_name (b, "listed");
      json_builder_add_int_value (b, report->listed);
      json_builder_set_member_name (b, "revoked");
      json_builder_add_int_value (b, report->revoked);
      json_builder_set_member_name (b, "already_revoked");
      json_builder_add_int_value (b, report->already);
      json_builder_set_member_name (b, "serials");
      json_builder_begin_array (b);
      for (guint i = 0; i < report->serials->len; i++)
        json_builder_add_string_value (b, g_ptr_array_index (report->serials, i));
      json_builder_end_array (b);
      json_builder_end_object (b);
      cd_cli_json_print (b);
    }
  else
    {
      g_print (_("The revocation list of “%s” was verified. It lists %u certificates; "
                 "%u certificates of the register are now marked revoked (%u were already).\n"),
               report->issuer_dn, report->listed, report->revoked, report->already);
      for (guint i = 0; i < report->serials->len; i++)
        g_print ("  %s\n", (const char *) g_ptr_array_index (report->serials, i));
    }
  return 0;
}

int
cd_cli_tokens_run (GVariantDict *options,
                   CdCliEnv     *env)
{
  const char *path = NULL;

  if (g_variant_dict_contains (options, "list-tokens"))
    return list_tokens (options, env);
  if (g_variant_dict_contains (options, "read-tokens"))
    return read_tokens (options, env);
  if (g_variant_dict_lookup (options, "import-certificate", "^&ay", &path) && path != NULL)
    return import_certificate (path, env);
  if (g_variant_dict_lookup (options, "import-crl", "^&ay", &path) && path != NULL)
    return import_crl (path, env);
  return -1;
}
