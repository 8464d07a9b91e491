/* cd-staff-list-model.c
 *
 * Items are made once per load, not per get_item(): the sort and filter
 * models above ask for every item, so caching is what keeps a keystroke
 * cheap with 30,000 staff.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cd-staff-list-model.h"

struct _CdStaffListModel
{
  GObject    parent_instance;

  GPtrArray *items;     /* CdStaffItem */
  guint      active;
  guint      expiring;
  guint      expired;
};

static GType
list_get_item_type (GListModel *model)
{
  return CD_TYPE_STAFF_ITEM;
}

static guint
list_get_n_items (GListModel *model)
{
  return CD_STAFF_LIST_MODEL (model)->items->len;
}

static gpointer
list_get_item (GListModel *model,
               guint       position)
{
  CdStaffListModel *self = CD_STAFF_LIST_MODEL (model);

  if (position >= self->items->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->items, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = list_get_item_type;
  iface->get_n_items = list_get_n_items;
  iface->get_item = list_get_item;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (CdStaffListModel, cd_staff_list_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static void
cd_staff_list_model_finalize (GObject *object)
{
  CdStaffListModel *self = CD_STAFF_LIST_MODEL (object);

  g_clear_pointer (&self->items, g_ptr_array_unref);

  G_OBJECT_CLASS (cd_staff_list_model_parent_class)->finalize (object);
}

static void
cd_staff_list_model_class_init (CdStaffListModelClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cd_staff_list_model_finalize;
}

static void
cd_staff_list_model_init (CdStaffListModel *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
}

CdStaffListModel *
cd_staff_list_model_new (void)
{
  return g_object_new (CD_TYPE_STAFF_LIST_MODEL, NULL);
}

void
cd_staff_list_model_set_rows (CdStaffListModel *self,
                              GPtrArray        *rows)
{
  g_autoptr(GPtrArray) old = NULL;
  guint removed;

  g_return_if_fail (CD_IS_STAFF_LIST_MODEL (self));
  g_return_if_fail (rows != NULL);

  old = g_steal_pointer (&self->items);
  removed = old->len;
  self->items = g_ptr_array_new_full (rows->len, g_object_unref);
  self->active = self->expiring = self->expired = 0;

  for (guint i = 0; i < rows->len; i++)
    {
      const CdStaffRow *row = g_ptr_array_index (rows, i);

      g_ptr_array_add (self->items, cd_staff_item_new (rows, row));
      if (row->left)
        continue;
      self->active++;
      if (row->status == CD_CERT_STATUS_EXPIRING)
        self->expiring++;
      else if (row->status == CD_CERT_STATUS_EXPIRED)
        self->expired++;
    }

  if (removed > 0 || rows->len > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, rows->len);
}

int
cd_staff_list_model_find (CdStaffListModel *self,
                          gint64            staff_id)
{
  g_return_val_if_fail (CD_IS_STAFF_LIST_MODEL (self), -1);

  for (guint i = 0; i < self->items->len; i++)
    if (cd_staff_item_get_row (g_ptr_array_index (self->items, i))->staff_id == staff_id)
      return (int) i;
  return -1;
}

void
cd_staff_list_model_get_counts (CdStaffListModel *self,
                                guint            *active,
                                guint            *expiring,
                                guint            *expired)
{
  g_return_if_fail (CD_IS_STAFF_LIST_MODEL (self));

  if (active)
    *active = self->active;
  if (expiring)
    *expiring = self->expiring;
  if (expired)
    *expired = self->expired;
}

/* ---- Loading ---------------------------------------------------------- */

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
cd_staff_rows_load_async (CdStore             *primary,
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
  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, cd_staff_rows_load_async);
  g_task_set_task_data (task, d, load_data_free);
  g_task_set_return_on_cancel (task, TRUE);
  g_task_run_in_thread (task, load_thread);
}

GPtrArray *
cd_staff_rows_load_finish (GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
