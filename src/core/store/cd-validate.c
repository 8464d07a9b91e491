/* cd-validate.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <glib/gi18n.h>

#include "cd-text.h"
#include "cd-validate.h"

/* Province codes of the CCCD (Thông tư 07/2016/TT-BCA, Thông tư
 * 59/2021/TT-BCA). Cards issued before the 2025 mergers keep them. */
static const struct { const char *code; const char *name; } provinces[] = {
  { "001", "Hà Nội" }, { "002", "Hà Giang" }, { "004", "Cao Bằng" },
  { "006", "Bắc Kạn" }, { "008", "Tuyên Quang" }, { "010", "Lào Cai" },
  { "011", "Điện Biên" }, { "012", "Lai Châu" }, { "014", "Sơn La" },
  { "015", "Yên Bái" }, { "017", "Hòa Bình" }, { "019", "Thái Nguyên" },
  { "020", "Lạng Sơn" }, { "022", "Quảng Ninh" }, { "024", "Bắc Giang" },
  { "025", "Phú Thọ" }, { "026", "Vĩnh Phúc" }, { "027", "Bắc Ninh" },
  { "030", "Hải Dương" }, { "031", "Hải Phòng" }, { "033", "Hưng Yên" },
  { "034", "Thái Bình" }, { "035", "Hà Nam" }, { "036", "Nam Định" },
  { "037", "Ninh Bình" }, { "038", "Thanh Hóa" }, { "040", "Nghệ An" },
  { "042", "Hà Tĩnh" }, { "044", "Quảng Bình" }, { "045", "Quảng Trị" },
  { "046", "Thừa Thiên Huế" }, { "048", "Đà Nẵng" }, { "049", "Quảng Nam" },
  { "051", "Quảng Ngãi" }, { "052", "Bình Định" }, { "054", "Phú Yên" },
  { "056", "Khánh Hòa" }, { "058", "Ninh Thuận" }, { "060", "Bình Thuận" },
  { "062", "Kon Tum" }, { "064", "Gia Lai" }, { "066", "Đắk Lắk" },
  { "067", "Đắk Nông" }, { "068", "Lâm Đồng" }, { "070", "Bình Phước" },
  { "072", "Tây Ninh" }, { "074", "Bình Dương" }, { "075", "Đồng Nai" },
  { "077", "Bà Rịa - Vũng Tàu" }, { "079", "Hồ Chí Minh" }, { "080", "Long An" },
  { "082", "Tiền Giang" }, { "083", "Bến Tre" }, { "084", "Trà Vinh" },
  { "086", "Vĩnh Long" }, { "087", "Đồng Tháp" }, { "089", "An Giang" },
  { "091", "Kiên Giang" }, { "092", "Cần Thơ" }, { "093", "Hậu Giang" },
  { "094", "Sóc Trăng" }, { "095", "Bạc Liêu" }, { "096", "Cà Mau" },
};

const char *
cd_validate_province_name (const char *code)
{
  if (code == NULL)
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (provinces); i++)
    if (strncmp (provinces[i].code, code, 3) == 0)
      return provinces[i].name;
  return NULL;
}

static void
set_message (char **message, char *text)
{
  if (message != NULL)
    *message = text;
  else
    g_free (text);
}

/* Keeps digits, drops the separators people type; FALSE when anything
 * else (a letter) is in the way. */
static gboolean
strip_number (const char *text,
              GString    *digits,
              gboolean    allow_plus)
{
  for (const char *p = text; *p; p++)
    {
      if (g_ascii_isdigit (*p))
        g_string_append_c (digits, *p);
      else if (*p == ' ' || *p == '.' || *p == '-' || *p == '(' || *p == ')'
               || (allow_plus && *p == '+' && digits->len == 0))
        continue;
      else if ((guchar) *p == 0xC2 && (guchar) p[1] == 0xA0)
        p++;
      else
        return FALSE;
    }
  return TRUE;
}

CdCheck
cd_validate_cccd (const char  *text,
                  const char  *birth_date_iso,
                  const char  *gender,
                  char       **normalized,
                  char       **message)
{
  g_autofree char *owned = NULL;
  const char *clean = cd_text_clean_view (text, &owned);
  g_autoptr(GString) d = g_string_new (NULL);
  int century_digit, century, yy;

  if (normalized)
    *normalized = NULL;
  if (message)
    *message = NULL;
  if (clean == NULL)
    {
      set_message (message, g_strdup (_("The CCCD number is empty.")));
      return CD_CHECK_ERROR;
    }
  if (!strip_number (clean, d, FALSE))
    {
      set_message (message, g_strdup_printf (_("The CCCD number “%s” contains letters or signs: it must be 12 digits. Copy it again from the card."), clean));
      return CD_CHECK_ERROR;
    }
  if (d->len == 9)
    {
      if (normalized)
        *normalized = g_strdup (d->str);
      set_message (message, g_strdup_printf (_("“%s” is an old 9-digit ID card (CMND) number. Certificates now need the 12-digit CCCD: ask the staff member for it."), d->str));
      return CD_CHECK_WARNING;
    }
  if (d->len != 12)
    {
      set_message (message, g_strdup_printf (_("The CCCD number “%s” has %u digits; it must have exactly 12. Check it against the card."), d->str, (guint) d->len));
      return CD_CHECK_ERROR;
    }
  if (cd_validate_province_name (d->str) == NULL)
    {
      set_message (message, g_strdup_printf (_("The CCCD number “%s” starts with %.3s, which is not a province code. Check the first three digits against the card."), d->str, d->str));
      return CD_CHECK_ERROR;
    }

  /* Fourth digit: century and sex (0/1 1900s male/female, 2/3 2000s, 4/5
   * 2100s, 6/7 2200s, 8/9 2300s); fifth and sixth: year of birth. */
  century_digit = d->str[3] - '0';
  century = 1900 + 100 * (century_digit / 2);
  yy = (d->str[4] - '0') * 10 + (d->str[5] - '0');
  if (birth_date_iso != NULL && strlen (birth_date_iso) >= 4)
    {
      int year = atoi (birth_date_iso);
      if (year != century + yy)
        {
          set_message (message, g_strdup_printf (_("The CCCD number “%s” belongs to someone born in %d, but the birth date says %d. Check both against the card."), d->str, century + yy, year));
          return CD_CHECK_ERROR;
        }
    }
  if (gender != NULL)
    {
      gboolean female = century_digit % 2 == 1;
      g_autofree char *g = cd_validate_gender (gender);
      if (g != NULL && (strcmp (g, "Nữ") == 0) != female)
        {
          set_message (message, g_strdup_printf (_("The CCCD number “%s” is that of a %s, but the gender says %s. Check both against the card."),
                                                 d->str, female ? _("woman") : _("man"), g));
          return CD_CHECK_ERROR;
        }
    }
  if (normalized)
    *normalized = g_strdup (d->str);
  return CD_CHECK_OK;
}

CdCheck
cd_validate_phone (const char  *text,
                   char       **normalized,
                   char       **message)
{
  g_autofree char *owned = NULL;
  const char *clean = cd_text_clean_view (text, &owned);
  g_autoptr(GString) d = g_string_new (NULL);

  if (normalized)
    *normalized = NULL;
  if (message)
    *message = NULL;
  if (clean == NULL || !strip_number (clean, d, TRUE))
    {
      set_message (message, g_strdup_printf (_("The phone number “%s” is not valid: write 10 digits starting with 0, for example 0912345678."), clean ? clean : ""));
      return CD_CHECK_ERROR;
    }
  /* +84 912 345 678 and 84912345678 are the same as 0912345678. */
  if (d->len == 11 && g_str_has_prefix (d->str, "84"))
    g_string_replace (d, "84", "0", 1);
  else if (d->len == 9 && d->str[0] != '0')
    g_string_prepend_c (d, '0');   /* Excel dropped the leading zero */
  if (d->len != 10 || d->str[0] != '0')
    {
      set_message (message, g_strdup_printf (_("The phone number “%s” is not valid: write 10 digits starting with 0, for example 0912345678."), clean));
      return CD_CHECK_ERROR;
    }
  if (normalized)
    *normalized = g_strdup (d->str);
  return CD_CHECK_OK;
}

gboolean
cd_validate_domain_is_official (const char        *domain,
                                const char *const *official_domains)
{
  if (domain == NULL || official_domains == NULL)
    return FALSE;
  for (guint i = 0; official_domains[i] != NULL; i++)
    {
      const char *pat = official_domains[i];

      if (g_str_has_prefix (pat, "*."))
        {
          const char *base = pat + 2;
          gsize bl = strlen (base), dl = strlen (domain);

          if (g_ascii_strcasecmp (domain, base) == 0)
            return TRUE;
          if (dl > bl + 1 && domain[dl - bl - 1] == '.'
              && g_ascii_strcasecmp (domain + dl - bl, base) == 0)
            return TRUE;
        }
      else if (g_ascii_strcasecmp (domain, pat) == 0)
        return TRUE;
    }
  return FALSE;
}

static gboolean
email_syntax_ok (const char *e)
{
  const char *at = strchr (e, '@');
  const char *dom, *last_dot;

  if (at == NULL || at == e || strchr (at + 1, '@') != NULL || at - e > 64)
    return FALSE;
  for (const char *p = e; p < at; p++)
    if (!(g_ascii_isalnum (*p) || strchr ("._%+-", *p)))
      return FALSE;
  if (e[0] == '.' || at[-1] == '.' || strstr (e, "..") != NULL)
    return FALSE;
  dom = at + 1;
  last_dot = strrchr (dom, '.');
  if (*dom == '\0' || last_dot == NULL || strlen (last_dot + 1) < 2 || strlen (dom) > 253)
    return FALSE;
  for (const char *p = dom; *p; p++)
    {
      if (!(g_ascii_isalnum (*p) || *p == '-' || *p == '.'))
        return FALSE;
      if (*p == '.' && (p == dom || p[-1] == '.' || p[-1] == '-' || p[1] == '-' || p[1] == '\0'))
        return FALSE;
    }
  if (*dom == '-')
    return FALSE;
  for (const char *p = last_dot + 1; *p; p++)
    if (!g_ascii_isalpha (*p))
      return FALSE;
  return TRUE;
}

CdCheck
cd_validate_email (const char         *text,
                   const char *const  *official_domains,
                   char              **normalized,
                   char              **message)
{
  g_autofree char *owned = NULL;
  const char *clean = cd_text_clean_view (text, &owned);
  g_autofree char *lower = NULL;

  if (normalized)
    *normalized = NULL;
  if (message)
    *message = NULL;
  if (clean == NULL || strchr (clean, ' ') != NULL)
    {
      set_message (message, g_strdup_printf (_("The email address “%s” is not valid: write it as name@domain, without spaces."), clean ? clean : ""));
      return CD_CHECK_ERROR;
    }
  lower = g_ascii_strdown (clean, -1);
  if (!email_syntax_ok (lower))
    {
      set_message (message, g_strdup_printf (_("The email address “%s” is not valid: write it as name@domain, without spaces."), clean));
      return CD_CHECK_ERROR;
    }
  if (normalized)
    *normalized = g_strdup (lower);
  if (official_domains != NULL
      && !cd_validate_domain_is_official (strchr (lower, '@') + 1, official_domains))
    {
      set_message (message, g_strdup_printf (_("“%s” is not an official (công vụ) email address. Certificates need the official address: ask the staff member for it, or add the domain in Preferences."), lower));
      return CD_CHECK_WARNING;
    }
  return CD_CHECK_OK;
}

CdCheck
cd_validate_past_date (const char  *iso,
                       const char  *today_iso,
                       const char  *field,
                       char       **message)
{
  g_autofree char *today = today_iso ? g_strdup (today_iso) : cd_text_today_iso ();

  if (message)
    *message = NULL;
  if (iso == NULL)
    return CD_CHECK_OK;
  if (strcmp (iso, today) > 0)
    {
      g_autofree char *shown = cd_text_date_display (iso);
      set_message (message, g_strdup_printf (_("%s “%s” is in the future. Check the date (day/month/year)."), field, shown ? shown : iso));
      return CD_CHECK_ERROR;
    }
  return CD_CHECK_OK;
}

char *
cd_validate_gender (const char *text)
{
  g_autofree char *key = NULL;

  if (text == NULL)
    return NULL;
  /* already normalised: the usual case, asked once per check */
  if (strcmp (text, "Nam") == 0 || strcmp (text, "Nữ") == 0)
    return g_strdup (text);
  key = cd_text_search_key (text);
  if (strcmp (key, "nam") == 0 || strcmp (key, "m") == 0 || strcmp (key, "male") == 0)
    return g_strdup ("Nam");
  if (strcmp (key, "nu") == 0 || strcmp (key, "f") == 0 || strcmp (key, "female") == 0)
    return g_strdup ("Nữ");
  return NULL;
}

gboolean
cd_validate_length (const char  *text,
                    const char  *label,
                    glong        max,
                    char       **message)
{
  glong len;

  if (text == NULL || strlen (text) <= (gsize) max)
    return TRUE;
  len = g_utf8_strlen (text, -1);
  if (len <= max)
    return TRUE;
  if (message)
    /* Translators: %s is a field, e.g. "The full name" */
    *message = g_strdup_printf (_("%s is %ld characters long; at most %ld are allowed. Shorten it, then try again."),
                                label, len, max);
  return FALSE;
}

gboolean
cd_validate_no_bidi (const char  *text,
                     const char  *label,
                     char       **message)
{
  /* All of them are three bytes starting 0xE2 0x80/0x81: a byte scan
   * finds them without decoding the text. */
  for (const char *p = text; p != NULL && (p = strchr (p, '\xE2')) != NULL; p++)
    {
      gunichar c = g_utf8_get_char_validated (p, 3);

      if ((c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069))
        {
          if (message)
            /* Translators: %s is a field, e.g. "The full name"; U+%04X
             * the character, e.g. U+202E */
            *message = g_strdup_printf (_("%s holds an invisible character that changes the direction of the text (U+%04X), so it would show differently from what is stored. It often comes from text copied from a web page. Type the field again, then try again."),
                                        label, c);
          return FALSE;
        }
    }
  return TRUE;
}
