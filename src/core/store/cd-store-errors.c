/* cd-store-errors.c — the register's failures in the clerk's words
 *
 * What the store says when its file cannot be opened or backed up (an
 * errno turned into a sentence saying what to do, never the C library's
 * English) and when PRAGMA quick_check finds it damaged (where, and how
 * to restore the newest backup). Split from cd-store.c, which calls
 * these while opening, backing up and reopening a damaged file
 * read-only.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <string.h>
#include <glib/gi18n.h>

#include "cd-store.h"
#include "cd-store-errors.h"

/* The register @path could not be opened or created (@errnum): a
 * sentence saying what to do, never the C library's English (issue 20,
 * D16). */
void
cd_store_set_open_error (GError     **error,
                         const char  *path,
                         int          errnum)
{
  switch (errnum)
    {
    case EACCES:
    case EPERM:
    case EROFS:
      g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_READ_ONLY,
                   _("You may not read or write the register “%s”. Copy the file to a folder of yours (for example in your home folder) and open it there, or ask for permission."),
                   path);
      break;
    case ENOENT:
    case ENOTDIR:
    case ELOOP:
    case EEXIST:
      /* EEXIST: the name is a link to nothing (O_EXCL refuses it). */
      g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_OPEN,
                   _("The register “%s” cannot be found: the name leads nowhere (a link to a missing file, or a USB drive unplugged). Choose the register file itself, then try again."),
                   path);
      break;
    case ENOSPC:
    case EDQUOT:
    case EFBIG:
      g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_FULL,
                   _("There is no room left on the disk for the register “%s”. Free some space on it, then try again."),
                   path);
      break;
    default:
      g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_OPEN,
                   _("The register “%s” cannot be opened (error %d). Check the disk (or the USB drive), then try again."),
                   path, errnum);
      break;
    }
}

/* The backup @target could not be created (@errnum). */
void
cd_store_set_backup_error (GError     **error,
                           const char  *target,
                           int          errnum)
{
  switch (errnum)
    {
    case ENOSPC:
    case EDQUOT:
    case EFBIG:
      g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_FULL,
                   _("There is no room for the backup “%s”: the disk is full. Nothing was changed. Free some space on it, then try again."),
                   target);
      break;
    case EACCES:
    case EPERM:
    case EROFS:
      g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_READ_ONLY,
                   _("The backup “%s” cannot be written: the register's folder is read-only. Nothing was changed. Move the register to a folder you may write to, or ask for write permission."),
                   target);
      break;
    default:
      g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_FAILED,
                   _("The backup “%s” cannot be written (error %d). Nothing was changed. Check the disk, then try again."),
                   target, errnum);
      break;
    }
}

/* What quick_check's English @problem says, in the clerk's words: its
 * lines ("Page 5: btreeInitPage() returns error code 11", "row 3
 * missing from index …") stay in the log for whoever recovers the file
 * (issue 20, D16). */
static char *
damage_summary (const char *problem)
{
  g_auto(GStrv) lines = g_regex_split_simple ("; |\n", problem, 0, 0);
  const char *first = lines[0] != NULL ? lines[0] : "";
  g_autofree char *what = NULL;
  guint n = 0, page = 0;
  const char *at;

  for (guint i = 0; lines[i] != NULL; i++)
    if (*lines[i] != '\0')
      n++;
  at = strstr (first, "age ");
  if (at != NULL && at > first && (at[-1] == 'P' || at[-1] == 'p')
      && (page = (guint) g_ascii_strtoull (at + 4, NULL, 10)) > 0)
    what = g_strdup_printf (_("at page %u of the file"), page);
  else if (strstr (first, "index") != NULL)
    what = g_strdup (_("an index of the register does not match its data"));
  else if (strstr (first, "NULL value") != NULL || strstr (first, "CHECK constraint") != NULL)
    what = g_strdup (_("a record breaks a rule of the register"));
  else if (strstr (first, "reeList") != NULL || strstr (first, "reelist") != NULL)
    what = g_strdup (_("the list of free pages of the file is damaged"));
  else
    what = g_strdup (_("the file's structure is broken"));
  if (n > 1)
    return g_strdup_printf (ngettext ("%s, and %u more problem was found", "%s, and %u more problems were found", n - 1),
                            what, n - 1);
  return g_steal_pointer (&what);
}

char *
cd_store_damage_message (const char *path,
                         const char *problem)
{
  g_autofree char *backup = cd_store_find_newest_backup (path);
  g_autofree char *what = damage_summary (problem);

  if (backup != NULL)
    return g_strdup_printf (_("The register “%s” is damaged (%s). CertDesk opened it read-only so that nothing more is lost; you can still read and export it. To restore the newest backup: close CertDesk, rename the damaged file (keep it), copy “%s” to “%s”, then start CertDesk again. Changes made after that backup must be entered again."),
                            path, what, backup, path);
  return g_strdup_printf (_("The register “%s” is damaged (%s). CertDesk opened it read-only so that nothing more is lost; you can still read and export it. No backup was found next to it: copy the file to a safe place and ask your IT support to recover it (the sqlite3 tool's “.recover” command saves most data)."),
                          path, what);
}
