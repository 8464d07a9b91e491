/* cd-wizard-call.c — what a wizard step's call to a core worker comes
 * back to
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cd-wizard-call.h"

CdWizardCall *
cd_wizard_call_new (gpointer       page,
                    GCancellable  *cancellable,
                    gpointer       data,
                    GDestroyNotify data_free)
{
  CdWizardCall *call = g_new0 (CdWizardCall, 1);

  g_return_val_if_fail (G_IS_OBJECT (page), call);
  g_return_val_if_fail (G_IS_CANCELLABLE (cancellable), call);

  call->page = g_object_ref (page);
  call->cancellable = g_object_ref (cancellable);
  call->data = data;
  call->data_free = data_free;
  return call;
}

void
cd_wizard_call_free (CdWizardCall *call)
{
  if (call == NULL)
    return;
  if (call->data_free != NULL)
    call->data_free (call->data);
  g_clear_object (&call->page);
  g_clear_object (&call->cancellable);
  g_free (call);
}

gboolean
cd_wizard_call_cancelled (CdWizardCall *call)
{
  return g_cancellable_is_cancelled (call->cancellable);
}
