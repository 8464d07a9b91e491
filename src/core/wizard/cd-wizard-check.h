/* cd-wizard-check.h — the missing and invalid fields of a list's people
 * for the chosen template
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "cd-store.h"
#include "cd-wizard-draft.h"

G_BEGIN_DECLS

/* One gap of a person's record for the chosen template. */
typedef struct {
  gint64   staff_id;
  char    *full_name;
  char    *field;      /* "cccd", "cccd_date", "birth_date", "phone", "email" */
  char    *label;      /* translated field name */
  char    *value;      /* current value or NULL when missing */
  char    *message;    /* translated: what is wrong and what to do */
  gboolean error;      /* FALSE: a warning (e.g. not an official domain) */
} CdWizardGap;

void       cd_wizard_gap_free (CdWizardGap *gap);
/* The gaps of every listed person for the written @fields (from
 * cd_wizard_template_inspect()). Element type CdWizardGap. */
GPtrArray *cd_wizard_draft_check (const CdWizardDraft *draft,
                                  CdStore             *store,
                                  const char * const  *fields,
                                  const char * const  *official_domains,
                                  const char          *today_iso,
                                  GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CdWizardGap, cd_wizard_gap_free)

G_END_DECLS
