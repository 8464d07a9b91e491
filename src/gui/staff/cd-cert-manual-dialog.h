/* cd-cert-manual-dialog.h — a certificate typed in by hand, from the
 * staff record
 *
 * Asks for the serial, the validity, the provider, the purpose and the
 * track; "add" is offered only once the core accepts what is typed
 * (cd_cert_manual_new), and the reason is shown under the form until
 * then. Responds "add" or "cancel" (AdwMessageDialog::response); the
 * caller stores with cd_cert_manual_dialog_add().
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "cd-store.h"

G_BEGIN_DECLS

#define CD_TYPE_CERT_MANUAL_DIALOG (cd_cert_manual_dialog_get_type ())
G_DECLARE_FINAL_TYPE (CdCertManualDialog, cd_cert_manual_dialog, CD, CERT_MANUAL_DIALOG, AdwMessageDialog)

/* For the staff member @staff_id (0: nobody yet). */
CdCertManualDialog *cd_cert_manual_dialog_new (GtkWindow          *parent,
                                               gint64              staff_id);
/* Stores what was typed in @store; the certificate, or NULL and @error. */
CdCertificate      *cd_cert_manual_dialog_add (CdCertManualDialog *self,
                                               CdStore            *store,
                                               GError            **error);

G_END_DECLS
