/* cd-zip-writer.c — a zip written entry by entry, each deflated as it
 * streams (see cd-zip-writer.h)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <glib/gi18n.h>
#include <zlib.h>

#include "cd-fileutil.h"
#include "cd-zip-writer.h"

/* 1980-01-02 00:00 in MS-DOS form: what libzip wrote for the fixed
 * mtime the package used before (315532800 + one day). */
#define DOS_TIME 0
#define DOS_DATE ((0 << 9) | (1 << 5) | 2)
#define LIMIT_32 G_GUINT64_CONSTANT (0xFFFFFFFF)
#define OUT_CHUNK (64 * 1024)

typedef struct {
  char    *name;
  guint32  crc;
  guint64  csize, usize, offset;
} Entry;

struct _CdZipWriter {
  FILE      *f;
  char      *path;
  GArray    *entries;  /* Entry */
  gboolean   open;     /* an entry is being written */
  z_stream   z;
  gboolean   z_ready;
  guint64    offset;   /* bytes written to the file */
  guchar    *out;      /* OUT_CHUNK bytes of deflated output */
};

static void
entry_clear (gpointer data)
{
  g_free (((Entry *) data)->name);
}

static gboolean
io_failed (CdZipWriter *zw,
           int          saved,
           GError     **error)
{
  /* A full disk says so, in the clerk's words (cd_file_set_io_error). */
  cd_file_set_io_error (error, zw->path, saved);
  return FALSE;
}

static gboolean
too_large (CdZipWriter *zw,
           GError     **error)
{
  return io_failed (zw, EFBIG, error);
}

static void
put16 (guchar *p, guint v)
{
  p[0] = v & 0xFF;
  p[1] = (v >> 8) & 0xFF;
}

static void
put32 (guchar *p, guint32 v)
{
  p[0] = v & 0xFF;
  p[1] = (v >> 8) & 0xFF;
  p[2] = (v >> 16) & 0xFF;
  p[3] = (v >> 24) & 0xFF;
}

static gboolean
write_raw (CdZipWriter  *zw,
           const void   *data,
           gsize         len,
           GError      **error)
{
  if (len > 0 && fwrite (data, 1, len, zw->f) != len)
    return io_failed (zw, errno, error);
  zw->offset += len;
  return TRUE;
}

static gboolean
name_is_ascii (const char *name)
{
  for (const char *c = name; *c; c++)
    if ((guchar) *c >= 0x80)
      return FALSE;
  return TRUE;
}

/* The local header; CRC and sizes are patched by end(). */
static gboolean
write_local_header (CdZipWriter  *zw,
                    const Entry  *e,
                    GError      **error)
{
  guchar h[30];
  gsize name_len = strlen (e->name);

  put32 (h, 0x04034b50);
  put16 (h + 4, 20);
  put16 (h + 6, name_is_ascii (e->name) ? 0 : 0x0800);
  put16 (h + 8, 8);
  put16 (h + 10, DOS_TIME);
  put16 (h + 12, DOS_DATE);
  put32 (h + 14, e->crc);
  put32 (h + 18, (guint32) e->csize);
  put32 (h + 22, (guint32) e->usize);
  put16 (h + 26, (guint) name_len);
  put16 (h + 28, 0);
  return write_raw (zw, h, sizeof h, error) && write_raw (zw, e->name, name_len, error);
}

CdZipWriter *
cd_zip_writer_new (const char  *path,
                   GError     **error)
{
  g_autoptr(CdZipWriter) zw = g_new0 (CdZipWriter, 1);

  zw->path = g_strdup (path);
  zw->entries = g_array_new (FALSE, FALSE, sizeof (Entry));
  g_array_set_clear_func (zw->entries, entry_clear);
  zw->out = g_malloc (OUT_CHUNK);
  zw->f = fopen (path, "wb");
  if (zw->f == NULL)
    {
      io_failed (zw, errno, error);
      return NULL;
    }
  return g_steal_pointer (&zw);
}

gboolean
cd_zip_writer_begin (CdZipWriter  *zw,
                     const char   *name,
                     GError      **error)
{
  Entry e = { 0 };

  g_return_val_if_fail (!zw->open, FALSE);
  if (strlen (name) > 0xFFFF || zw->entries->len >= 0xFFFF)
    return too_large (zw, error);
  e.name = g_strdup (name);
  e.offset = zw->offset;
  e.crc = crc32 (0L, Z_NULL, 0);
  g_array_append_val (zw->entries, e);
  if (!write_local_header (zw, &e, error))
    return FALSE;
  if (!zw->z_ready)
    {
      memset (&zw->z, 0, sizeof zw->z);
      /* Level 1, as the package always used: deflating a long list at
       * the default level costs more than filling it. */
      if (deflateInit2 (&zw->z, 1, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        return io_failed (zw, ENOMEM, error);
      zw->z_ready = TRUE;
    }
  else if (deflateReset (&zw->z) != Z_OK)
    return io_failed (zw, ENOMEM, error);
  zw->open = TRUE;
  return TRUE;
}

static gboolean
deflate_some (CdZipWriter  *zw,
              int           flush,
              GError      **error)
{
  Entry *e = &g_array_index (zw->entries, Entry, zw->entries->len - 1);
  int ret;

  do
    {
      gsize have;

      zw->z.next_out = zw->out;
      zw->z.avail_out = OUT_CHUNK;
      ret = deflate (&zw->z, flush);
      if (ret == Z_STREAM_ERROR)
        return io_failed (zw, EIO, error);
      have = OUT_CHUNK - zw->z.avail_out;
      e->csize += have;
      if (!write_raw (zw, zw->out, have, error))
        return FALSE;
    }
  while (zw->z.avail_out == 0);
  if (flush == Z_FINISH && ret != Z_STREAM_END)
    return io_failed (zw, EIO, error);
  return TRUE;
}

gboolean
cd_zip_writer_write (CdZipWriter  *zw,
                     const void   *data,
                     gsize         len,
                     GError      **error)
{
  Entry *e;
  const guchar *p = data;

  g_return_val_if_fail (zw->open, FALSE);
  e = &g_array_index (zw->entries, Entry, zw->entries->len - 1);
  while (len > 0)
    {
      uInt n = len > G_MAXUINT32 / 2 ? G_MAXUINT32 / 2 : (uInt) len;

      e->crc = crc32 (e->crc, p, n);
      e->usize += n;
      zw->z.next_in = (Bytef *) p;
      zw->z.avail_in = n;
      if (!deflate_some (zw, Z_NO_FLUSH, error))
        return FALSE;
      p += n;
      len -= n;
    }
  if (e->usize >= LIMIT_32 || zw->offset >= LIMIT_32)
    return too_large (zw, error);
  return TRUE;
}

gboolean
cd_zip_writer_end (CdZipWriter  *zw,
                   GError      **error)
{
  Entry *e;
  guchar patch[12];

  g_return_val_if_fail (zw->open, FALSE);
  e = &g_array_index (zw->entries, Entry, zw->entries->len - 1);
  zw->z.next_in = NULL;
  zw->z.avail_in = 0;
  if (!deflate_some (zw, Z_FINISH, error))
    return FALSE;
  zw->open = FALSE;
  if (e->csize >= LIMIT_32 || e->usize >= LIMIT_32 || zw->offset >= LIMIT_32)
    return too_large (zw, error);
  put32 (patch, e->crc);
  put32 (patch + 4, (guint32) e->csize);
  put32 (patch + 8, (guint32) e->usize);
  if (fseeko (zw->f, (off_t) e->offset + 14, SEEK_SET) != 0
      || fwrite (patch, 1, sizeof patch, zw->f) != sizeof patch
      || fseeko (zw->f, (off_t) zw->offset, SEEK_SET) != 0)
    return io_failed (zw, errno, error);
  return TRUE;
}

gboolean
cd_zip_writer_add (CdZipWriter  *zw,
                   const char   *name,
                   const void   *data,
                   gsize         len,
                   GError      **error)
{
  return cd_zip_writer_begin (zw, name, error)
         && cd_zip_writer_write (zw, data, len, error)
         && cd_zip_writer_end (zw, error);
}

gboolean
cd_zip_writer_finish (CdZipWriter  *zw,
                      GError      **error)
{
  guint64 cd_start = zw->offset;
  guchar eocd[22];
  int rc;

  g_return_val_if_fail (!zw->open, FALSE);
  for (guint i = 0; i < zw->entries->len; i++)
    {
      const Entry *e = &g_array_index (zw->entries, Entry, i);
      gsize name_len = strlen (e->name);
      guchar h[46];

      put32 (h, 0x02014b50);
      put16 (h + 4, (3 << 8) | 20);  /* made by: Unix, zip 2.0 */
      put16 (h + 6, 20);
      put16 (h + 8, name_is_ascii (e->name) ? 0 : 0x0800);
      put16 (h + 10, 8);
      put16 (h + 12, DOS_TIME);
      put16 (h + 14, DOS_DATE);
      put32 (h + 16, e->crc);
      put32 (h + 20, (guint32) e->csize);
      put32 (h + 24, (guint32) e->usize);
      put16 (h + 28, (guint) name_len);
      put16 (h + 30, 0);
      put16 (h + 32, 0);
      put16 (h + 34, 0);
      put16 (h + 36, 0);
      put32 (h + 38, (guint32) 0100644 << 16);  /* a plain file, rw-r--r-- */
      put32 (h + 42, (guint32) e->offset);
      if (!write_raw (zw, h, sizeof h, error) || !write_raw (zw, e->name, name_len, error))
        return FALSE;
    }
  if (zw->offset >= LIMIT_32)
    return too_large (zw, error);
  put32 (eocd, 0x06054b50);
  put16 (eocd + 4, 0);
  put16 (eocd + 6, 0);
  put16 (eocd + 8, zw->entries->len);
  put16 (eocd + 10, zw->entries->len);
  put32 (eocd + 12, (guint32) (zw->offset - cd_start));
  put32 (eocd + 16, (guint32) cd_start);
  put16 (eocd + 20, 0);
  if (!write_raw (zw, eocd, sizeof eocd, error))
    return FALSE;
  rc = fclose (zw->f);
  zw->f = NULL;
  if (rc != 0)
    return io_failed (zw, errno, error);
  return TRUE;
}

void
cd_zip_writer_free (CdZipWriter *zw)
{
  if (zw == NULL)
    return;
  if (zw->f != NULL)
    fclose (zw->f);
  if (zw->z_ready)
    deflateEnd (&zw->z);
  g_array_unref (zw->entries);
  g_free (zw->out);
  g_free (zw->path);
  g_free (zw);
}
