/* cd-staff-view.h — the staff register: search, chips, column view, summary
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "cd-staff-list-model.h"

G_BEGIN_DECLS

#define CD_TYPE_STAFF_VIEW (cd_staff_view_get_type ())
G_DECLARE_FINAL_TYPE (CdStaffView, cd_staff_view, CD, STAFF_VIEW, GtkWidget)

CdStaffView      *cd_staff_view_new            (void);
CdStaffListModel *cd_staff_view_get_model      (CdStaffView *self);
/* Replaces the rows (element type CdStaffRow) and refreshes the summary. */
void              cd_staff_view_set_rows       (CdStaffView *self,
                                                GPtrArray   *rows);
/* Adds a page of rows read while the window is shown (see
 * cd_store_load_staff_pages_async); the summary says the list is still
 * loading until cd_staff_view_set_loading (FALSE) or set_rows. */
void              cd_staff_view_add_rows       (CdStaffView *self,
                                                GPtrArray   *rows);
void              cd_staff_view_set_loading    (CdStaffView *self,
                                                gboolean     loading);
gboolean          cd_staff_view_get_loading    (CdStaffView *self);
void              cd_staff_view_focus_search   (CdStaffView *self);
/* Sets the search text at once (no typing delay); for Ctrl+F and the
 * benchmark. */
void              cd_staff_view_set_search     (CdStaffView *self,
                                                const char  *text);
guint             cd_staff_view_get_n_shown    (CdStaffView *self);
/* Ids of the selected staff members, in the order shown. */
GArray           *cd_staff_view_get_selected   (CdStaffView *self);
/* The list's selection, for whoever follows "selection-changed" (the
 * window's actions). */
GtkSelectionModel *cd_staff_view_get_selection (CdStaffView *self);

G_END_DECLS
