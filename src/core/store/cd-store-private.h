/* cd-store-private.h — what the store's own files share
 *
 * cd-store.c holds the object, cd-store-check.c its integrity check;
 * cd-store-<table family>.c read and write the tables through these
 * fields and helpers. Nothing outside src/core/store includes this
 * header but the staff importer.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sqlite3.h>

#include "cd-store.h"

G_BEGIN_DECLS

struct _CdStore
{
  GObject  parent_instance;

  /* owned */
  sqlite3 *db;
  char    *path;
  char    *read_only_reason;   /* non-NULL: damaged, opened read-only */
  char    *damage;             /* what quick_check found, for that reason */
  gint     check_pending;      /* atomic; quick_check not run yet (see
                                * cd_store_open_check_later) */
  gboolean check_daily;        /* cd_store_open_check_daily: skip it when a
                                * sound one is recorded today */

  /* statements reused for every row of an import */
  sqlite3_stmt *st_staff_insert;
  sqlite3_stmt *st_staff_update;
  sqlite3_stmt *st_audit;
  char          stamp[20];   /* local time of the current change */
  /* cd_store_cached(): the statements of single-row reads, by their SQL
   * (a string literal: its address is the key), prepared once */
  GHashTable   *cached;

  /* cd_store_watch(): PRAGMA data_version last seen, and the poll */
  gint64        data_version;
  GSource      *watch;
};

/* A statement prepared once per connection for @sql (a string literal),
 * reset and without bindings: for the reads done once per person of a
 * list (cd_store_get_staff, cd_store_get_certificate), where preparing
 * cost more than the read. Held with g_autoptr(CdSqlCached), which
 * resets it (ending its read) and clears its bindings; never finalize
 * it. NULL with @error set when @sql cannot be prepared. Not for a
 * statement that may be stepped again before the first is done with it
 * (nothing reached from its rows may run the same @sql). */
typedef sqlite3_stmt CdSqlCached;
void         cd_sql_cached_release     (CdSqlCached  *st);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CdSqlCached, cd_sql_cached_release)
CdSqlCached *cd_store_cached           (CdStore      *self,
                                        const char   *sql,
                                        GError      **error);
/* Finalizes every statement the connection keeps, before it is closed. */
void         cd_store_drop_statements  (CdStore      *self);

/* FALSE with CD_STORE_ERROR_DAMAGED when the register is read-only; runs
 * the integrity check left for later first, so that nothing is ever the
 * first write to a file not checked yet. */
gboolean     cd_store_check_writable   (CdStore      *self,
                                        GError      **error);

/* cd-store-check.c: never write to a damaged file. Closes the connection
 * and reopens it read-only, the reason (cd_store_damage_message) kept
 * for cd_store_get_read_only_reason(); FALSE with @error when even that
 * fails. */
gboolean     cd_store_become_read_only (CdStore      *self,
                                        const char   *problem,
                                        GError      **error);

/* cd-store.c: the unique index on the staff's lower-cased e-mail, made
 * when missing, on a file that passed its check. */
void         cd_store_ensure_email_index (CdStore    *self);

/* Sets and returns the local time of the change now starting: one time
 * for every row a change writes (SQLite's strftime('now','localtime')
 * per row costs more than the insert). */
const char  *cd_store_stamp_now        (CdStore      *self);

/* The end of a change inside cd_store_begin(): its audit entry and the
 * commit, or the rollback of all of it; then "changed::@entity". */
gboolean     cd_store_audit_and_commit (CdStore      *self,
                                        const char   *action,
                                        const char   *entity,
                                        gint64        id,
                                        const char   *old_value,
                                        const char   *new_value,
                                        GError      **error);

/* Appends "@key":"@val" (null when @val is NULL) to the JSON object
 * being built in @s (opened with "{"), for audit entries. */
void         cd_store_json_add         (GString      *s,
                                        const char   *key,
                                        const char   *val);

/* The single row of a lookup by id (stolen from @l), or
 * CD_STORE_ERROR_NOT_FOUND with @message when it is gone (NULL @l: the
 * error is already set). */
gpointer     cd_store_first_or_not_found (GPtrArray  *l,
                                          const char *message,
                                          GError    **error);

/* @ids as a JSON array, "[3,7,12]", for "IN (SELECT value FROM
 * json_each(?))": one statement for any number of ids. */
char        *cd_store_ids_json         (const gint64 *ids,
                                        guint         n_ids);

/* Frees *@field and puts @value (owned) in its place. */
static inline void
cd_store_replace (char **field,
                  char  *value)
{
  g_free (*field);
  *field = value;
}

/* cd_store_normalize_staff() for the importer: the warnings of the
 * checks it runs anyway (an old 9-digit CMND, an e-mail outside
 * @official_domains, which may be NULL) are appended to @warnings when
 * the record passes, rather than checked again (3 % of an import). */
gboolean  cd_store_normalize_staff_warn (CdStaff            *staff,
                                         const char *const  *official_domains,
                                         GPtrArray          *warnings,
                                         GError            **error);

/* The staff row written by both cd_store_save_staff() and the importer:
 * @staff already normalised (cd_store_normalize_staff). Inside a
 * transaction the caller opened; writes the audit entry unless @audit is
 * FALSE (the importer's new records: one "import" entry names them all). */
gboolean  cd_store_write_staff_locked (CdStore        *self,
                                       CdStaff        *staff,
                                       const CdStaff  *old,
                                       gboolean        audit,
                                       GError        **error);

/* The staff rows in cd_store_list_staff_rows()'s order (sort key, then
 * id): all of them when @limit < 0, else at most @limit after
 * (@after_key, @after_id) — from the first when @after_key is NULL. */
GPtrArray *cd_store_read_staff_rows (CdStore     *self,
                                     const char  *after_key,
                                     gint64       after_id,
                                     int          limit,
                                     gint64       now,
                                     int          threshold_days,
                                     GError     **error);
/* The same rows with only what the staff list shows, sorts and searches
 * (see cd_staff_pager_set_list_only()). */
GPtrArray *cd_store_read_staff_list_rows (CdStore     *self,
                                          const char  *after_key,
                                          gint64       after_id,
                                          int          limit,
                                          gint64       now,
                                          int          threshold_days,
                                          GError     **error);

G_END_DECLS
