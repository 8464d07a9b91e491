/* cd-xlsx-util.h — libxlsxwriter's refusals in the clerk's words
 *
 * libxlsxwriter reports with an English lxw_strerror() ("Zip generic
 * error ZIP_ERRNO while creating the xlsx file."), prints "[ERROR]"
 * lines to stderr, and leaves a cell empty when it refuses a string.
 * Every workbook CertDesk writes goes through these instead (issue 20,
 * D16).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <xlsxwriter.h>

G_BEGIN_DECLS

/* Sets @error to a sentence saying what to do about @err, raised while
 * writing @target; @errnum (errno after the failing call, or 0) says
 * whether the disk was full or the folder read-only
 * (cd_file_set_io_error()). Never libxlsxwriter's English. */
void     cd_xlsx_set_error  (GError       **error,
                             const char    *target,
                             lxw_error      err,
                             int            errnum);

/* Closes @wb (written to the temporary file @temp for @target) with
 * libxlsxwriter's stderr lines kept off the terminal, and checks that
 * @temp is a whole zip: libxlsxwriter 1.1 does not always see its zip
 * writer fail (a full disk, a file size limit). FALSE with @error set
 * by cd_xlsx_set_error(); @wb is freed either way. */
gboolean cd_xlsx_close      (lxw_workbook  *wb,
                             const char    *temp,
                             const char    *target,
                             GError       **error);

/* Longest text an Excel cell holds (libxlsxwriter refuses more and
 * leaves the cell empty). */
#define CD_XLSX_MAX_CELL 32767

/* worksheet_write_string(), but a text over CD_XLSX_MAX_CELL characters
 * (a register older than the field limits may hold one) is cut to fit,
 * ending in "…", rather than dropped. */
lxw_error cd_xlsx_write_text (lxw_worksheet *ws,
                              lxw_row_t      row,
                              lxw_col_t      col,
                              const char    *text,
                              lxw_format    *format);

G_END_DECLS
