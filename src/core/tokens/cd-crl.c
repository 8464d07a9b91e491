/* cd-crl.c — certificate revocation lists with OpenSSL 3
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include "cd-crl.h"
#include "cd-fileutil.h"
#include "cd-x509.h"

#define MAX_CRL_FILE (64 * 1024 * 1024)

struct _CdCrl {
  X509_CRL   *crl;
  char       *issuer_dn;
  gint64      this_update;
  gint64      next_update;
  GPtrArray  *entries;   /* CdCrlEntry */
  GHashTable *by_serial; /* serial → CdCrlEntry */
};

G_DEFINE_QUARK (cd-crl-error-quark, cd_crl_error)

static void
entry_free (CdCrlEntry *e)
{
  g_free (e->serial);
  g_free (e->revoked_date);
  g_free (e->reason);
  g_free (e);
}

void
cd_crl_free (CdCrl *crl)
{
  if (crl == NULL)
    return;
  X509_CRL_free (crl->crl);
  g_free (crl->issuer_dn);
  g_clear_pointer (&crl->by_serial, g_hash_table_unref);
  g_clear_pointer (&crl->entries, g_ptr_array_unref);
  g_free (crl);
}

/* RFC 5280 CRLReason, in words the clerk can put on a form. */
static const char *
reason_text (int code)
{
  switch (code)
    {
    case -1: return "";
    case CRL_REASON_UNSPECIFIED: return _("Unspecified");
    case CRL_REASON_KEY_COMPROMISE: return _("Private key compromised");
    case CRL_REASON_CA_COMPROMISE: return _("Certificate authority compromised");
    case CRL_REASON_AFFILIATION_CHANGED: return _("Holder's details changed");
    case CRL_REASON_SUPERSEDED: return _("Replaced by a new certificate");
    case CRL_REASON_CESSATION_OF_OPERATION: return _("No longer needed");
    case CRL_REASON_CERTIFICATE_HOLD: return _("Suspended");
    case CRL_REASON_REMOVE_FROM_CRL: return _("Removed from the list");
    case CRL_REASON_PRIVILEGE_WITHDRAWN: return _("Right to use withdrawn");
    case CRL_REASON_AA_COMPROMISE: return _("Attribute authority compromised");
    default: return _("Unspecified");
    }
}

static CdCrl *
crl_from_x509 (X509_CRL *x)
{
  CdCrl *crl = g_new0 (CdCrl, 1);
  STACK_OF(X509_REVOKED) *revoked = X509_CRL_get_REVOKED (x);

  crl->crl = x;
  crl->issuer_dn = cd_x509_name_to_dn (X509_CRL_get_issuer (x));
  crl->this_update = cd_x509_time_to_unix (X509_CRL_get0_lastUpdate (x));
  crl->next_update = X509_CRL_get0_nextUpdate (x) != NULL
                     ? cd_x509_time_to_unix (X509_CRL_get0_nextUpdate (x)) : 0;
  crl->entries = g_ptr_array_new_with_free_func ((GDestroyNotify) entry_free);
  crl->by_serial = g_hash_table_new (g_str_hash, g_str_equal);
  for (int i = 0; i < sk_X509_REVOKED_num (revoked); i++)
    {
      X509_REVOKED *r = sk_X509_REVOKED_value (revoked, i);
      CdCrlEntry *e = g_new0 (CdCrlEntry, 1);
      ASN1_ENUMERATED *reason = X509_REVOKED_get_ext_d2i (r, NID_crl_reason, NULL, NULL);
      g_autoptr(GDateTime) dt = NULL;

      e->serial = cd_x509_serial_hex (X509_REVOKED_get0_serialNumber (r));
      e->revoked_at = cd_x509_time_to_unix (X509_REVOKED_get0_revocationDate (r));
      dt = g_date_time_new_from_unix_utc (e->revoked_at);
      e->revoked_date = dt ? g_date_time_format (dt, "%Y-%m-%d") : g_strdup ("");
      e->reason = g_strdup (reason_text (reason != NULL ? (int) ASN1_ENUMERATED_get (reason) : -1));
      ASN1_ENUMERATED_free (reason);
      g_ptr_array_add (crl->entries, e);
      g_hash_table_insert (crl->by_serial, e->serial, e);
    }
  return crl;
}

static void
set_format_error (GError **error)
{
  g_set_error (error, CD_CRL_ERROR, CD_CRL_ERROR_FORMAT,
               _("This is not a revocation list (CRL), or it is damaged or incomplete. "
                 "Download the .crl file again from the provider's site."));
}

CdCrl *
cd_crl_parse (const guint8  *data,
              gsize          len,
              GError       **error)
{
  X509_CRL *x = NULL;

  if (data == NULL || len == 0 || len > G_MAXINT)
    {
      set_format_error (error);
      return NULL;
    }
  if (memmem (data, len, "-----BEGIN X509 CRL-----", 24) != NULL)
    {
      BIO *bio = BIO_new_mem_buf (data, (int) len);
      x = PEM_read_bio_X509_CRL (bio, NULL, NULL, NULL);
      BIO_free (bio);
    }
  else
    {
      const unsigned char *p = data;
      x = d2i_X509_CRL (NULL, &p, (long) len);
      if (x != NULL && (gsize) (p - data) != len)
        g_clear_pointer (&x, X509_CRL_free);
    }
  ERR_clear_error ();
  if (x == NULL)
    {
      set_format_error (error);
      return NULL;
    }
  return crl_from_x509 (x);
}

CdCrl *
cd_crl_load_file (const char  *path,
                  GError     **error)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) local = NULL;
  gsize len = 0;

  if (!cd_file_read_limited (path, MAX_CRL_FILE, &contents, &len, &local))
    {
      g_autofree char *base = g_filename_display_basename (path);
      g_set_error (error, CD_CRL_ERROR, CD_CRL_ERROR_IO,
                   _("The file “%s” cannot be read: %s"), base, local->message);
      return NULL;
    }
  return cd_crl_parse ((const guint8 *) contents, len, error);
}

const char *
cd_crl_get_issuer_dn (const CdCrl *crl)
{
  return crl->issuer_dn;
}

gint64
cd_crl_get_this_update (const CdCrl *crl)
{
  return crl->this_update;
}

gint64
cd_crl_get_next_update (const CdCrl *crl)
{
  return crl->next_update;
}

GPtrArray *
cd_crl_get_entries (const CdCrl *crl)
{
  return crl->entries;
}

const CdCrlEntry *
cd_crl_lookup (const CdCrl *crl,
               const char  *serial)
{
  if (serial == NULL)
    return NULL;
  return g_hash_table_lookup (crl->by_serial, serial);
}

static X509 *
cert_x509 (const CdCertificate *c)
{
  const unsigned char *p;
  gsize len = 0;

  if (c == NULL || c->der == NULL)
    return NULL;
  p = g_bytes_get_data (c->der, &len);
  return d2i_X509 (NULL, &p, (long) len);
}

/* The CRL's authority key identifier, when it has one, names the
 * issuer's key: another key with the same name is not its issuer. */
static gboolean
crl_akid_matches (X509_CRL *crl,
                  X509     *issuer)
{
  AUTHORITY_KEYID *akid = X509_CRL_get_ext_d2i (crl, NID_authority_key_identifier, NULL, NULL);
  const ASN1_OCTET_STRING *skid = X509_get0_subject_key_id (issuer);
  gboolean ok = TRUE;

  if (akid != NULL && akid->keyid != NULL && skid != NULL)
    ok = ASN1_OCTET_STRING_cmp (akid->keyid, skid) == 0;
  AUTHORITY_KEYID_free (akid);
  return ok;
}

const CdCrlEntry *
cd_crl_match (const CdCrl         *crl,
              const CdCertificate *issuer,
              const CdCertificate *cert)
{
  const CdCrlEntry *e;
  X509 *ca, *x;
  gboolean issued;

  if (cert == NULL || issuer == NULL || g_strcmp0 (cert->issuer_dn, crl->issuer_dn) != 0)
    return NULL;
  e = cd_crl_lookup (crl, cert->serial);
  if (e == NULL)
    return NULL;
  /* Listed by serial and issuer name: only the issuer's own signature on
   * the certificate says the list is about it. A look-alike CA with the
   * same name (from a .p7b, say) must not revoke a genuine certificate;
   * a certificate without its DER cannot be checked and is left alone. */
  ca = cert_x509 (issuer);
  x = cert_x509 (cert);
  /* X509_check_issued: names, the certificate's AKI against the CA's
   * SKI, and the CA's keyCertSign. */
  issued = ca != NULL && x != NULL
           && X509_check_issued (ca, x) == X509_V_OK
           && X509_verify (x, X509_get0_pubkey (ca)) == 1;
  X509_free (ca);
  X509_free (x);
  ERR_clear_error ();
  return issued ? e : NULL;
}

gboolean
cd_crl_verify (const CdCrl         *crl,
               const CdCertificate *issuer,
               GError             **error)
{
  X509 *x;
  gboolean ok;

  if (issuer == NULL || issuer->der == NULL || g_strcmp0 (issuer->subject_dn, crl->issuer_dn) != 0)
    {
      g_set_error (error, CD_CRL_ERROR, CD_CRL_ERROR_NO_ISSUER,
                   _("The revocation list cannot be verified: the certificate of its issuer (%s) "
                     "is not in the register. Import the provider's CA certificate first."),
                   crl->issuer_dn);
      return FALSE;
    }
  x = cert_x509 (issuer);
  if (x != NULL && (X509_get_extension_flags (x) & EXFLAG_KUSAGE) != 0
      && (X509_get_key_usage (x) & KU_CRL_SIGN) == 0)
    {
      X509_free (x);
      ERR_clear_error ();
      g_set_error (error, CD_CRL_ERROR, CD_CRL_ERROR_BAD_SIGNATURE,
                   _("The certificate named as the issuer of the revocation list (%s) is not allowed to sign revocation lists: the list may be forged. "
                     "Download it again from the provider's own site."), crl->issuer_dn);
      return FALSE;
    }
  ok = x != NULL && crl_akid_matches (crl->crl, x)
       && X509_CRL_verify (crl->crl, X509_get0_pubkey (x)) == 1;
  X509_free (x);
  ERR_clear_error ();
  if (!ok)
    g_set_error (error, CD_CRL_ERROR, CD_CRL_ERROR_BAD_SIGNATURE,
                 _("The revocation list was not signed by its issuer (%s): it may be forged or damaged. "
                   "Download it again from the provider's own site."), crl->issuer_dn);
  return ok;
}

const CdCertificate *
cd_crl_find_issuer (const CdCrl  *crl,
                    GPtrArray    *candidates,
                    GError      **error)
{
  gboolean name_seen = FALSE;

  for (guint i = 0; candidates != NULL && i < candidates->len; i++)
    {
      const CdCertificate *c = g_ptr_array_index (candidates, i);
      if (g_strcmp0 (c->subject_dn, crl->issuer_dn) != 0 || c->der == NULL)
        continue;
      name_seen = TRUE;
      if (cd_crl_verify (crl, c, NULL))
        return c;
    }
  if (name_seen)
    g_set_error (error, CD_CRL_ERROR, CD_CRL_ERROR_BAD_SIGNATURE,
                 _("The revocation list was not signed by its issuer (%s): it may be forged or damaged. "
                   "Download it again from the provider's own site."), crl->issuer_dn);
  else
    g_set_error (error, CD_CRL_ERROR, CD_CRL_ERROR_NO_ISSUER,
                 _("The revocation list cannot be verified: the certificate of its issuer (%s) "
                   "is not in the register. Import the provider's CA certificate first."),
                 crl->issuer_dn);
  return NULL;
}
