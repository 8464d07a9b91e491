/* cd-wizard-suggest.h — who needs a kind of list on the register, and why
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "cd-store.h"
#include "cd-wizard-draft.h"

G_BEGIN_DECLS

/* Who needs @kind on the register at @now (Unix seconds), with the reason
 * the clerk reads in CdWizardItem.why. @official_domains (may be NULL) for
 * hòm thư. Element type CdWizardItem, in Vietnamese name order. */
GPtrArray     *cd_wizard_suggest (CdStore            *store,
                                  const char         *kind,
                                  gint64              now,
                                  int                 threshold_days,
                                  const char * const *official_domains,
                                  GError            **error);
/* The same on a worker with its own connection to @store's register, so
 * the main loop never waits; each item also carries its name and
 * certificate serial (CdWizardItem.name, .serial) for the people step. */
void           cd_wizard_suggest_async  (CdStore             *store,
                                         const char          *kind,
                                         gint64               now,
                                         int                  threshold_days,
                                         const char * const  *official_domains,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data);
GPtrArray     *cd_wizard_suggest_finish (CdStore             *store,
                                         GAsyncResult        *result,
                                         GError             **error);

G_END_DECLS
