/* cd-staff-list-model.h — the staff register as a GListModel of CdStaffItem
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "cd-key-index.h"
#include "cd-staff-item.h"
#include "cd-store.h"

G_BEGIN_DECLS

#define CD_TYPE_STAFF_LIST_MODEL (cd_staff_list_model_get_type ())
G_DECLARE_FINAL_TYPE (CdStaffListModel, cd_staff_list_model, CD, STAFF_LIST_MODEL, GObject)

CdStaffListModel *cd_staff_list_model_new         (void);
/* Replaces every item with @rows (element type CdStaffRow; referenced,
 * not copied). Emits one items-changed. Items are made when asked for
 * (g_list_model_get_item gives a new one each time). */
void              cd_staff_list_model_set_rows    (CdStaffListModel *self,
                                                   GPtrArray        *rows);
/* Adds @rows (element type CdStaffRow; referenced) after the items
 * there: a page of the register read while the window is shown. Emits
 * one items-changed at the end. */
void              cd_staff_list_model_append_rows (CdStaffListModel *self,
                                                   GPtrArray        *rows);
/* The person at @position, or NULL: no item is made. */
const CdStaffRow *cd_staff_list_model_get_row     (CdStaffListModel *self,
                                                   guint             position);
/* The rows themselves, @n_rows of them, in position order (valid
 * until the model changes): for walking all of them. */
const CdStaffRow * const *cd_staff_list_model_peek_rows (CdStaffListModel *self,
                                                         guint            *n_rows);
/* What keeps the rows alive (until the next set_rows): give it to an
 * item that shows one of them (cd_staff_item_set_row). */
GPtrArray        *cd_staff_list_model_get_pages   (CdStaffListModel *self);
/* The rows' search keys, key N for the person at position N
 * (cd_staff_filter_add_key()): what a search scans. */
CdKeyIndex       *cd_staff_list_model_get_keys    (CdStaffListModel *self);
/* Position of the staff member @staff_id, or -1. */
int               cd_staff_list_model_find        (CdStaffListModel *self,
                                                   gint64            staff_id);
/* Counts for the summary line; staff who left are not counted. */
void              cd_staff_list_model_get_counts  (CdStaffListModel *self,
                                                   guint            *active,
                                                   guint            *expiring,
                                                   guint            *expired);

G_END_DECLS
