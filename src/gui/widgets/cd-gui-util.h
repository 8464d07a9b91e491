/* cd-gui-util.h — how the GUI tells the clerk something: a toast, or a
 * dialog for an error that needs an answer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* Shows @text as a toast in @where: an AdwToastOverlay, an
 * AdwPreferencesWindow, or a widget inside an overlay. Long text (errors,
 * advice: over 80 characters) stays until dismissed. Returns the toast
 * (owned by the overlay) so a caller may add a button. */
AdwToast *cd_gui_toast      (GtkWidget    *where,
                             const char   *text);

/* A dialog transient for @parent's window with @heading and @error's
 * message (which says what to do), and one Close button. */
void      cd_gui_show_error (GtkWidget    *parent,
                             const char   *heading,
                             const GError *error);

/* Closes @window when the main loop is idle. For a window closed from a
 * question's "response" handler: closed there, it would be finalized
 * while the question still names it as its parent, and GTK then
 * disconnects from a freed object (four GLib CRITICALs). */
void      cd_gui_close_later (GtkWindow   *window);

/* Asks "Save Changes?" over @window, saying @body, with the responses
 * "cancel", "discard" and "save" (the default); @response_cb is
 * connected to "response" with @window as its data, for as long as the
 * window lives. */
void      cd_gui_ask_save_changes (GtkWindow   *window,
                                   const char  *body,
                                   GCallback    response_cb);

/* The toast after a file was saved: "Đã lưu NAME (N người)", with "Open"
 * as its button (@open_action, target the path) and "Open Folder" beside
 * the title (@folder_action): AdwToast 1.2 has room for one button only.
 * @timeout in seconds, 0 to stay until dismissed. Returns the toast, not
 * yet shown. */
AdwToast *cd_gui_saved_toast (const char  *path,
                              guint        n_people,
                              const char  *open_action,
                              const char  *folder_action,
                              guint        timeout);

G_END_DECLS
