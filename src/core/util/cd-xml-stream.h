/* cd-xml-stream.h — one untrusted OOXML part parsed as it is inflated
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <zip.h>

G_BEGIN_DECLS

typedef struct _CdXmlStream CdXmlStream;

/* What a streamed part calls back with. Element names are local names
 * (no prefix). @attrs is libxml2's SAX2 array: five pointers per
 * attribute (local name, prefix, URI, value, end of value); read it with
 * cd_xml_stream_attr(). @text is not NUL-terminated. */
typedef struct {
  void (*start_element) (CdXmlStream  *stream,
                         const char   *name,
                         int           n_attrs,
                         const char  **attrs,
                         gpointer      user_data);
  void (*end_element)   (CdXmlStream  *stream,
                         const char   *name,
                         gpointer      user_data);
  void (*text)          (CdXmlStream  *stream,
                         const char   *text,
                         gsize         len,
                         gpointer      user_data);
} CdXmlStreamHandlers;

/* Parses the part @name of @za with a SAX parser fed straight from the
 * inflater, 64 KB at a time: memory does not grow with the part. The
 * same rules as cd_xml_parse(): a doctype stops the parse before any
 * entity declaration is read and the part is refused, no entity is ever
 * substituted (an undeclared one is an error), no network. The inflated
 * bytes are counted as they come: more than @max_size for this part, or
 * more than CD_ZIP_MAX_TOTAL with @inflated (the package's running count,
 * may be NULL), stops with CD_FILE_ERROR_TOO_LARGE. Returns FALSE with
 * CD_FILE_ERROR_NOT_FOUND when the part is absent, CD_FILE_ERROR_FORMAT
 * when it is not well-formed, or the error a handler gave to
 * cd_xml_stream_fail(). */
gboolean    cd_xml_stream_zip_entry (zip_t                     *za,
                                     const char                *name,
                                     gsize                      max_size,
                                     guint64                   *inflated,
                                     const CdXmlStreamHandlers *handlers,
                                     gpointer                   user_data,
                                     GError                   **error);

/* From a handler: stops the parse, which then fails with @error (taken;
 * the first one given wins). */
void        cd_xml_stream_fail      (CdXmlStream               *stream,
                                     GError                    *error);

/* From start_element or end_element: the namespace URI of the element,
 * NULL when it has none (a document's w:t and a drawing's a:t share a
 * local name). */
const char *cd_xml_stream_uri       (CdXmlStream               *stream);

/* The value of the attribute @name without a namespace prefix, and its
 * length in @len; NULL when absent. Not NUL-terminated. */
const char *cd_xml_stream_attr      (int                        n_attrs,
                                     const char               **attrs,
                                     const char                *name,
                                     gsize                     *len);

G_END_DECLS
