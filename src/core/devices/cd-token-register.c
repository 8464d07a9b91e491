/* cd-token-register.c — what a plugged token shows, into the register
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cd-cert-link.h"
#include "cd-token-register.h"

void
cd_token_registration_free (CdTokenRegistration *reg)
{
  if (reg == NULL)
    return;
  g_clear_pointer (&reg->errors, g_ptr_array_unref);
  g_free (reg);
}

CdTokenRegistration *
cd_token_register (CdStore       *store,
                   const CdToken *token)
{
  g_autoptr(CdTokenRegistration) reg = g_new0 (CdTokenRegistration, 1);

  g_return_val_if_fail (CD_IS_STORE (store), NULL);
  g_return_val_if_fail (token != NULL, NULL);

  reg->errors = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
  for (guint i = 0; token->certificates && i < token->certificates->len; i++)
    {
      const CdCertificate *c = g_ptr_array_index (token->certificates, i);
      g_autoptr(CdCertificate) copy = cd_certificate_copy (c);
      g_autoptr(CdLinkOutcome) o = NULL;
      GError *error = NULL;

      copy->id = 0;
      copy->source = CD_CERT_SOURCE_TOKEN;
      o = cd_cert_link_store (store, copy, &error);
      if (o == NULL)
        {
          g_ptr_array_add (reg->errors, error);
          continue;
        }
      if (reg->cert_id == 0)
        reg->cert_id = o->cert_id;
      /* The first certificate that is someone's decides whose token it is. */
      if (o->staff_id != 0 && reg->holder_id == 0)
        {
          reg->holder_id = o->staff_id;
          reg->cert_id = o->cert_id;
        }
    }

  if (reg->holder_id != 0 && token->serial != NULL && *token->serial != '\0')
    {
      g_autoptr(CdDevice) d = cd_store_find_device_by_serial (store, token->serial);
      GError *error = NULL;

      if (d == NULL)
        {
          d = cd_device_new ();
          d->token_serial = g_strdup (token->serial);
          d->label = g_strdup (token->label);
          d->manufacturer = g_strdup (token->manufacturer);
          d->model = g_strdup (token->model);
          d->type = g_strdup ("TOKEN");
          d->holder_id = reg->holder_id;
          d->status = g_strdup ("with_holder");
          if (cd_store_save_device (store, d, &error))
            reg->device_id = d->id;
          else
            g_ptr_array_add (reg->errors, error);
        }
    }
  return g_steal_pointer (&reg);
}
