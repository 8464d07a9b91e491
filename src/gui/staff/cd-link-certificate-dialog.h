/* cd-link-certificate-dialog.h — whose is a certificate nobody has?
 *
 * Asks the clerk to pick a staff member of the register for a
 * certificate that was not linked, or to create one from it. Responds
 * "link", "create" or "cancel" (AdwMessageDialog::response); "link" is
 * offered only when the register has someone to pick.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "cd-model.h"
#include "cd-staff-item.h"

G_BEGIN_DECLS

#define CD_TYPE_LINK_CERTIFICATE_DIALOG (cd_link_certificate_dialog_get_type ())
G_DECLARE_FINAL_TYPE (CdLinkCertificateDialog, cd_link_certificate_dialog, CD, LINK_CERTIFICATE_DIALOG,
                      AdwMessageDialog)

/* @staff: the register's staff (CdStaffItem), to pick from. */
CdLinkCertificateDialog *cd_link_certificate_dialog_new          (GtkWindow               *parent,
                                                                  const CdCertificate     *cert,
                                                                  GListModel              *staff);
/* The certificate asked about, as given to _new(). */
const CdCertificate     *cd_link_certificate_dialog_get_certificate (CdLinkCertificateDialog *self);
/* The staff member picked, or NULL. */
CdStaffItem             *cd_link_certificate_dialog_get_staff    (CdLinkCertificateDialog *self);

G_END_DECLS
