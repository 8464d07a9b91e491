/* cd-device-rows.c
 *
 * The Thiết bị view keeps every device of the register: with 100,000
 * staff that is 67,000 devices, and as a CdDeviceItem GObject holding a
 * CdDevice and its ten g_strdup'd strings each they took ~500 bytes a
 * device (a third of the window's heap). Here a device is a 72-byte
 * record whose texts are offsets into one arena; the few distinct
 * types, models, makers, statuses and carriers are stored once.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "cd-device-rows.h"
#include "cd-store.h"

#define NO_TEXT G_MAXUINT32
/* Texts with few distinct values, shared; the table that finds them is
 * bounded so a register of all-different models does not grow it. */
#define MAX_SHARED 4096

typedef struct {
  gint64  id;
  gint64  holder_id;
  gint64  service_id;
  guint32 text[CD_DEVICE_ROW_N_TEXTS];   /* offsets in the arena, NO_TEXT: NULL */
  guint8  status;                        /* CdDeviceStatus */
  guint8  ported;
} Row;

struct _CdDeviceRows
{
  Row        *rows;
  guint       n_rows;
  guint       rows_alloc;
  char       *arena;
  gsize       arena_len;
  gsize       arena_alloc;
  GHashTable *shared;   /* text → offset + 1, while appending */
};

static void
rows_clear (CdDeviceRows *self)
{
  g_free (self->rows);
  g_free (self->arena);
  g_clear_pointer (&self->shared, g_hash_table_unref);
}

CdDeviceRows *
cd_device_rows_new (void)
{
  return g_atomic_rc_box_new0 (CdDeviceRows);
}

CdDeviceRows *
cd_device_rows_ref (CdDeviceRows *self)
{
  return g_atomic_rc_box_acquire (self);
}

void
cd_device_rows_unref (CdDeviceRows *self)
{
  g_atomic_rc_box_release_full (self, (GDestroyNotify) rows_clear);
}

static guint32
arena_add (CdDeviceRows *self,
           const char   *text)
{
  gsize len = strlen (text) + 1;
  guint32 at;

  /* Offsets are 32 bits: 4 GiB of text is far beyond any register. */
  g_return_val_if_fail (self->arena_len + len < NO_TEXT, NO_TEXT);
  if (self->arena_len + len > self->arena_alloc)
    {
      self->arena_alloc = MAX (MAX (self->arena_alloc * 2, 4096), self->arena_len + len);
      self->arena = g_realloc (self->arena, self->arena_alloc);
    }
  at = (guint32) self->arena_len;
  memcpy (self->arena + at, text, len);
  self->arena_len += len;
  return at;
}

static guint32
text_add (CdDeviceRows *self,
          const char   *text,
          gboolean      share)
{
  gpointer found;
  guint32 at;

  if (text == NULL)
    return NO_TEXT;
  if (!share)
    return arena_add (self, text);
  if (self->shared == NULL)
    self->shared = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  found = g_hash_table_lookup (self->shared, text);
  if (found != NULL)
    return GPOINTER_TO_UINT (found) - 1;
  at = arena_add (self, text);
  if (at != NO_TEXT && g_hash_table_size (self->shared) < MAX_SHARED)
    g_hash_table_insert (self->shared, g_strdup (text), GUINT_TO_POINTER (at + 1));
  return at;
}

void
cd_device_rows_append (CdDeviceRows   *self,
                       const CdDevice *device,
                       const char     *holder,
                       const char     *cert_serial)
{
  Row *row;
  CdDeviceStatus status;

  g_return_if_fail (self != NULL && device != NULL);

  if (self->n_rows == self->rows_alloc)
    {
      self->rows_alloc = MAX (self->rows_alloc * 2, 64);
      self->rows = g_renew (Row, self->rows, self->rows_alloc);
    }
  row = &self->rows[self->n_rows++];
  row->id = device->id;
  row->holder_id = device->holder_id;
  row->service_id = device->service_id;
  row->ported = device->ported != FALSE;
  if (!cd_device_status_from_id (device->status, &status))
    status = CD_DEVICE_IN_STOCK;
  row->status = (guint8) status;
  row->text[CD_DEVICE_ROW_SERIAL] = text_add (self, device->token_serial, FALSE);
  row->text[CD_DEVICE_ROW_LABEL] = text_add (self, device->label, FALSE);
  row->text[CD_DEVICE_ROW_MANUFACTURER] = text_add (self, device->manufacturer, TRUE);
  row->text[CD_DEVICE_ROW_MODEL] = text_add (self, device->model, TRUE);
  row->text[CD_DEVICE_ROW_TYPE] = text_add (self, device->type, TRUE);
  row->text[CD_DEVICE_ROW_STATUS_ID] = text_add (self, device->status, TRUE);
  row->text[CD_DEVICE_ROW_CARRIER] = text_add (self, device->carrier, TRUE);
  row->text[CD_DEVICE_ROW_PHONE] = text_add (self, device->phone, FALSE);
  row->text[CD_DEVICE_ROW_HOLDER] = text_add (self, holder, FALSE);
  row->text[CD_DEVICE_ROW_CERT_SERIAL] = text_add (self, cert_serial, FALSE);
}

void
cd_device_rows_trim (CdDeviceRows *self)
{
  g_return_if_fail (self != NULL);

  g_clear_pointer (&self->shared, g_hash_table_unref);
  if (self->rows_alloc > self->n_rows)
    {
      self->rows_alloc = self->n_rows;
      self->rows = g_renew (Row, self->rows, self->rows_alloc);
    }
  if (self->arena_alloc > self->arena_len)
    {
      self->arena_alloc = self->arena_len;
      self->arena = g_realloc (self->arena, self->arena_alloc);
    }
}

CdDeviceRows *
cd_device_rows_new_from_entries (GPtrArray *entries)
{
  CdDeviceRows *self = cd_device_rows_new ();

  g_return_val_if_fail (entries != NULL, self);

  /* One allocation for the records; the arena doubles as it goes. */
  self->rows_alloc = MAX (entries->len, 1);
  self->rows = g_new (Row, self->rows_alloc);
  for (guint i = 0; i < entries->len; i++)
    {
      CdDeviceEntry *e = g_ptr_array_index (entries, i);

      cd_device_rows_append (self, e->device, e->holder_name, e->cert_serial);
    }
  cd_device_rows_trim (self);
  return self;
}

guint
cd_device_rows_get_n (CdDeviceRows *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_rows;
}

static const Row *
row_at (CdDeviceRows *self,
        guint         position)
{
  g_return_val_if_fail (self != NULL && position < self->n_rows, NULL);

  return &self->rows[position];
}

gint64
cd_device_rows_get_id (CdDeviceRows *self,
                       guint         position)
{
  const Row *row = row_at (self, position);

  return row != NULL ? row->id : 0;
}

gint64
cd_device_rows_get_holder_id (CdDeviceRows *self,
                              guint         position)
{
  const Row *row = row_at (self, position);

  return row != NULL ? row->holder_id : 0;
}

CdDeviceStatus
cd_device_rows_get_status (CdDeviceRows *self,
                           guint         position)
{
  const Row *row = row_at (self, position);

  return row != NULL ? (CdDeviceStatus) row->status : CD_DEVICE_IN_STOCK;
}

const char *
cd_device_rows_get_text (CdDeviceRows    *self,
                         guint            position,
                         CdDeviceRowText  text)
{
  const Row *row = row_at (self, position);

  g_return_val_if_fail (text < CD_DEVICE_ROW_N_TEXTS, NULL);
  if (row == NULL || row->text[text] == NO_TEXT)
    return NULL;
  return self->arena + row->text[text];
}

CdDevice *
cd_device_rows_dup_device (CdDeviceRows *self,
                           guint         position)
{
  const Row *row = row_at (self, position);
  CdDevice *d;

  if (row == NULL)
    return NULL;
  d = cd_device_new ();
  d->id = row->id;
  d->holder_id = row->holder_id;
  d->service_id = row->service_id;
  d->ported = row->ported;
  d->token_serial = g_strdup (cd_device_rows_get_text (self, position, CD_DEVICE_ROW_SERIAL));
  d->label = g_strdup (cd_device_rows_get_text (self, position, CD_DEVICE_ROW_LABEL));
  d->manufacturer = g_strdup (cd_device_rows_get_text (self, position, CD_DEVICE_ROW_MANUFACTURER));
  d->model = g_strdup (cd_device_rows_get_text (self, position, CD_DEVICE_ROW_MODEL));
  d->type = g_strdup (cd_device_rows_get_text (self, position, CD_DEVICE_ROW_TYPE));
  d->status = g_strdup (cd_device_rows_get_text (self, position, CD_DEVICE_ROW_STATUS_ID));
  d->carrier = g_strdup (cd_device_rows_get_text (self, position, CD_DEVICE_ROW_CARRIER));
  d->phone = g_strdup (cd_device_rows_get_text (self, position, CD_DEVICE_ROW_PHONE));
  return d;
}

int
cd_device_rows_find_serial (CdDeviceRows *self,
                            const char   *serial)
{
  g_return_val_if_fail (self != NULL, -1);

  if (serial == NULL)
    return -1;
  for (guint i = 0; i < self->n_rows && i <= G_MAXINT; i++)
    {
      guint32 at = self->rows[i].text[CD_DEVICE_ROW_SERIAL];

      if (at != NO_TEXT && strcmp (self->arena + at, serial) == 0)
        return (int) i;
    }
  return -1;
}

gsize
cd_device_rows_get_size (CdDeviceRows *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return sizeof *self + self->rows_alloc * sizeof (Row) + self->arena_alloc;
}
