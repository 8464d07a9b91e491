/* cd-device-view.c
 *
 * The register is read on a worker with its own connection (a large unit
 * has thousands of devices and recovery tasks to bring up to date); the
 * history of one device is one query on the main thread. Which
 * event buttons are enabled is decided in one place, update_actions(),
 * by asking the core's rules (cd_handover_apply) about the selection;
 * the buttons a device needs are in its pane, shown only while one (or
 * several, for To provider…) is chosen, show_device_pane().
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "cd-device-columns.h"
#include "cd-device-event-dialog.h"
#include "cd-device-holidays-window.h"
#include "cd-device-notice-window.h"
#include "cd-device-list.h"
#include "cd-device-link-dialog.h"
#include "cd-device-register.h"
#include "cd-devices-async.h"
#include "cd-device-view.h"
#include "cd-memory.h"
#include "cd-text.h"

struct _CdDeviceView
{
  GtkWidget          parent_instance;

  /* Template widgets */
  GtkWidget         *box;
  GtkRevealer       *tasks_revealer;
  GtkLabel          *tasks_title;
  GtkListBox        *tasks_list;
  GtkColumnView     *column_view;
  GtkWidget         *device_pane;    /* the chosen device and its buttons */
  GtkLabel          *device_title;
  GtkLabel          *device_subtitle;
  GtkLabel          *history_title;
  GtkToggleButton   *by_holder_toggle;
  GtkListBox        *history_list;
  GtkLabel          *history_empty;  /* the list's placeholder */
  GtkRevealer       *token_revealer;
  GtkLabel          *token_label;

  /* Owned */
  CdStore           *store;
  CdDeviceList      *devices;     /* CdDeviceItem, made when asked */
  GtkMultiSelection *selection;
  guint              reload_id;
  GCancellable      *cancellable;   /* the reload under way */
  guint              generation;    /* of the newest reload */
  gboolean           loaded;
  gboolean           waiting_check;  /* for the register's integrity check */
  CdToken           *pending_token; /* plugged in before the list was read */
  CdTokenMonitor    *monitor;
  CdToken           *unknown_token;  /* plugged in, not in the register */

  CdDeviceColumns   *columns;        /* the list's columns and widths */

  guint              n_due;
  guint              n_overdue;
};

G_DEFINE_FINAL_TYPE (CdDeviceView, cd_device_view, GTK_TYPE_WIDGET)

enum { TASKS_CHANGED, LOADED, N_SIGNALS };
static guint signals[N_SIGNALS];

static const struct {
  const char     *action;
  CdHandoverKind  kind;
} actions[] = {
  { "devices.receive", CD_HANDOVER_RECEIVE },
  { "devices.hand", CD_HANDOVER_HAND_TO_HOLDER },
  { "devices.take-back", CD_HANDOVER_TAKE_BACK },
  { "devices.to-provider", CD_HANDOVER_RETURN_TO_PROVIDER },
  { "devices.lost", CD_HANDOVER_REPORT_LOST },
  { "devices.locked", CD_HANDOVER_MARK_LOCKED },
  { "devices.damaged", CD_HANDOVER_MARK_DAMAGED },
  { "devices.restored", CD_HANDOVER_RESTORED },
};

static void token_added_cb (CdTokenMonitor *monitor,
                            CdToken        *token,
                            CdDeviceView   *self);

/* ---- Selection -------------------------------------------------------- */

/* The positions of the selected devices in the rows shown: the
 * view reads the register's rows, not items (a select-all would make
 * one per device). */
static GArray *
selected_positions (CdDeviceView *self)
{
  GArray *out = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GtkBitset) set = NULL;
  GtkBitsetIter iter;
  guint pos;

  if (self->selection == NULL || cd_device_list_get_rows (self->devices) == NULL)
    return out;
  set = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  for (gboolean ok = gtk_bitset_iter_init_first (&iter, set, &pos); ok;
       ok = gtk_bitset_iter_next (&iter, &pos))
    g_array_append_val (out, pos);
  return out;
}

static void
update_actions (CdDeviceView *self)
{
  g_autoptr(GArray) items = selected_positions (self);
  CdDeviceRows *rows = cd_device_list_get_rows (self->devices);

  for (guint a = 0; a < G_N_ELEMENTS (actions); a++)
    {
      CdHandoverKind kind = actions[a].kind;
      gboolean enabled;

      if (kind == CD_HANDOVER_RECEIVE)
        enabled = self->store != NULL;
      else if (kind == CD_HANDOVER_RETURN_TO_PROVIDER)
        enabled = items->len > 0;   /* several in one Mẫu 08 */
      else
        enabled = items->len == 1;
      /* Every selected device must allow the event: the core decides. */
      for (guint i = 0; enabled && kind != CD_HANDOVER_RECEIVE && i < items->len; i++)
        {
          guint pos = g_array_index (items, guint, i);
          gint64 holder_id = cd_device_rows_get_holder_id (rows, pos);
          /* Any receiver other than the holder, to ask about the state only. */
          gint64 someone = holder_id + 1;

          enabled = cd_handover_apply (cd_device_rows_get_status (rows, pos), holder_id, NULL, kind,
                                       someone, NULL, NULL, NULL);
        }
      gtk_widget_action_set_enabled (GTK_WIDGET (self), actions[a].action, enabled);
    }
  /* Which certificate is on it: one device at a time. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "devices.link-certificate",
                                 self->store != NULL && items->len == 1);
}

/* The pane of the chosen device: its serial, its holder and state, and
 * the buttons of its events (enabled or not by update_actions()). Hidden
 * while nothing is chosen, so that eight greyed-out buttons do not stand
 * there; several chosen are only named by their number, since To
 * provider… takes them all in one Mẫu 08. */
static void
show_device_pane (CdDeviceView *self)
{
  g_autoptr(GArray) items = selected_positions (self);
  CdDeviceRows *rows = cd_device_list_get_rows (self->devices);
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;

  gtk_widget_set_visible (self->device_pane, self->store != NULL && items->len > 0);
  if (self->store == NULL || items->len == 0)
    return;
  if (items->len == 1)
    {
      guint pos = g_array_index (items, guint, 0);
      const char *holder = cd_device_rows_get_text (rows, pos, CD_DEVICE_ROW_HOLDER);
      const char *status = cd_device_status_label (cd_device_rows_get_status (rows, pos));
      const char *serial = cd_device_rows_get_text (rows, pos, CD_DEVICE_ROW_SERIAL);

      title = g_strdup (serial != NULL ? serial : "");
      subtitle = holder != NULL && *holder != '\0' ? g_strdup_printf ("%s · %s", holder, status)
                                                  : g_strdup (status);
    }
  else
    title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u device chosen", "%u devices chosen",
                                          items->len), items->len);
  gtk_label_set_text (self->device_title, title);
  gtk_label_set_text (self->device_subtitle, subtitle != NULL ? subtitle : "");
  gtk_widget_set_visible (GTK_WIDGET (self->device_subtitle), subtitle != NULL);
  /* The group is named by the device, as its heading says. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->device_pane),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
}

/* ---- History ---------------------------------------------------------- */

static char *
people_text (const CdHandoverEvent *e)
{
  g_autoptr(GString) s = g_string_new (NULL);

  for (guint i = 0; e->people != NULL && i < e->people->len; i++)
    {
      CdEventPerson *p = g_ptr_array_index (e->people, i);
      if (p->name == NULL)
        continue;
      g_string_append_printf (s, "%s%s", s->len ? ", " : "", p->name);
    }
  return g_string_free (g_steal_pointer (&s), FALSE);
}

/* Says why the history is empty, the staff record's way. GTK 4.8 hides
 * a list's placeholder from view only (child-visible), so it would
 * still be one more child to a screen reader beside the rows: it is
 * shown only when the list has none. */
static void
show_history_empty (CdDeviceView *self,
                    const char   *text)
{
  gtk_label_set_text (self->history_empty, text);
  gtk_widget_set_visible (GTK_WIDGET (self->history_empty),
                          gtk_list_box_get_row_at_index (self->history_list, 0) == NULL);
}

static void
show_history (CdDeviceView *self)
{
  g_autoptr(GArray) items = selected_positions (self);
  CdDeviceRows *rows = cd_device_list_get_rows (self->devices);
  g_autoptr(GPtrArray) events = NULL;
  g_autofree char *title = NULL;
  GtkListBoxRow *old;
  gint64 device_id = 0, staff_id = 0;

  /* The rows only: the placeholder is a child of the list too. */
  while ((old = gtk_list_box_get_row_at_index (self->history_list, 0)) != NULL)
    gtk_list_box_remove (self->history_list, GTK_WIDGET (old));

  if (self->store == NULL || items->len != 1)
    {
      gtk_label_set_text (self->history_title, _("History"));
      show_history_empty (self, _("Select a device to see its history"));
      return;
    }
  {
    guint pos = g_array_index (items, guint, 0);

    device_id = cd_device_rows_get_id (rows, pos);
    if (gtk_toggle_button_get_active (self->by_holder_toggle))
      {
        /* The holder now, else the last one who held it. */
        staff_id = cd_device_rows_get_holder_id (rows, pos);
        if (staff_id <= 0)
          {
            g_autoptr(GPtrArray) h = cd_devices_history (self->store, device_id, 0, NULL);
            for (guint i = h ? h->len : 0; i > 0 && staff_id <= 0; i--)
              staff_id = ((CdHandoverEvent *) g_ptr_array_index (h, i - 1))->staff_id;
          }
        device_id = 0;
      }
    if (staff_id > 0)
      {
        g_autoptr(CdStaff) s = cd_store_get_staff (self->store, staff_id, NULL);
        /* Translators: history of a staff member */
        title = g_strdup_printf (_("History of %s"), s ? s->full_name : "?");
      }
    else
      /* Translators: history of a device, by its serial */
      title = g_strdup_printf (_("History of device %s"),
                               cd_device_rows_get_text (rows, pos, CD_DEVICE_ROW_SERIAL));
  }
  gtk_label_set_text (self->history_title, title);
  if (device_id == 0 && staff_id == 0)
    {
      show_history_empty (self, _("Nobody has held this device yet"));
      return;
    }
  events = cd_devices_history (self->store, device_id, staff_id, NULL);
  /* Newest first on screen: the clerk looks for the latest. */
  for (guint i = events ? events->len : 0; i > 0; i--)
    {
      CdHandoverEvent *e = g_ptr_array_index (events, i - 1);
      g_autofree char *people = people_text (e);
      g_autofree char *row_title = cd_handover_event_title (e, " — ");
      g_autofree char *subtitle = g_strdup_printf ("%s%s%s%s%s",
                                                   e->device_serial ? e->device_serial : "",
                                                   e->staff_name ? " · " : "",
                                                   e->staff_name ? e->staff_name : "",
                                                   *people ? " · " : "", people);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), row_title);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_list_box_append (self->history_list, row);
    }
  show_history_empty (self, staff_id > 0 ? _("No device event recorded for this person")
                                         : _("No event recorded for this device"));
}

static void
selection_changed_cb (GtkSelectionModel *model,
                      guint              position,
                      guint              n_items,
                      CdDeviceView      *self)
{
  update_actions (self);
  show_device_pane (self);
  show_history (self);
}

static void
by_holder_toggled_cb (GtkToggleButton *toggle,
                      CdDeviceView    *self)
{
  show_history (self);
}

/* ---- Loading ---------------------------------------------------------- */

#define MAX_TASK_ROWS 20

static void
fill_tasks (CdDeviceView     *self,
            CdDeviceOverview *o)
{
  GPtrArray *tasks = o->tasks;
  g_autofree char *title = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->tasks_list))) != NULL)
    gtk_list_box_remove (self->tasks_list, child);
  /* The most urgent first, a screenful of them: one widget per task
   * would lay out thousands of rows on a large register. */
  for (guint i = 0; i < tasks->len && i < MAX_TASK_ROWS; i++)
    {
      CdRecoveryTask *t = g_ptr_array_index (tasks, i);
      g_autofree char *due = cd_text_date_display (t->due_date);
      g_autofree char *row_title = NULL;
      g_autofree char *subtitle = NULL;
      GtkWidget *row;

      row_title = g_strdup_printf ("%s — %s", t->device_serial ? t->device_serial : "?",
                                   t->staff_name ? t->staff_name : _("no holder"));
      row = adw_action_row_new ();
      if (t->days_overdue > 0)
        subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                 "Due %s — overdue by %d working day",
                                                 "Due %s — overdue by %d working days",
                                                 t->days_overdue), due, t->days_overdue);
      else
        subtitle = g_strdup_printf (_("Due %s"), due);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), row_title);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      if (t->days_overdue > 0)
        gtk_widget_add_css_class (row, "error");
      gtk_list_box_append (self->tasks_list, row);
    }
  if (tasks->len > MAX_TASK_ROWS)
    {
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *more = g_strdup_printf (_("… and %u more (the list of devices shows them all)"),
                                               tasks->len - MAX_TASK_ROWS);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), more);
      gtk_list_box_append (self->tasks_list, row);
    }
  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                        "%u device to recover and hand to the provider within 5 working days",
                                        "%u devices to recover and hand to the provider within 5 working days",
                                        tasks->len), tasks->len);
  gtk_label_set_text (self->tasks_title, title);
  gtk_revealer_set_reveal_child (self->tasks_revealer, tasks->len > 0);
  if (o->n_due != self->n_due || o->n_overdue != self->n_overdue)
    {
      self->n_due = o->n_due;
      self->n_overdue = o->n_overdue;
      g_signal_emit (self, signals[TASKS_CHANGED], 0);
    }
}

/* The overview the worker read, and its devices packed for the list. */
typedef struct {
  CdDeviceOverview *o;
  CdDeviceRows     *rows;   /* in the order of o->devices */
} DeviceLoad;

static void
device_load_free (DeviceLoad *l)
{
  g_clear_pointer (&l->o, cd_device_overview_free);
  g_clear_pointer (&l->rows, cd_device_rows_unref);
  g_free (l);
}

static void
apply_overview (CdDeviceView *self,
                DeviceLoad   *load)
{
  g_autoptr(GArray) keep = selected_positions (self);
  g_autoptr(GHashTable) keep_ids = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GArray) ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), keep->len);
  g_autoptr(GtkBitset) reselect = gtk_bitset_new_empty ();
  g_autoptr(CdToken) pending = g_steal_pointer (&self->pending_token);
  CdDeviceRows *old_rows = cd_device_list_get_rows (self->devices);
  CdDeviceRows *rows = load->rows;

  /* The ids first: the table points into the array, grown no more. */
  for (guint k = 0; k < keep->len; k++)
    {
      gint64 id = cd_device_rows_get_id (old_rows, g_array_index (keep, guint, k));
      g_array_append_val (ids, id);
    }
  for (guint k = 0; k < ids->len; k++)
    g_hash_table_add (keep_ids, &g_array_index (ids, gint64, k));
  for (guint i = 0; keep->len > 0 && i < cd_device_rows_get_n (rows); i++)
    {
      gint64 id = cd_device_rows_get_id (rows, i);
      if (g_hash_table_contains (keep_ids, &id))
        gtk_bitset_add (reselect, i);
    }
  cd_device_columns_fit (self->columns, rows);
  cd_device_list_set_rows (self->devices, rows);
  gtk_selection_model_set_selection (GTK_SELECTION_MODEL (self->selection), reselect, reselect);
  self->loaded = TRUE;
  /* A token plugged in before the list was read, or one registered since. */
  if (pending != NULL)
    token_added_cb (self->monitor, pending, self);
  else if (self->unknown_token != NULL
           && cd_device_view_select_serial (self, self->unknown_token->serial))
    {
      g_clear_pointer (&self->unknown_token, cd_token_free);
      gtk_revealer_set_reveal_child (self->token_revealer, FALSE);
    }
  fill_tasks (self, load->o);
  update_actions (self);
  show_device_pane (self);
  show_history (self);
  g_signal_emit (self, signals[LOADED], 0);
}

/* The items of the list, built here from the overview the worker read. */
static DeviceLoad *
device_load_new (CdDeviceOverview *o)
{
  DeviceLoad *load = g_new0 (DeviceLoad, 1);

  load->o = o;
  load->rows = cd_device_rows_new_from_entries (o->devices);
  /* The entries are not needed any more: freed before the list shows
   * the rows, so the two are not both held at the peak. */
  g_ptr_array_set_size (o->devices, 0);
  return load;
}

typedef struct {
  CdDeviceView *self;   /* owned ref */
  guint         generation;
} LoadData;

static void
load_data_free (LoadData *d)
{
  g_clear_object (&d->self);
  g_free (d);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LoadData, load_data_free)

static void
overview_done (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(LoadData) d = user_data;
  CdDeviceView *self = d->self;
  g_autoptr(GError) error = NULL;
  CdDeviceOverview *o = cd_devices_overview_finish (CD_STORE (source), result, &error);
  DeviceLoad *load;

  if (d->generation != self->generation)
    {
      g_clear_pointer (&o, cd_device_overview_free);
      return;   /* a newer reload is under way, or the view is gone */
    }
  g_clear_object (&self->cancellable);
  if (o == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("device register: %s", error->message);
      return;
    }
  load = device_load_new (o);
  apply_overview (self, load);
  device_load_free (load);
  cd_memory_release_free_when_idle ();
}

static void reload (CdDeviceView *self);

static void
store_checked_cb (CdDeviceView *self)
{
  g_signal_handlers_disconnect_by_func (self->store, store_checked_cb, self);
  self->waiting_check = FALSE;
  reload (self);
}

static void
reload (CdDeviceView *self)
{
  LoadData *d;

  if (self->store == NULL)
    return;
  /* The worker brings recovery tasks up to date (a write): after the
   * register's integrity check, which the staff list's worker runs. */
  if (cd_store_get_check_pending (self->store))
    {
      if (!self->waiting_check)
        {
          self->waiting_check = TRUE;
          g_signal_connect_object (self->store, "checked", G_CALLBACK (store_checked_cb), self,
                                   G_CONNECT_SWAPPED);
        }
      return;
    }
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->generation++;
  d = g_new0 (LoadData, 1);
  d->self = g_object_ref (self);
  d->generation = self->generation;
  /* Opening the recovery tasks and reading 20,000 devices take a second
   * on a large register: on a worker with its own connection. */
  cd_devices_overview_async (self->store, g_get_real_time () / G_USEC_PER_SEC, self->cancellable,
                             overview_done, d);
}

static gboolean
reload_idle_cb (gpointer data)
{
  CdDeviceView *self = data;

  self->reload_id = 0;
  reload (self);
  return G_SOURCE_REMOVE;
}

static void
store_changed_cb (CdStore      *store,
                  const char   *what,
                  CdDeviceView *self)
{
  /* A batch changes many rows: read the register once afterwards. */
  if (self->reload_id == 0)
    self->reload_id = g_idle_add (reload_idle_cb, self);
}

/* ---- Events ----------------------------------------------------------- */

static void
open_dialog (CdDeviceView        *self,
             CdHandoverKind       kind,
             CdDeviceEventDialog **out)
{
  g_autoptr(GArray) ids = kind == CD_HANDOVER_RECEIVE ? g_array_new (FALSE, FALSE, sizeof (gint64))
                                                      : cd_device_view_get_selected_ids (self);
  CdDeviceEventDialog *dialog;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  dialog = cd_device_event_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, self->store,
                                       kind, (const gint64 *) (gpointer) ids->data, ids->len);
  if (out != NULL)
    *out = dialog;
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
event_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  CdDeviceView *self = CD_DEVICE_VIEW (widget);

  if (self->store == NULL)
    return;
  for (guint a = 0; a < G_N_ELEMENTS (actions); a++)
    if (g_str_equal (action_name, actions[a].action))
      open_dialog (self, actions[a].kind, NULL);
}

/* ---- Tokens plugged in ------------------------------------------------ */

static void
token_added_cb (CdTokenMonitor *monitor,
                CdToken        *token,
                CdDeviceView   *self)
{
  g_autofree char *text = NULL;

  if (token->serial == NULL || *token->serial == '\0')
    return;
  /* Before the register was read: decide once it is. */
  if (!self->loaded)
    {
      g_clear_pointer (&self->pending_token, cd_token_free);
      self->pending_token = cd_token_copy (token);
      return;
    }
  if (self->store == NULL)
    return;
  if (cd_device_view_select_serial (self, token->serial))
    return;
  g_clear_pointer (&self->unknown_token, cd_token_free);
  self->unknown_token = cd_token_copy (token);
  /* Translators: serial, then the token's label */
  text = g_strdup_printf (_("The token %s (%s) plugged in is not in the device register."),
                          token->serial, token->label ? token->label : token->model ? token->model : "");
  gtk_label_set_text (self->token_label, text);
  gtk_revealer_set_reveal_child (self->token_revealer, TRUE);
}

static void
token_removed_cb (CdTokenMonitor *monitor,
                  CdToken        *token,
                  CdDeviceView   *self)
{
  if (self->pending_token != NULL && g_strcmp0 (self->pending_token->key, token->key) == 0)
    g_clear_pointer (&self->pending_token, cd_token_free);
  if (self->unknown_token != NULL && g_strcmp0 (self->unknown_token->key, token->key) == 0)
    {
      g_clear_pointer (&self->unknown_token, cd_token_free);
      gtk_revealer_set_reveal_child (self->token_revealer, FALSE);
    }
}

static void
holidays_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  CdDeviceView *self = CD_DEVICE_VIEW (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  CdDeviceHolidaysWindow *window;

  if (self->store == NULL)
    return;
  window = cd_device_holidays_window_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, self->store);
  gtk_window_present (GTK_WINDOW (window));
}

static void
notice_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  CdDeviceView *self = CD_DEVICE_VIEW (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  CdDeviceNoticeWindow *window;

  if (self->store == NULL)
    return;
  window = cd_device_notice_window_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, self->store);
  gtk_window_present (GTK_WINDOW (window));
}

static void
link_certificate_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *param)
{
  CdDeviceView *self = CD_DEVICE_VIEW (widget);
  g_autoptr(GArray) items = selected_positions (self);
  g_autoptr(CdDevice) device = NULL;
  GtkRoot *root = gtk_widget_get_root (widget);

  if (self->store == NULL || items->len != 1)
    return;
  device = cd_device_rows_dup_device (cd_device_list_get_rows (self->devices), g_array_index (items, guint, 0));
  cd_device_link_dialog_present (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, self->store, device);
}

static void
register_token_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  CdDeviceView *self = CD_DEVICE_VIEW (widget);

  if (self->unknown_token == NULL)
    return;
  cd_device_view_offer_register (self, self->unknown_token->serial, self->unknown_token->model,
                                 self->unknown_token->manufacturer);
}

void
cd_device_view_set_token_monitor (CdDeviceView   *self,
                                  CdTokenMonitor *monitor)
{
  g_return_if_fail (CD_IS_DEVICE_VIEW (self));

  if (self->monitor != NULL)
    g_signal_handlers_disconnect_by_data (self->monitor, self);
  g_set_object (&self->monitor, monitor);
  if (monitor == NULL)
    return;
  g_signal_connect_object (monitor, "token-added", G_CALLBACK (token_added_cb), self, 0);
  g_signal_connect_object (monitor, "token-removed", G_CALLBACK (token_removed_cb), self, 0);
  {
    g_autoptr(GPtrArray) now = cd_token_monitor_get_tokens (monitor);
    for (guint i = 0; now != NULL && i < now->len; i++)
      token_added_cb (monitor, g_ptr_array_index (now, i), self);
  }
}

/* ---- Public ----------------------------------------------------------- */

CdDeviceView *
cd_device_view_new (void)
{
  return g_object_new (CD_TYPE_DEVICE_VIEW, NULL);
}

void
cd_device_view_set_store (CdDeviceView *self,
                          CdStore      *store)
{
  g_return_if_fail (CD_IS_DEVICE_VIEW (self));

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  self->waiting_check = FALSE;
  g_set_object (&self->store, store);
  if (store != NULL)
    g_signal_connect_object (store, "changed", G_CALLBACK (store_changed_cb), self, 0);
  reload (self);
}

guint
cd_device_view_get_n_due (CdDeviceView *self)
{
  return self->n_due;
}

guint
cd_device_view_get_n_overdue (CdDeviceView *self)
{
  return self->n_overdue;
}

gboolean
cd_device_view_select_serial (CdDeviceView *self,
                              const char   *serial)
{
  CdDeviceRows *rows = cd_device_list_get_rows (self->devices);
  int i = rows != NULL ? cd_device_rows_find_serial (rows, serial) : -1;

  if (i < 0)
    return FALSE;
  gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection), (guint) i, TRUE);
  gtk_widget_activate_action (GTK_WIDGET (self->column_view), "list.scroll-to-item", "u", (guint) i);
  return TRUE;
}

void
cd_device_view_offer_register (CdDeviceView *self,
                               const char   *serial,
                               const char   *model,
                               const char   *manufacturer)
{
  CdDeviceEventDialog *dialog = NULL;

  if (self->store == NULL)
    return;
  open_dialog (self, CD_HANDOVER_RECEIVE, &dialog);
  cd_device_event_dialog_set_serial (dialog, serial, model, manufacturer);
}

/* ---- Object ----------------------------------------------------------- */

static void
cd_device_view_dispose (GObject *object)
{
  CdDeviceView *self = CD_DEVICE_VIEW (object);

  g_clear_handle_id (&self->reload_id, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->pending_token, cd_token_free);
  if (self->monitor != NULL)
    g_signal_handlers_disconnect_by_data (self->monitor, self);
  g_clear_object (&self->monitor);
  g_clear_pointer (&self->unknown_token, cd_token_free);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_object (&self->store);
  gtk_widget_dispose_template (GTK_WIDGET (self), CD_TYPE_DEVICE_VIEW);
  g_clear_object (&self->selection);
  g_clear_object (&self->devices);
  G_OBJECT_CLASS (cd_device_view_parent_class)->dispose (object);
}

static void
cd_device_view_finalize (GObject *object)
{
  g_clear_pointer (&CD_DEVICE_VIEW (object)->columns, cd_device_columns_free);
  G_OBJECT_CLASS (cd_device_view_parent_class)->finalize (object);
}

/* A list view builds ~200 rows of widgets for the items it is given,
 * even hidden: only once the clerk opens Thiết bị (the register is read
 * at start-up, behind the staff list). */
static void
cd_device_view_map (GtkWidget *widget)
{
  CdDeviceView *self = CD_DEVICE_VIEW (widget);

  if (gtk_column_view_get_model (self->column_view) == NULL)
    gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  GTK_WIDGET_CLASS (cd_device_view_parent_class)->map (widget);
}

static void
cd_device_view_class_init (CdDeviceViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cd_device_view_dispose;
  object_class->finalize = cd_device_view_finalize;
  widget_class->map = cd_device_view_map;

  signals[TASKS_CHANGED] = g_signal_new ("tasks-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* loaded: the register was read (on a worker) and is shown. */
  signals[LOADED] = g_signal_new ("loaded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/certdesk/CertDesk/devices/cd-device-view.ui");
  gtk_widget_class_bind_template_child (widget_class, CdDeviceView, box);
  gtk_widget_class_bind_template_child (widget_class, CdDeviceView, tasks_revealer);
  gtk_widget_class_bind_template_child (widget_class, CdDeviceView, tasks_title);
  gtk_widget_class_bind_template_child (widget_class, CdDeviceView, tasks_list);
  gtk_widget_class_bind_template_child (widget_class, CdDeviceView, column_view);
  gtk_widget_class_bind_template_child (widget_class, CdDeviceView, device_pane);
  gtk_widget_class_bind_template_child (widget_class, CdDeviceView, device_title);
  gtk_widget_class_bind_template_child (widget_class, CdDeviceView, device_subtitle);
  gtk_widget_class_bind_template_child (widget_class, CdDeviceView, history_title);
  gtk_widget_class_bind_template_child (widget_class, CdDeviceView, by_holder_toggle);
  gtk_widget_class_bind_template_child (widget_class, CdDeviceView, history_list);
  gtk_widget_class_bind_template_child (widget_class, CdDeviceView, history_empty);
  gtk_widget_class_bind_template_child (widget_class, CdDeviceView, token_revealer);
  gtk_widget_class_bind_template_child (widget_class, CdDeviceView, token_label);
  gtk_widget_class_bind_template_callback (widget_class, by_holder_toggled_cb);

  for (guint a = 0; a < G_N_ELEMENTS (actions); a++)
    gtk_widget_class_install_action (widget_class, actions[a].action, NULL, event_action);
  gtk_widget_class_install_action (widget_class, "devices.register-token", NULL, register_token_action);
  gtk_widget_class_install_action (widget_class, "devices.holidays", NULL, holidays_action);
  gtk_widget_class_install_action (widget_class, "devices.notice", NULL, notice_action);
  gtk_widget_class_install_action (widget_class, "devices.link-certificate", NULL, link_certificate_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
cd_device_view_init (CdDeviceView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->devices = cd_device_list_new ();
  self->selection = gtk_multi_selection_new (G_LIST_MODEL (g_object_ref (self->devices)));
  /* The column view gets its model when first shown (see map). */
  g_signal_connect (self->selection, "selection-changed", G_CALLBACK (selection_changed_cb), self);

  self->columns = cd_device_columns_new (self->column_view);
  update_actions (self);
}

GArray *
cd_device_view_get_selected_ids (CdDeviceView *self)
{
  g_autoptr(GArray) items = NULL;
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  g_return_val_if_fail (CD_IS_DEVICE_VIEW (self), ids);
  items = selected_positions (self);
  for (guint i = 0; i < items->len; i++)
    {
      gint64 id = cd_device_rows_get_id (cd_device_list_get_rows (self->devices), g_array_index (items, guint, i));
      g_array_append_val (ids, id);
    }
  return ids;
}
