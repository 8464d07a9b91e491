/* cd-wizard-search.h — the register's people a wizard's search offers to
 * add, read on a worker
 *
 * The people step's search runs as the clerk types: the register is read
 * on core's worker (its own connection), never on the window's thread.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "cd-store.h"
#include "cd-wizard-draft.h"

G_BEGIN_DECLS

/* One person the search found. */
typedef struct {
  gint64  staff_id;
  char   *full_name;
  char   *position;   /* may be NULL */
  char   *born;       /* the birth date, dd/mm/yyyy, or NULL */
  char   *refusal;    /* why the draft's procedure does not take them, or NULL */
} CdWizardHit;

void       cd_wizard_hit_free      (CdWizardHit *hit);

/* The staff matching every word of @query (accents ignored, as
 * cd_store_search_staff()), at most @limit, in Vietnamese name order,
 * each with cd_wizard_draft_refusal() for @draft at @now. Element type
 * CdWizardHit; NULL with @error set on failure. */
GPtrArray *cd_wizard_search        (CdStore             *store,
                                    const CdWizardDraft *draft,
                                    const char          *query,
                                    gint64               now,
                                    guint                limit,
                                    GError             **error);
/* cd_wizard_search() on a worker, on a copy of @draft. */
void       cd_wizard_search_async  (CdStore             *store,
                                    const CdWizardDraft *draft,
                                    const char          *query,
                                    gint64               now,
                                    guint                limit,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data);
GPtrArray *cd_wizard_search_finish (CdStore             *store,
                                    GAsyncResult        *result,
                                    GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CdWizardHit, cd_wizard_hit_free)

G_END_DECLS
