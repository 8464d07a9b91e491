/* cd-wizard-generate.h — writing a list's Word file (and the Cục's sheet)
 * and recording it with its batch
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "cd-store.h"
#include "cd-wizard-draft.h"

G_BEGIN_DECLS

/* Writes the Word file (and the Cục's sheet next to it, same name with
 * .xlsx, when bulk_sheet), records the document, saves the batch with it
 * and logs both in the audit log. Sets the draft's batch_id,
 * output_path and notes (what filling the form told, e.g. a narrow
 * column's numbers set smaller). */
gboolean       cd_wizard_draft_generate (CdWizardDraft *draft,
                                         CdStore       *store,
                                         const char    *output,
                                         gboolean       overwrite,
                                         gint64         now,
                                         int            threshold_days,
                                         char         **out_xlsx,
                                         GError       **error);

/* cd_wizard_draft_generate() on a worker with its own connection to
 * @store's register, on a copy of @draft (the caller keeps its draft
 * unchanged until the result). */
void           cd_wizard_generate_async  (CdStore             *store,
                                          const CdWizardDraft *draft,
                                          const char          *output,
                                          gboolean             overwrite,
                                          gint64               now,
                                          int                  threshold_days,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
/* Whether the files were written and recorded. On success, and when
 * @draft is not NULL, records the batch and the file in @draft (the
 * draft given to the _async call), with its notes, as
 * cd_wizard_draft_generate() would,
 * sets @out_xlsx (may be NULL) to the sheet written or NULL, and emits
 * "changed::batch" and "changed::document" on @store. */
gboolean       cd_wizard_generate_finish (CdStore             *store,
                                          GAsyncResult        *result,
                                          CdWizardDraft       *draft,
                                          char               **out_xlsx,
                                          GError             **error);

G_END_DECLS
