/* cd-i18n.h — the UI language, applied before any string is translated
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The part of cd_i18n_init() that changes the process's locale and
 * environment: the locale from the session (C.UTF-8 for a bare "C"), and
 * $LC_ALL and $LANGUAGE put in the environment. Call it first in main(),
 * before anything starts a thread — a GSettings object does (dconf's
 * worker looks up the session bus with getenv()): adding a variable
 * reallocates the environment array under such a getenv(), a segfault
 * once in a hundred starts (issue 15). Runs once; cd_i18n_init() calls
 * it if main() did not. */
void        cd_i18n_prepare    (void);

/* @ui_language: "vi", "en" or "system" (the ui-language GSettings key).
 * Sets the locale and gettext up so that _() answers in that language.
 * Must run before the first _(), g_option_context or widget. After
 * cd_i18n_prepare() it only replaces $LANGUAGE's value, which is safe
 * with other threads running (nothing is freed under their getenv()). */
void        cd_i18n_init       (const char *ui_language);

/* The UI language to pass to cd_i18n_init(): $CERTDESK_UI_LANGUAGE (vi,
 * en, system) for one run — handy for support and the tests —, else the
 * ui-language setting, else "vi". Reading the setting starts dconf's
 * worker thread: call cd_i18n_prepare() first. */
char       *cd_i18n_ui_language (void);

/* The folder holding <lang>/LC_MESSAGES/certdesk.mo actually in use. */
const char *cd_i18n_localedir  (void);

/* Binds the toolkit's "libadwaita" and "gtk40" domains to CertDesk's own
 * Vietnamese catalogues (po/toolkit/) when the window speaks Vietnamese:
 * Debian 12's cover a fifth of libadwaita's strings and lack GTK 4.8's
 * newer ones. Must run after gtk_init() and adw_init(), which bind the
 * domains to the system's catalogues themselves.
 * Returns the folder bound, or NULL when the system's is kept. */
const char *cd_i18n_bind_toolkit (void);

G_END_DECLS
