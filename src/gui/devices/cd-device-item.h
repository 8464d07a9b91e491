/* cd-device-item.h — one row of the device register, for GListModels
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "cd-device-rows.h"

G_BEGIN_DECLS

#define CD_TYPE_DEVICE_ITEM (cd_device_item_get_type ())
G_DECLARE_FINAL_TYPE (CdDeviceItem, cd_device_item, CD, DEVICE_ITEM, GObject)

/* The device at @position of @rows (referenced): made when a list asks
 * for it, not kept per device (see cd-device-list.h). */
CdDeviceItem   *cd_device_item_new          (CdDeviceRows *rows,
                                             guint         position);
/* The device as a CdDevice, made on the first call. */
const CdDevice *cd_device_item_get_device   (CdDeviceItem *self);
CdDeviceStatus  cd_device_item_get_status   (CdDeviceItem *self);
/* The text of column @column: "serial", "type", "model", "holder",
 * "certificate", "carrier", "phone", "status"; never NULL. */
const char     *cd_device_item_get_text     (CdDeviceItem *self,
                                             const char   *column);

G_END_DECLS
