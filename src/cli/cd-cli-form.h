/* cd-cli-form.h — what the command line adds to a refusal of a form
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cd-cli.h"

G_BEGIN_DECLS

/* Tells @error, from writing a list with @template_path (NULL: the
 * built-in one), on stderr. When the Sở's form has no list of the kind
 * asked (CD_DOCS_ERROR_WRONG_LIST), the message names the kinds it
 * makes in the clerk's words, as the window shows it; a line after it
 * gives their codes for --generate. */
void cd_cli_generate_failed (const GError *error,
                             const char   *template_path);

G_END_DECLS
