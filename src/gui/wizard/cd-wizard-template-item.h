/* cd-wizard-template-item.h — one choice of the wizard's template step:
 * the built-in form, one of the clerk's templates or the Sở's form
 *
 * The step's list is a GListStore of these; each row's check button
 * names the page's stateful "template.choose" action with the item's
 * path as its target ("" for the built-in form).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define CD_TYPE_WIZARD_TEMPLATE_ITEM (cd_wizard_template_item_get_type ())
G_DECLARE_FINAL_TYPE (CdWizardTemplateItem, cd_wizard_template_item, CD, WIZARD_TEMPLATE_ITEM, GObject)

/* @path NULL or "": the built-in form of the draft's kind. */
CdWizardTemplateItem *cd_wizard_template_item_new          (const char           *title,
                                                            const char           *subtitle,
                                                            const char           *path);
const char           *cd_wizard_template_item_get_title    (CdWizardTemplateItem *self);
const char           *cd_wizard_template_item_get_subtitle (CdWizardTemplateItem *self);
/* Never NULL: "" for the built-in form. */
const char           *cd_wizard_template_item_get_path     (CdWizardTemplateItem *self);

G_END_DECLS
