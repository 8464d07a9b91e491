/* cd-device-link-dialog.h — *Chứng thư trên thiết bị…*: the clerk says
 * which of the holder's certificates is on a device (or none)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "cd-store.h"

G_BEGIN_DECLS

/* Asks, over @parent, which certificate is on @device: none or one of
 * cd_devices_link_candidates(), the one linked now preselected (none for
 * a blank device: never a guess); records the answer with
 * cd_devices_link_certificate(). */
void cd_device_link_dialog_present (GtkWindow      *parent,
                                    CdStore        *store,
                                    const CdDevice *device);

G_END_DECLS
