/* cd-store-certificates.c — certificates of the register
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <sqlite3.h>
#include <glib/gi18n.h>

#include "cd-cert-pick.h"
#include "cd-fileutil.h"
#include "cd-sql.h"
#include "cd-store.h"
#include "cd-store-private.h"
#include "cd-text.h"

#define CERT_COLUMNS \
  "id, staff_id, serial, subject_dn, subject_cn, subject_ou, subject_o, subject_l," \
  " subject_st, email, uid_cccd, uid_mst, issuer_cn, issuer_o, provider, not_before," \
  " not_after, fingerprint, der, source, revoked, revoked_date, revoked_reason," \
  " key_usage, purpose, track, held_by_unit, service_id, device_id"

static CdCertificate *
cert_from_row (sqlite3_stmt *st)
{
  CdCertificate *c = cd_certificate_new ();
  const char *ou;

  c->id = sqlite3_column_int64 (st, 0);
  c->staff_id = sqlite3_column_int64 (st, 1);
  c->serial = cd_sql_column_text (st, 2);
  c->subject_dn = cd_sql_column_text (st, 3);
  c->subject_cn = cd_sql_column_text (st, 4);
  ou = (const char *) sqlite3_column_text (st, 5);
  c->subject_ou = ou ? g_strsplit (ou, "\n", -1) : NULL;
  c->subject_o = cd_sql_column_text (st, 6);
  c->subject_l = cd_sql_column_text (st, 7);
  c->subject_st = cd_sql_column_text (st, 8);
  c->email = cd_sql_column_text (st, 9);
  c->uid_cccd = cd_sql_column_text (st, 10);
  c->uid_mst = cd_sql_column_text (st, 11);
  c->issuer_cn = cd_sql_column_text (st, 12);
  c->issuer_o = cd_sql_column_text (st, 13);
  c->provider = cd_sql_column_text (st, 14);
  c->not_before = sqlite3_column_int64 (st, 15);
  c->not_after = sqlite3_column_int64 (st, 16);
  c->fingerprint = cd_sql_column_text (st, 17);
  if (sqlite3_column_type (st, 18) == SQLITE_BLOB)
    c->der = g_bytes_new (sqlite3_column_blob (st, 18), (gsize) sqlite3_column_bytes (st, 18));
  c->source = (CdCertSource) sqlite3_column_int (st, 19);
  c->revoked = sqlite3_column_int (st, 20) != 0;
  c->revoked_date = cd_sql_column_text (st, 21);
  c->revoked_reason = cd_sql_column_text (st, 22);
  c->key_usage = (CdKeyUsage) sqlite3_column_int (st, 23);
  c->purpose = cd_cert_purpose_from_string ((const char *) sqlite3_column_text (st, 24));
  c->track = cd_cert_track_from_string ((const char *) sqlite3_column_text (st, 25));
  c->service_id = sqlite3_column_int64 (st, 27);
  c->device_id = sqlite3_column_int64 (st, 28);
  if (c->staff_id != 0)
    c->holder_kind = CD_CERT_HOLDER_PERSON;
  else if (c->service_id != 0)
    c->holder_kind = CD_CERT_HOLDER_SERVICE;
  else if (sqlite3_column_int (st, 26) != 0)
    c->holder_kind = CD_CERT_HOLDER_UNIT;
  else
    c->holder_kind = CD_CERT_HOLDER_NONE;
  return c;
}

static char *
normalize_serial (const char *serial)
{
  GString *s = g_string_new (NULL);

  if (serial == NULL)
    return g_string_free (s, TRUE);
  /* A negative serial keeps its sign (see cd_x509_serial_hex()). */
  while (g_ascii_isspace (*serial))
    serial++;
  if (*serial == '-')
    g_string_append_c (s, '-');
  for (const char *p = serial; *p; p++)
    if (g_ascii_isxdigit (*p))
      g_string_append_c (s, g_ascii_toupper (*p));
  if (s->len == 0 || g_str_equal (s->str, "-"))
    return g_string_free (s, TRUE);
  return g_string_free (s, FALSE);
}

static GPtrArray *
list_certs (CdStore     *self,
            const char  *sql,
            gint64       id,
            GError     **error)
{
  g_autoptr(CdSqlStmt) st = cd_sql_prepare (self->db, sql, error);

  if (st == NULL)
    return NULL;
  if (id != 0)
    sqlite3_bind_int64 (st, 1, id);
  return cd_sql_collect (self->db, st, (gpointer (*) (CdSqlStmt *)) cert_from_row,
                         (GDestroyNotify) cd_certificate_free, error);
}

CdCertificate *
cd_store_get_certificate (CdStore  *self,
                          gint64    id,
                          GError  **error)
{
  g_autoptr(CdSqlCached) st = NULL;

  g_return_val_if_fail (CD_IS_STORE (self), NULL);
  /* once per person of a list: prepared once (cd_store_cached) */
  st = cd_store_cached (self, "SELECT " CERT_COLUMNS " FROM certificates WHERE id = ?", error);
  if (st == NULL)
    return NULL;
  sqlite3_bind_int64 (st, 1, id);
  switch (sqlite3_step (st))
    {
    case SQLITE_ROW:
      return cert_from_row (st);
    case SQLITE_DONE:
      g_set_error_literal (error, CD_STORE_ERROR, CD_STORE_ERROR_NOT_FOUND,
                           _("This certificate is no longer in the register. Reload the list."));
      return NULL;
    default:
      cd_sql_set_last_error (self->db, error);
      return NULL;
    }
}

CdCertificate *
cd_store_find_certificate_by_fingerprint (CdStore    *self,
                                          const char *fingerprint)
{
  g_autoptr(CdSqlStmt) st = NULL;
  g_autofree char *fp = normalize_serial (fingerprint);

  g_return_val_if_fail (CD_IS_STORE (self), NULL);
  if (fp == NULL)
    return NULL;
  st = cd_sql_prepare (self->db, "SELECT " CERT_COLUMNS " FROM certificates WHERE fingerprint = ?", NULL);
  if (st == NULL)
    return NULL;
  sqlite3_bind_text (st, 1, fp, -1, SQLITE_STATIC);
  if (sqlite3_step (st) == SQLITE_ROW)
    return cert_from_row (st);
  return NULL;
}

GPtrArray *
cd_store_list_certificates_by_subject (CdStore     *self,
                                       const char  *subject_dn,
                                       GError     **error)
{
  g_autoptr(CdSqlStmt) st = NULL;

  g_return_val_if_fail (CD_IS_STORE (self), NULL);
  st = cd_sql_prepare (self->db, "SELECT " CERT_COLUMNS " FROM certificates WHERE subject_dn = ? ORDER BY id", error);
  if (st == NULL)
    return NULL;
  sqlite3_bind_text (st, 1, subject_dn ? subject_dn : "", -1, SQLITE_TRANSIENT);
  return cd_sql_collect (self->db, st, (gpointer (*) (CdSqlStmt *)) cert_from_row,
                         (GDestroyNotify) cd_certificate_free, error);
}

GPtrArray *
cd_store_list_certificates_for_staff (CdStore  *self,
                                      gint64    staff_id,
                                      GError  **error)
{
  g_return_val_if_fail (CD_IS_STORE (self), NULL);
  return list_certs (self, "SELECT " CERT_COLUMNS " FROM certificates WHERE staff_id = ?"
                           " ORDER BY not_after DESC, id DESC", staff_id, error);
}

GPtrArray *
cd_store_list_certificates (CdStore  *self,
                            GError  **error)
{
  g_return_val_if_fail (CD_IS_STORE (self), NULL);
  return list_certs (self, "SELECT " CERT_COLUMNS " FROM certificates"
                           " ORDER BY not_after DESC, id DESC", 0, error);
}

GPtrArray *
cd_store_list_certificates_held (CdStore          *self,
                                 CdCertHolderKind  kind,
                                 gint64            holder_id,
                                 GError          **error)
{
  const char *where;

  g_return_val_if_fail (CD_IS_STORE (self), NULL);
  switch (kind)
    {
    case CD_CERT_HOLDER_PERSON:
      where = "staff_id = ?";
      break;
    case CD_CERT_HOLDER_SERVICE:
      where = "service_id = ?";
      break;
    case CD_CERT_HOLDER_UNIT:
      where = "held_by_unit = 1 AND staff_id IS NULL AND service_id IS NULL";
      holder_id = 0;
      break;
    case CD_CERT_HOLDER_NONE:
    default:
      where = "staff_id IS NULL AND service_id IS NULL AND held_by_unit = 0";
      holder_id = 0;
      break;
    }
  {
    g_autofree char *sql = g_strdup_printf ("SELECT " CERT_COLUMNS " FROM certificates WHERE %s"
                                            " ORDER BY not_after DESC, id DESC", where);
    return list_certs (self, sql, holder_id, error);
  }
}

static char *
cert_summary_json (const CdCertificate *c)
{
  GString *s = g_string_new ("{");
  g_autofree char *staff = c->staff_id ? g_strdup_printf ("%" G_GINT64_FORMAT, c->staff_id) : NULL;

  cd_store_json_add (s, "serial", c->serial);
  cd_store_json_add (s, "subject_cn", c->subject_cn);
  cd_store_json_add (s, "fingerprint", c->fingerprint);
  cd_store_json_add (s, "staff_id", staff);
  cd_store_json_add (s, "holder_kind", c->holder_kind != CD_CERT_HOLDER_NONE
                                       ? cd_cert_holder_kind_id (c->holder_kind) : NULL);
  cd_store_json_add (s, "revoked", c->revoked ? "1" : NULL);
  cd_store_json_add (s, "revoked_date", c->revoked_date);
  cd_store_json_add (s, "revoked_reason", c->revoked_reason);
  g_string_append_c (s, '}');
  return g_string_free (s, FALSE);
}

gboolean
cd_store_save_certificate (CdStore        *self,
                           CdCertificate  *cert,
                           GError        **error)
{
  g_autoptr(CdCertificate) old = NULL;
  g_autoptr(CdSqlStmt) st = NULL;
  g_autofree char *ou = NULL;
  g_autofree char *js_old = NULL, *js_new = NULL;
  char *serial;
  int rc;

  g_return_val_if_fail (CD_IS_STORE (self), FALSE);
  g_return_val_if_fail (cert != NULL, FALSE);
  if (!cd_store_check_writable (self, error))
    return FALSE;

  serial = normalize_serial (cert->serial);
  if (serial == NULL)
    {
      g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                   _("The certificate serial number (số hiệu) is empty or not hexadecimal. Copy it again from the certificate."));
      return FALSE;
    }
  cd_store_replace (&cert->serial, serial);
  if (cert->fingerprint == NULL && cert->der != NULL)
    {
      gsize len;
      const void *data = g_bytes_get_data (cert->der, &len);
      cd_store_replace (&cert->fingerprint, cd_sha256_hex (data, len));
    }
  cd_store_replace (&cert->fingerprint, normalize_serial (cert->fingerprint));
  /* NFC on every text written. */
  cd_store_replace (&cert->subject_dn, cd_text_clean (cert->subject_dn));
  cd_store_replace (&cert->subject_cn, cd_text_clean (cert->subject_cn));
  cd_store_replace (&cert->subject_o, cd_text_clean (cert->subject_o));
  cd_store_replace (&cert->subject_l, cd_text_clean (cert->subject_l));
  cd_store_replace (&cert->subject_st, cd_text_clean (cert->subject_st));
  cd_store_replace (&cert->issuer_cn, cd_text_clean (cert->issuer_cn));
  cd_store_replace (&cert->issuer_o, cd_text_clean (cert->issuer_o));
  cd_store_replace (&cert->provider, cd_text_clean (cert->provider));
  cd_store_replace (&cert->revoked_reason, cd_text_clean (cert->revoked_reason));
  if (cert->email)
    cd_store_replace (&cert->email, g_ascii_strdown (cert->email, -1));
  if (cert->subject_ou)
    {
      for (guint i = 0; cert->subject_ou[i]; i++)
        {
          char *c = cd_text_clean (cert->subject_ou[i]);
          cd_store_replace (&cert->subject_ou[i], c ? c : g_strdup (""));
        }
      ou = g_strjoinv ("\n", cert->subject_ou);
    }

  if (cert->id != 0)
    old = cd_store_get_certificate (self, cert->id, NULL);
  else if (cert->fingerprint != NULL)
    old = cd_store_find_certificate_by_fingerprint (self, cert->fingerprint);

  if (old != NULL)
    {
      cert->id = old->id;
      /* Re-reading a token knows nothing of links and revocations made in
       * the register: never drop them. */
      if (cert->holder_kind == CD_CERT_HOLDER_NONE && cert->staff_id == 0)
        {
          cert->holder_kind = old->holder_kind;
          cert->staff_id = old->staff_id;
          cert->service_id = old->service_id;
        }
      if (cert->device_id == 0)
        cert->device_id = old->device_id;
      if (!cert->revoked && old->revoked)
        {
          cert->revoked = TRUE;
          cd_store_replace (&cert->revoked_date, g_strdup (old->revoked_date));
          cd_store_replace (&cert->revoked_reason, g_strdup (old->revoked_reason));
        }
      if (cert->der == NULL && old->der != NULL)
        cert->der = g_bytes_ref (old->der);
      /* A typed-in edit does not know the key usage the token gave. */
      if (cert->key_usage == CD_KEY_USAGE_NONE)
        cert->key_usage = old->key_usage;
    }
  /* Always derived, so a caller cannot store a track its issuer denies. */
  cd_certificate_classify (cert);
  /* One holder at most: the kind decides which id counts. */
  if (cert->staff_id != 0 && cert->holder_kind == CD_CERT_HOLDER_NONE)
    cert->holder_kind = CD_CERT_HOLDER_PERSON;
  if (cert->holder_kind != CD_CERT_HOLDER_PERSON)
    cert->staff_id = 0;
  if (cert->holder_kind != CD_CERT_HOLDER_SERVICE)
    cert->service_id = 0;
  if ((cert->holder_kind == CD_CERT_HOLDER_PERSON && cert->staff_id == 0)
      || (cert->holder_kind == CD_CERT_HOLDER_SERVICE && cert->service_id == 0))
    cert->holder_kind = CD_CERT_HOLDER_NONE;

  st = cd_sql_prepare (self->db, old != NULL
                           ? "UPDATE certificates SET staff_id=?1, serial=?2, subject_dn=?3, subject_cn=?4,"
                             " subject_ou=?5, subject_o=?6, subject_l=?7, subject_st=?8, email=?9, uid_cccd=?10,"
                             " uid_mst=?11, issuer_cn=?12, issuer_o=?13, provider=?14, not_before=?15,"
                             " not_after=?16, fingerprint=?17, der=?18, source=?19, revoked=?20,"
                             " revoked_date=?21, revoked_reason=?22, key_usage=?24, purpose=?25,"
                             " track=?26, held_by_unit=?27, service_id=?28, device_id=?29 WHERE id=?23"
                           : "INSERT INTO certificates (staff_id, serial, subject_dn, subject_cn, subject_ou,"
                             " subject_o, subject_l, subject_st, email, uid_cccd, uid_mst, issuer_cn, issuer_o,"
                             " provider, not_before, not_after, fingerprint, der, source, revoked, revoked_date,"
                             " revoked_reason, key_usage, purpose, track, held_by_unit, service_id, device_id)"
                             " VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17,?18,?19,?20,"
                             "?21,?22,?24,?25,?26,?27,?28,?29)", error);
  if (st == NULL)
    return FALSE;
  cd_sql_bind_id (st, 1, cert->staff_id);
  cd_sql_bind_text (st, 2, cert->serial);
  cd_sql_bind_text (st, 3, cert->subject_dn);
  cd_sql_bind_text (st, 4, cert->subject_cn);
  cd_sql_bind_text (st, 5, ou);
  cd_sql_bind_text (st, 6, cert->subject_o);
  cd_sql_bind_text (st, 7, cert->subject_l);
  cd_sql_bind_text (st, 8, cert->subject_st);
  cd_sql_bind_text (st, 9, cert->email);
  cd_sql_bind_text (st, 10, cert->uid_cccd);
  cd_sql_bind_text (st, 11, cert->uid_mst);
  cd_sql_bind_text (st, 12, cert->issuer_cn);
  cd_sql_bind_text (st, 13, cert->issuer_o);
  cd_sql_bind_text (st, 14, cert->provider);
  sqlite3_bind_int64 (st, 15, cert->not_before);
  sqlite3_bind_int64 (st, 16, cert->not_after);
  cd_sql_bind_text (st, 17, cert->fingerprint);
  if (cert->der != NULL)
    {
      gsize len;
      const void *data = g_bytes_get_data (cert->der, &len);
      sqlite3_bind_blob64 (st, 18, data, len, SQLITE_TRANSIENT);
    }
  else
    sqlite3_bind_null (st, 18);
  sqlite3_bind_int (st, 19, (int) cert->source);
  sqlite3_bind_int (st, 20, cert->revoked ? 1 : 0);
  cd_sql_bind_text (st, 21, cert->revoked_date);
  cd_sql_bind_text (st, 22, cert->revoked_reason);
  if (old != NULL)
    sqlite3_bind_int64 (st, 23, old->id);
  sqlite3_bind_int (st, 24, (int) cert->key_usage);
  sqlite3_bind_text (st, 25, cd_cert_purpose_to_string (cert->purpose), -1, SQLITE_STATIC);
  sqlite3_bind_text (st, 26, cd_cert_track_to_string (cert->track), -1, SQLITE_STATIC);
  sqlite3_bind_int (st, 27, cert->holder_kind == CD_CERT_HOLDER_UNIT ? 1 : 0);
  cd_sql_bind_id (st, 28, cert->service_id);
  cd_sql_bind_id (st, 29, cert->device_id);

  if (!cd_store_begin (self, error))
    return FALSE;
  rc = sqlite3_step (st);
  if (rc != SQLITE_DONE)
    {
      cd_sql_set_error (self->db, rc, error);
      cd_store_rollback (self);
      return FALSE;
    }
  if (old == NULL)
    cert->id = sqlite3_last_insert_rowid (self->db);
  js_old = old ? cert_summary_json (old) : NULL;
  js_new = cert_summary_json (cert);
  return cd_store_audit_and_commit (self, old ? "update" : "insert", "certificate", cert->id, js_old, js_new, error);
}

static char *
holder_text (CdCertHolderKind kind,
             gint64           id)
{
  if (kind == CD_CERT_HOLDER_NONE)
    return NULL;
  if (kind == CD_CERT_HOLDER_UNIT)
    return g_strdup ("unit");
  return g_strdup_printf ("%s:%" G_GINT64_FORMAT, cd_cert_holder_kind_id (kind), id);
}

gboolean
cd_store_set_certificate_holder (CdStore          *self,
                                 gint64            cert_id,
                                 CdCertHolderKind  kind,
                                 gint64            holder_id,
                                 GError          **error)
{
  g_autoptr(CdCertificate) cert = NULL;
  g_autoptr(CdSqlStmt) st = NULL;
  g_autofree char *o = NULL, *n = NULL;
  int rc;

  g_return_val_if_fail (CD_IS_STORE (self), FALSE);
  if ((kind == CD_CERT_HOLDER_PERSON || kind == CD_CERT_HOLDER_SERVICE) && holder_id == 0)
    kind = CD_CERT_HOLDER_NONE;
  cert = cd_store_get_certificate (self, cert_id, error);
  if (cert == NULL)
    return FALSE;
  if (!cd_store_check_writable (self, error))
    return FALSE;
  st = cd_sql_prepare (self->db, "UPDATE certificates SET staff_id = ?1, service_id = ?2, held_by_unit = ?3"
                                 " WHERE id = ?4", error);
  if (st == NULL)
    return FALSE;
  cd_sql_bind_id (st, 1, kind == CD_CERT_HOLDER_PERSON ? holder_id : 0);
  cd_sql_bind_id (st, 2, kind == CD_CERT_HOLDER_SERVICE ? holder_id : 0);
  sqlite3_bind_int (st, 3, kind == CD_CERT_HOLDER_UNIT ? 1 : 0);
  sqlite3_bind_int64 (st, 4, cert_id);
  o = holder_text (cert->holder_kind, cert->holder_kind == CD_CERT_HOLDER_SERVICE ? cert->service_id : cert->staff_id);
  n = holder_text (kind, holder_id);
  if (!cd_store_begin (self, error))
    return FALSE;
  rc = sqlite3_step (st);
  if (rc != SQLITE_DONE)
    {
      if ((rc & 0xff) == SQLITE_CONSTRAINT)
        g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_NOT_FOUND,
                     kind == CD_CERT_HOLDER_SERVICE
                     ? _("This service is no longer in the register (maybe deleted meanwhile). Reload the list.")
                     : _("This staff member is no longer in the register (maybe deleted meanwhile). Reload the list."));
      else
        cd_sql_set_error (self->db, rc, error);
      cd_store_rollback (self);
      return FALSE;
    }
  return cd_store_audit_and_commit (self, "link", "certificate", cert_id, o, n, error);
}

gboolean
cd_store_link_certificate (CdStore  *self,
                           gint64    cert_id,
                           gint64    staff_id,
                           GError  **error)
{
  return cd_store_set_certificate_holder (self, cert_id,
                                          staff_id ? CD_CERT_HOLDER_PERSON : CD_CERT_HOLDER_NONE,
                                          staff_id, error);
}

gboolean
cd_store_revoke_certificate (CdStore     *self,
                             gint64       cert_id,
                             const char  *date_iso,
                             const char  *reason,
                             GError     **error)
{
  g_autoptr(CdCertificate) cert = NULL;
  g_autofree char *date = NULL;

  g_return_val_if_fail (CD_IS_STORE (self), FALSE);
  cert = cd_store_get_certificate (self, cert_id, error);
  if (cert == NULL)
    return FALSE;
  date = date_iso ? cd_text_parse_date (date_iso) : cd_text_today_iso ();
  if (date == NULL)
    {
      g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                   _("%s “%s” is not a date. Write it as day/month/year, for example 05/01/1980."),
                   _("The revocation date"), date_iso);
      return FALSE;
    }
  cert->revoked = TRUE;
  cd_store_replace (&cert->revoked_date, g_steal_pointer (&date));
  cd_store_replace (&cert->revoked_reason, g_strdup (reason));
  return cd_store_save_certificate (self, cert, error);
}
