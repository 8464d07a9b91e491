/* cd-staff-filter.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "cd-staff-filter.h"
#include "cd-text.h"

struct _CdStaffFilter
{
  char         *query;   /* folded, as typed */
  char        **words;   /* folded query split on spaces; every one must match */
  CdStaffChips  chips;
};

CdStaffFilter *
cd_staff_filter_new (void)
{
  CdStaffFilter *self = g_new0 (CdStaffFilter, 1);

  self->query = g_strdup ("");
  self->words = g_new0 (char *, 1);
  return self;
}

void
cd_staff_filter_free (CdStaffFilter *self)
{
  if (self == NULL)
    return;
  g_free (self->query);
  g_strfreev (self->words);
  g_free (self);
}

CdStaffFilterChange
cd_staff_filter_set_query (CdStaffFilter *self,
                           const char    *query)
{
  g_autofree char *folded = NULL;
  g_autofree char *stripped = NULL;
  CdStaffFilterChange change;
  GPtrArray *words;

  g_return_val_if_fail (self != NULL, CD_STAFF_FILTER_DIFFERENT);

  /* The store's own key function, so the query folds exactly as the
   * rows' search keys were folded. */
  stripped = g_strstrip (g_strdup (query ? query : ""));
  folded = cd_text_search_key (stripped);
  if (folded == NULL)
    folded = g_strdup ("");
  if (g_str_equal (folded, self->query))
    return CD_STAFF_FILTER_SAME;

  /* Words are ANDed, so typing more (letters or words) can only narrow
   * and deleting only widens. */
  if (g_str_has_prefix (folded, self->query))
    change = CD_STAFF_FILTER_MORE_STRICT;
  else if (g_str_has_prefix (self->query, folded))
    change = CD_STAFF_FILTER_LESS_STRICT;
  else
    change = CD_STAFF_FILTER_DIFFERENT;
  if (*folded == '\0')
    change = CD_STAFF_FILTER_LESS_STRICT;

  words = g_ptr_array_new ();
  {
    g_auto(GStrv) parts = g_strsplit (folded, " ", -1);
    for (guint i = 0; parts[i]; i++)
      if (*parts[i] != '\0')
        g_ptr_array_add (words, g_strdup (parts[i]));
  }
  g_ptr_array_add (words, NULL);

  g_strfreev (self->words);
  self->words = (char **) g_ptr_array_free (words, FALSE);
  g_free (self->query);
  self->query = g_steal_pointer (&folded);
  return change;
}

CdStaffFilterChange
cd_staff_filter_set_chips (CdStaffFilter *self,
                           CdStaffChips   chips)
{
  CdStaffChips old;

  g_return_val_if_fail (self != NULL, CD_STAFF_FILTER_DIFFERENT);

  old = self->chips;
  self->chips = chips;
  if (old == chips)
    return CD_STAFF_FILTER_SAME;
  /* No chip shows everything; each added chip widens a non-empty set. */
  if (old == 0)
    return CD_STAFF_FILTER_MORE_STRICT;
  if (chips == 0)
    return CD_STAFF_FILTER_LESS_STRICT;
  if ((chips & old) == old)
    return CD_STAFF_FILTER_LESS_STRICT;
  if ((chips & old) == chips)
    return CD_STAFF_FILTER_MORE_STRICT;
  return CD_STAFF_FILTER_DIFFERENT;
}

CdStaffChips
cd_staff_filter_get_chips (CdStaffFilter *self)
{
  return self->chips;
}

gboolean
cd_staff_filter_is_empty (CdStaffFilter *self)
{
  return self->chips == 0 && self->words[0] == NULL;
}

static gboolean
chips_match (CdStaffChips      chips,
             const CdStaffRow *row)
{
  if (chips == 0)
    return TRUE;
  if ((chips & CD_STAFF_CHIP_LEFT) && row->left)
    return TRUE;
  if ((chips & CD_STAFF_CHIP_EXPIRING) && row->status == CD_CERT_STATUS_EXPIRING)
    return TRUE;
  if ((chips & CD_STAFF_CHIP_EXPIRED) && row->status == CD_CERT_STATUS_EXPIRED)
    return TRUE;
  if ((chips & CD_STAFF_CHIP_NO_CERT) && row->status == CD_CERT_STATUS_NONE)
    return TRUE;
  if ((chips & CD_STAFF_CHIP_REVOKED) && row->status == CD_CERT_STATUS_REVOKED)
    return TRUE;
  return FALSE;
}

/* Whether @word (folded: lower case) is in @text once its ASCII letters
 * are lowered, as the serial is in a search key (no copy made). */
#define LOWER(c) ((c) >= 'A' && (c) <= 'Z' ? (c) + ('a' - 'A') : (c))

static gboolean
ascii_lower_contains (const char *text,
                      const char *word)
{
  char first = word[0];

  if (first == '\0')
    return TRUE;
  /* Called for every row whose key lacks the word (a CCCD, a number
   * typed): 100,000 serials per keystroke, so no call per character. */
  for (const char *p = text; *p; p++)
    {
      guint i = 1;

      if (LOWER (*p) != first)
        continue;
      while (word[i] != '\0' && p[i] != '\0' && LOWER (p[i]) == word[i])
        i++;
      if (word[i] == '\0')
        return TRUE;
    }
  return FALSE;
}

#undef LOWER

/* The key a row is searched by: the store's, or one made from the row
 * when it has none (rows built by hand); NULL when none can be made. */
static const char *
row_key (const CdStaffRow *row,
         char            **own_key)
{
  g_autofree char *joined = NULL;

  if (row->search_key != NULL)
    return row->search_key;
  joined = g_strjoin (" ", row->full_name ? row->full_name : "",
                      row->cccd ? row->cccd : "",
                      row->cert_serial ? row->cert_serial : "",
                      row->email ? row->email : "", NULL);
  *own_key = cd_text_search_key (joined);
  return *own_key;
}

gboolean
cd_staff_filter_match (CdStaffFilter    *self,
                       const CdStaffRow *row)
{
  g_autofree char *own_key = NULL;
  const char *key;

  g_return_val_if_fail (self != NULL && row != NULL, FALSE);

  if (!chips_match (self->chips, row))
    return FALSE;
  if (self->words[0] == NULL)
    return TRUE;

  /* The staff list's rows carry the serial beside the key, not in it
   * (cd_staff_pager_set_list_only): a word matches either. Words hold no
   * space, so this is the same as searching the key with " serial"
   * appended. */
  key = row_key (row, &own_key);
  if (key == NULL)
    return FALSE;
  for (guint i = 0; self->words[i]; i++)
    if (strstr (key, self->words[i]) == NULL
        && (row->cert_serial == NULL || !ascii_lower_contains (row->cert_serial, self->words[i])))
      return FALSE;
  return TRUE;
}

void
cd_staff_filter_add_key (CdKeyIndex       *keys,
                         const CdStaffRow *row)
{
  g_autofree char *own_key = NULL;
  const char *key;

  g_return_if_fail (keys != NULL && row != NULL);

  /* The key, a space and the serial lowered: words hold no space, so a
   * word is in that iff it is in the key or in the serial, as
   * cd_staff_filter_match() looks. No key: an empty one, which no word
   * matches (the serial is not looked at then either). */
  key = row_key (row, &own_key);
  cd_key_index_add (keys, key, key != NULL ? row->cert_serial : NULL);
}

const char * const *
cd_staff_filter_get_words (CdStaffFilter *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return (const char * const *) self->words;
}

gboolean
cd_staff_filter_match_chips (CdStaffFilter    *self,
                             const CdStaffRow *row)
{
  g_return_val_if_fail (self != NULL && row != NULL, FALSE);
  return chips_match (self->chips, row);
}
