/* cd-service-device.c — a service's device passed between duty officers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "cd-handover.h"
#include "cd-service-device.h"

gboolean
cd_service_device_assign (CdStore  *store,
                          gint64    device_id,
                          gint64    service_id,
                          GError  **error)
{
  g_autoptr(CdDevice) device = NULL;
  g_autoptr(CdService) service = NULL;

  g_return_val_if_fail (CD_IS_STORE (store), FALSE);
  device = cd_store_get_device (store, device_id, error);
  if (device == NULL)
    return FALSE;
  service = cd_store_get_service (store, service_id, error);
  if (service == NULL)
    return FALSE;
  if (device->service_id == service_id)
    return TRUE;
  device->service_id = service_id;
  return cd_store_save_device (store, device, error);
}

static CdEventPerson *
person_of (CdStore    *store,
           const char *side,
           gint64      staff_id)
{
  g_autoptr(CdStaff) staff = cd_store_get_staff (store, staff_id, NULL);

  return cd_event_person_new (side, staff ? staff->full_name : NULL, staff ? staff->position : NULL, NULL);
}

CdHandoverEvent *
cd_service_device_pass (CdStore     *store,
                        gint64       device_id,
                        gint64       to_staff_id,
                        const char  *date_iso,
                        GError     **error)
{
  g_autoptr(CdDevice) device = NULL;
  g_autoptr(CdService) service = NULL;
  g_autoptr(CdStaff) next = NULL;
  g_autoptr(CdHandoverEvent) hand = NULL;
  g_autofree char *note = NULL;

  g_return_val_if_fail (CD_IS_STORE (store), NULL);
  g_return_val_if_fail (date_iso != NULL, NULL);

  device = cd_store_get_device (store, device_id, error);
  if (device == NULL)
    return NULL;
  if (device->service_id == 0)
    {
      g_set_error (error, CD_HANDOVER_ERROR, CD_HANDOVER_ERROR_REFUSED,
                   _("The device %s is not a service's: a person's certificate never passes to another "
                     "person. Hand it back and request a certificate for the new person instead."),
                   device->token_serial ? device->token_serial : "?");
      return NULL;
    }
  service = cd_store_get_service (store, device->service_id, error);
  if (service == NULL)
    return NULL;
  next = cd_store_get_staff (store, to_staff_id, error);
  if (next == NULL)
    return NULL;
  /* Taking it back first would let it "pass" to the one who has it. */
  if (device->holder_id == to_staff_id)
    {
      g_set_error (error, CD_HANDOVER_ERROR, CD_HANDOVER_ERROR_REFUSED, _("%s already holds this device."),
                   next->full_name);
      return NULL;
    }

  /* Translators: %s: the service, such as "Bộ phận Một cửa" */
  note = g_strdup_printf (_("Duty handover of the service %s"), service->name);
  hand = cd_handover_event_new (CD_HANDOVER_HAND_TO_HOLDER, date_iso);
  hand->device_id = device->id;
  hand->note = g_strdup (note);
  if (device->holder_id != 0)
    {
      g_autoptr(CdHandoverEvent) take_back = cd_handover_event_new (CD_HANDOVER_TAKE_BACK, date_iso);

      take_back->device_id = device->id;
      take_back->note = g_strdup (note);
      g_ptr_array_add (take_back->people, person_of (store, "giver", device->holder_id));
      g_ptr_array_add (take_back->people, person_of (store, "receiver", to_staff_id));
      g_ptr_array_add (hand->people, person_of (store, "giver", device->holder_id));
      g_ptr_array_add (hand->people, person_of (store, "receiver", to_staff_id));
      if (!cd_devices_pass (store, take_back, hand, to_staff_id, error))
        return NULL;
    }
  else
    {
      /* First duty officer: the unit hands it over, as for any device. */
      g_autoptr(CdUnit) unit = cd_store_get_unit (store);

      g_ptr_array_add (hand->people, cd_event_person_new ("giver", unit->head_name, unit->head_title, unit->name));
      g_ptr_array_add (hand->people, person_of (store, "receiver", to_staff_id));
      if (!cd_devices_apply (store, hand, to_staff_id, error))
        return NULL;
    }
  return g_steal_pointer (&hand);
}
