/* cd-staff-import-async.h — writing a previewed staff list on a worker
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cd-staff-import.h"

G_BEGIN_DECLS

/* cd_staff_import_commit() of @import on a worker, with a connection of
 * the worker's own: one transaction, all or nothing. @import stays the
 * caller's; it must stay alive and untouched until @callback runs (its
 * rows get their staff ids). The _finish, on @store's thread, emits
 * "changed::staff" on @store when rows were written. */
void      cd_staff_import_commit_async  (CdStore             *store,
                                         CdStaffImport       *import,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data);
gboolean  cd_staff_import_commit_finish (CdStore             *store,
                                         GAsyncResult        *result,
                                         GError             **error);

G_END_DECLS
