/* test-trust.c — certificate signatures checked at import, authorities
 * trusted only when the clerk accepts them, CRLs applied only under a
 * trusted authority (issue 20, D6)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <sqlite3.h>

#include "cd-cert-import.h"
#include "cd-cert-link.h"
#include "cd-store-trust.h"
#include "cd-test-fixture.h"
#include "cd-test-util.h"
#include "cd-trust.h"
#include "cd-x509.h"

static const char *certs_dir;

typedef struct {
  CdTestRegister *reg;
  CdStore        *store;   /* reg's */
} Fixture;

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
  return g_ptr_array_steal_index (certs, 0);
}

static void
setup (Fixture       *f,
       gconstpointer  data)
{
  f->reg = cd_test_register_new (0, CD_TEST_REGISTER_STAFF);
  f->store = f->reg->store;
  cd_test_add_staff (f->store, "Nguyễn Thị Hồng Nhung", NULL, NULL, "nhungnth@haiphong.edu.vn");
  cd_test_add_staff (f->store, "Phạm Văn Đông", NULL, NULL, NULL);
}

static void
teardown (Fixture       *f,
          gconstpointer  data)
{
  g_clear_pointer (&f->reg, cd_test_register_free);
}

static GPtrArray *
import (Fixture     *f,
        const char  *path,
        GError     **error)
{
  return cd_cert_link_import_file (f->store, path, error);
}

static CdLinkOutcome *
import_one (Fixture    *f,
            const char *name)
{
  g_autofree char *path = path_of (name);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) out = import (f, path, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (out->len, ==, 1);
  return g_ptr_array_steal_index (out, 0);
}

static guint
count_certificates (Fixture *f)
{
  g_autoptr(GPtrArray) all = cd_store_list_certificates (f->store, NULL);

  return all->len;
}

static void
trust (Fixture    *f,
       const char *name)
{
  g_autoptr(CdCertificate) c = load_cert (name);
  g_autoptr(GError) error = NULL;

  g_assert_true (cd_store_set_ca_trusted (f->store, c->fingerprint, TRUE, &error));
  g_assert_no_error (error);
}

static void
test_fingerprint (void)
{
  const char *hex = "0123456789abcdef0123456789ABCDEF0123456789abcdef0123456789ABCDEF";
  g_autofree char *norm = cd_trust_normalize_fingerprint (hex);
  g_autofree char *grouped = cd_trust_format_fingerprint (hex);
  g_autofree char *colons = NULL;
  g_autofree char *back = NULL;

  g_assert_cmpstr (norm, ==, "0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF");
  g_assert_cmpstr (grouped, ==, "0123 4567 89AB CDEF 0123 4567 89AB CDEF 0123 4567 89AB CDEF 0123 4567 89AB CDEF");
  back = cd_trust_normalize_fingerprint (grouped);
  g_assert_cmpstr (back, ==, norm);
  /* openssl's own spelling, "01:23:…" */
  {
    GString *s = g_string_new (NULL);
    for (guint i = 0; i < 64; i += 2)
      g_string_append_printf (s, "%s%.2s", i ? ":" : "", norm + i);
    colons = g_string_free (s, FALSE);
  }
  g_clear_pointer (&back, g_free);
  back = cd_trust_normalize_fingerprint (colons);
  g_assert_cmpstr (back, ==, norm);
  /* A prefix or a stray letter is not a fingerprint. */
  g_assert_null (cd_trust_normalize_fingerprint ("0123 4567"));
  g_assert_null (cd_trust_normalize_fingerprint ("G123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF"));
  g_assert_null (cd_trust_normalize_fingerprint (NULL));
}

/* An authority imported is recorded, not trusted; the clerk accepts it
 * by fingerprint, once. */
static void
test_ca_recorded_untrusted (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(CdLinkOutcome) ca = import_one (f, "vgca-ca.der");
  g_autoptr(CdLinkOutcome) again = NULL;
  g_autoptr(CdCertificate) c = load_cert ("vgca-ca.der");
  g_autoptr(GPtrArray) cas = NULL;
  g_autoptr(CdCaTrust) row = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *grouped = cd_trust_format_fingerprint (c->fingerprint);
  g_autofree char *lower = g_ascii_strdown (grouped, -1);

  g_assert_cmpint (ca->how, ==, CD_LINK_CA_UNTRUSTED);
  g_assert_cmpint (ca->holder_kind, ==, CD_CERT_HOLDER_NONE);
  g_assert_nonnull (strstr (ca->message, grouped));
  cas = cd_store_list_cas (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cas->len, ==, 1);
  g_assert_false (((CdCaTrust *) g_ptr_array_index (cas, 0))->trusted);
  g_assert_cmpstr (((CdCaTrust *) g_ptr_array_index (cas, 0))->subject_dn, ==, c->subject_dn);

  /* Not a fingerprint, or one the register does not know. */
  g_assert_false (cd_store_set_ca_trusted (f->store, "0123", TRUE, &error));
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (cd_store_set_ca_trusted (f->store, "00000000000000000000000000000000"
                                                     "00000000000000000000000000000000", TRUE, &error));
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Typed as shown, in lower case: accepted, with the day. */
  g_assert_true (cd_store_set_ca_trusted (f->store, lower, TRUE, &error));
  g_assert_no_error (error);
  row = cd_store_get_ca (f->store, c->fingerprint, &error);
  g_assert_no_error (error);
  g_assert_true (row->trusted);
  g_assert_nonnull (row->decided);

  /* Seen again: still trusted, and said so without a problem line. */
  again = import_one (f, "vgca-ca.der");
  g_assert_cmpint (again->how, ==, CD_LINK_CA_TRUSTED);
}

/* A look-alike of a trusted authority (same name, another key) is
 * recorded not trusted, with a warning; the genuine stays the only one
 * trusted. */
static void
test_lookalike_never_trusted (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(CdLinkOutcome) genuine = import_one (f, "vgca-ca.der");
  g_autoptr(CdLinkOutcome) lookalike = NULL;
  g_autoptr(GHashTable) trusted = NULL;
  g_autoptr(CdCertificate) fake = load_cert ("forged-ca.der");

  trust (f, "vgca-ca.der");
  lookalike = import_one (f, "forged-ca.der");
  g_assert_cmpint (lookalike->how, ==, CD_LINK_CA_UNTRUSTED);
  g_assert_nonnull (strstr (lookalike->message, "giả danh"));
  trusted = cd_store_trusted_fingerprints (f->store, NULL);
  g_assert_cmpuint (g_hash_table_size (trusted), ==, 1);
  g_assert_false (g_hash_table_contains (trusted, fake->fingerprint));
}

/* gov.der with one byte of its signature changed: it still parses, its
 * issuer's key no longer verifies it. */
static char *
write_altered (const char *dir)
{
  g_autofree char *gov = path_of ("gov.der");
  char *bad = g_build_filename (dir, "gov-altered.cer", NULL);
  g_autofree char *contents = NULL;
  gsize len = 0;

  g_assert_true (g_file_get_contents (gov, &contents, &len, NULL));
  contents[len - 1] ^= 0x5a;   /* the last byte is in the signature value */
  g_assert_true (g_file_set_contents (bad, contents, (gssize) len, NULL));
  return bad;
}

/* A certificate file whose signature does not verify against its known
 * issuer is refused, in Vietnamese, and nothing of it stored. */
static void
test_bad_signature_refused (Fixture       *f,
                            gconstpointer  data)
{
  g_autofree char *tmp = cd_test_tmpdir ();
  g_autofree char *bad = write_altered (tmp);
  g_autoptr(CdLinkOutcome) ca = import_one (f, "vgca-ca.der");
  g_autoptr(GPtrArray) out = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CdCertImportReport) report = NULL;
  g_autofree char *problems = NULL;
  const char *paths[2] = { bad, NULL };
  guint before = count_certificates (f);

  out = import (f, bad, &error);
  g_assert_null (out);
  g_assert_error (error, CD_X509_ERROR, CD_X509_ERROR_BAD_SIGNATURE);
  g_assert_nonnull (strstr (error->message, "5401F2A1B2C3D4E5"));
  g_assert_cmpuint (count_certificates (f), ==, before);
  g_clear_error (&error);

  /* The window's import: the file is named with the reason. */
  report = cd_cert_import_files (f->store, paths, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->n_read, ==, 0);
  problems = cd_cert_import_report_problems (report);
  g_assert_nonnull (strstr (problems, "gov-altered.cer: "));
  g_assert_cmpuint (count_certificates (f), ==, before);

  /* The genuine file still goes in. */
  g_clear_pointer (&ca, cd_link_outcome_free);
  ca = import_one (f, "gov.der");
  g_assert_cmpint (ca->how, ==, CD_LINK_BY_EMAIL);
  cd_test_rm_rf (tmp);
}

/* A look-alike in the register (same name, another key identifier) is
 * not the genuine certificate's issuer: the genuine one is not refused
 * because the look-alike's key does not verify it. */
static void
test_lookalike_is_not_issuer (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(CdLinkOutcome) fake = import_one (f, "forged-ca.der");
  g_autoptr(CdLinkOutcome) gov = import_one (f, "gov.der");
  g_autoptr(CdCertificate) lookalike = load_cert ("forged-ca.der");
  g_autoptr(CdCertificate) with_ski = load_cert ("nocrlsign-ca.der");
  g_autoptr(CdCertificate) genuine = load_cert ("vgca-ca.der");
  g_autoptr(CdCertificate) leaf = load_cert ("gov.der");
  g_autoptr(GPtrArray) pool = g_ptr_array_new ();

  g_assert_cmpint (gov->how, ==, CD_LINK_BY_EMAIL);
  /* The lookup by name and key identifier, then signature: a look-alike
   * with a key identifier of its own is told apart without a signature;
   * forged-ca.der is a v1 certificate without one, only the signature
   * tells it apart. */
  g_assert_cmpstr (lookalike->subject_dn, ==, leaf->issuer_dn);
  g_assert_cmpstr (with_ski->subject_dn, ==, leaf->issuer_dn);
  g_assert_false (cd_trust_names_issuer (with_ski, leaf));
  g_assert_true (cd_trust_names_issuer (lookalike, leaf));
  g_assert_true (cd_trust_names_issuer (genuine, leaf));
  g_ptr_array_add (pool, with_ski);
  g_ptr_array_add (pool, lookalike);
  g_ptr_array_add (pool, genuine);
  g_assert_true (cd_trust_find_issuer (leaf, pool) == genuine);
  g_assert_true (cd_trust_find_issuer (genuine, pool) == genuine);   /* self-signed */
  g_assert_true (cd_trust_is_ca (genuine));
  g_assert_false (cd_trust_is_ca (leaf));
}

/* A CRL verified against its issuer is still not applied until the
 * clerk trusts that issuer; the message names it and its fingerprint. */
static void
test_crl_needs_trust (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *crl_path = path_of ("vgca.crl");
  g_autoptr(CdCrl) crl = cd_crl_load_file (crl_path, NULL);
  g_autoptr(CdLinkOutcome) ca = import_one (f, "vgca-ca.der");
  g_autoptr(CdLinkOutcome) expired = import_one (f, "expired.der");
  g_autoptr(CdCertificate) vgca = load_cert ("vgca-ca.der");
  g_autofree char *grouped = cd_trust_format_fingerprint (vgca->fingerprint);
  g_autoptr(CdCrlReport) report = NULL;
  g_autoptr(CdCertificate) c = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_null (cd_cert_link_apply_crl (f->store, crl, &error));
  g_assert_error (error, CD_CRL_ERROR, CD_CRL_ERROR_UNTRUSTED);
  g_assert_nonnull (strstr (error->message, grouped));
  g_assert_nonnull (strstr (error->message, "không được áp dụng"));
  g_clear_error (&error);
  c = cd_store_get_certificate (f->store, expired->cert_id, &error);
  g_assert_false (c->revoked);
  g_clear_pointer (&c, cd_certificate_free);

  trust (f, "vgca-ca.der");
  report = cd_cert_link_apply_crl (f->store, crl, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->revoked, ==, 1);
  c = cd_store_get_certificate (f->store, expired->cert_id, &error);
  g_assert_true (c->revoked);
}

/* Issue 20's scenario: the genuine CA trusted and its certificate in the
 * register, a look-alike with the same name imported; the look-alike's
 * list names the genuine certificate's serial. Not applied, and the
 * clerk is told why. */
static void
test_forged_crl_lookalike (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *forged_path = path_of ("forged.crl.pem");
  g_autoptr(CdCrl) forged = cd_crl_load_file (forged_path, NULL);
  g_autoptr(CdLinkOutcome) ca = import_one (f, "vgca-ca.der");
  g_autoptr(CdLinkOutcome) expired = import_one (f, "expired.der");
  g_autoptr(CdLinkOutcome) fake = NULL;
  g_autoptr(CdCertificate) c = NULL;
  g_autoptr(GError) error = NULL;

  trust (f, "vgca-ca.der");
  fake = import_one (f, "forged-ca.der");
  g_assert_cmpint (fake->how, ==, CD_LINK_CA_UNTRUSTED);
  g_assert_nonnull (cd_crl_lookup (forged, expired->serial));

  g_assert_null (cd_cert_link_apply_crl (f->store, forged, &error));
  g_assert_error (error, CD_CRL_ERROR, CD_CRL_ERROR_UNTRUSTED);
  g_assert_nonnull (strstr (error->message, "giả danh"));
  c = cd_store_get_certificate (f->store, expired->cert_id, NULL);
  g_assert_false (c->revoked);
}

/* Schema 6 → 7: backed up first, every authority already in the
 * register recorded not trusted, nothing else touched. */
static void
test_upgrade_records_cas (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(CdLinkOutcome) ca = import_one (f, "vgca-ca.der");
  g_autoptr(CdLinkOutcome) fake = import_one (f, "forged-ca.der");
  g_autoptr(CdLinkOutcome) gov = import_one (f, "gov.der");
  g_autoptr(GPtrArray) cas = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *backup = NULL;
  guint before = count_certificates (f);
  sqlite3 *db = NULL;
  sqlite3_stmt *st = NULL;

  trust (f, "vgca-ca.der");
  g_clear_object (&f->reg->store);
  g_assert_cmpint (sqlite3_open (f->reg->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, CD_TEST_UNDO_SCHEMA_7 " PRAGMA user_version = 6;", NULL, NULL, NULL),
                   ==, SQLITE_OK);
  sqlite3_close (db);

  f->reg->store = f->store = cd_store_open (f->reg->path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_certificates (f), ==, before);
  cas = cd_store_list_cas (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cas->len, ==, 2);
  for (guint i = 0; i < cas->len; i++)
    g_assert_false (((CdCaTrust *) g_ptr_array_index (cas, i))->trusted);
  backup = cd_store_find_newest_backup (f->reg->path);
  g_assert_nonnull (backup);
  g_assert_cmpint (sqlite3_open (backup, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &st, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (st), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (st, 0), ==, 6);
  sqlite3_finalize (st);
  sqlite3_close (db);
}

int
main (int argc, char **argv)
{
  cd_test_init (&argc, &argv);
  certs_dir = cd_test_certs_dir ();

  g_test_add_func ("/core/tokens/trust/fingerprint", test_fingerprint);
  g_test_add ("/core/tokens/trust/ca-recorded-untrusted", Fixture, NULL, setup, test_ca_recorded_untrusted, teardown);
  g_test_add ("/core/tokens/trust/lookalike-never-trusted", Fixture, NULL, setup, test_lookalike_never_trusted, teardown);
  g_test_add ("/core/tokens/trust/bad-signature-refused", Fixture, NULL, setup, test_bad_signature_refused, teardown);
  g_test_add ("/core/tokens/trust/lookalike-is-not-issuer", Fixture, NULL, setup, test_lookalike_is_not_issuer, teardown);
  g_test_add ("/core/tokens/trust/crl-needs-trust", Fixture, NULL, setup, test_crl_needs_trust, teardown);
  g_test_add ("/core/tokens/trust/forged-crl-lookalike", Fixture, NULL, setup, test_forged_crl_lookalike, teardown);
  g_test_add ("/core/store/upgrade/schema-7-trust", Fixture, NULL, setup, test_upgrade_records_cas, teardown);
  return g_test_run ();
}
