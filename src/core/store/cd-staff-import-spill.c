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
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include "cd-fileutil.h"
#include "cd-staff-import-spill.h"

struct _CdImportSpill {
  FILE  *file;
  char  *name;    /* for messages only: the file is already unlinked */
  guint  n;
  char   buffer[64 * 1024];
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
  if (spill->file != NULL)
    fclose (spill->file);
  g_free (spill->name);
  g_free (spill);
}

CdImportSpill *
cd_import_spill_new (GError **error)
{
  CdImportSpill *spill = g_new0 (CdImportSpill, 1);
  int fd;

  fd = g_file_open_tmp ("certdesk-import-XXXXXX", &spill->name, error);
  if (fd < 0)
    {
      g_free (spill);
      return NULL;
    }
  g_unlink (spill->name);
  spill->file = fdopen (fd, "w+b");
  if (spill->file == NULL)
    {
      cd_file_set_io_error (error, spill->name, errno);
      close (fd);
      cd_import_spill_free (spill);
      return NULL;
    }
  setvbuf (spill->file, spill->buffer, _IOFBF, sizeof spill->buffer);
  return spill;
}

static void
put_u32 (FILE *f, guint32 v)
{
  fwrite (&v, sizeof v, 1, f);
}

static void
put_staff (FILE *f, const CdStaff *s)
{
  gint64 id = s->id;
  guint8 left = s->left ? 1 : 0;

  fwrite (&id, sizeof id, 1, f);
  fwrite (&left, 1, 1, f);
  for (guint i = 0; i < N_FIELDS; i++)
    {
      const char *v = *text_slot ((CdStaff *) s, i);
      gsize len = v != NULL ? strlen (v) : 0;

      /* 0 is NULL; a text of n bytes is n + 1 */
      put_u32 (f, v != NULL ? (guint32) len + 1 : 0);
      if (len > 0)
        fwrite (v, 1, len, f);
    }
}

gboolean
cd_import_spill_add (CdImportSpill      *spill,
                     const CdImportRow  *ir,
                     GError            **error)
{
  guint8 head[2] = { (guint8) ir->action, ir->old != NULL };

  g_return_val_if_fail (ir->staff != NULL, FALSE);

  put_u32 (spill->file, ir->row);
  fwrite (head, 1, 2, spill->file);
  put_staff (spill->file, ir->staff);
  if (ir->old != NULL)
    put_staff (spill->file, ir->old);
  if (ferror (spill->file))
    {
      cd_file_set_io_error (error, spill->name, errno);
      return FALSE;
    }
  spill->n++;
  return TRUE;
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
  if (fflush (spill->file) != 0 || fseek (spill->file, 0, SEEK_SET) != 0)
    {
      cd_file_set_io_error (error, spill->name, errno);
      return FALSE;
    }
  return TRUE;
}

static gboolean
get (FILE *f, void *data, gsize len)
{
  return fread (data, 1, len, f) == len;
}

static CdStaff *
get_staff (FILE *f)
{
  g_autoptr(CdStaff) s = cd_staff_new ();
  guint8 left;

  if (!get (f, &s->id, sizeof s->id) || !get (f, &left, 1))
    return NULL;
  s->left = left != 0;
  for (guint i = 0; i < N_FIELDS; i++)
    {
      guint32 len;
      char *v;

      if (!get (f, &len, sizeof len))
        return NULL;
      if (len == 0)
        continue;
      v = g_malloc (len);
      if (!get (f, v, len - 1))
        {
          g_free (v);
          return NULL;
        }
      v[len - 1] = '\0';
      *text_slot (s, i) = v;
    }
  return g_steal_pointer (&s);
}

CdImportRow *
cd_import_spill_next (CdImportSpill  *spill,
                      GError        **error)
{
  CdImportRow *ir;
  guint32 row;
  guint8 head[2];

  if (!get (spill->file, &row, sizeof row))
    {
      if (ferror (spill->file))
        cd_file_set_io_error (error, spill->name, errno);
      return NULL;   /* the end */
    }
  ir = g_new0 (CdImportRow, 1);
  ir->row = row;
  ir->warnings = g_ptr_array_new_with_free_func (g_free);
  if (!get (spill->file, head, 2)
      || (ir->staff = get_staff (spill->file)) == NULL
      || (head[1] && (ir->old = get_staff (spill->file)) == NULL))
    {
      cd_import_row_free (ir);
      cd_file_set_io_error (error, spill->name, ferror (spill->file) ? errno : EIO);
      return NULL;
    }
  ir->action = (CdImportAction) head[0];
  return ir;
}
