/* cd-device-list.h — the device register as a GListModel of CdDeviceItem
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "cd-device-item.h"

G_BEGIN_DECLS

#define CD_TYPE_DEVICE_LIST (cd_device_list_get_type ())
G_DECLARE_FINAL_TYPE (CdDeviceList, cd_device_list, CD, DEVICE_LIST, GObject)

CdDeviceList *cd_device_list_new      (void);
/* Shows @rows (referenced; NULL: none) in place of the rows there: one
 * items-changed. Items are made when asked for (g_list_model_get_item
 * gives a new one each time), so the list keeps no object per device. */
void          cd_device_list_set_rows (CdDeviceList *self,
                                       CdDeviceRows *rows);
/* The rows shown, or NULL before the first set_rows. */
CdDeviceRows *cd_device_list_get_rows (CdDeviceList *self);

G_END_DECLS
