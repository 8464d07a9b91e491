/* cd-xml.h — parsing untrusted OOXML parts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <libxml/tree.h>

G_BEGIN_DECLS

/* Parses one XML part of a .docx/.xlsx. Office never writes a DTD, so a
 * part whose parsed form has a doctype, an entity declaration or an entity
 * reference is refused, in any encoding (UTF-8, UTF-16…): the parser stops
 * at the doctype, so no external entity is fetched and no entity expansion
 * ("billion laughs") can run. No network, libxml2's default size limits.
 * @what names the part for messages. */
xmlDoc *cd_xml_parse (const char  *data,
                      gsize        len,
                      const char  *what,
                      GError     **error);

/* Sends libxml2's own messages (its generic and structured error
 * handlers, per thread) to g_debug(): its English never reaches the
 * clerk's stderr; our callers say what went wrong. cd_xml_parse() calls
 * it; call it on a thread that serialises or reads XML otherwise. */
void    cd_xml_quiet (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (xmlDoc, xmlFreeDoc)

G_END_DECLS
