/* cd-gui-util.c — toasts and error dialogs, the same everywhere
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "cd-gui-util.h"
#include "cd-text.h"

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

static gboolean
close_later_cb (gpointer data)
{
  gtk_window_close (GTK_WINDOW (data));
  return G_SOURCE_REMOVE;
}

void
cd_gui_close_later (GtkWindow *window)
{
  g_return_if_fail (GTK_IS_WINDOW (window));
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, close_later_cb, g_object_ref (window), g_object_unref);
}

void
cd_gui_ask_save_changes (GtkWindow  *window,
                         const char *body,
                         GCallback   response_cb)
{
  AdwMessageDialog *dialog;

  g_return_if_fail (GTK_IS_WINDOW (window));
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (window, _("Save Changes?"), body));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "discard", _("_Discard Changes"),
                                    "save", _("_Save"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (dialog, "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "save");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", response_cb, window, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

AdwToast *
cd_gui_saved_toast (const char *path,
                    guint       n_people,
                    const char *open_action,
                    const char *folder_action,
                    guint       timeout)
{
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *count = cd_text_count (n_people);
  g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Saved %s (%s person)",
                                                        "Saved %s (%s people)", n_people),
                                           base, count);
  AdwToast *toast = adw_toast_new (text);
  GtkWidget *title = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new (text);
  GtkWidget *folder = gtk_button_new_with_label (_("Open Folder"));

  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_MIDDLE);
  gtk_widget_add_css_class (folder, "flat");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (folder), folder_action);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (folder), "s", path);
  gtk_box_append (GTK_BOX (title), label);
  gtk_box_append (GTK_BOX (title), folder);
  adw_toast_set_custom_title (toast, title);
  adw_toast_set_button_label (toast, _("Open"));
  adw_toast_set_action_name (toast, open_action);
  adw_toast_set_action_target (toast, "s", path);
  adw_toast_set_timeout (toast, timeout);
  return toast;
}
