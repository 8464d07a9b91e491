/* test-batch-async.c — what Hồ sơ shows, read on a worker: the batches,
 * the register's holidays (copied from the shipped list on the first
 * read) and the lists overdue by them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib.h>
#include <sqlite3.h>

#include "cd-batch.h"
#include "cd-batch-async.h"
#include "cd-device-tasks.h"
#include "cd-store.h"
#include "cd-test-fixture.h"
#include "cd-test-util.h"
#include "cd-wizard-draft.h"

typedef struct {
  char         *tmp;
  CdStore      *store;
  gint64        anh;
  GAsyncResult *result;
} Fixture;

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
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->result);
  g_clear_object (&f->store);
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

int
main (int argc, char **argv)
{
  cd_test_init (&argc, &argv);
#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("/core/wizard/batch-async/overview", test_overview);
  ADD ("/core/wizard/batch-async/empty", test_empty);
  ADD ("/core/wizard/batch-async/cancelled", test_cancelled);
#undef ADD
  return g_test_run ();
}
