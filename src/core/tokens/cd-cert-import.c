/* cd-cert-import.c — certificate files into the register, with a report
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cd-cert-import.h"
#include "cd-store-worker.h"

static void
file_outcome_free (CdCertFileOutcome *o)
{
  g_free (o->path);
  g_clear_pointer (&o->outcomes, g_ptr_array_unref);
  g_clear_error (&o->error);
  g_free (o);
}

void
cd_cert_import_report_free (CdCertImportReport *report)
{
  if (report == NULL)
    return;
  g_clear_pointer (&report->files, g_ptr_array_unref);
  g_free (report);
}

CdCertImportReport *
cd_cert_import_files (CdStore             *store,
                      const char * const  *paths,
                      GCancellable        *cancellable,
                      GError             **error)
{
  g_autoptr(CdCertImportReport) report = g_new0 (CdCertImportReport, 1);

  g_return_val_if_fail (CD_IS_STORE (store), NULL);

  report->files = g_ptr_array_new_with_free_func ((GDestroyNotify) file_outcome_free);
  for (guint f = 0; paths != NULL && paths[f] != NULL; f++)
    {
      CdCertFileOutcome *fo;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;
      fo = g_new0 (CdCertFileOutcome, 1);
      fo->path = g_strdup (paths[f]);
      g_ptr_array_add (report->files, fo);
      /* The tokens area's linker: the unit and its services first, then
       * email, CCCD, an unambiguous name; never a guess. */
      fo->outcomes = cd_cert_link_import_file (store, paths[f], &fo->error);
      for (guint i = 0; fo->outcomes != NULL && i < fo->outcomes->len; i++)
        {
          const CdLinkOutcome *o = g_ptr_array_index (fo->outcomes, i);

          report->n_read++;
          if (o->staff_id != 0)
            report->n_linked++;
          else if (o->holder_kind == CD_CERT_HOLDER_UNIT || o->holder_kind == CD_CERT_HOLDER_SERVICE)
            report->n_unit++;
          if (o->how == CD_LINK_KEPT)
            report->n_known++;
        }
    }
  return g_steal_pointer (&report);
}

char *
cd_cert_import_report_problems (const CdCertImportReport *report)
{
  g_autoptr(GString) s = g_string_new (NULL);

  g_return_val_if_fail (report != NULL, NULL);

  for (guint f = 0; f < report->files->len; f++)
    {
      const CdCertFileOutcome *fo = g_ptr_array_index (report->files, f);

      if (fo->outcomes == NULL)
        {
          g_autofree char *base = g_path_get_basename (fo->path);

          g_string_append_printf (s, "%s: %s\n", base, fo->error ? fo->error->message : "");
          continue;
        }
      for (guint i = 0; i < fo->outcomes->len; i++)
        {
          const CdLinkOutcome *o = g_ptr_array_index (fo->outcomes, i);

          if (o->holder_kind == CD_CERT_HOLDER_NONE && o->how != CD_LINK_CA_TRUSTED && o->message != NULL)
            g_string_append_printf (s, "%s\n", o->message);
        }
    }
  return s->len > 0 ? g_string_free (g_steal_pointer (&s), FALSE) : NULL;
}

/* ---- On a worker thread --------------------------------------------- */

static gpointer
import_files_work (CdStore       *store,
                   gpointer       paths,
                   GCancellable  *cancellable,
                   GError       **error)
{
  return cd_cert_import_files (store, paths, cancellable, error);
}

void
cd_cert_import_files_async (CdStore             *store,
                            const char * const  *paths,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  cd_store_run_async (store, import_files_work, g_strdupv ((char **) paths), (GDestroyNotify) g_strfreev,
                      (GDestroyNotify) cd_cert_import_report_free, "certificate",
                      cd_cert_import_files_async, cancellable, callback, user_data);
}

CdCertImportReport *
cd_cert_import_files_finish (CdStore       *store,
                             GAsyncResult  *result,
                             GError       **error)
{
  return cd_store_run_finish (store, result, cd_cert_import_files_async, error);
}
