/* cd-preferences-window.h — the unit's details and the settings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "cd-store.h"

G_BEGIN_DECLS

#define CD_TYPE_PREFERENCES_WINDOW (cd_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (CdPreferencesWindow, cd_preferences_window, CD, PREFERENCES_WINDOW, AdwPreferencesWindow)

/* @settings may be NULL (no compiled schema): the general page is then
 * insensitive. Emits "unit-saved" after the unit's details are stored. */
CdPreferencesWindow *cd_preferences_window_new       (GtkWindow           *parent,
                                                      CdStore             *store,
                                                      GSettings           *settings);
void                 cd_preferences_window_show_unit (CdPreferencesWindow *self);

/* The date line of a document header as NĐ 30 writes it:
 * "Hải Phòng, ngày 05 tháng 01 năm 2026" (leading zero for days < 10 and
 * months 1 and 2). */
char                *cd_document_date_line           (const char          *place,
                                                      GDateTime           *date);

G_END_DECLS
