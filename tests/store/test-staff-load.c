/* test-staff-load.c — the staff list read on a worker for the window's
 * first frame, and the register's deferred integrity check after it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "cd-staff-pager.h"
#include "cd-store-staff-load.h"
#include "cd-test-fixture.h"
#include "cd-test-util.h"

typedef struct {
  GPtrArray *rows;
  GError    *error;
  gboolean   done;
  guint      checked;
} Load;

static void
load_done (GObject      *source,
           GAsyncResult *result,
           gpointer      data)
{
  Load *l = data;

  l->rows = cd_store_load_staff_rows_finish (CD_STORE (source), result, &l->error);
  l->done = TRUE;
}

static void
checked_cb (CdStore *store,
            Load    *l)
{
  l->checked++;
}

static char *
register_of (guint n)
{
  g_autofree char *tmp = cd_test_tmpdir ();
  char *path = g_build_filename (tmp, "certdesk.db", NULL);
  g_autoptr(CdStore) store = cd_store_open (path, NULL);
  g_autoptr(GError) error = NULL;

  /* The fixture's people: enough pages to damage. */
  g_assert_true (cd_test_register_fill (store, n, CD_TEST_REGISTER_STAFF,
                                        g_get_real_time () / G_USEC_PER_SEC, NULL, &error));
  g_assert_no_error (error);
  return path;
}

/* The window's first read: the rows come while the register's integrity
 * check runs on another thread; its answer reaches the store. */
static void
test_rows_load_checks (gconstpointer data)
{
  gboolean damaged = GPOINTER_TO_INT (data);
  g_autofree char *path = register_of (2000);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(CdStore) store = NULL;
  g_autoptr(GError) error = NULL;
  Load l = { 0 };

  if (damaged)
    cd_test_damage_pages (path, TRUE);
  store = cd_store_open_check_later (path, &error);
  g_assert_no_error (error);
  g_assert_true (cd_store_get_check_pending (store));
  g_signal_connect (store, "checked", G_CALLBACK (checked_cb), &l);
  cd_store_load_staff_rows_async (store, 60, NULL, load_done, &l);
  while (!l.done || l.checked == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (l.checked, ==, 1);
  g_assert_false (cd_store_get_check_pending (store));
  if (!damaged)
    {
      g_assert_no_error (l.error);
      g_assert_cmpuint (l.rows->len, ==, 2000);
      g_assert_false (cd_store_is_read_only (store));
    }
  else
    g_assert_true (cd_store_is_read_only (store));
  g_clear_pointer (&l.rows, g_ptr_array_unref);
  g_clear_error (&l.error);
  g_clear_object (&store);
  cd_test_rm_rf (dir);
}

/* ---- Pages ---------------------------------------------------------- */

static GArray *
ids_of (GPtrArray *rows)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i < rows->len; i++)
    g_array_append_val (ids, ((CdStaffRow *) g_ptr_array_index (rows, i))->staff_id);
  return ids;
}

/* Every page of @pager (@limit rows each) after those already in @ids. */
static void
read_rest (CdStaffPager *pager,
           guint         limit,
           GArray       *ids)
{
  g_autoptr(GError) error = NULL;

  for (;;)
    {
      g_autoptr(GPtrArray) page = cd_staff_pager_next (pager, limit, &error);
      g_autoptr(GArray) more = NULL;

      g_assert_no_error (error);
      g_assert_cmpuint (page->len, <=, limit);
      if (page->len == 0)
        return;
      more = ids_of (page);
      g_array_append_vals (ids, more->data, more->len);
    }
}

static void
assert_same_ids (GArray *a,
                 GArray *b)
{
  g_assert_cmpuint (a->len, ==, b->len);
  for (guint i = 0; i < a->len; i++)
    g_assert_cmpint (g_array_index (a, gint64, i), ==, g_array_index (b, gint64, i));
}

/* Pages in a row give the whole list, in its order, each person once —
 * people with the same name (the same sort key) included. */
static void
test_pager_order (void)
{
  g_autofree char *path = register_of (1500);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(CdStore) store = cd_store_open (path, NULL);
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GArray) want = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new (g_int64_hash, g_int64_equal);

  /* Namesakes straddling page ends. */
  for (guint i = 0; i < 30; i++)
    cd_test_add_staff (store, "Nguyễn Văn An", "01/01/1990", NULL, NULL);
  all = cd_store_list_staff_rows (store, 1000, 60, &error);
  g_assert_no_error (error);
  want = ids_of (all);
  for (guint i = 1; i < all->len; i++)
    g_assert_cmpint (strcmp (((CdStaffRow *) all->pdata[i - 1])->sort_key,
                             ((CdStaffRow *) all->pdata[i])->sort_key), <=, 0);

  for (guint limit = 7; limit <= 2000; limit = limit * 5 + 1)
    {
      g_autoptr(CdStaffPager) pager = cd_staff_pager_new (store, 1000, 60, &error);
      g_autoptr(GArray) got = g_array_new (FALSE, FALSE, sizeof (gint64));

      g_assert_no_error (error);
      read_rest (pager, limit, got);
      assert_same_ids (got, want);
    }
  for (guint i = 0; i < want->len; i++)
    g_assert_true (g_hash_table_add (seen, &g_array_index (want, gint64, i)));
  g_clear_object (&store);
  cd_test_rm_rf (dir);
}

/* Another program writes between two pages: the pages still give the
 * register as it was when the first was read — nobody missed, nobody
 * twice — and the next read (the window's reload) sees the change. */
static void
test_pager_snapshot (void)
{
  g_autofree char *path = register_of (600);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(CdStore) writer = cd_store_open (path, NULL);
  g_autoptr(CdStore) reader = cd_store_open_secondary (writer, NULL);
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GArray) want = NULL;
  g_autoptr(GArray) got = NULL;
  g_autoptr(CdStaff) moved = NULL;
  g_autoptr(CdStaffPager) pager = NULL;
  g_autoptr(GError) error = NULL;
  const CdStaffRow *last_read, *unread;
  gint64 first_new, last_new, deleted;

  before = cd_store_list_staff_rows (writer, 1000, 60, &error);
  g_assert_no_error (error);
  want = ids_of (before);

  pager = cd_staff_pager_new (reader, 1000, 60, &error);
  g_assert_no_error (error);
  first = cd_staff_pager_next (pager, 100, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (first->len, ==, 100);
  got = ids_of (first);

  /* Someone already read renamed to sort last, someone not read yet
   * deleted, newcomers before and after the page's end. */
  last_read = g_ptr_array_index (first, 50);
  unread = g_ptr_array_index (before, 400);
  moved = cd_store_get_staff (writer, last_read->staff_id, &error);
  g_assert_no_error (error);
  g_free (moved->full_name);
  moved->full_name = g_strdup ("Ỹ Ỹ Ỹ");
  g_assert_true (cd_store_save_staff (writer, moved, &error));
  g_assert_no_error (error);
  deleted = unread->staff_id;
  g_assert_true (cd_store_delete_staff (writer, deleted, &error));
  g_assert_no_error (error);
  first_new = cd_test_add_staff (writer, "A A A", "01/01/1990", NULL, NULL);
  last_new = cd_test_add_staff (writer, "Ỹ Ỹ Ỹ Ỹ", "01/01/1990", NULL, NULL);

  read_rest (pager, 100, got);
  assert_same_ids (got, want);
  g_clear_pointer (&pager, cd_staff_pager_free);

  /* A new read sees the register as it is now. */
  pager = cd_staff_pager_new (reader, 1000, 60, &error);
  g_assert_no_error (error);
  g_array_set_size (got, 0);
  read_rest (pager, 100, got);
  after = cd_store_list_staff_rows (writer, 1000, 60, &error);
  g_assert_no_error (error);
  g_clear_pointer (&want, g_array_unref);
  want = ids_of (after);
  assert_same_ids (got, want);
  g_assert_cmpuint (got->len, ==, before->len + 1);
  {
    guint n_first = 0, n_last = 0, n_moved = 0, n_deleted = 0;

    for (guint i = 0; i < got->len; i++)
      {
        gint64 id = g_array_index (got, gint64, i);

        n_first += id == first_new;
        n_last += id == last_new;
        n_moved += id == moved->id;
        n_deleted += id == deleted;
      }
    g_assert_cmpuint (n_first, ==, 1);
    g_assert_cmpuint (n_last, ==, 1);
    g_assert_cmpuint (n_moved, ==, 1);
    g_assert_cmpuint (n_deleted, ==, 0);
  }

  g_clear_pointer (&pager, cd_staff_pager_free);
  g_clear_object (&reader);
  g_clear_object (&writer);
  cd_test_rm_rf (dir);
}

typedef struct {
  GArray    *ids;
  guint      pages;
  guint      first_len;
  gboolean   done;
  gboolean   ok;
  guint      checked;
} Pages;

static void
page_cb (GPtrArray *rows,
         gpointer   data)
{
  Pages *p = data;

  g_assert_false (p->done);
  if (p->pages++ == 0)
    p->first_len = rows->len;
  {
    g_autoptr(GArray) ids = ids_of (rows);
    g_array_append_vals (p->ids, ids->data, ids->len);
  }
}

static void
pages_done (GObject      *source,
            GAsyncResult *result,
            gpointer      data)
{
  Pages *p = data;
  g_autoptr(GError) error = NULL;

  p->ok = cd_store_load_staff_pages_finish (CD_STORE (source), result, &error);
  g_assert_no_error (error);
  p->done = TRUE;
}

static void
cancelled_done (GObject      *source,
                GAsyncResult *result,
                gpointer      data)
{
  Pages *p = data;
  g_autoptr(GError) error = NULL;

  p->ok = cd_store_load_staff_pages_finish (CD_STORE (source), result, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  p->done = TRUE;
}

static void
pages_checked_cb (CdStore *store,
                  Pages   *p)
{
  p->checked++;
}

/* The window's paged read: a screenful first, then the rest, all of them
 * before the callback; the deferred check still runs after. */
static void
test_pages_async (void)
{
  g_autofree char *path = register_of (3000);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(CdStore) store = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GArray) want = NULL;
  g_autoptr(GError) error = NULL;
  Pages p = { 0 };

  store = cd_store_open_check_later (path, &error);
  g_assert_no_error (error);
  g_signal_connect (store, "checked", G_CALLBACK (pages_checked_cb), &p);
  p.ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  cd_store_load_staff_pages_async (store, 60, page_cb, &p, NULL, NULL, NULL, pages_done, &p);
  while (!p.done || p.checked == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (p.ok);
  g_assert_cmpuint (p.first_len, ==, CD_STAFF_FIRST_PAGE);
  g_assert_cmpuint (p.pages, >, 2);
  g_assert_false (cd_store_is_read_only (store));

  all = cd_store_list_staff_rows (store, g_get_real_time () / G_USEC_PER_SEC, 60, &error);
  g_assert_no_error (error);
  want = ids_of (all);
  assert_same_ids (p.ids, want);
  g_array_unref (p.ids);
  g_clear_object (&store);
  cd_test_rm_rf (dir);
}

/* Until a worker waits on @gate: it did nothing past it. No timing: the
 * worker's arrival is a state of the gate. */
static void
wait_for_waiter (CdGate         *gate,
                 const gboolean *done,
                 const guint    *checked)
{
  /* Or until what should have waited is over: the asserts after say. */
  while (cd_gate_get_n_waiting (gate) == 0 && !(*done && *checked > 0))
    {
      g_main_context_iteration (NULL, FALSE);
      g_thread_yield ();
    }
  /* What the worker sent before it got there. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* Issue 19: the window's first frame does not share the cores with the
 * rest of the register nor with its integrity check. With a gate, the
 * first page comes, then nothing (no page, no check) until the gate
 * opens; then all of it, the same rows as without. @data: register size
 * (one page or many). */
static void
test_pages_gated (gconstpointer data)
{
  guint n = GPOINTER_TO_UINT (data);
  g_autofree char *path = register_of (n);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(CdStore) store = NULL;
  g_autoptr(CdGate) gate = cd_gate_new ();
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GArray) want = NULL;
  g_autoptr(GError) error = NULL;
  Pages p = { 0 };

  store = cd_store_open_check_later (path, &error);
  g_assert_no_error (error);
  g_assert_true (cd_store_get_check_pending (store));
  g_signal_connect (store, "checked", G_CALLBACK (pages_checked_cb), &p);
  p.ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  cd_store_load_staff_pages_async (store, 60, page_cb, &p, NULL, gate, NULL, pages_done, &p);

  /* A register of one page is read whole: only its check waits. */
  while (n < CD_STAFF_FIRST_PAGE && !p.done)
    g_main_context_iteration (NULL, TRUE);
  wait_for_waiter (gate, &p.done, &p.checked);
  g_assert_cmpuint (p.pages, ==, 1);
  g_assert_cmpuint (p.first_len, ==, MIN (n, CD_STAFF_FIRST_PAGE));
  g_assert_true (p.done == (n < CD_STAFF_FIRST_PAGE));
  g_assert_cmpuint (p.checked, ==, 0);
  g_assert_true (cd_store_get_check_pending (store));
  g_assert_cmpuint (cd_gate_get_n_waiting (gate), ==, 1);

  cd_gate_open (gate);
  while (!p.done || p.checked == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (p.ok);
  g_assert_false (cd_store_get_check_pending (store));
  g_assert_false (cd_store_is_read_only (store));
  if (n > CD_STAFF_FIRST_PAGE)
    g_assert_cmpuint (p.pages, >, 1);
  all = cd_store_list_staff_rows (store, g_get_real_time () / G_USEC_PER_SEC, 60, &error);
  g_assert_no_error (error);
  want = ids_of (all);
  assert_same_ids (p.ids, want);
  g_array_unref (p.ids);
  g_clear_object (&store);
  cd_test_rm_rf (dir);
}

/* A load cancelled while it waits at the gate ends, cancelled, without
 * another page. */
static void
test_pages_gated_cancel (void)
{
  g_autofree char *path = register_of (1000);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(CdStore) store = NULL;
  g_autoptr(CdGate) gate = cd_gate_new ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  Pages p = { 0 };

  store = cd_store_open (path, &error);
  g_assert_no_error (error);
  p.ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  cd_store_load_staff_pages_async (store, 60, page_cb, &p, NULL, gate, cancellable, cancelled_done, &p);
  p.checked = 1;   /* no check: opened checked */
  wait_for_waiter (gate, &p.done, &p.checked);
  g_assert_cmpuint (p.pages, ==, 1);
  g_cancellable_cancel (cancellable);
  while (!p.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (p.ok);
  g_assert_cmpuint (p.pages, ==, 1);
  g_assert_cmpuint (cd_gate_get_n_waiting (gate), ==, 0);
  g_array_unref (p.ids);
  g_clear_object (&store);
  cd_test_rm_rf (dir);
}

int
main (int argc, char *argv[])
{
  cd_test_init (&argc, &argv);

  g_test_add_data_func ("/core/store/staff-load/check/sound", GINT_TO_POINTER (FALSE), test_rows_load_checks);
  g_test_add_data_func ("/core/store/staff-load/check/damaged", GINT_TO_POINTER (TRUE), test_rows_load_checks);

  g_test_add_func ("/core/store/staff-pager/order", test_pager_order);
  g_test_add_func ("/core/store/staff-pager/snapshot", test_pager_snapshot);
  g_test_add_func ("/core/store/staff-load/pages", test_pages_async);
  g_test_add_data_func ("/core/store/staff-load/pages-gated/many", GUINT_TO_POINTER (3000), test_pages_gated);
  g_test_add_data_func ("/core/store/staff-load/pages-gated/one", GUINT_TO_POINTER (40), test_pages_gated);
  g_test_add_func ("/core/store/staff-load/pages-gated/cancel", test_pages_gated_cancel);

  return g_test_run ();
}
