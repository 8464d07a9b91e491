/* cd-wizard-names.h — what the wizard's steps show of a draft's rows
 * and of the unit, read on a worker
 *
 * The document step shows each person's name (a change note per
 * person) and the unit's head as the default signer; the save step
 * names the file after the unit. They are read together on core's
 * worker, so no step reads the register on the window's thread.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "cd-store.h"
#include "cd-wizard-draft.h"

G_BEGIN_DECLS

typedef struct {
  CdUnit  *unit;     /* never NULL */
  char   **names;    /* one per row of the draft, in order: the person's
                      * full name, the unit's for a row of its own (0);
                      * "" for a person no longer in the register */
} CdWizardNames;

void           cd_wizard_names_free   (CdWizardNames *names);
/* The unit and the names of @draft's rows. */
CdWizardNames *cd_wizard_draft_names  (const CdWizardDraft *draft,
                                       CdStore             *store,
                                       GError             **error);
/* cd_wizard_draft_names() on a worker with its own connection, on a
 * copy of @draft. */
void           cd_wizard_names_async  (CdStore             *store,
                                       const CdWizardDraft *draft,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data);
/* The names, or NULL with @error set. */
CdWizardNames *cd_wizard_names_finish (CdStore             *store,
                                       GAsyncResult        *result,
                                       GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CdWizardNames, cd_wizard_names_free)

G_END_DECLS
