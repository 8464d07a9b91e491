/* cd-staff-import-spill.h — the rows of a large staff import kept in a
 * temporary file between the preview and the commit (private to the
 * store)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cd-staff-import.h"

G_BEGIN_DECLS

typedef struct _CdImportSpill CdImportSpill;

/* An empty spill: a private temporary file, already unlinked, so that
 * nothing is left behind however the process ends. */
CdImportSpill *cd_import_spill_new    (GError             **error);
/* Appends @ir's row number, action, record and (for an update) the
 * record it was matched with. Only rows to add or update. */
gboolean       cd_import_spill_add    (CdImportSpill       *spill,
                                       const CdImportRow   *ir,
                                       GError             **error);
guint          cd_import_spill_count  (const CdImportSpill *spill);
/* Reads from the first row again (the first call ends the adding). */
gboolean       cd_import_spill_rewind (CdImportSpill       *spill,
                                       GError             **error);
/* The next row, in the order they were added (name, matched_by, reason
 * and warnings empty); NULL at the end, or with @error set when the file
 * cannot be read. The row, its records and their texts belong to
 * @spill and last until the next call: never free them (a field to
 * change is replaced, not freed). */
CdImportRow   *cd_import_spill_next   (CdImportSpill       *spill,
                                       GError             **error);
void           cd_import_spill_free   (CdImportSpill       *spill);

/* Frees a CdImportRow (cd-staff-import.c). */
void           cd_import_row_free     (gpointer             row);

G_END_DECLS
