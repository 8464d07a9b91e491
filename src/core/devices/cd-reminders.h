/* cd-reminders.h — what needs the clerk's attention today, in a sentence
 *
 * The desktop notification at start and once a day: certificates that
 * expire within the renewal threshold, those already expired whose
 * holder is still here, and recovery tasks past their due date. The
 * rule lives here so it is tested without a display; the GUI only sends
 * the text.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "cd-store.h"

G_BEGIN_DECLS

typedef struct {
  guint  n_expiring;   /* valid, fewer than the threshold's days left */
  guint  n_expired;    /* the certificate that counts for someone still here */
  guint  n_overdue;    /* open recovery tasks past their due date */
  guint  n_lists_due;      /* lists to send within CD_DEADLINE_SOON_DAYS */
  guint  n_lists_overdue;  /* lists past their letter's deadline, not sent */
  int    threshold_days;
  char  *urgent;       /* the most urgent one in words, or NULL */
} CdReminders;

void         cd_reminders_free      (CdReminders *reminders);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CdReminders, cd_reminders_free)

/* Counts what needs attention at @now. A person's certificate is the one
 * the staff list shows (cd_store_list_staff_rows(), with its status);
 * people who have left are not counted; the unit's and its services'
 * own certificates count too (the last of each kind), and the lists
 * still to send whose deadline is near or past (cd-batch-letter.h). The most urgent is an overdue
 * recovery (the oldest due date: the law counts its days), else the
 * certificate closest to its expiry, else the one expired last. */
CdReminders *cd_reminders_compute   (CdStore      *store,
                                     gint64        now,
                                     int           threshold_days,
                                     GError      **error);

/* TRUE when nothing needs attention (no notification is sent). */
gboolean     cd_reminders_is_empty  (const CdReminders *reminders);

/* The notification's title and body, in the UI language: one line per
 * count that is not zero, then the most urgent. */
char        *cd_reminders_title     (const CdReminders *reminders);
char        *cd_reminders_body      (const CdReminders *reminders);

/* cd_reminders_compute() on a worker with its own connection. */
void         cd_reminders_compute_async  (CdStore             *store,
                                          gint64               now,
                                          int                  threshold_days,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
CdReminders *cd_reminders_compute_finish (CdStore             *store,
                                          GAsyncResult        *result,
                                          GError             **error);

G_END_DECLS
