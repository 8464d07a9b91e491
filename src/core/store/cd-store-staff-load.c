/* cd-store-staff-load.c — the staff list read on a worker, for the first
 * frame, with the register's deferred integrity check after it
 *
 * Not cd_store_run_async(): a damaged register may refuse a second
 * connection, and the check's answer goes to the caller's main context
 * after the rows, from a thread of its own.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cd-store-staff-load.h"

typedef struct {
  CdStore      *primary;   /* migrated; maybe not checked yet */
  gint64        now;
  int           threshold;
  gboolean      check;     /* also run the primary's integrity check */
  GMainContext *context;   /* where its answer goes */
} LoadData;

typedef struct {
  CdStore      *primary;
  CdStore      *store;     /* the connection the check runs on */
  GMainContext *context;
  char         *problem;   /* NULL: sound */
} CheckAnswer;

static gboolean
check_answer_cb (gpointer data)
{
  CheckAnswer *a = data;

  cd_store_finish_check (a->primary, a->problem);
  return G_SOURCE_REMOVE;
}

static void
check_answer_free (gpointer data)
{
  CheckAnswer *a = data;

  g_object_unref (a->primary);
  g_clear_object (&a->store);
  g_main_context_unref (a->context);
  g_free (a->problem);
  g_free (a);
}

static gpointer
check_thread (gpointer data)
{
  CheckAnswer *a = data;

  a->problem = cd_store_run_quick_check (a->store);
  /* Closed here, on the thread that used it last. */
  g_clear_object (&a->store);
  g_main_context_invoke_full (a->context, G_PRIORITY_DEFAULT, check_answer_cb, a, check_answer_free);
  return NULL;
}

/* Hands the check's answer to the primary on its main context. */
static void
give_check_answer (LoadData   *d,
                   const char *problem)
{
  CheckAnswer *a = g_new0 (CheckAnswer, 1);

  a->primary = g_object_ref (d->primary);
  a->context = g_main_context_ref (d->context);
  a->problem = g_strdup (problem);
  g_main_context_invoke_full (a->context, G_PRIORITY_DEFAULT, check_answer_cb, a, check_answer_free);
}

static void
load_data_free (gpointer data)
{
  LoadData *d = data;

  g_clear_object (&d->primary);
  g_main_context_unref (d->context);
  g_free (d);
}

static void
load_thread (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  LoadData *d = task_data;
  g_autoptr(CdStore) store = NULL;
  GPtrArray *rows = NULL;
  GError *error = NULL;

  store = cd_store_open_secondary (d->primary, &error);
  if (store == NULL && d->check)
    {
      /* A damaged file may not even give a second connection: open it
       * the checked way (read-only when damaged), which answers the check
       * too, and list what it still holds. */
      g_clear_error (&error);
      store = cd_store_open (cd_store_get_path (d->primary), &error);
      /* Not even that: no write may go to this file. */
      give_check_answer (d, store != NULL ? cd_store_get_damage (store) : error->message);
      d->check = FALSE;
    }
  if (store != NULL)
    rows = cd_store_list_staff_rows (store, d->now, d->threshold, &error);
  if (rows == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, rows, (GDestroyNotify) g_ptr_array_unref);

  /* The rows go to the window first (GTask calls back only once this
   * function returns); the check, as long again, on a thread of its own
   * that gives its answer to the main thread. Nothing is written to the
   * register before it is settled. */
  if (store != NULL && d->check)
    {
      CheckAnswer *a = g_new0 (CheckAnswer, 1);

      a->primary = g_object_ref (d->primary);
      a->store = g_steal_pointer (&store);
      a->context = g_main_context_ref (d->context);
      g_thread_unref (g_thread_new ("cd-register-check", check_thread, a));
    }
}

void
cd_store_load_staff_rows_async (CdStore             *primary,
                                int                  threshold_days,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  LoadData *d;

  g_return_if_fail (CD_IS_STORE (primary));

  d = g_new0 (LoadData, 1);
  d->primary = g_object_ref (primary);
  d->now = g_get_real_time () / G_USEC_PER_SEC;
  d->threshold = threshold_days;
  d->check = cd_store_get_check_pending (primary);
  d->context = g_main_context_ref_thread_default ();
  task = g_task_new (primary, cancellable, callback, user_data);
  g_task_set_source_tag (task, cd_store_load_staff_rows_async);
  g_task_set_task_data (task, d, load_data_free);
  g_task_set_return_on_cancel (task, TRUE);
  g_task_run_in_thread (task, load_thread);
}

GPtrArray *
cd_store_load_staff_rows_finish (CdStore       *primary,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, primary), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
