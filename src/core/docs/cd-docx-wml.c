/* cd-docx-wml.c — WordprocessingML helpers (the cd_w_* functions):
 * elements of the w: namespace, paragraph text and node copies, shared by
 * the placeholder engine and the form filler
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "cd-docx-private.h"

gboolean
cd_w_is (const xmlNode *node,
         const char    *local)
{
  return node != NULL && node->type == XML_ELEMENT_NODE
         && node->ns != NULL && node->ns->href != NULL
         && strcmp ((const char *) node->ns->href, CD_W_NS) == 0
         && strcmp ((const char *) node->name, local) == 0;
}

void
cd_w_collect (xmlNode    *root,
              const char *local,
              GPtrArray  *out)
{
  for (xmlNode *n = root->children; n != NULL; n = n->next)
    {
      if (n->type != XML_ELEMENT_NODE)
        continue;
      if (cd_w_is (n, local))
        g_ptr_array_add (out, n);
      cd_w_collect (n, local, out);
    }
}

xmlNode *
cd_w_ancestor (xmlNode    *node,
               const char *local)
{
  for (xmlNode *n = node->parent; n != NULL && n->type == XML_ELEMENT_NODE; n = n->parent)
    if (cd_w_is (n, local))
      return n;
  return NULL;
}

void
cd_w_collect_t (xmlNode   *node,
                GPtrArray *out)
{
  for (xmlNode *n = node->children; n != NULL; n = n->next)
    {
      if (n->type != XML_ELEMENT_NODE || cd_w_is (n, "p"))
        continue;
      if (cd_w_is (n, "t"))
        g_ptr_array_add (out, n);
      else
        cd_w_collect_t (n, out);
    }
}

char *
cd_w_para_text (xmlNode *p)
{
  g_autoptr(GPtrArray) ts = g_ptr_array_new ();
  GString *s = g_string_new (NULL);

  cd_w_collect_t (p, ts);
  for (guint i = 0; i < ts->len; i++)
    {
      xmlChar *c = xmlNodeGetContent (g_ptr_array_index (ts, i));
      g_string_append (s, (const char *) c);
      xmlFree (c);
    }
  return g_string_free (s, FALSE);
}

void
cd_w_set_t_text (xmlNode    *t,
                 const char *text)
{
  const char *nl = strchr (text, '\n');
  g_autofree char *first = nl ? g_strndup (text, (gsize) (nl - text)) : g_strdup (text);
  xmlNode *after = t;

  xmlNodeSetContent (t, NULL);
  xmlNodeAddContent (t, (const xmlChar *) first);
  xmlNodeSetSpacePreserve (t, 1);
  while (nl != NULL)
    {
      const char *line = nl + 1;
      xmlNode *br = xmlNewNode (t->ns, (const xmlChar *) "br");
      xmlNode *t2 = xmlNewNode (t->ns, (const xmlChar *) "t");
      g_autofree char *chunk = NULL;

      nl = strchr (line, '\n');
      chunk = nl ? g_strndup (line, (gsize) (nl - line)) : g_strdup (line);
      xmlNodeAddContent (t2, (const xmlChar *) chunk);
      xmlNodeSetSpacePreserve (t2, 1);
      after = xmlAddNextSibling (after, br);
      after = xmlAddNextSibling (after, t2);
    }
}

void
cd_w_para_set_text (xmlNode    *p,
                    const char *text)
{
  g_autoptr(GPtrArray) ts = g_ptr_array_new ();

  cd_w_collect_t (p, ts);
  if (ts->len == 0)
    {
      /* An empty paragraph: a new run takes the paragraph mark's format. */
      xmlNode *r = xmlNewChild (p, p->ns, (const xmlChar *) "r", NULL);
      xmlNode *t;

      for (xmlNode *n = p->children; n != NULL; n = n->next)
        if (cd_w_is (n, "pPr"))
          for (xmlNode *m = n->children; m != NULL; m = m->next)
            if (cd_w_is (m, "rPr"))
              xmlAddChild (r, cd_w_clone (m, r));
      t = xmlNewChild (r, p->ns, (const xmlChar *) "t", NULL);
      cd_w_set_t_text (t, text);
      return;
    }
  cd_w_set_t_text (g_ptr_array_index (ts, 0), text);
  for (guint i = 1; i < ts->len; i++)
    cd_w_set_t_text (g_ptr_array_index (ts, i), "");
}

xmlNode *
cd_w_clone (xmlNode *node,
            xmlNode *dest_parent)
{
  xmlNode *copy = NULL;

  if (xmlDOMWrapCloneNode (NULL, node->doc, node, &copy, node->doc,
                           dest_parent, 1, 0) != 0 || copy == NULL)
    copy = xmlDocCopyNode (node, node->doc, 1);
  return copy;
}
