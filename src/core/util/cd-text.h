/* cd-text.h — Vietnamese text helpers: normalisation, search and sort
 * keys, dates
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* NFC, trimmed, runs of white space (including NBSP and line breaks)
 * collapsed to one space. NULL or an all-blank string gives NULL. Every
 * value goes through this before the store writes it. */
char     *cd_text_clean            (const char *text);

/* cd_text_clean() without a copy when @text is clean already (as most
 * values are, and every value the store wrote): returns @text itself,
 * or the cleaned copy, which *@owned then holds for the caller to free.
 * For checks that only read the clean text. */
const char *cd_text_clean_view     (const char  *text,
                                    char       **owned);

/* *@field = cd_text_clean (*@field), the old value freed; nothing
 * allocated when it is clean already. */
void      cd_text_clean_in_place   (char      **field);

/* Accent-free, lower-case key for searching: "Nguyễn Đặng Hoà" gives
 * "nguyen dang hoa". đ becomes d; every tone and vowel mark is dropped,
 * so old and new tone placement (Hoà/Hòa, Thuỷ/Thủy) give the same key. */
char     *cd_text_search_key       (const char *text);

/* Lower-case NFC key for exact matching of names: keeps every letter and
 * mark but moves each tone mark to the end of its word, so "Hoà" and
 * "Hòa" match while "Hoa" and "Hòa" do not. */
char     *cd_text_name_key         (const char *text);

/* TRUE when every word of @query_key (a search key) occurs in @key. */
gboolean  cd_text_search_match     (const char *key,
                                    const char *query_key);

/* Sort key (compare with strcmp) for a person in Vietnamese order: given
 * name, then family name, then middle names, letters in the Vietnamese
 * alphabet (a ă â b c d đ e ê …), tones only breaking ties, then birth
 * date (ISO, may be NULL: last). */
char     *cd_text_person_sort_key  (const char *full_name,
                                    const char *birth_date_iso);

/* Parses d/m/yyyy, dd/mm/yyyy (also with - or .), yyyy-mm-dd (a time
 * after it is ignored) and Excel serial day numbers ("45296", "45296.0").
 * Returns ISO "yyyy-mm-dd" or NULL when @text is not a valid date. */
char     *cd_text_parse_date       (const char *text);
/* Parses an Excel serial day number only (1900 date system). */
char     *cd_text_date_from_serial (double      serial);

/* "yyyy-mm-dd" → "dd/mm/yyyy"; NULL when @iso is not a valid ISO date. */
char     *cd_text_date_display     (const char *iso);

/* "yyyy-mm-dd" → "ngày 05 tháng 01 năm 2026" as Nghị định 30/2020 writes
 * it (leading zero for days below 10 and for months 1 and 2). Documents
 * are Vietnamese whatever the interface language, so this is not
 * translated. NULL when @iso is not a valid date. */
char     *cd_text_date_long        (const char *iso);

/* Today as ISO, local time. */
char     *cd_text_today_iso        (void);

/* @n for a person to read, its digits grouped by threes with the
 * interface language's separator: "30.000" in Vietnamese, "30,000" in
 * English. Counts shown in the window; never a number a form prints or
 * a reader parses (CCCD, serials, phones stay as typed). */
char     *cd_text_count            (guint64     n);
/* @n with its digits grouped by threes with @separator: documents,
 * Vietnamese whatever the interface, group with "." ("30.000"). */
char     *cd_text_group_digits     (guint64     n,
                                    const char *separator);

G_END_DECLS
