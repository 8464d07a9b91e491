/* cd-wizard-window-people.c — the wizard's first pages: the kind of list
 * and who is on it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cd-wizard-suggest.h"
#include "cd-wizard-window-private.h"

/* ---- Page 1: kind ------------------------------------------------------ */

static void
kind_toggled_cb (GtkToggleButton *button,
                 CdWizardWindow  *self)
{
  const char *kind = g_object_get_data (G_OBJECT (button), "kind");

  if (!gtk_toggle_button_get_active (button) || g_strcmp0 (kind, self->draft->kind) == 0)
    return;
  /* Another kind: other suggestions and another built-in template. */
  g_free (self->draft->kind);
  self->draft->kind = g_strdup (kind);
  g_ptr_array_set_size (self->draft->items, 0);
  g_clear_pointer (&self->suggested_for, g_free);
  /* a result for the former kind is discarded when it arrives */
  if (self->suggest_cancel != NULL)
    g_cancellable_cancel (self->suggest_cancel);
  g_clear_object (&self->suggest_cancel);
  g_clear_pointer (&self->draft->template_path, g_free);
  self->draft->dirty = TRUE;
}

void
cd_wizard_window_build_kind (CdWizardWindow *self,
            GtkWidget      *box)
{
  GtkWidget *list = new_list ();
  GtkToggleButton *group = NULL;
  const char * const *kinds = cd_wizard_request_kinds ();

  gtk_box_append (GTK_BOX (box), heading (_("Kind of request"),
                                          _("Choose what the list asks the provider for.")));
  /* Grouped toggle buttons (one pressed at a time): unlike check buttons
   * in GTK 4.8 they can be pressed by assistive technologies. */
  for (guint i = 0; kinds[i] != NULL; i++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *toggle = gtk_toggle_button_new_with_label (cd_wizard_kind_title (kinds[i]));

      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), cd_wizard_kind_explanation (kinds[i]));
      gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
      gtk_widget_set_size_request (toggle, 260, -1);
      if (group != NULL)
        gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (toggle), group);
      else
        group = GTK_TOGGLE_BUTTON (toggle);
      g_object_set_data_full (G_OBJECT (toggle), "kind", g_strdup (kinds[i]), g_free);
      gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (toggle), g_strcmp0 (self->draft->kind, kinds[i]) == 0);
      g_signal_connect (toggle, "toggled", G_CALLBACK (kind_toggled_cb), self);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), toggle);
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }
  gtk_box_append (GTK_BOX (box), list);
}

/* ---- Page 2: people ---------------------------------------------------- */

static void refresh_people (CdWizardWindow *self);

static void
remove_clicked_cb (GtkButton      *button,
                   CdWizardWindow *self)
{
  gint64 id = *(gint64 *) g_object_get_data (G_OBJECT (button), "staff-id");
  CdWizardItem *item = g_object_get_data (G_OBJECT (button), "item");

  /* this row only: a revocation may list several certificates of one person */
  if (item != NULL && g_ptr_array_remove (self->draft->items, item))
    self->draft->dirty = TRUE;
  else
    cd_wizard_draft_remove (self->draft, id);
  /* the clerk's choice wins over a suggestion still on its way */
  if (self->suggest_cancel != NULL)
    g_array_append_val (self->removed_meanwhile, id);
  refresh_people (self);
}

static void
add_clicked_cb (GtkButton      *button,
                CdWizardWindow *self)
{
  gint64 id = *(gint64 *) g_object_get_data (G_OBJECT (button), "staff-id");
  g_autoptr(GError) error = NULL;

  if (!cd_wizard_draft_add_staff (self->draft, self->store, id, &error))
    toast (self, error->message);
  refresh_people (self);
}

static void
reason_selected_cb (GtkDropDown    *drop,
                    GParamSpec     *pspec,
                    CdWizardWindow *self)
{
  CdWizardItem *item = g_object_get_data (G_OBJECT (drop), "item");
  GtkWidget *entry = g_object_get_data (G_OBJECT (drop), "other-entry");
  CdRevokeReason r = (CdRevokeReason) gtk_drop_down_get_selected (drop);

  if (item == NULL || r >= CD_REVOKE_N_REASONS)
    return;
  cd_wizard_item_set_revoke_reason (item, r, gtk_editable_get_text (GTK_EDITABLE (entry)));
  gtk_widget_set_visible (entry, r == CD_REVOKE_OTHER);
  self->draft->dirty = TRUE;
}

static void
other_changed_cb (GtkEditable    *entry,
                  CdWizardWindow *self)
{
  CdWizardItem *item = g_object_get_data (G_OBJECT (entry), "item");
  if (item == NULL || item->revoke_reason != CD_REVOKE_OTHER)
    return;
  cd_wizard_item_set_revoke_reason (item, CD_REVOKE_OTHER, gtk_editable_get_text (entry));
  self->draft->dirty = TRUE;
}

static GtkWidget *
reason_chooser (CdWizardWindow *self,
                CdWizardItem   *item)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkStringList *labels = gtk_string_list_new (NULL);
  GtkWidget *drop, *entry;
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
  /* the item itself, not the person: one row per certificate (the
   * widgets are rebuilt whenever the items change) */
  g_object_set_data (G_OBJECT (drop), "item", item);
  g_object_set_data (G_OBJECT (entry), "item", item);
  g_object_set_data (G_OBJECT (drop), "other-entry", entry);
  g_signal_connect (drop, "notify::selected", G_CALLBACK (reason_selected_cb), self);
  g_signal_connect (entry, "changed", G_CALLBACK (other_changed_cb), self);
  gtk_box_append (GTK_BOX (box), drop);
  gtk_box_append (GTK_BOX (box), entry);
  return box;
}

static void
refresh_search (CdWizardWindow *self)
{
  const char *query = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autoptr(GArray) ids = NULL;
  GtkWidget *child;
  guint shown = 0;

  while ((child = gtk_widget_get_first_child (self->search_list)) != NULL)
    gtk_list_box_remove (GTK_LIST_BOX (self->search_list), child);
  if (query == NULL || *query == '\0')
    {
      gtk_widget_set_visible (self->search_list, FALSE);
      return;
    }
  ids = cd_store_search_staff (self->store, query, NULL);
  for (guint i = 0; ids != NULL && i < ids->len && shown < 20; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);
      g_autoptr(CdStaff) s = NULL;
      GtkWidget *row, *button;

      if (cd_wizard_draft_find (self->draft, id) != NULL)
        continue;
      s = cd_store_get_staff (self->store, id, NULL);
      if (s == NULL)
        continue;
      row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), s->full_name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   s->left ? _("Left") : (s->position ? s->position : ""));
      button = gtk_button_new_with_label (_("Add"));
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      set_staff_id (G_OBJECT (button), id);
      g_signal_connect (button, "clicked", G_CALLBACK (add_clicked_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      gtk_list_box_append (GTK_LIST_BOX (self->search_list), row);
      shown++;
    }
  gtk_widget_set_visible (self->search_list, shown > 0);
}

static void
search_changed_cb (GtkSearchEntry *entry,
                   CdWizardWindow *self)
{
  refresh_search (self);
}

static void
refresh_people (CdWizardWindow *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (self->people_list)) != NULL)
    gtk_list_box_remove (GTK_LIST_BOX (self->people_list), child);
  if (self->suggest_cancel != NULL)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *spinner = gtk_spinner_new ();
      gtk_spinner_start (GTK_SPINNER (spinner));
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Searching…"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   _("CertDesk is looking through the register for the people this list is for."));
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), spinner);
      gtk_list_box_append (GTK_LIST_BOX (self->people_list), row);
    }
  for (guint i = 0; i < self->draft->items->len; i++)
    {
      CdWizardItem *item = g_ptr_array_index (self->draft->items, i);
      g_autofree char *name = staff_name (self, item->staff_id);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *button = gtk_button_new_with_label (_("Remove"));

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
      if (is_revocation (self) && item->certificate_id != 0)
        {
          /* which certificate the row revokes: a person may have two rows */
          g_autoptr(CdCertificate) cert = cd_store_get_certificate (self->store, item->certificate_id, NULL);
          g_autofree char *sub = g_strdup_printf (_("%s · serial %s"), item->why ? item->why : "",
                                                  cert != NULL && cert->serial ? cert->serial : "—");
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), sub);
        }
      else
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), item->why ? item->why : "");
      if (is_revocation (self))
        adw_action_row_add_suffix (ADW_ACTION_ROW (row), reason_chooser (self, item));
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      set_staff_id (G_OBJECT (button), item->staff_id);
      g_object_set_data (G_OBJECT (button), "item", item);
      g_signal_connect (button, "clicked", G_CALLBACK (remove_clicked_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      gtk_list_box_append (GTK_LIST_BOX (self->people_list), row);
    }
  if (self->draft->items->len == 0 && self->suggest_cancel == NULL)
    {
      GtkWidget *row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Nobody on the list yet: search for staff below to add them."));
      gtk_list_box_append (GTK_LIST_BOX (self->people_list), row);
    }
  refresh_search (self);
  gtk_widget_set_sensitive (GTK_WIDGET (self->next_button),
                            self->draft->items->len > 0 && self->suggest_cancel == NULL);
}

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
      CdWizardItem *have = cd_wizard_draft_find (self->draft, s->staff_id);
      gboolean removed = FALSE;

      for (guint j = 0; j < self->removed_meanwhile->len; j++)
        removed |= g_array_index (self->removed_meanwhile, gint64, j) == s->staff_id;
      if (removed)
        continue;
      if (have != NULL)
        {
          /* chosen in the staff view (or by hand) and suggested: add the
           * reason, keep what the clerk set */
          g_free (have->why);
          have->why = g_strdup (s->why);
          continue;
        }
      cd_wizard_draft_add (self->draft, cd_wizard_item_copy (s));
    }
  g_array_set_size (self->removed_meanwhile, 0);
  if (self->page == PAGE_PEOPLE && self->people_list != NULL)
    refresh_people (self);
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
  for (guint i = 0; self->initial_ids != NULL && i < self->initial_ids->len; i++)
    cd_wizard_draft_add_staff (self->draft, self->store, g_array_index (self->initial_ids, gint64, i), NULL);
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

void
cd_wizard_window_build_people (CdWizardWindow *self,
              GtkWidget      *box)
{
  g_autofree char *title = NULL;

  /* Mẫu 02/03: about the unit, nobody to choose */
  if (cd_wizard_kind_is_unit (self->draft->kind))
    {
      cd_wizard_window_build_unit (self, box);
      return;
    }
  add_suggestions (self);
  title = g_strdup_printf (_("Who is on the list (%s)"), cd_wizard_kind_title (self->draft->kind));
  gtk_box_append (GTK_BOX (box), heading (title,
                                          _("The people CertDesk suggests are already chosen, each with the reason. Remove anyone who should not be listed, or search to add someone.")));
  self->people_list = new_list ();
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->people_list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("People on the list"), -1);
  gtk_box_append (GTK_BOX (box), self->people_list);
  self->search_entry = gtk_search_entry_new ();
  g_object_set (self->search_entry, "placeholder-text", _("Search staff to add by name, CCCD or email"), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->search_entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Search staff to add"), -1);
  g_signal_connect (self->search_entry, "search-changed", G_CALLBACK (search_changed_cb), self);
  gtk_box_append (GTK_BOX (box), self->search_entry);
  self->search_list = new_list ();
  gtk_box_append (GTK_BOX (box), self->search_list);
  refresh_people (self);
}
