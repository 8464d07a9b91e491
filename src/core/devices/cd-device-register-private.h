/* cd-device-register-private.h — helpers shared by the device register's
 * files (cd-device-register.c, cd-device-tasks.c), not for other areas
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cd-store.h"

G_BEGIN_DECLS

/* Sets @error from the store's last SQLite error; returns FALSE. */
gboolean cd_devices_sql_failed    (CdStore     *store,
                                   GError     **error);
/* Whether @iso is a real date; CD_STORE_ERROR_INVALID saying so if not. */
gboolean cd_devices_validate_date (const char  *iso,
                                   GError     **error);

G_END_DECLS
