/* cd-staff-item.h — one line of the staff list as a GObject
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "cd-store.h"

G_BEGIN_DECLS

#define CD_TYPE_STAFF_ITEM (cd_staff_item_get_type ())
G_DECLARE_FINAL_TYPE (CdStaffItem, cd_staff_item, CD, STAFF_ITEM, GObject)

/* @rows holds @row and is kept alive (referenced) by the item: rows come
 * in one block from the store and are freed with it. */
CdStaffItem      *cd_staff_item_new      (GPtrArray        *rows,
                                          const CdStaffRow *row);
const CdStaffRow *cd_staff_item_get_row  (CdStaffItem *self);
/* For items that stand for a place in a list rather than a person (see
 * CdStaffShown): shows @source's row from now on. */
void              cd_staff_item_show     (CdStaffItem      *self,
                                          CdStaffItem      *source);
/* Shows @row from now on, kept alive by @rows (referenced; may be NULL
 * for an item that only lends @row to a sorter for one comparison). */
void              cd_staff_item_set_row  (CdStaffItem      *self,
                                          GPtrArray        *rows,
                                          const CdStaffRow *row);

G_END_DECLS
