/* cd-wizard-pick.c — one row the wizard's people step offers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "cd-text.h"
#include "cd-wizard-pick.h"

G_DEFINE_FINAL_TYPE (CdWizardPick, cd_wizard_pick, G_TYPE_OBJECT)

static void
cd_wizard_pick_finalize (GObject *object)
{
  CdWizardPick *self = CD_WIZARD_PICK (object);

  g_clear_pointer (&self->item, cd_wizard_item_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->key, g_free);
  g_clear_pointer (&self->serial, g_free);
  g_clear_pointer (&self->born, g_free);
  g_clear_pointer (&self->warning, g_free);
  G_OBJECT_CLASS (cd_wizard_pick_parent_class)->finalize (object);
}

static void
cd_wizard_pick_class_init (CdWizardPickClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cd_wizard_pick_finalize;
}

static void
cd_wizard_pick_init (CdWizardPick *self)
{
}

CdWizardPick *
cd_wizard_pick_new (CdWizardItem *item,
                    const char   *name)
{
  CdWizardPick *self = g_object_new (CD_TYPE_WIZARD_PICK, NULL);

  self->item = item;
  self->name = g_strdup (name ? name : "");
  /* kept here: the item is replaced by the draft's when chosen */
  self->born = g_strdup (item != NULL ? item->born : NULL);
  /* computed once: the search filters on every keystroke */
  self->key = cd_text_search_key (self->name);
  return self;
}

gboolean
cd_wizard_pick_matches (CdWizardPick *self,
                        const char   *query_key)
{
  g_auto(GStrv) words = NULL;

  if (query_key == NULL || *query_key == '\0')
    return TRUE;
  words = g_strsplit_set (query_key, " \t", -1);
  for (guint i = 0; words[i] != NULL; i++)
    if (*words[i] != '\0' && strstr (self->key, words[i]) == NULL)
      return FALSE;
  return TRUE;
}
