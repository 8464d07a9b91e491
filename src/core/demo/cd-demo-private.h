/* cd-demo-private.h — the parts of the demo register cd_demo_fill()
 * writes after its people
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "cd-demo.h"

G_BEGIN_DECLS

/* The local date of @t (Unix seconds) as ISO "yyyy-mm-dd". */
char      *cd_demo_iso_date            (gint64      t);

/* @t moved back to the Friday before when it falls on a weekend. */
gint64     cd_demo_weekday_before      (gint64      t);

/* Adds @p's token as handed to @p on the day its certificate was issued
 * (the handover the Thiết bị view's history shows). */
gboolean   cd_demo_register_device     (CdStore      *store,
                                        CdDemoPerson *p,
                                        gint64        now,
                                        GError      **error);

/* What a clerk has done by @now: the tokens whose certificate ended more
 * than two weeks ago taken back a few days after it ended, and those
 * taken back over a month ago handed to their provider (one set of
 * minutes per provider). Leaves only the recent ones to recover. */
gboolean   cd_demo_recover_devices     (CdStore      *store,
                                        GPtrArray    *people,
                                        gint64        now,
                                        GError      **error);

/* Two request lists in Hồ sơ, their .docx written into @folder (made
 * 0700 if missing): Cấp mới for the token handed over lately, done;
 * Gia hạn for the first renewals the wizard suggests, sent two days
 * before @now by e-mail, the Sở's letter due a week after @now. */
gboolean   cd_demo_add_batches         (CdStore      *store,
                                        GPtrArray    *people,
                                        const char   *folder,
                                        gint64        now,
                                        GError      **error);

G_END_DECLS
