/* cd-device-kind.h — what a device is: token, SIM, HSM, software,
 * remote signing; a SIM's carrier and number
 *
 * The Cục's bulk sheet asks for each certificate's device type (TOKEN,
 * SIM, SOFT, RSSP, HSM) and, for a SIM PKI, the carrier (nhà mạng) and
 * whether the number was ported (chuyển mạng giữ số). A SIM without a
 * carrier or a valid mobile number cannot be filed, so it is refused
 * here, before it reaches the register.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cd-store.h"

G_BEGIN_DECLS

/* "TOKEN", "SIM", "HSM", "SOFT", "RSSP", NULL-terminated, as stored. */
const char * const *cd_device_types        (void);
/* Translated display name of @type ("USB token", "SIM PKI"…); @type
 * itself when unknown. */
const char         *cd_device_type_label   (const char *type);
/* The carriers offered to the clerk, NULL-terminated ("Viettel",
 * "VinaPhone", "MobiFone"…); another name may be typed. */
const char * const *cd_device_carriers     (void);

/* Checks and normalises @device's kind in place: type upper-cased and
 * one of cd_device_types() (empty means TOKEN); a SIM needs a carrier
 * (spelled as the carrier does when known) and a Vietnamese mobile
 * number, kept as text "0xxxxxxxxx" (+84 and separators removed); any
 * other device must have neither. CD_STORE_ERROR_INVALID with what to
 * correct otherwise. */
gboolean            cd_device_kind_check   (CdDevice   *device,
                                            GError    **error);

/* Gives the SIMs of a received batch (@devices, CdDevice, types set)
 * their own numbers: @phones holds one number per SIM in the order of
 * @devices, separated by commas, semicolons or new lines. Refused
 * (CD_STORE_ERROR_INVALID) when the counts differ: several SIMs never get
 * one number. Check each device with cd_device_kind_check() after. */
gboolean            cd_device_kind_assign_phones (GPtrArray   *devices,
                                                  const char  *phones,
                                                  GError     **error);

/* Adds a device new to the register (cd_device_kind_check() first).
 * With @holder_id 0 the unit received it today, into stock. Otherwise
 * it is the device that staff member already holds
 * (cd_devices_register_held()): handed over on @handed_on (ISO, not
 * after today) or, when NULL, on a day nobody knows. @device->id is set
 * on return. */
gboolean            cd_devices_add         (CdStore    *store,
                                            CdDevice   *device,
                                            gint64      holder_id,
                                            const char *handed_on,
                                            GError    **error);

G_END_DECLS
