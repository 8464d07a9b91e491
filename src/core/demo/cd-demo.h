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
 * upper-case hex serials. Every date is relative to @now: the first five
 * tokens whose certificate expired have it end 1, 3, 6, 10 and 20 days
 * before @now (the recovery tasks a clerk has open, one token taken
 * back, cd_demo_fill()), one token's
 * certificate was issued 20 days before it. Element type CdDemoPerson. */
GPtrArray *cd_demo_people          (guint        n,
                                    guint32      seed,
                                    gint64       now);

/* Noon today, local time (Unix seconds): the "now" of the demo register,
 * so that it is the same all day. */
gint64     cd_demo_today           (void);

/* Writes cd_demo_unit() and cd_demo_people (@n, @seed, cd_demo_today())
 * into @store: staff, their certificates (linked) and devices, handed to
 * their holders when their certificate was issued; the tokens whose
 * certificate ended more than two weeks ago already taken back (and
 * returned to the provider after a month), so that only the recent ones
 * are left to recover, none more than a few working days late. With
 * @folder (the demo's own, NULL for none), also two request lists in Hồ
 * sơ, one sent and awaiting the Sở, one done, their Word files in it. */
gboolean   cd_demo_fill            (CdStore     *store,
                                    guint        n,
                                    guint32      seed,
                                    const char  *folder,
                                    GError     **error);

/* The province codes that open a CCCD number ("031" Hải Phòng…); for
 * checks. */
gboolean   cd_demo_is_province_code (const char *three_digits);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CdDemoPerson, cd_demo_person_free)

G_END_DECLS
