/* cd-workdays.h — working days for legal deadlines
 *
 * A device must be recovered within 5 working days of the revocation
 * notice or the expiry (Nghị định 68/2024). Working days skip Saturdays,
 * Sundays and the public holidays in a CdHolidays list.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define CD_RECOVERY_WORKING_DAYS 5

typedef struct _CdHolidays CdHolidays;

CdHolidays *cd_holidays_new          (void);
void        cd_holidays_free         (CdHolidays  *self);
/* Adds (or renames) a holiday; @iso is "yyyy-mm-dd". FALSE if malformed. */
gboolean    cd_holidays_add          (CdHolidays  *self,
                                      const char  *iso,
                                      const char  *name);
gboolean    cd_holidays_remove       (CdHolidays  *self,
                                      const char  *iso);
/* Reads "yyyy-mm-dd<TAB>name" lines (# comments). A malformed line is an
 * error naming its line number. */
gboolean    cd_holidays_load_file    (CdHolidays  *self,
                                      const char  *path,
                                      GError     **error);
/* The list shipped with CertDesk (pkgdatadir/holidays.tsv). */
CdHolidays *cd_holidays_new_default  (GError     **error);
/* Name of the holiday on @iso, or NULL. */
const char *cd_holidays_lookup       (const CdHolidays *self,
                                      const char       *iso);
/* Sorted ISO dates. Free with g_strfreev(). */
char      **cd_holidays_list         (const CdHolidays *self);

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

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CdHolidays, cd_holidays_free)

G_END_DECLS
