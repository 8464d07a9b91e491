/* cd-store-private.h — helpers shared by the store's own files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sqlite3.h>

#include "cd-store.h"

G_BEGIN_DECLS

/* The staff row written by both cd_store_save_staff() and the importer:
 * @staff already normalised (cd_store_normalize_staff). Inside a
 * transaction the caller opened; writes the audit entry. */
gboolean  cd_store_write_staff_locked (CdStore        *self,
                                       CdStaff        *staff,
                                       const CdStaff  *old,
                                       GError        **error);

G_END_DECLS
