/* cd-cert-pick.h — what a certificate is for, who issued it, and which
 * of a person's certificates counts
 *
 * A person often holds several certificates: a chuyên dùng signing and
 * encryption pair from the Ban Cơ yếu Chính phủ on one token, and a
 * commercial one (VNPT, Viettel…) for tax or insurance. The circulars
 * only deal with the chuyên dùng signing certificate, so the register's
 * status, the renewal lists and the Cục's sheets all pick it here.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cd-model.h"

G_BEGIN_DECLS

/* SIGNING when a signature bit is set or the extension is absent,
 * ENCRYPTION when only encipherment / key agreement bits are. */
CdCertPurpose  cd_cert_purpose_from_usage  (CdKeyUsage     usage);
/* GOVERNMENT when the issuer (O, CN or whole DN, any may be NULL) is one
 * of the Ban Cơ yếu Chính phủ's CAs (State or Party sector). */
CdCertTrack    cd_cert_track_from_issuer   (const char    *issuer_cn,
                                            const char    *issuer_o,
                                            const char    *issuer_dn);
/* Sets @cert's purpose and track from its key usage and issuer (or its
 * provider, for a typed-in one). A certificate naming no issuer and no
 * provider is taken as GOVERNMENT: the register is kept for those. */
void           cd_certificate_classify     (CdCertificate *cert);

/* "signing" / "encryption"; "government" / "public": stored and printed
 * by the CLI's JSON. */
const char    *cd_cert_purpose_to_string   (CdCertPurpose  purpose);
const char    *cd_cert_track_to_string     (CdCertTrack    track);
/* The inverse; unknown or NULL gives SIGNING / PUBLIC. */
CdCertPurpose  cd_cert_purpose_from_string (const char    *s);
CdCertTrack    cd_cert_track_from_string   (const char    *s);
/* Display names: "Ký số" / "Mã hóa"; "Chuyên dùng" / "Công cộng". */
const char    *cd_cert_purpose_label       (CdCertPurpose  purpose);
const char    *cd_cert_track_label         (CdCertTrack    track);

/* How much a certificate counts for its holder's status; higher wins,
 * then the later not_after, then the higher id. A valid chuyên dùng
 * signing certificate beats every other; any chuyên dùng one beats every
 * commercial one; not revoked beats revoked; signing beats encryption. */
int            cd_cert_pick_rank           (CdCertTrack    track,
                                            CdCertPurpose  purpose,
                                            gboolean       revoked,
                                            gint64         not_before,
                                            gint64         not_after,
                                            gint64         now);
/* Whether (@rank_a, @not_after_a, @id_a) is picked over the b triple. */
gboolean       cd_cert_pick_better         (int            rank_a,
                                            gint64         not_after_a,
                                            gint64         id_a,
                                            int            rank_b,
                                            gint64         not_after_b,
                                            gint64         id_b);
/* Whether the documents of @kind go to the Ban Cơ yếu (every wizard and
 * document kind except NULL and "register"), so only chuyên dùng
 * certificates may appear in them. */
gboolean       cd_cert_kind_is_government  (const char    *kind);
/* The certificate of @certs (CdCertificate, one person's) that counts
 * for the procedure @kind at @now: the best by cd_cert_pick_rank(), and
 * for a Ban Cơ yếu kind only among chuyên dùng certificates (NULL when
 * the person has none). @kind NULL: the one the person's status shows.
 * Returns a pointer into @certs, or NULL. */
CdCertificate *cd_certificate_pick_for_procedure (GPtrArray  *certs,
                                                  const char *kind,
                                                  gint64      now);

G_END_DECLS
