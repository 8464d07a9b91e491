/* cd-wizard-details-page.c — the wizard's document step
 *
 * Each entry has its own handler writing its field of the draft; the
 * changes of a thay đổi list are a GListStore of CdWizardChangeItem, the
 * row's entry bound to the item's note, so no widget carries an id.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cd-batch-letter-dialog.h"
#include "cd-text.h"
#include "cd-wizard-change-item.h"
#include "cd-wizard-details-page.h"
#include "cd-wizard-names.h"
#include "cd-wizard-window-private.h"

struct _CdWizardDetailsPage
{
  GtkBox          parent_instance;

  CdWizardWindow *window;   /* not a reference: the page is inside it;
                             * NULL while the draft's own text is shown */
  GListStore     *changes;  /* CdWizardChangeItem */
  /* a date or deadline typed that is no date yet: Next waits */
  gboolean        bad_date;
  gboolean        bad_deadline;

  GtkWidget      *busy_box;
  GtkWidget      *message_label;
  GtkWidget      *content_box;
  AdwEntryRow    *number_row;
  AdwEntryRow    *date_row;
  AdwEntryRow    *signer_title_row;
  AdwEntryRow    *signer_name_row;
  AdwEntryRow    *recipient_row;
  AdwEntryRow    *letter_row;
  AdwEntryRow    *deadline_row;
  AdwEntryRow    *send_to_row;
  AdwComboRow    *channel_row;
  GtkWidget      *changes_box;
  GtkListBox     *changes_list;
};

G_DEFINE_FINAL_TYPE (CdWizardDetailsPage, cd_wizard_details_page, GTK_TYPE_BOX)

/* The text inside an entry row has no name of its own for assistive
 * technologies: it gets the row's title. */
static void
name_entry (AdwEntryRow *row)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_editable_get_delegate (GTK_EDITABLE (row))),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), -1);
}

static void
changed (CdWizardDetailsPage *self)
{
  self->window->draft->dirty = TRUE;
  gtk_widget_set_sensitive (GTK_WIDGET (self->window->next_button),
                            !self->bad_date && !self->bad_deadline);
}

/* Writes @entry's text into the draft's @field. */
static void
set_field (CdWizardDetailsPage  *self,
           char                **field,
           GtkEditable          *entry)
{
  cd_wizard_draft_set_text (field, gtk_editable_get_text (entry));
  changed (self);
}

#define TEXT_FIELD(name, field)                                          \
  static void                                                            \
  name##_changed_cb (CdWizardDetailsPage *self,                          \
                     GtkEditable         *entry)                         \
  {                                                                      \
    if (self->window != NULL)                                            \
      set_field (self, &self->window->draft->field, entry);              \
  }

TEXT_FIELD (number, doc_number)
TEXT_FIELD (signer_title, signer_title)
TEXT_FIELD (signer_name, signer_name)
TEXT_FIELD (recipient, recipient)
TEXT_FIELD (letter, letter_ref)
TEXT_FIELD (send_to, send_to)

#undef TEXT_FIELD

static void
date_changed_cb (CdWizardDetailsPage *self,
                 GtkEditable         *entry)
{
  g_autofree char *iso = NULL;

  if (self->window == NULL)
    return;
  iso = cd_text_parse_date (gtk_editable_get_text (entry));
  /* Next only with a real date; the last good one is kept meanwhile */
  self->bad_date = iso == NULL;
  if (iso != NULL)
    {
      g_free (self->window->draft->date);
      self->window->draft->date = g_steal_pointer (&iso);
    }
  changed (self);
}

static void
deadline_changed_cb (CdWizardDetailsPage *self,
                     GtkEditable         *entry)
{
  g_autofree char *clean = NULL;
  g_autofree char *iso = NULL;

  if (self->window == NULL)
    return;
  clean = g_strstrip (g_strdup (gtk_editable_get_text (entry)));
  iso = *clean != '\0' ? cd_text_parse_date (clean) : NULL;
  /* empty: no deadline; else only a real date */
  self->bad_deadline = *clean != '\0' && iso == NULL;
  if (!self->bad_deadline)
    {
      g_free (self->window->draft->deadline);
      self->window->draft->deadline = g_steal_pointer (&iso);
    }
  changed (self);
}

static void
channel_selected_cb (CdWizardDetailsPage *self,
                     GParamSpec          *pspec,
                     AdwComboRow         *row)
{
  if (self->window == NULL)
    return;
  self->window->draft->channel = (CdBatchChannel) adw_combo_row_get_selected (row);
  self->window->draft->dirty = TRUE;
}

/* A change typed in a row: into the draft's row the item stands for
 * (a list may hold the unit's own row, staff 0, too). */
static void
change_noted_cb (CdWizardDetailsPage *self,
                 GParamSpec          *pspec,
                 CdWizardChangeItem  *item)
{
  CdWizardDraft *draft;
  guint at = cd_wizard_change_item_get_position (item);

  if (self->window == NULL || self->window->draft == NULL)
    return;
  draft = self->window->draft;
  /* the rows do not change while this step is shown */
  if (at < draft->items->len)
    {
      CdWizardItem *row = g_ptr_array_index (draft->items, at);
      cd_wizard_draft_set_text (&row->change_note, cd_wizard_change_item_get_note (item));
      changed (self);
    }
}

static GtkWidget *
change_row (gpointer item,
            gpointer user_data)
{
  CdWizardDetailsPage *self = user_data;
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), cd_wizard_change_item_get_name (item));
  gtk_editable_set_text (GTK_EDITABLE (row), cd_wizard_change_item_get_note (item) != NULL ? cd_wizard_change_item_get_note (item) : "");
  name_entry (ADW_ENTRY_ROW (row));
  g_object_bind_property (row, "text", item, "note", G_BINDING_DEFAULT);
  g_signal_connect_object (item, "notify::note", G_CALLBACK (change_noted_cb), self, G_CONNECT_SWAPPED);
  return row;
}

static void
show_text (AdwEntryRow *row,
           const char  *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row), text ? text : "");
}

static void
fill (CdWizardDetailsPage *self,
      CdWizardWindow      *window,
      CdWizardNames       *names)
{
  CdWizardDraft *draft = window->draft;
  CdUnit *unit = names->unit;
  g_autofree char *date = cd_text_date_display (draft->date);
  g_autofree char *deadline = draft->deadline ? cd_text_date_display (draft->deadline) : NULL;

  /* the draft's own text, before the handlers see it (self->window is
   * still NULL) */
  show_text (self->number_row, draft->doc_number);
  show_text (self->date_row, date);
  show_text (self->signer_title_row, draft->signer_title ? draft->signer_title : unit->head_title);
  show_text (self->signer_name_row, draft->signer_name ? draft->signer_name : unit->head_name);
  show_text (self->recipient_row, draft->recipient);
  show_text (self->letter_row, draft->letter_ref);
  show_text (self->deadline_row, deadline);
  show_text (self->send_to_row, draft->send_to);
  adw_combo_row_set_selected (self->channel_row, draft->channel);
  /* the defaults shown are what is printed */
  if (draft->signer_title == NULL)
    draft->signer_title = g_strdup (unit->head_title);
  if (draft->signer_name == NULL)
    draft->signer_name = g_strdup (unit->head_name);

  if (g_strcmp0 (draft->kind, "thay-doi") == 0)
    {
      guint n_names = g_strv_length (names->names);

      for (guint i = 0; i < draft->items->len; i++)
        {
          CdWizardItem *item = g_ptr_array_index (draft->items, i);
          g_autoptr(CdWizardChangeItem) change =
            cd_wizard_change_item_new (i, i < n_names ? names->names[i] : "", item->change_note);

          g_list_store_append (self->changes, change);
        }
      gtk_widget_set_visible (self->changes_box, TRUE);
    }
  gtk_widget_set_visible (self->content_box, TRUE);
  self->bad_date = self->bad_deadline = FALSE;
  self->window = window;
  gtk_widget_set_sensitive (GTK_WIDGET (window->next_button), TRUE);
}

static void
names_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  /* with the cancellable of the step's build, its data the window: the
   * window cancels it when the step is left or rebuilt, or when it
   * closes, so the window is there whenever the call is not cancelled */
  g_autoptr(CdWizardCall) call = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CdWizardNames) names = cd_wizard_names_finish (CD_STORE (source), result, &error);
  CdWizardDetailsPage *self = call->page;
  CdWizardWindow *window = call->data;

  /* the step was left or rebuilt, or the window closed */
  if (cd_wizard_call_cancelled (call))
    return;
  gtk_widget_set_visible (self->busy_box, FALSE);
  if (names == NULL)
    {
      gtk_label_set_label (GTK_LABEL (self->message_label), error->message);
      gtk_widget_set_visible (self->message_label, TRUE);
      return;
    }
  cd_wizard_window_set_unit (window, names->unit);
  fill (self, window, names);
}

static void
cd_wizard_details_page_dispose (GObject *object)
{
  CdWizardDetailsPage *self = CD_WIZARD_DETAILS_PAGE (object);

  self->window = NULL;
  gtk_widget_dispose_template (GTK_WIDGET (object), CD_TYPE_WIZARD_DETAILS_PAGE);
  g_clear_object (&self->changes);
  G_OBJECT_CLASS (cd_wizard_details_page_parent_class)->dispose (object);
}

static void
cd_wizard_details_page_class_init (CdWizardDetailsPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = cd_wizard_details_page_dispose;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/certdesk/CertDesk/wizard/cd-wizard-details-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CdWizardDetailsPage, busy_box);
  gtk_widget_class_bind_template_child (widget_class, CdWizardDetailsPage, message_label);
  gtk_widget_class_bind_template_child (widget_class, CdWizardDetailsPage, content_box);
  gtk_widget_class_bind_template_child (widget_class, CdWizardDetailsPage, number_row);
  gtk_widget_class_bind_template_child (widget_class, CdWizardDetailsPage, date_row);
  gtk_widget_class_bind_template_child (widget_class, CdWizardDetailsPage, signer_title_row);
  gtk_widget_class_bind_template_child (widget_class, CdWizardDetailsPage, signer_name_row);
  gtk_widget_class_bind_template_child (widget_class, CdWizardDetailsPage, recipient_row);
  gtk_widget_class_bind_template_child (widget_class, CdWizardDetailsPage, letter_row);
  gtk_widget_class_bind_template_child (widget_class, CdWizardDetailsPage, deadline_row);
  gtk_widget_class_bind_template_child (widget_class, CdWizardDetailsPage, send_to_row);
  gtk_widget_class_bind_template_child (widget_class, CdWizardDetailsPage, channel_row);
  gtk_widget_class_bind_template_child (widget_class, CdWizardDetailsPage, changes_box);
  gtk_widget_class_bind_template_child (widget_class, CdWizardDetailsPage, changes_list);
  gtk_widget_class_bind_template_callback (widget_class, number_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, date_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, signer_title_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, signer_name_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, recipient_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, letter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, deadline_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, send_to_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, channel_selected_cb);
}

static void
cd_wizard_details_page_init (CdWizardDetailsPage *self)
{
  g_autoptr(GListModel) channels = cd_batch_letter_channel_model ();

  gtk_widget_init_template (GTK_WIDGET (self));
  AdwEntryRow *rows[] = {
    self->number_row, self->date_row, self->signer_title_row, self->signer_name_row,
    self->recipient_row, self->letter_row, self->deadline_row, self->send_to_row,
  };
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    name_entry (rows[i]);
  adw_combo_row_set_model (self->channel_row, channels);
  self->changes = g_list_store_new (CD_TYPE_WIZARD_CHANGE_ITEM);
  gtk_list_box_bind_model (self->changes_list, G_LIST_MODEL (self->changes), change_row, self, NULL);
}

GtkWidget *
cd_wizard_details_page_new (CdWizardWindow *window)
{
  CdWizardDetailsPage *self = g_object_new (CD_TYPE_WIZARD_DETAILS_PAGE, NULL);

  /* Next waits for the names: the signer's default is the unit's head */
  gtk_widget_set_sensitive (GTK_WIDGET (window->next_button), FALSE);
  cd_wizard_names_async (window->store, window->draft, window->page_cancel, names_done_cb,
                         cd_wizard_call_new (self, window->page_cancel, window, NULL));
  return GTK_WIDGET (self);
}
