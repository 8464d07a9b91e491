/* cd-gui-util.c — toasts and error dialogs, the same everywhere
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "cd-gui-util.h"

AdwToast *
cd_gui_toast (GtkWidget  *where,
              const char *text)
{
  AdwToast *t;
  GtkWidget *overlay;

  g_return_val_if_fail (GTK_IS_WIDGET (where), NULL);
  g_return_val_if_fail (text != NULL, NULL);

  t = adw_toast_new (text);
  /* Long messages (errors, advice) stay until dismissed: the clerk reads
   * them at her pace. */
  if (g_utf8_strlen (text, -1) > 80)
    adw_toast_set_timeout (t, 0);
  if (ADW_IS_PREFERENCES_WINDOW (where))
    {
      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (where), t);
      return t;
    }
  overlay = ADW_IS_TOAST_OVERLAY (where) ? where : gtk_widget_get_ancestor (where, ADW_TYPE_TOAST_OVERLAY);
  if (overlay == NULL)
    {
      /* A programming error, but the message still reaches a log. */
      g_warning ("no toast overlay for: %s", text);
      g_object_unref (t);
      return NULL;
    }
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), t);
  return t;
}

void
cd_gui_show_error (GtkWidget    *parent,
                   const char   *heading,
                   const GError *error)
{
  GtkRoot *root = parent != NULL ? gtk_widget_get_root (parent) : NULL;
  GtkWidget *dialog;

  g_return_if_fail (error != NULL);

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading, error->message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}
