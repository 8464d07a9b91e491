/* cd-batches-view.h — the Documents (Hồ sơ) view: request and revocation
 * lists made with the wizards, their status, and what to do next
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "cd-store.h"

G_BEGIN_DECLS

#define CD_TYPE_BATCHES_VIEW (cd_batches_view_get_type ())
G_DECLARE_FINAL_TYPE (CdBatchesView, cd_batches_view, CD, BATCHES_VIEW, GtkWidget)

CdBatchesView *cd_batches_view_new       (void);
/* Follows @store ("changed::batch", "changed::holiday" and
 * "changed::external"); NULL detaches. */
void           cd_batches_view_set_store (CdBatchesView *self,
                                          CdStore       *store,
                                          GSettings     *settings);
/* Reads the lists again on a worker (cd_batches_overview_async()),
 * dropping a read under way; the rows shown stay until they come. */
void           cd_batches_view_refresh   (CdBatchesView *self);
/* Lists still to send past their deadline, as last shown; the view emits
 * "overdue-changed" once the rows of a read are in (the page's badge). */
guint          cd_batches_view_get_n_overdue (CdBatchesView *self);

G_END_DECLS
