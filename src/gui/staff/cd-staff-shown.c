/* cd-staff-shown.c
 *
 * Sorting and filtering in one model instead of GtkSortListModel and
 * GtkFilterListModel: with those, a keystroke that changed the first rows
 * replaced the items there, and GTK 4.8's list view destroyed and rebuilt
 * the ~200 rows it keeps (1,400 cells: 100–600 ms with 30,000 staff).
 * Here the items are places that stay; only who is shown in them changes.
 *
 * The number of places does not drop below what the view built (up to
 * cd_staff_shown_set_min_places()): a keystroke that narrowed the list
 * under ~200 people made GTK 4.8 destroy the rows past them, and the
 * next one that widened it build them all again — 15 widgets per row,
 * measured anew: most of a keystroke's 50–70 ms. Places past the people
 * show nobody (their row is NULL; the view hides them).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cd-staff-shown.h"

struct _CdStaffShown
{
  GObject           parent_instance;

  CdStaffListModel *all;
  GtkSorter        *sorter;
  CdStaffFilter    *criteria;   /* not owned */
  GPtrArray        *order;      /* const CdStaffRow * of @all, sorted */
  GPtrArray        *shown;      /* those of @order kept by @criteria */
  GPtrArray        *places;     /* CdStaffItem per position, made when asked */
  CdStaffItem      *probe_a;    /* lend two rows to the sorter, which */
  CdStaffItem      *probe_b;    /* compares items: no item per person */
  guint             max_places; /* places offered to the view, G_MAXUINT: all */
  guint             min_places; /* places kept once offered, empty if need be */
  guint             floor;      /* places offered so far, up to @min_places */
};

enum { ROWS_CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

static GType
shown_get_item_type (GListModel *model)
{
  return CD_TYPE_STAFF_ITEM;
}

static guint
offered (CdStaffShown *self,
         guint         n)
{
  return MIN (MAX (n, self->floor), self->max_places);
}

/* Places once offered for @n people stay offered (up to min_places). */
static void
raise_floor (CdStaffShown *self,
             guint         n)
{
  self->floor = MAX (self->floor, MIN (MIN (n, self->max_places), self->min_places));
}

static guint
shown_get_n_items (GListModel *model)
{
  CdStaffShown *self = CD_STAFF_SHOWN (model);

  return offered (self, self->shown->len);
}

static gpointer
shown_get_item (GListModel *model,
                guint       position)
{
  CdStaffShown *self = CD_STAFF_SHOWN (model);
  CdStaffItem *place;

  if (position >= offered (self, self->shown->len))
    return NULL;
  if (position >= self->places->len)
    g_ptr_array_set_size (self->places, position + 1);
  place = g_ptr_array_index (self->places, position);
  if (place == NULL)
    {
      place = g_object_new (CD_TYPE_STAFF_ITEM, NULL);
      cd_staff_item_set_row (place, cd_staff_list_model_get_pages (self->all),
                             position < self->shown->len ? g_ptr_array_index (self->shown, position) : NULL);
      self->places->pdata[position] = place;
    }
  return g_object_ref (place);
}

static void
shown_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = shown_get_item_type;
  iface->get_n_items = shown_get_n_items;
  iface->get_item = shown_get_item;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (CdStaffShown, cd_staff_shown, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, shown_model_iface_init))

/* Puts @shown (taken) in place of the list shown now. */
static void
replace_shown (CdStaffShown *self,
               GPtrArray    *shown)
{
  guint old_n = offered (self, self->shown->len);
  guint new_n, common;
  gboolean moved = FALSE;

  raise_floor (self, shown->len);
  new_n = offered (self, shown->len);
  common = MIN (old_n, new_n);
  g_ptr_array_unref (self->shown);
  self->shown = shown;
  for (guint i = 0; i < common && i < self->places->len; i++)
    {
      CdStaffItem *place = g_ptr_array_index (self->places, i);
      const CdStaffRow *who = i < shown->len ? g_ptr_array_index (shown, i) : NULL;

      if (place != NULL && cd_staff_item_get_row (place) != who)
        {
          cd_staff_item_set_row (place, cd_staff_list_model_get_pages (self->all), who);
          moved = TRUE;
        }
    }
  /* Places past the end go (their items are unreferenced), new ones are
   * made when the view asks for them. */
  g_ptr_array_set_size (self->places, MAX (shown->len, new_n));
  if (old_n != new_n)
    g_list_model_items_changed (G_LIST_MODEL (self), common, old_n - common, new_n - common);
  if (moved)
    g_signal_emit (self, signals[ROWS_CHANGED], 0);
}

static void
filter_all (CdStaffShown *self,
            GPtrArray    *from)
{
  GPtrArray *shown = g_ptr_array_sized_new (from->len);

  for (guint i = 0; i < from->len; i++)
    {
      const CdStaffRow *row = g_ptr_array_index (from, i);

      if (self->criteria == NULL || cd_staff_filter_match (self->criteria, row))
        g_ptr_array_add (shown, (gpointer) row);
    }
  replace_shown (self, shown);
}

/* The sorter's order of rows @a and @b. */
static GtkOrdering
compare_rows (CdStaffShown     *self,
              const CdStaffRow *a,
              const CdStaffRow *b)
{
  cd_staff_item_set_row (self->probe_a, NULL, a);
  cd_staff_item_set_row (self->probe_b, NULL, b);
  return gtk_sorter_compare (self->sorter, self->probe_a, self->probe_b);
}

static int
compare_items (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  return compare_rows (user_data, *(const CdStaffRow **) a, *(const CdStaffRow **) b);
}

static void
sort_order (CdStaffShown *self)
{
  gboolean sorted = TRUE;

  if (self->sorter == NULL || gtk_sorter_get_order (self->sorter) == GTK_SORTER_ORDER_NONE)
    return;
  /* The register comes in name order, the default sort: one pass tells
   * that nothing is to be done (sorting 30,000 items costs ~50 ms). */
  for (guint i = 1; sorted && i < self->order->len; i++)
    sorted = compare_rows (self, self->order->pdata[i - 1], self->order->pdata[i]) != GTK_ORDERING_LARGER;
  if (!sorted)
    g_ptr_array_sort_with_data (self->order, compare_items, self);
}

static void
take_all (CdStaffShown *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->all));

  g_ptr_array_set_size (self->order, 0);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (self->order, (gpointer) cd_staff_list_model_get_row (self->all, i));
  sort_order (self);
  filter_all (self, self->order);
}

/* @a and @b (each in the sorter's order) as one array in that order;
 * @a's items first among equals. */
static GPtrArray *
merge (CdStaffShown *self,
       GPtrArray    *a,
       GPtrArray    *b)
{
  GPtrArray *out = g_ptr_array_sized_new (a->len + b->len);
  guint i = 0, j = 0;

  while (i < a->len || j < b->len)
    {
      gpointer next;

      if (j >= b->len
          || (i < a->len && compare_rows (self, a->pdata[i], b->pdata[j]) != GTK_ORDERING_LARGER))
        next = a->pdata[i++];
      else
        next = b->pdata[j++];
      g_ptr_array_add (out, next);
    }
  return out;
}

static gboolean
is_sorted (CdStaffShown *self)
{
  return self->sorter != NULL && gtk_sorter_get_order (self->sorter) != GTK_SORTER_ORDER_NONE;
}

/* A page of the register came in while the window is shown: sort and
 * filter only it, then merge it in — taking everything again for each
 * page made loading 100,000 people quadratic. In name order (the
 * default) a page lands after the last one, and merging is appending. */
static void
append_items (CdStaffShown *self,
              guint         position,
              guint         added)
{
  g_autoptr(GPtrArray) batch = g_ptr_array_sized_new (added);
  g_autoptr(GPtrArray) kept = g_ptr_array_sized_new (added);
  GPtrArray *shown;

  for (guint i = 0; i < added; i++)
    g_ptr_array_add (batch, (gpointer) cd_staff_list_model_get_row (self->all, position + i));
  if (is_sorted (self))
    {
      gboolean sorted = TRUE;

      for (guint i = 1; sorted && i < batch->len; i++)
        sorted = compare_rows (self, batch->pdata[i - 1], batch->pdata[i]) != GTK_ORDERING_LARGER;
      if (!sorted)
        g_ptr_array_sort_with_data (batch, compare_items, self);
    }
  for (guint i = 0; i < batch->len; i++)
    {
      const CdStaffRow *row = g_ptr_array_index (batch, i);

      if (self->criteria == NULL || cd_staff_filter_match (self->criteria, row))
        g_ptr_array_add (kept, (gpointer) row);
    }

  if (!is_sorted (self) || self->order->len == 0
      || compare_rows (self, self->order->pdata[self->order->len - 1], batch->pdata[0])
         != GTK_ORDERING_LARGER)
    g_ptr_array_extend (self->order, batch, NULL, NULL);
  else
    {
      GPtrArray *order = merge (self, self->order, batch);

      g_ptr_array_unref (self->order);
      self->order = order;
    }

  if (!is_sorted (self) || self->shown->len == 0 || kept->len == 0
      || compare_rows (self, self->shown->pdata[self->shown->len - 1], kept->pdata[0])
         != GTK_ORDERING_LARGER)
    {
      shown = g_ptr_array_sized_new (self->shown->len + kept->len);
      g_ptr_array_extend (shown, self->shown, NULL, NULL);
      g_ptr_array_extend (shown, kept, NULL, NULL);
    }
  else
    shown = merge (self, self->shown, kept);
  replace_shown (self, shown);
}

static void
all_changed_cb (GListModel   *all,
                guint         position,
                guint         removed,
                guint         added,
                CdStaffShown *self)
{
  if (removed == 0 && added > 0 && position == self->order->len
      && position + added == g_list_model_get_n_items (all))
    append_items (self, position, added);
  else
    take_all (self);
}

/* Places not asked for yet are NULL. */
static void
place_free (gpointer place)
{
  if (place != NULL)
    g_object_unref (place);
}

static void
cd_staff_shown_dispose (GObject *object)
{
  CdStaffShown *self = CD_STAFF_SHOWN (object);

  if (self->all != NULL)
    g_signal_handlers_disconnect_by_data (self->all, self);
  g_clear_object (&self->all);
  g_clear_object (&self->sorter);
  g_clear_object (&self->probe_a);
  g_clear_object (&self->probe_b);

  G_OBJECT_CLASS (cd_staff_shown_parent_class)->dispose (object);
}

static void
cd_staff_shown_finalize (GObject *object)
{
  CdStaffShown *self = CD_STAFF_SHOWN (object);

  g_clear_pointer (&self->places, g_ptr_array_unref);
  g_clear_pointer (&self->shown, g_ptr_array_unref);
  g_clear_pointer (&self->order, g_ptr_array_unref);

  G_OBJECT_CLASS (cd_staff_shown_parent_class)->finalize (object);
}

static void
cd_staff_shown_class_init (CdStaffShownClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = cd_staff_shown_dispose;
  object_class->finalize = cd_staff_shown_finalize;

  /* rows-changed: some existing places show someone else now. */
  signals[ROWS_CHANGED] = g_signal_new ("rows-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
cd_staff_shown_init (CdStaffShown *self)
{
  self->order = g_ptr_array_new ();
  self->probe_a = g_object_new (CD_TYPE_STAFF_ITEM, NULL);
  self->probe_b = g_object_new (CD_TYPE_STAFF_ITEM, NULL);
  self->shown = g_ptr_array_new ();
  self->places = g_ptr_array_new_with_free_func (place_free);
  self->max_places = G_MAXUINT;
}

CdStaffShown *
cd_staff_shown_new (CdStaffListModel *all,
                    GtkSorter        *sorter,
                    CdStaffFilter    *criteria)
{
  CdStaffShown *self;

  g_return_val_if_fail (CD_IS_STAFF_LIST_MODEL (all), NULL);
  g_return_val_if_fail (sorter == NULL || GTK_IS_SORTER (sorter), NULL);

  self = g_object_new (CD_TYPE_STAFF_SHOWN, NULL);
  self->all = g_object_ref (all);
  self->sorter = sorter ? g_object_ref (sorter) : NULL;
  self->criteria = criteria;
  g_signal_connect (all, "items-changed", G_CALLBACK (all_changed_cb), self);
  take_all (self);
  return self;
}

void
cd_staff_shown_sort (CdStaffShown *self)
{
  g_return_if_fail (CD_IS_STAFF_SHOWN (self));

  sort_order (self);
  filter_all (self, self->order);
}

void
cd_staff_shown_refilter (CdStaffShown        *self,
                         CdStaffFilterChange  change)
{
  g_return_if_fail (CD_IS_STAFF_SHOWN (self));

  switch (change)
    {
    case CD_STAFF_FILTER_SAME:
      return;
    case CD_STAFF_FILTER_MORE_STRICT:
      /* Only those shown now can still match. */
      {
        g_autoptr(GPtrArray) from = g_ptr_array_ref (self->shown);
        filter_all (self, from);
      }
      return;
    case CD_STAFF_FILTER_LESS_STRICT:
    case CD_STAFF_FILTER_DIFFERENT:
    default:
      filter_all (self, self->order);
      return;
    }
}

void
cd_staff_shown_set_max_places (CdStaffShown *self,
                               guint         max_places)
{
  guint before, after;

  g_return_if_fail (CD_IS_STAFF_SHOWN (self));

  before = offered (self, self->shown->len);
  self->max_places = max_places;
  raise_floor (self, self->shown->len);
  after = offered (self, self->shown->len);
  if (after > before)
    g_list_model_items_changed (G_LIST_MODEL (self), before, 0, after - before);
  else if (after < before)
    {
      /* Forget the places no longer offered: the view let go of them. */
      for (guint i = after; i < before && i < self->places->len; i++)
        g_clear_object ((CdStaffItem **) &self->places->pdata[i]);
      g_list_model_items_changed (G_LIST_MODEL (self), after, before - after, 0);
    }
}

guint
cd_staff_shown_get_n_people (CdStaffShown *self)
{
  g_return_val_if_fail (CD_IS_STAFF_SHOWN (self), 0);
  return self->shown->len;
}

const CdStaffRow *
cd_staff_shown_get_row (CdStaffShown *self,
                        guint         position)
{
  g_return_val_if_fail (CD_IS_STAFF_SHOWN (self), NULL);

  if (position >= MIN (offered (self, self->shown->len), self->shown->len))
    return NULL;
  return g_ptr_array_index (self->shown, position);
}

void
cd_staff_shown_set_min_places (CdStaffShown *self,
                               guint         min_places)
{
  g_return_if_fail (CD_IS_STAFF_SHOWN (self));

  /* From the next change on; places offered already stay until then. */
  self->min_places = min_places;
}
