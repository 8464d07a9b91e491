/* cd-wizard-window.h — the request-list and revocation-list wizards
 *
 * One AdwWindow with a GtkStack of pages over a CdWizardDraft (the core
 * object holds the state and the rules; the pages display and edit it).
 * Request list: kind, people, missing data, document, template, preview,
 * save. Revocation list: the same without the kind step, with a reason
 * per person.
 *
 * The save dialog opens in cd_application_documents_folder().
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "cd-store.h"
#include "cd-wizard-draft.h"

G_BEGIN_DECLS

#define CD_TYPE_WIZARD_WINDOW (cd_wizard_window_get_type ())
G_DECLARE_FINAL_TYPE (CdWizardWindow, cd_wizard_window, CD, WIZARD_WINDOW, AdwWindow)

/* A new list of @kind (NULL: the request wizard starting at its kind
 * step; CD_WIZARD_KIND_REVOCATION: the revocation wizard) with the staff
 * members @staff_ids (may be NULL) added to the suggestions. */
CdWizardWindow *cd_wizard_window_new    (GtkWindow     *parent,
                                         CdStore       *store,
                                         GSettings     *settings,
                                         const char    *kind,
                                         GArray        *staff_ids);
/* Resumes a saved batch (takes @draft). */
CdWizardWindow *cd_wizard_window_resume (GtkWindow     *parent,
                                         CdStore       *store,
                                         GSettings     *settings,
                                         CdWizardDraft *draft);

G_END_DECLS
