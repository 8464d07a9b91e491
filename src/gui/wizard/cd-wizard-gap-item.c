/* cd-wizard-gap-item.c — one row of the wizard's gaps step
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cd-wizard-gap-item.h"

G_DEFINE_FINAL_TYPE (CdWizardGapItem, cd_wizard_gap_item, G_TYPE_OBJECT)

static void
cd_wizard_gap_item_finalize (GObject *object)
{
  CdWizardGapItem *self = CD_WIZARD_GAP_ITEM (object);

  g_clear_pointer (&self->gap, cd_wizard_gap_free);
  G_OBJECT_CLASS (cd_wizard_gap_item_parent_class)->finalize (object);
}

static void
cd_wizard_gap_item_class_init (CdWizardGapItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cd_wizard_gap_item_finalize;
}

static void
cd_wizard_gap_item_init (CdWizardGapItem *self)
{
}

CdWizardGapItem *
cd_wizard_gap_item_new (CdWizardGap *gap)
{
  CdWizardGapItem *self = g_object_new (CD_TYPE_WIZARD_GAP_ITEM, NULL);

  self->gap = gap;
  return self;
}

gboolean
cd_wizard_gap_item_is_note (CdWizardGapItem *self)
{
  g_return_val_if_fail (CD_IS_WIZARD_GAP_ITEM (self), FALSE);

  /* the device is said on the device; a revocation's reason is typed
   * in the people step, where the row's reason is chosen (a mailbox is
   * typed here, into the list) */
  return g_strcmp0 (self->gap->field, "device") == 0 || g_strcmp0 (self->gap->field, "reason") == 0;
}
