/* test-key-index.c — the packed search keys against a plain strstr()
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "cd-key-index.h"

/* What cd_key_index_match() must keep: @key contains @word, or @extra
 * (ASCII letters lowered) does; nothing without a key. */
static gboolean
reference_has (const char *key,
               const char *extra,
               const char *word)
{
  g_autofree char *lowered = extra ? g_ascii_strdown (extra, -1) : NULL;

  if (key == NULL)
    return FALSE;
  return strstr (key, word) != NULL || (lowered != NULL && strstr (lowered, word) != NULL);
}

/* A short random text over a small alphabet, so words match often. */
static char *
random_text (GRand      *rand,
             const char *alphabet,
             guint       max_len)
{
  guint len = g_rand_int_range (rand, 0, max_len + 1);
  char *text = g_malloc (len + 1);

  for (guint i = 0; i < len; i++)
    text[i] = alphabet[g_rand_int_range (rand, 0, strlen (alphabet))];
  text[len] = '\0';
  return text;
}

static void
test_against_strstr (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (19);
  g_autoptr(CdKeyIndex) index = cd_key_index_new ();
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) extras = g_ptr_array_new_with_free_func (g_free);
  guint n = 3000;

  for (guint round = 0; round < 2; round++)
    {
      /* The second round after a clear: nothing of the first is left. */
      cd_key_index_clear (index);
      g_ptr_array_set_size (keys, 0);
      g_ptr_array_set_size (extras, 0);
      for (guint i = 0; i < n; i++)
        {
          char *key = g_rand_int_range (rand, 0, 20) == 0 ? NULL : random_text (rand, "abn t", 12);
          char *extra = g_rand_boolean (rand) ? random_text (rand, "AB0n", 6) : NULL;

          g_ptr_array_add (keys, key);
          g_ptr_array_add (extras, extra);
          cd_key_index_add (index, key, extra);
        }
      g_assert_cmpuint (cd_key_index_get_n (index), ==, n);
      {
        g_autofree char *first = cd_key_index_dup (index, 0);
        g_autofree char *lowered = extras->pdata[0] ? g_ascii_strdown (extras->pdata[0], -1) : NULL;
        g_autofree char *expected = keys->pdata[0] == NULL ? g_strdup ("")
                                    : lowered ? g_strconcat (keys->pdata[0], " ", lowered, NULL)
                                    : g_strdup (keys->pdata[0]);
        g_assert_cmpstr (first, ==, expected);
      }

      for (guint q = 0; q < 200; q++)
        {
          g_autofree guint8 *marks = g_malloc (n);
          g_autofree char *w1 = NULL, *w2 = NULL;
          const char *words[3] = { NULL, NULL, NULL };
          gboolean narrow = q % 2 == 1;
          guint kept, expected = 0;
          g_autofree guint8 *before = NULL;

          /* Whole words of one letter to four, one or two of them; a
           * start from some keys only, as a narrowing keystroke does. */
          do
            w1 = (g_free (w1), random_text (rand, "abn0", 4));
          while (*w1 == '\0');
          words[0] = w1;
          if (g_rand_boolean (rand))
            {
              do
                w2 = (g_free (w2), random_text (rand, "abt", 2));
              while (*w2 == '\0');
              words[1] = w2;
            }
          for (guint i = 0; i < n; i++)
            marks[i] = narrow ? g_rand_int_range (rand, 0, 30) == 0 : 1;
          before = g_memdup2 (marks, n);
          kept = cd_key_index_match (index, words, marks);
          for (guint i = 0; i < n; i++)
            {
              gboolean want = before[i] && reference_has (keys->pdata[i], extras->pdata[i], words[0])
                              && (words[1] == NULL || reference_has (keys->pdata[i], extras->pdata[i], words[1]));

              g_assert_cmpint (!!marks[i], ==, want);
              expected += want;
            }
          g_assert_cmpuint (kept, ==, expected);
        }
    }
}

static void
test_no_match_across_keys (void)
{
  g_autoptr(CdKeyIndex) index = cd_key_index_new ();
  const char *ab[] = { "ab", NULL };
  const char *nl[] = { "a\nb", NULL };
  const char *serial[] = { "0f", NULL };
  guint8 marks[3] = { 1, 1, 1 };

  cd_key_index_add (index, "xa", NULL);
  cd_key_index_add (index, "bx", "0F");
  cd_key_index_add (index, NULL, "AB");
  /* Neither "a" then "b" over the end of a key, nor a serial without a
   * key. */
  g_assert_cmpuint (cd_key_index_match (index, ab, marks), ==, 0);
  memset (marks, 1, sizeof marks);
  g_assert_cmpuint (cd_key_index_match (index, nl, marks), ==, 0);
  memset (marks, 1, sizeof marks);
  /* The serial lowered, after its key. */
  g_assert_cmpuint (cd_key_index_match (index, serial, marks), ==, 1);
  g_assert_true (marks[1] && !marks[0] && !marks[2]);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/util/key-index/against-strstr", test_against_strstr);
  g_test_add_func ("/util/key-index/no-match-across-keys", test_no_match_across_keys);
  return g_test_run ();
}
