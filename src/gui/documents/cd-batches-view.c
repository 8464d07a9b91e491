/* cd-batches-view.c — the Documents (Hồ sơ) view
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "cd-batches-view.h"
#include "cd-gui-util.h"
#include "cd-text.h"
#include "cd-batch.h"
#include "cd-batch-async.h"
#include "cd-batch-letter-dialog.h"
#include "cd-batch-send.h"
#include "cd-wizard-kind.h"
#include "cd-wizard-window.h"

struct _CdBatchesView
{
  GtkWidget   parent_instance;

  GtkWidget     *stack;
  GtkWidget     *list;
  AdwStatusPage *error_page;
  CdStore       *store;
  GSettings     *settings;
  gulong         changed_id;
  gulong         external_id;
  gulong         holiday_id;
  guint          n_overdue;
  GCancellable  *cancellable;   /* the refresh under way */
  guint          generation;    /* of the newest refresh */
  CdHolidays    *holidays;      /* the rows' (the last overview's) */
  GHashTable    *busy;          /* gint64 ids of the lists being written or read */
};

G_DEFINE_FINAL_TYPE (CdBatchesView, cd_batches_view, GTK_TYPE_WIDGET)

enum { OVERDUE_CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

static GtkWindow *
parent_window (CdBatchesView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
show_error (CdBatchesView *self,
            const GError  *error)
{
  cd_gui_show_error (GTK_WIDGET (self), _("The list could not be changed"), error);
}

static gint64
row_batch (GtkWidget *button)
{
  return *(gint64 *) g_object_get_data (G_OBJECT (button), "batch-id");
}

/* ---- A list's work on a worker: its row insensitive meanwhile --------- */

static gboolean
is_busy (CdBatchesView *self,
         gint64         id)
{
  return g_hash_table_contains (self->busy, &id);
}

/* Whether the row of @id answers clicks: not while its list is written
 * or read, so the clerk cannot start the same work twice. */
static void
row_set_sensitive (CdBatchesView *self,
                   gint64         id,
                   gboolean       sensitive)
{
  for (GtkWidget *row = self->list ? gtk_widget_get_first_child (self->list) : NULL; row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      gint64 *row_id = g_object_get_data (G_OBJECT (row), "batch-id");

      if (row_id != NULL && *row_id == id)
        gtk_widget_set_sensitive (row, sensitive);
    }
}

/* FALSE when @id has work under way already. */
static gboolean
busy_begin (CdBatchesView *self,
            gint64         id)
{
  if (self->store == NULL || is_busy (self, id))
    return FALSE;
  g_hash_table_add (self->busy, g_memdup2 (&id, sizeof id));
  row_set_sensitive (self, id, FALSE);
  return TRUE;
}

typedef struct {
  CdBatchesView *self;   /* owned ref */
  gint64         id;
} RowWork;

static RowWork *
row_work_new (CdBatchesView *self,
              gint64         id)
{
  RowWork *w = g_new0 (RowWork, 1);

  w->self = g_object_ref (self);
  w->id = id;
  return w;
}

static void
row_work_free (RowWork *w)
{
  g_clear_object (&w->self);
  g_free (w);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RowWork, row_work_free)

/* A write came back. Written: _finish told the store, whose "changed::batch"
 * refreshes the view, and the row stays insensitive until the new rows
 * replace it (clicked meanwhile it would ask for what is done already).
 * Refused: the row answers again, the clerk is told why, and the view is
 * read again as before (a list deleted meanwhile goes). */
static void
write_done (RowWork      *w,
            gboolean      written,
            const GError *error)
{
  CdBatchesView *self = w->self;

  g_hash_table_remove (self->busy, &w->id);
  if (self->store == NULL || written)
    return;   /* the view is gone, or the refresh is under way */
  row_set_sensitive (self, w->id, TRUE);
  show_error (self, error);
  cd_batches_view_refresh (self);
}

static void
status_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(RowWork) w = user_data;
  g_autoptr(GError) error = NULL;
  gboolean written = cd_batch_set_status_finish (CD_STORE (source), result, &error);

  write_done (w, written, error);
}

static void
set_status (CdBatchesView *self,
            gint64         id,
            CdBatchStatus  status,
            const char    *date_iso)
{
  if (!busy_begin (self, id))
    return;
  /* The holidays the row's deadline was shown with: the view follows
   * "changed::holiday", and a row's button exists only once an overview
   * brought them. On a revocation list this revokes every certificate on
   * it and opens a task per device: on the worker, not the window's
   * thread. */
  cd_batch_set_status_async (self->store, id, status, date_iso, self->holidays, NULL,
                             status_done_cb, row_work_new (self, id));
}

static void
sent_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(RowWork) w = user_data;
  g_autoptr(GError) error = NULL;
  gboolean written = cd_batch_mark_sent_finish (CD_STORE (source), result, &error);

  write_done (w, written, error);
}

/* ---- Đã gửi: the date it was sent, today unless told otherwise --------- */

/* ISO date of @text written dd/mm/yyyy (d/m/yyyy too), not after today;
 * NULL with a translated message otherwise. */
static char *
sent_date_parse (const char  *text,
                 char       **message)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *iso = NULL;
  g_autofree char *clean = g_strstrip (g_strdup (text));

  *message = NULL;
  if (!g_regex_match_simple ("^\\d{1,2}/\\d{1,2}/\\d{4}$", clean, 0, 0)
      || (iso = cd_text_parse_date (clean)) == NULL)
    {
      *message = g_strdup (_("Write the date as dd/mm/yyyy, for example 05/01/2026."));
      return NULL;
    }
  if (strcmp (iso, today) > 0)
    {
      *message = g_strdup (_("The date is after today: write the day the list was sent."));
      return NULL;
    }
  return g_steal_pointer (&iso);
}

static void
sent_entry_changed_cb (GtkEditable      *entry,
                       AdwMessageDialog *dialog)
{
  GtkWidget *error_label = g_object_get_data (G_OBJECT (dialog), "error-label");
  g_autofree char *message = NULL;
  g_autofree char *iso = sent_date_parse (gtk_editable_get_text (entry), &message);

  gtk_label_set_label (GTK_LABEL (error_label), message ? message : "");
  gtk_widget_set_visible (error_label, message != NULL);
  adw_message_dialog_set_response_enabled (dialog, "sent", iso != NULL);
}

static void
sent_response_cb (AdwMessageDialog *dialog,
                  const char       *response,
                  CdBatchesView    *self)
{
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), "entry");
  g_autofree char *message = NULL;
  g_autofree char *iso = NULL;

  if (g_strcmp0 (response, "sent") != 0)
    return;
  iso = sent_date_parse (gtk_editable_get_text (entry), &message);
  if (iso != NULL)
    {
      GtkDropDown *channel = g_object_get_data (G_OBJECT (dialog), "channel");
      gint64 id = *(gint64 *) g_object_get_data (G_OBJECT (dialog), "batch-id");

      /* Đã gửi records the day and the way it went */
      if (busy_begin (self, id))
        cd_batch_mark_sent_async (self->store, id, iso, (CdBatchChannel) gtk_drop_down_get_selected (channel),
                                  NULL, sent_done_cb, row_work_new (self, id));
    }
}

static void
sent_clicked_cb (GtkButton     *button,
                 CdBatchesView *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%d/%m/%Y");
  GtkWidget *dialog = adw_message_dialog_new (parent_window (self), _("Mark the list sent"),
                                              _("On which day was the list sent to the provider?"));
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *entry = gtk_entry_new ();
  GtkWidget *error_label = gtk_label_new (NULL);
  g_autoptr(GListModel) channels = cd_batch_letter_channel_model ();
  GtkWidget *channel = gtk_drop_down_new (g_object_ref (channels), NULL);
  gint64 *id = g_new (gint64, 1);

  *id = row_batch (GTK_WIDGET (button));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (channel),
                              GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "channel")));
  gtk_accessible_update_property (GTK_ACCESSIBLE (channel), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Sent by"), -1);
  gtk_editable_set_text (GTK_EDITABLE (entry), today);
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("dd/mm/yyyy"));
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Date sent (dd/mm/yyyy)"), -1);
  gtk_label_set_wrap (GTK_LABEL (error_label), TRUE);
  gtk_widget_add_css_class (error_label, "error");
  gtk_widget_set_visible (error_label, FALSE);
  gtk_box_append (GTK_BOX (box), entry);
  gtk_box_append (GTK_BOX (box), error_label);
  gtk_box_append (GTK_BOX (box), channel);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "sent", _("Mark _Sent"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "sent", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "sent");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "batch-id", id, g_free);
  g_object_set_data (G_OBJECT (dialog), "entry", entry);
  g_object_set_data (G_OBJECT (dialog), "error-label", error_label);
  g_object_set_data (G_OBJECT (dialog), "channel", channel);
  g_signal_connect (entry, "changed", G_CALLBACK (sent_entry_changed_cb), dialog);
  g_signal_connect (dialog, "response", G_CALLBACK (sent_response_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- Hoàn thành: asked first, it revokes on a revocation list ----------- */

static void
done_response_cb (AdwMessageDialog *dialog,
                  const char       *response,
                  CdBatchesView    *self)
{
  if (g_strcmp0 (response, "done") == 0)
    set_status (self, *(gint64 *) g_object_get_data (G_OBJECT (dialog), "batch-id"), CD_BATCH_DONE, NULL);
}

static void
done_clicked_cb (GtkButton     *button,
                 CdBatchesView *self)
{
  const char *kind = g_object_get_data (G_OBJECT (button), "kind");
  guint n = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "n-items"));
  gboolean revocation = cd_wizard_kind_is_revocation (kind);
  g_autofree char *body = revocation
    ? g_strdup_printf (_("The certificates of the %u people on this revocation list are recorded as revoked in the register, and a task to take back each device is added. This cannot be undone."), n)
    : g_strdup (_("The list is recorded as done: the provider has answered it."));
  GtkWidget *dialog = adw_message_dialog_new (parent_window (self), _("Mark the list done?"), body);
  gint64 *id = g_new (gint64, 1);

  *id = row_batch (GTK_WIDGET (button));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "done", revocation ? _("_Revoke and Mark Done") : _("Mark _Done"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "done",
                                              revocation ? ADW_RESPONSE_DESTRUCTIVE : ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "batch-id", id, g_free);
  g_signal_connect (dialog, "response", G_CALLBACK (done_response_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
load_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(RowWork) w = user_data;
  CdBatchesView *self = w->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(CdWizardDraft) draft = cd_batch_load_finish (CD_STORE (source), result, &error);

  g_hash_table_remove (self->busy, &w->id);
  if (self->store == NULL || parent_window (self) == NULL)
    return;   /* the view is gone */
  row_set_sensitive (self, w->id, TRUE);
  if (draft == NULL)
    {
      show_error (self, error);
      return;
    }
  gtk_window_present (GTK_WINDOW (cd_wizard_window_resume (parent_window (self), self->store,
                                                           self->settings, g_steal_pointer (&draft))));
}

/* Tiếp tục / Mở lại: the whole draft is read on a worker; the wizard
 * opens when it is there, a second click meanwhile does nothing. */
static void
reopen_clicked_cb (GtkButton     *button,
                   CdBatchesView *self)
{
  gint64 id = row_batch (GTK_WIDGET (button));

  if (busy_begin (self, id))
    cd_batch_load_async (self->store, id, NULL, load_done_cb, row_work_new (self, id));
}

static void
open_clicked_cb (GtkButton     *button,
                 CdBatchesView *self)
{
  const char *path = g_object_get_data (G_OBJECT (button), "path");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *uri = g_file_get_uri (file);
  g_autoptr(GError) error = NULL;

  if (!g_app_info_launch_default_for_uri (uri, NULL, &error))
    show_error (self, error);
}

/* ---- The letter, the scan, sending -------------------------------------- */

static void
send_clicked_cb (GtkButton     *button,
                 CdBatchesView *self)
{
  cd_batch_send_mail (GTK_WIDGET (self), self->store, row_batch (GTK_WIDGET (button)));
}

/* The row's menu items: close the menu first, the action may open a
 * window. */
static void
menu_clicked_cb (GtkButton     *button,
                 CdBatchesView *self)
{
  const char *what = g_object_get_data (G_OBJECT (button), "what");
  GtkWidget *popover = gtk_widget_get_ancestor (GTK_WIDGET (button), GTK_TYPE_POPOVER);
  gint64 id = row_batch (GTK_WIDGET (button));

  if (popover != NULL)
    gtk_popover_popdown (GTK_POPOVER (popover));
  if (g_str_equal (what, "letter"))
    gtk_window_present (GTK_WINDOW (cd_batch_letter_dialog_new (parent_window (self), self->store, id)));
  else if (g_str_equal (what, "attach"))
    cd_batch_send_attach_scan (GTK_WIDGET (self), self->store, id);
  else if (g_str_equal (what, "scan"))
    cd_batch_send_open_scan (GTK_WIDGET (self), self->store, id);
  else if (g_str_equal (what, "folder"))
    cd_batch_send_open_folder (GTK_WIDGET (self), self->store, id);
}

static void
menu_item (GtkWidget     *box,
           const char    *label,
           const char    *what,
           gint64         id,
           CdBatchesView *self)
{
  GtkWidget *b = gtk_button_new_with_label (label);
  gint64 *p = g_new (gint64, 1);

  *p = id;
  g_object_set_data_full (G_OBJECT (b), "batch-id", p, g_free);
  g_object_set_data (G_OBJECT (b), "what", (gpointer) what);
  gtk_widget_add_css_class (b, "flat");
  gtk_widget_set_halign (gtk_button_get_child (GTK_BUTTON (b)), GTK_ALIGN_START);
  g_signal_connect (b, "clicked", G_CALLBACK (menu_clicked_cb), self);
  gtk_box_append (GTK_BOX (box), b);
}

/* Thư của Sở…, the scan and Mở thư mục, in a menu: the row has no room. */
static void
row_menu (GtkWidget     *row,
          CdBatchInfo   *b,
          CdBatchesView *self)
{
  GtkWidget *menu = gtk_menu_button_new ();
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  menu_item (box, _("Department's Letter…"), "letter", b->id, self);
  menu_item (box, _("Attach Signed Scan…"), "attach", b->id, self);
  if (b->n_scans > 0)
    menu_item (box, _("Open Scan"), "scan", b->id, self);
  menu_item (box, _("Open Folder"), "folder", b->id, self);
  gtk_popover_set_child (GTK_POPOVER (popover), box);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (menu), popover);
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (menu), "view-more-symbolic");
  gtk_widget_set_tooltip_text (menu, _("Letter, scan and folder"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (menu), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Letter, scan and folder"), -1);
  gtk_widget_set_valign (menu, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), menu);
}

/* The deadline's state as a coloured word at the row's end. */
static void
row_state (GtkWidget        *row,
           CdBatchInfo      *b,
           const char       *today,
           const CdHolidays *holidays)
{
  int days = 0;
  CdDeadlineState state = cd_batch_info_deadline_state (b, today, holidays, &days);
  g_autofree char *text = NULL;
  GtkWidget *label;

  /* a sent list says so in its subtitle already */
  if (state == CD_DEADLINE_NONE || state == CD_DEADLINE_SENT)
    return;
  text = cd_batch_deadline_describe (state, days, b->deadline);
  label = gtk_label_new (text);
  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 18);
  gtk_widget_add_css_class (label, state == CD_DEADLINE_OVERDUE ? "error"
                                   : state == CD_DEADLINE_DUE_SOON ? "warning" : "dim-label");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
}

static GtkWidget *
row_button (GtkWidget     *row,
            const char    *label,
            gint64         id,
            GCallback      cb,
            CdBatchesView *self)
{
  GtkWidget *b = gtk_button_new_with_label (label);
  gint64 *p = g_new (gint64, 1);

  *p = id;
  g_object_set_data_full (G_OBJECT (b), "batch-id", p, g_free);
  gtk_widget_set_valign (b, GTK_ALIGN_CENTER);
  g_signal_connect (b, "clicked", cb, self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), b);
  return b;
}

/* The rows of @o, in place of the previous ones. */
static void
show_overview (CdBatchesView     *self,
               CdBatchesOverview *o)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (self->list)) != NULL)
    gtk_list_box_remove (GTK_LIST_BOX (self->list), child);
  for (guint i = 0; i < o->batches->len; i++)
    {
      CdBatchInfo *b = g_ptr_array_index (o->batches, i);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *title = NULL;
      g_autofree char *sub = cd_batch_info_describe (b);

      g_object_set_data_full (G_OBJECT (row), "batch-id", g_memdup2 (&b->id, sizeof b->id), g_free);
      /* a list still being written keeps its row insensitive */
      gtk_widget_set_sensitive (row, !is_busy (self, b->id));

      title = g_strdup_printf ("%s — %s", cd_wizard_kind_title (b->kind) ? cd_wizard_kind_title (b->kind) : b->kind,
                               b->doc_number ? b->doc_number : _("no number"));
      /* the subtitle names the file; its folder is the tooltip, where a
       * long path does not push the row's buttons aside */
      if (b->path)
        gtk_widget_set_tooltip_text (row, b->path);
      /* plain text: a letter, a recipient or a path may hold an "&" */
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), sub);
      row_state (row, b, o->today, o->holidays);
      if (b->path != NULL)
        {
          GtkWidget *open = row_button (row, _("Open File"), b->id, G_CALLBACK (open_clicked_cb), self);
          g_object_set_data_full (G_OBJECT (open), "path", g_strdup (b->path), g_free);
          row_button (row, _("Send…"), b->id, G_CALLBACK (send_clicked_cb), self);
        }
      row_menu (row, b, self);
      row_button (row, b->status == CD_BATCH_DRAFT ? _("Continue") : _("Re-open"), b->id,
                  G_CALLBACK (reopen_clicked_cb), self);
      if (b->status == CD_BATCH_DRAFT)
        {
          GtkWidget *sent = row_button (row, _("Mark Sent"), b->id, G_CALLBACK (sent_clicked_cb), self);
          g_object_set_data (G_OBJECT (sent), "channel", GUINT_TO_POINTER (b->channel));
        }
      if (b->status != CD_BATCH_DONE)
        {
          GtkWidget *done = row_button (row, _("Mark Done"), b->id, G_CALLBACK (done_clicked_cb), self);
          g_object_set_data_full (G_OBJECT (done), "kind", g_strdup (b->kind), g_free);
          g_object_set_data (G_OBJECT (done), "n-items", GUINT_TO_POINTER (b->n_items));
        }
      gtk_list_box_append (GTK_LIST_BOX (self->list), row);
    }
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), o->batches->len > 0 ? "list" : "empty");
  g_clear_pointer (&self->holidays, cd_holidays_free);
  self->holidays = g_steal_pointer (&o->holidays);
  self->n_overdue = o->n_overdue;
  g_signal_emit (self, signals[OVERDUE_CHANGED], 0);
}

typedef struct {
  CdBatchesView *self;   /* owned ref */
  guint          generation;
} LoadData;

static void
load_data_free (LoadData *d)
{
  g_clear_object (&d->self);
  g_free (d);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LoadData, load_data_free)

static void
overview_done_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(LoadData) d = user_data;
  CdBatchesView *self = d->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(CdBatchesOverview) o = cd_batches_overview_finish (CD_STORE (source), result, &error);

  if (d->generation != self->generation)
    return;   /* a newer refresh is under way, or the view is gone */
  g_clear_object (&self->cancellable);
  if (o == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      /* The rows shown may be stale: say why there are none. */
      adw_status_page_set_description (self->error_page, error->message);
      gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "error");
      return;
    }
  show_overview (self, o);
}

/* Reads the lists on a worker; the rows shown stay until they are read
 * (a first refresh shows a blank page meanwhile, not "No documents"). */
void
cd_batches_view_refresh (CdBatchesView *self)
{
  LoadData *d;
  GtkWidget *child;

  g_return_if_fail (CD_IS_BATCHES_VIEW (self));
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->generation++;
  if (self->store == NULL)
    {
      while ((child = gtk_widget_get_first_child (self->list)) != NULL)
        gtk_list_box_remove (GTK_LIST_BOX (self->list), child);
      gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "empty");
      g_clear_pointer (&self->holidays, cd_holidays_free);
      self->n_overdue = 0;
      g_signal_emit (self, signals[OVERDUE_CHANGED], 0);
      return;
    }
  self->cancellable = g_cancellable_new ();
  d = g_new0 (LoadData, 1);
  d->self = g_object_ref (self);
  d->generation = self->generation;
  cd_batches_overview_async (self->store, g_get_real_time () / G_USEC_PER_SEC, self->cancellable,
                             overview_done_cb, d);
}

guint
cd_batches_view_get_n_overdue (CdBatchesView *self)
{
  g_return_val_if_fail (CD_IS_BATCHES_VIEW (self), 0);
  return self->n_overdue;
}

static void
store_changed_cb (CdStore       *store,
                  const char    *what,
                  CdBatchesView *self)
{
  cd_batches_view_refresh (self);
}

void
cd_batches_view_set_store (CdBatchesView *self,
                           CdStore       *store,
                           GSettings     *settings)
{
  g_return_if_fail (CD_IS_BATCHES_VIEW (self));
  if (store == self->store && settings == self->settings)
    {
      cd_batches_view_refresh (self);
      return;
    }
  if (self->store != NULL)
    {
      g_clear_signal_handler (&self->changed_id, self->store);
      g_clear_signal_handler (&self->external_id, self->store);
      g_clear_signal_handler (&self->holiday_id, self->store);
    }
  g_set_object (&self->store, store);
  g_set_object (&self->settings, settings);
  if (store != NULL)
    {
      self->changed_id = g_signal_connect (store, "changed::batch", G_CALLBACK (store_changed_cb), self);
      /* a list recorded from the command line while the window is open */
      self->external_id = g_signal_connect (store, "changed::external", G_CALLBACK (store_changed_cb), self);
      /* a deadline moves with the holidays; Hoàn thành times recovery by them */
      self->holiday_id = g_signal_connect (store, "changed::holiday", G_CALLBACK (store_changed_cb), self);
    }
  cd_batches_view_refresh (self);
}

static void
cd_batches_view_dispose (GObject *object)
{
  CdBatchesView *self = CD_BATCHES_VIEW (object);

  if (self->store != NULL)
    {
      g_clear_signal_handler (&self->changed_id, self->store);
      g_clear_signal_handler (&self->external_id, self->store);
      g_clear_signal_handler (&self->holiday_id, self->store);
    }
  /* a result still to come is dropped */
  self->generation++;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->holidays, cd_holidays_free);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  gtk_widget_dispose_template (GTK_WIDGET (object), CD_TYPE_BATCHES_VIEW);
  G_OBJECT_CLASS (cd_batches_view_parent_class)->dispose (object);
}

/* Not in dispose: work still under way holds the view and comes back to
 * its table. */
static void
cd_batches_view_finalize (GObject *object)
{
  g_hash_table_unref (CD_BATCHES_VIEW (object)->busy);
  G_OBJECT_CLASS (cd_batches_view_parent_class)->finalize (object);
}

static void
cd_batches_view_class_init (CdBatchesViewClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = cd_batches_view_dispose;
  G_OBJECT_CLASS (klass)->finalize = cd_batches_view_finalize;
  /* Emitted after each refresh: the window's badge on Hồ sơ follows it. */
  signals[OVERDUE_CHANGED] = g_signal_new ("overdue-changed", G_TYPE_FROM_CLASS (klass),
                                           G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  gtk_widget_class_set_template_from_resource (GTK_WIDGET_CLASS (klass),
                                               "/io/github/certdesk/CertDesk/documents/cd-batches-view.ui");
  gtk_widget_class_bind_template_child (GTK_WIDGET_CLASS (klass), CdBatchesView, stack);
  gtk_widget_class_bind_template_child (GTK_WIDGET_CLASS (klass), CdBatchesView, list);
  gtk_widget_class_bind_template_child (GTK_WIDGET_CLASS (klass), CdBatchesView, error_page);
}

static void
cd_batches_view_init (CdBatchesView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->busy = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
}

CdBatchesView *
cd_batches_view_new (void)
{
  return g_object_new (CD_TYPE_BATCHES_VIEW, NULL);
}
