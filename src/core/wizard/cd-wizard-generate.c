/* cd-wizard-generate.c — writing a list's Word file (and the Cục's
 * sheet) and recording it with its batch
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "cd-wizard-generate.h"
#include "cd-wizard-mailbox.h"
#include "cd-wizard-private.h"
#include "cd-wizard-preview.h"
#include "cd-doc-people.h"
#include "cd-docx.h"
#include "cd-fileutil.h"
#include "cd-settings.h"
#include "cd-store-worker.h"
#include "cd-xlsx-export.h"

/* What cd_store_document_commit() writes with the document's record. */
typedef struct {
  CdWizardDraft *draft;
  const char    *output;
  gboolean       overwrite;
  char          *xlsx_stage;  /* the Cục's sheet written, not renamed yet */
  const char    *xlsx;
} BatchRecord;

static gboolean
record_batch (CdStore  *store,
              gint64    document_id,
              gpointer  data,
              GError  **error)
{
  BatchRecord *b = data;

  if (!cd_batch_save_locked (b->draft, store, document_id, error)
      || !cd_store_audit (store, "generate", "batch", b->draft->batch_id, NULL, b->output, error))
    return FALSE;
  if (b->xlsx_stage != NULL)
    {
      gboolean ok = cd_atomic_commit (b->xlsx_stage, b->xlsx, b->overwrite, error);

      /* renamed or removed: either way no longer ours to remove */
      g_clear_pointer (&b->xlsx_stage, g_free);
      if (!ok)
        return FALSE;
    }
  return TRUE;
}

gboolean
cd_wizard_draft_generate (CdWizardDraft *draft,
                          CdStore       *store,
                          const char    *output,
                          gboolean       overwrite,
                          gint64         now,
                          int            threshold_days,
                          char         **out_xlsx,
                          GError       **error)
{
  g_autoptr(CdDocContext) ctx = NULL;
  g_autofree char *template_path = NULL;
  g_autofree char *sha = NULL;
  g_autofree char *xlsx = NULL;
  g_autofree char *tpl_name = NULL;
  g_autofree char *stage = NULL;
  BatchRecord more = { 0 };
  gint64 doc_id = 0;

  /* Mẫu 02/03 are about the unit: no people, but the unit's details
   * (and a service's name) must be there. */
  if (cd_wizard_kind_is_unit (draft->kind))
    {
      g_autoptr(CdUnit) unit = cd_store_get_unit (store);

      if (!cd_doc_kind_check_unit (draft->kind, unit, error))
        return FALSE;
      if (g_str_equal (draft->kind, "mau-03")
          && (draft->service_name == NULL || *draft->service_name == '\0'))
        {
          g_set_error_literal (error, CD_WIZARD_ERROR, CD_WIZARD_ERROR_EMPTY,
                               _("Enter the name of the certificate: the service, device or software it is for, for example “Bộ phận Một cửa”."));
          return FALSE;
        }
    }
  else if (draft->items->len == 0)
    {
      g_set_error (error, CD_WIZARD_ERROR, CD_WIZARD_ERROR_EMPTY,
                   _("Nobody is on the list. Choose at least one person."));
      return FALSE;
    }
  else
    {
      /* a mailbox kept in the list that the Sở cannot open (somebody's
       * in the register by now, asked for twice): refused as the gaps
       * step refuses it typed, whoever writes the list */
      g_auto(GStrv) domains = cd_settings_official_domains (NULL);

      if (!cd_wizard_mailbox_check_list (draft, store, (const char * const *) domains, error))
        return FALSE;
    }
  template_path = cd_wizard_draft_template (draft, error);
  if (template_path == NULL)
    return FALSE;
  ctx = cd_wizard_draft_context (draft, store, now, threshold_days, error);
  if (ctx == NULL)
    return FALSE;
  stage = cd_store_document_prepare (store, output, overwrite, FALSE, error);
  if (stage == NULL)
    return FALSE;
  if (!cd_docx_generate (template_path, ctx, stage, TRUE, &sha, NULL, error))
    {
      cd_store_document_abort (stage, output, error);
      return FALSE;
    }
  more.draft = draft;
  more.output = output;
  more.overwrite = overwrite;
  if (draft->bulk_sheet)
    {
      g_autofree char *base = g_str_has_suffix (output, ".docx")
                              ? g_strndup (output, strlen (output) - 5) : g_strdup (output);
      xlsx = g_strconcat (base, ".xlsx", NULL);
      if (!overwrite && g_file_test (xlsx, G_FILE_TEST_EXISTS))
        {
          cd_atomic_abort (stage);
          g_set_error (error, CD_FILE_ERROR, CD_FILE_ERROR_EXISTS,
                       _("The file “%s” already exists. Choose another name, or allow replacing it (--force)."),
                       xlsx);
          return FALSE;
        }
      more.xlsx_stage = cd_atomic_temp_path (xlsx, error);
      if (more.xlsx_stage == NULL
          || !cd_xlsx_write_bulk_sheet (more.xlsx_stage, ctx, TRUE, error))
        {
          cd_store_document_abort (more.xlsx_stage, xlsx, error);
          g_free (more.xlsx_stage);
          cd_atomic_abort (stage);
          return FALSE;
        }
      more.xlsx = xlsx;
    }
  tpl_name = g_path_get_basename (template_path);
  /* The document's record, the batch and both renames in one
   * transaction: a crash leaves all or nothing. */
  if (!cd_store_document_commit (store, stage, output, overwrite, FALSE, draft->kind, tpl_name, sha,
                                 record_batch, &more, &doc_id, error))
    {
      cd_atomic_abort (more.xlsx_stage);
      g_free (more.xlsx_stage);
      return FALSE;
    }
  g_free (draft->output_path);
  draft->output_path = g_strdup (output);
  g_clear_pointer (&draft->notes, g_strfreev);
  if (ctx->notes != NULL && ctx->notes->len > 0)
    {
      g_ptr_array_add (ctx->notes, NULL);
      draft->notes = g_strdupv ((char **) ctx->notes->pdata);
      g_ptr_array_remove_index (ctx->notes, ctx->notes->len - 1);
    }
  draft->dirty = FALSE;
  cd_store_emit_changed (store, "batch");
  if (out_xlsx != NULL)
    *out_xlsx = g_steal_pointer (&xlsx);
  return TRUE;
}

/* ---- On a worker -------------------------------------------------------- */

typedef struct {
  CdWizardDraft *draft;    /* the worker's copy */
  char          *output;
  gboolean       overwrite;
  gint64         now;
  int            threshold_days;
} GenerateJob;

typedef struct {
  gint64  batch_id;
  char   *output;
  char   *xlsx;
  char  **notes;
} GenerateResult;

static void
generate_job_free (gpointer data)
{
  GenerateJob *job = data;

  cd_wizard_draft_free (job->draft);
  g_free (job->output);
  g_free (job);
}

static void
generate_result_free (gpointer data)
{
  GenerateResult *res = data;

  g_free (res->output);
  g_free (res->xlsx);
  g_strfreev (res->notes);
  g_free (res);
}

static gpointer
generate_work (CdStore       *store,
               gpointer       data,
               GCancellable  *cancellable,
               GError       **error)
{
  GenerateJob *job = data;
  GenerateResult *res;
  g_autofree char *xlsx = NULL;

  if (!cd_wizard_draft_generate (job->draft, store, job->output, job->overwrite, job->now,
                                 job->threshold_days, &xlsx, error))
    return NULL;
  res = g_new0 (GenerateResult, 1);
  res->batch_id = job->draft->batch_id;
  res->output = g_strdup (job->draft->output_path);
  res->xlsx = g_steal_pointer (&xlsx);
  res->notes = g_steal_pointer (&job->draft->notes);
  return res;
}

void
cd_wizard_generate_async (CdStore             *store,
                          const CdWizardDraft *draft,
                          const char          *output,
                          gboolean             overwrite,
                          gint64               now,
                          int                  threshold_days,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  GenerateJob *job;

  g_return_if_fail (CD_IS_STORE (store));
  g_return_if_fail (draft != NULL && output != NULL);

  job = g_new0 (GenerateJob, 1);
  /* A copy: the caller's draft stays the caller's thread's. */
  job->draft = cd_wizard_draft_copy (draft);
  job->output = g_strdup (output);
  job->overwrite = overwrite;
  job->now = now;
  job->threshold_days = threshold_days;
  cd_store_run_async (store, generate_work, job, generate_job_free, generate_result_free,
                      "batch", cd_wizard_generate_async, cancellable, callback, user_data);
}

gboolean
cd_wizard_generate_finish (CdStore        *store,
                           GAsyncResult   *result,
                           CdWizardDraft  *draft,
                           char          **out_xlsx,
                           GError        **error)
{
  GenerateResult *res = cd_store_run_finish (store, result, cd_wizard_generate_async, error);

  if (res == NULL)
    return FALSE;
  /* The worker wrote the document too; "batch" was told by the run. */
  cd_store_emit_changed (store, "document");
  if (draft != NULL)
    {
      draft->batch_id = res->batch_id;
      g_free (draft->output_path);
      draft->output_path = g_strdup (res->output);
      g_strfreev (draft->notes);
      draft->notes = g_steal_pointer (&res->notes);
      draft->dirty = FALSE;
    }
  if (out_xlsx != NULL)
    *out_xlsx = g_steal_pointer (&res->xlsx);
  generate_result_free (res);
  return TRUE;
}
