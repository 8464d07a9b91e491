/* cd-wizard-window-details.c — the wizard's middle pages: document
 * details and template (the gaps are cd-wizard-gaps-page.c), and the
 * gaps check on a worker the gaps step and the preview share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cd-application.h"
#include "cd-batch-letter-dialog.h"
#include "cd-doc-templates.h"
#include "cd-docx.h"
#include "cd-text.h"
#include "cd-wizard-check.h"
#include "cd-wizard-names.h"
#include "cd-wizard-window-private.h"

/* What a row's widget acts on, given to its handler (freed with it):
 * the field, the person or item, the entry read. */
typedef struct {
  CdWizardWindow *self;
  char           *what;
  gint64          staff_id;
  CdWizardItem   *item;    /* the draft's, for a change note */
  GtkEditable    *entry;
} RowCall;

static gpointer
row_call (CdWizardWindow *self,
          const char     *what,
          gint64          staff_id,
          CdWizardItem   *item,
          GtkWidget      *entry)
{
  RowCall *call = g_new0 (RowCall, 1);

  call->self = self;
  call->what = g_strdup (what);
  call->staff_id = staff_id;
  call->item = item;
  call->entry = entry ? GTK_EDITABLE (entry) : NULL;
  return call;
}

static void
row_call_free (gpointer  data,
               GClosure *closure)
{
  RowCall *call = data;

  g_free (call->what);
  g_free (call);
}

/* ---- Page 3: missing data (cd-wizard-gaps-page.c) -------------------- */

gboolean
cd_wizard_window_check_async (CdWizardWindow     *self,
                              GAsyncReadyCallback callback,
                              gpointer            user_data,
                              GError            **error)
{
  /* the template is a file, read here; the people are the register's,
   * read on the worker */
  g_autoptr(CdWizardTemplateInfo) info = template_info (self, error);
  g_auto(GStrv) doms = domains (self);

  if (info == NULL)
    return FALSE;
  cd_wizard_check_async (self->store, self->draft, (const char * const *) info->fields,
                         (const char * const *) doms, NULL, self->page_cancel,
                         callback, user_data);
  return TRUE;
}

/* ---- Page 4: document -------------------------------------------------- */

static void
doc_entry_changed_cb (GtkEditable *entry,
                      RowCall     *call)
{
  CdWizardWindow *self = call->self;
  const char *what = call->what;
  const char *text = gtk_editable_get_text (entry);

  if (g_str_equal (what, "number"))
    cd_wizard_draft_set_text (&self->draft->doc_number, text);
  else if (g_str_equal (what, "date"))
    {
      g_autofree char *iso = cd_text_parse_date (text);
      /* Next only with a real date; the last good one is kept meanwhile */
      self->bad_date = iso == NULL;
      if (iso != NULL)
        {
          g_free (self->draft->date);
          self->draft->date = g_steal_pointer (&iso);
        }
    }
  else if (g_str_equal (what, "letter"))
    cd_wizard_draft_set_text (&self->draft->letter_ref, text);
  else if (g_str_equal (what, "send-to"))
    cd_wizard_draft_set_text (&self->draft->send_to, text);
  else if (g_str_equal (what, "deadline"))
    {
      g_autofree char *clean = g_strstrip (g_strdup (text));
      g_autofree char *iso = *clean != '\0' ? cd_text_parse_date (clean) : NULL;

      /* empty: no deadline; else only a real date */
      self->bad_deadline = *clean != '\0' && iso == NULL;
      if (!self->bad_deadline)
        {
          g_free (self->draft->deadline);
          self->draft->deadline = g_steal_pointer (&iso);
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
      /* the row's own item: a list may hold the unit's row (staff 0) too */
      if (call->item != NULL)
        cd_wizard_draft_set_text (&call->item->change_note, text);
    }
  gtk_widget_set_sensitive (GTK_WIDGET (self->next_button), !self->bad_date && !self->bad_deadline);
  self->draft->dirty = TRUE;
}

static GtkWidget *
entry_row (CdWizardWindow *self,
           GtkWidget      *list,
           const char     *title,
           const char     *what,
           CdWizardItem   *item,
           const char     *value)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_editable_set_text (GTK_EDITABLE (row), value ? value : "");
  g_signal_connect_data (row, "changed", G_CALLBACK (doc_entry_changed_cb),
                         row_call (self, what, 0, item, NULL), row_call_free, 0);
  gtk_list_box_append (GTK_LIST_BOX (list), row);
  return row;
}

static void
channel_selected_cb (AdwComboRow    *row,
                     GParamSpec     *pspec,
                     CdWizardWindow *self)
{
  self->draft->channel = (CdBatchChannel) adw_combo_row_get_selected (row);
  self->draft->dirty = TRUE;
}

/* The Sở's letter the list answers: kept with the batch, shown in Hồ sơ
 * with its deadline, used by Gửi… */
static void
build_letter (CdWizardWindow *self,
              GtkWidget      *box)
{
  GtkWidget *list = new_list ();
  GtkWidget *channel = adw_combo_row_new ();
  g_autoptr(GListModel) channels = cd_batch_letter_channel_model ();
  g_autofree char *deadline = self->draft->deadline ? cd_text_date_display (self->draft->deadline) : NULL;

  gtk_box_append (GTK_BOX (box), heading (_("The Department's letter"),
                                          _("The letter this list answers, the day it asks it by and where it goes. Hồ sơ reminds you of the deadline.")));
  entry_row (self, list, _("Letter (number and date)"), "letter", NULL, self->draft->letter_ref);
  entry_row (self, list, _("Deadline (dd/mm/yyyy)"), "deadline", NULL, deadline);
  entry_row (self, list, _("Send to (name, e-mail or postal address)"), "send-to", NULL, self->draft->send_to);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (channel), _("Sent by"));
  adw_combo_row_set_model (ADW_COMBO_ROW (channel), channels);
  adw_combo_row_set_selected (ADW_COMBO_ROW (channel), self->draft->channel);
  g_signal_connect (channel, "notify::selected", G_CALLBACK (channel_selected_cb), self);
  gtk_list_box_append (GTK_LIST_BOX (list), channel);
  gtk_box_append (GTK_BOX (box), list);
}

static void
fill_document (CdWizardWindow *self,
               GtkWidget      *box,
               CdWizardNames  *names)
{
  CdUnit *unit = names->unit;
  GtkWidget *list = new_list ();
  g_autofree char *date = cd_text_date_display (self->draft->date);

  entry_row (self, list, _("Document number"), "number", NULL, self->draft->doc_number);
  entry_row (self, list, _("Date (dd/mm/yyyy)"), "date", NULL, date);
  entry_row (self, list, _("Signer's title"), "signer-title", NULL,
             self->draft->signer_title ? self->draft->signer_title : unit->head_title);
  entry_row (self, list, _("Signer"), "signer-name", NULL,
             self->draft->signer_name ? self->draft->signer_name : unit->head_name);
  entry_row (self, list, _("Addressee, empty for the template's"), "recipient", NULL, self->draft->recipient);
  gtk_box_append (GTK_BOX (box), list);
  self->bad_date = self->bad_deadline = FALSE;
  build_letter (self, box);
  /* the defaults shown are what is printed */
  if (self->draft->signer_title == NULL)
    self->draft->signer_title = g_strdup (unit->head_title);
  if (self->draft->signer_name == NULL)
    self->draft->signer_name = g_strdup (unit->head_name);

  if (g_strcmp0 (self->draft->kind, "thay-doi") == 0)
    {
      GtkWidget *changes = new_list ();
      guint n_names = g_strv_length (names->names);

      gtk_box_append (GTK_BOX (box), heading (_("What changes for each person"), NULL));
      for (guint i = 0; i < self->draft->items->len; i++)
        {
          CdWizardItem *item = g_ptr_array_index (self->draft->items, i);
          /* the rows do not change while this step is shown */
          entry_row (self, changes, i < n_names ? names->names[i] : "", "change", item, item->change_note);
        }
      gtk_box_append (GTK_BOX (box), changes);
    }
  gtk_widget_set_sensitive (GTK_WIDGET (self->next_button), TRUE);
}

static void
names_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(PageCall) call = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CdWizardNames) names = cd_wizard_names_finish (CD_STORE (source), result, &error);
  CdWizardWindow *self = call->self;
  GtkWidget *box;

  if (page_call_stale (call))
    return;
  box = self->page_box[PAGE_DOCUMENT];
  /* the spinner goes, the heading stays */
  gtk_box_remove (GTK_BOX (box), gtk_widget_get_last_child (box));
  if (names == NULL)
    {
      gtk_box_append (GTK_BOX (box), gtk_label_new (error->message));
      return;
    }
  cd_wizard_window_set_unit (self, names->unit);
  fill_document (self, box, names);
}

void
cd_wizard_window_build_document (CdWizardWindow *self,
                                 GtkWidget      *box)
{
  gtk_box_append (GTK_BOX (box), heading (_("The document"),
                                          _("Number, date and signer as printed. Empty fields print a dotted line to fill by hand.")));
  /* the unit's head (the default signer) and the people's names are
   * read on a worker */
  gtk_widget_set_sensitive (GTK_WIDGET (self->next_button), FALSE);
  cd_wizard_names_async (self->store, self->draft, self->page_cancel, names_done_cb,
                         page_call_new (self));
  gtk_box_append (GTK_BOX (box), busy_row (_("Reading the list…")));
}

static void
template_toggled_cb (GtkCheckButton *check,
                     RowCall        *call)
{
  CdWizardWindow *self = call->self;
  const char *path = call->what;

  if (!gtk_check_button_get_active (check))
    return;
  cd_wizard_draft_set_text (&self->draft->template_path, path);
  self->draft->dirty = TRUE;
  cd_wizard_window_rebuild (self);
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
      cd_wizard_window_rebuild (self);
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
  /* its row's title: what a screen reader (and the tests) calls it */
  gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  g_signal_connect_data (check, "toggled", G_CALLBACK (template_toggled_cb),
                         row_call (self, path, 0, NULL, NULL), row_call_free, 0);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
  gtk_list_box_append (GTK_LIST_BOX (list), row);
  return row;
}

void
cd_wizard_window_build_template (CdWizardWindow *self,
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
