/* test-store-worker.c — core's one async shape: work on a connection of
 * its own, cancellation, the changed signal on the caller's store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cd-store-worker.h"
#include "cd-test-fixture.h"
#include "cd-test-util.h"

typedef struct
{
  CdTestRegister *reg;
  CdStore *store;   /* reg's */
  GMainLoop *loop;
  GAsyncResult *result;
  GString *changed;
} Fixture;

static void
changed_cb (CdStore *store, const char *what, gpointer user_data)
{
  g_string_append_printf (user_data, "%s;", what);
}

static void
setup (Fixture *f, gconstpointer data)
{
  f->reg = cd_test_register_new (0, CD_TEST_REGISTER_STAFF);
  f->store = f->reg->store;
  f->loop = g_main_loop_new (NULL, FALSE);
  f->changed = g_string_new (NULL);
  g_signal_connect (f->store, "changed", G_CALLBACK (changed_cb), f->changed);
}

static void
teardown (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->result);
  g_clear_pointer (&f->reg, cd_test_register_free);
  g_main_loop_unref (f->loop);
  g_string_free (f->changed, TRUE);
}

static void
done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Fixture *f = user_data;

  f->result = g_object_ref (result);
  g_main_loop_quit (f->loop);
}

typedef struct
{
  CdStore *caller;
  GThread *caller_thread;
} Seen;

/* Saves a person through the worker's connection and says which
 * connection and thread it ran on. */
static gpointer
save_work (CdStore *worker_store, gpointer data, GCancellable *cancellable, GError **error)
{
  Seen *seen = data;
  g_autoptr(CdStaff) s = cd_staff_new ();

  g_assert_true (worker_store != seen->caller);
  g_assert_true (g_thread_self () != seen->caller_thread);
  g_assert_cmpstr (cd_store_get_path (worker_store), ==, cd_store_get_path (seen->caller));
  s->full_name = g_strdup ("Lê Thị Bình");
  s->birth_date = g_strdup ("1985-03-12");
  if (!cd_store_save_staff (worker_store, s, error))
    return NULL;
  return g_strdup ("saved");
}

static void
test_own_connection (Fixture *f, gconstpointer data)
{
  Seen seen = { f->store, g_thread_self () };
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;

  cd_store_run_async (f->store, save_work, &seen, NULL, g_free, "staff",
                      test_own_connection, NULL, done_cb, f);
  g_main_loop_run (f->loop);
  /* Nothing told the caller's store before the result is taken. */
  g_assert_cmpstr (f->changed->str, ==, "");
  out = cd_store_run_finish (f->store, f->result, test_own_connection, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (out, ==, "saved");
  g_assert_cmpstr (f->changed->str, ==, "staff;");
  /* The caller's connection sees what the worker wrote. */
  g_assert_cmpint (cd_store_count_staff (f->store), ==, 1);
}

static gpointer
fail_work (CdStore *worker_store, gpointer data, GCancellable *cancellable, GError **error)
{
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "bad data");
  return NULL;
}

static void
test_error (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  cd_store_run_async (f->store, fail_work, NULL, NULL, NULL, "staff",
                      test_error, NULL, done_cb, f);
  g_main_loop_run (f->loop);
  g_assert_null (cd_store_run_finish (f->store, f->result, test_error, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  /* A failed run wrote nothing to tell. */
  g_assert_cmpstr (f->changed->str, ==, "");
}

static gpointer
never_work (CdStore *worker_store, gpointer data, GCancellable *cancellable, GError **error)
{
  g_assert_not_reached ();
  return NULL;
}

static void
test_cancelled (Fixture *f, gconstpointer data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *mine = g_strdup ("freed with the run");

  g_cancellable_cancel (cancellable);
  cd_store_run_async (f->store, never_work, g_steal_pointer (&mine), g_free, NULL,
                      "staff", test_cancelled, cancellable, done_cb, f);
  g_main_loop_run (f->loop);
  g_assert_null (cd_store_run_finish (f->store, f->result, test_cancelled, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpstr (f->changed->str, ==, "");
}

int
main (int argc, char *argv[])
{
  cd_test_init (&argc, &argv);

  g_test_add ("/core/store/worker/own-connection", Fixture, NULL, setup, test_own_connection, teardown);
  g_test_add ("/core/store/worker/error", Fixture, NULL, setup, test_error, teardown);
  g_test_add ("/core/store/worker/cancelled", Fixture, NULL, setup, test_cancelled, teardown);

  return g_test_run ();
}
