/* cd-handover.h — the life of a key-storage device (token) in the unit
 *
 * The rules of who may hold a device when, kept in one pure function so
 * the dialogs, the command line and the tests all obey the same rules.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define CD_HANDOVER_ERROR (cd_handover_error_quark ())

typedef enum {
  CD_HANDOVER_ERROR_REFUSED,   /* the rule forbids it; the message says why */
  CD_HANDOVER_ERROR_INVALID,   /* missing holder, unknown status */
} CdHandoverError;

GQuark cd_handover_error_quark (void);

typedef enum {
  CD_DEVICE_NEW = 0,           /* not in the register yet */
  CD_DEVICE_IN_STOCK,          /* Trong kho */
  CD_DEVICE_WITH_HOLDER,       /* Đang giao cho cán bộ */
  CD_DEVICE_RECOVERED,         /* Đã thu hồi về đơn vị */
  CD_DEVICE_RETURNED,          /* Đã bàn giao cho nhà cung cấp */
  CD_DEVICE_LOCKED,            /* Bị khóa */
  CD_DEVICE_DAMAGED,           /* Hỏng */
  CD_DEVICE_LOST,              /* Thất lạc */
} CdDeviceStatus;

typedef enum {
  CD_HANDOVER_RECEIVE = 0,         /* from the provider (batch) */
  CD_HANDOVER_HAND_TO_HOLDER,      /* Mẫu 07 */
  CD_HANDOVER_TAKE_BACK,           /* from the holder */
  CD_HANDOVER_RETURN_TO_PROVIDER,  /* Mẫu 08 */
  CD_HANDOVER_REPORT_LOST,         /* Mẫu 09 */
  CD_HANDOVER_MARK_LOCKED,
  CD_HANDOVER_MARK_DAMAGED,
  CD_HANDOVER_RESTORED,            /* unlocked by the provider */
} CdHandoverKind;

/* Stable ids stored in the register ("in_stock", "with_holder", …). */
const char *cd_device_status_to_id     (CdDeviceStatus  status);
gboolean    cd_device_status_from_id   (const char     *id,
                                        CdDeviceStatus *status);
/* Vietnamese label ("Trong kho"…). */
const char *cd_device_status_label     (CdDeviceStatus  status);

const char *cd_handover_kind_to_id     (CdHandoverKind  kind);
gboolean    cd_handover_kind_from_id   (const char     *id,
                                        CdHandoverKind *kind);
const char *cd_handover_kind_label     (CdHandoverKind  kind);
/* The form of the minutes ("mau07", "mau08", "mau09") or NULL. */
const char *cd_handover_kind_form      (CdHandoverKind  kind);
/* The request the clerk should make next ("thu_hoi", "khoi_phuc",
 * "cap_lai") or NULL. */
const char *cd_handover_kind_follow_up (CdHandoverKind  kind);

/* Applies @kind to a device in @status held by @holder_id (0 = nobody;
 * @holder_name for messages). @new_holder_id is the receiver of
 * CD_HANDOVER_HAND_TO_HOLDER. On success sets the new status and holder;
 * on refusal returns FALSE with a Vietnamese message saying why and what
 * to do first. */
gboolean    cd_handover_apply          (CdDeviceStatus  status,
                                        gint64          holder_id,
                                        const char     *holder_name,
                                        CdHandoverKind  kind,
                                        gint64          new_holder_id,
                                        CdDeviceStatus *out_status,
                                        gint64         *out_holder_id,
                                        GError        **error);

G_END_DECLS
