/* cd-wizard-private.h — internals shared by the wizard's files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cd-device-register.h"
#include "cd-store.h"
#include "cd-wizard-draft.h"

G_BEGIN_DECLS

/* The certificate that matters for a person in a Ban Cơ yếu procedure:
 * cd_certificate_pick_for_procedure() among chuyên dùng ones, NULL when
 * that is revoked or there is none. */
CdCertificate *cd_wizard_current_certificate (CdStore   *store,
                                              gint64     staff_id);
/* The person a row of the list is about: the staff member, or for a row
 * of the unit's own certificate (staff_id 0: its seal) the unit as a
 * row (its name, managing body, email and phone). */
CdStaff       *cd_wizard_item_holder         (CdStore       *store,
                                              const CdWizardItem *item,
                                              GError       **error);
/* Writes the batch of @draft (and its items) inside the caller's
 * transaction; @document_id 0 keeps the batch's document. */
gboolean       cd_batch_save_locked          (CdWizardDraft *draft,
                                              CdStore       *store,
                                              gint64         document_id,
                                              GError       **error);

G_END_DECLS
