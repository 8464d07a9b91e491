/* cd-token.h — a token as the monitor sees it now
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "cd-model.h"

G_BEGIN_DECLS

/* What the token says of its user PIN (CK_TOKEN_INFO flags, read
 * without logging in), worst first when several flags are set. Drivers
 * that never set these flags always report OK. */
typedef enum {
  CD_TOKEN_PIN_OK = 0,
  CD_TOKEN_PIN_COUNT_LOW,    /* CKF_USER_PIN_COUNT_LOW: wrong PINs entered */
  CD_TOKEN_PIN_FINAL_TRY,    /* CKF_USER_PIN_FINAL_TRY: one try left */
  CD_TOKEN_PIN_LOCKED,       /* CKF_USER_PIN_LOCKED: the PIN is blocked */
} CdTokenPinState;

/* An immutable snapshot, passed from the monitor thread to the main
 * context. Keyed by module + serial + label (never the slot id). */
typedef struct {
  char      *key;           /* "<module>|<serial>|<label>" */
  char      *module_name;   /* e.g. "opensc-pkcs11", "p11-kit: softhsm2" */
  char      *module_path;
  char      *slot_description;
  char      *label;
  char      *serial;
  char      *manufacturer;
  char      *model;
  CdTokenPinState pin_state;
  GPtrArray *certificates;  /* CdCertificate, de-duplicated by fingerprint */
} CdToken;

/* A reader (or card) seen by PC/SC that no loaded module reports. */
typedef struct {
  char     *reader_name;
  gboolean  card_present;
  char     *atr_hex;         /* may be NULL */
} CdUnreadableToken;

#define CD_TYPE_TOKEN (cd_token_get_type ())
#define CD_TYPE_UNREADABLE_TOKEN (cd_unreadable_token_get_type ())
GType              cd_token_get_type             (void) G_GNUC_CONST;
GType              cd_unreadable_token_get_type  (void) G_GNUC_CONST;

CdToken           *cd_token_copy                 (const CdToken *token);
void               cd_token_free                 (CdToken       *token);
CdUnreadableToken *cd_unreadable_token_copy      (const CdUnreadableToken *t);
void               cd_unreadable_token_free      (CdUnreadableToken       *t);

/* The state of a token whose CK_TOKEN_INFO.flags are @flags. */
CdTokenPinState    cd_token_pin_state_from_flags (gulong          flags);
/* Stable id: "ok", "count_low", "final_try", "locked". */
const char        *cd_token_pin_state_to_id      (CdTokenPinState state);
/* What to tell the clerk, translated ("Token đã bị khóa PIN"…). */
const char        *cd_token_pin_state_describe   (CdTokenPinState state);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CdToken, cd_token_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CdUnreadableToken, cd_unreadable_token_free)

G_END_DECLS
