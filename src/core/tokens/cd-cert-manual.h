/* cd-cert-manual.h — a certificate typed in by hand
 *
 * Some certificates reach the clerk only as paper (the provider's
 * handover minutes) or live where no file can be taken from them (a SIM
 * PKI, remote signing): the clerk types the serial, the validity and the
 * provider. Such a certificate is stored with source MANUAL and no
 * fingerprint or DER, and every listing says it was typed in.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cd-cert-pick.h"
#include "cd-store.h"

G_BEGIN_DECLS

/* The track the clerk chose, or AUTO to derive it from the provider's
 * name ("Ban Cơ yếu Chính phủ" → chuyên dùng, anything else public). */
typedef enum {
  CD_CERT_MANUAL_TRACK_AUTO = 0,
  CD_CERT_MANUAL_TRACK_GOVERNMENT,
  CD_CERT_MANUAL_TRACK_PUBLIC,
} CdCertManualTrack;

typedef struct {
  const char        *serial;       /* hexadecimal; spaces and colons allowed */
  const char        *not_before;   /* dd/mm/yyyy (or yyyy-mm-dd) */
  const char        *not_after;    /* dd/mm/yyyy (or yyyy-mm-dd) */
  const char        *provider;     /* "Ban Cơ yếu Chính phủ", "VNPT"… */
  CdCertPurpose      purpose;
  CdCertManualTrack  track;
  gint64             staff_id;     /* the holder, 0 = nobody yet */
  gint64             device_id;    /* the device it lives on, 0 = unknown */
} CdCertManualInput;

/* Checks @input and makes the certificate it describes (not stored):
 * source MANUAL, no fingerprint, dates at the start of the first day and
 * the end of the last one (local time), purpose and track set. Fails
 * with CD_STORE_ERROR_INVALID and a sentence saying what to correct. */
CdCertificate *cd_cert_manual_new  (const CdCertManualInput *input,
                                    GError                 **error);

/* cd_cert_manual_new(), then stores it for its holder and device. A
 * serial the register already has from the same provider is refused
 * (CD_STORE_ERROR_CONSTRAINT): it is the same certificate. */
CdCertificate *cd_cert_manual_add  (CdStore                 *store,
                                    const CdCertManualInput *input,
                                    GError                 **error);

/* Whether @cert was typed in (source MANUAL, nothing read from a file). */
gboolean       cd_certificate_is_typed_in (const CdCertificate *cert);

G_END_DECLS
