/* cd-token-register.c — what a plugged token shows, into the register
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "cd-cert-link.h"
#include "cd-device-register.h"
#include "cd-text.h"
#include "cd-token-register.h"

void
cd_token_registration_free (CdTokenRegistration *reg)
{
  if (reg == NULL)
    return;
  g_clear_pointer (&reg->errors, g_ptr_array_unref);
  g_free (reg);
}

/* The token says its PIN is locked: the device gets the clerk's own
 * "mark locked" event, so the register, the history and the khôi phục
 * wizard treat it as if the clerk had marked it. Only ever sets the mark:
 * a token reporting its PIN fine never clears it (many drivers never set
 * the flags), the provider's restoring does. */
static void
mark_locked (CdStore             *store,
             const CdToken       *token,
             CdTokenRegistration *reg)
{
  g_autoptr(CdDevice) d = cd_store_find_device_by_serial (store, token->serial);
  g_autoptr(CdHandoverEvent) ev = NULL;
  g_autofree char *today = NULL;
  CdDeviceStatus status;
  GError *error = NULL;

  if (d == NULL || !cd_device_status_from_id (d->status, &status))
    return;
  /* Already locked, or not the unit's to mark (lost, handed back…). */
  if (status != CD_DEVICE_WITH_HOLDER && status != CD_DEVICE_IN_STOCK
      && status != CD_DEVICE_RECOVERED)
    return;
  today = cd_text_today_iso ();
  ev = cd_handover_event_new (CD_HANDOVER_MARK_LOCKED, today);
  ev->device_id = d->id;
  ev->note = g_strdup (_("Seen locked when plugged in: the token reported its PIN locked"));
  if (cd_devices_apply (store, ev, 0, &error))
    reg->marked_locked = TRUE;
  else
    g_ptr_array_add (reg->errors, error);
}

/* The device a token is, by its serial as today; else, when a driver
 * update reports the serial (or label) differently, the device its
 * certificates are recorded on. The latter gets the token's serial and
 * label now (an audited update), so the next plug finds it by serial. */
static CdDevice *
find_device (CdStore             *store,
             const CdToken       *token,
             CdTokenRegistration *reg)
{
  CdDevice *d = NULL;
  GError *error = NULL;
  gboolean has_serial = token->serial != NULL && *token->serial != '\0';

  if (has_serial)
    d = cd_store_find_device_by_serial (store, token->serial);
  if (d != NULL)
    return d;
  for (guint i = 0; token->certificates && i < token->certificates->len && d == NULL; i++)
    {
      const CdCertificate *c = g_ptr_array_index (token->certificates, i);
      g_autoptr(CdCertificate) known = NULL;

      if (c->fingerprint == NULL)
        continue;
      known = cd_store_find_certificate_by_fingerprint (store, c->fingerprint);
      if (known != NULL && known->device_id != 0)
        d = cd_store_get_device (store, known->device_id, NULL);
    }
  /* Only a token: a SIM or an HSM holding the same certificate is not
   * this token under another name. */
  if (d != NULL && g_strcmp0 (d->type, "TOKEN") != 0)
    g_clear_pointer (&d, cd_device_free);
  if (d == NULL || !has_serial)
    return d;

  g_free (d->token_serial);
  d->token_serial = g_strdup (token->serial);
  g_free (d->label);
  d->label = g_strdup (token->label);
  if (cd_store_save_device (store, d, &error))
    reg->serial_updated = TRUE;
  else
    g_ptr_array_add (reg->errors, error);
  return d;
}

/* Records @device_id as the device of every certificate stored from the
 * token that does not say so yet. */
static void
set_cert_device (CdStore             *store,
                 GArray              *cert_ids,
                 gint64               device_id,
                 CdTokenRegistration *reg)
{
  for (guint i = 0; i < cert_ids->len; i++)
    {
      g_autoptr(CdCertificate) c = cd_store_get_certificate (store, g_array_index (cert_ids, gint64, i), NULL);
      GError *error = NULL;

      if (c == NULL || c->device_id == device_id)
        continue;
      c->device_id = device_id;
      if (!cd_store_save_certificate (store, c, &error))
        g_ptr_array_add (reg->errors, error);
    }
}

CdTokenRegistration *
cd_token_register (CdStore       *store,
                   const CdToken *token)
{
  g_autoptr(CdTokenRegistration) reg = g_new0 (CdTokenRegistration, 1);
  g_autoptr(CdDevice) known = NULL;
  g_autoptr(GArray) cert_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 service_id = 0;
  gboolean unit_held = FALSE;

  g_return_val_if_fail (CD_IS_STORE (store), NULL);
  g_return_val_if_fail (token != NULL, NULL);

  reg->errors = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
  known = find_device (store, token, reg);
  for (guint i = 0; token->certificates && i < token->certificates->len; i++)
    {
      const CdCertificate *c = g_ptr_array_index (token->certificates, i);
      g_autoptr(CdCertificate) copy = cd_certificate_copy (c);
      g_autoptr(CdLinkOutcome) o = NULL;
      GError *error = NULL;

      copy->id = 0;
      copy->source = CD_CERT_SOURCE_TOKEN;
      /* It lives on this token now, wherever it was before. */
      copy->device_id = known != NULL ? known->id : 0;
      o = cd_cert_link_store (store, copy, &error);
      if (o == NULL)
        {
          g_ptr_array_add (reg->errors, error);
          continue;
        }
      g_array_append_val (cert_ids, o->cert_id);
      if (reg->cert_id == 0)
        reg->cert_id = o->cert_id;
      /* The first certificate that is someone's decides whose token it is. */
      if (o->staff_id != 0 && reg->holder_id == 0)
        {
          reg->holder_id = o->staff_id;
          reg->cert_id = o->cert_id;
        }
      if (o->holder_kind == CD_CERT_HOLDER_SERVICE && service_id == 0)
        service_id = o->service_id;
      if (o->holder_kind == CD_CERT_HOLDER_UNIT)
        unit_held = TRUE;
    }

  /* A person's token is theirs; the unit's seal or a service's token is
   * the unit's, kept in stock (a service's is handed to its duty officer
   * with minutes, cd-service-device). */
  if (known == NULL && (reg->holder_id != 0 || service_id != 0 || unit_held)
      && token->serial != NULL && *token->serial != '\0')
    {
      g_autoptr(CdDevice) d = cd_device_new ();
      GError *error = NULL;
      gboolean ok;

      d->token_serial = g_strdup (token->serial);
      d->label = g_strdup (token->label);
      d->manufacturer = g_strdup (token->manufacturer);
      d->model = g_strdup (token->model);
      d->type = g_strdup ("TOKEN");
      /* A person's token found on the desk was handed over before it was
       * registered, on a day the token does not tell: recorded as the
       * command line's --add-device --holder-cccd records it, so its
       * history says so and no period's notice lists it. */
      if (reg->holder_id != 0)
        ok = cd_devices_register_held (store, d, reg->holder_id, NULL, &error);
      else
        {
          /* the unit's, in stock since a day nobody knows either */
          d->service_id = service_id;
          ok = cd_devices_register_kept (store, d, &error);
        }
      if (ok)
        {
          reg->device_id = d->id;
          set_cert_device (store, cert_ids, d->id, reg);
        }
      else
        g_ptr_array_add (reg->errors, error);
    }
  if (token->pin_state == CD_TOKEN_PIN_LOCKED && token->serial != NULL && *token->serial != '\0')
    mark_locked (store, token, reg);
  return g_steal_pointer (&reg);
}
