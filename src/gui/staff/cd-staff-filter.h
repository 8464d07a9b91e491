/* cd-staff-filter.h — what the search entry and the filter chips keep
 *
 * Plain C (no GTK) so the matching rules are unit-tested without a
 * display; the staff view wraps it in a GtkCustomFilter.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "cd-key-index.h"
#include "cd-store.h"

G_BEGIN_DECLS

/* The chips; several chips together show the rows matching any of them. */
typedef enum {
  CD_STAFF_CHIP_EXPIRING = 1 << 0,  /* Sắp hết hạn */
  CD_STAFF_CHIP_EXPIRED  = 1 << 1,  /* Đã hết hạn */
  CD_STAFF_CHIP_NO_CERT  = 1 << 2,  /* Chưa có chứng thư */
  CD_STAFF_CHIP_REVOKED  = 1 << 3,  /* Đã thu hồi */
  CD_STAFF_CHIP_LEFT     = 1 << 4,  /* Đã nghỉ/chuyển công tác */
} CdStaffChips;

typedef struct _CdStaffFilter CdStaffFilter;

/* How a change of the filter relates to the previous one, so the view can
 * re-check only what may have changed. */
typedef enum {
  CD_STAFF_FILTER_SAME,
  CD_STAFF_FILTER_LESS_STRICT,
  CD_STAFF_FILTER_MORE_STRICT,
  CD_STAFF_FILTER_DIFFERENT,
} CdStaffFilterChange;

CdStaffFilter       *cd_staff_filter_new        (void);
void                 cd_staff_filter_free       (CdStaffFilter    *self);
CdStaffFilterChange  cd_staff_filter_set_query  (CdStaffFilter    *self,
                                                 const char       *query);
CdStaffFilterChange  cd_staff_filter_set_chips  (CdStaffFilter    *self,
                                                 CdStaffChips      chips);
CdStaffChips         cd_staff_filter_get_chips  (CdStaffFilter    *self);
/* TRUE when neither a query nor a chip is set. */
gboolean             cd_staff_filter_is_empty   (CdStaffFilter    *self);
gboolean             cd_staff_filter_match      (CdStaffFilter    *self,
                                                 const CdStaffRow *row);

/* What a search matches, for many rows at once: @row's key added to
 * @keys, so that cd_key_index_match() with the words of
 * cd_staff_filter_get_words() keeps the rows cd_staff_filter_match()
 * keeps for the query alone. */
void                 cd_staff_filter_add_key    (CdKeyIndex       *keys,
                                                 const CdStaffRow *row);
/* The folded words of the query (every one must match; empty: none). */
const char * const  *cd_staff_filter_get_words  (CdStaffFilter    *self);
/* Whether @row passes the chips alone (TRUE when no chip is set). */
gboolean             cd_staff_filter_match_chips (CdStaffFilter    *self,
                                                  const CdStaffRow *row);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CdStaffFilter, cd_staff_filter_free)

G_END_DECLS
