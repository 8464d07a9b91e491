/* cd-wizard-gaps-page.h — the wizard's third step: what the listed
 * people's records lack or have wrong for the chosen template, to be
 * corrected there (a device unknown is a note only)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "cd-wizard-window.h"

G_BEGIN_DECLS

#define CD_TYPE_WIZARD_GAPS_PAGE (cd_wizard_gaps_page_get_type ())
G_DECLARE_FINAL_TYPE (CdWizardGapsPage, cd_wizard_gaps_page, CD, WIZARD_GAPS_PAGE, GtkBox)

/* The step for @window's draft; the check runs on a worker under the
 * window's page cancellable, a spinner shown until it comes back. */
GtkWidget *cd_wizard_gaps_page_new (CdWizardWindow *window);

G_END_DECLS
