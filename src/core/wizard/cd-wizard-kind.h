/* cd-wizard-kind.h — the kinds of list the wizards write and the cases of
 * revocation
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Kind ids are the documents engine's (cd_doc_kind_lookup()):
 * "cap-moi", "cap-lai", "gia-han", "thay-doi", "khoi-phuc", "hom-thu"
 * (request list) and "thu-hoi" (revocation list). */
#define CD_WIZARD_KIND_REVOCATION "thu-hoi"

/* The request kinds in wizard order (NULL-terminated), the unit's own
 * ("mau-02": its organisation certificate; "mau-03": a service's or
 * device's certificate) last. */
const char * const *cd_wizard_request_kinds (void);
/* Translated title ("Cấp mới") and one-line explanation of when it
 * applies. NULL for an unknown kind; the title of a form recorded as a
 * list from the command line (Mẫu 01, 04, 05, 06) is the form's. */
const char *cd_wizard_kind_title       (const char *kind);
/* Whether @kind is one of the wizard's own (a request or the
 * revocation), not a form's. */
gboolean    cd_wizard_kind_is_known    (const char *kind);
const char *cd_wizard_kind_explanation (const char *kind);
/* Whether @kind is about the unit rather than people (Mẫu 02 and 03):
 * its list has no people, the document carries the unit's row. */
gboolean    cd_wizard_kind_is_unit     (const char *kind);
/* The kind's word in the suggested file name ("de_nghi_cap_moi"), NULL
 * for an unknown kind. */
const char *cd_wizard_kind_file_word   (const char *kind);
/* The wizard's kind whose people a document of @doc_kind lists, so that
 * the command line judges them by the wizard's rules: the kind itself,
 * "cap-moi" for Mẫu 01, "gia-han" for Mẫu 04 (renewal or change: both
 * of a certificate still in force), "thu-hoi" for Mẫu 05, "khoi-phuc"
 * for Mẫu 06. NULL for the documents the wizard does not list people on
 * (the unit's Mẫu 02 and 03, the device minutes, the register). */
const char *cd_wizard_kind_of_document (const char *doc_kind);
/* Whether a list (a draft or batch) of @kind asks to revoke: the
 * Danh sách thu hồi and Mẫu 05, the Sở's form of it. */
gboolean    cd_wizard_kind_is_revocation (const char *kind);

/* The kinds of list @doc_kinds (cd_doc_kinds ids, NULL-terminated) in
 * the clerk's words, as the wizard's kind step names them, for a
 * sentence: "a revocation list" (thu-hoi, mau-05), "a new certificate
 * or renewal list", or past two kinds only the first two ("a request
 * list (new certificate, renewal, …)", the 9 request kinds). With no
 * kind of the wizard's, the sort alone (@revocation). */
char       *cd_wizard_kinds_phrase     (const char * const *doc_kinds,
                                        gboolean            revocation);

/* Revocation cases (Nghị định 68/2024 Điều 17 and the Hải Phòng 2025
 * plan: moved out of the province, retired or quit, others). */
typedef enum {
  CD_REVOKE_MOVED_PROVINCE = 0,
  CD_REVOKE_RETIRED,            /* nghỉ hưu, thôi việc */
  CD_REVOKE_CHANGED_POSITION,
  CD_REVOKE_DIED,
  CD_REVOKE_KEY_EXPOSED,
  CD_REVOKE_DEVICE_LOST,        /* thiết bị bị mất hoặc hỏng */
  CD_REVOKE_OTHER,              /* free text */
  CD_REVOKE_N_REASONS
} CdRevokeReason;

const char    *cd_revoke_reason_to_id   (CdRevokeReason reason);
CdRevokeReason cd_revoke_reason_from_id (const char    *id);
/* Translated text as printed in the list ("Nghỉ hưu, thôi việc"). */
const char    *cd_revoke_reason_label   (CdRevokeReason reason);
/* The case a staff member's left_reason describes (accents ignored);
 * OTHER when none matches. */
CdRevokeReason cd_revoke_reason_guess   (const char    *left_reason);

G_END_DECLS
