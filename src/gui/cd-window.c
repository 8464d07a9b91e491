/* cd-window.c — the main window: the staff list, the device register
 * and the documents, the token monitor's news as toasts
 *
 * Its actions are in cd-window-actions.c; both share
 * cd-window-private.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "cd-gui-util.h"
#include "cd-memory.h"
#include "cd-store-staff-load.h"
#include "cd-settings.h"
#include "cd-token-notice.h"
#include "cd-token-register.h"
#include "cd-window-private.h"

G_DEFINE_FINAL_TYPE (CdWindow, cd_window, ADW_TYPE_APPLICATION_WINDOW)

CdStore *
cd_window_get_store (CdWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  return app ? cd_application_get_store (CD_APPLICATION (app)) : NULL;
}

void
cd_window_toast (CdWindow   *self,
                 const char *text)
{
  cd_gui_toast (GTK_WIDGET (self->toast_overlay), text);
}

/* ---- Loading the staff list ----------------------------------------- */

/* A page of the register read at start-up (the application's preload):
 * the first one is the first screenful; the rest are added as they come.
 * Ignored once the window reloaded itself meanwhile: that read replaces
 * them all. */
void
cd_window_add_staff_page (CdWindow  *self,
                          GPtrArray *rows)
{
  if (!self->streaming)
    return;
  cd_staff_view_add_rows (self->staff_view, rows);
}

void
cd_window_begin_staff_pages (CdWindow *self)
{
  self->loaded_once = TRUE;
  self->streaming = TRUE;
}

void
cd_window_end_staff_pages (CdWindow     *self,
                           const GError *error)
{
  /* Pages the window stopped taking: its own read follows. */
  if (!self->streaming)
    return;
  cd_window_show_staff_rows (self, NULL, error);
}

/* The first rows shown also start reading the device register: both
 * at once would share the two cores with the first frame. */
void
cd_window_show_staff_rows (CdWindow     *self,
                           GPtrArray    *rows,
                           const GError *error)
{
  CdStore *store = cd_window_get_store (self);
  gboolean first = !self->staff_complete;

  self->loaded_once = TRUE;
  self->staff_complete = TRUE;
  self->streaming = FALSE;
  /* A damaged register: say so once, with how to restore the backup (the
   * toast stays). While its check is still running (on the worker that
   * read these rows) this waits: finding damage reloads the list. */
  if (store != NULL && !cd_store_get_check_pending (store)
      && cd_store_is_read_only (store) && !self->told_read_only)
    {
      self->told_read_only = TRUE;
      cd_window_toast (self, cd_store_get_read_only_reason (store));
    }
  if (rows != NULL)
    cd_staff_view_set_rows (self->staff_view, rows);
  else
    cd_staff_view_set_loading (self->staff_view, FALSE);
  if (error == NULL)
    /* What the worker read with is free now: give it back. */
    cd_memory_release_free_when_idle ();
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    cd_window_toast (self, error->message);
  /* The check may have found the register damaged: read-only now. */
  cd_window_update_actions (self);
  if (first && store != NULL)
    {
      GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

      cd_device_view_set_store (cd_window_get_device_view (self), store);
      if (CD_IS_APPLICATION (app))
        cd_application_staff_loaded (CD_APPLICATION (app));
    }
}

static void
load_done (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(CdWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = cd_store_load_staff_rows_finish (CD_STORE (source), result, &error);

  if (rows == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  cd_window_show_staff_rows (self, rows, error);
}

void
cd_window_reload (CdWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  CdStore *store = cd_window_get_store (self);

  if (store == NULL)
    return;
  /* The application started reading before the window existed. */
  if (!self->loaded_once && cd_application_claim_preload (CD_APPLICATION (app), self))
    return;
  /* Pages still coming in are of the register before this change. */
  self->streaming = FALSE;
  g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  self->load_cancellable = g_cancellable_new ();
  cd_store_load_staff_rows_async (store, cd_application_get_expiry_threshold_days (CD_APPLICATION (app)),
                                  self->load_cancellable,
                                  load_done, g_object_ref (self));
}

static gboolean
reload_due_cb (gpointer user_data)
{
  CdWindow *self = user_data;

  self->reload_id = 0;
  cd_window_reload (self);
  return G_SOURCE_REMOVE;
}

/* The staff list shows what the register holds now. Changes come in
 * bursts (an import, then the certificates of the tokens plugged in, a
 * record saved then its "changed"): one reload a moment later for all.
 * The Thiết bị and Hồ sơ views follow the store's "changed" themselves. */
void
cd_window_register_changed (CdWindow *self)
{
  if (self->reload_id == 0)
    self->reload_id = g_timeout_add (100, reload_due_cb, self);
}

static void
store_changed_cb (CdWindow   *self,
                  const char *what)
{
  /* What a staff row shows: the person, the unit's threshold, the
   * certificates; or anything another program wrote. */
  if (g_strcmp0 (what, "batch") == 0 || g_strcmp0 (what, "document") == 0
      || g_strcmp0 (what, "task") == 0 || g_strcmp0 (what, "holiday") == 0
      || g_strcmp0 (what, "device") == 0)
    return;
  cd_window_register_changed (self);
}

/* ---- Staff ---------------------------------------------------------- */

CdStaffWindow *
cd_window_open_staff (CdWindow      *self,
            gint64         id,
            const CdStaff *prefill)
{
  CdStore *store = cd_window_get_store (self);
  CdStaffWindow *win;

  if (store == NULL)
    return NULL;
  win = cd_staff_window_new (GTK_WINDOW (self), store, id, prefill);
  g_signal_connect_object (win, "changed", G_CALLBACK (cd_window_register_changed), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (win));
  return win;
}

static void
staff_activated_cb (CdStaffView *view,
                    gint64       staff_id,
                    CdWindow    *self)
{
  cd_window_open_staff (self, staff_id, NULL);
}

/* A GAction of the window (not a class action) so that it is exported
 * on D-Bus too: support and the tests open a record by id with
 * org.gtk.Actions.Activate. */
static void
open_staff_activated (GSimpleAction *action,
                      GVariant      *param,
                      gpointer       user_data)
{
  cd_window_open_staff (CD_WINDOW (user_data), g_variant_get_int64 (param), NULL);
}

/* ---- Tokens --------------------------------------------------------- */

static void show_devices_cb (AdwToast *t,
                             CdWindow *self);

/* One toast for one token: its holder to open, or its certificate to
 * link. */
static void
toast_token_notice (CdWindow            *self,
                    const CdTokenNotice *notice)
{
  AdwToast *t_toast = adw_toast_new (notice->text);

  adw_toast_set_timeout (t_toast, 10);
  adw_toast_set_priority (t_toast, ADW_TOAST_PRIORITY_HIGH);
  if (notice->staff_id != 0)
    {
      adw_toast_set_button_label (t_toast, _("Open"));
      adw_toast_set_action_name (t_toast, "win.open-staff");
      adw_toast_set_action_target_value (t_toast, g_variant_new_int64 (notice->staff_id));
    }
  else if (notice->cert_id != 0)
    {
      adw_toast_set_button_label (t_toast, _("Link or Create…"));
      adw_toast_set_action_name (t_toast, "win.unknown-certificate");
      adw_toast_set_action_target_value (t_toast, g_variant_new_int64 (notice->cert_id));
    }
  adw_toast_overlay_add_toast (self->toast_overlay, t_toast);
}

static void
token_added_cb (CdTokenMonitor *monitor,
                const CdToken  *t,
                CdWindow       *self)
{
  CdStore *store = cd_window_get_store (self);
  g_autoptr(CdTokenRegistration) reg = NULL;
  g_autoptr(CdTokenNotice) notice = NULL;

  if (store == NULL)
    return;
  /* The rule is core's: a token whose certificate is someone's becomes
   * that person's device. */
  reg = cd_token_register (store, t);
  for (guint i = 0; i < reg->errors->len; i++)
    cd_window_toast (self, ((GError *) g_ptr_array_index (reg->errors, i))->message);
  notice = cd_token_notice_new (store, t, reg, g_get_real_time () / G_USEC_PER_SEC,
                                cd_settings_expiry_threshold_days (self->settings));

  /* The tokens already plugged at start-up are summed up in one toast
   * once every driver was asked (tokens_settled_cb). */
  if (!cd_token_monitor_is_settled (monitor))
    g_ptr_array_add (self->startup_notices, g_steal_pointer (&notice));
  else
    toast_token_notice (self, notice);
  cd_window_register_changed (self);
}

static void
tokens_settled_cb (CdTokenMonitor *monitor,
                   CdWindow       *self)
{
  g_autofree char *summary = NULL;
  AdwToast *toast;
  guint n_action = 0;

  if (self->startup_notices->len == 1)
    toast_token_notice (self, g_ptr_array_index (self->startup_notices, 0));
  else if ((summary = cd_token_notice_summarize (self->startup_notices, &n_action)) != NULL)
    {
      toast = adw_toast_new (summary);
      adw_toast_set_timeout (toast, n_action > 0 ? 20 : 8);
      adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
      adw_toast_set_button_label (toast, _("Show"));
      g_signal_connect_object (toast, "button-clicked", G_CALLBACK (show_devices_cb), self, 0);
      adw_toast_overlay_add_toast (self->toast_overlay, toast);
    }
  g_ptr_array_set_size (self->startup_notices, 0);
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

  cd_window_toast (self, advice);
}

static void
module_error_cb (CdTokenMonitor *monitor,
                 const char     *module,
                 const char     *message,
                 CdWindow       *self)
{
  g_autofree char *text = g_strdup_printf (_("Token driver %s: %s"), module, message);

  cd_window_toast (self, text);
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
  g_signal_connect_object (self->monitor, "settled", G_CALLBACK (tokens_settled_cb), self, 0);
  /* The Thiết bị view selects a plugged token's device or offers to
   * register it; one monitor serves both (given when the view is built,
   * if it is not yet: it reads the tokens plugged meanwhile then). */
  if (self->device_view != NULL)
    cd_device_view_set_token_monitor (self->device_view, self->monitor);
  cd_token_monitor_start (self->monitor);
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

/* Hồ sơ's badge: the lists past their deadline and not sent. */
static void
batches_overdue_changed_cb (CdBatchesView *view,
                            CdWindow      *self)
{
  guint overdue = cd_batches_view_get_n_overdue (view);

  adw_view_stack_page_set_badge_number (self->documents_stack_page, overdue);
  adw_view_stack_page_set_needs_attention (self->documents_stack_page, overdue > 0);
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

/* ---- The views not shown at start ------------------------------------ */

/* Thiết bị and Hồ sơ are built on their first use: shown, their data
 * wanted (the device register read behind the staff list, for the badge
 * and the start-up notice; Hồ sơ's lists after the first frame), or an
 * action reaching them. In the window's template they cost its first
 * frame, which shows neither (issue 19). */
CdDeviceView *
cd_window_get_device_view (CdWindow *self)
{
  g_return_val_if_fail (CD_IS_WINDOW (self), NULL);

  if (self->device_view == NULL)
    {
      self->device_view = cd_device_view_new ();
      g_signal_connect_object (self->device_view, "tasks-changed",
                               G_CALLBACK (device_tasks_changed_cb), self, 0);
      /* Reads the register only when given the store, after this. */
      if (cd_window_get_store (self) != NULL)
        g_signal_connect_object (self->device_view, "loaded", G_CALLBACK (devices_startup_notice), self, 0);
      if (self->monitor != NULL)
        cd_device_view_set_token_monitor (self->device_view, self->monitor);
      adw_bin_set_child (self->devices_bin, GTK_WIDGET (self->device_view));
    }
  return self->device_view;
}

CdBatchesView *
cd_window_get_batches_view (CdWindow *self)
{
  g_return_val_if_fail (CD_IS_WINDOW (self), NULL);

  if (self->batches_view == NULL)
    {
      self->batches_view = cd_batches_view_new ();
      g_signal_connect_object (self->batches_view, "overdue-changed",
                               G_CALLBACK (batches_overdue_changed_cb), self, 0);
      adw_bin_set_child (self->documents_bin, GTK_WIDGET (self->batches_view));
    }
  return self->batches_view;
}

/* The view shown is built if it was not: switched to by the clerk, a
 * toast's "Show", the last view remembered, a test. */
static void
visible_view_cb (CdWindow *self)
{
  const char *name = adw_view_stack_get_visible_child_name (self->view_stack);

  if (self->disposing)
    return;
  if (g_strcmp0 (name, "devices") == 0)
    cd_window_get_device_view (self);
  else if (g_strcmp0 (name, "documents") == 0)
    cd_window_get_batches_view (self);
}

/* ---- State ---------------------------------------------------------- */

void
cd_window_refresh (CdWindow *self)
{
  CdStore *store;
  gboolean has_unit;

  g_return_if_fail (CD_IS_WINDOW (self));

  store = cd_window_get_store (self);
  has_unit = store != NULL && !cd_store_is_empty (store);
  if (store != NULL && (!has_unit || !cd_store_has_staff (store)))
    {
      gtk_stack_set_visible_child_name (self->main_stack, "welcome");
      gtk_label_set_text (self->welcome_hint,
                          has_unit ? _("The unit's details are saved. Now import the staff list (Ctrl+I), or add staff one by one (Ctrl+N).")
                                   : _("Begin with the unit's details: they are printed on every document."));
    }
  else
    gtk_stack_set_visible_child_name (self->main_stack, "register");
  cd_window_update_actions (self);
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
  if (cd_window_get_store (self) != NULL)
    {
      g_signal_connect_object (cd_window_get_store (self), "changed", G_CALLBACK (store_changed_cb),
                               self, G_CONNECT_SWAPPED);
      /* Another CertDesk or the command line in a terminal may write the
       * register while the window is open: shown within a second. */
      cd_store_watch (cd_window_get_store (self), 1000);
      /* Hồ sơ when it is the view shown; else after the first frame
       * (first_frame_done), with the token monitor. Its refresh reads the
       * holidays, which are written into a new register only after its
       * integrity check (cd_devices_load_holidays()). */
      if (g_strcmp0 (adw_view_stack_get_visible_child_name (self->view_stack), "documents") == 0)
        {
          cd_batches_view_set_store (cd_window_get_batches_view (self), cd_window_get_store (self),
                                     self->settings);
          self->batches_set = TRUE;
        }
    }
}

/* ---- After the first frame ------------------------------------------- */

/* What the first frame does not show waits for it: the rest of the
 * staff list and the register's check (the application's start-up
 * read), the Hồ sơ view's lists, the token monitor (PKCS#11 modules
 * loaded, readers polled). On two cores, each took a core from that
 * frame. */
static void
first_frame_done (CdWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  if (self->drawn)
    return;
  self->drawn = TRUE;
  if (CD_IS_APPLICATION (app))
    cd_application_window_drawn (CD_APPLICATION (app));
  if (cd_window_get_store (self) == NULL)
    return;
  if (!self->batches_set)
    cd_batches_view_set_store (cd_window_get_batches_view (self), cd_window_get_store (self), self->settings);
  self->batches_set = TRUE;
  start_monitor (self);
}

static void
stop_waiting_for_paint (CdWindow *self)
{
  if (self->first_clock != NULL)
    g_clear_signal_handler (&self->first_paint_id, self->first_clock);
  self->first_clock = NULL;
}

static void
first_paint_cb (GdkFrameClock *clock,
                CdWindow      *self)
{
  stop_waiting_for_paint (self);
  first_frame_done (self);
}

static void
cd_window_map (GtkWidget *widget)
{
  CdWindow *self = CD_WINDOW (widget);

  GTK_WIDGET_CLASS (cd_window_parent_class)->map (widget);
  if (self->drawn || self->first_clock != NULL)
    return;
  self->first_clock = gtk_widget_get_frame_clock (widget);
  if (self->first_clock != NULL)
    self->first_paint_id = g_signal_connect (self->first_clock, "after-paint",
                                             G_CALLBACK (first_paint_cb), self);
  else
    first_frame_done (self);
}

static void
cd_window_unmap (GtkWidget *widget)
{
  /* The frame clock goes with the surface. */
  stop_waiting_for_paint (CD_WINDOW (widget));
  GTK_WIDGET_CLASS (cd_window_parent_class)->unmap (widget);
}

static void
cd_window_dispose (GObject *object)
{
  CdWindow *self = CD_WINDOW (object);

  self->disposing = TRUE;
  /* Closed before its first frame: what waited for it goes on (not the
   * token monitor: it is stopped here). */
  stop_waiting_for_paint (self);
  if (!self->drawn)
    {
      GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

      self->drawn = TRUE;
      if (CD_IS_APPLICATION (app))
        cd_application_window_drawn (CD_APPLICATION (app));
    }
  if (self->monitor != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->monitor, self);
      cd_token_monitor_stop (self->monitor);
      g_clear_object (&self->monitor);
    }
  g_cancellable_cancel (self->load_cancellable);
  g_clear_handle_id (&self->reload_id, g_source_remove);
  cd_window_actions_dispose (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), CD_TYPE_WINDOW);
  /* Went with their AdwBin. */
  self->device_view = NULL;
  self->batches_view = NULL;
  g_clear_object (&self->load_cancellable);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->startup_notices, g_ptr_array_unref);

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
  widget_class->map = cd_window_map;
  widget_class->unmap = cd_window_unmap;
  window_class->close_request = cd_window_close_request;

  g_type_ensure (CD_TYPE_STAFF_VIEW);

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
  BIND (documents_stack_page);
  BIND (devices_bin);
  BIND (documents_bin);
#undef BIND
  gtk_widget_class_bind_template_callback (widget_class, staff_activated_cb);
  cd_window_actions_class_init (widget_class);
}

static void
cd_window_init (CdWindow *self)
{
  static const GActionEntry entries[] = {
    { "open-staff", open_staff_activated, "x" },
  };

  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_object (self->view_stack, "notify::visible-child", G_CALLBACK (visible_view_cb),
                           self, G_CONNECT_SWAPPED);
  self->startup_notices = g_ptr_array_new_with_free_func ((GDestroyNotify) cd_token_notice_free);
  cd_window_actions_init (self);
  g_action_map_add_action_entries (G_ACTION_MAP (self), entries, G_N_ELEMENTS (entries), self);
}
