/* cd-handover.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "cd-handover.h"

G_DEFINE_QUARK (cd-handover-error-quark, cd_handover_error)

static const char *status_ids[] = {
  "new", "in_stock", "with_holder", "recovered", "returned", "locked", "damaged", "lost",
};

static const char *kind_ids[] = {
  "receive", "hand_to_holder", "take_back", "return_to_provider",
  "report_lost", "mark_locked", "mark_damaged", "restored",
};

const char *
cd_device_status_to_id (CdDeviceStatus status)
{
  g_return_val_if_fail ((guint) status < G_N_ELEMENTS (status_ids), NULL);
  return status_ids[status];
}

gboolean
cd_device_status_from_id (const char     *id,
                          CdDeviceStatus *status)
{
  for (guint i = 0; i < G_N_ELEMENTS (status_ids); i++)
    if (g_strcmp0 (id, status_ids[i]) == 0)
      {
        *status = (CdDeviceStatus) i;
        return TRUE;
      }
  return FALSE;
}

const char *
cd_device_status_label (CdDeviceStatus status)
{
  switch (status)
    {
    case CD_DEVICE_NEW: return _("Not registered");
    case CD_DEVICE_IN_STOCK: return _("In stock");
    case CD_DEVICE_WITH_HOLDER: return _("Handed to staff member");
    case CD_DEVICE_RECOVERED: return _("Recovered by the unit");
    case CD_DEVICE_RETURNED: return _("Handed to the provider");
    case CD_DEVICE_LOCKED: return _("Locked");
    case CD_DEVICE_DAMAGED: return _("Damaged");
    case CD_DEVICE_LOST: return _("Lost");
    default: return "";
    }
}

const char *
cd_handover_kind_to_id (CdHandoverKind kind)
{
  g_return_val_if_fail ((guint) kind < G_N_ELEMENTS (kind_ids), NULL);
  return kind_ids[kind];
}

gboolean
cd_handover_kind_from_id (const char     *id,
                          CdHandoverKind *kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (kind_ids); i++)
    if (g_strcmp0 (id, kind_ids[i]) == 0)
      {
        *kind = (CdHandoverKind) i;
        return TRUE;
      }
  return FALSE;
}

const char *
cd_handover_kind_label (CdHandoverKind kind)
{
  switch (kind)
    {
    case CD_HANDOVER_RECEIVE: return _("Received from the provider");
    case CD_HANDOVER_HAND_TO_HOLDER: return _("Handed to the holder");
    case CD_HANDOVER_TAKE_BACK: return _("Taken back from the holder");
    case CD_HANDOVER_RETURN_TO_PROVIDER: return _("Handed back to the provider");
    case CD_HANDOVER_REPORT_LOST: return _("Reported lost");
    case CD_HANDOVER_MARK_LOCKED: return _("Marked locked");
    case CD_HANDOVER_MARK_DAMAGED: return _("Marked damaged");
    case CD_HANDOVER_RESTORED: return _("Restored (unlocked)");
    default: return "";
    }
}

const char *
cd_handover_kind_form (CdHandoverKind kind)
{
  switch (kind)
    {
    case CD_HANDOVER_HAND_TO_HOLDER: return "mau07";
    case CD_HANDOVER_RETURN_TO_PROVIDER: return "mau08";
    case CD_HANDOVER_REPORT_LOST: return "mau09";
    default: return NULL;
    }
}

const char *
cd_handover_kind_follow_up (CdHandoverKind kind)
{
  switch (kind)
    {
    case CD_HANDOVER_REPORT_LOST: return "thu_hoi";
    case CD_HANDOVER_MARK_LOCKED: return "khoi_phuc";
    case CD_HANDOVER_MARK_DAMAGED: return "cap_lai";
    default: return NULL;
    }
}

static gboolean
refuse (GError **error, const char *format, ...) G_GNUC_PRINTF (2, 3);

static gboolean
refuse (GError     **error,
        const char  *format,
        ...)
{
  g_autofree char *msg = NULL;
  va_list args;

  va_start (args, format);
  msg = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error_literal (error, CD_HANDOVER_ERROR, CD_HANDOVER_ERROR_REFUSED, msg);
  return FALSE;
}

gboolean
cd_handover_apply (CdDeviceStatus  status,
                   gint64          holder_id,
                   const char     *holder_name,
                   CdHandoverKind  kind,
                   gint64          new_holder_id,
                   CdDeviceStatus *out_status,
                   gint64         *out_holder_id,
                   GError        **error)
{
  const char *who = holder_name && *holder_name ? holder_name : _("a staff member");
  CdDeviceStatus next = status;
  gint64 holder = holder_id;

  /* Rules that hold whatever is asked. */
  if (status == CD_DEVICE_LOST && kind != CD_HANDOVER_RECEIVE)
    return refuse (error, _("This device is recorded as lost: it cannot be handed over, taken back or changed. Record a new device instead."));

  switch (kind)
    {
    case CD_HANDOVER_RECEIVE:
      if (status != CD_DEVICE_NEW && status != CD_DEVICE_RETURNED)
        return refuse (error, _("This device is already in the unit (%s). Only a new device or one handed back to the provider can be received."),
                       cd_device_status_label (status));
      next = CD_DEVICE_IN_STOCK;
      holder = 0;
      break;

    case CD_HANDOVER_HAND_TO_HOLDER:
      if (new_holder_id == 0)
        {
          g_set_error_literal (error, CD_HANDOVER_ERROR, CD_HANDOVER_ERROR_INVALID,
                               _("Choose the staff member who receives the device."));
          return FALSE;
        }
      if (status == CD_DEVICE_WITH_HOLDER && holder_id == new_holder_id)
        return refuse (error, _("%s already holds this device."), who);
      if (holder_id != 0)
        return refuse (error, _("This device is still held by %s. Take it back from them first (record the return), then hand it over."), who);
      if (status == CD_DEVICE_NEW)
        return refuse (error, _("This device is not in the register yet. Record receiving it from the provider first."));
      if (status == CD_DEVICE_RETURNED)
        return refuse (error, _("This device was handed back to the provider. Record receiving it again first."));
      if (status == CD_DEVICE_LOCKED)
        return refuse (error, _("This device is locked. Have it restored (request “khôi phục thiết bị”) before handing it over."));
      if (status == CD_DEVICE_DAMAGED)
        return refuse (error, _("This device is damaged and cannot be handed over. Hand it back to the provider and request a re-issue (“cấp lại”)."));
      next = CD_DEVICE_WITH_HOLDER;
      holder = new_holder_id;
      break;

    case CD_HANDOVER_TAKE_BACK:
      if (holder_id == 0)
        return refuse (error, _("Nobody holds this device (%s): there is nothing to take back."),
                       cd_device_status_label (status));
      next = CD_DEVICE_RECOVERED;
      holder = 0;
      break;

    case CD_HANDOVER_RETURN_TO_PROVIDER:
      if (holder_id != 0)
        return refuse (error, _("This device is still held by %s. Take it back from them first, then hand it to the provider."), who);
      if (status == CD_DEVICE_NEW || status == CD_DEVICE_RETURNED)
        return refuse (error, _("This device is not in the unit (%s): it cannot be handed to the provider."),
                       cd_device_status_label (status));
      next = CD_DEVICE_RETURNED;
      break;

    case CD_HANDOVER_REPORT_LOST:
      if (status == CD_DEVICE_NEW || status == CD_DEVICE_RETURNED)
        return refuse (error, _("This device is not in the unit (%s): its loss is not the unit's to report."),
                       cd_device_status_label (status));
      /* The holder is kept: the minutes (Mẫu 09) name who lost it. */
      next = CD_DEVICE_LOST;
      break;

    case CD_HANDOVER_MARK_LOCKED:
      if (status != CD_DEVICE_WITH_HOLDER && status != CD_DEVICE_IN_STOCK
          && status != CD_DEVICE_RECOVERED)
        return refuse (error, _("A device that is “%s” cannot be marked locked."),
                       cd_device_status_label (status));
      next = CD_DEVICE_LOCKED;
      break;

    case CD_HANDOVER_MARK_DAMAGED:
      if (status == CD_DEVICE_NEW || status == CD_DEVICE_RETURNED || status == CD_DEVICE_DAMAGED)
        return refuse (error, _("A device that is “%s” cannot be marked damaged."),
                       cd_device_status_label (status));
      next = CD_DEVICE_DAMAGED;
      break;

    case CD_HANDOVER_RESTORED:
      if (status != CD_DEVICE_LOCKED)
        return refuse (error, _("Only a locked device can be restored; this one is “%s”."),
                       cd_device_status_label (status));
      next = holder_id != 0 ? CD_DEVICE_WITH_HOLDER : CD_DEVICE_IN_STOCK;
      break;

    default:
      g_set_error_literal (error, CD_HANDOVER_ERROR, CD_HANDOVER_ERROR_INVALID,
                           _("Unknown kind of device event."));
      return FALSE;
    }

  if (out_status)
    *out_status = next;
  if (out_holder_id)
    *out_holder_id = holder;
  return TRUE;
}
