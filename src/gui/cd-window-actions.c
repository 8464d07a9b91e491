/* cd-window-actions.c — what the window's menus, buttons and shortcuts do
 *
 * Each action opens a dialog or starts a core worker; the progress bar
 * shows the work under way. Whether an action can run now is decided in
 * one place, cd_window_update_actions().
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "cd-application.h"
#include "cd-box-handover-dialog.h"
#include "cd-calendar.h"
#include "cd-cert-import.h"
#include "cd-cert-link.h"
#include "cd-coverage-window.h"
#include "cd-device-view.h"
#include "cd-gui-util.h"
#include "cd-import-preview-dialog.h"
#include "cd-link-certificate-dialog.h"
#include "cd-merger-dialog.h"
#include "cd-collect-window.h"
#include "cd-preferences-window.h"
#include "cd-staff-import-async.h"
#include "cd-window-private.h"
#include "cd-wizard-window.h"

/* ---- Progress ------------------------------------------------------- */

static gboolean
pulse_cb (gpointer data)
{
  gtk_progress_bar_pulse (GTK_PROGRESS_BAR (data));
  return G_SOURCE_CONTINUE;
}

GCancellable *
cd_window_progress_start (CdWindow   *self,
                          const char *what)
{
  g_cancellable_cancel (self->work_cancellable);
  g_clear_object (&self->work_cancellable);
  self->work_cancellable = g_cancellable_new ();
  gtk_label_set_text (self->progress_label, what);
  gtk_revealer_set_reveal_child (self->progress_revealer, TRUE);
  if (self->pulse_id == 0)
    self->pulse_id = g_timeout_add (120, pulse_cb, self->progress_bar);
  return self->work_cancellable;
}

void
cd_window_progress_stop (CdWindow *self)
{
  g_clear_handle_id (&self->pulse_id, g_source_remove);
  gtk_revealer_set_reveal_child (self->progress_revealer, FALSE);
}

static void
progress_cancel_cb (CdWindow *self)
{
  g_cancellable_cancel (self->work_cancellable);
  cd_window_progress_stop (self);
  cd_window_toast (self, _("Cancelled: nothing was written."));
}

/* ---- Choosing files ------------------------------------------------- */

typedef void (*ChosenFunc) (CdWindow *self, GSList *files);

static void
chooser_response_cb (GtkNativeDialog *dialog,
                     int              response,
                     CdWindow        *self)
{
  ChosenFunc func = g_object_get_data (G_OBJECT (dialog), "cd-func");

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (dialog));
      GSList *paths = NULL;

      for (guint i = 0; i < g_list_model_get_n_items (files); i++)
        {
          g_autoptr(GFile) f = g_list_model_get_item (files, i);
          char *p = g_file_get_path (f);
          if (p != NULL)
            paths = g_slist_append (paths, p);
        }
      if (paths != NULL)
        func (self, paths);
      g_slist_free_full (paths, g_free);
    }
  g_clear_object (&self->chooser);
}

static void
choose_files (CdWindow          *self,
              const char        *title,
              const char        *filter_name,
              const char *const *patterns,
              gboolean           multiple,
              ChosenFunc         func)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autoptr(GFile) folder = cd_application_documents_folder ();

  if (self->chooser != NULL)
    return;
  self->chooser = gtk_file_chooser_native_new (title, GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_OPEN,
                                               _("_Open"), _("_Cancel"));
  gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (self->chooser), folder, NULL);
  gtk_file_filter_set_name (filter, filter_name);
  for (guint i = 0; patterns[i]; i++)
    gtk_file_filter_add_pattern (filter, patterns[i]);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (self->chooser), multiple);
  g_object_set_data (G_OBJECT (self->chooser), "cd-func", func);
  g_signal_connect (self->chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* ---- Staff ---------------------------------------------------------- */

static void
new_staff_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  cd_window_open_staff (CD_WINDOW (widget), 0, NULL);
}

static void
delete_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    CdWindow         *self)
{
  GArray *ids = g_object_get_data (G_OBJECT (dialog), "cd-ids");
  CdStore *store = cd_window_get_store (self);
  guint done = 0;

  if (g_strcmp0 (response, "delete") != 0 || store == NULL)
    return;
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(GError) error = NULL;

      if (!cd_store_delete_staff (store, g_array_index (ids, gint64, i), &error))
        {
          cd_window_toast (self, error->message);
          break;
        }
      done++;
    }
  if (done > 0)
    {
      g_autofree char *msg = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u staff member deleted",
                                                           "%u staff members deleted", done), done);
      cd_window_toast (self, msg);
      cd_window_register_changed (self);
    }
}

static void
delete_staff_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  CdWindow *self = CD_WINDOW (widget);
  GArray *ids = cd_staff_view_get_selected (self->staff_view);
  AdwMessageDialog *dialog;

  if (ids->len == 0)
    {
      g_array_unref (ids);
      return;
    }
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), NULL, NULL));
  adw_message_dialog_format_heading (dialog, g_dngettext (GETTEXT_PACKAGE, "Delete %u staff member?",
                                                          "Delete %u staff members?", ids->len), ids->len);
  adw_message_dialog_set_body (dialog,
    _("The records are removed from the register; the audit log keeps a trace of the deletion. "
      "For someone who retired or moved, open the record and use “Mark as Left” instead."));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "delete", _("_Delete"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "cd-ids", ids, (GDestroyNotify) g_array_unref);
  g_signal_connect (dialog, "response", G_CALLBACK (delete_response_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- Import of the staff list --------------------------------------- */

typedef struct {
  CdWindow      *self;      /* owned ref */
  CdStore       *store;     /* a connection of its own, for the reader */
  CdStaffImport *import;
} ImportJob;

static void
import_job_free (ImportJob *job)
{
  g_clear_object (&job->self);
  g_clear_object (&job->store);
  g_clear_pointer (&job->import, cd_staff_import_free);
  g_free (job);
}

static void
commit_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  ImportJob *job = user_data;
  CdWindow *self = job->self;
  g_autoptr(GError) error = NULL;

  cd_window_progress_stop (self);
  if (!cd_staff_import_commit_finish (CD_STORE (source), result, &error))
    cd_window_toast (self, error->message);
  else
    {
      g_autofree char *msg = g_strdup_printf (_("Imported: %u added, %u updated."),
                                              job->import->n_added, job->import->n_updated);
      cd_window_toast (self, msg);
      cd_window_refresh (self);
      cd_window_register_changed (self);
    }
  import_job_free (job);
}

static void
preview_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     ImportJob        *job)
{
  CdStore *store = cd_window_get_store (job->self);

  if (g_strcmp0 (response, "import") != 0 || store == NULL)
    {
      import_job_free (job);
      return;
    }
  cd_window_progress_start (job->self, _("Writing the staff list…"));
  /* One transaction: once started it completes or rolls back as a whole,
   * so it takes no cancellable. */
  cd_staff_import_commit_async (store, job->import, NULL, commit_done, job);
}

static void
prepare_done (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  ImportJob *job = user_data;
  CdWindow *self = job->self;
  g_autoptr(GError) error = NULL;
  CdImportPreviewDialog *dialog;

  job->import = cd_staff_import_prepare_finish (job->store, result, &error);
  if (g_cancellable_is_cancelled (self->work_cancellable))
    {
      import_job_free (job);
      return;
    }
  cd_window_progress_stop (self);
  if (job->import == NULL)
    {
      cd_window_toast (self, error->message);
      import_job_free (job);
      return;
    }
  dialog = cd_import_preview_dialog_new (GTK_WINDOW (self), job->import);
  g_signal_connect (dialog, "response", G_CALLBACK (preview_response_cb), job);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
import_staff_file (CdWindow   *self,
                   const char *path)
{
  CdStore *store = cd_window_get_store (self);
  ImportJob *job;
  GError *error = NULL;
  g_auto(GStrv) domains = self->settings ? g_settings_get_strv (self->settings, "official-email-domains") : NULL;
  GCancellable *cancellable;

  if (store == NULL)
    return;
  job = g_new0 (ImportJob, 1);
  job->self = g_object_ref (self);
  /* The reader's own connection; cheap (no second integrity check). */
  job->store = cd_store_open_secondary (store, &error);
  if (job->store == NULL)
    {
      cd_window_toast (self, error->message);
      g_error_free (error);
      import_job_free (job);
      return;
    }
  cancellable = cd_window_progress_start (self, _("Reading the staff list…"));
  cd_staff_import_prepare_async (job->store, path, (const char * const *) domains, cancellable,
                                 prepare_done, job);
}

static void
staff_file_chosen (CdWindow *self,
                   GSList   *files)
{
  import_staff_file (self, files->data);
}

static void
import_staff_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  static const char *const patterns[] = { "*.xlsx", "*.XLSX", "*.csv", "*.CSV", NULL };

  choose_files (CD_WINDOW (widget), _("Import the Staff List"), _("Staff lists (Excel .xlsx, .csv)"),
                patterns, FALSE, staff_file_chosen);
}

/* ---- Import of certificates ----------------------------------------- */

static void
certs_done (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(CdWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CdCertImportReport) report = cd_cert_import_files_finish (CD_STORE (source), result, &error);
  g_autofree char *msg = NULL;
  g_autofree char *problems = NULL;

  if (report == NULL)
    {
      /* Cancelled: the progress bar's button said so already. */
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          cd_window_progress_stop (self);
          cd_window_toast (self, error->message);
        }
      return;
    }
  cd_window_progress_stop (self);
  if (report->n_unit > 0)
    msg = g_strdup_printf (_("Certificates: %u read, %u linked to staff, %u to the unit or its services (%u were already)."),
                           report->n_read, report->n_linked, report->n_unit, report->n_known);
  else
    msg = g_strdup_printf (_("Certificates: %u read, %u linked to staff (%u were already)."),
                           report->n_read, report->n_linked, report->n_known);
  cd_window_toast (self, msg);
  problems = cd_cert_import_report_problems (report);
  if (problems != NULL)
    cd_window_toast (self, problems);
  cd_window_register_changed (self);
}

static void
cert_files_chosen (CdWindow *self,
                   GSList   *files)
{
  CdStore *store = cd_window_get_store (self);
  g_autoptr(GPtrArray) paths = g_ptr_array_new ();
  GCancellable *cancellable;

  if (store == NULL)
    return;
  for (GSList *l = files; l; l = l->next)
    g_ptr_array_add (paths, l->data);
  g_ptr_array_add (paths, NULL);
  cancellable = cd_window_progress_start (self, _("Reading certificates…"));
  cd_cert_import_files_async (store, (const char * const *) paths->pdata, cancellable,
                              certs_done, g_object_ref (self));
}

static void
import_certificates_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *param)
{
  static const char *const patterns[] = { "*.cer", "*.crt", "*.pem", "*.der", "*.p7b", "*.p7c",
                                          "*.CER", "*.CRT", "*.PEM", "*.DER", "*.P7B", NULL };

  choose_files (CD_WINDOW (widget), _("Import Certificates"), _("Certificates (.cer, .crt, .pem, .p7b)"),
                patterns, TRUE, cert_files_chosen);
}

/* ---- Import of a CRL ------------------------------------------------ */

static void
crl_done (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(CdWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CdCrlReport) report = cd_cert_link_apply_crl_file_finish (CD_STORE (source), result, &error);

  cd_window_progress_stop (self);
  /* A list refused for its issuer says which authority (its fingerprint,
   * to compare) and what to do: too long for a toast. */
  if (report == NULL && (g_error_matches (error, CD_CRL_ERROR, CD_CRL_ERROR_UNTRUSTED)
                         || g_error_matches (error, CD_CRL_ERROR, CD_CRL_ERROR_BAD_SIGNATURE)))
    cd_gui_show_error (GTK_WIDGET (self), _("The revocation list was not applied"), error);
  else if (report == NULL)
    cd_window_toast (self, error->message);
  else
    {
      g_autofree char *msg = g_strdup_printf (_("Revocation list of %s: %u entries; %u certificates of the register newly marked revoked, %u already were."),
                                              report->issuer_dn ? report->issuer_dn : "?",
                                              report->listed, report->revoked, report->already);
      /* The list follows the store's "changed" signal. */
      cd_window_toast (self, msg);
    }
}

static void
crl_file_chosen (CdWindow *self,
                 GSList   *files)
{
  CdStore *store = cd_window_get_store (self);
  GCancellable *cancellable;

  if (store == NULL)
    return;
  cancellable = cd_window_progress_start (self, _("Reading the revocation list…"));
  /* Verified and applied in one go: once started it completes. */
  cd_cert_link_apply_crl_file_async (store, files->data, cancellable, crl_done, g_object_ref (self));
}

static void
import_crl_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  static const char *const patterns[] = { "*.crl", "*.CRL", "*.pem", "*.der", NULL };

  choose_files (CD_WINDOW (widget), _("Import a Revocation List (CRL)"), _("Revocation lists (.crl)"),
                patterns, FALSE, crl_file_chosen);
}

/* ---- The reminder calendar ------------------------------------------ */

static void
calendar_exported_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(CdWindow) self = user_data;
  g_autofree char *path = g_object_steal_data (G_OBJECT (self), "cd-calendar-path");
  g_autoptr(GError) error = NULL;
  g_autofree char *msg = NULL;
  int n = cd_calendar_export_finish (CD_STORE (source), result, &error);

  if (n < 0)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        cd_window_toast (self, error->message);
      return;
    }
  msg = g_strdup_printf (ngettext ("%u event saved in %s", "%u events saved in %s", (guint) n),
                         (guint) n, path);
  cd_window_toast (self, msg);
}

static void
calendar_chooser_response_cb (GtkNativeDialog *dialog,
                              int              response,
                              CdWindow        *self)
{
  CdStore *store = cd_window_get_store (self);

  if (response == GTK_RESPONSE_ACCEPT && store != NULL)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;
      GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

      if (path != NULL)
        {
          g_object_set_data_full (G_OBJECT (self), "cd-calendar-path", g_strdup (path), g_free);
          /* The chooser asked before replacing an existing file. */
          cd_calendar_export_async (store, path, g_get_real_time () / G_USEC_PER_SEC,
                                    cd_application_get_expiry_threshold_days (CD_APPLICATION (app)),
                                    TRUE, NULL, calendar_exported_cb, g_object_ref (self));
        }
    }
  g_clear_object (&self->chooser);
}

static void
export_calendar_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  CdWindow *self = CD_WINDOW (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autoptr(GFile) folder = cd_application_documents_folder ();

  if (self->chooser != NULL)
    return;
  self->chooser = gtk_file_chooser_native_new (_("Export the Reminder Calendar"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (self->chooser), folder, NULL);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), "nhac-viec-certdesk.ics");
  gtk_file_filter_set_name (filter, _("Calendar files (.ics)"));
  gtk_file_filter_add_pattern (filter, "*.ics");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  g_signal_connect (self->chooser, "response", G_CALLBACK (calendar_chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* ---- A certificate nobody has: link it, or create its holder --------- */

static void
new_staff_saved_cb (CdStaffWindow *win,
                    gint64         staff_id,
                    CdWindow      *self)
{
  gint64 cert_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (win), "cd-cert-id"));
  g_autoptr(GError) error = NULL;

  if (cert_id == 0 || staff_id == 0 || cd_window_get_store (self) == NULL)
    return;
  g_object_set_data (G_OBJECT (win), "cd-cert-id", NULL);
  if (!cd_store_link_certificate (cd_window_get_store (self), cert_id, staff_id, &error))
    cd_window_toast (self, error->message);
  cd_window_register_changed (self);
}

static void
link_response_cb (CdLinkCertificateDialog *dialog,
                  const char              *response,
                  CdWindow                *self)
{
  CdStore *store = cd_window_get_store (self);
  const CdCertificate *c = cd_link_certificate_dialog_get_certificate (dialog);

  if (store == NULL)
    return;
  if (g_strcmp0 (response, "create") == 0)
    {
      g_autoptr(CdStaff) prefill = cd_staff_new ();
      CdStaffWindow *win;

      prefill->full_name = g_strdup (c->subject_cn);
      prefill->email = g_strdup (c->email);
      prefill->cccd = g_strdup (c->uid_cccd);
      win = cd_window_open_staff (self, 0, prefill);
      if (win == NULL)
        return;
      g_object_set_data (G_OBJECT (win), "cd-cert-id", GSIZE_TO_POINTER ((gsize) c->id));
      g_signal_connect_object (win, "changed", G_CALLBACK (new_staff_saved_cb), self, 0);
    }
  else if (g_strcmp0 (response, "link") == 0)
    {
      g_autoptr(GError) error = NULL;
      CdCertHolderKind kind;
      gint64 holder_id;
      const char *name;

      if (!cd_link_certificate_dialog_get_holder (dialog, &kind, &holder_id, &name))
        return;
      if (!cd_store_set_certificate_holder (store, c->id, kind, holder_id, &error))
        cd_window_toast (self, error->message);
      else
        {
          g_autofree char *msg = kind == CD_CERT_HOLDER_UNIT
            ? g_strdup_printf (_("Certificate attached to the unit %s as its seal"), name)
            : kind == CD_CERT_HOLDER_SERVICE
            ? g_strdup_printf (_("Certificate attached to the service %s"), name)
            : g_strdup_printf (_("Certificate linked to %s"), name);
          cd_window_toast (self, msg);
        }
      cd_window_register_changed (self);
    }
}

static void
unknown_certificate_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *param)
{
  CdWindow *self = CD_WINDOW (widget);
  CdStore *store = cd_window_get_store (self);
  g_autoptr(CdCertificate) c = NULL;
  g_autoptr(CdUnit) unit = NULL;
  g_autoptr(GPtrArray) services = NULL;
  CdLinkCertificateDialog *dialog;

  if (store == NULL)
    return;
  c = cd_store_get_certificate (store, g_variant_get_int64 (param), NULL);
  if (c == NULL)
    return;
  unit = cd_store_get_unit (store);
  services = cd_store_list_services (store, NULL);
  dialog = cd_link_certificate_dialog_new (GTK_WINDOW (self), c,
                                           G_LIST_MODEL (cd_staff_view_get_model (self->staff_view)),
                                           unit->name, services);
  g_signal_connect_object (dialog, "response", G_CALLBACK (link_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- Wizards -------------------------------------------------------- */

static void
wizard_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  CdWindow *self = CD_WINDOW (widget);
  CdStore *store = cd_window_get_store (self);
  g_autoptr(GArray) selected = NULL;
  CdWizardWindow *wizard;

  if (store == NULL)
    return;
  /* The people selected in the staff list only when the wizard was
   * started from them (the list's own buttons, target TRUE); from the
   * menu a row left selected is not added (issue 16). */
  if (param != NULL && g_variant_get_boolean (param))
    selected = cd_staff_view_get_selected (self->staff_view);
  wizard = cd_wizard_window_new (GTK_WINDOW (self), store, self->settings,
                                 g_str_equal (action_name, "win.revocation-wizard")
                                 ? CD_WIZARD_KIND_REVOCATION : NULL,
                                 selected);
  gtk_window_present (GTK_WINDOW (wizard));
}

/* ---- Other actions -------------------------------------------------- */

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  CdWindow *self = CD_WINDOW (widget);

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "register") != 0)
    return;
  adw_view_stack_set_visible_child_name (self->view_stack, "staff");
  cd_staff_view_focus_search (self->staff_view);
}

static void
preferences_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  CdWindow *self = CD_WINDOW (widget);
  CdPreferencesWindow *prefs;

  prefs = cd_preferences_window_new (GTK_WINDOW (self), cd_window_get_store (self), self->settings);
  if (g_strcmp0 (action_name, "win.unit-details") == 0)
    cd_preferences_window_show_unit (prefs);
  g_signal_connect_object (prefs, "unit-saved", G_CALLBACK (cd_window_refresh), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (prefs));
}

/* The shortcuts window, made when asked and gone when closed. Not
 * gtk/help-overlay.ui, which GtkApplication would keep as a hidden window
 * that never gets an accessible path: GTK 4.8's AT-SPI root then answers a
 * request for a child past the visible windows (a screen reader or a test
 * asking while a dialog closes) with that window and crashes inside
 * g_variant_new on its NULL path. */
static void
shortcuts_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  g_autoptr(GtkBuilder) builder =
    gtk_builder_new_from_resource ("/io/github/certdesk/CertDesk/cd-shortcuts-window.ui");
  GtkWindow *shortcuts = GTK_WINDOW (gtk_builder_get_object (builder, "help_overlay"));

  gtk_window_set_transient_for (shortcuts, GTK_WINDOW (widget));
  gtk_window_present (shortcuts);
}

static void
merger_applied_cb (CdMergerDialog *dialog,
                   const char     *message,
                   CdWindow       *self)
{
  cd_window_toast (self, message);
}

/* Sáp nhập / đổi tên đơn vị (seed 004): the dialog shows the proposed
 * paperwork before it renames the unit and saves the draft lists. */
static void
merge_unit_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  CdWindow *self = CD_WINDOW (widget);
  CdStore *store = cd_window_get_store (self);
  CdMergerDialog *dialog;

  if (store == NULL)
    return;
  dialog = cd_merger_dialog_new (GTK_WINDOW (self), store);
  g_signal_connect_object (dialog, "applied", G_CALLBACK (merger_applied_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Báo cáo mức độ bao phủ (seed 002 asks for 100 % of staff). */
static void
coverage_report_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  CdWindow *self = CD_WINDOW (widget);
  CdStore *store = cd_window_get_store (self);

  if (store == NULL)
    return;
  gtk_window_present (GTK_WINDOW (cd_coverage_window_new (GTK_WINDOW (self), store)));
}

static void
box_handed_cb (CdBoxHandoverDialog *dialog,
               const char          *message,
               CdWindow            *self)
{
  cd_window_toast (self, message);
}

/* Bàn giao cả hộp: the devices selected in Thiết bị, else the tokens
 * plugged in now, else every token in stock (the box as received). */
static void
hand_out_box_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  CdWindow *self = CD_WINDOW (widget);
  CdStore *store = cd_window_get_store (self);
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GPtrArray) tokens = NULL;
  CdBoxHandoverDialog *dialog;

  if (store == NULL)
    return;
  ids = cd_device_view_get_selected_ids (cd_window_get_device_view (self));
  if (ids->len == 0 && self->monitor != NULL)
    {
      tokens = cd_token_monitor_get_tokens (self->monitor);
      if (tokens != NULL && tokens->len == 0)
        g_clear_pointer (&tokens, g_ptr_array_unref);
    }
  dialog = cd_box_handover_dialog_new (GTK_WINDOW (self), store, ids, tokens);
  g_signal_connect_object (dialog, "handed", G_CALLBACK (box_handed_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Tổng hợp danh sách (issue 18): every school's list collected into one.
 * Always enabled: the xã or the Sở's office collecting may have no
 * register; the unit's name, when there is one, heads the list. */
static void
collect_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  CdWindow *self = CD_WINDOW (widget);
  CdCollectWindow *window = cd_collect_window_new (GTK_WINDOW (self), cd_window_get_store (self));

  gtk_window_present (GTK_WINDOW (window));
}

static void
about_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  /* the credits' "Lập trình" entry, in the clerk's language too */
  const char *developers[] = { _("CertDesk developers"), NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", widget,
                        "modal", TRUE,
                        "application-icon", APP_ID,
                        "application-name", _("CertDesk"),
                        "developer-name", _("CertDesk developers"),
                        "version", PACKAGE_VERSION,
                        "comments", _("Manage the official-use digital-signature certificates and USB tokens of a unit's staff."),
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "developers", developers,
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

/* ---- Enabled state -------------------------------------------------- */

void
cd_window_update_actions (CdWindow *self)
{
  GtkWidget *w = GTK_WIDGET (self);
  CdStore *store = cd_window_get_store (self);
  gboolean has_store = store != NULL;
  gboolean has_unit = has_store && !cd_store_is_empty (store);
  /* A damaged register is opened read-only: nothing that writes. While
   * its integrity check still runs on the loader's worker, asking would
   * run the check here on the main thread (150–230 ms at 30,000 staff);
   * a damage found reloads the list, which comes back here. */
  gboolean writable = has_store && (cd_store_get_check_pending (store)
                                    || !cd_store_is_read_only (store));
  g_autoptr(GtkBitset) selected = NULL;
  gboolean has_selection;

  selected = gtk_selection_model_get_selection (cd_staff_view_get_selection (self->staff_view));
  has_selection = !gtk_bitset_is_empty (selected);

  gtk_widget_action_set_enabled (w, "win.new-staff", writable);
  gtk_widget_action_set_enabled (w, "win.delete-staff", writable && has_selection);
  /* The unit's details come first: they are printed on every document. */
  gtk_widget_action_set_enabled (w, "win.import-staff", writable && has_unit);
  gtk_widget_action_set_enabled (w, "win.import-certificates", writable);
  gtk_widget_action_set_enabled (w, "win.import-crl", writable);
  gtk_widget_action_set_enabled (w, "win.unknown-certificate", writable);
  gtk_widget_action_set_enabled (w, "win.request-wizard", has_store);
  gtk_widget_action_set_enabled (w, "win.export-calendar", has_store);
  gtk_widget_action_set_enabled (w, "win.revocation-wizard", has_store);
  gtk_widget_action_set_enabled (w, "win.merge-unit", writable && has_unit);
  gtk_widget_action_set_enabled (w, "win.coverage-report", has_store);
  gtk_widget_action_set_enabled (w, "win.hand-out-box", writable && has_unit);
  /* Exports only read (a damaged, read-only register may be saved too);
   * every document's header carries the unit's details. */
  gtk_widget_action_set_enabled (w, "win.export-register", has_unit);
  gtk_widget_action_set_enabled (w, "win.export-register-pdf", has_unit);
  gtk_widget_action_set_enabled (w, "win.export-bulk-sheet", has_unit);
}

static void
selection_changed_cb (GtkSelectionModel *model,
                      guint              position,
                      guint              n_items,
                      CdWindow          *self)
{
  cd_window_update_actions (self);
}

void
cd_window_actions_init (CdWindow *self)
{
  g_signal_connect_object (cd_staff_view_get_selection (self->staff_view), "selection-changed",
                           G_CALLBACK (selection_changed_cb), self, 0);
  cd_window_update_actions (self);
}

void
cd_window_actions_dispose (CdWindow *self)
{
  g_cancellable_cancel (self->work_cancellable);
  g_clear_handle_id (&self->pulse_id, g_source_remove);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_object (&self->work_cancellable);
}

void
cd_window_actions_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_callback (widget_class, progress_cancel_cb);

  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.preferences", NULL, preferences_action);
  gtk_widget_class_install_action (widget_class, "win.unit-details", NULL, preferences_action);
  gtk_widget_class_install_action (widget_class, "win.about", NULL, about_action);
  gtk_widget_class_install_action (widget_class, "win.shortcuts", NULL, shortcuts_action);
  gtk_widget_class_install_action (widget_class, "win.request-wizard", "b", wizard_action);
  gtk_widget_class_install_action (widget_class, "win.revocation-wizard", "b", wizard_action);
  gtk_widget_class_install_action (widget_class, "win.merge-unit", NULL, merge_unit_action);
  gtk_widget_class_install_action (widget_class, "win.coverage-report", NULL, coverage_report_action);
  gtk_widget_class_install_action (widget_class, "win.hand-out-box", NULL, hand_out_box_action);
  gtk_widget_class_install_action (widget_class, "win.collect", NULL, collect_action);
  gtk_widget_class_install_action (widget_class, "win.new-staff", NULL, new_staff_action);
  gtk_widget_class_install_action (widget_class, "win.delete-staff", NULL, delete_staff_action);
  gtk_widget_class_install_action (widget_class, "win.import-staff", NULL, import_staff_action);
  gtk_widget_class_install_action (widget_class, "win.import-certificates", NULL, import_certificates_action);
  gtk_widget_class_install_action (widget_class, "win.import-crl", NULL, import_crl_action);
  gtk_widget_class_install_action (widget_class, "win.export-calendar", NULL, export_calendar_action);
  gtk_widget_class_install_action (widget_class, "win.unknown-certificate", "x", unknown_certificate_action);
  cd_window_exports_class_init (widget_class);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_i, GDK_CONTROL_MASK, "win.import-staff", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "win.new-staff", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "win.delete-staff", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_comma, GDK_CONTROL_MASK, "win.preferences", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_question, GDK_CONTROL_MASK, "win.shortcuts", NULL);
}
