/* cd-docs-export.c — the register and the Cục's sheet written on a worker
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "cd-fileutil.h"

#include "cd-doc-people.h"
#include "cd-docs-export.h"
#include "cd-page-renderer.h"
#include "cd-store-worker.h"
#include "cd-text.h"
#include "cd-xlsx-export.h"

char *
cd_docs_export_file_name (CdDocsExportKind  kind,
                          guint             n_chosen,
                          const char       *date_iso)
{
  g_autofree char *today = date_iso == NULL ? cd_text_today_iso () : NULL;
  g_autofree char *count = n_chosen > 0 ? g_strdup_printf ("_%u_nguoi", n_chosen) : g_strdup ("");
  const char *stem = kind == CD_DOCS_EXPORT_BULK_SHEET ? "Bang_dang_ky_Cuc" : "So_theo_doi_chung_thu_so";
  const char *ext = kind == CD_DOCS_EXPORT_REGISTER_PDF ? "pdf" : "xlsx";

  return g_strdup_printf ("%s%s_%s.%s", stem, count, date_iso ? date_iso : today, ext);
}

typedef struct {
  CdDocsExportKind  kind;
  GArray           *ids;
  int               threshold_days;
  char             *target;
} ExportJob;

static void
export_job_free (ExportJob *job)
{
  g_array_unref (job->ids);
  g_free (job->target);
  g_free (job);
}

static gpointer
export_work (CdStore       *store,
             gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  ExportJob *job = data;
  gboolean bulk = job->kind == CD_DOCS_EXPORT_BULK_SHEET;
  /* The kinds of the documents table, as the command line records them. */
  const char *recorded = bulk ? "bulk-sheet"
                         : job->kind == CD_DOCS_EXPORT_REGISTER_PDF ? "register-pdf" : "register";
  g_autoptr(CdDocContext) ctx = NULL;
  g_autofree char *stage = NULL;
  gboolean ok;
  guint n;

  ctx = cd_doc_context_from_store (store, bulk ? "bulk" : "register",
                                   (const gint64 *) job->ids->data, job->ids->len,
                                   job->threshold_days, error);
  if (ctx == NULL || g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  if (bulk && ctx->people->len == 0)
    {
      /* cd_doc_context_check_people's message names a command-line option. */
      g_set_error_literal (error, CD_DOCS_ERROR, CD_DOCS_ERROR_FAILED,
                           _("Everyone still working already has a certificate, so the sheet would list nobody. Nothing was written. To list someone anyway, select them in the staff list first."));
      return NULL;
    }
  /* A register that cannot note it (read-only after damage) still lets
   * the clerk save what it holds. */
  stage = cd_store_document_prepare (store, job->target, TRUE, TRUE, error);
  if (stage == NULL)
    return NULL;
  if (job->kind == CD_DOCS_EXPORT_REGISTER_XLSX)
    ok = cd_xlsx_write_register (stage, ctx, TRUE, error);
  else if (bulk)
    ok = cd_xlsx_write_bulk_sheet (stage, ctx, TRUE, error);
  else
    {
      g_autoptr(CdPageRenderer) r = cd_page_renderer_new (CD_PAGE_REGISTER, ctx);
      ok = cd_page_renderer_export_pdf (r, stage, TRUE, error);
    }
  if (!ok)
    {
      cd_store_document_abort (stage, job->target, error);
      return NULL;
    }
  if (!cd_store_document_commit (store, stage, job->target, TRUE, TRUE, recorded,
                                 NULL, NULL, NULL, NULL, NULL, error))
    return NULL;
  n = ctx->people->len;
  return g_memdup2 (&n, sizeof n);
}

void
cd_docs_export_async (CdStore             *store,
                      CdDocsExportKind     kind,
                      const gint64        *ids,
                      guint                n_ids,
                      int                  threshold_days,
                      const char          *target,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  ExportJob *job;

  g_return_if_fail (target != NULL);
  g_return_if_fail (n_ids == 0 || ids != NULL);

  job = g_new0 (ExportJob, 1);
  job->kind = kind;
  job->ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n_ids);
  if (n_ids > 0)
    g_array_append_vals (job->ids, ids, n_ids);
  job->threshold_days = threshold_days;
  job->target = g_canonicalize_filename (target, NULL);
  /* No "changed": a documents row is all it writes, and no view lists
   * exports. */
  cd_store_run_async (store, export_work, job, (GDestroyNotify) export_job_free, g_free, NULL,
                      cd_docs_export_async, cancellable, callback, user_data);
}

gboolean
cd_docs_export_finish (CdStore       *store,
                       GAsyncResult  *result,
                       guint         *n_people,
                       GError       **error)
{
  g_autofree guint *n = cd_store_run_finish (store, result, cd_docs_export_async, error);

  if (n_people != NULL)
    *n_people = n != NULL ? *n : 0;
  return n != NULL;
}

typedef struct {
  GArray *ids;
  int     threshold_days;
} CheckJob;

static void
check_job_free (CheckJob *job)
{
  g_array_unref (job->ids);
  g_free (job);
}

static gpointer
check_work (CdStore       *store,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  CheckJob *job = data;
  g_autoptr(CdDocContext) ctx = NULL;

  /* the very people export_work() would list */
  ctx = cd_doc_context_from_store (store, "bulk", (const gint64 *) job->ids->data, job->ids->len,
                                   job->threshold_days, error);
  if (ctx == NULL || g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  return cd_xlsx_bulk_check (ctx);
}

void
cd_docs_bulk_check_async (CdStore             *store,
                          const gint64        *ids,
                          guint                n_ids,
                          int                  threshold_days,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  CheckJob *job;

  g_return_if_fail (n_ids == 0 || ids != NULL);

  job = g_new0 (CheckJob, 1);
  job->ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n_ids);
  if (n_ids > 0)
    g_array_append_vals (job->ids, ids, n_ids);
  job->threshold_days = threshold_days;
  cd_store_run_async (store, check_work, job, (GDestroyNotify) check_job_free,
                      (GDestroyNotify) g_ptr_array_unref, NULL,
                      cd_docs_bulk_check_async, cancellable, callback, user_data);
}

GPtrArray *
cd_docs_bulk_check_finish (CdStore       *store,
                           GAsyncResult  *result,
                           GError       **error)
{
  return cd_store_run_finish (store, result, cd_docs_bulk_check_async, error);
}
