/* cd-collect.h — collecting every school's list into one
 *
 * The level above the school (the UBND xã, the Sở's office) receives one
 * list per school — a Word file in the Sở's form, or a sheet (the Cục's
 * 19 columns, a staff sheet) — and sends one list on. cd_collect_run()
 * reads the files one at a time (memory bounded by the largest file, not
 * the total), checks every row as the Sở would, and returns a
 * CdCollectResult: the people kept, grouped by unit in the order the
 * files came, each person once, and per file what was read, kept,
 * rejected and merged, with row numbers. Nothing invalid is dropped
 * silently. The writers (cd-collect-write.h) turn the result into the
 * collected list, the Cục's sheet and the report.
 *
 * Collecting touches no register: the Sở's office may have none.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define CD_COLLECT_ERROR (cd_collect_error_quark ())

typedef enum {
  CD_COLLECT_ERROR_NO_FILES,     /* no path given, or no list in the folders given */
  CD_COLLECT_ERROR_NOTHING_READ, /* no file could be read (the writers) */
} CdCollectError;

GQuark cd_collect_error_quark (void);

typedef enum {
  CD_COLLECT_FILE_READ,      /* a list was read */
  CD_COLLECT_FILE_SKIPPED,   /* not read: @problem says why and what to do */
  CD_COLLECT_FILE_SAME,      /* the same file as an earlier one (same real
                              * path or same SHA-256): counted once */
  CD_COLLECT_FILE_REPLACED,  /* every row replaced by a later file of the
                              * same unit (a corrected list) */
} CdCollectFileStatus;

/* What said which kind the collected list is. */
typedef enum {
  CD_COLLECT_KIND_ASSUMED,   /* nothing: a request for new certificates */
  CD_COLLECT_KIND_TITLE,     /* the lists' titles ("DANH SÁCH THU HỒI…") */
  CD_COLLECT_KIND_COLUMNS,   /* no title: the lists' columns are a
                              * revocation list's (Lý do thu hồi, Thông
                              * tin chứng thư số) */
  CD_COLLECT_KIND_FORM,      /* nothing in the lists: the Sở's form the
                              * list is made on holds only a revocation list */
} CdCollectKindSource;

typedef enum {
  CD_COLLECT_ISSUE_REJECTED,  /* the row is left out: @message says why */
  CD_COLLECT_ISSUE_DUPLICATE, /* the same person as @other_file/@other_row, kept there */
  CD_COLLECT_ISSUE_REPLACED,  /* the row's unit came again in a later file */
  CD_COLLECT_ISSUE_WARNING,   /* kept, but worth a look */
} CdCollectIssueKind;

typedef struct {
  CdCollectIssueKind  kind;
  guint               row;         /* row of the table or sheet, from 1 */
  char               *name;        /* the name as written, may be NULL */
  char               *message;     /* translated: what is wrong, what to do */
  int                 other_file;  /* index in CdCollectResult.files, -1 if none */
  guint               other_row;
} CdCollectIssue;

/* One person of the collected list. Dates are ISO; CCCD and phone
 * normalised (digits); every field may be NULL but the name. */
typedef struct {
  char  *full_name;
  char  *birth_date;
  char  *gender;
  char  *position;
  char  *unit;          /* the school: the frame's unit, else the Đơn vị
                         * column, else the file's name */
  char  *cccd;
  char  *cccd_date;
  char  *cccd_place;
  char  *phone;
  char  *email;
  char  *serial;        /* số hiệu chứng thư (revocation lists) */
  char  *cert_info;     /* thông tin chứng thư số, as written */
  char  *cert_from;     /* its validity (ISO), read from @cert_info, or NULL */
  char  *cert_to;
  char  *provider;      /* đơn vị cung cấp */
  char  *reason;        /* lý do */
  char  *change;        /* nội dung thay đổi */
  char  *device;        /* thiết bị */
  char  *note;
  guint  file;          /* index in CdCollectResult.files */
  guint  row;           /* row of the table or sheet, from 1 */
} CdCollectPerson;

typedef struct {
  char                *path;        /* as found (a folder's files in name order) */
  char                *name;        /* its base name, for messages */
  CdCollectFileStatus  status;
  char                *problem;     /* translated, for SKIPPED, SAME, REPLACED */
  const char          *format;      /* "docx", "xlsx", "csv" or NULL */
  char                *unit;        /* the unit the frame or the sheet names, may be NULL */
  char                *title;       /* the list's title, may be NULL */
  const char          *kind;        /* "cap-moi", "thu-hoi"… from the title, else
                                     * "thu-hoi" for a revocation list's columns,
                                     * else NULL */
  CdCollectKindSource  kind_source; /* TITLE or COLUMNS; ASSUMED for NULL */
  guint                n_read;      /* rows holding something */
  guint                n_kept;      /* in the collected list */
  guint                n_rejected;
  guint                n_duplicates;
  guint                n_replaced;  /* rows replaced by a later file */
  GPtrArray           *issues;      /* CdCollectIssue, by row */
  guint                list;        /* 1 when its people are on the second
                                     * list (CdCollectResult.other: a file of
                                     * the other sort), else 0 */
} CdCollectFile;

/* One collected list. Request lists (cấp mới, gia hạn…) and revocation
 * lists are never collected into one: when files of both sorts come, the
 * sort most lists are makes the first list (with the files whose kind is
 * unknown), the other sort the second, @other. Each list's people, units,
 * duplicates, replaced units and row totals are its own files' only. */
typedef struct _CdCollectResult CdCollectResult;
struct _CdCollectResult {
  GPtrArray  *files;     /* CdCollectFile, in the order given: every file of
                          * the run, shared by both lists (CdCollectFile.list
                          * says whose people it gave) */
  GPtrArray  *people;    /* CdCollectPerson, grouped by unit in the order
                          * the units came, each person once */
  GPtrArray  *units;     /* char *: the units in that order */
  const char *kind;      /* the kind most lists are ("cap-moi"…), NULL if none said */
  CdCollectKindSource kind_source;  /* TITLE when a title said @kind, COLUMNS
                                     * when only columns did, ASSUMED for NULL */
  guint       n_read, n_kept, n_rejected, n_duplicates, n_replaced;
  guint       n_files_read, n_files_skipped;  /* the first list counts the
                                               * files read of no sort and
                                               * those not read */
  CdCollectResult *other;  /* the second list, of the other sort (request or
                            * revocation), NULL when all lists are of one;
                            * owned; it has no @other itself */
  gboolean    second;      /* this is a first list's @other */
};

/* The whole run's totals: both lists together. */
typedef struct {
  guint n_read, n_kept, n_rejected, n_duplicates, n_replaced;
  guint n_files_read, n_files_skipped;
  guint n_units;         /* a unit on both lists counted twice */
} CdCollectTotals;

void cd_collect_totals (const CdCollectResult *result,
                        CdCollectTotals       *totals);

void cd_collect_result_free (CdCollectResult *result);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CdCollectResult, cd_collect_result_free)

/* Called after each file: @done of @total files, @path the file just
 * read. */
typedef void (*CdCollectProgressFunc) (guint        done,
                                       guint        total,
                                       const char  *path,
                                       gpointer     user_data);

/* The files @paths (NULL-terminated) name, a folder giving its .docx,
 * .xlsx and .csv files in name order (not its sub-folders): every path
 * given once, in order. Old .doc and .xls files are listed too, to be
 * reported with what to do. NULL with CD_COLLECT_ERROR_NO_FILES when
 * nothing is left, or a GFileError for a folder that cannot be read. */
GPtrArray *cd_collect_expand_paths (const char *const  *paths,
                                    GError            **error);

/* Reads and checks every list of @paths (see cd_collect_expand_paths()).
 * Files that cannot be read are reported in the result, not as an error:
 * NULL only with CD_COLLECT_ERROR_NO_FILES, a folder error or
 * G_IO_ERROR_CANCELLED. @progress (may be NULL) runs on the calling
 * thread. @today_iso (NULL: today) is the date no birth or issue date may
 * pass. */
CdCollectResult *cd_collect_run (const char *const     *paths,
                                 const char            *today_iso,
                                 CdCollectProgressFunc  progress,
                                 gpointer               progress_data,
                                 GCancellable          *cancellable,
                                 GError               **error);

/* cd_collect_run() on a worker thread. @progress runs on the thread-default
 * main context of the caller, never after @callback; @progress_data_free
 * (may be NULL) frees @progress_data once the run and its last report are
 * done (on either thread). Like the module
 * check (cd_pkcs11_module_check_async), it takes no CdStore: collecting
 * reads files only, and the Sở's office may have no register. A
 * cancelled run finishes with G_IO_ERROR_CANCELLED. */
void             cd_collect_run_async  (const char *const     *paths,
                                        CdCollectProgressFunc  progress,
                                        gpointer               progress_data,
                                        GDestroyNotify         progress_data_free,
                                        GCancellable          *cancellable,
                                        GAsyncReadyCallback    callback,
                                        gpointer               user_data);
CdCollectResult *cd_collect_run_finish (GAsyncResult          *result,
                                        GError               **error);

/* The report in the interface language (Vietnamese for the clerk): totals,
 * then per file the rows read, kept, rejected (row and why), duplicates
 * (with the other file and row) and replaced. */
char            *cd_collect_report_text (const CdCollectResult *result);

G_END_DECLS
