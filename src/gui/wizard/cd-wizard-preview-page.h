/* cd-wizard-preview-page.h — the wizard's preview step: the rows
 * exactly as they will be written, the page count, what is still
 * missing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "cd-wizard-window.h"

G_BEGIN_DECLS

#define CD_TYPE_WIZARD_PREVIEW_PAGE (cd_wizard_preview_page_get_type ())
G_DECLARE_FINAL_TYPE (CdWizardPreviewPage, cd_wizard_preview_page, CD, WIZARD_PREVIEW_PAGE, GtkBox)

/* The step for @window's draft; the rows, the page count and the gaps
 * are read on workers under the window's page cancellable, a spinner
 * shown until the rows come back. */
GtkWidget *cd_wizard_preview_page_new (CdWizardWindow *window);

G_END_DECLS
