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

#include <sqlite3.h>

#include "cd-gate.h"
#include "cd-staff-pager.h"
#include "cd-store-worker.h"
#include "cd-store-staff-load.h"

typedef struct {
  CdStore      *primary;   /* migrated; maybe not checked yet */
  gint64        now;
  int           threshold;
  gboolean      check;     /* also run the primary's integrity check */
  GMainContext *context;   /* where its answer goes */
  CdGate       *gate;      /* nullable: what waits for it after the first page */
} LoadData;

typedef struct {
  CdStore      *primary;
  CdStore      *store;     /* the connection the check runs on */
  GMainContext *context;
  CdGate       *gate;      /* nullable: the check starts once it is open */
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
  g_clear_pointer (&a->gate, cd_gate_unref);
  g_free (a->problem);
  g_free (a);
}

static gpointer
check_thread (gpointer data)
{
  CheckAnswer *a = data;

  /* Reading the whole file shares the cores with the window's first
   * frame otherwise (a quarter of a second at 100,000 staff). Nothing is
   * written meanwhile: the register is still waiting for this answer. */
  if (a->gate != NULL)
    cd_gate_wait (a->gate, NULL);
  a->problem = cd_store_run_quick_check (a->store);
  /* Closed here, on the thread that used it last; the check read every
   * page into its cache. */
  g_clear_object (&a->store);
  cd_store_worker_give_back_memory ();
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
  g_clear_pointer (&d->gate, cd_gate_unref);
  g_free (d);
}

/* The worker's own connection, or NULL with @error. */
static CdStore *
open_for_reading (LoadData  *d,
                  GError   **error)
{
  CdStore *store = cd_store_open_secondary (d->primary, error);

  if (store == NULL && d->check)
    {
      /* A damaged file may not even give a second connection: open it
       * the checked way (read-only when damaged), which answers the check
       * too, and list what it still holds. */
      g_clear_error (error);
      store = cd_store_open (cd_store_get_path (d->primary), error);
      /* Not even that: no write may go to this file. */
      give_check_answer (d, store != NULL ? cd_store_get_damage (store) : (*error)->message);
      d->check = FALSE;
    }
  return store;
}

/* The rows go to the window first (GTask calls back only once the
 * thread function returns); the check, as long again, on a thread of its
 * own that gives its answer to the main thread. Nothing is written to
 * the register before it is settled. */
static void
check_later (LoadData  *d,
             CdStore  **store)
{
  CheckAnswer *a;

  if (*store == NULL || !d->check)
    return;
  a = g_new0 (CheckAnswer, 1);
  a->primary = g_object_ref (d->primary);
  /* Closed there, on the thread that uses it last. */
  a->store = g_steal_pointer (store);
  a->context = g_main_context_ref (d->context);
  a->gate = d->gate != NULL ? cd_gate_ref (d->gate) : NULL;
  g_thread_unref (g_thread_new ("cd-register-check", check_thread, a));
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

  store = open_for_reading (d, &error);
  if (store != NULL)
    rows = cd_store_list_staff_rows (store, d->now, d->threshold, &error);
  if (rows == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, rows, (GDestroyNotify) g_ptr_array_unref);
  check_later (d, &store);
}

/* ---- Pages ---------------------------------------------------------- */

/* Pages after the first, and the end of the load. */
#define PAGE_PRIORITY G_PRIORITY_DEFAULT_IDLE

/* Where pages go: shared by the messages in flight. */
typedef struct {
  CdStaffPageFunc  func;
  gpointer         data;
  GDestroyNotify   data_free;
  GCancellable    *cancellable;
} PageSink;

static void
page_sink_clear (gpointer data)
{
  PageSink *sink = data;

  if (sink->data_free != NULL)
    sink->data_free (sink->data);
  g_clear_object (&sink->cancellable);
}

typedef struct {
  PageSink  *sink;   /* rc box */
  GPtrArray *rows;
} PageMessage;

static gboolean
page_cb (gpointer data)
{
  PageMessage *m = data;

  if (!g_cancellable_is_cancelled (m->sink->cancellable))
    m->sink->func (m->rows, m->sink->data);
  return G_SOURCE_REMOVE;
}

static void
page_sink_release (gpointer data)
{
  g_atomic_rc_box_release_full (data, page_sink_clear);
}

static void
page_message_free (gpointer data)
{
  PageMessage *m = data;

  g_atomic_rc_box_release_full (m->sink, page_sink_clear);
  g_ptr_array_unref (m->rows);
  g_free (m);
}

/* Tests hold the load after its first page until a file exists, to see
 * the window while it is still loading (never set otherwise). */
static void
hold_for_tests (void)
{
  const char *hold = g_getenv ("CERTDESK_TEST_HOLD_STAFF_LOAD");
  gint64 end = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  if (hold == NULL || *hold == '\0')
    return;
  while (!g_file_test (hold, G_FILE_TEST_EXISTS) && g_get_monotonic_time () < end)
    g_usleep (10000);
}

static void
pages_thread (GTask        *task,
              gpointer      source,
              gpointer      task_data,
              GCancellable *cancellable)
{
  LoadData *d = task_data;
  PageSink *sink = g_object_get_data (G_OBJECT (task), "cd-page-sink");
  g_autoptr(CdStore) store = NULL;
  g_autoptr(CdStaffPager) pager = NULL;
  GError *error = NULL;
  guint limit = CD_STAFF_FIRST_PAGE;
  gboolean ok = FALSE;

  store = open_for_reading (d, &error);
  /* The register is read once, in order: a small page cache is enough.
   * The worker's 16 MB one, filled here and freed between the rows the
   * window keeps, stayed in the process (100,000 staff). */
  if (store != NULL)
    sqlite3_exec (cd_store_get_db (store), "PRAGMA cache_size=-2048", NULL, NULL, NULL);
  if (store != NULL)
    pager = cd_staff_pager_new (store, d->now, d->threshold, &error);
  /* For the window's list: what it shows, sorts and searches only. */
  if (pager != NULL)
    cd_staff_pager_set_list_only (pager, TRUE);
  while (pager != NULL)
    {
      g_autoptr(GPtrArray) rows = NULL;
      PageMessage *m;
      gboolean last;

      if (g_cancellable_set_error_if_cancelled (cancellable, &error))
        break;
      rows = cd_staff_pager_next (pager, limit, &error);
      if (rows == NULL)
        break;
      /* An empty first page is given too: the list is known empty. */
      if (rows->len == 0 && limit != CD_STAFF_FIRST_PAGE)
        {
          ok = TRUE;
          break;
        }
      /* Shorter than asked: nothing after it. */
      last = rows->len < limit;
      m = g_new0 (PageMessage, 1);
      m->sink = g_atomic_rc_box_acquire (sink);
      m->rows = g_steal_pointer (&rows);
      /* The first page at the default priority; the others below a
       * window's drawing (GDK redraws at G_PRIORITY_HIGH_IDLE + 20), or
       * pages queued one after another kept the first frame from being
       * drawn until 30,000 of 100,000 rows were in (under load). The
       * task's answer has the same priority, so it still comes after the
       * last page. */
      g_main_context_invoke_full (d->context, limit == CD_STAFF_FIRST_PAGE ? G_PRIORITY_DEFAULT : PAGE_PRIORITY,
                                  page_cb, m, page_message_free);
      if (limit == CD_STAFF_FIRST_PAGE)
        hold_for_tests ();
      if (last)
        {
          ok = TRUE;
          break;
        }
      /* The rest once the window drew the first page: read meanwhile,
       * it took a core from that frame and its pages were merged before
       * it on the main thread. */
      if (limit == CD_STAFF_FIRST_PAGE && d->gate != NULL
          && !cd_gate_wait (d->gate, cancellable))
        {
          g_cancellable_set_error_if_cancelled (cancellable, &error);
          break;
        }
      /* Then larger pages: each is one append on the main thread, cheap
       * per row but not free, and each query has its fixed cost. */
      limit = MIN (limit * 8, 8192);
    }
  /* The snapshot ends before the check runs on the same connection. */
  g_clear_pointer (&pager, cd_staff_pager_free);
  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
  check_later (d, &store);
  /* Closed unless the check took it; the per-page temporaries (each
   * page's certificates) were freed between the rows the window keeps. */
  g_clear_object (&store);
  cd_store_worker_give_back_memory ();
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

void
cd_store_load_staff_pages_async (CdStore             *primary,
                                 int                  threshold_days,
                                 CdStaffPageFunc      page_func,
                                 gpointer             page_data,
                                 GDestroyNotify       page_data_free,
                                 CdGate              *after_first,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  PageSink *sink;
  LoadData *d;

  g_return_if_fail (CD_IS_STORE (primary));
  g_return_if_fail (page_func != NULL);

  d = g_new0 (LoadData, 1);
  d->primary = g_object_ref (primary);
  d->now = g_get_real_time () / G_USEC_PER_SEC;
  d->threshold = threshold_days;
  d->check = cd_store_get_check_pending (primary);
  d->context = g_main_context_ref_thread_default ();
  d->gate = after_first != NULL ? cd_gate_ref (after_first) : NULL;
  sink = g_atomic_rc_box_new0 (PageSink);
  sink->func = page_func;
  sink->data = page_data;
  sink->data_free = page_data_free;
  /* Pages check it on the main context, even when the caller gave none. */
  sink->cancellable = cancellable ? g_object_ref (cancellable) : g_cancellable_new ();
  task = g_task_new (primary, cancellable, callback, user_data);
  g_task_set_source_tag (task, cd_store_load_staff_pages_async);
  g_task_set_priority (task, PAGE_PRIORITY);
  g_task_set_task_data (task, d, load_data_free);
  g_object_set_data_full (G_OBJECT (task), "cd-page-sink", sink, page_sink_release);
  g_task_run_in_thread (task, pages_thread);
}

gboolean
cd_store_load_staff_pages_finish (CdStore       *primary,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, primary), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
