/* cd-workdays.h — working days for legal deadlines
 *
 * A device must be recovered within 5 working days of the revocation
 * notice or the expiry (Nghị định 68/2024). Working days skip Saturdays,
 * Sundays and the public holidays in a CdHolidays list (cd-holidays.h).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "cd-holidays.h"

G_BEGIN_DECLS

#define CD_RECOVERY_WORKING_DAYS 5

/* "yyyy-mm-dd" → @out; FALSE when malformed or not a date. */
gboolean    cd_workdays_parse_iso    (const char  *iso,
                                      GDate       *out);
/* @date as "yyyy-mm-dd". */
char       *cd_workdays_format_iso   (const GDate *date);

gboolean    cd_workdays_is_working_day (const CdHolidays *holidays,
                                        const GDate      *date);
/* The date @n working days after @from (@from itself never counts), as
 * ISO; NULL when @from is malformed. */
char       *cd_workdays_add          (const CdHolidays *holidays,
                                      const char       *from_iso,
                                      guint             n);
/* Working days from @from to @to (exclusive of @from, inclusive of @to);
 * negative when @to is before @from. Used for "overdue by N days". */
int         cd_workdays_between      (const CdHolidays *holidays,
                                      const char       *from_iso,
                                      const char       *to_iso);

G_END_DECLS
