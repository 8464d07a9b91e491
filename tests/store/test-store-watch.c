/* test-store-watch.c — the register follows commits of other connections
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib.h>
#include <sqlite3.h>

#include "cd-store.h"
#include "cd-store-worker.h"
#include "cd-test-fixture.h"
#include "cd-test-util.h"

typedef struct {
  guint external;
  guint staff;
  gboolean done;
} Counts;

static void
changed_cb (CdStore    *store,
            const char *what,
            Counts     *counts)
{
  if (g_strcmp0 (what, "external") == 0)
    counts->external++;
  else if (g_strcmp0 (what, "staff") == 0)
    counts->staff++;
}

static gboolean
flag_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main context until @counter reaches @want; fails after 30 s
 * (a correct store answers within one watch interval). */
static void
wait_for (guint *counter,
          guint  want)
{
  gboolean late = FALSE;
  guint id = g_timeout_add_seconds (30, flag_cb, &late);

  while (*counter < want && !late)
    g_main_context_iteration (NULL, TRUE);
  if (!late)
    g_source_remove (id);
  g_assert_cmpuint (*counter, >=, want);
}

/* Lets @ms pass on the main context: only to show that nothing comes
 * (a watch that announced too much would have within this time). */
static void
let_pass (guint ms)
{
  gboolean over = FALSE;

  g_timeout_add (ms, flag_cb, &over);
  while (!over)
    g_main_context_iteration (NULL, TRUE);
}

/* A worker of the window writes; then, before the window hears that it
 * is done, another program writes too (@data: the register's path). */
static gpointer
write_on_worker (CdStore       *worker,
                 gpointer       data,
                 GCancellable  *cancellable,
                 GError       **error)
{
  g_autoptr(CdStaff) s = cd_test_staff_new ("Phạm Văn Công", NULL, NULL, NULL);
  g_autoptr(CdStore) other = NULL;

  if (!cd_store_save_staff (worker, s, error))
    return NULL;
  other = cd_store_open (data, error);
  if (other == NULL)
    return NULL;
  cd_test_add_staff (other, "Đỗ Thị Mai", NULL, NULL, NULL);
  return GINT_TO_POINTER (1);
}

static void
worker_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  Counts *counts = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (cd_store_run_finish (CD_STORE (source), result, write_on_worker, &error));
  g_assert_no_error (error);
  counts->done = TRUE;
}

static void
test_watch_external (void)
{
  g_autofree char *tmp = cd_test_tmpdir ();
  g_autofree char *path = g_build_filename (tmp, "certdesk.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CdStore) window = cd_store_open (path, &error);
  g_autoptr(CdStore) terminal = NULL;
  Counts counts = { 0 };

  g_assert_no_error (error);
  terminal = cd_store_open (path, &error);
  g_assert_no_error (error);
  g_signal_connect (window, "changed", G_CALLBACK (changed_cb), &counts);
  cd_store_watch (window, 20);

  /* Another process adds a person: the open window hears of it. */
  cd_test_add_staff (terminal, "Nguyễn Văn An", NULL, NULL, NULL);
  wait_for (&counts.external, 1);
  g_assert_cmpuint (counts.external, ==, 1);

  /* A worker of the window's own says what it changed by name; an
   * outside write just after it, before the window heard the worker was
   * done, is still announced. */
  cd_store_run_async (window, write_on_worker, path, NULL, NULL, "staff", write_on_worker,
                      NULL, worker_done, &counts);
  while (!counts.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (counts.staff, ==, 1);
  wait_for (&counts.external, 2);
  /* (the two commits may come as one change or two) */
  let_pass (200);
  counts.external = 0;

  /* The window's own writes on its own connection are not outside ones. */
  cd_test_add_staff (window, "Lê Thị Bình", NULL, NULL, NULL);
  let_pass (200);
  g_assert_cmpuint (counts.external, ==, 0);

  /* Stopped: nothing more. */
  cd_store_watch (window, 0);
  cd_test_add_staff (terminal, "Trần Văn Dũng", NULL, NULL, NULL);
  let_pass (200);
  g_assert_cmpuint (counts.external, ==, 0);

  g_clear_object (&terminal);
  g_clear_object (&window);
  cd_test_rm_rf (tmp);
}

static const char *self_exe;

/* Another program (this test run again, not a fork: a fork would share
 * SQLite's record of this process's locks) writes a holiday and closes
 * the register. */
static void
write_in_other_process (const char *path,
                        const char *date)
{
  const char *argv[] = { self_exe, "--write-holiday", path, date, NULL };
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               NULL, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
}

static int
write_holiday (const char *path,
               const char *date)
{
  sqlite3 *db = NULL;
  g_autofree char *sql = g_strdup_printf ("INSERT INTO holidays VALUES ('%s', 'x')", date);
  int rc = sqlite3_open (path, &db);

  if (rc == SQLITE_OK)
    {
      sqlite3_busy_timeout (db, 10000);
      rc = sqlite3_exec (db, sql, NULL, NULL, NULL);
    }
  sqlite3_close (db);
  return rc == SQLITE_OK ? 0 : 1;
}

/* A worker's connection opened and closed beside the window's must not
 * drop the window's file locks: another program closing the register
 * then took itself for the last one, removed the WAL, and the window
 * never saw another outside write (found by the live-view GUI test). */
static void
test_watch_after_secondary (void)
{
  g_autofree char *tmp = cd_test_tmpdir ();
  g_autofree char *path = g_build_filename (tmp, "certdesk.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CdStore) window = cd_store_open (path, &error);
  Counts counts = { 0 };

  g_assert_no_error (error);
  g_signal_connect (window, "changed", G_CALLBACK (changed_cb), &counts);
  cd_store_watch (window, 20);
  for (guint i = 1; i <= 3; i++)
    {
      g_autoptr(CdStore) worker = cd_store_open_secondary (window, &error);
      g_autofree char *date = g_strdup_printf ("203%u-01-01", i);

      g_assert_no_error (error);
      write_in_other_process (path, date);
      wait_for (&counts.external, i);
      g_clear_object (&worker);
    }
  g_clear_object (&window);
  cd_test_rm_rf (tmp);
}

int
main (int argc, char **argv)
{
  if (argc == 4 && g_strcmp0 (argv[1], "--write-holiday") == 0)
    return write_holiday (argv[2], argv[3]);
  self_exe = argv[0];
  cd_test_init (&argc, &argv);
  g_test_add_func ("/store/watch/external", test_watch_external);
  g_test_add_func ("/store/watch/after-secondary", test_watch_after_secondary);
  return g_test_run ();
}
