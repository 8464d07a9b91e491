/* cd-wizard-pick.h — one row the wizard's people step offers
 *
 * A person (for a revocation: one certificate of a person) CertDesk
 * suggested, the clerk selected in the staff list or added by search,
 * whether or not it is on the list now. The step's list is a GListStore
 * of these, filtered by the search entry; the draft holds the chosen
 * ones. The pick keeps its own copy of the row (why, reason) so that a
 * row taken off and put back keeps what the clerk set.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "cd-wizard-draft.h"

G_BEGIN_DECLS

#define CD_TYPE_WIZARD_PICK (cd_wizard_pick_get_type ())
G_DECLARE_FINAL_TYPE (CdWizardPick, cd_wizard_pick, CD, WIZARD_PICK, GObject)

struct _CdWizardPick
{
  GObject       parent_instance;

  CdWizardItem *item;      /* owned: the row as it goes on the list */
  char         *name;      /* shown */
  char         *key;       /* accent-free, lower-case: what the search matches */
  char         *serial;    /* the certificate's serial, or NULL */
  char         *born;      /* the birth date shown, or NULL */
  char         *warning;   /* why it is better on another list, or NULL */
  const char   *better_kind; /* that list's kind (static), or NULL */
  guint         position;  /* in the page's list of picks (picks are only appended) */
};

/* Takes @item. */
CdWizardPick *cd_wizard_pick_new     (CdWizardItem *item,
                                      const char   *name);
/* Whether every word of @query_key (a search key) is in the pick's name. */
gboolean      cd_wizard_pick_matches (CdWizardPick *self,
                                      const char   *query_key);

G_END_DECLS
