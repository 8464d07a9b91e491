/* cd-wizard-search.c — the register's people a wizard's search offers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cd-store-worker.h"
#include "cd-text.h"
#include "cd-wizard-check.h"
#include "cd-wizard-search.h"

void
cd_wizard_hit_free (CdWizardHit *hit)
{
  if (hit == NULL)
    return;
  g_free (hit->full_name);
  g_free (hit->position);
  g_free (hit->born);
  g_free (hit->refusal);
  g_free (hit);
}

GPtrArray *
cd_wizard_search (CdStore             *store,
                  const CdWizardDraft *draft,
                  const char          *query,
                  gint64               now,
                  guint                limit,
                  GError             **error)
{
  g_autoptr(GArray) ids = NULL;
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) cd_wizard_hit_free);

  if (query == NULL || *query == '\0')
    return out;
  ids = cd_store_search_staff (store, query, error);
  if (ids == NULL)
    {
      g_ptr_array_unref (out);
      return NULL;
    }
  for (guint i = 0; i < ids->len && out->len < limit; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);
      g_autoptr(CdStaff) s = cd_store_get_staff (store, id, NULL);
      CdWizardHit *hit;

      if (s == NULL)
        continue;
      hit = g_new0 (CdWizardHit, 1);
      hit->staff_id = id;
      hit->full_name = g_strdup (s->full_name);
      hit->position = g_strdup (s->position);
      hit->born = cd_text_date_display (s->birth_date);
      hit->refusal = cd_wizard_draft_refusal (draft, store, id, now);
      g_ptr_array_add (out, hit);
    }
  return out;
}

/* ---- On a worker -------------------------------------------------------- */

typedef struct {
  CdWizardDraft *draft;
  char          *query;
  gint64         now;
  guint          limit;
} SearchJob;

static void
search_job_free (gpointer data)
{
  SearchJob *job = data;

  cd_wizard_draft_free (job->draft);
  g_free (job->query);
  g_free (job);
}

static gpointer
search_work (CdStore       *store,
             gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  SearchJob *job = data;

  return cd_wizard_search (store, job->draft, job->query, job->now, job->limit, error);
}

void
cd_wizard_search_async (CdStore             *store,
                        const CdWizardDraft *draft,
                        const char          *query,
                        gint64               now,
                        guint                limit,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  SearchJob *job;

  g_return_if_fail (CD_IS_STORE (store));

  job = g_new0 (SearchJob, 1);
  /* the worker reads the kind and the batch only; the caller's draft
   * goes on changing meanwhile */
  job->draft = cd_wizard_draft_copy (draft);
  job->query = g_strdup (query);
  job->now = now;
  job->limit = limit;
  cd_store_run_async (store, search_work, job, search_job_free,
                      (GDestroyNotify) g_ptr_array_unref, NULL,
                      cd_wizard_search_async, cancellable, callback, user_data);
}

GPtrArray *
cd_wizard_search_finish (CdStore       *store,
                         GAsyncResult  *result,
                         GError       **error)
{
  return cd_store_run_finish (store, result, cd_wizard_search_async, error);
}
