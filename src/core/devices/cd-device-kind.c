/* cd-device-kind.c — what a device is, and a SIM's carrier and number
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "cd-device-kind.h"
#include "cd-device-register.h"
#include "cd-text.h"

static const char * const types[] = { "TOKEN", "SIM", "HSM", "SOFT", "RSSP", NULL };

/* The mobile networks of Việt Nam, as each spells its name. */
static const char * const carriers[] = {
  "Viettel", "VinaPhone", "MobiFone", "Vietnamobile", "Gmobile", "iTel", "Reddi", "Wintel", NULL
};

const char * const *
cd_device_types (void)
{
  return types;
}

const char *
cd_device_type_label (const char *type)
{
  if (type == NULL || g_ascii_strcasecmp (type, "TOKEN") == 0)
    return _("USB token");
  if (g_ascii_strcasecmp (type, "SIM") == 0)
    return _("SIM PKI");
  if (g_ascii_strcasecmp (type, "HSM") == 0)
    return _("HSM");
  if (g_ascii_strcasecmp (type, "SOFT") == 0)
    return _("Software certificate");
  if (g_ascii_strcasecmp (type, "RSSP") == 0)
    return _("Remote signing");
  return type;
}

const char * const *
cd_device_carriers (void)
{
  return carriers;
}

/* "0912345678" from "+84 912 345 678", "84-912.345.678", "0912 345 678";
 * NULL unless it is ten digits starting 03, 05, 07, 08 or 09 (the mobile
 * ranges since 2018). */
static char *
mobile_number (const char *text)
{
  g_autoptr(GString) s = g_string_new (NULL);
  const char *p = text;

  if (p == NULL)
    return NULL;
  while (*p == ' ')
    p++;
  if (*p == '+')
    p++;
  for (; *p; p++)
    {
      if (g_ascii_isdigit (*p))
        g_string_append_c (s, *p);
      else if (*p != ' ' && *p != '.' && *p != '-')
        return NULL;
    }
  if (g_str_has_prefix (s->str, "84") && s->len == 11)
    {
      g_string_erase (s, 0, 2);
      g_string_prepend_c (s, '0');
    }
  if (s->len != 10 || s->str[0] != '0' || strchr ("35789", s->str[1]) == NULL)
    return NULL;
  return g_string_free (g_steal_pointer (&s), FALSE);
}

static gboolean
is_blank (const char *s)
{
  return s == NULL || *s == '\0';
}

gboolean
cd_device_kind_check (CdDevice  *device,
                      GError   **error)
{
  g_autofree char *type = NULL;
  gboolean known = FALSE;

  g_return_val_if_fail (device != NULL, FALSE);

  type = is_blank (device->type) ? g_strdup ("TOKEN") : g_ascii_strup (g_strstrip (device->type), -1);
  for (guint i = 0; types[i] != NULL; i++)
    known |= g_str_equal (type, types[i]);
  if (!known)
    {
      g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                   _("The device type “%s” is not known. Choose TOKEN, SIM, HSM, SOFT or RSSP."), type);
      return FALSE;
    }
  g_free (device->type);
  device->type = g_steal_pointer (&type);

  if (!g_str_equal (device->type, "SIM"))
    {
      if (!is_blank (device->carrier) || !is_blank (device->phone) || device->ported)
        {
          g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                       _("Only a SIM has a carrier, a phone number or a ported number. "
                         "Choose the type SIM or leave those empty."));
          return FALSE;
        }
      g_clear_pointer (&device->carrier, g_free);
      g_clear_pointer (&device->phone, g_free);
      return TRUE;
    }

  {
    g_autofree char *carrier = cd_text_clean (device->carrier);
    g_autofree char *phone = NULL;

    if (carrier == NULL)
      {
        g_set_error_literal (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                             _("A SIM needs its carrier (nhà mạng), for example Viettel, VinaPhone or MobiFone."));
        return FALSE;
      }
    for (guint i = 0; carriers[i] != NULL; i++)
      if (g_ascii_strcasecmp (carrier, carriers[i]) == 0)
        {
          g_free (carrier);
          carrier = g_strdup (carriers[i]);
          break;
        }
    if (is_blank (device->phone))
      {
        g_set_error_literal (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                             _("A SIM needs its phone number. Write the ten digits starting with 0."));
        return FALSE;
      }
    phone = mobile_number (device->phone);
    if (phone == NULL)
      {
        g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                     _("“%s” is not a mobile phone number. Write the ten digits starting with 03, 05, 07, 08 or 09."),
                     device->phone);
        return FALSE;
      }
    g_free (device->carrier);
    device->carrier = g_steal_pointer (&carrier);
    g_free (device->phone);
    device->phone = g_steal_pointer (&phone);
  }
  return TRUE;
}

gboolean
cd_devices_add (CdStore    *store,
                CdDevice   *device,
                gint64      holder_id,
                const char *handed_on,
                GError    **error)
{
  g_autoptr(GPtrArray) batch = g_ptr_array_new ();
  g_autoptr(CdHandoverEvent) receive = NULL;
  g_autoptr(CdDevice) known = NULL;
  g_autofree char *today = cd_text_today_iso ();

  g_return_val_if_fail (CD_IS_STORE (store), FALSE);
  g_return_val_if_fail (device != NULL, FALSE);

  if (!cd_device_kind_check (device, error))
    return FALSE;
  known = cd_store_find_device_by_serial (store, device->token_serial);
  if (known != NULL)
    {
      g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_CONSTRAINT,
                   _("The device %s is already in the register. Record what happened to it instead "
                     "(hand over, take back…)."), known->token_serial);
      return FALSE;
    }
  /* A holder given is the one who has it already, often for years: not
   * a handover of today, which the notice of this period would list. */
  if (holder_id != 0)
    return cd_devices_register_held (store, device, holder_id, handed_on, error);
  receive = cd_handover_event_new (CD_HANDOVER_RECEIVE, today);
  g_ptr_array_add (batch, device);
  return cd_devices_receive (store, batch, receive, error);
}

gboolean
cd_device_kind_assign_phones (GPtrArray   *devices,
                              const char  *phones,
                              GError     **error)
{
  /* Not on spaces: "0912 345 678" is one number. */
  g_auto(GStrv) parts = g_regex_split_simple ("[,;\\n]+", phones != NULL ? phones : "", 0, 0);
  g_autoptr(GPtrArray) numbers = g_ptr_array_new ();
  guint n_sims = 0, next = 0;

  g_return_val_if_fail (devices != NULL, FALSE);
  for (guint i = 0; parts[i] != NULL; i++)
    if (*g_strstrip (parts[i]) != '\0')
      g_ptr_array_add (numbers, parts[i]);
  for (guint i = 0; i < devices->len; i++)
    n_sims += g_strcmp0 (((CdDevice *) g_ptr_array_index (devices, i))->type, "SIM") == 0;
  if (n_sims == 0)
    return TRUE;
  if (numbers->len != n_sims)
    {
      g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                   _("The batch has %u SIMs and %u phone numbers. Write one number per SIM, "
                     "in the order of their serials, separated by commas."),
                   n_sims, numbers->len);
      return FALSE;
    }
  for (guint i = 0; i < devices->len; i++)
    {
      CdDevice *d = g_ptr_array_index (devices, i);

      if (g_strcmp0 (d->type, "SIM") != 0)
        continue;
      g_free (d->phone);
      d->phone = g_strdup (g_ptr_array_index (numbers, next++));
    }
  return TRUE;
}
