/* cd-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "cd-application.h"
#include "cd-staff-view.h"

G_BEGIN_DECLS

#define CD_TYPE_WINDOW (cd_window_get_type ())
G_DECLARE_FINAL_TYPE (CdWindow, cd_window, CD, WINDOW, AdwApplicationWindow)

CdWindow    *cd_window_new            (CdApplication *app);
CdStaffView *cd_window_get_staff_view (CdWindow      *self);
void         cd_window_add_toast      (CdWindow      *self,
                                       AdwToast      *toast);
/* Shows the register or, when the unit's details are missing, the
 * first-run page; reloads the staff list. */
void         cd_window_refresh        (CdWindow      *self);
/* Reads the staff list again on a worker thread. */
void         cd_window_reload         (CdWindow      *self);
/* Shows staff rows read on a worker, or the reason (@rows NULL). */
void         cd_window_show_staff_rows (CdWindow     *self,
                                        GPtrArray    *rows,
                                        const GError *error);
/* The staff list comes in pages (cd_store_load_staff_pages_async), each
 * given to cd_window_add_staff_page() as read. */
void         cd_window_begin_staff_pages (CdWindow   *self);
void         cd_window_add_staff_page  (CdWindow     *self,
                                        GPtrArray    *rows);
/* Every page was given, or reading stopped with @error. */
void         cd_window_end_staff_pages (CdWindow     *self,
                                        const GError *error);

G_END_DECLS
