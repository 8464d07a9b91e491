/* cd-cli-tokens.c — headless actions of the tokens area
 *
 *   --list-tokens [--json]   tokens plugged in now, with their certificates
 *   --pkcs11-module=PATH     one more vendor module (repeatable)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <glib/gi18n.h>

#include "cd-cli-areas.h"
#include "cd-settings.h"
#include "cd-token-monitor.h"
#include "cd-x509.h"

/* How long --list-tokens waits for every module to be polled once. */
#define SETTLE_TIMEOUT_MS 3000

const GOptionEntry cd_cli_tokens_entries[] = {
  { "list-tokens", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("List the USB tokens plugged in now with their certificates, then exit"), NULL },
  { "pkcs11-module", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, NULL,
    N_("Also read tokens through this vendor PKCS#11 library (may be repeated)"),
    /* Translators: placeholder in --help for a file path */
    N_("PATH") },
  { NULL }
};

/* ---- Output helpers --------------------------------------------------- */

static void
json_string (GString    *out,
             const char *s)
{
  if (s == NULL)
    {
      g_string_append (out, "null");
      return;
    }
  g_string_append_c (out, '"');
  for (const unsigned char *p = (const unsigned char *) s; *p; p++)
    {
      switch (*p)
        {
        case '"': g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        default:
          if (*p < 0x20)
            g_string_append_printf (out, "\\u%04x", *p);
          else
            g_string_append_c (out, (char) *p);
        }
    }
  g_string_append_c (out, '"');
}

static void
json_member (GString    *out,
             const char *name,
             const char *value)
{
  json_string (out, name);
  g_string_append_c (out, ':');
  json_string (out, value);
  g_string_append_c (out, ',');
}

static void
json_strv (GString            *out,
           const char         *name,
           const char * const *values)
{
  json_string (out, name);
  g_string_append (out, ":[");
  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      json_string (out, values[i]);
    }
  g_string_append (out, "],");
}

static void
json_close (GString *out,
            char     bracket)
{
  if (out->len > 0 && out->str[out->len - 1] == ',')
    g_string_truncate (out, out->len - 1);
  g_string_append_c (out, bracket);
}

/* dd/mm/yyyy in the clerk's time zone, as every Vietnamese form writes it. */
static char *
format_date (gint64 unix_seconds)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_local (unix_seconds);
  return dt != NULL ? g_date_time_format (dt, "%d/%m/%Y") : g_strdup ("");
}

static char *
format_iso_utc (gint64 unix_seconds)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (unix_seconds);
  return dt != NULL ? g_date_time_format (dt, "%Y-%m-%dT%H:%M:%SZ") : g_strdup ("");
}

static const char *
status_key (CdCertStatus status)
{
  switch (status)
    {
    case CD_CERT_STATUS_VALID: return "valid";
    case CD_CERT_STATUS_EXPIRING: return "expiring";
    case CD_CERT_STATUS_EXPIRED: return "expired";
    case CD_CERT_STATUS_NOT_YET_VALID: return "not_yet_valid";
    case CD_CERT_STATUS_REVOKED: return "revoked";
    case CD_CERT_STATUS_NONE:
    default: return "none";
    }
}

/* ---- --list-tokens ---------------------------------------------------- */

typedef struct {
  GMainLoop *loop;
  GPtrArray *errors;   /* "module\nmessage" */
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
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

static void
certificate_json (GString             *out,
                  const CdCertificate *c,
                  gint64               now,
                  int                  threshold)
{
  CdCertStatus status = cd_certificate_status (c, now, threshold);
  g_autofree char *nb = format_date (c->not_before);
  g_autofree char *na = format_date (c->not_after);
  g_autofree char *nb_iso = format_iso_utc (c->not_before);
  g_autofree char *na_iso = format_iso_utc (c->not_after);

  g_string_append_c (out, '{');
  json_member (out, "serial", c->serial);
  json_member (out, "holder", c->subject_cn);
  json_member (out, "email", c->email);
  json_member (out, "not_before", nb);
  json_member (out, "not_after", na);
  json_member (out, "not_before_utc", nb_iso);
  json_member (out, "not_after_utc", na_iso);
  g_string_append_printf (out, "\"days_left\":%d,", cd_certificate_days_left (c, now));
  json_member (out, "provider", c->provider);
  json_member (out, "status", status_key (status));
  json_member (out, "status_label", cd_cert_status_label (status));
  json_member (out, "subject_dn", c->subject_dn);
  json_strv (out, "subject", (const char * const *) c->subject_attrs);
  json_strv (out, "ou", (const char * const *) c->subject_ou);
  json_member (out, "o", c->subject_o);
  json_member (out, "l", c->subject_l);
  json_member (out, "st", c->subject_st);
  json_strv (out, "uid", (const char * const *) c->subject_uids);
  json_member (out, "cccd", c->uid_cccd);
  json_member (out, "mst", c->uid_mst);
  json_member (out, "passport", c->uid_passport);
  json_member (out, "issuer_cn", c->issuer_cn);
  json_member (out, "issuer_o", c->issuer_o);
  json_member (out, "issuer_dn", c->issuer_dn);
  json_member (out, "key_usage", cd_key_usage_to_string (c->key_usage));
  json_strv (out, "crl_urls", (const char * const *) c->crl_urls);
  json_strv (out, "ocsp_urls", (const char * const *) c->ocsp_urls);
  json_member (out, "fingerprint_sha256", c->fingerprint);
  g_string_append (out, "\"linked_staff\":null");
  g_string_append_c (out, '}');
}

static void
print_json (GPtrArray *tokens,
            GPtrArray *unreadable,
            GPtrArray *errors,
            gint64     now,
            int        threshold)
{
  g_autoptr(GString) out = g_string_new ("{\"tokens\":[");

  for (guint i = 0; i < tokens->len; i++)
    {
      CdToken *t = g_ptr_array_index (tokens, i);

      g_string_append_c (out, '{');
      json_member (out, "module", t->module_name);
      json_member (out, "module_path", t->module_path);
      json_member (out, "slot", t->slot_description);
      json_member (out, "label", t->label);
      json_member (out, "serial", t->serial);
      json_member (out, "manufacturer", t->manufacturer);
      json_member (out, "model", t->model);
      g_string_append (out, "\"certificates\":[");
      for (guint j = 0; j < t->certificates->len; j++)
        {
          certificate_json (out, g_ptr_array_index (t->certificates, j), now, threshold);
          g_string_append_c (out, ',');
        }
      json_close (out, ']');
      g_string_append (out, "},");
    }
  json_close (out, ']');
  g_string_append (out, ",\"unreadable\":[");
  for (guint i = 0; i < unreadable->len; i++)
    {
      CdUnreadableToken *u = g_ptr_array_index (unreadable, i);
      g_string_append_c (out, '{');
      json_member (out, "reader", u->reader_name);
      g_string_append_printf (out, "\"card_present\":%s,", u->card_present ? "true" : "false");
      json_member (out, "atr", u->atr_hex);
      json_close (out, '}');
      g_string_append_c (out, ',');
    }
  json_close (out, ']');
  g_string_append (out, ",\"module_errors\":[");
  for (guint i = 0; i < errors->len; i++)
    {
      g_auto(GStrv) parts = g_strsplit (g_ptr_array_index (errors, i), "\n", 2);
      g_string_append_c (out, '{');
      json_member (out, "module", parts[0]);
      json_member (out, "message", parts[1]);
      json_close (out, '}');
      g_string_append_c (out, ',');
    }
  json_close (out, ']');
  g_string_append (out, "}\n");
  fputs (out->str, stdout);
}

static void
print_text (GPtrArray *tokens,
            GPtrArray *unreadable,
            GPtrArray *errors,
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
      if (t->certificates->len == 0)
        g_print ("  %s\n", _("No certificate on this token."));
      for (guint j = 0; j < t->certificates->len; j++)
        {
          CdCertificate *c = g_ptr_array_index (t->certificates, j);
          CdCertStatus status = cd_certificate_status (c, now, threshold);
          g_autofree char *na = format_date (c->not_after);

          g_print ("  %s %s\n", _("Certificate"), c->serial);
          g_print ("    %s: %s\n", _("Holder"), c->subject_cn ? c->subject_cn : "");
          g_print ("    %s: %s\n", _("Email"), c->email ? c->email : "");
          g_print ("    %s: %s (", _("Valid until"), na);
          g_print (g_dngettext (GETTEXT_PACKAGE, "%d day left", "%d days left",
                                (gulong) ABS (cd_certificate_days_left (c, now))),
                   cd_certificate_days_left (c, now));
          g_print (")\n");
          g_print ("    %s: %s\n", _("Provider"), c->provider ? c->provider : "");
          g_print ("    %s: %s\n", _("Status"), cd_cert_status_label (status));
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

static int
list_tokens (GVariantDict *options)
{
  g_autoptr(GSettings) settings = cd_settings_new ();
  g_autoptr(GPtrArray) extra = g_ptr_array_new_with_free_func (g_free);
  g_autofree char **cli_modules = NULL;
  g_autoptr(CdTokenMonitor) monitor = NULL;
  g_autoptr(GPtrArray) tokens = NULL;
  g_autoptr(GPtrArray) unreadable = NULL;
  ListState st = { 0 };
  gint64 now;
  int threshold = cd_x509_threshold_days ();
  guint timeout_id;

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
  st.errors = g_ptr_array_new_with_free_func (g_free);
  monitor = cd_token_monitor_new ((const char * const *) extra->pdata);
  g_signal_connect (monitor, "settled", G_CALLBACK (settled_cb), &st);
  g_signal_connect (monitor, "module-error", G_CALLBACK (module_error_cb), &st);
  cd_token_monitor_start (monitor);
  timeout_id = g_timeout_add (SETTLE_TIMEOUT_MS, timeout_cb, st.loop);
  g_main_loop_run (st.loop);
  g_source_remove (timeout_id);

  /* Events posted before "settled" have all been delivered: they were
   * queued first on this context. */
  tokens = cd_token_monitor_get_tokens (monitor);
  unreadable = cd_token_monitor_get_unreadable (monitor);
  if (!cd_token_monitor_is_settled (monitor))
    cd_cli_printerr ("%s", _("Some token drivers are still busy; the list may be incomplete."));
  cd_token_monitor_stop (monitor);

  now = g_get_real_time () / G_USEC_PER_SEC;
  if (g_variant_dict_contains (options, "json"))
    print_json (tokens, unreadable, st.errors, now, threshold);
  else
    print_text (tokens, unreadable, st.errors, now, threshold);

  g_main_loop_unref (st.loop);
  g_ptr_array_unref (st.errors);
  return 0;
}

int
cd_cli_tokens_run (GVariantDict *options,
                   CdCliEnv     *env)
{
  if (g_variant_dict_contains (options, "list-tokens"))
    return list_tokens (options);
  return -1;
}
