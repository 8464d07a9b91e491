/* cd-docx-package.h — the parts of one Word (.docx) file in memory
 *
 * A CdDocxPackage is the parts of one .docx held in memory: read from a
 * .docx file (untrusted: size limits, no DTD) or from a folder of
 * unpacked parts (the built-in templates under data/templates/, kept as
 * readable XML and zipped in memory when a document is written).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct _CdDocxPackage CdDocxPackage;

/* Reads a .docx file or a folder of unpacked parts. */
CdDocxPackage *cd_docx_package_load   (const char     *path,
                                       GError        **error);
void           cd_docx_package_free   (CdDocxPackage  *pkg);
/* SHA-256 (hex) of the template as read: of the file, or for a folder of
 * its parts' names and contents in name order. */
const char    *cd_docx_package_sha256 (CdDocxPackage  *pkg);
/* The package as .docx bytes ([Content_Types].xml first, deflated). */
GBytes        *cd_docx_package_to_bytes (CdDocxPackage *pkg,
                                         GError       **error);
/* Writes the package to @target through a temporary file (mode 0600);
 * an existing @target is kept unless @overwrite. */
gboolean       cd_docx_package_save   (CdDocxPackage  *pkg,
                                       const char     *target,
                                       gboolean        overwrite,
                                       GError        **error);
/* The (possibly modified) XML text of one part, for tests; NULL if absent. */
char          *cd_docx_package_get_part_text (CdDocxPackage *pkg,
                                              const char    *name);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CdDocxPackage, cd_docx_package_free)

G_END_DECLS
