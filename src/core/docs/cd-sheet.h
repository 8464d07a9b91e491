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
} CdSheetError;

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

/* The cell at column @col (0 is A), NULL past the row's end. */
const CdSheetCell *cd_sheet_row_get       (const CdSheetRow  *row,
                                           int                col);
/* The text at column @col, NULL when empty or past the row's end. */
const char        *cd_sheet_row_text      (const CdSheetRow  *row,
                                           int                col);
/* TRUE when no cell has anything but white space. */
gboolean           cd_sheet_row_is_blank  (const CdSheetRow  *row);
void               cd_sheet_row_free      (CdSheetRow        *row);

G_END_DECLS
