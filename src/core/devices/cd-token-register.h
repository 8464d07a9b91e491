/* cd-token-register.h — what a plugged token shows, into the register
 *
 * Every certificate on the token is stored (linked when its owner is
 * certain, cd_cert_link_store). A token whose certificate belongs to
 * someone becomes that person's device, "with_holder", the first time it
 * is seen, with the events of a device held before it was registered
 * (cd_devices_register_held(), no handover date: nobody said which day);
 * a token already registered is left as the clerk keeps it (its
 * handovers say where it is).
 *
 * Every certificate stored records the token's device (device_id) once
 * there is one. A token found by no device serial whose certificates are
 * recorded on a device of the register is that device (a driver update
 * that reports the serial or label differently): its serial and label
 * are updated, audited, and no new device is made.
 *
 * A token reporting its user PIN locked (CdToken.pin_state) marks its
 * device locked, as the clerk's "mark locked" would; a token reporting
 * its PIN fine leaves any mark as it is.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cd-store.h"
#include "cd-token.h"

G_BEGIN_DECLS

typedef struct {
  gint64     holder_id;   /* the staff member a certificate belongs to, else 0 */
  gint64     cert_id;     /* the holder's certificate, else the first stored, else 0 */
  gint64     device_id;   /* the device registered now, else 0 */
  gboolean   serial_updated; /* a known device took the token's new serial/label */
  gboolean   marked_locked; /* the token's locked PIN marked its device locked now */
  GPtrArray *errors;      /* GError: what could not be written; the rest was */
} CdTokenRegistration;

void cd_token_registration_free (CdTokenRegistration *reg);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CdTokenRegistration, cd_token_registration_free)

/* Stores @token's certificates and registers it as its holder's device.
 * Runs on @store's thread; never fails as a whole: a certificate or the
 * device that could not be written is listed in ->errors. */
CdTokenRegistration *cd_token_register (CdStore       *store,
                                        const CdToken *token);

G_END_DECLS
