/* cd-wizard-hit-item.h — one person the wizard's people step search
 * found in the register, to be added
 *
 * The step's "Staff to add" list is a GListStore of these, filled from
 * the search core runs on a worker (cd_wizard_search_async()) and
 * filtered to those not offered yet.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "cd-wizard-search.h"

G_BEGIN_DECLS

#define CD_TYPE_WIZARD_HIT_ITEM (cd_wizard_hit_item_get_type ())
G_DECLARE_FINAL_TYPE (CdWizardHitItem, cd_wizard_hit_item, CD, WIZARD_HIT_ITEM, GObject)

struct _CdWizardHitItem
{
  GObject      parent_instance;

  CdWizardHit *hit;   /* owned */
};

/* Takes @hit. */
CdWizardHitItem *cd_wizard_hit_item_new (CdWizardHit *hit);

G_END_DECLS
