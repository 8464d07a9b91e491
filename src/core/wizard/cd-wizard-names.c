/* cd-wizard-names.c — what the wizard's steps show of a draft's rows
 * and of the unit, read on a worker
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cd-store-worker.h"
#include "cd-wizard-names.h"

void
cd_wizard_names_free (CdWizardNames *names)
{
  if (names == NULL)
    return;
  cd_unit_free (names->unit);
  g_strfreev (names->names);
  g_free (names);
}

CdWizardNames *
cd_wizard_draft_names (const CdWizardDraft *draft,
                       CdStore             *store,
                       GError             **error)
{
  CdWizardNames *out = g_new0 (CdWizardNames, 1);
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();

  out->unit = cd_store_get_unit (store);
  if (out->unit == NULL)
    out->unit = cd_unit_new ();
  for (guint i = 0; i < draft->items->len; i++)
    {
      const CdWizardItem *item = g_ptr_array_index (draft->items, i);
      g_autoptr(CdStaff) s = NULL;

      /* 0: a row of the unit's own certificate (its seal, after a merger) */
      if (item->staff_id == 0)
        {
          g_strv_builder_add (names, out->unit->name ? out->unit->name : "");
          continue;
        }
      s = cd_store_get_staff (store, item->staff_id, NULL);
      g_strv_builder_add (names, s != NULL && s->full_name != NULL ? s->full_name : "");
    }
  out->names = g_strv_builder_end (names);
  return out;
}

/* ---- On a worker -------------------------------------------------------- */

static gpointer
names_work (CdStore       *store,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  return cd_wizard_draft_names (data, store, error);
}

void
cd_wizard_names_async (CdStore             *store,
                       const CdWizardDraft *draft,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_return_if_fail (CD_IS_STORE (store));
  g_return_if_fail (draft != NULL);

  /* the clerk may go on editing the window's draft meanwhile */
  cd_store_run_async (store, names_work, cd_wizard_draft_copy (draft),
                      (GDestroyNotify) cd_wizard_draft_free,
                      (GDestroyNotify) cd_wizard_names_free, NULL,
                      cd_wizard_names_async, cancellable, callback, user_data);
}

CdWizardNames *
cd_wizard_names_finish (CdStore       *store,
                        GAsyncResult  *result,
                        GError       **error)
{
  return cd_store_run_finish (store, result, cd_wizard_names_async, error);
}
