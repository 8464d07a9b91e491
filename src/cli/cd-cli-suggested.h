/* cd-cli-suggested.h — the request lists a wizard suggests, from the
 * command line
 *
 * Shared by cd-cli-docs.c (--generate) and cd-cli-suggested.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cd-cli.h"
#include "cd-doc-context.h"
#include "cd-wizard-draft.h"

G_BEGIN_DECLS

/* Whether --generate=@kind without --staff lists the people the request
 * wizard suggests through its draft: cap-lai, khoi-phuc (and Mẫu 06, its
 * form) and thay-doi. */
gboolean      cd_cli_suggested_kind    (const char *kind);

/* The wizard's suggestions for @draft's kind taken into @draft as its
 * people step takes them (cd_wizard_draft_add_indexed: one row per
 * person), and the document's people read from that draft as the window
 * reads them (cd_wizard_draft_context): the same people, reasons,
 * changes and devices. NULL with @error on failure, or when nobody is
 * suggested: then @error says why and what to do. */
CdDocContext *cd_cli_suggested_context (CdCliEnv       *env,
                                        CdWizardDraft  *draft,
                                        gint64          now,
                                        int             threshold_days,
                                        GError        **error);

/* What --reason wrote into @ctx's people (read from @draft by
 * cd_cli_suggested_context()) put back into @draft's rows, so that a
 * batch saved from @draft holds what the document prints. */
void          cd_cli_suggested_keep_reasons (CdWizardDraft      *draft,
                                             const CdDocContext *ctx);

G_END_DECLS
