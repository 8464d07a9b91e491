/* cd-wizard-template-item.c — one choice of the wizard's template step
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cd-wizard-template-item.h"

struct _CdWizardTemplateItem
{
  GObject  parent_instance;

  char    *title;
  char    *subtitle;
  char    *path;
};

G_DEFINE_FINAL_TYPE (CdWizardTemplateItem, cd_wizard_template_item, G_TYPE_OBJECT)

static void
cd_wizard_template_item_finalize (GObject *object)
{
  CdWizardTemplateItem *self = CD_WIZARD_TEMPLATE_ITEM (object);

  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->subtitle, g_free);
  g_clear_pointer (&self->path, g_free);
  G_OBJECT_CLASS (cd_wizard_template_item_parent_class)->finalize (object);
}

static void
cd_wizard_template_item_class_init (CdWizardTemplateItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cd_wizard_template_item_finalize;
}

static void
cd_wizard_template_item_init (CdWizardTemplateItem *self)
{
}

CdWizardTemplateItem *
cd_wizard_template_item_new (const char *title,
                             const char *subtitle,
                             const char *path)
{
  CdWizardTemplateItem *self = g_object_new (CD_TYPE_WIZARD_TEMPLATE_ITEM, NULL);

  self->title = g_strdup (title ? title : "");
  self->subtitle = g_strdup (subtitle);
  self->path = g_strdup (path ? path : "");
  return self;
}

const char *
cd_wizard_template_item_get_title (CdWizardTemplateItem *self)
{
  g_return_val_if_fail (CD_IS_WIZARD_TEMPLATE_ITEM (self), NULL);

  return self->title;
}

const char *
cd_wizard_template_item_get_subtitle (CdWizardTemplateItem *self)
{
  g_return_val_if_fail (CD_IS_WIZARD_TEMPLATE_ITEM (self), NULL);

  return self->subtitle;
}

const char *
cd_wizard_template_item_get_path (CdWizardTemplateItem *self)
{
  g_return_val_if_fail (CD_IS_WIZARD_TEMPLATE_ITEM (self), "");

  return self->path;
}
