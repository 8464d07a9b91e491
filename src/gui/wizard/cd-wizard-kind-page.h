/* cd-wizard-kind-page.h — the request wizard's first step: the kind of
 * list (cấp mới, gia hạn… Mẫu 02, Mẫu 03)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "cd-wizard-window.h"

G_BEGIN_DECLS

#define CD_TYPE_WIZARD_KIND_PAGE (cd_wizard_kind_page_get_type ())
G_DECLARE_FINAL_TYPE (CdWizardKindPage, cd_wizard_kind_page, CD, WIZARD_KIND_PAGE, GtkBox)

/* The step showing @window's draft; choosing a kind sets the draft's. */
GtkWidget *cd_wizard_kind_page_new (CdWizardWindow *window);

G_END_DECLS
