/* cd-xml.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>

#include "cd-fileutil.h"
#include "cd-xml.h"

/* The DTD is detected by the parser itself, after it has decoded the
 * part, so a UTF-16 (or any other encoding) part cannot hide its
 * <!DOCTYPE from a byte search. The parser is stopped at the doctype, so
 * no entity declaration is even read, let alone expanded or fetched. */
typedef struct {
  gboolean dtd;
  gboolean no_memory;
} ParseState;

static void
generic_error_cb (void       *ctx,
                  const char *msg,
                  ...)
{
  /* Fragments of one message: only worth a debug line each. */
  g_debug ("libxml2: %s", msg);
}

static void
structured_error_cb (void        *ctx,
                     xmlErrorPtr  err)
{
  if (err != NULL && err->message != NULL)
    g_debug ("libxml2: %s", err->message);
}

void
cd_xml_quiet (void)
{
  xmlSetGenericErrorFunc (NULL, generic_error_cb);
  xmlSetStructuredErrorFunc (NULL, structured_error_cb);
}

static void
stop_at_dtd (xmlParserCtxt *ctxt)
{
  ParseState *state = ctxt->_private;

  if (state != NULL)
    state->dtd = TRUE;
  xmlStopParser (ctxt);
}

/* Every error passes here (nothing printed on stderr). A failed
 * allocation is remembered: a later error may overwrite errNo, and a
 * part that could not be built must not be called damaged. */
static void
error_cb (void        *ctx,
          xmlErrorPtr  err)
{
  xmlParserCtxt *ctxt = ctx;
  ParseState *state = ctxt != NULL ? ctxt->_private : NULL;

  if (state != NULL && err != NULL && err->code == XML_ERR_NO_MEMORY)
    state->no_memory = TRUE;
}

static void
internal_subset_cb (void          *ctx,
                    const xmlChar *name G_GNUC_UNUSED,
                    const xmlChar *external_id G_GNUC_UNUSED,
                    const xmlChar *system_id G_GNUC_UNUSED)
{
  stop_at_dtd (ctx);
}

static void
entity_decl_cb (void          *ctx,
                const xmlChar *name G_GNUC_UNUSED,
                int            type G_GNUC_UNUSED,
                const xmlChar *public_id G_GNUC_UNUSED,
                const xmlChar *system_id G_GNUC_UNUSED,
                xmlChar       *content G_GNUC_UNUSED)
{
  stop_at_dtd (ctx);
}

static void
refuse_dtd (const char  *what,
            GError     **error)
{
  g_set_error (error, CD_FILE_ERROR, CD_FILE_ERROR_FORMAT,
               _("The part “%s” declares a DTD or entities, which Word and Excel never write. The file was refused for safety."),
               what);
}

static gboolean
has_entity_refs (xmlNode *node)
{
  for (xmlNode *n = node; n != NULL; n = n->next)
    {
      if (n->type == XML_ENTITY_REF_NODE || n->type == XML_ENTITY_NODE
          || n->type == XML_DTD_NODE || n->type == XML_ENTITY_DECL)
        return TRUE;
      if (n->type == XML_ELEMENT_NODE && has_entity_refs (n->children))
        return TRUE;
    }
  return FALSE;
}

xmlDoc *
cd_xml_parse (const char  *data,
              gsize        len,
              const char  *what,
              GError     **error)
{
  xmlParserCtxt *ctxt;
  xmlDoc *doc;
  ParseState state = { FALSE, FALSE };
  gboolean well_formed;

  cd_xml_quiet ();
  if (len > G_MAXINT)
    {
      g_set_error (error, CD_FILE_ERROR, CD_FILE_ERROR_TOO_LARGE,
                   _("The part “%s” is too large."), what);
      return NULL;
    }

  ctxt = xmlCreateMemoryParserCtxt (data, (int) len);
  if (ctxt == NULL)
    {
      g_set_error (error, CD_FILE_ERROR, CD_FILE_ERROR_TOO_LARGE,
                   _("The part “%s” is too large."), what);
      return NULL;
    }
  ctxt->_private = &state;
  ctxt->sax->serror = error_cb;
  ctxt->sax->internalSubset = internal_subset_cb;
  ctxt->sax->externalSubset = internal_subset_cb;
  ctxt->sax->entityDecl = entity_decl_cb;
  ctxt->sax->getParameterEntity = NULL;
  /* No XML_PARSE_NOENT, DTDLOAD or DTDATTR: never substitute entities,
   * never load anything. */
  xmlCtxtUseOptions (ctxt, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  xmlParseDocument (ctxt);
  doc = ctxt->myDoc;
  ctxt->myDoc = NULL;
  well_formed = ctxt->wellFormed && ctxt->errNo == XML_ERR_OK;
  if (ctxt->errNo == XML_ERR_NO_MEMORY)
    state.no_memory = TRUE;
  xmlFreeParserCtxt (ctxt);

  if (state.no_memory)
    {
      g_clear_pointer (&doc, xmlFreeDoc);
      g_set_error (error, CD_FILE_ERROR, CD_FILE_ERROR_TOO_LARGE,
                   _("There was not enough memory to read the part “%s”. Close other programs, then try again."),
                   what);
      return NULL;
    }

  /* Decided on what was parsed, whatever the bytes looked like. */
  if (state.dtd
      || (doc != NULL && (doc->intSubset != NULL || doc->extSubset != NULL
                          || has_entity_refs (doc->children))))
    {
      g_clear_pointer (&doc, xmlFreeDoc);
      refuse_dtd (what, error);
      return NULL;
    }
  if (doc == NULL || !well_formed)
    {
      g_clear_pointer (&doc, xmlFreeDoc);
      g_set_error (error, CD_FILE_ERROR, CD_FILE_ERROR_FORMAT,
                   _("The part “%s” is not well-formed XML; the file is damaged. Open it in Word or LibreOffice and save it again."),
                   what);
      return NULL;
    }
  return doc;
}
