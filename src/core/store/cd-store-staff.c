/* cd-store-staff.c — staff records: write, list, search, lookups (the
 * checks before a write in cd-store-staff-normalize.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <sqlite3.h>
#include <glib/gi18n.h>

#include "cd-cert-pick.h"
#include "cd-sql.h"
#include "cd-store.h"
#include "cd-store-private.h"
#include "cd-text.h"
#include "cd-validate.h"

#define N_STAFF_FIELDS 14

static void
staff_fields (const CdStaff *s, const char *v[N_STAFF_FIELDS])
{
  v[0] = s->full_name; v[1] = s->birth_date; v[2] = s->gender;
  v[3] = s->position; v[4] = s->department; v[5] = s->cccd;
  v[6] = s->cccd_date; v[7] = s->cccd_place; v[8] = s->phone;
  v[9] = s->email; v[10] = s->left ? "1" : NULL; v[11] = s->left_date;
  v[12] = s->left_reason; v[13] = s->note;
}

static const char *const staff_field_names[N_STAFF_FIELDS] = {
  "full_name", "birth_date", "gender", "position", "department", "cccd",
  "cccd_date", "cccd_place", "phone", "email", "left", "left_date",
  "left_reason", "note",
};

/* The audit entry of a staff change: the fields that differ between
 * @old and @new (both given) or every non-NULL one (one given). */
static void
staff_diff_json (const CdStaff *old,
                 const CdStaff *new,
                 char         **old_json,
                 char         **new_json)
{
  const char *a[N_STAFF_FIELDS], *b[N_STAFF_FIELDS];
  GString *so = g_string_new ("{"), *sn = g_string_new ("{");

  if (old)
    staff_fields (old, a);
  if (new)
    staff_fields (new, b);
  for (guint i = 0; i < N_STAFF_FIELDS; i++)
    {
      const char *va = old ? a[i] : NULL, *vb = new ? b[i] : NULL;

      if (g_strcmp0 (va, vb) == 0)
        continue;
      if (old)
        cd_store_json_add (so, staff_field_names[i], va);
      if (new)
        cd_store_json_add (sn, staff_field_names[i], vb);
    }
  g_string_append_c (so, '}');
  g_string_append_c (sn, '}');
  *old_json = old ? g_string_free (so, FALSE) : (g_string_free (so, TRUE), NULL);
  *new_json = new ? g_string_free (sn, FALSE) : (g_string_free (sn, TRUE), NULL);
}

void
cd_staff_row_free (CdStaffRow *row)
{
  /* One block: the strings are packed after the struct. */
  g_free (row);
}

/* The column search_key holds the accent-free name only (schema 9): the
 * CCCD, e-mail and phone are columns already, joined to it where a
 * search reads it (SEARCH_KEY). Stored whole they were a third of a
 * 30,000-row import's bytes. A row written before schema 9 has them in
 * search_key too: joined again, the same words twice, which a search
 * for words finds the same way. */
#define SEARCH_KEY(t) \
  "(" t "search_key || ' ' || coalesce (" t "cccd, '') || ' ' || coalesce (" t "email, '')" \
  " || ' ' || coalesce (" t "phone, ''))"

#define STAFF_COLUMNS \
  "id, full_name, birth_date, gender, position, department, cccd, cccd_date," \
  " cccd_place, phone, email, left, left_date, left_reason, note"

static CdStaff *
staff_from_row (sqlite3_stmt *st)
{
  CdStaff *s = cd_staff_new ();

  s->id = sqlite3_column_int64 (st, 0);
  s->full_name = cd_sql_column_text (st, 1);
  s->birth_date = cd_sql_column_text (st, 2);
  s->gender = cd_sql_column_text (st, 3);
  s->position = cd_sql_column_text (st, 4);
  s->department = cd_sql_column_text (st, 5);
  s->cccd = cd_sql_column_text (st, 6);
  s->cccd_date = cd_sql_column_text (st, 7);
  s->cccd_place = cd_sql_column_text (st, 8);
  s->phone = cd_sql_column_text (st, 9);
  s->email = cd_sql_column_text (st, 10);
  s->left = sqlite3_column_int (st, 11) != 0;
  s->left_date = cd_sql_column_text (st, 12);
  s->left_reason = cd_sql_column_text (st, 13);
  s->note = cd_sql_column_text (st, 14);
  return s;
}

gboolean
cd_store_write_staff_locked (CdStore        *self,
                             CdStaff        *s,
                             const CdStaff  *old,
                             gboolean        audit,
                             GError        **error)
{
  g_autofree char *name_key = cd_text_name_key (s->full_name);
  g_autofree char *search_key = cd_text_search_key (s->full_name);
  g_autofree char *sort_key = cd_text_person_sort_key (s->full_name, s->birth_date);
  g_autofree char *js_old = NULL, *js_new = NULL;
  sqlite3_stmt **slot = s->id == 0 ? &self->st_staff_insert : &self->st_staff_update;
  sqlite3_stmt *st;
  int rc = SQLITE_OK;

  /* Kept statements: the importer calls this 30,000 times. */
  if (*slot == NULL)
    rc = sqlite3_prepare_v3 (self->db, s->id == 0
                           ? "INSERT INTO staff (full_name, birth_date, gender, position, department,"
                             " cccd, cccd_date, cccd_place, phone, email, left, left_date, left_reason,"
                             " note, name_key, search_key, sort_key, created)"
                             " VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17,?19)"
                           : "UPDATE staff SET full_name=?1, birth_date=?2, gender=?3, position=?4,"
                             " department=?5, cccd=?6, cccd_date=?7, cccd_place=?8, phone=?9, email=?10,"
                             " left=?11, left_date=?12, left_reason=?13, note=?14, name_key=?15,"
                             " search_key=?16, sort_key=?17, modified=?19 WHERE id=?18",
                           -1, SQLITE_PREPARE_PERSISTENT, slot, NULL);
  if (rc != SQLITE_OK)
    return cd_sql_set_error (self->db, rc, error);
  st = *slot;
  /* The strings outlive the step: bind them without a copy. */
  cd_sql_bind_text_static (st, 1, s->full_name);
  cd_sql_bind_text_static (st, 2, s->birth_date);
  cd_sql_bind_text_static (st, 3, s->gender);
  cd_sql_bind_text_static (st, 4, s->position);
  cd_sql_bind_text_static (st, 5, s->department);
  cd_sql_bind_text_static (st, 6, s->cccd);
  cd_sql_bind_text_static (st, 7, s->cccd_date);
  cd_sql_bind_text_static (st, 8, s->cccd_place);
  cd_sql_bind_text_static (st, 9, s->phone);
  cd_sql_bind_text_static (st, 10, s->email);
  sqlite3_bind_int (st, 11, s->left ? 1 : 0);
  cd_sql_bind_text_static (st, 12, s->left_date);
  cd_sql_bind_text_static (st, 13, s->left_reason);
  cd_sql_bind_text_static (st, 14, s->note);
  cd_sql_bind_text_static (st, 15, name_key);
  sqlite3_bind_text (st, 16, search_key, -1, SQLITE_STATIC);
  sqlite3_bind_text (st, 17, sort_key, -1, SQLITE_STATIC);
  if (s->id != 0)
    sqlite3_bind_int64 (st, 18, s->id);
  sqlite3_bind_text (st, 19, self->stamp[0] ? self->stamp : cd_store_stamp_now (self), -1, SQLITE_STATIC);
  rc = sqlite3_step (st);
  sqlite3_reset (st);
  sqlite3_clear_bindings (st);
  if (rc != SQLITE_DONE)
    {
      if ((rc & 0xff) == SQLITE_CONSTRAINT && s->cccd != NULL)
        {
          g_autoptr(CdStaff) other = cd_store_find_staff_by_cccd (self, s->cccd);
          g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_CONSTRAINT,
                       _("The CCCD number %s already belongs to %s. One person has one CCCD: check both records."),
                       s->cccd, other && other->full_name ? other->full_name : "?");
          return FALSE;
        }
      return cd_sql_set_error (self->db, rc, error);
    }
  if (s->id == 0)
    s->id = sqlite3_last_insert_rowid (self->db);
  if (!audit)
    return TRUE;

  staff_diff_json (old, s, &js_old, &js_new);
  return cd_store_audit (self, old ? "update" : "insert", "staff", s->id, js_old, js_new, error);
}

gboolean
cd_store_save_staff (CdStore  *self,
                     CdStaff  *staff,
                     GError  **error)
{
  g_autoptr(CdStaff) old = NULL;
  gint64 id;

  g_return_val_if_fail (CD_IS_STORE (self), FALSE);
  g_return_val_if_fail (staff != NULL, FALSE);

  if (!cd_store_check_writable (self, error) || !cd_store_normalize_staff (staff, error))
    return FALSE;
  if (staff->id != 0)
    {
      old = cd_store_get_staff (self, staff->id, error);
      if (old == NULL)
        return FALSE;
    }
  id = staff->id;
  if (!cd_store_begin (self, error))
    return FALSE;
  if (!cd_store_write_staff_locked (self, staff, old, TRUE, error) || !cd_store_commit (self, error))
    {
      cd_store_rollback (self);
      staff->id = id;
      return FALSE;
    }
  cd_store_emit_changed (self, "staff");
  return TRUE;
}

CdStaff *
cd_store_get_staff (CdStore  *self,
                    gint64    id,
                    GError  **error)
{
  g_autoptr(CdSqlCached) st = NULL;

  g_return_val_if_fail (CD_IS_STORE (self), NULL);
  /* once per person of a list: prepared once (cd_store_cached) */
  st = cd_store_cached (self, "SELECT " STAFF_COLUMNS " FROM staff WHERE id = ?", error);
  if (st == NULL)
    return NULL;
  sqlite3_bind_int64 (st, 1, id);
  if (sqlite3_step (st) != SQLITE_ROW)
    {
      g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_NOT_FOUND,
                   _("This staff member is no longer in the register (maybe deleted meanwhile). Reload the list."));
      return NULL;
    }
  return staff_from_row (st);
}

static gboolean
exec_one (CdStore     *self,
          const char  *sql,
          gint64       id,
          GError     **error)
{
  g_autoptr(CdSqlStmt) st = cd_sql_prepare (self->db, sql, error);
  int rc;

  if (st == NULL)
    return FALSE;
  sqlite3_bind_int64 (st, 1, id);
  rc = sqlite3_step (st);
  if (rc != SQLITE_DONE)
    return cd_sql_set_error (self->db, rc, error);
  return TRUE;
}

gboolean
cd_store_delete_staff (CdStore  *self,
                       gint64    id,
                       GError  **error)
{
  g_autoptr(CdStaff) old = NULL;
  g_autofree char *js_old = NULL, *js_new = NULL;

  g_return_val_if_fail (CD_IS_STORE (self), FALSE);
  if (!cd_store_check_writable (self, error))
    return FALSE;
  old = cd_store_get_staff (self, id, error);
  if (old == NULL)
    return FALSE;
  staff_diff_json (old, NULL, &js_old, &js_new);
  if (!cd_store_begin (self, error))
    return FALSE;
  /* Certificates, devices and history stay, unlinked (ON DELETE SET NULL). */
  if (!exec_one (self, "DELETE FROM staff WHERE id = ?", id, error))
    {
      cd_store_rollback (self);
      return FALSE;
    }
  return cd_store_audit_and_commit (self, "delete", "staff", id, js_old, NULL, error);
}

gboolean
cd_store_mark_staff_left (CdStore     *self,
                          gint64       id,
                          const char  *date_iso,
                          const char  *reason,
                          GError     **error)
{
  g_autoptr(CdStaff) staff = NULL;

  g_return_val_if_fail (CD_IS_STORE (self), FALSE);
  staff = cd_store_get_staff (self, id, error);
  if (staff == NULL)
    return FALSE;
  staff->left = TRUE;
  cd_store_replace (&staff->left_date, g_strdup (date_iso));
  cd_store_replace (&staff->left_reason, g_strdup (reason));
  return cd_store_save_staff (self, staff, error);
}

static CdStaff *
find_staff_one (CdStore     *self,
                const char  *sql,
                const char  *value,
                gboolean    *ambiguous)
{
  g_autoptr(CdSqlStmt) st = NULL;
  CdStaff *found = NULL;

  if (ambiguous)
    *ambiguous = FALSE;
  if (value == NULL || *value == '\0')
    return NULL;
  st = cd_sql_prepare (self->db, sql, NULL);
  if (st == NULL)
    return NULL;
  sqlite3_bind_text (st, 1, value, -1, SQLITE_STATIC);
  if (sqlite3_step (st) == SQLITE_ROW)
    {
      found = staff_from_row (st);
      if (ambiguous && sqlite3_step (st) == SQLITE_ROW)
        {
          *ambiguous = TRUE;
          g_clear_pointer (&found, cd_staff_free);
        }
    }
  return found;
}

CdStaff *
cd_store_find_staff_by_email (CdStore    *self,
                              const char *email)
{
  g_autofree char *lower = NULL;
  g_autofree char *clean = cd_text_clean (email);

  g_return_val_if_fail (CD_IS_STORE (self), NULL);
  if (clean == NULL)
    return NULL;
  lower = g_ascii_strdown (clean, -1);
  /* as staff_email_nocase indexes it (cd-store.c) */
  return find_staff_one (self, "SELECT " STAFF_COLUMNS " FROM staff WHERE lower (email) = ?"
                         " AND email <> '' ORDER BY left, id", lower, NULL);
}

gboolean
cd_store_email_in_use (CdStore    *self,
                       const char *email)
{
  g_autoptr(CdSqlStmt) st = NULL;
  g_autofree char *lower = NULL;

  g_return_val_if_fail (CD_IS_STORE (self), FALSE);
  if (email == NULL || *email == '\0')
    return FALSE;
  lower = g_ascii_strdown (email, -1);
  /* staff_email_nocase's expression and condition (cd-store.c), so that
   * the lookup is one probe of that index */
  st = cd_sql_prepare (self->db, "SELECT 1 FROM staff WHERE lower(email) = ? AND email <> ''", NULL);
  if (st == NULL)
    return FALSE;
  sqlite3_bind_text (st, 1, lower, -1, SQLITE_STATIC);
  return sqlite3_step (st) == SQLITE_ROW;
}

CdStaff *
cd_store_find_staff_by_cccd (CdStore    *self,
                             const char *cccd)
{
  g_autofree char *norm = NULL;

  g_return_val_if_fail (CD_IS_STORE (self), NULL);
  if (cd_validate_cccd (cccd, NULL, NULL, &norm, NULL) == CD_CHECK_ERROR || norm == NULL)
    {
      g_free (norm);
      norm = cd_text_clean (cccd);
    }
  return find_staff_one (self, "SELECT " STAFF_COLUMNS " FROM staff WHERE cccd = ?", norm, NULL);
}

CdStaff *
cd_store_find_staff_by_name (CdStore    *self,
                             const char *full_name,
                             gboolean   *ambiguous)
{
  g_autofree char *key = cd_text_name_key (full_name);
  gboolean amb = FALSE;
  CdStaff *s;

  g_return_val_if_fail (CD_IS_STORE (self), NULL);
  s = find_staff_one (self, "SELECT " STAFF_COLUMNS " FROM staff WHERE name_key = ?", key, &amb);
  if (ambiguous)
    *ambiguous = amb;
  return s;
}

CdStaff *
cd_store_find_staff_by_plain_name (CdStore    *self,
                                   const char *full_name,
                                   gboolean   *ambiguous)
{
  g_autofree char *key = NULL;
  g_autoptr(GString) like = NULL;
  g_autoptr(CdSqlStmt) st = NULL;
  CdStaff *found = NULL;
  guint n = 0;

  g_return_val_if_fail (CD_IS_STORE (self), NULL);
  if (ambiguous)
    *ambiguous = FALSE;
  /* The typed spelling first: "Nguyễn Thị Hoà" is that person even when
   * a "Nguyễn Thị Hoa" works there too. */
  found = cd_store_find_staff_by_name (self, full_name, ambiguous);
  if (found != NULL || (ambiguous && *ambiguous))
    return found;
  key = full_name ? cd_text_search_key (full_name) : NULL;
  if (key == NULL || *key == '\0')
    return NULL;

  /* search_key is the accent-free name (schema 9), or starts with it and
   * a space (a row written before): narrow with it, then compare whole
   * names. */
  like = g_string_new (NULL);
  for (const char *p = key; *p; p++)
    {
      if (*p == '%' || *p == '_' || *p == '\\')
        g_string_append_c (like, '\\');
      g_string_append_c (like, *p);
    }
  g_string_append (like, " %");
  st = cd_sql_prepare (self->db, "SELECT " STAFF_COLUMNS " FROM staff WHERE search_key = ?1"
                                 " OR search_key LIKE ?2 ESCAPE '\\'", NULL);
  if (st == NULL)
    return NULL;
  sqlite3_bind_text (st, 1, key, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (st, 2, like->str, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (st) == SQLITE_ROW)
    {
      CdStaff *s = staff_from_row (st);
      g_autofree char *k = cd_text_search_key (s->full_name);

      if (g_strcmp0 (k, key) != 0)
        {
          cd_staff_free (s);
          continue;
        }
      if (++n == 1)
        found = s;
      else
        {
          cd_staff_free (s);
          g_clear_pointer (&found, cd_staff_free);
          if (ambiguous)
            *ambiguous = TRUE;
          break;
        }
    }
  return found;
}

GPtrArray *
cd_store_list_staff (CdStore  *self,
                     GError  **error)
{
  g_autoptr(CdSqlStmt) st = NULL;

  g_return_val_if_fail (CD_IS_STORE (self), NULL);
  st = cd_sql_prepare (self->db, "SELECT " STAFF_COLUMNS " FROM staff ORDER BY id", error);
  if (st == NULL)
    return NULL;
  return cd_sql_collect (self->db, st, (gpointer (*) (CdSqlStmt *)) staff_from_row,
                         (GDestroyNotify) cd_staff_free, error);
}

/* The current certificate of a staff member while the list is read. */
typedef struct {
  gint64  staff_id;   /* the key of the table */
  gint64  id;
  gint64  not_before;
  gint64  not_after;
  gboolean revoked;
  CdCertTrack track;
  CdCertPurpose purpose;
  int     rank;       /* cd_cert_pick_rank() */
  guint   n_certs;    /* all of the person's certificates */
  char   *serial;
} CurrentCert;

static void
current_cert_free (gpointer data)
{
  CurrentCert *c = data;

  g_free (c->serial);
  g_free (c);
}

/* staff id → CurrentCert: per person, the certificate that counts
 * (cd_cert_pick_rank(), then the newest not_after, then the newest row),
 * in one pass over the certificates. */
/* The staff of one page (read_staff_rows()): ?1 the sort key and ?2 the
 * id the page starts after, ?3 its length. */
#define PAGE_STAFF " FROM staff WHERE (sort_key, id) > (?1, ?2) ORDER BY sort_key, id LIMIT ?3"

static void
bind_page (CdSqlStmt  *st,
           const char *after_key,
           gint64      after_id,
           int         limit)
{
  sqlite3_bind_text (st, 1, after_key ? after_key : "", -1, SQLITE_STATIC);
  sqlite3_bind_int64 (st, 2, after_key ? after_id : G_MININT64);
  sqlite3_bind_int (st, 3, limit);
}

/* @ids_json: NULL for everyone (or a page: @limit >= 0), else the staff
 * numbers (cd_store_ids_json). */
static GHashTable *
current_certificates (CdStore    *self,
                      gint64      now,
                      const char *ids_json,
                      const char *after_key,
                      gint64      after_id,
                      int         limit,
                      GError    **error)
{
  g_autoptr(CdSqlStmt) st = NULL;
  g_autoptr(GHashTable) by_staff = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL,
                                                          current_cert_free);
  int rc;

  /* A page reads only its own people's certificates (cert_staff index):
   * the first screenful must not wait for a scan of all of them. */
  if (ids_json != NULL)
    st = cd_sql_prepare (self->db, "SELECT staff_id, id, serial, not_before, not_after, revoked,"
                                   " track, purpose"
                                   " FROM certificates WHERE staff_id IN (SELECT value FROM json_each(?))", error);
  else if (limit >= 0)
    st = cd_sql_prepare (self->db, "SELECT staff_id, id, serial, not_before, not_after, revoked,"
                                   " track, purpose"
                                   " FROM certificates WHERE staff_id IN (SELECT id" PAGE_STAFF ")", error);
  else
    st = cd_sql_prepare (self->db, "SELECT staff_id, id, serial, not_before, not_after, revoked,"
                                   " track, purpose"
                                   " FROM certificates WHERE staff_id IS NOT NULL", error);
  if (st == NULL)
    return NULL;
  if (ids_json != NULL)
    sqlite3_bind_text (st, 1, ids_json, -1, SQLITE_STATIC);
  else if (limit >= 0)
    bind_page (st, after_key, after_id, limit);
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      gint64 staff_id = sqlite3_column_int64 (st, 0);
      gint64 id = sqlite3_column_int64 (st, 1);
      gint64 not_before = sqlite3_column_int64 (st, 3);
      gint64 not_after = sqlite3_column_int64 (st, 4);
      gboolean revoked = sqlite3_column_int (st, 5) != 0;
      CdCertTrack track = cd_cert_track_from_string ((const char *) sqlite3_column_text (st, 6));
      CdCertPurpose purpose = cd_cert_purpose_from_string ((const char *) sqlite3_column_text (st, 7));
      int rank = cd_cert_pick_rank (track, purpose, revoked, not_before, not_after, now);
      CurrentCert *c = g_hash_table_lookup (by_staff, &staff_id);

      if (c != NULL)
        {
          c->n_certs++;
          if (!cd_cert_pick_better (rank, not_after, id, c->rank, c->not_after, c->id))
            continue;
          g_free (c->serial);
        }
      else
        {
          c = g_new0 (CurrentCert, 1);
          c->staff_id = staff_id;
          c->n_certs = 1;
          g_hash_table_insert (by_staff, &c->staff_id, c);
        }
      c->id = id;
      c->serial = cd_sql_column_text (st, 2);
      c->not_before = not_before;
      c->not_after = not_after;
      c->revoked = revoked;
      c->track = track;
      c->purpose = purpose;
      c->rank = rank;
    }
  if (rc != SQLITE_DONE)
    {
      cd_sql_set_error (self->db, rc, error);
      return NULL;
    }
  return g_steal_pointer (&by_staff);
}

/* Copies @text (may be NULL) to *@at and moves *@at past it. */
static char *
pack_string (char       **at,
             const char  *text,
             gsize        len)
{
  char *out;

  if (text == NULL)
    return NULL;
  out = memcpy (*at, text, len);
  out[len] = '\0';
  *at += len + 1;
  return out;
}

/* Everyone (@ids_json NULL, @limit < 0), the staff numbers @ids_json
 * (cd_store_ids_json), or one page of @limit after (@after_key,
 * @after_id) in list order. */
static GPtrArray *
read_staff_rows (CdStore     *self,
                 const char  *ids_json,
                 const char  *after_key,
                 gint64       after_id,
                 int          limit,
                 gboolean     list_only,
                 gint64       now,
                 int          threshold_days,
                 GError     **error)
{
  enum { N_TEXT = 9 };
  /* Text columns of the staff query, in order. */
  static const int text_cols[N_TEXT] = { 1, 2, 3, 4, 5, 6, 7, 9, 10 };
  g_autoptr(CdSqlStmt) st = NULL;
  g_autoptr(GHashTable) certs = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  int rc;

  g_return_val_if_fail (CD_IS_STORE (self), NULL);

  /* Two plain scans joined here: the correlated "current certificate"
   * subquery sorted each person's certificates in a temporary b-tree
   * and took three times as long on 30,000 staff. */
  certs = current_certificates (self, now, ids_json, after_key, after_id, limit, error);
  if (certs == NULL)
    return NULL;
  /* Ties of the sort key broken by id: the order pages are read in. */
  if (ids_json != NULL)
    st = cd_sql_prepare (self->db,
                         "SELECT id, full_name, position, department, email, cccd, phone, birth_date,"
                         " left, " SEARCH_KEY ("") ", sort_key FROM staff"
                         " WHERE id IN (SELECT value FROM json_each(?)) ORDER BY sort_key, id", error);
  else if (limit >= 0)
    st = cd_sql_prepare (self->db,
                         "SELECT id, full_name, position, department, email, cccd, phone, birth_date,"
                         " left, " SEARCH_KEY ("") ", sort_key" PAGE_STAFF, error);
  else
    st = cd_sql_prepare (self->db,
                         "SELECT id, full_name, position, department, email, cccd, phone, birth_date,"
                         " left, " SEARCH_KEY ("") ", sort_key FROM staff ORDER BY sort_key, id", error);
  if (st == NULL)
    return NULL;
  if (ids_json != NULL)
    sqlite3_bind_text (st, 1, ids_json, -1, SQLITE_STATIC);
  else if (limit >= 0)
    bind_page (st, after_key, after_id, limit);
  rows = g_ptr_array_new_with_free_func ((GDestroyNotify) cd_staff_row_free);
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      gint64 staff_id = sqlite3_column_int64 (st, 0);
      const CurrentCert *cert = g_hash_table_lookup (certs, &staff_id);
      const char *text[N_TEXT];
      gsize len[N_TEXT], serial_len = 0, total = sizeof (CdStaffRow);
      g_autofree char *serial_lower = NULL;
      CdStaffRow *r;
      char *at;

      for (guint i = 0; i < N_TEXT; i++)
        {
          /* The list neither shows nor sorts on the department, CCCD,
           * phone and birth date (the CCCD and phone are searched
           * through the search key): a tenth of its memory. */
          if (list_only && (i == 2 || i == 4 || i == 5 || i == 6))
            {
              text[i] = NULL;
              len[i] = 0;
              continue;
            }
          text[i] = (const char *) sqlite3_column_text (st, text_cols[i]);
          len[i] = text[i] ? (gsize) sqlite3_column_bytes (st, text_cols[i]) : 0;
          total += text[i] ? len[i] + 1 : 0;
        }
      if (list_only && cert != NULL && cert->serial != NULL)
        {
          /* The serial once: the staff list's filter searches it beside
           * the key. */
          serial_len = strlen (cert->serial);
          total += serial_len + 1;
        }
      else if (cert != NULL && cert->serial != NULL)
        {
          serial_lower = g_ascii_strdown (cert->serial, -1);
          serial_len = strlen (cert->serial);
          /* The serial itself, and " serial" after the search key. */
          total += 2 * (serial_len + 1);
        }

      /* One block per row: 30,000 rows of ten strings each were 300,000
       * allocations and most of the list's memory. */
      r = g_malloc0 (total);
      at = (char *) (r + 1);
      r->staff_id = staff_id;
      r->full_name = pack_string (&at, text[0], len[0]);
      r->position = pack_string (&at, text[1], len[1]);
      r->department = pack_string (&at, text[2], len[2]);
      r->email = pack_string (&at, text[3], len[3]);
      r->cccd = pack_string (&at, text[4], len[4]);
      r->phone = pack_string (&at, text[5], len[5]);
      r->birth_date = pack_string (&at, text[6], len[6]);
      r->left = sqlite3_column_int (st, 8) != 0;
      if (text[7] != NULL && serial_lower != NULL)
        {
          r->search_key = pack_string (&at, text[7], len[7]);
          at[-1] = ' ';
          pack_string (&at, serial_lower, serial_len);
        }
      else
        r->search_key = pack_string (&at, text[7], len[7]);
      r->sort_key = pack_string (&at, text[8], len[8]);
      if (cert != NULL)
        {
          CdCertificate c = { 0 };

          r->cert_id = cert->id;
          r->cert_serial = pack_string (&at, cert->serial, serial_len);
          c.not_before = cert->not_before;
          c.not_after = r->cert_not_after = cert->not_after;
          c.revoked = cert->revoked;
          r->status = cd_certificate_status (&c, now, threshold_days);
          r->cert_track = cert->track;
          r->cert_purpose = cert->purpose;
          r->n_other_certificates = cert->n_certs - 1;
        }
      else
        r->status = CD_CERT_STATUS_NONE;
      g_ptr_array_add (rows, r);
    }
  if (rc != SQLITE_DONE)
    {
      cd_sql_set_error (self->db, rc, error);
      return NULL;
    }
  return g_steal_pointer (&rows);
}

static GPtrArray *
list_staff_rows (CdStore     *self,
                 const char  *ids_json,
                 gint64       now,
                 int          threshold_days,
                 GError     **error)
{
  return read_staff_rows (self, ids_json, NULL, 0, -1, FALSE, now, threshold_days, error);
}

GPtrArray *
cd_store_read_staff_rows (CdStore     *self,
                          const char  *after_key,
                          gint64       after_id,
                          int          limit,
                          gint64       now,
                          int          threshold_days,
                          GError     **error)
{
  g_return_val_if_fail (CD_IS_STORE (self), NULL);

  return read_staff_rows (self, NULL, after_key, after_id, limit, FALSE, now, threshold_days, error);
}

GPtrArray *
cd_store_read_staff_list_rows (CdStore     *self,
                               const char  *after_key,
                               gint64       after_id,
                               int          limit,
                               gint64       now,
                               int          threshold_days,
                               GError     **error)
{
  g_return_val_if_fail (CD_IS_STORE (self), NULL);

  return read_staff_rows (self, NULL, after_key, after_id, limit, TRUE, now, threshold_days, error);
}

GPtrArray *
cd_store_list_staff_rows (CdStore  *self,
                          gint64    now,
                          int       threshold_days,
                          GError  **error)
{
  g_return_val_if_fail (CD_IS_STORE (self), NULL);
  return list_staff_rows (self, NULL, now, threshold_days, error);
}

GPtrArray *
cd_store_list_staff_rows_by_id (CdStore      *self,
                                const gint64 *ids,
                                guint         n_ids,
                                gint64        now,
                                int           threshold_days,
                                GError      **error)
{
  g_autofree char *json = NULL;

  g_return_val_if_fail (CD_IS_STORE (self), NULL);
  json = cd_store_ids_json (ids, n_ids);
  return list_staff_rows (self, json, now, threshold_days, error);
}

GArray *
cd_store_search_staff (CdStore     *self,
                       const char  *query,
                       GError     **error)
{
  g_autofree char *qkey = cd_text_search_key (query);
  g_auto(GStrv) words = NULL;
  g_autoptr(GString) sql = g_string_new ("SELECT s.id FROM staff s WHERE 1");
  g_autoptr(CdSqlStmt) st = NULL;
  GArray *ids;
  guint n = 0;
  int rc;

  g_return_val_if_fail (CD_IS_STORE (self), NULL);
  words = g_strsplit (qkey, " ", -1);
  for (guint i = 0; words[i]; i++)
    if (*words[i])
      {
        /* instr() is a plain substring test: no LIKE wildcards to escape. */
        g_string_append (sql, " AND (instr(" SEARCH_KEY ("s.") ", ?) > 0 OR EXISTS"
                              " (SELECT 1 FROM certificates c WHERE c.staff_id = s.id"
                              "  AND instr(lower(c.serial), ?) > 0))");
        n++;
      }
  g_string_append (sql, " ORDER BY s.sort_key");
  st = cd_sql_prepare (self->db, sql->str, error);
  if (st == NULL)
    return NULL;
  n = 0;
  for (guint i = 0; words[i]; i++)
    if (*words[i])
      {
        sqlite3_bind_text (st, ++n, words[i], -1, SQLITE_STATIC);
        sqlite3_bind_text (st, ++n, words[i], -1, SQLITE_STATIC);
      }
  ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (st, 0);
      g_array_append_val (ids, id);
    }
  if (rc != SQLITE_DONE)
    {
      cd_sql_set_error (self->db, rc, error);
      g_array_unref (ids);
      return NULL;
    }
  return ids;
}
