/* cd-zip.h — reading .docx/.xlsx packages without trusting them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <zip.h>

G_BEGIN_DECLS

/* Largest single part we inflate (a 250-page document.xml is ~5 MB). */
#define CD_ZIP_MAX_ENTRY   (64u * 1024u * 1024u)
/* Largest sum of all parts a package may inflate to (counted on the
 * bytes really inflated, see cd_zip_read_entry()). */
#define CD_ZIP_MAX_TOTAL   (256u * 1024u * 1024u)

/* Opens @path read-only. @what names the kind of file for messages
 * ("Word", "Excel"). A renamed .xls/.doc (OLE2) and any non-zip get a
 * CD_FILE_ERROR_FORMAT error saying so; a package whose parts declare more
 * than CD_ZIP_MAX_TOTAL bytes, or compress more than 1000:1, is refused as
 * a possible zip bomb. */
zip_t   *cd_zip_open_read  (const char  *path,
                            const char  *what,
                            GError     **error);

/* Inflates one part, refusing more than @max_size bytes whatever its
 * header claims. @inflated (may be NULL) is the running count of bytes
 * really inflated from this package: reading stops with
 * CD_FILE_ERROR_TOO_LARGE as soon as it would pass CD_ZIP_MAX_TOTAL, so
 * parts lying about their sizes cannot add up to a bomb. The result is
 * NUL-terminated (not counted in the size). Returns NULL with
 * CD_FILE_ERROR_NOT_FOUND when the part is absent. */
GBytes  *cd_zip_read_entry (zip_t       *za,
                            const char  *name,
                            gsize        max_size,
                            guint64     *inflated,
                            GError     **error);

/* Sets @error (CD_FILE_ERROR) to a sentence saying what to do about
 * libzip's error @zerr, met while packing a document (@part: the part
 * being added, or NULL). Never libzip's English zip_strerror(). */
void     cd_zip_set_error  (GError     **error,
                            zip_error_t *zerr,
                            const char  *part);

G_END_DECLS
