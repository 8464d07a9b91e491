/* store-fixture.h — a new register and a read of it, shared by the
 * register's tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cd-store.h"

G_BEGIN_DECLS

/* A new register certdesk.db in a new private temporary folder, returned
 * in @tmp_out (remove it with cd_test_rm_rf()); asserts it opened. */
CdStore *store_open_new  (char      **tmp_out);
/* The first column of the first row @sql gives on the SQLite file @path,
 * opened read-only beside any store; -1 for no row. */
gint64   store_query_int (const char *path,
                          const char *sql);

G_END_DECLS
