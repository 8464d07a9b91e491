/* cd-token-monitor.h — USB tokens plugged in now
 *
 * One worker thread owns every PKCS#11 call; it polls each module about
 * every 500 ms and posts signals to the GMainContext that was the thread
 * default when the monitor was created. No C_Login, ever.
 *
 * Signals (all on the creating thread's main context):
 *   token-added     (CdToken *token)
 *   token-removed   (CdToken *token)   the last snapshot seen
 *   token-changed   (CdToken *token)   certificates on it changed
 *   unreadable-token(CdUnreadableToken *t)  PC/SC reader/card no module reads
 *   module-error    (const char *module, const char *message)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "cd-token.h"

G_BEGIN_DECLS

#define CD_TYPE_TOKEN_MONITOR (cd_token_monitor_get_type ())
G_DECLARE_FINAL_TYPE (CdTokenMonitor, cd_token_monitor, CD, TOKEN_MONITOR, GObject)

/* @extra_modules: paths the clerk added (the pkcs11-modules setting),
 * may be NULL. */
CdTokenMonitor *cd_token_monitor_new        (const char * const *extra_modules);
void            cd_token_monitor_start      (CdTokenMonitor *self);
/* Returns within 1 s even while a module call hangs. */
void            cd_token_monitor_stop       (CdTokenMonitor *self);
/* Tokens present now; element type CdToken (copies). */
GPtrArray      *cd_token_monitor_get_tokens (CdTokenMonitor *self);

G_END_DECLS
