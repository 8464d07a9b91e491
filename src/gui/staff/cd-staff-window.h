/* cd-staff-window.h — one staff member: record, certificates, devices
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "cd-store.h"

G_BEGIN_DECLS

#define CD_TYPE_STAFF_WINDOW (cd_staff_window_get_type ())
G_DECLARE_FINAL_TYPE (CdStaffWindow, cd_staff_window, CD, STAFF_WINDOW, AdwWindow)

/* @staff_id 0 opens an empty record for a new staff member; @prefill (may
 * be NULL) fills the fields of a new one (e.g. from a certificate).
 * Emits "changed" after anything was written to the register. */
CdStaffWindow *cd_staff_window_new  (GtkWindow     *parent,
                                     CdStore       *store,
                                     gint64         staff_id,
                                     const CdStaff *prefill);

G_END_DECLS
