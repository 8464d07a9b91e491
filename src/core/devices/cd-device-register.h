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
  char           *date;           /* ISO */
  char           *place;
  GPtrArray      *people;         /* CdEventPerson */
  char           *note;
  gint64          document_id;
  /* Filled when read back, for display. */
  char           *device_serial;
  char           *staff_name;
} CdHandoverEvent;

typedef struct {
  gint64  id;
  char   *kind;            /* "recover_device" */
  gint64  device_id;
  char   *device_serial;
  gint64  staff_id;
  char   *staff_name;
  gint64  certificate_id;
  char   *certificate_serial;
  char   *due_date;        /* ISO */
  char   *done_date;       /* ISO or NULL */
  char   *note;
  int     days_overdue;    /* working days past due at list time, 0 if not */
} CdRecoveryTask;

CdEventPerson   *cd_event_person_new        (const char *side,
                                             const char *name,
                                             const char *title,
                                             const char *org);
void             cd_event_person_free       (CdEventPerson   *person);
CdHandoverEvent *cd_handover_event_new      (CdHandoverKind   kind,
                                             const char      *date_iso);
void             cd_handover_event_free     (CdHandoverEvent *event);
void             cd_recovery_task_free      (CdRecoveryTask  *task);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CdEventPerson, cd_event_person_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CdHandoverEvent, cd_handover_event_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CdRecoveryTask, cd_recovery_task_free)

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
 * no "hand to holder" event to that holder was ever recorded (a token
 * becomes its holder's device when first plugged in, cd-token-register). */
gboolean   cd_devices_awaiting_minutes (CdStore          *store,
                                        const CdDevice   *device);
/* Hands devices out in one transaction, all or nothing: @events
 * (CD_HANDOVER_HAND_TO_HOLDER, device_id set) to @holder_ids[i], each
 * under cd_handover_apply(). A device awaiting its minutes
 * (cd_devices_awaiting_minutes) by that holder is handed as from stock.
 * Sets each event's id and staff_id. */
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

/* Events of a device (@device_id) or of a staff member (@staff_id), oldest
 * first (date, then order of recording). Element type CdHandoverEvent. */
GPtrArray *cd_devices_history          (CdStore          *store,
                                        gint64            device_id,
                                        gint64            staff_id,
                                        GError          **error);

/* Records that the device must be recovered: due @CD_RECOVERY_WORKING_DAYS
 * working days after @notice_iso (revocation notice or expiry). Does
 * nothing when an open task for the device exists. */
gboolean   cd_devices_add_recovery_task (CdStore          *store,
                                         gint64            device_id,
                                         gint64            certificate_id,
                                         const char       *notice_iso,
                                         const CdHolidays *holidays,
                                         char            **out_due,
                                         GError          **error);
/* Opens a recovery task for every device still with its holder whose
 * certificate (the holder's newest) was revoked or has expired at @now
 * (Unix seconds): the notice is the revocation date, else the expiry day.
 * Once per device and certificate, so a closed task is not reopened.
 * Returns how many tasks were opened, or -1 with @error. */
int        cd_devices_sync_recovery_tasks (CdStore          *store,
                                           gint64            now,
                                           const CdHolidays *holidays,
                                           GError          **error);
/* Open tasks, most urgent first, with days_overdue computed for
 * @today_iso. Element type CdRecoveryTask. */
GPtrArray *cd_devices_list_open_tasks  (CdStore          *store,
                                        const char       *today_iso,
                                        const CdHolidays *holidays,
                                        GError          **error);

/* The device register as the clerk looks at it. */
typedef struct {
  GPtrArray *devices;     /* CdDeviceEntry, by token serial */
  GPtrArray *tasks;       /* CdRecoveryTask, most urgent first */
  guint      n_due;       /* tasks due on or before today */
  guint      n_overdue;   /* tasks past their due date */
  guint      n_opened;    /* tasks this look opened */
} CdDeviceOverview;

void              cd_device_overview_free (CdDeviceOverview *overview);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CdDeviceOverview, cd_device_overview_free)

/* Opens the recovery tasks of the certificates revoked or expired since
 * the last look (cd_devices_sync_recovery_tasks; not on a read-only
 * register), then lists the devices and the open tasks at @now (Unix
 * seconds). What the Thiết bị view and --list-devices show; slow on a
 * large register, so the window calls it on a worker. */
CdDeviceOverview *cd_devices_overview     (CdStore          *store,
                                           gint64            now,
                                           GError          **error);

/* The certificate on a holder's device: the one that counts for the
 * staff member (cd_certificate_pick_for_procedure(), chuyên dùng signing
 * first; the register does not link certificates to devices). NULL if
 * none. */
CdCertificate *cd_devices_holder_certificate (CdStore *store,
                                              gint64   staff_id);

/* The public holidays of the register; seeded from the shipped list the
 * first time. */
CdHolidays *cd_devices_load_holidays   (CdStore          *store,
                                        GError          **error);
gboolean    cd_devices_set_holiday     (CdStore          *store,
                                        const char       *date_iso,
                                        const char       *name,  /* NULL removes */
                                        GError          **error);

G_END_DECLS
