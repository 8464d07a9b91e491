/* cd-batch-letter-dialog.h — Thư của Sở: the letter a list answers, its
 * deadline, recipient and channel, edited from Hồ sơ
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "cd-store.h"

G_BEGIN_DECLS

#define CD_TYPE_BATCH_LETTER_DIALOG (cd_batch_letter_dialog_get_type ())
G_DECLARE_FINAL_TYPE (CdBatchLetterDialog, cd_batch_letter_dialog, CD, BATCH_LETTER_DIALOG, AdwWindow)

/* A dialog on batch @batch_id of @store, transient for @parent; Save
 * writes the letter (cd_batch_set_letter) and closes, an error stays in
 * the dialog. */
CdBatchLetterDialog *cd_batch_letter_dialog_new (GtkWindow *parent,
                                                 CdStore   *store,
                                                 gint64     batch_id);

/* The choices of a channel drop-down, in CdBatchChannel order (the first
 * is "not said"). For the wizard's letter rows too. */
GListModel          *cd_batch_letter_channel_model (void);

G_END_DECLS
