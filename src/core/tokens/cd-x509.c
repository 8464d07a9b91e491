/* cd-x509.c — reading certificates with OpenSSL 3
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <time.h>
#include <glib/gi18n.h>
#include <openssl/asn1t.h>
#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/pkcs7.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include "cd-cert-pick.h"
#include "cd-fileutil.h"
#include "cd-settings.h"
#include "cd-x509.h"

#define MAX_CERT_FILE (4 * 1024 * 1024)

G_DEFINE_QUARK (cd-x509-error-quark, cd_x509_error)

/* Whether @s (valid UTF-8) is certainly NFC without normalising it:
 * ASCII, Latin-1 and Latin Extended, and the precomposed Vietnamese
 * letters (U+1E00–U+1EFF) never change under NFC when no combining mark
 * follows them. Normalising costs more than reading the certificate. */
static gboolean
surely_nfc (const char *s)
{
  for (const char *p = s; *p; p = g_utf8_next_char (p))
    {
      gunichar c;
      if ((guchar) *p < 0x80)
        continue;
      c = g_utf8_get_char (p);
      if (!(c < 0x300 || (c >= 0x1E00 && c <= 0x1EFF)))
        return FALSE;
    }
  return TRUE;
}

static char *
to_nfc (char *valid)
{
  char *nfc;

  if (surely_nfc (valid))
    return valid;
  nfc = g_utf8_normalize (valid, -1, G_NORMALIZE_NFC);
  g_free (valid);
  return nfc != NULL ? nfc : g_strdup ("");
}

/* An OpenSSL string as UTF-8 NFC; never NULL. */
char *
cd_x509_asn1_to_utf8 (const ASN1_STRING *s)
{
  unsigned char *out = NULL;
  int n;
  char *valid;

  switch (ASN1_STRING_type (s))
    {
    case V_ASN1_UTF8STRING:
    case V_ASN1_PRINTABLESTRING:
    case V_ASN1_IA5STRING:
    case V_ASN1_VISIBLESTRING:
      /* Already UTF-8 (or ASCII): no conversion needed. */
      return to_nfc (g_utf8_make_valid ((const char *) ASN1_STRING_get0_data (s), ASN1_STRING_length (s)));
    default:
      break;
    }
  n = ASN1_STRING_to_UTF8 (&out, s);
  if (n < 0)
    return g_strdup ("");
  valid = g_utf8_make_valid ((const char *) out, n);
  OPENSSL_free (out);
  return to_nfc (valid);
}

static char *
hex_upper (const unsigned char *data,
           gsize                len)
{
  static const char digits[] = "0123456789ABCDEF";
  char *out = g_malloc (len * 2 + 1);

  for (gsize i = 0; i < len; i++)
    {
      out[2 * i] = digits[data[i] >> 4];
      out[2 * i + 1] = digits[data[i] & 0xf];
    }
  out[len * 2] = '\0';
  return out;
}

/* The serial as its DER content octets: a serial whose first significant
 * byte has the high bit set keeps its 00 byte, as the providers and
 * Windows print it ("Số hiệu"). */
char *
cd_x509_serial_hex (const ASN1_INTEGER *serial)
{
  /* The number as openssl x509 -serial and the providers' portals print
   * it: the integer's magnitude, whole bytes, upper-case hex. Leading
   * zero digits of that magnitude are kept ("0A01…"); the 00 byte DER
   * adds before a first byte >= 0x80 is not part of the number. */
  const unsigned char *data = ASN1_STRING_get0_data (serial);
  int len = ASN1_STRING_length (serial);
  g_autofree char *hex = NULL;

  if (data == NULL || len <= 0)
    return g_strdup ("00");
  hex = hex_upper (data, (gsize) len);
  /* RFC 5280 forbids them, some CAs made them: a negative serial keeps
   * its sign (as openssl prints it), or it would collide with the
   * positive one in CRL matching. */
  if (ASN1_STRING_type (serial) == V_ASN1_NEG_INTEGER)
    return g_strconcat ("-", hex, NULL);
  return g_steal_pointer (&hex);
}

gint64
cd_x509_time_to_unix (const ASN1_TIME *t)
{
  struct tm tm = { 0 };

  if (t == NULL || !ASN1_TIME_to_tm (t, &tm))
    return 0;
  return (gint64) timegm (&tm);
}

/* RFC 4514 escaping of one attribute value. */
static void
append_escaped (GString    *out,
                const char *value)
{
  for (const char *p = value; *p; p++)
    {
      gboolean edge = (p == value && (*p == ' ' || *p == '#'))
                      || (p[1] == '\0' && *p == ' ');
      if (edge || strchr (",+\"\\<>;", *p) != NULL)
        g_string_append_c (out, '\\');
      g_string_append_c (out, *p);
    }
}

static const char *
attr_short_name (int nid,
                 const ASN1_OBJECT *obj,
                 char *buf,
                 gsize buf_len)
{
  const char *sn = nid != NID_undef ? OBJ_nid2sn (nid) : NULL;

  if (nid == NID_pkcs9_emailAddress)
    return "emailAddress";
  if (nid == NID_userId)
    return "UID";
  if (sn != NULL)
    return sn;
  OBJ_obj2txt (buf, (int) buf_len, obj, 1);
  return buf;
}

/* A name's attributes, each converted once. */
typedef struct {
  int         nid;
  int         set;      /* RDN index: equal for a multi-valued RDN */
  char       *type;     /* "CN", "OU", "UID", "emailAddress" or an OID */
  char       *value;    /* UTF-8 NFC */
} NameEntry;

static void
name_entries_clear (GArray *entries)
{
  for (guint i = 0; i < entries->len; i++)
    {
      NameEntry *e = &g_array_index (entries, NameEntry, i);
      g_free (e->type);
      g_free (e->value);
    }
  g_array_unref (entries);
}

static void
name_entries_add (GArray                *entries,
                  const X509_NAME_ENTRY *ne,
                  int                    set)
{
  const ASN1_OBJECT *obj = X509_NAME_ENTRY_get_object (ne);
  char buf[80];
  NameEntry e;

  e.nid = OBJ_obj2nid (obj);
  e.set = set;
  e.type = g_strdup (attr_short_name (e.nid, obj, buf, sizeof buf));
  e.value = cd_x509_asn1_to_utf8 (X509_NAME_ENTRY_get_data (ne));
  g_array_append_val (entries, e);
}

static GArray *
name_entries_new (void)
{
  return g_array_sized_new (FALSE, FALSE, sizeof (NameEntry), 12);
}

static GArray *
name_entries_from_x509 (const X509_NAME *name)
{
  GArray *entries = name_entries_new ();
  int n = X509_NAME_entry_count (name);

  for (int i = 0; i < n; i++)
    {
      const X509_NAME_ENTRY *ne = X509_NAME_get_entry (name, i);
      name_entries_add (entries, ne, X509_NAME_ENTRY_set (ne));
    }
  return entries;
}

static GArray *
name_entries_from_rdns (const OPENSSL_STACK *rdns)
{
  GArray *entries = name_entries_new ();

  for (int i = 0; i < OPENSSL_sk_num (rdns); i++)
    {
      const STACK_OF(X509_NAME_ENTRY) *rdn = OPENSSL_sk_value (rdns, i);
      for (int j = 0; j < sk_X509_NAME_ENTRY_num (rdn); j++)
        name_entries_add (entries, sk_X509_NAME_ENTRY_value (rdn, j), i);
    }
  return entries;
}

/* One-line DN in RFC 4514 order (last RDN first), multi-valued RDNs
 * joined with '+'. */
static char *
name_entries_to_dn (GArray *entries)
{
  GString *out = g_string_new (NULL);
  int prev_set = -1;

  for (guint i = entries->len; i-- > 0;)
    {
      const NameEntry *e = &g_array_index (entries, NameEntry, i);

      if (out->len > 0)
        g_string_append_c (out, e->set == prev_set ? '+' : ',');
      g_string_append (out, e->type);
      g_string_append_c (out, '=');
      append_escaped (out, e->value);
      prev_set = e->set;
    }
  return g_string_free (out, FALSE);
}

char *
cd_x509_name_to_dn (const X509_NAME *name)
{
  GArray *entries = name_entries_from_x509 (name);
  char *dn = name_entries_to_dn (entries);

  name_entries_clear (entries);
  return dn;
}

static char *
name_first (GArray *entries,
            int     nid)
{
  for (guint i = 0; i < entries->len; i++)
    if (g_array_index (entries, NameEntry, i).nid == nid)
      return g_strdup (g_array_index (entries, NameEntry, i).value);
  return NULL;
}

static gboolean
has_prefix_ci (const char *s,
               const char *prefix,
               const char **rest)
{
  gsize n = strlen (prefix);

  if (g_ascii_strncasecmp (s, prefix, n) != 0)
    return FALSE;
  *rest = s + n;
  while (**rest == ' ')
    (*rest)++;
  return TRUE;
}

static void
read_subject (CdCertificate *cert,
              GArray        *entries)
{
  g_autoptr(GPtrArray) attrs = g_ptr_array_new ();
  g_autoptr(GPtrArray) ous = g_ptr_array_new ();
  g_autoptr(GPtrArray) uids = g_ptr_array_new ();
  g_autofree char *cmnd = NULL;

  for (guint i = 0; i < entries->len; i++)
    {
      const NameEntry *e = &g_array_index (entries, NameEntry, i);
      const char *value = e->value;
      const char *rest;

      g_ptr_array_add (attrs, g_strconcat (e->type, "=", value, NULL));
      switch (e->nid)
        {
        case NID_commonName:
          if (cert->subject_cn == NULL)
            cert->subject_cn = g_strdup (value);
          break;
        case NID_organizationalUnitName:
          g_ptr_array_add (ous, g_strdup (value));
          break;
        case NID_organizationName:
          if (cert->subject_o == NULL)
            cert->subject_o = g_strdup (value);
          break;
        case NID_localityName:
          if (cert->subject_l == NULL)
            cert->subject_l = g_strdup (value);
          break;
        case NID_stateOrProvinceName:
          if (cert->subject_st == NULL)
            cert->subject_st = g_strdup (value);
          break;
        case NID_pkcs9_emailAddress:
          if (cert->email == NULL && *value != '\0')
            cert->email = g_strdup (value);
          break;
        case NID_userId:
          g_ptr_array_add (uids, g_strdup (value));
          if (has_prefix_ci (value, "CCCD:", &rest))
            {
              if (cert->uid_cccd == NULL)
                cert->uid_cccd = g_strdup (rest);
            }
          else if (has_prefix_ci (value, "CMND:", &rest))
            {
              if (cmnd == NULL)
                cmnd = g_strdup (rest);
            }
          else if (has_prefix_ci (value, "MST:", &rest))
            {
              if (cert->uid_mst == NULL)
                cert->uid_mst = g_strdup (rest);
            }
          else if (has_prefix_ci (value, "HC:", &rest))
            {
              if (cert->uid_passport == NULL)
                cert->uid_passport = g_strdup (rest);
            }
          break;
        default:
          break;
        }
    }

  /* An old CMND number identifies the person when there is no CCCD. */
  if (cert->uid_cccd == NULL && cmnd != NULL)
    cert->uid_cccd = g_steal_pointer (&cmnd);

  g_ptr_array_add (attrs, NULL);
  cert->subject_attrs = (char **) g_ptr_array_steal (attrs, NULL);
  if (ous->len > 0)
    {
      g_ptr_array_add (ous, NULL);
      cert->subject_ou = (char **) g_ptr_array_steal (ous, NULL);
    }
  if (uids->len > 0)
    {
      g_ptr_array_add (uids, NULL);
      cert->subject_uids = (char **) g_ptr_array_steal (uids, NULL);
    }
}

static char **
strv_from_array (GPtrArray *a)
{
  if (a->len == 0)
    return NULL;
  g_ptr_array_add (a, NULL);
  return (char **) g_ptr_array_steal (a, NULL);
}

static char *
general_name_uri (const GENERAL_NAME *gn)
{
  if (gn->type != GEN_URI)
    return NULL;
  return cd_x509_asn1_to_utf8 (gn->d.uniformResourceIdentifier);
}

static void *
ext_d2i (const STACK_OF(X509_EXTENSION) *exts,
         int                             nid)
{
  int i = X509v3_get_ext_by_NID (exts, nid, -1);

  if (i < 0)
    return NULL;
  return X509V3_EXT_d2i (X509v3_get_ext (exts, i));
}

static void
read_extensions (CdCertificate                  *cert,
                 const STACK_OF(X509_EXTENSION) *exts)
{
  ASN1_BIT_STRING *ku = ext_d2i (exts, NID_key_usage);
  STACK_OF(GENERAL_NAME) *san;
  STACK_OF(DIST_POINT) *dps;
  AUTHORITY_INFO_ACCESS *aia;

  /* keyUsage bits: 0 digitalSignature, 1 nonRepudiation,
   * 2 keyEncipherment, 3 dataEncipherment, 4 keyAgreement. */
  if (ku != NULL)
    {
      if (ASN1_BIT_STRING_get_bit (ku, 0) || ASN1_BIT_STRING_get_bit (ku, 1))
        cert->key_usage |= CD_KEY_USAGE_SIGNING;
      if (ASN1_BIT_STRING_get_bit (ku, 2) || ASN1_BIT_STRING_get_bit (ku, 3)
          || ASN1_BIT_STRING_get_bit (ku, 4))
        cert->key_usage |= CD_KEY_USAGE_ENCRYPTION;
      ASN1_BIT_STRING_free (ku);
    }

  san = ext_d2i (exts, NID_subject_alt_name);
  if (san != NULL)
    {
      for (int i = 0; cert->email == NULL && i < sk_GENERAL_NAME_num (san); i++)
        {
          const GENERAL_NAME *gn = sk_GENERAL_NAME_value (san, i);
          if (gn->type == GEN_EMAIL)
            {
              char *v = cd_x509_asn1_to_utf8 (gn->d.rfc822Name);
              if (*v != '\0')
                cert->email = v;
              else
                g_free (v);
            }
        }
      GENERAL_NAMES_free (san);
    }

  dps = ext_d2i (exts, NID_crl_distribution_points);
  if (dps != NULL)
    {
      g_autoptr(GPtrArray) urls = g_ptr_array_new ();
      for (int i = 0; i < sk_DIST_POINT_num (dps); i++)
        {
          const DIST_POINT *dp = sk_DIST_POINT_value (dps, i);
          if (dp->distpoint == NULL || dp->distpoint->type != 0)
            continue;
          for (int j = 0; j < sk_GENERAL_NAME_num (dp->distpoint->name.fullname); j++)
            {
              char *u = general_name_uri (sk_GENERAL_NAME_value (dp->distpoint->name.fullname, j));
              if (u != NULL)
                g_ptr_array_add (urls, u);
            }
        }
      cert->crl_urls = strv_from_array (urls);
      CRL_DIST_POINTS_free (dps);
    }

  aia = ext_d2i (exts, NID_info_access);
  if (aia != NULL)
    {
      g_autoptr(GPtrArray) urls = g_ptr_array_new ();
      for (int i = 0; i < sk_ACCESS_DESCRIPTION_num (aia); i++)
        {
          const ACCESS_DESCRIPTION *ad = sk_ACCESS_DESCRIPTION_value (aia, i);
          if (OBJ_obj2nid (ad->method) == NID_ad_OCSP)
            {
              char *u = general_name_uri (ad->location);
              if (u != NULL)
                g_ptr_array_add (urls, u);
            }
        }
      cert->ocsp_urls = strv_from_array (urls);
      AUTHORITY_INFO_ACCESS_free (aia);
    }
}

/* The certificate's structure, decoded without its public key: in
 * OpenSSL 3.0, d2i_X509 hands the key to the provider decoders, which
 * costs about 0.4 ms per certificate; we never need the key. */
typedef struct {
  ASN1_INTEGER             *version;
  ASN1_INTEGER             *serial;
  X509_ALGOR               *signature;
  OPENSSL_STACK            *issuer;   /* RDNs: stacks of X509_NAME_ENTRY */
  X509_VAL                 *validity;
  OPENSSL_STACK            *subject;
  ASN1_TYPE                *spki;
  ASN1_BIT_STRING          *issuer_uid;
  ASN1_BIT_STRING          *subject_uid;
  STACK_OF(X509_EXTENSION) *extensions;
} CdTbsCertificate;

typedef struct {
  CdTbsCertificate *tbs;
  X509_ALGOR       *signature_algorithm;
  ASN1_BIT_STRING  *signature;
} CdRawCertificate;

/* Names as bare RDN sequences: X509_NAME would also build its
 * canonical form, which only lookups by name need. */
ASN1_ITEM_TEMPLATE (CdRdn) =
  ASN1_EX_TEMPLATE_TYPE (ASN1_TFLG_SET_OF, 0, RDN, X509_NAME_ENTRY)
static_ASN1_ITEM_TEMPLATE_END (CdRdn)

ASN1_ITEM_TEMPLATE (CdRdnSequence) =
  ASN1_EX_TEMPLATE_TYPE (ASN1_TFLG_SEQUENCE_OF, 0, Name, CdRdn)
static_ASN1_ITEM_TEMPLATE_END (CdRdnSequence)

ASN1_SEQUENCE (CdTbsCertificate) = {
  ASN1_EXP_OPT (CdTbsCertificate, version, ASN1_INTEGER, 0),
  ASN1_SIMPLE (CdTbsCertificate, serial, ASN1_INTEGER),
  ASN1_SIMPLE (CdTbsCertificate, signature, X509_ALGOR),
  ASN1_SIMPLE (CdTbsCertificate, issuer, CdRdnSequence),
  ASN1_SIMPLE (CdTbsCertificate, validity, X509_VAL),
  ASN1_SIMPLE (CdTbsCertificate, subject, CdRdnSequence),
  ASN1_SIMPLE (CdTbsCertificate, spki, ASN1_ANY),
  ASN1_IMP_OPT (CdTbsCertificate, issuer_uid, ASN1_BIT_STRING, 1),
  ASN1_IMP_OPT (CdTbsCertificate, subject_uid, ASN1_BIT_STRING, 2),
  ASN1_EXP_SEQUENCE_OF_OPT (CdTbsCertificate, extensions, X509_EXTENSION, 3),
} static_ASN1_SEQUENCE_END (CdTbsCertificate)

ASN1_SEQUENCE (CdRawCertificate) = {
  ASN1_SIMPLE (CdRawCertificate, tbs, CdTbsCertificate),
  ASN1_SIMPLE (CdRawCertificate, signature_algorithm, X509_ALGOR),
  ASN1_SIMPLE (CdRawCertificate, signature, ASN1_BIT_STRING),
} static_ASN1_SEQUENCE_END (CdRawCertificate)

static void
set_format_error (GError **error);

/* Fetched once: an implicit fetch at each digest is a tenth of the
 * time spent on a certificate. */
static const EVP_MD *
sha256 (void)
{
  static gsize md;

  if (g_once_init_enter (&md))
    g_once_init_leave (&md, (gsize) EVP_MD_fetch (NULL, "SHA256", NULL));
  return (const EVP_MD *) md;
}

/* @der must be exactly one certificate. */
static CdCertificate *
certificate_from_der (const guint8  *der,
                      gsize          len,
                      GError       **error)
{
  g_autoptr(CdCertificate) cert = NULL;
  const unsigned char *p = der;
  CdRawCertificate *raw;
  CdTbsCertificate *tbs;
  GArray *subject, *issuer;
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int md_len = 0;

  if (der == NULL || len == 0 || len > G_MAXLONG)
    {
      set_format_error (error);
      return NULL;
    }
  raw = (CdRawCertificate *) ASN1_item_d2i (NULL, &p, (long) len, ASN1_ITEM_rptr (CdRawCertificate));
  if (raw == NULL || (gsize) (p - der) != len)
    {
      ASN1_item_free ((ASN1_VALUE *) raw, ASN1_ITEM_rptr (CdRawCertificate));
      ERR_clear_error ();
      set_format_error (error);
      return NULL;
    }
  tbs = raw->tbs;
  if (!EVP_Digest (der, len, md, &md_len, sha256 (), NULL))
    {
      ASN1_item_free ((ASN1_VALUE *) raw, ASN1_ITEM_rptr (CdRawCertificate));
      g_set_error (error, CD_X509_ERROR, CD_X509_ERROR_FAILED,
                   _("The certificate's fingerprint could not be computed."));
      return NULL;
    }
  cert = cd_certificate_new ();
  cert->der = g_bytes_new (der, len);
  cert->fingerprint = hex_upper (md, md_len);
  cert->serial = cd_x509_serial_hex (tbs->serial);
  cert->not_before = cd_x509_time_to_unix (tbs->validity->notBefore);
  cert->not_after = cd_x509_time_to_unix (tbs->validity->notAfter);
  subject = name_entries_from_rdns (tbs->subject);
  issuer = name_entries_from_rdns (tbs->issuer);
  cert->subject_dn = name_entries_to_dn (subject);
  read_subject (cert, subject);
  cert->issuer_dn = name_entries_to_dn (issuer);
  cert->issuer_cn = name_first (issuer, NID_commonName);
  cert->issuer_o = name_first (issuer, NID_organizationName);
  name_entries_clear (subject);
  name_entries_clear (issuer);
  cert->provider = cd_x509_provider_name (cert->issuer_cn, cert->issuer_o);
  read_extensions (cert, tbs->extensions);
  cd_certificate_classify (cert);
  cert->source = CD_CERT_SOURCE_TOKEN;
  ASN1_item_free ((ASN1_VALUE *) raw, ASN1_ITEM_rptr (CdRawCertificate));
  ERR_clear_error ();
  return g_steal_pointer (&cert);
}

static CdCertificate *
certificate_from_x509 (X509    *x,
                       GError **error)
{
  unsigned char *der = NULL;
  int der_len = i2d_X509 (x, &der);
  CdCertificate *cert;

  if (der_len <= 0)
    {
      g_set_error (error, CD_X509_ERROR, CD_X509_ERROR_FORMAT,
                   _("The certificate is damaged and cannot be read. Ask the provider for a new copy of the file."));
      return NULL;
    }
  cert = certificate_from_der (der, (gsize) der_len, error);
  OPENSSL_free (der);
  return cert;
}

static void
set_format_error (GError **error)
{
  g_set_error (error, CD_X509_ERROR, CD_X509_ERROR_FORMAT,
               _("This is not a certificate file, or it is damaged or incomplete. "
                 "Choose the .cer, .crt, .pem or .p7b file the provider sent."));
}

CdCertificate *
cd_x509_parse_der (const guint8  *der,
                   gsize          len,
                   GError       **error)
{
  return certificate_from_der (der, len, error);
}

/* Adds the certificates of a PKCS#7 structure; FALSE when it is not one. */
static gboolean
add_pkcs7 (GPtrArray     *out,
           const guint8  *der,
           gsize          len,
           GError       **error)
{
  const unsigned char *p = der;
  PKCS7 *p7 = d2i_PKCS7 (NULL, &p, (long) len);
  STACK_OF(X509) *certs = NULL;
  gboolean ok = TRUE;

  if (p7 == NULL)
    return FALSE;
  if (PKCS7_type_is_signed (p7) && p7->d.sign != NULL)
    certs = p7->d.sign->cert;
  else if (PKCS7_type_is_signedAndEnveloped (p7) && p7->d.signed_and_enveloped != NULL)
    certs = p7->d.signed_and_enveloped->cert;
  for (int i = 0; ok && i < sk_X509_num (certs); i++)
    {
      CdCertificate *c = certificate_from_x509 (sk_X509_value (certs, i), error);
      if (c == NULL)
        ok = FALSE;
      else
        g_ptr_array_add (out, c);
    }
  PKCS7_free (p7);
  return ok;
}

static gboolean
looks_like_pem (const guint8 *data,
                gsize         len)
{
  return memmem (data, len, "-----BEGIN ", 11) != NULL;
}

static gboolean
parse_pem (GPtrArray     *out,
           const guint8  *data,
           gsize          len,
           GError       **error)
{
  BIO *bio = BIO_new_mem_buf (data, (int) len);
  gboolean ok = TRUE;
  guint blocks = 0;

  for (;;)
    {
      char *name = NULL, *header = NULL;
      unsigned char *body = NULL;
      long body_len = 0;

      ERR_set_mark ();
      if (!PEM_read_bio (bio, &name, &header, &body, &body_len))
        {
          unsigned long err = ERR_peek_last_error ();
          /* Only "no more blocks" ends the file cleanly; a block with bad
           * base64 or no END line is damage. */
          if (!(ERR_GET_LIB (err) == ERR_LIB_PEM && ERR_GET_REASON (err) == PEM_R_NO_START_LINE))
            ok = FALSE;
          ERR_pop_to_mark ();
          break;
        }
      ERR_clear_last_mark ();
      blocks++;
      if (g_str_equal (name, PEM_STRING_X509) || g_str_equal (name, PEM_STRING_X509_OLD)
          || g_str_equal (name, PEM_STRING_X509_TRUSTED))
        {
          const unsigned char *p = body;
          X509 *x = g_str_equal (name, PEM_STRING_X509_TRUSTED)
                    ? d2i_X509_AUX (NULL, &p, body_len)
                    : d2i_X509 (NULL, &p, body_len);
          if (x == NULL || p - body != body_len)
            ok = FALSE;
          else
            {
              CdCertificate *c = certificate_from_x509 (x, error);
              if (c == NULL)
                ok = FALSE;
              else
                g_ptr_array_add (out, c);
            }
          X509_free (x);
        }
      else if (g_str_equal (name, PEM_STRING_PKCS7) || g_str_equal (name, "PKCS #7 SIGNED DATA"))
        {
          if (!add_pkcs7 (out, body, (gsize) body_len, error))
            ok = FALSE;
        }
      OPENSSL_free (name);
      OPENSSL_free (header);
      OPENSSL_free (body);
      if (!ok)
        break;
    }
  BIO_free (bio);
  if (!ok && error != NULL && *error == NULL)
    set_format_error (error);
  return ok;
}

GPtrArray *
cd_x509_parse_data (const guint8  *data,
                    gsize          len,
                    GError       **error)
{
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) cd_certificate_free);

  if (data == NULL || len == 0 || len > G_MAXINT)
    {
      set_format_error (error);
      return NULL;
    }

  if (looks_like_pem (data, len))
    {
      if (!parse_pem (out, data, len, error))
        return NULL;
    }
  else
    {
      CdCertificate *c = certificate_from_der (data, len, NULL);

      if (c != NULL)
        g_ptr_array_add (out, c);
      else
        {
          if (!add_pkcs7 (out, data, len, error))
            {
              if (error != NULL && *error == NULL)
                set_format_error (error);
              return NULL;
            }
        }
    }
  ERR_clear_error ();

  if (out->len == 0)
    {
      g_set_error (error, CD_X509_ERROR, CD_X509_ERROR_EMPTY,
                   _("The file holds no certificate. Ask the provider for the file of the certificate itself."));
      return NULL;
    }
  return g_steal_pointer (&out);
}

GPtrArray *
cd_x509_load_file (const char  *path,
                   GError     **error)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) local = NULL;
  gsize len = 0;
  GPtrArray *certs;

  if (!cd_file_read_limited (path, MAX_CERT_FILE, &contents, &len, &local))
    {
      g_autofree char *base = g_filename_display_basename (path);
      g_set_error (error, CD_X509_ERROR, CD_X509_ERROR_IO,
                   _("The file “%s” cannot be read: %s"), base, local->message);
      return NULL;
    }
  certs = cd_x509_parse_data ((const guint8 *) contents, len, error);
  for (guint i = 0; certs != NULL && i < certs->len; i++)
    ((CdCertificate *) g_ptr_array_index (certs, i))->source = CD_CERT_SOURCE_FILE;
  return certs;
}

/* Accent-free lower-case, so "Ban Co yeu" and "BAN CƠ YẾU" both match. */
static char *
fold (const char *s)
{
  g_autofree char *nfd = g_utf8_normalize (s, -1, G_NORMALIZE_NFD);
  GString *out = g_string_new (NULL);

  for (const char *p = nfd; p != NULL && *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (g_unichar_combining_class (c) != 0)
        continue;
      if (c == 0x0111 || c == 0x0110) /* đ Đ */
        c = 'd';
      g_string_append_unichar (out, g_unichar_tolower (c));
    }
  return g_string_free (out, FALSE);
}

char *
cd_x509_provider_name (const char *issuer_cn,
                       const char *issuer_o)
{
  static const struct { const char *needle; const char *name; } known[] = {
    { "ban co yeu chinh phu", "Ban Cơ yếu Chính phủ" },
    { "government cipher", "Ban Cơ yếu Chính phủ" },
    { "chuyen dung chinh phu", "Ban Cơ yếu Chính phủ" },
    { "co quan nha nuoc", "Ban Cơ yếu Chính phủ" },
    { "vgca", "Ban Cơ yếu Chính phủ" },
    { "vnpt", "VNPT" },
    { "viettel", "Viettel" },
    { "bkav", "BKAV" },
    { "fpt", "FPT" },
    { "nacencomm", "Nacencomm (CA2)" },
    { "nc-ca", "Nacencomm (CA2)" },
    { "misa", "MISA" },
    { "smartsign", "SmartSign (VINA-CA)" },
    { "vina", "SmartSign (VINA-CA)" },
    { "cyberlotus", "CyberLotus" },
    { "easyca", "EasyCA" },
    { "efy", "EFY" },
    { "safe-ca", "SAFE-CA" },
    { "trustca", "TrustCA" },
    { "fastca", "FastCA" },
    { "newtel", "Newtel-CA" },
    { "mobifone", "MobiFone" },
    { "i-ca", "I-CA" },
  };
  /* Certificates come in runs from the same issuer: remember the last. */
  static GMutex lock;
  static char *last_hay, *last_name;
  g_autofree char *hay = g_strdup_printf ("%s|%s", issuer_o ? issuer_o : "", issuer_cn ? issuer_cn : "");
  g_autofree char *folded = NULL;
  const char *name = NULL;
  char *result;

  g_mutex_lock (&lock);
  if (last_hay != NULL && strcmp (last_hay, hay) == 0)
    {
      result = g_strdup (last_name);
      g_mutex_unlock (&lock);
      return result;
    }
  g_mutex_unlock (&lock);

  folded = fold (hay);
  for (guint i = 0; name == NULL && i < G_N_ELEMENTS (known); i++)
    if (strstr (folded, known[i].needle) != NULL)
      name = known[i].name;
  if (name == NULL)
    name = issuer_o != NULL && *issuer_o != '\0' ? issuer_o : issuer_cn;
  result = g_strdup (name);

  g_mutex_lock (&lock);
  g_free (last_hay);
  g_free (last_name);
  last_hay = g_steal_pointer (&hay);
  last_name = g_strdup (result);
  g_mutex_unlock (&lock);
  return result;
}

int
cd_x509_threshold_days (void)
{
  return cd_settings_expiry_threshold_days (NULL);
}

const char *
cd_key_usage_to_string (CdKeyUsage usage)
{
  switch ((int) usage)
    {
    case CD_KEY_USAGE_SIGNING:
      return "signing";
    case CD_KEY_USAGE_ENCRYPTION:
      return "encryption";
    case CD_KEY_USAGE_SIGNING | CD_KEY_USAGE_ENCRYPTION:
      return "signing+encryption";
    default:
      return "";
    }
}
