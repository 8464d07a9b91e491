/* cd-wizard-window-people.c — the wizard's first pages: the kind of list
 * and who is on it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cd-text.h"
#include "cd-wizard-check.h"
#include "cd-wizard-pick.h"
#include "cd-wizard-search.h"
#include "cd-wizard-suggest.h"
#include "cd-wizard-unit-page.h"
#include "cd-wizard-window-private.h"

/* ---- A revocation row's reason ------------------------------------------ */

/* What a row's reason widgets act on: the item itself, not the person,
 * one row per certificate (the widgets are rebuilt whenever the items
 * change). */
typedef struct {
  CdWizardWindow *self;
  CdWizardItem   *item;
  GtkWidget      *entry;   /* the other reason's */
} ReasonCall;

static void
reason_call_free (gpointer data,
                  GClosure *closure)
{
  g_free (data);
}

static void
reason_selected_cb (GtkDropDown *drop,
                    GParamSpec  *pspec,
                    ReasonCall  *call)
{
  CdRevokeReason r = (CdRevokeReason) gtk_drop_down_get_selected (drop);

  if (r >= CD_REVOKE_N_REASONS)
    return;
  cd_wizard_item_set_revoke_reason (call->item, r, gtk_editable_get_text (GTK_EDITABLE (call->entry)));
  gtk_widget_set_visible (call->entry, r == CD_REVOKE_OTHER);
  call->self->draft->dirty = TRUE;
}

static void
other_changed_cb (GtkEditable *entry,
                  ReasonCall  *call)
{
  if (call->item->revoke_reason != CD_REVOKE_OTHER)
    return;
  cd_wizard_item_set_revoke_reason (call->item, CD_REVOKE_OTHER, gtk_editable_get_text (entry));
  call->self->draft->dirty = TRUE;
}

static GtkWidget *
reason_chooser (CdWizardWindow *self,
                CdWizardItem   *item)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkStringList *labels = gtk_string_list_new (NULL);
  GtkWidget *drop, *entry;
  ReasonCall call;

  for (int r = 0; r < CD_REVOKE_N_REASONS; r++)
    gtk_string_list_append (labels, cd_revoke_reason_label (r));
  drop = gtk_drop_down_new (G_LIST_MODEL (labels), NULL);
  gtk_widget_set_valign (drop, GTK_ALIGN_CENTER);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (drop), item->revoke_reason);
  gtk_accessible_update_property (GTK_ACCESSIBLE (drop), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Reason for revocation"), -1);
  entry = gtk_entry_new ();
  gtk_widget_set_valign (entry, GTK_ALIGN_CENTER);
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Other reason"));
  if (item->revoke_reason == CD_REVOKE_OTHER && item->reason != NULL)
    gtk_editable_set_text (GTK_EDITABLE (entry), item->reason);
  gtk_widget_set_visible (entry, item->revoke_reason == CD_REVOKE_OTHER);
  call.self = self;
  call.item = item;
  call.entry = entry;
  g_signal_connect_data (drop, "notify::selected", G_CALLBACK (reason_selected_cb),
                         g_memdup2 (&call, sizeof call), reason_call_free, 0);
  g_signal_connect_data (entry, "changed", G_CALLBACK (other_changed_cb),
                         g_memdup2 (&call, sizeof call), reason_call_free, 0);
  gtk_box_append (GTK_BOX (box), drop);
  gtk_box_append (GTK_BOX (box), entry);
  return box;
}

/* ---- The people offered ------------------------------------------------ */

/* Whether the pick is on the list now: its person (for a revocation, its
 * certificate of the person) is in the draft. */
static CdWizardItem *
chosen_item (CdWizardWindow *self,
             CdWizardPick   *pick)
{
  if (is_revocation (self))
    return cd_wizard_draft_find_certificate (self->draft, pick->item->staff_id,
                                             pick->item->certificate_id);
  return cd_wizard_draft_find (self->draft, pick->item->staff_id);
}

static CdWizardPick *
find_pick (CdWizardWindow *self,
           gint64          staff_id,
           gint64          certificate_id,
           guint          *position)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->picks));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CdWizardPick) pick = g_list_model_get_item (G_LIST_MODEL (self->picks), i);

      if (pick->item->staff_id == staff_id
          && (!is_revocation (self) || pick->item->certificate_id == certificate_id))
        {
          if (position != NULL)
            *position = i;
          return pick; /* the store keeps its reference */
        }
    }
  return NULL;
}

/* Offers @item (taken) unless it is offered already; the pick offered. */
static CdWizardPick *
offer (CdWizardWindow *self,
       CdWizardItem   *item)
{
  CdWizardPick *pick = find_pick (self, item->staff_id, item->certificate_id, NULL);
  g_autofree char *name = NULL;

  if (pick != NULL)
    {
      cd_wizard_item_free (item);
      return pick;
    }
  /* the suggestions' worker read the name and serial; a row added by
   * hand or resumed from a draft is read here */
  name = item->name != NULL ? g_strdup (item->name) : staff_name (self, item->staff_id);
  pick = cd_wizard_pick_new (item, name);
  /* which certificate the row revokes: a person may have two rows */
  if (is_revocation (self) && item->serial != NULL)
    pick->serial = g_strdup (item->serial);
  else if (is_revocation (self) && item->certificate_id != 0)
    {
      g_autoptr(CdCertificate) cert = cd_store_get_certificate (self->store, item->certificate_id, NULL);
      pick->serial = g_strdup (cert != NULL ? cert->serial : NULL);
    }
  g_list_store_append (self->picks, pick);
  g_object_unref (pick);
  return pick;
}

/* Every row of the draft is offered (a resumed draft, the rows a person
 * added by hand brings along). */
static void
offer_draft (CdWizardWindow *self)
{
  for (guint i = 0; i < self->draft->items->len; i++)
    offer (self, cd_wizard_item_copy (g_ptr_array_index (self->draft->items, i)));
}

/* The pick's row is made again (its button and state changed). */
static void
pick_changed (CdWizardWindow *self,
              CdWizardPick   *pick)
{
  /* the splice drops the store's reference before it takes the new one */
  g_autoptr(CdWizardPick) keep = g_object_ref (pick);
  guint pos;

  if (g_list_store_find (self->picks, keep, &pos))
    g_list_store_splice (self->picks, pos, 1, (gpointer *) &keep, 1);
}

/* Whether any row of staff member @id is offered or listed. */
static gboolean
staff_offered (CdWizardWindow *self,
               gint64          id)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->picks));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CdWizardPick) pick = g_list_model_get_item (G_LIST_MODEL (self->picks), i);
      if (pick->item->staff_id == id)
        return TRUE;
    }
  return cd_wizard_draft_find (self->draft, id) != NULL;
}

static void
choose (CdWizardWindow *self,
        CdWizardPick   *pick)
{
  if (chosen_item (self, pick) == NULL)
    cd_wizard_draft_add (self->draft, cd_wizard_item_copy (pick->item));
}

static void
unchoose (CdWizardWindow *self,
          CdWizardPick   *pick)
{
  CdWizardItem *have = chosen_item (self, pick);
  gint64 id = pick->item->staff_id;

  if (have == NULL)
    return;
  /* put back later, the row keeps the reason the clerk chose */
  cd_wizard_item_free (pick->item);
  pick->item = cd_wizard_item_copy (have);
  /* a revocation: this certificate's row only; a request: the person */
  if (is_revocation (self))
    {
      g_ptr_array_remove (self->draft->items, have);
      self->draft->dirty = TRUE;
    }
  else
    cd_wizard_draft_remove (self->draft, id);
  /* the clerk's choice wins over a suggestion still on its way */
  if (self->suggest_cancel != NULL)
    g_array_append_val (self->removed_meanwhile, id);
}

/* Offers staff member @id, as a hand-made choice: on the list, unless
 * CertDesk refuses (returns the sentence why) or the person belongs on
 * another kind of list (offered, not chosen, with the warning). */
static char *
offer_staff (CdWizardWindow *self,
             gint64          id,
             gboolean       *warned)
{
  g_autoptr(CdWizardDraft) one = cd_wizard_draft_new (self->draft->kind);
  g_autoptr(GError) error = NULL;
  g_autofree char *warning = NULL;
  const char *better;
  char *refusal;

  *warned = FALSE;
  refusal = cd_wizard_draft_refusal (self->draft, self->store, id, now_seconds ());
  if (refusal != NULL)
    return refusal;
  /* the person's rows as the draft would list them (a revocation: one
   * per certificate in force) */
  if (!cd_wizard_draft_add_staff (one, self->store, id, &error))
    return g_strdup (error->message);
  better = cd_wizard_draft_better_kind (self->draft, self->store, id, now_seconds (), &warning);
  for (guint i = 0; i < one->items->len; i++)
    {
      CdWizardPick *pick = offer (self, cd_wizard_item_copy (g_ptr_array_index (one->items, i)));

      if (better != NULL)
        {
          g_free (pick->warning);
          pick->warning = g_strdup (warning);
          pick->better_kind = better;
          pick_changed (self, pick);
        }
      else
        {
          choose (self, pick);
          pick_changed (self, pick);
        }
    }
  *warned = better != NULL;
  return better != NULL ? g_steal_pointer (&warning) : NULL;
}

/* ---- Page 2: people ---------------------------------------------------- */

static void refresh_people (CdWizardWindow *self);

/* The register's people the last search found, but those offered
 * already: no store read, the hits were read on a worker. */
static void
show_hits (CdWizardWindow *self)
{
  GtkWidget *child;
  guint shown = 0;

  while ((child = gtk_widget_get_first_child (self->search_list)) != NULL)
    gtk_list_box_remove (GTK_LIST_BOX (self->search_list), child);
  for (guint i = 0; self->hits != NULL && i < self->hits->len && shown < 20; i++)
    {
      CdWizardHit *hit = g_ptr_array_index (self->hits, i);
      GtkWidget *row;

      if (staff_offered (self, hit->staff_id))
        continue;
      row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), hit->full_name);
      /* people already revoked, or who left, are not offered again: the
       * row says why instead of offering Add */
      if (hit->refusal != NULL)
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), hit->refusal);
      else
        {
          GtkWidget *button = gtk_button_new_with_label (_("Add"));

          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), hit->position ? hit->position : "");
          gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
          gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "people.add-staff");
          gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "x", hit->staff_id);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
        }
      gtk_list_box_append (GTK_LIST_BOX (self->search_list), row);
      shown++;
    }
  gtk_widget_set_visible (self->search_list, shown > 0);
}

typedef struct {
  CdWizardWindow *self;          /* a reference */
  GCancellable   *cancellable;   /* a reference: which search this is */
} SearchCall;

static void
search_call_free (SearchCall *call)
{
  g_object_unref (call->self);
  g_object_unref (call->cancellable);
  g_free (call);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SearchCall, search_call_free)

static void
search_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(SearchCall) call = user_data;
  CdWizardWindow *self = call->self;
  g_autoptr(GError) error = NULL;
  GPtrArray *hits = cd_wizard_search_finish (CD_STORE (source), result, &error);

  /* closed, or the clerk typed on: a newer search is coming */
  if (self->draft == NULL || call->cancellable != self->search_cancel
      || g_cancellable_is_cancelled (call->cancellable))
    {
      g_clear_pointer (&hits, g_ptr_array_unref);
      return;
    }
  g_clear_object (&self->search_cancel);
  if (hits == NULL)
    toast (self, error->message);
  g_clear_pointer (&self->hits, g_ptr_array_unref);
  self->hits = hits;
  if (self->page == PAGE_PEOPLE && self->search_list != NULL)
    show_hits (self);
}

/* Searches the register for @query on core's worker; the hits show when
 * they arrive (an older search still running is dropped). */
static void
start_search (CdWizardWindow *self,
              const char     *query)
{
  SearchCall *call;

  if (self->search_cancel != NULL)
    g_cancellable_cancel (self->search_cancel);
  g_clear_object (&self->search_cancel);
  if (query == NULL || *query == '\0')
    {
      g_clear_pointer (&self->hits, g_ptr_array_unref);
      show_hits (self);
      return;
    }
  self->search_cancel = g_cancellable_new ();
  call = g_new0 (SearchCall, 1);
  call->self = g_object_ref (self);
  call->cancellable = g_object_ref (self->search_cancel);
  /* room for the people offered already, which are not shown */
  cd_wizard_search_async (self->store, self->draft, query, now_seconds (), 60,
                          self->search_cancel, search_done_cb, call);
}

static void
search_changed_cb (GtkSearchEntry *entry,
                   CdWizardWindow *self)
{
  g_free (self->pick_query);
  self->pick_query = cd_text_search_key (gtk_editable_get_text (GTK_EDITABLE (entry)));
  gtk_filter_changed (GTK_FILTER (self->pick_filter), GTK_FILTER_CHANGE_DIFFERENT);
  start_search (self, gtk_editable_get_text (GTK_EDITABLE (entry)));
}

static gboolean
pick_visible (gpointer item,
              gpointer user_data)
{
  CdWizardWindow *self = user_data;

  return cd_wizard_pick_matches (CD_WIZARD_PICK (item), self->pick_query);
}

static GtkWidget *
pick_row (gpointer item,
          gpointer user_data)
{
  CdWizardWindow *self = user_data;
  CdWizardPick *pick = CD_WIZARD_PICK (item);
  CdWizardItem *have = chosen_item (self, pick);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button;
  g_autofree char *sub = NULL;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), pick->name);
  if (pick->warning != NULL && have == NULL)
    sub = g_strdup (pick->warning);
  else if (pick->serial != NULL)
    sub = g_strdup_printf (_("%s · serial %s"), pick->item->why ? pick->item->why : "", pick->serial);
  else
    sub = g_strdup (pick->item->why ? pick->item->why : "");
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), sub);
  if (have == NULL)
    gtk_widget_add_css_class (row, "dim-label");
  if (have != NULL && is_revocation (self))
    adw_action_row_add_suffix (ADW_ACTION_ROW (row), reason_chooser (self, have));
  if (have == NULL && pick->better_kind != NULL)
    {
      g_autofree char *label = g_strdup_printf (_("Make a “%s” list…"), cd_wizard_kind_title (pick->better_kind));
      GtkWidget *other = gtk_button_new_with_label (label);

      gtk_widget_set_valign (other, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (other, "suggested-action");
      gtk_actionable_set_action_name (GTK_ACTIONABLE (other), "people.other-list");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (other), "x", pick->item->staff_id);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), other);
    }
  button = gtk_button_new_with_label (have != NULL ? _("Remove")
                                      : pick->warning != NULL ? _("Add anyway") : _("Add"));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), have != NULL ? "people.unchoose" : "people.choose");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "(xx)", pick->item->staff_id,
                                    pick->item->certificate_id);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  return row;
}

static void
refresh_people (CdWizardWindow *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->picks));
  guint chosen = 0;
  g_autofree char *count = NULL;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CdWizardPick) pick = g_list_model_get_item (G_LIST_MODEL (self->picks), i);
      chosen += chosen_item (self, pick) != NULL;
    }
  count = g_strdup_printf (_("Selected %u/%u"), chosen, n);
  gtk_label_set_label (GTK_LABEL (self->count_label), count);
  /* made and taken away, not hidden: a screen reader (and the tests)
   * must not read "Searching…" once the suggestions are in */
  clear_box (self->searching_row);
  if (self->suggest_cancel != NULL)
    {
      GtkWidget *spinner = gtk_spinner_new ();

      gtk_spinner_start (GTK_SPINNER (spinner));
      gtk_box_append (GTK_BOX (self->searching_row), spinner);
      gtk_box_append (GTK_BOX (self->searching_row),
                      heading (_("Searching…"),
                               _("CertDesk is looking through the register for the people this list is for.")));
    }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "people.select-all", chosen < n);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "people.clear-all", chosen > 0);
  show_hits (self);
  gtk_widget_set_sensitive (GTK_WIDGET (self->next_button),
                            self->draft->items->len > 0 && self->suggest_cancel == NULL);
}

/* ---- Actions ------------------------------------------------------------- */

static void
choose_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  CdWizardWindow *self = CD_WIZARD_WINDOW (widget);
  gint64 staff_id, certificate_id;
  CdWizardPick *pick;

  g_variant_get (param, "(xx)", &staff_id, &certificate_id);
  pick = find_pick (self, staff_id, certificate_id, NULL);
  if (pick == NULL)
    return;
  if (g_str_equal (action_name, "people.choose"))
    choose (self, pick);
  else
    unchoose (self, pick);
  pick_changed (self, pick);
  refresh_people (self);
}

/* Select all / clear all act on the people the search shows. */
static void
all_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *param)
{
  CdWizardWindow *self = CD_WIZARD_WINDOW (widget);
  gboolean select = g_str_equal (action_name, "people.select-all");
  g_autoptr(GPtrArray) shown = g_ptr_array_new_with_free_func (g_object_unref);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->picks));

  for (guint i = 0; i < n; i++)
    {
      CdWizardPick *pick = g_list_model_get_item (G_LIST_MODEL (self->picks), i);

      if (cd_wizard_pick_matches (pick, self->pick_query))
        g_ptr_array_add (shown, pick);
      else
        g_object_unref (pick);
    }
  for (guint i = 0; i < shown->len; i++)
    {
      CdWizardPick *pick = g_ptr_array_index (shown, i);

      /* a person who belongs on another list is added one by one */
      if (select && pick->better_kind == NULL)
        choose (self, pick);
      else if (!select)
        unchoose (self, pick);
    }
  /* every row again at once: one change of the model, not one per row */
  {
    g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func (g_object_unref);
    for (guint i = 0; i < n; i++)
      g_ptr_array_add (all, g_list_model_get_item (G_LIST_MODEL (self->picks), i));
    g_list_store_splice (self->picks, 0, n, all->pdata, n);
  }
  refresh_people (self);
}

static void
add_staff_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  CdWizardWindow *self = CD_WIZARD_WINDOW (widget);
  gboolean warned = FALSE;
  g_autofree char *message = offer_staff (self, g_variant_get_int64 (param), &warned);

  if (message != NULL)
    toast (self, message);
  refresh_people (self);
}

/* The person belongs on another kind of list: a new wizard of that kind
 * for them, started from them (and saying so). */
static void
other_list_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  CdWizardWindow *self = CD_WIZARD_WINDOW (widget);
  gint64 id = g_variant_get_int64 (param);
  CdWizardPick *pick = find_pick (self, id, 0, NULL);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  CdWizardWindow *other;

  if (pick == NULL || pick->better_kind == NULL)
    return;
  g_array_append_val (ids, id);
  other = cd_wizard_window_new (gtk_window_get_transient_for (GTK_WINDOW (self)), self->store,
                                self->settings, pick->better_kind, ids);
  gtk_window_present (GTK_WINDOW (other));
}

/* ---- Suggestions --------------------------------------------------------- */

typedef struct {
  CdWizardWindow *self;          /* a reference */
  GCancellable   *cancellable;   /* a reference: which request this is */
  char           *kind;
} SuggestCall;

static void
suggest_call_free (SuggestCall *call)
{
  g_object_unref (call->self);
  g_object_unref (call->cancellable);
  g_free (call->kind);
  g_free (call);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SuggestCall, suggest_call_free)

static void
suggest_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(SuggestCall) call = user_data;
  CdWizardWindow *self = call->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = cd_wizard_suggest_finish (CD_STORE (source), result, &error);

  /* Closed, or the clerk chose another kind meanwhile: not ours any more. */
  if (self->draft == NULL || call->cancellable != self->suggest_cancel
      || g_cancellable_is_cancelled (call->cancellable)
      || g_strcmp0 (call->kind, self->draft->kind) != 0)
    return;
  g_clear_object (&self->suggest_cancel);
  if (items == NULL)
    toast (self, error->message);
  for (guint i = 0; items != NULL && i < items->len; i++)
    {
      CdWizardItem *s = g_ptr_array_index (items, i);
      CdWizardPick *have = find_pick (self, s->staff_id, s->certificate_id, NULL);
      gboolean removed = FALSE;

      for (guint j = 0; j < self->removed_meanwhile->len; j++)
        removed |= g_array_index (self->removed_meanwhile, gint64, j) == s->staff_id;
      if (removed)
        continue;
      if (have != NULL)
        {
          /* chosen in the staff view (or by hand) and suggested: add the
           * reason, keep what the clerk set */
          CdWizardItem *listed = chosen_item (self, have);

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
      have = offer (self, cd_wizard_item_copy (s));
      choose (self, have);
      pick_changed (self, have);
    }
  g_array_set_size (self->removed_meanwhile, 0);
  if (self->page == PAGE_PEOPLE && self->people_list != NULL)
    refresh_people (self);
}

/* The people selected in the staff list when the clerk started the
 * wizard from them: offered and chosen, except those CertDesk refuses or
 * that belong on another list; the step says so. */
static void
add_selected (CdWizardWindow *self)
{
  g_autoptr(GString) note = NULL;
  guint n = self->initial_ids != NULL ? self->initial_ids->len : 0;

  g_clear_pointer (&self->start_note, g_free);
  if (n == 0)
    return;
  note = g_string_new (NULL);
  g_string_printf (note, g_dngettext (GETTEXT_PACKAGE, "Started from %u person selected in the staff list.",
                                      "Started from %u people selected in the staff list.", n), n);
  for (guint i = 0; i < n; i++)
    {
      gboolean warned = FALSE;
      g_autofree char *why = offer_staff (self, g_array_index (self->initial_ids, gint64, i), &warned);

      if (why == NULL)
        continue;
      g_string_append_c (note, '\n');
      if (!warned)
        g_string_append_printf (note, _("Not added: %s"), why);
      else
        g_string_append (note, why);
    }
  self->start_note = g_string_free (g_steal_pointer (&note), FALSE);
}

/* The suggestions are sought on core's worker (a connection of its own):
 * on a large register they take a noticeable time. */
static void
add_suggestions (CdWizardWindow *self)
{
  g_auto(GStrv) doms = NULL;
  SuggestCall *call;

  if (g_strcmp0 (self->suggested_for, self->draft->kind) == 0)
    return;
  g_free (self->suggested_for);
  self->suggested_for = g_strdup (self->draft->kind);
  doms = domains (self);
  add_selected (self);
  if (self->suggest_cancel != NULL)
    g_cancellable_cancel (self->suggest_cancel);
  g_clear_object (&self->suggest_cancel);
  g_array_set_size (self->removed_meanwhile, 0);
  self->suggest_cancel = g_cancellable_new ();
  call = g_new0 (SuggestCall, 1);
  call->self = g_object_ref (self);
  call->cancellable = g_object_ref (self->suggest_cancel);
  call->kind = g_strdup (self->draft->kind);
  cd_wizard_suggest_async (self->store, self->draft->kind, now_seconds (),
                           threshold (self), (const char * const *) doms,
                           self->suggest_cancel, suggest_done_cb, call);
}

static GtkWidget *
button_for (const char *label,
            const char *action)
{
  GtkWidget *button = gtk_button_new_with_label (label);

  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  return button;
}

void
cd_wizard_window_build_people (CdWizardWindow *self,
                               GtkWidget      *box)
{
  g_autofree char *title = NULL;
  g_autoptr(GtkFilterListModel) shown = NULL;
  GtkWidget *bar, *placeholder;

  /* Mẫu 02/03: about the unit, nobody to choose */
  if (cd_wizard_kind_is_unit (self->draft->kind))
    {
      self->people_list = NULL;
      self->search_entry = NULL;
      self->search_list = NULL;
      gtk_box_append (GTK_BOX (box), cd_wizard_unit_page_new (self));
      return;
    }
  add_suggestions (self);
  offer_draft (self);
  title = g_strdup_printf (_("Who is on the list (%s)"), cd_wizard_kind_title (self->draft->kind));
  gtk_box_append (GTK_BOX (box), heading (title,
                                          _("The people CertDesk suggests are already chosen, each with the reason. Remove anyone who should not be listed, or search to add someone.")));
  if (self->start_note != NULL)
    {
      GtkWidget *note = gtk_label_new (self->start_note);

      gtk_label_set_xalign (GTK_LABEL (note), 0);
      gtk_label_set_wrap (GTK_LABEL (note), TRUE);
      gtk_widget_add_css_class (note, "heading");
      gtk_box_append (GTK_BOX (box), note);
    }

  self->search_entry = gtk_search_entry_new ();
  g_object_set (self->search_entry, "placeholder-text", _("Search to filter the list or add staff, by name, CCCD or email"), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->search_entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Search staff to add"), -1);
  g_signal_connect (self->search_entry, "search-changed", G_CALLBACK (search_changed_cb), self);
  gtk_box_append (GTK_BOX (box), self->search_entry);
  g_clear_pointer (&self->pick_query, g_free);
  gtk_filter_changed (GTK_FILTER (self->pick_filter), GTK_FILTER_CHANGE_LESS_STRICT);
  /* a new, empty entry: no search running, no hits */
  if (self->search_cancel != NULL)
    g_cancellable_cancel (self->search_cancel);
  g_clear_object (&self->search_cancel);
  g_clear_pointer (&self->hits, g_ptr_array_unref);

  bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  self->count_label = gtk_label_new (NULL);
  gtk_widget_set_hexpand (self->count_label, TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->count_label), 0);
  gtk_box_append (GTK_BOX (bar), self->count_label);
  gtk_box_append (GTK_BOX (bar), button_for (_("Select all"), "people.select-all"));
  gtk_box_append (GTK_BOX (bar), button_for (_("Clear all"), "people.clear-all"));
  gtk_box_append (GTK_BOX (box), bar);

  self->searching_row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_box_append (GTK_BOX (box), self->searching_row);

  self->people_list = new_list ();
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->people_list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("People on the list"), -1);
  placeholder = gtk_label_new (_("Nobody offered yet: search for staff above to add them."));
  gtk_widget_set_margin_top (placeholder, 12);
  gtk_widget_set_margin_bottom (placeholder, 12);
  gtk_list_box_set_placeholder (GTK_LIST_BOX (self->people_list), placeholder);
  shown = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (self->picks)),
                                     GTK_FILTER (g_object_ref (self->pick_filter)));
  gtk_list_box_bind_model (GTK_LIST_BOX (self->people_list), G_LIST_MODEL (shown), pick_row, self, NULL);
  gtk_box_append (GTK_BOX (box), self->people_list);

  self->search_list = new_list ();
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->search_list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Staff to add"), -1);
  gtk_box_append (GTK_BOX (box), self->search_list);
  refresh_people (self);
}

/* ---- Set-up -------------------------------------------------------------- */

void
cd_wizard_window_people_reset (CdWizardWindow *self)
{
  g_list_store_remove_all (self->picks);
  g_clear_pointer (&self->start_note, g_free);
}

void
cd_wizard_window_people_init (CdWizardWindow *self)
{
  self->picks = g_list_store_new (CD_TYPE_WIZARD_PICK);
  self->pick_filter = gtk_custom_filter_new (pick_visible, self, NULL);
}

void
cd_wizard_window_people_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "people.choose", "(xx)", choose_action);
  gtk_widget_class_install_action (widget_class, "people.unchoose", "(xx)", choose_action);
  gtk_widget_class_install_action (widget_class, "people.select-all", NULL, all_action);
  gtk_widget_class_install_action (widget_class, "people.clear-all", NULL, all_action);
  gtk_widget_class_install_action (widget_class, "people.add-staff", "x", add_staff_action);
  gtk_widget_class_install_action (widget_class, "people.other-list", "x", other_list_action);
}
