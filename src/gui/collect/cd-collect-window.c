/* cd-collect-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "cd-application.h"
#include "cd-collect.h"
#include "cd-collect-window.h"
#include "cd-collect-write.h"
#include "cd-doc-templates.h"
#include "cd-gui-util.h"

/* A file's problems shown in the preview; the rest are in the report. */
#define MAX_ISSUE_ROWS 100
/* Up to this many files, those with problems are shown open. */
#define EXPAND_FILES_UP_TO 10

struct _CdCollectWindow
{
  AdwWindow             parent_instance;

  /* Template widgets */
  AdwToastOverlay      *toasts;
  GtkButton            *files_button;
  GtkButton            *folder_button;
  GtkButton            *save_button;
  GtkWidget            *progress_box;
  GtkProgressBar       *progress_bar;
  AdwStatusPage        *empty_page;
  GtkLabel             *totals_label;
  GtkLabel             *kind_label;
  GtkBox               *results_box;
  GtkWidget            *save_group;
  AdwActionRow         *template_row;
  GtkWidget            *builtin_button;
  GtkSwitch            *bulk_switch;
  GtkSwitch            *report_switch;

  /* Owned */
  CdUnit               *collector;      /* may be NULL */
  GPtrArray            *paths;          /* char *: the files of @result */
  GPtrArray            *pending;        /* char *: those being read */
  CdCollectResult      *result;
  char                 *template_path;  /* NULL: built-in */
  GCancellable         *cancellable;    /* the run or the save; cancelled when closed */
  GtkFileChooserNative *chooser;
  gboolean              running;
  gboolean              saving;
  gboolean              saved;          /* @result is written (or discarded) */
  gboolean              close_after_save;
};

G_DEFINE_FINAL_TYPE (CdCollectWindow, cd_collect_window, ADW_TYPE_WINDOW)

/* ---- Small helpers --------------------------------------------------- */

static void
update_sensitivity (CdCollectWindow *self)
{
  gboolean busy = self->running || self->saving;

  gtk_widget_set_sensitive (GTK_WIDGET (self->files_button), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->folder_button), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->save_button),
                            !busy && self->result != NULL && self->result->n_kept > 0);
  gtk_widget_set_visible (self->progress_box, self->running);
}

static void
show_chooser (CdCollectWindow      *self,
              GtkFileChooserNative *chooser,
              GCallback             response_cb)
{
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  self->chooser = chooser;
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect_object (chooser, "response", response_cb, self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static GtkWidget *
plain_row (GType       type,
           const char *title,
           const char *subtitle)
{
  GtkWidget *row = g_object_new (type, "use-markup", FALSE, "title", title, NULL);

  if (subtitle != NULL)
    g_object_set (row, "subtitle", subtitle, NULL);
  return row;
}

/* ---- The preview ----------------------------------------------------- */

static const char *
issue_label (CdCollectIssueKind kind)
{
  switch (kind)
    {
    case CD_COLLECT_ISSUE_REJECTED:
      return _("Rejected");
    case CD_COLLECT_ISSUE_DUPLICATE:
      return _("Listed twice");
    case CD_COLLECT_ISSUE_REPLACED:
      return _("Replaced");
    case CD_COLLECT_ISSUE_WARNING:
    default:
      return _("To check");
    }
}

static char *
file_summary (const CdCollectFile *f)
{
  g_autoptr(GString) s = g_string_new (NULL);

  if (f->status != CD_COLLECT_FILE_READ)
    return g_strdup (f->problem != NULL ? f->problem : "");
  if (f->unit != NULL)
    g_string_append_printf (s, "%s — ", f->unit);
  g_string_append_printf (s, _("rows read: %u, kept: %u, rejected: %u, listed twice: %u"),
                          f->n_read, f->n_kept, f->n_rejected, f->n_duplicates);
  if (f->n_replaced > 0)
    g_string_append_printf (s, _(", replaced by a later list: %u"), f->n_replaced);
  if (f->list == 1)
    g_string_append_printf (s, ". %s", _("Its people are on the second list."));
  return g_string_free (g_steal_pointer (&s), FALSE);
}

static const char *
list_title (const CdCollectResult *res)
{
  const char *kind = cd_collect_list_kind (res, NULL, NULL);
  const CdDocKind *k = cd_doc_kind_lookup (kind);

  return k != NULL ? _(k->title) : kind;
}

/* @res's units with their people; with two lists, each list's own under
 * its kind. */
static GtkWidget *
units_group (const CdCollectResult *res)
{
  GtkWidget *group = adw_preferences_group_new ();
  g_autoptr(GHashTable) counts = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *title =
    res->second ? g_strdup_printf (_("Units of the second list, “%s” (%u)"), list_title (res), res->units->len)
    : res->other != NULL ? g_strdup_printf (_("Units of the first list, “%s” (%u)"), list_title (res), res->units->len)
    : g_strdup_printf (_("Units (%u)"), res->units->len);

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  for (guint i = 0; i < res->people->len; i++)
    {
      const CdCollectPerson *p = g_ptr_array_index (res->people, i);
      const char *unit = p->unit != NULL ? p->unit : "";

      g_hash_table_insert (counts, (gpointer) unit,
                           GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (counts, unit)) + 1));
    }
  for (guint i = 0; i < res->units->len; i++)
    {
      const char *unit = g_ptr_array_index (res->units, i);
      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (counts, unit));
      g_autofree char *people = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u person", "%u people", n), n);

      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                                 plain_row (ADW_TYPE_ACTION_ROW, unit, people));
    }
  return group;
}

static GtkWidget *
file_row (const CdCollectResult *res,
          const CdCollectFile   *f)
{
  g_autofree char *summary = file_summary (f);
  GtkWidget *row;
  guint n;

  if (f->issues == NULL || f->issues->len == 0)
    {
      row = plain_row (ADW_TYPE_ACTION_ROW, f->name, summary);
      if (f->status == CD_COLLECT_FILE_SKIPPED)
        adw_action_row_add_prefix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("dialog-warning-symbolic"));
      return row;
    }
  row = plain_row (ADW_TYPE_EXPANDER_ROW, f->name, summary);
  adw_expander_row_add_prefix (ADW_EXPANDER_ROW (row), gtk_image_new_from_icon_name ("dialog-warning-symbolic"));
  n = MIN (f->issues->len, MAX_ISSUE_ROWS);
  for (guint i = 0; i < n; i++)
    {
      const CdCollectIssue *issue = g_ptr_array_index (f->issues, i);
      g_autofree char *title = g_strdup_printf (_("Row %u: %s — %s"), issue->row,
                                                issue->name != NULL ? issue->name : "—",
                                                issue_label (issue->kind));
      GtkWidget *child = plain_row (ADW_TYPE_ACTION_ROW, title, issue->message);

      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (child), 0);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (row), child);
    }
  if (f->issues->len > n)
    {
      g_autofree char *more = g_strdup_printf (_("%u more in the report"), f->issues->len - n);

      adw_expander_row_add_row (ADW_EXPANDER_ROW (row), plain_row (ADW_TYPE_ACTION_ROW, more, NULL));
    }
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), res->files->len <= EXPAND_FILES_UP_TO);
  return row;
}

static GtkWidget *
files_group (const CdCollectResult *res)
{
  GtkWidget *group = adw_preferences_group_new ();
  g_autofree char *title = g_strdup_printf (_("Files (%u)"), res->files->len);

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  for (guint i = 0; i < res->files->len; i++)
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                               file_row (res, g_ptr_array_index (res->files, i)));
  return group;
}

/* Which list the collected list is made as, and what said so. @saved:
 * the save's own sentence (the Sở's form it was made on read there);
 * NULL: the lists' own, or nothing while a chosen form is still to say. */
static void
show_kind (CdCollectWindow *self,
           const char      *saved)
{
  g_autofree char *text = NULL;

  if (saved == NULL && self->result != NULL && self->result->n_kept > 0
      && (self->result->kind != NULL || self->template_path == NULL))
    text = cd_collect_kind_text (self->result, NULL);
  gtk_label_set_text (self->kind_label, saved != NULL ? saved : text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->kind_label), saved != NULL || text != NULL);
}

static void
show_result (CdCollectWindow *self)
{
  const CdCollectResult *res = self->result;
  GtkWidget *child;
  g_autofree char *totals = NULL;
  CdCollectTotals t;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->results_box))) != NULL)
    gtk_box_remove (self->results_box, child);
  gtk_widget_set_visible (GTK_WIDGET (self->empty_page), res == NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->totals_label), res != NULL);
  gtk_widget_set_visible (self->save_group, res != NULL && res->n_kept > 0);
  if (res == NULL)
    return;
  cd_collect_totals (res, &t);
  totals = g_strdup_printf (_("Files read: %u, not read: %u. Rows read: %u, kept: %u, rejected: %u, "
                              "listed twice: %u, replaced: %u."),
                            t.n_files_read, t.n_files_skipped, t.n_read, t.n_kept,
                            t.n_rejected, t.n_duplicates, t.n_replaced);
  /* request and revocation lists are two lists, saved together */
  if (res->other != NULL)
    {
      g_autofree char *second = cd_collect_second_path (res, ".docx");
      char *both = g_strdup_printf (_("%s\nOn the first list, “%s”: %u; on the second, “%s”: %u. "
                                      "Saving writes the second list beside the first, its name ending in “%s”."),
                                    totals, list_title (res), res->n_kept,
                                    list_title (res->other), res->other->n_kept, second);
      g_free (totals);
      totals = both;
    }
  gtk_label_set_text (self->totals_label, totals);
  show_kind (self, NULL);
  if (res->units->len > 0)
    gtk_box_append (self->results_box, units_group (res));
  if (res->other != NULL && res->other->units->len > 0)
    gtk_box_append (self->results_box, units_group (res->other));
  gtk_box_append (self->results_box, files_group (res));
}

/* ---- Collecting ------------------------------------------------------ */

static void
weak_ref_free (GWeakRef *ref)
{
  g_weak_ref_clear (ref);
  g_free (ref);
}

/* Runs on the main context; the window may be closed by then. */
static void
progress_cb (guint        done,
             guint        total,
             const char  *path,
             gpointer     user_data)
{
  g_autoptr(CdCollectWindow) self = g_weak_ref_get (user_data);
  g_autofree char *text = NULL;

  if (self == NULL || !self->running)
    return;
  text = g_strdup_printf (_("Read %u/%u files"), done, total);
  gtk_progress_bar_set_text (self->progress_bar, text);
  gtk_progress_bar_set_fraction (self->progress_bar, total > 0 ? (double) done / total : 0.0);
}

static void
run_done_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(CdCollectWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  CdCollectResult *res = cd_collect_run_finish (result, &error);

  self->running = FALSE;
  if (res == NULL)
    {
      /* Cancelled: what was shown before stays, with its files. */
      g_clear_pointer (&self->pending, g_ptr_array_unref);
      if (self->toasts == NULL)
        return;
      update_sensitivity (self);
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        cd_gui_show_error (GTK_WIDGET (self), _("Nothing was collected"), error);
      return;
    }
  g_clear_pointer (&self->paths, g_ptr_array_unref);
  self->paths = g_steal_pointer (&self->pending);
  g_clear_pointer (&self->result, cd_collect_result_free);
  self->result = res;
  self->saved = FALSE;
  if (self->toasts == NULL)
    return;
  show_result (self);
  update_sensitivity (self);
}

/* Reads the files of the preview again with @added after them: a
 * school's corrected list, added later, replaces its rows. */
static void
collect (CdCollectWindow *self,
         GPtrArray       *added)
{
  GWeakRef *ref;

  if (self->running || self->saving || added->len == 0)
    return;
  self->pending = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; self->paths != NULL && i < self->paths->len; i++)
    g_ptr_array_add (self->pending, g_strdup (g_ptr_array_index (self->paths, i)));
  for (guint i = 0; i < added->len; i++)
    g_ptr_array_add (self->pending, g_strdup (g_ptr_array_index (added, i)));
  g_ptr_array_add (self->pending, NULL);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->running = TRUE;
  gtk_progress_bar_set_fraction (self->progress_bar, 0.0);
  gtk_progress_bar_set_text (self->progress_bar, _("Reading the lists…"));
  update_sensitivity (self);

  ref = g_new0 (GWeakRef, 1);
  g_weak_ref_init (ref, self);
  cd_collect_run_async ((const char *const *) self->pending->pdata, progress_cb, ref,
                        (GDestroyNotify) weak_ref_free, self->cancellable, run_done_cb,
                        g_object_ref (self));
  /* cd_collect_run_async copied the paths: drop the terminator so that
   * @pending holds only files when it becomes @paths. */
  g_ptr_array_set_size (self->pending, self->pending->len - 1);
}

static void
collect_files (CdCollectWindow *self,
               GListModel      *files)
{
  g_autoptr(GPtrArray) added = g_ptr_array_new_with_free_func (g_free);
  guint n = g_list_model_get_n_items (files);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GFile) file = g_list_model_get_item (files, i);
      char *path = g_file_get_path (file);

      if (path != NULL)
        g_ptr_array_add (added, path);
    }
  collect (self, added);
}

static void
cancel_clicked_cb (CdCollectWindow *self)
{
  g_cancellable_cancel (self->cancellable);
}

static void
files_response_cb (GtkNativeDialog *dialog,
                   int              response,
                   CdCollectWindow *self)
{
  g_autoptr(GListModel) files = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (dialog));
  g_clear_object (&self->chooser);
  if (files != NULL)
    collect_files (self, files);
}

static void
files_clicked_cb (CdCollectWindow *self)
{
  GtkFileChooserNative *chooser =
    gtk_file_chooser_native_new (_("Add the Schools' Lists"), GTK_WINDOW (self),
                                 GTK_FILE_CHOOSER_ACTION_OPEN, _("_Add"), _("_Cancel"));
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autoptr(GFile) folder = cd_application_documents_folder ();

  gtk_file_filter_set_name (filter, _("Lists (.docx, .xlsx, .csv)"));
  /* old .doc and .xls too: they are named with what to do */
  for (const char *const *ext = (const char *const[]) { "docx", "xlsx", "csv", "doc", "xls", NULL }; *ext; ext++)
    gtk_file_filter_add_suffix (filter, *ext);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), TRUE);
  gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL);
  show_chooser (self, chooser, G_CALLBACK (files_response_cb));
}

static void
folder_clicked_cb (CdCollectWindow *self)
{
  GtkFileChooserNative *chooser =
    gtk_file_chooser_native_new (_("Add a Folder of Lists"), GTK_WINDOW (self),
                                 GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER, _("_Add"), _("_Cancel"));
  g_autoptr(GFile) folder = cd_application_documents_folder ();

  gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL);
  show_chooser (self, chooser, G_CALLBACK (files_response_cb));
}

static gboolean
drop_cb (GtkDropTarget   *target,
         const GValue    *value,
         double           x,
         double           y,
         CdCollectWindow *self)
{
  g_autoptr(GPtrArray) added = g_ptr_array_new_with_free_func (g_free);
  GSList *files;

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST) || self->running || self->saving)
    return FALSE;
  files = gdk_file_list_get_files (g_value_get_boxed (value));
  for (GSList *l = files; l != NULL; l = l->next)
    {
      char *path = g_file_get_path (l->data);

      if (path != NULL)
        g_ptr_array_add (added, path);
    }
  g_slist_free (files);
  collect (self, added);
  return added->len > 0;
}

/* ---- The Sở's own form ----------------------------------------------- */

static void
show_template (CdCollectWindow *self)
{
  g_autofree char *base = self->template_path ? g_path_get_basename (self->template_path) : NULL;

  adw_action_row_set_subtitle (self->template_row,
                               base != NULL ? base : _("Built-in form, of the kind most lists are"));
  gtk_widget_set_visible (self->builtin_button, self->template_path != NULL);
  show_kind (self, NULL);
}

static void
template_response_cb (GtkNativeDialog *dialog,
                      int              response,
                      CdCollectWindow *self)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  g_clear_object (&self->chooser);
  if (file == NULL)
    return;
  g_free (self->template_path);
  self->template_path = g_file_get_path (file);
  show_template (self);
}

static void
template_clicked_cb (CdCollectWindow *self)
{
  GtkFileChooserNative *chooser =
    gtk_file_chooser_native_new (_("The Department's Word form"), GTK_WINDOW (self),
                                 GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autoptr(GFile) folder = cd_application_documents_folder ();

  gtk_file_filter_set_name (filter, _("Word documents (.docx)"));
  gtk_file_filter_add_suffix (filter, "docx");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL);
  show_chooser (self, chooser, G_CALLBACK (template_response_cb));
}

static void
builtin_clicked_cb (CdCollectWindow *self)
{
  g_clear_pointer (&self->template_path, g_free);
  show_template (self);
}

/* ---- Saving ---------------------------------------------------------- */

static void
launched_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GtkWidget) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_app_info_launch_default_for_uri_finish (result, &error) && gtk_widget_get_root (self) != NULL)
    cd_gui_show_error (self, _("The file could not be opened"), error);
}

static void
open_path (GtkWidget  *self,
           const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *uri = g_file_get_uri (file);
  g_autoptr(GdkAppLaunchContext) context =
    gdk_display_get_app_launch_context (gtk_widget_get_display (self));

  g_app_info_launch_default_for_uri_async (uri, G_APP_LAUNCH_CONTEXT (context), NULL,
                                           launched_cb, g_object_ref (self));
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  open_path (widget, g_variant_get_string (param, NULL));
}

static void
open_folder_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  g_autofree char *dir = g_path_get_dirname (g_variant_get_string (param, NULL));

  open_path (widget, dir);
}

/* "Open" and "Open Folder" for the list saved, as the main window's
 * exports do (cd_gui_saved_toast); it stays until dismissed. */
static void
toast_saved (CdCollectWindow *self,
             const char      *path)
{
  adw_toast_overlay_add_toast (self->toasts,
                               cd_gui_saved_toast (path, self->result->n_kept, "collect.open",
                                                   "collect.open-folder", 0));
}

typedef struct {
  CdCollectWindow *self;   /* owned ref */
  CdCollectSave   *save;
} SaveJob;

static void
save_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  SaveJob *job = user_data;
  g_autoptr(CdCollectWindow) self = job->self;
  g_autoptr(CdCollectSave) save = job->save;
  g_autoptr(GError) error = NULL;
  g_autofree char *kind = NULL;
  g_autofree char *second = NULL;
  gboolean ok = cd_collect_save_finish (result, &kind, &error);

  g_free (job);
  self->saving = FALSE;
  if (self->toasts == NULL)
    return;
  update_sensitivity (self);
  if (!ok)
    {
      self->close_after_save = FALSE;
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        cd_gui_show_error (GTK_WIDGET (self), _("The collected list was not saved"), error);
      return;
    }
  self->saved = TRUE;
  second = cd_collect_second_path (self->result, save->output);
  if (second != NULL)
    {
      g_autofree char *base = g_path_get_basename (second);
      /* Translators: the kind of the second list, its people, its file */
      char *both = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                 "%s\nThe second list, “%s”, of %u person is saved beside the first as “%s”.",
                                                 "%s\nThe second list, “%s”, of %u people is saved beside the first as “%s”.",
                                                 self->result->other->n_kept),
                                    kind, list_title (self->result->other), self->result->other->n_kept, base);
      g_free (kind);
      kind = both;
    }
  show_kind (self, kind);
  if (self->close_after_save)
    {
      gtk_window_close (GTK_WINDOW (self));
      return;
    }
  toast_saved (self, save->output);
}

/* @base without its extension, then @suffix. */
static char *
beside (const char *base,
        const char *suffix)
{
  const char *dot = strrchr (base, '.');
  const char *slash = strrchr (base, G_DIR_SEPARATOR);

  if (dot == NULL || (slash != NULL && dot < slash))
    return g_strconcat (base, suffix, NULL);
  g_autofree char *stem = g_strndup (base, dot - base);

  return g_strconcat (stem, suffix, NULL);
}

static void
output_response_cb (GtkNativeDialog *dialog,
                    int              response,
                    CdCollectWindow *self)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  SaveJob *job;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  g_clear_object (&self->chooser);
  if (file == NULL || (path = g_file_get_path (file)) == NULL || self->result == NULL)
    {
      self->close_after_save = FALSE;
      return;
    }
  job = g_new0 (SaveJob, 1);
  job->self = g_object_ref (self);
  job->save = cd_collect_save_new ();
  /* The clerk may have typed the name without its extension. */
  job->save->output = g_str_has_suffix (path, ".docx") ? g_strdup (path) : g_strconcat (path, ".docx", NULL);
  job->save->template_path = g_strdup (self->template_path);
  if (gtk_switch_get_active (self->bulk_switch))
    job->save->bulk_sheet = beside (job->save->output, ".xlsx");
  if (gtk_switch_get_active (self->report_switch))
    job->save->report = beside (job->save->output, "_bao_cao.txt");
  job->save->collector = self->collector != NULL ? cd_unit_copy (self->collector) : NULL;
  /* the chooser asked before replacing the list; the sheet and the
   * report beside it go with it */
  job->save->overwrite = TRUE;

  self->saving = TRUE;
  update_sensitivity (self);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  cd_collect_save_async (self->result, job->save, self->cancellable, save_done_cb, job);
}

static void
choose_output (CdCollectWindow *self)
{
  GtkFileChooserNative *chooser =
    gtk_file_chooser_native_new (_("Save the Collected List"), GTK_WINDOW (self),
                                 GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autoptr(GFile) folder = cd_application_documents_folder ();
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *day = g_date_time_format (now, "%Y-%m-%d");
  /* ASCII, like the other proposed names: it travels by e-mail */
  g_autofree char *name = g_strdup_printf ("Danh_sach_tong_hop_%s.docx", day);

  gtk_file_filter_set_name (filter, _("Word documents (.docx)"));
  gtk_file_filter_add_suffix (filter, "docx");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  show_chooser (self, chooser, G_CALLBACK (output_response_cb));
}

static void
save_clicked_cb (CdCollectWindow *self)
{
  if (self->result != NULL && !self->running && !self->saving)
    choose_output (self);
}

/* ---- Closing --------------------------------------------------------- */

static void
unsaved_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     CdCollectWindow  *self)
{
  if (g_strcmp0 (response, "save") == 0)
    {
      self->close_after_save = TRUE;
      choose_output (self);
    }
  else if (g_strcmp0 (response, "discard") == 0)
    {
      self->saved = TRUE;
      cd_gui_close_later (GTK_WINDOW (self));
    }
}

static gboolean
cd_collect_window_close_request (GtkWindow *window)
{
  CdCollectWindow *self = CD_COLLECT_WINDOW (window);

  /* A run is only reading: closing cancels it. A save goes to its end
   * (a list half written is worse than a second's wait). */
  if (self->saving)
    {
      self->close_after_save = TRUE;
      return TRUE;
    }
  if (self->result != NULL && !self->saved && self->result->n_kept > 0)
    {
      cd_gui_ask_save_changes (window, _("The collected list is not saved yet. Without saving, "
                                         "the files must be read again."),
                               G_CALLBACK (unsaved_response_cb));
      return TRUE;
    }
  g_cancellable_cancel (self->cancellable);
  return GTK_WINDOW_CLASS (cd_collect_window_parent_class)->close_request (window);
}

/* ---- GObject --------------------------------------------------------- */

static void
cd_collect_window_dispose (GObject *object)
{
  CdCollectWindow *self = CD_COLLECT_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  gtk_widget_dispose_template (GTK_WIDGET (object), CD_TYPE_COLLECT_WINDOW);
  self->toasts = NULL;
  G_OBJECT_CLASS (cd_collect_window_parent_class)->dispose (object);
}

static void
cd_collect_window_finalize (GObject *object)
{
  CdCollectWindow *self = CD_COLLECT_WINDOW (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->collector, cd_unit_free);
  g_clear_pointer (&self->paths, g_ptr_array_unref);
  g_clear_pointer (&self->pending, g_ptr_array_unref);
  g_clear_pointer (&self->result, cd_collect_result_free);
  g_free (self->template_path);
  G_OBJECT_CLASS (cd_collect_window_parent_class)->finalize (object);
}

static void
cd_collect_window_class_init (CdCollectWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = cd_collect_window_dispose;
  object_class->finalize = cd_collect_window_finalize;
  window_class->close_request = cd_collect_window_close_request;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/certdesk/CertDesk/collect/cd-collect-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CdCollectWindow, toasts);
  gtk_widget_class_bind_template_child (widget_class, CdCollectWindow, files_button);
  gtk_widget_class_bind_template_child (widget_class, CdCollectWindow, folder_button);
  gtk_widget_class_bind_template_child (widget_class, CdCollectWindow, save_button);
  gtk_widget_class_bind_template_child (widget_class, CdCollectWindow, progress_box);
  gtk_widget_class_bind_template_child (widget_class, CdCollectWindow, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, CdCollectWindow, empty_page);
  gtk_widget_class_bind_template_child (widget_class, CdCollectWindow, totals_label);
  gtk_widget_class_bind_template_child (widget_class, CdCollectWindow, kind_label);
  gtk_widget_class_bind_template_child (widget_class, CdCollectWindow, results_box);
  gtk_widget_class_bind_template_child (widget_class, CdCollectWindow, save_group);
  gtk_widget_class_bind_template_child (widget_class, CdCollectWindow, template_row);
  gtk_widget_class_bind_template_child (widget_class, CdCollectWindow, builtin_button);
  gtk_widget_class_bind_template_child (widget_class, CdCollectWindow, bulk_switch);
  gtk_widget_class_bind_template_child (widget_class, CdCollectWindow, report_switch);
  gtk_widget_class_bind_template_callback (widget_class, files_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, folder_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, save_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, cancel_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, template_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, builtin_clicked_cb);

  gtk_widget_class_install_action (widget_class, "collect.open", "s", open_action);
  gtk_widget_class_install_action (widget_class, "collect.open-folder", "s", open_folder_action);
}

static void
cd_collect_window_init (CdCollectWindow *self)
{
  GtkDropTarget *target;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  show_template (self);

  /* Files or folders dropped from the file manager are added. */
  target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect (target, "drop", G_CALLBACK (drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->toasts), GTK_EVENT_CONTROLLER (target));
}

CdCollectWindow *
cd_collect_window_new (GtkWindow *parent,
                       CdStore   *store)
{
  CdCollectWindow *self = g_object_new (CD_TYPE_COLLECT_WINDOW, "transient-for", parent, NULL);

  if (store != NULL)
    {
      g_autoptr(CdUnit) unit = cd_store_get_unit (store);

      if (unit != NULL && unit->name != NULL && *unit->name != '\0')
        self->collector = g_steal_pointer (&unit);
    }
  return self;
}
