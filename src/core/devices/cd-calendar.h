/* cd-calendar.h — the register's reminders as an iCalendar file
 *
 * The clerk's calendar (Thunderbird, Evolution, Google or Outlook
 * Calendar on the phone) reminds her when CertDesk is closed: one
 * all-day event per certificate expiry with an alarm at the renewal
 * threshold, one per open recovery task on its due date, and one per
 * deadline of a list still to send (when the register records one).
 * UIDs come from the register's rows, so importing the file again
 * updates the events instead of adding them twice.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "cd-store.h"

G_BEGIN_DECLS

/* Writes the reminders of @store at @now (unix seconds; the events are
 * dated in local time) to @path, privately (0600) and atomically, RFC
 * 5545: CRLF line ends, lines folded at 75 octets without splitting a
 * UTF-8 character. Each certificate expiry gets an alarm
 * @threshold_days before it. An existing @path is replaced only when
 * @overwrite. Sets @n_events (may be NULL) to the number of VEVENTs. */
gboolean  cd_calendar_export         (CdStore        *store,
                                      const char     *path,
                                      gint64          now,
                                      int             threshold_days,
                                      gboolean        overwrite,
                                      guint          *n_events,
                                      GError        **error);

/* cd_calendar_export() on a worker with its own connection. */
void      cd_calendar_export_async   (CdStore             *store,
                                      const char          *path,
                                      gint64               now,
                                      int                  threshold_days,
                                      gboolean             overwrite,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data);
/* Returns the number of events written, or -1 with @error set. */
int       cd_calendar_export_finish  (CdStore             *store,
                                      GAsyncResult        *result,
                                      GError             **error);

/* @text as an iCalendar TEXT value: backslash, semicolon, comma and
 * newline escaped, other control characters dropped. */
char     *cd_calendar_escape_text    (const char     *text);

/* One content line folded (RFC 5545 §3.1): at most 75 octets per
 * physical line, continuation lines starting with a space, never inside
 * a UTF-8 character; every physical line ends in CRLF. */
char     *cd_calendar_fold_line      (const char     *line);

G_END_DECLS
