/* cd-x509.h — reading certificates (OpenSSL 3) into CdCertificate
 *
 * Accepts what the clerk gets from providers and tokens: DER or PEM
 * certificates (.cer .crt .pem), PKCS#7 bundles (.p7b .p7c, DER or PEM)
 * and the CKA_VALUE of a PKCS#11 certificate object. Every string comes
 * out UTF-8 NFC. Thread-safe: the token monitor calls it on its worker.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <openssl/asn1.h>
#include <openssl/x509.h>

#include "cd-model.h"

G_BEGIN_DECLS

#define CD_X509_ERROR (cd_x509_error_quark ())

typedef enum {
  CD_X509_ERROR_FAILED,
  CD_X509_ERROR_FORMAT,   /* not a certificate, damaged or truncated */
  CD_X509_ERROR_EMPTY,    /* a valid bundle holding no certificate */
  CD_X509_ERROR_IO,       /* the file cannot be read */
  CD_X509_ERROR_BAD_SIGNATURE, /* not signed by its known issuer (issue 20) */
} CdX509Error;

GQuark         cd_x509_error_quark   (void);

/* One DER certificate (a file's bytes or a token's CKA_VALUE). The whole
 * buffer must be the certificate. */
CdCertificate *cd_x509_parse_der     (const guint8  *der,
                                      gsize          len,
                                      GError       **error);

/* Every certificate in @data, whatever its encoding (DER, PEM with one or
 * more blocks, PKCS#7 in DER or PEM). Fails when none is found.
 * Element type CdCertificate, in file order. */
GPtrArray     *cd_x509_parse_data    (const guint8  *data,
                                      gsize          len,
                                      GError       **error);

/* cd_x509_parse_data() on a file (at most 4 MiB); source set to FILE. */
GPtrArray     *cd_x509_load_file     (const char    *path,
                                      GError       **error);

/* The provider's name from the issuer ("Ban Cơ yếu Chính phủ", "VNPT",
 * "Viettel", "BKAV", "FPT"…), else @issuer_o, else @issuer_cn. */
char          *cd_x509_provider_name (const char    *issuer_cn,
                                      const char    *issuer_o);

/* The "expiring" threshold in days: GSettings expiry-threshold-days,
 * 60 when no schema is installed. */
int            cd_x509_threshold_days (void);

/* "signing", "encryption", "signing+encryption" or "" (no extension). */
const char    *cd_key_usage_to_string (CdKeyUsage usage);

/* Helpers shared with the CRL reader. */
/* A serial as its DER content octets in upper-case hex: leading zero
 * bytes kept, as providers print "số hiệu". */
char          *cd_x509_serial_hex     (const ASN1_INTEGER *serial);
/* One-line DN, RFC 4514 order, UTF-8 NFC. */
char          *cd_x509_name_to_dn     (const X509_NAME    *name);
char          *cd_x509_asn1_to_utf8   (const ASN1_STRING  *s);
gint64         cd_x509_time_to_unix   (const ASN1_TIME    *t);

G_END_DECLS
