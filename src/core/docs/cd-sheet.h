/* cd-sheet.h — a spreadsheet (.xlsx or .csv) read as rows of text cells
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define CD_SHEET_ERROR (cd_sheet_error_quark ())

typedef enum {
  CD_SHEET_ERROR_FORMAT,   /* not a workbook / not text: says what to save it as */
  CD_SHEET_ERROR_TOO_LARGE,/* a cell, a row or the whole text past the limits below */
} CdSheetError;

/* Limits of an .xlsx against memory bombs (a shared string repeated in
 * every cell multiplies): one cell's text (libxml2's own cap on a text
 * node), one row's text, and all the text handed over. */
#define CD_SHEET_MAX_CELL   (10u * 1000u * 1000u)
#define CD_SHEET_MAX_ROW    (16u * 1024u * 1024u)
#define CD_SHEET_MAX_TEXT   (256u * 1024u * 1024u)

GQuark cd_sheet_error_quark (void);

typedef struct {
  char     *text;      /* NULL for an empty cell */
  gboolean  numeric;   /* Excel stored a number; @text has it as digits
                        * when it is an integer (no "1.2E+11") */
} CdSheetCell;

typedef struct {
  guint   number;      /* row of the sheet / line of the CSV, from 1 */
  GArray *cells;       /* CdSheetCell, by column (0 is A) */
} CdSheetRow;

typedef struct {
  const char *format;    /* "xlsx" or "csv" */
  const char *encoding;  /* what the text was read as: "UTF-8", "UTF-16LE",
                          * "WINDOWS-1258" or "WINDOWS-1252" (the last two
                          * only for a CSV that was not UTF-8) */
  GPtrArray  *rows;      /* CdSheetRow, in file order, blank ones kept */
} CdSheet;

/* Reads the first worksheet of an .xlsx (shared and inline strings,
 * numbers as text) or a whole .csv (BOM, UTF-16, Windows-1258/1252,
 * ',' ';' or tab), chosen by content, not by name. Errors are
 * CD_FILE_ERROR (cannot read, too large, an old .xls) or CD_SHEET_ERROR.
 * The text is UTF-8 but not composed: a Windows-1258 file gives
 * decomposed tones, so normalise (NFC) each cell that is used. */
CdSheet           *cd_sheet_read          (const char        *path,
                                           GError           **error);
void               cd_sheet_free          (CdSheet           *sheet);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CdSheet, cd_sheet_free)

/* Called with each row in file order, blank ones included; the row is
 * the callee's (keep it or cd_sheet_row_free() it). Return FALSE with
 * @error set to stop reading. */
typedef gboolean (*CdSheetRowFunc) (CdSheetRow  *row,
                                    gpointer     user_data,
                                    GError     **error);

/* cd_sheet_read() without holding the sheet: an .xlsx worksheet (and its
 * shared strings) is parsed as it is inflated, a .csv line by line, and
 * each row goes to @func as soon as it is read, so memory does not grow
 * with the number of rows unless @func keeps them. @format and @encoding
 * (may be NULL; static strings, as in CdSheet) are set before the first
 * row. Returns FALSE with the reader's error or @func's. */
gboolean           cd_sheet_foreach_row   (const char        *path,
                                           const char       **format,
                                           const char       **encoding,
                                           CdSheetRowFunc     func,
                                           gpointer           user_data,
                                           GError           **error);

/* The cell at column @col (0 is A), NULL past the row's end. */
const CdSheetCell *cd_sheet_row_get       (const CdSheetRow  *row,
                                           int                col);
/* The text at column @col, NULL when empty or past the row's end. */
const char        *cd_sheet_row_text      (const CdSheetRow  *row,
                                           int                col);
/* TRUE when no cell has anything but white space. */
gboolean           cd_sheet_row_is_blank  (const CdSheetRow  *row);
void               cd_sheet_row_free      (CdSheetRow        *row);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CdSheetRow, cd_sheet_row_free)

G_END_DECLS
