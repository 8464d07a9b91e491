/* cd-docs-export.h — the register and the Cục's sheet written on a worker
 *
 * What --export-register, --export-pdf and --export-bulk-sheet do on the
 * command line, for the window: reading the people, drawing a PDF of a
 * few thousand rows or streaming an .xlsx takes long enough to freeze it.
 * The work runs through cd_store_run_async, on a connection of its own.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "cd-store.h"

G_BEGIN_DECLS

typedef enum {
  CD_DOCS_EXPORT_REGISTER_XLSX, /* sổ theo dõi, Excel */
  CD_DOCS_EXPORT_REGISTER_PDF,  /* sổ theo dõi, PDF drawn with Pango/Cairo */
  CD_DOCS_EXPORT_BULK_SHEET,    /* the Cục's 19-column sheet, Excel */
} CdDocsExportKind;

/* The suggested file name, ASCII without spaces like the wizard's:
 * "So_theo_doi_chung_thu_so_<yyyy-mm-dd>.xlsx" (".pdf"),
 * "Bang_dang_ky_Cuc_<yyyy-mm-dd>.xlsx"; with "_<n>_nguoi" before the date
 * when @n_chosen > 0 people were chosen. @date_iso NULL: today. */
char     *cd_docs_export_file_name (CdDocsExportKind  kind,
                                    guint             n_chosen,
                                    const char       *date_iso);

/* Writes @kind to @target (overwritten; mode 0600 through a temporary
 * file) for the staff of @ids (@n_ids > 0, in that order), or else for
 * everyone (the register) or the staff still working without a
 * certificate (the Cục's sheet), and records the document in the register
 * (a read-only register only skips the record). An empty Cục's sheet is
 * an error: nobody would be registered. */
void      cd_docs_export_async     (CdStore             *store,
                                    CdDocsExportKind     kind,
                                    const gint64        *ids,
                                    guint                n_ids,
                                    int                  threshold_days,
                                    const char          *target,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data);
/* TRUE when written; @n_people (optional) receives how many people the
 * file lists. */
gboolean  cd_docs_export_finish    (CdStore             *store,
                                    GAsyncResult        *result,
                                    guint               *n_people,
                                    GError             **error);

/* Checks on a worker the rows the Cục's sheet of @ids (none: the staff
 * still working without a certificate) would hold: cd_xlsx_bulk_check()
 * of the same people cd_docs_export_async() would write. */
void       cd_docs_bulk_check_async  (CdStore             *store,
                                      const gint64        *ids,
                                      guint                n_ids,
                                      int                  threshold_days,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data);
/* The incomplete rows (CdXlsxBulkGap; empty: none), or NULL on error. */
GPtrArray *cd_docs_bulk_check_finish (CdStore             *store,
                                      GAsyncResult        *result,
                                      GError             **error);

G_END_DECLS
