/* test-devices-async.c — the device area's workers: the overview, saving
 * minutes and the handover notice, each on a connection of its own
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <sqlite3.h>

#include "cd-devices-async.h"
#include "cd-test-fixture.h"
#include "cd-test-util.h"

typedef struct {
  CdTestRegister  *reg;
  const char      *tmp;     /* the register's folder */
  CdStore         *store;   /* the register's */
  gint64           an;
  gint64           device;
  CdHandoverEvent *handed;
  GAsyncResult    *result;
} Fixture;

static void
setup (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdStaff) s = cd_test_staff_new ("Nguyễn Văn An", NULL, NULL, NULL);
  g_autoptr(CdDevice) d = cd_device_new ();

  f->reg = cd_test_register_new (0, CD_TEST_REGISTER_STAFF);
  f->tmp = f->reg->dir;
  f->store = f->reg->store;
  s->position = g_strdup ("Giáo viên");
  f->an = cd_test_save_staff (f->store, s);
  d->token_serial = g_strdup ("B4ID2026000001");
  d->type = g_strdup ("TOKEN");
  d->status = g_strdup ("in_stock");
  g_assert_true (cd_store_save_device (f->store, d, &error));
  g_assert_no_error (error);
  f->device = d->id;

  f->handed = cd_handover_event_new (CD_HANDOVER_HAND_TO_HOLDER, "2026-03-02");
  f->handed->device_id = f->device;
  f->handed->place = g_strdup ("Trường THCS Lê Lợi");
  g_ptr_array_add (f->handed->people, cd_event_person_new ("giver", "Trần Thị Văn Thư", "Văn thư", NULL));
  g_ptr_array_add (f->handed->people, cd_event_person_new ("receiver", "Nguyễn Văn An", "Giáo viên", NULL));
  g_assert_true (cd_devices_apply (f->store, f->handed, f->an, &error));
  g_assert_no_error (error);
}

static void
teardown (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->result);
  g_clear_pointer (&f->handed, cd_handover_event_free);
  g_clear_pointer (&f->reg, cd_test_register_free);
}

static void
done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Fixture *f = user_data;

  f->result = g_object_ref (result);
}

static void
wait_for (Fixture *f)
{
  g_clear_object (&f->result);
  while (f->result == NULL)
    g_main_context_iteration (NULL, TRUE);
}

static gint64
documents (Fixture *f, const char *kind)
{
  sqlite3_stmt *st = NULL;
  gint64 n = -1;

  g_assert_cmpint (sqlite3_prepare_v2 (cd_store_get_db (f->store),
                                       "SELECT count(*) FROM documents WHERE kind = ?", -1, &st, NULL),
                   ==, SQLITE_OK);
  sqlite3_bind_text (st, 1, kind, -1, SQLITE_STATIC);
  if (sqlite3_step (st) == SQLITE_ROW)
    n = sqlite3_column_int64 (st, 0);
  sqlite3_finalize (st);
  return n;
}

static void
test_overview (Fixture *f, gconstpointer data)
{
  g_autoptr(CdDeviceOverview) o = NULL;
  g_autoptr(GError) error = NULL;
  const CdDeviceEntry *e;

  cd_devices_overview_async (f->store, g_get_real_time () / G_USEC_PER_SEC, NULL, done_cb, f);
  wait_for (f);
  o = cd_devices_overview_finish (f->store, f->result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (o->devices->len, ==, 1);
  e = g_ptr_array_index (o->devices, 0);
  g_assert_cmpstr (e->device->token_serial, ==, "B4ID2026000001");
  g_assert_cmpstr (e->holder_name, ==, "Nguyễn Văn An");
}

static void
test_minutes (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdMinutes) m = cd_minutes_new (f->store, f->handed, NULL, 0, &error);
  g_autofree char *pdf = g_build_filename (f->tmp, "bien-ban.pdf", NULL);
  g_autofree char *docx = g_build_filename (f->tmp, "bien-ban.docx", NULL);
  g_autofree char *bad = g_build_filename (f->tmp, "no-such-folder", "bien-ban.pdf", NULL);

  g_assert_no_error (error);
  cd_minutes_save_async (f->store, m, FALSE, NULL, pdf, NULL, done_cb, f);
  wait_for (f);
  g_assert_true (cd_minutes_save_finish (f->store, f->result, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (pdf, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpint (documents (f, "minutes-pdf"), ==, 1);

  if (cd_minutes_template_id (m->kind) != NULL)
    {
      cd_minutes_save_async (f->store, m, TRUE, NULL, docx, NULL, done_cb, f);
      wait_for (f);
      g_assert_true (cd_minutes_save_finish (f->store, f->result, &error));
      g_assert_no_error (error);
      g_assert_true (g_file_test (docx, G_FILE_TEST_IS_REGULAR));
      g_assert_cmpint (documents (f, "minutes-docx"), ==, 1);
    }

  /* A file that cannot be written: an error, nothing recorded. */
  cd_minutes_save_async (f->store, m, FALSE, NULL, bad, NULL, done_cb, f);
  wait_for (f);
  g_assert_false (cd_minutes_save_finish (f->store, f->result, &error));
  g_assert_nonnull (error);
  g_assert_cmpint (documents (f, "minutes-pdf"), ==, 1);
}

static void
test_notice (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdHandoverNotice) notice = cd_handover_notice_new (f->store, "2026-03-01", "2026-03-31",
                                                               "2026-04-01", &error);
  g_autofree char *pdf = g_build_filename (f->tmp, "thong-bao.pdf", NULL);

  g_assert_no_error (error);
  g_assert_cmpuint (cd_handover_notice_count (notice), ==, 1);
  cd_handover_notice_export_async (f->store, notice, pdf, NULL, done_cb, f);
  wait_for (f);
  g_assert_true (cd_handover_notice_export_finish (f->store, f->result, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (pdf, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpint (documents (f, "thong-bao-ban-giao"), ==, 1);
}

/* The notice prints the certificate the device carried when it was
 * handed over, even once the device is linked to another (schema 8). */
static void
test_notice_certificate_then (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdCertificate) c = cd_certificate_new ();
  g_autoptr(CdDevice) d = cd_device_new ();
  g_autoptr(CdHandoverEvent) ev = cd_handover_event_new (CD_HANDOVER_HAND_TO_HOLDER, "2026-03-05");
  g_autoptr(CdHandoverNotice) notice = NULL;
  const char *const *row;

  d->token_serial = g_strdup ("B4ID2026000002");
  d->type = g_strdup ("TOKEN");
  d->status = g_strdup ("in_stock");
  g_assert_true (cd_store_save_device (f->store, d, &error));
  g_assert_no_error (error);
  /* read from the token in stock, as the token register saves it */
  c->staff_id = f->an;
  c->device_id = d->id;
  c->serial = g_strdup ("5403A1B2C3D4E5F60799");
  c->subject_cn = g_strdup ("Nguyễn Văn An");
  c->provider = g_strdup ("Ban Cơ yếu Chính phủ");
  c->not_before = 1767225600 - 86400;
  c->not_after = 1767225600 + 3 * 365 * 86400LL;
  c->fingerprint = g_strdup_printf ("%064d", 99);
  g_assert_true (cd_store_save_certificate (f->store, c, &error));
  g_assert_no_error (error);

  ev->device_id = d->id;
  g_ptr_array_add (ev->people, cd_event_person_new ("giver", "Trần Thị Văn Thư", "Văn thư", NULL));
  g_ptr_array_add (ev->people, cd_event_person_new ("receiver", "Nguyễn Văn An", "Giáo viên", NULL));
  g_assert_true (cd_devices_apply (f->store, ev, f->an, &error));
  g_assert_no_error (error);
  /* Later the clerk says the device is blank (a new key, say). */
  g_assert_true (cd_devices_link_certificate (f->store, d->id, 0, &error));
  g_assert_no_error (error);

  notice = cd_handover_notice_new (f->store, "2026-03-01", "2026-03-31", "2026-04-01", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cd_handover_notice_count (notice), ==, 2);
  /* the setup's device, handed on 02/03 with no certificate linked:
   * not known then, nothing linked now */
  row = cd_handover_notice_get_row (notice, 0);
  g_assert_cmpstr (row[2], ==, "B4ID2026000001");
  g_assert_cmpstr (row[3], ==, "");
  row = cd_handover_notice_get_row (notice, 1);
  g_assert_cmpstr (row[2], ==, "B4ID2026000002");
  g_assert_cmpstr (row[3], ==, "5403A1B2C3D4E5F60799");
}

int
main (int argc, char **argv)
{
  cd_test_init (&argc, &argv);
  g_test_add ("/core/devices/async/overview", Fixture, NULL, setup, test_overview, teardown);
  g_test_add ("/core/devices/async/minutes", Fixture, NULL, setup, test_minutes, teardown);
  g_test_add ("/core/devices/async/notice", Fixture, NULL, setup, test_notice, teardown);
  g_test_add ("/core/devices/async/notice-certificate-then", Fixture, NULL, setup,
              test_notice_certificate_then, teardown);
  return g_test_run ();
}
