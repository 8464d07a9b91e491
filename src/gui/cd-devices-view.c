/* cd-devices-view.c
 *
 * A school has tens to a few hundred devices, so plain rows are fine
 * here, unlike the staff list.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "cd-devices-view.h"
#include "cd-handover.h"

struct _CdDevicesView
{
  GtkWidget            parent_instance;

  /* Template widgets */
  AdwPreferencesPage  *page;
  AdwPreferencesGroup *plugged_group;
  AdwPreferencesGroup *registered_group;

  /* Borrowed rows, removed on update */
  GPtrArray           *plugged_rows;
  GPtrArray           *registered_rows;
};

G_DEFINE_FINAL_TYPE (CdDevicesView, cd_devices_view, GTK_TYPE_WIDGET)

#define MAX_REGISTERED_ROWS 300u

char *
cd_unreadable_token_advice (const CdUnreadableToken *t)
{
  if (!t->card_present)
    return g_strdup_printf (_("The reader “%s” is connected but no installed driver reads its token. "
                              "Install the token software of the certificate provider (Bit4id for Ban Cơ yếu tokens, "
                              "or the CA's own middleware), then add its PKCS#11 library in Preferences."),
                            t->reader_name);
  return g_strdup_printf (_("A token is plugged into “%s” but no installed driver can read it. "
                            "Install the token software of the certificate provider (Bit4id for Ban Cơ yếu tokens, "
                            "or the CA's own middleware), then add its PKCS#11 library in Preferences."),
                          t->reader_name);
}

static void
clear (AdwPreferencesGroup *group,
       GPtrArray           *rows)
{
  for (guint i = 0; i < rows->len; i++)
    adw_preferences_group_remove (group, g_ptr_array_index (rows, i));
  g_ptr_array_set_size (rows, 0);
}

static GtkWidget *
open_button (gint64 staff_id, const char *name)
{
  GtkWidget *b = gtk_button_new_with_label (_("Open"));
  g_autofree char *label = g_strdup_printf (_("Open %s"), name);

  gtk_widget_set_valign (b, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (b), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (b), "win.open-staff");
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (b), g_variant_new_int64 (staff_id));
  return b;
}

static void
add (AdwPreferencesGroup *group,
     GPtrArray           *rows,
     GtkWidget           *row)
{
  adw_preferences_group_add (group, row);
  g_ptr_array_add (rows, row);
}

static char *
holder_name (CdStore *store,
             gint64   id)
{
  g_autoptr(CdStaff) s = id ? cd_store_get_staff (store, id, NULL) : NULL;

  return s ? g_strdup (s->full_name) : NULL;
}

void
cd_devices_view_update (CdDevicesView *self,
                        CdStore       *store,
                        GPtrArray     *tokens,
                        GPtrArray     *unreadable)
{
  g_autoptr(GPtrArray) devices = NULL;
  g_autoptr(GError) error = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  g_return_if_fail (CD_IS_DEVICES_VIEW (self));

  clear (self->plugged_group, self->plugged_rows);
  clear (self->registered_group, self->registered_rows);

  for (guint i = 0; tokens && i < tokens->len; i++)
    {
      const CdToken *t = g_ptr_array_index (tokens, i);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *title = g_strdup_printf ("%s — %s", t->label ? t->label : _("Token"),
                                                t->serial ? t->serial : "?");
      GString *sub = g_string_new (NULL);
      gint64 holder = 0;

      g_string_append_printf (sub, "%s %s · %s", t->manufacturer ? t->manufacturer : "",
                              t->model ? t->model : "", t->module_name ? t->module_name : "");
      for (guint j = 0; t->certificates && j < t->certificates->len; j++)
        {
          const CdCertificate *c = g_ptr_array_index (t->certificates, j);
          g_autoptr(CdCertificate) known = store ? cd_store_find_certificate_by_fingerprint (store, c->fingerprint) : NULL;
          g_autofree char *name = known && store ? holder_name (store, known->staff_id) : NULL;
          int days = cd_certificate_days_left (c, now);

          if (known && known->staff_id && holder == 0)
            holder = known->staff_id;
          g_string_append_c (sub, '\n');
          g_string_append_printf (sub, _("%s · serial %s · %s"),
                                  name ? name : (c->subject_cn ? c->subject_cn : "?"), c->serial,
                                  cd_cert_status_label (cd_certificate_status (c, now, 60)));
          {
            g_autofree char *left = days >= 0
              ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day left", "%d days left", days), days)
              : g_strdup (_("expired"));
            g_string_append_printf (sub, " (%s)", left);
          }
          if (name == NULL)
            g_string_append_printf (sub, " — %s", _("not in the register yet"));
        }
      if (t->certificates == NULL || t->certificates->len == 0)
        g_string_append_printf (sub, "\n%s", _("No certificate on this token"));
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), sub->str);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("drive-removable-media-symbolic"));
      if (holder != 0)
        {
          g_autofree char *name = holder_name (store, holder);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), open_button (holder, name ? name : ""));
        }
      g_string_free (sub, TRUE);
      add (self->plugged_group, self->plugged_rows, row);
    }
  for (guint i = 0; unreadable && i < unreadable->len; i++)
    {
      const CdUnreadableToken *t = g_ptr_array_index (unreadable, i);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *advice = cd_unreadable_token_advice (t);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), t->reader_name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), advice);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("dialog-warning-symbolic"));
      add (self->plugged_group, self->plugged_rows, row);
    }
  if (self->plugged_rows->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No USB token plugged in"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   _("Plug in a staff member's USB token: its certificate is read without a PIN and shown here."));
      add (self->plugged_group, self->plugged_rows, row);
    }

  devices = store ? cd_store_list_devices (store, &error) : NULL;
  /* Plain rows cost a widget each: beyond a few hundred devices (a large
   * demo register) only the first ones are listed, and the count says so;
   * each person's devices are on their record. */
  for (guint i = 0; devices && i < MIN (devices->len, MAX_REGISTERED_ROWS); i++)
    {
      const CdDevice *d = g_ptr_array_index (devices, i);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *name = store ? holder_name (store, d->holder_id) : NULL;
      g_autofree char *title = g_strdup_printf ("%s %s — %s", d->manufacturer ? d->manufacturer : "",
                                                d->model ? d->model : (d->type ? d->type : ""),
                                                d->token_serial ? d->token_serial : "");
      CdDeviceStatus st;
      g_autofree char *sub = g_strdup_printf ("%s · %s",
                                              cd_device_status_from_id (d->status, &st) ? cd_device_status_label (st)
                                                                                       : (d->status ? d->status : ""),
                                              name ? name : _("no holder"));

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), g_strstrip (title));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), sub);
      if (name != NULL)
        adw_action_row_add_suffix (ADW_ACTION_ROW (row), open_button (d->holder_id, name));
      add (self->registered_group, self->registered_rows, row);
    }
  if (devices && devices->len > MAX_REGISTERED_ROWS)
    {
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *more = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "and %u more device: open a staff member to see theirs",
                                                            "and %u more devices: open a staff member to see theirs",
                                                            devices->len - MAX_REGISTERED_ROWS),
                                               devices->len - MAX_REGISTERED_ROWS);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), more);
      add (self->registered_group, self->registered_rows, row);
    }
  if (self->registered_rows->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     error ? error->message : _("No device registered yet: plugging a token in registers it."));
      add (self->registered_group, self->registered_rows, row);
    }
}

static void
cd_devices_view_dispose (GObject *object)
{
  CdDevicesView *self = CD_DEVICES_VIEW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CD_TYPE_DEVICES_VIEW);

  G_OBJECT_CLASS (cd_devices_view_parent_class)->dispose (object);
}

static void
cd_devices_view_finalize (GObject *object)
{
  CdDevicesView *self = CD_DEVICES_VIEW (object);

  g_clear_pointer (&self->plugged_rows, g_ptr_array_unref);
  g_clear_pointer (&self->registered_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (cd_devices_view_parent_class)->finalize (object);
}

static void
cd_devices_view_class_init (CdDevicesViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cd_devices_view_dispose;
  object_class->finalize = cd_devices_view_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/certdesk/CertDesk/cd-devices-view.ui");
  gtk_widget_class_bind_template_child (widget_class, CdDevicesView, page);
  gtk_widget_class_bind_template_child (widget_class, CdDevicesView, plugged_group);
  gtk_widget_class_bind_template_child (widget_class, CdDevicesView, registered_group);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
cd_devices_view_init (CdDevicesView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->plugged_rows = g_ptr_array_new ();
  self->registered_rows = g_ptr_array_new ();
}
