/* cd-wizard-people-page.c — the wizard's second step: who is on the
 * list
 *
 * The rows are bound to a GListStore of CdWizardPick (everyone offered)
 * through the search's filter, and to a GListStore of CdWizardHitItem
 * (the register's people the search found) through a filter of those
 * not offered yet and a slice of the first 20. Their buttons name the
 * page's "people.*" actions with the staff (and certificate) id as the
 * target: nothing is stored on the widgets. The register is read on
 * core's worker only: the suggestions (cd_wizard_suggest_async()), the
 * search (cd_wizard_search_async(), the previous one cancelled at each
 * key), a person added by hand or selected in the staff list
 * (cd_wizard_offer_async()) and a resumed draft's names
 * (cd_wizard_rows_async()).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cd-text.h"
#include "cd-wizard-hit-item.h"
#include "cd-wizard-offer.h"
#include "cd-wizard-people-page.h"
#include "cd-wizard-people-rows.h"
#include "cd-wizard-pick.h"
#include "cd-wizard-pick-index.h"
#include "cd-wizard-reason-chooser.h"
#include "cd-wizard-search.h"
#include "cd-wizard-suggest.h"
#include "cd-wizard-window-private.h"

/* at most this many of the search's people are shown to add */
#define HITS_SHOWN 20
/* at most this many rows of people offered: a row is a few widgets, and
 * a whole register may be suggested; the search finds the others */
#define PICKS_SHOWN 100

struct _CdWizardPeoplePage
{
  GtkBox           parent_instance;

  CdWizardWindow  *window;       /* not a reference: the window keeps the page */
  GArray          *initial_ids;  /* selected in the staff list, or NULL */

  /* everyone offered (CdWizardPick), on the list or not; the search's
   * accent-free key filters them */
  GListStore      *picks;
  CdWizardPickIndex *pick_index;
  GtkCustomFilter *pick_filter;
  GtkFilterListModel *picks_matching;  /* the search's */
  char            *pick_query;
  /* the register's people the last search found (CdWizardHitItem),
   * those not offered yet shown */
  GListStore      *hits;
  GtkCustomFilter *hit_filter;
  GtkSliceListModel *hits_shown;
  /* "Started from N people selected…" and who was not added, or NULL */
  char            *start_note;

  char            *suggested_for;     /* kind the suggestions were sought for */
  GCancellable    *suggest_cancel;    /* set while the suggestions are sought */
  GArray          *removed_meanwhile; /* staff ids taken off while seeking */
  GCancellable    *search_cancel;     /* set while a search runs */
  /* the work of the current kind (people added by hand, the selection,
   * a resumed draft's rows): cancelled when the kind changes */
  GCancellable    *kind_cancel;
  guint            n_reading;         /* the selection, the draft's rows */

  GtkWidget       *title_label;
  GtkWidget       *note_label;
  GtkWidget       *search_entry;
  GtkWidget       *count_label;
  GtkWidget       *searching_box;
  GtkWidget       *people_list;
  GtkWidget       *empty_label;     /* the list's placeholder */
  GtkWidget       *more_label;      /* how many more than the rows shown */
  GtkWidget       *search_list;
};

G_DEFINE_FINAL_TYPE (CdWizardPeoplePage, cd_wizard_people_page, GTK_TYPE_BOX)

static void refresh (CdWizardPeoplePage *self);

static gboolean
revocation (CdWizardPeoplePage *self)
{
  return is_revocation (self->window);
}

/* A revocation row's reason was changed: the draft with it. */
static void
reason_changed_cb (CdWizardPeoplePage *self)
{
  if (self->window != NULL)
    self->window->draft->dirty = TRUE;
}

/* ---- The people offered ------------------------------------------------ */

/* Whether the pick is on the list now: its person (for a revocation, its
 * certificate of the person) is in the draft. */
static CdWizardItem *
chosen_item (CdWizardPeoplePage *self,
             CdWizardPick       *pick)
{
  CdWizardDraft *draft = self->window->draft;

  if (revocation (self))
    return cd_wizard_draft_find_certificate (draft, pick->item->staff_id, pick->item->certificate_id);
  return cd_wizard_draft_find (draft, pick->item->staff_id);
}

static CdWizardPick *
find_pick (CdWizardPeoplePage *self,
           gint64              staff_id,
           gint64              certificate_id)
{
  return cd_wizard_pick_index_find (self->pick_index, staff_id, certificate_id, revocation (self));
}

/* Offers @item (taken; its name and serial read on a worker) unless it
 * is offered already; the pick offered. A new pick goes to @pending (a
 * reference), for offer_pending() to append with the others at once, or
 * without @pending to the list at once. */
static CdWizardPick *
offer (CdWizardPeoplePage *self,
       CdWizardItem       *item,
       GPtrArray          *pending)
{
  CdWizardPick *pick = find_pick (self, item->staff_id, item->certificate_id);

  if (pick != NULL)
    {
      cd_wizard_item_free (item);
      return pick;
    }
  pick = cd_wizard_pick_new (item, item->name);
  /* which certificate the row revokes: a person may have two rows */
  if (revocation (self))
    pick->serial = g_strdup (item->serial);
  cd_wizard_pick_index_add (self->pick_index, pick,
                            g_list_model_get_n_items (G_LIST_MODEL (self->picks))
                            + (pending != NULL ? pending->len : 0));
  if (pending != NULL)
    g_ptr_array_add (pending, pick);
  else
    {
      g_list_store_append (self->picks, pick);
      g_object_unref (pick);
    }
  return pick;
}

/* The picks offer() kept in @pending, appended in one change of the list
 * (each change refilters and may rebuild rows). */
static void
offer_pending (CdWizardPeoplePage *self,
               GPtrArray          *pending)
{
  g_list_store_splice (self->picks, g_list_model_get_n_items (G_LIST_MODEL (self->picks)), 0,
                       pending->pdata, pending->len);
  g_ptr_array_set_size (pending, 0);
}

/* The pick's row is made again (its button and state changed). */
static void
pick_changed (CdWizardPeoplePage *self,
              CdWizardPick       *pick)
{
  /* the splice drops the store's reference before it takes the new one */
  g_autoptr(CdWizardPick) keep = g_object_ref (pick);
  g_autoptr(CdWizardPick) there = g_list_model_get_item (G_LIST_MODEL (self->picks), pick->position);

  /* (not there yet: still to be appended, with its new state) */
  if (there == pick)
    g_list_store_splice (self->picks, pick->position, 1, (gpointer *) &keep, 1);
}

/* Whether any row of staff member @id is offered or listed. */
static gboolean
staff_offered (CdWizardPeoplePage *self,
               gint64              id)
{
  return cd_wizard_pick_index_find (self->pick_index, id, 0, FALSE) != NULL
         || cd_wizard_draft_find (self->window->draft, id) != NULL;
}

static void
choose (CdWizardPeoplePage *self,
        CdWizardPick       *pick)
{
  if (chosen_item (self, pick) == NULL)
    cd_wizard_draft_add (self->window->draft, cd_wizard_item_copy (pick->item));
}

/* choose() for many: @index is the draft's (cd_wizard_draft_index()). */
static void
choose_indexed (CdWizardPeoplePage *self,
                CdWizardPick       *pick,
                GHashTable         *index)
{
  cd_wizard_draft_add_indexed (self->window->draft, index, cd_wizard_item_copy (pick->item));
}

/* Takes @pick off the list. For many at once, @index is the draft's
 * (cd_wizard_draft_index()) and the row goes to the set @drop, for
 * cd_wizard_draft_remove_items() to remove with the others. */
static void
unchoose (CdWizardPeoplePage *self,
          CdWizardPick       *pick,
          GHashTable         *index,
          GHashTable         *drop)
{
  CdWizardDraft *draft = self->window->draft;
  g_autofree char *key = index != NULL ? cd_wizard_draft_key (draft, pick->item->staff_id,
                                                              pick->item->certificate_id) : NULL;
  CdWizardItem *have = index != NULL ? g_hash_table_lookup (index, key) : chosen_item (self, pick);
  gint64 id = pick->item->staff_id;

  if (have == NULL)
    return;
  /* put back later, the row keeps the reason the clerk chose (and the
   * name and serial the pick was offered with) */
  cd_wizard_item_free (pick->item);
  pick->item = cd_wizard_item_copy (have);
  if (pick->item->name == NULL)
    pick->item->name = g_strdup (pick->name);
  /* a revocation: this certificate's row only; a request: the person
   * (one row) */
  if (drop != NULL)
    {
      g_hash_table_remove (index, key);
      g_hash_table_add (drop, have);
    }
  else if (revocation (self))
    {
      g_ptr_array_remove (draft->items, have);
      draft->dirty = TRUE;
    }
  else
    cd_wizard_draft_remove (draft, id);
  /* the clerk's choice wins over a suggestion still on its way */
  if (self->suggest_cancel != NULL)
    g_array_append_val (self->removed_meanwhile, id);
}

/* ---- A person added by hand, judged on a worker ------------------------- */

/* A call with the kind's work; its data: whether the people are the
 * staff list's selection. */
static CdWizardCall *
offer_call_new (CdWizardPeoplePage *self,
                gboolean            selection)
{
  return cd_wizard_call_new (self, self->kind_cancel, GINT_TO_POINTER (selection), NULL);
}

/* Whether the page the call was made for is gone (another kind, or the
 * window closed): its result is dropped. */
static gboolean
offer_call_stale (CdWizardCall *call)
{
  CdWizardPeoplePage *self = call->page;

  return cd_wizard_call_cancelled (call) || self->window == NULL || self->window->draft == NULL;
}

/* Each person of @offers: on the list, unless CertDesk refuses them or
 * they belong on another kind of list (offered, not chosen, with the
 * warning). What the clerk is told, one line per person, or NULL. */
static char *
apply_offers (CdWizardPeoplePage *self,
              GPtrArray          *offers,
              gboolean            selection)
{
  g_autoptr(GString) told = g_string_new (NULL);
  g_autoptr(GHashTable) index = cd_wizard_draft_index (self->window->draft);
  g_autoptr(GPtrArray) pending = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < offers->len; i++)
    {
      CdWizardOffer *o = g_ptr_array_index (offers, i);

      if (o->refusal != NULL)
        {
          if (told->len > 0)
            g_string_append_c (told, '\n');
          if (selection)
            g_string_append_printf (told, _("Not added: %s"), o->refusal);
          else
            g_string_append (told, o->refusal);
          continue;
        }
      for (guint j = 0; j < o->items->len; j++)
        {
          CdWizardPick *pick = offer (self, cd_wizard_item_copy (g_ptr_array_index (o->items, j)), pending);

          if (o->better_kind != NULL)
            {
              g_free (pick->warning);
              pick->warning = g_strdup (o->warning);
              pick->better_kind = o->better_kind;
              /* offered, not listed, whichever of this and the
               * suggestions came back first (one at a time: few) */
              unchoose (self, pick, NULL, NULL);
              g_hash_table_unref (index);
              index = cd_wizard_draft_index (self->window->draft);
            }
          else
            choose_indexed (self, pick, index);
          pick_changed (self, pick);
        }
      if (o->better_kind != NULL && o->warning != NULL)
        {
          if (told->len > 0)
            g_string_append_c (told, '\n');
          g_string_append (told, o->warning);
        }
    }
  offer_pending (self, pending);
  return told->len > 0 ? g_string_free (g_steal_pointer (&told), FALSE) : NULL;
}

static void
offer_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(CdWizardCall) call = user_data;
  CdWizardPeoplePage *self = call->page;
  gboolean selection = GPOINTER_TO_INT (call->data);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) offers = cd_wizard_offer_finish (CD_STORE (source), result, &error);
  g_autofree char *told = NULL;

  if (offer_call_stale (call))
    return;
  if (selection)
    self->n_reading--;
  if (offers == NULL)
    toast (self->window, error->message);
  else
    told = apply_offers (self, offers, selection);
  if (told != NULL && selection)
    {
      /* said under the step's title, with the number selected */
      g_autofree char *note = g_strconcat (self->start_note, "\n", told, NULL);

      g_free (self->start_note);
      self->start_note = g_steal_pointer (&note);
    }
  else if (told != NULL)
    toast (self->window, told);
  refresh (self);
}

/* The people selected in the staff list when the clerk started the
 * wizard from them: offered and chosen, except those CertDesk refuses or
 * that belong on another list; the step says so. */
static void
add_selected (CdWizardPeoplePage *self)
{
  guint n = self->initial_ids != NULL ? self->initial_ids->len : 0;
  g_autofree char *count = NULL;

  g_clear_pointer (&self->start_note, g_free);
  if (n == 0)
    return;
  count = cd_text_count (n);
  self->start_note = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                   "Started from %s person selected in the staff list.",
                                                   "Started from %s people selected in the staff list.", n),
                                      count);
  self->n_reading++;
  cd_wizard_offer_async (self->window->store, self->window->draft, self->initial_ids, now_seconds (),
                         self->kind_cancel, offer_done_cb, offer_call_new (self, TRUE));
}

/* ---- A resumed draft's rows --------------------------------------------- */

static void
rows_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(CdWizardCall) call = user_data;
  CdWizardPeoplePage *self = call->page;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = cd_wizard_rows_finish (CD_STORE (source), result, &error);

  if (offer_call_stale (call))
    return;
  self->n_reading--;
  if (rows == NULL)
    toast (self->window, error->message);
  {
    g_autoptr(GPtrArray) pending = g_ptr_array_new_with_free_func (g_object_unref);

    for (guint i = 0; rows != NULL && i < rows->len; i++)
      offer (self, g_steal_pointer (&rows->pdata[i]), pending);
    offer_pending (self, pending);
  }
  refresh (self);
}

/* Every row of the draft not offered yet is offered once its name and
 * serial are read (a resumed draft). */
static void
offer_draft (CdWizardPeoplePage *self)
{
  CdWizardDraft *draft = self->window->draft;
  g_autoptr(CdWizardDraft) missing = cd_wizard_draft_new (draft->kind);

  for (guint i = 0; i < draft->items->len; i++)
    {
      CdWizardItem *item = g_ptr_array_index (draft->items, i);

      if (find_pick (self, item->staff_id, item->certificate_id) == NULL)
        g_ptr_array_add (missing->items, cd_wizard_item_copy (item));
    }
  if (missing->items->len == 0)
    return;
  self->n_reading++;
  cd_wizard_rows_async (self->window->store, missing, self->kind_cancel,
                        rows_done_cb, offer_call_new (self, FALSE));
}

/* ---- Suggestions --------------------------------------------------------- */

static void
suggest_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  /* its data: the kind suggested for */
  g_autoptr(CdWizardCall) call = user_data;
  CdWizardPeoplePage *self = call->page;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = cd_wizard_suggest_finish (CD_STORE (source), result, &error);
  g_autoptr(GHashTable) index = NULL;
  g_autoptr(GHashTable) removed = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GPtrArray) pending = g_ptr_array_new_with_free_func (g_object_unref);

  /* Closed, or the clerk chose another kind meanwhile: not ours any more. */
  if (self->window == NULL || self->window->draft == NULL || call->cancellable != self->suggest_cancel
      || cd_wizard_call_cancelled (call) || g_strcmp0 (call->data, self->window->draft->kind) != 0)
    return;
  g_clear_object (&self->suggest_cancel);
  if (items == NULL)
    toast (self->window, error->message);
  /* a whole register may be suggested: each look-up by key */
  index = cd_wizard_draft_index (self->window->draft);
  for (guint j = 0; j < self->removed_meanwhile->len; j++)
    g_hash_table_add (removed, &g_array_index (self->removed_meanwhile, gint64, j));
  for (guint i = 0; items != NULL && i < items->len; i++)
    {
      CdWizardItem *s = g_ptr_array_index (items, i);
      CdWizardPick *have = find_pick (self, s->staff_id, s->certificate_id);

      if (g_hash_table_contains (removed, &s->staff_id))
        continue;
      if (have != NULL)
        {
          /* chosen in the staff view (or by hand) and suggested: add the
           * reason, keep what the clerk set */
          g_autofree char *key = cd_wizard_draft_key (self->window->draft, have->item->staff_id,
                                                      have->item->certificate_id);
          CdWizardItem *listed = g_hash_table_lookup (index, key);

          g_free (have->item->why);
          have->item->why = g_strdup (s->why);
          if (listed != NULL)
            {
              g_free (listed->why);
              listed->why = g_strdup (s->why);
            }
          pick_changed (self, have);
          continue;
        }
      have = offer (self, cd_wizard_item_copy (s), pending);
      choose_indexed (self, have, index);
    }
  offer_pending (self, pending);
  g_array_set_size (self->removed_meanwhile, 0);
  refresh (self);
}

/* The suggestions are sought on core's worker (a connection of its own):
 * on a large register they take a noticeable time. */
static void
add_suggestions (CdWizardPeoplePage *self)
{
  CdWizardWindow *window = self->window;
  g_auto(GStrv) doms = NULL;

  if (g_strcmp0 (self->suggested_for, window->draft->kind) == 0)
    return;
  g_free (self->suggested_for);
  self->suggested_for = g_strdup (window->draft->kind);
  doms = domains (window);
  add_selected (self);
  if (self->suggest_cancel != NULL)
    g_cancellable_cancel (self->suggest_cancel);
  g_clear_object (&self->suggest_cancel);
  g_array_set_size (self->removed_meanwhile, 0);
  self->suggest_cancel = g_cancellable_new ();
  cd_wizard_suggest_async (window->store, window->draft->kind, now_seconds (),
                           threshold (window), (const char * const *) doms,
                           self->suggest_cancel, suggest_done_cb,
                           cd_wizard_call_new (self, self->suggest_cancel,
                                               g_strdup (window->draft->kind), g_free));
}

/* ---- The search ---------------------------------------------------------- */

static void
show_hits (CdWizardPeoplePage *self,
           GPtrArray          *hits)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; hits != NULL && i < hits->len; i++)
    g_ptr_array_add (items, cd_wizard_hit_item_new (g_steal_pointer (&hits->pdata[i])));
  g_list_store_splice (self->hits, 0, g_list_model_get_n_items (G_LIST_MODEL (self->hits)),
                       items->pdata, items->len);
}

static void
search_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(CdWizardCall) call = user_data;
  CdWizardPeoplePage *self = call->page;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hits = cd_wizard_search_finish (CD_STORE (source), result, &error);

  /* closed, or the clerk typed on: a newer search is coming */
  if (self->window == NULL || call->cancellable != self->search_cancel || cd_wizard_call_cancelled (call))
    return;
  g_clear_object (&self->search_cancel);
  if (hits == NULL)
    toast (self->window, error->message);
  show_hits (self, hits);
}

/* Searches the register for @query on core's worker; the hits show when
 * they arrive (an older search still running is dropped). */
static void
start_search (CdWizardPeoplePage *self,
              const char         *query)
{
  if (self->search_cancel != NULL)
    g_cancellable_cancel (self->search_cancel);
  g_clear_object (&self->search_cancel);
  if (query == NULL || *query == '\0')
    {
      show_hits (self, NULL);
      return;
    }
  self->search_cancel = g_cancellable_new ();
  /* room for the people offered already, which are not shown */
  cd_wizard_search_async (self->window->store, self->window->draft, query, now_seconds (), 60,
                          self->search_cancel, search_done_cb,
                          cd_wizard_call_new (self, self->search_cancel, NULL, NULL));
}

static void
search_changed_cb (CdWizardPeoplePage *self,
                   GtkSearchEntry     *entry)
{
  if (self->window == NULL)
    return;
  g_free (self->pick_query);
  self->pick_query = cd_text_search_key (gtk_editable_get_text (GTK_EDITABLE (entry)));
  gtk_filter_changed (GTK_FILTER (self->pick_filter), GTK_FILTER_CHANGE_DIFFERENT);
  /* an empty list while searching is the search's doing, not nobody */
  gtk_label_set_label (GTK_LABEL (self->empty_label),
                       *self->pick_query != '\0' && g_list_model_get_n_items (G_LIST_MODEL (self->picks)) > 0
                       ? _("No one offered matches the search; the register's matches are below.")
                       : _("Nobody offered yet: search for staff above to add them."));
  start_search (self, gtk_editable_get_text (GTK_EDITABLE (entry)));
}

/* ---- Rows ---------------------------------------------------------------- */

static gboolean
pick_visible (gpointer item,
              gpointer user_data)
{
  CdWizardPeoplePage *self = user_data;

  return cd_wizard_pick_matches (CD_WIZARD_PICK (item), self->pick_query);
}

/* The search's people not offered already. */
static gboolean
hit_visible (gpointer item,
             gpointer user_data)
{
  CdWizardPeoplePage *self = user_data;

  return self->window != NULL && !staff_offered (self, CD_WIZARD_HIT_ITEM (item)->hit->staff_id);
}

static GtkWidget *
pick_row (gpointer item,
          gpointer user_data)
{
  CdWizardPeoplePage *self = user_data;
  CdWizardPick *pick = CD_WIZARD_PICK (item);
  GtkWidget *reason = NULL;
  GtkWidget *row = cd_wizard_pick_row_new (pick, chosen_item (self, pick), revocation (self), &reason);

  if (reason != NULL)
    g_signal_connect_object (reason, "changed", G_CALLBACK (reason_changed_cb), self, G_CONNECT_SWAPPED);
  return row;
}

static void
hits_changed_cb (CdWizardPeoplePage *self,
                 guint               position,
                 guint               removed,
                 guint               added,
                 GListModel         *model)
{
  gtk_widget_set_visible (self->search_list, g_list_model_get_n_items (model) > 0);
}

/* Past the rows shown, how many more the search would find. */
static void
picks_changed_cb (CdWizardPeoplePage *self,
                  guint               position,
                  guint               removed,
                  guint               added,
                  GListModel         *model)
{
  guint n = g_list_model_get_n_items (model);
  g_autofree char *more = NULL;
  g_autofree char *rest = NULL;

  gtk_widget_set_visible (self->more_label, n > PICKS_SHOWN);
  if (n <= PICKS_SHOWN)
    return;
  rest = cd_text_count (n - PICKS_SHOWN);
  more = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "The first %u are shown, %s more is on the list: search by name to find anyone.",
                                       "The first %u are shown, %s more are on the list: search by name to find anyone.",
                                       n - PICKS_SHOWN),
                          PICKS_SHOWN, rest);
  gtk_label_set_label (GTK_LABEL (self->more_label), more);
}

static void
refresh (CdWizardPeoplePage *self)
{
  CdWizardWindow *window = self->window;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->picks));
  guint chosen = 0;
  gboolean reading = self->suggest_cancel != NULL || self->n_reading > 0;
  g_autofree char *count = NULL;
  g_autoptr(GHashTable) index = NULL;
  GtkWidget *child;

  if (window == NULL)
    return;
  index = cd_wizard_draft_index (window->draft);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CdWizardPick) pick = g_list_model_get_item (G_LIST_MODEL (self->picks), i);
      g_autofree char *key = cd_wizard_draft_key (window->draft, pick->item->staff_id,
                                                  pick->item->certificate_id);

      chosen += g_hash_table_contains (index, key);
    }
  count = g_strdup_printf (_("Selected %u/%u"), chosen, n);
  gtk_label_set_label (GTK_LABEL (self->count_label), count);
  gtk_label_set_label (GTK_LABEL (self->note_label), self->start_note ? self->start_note : "");
  gtk_widget_set_visible (self->note_label, self->start_note != NULL);
  /* made and taken away, not hidden: a screen reader (and the tests)
   * must not read "Searching…" once the suggestions are in */
  while ((child = gtk_widget_get_first_child (self->searching_box)) != NULL)
    gtk_box_remove (GTK_BOX (self->searching_box), child);
  if (reading)
    {
      GtkWidget *spinner = gtk_spinner_new ();

      gtk_spinner_start (GTK_SPINNER (spinner));
      gtk_box_append (GTK_BOX (self->searching_box), spinner);
      gtk_box_append (GTK_BOX (self->searching_box),
                      heading (_("Searching…"),
                               _("CertDesk is looking through the register for the people this list is for.")));
    }
  /* "Nobody offered yet" is not true while the register is searched */
  gtk_widget_set_visible (self->empty_label, !reading);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "people.select-all", chosen < n);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "people.clear-all", chosen > 0);
  /* who is offered changed: the search's people already offered go */
  gtk_filter_changed (GTK_FILTER (self->hit_filter), GTK_FILTER_CHANGE_DIFFERENT);
  /* only while shown: the window's Next belongs to the step shown */
  if (window->page == PAGE_PEOPLE && gtk_widget_get_parent (GTK_WIDGET (self)) != NULL)
    gtk_widget_set_sensitive (GTK_WIDGET (window->next_button),
                              window->draft->items->len > 0 && !reading);
}

/* ---- Actions ------------------------------------------------------------- */

static void
choose_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  CdWizardPeoplePage *self = CD_WIZARD_PEOPLE_PAGE (widget);
  gint64 staff_id, certificate_id;
  CdWizardPick *pick;

  if (self->window == NULL)
    return;
  g_variant_get (param, "(xx)", &staff_id, &certificate_id);
  pick = find_pick (self, staff_id, certificate_id);
  if (pick == NULL)
    return;
  if (g_str_equal (action_name, "people.choose"))
    choose (self, pick);
  else
    unchoose (self, pick, NULL, NULL);
  pick_changed (self, pick);
  refresh (self);
}

/* Select all / clear all act on the people the search shows. */
static void
all_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *param)
{
  CdWizardPeoplePage *self = CD_WIZARD_PEOPLE_PAGE (widget);
  gboolean select = g_str_equal (action_name, "people.select-all");
  g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func (g_object_unref);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->picks));
  g_autoptr(GHashTable) index = NULL;
  g_autoptr(GHashTable) drop = g_hash_table_new (NULL, NULL);

  if (self->window == NULL)
    return;
  index = cd_wizard_draft_index (self->window->draft);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (all, g_list_model_get_item (G_LIST_MODEL (self->picks), i));
  for (guint i = 0; i < n; i++)
    {
      CdWizardPick *pick = g_ptr_array_index (all, i);

      if (!cd_wizard_pick_matches (pick, self->pick_query))
        continue;
      /* a person who belongs on another list is added one by one */
      if (select && pick->better_kind == NULL)
        choose_indexed (self, pick, index);
      else if (!select)
        unchoose (self, pick, index, drop);
    }
  cd_wizard_draft_remove_items (self->window->draft, drop);
  /* every row again at once: one change of the model, not one per row */
  g_list_store_splice (self->picks, 0, n, all->pdata, n);
  refresh (self);
}

/* A person the search found: judged on a worker, then on the list,
 * offered with a warning, or refused with a toast saying why. */
static void
add_staff_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  CdWizardPeoplePage *self = CD_WIZARD_PEOPLE_PAGE (widget);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 id = g_variant_get_int64 (param);

  if (self->window == NULL)
    return;
  g_array_append_val (ids, id);
  cd_wizard_offer_async (self->window->store, self->window->draft, ids, now_seconds (),
                         self->kind_cancel, offer_done_cb, offer_call_new (self, FALSE));
}

/* The person belongs on another kind of list: a new wizard of that kind
 * for them, started from them (and saying so). */
static void
other_list_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  CdWizardPeoplePage *self = CD_WIZARD_PEOPLE_PAGE (widget);
  CdWizardWindow *window = self->window;
  gint64 id = g_variant_get_int64 (param);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  CdWizardPick *pick;
  CdWizardWindow *other;

  if (window == NULL)
    return;
  pick = find_pick (self, id, 0);
  if (pick == NULL || pick->better_kind == NULL)
    return;
  g_array_append_val (ids, id);
  other = cd_wizard_window_new (gtk_window_get_transient_for (GTK_WINDOW (window)), window->store,
                                window->settings, pick->better_kind, ids);
  gtk_window_present (GTK_WINDOW (other));
}

/* ---- The page ------------------------------------------------------------ */

void
cd_wizard_people_page_show (CdWizardPeoplePage *self)
{
  g_autofree char *title = NULL;

  g_return_if_fail (CD_IS_WIZARD_PEOPLE_PAGE (self));
  g_return_if_fail (self->window != NULL);

  add_suggestions (self);
  offer_draft (self);
  title = g_strdup_printf (_("Who is on the list (%s)"), cd_wizard_kind_title (self->window->draft->kind));
  gtk_label_set_label (GTK_LABEL (self->title_label), title);
  /* a new, empty search each time: no search running, no hits */
  if (self->search_cancel != NULL)
    g_cancellable_cancel (self->search_cancel);
  g_clear_object (&self->search_cancel);
  g_signal_handlers_block_by_func (self->search_entry, search_changed_cb, self);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  g_signal_handlers_unblock_by_func (self->search_entry, search_changed_cb, self);
  g_clear_pointer (&self->pick_query, g_free);
  gtk_filter_changed (GTK_FILTER (self->pick_filter), GTK_FILTER_CHANGE_LESS_STRICT);
  show_hits (self, NULL);
  refresh (self);
}

static void
cancel_kind_work (CdWizardPeoplePage *self)
{
  if (self->suggest_cancel != NULL)
    g_cancellable_cancel (self->suggest_cancel);
  g_clear_object (&self->suggest_cancel);
  if (self->kind_cancel != NULL)
    g_cancellable_cancel (self->kind_cancel);
  g_clear_object (&self->kind_cancel);
  self->n_reading = 0;
}

void
cd_wizard_people_page_reset (CdWizardPeoplePage *self)
{
  g_return_if_fail (CD_IS_WIZARD_PEOPLE_PAGE (self));

  /* a result for the former kind is discarded when it arrives */
  cancel_kind_work (self);
  self->kind_cancel = g_cancellable_new ();
  g_clear_pointer (&self->suggested_for, g_free);
  g_array_set_size (self->removed_meanwhile, 0);
  g_list_store_remove_all (self->picks);
  cd_wizard_pick_index_clear (self->pick_index);
  g_clear_pointer (&self->start_note, g_free);
}

void
cd_wizard_people_page_keep_draft (CdWizardPeoplePage *self)
{
  g_return_if_fail (CD_IS_WIZARD_PEOPLE_PAGE (self));
  g_return_if_fail (self->window != NULL);

  g_free (self->suggested_for);
  self->suggested_for = g_strdup (self->window->draft->kind);
}

void
cd_wizard_people_page_detach (CdWizardPeoplePage *self)
{
  g_return_if_fail (CD_IS_WIZARD_PEOPLE_PAGE (self));

  self->window = NULL;
  cancel_kind_work (self);
  if (self->search_cancel != NULL)
    g_cancellable_cancel (self->search_cancel);
  g_clear_object (&self->search_cancel);
}

static void
cd_wizard_people_page_dispose (GObject *object)
{
  CdWizardPeoplePage *self = CD_WIZARD_PEOPLE_PAGE (object);

  cd_wizard_people_page_detach (self);
  gtk_widget_dispose_template (GTK_WIDGET (object), CD_TYPE_WIZARD_PEOPLE_PAGE);
  g_clear_object (&self->hits_shown);
  g_clear_object (&self->hits);
  g_clear_object (&self->hit_filter);
  g_clear_object (&self->picks);
  g_clear_object (&self->picks_matching);
  g_clear_object (&self->pick_filter);
  G_OBJECT_CLASS (cd_wizard_people_page_parent_class)->dispose (object);
}

static void
cd_wizard_people_page_finalize (GObject *object)
{
  CdWizardPeoplePage *self = CD_WIZARD_PEOPLE_PAGE (object);

  g_clear_pointer (&self->initial_ids, g_array_unref);
  g_clear_pointer (&self->pick_query, g_free);
  g_clear_pointer (&self->start_note, g_free);
  g_clear_pointer (&self->suggested_for, g_free);
  g_clear_pointer (&self->removed_meanwhile, g_array_unref);
  g_clear_pointer (&self->pick_index, cd_wizard_pick_index_free);
  G_OBJECT_CLASS (cd_wizard_people_page_parent_class)->finalize (object);
}

static void
cd_wizard_people_page_class_init (CdWizardPeoplePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cd_wizard_people_page_dispose;
  object_class->finalize = cd_wizard_people_page_finalize;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/certdesk/CertDesk/wizard/cd-wizard-people-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CdWizardPeoplePage, title_label);
  gtk_widget_class_bind_template_child (widget_class, CdWizardPeoplePage, note_label);
  gtk_widget_class_bind_template_child (widget_class, CdWizardPeoplePage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, CdWizardPeoplePage, count_label);
  gtk_widget_class_bind_template_child (widget_class, CdWizardPeoplePage, searching_box);
  gtk_widget_class_bind_template_child (widget_class, CdWizardPeoplePage, people_list);
  gtk_widget_class_bind_template_child (widget_class, CdWizardPeoplePage, empty_label);
  gtk_widget_class_bind_template_child (widget_class, CdWizardPeoplePage, more_label);
  gtk_widget_class_bind_template_child (widget_class, CdWizardPeoplePage, search_list);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_install_action (widget_class, "people.choose", "(xx)", choose_action);
  gtk_widget_class_install_action (widget_class, "people.unchoose", "(xx)", choose_action);
  gtk_widget_class_install_action (widget_class, "people.select-all", NULL, all_action);
  gtk_widget_class_install_action (widget_class, "people.clear-all", NULL, all_action);
  gtk_widget_class_install_action (widget_class, "people.add-staff", "x", add_staff_action);
  gtk_widget_class_install_action (widget_class, "people.other-list", "x", other_list_action);
}

static void
cd_wizard_people_page_init (CdWizardPeoplePage *self)
{
  g_autoptr(GtkSliceListModel) shown = NULL;
  GtkFilterListModel *unoffered;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->removed_meanwhile = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->kind_cancel = g_cancellable_new ();
  self->picks = g_list_store_new (CD_TYPE_WIZARD_PICK);
  self->pick_index = cd_wizard_pick_index_new ();
  self->pick_filter = gtk_custom_filter_new (pick_visible, self, NULL);
  self->picks_matching = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (self->picks)),
                                                    GTK_FILTER (g_object_ref (self->pick_filter)));
  shown = gtk_slice_list_model_new (G_LIST_MODEL (g_object_ref (self->picks_matching)), 0, PICKS_SHOWN);
  g_signal_connect_object (self->picks_matching, "items-changed", G_CALLBACK (picks_changed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_list_box_bind_model (GTK_LIST_BOX (self->people_list), G_LIST_MODEL (shown), pick_row, self, NULL);

  self->hits = g_list_store_new (CD_TYPE_WIZARD_HIT_ITEM);
  self->hit_filter = gtk_custom_filter_new (hit_visible, self, NULL);
  unoffered = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (self->hits)),
                                         GTK_FILTER (g_object_ref (self->hit_filter)));
  self->hits_shown = gtk_slice_list_model_new (G_LIST_MODEL (unoffered), 0, HITS_SHOWN);
  g_signal_connect_object (self->hits_shown, "items-changed", G_CALLBACK (hits_changed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_list_box_bind_model (GTK_LIST_BOX (self->search_list), G_LIST_MODEL (self->hits_shown),
                           cd_wizard_hit_row_new, self, NULL);
}

GtkWidget *
cd_wizard_people_page_new (CdWizardWindow *window,
                           GArray         *staff_ids)
{
  CdWizardPeoplePage *self = g_object_new (CD_TYPE_WIZARD_PEOPLE_PAGE, NULL);

  self->window = window;
  if (staff_ids != NULL)
    self->initial_ids = g_array_ref (staff_ids);
  return GTK_WIDGET (self);
}
