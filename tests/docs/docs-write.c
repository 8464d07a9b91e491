/* docs-write.c — a minimal .docx written for the docs tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "docs-write.h"

void
docs_zip_put (zip_t      *za,
              const char *name,
              const char *text)
{
  zip_source_t *src = zip_source_buffer (za, g_strdup (text), strlen (text), 1);
  g_assert_cmpint (zip_file_add (za, name, src, ZIP_FL_ENC_UTF_8), >=, 0);
}

void
docs_write_docx (const char *path,
                 const char *body)
{
  int err = 0;
  zip_t *za = zip_open (path, ZIP_CREATE | ZIP_TRUNCATE, &err);
  g_autofree char *doc = g_strdup_printf (
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<w:document " W_NS "><w:body>%s</w:body></w:document>", body);

  g_assert_nonnull (za);
  docs_zip_put (za, "[Content_Types].xml",
           "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
           "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
           "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
           "<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>");
  docs_zip_put (za, "_rels/.rels",
           "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
           "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/></Relationships>");
  docs_zip_put (za, "word/document.xml", doc);
  g_assert_cmpint (zip_close (za), ==, 0);
}
