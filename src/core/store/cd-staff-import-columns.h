/* cd-staff-import-columns.h — which column of a staff list holds which
 * field, found from its header row(s) (private to the store)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cd-sheet.h"

G_BEGIN_DECLS

/* The fields a staff list's columns can hold. Short names: this header
 * is read only by cd-staff-import*.c. */
typedef enum {
  F_NONE = -1,
  F_STT,
  F_NAME,
  F_FAMILY,
  F_GIVEN,
  F_BIRTH,
  F_GENDER,
  F_POSITION,
  F_DEPARTMENT,
  F_CCCD,
  F_CCCD_DATE,
  F_CCCD_PLACE,
  F_PHONE,
  F_EMAIL,
  F_NOTE,
  N_FIELDS
} Field;

typedef struct {
  int  col[N_FIELDS];      /* column of each field, -1 when absent */
  guint n_fields;
} Mapping;

void     cd_import_map_init      (Mapping          *m);
/* A full name, or a family name and a given name. */
gboolean cd_import_map_has_name  (const Mapping    *m);
/* @r read as a one-row header. */
void     cd_import_map_single        (const CdSheetRow *r,
                            Mapping          *m);
/* @top and @sub read as a two-row header (merged cells over sub-columns). */
void     cd_import_map_double        (const CdSheetRow *top,
                            const CdSheetRow *sub,
                            Mapping          *m);
/* A row "(1) (2) (3)…" or "1 2 3…" under the header. */
gboolean cd_import_is_column_numbers (const CdSheetRow *r);

G_END_DECLS
