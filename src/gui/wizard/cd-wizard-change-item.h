/* cd-wizard-change-item.h — one row of the document step's "what
 * changes for each person" (a thay đổi list): the person's name and the
 * change typed for the draft's row at @position
 *
 * The step's list is a GListStore of these; the row's entry is bound to
 * the "note" property and the page writes a new note into the draft's
 * row, so nothing is kept on the widgets.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define CD_TYPE_WIZARD_CHANGE_ITEM (cd_wizard_change_item_get_type ())
G_DECLARE_FINAL_TYPE (CdWizardChangeItem, cd_wizard_change_item, CD, WIZARD_CHANGE_ITEM, GObject)

CdWizardChangeItem *cd_wizard_change_item_new          (guint               position,
                                                        const char         *name,
                                                        const char         *note);
/* The row of the draft the change is for. */
guint               cd_wizard_change_item_get_position (CdWizardChangeItem *self);
const char         *cd_wizard_change_item_get_name     (CdWizardChangeItem *self);
const char         *cd_wizard_change_item_get_note     (CdWizardChangeItem *self);

G_END_DECLS
