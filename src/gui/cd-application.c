/* cd-application.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "certdesk-resources.h"
#include "cd-application.h"
#include "cd-i18n.h"
#include "cd-cli.h"
#include "cd-reminders.h"
#include "cd-settings.h"
#include "cd-staff-list-model.h"
#include "cd-store-staff-load.h"
#include "cd-window.h"

struct _CdApplication
{
  AdwApplication  parent_instance;

  /* Owned */
  GSettings      *settings;
  CdCliEnv        env;

  /* The staff list read at start-up in pages, kept until a window claims
   * them, then given to it as they come. */
  enum { PRELOAD_NONE, PRELOAD_RUNNING, PRELOAD_DONE, PRELOAD_CLAIMED } preload;
  GPtrArray      *preload_pages;    /* GPtrArray of CdStaffRow, not claimed yet */
  GError         *preload_error;
  CdWindow       *preload_window;   /* weak: claimed while still reading */
  gboolean        preload_shown;    /* that window got its first page */
  guint           present_id;       /* shows that window if reading is slow */
  CdGate         *preload_gate;     /* opened by the first window's first frame */

  /* The daily reminder (a GNotification that replaces itself). */
  guint           reminders_id;
  GCancellable   *reminders_cancellable;
};

#define REMINDERS_NOTIFICATION_ID "reminders"
#define REMINDERS_INTERVAL_SECONDS (24 * 3600)

G_DEFINE_FINAL_TYPE (CdApplication, cd_application, ADW_TYPE_APPLICATION)

void
cd_application_choose_renderer (void)
{
  const char *renderer = g_getenv ("GSK_RENDERER");
  const char *debug = g_getenv ("GDK_DEBUG");

  if (renderer != NULL && *renderer != '\0' && g_strcmp0 (renderer, "cairo") != 0)
    return;
  g_setenv ("GSK_RENDERER", "cairo", TRUE);
  if (debug == NULL || *debug == '\0')
    g_setenv ("GDK_DEBUG", "gl-disable", TRUE);
  else if (strstr (debug, "gl-disable") == NULL)
    {
      g_autofree char *both = g_strconcat (debug, ",gl-disable", NULL);
      g_setenv ("GDK_DEBUG", both, TRUE);
    }
}

GFile *
cd_application_documents_folder (void)
{
  const char *dir = g_getenv ("CERTDESK_OUTPUT_DIR");

  if (dir == NULL || *dir == '\0')
    dir = g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS);
  if (dir == NULL)
    dir = g_get_home_dir ();
  return g_file_new_for_path (dir);
}

CdApplication *
cd_application_new (void)
{
  return g_object_new (CD_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", "/io/github/certdesk/CertDesk",
                       NULL);
}

CdStore *
cd_application_get_store (CdApplication *self)
{
  g_return_val_if_fail (CD_IS_APPLICATION (self), NULL);
  return self->env.store;
}

GSettings *
cd_application_get_settings (CdApplication *self)
{
  g_return_val_if_fail (CD_IS_APPLICATION (self), NULL);
  return self->settings;
}

int
cd_application_get_expiry_threshold_days (CdApplication *self)
{
  return cd_settings_expiry_threshold_days (self != NULL ? self->settings : NULL);
}

gboolean
cd_application_is_demo (CdApplication *self)
{
  g_return_val_if_fail (CD_IS_APPLICATION (self), FALSE);
  return self->env.demo;
}

/* The window is shown with its first screenful, not empty then filled a
 * frame later. */
static void
present_preload_window (CdApplication *self)
{
  if (self->present_id != 0 && self->preload_window != NULL)
    {
      g_clear_handle_id (&self->present_id, g_source_remove);
      gtk_window_present (GTK_WINDOW (self->preload_window));
    }
}

static void
preload_page_cb (GPtrArray *rows,
                 gpointer   user_data)
{
  CdApplication *self = user_data;

  if (self->preload == PRELOAD_CLAIMED)
    {
      if (self->preload_window != NULL)
        {
          cd_window_add_staff_page (self->preload_window, rows);
          self->preload_shown = TRUE;
          present_preload_window (self);
        }
      return;
    }
  g_ptr_array_add (self->preload_pages, g_ptr_array_ref (rows));
}

static void
preload_done (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(CdApplication) self = user_data;
  g_autoptr(GError) error = NULL;

  cd_store_load_staff_pages_finish (CD_STORE (source), result, &error);
  if (self->preload == PRELOAD_CLAIMED)
    {
      if (self->preload_window != NULL)
        {
          CdWindow *window = self->preload_window;

          cd_window_end_staff_pages (window, error);
          cd_application_staff_loaded (self);
          present_preload_window (self);
          g_object_remove_weak_pointer (G_OBJECT (window), (gpointer *) &self->preload_window);
          self->preload_window = NULL;
        }
      return;
    }
  self->preload = PRELOAD_DONE;
  self->preload_error = g_steal_pointer (&error);
}

gboolean
cd_application_claim_preload (CdApplication *self,
                              CdWindow      *window)
{
  g_autoptr(GPtrArray) pages = NULL;

  g_return_val_if_fail (CD_IS_APPLICATION (self), FALSE);

  if (self->preload != PRELOAD_RUNNING && self->preload != PRELOAD_DONE)
    return FALSE;

  /* The pages read so far, then the others as they come. */
  pages = g_steal_pointer (&self->preload_pages);
  self->preload_pages = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  cd_window_begin_staff_pages (window);
  for (guint i = 0; i < pages->len; i++)
    cd_window_add_staff_page (window, g_ptr_array_index (pages, i));
  self->preload_shown = pages->len > 0;
  g_clear_pointer (&pages, g_ptr_array_unref);

  if (self->preload == PRELOAD_RUNNING)
    {
      self->preload = PRELOAD_CLAIMED;
      self->preload_window = window;
      g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &self->preload_window);
      return TRUE;
    }
  {
    g_autoptr(GError) error = g_steal_pointer (&self->preload_error);

    self->preload = PRELOAD_CLAIMED;
    cd_window_end_staff_pages (window, error);
    /* The window is still being built: it has no application yet. */
    cd_application_staff_loaded (self);
    return TRUE;
  }
}

void
cd_application_window_drawn (CdApplication *self)
{
  g_return_if_fail (CD_IS_APPLICATION (self));
  if (self->preload_gate != NULL)
    cd_gate_open (self->preload_gate);
}

gboolean
cd_application_get_waiting_for_frame (CdApplication *self)
{
  g_return_val_if_fail (CD_IS_APPLICATION (self), FALSE);
  return self->preload_gate != NULL && !cd_gate_is_open (self->preload_gate);
}

static gboolean
present_timeout_cb (gpointer data)
{
  CdApplication *self = data;

  self->present_id = 0;
  if (self->preload_window != NULL)
    gtk_window_present (GTK_WINDOW (self->preload_window));
  return G_SOURCE_REMOVE;
}

static int
cd_application_handle_local_options (GApplication *app,
                                     GVariantDict *options)
{
  CdApplication *self = CD_APPLICATION (app);

  int status = cd_cli_handle (options, &self->env);

  /* A headless action is over: close the register (and remove a --demo
   * one) now, whoever still holds the application. */
  if (status >= 0)
    cd_cli_env_clear (&self->env);

  /* The window will show the staff list first: read it while GTK starts
   * and the window is built (a large register takes a few hundred ms). */
  if (status < 0 && self->env.store != NULL)
    {
      self->preload = PRELOAD_RUNNING;
      self->preload_pages = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
      /* Only the first page before the window's first frame: the others
       * and the register's check after it (cd_application_window_drawn). */
      self->preload_gate = cd_gate_new ();
      cd_store_load_staff_pages_async (self->env.store,
                                       cd_application_get_expiry_threshold_days (self),
                                       preload_page_cb, g_object_ref (self), g_object_unref,
                                       self->preload_gate, NULL, preload_done, g_object_ref (self));
    }
  return status;
}

static void
cd_application_activate (GApplication *app)
{
  CdApplication *self = CD_APPLICATION (app);
  GtkWindow *window;

  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  if (window == NULL)
    {
      window = GTK_WINDOW (cd_window_new (self));
      /* The staff list is still being read: show the window with its
       * first page, or after a quarter of a second, whichever comes
       * first. */
      if (self->preload_window == CD_WINDOW (window) && !self->preload_shown)
        {
          self->present_id = g_timeout_add (250, present_timeout_cb, self);
          return;
        }
    }
  gtk_window_present (window);
}

/* ---- Reminders outside the window ----------------------------------- */

/* Whether the desktop can show a notification at all. Without a server
 * (a bare X session, the test sessions) GLib's fallback logs a warning
 * each time instead: ask the bus daemon first — the same short call
 * GLib itself makes to pick its backend, once a day. In a sandbox the
 * portal always answers. */
static gboolean
notifications_available (CdApplication *self)
{
  static const char *const names[] = { "org.gtk.Notifications", "org.freedesktop.Notifications" };
  GDBusConnection *bus = g_application_get_dbus_connection (G_APPLICATION (self));
  g_autoptr(GVariant) activatable = NULL;
  g_autofree const char **list = NULL;

  if (g_file_test ("/.flatpak-info", G_FILE_TEST_EXISTS))
    return TRUE;
  if (bus == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(GVariant) owned = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                                               "org.freedesktop.DBus", "NameHasOwner",
                                                               g_variant_new ("(s)", names[i]), G_VARIANT_TYPE ("(b)"),
                                                               G_DBUS_CALL_FLAGS_NONE, 1000, NULL, NULL);
      gboolean has = FALSE;

      if (owned != NULL)
        g_variant_get (owned, "(b)", &has);
      if (has)
        return TRUE;
    }
  activatable = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                             "org.freedesktop.DBus", "ListActivatableNames", NULL,
                                             G_VARIANT_TYPE ("(as)"), G_DBUS_CALL_FLAGS_NONE, 1000, NULL, NULL);
  if (activatable == NULL)
    return FALSE;
  g_variant_get (activatable, "(^a&s)", &list);
  return list != NULL && g_strv_contains (list, "org.freedesktop.Notifications");
}

static void
reminders_done_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(CdApplication) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CdReminders) r = cd_reminders_compute_finish (CD_STORE (source), result, &error);
  g_autoptr(GNotification) notification = NULL;
  g_autofree char *title = NULL;
  g_autofree char *body = NULL;

  if (r == NULL)
    {
      /* The window shows the same register: nothing to say twice. */
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("reminders: %s", error->message);
      return;
    }
  if (!notifications_available (self))
    return;
  if (cd_reminders_is_empty (r))
    {
      g_application_withdraw_notification (G_APPLICATION (self), REMINDERS_NOTIFICATION_ID);
      return;
    }
  title = cd_reminders_title (r);
  body = cd_reminders_body (r);
  notification = g_notification_new (title);
  g_notification_set_body (notification, body);
  g_notification_set_default_action (notification, "app.activate");
  g_application_send_notification (G_APPLICATION (self), REMINDERS_NOTIFICATION_ID, notification);
}

static void
reminders_check (CdApplication *self)
{
  CdStore *store = self->env.store;

  if (store == NULL)
    return;
  g_cancellable_cancel (self->reminders_cancellable);
  g_clear_object (&self->reminders_cancellable);
  self->reminders_cancellable = g_cancellable_new ();
  cd_reminders_compute_async (store, g_get_real_time () / G_USEC_PER_SEC,
                              cd_application_get_expiry_threshold_days (self),
                              self->reminders_cancellable, reminders_done_cb, g_object_ref (self));
}

static gboolean
reminders_due_cb (gpointer user_data)
{
  reminders_check (CD_APPLICATION (user_data));
  return G_SOURCE_CONTINUE;
}

void
cd_application_staff_loaded (CdApplication *self)
{
  g_return_if_fail (CD_IS_APPLICATION (self));

  /* Once at start, then once a day while the app runs. */
  if (self->reminders_id != 0)
    return;
  reminders_check (self);
  self->reminders_id = g_timeout_add_seconds (REMINDERS_INTERVAL_SECONDS, reminders_due_cb, self);
}

static void
activate_action (GSimpleAction *action,
                 GVariant      *param,
                 gpointer       user_data)
{
  /* The notification's default action: bring the window up. */
  g_application_activate (G_APPLICATION (user_data));
}

static void
quit_action (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

static void
cd_application_startup (GApplication *app)
{
  static const GActionEntry app_actions[] = {
    { "quit", quit_action },
    { "activate", activate_action },
  };
  static const char *quit_accels[] = { "<Control>q", NULL };

  G_APPLICATION_CLASS (cd_application_parent_class)->startup (app);
  /* adw_init(), just run by the chain-up, bound the toolkit's strings to
   * the system's catalogue; ours is the complete one. */
  cd_i18n_bind_toolkit ();

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions,
                                   G_N_ELEMENTS (app_actions), app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
}

static void
cd_application_shutdown (GApplication *app)
{
  CdApplication *self = CD_APPLICATION (app);

  /* GTK's shutdown may still run the main loop (to hand the clipboard
   * over), and the windows ask for the register until then. */
  G_APPLICATION_CLASS (cd_application_parent_class)->shutdown (app);

  /* No window drew a frame (closed first): the check still runs; the
   * register waits for its answer. */
  cd_application_window_drawn (self);
  /* The windows keep the application alive past g_application_run() and
   * main() leaves with _exit(), so dispose never comes: let go of the
   * register here, which removes a --demo one. */
  cd_cli_env_clear (&self->env);
}

static void
cd_application_dispose (GObject *object)
{
  CdApplication *self = CD_APPLICATION (object);

  g_clear_object (&self->settings);
  g_clear_handle_id (&self->present_id, g_source_remove);
  g_clear_handle_id (&self->reminders_id, g_source_remove);
  g_cancellable_cancel (self->reminders_cancellable);
  g_clear_object (&self->reminders_cancellable);
  g_clear_pointer (&self->preload_pages, g_ptr_array_unref);
  g_clear_error (&self->preload_error);
  if (self->preload_window != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->preload_window), (gpointer *) &self->preload_window);
  self->preload_window = NULL;
  if (self->preload_gate != NULL)
    cd_gate_open (self->preload_gate);
  g_clear_pointer (&self->preload_gate, cd_gate_unref);
  cd_cli_env_clear (&self->env);

  G_OBJECT_CLASS (cd_application_parent_class)->dispose (object);
}

static void
cd_application_class_init (CdApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = cd_application_dispose;
  app_class->handle_local_options = cd_application_handle_local_options;
  app_class->startup = cd_application_startup;
  app_class->shutdown = cd_application_shutdown;
  app_class->activate = cd_application_activate;
}

static void
cd_application_init (CdApplication *self)
{
  static gsize resources_registered;

  if (g_once_init_enter (&resources_registered))
    {
      cd_register_resource ();
      g_once_init_leave (&resources_registered, 1);
    }

  self->settings = cd_settings_new ();

  cd_cli_add_options (G_APPLICATION (self));
}
