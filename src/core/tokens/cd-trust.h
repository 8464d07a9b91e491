/* cd-trust.h — who signed a certificate, and whether it is trusted
 *
 * Issue 20 (D6): a revocation list is applied only when its issuer chains
 * to a certificate authority the clerk accepted once (fingerprint shown)
 * or that ships with CertDesk. An authority arriving in a file (a .p7b,
 * say) is recorded as not trusted; a self-signed look-alike with the name
 * of a trusted one never becomes one silently.
 *
 * Every "who issued this" question — a certificate's issuer at import, a
 * CA's issuer while walking a chain — is answered the same way: the
 * issuer's name (DN) is the certificate's issuer name, its subject key
 * identifier is the certificate's authority key identifier when both are
 * present, it may sign certificates (keyCertSign when it has a key usage),
 * and its key verifies the signature.
 *
 * No CertDesk release ships an authority yet: the repository holds no
 * genuine Vietnamese root (only throw-away test CAs), and nothing is
 * downloaded. Acceptance by the clerk is the way an authority becomes
 * trusted.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "cd-model.h"

G_BEGIN_DECLS

/* Longest chain walked from a CRL's issuer to an anchor. */
#define CD_TRUST_MAX_DEPTH 8

/* A SHA-256 fingerprint (64 hex digits) in groups of four, upper case,
 * "AB12 CD34 …", as the clerk compares it with the provider's page. */
char                *cd_trust_format_fingerprint    (const char *fingerprint);
/* @text (any case, with or without spaces or colons) as 64 upper-case
 * hex digits, or NULL when it is not a whole SHA-256 fingerprint. */
char                *cd_trust_normalize_fingerprint (const char *text);

/* TRUE when @cert (with its DER) is a certificate authority: CA:TRUE, or
 * an old v1 self-signed root (OpenSSL's X509_check_ca). */
gboolean             cd_trust_is_ca                 (const CdCertificate *cert);

/* TRUE when @ca is @cert's issuer by name and key identifier (see the
 * header): a certificate with the same name and another key identifier
 * is not its issuer, whatever it says. Does not check the signature. */
gboolean             cd_trust_names_issuer          (const CdCertificate *ca,
                                                     const CdCertificate *cert);
/* The certificate among @candidates (CdCertificate) that issued @cert:
 * names it (cd_trust_names_issuer), may sign certificates, and its key
 * verifies @cert's signature. NULL when none. @cert itself may be among
 * @candidates (a self-signed root). */
const CdCertificate *cd_trust_find_issuer           (const CdCertificate *cert,
                                                     GPtrArray           *candidates);

/* A certificate read from a file, checked against its issuer when the
 * issuer is known: a candidate that names it (cd_trust_names_issuer) and
 * whose key identifier equals its AKI, or that is trusted (its
 * fingerprint in @trusted, may be NULL). TRUE when no issuer is known
 * (nothing to check: a same-name CA told apart by nothing but a
 * signature that fails is more likely a look-alike than the certificate
 * a forgery) or one verifies its signature; FALSE with
 * CD_X509_ERROR_BAD_SIGNATURE when its known issuer did not sign it
 * (altered after issue, or forged). */
gboolean             cd_trust_check_signature       (const CdCertificate *cert,
                                                     GPtrArray           *candidates,
                                                     GHashTable          *trusted,
                                                     GError             **error);

/* Walks from @ca through its issuers among @pool to a certificate whose
 * fingerprint is in @trusted (a set of normalised fingerprints). Returns
 * the anchor reached, or NULL when the chain ends (self-signed root,
 * unknown issuer) without one. */
const CdCertificate *cd_trust_chain_anchor          (const CdCertificate *ca,
                                                     GPtrArray           *pool,
                                                     GHashTable          *trusted);

G_END_DECLS
