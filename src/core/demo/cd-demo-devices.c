/* cd-demo-devices.c — the demo register's tokens as a clerk's register
 * has them on the day the demo is built: handed over, and the expired
 * ones taken back and returned, so that only the recent ones are left to
 * recover (never a year overdue).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cd-demo-private.h"
#include "cd-device-register.h"

#define DAY ((gint64) 86400)

/* Tokens whose certificate ended longer ago than this were taken back. */
#define RECOVERED_AFTER_DAYS 14
/* Those taken back longer ago than this went back to their provider. */
#define RETURNED_AFTER_DAYS 30

char *
cd_demo_iso_date (gint64 t)
{
  g_autoptr(GDateTime) d = g_date_time_new_from_unix_local (t);

  return g_date_time_format (d, "%Y-%m-%d");
}

/* @t moved to the next Monday when it falls on a weekend: the clerk works
 * on weekdays. */
static gint64
weekday (gint64 t)
{
  g_autoptr(GDateTime) d = g_date_time_new_from_unix_local (t);
  int dow = g_date_time_get_day_of_week (d);   /* 1 = Monday … 7 = Sunday */

  return dow >= 6 ? t + (8 - dow) * DAY : t;
}

gint64
cd_demo_weekday_before (gint64 t)
{
  g_autoptr(GDateTime) d = g_date_time_new_from_unix_local (t);
  int dow = g_date_time_get_day_of_week (d);

  return dow >= 6 ? t - (dow - 5) * DAY : t;
}

static const CdCertificate *
device_certificate (const CdDemoPerson *p)
{
  return g_ptr_array_index (p->certificates, p->device_cert);
}

gboolean
cd_demo_register_device (CdStore      *store,
                         CdDemoPerson *p,
                         gint64        now,
                         GError      **error)
{
  const CdCertificate *c = device_certificate (p);
  g_autofree char *handed = cd_demo_iso_date (MIN (weekday (c->not_before), now));

  return cd_devices_register_held (store, p->device, p->staff->id, handed, error);
}

static gboolean
return_to_provider (CdStore    *store,
                    GArray     *ids,
                    const char *provider,
                    gint64      day,
                    GError    **error)
{
  g_autofree char *date = cd_demo_iso_date (day);
  g_autoptr(CdHandoverEvent) ev = cd_handover_event_new (CD_HANDOVER_RETURN_TO_PROVIDER, date);

  if (ids->len == 0)
    return TRUE;
  ev->place = g_strdup ("Trường THCS Lê Lợi");
  g_ptr_array_add (ev->people, cd_event_person_new ("giver", "Vũ Thị Minh Thư", "Văn thư",
                                                    "Trường THCS Lê Lợi"));
  g_ptr_array_add (ev->people, cd_event_person_new ("receiver", "Nguyễn Văn Tùng", "Cán bộ kỹ thuật",
                                                    provider));
  return cd_devices_return_to_provider (store, (const gint64 *) ids->data, ids->len, ev, error);
}

gboolean
cd_demo_recover_devices (CdStore    *store,
                         GPtrArray  *people,
                         gint64      now,
                         GError    **error)
{
  g_autoptr(GArray) government = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) vnpt = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 returned_on = weekday (now - (RETURNED_AFTER_DAYS - 5) * DAY);

  for (guint i = 0; i < people->len; i++)
    {
      CdDemoPerson *p = g_ptr_array_index (people, i);
      const CdCertificate *c;
      gint64 taken;
      g_autofree char *date = NULL;
      g_autoptr(CdHandoverEvent) ev = NULL;

      if (p->device == NULL)
        continue;
      c = device_certificate (p);
      if (c->revoked || c->not_after > now - RECOVERED_AFTER_DAYS * DAY)
        continue;
      /* a few days after it ended, within the five working days */
      taken = weekday (c->not_after + 2 * DAY);
      date = cd_demo_iso_date (taken);
      ev = cd_handover_event_new (CD_HANDOVER_TAKE_BACK, date);
      ev->device_id = p->device->id;
      ev->note = g_strdup ("Chứng thư số hết hạn");
      if (!cd_devices_apply (store, ev, 0, error))
        return FALSE;
      if (taken < now - RETURNED_AFTER_DAYS * DAY)
        g_array_append_val (c->provider != NULL && g_str_equal (c->provider, "VNPT") ? vnpt : government,
                            p->device->id);
    }
  return return_to_provider (store, government, "Ban Cơ yếu Chính phủ", returned_on, error)
         && return_to_provider (store, vnpt, "VNPT", returned_on, error);
}
