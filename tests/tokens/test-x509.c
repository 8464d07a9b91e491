/* test-x509.c — reading certificates made by the openssl command line
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>
#include <openssl/asn1.h>

#include "cd-test-util.h"
#include "cd-x509.h"

static char *certs_dir;

static char *
sh (const char *cmd)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  char *out = NULL;
  int status = 0;
  const char *argv[] = { "/bin/sh", "-c", cmd, NULL };

  g_spawn_sync (certs_dir, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("'%s' failed: %s", cmd, err);
  g_strstrip (out);
  return out;
}

static char *
path_of (const char *name)
{
  return g_build_filename (certs_dir, name, NULL);
}

static CdCertificate *
load_one (const char *name)
{
  g_autofree char *path = path_of (name);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) certs = cd_x509_load_file (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (certs);
  g_assert_cmpuint (certs->len, ==, 1);
  return cd_certificate_copy (g_ptr_array_index (certs, 0));
}

/* The fingerprint as openssl prints it, without colons. */
static char *
openssl_fingerprint (const char *name)
{
  g_autofree char *cmd = g_strdup_printf ("openssl x509 -in %s.pem -noout -fingerprint -sha256 | sed 's/.*=//; s/://g'", name);
  return sh (cmd);
}

static gint64
openssl_date (const char *name,
              const char *which)
{
  g_autofree char *cmd = g_strdup_printf ("date -u -d \"$(openssl x509 -in %s.pem -noout -%s | sed 's/.*=//')\" +%%s", name, which);
  g_autofree char *s = sh (cmd);
  return g_ascii_strtoll (s, NULL, 10);
}

static void
test_government_subject (void)
{
  g_autoptr(CdCertificate) c = load_one ("gov.der");
  g_autoptr(CdCertificate) p = load_one ("gov.pem");
  g_autofree char *fp = openssl_fingerprint ("gov");
  g_autofree char *nfc = NULL;

  g_assert_cmpstr (c->serial, ==, "5401F2A1B2C3D4E5");
  g_assert_cmpstr (c->subject_cn, ==, "Nguyễn Thị Hồng Nhung");
  nfc = g_utf8_normalize (c->subject_cn, -1, G_NORMALIZE_NFC);
  g_assert_cmpstr (nfc, ==, c->subject_cn);
  g_assert_nonnull (c->subject_ou);
  g_assert_cmpuint (g_strv_length (c->subject_ou), ==, 2);
  g_assert_cmpstr (c->subject_ou[0], ==, "Sở Giáo dục và Đào tạo");
  g_assert_cmpstr (c->subject_ou[1], ==, "Trường THCS Lê Lợi");
  g_assert_cmpstr (c->subject_o, ==, "UBND thành phố Hải Phòng");
  g_assert_cmpstr (c->subject_l, ==, "Quận Lê Chân");
  g_assert_cmpstr (c->subject_st, ==, "Hải Phòng");
  g_assert_cmpstr (c->email, ==, "nhungnth@haiphong.edu.vn");
  g_assert_null (c->uid_cccd);
  g_assert_null (c->subject_uids);
  g_assert_cmpstr (c->issuer_cn, ==, "CA phục vụ các cơ quan Nhà nước G2");
  g_assert_cmpstr (c->issuer_o, ==, "Ban Cơ yếu Chính phủ");
  g_assert_cmpstr (c->provider, ==, "Ban Cơ yếu Chính phủ");
  g_assert_cmpint (c->key_usage, ==, CD_KEY_USAGE_SIGNING);
  g_assert_nonnull (c->crl_urls);
  g_assert_cmpuint (g_strv_length (c->crl_urls), ==, 2);
  g_assert_cmpstr (c->crl_urls[0], ==, "http://crl.ca.gov.vn/cp.crl");
  g_assert_cmpstr (c->crl_urls[1], ==, "http://crl2.ca.gov.vn/cp.crl");
  g_assert_nonnull (c->ocsp_urls);
  g_assert_cmpuint (g_strv_length (c->ocsp_urls), ==, 1);
  g_assert_cmpstr (c->ocsp_urls[0], ==, "http://ocsp.ca.gov.vn");
  g_assert_cmpstr (c->fingerprint, ==, fp);
  g_assert_cmpint (c->not_before, ==, openssl_date ("gov", "startdate"));
  g_assert_cmpint (c->not_after, ==, openssl_date ("gov", "enddate"));
  g_assert_cmpstr (c->subject_dn, ==,
                   "emailAddress=nhungnth@haiphong.edu.vn,CN=Nguyễn Thị Hồng Nhung,"
                   "OU=Trường THCS Lê Lợi,OU=Sở Giáo dục và Đào tạo,O=UBND thành phố Hải Phòng,"
                   "L=Quận Lê Chân,ST=Hải Phòng,C=VN");
  g_assert_cmpuint (g_strv_length (c->subject_attrs), ==, 8);
  g_assert_cmpstr (c->subject_attrs[0], ==, "C=VN");
  g_assert_cmpstr (c->subject_attrs[7], ==, "emailAddress=nhungnth@haiphong.edu.vn");
  g_assert_cmpint (cd_certificate_status (c, g_get_real_time () / G_USEC_PER_SEC, 60), ==, CD_CERT_STATUS_VALID);
  g_assert_nonnull (c->der);
  g_assert_cmpint (c->source, ==, CD_CERT_SOURCE_FILE);

  /* PEM and DER of the same certificate read the same. */
  g_assert_cmpstr (p->fingerprint, ==, c->fingerprint);
  g_assert_cmpstr (p->subject_dn, ==, c->subject_dn);
}

static void
test_commercial_uids (void)
{
  g_autoptr(CdCertificate) c = load_one ("vnpt.der");

  /* 19 significant bytes, first one >= 0x80: the DER integer has 20
   * bytes starting with 00; like openssl x509 -serial we print the number,
   * without DER's sign byte. */
  g_assert_cmpstr (c->serial, ==, "8F0102030405060708090A0B0C0D0E0F101112");
  g_assert_cmpuint (strlen (c->serial), ==, 38);
  g_assert_cmpstr (c->subject_cn, ==, "Trần Đức Anh");
  g_assert_cmpstr (c->subject_st, ==, "HÀ NỘI");
  g_assert_cmpuint (g_strv_length (c->subject_ou), ==, 2);
  g_assert_cmpuint (g_strv_length (c->subject_uids), ==, 2);
  g_assert_cmpstr (c->subject_uids[0], ==, "CCCD:031085001234");
  g_assert_cmpstr (c->subject_uids[1], ==, "MST:0201234567-199");
  g_assert_cmpstr (c->uid_cccd, ==, "031085001234");
  g_assert_cmpstr (c->uid_mst, ==, "0201234567-199");
  /* Email only in the subjectAltName. */
  g_assert_cmpstr (c->email, ==, "anhtd@dongaedu.vn");
  g_assert_cmpstr (c->provider, ==, "VNPT");
  g_assert_cmpint (c->key_usage, ==, CD_KEY_USAGE_SIGNING | CD_KEY_USAGE_ENCRYPTION);
  g_assert_null (c->crl_urls);
  g_assert_cmpstr (c->ocsp_urls[0], ==, "http://ocsp.vnpt-ca.vn/responder");
}

static void
test_validity (void)
{
  g_autoptr(CdCertificate) expired = load_one ("expired.der");
  g_autoptr(CdCertificate) future = load_one ("future.pem");
  g_autoptr(CdCertificate) expiring = load_one ("expiring.der");
  /* "expiring" was made for 30 days; the build keeps a set up to a day. */
  gint64 now = cd_test_certs_made_at ();

  g_assert_cmpint (expired->not_before, ==, 1577836800);  /* 2020-01-01 */
  g_assert_cmpint (expired->not_after, ==, 1672531200);   /* 2023-01-01 */
  g_assert_cmpint (cd_certificate_status (expired, now, 60), ==, CD_CERT_STATUS_EXPIRED);
  g_assert_cmpstr (expired->serial, ==, "0A1B2C3D");
  g_assert_cmpint (future->not_before, ==, 2208988800);   /* 2040-01-01 */
  g_assert_cmpint (cd_certificate_status (future, now, 60), ==, CD_CERT_STATUS_NOT_YET_VALID);
  g_assert_cmpint (future->key_usage, ==, CD_KEY_USAGE_ENCRYPTION);
  g_assert_cmpstr (future->serial, ==, "7E");
  g_assert_cmpint (cd_certificate_status (expiring, now, 60), ==, CD_CERT_STATUS_EXPIRING);
  g_assert_cmpint (cd_certificate_status (expiring, now, 10), ==, CD_CERT_STATUS_VALID);
  g_assert_cmpint (cd_certificate_days_left (expiring, now), >=, 29);
  /* The email in the DN wins over the SAN's. */
  g_assert_cmpstr (expiring->email, ==, "anhvn@ngoquyen.edu.vn");
  /* No CCCD: the old CMND number is used; HC is the passport. */
  g_assert_cmpstr (expiring->uid_cccd, ==, "031234567");
  g_assert_cmpstr (expiring->uid_passport, ==, "B1234567");
  g_assert_cmpstr (expiring->serial, ==, "FF");   /* as openssl prints it */
  g_assert_cmpint (expiring->key_usage, ==, CD_KEY_USAGE_NONE);
}

static void
test_bmpstring_and_escaping (void)
{
  g_autoptr(CdCertificate) c = load_one ("bmp.der");

  /* BMPString values come out as UTF-8. */
  g_assert_cmpstr (c->subject_cn, ==, "Đỗ Thị Hà");
  g_assert_cmpstr (c->subject_o, ==, "Sở Nội vụ, Hải Phòng");
  g_assert_cmpstr (c->subject_ou[0], ==, "Phòng A+B");
  g_assert_cmpstr (c->serial, ==, "3C");
  /* RFC 4514 escapes ',' and '+' inside values. */
  g_assert_cmpstr (c->subject_dn, ==,
                   "emailAddress=hadt@haiphong.gov.vn,CN=Đỗ Thị Hà,OU=Phòng A\\+B,"
                   "O=Sở Nội vụ\\, Hải Phòng,C=VN");
  g_assert_cmpstr (c->provider, ==, "Ban Cơ yếu Chính phủ");
}

static void
test_pkcs7_bundle (void)
{
  g_autofree char *out = sh ("openssl crl2pkcs7 -nocrl -certfile gov.pem -certfile vnpt.pem -outform DER -out two.p7b"
                             " && openssl crl2pkcs7 -nocrl -certfile expired.pem -out one.p7c"
                             " && cat gov.pem vnpt.pem expired.pem > three.pem");
  g_autofree char *p7b = path_of ("two.p7b");
  g_autofree char *p7c = path_of ("one.p7c");
  g_autofree char *pem = path_of ("three.pem");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) a = cd_x509_load_file (p7b, &error);
  g_autoptr(GPtrArray) b = NULL;
  g_autoptr(GPtrArray) c = NULL;
  gboolean seen_gov = FALSE, seen_vnpt = FALSE;

  g_assert_no_error (error);
  g_assert_cmpuint (a->len, ==, 2);
  for (guint i = 0; i < a->len; i++)
    {
      CdCertificate *x = g_ptr_array_index (a, i);
      seen_gov |= g_strcmp0 (x->serial, "5401F2A1B2C3D4E5") == 0;
      seen_vnpt |= g_strcmp0 (x->uid_cccd, "031085001234") == 0;
    }
  g_assert_true (seen_gov && seen_vnpt);

  b = cd_x509_load_file (p7c, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (b->len, ==, 1);
  g_assert_cmpstr (((CdCertificate *) g_ptr_array_index (b, 0))->serial, ==, "0A1B2C3D");

  c = cd_x509_load_file (pem, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (c->len, ==, 3);
}

static void
test_bad_input (void)
{
  g_autofree char *out = sh ("head -c 200 gov.der > truncated.der"
                             " && openssl crl2pkcs7 -nocrl -outform DER -out empty.p7b"
                             " && { echo '-----BEGIN CERTIFICATE-----'; echo 'bm90IGEgY2VydGlmaWNhdGUgYXQgYWxs!!*#'; "
                             "      echo '-----END CERTIFICATE-----'; } > garbage.pem"
                             " && { head -c 300 gov.pem; echo; echo '-----END CERTIFICATE-----'; } > cut.pem"
                             " && printf 'hello, not a certificate' > text.cer && : > zero.cer");
  struct { const char *name; int code; } cases[] = {
    { "truncated.der", CD_X509_ERROR_FORMAT },
    { "empty.p7b", CD_X509_ERROR_EMPTY },
    { "garbage.pem", CD_X509_ERROR_FORMAT },
    { "cut.pem", CD_X509_ERROR_FORMAT },
    { "text.cer", CD_X509_ERROR_FORMAT },
    { "zero.cer", CD_X509_ERROR_FORMAT },
    { "missing.cer", CD_X509_ERROR_IO },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = path_of (cases[i].name);
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) certs = cd_x509_load_file (path, &error);

      g_test_message ("%s", cases[i].name);
      g_assert_null (certs);
      g_assert_error (error, CD_X509_ERROR, cases[i].code);
      g_assert_cmpstr (error->message, !=, "");
    }

  /* A CKA_VALUE with bytes after the certificate is not a certificate. */
  {
    g_autofree char *path = path_of ("gov.der");
    g_autofree char *der = NULL;
    g_autoptr(GError) error = NULL;
    gsize len;
    CdCertificate *c;

    g_assert_true (g_file_get_contents (path, &der, &len, NULL));
    der = g_realloc (der, len + 4);
    c = cd_x509_parse_der ((guint8 *) der, len + 4, &error);
    g_assert_null (c);
    g_assert_error (error, CD_X509_ERROR, CD_X509_ERROR_FORMAT);
    g_clear_error (&error);
    c = cd_x509_parse_der ((guint8 *) der, len, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (c->serial, ==, "5401F2A1B2C3D4E5");
    cd_certificate_free (c);
  }
}

static void
test_provider_names (void)
{
  struct { const char *cn, *o, *want; } cases[] = {
    { "CA phục vụ các cơ quan Nhà nước G2", "Ban Cơ yếu Chính phủ", "Ban Cơ yếu Chính phủ" },
    { "RootCA chuyên dùng Chính phủ G2", NULL, "Ban Cơ yếu Chính phủ" },
    { "Viettel-CA SHA-256", "Viettel Group", "Viettel" },
    { "BkavCA SHA256", "Bkav Corporation", "BKAV" },
    { "FPT Certification Authority SHA-256", "FPT Information System", "FPT" },
    { "VNPT Certification Authority", "VNPT Group", "VNPT" },
    { "Some CA", "Công ty Chứng thực Mới", "Công ty Chứng thực Mới" },
    { "Lone CN", NULL, "Lone CN" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *name = cd_x509_provider_name (cases[i].cn, cases[i].o);
      g_assert_cmpstr (name, ==, cases[i].want);
    }
}

/* A negative serial keeps its sign (issue 20, D14): -0A1B and 0A1B are
 * two certificates, never one CRL entry for both. */
static void
test_negative_serial (void)
{
  ASN1_INTEGER *neg = ASN1_INTEGER_new ();
  ASN1_INTEGER *pos = ASN1_INTEGER_new ();
  g_autofree char *n = NULL;
  g_autofree char *p = NULL;

  g_assert_cmpint (ASN1_INTEGER_set (neg, -0x0A1B), ==, 1);
  g_assert_cmpint (ASN1_INTEGER_set (pos, 0x0A1B), ==, 1);
  n = cd_x509_serial_hex (neg);
  p = cd_x509_serial_hex (pos);
  g_assert_cmpstr (n, ==, "-0A1B");
  g_assert_cmpstr (p, ==, "0A1B");
  ASN1_INTEGER_free (neg);
  ASN1_INTEGER_free (pos);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *cmd = NULL;
  g_autofree char *out = NULL;
  int status;

  cd_test_init (&argc, &argv);
  /* A copy of the build's certificates: the tests write bundles and
   * damaged files beside them. */
  certs_dir = cd_test_tmpdir ();
  cmd = g_strdup_printf ("cp -R '%s'/. .", cd_test_certs_dir ());
  out = sh (cmd);

  g_test_add_func ("/core/tokens/x509/government-subject", test_government_subject);
  g_test_add_func ("/core/tokens/x509/commercial-uids", test_commercial_uids);
  g_test_add_func ("/core/tokens/x509/validity", test_validity);
  g_test_add_func ("/core/tokens/x509/bmpstring-and-escaping", test_bmpstring_and_escaping);
  g_test_add_func ("/core/tokens/x509/pkcs7-bundle", test_pkcs7_bundle);
  g_test_add_func ("/core/tokens/x509/bad-input", test_bad_input);
  g_test_add_func ("/core/tokens/x509/provider-names", test_provider_names);
  g_test_add_func ("/core/tokens/x509/negative-serial", test_negative_serial);
  status = g_test_run ();
  cd_test_rm_rf (certs_dir);
  g_free (certs_dir);
  return status;
}
