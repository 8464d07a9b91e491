/* cd-device-list.c
 *
 * A GListStore of one CdDeviceItem per device held 67,000 GObjects at
 * 100,000 staff, shown or not; the list view only ever asks for the
 * ~200 items around the visible rows, so they are made then.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cd-device-list.h"

struct _CdDeviceList
{
  GObject       parent_instance;

  CdDeviceRows *rows;
};

static GType
list_get_item_type (GListModel *model)
{
  return CD_TYPE_DEVICE_ITEM;
}

static guint
list_get_n_items (GListModel *model)
{
  CdDeviceList *self = CD_DEVICE_LIST (model);

  return self->rows != NULL ? cd_device_rows_get_n (self->rows) : 0;
}

static gpointer
list_get_item (GListModel *model,
               guint       position)
{
  CdDeviceList *self = CD_DEVICE_LIST (model);

  if (self->rows == NULL || position >= cd_device_rows_get_n (self->rows))
    return NULL;
  return cd_device_item_new (self->rows, position);
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = list_get_item_type;
  iface->get_n_items = list_get_n_items;
  iface->get_item = list_get_item;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (CdDeviceList, cd_device_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

CdDeviceList *
cd_device_list_new (void)
{
  return g_object_new (CD_TYPE_DEVICE_LIST, NULL);
}

void
cd_device_list_set_rows (CdDeviceList *self,
                         CdDeviceRows *rows)
{
  guint removed;

  g_return_if_fail (CD_IS_DEVICE_LIST (self));

  removed = list_get_n_items (G_LIST_MODEL (self));
  if (rows != NULL)
    cd_device_rows_ref (rows);
  g_clear_pointer (&self->rows, cd_device_rows_unref);
  self->rows = rows;
  g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, list_get_n_items (G_LIST_MODEL (self)));
}

CdDeviceRows *
cd_device_list_get_rows (CdDeviceList *self)
{
  g_return_val_if_fail (CD_IS_DEVICE_LIST (self), NULL);

  return self->rows;
}

static void
cd_device_list_finalize (GObject *object)
{
  CdDeviceList *self = CD_DEVICE_LIST (object);

  g_clear_pointer (&self->rows, cd_device_rows_unref);
  G_OBJECT_CLASS (cd_device_list_parent_class)->finalize (object);
}

static void
cd_device_list_class_init (CdDeviceListClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cd_device_list_finalize;
}

static void
cd_device_list_init (CdDeviceList *self)
{
}
