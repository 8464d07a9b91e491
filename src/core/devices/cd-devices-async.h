/* cd-devices-async.h — the device area's work on a worker
 *
 * Reading the register's devices and drawing or filling a document take
 * long enough to freeze the window: each runs through cd_store_run_async,
 * on a connection of the worker's own.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cd-device-minutes.h"
#include "cd-device-register.h"
#include "cd-handover-notice.h"

G_BEGIN_DECLS

/* cd_devices_overview() at @now (Unix seconds). It may open recovery
 * tasks; @store's listeners are not told (the caller is the one that
 * shows them). */
void              cd_devices_overview_async      (CdStore             *store,
                                                  gint64               now,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
CdDeviceOverview *cd_devices_overview_finish     (CdStore             *store,
                                                  GAsyncResult        *result,
                                                  GError             **error);

/* Writes @minutes to @target (overwritten), as Word filled from
 * @template_path (NULL: the built-in form) when @docx, else as PDF, and
 * records the document in the register. @minutes stays the caller's and
 * must stay alive, unchanged, until @callback runs. */
void              cd_minutes_save_async          (CdStore             *store,
                                                  const CdMinutes     *minutes,
                                                  gboolean             docx,
                                                  const char          *template_path,
                                                  const char          *target,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
gboolean          cd_minutes_save_finish         (CdStore             *store,
                                                  GAsyncResult        *result,
                                                  GError             **error);

/* Draws @notice as PDF at @target (overwritten) and records the document.
 * @notice stays the caller's, alive and unchanged until @callback runs. */
void              cd_handover_notice_export_async  (CdStore                *store,
                                                    const CdHandoverNotice *notice,
                                                    const char             *target,
                                                    GCancellable           *cancellable,
                                                    GAsyncReadyCallback     callback,
                                                    gpointer                user_data);
gboolean          cd_handover_notice_export_finish (CdStore                *store,
                                                    GAsyncResult           *result,
                                                    GError                **error);

G_END_DECLS
