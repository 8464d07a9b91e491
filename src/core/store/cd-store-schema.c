/* cd-store-schema.c — the register's schema and its migrations
 *
 * The schema moves forward only, one migration per PRAGMA user_version
 * step, each in a transaction and after a dated backup of the file.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include <sqlite3.h>

#include "cd-cert-pick.h"
#include "cd-sql.h"
#include "cd-store-private.h"
#include "cd-store-schema.h"
#include "cd-trust.h"
#include "cd-x509.h"

/* migrations[i] takes user_version i to i + 1. Never edit a shipped step:
 * add a new one. Step 0 keeps the foundation's unit table (created
 * before versioning) with its data. */
static const char *const migrations[] = {
  /* 0 → 1 */
  "CREATE TABLE IF NOT EXISTS unit ("
  "  id INTEGER PRIMARY KEY CHECK (id = 1),"
  "  name TEXT, parent_name TEXT, place TEXT, province TEXT,"
  "  head_title TEXT, head_name TEXT, address TEXT, phone TEXT,"
  "  email TEXT, org1 TEXT, org2 TEXT, org3 TEXT, org4 TEXT);"
  "CREATE TABLE staff ("
  "  id INTEGER PRIMARY KEY,"
  "  full_name TEXT NOT NULL,"
  "  birth_date TEXT, gender TEXT CHECK (gender IN ('Nam','Nữ')),"
  "  position TEXT, department TEXT,"
  "  cccd TEXT, cccd_date TEXT, cccd_place TEXT,"
  "  phone TEXT, email TEXT,"
  "  left INTEGER NOT NULL DEFAULT 0, left_date TEXT, left_reason TEXT,"
  "  note TEXT,"
  "  name_key TEXT NOT NULL,"     /* lower-case, tone placement unified */
  "  search_key TEXT NOT NULL,"   /* accent-free name, CCCD, email, phone */
  "  sort_key TEXT NOT NULL,"     /* Vietnamese person order */
  "  created TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S','now','localtime')),"
  "  modified TEXT);"
  "CREATE UNIQUE INDEX staff_cccd ON staff (cccd) WHERE cccd IS NOT NULL;"
  "CREATE INDEX staff_email ON staff (email);"
  "CREATE INDEX staff_name_key ON staff (name_key, birth_date);"
  "CREATE INDEX staff_sort ON staff (sort_key);"
  "CREATE TABLE certificates ("
  "  id INTEGER PRIMARY KEY,"
  "  staff_id INTEGER REFERENCES staff (id) ON DELETE SET NULL,"
  "  serial TEXT NOT NULL,"
  "  subject_dn TEXT, subject_cn TEXT, subject_ou TEXT, subject_o TEXT,"
  "  subject_l TEXT, subject_st TEXT, email TEXT, uid_cccd TEXT, uid_mst TEXT,"
  "  issuer_cn TEXT, issuer_o TEXT, provider TEXT,"
  "  not_before INTEGER NOT NULL DEFAULT 0, not_after INTEGER NOT NULL DEFAULT 0,"
  "  fingerprint TEXT UNIQUE,"   /* NULL only for a typed-in certificate */
  "  der BLOB,"
  "  source INTEGER NOT NULL DEFAULT 0,"
  "  revoked INTEGER NOT NULL DEFAULT 0, revoked_date TEXT, revoked_reason TEXT,"
  "  added TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S','now','localtime')));"
  "CREATE INDEX cert_staff ON certificates (staff_id, revoked, not_after);"
  "CREATE INDEX cert_not_after ON certificates (not_after);"
  "CREATE INDEX cert_serial ON certificates (serial);"
  "CREATE INDEX cert_email ON certificates (email);"
  "CREATE TABLE devices ("
  "  id INTEGER PRIMARY KEY,"
  "  token_serial TEXT NOT NULL UNIQUE,"
  "  label TEXT, manufacturer TEXT, model TEXT,"
  "  type TEXT NOT NULL DEFAULT 'TOKEN' CHECK (type IN ('TOKEN','SIM','HSM','SOFT','RSSP')),"
  "  holder_id INTEGER REFERENCES staff (id) ON DELETE SET NULL,"
  "  status TEXT NOT NULL DEFAULT 'in_stock');"
  "CREATE INDEX devices_holder ON devices (holder_id);"
  "CREATE INDEX devices_status ON devices (status);"
  "CREATE TABLE documents ("
  "  id INTEGER PRIMARY KEY,"
  "  path TEXT NOT NULL, kind TEXT NOT NULL,"
  "  template_name TEXT, template_sha256 TEXT,"
  "  created TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S','now','localtime')));"
  "CREATE TABLE handover_events ("
  "  id INTEGER PRIMARY KEY,"
  "  device_id INTEGER REFERENCES devices (id) ON DELETE SET NULL,"
  "  staff_id INTEGER REFERENCES staff (id) ON DELETE SET NULL,"
  "  kind TEXT NOT NULL, date TEXT NOT NULL, place TEXT,"
  "  people_present TEXT,"   /* JSON array of {name, title} */
  "  note TEXT,"
  "  document_id INTEGER REFERENCES documents (id) ON DELETE SET NULL);"
  "CREATE INDEX handover_device ON handover_events (device_id, date);"
  "CREATE INDEX handover_staff ON handover_events (staff_id, date);"
  "CREATE TABLE request_batches ("
  "  id INTEGER PRIMARY KEY,"
  "  kind TEXT NOT NULL, date TEXT, doc_number TEXT,"
  "  status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft','sent','done')),"
  "  note TEXT,"
  "  document_id INTEGER REFERENCES documents (id) ON DELETE SET NULL,"
  "  created TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S','now','localtime')));"
  "CREATE INDEX batch_status ON request_batches (status, date);"
  "CREATE TABLE batch_items ("
  "  id INTEGER PRIMARY KEY,"
  "  batch_id INTEGER NOT NULL REFERENCES request_batches (id) ON DELETE CASCADE,"
  "  staff_id INTEGER REFERENCES staff (id) ON DELETE SET NULL,"
  "  certificate_id INTEGER REFERENCES certificates (id) ON DELETE SET NULL,"
  "  device_id INTEGER REFERENCES devices (id) ON DELETE SET NULL,"
  "  action TEXT, reason TEXT, position INTEGER NOT NULL DEFAULT 0);"
  "CREATE INDEX batch_items_batch ON batch_items (batch_id, position);"
  "CREATE TABLE tasks ("
  "  id INTEGER PRIMARY KEY,"
  "  kind TEXT NOT NULL,"
  "  device_id INTEGER REFERENCES devices (id) ON DELETE SET NULL,"
  "  certificate_id INTEGER REFERENCES certificates (id) ON DELETE SET NULL,"
  "  staff_id INTEGER REFERENCES staff (id) ON DELETE SET NULL,"
  "  due_date TEXT, done_date TEXT, note TEXT,"
  "  created TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S','now','localtime')));"
  "CREATE INDEX tasks_due ON tasks (done_date, due_date);"
  "CREATE TABLE holidays (date TEXT PRIMARY KEY, name TEXT NOT NULL);"
  "CREATE TABLE audit_log ("
  "  id INTEGER PRIMARY KEY,"
  "  at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S','now','localtime')),"
  "  action TEXT NOT NULL, entity TEXT NOT NULL, entity_id INTEGER,"
  "  old_value TEXT, new_value TEXT);"
  "CREATE INDEX audit_entity ON audit_log (entity, entity_id);",
  /* 1 → 2: the recovery-task sync asks, for each device with a holder,
   * whether a task exists: a scan of every task each time (650 ms with
   * 20,000 devices and 3,600 tasks). */
  "CREATE INDEX tasks_device ON tasks (device_id, certificate_id);",
  /* 2 → 3: the unit's details grow (issue 14): tax and budget codes, the
   * focal person, former names (one per line, oldest first). The signer
   * stays in head_name / head_title. */
  "ALTER TABLE unit ADD COLUMN tax_code TEXT;"
  "ALTER TABLE unit ADD COLUMN budget_code TEXT;"
  "ALTER TABLE unit ADD COLUMN focal_name TEXT;"
  "ALTER TABLE unit ADD COLUMN focal_cccd TEXT;"
  "ALTER TABLE unit ADD COLUMN focal_cccd_date TEXT;"
  "ALTER TABLE unit ADD COLUMN focal_cccd_place TEXT;"
  "ALTER TABLE unit ADD COLUMN focal_position TEXT;"
  "ALTER TABLE unit ADD COLUMN focal_phone TEXT;"
  "ALTER TABLE unit ADD COLUMN focal_email TEXT;"
  "ALTER TABLE unit ADD COLUMN former_names TEXT;",
  /* 3 → 4: one person holds several certificates (issue 14): a chuyên
   * dùng signing and encryption pair and a commercial one. What each is
   * for and who issued it decide which one counts; backfill_kinds()
   * fills them for the rows already there. */
  "ALTER TABLE certificates ADD COLUMN key_usage INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE certificates ADD COLUMN purpose TEXT NOT NULL DEFAULT 'signing'"
  "  CHECK (purpose IN ('signing','encryption'));"
  "ALTER TABLE certificates ADD COLUMN track TEXT NOT NULL DEFAULT 'public'"
  "  CHECK (track IN ('government','public'));",
  /* 4 → 5: holders other than people, and devices other than tokens
   * (issue 14). A certificate is held by a person (staff_id), the unit
   * itself (held_by_unit: its seal) or a service of the unit
   * (service_id), at most one of them, and lives on a device. A SIM PKI
   * device keeps its carrier, number and whether it was ported; a
   * service's device passes between duty officers (holder_id). A merger
   * or a new name leaves a row in unit_history. */
  "CREATE TABLE services ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL,"
  "  name_key TEXT NOT NULL UNIQUE,"
  "  note TEXT,"
  "  created TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S','now','localtime')));"
  "ALTER TABLE certificates ADD COLUMN held_by_unit INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE certificates ADD COLUMN service_id INTEGER REFERENCES services (id) ON DELETE SET NULL;"
  "ALTER TABLE certificates ADD COLUMN device_id INTEGER REFERENCES devices (id) ON DELETE SET NULL;"
  "CREATE INDEX cert_device ON certificates (device_id);"
  "CREATE INDEX cert_service ON certificates (service_id);"
  "ALTER TABLE devices ADD COLUMN carrier TEXT;"
  "ALTER TABLE devices ADD COLUMN phone TEXT;"
  "ALTER TABLE devices ADD COLUMN ported INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE devices ADD COLUMN service_id INTEGER REFERENCES services (id) ON DELETE SET NULL;"
  "CREATE TABLE unit_history ("
  "  id INTEGER PRIMARY KEY,"
  "  date TEXT NOT NULL,"
  "  kind TEXT NOT NULL CHECK (kind IN ('rename','merge')),"
  "  old_name TEXT, new_name TEXT, note TEXT,"
  "  created TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S','now','localtime')));",
  /* 5 → 6: a list answers a letter of the Sở (issue 17): the letter's
   * reference, the deadline it gives, where and how the list goes, and
   * when and how it went. The signed scans of a list are files copied
   * into the data folder, kept with their SHA-256. The day a list was
   * sent was kept in its JSON note: it becomes sent_on. */
  "ALTER TABLE request_batches ADD COLUMN letter TEXT;"
  "ALTER TABLE request_batches ADD COLUMN deadline TEXT;"
  "ALTER TABLE request_batches ADD COLUMN recipient TEXT;"
  "ALTER TABLE request_batches ADD COLUMN channel TEXT"
  "  CHECK (channel IN ('email','dichvucong','post','truc'));"
  "ALTER TABLE request_batches ADD COLUMN sent_on TEXT;"
  "ALTER TABLE request_batches ADD COLUMN sent_channel TEXT"
  "  CHECK (sent_channel IN ('email','dichvucong','post','truc'));"
  "UPDATE request_batches SET sent_on = json_extract (note, '$.sent_date')"
  "  WHERE status IN ('sent','done') AND json_valid (note);"
  "CREATE INDEX batch_deadline ON request_batches (deadline) WHERE deadline IS NOT NULL;"
  "CREATE TABLE batch_attachments ("
  "  id INTEGER PRIMARY KEY,"
  "  batch_id INTEGER NOT NULL REFERENCES request_batches (id) ON DELETE CASCADE,"
  "  path TEXT NOT NULL,"
  "  name TEXT NOT NULL,"          /* the file's name as the clerk chose it */
  "  mime TEXT NOT NULL CHECK (mime IN ('application/pdf','image/jpeg','image/png')),"
  "  size INTEGER NOT NULL,"
  "  sha256 TEXT NOT NULL,"
  "  added TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S','now','localtime')));"
  "CREATE INDEX batch_attachments_batch ON batch_attachments (batch_id);",
  /* 6 → 7: trust anchors (issue 20, D6). A revocation list is applied
   * only when its issuer chains to an authority the clerk accepted once,
   * by its SHA-256 fingerprint: every authority seen is recorded here,
   * not trusted until then. The authorities already in the register are
   * recorded not trusted by backfill_cas(): one of them may be the
   * look-alike that came in a .p7b. Issuers are looked up by name, so
   * subject_dn gets an index. */
  "CREATE TABLE ca_trust ("
  "  fingerprint TEXT PRIMARY KEY,"   /* as certificates.fingerprint */
  "  subject_dn TEXT NOT NULL,"
  "  trusted INTEGER NOT NULL DEFAULT 0 CHECK (trusted IN (0,1)),"
  "  decided TEXT,"                   /* when the clerk accepted or withdrew it */
  "  added TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S','now','localtime')));"
  "CREATE INDEX cert_subject_dn ON certificates (subject_dn);",
  /* 7 → 8: which certificate a device carried when it changed hands,
   * kept with the event (the serial, as text: it outlives the
   * certificate's row). The handover notice of a past period printed
   * the device's certificate of the day it was made. NULL: not known
   * (recorded before this step, or no certificate linked to the device
   * yet); the notice then prints today's link. */
  "ALTER TABLE handover_events ADD COLUMN certificate_serial TEXT;",
  /* 8 → 9: what a 30,000-row import writes (issue 19). staff_email is
   * dropped: staff_email_nocase (lower(email), made on open, cd-store.c)
   * serves every look-up by e-mail, and keeping both cost a tenth of the
   * import's SQLite work. From now on search_key holds the accent-free
   * name only: the CCCD, e-mail and phone it repeated are columns, joined
   * to it where a search reads it (cd-store-staff.c). The rows written
   * before keep theirs, which those readers take as they are: the same
   * words, some twice. */
  "DROP INDEX IF EXISTS staff_email;",
  /* 9 → 10: a device registered with the holder who already had it
   * (--add-device --holder-cccd) was recorded as handed over the day it
   * was typed in, and that period's handover notice to the Cục listed a
   * token held for years. Such a handover's day is NULL when nobody
   * knows it: no period's notice lists it, the history says it was held
   * before it was registered. SQLite cannot drop a NOT NULL: the table
   * is rebuilt, its rows and ids kept. A reference to a row that is gone
   * (never expected: the foreign keys are on) is left NULL, as ON DELETE
   * SET NULL would have left it, rather than fail the upgrade. */
  "CREATE TABLE handover_events_new ("
  "  id INTEGER PRIMARY KEY,"
  "  device_id INTEGER REFERENCES devices (id) ON DELETE SET NULL,"
  "  staff_id INTEGER REFERENCES staff (id) ON DELETE SET NULL,"
  "  kind TEXT NOT NULL,"
  "  date TEXT,"                /* ISO; NULL: before the device was registered */
  "  place TEXT,"
  "  people_present TEXT,"      /* JSON array of {side, name, title, org} */
  "  note TEXT,"
  "  document_id INTEGER REFERENCES documents (id) ON DELETE SET NULL,"
  "  certificate_serial TEXT);"
  "INSERT INTO handover_events_new (id, device_id, staff_id, kind, date, place,"
  "  people_present, note, document_id, certificate_serial)"
  "  SELECT e.id, (SELECT d.id FROM devices d WHERE d.id = e.device_id),"
  "    (SELECT s.id FROM staff s WHERE s.id = e.staff_id), e.kind, e.date, e.place,"
  "    e.people_present, e.note, (SELECT o.id FROM documents o WHERE o.id = e.document_id),"
  "    e.certificate_serial"
  "  FROM handover_events e ORDER BY e.id;"
  "DROP TABLE handover_events;"
  "ALTER TABLE handover_events_new RENAME TO handover_events;"
  "CREATE INDEX handover_device ON handover_events (device_id, date);"
  "CREATE INDEX handover_staff ON handover_events (staff_id, date);",
};

/* Fills key_usage, purpose and track of the certificates stored before
 * step 3 → 4: from the DER when the row keeps it (the key usage is only
 * there), else from the issuer fields. */
static gboolean
backfill_kinds (CdStore  *self,
                GError  **error)
{
  g_autoptr(CdSqlStmt) sel = NULL;
  g_autoptr(CdSqlStmt) upd = NULL;
  int rc;

  sel = cd_sql_prepare (self->db, "SELECT id, der, issuer_cn, issuer_o, provider FROM certificates", error);
  if (sel == NULL)
    return FALSE;
  upd = cd_sql_prepare (self->db, "UPDATE certificates SET key_usage = ?1, purpose = ?2, track = ?3"
                                  " WHERE id = ?4", error);
  if (upd == NULL)
    return FALSE;
  while ((rc = sqlite3_step (sel)) == SQLITE_ROW)
    {
      g_autoptr(CdCertificate) parsed = NULL;
      g_autoptr(CdCertificate) fields = cd_certificate_new ();
      CdCertificate *c = fields;

      if (sqlite3_column_type (sel, 1) == SQLITE_BLOB)
        parsed = cd_x509_parse_der (sqlite3_column_blob (sel, 1),
                                    (gsize) sqlite3_column_bytes (sel, 1), NULL);
      if (parsed != NULL)
        c = parsed;
      else
        {
          fields->issuer_cn = cd_sql_column_text (sel, 2);
          fields->issuer_o = cd_sql_column_text (sel, 3);
          fields->provider = cd_sql_column_text (sel, 4);
        }
      cd_certificate_classify (c);
      sqlite3_reset (upd);
      sqlite3_bind_int (upd, 1, (int) c->key_usage);
      sqlite3_bind_text (upd, 2, cd_cert_purpose_to_string (c->purpose), -1, SQLITE_STATIC);
      sqlite3_bind_text (upd, 3, cd_cert_track_to_string (c->track), -1, SQLITE_STATIC);
      sqlite3_bind_int64 (upd, 4, sqlite3_column_int64 (sel, 0));
      rc = sqlite3_step (upd);
      if (rc != SQLITE_DONE)
        break;
    }
  if (rc != SQLITE_DONE)
    {
      cd_sql_set_error (self->db, rc, error);
      return FALSE;
    }
  return TRUE;
}

/* Records every certificate authority of the register that nobody holds
 * as not trusted (step 6 → 7). */
static gboolean
backfill_cas (CdStore  *self,
              GError  **error)
{
  g_autoptr(CdSqlStmt) sel = NULL;
  g_autoptr(CdSqlStmt) ins = NULL;
  int rc;

  /* Only those nobody holds: a person's self-signed certificate may say
   * CA:TRUE too (the linker gives it to the person first). */
  sel = cd_sql_prepare (self->db, "SELECT der FROM certificates WHERE der IS NOT NULL"
                                  " AND coalesce (staff_id, 0) = 0 AND coalesce (service_id, 0) = 0"
                                  " AND held_by_unit = 0", error);
  if (sel == NULL)
    return FALSE;
  ins = cd_sql_prepare (self->db, "INSERT OR IGNORE INTO ca_trust (fingerprint, subject_dn) VALUES (?1, ?2)", error);
  if (ins == NULL)
    return FALSE;
  while ((rc = sqlite3_step (sel)) == SQLITE_ROW)
    {
      g_autoptr(CdCertificate) c = NULL;

      if (sqlite3_column_type (sel, 0) == SQLITE_BLOB)
        c = cd_x509_parse_der (sqlite3_column_blob (sel, 0), (gsize) sqlite3_column_bytes (sel, 0), NULL);
      if (c == NULL || c->fingerprint == NULL || !cd_trust_is_ca (c))
        continue;
      sqlite3_reset (ins);
      sqlite3_bind_text (ins, 1, c->fingerprint, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (ins, 2, c->subject_dn ? c->subject_dn : "", -1, SQLITE_TRANSIENT);
      rc = sqlite3_step (ins);
      if (rc != SQLITE_DONE)
        break;
    }
  if (rc != SQLITE_DONE)
    {
      cd_sql_set_error (self->db, rc, error);
      return FALSE;
    }
  return TRUE;
}

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == CD_STORE_SCHEMA_VERSION);

/* PRAGMA user_version as the file holds it now; @fallback if unread. */
static int
version_now (CdStore *self,
             int      fallback)
{
  sqlite3_stmt *st = NULL;
  int v = fallback;

  if (sqlite3_prepare_v2 (self->db, "PRAGMA user_version", -1, &st, NULL) == SQLITE_OK
      && sqlite3_step (st) == SQLITE_ROW)
    v = sqlite3_column_int (st, 0);
  sqlite3_finalize (st);
  return v;
}

gboolean
cd_store_schema_migrate (CdStore   *self,
                         int        from,
                         gboolean   existing,
                         GError   **error)
{
  if (existing)
    {
      g_autoptr(GError) local = NULL;
      /* Forward-only: keep what the older CertDesk could read. */
      if (!cd_store_backup (self, NULL, &local))
        {
          g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_OPEN,
                       _("The register must be upgraded, but no backup could be made first, so it was left as it is. %s"),
                       local->message);
          return FALSE;
        }
    }
  if (!cd_sql_exec (self->db, "BEGIN IMMEDIATE", error))
    return FALSE;
  /* Another CertDesk may have migrated the file while this one waited
   * for the lock (two imports started together on a new register): go
   * on from the version it left, not the one read before. */
  from = version_now (self, from);
  if (from >= CD_STORE_SCHEMA_VERSION)
    return cd_sql_exec (self->db, "COMMIT", error);
  for (int v = from; v < CD_STORE_SCHEMA_VERSION; v++)
    if (!cd_sql_exec (self->db, migrations[v], error)
        || (v == 3 && !backfill_kinds (self, error))
        || (v == 6 && !backfill_cas (self, error)))
      {
        cd_store_rollback (self);
        return FALSE;
      }
  {
    g_autofree char *sql = g_strdup_printf ("PRAGMA user_version = %d; PRAGMA application_id = %d;",
                                            CD_STORE_SCHEMA_VERSION, CD_APPLICATION_ID);
    if (!cd_sql_exec (self->db, sql, error)
        || !cd_store_audit (self, "migrate", "schema", CD_STORE_SCHEMA_VERSION, NULL, NULL, error)
        || !cd_sql_exec (self->db, "COMMIT", error))
      {
        cd_store_rollback (self);
        return FALSE;
      }
  }
  return TRUE;
}
