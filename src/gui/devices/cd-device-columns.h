/* cd-device-columns.h — the Thiết bị list's columns
 *
 * The columns of the device register's GtkColumnView: their factories,
 * cells and widths. The serial and holder columns are as wide as the
 * register's longest value (within a limit), the others as a typical
 * long value of theirs.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "cd-device-rows.h"

G_BEGIN_DECLS

typedef struct _CdDeviceColumns CdDeviceColumns;

/* Appends the columns to @view (items: CdDeviceItem). Free the result
 * after @view is disposed: its cells read the widths from it. */
CdDeviceColumns *cd_device_columns_new      (GtkColumnView   *view);
/* Sizes the serial and holder columns to @rows (NULL: the defaults),
 * before the rows are shown: every row is bound again then. */
void             cd_device_columns_fit      (CdDeviceColumns *self,
                                             CdDeviceRows    *rows);
void             cd_device_columns_free     (CdDeviceColumns *self);

G_END_DECLS
