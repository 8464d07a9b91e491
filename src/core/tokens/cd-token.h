/* cd-token.h — a token as the monitor sees it now
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "cd-model.h"

G_BEGIN_DECLS

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

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CdToken, cd_token_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CdUnreadableToken, cd_unreadable_token_free)

G_END_DECLS
