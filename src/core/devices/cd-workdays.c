/* cd-workdays.c — working days for legal deadlines
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>

#include "cd-workdays.h"

gboolean
cd_workdays_parse_iso (const char *iso,
                       GDate      *out)
{
  unsigned y, m, d;
  char tail;

  if (iso == NULL || sscanf (iso, "%4u-%2u-%2u%c", &y, &m, &d, &tail) != 3)
    return FALSE;
  if (!g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y))
    return FALSE;
  g_date_clear (out, 1);
  g_date_set_dmy (out, (GDateDay) d, (GDateMonth) m, (GDateYear) y);
  return TRUE;
}

char *
cd_workdays_format_iso (const GDate *date)
{
  return g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (date),
                          g_date_get_month (date), g_date_get_day (date));
}

gboolean
cd_workdays_is_working_day (const CdHolidays *holidays,
                            const GDate      *date)
{
  GDateWeekday wd = g_date_get_weekday (date);

  if (wd == G_DATE_SATURDAY || wd == G_DATE_SUNDAY)
    return FALSE;
  if (holidays == NULL)
    return TRUE;
  return !cd_holidays_contains (holidays, date);
}

char *
cd_workdays_add (const CdHolidays *holidays,
                 const char       *from_iso,
                 guint             n)
{
  GDate date;
  guint counted = 0;

  if (!cd_workdays_parse_iso (from_iso, &date))
    return NULL;
  while (counted < n)
    {
      g_date_add_days (&date, 1);
      if (cd_workdays_is_working_day (holidays, &date))
        counted++;
    }
  return cd_workdays_format_iso (&date);
}

int
cd_workdays_between (const CdHolidays *holidays,
                     const char       *from_iso,
                     const char       *to_iso)
{
  GDate from, to, *lo, *hi;
  int sign = 1, count = 0;

  if (!cd_workdays_parse_iso (from_iso, &from) || !cd_workdays_parse_iso (to_iso, &to))
    return 0;
  lo = &from;
  hi = &to;
  if (g_date_compare (&from, &to) > 0)
    {
      lo = &to;
      hi = &from;
      sign = -1;
    }
  while (g_date_compare (lo, hi) < 0)
    {
      g_date_add_days (lo, 1);
      if (cd_workdays_is_working_day (holidays, lo))
        count++;
    }
  return sign * count;
}
