/* cd-wizard-preview.h — what a list's document will say: the fields its
 * template writes, the context it is filled with, the rows, the file name
 * and the page count
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "cd-doc-context.h"
#include "cd-store.h"
#include "cd-wizard-draft.h"

G_BEGIN_DECLS

/* What the template writes. For a template with placeholders, @columns
 * is NULL and the fields are its per-person placeholders; for the Sở's
 * form, the detected columns (CdFormColumn: header, field or NULL when
 * the column stays empty). */
typedef struct {
  char      **fields;        /* per-person fields written, in order */
  char      **headers;       /* column titles for the preview */
  GPtrArray  *columns;       /* CdFormColumn, Sở's form only */
  char       *sha256;
} CdWizardTemplateInfo;

void                  cd_wizard_template_info_free (CdWizardTemplateInfo *info);
/* @kind: the list's kind ("thu-hoi"…), or NULL: on a Sở's form holding
 * several lists (seed 002: the request and the revocation list), the
 * table a list of that kind fills; NULL with CD_DOCS_ERROR_WRONG_LIST
 * when the form has no list of that kind's sort (what the template step
 * shows). */
CdWizardTemplateInfo *cd_wizard_template_inspect   (const char    *template_path,
                                                    const char    *kind,
                                                    GError       **error);
/* cd_wizard_template_inspect() of @draft's template (the built-in form
 * when it names none) on a worker: a clerk's .docx is unzipped and read
 * off the window's thread. */
void                  cd_wizard_template_inspect_async  (CdStore             *store,
                                                         const CdWizardDraft *draft,
                                                         GCancellable        *cancellable,
                                                         GAsyncReadyCallback  callback,
                                                         gpointer             user_data);
/* What the template writes, or NULL with @error set (the template
 * cannot be read, or G_IO_ERROR_CANCELLED). */
CdWizardTemplateInfo *cd_wizard_template_inspect_finish (CdStore             *store,
                                                         GAsyncResult        *result,
                                                         GError             **error);

/* The context the document is filled with (people in list order). */
CdDocContext *cd_wizard_draft_context (const CdWizardDraft *draft,
                                       CdStore             *store,
                                       gint64               now,
                                       int                  threshold_days,
                                       GError             **error);
/* cd_wizard_draft_context() on a worker with its own connection, on a
 * copy of @draft. */
void          cd_wizard_context_async  (CdStore             *store,
                                        const CdWizardDraft *draft,
                                        gint64               now,
                                        int                  threshold_days,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
/* The context, or NULL with @error set. */
CdDocContext *cd_wizard_context_finish (CdStore             *store,
                                        GAsyncResult        *result,
                                        GError             **error);

/* The rows exactly as written: one GStrv per person, values of @fields.
 * Element type char ** (free with g_strfreev). */
GPtrArray *cd_wizard_preview_rows (const CdDocContext  *ctx,
                                   const char * const  *fields);

/* The suggested file name: "DS_de_nghi_cap_moi_<ten-don-vi>_<yyyy-mm-dd>.docx"
 * ("DS_thu_hoi_…" for revocation), ASCII, no spaces. */
char      *cd_wizard_draft_file_name (const CdWizardDraft *draft,
                                      const CdUnit        *unit);

/* The pages of the list laid out as the printed list (A4, Nghị định 30
 * margins and fonts, the table header repeated): the count of the
 * printed list and an estimate for the Word file, whose layout Word
 * decides. -1 with @error set when the template or a person cannot be
 * read. */
int        cd_wizard_count_pages        (const CdWizardDraft *draft,
                                         CdStore             *store,
                                         gint64               now,
                                         int                  threshold_days,
                                         GError             **error);
/* The same on a worker with its own connection to @store's register; the
 * draft is copied, so the caller may change it meanwhile. */
void       cd_wizard_count_pages_async  (CdStore             *store,
                                         const CdWizardDraft *draft,
                                         gint64               now,
                                         int                  threshold_days,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data);
/* The page count, or -1 with @error set. */
int        cd_wizard_count_pages_finish (CdStore             *store,
                                         GAsyncResult        *result,
                                         GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CdWizardTemplateInfo, cd_wizard_template_info_free)

G_END_DECLS
