/* cd-device-tasks.h — recovery tasks, the holidays that time them, and
 * the device register as the clerk looks at it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cd-holidays.h"
#include "cd-store.h"

G_BEGIN_DECLS

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

void       cd_recovery_task_free       (CdRecoveryTask   *task);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CdRecoveryTask, cd_recovery_task_free)

/* Records that the device must be recovered: due @CD_RECOVERY_WORKING_DAYS
 * working days after @notice_iso (revocation notice or expiry). Does
 * nothing when an open task for the device exists (@out_due: its due
 * day), and nothing (@out_due NULL, no error) when there is nothing to
 * recover: a device lost, in stock, recovered or returned, or one that
 * @certificate_id (0: any) is not on (certificates.device_id names
 * another device). */
gboolean   cd_devices_add_recovery_task (CdStore          *store,
                                         gint64            device_id,
                                         gint64            certificate_id,
                                         const char       *notice_iso,
                                         const CdHolidays *holidays,
                                         char            **out_due,
                                         GError          **error);
/* Opens a recovery task for every device still with its holder whose
 * certificate (the newest linked to it, certificates.device_id; never the
 * holder's newest: a blank device carries none) was revoked or has
 * expired at @now (Unix seconds), when no valid certificate is on it: the
 * notice is the revocation date, else the expiry day, but not before the
 * device was handed to its holder (never overdue at creation).
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

/* The public holidays of the register; seeded from the shipped list the
 * first time. */
CdHolidays *cd_devices_load_holidays   (CdStore          *store,
                                        GError          **error);
gboolean    cd_devices_set_holiday     (CdStore          *store,
                                        const char       *date_iso,
                                        const char       *name,  /* NULL removes */
                                        GError          **error);

G_END_DECLS
