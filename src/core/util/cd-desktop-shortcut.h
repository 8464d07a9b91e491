/* cd-desktop-shortcut.h — a CertDesk launcher on the user's desktop
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Puts io.github.certdesk.CertDesk.desktop into the user's desktop folder
 * (XDG_DESKTOP_DIR of ~/.config/user-dirs.dirs, else ~/Desktop), created
 * if missing. The launcher runs the binary that is running now (its real
 * path; `flatpak run` inside a Flatpak), is executable, and is marked
 * trusted (GNOME's metadata::trusted, Xfce's checksum) where the desktop
 * keeps such marks — best effort, never an error.
 *
 * One call for the Preferences button "Tạo biểu tượng trên màn hình" and
 * `certdesk --create-desktop-shortcut`. Quick local file I/O: fine on the
 * main loop. An existing launcher of ours is replaced.
 *
 * @marked_trusted: (out) (optional): whether the trusted mark was stored;
 * when FALSE, the clerk may have to pick "Allow Launching" once.
 * Returns: (transfer full): the launcher's path, or NULL with @error. */
char     *cd_desktop_shortcut_create     (gboolean    *marked_trusted,
                                          GError     **error);

/* The same into @desktop_dir for @exec_path (absolute). For tests and for
 * callers that know better. */
char     *cd_desktop_shortcut_create_in  (const char  *desktop_dir,
                                          const char  *exec_path,
                                          gboolean    *marked_trusted,
                                          GError     **error);

/* The Exec= value that runs @exec_path: quoted per the Desktop Entry
 * specification when it holds spaces or reserved characters. */
char     *cd_desktop_shortcut_exec_value (const char  *exec_path);

G_END_DECLS
