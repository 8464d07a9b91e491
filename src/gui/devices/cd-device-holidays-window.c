/* cd-device-holidays-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "cd-device-holidays-window.h"
#include "cd-device-register.h"
#include "cd-text.h"

struct _CdDeviceHolidaysWindow
{
  AdwWindow   parent_instance;

  /* Template widgets */
  GtkEntry   *date_entry;
  GtkEntry   *name_entry;
  GtkLabel   *error_label;
  GtkListBox *list;

  /* Owned */
  CdStore    *store;
};

G_DEFINE_FINAL_TYPE (CdDeviceHolidaysWindow, cd_device_holidays_window, ADW_TYPE_WINDOW)

static void fill (CdDeviceHolidaysWindow *self);

static void
show_error (CdDeviceHolidaysWindow *self,
            const char             *message)
{
  gtk_label_set_text (self->error_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static void
remove_clicked_cb (GtkButton              *button,
                   CdDeviceHolidaysWindow *self)
{
  const char *date = g_object_get_data (G_OBJECT (button), "date");
  g_autoptr(GError) error = NULL;

  if (!cd_devices_set_holiday (self->store, date, NULL, &error))
    {
      show_error (self, error->message);
      return;
    }
  show_error (self, NULL);
  fill (self);
}

static void
fill (CdDeviceHolidaysWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdHolidays) holidays = cd_devices_load_holidays (self->store, &error);
  g_auto(GStrv) dates = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
  if (holidays == NULL)
    {
      show_error (self, error->message);
      return;
    }
  dates = cd_holidays_list (holidays);
  for (guint i = 0; dates[i] != NULL; i++)
    {
      g_autofree char *shown = cd_text_date_display (dates[i]);
      g_autofree char *title = g_strdup_printf ("%s — %s", shown, cd_holidays_lookup (holidays, dates[i]));
      /* Translators: accessible name of the remove button of a holiday */
      g_autofree char *remove = g_strdup_printf (_("Remove the holiday of %s"), shown);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *button = gtk_button_new_from_icon_name ("user-trash-symbolic");

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_set_tooltip_text (button, remove);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, remove, -1);
      g_object_set_data_full (G_OBJECT (button), "date", g_strdup (dates[i]), g_free);
      g_signal_connect (button, "clicked", G_CALLBACK (remove_clicked_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      gtk_list_box_append (self->list, row);
    }
}

static void
add_clicked_cb (GtkWidget              *widget,
                CdDeviceHolidaysWindow *self)
{
  g_autofree char *date = cd_text_parse_date (gtk_editable_get_text (GTK_EDITABLE (self->date_entry)));
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_entry))));
  g_autoptr(GError) error = NULL;

  if (date == NULL)
    {
      show_error (self, _("The holiday date is missing or not a real date. Enter it as dd/mm/yyyy."));
      gtk_widget_grab_focus (GTK_WIDGET (self->date_entry));
      return;
    }
  if (*name == '\0')
    {
      show_error (self, _("Enter the name of the holiday (for example “Lunar New Year”)."));
      gtk_widget_grab_focus (GTK_WIDGET (self->name_entry));
      return;
    }
  if (!cd_devices_set_holiday (self->store, date, name, &error))
    {
      show_error (self, error->message);
      return;
    }
  show_error (self, NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->date_entry), "");
  gtk_editable_set_text (GTK_EDITABLE (self->name_entry), "");
  fill (self);
}

CdDeviceHolidaysWindow *
cd_device_holidays_window_new (GtkWindow *parent,
                               CdStore   *store)
{
  CdDeviceHolidaysWindow *self = g_object_new (CD_TYPE_DEVICE_HOLIDAYS_WINDOW,
                                               "transient-for", parent, NULL);

  self->store = g_object_ref (store);
  fill (self);
  return self;
}

static void
cd_device_holidays_window_dispose (GObject *object)
{
  CdDeviceHolidaysWindow *self = CD_DEVICE_HOLIDAYS_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CD_TYPE_DEVICE_HOLIDAYS_WINDOW);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (cd_device_holidays_window_parent_class)->dispose (object);
}

static void
cd_device_holidays_window_class_init (CdDeviceHolidaysWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = cd_device_holidays_window_dispose;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/certdesk/CertDesk/devices/cd-device-holidays-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CdDeviceHolidaysWindow, date_entry);
  gtk_widget_class_bind_template_child (widget_class, CdDeviceHolidaysWindow, name_entry);
  gtk_widget_class_bind_template_child (widget_class, CdDeviceHolidaysWindow, error_label);
  gtk_widget_class_bind_template_child (widget_class, CdDeviceHolidaysWindow, list);
  gtk_widget_class_bind_template_callback (widget_class, add_clicked_cb);
}

static void
cd_device_holidays_window_init (CdDeviceHolidaysWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
