/* cd-device-notice-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "cd-application.h"
#include "cd-device-notice-window.h"
#include "cd-devices-async.h"
#include "cd-handover-notice.h"
#include "cd-text.h"

struct _CdDeviceNoticeWindow
{
  AdwWindow         parent_instance;

  /* Template widgets */
  GtkEntry         *from_entry;
  GtkEntry         *to_entry;
  GtkLabel         *message_label;
  GtkWidget        *save_button;

  /* Owned */
  CdStore          *store;
  CdHandoverNotice *notice;   /* the one being saved */
  char             *saving_path;
};

G_DEFINE_FINAL_TYPE (CdDeviceNoticeWindow, cd_device_notice_window, ADW_TYPE_WINDOW)

static void
show_message (CdDeviceNoticeWindow *self,
              const char           *message,
              gboolean              is_error)
{
  gtk_label_set_text (self->message_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), message != NULL);
  if (is_error)
    gtk_widget_add_css_class (GTK_WIDGET (self->message_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->message_label), "error");
}

static void
export_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  /* Held until the file is written: the notice is its. */
  g_autoptr(CdDeviceNoticeWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_steal_pointer (&self->saving_path);
  gboolean saved = cd_handover_notice_export_finish (CD_STORE (source), result, &error);

  if (self->save_button == NULL)
    {
      g_clear_pointer (&self->notice, cd_handover_notice_free);
      return;   /* closed meanwhile */
    }
  gtk_widget_set_sensitive (self->save_button, TRUE);
  if (!saved)
    show_message (self, error->message, TRUE);
  else
    {
      g_autofree char *msg = g_strdup_printf (_("%u handovers listed in %s"),
                                              cd_handover_notice_count (self->notice), path);
      show_message (self, msg, FALSE);
    }
  g_clear_pointer (&self->notice, cd_handover_notice_free);
}

static void
chooser_response_cb (GtkNativeDialog      *chooser,
                     int                   response,
                     CdDeviceNoticeWindow *self)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_object_unref (chooser);
  if (file == NULL)
    {
      g_clear_pointer (&self->notice, cd_handover_notice_free);
      return;
    }

  gtk_widget_set_sensitive (self->save_button, FALSE);
  g_free (self->saving_path);
  self->saving_path = g_file_get_path (file);
  /* Drawn and recorded in the register on a worker. */
  cd_handover_notice_export_async (self->store, self->notice, self->saving_path, NULL,
                                   export_done_cb, g_object_ref (self));
}

static void
save_clicked_cb (CdDeviceNoticeWindow *self)
{
  g_autofree char *from = cd_text_parse_date (gtk_editable_get_text (GTK_EDITABLE (self->from_entry)));
  g_autofree char *to = cd_text_parse_date (gtk_editable_get_text (GTK_EDITABLE (self->to_entry)));
  g_autofree char *today = cd_text_today_iso ();
  g_autofree char *name = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) folder = NULL;
  GtkFileChooserNative *chooser;

  if (from == NULL || to == NULL)
    {
      show_message (self, _("Enter the first and last day of the period as dd/mm/yyyy."), TRUE);
      return;
    }
  if (self->notice != NULL)
    return;   /* one save at a time */
  /* The period's handovers: one small query, fine here. */
  self->notice = cd_handover_notice_new (self->store, from, to, today, &error);
  if (self->notice == NULL)
    {
      show_message (self, error->message, TRUE);
      return;
    }
  show_message (self, NULL, FALSE);

  chooser = gtk_file_chooser_native_new (_("Save the notice"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  folder = cd_application_documents_folder ();
  gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL);
  name = g_strdup_printf ("Thong_bao_ban_giao_%s_%s.pdf", from, to);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_signal_connect (chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
cd_device_notice_window_dispose (GObject *object)
{
  CdDeviceNoticeWindow *self = CD_DEVICE_NOTICE_WINDOW (object);

  g_clear_object (&self->store);
  G_OBJECT_CLASS (cd_device_notice_window_parent_class)->dispose (object);
}

static void
cd_device_notice_window_finalize (GObject *object)
{
  CdDeviceNoticeWindow *self = CD_DEVICE_NOTICE_WINDOW (object);

  g_clear_pointer (&self->notice, cd_handover_notice_free);
  g_free (self->saving_path);
  G_OBJECT_CLASS (cd_device_notice_window_parent_class)->finalize (object);
}

static void
cd_device_notice_window_class_init (CdDeviceNoticeWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cd_device_notice_window_dispose;
  object_class->finalize = cd_device_notice_window_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/certdesk/CertDesk/devices/cd-device-notice-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CdDeviceNoticeWindow, from_entry);
  gtk_widget_class_bind_template_child (widget_class, CdDeviceNoticeWindow, to_entry);
  gtk_widget_class_bind_template_child (widget_class, CdDeviceNoticeWindow, message_label);
  gtk_widget_class_bind_template_child (widget_class, CdDeviceNoticeWindow, save_button);
  gtk_widget_class_bind_template_callback (widget_class, save_clicked_cb);
}

static void
cd_device_notice_window_init (CdDeviceNoticeWindow *self)
{
  g_autofree char *today = cd_text_today_iso ();
  g_autofree char *first = g_strdup_printf ("%.8s01", today);
  g_autofree char *from = cd_text_date_display (first);
  g_autofree char *to = cd_text_date_display (today);

  gtk_widget_init_template (GTK_WIDGET (self));
  /* This month so far: the usual period of a notice. */
  gtk_editable_set_text (GTK_EDITABLE (self->from_entry), from);
  gtk_editable_set_text (GTK_EDITABLE (self->to_entry), to);
}

CdDeviceNoticeWindow *
cd_device_notice_window_new (GtkWindow *parent,
                             CdStore   *store)
{
  CdDeviceNoticeWindow *self = g_object_new (CD_TYPE_DEVICE_NOTICE_WINDOW,
                                             "transient-for", parent, NULL);

  self->store = g_object_ref (store);
  return self;
}
