/* cd-fileutil.h — private files and atomic writes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define CD_FILE_ERROR (cd_file_error_quark ())

typedef enum {
  CD_FILE_ERROR_FAILED,
  CD_FILE_ERROR_EXISTS,      /* target exists and overwriting was not allowed */
  CD_FILE_ERROR_NOT_FOUND,
  CD_FILE_ERROR_TOO_LARGE,
  CD_FILE_ERROR_FORMAT,      /* not the kind of file expected */
  CD_FILE_ERROR_NO_SPACE,    /* disk full, quota, or a file size limit */
} CdFileError;

GQuark    cd_file_error_quark     (void);

/* Sets @error to a sentence saying what to do about @errnum (from
 * writing @path): a full disk (ENOSPC, EDQUOT, EFBIG) is
 * CD_FILE_ERROR_NO_SPACE. Never the C library's English text. */
void      cd_file_set_io_error    (GError     **error,
                                   const char  *path,
                                   int          errnum);

/* Sets @error to a sentence about @errnum from opening @path to read it:
 * a name leading nowhere (ENOENT, ENOTDIR) is CD_FILE_ERROR_NOT_FOUND,
 * anything else CD_FILE_ERROR_FAILED. Never the C library's text. */
void      cd_file_set_read_error  (GError     **error,
                                   const char  *path,
                                   int          errnum);

/* Every generated file goes through a temporary file next to its target
 * (mode 0600: exports hold personal data) that is renamed into place, so a
 * crash never leaves half a document under the real name.
 *
 * cd_atomic_temp_path() creates the empty temporary file and returns its
 * path; the caller writes it (through any library), then calls
 * cd_atomic_commit() — or cd_atomic_abort() on failure.
 *
 * The temporary file is ".NAME.cd-PID-XXXXXX" (NAME the target's name,
 * PID the writer's). A writer killed before its rename leaves it behind:
 * cd_atomic_temp_path() first sweeps its folder (cd_atomic_sweep()), and
 * the store sweeps the folders of the documents it recorded on open. */
char     *cd_atomic_temp_path     (const char   *target,
                                   GError      **error);
gboolean  cd_atomic_commit        (const char   *temp_path,
                                   const char   *target,
                                   gboolean      overwrite,
                                   GError      **error);
/* Links @target to the finished @temp_path (made durable first), which
 * keeps its name until the caller removes it: a crash in between leaves
 * both names on one file (cd_atomic_stale_links()). FALSE, with a
 * sentence, when @target exists or cannot be made. */
gboolean  cd_atomic_link          (const char  *temp_path,
                                   const char  *target,
                                   GError     **error);
/* The stale temporary files of @dir (their writer gone) still linked to
 * their target's name: pairs of paths, temporary then target. */
GPtrArray *cd_atomic_stale_links  (const char  *dir);
void      cd_atomic_abort         (const char   *temp_path);

/* Removes the temporary files of ours in @dir whose writer is gone (its
 * pid is dead, or was reused by a process started after the file was
 * last written); a concurrent writer's file and any other hidden file
 * stay. Returns how many were removed. */
guint     cd_atomic_sweep         (const char   *dir);
/* TRUE when @path is a temporary file of ours whose writer is gone. */
gboolean  cd_atomic_temp_is_stale (const char   *path);
/* The target a temporary file of ours stands for ("dir/.a.docx.cd-1-x"
 * → "dir/a.docx"); NULL when @temp_path is not one. */
char     *cd_atomic_temp_target   (const char   *temp_path);

/* Convenience: writes @data to @target atomically, mode 0600. Fails with
 * CD_FILE_ERROR_EXISTS when @target exists and !@overwrite. */
gboolean  cd_file_write_atomic    (const char   *target,
                                   const void   *data,
                                   gsize         len,
                                   gboolean      overwrite,
                                   GError      **error);

/* Reads a whole file, refusing files over @max_size bytes. */
gboolean  cd_file_read_limited    (const char   *path,
                                   gsize         max_size,
                                   char        **contents,
                                   gsize        *len,
                                   GError      **error);

/* SHA-256 of a file or buffer, lower-case hex. */
char     *cd_sha256_hex           (const void   *data,
                                   gsize         len);
char     *cd_file_sha256_hex      (const char   *path,
                                   GError      **error);

G_END_DECLS
