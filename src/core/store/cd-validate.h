/* cd-validate.h — checks of identity numbers, phones, emails and dates
 *
 * Each check returns OK, WARNING (the value is kept, the clerk is told)
 * or ERROR (the value is refused). @message, when not NULL, receives a
 * translated sentence saying what is wrong and what to do; @normalized
 * the value as the register stores it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  CD_CHECK_OK = 0,
  CD_CHECK_WARNING,
  CD_CHECK_ERROR,
} CdCheck;

/* Số CCCD / định danh cá nhân: 12 digits (spaces and dots removed); the
 * first three a known province code, the fourth the century and sex of
 * the holder, the fifth and sixth the last two digits of the birth year.
 * @birth_date_iso and @gender ("Nam"/"Nữ") may be NULL; when given they
 * must agree with the number. A 9-digit CMND is a WARNING. */
CdCheck     cd_validate_cccd          (const char  *text,
                                       const char  *birth_date_iso,
                                       const char  *gender,
                                       char       **normalized,
                                       char       **message);

/* The province of a CCCD's first three digits, NULL when unknown. */
const char *cd_validate_province_name (const char  *code);

/* Mobile or landline: 10 digits starting with 0; "+84", "84", spaces,
 * dots, dashes and brackets are accepted and normalised to 0xxxxxxxxx. */
CdCheck     cd_validate_phone         (const char  *text,
                                       char       **normalized,
                                       char       **message);

/* Email syntax; lower-cased. A WARNING when the domain matches none of
 * @official_domains ("*.gov.vn" matches gov.vn and any sub-domain; the
 * GSettings key official-email-domains). NULL @official_domains skips the
 * domain check. */
CdCheck     cd_validate_email         (const char  *text,
                                       const char *const *official_domains,
                                       char       **normalized,
                                       char       **message);
gboolean    cd_validate_domain_is_official (const char        *domain,
                                            const char *const *official_domains);

/* An ISO date that must not be after @today_iso (NULL: today).
 * @field is the translated name of the field for the message. */
CdCheck     cd_validate_past_date     (const char  *iso,
                                       const char  *today_iso,
                                       const char  *field,
                                       char       **message);

/* "Nam" or "Nữ" from the many ways lists write it (nam, NỮ, nu, M, F,
 * x under a "Nữ" column is not handled here); NULL when not recognised. */
char       *cd_validate_gender        (const char  *text);

/* Longest text a register field takes, in characters: lengths a real
 * record has, far under what the exports and the page layout handle. */
#define CD_MAX_NAME_CHARS     200   /* names, positions, departments, places */
#define CD_MAX_ADDRESS_CHARS  500   /* addresses, reasons */
#define CD_MAX_NOTE_CHARS    2000   /* notes */
#define CD_MAX_EMAIL_CHARS    254   /* RFC 5321 */

/* TRUE when @text (UTF-8, may be NULL) has at most @max characters;
 * otherwise FALSE and @message says which field (@label, e.g. "The full
 * name"), how long it is and the limit. */
gboolean    cd_validate_length        (const char  *text,
                                       const char  *label,
                                       glong        max,
                                       char       **message);

/* TRUE when @text (UTF-8, may be NULL) holds no invisible direction
 * control (U+202A–U+202E embeddings and overrides, U+2066–U+2069
 * isolates): with one, "Nguyễn \u202Enăv" shows as another name
 * than it is. Otherwise FALSE, and @message says which field (@label,
 * e.g. "The full name"), which character and what to do. Refused, not
 * stripped: the clerk sees what the register keeps (issue 20, D17). */
gboolean    cd_validate_no_bidi       (const char  *text,
                                       const char  *label,
                                       char       **message);

G_END_DECLS
