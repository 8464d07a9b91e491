/* cd-unit-certificates-group.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "cd-gui-util.h"
#include "cd-unit-certificates-group.h"

struct _CdUnitCertificatesGroup
{
  AdwPreferencesGroup  parent_instance;

  /* Template widgets */
  AdwEntryRow         *service_entry;

  /* Not template */
  GPtrArray           *rows;      /* GtkWidget, borrowed from the group */

  /* Owned */
  CdStore             *store;
  int                  threshold_days;
};

G_DEFINE_FINAL_TYPE (CdUnitCertificatesGroup, cd_unit_certificates_group, ADW_TYPE_PREFERENCES_GROUP)

static void
add_row (CdUnitCertificatesGroup *self,
         const char              *title,
         const char              *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  subtitle ? subtitle : "", -1);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), row);
  g_ptr_array_add (self->rows, row);
}

/* One row per certificate: the serial as title (what the Cục's papers
 * name), holder · valid until · status below. */
static void
add_certificate_rows (CdUnitCertificatesGroup *self,
                      GPtrArray               *certs,
                      const char              *holder,
                      gint64                   now)
{
  for (guint i = 0; i < certs->len; i++)
    {
      const CdCertificate *c = g_ptr_array_index (certs, i);
      g_autoptr(GDateTime) until = g_date_time_new_from_unix_local (c->not_after);
      g_autofree char *date = until ? g_date_time_format (until, "%d/%m/%Y") : g_strdup ("");
      g_autofree char *title = g_strdup_printf (_("Serial %s"), c->serial);
      /* Translators: holder · "valid until" date · status */
      g_autofree char *subtitle = g_strdup_printf (_("%s · valid until %s · %s"), holder, date,
                                                   cd_cert_status_label (cd_certificate_status (c, now, self->threshold_days)));

      add_row (self, title, subtitle);
    }
}

void
cd_unit_certificates_group_reload (CdUnitCertificatesGroup *self)
{
  g_autoptr(GPtrArray) seals = NULL;
  g_autoptr(GPtrArray) services = NULL;
  g_autoptr(CdUnit) unit = NULL;
  g_autoptr(GError) error = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  g_autofree char *seal_holder = NULL;
  guint n_certs = 0;

  g_return_if_fail (CD_IS_UNIT_CERTIFICATES_GROUP (self));

  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self), g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->service_entry),
                            self->store != NULL && !cd_store_is_read_only (self->store));
  if (self->store == NULL)
    return;

  unit = cd_store_get_unit (self->store);
  seals = cd_store_list_certificates_held (self->store, CD_CERT_HOLDER_UNIT, 0, &error);
  if (seals != NULL)
    services = cd_store_list_services (self->store, &error);
  if (services == NULL)
    {
      add_row (self, error->message, NULL);
      return;
    }
  /* Translators: the holder of the unit's seal; %s: the unit's name */
  seal_holder = g_strdup_printf (_("%s (the unit's seal)"), unit->name ? unit->name : "");
  add_certificate_rows (self, seals, seal_holder, now);
  n_certs += seals->len;
  for (guint i = 0; i < services->len; i++)
    {
      const CdService *s = g_ptr_array_index (services, i);
      g_autoptr(GPtrArray) certs = cd_store_list_certificates_held (self->store, CD_CERT_HOLDER_SERVICE, s->id, NULL);
      /* Translators: the holder of a service's certificate; %s: the service */
      g_autofree char *holder = g_strdup_printf (_("%s (service)"), s->name);

      if (certs == NULL || certs->len == 0)
        {
          /* Translators: %s: a service of the unit */
          g_autofree char *title = g_strdup_printf (_("Service: %s"), s->name);
          add_row (self, title, _("No certificate yet: import its file, or choose the service as the holder of "
                                  "a certificate nobody has."));
          continue;
        }
      add_certificate_rows (self, certs, holder, now);
      n_certs += certs->len;
    }
  if (n_certs == 0 && services->len == 0)
    add_row (self, _("No seal or service certificate yet"),
             _("Import the unit's certificate file (Import Certificates): it is recognised by the unit's name."));
}

static void
service_apply_cb (CdUnitCertificatesGroup *self)
{
  g_autoptr(CdService) service = NULL;
  g_autoptr(CdService) same = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *msg = NULL;
  GtkWidget *where = GTK_WIDGET (gtk_widget_get_root (GTK_WIDGET (self)));

  if (self->store == NULL)
    return;
  name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->service_entry))));
  if (*name == '\0')
    return;
  same = cd_store_find_service_by_name (self->store, name);
  if (same != NULL)
    {
      msg = g_strdup_printf (_("The service “%s” is already in the register."), same->name);
      cd_gui_toast (where, msg);
      return;
    }
  service = cd_service_new ();
  service->name = g_steal_pointer (&name);
  if (!cd_store_save_service (self->store, service, &error))
    {
      cd_gui_toast (where, error->message);
      return;
    }
  gtk_editable_set_text (GTK_EDITABLE (self->service_entry), "");
  msg = g_strdup_printf (_("The service “%s” was added. Its certificate can now be given to it."), service->name);
  cd_gui_toast (where, msg);
  cd_unit_certificates_group_reload (self);
}

static void
cd_unit_certificates_group_dispose (GObject *object)
{
  CdUnitCertificatesGroup *self = CD_UNIT_CERTIFICATES_GROUP (object);

  gtk_widget_dispose_template (GTK_WIDGET (object), CD_TYPE_UNIT_CERTIFICATES_GROUP);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (cd_unit_certificates_group_parent_class)->dispose (object);
}

static void
cd_unit_certificates_group_finalize (GObject *object)
{
  CdUnitCertificatesGroup *self = CD_UNIT_CERTIFICATES_GROUP (object);

  g_clear_pointer (&self->rows, g_ptr_array_unref);
  G_OBJECT_CLASS (cd_unit_certificates_group_parent_class)->finalize (object);
}

static void
cd_unit_certificates_group_class_init (CdUnitCertificatesGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cd_unit_certificates_group_dispose;
  object_class->finalize = cd_unit_certificates_group_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/certdesk/CertDesk/cd-unit-certificates-group.ui");
  gtk_widget_class_bind_template_child (widget_class, CdUnitCertificatesGroup, service_entry);
  gtk_widget_class_bind_template_callback (widget_class, service_apply_cb);
}

static void
cd_unit_certificates_group_init (CdUnitCertificatesGroup *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->rows = g_ptr_array_new ();
  self->threshold_days = 60;
}

void
cd_unit_certificates_group_set_store (CdUnitCertificatesGroup *self,
                                      CdStore                 *store,
                                      int                      threshold_days)
{
  g_return_if_fail (CD_IS_UNIT_CERTIFICATES_GROUP (self));

  g_set_object (&self->store, store);
  self->threshold_days = threshold_days;
  cd_unit_certificates_group_reload (self);
}
