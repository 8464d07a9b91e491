/* cd-staff-item.c
 *
 * A deliberately thin wrapper: the column view binds labels from the row
 * in C closures, so no GObject properties (30,000 items stay cheap).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cd-staff-item.h"

struct _CdStaffItem
{
  GObject     parent_instance;

  GPtrArray        *rows;
  const CdStaffRow *row;
};

G_DEFINE_FINAL_TYPE (CdStaffItem, cd_staff_item, G_TYPE_OBJECT)

static void
cd_staff_item_finalize (GObject *object)
{
  CdStaffItem *self = CD_STAFF_ITEM (object);

  g_clear_pointer (&self->rows, g_ptr_array_unref);
  self->row = NULL;

  G_OBJECT_CLASS (cd_staff_item_parent_class)->finalize (object);
}

static void
cd_staff_item_class_init (CdStaffItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cd_staff_item_finalize;
}

static void
cd_staff_item_init (CdStaffItem *self)
{
}

CdStaffItem *
cd_staff_item_new (GPtrArray        *rows,
                   const CdStaffRow *row)
{
  CdStaffItem *self;

  g_return_val_if_fail (rows != NULL && row != NULL, NULL);

  self = g_object_new (CD_TYPE_STAFF_ITEM, NULL);
  self->rows = g_ptr_array_ref (rows);
  self->row = row;
  return self;
}

const CdStaffRow *
cd_staff_item_get_row (CdStaffItem *self)
{
  g_return_val_if_fail (CD_IS_STAFF_ITEM (self), NULL);
  return self->row;
}

void
cd_staff_item_show (CdStaffItem *self,
                    CdStaffItem *source)
{
  g_return_if_fail (CD_IS_STAFF_ITEM (self));
  g_return_if_fail (CD_IS_STAFF_ITEM (source));

  if (self->rows != source->rows)
    {
      g_ptr_array_ref (source->rows);
      g_clear_pointer (&self->rows, g_ptr_array_unref);
      self->rows = source->rows;
    }
  self->row = source->row;
}

void
cd_staff_item_set_row (CdStaffItem      *self,
                       GPtrArray        *rows,
                       const CdStaffRow *row)
{
  g_return_if_fail (CD_IS_STAFF_ITEM (self));

  if (self->rows != rows)
    {
      if (rows != NULL)
        g_ptr_array_ref (rows);
      g_clear_pointer (&self->rows, g_ptr_array_unref);
      self->rows = rows;
    }
  self->row = row;
}
