/* cd-window-exports.c — the register and the Cục's sheet saved from the
 * window
 *
 * Xuất sổ theo dõi (Excel / PDF) and Bảng đăng ký của Cục, for everyone
 * or for the people selected in the staff list (the chooser's title says
 * which): a save dialog proposing a dated name, the file written on a
 * worker (cd_docs_export_async, mode 0600), then a toast to open the file
 * or its folder. The Cục's sheet is checked first, on a worker
 * (cd_docs_bulk_check_async): rows with required cells empty are listed
 * in a dialog, with "Export Anyway", "Cancel" and each person's record. Whether the actions can run is decided with the others
 * in cd_window_update_actions().
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "cd-application.h"
#include "cd-docs-export.h"
#include "cd-gui-util.h"
#include "cd-text.h"
#include "cd-window-private.h"
#include "cd-xlsx-export.h"

typedef struct {
  CdWindow         *self;   /* owned ref */
  CdDocsExportKind  kind;
  GArray           *ids;    /* gint64; empty: everyone (or the suggested) */
  char             *target;
} ExportJob;

static void
export_job_free (ExportJob *job)
{
  g_clear_object (&job->self);
  g_clear_pointer (&job->ids, g_array_unref);
  g_free (job->target);
  g_free (job);
}

static const char *
kind_extension (CdDocsExportKind kind)
{
  return kind == CD_DOCS_EXPORT_REGISTER_PDF ? ".pdf" : ".xlsx";
}

/* ---- Opening what was written -------------------------------------- */

static void
launched_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(CdWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_app_info_launch_default_for_uri_finish (result, &error))
    cd_gui_show_error (GTK_WIDGET (self), _("The file could not be opened"), error);
}

static void
open_path (CdWindow   *self,
           const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *uri = g_file_get_uri (file);
  g_autoptr(GdkAppLaunchContext) context =
    gdk_display_get_app_launch_context (gtk_widget_get_display (GTK_WIDGET (self)));

  g_app_info_launch_default_for_uri_async (uri, G_APP_LAUNCH_CONTEXT (context), NULL,
                                           launched_cb, g_object_ref (self));
}

static void
open_export_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  open_path (CD_WINDOW (widget), g_variant_get_string (param, NULL));
}

static void
open_export_folder_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *param)
{
  g_autofree char *dir = g_path_get_dirname (g_variant_get_string (param, NULL));

  open_path (CD_WINDOW (widget), dir);
}

/* "Open" and "Open Folder" for the file written (cd_gui_saved_toast). */
static void
toast_written (CdWindow   *self,
               const char *path,
               guint       n_people)
{
  adw_toast_overlay_add_toast (self->toast_overlay,
                               cd_gui_saved_toast (path, n_people, "win.open-export",
                                                   "win.open-export-folder", 10));
}

/* ---- Writing -------------------------------------------------------- */

static void
export_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  ExportJob *job = user_data;
  CdWindow *self = job->self;
  g_autoptr(GError) error = NULL;
  guint n = 0;

  if (!cd_docs_export_finish (CD_STORE (source), result, &n, &error))
    {
      /* Cancelled: the progress bar's button said so already. */
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          cd_window_progress_stop (self);
          cd_gui_show_error (GTK_WIDGET (self), _("The file was not saved"), error);
        }
    }
  else
    {
      cd_window_progress_stop (self);
      toast_written (self, job->target, n);
    }
  export_job_free (job);
}

static void
save_response_cb (GtkNativeDialog *dialog,
                  int              response,
                  ExportJob       *job)
{
  CdWindow *self = job->self;
  CdStore *store = cd_window_get_store (self);
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  const char *ext = kind_extension (job->kind);
  GCancellable *cancellable;

  if (response != GTK_RESPONSE_ACCEPT || store == NULL
      || (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog))) == NULL
      || (path = g_file_get_path (file)) == NULL)
    {
      export_job_free (job);
      g_object_unref (dialog);
      return;
    }
  /* The clerk may have typed the name without its extension. */
  if (!g_str_has_suffix (path, ext))
    job->target = g_strconcat (path, ext, NULL);
  else
    job->target = g_steal_pointer (&path);
  g_object_unref (dialog);
  cancellable = cd_window_progress_start (self, job->kind == CD_DOCS_EXPORT_BULK_SHEET
                                                ? _("Writing the certification authority's sheet…")
                                                : _("Writing the register…"));
  cd_docs_export_async (store, job->kind, (const gint64 *) job->ids->data, job->ids->len,
                        cd_application_get_expiry_threshold_days (app ? CD_APPLICATION (app) : NULL),
                        job->target, cancellable, export_done_cb, job);
}

/* The save dialog, titled with what is written and for whom. */
static void
choose_file (ExportJob *job)
{
  CdWindow *self = job->self;
  g_autofree char *title = NULL;
  g_autofree char *name = NULL;
  g_autoptr(GFile) folder = cd_application_documents_folder ();
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  GtkFileChooserNative *dialog;
  const char *what;
  guint n = job->ids->len;

  what = job->kind == CD_DOCS_EXPORT_BULK_SHEET ? _("Certification Authority's Registration Sheet")
       : job->kind == CD_DOCS_EXPORT_REGISTER_PDF ? _("Register (PDF)") : _("Register (Excel)");
  if (n > 0)
    {
      g_autofree char *count = cd_text_count (n);

      title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s — %s selected person",
                                            "%s — %s selected people", n), what, count);
    }
  else if (job->kind == CD_DOCS_EXPORT_BULK_SHEET)
    title = g_strdup_printf (_("%s — staff without a certificate"), what);
  else
    title = g_strdup_printf (_("%s — everyone"), what);

  dialog = gtk_file_chooser_native_new (title, GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_SAVE,
                                        _("_Save"), _("_Cancel"));
  name = cd_docs_export_file_name (job->kind, n, NULL);
  gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (dialog), folder, NULL);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  if (job->kind == CD_DOCS_EXPORT_REGISTER_PDF)
    {
      gtk_file_filter_set_name (filter, _("PDF documents"));
      gtk_file_filter_add_suffix (filter, "pdf");
    }
  else
    {
      gtk_file_filter_set_name (filter, _("Excel workbooks (.xlsx)"));
      gtk_file_filter_add_suffix (filter, "xlsx");
    }
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  g_signal_connect (dialog, "response", G_CALLBACK (save_response_cb), job);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

/* ---- The Cục's sheet checked first ---------------------------------- */

/* "Open Record" beside an incomplete row: the export stops (the clerk
 * goes to fill the record in, then exports again) and the record opens. */
static void
open_record_cb (GtkButton *button,
                ExportJob *job)
{
  GtkWidget *dialog = gtk_widget_get_ancestor (GTK_WIDGET (button), ADW_TYPE_MESSAGE_DIALOG);
  gint64 id = *(gint64 *) g_object_get_data (G_OBJECT (button), "staff-id");
  g_autoptr(CdWindow) self = g_object_ref (job->self);

  /* answering "cancel" frees @job; only a response button's click also
   * closes the dialog, and destroying it answers nothing more */
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  gtk_window_destroy (GTK_WINDOW (dialog));
  cd_window_open_staff (self, id, NULL);
}

static void
gaps_response_cb (AdwMessageDialog *dialog,
                  const char       *response,
                  ExportJob        *job)
{
  if (g_str_equal (response, "export"))
    choose_file (job);
  else
    export_job_free (job);
}

/* The rows the sheet would hold with required cells empty, listed before
 * anything is written: the Cục returns such a sheet. Scrolled, so that
 * a long list fits a 1024×600 screen. */
static void
show_gaps (ExportJob *job,
           GPtrArray *gaps)
{
  CdWindow *self = job->self;
  AdwMessageDialog *dialog;
  GtkWidget *scrolled, *list;
  g_autofree char *body = NULL;
  g_autofree char *count = cd_text_count (gaps->len);

  body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%s row of the sheet has required cells left empty. The certification authority may send such a sheet back.",
                                       "%s rows of the sheet have required cells left empty. The certification authority may send such a sheet back.",
                                       gaps->len), count);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Some Rows Are Incomplete"), body));
  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  for (guint i = 0; i < gaps->len; i++)
    {
      const CdXlsxBulkGap *gap = g_ptr_array_index (gaps, i);
      g_autofree char *title = g_strdup_printf (_("Row %u – %s"), gap->row,
                                                *gap->name != '\0' ? gap->name : _("(no name)"));
      g_autofree char *missing = g_strjoinv (", ", gap->missing);
      g_autofree char *subtitle = g_strdup_printf (_("Missing: %s"), missing);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *open = gtk_button_new_with_label (_("Open Record"));

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_widget_set_valign (open, GTK_ALIGN_CENTER);
      g_object_set_data_full (G_OBJECT (open), "staff-id", g_memdup2 (&gap->staff_id, sizeof gap->staff_id), g_free);
      g_signal_connect (open, "clicked", G_CALLBACK (open_record_cb), job);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), open);
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 280);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), list);
  adw_message_dialog_set_extra_child (dialog, scrolled);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "export", _("Export _Anyway"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "export", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (gaps_response_cb), job);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
check_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  ExportJob *job = user_data;
  CdWindow *self = job->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) gaps = cd_docs_bulk_check_finish (CD_STORE (source), result, &error);

  if (gaps == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          cd_window_progress_stop (self);
          cd_gui_show_error (GTK_WIDGET (self), _("The file was not saved"), error);
        }
      export_job_free (job);
      return;
    }
  cd_window_progress_stop (self);
  if (gaps->len > 0)
    show_gaps (job, gaps);
  else
    choose_file (job);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  CdWindow *self = CD_WINDOW (widget);
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  ExportJob *job;
  GCancellable *cancellable;

  if (cd_window_get_store (self) == NULL)
    return;
  job = g_new0 (ExportJob, 1);
  job->self = g_object_ref (self);
  job->kind = g_str_equal (action_name, "win.export-register-pdf") ? CD_DOCS_EXPORT_REGISTER_PDF
            : g_str_equal (action_name, "win.export-bulk-sheet") ? CD_DOCS_EXPORT_BULK_SHEET
            : CD_DOCS_EXPORT_REGISTER_XLSX;
  job->ids = cd_staff_view_get_selected (self->staff_view);
  if (job->kind != CD_DOCS_EXPORT_BULK_SHEET)
    {
      choose_file (job);
      return;
    }
  /* The Cục's sheet: its rows checked on a worker before the clerk
   * chooses where it goes (reading a large register takes a moment). */
  cancellable = cd_window_progress_start (self, _("Checking the sheet's rows…"));
  cd_docs_bulk_check_async (cd_window_get_store (self), (const gint64 *) job->ids->data, job->ids->len,
                            cd_application_get_expiry_threshold_days (app ? CD_APPLICATION (app) : NULL),
                            cancellable, check_done_cb, job);
}

void
cd_window_exports_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.export-register", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "win.export-register-pdf", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "win.export-bulk-sheet", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "win.open-export", "s", open_export_action);
  gtk_widget_class_install_action (widget_class, "win.open-export-folder", "s", open_export_folder_action);
}
