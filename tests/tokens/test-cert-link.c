/* test-cert-link.c — certificates stored and linked in a real register,
 * CRLs applied to it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cd-cert-link.h"
#include "cd-store-trust.h"
#include "cd-test-fixture.h"
#include "cd-test-util.h"
#include "cd-x509.h"

static const char *certs_dir;

typedef struct {
  CdTestRegister *reg;
  CdStore        *store;   /* reg's */
  gint64          nhung, anh, dong, mai1, mai2;
} Fixture;

static char *
path_of (const char *name)
{
  return g_build_filename (certs_dir, name, NULL);
}

static void
setup (Fixture       *f,
       gconstpointer  data)
{
  /* The unit only: these five are the people the certificates name. */
  f->reg = cd_test_register_new (0, CD_TEST_REGISTER_STAFF);
  f->store = f->reg->store;
  f->nhung = cd_test_add_staff (f->store, "Nguyễn Thị Hồng Nhung", NULL, NULL, "nhungnth@haiphong.edu.vn");
  /* The VNPT certificate's email is another one: found by CCCD. */
  f->anh = cd_test_add_staff (f->store, "Trần Đức Anh", NULL, "031085001234", "anh.tran@haiphong.edu.vn");
  f->dong = cd_test_add_staff (f->store, "PHẠM VĂN ĐÔNG", NULL, NULL, NULL);
  f->mai1 = cd_test_add_staff (f->store, "Lê Thị Mai", NULL, NULL, "mai1@haiphong.edu.vn");
  f->mai2 = cd_test_add_staff (f->store, "Lê Thị Mai", NULL, NULL, "mai2@haiphong.edu.vn");
}

static void
teardown (Fixture       *f,
          gconstpointer  data)
{
  g_clear_pointer (&f->reg, cd_test_register_free);
}

static CdLinkOutcome *
import_one (Fixture    *f,
            const char *name)
{
  g_autofree char *path = path_of (name);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) out = cd_cert_link_import_file (f->store, path, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (out->len, ==, 1);
  return g_ptr_array_steal_index (out, 0);
}

/* The clerk accepts the authority of the file @name (issue 20: a CRL is
 * applied only when its issuer is trusted). */
static void
trust_ca (Fixture    *f,
          const char *name)
{
  g_autofree char *path = path_of (name);
  g_autoptr(GPtrArray) certs = cd_x509_load_file (path, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (certs);
  g_assert_true (cd_store_set_ca_trusted (f->store, ((CdCertificate *) g_ptr_array_index (certs, 0))->fingerprint,
                                          TRUE, &error));
  g_assert_no_error (error);
}

static void
test_link_order (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(CdLinkOutcome) gov = import_one (f, "gov.der");
  g_autoptr(CdLinkOutcome) vnpt = import_one (f, "vnpt.pem");
  g_autoptr(CdLinkOutcome) expired = import_one (f, "expired.der");
  g_autoptr(CdLinkOutcome) future = import_one (f, "future.der");
  g_autoptr(CdLinkOutcome) expiring = import_one (f, "expiring.der");
  g_autoptr(CdLinkOutcome) again = NULL;
  g_autoptr(CdCertificate) stored = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (gov->how, ==, CD_LINK_BY_EMAIL);
  g_assert_cmpint (gov->staff_id, ==, f->nhung);
  g_assert_cmpint (vnpt->how, ==, CD_LINK_BY_CCCD);
  g_assert_cmpint (vnpt->staff_id, ==, f->anh);
  /* Name in another case: the normalised name matches. */
  g_assert_cmpint (expired->how, ==, CD_LINK_BY_NAME);
  g_assert_cmpint (expired->staff_id, ==, f->dong);
  /* Two staff named Lê Thị Mai: not guessed. */
  g_assert_cmpint (future->how, ==, CD_LINK_AMBIGUOUS);
  g_assert_cmpint (future->staff_id, ==, 0);
  g_assert_cmpint (expiring->how, ==, CD_LINK_NO_MATCH);
  g_assert_cmpint (expiring->staff_id, ==, 0);
  g_assert_cmpstr (future->message, !=, "");

  stored = cd_store_get_certificate (f->store, vnpt->cert_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (stored->staff_id, ==, f->anh);
  g_assert_cmpstr (stored->serial, ==, "8F0102030405060708090A0B0C0D0E0F101112");
  g_assert_cmpint (stored->source, ==, CD_CERT_SOURCE_FILE);
  g_clear_pointer (&stored, cd_certificate_free);

  /* Linked by hand, then seen again: the clerk's link is kept. */
  g_assert_true (cd_store_link_certificate (f->store, future->cert_id, f->mai2, &error));
  again = import_one (f, "future.pem");
  g_assert_cmpint (again->how, ==, CD_LINK_KEPT);
  g_assert_cmpint (again->staff_id, ==, f->mai2);
  g_assert_cmpint (again->cert_id, ==, future->cert_id);
}

static void
test_crl (Fixture       *f,
          gconstpointer  data)
{
  g_autofree char *crl_path = path_of ("vgca.crl");
  g_autofree char *forged_path = path_of ("forged.crl.pem");
  g_autoptr(CdCrl) crl = cd_crl_load_file (crl_path, NULL);
  g_autoptr(CdCrl) forged = cd_crl_load_file (forged_path, NULL);
  g_autoptr(CdLinkOutcome) expired = import_one (f, "expired.der");
  g_autoptr(CdLinkOutcome) gov = import_one (f, "gov.der");
  g_autoptr(CdLinkOutcome) ca = NULL;
  g_autoptr(CdCrlReport) report = NULL;
  g_autoptr(CdCrlReport) twice = NULL;
  g_autoptr(CdCertificate) c = NULL;
  g_autoptr(GError) error = NULL;
  const CdCrlEntry *e;

  g_assert_nonnull (crl);
  /* The issuer's certificate is not in the register yet. */
  g_assert_null (cd_cert_link_apply_crl (f->store, crl, &error));
  g_assert_error (error, CD_CRL_ERROR, CD_CRL_ERROR_NO_ISSUER);
  g_clear_error (&error);

  ca = import_one (f, "vgca-ca.der");
  trust_ca (f, "vgca-ca.der");
  g_assert_null (cd_cert_link_apply_crl (f->store, forged, &error));
  g_assert_error (error, CD_CRL_ERROR, CD_CRL_ERROR_BAD_SIGNATURE);
  g_clear_error (&error);
  c = cd_store_get_certificate (f->store, expired->cert_id, &error);
  g_assert_false (c->revoked);
  g_clear_pointer (&c, cd_certificate_free);

  report = cd_cert_link_apply_crl (f->store, crl, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->listed, ==, 2);
  g_assert_cmpuint (report->revoked, ==, 1);   /* "future" is not in the register */
  g_assert_cmpstr (g_ptr_array_index (report->serials, 0), ==, "0A1B2C3D");
  e = cd_crl_lookup (crl, "0A1B2C3D");
  c = cd_store_get_certificate (f->store, expired->cert_id, &error);
  g_assert_true (c->revoked);
  g_assert_cmpstr (c->revoked_date, ==, e->revoked_date);
  g_assert_cmpstr (c->revoked_reason, ==, e->reason);
  g_assert_cmpint (cd_certificate_status (c, g_get_real_time () / G_USEC_PER_SEC, 60), ==, CD_CERT_STATUS_REVOKED);
  g_clear_pointer (&c, cd_certificate_free);
  c = cd_store_get_certificate (f->store, gov->cert_id, &error);
  g_assert_false (c->revoked);

  twice = cd_cert_link_apply_crl (f->store, crl, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (twice->revoked, ==, 0);
  g_assert_cmpuint (twice->already, ==, 1);
}

/* Issue 20, D6: a self-signed look-alike of the genuine CA (same name,
 * another key) is in the register, as from a .p7b: its forged list must
 * not revoke the genuine CA's certificate; the genuine list still does. */
static void
test_crl_lookalike_ca (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *crl_path = path_of ("vgca.crl");
  g_autofree char *forged_path = path_of ("forged.crl.pem");
  g_autoptr(CdCrl) crl = cd_crl_load_file (crl_path, NULL);
  g_autoptr(CdCrl) forged = cd_crl_load_file (forged_path, NULL);
  g_autoptr(CdLinkOutcome) lookalike = import_one (f, "forged-ca.der");
  g_autoptr(CdLinkOutcome) ca = import_one (f, "vgca-ca.der");
  g_autoptr(CdLinkOutcome) expired = import_one (f, "expired.der");
  g_autoptr(CdCrlReport) report = NULL;
  g_autoptr(CdCertificate) c = NULL;
  g_autoptr(GError) error = NULL;

  trust_ca (f, "vgca-ca.der");

  report = cd_cert_link_apply_crl (f->store, forged, &error);
  if (report != NULL)
    g_assert_cmpuint (report->revoked, ==, 0);
  g_clear_error (&error);
  c = cd_store_get_certificate (f->store, expired->cert_id, &error);
  g_assert_no_error (error);
  g_assert_false (c->revoked);
  g_clear_pointer (&c, cd_certificate_free);
  g_clear_pointer (&report, cd_crl_report_free);

  report = cd_cert_link_apply_crl (f->store, crl, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->revoked, ==, 1);
  c = cd_store_get_certificate (f->store, expired->cert_id, &error);
  g_assert_true (c->revoked);
}

static void
async_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      data)
{
  *(GAsyncResult **) data = g_object_ref (result);
}

static void
count_changed (CdStore    *store,
               const char *what,
               guint      *n)
{
  (*n)++;
}

/* On a worker with its own connection, the caller's store told. */
static void
test_async (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *cert = path_of ("gov.der");
  g_autofree char *ca = path_of ("vgca-ca.der");
  g_autofree char *expired = path_of ("expired.der");
  g_autofree char *crl = path_of ("vgca.crl");
  GAsyncResult *result = NULL;
  g_autoptr(GPtrArray) outcomes = NULL;
  g_autoptr(CdCrlReport) report = NULL;
  g_autoptr(GError) error = NULL;
  guint changed = 0;

  g_signal_connect (f->store, "changed::certificate", G_CALLBACK (count_changed), &changed);
  cd_cert_link_import_file_async (f->store, cert, NULL, async_done_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  outcomes = cd_cert_link_import_file_finish (f->store, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (changed, ==, 1);
  g_assert_cmpuint (outcomes->len, ==, 1);
  g_assert_cmpint (((CdLinkOutcome *) g_ptr_array_index (outcomes, 0))->staff_id, ==, f->nhung);
  g_clear_object (&result);

  /* Without the issuer, the CRL fails on the worker too. */
  cd_cert_link_apply_crl_file_async (f->store, crl, NULL, async_done_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_null (cd_cert_link_apply_crl_file_finish (f->store, result, &error));
  g_assert_error (error, CD_CRL_ERROR, CD_CRL_ERROR_NO_ISSUER);
  g_assert_cmpuint (changed, ==, 1);   /* nothing written */
  g_clear_error (&error);
  g_clear_object (&result);

  g_ptr_array_unref (cd_cert_link_import_file (f->store, ca, &error));
  trust_ca (f, "vgca-ca.der");
  g_ptr_array_unref (cd_cert_link_import_file (f->store, expired, &error));
  g_assert_no_error (error);
  cd_cert_link_apply_crl_file_async (f->store, crl, NULL, async_done_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  report = cd_cert_link_apply_crl_file_finish (f->store, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->revoked, ==, 1);
  g_assert_cmpuint (changed, >=, 2);
  /* Revoked in the file, as the caller's own connection reads it. */
  {
    g_autoptr(GPtrArray) certs = cd_store_list_certificates (f->store, &error);
    guint revoked = 0;

    for (guint i = 0; i < certs->len; i++)
      revoked += ((CdCertificate *) g_ptr_array_index (certs, i))->revoked;
    g_assert_cmpuint (revoked, ==, 1);
  }
  g_clear_object (&result);
}

int
main (int    argc,
      char **argv)
{
  cd_test_init (&argc, &argv);
  certs_dir = cd_test_certs_dir ();

  g_test_add ("/core/tokens/link/email-cccd-name", Fixture, NULL, setup, test_link_order, teardown);
  g_test_add ("/core/tokens/link/crl-marks-revoked", Fixture, NULL, setup, test_crl, teardown);
  g_test_add ("/core/tokens/link/crl-lookalike-ca", Fixture, NULL, setup, test_crl_lookalike_ca, teardown);
  g_test_add ("/core/tokens/link/async", Fixture, NULL, setup, test_async, teardown);
  return g_test_run ();
}
