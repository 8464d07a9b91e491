/* cd-zip-writer.h — writing a zip (.docx) part by part to a file
 *
 * libzip wants every entry's data at zip_close(), so a document.xml made
 * for 100,000 people would be held whole in memory. This writer deflates
 * each entry as it is written (zlib, raw deflate, level 1) into a
 * seekable file, then patches the local header's CRC and sizes: memory
 * stays flat whatever the size of the entry. Entries get a fixed date
 * (1980-01-02) so the same input gives the same bytes.
 *
 * No ZIP64: an entry, the archive or its offsets reaching 4 GiB fail with
 * CD_FILE_ERROR_TOO_LARGE.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _CdZipWriter CdZipWriter;

/* Writes a new zip to @path (created or truncated; the caller owns its
 * name, e.g. a cd_atomic_temp_path()). */
CdZipWriter *cd_zip_writer_new    (const char   *path,
                                   GError      **error);
/* One whole entry. */
gboolean     cd_zip_writer_add    (CdZipWriter  *zw,
                                   const char   *name,
                                   const void   *data,
                                   gsize         len,
                                   GError      **error);
/* An entry written in pieces: begin, write as often as needed, end. */
gboolean     cd_zip_writer_begin  (CdZipWriter  *zw,
                                   const char   *name,
                                   GError      **error);
gboolean     cd_zip_writer_write  (CdZipWriter  *zw,
                                   const void   *data,
                                   gsize         len,
                                   GError      **error);
gboolean     cd_zip_writer_end    (CdZipWriter  *zw,
                                   GError      **error);
/* Writes the central directory and closes the file. */
gboolean     cd_zip_writer_finish (CdZipWriter  *zw,
                                   GError      **error);
/* Closes the file if still open (a failed or abandoned zip). */
void         cd_zip_writer_free   (CdZipWriter  *zw);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CdZipWriter, cd_zip_writer_free)

G_END_DECLS
