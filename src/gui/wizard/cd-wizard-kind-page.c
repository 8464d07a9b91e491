/* cd-wizard-kind-page.c — the request wizard's first step: the kind of
 * list
 *
 * The kinds are a GtkStringList of their ids; each row's toggle names
 * the page's stateful "kind.choose" action with its kind as the target,
 * so the pressed toggle is the draft's kind and nothing is stored on the
 * widgets.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cd-wizard-kind-page.h"
#include "cd-wizard-window-private.h"

struct _CdWizardKindPage
{
  GtkBox          parent_instance;

  CdWizardWindow *window;   /* not a reference: the page is inside it */
  char           *kind;     /* the "kind.choose" action's state */

  GtkListBox     *list;
};

enum { PROP_0, PROP_KIND, N_PROPS };

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (CdWizardKindPage, cd_wizard_kind_page, GTK_TYPE_BOX)

static GtkWidget *
kind_row (gpointer item,
          gpointer user_data)
{
  const char *kind = gtk_string_object_get_string (GTK_STRING_OBJECT (item));
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *toggle = gtk_toggle_button_new_with_label (cd_wizard_kind_title (kind));

  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), cd_wizard_kind_explanation (kind));
  gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
  gtk_widget_set_size_request (toggle, 260, -1);
  /* Toggle buttons (one pressed at a time, by the action's state):
   * unlike check buttons in GTK 4.8 they can be pressed by assistive
   * technologies. */
  gtk_actionable_set_action_name (GTK_ACTIONABLE (toggle), "kind.choose");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (toggle), "s", kind);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), toggle);
  return row;
}

static void
cd_wizard_kind_page_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  CdWizardKindPage *self = CD_WIZARD_KIND_PAGE (object);

  switch (prop_id)
    {
    case PROP_KIND:
      g_value_set_string (value, self->kind);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cd_wizard_kind_page_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  CdWizardKindPage *self = CD_WIZARD_KIND_PAGE (object);

  switch (prop_id)
    {
    case PROP_KIND:
      if (g_strcmp0 (self->kind, g_value_get_string (value)) == 0)
        return;
      g_free (self->kind);
      self->kind = g_value_dup_string (value);
      if (self->window != NULL)
        cd_wizard_window_set_kind (self->window, self->kind);
      g_object_notify_by_pspec (object, pspec);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cd_wizard_kind_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), CD_TYPE_WIZARD_KIND_PAGE);
  G_OBJECT_CLASS (cd_wizard_kind_page_parent_class)->dispose (object);
}

static void
cd_wizard_kind_page_finalize (GObject *object)
{
  CdWizardKindPage *self = CD_WIZARD_KIND_PAGE (object);

  g_clear_pointer (&self->kind, g_free);
  G_OBJECT_CLASS (cd_wizard_kind_page_parent_class)->finalize (object);
}

static void
cd_wizard_kind_page_class_init (CdWizardKindPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = cd_wizard_kind_page_get_property;
  object_class->set_property = cd_wizard_kind_page_set_property;
  object_class->dispose = cd_wizard_kind_page_dispose;
  object_class->finalize = cd_wizard_kind_page_finalize;
  properties[PROP_KIND] = g_param_spec_string ("kind", NULL, NULL, NULL,
                                               G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY
                                               | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/certdesk/CertDesk/wizard/cd-wizard-kind-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CdWizardKindPage, list);
  gtk_widget_class_install_property_action (widget_class, "kind.choose", "kind");
}

static void
cd_wizard_kind_page_init (CdWizardKindPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
cd_wizard_kind_page_new (CdWizardWindow *window)
{
  CdWizardKindPage *self = g_object_new (CD_TYPE_WIZARD_KIND_PAGE, NULL);
  g_autoptr(GtkStringList) kinds = gtk_string_list_new ((const char * const *) cd_wizard_request_kinds ());

  /* the draft's kind first: the toggles read it when they are bound */
  self->kind = g_strdup (window->draft->kind);
  self->window = window;
  gtk_list_box_bind_model (self->list, G_LIST_MODEL (kinds), kind_row, NULL, NULL);
  return GTK_WIDGET (self);
}
