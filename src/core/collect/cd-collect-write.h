/* cd-collect-write.h — the collected list, the Cục's sheet and the report
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "cd-collect.h"
#include "cd-doc-context.h"

G_BEGIN_DECLS

/* The people of @result as a document context: each person once, in the
 * result's order (grouped by unit), with their school in Đơn vị and, for
 * the Cục's sheet, as the level of organisation below @collector's own
 * (Tổ chức cấp 1…4). @collector (may be NULL: blanks in the frame) is
 * the unit that collects — the xã, the Sở's office — whose name heads the
 * collected list. */
CdDocContext *cd_collect_context (const CdCollectResult *result,
                                  const CdUnit          *collector);

/* The kind of list @result is made as on @template_path (NULL: the
 * built-in form), and what said so (@source, may be NULL): the kind most
 * lists' titles — else columns — say (result->kind); when none said,
 * "thu-hoi" when @template_path is a Sở's form holding only a revocation
 * list (a fill of a request there is refused), else "cap-moi", assumed. */
const char   *cd_collect_list_kind    (const CdCollectResult  *result,
                                       const char             *template_path,
                                       CdCollectKindSource    *source);

/* What the clerk is told of that kind: which list the collected list is
 * and what said so, and, when files of the other sort (request or
 * revocation) came too (result->other), that their people are on a
 * second list of its kind, not on this one, and which list is made on
 * the built-in form for want of a list of its sort in the form chosen.
 * Translated. */
char         *cd_collect_kind_text    (const CdCollectResult  *result,
                                       const char             *template_path);

/* The form @result's list is made on (NULL: the built-in form of its
 * kind) when @template_path was chosen. With one list, @template_path.
 * With two (result->other, or result->second), the Sở's form serves the
 * list of each sort it holds and leaves the other to the built-in form;
 * a template with placeholders serves the first list only. */
const char   *cd_collect_list_template (const CdCollectResult *result,
                                        const char            *template_path);

/* Where the second list (result->other) is written beside the first,
 * @output: its stem, then "-thu-hoi.docx" for a revocation list,
 * "-de-nghi.docx" for a request. NULL when there is no second list. */
char         *cd_collect_second_path  (const CdCollectResult  *result,
                                       const char             *output);

/* With two lists, which people the Cục's sheet holds: it is for requests,
 * so the request list's only. NULL with one list (the sheet holds its
 * people, a revocation list's too). Translated. */
char         *cd_collect_sheet_text   (const CdCollectResult  *result);

/* Writes the collected list to @output (.docx, mode 0600): from
 * @template_path — the Sở's own form (its table found by its header) or a
 * template with placeholders — or, when NULL, the built-in template, of
 * the kind cd_collect_list_kind() says (cd_collect_list_template()
 * chooses between them when there are two lists; pass result->other and
 * the same @template_path to write the second). Fails with
 * CD_COLLECT_ERROR_NOTHING_READ when no one was kept. */
gboolean      cd_collect_write_list   (const CdCollectResult  *result,
                                       const CdUnit           *collector,
                                       const char             *template_path,
                                       const char             *output,
                                       gboolean                overwrite,
                                       GError                **error);

/* The Cục's 19-column bulk-registration sheet of every person kept
 * (cd_xlsx_write_bulk_sheet): with a second list, of the request list's
 * people only (cd_collect_sheet_text()). */
gboolean      cd_collect_write_bulk_sheet (const CdCollectResult  *result,
                                           const CdUnit           *collector,
                                           const char             *output,
                                           gboolean                overwrite,
                                           GError                **error);

/* The rows of the Cục's sheet of @result (as cd_collect_write_bulk_sheet()
 * writes it for @collector) whose required cells are empty, as a section
 * of the report: a heading, then one line per row naming the school's
 * file and row to ask ("Dòng 4 – Trần Văn Nam: thiếu Ngày sinh (từ
 * 01-thcs.docx, dòng 3)"). NULL when every row is whole. @n_rows, if not
 * NULL, receives the number of such rows. */
char         *cd_collect_bulk_gaps_text (const CdCollectResult *result,
                                         const CdUnit          *collector,
                                         guint                 *n_rows);

/* The report (cd_collect_report_text), then @extra when not NULL (the
 * sheet's gaps), as a UTF-8 text file, mode 0600. */
gboolean      cd_collect_write_report (const CdCollectResult  *result,
                                       const char             *extra,
                                       const char             *output,
                                       gboolean                overwrite,
                                       GError                **error);

/* What to save, for cd_collect_save_async(): any path may be NULL but
 * @output. */
typedef struct {
  char     *output;         /* the list, .docx */
  char     *template_path;  /* NULL: built-in */
  char     *bulk_sheet;     /* the Cục's sheet, .xlsx */
  char     *report;         /* the report, text */
  CdUnit   *collector;      /* may be NULL */
  gboolean  overwrite;
} CdCollectSave;

CdCollectSave *cd_collect_save_new  (void);
void           cd_collect_save_free (CdCollectSave *save);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CdCollectSave, cd_collect_save_free)

/* Writes the list, the second list when there is one (at
 * cd_collect_second_path()), then the sheet and the report when asked, stopping at
 * the first failure; on a worker (a 30,000-person list takes seconds).
 * @result must stay alive and unchanged until the callback. Takes no
 * CdStore, like cd_collect_run_async(). */
void          cd_collect_save_async   (const CdCollectResult  *result,
                                       const CdCollectSave    *save,
                                       GCancellable           *cancellable,
                                       GAsyncReadyCallback     callback,
                                       gpointer                user_data);
/* @kind_text (may be NULL) receives cd_collect_kind_text() of the lists
 * written, then cd_collect_sheet_text() when a sheet was. */
gboolean      cd_collect_save_finish  (GAsyncResult           *result,
                                       char                  **kind_text,
                                       GError                **error);

G_END_DECLS
