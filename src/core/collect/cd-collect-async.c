/* cd-collect-async.c — cd_collect_run() on a worker, its progress on the
 * caller's main context
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cd-collect.h"

/* What the worker and the caller's context share: progress reports
 * queued before the run finished are dropped once it has. */
typedef struct {
  CdCollectProgressFunc  func;
  gpointer               data;
  GDestroyNotify         data_free;
  GMainContext          *context;
  gboolean               finished;   /* read and written on the caller's context */
  GAsyncReadyCallback    callback;
  gpointer               user_data;
  char                 **paths;
} Run;

static void
run_clear (Run *run)
{
  if (run->data_free != NULL)
    run->data_free (run->data);
  g_main_context_unref (run->context);
  g_strfreev (run->paths);
}

static void
run_unref (Run *run)
{
  g_atomic_rc_box_release_full (run, (GDestroyNotify) run_clear);
}

typedef struct {
  Run   *run;
  guint  done, total;
  char  *path;
} Progress;

static void
progress_free (Progress *msg)
{
  run_unref (msg->run);
  g_free (msg->path);
  g_free (msg);
}

static gboolean
progress_cb (gpointer data)
{
  Progress *msg = data;

  if (!msg->run->finished && msg->run->func != NULL)
    msg->run->func (msg->done, msg->total, msg->path, msg->run->data);
  return G_SOURCE_REMOVE;
}

static void
worker_progress (guint        done,
                 guint        total,
                 const char  *path,
                 gpointer     data)
{
  Run *run = data;
  Progress *msg = g_new0 (Progress, 1);

  msg->run = g_atomic_rc_box_acquire (run);
  msg->done = done;
  msg->total = total;
  msg->path = g_strdup (path);
  g_main_context_invoke_full (run->context, G_PRIORITY_DEFAULT, progress_cb, msg,
                              (GDestroyNotify) progress_free);
}

static void
run_thread (GTask        *task,
            gpointer      source,
            gpointer      task_data,
            GCancellable *cancellable)
{
  Run *run = task_data;
  GError *error = NULL;
  CdCollectResult *res = cd_collect_run ((const char *const *) run->paths, NULL,
                                         run->func != NULL ? worker_progress : NULL, run,
                                         cancellable, &error);

  if (res == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, res, (GDestroyNotify) cd_collect_result_free);
}

static void
run_done_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  Run *run = g_task_get_task_data (G_TASK (result));

  run->finished = TRUE;
  if (run->callback != NULL)
    run->callback (source, result, run->user_data);
}

void
cd_collect_run_async (const char *const     *paths,
                      CdCollectProgressFunc  progress,
                      gpointer               progress_data,
                      GDestroyNotify         progress_data_free,
                      GCancellable          *cancellable,
                      GAsyncReadyCallback    callback,
                      gpointer               user_data)
{
  g_autoptr(GTask) task = NULL;
  Run *run = g_atomic_rc_box_new0 (Run);

  run->func = progress;
  run->data = progress_data;
  run->data_free = progress_data_free;
  run->context = g_main_context_ref_thread_default ();
  run->callback = callback;
  run->user_data = user_data;
  run->paths = g_strdupv ((char **) paths);

  task = g_task_new (NULL, cancellable, run_done_cb, NULL);
  g_task_set_source_tag (task, cd_collect_run_async);
  g_task_set_task_data (task, run, (GDestroyNotify) run_unref);
  /* A closed window is told "cancelled", not the result. */
  g_task_set_check_cancellable (task, TRUE);
  g_task_run_in_thread (task, run_thread);
}

CdCollectResult *
cd_collect_run_finish (GAsyncResult  *result,
                       GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == cd_collect_run_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
