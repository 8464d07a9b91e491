/* cd-wizard-unit-page.h — the request wizard's second step for the kinds
 * about the unit itself: Mẫu 02 (its organisation certificate: the
 * unit's row) and Mẫu 03 (a service's or device's certificate: its name
 * and kind), in place of the people
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "cd-wizard-window.h"

G_BEGIN_DECLS

#define CD_TYPE_WIZARD_UNIT_PAGE (cd_wizard_unit_page_get_type ())
G_DECLARE_FINAL_TYPE (CdWizardUnitPage, cd_wizard_unit_page, CD, WIZARD_UNIT_PAGE, GtkBox)

/* The step for @window's draft of kind "mau-02" or "mau-03". */
GtkWidget *cd_wizard_unit_page_new (CdWizardWindow *window);

G_END_DECLS
