/* cd-link-certificate-dialog.h — whose is a certificate nobody has?
 *
 * Asks the clerk to pick the holder of a certificate that was not
 * attached: the unit itself (its seal), one of the unit's services, or
 * a staff member of the register; or to create a staff member from it.
 * Nothing is chosen at first (issue 16): "link" stays disabled until the
 * clerk picks someone. Responds "link", "create" or "cancel"
 * (AdwMessageDialog::response).
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

/* @staff: the register's staff (CdStaffItem), to pick from; @unit_name:
 * the unit's name (NULL: the unit is not offered); @services: the unit's
 * services (CdService; may be NULL). */
CdLinkCertificateDialog *cd_link_certificate_dialog_new          (GtkWindow               *parent,
                                                                  const CdCertificate     *cert,
                                                                  GListModel              *staff,
                                                                  const char              *unit_name,
                                                                  GPtrArray               *services);
/* The certificate asked about, as given to _new(). */
const CdCertificate     *cd_link_certificate_dialog_get_certificate (CdLinkCertificateDialog *self);
/* The staff member picked, or NULL (nothing picked, or the unit or a
 * service). */
CdStaffItem             *cd_link_certificate_dialog_get_staff    (CdLinkCertificateDialog *self);
/* The holder picked: FALSE when nothing is; else @kind, @holder_id (staff
 * or service id; 0 for the unit) and @name (the person's, the unit's or
 * the service's; owned by the dialog). Any out argument may be NULL. */
gboolean                 cd_link_certificate_dialog_get_holder   (CdLinkCertificateDialog *self,
                                                                  CdCertHolderKind        *kind,
                                                                  gint64                  *holder_id,
                                                                  const char             **name);

G_END_DECLS
