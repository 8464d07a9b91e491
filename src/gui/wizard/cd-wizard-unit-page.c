/* cd-wizard-unit-page.c — the request wizard's second step for the kinds
 * about the unit itself: Mẫu 02 (the unit's row) and Mẫu 03 (a service's
 * or device's certificate: its name and kind)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cd-doc-context.h"
#include "cd-wizard-names.h"
#include "cd-wizard-unit-page.h"
#include "cd-wizard-window-private.h"

struct _CdWizardUnitPage
{
  GtkBox          parent_instance;

  CdWizardWindow *window;   /* not a reference: the page is inside it */

  /* Mẫu 02: the unit's row as Preferences hold it */
  GtkWidget      *unit_box;
  GtkWidget      *busy_box;     /* while the unit is read on a worker */
  GtkWidget      *unit_list;
  AdwActionRow   *name_row;
  AdwActionRow   *address_row;
  AdwActionRow   *tax_row;
  AdwActionRow   *budget_row;
  AdwActionRow   *province_row;
  AdwActionRow   *email_row;
  GtkWidget      *missing_label;
  /* Mẫu 03: the certificate requested */
  GtkWidget      *service_box;
  AdwEntryRow    *service_name_row;
  AdwEntryRow    *service_kind_row;
};

G_DEFINE_FINAL_TYPE (CdWizardUnitPage, cd_wizard_unit_page, GTK_TYPE_BOX)

static gboolean
filled (const char *s)
{
  return s != NULL && *s != '\0';
}

static void
show_value (AdwActionRow *row,
            const char   *value)
{
  adw_action_row_set_subtitle (row, filled (value) ? value : "—");
}

/* The text inside an entry row has no name of its own for assistive
 * technologies: it gets the row's title. */
static void
name_entry (AdwEntryRow *row)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_editable_get_delegate (GTK_EDITABLE (row))),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), -1);
}

static void
service_changed (CdWizardUnitPage *self)
{
  self->window->draft->dirty = TRUE;
  gtk_widget_set_sensitive (GTK_WIDGET (self->window->next_button),
                            filled (self->window->draft->service_name));
}

static void
service_name_changed_cb (CdWizardUnitPage *self,
                         GtkEditable      *entry)
{
  if (self->window == NULL)   /* the draft's own text being shown */
    return;
  cd_wizard_draft_set_text (&self->window->draft->service_name, gtk_editable_get_text (entry));
  service_changed (self);
}

static void
service_kind_changed_cb (CdWizardUnitPage *self,
                         GtkEditable      *entry)
{
  if (self->window == NULL)   /* the draft's own text being shown */
    return;
  cd_wizard_draft_set_text (&self->window->draft->service_kind, gtk_editable_get_text (entry));
  service_changed (self);
}

static void
unit_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  /* with the cancellable of the step's build */
  g_autoptr(CdWizardCall) call = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CdWizardNames) names = cd_wizard_names_finish (CD_STORE (source), result, &error);
  CdWizardUnitPage *self = call->page;
  CdUnit *unit;
  gboolean ready;

  /* the step was left or rebuilt, or the window closed */
  if (cd_wizard_call_cancelled (call) || self->window == NULL)
    return;
  gtk_widget_set_visible (self->busy_box, FALSE);
  if (names == NULL)
    {
      gtk_label_set_label (GTK_LABEL (self->missing_label), error->message);
      gtk_widget_set_visible (self->missing_label, TRUE);
      return;
    }
  unit = names->unit;
  ready = filled (unit->name) && filled (unit->tax_code);
  show_value (self->name_row, unit->name);
  show_value (self->address_row, unit->address);
  show_value (self->tax_row, unit->tax_code);
  show_value (self->budget_row, unit->budget_code);
  show_value (self->province_row, unit->province);
  show_value (self->email_row, unit->email);
  gtk_widget_set_visible (self->unit_list, TRUE);
  gtk_widget_set_visible (self->missing_label, !ready);
  gtk_widget_set_sensitive (GTK_WIDGET (self->window->next_button), ready);
}

static void
cd_wizard_unit_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), CD_TYPE_WIZARD_UNIT_PAGE);
  G_OBJECT_CLASS (cd_wizard_unit_page_parent_class)->dispose (object);
}

static void
cd_wizard_unit_page_class_init (CdWizardUnitPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = cd_wizard_unit_page_dispose;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/certdesk/CertDesk/wizard/cd-wizard-unit-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CdWizardUnitPage, unit_box);
  gtk_widget_class_bind_template_child (widget_class, CdWizardUnitPage, busy_box);
  gtk_widget_class_bind_template_child (widget_class, CdWizardUnitPage, unit_list);
  gtk_widget_class_bind_template_child (widget_class, CdWizardUnitPage, name_row);
  gtk_widget_class_bind_template_child (widget_class, CdWizardUnitPage, address_row);
  gtk_widget_class_bind_template_child (widget_class, CdWizardUnitPage, tax_row);
  gtk_widget_class_bind_template_child (widget_class, CdWizardUnitPage, budget_row);
  gtk_widget_class_bind_template_child (widget_class, CdWizardUnitPage, province_row);
  gtk_widget_class_bind_template_child (widget_class, CdWizardUnitPage, email_row);
  gtk_widget_class_bind_template_child (widget_class, CdWizardUnitPage, missing_label);
  gtk_widget_class_bind_template_child (widget_class, CdWizardUnitPage, service_box);
  gtk_widget_class_bind_template_child (widget_class, CdWizardUnitPage, service_name_row);
  gtk_widget_class_bind_template_child (widget_class, CdWizardUnitPage, service_kind_row);
  gtk_widget_class_bind_template_callback (widget_class, service_name_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, service_kind_changed_cb);
}

static void
cd_wizard_unit_page_init (CdWizardUnitPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
cd_wizard_unit_page_new (CdWizardWindow *window)
{
  CdWizardUnitPage *self = g_object_new (CD_TYPE_WIZARD_UNIT_PAGE, NULL);
  CdWizardDraft *draft = window->draft;

  if (g_strcmp0 (draft->kind, "mau-02") == 0)
    {
      /* one row of the register, read on a worker when the step is
       * shown; the page's cancellable drops it when the step is left */
      gtk_widget_set_visible (self->unit_box, TRUE);
      gtk_widget_set_sensitive (GTK_WIDGET (window->next_button), FALSE);
      cd_wizard_names_async (window->store, draft, window->page_cancel, unit_done_cb,
                             cd_wizard_call_new (self, window->page_cancel, NULL, NULL));
    }
  else
    {
      g_autofree char *kind_title = g_strdup_printf (_("Kind of certificate, empty for “%s”"),
                                                     CD_DOC_SERVICE_KIND_DEFAULT);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->service_kind_row), kind_title);
      /* the draft's text, before the handlers see it */
      gtk_editable_set_text (GTK_EDITABLE (self->service_name_row),
                             draft->service_name ? draft->service_name : "");
      gtk_editable_set_text (GTK_EDITABLE (self->service_kind_row),
                             draft->service_kind ? draft->service_kind : "");
      name_entry (self->service_name_row);
      name_entry (self->service_kind_row);
      gtk_widget_set_visible (self->service_box, TRUE);
      gtk_widget_set_sensitive (GTK_WIDGET (window->next_button), filled (draft->service_name));
    }
  self->window = window;
  return GTK_WIDGET (self);
}
