/* cd-staff-pager.h — the staff rows read a page at a time
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "cd-store.h"

G_BEGIN_DECLS

typedef struct _CdStaffPager CdStaffPager;

/* Starts reading @store's staff rows in cd_store_list_staff_rows()'s
 * order (Vietnamese name order, then id), from one snapshot of the
 * register: rows written meanwhile by another connection are neither
 * seen nor missed nor seen twice — a reload after the writer's
 * "changed" shows them. Holds a read transaction on @store until freed:
 * use a connection of its own (a worker's). */
CdStaffPager *cd_staff_pager_new  (CdStore       *store,
                                   gint64         now,
                                   int            threshold_days,
                                   GError       **error);
/* The next at most @limit rows (element type CdStaffRow); an empty
 * array once every row was given; NULL with @error. */
GPtrArray    *cd_staff_pager_next (CdStaffPager  *self,
                                   guint          limit,
                                   GError       **error);
/* From the next page on, rows with only what the staff list shows,
 * sorts and searches: no department, CCCD, phone nor birth date, and a
 * search key without the certificate's serial (search cert_serial
 * beside it, ignoring ASCII case). */
void          cd_staff_pager_set_list_only (CdStaffPager *self,
                                            gboolean      list_only);
void          cd_staff_pager_free (CdStaffPager  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CdStaffPager, cd_staff_pager_free)

G_END_DECLS
