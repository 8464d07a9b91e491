/* cd-wizard-reason-chooser.h — a revocation row's reason: the case
 * (a drop-down) and, for "other", the reason typed
 *
 * It edits the row's CdWizardItem in place (cd_wizard_item_set_revoke_reason())
 * and emits "changed" after each edit, so the step can mark its draft
 * changed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "cd-wizard-draft.h"

G_BEGIN_DECLS

#define CD_TYPE_WIZARD_REASON_CHOOSER (cd_wizard_reason_chooser_get_type ())
G_DECLARE_FINAL_TYPE (CdWizardReasonChooser, cd_wizard_reason_chooser, CD, WIZARD_REASON_CHOOSER, GtkBox)

/* Shows and edits @item's reason; @item (not owned) must outlive the
 * widget: the rows are made again whenever the items change. */
GtkWidget *cd_wizard_reason_chooser_new (CdWizardItem *item);

G_END_DECLS
