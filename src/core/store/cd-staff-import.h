/* cd-staff-import.h — importing the staff list from .xlsx or .csv
 *
 * Two steps so the clerk sees everything before anything is written:
 * cd_staff_import_prepare() reads the file and compares it with the
 * register (added / updated / unchanged / rejected, each with its row
 * number); cd_staff_import_commit() writes every accepted row in one
 * transaction, or nothing. Run both on a worker thread for big files.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "cd-store.h"

G_BEGIN_DECLS

#define CD_STAFF_IMPORT_ERROR (cd_staff_import_error_quark ())

typedef enum {
  CD_STAFF_IMPORT_ERROR_FAILED,
  CD_STAFF_IMPORT_ERROR_EMPTY,      /* no rows at all */
  CD_STAFF_IMPORT_ERROR_NO_HEADER,  /* no "Họ và tên" column in the first 15 rows */
  CD_STAFF_IMPORT_ERROR_FORMAT,     /* not .xlsx / .csv, or unreadable */
  CD_STAFF_IMPORT_ERROR_CHANGED,    /* the register changed since the preview */
} CdStaffImportError;

GQuark cd_staff_import_error_quark (void);

typedef enum {
  CD_IMPORT_ADD,
  CD_IMPORT_UPDATE,
  CD_IMPORT_UNCHANGED,
  CD_IMPORT_REJECT,
} CdImportAction;

/* A preview keeps the first CD_STAFF_IMPORT_KEEP_ROWS rows to add, update
 * or leave unchanged whole; past them, a row to add or update waits for
 * the commit in a private temporary file (its CdImportRow is kept, with
 * @staff and @old NULL, only when it has warnings), and an unchanged row
 * is only counted. Rejected and warned rows are listed up to
 * CD_STAFF_IMPORT_MAX_LISTED, then only counted (@n_unlisted). So memory
 * does not grow with the number of rows. */
#define CD_STAFF_IMPORT_KEEP_ROWS  1000
#define CD_STAFF_IMPORT_MAX_LISTED 10000

typedef struct {
  guint           row;        /* row of the sheet / line of the CSV, from 1 */
  CdImportAction  action;
  char           *name;       /* the full name as the file has it, rejected rows too; NULL if none */
  CdStaff        *staff;      /* what will be written (merged for an update); NULL when rejected,
                               * or past CD_STAFF_IMPORT_KEEP_ROWS (then @name has the name) */
  CdStaff        *old;        /* the matched record, for updates */
  char           *matched_by; /* "cccd", "email", "name" or NULL */
  char           *reason;     /* why it was rejected */
  GPtrArray      *warnings;   /* char *: kept, but the clerk should check */
} CdImportRow;

typedef struct {
  char       *path;
  char       *format;          /* "xlsx" or "csv" */
  char       *encoding_note;   /* set when a CSV was not UTF-8 */
  guint       header_row;      /* first header row, from 1 */
  GPtrArray  *ignored_columns; /* char *: header texts not understood */
  GPtrArray  *rows;            /* CdImportRow, in file order (blank rows left out): the
                                * first rows and the rejected and warned ones, see
                                * CD_STAFF_IMPORT_KEEP_ROWS */
  GPtrArray  *skipped;         /* char *: rows left out and why (a "Tổng cộng" line) */
  guint       n_added;
  guint       n_updated;
  guint       n_unchanged;
  guint       n_rejected;
  guint       n_unlisted;      /* rejected or warned rows past CD_STAFF_IMPORT_MAX_LISTED,
                                * counted but not in @rows */
  struct _CdImportSpill *spill; /* private: the rows to write past the first ones */
} CdStaffImport;

/* Reads @path (.xlsx or .csv, decided by content, not name) and compares
 * it with @store. @official_domains (may be NULL) gives warnings for
 * non-official email addresses. Writes nothing. */
CdStaffImport *cd_staff_import_prepare (CdStore            *store,
                                        const char         *path,
                                        const char *const  *official_domains,
                                        GError            **error);

/* Writes every added and updated row in one transaction; on any failure
 * nothing is written. Returns FALSE with an error that names the row.
 * The rows are checked again under the write lock: an update writes only
 * the fields the file changes onto the record as it is now; when another
 * program changed the same field, deleted the record, or gave its e-mail
 * (any case) or CCCD to someone else since the preview, nothing is
 * written and the error (CHANGED) lists what changed. */
gboolean       cd_staff_import_commit  (CdStaffImport      *import,
                                        CdStore            *store,
                                        GError            **error);

/* The preview as translated text, one line per rejected or warned row
 * ("Dòng 7: …"), for the command line and the log. */
char          *cd_staff_import_summary (const CdStaffImport *import);
/* The same text handed to @func one line at a time (each ends with a
 * newline), so that it need not be held whole. */
void           cd_staff_import_summary_foreach (const CdStaffImport *import,
                                                void               (*func) (const char *line,
                                                                            gpointer    user_data),
                                                gpointer             user_data);

void           cd_staff_import_free    (CdStaffImport      *import);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CdStaffImport, cd_staff_import_free)

/* cd_staff_import_prepare() on a worker with its own connection to
 * @store's register (cd_store_run_async): @store stays usable meanwhile.
 * A cancelled run finishes with G_IO_ERROR_CANCELLED. */
void           cd_staff_import_prepare_async  (CdStore            *store,
                                               const char         *path,
                                               const char *const  *official_domains,
                                               GCancellable       *cancellable,
                                               GAsyncReadyCallback callback,
                                               gpointer            user_data);
CdStaffImport *cd_staff_import_prepare_finish (CdStore            *store,
                                               GAsyncResult       *result,
                                               GError            **error);

G_END_DECLS
