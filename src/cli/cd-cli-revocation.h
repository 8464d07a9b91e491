/* cd-cli-revocation.h — revocation lists from the command line
 *
 * Shared by cd-cli-docs.c (--generate) and cd-cli-revocation.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cd-cli.h"
#include "cd-doc-context.h"
#include "cd-wizard-draft.h"

G_BEGIN_DECLS

/* Whether @kind (a document kind of --generate) is a revocation list:
 * thu-hoi or the Sở's Mẫu 05. */
gboolean cd_cli_revocation_kind (const char *kind);

/* A revocation list whose "Lý do thu hồi" would be empty for some: each
 * named on stderr; the list is still written. Nothing for other kinds. */
gboolean cd_cli_revocation_warn_unreasoned (const CdDocContext  *ctx,
                                            const char          *kind,
                                            GError             **error);

/* --generate=thu-hoi|mau-05 without --staff: the revocation wizard's
 * suggestions on the register, written and recorded as the wizard writes
 * them (cd_wizard_draft_generate). @draft carries the letter options;
 * @template_path is the one given with --template, or NULL. The exit
 * code. */
int      cd_cli_revocation_generate (CdCliEnv      *env,
                                     GVariantDict  *options,
                                     const char    *kind,
                                     CdWizardDraft *draft,
                                     const char    *output,
                                     const char    *template_path);

G_END_DECLS
