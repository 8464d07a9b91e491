/* test-crl.c — revocation lists made by `openssl ca -gencrl`
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "cd-crl.h"
#include "cd-test-util.h"
#include "cd-x509.h"

static const char *certs_dir;

static char *
path_of (const char *name)
{
  return g_build_filename (certs_dir, name, NULL);
}

static CdCertificate *
load_cert (const char *name)
{
  g_autofree char *path = path_of (name);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) certs = cd_x509_load_file (path, &error);

  g_assert_no_error (error);
  return cd_certificate_copy (g_ptr_array_index (certs, 0));
}

static CdCrl *
load_crl (const char *name)
{
  g_autofree char *path = path_of (name);
  g_autoptr(GError) error = NULL;
  CdCrl *crl = cd_crl_load_file (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (crl);
  return crl;
}

static void
test_entries (void)
{
  g_autoptr(CdCrl) der = load_crl ("vgca.crl");
  g_autoptr(CdCrl) pem = load_crl ("vgca.crl.pem");
  g_autoptr(CdCertificate) expired = load_cert ("expired.der");
  g_autoptr(CdCertificate) future = load_cert ("future.der");
  g_autoptr(CdCertificate) gov = load_cert ("gov.der");
  g_autoptr(CdCertificate) vnpt = load_cert ("vnpt.der");
  g_autoptr(CdCertificate) vgca = load_cert ("vgca-ca.der");
  g_autoptr(CdCertificate) vnpt_ca = load_cert ("vnpt-ca.der");
  g_autoptr(GDateTime) made = g_date_time_new_from_unix_utc (cd_test_certs_made_at ());
  g_autofree char *iso = g_date_time_format (made, "%Y-%m-%d");
  const CdCrlEntry *e;

  g_assert_cmpuint (cd_crl_get_entries (der)->len, ==, 2);
  g_assert_cmpuint (cd_crl_get_entries (pem)->len, ==, 2);
  g_assert_cmpstr (cd_crl_get_issuer_dn (der), ==, expired->issuer_dn);
  g_assert_cmpint (cd_crl_get_next_update (der) - cd_crl_get_this_update (der), ==, 30 * 86400);

  e = cd_crl_match (der, vgca, expired);
  g_assert_nonnull (e);
  g_assert_cmpstr (e->serial, ==, "0A1B2C3D");
  /* The reason as the clerk reads it (cd_test_init() sets Vietnamese). */
  g_assert_cmpstr (e->reason, ==, "Lộ khóa bí mật");
  /* Revoked when make-certs.sh made the set (allow for a date change). */
  g_assert_cmpint (ABS (e->revoked_at - g_date_time_to_unix (made)), <, 3600);
  if (g_date_time_get_hour (made) > 0)
    g_assert_cmpstr (e->revoked_date, ==, iso);
  e = cd_crl_match (pem, vgca, future);
  g_assert_nonnull (e);
  g_assert_cmpstr (e->reason, ==, "Thay đổi thông tin của thuê bao");
  g_assert_null (cd_crl_match (der, vgca, gov));
  /* Same serial, other issuer: not this list's business. */
  g_assert_null (cd_crl_match (der, vnpt_ca, vnpt));
}

static void
test_verify (void)
{
  g_autoptr(CdCrl) crl = load_crl ("vgca.crl");
  g_autoptr(CdCrl) forged = load_crl ("forged.crl.pem");
  g_autoptr(CdCertificate) vgca = load_cert ("vgca-ca.der");
  g_autoptr(CdCertificate) vnpt = load_cert ("vnpt-ca.der");
  g_autoptr(CdCertificate) gov = load_cert ("gov.der");
  g_autoptr(GPtrArray) known = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (cd_crl_verify (crl, vgca, &error));
  g_assert_no_error (error);

  g_assert_false (cd_crl_verify (crl, vnpt, &error));
  g_assert_error (error, CD_CRL_ERROR, CD_CRL_ERROR_NO_ISSUER);
  g_clear_error (&error);

  /* Same issuer name, another key. */
  g_assert_cmpstr (cd_crl_get_issuer_dn (forged), ==, vgca->subject_dn);
  g_assert_false (cd_crl_verify (forged, vgca, &error));
  g_assert_error (error, CD_CRL_ERROR, CD_CRL_ERROR_BAD_SIGNATURE);
  g_clear_error (&error);

  g_ptr_array_add (known, gov);
  g_ptr_array_add (known, vnpt);
  g_assert_null (cd_crl_find_issuer (crl, known, &error));
  g_assert_error (error, CD_CRL_ERROR, CD_CRL_ERROR_NO_ISSUER);
  g_clear_error (&error);
  g_ptr_array_add (known, vgca);
  g_assert_true (cd_crl_find_issuer (crl, known, &error) == vgca);
  g_assert_no_error (error);
  g_assert_null (cd_crl_find_issuer (forged, known, &error));
  g_assert_error (error, CD_CRL_ERROR, CD_CRL_ERROR_BAD_SIGNATURE);
}

/* A look-alike CA with the genuine CA's name (issue 20, D6): its own
 * list verifies against its own key, but lists nothing the genuine CA
 * issued; one whose key usage lacks cRLSign signs no list at all. */
static void
test_lookalike_issuer (void)
{
  g_autoptr(CdCrl) forged = load_crl ("forged.crl.pem");
  g_autoptr(CdCrl) nosign = load_crl ("nocrlsign.crl.pem");
  g_autoptr(CdCrl) genuine = load_crl ("vgca.crl");
  g_autoptr(CdCertificate) vgca = load_cert ("vgca-ca.der");
  g_autoptr(CdCertificate) lookalike = load_cert ("forged-ca.der");
  g_autoptr(CdCertificate) nosign_ca = load_cert ("nocrlsign-ca.der");
  g_autoptr(CdCertificate) expired = load_cert ("expired.der");
  g_autoptr(GPtrArray) known = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;

  g_assert_cmpstr (lookalike->subject_dn, ==, vgca->subject_dn);
  g_assert_true (cd_crl_verify (forged, lookalike, &error));
  g_assert_no_error (error);
  /* The forged list names the genuine certificate's serial... */
  g_assert_nonnull (cd_crl_lookup (forged, expired->serial));
  /* ...but the look-alike did not sign that certificate. */
  g_assert_null (cd_crl_match (forged, lookalike, expired));
  g_assert_nonnull (cd_crl_match (genuine, vgca, expired));
  /* The genuine list with the wrong CA's key: not its issuer either. */
  g_assert_null (cd_crl_match (genuine, lookalike, expired));

  g_assert_false (cd_crl_verify (nosign, nosign_ca, &error));
  g_assert_error (error, CD_CRL_ERROR, CD_CRL_ERROR_BAD_SIGNATURE);
  g_assert_nonnull (strstr (error->message, vgca->subject_dn));
  g_clear_error (&error);

  /* With both CAs known, each list finds its own signer. */
  g_ptr_array_add (known, lookalike);
  g_ptr_array_add (known, nosign_ca);
  g_ptr_array_add (known, vgca);
  g_assert_true (cd_crl_find_issuer (genuine, known, &error) == vgca);
  g_assert_true (cd_crl_find_issuer (forged, known, &error) == lookalike);
  g_assert_null (cd_crl_find_issuer (nosign, known, &error));
  g_assert_error (error, CD_CRL_ERROR, CD_CRL_ERROR_BAD_SIGNATURE);
}

static void
test_bad_input (void)
{
  g_autofree char *crl = path_of ("vgca.crl");
  g_autofree char *cert = path_of ("gov.der");
  g_autofree char *data = NULL;
  gsize len;
  const char *garbage = "-----BEGIN X509 CRL-----\nAAAA!!!!\n-----END X509 CRL-----\n";
  GError *error = NULL;

  g_assert_true (g_file_get_contents (crl, &data, &len, NULL));
  g_assert_null (cd_crl_parse ((guint8 *) data, len - 10, &error));
  g_assert_error (error, CD_CRL_ERROR, CD_CRL_ERROR_FORMAT);
  g_clear_error (&error);
  g_assert_null (cd_crl_parse ((const guint8 *) garbage, strlen (garbage), &error));
  g_assert_error (error, CD_CRL_ERROR, CD_CRL_ERROR_FORMAT);
  g_clear_error (&error);
  g_clear_pointer (&data, g_free);
  /* A certificate is not a CRL. */
  g_assert_true (g_file_get_contents (cert, &data, &len, NULL));
  g_assert_null (cd_crl_parse ((guint8 *) data, len, &error));
  g_assert_error (error, CD_CRL_ERROR, CD_CRL_ERROR_FORMAT);
  g_clear_error (&error);
  g_assert_null (cd_crl_load_file ("/nonexistent.crl", &error));
  g_assert_error (error, CD_CRL_ERROR, CD_CRL_ERROR_IO);
  g_clear_error (&error);
}

int
main (int    argc,
      char **argv)
{
  cd_test_init (&argc, &argv);
  certs_dir = cd_test_certs_dir ();

  g_test_add_func ("/core/tokens/crl/entries", test_entries);
  g_test_add_func ("/core/tokens/crl/verify", test_verify);
  g_test_add_func ("/core/tokens/crl/lookalike-issuer", test_lookalike_issuer);
  g_test_add_func ("/core/tokens/crl/bad-input", test_bad_input);
  return g_test_run ();
}
