/* cd-devices-view.h — tokens plugged in now and the registered devices
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "cd-store.h"
#include "cd-token.h"

G_BEGIN_DECLS

#define CD_TYPE_DEVICES_VIEW (cd_devices_view_get_type ())
G_DECLARE_FINAL_TYPE (CdDevicesView, cd_devices_view, CD, DEVICES_VIEW, GtkWidget)

/* Rebuilds both lists. @tokens (CdToken) and @unreadable
 * (CdUnreadableToken) are what the monitor reports now; either may be
 * NULL. Each row of a known holder gets an "Open" button activating
 * win.open-staff. */
void cd_devices_view_update (CdDevicesView *self,
                             CdStore       *store,
                             GPtrArray     *tokens,
                             GPtrArray     *unreadable);

/* What to tell the clerk about a token no installed driver reads. */
char *cd_unreadable_token_advice (const CdUnreadableToken *t);

G_END_DECLS
