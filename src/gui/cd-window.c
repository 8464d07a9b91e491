/* cd-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "cd-batches-view.h"
#include "cd-device-view.h"
#include "cd-preferences-window.h"
#include "cd-staff-import.h"
#include "cd-staff-window.h"
#include "cd-token-monitor.h"
#include "cd-window.h"
#include "cd-wizard-window.h"
#include "cd-cert-link.h"
#include "cd-crl.h"
#include "cd-memory.h"

struct _CdWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template widgets */
  AdwHeaderBar         *header_bar;
  AdwViewSwitcherTitle *switcher_title;
  GtkWidget            *demo_label;
  GtkRevealer          *progress_revealer;
  GtkLabel             *progress_label;
  GtkProgressBar       *progress_bar;
  AdwToastOverlay      *toast_overlay;
  GtkStack             *main_stack;
  AdwStatusPage        *empty_page;
  GtkLabel             *welcome_hint;
  AdwViewStack         *view_stack;
  CdStaffView          *staff_view;
  AdwViewStackPage     *devices_stack_page;
  CdDeviceView         *device_view;
  CdBatchesView        *batches_view;

  /* Owned */
  GSettings            *settings;
  CdTokenMonitor       *monitor;
  GCancellable         *load_cancellable;
  GCancellable         *work_cancellable;   /* the import under way */
  GtkFileChooserNative *chooser;
  guint                 pulse_id;
  gboolean              loaded_once;
  gboolean              told_read_only;
};

G_DEFINE_FINAL_TYPE (CdWindow, cd_window, ADW_TYPE_APPLICATION_WINDOW)

static CdStore *
window_store (CdWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  return app ? cd_application_get_store (CD_APPLICATION (app)) : NULL;
}

static void
toast (CdWindow   *self,
       const char *text)
{
  AdwToast *t = adw_toast_new (text);

  /* Long messages (errors, advice) stay until dismissed. */
  if (g_utf8_strlen (text, -1) > 80)
    adw_toast_set_timeout (t, 0);
  adw_toast_overlay_add_toast (self->toast_overlay, t);
}

static int
threshold_days (CdWindow *self)
{
  return self->settings ? g_settings_get_int (self->settings, "expiry-threshold-days") : 60;
}

/* ---- Progress ------------------------------------------------------- */

static gboolean
pulse_cb (gpointer data)
{
  gtk_progress_bar_pulse (GTK_PROGRESS_BAR (data));
  return G_SOURCE_CONTINUE;
}

static GCancellable *
progress_start (CdWindow   *self,
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

static void
progress_stop (CdWindow *self)
{
  g_clear_handle_id (&self->pulse_id, g_source_remove);
  gtk_revealer_set_reveal_child (self->progress_revealer, FALSE);
}

static void
progress_cancel_cb (CdWindow *self)
{
  g_cancellable_cancel (self->work_cancellable);
  progress_stop (self);
  toast (self, _("Cancelled: nothing was written."));
}

/* ---- Loading the staff list ----------------------------------------- */

/* The first rows shown also start reading the device register: both
 * at once would share the two cores with the first frame. */
void
cd_window_show_staff_rows (CdWindow     *self,
                           GPtrArray    *rows,
                           const GError *error)
{
  gboolean first = !self->loaded_once;

  self->loaded_once = TRUE;
  /* A damaged register: say so once, with how to restore the backup (the
   * toast stays). While its check is still running (on the worker that
   * read these rows) this waits: finding damage reloads the list. */
  if (window_store (self) != NULL && !cd_store_get_check_pending (window_store (self))
      && cd_store_is_read_only (window_store (self)) && !self->told_read_only)
    {
      self->told_read_only = TRUE;
      toast (self, cd_store_get_read_only_reason (window_store (self)));
    }
  if (rows != NULL)
    {
      cd_staff_view_set_rows (self->staff_view, rows);
      /* What the worker read with is free now: give it back. */
      cd_memory_release_free_when_idle ();
    }
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    toast (self, error->message);
  if (first && window_store (self) != NULL)
    cd_device_view_set_store (self->device_view, window_store (self));
}

static void
load_done (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(CdWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = cd_staff_rows_load_finish (result, &error);

  if (rows == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  cd_window_show_staff_rows (self, rows, error);
}

void
cd_window_reload (CdWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  CdStore *store = window_store (self);

  if (store == NULL)
    return;
  /* The application started reading before the window existed. */
  if (!self->loaded_once && cd_application_claim_preload (CD_APPLICATION (app), self))
    return;
  g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  self->load_cancellable = g_cancellable_new ();
  cd_staff_rows_load_async (store, threshold_days (self), self->load_cancellable,
                            load_done, g_object_ref (self));
}

/* The Thiết bị view follows the store's "changed" signal itself. */
static void
register_changed (CdWindow *self)
{
  cd_window_reload (self);
}

/* ---- Staff ---------------------------------------------------------- */

static CdStaffWindow *
open_staff (CdWindow      *self,
            gint64         id,
            const CdStaff *prefill)
{
  CdStore *store = window_store (self);
  CdStaffWindow *win;

  if (store == NULL)
    return NULL;
  win = cd_staff_window_new (GTK_WINDOW (self), store, id, prefill);
  g_signal_connect_object (win, "changed", G_CALLBACK (register_changed), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (win));
  return win;
}

static void
staff_activated_cb (CdStaffView *view,
                    gint64       staff_id,
                    CdWindow    *self)
{
  open_staff (self, staff_id, NULL);
}

/* A GAction of the window (not a class action) so that it is exported
 * on D-Bus too: support and the tests open a record by id with
 * org.gtk.Actions.Activate. */
static void
open_staff_activated (GSimpleAction *action,
                      GVariant      *param,
                      gpointer       user_data)
{
  open_staff (CD_WINDOW (user_data), g_variant_get_int64 (param), NULL);
}

static void
new_staff_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  open_staff (CD_WINDOW (widget), 0, NULL);
}

static void
delete_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    CdWindow         *self)
{
  GArray *ids = g_object_get_data (G_OBJECT (dialog), "cd-ids");
  CdStore *store = window_store (self);
  guint done = 0;

  if (g_strcmp0 (response, "delete") != 0 || store == NULL)
    return;
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(GError) error = NULL;

      if (!cd_store_delete_staff (store, g_array_index (ids, gint64, i), &error))
        {
          toast (self, error->message);
          break;
        }
      done++;
    }
  if (done > 0)
    {
      g_autofree char *msg = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u staff member deleted",
                                                           "%u staff members deleted", done), done);
      toast (self, msg);
      register_changed (self);
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
  CdStore       *store;     /* a connection of its own, for the worker */
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
commit_thread (GTask        *task,
               gpointer      source,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ImportJob *job = task_data;
  GError *error = NULL;

  if (cd_staff_import_commit (job->import, job->store, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
commit_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  ImportJob *job = g_task_get_task_data (G_TASK (result));
  CdWindow *self = job->self;
  g_autoptr(GError) error = NULL;

  progress_stop (self);
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      toast (self, error->message);
      return;
    }
  {
    g_autofree char *msg = g_strdup_printf (_("Imported: %u added, %u updated."),
                                            job->import->n_added, job->import->n_updated);
    toast (self, msg);
  }
  cd_window_refresh (self);
  register_changed (self);
}

static void
preview_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     ImportJob        *job)
{
  g_autoptr(GTask) task = NULL;

  if (g_strcmp0 (response, "import") != 0)
    {
      import_job_free (job);
      return;
    }
  progress_start (job->self, _("Writing the staff list…"));
  /* One transaction: once started it completes or rolls back as a whole. */
  task = g_task_new (NULL, NULL, commit_done, NULL);
  g_task_set_task_data (task, job, (GDestroyNotify) import_job_free);
  g_task_run_in_thread (task, commit_thread);
}

static GtkWidget *
preview_widget (const CdStaffImport *import)
{
  GtkWidget *scroll = gtk_scrolled_window_new ();
  GtkWidget *list = gtk_list_box_new ();
  guint shown = 0;

  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroll), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scroll), 240);
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Rows of the file"), -1);
  /* Rejected rows first, then the others: what needs the clerk's eyes. */
  for (int pass = 0; pass < 2; pass++)
    for (guint i = 0; i < import->rows->len && shown < 500; i++)
      {
        const CdImportRow *r = g_ptr_array_index (import->rows, i);
        GtkWidget *row;
        g_autofree char *title = NULL;
        const char *what;

        if ((pass == 0) != (r->action == CD_IMPORT_REJECT) || r->action == CD_IMPORT_UNCHANGED)
          continue;
        what = r->action == CD_IMPORT_ADD ? _("added") : r->action == CD_IMPORT_UPDATE ? _("updated") : _("rejected");
        title = g_strdup_printf (_("Row %u: %s — %s"), r->row,
                                 r->staff && r->staff->full_name ? r->staff->full_name
                                 : r->name ? r->name : "", what);
        row = adw_action_row_new ();
        adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
        if (r->reason)
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), r->reason);
        else if (r->warnings && r->warnings->len > 0)
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), g_ptr_array_index (r->warnings, 0));
        if (r->action == CD_IMPORT_REJECT)
          gtk_widget_add_css_class (row, "error");
        gtk_list_box_append (GTK_LIST_BOX (list), row);
        shown++;
      }
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroll), list);
  return scroll;
}

static void
prepare_done (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  ImportJob *job = user_data;
  CdWindow *self = job->self;
  g_autoptr(GError) error = NULL;
  AdwMessageDialog *dialog;

  job->import = cd_staff_import_prepare_finish (job->store, result, &error);
  if (g_cancellable_is_cancelled (self->work_cancellable))
    {
      import_job_free (job);
      return;
    }
  progress_stop (self);
  if (job->import == NULL)
    {
      toast (self, error->message);
      import_job_free (job);
      return;
    }

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Import the Staff List?"), NULL));
  adw_message_dialog_format_body (dialog, _("%u to add, %u to update, %u unchanged, %u rejected. Rejected rows are not written; fix them in the file and import again."),
                                  job->import->n_added, job->import->n_updated,
                                  job->import->n_unchanged, job->import->n_rejected);
  adw_message_dialog_set_extra_child (dialog, preview_widget (job->import));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "import", _("_Import"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "import", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (dialog, "import", job->import->n_added + job->import->n_updated > 0);
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (preview_response_cb), job);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
import_staff_file (CdWindow   *self,
                   const char *path)
{
  CdStore *store = window_store (self);
  ImportJob *job;
  GError *error = NULL;
  g_auto(GStrv) domains = self->settings ? g_settings_get_strv (self->settings, "official-email-domains") : NULL;
  GCancellable *cancellable;

  if (store == NULL)
    return;
  job = g_new0 (ImportJob, 1);
  job->self = g_object_ref (self);
  /* The workers' own connection; cheap (no second integrity check). */
  job->store = cd_store_open_secondary (store, &error);
  if (job->store == NULL)
    {
      toast (self, error->message);
      g_error_free (error);
      import_job_free (job);
      return;
    }
  cancellable = progress_start (self, _("Reading the staff list…"));
  cd_staff_import_prepare_async (job->store, path, (const char * const *) domains, cancellable,
                                 prepare_done, job);
}

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
choose_files (CdWindow   *self,
              const char *title,
              const char *filter_name,
              const char *const *patterns,
              gboolean    multiple,
              ChosenFunc  func)
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

typedef struct {
  CdStore *primary;   /* the window's store: its worker opens its own */
  GSList *files;
  guint  added;
  guint  linked;
  guint  known;
  GString *problems;
} CertJob;

static void
cert_job_free (CertJob *job)
{
  g_clear_object (&job->primary);
  g_slist_free_full (job->files, g_free);
  g_string_free (job->problems, TRUE);
  g_free (job);
}

static void
certs_thread (GTask        *task,
              gpointer      source,
              gpointer      task_data,
              GCancellable *cancellable)
{
  CertJob *job = task_data;
  g_autoptr(CdStore) store = NULL;
  GError *error = NULL;

  /* Its own connection: the window's store stays the main thread's. */
  store = cd_store_open_secondary (job->primary, &error);
  if (store == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  for (GSList *l = job->files; l; l = l->next)
    {
      g_autoptr(GPtrArray) outcomes = NULL;
      g_autoptr(GError) local = NULL;
      g_autofree char *base = g_path_get_basename (l->data);

      if (g_cancellable_set_error_if_cancelled (cancellable, &error))
        {
          g_task_return_error (task, error);
          return;
        }
      /* The tokens area's linker: email, then CCCD, then an unambiguous
       * name; never a guess. */
      outcomes = cd_cert_link_import_file (store, l->data, &local);
      if (outcomes == NULL)
        {
          g_string_append_printf (job->problems, "%s: %s\n", base, local->message);
          continue;
        }
      for (guint i = 0; i < outcomes->len; i++)
        {
          const CdLinkOutcome *o = g_ptr_array_index (outcomes, i);

          job->added++;
          if (o->staff_id != 0)
            job->linked++;
          if (o->how == CD_LINK_KEPT)
            job->known++;
          if (o->staff_id == 0 && o->message != NULL)
            g_string_append_printf (job->problems, "%s\n", o->message);
        }
    }
  g_task_return_boolean (task, TRUE);
}

static void
certs_done (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  CdWindow *self = user_data;
  CertJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          progress_stop (self);
          toast (self, error->message);
        }
    }
  else
    {
      g_autofree char *msg = NULL;

      progress_stop (self);
      msg = g_strdup_printf (_("Certificates: %u read, %u linked to staff (%u were already)."),
                             job->added, job->linked, job->known);
      toast (self, msg);
      if (job->problems->len > 0)
        toast (self, job->problems->str);
      register_changed (self);
    }
  g_object_unref (self);
}

static void
cert_files_chosen (CdWindow *self,
                   GSList   *files)
{
  CdStore *store = window_store (self);
  g_autoptr(GTask) task = NULL;
  CertJob *job;
  GCancellable *cancellable;

  if (store == NULL)
    return;
  job = g_new0 (CertJob, 1);
  job->primary = g_object_ref (store);
  job->problems = g_string_new (NULL);
  for (GSList *l = files; l; l = l->next)
    job->files = g_slist_append (job->files, g_strdup (l->data));
  cancellable = progress_start (self, _("Reading certificates…"));
  task = g_task_new (NULL, cancellable, certs_done, g_object_ref (self));
  g_task_set_task_data (task, job, (GDestroyNotify) cert_job_free);
  g_task_run_in_thread (task, certs_thread);
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
  CdWindow *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CdCrlReport) report = cd_cert_link_apply_crl_file_finish (CD_STORE (source), result, &error);

  progress_stop (self);
  if (report == NULL)
    toast (self, error->message);
  else
    {
      g_autofree char *msg = g_strdup_printf (_("Revocation list of %s: %u entries; %u certificates of the register newly marked revoked, %u already were."),
                                              report->issuer_dn ? report->issuer_dn : "?",
                                              report->listed, report->revoked, report->already);
      /* The list follows the store's "changed" signal. */
      toast (self, msg);
    }
  g_object_unref (self);
}

static void
crl_file_chosen (CdWindow *self,
                 GSList   *files)
{
  CdStore *store = window_store (self);
  GCancellable *cancellable;

  if (store == NULL)
    return;
  cancellable = progress_start (self, _("Reading the revocation list…"));
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

/* ---- Tokens --------------------------------------------------------- */

/* Puts what a token shows into the register: a certificate not seen
 * before is stored (linked when its owner is certain), and the token
 * becomes a registered device of that person. Returns the holder. */
static gint64
register_token (CdWindow      *self,
                const CdToken *t,
                gint64        *out_cert_id)
{
  CdStore *store = window_store (self);
  gint64 holder = 0;

  *out_cert_id = 0;
  for (guint i = 0; t->certificates && i < t->certificates->len; i++)
    {
      const CdCertificate *c = g_ptr_array_index (t->certificates, i);
      g_autoptr(CdCertificate) copy = cd_certificate_copy (c);
      g_autoptr(CdLinkOutcome) o = NULL;
      g_autoptr(GError) error = NULL;

      copy->id = 0;
      copy->source = CD_CERT_SOURCE_TOKEN;
      o = cd_cert_link_store (store, copy, &error);
      if (o == NULL)
        {
          toast (self, error->message);
          continue;
        }
      if (*out_cert_id == 0)
        *out_cert_id = o->cert_id;
      if (o->staff_id != 0 && holder == 0)
        {
          holder = o->staff_id;
          *out_cert_id = o->cert_id;
        }
    }

  if (holder != 0 && t->serial != NULL && *t->serial != '\0')
    {
      g_autoptr(CdDevice) d = cd_store_find_device_by_serial (store, t->serial);
      g_autoptr(GError) error = NULL;

      if (d == NULL)
        {
          d = cd_device_new ();
          d->token_serial = g_strdup (t->serial);
          d->label = g_strdup (t->label);
          d->manufacturer = g_strdup (t->manufacturer);
          d->model = g_strdup (t->model);
          d->type = g_strdup ("TOKEN");
          d->holder_id = holder;
          d->status = g_strdup ("with_holder");
          if (!cd_store_save_device (store, d, &error))
            toast (self, error->message);
        }
    }
  return holder;
}

static void
token_added_cb (CdTokenMonitor *monitor,
                const CdToken  *t,
                CdWindow       *self)
{
  CdStore *store = window_store (self);
  gint64 cert_id = 0, holder;
  g_autoptr(CdCertificate) cert = NULL;
  g_autoptr(CdStaff) staff = NULL;
  AdwToast *t_toast;
  g_autofree char *title = NULL;

  if (store == NULL)
    return;
  holder = register_token (self, t, &cert_id);
  cert = cert_id ? cd_store_get_certificate (store, cert_id, NULL) : NULL;
  staff = holder ? cd_store_get_staff (store, holder, NULL) : NULL;

  if (cert == NULL)
    title = g_strdup_printf (_("Token %s plugged in: it holds no certificate."), t->serial ? t->serial : t->label);
  else if (staff != NULL)
    {
      int days = cd_certificate_days_left (cert, g_get_real_time () / G_USEC_PER_SEC);
      g_autofree char *left = days >= 0
        ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day left", "%d days left", days), days)
        : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "expired %d day ago", "expired %d days ago", -days), -days);

      title = g_strdup_printf (_("Token of %s · serial %s · %s"), staff->full_name, cert->serial, left);
    }
  else
    title = g_strdup_printf (_("Token with the certificate of %s (serial %s) is not linked to any staff member."),
                             cert->subject_cn ? cert->subject_cn : "?", cert->serial);

  t_toast = adw_toast_new (title);
  adw_toast_set_timeout (t_toast, 10);
  adw_toast_set_priority (t_toast, ADW_TOAST_PRIORITY_HIGH);
  if (staff != NULL)
    {
      adw_toast_set_button_label (t_toast, _("Open"));
      adw_toast_set_action_name (t_toast, "win.open-staff");
      adw_toast_set_action_target_value (t_toast, g_variant_new_int64 (staff->id));
    }
  else if (cert != NULL)
    {
      adw_toast_set_button_label (t_toast, _("Link or Create…"));
      adw_toast_set_action_name (t_toast, "win.unknown-certificate");
      adw_toast_set_action_target_value (t_toast, g_variant_new_int64 (cert->id));
    }
  adw_toast_overlay_add_toast (self->toast_overlay, t_toast);
  register_changed (self);
}

/* What to tell the clerk about a token no installed driver reads. */
static char *
unreadable_token_advice (const CdUnreadableToken *t)
{
  if (!t->card_present)
    return g_strdup_printf (_("The reader “%s” is connected but no installed driver reads its token. "
                              "Install the token software of the certificate provider (Bit4id for Ban Cơ yếu tokens, "
                              "or the CA's own middleware), then add its PKCS#11 library in Preferences."),
                            t->reader_name);
  return g_strdup_printf (_("A token is plugged into “%s” but no installed driver can read it. "
                            "Install the token software of the certificate provider (Bit4id for Ban Cơ yếu tokens, "
                            "or the CA's own middleware), then add its PKCS#11 library in Preferences."),
                          t->reader_name);
}

static void
unreadable_cb (CdTokenMonitor          *monitor,
               const CdUnreadableToken *t,
               CdWindow                *self)
{
  g_autofree char *advice = unreadable_token_advice (t);

  toast (self, advice);
}

static void
module_error_cb (CdTokenMonitor *monitor,
                 const char     *module,
                 const char     *message,
                 CdWindow       *self)
{
  g_autofree char *text = g_strdup_printf (_("Token driver %s: %s"), module, message);

  toast (self, text);
}

/* Link an unknown certificate to a staff member, or create one from it. */
static void
new_staff_saved_cb (CdStaffWindow *win,
                    gint64         staff_id,
                    CdWindow      *self)
{
  gint64 cert_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (win), "cd-cert-id"));
  g_autoptr(GError) error = NULL;

  if (cert_id == 0 || staff_id == 0)
    return;
  g_object_set_data (G_OBJECT (win), "cd-cert-id", NULL);
  if (!cd_store_link_certificate (window_store (self), cert_id, staff_id, &error))
    toast (self, error->message);
  register_changed (self);
}

static void
unknown_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     CdWindow         *self)
{
  CdStore *store = window_store (self);
  gint64 cert_id = *(gint64 *) g_object_get_data (G_OBJECT (dialog), "cd-cert-id");
  g_autoptr(CdCertificate) c = cd_store_get_certificate (store, cert_id, NULL);

  if (c == NULL)
    return;
  if (g_strcmp0 (response, "create") == 0)
    {
      g_autoptr(CdStaff) prefill = cd_staff_new ();
      CdStaffWindow *win;

      prefill->full_name = g_strdup (c->subject_cn);
      prefill->email = g_strdup (c->email);
      prefill->cccd = g_strdup (c->uid_cccd);
      win = open_staff (self, 0, prefill);
      g_object_set_data (G_OBJECT (win), "cd-cert-id", GSIZE_TO_POINTER ((gsize) cert_id));
      g_signal_connect_object (win, "changed", G_CALLBACK (new_staff_saved_cb), self, 0);
    }
  else if (g_strcmp0 (response, "link") == 0)
    {
      GtkDropDown *drop = g_object_get_data (G_OBJECT (dialog), "cd-drop");
      CdStaffListModel *model = cd_staff_view_get_model (self->staff_view);
      g_autoptr(CdStaffItem) item = g_list_model_get_item (G_LIST_MODEL (model), gtk_drop_down_get_selected (drop));
      g_autoptr(GError) error = NULL;

      if (item == NULL)
        return;
      if (!cd_store_link_certificate (store, cert_id, cd_staff_item_get_row (item)->staff_id, &error))
        toast (self, error->message);
      else
        {
          g_autofree char *msg = g_strdup_printf (_("Certificate linked to %s"), cd_staff_item_get_row (item)->full_name);
          toast (self, msg);
        }
      register_changed (self);
    }
}

static char *
staff_item_label (CdStaffItem *item)
{
  const CdStaffRow *r = cd_staff_item_get_row (item);

  return g_strdup_printf ("%s — %s", r->full_name ? r->full_name : "", r->position ? r->position : "");
}

static void
unknown_certificate_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *param)
{
  CdWindow *self = CD_WINDOW (widget);
  gint64 cert_id = g_variant_get_int64 (param);
  g_autoptr(CdCertificate) c = cd_store_get_certificate (window_store (self), cert_id, NULL);
  AdwMessageDialog *dialog;
  GtkWidget *drop;
  GtkExpression *expr;

  if (c == NULL)
    return;
  expr = gtk_cclosure_expression_new (G_TYPE_STRING, NULL, 0, NULL,
                                      G_CALLBACK (staff_item_label), NULL, NULL);
  drop = gtk_drop_down_new (g_object_ref (G_LIST_MODEL (cd_staff_view_get_model (self->staff_view))), expr);
  gtk_drop_down_set_enable_search (GTK_DROP_DOWN (drop), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (drop), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Staff member"), -1);

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Whose Certificate Is This?"), NULL));
  adw_message_dialog_format_body (dialog,
                                  _("The certificate of %s (serial %s, email %s) is not linked to anyone. Link it to a staff member in the register, or create a new staff member from it."),
                                  c->subject_cn ? c->subject_cn : "?", c->serial, c->email ? c->email : "—");
  adw_message_dialog_set_extra_child (dialog, drop);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "create", _("_Create Staff Member…"),
                                    "link", _("_Link"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "link", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (dialog, "link",
                                           g_list_model_get_n_items (G_LIST_MODEL (cd_staff_view_get_model (self->staff_view))) > 0);
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data (G_OBJECT (dialog), "cd-drop", drop);
  g_object_set_data_full (G_OBJECT (dialog), "cd-cert-id", g_memdup2 (&cert_id, sizeof cert_id), g_free);
  g_signal_connect (dialog, "response", G_CALLBACK (unknown_response_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
start_monitor (CdWindow *self)
{
  g_auto(GStrv) extra = self->settings ? g_settings_get_strv (self->settings, "pkcs11-modules") : NULL;

  /* Tests and support can run without touching the machine's tokens. */
  if (g_strcmp0 (g_getenv ("CERTDESK_NO_TOKENS"), "1") == 0)
    return;
  self->monitor = cd_token_monitor_new ((const char * const *) extra);
  g_signal_connect_object (self->monitor, "token-added", G_CALLBACK (token_added_cb), self, 0);
  g_signal_connect_object (self->monitor, "token-changed", G_CALLBACK (token_added_cb), self, 0);
  g_signal_connect_object (self->monitor, "unreadable-token", G_CALLBACK (unreadable_cb), self, 0);
  g_signal_connect_object (self->monitor, "module-error", G_CALLBACK (module_error_cb), self, 0);
  /* The Thiết bị view selects a plugged token's device or offers to
   * register it; one monitor serves both. */
  cd_device_view_set_token_monitor (self->device_view, self->monitor);
  cd_token_monitor_start (self->monitor);
}

/* ---- Wizards -------------------------------------------------------- */

static void
wizard_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  CdWindow *self = CD_WINDOW (widget);
  CdStore *store = window_store (self);
  g_autoptr(GArray) selected = NULL;
  CdWizardWindow *wizard;

  if (store == NULL)
    return;
  selected = cd_staff_view_get_selected (self->staff_view);
  wizard = cd_wizard_window_new (GTK_WINDOW (self), store, self->settings,
                                 g_str_equal (action_name, "win.revocation-wizard")
                                 ? CD_WIZARD_KIND_REVOCATION : NULL,
                                 selected);
  gtk_window_present (GTK_WINDOW (wizard));
}

/* ---- Devices: due recoveries badge and start-up notice --------------- */

static void
show_devices_cb (AdwToast *t,
                 CdWindow *self)
{
  adw_view_stack_set_visible_child_name (self->view_stack, "devices");
}

static void
device_tasks_changed_cb (CdDeviceView *view,
                         CdWindow     *self)
{
  guint due = cd_device_view_get_n_due (view);

  adw_view_stack_page_set_badge_number (self->devices_stack_page, due);
  adw_view_stack_page_set_needs_attention (self->devices_stack_page,
                                           cd_device_view_get_n_overdue (view) > 0);
}

/* Once, when the device register was first read. */
static void
devices_startup_notice (CdDeviceView *view,
                        CdWindow     *self)
{
  guint overdue = cd_device_view_get_n_overdue (self->device_view);
  guint due = cd_device_view_get_n_due (self->device_view);
  g_autofree char *text = NULL;
  AdwToast *t;

  g_signal_handlers_disconnect_by_func (view, devices_startup_notice, self);
  if (due == 0)
    return;
  text = overdue > 0
    ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                    "%u device is past its 5-working-day recovery deadline.",
                                    "%u devices are past their 5-working-day recovery deadline.",
                                    overdue), overdue)
    : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                    "%u device must be recovered today.",
                                    "%u devices must be recovered today.", due), due);
  t = adw_toast_new (text);
  adw_toast_set_button_label (t, _("Show"));
  adw_toast_set_timeout (t, 0);
  g_signal_connect_object (t, "button-clicked", G_CALLBACK (show_devices_cb), self, 0);
  adw_toast_overlay_add_toast (self->toast_overlay, t);
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

  prefs = cd_preferences_window_new (GTK_WINDOW (self), window_store (self), self->settings);
  if (g_strcmp0 (action_name, "win.unit-details") == 0)
    cd_preferences_window_show_unit (prefs);
  g_signal_connect_object (prefs, "unit-saved", G_CALLBACK (cd_window_refresh), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (prefs));
}

static void
about_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  static const char *developers[] = { "CertDesk developers", NULL };
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

/* ---- State ---------------------------------------------------------- */

void
cd_window_refresh (CdWindow *self)
{
  CdStore *store;
  gboolean has_unit;

  g_return_if_fail (CD_IS_WINDOW (self));

  store = window_store (self);
  has_unit = store != NULL && !cd_store_is_empty (store);
  if (store != NULL && (!has_unit || cd_store_count_staff (store) == 0))
    {
      gtk_stack_set_visible_child_name (self->main_stack, "welcome");
      gtk_label_set_text (self->welcome_hint,
                          has_unit ? _("The unit's details are saved. Now import the staff list (Ctrl+I), or add staff one by one (Ctrl+N).")
                                   : _("Begin with the unit's details: they are printed on every document."));
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import-staff", has_unit);
      return;
    }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import-staff", TRUE);
  gtk_stack_set_visible_child_name (self->main_stack, "register");
}

CdStaffView *
cd_window_get_staff_view (CdWindow *self)
{
  g_return_val_if_fail (CD_IS_WINDOW (self), NULL);
  return self->staff_view;
}

void
cd_window_add_toast (CdWindow *self,
                     AdwToast *t)
{
  g_return_if_fail (CD_IS_WINDOW (self));
  adw_toast_overlay_add_toast (self->toast_overlay, t);
}

static gboolean
cd_window_close_request (GtkWindow *window)
{
  CdWindow *self = CD_WINDOW (window);

  if (self->settings != NULL)
    {
      int width, height;

      gtk_window_get_default_size (window, &width, &height);
      g_settings_delay (self->settings);
      g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
      if (!gtk_window_is_maximized (window))
        {
          g_settings_set_int (self->settings, "window-width", width);
          g_settings_set_int (self->settings, "window-height", height);
        }
      g_settings_apply (self->settings);
    }

  return GTK_WINDOW_CLASS (cd_window_parent_class)->close_request (window);
}

/* After construction: "application" is not set yet in constructed(). */
static void
setup (CdWindow *self)
{
  GtkApplication *app;

  app = gtk_window_get_application (GTK_WINDOW (self));
  self->settings = app && cd_application_get_settings (CD_APPLICATION (app))
                   ? g_object_ref (cd_application_get_settings (CD_APPLICATION (app))) : NULL;
  if (self->settings != NULL)
    {
      gtk_window_set_default_size (GTK_WINDOW (self),
                                   g_settings_get_int (self->settings, "window-width"),
                                   g_settings_get_int (self->settings, "window-height"));
      if (g_settings_get_boolean (self->settings, "window-maximized"))
        gtk_window_maximize (GTK_WINDOW (self));
      g_settings_bind (self->settings, "last-view", self->view_stack, "visible-child-name",
                       G_SETTINGS_BIND_DEFAULT);
    }
  if (app != NULL && cd_application_is_demo (CD_APPLICATION (app)))
    {
      adw_view_switcher_title_set_subtitle (self->switcher_title, _("Sample data"));
      gtk_widget_set_visible (self->demo_label, TRUE);
      gtk_widget_add_css_class (GTK_WIDGET (self), "demo");
    }

  cd_window_refresh (self);
  cd_window_reload (self);
  if (window_store (self) != NULL)
    {
      g_signal_connect_object (self->device_view, "loaded", G_CALLBACK (devices_startup_notice), self, 0);
      cd_batches_view_set_store (self->batches_view, window_store (self), self->settings);
      start_monitor (self);
    }
}

static void
cd_window_dispose (GObject *object)
{
  CdWindow *self = CD_WINDOW (object);

  if (self->monitor != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->monitor, self);
      cd_token_monitor_stop (self->monitor);
      g_clear_object (&self->monitor);
    }
  g_cancellable_cancel (self->load_cancellable);
  g_cancellable_cancel (self->work_cancellable);
  g_clear_handle_id (&self->pulse_id, g_source_remove);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  gtk_widget_dispose_template (GTK_WIDGET (self), CD_TYPE_WINDOW);
  g_clear_object (&self->load_cancellable);
  g_clear_object (&self->work_cancellable);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (cd_window_parent_class)->dispose (object);
}

CdWindow *
cd_window_new (CdApplication *app)
{
  CdWindow *self = g_object_new (CD_TYPE_WINDOW, "application", app, NULL);

  setup (self);
  return self;
}

static void
cd_window_class_init (CdWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = cd_window_dispose;
  window_class->close_request = cd_window_close_request;

  g_type_ensure (CD_TYPE_STAFF_VIEW);
  g_type_ensure (CD_TYPE_DEVICE_VIEW);
  g_type_ensure (CD_TYPE_BATCHES_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/certdesk/CertDesk/cd-window.ui");
#define BIND(x) gtk_widget_class_bind_template_child (widget_class, CdWindow, x)
  BIND (header_bar);
  BIND (switcher_title);
  BIND (demo_label);
  BIND (progress_revealer);
  BIND (progress_label);
  BIND (progress_bar);
  BIND (toast_overlay);
  BIND (main_stack);
  BIND (empty_page);
  BIND (welcome_hint);
  BIND (view_stack);
  BIND (staff_view);
  BIND (devices_stack_page);
  BIND (device_view);
  BIND (batches_view);
#undef BIND
  gtk_widget_class_bind_template_callback (widget_class, staff_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, progress_cancel_cb);
  gtk_widget_class_bind_template_callback (widget_class, device_tasks_changed_cb);

  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.preferences", NULL, preferences_action);
  gtk_widget_class_install_action (widget_class, "win.unit-details", NULL, preferences_action);
  gtk_widget_class_install_action (widget_class, "win.about", NULL, about_action);
  gtk_widget_class_install_action (widget_class, "win.request-wizard", NULL, wizard_action);
  gtk_widget_class_install_action (widget_class, "win.revocation-wizard", NULL, wizard_action);
  gtk_widget_class_install_action (widget_class, "win.new-staff", NULL, new_staff_action);
  gtk_widget_class_install_action (widget_class, "win.delete-staff", NULL, delete_staff_action);
  gtk_widget_class_install_action (widget_class, "win.import-staff", NULL, import_staff_action);
  gtk_widget_class_install_action (widget_class, "win.import-certificates", NULL, import_certificates_action);
  gtk_widget_class_install_action (widget_class, "win.import-crl", NULL, import_crl_action);
  gtk_widget_class_install_action (widget_class, "win.unknown-certificate", "x", unknown_certificate_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_i, GDK_CONTROL_MASK, "win.import-staff", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "win.new-staff", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "win.delete-staff", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_comma, GDK_CONTROL_MASK, "win.preferences", NULL);
}

static void
cd_window_init (CdWindow *self)
{
  static const GActionEntry entries[] = {
    { "open-staff", open_staff_activated, "x" },
  };

  gtk_widget_init_template (GTK_WIDGET (self));
  g_action_map_add_action_entries (G_ACTION_MAP (self), entries, G_N_ELEMENTS (entries), self);
}
