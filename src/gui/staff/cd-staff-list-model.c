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

static void
add_rows (CdStaffListModel *self,
          GPtrArray        *rows)
{
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

  before = self->items->len;
  add_rows (self, rows);
  if (rows->len > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), before, 0, rows->len);
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
