/* cd-device-holidays-window.h — the register's public holidays, which
 * the working-day deadlines skip, edited by the clerk
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "cd-store.h"

G_BEGIN_DECLS

#define CD_TYPE_DEVICE_HOLIDAYS_WINDOW (cd_device_holidays_window_get_type ())
G_DECLARE_FINAL_TYPE (CdDeviceHolidaysWindow, cd_device_holidays_window, CD, DEVICE_HOLIDAYS_WINDOW, AdwWindow)

CdDeviceHolidaysWindow *cd_device_holidays_window_new (GtkWindow *parent,
                                                       CdStore   *store);

G_END_DECLS
