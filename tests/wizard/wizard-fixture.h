/* wizard-fixture.h — the register the wizard tests share: a school with
 * one person for each case the wizards suggest, on an SQLite file on disk
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cd-store.h"
#include "cd-wizard-suggest.h"

G_BEGIN_DECLS

#define DAY (24 * 3600)

typedef struct {
  char    *tmp;
  CdStore *store;
  gint64   now;
  /* staff ids */
  gint64   an, binh, cuong, dung, em, phuong, giang, ha, inh, khoa, lan;
  gint64   cert_giang, cert_ha, dev_giang, dev_ha, dev_inh;
} WizardFixture;

/* The unit's official mail domains. */
extern const char *const wizard_domains[];

/* Trường THCS Lê Lợi at 2026-06-01 00:00 UTC (@f->now) with its people:
 * An (no certificate), Bình (expiring in 30 days), Cường (email changed),
 * Dung (certificate of the school before the merger), Em (expired),
 * Phương (no email), Giang (retired, token), Hà (token lost), Inh (token
 * locked), Khoa (moved away, expired) and Lan (a private mailbox). */
void          wizard_fixture_setup    (WizardFixture *f,
                                       gconstpointer  data);
void          wizard_fixture_teardown (WizardFixture *f,
                                       gconstpointer  data);

/* A certificate of @staff_id ending at @not_after, issued to @ou of the
 * Sở; its id. */
gint64        wizard_add_cert         (WizardFixture *f,
                                       gint64         staff_id,
                                       gint64         not_after,
                                       const char    *ou,
                                       const char    *email);
/* A token @serial held by @holder in @status; its id. */
gint64        wizard_add_device       (WizardFixture *f,
                                       gint64         holder,
                                       const char    *serial,
                                       const char    *status);
/* cd_wizard_suggest() of @kind at @f->now, asserting it worked. */
GPtrArray    *wizard_suggest          (WizardFixture *f,
                                       const char    *kind);

G_END_DECLS
