/* cd-batch-async.h — what Hồ sơ shows and what its row buttons write,
 * on a worker
 *
 * The Documents view lists every batch with its deadline's state, which
 * needs the register's holidays: both are read together on core's
 * worker, so the view reads nothing on the window's thread. Its buttons'
 * work runs there too: Hoàn thành on a revocation list revokes the
 * certificates of everyone on it and opens a recovery task for each
 * device (hundreds of writes on a long list), Đã gửi records the day
 * and channel, Tiếp tục / Mở lại reads the whole draft.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "cd-store.h"
#include "cd-holidays.h"
#include "cd-batch.h"

G_BEGIN_DECLS

typedef struct {
  GPtrArray  *batches;    /* CdBatchInfo, newest first (cd_batch_list()) */
  CdHolidays *holidays;   /* the register's (cd_devices_load_holidays()) */
  char       *today;      /* ISO, the local day of the call's @now */
  guint       n_overdue;  /* lists still to send past their deadline on @today */
} CdBatchesOverview;

void               cd_batches_overview_free   (CdBatchesOverview *overview);

/* The batches and the holidays at @now (Unix seconds). Reads only,
 * except that the register's first read of its holidays after its
 * integrity check copies the shipped list into it (the same dates it
 * would have shown): @store's listeners are not told. */
CdBatchesOverview *cd_batches_overview        (CdStore            *store,
                                               gint64              now,
                                               GError            **error);
/* cd_batches_overview() on a worker with its own connection. */
void               cd_batches_overview_async  (CdStore            *store,
                                               gint64              now,
                                               GCancellable       *cancellable,
                                               GAsyncReadyCallback callback,
                                               gpointer            user_data);
/* The overview, or NULL with @error set (G_IO_ERROR_CANCELLED when it
 * was cancelled). */
CdBatchesOverview *cd_batches_overview_finish (CdStore            *store,
                                               GAsyncResult       *result,
                                               GError            **error);

/* cd_batch_set_status() on a worker with its own connection, on a copy
 * of @holidays (may be NULL: weekends only). */
void           cd_batch_set_status_async  (CdStore             *store,
                                           gint64               batch_id,
                                           CdBatchStatus        status,
                                           const char          *date_iso,
                                           const CdHolidays    *holidays,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
/* Whether the status was written. On success emits on @store what the
 * work changed: "changed::batch", then on a revocation list marked done
 * "changed::certificate" and "changed::task" (each once, where the
 * synchronous call emits them per certificate and device). */
gboolean       cd_batch_set_status_finish (CdStore             *store,
                                           GAsyncResult        *result,
                                           GError             **error);
/* cd_batch_mark_sent() on a worker with its own connection. */
void           cd_batch_mark_sent_async   (CdStore             *store,
                                           gint64               batch_id,
                                           const char          *date_iso,
                                           CdBatchChannel       channel,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
/* Whether it was marked sent; emits "changed::batch" on @store. */
gboolean       cd_batch_mark_sent_finish  (CdStore             *store,
                                           GAsyncResult        *result,
                                           GError             **error);
/* cd_batch_load() on a worker with its own connection. */
void           cd_batch_load_async        (CdStore             *store,
                                           gint64               batch_id,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
/* The draft (free with cd_wizard_draft_free()), or NULL with @error set. */
CdWizardDraft *cd_batch_load_finish       (CdStore             *store,
                                           GAsyncResult        *result,
                                           GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CdBatchesOverview, cd_batches_overview_free)

G_END_DECLS
