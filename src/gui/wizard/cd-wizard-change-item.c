/* cd-wizard-change-item.c — one row of the document step's changes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cd-wizard-change-item.h"

struct _CdWizardChangeItem
{
  GObject  parent_instance;

  guint    position;
  char    *name;
  char    *note;
};

enum { PROP_0, PROP_NOTE, N_PROPS };

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (CdWizardChangeItem, cd_wizard_change_item, G_TYPE_OBJECT)

static void
cd_wizard_change_item_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  CdWizardChangeItem *self = CD_WIZARD_CHANGE_ITEM (object);

  switch (prop_id)
    {
    case PROP_NOTE:
      g_value_set_string (value, self->note);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cd_wizard_change_item_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  CdWizardChangeItem *self = CD_WIZARD_CHANGE_ITEM (object);

  switch (prop_id)
    {
    case PROP_NOTE:
      if (g_strcmp0 (self->note, g_value_get_string (value)) == 0)
        return;
      g_free (self->note);
      self->note = g_value_dup_string (value);
      g_object_notify_by_pspec (object, pspec);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cd_wizard_change_item_finalize (GObject *object)
{
  CdWizardChangeItem *self = CD_WIZARD_CHANGE_ITEM (object);

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->note, g_free);
  G_OBJECT_CLASS (cd_wizard_change_item_parent_class)->finalize (object);
}

static void
cd_wizard_change_item_class_init (CdWizardChangeItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = cd_wizard_change_item_get_property;
  object_class->set_property = cd_wizard_change_item_set_property;
  object_class->finalize = cd_wizard_change_item_finalize;
  properties[PROP_NOTE] = g_param_spec_string ("note", NULL, NULL, NULL,
                                               G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY
                                               | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cd_wizard_change_item_init (CdWizardChangeItem *self)
{
}

CdWizardChangeItem *
cd_wizard_change_item_new (guint       position,
                           const char *name,
                           const char *note)
{
  CdWizardChangeItem *self = g_object_new (CD_TYPE_WIZARD_CHANGE_ITEM, NULL);

  self->position = position;
  self->name = g_strdup (name ? name : "");
  self->note = g_strdup (note);
  return self;
}

guint
cd_wizard_change_item_get_position (CdWizardChangeItem *self)
{
  g_return_val_if_fail (CD_IS_WIZARD_CHANGE_ITEM (self), 0);

  return self->position;
}

const char *
cd_wizard_change_item_get_name (CdWizardChangeItem *self)
{
  g_return_val_if_fail (CD_IS_WIZARD_CHANGE_ITEM (self), NULL);

  return self->name;
}

const char *
cd_wizard_change_item_get_note (CdWizardChangeItem *self)
{
  g_return_val_if_fail (CD_IS_WIZARD_CHANGE_ITEM (self), NULL);

  return self->note;
}
