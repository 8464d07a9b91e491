/* cd-device-link-dialog.c
 *
 * A question, not a window: one drop-down in an AdwMessageDialog. The
 * rule (only the holder's certificates) is the core's; the list offered
 * is the core's candidates, so the clerk cannot pick someone else's.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "cd-device-link.h"
#include "cd-device-link-dialog.h"
#include "cd-gui-util.h"
#include "cd-text.h"

typedef struct {
  CdStore     *store;
  gint64       device_id;
  GArray      *cert_ids;   /* gint64, position i+1 of the drop-down */
  GtkDropDown *drop;
} LinkData;

static void
link_data_free (LinkData *d)
{
  g_clear_object (&d->store);
  g_clear_pointer (&d->cert_ids, g_array_unref);
  g_free (d);
}

static void
response_cb (AdwMessageDialog *dialog,
             const char       *response,
             LinkData         *d)
{
  g_autoptr(GError) error = NULL;
  guint pos;
  gint64 cert_id = 0;

  if (!g_str_equal (response, "link"))
    return;
  pos = gtk_drop_down_get_selected (d->drop);
  if (pos != GTK_INVALID_LIST_POSITION && pos > 0 && pos <= d->cert_ids->len)
    cert_id = g_array_index (d->cert_ids, gint64, pos - 1);
  /* The view reloads on the store's changed::device. */
  if (!cd_devices_link_certificate (d->store, d->device_id, cert_id, &error))
    cd_gui_show_error (GTK_WIDGET (gtk_window_get_transient_for (GTK_WINDOW (dialog))),
                       _("The certificate could not be recorded"), error);
}

void
cd_device_link_dialog_present (GtkWindow      *parent,
                               CdStore        *store,
                               const CdDevice *device)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) certs = NULL;
  g_autoptr(CdCertificate) current = NULL;
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  g_autofree char *body = NULL;
  LinkData *d;
  GtkWidget *dialog, *drop;
  guint selected = 0;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  g_return_if_fail (CD_IS_STORE (store));
  g_return_if_fail (device != NULL);

  certs = cd_devices_link_candidates (store, device->id, &error);
  if (certs == NULL)
    {
      cd_gui_show_error (GTK_WIDGET (parent), _("The certificate could not be recorded"), error);
      return;
    }
  current = cd_devices_device_certificate (store, device->id);

  d = g_new0 (LinkData, 1);
  d->store = g_object_ref (store);
  d->device_id = device->id;
  d->cert_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gtk_string_list_append (labels, _("None (a blank device)"));
  for (guint i = 0; i < certs->len; i++)
    {
      const CdCertificate *c = g_ptr_array_index (certs, i);
      g_autoptr(GDateTime) end = g_date_time_new_from_unix_local (c->not_after);
      g_autofree char *until = end != NULL ? g_date_time_format (end, "%d/%m/%Y") : g_strdup ("?");
      g_autofree char *label = NULL;

      if (c->revoked)
        /* Translators: a certificate's serial */
        label = g_strdup_printf (_("%s · revoked"), c->serial);
      else if (c->not_after > 0 && c->not_after <= now)
        /* Translators: a certificate's serial, then the day it ended */
        label = g_strdup_printf (_("%s · expired %s"), c->serial, until);
      else
        /* Translators: a certificate's serial, then the day it ends */
        label = g_strdup_printf (_("%s · valid to %s"), c->serial, until);

      gtk_string_list_append (labels, label);
      g_array_append_val (d->cert_ids, c->id);
      if (current != NULL && current->id == c->id)
        selected = i + 1;
    }

  /* Translators: the device's serial */
  body = g_strdup_printf (_("Which certificate is on device %s? Choose it when its token cannot be read; "
                            "a new device carries none until its certificate is written to it."),
                          device->token_serial);
  dialog = adw_message_dialog_new (parent, _("Certificate on the Device"), body);
  drop = gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&labels)), NULL);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (drop), selected);
  gtk_accessible_update_property (GTK_ACCESSIBLE (drop), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Certificate on the device"), -1);
  d->drop = GTK_DROP_DOWN (drop);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), drop);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "link", _("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "link", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "link");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_data (dialog, "response", G_CALLBACK (response_cb), d,
                         (GClosureNotify) (void (*) (void)) link_data_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}
