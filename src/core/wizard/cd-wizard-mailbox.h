/* cd-wizard-mailbox.h — the mailbox the clerk types for a person on the
 * mailbox list (hom-thu), checked against the register and the list
 *
 * A mailbox list asks the Sở to open one official mailbox per person;
 * the Sở cannot open an address that is already somebody's. A mailbox
 * typed in the gaps step, or kept in a saved draft, is refused when it
 * is not an address at an official domain, when someone in the register
 * (working or not) holds it as their email, or when another row of the
 * list asks for it already — each said with whose it is.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "cd-store.h"
#include "cd-wizard-draft.h"

G_BEGIN_DECLS

/* @typed as the mailbox asked for staff @staff_id on @draft's list:
 * the address cleaned and lower-cased, or NULL with @error
 * (CD_WIZARD_ERROR_FAILED, a translated sentence naming what is wrong
 * and what to do). @official_domains NULL or empty: any domain. */
char    *cd_wizard_mailbox_check  (const CdWizardDraft *draft,
                                   CdStore             *store,
                                   gint64               staff_id,
                                   const char          *typed,
                                   const char * const  *official_domains,
                                   GError             **error);
/* For cd_wizard_draft_check(): what is wrong with the mailbox row
 * @index of @draft asks for (its change note, not empty), or NULL when
 * nothing is. An address another row asks for is said on the later
 * row only. */
char    *cd_wizard_mailbox_problem (const CdWizardDraft *draft,
                                    CdStore             *store,
                                    guint                index,
                                    const char * const  *official_domains);
/* Before a mailbox list is written: FALSE with @error (a translated
 * sentence naming the person, the address, what is wrong and how to
 * change it) when a mailbox kept in @draft breaks what
 * cd_wizard_mailbox_problem() checks; TRUE for every other kind. */
gboolean cd_wizard_mailbox_check_list (const CdWizardDraft *draft,
                                       CdStore             *store,
                                       const char * const  *official_domains,
                                       GError             **error);
/* A row of the mailbox list with the address its document prints. */
typedef struct {
  gint64    staff_id;
  char     *full_name;
  char     *address;   /* lower-cased */
  gboolean  kept;      /* typed by the clerk (kept in the draft), not
                        * proposed from the name */
} CdWizardMailbox;

void       cd_wizard_mailbox_free (CdWizardMailbox *mailbox);
/* Each row of @draft's mailbox list (hom-thu; empty for other kinds)
 * with the mailbox it asks for, for the clerk to change: the one kept,
 * or the one proposed from the name at the unit's domain
 * (cd_doc_context_propose_mailboxes()). Not the rows with none (no
 * unit's email) or with a kept one cd_wizard_mailbox_problem() refuses:
 * those are the gaps' to type. NULL with @error when the register
 * cannot be read. */
GPtrArray *cd_wizard_mailbox_list (const CdWizardDraft *draft,
                                   CdStore             *store,
                                   const char * const  *official_domains,
                                   GError             **error);
/* cd_wizard_mailbox_list() on a worker, on a copy of @draft. */
void       cd_wizard_mailbox_list_async  (CdStore             *store,
                                          const CdWizardDraft *draft,
                                          const char * const  *official_domains,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
/* The CdWizardMailbox array, or NULL with @error set. */
GPtrArray *cd_wizard_mailbox_list_finish (CdStore             *store,
                                          GAsyncResult        *result,
                                          GError             **error);
/* cd_wizard_mailbox_check() on a worker with its own connection, on a
 * copy of @draft. */
void     cd_wizard_mailbox_check_async  (CdStore             *store,
                                         const CdWizardDraft *draft,
                                         gint64               staff_id,
                                         const char          *typed,
                                         const char * const  *official_domains,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data);
/* The address, or NULL with @error set. */
char    *cd_wizard_mailbox_check_finish (CdStore             *store,
                                         GAsyncResult        *result,
                                         GError             **error);

G_END_DECLS
