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
} CdFileError;

GQuark    cd_file_error_quark     (void);

/* Every generated file goes through a temporary file next to its target
 * (mode 0600: exports hold personal data) that is renamed into place, so a
 * crash never leaves half a document under the real name.
 *
 * cd_atomic_temp_path() creates the empty temporary file and returns its
 * path; the caller writes it (through any library), then calls
 * cd_atomic_commit() — or cd_atomic_abort() on failure. */
char     *cd_atomic_temp_path     (const char   *target,
                                   GError      **error);
gboolean  cd_atomic_commit        (const char   *temp_path,
                                   const char   *target,
                                   gboolean      overwrite,
                                   GError      **error);
void      cd_atomic_abort         (const char   *temp_path);

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
