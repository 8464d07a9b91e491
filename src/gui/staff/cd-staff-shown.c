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
 * A search does not ask each row in turn: the model's keys are packed in
 * one buffer (CdKeyIndex) and each word is looked for in all of them at
 * once, into one mark per person; a narrowing keystroke looks only at
 * those marked. The sorted order is kept as positions in the model, so
 * the people shown are the marked ones of it, in one pass.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "cd-staff-shown.h"

struct _CdStaffShown
{
  GObject           parent_instance;

  CdStaffListModel *all;
  GtkSorter        *sorter;
  CdStaffFilter    *criteria;   /* not owned */
  GArray           *order;      /* guint positions in @all, sorted */
  GByteArray       *marks;      /* per position in @all: kept by @criteria */
  GPtrArray        *shown;      /* const CdStaffRow * of @order kept by @criteria */
  GPtrArray        *spare;      /* the last @shown, its memory for the next */
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
  /* 100,000 pointers are 800 kB: a fresh array for each keystroke was
   * mapped and faulted in anew. */
  g_clear_pointer (&self->spare, g_ptr_array_unref);
  self->spare = self->shown;
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

/* An empty array for the next list shown, the spare's memory reused. */
static GPtrArray *
take_spare (CdStaffShown *self,
            guint         size)
{
  GPtrArray *out = g_steal_pointer (&self->spare);

  if (out == NULL)
    return g_ptr_array_sized_new (size);
  g_ptr_array_set_size (out, 0);
  return out;
}

/* Clears the marks (one per position in @all) of the people @criteria
 * does not keep, among those marked. */
static void
mark_kept (CdStaffShown *self,
           guint8       *marks)
{
  guint n = 0;
  const CdStaffRow * const *rows = cd_staff_list_model_peek_rows (self->all, &n);

  if (self->criteria == NULL)
    return;
  if (cd_staff_filter_get_chips (self->criteria) != 0)
    for (guint i = 0; i < n; i++)
      if (marks[i] && !cd_staff_filter_match_chips (self->criteria, rows[i]))
        marks[i] = 0;
  if (cd_staff_filter_get_words (self->criteria)[0] != NULL)
    cd_key_index_match (cd_staff_list_model_get_keys (self->all),
                        cd_staff_filter_get_words (self->criteria), marks);
}

/* The marked people of @order, shown. */
static void
show_marked (CdStaffShown *self)
{
  guint n = 0;
  const CdStaffRow * const *rows = cd_staff_list_model_peek_rows (self->all, &n);
  const guint *order = (const guint *) self->order->data;
  const guint8 *marks = self->marks->data;
  GPtrArray *shown = take_spare (self, self->order->len);

  for (guint i = 0; i < self->order->len; i++)
    if (marks[order[i]])
      g_ptr_array_add (shown, (gpointer) rows[order[i]]);
  replace_shown (self, shown);
}

/* Marks again who @criteria keeps: everyone looked at, or (@narrower)
 * only those kept now. */
static void
filter_all (CdStaffShown *self,
            gboolean      narrower)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->all));

  g_byte_array_set_size (self->marks, n);
  if (!narrower && n > 0)
    memset (self->marks->data, 1, n);
  mark_kept (self, self->marks->data);
  show_marked (self);
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

/* The sorter's order of the people at positions @a and @b of @all. */
static GtkOrdering
compare_positions (CdStaffShown *self,
                   guint         a,
                   guint         b)
{
  return compare_rows (self, cd_staff_list_model_get_row (self->all, a),
                       cd_staff_list_model_get_row (self->all, b));
}

static int
compare_items (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  return compare_positions (user_data, *(const guint *) a, *(const guint *) b);
}

static gboolean
is_sorted (CdStaffShown *self)
{
  return self->sorter != NULL && gtk_sorter_get_order (self->sorter) != GTK_SORTER_ORDER_NONE;
}

/* Sorts @positions (of @all) unless they are in order already. */
static void
sort_positions (CdStaffShown *self,
                GArray       *positions)
{
  const guint *p = (const guint *) positions->data;
  gboolean sorted = TRUE;

  if (!is_sorted (self))
    return;
  /* The register comes in name order, the default sort: one pass tells
   * that nothing is to be done (sorting 30,000 items costs ~50 ms). */
  for (guint i = 1; sorted && i < positions->len; i++)
    sorted = compare_positions (self, p[i - 1], p[i]) != GTK_ORDERING_LARGER;
  if (!sorted)
    g_array_sort_with_data (positions, compare_items, self);
}

static void
take_all (CdStaffShown *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->all));

  g_array_set_size (self->order, n);
  for (guint i = 0; i < n; i++)
    g_array_index (self->order, guint, i) = i;
  sort_positions (self, self->order);
  filter_all (self, FALSE);
}

/* @a and @b (rows, each in the sorter's order) as one array in that
 * order; @a's items first among equals. */
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

/* The same for positions of @all. */
static GArray *
merge_positions (CdStaffShown *self,
                 GArray       *a,
                 GArray       *b)
{
  GArray *out = g_array_sized_new (FALSE, FALSE, sizeof (guint), a->len + b->len);
  const guint *pa = (const guint *) a->data, *pb = (const guint *) b->data;
  guint i = 0, j = 0;

  while (i < a->len || j < b->len)
    {
      guint next;

      if (j >= b->len || (i < a->len && compare_positions (self, pa[i], pb[j]) != GTK_ORDERING_LARGER))
        next = pa[i++];
      else
        next = pb[j++];
      g_array_append_val (out, next);
    }
  return out;
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
  g_autoptr(GArray) batch = g_array_sized_new (FALSE, FALSE, sizeof (guint), added);
  g_autoptr(GPtrArray) kept = g_ptr_array_sized_new (added);
  g_autofree guint8 *marks = NULL;
  guint n = position + added;
  GPtrArray *shown;

  for (guint i = 0; i < added; i++)
    {
      guint p = position + i;
      g_array_append_val (batch, p);
    }
  sort_positions (self, batch);

  /* Only the page is looked at; the marks of those before stay. */
  marks = g_malloc0 (n);
  memset (marks + position, 1, added);
  mark_kept (self, marks);
  g_byte_array_set_size (self->marks, n);
  memcpy (self->marks->data + position, marks + position, added);
  for (guint i = 0; i < batch->len; i++)
    {
      guint p = g_array_index (batch, guint, i);

      if (marks[p])
        g_ptr_array_add (kept, (gpointer) cd_staff_list_model_get_row (self->all, p));
    }

  if (!is_sorted (self) || self->order->len == 0
      || compare_positions (self, g_array_index (self->order, guint, self->order->len - 1),
                            g_array_index (batch, guint, 0)) != GTK_ORDERING_LARGER)
    g_array_append_vals (self->order, batch->data, batch->len);
  else
    {
      GArray *order = merge_positions (self, self->order, batch);

      g_array_unref (self->order);
      self->order = order;
    }

  if (!is_sorted (self) || self->shown->len == 0 || kept->len == 0
      || compare_rows (self, self->shown->pdata[self->shown->len - 1], kept->pdata[0])
         != GTK_ORDERING_LARGER)
    {
      shown = take_spare (self, self->shown->len + kept->len);
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
  g_clear_pointer (&self->spare, g_ptr_array_unref);
  g_clear_pointer (&self->marks, g_byte_array_unref);
  g_clear_pointer (&self->order, g_array_unref);

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
  self->order = g_array_new (FALSE, FALSE, sizeof (guint));
  self->marks = g_byte_array_new ();
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

  sort_positions (self, self->order);
  show_marked (self);
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
      /* Only those kept now can still match. */
      filter_all (self, TRUE);
      return;
    case CD_STAFF_FILTER_LESS_STRICT:
    case CD_STAFF_FILTER_DIFFERENT:
    default:
      filter_all (self, FALSE);
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
