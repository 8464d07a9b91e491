/* cd-staff-import-spill.c — the rows of a large staff import kept in a
 * temporary file between the preview and the commit
 *
 * A preview kept every row of the file in memory until the commit: 98 MiB
 * at 100,000 rows. Past the first rows (kept for the preview to show),
 * the records to add or update wait here instead, in the order of the
 * file, and the commit reads them back one at a time, so memory does not
 * grow with the number of people. The file holds personal data (CCCD
 * numbers): it is created private (0600) and unlinked at once, so it
 * disappears with its descriptor however the process ends.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include "cd-fileutil.h"
#include "cd-staff-import-spill.h"

/* Each record is its length (guint32) then the row number, the action,
 * whether an old record follows, and the record(s): id, left, then each
 * text as its length + 1 (0 for NULL) and its bytes with their NUL, so
 * that a record read back is used where it lies in the buffer. Records
 * are built and read in a buffer of our own and moved by whole blocks:
 * an fwrite() or a g_malloc() per field was 8 % of a 30,000-row import. */
#define BLOCK (64 * 1024)

struct _CdImportSpill {
  int          fd;
  char        *name;    /* for messages only: the file is already unlinked */
  guint        n;
  GByteArray  *buf;     /* writing: what is not written yet; reading: what was read */
  gsize        pos;     /* reading: the next record in @buf */
  gboolean     eof;
  gboolean     reading; /* rewound at least once: no more adding */
  CdImportRow  row;     /* the row handed out by cd_import_spill_next() */
  CdStaff      staff;
  CdStaff      old;
};

#define N_FIELDS 13

/* The record's text fields, in the order they are written. */
static char **
text_slot (CdStaff *s, guint i)
{
  char **slots[N_FIELDS] = {
    &s->full_name, &s->birth_date, &s->gender, &s->position, &s->department,
    &s->cccd, &s->cccd_date, &s->cccd_place, &s->phone, &s->email,
    &s->left_date, &s->left_reason, &s->note,
  };

  return slots[i];
}

void
cd_import_spill_free (CdImportSpill *spill)
{
  if (spill == NULL)
    return;
  if (spill->fd >= 0)
    close (spill->fd);
  g_byte_array_unref (spill->buf);
  g_free (spill->name);
  g_free (spill);
}

CdImportSpill *
cd_import_spill_new (GError **error)
{
  CdImportSpill *spill = g_new0 (CdImportSpill, 1);

  spill->fd = g_file_open_tmp ("certdesk-import-XXXXXX", &spill->name, error);
  if (spill->fd < 0)
    {
      g_free (spill->name);
      g_free (spill);
      return NULL;
    }
  g_unlink (spill->name);
  spill->buf = g_byte_array_sized_new (BLOCK + 4096);
  return spill;
}

static gboolean
write_all (CdImportSpill  *spill,
           GError        **error)
{
  const guint8 *p = spill->buf->data;
  gsize left = spill->buf->len;

  while (left > 0)
    {
      gssize n = write (spill->fd, p, left);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          cd_file_set_io_error (error, spill->name, n < 0 ? errno : EIO);
          return FALSE;
        }
      p += n;
      left -= (gsize) n;
    }
  g_byte_array_set_size (spill->buf, 0);
  return TRUE;
}

static void
put (GByteArray *b, const void *data, gsize len)
{
  g_byte_array_append (b, data, (guint) len);
}

static void
put_staff (GByteArray *b, const CdStaff *s)
{
  gint64 id = s->id;
  guint8 left = s->left ? 1 : 0;

  put (b, &id, sizeof id);
  put (b, &left, 1);
  for (guint i = 0; i < N_FIELDS; i++)
    {
      const char *v = *text_slot ((CdStaff *) s, i);
      guint32 len = v != NULL ? (guint32) strlen (v) + 1 : 0;

      put (b, &len, sizeof len);
      if (len > 0)
        put (b, v, len);   /* with its NUL */
    }
}

gboolean
cd_import_spill_add (CdImportSpill      *spill,
                     const CdImportRow  *ir,
                     GError            **error)
{
  GByteArray *b = spill->buf;
  guint start = b->len;
  guint32 row = ir->row, size;
  guint8 head[2] = { (guint8) ir->action, ir->old != NULL };

  g_return_val_if_fail (ir->staff != NULL, FALSE);
  g_return_val_if_fail (!spill->reading, FALSE);

  g_byte_array_set_size (b, start + sizeof size);   /* the length, set below */
  put (b, &row, sizeof row);
  put (b, head, 2);
  put_staff (b, ir->staff);
  if (ir->old != NULL)
    put_staff (b, ir->old);
  size = b->len - start - sizeof size;
  memcpy (b->data + start, &size, sizeof size);
  spill->n++;
  return b->len < BLOCK || write_all (spill, error);
}

guint
cd_import_spill_count (const CdImportSpill *spill)
{
  return spill != NULL ? spill->n : 0;
}

gboolean
cd_import_spill_rewind (CdImportSpill  *spill,
                        GError        **error)
{
  /* the first rewind: what is still in the buffer goes to the file */
  if (!spill->reading && !write_all (spill, error))
    return FALSE;
  spill->reading = TRUE;
  if (lseek (spill->fd, 0, SEEK_SET) != 0)
    {
      cd_file_set_io_error (error, spill->name, errno);
      return FALSE;
    }
  g_byte_array_set_size (spill->buf, 0);
  spill->pos = 0;
  spill->eof = FALSE;
  return TRUE;
}

/* Makes @need bytes from spill->pos available in the buffer. */
static gboolean
fill (CdImportSpill  *spill,
      gsize           need,
      GError        **error)
{
  GByteArray *b = spill->buf;

  if (b->len - spill->pos >= need)
    return TRUE;
  /* keep what is left of the buffer, at its start */
  memmove (b->data, b->data + spill->pos, b->len - spill->pos);
  g_byte_array_set_size (b, b->len - (guint) spill->pos);
  spill->pos = 0;
  while (b->len < need && !spill->eof)
    {
      guint have = b->len;
      gsize want = MAX (need - have, (gsize) BLOCK);
      gssize n;

      g_byte_array_set_size (b, have + (guint) want);
      n = read (spill->fd, b->data + have, want);
      if (n < 0 && errno == EINTR)
        {
          g_byte_array_set_size (b, have);
          continue;
        }
      if (n < 0)
        {
          g_byte_array_set_size (b, have);
          cd_file_set_io_error (error, spill->name, errno);
          return FALSE;
        }
      g_byte_array_set_size (b, have + (guint) n);
      spill->eof = n == 0;
    }
  return b->len >= need;
}

/* Points @s's fields into the record at *@p; FALSE when it is cut. */
static gboolean
get_staff (const guint8 **p, const guint8 *end, CdStaff *s)
{
  guint8 left;

  memset (s, 0, sizeof *s);
  if (end - *p < (gssize) (sizeof s->id + 1))
    return FALSE;
  memcpy (&s->id, *p, sizeof s->id);
  *p += sizeof s->id;
  left = *(*p)++;
  s->left = left != 0;
  for (guint i = 0; i < N_FIELDS; i++)
    {
      guint32 len;

      if (end - *p < (gssize) sizeof len)
        return FALSE;
      memcpy (&len, *p, sizeof len);
      *p += sizeof len;
      if (len == 0)
        continue;
      if ((gsize) (end - *p) < len || (*p)[len - 1] != '\0')
        return FALSE;
      *text_slot (s, i) = (char *) *p;
      *p += len;
    }
  return TRUE;
}

CdImportRow *
cd_import_spill_next (CdImportSpill  *spill,
                      GError        **error)
{
  const guint8 *p, *end;
  guint32 size, row;
  CdImportRow *ir = &spill->row;

  if (!fill (spill, sizeof size, error))
    {
      if (error != NULL && *error == NULL && spill->buf->len > spill->pos)
        cd_file_set_io_error (error, spill->name, EIO);   /* a cut record */
      return NULL;
    }
  memcpy (&size, spill->buf->data + spill->pos, sizeof size);
  if (!fill (spill, sizeof size + size, error))
    {
      if (error != NULL && *error == NULL)
        cd_file_set_io_error (error, spill->name, EIO);
      return NULL;
    }
  p = spill->buf->data + spill->pos + sizeof size;
  end = p + size;
  spill->pos += sizeof size + size;

  memset (ir, 0, sizeof *ir);
  if (end - p < (gssize) (sizeof row + 2))
    goto cut;
  memcpy (&row, p, sizeof row);
  ir->row = row;
  ir->action = (CdImportAction) p[4];
  ir->staff = &spill->staff;
  ir->old = p[5] ? &spill->old : NULL;
  p += sizeof row + 2;
  if (!get_staff (&p, end, ir->staff) || (ir->old != NULL && !get_staff (&p, end, ir->old)))
    goto cut;
  return ir;

cut:
  cd_file_set_io_error (error, spill->name, EIO);
  return NULL;
}
