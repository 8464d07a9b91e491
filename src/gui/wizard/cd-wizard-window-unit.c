/* cd-wizard-window-unit.c — the wizard's second page for the kinds about
 * the unit itself: Mẫu 02 (its organisation certificate: the unit's row)
 * and Mẫu 03 (a service's or device's certificate: its name and kind)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cd-doc-context.h"
#include "cd-wizard-window-private.h"

static gboolean
filled (const char *s)
{
  return s != NULL && *s != '\0';
}

static void
value_row (GtkWidget  *list,
           const char *title,
           const char *value)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), filled (value) ? value : "—");
  gtk_list_box_append (GTK_LIST_BOX (list), row);
}

static void
service_changed_cb (GtkEditable    *entry,
                    CdWizardWindow *self)
{
  const char *what = g_object_get_data (G_OBJECT (entry), "what");

  if (g_str_equal (what, "name"))
    cd_wizard_draft_set_text (&self->draft->service_name, gtk_editable_get_text (entry));
  else
    cd_wizard_draft_set_text (&self->draft->service_kind, gtk_editable_get_text (entry));
  self->draft->dirty = TRUE;
  gtk_widget_set_sensitive (GTK_WIDGET (self->next_button), filled (self->draft->service_name));
}

static void
service_row (CdWizardWindow *self,
             GtkWidget      *list,
             const char     *title,
             const char     *what,
             const char     *value)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_editable_set_text (GTK_EDITABLE (row), value ? value : "");
  /* the text inside has no name of its own for assistive technologies */
  gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_editable_get_delegate (GTK_EDITABLE (row))),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  g_object_set_data_full (G_OBJECT (row), "what", g_strdup (what), g_free);
  g_signal_connect (row, "changed", G_CALLBACK (service_changed_cb), self);
  gtk_list_box_append (GTK_LIST_BOX (list), row);
}

void
cd_wizard_window_build_unit (CdWizardWindow *self,
                             GtkWidget      *box)
{
  g_autoptr(CdUnit) unit = cd_store_get_unit (self->store);
  GtkWidget *list = new_list ();

  self->people_list = NULL;
  self->search_entry = NULL;
  self->search_list = NULL;
  if (g_strcmp0 (self->draft->kind, "mau-02") == 0)
    {
      gboolean ready = filled (unit->name) && filled (unit->tax_code);

      gtk_box_append (GTK_BOX (box), heading (_("The unit's row"),
                                              _("Form 02 asks for the unit's own certificate with these details. Change them in Preferences.")));
      gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("The unit's row"), -1);
      value_row (list, _("Name of the unit"), unit->name);
      value_row (list, _("Address"), unit->address);
      value_row (list, _("Tax code"), unit->tax_code);
      value_row (list, _("Budget relation code"), unit->budget_code);
      value_row (list, _("Province or city"), unit->province);
      value_row (list, _("Official email"), unit->email);
      gtk_box_append (GTK_BOX (box), list);
      if (!ready)
        gtk_box_append (GTK_BOX (box), heading (NULL,
                                                _("The unit's name or tax code is missing: enter them in Preferences before writing Form 02.")));
      gtk_widget_set_sensitive (GTK_WIDGET (self->next_button), ready);
      return;
    }

  gtk_box_append (GTK_BOX (box), heading (_("The certificate requested"),
                                          _("Form 03 asks for a certificate of a service, device or software of the unit, such as the one-stop desk's.")));
  service_row (self, list, _("Name of the certificate"), "name", self->draft->service_name);
  {
    g_autofree char *kind_title = g_strdup_printf (_("Kind of certificate, empty for “%s”"),
                                                   CD_DOC_SERVICE_KIND_DEFAULT);
    service_row (self, list, kind_title, "kind", self->draft->service_kind);
  }
  gtk_box_append (GTK_BOX (box), list);
  gtk_widget_set_sensitive (GTK_WIDGET (self->next_button), filled (self->draft->service_name));
}
