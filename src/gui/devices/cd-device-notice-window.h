/* cd-device-notice-window.h — the notice of a period's handovers to the Cục
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "cd-store.h"

G_BEGIN_DECLS

#define CD_TYPE_DEVICE_NOTICE_WINDOW (cd_device_notice_window_get_type ())
G_DECLARE_FINAL_TYPE (CdDeviceNoticeWindow, cd_device_notice_window, CD, DEVICE_NOTICE_WINDOW, AdwWindow)

CdDeviceNoticeWindow *cd_device_notice_window_new (GtkWindow *parent,
                                                   CdStore   *store);

G_END_DECLS
