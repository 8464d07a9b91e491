/* cd-device-view.h — the *Thiết bị* view: due recoveries at the top, the
 * device register, the event buttons and the history
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "cd-store.h"
#include "cd-token-monitor.h"

G_BEGIN_DECLS

#define CD_TYPE_DEVICE_VIEW (cd_device_view_get_type ())
G_DECLARE_FINAL_TYPE (CdDeviceView, cd_device_view, CD, DEVICE_VIEW, GtkWidget)

CdDeviceView *cd_device_view_new           (void);
/* Reads the register now and again whenever it changes. */
void          cd_device_view_set_store     (CdDeviceView *self,
                                            CdStore      *store);
/* Recovery tasks due today or earlier, and those past their due date.
 * "tasks-changed" is emitted when they change. */
guint         cd_device_view_get_n_due     (CdDeviceView *self);
guint         cd_device_view_get_n_overdue (CdDeviceView *self);
/* The ids (gint64) of the devices selected now; empty when none. */
GArray       *cd_device_view_get_selected_ids (CdDeviceView *self);
/* Selects the device with @serial; FALSE when it is not registered. */
gboolean      cd_device_view_select_serial (CdDeviceView *self,
                                            const char   *serial);
/* Follows the tokens plugged in: a registered one is selected, an
 * unknown one is offered for registration, prefilled from the token. */
void          cd_device_view_set_token_monitor (CdDeviceView   *self,
                                                CdTokenMonitor *monitor);
/* Opens the receive dialog prefilled with a plugged-in token. */
void          cd_device_view_offer_register (CdDeviceView *self,
                                             const char   *serial,
                                             const char   *model,
                                             const char   *manufacturer);

G_END_DECLS
