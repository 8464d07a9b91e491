/* cd-token.c — snapshots of tokens for the main context
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <p11-kit/pkcs11.h>

#include "cd-token.h"

G_DEFINE_BOXED_TYPE (CdToken, cd_token, cd_token_copy, cd_token_free)
G_DEFINE_BOXED_TYPE (CdUnreadableToken, cd_unreadable_token,
                     cd_unreadable_token_copy, cd_unreadable_token_free)

CdToken *
cd_token_copy (const CdToken *t)
{
  CdToken *c;

  if (t == NULL)
    return NULL;
  c = g_new0 (CdToken, 1);
  c->key = g_strdup (t->key);
  c->module_name = g_strdup (t->module_name);
  c->module_path = g_strdup (t->module_path);
  c->slot_description = g_strdup (t->slot_description);
  c->label = g_strdup (t->label);
  c->serial = g_strdup (t->serial);
  c->manufacturer = g_strdup (t->manufacturer);
  c->model = g_strdup (t->model);
  c->pin_state = t->pin_state;
  c->certificates = g_ptr_array_new_with_free_func ((GDestroyNotify) cd_certificate_free);
  for (guint i = 0; t->certificates != NULL && i < t->certificates->len; i++)
    g_ptr_array_add (c->certificates, cd_certificate_copy (g_ptr_array_index (t->certificates, i)));
  return c;
}

void
cd_token_free (CdToken *t)
{
  if (t == NULL)
    return;
  g_free (t->key);
  g_free (t->module_name);
  g_free (t->module_path);
  g_free (t->slot_description);
  g_free (t->label);
  g_free (t->serial);
  g_free (t->manufacturer);
  g_free (t->model);
  g_clear_pointer (&t->certificates, g_ptr_array_unref);
  g_free (t);
}

CdUnreadableToken *
cd_unreadable_token_copy (const CdUnreadableToken *t)
{
  CdUnreadableToken *c;

  if (t == NULL)
    return NULL;
  c = g_new0 (CdUnreadableToken, 1);
  c->reader_name = g_strdup (t->reader_name);
  c->card_present = t->card_present;
  c->atr_hex = g_strdup (t->atr_hex);
  return c;
}

void
cd_unreadable_token_free (CdUnreadableToken *t)
{
  if (t == NULL)
    return;
  g_free (t->reader_name);
  g_free (t->atr_hex);
  g_free (t);
}

CdTokenPinState
cd_token_pin_state_from_flags (gulong flags)
{
  if (flags & CKF_USER_PIN_LOCKED)
    return CD_TOKEN_PIN_LOCKED;
  if (flags & CKF_USER_PIN_FINAL_TRY)
    return CD_TOKEN_PIN_FINAL_TRY;
  if (flags & CKF_USER_PIN_COUNT_LOW)
    return CD_TOKEN_PIN_COUNT_LOW;
  return CD_TOKEN_PIN_OK;
}

const char *
cd_token_pin_state_to_id (CdTokenPinState state)
{
  switch (state)
    {
    case CD_TOKEN_PIN_COUNT_LOW: return "count_low";
    case CD_TOKEN_PIN_FINAL_TRY: return "final_try";
    case CD_TOKEN_PIN_LOCKED: return "locked";
    case CD_TOKEN_PIN_OK:
    default: return "ok";
    }
}

const char *
cd_token_pin_state_describe (CdTokenPinState state)
{
  switch (state)
    {
    case CD_TOKEN_PIN_COUNT_LOW: return _("A wrong PIN was entered several times");
    case CD_TOKEN_PIN_FINAL_TRY: return _("One PIN attempt left");
    case CD_TOKEN_PIN_LOCKED: return _("The token's PIN is locked");
    case CD_TOKEN_PIN_OK:
    default: return _("The PIN is not locked");
    }
}
