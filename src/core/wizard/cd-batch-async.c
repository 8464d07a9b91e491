/* cd-batch-async.c — what Hồ sơ shows, read on a worker
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cd-batch.h"
#include "cd-batch-async.h"
#include "cd-device-tasks.h"
#include "cd-store-worker.h"
#include "cd-text.h"

void
cd_batches_overview_free (CdBatchesOverview *overview)
{
  if (overview == NULL)
    return;
  g_clear_pointer (&overview->batches, g_ptr_array_unref);
  g_clear_pointer (&overview->holidays, cd_holidays_free);
  g_free (overview->today);
  g_free (overview);
}

CdBatchesOverview *
cd_batches_overview (CdStore  *store,
                     gint64    now,
                     GError  **error)
{
  g_autoptr(CdBatchesOverview) o = g_new0 (CdBatchesOverview, 1);
  g_autoptr(GDateTime) local = g_date_time_new_from_unix_local (now);

  o->today = local ? g_date_time_format (local, "%Y-%m-%d") : cd_text_today_iso ();
  o->batches = cd_batch_list (store, error);
  if (o->batches == NULL)
    return NULL;
  o->holidays = cd_devices_load_holidays (store, error);
  if (o->holidays == NULL)
    return NULL;
  for (guint i = 0; i < o->batches->len; i++)
    if (cd_batch_info_deadline_state (g_ptr_array_index (o->batches, i), o->today, o->holidays, NULL)
        == CD_DEADLINE_OVERDUE)
      o->n_overdue++;
  return g_steal_pointer (&o);
}

static gpointer
overview_work (CdStore       *store,
               gpointer       now,
               GCancellable  *cancellable,
               GError       **error)
{
  return cd_batches_overview (store, *(gint64 *) now, error);
}

void
cd_batches_overview_async (CdStore             *store,
                           gint64               now,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  /* No "changed": it only reads. The holidays a first read copies into
   * the register are the shipped dates every reader already gets, and
   * the store's watch sees that commit as "changed::external" anyway. */
  cd_store_run_async (store, overview_work, g_memdup2 (&now, sizeof now), g_free,
                      (GDestroyNotify) cd_batches_overview_free, NULL,
                      cd_batches_overview_async, cancellable, callback, user_data);
}

CdBatchesOverview *
cd_batches_overview_finish (CdStore       *store,
                            GAsyncResult  *result,
                            GError       **error)
{
  return cd_store_run_finish (store, result, cd_batches_overview_async, error);
}
