/* cd-wizard-people-rows.h — the rows of the wizard's people step: a
 * person offered, a person the search found
 *
 * Their buttons name the page's "people.*" actions with the staff (and
 * certificate) id as the target: nothing is stored on the widgets.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "cd-wizard-pick.h"

G_BEGIN_DECLS

/* The row of @pick; @have is its row of the draft when it is on the
 * list (NULL: offered, not chosen). For a revocation on the list, the
 * reason chooser is returned in @reason, for the page to hear its
 * changes. */
GtkWidget *cd_wizard_pick_row_new (CdWizardPick *pick,
                                   CdWizardItem *have,
                                   gboolean      revocation,
                                   GtkWidget   **reason);
/* A GtkListBoxCreateWidgetFunc: the row of a CdWizardHitItem. */
GtkWidget *cd_wizard_hit_row_new  (gpointer      item,
                                   gpointer      user_data);

G_END_DECLS
