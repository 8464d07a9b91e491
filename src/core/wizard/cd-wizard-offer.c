/* cd-wizard-offer.c — what the wizard's people step offers for a person
 * added by hand, read on a worker
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cd-store-worker.h"
#include "cd-text.h"
#include "cd-wizard-check.h"
#include "cd-wizard-kind.h"
#include "cd-wizard-offer.h"

void
cd_wizard_offer_free (CdWizardOffer *offer)
{
  if (offer == NULL)
    return;
  g_free (offer->refusal);
  g_free (offer->warning);
  g_clear_pointer (&offer->items, g_ptr_array_unref);
  g_free (offer);
}

void
cd_wizard_items_read_labels (GPtrArray *items,
                             CdStore   *store)
{
  g_autoptr(CdUnit) unit = NULL;

  for (guint i = 0; items != NULL && i < items->len; i++)
    {
      CdWizardItem *item = g_ptr_array_index (items, i);

      g_clear_pointer (&item->name, g_free);
      if (item->staff_id == 0)
        {
          if (unit == NULL)
            unit = cd_store_get_unit (store);
          item->name = g_strdup (unit != NULL && unit->name != NULL ? unit->name : "");
        }
      else
        {
          g_autoptr(CdStaff) s = cd_store_get_staff (store, item->staff_id, NULL);
          item->name = g_strdup (s != NULL && s->full_name != NULL ? s->full_name : "");
          g_free (item->born);
          item->born = s != NULL ? cd_text_date_display (s->birth_date) : NULL;
        }
      if (item->certificate_id != 0)
        {
          g_autoptr(CdCertificate) c = cd_store_get_certificate (store, item->certificate_id, NULL);

          g_free (item->serial);
          item->serial = g_strdup (c != NULL ? c->serial : NULL);
        }
    }
}

static CdWizardOffer *
offer_one (CdStore             *store,
           const CdWizardDraft *draft,
           gint64               staff_id,
           gint64               now)
{
  CdWizardOffer *offer = g_new0 (CdWizardOffer, 1);
  g_autoptr(CdWizardDraft) one = cd_wizard_draft_new (draft->kind);
  g_autoptr(GError) error = NULL;

  offer->staff_id = staff_id;
  offer->refusal = cd_wizard_draft_refusal (draft, store, staff_id, now);
  if (offer->refusal != NULL)
    {
      offer->items = g_ptr_array_new_with_free_func ((GDestroyNotify) cd_wizard_item_free);
      return offer;
    }
  /* the person's rows as the draft would list them */
  if (!cd_wizard_draft_add_staff (one, store, staff_id, &error))
    {
      offer->refusal = g_strdup (error->message);
      offer->items = g_ptr_array_new_with_free_func ((GDestroyNotify) cd_wizard_item_free);
      return offer;
    }
  offer->better_kind = cd_wizard_draft_better_kind (draft, store, staff_id, now, &offer->warning);
  offer->items = g_steal_pointer (&one->items);
  one->items = g_ptr_array_new_with_free_func ((GDestroyNotify) cd_wizard_item_free);
  cd_wizard_items_read_labels (offer->items, store);
  return offer;
}

GPtrArray *
cd_wizard_offer (CdStore             *store,
                 const CdWizardDraft *draft,
                 const GArray        *staff_ids,
                 gint64               now,
                 GError             **error)
{
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) cd_wizard_offer_free);

  g_return_val_if_fail (CD_IS_STORE (store), NULL);
  g_return_val_if_fail (draft != NULL, NULL);

  for (guint i = 0; staff_ids != NULL && i < staff_ids->len; i++)
    g_ptr_array_add (out, offer_one (store, draft, g_array_index (staff_ids, gint64, i), now));
  return out;
}

GPtrArray *
cd_wizard_offer_unsuited (CdStore       *store,
                          const char    *doc_kind,
                          const GArray  *staff_ids,
                          gint64         now,
                          GError       **error)
{
  const char *kind = cd_wizard_kind_of_document (doc_kind);
  g_autoptr(CdWizardDraft) draft = NULL;
  g_autoptr(GPtrArray) offers = NULL;
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) cd_wizard_offer_free);

  if (kind == NULL)
    return out;
  draft = cd_wizard_draft_new (kind);
  offers = cd_wizard_offer (store, draft, staff_ids, now, error);
  if (offers == NULL)
    {
      g_ptr_array_unref (out);
      return NULL;
    }
  for (guint i = 0; i < offers->len; i++)
    {
      CdWizardOffer *o = g_ptr_array_index (offers, i);

      if (o->refusal != NULL || o->better_kind != NULL)
        g_ptr_array_add (out, g_steal_pointer (&offers->pdata[i]));
    }
  return out;
}

/* ---- On a worker -------------------------------------------------------- */

typedef struct {
  CdWizardDraft *draft;
  GArray        *staff_ids;
  gint64         now;
} OfferJob;

static void
offer_job_free (gpointer data)
{
  OfferJob *job = data;

  cd_wizard_draft_free (job->draft);
  g_array_unref (job->staff_ids);
  g_free (job);
}

static gpointer
offer_work (CdStore       *store,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  OfferJob *job = data;

  return cd_wizard_offer (store, job->draft, job->staff_ids, job->now, error);
}

void
cd_wizard_offer_async (CdStore             *store,
                       const CdWizardDraft *draft,
                       const GArray        *staff_ids,
                       gint64               now,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  OfferJob *job;

  g_return_if_fail (CD_IS_STORE (store));
  g_return_if_fail (draft != NULL);

  job = g_new0 (OfferJob, 1);
  /* the clerk goes on editing the window's draft meanwhile */
  job->draft = cd_wizard_draft_copy (draft);
  job->staff_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  if (staff_ids != NULL)
    g_array_append_vals (job->staff_ids, staff_ids->data, staff_ids->len);
  job->now = now;
  cd_store_run_async (store, offer_work, job, offer_job_free,
                      (GDestroyNotify) g_ptr_array_unref, NULL,
                      cd_wizard_offer_async, cancellable, callback, user_data);
}

GPtrArray *
cd_wizard_offer_finish (CdStore       *store,
                        GAsyncResult  *result,
                        GError       **error)
{
  return cd_store_run_finish (store, result, cd_wizard_offer_async, error);
}

static gpointer
rows_work (CdStore       *store,
           gpointer       data,
           GCancellable  *cancellable,
           GError       **error)
{
  CdWizardDraft *draft = data;
  GPtrArray *rows = g_steal_pointer (&draft->items);

  draft->items = g_ptr_array_new_with_free_func ((GDestroyNotify) cd_wizard_item_free);
  cd_wizard_items_read_labels (rows, store);
  return rows;
}

void
cd_wizard_rows_async (CdStore             *store,
                      const CdWizardDraft *draft,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  g_return_if_fail (CD_IS_STORE (store));
  g_return_if_fail (draft != NULL);

  cd_store_run_async (store, rows_work, cd_wizard_draft_copy (draft),
                      (GDestroyNotify) cd_wizard_draft_free,
                      (GDestroyNotify) g_ptr_array_unref, NULL,
                      cd_wizard_rows_async, cancellable, callback, user_data);
}

GPtrArray *
cd_wizard_rows_finish (CdStore       *store,
                       GAsyncResult  *result,
                       GError       **error)
{
  return cd_store_run_finish (store, result, cd_wizard_rows_async, error);
}
