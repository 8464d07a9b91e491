/* cd-text.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n.h>

#include "cd-text.h"

/* UAX #15's stream-safe limit: no real text has more combining marks
 * in a row (Vietnamese has two at most). */
#define MAX_MARK_RUN 30

/* @valid with every run of non-starters (combining class != 0) cut to
 * MAX_MARK_RUN, in one pass. GLib's canonical reordering sorts each run
 * by insertion, so a cell of a million marks took minutes to normalise;
 * the marks past the limit carry no letter and are dropped. NULL when
 * nothing needed cutting. */
static char *
cut_mark_runs (const char *valid)
{
  GString *out = NULL;
  guint run = 0;

  for (const char *p = valid; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      const char *next = g_utf8_next_char (p);

      run = (guchar) *p < 0x80 || g_unichar_combining_class (c) == 0 ? 0 : run + 1;
      if (run > MAX_MARK_RUN)
        {
          if (out == NULL)
            out = g_string_new_len (valid, p - valid);
          continue;
        }
      if (out != NULL)
        g_string_append_len (out, p, next - p);
    }
  return out != NULL ? g_string_free (out, FALSE) : NULL;
}

/* TRUE when cd_text_clean() would return @text as it is: valid UTF-8,
 * already NFC and already spaced right. Every character below U+0300
 * (but the special spaces) and the whole Latin Extended Additional block,
 * where Vietnamese precomposed letters live, is stable under NFC. */
static gboolean
is_clean (const char *text)
{
  const char *p = text;

  if (*p == ' ' || *p == '\0')
    return FALSE;
  while (*p)
    {
      guchar b = (guchar) *p;

      if (b < 0x80)
        {
          if (b < 0x20 || b == 0x7F || (b == ' ' && (p[1] == ' ' || p[1] == '\0')))
            return FALSE;
          p++;
        }
      else
        {
          gunichar c = g_utf8_get_char_validated (p, -1);
          if (c == (gunichar) -1 || c == (gunichar) -2
              || c == 0x00A0 || c == 0x00AD || c == 0x0085
              || (c >= 0x0300 && (c < 0x1E00 || c > 0x1EFF)))
            return FALSE;
          p = g_utf8_next_char (p);
        }
    }
  return TRUE;
}

const char *
cd_text_clean_view (const char  *text,
                    char       **owned)
{
  *owned = NULL;
  if (text == NULL)
    return NULL;
  if (is_clean (text))
    return text;
  return *owned = cd_text_clean (text);
}

void
cd_text_clean_in_place (char **field)
{
  char *clean;

  if (*field != NULL && is_clean (*field))
    return;
  clean = cd_text_clean (*field);
  g_free (*field);
  *field = clean;
}

char *
cd_text_clean (const char *text)
{
  g_autofree char *valid = NULL;
  g_autofree char *nfc = NULL;
  GString *out;
  gboolean pending_space = FALSE;

  if (text == NULL)
    return NULL;

  if (is_clean (text))
    return g_strdup (text);

  valid = g_utf8_make_valid (text, -1);
  {
    char *cut = cut_mark_runs (valid);
    if (cut != NULL)
      {
        g_free (valid);
        valid = cut;
      }
  }
  nfc = g_utf8_normalize (valid, -1, G_NORMALIZE_NFC);
  if (nfc == NULL)
    return NULL;

  out = g_string_sized_new (strlen (nfc));
  for (const char *p = nfc; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      /* Zero-width characters and BOMs come from copy-paste out of Word
       * and web pages; they would make two equal names differ. */
      if (c == 0x200B || c == 0x200C || c == 0x200D || c == 0xFEFF || c == 0x00AD)
        continue;
      if (g_unichar_isspace (c) || c == 0x00A0 || c == 0x202F || c == 0x2007
          || g_unichar_iscntrl (c))
        {
          pending_space = out->len > 0;
          continue;
        }
      if (pending_space)
        g_string_append_c (out, ' ');
      pending_space = FALSE;
      g_string_append_unichar (out, c);
    }
  if (out->len == 0)
    {
      g_string_free (out, TRUE);
      return NULL;
    }
  return g_string_free (out, FALSE);
}

static gboolean
is_mark (gunichar c)
{
  switch (g_unichar_type (c))
    {
    case G_UNICODE_NON_SPACING_MARK:
    case G_UNICODE_SPACING_MARK:
    case G_UNICODE_ENCLOSING_MARK:
      return TRUE;
    default:
      return FALSE;
    }
}

/* The five Vietnamese tone marks after NFD, numbered in dictionary
 * order: ngang (0), huyền, hỏi, ngã, sắc, nặng. */
static int
tone_of (gunichar c)
{
  switch (c)
    {
    case 0x0300: return 1;
    case 0x0309: return 2;
    case 0x0303: return 3;
    case 0x0301: return 4;
    case 0x0323: return 5;
    default: return 0;
    }
}

static gboolean
is_d_bar (gunichar c)
{
  /* Đ đ, and the look-alike Icelandic Ð ð that some fonts and old
   * encodings put in their place. */
  return c == 0x0110 || c == 0x0111 || c == 0x00D0 || c == 0x00F0;
}

/* The base letter of @c and its marks, canonically ordered, without
 * allocating (g_utf8_normalize() costs a buffer per call). */
static gsize
decompose (gunichar c, gunichar out[8])
{
  return g_unichar_fully_decompose (c, FALSE, out, 8);
}

char *
cd_text_search_key (const char *text)
{
  g_autofree char *owned = NULL;
  const char *clean = cd_text_clean_view (text, &owned);
  GString *out;

  if (clean == NULL)
    return g_strdup ("");
  out = g_string_sized_new (strlen (clean));
  for (const char *p = clean; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      gunichar d[8];

      if ((guchar) *p < 0x80)
        {
          g_string_append_c (out, g_ascii_tolower (*p));
          continue;
        }
      if (is_d_bar (c))
        {
          g_string_append_c (out, 'd');
          continue;
        }
      if (decompose (c, d) == 0 || is_mark (d[0]))
        continue;
      g_string_append_unichar (out, g_unichar_tolower (d[0]));
    }
  return g_string_free (out, FALSE);
}

char *
cd_text_name_key (const char *text)
{
  g_autofree char *owned = NULL;
  const char *clean = cd_text_clean_view (text, &owned);
  GString *out;
  int tone = 0;

  if (clean == NULL)
    return g_strdup ("");
  out = g_string_sized_new (strlen (clean) + 4);
  for (const char *p = clean;; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      gunichar d[8];
      gsize n;

      if (*p == ' ' || *p == '\0')
        {
          /* the tone of the word goes after it, wherever it was written */
          if (tone != 0)
            g_string_append_c (out, (char) ('0' + tone));
          tone = 0;
          if (*p == '\0')
            break;
          g_string_append_c (out, ' ');
          continue;
        }
      if ((guchar) *p < 0x80)
        {
          g_string_append_c (out, g_ascii_tolower (*p));
          continue;
        }
      n = decompose (g_unichar_tolower (c), d);
      if (n == 0)
        continue;
      {
        gunichar base = d[0];
        for (gsize i = 1; i < n; i++)
          {
            int t = tone_of (d[i]);
            gunichar composed;
            if (t != 0)
              tone = t;
            else if (g_unichar_compose (base, d[i], &composed))
              base = composed;
          }
        if (tone_of (base) != 0)
          tone = tone_of (base);   /* a lone combining tone mark */
        else
          g_string_append_unichar (out, base);
      }
    }
  return g_string_free (out, FALSE);
}

gboolean
cd_text_search_match (const char *key,
                      const char *query_key)
{
  const char *p = query_key;

  if (query_key == NULL)
    return TRUE;
  if (key == NULL)
    return *query_key == '\0';

  /* Every word must occur somewhere: "an nguyen" finds "Nguyễn Văn An". */
  while (*p)
    {
      const char *end;
      char word[256];
      gsize len;

      while (*p == ' ')
        p++;
      if (*p == '\0')
        break;
      end = strchr (p, ' ');
      len = end ? (gsize) (end - p) : strlen (p);
      if (len >= sizeof word)
        len = sizeof word - 1;
      memcpy (word, p, len);
      word[len] = '\0';
      if (strstr (key, word) == NULL)
        return FALSE;
      p += len;
    }
  return TRUE;
}

/* The Vietnamese alphabet, with the foreign letters in their Latin place:
 *   0 a, 1 ă, 2 â, 3 b, 4 c, 5 d, 6 đ, 7 e, 8 ê, 9 f, 10 g, 11 h, 12 i,
 *   13 j, 14 k, 15 l, 16 m, 17 n, 18 o, 19 ô, 20 ơ, 21 p, 22 q, 23 r,
 *   24 s, 25 t, 26 u, 27 ư, 28 v, 29 w, 30 x, 31 y, 32 z.
 * A letter's place in it; -1 for anything else. */
static int
letter_index (gunichar base,
              gboolean breve,
              gboolean circumflex,
              gboolean horn)
{
  static const signed char ascii[26] = {
    0, 3, 4, 5, 7, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 21, 22, 23, 24, 25, 26, 28, 29, 30, 31, 32 };
  gunichar c = base;

  if (!breve && !circumflex && !horn && c >= 'a' && c <= 'z')
    return ascii[c - 'a'];

  if (c == 'a' && breve)
    c = 0x0103;
  else if (c == 'a' && circumflex)
    c = 0x00E2;
  else if (c == 'e' && circumflex)
    c = 0x00EA;
  else if (c == 'o' && circumflex)
    c = 0x00F4;
  else if (c == 'o' && horn)
    c = 0x01A1;
  else if (c == 'u' && horn)
    c = 0x01B0;
  else if (is_d_bar (c))
    c = 0x0111;
  /* the letters with marks, at their place above (a strcmp()
   * against each of its 33 letters was a third of a sort key) */
  switch (c)
    {
    case 0x0103: return 1;    /* ă */
    case 0x00E2: return 2;    /* â */
    case 0x0111: return 6;    /* đ */
    case 0x00EA: return 8;    /* ê */
    case 0x00F4: return 19;   /* ô */
    case 0x01A1: return 20;   /* ơ */
    case 0x01B0: return 27;   /* ư */
    default: break;
    }
  if (c >= 'a' && c <= 'z')
    return ascii[c - 'a'];   /* a letter with a mark Vietnamese does not use */
  return -1;
}

/* Appends the primary (letters) key of @word to @prim and its tone digit
 * to @tones. */
static void
append_word_key (const char *word,
                 gsize       len,
                 GString    *prim,
                 GString    *tones)
{
  int tone = 0;

  for (const char *p = word; p < word + len; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      gunichar d[8];
      gboolean breve = FALSE, circumflex = FALSE, horn = FALSE;
      gsize n;
      gunichar base;
      int idx;

      if ((guchar) *p < 0x80)
        {
          char a = g_ascii_tolower (*p);
          if (g_ascii_isdigit (a))
            g_string_append_c (prim, a);
          else if (g_ascii_isalpha (a))
            g_string_append_c (prim, (char) ('A' + letter_index ((gunichar) a, FALSE, FALSE, FALSE)));
          /* punctuation (hyphens, dots of initials) is ignored */
          continue;
        }
      n = decompose (g_unichar_tolower (c), d);
      if (n == 0)
        continue;
      base = d[0];
      for (gsize i = 0; i < n; i++)
        {
          gunichar m = d[i];
          if (m == 0x0306)
            breve = TRUE;
          else if (m == 0x0302)
            circumflex = TRUE;
          else if (m == 0x031B)
            horn = TRUE;
          else if (tone_of (m) != 0)
            tone = tone_of (m);
        }
      if (is_mark (base))
        continue;
      idx = letter_index (base, breve, circumflex, horn);
      if (idx >= 0)
        g_string_append_c (prim, (char) ('A' + idx));
      else if (g_unichar_isalpha (base))
        g_string_append_unichar (prim, base);  /* sorts after every letter */
    }
  g_string_append_c (tones, (char) ('0' + tone));
}

char *
cd_text_person_sort_key (const char *full_name,
                         const char *birth_date_iso)
{
  g_autofree char *owned = NULL;
  const char *clean = cd_text_clean_view (full_name, &owned);
  const char *text = clean ? clean : "";
  GString *prim, *tones;

  /* The words found in place, not split into copies: a clean name has
   * single spaces between its words (cd_text_clean()), and this runs for
   * every row an import writes. */
  prim = g_string_sized_new (2 * strlen (text) + 24);
  tones = g_string_sized_new (8);
  if (*text != '\0')
    {
      const char *first_end = strchr (text, ' ');
      const char *last = strrchr (text, ' ');

      /* given name, family name, then the middle names in order */
      if (last == NULL)
        {
          append_word_key (text, strlen (text), prim, tones);
          g_string_append_c (prim, ' ');
        }
      else
        {
          append_word_key (last + 1, strlen (last + 1), prim, tones);
          g_string_append_c (prim, ' ');
          append_word_key (text, (gsize) (first_end - text), prim, tones);
          g_string_append_c (prim, ' ');
          for (const char *p = first_end + 1; p < last + 1;)
            {
              const char *end = strchr (p, ' ');

              append_word_key (p, (gsize) (end - p), prim, tones);
              g_string_append_c (prim, ' ');
              p = end + 1;
            }
        }
    }
  /* \x1f is below every character used above, so a shorter name sorts
   * before a longer one that starts the same way. */
  g_string_append_c (prim, '\x1f');
  g_string_append (prim, tones->str);
  g_string_append_c (prim, '\x1f');
  g_string_append (prim, birth_date_iso && *birth_date_iso ? birth_date_iso : "9999-99-99");
  g_string_append_c (prim, '\x1f');
  g_string_append (prim, clean ? clean : "");
  g_string_free (tones, TRUE);
  return g_string_free (prim, FALSE);
}

static char *
iso_from_dmy (int d, int m, int y)
{
  if (y < 1800 || y > 2200 || m < 1 || m > 12 || d < 1
      || !g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y))
    return NULL;
  /* By hand: g_strdup_printf() was two thirds of parsing a date, asked
   * for twice per imported row. The ranges are checked above. */
  {
    char *iso = g_malloc (11);

    iso[0] = (char) ('0' + y / 1000);
    iso[1] = (char) ('0' + y / 100 % 10);
    iso[2] = (char) ('0' + y / 10 % 10);
    iso[3] = (char) ('0' + y % 10);
    iso[4] = '-';
    iso[5] = (char) ('0' + m / 10);
    iso[6] = (char) ('0' + m % 10);
    iso[7] = '-';
    iso[8] = (char) ('0' + d / 10);
    iso[9] = (char) ('0' + d % 10);
    iso[10] = '\0';
    return iso;
  }
}

char *
cd_text_date_from_serial (double serial)
{
  GDate date;
  long days;

  /* The range first: casting a double out of long's range (a 20-digit
   * cell) or a NaN is undefined behaviour. */
  if (!(serial >= 1 && serial < 2958466))
    return NULL;
  days = (long) serial;
  /* Excel's 1900 system counts 1900-02-29, which never existed: serial 60
   * is that phantom day, and later serials are one day ahead. */
  if (days == 60)
    return NULL;
  g_date_clear (&date, 1);
  if (days < 60)
    {
      g_date_set_dmy (&date, 31, 12, 1899);
      g_date_add_days (&date, (guint) days);
    }
  else
    {
      g_date_set_dmy (&date, 30, 12, 1899);
      g_date_add_days (&date, (guint) days);
    }
  return iso_from_dmy (g_date_get_day (&date), g_date_get_month (&date),
                       g_date_get_year (&date));
}

static gboolean
all_digits (const char *s, gsize len)
{
  if (len == 0)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isdigit (s[i]))
      return FALSE;
  return TRUE;
}

char *
cd_text_parse_date (const char *text)
{
  g_autofree char *s = cd_text_clean (text);
  int a, b, c, n = 0;
  char sep1, sep2;
  gsize len;

  if (s == NULL)
    return NULL;
  len = strlen (s);

  /* dd/mm/yyyy, as nearly every list writes it, without sscanf(): two
   * sscanf() calls were most of a 30,000-row import's date parsing. The
   * general forms below read it the same way. */
  if (len == 10 && (s[2] == '/' || s[2] == '-' || s[2] == '.') && s[5] == s[2]
      && all_digits (s, 2) && all_digits (s + 3, 2) && all_digits (s + 6, 4))
    return iso_from_dmy ((s[0] - '0') * 10 + (s[1] - '0'), (s[3] - '0') * 10 + (s[4] - '0'),
                         atoi (s + 6));

  /* yyyy-mm-dd, maybe followed by a time (xlsx "d" cells, ISO exports) */
  if (len >= 8 && g_ascii_isdigit (s[0]) && sscanf (s, "%4d-%2d-%2d%n", &a, &b, &c, &n) == 3
      && n >= 8 && s[4] == '-' && (s[n] == '\0' || s[n] == 'T' || s[n] == ' '))
    return iso_from_dmy (c, b, a);

  /* d/m/yyyy, dd/mm/yyyy, with / - or . */
  if (sscanf (s, "%2d%c%2d%c%4d%n", &a, &sep1, &b, &sep2, &c, &n) == 5
      && s[n] == '\0' && sep1 == sep2 && (sep1 == '/' || sep1 == '-' || sep1 == '.')
      && n - (int) (strchr (strchr (s, sep1) + 1, sep1) - s) == 5)
    return iso_from_dmy (a, b, c);

  /* An Excel serial: digits with an optional fraction. A lone four-digit
   * number from 1900 to 2100 is a year, not a day number. */
  {
    const char *dot = strchr (s, '.');
    gsize int_len = dot ? (gsize) (dot - s) : len;

    if (all_digits (s, int_len) && (dot == NULL || all_digits (dot + 1, strlen (dot + 1))))
      {
        double v = g_ascii_strtod (s, NULL);
        if (int_len == 4 && dot == NULL && v >= 1900 && v <= 2100)
          return NULL;
        return cd_text_date_from_serial (v);
      }
  }
  return NULL;
}

static gboolean
split_iso (const char *iso, int *y, int *m, int *d)
{
  int n = 0;

  if (iso == NULL || sscanf (iso, "%4d-%2d-%2d%n", y, m, d, &n) != 3 || n != 10)
    return FALSE;
  return *m >= 1 && *m <= 12 && *d >= 1
    && g_date_valid_dmy ((GDateDay) *d, (GDateMonth) *m, (GDateYear) *y);
}

char *
cd_text_date_display (const char *iso)
{
  int y, m, d;

  if (!split_iso (iso, &y, &m, &d))
    return NULL;
  return g_strdup_printf ("%02d/%02d/%04d", d, m, y);
}

char *
cd_text_date_long (const char *iso)
{
  int y, m, d;

  if (!split_iso (iso, &y, &m, &d))
    return NULL;
  return g_strdup_printf ("ngày %02d tháng %s%d năm %d", d, m <= 2 ? "0" : "", m, y);
}

char *
cd_text_today_iso (void)
{
  /* Asked once per date field of every imported row: keep the answer for
   * a second rather than building a GDateTime each time. */
  static GMutex lock;
  static char cached[11];
  static gint64 cached_at;
  gint64 now = g_get_monotonic_time ();
  char *result;

  g_mutex_lock (&lock);
  if (cached[0] == '\0' || now - cached_at > G_USEC_PER_SEC)
    {
      g_autoptr(GDateTime) dt = g_date_time_new_now_local ();
      g_autofree char *s = g_date_time_format (dt, "%Y-%m-%d");
      g_strlcpy (cached, s, sizeof cached);
      cached_at = now;
    }
  result = g_strdup (cached);
  g_mutex_unlock (&lock);
  return result;
}

char *
cd_text_count (guint64 n)
{
  /* Translators: between groups of three digits in a count shown in the
   * window (30,000 people); Vietnamese writes 30.000 */
  return cd_text_group_digits (n, C_("thousands separator", ","));
}

char *
cd_text_group_digits (guint64     n,
                      const char *sep)
{
  g_autofree char *digits = g_strdup_printf ("%" G_GUINT64_FORMAT, n);
  gsize len = strlen (digits);
  GString *out = g_string_sized_new (len + len / 3 * strlen (sep));

  for (gsize i = 0; i < len; i++)
    {
      if (i > 0 && (len - i) % 3 == 0)
        g_string_append (out, sep);
      g_string_append_c (out, digits[i]);
    }
  return g_string_free (out, FALSE);
}
