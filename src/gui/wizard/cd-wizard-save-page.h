/* cd-wizard-save-page.h — the wizard's last step: the Word file saved
 * (and the bulk-registration sheet beside it), opened, and what filling
 * the form noticed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "cd-wizard-window.h"

G_BEGIN_DECLS

#define CD_TYPE_WIZARD_SAVE_PAGE (cd_wizard_save_page_get_type ())
G_DECLARE_FINAL_TYPE (CdWizardSavePage, cd_wizard_save_page, CD, WIZARD_SAVE_PAGE, GtkBox)

/* The step for @window's draft: Save As…, or once saved the file, Mở
 * tệp / Mở thư mục / In and the notes on the document. */
GtkWidget *cd_wizard_save_page_new (CdWizardWindow *window);

G_END_DECLS
