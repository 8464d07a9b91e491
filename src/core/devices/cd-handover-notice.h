/* cd-handover-notice.h — the unit's notice to the Cục of the devices it
 * handed to their holders over a period
 *
 * Nghị định 68/2024 asks the managing agency to notify the Cục Chứng thực
 * số và Bảo mật thông tin right after handing devices to subscribers
 * (Mẫu 07). This lists every "hand to holder" event of a period in one
 * letter, drawn with the documents area's page renderer (PDF, print).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cd-page-renderer.h"
#include "cd-store.h"

G_BEGIN_DECLS

typedef struct _CdHandoverNotice CdHandoverNotice;

/* The handovers dated @from_iso to @to_iso (inclusive), the letter dated
 * @date_iso. Fails with a Vietnamese message on a bad period; a period
 * without handovers is an error too (there is nothing to notify). */
CdHandoverNotice *cd_handover_notice_new        (CdStore          *store,
                                                 const char       *from_iso,
                                                 const char       *to_iso,
                                                 const char       *date_iso,
                                                 GError          **error);
/* The notice of the handovers @event_ids (a box handed out at once),
 * dated @date_iso; the period it names runs from the first to the last
 * of them. Ids that are not handovers to a holder are skipped. */
CdHandoverNotice *cd_handover_notice_new_for_events (CdStore        *store,
                                                     const gint64   *event_ids,
                                                     guint           n_events,
                                                     const char     *date_iso,
                                                     GError        **error);
void              cd_handover_notice_free       (CdHandoverNotice *notice);
guint             cd_handover_notice_count      (const CdHandoverNotice *notice);
/* Row @i of the letter's table: STT, name and position, device serial,
 * certificate serial (the one on the device at the handover), date. */
const char *const *cd_handover_notice_get_row   (const CdHandoverNotice *notice,
                                                 guint                   i);
/* A renderer of the letter; borrows @notice, which must outlive it. */
CdPageRenderer   *cd_handover_notice_renderer_new (const CdHandoverNotice *notice);
gboolean          cd_handover_notice_export_pdf (const CdHandoverNotice *notice,
                                                 const char       *target,
                                                 gboolean          overwrite,
                                                 GError          **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CdHandoverNotice, cd_handover_notice_free)

G_END_DECLS
