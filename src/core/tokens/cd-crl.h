/* cd-crl.h — certificate revocation lists
 *
 * A CRL the clerk downloaded from the provider (DER or PEM) is read,
 * verified against the issuer's certificate, and its entries are matched
 * to certificates by issuer and serial.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "cd-model.h"

G_BEGIN_DECLS

#define CD_CRL_ERROR (cd_crl_error_quark ())

typedef enum {
  CD_CRL_ERROR_FAILED,
  CD_CRL_ERROR_FORMAT,        /* not a CRL, damaged or truncated */
  CD_CRL_ERROR_IO,
  CD_CRL_ERROR_NO_ISSUER,     /* no known certificate of its issuer */
  CD_CRL_ERROR_BAD_SIGNATURE, /* signed by someone else than the issuer */
  CD_CRL_ERROR_UNTRUSTED,     /* its issuer chains to no trusted authority */
} CdCrlError;

GQuark cd_crl_error_quark (void);

typedef struct {
  char   *serial;        /* as CdCertificate.serial */
  gint64  revoked_at;    /* Unix seconds, UTC */
  char   *revoked_date;  /* ISO yyyy-mm-dd, UTC */
  char   *reason;        /* translated reason, "" when the CRL gives none */
} CdCrlEntry;

typedef struct _CdCrl CdCrl;

CdCrl            *cd_crl_parse          (const guint8  *data,
                                         gsize          len,
                                         GError       **error);
CdCrl            *cd_crl_load_file      (const char    *path,
                                         GError       **error);
void              cd_crl_free           (CdCrl         *crl);

const char       *cd_crl_get_issuer_dn  (const CdCrl   *crl);
gint64            cd_crl_get_this_update (const CdCrl  *crl);
gint64            cd_crl_get_next_update (const CdCrl  *crl);  /* 0 = none */
/* Element type CdCrlEntry, owned by @crl. */
GPtrArray        *cd_crl_get_entries    (const CdCrl   *crl);
/* The entry for @serial, or NULL. */
const CdCrlEntry *cd_crl_lookup         (const CdCrl   *crl,
                                         const char    *serial);

/* TRUE when @issuer (a CA certificate with its DER) is the CRL's issuer:
 * same name, allowed to sign CRLs (cRLSign when it has a key usage), the
 * CRL's authority key identifier (if any) is its key, and its key signed
 * the CRL. */
gboolean          cd_crl_verify         (const CdCrl         *crl,
                                         const CdCertificate *issuer,
                                         GError             **error);
/* The certificate among @candidates (CdCertificate) that issued and
 * signed @crl; NULL with NO_ISSUER or BAD_SIGNATURE otherwise. */
const CdCertificate *cd_crl_find_issuer (const CdCrl   *crl,
                                         GPtrArray     *candidates,
                                         GError       **error);
/* @cert's entry in @crl, whose verified issuer is @issuer (see
 * cd_crl_find_issuer()): same issuer name and serial, and @cert was
 * signed by @issuer's key (AKI/SKI and signature checked), so a
 * look-alike CA's list cannot revoke another CA's certificate. NULL when
 * not listed, or when @cert has no DER to check. */
const CdCrlEntry *cd_crl_match          (const CdCrl         *crl,
                                         const CdCertificate *issuer,
                                         const CdCertificate *cert);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CdCrl, cd_crl_free)

G_END_DECLS
