/* cd-cert-manual-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "cd-cert-manual.h"
#include "cd-cert-manual-dialog.h"

struct _CdCertManualDialog
{
  AdwMessageDialog  parent_instance;

  /* Template widgets */
  AdwEntryRow      *serial_row;
  AdwEntryRow      *from_row;
  AdwEntryRow      *until_row;
  AdwEntryRow      *provider_row;
  AdwComboRow      *purpose_row;
  AdwComboRow      *track_row;
  GtkLabel         *error_label;

  gint64            staff_id;
};

G_DEFINE_FINAL_TYPE (CdCertManualDialog, cd_cert_manual_dialog, ADW_TYPE_MESSAGE_DIALOG)

static CdCertManualInput
read_input (CdCertManualDialog *self)
{
  CdCertManualInput in = { 0 };

  in.serial = gtk_editable_get_text (GTK_EDITABLE (self->serial_row));
  in.not_before = gtk_editable_get_text (GTK_EDITABLE (self->from_row));
  in.not_after = gtk_editable_get_text (GTK_EDITABLE (self->until_row));
  in.provider = gtk_editable_get_text (GTK_EDITABLE (self->provider_row));
  in.purpose = adw_combo_row_get_selected (self->purpose_row) == 1
               ? CD_CERT_PURPOSE_ENCRYPTION : CD_CERT_PURPOSE_SIGNING;
  switch (adw_combo_row_get_selected (self->track_row))
    {
    case 1: in.track = CD_CERT_MANUAL_TRACK_GOVERNMENT; break;
    case 2: in.track = CD_CERT_MANUAL_TRACK_PUBLIC; break;
    default: in.track = CD_CERT_MANUAL_TRACK_AUTO; break;
    }
  in.staff_id = self->staff_id;
  return in;
}

/* The core's check at every keystroke: the clerk sees what is wrong
 * before pressing Add. Nothing is said while the serial is empty. */
static void
changed_cb (CdCertManualDialog *self)
{
  CdCertManualInput in = read_input (self);
  g_autoptr(GError) error = NULL;
  g_autoptr(CdCertificate) c = cd_cert_manual_new (&in, &error);
  gboolean started = *in.serial != '\0' || *in.not_before != '\0' || *in.not_after != '\0';

  gtk_label_set_text (self->error_label, c == NULL && started ? error->message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), c == NULL && started);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "add", c != NULL);
}

static void
cd_cert_manual_dialog_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), CD_TYPE_CERT_MANUAL_DIALOG);
  G_OBJECT_CLASS (cd_cert_manual_dialog_parent_class)->dispose (object);
}

static void
cd_cert_manual_dialog_class_init (CdCertManualDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cd_cert_manual_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/certdesk/CertDesk/staff/cd-cert-manual-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CdCertManualDialog, serial_row);
  gtk_widget_class_bind_template_child (widget_class, CdCertManualDialog, from_row);
  gtk_widget_class_bind_template_child (widget_class, CdCertManualDialog, until_row);
  gtk_widget_class_bind_template_child (widget_class, CdCertManualDialog, provider_row);
  gtk_widget_class_bind_template_child (widget_class, CdCertManualDialog, purpose_row);
  gtk_widget_class_bind_template_child (widget_class, CdCertManualDialog, track_row);
  gtk_widget_class_bind_template_child (widget_class, CdCertManualDialog, error_label);
  gtk_widget_class_bind_template_callback (widget_class, changed_cb);
}

static void
cd_cert_manual_dialog_init (CdCertManualDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
}

CdCertManualDialog *
cd_cert_manual_dialog_new (GtkWindow *parent,
                           gint64     staff_id)
{
  CdCertManualDialog *self = g_object_new (CD_TYPE_CERT_MANUAL_DIALOG, "transient-for", parent, NULL);

  self->staff_id = staff_id;
  return self;
}

CdCertificate *
cd_cert_manual_dialog_add (CdCertManualDialog *self,
                           CdStore            *store,
                           GError            **error)
{
  CdCertManualInput in;

  g_return_val_if_fail (CD_IS_CERT_MANUAL_DIALOG (self), NULL);
  in = read_input (self);
  return cd_cert_manual_add (store, &in, error);
}
