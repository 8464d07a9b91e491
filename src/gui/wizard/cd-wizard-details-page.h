/* cd-wizard-details-page.h — the wizard's document step: number, date,
 * signer and addressee as printed, the Sở's letter the list answers,
 * and on a thay đổi list what changes for each person
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "cd-wizard-window.h"

G_BEGIN_DECLS

#define CD_TYPE_WIZARD_DETAILS_PAGE (cd_wizard_details_page_get_type ())
G_DECLARE_FINAL_TYPE (CdWizardDetailsPage, cd_wizard_details_page, CD, WIZARD_DETAILS_PAGE, GtkBox)

/* The step for @window's draft; the unit's head (the default signer)
 * and the people's names are read on a worker under the window's page
 * cancellable, a spinner shown until they come back. */
GtkWidget *cd_wizard_details_page_new (CdWizardWindow *window);

G_END_DECLS
