/* cd-staff-import-async.c — writing a previewed staff list on a worker
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cd-staff-import-async.h"
#include "cd-store-worker.h"

static gpointer
commit_work (CdStore       *store,
             gpointer       import,
             GCancellable  *cancellable,
             GError       **error)
{
  /* One transaction: once started it completes or rolls back as a whole,
   * so the cancellable is not looked at in between. */
  return cd_staff_import_commit (import, store, error) ? GINT_TO_POINTER (TRUE) : NULL;
}

void
cd_staff_import_commit_async (CdStore             *store,
                              CdStaffImport       *import,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_return_if_fail (import != NULL);

  cd_store_run_async (store, commit_work, import, NULL, NULL, "staff",
                      cd_staff_import_commit_async, cancellable, callback, user_data);
}

gboolean
cd_staff_import_commit_finish (CdStore       *store,
                               GAsyncResult  *result,
                               GError       **error)
{
  return cd_store_run_finish (store, result, cd_staff_import_commit_async, error) != NULL;
}
