/* cd-box-handover-dialog.h — Bàn giao cả hộp…: a delivered box of
 * tokens handed to their holders with one confirmation
 *
 * Lists the tokens matched to their holders (name, serial, certificate)
 * and the ones set aside with the reason, both from core's plan
 * (cd-box-handover); the confirm button hands out the matched ones and
 * writes every Mẫu 07 and the notice into one PDF in the documents
 * folder.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "cd-store.h"

G_BEGIN_DECLS

#define CD_TYPE_BOX_HANDOVER_DIALOG (cd_box_handover_dialog_get_type ())
G_DECLARE_FINAL_TYPE (CdBoxHandoverDialog, cd_box_handover_dialog, CD, BOX_HANDOVER_DIALOG, AdwWindow)

/* A dialog for @device_ids (gint64; the devices selected) or, when empty,
 * the plugged @tokens (CdToken; may be NULL), or, with neither, every
 * token in stock. Emits "handed" with the sentence for the window's
 * toast once done. */
CdBoxHandoverDialog *cd_box_handover_dialog_new (GtkWindow *parent,
                                                 CdStore   *store,
                                                 GArray    *device_ids,
                                                 GPtrArray *tokens);

G_END_DECLS
