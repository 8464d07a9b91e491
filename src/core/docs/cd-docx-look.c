/* cd-docx-look.c — the look of text inserted into a Sở's form, over the
 * document's defaults
 *
 * Text put into a form's blank cell takes the form's formatting: the
 * cell's own run properties, else those of the row's or the header's
 * text (cd-docx-form.c). A run property that only restates the document
 * default says nothing, though: LibreOffice writes the default font
 * (w:rFonts w:ascii="Cambria", w:sz 11 pt) into every blank cell of a
 * form it saved, where Word writes none. Taken as the cell's own choice,
 * it would set the people's values in Cambria 11 next to the form's
 * Times New Roman 12, and wrap its 12-digit numbers (issue 15). So a
 * font or size equal to what the run would get with none (the paragraph
 * style's, else w:docDefaults') gives way to the form's visible text;
 * one that differs from it is the form's choice and is kept.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "cd-docx-private.h"
#include "cd-xml.h"

struct _CdDocxLook
{
  xmlDoc  *styles;         /* word/styles.xml, a private parse; or NULL */
  xmlNode *doc_defaults;   /* its w:docDefaults/w:rPrDefault/w:rPr */
  xmlNode *para_defaults;  /* its w:docDefaults/w:pPrDefault/w:pPr */
  char    *default_style;  /* the default paragraph style's id */
  /* styleId → w:style: LibreOffice writes some 300 styles, and every
   * inserted run looks up its paragraph's */
  GHashTable *by_id;
  /* "style prop attr" → the w:rPr child giving it (or NULL): a list of
   * 250 people asks the same few thousand times */
  GHashTable *resolved;
};

/* The fonts w:rFonts names by script, each as a face and as a theme
 * font; the theme attribute wins where both are given. */
static const char *const font_pairs[][2] = {
  { "ascii", "asciiTheme" },
  { "hAnsi", "hAnsiTheme" },
  { "eastAsia", "eastAsiaTheme" },
  { "cs", "cstheme" },
};

static xmlNode *
child (xmlNode    *parent,
       const char *local)
{
  for (xmlNode *n = parent != NULL ? parent->children : NULL; n != NULL; n = n->next)
    if (cd_w_is (n, local))
      return n;
  return NULL;
}

/* A w: attribute of @node (libxml2-allocated), or NULL. */
static xmlChar *
w_attr (xmlNode    *node,
        const char *local)
{
  if (node == NULL)
    return NULL;
  return xmlGetNsProp (node, (const xmlChar *) local, (const xmlChar *) CD_W_NS);
}

static xmlNode *
find_style (CdDocxLook *look,
            const char *id)
{
  return id != NULL ? g_hash_table_lookup (look->by_id, id) : NULL;
}

CdDocxLook *
cd_docx_look_new (CdDocxPackage *pkg)
{
  CdDocxLook *look = g_new0 (CdDocxLook, 1);
  g_autofree char *text = cd_docx_package_get_part_text (pkg, "word/styles.xml");
  xmlNode *root;

  /* Parsed apart from the package, so that the form's styles are written
   * back byte for byte; a form without them (or unreadable ones) has
   * only Word's built-in defaults, which no run restates. */
  if (text != NULL)
    look->styles = cd_xml_parse (text, strlen (text), "word/styles.xml", NULL);
  root = look->styles != NULL ? xmlDocGetRootElement (look->styles) : NULL;
  look->doc_defaults = child (child (child (root, "docDefaults"), "rPrDefault"), "rPr");
  look->para_defaults = child (child (child (root, "docDefaults"), "pPrDefault"), "pPr");
  look->by_id = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  look->resolved = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (xmlNode *s = root != NULL ? root->children : NULL; s != NULL; s = s->next)
    {
      xmlChar *type, *dflt, *id;

      if (!cd_w_is (s, "style"))
        continue;
      type = w_attr (s, "type");
      dflt = w_attr (s, "default");
      id = w_attr (s, "styleId");
      /* the first of a repeated id, as Word takes it */
      if (id != NULL && !g_hash_table_contains (look->by_id, id))
        g_hash_table_insert (look->by_id, g_strdup ((const char *) id), s);
      if (look->default_style == NULL && id != NULL
          && type != NULL && g_str_equal ((const char *) type, "paragraph")
          && dflt != NULL && (g_str_equal ((const char *) dflt, "1")
                              || g_str_equal ((const char *) dflt, "true")
                              || g_str_equal ((const char *) dflt, "on")))
        look->default_style = g_strdup ((const char *) id);
      xmlFree (type);
      xmlFree (dflt);
      xmlFree (id);
    }
  return look;
}

void
cd_docx_look_free (CdDocxLook *look)
{
  if (look == NULL)
    return;
  g_clear_pointer (&look->by_id, g_hash_table_unref);
  g_clear_pointer (&look->resolved, g_hash_table_unref);
  g_clear_pointer (&look->styles, xmlFreeDoc);
  g_free (look->default_style);
  g_free (look);
}

/* Whether @node sets any of the w: attributes @attrs. */
static gboolean
gives (xmlNode           *node,
       const char *const *attrs)
{
  for (guint i = 0; node != NULL && attrs[i] != NULL; i++)
    if (xmlHasNsProp (node, (const xmlChar *) attrs[i], (const xmlChar *) CD_W_NS) != NULL)
      return TRUE;
  return FALSE;
}

/* The w:@prop of @rpr when it sets any of @attrs, else NULL. */
static xmlNode *
prop_giving (xmlNode           *rpr,
             const char        *prop,
             const char *const *attrs)
{
  xmlNode *p = child (rpr, prop);

  return gives (p, attrs) ? p : NULL;
}

/* The run properties that hold @attrs of w:@prop for a run in a
 * paragraph of style @style_id with none of its own: the style's, its
 * bases', else w:docDefaults'. NULL when nothing gives them. */
static xmlNode *
resolve_default_in (CdDocxLook        *look,
                    const char        *pr,
                    const char        *style_id,
                    const char        *prop,
                    const char *const *attrs)
{
  g_autofree char *id = g_strdup (style_id != NULL ? style_id : look->default_style);

  /* a basedOn chain that loops ends here */
  for (guint depth = 0; id != NULL && depth < 16; depth++)
    {
      xmlNode *style = find_style (look, id);
      xmlNode *p = prop_giving (child (style, pr), prop, attrs);
      xmlChar *based;

      if (p != NULL)
        return p;
      based = w_attr (child (style, "basedOn"), "val");
      g_free (id);
      id = g_strdup ((const char *) based);
      xmlFree (based);
    }
  return prop_giving (g_str_equal (pr, "rPr") ? look->doc_defaults : look->para_defaults,
                      prop, attrs);
}

static xmlNode *
resolve_default (CdDocxLook        *look,
                 const char        *style_id,
                 const char        *prop,
                 const char *const *attrs)
{
  return resolve_default_in (look, "rPr", style_id, prop, attrs);
}

static xmlNode *
default_giving (CdDocxLook        *look,
                const char        *style_id,
                const char        *prop,
                const char *const *attrs)
{
  g_autofree char *key = g_strdup_printf ("%s %s %s", style_id != NULL ? style_id : "",
                                          prop, attrs[0]);
  gpointer found;
  xmlNode *node;

  if (g_hash_table_lookup_extended (look->resolved, key, NULL, &found))
    return found;
  node = resolve_default (look, style_id, prop, attrs);
  g_hash_table_insert (look->resolved, g_steal_pointer (&key), node);
  return node;
}

static gboolean
same_attr (xmlNode    *a,
           xmlNode    *b,
           const char *local)
{
  xmlChar *x = w_attr (a, local);
  xmlChar *y = w_attr (b, local);
  gboolean same = x != NULL && y != NULL
                  && g_ascii_strcasecmp ((const char *) x, (const char *) y) == 0;

  xmlFree (x);
  xmlFree (y);
  return same;
}

/* Whether the property @own gives @attrs only as @dflt gives them: each
 * one it sets is set there to the same value (face names compared
 * without case, as Word does); one it does not set at all, it leaves to
 * the form's look too. For a face and its theme font (@attrs[1]), a
 * theme font the default uses as well is a restatement whatever the
 * face beside it, since the theme font wins. */
static gboolean
restates (xmlNode           *own,
          xmlNode           *dflt,
          const char *const *attrs)
{
  if (attrs[1] != NULL && g_str_has_suffix (attrs[1], "heme")
      && same_attr (own, dflt, attrs[1]))
    return TRUE;
  for (guint i = 0; attrs[i] != NULL; i++)
    {
      xmlChar *mine = w_attr (own, attrs[i]);
      xmlChar *theirs = w_attr (dflt, attrs[i]);
      gboolean same = mine == NULL
                      || (theirs != NULL
                          && g_ascii_strcasecmp ((const char *) mine, (const char *) theirs) == 0);

      xmlFree (mine);
      xmlFree (theirs);
      if (!same)
        return FALSE;
    }
  return TRUE;
}

static void
copy_attrs (xmlNode           *to,
            xmlNode           *from,
            const char *const *attrs)
{
  for (guint i = 0; attrs[i] != NULL; i++)
    {
      xmlChar *v = w_attr (from, attrs[i]);
      xmlAttr *old = xmlHasNsProp (to, (const xmlChar *) attrs[i], (const xmlChar *) CD_W_NS);

      if (old != NULL)
        xmlRemoveProp (old);
      if (v != NULL)
        xmlSetNsProp (to, to->ns, (const xmlChar *) attrs[i], v);
      xmlFree (v);
    }
}

/* The paragraph style of the paragraph holding @r, or NULL (the default). */
static char *
para_style (xmlNode *r)
{
  xmlNode *p = cd_w_ancestor (r, "p");
  xmlChar *v = w_attr (child (child (p, "pPr"), "pStyle"), "val");
  char *id = g_strdup ((const char *) v);

  xmlFree (v);
  return id;
}

void
cd_docx_look_apply (CdDocxLook *look,
                    xmlNode    *r,
                    xmlNode    *from,
                    gboolean    skip_emphasis)
{
  xmlNode *rpr = child (r, "rPr");

  if (from == NULL)
    return;
  if (rpr != NULL && look != NULL)
    {
      g_autofree char *style = para_style (r);
      xmlNode *fonts = child (rpr, "rFonts");
      xmlNode *their_fonts = child (from, "rFonts");
      const char *sizes[] = { "sz", "szCs" };

      /* each script's face on its own: a form may set its Latin face
       * and leave the East Asian one to the default */
      for (guint i = 0; fonts != NULL && their_fonts != NULL && i < G_N_ELEMENTS (font_pairs); i++)
        {
          const char *attrs[] = { font_pairs[i][0], font_pairs[i][1], NULL };

          if (!gives (their_fonts, attrs))
            continue;
          if (restates (fonts, default_giving (look, style, "rFonts", attrs), attrs))
            copy_attrs (fonts, their_fonts, attrs);
        }
      for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
        {
          const char *attrs[] = { "val", NULL };
          xmlNode *own = child (rpr, sizes[i]);

          if (own != NULL && child (from, sizes[i]) != NULL
              && restates (own, default_giving (look, style, sizes[i], attrs), attrs))
            {
              /* merging below puts the form's size in its place */
              xmlUnlinkNode (own);
              xmlFreeNode (own);
            }
        }
    }
  cd_w_rpr_merge (r, from, skip_emphasis);
}

void
cd_docx_look_keep_spacing (CdDocxLook *look,
                           xmlNode    *p)
{
  static const char *const names[] = { "before", "after", "line", "lineRule",
                                       "beforeLines", "afterLines",
                                       "beforeAutospacing", "afterAutospacing" };
  xmlNode *ppr = child (p, "pPr");
  xmlNode *own = child (ppr, "spacing");
  xmlChar *style = w_attr (child (ppr, "pStyle"), "val");

  for (guint i = 0; look != NULL && i < G_N_ELEMENTS (names); i++)
    {
      const char *attrs[] = { names[i], NULL };
      xmlNode *from;
      xmlChar *value;

      if (gives (own, attrs))
        continue;
      from = resolve_default_in (look, "pPr", (const char *) style, "spacing", attrs);
      value = w_attr (from, names[i]);
      if (value != NULL && (own != NULL || (own = cd_w_para_prop (p, "spacing")) != NULL))
        xmlSetNsProp (own, own->ns, (const xmlChar *) names[i], value);
      xmlFree (value);
    }
  xmlFree (style);
}
