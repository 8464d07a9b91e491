/* cd-staff-list-model.c
 *
 * No object per person: the rows themselves are kept (one pointer each)
 * and CdStaffShown sorts and filters them directly; an item is made only
 * when one is asked for (the list view asks for the ~200 places it shows,
 * through CdStaffShown, not for people). 100,000 items were ~5 MB of
 * GObjects, plus their references in every array.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cd-staff-list-model.h"
#include "cd-staff-filter.h"

struct _CdStaffListModel
{
  GObject    parent_instance;

  GPtrArray *rows;      /* const CdStaffRow *, in @pages */
  GPtrArray *pages;     /* the GPtrArrays of CdStaffRow given: items ref this */
  CdKeyIndex *keys;     /* the search key of each of @rows, packed */
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
  return CD_STAFF_LIST_MODEL (model)->rows->len;
}

static gpointer
list_get_item (GListModel *model,
               guint       position)
{
  CdStaffListModel *self = CD_STAFF_LIST_MODEL (model);

  if (position >= self->rows->len)
    return NULL;
  return cd_staff_item_new (self->pages, g_ptr_array_index (self->rows, position));
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

  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->pages, g_ptr_array_unref);
  g_clear_pointer (&self->keys, cd_key_index_free);

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
  self->rows = g_ptr_array_new ();
  self->pages = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  self->keys = cd_key_index_new ();
}

CdStaffListModel *
cd_staff_list_model_new (void)
{
  return g_object_new (CD_TYPE_STAFF_LIST_MODEL, NULL);
}

static void
add_rows (CdStaffListModel *self,
          GPtrArray        *rows)
{
  g_ptr_array_add (self->pages, g_ptr_array_ref (rows));
  for (guint i = 0; i < rows->len; i++)
    {
      const CdStaffRow *row = g_ptr_array_index (rows, i);

      g_ptr_array_add (self->rows, (gpointer) row);
      cd_staff_filter_add_key (self->keys, row);
      if (row->left)
        continue;
      self->active++;
      if (row->status == CD_CERT_STATUS_EXPIRING)
        self->expiring++;
      else if (row->status == CD_CERT_STATUS_EXPIRED)
        self->expired++;
    }
}

void
cd_staff_list_model_set_rows (CdStaffListModel *self,
                              GPtrArray        *rows)
{
  g_autoptr(GPtrArray) old_rows = NULL;
  g_autoptr(GPtrArray) old_pages = NULL;
  guint removed;

  g_return_if_fail (CD_IS_STAFF_LIST_MODEL (self));
  g_return_if_fail (rows != NULL);

  /* A new set of pages: items made from the old one keep it alive. */
  old_rows = g_steal_pointer (&self->rows);
  old_pages = g_steal_pointer (&self->pages);
  removed = old_rows->len;
  self->rows = g_ptr_array_sized_new (rows->len);
  self->pages = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  self->active = self->expiring = self->expired = 0;
  cd_key_index_clear (self->keys);
  add_rows (self, rows);

  if (removed > 0 || rows->len > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, rows->len);
}

void
cd_staff_list_model_append_rows (CdStaffListModel *self,
                                 GPtrArray        *rows)
{
  guint before;

  g_return_if_fail (CD_IS_STAFF_LIST_MODEL (self));
  g_return_if_fail (rows != NULL);

  before = self->rows->len;
  add_rows (self, rows);
  if (rows->len > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), before, 0, rows->len);
}

int
cd_staff_list_model_find (CdStaffListModel *self,
                          gint64            staff_id)
{
  g_return_val_if_fail (CD_IS_STAFF_LIST_MODEL (self), -1);

  for (guint i = 0; i < self->rows->len; i++)
    if (((const CdStaffRow *) g_ptr_array_index (self->rows, i))->staff_id == staff_id)
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

const CdStaffRow *
cd_staff_list_model_get_row (CdStaffListModel *self,
                             guint             position)
{
  g_return_val_if_fail (CD_IS_STAFF_LIST_MODEL (self), NULL);

  if (position >= self->rows->len)
    return NULL;
  return g_ptr_array_index (self->rows, position);
}

GPtrArray *
cd_staff_list_model_get_pages (CdStaffListModel *self)
{
  g_return_val_if_fail (CD_IS_STAFF_LIST_MODEL (self), NULL);
  return self->pages;
}

CdKeyIndex *
cd_staff_list_model_get_keys (CdStaffListModel *self)
{
  g_return_val_if_fail (CD_IS_STAFF_LIST_MODEL (self), NULL);
  return self->keys;
}

const CdStaffRow * const *
cd_staff_list_model_peek_rows (CdStaffListModel *self,
                               guint            *n_rows)
{
  g_return_val_if_fail (CD_IS_STAFF_LIST_MODEL (self), NULL);

  if (n_rows != NULL)
    *n_rows = self->rows->len;
  return (const CdStaffRow * const *) self->rows->pdata;
}
