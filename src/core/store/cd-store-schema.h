/* cd-store-schema.h — the register's schema and its migrations
 *
 * Private to the store: only cd-store.c migrates.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cd-store.h"

G_BEGIN_DECLS

/* "CDK1": tells our registers from other SQLite files. */
#define CD_APPLICATION_ID 0x43444B31

/* Takes the open register @self from PRAGMA user_version @from to
 * CD_STORE_SCHEMA_VERSION in one transaction, with an audit entry. When
 * @existing (the file holds tables already), a dated backup is made
 * first and the file is left as it is when that fails. */
gboolean  cd_store_schema_migrate (CdStore   *self,
                                   int        from,
                                   gboolean   existing,
                                   GError   **error);

G_END_DECLS
