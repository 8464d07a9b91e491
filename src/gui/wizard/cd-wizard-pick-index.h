/* cd-wizard-pick-index.h — the people step's picks by person and by
 * certificate
 *
 * The people step offers up to a whole register (the suggestions of a
 * 30,000-person register): finding the pick of a person by scanning the
 * list for each suggestion made the step quadratic. The index maps a
 * person, and a person's certificate, to their pick; the picks are only
 * ever appended to the list or all taken away, so a pick's position
 * stays what it was when it was indexed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cd-wizard-pick.h"

G_BEGIN_DECLS

typedef struct _CdWizardPickIndex CdWizardPickIndex;

CdWizardPickIndex *cd_wizard_pick_index_new   (void);
void               cd_wizard_pick_index_free  (CdWizardPickIndex *index);
/* Forgets every pick (the list emptied). */
void               cd_wizard_pick_index_clear (CdWizardPickIndex *index);
/* Indexes @pick (not a reference: the list keeps it) at @position. */
void               cd_wizard_pick_index_add   (CdWizardPickIndex *index,
                                               CdWizardPick      *pick,
                                               guint              position);
/* The pick of @staff_id — for a revocation (@by_certificate), of its
 * @certificate_id —, the first one offered, or NULL. */
CdWizardPick      *cd_wizard_pick_index_find  (CdWizardPickIndex *index,
                                               gint64             staff_id,
                                               gint64             certificate_id,
                                               gboolean           by_certificate);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CdWizardPickIndex, cd_wizard_pick_index_free)

G_END_DECLS
