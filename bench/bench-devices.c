/* bench-devices.c — the device register at the size of a large unit:
 * receiving a batch of 500 tokens, handing each out, the history of a
 * device and of a staff member, the open tasks, and the Mẫu 08 minutes
 * of 200 devices rendered to PDF. Prints milliseconds.
 *
 *   bench-devices [FOLDER]
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>
#include <locale.h>
#include <glib/gstdio.h>

#include "cd-device-minutes.h"
#include "cd-test-fixture.h"

static double
ms_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

static void
die (GError *error)
{
  g_printerr ("bench-devices: %s\n", error ? error->message : "failed");
  exit (1);
}

int
main (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = argc > 1 ? g_strdup (argv[1]) : g_dir_make_tmp ("certdesk-bench-XXXXXX", NULL);
  g_autofree char *db = g_build_filename (dir, "certdesk.db", NULL);
  g_autofree char *pdf = g_build_filename (dir, "mau08.pdf", NULL);
  g_autoptr(CdStore) store = NULL;
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func ((GDestroyNotify) cd_device_free);
  g_autoptr(CdHandoverEvent) recv = cd_handover_event_new (CD_HANDOVER_RECEIVE, "2026-01-05");
  g_autoptr(CdHolidays) holidays = NULL;
  g_autoptr(CdHandoverEvent) back = cd_handover_event_new (CD_HANDOVER_RETURN_TO_PROVIDER, "2026-03-20");
  g_autoptr(CdMinutes) minutes = NULL;
  g_autoptr(GArray) staff_ids = NULL;
  gint64 staff[100], ids[500], t;
  const guint n_dev = 500, n_staff = 100, n_returned = 200;

  setlocale (LC_ALL, "");
  g_unlink (db);
  store = cd_store_open (db, &error);
  if (store == NULL)
    die (error);
  /* The fixture library's staff (realistic names, seed 7). */
  if (!cd_test_register_fill (store, n_staff, CD_TEST_REGISTER_STAFF, g_get_real_time () / G_USEC_PER_SEC,
                              &staff_ids, &error))
    die (error);
  for (guint i = 0; i < n_staff; i++)
    staff[i] = g_array_index (staff_ids, gint64, i);
  holidays = cd_devices_load_holidays (store, &error);
  if (holidays == NULL)
    die (error);

  for (guint i = 0; i < n_dev; i++)
    {
      CdDevice *d = cd_device_new ();
      d->token_serial = g_strdup_printf ("B4ID2026%06u", i);
      d->model = g_strdup ("TokenME EVO v2");
      g_ptr_array_add (batch, d);
    }
  t = g_get_monotonic_time ();
  if (!cd_devices_receive (store, batch, recv, &error))
    die (error);
  g_print ("receive batch of %u devices: %.1f ms\n", n_dev, ms_since (t));
  for (guint i = 0; i < n_dev; i++)
    ids[i] = ((CdDevice *) g_ptr_array_index (batch, i))->id;

  t = g_get_monotonic_time ();
  for (guint i = 0; i < n_dev; i++)
    {
      g_autoptr(CdHandoverEvent) ev = cd_handover_event_new (CD_HANDOVER_HAND_TO_HOLDER, "2026-01-10");
      ev->device_id = ids[i];
      if (!cd_devices_apply (store, ev, staff[i % n_staff], &error))
        die (error);
    }
  g_print ("hand %u devices out, one transaction each: %.1f ms (%.2f ms each)\n", n_dev,
           ms_since (t), ms_since (t) / n_dev);

  t = g_get_monotonic_time ();
  for (guint i = 0; i < n_returned; i++)
    {
      g_autoptr(CdHandoverEvent) ev = cd_handover_event_new (CD_HANDOVER_TAKE_BACK, "2026-03-10");
      ev->device_id = ids[i];
      if (!cd_devices_apply (store, ev, 0, &error)
          || !cd_devices_add_recovery_task (store, ids[i], 0, "2026-03-02", holidays, NULL, &error))
        die (error);
    }
  g_print ("take back %u devices with their recovery tasks: %.1f ms\n", n_returned, ms_since (t));

  t = g_get_monotonic_time ();
  {
    g_autoptr(GPtrArray) h = cd_devices_history (store, ids[7], 0, &error);
    g_autoptr(GPtrArray) hs = cd_devices_history (store, 0, staff[7], &error);
    g_print ("history of a device (%u events) and of a staff member (%u events): %.2f ms\n",
             h->len, hs->len, ms_since (t));
  }
  t = g_get_monotonic_time ();
  {
    g_autoptr(GPtrArray) tasks = cd_devices_list_open_tasks (store, "2026-03-20", holidays, &error);
    g_print ("open tasks (%u, overdue computed): %.2f ms\n", tasks->len, ms_since (t));
  }
  t = g_get_monotonic_time ();
  {
    int n = cd_devices_sync_recovery_tasks (store, g_get_real_time () / G_USEC_PER_SEC, holidays, &error);
    g_print ("sync recovery tasks over %u devices (%d opened): %.2f ms\n", n_dev, n, ms_since (t));
  }

  t = g_get_monotonic_time ();
  if (!cd_devices_return_to_provider (store, ids, n_returned, back, &error))
    die (error);
  g_print ("Mẫu 08 of %u devices recorded: %.1f ms\n", n_returned, ms_since (t));
  t = g_get_monotonic_time ();
  minutes = cd_minutes_new (store, back, ids, n_returned, &error);
  if (minutes == NULL)
    die (error);
  g_print ("its minutes gathered: %.1f ms\n", ms_since (t));
  t = g_get_monotonic_time ();
  if (!cd_minutes_export_pdf (minutes, pdf, TRUE, &error))
    die (error);
  g_print ("rendered to PDF (%s): %.1f ms\n", pdf, ms_since (t));
  return 0;
}
