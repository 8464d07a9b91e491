/* test-staff-filter.c — search and chips of the staff list, its models
 * (counts, places, first screenful), the loader with the register's check,
 * and the view's selection (that one test needs a display)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>

#include "cd-gui-test-util.h"
#include "cd-staff-filter.h"
#include "cd-staff-list-model.h"
#include "cd-staff-shown.h"
#include "cd-staff-view.h"
#include "cd-cell-text.h"
#include "cd-application.h"
#include "cd-test-fixture.h"
#include "cd-test-util.h"
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
  cd_staff_shown_sort (shown);
  g_assert_cmpuint (c.calls, ==, 0);
  g_assert_cmpuint (c.rows_changed, ==, 1);
  for (guint i = 0; i < 5; i++)
    g_assert_cmpint (shown_id (shown, i), ==, 5 - i);
}

/* What CdStaffShown shows is, in order, the rows cd_staff_filter_match()
 * keeps (a strstr() per row): typed letter by letter, deleted, new
 * words, chips, pages appended and a reload while a search is on. */
static const char *const syllables[] = { "Nguyễn", "Thị", "Hương", "Trần", "Văn", "An", "Lê", "Thu",
                                         "Phạm", "Minh", "Hoàng", "Đức", "Ngọc", "Ánh", "Thắng", "Huy" };

static CdStaffRow *
random_row (GRand *rand,
            gint64 id)
{
  g_autofree char *name = g_strjoin (" ", syllables[g_rand_int_range (rand, 0, G_N_ELEMENTS (syllables))],
                                     syllables[g_rand_int_range (rand, 0, G_N_ELEMENTS (syllables))],
                                     syllables[g_rand_int_range (rand, 0, G_N_ELEMENTS (syllables))], NULL);
  g_autofree char *cccd = g_strdup_printf ("0%02d%09d", g_rand_int_range (rand, 0, 40),
                                           g_rand_int_range (rand, 0, 1000000000));
  g_autofree char *serial = g_rand_int_range (rand, 0, 4) == 0 ? NULL
                            : g_strdup_printf ("5400%06X%08X", g_rand_int_range (rand, 0, 0xffffff),
                                               g_rand_int (rand));
  g_autofree char *email = g_strdup_printf ("u%d.c%dleloi@haiphong.edu.vn", (int) id,
                                            g_rand_int_range (rand, 1, 4));

  return make_row (id, name, cccd, serial, email, g_rand_int_range (rand, 0, 5),
                   g_rand_int_range (rand, 0, 10) == 0, g_rand_int_range (rand, 0, 8) != 0);
}

static int
by_id_rows (gconstpointer a,
            gconstpointer b)
{
  gint64 x = (*(const CdStaffRow **) a)->staff_id, y = (*(const CdStaffRow **) b)->staff_id;

  return x < y ? -1 : x > y;
}

static void
assert_shown_as_reference (CdStaffShown  *shown,
                           CdStaffFilter *f,
                           GPtrArray     *all,
                           const char    *what)
{
  g_autoptr(GPtrArray) sorted = g_ptr_array_copy (all, NULL, NULL);
  g_autoptr(GString) want = g_string_new (NULL);
  g_autoptr(GString) got = g_string_new (NULL);

  g_ptr_array_sort (sorted, by_id_rows);
  for (guint i = 0; i < sorted->len; i++)
    if (cd_staff_filter_match (f, sorted->pdata[i]))
      g_string_append_printf (want, "%" G_GINT64_FORMAT ",", ((CdStaffRow *) sorted->pdata[i])->staff_id);
  for (guint i = 0; i < cd_staff_shown_get_n_people (shown); i++)
    g_string_append_printf (got, "%" G_GINT64_FORMAT ",", cd_staff_shown_get_row (shown, i)->staff_id);
  if (!g_str_equal (want->str, got->str))
    g_test_message ("after %s", what);
  g_assert_cmpstr (got->str, ==, want->str);
}

static void
test_shown_against_reference (void)
{
  static const char *const typed[] = { "nguyen thi h", "tran van a", "le thi thu", "c2leloi", "0331",
                                       "54006", "5400 ng", "hoang", "u12" };
  g_autoptr(GRand) rand = g_rand_new_with_seed (19);
  g_autoptr(CdStaffListModel) model = cd_staff_list_model_new ();
  g_autoptr(CdStaffFilter) f = cd_staff_filter_new ();
  int dir = 1;
  g_autoptr(GtkSorter) sorter = GTK_SORTER (gtk_custom_sorter_new (by_id, &dir, NULL));
  g_autoptr(CdStaffShown) shown = cd_staff_shown_new (model, sorter, f);
  g_autoptr(GPtrArray) all = g_ptr_array_new ();
  g_autoptr(GPtrArray) pages = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  gint64 next_id = 1;

  /* Pages of rows out of order, the search on while they come. */
  for (guint page = 0; page < 4; page++)
    {
      GPtrArray *rows = g_ptr_array_new_with_free_func (row_free);

      for (guint i = 0; i < 700; i++)
        g_ptr_array_add (rows, random_row (rand, next_id++));
      for (guint i = rows->len - 1; i > 0; i--)
        {
          guint j = g_rand_int_range (rand, 0, i + 1);
          gpointer t = rows->pdata[i];

          rows->pdata[i] = rows->pdata[j];
          rows->pdata[j] = t;
        }
      g_ptr_array_extend (all, rows, NULL, NULL);
      g_ptr_array_add (pages, rows);
      if (page == 0)
        cd_staff_list_model_set_rows (model, rows);
      else
        cd_staff_list_model_append_rows (model, rows);
      if (page == 1)
        cd_staff_shown_refilter (shown, cd_staff_filter_set_query (f, "ng"));
      assert_shown_as_reference (shown, f, all, "a page");
    }

  for (guint w = 0; w < G_N_ELEMENTS (typed); w++)
    {
      gsize len = strlen (typed[w]);

      /* Typed letter by letter, then deleted back to one letter. */
      for (gsize k = 1; k <= len; k++)
        {
          g_autofree char *text = g_strndup (typed[w], k);

          cd_staff_shown_refilter (shown, cd_staff_filter_set_query (f, text));
          assert_shown_as_reference (shown, f, all, text);
        }
      for (gsize k = len; k >= 1; k--)
        {
          g_autofree char *text = g_strndup (typed[w], k);

          cd_staff_shown_refilter (shown, cd_staff_filter_set_query (f, text));
          assert_shown_as_reference (shown, f, all, text);
        }
      /* A chip on and off under the search. */
      cd_staff_shown_refilter (shown, cd_staff_filter_set_chips (f, CD_STAFF_CHIP_EXPIRED | CD_STAFF_CHIP_LEFT));
      assert_shown_as_reference (shown, f, all, "chips");
      cd_staff_shown_refilter (shown, cd_staff_filter_set_chips (f, CD_STAFF_CHIP_EXPIRED));
      assert_shown_as_reference (shown, f, all, "fewer chips");
      cd_staff_shown_refilter (shown, cd_staff_filter_set_chips (f, 0));
      assert_shown_as_reference (shown, f, all, "no chip");
    }

  /* A reload while "tran" is searched: other people, fewer of them. */
  cd_staff_shown_refilter (shown, cd_staff_filter_set_query (f, "tran"));
  {
    GPtrArray *rows = g_ptr_array_new_with_free_func (row_free);

    for (guint i = 0; i < 900; i++)
      g_ptr_array_add (rows, random_row (rand, next_id++));
    g_ptr_array_set_size (all, 0);
    g_ptr_array_extend (all, rows, NULL, NULL);
    cd_staff_list_model_set_rows (model, rows);
    g_ptr_array_add (pages, rows);
  }
  assert_shown_as_reference (shown, f, all, "a reload");
  cd_staff_shown_refilter (shown, cd_staff_filter_set_query (f, "tran v"));
  assert_shown_as_reference (shown, f, all, "narrower after a reload");
  cd_staff_shown_refilter (shown, cd_staff_filter_set_query (f, ""));
  assert_shown_as_reference (shown, f, all, "cleared after a reload");
  g_assert_cmpuint (cd_staff_shown_get_n_people (shown), ==, 900);
}

/* A window's first frame gets a screenful of places; the rest follow. */
/* A floor of places: narrowing keeps the places (so the list view keeps
 * its rows), those past the people shown are empty, and widening again
 * fills the same places. */
static void
test_shown_min_places (void)
{
  g_autoptr(CdStaffListModel) model = cd_staff_list_model_new ();
  g_autoptr(GPtrArray) rows = sample_rows (TRUE);
  g_autoptr(CdStaffFilter) f = cd_staff_filter_new ();
  int dir = 1;
  g_autoptr(GtkSorter) sorter = GTK_SORTER (gtk_custom_sorter_new (by_id, &dir, NULL));
  g_autoptr(CdStaffShown) shown = cd_staff_shown_new (model, sorter, f);
  CdStaffItem *places[4];
  Changes c = { 0 };

  cd_staff_shown_set_min_places (shown, 4);
  cd_staff_list_model_set_rows (model, rows);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (shown)), ==, 5);
  for (guint i = 0; i < 4; i++)
    places[i] = g_list_model_get_item (G_LIST_MODEL (shown), i);
  g_signal_connect (shown, "items-changed", G_CALLBACK (record_items_changed), &c);
  g_signal_connect (shown, "rows-changed", G_CALLBACK (record_rows_changed), &c);

  /* "nguyen": 2 people in 4 places; the last place goes. */
  cd_staff_shown_refilter (shown, cd_staff_filter_set_query (f, "nguyen"));
  g_assert_cmpuint (cd_staff_shown_get_n_people (shown), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (shown)), ==, 4);
  g_assert_cmpuint (c.calls, ==, 1);
  g_assert_cmpuint (c.position, ==, 4);
  g_assert_cmpuint (c.removed, ==, 1);
  g_assert_cmpuint (c.added, ==, 0);
  g_assert_cmpint (shown_id (shown, 0), ==, 1);
  g_assert_cmpint (shown_id (shown, 1), ==, 3);
  for (guint i = 2; i < 4; i++)
    {
      g_autoptr(CdStaffItem) empty = g_list_model_get_item (G_LIST_MODEL (shown), i);

      g_assert_true (empty == places[i]);
      g_assert_null (cd_staff_item_get_row (empty));
      g_assert_null (cd_staff_shown_get_row (shown, i));
    }

  /* Narrower still: the same places, no items-changed. */
  cd_staff_shown_refilter (shown, cd_staff_filter_set_query (f, "nguyen thi"));
  g_assert_cmpuint (cd_staff_shown_get_n_people (shown), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (shown)), ==, 4);
  g_assert_cmpuint (c.calls, ==, 1);
  g_assert_null (cd_staff_shown_get_row (shown, 1));

  /* Cleared: the same four places hold people again, one more added. */
  cd_staff_shown_refilter (shown, cd_staff_filter_set_query (f, ""));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (shown)), ==, 5);
  g_assert_cmpuint (c.calls, ==, 2);
  g_assert_cmpuint (c.position, ==, 4);
  g_assert_cmpuint (c.removed, ==, 0);
  g_assert_cmpuint (c.added, ==, 1);
  for (guint i = 0; i < 4; i++)
    {
      g_autoptr(CdStaffItem) place = g_list_model_get_item (G_LIST_MODEL (shown), i);

      g_assert_true (place == places[i]);
      g_assert_cmpint (shown_id (shown, i), ==, i + 1);
      g_object_unref (places[i]);
    }
}

static void
test_shown_max_places (void)
{
  g_autoptr(CdStaffListModel) model = cd_staff_list_model_new ();
  g_autoptr(GPtrArray) rows = sample_rows (TRUE);
  g_autoptr(CdStaffFilter) f = cd_staff_filter_new ();
  g_autoptr(CdStaffShown) shown = cd_staff_shown_new (model, NULL, f);
  Changes c = { 0 };

  cd_staff_shown_set_max_places (shown, 2);
  cd_staff_list_model_set_rows (model, rows);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (shown)), ==, 2);
  g_assert_cmpuint (cd_staff_shown_get_n_people (shown), ==, 5);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (shown), 2));
  g_assert_null (cd_staff_shown_get_row (shown, 2));

  /* A search while limited: places within the limit. */
  g_signal_connect (shown, "items-changed", G_CALLBACK (record_items_changed), &c);
  cd_staff_shown_refilter (shown, cd_staff_filter_set_query (f, "nguyen"));
  g_assert_cmpuint (cd_staff_shown_get_n_people (shown), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (shown)), ==, 2);
  g_assert_cmpuint (c.calls, ==, 0);
  cd_staff_shown_refilter (shown, cd_staff_filter_set_query (f, ""));
  g_assert_cmpuint (c.calls, ==, 0);

  /* Lifted: the others are added at the end. */
  cd_staff_shown_set_max_places (shown, G_MAXUINT);
  g_assert_cmpuint (c.calls, ==, 1);
  g_assert_cmpuint (c.position, ==, 2);
  g_assert_cmpuint (c.removed, ==, 0);
  g_assert_cmpuint (c.added, ==, 3);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (shown)), ==, 5);
  g_assert_cmpint (shown_id (shown, 4), ==, 5);

  /* And limited again: the end goes. */
  cd_staff_shown_set_max_places (shown, 1);
  g_assert_cmpuint (c.calls, ==, 2);
  g_assert_cmpuint (c.position, ==, 1);
  g_assert_cmpuint (c.removed, ==, 4);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (shown)), ==, 1);
}

/* CertDesk draws with cairo and never starts OpenGL, unless the
 * environment asks for another renderer. */
static void
test_choose_renderer (void)
{
  g_unsetenv ("GSK_RENDERER");
  g_unsetenv ("GDK_DEBUG");
  cd_application_choose_renderer ();
  g_assert_cmpstr (g_getenv ("GSK_RENDERER"), ==, "cairo");
  g_assert_cmpstr (g_getenv ("GDK_DEBUG"), ==, "gl-disable");

  g_setenv ("GDK_DEBUG", "interactive", TRUE);
  cd_application_choose_renderer ();
  g_assert_cmpstr (g_getenv ("GDK_DEBUG"), ==, "interactive,gl-disable");
  cd_application_choose_renderer ();
  g_assert_cmpstr (g_getenv ("GDK_DEBUG"), ==, "interactive,gl-disable");

  g_setenv ("GSK_RENDERER", "ngl", TRUE);
  g_unsetenv ("GDK_DEBUG");
  cd_application_choose_renderer ();
  g_assert_cmpstr (g_getenv ("GSK_RENDERER"), ==, "ngl");
  g_assert_null (g_getenv ("GDK_DEBUG"));
  g_setenv ("GSK_RENDERER", "cairo", TRUE);
}

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

static char *
selected_text (CdStaffView *view)
{
  g_autoptr(GArray) ids = cd_staff_view_get_selected (view);
  g_autoptr(GString) s = g_string_new (NULL);

  g_array_sort (ids, compare_ids);
  for (guint i = 0; i < ids->len; i++)
    g_string_append_printf (s, "%s%" G_GINT64_FORMAT, i ? "," : "", g_array_index (ids, gint64, i));
  return g_string_free (g_steal_pointer (&s), FALSE);
}

/* The selection is by place in the list: searching, sorting by another
 * column and reloading the register put other people in the places, and
 * the clerk's selection must stay on the same people (a revocation list
 * made of the wrong ones otherwise). Needs a display (the suite runs
 * under Xvfb). */
static void
test_view_selection_follows_people (void)
{
  g_autoptr(CdApplication) app = NULL;   /* registers the UI resources */
  g_autoptr(GPtrArray) rows = sample_rows (TRUE);
  g_autoptr(GPtrArray) again = sample_rows (TRUE);
  CdStaffView *view;
  GtkColumnView *columns;
  GtkSelectionModel *selection;
  g_autoptr(GtkColumnViewColumn) email = NULL;
  g_autofree char *text = NULL;

  if (!gtk_init_check ())
    {
      g_test_skip ("no display");
      return;
    }
  app = cd_application_new ();
  view = g_object_ref_sink (cd_staff_view_new ());
  cd_staff_view_set_rows (view, rows);
  columns = GTK_COLUMN_VIEW (cd_gui_test_find_type (GTK_WIDGET (view), GTK_TYPE_COLUMN_VIEW));
  selection = gtk_column_view_get_model (columns);
  /* Name order: Hương (1), Nguyên (3), Ánh (4), Thắng (2), Huy (5)? Select
   * by id, whatever the order. */
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (selection)); i++)
    {
      g_autoptr(CdStaffItem) item = g_list_model_get_item (G_LIST_MODEL (selection), i);
      gint64 id = cd_staff_item_get_row (item)->staff_id;

      if (id == 1 || id == 3)
        gtk_selection_model_select_item (selection, i, FALSE);
    }
  text = selected_text (view);
  g_assert_cmpstr (text, ==, "1,3");
  g_clear_pointer (&text, g_free);

  /* A search that moves them to other places. */
  cd_staff_view_set_search (view, "nguyen");
  text = selected_text (view);
  g_assert_cmpstr (text, ==, "1,3");
  g_clear_pointer (&text, g_free);
  cd_staff_view_set_search (view, "");
  text = selected_text (view);
  g_assert_cmpstr (text, ==, "1,3");
  g_clear_pointer (&text, g_free);

  /* Sorted by email, descending. */
  email = g_list_model_get_item (gtk_column_view_get_columns (columns), 5);
  gtk_column_view_sort_by_column (columns, email, GTK_SORT_DESCENDING);
  text = selected_text (view);
  g_assert_cmpstr (text, ==, "1,3");
  g_clear_pointer (&text, g_free);

  /* Reloaded (new row objects, same people). */
  cd_staff_view_set_rows (view, again);
  text = selected_text (view);
  g_assert_cmpstr (text, ==, "1,3");
  g_clear_pointer (&text, g_free);

  g_object_unref (view);
}

static void
after_paint_cb (GdkFrameClock *clock,
                guint         *frames)
{
  (*frames)++;
}

static void
wait_frames (GtkWidget *window,
             guint      n)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (window);
  guint frames = 0;
  gulong id = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), &frames);
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  gtk_widget_queue_draw (window);
  while (frames < n && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handler_disconnect (clock, id);
  g_assert_cmpuint (frames, >=, n);
}

/* Cells out of view are not laid out, and scrolling draws them: GTK moves
 * rows without drawing them again, so a cell must ask (found with the
 * device list, which did not). */
static void
test_cell_text_drawn_when_scrolled_in (void)
{
  GtkWidget *window, *scrolled, *box;
  CdCellText *cells[50];
  GtkAdjustment *v;

  if (!gtk_init_check ())
    {
      g_test_skip ("no display");
      return;
    }
  window = gtk_window_new ();
  scrolled = gtk_scrolled_window_new ();
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  for (guint i = 0; i < G_N_ELEMENTS (cells); i++)
    {
      g_autofree char *text = g_strdup_printf ("Cán bộ số %u", i);

      cells[i] = CD_CELL_TEXT (cd_cell_text_new ("Nguyễn Thị Phương Thảo", 0.0, TRUE));
      cd_cell_text_set_text (cells[i], text);
      gtk_box_append (GTK_BOX (box), GTK_WIDGET (cells[i]));
    }
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), box);
  gtk_window_set_child (GTK_WINDOW (window), scrolled);
  gtk_window_set_default_size (GTK_WINDOW (window), 300, 120);
  gtk_window_present (GTK_WINDOW (window));
  wait_frames (window, 2);

  g_assert_true (cd_cell_text_is_drawn (cells[0]));
  g_assert_false (cd_cell_text_is_drawn (cells[45]));
  g_assert_cmpstr (cd_cell_text_get_text (cells[45]), ==, "Cán bộ số 45");

  v = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  gtk_adjustment_set_value (v, gtk_adjustment_get_upper (v));
  wait_frames (window, 2);
  g_assert_true (cd_cell_text_is_drawn (cells[45]));

  gtk_window_destroy (GTK_WINDOW (window));
}

static int
width_of (GtkWidget *widget)
{
  int natural = 0;

  gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &natural, NULL, NULL);
  return natural;
}

/* A cell nobody sees (out of view, or its row hidden) takes a new text
 * and class without restyling, measuring or drawing: each search rewrote
 * the ~175 rows GTK keeps out of view after the frame, and that asked for
 * a frame of its own, which held back the next keystroke's. It catches
 * up once scrolled into view or shown; an empty place is measured at once
 * (its column's width follows the rows shown). */
static void
test_cell_text_unseen_catches_up (void)
{
  GtkWidget *window, *scrolled, *box;
  CdCellText *cells[50];
  GtkAdjustment *v;
  int narrow, wide;

  if (!gtk_init_check ())
    {
      g_test_skip ("no display");
      return;
    }
  window = gtk_window_new ();
  scrolled = gtk_scrolled_window_new ();
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  for (guint i = 0; i < G_N_ELEMENTS (cells); i++)
    {
      /* Measured from their text, as the status column is. */
      cells[i] = CD_CELL_TEXT (cd_cell_text_new (NULL, 0.0, FALSE));
      gtk_widget_set_halign (GTK_WIDGET (cells[i]), GTK_ALIGN_START);
      cd_cell_text_set_text (cells[i], "Valid");
      cd_cell_text_set_class (cells[i], "status-valid");
      gtk_box_append (GTK_BOX (box), GTK_WIDGET (cells[i]));
    }
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), box);
  gtk_window_set_child (GTK_WINDOW (window), scrolled);
  gtk_window_set_default_size (GTK_WINDOW (window), 300, 120);
  gtk_window_present (GTK_WINDOW (window));
  wait_frames (window, 2);
  g_assert_true (cd_cell_text_is_drawn (cells[0]));
  g_assert_false (cd_cell_text_is_drawn (cells[45]));
  narrow = width_of (GTK_WIDGET (cells[45]));

  /* In view: at once. */
  cd_cell_text_set_text (cells[0], "Expiring soon, and longer");
  cd_cell_text_set_class (cells[0], "status-expiring");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (cells[0]), "status-expiring"));
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (cells[0]), "status-valid"));
  wide = width_of (GTK_WIDGET (cells[0]));
  g_assert_cmpint (wide, >, narrow);

  /* Out of view: the text is there, the rest waits. */
  cd_cell_text_set_text (cells[45], "Expiring soon, and longer");
  cd_cell_text_set_class (cells[45], "status-expiring");
  g_assert_cmpstr (cd_cell_text_get_text (cells[45]), ==, "Expiring soon, and longer");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (cells[45]), "status-valid"));
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (cells[45]), "status-expiring"));
  g_assert_cmpint (width_of (GTK_WIDGET (cells[45])), ==, narrow);

  /* Emptied out of view: measured at once. */
  cd_cell_text_set_text (cells[44], NULL);
  g_assert_cmpint (width_of (GTK_WIDGET (cells[44])), <, narrow);

  /* Hidden: waits for being shown. */
  gtk_widget_set_visible (GTK_WIDGET (cells[1]), FALSE);
  cd_cell_text_set_class (cells[1], "status-expired");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (cells[1]), "status-valid"));
  gtk_widget_set_visible (GTK_WIDGET (cells[1]), TRUE);
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (cells[1]), "status-expired"));
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (cells[1]), "status-valid"));

  /* Scrolled into view: restyled, measured and drawn. */
  v = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  gtk_adjustment_set_value (v, gtk_adjustment_get_upper (v));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (cells[45]), "status-expiring"));
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (cells[45]), "status-valid"));
  g_assert_cmpint (width_of (GTK_WIDGET (cells[45])), ==, wide);
  wait_frames (window, 2);
  g_assert_true (cd_cell_text_is_drawn (cells[45]));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* The staff list's rows carry the serial beside the search key, not in
 * it (cd_staff_pager_set_list_only): found all the same, in any case. */
static void
test_serial_beside_key (void)
{
  g_autoptr(CdStaffFilter) f = cd_staff_filter_new ();
  CdStaffRow r = { 0 };

  r.full_name = (char *) "Trần Văn An";
  r.cert_serial = (char *) "540101AABB";
  r.search_key = (char *) "tran van an 031080001234 an@hp.edu.vn 0912345678";
  cd_staff_filter_set_query (f, "01aab");
  g_assert_true (cd_staff_filter_match (f, &r));
  cd_staff_filter_set_query (f, "An 01AAB");
  g_assert_true (cd_staff_filter_match (f, &r));
  cd_staff_filter_set_query (f, "0912345678");
  g_assert_true (cd_staff_filter_match (f, &r));
  /* Not across the key and the serial. */
  cd_staff_filter_set_query (f, "56785401");
  g_assert_false (cd_staff_filter_match (f, &r));
  cd_staff_filter_set_query (f, "aabbc");
  g_assert_false (cd_staff_filter_match (f, &r));
  r.cert_serial = NULL;
  cd_staff_filter_set_query (f, "01aab");
  g_assert_false (cd_staff_filter_match (f, &r));
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
  g_test_add_func ("/gui/staff-filter/serial-beside-key", test_serial_beside_key);
  g_test_add_func ("/gui/staff-filter/change-kind", test_change_kind);
  g_test_add_func ("/gui/staff-list-model/counts", test_model_counts);
  g_test_add_func ("/gui/staff-shown/places", test_shown_places);
  g_test_add_func ("/gui/staff-shown/max-places", test_shown_max_places);
  g_test_add_func ("/gui/staff-shown/against-reference", test_shown_against_reference);
  g_test_add_func ("/gui/staff-shown/min-places", test_shown_min_places);
  g_test_add_func ("/gui/application/renderer", test_choose_renderer);
  g_test_add_func ("/gui/staff-view/selection-follows-people", test_view_selection_follows_people);
  g_test_add_func ("/gui/cell-text/drawn-when-scrolled-in", test_cell_text_drawn_when_scrolled_in);
  g_test_add_func ("/gui/cell-text/unseen-catches-up", test_cell_text_unseen_catches_up);
  return g_test_run ();
}
