/* cd-cert-manual.c — a certificate typed in by hand
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <glib/gi18n.h>

#include "cd-cert-manual.h"
#include "cd-text.h"

/* The serial as the register keeps it (upper-case hex, no separators),
 * or NULL when @text holds anything else than hex digits, spaces,
 * colons or dashes: a typo must not be silently dropped. */
static char *
clean_serial (const char *text)
{
  g_autoptr(GString) s = g_string_new (NULL);

  for (const char *p = text; p != NULL && *p; p++)
    {
      if (g_ascii_isxdigit (*p))
        g_string_append_c (s, g_ascii_toupper (*p));
      else if (*p != ' ' && *p != ':' && *p != '-' && *p != '\t')
        return NULL;
    }
  if (s->len == 0)
    return NULL;
  return g_string_free (g_steal_pointer (&s), FALSE);
}

/* Unix seconds of the start (or end) of the local day @iso. */
static gint64
day_seconds (const char *iso,
             gboolean    end_of_day)
{
  int y, m, d;
  g_autoptr(GTimeZone) tz = g_time_zone_new_local ();
  g_autoptr(GDateTime) dt = NULL;

  if (sscanf (iso, "%d-%d-%d", &y, &m, &d) != 3)
    return -1;
  dt = g_date_time_new (tz, y, m, d, end_of_day ? 23 : 0, end_of_day ? 59 : 0, end_of_day ? 59 : 0);
  return dt != NULL ? g_date_time_to_unix (dt) : -1;
}

static gboolean
invalid (GError    **error,
         const char *message)
{
  g_set_error_literal (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID, message);
  return FALSE;
}

CdCertificate *
cd_cert_manual_new (const CdCertManualInput *input,
                    GError                 **error)
{
  g_autoptr(CdCertificate) c = cd_certificate_new ();
  g_autofree char *serial = NULL, *from = NULL, *until = NULL, *provider = NULL;
  CdCertTrack derived;

  g_return_val_if_fail (input != NULL, NULL);

  serial = clean_serial (input->serial);
  if (serial == NULL)
    {
      invalid (error, _("The serial number is empty or not hexadecimal (digits 0–9 and letters A–F). "
                        "Copy it again from the certificate or the provider's minutes."));
      return NULL;
    }
  if (input->not_before == NULL || *input->not_before == '\0'
      || (from = cd_text_parse_date (input->not_before)) == NULL)
    {
      invalid (error, _("The first day of validity is missing or not a date. Write it as dd/mm/yyyy."));
      return NULL;
    }
  if (input->not_after == NULL || *input->not_after == '\0'
      || (until = cd_text_parse_date (input->not_after)) == NULL)
    {
      invalid (error, _("The last day of validity is missing or not a date. Write it as dd/mm/yyyy."));
      return NULL;
    }
  if (g_strcmp0 (until, from) < 0)
    {
      invalid (error, _("The certificate ends before it begins. Check the two dates of validity."));
      return NULL;
    }
  provider = cd_text_clean (input->provider);
  if (provider == NULL)
    {
      invalid (error, _("The provider is missing. Write who issued the certificate, for example "
                        "“Ban Cơ yếu Chính phủ” or “VNPT”."));
      return NULL;
    }

  c->serial = g_steal_pointer (&serial);
  c->not_before = day_seconds (from, FALSE);
  c->not_after = day_seconds (until, TRUE);
  c->provider = g_steal_pointer (&provider);
  c->source = CD_CERT_SOURCE_MANUAL;
  c->key_usage = input->purpose == CD_CERT_PURPOSE_ENCRYPTION ? CD_KEY_USAGE_ENCRYPTION : CD_KEY_USAGE_SIGNING;
  c->staff_id = input->staff_id;
  c->holder_kind = input->staff_id != 0 ? CD_CERT_HOLDER_PERSON : CD_CERT_HOLDER_NONE;
  c->device_id = input->device_id;
  cd_certificate_classify (c);
  derived = c->track;

  /* The store classifies again from the issuer and the provider, so the
   * clerk's choice must agree with the provider's name. */
  if (input->track == CD_CERT_MANUAL_TRACK_PUBLIC && derived == CD_CERT_TRACK_GOVERNMENT)
    {
      invalid (error, _("The Ban Cơ yếu Chính phủ issues only government (chuyên dùng) certificates. "
                        "Choose the government track or correct the provider."));
      return NULL;
    }
  if (input->track == CD_CERT_MANUAL_TRACK_GOVERNMENT && derived != CD_CERT_TRACK_GOVERNMENT)
    {
      /* Every chuyên dùng certificate is issued under the Ban Cơ yếu's
       * roots, whoever handed it over: record that issuer. */
      c->issuer_o = g_strdup ("Ban Cơ yếu Chính phủ");
      cd_certificate_classify (c);
    }
  return g_steal_pointer (&c);
}

CdCertificate *
cd_cert_manual_add (CdStore                 *store,
                    const CdCertManualInput *input,
                    GError                 **error)
{
  g_autoptr(CdCertificate) c = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autofree char *provider_key = NULL;

  g_return_val_if_fail (CD_IS_STORE (store), NULL);

  c = cd_cert_manual_new (input, error);
  if (c == NULL)
    return NULL;
  all = cd_store_list_certificates (store, error);
  if (all == NULL)
    return NULL;
  provider_key = cd_text_search_key (c->provider);
  for (guint i = 0; i < all->len; i++)
    {
      const CdCertificate *o = g_ptr_array_index (all, i);
      g_autofree char *key = NULL;

      if (g_strcmp0 (o->serial, c->serial) != 0)
        continue;
      key = cd_text_search_key (o->provider);
      /* Serials are unique per issuer; one read from a file that names
       * no provider is the same certificate too. */
      if (o->provider == NULL || g_strcmp0 (key, provider_key) == 0)
        {
          g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_CONSTRAINT,
                       _("The certificate with serial %s is already in the register. "
                         "Open it instead of typing it in again."), c->serial);
          return NULL;
        }
    }
  if (!cd_store_save_certificate (store, c, error))
    return NULL;
  return g_steal_pointer (&c);
}

gboolean
cd_certificate_is_typed_in (const CdCertificate *cert)
{
  g_return_val_if_fail (cert != NULL, FALSE);
  return cert->source == CD_CERT_SOURCE_MANUAL && cert->fingerprint == NULL && cert->der == NULL;
}
