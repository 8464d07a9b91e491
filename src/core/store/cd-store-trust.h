/* cd-store-trust.h — the certificate authorities the clerk trusts
 *
 * One row per authority seen in a file (or already in the register when
 * it was upgraded to schema 7), by SHA-256 fingerprint: not trusted until
 * the clerk accepts it once, having compared its fingerprint with the
 * one the provider publishes (issue 20, D6). Read and written only
 * through these calls; see cd-trust.h for how a chain is judged.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cd-store.h"

G_BEGIN_DECLS

typedef struct {
  char     *fingerprint;  /* 64 upper-case hex digits */
  char     *subject_dn;
  gboolean  trusted;
  char     *decided;      /* local time the clerk accepted or withdrew it; NULL */
  char     *added;
} CdCaTrust;

void        cd_ca_trust_free                (CdCaTrust   *ca);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CdCaTrust, cd_ca_trust_free)

/* Records the authority @fingerprint (not trusted) unless it is already
 * recorded; its trust, if any, is kept. */
gboolean    cd_store_record_ca              (CdStore     *self,
                                             const char  *fingerprint,
                                             const char  *subject_dn,
                                             GError     **error);
/* The authority with @fingerprint (any spelling cd_trust_normalize_fingerprint()
 * accepts), or NULL with CD_STORE_ERROR_INVALID (not a fingerprint) or
 * CD_STORE_ERROR_NOT_FOUND (no such authority in the register). */
CdCaTrust  *cd_store_get_ca                 (CdStore     *self,
                                             const char  *fingerprint,
                                             GError     **error);
/* Every recorded authority, by name then fingerprint; element type
 * CdCaTrust. */
GPtrArray  *cd_store_list_cas               (CdStore     *self,
                                             GError     **error);
/* The clerk's decision on @fingerprint (as cd_store_get_ca()), with an
 * audit entry ("trust" / "distrust", entity "ca") and changed::ca. */
gboolean    cd_store_set_ca_trusted         (CdStore     *self,
                                             const char  *fingerprint,
                                             gboolean     trusted,
                                             GError     **error);
/* The fingerprints of the trusted authorities, a set of strings. */
GHashTable *cd_store_trusted_fingerprints   (CdStore     *self,
                                             GError     **error);

G_END_DECLS
