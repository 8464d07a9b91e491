/* cd-store-unit.c — the unit's details (the single row of table unit)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <sqlite3.h>
#include <glib/gi18n.h>

#include "cd-sql.h"
#include "cd-store.h"
#include "cd-store-private.h"
#include "cd-text.h"

CdUnit *
cd_store_get_unit (CdStore *self)
{
  CdUnit *u = cd_unit_new ();
  sqlite3_stmt *st = NULL;

  g_return_val_if_fail (CD_IS_STORE (self), u);

  if (sqlite3_prepare_v2 (self->db,
                          "SELECT name, parent_name, place, province, head_title, head_name,"
                          " address, phone, email, org1, org2, org3, org4 FROM unit WHERE id = 1",
                          -1, &st, NULL) == SQLITE_OK
      && sqlite3_step (st) == SQLITE_ROW)
    {
      u->name = cd_sql_column_text (st, 0);
      u->parent_name = cd_sql_column_text (st, 1);
      u->place = cd_sql_column_text (st, 2);
      u->province = cd_sql_column_text (st, 3);
      u->head_title = cd_sql_column_text (st, 4);
      u->head_name = cd_sql_column_text (st, 5);
      u->address = cd_sql_column_text (st, 6);
      u->phone = cd_sql_column_text (st, 7);
      u->email = cd_sql_column_text (st, 8);
      for (int i = 0; i < 4; i++)
        u->org_level[i] = cd_sql_column_text (st, 9 + i);
    }
  sqlite3_finalize (st);
  return u;
}

gboolean
cd_store_save_unit (CdStore      *self,
                    const CdUnit *u,
                    GError      **error)
{
  g_autoptr(CdSqlStmt) st = NULL;
  g_autoptr(CdUnit) old = NULL;
  char *vals[13];
  GString *js_old, *js_new;
  static const char *const names[13] = {
    "name", "parent_name", "place", "province", "head_title", "head_name",
    "address", "phone", "email", "org1", "org2", "org3", "org4" };
  const char *olds[13];
  int rc;

  g_return_val_if_fail (CD_IS_STORE (self), FALSE);
  g_return_val_if_fail (u != NULL, FALSE);
  if (!cd_store_check_writable (self, error))
    return FALSE;

  old = cd_store_get_unit (self);
  vals[0] = cd_text_clean (u->name); vals[1] = cd_text_clean (u->parent_name);
  vals[2] = cd_text_clean (u->place); vals[3] = cd_text_clean (u->province);
  vals[4] = cd_text_clean (u->head_title); vals[5] = cd_text_clean (u->head_name);
  vals[6] = cd_text_clean (u->address); vals[7] = cd_text_clean (u->phone);
  vals[8] = cd_text_clean (u->email);
  for (int i = 0; i < 4; i++)
    vals[9 + i] = cd_text_clean (u->org_level[i]);
  olds[0] = old->name; olds[1] = old->parent_name; olds[2] = old->place;
  olds[3] = old->province; olds[4] = old->head_title; olds[5] = old->head_name;
  olds[6] = old->address; olds[7] = old->phone; olds[8] = old->email;
  for (int i = 0; i < 4; i++)
    olds[9 + i] = old->org_level[i];

  js_old = g_string_new ("{");
  js_new = g_string_new ("{");
  for (int i = 0; i < 13; i++)
    if (g_strcmp0 (olds[i], vals[i]) != 0)
      {
        cd_store_json_add (js_old, names[i], olds[i]);
        cd_store_json_add (js_new, names[i], vals[i]);
      }
  g_string_append_c (js_old, '}');
  g_string_append_c (js_new, '}');

  rc = sqlite3_prepare_v2 (self->db,
                           "INSERT OR REPLACE INTO unit (id, name, parent_name, place, province,"
                           " head_title, head_name, address, phone, email, org1, org2, org3, org4)"
                           " VALUES (1,?,?,?,?,?,?,?,?,?,?,?,?,?)", -1, &st, NULL);
  if (rc == SQLITE_OK)
    {
      for (int i = 0; i < 13; i++)
        cd_sql_bind_text (st, i + 1, vals[i]);
      rc = cd_sql_exec (self->db, "BEGIN IMMEDIATE", NULL) ? SQLITE_OK : SQLITE_ERROR;
    }
  if (rc == SQLITE_OK)
    rc = sqlite3_step (st) == SQLITE_DONE ? SQLITE_OK : SQLITE_ERROR;
  if (rc == SQLITE_OK && !cd_store_audit (self, "update", "unit", 1, js_old->str, js_new->str, NULL))
    rc = SQLITE_ERROR;
  if (rc == SQLITE_OK && !cd_sql_exec (self->db, "COMMIT", NULL))
    rc = SQLITE_ERROR;
  if (rc != SQLITE_OK)
    {
      g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_FAILED,
                   _("The unit's details could not be saved (%s)."), sqlite3_errmsg (self->db));
      cd_store_rollback (self);
    }
  for (int i = 0; i < 13; i++)
    g_free (vals[i]);
  g_string_free (js_old, TRUE);
  g_string_free (js_new, TRUE);
  if (rc == SQLITE_OK)
    cd_store_emit_changed (self, "unit");
  return rc == SQLITE_OK;
}
