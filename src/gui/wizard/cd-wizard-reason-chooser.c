/* cd-wizard-reason-chooser.c — a revocation row's reason
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "cd-wizard-reason-chooser.h"

struct _CdWizardReasonChooser
{
  GtkBox        parent_instance;

  CdWizardItem *item;    /* not owned: the row's, one per certificate */
  GtkWidget    *drop;
  GtkWidget    *entry;   /* the other reason's */
};

enum { CHANGED, N_SIGNALS };

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (CdWizardReasonChooser, cd_wizard_reason_chooser, GTK_TYPE_BOX)

/* "Other" with nothing typed prints no reason: the entry says so at
 * once, as the gaps step does after. */
static void
mark_empty (CdWizardReasonChooser *self)
{
  gboolean missing = self->item != NULL && self->item->revoke_reason == CD_REVOKE_OTHER
                     && (self->item->reason == NULL || *self->item->reason == '\0');

  if (missing)
    gtk_widget_add_css_class (self->entry, "error");
  else
    gtk_widget_remove_css_class (self->entry, "error");
}

static void
selected_cb (CdWizardReasonChooser *self)
{
  CdRevokeReason r = (CdRevokeReason) gtk_drop_down_get_selected (GTK_DROP_DOWN (self->drop));

  if (r >= CD_REVOKE_N_REASONS || self->item == NULL)
    return;
  cd_wizard_item_set_revoke_reason (self->item, r, gtk_editable_get_text (GTK_EDITABLE (self->entry)));
  gtk_widget_set_visible (self->entry, r == CD_REVOKE_OTHER);
  mark_empty (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
other_changed_cb (CdWizardReasonChooser *self)
{
  if (self->item == NULL || self->item->revoke_reason != CD_REVOKE_OTHER)
    return;
  cd_wizard_item_set_revoke_reason (self->item, CD_REVOKE_OTHER,
                                    gtk_editable_get_text (GTK_EDITABLE (self->entry)));
  mark_empty (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
cd_wizard_reason_chooser_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), CD_TYPE_WIZARD_REASON_CHOOSER);
  G_OBJECT_CLASS (cd_wizard_reason_chooser_parent_class)->dispose (object);
}

static void
cd_wizard_reason_chooser_class_init (CdWizardReasonChooserClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = cd_wizard_reason_chooser_dispose;
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/certdesk/CertDesk/wizard/cd-wizard-reason-chooser.ui");
  gtk_widget_class_bind_template_child (widget_class, CdWizardReasonChooser, drop);
  gtk_widget_class_bind_template_child (widget_class, CdWizardReasonChooser, entry);
}

static void
cd_wizard_reason_chooser_init (CdWizardReasonChooser *self)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
  for (int r = 0; r < CD_REVOKE_N_REASONS; r++)
    gtk_string_list_append (labels, cd_revoke_reason_label (r));
  gtk_drop_down_set_model (GTK_DROP_DOWN (self->drop), G_LIST_MODEL (labels));
}

GtkWidget *
cd_wizard_reason_chooser_new (CdWizardItem *item)
{
  CdWizardReasonChooser *self = g_object_new (CD_TYPE_WIZARD_REASON_CHOOSER, NULL);

  /* shown as the item has it before the handlers act on changes */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->drop), item->revoke_reason);
  if (item->revoke_reason == CD_REVOKE_OTHER && item->reason != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->entry), item->reason);
  gtk_widget_set_visible (self->entry, item->revoke_reason == CD_REVOKE_OTHER);
  self->item = item;
  mark_empty (self);
  g_signal_connect_swapped (self->drop, "notify::selected", G_CALLBACK (selected_cb), self);
  g_signal_connect_swapped (self->entry, "changed", G_CALLBACK (other_changed_cb), self);
  return GTK_WIDGET (self);
}
