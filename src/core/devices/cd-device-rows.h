/* cd-device-rows.h — the device register packed for a list on screen
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "cd-handover.h"
#include "cd-model.h"

G_BEGIN_DECLS

/* The texts of a row. */
typedef enum {
  CD_DEVICE_ROW_SERIAL,
  CD_DEVICE_ROW_LABEL,
  CD_DEVICE_ROW_MANUFACTURER,
  CD_DEVICE_ROW_MODEL,
  CD_DEVICE_ROW_TYPE,
  CD_DEVICE_ROW_STATUS_ID,   /* the register's status id ("with_holder") */
  CD_DEVICE_ROW_CARRIER,
  CD_DEVICE_ROW_PHONE,
  CD_DEVICE_ROW_HOLDER,      /* the holder's name */
  CD_DEVICE_ROW_CERT_SERIAL, /* the certificate on it */
  CD_DEVICE_ROW_N_TEXTS
} CdDeviceRowText;

/* Devices as fixed-size records whose texts live in one arena, the
 * repeated ones (type, model, maker, status, carrier) once: what a
 * list of tens of thousands of devices keeps, instead of a GObject, a
 * CdDevice and ten strings per device. Reference counted; written by
 * one thread, then only read (from any). */
typedef struct _CdDeviceRows CdDeviceRows;

CdDeviceRows   *cd_device_rows_new          (void);
CdDeviceRows   *cd_device_rows_ref          (CdDeviceRows *self);
void            cd_device_rows_unref        (CdDeviceRows *self);
/* Adds @device (copied) held by @holder with @cert_serial on it (both
 * may be NULL) after the rows there. */
void            cd_device_rows_append       (CdDeviceRows   *self,
                                             const CdDevice *device,
                                             const char     *holder,
                                             const char     *cert_serial);
/* The register's entries (element type CdDeviceEntry) in their order,
 * packed; @entries is not changed. */
CdDeviceRows   *cd_device_rows_new_from_entries (GPtrArray *entries);
/* Gives back what appending kept spare; appending again still works. */
void            cd_device_rows_trim         (CdDeviceRows *self);
guint           cd_device_rows_get_n        (CdDeviceRows *self);
gint64          cd_device_rows_get_id       (CdDeviceRows *self,
                                             guint         position);
gint64          cd_device_rows_get_holder_id (CdDeviceRows *self,
                                              guint         position);
/* The status of the row (in stock when the register's id is unknown). */
CdDeviceStatus  cd_device_rows_get_status   (CdDeviceRows *self,
                                             guint         position);
/* The text @text of the row at @position, NULL when it has none. Valid
 * as long as @self is. */
const char     *cd_device_rows_get_text     (CdDeviceRows    *self,
                                             guint            position,
                                             CdDeviceRowText  text);
/* A copy of the device at @position, as it was appended. */
CdDevice       *cd_device_rows_dup_device   (CdDeviceRows *self,
                                             guint         position);
/* The position of the first device with @serial, or -1. */
int             cd_device_rows_find_serial  (CdDeviceRows *self,
                                             const char   *serial);
/* Bytes held (records and texts), for benchmarks and tests. */
gsize           cd_device_rows_get_size     (CdDeviceRows *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CdDeviceRows, cd_device_rows_unref)

G_END_DECLS
