/* cd-window-exports.c — the register and the Cục's sheet saved from the
 * window
 *
 * Xuất sổ theo dõi (Excel / PDF) and Bảng đăng ký của Cục, for everyone
 * or for the people selected in the staff list (the chooser's title says
 * which): a save dialog proposing a dated name, the file written on a
 * worker (cd_docs_export_async, mode 0600), then a toast to open the file
 * or its folder. Whether the actions can run is decided with the others
 * in cd_window_update_actions().
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "cd-application.h"
#include "cd-docs-export.h"
#include "cd-gui-util.h"
#include "cd-window-private.h"

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

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  CdWindow *self = CD_WINDOW (widget);
  ExportJob *job;
  g_autofree char *title = NULL;
  g_autofree char *name = NULL;
  g_autoptr(GFile) folder = cd_application_documents_folder ();
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  GtkFileChooserNative *dialog;
  const char *what;
  guint n;

  if (cd_window_get_store (self) == NULL)
    return;
  job = g_new0 (ExportJob, 1);
  job->self = g_object_ref (self);
  job->kind = g_str_equal (action_name, "win.export-register-pdf") ? CD_DOCS_EXPORT_REGISTER_PDF
            : g_str_equal (action_name, "win.export-bulk-sheet") ? CD_DOCS_EXPORT_BULK_SHEET
            : CD_DOCS_EXPORT_REGISTER_XLSX;
  job->ids = cd_staff_view_get_selected (self->staff_view);
  n = job->ids->len;

  what = job->kind == CD_DOCS_EXPORT_BULK_SHEET ? _("Certification Authority's Registration Sheet")
       : job->kind == CD_DOCS_EXPORT_REGISTER_PDF ? _("Register (PDF)") : _("Register (Excel)");
  if (n > 0)
    title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s — %u selected person",
                                          "%s — %u selected people", n), what, n);
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

void
cd_window_exports_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.export-register", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "win.export-register-pdf", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "win.export-bulk-sheet", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "win.open-export", "s", open_export_action);
  gtk_widget_class_install_action (widget_class, "win.open-export-folder", "s", open_export_folder_action);
}
