/* test-staff-filter.c — search and chips of the staff list, and the list
 * model's counts (no display needed)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>

#include "cd-staff-filter.h"
#include "cd-staff-list-model.h"
#include "cd-staff-shown.h"
#include "cd-text.h"

static void
row_free (gpointer data)
{
  CdStaffRow *r = data;

  g_free (r->full_name);
  g_free (r->email);
  g_free (r->cccd);
  g_free (r->cert_serial);
  g_free (r->search_key);
  g_free (r->sort_key);
  g_free (r);
}

static CdStaffRow *
make_row (gint64        id,
          const char   *name,
          const char   *cccd,
          const char   *serial,
          const char   *email,
          CdCertStatus  status,
          gboolean      left,
          gboolean      with_key)
{
  CdStaffRow *r = g_new0 (CdStaffRow, 1);

  r->staff_id = id;
  r->full_name = g_strdup (name);
  r->cccd = g_strdup (cccd);
  r->cert_serial = g_strdup (serial);
  r->cert_id = serial ? id : 0;
  r->email = g_strdup (email);
  r->status = status;
  r->left = left;
  if (with_key)
    {
      g_autofree char *joined = g_strjoin (" ", name, cccd, serial ? serial : "", email, NULL);
      r->search_key = cd_text_search_key (joined);
    }
  return r;
}

static GPtrArray *
sample_rows (gboolean with_key)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func (row_free);

  g_ptr_array_add (rows, make_row (1, "Nguyễn Thị Hương", "031185001234", "540101AABBCCDDEEFF00112233445566",
                                   "huongnt.c2leloi@haiphong.edu.vn", CD_CERT_STATUS_VALID, FALSE, with_key));
  g_ptr_array_add (rows, make_row (2, "Đặng Đức Thắng", "031080004321", "5401019988776655443322110011AABB",
                                   "thangdd.c2leloi@haiphong.edu.vn", CD_CERT_STATUS_EXPIRING, FALSE, with_key));
  g_ptr_array_add (rows, make_row (3, "Trần Văn Nguyên", "001079111111", NULL,
                                   "nguyentv.c2leloi@haiphong.edu.vn", CD_CERT_STATUS_NONE, FALSE, with_key));
  g_ptr_array_add (rows, make_row (4, "Lê Thị Ngọc Ánh", "031190222222", "54010100000000000000000000000ABC",
                                   "anhltn.c2leloi@haiphong.edu.vn", CD_CERT_STATUS_EXPIRED, FALSE, with_key));
  g_ptr_array_add (rows, make_row (5, "Phạm Quang Huy", "031085333333", "540101FFFFFFFFFFFFFFFFFFFFFFFFFF",
                                   "huypq.c2leloi@haiphong.edu.vn", CD_CERT_STATUS_REVOKED, TRUE, with_key));
  return rows;
}

static GArray *
matches (CdStaffFilter *filter,
         GPtrArray     *rows)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i < rows->len; i++)
    {
      const CdStaffRow *r = g_ptr_array_index (rows, i);
      if (cd_staff_filter_match (filter, r))
        g_array_append_val (ids, r->staff_id);
    }
  return ids;
}

static char *
ids_string (GArray *ids)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < ids->len; i++)
    g_string_append_printf (s, "%s%" G_GINT64_FORMAT, i ? "," : "", g_array_index (ids, gint64, i));
  g_array_unref (ids);
  return g_string_free (s, FALSE);
}

static char *
run (CdStaffFilter *filter,
     GPtrArray     *rows)
{
  return ids_string (matches (filter, rows));
}

static void
test_search (gconstpointer data)
{
  gboolean with_key = GPOINTER_TO_INT (data);
  g_autoptr(GPtrArray) rows = sample_rows (with_key);
  g_autoptr(CdStaffFilter) f = cd_staff_filter_new ();
  char *got;

  g_assert_true (cd_staff_filter_is_empty (f));
  got = run (f, rows);
  g_assert_cmpstr (got, ==, "1,2,3,4,5");
  g_free (got);

  /* Accent-insensitive on the name: "nguyen" finds Nguyễn and Nguyên. */
  cd_staff_filter_set_query (f, "nguyen");
  got = run (f, rows);
  g_assert_cmpstr (got, ==, "1,3");
  g_free (got);

  /* Typed with accents and capitals, it still matches. */
  cd_staff_filter_set_query (f, "  ĐẶNG đức ");
  got = run (f, rows);
  g_assert_cmpstr (got, ==, "2");
  g_free (got);
  /* Old tone placement (Hoà/Hòa) makes no difference either. */
  cd_staff_filter_set_query (f, "thắng");
  got = run (f, rows);
  g_assert_cmpstr (got, ==, "2");
  g_free (got);

  /* Every word must match, in any order. */
  cd_staff_filter_set_query (f, "ngoc thi");
  got = run (f, rows);
  g_assert_cmpstr (got, ==, "4");
  g_free (got);

  /* CCCD, serial (any case), email. */
  cd_staff_filter_set_query (f, "001079");
  got = run (f, rows);
  g_assert_cmpstr (got, ==, "3");
  g_free (got);
  cd_staff_filter_set_query (f, "aabbccdd");
  got = run (f, rows);
  g_assert_cmpstr (got, ==, "1");
  g_free (got);
  cd_staff_filter_set_query (f, "huypq.c2leloi");
  got = run (f, rows);
  g_assert_cmpstr (got, ==, "5");
  g_free (got);

  cd_staff_filter_set_query (f, "không có ai");
  got = run (f, rows);
  g_assert_cmpstr (got, ==, "");
  g_free (got);
}

static void
test_chips (void)
{
  g_autoptr(GPtrArray) rows = sample_rows (TRUE);
  g_autoptr(CdStaffFilter) f = cd_staff_filter_new ();
  char *got;

  cd_staff_filter_set_chips (f, CD_STAFF_CHIP_EXPIRING);
  got = run (f, rows);
  g_assert_cmpstr (got, ==, "2");
  g_free (got);

  /* Chips add up: expiring or expired. */
  cd_staff_filter_set_chips (f, CD_STAFF_CHIP_EXPIRING | CD_STAFF_CHIP_EXPIRED);
  got = run (f, rows);
  g_assert_cmpstr (got, ==, "2,4");
  g_free (got);

  cd_staff_filter_set_chips (f, CD_STAFF_CHIP_NO_CERT);
  got = run (f, rows);
  g_assert_cmpstr (got, ==, "3");
  g_free (got);

  cd_staff_filter_set_chips (f, CD_STAFF_CHIP_REVOKED);
  got = run (f, rows);
  g_assert_cmpstr (got, ==, "5");
  g_free (got);

  cd_staff_filter_set_chips (f, CD_STAFF_CHIP_LEFT);
  got = run (f, rows);
  g_assert_cmpstr (got, ==, "5");
  g_free (got);

  /* Chips and search together narrow. */
  cd_staff_filter_set_chips (f, CD_STAFF_CHIP_NO_CERT | CD_STAFF_CHIP_EXPIRING);
  cd_staff_filter_set_query (f, "nguyen");
  got = run (f, rows);
  g_assert_cmpstr (got, ==, "3");
  g_free (got);
  g_assert_false (cd_staff_filter_is_empty (f));
}

static void
test_change_kind (void)
{
  g_autoptr(CdStaffFilter) f = cd_staff_filter_new ();

  g_assert_cmpint (cd_staff_filter_set_query (f, "ng"), ==, CD_STAFF_FILTER_MORE_STRICT);
  g_assert_cmpint (cd_staff_filter_set_query (f, "Nguy"), ==, CD_STAFF_FILTER_MORE_STRICT);
  g_assert_cmpint (cd_staff_filter_set_query (f, "nguy"), ==, CD_STAFF_FILTER_SAME);
  g_assert_cmpint (cd_staff_filter_set_query (f, "nguyen v"), ==, CD_STAFF_FILTER_MORE_STRICT);
  g_assert_cmpint (cd_staff_filter_set_query (f, "ngu"), ==, CD_STAFF_FILTER_LESS_STRICT);
  g_assert_cmpint (cd_staff_filter_set_query (f, "tran"), ==, CD_STAFF_FILTER_DIFFERENT);
  g_assert_cmpint (cd_staff_filter_set_query (f, ""), ==, CD_STAFF_FILTER_LESS_STRICT);

  g_assert_cmpint (cd_staff_filter_set_chips (f, CD_STAFF_CHIP_EXPIRED), ==, CD_STAFF_FILTER_MORE_STRICT);
  g_assert_cmpint (cd_staff_filter_set_chips (f, CD_STAFF_CHIP_EXPIRED | CD_STAFF_CHIP_REVOKED), ==, CD_STAFF_FILTER_LESS_STRICT);
  g_assert_cmpint (cd_staff_filter_set_chips (f, CD_STAFF_CHIP_REVOKED), ==, CD_STAFF_FILTER_MORE_STRICT);
  g_assert_cmpint (cd_staff_filter_set_chips (f, CD_STAFF_CHIP_LEFT), ==, CD_STAFF_FILTER_DIFFERENT);
  g_assert_cmpint (cd_staff_filter_set_chips (f, 0), ==, CD_STAFF_FILTER_LESS_STRICT);
  g_assert_true (cd_staff_filter_is_empty (f));
}

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  guint      *calls)
{
  (*calls)++;
}

static void
test_model_counts (void)
{
  g_autoptr(CdStaffListModel) model = cd_staff_list_model_new ();
  g_autoptr(GPtrArray) rows = sample_rows (TRUE);
  g_autoptr(CdStaffItem) item = NULL;
  guint active = 99, expiring = 99, expired = 99, calls = 0;

  g_signal_connect (model, "items-changed", G_CALLBACK (items_changed_cb), &calls);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 0);
  cd_staff_list_model_set_rows (model, rows);
  g_assert_cmpuint (calls, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 5);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (model)) == CD_TYPE_STAFF_ITEM);

  /* The one who left (5) is not counted. */
  cd_staff_list_model_get_counts (model, &active, &expiring, &expired);
  g_assert_cmpuint (active, ==, 4);
  g_assert_cmpuint (expiring, ==, 1);
  g_assert_cmpuint (expired, ==, 1);

  item = g_list_model_get_item (G_LIST_MODEL (model), 1);
  g_assert_cmpstr (cd_staff_item_get_row (item)->full_name, ==, "Đặng Đức Thắng");
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (model), 5));
  g_assert_cmpint (cd_staff_list_model_find (model, 4), ==, 3);
  g_assert_cmpint (cd_staff_list_model_find (model, 42), ==, -1);

  /* Items keep their rows alive after the caller and the model let go. */
  g_clear_pointer (&rows, g_ptr_array_unref);
  {
    g_autoptr(GPtrArray) none = g_ptr_array_new ();
    cd_staff_list_model_set_rows (model, none);
  }
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 0);
  g_assert_cmpstr (cd_staff_item_get_row (item)->cccd, ==, "031080004321");
}

typedef struct {
  guint calls, position, removed, added;
  guint rows_changed;
} Changes;

static void
record_items_changed (GListModel *model,
                      guint       position,
                      guint       removed,
                      guint       added,
                      Changes    *c)
{
  c->calls++;
  c->position = position;
  c->removed = removed;
  c->added = added;
}

static void
record_rows_changed (CdStaffShown *shown,
                     Changes      *c)
{
  c->rows_changed++;
}

static int
by_id (gconstpointer a,
       gconstpointer b,
       gpointer      user_data)
{
  int dir = *(int *) user_data;
  gint64 x = cd_staff_item_get_row ((CdStaffItem *) a)->staff_id;
  gint64 y = cd_staff_item_get_row ((CdStaffItem *) b)->staff_id;

  return dir * (x < y ? -1 : x > y ? 1 : 0);
}

static gint64
shown_id (CdStaffShown *shown,
          guint         position)
{
  g_autoptr(CdStaffItem) item = g_list_model_get_item (G_LIST_MODEL (shown), position);

  /* The place and the row the model reports agree. */
  g_assert_true (cd_staff_item_get_row (item) == cd_staff_shown_get_row (shown, position));
  return cd_staff_item_get_row (item)->staff_id;
}

/* A search keeps the places (list rows) and changes who is in them: only
 * places added or removed at the end are items-changed. */
static void
test_shown_places (void)
{
  g_autoptr(CdStaffListModel) model = cd_staff_list_model_new ();
  g_autoptr(GPtrArray) rows = sample_rows (TRUE);
  g_autoptr(CdStaffFilter) f = cd_staff_filter_new ();
  int dir = 1;
  g_autoptr(GtkSorter) sorter = GTK_SORTER (gtk_custom_sorter_new (by_id, &dir, NULL));
  g_autoptr(CdStaffShown) shown = cd_staff_shown_new (model, sorter, f);
  g_autoptr(CdStaffItem) first = NULL;
  g_autoptr(CdStaffItem) second = NULL;
  g_autoptr(CdStaffItem) again = NULL;
  Changes c = { 0 };

  /* Given out of order: 1 2 3 4 5 once sorted. */
  g_ptr_array_add (rows, g_ptr_array_steal_index (rows, 0));
  cd_staff_list_model_set_rows (model, rows);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (shown)), ==, 5);
  for (guint i = 0; i < 5; i++)
    g_assert_cmpint (shown_id (shown, i), ==, i + 1);
  first = g_list_model_get_item (G_LIST_MODEL (shown), 0);
  second = g_list_model_get_item (G_LIST_MODEL (shown), 1);

  g_signal_connect (shown, "items-changed", G_CALLBACK (record_items_changed), &c);
  g_signal_connect (shown, "rows-changed", G_CALLBACK (record_rows_changed), &c);

  /* "nguyen": Nguyễn Thị Hương (1) and Trần Văn Nguyên (3). */
  cd_staff_shown_refilter (shown, cd_staff_filter_set_query (f, "nguyen"));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (shown)), ==, 2);
  g_assert_cmpuint (c.calls, ==, 1);
  g_assert_cmpuint (c.position, ==, 2);
  g_assert_cmpuint (c.removed, ==, 3);
  g_assert_cmpuint (c.added, ==, 0);
  g_assert_cmpuint (c.rows_changed, ==, 1);
  again = g_list_model_get_item (G_LIST_MODEL (shown), 1);
  g_assert_true (again == second);
  g_assert_cmpint (shown_id (shown, 0), ==, 1);
  g_assert_cmpint (shown_id (shown, 1), ==, 3);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (shown), 2));

  /* Typing more narrows what is shown. */
  cd_staff_shown_refilter (shown, cd_staff_filter_set_query (f, "nguyen thi"));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (shown)), ==, 1);
  g_assert_cmpint (shown_id (shown, 0), ==, 1);
  g_assert_cmpuint (c.calls, ==, 2);

  /* Clearing the search gives the places back at the end. */
  cd_staff_shown_refilter (shown, cd_staff_filter_set_query (f, ""));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (shown)), ==, 5);
  g_assert_cmpuint (c.calls, ==, 3);
  g_assert_cmpuint (c.position, ==, 1);
  g_assert_cmpuint (c.removed, ==, 0);
  g_assert_cmpuint (c.added, ==, 4);
  g_assert_cmpint (shown_id (shown, 1), ==, 2);

  /* A chip: the one who left (5). */
  cd_staff_shown_refilter (shown, cd_staff_filter_set_chips (f, CD_STAFF_CHIP_LEFT));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (shown)), ==, 1);
  g_assert_cmpint (shown_id (shown, 0), ==, 5);
  {
    g_autoptr(CdStaffItem) place = g_list_model_get_item (G_LIST_MODEL (shown), 0);
    g_assert_true (place == first);
  }
  cd_staff_shown_refilter (shown, cd_staff_filter_set_chips (f, 0));

  /* Sorting the other way: same places, no items-changed. */
  c.calls = 0;
  c.rows_changed = 0;
  dir = -1;
  gtk_sorter_changed (sorter, GTK_SORTER_CHANGE_INVERTED);
  g_assert_cmpuint (c.calls, ==, 0);
  g_assert_cmpuint (c.rows_changed, ==, 1);
  for (guint i = 0; i < 5; i++)
    g_assert_cmpint (shown_id (shown, i), ==, 5 - i);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_data_func ("/gui/staff-filter/search/store-key", GINT_TO_POINTER (TRUE), test_search);
  g_test_add_data_func ("/gui/staff-filter/search/no-key", GINT_TO_POINTER (FALSE), test_search);
  g_test_add_func ("/gui/staff-filter/chips", test_chips);
  g_test_add_func ("/gui/staff-filter/change-kind", test_change_kind);
  g_test_add_func ("/gui/staff-list-model/counts", test_model_counts);
  g_test_add_func ("/gui/staff-shown/places", test_shown_places);
  return g_test_run ();
}
