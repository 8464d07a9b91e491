/* cd-docx-package.c — the parts of one .docx in memory: read from a
 * .docx file or a folder of unpacked parts, written back as a zip
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>
#include <zip.h>
#include <libxml/xmlerror.h>

#include "cd-docx-private.h"
#include "cd-fileutil.h"
#include "cd-xml.h"
#include "cd-zip.h"
#include "cd-zip-writer.h"

typedef struct {
  char   *name;
  GBytes *data;
  xmlDoc *doc;     /* parsed on demand; serialised again on save */
} Part;

struct _CdDocxPackage {
  GPtrArray *parts;  /* Part */
  char      *sha256;
  gboolean   builtin; /* read from a folder of parts (data/templates) */
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

static gboolean
part_name_is_safe (const char *name)
{
  g_auto(GStrv) segs = NULL;

  if (name[0] == '/' || strchr (name, '\\') != NULL || strchr (name, ':') != NULL
      || !g_utf8_validate (name, -1, NULL))
    return FALSE;
  segs = g_strsplit (name, "/", -1);
  for (guint i = 0; segs[i] != NULL; i++)
    if (g_str_equal (segs[i], "..") || g_str_equal (segs[i], ".") || segs[i][0] == '\0')
      return FALSE;
  return TRUE;
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
      pkg->builtin = TRUE;
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
      guint64 inflated = 0;

      if (za == NULL)
        return NULL;
      n = zip_get_num_entries (za, 0);
      for (zip_int64_t i = 0; i < n; i++)
        {
          const char *name = zip_get_name (za, (zip_uint64_t) i, 0);
          GBytes *data;

          if (name == NULL || *name == '\0' || g_str_has_suffix (name, "/"))
            continue;
          /* An entry no Office package has ("../../x", "/etc/x", "a\\b"):
           * not copied into the document, where whoever unzips it could
           * write outside their folder. */
          if (!part_name_is_safe (name))
            continue;
          data = cd_zip_read_entry (za, name, CD_ZIP_MAX_ENTRY, &inflated, error);
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

gboolean
cd_docx_package_is_builtin (CdDocxPackage *pkg)
{
  return pkg->builtin;
}

const char *
cd_docx_package_sha256 (CdDocxPackage *pkg)
{
  return pkg->sha256;
}

/* A run's text elements hold text only (ECMA-376: w:t, w:delText,
 * w:instrText are strings). Elements inside one — a paragraph, a table,
 * a whole document, in a damaged or crafted file — are dropped when the
 * part is read, so that every reader sees the same: filling a w:t
 * replaces its children, and a paragraph inside it that had been
 * collected to be filled after it was freed before its turn
 * (fuzz-docx-xml: heap-use-after-free; test
 * /core/docs/docx/paragraph-inside-text). libxml2 bounds the depth
 * (256 without XML_PARSE_HUGE). */
static void
drop_elements_in_text (xmlNode *node)
{
  for (xmlNode *n = node->children; n != NULL; n = n->next)
    {
      if (n->type != XML_ELEMENT_NODE)
        continue;
      if (cd_w_is (n, "t") || cd_w_is (n, "delText") || cd_w_is (n, "instrText"))
        {
          xmlNode *next;

          for (xmlNode *c = n->children; c != NULL; c = next)
            {
              next = c->next;
              if (c->type == XML_ELEMENT_NODE)
                {
                  xmlUnlinkNode (c);
                  xmlFreeNode (c);
                }
            }
        }
      else
        drop_elements_in_text (n);
    }
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
  if (part->doc != NULL && xmlDocGetRootElement (part->doc) != NULL)
    drop_elements_in_text (xmlDocGetRootElement (part->doc));
  return part->doc;
}

void
cd_docx_set_no_memory (GError     **error,
                       const char  *part)
{
  g_set_error (error, CD_DOCS_ERROR, CD_DOCS_ERROR_FAILED,
               _("There was not enough memory to write “%s” of the document; nothing was saved. Close other programs, or make the document for fewer people at a time, then try again."),
               part);
}

gboolean
cd_docx_out_of_memory (void)
{
  const xmlError *e = xmlGetLastError ();

  return e != NULL && e->code == XML_ERR_NO_MEMORY;
}

/* The part's bytes, serialising its tree again if it was parsed. NULL
 * with an error when libxml2 could not allocate the serialisation: a
 * 0-byte part must never be packed as if it were the document. */
static GBytes *
part_bytes (Part    *part,
            GError **error)
{
  if (part->doc != NULL)
    {
      xmlChar *mem = NULL;
      int size = -1;

      xmlDocDumpMemoryEnc (part->doc, &mem, &size, "UTF-8");
      if (mem == NULL || size <= 0)
        {
          xmlFree (mem);
          cd_docx_set_no_memory (error, part->name);
          return NULL;
        }
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
  b = part_bytes (part, NULL);
  if (b == NULL)
    return NULL;
  return g_strndup (g_bytes_get_data (b, NULL), g_bytes_get_size (b));
}

static gboolean
zip_add_part (zip_t      *za,
              Part       *part,
              GError    **error)
{
  GBytes *b = part_bytes (part, error);
  zip_source_t *src;
  zip_int64_t idx;

  if (b == NULL)
    return FALSE;
  src = zip_source_buffer (za, g_bytes_get_data (b, NULL), g_bytes_get_size (b), 0);
  if (src == NULL
      || (idx = zip_file_add (za, part->name, src, ZIP_FL_ENC_UTF_8)) < 0)
    {
      if (src != NULL)
        zip_source_free (src);
      cd_zip_set_error (error, zip_get_error (za), part->name);
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
      cd_zip_set_error (error, zip_get_error (za), NULL);
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
  cd_zip_set_error (error, &zerr, NULL);
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

static gboolean
stream_part (CdZipWriter  *zw,
             Part         *part,
             CdDocxRows   *rows,
             GError      **error)
{
  GBytes *b = part_bytes (part, error);
  gsize len;
  const char *data;

  if (b == NULL)
    return FALSE;
  data = g_bytes_get_data (b, &len);
  if (cd_docx_rows_has_part (rows, part->name))
    return cd_docx_rows_write_part (rows, part->name, data, len, zw, error);
  return cd_zip_writer_add (zw, part->name, data, len, error);
}

gboolean
cd_docx_package_save_streamed (CdDocxPackage  *pkg,
                               const char     *target,
                               gboolean        overwrite,
                               CdDocxRows     *rows,
                               GError        **error)
{
  g_autofree char *tmp = NULL;
  g_autoptr(CdZipWriter) zw = NULL;
  Part *ct;

  if (!overwrite && g_file_test (target, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, CD_FILE_ERROR, CD_FILE_ERROR_EXISTS,
                   _("The file “%s” already exists. Choose another name, or allow replacing it (--force)."),
                   target);
      return FALSE;
    }
  tmp = cd_atomic_temp_path (target, error);
  if (tmp == NULL)
    return FALSE;
  zw = cd_zip_writer_new (tmp, error);
  if (zw == NULL)
    goto fail;
  /* [Content_Types].xml first, as Word writes it. */
  ct = find_part (pkg, "[Content_Types].xml");
  if (ct != NULL && !stream_part (zw, ct, rows, error))
    goto fail;
  for (guint i = 0; i < pkg->parts->len; i++)
    {
      Part *part = g_ptr_array_index (pkg->parts, i);
      if (part != ct && !stream_part (zw, part, rows, error))
        goto fail;
    }
  if (!cd_zip_writer_finish (zw, error))
    goto fail;
  return cd_atomic_commit (tmp, target, overwrite, error);

fail:
  cd_atomic_abort (tmp);
  /* The writer named its temporary file: the clerk chose @target. */
  if (error != NULL && *error != NULL && strstr ((*error)->message, tmp) != NULL)
    {
      g_auto(GStrv) pieces = g_strsplit ((*error)->message, tmp, -1);
      char *message = g_strjoinv (target, pieces);

      g_free ((*error)->message);
      (*error)->message = message;
    }
  return FALSE;
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
