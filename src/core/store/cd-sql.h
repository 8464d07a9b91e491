/* cd-sql.h — the small SQLite helpers every module running SQL uses
 *
 * Binding and reading follow one rule: an empty or missing value is SQL
 * NULL, and NULL reads back as a NULL string. Errors go to the store's
 * domain (CD_STORE_ERROR) with the store's messages.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

/* A prepared statement, for g_autoptr(CdSqlStmt): finalized on scope
 * exit. The same pointer as sqlite3_stmt, so every sqlite3_* call takes
 * it as is. */
typedef sqlite3_stmt CdSqlStmt;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CdSqlStmt, sqlite3_finalize)

/* Sets @error (CD_STORE_ERROR) for the result code @rc of a call on @db,
 * the one place SQLite's codes become sentences that say what to do, in
 * the clerk's language, never SQLite's English: CONSTRAINT (naming the
 * columns), LOCKED (busy: another CertDesk or program holds the register),
 * FULL, READ_ONLY (read-only, cannot open), DAMAGED (corrupt, not a
 * database), FAILED (I/O error, out of memory, anything else). Always
 * returns FALSE, for "return cd_sql_set_error (…)". */
gboolean    cd_sql_set_error       (sqlite3      *db,
                                    int           rc,
                                    GError      **error);
/* cd_sql_set_error() for @db's last error. */
gboolean    cd_sql_set_last_error  (sqlite3      *db,
                                    GError      **error);

/* sqlite3_exec() of @sql (one or more statements) without callback;
 * FALSE with @error set (cd_sql_set_error) on failure. */
gboolean    cd_sql_exec            (sqlite3      *db,
                                    const char   *sql,
                                    GError      **error);

/* The first column of the first row @sql gives, as an integer; @fallback
 * when it cannot be prepared or gives no row. For counts and pragmas. */
gint64      cd_sql_query_int64     (sqlite3      *db,
                                    const char   *sql,
                                    gint64        fallback);

/* sqlite3_prepare_v2() of @sql; NULL with @error set on failure. */
CdSqlStmt  *cd_sql_prepare         (sqlite3      *db,
                                    const char   *sql,
                                    GError      **error);

/* Binds @text (copied) to parameter @i; NULL or "" binds SQL NULL. */
void        cd_sql_bind_text       (CdSqlStmt    *st,
                                    int           i,
                                    const char   *text);

/* As cd_sql_bind_text(), without a copy: @text must outlive the step
 * (for statements run many times per change, as the importer's). */
void        cd_sql_bind_text_static (CdSqlStmt   *st,
                                     int          i,
                                     const char  *text);

/* Binds the row id @id to parameter @i; 0 or less (no row) binds NULL. */
void        cd_sql_bind_id         (CdSqlStmt    *st,
                                    int           i,
                                    gint64        id);

/* Column @i of the current row as a new string; NULL for SQL NULL. */
char       *cd_sql_column_text     (CdSqlStmt    *st,
                                    int           i);

/* Steps @st to the end, making one item of each row with @row; a new
 * array freeing items with @item_free, or NULL with @error set (items
 * made so far freed) when a step fails. */
GPtrArray  *cd_sql_collect         (sqlite3      *db,
                                    CdSqlStmt    *st,
                                    gpointer    (*row) (CdSqlStmt *st),
                                    GDestroyNotify item_free,
                                    GError      **error);

G_END_DECLS
