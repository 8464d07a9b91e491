/* cd-docx.c — the .docx package and the placeholder engine
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>
#include <zip.h>

#include "cd-docx-private.h"
#include "cd-fileutil.h"
#include "cd-xml.h"
#include "cd-zip.h"

typedef struct {
  char   *name;
  GBytes *data;
  xmlDoc *doc;     /* parsed on demand; serialised again on save */
} Part;

struct _CdDocxPackage {
  GPtrArray *parts;  /* Part */
  char      *sha256;
};

static void
part_free (Part *part)
{
  g_free (part->name);
  g_clear_pointer (&part->data, g_bytes_unref);
  g_clear_pointer (&part->doc, xmlFreeDoc);
  g_free (part);
}

static void
add_part (CdDocxPackage *pkg,
          const char    *name,
          GBytes        *data)
{
  Part *part = g_new0 (Part, 1);

  part->name = g_strdup (name);
  part->data = data;
  g_ptr_array_add (pkg->parts, part);
}

static Part *
find_part (CdDocxPackage *pkg,
           const char    *name)
{
  for (guint i = 0; i < pkg->parts->len; i++)
    {
      Part *part = g_ptr_array_index (pkg->parts, i);
      if (g_str_equal (part->name, name))
        return part;
    }
  return NULL;
}

static CdDocxPackage *
package_new (void)
{
  CdDocxPackage *pkg = g_new0 (CdDocxPackage, 1);

  pkg->parts = g_ptr_array_new_with_free_func ((GDestroyNotify) part_free);
  return pkg;
}

void
cd_docx_package_free (CdDocxPackage *pkg)
{
  if (pkg == NULL)
    return;
  g_ptr_array_unref (pkg->parts);
  g_free (pkg->sha256);
  g_free (pkg);
}

static gboolean
load_dir (CdDocxPackage *pkg,
          const char    *root,
          const char    *rel,
          gsize         *total,
          GError       **error)
{
  g_autofree char *dir_path = rel ? g_build_filename (root, rel, NULL) : g_strdup (root);
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, error);
  const char *entry;

  if (dir == NULL)
    return FALSE;
  while ((entry = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child_rel = rel ? g_strconcat (rel, "/", entry, NULL) : g_strdup (entry);
      g_autofree char *child = g_build_filename (root, child_rel, NULL);

      if (entry[0] == '.' && !g_str_equal (entry, ".rels"))
        continue;
      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        {
          if (!load_dir (pkg, root, child_rel, total, error))
            return FALSE;
        }
      else
        {
          char *contents = NULL;
          gsize len = 0;

          if (!cd_file_read_limited (child, CD_ZIP_MAX_ENTRY, &contents, &len, error))
            return FALSE;
          *total += len;
          if (*total > CD_ZIP_MAX_TOTAL)
            {
              g_free (contents);
              g_set_error (error, CD_FILE_ERROR, CD_FILE_ERROR_TOO_LARGE,
                           _("The template folder “%s” is too large."), root);
              return FALSE;
            }
          add_part (pkg, child_rel, g_bytes_new_take (contents, len));
        }
    }
  return TRUE;
}

static int
part_cmp (gconstpointer a,
          gconstpointer b)
{
  const Part *pa = *(Part * const *) a;
  const Part *pb = *(Part * const *) b;

  return strcmp (pa->name, pb->name);
}

CdDocxPackage *
cd_docx_package_load (const char  *path,
                      GError     **error)
{
  g_autoptr(CdDocxPackage) pkg = package_new ();

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      gsize total = 0;
      g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);

      if (!load_dir (pkg, path, NULL, &total, error))
        return NULL;
      /* A stable order (and so a stable SHA-256) whatever the file system. */
      g_ptr_array_sort (pkg->parts, part_cmp);
      for (guint i = 0; i < pkg->parts->len; i++)
        {
          Part *part = g_ptr_array_index (pkg->parts, i);
          gsize len;
          const guchar *d = g_bytes_get_data (part->data, &len);

          g_checksum_update (sum, (const guchar *) part->name, strlen (part->name) + 1);
          g_checksum_update (sum, d, len);
        }
      pkg->sha256 = g_strdup (g_checksum_get_string (sum));
    }
  else
    {
      zip_t *za = cd_zip_open_read (path, "Word", error);
      zip_int64_t n;

      if (za == NULL)
        return NULL;
      n = zip_get_num_entries (za, 0);
      for (zip_int64_t i = 0; i < n; i++)
        {
          const char *name = zip_get_name (za, (zip_uint64_t) i, 0);
          GBytes *data;

          if (name == NULL || *name == '\0' || g_str_has_suffix (name, "/"))
            continue;
          data = cd_zip_read_entry (za, name, CD_ZIP_MAX_ENTRY, error);
          if (data == NULL)
            {
              zip_discard (za);
              return NULL;
            }
          add_part (pkg, name, data);
        }
      zip_discard (za);
      pkg->sha256 = cd_file_sha256_hex (path, error);
      if (pkg->sha256 == NULL)
        return NULL;
    }

  if (find_part (pkg, "word/document.xml") == NULL)
    {
      g_set_error (error, CD_FILE_ERROR, CD_FILE_ERROR_FORMAT,
                   _("“%s” is not a Word document (it has no word/document.xml). Choose a .docx file saved by Word or LibreOffice."),
                   path);
      return NULL;
    }
  return g_steal_pointer (&pkg);
}

const char *
cd_docx_package_sha256 (CdDocxPackage *pkg)
{
  return pkg->sha256;
}

xmlDoc *
cd_docx_package_xml (CdDocxPackage *pkg,
                     const char    *name,
                     GError       **error)
{
  Part *part = find_part (pkg, name);
  gsize len;
  const char *data;

  if (part == NULL)
    return NULL;
  if (part->doc != NULL)
    return part->doc;
  data = g_bytes_get_data (part->data, &len);
  part->doc = cd_xml_parse (data, len, name, error);
  return part->doc;
}

static GBytes *
part_bytes (Part *part)
{
  if (part->doc != NULL)
    {
      xmlChar *mem = NULL;
      int size = 0;

      xmlDocDumpMemoryEnc (part->doc, &mem, &size, "UTF-8");
      g_bytes_unref (part->data);
      part->data = g_bytes_new_with_free_func (mem, (gsize) size, xmlFree, mem);
      g_clear_pointer (&part->doc, xmlFreeDoc);
    }
  return part->data;
}

char *
cd_docx_package_get_part_text (CdDocxPackage *pkg,
                               const char    *name)
{
  Part *part = find_part (pkg, name);
  GBytes *b;

  if (part == NULL)
    return NULL;
  b = part_bytes (part);
  return g_strndup (g_bytes_get_data (b, NULL), g_bytes_get_size (b));
}

static gboolean
zip_add_part (zip_t      *za,
              Part       *part,
              GError    **error)
{
  GBytes *b = part_bytes (part);
  zip_source_t *src = zip_source_buffer (za, g_bytes_get_data (b, NULL),
                                         g_bytes_get_size (b), 0);
  zip_int64_t idx;

  if (src == NULL
      || (idx = zip_file_add (za, part->name, src, ZIP_FL_ENC_UTF_8)) < 0)
    {
      if (src != NULL)
        zip_source_free (src);
      g_set_error (error, CD_DOCS_ERROR, CD_DOCS_ERROR_FAILED,
                   _("Could not pack the document (%s)."), zip_strerror (za));
      return FALSE;
    }
  /* A fixed time keeps the output identical across runs. Level 1:
   * deflating a 1,000-row document.xml at the default level costs more
   * than filling it, for a file only slightly smaller. */
  zip_file_set_mtime (za, (zip_uint64_t) idx, 315532800 + 86400, 0);
  zip_set_file_compression (za, (zip_uint64_t) idx, ZIP_CM_DEFLATE, 1);
  return TRUE;
}

GBytes *
cd_docx_package_to_bytes (CdDocxPackage  *pkg,
                          GError        **error)
{
  zip_error_t zerr;
  zip_source_t *mem;
  zip_t *za;
  zip_stat_t st;
  GByteArray *out;
  Part *ct;

  zip_error_init (&zerr);
  mem = zip_source_buffer_create (NULL, 0, 0, &zerr);
  if (mem == NULL)
    goto fail;
  zip_source_keep (mem);
  za = zip_open_from_source (mem, ZIP_TRUNCATE, &zerr);
  if (za == NULL)
    {
      zip_source_free (mem);
      goto fail;
    }

  /* [Content_Types].xml first, as Word writes it. */
  ct = find_part (pkg, "[Content_Types].xml");
  if (ct != NULL && !zip_add_part (za, ct, error))
    goto fail_za;
  for (guint i = 0; i < pkg->parts->len; i++)
    {
      Part *part = g_ptr_array_index (pkg->parts, i);
      if (part != ct && !zip_add_part (za, part, error))
        goto fail_za;
    }
  if (zip_close (za) != 0)
    {
      g_set_error (error, CD_DOCS_ERROR, CD_DOCS_ERROR_FAILED,
                   _("Could not pack the document (%s)."), zip_strerror (za));
      zip_discard (za);
      zip_source_free (mem);
      return NULL;
    }

  zip_stat_init (&st);
  if (zip_source_stat (mem, &st) != 0 || zip_source_open (mem) != 0)
    {
      zip_source_free (mem);
      goto fail;
    }
  out = g_byte_array_sized_new ((guint) st.size);
  g_byte_array_set_size (out, (guint) st.size);
  if (zip_source_read (mem, out->data, st.size) != (zip_int64_t) st.size)
    {
      zip_source_close (mem);
      zip_source_free (mem);
      g_byte_array_unref (out);
      goto fail;
    }
  zip_source_close (mem);
  zip_source_free (mem);
  return g_byte_array_free_to_bytes (out);

fail_za:
  zip_discard (za);
  zip_source_free (mem);
  return NULL;
fail:
  g_set_error (error, CD_DOCS_ERROR, CD_DOCS_ERROR_FAILED,
               _("Could not pack the document (%s)."), zip_error_strerror (&zerr));
  zip_error_fini (&zerr);
  return NULL;
}

gboolean
cd_docx_package_save (CdDocxPackage  *pkg,
                      const char     *target,
                      gboolean        overwrite,
                      GError        **error)
{
  g_autoptr(GBytes) bytes = NULL;

  if (!overwrite && g_file_test (target, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, CD_FILE_ERROR, CD_FILE_ERROR_EXISTS,
                   _("The file “%s” already exists. Choose another name, or allow replacing it (--force)."),
                   target);
      return FALSE;
    }
  bytes = cd_docx_package_to_bytes (pkg, error);
  if (bytes == NULL)
    return FALSE;
  return cd_file_write_atomic (target, g_bytes_get_data (bytes, NULL),
                               g_bytes_get_size (bytes), overwrite, error);
}

/* ---- WordprocessingML helpers ----------------------------------------- */

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

/* The w:t of a paragraph, without descending into nested paragraphs
 * (text boxes), which are paragraphs of their own. */
static void
collect_t (xmlNode   *node,
           GPtrArray *out)
{
  for (xmlNode *n = node->children; n != NULL; n = n->next)
    {
      if (n->type != XML_ELEMENT_NODE || cd_w_is (n, "p"))
        continue;
      if (cd_w_is (n, "t"))
        g_ptr_array_add (out, n);
      else
        collect_t (n, out);
    }
}

char *
cd_w_para_text (xmlNode *p)
{
  g_autoptr(GPtrArray) ts = g_ptr_array_new ();
  GString *s = g_string_new (NULL);

  collect_t (p, ts);
  for (guint i = 0; i < ts->len; i++)
    {
      xmlChar *c = xmlNodeGetContent (g_ptr_array_index (ts, i));
      g_string_append (s, (const char *) c);
      xmlFree (c);
    }
  return g_string_free (s, FALSE);
}

/* Sets a w:t's text; '\n' becomes <w:br/> and a new w:t in the same run,
 * so the following lines keep the run's formatting. */
static void
set_t_text (xmlNode    *t,
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

  collect_t (p, ts);
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
      set_t_text (t, text);
      return;
    }
  set_t_text (g_ptr_array_index (ts, 0), text);
  for (guint i = 1; i < ts->len; i++)
    set_t_text (g_ptr_array_index (ts, i), "");
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

GPtrArray *
cd_docx_text_parts (CdDocxPackage *pkg)
{
  GPtrArray *names = g_ptr_array_new ();

  g_ptr_array_add (names, (gpointer) "word/document.xml");
  for (guint i = 0; i < pkg->parts->len; i++)
    {
      Part *part = g_ptr_array_index (pkg->parts, i);
      if (g_str_has_suffix (part->name, ".xml")
          && (g_str_has_prefix (part->name, "word/header")
              || g_str_has_prefix (part->name, "word/footer")))
        g_ptr_array_add (names, part->name);
    }
  return names;
}

/* ---- Placeholders ----------------------------------------------------- */

typedef struct {
  gsize  start, end;   /* byte offsets in the paragraph text, end exclusive */
  char  *name;
} Occurrence;

static void
occurrence_clear (gpointer data)
{
  g_free (((Occurrence *) data)->name);
}

static gboolean
name_char (char c)
{
  return g_ascii_isalnum (c) || c == '_';
}

/* Finds "{{ name }}" in @text. Anything between the braces counts, so a
 * mistyped "{{Họ tên}}" is reported as unknown rather than left in. */
static GArray *
find_occurrences (const char *text)
{
  GArray *occ = g_array_new (FALSE, FALSE, sizeof (Occurrence));
  const char *p = text;

  g_array_set_clear_func (occ, occurrence_clear);
  while ((p = strstr (p, "{{")) != NULL)
    {
      const char *close = strstr (p + 2, "}}");
      const char *again;
      Occurrence o;
      g_autofree char *inner = NULL;

      if (close == NULL)
        break;
      again = g_strstr_len (p + 2, close - (p + 2), "{{");
      if (again != NULL)
        {
          p = again;
          continue;
        }
      inner = g_strndup (p + 2, (gsize) (close - p - 2));
      g_strstrip (inner);
      if (*inner == '\0' || strlen (inner) > 80)
        {
          p = close + 2;
          continue;
        }
      o.start = (gsize) (p - text);
      o.end = (gsize) (close + 2 - text);
      o.name = g_ascii_strdown (inner, -1);
      for (char *c = o.name; *c; c++)
        if (!name_char (*c))
          {
            /* keep the original spelling for the message */
            g_free (o.name);
            o.name = g_strdup (inner);
            break;
          }
      g_array_append_val (occ, o);
      p = close + 2;
    }
  return occ;
}

typedef struct {
  xmlNode *t;
  gsize    start;     /* offset of this w:t's text in the paragraph text */
  GString *text;
} Seg;

static void
seg_clear (gpointer data)
{
  g_string_free (((Seg *) data)->text, TRUE);
}

/* Replaces the placeholders of one paragraph. Values come from @ctx for
 * @person. Returns FALSE (setting @bad_name) on an unknown placeholder. */
static gboolean
fill_para (xmlNode            *p,
           const CdDocContext *ctx,
           const CdDocPerson  *person,
           guint               index,
           char              **bad_name)
{
  g_autoptr(GPtrArray) ts = g_ptr_array_new ();
  g_autoptr(GArray) segs = g_array_new (FALSE, FALSE, sizeof (Seg));
  g_autoptr(GString) all = g_string_new (NULL);
  g_autoptr(GArray) occ = NULL;

  collect_t (p, ts);
  if (ts->len == 0)
    return TRUE;
  g_array_set_clear_func (segs, seg_clear);
  for (guint i = 0; i < ts->len; i++)
    {
      Seg s;
      xmlChar *c = xmlNodeGetContent (g_ptr_array_index (ts, i));

      s.t = g_ptr_array_index (ts, i);
      s.start = all->len;
      s.text = g_string_new ((const char *) c);
      g_string_append (all, (const char *) c);
      xmlFree (c);
      g_array_append_val (segs, s);
    }
  if (strstr (all->str, "{{") == NULL)
    return TRUE;

  occ = find_occurrences (all->str);
  if (occ->len == 0)
    return TRUE;

  /* Last to first: earlier offsets stay valid while later text changes. */
  for (guint k = occ->len; k-- > 0;)
    {
      Occurrence *o = &g_array_index (occ, Occurrence, k);
      g_autofree char *value = cd_doc_field_value (ctx, person, index, o->name);
      guint first = 0, last = 0;

      if (value == NULL)
        {
          *bad_name = g_strdup (o->name);
          return FALSE;
        }
      for (guint i = 0; i < segs->len; i++)
        {
          Seg *s = &g_array_index (segs, Seg, i);
          if (s->start <= o->start && o->start < s->start + s->text->len)
            first = i;
          if (s->start < o->end && o->end <= s->start + s->text->len)
            last = i;
        }
      /* Values may carry \r\n from a form: keep only \n. */
      g_strdelimit (value, "\r", ' ');
      {
        Seg *sf = &g_array_index (segs, Seg, first);
        Seg *sl = &g_array_index (segs, Seg, last);
        gsize a = o->start - sf->start;
        gsize b = o->end - sl->start;

        if (first == last)
          {
            g_string_erase (sf->text, (gssize) a, (gssize) (b - a));
            g_string_insert (sf->text, (gssize) a, value);
          }
        else
          {
            g_string_truncate (sf->text, a);
            g_string_append (sf->text, value);
            for (guint i = first + 1; i < last; i++)
              g_string_truncate (g_array_index (segs, Seg, i).text, 0);
            g_string_erase (sl->text, 0, (gssize) b);
          }
      }
    }

  for (guint i = 0; i < segs->len; i++)
    {
      Seg *s = &g_array_index (segs, Seg, i);
      set_t_text (s->t, s->text->str);
    }
  return TRUE;
}

static gboolean
para_has_person_field (xmlNode *p)
{
  g_autofree char *text = cd_w_para_text (p);
  g_autoptr(GArray) occ = NULL;

  if (strstr (text, "{{") == NULL)
    return FALSE;
  occ = find_occurrences (text);
  for (guint i = 0; i < occ->len; i++)
    {
      const CdDocField *f = cd_doc_field_lookup (g_array_index (occ, Occurrence, i).name);
      if (f != NULL && f->scope != CD_DOC_FIELD_DOCUMENT)
        return TRUE;
    }
  return FALSE;
}

static const char *
part_label (const char *part)
{
  if (g_str_has_prefix (part, "word/header"))
    return _("page header");
  if (g_str_has_prefix (part, "word/footer"))
    return _("page footer");
  return _("body");
}

void
cd_docx_placeholder_free (CdDocxPlaceholder *ph)
{
  if (ph == NULL)
    return;
  g_free (ph->name);
  g_free (ph->where);
  g_free (ph);
}

GPtrArray *
cd_docx_list_placeholders (CdDocxPackage  *pkg,
                           GError        **error)
{
  g_autoptr(GPtrArray) names = cd_docx_text_parts (pkg);
  g_autoptr(GPtrArray) out =
    g_ptr_array_new_with_free_func ((GDestroyNotify) cd_docx_placeholder_free);

  for (guint n = 0; n < names->len; n++)
    {
      const char *name = g_ptr_array_index (names, n);
      xmlDoc *doc = cd_docx_package_xml (pkg, name, error);
      g_autoptr(GPtrArray) paras = g_ptr_array_new ();

      if (doc == NULL)
        {
          if (error != NULL && *error != NULL)
            return NULL;
          continue;
        }
      cd_w_collect (xmlDocGetRootElement (doc), "p", paras);
      for (guint i = 0; i < paras->len; i++)
        {
          xmlNode *p = g_ptr_array_index (paras, i);
          g_autofree char *text = cd_w_para_text (p);
          g_autoptr(GArray) occ = NULL;
          xmlNode *row;

          if (strstr (text, "{{") == NULL)
            continue;
          occ = find_occurrences (text);
          row = cd_w_ancestor (p, "tr");
          for (guint k = 0; k < occ->len; k++)
            {
              Occurrence *o = &g_array_index (occ, Occurrence, k);
              const CdDocField *f = cd_doc_field_lookup (o->name);
              CdDocxPlaceholder *ph = g_new0 (CdDocxPlaceholder, 1);

              ph->name = g_strdup (o->name);
              ph->known = f != NULL;
              ph->per_person = f != NULL && f->scope != CD_DOC_FIELD_DOCUMENT;
              ph->in_row = row != NULL;
              if (row != NULL)
                /* Translators: where a placeholder is: "body, table row, paragraph 12" */
                ph->where = g_strdup_printf (_("%s, table row, paragraph %u"),
                                             part_label (name), i + 1);
              else
                /* Translators: where a placeholder is: "body, paragraph 12" */
                ph->where = g_strdup_printf (_("%s, paragraph %u"), part_label (name), i + 1);
              g_ptr_array_add (out, ph);
            }
        }
    }
  return g_steal_pointer (&out);
}

static gboolean
fill_part (xmlDoc             *doc,
           const CdDocContext *ctx,
           char              **bad_name)
{
  g_autoptr(GPtrArray) paras = g_ptr_array_new ();
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  /* Rows to repeat: the nearest row of a paragraph with a per-person
   * placeholder (a nested table's row, not the outer one). */
  cd_w_collect (xmlDocGetRootElement (doc), "p", paras);
  for (guint i = 0; i < paras->len; i++)
    {
      xmlNode *p = g_ptr_array_index (paras, i);
      xmlNode *row;

      if (!para_has_person_field (p))
        continue;
      row = cd_w_ancestor (p, "tr");
      if (row != NULL && !g_ptr_array_find (rows, row, NULL))
        g_ptr_array_add (rows, row);
    }

  for (guint r = 0; r < rows->len; r++)
    {
      xmlNode *row = g_ptr_array_index (rows, r);

      for (guint k = 0; k < ctx->people->len; k++)
        {
          xmlNode *copy = cd_w_clone (row, row->parent);
          g_autoptr(GPtrArray) cps = g_ptr_array_new ();

          cd_w_collect (copy, "p", cps);
          for (guint i = 0; i < cps->len; i++)
            if (!fill_para (g_ptr_array_index (cps, i), ctx,
                            g_ptr_array_index (ctx->people, k), k, bad_name))
              {
                xmlFreeNode (copy);
                return FALSE;
              }
          xmlAddPrevSibling (row, copy);
        }
      xmlUnlinkNode (row);
      xmlFreeNode (row);
    }

  g_ptr_array_set_size (paras, 0);
  cd_w_collect (xmlDocGetRootElement (doc), "p", paras);
  for (guint i = 0; i < paras->len; i++)
    if (!fill_para (g_ptr_array_index (paras, i), ctx, NULL, 0, bad_name))
      return FALSE;
  return TRUE;
}

gboolean
cd_docx_fill (CdDocxPackage       *pkg,
              const CdDocContext  *ctx,
              GError             **error)
{
  g_autoptr(GPtrArray) found = cd_docx_list_placeholders (pkg, error);
  g_autoptr(GPtrArray) names = NULL;

  if (found == NULL)
    return FALSE;
  /* Check everything first so that a bad template changes nothing and
   * the message can say where the placeholder is. */
  for (guint i = 0; i < found->len; i++)
    {
      CdDocxPlaceholder *ph = g_ptr_array_index (found, i);
      if (!ph->known)
        {
          g_set_error (error, CD_DOCS_ERROR, CD_DOCS_ERROR_UNKNOWN_PLACEHOLDER,
                       _("The template uses the unknown placeholder “{{%s}}” (%s). Correct its spelling in Word (the list of placeholders is in the guide and in “certdesk --check-template”), then try again."),
                       ph->name, ph->where);
          return FALSE;
        }
    }

  names = cd_docx_text_parts (pkg);
  for (guint n = 0; n < names->len; n++)
    {
      xmlDoc *doc = cd_docx_package_xml (pkg, g_ptr_array_index (names, n), error);
      g_autofree char *bad = NULL;

      if (doc == NULL)
        {
          if (error != NULL && *error != NULL)
            return FALSE;
          continue;
        }
      if (!fill_part (doc, ctx, &bad))
        {
          g_set_error (error, CD_DOCS_ERROR, CD_DOCS_ERROR_UNKNOWN_PLACEHOLDER,
                       _("The template uses the unknown placeholder “{{%s}}” (%s). Correct its spelling in Word (the list of placeholders is in the guide and in “certdesk --check-template”), then try again."),
                       bad, part_label (g_ptr_array_index (names, n)));
          return FALSE;
        }
    }
  return TRUE;
}

gboolean
cd_docx_generate (const char          *template_path,
                  const CdDocContext  *ctx,
                  const char          *output,
                  gboolean             overwrite,
                  char               **out_sha256,
                  GPtrArray          **out_columns,
                  GError             **error)
{
  g_autoptr(CdDocxPackage) pkg = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GPtrArray) columns = NULL;

  if (!overwrite && g_file_test (output, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, CD_FILE_ERROR, CD_FILE_ERROR_EXISTS,
                   _("The file “%s” already exists. Choose another name, or allow replacing it (--force)."),
                   output);
      return FALSE;
    }
  pkg = cd_docx_package_load (template_path, error);
  if (pkg == NULL)
    return FALSE;
  found = cd_docx_list_placeholders (pkg, error);
  if (found == NULL)
    return FALSE;
  if (found->len > 0)
    {
      if (!cd_docx_fill (pkg, ctx, error))
        return FALSE;
    }
  else
    {
      columns = cd_docx_fill_form (pkg, ctx, error);
      if (columns == NULL)
        return FALSE;
    }
  if (!cd_docx_package_save (pkg, output, overwrite, error))
    return FALSE;
  if (out_sha256 != NULL)
    *out_sha256 = g_strdup (cd_docx_package_sha256 (pkg));
  if (out_columns != NULL)
    *out_columns = g_steal_pointer (&columns);
  return TRUE;
}

/* ---- Worker thread ---------------------------------------------------- */

typedef struct {
  char         *template_path;
  CdDocContext *ctx;
  char         *output;
  gboolean      overwrite;
  char         *sha256;
  GPtrArray    *columns;
} GenerateData;

static void
generate_data_free (GenerateData *d)
{
  g_free (d->template_path);
  cd_doc_context_free (d->ctx);
  g_free (d->output);
  g_free (d->sha256);
  if (d->columns != NULL)
    g_ptr_array_unref (d->columns);
  g_free (d);
}

static void
generate_thread (GTask        *task,
                 gpointer      source,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  GenerateData *d = task_data;
  GError *error = NULL;

  if (g_task_return_error_if_cancelled (task))
    return;
  if (!cd_docx_generate (d->template_path, d->ctx, d->output, d->overwrite,
                         &d->sha256, &d->columns, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

void
cd_docx_generate_async (const char          *template_path,
                        CdDocContext        *ctx,
                        const char          *output,
                        gboolean             overwrite,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  GenerateData *d = g_new0 (GenerateData, 1);

  d->template_path = g_strdup (template_path);
  d->ctx = ctx;
  d->output = g_strdup (output);
  d->overwrite = overwrite;
  g_task_set_source_tag (task, cd_docx_generate_async);
  g_task_set_task_data (task, d, (GDestroyNotify) generate_data_free);
  g_task_run_in_thread (task, generate_thread);
}

gboolean
cd_docx_generate_finish (GAsyncResult  *result,
                         char         **out_sha256,
                         GPtrArray    **out_columns,
                         GError       **error)
{
  GTask *task = G_TASK (result);
  GenerateData *d = g_task_get_task_data (task);

  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  if (!g_task_propagate_boolean (task, error))
    return FALSE;
  if (out_sha256 != NULL)
    *out_sha256 = g_steal_pointer (&d->sha256);
  if (out_columns != NULL)
    *out_columns = g_steal_pointer (&d->columns);
  return TRUE;
}
