/* cd-xlsx-util.c — libxlsxwriter's refusals in the clerk's words
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gi18n.h>
#include <zip.h>

#include "cd-fileutil.h"
#include "cd-quiet.h"
#include "cd-xlsx-util.h"

void
cd_xlsx_set_error (GError     **error,
                   const char  *target,
                   lxw_error    err,
                   int          errnum)
{
  switch (err)
    {
    case LXW_ERROR_MEMORY_MALLOC_FAILED:
      g_set_error (error, CD_FILE_ERROR, CD_FILE_ERROR_FAILED,
                   _("There is not enough memory to write the Excel file “%s”. Close other programs, then try again."),
                   target);
      break;
    case LXW_ERROR_CREATING_XLSX_FILE:
    case LXW_ERROR_CREATING_TMPFILE:
    case LXW_ERROR_READING_TMPFILE:
    case LXW_ERROR_ZIP_FILE_OPERATION:
    case LXW_ERROR_ZIP_PARAMETER_ERROR:
    case LXW_ERROR_ZIP_BAD_ZIP_FILE:
    case LXW_ERROR_ZIP_INTERNAL_ERROR:
    case LXW_ERROR_ZIP_FILE_ADD:
    case LXW_ERROR_ZIP_CLOSE:
      if (errnum != 0)
        {
          cd_file_set_io_error (error, target, errnum);
          break;
        }
      g_set_error (error, CD_FILE_ERROR, CD_FILE_ERROR_FAILED,
                   _("Could not write the Excel file “%s”. Check the free disk space and that the folder may be written, then try again."),
                   target);
      break;
    default:
      g_set_error (error, CD_FILE_ERROR, CD_FILE_ERROR_FAILED,
                   _("Could not write the Excel file “%s” (libxlsxwriter error %d). Check the free disk space, then try again."),
                   target, (int) err);
      break;
    }
}

/* TRUE when @path is a complete zip (its central directory readable). */
static gboolean
zip_is_whole (const char *path)
{
  int zerr = 0;
  zip_t *za = zip_open (path, ZIP_RDONLY | ZIP_CHECKCONS, &zerr);

  if (za == NULL)
    return FALSE;
  zip_discard (za);
  return TRUE;
}

gboolean
cd_xlsx_close (lxw_workbook  *wb,
               const char    *temp,
               const char    *target,
               GError       **error)
{
  lxw_error err;
  int saved;
  CdQuiet *quiet;

  /* libxlsxwriter prints its "[ERROR]" lines to stderr itself: the
   * clerk reads our sentence instead. */
  quiet = cd_quiet_begin ();
  errno = 0;
  err = workbook_close (wb);
  saved = errno;
  cd_quiet_end (quiet);
  if (err == LXW_NO_ERROR
      && (saved == ENOSPC || saved == EFBIG || saved == EDQUOT || !zip_is_whole (temp)))
    err = LXW_ERROR_ZIP_FILE_OPERATION;
  if (err != LXW_NO_ERROR)
    {
      cd_xlsx_set_error (error, target, err, saved);
      return FALSE;
    }
  return TRUE;
}

lxw_error
cd_xlsx_write_text (lxw_worksheet *ws,
                    lxw_row_t      row,
                    lxw_col_t      col,
                    const char    *text,
                    lxw_format    *format)
{
  g_autofree char *cut = NULL;

  if (text == NULL)
    text = "";
  /* Bytes first: only a text this long can hold that many characters. */
  if (strlen (text) > CD_XLSX_MAX_CELL && g_utf8_strlen (text, -1) > CD_XLSX_MAX_CELL)
    {
      const char *end = g_utf8_offset_to_pointer (text, CD_XLSX_MAX_CELL - 1);

      cut = g_malloc ((gsize) (end - text) + sizeof "…");
      memcpy (cut, text, (gsize) (end - text));
      strcpy (cut + (end - text), "…");
      text = cut;
    }
  return worksheet_write_string (ws, row, col, text, format);
}
