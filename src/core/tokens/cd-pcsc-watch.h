/* cd-pcsc-watch.h — PC/SC reader and card events, to wake a poller
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _CdPcscWatch CdPcscWatch;

/* Called on the watch's own thread when a reader or a card came or went,
 * and when it is back in touch with a pcscd that went away. */
typedef void (*CdPcscWatchFunc) (gpointer user_data);

/* Starts a thread that waits in SCardGetStatusChange() on every reader
 * and on "\\?PnP?\Notification" (readers plugged in), and calls @func at
 * each change. Without pcscd (or with PC/SC refused) it says nothing and
 * tries again every few seconds: the caller's poll is the fallback. */
CdPcscWatch *cd_pcsc_watch_new  (CdPcscWatchFunc  func,
                                 gpointer         user_data);
/* Stops the thread (within ~250 ms) and frees the watch; @func is not
 * called after it returns. */
void         cd_pcsc_watch_free (CdPcscWatch     *self);
/* Whether the thread is talking to pcscd now (for tests and benches). */
gboolean     cd_pcsc_watch_is_connected (CdPcscWatch *self);

G_END_DECLS
