/* cd-store-trust.c — the certificate authorities the clerk trusts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <sqlite3.h>
#include <glib/gi18n.h>

#include "cd-sql.h"
#include "cd-store-private.h"
#include "cd-store-trust.h"
#include "cd-trust.h"

#define CA_COLUMNS "fingerprint, subject_dn, trusted, decided, added"

void
cd_ca_trust_free (CdCaTrust *ca)
{
  if (ca == NULL)
    return;
  g_free (ca->fingerprint);
  g_free (ca->subject_dn);
  g_free (ca->decided);
  g_free (ca->added);
  g_free (ca);
}

static CdCaTrust *
ca_from_row (sqlite3_stmt *st)
{
  CdCaTrust *ca = g_new0 (CdCaTrust, 1);

  ca->fingerprint = cd_sql_column_text (st, 0);
  ca->subject_dn = cd_sql_column_text (st, 1);
  ca->trusted = sqlite3_column_int (st, 2) != 0;
  ca->decided = cd_sql_column_text (st, 3);
  ca->added = cd_sql_column_text (st, 4);
  return ca;
}

gboolean
cd_store_record_ca (CdStore     *self,
                    const char  *fingerprint,
                    const char  *subject_dn,
                    GError     **error)
{
  g_autoptr(CdSqlStmt) st = NULL;
  g_autofree char *fp = cd_trust_normalize_fingerprint (fingerprint);
  int rc;

  g_return_val_if_fail (CD_IS_STORE (self), FALSE);
  g_return_val_if_fail (fp != NULL, FALSE);
  st = cd_sql_prepare (self->db, "INSERT OR IGNORE INTO ca_trust (fingerprint, subject_dn, added)"
                                 " VALUES (?1, ?2, ?3)", error);
  if (st == NULL || !cd_store_begin (self, error))
    return FALSE;
  sqlite3_bind_text (st, 1, fp, -1, SQLITE_STATIC);
  sqlite3_bind_text (st, 2, subject_dn ? subject_dn : "", -1, SQLITE_STATIC);
  sqlite3_bind_text (st, 3, cd_store_stamp_now (self), -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (st);
  if (rc != SQLITE_DONE)
    {
      cd_sql_set_error (self->db, rc, error);
      cd_store_rollback (self);
      return FALSE;
    }
  if (sqlite3_changes (self->db) == 0)
    return cd_store_commit (self, error);
  return cd_store_audit_and_commit (self, "record", "ca", 0, NULL, fp, error);
}

CdCaTrust *
cd_store_get_ca (CdStore     *self,
                 const char  *fingerprint,
                 GError     **error)
{
  g_autoptr(CdSqlStmt) st = NULL;
  g_autofree char *fp = cd_trust_normalize_fingerprint (fingerprint);
  g_autoptr(GPtrArray) l = NULL;

  g_return_val_if_fail (CD_IS_STORE (self), NULL);
  if (fp == NULL)
    {
      g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                   _("“%s” is not a SHA-256 fingerprint: it has 64 hexadecimal digits (0–9, A–F), "
                     "as shown in the list of certificate authorities."), fingerprint ? fingerprint : "");
      return NULL;
    }
  st = cd_sql_prepare (self->db, "SELECT " CA_COLUMNS " FROM ca_trust WHERE fingerprint = ?", error);
  if (st == NULL)
    return NULL;
  sqlite3_bind_text (st, 1, fp, -1, SQLITE_STATIC);
  l = cd_sql_collect (self->db, st, (gpointer (*) (CdSqlStmt *)) ca_from_row,
                      (GDestroyNotify) cd_ca_trust_free, error);
  return cd_store_first_or_not_found (l,
                                      _("No certificate authority with this fingerprint is in the register. "
                                        "Import the authority's certificate file first, then accept it."),
                                      error);
}

GPtrArray *
cd_store_list_cas (CdStore  *self,
                   GError  **error)
{
  g_autoptr(CdSqlStmt) st = NULL;

  g_return_val_if_fail (CD_IS_STORE (self), NULL);
  st = cd_sql_prepare (self->db, "SELECT " CA_COLUMNS " FROM ca_trust ORDER BY subject_dn, fingerprint", error);
  if (st == NULL)
    return NULL;
  return cd_sql_collect (self->db, st, (gpointer (*) (CdSqlStmt *)) ca_from_row,
                         (GDestroyNotify) cd_ca_trust_free, error);
}

gboolean
cd_store_set_ca_trusted (CdStore     *self,
                         const char  *fingerprint,
                         gboolean     trusted,
                         GError     **error)
{
  g_autoptr(CdCaTrust) ca = cd_store_get_ca (self, fingerprint, error);
  g_autoptr(CdSqlStmt) st = NULL;
  int rc;

  if (ca == NULL)
    return FALSE;
  if (ca->trusted == trusted)
    return TRUE;
  st = cd_sql_prepare (self->db, "UPDATE ca_trust SET trusted = ?1, decided = ?2 WHERE fingerprint = ?3", error);
  if (st == NULL || !cd_store_begin (self, error))
    return FALSE;
  sqlite3_bind_int (st, 1, trusted ? 1 : 0);
  sqlite3_bind_text (st, 2, cd_store_stamp_now (self), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (st, 3, ca->fingerprint, -1, SQLITE_STATIC);
  rc = sqlite3_step (st);
  if (rc != SQLITE_DONE)
    {
      cd_sql_set_error (self->db, rc, error);
      cd_store_rollback (self);
      return FALSE;
    }
  return cd_store_audit_and_commit (self, trusted ? "trust" : "distrust", "ca", 0,
                                    ca->subject_dn, ca->fingerprint, error);
}

GHashTable *
cd_store_trusted_fingerprints (CdStore  *self,
                               GError  **error)
{
  g_autoptr(CdSqlStmt) st = NULL;
  g_autoptr(GHashTable) set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  int rc;

  g_return_val_if_fail (CD_IS_STORE (self), NULL);
  st = cd_sql_prepare (self->db, "SELECT fingerprint FROM ca_trust WHERE trusted = 1", error);
  if (st == NULL)
    return NULL;
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    g_hash_table_add (set, cd_sql_column_text (st, 0));
  if (rc != SQLITE_DONE)
    {
      cd_sql_set_error (self->db, rc, error);
      return NULL;
    }
  return g_steal_pointer (&set);
}
