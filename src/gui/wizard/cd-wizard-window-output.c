/* cd-wizard-window-output.c — the wizard's last pages: the preview and
 * the saved file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cd-application.h"
#include "cd-text.h"
#include "cd-wizard-check.h"
#include "cd-wizard-generate.h"
#include "cd-wizard-window-private.h"

/* ---- Page 6: preview --------------------------------------------------- */

/* Each row is a GtkStringList of its cells: a GtkColumnView only makes
 * widgets for the rows in sight, so 1,000 rows stay cheap. */
static GListModel *
rows_model (GPtrArray *rows)
{
  GListStore *store = g_list_store_new (GTK_TYPE_STRING_LIST);

  for (guint r = 0; r < rows->len; r++)
    {
      g_autoptr(GtkStringList) cells = gtk_string_list_new (g_ptr_array_index (rows, r));
      g_list_store_append (store, cells);
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
  GtkStringList *cells = GTK_STRING_LIST (gtk_list_item_get_item (list_item));
  const char *cell = gtk_string_list_get_string (cells, GPOINTER_TO_UINT (column));

  gtk_label_set_label (GTK_LABEL (gtk_list_item_get_child (list_item)), cell ? cell : "");
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
preview_gaps_done_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(PageCall) call = user_data;
  g_autoptr(GPtrArray) gaps = cd_wizard_check_finish (CD_STORE (source), result, NULL);
  g_autoptr(GString) w = NULL;
  GtkWidget *l;

  if (page_call_stale (call) || gaps == NULL || gaps->len == 0)
    return;
  w = g_string_new (_("Still missing or wrong:"));
  for (guint i = 0; i < gaps->len; i++)
    {
      CdWizardGap *g = g_ptr_array_index (gaps, i);
      g_string_append_printf (w, "\n• %s — %s: %s", g->full_name, g->label, g->message);
    }
  l = gtk_label_new (w->str);
  gtk_label_set_xalign (GTK_LABEL (l), 0);
  gtk_label_set_wrap (GTK_LABEL (l), TRUE);
  gtk_widget_add_css_class (l, "warning");
  gtk_box_append (GTK_BOX (call->self->page_box[PAGE_PREVIEW]), l);
}

static void
fill_preview (CdWizardWindow       *self,
              GtkWidget            *box,
              CdWizardTemplateInfo *info,
              CdDocContext         *ctx)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GString) head = g_string_new (NULL);
  GtkWidget *view, *scroll, *l, *pages_label;
  g_autoptr(GListModel) model = NULL;
  g_autofree char *date = NULL;
  PageCall *gaps_call;

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
                               self->page_cancel, pages_done_cb, g_object_ref (pages_label));
  /* what is still missing, below the rows once known */
  gaps_call = page_call_new (self);
  if (!cd_wizard_window_check_async (self, preview_gaps_done_cb, gaps_call, NULL))
    page_call_free (gaps_call);
  gtk_widget_set_sensitive (GTK_WIDGET (self->next_button), TRUE);
}

static void
context_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(PageCall) call = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CdDocContext) ctx = cd_wizard_context_finish (CD_STORE (source), result, &error);
  g_autoptr(CdWizardTemplateInfo) info = NULL;
  CdWizardWindow *self = call->self;
  GtkWidget *box;

  if (page_call_stale (call))
    return;
  box = self->page_box[PAGE_PREVIEW];
  /* the spinner goes, the heading stays */
  gtk_box_remove (GTK_BOX (box), gtk_widget_get_last_child (box));
  if (ctx != NULL)
    info = template_info (self, &error);
  if (info == NULL)
    {
      gtk_box_append (GTK_BOX (box), gtk_label_new (error->message));
      return;
    }
  cd_wizard_window_set_unit (self, ctx->unit);
  fill_preview (self, box, info, ctx);
}

void
cd_wizard_window_build_preview (CdWizardWindow *self,
               GtkWidget      *box)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdWizardTemplateInfo) info = template_info (self, &error);

  gtk_box_append (GTK_BOX (box), heading (_("Preview"), _("The rows exactly as they will be written.")));
  /* Next waits for the rows: what is saved is what is shown */
  gtk_widget_set_sensitive (GTK_WIDGET (self->next_button), FALSE);
  if (info == NULL)
    {
      gtk_box_append (GTK_BOX (box), gtk_label_new (error->message));
      return;
    }
  cd_wizard_context_async (self->store, self->draft, now_seconds (), threshold (self),
                           self->page_cancel, context_done_cb, page_call_new (self));
  gtk_box_append (GTK_BOX (box), busy_row (_("Reading the list…")));
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
  cd_wizard_window_rebuild (self);
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
  /* the unit the preview read on a worker: this step follows it */
  g_autoptr(CdUnit) unit = self->unit != NULL ? cd_unit_copy (self->unit) : cd_unit_new ();
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

void
cd_wizard_window_build_save (CdWizardWindow *self,
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
  /* What filling the form changed or noticed (issue 15): the CLI says
   * it on stderr, the window here. */
  if (self->draft->output_path != NULL && self->draft->notes != NULL)
    {
      GtkWidget *list = new_list ();

      gtk_box_append (GTK_BOX (box), heading (_("Notes on the document"), NULL));
      gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Notes on the document"), -1);
      for (guint i = 0; self->draft->notes[i] != NULL; i++)
        {
          GtkWidget *l = gtk_label_new (self->draft->notes[i]);

          gtk_label_set_xalign (GTK_LABEL (l), 0);
          gtk_label_set_wrap (GTK_LABEL (l), TRUE);
          gtk_widget_set_margin_top (l, 8);
          gtk_widget_set_margin_bottom (l, 8);
          gtk_widget_set_margin_start (l, 12);
          gtk_widget_set_margin_end (l, 12);
          gtk_list_box_append (GTK_LIST_BOX (list), l);
        }
      gtk_box_append (GTK_BOX (box), list);
    }
}
