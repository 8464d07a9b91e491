/* cd-holder-choice.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cd-holder-choice.h"

struct _CdHolderChoice
{
  GObject           parent_instance;

  CdCertHolderKind  kind;
  gint64            id;
  char             *name;
};

G_DEFINE_FINAL_TYPE (CdHolderChoice, cd_holder_choice, G_TYPE_OBJECT)

static void
cd_holder_choice_finalize (GObject *object)
{
  CdHolderChoice *self = CD_HOLDER_CHOICE (object);

  g_clear_pointer (&self->name, g_free);
  G_OBJECT_CLASS (cd_holder_choice_parent_class)->finalize (object);
}

static void
cd_holder_choice_class_init (CdHolderChoiceClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cd_holder_choice_finalize;
}

static void
cd_holder_choice_init (CdHolderChoice *self)
{
}

CdHolderChoice *
cd_holder_choice_new (CdCertHolderKind  kind,
                      gint64            id,
                      const char       *name)
{
  CdHolderChoice *self = g_object_new (CD_TYPE_HOLDER_CHOICE, NULL);

  self->kind = kind;
  self->id = id;
  self->name = g_strdup (name);
  return self;
}

CdCertHolderKind
cd_holder_choice_get_kind (CdHolderChoice *self)
{
  g_return_val_if_fail (CD_IS_HOLDER_CHOICE (self), CD_CERT_HOLDER_NONE);
  return self->kind;
}

gint64
cd_holder_choice_get_id (CdHolderChoice *self)
{
  g_return_val_if_fail (CD_IS_HOLDER_CHOICE (self), 0);
  return self->id;
}

const char *
cd_holder_choice_get_name (CdHolderChoice *self)
{
  g_return_val_if_fail (CD_IS_HOLDER_CHOICE (self), NULL);
  return self->name;
}
