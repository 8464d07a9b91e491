/* cd-wizard-call.h — what a wizard step's call to a core worker comes
 * back to
 *
 * A step starts core's _async calls with one of these as user data: the
 * page (a reference, so that it outlives the call) and the cancellable
 * whose work the result belongs to (the step's build, the kind chosen,
 * the search typed), plus what the step needs to know of the call. A
 * result that comes back for a cancelled call is dropped; each step adds
 * its own test of whether it is still in a window.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct {
  gpointer       page;         /* a reference */
  GCancellable  *cancellable;  /* a reference */
  gpointer       data;         /* the step's own, freed with data_free */
  GDestroyNotify data_free;
} CdWizardCall;

/* @data (may be NULL) is freed with @data_free (may be NULL) with the
 * call. */
CdWizardCall *cd_wizard_call_new       (gpointer       page,
                                        GCancellable  *cancellable,
                                        gpointer       data,
                                        GDestroyNotify data_free);
void          cd_wizard_call_free      (CdWizardCall  *call);
/* Whether the work the call belongs to was cancelled since. */
gboolean      cd_wizard_call_cancelled (CdWizardCall  *call);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CdWizardCall, cd_wizard_call_free)

G_END_DECLS
