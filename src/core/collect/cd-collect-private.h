/* cd-collect-private.h — one file's rows as read, before the checks
 * (cd-collect-read.c), shared with the collector (cd-collect.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cd-collect.h"

G_BEGIN_DECLS

typedef enum {
  CF_STT,
  CF_NAME,
  CF_BIRTH,
  CF_GENDER,
  CF_POSITION,
  CF_UNIT,
  CF_CCCD,
  CF_CCCD_DATE,
  CF_CCCD_PLACE,
  CF_PHONE,
  CF_EMAIL,
  CF_SERIAL,
  CF_CERT_INFO,
  CF_PROVIDER,
  CF_REASON,
  CF_CHANGE,
  CF_DEVICE,
  CF_NOTE,
  CF_CARD,                  /* number, issue date and place in one cell */
  CF_N
} CdCollectField;

typedef struct {
  guint     row;            /* row of the table or sheet, from 1 */
  char     *v[CF_N];        /* cleaned text (NFC, one space), NULL when empty */
  gboolean  cccd_numeric;   /* a sheet stored the CCCD as a number */
} CdCollectRaw;

typedef struct {
  const char *format;       /* "docx", "xlsx", "csv" */
  char       *unit;         /* the frame's or the sheet's unit, may be NULL */
  char       *title;
  gboolean    has_column[CF_N];
  gboolean    revocation;   /* its columns are a revocation list's
                             * (cd_form_column_sort): Thông tin chứng thư
                             * số, or a Lý do that says thu hồi */
  GPtrArray  *rows;         /* CdCollectRaw */
} CdCollectRead;

void           cd_collect_read_free (CdCollectRead *read);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CdCollectRead, cd_collect_read_free)

/* Reads the list of one file (.docx, .xlsx or .csv, by content). NULL
 * with a translated message saying what the file is and what to do (an
 * old .doc or .xls, a password-protected file, a file that is not a
 * list). */
CdCollectRead *cd_collect_read_file (const char  *path,
                                     GError     **error);

/* The kind of list a title names ("DANH SÁCH THU HỒI…" → "thu-hoi"),
 * NULL when it names none. */
const char    *cd_collect_kind_from_title (const char *title);

/* The CCCD number, issue date and place a clerk typed in one cell
 * ("031085001234; 15/04/2021; Cục Cảnh sát QLHC về TTXH", "… cấp ngày
 * 15/4/2021 tại …"): the first run of 9 or more digits, the first date
 * after it as written, the rest. Without such a number, the whole text
 * as the number, for the check to say what is wrong. */
void           cd_collect_split_card (const char  *text,
                                      char       **cccd,
                                      char       **date,
                                      char       **place);

G_END_DECLS
