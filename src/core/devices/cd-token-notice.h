/* cd-token-notice.h — what the clerk is told about a plugged token
 *
 * One sentence per token read (whose token, its certificate's state, its
 * PIN state), and whether it needs the clerk: a locked or nearly locked
 * PIN, no certificate, a certificate linked to nobody, expired, revoked
 * or not yet valid. At start-up the tokens already plugged are summed up
 * in one sentence, those needing the clerk first (the window showed one
 * ten-second toast per token: about 55 s for a drawer of tokens, the ones
 * that mattered last).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cd-store.h"
#include "cd-token.h"
#include "cd-token-register.h"

G_BEGIN_DECLS

typedef struct {
  char     *text;          /* one sentence, Vietnamese in a Vietnamese UI */
  gboolean  needs_action;
  gint64    staff_id;      /* the holder to open, else 0 */
  gint64    cert_id;       /* a certificate linked to nobody, else 0 */
} CdTokenNotice;

void cd_token_notice_free (CdTokenNotice *notice);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CdTokenNotice, cd_token_notice_free)

/* The notice for @token, just registered as @reg says (cd_token_register).
 * @now: Unix time; @threshold_days: the expiry threshold setting. Reads
 * @store on its thread. */
CdTokenNotice *cd_token_notice_new (CdStore                   *store,
                                    const CdToken             *token,
                                    const CdTokenRegistration *reg,
                                    gint64                     now,
                                    int                        threshold_days);

/* The state of @cert as the notice says it: "còn 30 ngày", "quá hạn 3
 * ngày", "đã thu hồi" (a revoked certificate is revoked whatever its end
 * date says), for --read-tokens to say the same. @needs_action (may be
 * NULL) is set to TRUE when the clerk must act. */
char *cd_token_notice_certificate_state (const CdCertificate *cert,
                                         gint64               now,
                                         int                  threshold_days,
                                         gboolean            *needs_action);

/* One sentence for @notices (CdTokenNotice), read together: how many
 * tokens, then those needing the clerk (at most two quoted, then how
 * many more). NULL for an empty array. @n_action: set to how many need
 * the clerk. */
char *cd_token_notice_summarize (GPtrArray *notices,
                                 guint     *n_action);

G_END_DECLS
