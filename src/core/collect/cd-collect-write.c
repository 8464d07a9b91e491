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

#include <stdio.h>
#include <string.h>
#include <glib/gi18n.h>

#include "cd-collect-write.h"
#include "cd-doc-templates.h"
#include "cd-docx.h"
#include "cd-docx-package.h"
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

/* Noon, local time, of an ISO date (the day the list wrote, whatever the
 * zone); 0 for NULL. */
static gint64
iso_to_unix (const char *iso)
{
  int y, m, d;
  g_autoptr(GDateTime) dt = NULL;

  if (iso == NULL || sscanf (iso, "%d-%d-%d", &y, &m, &d) != 3)
    return 0;
  dt = g_date_time_new_local (y, m, d, 12, 0, 0);
  return dt != NULL ? g_date_time_to_unix (dt) : 0;
}

/* Builds the context of @result's people. With @lend, the people's
 * strings and the units' levels are the result's own, lent: the written
 * list then costs one small record per person instead of a second copy
 * of everyone (bench-collect, 30,000 people: the list's context was as
 * large as the result). A lent context must go through context_return(). */
static CdDocContext *
context_new (const CdCollectResult *result,
             const CdUnit          *collector,
             GHashTable            *levels,
             gboolean               lend)
{
  CdDocContext *ctx = cd_doc_context_new (collector);

#define TAKE(x) (lend ? (char *) (x) : g_strdup (x))
  g_free (ctx->kind);
  ctx->kind = g_strdup (cd_collect_list_kind (result, NULL, NULL));
  for (guint i = 0; i < result->people->len; i++)
    {
      const CdCollectPerson *cp = g_ptr_array_index (result->people, i);
      CdStaff *s = cd_staff_new ();
      CdCertificate *cert = NULL;
      CdDocPerson *p;
      char **lv;

      s->full_name = TAKE (cp->full_name);
      s->birth_date = TAKE (cp->birth_date);
      s->gender = TAKE (cp->gender);
      s->position = TAKE (cp->position);
      s->department = TAKE (cp->unit);   /* Đơn vị: the school */
      s->cccd = TAKE (cp->cccd);
      s->cccd_date = TAKE (cp->cccd_date);
      s->cccd_place = TAKE (cp->cccd_place);
      s->phone = TAKE (cp->phone);
      s->email = TAKE (cp->email);
      s->note = TAKE (cp->note);
      if (cp->serial != NULL || cp->provider != NULL || cp->cert_from != NULL)
        {
          cert = cd_certificate_new ();
          cert->serial = TAKE (cp->serial);
          cert->provider = TAKE (cp->provider);
          cert->not_before = iso_to_unix (cp->cert_from);
          cert->not_after = iso_to_unix (cp->cert_to);
        }
      p = cd_doc_person_new (s, cert);
      p->reason = TAKE (cp->reason);
      p->change_note = TAKE (cp->change);
      p->device_serial = TAKE (cp->device);
      lv = g_hash_table_lookup (levels, cp->unit);
      if (lv == NULL)
        {
          lv = org_levels_for (collector, cp->unit);
          g_hash_table_insert (levels, cp->unit, lv);
        }
      p->org_levels = lend ? lv : g_strdupv (lv);
      cd_doc_context_add (ctx, p);
    }
#undef TAKE
  return ctx;
}

/* Gives a lent context's strings back (they stay the result's) and frees
 * the rest. */
static void
context_return (CdDocContext *ctx)
{
  for (guint i = 0; i < ctx->people->len; i++)
    {
      CdDocPerson *p = g_ptr_array_index (ctx->people, i);
      CdStaff *s = p->staff;

      s->full_name = s->birth_date = s->gender = s->position = s->department = NULL;
      s->cccd = s->cccd_date = s->cccd_place = s->phone = s->email = s->note = NULL;
      if (p->cert != NULL)
        p->cert->serial = p->cert->provider = NULL;
      p->reason = p->change_note = p->device_serial = NULL;
      p->org_levels = NULL;
    }
  cd_doc_context_free (ctx);
}

CdDocContext *
cd_collect_context (const CdCollectResult *result,
                    const CdUnit          *collector)
{
  g_autoptr(GHashTable) levels = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                        (GDestroyNotify) g_strfreev);

  return context_new (result, collector, levels, FALSE);
}

/* Which sorts of list the Sở's form @path (no placeholders) holds, as the
 * fill's check reads them (cd_form_check_kind refuses a list of a sort
 * the form has not). FALSE for a template with placeholders, and for a
 * form that cannot be read: the fill reports that. */
static gboolean
form_sorts (const char *path,
            gboolean   *request,
            gboolean   *revocation)
{
  g_autoptr(CdDocxPackage) pkg = cd_docx_package_load (path, NULL);
  g_autoptr(GPtrArray) placeholders = NULL;
  g_autoptr(GPtrArray) lists = NULL;

  *request = *revocation = FALSE;
  if (pkg == NULL)
    return FALSE;
  placeholders = cd_docx_list_placeholders (pkg, NULL);
  if (placeholders == NULL || placeholders->len > 0)
    return FALSE;
  lists = cd_docx_check_form (pkg, NULL);
  if (lists == NULL || lists->len == 0)
    return FALSE;
  for (guint i = 0; i < lists->len; i++)
    if (((CdFormCheck *) g_ptr_array_index (lists, i))->revocation)
      *revocation = TRUE;
    else
      *request = TRUE;
  return TRUE;
}

const char *
cd_collect_list_kind (const CdCollectResult  *result,
                      const char             *template_path,
                      CdCollectKindSource    *source)
{
  CdCollectKindSource said = result->kind != NULL ? result->kind_source : CD_COLLECT_KIND_ASSUMED;
  const char *kind = result->kind;
  gboolean request, revocation;

  if (kind == NULL && template_path != NULL
      && form_sorts (template_path, &request, &revocation) && revocation && !request)
    {
      kind = "thu-hoi";
      said = CD_COLLECT_KIND_FORM;
    }
  if (kind == NULL)
    kind = "cap-moi";
  if (source != NULL)
    *source = said;
  return kind;
}

/* Why @result's list is made on the built-in form though @template_path
 * was chosen (cd_collect_list_template() gave NULL), translated. */
static const char *
builtin_why (const CdCollectResult *result,
             const char            *template_path)
{
  gboolean request, revocation;

  if (!form_sorts (template_path, &request, &revocation))
    return _("The template chosen is used for the first list only; the second list is made on the built-in form.");
  return result->second
         ? _("The Department's form holds no list of that sort, so the second list is made on the built-in form.")
         : _("The Department's form holds no list of this sort, so this list is made on the built-in form.");
}

const char *
cd_collect_list_template (const CdCollectResult *result,
                          const char            *template_path)
{
  gboolean request, revocation;

  /* one list: the form chosen, whatever it holds (the fill refuses a
   * form of the other sort, as a school's own list) */
  if (template_path == NULL || (result->other == NULL && !result->second))
    return template_path;
  if (!form_sorts (template_path, &request, &revocation))
    return result->second ? NULL : template_path;
  return (cd_form_kind_revocation (cd_collect_list_kind (result, NULL, NULL)) ? revocation : request)
         ? template_path : NULL;
}

char *
cd_collect_second_path (const CdCollectResult *result,
                        const char            *output)
{
  g_autofree char *lower = g_ascii_strdown (output, -1);
  g_autofree char *stem = NULL;

  if (result->other == NULL)
    return NULL;
  stem = g_str_has_suffix (lower, ".docx") ? g_strndup (output, strlen (output) - 5) : g_strdup (output);
  /* ASCII like the names the window proposes: it travels by e-mail */
  return g_strconcat (stem,
                      cd_form_kind_revocation (cd_collect_list_kind (result->other, NULL, NULL))
                      ? "-thu-hoi.docx" : "-de-nghi.docx",
                      NULL);
}

/* The list whose people go on the Cục's sheet: the request list when the
 * run made both, else the one list (a revocation list's too, as always). */
static const CdCollectResult *
sheet_list (const CdCollectResult *result)
{
  if (result->other != NULL
      && !cd_form_kind_revocation (cd_collect_list_kind (result->other, NULL, NULL)))
    return result->other;
  return result;
}

char *
cd_collect_sheet_text (const CdCollectResult *result)
{
  const CdCollectResult *sheet = sheet_list (result);

  if (result->other == NULL)
    return NULL;
  /* Translators: %u people */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "The Cục's sheet is for requests: it holds the %u person of the request list, no one of the revocation list.",
                                       "The Cục's sheet is for requests: it holds the %u people of the request list, no one of the revocation list.",
                                       sheet->people->len),
                          sheet->people->len);
}

/* The sentence saying which list @result is made as and what said so. */
static void
append_source (GString               *out,
               const CdCollectResult *result,
               const char            *template_path)
{
  CdCollectKindSource source;
  const char *kind = cd_collect_list_kind (result, template_path, &source);
  const CdDocKind *k = cd_doc_kind_lookup (kind);
  const char *title = k != NULL ? _(k->title) : kind;

  switch (source)
    {
    case CD_COLLECT_KIND_TITLE:
      /* Translators: %s is a kind of list ("Revocation list") */
      g_string_append_printf (out, _("The collected list is made as “%s”, the kind the lists' titles name."),
                              title);
      break;
    case CD_COLLECT_KIND_COLUMNS:
      g_string_append_printf (out, _("The collected list is made as “%s”: no list's title names its kind, but the lists have a revocation list's columns (Lý do thu hồi, Thông tin chứng thư số)."),
                              title);
      break;
    case CD_COLLECT_KIND_FORM:
      g_string_append_printf (out, _("The collected list is made as “%s”: no list's title names its kind, and the Department's form holds only a revocation list."),
                              title);
      break;
    case CD_COLLECT_KIND_ASSUMED:
    default:
      g_string_append_printf (out, _("No list's title or columns say which kind of list it is, so the collected list is made as “%s”. If the schools sent another kind, choose the Department's form for that kind, or ask the schools for lists whose title names it."),
                              title);
      break;
    }
}

char *
cd_collect_kind_text (const CdCollectResult *result,
                      const char            *template_path)
{
  const CdCollectResult *second = result->other;
  GString *out = g_string_new (NULL);

  append_source (out, result, template_path);
  if (second != NULL)
    {
      const CdDocKind *k = cd_doc_kind_lookup (cd_collect_list_kind (second, NULL, NULL));
      g_autoptr(GPtrArray) other = g_ptr_array_new ();
      g_autofree char *names = NULL;

      /* the files of the other sort went on a list of their own */
      for (guint i = 0; i < result->files->len; i++)
        {
          const CdCollectFile *f = g_ptr_array_index (result->files, i);

          if (f->list == 1)
            g_ptr_array_add (other, f->name);
        }
      g_ptr_array_add (other, NULL);
      names = g_strjoinv (", ", (char **) other->pdata);
      g_string_append_c (out, ' ');
      /* Translators: %u lists, %s their file names, then a kind of list */
      g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE,
                                                "%u list is of the other sort (%s): its people are not on this list but on a second list, made as “%s”.",
                                                "%u lists are of the other sort (%s): their people are not on this list but on a second list, made as “%s”.",
                                                other->len - 1),
                              other->len - 1, names, k != NULL ? _(k->title) : second->kind);
      if (template_path != NULL && cd_collect_list_template (result, template_path) == NULL)
        g_string_append_printf (out, " %s", builtin_why (result, template_path));
      if (template_path != NULL && cd_collect_list_template (second, template_path) == NULL)
        g_string_append_printf (out, " %s", builtin_why (second, template_path));
    }
  return g_string_free (out, FALSE);
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
  g_autoptr(GHashTable) levels = NULL;
  g_autofree char *builtin = NULL;
  CdDocContext *ctx;
  gboolean ok = FALSE;

  if (!check_people (result, error))
    return FALSE;
  levels = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) g_strfreev);
  /* with a second list, a Sở's form holding no list of this one's sort
   * leaves it to the built-in form */
  template_path = cd_collect_list_template (result, template_path);
  ctx = context_new (result, collector, levels, TRUE);
  g_free (ctx->kind);
  ctx->kind = g_strdup (cd_collect_list_kind (result, template_path, NULL));
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
        goto out;
      template_path = builtin;
    }
  ok = cd_docx_generate (template_path, ctx, output, overwrite, NULL, NULL, error);
out:
  context_return (ctx);
  return ok;
}

gboolean
cd_collect_write_bulk_sheet (const CdCollectResult  *result,
                             const CdUnit           *collector,
                             const char             *output,
                             gboolean                overwrite,
                             GError                **error)
{
  g_autoptr(GHashTable) levels = NULL;
  CdDocContext *ctx;
  gboolean ok;

  result = sheet_list (result);
  if (!check_people (result, error))
    return FALSE;
  levels = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) g_strfreev);
  ctx = context_new (result, collector, levels, TRUE);
  ok = cd_xlsx_write_bulk_sheet (output, ctx, overwrite, error);
  context_return (ctx);
  return ok;
}

char *
cd_collect_bulk_gaps_text (const CdCollectResult *result,
                           const CdUnit          *collector,
                           guint                 *n_rows)
{
  g_autoptr(GHashTable) levels = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                        (GDestroyNotify) g_strfreev);
  g_autoptr(GPtrArray) gaps = NULL;
  CdDocContext *ctx;
  GString *out;

  result = sheet_list (result);
  /* the check builds each row as the sheet's writer does */
  ctx = context_new (result, collector, levels, TRUE);
  gaps = cd_xlsx_bulk_check (ctx);
  context_return (ctx);
  if (n_rows != NULL)
    *n_rows = gaps->len;
  if (gaps->len == 0)
    return NULL;
  out = g_string_new (NULL);
  g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE,
                                            "The Cục's sheet: %u row has empty required cells; ask its school:",
                                            "The Cục's sheet: %u rows have empty required cells; ask their schools:",
                                            gaps->len),
                          gaps->len);
  g_string_append_c (out, '\n');
  for (guint i = 0; i < gaps->len; i++)
    {
      const CdXlsxBulkGap *gap = g_ptr_array_index (gaps, i);
      const CdCollectPerson *p = g_ptr_array_index (result->people, gap->row - 2);
      const CdCollectFile *f = g_ptr_array_index (result->files, p->file);
      g_autofree char *line = cd_xlsx_bulk_gap_line (gap);

      /* Translators: a row of the Cục's sheet with its empty cells, then
       * the school's file and row it came from */
      g_string_append_printf (out, _("   %s (from %s, row %u)"), line, f->name, p->row);
      g_string_append_c (out, '\n');
    }
  return g_string_free (out, FALSE);
}

gboolean
cd_collect_write_report (const CdCollectResult  *result,
                         const char             *extra,
                         const char             *output,
                         gboolean                overwrite,
                         GError                **error)
{
  g_autofree char *report = cd_collect_report_text (result);
  g_autofree char *text = extra != NULL ? g_strconcat (report, "\n", extra, NULL) : g_steal_pointer (&report);

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

/* What the report and the window add to the collection's report: which
 * lists were made, which people the Cục's sheet holds (with @bulk), then
 * @gaps. */
static char *
save_extra (const CdCollectResult *result,
            const char            *kind,
            gboolean               bulk,
            const char            *gaps)
{
  g_autofree char *sheet = bulk ? cd_collect_sheet_text (result) : NULL;
  GString *out = g_string_new (kind);

  if (sheet != NULL)
    g_string_append_printf (out, "\n%s", sheet);
  g_string_append_c (out, '\n');
  if (gaps != NULL)
    g_string_append_printf (out, "\n%s", gaps);
  return g_string_free (out, FALSE);
}

static void
save_thread (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  SaveData *data = task_data;
  const CdCollectSave *s = data->save;
  g_autofree char *kind = cd_collect_kind_text (data->result, s->template_path);
  g_autofree char *second = cd_collect_second_path (data->result, s->output);
  g_autofree char *gaps = NULL;
  g_autofree char *extra = NULL;
  GError *error = NULL;

  /* the report says which lists were made, and which rows of the sheet
   * the Cục would find incomplete */
  if (s->bulk_sheet != NULL && s->report != NULL)
    gaps = cd_collect_bulk_gaps_text (data->result, s->collector, NULL);
  extra = save_extra (data->result, kind, s->bulk_sheet != NULL, gaps);
  if (!cd_collect_write_list (data->result, s->collector, s->template_path, s->output,
                              s->overwrite, &error)
      || g_cancellable_set_error_if_cancelled (cancellable, &error)
      || (second != NULL
          && !cd_collect_write_list (data->result->other, s->collector, s->template_path, second,
                                     s->overwrite, &error))
      || (s->bulk_sheet != NULL
          && !cd_collect_write_bulk_sheet (data->result, s->collector, s->bulk_sheet,
                                           s->overwrite, &error))
      || (s->report != NULL
          && !cd_collect_write_report (data->result, extra, s->report, s->overwrite, &error)))
    g_task_return_error (task, error);
  else
    {
      g_autofree char *sheet = s->bulk_sheet != NULL ? cd_collect_sheet_text (data->result) : NULL;

      g_task_return_pointer (task,
                             sheet != NULL ? g_strconcat (kind, " ", sheet, NULL) : g_steal_pointer (&kind),
                             g_free);
    }
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
                        char         **kind_text,
                        GError       **error)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == cd_collect_save_async, FALSE);

  text = g_task_propagate_pointer (G_TASK (result), error);
  if (text == NULL)
    return FALSE;
  if (kind_text != NULL)
    *kind_text = g_steal_pointer (&text);
  return TRUE;
}
