/* cd-merger-dialog.h — Sáp nhập / đổi tên đơn vị: the new details, the
 * seal that survives, the proposed paperwork, then applying it
 *
 * The rules are core's (cd-merger.h); the dialog shows the plan before
 * the clerk confirms and applies it on a worker.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "cd-store.h"

G_BEGIN_DECLS

#define CD_TYPE_MERGER_DIALOG (cd_merger_dialog_get_type ())
G_DECLARE_FINAL_TYPE (CdMergerDialog, cd_merger_dialog, CD, MERGER_DIALOG, AdwWindow)

/* A dialog on @store, transient for @parent. When the merger is applied
 * it emits "applied" with the sentence to show as a toast, then closes. */
CdMergerDialog *cd_merger_dialog_new (GtkWindow *parent,
                                      CdStore   *store);

G_END_DECLS
