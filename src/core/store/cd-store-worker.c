/* cd-store-worker.c — core's asynchronous calls run on a connection of
 * their own */
#include "config.h"

#include <glib/gi18n.h>

#include "cd-store-worker.h"

#ifdef __GLIBC__
#include <malloc.h>
#endif

/* A run at least this long has likely read enough pages to be worth
 * giving back. */
#define BIG_RUN_USEC (50 * G_TIME_SPAN_MILLISECOND)

typedef struct
{
  CdStoreWorkFunc func;
  gpointer data;
  GDestroyNotify data_free;
  GDestroyNotify result_free;
  char *changed;
} Run;

static void
run_free (gpointer p)
{
  Run *run = p;

  if (run->data_free != NULL && run->data != NULL)
    run->data_free (run->data);
  g_free (run->changed);
  g_free (run);
}

static void
run_thread (GTask        *task,
            gpointer      source,
            gpointer      task_data,
            GCancellable *cancellable)
{
  Run *run = task_data;
  GError *error = NULL;
  g_autoptr(CdStore) store = NULL;
  gpointer result = NULL;
  gint64 started = g_get_monotonic_time ();

  if (g_task_return_error_if_cancelled (task))
    return;
  /* Its own connection: the caller's store stays its thread's. */
  store = cd_store_open_secondary (CD_STORE (source), &error);
  if (store != NULL)
    result = run->func (store, run->data, cancellable, &error);
  if (result == NULL)
    {
      /* A work function that failed without a reason still gets one the
       * clerk can read. */
      if (error == NULL)
        g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_FAILED,
                             _("The work could not be finished. Try again; if it fails again, restart CertDesk."));
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, result, run->result_free);
  g_clear_object (&store);
  /* Only after work long enough to have filled a cache: trimming takes
   * malloc's locks for up to ~100 ms on a loaded machine, which a search
   * run on each keystroke must not pay. */
  if (g_get_monotonic_time () - started >= BIG_RUN_USEC)
    cd_store_worker_give_back_memory ();
}

void
cd_store_run_async (CdStore             *store,
                    CdStoreWorkFunc      func,
                    gpointer             data,
                    GDestroyNotify       data_free,
                    GDestroyNotify       result_free,
                    const char          *changed,
                    gpointer             source_tag,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Run *run;

  g_return_if_fail (CD_IS_STORE (store));
  g_return_if_fail (func != NULL);

  task = g_task_new (store, cancellable, callback, user_data);
  run = g_new0 (Run, 1);
  run->func = func;
  run->data = data;
  run->data_free = data_free;
  run->result_free = result_free;
  run->changed = g_strdup (changed);
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, run, run_free);
  /* A cancelled run says so, even when its work finished. */
  g_task_set_check_cancellable (task, TRUE);
  g_task_run_in_thread (task, run_thread);
}

gpointer
cd_store_run_finish (CdStore       *store,
                     GAsyncResult  *result,
                     gpointer       source_tag,
                     GError       **error)
{
  GTask *task = G_TASK (result);
  Run *run;
  gpointer out;

  g_return_val_if_fail (g_task_is_valid (result, store), NULL);
  g_return_val_if_fail (g_task_get_source_tag (task) == source_tag, NULL);

  run = g_task_get_task_data (task);
  out = g_task_propagate_pointer (task, error);
  /* Written through another connection: tell this one's listeners. */
  if (out != NULL && run->changed != NULL)
    cd_store_emit_changed (store, run->changed);
  return out;
}

void
cd_store_worker_give_back_memory (void)
{
#ifdef __GLIBC__
  malloc_trim (0);
#endif
}
