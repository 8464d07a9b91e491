/* cd-wizard-save-page.c — the wizard's last step
 *
 * The notes on the document are a GtkStringList of the draft's notes
 * bound to their list. The file is written on a worker
 * (cd_wizard_generate_async()) while the window's steps are held still;
 * the window rebuilds this step when it is written.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cd-application.h"
#include "cd-wizard-generate.h"
#include "cd-wizard-save-page.h"
#include "cd-wizard-window-private.h"

struct _CdWizardSavePage
{
  GtkBox          parent_instance;

  CdWizardWindow *window;   /* not a reference: the page is inside it;
                             * NULL while the draft's own choice is shown */

  GtkCheckButton *bulk_check;
  GtkButton      *save_button;
  GtkWidget      *saved_label;
  GtkWidget      *open_box;
  GtkWidget      *notes_box;
  GtkListBox     *notes_list;
};

G_DEFINE_FINAL_TYPE (CdWizardSavePage, cd_wizard_save_page, GTK_TYPE_BOX)

static GtkWidget *
note_row (gpointer item,
          gpointer user_data)
{
  GtkWidget *l = gtk_label_new (gtk_string_object_get_string (item));

  gtk_label_set_xalign (GTK_LABEL (l), 0);
  gtk_label_set_wrap (GTK_LABEL (l), TRUE);
  gtk_widget_set_margin_top (l, 8);
  gtk_widget_set_margin_bottom (l, 8);
  gtk_widget_set_margin_start (l, 12);
  gtk_widget_set_margin_end (l, 12);
  return l;
}

static void
open_uri (CdWizardWindow *window,
          const char     *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *uri = g_file_get_uri (file);
  g_autoptr(GError) error = NULL;

  if (!g_app_info_launch_default_for_uri (uri, NULL, &error))
    toast (window, error->message);
}

static void
open_file_cb (CdWizardSavePage *self)
{
  if (self->window != NULL && self->window->draft->output_path != NULL)
    open_uri (self->window, self->window->draft->output_path);
}

static void
open_folder_cb (CdWizardSavePage *self)
{
  if (self->window != NULL && self->window->draft->output_path != NULL)
    {
      g_autofree char *dir = g_path_get_dirname (self->window->draft->output_path);
      open_uri (self->window, dir);
    }
}

static void
bulk_toggled_cb (CdWizardSavePage *self,
                 GtkCheckButton   *check)
{
  if (self->window == NULL)
    return;
  self->window->draft->bulk_sheet = gtk_check_button_get_active (check);
  self->window->draft->dirty = TRUE;
}

static void
generate_done_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(CdWizardWindow) window = user_data;
  g_autoptr(GError) error = NULL;
  gboolean ok = cd_wizard_generate_finish (CD_STORE (source), result, window->draft, NULL, &error);

  cd_wizard_window_hold (window, FALSE);
  if (!ok)
    {
      toast (window, error->message);
      return;
    }
  /* the step again, with the file, its buttons and its notes */
  cd_wizard_window_rebuild (window);
}

static void
save_chosen_cb (GtkNativeDialog  *dialog,
                int               response,
                CdWizardSavePage *self)
{
  CdWizardWindow *window = self->window;

  if (response == GTK_RESPONSE_ACCEPT && window != NULL && window->saving)
    {
      /* the list written now would be recorded a second time beside
       * the draft Lưu nháp is still writing */
      toast (window, _("The draft is still being saved. Save the list again in a moment."));
    }
  else if (response == GTK_RESPONSE_ACCEPT && window != NULL)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = g_file_get_path (file);

      if (!g_str_has_suffix (path, ".docx"))
        {
          char *with = g_strconcat (path, ".docx", NULL);
          g_free (path);
          path = with;
        }
      cd_wizard_window_hold (window, TRUE);
      cd_wizard_generate_async (window->store, window->draft, path, TRUE, now_seconds (),
                                threshold (window), NULL, generate_done_cb, g_object_ref (window));
    }
  g_object_unref (dialog);
  g_object_unref (self);
}

static void
save_clicked_cb (CdWizardSavePage *self)
{
  CdWizardWindow *window = self->window;
  GtkFileChooserNative *dialog;
  g_autoptr(CdUnit) unit = NULL;
  g_autofree char *name = NULL;
  g_autoptr(GFile) folder = NULL;

  if (window == NULL)
    return;
  dialog = gtk_file_chooser_native_new (_("Save the list"), GTK_WINDOW (window),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  /* the unit the preview read on a worker: this step follows it */
  unit = window->unit != NULL ? cd_unit_copy (window->unit) : cd_unit_new ();
  name = cd_wizard_draft_file_name (window->draft, unit);
  folder = cd_application_documents_folder ();
  gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (dialog), folder, NULL);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  /* the page stays until the chooser answers */
  g_signal_connect (dialog, "response", G_CALLBACK (save_chosen_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
cd_wizard_save_page_dispose (GObject *object)
{
  CdWizardSavePage *self = CD_WIZARD_SAVE_PAGE (object);

  self->window = NULL;
  gtk_widget_dispose_template (GTK_WIDGET (object), CD_TYPE_WIZARD_SAVE_PAGE);
  G_OBJECT_CLASS (cd_wizard_save_page_parent_class)->dispose (object);
}

static void
cd_wizard_save_page_class_init (CdWizardSavePageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = cd_wizard_save_page_dispose;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/certdesk/CertDesk/wizard/cd-wizard-save-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CdWizardSavePage, bulk_check);
  gtk_widget_class_bind_template_child (widget_class, CdWizardSavePage, save_button);
  gtk_widget_class_bind_template_child (widget_class, CdWizardSavePage, saved_label);
  gtk_widget_class_bind_template_child (widget_class, CdWizardSavePage, open_box);
  gtk_widget_class_bind_template_child (widget_class, CdWizardSavePage, notes_box);
  gtk_widget_class_bind_template_child (widget_class, CdWizardSavePage, notes_list);
  gtk_widget_class_bind_template_callback (widget_class, bulk_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, save_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, open_file_cb);
  gtk_widget_class_bind_template_callback (widget_class, open_folder_cb);
}

static void
cd_wizard_save_page_init (CdWizardSavePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
cd_wizard_save_page_new (CdWizardWindow *window)
{
  CdWizardSavePage *self = g_object_new (CD_TYPE_WIZARD_SAVE_PAGE, NULL);
  CdWizardDraft *draft = window->draft;

  /* the draft's own choice, before the handler sees it */
  gtk_check_button_set_active (self->bulk_check, draft->bulk_sheet);
  gtk_button_set_label (self->save_button, draft->output_path ? _("Save Again…") : _("Save As…"));
  if (draft->output_path != NULL)
    {
      g_autofree char *saved = g_strdup_printf (_("Saved: %s"), draft->output_path);

      gtk_label_set_label (GTK_LABEL (self->saved_label), saved);
      gtk_widget_set_visible (self->saved_label, TRUE);
      gtk_widget_set_visible (self->open_box, TRUE);
    }
  /* What filling the form changed or noticed (issue 15): the CLI says
   * it on stderr, the window here. */
  if (draft->output_path != NULL && draft->notes != NULL && draft->notes[0] != NULL)
    {
      g_autoptr(GtkStringList) notes = gtk_string_list_new ((const char * const *) draft->notes);

      gtk_list_box_bind_model (self->notes_list, G_LIST_MODEL (notes), note_row, NULL, NULL);
      gtk_widget_set_visible (self->notes_box, TRUE);
    }
  self->window = window;
  return GTK_WIDGET (self);
}
