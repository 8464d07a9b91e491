/* cd-import-preview-dialog.h — what a staff list file would change,
 * before anything is written
 *
 * Responds "import" or "cancel" (AdwMessageDialog::response); "import"
 * is offered only when there is something to add or update.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "cd-staff-import.h"

G_BEGIN_DECLS

#define CD_TYPE_IMPORT_PREVIEW_DIALOG (cd_import_preview_dialog_get_type ())
G_DECLARE_FINAL_TYPE (CdImportPreviewDialog, cd_import_preview_dialog, CD, IMPORT_PREVIEW_DIALOG,
                      AdwMessageDialog)

/* Shows the counts and the rows of @import (rejected first, at most
 * 500). @import is read here only. */
CdImportPreviewDialog *cd_import_preview_dialog_new (GtkWindow           *parent,
                                                     const CdStaffImport *import);

G_END_DECLS
