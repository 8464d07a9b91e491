/* test-text.c — Vietnamese text helpers on real names
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "cd-test-util.h"
#include "cd-text.h"

static void
test_clean (void)
{
  g_autofree char *a = cd_text_clean ("  Nguye\xcc\x82\xcc\x83n \xc2\xa0 Va\xcc\x86n\tAn \xe2\x80\x8b");
  g_autofree char *b = cd_text_clean (" \t ");

  /* decomposed ễ/ă recomposed (NFC), spaces and NBSP collapsed, ZWSP gone */
  g_assert_cmpstr (a, ==, "Nguyễn Văn An");
  g_assert_null (b);
  g_assert_null (cd_text_clean (NULL));
}

static void
test_search_key (void)
{
  static const struct { const char *in, *out; } cases[] = {
    { "Nguyễn", "nguyen" },
    { "ĐẶNG THỊ Hồng", "dang thi hong" },
    { "Đặng", "dang" },
    { "Hoà", "hoa" },
    { "Hòa", "hoa" },
    { "Thuỷ", "thuy" },
    { "Thủy", "thuy" },
    { "Lương Thế Vinh", "luong the vinh" },
    { "Ưng Hoàng Phúc", "ung hoang phuc" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *k = cd_text_search_key (cases[i].in);
      g_assert_cmpstr (k, ==, cases[i].out);
    }
  {
    g_autofree char *row = cd_text_search_key ("Nguyễn Văn An");
    g_autofree char *q1 = cd_text_search_key ("an nguyen");
    g_autofree char *q2 = cd_text_search_key ("NGUYÊN VAN");
    g_autofree char *q3 = cd_text_search_key ("binh");
    g_assert_true (cd_text_search_match (row, q1));
    g_assert_true (cd_text_search_match (row, q2));
    g_assert_false (cd_text_search_match (row, q3));
    g_assert_true (cd_text_search_match (row, ""));
  }
}

static void
test_name_key (void)
{
  g_autofree char *a = cd_text_name_key ("Nguyễn Thị Hoà");
  g_autofree char *b = cd_text_name_key ("nguyễn thị  Hòa");
  g_autofree char *c = cd_text_name_key ("Nguyễn Thị Hoa");
  g_autofree char *d = cd_text_name_key ("Lê Thuỷ");
  g_autofree char *e = cd_text_name_key ("LÊ THỦY");

  /* tone placement does not matter, the tone itself does */
  g_assert_cmpstr (a, ==, b);
  g_assert_cmpstr (a, !=, c);
  g_assert_cmpstr (d, ==, e);
}

static int
cmp_people (const char *a, const char *ba, const char *b, const char *bb)
{
  g_autofree char *ka = cd_text_person_sort_key (a, ba);
  g_autofree char *kb = cd_text_person_sort_key (b, bb);
  return strcmp (ka, kb);
}

static void
test_person_sort (void)
{
  /* given name first */
  g_assert_cmpint (cmp_people ("Trần Văn An", NULL, "Lê Thị Bình", NULL), <, 0);
  /* then family name */
  g_assert_cmpint (cmp_people ("Lê Văn An", NULL, "Trần Văn An", NULL), <, 0);
  /* then middle names */
  g_assert_cmpint (cmp_people ("Lê Thị An", NULL, "Lê Văn An", NULL), <, 0);
  /* then birth date */
  g_assert_cmpint (cmp_people ("Lê Văn An", "1980-01-01", "Lê Văn An", "1990-01-01"), <, 0);
  /* Vietnamese alphabet: a < ă < â < b, d < đ < e, o < ô < ơ, u < ư */
  g_assert_cmpint (cmp_people ("Lê Anh", NULL, "Lê Ăn", NULL), <, 0);
  g_assert_cmpint (cmp_people ("Lê Ăn", NULL, "Lê Ân", NULL), <, 0);
  g_assert_cmpint (cmp_people ("Lê Ân", NULL, "Lê Bảo", NULL), <, 0);
  g_assert_cmpint (cmp_people ("Lê Dung", NULL, "Lê Đức", NULL), <, 0);
  g_assert_cmpint (cmp_people ("Lê Đức", NULL, "Lê Em", NULL), <, 0);
  g_assert_cmpint (cmp_people ("Lê Ơn", NULL, "Lê Phương", NULL), <, 0);
  g_assert_cmpint (cmp_people ("Lê Uyên", NULL, "Lê Ưng", NULL), <, 0);
  /* every letter in its place, the foreign ones in their Latin place */
  {
    static const char *const letters[] = {
      "a", "ă", "â", "b", "c", "d", "đ", "e", "ê", "f", "g", "h", "i", "j", "k", "l", "m",
      "n", "o", "ô", "ơ", "p", "q", "r", "s", "t", "u", "ư", "v", "w", "x", "y", "z",
    };

    for (guint i = 1; i < G_N_ELEMENTS (letters); i++)
      {
        g_autofree char *a = g_strconcat ("Lê ", letters[i - 1], "n", NULL);
        g_autofree char *b = g_strconcat ("Lê ", letters[i], "n", NULL);

        g_assert_cmpint (cmp_people (a, NULL, b, NULL), <, 0);
      }
    /* a mark Vietnamese does not use leaves the letter where it is */
    g_assert_cmpint (cmp_people ("Lê Ĕn", NULL, "Lê Ên", NULL), <, 0);
    g_assert_cmpint (cmp_people ("Lê Dn", NULL, "Lê Ĕn", NULL), <, 0);
  }
  /* "An" before "Anh" (shorter word first) */
  g_assert_cmpint (cmp_people ("Trần Văn Anh", NULL, "Vũ Thị An", NULL), >, 0);
  /* tones only break ties: "Hà" and "Hạ" after "Ha", before "Hai" */
  g_assert_cmpint (cmp_people ("Lê Hà", NULL, "Lê Hai", NULL), <, 0);
  g_assert_cmpint (cmp_people ("Lê Ha", NULL, "Lê Hà", NULL), <, 0);
  /* case does not matter */
  g_assert_cmpint (cmp_people ("NGUYỄN VĂN AN", NULL, "Lê Thị Bình", NULL), <, 0);
  /* Hoà and Hòa sort together */
  {
    g_autofree char *a = cd_text_person_sort_key ("Lê Hoà", NULL);
    g_autofree char *b = cd_text_person_sort_key ("Lê Hòa", NULL);
    g_assert_cmpint (strncmp (a, b, strchr (a, '\x1f') - a), ==, 0);
  }
}

static void
test_parse_date (void)
{
  static const struct { const char *in, *out; } cases[] = {
    { "5/1/2026", "2026-01-05" },
    { "05/01/2026", "2026-01-05" },
    { "5-1-2026", "2026-01-05" },
    { "05.01.2026", "2026-01-05" },
    { "2026-01-05", "2026-01-05" },
    { "2026-01-05T00:00:00", "2026-01-05" },
    { "29/02/2024", "2024-02-29" },
    { "46027", "2026-01-05" },        /* Excel serial */
    { "46027.0", "2026-01-05" },
    { "29221", "1980-01-01" },
    { "1", "1900-01-01" },
    { "59", "1900-02-28" },
    { "61", "1900-03-01" },
    { "29/02/2023", NULL },
    { "31/04/2020", NULL },
    { "13/13/2020", NULL },
    { "1980", NULL },                 /* a year only */
    { "05/01/26", NULL },
    { "ngày 5", NULL },
    { "", NULL },
    { "60", NULL },                   /* Excel's phantom 29/02/1900 */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *iso = cd_text_parse_date (cases[i].in);
      g_test_message ("%s", cases[i].in);
      g_assert_cmpstr (iso, ==, cases[i].out);
    }
}

static void
test_date_display (void)
{
  g_autofree char *a = cd_text_date_display ("2026-01-05");
  g_autofree char *b = cd_text_date_long ("2026-01-05");
  g_autofree char *c = cd_text_date_long ("2026-02-28");
  g_autofree char *d = cd_text_date_long ("2025-03-09");
  g_autofree char *e = cd_text_date_long ("2025-12-31");

  g_assert_cmpstr (a, ==, "05/01/2026");
  g_assert_cmpstr (b, ==, "ngày 05 tháng 01 năm 2026");
  g_assert_cmpstr (c, ==, "ngày 28 tháng 02 năm 2026");
  /* Nghị định 30: leading zero only for months 1 and 2 */
  g_assert_cmpstr (d, ==, "ngày 09 tháng 3 năm 2025");
  g_assert_cmpstr (e, ==, "ngày 31 tháng 12 năm 2025");
  g_assert_null (cd_text_date_display ("2026-13-01"));
  g_assert_null (cd_text_date_long (NULL));
}

/* A cell of 1 MB of alternating combining marks (no base letter): GLib's
 * canonical reordering is quadratic in a run of marks, so this took
 * minutes. Runs are cut to what any real text has, in linear time. */
/* The importer's way: no copy of a value that is clean already, the
 * same result as cd_text_clean() otherwise. */
static void
test_clean_in_place (void)
{
  static const char *const values[] = {
    "Nguyễn Văn An", "  Lê  Thị\u00a0Bình ", "Hoa\u0300", "x\u200by", "\t", "", "a\nb",
  };

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      g_autofree char *expected = cd_text_clean (values[i]);
      g_autofree char *owned = NULL;
      char *field = g_strdup (values[i]);
      char *was = field;
      const char *view = cd_text_clean_view (values[i], &owned);

      g_assert_cmpstr (view, ==, expected);
      cd_text_clean_in_place (&field);
      g_assert_cmpstr (field, ==, expected);
      /* the value itself when cleaning does not change it */
      if (g_strcmp0 (expected, values[i]) == 0)
        {
          g_assert_true (view == values[i]);
          g_assert_null (owned);
          g_assert_true (field == was);
        }
      else
        g_assert_true (view != values[i]);
      g_free (field);
    }
  {
    char *none = NULL;
    g_autofree char *owned = NULL;

    cd_text_clean_in_place (&none);
    g_assert_null (none);
    g_assert_null (cd_text_clean_view (NULL, &owned));
  }
}

static void
test_clean_mark_runs (void)
{
  GString *s = g_string_new ("Nguy\xe1\xbb\x85n ");   /* Nguyễn */
  g_autofree char *clean = NULL;
  g_autofree char *key = NULL;
  guint run = 0, longest = 0;

  while (s->len < 1024 * 1024)
    {
      g_string_append_unichar (s, 0x0301);   /* above, class 230 */
      g_string_append_unichar (s, 0x0316);   /* below, class 220 */
    }
  g_string_append (s, " Hoa");
  clean = cd_text_clean (s->str);
  g_assert_nonnull (clean);
  g_assert_true (g_str_has_prefix (clean, "Nguy\xe1\xbb\x85n "));
  g_assert_true (g_str_has_suffix (clean, " Hoa"));
  for (const char *p = clean; *p; p = g_utf8_next_char (p))
    {
      run = g_unichar_combining_class (g_utf8_get_char (p)) != 0 ? run + 1 : 0;
      longest = MAX (longest, run);
    }
  g_assert_cmpuint (longest, >, 0);
  g_assert_cmpuint (longest, <=, 30);
  key = cd_text_search_key (s->str);
  g_assert_cmpstr (key, ==, "nguyen  hoa");
  g_string_free (s, TRUE);

  /* Decomposed Vietnamese still composes: marks of a real letter stay. */
  g_clear_pointer (&clean, g_free);
  clean = cd_text_clean ("Tr\xc3\xa2\xcc\x80n Thi\xcc\xa3 Ho\xcc\x80" "a");   /* Trần Thị Hòa, decomposed */
  g_assert_cmpstr (clean, ==, "Tr\xe1\xba\xa7n Th\xe1\xbb\x8b H\xc3\xb2" "a");
}

/* Out-of-range serials (a 20-digit number typed in a date column, NaN,
 * infinities) give no date, without casting them to long first (issue
 * 20, D10: undefined behaviour that clang's float-cast-overflow
 * sanitizer reports; GCC's has no such check). */
static void
test_date_serial_range (void)
{
  g_autofree char *ok = cd_text_date_from_serial (45292.0);

  g_assert_cmpstr (ok, ==, "2024-01-01");
  g_assert_null (cd_text_date_from_serial (12345678901234567890.0));
  g_assert_null (cd_text_date_from_serial (-12345678901234567890.0));
  g_assert_null (cd_text_date_from_serial (1e300));
  g_assert_null (cd_text_date_from_serial (NAN));
  g_assert_null (cd_text_date_from_serial (INFINITY));
  g_assert_null (cd_text_date_from_serial (-INFINITY));
  g_assert_null (cd_text_date_from_serial (60.0));
  g_assert_null (cd_text_date_from_serial (0.5));
}

/* Counts in the window are grouped by threes, the Vietnamese way
 * (the footer said "30000 cán bộ"). */
static void
test_count (void)
{
  const struct { guint64 n; const char *text; } cases[] = {
    { 0, "0" }, { 7, "7" }, { 999, "999" }, { 1000, "1.000" }, { 30000, "30.000" },
    { 100000, "100.000" }, { 1234567, "1.234.567" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = cd_text_count (cases[i].n);

      g_assert_cmpstr (text, ==, cases[i].text);
    }
  /* documents group the Vietnamese way whatever the interface */
  {
    g_autofree char *text = cd_text_group_digits (30000, ".");
    g_autofree char *en = cd_text_group_digits (1234567, ",");

    g_assert_cmpstr (text, ==, "30.000");
    g_assert_cmpstr (en, ==, "1,234,567");
  }
}

int
main (int argc, char *argv[])
{
  cd_test_init (&argc, &argv);

  g_test_add_func ("/core/store/text/clean", test_clean);
  g_test_add_func ("/core/store/text/clean-mark-runs", test_clean_mark_runs);
  g_test_add_func ("/core/store/text/clean-in-place", test_clean_in_place);
  g_test_add_func ("/core/store/text/search-key", test_search_key);
  g_test_add_func ("/core/store/text/name-key", test_name_key);
  g_test_add_func ("/core/store/text/person-sort", test_person_sort);
  g_test_add_func ("/core/store/text/parse-date", test_parse_date);
  g_test_add_func ("/core/store/text/date-serial-range", test_date_serial_range);
  g_test_add_func ("/core/store/text/date-display", test_date_display);
  g_test_add_func ("/core/store/text/count", test_count);

  return g_test_run ();
}
