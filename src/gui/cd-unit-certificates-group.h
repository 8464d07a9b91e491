/* cd-unit-certificates-group.h — the unit's own certificates, in
 * Preferences
 *
 * Lists every certificate the unit holds itself (its seals, "con dấu
 * điện tử") and every service of the unit with its certificates, each
 * with serial, holder, valid-until date and status, and adds a service
 * by name: where a clerk looks for the certificates that are no one
 * person's (issue 14).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "cd-store.h"

G_BEGIN_DECLS

#define CD_TYPE_UNIT_CERTIFICATES_GROUP (cd_unit_certificates_group_get_type ())
G_DECLARE_FINAL_TYPE (CdUnitCertificatesGroup, cd_unit_certificates_group, CD, UNIT_CERTIFICATES_GROUP,
                      AdwPreferencesGroup)

/* Shows @store's certificates (NULL: none, and nothing can be added);
 * @threshold_days decides "expiring". */
void cd_unit_certificates_group_set_store (CdUnitCertificatesGroup *self,
                                           CdStore                 *store,
                                           int                      threshold_days);
/* Reads the register again. */
void cd_unit_certificates_group_reload    (CdUnitCertificatesGroup *self);

G_END_DECLS
