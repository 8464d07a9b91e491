/* cd-device-register.h — device events, history and recovery deadlines
 *
 * Writes the handover_events and tasks tables of the register, always
 * through cd_handover_apply() so every path obeys the same rules, each
 * change in one transaction with its audit entry.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cd-handover.h"
#include "cd-store.h"
#include "cd-workdays.h"
#include "cd-device-link.h"
#include "cd-device-tasks.h"

G_BEGIN_DECLS

/* Someone present at a handover, as the minutes name them. */
typedef struct {
  char *side;    /* "giver", "receiver" or "witness" */
  char *name;
  char *title;   /* chức vụ */
  char *org;     /* đơn vị (e.g. the provider's name), may be NULL */
} CdEventPerson;

typedef struct {
  gint64          id;
  gint64          device_id;
  gint64          staff_id;       /* the holder concerned, 0 = none */
  CdHandoverKind  kind;
  char           *date;           /* ISO; NULL: before the device was
                                   * registered, day not known */
  char           *place;
  GPtrArray      *people;         /* CdEventPerson */
  char           *note;
  gint64          document_id;
  /* Filled when read back, for display. */
  char           *device_serial;
  char           *staff_name;
} CdHandoverEvent;


CdEventPerson   *cd_event_person_new        (const char *side,
                                             const char *name,
                                             const char *title,
                                             const char *org);
void             cd_event_person_free       (CdEventPerson   *person);
CdHandoverEvent *cd_handover_event_new      (CdHandoverKind   kind,
                                             const char      *date_iso);
void             cd_handover_event_free     (CdHandoverEvent *event);

/* The line the history shows for @event: "dd/mm/yyyy<separator>what",
 * or, for an event whose day is not known (a device registered with the
 * holder who already had it), words saying so. */
char            *cd_handover_event_title    (const CdHandoverEvent *event,
                                             const char            *separator);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CdEventPerson, cd_event_person_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CdHandoverEvent, cd_handover_event_free)

/* Receives devices from the provider in one batch (one event each):
 * a serial not in the register is added, one handed back earlier is taken
 * in again. @devices: CdDevice, ids set on return. All or nothing. */
gboolean   cd_devices_receive          (CdStore          *store,
                                        GPtrArray        *devices,
                                        CdHandoverEvent  *event,
                                        GError          **error);

/* Applies @event (kind other than RECEIVE and RETURN_TO_PROVIDER) to the
 * device @event->device_id: hand to @new_holder_id, take back, report
 * lost, mark locked/damaged, restored. On refusal the register is
 * unchanged and the message says why. Sets @event->id and staff_id. */
gboolean   cd_devices_apply            (CdStore          *store,
                                        CdHandoverEvent  *event,
                                        gint64            new_holder_id,
                                        GError          **error);

/* Whether @device went to its holder without minutes: with_holder, and
 * no dated "hand to holder" event to that holder was ever recorded (a
 * token becomes its holder's device when first plugged in,
 * cd-token-register, held before it was registered on a day nobody
 * knows: cd_devices_register_held() without a date). */
gboolean   cd_devices_awaiting_minutes (CdStore          *store,
                                        const CdDevice   *device);
/* Hands devices out in one transaction, all or nothing: @events
 * (CD_HANDOVER_HAND_TO_HOLDER, device_id set) to @holder_ids[i], each
 * under cd_handover_apply(). A device awaiting its minutes
 * (cd_devices_awaiting_minutes) by that holder: its undated handover
 * takes the event's day, place and people (one handover, not two); one
 * without any handover is handed as from stock. Sets each event's id and
 * staff_id. */
gboolean   cd_devices_hand_out         (CdStore          *store,
                                        GPtrArray        *events,
                                        const gint64     *holder_ids,
                                        GError          **error);
/* Passes the device @hand->device_id from its holder straight to
 * @new_holder_id (a service's device between duty officers): records
 * @take_back (CD_HANDOVER_TAKE_BACK) then @hand (CD_HANDOVER_HAND_TO_HOLDER)
 * under the usual rules, both or neither. Sets both events' ids. */
gboolean   cd_devices_pass             (CdStore          *store,
                                        CdHandoverEvent  *take_back,
                                        CdHandoverEvent  *hand,
                                        gint64            new_holder_id,
                                        GError          **error);

/* Hands several recovered devices to the provider in one set of minutes
 * (Mẫu 08); closes their recovery tasks. All or nothing. */
gboolean   cd_devices_return_to_provider (CdStore          *store,
                                          const gint64     *device_ids,
                                          guint             n_devices,
                                          CdHandoverEvent  *event,
                                          GError          **error);

/* Whether @iso (ISO) can be the day a device was handed to its holder:
 * a real date, not after today; CD_STORE_ERROR_INVALID saying so if not. */
gboolean   cd_devices_check_handed_on  (const char       *iso,
                                        GError          **error);

/* Adds @device, new to the register, as already held by @holder_id: the
 * unit received it and handed it over before it was registered. Both
 * events are written in one transaction; the handover is dated
 * @handed_on (ISO, checked by cd_devices_check_handed_on()) or, when
 * NULL, has no date: no period's handover notice lists it. The receipt
 * has no date. Sets @device->id, status and holder_id. */
gboolean   cd_devices_register_held    (CdStore          *store,
                                        CdDevice         *device,
                                        gint64            holder_id,
                                        const char       *handed_on,
                                        GError          **error);

/* Adds @device, new to the register, as the unit's, in stock since
 * before it was registered (the unit's seal, a service's token found
 * plugged in): an undated receipt, so that its history says so. Keeps
 * @device->service_id; sets @device->id and status. */
gboolean   cd_devices_register_kept    (CdStore          *store,
                                        CdDevice         *device,
                                        GError          **error);

/* Events of a device (@device_id) or of a staff member (@staff_id), oldest
 * first (date, then order of recording; those without a date first).
 * Element type CdHandoverEvent. */
GPtrArray *cd_devices_history          (CdStore          *store,
                                        gint64            device_id,
                                        gint64            staff_id,
                                        GError          **error);

G_END_DECLS
