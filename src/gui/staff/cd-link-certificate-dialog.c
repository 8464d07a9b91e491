/* cd-link-certificate-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "cd-link-certificate-dialog.h"

struct _CdLinkCertificateDialog
{
  AdwMessageDialog  parent_instance;

  /* Template widgets */
  GtkDropDown      *staff_drop;

  /* Owned */
  CdCertificate    *cert;
};

G_DEFINE_FINAL_TYPE (CdLinkCertificateDialog, cd_link_certificate_dialog, ADW_TYPE_MESSAGE_DIALOG)

/* The drop-down's text of a person: name and position tell namesakes
 * apart. */
static char *
staff_item_label (CdStaffItem *item,
                  gpointer     user_data)
{
  const CdStaffRow *r = cd_staff_item_get_row (item);

  return g_strdup_printf ("%s — %s", r->full_name ? r->full_name : "", r->position ? r->position : "");
}

static void
cd_link_certificate_dialog_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), CD_TYPE_LINK_CERTIFICATE_DIALOG);
  G_OBJECT_CLASS (cd_link_certificate_dialog_parent_class)->dispose (object);
}

static void
cd_link_certificate_dialog_finalize (GObject *object)
{
  CdLinkCertificateDialog *self = CD_LINK_CERTIFICATE_DIALOG (object);

  g_clear_pointer (&self->cert, cd_certificate_free);
  G_OBJECT_CLASS (cd_link_certificate_dialog_parent_class)->finalize (object);
}

static void
cd_link_certificate_dialog_class_init (CdLinkCertificateDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cd_link_certificate_dialog_dispose;
  object_class->finalize = cd_link_certificate_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/certdesk/CertDesk/staff/cd-link-certificate-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CdLinkCertificateDialog, staff_drop);
  gtk_widget_class_bind_template_callback (widget_class, staff_item_label);
}

static void
cd_link_certificate_dialog_init (CdLinkCertificateDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

CdLinkCertificateDialog *
cd_link_certificate_dialog_new (GtkWindow           *parent,
                                const CdCertificate *cert,
                                GListModel          *staff)
{
  CdLinkCertificateDialog *self;

  g_return_val_if_fail (cert != NULL, NULL);
  g_return_val_if_fail (G_IS_LIST_MODEL (staff), NULL);

  self = g_object_new (CD_TYPE_LINK_CERTIFICATE_DIALOG, "transient-for", parent, NULL);
  self->cert = cd_certificate_copy (cert);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (self),
                                  _("The certificate of %s (serial %s, email %s) is not linked to anyone. Link it to a staff member in the register, or create a new staff member from it."),
                                  cert->subject_cn ? cert->subject_cn : "?", cert->serial,
                                  cert->email ? cert->email : "—");
  gtk_drop_down_set_model (self->staff_drop, staff);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "link",
                                           g_list_model_get_n_items (staff) > 0);
  return self;
}

const CdCertificate *
cd_link_certificate_dialog_get_certificate (CdLinkCertificateDialog *self)
{
  g_return_val_if_fail (CD_IS_LINK_CERTIFICATE_DIALOG (self), NULL);
  return self->cert;
}

CdStaffItem *
cd_link_certificate_dialog_get_staff (CdLinkCertificateDialog *self)
{
  g_return_val_if_fail (CD_IS_LINK_CERTIFICATE_DIALOG (self), NULL);
  return gtk_drop_down_get_selected_item (self->staff_drop);
}
