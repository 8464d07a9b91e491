/* cd-cert-pick.c — purpose, track and the certificate that counts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "cd-cert-pick.h"
#include "cd-text.h"

CdCertPurpose
cd_cert_purpose_from_usage (CdKeyUsage usage)
{
  /* A key that may sign is a signing certificate even when it may also
   * encrypt; no extension means any use (RFC 5280), and a typed-in
   * certificate is almost always the signing one. */
  if ((usage & CD_KEY_USAGE_ENCRYPTION) && !(usage & CD_KEY_USAGE_SIGNING))
    return CD_CERT_PURPOSE_ENCRYPTION;
  return CD_CERT_PURPOSE_SIGNING;
}

static gboolean
names_government_ca (const char *text)
{
  /* Accent-free lower-case needles: the Ban Cơ yếu's organisation, its
   * State CAs ("CA phục vụ các cơ quan Nhà nước G2", "RootCA chuyên dùng
   * Chính phủ G2") and the Party-sector sibling ("… cơ quan Đảng"). */
  static const char *const needles[] = {
    "ban co yeu", "government cipher", "chuyen dung chinh phu",
    "co quan nha nuoc", "co quan dang", "vgca",
  };
  g_autofree char *key = NULL;

  if (text == NULL || *text == '\0')
    return FALSE;
  key = cd_text_search_key (text);
  for (guint i = 0; key != NULL && i < G_N_ELEMENTS (needles); i++)
    if (strstr (key, needles[i]) != NULL)
      return TRUE;
  return FALSE;
}

CdCertTrack
cd_cert_track_from_issuer (const char *issuer_cn,
                           const char *issuer_o,
                           const char *issuer_dn)
{
  /* Certificates come in runs from the same issuer, and folding three
   * names costs more than reading the certificate: remember the last. */
  static GMutex lock;
  static char *last_hay;
  static CdCertTrack last_track;
  g_autofree char *hay = g_strdup_printf ("%s\x1f%s\x1f%s", issuer_o ? issuer_o : "",
                                          issuer_cn ? issuer_cn : "", issuer_dn ? issuer_dn : "");
  CdCertTrack track;

  g_mutex_lock (&lock);
  if (last_hay != NULL && strcmp (last_hay, hay) == 0)
    {
      track = last_track;
      g_mutex_unlock (&lock);
      return track;
    }
  g_mutex_unlock (&lock);

  track = names_government_ca (issuer_o) || names_government_ca (issuer_cn)
          || names_government_ca (issuer_dn)
          ? CD_CERT_TRACK_GOVERNMENT : CD_CERT_TRACK_PUBLIC;

  g_mutex_lock (&lock);
  g_free (last_hay);
  last_hay = g_steal_pointer (&hay);
  last_track = track;
  g_mutex_unlock (&lock);
  return track;
}

static gboolean
is_empty (const char *s)
{
  return s == NULL || *s == '\0';
}

void
cd_certificate_classify (CdCertificate *cert)
{
  g_return_if_fail (cert != NULL);
  cert->purpose = cd_cert_purpose_from_usage (cert->key_usage);
  cert->track = cd_cert_track_from_issuer (cert->issuer_cn, cert->issuer_o, cert->issuer_dn);
  /* A typed-in certificate may only name its provider, or nothing: the
   * register exists for the chuyên dùng certificates, so one that names
   * no issuer at all stays on the Ban Cơ yếu's lists as before. */
  if (cert->track == CD_CERT_TRACK_PUBLIC
      && (names_government_ca (cert->provider)
          || (is_empty (cert->issuer_cn) && is_empty (cert->issuer_o)
              && is_empty (cert->issuer_dn) && is_empty (cert->provider))))
    cert->track = CD_CERT_TRACK_GOVERNMENT;
}

const char *
cd_cert_purpose_to_string (CdCertPurpose purpose)
{
  return purpose == CD_CERT_PURPOSE_ENCRYPTION ? "encryption" : "signing";
}

const char *
cd_cert_track_to_string (CdCertTrack track)
{
  return track == CD_CERT_TRACK_GOVERNMENT ? "government" : "public";
}

CdCertPurpose
cd_cert_purpose_from_string (const char *s)
{
  return g_strcmp0 (s, "encryption") == 0 ? CD_CERT_PURPOSE_ENCRYPTION : CD_CERT_PURPOSE_SIGNING;
}

CdCertTrack
cd_cert_track_from_string (const char *s)
{
  return g_strcmp0 (s, "government") == 0 ? CD_CERT_TRACK_GOVERNMENT : CD_CERT_TRACK_PUBLIC;
}

const char *
cd_cert_purpose_label (CdCertPurpose purpose)
{
  if (purpose == CD_CERT_PURPOSE_ENCRYPTION)
    return C_("certificate purpose", "Encryption");
  return C_("certificate purpose", "Signing");
}

const char *
cd_cert_track_label (CdCertTrack track)
{
  if (track == CD_CERT_TRACK_GOVERNMENT)
    /* Translators: chuyên dùng, issued by the Government Cipher Committee */
    return C_("certificate track", "Government");
  /* Translators: công cộng, from a commercial provider */
  return C_("certificate track", "Public");
}

int
cd_cert_pick_rank (CdCertTrack   track,
                   CdCertPurpose purpose,
                   gboolean      revoked,
                   gint64        not_before,
                   gint64        not_after,
                   gint64        now)
{
  gboolean signing = purpose == CD_CERT_PURPOSE_SIGNING;
  gboolean valid = !revoked && not_before <= now && now < not_after;
  int rank = 0;

  if (track == CD_CERT_TRACK_GOVERNMENT)
    rank += 16;
  if (track == CD_CERT_TRACK_GOVERNMENT && signing && valid)
    rank += 8;
  if (!revoked)
    rank += 2;
  if (signing)
    rank += 1;
  return rank;
}

gboolean
cd_cert_pick_better (int    rank_a,
                     gint64 not_after_a,
                     gint64 id_a,
                     int    rank_b,
                     gint64 not_after_b,
                     gint64 id_b)
{
  if (rank_a != rank_b)
    return rank_a > rank_b;
  if (not_after_a != not_after_b)
    return not_after_a > not_after_b;
  return id_a > id_b;
}

gboolean
cd_cert_kind_is_government (const char *kind)
{
  return kind != NULL && !g_str_equal (kind, "register");
}

CdCertificate *
cd_certificate_pick_for_procedure (GPtrArray  *certs,
                                   const char *kind,
                                   gint64      now)
{
  gboolean government_only = cd_cert_kind_is_government (kind);
  CdCertificate *best = NULL;
  int best_rank = -1;

  for (guint i = 0; certs != NULL && i < certs->len; i++)
    {
      CdCertificate *c = g_ptr_array_index (certs, i);
      int rank;

      if (government_only && c->track != CD_CERT_TRACK_GOVERNMENT)
        continue;
      rank = cd_cert_pick_rank (c->track, c->purpose, c->revoked, c->not_before, c->not_after, now);
      if (best == NULL || cd_cert_pick_better (rank, c->not_after, c->id,
                                               best_rank, best->not_after, best->id))
        {
          best = c;
          best_rank = rank;
        }
    }
  return best;
}
