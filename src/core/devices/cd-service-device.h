/* cd-service-device.h — a service's device passed between duty officers
 *
 * The one-stop desk's certificate ("Chứng thư số phục vụ dịch vụ công",
 * seed 003) is not reissued when the duty officer changes: its device
 * is handed from the officer going off duty to the next one, with the
 * usual minutes (Mẫu 07). The register keeps both events (taken back
 * from one, handed to the other) so each officer's history is whole.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cd-device-register.h"

G_BEGIN_DECLS

/* Makes @device_id a device of the service @service_id: its holder is
 * then the duty officer who has it. */
gboolean         cd_service_device_assign (CdStore      *store,
                                           gint64        device_id,
                                           gint64        service_id,
                                           GError      **error);

/* Hands the service's device @device_id to the staff member
 * @to_staff_id on @date_iso: from its current duty officer (giver) when
 * someone has it, else from the unit (its head). Refuses a device that
 * is not a service's (a person's certificate never passes to another
 * person) and whatever cd_handover_apply() refuses. Returns the
 * handover event (Mẫu 07) with both people, for the minutes. */
CdHandoverEvent *cd_service_device_pass   (CdStore      *store,
                                           gint64        device_id,
                                           gint64        to_staff_id,
                                           const char   *date_iso,
                                           GError      **error);

G_END_DECLS
