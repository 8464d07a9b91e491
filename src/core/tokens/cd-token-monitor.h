/* cd-token-monitor.h — USB tokens plugged in now
 *
 * One worker thread owns every PKCS#11 call; it polls each module about
 * every 500 ms, and at once on PC/SC reader and card events (while pcscd
 * answers, OpenSC only then and every 10 s), and posts signals to the
 * GMainContext that was the thread default when the monitor was created.
 * No C_Login, ever.
 *
 * Signals (all on the creating thread's main context):
 *   token-added     (CdToken *token)
 *   token-removed   (CdToken *token)   the last snapshot seen
 *   token-changed   (CdToken *token)   certificates or PIN state changed
 *   unreadable-token(CdUnreadableToken *t)  PC/SC reader/card no module reads
 *   module-error    (const char *module, const char *message)
 *   unreadable-token-removed (CdUnreadableToken *t)  that reader/card left
 *   settled         ()  every module was polled once (emitted once)
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

typedef enum {
  CD_TOKEN_MONITOR_REGISTERED = 1 << 0, /* p11-kit registered modules */
  CD_TOKEN_MONITOR_OPENSC     = 1 << 1, /* opensc-pkcs11.so */
  CD_TOKEN_MONITOR_PCSC       = 1 << 2, /* unreadable readers via PC/SC */
  CD_TOKEN_MONITOR_DEFAULT    = 0x7,
} CdTokenMonitorFlags;

/* cd_token_monitor_new() is this with CD_TOKEN_MONITOR_DEFAULT and a
 * 500 ms poll; tests and benchmarks load only their own modules. */
CdTokenMonitor *cd_token_monitor_new_full   (const char * const *extra_modules,
                                             CdTokenMonitorFlags flags,
                                             guint               poll_ms);
/* TRUE once every module was polled once ("settled" was emitted). */
gboolean        cd_token_monitor_is_settled (CdTokenMonitor *self);
void            cd_token_monitor_start      (CdTokenMonitor *self);
/* Returns within 1 s even while a module call hangs. */
void            cd_token_monitor_stop       (CdTokenMonitor *self);
/* Tokens present now; element type CdToken (copies). */
GPtrArray      *cd_token_monitor_get_tokens (CdTokenMonitor *self);
/* Readers with a card no module reads, now; element type
 * CdUnreadableToken (copies). */
GPtrArray      *cd_token_monitor_get_unreadable (CdTokenMonitor *self);

G_END_DECLS
