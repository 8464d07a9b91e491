/* cd-device-link.h — which certificate is on which device
 *
 * A device knows its certificate only through the explicit link
 * certificates.device_id: written when the token is read
 * (cd-token-register) or chosen by the clerk (cd_devices_link_certificate).
 * It is never inferred from the holder's newest certificate: a new, blank
 * device handed to someone carries nothing until it is read or linked.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cd-store.h"

G_BEGIN_DECLS

/* The certificate on the device @device_id: among the certificates
 * linked to it, the one that counts (cd_certificate_pick_for_procedure(),
 * chuyên dùng signing first). NULL when none is linked (a blank device,
 * or one never read). */
CdCertificate *cd_devices_device_certificate (CdStore   *store,
                                              gint64     device_id);

/* The certificates the clerk may say are on the device @device_id, newest
 * first: its holder's (a person's, or a service's for a service's device),
 * the unit's own for a device kept by the unit. Element type CdCertificate. */
GPtrArray     *cd_devices_link_candidates    (CdStore   *store,
                                              gint64     device_id,
                                              GError   **error);

/* Records by hand that @certificate_id is the certificate on the device
 * @device_id (0: none, the device is blank): the certificate leaves the
 * device it was on, and any other certificate on @device_id leaves it.
 * Refused (CD_STORE_ERROR_INVALID) for a certificate not among
 * cd_devices_link_candidates(). One transaction with its audit entry;
 * emits changed::device. */
gboolean       cd_devices_link_certificate   (CdStore   *store,
                                              gint64     device_id,
                                              gint64     certificate_id,
                                              GError   **error);

/* The holder's certificate that counts for a procedure
 * (cd_certificate_pick_for_procedure()); not the certificate on any
 * particular device: for that, cd_devices_device_certificate(). */
CdCertificate *cd_devices_holder_certificate (CdStore   *store,
                                              gint64     staff_id);

/* What the clerk is told when a procedure needs the device certificate
 * @cert_serial (of @holder_name) is on and none is linked: that it is not
 * known, and how to say which it is (*Chứng thư trên thiết bị…*, or
 * --link-device=SERIAL --certificate=@cert_serial). Translated. For the
 * command line, where a note stands alone. */
char          *cd_devices_unknown_device_note (const char *holder_name,
                                               const char *cert_serial);

/* The same for the window, in a row (a wizard's gap) that names the
 * holder already: without the name and without the command line's
 * options. Translated. */
char          *cd_devices_unknown_device_gap  (const char *cert_serial);

G_END_DECLS
