/* test-store-records.c — the register's records: staff written, refused
 * and found, certificates, the list's rows and search, devices,
 * documents and the unit, a document writer killed mid-way
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <sys/wait.h>

#include <string.h>
#include <unistd.h>

#include "cd-fileutil.h"
#include "cd-store.h"
#include "cd-test-fixture.h"
#include "cd-test-util.h"
#include "store-fixture.h"

static void
changed_cb (CdStore *store, const char *what, gpointer user_data)
{
  GString *log = user_data;
  g_string_append_printf (log, "%s;", what);
}

static void
test_staff_crud (void)
{
  g_autofree char *tmp = NULL;
  g_autoptr(CdStore) store = store_open_new (&tmp);
  g_autoptr(CdStaff) s = cd_staff_new ();
  g_autoptr(CdStaff) got = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) log = g_string_new (NULL);
  const char *path = cd_store_get_path (store);

  g_signal_connect (store, "changed::staff", G_CALLBACK (changed_cb), log);

  /* decomposed input, phone with +84, date in d/m/yyyy, CCCD with spaces */
  s->full_name = g_strdup ("  Nguye\xcc\x82\xcc\x83n  Va\xcc\x86n An ");
  s->birth_date = g_strdup ("5/1/1980");
  s->gender = g_strdup ("nam");
  s->cccd = g_strdup ("031 080 001 234");
  s->phone = g_strdup ("+84 912.345.678");
  s->email = g_strdup ("An.NV@HaiPhong.edu.vn");
  g_assert_true (cd_store_save_staff (store, s, &error));
  g_assert_no_error (error);
  g_assert_cmpint (s->id, >, 0);
  g_assert_cmpstr (s->full_name, ==, "Nguyễn Văn An");

  got = cd_store_get_staff (store, s->id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (got->full_name, ==, "Nguyễn Văn An");
  g_assert_cmpstr (got->birth_date, ==, "1980-01-05");
  g_assert_cmpstr (got->gender, ==, "Nam");
  g_assert_cmpstr (got->cccd, ==, "031080001234");
  g_assert_cmpstr (got->phone, ==, "0912345678");
  g_assert_cmpstr (got->email, ==, "an.nv@haiphong.edu.vn");
  g_assert_false (cd_store_is_empty (store));

  /* update, mark left, delete: each in the audit log, each a signal */
  g_free (got->position);
  got->position = g_strdup ("Giáo viên");
  g_assert_true (cd_store_save_staff (store, got, &error));
  g_assert_true (cd_store_mark_staff_left (store, got->id, "2025-06-30", "Nghỉ hưu", &error));
  g_assert_no_error (error);
  g_clear_pointer (&got, cd_staff_free);
  got = cd_store_get_staff (store, s->id, &error);
  g_assert_true (got->left);
  g_assert_cmpstr (got->left_date, ==, "2025-06-30");
  g_assert_cmpstr (got->left_reason, ==, "Nghỉ hưu");
  g_assert_cmpint (store_query_int (path, "SELECT count(*) FROM audit_log WHERE entity = 'staff'"), ==, 3);
  g_assert_cmpint (store_query_int (path, "SELECT count(*) FROM audit_log WHERE entity = 'staff'"
                                    " AND old_value LIKE '%\"position\":null%'"
                                    " AND new_value LIKE '%Giáo viên%'"), ==, 1);
  g_assert_true (cd_store_delete_staff (store, s->id, &error));
  g_assert_null (cd_store_get_staff (store, s->id, &error));
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_NOT_FOUND);
  g_assert_cmpstr (log->str, ==, "staff;staff;staff;staff;");
  g_assert_cmpint (store_query_int (path, "SELECT count(*) FROM audit_log WHERE action = 'delete'"), ==, 1);
  g_clear_object (&store);
  cd_test_rm_rf (tmp);
}

static void
test_staff_invalid (void)
{
  g_autofree char *tmp = NULL;
  g_autoptr(CdStore) store = store_open_new (&tmp);
  g_autoptr(GError) error = NULL;
  g_autoptr(CdStaff) a = cd_test_staff_new ("Nguyễn Văn An", "1980-01-05", "031080001234", NULL);
  g_autoptr(CdStaff) b = cd_test_staff_new ("Trần Văn Bảo", "1980-02-01", "031080001234", NULL);
  g_autoptr(CdStaff) c = cd_test_staff_new ("Lê Văn Cường", "1980-02-01", "03108000123A", NULL);
  g_autoptr(CdStaff) d = cd_test_staff_new ("", NULL, NULL, NULL);
  g_autoptr(CdStaff) e = cd_test_staff_new ("Lê Văn Em", "01/01/2999", NULL, NULL);
  g_autoptr(CdStaff) f = cd_test_staff_new ("Lê Văn Phúc", NULL, NULL, "not an email");

  g_assert_true (cd_store_save_staff (store, a, &error));
  g_assert_false (cd_store_save_staff (store, b, &error));
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_CONSTRAINT);
  g_assert_nonnull (strstr (error->message, "Nguyễn Văn An"));
  g_assert_cmpint (b->id, ==, 0);
  g_clear_error (&error);
  g_assert_false (cd_store_save_staff (store, c, &error));
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (cd_store_save_staff (store, d, &error));
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (cd_store_save_staff (store, e, &error));
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (cd_store_save_staff (store, f, &error));
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID);
  g_assert_cmpuint (cd_store_count_staff (store), ==, 1);
  g_assert_true (cd_store_has_staff (store));
  g_assert_false (cd_store_is_empty (store));
  g_clear_object (&store);
  cd_test_rm_rf (tmp);
}

static void
test_staff_find (void)
{
  g_autofree char *tmp = NULL;
  g_autoptr(CdStore) store = store_open_new (&tmp);
  g_autoptr(GError) error = NULL;
  g_autoptr(CdStaff) a = cd_test_staff_new ("Nguyễn Thị Hoà", "1980-01-05", "031180001234", "hoa@hp.edu.vn");
  g_autoptr(CdStaff) b = cd_test_staff_new ("Lê Văn Bình", "1981-01-05", NULL, NULL);
  g_autoptr(CdStaff) c = cd_test_staff_new ("Lê Văn Bình", "1990-01-05", NULL, NULL);
  CdStaff *f;
  gboolean ambiguous = TRUE;

  g_assert_true (cd_store_save_staff (store, a, &error));
  g_assert_true (cd_store_save_staff (store, b, &error));
  g_assert_true (cd_store_save_staff (store, c, &error));

  f = cd_store_find_staff_by_email (store, "HOA@hp.edu.vn");
  g_assert_nonnull (f);
  g_assert_cmpint (f->id, ==, a->id);
  cd_staff_free (f);
  f = cd_store_find_staff_by_cccd (store, "031 180 001 234");
  g_assert_nonnull (f);
  g_assert_cmpint (f->id, ==, a->id);
  cd_staff_free (f);
  /* old tone placement, other case */
  f = cd_store_find_staff_by_name (store, "NGUYỄN THỊ HÒA", &ambiguous);
  g_assert_nonnull (f);
  g_assert_false (ambiguous);
  g_assert_cmpint (f->id, ==, a->id);
  cd_staff_free (f);
  g_assert_null (cd_store_find_staff_by_name (store, "Lê Văn Bình", &ambiguous));
  g_assert_true (ambiguous);
  g_assert_null (cd_store_find_staff_by_name (store, "Nguyễn Thị Hoa", &ambiguous));
  g_assert_false (ambiguous);
  g_assert_null (cd_store_find_staff_by_email (store, "nobody@hp.edu.vn"));

  /* Typed without accents (issue 16: handing a device over needed the
   * exact accented name): the one person it can be. */
  f = cd_store_find_staff_by_plain_name (store, "nguyen thi hoa", &ambiguous);
  g_assert_nonnull (f);
  g_assert_false (ambiguous);
  g_assert_cmpint (f->id, ==, a->id);
  cd_staff_free (f);
  g_assert_null (cd_store_find_staff_by_plain_name (store, "le van binh", &ambiguous));
  g_assert_true (ambiguous);
  g_assert_null (cd_store_find_staff_by_plain_name (store, "nguyen thi", &ambiguous));
  g_assert_false (ambiguous);
  g_assert_null (cd_store_find_staff_by_plain_name (store, "%", &ambiguous));
  /* The typed spelling wins over a namesake without accents. */
  {
    g_autoptr(CdStaff) d = cd_test_staff_new ("Nguyễn Thị Hoa", "1985-02-03", NULL, NULL);
    g_assert_true (cd_store_save_staff (store, d, &error));
    f = cd_store_find_staff_by_plain_name (store, "Nguyễn Thị Hoa", &ambiguous);
    g_assert_nonnull (f);
    g_assert_cmpint (f->id, ==, d->id);
    cd_staff_free (f);
    g_assert_null (cd_store_find_staff_by_plain_name (store, "nguyen thi hoa", &ambiguous));
    g_assert_true (ambiguous);
  }
  g_clear_object (&store);
  cd_test_rm_rf (tmp);
}

static CdCertificate *
make_cert (const char *serial, gint64 not_before, gint64 not_after, const char *der)
{
  CdCertificate *c = cd_certificate_new ();

  c->serial = g_strdup (serial);
  c->subject_cn = g_strdup ("Nguyễn Văn An");
  c->not_before = not_before;
  c->not_after = not_after;
  c->der = g_bytes_new (der, strlen (der));
  c->source = CD_CERT_SOURCE_TOKEN;
  return c;
}

static void
test_certificates (void)
{
  g_autofree char *tmp = NULL;
  g_autoptr(CdStore) store = store_open_new (&tmp);
  g_autoptr(GError) error = NULL;
  g_autoptr(CdStaff) a = cd_test_staff_new ("Nguyễn Văn An", "1980-01-05", NULL, NULL);
  g_autoptr(CdCertificate) old = make_cert ("54:01:01:aa", 1000, 2000, "der-old");
  g_autoptr(CdCertificate) cur = make_cert ("540101BB", 3000, 4000000000, "der-new");
  g_autoptr(CdCertificate) again = make_cert ("540101bb", 3000, 4000000000, "der-new");
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(CdCertificate) got = NULL;
  const char *path = cd_store_get_path (store);

  g_assert_true (cd_store_save_staff (store, a, &error));
  old->staff_id = a->id;
  g_assert_true (cd_store_save_certificate (store, old, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (old->serial, ==, "540101AA");
  g_assert_cmpint (strlen (old->fingerprint), ==, 64);
  cur->subject_ou = g_strsplit ("Trường THCS Lê Lợi\nPhòng GD&ĐT", "\n", -1);
  g_assert_true (cd_store_save_certificate (store, cur, &error));
  g_assert_true (cd_store_link_certificate (store, cur->id, a->id, &error));
  g_assert_no_error (error);

  list = cd_store_list_certificates_for_staff (store, a->id, &error);
  g_assert_cmpuint (list->len, ==, 2);
  g_assert_cmpint (((CdCertificate *) list->pdata[0])->id, ==, cur->id);   /* newest first */
  g_clear_pointer (&list, g_ptr_array_unref);

  /* Re-reading the token (no link, not revoked) updates by fingerprint and
   * keeps the link. */
  g_assert_true (cd_store_revoke_certificate (store, old->id, "2020-01-01", "Hết hạn", &error));
  again->subject_ou = g_strsplit ("Trường THCS Lê Lợi\nPhòng GD&ĐT", "\n", -1);
  g_assert_true (cd_store_save_certificate (store, again, &error));
  g_assert_cmpint (again->id, ==, cur->id);
  g_assert_cmpint (again->staff_id, ==, a->id);
  got = cd_store_find_certificate_by_fingerprint (store, cur->fingerprint);
  g_assert_nonnull (got);
  g_assert_cmpstr (got->subject_ou[1], ==, "Phòng GD&ĐT");
  g_assert_cmpuint (g_bytes_get_size (got->der), ==, 7);
  g_clear_pointer (&got, cd_certificate_free);
  got = cd_store_get_certificate (store, old->id, &error);
  g_assert_true (got->revoked);
  g_assert_cmpstr (got->revoked_reason, ==, "Hết hạn");

  list = cd_store_list_certificates (store, &error);
  g_assert_cmpuint (list->len, ==, 2);
  g_assert_cmpint (store_query_int (path, "SELECT count(*) FROM certificates"), ==, 2);
  g_assert_cmpint (store_query_int (path, "SELECT count(*) FROM audit_log WHERE entity = 'certificate'"), >=, 5);

  /* unlinking; deleting the person keeps the certificate, unlinked */
  g_assert_true (cd_store_delete_staff (store, a->id, &error));
  g_clear_pointer (&got, cd_certificate_free);
  got = cd_store_get_certificate (store, cur->id, &error);
  g_assert_cmpint (got->staff_id, ==, 0);
  g_clear_object (&store);
  cd_test_rm_rf (tmp);
}

static void
test_list_rows_and_search (void)
{
  g_autofree char *tmp = NULL;
  g_autoptr(CdStore) store = store_open_new (&tmp);
  g_autoptr(GError) error = NULL;
  g_autoptr(CdStaff) a = cd_test_staff_new ("Lê Thị Bình", "1985-03-12", NULL, "binh@hp.edu.vn");
  g_autoptr(CdStaff) b = cd_test_staff_new ("Trần Văn An", "1980-01-05", "031080001234", NULL);
  g_autoptr(CdStaff) c = cd_test_staff_new ("Đặng Thuỷ", NULL, NULL, NULL);
  g_autoptr(CdCertificate) expiring = make_cert ("AA", 0, 1000 + 10 * 86400, "x1");
  g_autoptr(CdCertificate) revoked = make_cert ("BB", 0, 1000 + 900 * 86400, "x2");
  g_autoptr(CdCertificate) later = make_cert ("C2", 0, 1000 + 500 * 86400, "x3");
  g_autoptr(CdCertificate) sooner = make_cert ("C1", 0, 1000 + 100 * 86400, "x4");
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GArray) ids = NULL;
  CdStaffRow *r;

  g_assert_true (cd_store_save_staff (store, a, &error));
  g_assert_true (cd_store_save_staff (store, b, &error));
  g_assert_true (cd_store_save_staff (store, c, &error));
  expiring->staff_id = b->id;
  revoked->staff_id = b->id;
  revoked->revoked = TRUE;
  g_assert_true (cd_store_save_certificate (store, expiring, &error));
  g_assert_true (cd_store_save_certificate (store, revoked, &error));
  /* Two valid ones, the newer saved first: the later not_after wins. */
  later->staff_id = a->id;
  sooner->staff_id = a->id;
  g_assert_true (cd_store_save_certificate (store, later, &error));
  g_assert_true (cd_store_save_certificate (store, sooner, &error));

  rows = cd_store_list_staff_rows (store, 1000, 60, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 3);
  /* An, Bình, Thuỷ */
  r = rows->pdata[0];
  g_assert_cmpstr (r->full_name, ==, "Trần Văn An");
  /* the not-revoked certificate is the current one even if it ends sooner */
  g_assert_cmpint (r->cert_id, ==, expiring->id);
  g_assert_cmpstr (r->cert_serial, ==, "AA");
  g_assert_cmpint (r->status, ==, CD_CERT_STATUS_EXPIRING);
  g_assert_nonnull (strstr (r->search_key, "tran van an"));
  g_assert_nonnull (strstr (r->search_key, "031080001234"));
  g_assert_nonnull (strstr (r->search_key, "aa"));
  r = rows->pdata[1];
  g_assert_cmpstr (r->full_name, ==, "Lê Thị Bình");
  g_assert_cmpstr (r->birth_date, ==, "1985-03-12");
  g_assert_cmpstr (r->email, ==, "binh@hp.edu.vn");
  g_assert_null (r->cccd);
  g_assert_cmpint (r->cert_id, ==, later->id);
  g_assert_cmpstr (r->cert_serial, ==, "C2");
  g_assert_cmpint (r->cert_not_after, ==, 1000 + 500 * 86400);
  g_assert_cmpint (r->status, ==, CD_CERT_STATUS_VALID);
  g_assert_true (g_str_has_suffix (r->search_key, " c2"));
  r = rows->pdata[2];
  g_assert_cmpint (r->status, ==, CD_CERT_STATUS_NONE);
  g_assert_cmpint (r->cert_id, ==, 0);
  g_assert_null (r->cert_serial);
  g_assert_cmpstr (r->full_name, ==, "Đặng Thuỷ");

  ids = cd_store_search_staff (store, "dang thủy", &error);
  g_assert_cmpuint (ids->len, ==, 1);
  g_assert_cmpint (g_array_index (ids, gint64, 0), ==, c->id);
  g_clear_pointer (&ids, g_array_unref);
  ids = cd_store_search_staff (store, "BINH@", &error);
  g_assert_cmpuint (ids->len, ==, 1);
  g_clear_pointer (&ids, g_array_unref);
  ids = cd_store_search_staff (store, "bb", &error);   /* a certificate serial */
  g_assert_cmpuint (ids->len, ==, 1);
  g_assert_cmpint (g_array_index (ids, gint64, 0), ==, b->id);
  g_clear_pointer (&ids, g_array_unref);
  ids = cd_store_search_staff (store, "", &error);
  g_assert_cmpuint (ids->len, ==, 3);
  g_clear_object (&store);
  cd_test_rm_rf (tmp);
}

static void
test_devices_documents_unit (void)
{
  g_autofree char *tmp = NULL;
  g_autoptr(CdStore) store = store_open_new (&tmp);
  g_autoptr(GError) error = NULL;
  g_autoptr(CdDevice) d = cd_device_new ();
  g_autoptr(CdDevice) same = cd_device_new ();
  g_autoptr(CdDevice) bad = cd_device_new ();
  g_autoptr(CdDevice) got = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(CdUnit) u = cd_unit_new ();
  g_autoptr(CdUnit) u2 = NULL;
  g_autoptr(GString) log = g_string_new (NULL);
  gint64 doc_id = 0;

  g_signal_connect (store, "changed", G_CALLBACK (changed_cb), log);
  d->token_serial = g_strdup ("0012345678ABCDEF");
  d->label = g_strdup ("VGCA");
  d->model = g_strdup ("TokenME EVO v2");
  g_assert_true (cd_store_save_device (store, d, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (d->type, ==, "TOKEN");
  g_assert_cmpstr (d->status, ==, "in_stock");
  same->token_serial = g_strdup ("0012345678ABCDEF");
  same->label = g_strdup ("VGCA 2");
  same->type = g_strdup ("token");
  g_assert_true (cd_store_save_device (store, same, &error));
  g_assert_cmpint (same->id, ==, d->id);
  got = cd_store_find_device_by_serial (store, "0012345678ABCDEF");
  g_assert_cmpstr (got->label, ==, "VGCA 2");
  bad->token_serial = g_strdup ("X1");
  bad->type = g_strdup ("FLOPPY");
  g_assert_false (cd_store_save_device (store, bad, &error));
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID);
  g_clear_error (&error);
  list = cd_store_list_devices (store, &error);
  g_assert_cmpuint (list->len, ==, 1);

  g_assert_true (cd_store_record_document (store, "/tmp/x.docx", "request-01", "Mẫu 01",
                                           "ab12", &doc_id, &error));
  g_assert_cmpint (doc_id, >, 0);

  u->name = g_strdup ("TRƯỜNG THCS LÊ LỢI");
  u->place = g_strdup ("Hải Phòng");
  u->org_level[3] = g_strdup ("Trường THCS Lê Lợi");
  g_assert_true (cd_store_save_unit (store, u, &error));
  u2 = cd_store_get_unit (store);
  g_assert_cmpstr (u2->name, ==, "TRƯỜNG THCS LÊ LỢI");
  g_assert_cmpstr (u2->org_level[3], ==, "Trường THCS Lê Lợi");
  g_assert_cmpstr (log->str, ==, "device;device;document;unit;");
  g_clear_object (&store);
  cd_test_rm_rf (tmp);
}

/* A writer killed between linking a document's name and committing its
 * record (cd_store_document_commit): at the next open the name goes when
 * the record never committed, and stays when it did; the staged name
 * goes either way. cli-crash met the first case once under load (a file
 * without its record) before the name was linked rather than renamed. */
static void
test_documents_killed_writer (void)
{
  g_autofree char *tmp = NULL;
  g_autoptr(CdStore) store = store_open_new (&tmp);
  g_autoptr(GError) error = NULL;
  g_autofree char *lost = g_build_filename (tmp, "lost.docx", NULL);
  g_autofree char *kept = g_build_filename (tmp, "kept.docx", NULL);
  g_autofree char *lost_stage = NULL;
  g_autofree char *kept_stage = NULL;
  char *args[] = { (char *) "/bin/true", NULL };
  GPid child;
  int wait_status;

  /* a writer that was alive a moment ago and is dead now */
  g_assert_true (g_spawn_async (NULL, args, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL, &child, NULL));
  g_assert_cmpint (waitpid (child, &wait_status, 0), ==, child);
  lost_stage = g_strdup_printf ("%s/.lost.docx.cd-%d-Ab12Cd", tmp, (int) child);
  kept_stage = g_strdup_printf ("%s/.kept.docx.cd-%d-Ef34Gh", tmp, (int) child);
  g_assert_true (g_file_set_contents (lost_stage, "PK", -1, NULL));
  g_assert_true (g_file_set_contents (kept_stage, "PK", -1, NULL));
  g_assert_cmpint (link (lost_stage, lost), ==, 0);
  g_assert_cmpint (link (kept_stage, kept), ==, 0);
  g_assert_true (cd_store_record_document (store, kept, "cap-moi", NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  /* the folder is known from its recorded document */

  /* A plain sweep leaves linked stages to the store. */
  cd_atomic_sweep (tmp);
  g_assert_true (g_file_test (lost_stage, G_FILE_TEST_EXISTS));

  cd_store_sweep_document_folders (store);
  g_assert_false (g_file_test (lost, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (lost_stage, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (kept, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (kept_stage, G_FILE_TEST_EXISTS));
  g_clear_object (&store);
  cd_test_rm_rf (tmp);
}

int
main (int argc, char *argv[])
{
  cd_test_init (&argc, &argv);

  g_test_add_func ("/core/store/staff/crud", test_staff_crud);
  g_test_add_func ("/core/store/staff/invalid", test_staff_invalid);
  g_test_add_func ("/core/store/staff/find", test_staff_find);
  g_test_add_func ("/core/store/staff/list-rows-and-search", test_list_rows_and_search);
  g_test_add_func ("/core/store/certificates", test_certificates);
  g_test_add_func ("/core/store/devices-documents-unit", test_devices_documents_unit);
  g_test_add_func ("/core/store/documents/killed-writer", test_documents_killed_writer);
  return g_test_run ();
}
