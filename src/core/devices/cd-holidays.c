/* cd-holidays.c — the public holidays working days skip
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <glib/gi18n.h>

#include "cd-fileutil.h"
#include "cd-holidays.h"
#include "cd-paths.h"
#include "cd-workdays.h"

struct _CdHolidays
{
  GHashTable *by_date;   /* ISO date → name */
  GHashTable *julian;    /* the same days as Julian day numbers: asked for
                          * every day of every deadline, without formatting */
};

CdHolidays *
cd_holidays_new (void)
{
  CdHolidays *self = g_new0 (CdHolidays, 1);

  self->by_date = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->julian = g_hash_table_new (NULL, NULL);
  return self;
}

void
cd_holidays_free (CdHolidays *self)
{
  if (self == NULL)
    return;
  g_hash_table_unref (self->by_date);
  g_hash_table_unref (self->julian);
  g_free (self);
}

gboolean
cd_holidays_add (CdHolidays *self,
                 const char *iso,
                 const char *name)
{
  GDate date;

  g_return_val_if_fail (self != NULL, FALSE);
  if (!cd_workdays_parse_iso (iso, &date))
    return FALSE;
  /* Normalise so "2026-2-17"-like input cannot create a second key. */
  g_hash_table_replace (self->by_date, cd_workdays_format_iso (&date), g_strdup (name ? name : ""));
  g_hash_table_add (self->julian, GUINT_TO_POINTER (g_date_get_julian (&date)));
  return TRUE;
}

gboolean
cd_holidays_remove (CdHolidays *self,
                    const char *iso)
{
  g_autofree char *key = NULL;
  GDate date;

  g_return_val_if_fail (self != NULL, FALSE);
  if (!cd_workdays_parse_iso (iso, &date))
    return FALSE;
  key = cd_workdays_format_iso (&date);
  g_hash_table_remove (self->julian, GUINT_TO_POINTER (g_date_get_julian (&date)));
  return g_hash_table_remove (self->by_date, key);
}

gboolean
cd_holidays_load_file (CdHolidays  *self,
                       const char  *path,
                       GError     **error)
{
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;

  if (!cd_file_read_limited (path, 1024 * 1024, &contents, NULL, error))
    return FALSE;

  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *line = g_strstrip (lines[i]);
      char *tab;

      if (*line == '\0' || *line == '#')
        continue;
      tab = strchr (line, '\t');
      if (tab != NULL)
        *tab++ = '\0';
      if (!cd_holidays_add (self, g_strstrip (line), tab ? g_strstrip (tab) : ""))
        {
          g_set_error (error, CD_FILE_ERROR, CD_FILE_ERROR_FORMAT,
                       /* Translators: %u is a line number, %s a file */
                       _("Line %u of the holiday list “%s” does not start with a date written yyyy-mm-dd. Correct that line."),
                       i + 1, path);
          return FALSE;
        }
    }
  return TRUE;
}

CdHolidays *
cd_holidays_new_default (GError **error)
{
  g_autoptr(CdHolidays) self = cd_holidays_new ();
  g_autofree char *path = g_build_filename (cd_paths_pkgdatadir (), "holidays.tsv", NULL);

  if (!cd_holidays_load_file (self, path, error))
    return NULL;
  return g_steal_pointer (&self);
}

const char *
cd_holidays_lookup (const CdHolidays *self,
                    const char       *iso)
{
  g_return_val_if_fail (self != NULL, NULL);
  return iso ? g_hash_table_lookup (self->by_date, iso) : NULL;
}

static int
compare_strings (const void *a,
                 const void *b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

char **
cd_holidays_list (const CdHolidays *self)
{
  guint n = 0;
  char **keys = (char **) g_hash_table_get_keys_as_array (self->by_date, &n);
  char **out = g_new0 (char *, n + 1);

  for (guint i = 0; i < n; i++)
    out[i] = g_strdup (keys[i]);
  g_free (keys);
  /* ISO dates sort as strings. */
  qsort (out, n, sizeof (char *), compare_strings);
  return out;
}

gboolean
cd_holidays_contains (const CdHolidays *self,
                      const GDate      *date)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return g_hash_table_contains (self->julian, GUINT_TO_POINTER (g_date_get_julian (date)));
}
