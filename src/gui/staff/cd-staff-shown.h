/* cd-staff-shown.h — the staff list as shown: sorted, filtered, in places
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "cd-staff-filter.h"
#include "cd-staff-list-model.h"

G_BEGIN_DECLS

#define CD_TYPE_STAFF_SHOWN (cd_staff_shown_get_type ())
G_DECLARE_FINAL_TYPE (CdStaffShown, cd_staff_shown, CD, STAFF_SHOWN, GObject)

/* The items of @all sorted by @sorter (may be NULL) and kept by
 * @criteria (owned by the caller, must outlive the model). Its items are
 * places, not people: item N stays the same object while the person shown
 * there changes, so a list view keeps its row widgets when a search
 * changes the list (GTK 4.8 would rebuild ~200 rows otherwise). Changes
 * of the people shown in existing places are announced by "rows-changed";
 * only the places added or removed at the end go through items-changed. */
CdStaffShown     *cd_staff_shown_new      (CdStaffListModel    *all,
                                           GtkSorter           *sorter,
                                           CdStaffFilter       *criteria);
/* Sorts again after the caller's @sorter changed (the caller keeps the
 * selection: places keep their positions, people move). */
void              cd_staff_shown_sort     (CdStaffShown        *self);
/* Applies @criteria again after the caller changed it. */
void              cd_staff_shown_refilter (CdStaffShown        *self,
                                           CdStaffFilterChange  change);
/* Offers the view at most @max_places places (G_MAXUINT: all, the
 * default). GTK 4.8's list view builds ~200 rows of widgets for the first
 * items it is given, and the first frame of a window waits for them: a
 * screenful first, the rest once it is drawn. */
void              cd_staff_shown_set_max_places (CdStaffShown *self,
                                                 guint         max_places);
/* How many people are kept by the filter, whatever is offered. */
guint             cd_staff_shown_get_n_people   (CdStaffShown *self);
/* Never offer fewer than @min_places places once that many were
 * offered: the places past the people shown hold a NULL row (their
 * list rows are kept, not destroyed and built again). 0: no floor. */
void              cd_staff_shown_set_min_places (CdStaffShown *self,
                                                 guint         min_places);
/* The person shown at @position, or NULL (also for an empty place). */
const CdStaffRow *cd_staff_shown_get_row  (CdStaffShown        *self,
                                           guint                position);

G_END_DECLS
