/* cd-wizard-fix.h — a field of a person's record corrected from the
 * wizard's gaps step, written on a worker
 *
 * The gaps step names a field a listed person lacks or has wrong; the
 * clerk types the value and presses Lưu. The record is read and saved
 * on core's worker (its own connection), so the window's thread never
 * waits on the register.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "cd-store.h"

G_BEGIN_DECLS

/* Sets @field ("cccd", "cccd_date", "cccd_place", "birth_date", "phone",
 * "email": a CdWizardGap's field) of staff @staff_id to @value (NULL or
 * empty: cleared) and saves the record, which normalises it and names
 * what is wrong (CD_STORE_ERROR_INVALID). G_IO_ERROR_INVALID_ARGUMENT
 * for a field the step cannot write. */
gboolean cd_wizard_fix_field  (CdStore      *store,
                               gint64        staff_id,
                               const char   *field,
                               const char   *value,
                               GError      **error);
/* cd_wizard_fix_field() on a worker with its own connection; "changed::staff"
 * is emitted on @store when it is written. */
void     cd_wizard_fix_async  (CdStore             *store,
                               gint64               staff_id,
                               const char          *field,
                               const char          *value,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data);
/* Whether the field was written; FALSE with @error set. */
gboolean cd_wizard_fix_finish (CdStore             *store,
                               GAsyncResult        *result,
                               GError             **error);

G_END_DECLS
