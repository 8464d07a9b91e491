/* cd-device-item.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cd-device-item.h"

struct _CdDeviceItem
{
  GObject   parent_instance;

  CdDevice *device;
  char     *holder;
  char     *cert_serial;
  CdDeviceStatus status;
};

G_DEFINE_FINAL_TYPE (CdDeviceItem, cd_device_item, G_TYPE_OBJECT)

CdDeviceItem *
cd_device_item_new (CdDevice   *device,
                    const char *holder,
                    const char *cert_serial)
{
  CdDeviceItem *self = g_object_new (CD_TYPE_DEVICE_ITEM, NULL);

  self->device = device;
  self->holder = g_strdup (holder);
  self->cert_serial = g_strdup (cert_serial);
  if (!cd_device_status_from_id (device->status, &self->status))
    self->status = CD_DEVICE_IN_STOCK;
  return self;
}

const CdDevice *
cd_device_item_get_device (CdDeviceItem *self)
{
  return self->device;
}

CdDeviceStatus
cd_device_item_get_status (CdDeviceItem *self)
{
  return self->status;
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
  if (g_str_equal (column, "serial"))
    return or_empty (self->device->token_serial);
  if (g_str_equal (column, "type"))
    return self->device->type ? self->device->type : "TOKEN";
  if (g_str_equal (column, "model"))
    return or_empty (self->device->model);
  if (g_str_equal (column, "holder"))
    return or_empty (self->holder);
  if (g_str_equal (column, "certificate"))
    return or_empty (self->cert_serial);
  if (g_str_equal (column, "carrier"))
    return or_empty (self->device->carrier);
  if (g_str_equal (column, "phone"))
    return or_empty (self->device->phone);
  if (g_str_equal (column, "status"))
    return cd_device_status_label (self->status);
  return "";
}

static void
cd_device_item_finalize (GObject *object)
{
  CdDeviceItem *self = CD_DEVICE_ITEM (object);

  g_clear_pointer (&self->device, cd_device_free);
  g_free (self->holder);
  g_free (self->cert_serial);
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
