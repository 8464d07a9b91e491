/* cd-batch-async.c — what Hồ sơ shows and what its row buttons write,
 * on a worker
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cd-batch.h"
#include "cd-batch-async.h"
#include "cd-device-tasks.h"
#include "cd-store-worker.h"
#include "cd-text.h"
#include "cd-wizard-draft.h"

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

/* ---- Hoàn thành, Đã gửi: the status written on a worker ----------------- */

typedef struct {
  gint64          batch_id;
  CdBatchStatus   status;
  char           *date;
  CdBatchChannel  channel;
  gboolean        mark_sent;   /* cd_batch_mark_sent(), else cd_batch_set_status() */
  CdHolidays     *holidays;    /* a copy of the caller's, or NULL */
} StatusJob;

static void
status_job_free (StatusJob *job)
{
  g_free (job->date);
  g_clear_pointer (&job->holidays, cd_holidays_free);
  g_free (job);
}

/* CdHolidays has no copy of its own; the caller's may change or go while
 * the worker counts days with it. */
static CdHolidays *
holidays_copy (const CdHolidays *holidays)
{
  g_auto(GStrv) days = NULL;
  CdHolidays *copy;

  if (holidays == NULL)
    return NULL;
  copy = cd_holidays_new ();
  days = cd_holidays_list (holidays);
  for (guint i = 0; days[i] != NULL; i++)
    cd_holidays_add (copy, days[i], cd_holidays_lookup (holidays, days[i]));
  return copy;
}

static void
note_changed_cb (CdStore    *store,
                 const char *what,
                 GPtrArray  *names)
{
  if (!g_ptr_array_find_with_equal_func (names, what, g_str_equal, NULL))
    g_ptr_array_add (names, g_strdup (what));
}

/* The synchronous call on the worker's connection, with the names of
 * what it said it changed there ("certificate" and "task" besides
 * "batch" on a revocation list marked done): _finish tells the caller's
 * store the same. */
static gpointer
status_work (CdStore       *store,
             gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  StatusJob *job = data;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  gulong id = g_signal_connect (store, "changed", G_CALLBACK (note_changed_cb), names);
  gboolean ok = job->mark_sent
    ? cd_batch_mark_sent (store, job->batch_id, job->date, job->channel, error)
    : cd_batch_set_status (store, job->batch_id, job->status, job->date, job->holidays, error);

  g_signal_handler_disconnect (store, id);
  return ok ? g_steal_pointer (&names) : NULL;
}

static void
status_run (CdStore             *store,
            StatusJob           *job,
            gpointer             source_tag,
            GCancellable        *cancellable,
            GAsyncReadyCallback  callback,
            gpointer             user_data)
{
  cd_store_run_async (store, status_work, job, (GDestroyNotify) status_job_free,
                      (GDestroyNotify) g_ptr_array_unref, "batch",
                      source_tag, cancellable, callback, user_data);
}

/* "changed::batch" comes from the run; the other areas the work wrote
 * are told here, each once. A run that failed part way (a revocation
 * stopped after some certificates) tells nobody: the store's watch
 * announces its commits as "changed::external". */
static gboolean
status_finish (CdStore       *store,
               GAsyncResult  *result,
               gpointer       source_tag,
               GError       **error)
{
  g_autoptr(GPtrArray) names = cd_store_run_finish (store, result, source_tag, error);

  if (names == NULL)
    return FALSE;
  for (guint i = 0; i < names->len; i++)
    if (!g_str_equal (g_ptr_array_index (names, i), "batch"))
      cd_store_emit_changed (store, g_ptr_array_index (names, i));
  return TRUE;
}

void
cd_batch_set_status_async (CdStore             *store,
                           gint64               batch_id,
                           CdBatchStatus        status,
                           const char          *date_iso,
                           const CdHolidays    *holidays,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  StatusJob *job = g_new0 (StatusJob, 1);

  job->batch_id = batch_id;
  job->status = status;
  job->date = g_strdup (date_iso);
  job->holidays = holidays_copy (holidays);
  status_run (store, job, cd_batch_set_status_async, cancellable, callback, user_data);
}

gboolean
cd_batch_set_status_finish (CdStore       *store,
                            GAsyncResult  *result,
                            GError       **error)
{
  return status_finish (store, result, cd_batch_set_status_async, error);
}

void
cd_batch_mark_sent_async (CdStore             *store,
                          gint64               batch_id,
                          const char          *date_iso,
                          CdBatchChannel       channel,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  StatusJob *job = g_new0 (StatusJob, 1);

  job->batch_id = batch_id;
  job->status = CD_BATCH_SENT;
  job->date = g_strdup (date_iso);
  job->channel = channel;
  job->mark_sent = TRUE;
  status_run (store, job, cd_batch_mark_sent_async, cancellable, callback, user_data);
}

gboolean
cd_batch_mark_sent_finish (CdStore       *store,
                           GAsyncResult  *result,
                           GError       **error)
{
  return status_finish (store, result, cd_batch_mark_sent_async, error);
}

/* ---- Tiếp tục, Mở lại: the draft read on a worker ----------------------- */

static gpointer
load_work (CdStore       *store,
           gpointer       batch_id,
           GCancellable  *cancellable,
           GError       **error)
{
  return cd_batch_load (store, *(gint64 *) batch_id, error);
}

void
cd_batch_load_async (CdStore             *store,
                     gint64               batch_id,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  cd_store_run_async (store, load_work, g_memdup2 (&batch_id, sizeof batch_id), g_free,
                      (GDestroyNotify) cd_wizard_draft_free, NULL,
                      cd_batch_load_async, cancellable, callback, user_data);
}

CdWizardDraft *
cd_batch_load_finish (CdStore       *store,
                      GAsyncResult  *result,
                      GError       **error)
{
  return cd_store_run_finish (store, result, cd_batch_load_async, error);
}
