/* cd-demo.h — a realistic sample register for training, screenshots and
 * benchmarks (certdesk --demo)
 *
 * Deterministic for a given seed: the same people every time, so
 * screenshots and tests can name them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "cd-store.h"

G_BEGIN_DECLS

/* One sample staff member with what belongs to them. */
typedef struct {
  CdStaff       *staff;
  GPtrArray     *certificates;  /* CdCertificate, staff_id still 0 */
  CdDevice      *device;        /* NULL when the person has no token */
  guint          device_cert;   /* with @device: the index in @certificates
                                 * of the certificate on it */
} CdDemoPerson;

void       cd_demo_person_free     (CdDemoPerson *person);

/* The sample unit (a THCS school in Hải Phòng). */
CdUnit    *cd_demo_unit            (void);

/* @n people of a school, certificates spread over every status at @now
 * (valid, expiring within 60 days, expired, revoked, none) with long
 * upper-case hex serials. Element type CdDemoPerson. */
GPtrArray *cd_demo_people          (guint        n,
                                    guint32      seed,
                                    gint64       now);

/* Writes cd_demo_unit() and cd_demo_people (@n, @seed, now) into @store
 * staff, their certificates (linked) and devices. */
gboolean   cd_demo_fill            (CdStore     *store,
                                    guint        n,
                                    guint32      seed,
                                    GError     **error);

/* The province codes that open a CCCD number ("031" Hải Phòng…); for
 * checks. */
gboolean   cd_demo_is_province_code (const char *three_digits);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CdDemoPerson, cd_demo_person_free)

G_END_DECLS
