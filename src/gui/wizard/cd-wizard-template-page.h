/* cd-wizard-template-page.h — the wizard's template step: the built-in
 * form, one of the clerk's templates or the Sở's Word form, and the
 * columns CertDesk fills in a form without placeholders
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "cd-wizard-window.h"

G_BEGIN_DECLS

#define CD_TYPE_WIZARD_TEMPLATE_PAGE (cd_wizard_template_page_get_type ())
G_DECLARE_FINAL_TYPE (CdWizardTemplatePage, cd_wizard_template_page, CD, WIZARD_TEMPLATE_PAGE, GtkBox)

/* The step for @window's draft, its template chosen. */
GtkWidget *cd_wizard_template_page_new (CdWizardWindow *window);

G_END_DECLS
