/* cd-ca-trust-group.h — the certificate authorities, in Preferences
 *
 * Lists every authority met in an imported file with its SHA-256
 * fingerprint in groups of four and whether it is trusted; a revocation
 * list is applied only under a trusted one (issue 20, D6). Trusting one
 * is an explicit act: a dialog shows the fingerprint to compare with the
 * provider's before the clerk confirms. A look-alike (the name of a
 * trusted authority, another key) is marked as such.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "cd-store.h"

G_BEGIN_DECLS

#define CD_TYPE_CA_TRUST_GROUP (cd_ca_trust_group_get_type ())
G_DECLARE_FINAL_TYPE (CdCaTrustGroup, cd_ca_trust_group, CD, CA_TRUST_GROUP, AdwPreferencesGroup)

/* Shows @store's authorities (NULL: none). */
void cd_ca_trust_group_set_store (CdCaTrustGroup *self,
                                  CdStore        *store);
/* Reads the register again. */
void cd_ca_trust_group_reload    (CdCaTrustGroup *self);

G_END_DECLS
