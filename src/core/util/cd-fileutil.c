/* cd-fileutil.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "cd-fileutil.h"

G_DEFINE_QUARK (cd-file-error-quark, cd_file_error)

char *
cd_atomic_temp_path (const char  *target,
                     GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (target);
  g_autofree char *base = g_path_get_basename (target);
  g_autofree char *tmpl = NULL;
  int fd;

  if (!g_file_test (dir, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, CD_FILE_ERROR, CD_FILE_ERROR_NOT_FOUND,
                   _("The folder “%s” does not exist. Choose an existing folder."),
                   dir);
      return NULL;
    }

  tmpl = g_strdup_printf ("%s/.%s.XXXXXX", dir, base);
  fd = g_mkstemp_full (tmpl, O_RDWR | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int saved = errno;
      g_set_error (error, CD_FILE_ERROR, CD_FILE_ERROR_FAILED,
                   _("Cannot write in the folder “%s”: %s. Choose a folder you may write to."),
                   dir, g_strerror (saved));
      return NULL;
    }
  close (fd);
  return g_steal_pointer (&tmpl);
}

void
cd_atomic_abort (const char *temp_path)
{
  if (temp_path != NULL)
    g_unlink (temp_path);
}

gboolean
cd_atomic_commit (const char  *temp_path,
                  const char  *target,
                  gboolean     overwrite,
                  GError     **error)
{
  int fd;

  /* Make the bytes durable before the name points at them. */
  fd = g_open (temp_path, O_RDONLY | O_CLOEXEC, 0);
  if (fd >= 0)
    {
      fsync (fd);
      close (fd);
    }
  g_chmod (temp_path, 0600);

  if (!overwrite)
    {
      /* link() fails if the target exists: no window between test and rename. */
      if (link (temp_path, target) != 0)
        {
          int saved = errno;
          g_unlink (temp_path);
          if (saved == EEXIST)
            g_set_error (error, CD_FILE_ERROR, CD_FILE_ERROR_EXISTS,
                         _("The file “%s” already exists. Choose another name, or allow overwriting it."),
                         target);
          else
            g_set_error (error, CD_FILE_ERROR, CD_FILE_ERROR_FAILED,
                         _("Cannot save “%s”: %s."), target, g_strerror (saved));
          return FALSE;
        }
      g_unlink (temp_path);
      return TRUE;
    }

  if (g_rename (temp_path, target) != 0)
    {
      int saved = errno;
      g_unlink (temp_path);
      g_set_error (error, CD_FILE_ERROR, CD_FILE_ERROR_FAILED,
                   _("Cannot save “%s”: %s."), target, g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}

gboolean
cd_file_write_atomic (const char  *target,
                      const void  *data,
                      gsize        len,
                      gboolean     overwrite,
                      GError     **error)
{
  g_autofree char *tmp = cd_atomic_temp_path (target, error);
  FILE *f;

  if (tmp == NULL)
    return FALSE;

  f = fopen (tmp, "wb");
  if (f == NULL || (len > 0 && fwrite (data, 1, len, f) != len) || fclose (f) != 0)
    {
      int saved = errno;
      cd_atomic_abort (tmp);
      g_set_error (error, CD_FILE_ERROR, CD_FILE_ERROR_FAILED,
                   _("Cannot save “%s”: %s."), target, g_strerror (saved));
      return FALSE;
    }
  return cd_atomic_commit (tmp, target, overwrite, error);
}

gboolean
cd_file_read_limited (const char  *path,
                      gsize        max_size,
                      char       **contents,
                      gsize       *len,
                      GError     **error)
{
  GStatBuf st;

  if (g_stat (path, &st) != 0)
    {
      int saved = errno;
      g_set_error (error, CD_FILE_ERROR,
                   saved == ENOENT ? CD_FILE_ERROR_NOT_FOUND : CD_FILE_ERROR_FAILED,
                   _("Cannot open “%s”: %s."), path, g_strerror (saved));
      return FALSE;
    }
  if ((guint64) st.st_size > max_size)
    {
      g_autofree char *size = g_format_size (st.st_size);
      g_set_error (error, CD_FILE_ERROR, CD_FILE_ERROR_TOO_LARGE,
                   _("The file “%s” is too large (%s); it cannot be a file of this kind."),
                   path, size);
      return FALSE;
    }
  if (!g_file_get_contents (path, contents, len, NULL))
    {
      g_set_error (error, CD_FILE_ERROR, CD_FILE_ERROR_FAILED,
                   _("Cannot read “%s”. Check that the file exists and you may read it."), path);
      return FALSE;
    }
  return TRUE;
}

char *
cd_sha256_hex (const void *data,
               gsize       len)
{
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, data, len);
}

char *
cd_file_sha256_hex (const char  *path,
                    GError     **error)
{
  g_autofree char *contents = NULL;
  gsize len = 0;

  if (!cd_file_read_limited (path, 512 * 1024 * 1024, &contents, &len, error))
    return NULL;
  return cd_sha256_hex (contents, len);
}
