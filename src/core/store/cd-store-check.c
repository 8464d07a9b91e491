/* cd-store-check.c — the register's integrity check and read-only state
 *
 * PRAGMA quick_check, run on open or left for later
 * (cd_store_open_check_later: settled before the first write, or by the
 * window's first read on a worker), skipped when a sound check of today
 * is recorded in the audit log (cd_store_open_check_daily), and a file
 * that fails it reopened read-only and never written to. Split from
 * cd-store.c, which opens the file and calls these; what the clerk is
 * told about the damage is in cd-store-errors.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <sqlite3.h>

#include "cd-store.h"
#include "cd-store-errors.h"
#include "cd-store-private.h"

/* NULL when the file is sound, else the first problem quick_check found
 * (or the error that stopped it). */
static char *
quick_check (CdStore *self)
{
  sqlite3_stmt *st = NULL;
  char *problem = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (self->db, "PRAGMA quick_check(3)", -1, &st, NULL);
  if (rc == SQLITE_OK)
    {
      GString *all = NULL;

      while ((rc = sqlite3_step (st)) == SQLITE_ROW)
        {
          const char *r = (const char *) sqlite3_column_text (st, 0);
          if (g_strcmp0 (r, "ok") == 0)
            break;
          /* Skip the "*** in database main ***" heading: a row of its
           * own, or the first line of a row holding the whole list (as
           * SQLite 3.40 gives it — such a row was once taken for "no
           * problem"). */
          if (r != NULL && g_str_has_prefix (r, "***"))
            {
              r = strchr (r, '\n');
              r = r != NULL ? r + 1 : NULL;
            }
          if (r == NULL || *r == '\0')
            continue;
          if (all == NULL)
            all = g_string_new (r);
          else
            g_string_append_printf (all, "; %s", r);
        }
      if (rc != SQLITE_ROW && rc != SQLITE_DONE && all == NULL)
        problem = g_strdup (sqlite3_errmsg (self->db));
      else if (all != NULL)
        problem = g_string_free (all, FALSE);
    }
  else
    problem = g_strdup (sqlite3_errmsg (self->db));
  sqlite3_finalize (st);
  return problem;
}

/* Never write to a damaged file: reopen it read-only, without WAL
 * changes, so the data can still be read and exported. */
gboolean
cd_store_become_read_only (CdStore     *self,
                           const char  *problem,
                           GError     **error)
{
  cd_store_drop_statements (self);
  g_clear_pointer (&self->db, sqlite3_close);
  g_free (self->read_only_reason);
  self->read_only_reason = cd_store_damage_message (self->path, problem);
  g_free (self->damage);
  self->damage = g_strdup (problem);
  /* SQLite's English, for whoever recovers the file: the log, not the
   * clerk's terminal (the clerk reads read_only_reason). */
  g_debug ("register %s failed quick_check: %s", self->path, problem);
  if (sqlite3_open_v2 (self->path, &self->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK)
    {
      g_set_error_literal (error, CD_STORE_ERROR, CD_STORE_ERROR_DAMAGED, self->read_only_reason);
      return FALSE;
    }
  return TRUE;
}

/* TRUE when the audit log holds a sound check of today (local time). */
static gboolean
checked_today (CdStore *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  sqlite3_stmt *st = NULL;
  gboolean found = FALSE;

  /* The audit_entity index finds the few 'register' entries. */
  if (sqlite3_prepare_v2 (self->db, "SELECT at FROM audit_log WHERE entity = 'register'"
                                    " AND entity_id IS NULL AND action = 'check'"
                                    " ORDER BY id DESC LIMIT 1", -1, &st, NULL) == SQLITE_OK
      && sqlite3_step (st) == SQLITE_ROW)
    found = g_str_has_prefix ((const char *) sqlite3_column_text (st, 0), today);
  sqlite3_finalize (st);
  return found;
}

static void
settle_pending_check (CdStore *self)
{
  g_autofree char *problem = NULL;

  if (!g_atomic_int_get (&self->check_pending))
    return;
  if (self->check_daily && checked_today (self))
    {
      cd_store_finish_check (self, NULL);
      return;
    }
  problem = quick_check (self);
  /* Recorded in the register itself, so that the day's next actions on
   * it, from any process, skip it; if recording fails, the next action
   * only checks again. */
  if (problem == NULL && self->check_daily
      && !cd_store_audit (self, "check", "register", 0, NULL, "{\"result\":\"ok\"}", NULL))
    g_debug ("could not record the integrity check of %s", self->path);
  cd_store_finish_check (self, problem);
}

gboolean
cd_store_check_writable (CdStore  *self,
                         GError  **error)
{
  /* Never the first write to a file not checked yet. */
  settle_pending_check (self);
  if (self->read_only_reason != NULL)
    {
      g_set_error_literal (error, CD_STORE_ERROR, CD_STORE_ERROR_DAMAGED,
                           self->read_only_reason);
      return FALSE;
    }
  return TRUE;
}

const char *
cd_store_get_damage (CdStore *self)
{
  g_return_val_if_fail (CD_IS_STORE (self), NULL);
  return self->damage;
}

gboolean
cd_store_get_check_pending (CdStore *self)
{
  g_return_val_if_fail (CD_IS_STORE (self), FALSE);
  return g_atomic_int_get (&self->check_pending);
}

char *
cd_store_run_quick_check (CdStore *self)
{
  g_return_val_if_fail (CD_IS_STORE (self), NULL);
  return quick_check (self);
}

void
cd_store_finish_check (CdStore    *self,
                       const char *problem)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (CD_IS_STORE (self));

  if (!g_atomic_int_compare_and_exchange (&self->check_pending, TRUE, FALSE))
    return;   /* settled already */
  if (problem != NULL && !cd_store_become_read_only (self, problem, &error))
    g_warning ("%s", error->message);
  if (problem == NULL)
    cd_store_ensure_email_index (self);
  g_signal_emit_by_name (self, "checked");
  if (problem != NULL)
    cd_store_emit_changed (self, "register");
}

gboolean
cd_store_is_read_only (CdStore *self)
{
  g_return_val_if_fail (CD_IS_STORE (self), TRUE);
  settle_pending_check (self);
  return self->read_only_reason != NULL;
}

const char *
cd_store_get_read_only_reason (CdStore *self)
{
  g_return_val_if_fail (CD_IS_STORE (self), NULL);
  settle_pending_check (self);
  return self->read_only_reason;
}
