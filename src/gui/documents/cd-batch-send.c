/* cd-batch-send.c — Gửi…, Mở thư mục and the signed scan, from Hồ sơ
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "cd-application.h"
#include "cd-batch.h"
#include "cd-batch-mail.h"
#include "cd-batch-scan.h"
#include "cd-batch-send.h"
#include "cd-gui-util.h"

static GtkWindow *
window_of (GtkWidget *from)
{
  GtkRoot *root = gtk_widget_get_root (from);
  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
launch_path (GtkWidget  *from,
             const char *path,
             const char *heading)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *uri = g_file_get_uri (file);
  g_autoptr(GError) error = NULL;

  /* GtkFileLauncher is GTK 4.10; this is what 4.8 has */
  if (!g_app_info_launch_default_for_uri (uri, NULL, &error))
    cd_gui_show_error (from, heading, error);
}

/* ---- Gửi… ---------------------------------------------------------------- */

static void
mail_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GtkWidget) from = user_data;
  g_autoptr(GError) error = NULL;

  if (g_subprocess_wait_check_finish (G_SUBPROCESS (source), result, &error))
    {
      cd_gui_toast (from, _("The e-mail program opened with the list's files attached. Once you have sent it, mark the list sent."));
      return;
    }
  if (gtk_widget_get_root (from) == NULL)
    return;
  {
    g_autoptr(GError) told = g_error_new (G_IO_ERROR, G_IO_ERROR_FAILED,
                                          _("No e-mail program opened the message (xdg-email: %s). Set up Thunderbird or Evolution as your e-mail program, or use Open Folder and attach the files in your webmail."),
                                          error->message);
    cd_gui_show_error (from, _("The e-mail could not be prepared"), told);
  }
}

void
cd_batch_send_mail (GtkWidget *from,
                    CdStore   *store,
                    gint64     batch_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdBatchInfo) info = cd_batch_get (store, batch_id, &error);
  g_autoptr(GPtrArray) scans = NULL;
  g_autoptr(CdUnit) unit = NULL;
  g_auto(GStrv) argv = NULL;
  g_autoptr(GSubprocess) proc = NULL;

  if (info == NULL || (scans = cd_batch_list_scans (store, batch_id, &error)) == NULL)
    goto fail;
  unit = cd_store_get_unit (store);
  argv = cd_batch_mail_argv (info, unit != NULL ? unit->name : NULL, scans, &error);
  if (argv == NULL)
    goto fail;
  proc = g_subprocess_newv ((const char * const *) argv, G_SUBPROCESS_FLAGS_NONE, &error);
  if (proc == NULL)
    {
      g_autoptr(GError) told = g_error_new (G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                                            _("xdg-email, which opens your e-mail program, could not be started (%s). Install the package xdg-utils, or use Open Folder and attach the files in your webmail."),
                                            error->message);
      cd_gui_show_error (from, _("The e-mail could not be prepared"), told);
      return;
    }
  g_subprocess_wait_check_async (proc, NULL, mail_done_cb, g_object_ref (from));
  return;

fail:
  cd_gui_show_error (from, _("The e-mail could not be prepared"), error);
}

/* ---- Mở thư mục ---------------------------------------------------------- */

void
cd_batch_send_open_folder (GtkWidget *from,
                           CdStore   *store,
                           gint64     batch_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdBatchInfo) info = cd_batch_get (store, batch_id, &error);
  g_autofree char *dir = info != NULL ? cd_batch_mail_folder (info, &error) : NULL;

  if (dir == NULL)
    {
      cd_gui_show_error (from, _("The folder could not be opened"), error);
      return;
    }
  launch_path (from, dir, _("The folder could not be opened"));
}

/* ---- The signed scan ----------------------------------------------------- */

static void
attached_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GtkWidget) from = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CdBatchScan) scan = cd_batch_attach_scan_finish (CD_STORE (source), result, &error);

  if (gtk_widget_get_root (from) == NULL)
    return;
  if (scan == NULL)
    cd_gui_show_error (from, _("The scan was not attached"), error);
  else
    {
      g_autofree char *msg = g_strdup_printf (_("Scan “%s” attached."), scan->name);
      cd_gui_toast (from, msg);
    }
}

static void
scan_chosen_cb (GtkNativeDialog *dialog,
                int              response,
                gpointer         user_data)
{
  GtkWidget *from = user_data;
  CdStore *store = g_object_get_data (G_OBJECT (dialog), "store");
  gint64 id = *(gint64 *) g_object_get_data (G_OBJECT (dialog), "batch-id");

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = g_file_get_path (file);

      cd_batch_attach_scan_async (store, id, path, NULL, attached_cb, g_object_ref (from));
    }
  g_object_unref (from);
  g_object_unref (dialog);
}

void
cd_batch_send_attach_scan (GtkWidget *from,
                           CdStore   *store,
                           gint64     batch_id)
{
  GtkFileChooserNative *dialog =
    gtk_file_chooser_native_new (_("The Signed Scan"), window_of (from),
                                 GTK_FILE_CHOOSER_ACTION_OPEN, _("_Attach"), _("_Cancel"));
  GtkFileFilter *filter = gtk_file_filter_new ();
  g_autoptr(GFile) folder = cd_application_documents_folder ();
  gint64 *id = g_new (gint64, 1);

  *id = batch_id;
  gtk_file_filter_set_name (filter, _("Scans (PDF, JPEG, PNG)"));
  gtk_file_filter_add_mime_type (filter, "application/pdf");
  gtk_file_filter_add_mime_type (filter, "image/jpeg");
  gtk_file_filter_add_mime_type (filter, "image/png");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  g_object_unref (filter);
  gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (dialog), folder, NULL);
  g_object_set_data_full (G_OBJECT (dialog), "store", g_object_ref (store), g_object_unref);
  g_object_set_data_full (G_OBJECT (dialog), "batch-id", id, g_free);
  g_signal_connect (dialog, "response", G_CALLBACK (scan_chosen_cb), g_object_ref (from));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

void
cd_batch_send_open_scan (GtkWidget *from,
                         CdStore   *store,
                         gint64     batch_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) scans = cd_batch_list_scans (store, batch_id, &error);

  if (scans == NULL)
    {
      cd_gui_show_error (from, _("The scan could not be opened"), error);
      return;
    }
  if (scans->len == 0)
    return;
  launch_path (from, ((CdBatchScan *) g_ptr_array_index (scans, scans->len - 1))->path,
               _("The scan could not be opened"));
}
