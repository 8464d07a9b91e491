/* cd-test-fixture.h — registers for the tests, helper programs and
 * benchmarks, built from the demo data (src/core/demo/cd-demo.c) so the
 * people have realistic Vietnamese names, CCCD numbers and certificates
 *
 * Everything here is deterministic: the people come from one seed, so a
 * test may name them. Only the certificates' dates follow the clock given
 * (they are spread around "now" as the demo does).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "cd-demo.h"
#include "cd-store.h"

G_BEGIN_DECLS

/* The seed of every fixture register and name list. */
#define CD_TEST_SEED 7

typedef enum {
  CD_TEST_REGISTER_STAFF        = 0,        /* the unit and its staff only */
  CD_TEST_REGISTER_CERTIFICATES = 1 << 0,   /* with the demo's certificates, linked */
  CD_TEST_REGISTER_DEVICES      = 1 << 1,   /* with the demo's tokens, held */
  CD_TEST_REGISTER_ALL          = CD_TEST_REGISTER_CERTIFICATES | CD_TEST_REGISTER_DEVICES,
  /* with ALL: each token records the certificate on it
   * (certificates.device_id), as reading the token does */
  CD_TEST_REGISTER_LINKED       = 1 << 2,
} CdTestRegisterFlags;

typedef struct {
  char    *dir;     /* a private temporary folder */
  char    *path;    /* the SQLite register in it */
  CdStore *store;
  gint64   now;     /* the time the certificates' dates were spread around */
  GArray  *staff;   /* gint64 staff ids, in the order of cd_test_people() */
} CdTestRegister;

/* A new register in a temporary folder holding the demo unit and
 * @n_staff people of cd_test_people() (with certificates and devices as
 * @flags ask); asserts on failure. Free with cd_test_register_free(),
 * which closes the store and removes the folder. */
CdTestRegister *cd_test_register_new   (guint               n_staff,
                                        CdTestRegisterFlags flags);
void            cd_test_register_free  (CdTestRegister     *reg);

/* The fixture's people: cd_demo_people (@n, CD_TEST_SEED, @now). Element
 * type CdDemoPerson. For helper programs that change someone before
 * writing them with cd_test_register_write(). */
GPtrArray      *cd_test_people         (guint               n,
                                        gint64              now);

/* Writes the demo unit and cd_test_people (@n_staff, @now) into @store;
 * @ids_out (optional) receives their staff ids. For helper programs and
 * benchmarks that name their own register file; reports errors instead
 * of asserting. */
gboolean        cd_test_register_fill  (CdStore            *store,
                                        guint               n_staff,
                                        CdTestRegisterFlags flags,
                                        gint64              now,
                                        GArray            **ids_out,
                                        GError            **error);

/* Writes @people (CdDemoPerson) into @store: each staff member, then, as
 * @flags ask, their certificates linked to them and their device. */
gboolean        cd_test_register_write (CdStore            *store,
                                        GPtrArray          *people,
                                        CdTestRegisterFlags flags,
                                        GError            **error);

/* The fixture's one Vietnamese name generator: the full names of
 * cd_test_people (@n, …), "<family> <middle> <given>"; names repeat as in
 * a real school. NULL-terminated. */
GStrv           cd_test_names          (guint               n);

/* A staff member with these details (any may be NULL), not saved. */
CdStaff        *cd_test_staff_new      (const char         *name,
                                        const char         *birth,
                                        const char         *cccd,
                                        const char         *email);
/* Saves @staff into @store, asserting it worked; returns its id. */
gint64          cd_test_save_staff     (CdStore            *store,
                                        CdStaff            *staff);
/* The one small helper for a single person: saves cd_test_staff_new()
 * (@name, @birth, @cccd, @email) and returns the id. */
gint64          cd_test_add_staff      (CdStore            *store,
                                        const char         *name,
                                        const char         *birth,
                                        const char         *cccd,
                                        const char         *email);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CdTestRegister, cd_test_register_free)

/* SQL that takes a register of the current schema back to version 7. */
#define CD_TEST_UNDO_SCHEMA_8 \
  "ALTER TABLE handover_events DROP COLUMN certificate_serial;"

/* SQL that takes a register of the current schema back to version 6. */
#define CD_TEST_UNDO_SCHEMA_7 \
  CD_TEST_UNDO_SCHEMA_8 \
  " DROP TABLE ca_trust;" \
  " DROP INDEX cert_subject_dn;"

/* SQL that takes a register of the current schema back to version 5. */
#define CD_TEST_UNDO_SCHEMA_6 \
  CD_TEST_UNDO_SCHEMA_7 \
  " DROP TABLE batch_attachments;" \
  " DROP INDEX batch_deadline;" \
  " ALTER TABLE request_batches DROP COLUMN letter;" \
  " ALTER TABLE request_batches DROP COLUMN deadline;" \
  " ALTER TABLE request_batches DROP COLUMN recipient;" \
  " ALTER TABLE request_batches DROP COLUMN channel;" \
  " ALTER TABLE request_batches DROP COLUMN sent_on;" \
  " ALTER TABLE request_batches DROP COLUMN sent_channel;"

/* SQL that takes a register of the current schema back to version 4,
 * for the tests that make a faithful older register by undoing steps. */
#define CD_TEST_UNDO_SCHEMA_5 \
  CD_TEST_UNDO_SCHEMA_6 \
  " DROP TABLE unit_history;" \
  " DROP INDEX cert_device; DROP INDEX cert_service;" \
  " ALTER TABLE certificates DROP COLUMN held_by_unit;" \
  " ALTER TABLE certificates DROP COLUMN service_id;" \
  " ALTER TABLE certificates DROP COLUMN device_id;" \
  " ALTER TABLE devices DROP COLUMN carrier;" \
  " ALTER TABLE devices DROP COLUMN phone;" \
  " ALTER TABLE devices DROP COLUMN ported;" \
  " ALTER TABLE devices DROP COLUMN service_id;" \
  " DROP TABLE services;"

G_END_DECLS
