/* cd-batch-letter.h — the Sở's letter a list answers: its reference, its
 * deadline and how the list goes back
 *
 * The circulars end the same way: make the list, have it signed and
 * stamped, scan it and send both by a date. A batch keeps that letter's
 * reference, deadline, recipient and channel, and the day and channel it
 * was really sent on; its deadline state is what Hồ sơ, the calendar and
 * the reminders show.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "cd-holidays.h"
#include "cd-store.h"

G_BEGIN_DECLS

typedef enum {
  CD_BATCH_CHANNEL_NONE = 0,
  CD_BATCH_CHANNEL_EMAIL,        /* e-mail */
  CD_BATCH_CHANNEL_DICHVUCONG,   /* dichvucong.ca.gov.vn */
  CD_BATCH_CHANNEL_POST,         /* by post */
  CD_BATCH_CHANNEL_TRUC,         /* Trục liên thông văn bản quốc gia */
} CdBatchChannel;

/* "email", "dichvucong", "post", "truc"; NULL for NONE. */
const char *cd_batch_channel_to_id   (CdBatchChannel channel);
/* FALSE for anything else (NULL and "" give NONE and TRUE). */
gboolean    cd_batch_channel_from_id (const char     *id,
                                      CdBatchChannel *out);
/* Translated ("E-mail", "Post"…); "" for NONE. */
const char *cd_batch_channel_label   (CdBatchChannel channel);

/* A deadline within this many days (today included) is due soon. */
#define CD_DEADLINE_SOON_DAYS 7

typedef enum {
  CD_DEADLINE_NONE = 0,   /* no deadline given */
  CD_DEADLINE_DUE,        /* more than CD_DEADLINE_SOON_DAYS days left */
  CD_DEADLINE_DUE_SOON,   /* CD_DEADLINE_SOON_DAYS days or fewer, today included */
  CD_DEADLINE_OVERDUE,    /* past and not sent */
  CD_DEADLINE_SENT,       /* sent: the deadline no longer matters */
} CdDeadlineState;

/* The last day the list may be sent: @deadline_iso itself, or when it
 * falls on a Saturday, a Sunday or a holiday of @holidays (may be NULL:
 * weekends only), the next working day (Bộ luật Dân sự 2015, Điều 148
 * khoản 5). NULL when @deadline_iso is not a date. */
char           *cd_batch_deadline_effective (const char       *deadline_iso,
                                             const CdHolidays *holidays);

/* The state of a deadline on @today_iso: SENT when @sent (the list went),
 * NONE without a date, OVERDUE after the effective deadline, DUE_SOON
 * within CD_DEADLINE_SOON_DAYS days of it, DUE otherwise. @days_left
 * (may be NULL) receives the calendar days from @today_iso to the
 * effective deadline, negative once overdue, 0 when not relevant. */
CdDeadlineState cd_batch_deadline_state     (const char       *deadline_iso,
                                             gboolean          sent,
                                             const char       *today_iso,
                                             const CdHolidays *holidays,
                                             int              *days_left);

/* Translated one-line text of a state ("Overdue by 3 days", "Due in 2
 * days", "Sent"), for Hồ sơ and --list-batches; "" for NONE. */
char           *cd_batch_deadline_describe  (CdDeadlineState   state,
                                             int               days_left,
                                             const char       *deadline_iso);

/* Sets the letter, deadline (ISO or NULL), recipient and channel of a
 * batch, as edited in Hồ sơ; empty texts clear them. Emits
 * changed::batch. CD_STORE_ERROR_INVALID on a deadline that is no date. */
gboolean        cd_batch_set_letter         (CdStore          *store,
                                             gint64            batch_id,
                                             const char       *letter,
                                             const char       *deadline_iso,
                                             const char       *recipient,
                                             CdBatchChannel    channel,
                                             GError          **error);

/* How many lists still to send are past their deadline on @today_iso
 * (the badge on Hồ sơ). */
guint           cd_batch_count_overdue      (CdStore          *store,
                                             const char       *today_iso,
                                             const CdHolidays *holidays,
                                             GError          **error);

G_END_DECLS
