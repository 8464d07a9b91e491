/* cd-fileutil.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "cd-fileutil.h"

G_DEFINE_QUARK (cd-file-error-quark, cd_file_error)

void
cd_file_set_io_error (GError     **error,
                      const char  *path,
                      int          errnum)
{
  switch (errnum)
    {
    case ENOSPC:
    case EFBIG:
    case EDQUOT:
      g_set_error (error, CD_FILE_ERROR, CD_FILE_ERROR_NO_SPACE,
                   _("There is not enough room to save “%s”: the disk is full or the file would be larger than allowed. Nothing was saved. Free some space or choose another drive, then try again."),
                   path);
      break;
    case EACCES:
    case EPERM:
    case EROFS:
      g_set_error (error, CD_FILE_ERROR, CD_FILE_ERROR_FAILED,
                   _("You may not write “%s”. Choose a folder you may write to, for example Documents."),
                   path);
      break;
    case ENOENT:
    case ENOTDIR:
      g_set_error (error, CD_FILE_ERROR, CD_FILE_ERROR_NOT_FOUND,
                   _("The folder of “%s” does not exist any more. Choose an existing folder."),
                   path);
      break;
    default:
      g_set_error (error, CD_FILE_ERROR, CD_FILE_ERROR_FAILED,
                   _("Cannot save “%s” (error %d). Check the disk and the folder, then try again."),
                   path, errnum);
      break;
    }
}

void
cd_file_set_read_error (GError     **error,
                        const char  *path,
                        int          errnum)
{
  /* What happened and what to do, not strerror()'s words (issue 20,
   * D16). */
  if (errnum == ENOENT || errnum == ENOTDIR)
    g_set_error (error, CD_FILE_ERROR, CD_FILE_ERROR_NOT_FOUND,
                 _("The file “%s” does not exist."), path);
  else
    g_set_error (error, CD_FILE_ERROR, CD_FILE_ERROR_FAILED,
                 _("Cannot read “%s”. Check that the file exists and you may read it."), path);
}

/* The parts of a temporary name of ours: ".NAME.cd-PID-XXXXXX". */
static gboolean
parse_temp_name (const char *name,
                 char      **target_base,
                 int        *pid)
{
  const char *tail;
  const char *p;
  char *end = NULL;
  long v;

  if (name[0] != '.')
    return FALSE;
  tail = g_strrstr (name, ".cd-");
  if (tail == NULL || tail - name < 2)
    return FALSE;
  p = tail + 4;
  if (!g_ascii_isdigit (*p))
    return FALSE;
  v = strtol (p, &end, 10);
  if (end == NULL || *end != '-' || v <= 0 || v > G_MAXINT)
    return FALSE;
  p = end + 1;
  if (strlen (p) != 6)
    return FALSE;
  for (int i = 0; i < 6; i++)
    if (!g_ascii_isalnum (p[i]))
      return FALSE;
  if (target_base != NULL)
    *target_base = g_strndup (name + 1, (gsize) (tail - name - 1));
  *pid = (int) v;
  return TRUE;
}

/* When process @pid started, in Unix seconds; 0 when unknown (no /proc). */
static gint64
process_start_time (int pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/stat", pid);
  g_autofree char *stat = NULL;
  g_autofree char *boot = NULL;
  const char *p;
  const char *btime;
  unsigned long long ticks = 0;
  long hz = sysconf (_SC_CLK_TCK);

  if (hz <= 0 || !g_file_get_contents (path, &stat, NULL, NULL)
      || !g_file_get_contents ("/proc/stat", &boot, NULL, NULL))
    return 0;
  /* The command name may hold spaces and parentheses: fields are
   * counted after its last ')'. starttime is field 22. */
  p = strrchr (stat, ')');
  if (p == NULL)
    return 0;
  p++;
  for (int field = 3; field < 22 && p != NULL; field++)
    p = strchr (p + 1, ' ');
  if (p == NULL || sscanf (p + 1, "%llu", &ticks) != 1)
    return 0;
  btime = strstr (boot, "\nbtime ");
  if (btime == NULL)
    return 0;
  return g_ascii_strtoll (btime + 7, NULL, 10) + (gint64) (ticks / (unsigned long long) hz);
}

/* TRUE when the writer of a file changed at @mtime, named by @pid, is
 * gone: no such process, or the process with that pid started after the
 * file was last written (the pid was reused). */
static gboolean
writer_is_gone (int    pid,
                gint64 mtime)
{
  gint64 started;

  if (kill (pid, 0) != 0 && errno == ESRCH)
    return TRUE;
  started = process_start_time (pid);
  /* A second of slack: the start time is rounded down to the tick. */
  return started > 0 && started > mtime + 1;
}

gboolean
cd_atomic_temp_is_stale (const char *path)
{
  g_autofree char *name = g_path_get_basename (path);
  struct stat st;
  int pid;

  if (!parse_temp_name (name, NULL, &pid))
    return FALSE;
  if (lstat (path, &st) != 0 || !S_ISREG (st.st_mode) || st.st_uid != getuid ())
    return FALSE;
  return writer_is_gone (pid, (gint64) st.st_mtime);
}

char *
cd_atomic_temp_target (const char *temp_path)
{
  g_autofree char *name = g_path_get_basename (temp_path);
  g_autofree char *dir = g_path_get_dirname (temp_path);
  g_autofree char *base = NULL;
  int pid;

  if (!parse_temp_name (name, &base, &pid))
    return NULL;
  return g_build_filename (dir, base, NULL);
}

static nlink_t
link_count (const char *path)
{
  struct stat st;

  return lstat (path, &st) == 0 ? st.st_nlink : 0;
}

GPtrArray *
cd_atomic_stale_links (const char *dir)
{
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  if (d == NULL)
    return out;
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *base = NULL;
      g_autofree char *path = NULL;
      g_autofree char *target = NULL;
      struct stat a, b;
      int pid;

      if (!parse_temp_name (name, &base, &pid))
        continue;
      path = g_build_filename (dir, name, NULL);
      target = g_build_filename (dir, base, NULL);
      if (lstat (path, &a) != 0 || a.st_nlink < 2 || !cd_atomic_temp_is_stale (path)
          || lstat (target, &b) != 0 || a.st_ino != b.st_ino || a.st_dev != b.st_dev)
        continue;
      g_ptr_array_add (out, g_steal_pointer (&path));
      g_ptr_array_add (out, g_steal_pointer (&target));
    }
  return out;
}

/* The bytes durable, and private, before a name points at them. */
static void
make_durable (const char *temp_path)
{
  int fd = g_open (temp_path, O_RDONLY | O_CLOEXEC, 0);

  if (fd >= 0)
    {
      fsync (fd);
      close (fd);
    }
  g_chmod (temp_path, 0600);
}

gboolean
cd_atomic_link (const char  *temp_path,
                const char  *target,
                GError     **error)
{
  make_durable (temp_path);
  if (link (temp_path, target) != 0)
    {
      int saved = errno;
      if (saved == EEXIST)
        g_set_error (error, CD_FILE_ERROR, CD_FILE_ERROR_EXISTS,
                     _("The file “%s” already exists. Choose another name, or allow overwriting it."),
                     target);
      else
        cd_file_set_io_error (error, target, saved);
      return FALSE;
    }
  return TRUE;
}

guint
cd_atomic_sweep (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  guint removed = 0;

  if (d == NULL)
    return 0;
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = NULL;
      int pid;

      /* Only our own pattern: the clerk's other hidden files stay. */
      if (!parse_temp_name (name, NULL, &pid))
        continue;
      path = g_build_filename (dir, name, NULL);
      /* A stage still linked to its document's name is the store's to
       * settle (cd_store_sweep_document_folders()): whether the name
       * stays depends on the record. */
      if (link_count (path) > 1)
        continue;
      if (cd_atomic_temp_is_stale (path) && g_unlink (path) == 0)
        removed++;
    }
  if (removed > 0)
    g_debug ("removed %u temporary files left by a crash in %s", removed, dir);
  return removed;
}

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

  /* What a crash of an earlier writer left here goes first. */
  cd_atomic_sweep (dir);
  /* Our writer's pid in the name: cd_atomic_sweep() tells a dead
   * writer's file from one being written right now. */
  tmpl = g_strdup_printf ("%s/.%s.cd-%d-XXXXXX", dir, base, (int) getpid ());
  fd = g_mkstemp_full (tmpl, O_RDWR | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int saved = errno;
      cd_file_set_io_error (error, dir, saved);
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
  if (!overwrite)
    {
      /* link() fails if the target exists: no window between test and rename. */
      gboolean ok = cd_atomic_link (temp_path, target, error);

      g_unlink (temp_path);
      return ok;
    }

  make_durable (temp_path);
  if (g_rename (temp_path, target) != 0)
    {
      int saved = errno;
      g_unlink (temp_path);
      cd_file_set_io_error (error, target, saved);
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
  if (f == NULL || (len > 0 && fwrite (data, 1, len, f) != len))
    {
      int saved = errno;
      if (f != NULL)
        fclose (f);
      cd_atomic_abort (tmp);
      cd_file_set_io_error (error, target, saved);
      return FALSE;
    }
  if (fclose (f) != 0)
    {
      int saved = errno;
      cd_atomic_abort (tmp);
      cd_file_set_io_error (error, target, saved);
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
      cd_file_set_read_error (error, path, errno);
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
