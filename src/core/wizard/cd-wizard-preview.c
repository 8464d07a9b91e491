/* cd-wizard-preview.c — what a list's document will say: the template's
 * fields, the filled context, the rows and the page count
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <cairo.h>
#include <glib/gi18n.h>

#include "cd-wizard-preview.h"
#include "cd-device-register.h"
#include "cd-doc-people.h"
#include "cd-docx.h"
#include "cd-page-renderer.h"
#include "cd-store-worker.h"
#include "cd-text.h"
#include "cd-wizard-kind.h"
#include "cd-wizard-private.h"

/* ---- What the template writes ----------------------------------------- */

void
cd_wizard_template_info_free (CdWizardTemplateInfo *info)
{
  if (info == NULL)
    return;
  g_strfreev (info->fields);
  g_strfreev (info->headers);
  if (info->columns)
    g_ptr_array_unref (info->columns);
  g_free (info->sha256);
  g_free (info);
}

static const char *
field_title (const char *name)
{
  const CdDocField *f = cd_doc_field_lookup (name);
  return f ? _(f->description) : name;
}

CdWizardTemplateInfo *
cd_wizard_template_inspect (const char  *template_path,
                            const char  *kind,
                            GError     **error)
{
  g_autoptr(CdDocxPackage) pkg = cd_docx_package_load (template_path, error);
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GStrvBuilder) fields = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) headers = g_strv_builder_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  CdWizardTemplateInfo *info;

  if (pkg == NULL)
    return NULL;
  found = cd_docx_list_placeholders (pkg, error);
  if (found == NULL)
    return NULL;
  info = g_new0 (CdWizardTemplateInfo, 1);
  info->sha256 = g_strdup (cd_docx_package_sha256 (pkg));
  if (found->len > 0)
    {
      for (guint i = 0; i < found->len; i++)
        {
          CdDocxPlaceholder *ph = g_ptr_array_index (found, i);
          if (!ph->known || !ph->per_person || g_hash_table_contains (seen, ph->name))
            continue;
          g_hash_table_add (seen, ph->name);
          g_strv_builder_add (fields, ph->name);
          g_strv_builder_add (headers, field_title (ph->name));
        }
    }
  else
    {
      /* The Sở's form: find the columns by filling a copy with nobody. */
      g_autoptr(CdUnit) unit = cd_unit_new ();
      g_autoptr(CdDocContext) ctx = cd_doc_context_new (unit);

      ctx->kind = g_strdup (kind);
      info->columns = cd_docx_fill_form (pkg, ctx, error);
      if (info->columns == NULL)
        {
          cd_wizard_template_info_free (info);
          return NULL;
        }
      for (guint i = 0; i < info->columns->len; i++)
        {
          CdFormColumn *col = g_ptr_array_index (info->columns, i);
          g_strv_builder_add (headers, col->header ? col->header : "");
          g_strv_builder_add (fields, col->field ? col->field : "");
        }
    }
  info->fields = g_strv_builder_end (fields);
  info->headers = g_strv_builder_end (headers);
  return info;
}

/* ---- Context and preview ---------------------------------------------- */

CdDocContext *
cd_wizard_draft_context (const CdWizardDraft *draft,
                         CdStore             *store,
                         gint64               now,
                         int                  threshold_days,
                         GError             **error)
{
  g_autoptr(CdUnit) unit = cd_store_get_unit (store);
  g_autoptr(CdDocContext) ctx = cd_doc_context_new (unit);
  g_autoptr(GPtrArray) devices = cd_store_list_devices (store, error);

  if (devices == NULL)
    return NULL;
  if (draft->date != NULL
      && sscanf (draft->date, "%d-%d-%d", &ctx->year, &ctx->month, &ctx->day) != 3)
    {
      g_set_error (error, CD_WIZARD_ERROR, CD_WIZARD_ERROR_FAILED,
                   _("The document date “%s” is not valid: enter it as dd/mm/yyyy."), draft->date);
      return NULL;
    }
  ctx->doc_number = g_strdup (draft->doc_number);
  ctx->signer_title = g_strdup (draft->signer_title);
  ctx->signer_name = g_strdup (draft->signer_name);
  ctx->recipient = g_strdup (draft->recipient);
  /* the kind picks the table of a Sở's form holding several lists
   * (seed 002): a revocation fills the revocation list, as it does from
   * the command line */
  ctx->kind = g_strdup (draft->kind);
  ctx->service_name = g_strdup (draft->service_name);
  ctx->service_kind = g_strdup (draft->service_kind);
  ctx->now = now;
  ctx->threshold_days = threshold_days;
  for (guint i = 0; i < draft->items->len; i++)
    {
      CdWizardItem *item = g_ptr_array_index (draft->items, i);
      CdStaff *staff = cd_wizard_item_holder (store, item, error);
      CdCertificate *cert = NULL;
      CdDocPerson *person;

      if (staff == NULL)
        return NULL;
      if (item->certificate_id != 0)
        cert = cd_store_get_certificate (store, item->certificate_id, NULL);
      person = cd_doc_person_new (staff, cert);
      cd_doc_person_set_device (person, cd_doc_device_for (devices, item->device_id, cert));
      person->reason = g_strdup (item->reason);
      person->change_note = g_strdup (item->change_note);
      cd_doc_context_add (ctx, person);
    }
  /* the mailbox list: each the mailbox asked for, proposed from the name
   * at the unit's domain as the command line proposes it, and printed
   * over a private address */
  if (g_strcmp0 (draft->kind, "hom-thu") == 0)
    cd_doc_context_propose_mailboxes (ctx, store);
  return g_steal_pointer (&ctx);
}

GPtrArray *
cd_wizard_preview_rows (const CdDocContext *ctx,
                        const char * const *fields)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

  for (guint i = 0; i < ctx->people->len; i++)
    {
      const CdDocPerson *p = g_ptr_array_index (ctx->people, i);
      guint n = fields ? g_strv_length ((char **) fields) : 0;
      char **row = g_new0 (char *, n + 1);

      for (guint j = 0; j < n; j++)
        row[j] = (fields[j][0] != '\0' && cd_doc_field_lookup (fields[j]) != NULL)
                 ? cd_doc_field_value (ctx, p, i, fields[j]) : g_strdup ("");
      g_ptr_array_add (rows, row);
    }
  return rows;
}

char *
cd_wizard_draft_file_name (const CdWizardDraft *draft,
                           const CdUnit        *unit)
{
  const char *word = cd_wizard_kind_file_word (draft->kind);
  g_autofree char *key = cd_text_search_key (unit && unit->name ? unit->name : "");
  g_autoptr(GString) slug = g_string_new (NULL);
  g_autofree char *date = draft->date ? g_strdup (draft->date) : cd_text_today_iso ();

  for (const char *p = key ? key : ""; *p; p++)
    {
      if (g_ascii_isalnum (*p))
        g_string_append_c (slug, g_ascii_tolower (*p));
      else if (slug->len > 0 && slug->str[slug->len - 1] != '-')
        g_string_append_c (slug, '-');
    }
  while (slug->len > 0 && slug->str[slug->len - 1] == '-')
    g_string_truncate (slug, slug->len - 1);
  if (slug->len == 0)
    g_string_append (slug, "don-vi");
  return g_strdup_printf ("DS_%s_%s_%s.docx", word ? word : "danh_sach", slug->str, date);
}

/* ---- Page count ----------------------------------------------------------- */

int
cd_wizard_count_pages (const CdWizardDraft *draft,
                       CdStore             *store,
                       gint64               now,
                       int                  threshold_days,
                       GError             **error)
{
  g_autofree char *template_path = cd_wizard_draft_template (draft, error);
  g_autoptr(CdWizardTemplateInfo) info = NULL;
  g_autoptr(CdDocContext) ctx = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(CdPageRenderer) r = NULL;
  g_autofree double *widths = NULL;
  const char *right[] = { draft->signer_title ? draft->signer_title : "", NULL,
                          draft->signer_name ? draft->signer_name : "" };
  cairo_surface_t *surface;
  cairo_t *cr;
  guint n_cols;
  double w, h;
  int pages;

  if (template_path == NULL
      || (info = cd_wizard_template_inspect (template_path, draft->kind, error)) == NULL
      || (ctx = cd_wizard_draft_context (draft, store, now, threshold_days, error)) == NULL)
    return -1;
  rows = cd_wizard_preview_rows (ctx, (const char * const *) info->fields);
  n_cols = g_strv_length (info->headers);
  widths = g_new (double, MAX (n_cols, 1));
  for (guint c = 0; c < n_cols; c++)
    widths[c] = 1.0;
  r = cd_page_renderer_new (CD_PAGE_CUSTOM, ctx);
  cd_page_renderer_add_frame (r);
  cd_page_renderer_add_text (r, cd_wizard_kind_title (draft->kind), 14, TRUE, FALSE,
                             CD_PAGE_ALIGN_CENTER, 12);
  /* Mẫu 02/03 have no list of people: the unit's letter only */
  if (n_cols > 0)
    cd_page_renderer_add_table (r, n_cols, widths, (const char * const *) info->headers, rows, 12);
  cd_page_renderer_add_signatures (r, NULL, right, 12);
  cd_page_renderer_page_size (r, &w, &h);
  /* Only measured: a 1×1 surface gives Pango its font metrics. */
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
  cr = cairo_create (surface);
  pages = cd_page_renderer_paginate (r, cr, w, h);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  return pages;
}

typedef struct {
  CdWizardDraft *draft;    /* the worker's copy */
  gint64         now;
  int            threshold_days;
} PagesJob;

static void
pages_job_free (gpointer data)
{
  PagesJob *job = data;

  cd_wizard_draft_free (job->draft);
  g_free (job);
}

/* The layout itself needs no register, but the people of the list do:
 * the worker reads them on its own connection, so the caller hands over
 * only a copy of the draft. */
static gpointer
pages_work (CdStore       *store,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  PagesJob *job = data;
  int pages = cd_wizard_count_pages (job->draft, store, job->now, job->threshold_days, error);

  return pages < 0 ? NULL : g_memdup2 (&pages, sizeof pages);
}

void
cd_wizard_count_pages_async (CdStore             *store,
                             const CdWizardDraft *draft,
                             gint64               now,
                             int                  threshold_days,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  PagesJob *job;

  g_return_if_fail (CD_IS_STORE (store));
  g_return_if_fail (draft != NULL);

  job = g_new0 (PagesJob, 1);
  job->draft = cd_wizard_draft_copy (draft);
  job->now = now;
  job->threshold_days = threshold_days;
  cd_store_run_async (store, pages_work, job, pages_job_free, g_free, NULL,
                      cd_wizard_count_pages_async, cancellable, callback, user_data);
}

int
cd_wizard_count_pages_finish (CdStore       *store,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_autofree int *pages = cd_store_run_finish (store, result, cd_wizard_count_pages_async, error);

  return pages != NULL ? *pages : -1;
}

static gpointer
context_work (CdStore       *store,
              gpointer       data,
              GCancellable  *cancellable,
              GError       **error)
{
  PagesJob *job = data;

  return cd_wizard_draft_context (job->draft, store, job->now, job->threshold_days, error);
}

void
cd_wizard_context_async (CdStore             *store,
                         const CdWizardDraft *draft,
                         gint64               now,
                         int                  threshold_days,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  PagesJob *job;

  g_return_if_fail (CD_IS_STORE (store));
  g_return_if_fail (draft != NULL);

  /* the same job as the page count: a copy of the draft and the day */
  job = g_new0 (PagesJob, 1);
  job->draft = cd_wizard_draft_copy (draft);
  job->now = now;
  job->threshold_days = threshold_days;
  cd_store_run_async (store, context_work, job, pages_job_free,
                      (GDestroyNotify) cd_doc_context_free, NULL,
                      cd_wizard_context_async, cancellable, callback, user_data);
}

CdDocContext *
cd_wizard_context_finish (CdStore       *store,
                          GAsyncResult  *result,
                          GError       **error)
{
  return cd_store_run_finish (store, result, cd_wizard_context_async, error);
}

static gpointer
inspect_work (CdStore       *store,
              gpointer       data,
              GCancellable  *cancellable,
              GError       **error)
{
  const CdWizardDraft *draft = data;
  g_autofree char *path = cd_wizard_draft_template (draft, error);

  return path ? cd_wizard_template_inspect (path, draft->kind, error) : NULL;
}

void
cd_wizard_template_inspect_async (CdStore             *store,
                                  const CdWizardDraft *draft,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_return_if_fail (CD_IS_STORE (store));
  g_return_if_fail (draft != NULL);

  /* a copy: the clerk may choose another template meanwhile */
  cd_store_run_async (store, inspect_work, cd_wizard_draft_copy (draft),
                      (GDestroyNotify) cd_wizard_draft_free,
                      (GDestroyNotify) cd_wizard_template_info_free, NULL,
                      cd_wizard_template_inspect_async, cancellable, callback, user_data);
}

CdWizardTemplateInfo *
cd_wizard_template_inspect_finish (CdStore       *store,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  return cd_store_run_finish (store, result, cd_wizard_template_inspect_async, error);
}
