/* cd-device-event-dialog.h — one device event: date, place, the people
 * of each side (and the witness of Mẫu 08/09), then its minutes printed,
 * saved as PDF or as Word
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "cd-device-register.h"

G_BEGIN_DECLS

#define CD_TYPE_DEVICE_EVENT_DIALOG (cd_device_event_dialog_get_type ())
G_DECLARE_FINAL_TYPE (CdDeviceEventDialog, cd_device_event_dialog, CD, DEVICE_EVENT_DIALOG, AdwWindow)

/* @device_ids: the devices concerned (none for RECEIVE, several for
 * RETURN_TO_PROVIDER). Emits "recorded" once the register is updated. */
CdDeviceEventDialog *cd_device_event_dialog_new (GtkWindow      *parent,
                                                 CdStore        *store,
                                                 CdHandoverKind  kind,
                                                 const gint64   *device_ids,
                                                 guint           n_devices);
/* Prefills the batch to receive (a token plugged in but not registered). */
void cd_device_event_dialog_set_serial (CdDeviceEventDialog *self,
                                        const char          *serial,
                                        const char          *model,
                                        const char          *manufacturer);

G_END_DECLS
