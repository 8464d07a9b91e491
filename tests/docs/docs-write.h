/* docs-write.h — a minimal .docx written for the docs tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <zip.h>

G_BEGIN_DECLS

#define W_NS "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\""

/* Adds @text to @za as the entry @name, asserting it worked. */
void docs_zip_put    (zip_t      *za,
                      const char *name,
                      const char *text);
/* Writes at @path a minimal .docx whose body is @body (paragraphs and
 * tables): its content types, relationships and document.xml. */
void docs_write_docx (const char *path,
                      const char *body);

G_END_DECLS
