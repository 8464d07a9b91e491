/* cd-xml.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>
#include <libxml/parser.h>

#include "cd-fileutil.h"
#include "cd-xml.h"

xmlDoc *
cd_xml_parse (const char  *data,
              gsize        len,
              const char  *what,
              GError     **error)
{
  xmlDoc *doc;

  if (len > G_MAXINT)
    {
      g_set_error (error, CD_FILE_ERROR, CD_FILE_ERROR_TOO_LARGE,
                   _("The part “%s” is too large."), what);
      return NULL;
    }
  if (g_strstr_len (data, len, "<!DOCTYPE") != NULL
      || g_strstr_len (data, len, "<!ENTITY") != NULL)
    {
      g_set_error (error, CD_FILE_ERROR, CD_FILE_ERROR_FORMAT,
                   _("The part “%s” declares a DTD or entities, which Word and Excel never write. The file was refused for safety."),
                   what);
      return NULL;
    }

  doc = xmlReadMemory (data, (int) len, what, NULL,
                       XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  if (doc == NULL)
    {
      g_set_error (error, CD_FILE_ERROR, CD_FILE_ERROR_FORMAT,
                   _("The part “%s” is not well-formed XML; the file is damaged. Open it in Word or LibreOffice and save it again."),
                   what);
      return NULL;
    }
  return doc;
}
