/* cd-zip.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <string.h>
#include <glib/gi18n.h>

#include "cd-fileutil.h"
#include "cd-zip.h"

static gboolean
looks_like_ole2 (const char *path)
{
  static const guchar ole2[8] = { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 };
  guchar head[8] = { 0 };
  FILE *f = fopen (path, "rb");
  gsize n = 0;

  if (f == NULL)
    return FALSE;
  n = fread (head, 1, sizeof head, f);
  fclose (f);
  return n == sizeof head && memcmp (head, ole2, sizeof head) == 0;
}

zip_t *
cd_zip_open_read (const char  *path,
                  const char  *what,
                  GError     **error)
{
  int zerr = 0;
  zip_t *za;
  zip_int64_t n;
  guint64 total = 0;

  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, CD_FILE_ERROR, CD_FILE_ERROR_NOT_FOUND,
                   _("The file “%s” does not exist."), path);
      return NULL;
    }

  if (looks_like_ole2 (path))
    {
      g_set_error (error, CD_FILE_ERROR, CD_FILE_ERROR_FORMAT,
                   /* Translators: %s is "Word" or "Excel" */
                   _("“%s” is an old-format %s file (.doc/.xls) renamed. Open it in Word or LibreOffice and save it as the new format (.docx/.xlsx), then try again."),
                   path, what);
      return NULL;
    }

  za = zip_open (path, ZIP_RDONLY, &zerr);
  if (za == NULL)
    {
      g_set_error (error, CD_FILE_ERROR, CD_FILE_ERROR_FORMAT,
                   _("“%s” is not a valid %s file (it is damaged or of another kind). Open it in Word or LibreOffice, save it again, then try again."),
                   path, what);
      return NULL;
    }

  n = zip_get_num_entries (za, 0);
  for (zip_int64_t i = 0; i < n; i++)
    {
      zip_stat_t st;

      zip_stat_init (&st);
      if (zip_stat_index (za, i, 0, &st) != 0)
        continue;
      if ((st.valid & ZIP_STAT_SIZE) == 0)
        continue;
      total += st.size;
      if (total > CD_ZIP_MAX_TOTAL
          || ((st.valid & ZIP_STAT_COMP_SIZE) && st.size > 1024 * 1024
              && st.size / (st.comp_size ? st.comp_size : 1) > 1000))
        {
          zip_discard (za);
          g_set_error (error, CD_FILE_ERROR, CD_FILE_ERROR_TOO_LARGE,
                       _("“%s” unpacks to far more data than any real %s file (it may be a “zip bomb”). It was not opened."),
                       path, what);
          return NULL;
        }
    }
  return za;
}

GBytes *
cd_zip_read_entry (zip_t       *za,
                   const char  *name,
                   gsize        max_size,
                   guint64     *inflated,
                   GError     **error)
{
  zip_file_t *zf;
  GByteArray *buf;
  guchar chunk[65536];
  zip_int64_t got;

  zf = zip_fopen (za, name, 0);
  if (zf == NULL)
    {
      g_set_error (error, CD_FILE_ERROR, CD_FILE_ERROR_NOT_FOUND,
                   _("The package has no part “%s”."), name);
      return NULL;
    }

  buf = g_byte_array_new ();
  /* Never trust the declared size: stop reading past the limit. */
  while ((got = zip_fread (zf, chunk, sizeof chunk)) > 0)
    {
      if (buf->len + (gsize) got > max_size)
        {
          zip_fclose (zf);
          g_byte_array_unref (buf);
          g_set_error (error, CD_FILE_ERROR, CD_FILE_ERROR_TOO_LARGE,
                       _("The part “%s” unpacks to more than %u MB; the file was refused."),
                       name, (unsigned) (max_size / (1024 * 1024)));
          return NULL;
        }
      /* The headers may lie about every part's size: what counts is
       * what actually came out, summed over the package. */
      if (inflated != NULL && *inflated + buf->len + (guint64) got > CD_ZIP_MAX_TOTAL)
        {
          zip_fclose (zf);
          g_byte_array_unref (buf);
          g_set_error (error, CD_FILE_ERROR, CD_FILE_ERROR_TOO_LARGE,
                       _("The parts of this file unpack to more than %u MB in all, far more than any real document (it may be a “zip bomb”). It was not opened."),
                       (unsigned) (CD_ZIP_MAX_TOTAL / (1024 * 1024)));
          return NULL;
        }
      g_byte_array_append (buf, chunk, (guint) got);
    }
  zip_fclose (zf);
  if (got < 0)
    {
      g_byte_array_unref (buf);
      g_set_error (error, CD_FILE_ERROR, CD_FILE_ERROR_FORMAT,
                   _("The part “%s” is damaged and cannot be read."), name);
      return NULL;
    }

  if (inflated != NULL)
    *inflated += buf->len;
  {
    gsize len = buf->len;
    g_byte_array_append (buf, (const guint8 *) "", 1);
    return g_bytes_new_take (g_byte_array_free (buf, FALSE), len);
  }
}

void
cd_zip_set_error (GError     **error,
                  zip_error_t *zerr,
                  const char  *part)
{
  int code = zip_error_code_zip (zerr);
  int sys = zip_error_code_system (zerr);

  if (code == ZIP_ER_MEMORY || (zip_error_system_type (zerr) == ZIP_ET_SYS && sys == ENOMEM))
    g_set_error_literal (error, CD_FILE_ERROR, CD_FILE_ERROR_FAILED,
                         _("There is not enough memory to make the document. Close other programs, then try again."));
  else if (code == ZIP_ER_EXISTS && part != NULL)
    g_set_error (error, CD_FILE_ERROR, CD_FILE_ERROR_FORMAT,
                 _("The template holds the part “%s” twice, which Word never does: the file is damaged or was not made by Word. Open it in Word or LibreOffice, save it again, then try again."),
                 part);
  else
    /* Only the number: it helps whoever fixes it; the clerk gets the
     * sentence. */
    g_set_error (error, CD_FILE_ERROR, CD_FILE_ERROR_FAILED,
                 _("The document could not be packed (zip error %d). Try again; if it happens again, open the template in Word or LibreOffice, save it again, then try again."),
                 code);
}
