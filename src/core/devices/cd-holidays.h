/* cd-holidays.h — the public holidays working days skip
 *
 * A CdHolidays is the list of public holidays (Tết, 30/4, 2/9…) shipped
 * with CertDesk and edited by the clerk; cd-workdays.h counts working
 * days with it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

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
/* Whether @date is on the list (constant time: asked for every day of
 * every deadline). */
gboolean    cd_holidays_contains     (const CdHolidays *self,
                                      const GDate      *date);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CdHolidays, cd_holidays_free)

G_END_DECLS
