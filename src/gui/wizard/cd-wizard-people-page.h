/* cd-wizard-people-page.h — the wizard's second step: who is on the
 * list
 *
 * Everyone offered (suggested, selected in the staff list, added by
 * search, resumed from a draft) is a CdWizardPick in the page's
 * GListStore, filtered by the accent-free search; the register's
 * people the search finds are CdWizardHitItems. Whatever the step
 * needs from the register (the suggestions, the search, a person added
 * by hand judged, a resumed draft's names) is read on core's worker.
 *
 * Unlike the other steps the page lives as long as the window: the
 * window keeps it while another step is shown, since it holds who is
 * offered, and shows it again with cd_wizard_people_page_show().
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "cd-wizard-window.h"

G_BEGIN_DECLS

#define CD_TYPE_WIZARD_PEOPLE_PAGE (cd_wizard_people_page_get_type ())
G_DECLARE_FINAL_TYPE (CdWizardPeoplePage, cd_wizard_people_page, CD, WIZARD_PEOPLE_PAGE, GtkBox)

/* The step for @window's draft; @staff_ids (may be NULL) are the people
 * selected in the staff list when the clerk started the wizard from
 * them: offered and chosen for each kind, and said so. */
GtkWidget *cd_wizard_people_page_new    (CdWizardWindow     *window,
                                         GArray             *staff_ids);
/* Brings the page up to date with the draft each time it is shown:
 * the suggestions for a kind not suggested for yet, the draft's rows not
 * offered yet, a new, empty search. */
void       cd_wizard_people_page_show   (CdWizardPeoplePage *self);
/* Another kind of list: nobody offered for the former kind is offered
 * for this one; what is still being read for it is dropped. */
void       cd_wizard_people_page_reset  (CdWizardPeoplePage *self);
/* A resumed draft: its people are the choice, no suggestions on top
 * for its kind. */
void       cd_wizard_people_page_keep_draft (CdWizardPeoplePage *self);
/* The window closes: the page lets go of it and drops what it reads. */
void       cd_wizard_people_page_detach (CdWizardPeoplePage *self);

G_END_DECLS
