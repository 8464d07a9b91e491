/* fuzz-common.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>
#include <unistd.h>
#include <zip.h>

#include "cd-docx.h"
#include "cd-text.h"
#include "docs-people.h"
#include "fuzz-common.h"

static GLogWriterOutput
quiet_writer (GLogLevelFlags   level,
              const GLogField *fields,
              gsize            n_fields,
              gpointer         user_data)
{
  if (level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL))
    {
      g_log_writer_standard_streams (level, fields, n_fields, user_data);
      abort ();
    }
  return G_LOG_WRITER_HANDLED;
}

static GHashTable *paths;

/* The harness's temporary files go with the process. */
static void
remove_tmp_files (void)
{
  GHashTableIter iter;
  gpointer value;

  if (paths == NULL)
    return;
  g_hash_table_iter_init (&iter, paths);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    unlink (value);
}

void
fuzz_init (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      g_log_set_writer_func (quiet_writer, NULL, NULL);
      atexit (remove_tmp_files);
      g_once_init_leave (&done, 1);
    }
}

const char *
fuzz_tmp_path (const char *suffix)
{
  const char *path;

  if (paths == NULL)
    paths = g_hash_table_new (g_str_hash, g_str_equal);
  path = g_hash_table_lookup (paths, suffix);
  if (path == NULL)
    {
      char *p = g_strdup_printf ("%s/cd-fuzz-%d%s", g_get_tmp_dir (), (int) getpid (), suffix);

      g_hash_table_insert (paths, g_strdup (suffix), p);
      path = p;
    }
  return path;
}

void
fuzz_write_file (const char   *path,
                 const guint8 *data,
                 size_t        size)
{
  g_autoptr(GError) error = NULL;

  if (!g_file_set_contents (path, (const char *) data, (gssize) size, &error))
    {
      g_printerr ("cannot write %s: %s\n", path, error->message);
      abort ();
    }
}

void
fuzz_write_zip (const char          *path,
                guint                n,
                const char  *const  *names,
                const guint8 *const *data,
                const size_t        *sizes)
{
  int err = 0;
  zip_t *za;

  unlink (path);
  za = zip_open (path, ZIP_CREATE | ZIP_TRUNCATE, &err);
  if (za == NULL)
    abort ();
  for (guint i = 0; i < n; i++)
    {
      zip_source_t *src = zip_source_buffer (za, data[i], sizes[i], 0);

      if (src == NULL || zip_file_add (za, names[i], src, ZIP_FL_OVERWRITE) < 0)
        abort ();
    }
  if (zip_close (za) < 0)
    abort ();
}

void
fuzz_sheet_walk (CdSheet *sheet)
{
  for (guint i = 0; i < sheet->rows->len; i++)
    {
      const CdSheetRow *row = g_ptr_array_index (sheet->rows, i);

      (void) cd_sheet_row_is_blank (row);
      for (guint c = 0; c < row->cells->len; c++)
        {
          const char *text = cd_sheet_row_text (row, (int) c);
          g_autofree char *clean = NULL;

          if (text == NULL)
            continue;
          clean = cd_text_clean (text);
          if (clean == NULL)
            continue;
          g_free (cd_text_parse_date (clean));
          g_free (cd_text_name_key (clean));
          g_free (cd_text_search_key (clean));
        }
    }
}

static const char content_types[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
  "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
  "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
  "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
  "<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>"
  "</Types>";
static const char rels[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
  "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
  "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/>"
  "</Relationships>";

void
fuzz_write_docx (const char   *path,
                 const guint8 *document_xml,
                 size_t        size)
{
  const char *names[] = { "[Content_Types].xml", "_rels/.rels", "word/document.xml" };
  const guint8 *parts[] = { (const guint8 *) content_types, (const guint8 *) rels, document_xml };
  size_t sizes[] = { sizeof content_types - 1, sizeof rels - 1, size };

  fuzz_write_zip (path, G_N_ELEMENTS (names), names, parts, sizes);
}

/* Three people, made once: the context is only read. */
static const CdDocContext *
context (void)
{
  static CdDocContext *ctx;

  if (ctx == NULL)
    ctx = docs_people_context (3);
  return ctx;
}

void
fuzz_docx_generate (const char *path,
                    gboolean    form_only)
{
  g_autoptr(CdDocxPackage) pkg = cd_docx_package_load (path, NULL);
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GPtrArray) columns = NULL;
  g_autoptr(GBytes) out = NULL;

  if (pkg == NULL)
    return;
  if (!form_only)
    {
      found = cd_docx_list_placeholders (pkg, NULL);
      if (found == NULL)
        return;
    }
  if (found != NULL && found->len > 0)
    {
      if (!cd_docx_fill (pkg, context (), NULL))
        return;
    }
  else
    {
      columns = cd_docx_fill_form (pkg, context (), NULL);
      if (columns == NULL)
        return;
    }
  /* The document as it would be written. */
  out = cd_docx_package_to_bytes (pkg, NULL);
}
