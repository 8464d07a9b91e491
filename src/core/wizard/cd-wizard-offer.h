/* cd-wizard-offer.h — what the wizard's people step offers for a person
 * added by hand, read on a worker
 *
 * A person the clerk adds (by search, or by selecting them in the staff
 * list before starting the wizard) is refused, offered with a warning
 * that they belong on another kind of list, or offered and chosen; the
 * rows they bring, with the name and serial the step shows, and the
 * rows of a resumed draft, are read on core's worker so that the step
 * never reads the register on the window's thread.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "cd-store.h"
#include "cd-wizard-draft.h"

G_BEGIN_DECLS

/* What the step does with one person added by hand. */
typedef struct {
  gint64      staff_id;
  char       *refusal;     /* why the procedure does not take them (a
                            * translated sentence), or NULL */
  const char *better_kind; /* the kind they belong on instead (static),
                            * or NULL: offered and chosen */
  char       *warning;     /* why, with @better_kind; else NULL */
  GPtrArray  *items;       /* CdWizardItem with name and serial read: the
                            * person's rows as the draft would list them
                            * (a revocation: one per certificate in
                            * force); empty when refused */
} CdWizardOffer;

void       cd_wizard_offer_free   (CdWizardOffer *offer);

/* Reads what the people step shows of each of @items (CdWizardItem):
 * the person's full name (the unit's for a row of its own, 0) and the
 * certificate's serial. */
void       cd_wizard_items_read_labels (GPtrArray *items,
                                        CdStore   *store);

/* For each of @staff_ids (gint64), in order: cd_wizard_draft_refusal(),
 * else the rows cd_wizard_draft_add_staff() would add (its error as the
 * refusal) and cd_wizard_draft_better_kind(), for @draft at @now.
 * Element type CdWizardOffer. */
GPtrArray *cd_wizard_offer        (CdStore             *store,
                                   const CdWizardDraft *draft,
                                   const GArray        *staff_ids,
                                   gint64               now,
                                   GError             **error);
/* The people of @staff_ids (gint64) a document of @doc_kind does not
 * suit, judged as the wizard's people step judges them: cd_wizard_offer()
 * for the wizard's kind of that document (cd_wizard_kind_of_document()),
 * keeping the offers refused or better on another kind, in the order of
 * @staff_ids. Empty when all suit, or for a document the wizard lists
 * nobody on. Element type CdWizardOffer; NULL with @error set. */
GPtrArray *cd_wizard_offer_unsuited (CdStore            *store,
                                     const char         *doc_kind,
                                     const GArray       *staff_ids,
                                     gint64              now,
                                     GError            **error);
/* cd_wizard_offer() on a worker, on copies of @draft and @staff_ids. */
void       cd_wizard_offer_async  (CdStore             *store,
                                   const CdWizardDraft *draft,
                                   const GArray        *staff_ids,
                                   gint64               now,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data);
/* The offers, or NULL with @error set. */
GPtrArray *cd_wizard_offer_finish (CdStore             *store,
                                   GAsyncResult        *result,
                                   GError             **error);

/* Copies of @draft's rows with cd_wizard_items_read_labels() on a
 * worker (a resumed draft's rows, saved without them). */
void       cd_wizard_rows_async   (CdStore             *store,
                                   const CdWizardDraft *draft,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data);
/* The rows (element type CdWizardItem), or NULL with @error set. */
GPtrArray *cd_wizard_rows_finish  (CdStore             *store,
                                   GAsyncResult        *result,
                                   GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CdWizardOffer, cd_wizard_offer_free)

G_END_DECLS
