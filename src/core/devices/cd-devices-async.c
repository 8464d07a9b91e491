/* cd-devices-async.c — the device area's work on a worker
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cd-fileutil.h"
#include "cd-devices-async.h"
#include "cd-store-worker.h"

/* ---- The overview ---------------------------------------------------- */

static gpointer
overview_work (CdStore       *store,
               gpointer       now,
               GCancellable  *cancellable,
               GError       **error)
{
  return cd_devices_overview (store, *(gint64 *) now, error);
}

void
cd_devices_overview_async (CdStore             *store,
                           gint64               now,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  /* No "changed": the tasks it opens are shown by the caller, and a
   * signal would have the Thiết bị view read everything again. */
  cd_store_run_async (store, overview_work, g_memdup2 (&now, sizeof now), g_free,
                      (GDestroyNotify) cd_device_overview_free, NULL,
                      cd_devices_overview_async, cancellable, callback, user_data);
}

CdDeviceOverview *
cd_devices_overview_finish (CdStore       *store,
                            GAsyncResult  *result,
                            GError       **error)
{
  return cd_store_run_finish (store, result, cd_devices_overview_async, error);
}

/* ---- Minutes --------------------------------------------------------- */

typedef struct {
  const CdMinutes *minutes;
  gboolean         docx;
  char            *template_path;
  char            *target;
} MinutesSave;

static void
minutes_save_free (MinutesSave *s)
{
  g_free (s->template_path);
  g_free (s->target);
  g_free (s);
}

static gpointer
minutes_save_work (CdStore       *store,
                   gpointer       data,
                   GCancellable  *cancellable,
                   GError       **error)
{
  MinutesSave *s = data;
  g_autofree char *stage = NULL;
  gboolean ok;

  /* A register that cannot note it (damaged) still lets the file be
   * saved: recording is optional. */
  stage = cd_store_document_prepare (store, s->target, TRUE, TRUE, error);
  if (stage == NULL)
    return NULL;
  /* The minutes are not changed once recorded: safe to read here. */
  ok = s->docx ? cd_minutes_save_docx (s->minutes, s->template_path, stage, TRUE, error)
               : cd_minutes_export_pdf (s->minutes, stage, TRUE, error);
  if (!ok)
    {
      cd_store_document_abort (stage, s->target, error);
      return NULL;
    }
  if (!cd_store_document_commit (store, stage, s->target, TRUE, TRUE,
                                 s->docx ? "minutes-docx" : "minutes-pdf",
                                 cd_minutes_template_id (s->minutes->kind), NULL,
                                 NULL, NULL, NULL, error))
    return NULL;
  return GINT_TO_POINTER (TRUE);
}

void
cd_minutes_save_async (CdStore             *store,
                       const CdMinutes     *minutes,
                       gboolean             docx,
                       const char          *template_path,
                       const char          *target,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  MinutesSave *s;

  g_return_if_fail (minutes != NULL);
  g_return_if_fail (target != NULL);

  s = g_new0 (MinutesSave, 1);
  s->minutes = minutes;
  s->docx = docx;
  s->template_path = g_strdup (template_path);
  s->target = g_strdup (target);
  cd_store_run_async (store, minutes_save_work, s, (GDestroyNotify) minutes_save_free, NULL, NULL,
                      cd_minutes_save_async, cancellable, callback, user_data);
}

gboolean
cd_minutes_save_finish (CdStore       *store,
                        GAsyncResult  *result,
                        GError       **error)
{
  return cd_store_run_finish (store, result, cd_minutes_save_async, error) != NULL;
}

/* ---- The handover notice -------------------------------------------- */

typedef struct {
  const CdHandoverNotice *notice;
  char                   *target;
} NoticeExport;

static void
notice_export_free (NoticeExport *n)
{
  g_free (n->target);
  g_free (n);
}

static gpointer
notice_export_work (CdStore       *store,
                    gpointer       data,
                    GCancellable  *cancellable,
                    GError       **error)
{
  NoticeExport *n = data;
  g_autofree char *stage = cd_store_document_prepare (store, n->target, TRUE, TRUE, error);

  if (stage == NULL)
    return NULL;
  /* Drawing the pages is document generation: off the main loop. */
  if (!cd_handover_notice_export_pdf (n->notice, stage, TRUE, error))
    {
      cd_store_document_abort (stage, n->target, error);
      return NULL;
    }
  if (!cd_store_document_commit (store, stage, n->target, TRUE, TRUE, "thong-bao-ban-giao",
                                 "built-in", NULL, NULL, NULL, NULL, error))
    return NULL;
  return GINT_TO_POINTER (TRUE);
}

void
cd_handover_notice_export_async (CdStore                *store,
                                 const CdHandoverNotice *notice,
                                 const char             *target,
                                 GCancellable           *cancellable,
                                 GAsyncReadyCallback     callback,
                                 gpointer                user_data)
{
  NoticeExport *n;

  g_return_if_fail (notice != NULL);
  g_return_if_fail (target != NULL);

  n = g_new0 (NoticeExport, 1);
  n->notice = notice;
  n->target = g_strdup (target);
  cd_store_run_async (store, notice_export_work, n, (GDestroyNotify) notice_export_free, NULL, NULL,
                      cd_handover_notice_export_async, cancellable, callback, user_data);
}

gboolean
cd_handover_notice_export_finish (CdStore       *store,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  return cd_store_run_finish (store, result, cd_handover_notice_export_async, error) != NULL;
}
