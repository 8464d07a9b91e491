/* cd-wizard-hit-item.c — one person the people step's search found
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cd-wizard-hit-item.h"

G_DEFINE_FINAL_TYPE (CdWizardHitItem, cd_wizard_hit_item, G_TYPE_OBJECT)

static void
cd_wizard_hit_item_finalize (GObject *object)
{
  CdWizardHitItem *self = CD_WIZARD_HIT_ITEM (object);

  g_clear_pointer (&self->hit, cd_wizard_hit_free);
  G_OBJECT_CLASS (cd_wizard_hit_item_parent_class)->finalize (object);
}

static void
cd_wizard_hit_item_class_init (CdWizardHitItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cd_wizard_hit_item_finalize;
}

static void
cd_wizard_hit_item_init (CdWizardHitItem *self)
{
}

CdWizardHitItem *
cd_wizard_hit_item_new (CdWizardHit *hit)
{
  CdWizardHitItem *self = g_object_new (CD_TYPE_WIZARD_HIT_ITEM, NULL);

  self->hit = hit;
  return self;
}
