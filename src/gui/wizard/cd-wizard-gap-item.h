/* cd-wizard-gap-item.h — one row of the wizard's gaps step: a field a
 * listed person's record lacks or has wrong for the template
 *
 * The gaps step's list is a GListStore of these, filled from the check
 * core runs on a worker (cd_wizard_check_async()).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "cd-wizard-check.h"

G_BEGIN_DECLS

#define CD_TYPE_WIZARD_GAP_ITEM (cd_wizard_gap_item_get_type ())
G_DECLARE_FINAL_TYPE (CdWizardGapItem, cd_wizard_gap_item, CD, WIZARD_GAP_ITEM, GObject)

struct _CdWizardGapItem
{
  GObject      parent_instance;

  CdWizardGap *gap;   /* owned */
};

/* Takes @gap. */
CdWizardGapItem *cd_wizard_gap_item_new     (CdWizardGap     *gap);
/* Whether the gap is a note only, with nothing to type in the record
 * (the certificate's device is unknown: said on the device; a
 * revocation's reason is missing: typed in the people step). */
gboolean         cd_wizard_gap_item_is_note (CdWizardGapItem *self);

G_END_DECLS
