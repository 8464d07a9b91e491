/* cd-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "cd-device-view.h"
#include "cd-batches-view.h"
#include "cd-preferences-window.h"
#include "cd-window.h"
#include "cd-wizard-window.h"

struct _CdWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template widgets */
  AdwHeaderBar         *header_bar;
  AdwViewSwitcherTitle *switcher_title;
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
  CdTokenMonitor       *token_monitor;
};

G_DEFINE_FINAL_TYPE (CdWindow, cd_window, ADW_TYPE_APPLICATION_WINDOW)

static CdStore *
window_store (CdWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  return app ? cd_application_get_store (CD_APPLICATION (app)) : NULL;
}

/* The "application" property is set after constructed(): read the
 * settings when needed. */
static GSettings *
window_settings (CdWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  return app ? cd_application_get_settings (CD_APPLICATION (app)) : self->settings;
}

/* ---- Actions -------------------------------------------------------- */

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  CdWindow *self = CD_WINDOW (widget);

  gtk_stack_set_visible_child_name (self->main_stack, "register");
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
  g_signal_connect_object (prefs, "unit-saved", G_CALLBACK (cd_window_refresh), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (prefs));
}

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
  wizard = cd_wizard_window_new (GTK_WINDOW (self), store, window_settings (self),
                                 g_str_equal (action_name, "win.revocation-wizard")
                                 ? CD_WIZARD_KIND_REVOCATION : NULL,
                                 selected);
  gtk_window_present (GTK_WINDOW (wizard));
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

  g_return_if_fail (CD_IS_WINDOW (self));

  store = window_store (self);
  cd_batches_view_set_store (self->batches_view, store, window_settings (self));
  if (store != NULL && cd_store_is_empty (store))
    {
      gtk_stack_set_visible_child_name (self->main_stack, "welcome");
      return;
    }
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
                     AdwToast *toast)
{
  g_return_if_fail (CD_IS_WINDOW (self));
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
staff_activated_cb (CdStaffView *view,
                    gint64       staff_id,
                    CdWindow    *self)
{
  /* Staff details open here once the store can read a staff member. */
}

/* ---- Devices: due recoveries badge and start-up notice --------------- */

static void
show_devices_cb (AdwToast *toast,
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

static void
devices_startup_notice (CdWindow *self)
{
  guint overdue = cd_device_view_get_n_overdue (self->device_view);
  guint due = cd_device_view_get_n_due (self->device_view);
  g_autofree char *text = NULL;
  AdwToast *toast;

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
  toast = adw_toast_new (text);
  adw_toast_set_button_label (toast, _("Show"));
  adw_toast_set_timeout (toast, 0);
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (show_devices_cb), self, 0);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
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

static void
cd_window_constructed (GObject *object)
{
  CdWindow *self = CD_WINDOW (object);
  GtkApplication *app;

  G_OBJECT_CLASS (cd_window_parent_class)->constructed (object);

  app = gtk_window_get_application (GTK_WINDOW (self));
  self->settings = app ? g_object_ref (cd_application_get_settings (CD_APPLICATION (app))) : NULL;
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

  cd_window_refresh (self);
}

static void
cd_window_dispose (GObject *object)
{
  CdWindow *self = CD_WINDOW (object);

  if (self->token_monitor != NULL)
    cd_token_monitor_stop (self->token_monitor);
  gtk_widget_dispose_template (GTK_WIDGET (self), CD_TYPE_WINDOW);
  g_clear_object (&self->token_monitor);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (cd_window_parent_class)->dispose (object);
}

CdWindow *
cd_window_new (CdApplication *app)
{
  CdWindow *self = g_object_new (CD_TYPE_WINDOW, "application", app, NULL);

  /* "application" is not a construct property: it is set after
   * constructed(), so the register is handed to the views here. */
  if (window_store (self) != NULL)
    {
      g_auto(GStrv) modules = g_settings_get_strv (cd_application_get_settings (app), "pkcs11-modules");

      cd_device_view_set_store (self->device_view, window_store (self));
      devices_startup_notice (self);
      /* Plugging a token in selects its device or offers to register it. */
      self->token_monitor = cd_token_monitor_new ((const char * const *) modules);
      cd_device_view_set_token_monitor (self->device_view, self->token_monitor);
      cd_token_monitor_start (self->token_monitor);
    }
  return self;
}

static void
cd_window_class_init (CdWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = cd_window_constructed;
  object_class->dispose = cd_window_dispose;
  window_class->close_request = cd_window_close_request;

  g_type_ensure (CD_TYPE_STAFF_VIEW);
  g_type_ensure (CD_TYPE_DEVICE_VIEW);
  g_type_ensure (CD_TYPE_BATCHES_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/certdesk/CertDesk/cd-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CdWindow, header_bar);
  gtk_widget_class_bind_template_child (widget_class, CdWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, CdWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CdWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, CdWindow, empty_page);
  gtk_widget_class_bind_template_child (widget_class, CdWindow, welcome_hint);
  gtk_widget_class_bind_template_child (widget_class, CdWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, CdWindow, staff_view);
  gtk_widget_class_bind_template_child (widget_class, CdWindow, batches_view);
  gtk_widget_class_bind_template_callback (widget_class, staff_activated_cb);
  gtk_widget_class_bind_template_child (widget_class, CdWindow, devices_stack_page);
  gtk_widget_class_bind_template_child (widget_class, CdWindow, device_view);
  gtk_widget_class_bind_template_callback (widget_class, device_tasks_changed_cb);

  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.preferences", NULL, preferences_action);
  gtk_widget_class_install_action (widget_class, "win.unit-details", NULL, preferences_action);
  gtk_widget_class_install_action (widget_class, "win.about", NULL, about_action);
  gtk_widget_class_install_action (widget_class, "win.request-wizard", NULL, wizard_action);
  gtk_widget_class_install_action (widget_class, "win.revocation-wizard", NULL, wizard_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_comma, GDK_CONTROL_MASK, "win.preferences", NULL);
}

static void
cd_window_init (CdWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* the register becomes known with the application */
  g_signal_connect (self, "notify::application", G_CALLBACK (cd_window_refresh), NULL);
}
