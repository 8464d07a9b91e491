/* cd-collect-write.c — the collected list, the Cục's sheet and the report
 *
 * The list goes through the same engine as a school's own (cd_docx_generate:
 * a built-in template, the Sở's own form, or a template with placeholders)
 * and the sheet through the same export (cd_xlsx_write_bulk_sheet), so what
 * the Sở receives from the xã reads like what the xã received.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "cd-collect-write.h"
#include "cd-doc-templates.h"
#include "cd-docx.h"
#include "cd-fileutil.h"
#include "cd-model.h"
#include "cd-xlsx-export.h"

/* The collector's levels of organisation, then the school below them. */
static char **
org_levels_for (const CdUnit *collector,
                const char   *school)
{
  GPtrArray *levels = g_ptr_array_new ();

  for (guint i = 0; collector != NULL && i < 4; i++)
    {
      const char *l = collector->org_level[i];
      if (l == NULL || *l == '\0')
        break;
      if (school != NULL && g_ascii_strcasecmp (l, school) == 0)
        break;
      g_ptr_array_add (levels, g_strdup (l));
    }
  if (school != NULL)
    {
      if (levels->len == 4)
        g_free (g_ptr_array_steal_index (levels, 3));
      g_ptr_array_add (levels, g_strdup (school));
    }
  g_ptr_array_add (levels, NULL);
  return (char **) g_ptr_array_free (levels, FALSE);
}

CdDocContext *
cd_collect_context (const CdCollectResult *result,
                    const CdUnit          *collector)
{
  CdDocContext *ctx = cd_doc_context_new (collector);
  g_autoptr(GHashTable) levels = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                        (GDestroyNotify) g_strfreev);

  g_free (ctx->kind);
  ctx->kind = g_strdup (result->kind != NULL ? result->kind : "cap-moi");
  for (guint i = 0; i < result->people->len; i++)
    {
      const CdCollectPerson *cp = g_ptr_array_index (result->people, i);
      CdStaff *s = cd_staff_new ();
      CdCertificate *cert = NULL;
      CdDocPerson *p;
      char **lv;

      s->full_name = g_strdup (cp->full_name);
      s->birth_date = g_strdup (cp->birth_date);
      s->gender = g_strdup (cp->gender);
      s->position = g_strdup (cp->position);
      s->department = g_strdup (cp->unit);   /* Đơn vị: the school */
      s->cccd = g_strdup (cp->cccd);
      s->cccd_date = g_strdup (cp->cccd_date);
      s->cccd_place = g_strdup (cp->cccd_place);
      s->phone = g_strdup (cp->phone);
      s->email = g_strdup (cp->email);
      s->note = g_strdup (cp->note);
      if (cp->serial != NULL || cp->provider != NULL)
        {
          cert = cd_certificate_new ();
          cert->serial = g_strdup (cp->serial);
          cert->provider = g_strdup (cp->provider);
        }
      p = cd_doc_person_new (s, cert);
      p->reason = g_strdup (cp->reason);
      p->change_note = g_strdup (cp->change);
      p->device_serial = g_strdup (cp->device);
      lv = g_hash_table_lookup (levels, cp->unit);
      if (lv == NULL)
        {
          lv = org_levels_for (collector, cp->unit);
          g_hash_table_insert (levels, cp->unit, lv);
        }
      p->org_levels = g_strdupv (lv);
      cd_doc_context_add (ctx, p);
    }
  return ctx;
}

static gboolean
check_people (const CdCollectResult  *result,
              GError                **error)
{
  if (result->people->len > 0)
    return TRUE;
  g_set_error_literal (error, CD_COLLECT_ERROR, CD_COLLECT_ERROR_NOTHING_READ,
                       _("No one could be collected: no file held a valid row. See the report for each file's problems."));
  return FALSE;
}

gboolean
cd_collect_write_list (const CdCollectResult  *result,
                       const CdUnit           *collector,
                       const char             *template_path,
                       const char             *output,
                       gboolean                overwrite,
                       GError                **error)
{
  g_autoptr(CdDocContext) ctx = NULL;
  g_autofree char *builtin = NULL;

  if (!check_people (result, error))
    return FALSE;
  ctx = cd_collect_context (result, collector);
  if (template_path == NULL)
    {
      const CdDocKind *kind = cd_doc_kind_lookup (ctx->kind);

      /* a kind without a list of its own (a letter) reads as a request */
      if (kind == NULL || !kind->list || g_str_has_prefix (ctx->kind, "mau-"))
        {
          g_free (ctx->kind);
          ctx->kind = g_strdup ("cap-moi");
        }
      builtin = cd_doc_templates_builtin_path (ctx->kind, error);
      if (builtin == NULL)
        return FALSE;
      template_path = builtin;
    }
  return cd_docx_generate (template_path, ctx, output, overwrite, NULL, NULL, error);
}

gboolean
cd_collect_write_bulk_sheet (const CdCollectResult  *result,
                             const CdUnit           *collector,
                             const char             *output,
                             gboolean                overwrite,
                             GError                **error)
{
  g_autoptr(CdDocContext) ctx = NULL;

  if (!check_people (result, error))
    return FALSE;
  ctx = cd_collect_context (result, collector);
  return cd_xlsx_write_bulk_sheet (output, ctx, overwrite, error);
}

gboolean
cd_collect_write_report (const CdCollectResult  *result,
                         const char             *output,
                         gboolean                overwrite,
                         GError                **error)
{
  g_autofree char *text = cd_collect_report_text (result);

  return cd_file_write_atomic (output, text, strlen (text), overwrite, error);
}

/* ---- On a worker -------------------------------------------------------- */

CdCollectSave *
cd_collect_save_new (void)
{
  return g_new0 (CdCollectSave, 1);
}

void
cd_collect_save_free (CdCollectSave *save)
{
  if (save == NULL)
    return;
  g_free (save->output);
  g_free (save->template_path);
  g_free (save->bulk_sheet);
  g_free (save->report);
  cd_unit_free (save->collector);
  g_free (save);
}

typedef struct {
  const CdCollectResult *result;
  CdCollectSave         *save;
} SaveData;

static void
save_data_free (SaveData *data)
{
  cd_collect_save_free (data->save);
  g_free (data);
}

static void
save_thread (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  SaveData *data = task_data;
  const CdCollectSave *s = data->save;
  GError *error = NULL;

  if (!cd_collect_write_list (data->result, s->collector, s->template_path, s->output,
                              s->overwrite, &error)
      || g_cancellable_set_error_if_cancelled (cancellable, &error)
      || (s->bulk_sheet != NULL
          && !cd_collect_write_bulk_sheet (data->result, s->collector, s->bulk_sheet,
                                           s->overwrite, &error))
      || (s->report != NULL
          && !cd_collect_write_report (data->result, s->report, s->overwrite, &error)))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

void
cd_collect_save_async (const CdCollectResult  *result,
                       const CdCollectSave    *save,
                       GCancellable           *cancellable,
                       GAsyncReadyCallback     callback,
                       gpointer                user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  SaveData *data = g_new0 (SaveData, 1);

  g_return_if_fail (save != NULL && save->output != NULL);
  data->result = result;
  data->save = cd_collect_save_new ();
  data->save->output = g_strdup (save->output);
  data->save->template_path = g_strdup (save->template_path);
  data->save->bulk_sheet = g_strdup (save->bulk_sheet);
  data->save->report = g_strdup (save->report);
  data->save->collector = save->collector != NULL ? cd_unit_copy (save->collector) : NULL;
  data->save->overwrite = save->overwrite;
  g_task_set_source_tag (task, cd_collect_save_async);
  g_task_set_task_data (task, data, (GDestroyNotify) save_data_free);
  g_task_run_in_thread (task, save_thread);
}

gboolean
cd_collect_save_finish (GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == cd_collect_save_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
