/* cd-cert-link.c — certificates into the register, linked to staff
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include <string.h>

#include "cd-cert-link.h"
#include "cd-store-trust.h"
#include "cd-store-worker.h"
#include "cd-text.h"
#include "cd-trust.h"
#include "cd-x509.h"

void
cd_link_outcome_free (CdLinkOutcome *o)
{
  if (o == NULL)
    return;
  g_free (o->serial);
  g_free (o->holder);
  g_free (o->staff_name);
  g_free (o->message);
  g_free (o->holder_name);
  g_free (o);
}

void
cd_crl_report_free (CdCrlReport *r)
{
  if (r == NULL)
    return;
  g_free (r->issuer_dn);
  g_clear_pointer (&r->serials, g_ptr_array_unref);
  g_free (r);
}

void
cd_cert_link_refresh (CdCertificate *cert)
{
  g_autoptr(CdCertificate) full = NULL;
  const guint8 *der;
  gsize len = 0;

  if (cert == NULL || cert->der == NULL)
    return;
  der = g_bytes_get_data (cert->der, &len);
  full = cd_x509_parse_der (der, len, NULL);
  if (full == NULL)
    return;
#define TAKE(f) do { if (cert->f == NULL) cert->f = g_steal_pointer (&full->f); } while (0)
  TAKE (subject_attrs);
  TAKE (subject_uids);
  TAKE (uid_passport);
  TAKE (issuer_dn);
  TAKE (crl_urls);
  TAKE (ocsp_urls);
  TAKE (uid_cccd);
  TAKE (uid_mst);
#undef TAKE
  if (cert->key_usage == CD_KEY_USAGE_NONE)
    cert->key_usage = full->key_usage;
}

static CdLinkOutcome *
outcome_new (const CdCertificate *cert)
{
  CdLinkOutcome *o = g_new0 (CdLinkOutcome, 1);

  o->cert_id = cert->id;
  o->serial = g_strdup (cert->serial);
  o->holder = g_strdup (cert->subject_cn);
  return o;
}

static gboolean
link_to (CdStore        *store,
         CdCertificate  *cert,
         CdStaff        *staff,
         CdLinkHow       how,
         CdLinkOutcome  *o,
         GError        **error)
{
  if (!cd_store_link_certificate (store, cert->id, staff->id, error))
    return FALSE;
  cert->staff_id = staff->id;
  cert->holder_kind = CD_CERT_HOLDER_PERSON;
  o->how = how;
  o->staff_id = staff->id;
  o->staff_name = g_strdup (staff->full_name);
  o->holder_kind = CD_CERT_HOLDER_PERSON;
  o->holder_name = g_strdup (staff->full_name);
  switch (how)
    {
    case CD_LINK_BY_EMAIL:
      o->message = g_strdup_printf (_("Certificate %s linked to %s by the official email."),
                                    cert->serial, staff->full_name);
      break;
    case CD_LINK_BY_CCCD:
      o->message = g_strdup_printf (_("Certificate %s linked to %s by the CCCD number."),
                                    cert->serial, staff->full_name);
      break;
    default:
      o->message = g_strdup_printf (_("Certificate %s linked to %s by the full name."),
                                    cert->serial, staff->full_name);
      break;
    }
  return TRUE;
}

static gboolean
attach_to_unit (CdStore        *store,
                CdCertificate  *cert,
                const CdUnit   *unit,
                CdLinkHow       how,
                CdLinkOutcome  *o,
                GError        **error)
{
  const char *name = unit->name ? unit->name : "";

  if (!cd_store_set_certificate_holder (store, cert->id, CD_CERT_HOLDER_UNIT, 0, error))
    return FALSE;
  cert->staff_id = 0;
  cert->service_id = 0;
  cert->holder_kind = CD_CERT_HOLDER_UNIT;
  o->how = how;
  o->holder_kind = CD_CERT_HOLDER_UNIT;
  o->holder_name = g_strdup (name);
  switch (how)
    {
    case CD_LINK_UNIT_FORMER_NAME:
      o->message = g_strdup_printf (_("Certificate %s is the seal of the unit %s (it carries the unit's former name %s)."),
                                    cert->serial, name, cert->subject_cn ? cert->subject_cn : cert->subject_o);
      break;
    case CD_LINK_UNIT_EMAIL:
      o->message = g_strdup_printf (_("Certificate %s is the seal of the unit %s (it carries the unit's official email)."),
                                    cert->serial, name);
      break;
    case CD_LINK_UNIT_TAX_CODE:
      o->message = g_strdup_printf (_("Certificate %s is the seal of the unit %s (it carries the unit's tax code)."),
                                    cert->serial, name);
      break;
    default:
      o->message = g_strdup_printf (_("Certificate %s is the seal of the unit %s."), cert->serial, name);
      break;
    }
  return TRUE;
}

static gboolean
attach_to_service (CdStore          *store,
                   CdCertificate    *cert,
                   const CdService  *service,
                   CdLinkOutcome    *o,
                   GError          **error)
{
  if (!cd_store_set_certificate_holder (store, cert->id, CD_CERT_HOLDER_SERVICE, service->id, error))
    return FALSE;
  cert->staff_id = 0;
  cert->service_id = service->id;
  cert->holder_kind = CD_CERT_HOLDER_SERVICE;
  o->how = CD_LINK_SERVICE;
  o->holder_kind = CD_CERT_HOLDER_SERVICE;
  o->service_id = service->id;
  o->holder_name = g_strdup (service->name);
  o->message = g_strdup_printf (_("Certificate %s belongs to the service %s of the unit."),
                                cert->serial, service->name);
  return TRUE;
}

/* Name keys (cd_text_name_key) equal, both present. */
static gboolean
same_name (const char *a,
           const char *b)
{
  g_autofree char *ka = NULL, *kb = NULL;

  if (a == NULL || b == NULL)
    return FALSE;
  ka = cd_text_name_key (a);
  kb = cd_text_name_key (b);
  return ka != NULL && kb != NULL && *ka != '\0' && strcmp (ka, kb) == 0;
}

/* Which of the unit's names @text is: CD_LINK_UNIT_NAME for its name,
 * _FORMER_NAME for a former one, CD_LINK_NO_MATCH for none. */
static CdLinkHow
unit_name_match (const CdUnit *unit,
                 const char   *text)
{
  if (same_name (unit->name, text))
    return CD_LINK_UNIT_NAME;
  for (guint i = 0; unit->former_names != NULL && unit->former_names[i] != NULL; i++)
    if (same_name (unit->former_names[i], text))
      return CD_LINK_UNIT_FORMER_NAME;
  return CD_LINK_NO_MATCH;
}

/* Digits of a tax code, so "0200654321", "MST: 0200 654 321" and
 * "0200654321-001" compare by their digits. */
static char *
tax_digits (const char *text)
{
  GString *d;

  if (text == NULL)
    return NULL;
  d = g_string_new (NULL);
  for (const char *p = text; *p != '\0'; p++)
    if (g_ascii_isdigit (*p))
      g_string_append_c (d, *p);
  if (d->len < 10)
    return (g_string_free (d, TRUE), NULL);
  return g_string_free (d, FALSE);
}

/* The weaker signs of a seal (step 4 of the header): only for a
 * certificate that names no person, since a teacher's commercial
 * certificate often carries the school as O and its tax code. */
static CdLinkHow
unit_other_match (const CdUnit        *unit,
                  const CdCertificate *cert)
{
  CdLinkHow how;

  if (cert->uid_cccd != NULL || cert->uid_passport != NULL)
    return CD_LINK_NO_MATCH;
  if (cert->subject_o != NULL
      && (cert->subject_cn == NULL || same_name (cert->subject_cn, cert->subject_o))
      && (how = unit_name_match (unit, cert->subject_o)) != CD_LINK_NO_MATCH)
    return how;
  if (cert->email != NULL && unit->email != NULL && g_ascii_strcasecmp (cert->email, unit->email) == 0)
    return CD_LINK_UNIT_EMAIL;
  if (cert->uid_mst != NULL && unit->tax_code != NULL)
    {
      g_autofree char *a = tax_digits (cert->uid_mst);
      g_autofree char *b = tax_digits (unit->tax_code);

      if (a != NULL && b != NULL && strcmp (a, b) == 0)
        return CD_LINK_UNIT_TAX_CODE;
    }
  return CD_LINK_NO_MATCH;
}

gboolean
cd_cert_link_looks_like_service (const char *cn)
{
  /* Words of the circulars for a service's certificate (seed 003: "Bộ
   * phận Một cửa", "Chứng thư số phục vụ dịch vụ công") and of the
   * one-stop desk's full name; matched on whole words of the
   * accent-free key, so no person's name can contain them. */
  static const char *const words[] = {
    "bo phan", "mot cua", "1 cua", "dich vu cong", "tiep nhan va tra ket qua", "phuc vu hanh chinh cong",
  };
  g_autofree char *key = NULL;
  g_autofree char *padded = NULL;

  if (cn == NULL)
    return FALSE;
  key = cd_text_search_key (cn);
  if (key == NULL)
    return FALSE;
  /* Punctuation separates words too: "Bộ phận Một cửa, Lĩnh vực…". */
  g_strdelimit (key, ",.;:-/()\"", ' ');
  padded = g_strdup_printf (" %s ", key);
  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    {
      g_autofree char *w = g_strdup_printf (" %s ", words[i]);

      if (strstr (padded, w) != NULL)
        return TRUE;
    }
  return FALSE;
}

static void
kept (CdStore        *store,
      CdCertificate  *cert,
      CdLinkOutcome  *o)
{
  o->how = CD_LINK_KEPT;
  o->holder_kind = cert->holder_kind;
  switch (cert->holder_kind)
    {
    case CD_CERT_HOLDER_UNIT:
      {
        g_autoptr(CdUnit) unit = cd_store_get_unit (store);
        o->holder_name = g_strdup (unit->name ? unit->name : "");
        o->message = g_strdup_printf (_("Certificate %s was already the seal of the unit %s."),
                                      cert->serial, o->holder_name);
      }
      break;
    case CD_CERT_HOLDER_SERVICE:
      {
        g_autoptr(CdService) service = cd_store_get_service (store, cert->service_id, NULL);
        o->service_id = cert->service_id;
        o->holder_name = service ? g_strdup (service->name) : NULL;
        o->message = g_strdup_printf (_("Certificate %s already belonged to the service %s."),
                                      cert->serial, o->holder_name ? o->holder_name : "?");
      }
      break;
    case CD_CERT_HOLDER_PERSON:
    case CD_CERT_HOLDER_NONE:
    default:
      {
        g_autoptr(CdStaff) linked = cd_store_get_staff (store, cert->staff_id, NULL);
        o->staff_id = cert->staff_id;
        o->staff_name = linked ? g_strdup (linked->full_name) : NULL;
        o->holder_name = g_strdup (o->staff_name);
        o->message = g_strdup_printf (_("Certificate %s was already linked to %s."), cert->serial,
                                      o->staff_name ? o->staff_name : "?");
      }
      break;
    }
}

/* TRUE when another certificate of the register with @dn as its name
 * is a trusted authority: @fingerprint then has the name of a trusted
 * authority and another key, a look-alike. */
static gboolean
trusted_namesake (CdStore     *store,
                  const char  *dn,
                  const char  *fingerprint,
                  GHashTable  *trusted)
{
  g_autoptr(GPtrArray) same = cd_store_list_certificates_by_subject (store, dn, NULL);

  for (guint i = 0; same != NULL && trusted != NULL && i < same->len; i++)
    {
      const CdCertificate *c = g_ptr_array_index (same, i);

      if (c->fingerprint != NULL && g_strcmp0 (c->fingerprint, fingerprint) != 0
          && g_hash_table_contains (trusted, c->fingerprint))
        return TRUE;
    }
  return FALSE;
}

/* A certificate authority is nobody's certificate: recorded in the trust
 * table (not trusted until the clerk accepts it) instead of linked. */
static CdLinkOutcome *
store_ca (CdStore        *store,
          CdCertificate  *cert,
          CdLinkOutcome  *o,
          GError        **error)
{
  g_autoptr(CdCaTrust) ca = NULL;
  g_autoptr(GHashTable) trusted = NULL;
  g_autofree char *fp = NULL;
  const char *name = cert->subject_cn ? cert->subject_cn : cert->subject_dn;

  if (!cd_store_record_ca (store, cert->fingerprint, cert->subject_dn, error)
      || (ca = cd_store_get_ca (store, cert->fingerprint, error)) == NULL
      || (trusted = cd_store_trusted_fingerprints (store, error)) == NULL)
    {
      cd_link_outcome_free (o);
      return NULL;
    }
  fp = cd_trust_format_fingerprint (cert->fingerprint);
  o->holder_kind = CD_CERT_HOLDER_NONE;
  if (ca->trusted)
    {
      o->how = CD_LINK_CA_TRUSTED;
      o->message = g_strdup_printf (_("Certificate authority “%s” is one you trust (SHA-256 %s)."), name, fp);
    }
  else if (trusted_namesake (store, cert->subject_dn, cert->fingerprint, trusted))
    {
      o->how = CD_LINK_CA_UNTRUSTED;
      o->message = g_strdup_printf (_("Warning: certificate authority “%s” has the name of an authority you "
                                      "trust but another key (SHA-256 %s): it may be a look-alike. It was "
                                      "recorded as not trusted, and revocation lists it signs will not be "
                                      "applied."), name, fp);
    }
  else
    {
      o->how = CD_LINK_CA_UNTRUSTED;
      o->message = g_strdup_printf (_("Certificate authority “%s” was recorded as not trusted: revocation lists "
                                      "it signs are not applied until you accept it. Compare its SHA-256 "
                                      "fingerprint %s with the one the provider publishes, then accept it in "
                                      "Preferences → Certificate authorities (or with --trust-ca)."), name, fp);
    }
  return o;
}

CdLinkOutcome *
cd_cert_link_store (CdStore        *store,
                    CdCertificate  *cert,
                    GError        **error)
{
  g_autoptr(CdLinkOutcome) o = NULL;
  g_autoptr(CdStaff) staff = NULL;
  g_autoptr(CdUnit) unit = NULL;
  g_autoptr(CdService) service = NULL;
  gboolean ambiguous = FALSE;
  CdLinkHow how;

  g_return_val_if_fail (CD_IS_STORE (store), NULL);
  g_return_val_if_fail (cert != NULL, NULL);

  if (!cd_store_save_certificate (store, cert, error))
    return NULL;
  o = outcome_new (cert);

  if (cert->holder_kind != CD_CERT_HOLDER_NONE || cert->staff_id != 0)
    {
      if (cert->holder_kind == CD_CERT_HOLDER_NONE)
        cert->holder_kind = CD_CERT_HOLDER_PERSON;
      kept (store, cert, o);
      return g_steal_pointer (&o);
    }

  unit = cd_store_get_unit (store);
  if (cert->subject_cn != NULL && (how = unit_name_match (unit, cert->subject_cn)) != CD_LINK_NO_MATCH)
    return attach_to_unit (store, cert, unit, how, o, error) ? g_steal_pointer (&o) : NULL;
  if (cert->subject_cn != NULL && (service = cd_store_find_service_by_name (store, cert->subject_cn)) != NULL)
    return attach_to_service (store, cert, service, o, error) ? g_steal_pointer (&o) : NULL;
  if (cd_cert_link_looks_like_service (cert->subject_cn))
    {
      o->how = CD_LINK_SERVICE_OFFERED;
      o->message = g_strdup_printf (_("Certificate %s (%s) was not linked: it looks like the certificate of a "
                                      "service of the unit, offered for a service. Add the service “%s” in "
                                      "Preferences, then choose it as the holder."),
                                    cert->serial, cert->subject_cn, cert->subject_cn);
      return g_steal_pointer (&o);
    }
  if ((how = unit_other_match (unit, cert)) != CD_LINK_NO_MATCH)
    return attach_to_unit (store, cert, unit, how, o, error) ? g_steal_pointer (&o) : NULL;

  if (cert->email != NULL && (staff = cd_store_find_staff_by_email (store, cert->email)) != NULL)
    return link_to (store, cert, staff, CD_LINK_BY_EMAIL, o, error) ? g_steal_pointer (&o) : NULL;
  if (cert->uid_cccd != NULL && (staff = cd_store_find_staff_by_cccd (store, cert->uid_cccd)) != NULL)
    return link_to (store, cert, staff, CD_LINK_BY_CCCD, o, error) ? g_steal_pointer (&o) : NULL;
  if (cert->subject_cn != NULL)
    {
      staff = cd_store_find_staff_by_name (store, cert->subject_cn, &ambiguous);
      if (staff != NULL && !ambiguous)
        return link_to (store, cert, staff, CD_LINK_BY_NAME, o, error) ? g_steal_pointer (&o) : NULL;
    }

  /* Nobody's, and an authority: recorded for the clerk to trust or not.
   * Checked last: "openssl req -x509" marks a person's self-signed
   * certificate CA:TRUE too, and it still goes to that person. */
  if (cert->fingerprint != NULL && cd_trust_is_ca (cert))
    return store_ca (store, cert, g_steal_pointer (&o), error);

  if (ambiguous)
    {
      o->how = CD_LINK_AMBIGUOUS;
      o->message = g_strdup_printf (_("Certificate %s (%s) was not linked: several staff members "
                                      "have this name. Link it by hand in the staff list."),
                                    cert->serial, cert->subject_cn);
    }
  else
    {
      o->how = CD_LINK_NO_MATCH;
      o->message = g_strdup_printf (_("Certificate %s (%s) was not linked: no staff member has its "
                                      "email, CCCD or name. Add the person or link it by hand."),
                                    cert->serial, cert->subject_cn ? cert->subject_cn : "");
    }
  return g_steal_pointer (&o);
}

GPtrArray *
cd_cert_link_import_file (CdStore     *store,
                          const char  *path,
                          GError     **error)
{
  g_autoptr(GPtrArray) certs = cd_x509_load_file (path, error);
  g_autoptr(GPtrArray) out = NULL;
  g_autoptr(GHashTable) trusted = NULL;

  if (certs == NULL || (trusted = cd_store_trusted_fingerprints (store, error)) == NULL)
    return NULL;
  /* Every signature first, so a file with one forged certificate stores
   * nothing: its issuer among the register's certificates of that name
   * and the file's own (a .p7b carries its chain). */
  for (guint i = 0; i < certs->len; i++)
    {
      const CdCertificate *c = g_ptr_array_index (certs, i);
      g_autoptr(GPtrArray) known = cd_store_list_certificates_by_subject (store, c->issuer_dn, error);
      g_autoptr(GPtrArray) candidates = NULL;

      if (known == NULL)
        return NULL;
      candidates = g_ptr_array_new ();
      for (guint k = 0; k < known->len; k++)
        g_ptr_array_add (candidates, g_ptr_array_index (known, k));
      for (guint k = 0; k < certs->len; k++)
        g_ptr_array_add (candidates, g_ptr_array_index (certs, k));
      if (!cd_trust_check_signature (c, candidates, trusted, error))
        return NULL;
    }
  out = g_ptr_array_new_with_free_func ((GDestroyNotify) cd_link_outcome_free);
  for (guint i = 0; i < certs->len; i++)
    {
      CdLinkOutcome *o = cd_cert_link_store (store, g_ptr_array_index (certs, i), error);
      if (o == NULL)
        return NULL;
      g_ptr_array_add (out, o);
    }
  return g_steal_pointer (&out);
}

CdCrlReport *
cd_cert_link_apply_crl (CdStore      *store,
                        const CdCrl  *crl,
                        GError      **error)
{
  g_autoptr(GPtrArray) all = cd_store_list_certificates (store, error);
  g_autoptr(CdCrlReport) report = NULL;
  const CdCertificate *issuer;

  g_autoptr(GHashTable) trusted = NULL;
  const CdCertificate *untrusted = NULL;

  if (all == NULL || (trusted = cd_store_trusted_fingerprints (store, error)) == NULL)
    return NULL;
  for (guint i = 0; i < all->len; i++)
    cd_cert_link_refresh (g_ptr_array_index (all, i));
  /* Of the certificates that signed the list (name, AKI/SKI, cRLSign,
   * signature), the one that chains to an authority the clerk trusts. */
  issuer = NULL;
  for (guint i = 0; issuer == NULL && i < all->len; i++)
    {
      const CdCertificate *c = g_ptr_array_index (all, i);

      if (c->der == NULL || g_strcmp0 (c->subject_dn, cd_crl_get_issuer_dn (crl)) != 0
          || !cd_crl_verify (crl, c, NULL))
        continue;
      if (cd_trust_chain_anchor (c, all, trusted) != NULL)
        issuer = c;
      else if (untrusted == NULL)
        untrusted = c;
    }
  if (issuer == NULL && untrusted != NULL)
    {
      g_autofree char *fp = cd_trust_format_fingerprint (untrusted->fingerprint);

      if (trusted_namesake (store, untrusted->subject_dn, untrusted->fingerprint, trusted))
        g_set_error (error, CD_CRL_ERROR, CD_CRL_ERROR_UNTRUSTED,
                     _("The revocation list was not applied: it was signed by a certificate authority named "
                       "“%s” (SHA-256 %s) that you have not accepted, while the authority of that name you "
                       "trust has another key. It may be a look-alike and the list forged. Nothing was marked "
                       "revoked; download the list from the provider's own site."),
                     cd_crl_get_issuer_dn (crl), fp);
      else
        g_set_error (error, CD_CRL_ERROR, CD_CRL_ERROR_UNTRUSTED,
                     _("The revocation list was not applied: its issuer “%s” (SHA-256 %s) is not a certificate "
                       "authority you have accepted, so nothing was marked revoked. If it is your provider's "
                       "authority, compare this fingerprint with the one the provider publishes, accept it in "
                       "Preferences → Certificate authorities (or with --trust-ca), then open the list again."),
                     cd_crl_get_issuer_dn (crl), fp);
      return NULL;
    }
  if (issuer == NULL)
    {
      /* Nothing signed it: the reader's own words (no issuer known, or
       * a signature that does not verify). */
      cd_crl_find_issuer (crl, all, error);
      return NULL;
    }

  report = g_new0 (CdCrlReport, 1);
  report->issuer_dn = g_strdup (cd_crl_get_issuer_dn (crl));
  report->listed = cd_crl_get_entries (crl)->len;
  report->serials = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < all->len; i++)
    {
      CdCertificate *c = g_ptr_array_index (all, i);
      const CdCrlEntry *e = cd_crl_match (crl, issuer, c);

      if (e == NULL)
        continue;
      if (c->revoked)
        {
          report->already++;
          continue;
        }
      if (!cd_store_revoke_certificate (store, c->id, e->revoked_date, e->reason, error))
        return NULL;
      report->revoked++;
      g_ptr_array_add (report->serials, g_strdup (c->serial));
    }
  return g_steal_pointer (&report);
}

/* ---- On a worker thread --------------------------------------------- */

static gpointer
import_file_work (CdStore       *store,
                  gpointer       path,
                  GCancellable  *cancellable,
                  GError       **error)
{
  return cd_cert_link_import_file (store, path, error);
}

void
cd_cert_link_import_file_async (CdStore             *store,
                                const char          *path,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  cd_store_run_async (store, import_file_work, g_strdup (path), g_free,
                      (GDestroyNotify) g_ptr_array_unref, "certificate",
                      cd_cert_link_import_file_async,
                      cancellable, callback, user_data);
}

GPtrArray *
cd_cert_link_import_file_finish (CdStore       *store,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  return cd_store_run_finish (store, result, cd_cert_link_import_file_async, error);
}

static gpointer
apply_crl_work (CdStore       *store,
                gpointer       path,
                GCancellable  *cancellable,
                GError       **error)
{
  g_autoptr(CdCrl) crl = cd_crl_load_file (path, error);

  return crl != NULL ? cd_cert_link_apply_crl (store, crl, error) : NULL;
}

void
cd_cert_link_apply_crl_file_async (CdStore             *store,
                                   const char          *path,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  cd_store_run_async (store, apply_crl_work, g_strdup (path), g_free,
                      (GDestroyNotify) cd_crl_report_free, "certificate",
                      cd_cert_link_apply_crl_file_async,
                      cancellable, callback, user_data);
}

CdCrlReport *
cd_cert_link_apply_crl_file_finish (CdStore       *store,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  return cd_store_run_finish (store, result, cd_cert_link_apply_crl_file_async, error);
}
