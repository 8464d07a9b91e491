/* cd-paths.h — where CertDesk keeps its files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The default register: $XDG_DATA_HOME/certdesk/certdesk.db. */
char       *cd_paths_default_database   (void);

/* $XDG_DATA_HOME/certdesk — created with mode 0700 when missing. */
char       *cd_paths_user_data_dir      (void);

/* The folder of the clerk's own templates ($XDG_DATA_HOME/certdesk/templates). */
char       *cd_paths_user_templates_dir (void);

/* Creates @dir (and parents) if missing and makes it 0700. */
gboolean    cd_paths_ensure_private_dir (const char  *dir,
                                         GError     **error);

/* The read-only data folder (templates, holidays): $CERTDESK_DATADIR when
 * set, the installed pkgdatadir when it exists, else the source tree's
 * data/ (running from a build directory). */
const char *cd_paths_pkgdatadir         (void);

/* The prefix the running certdesk is installed in, found from the
 * binary's own location: <prefix>/<bindir>/certdesk (or
 * <prefix>/<libexecdir>/certdesk-gui) with the schema under
 * <prefix>/<datadir>/glib-2.0/schemas. NULL when it runs from a build tree.
 * This lets a tree installed with DESTDIR, moved, or inside a Flatpak find
 * its schema, templates and translations without a rebuild. */
const char *cd_paths_installed_prefix   (void);

/* @rel joined under cd_paths_installed_prefix(), or NULL when certdesk is
 * not running from an installed layout or @rel is absolute. */
char       *cd_paths_installed_path     (const char *rel);

G_END_DECLS
