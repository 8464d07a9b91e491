/* cd-store-worker.h — the one shape of core's asynchronous calls
 *
 * Every cd_<area>_<verb>_async (CdStore *store, …, GCancellable *,
 * GAsyncReadyCallback, gpointer) in core runs its work through
 * cd_store_run_async(): the work gets a connection of its own to the same
 * register (cd_store_open_secondary), opened on the worker, so @store
 * stays its own thread's, and nothing reopens the register by path or
 * runs the integrity check again.
 */
#pragma once

#include <gio/gio.h>

#include "cd-store.h"

G_BEGIN_DECLS

/* Runs on a worker with @worker_store, the worker's own connection.
 * Returns the result (owned by the caller, freed with the run's
 * @result_free) or NULL with @error set. A work function that writes
 * nothing may return any non-NULL pointer. */
typedef gpointer (*CdStoreWorkFunc) (CdStore       *worker_store,
                                     gpointer       data,
                                     GCancellable  *cancellable,
                                     GError       **error);

/* Starts @func on a GTask worker. @data is freed with @data_free when the
 * task is done; @source_tag identifies the calling _async function (and
 * is checked by cd_store_run_finish). When @changed is not NULL and the
 * work succeeds, cd_store_run_finish emits "changed::<changed>" on @store
 * (on @store's thread): the work wrote through another connection. */
void      cd_store_run_async  (CdStore             *store,
                               CdStoreWorkFunc      func,
                               gpointer             data,
                               GDestroyNotify       data_free,
                               GDestroyNotify       result_free,
                               const char          *changed,
                               gpointer             source_tag,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data);

/* The result of @func, or NULL with @error set (G_IO_ERROR_CANCELLED when
 * the run was cancelled before its result came back). */
gpointer  cd_store_run_finish (CdStore             *store,
                               GAsyncResult        *result,
                               gpointer             source_tag,
                               GError             **error);

/* Gives the memory malloc holds free back to the system. Call on a
 * worker once its connection is closed: the connection's page cache
 * (up to 16 MB) is freed into the worker thread's malloc arena, where it
 * otherwise stays resident for the life of the process (a few ms with
 * 100,000 staff loaded; workers run seldom). */
void      cd_store_worker_give_back_memory (void);

G_END_DECLS
