/* cd-store.h — the unit's register in one SQLite file
 *
 * The single source of truth. Every public function runs on the calling
 * thread; the GUI calls the bulk ones (import, list of 30,000) from a GTask
 * worker. A CdStore is not shared between threads at the same time.
 *
 * Implemented by cd-store.c (the object: opening, backups,
 * transactions, audit), cd-store-check.c (the integrity check and the
 * read-only state) and one file per table family: cd-store-unit.c,
 * cd-store-staff.c, cd-store-certificates.c, cd-store-devices.c,
 * cd-store-documents.c; the schema is in cd-store-schema.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "cd-model.h"

G_BEGIN_DECLS

#define CD_STORE_ERROR (cd_store_error_quark ())

typedef enum {
  CD_STORE_ERROR_FAILED,
  CD_STORE_ERROR_OPEN,        /* cannot open/create the file */
  CD_STORE_ERROR_NOT_DATABASE,/* the file is not an SQLite database */
  CD_STORE_ERROR_DAMAGED,     /* quick_check failed; read-only */
  CD_STORE_ERROR_READ_ONLY,
  CD_STORE_ERROR_NOT_FOUND,
  CD_STORE_ERROR_CONSTRAINT,  /* duplicate CCCD, fingerprint… */
  CD_STORE_ERROR_INVALID,     /* a value failed validation */
  CD_STORE_ERROR_TOO_NEW,     /* written by a newer CertDesk */
  CD_STORE_ERROR_LOCKED,      /* another program holds the write lock */
  CD_STORE_ERROR_FULL,        /* the register's disk is full */
} CdStoreError;

GQuark cd_store_error_quark (void);

#define CD_TYPE_STORE (cd_store_get_type ())
G_DECLARE_FINAL_TYPE (CdStore, cd_store, CD, STORE, GObject)

/* Opens (creating with mode 0600 when missing) the register at @path.
 * The parent folder must exist. Messages are Vietnamese and say what to
 * do. Emits nothing. */
CdStore    *cd_store_open            (const char  *path,
                                      GError     **error);
/* A second connection to @primary's file for another thread of the same
 * process (e.g. loading the staff list off the main thread). Skips the
 * PRAGMA quick_check and migrations that cd_store_open() ran on
 * @primary, so it is cheap; @primary must stay open meanwhile or at
 * least must have been opened first. A read-only (damaged) @primary
 * gives a read-only connection the same way cd_store_open() does. */
CdStore    *cd_store_open_secondary  (CdStore     *primary,
                                      GError     **error);
/* Like cd_store_open(), but when no migration is due the PRAGMA
 * quick_check (a read of every page: ~150 ms at 30,000 staff) is left for
 * later, so a window can start meanwhile: run it on a secondary
 * connection with cd_store_run_quick_check() on a worker and hand the
 * answer to cd_store_finish_check(). Until then nothing is written: the
 * first write (and cd_store_is_read_only) runs the check itself first.
 * Secondary connections opened meanwhile do the same on their own. */
CdStore    *cd_store_open_check_later (const char  *path,
                                       GError     **error);
/* For a headless action: like cd_store_open_check_later(), and the check
 * left for later is skipped when an earlier one found the register sound
 * the same day (each sound check is recorded in its audit log, action
 * "check", entity "register"). An action that only reads never pays for
 * the check; one that writes pays at most once a day. */
CdStore    *cd_store_open_check_daily (const char  *path,
                                       GError     **error);
gboolean    cd_store_get_check_pending (CdStore    *self);
/* What PRAGMA quick_check found on this connection (NULL: sound or not
 * checked): the @problem to hand to cd_store_finish_check() when a
 * checked cd_store_open() stood in for the secondary connection. */
const char *cd_store_get_damage      (CdStore     *self);
/* PRAGMA quick_check on @self's connection (any thread that owns it):
 * NULL when the file is sound, else what is wrong. */
char       *cd_store_run_quick_check (CdStore     *self);
/* The answer of the check left for later (NULL: sound): emits "checked";
 * a damaged file becomes read-only, as cd_store_open() would have made
 * it, and "changed::register" follows. Does nothing when already settled. */
void        cd_store_finish_check    (CdStore     *self,
                                      const char  *problem);
const char *cd_store_get_path        (CdStore     *self);
gboolean    cd_store_is_empty        (CdStore     *self);

/* The unit's details; never NULL (empty fields when not entered yet). */
CdUnit     *cd_store_get_unit        (CdStore     *self);
/* Cleans every field of @unit (NFC, spaces) and checks and normalises the
 * phones, emails, CCCD, its date, the tax and budget codes; on a bad
 * value returns CD_STORE_ERROR_INVALID with a sentence naming the field
 * and what to write. cd_store_save_unit() calls it on a copy. */
gboolean    cd_store_normalize_unit  (CdUnit       *unit,
                                      GError      **error);
/* Validates (see above) and writes the unit's details, with an audit
 * entry of what changed. Inside a transaction the caller opened, it
 * writes in it and leaves the commit and "changed::unit" to the caller. */
gboolean    cd_store_save_unit       (CdStore      *self,
                                      const CdUnit *unit,
                                      GError      **error);

/* One row of unit_history: the unit was renamed or merged on @date. */
typedef struct {
  gint64  id;
  char   *date;          /* ISO */
  char   *kind;          /* "rename" or "merge" */
  char   *old_name;
  char   *new_name;
  char   *note;
} CdUnitHistory;

void        cd_unit_history_free      (CdUnitHistory *h);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CdUnitHistory, cd_unit_history_free)
/* Appends a row (@date_iso NULL: today; @kind "rename" or "merge"), with
 * an audit entry; works inside the caller's transaction. */
gboolean    cd_store_add_unit_history (CdStore      *self,
                                       const char   *date_iso,
                                       const char   *kind,
                                       const char   *old_name,
                                       const char   *new_name,
                                       const char   *note,
                                       GError      **error);
/* Element type CdUnitHistory, oldest first. */
GPtrArray  *cd_store_list_unit_history (CdStore     *self,
                                        GError     **error);

/* ---- Staff ---------------------------------------------------------- */

/* One line of the staff list: what the column view shows, sorts and
 * filters on, read in one query (no blobs). */
typedef struct {
  gint64        staff_id;
  char         *full_name;
  char         *position;
  char         *department;
  char         *email;
  char         *cccd;
  char         *phone;
  char         *birth_date;      /* ISO */
  gboolean      left;
  /* The staff member's certificate that counts (cd_cert_pick_rank():
   * the valid chuyên dùng signing one first; a commercial one only when
   * the person has no chuyên dùng certificate); NULL/0 when none. */
  gint64        cert_id;
  char         *cert_serial;
  gint64        cert_not_after;
  CdCertTrack   cert_track;
  CdCertPurpose cert_purpose;
  guint         n_other_certificates; /* the person's others ("+1") */
  CdCertStatus  status;          /* computed at list time with the threshold */
  char         *search_key;      /* accent-free lower-case name, cccd, email, phone, serial
                                  * (the staff list's rows leave the serial out:
                                  * cd_staff_pager_set_list_only) */
  char         *sort_key;        /* Vietnamese order: given, family, middle, birth */
} CdStaffRow;

void        cd_staff_row_free             (CdStaffRow *row);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CdStaffRow, cd_staff_row_free)

/* Every staff member as rows, in Vietnamese name order. @now and
 * @threshold_days decide the status. Element type CdStaffRow. */
GPtrArray  *cd_store_list_staff_rows      (CdStore     *self,
                                           gint64       now,
                                           int          threshold_days,
                                           GError     **error);
/* The same rows for the staff numbers @ids only (those that exist), in
 * name order: what a headless action on a few people reads. */
GPtrArray  *cd_store_list_staff_rows_by_id (CdStore      *self,
                                            const gint64 *ids,
                                            guint         n_ids,
                                            gint64        now,
                                            int           threshold_days,
                                            GError      **error);

CdStaff    *cd_store_get_staff            (CdStore     *self,
                                           gint64       id,
                                           GError     **error);
/* Inserts (id == 0, id set on return) or updates. Validates and
 * normalises (NFC, phone, dates); CD_STORE_ERROR_INVALID names the field. */
gboolean    cd_store_save_staff           (CdStore     *self,
                                           CdStaff     *staff,
                                           GError     **error);
gboolean    cd_store_delete_staff         (CdStore     *self,
                                           gint64       id,
                                           GError     **error);
gboolean    cd_store_mark_staff_left      (CdStore     *self,
                                           gint64       id,
                                           const char  *date_iso,
                                           const char  *reason,
                                           GError     **error);
/* Lookups used to link certificates; NULL when none (or ambiguous for
 * the name lookup, which then sets *ambiguous). */
CdStaff    *cd_store_find_staff_by_email  (CdStore     *self,
                                           const char  *email);
/* Whether some staff member, working or not, holds @email (compared
 * without case, as the register's unique index does). */
gboolean    cd_store_email_in_use         (CdStore     *self,
                                           const char  *email);
CdStaff    *cd_store_find_staff_by_cccd   (CdStore     *self,
                                           const char  *cccd);
CdStaff    *cd_store_find_staff_by_name   (CdStore     *self,
                                           const char  *full_name,
                                           gboolean    *ambiguous);
/* The staff member a clerk means by a name typed without (or with other)
 * accents and capitals: the exact spelling first, else the one person
 * whose accent-free name is the same ("nguyen thi hoa" finds Nguyễn Thị
 * Hoà). NULL when none; *ambiguous set when several. Never used to link
 * certificates, which need the exact name. */
CdStaff    *cd_store_find_staff_by_plain_name (CdStore     *self,
                                               const char  *full_name,
                                               gboolean    *ambiguous);

/* ---- Certificates ----------------------------------------------------- */

/* Inserts or updates by fingerprint (id set on return). */
gboolean    cd_store_save_certificate     (CdStore        *self,
                                           CdCertificate  *cert,
                                           GError        **error);
CdCertificate *cd_store_get_certificate   (CdStore        *self,
                                           gint64          id,
                                           GError        **error);
CdCertificate *cd_store_find_certificate_by_fingerprint (CdStore    *self,
                                                         const char *fingerprint);
/* The certificates whose subject DN is @subject_dn (an issuer looked up
 * by name, indexed); element type CdCertificate. */
GPtrArray  *cd_store_list_certificates_by_subject (CdStore    *self,
                                                   const char *subject_dn,
                                                   GError    **error);
/* Element type CdCertificate, newest first. */
GPtrArray  *cd_store_list_certificates_for_staff (CdStore   *self,
                                                  gint64     staff_id,
                                                  GError   **error);
/* Every certificate; element type CdCertificate. */
GPtrArray  *cd_store_list_certificates    (CdStore        *self,
                                           GError        **error);
/* Element type CdCertificate, newest first: the unit's own (its seals)
 * for CD_CERT_HOLDER_UNIT, a service's for CD_CERT_HOLDER_SERVICE with
 * @holder_id, a person's for CD_CERT_HOLDER_PERSON, the unattached ones
 * for CD_CERT_HOLDER_NONE. */
GPtrArray  *cd_store_list_certificates_held (CdStore          *self,
                                             CdCertHolderKind  kind,
                                             gint64            holder_id,
                                             GError          **error);
gboolean    cd_store_link_certificate     (CdStore        *self,
                                           gint64          cert_id,
                                           gint64          staff_id,   /* 0 unlinks */
                                           GError        **error);
/* Gives the certificate to a person (@holder_id = staff id), the unit
 * (@holder_id ignored), a service (@holder_id = service id) or nobody. */
gboolean    cd_store_set_certificate_holder (CdStore          *self,
                                             gint64            cert_id,
                                             CdCertHolderKind  kind,
                                             gint64            holder_id,
                                             GError          **error);
gboolean    cd_store_revoke_certificate   (CdStore        *self,
                                           gint64          cert_id,
                                           const char     *date_iso,
                                           const char     *reason,
                                           GError        **error);

/* ---- Services of the unit (cd-store-services.c) ------------------------ */

/* Inserts or updates (id set on return); the name must be new to the
 * unit, compared as cd_text_name_key() does. */
gboolean    cd_store_save_service         (CdStore     *self,
                                           CdService   *service,
                                           GError     **error);
CdService  *cd_store_get_service          (CdStore     *self,
                                           gint64       id,
                                           GError     **error);
/* By name, compared without case or tone-mark placement; NULL if none. */
CdService  *cd_store_find_service_by_name (CdStore     *self,
                                           const char  *name);
/* Element type CdService, by name. */
GPtrArray  *cd_store_list_services        (CdStore     *self,
                                           GError     **error);

/* ---- Devices ---------------------------------------------------------- */

gboolean    cd_store_save_device          (CdStore     *self,
                                           CdDevice    *device,
                                           GError     **error);
CdDevice   *cd_store_get_device           (CdStore     *self,
                                           gint64       id,
                                           GError     **error);
CdDevice   *cd_store_find_device_by_serial (CdStore    *self,
                                            const char *token_serial);
/* Element type CdDevice. */
/* The devices held by the staff numbers @ids or named by their
 * certificates, in the order of cd_store_list_devices(). */
GPtrArray  *cd_store_list_devices_of_staff (CdStore      *self,
                                            const gint64 *ids,
                                            guint         n_ids,
                                            GError      **error);
GPtrArray  *cd_store_list_devices         (CdStore     *self,
                                           GError     **error);
/* The devices numbered @ids (repeats and unknown numbers allowed), by
 * number: a page of a list reads only the devices its certificates are
 * linked to. Element type CdDevice. */
GPtrArray  *cd_store_list_devices_by_id   (CdStore      *self,
                                           const gint64 *ids,
                                           guint         n_ids,
                                           GError      **error);

/* A device as the register lists it: with its holder's name and the
 * serial of the certificate linked to it (certificates.device_id; among
 * several, cd_cert_pick_rank(): chuyên dùng signing first), each NULL
 * when there is none: a blank device has no certificate, whoever holds
 * it. */
typedef struct {
  CdDevice *device;
  char     *holder_name;
  char     *cert_serial;
} CdDeviceEntry;

void        cd_device_entry_free          (CdDeviceEntry *entry);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CdDeviceEntry, cd_device_entry_free)

/* Every device by token serial, in one query. Element type CdDeviceEntry. */
GPtrArray  *cd_store_list_device_entries  (CdStore     *self,
                                           GError     **error);

/* ---- Generated documents ---------------------------------------------- */

gboolean    cd_store_record_document      (CdStore     *self,
                                           const char  *path,
                                           const char  *kind,
                                           const char  *template_name,
                                           const char  *template_sha256,
                                           gint64      *out_id,
                                           GError     **error);

/* Fails (with the Vietnamese "another program is using the register")
 * when another connection holds the register's write lock past the busy
 * timeout: checked before a file is written, so a locked register never
 * leaves a written but unrecorded document. */
gboolean    cd_store_check_write_lock     (CdStore     *self,
                                           GError     **error);

/* Writing a document the register records, so that a crash (kill -9, a
 * full disk) leaves neither a file without its record nor a record
 * without its file nor a hidden temporary file:
 *
 *   stage = cd_store_document_prepare (store, target, overwrite, …);
 *   write the document to @stage (its writer's own overwrite TRUE);
 *   cd_store_document_commit (store, stage, target, …);
 *
 * prepare checks the write lock, @target's existence (unless
 * @overwrite) and sweeps stale temporary files of the folder, then
 * returns a new temporary file next to @target. commit inserts the
 * record (BEGIN IMMEDIATE), runs @more in the same transaction (with the
 * new document's id: a batch, an event), renames @stage to @target, then
 * commits; on any failure the record is rolled back and the temporary
 * file removed. With @optional, a register that cannot be written
 * (damaged) does not stop the file: it is saved unrecorded (@more is
 * called with id 0). Call cd_store_document_abort() if writing fails. */
typedef gboolean (*CdStoreDocumentFunc) (CdStore  *store,
                                         gint64    document_id,
                                         gpointer  data,
                                         GError  **error);
char       *cd_store_document_prepare     (CdStore     *self,
                                           const char  *target,
                                           gboolean     overwrite,
                                           gboolean     optional,
                                           GError     **error);
gboolean    cd_store_document_commit      (CdStore              *self,
                                           const char           *stage,
                                           const char           *target,
                                           gboolean              overwrite,
                                           gboolean              optional,
                                           const char           *kind,
                                           const char           *template_name,
                                           const char           *template_sha256,
                                           CdStoreDocumentFunc   more,
                                           gpointer              more_data,
                                           gint64               *out_id,
                                           GError              **error);
/* Removes @stage after its writer failed, and names @target instead of
 * @stage in @error's message. */
void        cd_store_document_abort       (const char  *stage,
                                           const char  *target,
                                           GError     **error);
/* Sweeps the temporary files that killed writers left in the folders
 * of the last recorded documents (cd_atomic_sweep()); the store does it
 * on open. */
void        cd_store_sweep_document_folders (CdStore   *self);

/* The raw connection, for areas that own their own tables (handovers,
 * batches). Never hand it to another thread. */
struct sqlite3 *cd_store_get_db           (CdStore     *self);

/* Emitted on the thread that changed the register: "changed" (what:
 * "unit", "staff", "certificate", "device", "document", …). The signal is
 * detailed by the same word: "changed::staff". */

/* ---- Schema, secondary connections, staff rows ------------------------ */

/* The schema version this build writes (PRAGMA user_version). */
#define CD_STORE_SCHEMA_VERSION 10

/* A damaged register (PRAGMA quick_check failed on open) is opened
 * read-only: cd_store_open() succeeds so the clerk can still see and
 * export the data, every write fails with CD_STORE_ERROR_DAMAGED, and
 * this returns the Vietnamese explanation naming the newest backup and
 * how to restore it. NULL when the register is writable. */
gboolean    cd_store_is_read_only          (CdStore     *self);
const char *cd_store_get_read_only_reason  (CdStore     *self);

/* Copies the register to a dated backup next to it
 * ("certdesk.backup-2026-01-05-083000.db", mode 0600), consistent even
 * while open. The same is done automatically before every migration. */
gboolean    cd_store_backup                (CdStore     *self,
                                            char       **out_path,
                                            GError     **error);
/* The newest backup of the register at @db_path, NULL when none. */
char       *cd_store_find_newest_backup    (const char  *db_path);

/* Normalises @staff in place as cd_store_save_staff() does (NFC, dates to
 * ISO, phone, lower-case email, "Nam"/"Nữ") and validates it;
 * CD_STORE_ERROR_INVALID names the field and says what to do. */
gboolean    cd_store_normalize_staff       (CdStaff     *staff,
                                            GError     **error);

guint       cd_store_count_staff           (CdStore     *self);
/* Whether there is any staff record: cd_store_count_staff() > 0 without
 * counting them. */
gboolean    cd_store_has_staff             (CdStore     *self);
/* Every staff record, in id order; element type CdStaff. */
GPtrArray  *cd_store_list_staff            (CdStore     *self,
                                            GError     **error);

/* Staff ids whose name, CCCD, email, phone or certificate serial contain
 * every word of @query, accents ignored, in Vietnamese name order. */
GArray     *cd_store_search_staff          (CdStore     *self,
                                            const char  *query,
                                            GError     **error);

/* For areas that write their own tables through cd_store_get_db(): an
 * audit entry (old/new are short texts or JSON, may be NULL) and the
 * "changed" signal. */
gboolean    cd_store_audit                 (CdStore     *self,
                                            const char  *action,
                                            const char  *entity,
                                            gint64       entity_id,
                                            const char  *old_value,
                                            const char  *new_value,
                                            GError     **error);
void        cd_store_emit_changed          (CdStore     *self,
                                            const char  *what);
/* BEGIN IMMEDIATE / COMMIT / ROLLBACK, refusing a read-only register. */
/* Follows commits made by other connections to the file (another
 * CertDesk, the command line in a terminal, a worker whose caller did
 * not say what changed): checks SQLite's PRAGMA data_version every
 * @interval_ms on the thread-default main context and emits
 * "changed::external" when it moved. Commits of the store's own
 * connection do not move it; a worker's (its own connection) may be
 * announced by name and then as external too. 0 stops watching. */
void        cd_store_watch                 (CdStore     *self,
                                            guint        interval_ms);
gboolean    cd_store_begin                 (CdStore     *self,
                                            GError     **error);
gboolean    cd_store_commit                (CdStore     *self,
                                            GError     **error);
void        cd_store_rollback              (CdStore     *self);

G_END_DECLS
