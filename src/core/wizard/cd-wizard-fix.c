/* cd-wizard-fix.c — a field of a person's record corrected from the
 * wizard's gaps step, written on a worker
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cd-store-worker.h"
#include "cd-wizard-fix.h"

/* The record's slot for a gap's @field, NULL for none the step writes. */
static char **
field_slot (CdStaff    *s,
            const char *field)
{
  if (g_strcmp0 (field, "cccd") == 0)
    return &s->cccd;
  if (g_strcmp0 (field, "cccd_date") == 0)
    return &s->cccd_date;
  if (g_strcmp0 (field, "cccd_place") == 0)
    return &s->cccd_place;
  if (g_strcmp0 (field, "birth_date") == 0)
    return &s->birth_date;
  if (g_strcmp0 (field, "phone") == 0)
    return &s->phone;
  if (g_strcmp0 (field, "email") == 0)
    return &s->email;
  return NULL;
}

gboolean
cd_wizard_fix_field (CdStore     *store,
                     gint64       staff_id,
                     const char  *field,
                     const char  *value,
                     GError     **error)
{
  g_autoptr(CdStaff) s = NULL;
  char **slot;

  g_return_val_if_fail (CD_IS_STORE (store), FALSE);

  s = cd_store_get_staff (store, staff_id, error);
  if (s == NULL)
    return FALSE;
  slot = field_slot (s, field);
  if (slot == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "no field “%s” to correct in a record", field ? field : "");
      return FALSE;
    }
  g_free (*slot);
  *slot = value != NULL && *value != '\0' ? g_strdup (value) : NULL;
  /* the store normalises dates, phone and email, and names what is wrong */
  return cd_store_save_staff (store, s, error);
}

/* ---- On a worker -------------------------------------------------------- */

typedef struct {
  gint64  staff_id;
  char   *field;
  char   *value;
} FixJob;

static void
fix_job_free (gpointer data)
{
  FixJob *job = data;

  g_free (job->field);
  g_free (job->value);
  g_free (job);
}

static gpointer
fix_work (CdStore       *store,
          gpointer       data,
          GCancellable  *cancellable,
          GError       **error)
{
  FixJob *job = data;

  /* nothing to free: any non-NULL pointer says it was written */
  return cd_wizard_fix_field (store, job->staff_id, job->field, job->value, error)
         ? GINT_TO_POINTER (TRUE) : NULL;
}

void
cd_wizard_fix_async (CdStore             *store,
                     gint64               staff_id,
                     const char          *field,
                     const char          *value,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  FixJob *job;

  g_return_if_fail (CD_IS_STORE (store));

  job = g_new0 (FixJob, 1);
  job->staff_id = staff_id;
  job->field = g_strdup (field);
  job->value = g_strdup (value);
  cd_store_run_async (store, fix_work, job, fix_job_free, NULL, "staff",
                      cd_wizard_fix_async, cancellable, callback, user_data);
}

gboolean
cd_wizard_fix_finish (CdStore       *store,
                      GAsyncResult  *result,
                      GError       **error)
{
  return cd_store_run_finish (store, result, cd_wizard_fix_async, error) != NULL;
}
