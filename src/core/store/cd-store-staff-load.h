/* cd-store-staff-load.h — the staff list read on a worker
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "cd-gate.h"
#include "cd-store.h"

G_BEGIN_DECLS

/* Reads the staff rows of @primary's register on a worker, with its own
 * connection (the main thread keeps @primary). @threshold_days decides
 * "expiring". When @primary's integrity check was left for later
 * (cd_store_open_check_later), the worker runs it once the rows are
 * handed over, and gives the answer to @primary on the calling thread's
 * main context (cd_store_finish_check). */
void       cd_store_load_staff_rows_async  (CdStore             *primary,
                                            int                  threshold_days,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
/* Element type CdStaffRow, or NULL with @error. */
GPtrArray *cd_store_load_staff_rows_finish (CdStore             *primary,
                                            GAsyncResult        *result,
                                            GError             **error);

/* Gets one page of rows (element type CdStaffRow; borrowed: reference
 * it to keep it). */
typedef void (*CdStaffPageFunc) (GPtrArray *rows,
                                 gpointer   user_data);

/* Like cd_store_load_staff_rows_async(), but hands the rows over in
 * pages as they are read (cd_staff_pager_new(): one snapshot, name
 * order), to @page_func on the calling thread's main context: the first
 * one is a screenful, so a window shows it before the rest is read. No
 * page comes after @callback, nor once @cancellable is cancelled. The
 * rows are the staff list's (cd_staff_pager_set_list_only()).
 * With @after_first (nullable), the pages after the first and the
 * deferred integrity check wait until it is opened: a window opens it
 * once it drew its first frame. */
void       cd_store_load_staff_pages_async  (CdStore             *primary,
                                             int                  threshold_days,
                                             CdStaffPageFunc      page_func,
                                             gpointer             page_data,
                                             GDestroyNotify       page_data_free,
                                             CdGate              *after_first,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
/* TRUE once every page was given; FALSE with @error. */
gboolean   cd_store_load_staff_pages_finish (CdStore             *primary,
                                             GAsyncResult        *result,
                                             GError             **error);

/* Rows in the first page: more than a maximised window shows. */
#define CD_STAFF_FIRST_PAGE 80

G_END_DECLS
