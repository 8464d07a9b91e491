/* cd-store-staff-load.h — the staff list read on a worker
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

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

G_END_DECLS
