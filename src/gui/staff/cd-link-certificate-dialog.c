/* cd-link-certificate-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "cd-cert-link.h"
#include "cd-holder-choice.h"
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

/* The drop-down's text of a holder: the unit and services first, then
 * people, whose name and position tell namesakes apart. */
static char *
holder_item_label (GObject  *item,
                   gpointer  user_data)
{
  if (CD_IS_HOLDER_CHOICE (item))
    {
      CdHolderChoice *choice = CD_HOLDER_CHOICE (item);
      const char *name = cd_holder_choice_get_name (choice);

      if (cd_holder_choice_get_kind (choice) == CD_CERT_HOLDER_UNIT)
        /* Translators: the unit itself as the holder of its seal; %s: the unit's name */
        return g_strdup_printf (_("Unit (electronic seal) — %s"), name ? name : "");
      /* Translators: %s: a service of the unit, such as "Bộ phận Một cửa" */
      return g_strdup_printf (_("Service: %s"), name ? name : "");
    }
  if (CD_IS_STAFF_ITEM (item))
    {
      const CdStaffRow *r = cd_staff_item_get_row (CD_STAFF_ITEM (item));

      return g_strdup_printf ("%s — %s", r->full_name ? r->full_name : "", r->position ? r->position : "");
    }
  return g_strdup ("");
}

static void
selected_cb (CdLinkCertificateDialog *self)
{
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "link",
                                           gtk_drop_down_get_selected_item (self->staff_drop) != NULL);
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
  gtk_widget_class_bind_template_callback (widget_class, holder_item_label);
}

static void
cd_link_certificate_dialog_init (CdLinkCertificateDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

CdLinkCertificateDialog *
cd_link_certificate_dialog_new (GtkWindow           *parent,
                                const CdCertificate *cert,
                                GListModel          *staff,
                                const char          *unit_name,
                                GPtrArray           *services)
{
  CdLinkCertificateDialog *self;
  g_autoptr(GListStore) choices = NULL;
  g_autoptr(GListStore) parts = NULL;
  g_autoptr(GtkFlattenListModel) all = NULL;
  g_autofree char *body = NULL;

  g_return_val_if_fail (cert != NULL, NULL);
  g_return_val_if_fail (G_IS_LIST_MODEL (staff), NULL);

  self = g_object_new (CD_TYPE_LINK_CERTIFICATE_DIALOG, "transient-for", parent, NULL);
  self->cert = cd_certificate_copy (cert);
  body = g_strdup_printf (_("The certificate of %s (serial %s, email %s) has no holder in the register. Choose "
                            "who holds it: the unit itself (its electronic seal), a service of the unit, or a "
                            "staff member; or create a new staff member from it."),
                          cert->subject_cn ? cert->subject_cn : "?", cert->serial,
                          cert->email ? cert->email : "—");
  if (cd_cert_link_looks_like_service (cert->subject_cn))
    {
      g_autofree char *plain = g_steal_pointer (&body);

      body = g_strdup_printf ("%s\n\n%s", plain,
                              _("Its name looks like a service of the unit (such as the one-stop desk), whose "
                                "certificate passes from one duty officer to the next: give it to the service, "
                                "not to a person. A new service is added in Preferences."));
    }
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (self), body);

  /* The unit and services first, then the staff model as it is (a
   * flatten model: 30,000 people are not copied). */
  choices = g_list_store_new (G_TYPE_OBJECT);
  if (unit_name != NULL && *unit_name != '\0')
    {
      g_autoptr(CdHolderChoice) unit = cd_holder_choice_new (CD_CERT_HOLDER_UNIT, 0, unit_name);
      g_list_store_append (choices, unit);
    }
  for (guint i = 0; services != NULL && i < services->len; i++)
    {
      const CdService *s = g_ptr_array_index (services, i);
      g_autoptr(CdHolderChoice) c = cd_holder_choice_new (CD_CERT_HOLDER_SERVICE, s->id, s->name);
      g_list_store_append (choices, c);
    }
  parts = g_list_store_new (G_TYPE_LIST_MODEL);
  g_list_store_append (parts, choices);
  g_list_store_append (parts, staff);
  all = gtk_flatten_list_model_new (G_LIST_MODEL (g_steal_pointer (&parts)));
  gtk_drop_down_set_model (self->staff_drop, G_LIST_MODEL (all));
  /* Nothing is attached until the clerk chooses (issue 16 item 4). */
  gtk_drop_down_set_selected (self->staff_drop, GTK_INVALID_LIST_POSITION);
  g_signal_connect_object (self->staff_drop, "notify::selected", G_CALLBACK (selected_cb), self,
                           G_CONNECT_SWAPPED);
  selected_cb (self);
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
  gpointer item;

  g_return_val_if_fail (CD_IS_LINK_CERTIFICATE_DIALOG (self), NULL);
  item = gtk_drop_down_get_selected_item (self->staff_drop);
  return CD_IS_STAFF_ITEM (item) ? item : NULL;
}

gboolean
cd_link_certificate_dialog_get_holder (CdLinkCertificateDialog  *self,
                                       CdCertHolderKind         *kind,
                                       gint64                   *holder_id,
                                       const char              **name)
{
  gpointer item;
  CdCertHolderKind k;
  gint64 id;
  const char *n;

  g_return_val_if_fail (CD_IS_LINK_CERTIFICATE_DIALOG (self), FALSE);
  item = gtk_drop_down_get_selected_item (self->staff_drop);
  if (CD_IS_HOLDER_CHOICE (item))
    {
      k = cd_holder_choice_get_kind (item);
      id = cd_holder_choice_get_id (item);
      n = cd_holder_choice_get_name (item);
    }
  else if (CD_IS_STAFF_ITEM (item))
    {
      const CdStaffRow *r = cd_staff_item_get_row (item);

      k = CD_CERT_HOLDER_PERSON;
      id = r->staff_id;
      n = r->full_name;
    }
  else
    return FALSE;
  if (kind != NULL)
    *kind = k;
  if (holder_id != NULL)
    *holder_id = id;
  if (name != NULL)
    *name = n;
  return TRUE;
}
