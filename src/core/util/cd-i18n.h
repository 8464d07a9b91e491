/* cd-i18n.h — the UI language, applied before any string is translated
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* @ui_language: "vi", "en" or "system" (the ui-language GSettings key).
 * Sets the locale and gettext up so that _() answers in that language.
 * Must run before the first _(), g_option_context or widget. */
void        cd_i18n_init       (const char *ui_language);

/* The folder holding <lang>/LC_MESSAGES/certdesk.mo actually in use. */
const char *cd_i18n_localedir  (void);

G_END_DECLS
