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
         /* libxml2 leaves the name NULL when copying it ran out of memory */
         && node->name != NULL
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
      g_string_append (s, c ? (const char *) c : "");
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

/* The children of w:rPr in the order the schema (CT_RPr) wants them. */
static const char *const rpr_order[] = {
  "rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike",
  "dstrike", "outline", "shadow", "emboss", "imprint", "noProof", "snapToGrid",
  "vanish", "webHidden", "color", "spacing", "w", "kern", "position", "sz",
  "szCs", "highlight", "u", "effect", "bdr", "shd", "fitText", "vertAlign",
  "rtl", "cs", "em", "lang", "eastAsianLayout", "specVanish", "oMath",
  "rPrChange", NULL
};

/* The children of w:trPr (CT_TrPr) in schema order. */
static const char *const trpr_order[] = {
  "cnfStyle", "divId", "gridBefore", "gridAfter", "wBefore", "wAfter",
  "cantSplit", "trHeight", "tblHeader", "tblCellSpacing", "jc", "hidden",
  "ins", "del", "trPrChange", NULL
};

/* The children of w:pPr (CT_PPr) in schema order. */
static const char *const ppr_order[] = {
  "pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr",
  "widowControl", "numPr", "suppressLineNumbers", "pBdr", "shd", "tabs",
  "suppressAutoHyphens", "kinsoku", "wordWrap", "overflowPunct", "topLinePunct",
  "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd", "snapToGrid",
  "spacing", "ind", "contextualSpacing", "mirrorIndents", "suppressOverlap",
  "jc", "textDirection", "textAlignment", "textboxTightWrap",
  "outlineLvl", "divId", "cnfStyle", "rPr", "sectPr", "pPrChange", NULL
};

static int
order_of (const char *const *order,
          const xmlNode     *node)
{
  for (int i = 0; order[i] != NULL; i++)
    if (cd_w_is (node, order[i]))
      return i;
  return -1;
}

/* Inserts @child under @parent before the first sibling that the schema
 * puts after it; unknown siblings (extensions) are left where they are. */
static void
insert_ordered (xmlNode           *parent,
                xmlNode           *child,
                const char *const *order)
{
  int mine = order_of (order, child);

  for (xmlNode *n = parent->children; n != NULL; n = n->next)
    {
      int theirs = order_of (order, n);
      if (theirs > mine)
        {
          xmlAddPrevSibling (n, child);
          return;
        }
    }
  xmlAddChild (parent, child);
}

static xmlNode *
find_child (xmlNode    *parent,
            const char *local)
{
  for (xmlNode *n = parent->children; n != NULL; n = n->next)
    if (cd_w_is (n, local))
      return n;
  return NULL;
}

void
cd_w_rpr_merge (xmlNode    *r,
                xmlNode    *from,
                gboolean    skip_emphasis)
{
  xmlNode *rpr;

  if (from == NULL)
    return;
  rpr = find_child (r, "rPr");
  for (xmlNode *m = from->children; m != NULL; m = m->next)
    {
      if (m->type != XML_ELEMENT_NODE || order_of (rpr_order, m) < 0
          || cd_w_is (m, "rPrChange"))
        continue;
      if (skip_emphasis && (cd_w_is (m, "b") || cd_w_is (m, "bCs")
                            || cd_w_is (m, "i") || cd_w_is (m, "iCs")))
        continue;
      if (rpr != NULL && find_child (rpr, (const char *) m->name) != NULL)
        continue;
      if (rpr == NULL)
        {
          rpr = xmlNewNode (r->ns, (const xmlChar *) "rPr");
          if (r->children != NULL)
            xmlAddPrevSibling (r->children, rpr);
          else
            xmlAddChild (r, rpr);
        }
      insert_ordered (rpr, cd_w_clone (m, rpr), rpr_order);
    }
}

xmlNode *
cd_w_first_text_rpr (xmlNode *node)
{
  g_autoptr(GPtrArray) ts = g_ptr_array_new ();

  cd_w_collect (node, "t", ts);
  for (guint i = 0; i < ts->len; i++)
    {
      xmlNode *t = g_ptr_array_index (ts, i);
      xmlChar *c = xmlNodeGetContent (t);
      gboolean blank = c == NULL || *g_strstrip ((char *) c) == '\0';

      xmlFree (c);
      if (!blank && t->parent != NULL && cd_w_is (t->parent, "r"))
        {
          xmlNode *rpr = find_child (t->parent, "rPr");
          if (rpr != NULL && rpr->children != NULL)
            return rpr;
        }
    }
  return NULL;
}

static xmlNode *
ensure_pr (xmlNode    *node,
           const char *pr_name)
{
  xmlNode *pr = find_child (node, pr_name);

  if (pr == NULL)
    {
      xmlNode *before = node->children;
      pr = xmlNewNode (node->ns, (const xmlChar *) pr_name);
      /* out of memory: the caller's fill sees libxml2's error and fails */
      if (pr == NULL)
        return NULL;
      /* w:trPr follows w:tblPrEx; w:pPr is the first child of w:p */
      while (before != NULL && (before->type != XML_ELEMENT_NODE || cd_w_is (before, "tblPrEx")))
        before = before->next;
      if (before != NULL)
        xmlAddPrevSibling (before, pr);
      else
        xmlAddChild (node, pr);
    }
  return pr;
}

static void
set_flag (xmlNode           *pr,
          const char        *local,
          const char *const *order)
{
  xmlNode *flag;

  if (pr == NULL)
    return;
  flag = find_child (pr, local);
  if (flag != NULL)
    {
      /* <w:cantSplit w:val="0"/> would say the opposite */
      xmlUnsetNsProp (flag, xmlSearchNsByHref (flag->doc, flag, (const xmlChar *) CD_W_NS),
                      (const xmlChar *) "val");
      return;
    }
  flag = xmlNewNode (pr->ns, (const xmlChar *) local);
  if (flag != NULL)
    insert_ordered (pr, flag, order);
}

void
cd_w_row_set (xmlNode    *tr,
              const char *local)
{
  set_flag (ensure_pr (tr, "trPr"), local, trpr_order);
}

void
cd_w_row_unset (xmlNode    *tr,
                const char *local)
{
  xmlNode *pr = find_child (tr, "trPr");
  xmlNode *flag = pr ? find_child (pr, local) : NULL;

  if (flag != NULL)
    {
      xmlUnlinkNode (flag);
      xmlFreeNode (flag);
    }
}

void
cd_w_para_set (xmlNode    *p,
               const char *local)
{
  set_flag (ensure_pr (p, "pPr"), local, ppr_order);
}

xmlNode *
cd_w_para_prop (xmlNode    *p,
                const char *local)
{
  xmlNode *ppr = ensure_pr (p, "pPr");
  xmlNode *prop;

  if (ppr == NULL)
    return NULL;
  prop = find_child (ppr, local);
  if (prop == NULL && (prop = xmlNewNode (ppr->ns, (const xmlChar *) local)) != NULL)
    insert_ordered (ppr, prop, ppr_order);
  return prop;
}

void
cd_w_keep_table_end_with_next (xmlNode *tbl)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  guint walked = 0;

  for (xmlNode *n = tbl->children; n != NULL; n = n->next)
    if (cd_w_is (n, "tr"))
      g_ptr_array_add (rows, n);
  /* the last two rows go with what follows */
  for (guint r = rows->len >= 2 ? rows->len - 2 : 0; r < rows->len; r++)
    {
      g_autoptr(GPtrArray) paras = g_ptr_array_new ();

      cd_w_collect (g_ptr_array_index (rows, r), "p", paras);
      for (guint i = 0; i < paras->len; i++)
        cd_w_para_set (g_ptr_array_index (paras, i), "keepNext");
    }
  /* then the closing text, up to the signature's table: a chain of at
   * most a dozen paragraphs, so a long tail never drags a page along */
  for (xmlNode *n = tbl->next; n != NULL && walked < 12; n = n->next)
    {
      if (n->type != XML_ELEMENT_NODE)
        continue;
      if (!cd_w_is (n, "p"))
        break;
      {
        g_autoptr(GPtrArray) brs = g_ptr_array_new ();
        cd_w_collect (n, "br", brs);
        for (guint i = 0; i < brs->len; i++)
          {
            xmlChar *type = xmlGetNsProp (g_ptr_array_index (brs, i), (const xmlChar *) "type",
                                          (const xmlChar *) CD_W_NS);
            gboolean page = type != NULL && strcmp ((const char *) type, "page") == 0;
            xmlFree (type);
            if (page)
              return;
          }
      }
      cd_w_para_set (n, "keepNext");
      walked++;
    }
}

/* What may follow a list to be taken into its table: a form's closing
 * lines and signature, not pages of text (a row is never split). */
#define TAIL_MAX_PARAS  30
#define TAIL_MAX_TABLES 3

static gboolean
tail_takes (xmlNode *n,
            guint   *paras,
            guint   *tables,
            gboolean *text)
{
  g_autoptr(GPtrArray) ps = g_ptr_array_new ();
  g_autoptr(GPtrArray) tbls = g_ptr_array_new ();
  g_autoptr(GPtrArray) breaks = g_ptr_array_new ();
  g_autoptr(GPtrArray) sections = g_ptr_array_new ();
  g_autoptr(GPtrArray) before = g_ptr_array_new ();

  if (cd_w_is (n, "bookmarkStart") || cd_w_is (n, "bookmarkEnd") || cd_w_is (n, "proofErr"))
    return TRUE;
  if (!cd_w_is (n, "p") && !cd_w_is (n, "tbl"))
    return FALSE;
  if (cd_w_is (n, "p"))
    g_ptr_array_add (ps, n);
  else
    g_ptr_array_add (tbls, n);
  cd_w_collect (n, "p", ps);
  cd_w_collect (n, "tbl", tbls);
  cd_w_collect (n, "br", breaks);
  cd_w_collect (n, "sectPr", sections);
  cd_w_collect (n, "pageBreakBefore", before);
  *paras += ps->len;
  *tables += tbls->len;
  if (sections->len > 0 || before->len > 0 || *paras > TAIL_MAX_PARAS || *tables > TAIL_MAX_TABLES)
    return FALSE;
  for (guint i = 0; i < breaks->len; i++)
    {
      xmlChar *type = xmlGetNsProp (g_ptr_array_index (breaks, i), (const xmlChar *) "type",
                                    (const xmlChar *) CD_W_NS);
      gboolean page = type != NULL && strcmp ((const char *) type, "page") == 0;
      xmlFree (type);
      if (page)
        return FALSE;
    }
  for (guint i = 0; i < ps->len && !*text; i++)
    {
      g_autofree char *t = cd_w_para_text (g_ptr_array_index (ps, i));
      *text = t != NULL && *g_strstrip (t) != '\0';
    }
  return TRUE;
}

static xmlNode *
new_w (xmlNode    *parent,
       const char *local,
       const char *attr,
       const char *value)
{
  xmlNode *n = parent != NULL ? xmlNewChild (parent, parent->ns, (const xmlChar *) local, NULL) : NULL;

  if (n != NULL && attr != NULL)
    xmlNewNsProp (n, parent->ns, (const xmlChar *) attr, (const xmlChar *) value);
  return n;
}

/* A w:@local child of @parent with w:w="@w" w:type="dxa". */
static void
new_dxa (xmlNode    *parent,
         const char *local,
         const char *w)
{
  xmlNode *n = new_w (parent, local, "w", w);

  if (n != NULL)
    xmlNewNsProp (n, parent->ns, (const xmlChar *) "type", (const xmlChar *) "dxa");
}

/* A paragraph 1 pt high, with nothing in it: what a cell or a document
 * must end with, taking no room of its own. */
static xmlNode *
tiny_para (xmlNs *ns)
{
  xmlNode *p = xmlNewNode (ns, (const xmlChar *) "p");
  xmlNode *ppr, *spacing, *rpr;

  if (p == NULL)
    return NULL;
  ppr = new_w (p, "pPr", NULL, NULL);
  spacing = ppr != NULL ? new_w (ppr, "spacing", "before", "0") : NULL;
  if (spacing != NULL)
    {
      xmlNewNsProp (spacing, p->ns, (const xmlChar *) "after", (const xmlChar *) "0");
      xmlNewNsProp (spacing, p->ns, (const xmlChar *) "line", (const xmlChar *) "20");
      xmlNewNsProp (spacing, p->ns, (const xmlChar *) "lineRule", (const xmlChar *) "exact");
    }
  rpr = ppr != NULL ? new_w (ppr, "rPr", NULL, NULL) : NULL;
  if (rpr != NULL)
    {
      new_w (rpr, "sz", "val", "2");
      new_w (rpr, "szCs", "val", "2");
    }
  return p;
}

xmlNode *
cd_w_table_take_tail (xmlNode *tbl)
{
  g_autoptr(GPtrArray) tail = g_ptr_array_new ();
  guint paras = 0, tables = 0, grid = 0;
  gint64 width = 0;
  gboolean text = FALSE;
  xmlNode *tr, *tc, *tcpr, *borders, *last = NULL;
  g_autofree char *span = NULL, *w = NULL;

  if (tbl->parent == NULL || !cd_w_is (tbl->parent, "body"))
    return NULL;
  for (xmlNode *n = tbl->next; n != NULL; n = n->next)
    {
      if (n->type != XML_ELEMENT_NODE)
        continue;
      if (cd_w_is (n, "sectPr"))
        break;
      if (!tail_takes (n, &paras, &tables, &text))
        return NULL;
      g_ptr_array_add (tail, n);
    }
  if (!text)
    return NULL;
  for (xmlNode *g = tbl->children; g != NULL; g = g->next)
    if (cd_w_is (g, "tblGrid"))
      for (xmlNode *c = g->children; c != NULL; c = c->next)
        if (cd_w_is (c, "gridCol"))
          {
            xmlChar *v = xmlGetNsProp (c, (const xmlChar *) "w", (const xmlChar *) CD_W_NS);
            width += v != NULL ? g_ascii_strtoll ((const char *) v, NULL, 10) : 0;
            xmlFree (v);
            grid++;
          }
  if (grid == 0 || width <= 0)
    return NULL;

  tr = xmlNewNode (tbl->ns, (const xmlChar *) "tr");
  if (tr == NULL)
    return NULL;
  xmlAddChild (tbl, tr);
  cd_w_row_set (tr, "cantSplit");
  tc = new_w (tr, "tc", NULL, NULL);
  tcpr = tc != NULL ? new_w (tc, "tcPr", NULL, NULL) : NULL;
  if (tcpr == NULL)
    return NULL;
  w = g_strdup_printf ("%" G_GINT64_FORMAT, width);
  new_dxa (tcpr, "tcW", w);
  span = g_strdup_printf ("%u", grid);
  if (grid > 1)
    new_w (tcpr, "gridSpan", "val", span);
  /* the line under the last person stays; no frame around the signature */
  borders = new_w (tcpr, "tcBorders", NULL, NULL);
  new_w (borders, "left", "val", "nil");
  new_w (borders, "bottom", "val", "nil");
  new_w (borders, "right", "val", "nil");
  /* the table's own cell margins: where Word places a table so that its
   * text lines up with the page's (before Word 2013), so does this */

  for (guint i = 0; i < tail->len; i++)
    {
      xmlNode *n = g_ptr_array_index (tail, i);
      xmlUnlinkNode (n);
      xmlAddChild (tc, n);
      if (cd_w_is (n, "p") || cd_w_is (n, "tbl"))
        last = n;
    }
  if (last == NULL || !cd_w_is (last, "p"))
    xmlAddChild (tc, tiny_para (tbl->ns));
  xmlAddNextSibling (tbl, tiny_para (tbl->ns));
  return tr;
}
