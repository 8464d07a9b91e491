/* cd-xml-stream.c
 *
 * A 100,000-row worksheet is ~60 MB of XML: built as a tree it took 1 GB.
 * Here the part goes from the inflater to libxml2's push parser in 64 KB
 * chunks and its elements come out as SAX2 events, so memory stays that
 * of one chunk and whatever the caller keeps. The safety rules are those
 * of cd-xml.c, enforced at the same parser hooks, and the messages are
 * the same strings.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>

#include "cd-fileutil.h"
#include "cd-xml-stream.h"
#include "cd-zip.h"

#define CHUNK 65536

struct _CdXmlStream {
  xmlParserCtxt             *ctxt;
  const CdXmlStreamHandlers *handlers;
  gpointer                   user_data;
  GError                    *error;      /* a handler's, wins over the parser's */
  const char                *uri;        /* the namespace of the element called back for */
  gboolean                   dtd;
  gboolean                   no_memory;
  gboolean                   stopped;
};

static CdXmlStream *
stream_of (void *ctx)
{
  return ((xmlParserCtxt *) ctx)->_private;
}

static void
stop (CdXmlStream *self)
{
  self->stopped = TRUE;
  xmlStopParser (self->ctxt);
}

/* ---- SAX callbacks ---------------------------------------------------- */

static void
start_element_ns_cb (void           *ctx,
                     const xmlChar  *localname,
                     const xmlChar  *prefix G_GNUC_UNUSED,
                     const xmlChar  *uri,
                     int             n_namespaces G_GNUC_UNUSED,
                     const xmlChar **namespaces G_GNUC_UNUSED,
                     int             n_attrs,
                     int             n_defaulted G_GNUC_UNUSED,
                     const xmlChar **attrs)
{
  CdXmlStream *self = stream_of (ctx);

  self->uri = (const char *) uri;
  if (!self->stopped && self->handlers->start_element != NULL)
    self->handlers->start_element (self, (const char *) localname, n_attrs,
                                   (const char **) attrs, self->user_data);
}

static void
end_element_ns_cb (void          *ctx,
                   const xmlChar *localname,
                   const xmlChar *prefix G_GNUC_UNUSED,
                   const xmlChar *uri)
{
  CdXmlStream *self = stream_of (ctx);

  self->uri = (const char *) uri;
  if (!self->stopped && self->handlers->end_element != NULL)
    self->handlers->end_element (self, (const char *) localname, self->user_data);
}

/* Text and CDATA alike: a <t> may hold either. */
static void
characters_cb (void          *ctx,
               const xmlChar *ch,
               int            len)
{
  CdXmlStream *self = stream_of (ctx);

  if (!self->stopped && len > 0 && self->handlers->text != NULL)
    self->handlers->text (self, (const char *) ch, (gsize) len, self->user_data);
}

/* Office never writes a DTD: stop at the doctype, before any entity
 * declaration is read. */
static void
internal_subset_cb (void          *ctx,
                    const xmlChar *name G_GNUC_UNUSED,
                    const xmlChar *external_id G_GNUC_UNUSED,
                    const xmlChar *system_id G_GNUC_UNUSED)
{
  CdXmlStream *self = stream_of (ctx);

  self->dtd = TRUE;
  stop (self);
}

static void
entity_decl_cb (void          *ctx,
                const xmlChar *name G_GNUC_UNUSED,
                int            type G_GNUC_UNUSED,
                const xmlChar *public_id G_GNUC_UNUSED,
                const xmlChar *system_id G_GNUC_UNUSED,
                xmlChar       *content G_GNUC_UNUSED)
{
  internal_subset_cb (ctx, NULL, NULL, NULL);
}

/* Every error passes here (nothing printed on stderr); a failed
 * allocation is remembered, as in cd-xml.c. */
static void
error_cb (void        *ctx,
          xmlErrorPtr  err)
{
  xmlParserCtxt *ctxt = ctx;
  CdXmlStream *self = ctxt != NULL ? ctxt->_private : NULL;

  if (self != NULL && err != NULL && err->code == XML_ERR_NO_MEMORY)
    self->no_memory = TRUE;
}

/* ---- Public ----------------------------------------------------------- */

void
cd_xml_stream_fail (CdXmlStream *self,
                    GError      *error)
{
  if (self->error == NULL)
    self->error = error;
  else
    g_error_free (error);
  stop (self);
}

const char *
cd_xml_stream_uri (CdXmlStream *self)
{
  return self->uri;
}

const char *
cd_xml_stream_attr (int          n_attrs,
                    const char **attrs,
                    const char  *name,
                    gsize       *len)
{
  for (int i = 0; i < n_attrs; i++)
    {
      const char **a = attrs + 5 * i;

      if (a[1] == NULL && strcmp (a[0], name) == 0)
        {
          *len = (gsize) (a[4] - a[3]);
          return a[3];
        }
    }
  *len = 0;
  return NULL;
}

gboolean
cd_xml_stream_zip_entry (zip_t                     *za,
                         const char                *name,
                         gsize                      max_size,
                         guint64                   *inflated,
                         const CdXmlStreamHandlers *handlers,
                         gpointer                   user_data,
                         GError                   **error)
{
  CdXmlStream self = { NULL, handlers, user_data, NULL, NULL, FALSE, FALSE, FALSE };
  xmlSAXHandler sax;
  zip_file_t *zf;
  g_autofree char *chunk = NULL;
  gsize total = 0;
  zip_int64_t got;
  gboolean well_formed = FALSE;
  int err_no = XML_ERR_OK;

  zf = zip_fopen (za, name, 0);
  if (zf == NULL)
    {
      g_set_error (error, CD_FILE_ERROR, CD_FILE_ERROR_NOT_FOUND,
                   _("The package has no part “%s”."), name);
      return FALSE;
    }

  /* Only the callbacks we need: no tree, no entity lookup (an entity
   * reference other than the five predefined ones is an error), the
   * doctype a stop. */
  memset (&sax, 0, sizeof sax);
  sax.initialized = XML_SAX2_MAGIC;
  sax.startElementNs = start_element_ns_cb;
  sax.endElementNs = end_element_ns_cb;
  sax.characters = characters_cb;
  sax.cdataBlock = characters_cb;
  sax.internalSubset = internal_subset_cb;
  sax.externalSubset = internal_subset_cb;
  sax.entityDecl = entity_decl_cb;
  sax.serror = error_cb;

  chunk = g_malloc (CHUNK);
  for (;;)
    {
      got = zip_fread (zf, chunk, CHUNK);
      if (got < 0)
        break;
      /* Never trust the declared size: count what comes out. */
      if (total + (gsize) got > max_size)
        {
          g_set_error (&self.error, CD_FILE_ERROR, CD_FILE_ERROR_TOO_LARGE,
                       _("The part “%s” unpacks to more than %u MB; the file was refused."),
                       name, (unsigned) (max_size / (1024 * 1024)));
          break;
        }
      if (inflated != NULL && *inflated + (guint64) got > CD_ZIP_MAX_TOTAL)
        {
          g_set_error (&self.error, CD_FILE_ERROR, CD_FILE_ERROR_TOO_LARGE,
                       _("The parts of this file unpack to more than %u MB in all, far more than any real document (it may be a “zip bomb”). It was not opened."),
                       (unsigned) (CD_ZIP_MAX_TOTAL / (1024 * 1024)));
          break;
        }
      total += (gsize) got;
      if (inflated != NULL)
        *inflated += (guint64) got;

      if (self.ctxt == NULL)
        {
          /* The first chunk goes in at creation: its first bytes tell
           * the encoding (a UTF-16 part starts with its byte order mark). */
          self.ctxt = xmlCreatePushParserCtxt (&sax, NULL, chunk, (int) got, name);
          if (self.ctxt == NULL)
            {
              self.no_memory = TRUE;
              break;
            }
          self.ctxt->_private = &self;
          /* No XML_PARSE_NOENT, DTDLOAD or DTDATTR: never substitute
           * entities, never load anything. */
          xmlCtxtUseOptions (self.ctxt, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
          xmlParseChunk (self.ctxt, NULL, 0, got == 0);
        }
      else
        xmlParseChunk (self.ctxt, chunk, (int) got, got == 0);
      if (got == 0 || self.stopped || self.ctxt->errNo != XML_ERR_OK)
        break;
    }
  zip_fclose (zf);

  if (self.ctxt != NULL)
    {
      well_formed = self.ctxt->wellFormed;
      err_no = self.ctxt->errNo;
      xmlFreeParserCtxt (self.ctxt);
    }
  if (err_no == XML_ERR_NO_MEMORY)
    self.no_memory = TRUE;

  if (self.error != NULL)
    {
      g_propagate_error (error, self.error);
      return FALSE;
    }
  if (got < 0)
    {
      g_set_error (error, CD_FILE_ERROR, CD_FILE_ERROR_FORMAT,
                   _("The part “%s” is damaged and cannot be read."), name);
      return FALSE;
    }
  if (self.dtd)
    {
      g_set_error (error, CD_FILE_ERROR, CD_FILE_ERROR_FORMAT,
                   _("The part “%s” declares a DTD or entities, which Word and Excel never write. The file was refused for safety."),
                   name);
      return FALSE;
    }
  if (self.no_memory)
    {
      g_set_error (error, CD_FILE_ERROR, CD_FILE_ERROR_TOO_LARGE,
                   _("There was not enough memory to read the part “%s”. Close other programs, then try again."),
                   name);
      return FALSE;
    }
  if (self.ctxt == NULL || !well_formed || err_no != XML_ERR_OK)
    {
      g_set_error (error, CD_FILE_ERROR, CD_FILE_ERROR_FORMAT,
                   _("The part “%s” is not well-formed XML; the file is damaged. Open it in Word or LibreOffice and save it again."),
                   name);
      return FALSE;
    }
  return TRUE;
}
