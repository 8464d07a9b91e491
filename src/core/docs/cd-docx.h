/* cd-docx.h — filling Word (.docx) templates: the placeholder engine
 *
 * The package (zip or folder I/O) is cd-docx-package.h.
 *
 * Templates name values with placeholders `{{ho_ten}}` (see
 * cd-doc-context.h for the vocabulary) in the body, tables, headers and
 * footers. Word may split a placeholder over several runs and put
 * proofing or bookmark marks between its braces: the text of a paragraph
 * is matched as a whole and the value takes the formatting of the run
 * where the placeholder starts. A table row holding a per-person
 * placeholder is repeated once per person.
 *
 * A .docx without placeholders is treated as the form the Sở sent: see
 * cd_docx_fill_form().
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "cd-doc-context.h"
#include "cd-docx-package.h"

G_BEGIN_DECLS

/* One placeholder as used in a template. */
typedef struct {
  char     *name;
  char     *where;       /* "thân văn bản, đoạn 12", translated */
  gboolean  known;
  gboolean  per_person;  /* scope PERSON or CERT */
  gboolean  in_row;      /* inside a table row that repeats */
} CdDocxPlaceholder;

void       cd_docx_placeholder_free (CdDocxPlaceholder *ph);

/* Every placeholder of the package, in document order (element type
 * CdDocxPlaceholder); an empty array for a file without any. */
GPtrArray *cd_docx_list_placeholders (CdDocxPackage  *pkg,
                                      GError        **error);

/* Replaces every placeholder with its value from @ctx, repeating rows
 * per person. Fails with CD_DOCS_ERROR_UNKNOWN_PLACEHOLDER naming the
 * first unknown placeholder and where it is; the package is then left
 * unchanged. */
gboolean   cd_docx_fill             (CdDocxPackage       *pkg,
                                     const CdDocContext  *ctx,
                                     GError             **error);

/* ---- The Sở's form as it came --------------------------------------- */

/* How one column of the form's table was understood. */
typedef struct {
  guint  column;       /* 0-based grid column */
  char  *header;       /* header text as in the form */
  char  *field;        /* placeholder name filled in, NULL if unmapped */
} CdFormColumn;

/* The sort of list a column tells, by the field it fills and its header
 * (cd-docx-form.c): a revocation list's (Thông tin chứng thư số, Lý do
 * thu hồi), a request's, or either (a bare "Lý do": Mẫu 06 and a
 * revocation list both have one). A table's is its columns' together
 * (a revocation's column makes it a revocation list). */
typedef enum {
  CD_FORM_SORT_REQUEST,
  CD_FORM_SORT_REVOCATION,
  CD_FORM_SORT_EITHER,
} CdFormSort;
CdFormSort cd_form_column_sort (const char *field,
                                const char *header);
/* The kinds (thu-hoi, mau-05) that fill a revocation list. */
gboolean   cd_form_kind_revocation (const char *kind);

void       cd_form_column_free      (CdFormColumn *col);

/* Fills a form without placeholders: finds the table whose header names
 * known columns (STT/TT, Họ và tên, Ngày sinh, Chức vụ, Đơn vị, Số căn
 * cước công dân, Ngày cấp CCCD, Điện thoại, Thông tin chứng thư số, Đơn vị
 * cung cấp, Lý do thu hồi and their variants, ignoring accents and case),
 * replaces its blank numbered rows with one row per person in the same
 * formatting, and fills the frame's blanks (TÊN ĐƠN VỊ QUẢN LÝ, TÊN ĐƠN
 * VỊ, the "……, ngày … tháng … năm …" line, the signer's name under the
 * signature note). Returns the column mapping (element type CdFormColumn,
 * unmapped columns with field NULL) or NULL with CD_DOCS_ERROR_NOT_TEMPLATE
 * when no such table exists, with CD_DOCS_ERROR_WRONG_LIST when the form's
 * lists are all of the other sort than ctx->kind's (a request on a form
 * holding only the revocation list, or the reverse). */
GPtrArray *cd_docx_fill_form        (CdDocxPackage       *pkg,
                                     const CdDocContext  *ctx,
                                     GError             **error);

/* A column of a Sở's form too narrow for its numbers at the form's size. */
typedef struct {
  guint       column;    /* grid column, from 0 */
  char       *header;    /* its header as the form writes it */
  char       *field;     /* "cccd", "ngay_sinh", "dien_thoai"… */
  double      width_mm;  /* the cell's width */
  double      form_pt;   /* the size of the form's text */
  double      fit_pt;    /* the size its numbers would be set in (never
                          * below 10); 0: too narrow even in 10 pt, the
                          * column must be widened */
} CdFormNarrowColumn;

void        cd_form_narrow_column_free (CdFormNarrowColumn *col);

/* One list of a Sở's form, read as cd_docx_fill_form() would fill it. */
typedef struct {
  guint       table;     /* its place among the file's tables, from 0 */
  gboolean    revocation;/* it names Lý do thu hồi or Thông tin chứng thư số */
  GPtrArray  *columns;   /* CdFormColumn, unmapped columns with field NULL */
  GPtrArray  *narrow;    /* CdFormNarrowColumn: its mapped number columns
                          * (CCCD, dates, phone, serial) whose typical
                          * value (12 digits, dd/mm/yyyy, 10 digits, a
                          * 16-digit serial) does not fit on one line at
                          * the form's size, measured as the fill does */
  GPtrArray  *kinds;     /* const char *, static: the kinds of list
                          * (cd_doc_kinds) filled into this table */
} CdFormCheck;

void        cd_form_check_free (CdFormCheck *check);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CdFormCheck, cd_form_check_free)

/* Reads each list of the Sở's form @pkg (a form may hold the request list
 * and the revocation list) as the fill would, for a list of nobody (@pkg
 * is changed: do not save it). A kind is served by the table the fill
 * picks for it, when that table is of its sort: a revocation (thu-hoi,
 * mau-05) by a table with the revocation columns, any other list by one
 * without them. Element type CdFormCheck, in document order; NULL with
 * CD_DOCS_ERROR_NOT_TEMPLATE when the form has no list table. */
GPtrArray  *cd_docx_check_form (CdDocxPackage  *pkg,
                                GError        **error);

/* The kinds of list (cd_doc_kinds ids) the Sở's form @pkg makes, each
 * once: the kinds cd_docx_check_form() gives its lists, together. What
 * the command line tells with a refusal (CD_DOCS_ERROR_WRONG_LIST), whose
 * message names them in the clerk's words. Empty for a form with no list
 * table; NULL with @error when the form cannot be read. */
char      **cd_docx_form_kinds (CdDocxPackage  *pkg,
                                GError        **error);

/* The room the widest word of @text takes on a line, in thousandths of
 * an em of Times New Roman (the measure the fit of a form's numbers
 * uses). */
guint       cd_docx_token_width  (const char *text);

/* "18,5" for 18.5: one decimal at most, a decimal comma whatever the
 * locale (the notes are Vietnamese). */
char       *cd_form_decimal_comma (double value);

/* The column a header text names ("Số CCCD" → "cccd"), NULL if none. */
const char *cd_form_field_for_header (const char *header);

/* Fills @template_path (placeholders, or the Sở's form when it has none)
 * and writes @output. The repeated row is compiled once and written per
 * person straight into the zip, so memory does not grow with the number
 * of people; the bytes of document.xml are those cd_docx_fill() /
 * cd_docx_fill_form() give (which clone the row per person in the tree:
 * for previews and small fills). Sets @out_sha256 to the template's SHA-256 and, for
 * a form, @out_columns to the mapping (NULL for a placeholder template). */
gboolean   cd_docx_generate         (const char          *template_path,
                                     const CdDocContext  *ctx,
                                     const char          *output,
                                     gboolean             overwrite,
                                     char               **out_sha256,
                                     GPtrArray          **out_columns,
                                     GError             **error);

/* ---- A filled form read back (cd-docx-form-read.c) ------------------ */

/* One person's row of a filled list. */
typedef struct {
  guint   row;      /* row of the table, from 1 (header rows counted) */
  char   *group;    /* the last one-cell heading row above it (a unit's
                     * name in a list already collected), or NULL */
  char  **values;   /* by index of the list's columns: the cell's text,
                     * "" when empty */
} CdFormRow;

typedef struct {
  GPtrArray *columns;  /* CdFormColumn, by grid column (field NULL: not understood) */
  GPtrArray *rows;     /* CdFormRow in table order; blank numbered rows,
                        * column-number rows and headings left out */
  char      *unit;     /* the frame's unit, NULL when left blank or absent */
  char      *parent;   /* the managing unit above it, or NULL */
  char      *title;    /* "BIỂU MẪU ĐỀ NGHỊ CẤP CHỨNG THƯ SỐ"…, or NULL */
} CdFormList;

void        cd_form_list_free (CdFormList *list);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CdFormList, cd_form_list_free)

/* Reads the list of a filled form: the table found by its header as
 * cd_docx_fill_form() finds it (the one with the most filled rows when
 * the form holds several), the unit from the frame beside "CỘNG HÒA XÃ
 * HỘI CHỦ NGHĨA VIỆT NAM", the title. word/document.xml is streamed from
 * the zip (no tree, no other part inflated). NULL with
 * CD_DOCS_ERROR_NOT_TEMPLATE when the file holds no such table, with
 * CD_FILE_ERROR_FORMAT when @path is no Word document. */
CdFormList *cd_docx_read_form_file (const char  *path,
                                    GError     **error);

G_END_DECLS
