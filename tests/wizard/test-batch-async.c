/* test-batch-async.c — what Hồ sơ shows, read on a worker: the batches,
 * the register's holidays (copied from the shipped list on the first
 * read) and the lists overdue by them; and what its buttons write there:
 * Hoàn thành (a revocation list's certificates revoked, their devices'
 * recovery tasks opened), Đã gửi (the day and channel), and the draft
 * Tiếp tục / Mở lại reads
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib.h>
#include <sqlite3.h>

#include "cd-batch.h"
#include "cd-batch-async.h"
#include "cd-device-link.h"
#include "cd-device-tasks.h"
#include "cd-workdays.h"
#include "cd-store.h"
#include "cd-test-fixture.h"
#include "cd-test-util.h"
#include "cd-wizard-draft.h"
#include "cd-wizard-kind.h"

typedef struct {
  char         *tmp;
  CdStore      *store;
  gint64        anh;
  GAsyncResult *result;
  GPtrArray    *changed;   /* "changed" details emitted on @store, in order */
} Fixture;

static void
changed_cb (CdStore    *store,
            const char *what,
            Fixture    *f)
{
  g_ptr_array_add (f->changed, g_strdup (what));
}

static guint
n_changed (Fixture    *f,
           const char *what)
{
  guint n = 0;

  for (guint i = 0; i < f->changed->len; i++)
    n += g_str_equal (g_ptr_array_index (f->changed, i), what);
  return n;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->tmp = cd_test_tmpdir ();
  path = g_build_filename (f->tmp, "certdesk.db", NULL);
  f->store = cd_store_open (path, &error);
  g_assert_no_error (error);
  f->anh = cd_test_add_staff (f->store, "Nguyễn Văn Anh", NULL, NULL, NULL);
  f->changed = g_ptr_array_new_with_free_func (g_free);
  g_signal_connect (f->store, "changed", G_CALLBACK (changed_cb), f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->result);
  g_clear_object (&f->store);
  g_clear_pointer (&f->changed, g_ptr_array_unref);
  cd_test_rm_rf (f->tmp);
  g_free (f->tmp);
}

static gint64
save_batch (Fixture    *f,
            const char *number,
            const char *deadline)
{
  g_autoptr(CdWizardDraft) draft = cd_wizard_draft_new ("gia-han");
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (draft->items, cd_wizard_item_new (f->anh));
  draft->doc_number = g_strdup (number);
  draft->deadline = g_strdup (deadline);
  g_assert_true (cd_batch_save (draft, f->store, &error));
  g_assert_no_error (error);
  return draft->batch_id;
}

static void
done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Fixture *f = user_data;

  f->result = g_object_ref (result);
}

static CdBatchesOverview *
overview (Fixture       *f,
          gint64         now,
          GCancellable  *cancellable,
          GError       **error)
{
  g_clear_object (&f->result);
  cd_batches_overview_async (f->store, now, cancellable, done_cb, f);
  while (f->result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return cd_batches_overview_finish (f->store, f->result, error);
}

static gint64
holidays_in_register (Fixture *f)
{
  sqlite3_stmt *st = NULL;
  gint64 n = -1;

  g_assert_cmpint (sqlite3_prepare_v2 (cd_store_get_db (f->store), "SELECT count(*) FROM holidays",
                                       -1, &st, NULL), ==, SQLITE_OK);
  if (sqlite3_step (st) == SQLITE_ROW)
    n = sqlite3_column_int64 (st, 0);
  sqlite3_finalize (st);
  return n;
}

/* Wednesday 06/05/2026 at noon, local time. */
static gint64
wednesday (void)
{
  g_autoptr(GDateTime) t = g_date_time_new_local (2026, 5, 6, 12, 0, 0);

  return g_date_time_to_unix (t);
}

/* Three lists: due Monday 04/05, due Tuesday 05/05 — a day off in this
 * register only, so it ends on the Wednesday —, and one past due but
 * sent. On Wednesday only the first is overdue, by the register's
 * holidays, which come with the batches. */
static void
test_overview (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdBatchesOverview) o = NULL;
  gint64 monday = save_batch (f, "1/THCS-VT", "2026-05-04");
  gint64 tuesday = save_batch (f, "2/THCS-VT", "2026-05-05");
  gint64 sent = save_batch (f, "3/THCS-VT", "2026-04-01");
  const CdBatchInfo *b;

  g_assert_true (cd_batch_mark_sent (f->store, sent, "2026-03-30", CD_BATCH_CHANNEL_NONE, &error));
  g_assert_no_error (error);
  g_assert_true (cd_devices_set_holiday (f->store, "2026-05-05", "Ngày nghỉ của trường", &error));
  g_assert_no_error (error);

  o = overview (f, wednesday (), NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (o);
  g_assert_cmpstr (o->today, ==, "2026-05-06");
  g_assert_cmpuint (o->batches->len, ==, 3);
  /* newest first, as cd_batch_list() gives them */
  b = g_ptr_array_index (o->batches, 0);
  g_assert_cmpint (b->id, ==, sent);
  g_assert_cmpint (b->status, ==, CD_BATCH_SENT);
  b = g_ptr_array_index (o->batches, 1);
  g_assert_cmpint (b->id, ==, tuesday);
  g_assert_cmpstr (b->doc_number, ==, "2/THCS-VT");
  b = g_ptr_array_index (o->batches, 2);
  g_assert_cmpint (b->id, ==, monday);
  g_assert_cmpstr (b->deadline, ==, "2026-05-04");
  g_assert_nonnull (o->holidays);
  g_assert_cmpstr (cd_holidays_lookup (o->holidays, "2026-05-05"), ==, "Ngày nghỉ của trường");
  /* and the shipped dates the register was given with it */
  g_assert_nonnull (cd_holidays_lookup (o->holidays, "2026-05-01"));
  g_assert_cmpuint (o->n_overdue, ==, 1);
  g_assert_cmpint (cd_batch_info_deadline_state (g_ptr_array_index (o->batches, 1), o->today,
                                                 o->holidays, NULL), ==, CD_DEADLINE_DUE_SOON);

  /* a day later both are */
  g_clear_pointer (&o, cd_batches_overview_free);
  o = overview (f, wednesday () + 24 * 3600, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (o->today, ==, "2026-05-07");
  g_assert_cmpuint (o->n_overdue, ==, 2);
}

/* A register without lists: none, and its first read of the holidays
 * copies the shipped list into it, on the worker's connection. */
static void
test_empty (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdBatchesOverview) o = NULL;

  g_assert_cmpint (holidays_in_register (f), ==, 0);
  o = overview (f, wednesday (), NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (o->batches->len, ==, 0);
  g_assert_cmpuint (o->n_overdue, ==, 0);
  g_assert_cmpstr (cd_holidays_lookup (o->holidays, "2026-04-30"), ==,
                   "Ngày Giải phóng miền Nam, thống nhất đất nước");
  g_assert_cmpint (holidays_in_register (f), >, 0);
}

/* Cancelled before it ran: said so, nothing returned. */
static void
test_cancelled (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(CdBatchesOverview) o = NULL;

  save_batch (f, "1/THCS-VT", "2026-05-04");
  g_cancellable_cancel (cancellable);
  o = overview (f, wednesday (), cancellable, &error);
  g_assert_null (o);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/* Runs the main loop until the call's callback; nothing is emitted on
 * @store before its _finish. */
static void
wait_result (Fixture *f)
{
  while (f->result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (f->changed->len, ==, 0);
}

/* A person with a certificate in force on a token of theirs. */
static void
add_holder (Fixture    *f,
            const char *name,
            guint       n,
            gint64     *staff,
            gint64     *cert,
            gint64     *device)
{
  g_autoptr(CdCertificate) c = cd_certificate_new ();
  g_autoptr(CdDevice) d = cd_device_new ();
  g_autoptr(GError) error = NULL;

  *staff = cd_test_add_staff (f->store, name, NULL, NULL, NULL);
  c->staff_id = *staff;
  c->serial = g_strdup_printf ("5403A1B2C3D4E5F6%04u", n);
  c->fingerprint = g_strdup_printf ("%064u", n);
  c->subject_cn = g_strdup (name);
  c->provider = g_strdup ("Ban Cơ yếu Chính phủ");
  c->not_before = wednesday () - 365 * 24 * 3600;
  c->not_after = wednesday () + 700 * 24 * 3600;
  g_assert_true (cd_store_save_certificate (f->store, c, &error));
  g_assert_no_error (error);
  d->token_serial = g_strdup_printf ("B4ID%06u", n);
  d->type = g_strdup ("TOKEN");
  d->holder_id = *staff;
  d->status = g_strdup ("with_holder");
  g_assert_true (cd_store_save_device (f->store, d, &error));
  g_assert_no_error (error);
  g_assert_true (cd_devices_link_certificate (f->store, d->id, c->id, &error));
  g_assert_no_error (error);
  *cert = c->id;
  *device = d->id;
}

/* A revocation list of the people @staff (0-ended) with their
 * certificates, "retired". */
static gint64
save_revocation (Fixture      *f,
                 const char   *number,
                 const gint64 *staff,
                 const gint64 *certs)
{
  g_autoptr(CdWizardDraft) draft = cd_wizard_draft_new (CD_WIZARD_KIND_REVOCATION);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; staff[i] != 0; i++)
    {
      CdWizardItem *item = cd_wizard_item_new (staff[i]);

      item->certificate_id = certs[i];
      cd_wizard_item_set_revoke_reason (item, CD_REVOKE_RETIRED, NULL);
      g_ptr_array_add (draft->items, item);
    }
  draft->doc_number = g_strdup (number);
  g_assert_true (cd_batch_save (draft, f->store, &error));
  g_assert_no_error (error);
  return draft->batch_id;
}

static char *
task_due (Fixture *f,
          gint64   device)
{
  sqlite3_stmt *st = NULL;
  char *due = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (cd_store_get_db (f->store),
                                       "SELECT due_date FROM tasks WHERE device_id = ? AND done_date IS NULL",
                                       -1, &st, NULL), ==, SQLITE_OK);
  sqlite3_bind_int64 (st, 1, device);
  if (sqlite3_step (st) == SQLITE_ROW)
    due = g_strdup ((const char *) sqlite3_column_text (st, 0));
  sqlite3_finalize (st);
  return due;
}

/* Hoàn thành on a revocation list, on a worker: what the synchronous call
 * does to a twin list — each certificate revoked with the listed reason,
 * a recovery task for each device due by the caller's holidays (a day
 * off of this school's only, the holidays handed in, not the register's)
 * — and, once finished, the main store told of the batch, the
 * certificates and the tasks, each once. */
static void
test_done_revocation (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdHolidays) holidays = cd_holidays_new ();
  g_autoptr(CdBatchInfo) info = NULL;
  gint64 staff[3] = { 0 }, certs[3] = { 0 }, devices[3] = { 0 };
  gint64 twin_staff[2] = { 0 }, twin_cert[2] = { 0 }, twin_device = 0;
  gint64 batch, twin;
  g_autofree char *expected = NULL;

  /* Monday 27/04/2026: the Tuesday off here, 30/4 and 1/5 nationally */
  g_assert_true (cd_holidays_add (holidays, "2026-04-28", "Ngày nghỉ của trường"));
  g_assert_true (cd_holidays_add (holidays, "2026-04-30", "Ngày Giải phóng miền Nam"));
  g_assert_true (cd_holidays_add (holidays, "2026-05-01", "Ngày Quốc tế Lao động"));
  expected = cd_workdays_add (holidays, "2026-04-27", CD_RECOVERY_WORKING_DAYS);
  add_holder (f, "Trần Thị Bình", 1, &staff[0], &certs[0], &devices[0]);
  add_holder (f, "Lê Văn Cường", 2, &staff[1], &certs[1], &devices[1]);
  add_holder (f, "Phạm Thị Dung", 3, &twin_staff[0], &twin_cert[0], &twin_device);
  batch = save_revocation (f, "5/THCS-VT", staff, certs);
  twin = save_revocation (f, "6/THCS-VT", twin_staff, twin_cert);
  g_assert_true (cd_batch_set_status (f->store, twin, CD_BATCH_DONE, "2026-04-27", holidays, &error));
  g_assert_no_error (error);
  g_ptr_array_set_size (f->changed, 0);

  cd_batch_set_status_async (f->store, batch, CD_BATCH_DONE, "2026-04-27", holidays, NULL, done_cb, f);
  /* the caller's holidays may go while the worker counts with them */
  g_clear_pointer (&holidays, cd_holidays_free);
  wait_result (f);
  g_assert_true (cd_batch_set_status_finish (f->store, f->result, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(CdCertificate) c = cd_store_get_certificate (f->store, certs[i], &error);
      g_autoptr(CdCertificate) t = cd_store_get_certificate (f->store, twin_cert[0], &error);
      g_autofree char *due = task_due (f, devices[i]);
      g_autofree char *twin_due = task_due (f, twin_device);

      g_assert_no_error (error);
      g_assert_true (c->revoked);
      g_assert_cmpstr (c->revoked_date, ==, "2026-04-27");
      g_assert_cmpstr (c->revoked_reason, ==, t->revoked_reason);
      g_assert_nonnull (c->revoked_reason);
      g_assert_cmpstr (due, ==, expected);
      g_assert_cmpstr (due, ==, twin_due);
    }
  /* 29/4, 4/5 … 7/5: the 28th off too (by the register's holidays
   * alone it would be the 6th) */
  g_assert_cmpstr (expected, ==, "2026-05-07");
  info = cd_batch_get (f->store, batch, &error);
  g_assert_no_error (error);
  g_assert_cmpint (info->status, ==, CD_BATCH_DONE);
  g_assert_cmpstr (info->done_date, ==, "2026-04-27");

  /* the staff list follows "certificate", Thiết bị "task", Hồ sơ "batch" */
  g_assert_cmpuint (n_changed (f, "batch"), ==, 1);
  g_assert_cmpuint (n_changed (f, "certificate"), ==, 1);
  g_assert_cmpuint (n_changed (f, "task"), ==, 1);
  g_assert_cmpuint (f->changed->len, ==, 3);

  /* done already: refused, nobody told */
  g_clear_object (&f->result);
  g_ptr_array_set_size (f->changed, 0);
  cd_batch_set_status_async (f->store, batch, CD_BATCH_DONE, NULL, NULL, NULL, done_cb, f);
  wait_result (f);
  g_assert_false (cd_batch_set_status_finish (f->store, f->result, &error));
  g_assert_error (error, CD_WIZARD_ERROR, CD_WIZARD_ERROR_STATUS);
  g_assert_cmpuint (f->changed->len, ==, 0);
}

/* Đã gửi on a worker: the day and the channel it went by recorded, the
 * main store told of the batch only; a list that is gone is said so. */
static void
test_mark_sent (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdBatchInfo) info = NULL;
  gint64 batch = save_batch (f, "7/THCS-VT", "2026-05-04");

  g_ptr_array_set_size (f->changed, 0);
  cd_batch_mark_sent_async (f->store, batch, "2026-04-29", CD_BATCH_CHANNEL_DICHVUCONG, NULL, done_cb, f);
  wait_result (f);
  g_assert_true (cd_batch_mark_sent_finish (f->store, f->result, &error));
  g_assert_no_error (error);
  info = cd_batch_get (f->store, batch, &error);
  g_assert_no_error (error);
  g_assert_cmpint (info->status, ==, CD_BATCH_SENT);
  g_assert_cmpstr (info->sent_on, ==, "2026-04-29");
  g_assert_cmpint (info->sent_channel, ==, CD_BATCH_CHANNEL_DICHVUCONG);
  g_assert_cmpuint (n_changed (f, "batch"), ==, 1);
  g_assert_cmpuint (f->changed->len, ==, 1);

  g_clear_object (&f->result);
  g_ptr_array_set_size (f->changed, 0);
  cd_batch_mark_sent_async (f->store, batch + 100, "2026-04-29", CD_BATCH_CHANNEL_NONE, NULL, done_cb, f);
  wait_result (f);
  g_assert_false (cd_batch_mark_sent_finish (f->store, f->result, &error));
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_NOT_FOUND);
  g_assert_cmpuint (f->changed->len, ==, 0);
}

/* Tiếp tục / Mở lại: the draft read on a worker, as cd_batch_load() reads it. */
static void
test_load (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdWizardDraft) draft = NULL;
  gint64 batch = save_batch (f, "8/THCS-VT", "2026-05-04");

  g_ptr_array_set_size (f->changed, 0);
  cd_batch_load_async (f->store, batch, NULL, done_cb, f);
  wait_result (f);
  draft = cd_batch_load_finish (f->store, f->result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (draft);
  g_assert_cmpint (draft->batch_id, ==, batch);
  g_assert_cmpstr (draft->kind, ==, "gia-han");
  g_assert_cmpstr (draft->doc_number, ==, "8/THCS-VT");
  g_assert_cmpuint (draft->items->len, ==, 1);
  g_assert_cmpint (((CdWizardItem *) g_ptr_array_index (draft->items, 0))->staff_id, ==, f->anh);
  g_assert_cmpuint (f->changed->len, ==, 0);
}

int
main (int argc, char **argv)
{
  cd_test_init (&argc, &argv);
#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("/core/wizard/batch-async/overview", test_overview);
  ADD ("/core/wizard/batch-async/empty", test_empty);
  ADD ("/core/wizard/batch-async/cancelled", test_cancelled);
  ADD ("/core/wizard/batch-async/done-revocation", test_done_revocation);
  ADD ("/core/wizard/batch-async/mark-sent", test_mark_sent);
  ADD ("/core/wizard/batch-async/load", test_load);
#undef ADD
  return g_test_run ();
}
