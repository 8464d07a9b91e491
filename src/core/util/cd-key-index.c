/* cd-key-index.c
 *
 * Issue 19: searching 100,000 staff rows with a strstr() per row cost
 * 5–13 ms of a keystroke's main-thread time: each row's key is its own
 * allocation (a cache miss per row), a serial was scanned byte by byte
 * beside it, and every row was looked at again on each keystroke.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>   /* memmem: _GNU_SOURCE, set for the project */

#include "cd-key-index.h"

struct _CdKeyIndex
{
  GByteArray *buf;     /* the keys, each followed by '\n', then a NUL */
  GArray     *starts;  /* guint32 offset of each key in @buf, then @buf's length */
};

CdKeyIndex *
cd_key_index_new (void)
{
  CdKeyIndex *self = g_new0 (CdKeyIndex, 1);
  guint32 zero = 0;

  self->buf = g_byte_array_new ();
  g_byte_array_append (self->buf, (const guint8 *) "", 1);
  self->starts = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_array_append_val (self->starts, zero);
  return self;
}

void
cd_key_index_free (CdKeyIndex *self)
{
  if (self == NULL)
    return;
  g_byte_array_unref (self->buf);
  g_array_unref (self->starts);
  g_free (self);
}

void
cd_key_index_clear (CdKeyIndex *self)
{
  g_return_if_fail (self != NULL);

  g_byte_array_set_size (self->buf, 1);
  self->buf->data[0] = '\0';
  g_array_set_size (self->starts, 1);
}

void
cd_key_index_add (CdKeyIndex *self,
                  const char *key,
                  const char *ascii_extra)
{
  guint32 end;

  g_return_if_fail (self != NULL);

  /* Over the terminating NUL, which goes back after. */
  g_byte_array_set_size (self->buf, self->buf->len - 1);
  if (key != NULL)
    g_byte_array_append (self->buf, (const guint8 *) key, strlen (key));
  if (key != NULL && ascii_extra != NULL)
    {
      guint at = self->buf->len + 1;
      gsize n = strlen (ascii_extra);

      g_byte_array_append (self->buf, (const guint8 *) " ", 1);
      g_byte_array_append (self->buf, (const guint8 *) ascii_extra, n);
      for (gsize i = 0; i < n; i++)
        if (ascii_extra[i] >= 'A' && ascii_extra[i] <= 'Z')
          self->buf->data[at + i] = ascii_extra[i] + ('a' - 'A');
    }
  g_byte_array_append (self->buf, (const guint8 *) "\n", 2);
  end = self->buf->len - 1;
  g_array_append_val (self->starts, end);
}

guint
cd_key_index_get_n (CdKeyIndex *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->starts->len - 1;
}

char *
cd_key_index_dup (CdKeyIndex *self,
                  guint       i)
{
  const guint32 *starts;

  g_return_val_if_fail (self != NULL && i < cd_key_index_get_n (self), NULL);

  starts = (const guint32 *) self->starts->data;
  return g_strndup ((const char *) self->buf->data + starts[i], starts[i + 1] - 1 - starts[i]);
}

/* Keeps the marked keys that contain @word: each alone. */
static void
match_each (CdKeyIndex  *self,
            const char  *word,
            gsize        len,
            guint8      *marks)
{
  const guint32 *starts = (const guint32 *) self->starts->data;
  const char *data = (const char *) self->buf->data;
  guint n = cd_key_index_get_n (self);

  for (guint i = 0; i < n; i++)
    if (marks[i] && memmem (data + starts[i], starts[i + 1] - 1 - starts[i], word, len) == NULL)
      marks[i] = 0;
}

/* Keeps the marked keys that contain @word (no newline in it): one
 * strstr() finds the next key holding it, wherever; the search goes on
 * from the next marked key. */
static void
match_scan (CdKeyIndex  *self,
            const char  *word,
            guint8      *marks)
{
  const guint32 *starts = (const guint32 *) self->starts->data;
  const char *data = (const char *) self->buf->data;
  guint n = cd_key_index_get_n (self);
  guint r = 0;

  while (r < n)
    {
      const char *hit;
      guint32 at;

      while (r < n && !marks[r])
        r++;
      if (r >= n)
        break;
      hit = strstr (data + starts[r], word);
      if (hit == NULL)
        {
          memset (marks + r, 0, n - r);
          break;
        }
      /* The keys before the one hit lack the word. */
      at = (guint32) (hit - data);
      while (starts[r + 1] <= at)
        marks[r++] = 0;
      r++;
    }
}

guint
cd_key_index_match (CdKeyIndex         *self,
                    const char * const *words,
                    guint8             *marks)
{
  guint n, kept = 0;

  g_return_val_if_fail (self != NULL && words != NULL, 0);

  n = cd_key_index_get_n (self);
  for (guint i = 0; i < n; i++)
    kept += marks[i] != 0;
  for (guint w = 0; words[w] != NULL && kept > 0; w++)
    {
      gsize len = strlen (words[w]);

      /* A scan skips whole stretches of keys between matches; looking
       * at keys one by one pays a call each, worth it when few are left
       * (a narrowing keystroke). */
      if (kept < n / 16 || memchr (words[w], '\n', len) != NULL)
        match_each (self, words[w], len, marks);
      else
        match_scan (self, words[w], marks);
      kept = 0;
      for (guint i = 0; i < n; i++)
        kept += marks[i] != 0;
    }
  return kept;
}
