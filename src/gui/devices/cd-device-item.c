/* cd-device-item.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cd-device-item.h"

struct _CdDeviceItem
{
  GObject       parent_instance;

  CdDeviceRows *rows;
  guint         position;
  CdDevice     *device;   /* made when asked for */
};

G_DEFINE_FINAL_TYPE (CdDeviceItem, cd_device_item, G_TYPE_OBJECT)

CdDeviceItem *
cd_device_item_new (CdDeviceRows *rows,
                    guint         position)
{
  CdDeviceItem *self;

  g_return_val_if_fail (rows != NULL && position < cd_device_rows_get_n (rows), NULL);

  self = g_object_new (CD_TYPE_DEVICE_ITEM, NULL);
  self->rows = cd_device_rows_ref (rows);
  self->position = position;
  return self;
}

const CdDevice *
cd_device_item_get_device (CdDeviceItem *self)
{
  if (self->device == NULL)
    self->device = cd_device_rows_dup_device (self->rows, self->position);
  return self->device;
}

CdDeviceStatus
cd_device_item_get_status (CdDeviceItem *self)
{
  return cd_device_rows_get_status (self->rows, self->position);
}

static const char *
or_empty (const char *s)
{
  return s != NULL ? s : "";
}

const char *
cd_device_item_get_text (CdDeviceItem *self,
                         const char   *column)
{
  static const struct { const char *column; CdDeviceRowText text; } texts[] = {
    { "serial", CD_DEVICE_ROW_SERIAL },
    { "model", CD_DEVICE_ROW_MODEL },
    { "holder", CD_DEVICE_ROW_HOLDER },
    { "certificate", CD_DEVICE_ROW_CERT_SERIAL },
    { "carrier", CD_DEVICE_ROW_CARRIER },
    { "phone", CD_DEVICE_ROW_PHONE },
  };

  if (g_str_equal (column, "type"))
    {
      const char *type = cd_device_rows_get_text (self->rows, self->position, CD_DEVICE_ROW_TYPE);
      return type ? type : "TOKEN";
    }
  if (g_str_equal (column, "status"))
    return cd_device_status_label (cd_device_item_get_status (self));
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    if (g_str_equal (column, texts[i].column))
      return or_empty (cd_device_rows_get_text (self->rows, self->position, texts[i].text));
  return "";
}

static void
cd_device_item_finalize (GObject *object)
{
  CdDeviceItem *self = CD_DEVICE_ITEM (object);

  g_clear_pointer (&self->device, cd_device_free);
  g_clear_pointer (&self->rows, cd_device_rows_unref);
  G_OBJECT_CLASS (cd_device_item_parent_class)->finalize (object);
}

static void
cd_device_item_class_init (CdDeviceItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cd_device_item_finalize;
}

static void
cd_device_item_init (CdDeviceItem *self)
{
}
