/* cd-batch-scan.h — the signed scans of a list
 *
 * Once printed, signed and stamped, the list is scanned and sent with
 * its Word file. The scans (PDF, JPEG or PNG) are copied into the data
 * folder ($XDG_DATA_HOME/certdesk/scans/<batch>/, folders 0700, files
 * 0600: they carry personal data) and recorded in batch_attachments with
 * their SHA-256, so moving or deleting the original loses nothing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "cd-store.h"

G_BEGIN_DECLS

/* A scan is refused above this size (a 30-page colour scan is ~20 MB). */
#define CD_BATCH_SCAN_MAX_SIZE (64 * 1024 * 1024)

typedef struct {
  gint64  id;
  gint64  batch_id;
  char   *path;      /* the copy in the data folder */
  char   *name;      /* the file's name as chosen */
  char   *mime;      /* application/pdf, image/jpeg, image/png */
  gint64  size;
  char   *sha256;
  char   *added;     /* ISO date and time */
} CdBatchScan;

void         cd_batch_scan_free   (CdBatchScan *scan);

/* The MIME type of a scan from its first bytes ("%PDF-", JPEG's FF D8
 * FF, PNG's signature), or NULL for anything else. */
const char  *cd_batch_scan_sniff  (const guint8 *data,
                                   gsize         len);

/* The folder a batch's scans are copied to (not created). */
char        *cd_batch_scan_dir    (gint64        batch_id);

/* Copies @path into the batch's scans folder and records it. A missing
 * file is CD_FILE_ERROR_NOT_FOUND, a file that is not a PDF, JPEG or PNG
 * (by its content, not its name) CD_FILE_ERROR_FORMAT, an empty or too
 * large file CD_FILE_ERROR_TOO_LARGE / _FORMAT; a batch that is gone
 * CD_STORE_ERROR_NOT_FOUND. The same content attached twice to a batch
 * gives the first record back. */
CdBatchScan *cd_batch_attach_scan (CdStore      *store,
                                   gint64        batch_id,
                                   const char   *path,
                                   GError      **error);

/* The scans of a batch, oldest first. Element type CdBatchScan. */
GPtrArray   *cd_batch_list_scans  (CdStore      *store,
                                   gint64        batch_id,
                                   GError      **error);

/* cd_batch_attach_scan() on a worker with its own connection; emits
 * changed::batch on @store when done. */
void         cd_batch_attach_scan_async  (CdStore             *store,
                                          gint64               batch_id,
                                          const char          *path,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
CdBatchScan *cd_batch_attach_scan_finish (CdStore             *store,
                                          GAsyncResult        *result,
                                          GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CdBatchScan, cd_batch_scan_free)

G_END_DECLS
