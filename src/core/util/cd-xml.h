/* cd-xml.h — parsing untrusted OOXML parts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <libxml/tree.h>

G_BEGIN_DECLS

/* Parses one XML part of a .docx/.xlsx. Office never writes a DTD, so any
 * <!DOCTYPE or <!ENTITY is refused outright: no external entity is
 * fetched and no entity expansion ("billion laughs") can run. No network,
 * libxml2's default size limits. @what names the part for messages. */
xmlDoc *cd_xml_parse (const char  *data,
                      gsize        len,
                      const char  *what,
                      GError     **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (xmlDoc, xmlFreeDoc)

G_END_DECLS
