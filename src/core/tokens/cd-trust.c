/* cd-trust.c — who signed a certificate, and whether it is trusted
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>
#include <openssl/err.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include "cd-trust.h"
#include "cd-x509.h"

#define FINGERPRINT_HEX 64

char *
cd_trust_format_fingerprint (const char *fingerprint)
{
  g_autofree char *hex = cd_trust_normalize_fingerprint (fingerprint);
  GString *s;

  if (hex == NULL)
    return g_strdup (fingerprint ? fingerprint : "");
  s = g_string_sized_new (FINGERPRINT_HEX + FINGERPRINT_HEX / 4);
  for (guint i = 0; i < FINGERPRINT_HEX; i += 4)
    {
      if (i > 0)
        g_string_append_c (s, ' ');
      g_string_append_len (s, hex + i, 4);
    }
  return g_string_free (s, FALSE);
}

char *
cd_trust_normalize_fingerprint (const char *text)
{
  GString *s;

  if (text == NULL)
    return NULL;
  s = g_string_sized_new (FINGERPRINT_HEX);
  for (const char *p = text; *p != '\0'; p++)
    {
      /* The separators people copy from a provider's page or from
       * openssl's output; anything else is not a fingerprint. */
      if (*p == ' ' || *p == ':' || *p == '-' || *p == '\t' || *p == '\n')
        continue;
      if (!g_ascii_isxdigit (*p) || s->len >= FINGERPRINT_HEX)
        return (g_string_free (s, TRUE), NULL);
      g_string_append_c (s, g_ascii_toupper (*p));
    }
  if (s->len != FINGERPRINT_HEX)
    return (g_string_free (s, TRUE), NULL);
  return g_string_free (s, FALSE);
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

G_DEFINE_AUTOPTR_CLEANUP_FUNC (X509, X509_free)

gboolean
cd_trust_is_ca (const CdCertificate *cert)
{
  g_autoptr(X509) x = cert_x509 (cert);
  gboolean ca = x != NULL && X509_check_ca (x) != 0;

  ERR_clear_error ();
  return ca;
}

/* Name, then key identifier: the certificate's AKI keyid against the
 * CA's SKI when both are there (a CA without an SKI, or a certificate
 * without an AKI, is judged by its name and, later, its signature). */
static gboolean
names_issuer (X509 *ca,
              X509 *x)
{
  const ASN1_OCTET_STRING *aki, *ski;

  if (X509_NAME_cmp (X509_get_issuer_name (x), X509_get_subject_name (ca)) != 0)
    return FALSE;
  aki = X509_get0_authority_key_id (x);
  ski = X509_get0_subject_key_id (ca);
  return aki == NULL || ski == NULL || ASN1_OCTET_STRING_cmp (aki, ski) == 0;
}

gboolean
cd_trust_names_issuer (const CdCertificate *ca,
                       const CdCertificate *cert)
{
  g_autoptr(X509) c = cert_x509 (ca);
  g_autoptr(X509) x = cert_x509 (cert);
  gboolean ok = c != NULL && x != NULL && names_issuer (c, x);

  ERR_clear_error ();
  return ok;
}

/* The issuer's DN as the register writes subject_dn, to skip candidates
 * by a string compare before parsing them. */
static char *
issuer_dn_of (X509 *x)
{
  return cd_x509_name_to_dn (X509_get_issuer_name (x));
}

/* Both key identifiers present and equal: the strongest sign, short of
 * the signature, that @ca is @x's issuer. */
static gboolean
key_ids_equal (X509 *ca,
               X509 *x)
{
  const ASN1_OCTET_STRING *aki = X509_get0_authority_key_id (x);
  const ASN1_OCTET_STRING *ski = X509_get0_subject_key_id (ca);

  return aki != NULL && ski != NULL && ASN1_OCTET_STRING_cmp (aki, ski) == 0;
}

static const CdCertificate *
find_issuer (X509       *x,
             const char *issuer_dn,
             GPtrArray  *candidates,
             GHashTable *trusted,
             gboolean   *known)
{
  for (guint i = 0; candidates != NULL && i < candidates->len; i++)
    {
      const CdCertificate *c = g_ptr_array_index (candidates, i);
      g_autoptr(X509) ca = NULL;
      gboolean ok;

      if (c->der == NULL || g_strcmp0 (c->subject_dn, issuer_dn) != 0)
        continue;
      ca = cert_x509 (c);
      if (ca == NULL || !names_issuer (ca, x))
        continue;
      if (known != NULL
          && (key_ids_equal (ca, x)
              || (trusted != NULL && c->fingerprint != NULL && g_hash_table_contains (trusted, c->fingerprint))))
        *known = TRUE;
      /* X509_check_issued: names and AKI/SKI again (also the AKI's
       * issuer and serial form) and the CA's keyCertSign. */
      ok = X509_check_issued (ca, x) == X509_V_OK
           && X509_verify (x, X509_get0_pubkey (ca)) == 1;
      ERR_clear_error ();
      if (ok)
        return c;
    }
  return NULL;
}

const CdCertificate *
cd_trust_find_issuer (const CdCertificate *cert,
                      GPtrArray           *candidates)
{
  g_autoptr(X509) x = cert_x509 (cert);
  g_autofree char *dn = NULL;

  if (x == NULL)
    return NULL;
  dn = issuer_dn_of (x);
  return find_issuer (x, dn, candidates, NULL, NULL);
}

gboolean
cd_trust_check_signature (const CdCertificate *cert,
                          GPtrArray           *candidates,
                          GHashTable          *trusted,
                          GError             **error)
{
  g_autoptr(X509) x = cert_x509 (cert);
  g_autofree char *dn = NULL;
  gboolean known = FALSE;

  if (x == NULL)
    return TRUE;   /* nothing to check: a typed-in certificate */
  dn = issuer_dn_of (x);
  if (find_issuer (x, dn, candidates, trusted, &known) != NULL || !known)
    return TRUE;
  g_set_error (error, CD_X509_ERROR, CD_X509_ERROR_BAD_SIGNATURE,
               _("Certificate %s (%s) does not carry a valid signature of its issuer “%s”: it was altered "
                 "after it was issued, or forged. Nothing from this file was stored. Ask the holder or the "
                 "provider for the certificate file again."),
               cert->serial ? cert->serial : "?", cert->subject_cn ? cert->subject_cn : "", dn);
  return FALSE;
}

const CdCertificate *
cd_trust_chain_anchor (const CdCertificate *ca,
                       GPtrArray           *pool,
                       GHashTable          *trusted)
{
  const CdCertificate *cur = ca;

  for (guint depth = 0; cur != NULL && depth < CD_TRUST_MAX_DEPTH; depth++)
    {
      const CdCertificate *up;

      if (cur->fingerprint != NULL && trusted != NULL && g_hash_table_contains (trusted, cur->fingerprint))
        return cur;
      up = cd_trust_find_issuer (cur, pool);
      /* A self-signed root not trusted ends the chain. */
      if (up == NULL || up == cur || g_strcmp0 (up->fingerprint, cur->fingerprint) == 0)
        return NULL;
      cur = up;
    }
  return NULL;
}
