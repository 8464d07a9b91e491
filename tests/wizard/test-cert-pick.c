/* test-cert-pick.c — a person with several certificates (issue 14)
 *
 * The teacher of make-certs.sh holds a chuyên dùng signing and encryption
 * pair expiring in 20 days and a VNPT certificate valid 700 days. The
 * register, the renewal list and the Cục's bulk sheet must all see the
 * chuyên dùng signing certificate.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <sqlite3.h>

#include "cd-cert-pick.h"
#include "cd-device-register.h"
#include "cd-doc-people.h"
#include "cd-sheet.h"
#include "cd-store.h"
#include "cd-test-fixture.h"
#include "cd-test-util.h"
#include "cd-wizard-draft.h"
#include "cd-wizard-private.h"
#include "cd-wizard-suggest.h"
#include "cd-x509.h"
#include "cd-xlsx-export.h"

static CdCertificate *
load (const char *name)
{
  g_autofree char *file = g_strconcat (name, ".der", NULL);
  g_autofree char *path = g_build_filename (cd_test_certs_dir (), file, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) certs = cd_x509_load_file (path, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (certs->len, ==, 1);
  return cd_certificate_copy (g_ptr_array_index (certs, 0));
}

static void
test_purpose_track (void)
{
  static const struct { const char *name; CdCertPurpose purpose; CdCertTrack track; } cases[] = {
    { "teacher-gov-sign", CD_CERT_PURPOSE_SIGNING, CD_CERT_TRACK_GOVERNMENT },
    { "teacher-gov-enc", CD_CERT_PURPOSE_ENCRYPTION, CD_CERT_TRACK_GOVERNMENT },
    { "teacher-vnpt", CD_CERT_PURPOSE_SIGNING, CD_CERT_TRACK_PUBLIC },
    /* digitalSignature + keyEncipherment: it signs */
    { "vnpt", CD_CERT_PURPOSE_SIGNING, CD_CERT_TRACK_PUBLIC },
    { "gov", CD_CERT_PURPOSE_SIGNING, CD_CERT_TRACK_GOVERNMENT },
    /* no keyUsage at all: any use, counted as signing */
    { "expiring", CD_CERT_PURPOSE_SIGNING, CD_CERT_TRACK_PUBLIC },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(CdCertificate) c = load (cases[i].name);
      g_test_message ("%s", cases[i].name);
      g_assert_cmpint (c->purpose, ==, cases[i].purpose);
      g_assert_cmpint (c->track, ==, cases[i].track);
    }

  /* from the issuer fields alone (a typed-in or old row) */
  g_assert_cmpint (cd_cert_track_from_issuer ("RootCA chuyên dùng Chính phủ G2", NULL, NULL),
                   ==, CD_CERT_TRACK_GOVERNMENT);
  g_assert_cmpint (cd_cert_track_from_issuer ("CA phục vụ các cơ quan Đảng", NULL, NULL),
                   ==, CD_CERT_TRACK_GOVERNMENT);
  g_assert_cmpint (cd_cert_track_from_issuer ("X", "BAN CƠ YẾU CHÍNH PHỦ", NULL),
                   ==, CD_CERT_TRACK_GOVERNMENT);
  g_assert_cmpint (cd_cert_track_from_issuer ("VNPT Certification Authority", "VNPT Group", NULL),
                   ==, CD_CERT_TRACK_PUBLIC);
  g_assert_cmpint (cd_cert_track_from_issuer ("Viettel-CA", "Viettel Group", NULL),
                   ==, CD_CERT_TRACK_PUBLIC);
  g_assert_cmpint (cd_cert_track_from_issuer (NULL, NULL, NULL), ==, CD_CERT_TRACK_PUBLIC);
  {
    g_autoptr(CdCertificate) typed = cd_certificate_new ();
    cd_certificate_classify (typed);
    g_assert_cmpint (typed->track, ==, CD_CERT_TRACK_GOVERNMENT);
    g_assert_cmpint (typed->purpose, ==, CD_CERT_PURPOSE_SIGNING);
    typed->provider = g_strdup ("Viettel");
    cd_certificate_classify (typed);
    g_assert_cmpint (typed->track, ==, CD_CERT_TRACK_PUBLIC);
  }
  g_assert_cmpint (cd_cert_purpose_from_usage (CD_KEY_USAGE_ENCRYPTION), ==, CD_CERT_PURPOSE_ENCRYPTION);
  g_assert_cmpint (cd_cert_purpose_from_usage (CD_KEY_USAGE_SIGNING | CD_KEY_USAGE_ENCRYPTION),
                   ==, CD_CERT_PURPOSE_SIGNING);
  g_assert_cmpstr (cd_cert_track_to_string (CD_CERT_TRACK_GOVERNMENT), ==, "government");
  g_assert_cmpstr (cd_cert_purpose_to_string (CD_CERT_PURPOSE_ENCRYPTION), ==, "encryption");
  g_assert_cmpstr (cd_cert_track_label (CD_CERT_TRACK_GOVERNMENT), ==, "Chuyên dùng");
  g_assert_cmpstr (cd_cert_track_label (CD_CERT_TRACK_PUBLIC), ==, "Công cộng");
}

static void
test_pick (void)
{
  g_autoptr(GPtrArray) certs = g_ptr_array_new_with_free_func ((GDestroyNotify) cd_certificate_free);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  CdCertificate *sign, *enc, *vnpt;

  /* the encryption certificate first and with the later not_after: the
   * old "newest" rule picked it */
  enc = load ("teacher-gov-enc");
  enc->not_after += 3600;
  g_ptr_array_add (certs, enc);
  vnpt = load ("teacher-vnpt");
  g_ptr_array_add (certs, vnpt);
  sign = load ("teacher-gov-sign");
  g_ptr_array_add (certs, sign);

  g_assert_true (cd_certificate_pick_for_procedure (certs, NULL, now) == sign);
  g_assert_true (cd_certificate_pick_for_procedure (certs, "gia-han", now) == sign);
  /* an expired signing one still beats the encryption one: its holder
   * must renew */
  sign->not_after = now - 86400;
  g_assert_true (cd_certificate_pick_for_procedure (certs, "gia-han", now) == sign);
  /* no chuyên dùng certificate: the status shows the commercial one, a
   * Ban Cơ yếu list has none */
  g_ptr_array_remove (certs, sign);
  g_ptr_array_remove (certs, enc);
  g_assert_true (cd_certificate_pick_for_procedure (certs, NULL, now) == vnpt);
  g_assert_null (cd_certificate_pick_for_procedure (certs, "gia-han", now));
  g_assert_true (cd_certificate_pick_for_procedure (certs, "register", now) == vnpt);
}

static gint64
save (CdStore       *store,
      CdCertificate *c,
      gint64         staff_id)
{
  g_autoptr(GError) error = NULL;

  c->staff_id = staff_id;
  g_assert_true (cd_store_save_certificate (store, c, &error));
  g_assert_no_error (error);
  return c->id;
}

static void
test_teacher (void)
{
  g_autofree char *tmp = cd_test_tmpdir ();
  g_autofree char *path = g_build_filename (tmp, "certdesk.db", NULL);
  g_autofree char *xlsx = g_build_filename (tmp, "bulk.xlsx", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CdStore) store = cd_store_open (path, &error);
  g_autoptr(CdCertificate) sign = load ("teacher-gov-sign");
  g_autoptr(CdCertificate) enc = load ("teacher-gov-enc");
  g_autoptr(CdCertificate) vnpt = load ("teacher-vnpt");
  g_autoptr(CdCertificate) stored = NULL;
  g_autoptr(CdCertificate) current = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(CdDocContext) ctx = NULL;
  g_autoptr(CdSheet) sheet = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gint64 thai, sign_id, enc_id;
  const CdStaffRow *row = NULL;
  gboolean listed = FALSE;
  int serial_col = -1;

  g_assert_no_error (error);
  thai = cd_test_add_staff (store, "Hoàng Văn Thái", "1985-03-04", "031085009999",
                            "thaihv@haiphong.edu.vn");
  save (store, vnpt, thai);
  sign_id = save (store, sign, thai);
  /* the encryption certificate last and newest by a second */
  enc->not_after += 1;
  enc_id = save (store, enc, thai);

  stored = cd_store_get_certificate (store, sign_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (stored->track, ==, CD_CERT_TRACK_GOVERNMENT);
  g_assert_cmpint (stored->purpose, ==, CD_CERT_PURPOSE_SIGNING);
  g_assert_cmpint (stored->key_usage, ==, CD_KEY_USAGE_SIGNING);

  rows = cd_store_list_staff_rows (store, now, 60, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < rows->len; i++)
    if (((CdStaffRow *) g_ptr_array_index (rows, i))->staff_id == thai)
      row = g_ptr_array_index (rows, i);
  g_assert_nonnull (row);
  g_assert_cmpint (row->cert_id, ==, sign_id);
  g_assert_cmpstr (row->cert_serial, ==, "54A1000000000001");
  g_assert_cmpint (row->status, ==, CD_CERT_STATUS_EXPIRING);
  g_assert_cmpint (row->cert_track, ==, CD_CERT_TRACK_GOVERNMENT);
  g_assert_cmpuint (row->n_other_certificates, ==, 2);

  current = cd_wizard_current_certificate (store, thai);
  g_assert_nonnull (current);
  g_assert_cmpstr (current->serial, ==, "54A1000000000001");

  items = cd_wizard_suggest (store, "gia-han", now, 60, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < items->len; i++)
    {
      CdWizardItem *item = g_ptr_array_index (items, i);
      if (item->staff_id == thai)
        {
          g_assert_cmpint (item->certificate_id, ==, sign_id);
          listed = TRUE;
        }
    }
  g_assert_true (listed);

  /* the device register names the same certificate on his token */
  {
    g_autoptr(CdDevice) dev = cd_device_new ();
    g_autoptr(GPtrArray) entries = NULL;
    g_autoptr(CdCertificate) on_token = NULL;

    dev->token_serial = g_strdup ("B4ID2026000777");
    dev->holder_id = thai;
    dev->status = g_strdup ("with_holder");
    g_assert_true (cd_store_save_device (store, dev, &error));
    g_assert_no_error (error);
    /* Both chuyên dùng certificates read from his token (issue 16: the
     * device names what is on it, not the holder's newest). */
    {
      g_autofree char *sql = g_strdup_printf ("UPDATE certificates SET device_id = %" G_GINT64_FORMAT
                                              " WHERE id IN (%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ")",
                                              dev->id, sign_id, enc_id);
      g_assert_cmpint (sqlite3_exec (cd_store_get_db (store), sql, NULL, NULL, NULL), ==, SQLITE_OK);
    }
    entries = cd_store_list_device_entries (store, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (entries->len, ==, 1);
    g_assert_cmpstr (((CdDeviceEntry *) g_ptr_array_index (entries, 0))->cert_serial, ==, "54A1000000000001");
    on_token = cd_devices_holder_certificate (store, thai);
    g_assert_cmpstr (on_token->serial, ==, "54A1000000000001");
  }

  /* the Cục's bulk sheet, read back: "Serial CTS cũ" is the chuyên dùng
   * signing certificate's */
  ctx = cd_doc_context_from_store (store, "bulk", &thai, 1, 60, &error);
  g_assert_no_error (error);
  g_assert_true (cd_xlsx_write_bulk_sheet (xlsx, ctx, TRUE, &error));
  g_assert_no_error (error);
  sheet = cd_sheet_read (xlsx, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sheet->rows->len, >=, 2);
  for (guint col = 0; col < 19; col++)
    if (g_strcmp0 (cd_sheet_row_text (g_ptr_array_index (sheet->rows, 0), col), "Serial CTS cũ") == 0)
      serial_col = (int) col;
  g_assert_cmpint (serial_col, >=, 0);
  g_assert_cmpstr (cd_sheet_row_text (g_ptr_array_index (sheet->rows, 1), (guint) serial_col),
                   ==, "54A1000000000001");

  g_clear_object (&store);
  cd_test_rm_rf (tmp);
}

/* Only a commercial certificate: the register shows it, but the person
 * is on no list for the Ban Cơ yếu with it. */
static void
test_public_only (void)
{
  g_autofree char *tmp = cd_test_tmpdir ();
  g_autofree char *path = g_build_filename (tmp, "certdesk.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CdStore) store = cd_store_open (path, &error);
  g_autoptr(CdCertificate) vnpt = load ("expiring");
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) renew = NULL;
  g_autoptr(GPtrArray) fresh = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gint64 anh, vnpt_id;
  const CdStaffRow *row;

  g_assert_no_error (error);
  anh = cd_test_add_staff (store, "Vũ Ngọc Ánh", "1990-01-02", "031090001111", "anhvn@ngoquyen.edu.vn");
  vnpt_id = save (store, vnpt, anh);

  rows = cd_store_list_staff_rows (store, now, 60, &error);
  g_assert_no_error (error);
  row = g_ptr_array_index (rows, 0);
  g_assert_cmpint (row->cert_id, ==, vnpt_id);
  g_assert_cmpint (row->status, ==, CD_CERT_STATUS_EXPIRING);
  g_assert_cmpint (row->cert_track, ==, CD_CERT_TRACK_PUBLIC);
  g_assert_cmpuint (row->n_other_certificates, ==, 0);

  renew = cd_wizard_suggest (store, "gia-han", now, 60, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (renew->len, ==, 0);
  /* for the Ban Cơ yếu she has no certificate yet */
  fresh = cd_wizard_suggest (store, "cap-moi", now, 60, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (fresh->len, ==, 1);
  g_assert_cmpint (((CdWizardItem *) g_ptr_array_index (fresh, 0))->certificate_id, ==, 0);
  g_assert_null (cd_wizard_current_certificate (store, anh));

  g_clear_object (&store);
  cd_test_rm_rf (tmp);
}

/* A register of schema 3 whose certificates keep their DER: step 3 → 4
 * reads the key usage from it (the issuer fields say nothing of it). */
static void
test_migrate_from_der (void)
{
  g_autofree char *tmp = cd_test_tmpdir ();
  g_autofree char *path = g_build_filename (tmp, "certdesk.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CdStore) store = cd_store_open (path, &error);
  g_autoptr(CdCertificate) enc = load ("teacher-gov-enc");
  g_autoptr(CdCertificate) vnpt = load ("teacher-vnpt");
  g_autoptr(CdCertificate) enc_after = NULL;
  g_autoptr(CdCertificate) vnpt_after = NULL;
  gint64 enc_id, vnpt_id;
  sqlite3 *db = NULL;

  g_assert_no_error (error);
  enc_id = save (store, enc, 0);
  vnpt_id = save (store, vnpt, 0);
  g_clear_object (&store);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, CD_TEST_UNDO_SCHEMA_5 " ALTER TABLE certificates DROP COLUMN key_usage;"
                                 " ALTER TABLE certificates DROP COLUMN purpose;"
                                 " ALTER TABLE certificates DROP COLUMN track;"
                                 " PRAGMA user_version = 3;", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  store = cd_store_open (path, &error);
  g_assert_no_error (error);
  enc_after = cd_store_get_certificate (store, enc_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (enc_after->key_usage, ==, CD_KEY_USAGE_ENCRYPTION);
  g_assert_cmpint (enc_after->purpose, ==, CD_CERT_PURPOSE_ENCRYPTION);
  g_assert_cmpint (enc_after->track, ==, CD_CERT_TRACK_GOVERNMENT);
  vnpt_after = cd_store_get_certificate (store, vnpt_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (vnpt_after->purpose, ==, CD_CERT_PURPOSE_SIGNING);
  g_assert_cmpint (vnpt_after->track, ==, CD_CERT_TRACK_PUBLIC);

  g_clear_object (&store);
  cd_test_rm_rf (tmp);
}

int
main (int argc, char *argv[])
{
  setlocale (LC_ALL, "");
  cd_test_init (&argc, &argv);
  g_test_add_func ("/core/certificates/purpose-track", test_purpose_track);
  g_test_add_func ("/core/certificates/pick", test_pick);
  g_test_add_func ("/core/certificates/teacher-renewal", test_teacher);
  g_test_add_func ("/core/certificates/public-only", test_public_only);
  g_test_add_func ("/core/certificates/migrate-from-der", test_migrate_from_der);
  return g_test_run ();
}
