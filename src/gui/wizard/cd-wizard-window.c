/* cd-wizard-window.c — the request-list and revocation-list wizards
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "cd-application.h"
#include "cd-doc-templates.h"
#include "cd-docx.h"
#include "cd-text.h"
#include "cd-wizard-check.h"
#include "cd-wizard-generate.h"
#include "cd-wizard-preview.h"
#include "cd-wizard-suggest.h"
#include "cd-wizard-window.h"

typedef enum {
  PAGE_KIND = 0,
  PAGE_PEOPLE,
  PAGE_GAPS,
  PAGE_DOCUMENT,
  PAGE_TEMPLATE,
  PAGE_PREVIEW,
  PAGE_SAVE,
  N_PAGES
} Page;

static const char *const page_names[N_PAGES] = {
  "kind", "people", "gaps", "document", "template", "preview", "save"
};

struct _CdWizardWindow
{
  AdwWindow       parent_instance;

  CdStore        *store;
  GSettings      *settings;
  CdWizardDraft  *draft;
  GArray         *initial_ids;
  char           *suggested_for;   /* kind the suggestions were added for */
  GCancellable   *suggest_cancel;  /* set while the suggestions are sought */
  GArray         *removed_meanwhile; /* staff ids removed while seeking */
  gboolean        accept_gaps;
  gboolean        generating;
  gboolean        closing_confirmed;
  Page            page;

  GtkStack       *stack;
  GtkLabel       *step_label;
  GtkButton      *back_button;
  GtkButton      *next_button;
  GtkButton      *draft_button;
  AdwToastOverlay *toasts;
  GtkWidget      *page_box[N_PAGES];
  GtkWidget      *search_entry;
  GtkWidget      *search_list;
  GtkWidget      *people_list;
};

G_DEFINE_FINAL_TYPE (CdWizardWindow, cd_wizard_window, ADW_TYPE_WINDOW)

static void show_page (CdWizardWindow *self, Page page);

static gboolean
is_revocation (CdWizardWindow *self)
{
  return cd_wizard_draft_is_revocation (self->draft);
}

static int
threshold (CdWizardWindow *self)
{
  return cd_application_get_expiry_threshold_days (CD_APPLICATION (g_application_get_default ()));
}

static char **
domains (CdWizardWindow *self)
{
  return self->settings ? g_settings_get_strv (self->settings, "official-email-domains") : NULL;
}

static gint64
now_seconds (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

static void
toast (CdWizardWindow *self,
       const char     *text)
{
  AdwToast *t = adw_toast_new (text);
  adw_toast_set_timeout (t, 8);
  adw_toast_overlay_add_toast (self->toasts, t);
}

/* Removes every child of a box-like page. */
static void
clear_box (GtkWidget *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (box)) != NULL)
    gtk_box_remove (GTK_BOX (box), child);
}

static GtkWidget *
heading (const char *title,
         const char *text)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *t = gtk_label_new (title);
  gtk_label_set_xalign (GTK_LABEL (t), 0);
  gtk_widget_add_css_class (t, "title-2");
  gtk_box_append (GTK_BOX (box), t);
  if (text != NULL)
    {
      GtkWidget *l = gtk_label_new (text);
      gtk_label_set_xalign (GTK_LABEL (l), 0);
      gtk_label_set_wrap (GTK_LABEL (l), TRUE);
      gtk_widget_add_css_class (l, "dim-label");
      gtk_box_append (GTK_BOX (box), l);
    }
  return box;
}

static GtkWidget *
new_list (void)
{
  GtkWidget *list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  return list;
}

static char *
staff_name (CdWizardWindow *self,
            gint64          id)
{
  g_autoptr(CdStaff) s = cd_store_get_staff (self->store, id, NULL);
  return g_strdup (s ? s->full_name : "");
}

/* ---- Template of the draft -------------------------------------------- */

static CdWizardTemplateInfo *
template_info (CdWizardWindow *self,
               GError        **error)
{
  g_autofree char *path = cd_wizard_draft_template (self->draft, error);
  return path ? cd_wizard_template_inspect (path, error) : NULL;
}

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

static void
build_kind (CdWizardWindow *self,
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
  CdWizardItem *item = cd_wizard_draft_find (self->draft,
                                             *(gint64 *) g_object_get_data (G_OBJECT (drop), "staff-id"));
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
  CdWizardItem *item = cd_wizard_draft_find (self->draft,
                                             *(gint64 *) g_object_get_data (G_OBJECT (entry), "staff-id"));
  if (item == NULL || item->revoke_reason != CD_REVOKE_OTHER)
    return;
  cd_wizard_item_set_revoke_reason (item, CD_REVOKE_OTHER, gtk_editable_get_text (entry));
  self->draft->dirty = TRUE;
}

static void
set_staff_id (GObject *object,
              gint64   id)
{
  gint64 *p = g_new (gint64, 1);
  *p = id;
  g_object_set_data_full (object, "staff-id", p, g_free);
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
  set_staff_id (G_OBJECT (drop), item->staff_id);
  set_staff_id (G_OBJECT (entry), item->staff_id);
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
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), item->why ? item->why : "");
      if (is_revocation (self))
        adw_action_row_add_suffix (ADW_ACTION_ROW (row), reason_chooser (self, item));
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      set_staff_id (G_OBJECT (button), item->staff_id);
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

static void
build_people (CdWizardWindow *self,
              GtkWidget      *box)
{
  g_autofree char *title = NULL;

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

/* ---- Page 3: missing data ---------------------------------------------- */

static void rebuild_current (CdWizardWindow *self);

static void
fix_clicked_cb (GtkButton      *button,
                CdWizardWindow *self)
{
  gint64 id = *(gint64 *) g_object_get_data (G_OBJECT (button), "staff-id");
  const char *field = g_object_get_data (G_OBJECT (button), "field");
  GtkEditable *entry = g_object_get_data (G_OBJECT (button), "entry");
  const char *text = gtk_editable_get_text (entry);
  g_autoptr(GError) error = NULL;
  g_autoptr(CdStaff) s = cd_store_get_staff (self->store, id, &error);
  char **slot = NULL;

  if (s == NULL)
    {
      toast (self, error->message);
      return;
    }
  if (g_str_equal (field, "cccd"))
    slot = &s->cccd;
  else if (g_str_equal (field, "cccd_date"))
    slot = &s->cccd_date;
  else if (g_str_equal (field, "cccd_place"))
    slot = &s->cccd_place;
  else if (g_str_equal (field, "birth_date"))
    slot = &s->birth_date;
  else if (g_str_equal (field, "phone"))
    slot = &s->phone;
  else if (g_str_equal (field, "email"))
    slot = &s->email;
  if (slot == NULL)
    return;
  g_free (*slot);
  *slot = (text && *text) ? g_strdup (text) : NULL;
  /* the store normalises dates, phone and email, and names what is wrong */
  if (!cd_store_save_staff (self->store, s, &error))
    {
      toast (self, error->message);
      return;
    }
  rebuild_current (self);
}

static void
accept_toggled_cb (GtkToggleButton *check,
                   CdWizardWindow  *self)
{
  self->accept_gaps = gtk_toggle_button_get_active (check);
  gtk_widget_set_sensitive (GTK_WIDGET (self->next_button), TRUE);
  if (!self->accept_gaps)
    rebuild_current (self);
}

static GPtrArray *
current_gaps (CdWizardWindow *self,
              GError        **error)
{
  g_autoptr(CdWizardTemplateInfo) info = template_info (self, error);
  g_auto(GStrv) doms = domains (self);

  if (info == NULL)
    return NULL;
  return cd_wizard_draft_check (self->draft, self->store, (const char * const *) info->fields,
                                (const char * const *) doms, NULL, error);
}

static void
build_gaps (CdWizardWindow *self,
            GtkWidget      *box)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) gaps = current_gaps (self, &error);
  GtkWidget *list;
  guint n_errors = 0;

  gtk_box_append (GTK_BOX (box), heading (_("Missing or wrong data"),
                                          _("The template prints these fields. Correct them here: the fixes are saved to the register.")));
  if (gaps == NULL)
    {
      gtk_box_append (GTK_BOX (box), gtk_label_new (error->message));
      return;
    }
  if (gaps->len == 0)
    {
      GtkWidget *l = gtk_label_new (_("Every record has what the template needs."));
      gtk_label_set_xalign (GTK_LABEL (l), 0);
      gtk_box_append (GTK_BOX (box), l);
      gtk_widget_set_sensitive (GTK_WIDGET (self->next_button), TRUE);
      return;
    }
  list = new_list ();
  for (guint i = 0; i < gaps->len; i++)
    {
      CdWizardGap *gap = g_ptr_array_index (gaps, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *entry = gtk_entry_new ();
      GtkWidget *button = gtk_button_new_with_label (_("Save"));
      g_autofree char *title = g_strdup_printf ("%s — %s", gap->full_name, gap->label);
      g_autofree char *shown = NULL;

      if (gap->error)
        n_errors++;
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), gap->message);
      if (gap->value != NULL && g_str_has_suffix (gap->field, "date"))
        shown = cd_text_date_display (gap->value);
      gtk_editable_set_text (GTK_EDITABLE (entry), shown ? shown : (gap->value ? gap->value : ""));
      gtk_widget_set_valign (entry, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      set_staff_id (G_OBJECT (button), gap->staff_id);
      g_object_set_data_full (G_OBJECT (button), "field", g_strdup (gap->field), g_free);
      g_object_set_data (G_OBJECT (button), "entry", entry);
      g_signal_connect (button, "clicked", G_CALLBACK (fix_clicked_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), entry);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }
  gtk_box_append (GTK_BOX (box), list);
  if (n_errors > 0)
    {
      GtkWidget *check = gtk_toggle_button_new_with_label (_("Go on with these gaps (they are listed again in the preview)"));
      gtk_widget_set_halign (check, GTK_ALIGN_START);
      gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (check), self->accept_gaps);
      g_signal_connect (check, "toggled", G_CALLBACK (accept_toggled_cb), self);
      gtk_box_append (GTK_BOX (box), check);
    }
  gtk_widget_set_sensitive (GTK_WIDGET (self->next_button), n_errors == 0 || self->accept_gaps);
}

/* ---- Page 4: document -------------------------------------------------- */

static void
doc_entry_changed_cb (GtkEditable    *entry,
                      CdWizardWindow *self)
{
  const char *what = g_object_get_data (G_OBJECT (entry), "what");
  const char *text = gtk_editable_get_text (entry);

  if (g_str_equal (what, "number"))
    cd_wizard_draft_set_text (&self->draft->doc_number, text);
  else if (g_str_equal (what, "date"))
    {
      g_autofree char *iso = cd_text_parse_date (text);
      /* Next only with a real date; the last good one is kept meanwhile */
      gtk_widget_set_sensitive (GTK_WIDGET (self->next_button), iso != NULL);
      if (iso != NULL)
        {
          g_free (self->draft->date);
          self->draft->date = g_steal_pointer (&iso);
        }
    }
  else if (g_str_equal (what, "signer-title"))
    cd_wizard_draft_set_text (&self->draft->signer_title, text);
  else if (g_str_equal (what, "signer-name"))
    cd_wizard_draft_set_text (&self->draft->signer_name, text);
  else if (g_str_equal (what, "recipient"))
    cd_wizard_draft_set_text (&self->draft->recipient, text);
  else if (g_str_equal (what, "change"))
    {
      CdWizardItem *item = cd_wizard_draft_find (self->draft,
                                                 *(gint64 *) g_object_get_data (G_OBJECT (entry), "staff-id"));
      if (item != NULL)
        cd_wizard_draft_set_text (&item->change_note, text);
    }
  self->draft->dirty = TRUE;
}

static GtkWidget *
entry_row (CdWizardWindow *self,
           GtkWidget      *list,
           const char     *title,
           const char     *what,
           const char     *value)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_editable_set_text (GTK_EDITABLE (row), value ? value : "");
  g_object_set_data_full (G_OBJECT (row), "what", g_strdup (what), g_free);
  g_signal_connect (row, "changed", G_CALLBACK (doc_entry_changed_cb), self);
  gtk_list_box_append (GTK_LIST_BOX (list), row);
  return row;
}

static void
build_document (CdWizardWindow *self,
                GtkWidget      *box)
{
  g_autoptr(CdUnit) unit = cd_store_get_unit (self->store);
  GtkWidget *list = new_list ();
  g_autofree char *date = cd_text_date_display (self->draft->date);

  gtk_box_append (GTK_BOX (box), heading (_("The document"),
                                          _("Number, date and signer as printed. Empty fields print a dotted line to fill by hand.")));
  entry_row (self, list, _("Document number"), "number", self->draft->doc_number);
  entry_row (self, list, _("Date (dd/mm/yyyy)"), "date", date);
  entry_row (self, list, _("Signer's title"), "signer-title",
             self->draft->signer_title ? self->draft->signer_title : unit->head_title);
  entry_row (self, list, _("Signer"), "signer-name",
             self->draft->signer_name ? self->draft->signer_name : unit->head_name);
  entry_row (self, list, _("Addressee, empty for the template's"), "recipient", self->draft->recipient);
  gtk_box_append (GTK_BOX (box), list);
  /* the defaults shown are what is printed */
  if (self->draft->signer_title == NULL)
    self->draft->signer_title = g_strdup (unit->head_title);
  if (self->draft->signer_name == NULL)
    self->draft->signer_name = g_strdup (unit->head_name);

  if (g_strcmp0 (self->draft->kind, "thay-doi") == 0)
    {
      GtkWidget *changes = new_list ();
      gtk_box_append (GTK_BOX (box), heading (_("What changes for each person"), NULL));
      for (guint i = 0; i < self->draft->items->len; i++)
        {
          CdWizardItem *item = g_ptr_array_index (self->draft->items, i);
          g_autofree char *name = staff_name (self, item->staff_id);
          GtkWidget *row = entry_row (self, changes, name, "change", item->change_note);
          set_staff_id (G_OBJECT (row), item->staff_id);
        }
      gtk_box_append (GTK_BOX (box), changes);
    }
  gtk_widget_set_sensitive (GTK_WIDGET (self->next_button), TRUE);
}

/* ---- Page 5: template -------------------------------------------------- */

static void
template_toggled_cb (GtkCheckButton *check,
                     CdWizardWindow *self)
{
  const char *path = g_object_get_data (G_OBJECT (check), "path");

  if (!gtk_check_button_get_active (check))
    return;
  cd_wizard_draft_set_text (&self->draft->template_path, path);
  self->draft->dirty = TRUE;
  rebuild_current (self);
}

static void
form_chosen_cb (GtkNativeDialog *dialog,
                int              response,
                CdWizardWindow  *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = g_file_get_path (file);
      cd_wizard_draft_set_text (&self->draft->template_path, path);
      self->draft->dirty = TRUE;
      rebuild_current (self);
    }
  g_object_unref (dialog);
}

static void
choose_form_cb (GtkButton      *button,
                CdWizardWindow *self)
{
  GtkFileChooserNative *dialog =
    gtk_file_chooser_native_new (_("The Department's Word form"), GTK_WINDOW (self),
                                 GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Word documents (.docx)"));
  gtk_file_filter_add_pattern (filter, "*.docx");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  g_object_unref (filter);
  g_signal_connect (dialog, "response", G_CALLBACK (form_chosen_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static GtkWidget *
template_row (CdWizardWindow  *self,
              GtkWidget       *list,
              GtkCheckButton **group,
              const char      *title,
              const char      *subtitle,
              const char      *path,
              gboolean         active)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  if (*group)
    gtk_check_button_set_group (GTK_CHECK_BUTTON (check), *group);
  else
    *group = GTK_CHECK_BUTTON (check);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), active);
  g_object_set_data_full (G_OBJECT (check), "path", g_strdup (path), g_free);
  g_signal_connect (check, "toggled", G_CALLBACK (template_toggled_cb), self);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
  gtk_list_box_append (GTK_LIST_BOX (list), row);
  return row;
}

static void
build_template (CdWizardWindow *self,
                GtkWidget      *box)
{
  GtkWidget *list = new_list ();
  GtkCheckButton *group = NULL;
  g_autoptr(GPtrArray) tpls = cd_doc_templates_list ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CdWizardTemplateInfo) info = NULL;
  const char *current = self->draft->template_path;
  gboolean known = current == NULL;
  GtkWidget *button;

  gtk_box_append (GTK_BOX (box), heading (_("Template"),
                                          _("The built-in form for this kind, one of your own templates, or the Word form that came with the Department's letter.")));
  template_row (self, list, &group, _("Built-in form"), cd_wizard_kind_title (self->draft->kind),
                NULL, current == NULL);
  for (guint i = 0; tpls != NULL && i < tpls->len; i++)
    {
      CdDocTemplate *t = g_ptr_array_index (tpls, i);
      if (t->builtin)
        continue;
      template_row (self, list, &group, t->title, _("Your template"), t->path,
                    g_strcmp0 (current, t->path) == 0);
      known = known || g_strcmp0 (current, t->path) == 0;
    }
  if (!known)
    {
      g_autofree char *base = g_path_get_basename (current);
      template_row (self, list, &group, base, _("The Department's form"), current, TRUE);
    }
  gtk_box_append (GTK_BOX (box), list);
  button = gtk_button_new_with_label (_("Use the Department's Form…"));
  gtk_widget_set_halign (button, GTK_ALIGN_START);
  g_signal_connect (button, "clicked", G_CALLBACK (choose_form_cb), self);
  gtk_box_append (GTK_BOX (box), button);

  info = template_info (self, &error);
  if (info == NULL)
    {
      GtkWidget *l = gtk_label_new (error->message);
      gtk_label_set_wrap (GTK_LABEL (l), TRUE);
      gtk_label_set_xalign (GTK_LABEL (l), 0);
      gtk_widget_add_css_class (l, "error");
      gtk_box_append (GTK_BOX (box), l);
      gtk_widget_set_sensitive (GTK_WIDGET (self->next_button), FALSE);
      return;
    }
  if (info->columns != NULL)
    {
      GtkWidget *cols = new_list ();
      gtk_box_append (GTK_BOX (box), heading (_("Columns of the form"),
                                              _("This form has no placeholders: CertDesk fills its table by the column titles. Check the mapping.")));
      for (guint i = 0; i < info->columns->len; i++)
        {
          CdFormColumn *c = g_ptr_array_index (info->columns, i);
          const CdDocField *f = c->field ? cd_doc_field_lookup (c->field) : NULL;
          GtkWidget *row = adw_action_row_new ();
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), c->header ? c->header : "");
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                       f ? _(f->description) : _("Stays empty (fill by hand)"));
          gtk_list_box_append (GTK_LIST_BOX (cols), row);
        }
      gtk_box_append (GTK_BOX (box), cols);
    }
  gtk_widget_set_sensitive (GTK_WIDGET (self->next_button), TRUE);
}

/* ---- Page 6: preview --------------------------------------------------- */

/* Rows are plain objects carrying their cells: a GtkColumnView only
 * makes widgets for the rows in sight, so 1,000 rows stay cheap. */
static GListModel *
rows_model (GPtrArray *rows)
{
  GListStore *store = g_list_store_new (G_TYPE_OBJECT);

  for (guint r = 0; r < rows->len; r++)
    {
      g_autoptr(GObject) item = g_object_new (G_TYPE_OBJECT, NULL);
      g_object_set_data_full (item, "cells", g_strdupv (g_ptr_array_index (rows, r)),
                              (GDestroyNotify) g_strfreev);
      g_list_store_append (store, item);
    }
  return G_LIST_MODEL (store);
}

static void
cell_setup_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  column)
{
  GtkWidget *l = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (l), 0);
  gtk_label_set_wrap (GTK_LABEL (l), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (l), 28);
  gtk_list_item_set_child (list_item, l);
}

static void
cell_bind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              gpointer                  column)
{
  GObject *item = gtk_list_item_get_item (list_item);
  char **cells = g_object_get_data (item, "cells");
  guint c = GPOINTER_TO_UINT (column);

  gtk_label_set_label (GTK_LABEL (gtk_list_item_get_child (list_item)),
                       cells != NULL && c < g_strv_length (cells) ? cells[c] : "");
}

/* ---- Page count of the preview ----------------------------------------- */

static void
pages_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GtkWidget) label = user_data;
  g_autoptr(GError) error = NULL;
  int pages = cd_wizard_count_pages_finish (CD_STORE (source), result, &error);
  g_autofree char *text = NULL;

  if (pages <= 0)
    return;
  text = g_strdup_printf (_("About %d page(s) (an estimate: laid out as the printed list on A4)"),
                          (int) pages);
  gtk_label_set_label (GTK_LABEL (label), text);
}

static void
build_preview (CdWizardWindow *self,
               GtkWidget      *box)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdWizardTemplateInfo) info = template_info (self, &error);
  g_autoptr(CdDocContext) ctx = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) gaps = NULL;
  g_autoptr(GString) head = g_string_new (NULL);
  GtkWidget *view, *scroll, *l, *pages_label;
  g_autoptr(GListModel) model = NULL;
  g_autofree char *date = NULL;

  gtk_box_append (GTK_BOX (box), heading (_("Preview"), _("The rows exactly as they will be written.")));
  if (info != NULL)
    ctx = cd_wizard_draft_context (self->draft, self->store, now_seconds (), threshold (self), &error);
  if (ctx == NULL)
    {
      gtk_box_append (GTK_BOX (box), gtk_label_new (error->message));
      gtk_widget_set_sensitive (GTK_WIDGET (self->next_button), FALSE);
      return;
    }
  date = cd_docs_date_long (ctx->year, ctx->month, ctx->day);
  g_string_append_printf (head, _("Number: %s · %s · Signed by: %s %s · %u people"),
                          self->draft->doc_number ? self->draft->doc_number : "…",
                          date,
                          self->draft->signer_title ? self->draft->signer_title : "",
                          self->draft->signer_name ? self->draft->signer_name : "",
                          ctx->people->len);
  if (self->draft->recipient)
    g_string_append_printf (head, " · %s %s", _("To:"), self->draft->recipient);
  l = gtk_label_new (head->str);
  gtk_label_set_xalign (GTK_LABEL (l), 0);
  gtk_label_set_wrap (GTK_LABEL (l), TRUE);
  gtk_box_append (GTK_BOX (box), l);

  pages_label = gtk_label_new (_("Counting pages…"));
  gtk_label_set_xalign (GTK_LABEL (pages_label), 0);
  gtk_widget_add_css_class (pages_label, "dim-label");
  gtk_box_append (GTK_BOX (box), pages_label);

  rows = cd_wizard_preview_rows (ctx, (const char * const *) info->fields);
  model = rows_model (rows);
  view = gtk_column_view_new (GTK_SELECTION_MODEL (gtk_no_selection_new (g_object_ref (model))));
  gtk_column_view_set_show_row_separators (GTK_COLUMN_VIEW (view), TRUE);
  gtk_column_view_set_show_column_separators (GTK_COLUMN_VIEW (view), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Rows of the list"), -1);
  for (guint c = 0; info->headers[c] != NULL; c++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      g_autoptr(GtkColumnViewColumn) column = NULL;

      g_signal_connect (factory, "setup", G_CALLBACK (cell_setup_cb), GUINT_TO_POINTER (c));
      g_signal_connect (factory, "bind", G_CALLBACK (cell_bind_cb), GUINT_TO_POINTER (c));
      column = gtk_column_view_column_new (info->headers[c], factory);
      gtk_column_view_column_set_resizable (column, TRUE);
      gtk_column_view_append_column (GTK_COLUMN_VIEW (view), column);
    }
  scroll = gtk_scrolled_window_new ();
  gtk_widget_set_vexpand (scroll, TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroll), view);
  gtk_box_append (GTK_BOX (box), scroll);

  /* Laid out by core on a worker (the printed list's layout): an
   * estimate for the Word file, whose layout Word decides. */
  cd_wizard_count_pages_async (self->store, self->draft, now_seconds (), threshold (self),
                               NULL, pages_done_cb, g_object_ref (pages_label));

  gaps = current_gaps (self, NULL);
  if (gaps != NULL && gaps->len > 0)
    {
      g_autoptr(GString) w = g_string_new (_("Still missing or wrong:"));
      for (guint i = 0; i < gaps->len; i++)
        {
          CdWizardGap *g = g_ptr_array_index (gaps, i);
          g_string_append_printf (w, "\n• %s — %s: %s", g->full_name, g->label, g->message);
        }
      l = gtk_label_new (w->str);
      gtk_label_set_xalign (GTK_LABEL (l), 0);
      gtk_label_set_wrap (GTK_LABEL (l), TRUE);
      gtk_widget_add_css_class (l, "warning");
      gtk_box_append (GTK_BOX (box), l);
    }
  gtk_widget_set_sensitive (GTK_WIDGET (self->next_button), TRUE);
}

/* ---- Page 7: save ------------------------------------------------------ */

static void
open_uri (CdWizardWindow *self,
          const char     *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *uri = g_file_get_uri (file);
  g_autoptr(GError) error = NULL;

  if (!g_app_info_launch_default_for_uri (uri, NULL, &error))
    toast (self, error->message);
}

static void
open_file_cb (GtkButton      *button,
              CdWizardWindow *self)
{
  if (self->draft->output_path)
    open_uri (self, self->draft->output_path);
}

static void
open_folder_cb (GtkButton      *button,
                CdWizardWindow *self)
{
  if (self->draft->output_path)
    {
      g_autofree char *dir = g_path_get_dirname (self->draft->output_path);
      open_uri (self, dir);
    }
}

static void
generate_done_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(CdWizardWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean ok = cd_wizard_generate_finish (CD_STORE (source), result, self->draft, NULL, &error);

  self->generating = FALSE;
  gtk_widget_set_sensitive (GTK_WIDGET (self->stack), TRUE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->back_button), TRUE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->draft_button), TRUE);
  if (!ok)
    {
      toast (self, error->message);
      return;
    }
  rebuild_current (self);
}

static void
save_chosen_cb (GtkNativeDialog *dialog,
                int              response,
                CdWizardWindow  *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      char *path = g_file_get_path (file);

      if (!g_str_has_suffix (path, ".docx"))
        {
          char *with = g_strconcat (path, ".docx", NULL);
          g_free (path);
          path = with;
        }
      self->generating = TRUE;
      gtk_widget_set_sensitive (GTK_WIDGET (self->stack), FALSE);
      gtk_widget_set_sensitive (GTK_WIDGET (self->back_button), FALSE);
      gtk_widget_set_sensitive (GTK_WIDGET (self->draft_button), FALSE);
      cd_wizard_generate_async (self->store, self->draft, path, TRUE, now_seconds (), threshold (self),
                                NULL, generate_done_cb, g_object_ref (self));
      g_free (path);
    }
  g_object_unref (dialog);
}

static void
save_clicked_cb (GtkButton      *button,
                 CdWizardWindow *self)
{
  GtkFileChooserNative *dialog =
    gtk_file_chooser_native_new (_("Save the list"), GTK_WINDOW (self),
                                 GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  g_autoptr(CdUnit) unit = cd_store_get_unit (self->store);
  g_autofree char *name = cd_wizard_draft_file_name (self->draft, unit);
  g_autoptr(GFile) folder = cd_application_documents_folder ();

  gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (dialog), folder, NULL);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  g_signal_connect (dialog, "response", G_CALLBACK (save_chosen_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
bulk_toggled_cb (GtkCheckButton *check,
                 CdWizardWindow *self)
{
  self->draft->bulk_sheet = gtk_check_button_get_active (check);
  self->draft->dirty = TRUE;
}

static void
build_save (CdWizardWindow *self,
            GtkWidget      *box)
{
  GtkWidget *check, *button, *row;

  gtk_box_append (GTK_BOX (box), heading (_("Save"),
                                          _("Choose where to save the Word file. The list is kept in Documents as a batch you can mark sent and done.")));
  check = gtk_check_button_new_with_label (_("Also write the certification authority's bulk-registration sheet (.xlsx) next to it"));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), self->draft->bulk_sheet);
  g_signal_connect (check, "toggled", G_CALLBACK (bulk_toggled_cb), self);
  gtk_box_append (GTK_BOX (box), check);
  button = gtk_button_new_with_label (self->draft->output_path ? _("Save Again…") : _("Save As…"));
  gtk_widget_set_halign (button, GTK_ALIGN_START);
  gtk_widget_add_css_class (button, "suggested-action");
  g_signal_connect (button, "clicked", G_CALLBACK (save_clicked_cb), self);
  gtk_box_append (GTK_BOX (box), button);

  if (self->draft->output_path != NULL)
    {
      g_autofree char *saved = g_strdup_printf (_("Saved: %s"), self->draft->output_path);
      GtkWidget *l = gtk_label_new (saved);
      gtk_label_set_xalign (GTK_LABEL (l), 0);
      gtk_label_set_wrap (GTK_LABEL (l), TRUE);
      gtk_box_append (GTK_BOX (box), l);
      row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      button = gtk_button_new_with_label (_("Open File"));
      g_signal_connect (button, "clicked", G_CALLBACK (open_file_cb), self);
      gtk_box_append (GTK_BOX (row), button);
      button = gtk_button_new_with_label (_("Open Folder"));
      g_signal_connect (button, "clicked", G_CALLBACK (open_folder_cb), self);
      gtk_box_append (GTK_BOX (row), button);
      button = gtk_button_new_with_label (_("Print"));
      gtk_widget_set_tooltip_text (button, _("Opens the file in its application, where you print it"));
      g_signal_connect (button, "clicked", G_CALLBACK (open_file_cb), self);
      gtk_box_append (GTK_BOX (row), button);
      gtk_box_append (GTK_BOX (box), row);
    }
}

/* ---- Navigation -------------------------------------------------------- */

static Page
first_page (CdWizardWindow *self)
{
  return is_revocation (self) ? PAGE_PEOPLE : PAGE_KIND;
}

static void
rebuild_current (CdWizardWindow *self)
{
  GtkWidget *box = self->page_box[self->page];
  g_autofree char *step = NULL;
  guint n = is_revocation (self) ? N_PAGES - 1 : N_PAGES;
  guint at = self->page - first_page (self) + 1;

  clear_box (box);
  gtk_widget_set_sensitive (GTK_WIDGET (self->next_button), TRUE);
  switch (self->page)
    {
    case PAGE_KIND: build_kind (self, box); break;
    case PAGE_PEOPLE: build_people (self, box); break;
    case PAGE_GAPS: build_gaps (self, box); break;
    case PAGE_DOCUMENT: build_document (self, box); break;
    case PAGE_TEMPLATE: build_template (self, box); break;
    case PAGE_PREVIEW: build_preview (self, box); break;
    case PAGE_SAVE: build_save (self, box); break;
    default: break;
    }
  step = g_strdup_printf (_("Step %u of %u"), at, n);
  gtk_label_set_label (self->step_label, step);
  gtk_widget_set_visible (GTK_WIDGET (self->back_button), self->page != first_page (self));
  gtk_widget_set_visible (GTK_WIDGET (self->next_button), self->page != PAGE_SAVE);
}

static void
show_page (CdWizardWindow *self,
           Page            page)
{
  /* the pages are rebuilt from the draft each time: nothing stale stays */
  if (self->page != page)
    clear_box (self->page_box[self->page]);
  self->page = page;
  gtk_stack_set_visible_child_name (self->stack, page_names[page]);
  rebuild_current (self);
}

static void
back_clicked_cb (GtkButton      *button,
                 CdWizardWindow *self)
{
  if (self->page > first_page (self))
    show_page (self, self->page - 1);
}

static void
next_clicked_cb (GtkButton      *button,
                 CdWizardWindow *self)
{
  if (self->page + 1 < N_PAGES)
    show_page (self, self->page + 1);
}

static gboolean
save_draft (CdWizardWindow *self)
{
  g_autoptr(GError) error = NULL;

  if (!cd_batch_save (self->draft, self->store, &error))
    {
      toast (self, error->message);
      return FALSE;
    }
  toast (self, _("Draft saved. Resume it from Documents."));
  return TRUE;
}

static void
draft_clicked_cb (GtkButton      *button,
                  CdWizardWindow *self)
{
  save_draft (self);
}

static void
close_response_cb (AdwMessageDialog *dialog,
                   const char       *response,
                   CdWizardWindow   *self)
{
  if (g_str_equal (response, "save") && !save_draft (self))
    return;
  if (g_str_equal (response, "save") || g_str_equal (response, "discard"))
    {
      self->closing_confirmed = TRUE;
      gtk_window_close (GTK_WINDOW (self));
    }
}

static gboolean
cd_wizard_window_close_request (GtkWindow *window)
{
  CdWizardWindow *self = CD_WIZARD_WINDOW (window);
  AdwMessageDialog *dialog;

  if (self->generating)
    return TRUE;
  if (self->closing_confirmed || !self->draft->dirty || self->draft->items->len == 0)
    return GTK_WINDOW_CLASS (cd_wizard_window_parent_class)->close_request (window);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (window, _("Save the list as a draft?"),
                                                       _("What you entered is lost if you close without saving. A draft can be resumed from Documents.")));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "discard", _("_Discard"),
                                    "save", _("_Save Draft"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (dialog, "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "save");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (close_response_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));
  return TRUE;
}

static void
cd_wizard_window_dispose (GObject *object)
{
  CdWizardWindow *self = CD_WIZARD_WINDOW (object);

  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->draft, cd_wizard_draft_free);
  g_clear_pointer (&self->initial_ids, g_array_unref);
  g_clear_pointer (&self->suggested_for, g_free);
  if (self->suggest_cancel != NULL)
    g_cancellable_cancel (self->suggest_cancel);
  g_clear_object (&self->suggest_cancel);
  g_clear_pointer (&self->removed_meanwhile, g_array_unref);
  G_OBJECT_CLASS (cd_wizard_window_parent_class)->dispose (object);
}

static void
cd_wizard_window_class_init (CdWizardWindowClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = cd_wizard_window_dispose;
  GTK_WINDOW_CLASS (klass)->close_request = cd_wizard_window_close_request;
}

static void
cd_wizard_window_init (CdWizardWindow *self)
{
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *spacer = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);

  self->removed_meanwhile = g_array_new (FALSE, FALSE, sizeof (gint64));
  gtk_window_set_default_size (GTK_WINDOW (self), 900, 640);
  self->toasts = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_stack_set_transition_type (self->stack, GTK_STACK_TRANSITION_TYPE_SLIDE_LEFT_RIGHT);
  gtk_widget_set_vexpand (GTK_WIDGET (self->stack), TRUE);
  for (guint i = 0; i < N_PAGES; i++)
    {
      GtkWidget *scroll = gtk_scrolled_window_new ();
      GtkWidget *clamp = adw_clamp_new ();
      self->page_box[i] = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
      gtk_widget_set_margin_top (self->page_box[i], 18);
      gtk_widget_set_margin_bottom (self->page_box[i], 18);
      gtk_widget_set_margin_start (self->page_box[i], 12);
      gtk_widget_set_margin_end (self->page_box[i], 12);
      adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 1000);
      adw_clamp_set_child (ADW_CLAMP (clamp), self->page_box[i]);
      gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroll), clamp);
      gtk_stack_add_named (self->stack, scroll, page_names[i]);
    }
  self->step_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->step_label), "dim-label");
  self->back_button = GTK_BUTTON (gtk_button_new_with_label (_("Back")));
  self->next_button = GTK_BUTTON (gtk_button_new_with_label (_("Next")));
  gtk_widget_add_css_class (GTK_WIDGET (self->next_button), "suggested-action");
  self->draft_button = GTK_BUTTON (gtk_button_new_with_label (_("Save Draft")));
  g_signal_connect (self->back_button, "clicked", G_CALLBACK (back_clicked_cb), self);
  g_signal_connect (self->next_button, "clicked", G_CALLBACK (next_clicked_cb), self);
  g_signal_connect (self->draft_button, "clicked", G_CALLBACK (draft_clicked_cb), self);
  gtk_widget_set_hexpand (spacer, TRUE);
  gtk_widget_set_margin_start (bar, 12);
  gtk_widget_set_margin_end (bar, 12);
  gtk_widget_set_margin_top (bar, 6);
  gtk_widget_set_margin_bottom (bar, 6);
  gtk_box_append (GTK_BOX (bar), GTK_WIDGET (self->draft_button));
  gtk_box_append (GTK_BOX (bar), GTK_WIDGET (self->step_label));
  gtk_box_append (GTK_BOX (bar), spacer);
  gtk_box_append (GTK_BOX (bar), GTK_WIDGET (self->back_button));
  gtk_box_append (GTK_BOX (bar), GTK_WIDGET (self->next_button));
  gtk_box_append (GTK_BOX (content), header);
  adw_toast_overlay_set_child (self->toasts, GTK_WIDGET (self->stack));
  gtk_widget_set_vexpand (GTK_WIDGET (self->toasts), TRUE);
  gtk_box_append (GTK_BOX (content), GTK_WIDGET (self->toasts));
  gtk_box_append (GTK_BOX (content), gtk_separator_new (GTK_ORIENTATION_HORIZONTAL));
  gtk_box_append (GTK_BOX (content), bar);
  adw_window_set_content (ADW_WINDOW (self), content);
}

static CdWizardWindow *
wizard_new (GtkWindow     *parent,
            CdStore       *store,
            GSettings     *settings,
            CdWizardDraft *draft)
{
  CdWizardWindow *self = g_object_new (CD_TYPE_WIZARD_WINDOW,
                                       "transient-for", parent,
                                       "modal", FALSE,
                                       NULL);
  self->store = g_object_ref (store);
  self->settings = settings ? g_object_ref (settings) : NULL;
  self->draft = draft;
  gtk_window_set_title (GTK_WINDOW (self),
                        cd_wizard_draft_is_revocation (draft) ? _("Make Revocation List")
                                                              : _("Make Request List"));
  return self;
}

CdWizardWindow *
cd_wizard_window_new (GtkWindow  *parent,
                      CdStore    *store,
                      GSettings  *settings,
                      const char *kind,
                      GArray     *staff_ids)
{
  CdWizardWindow *self = wizard_new (parent, store, settings,
                                     cd_wizard_draft_new (kind ? kind : "cap-moi"));

  if (staff_ids != NULL)
    self->initial_ids = g_array_ref (staff_ids);
  show_page (self, first_page (self));
  return self;
}

CdWizardWindow *
cd_wizard_window_resume (GtkWindow     *parent,
                         CdStore       *store,
                         GSettings     *settings,
                         CdWizardDraft *draft)
{
  CdWizardWindow *self = wizard_new (parent, store, settings, draft);

  /* the saved people are the choice: no new suggestions on top */
  self->suggested_for = g_strdup (draft->kind);
  self->accept_gaps = TRUE;
  show_page (self, PAGE_PEOPLE);
  return self;
}
