/* test-cert-holders.c — certificates of the unit and of its services
 * (issue 14): the seal goes to the unit, the one-stop desk's certificate
 * to its service, never to a person
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "cd-cert-import.h"
#include "cd-cert-link.h"
#include "cd-test-fixture.h"
#include "cd-test-util.h"

static const char *certs_dir;

typedef struct {
  CdTestRegister *reg;
  CdStore        *store;   /* reg's */
  gint64          thai;    /* a teacher of the school */
  gint64          officer; /* the duty officer, whose email the desk's certificate carries */
} Fixture;

static void
setup (Fixture       *f,
       gconstpointer  data)
{
  /* The demo unit: TRƯỜNG THCS LÊ LỢI, tax code 0200654321, email
   * c2leloi.lechan@haiphong.edu.vn (as make-certs.sh writes them). */
  f->reg = cd_test_register_new (0, CD_TEST_REGISTER_STAFF);
  f->store = f->reg->store;
  f->thai = cd_test_add_staff (f->store, "Hoàng Văn Thái", NULL, NULL, "thaihv@haiphong.edu.vn");
  f->officer = cd_test_add_staff (f->store, "Bùi Thị Lan", NULL, NULL, "motcua.lechan@haiphong.gov.vn");
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
  g_autofree char *path = g_build_filename (certs_dir, name, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) out = cd_cert_link_import_file (f->store, path, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (out->len, ==, 1);
  return g_ptr_array_steal_index (out, 0);
}

/* What the register says about the certificate of @o. */
static CdCertificate *
stored (Fixture             *f,
        const CdLinkOutcome *o)
{
  g_autoptr(GError) error = NULL;
  CdCertificate *c = cd_store_get_certificate (f->store, o->cert_id, &error);

  g_assert_no_error (error);
  return c;
}

static void
assert_unit (Fixture             *f,
             const CdLinkOutcome *o,
             CdLinkHow            how)
{
  g_autoptr(CdCertificate) c = stored (f, o);

  g_assert_cmpint (o->how, ==, how);
  g_assert_cmpint (o->holder_kind, ==, CD_CERT_HOLDER_UNIT);
  g_assert_cmpint (o->staff_id, ==, 0);
  g_assert_cmpstr (o->holder_name, ==, "TRƯỜNG THCS LÊ LỢI");
  g_assert_cmpint (c->holder_kind, ==, CD_CERT_HOLDER_UNIT);
  g_assert_cmpint (c->staff_id, ==, 0);
  g_assert_nonnull (strstr (o->message, "TRƯỜNG THCS LÊ LỢI"));
}

static void
test_unit_name (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(CdLinkOutcome) o = import_one (f, "seal.der");
  g_autoptr(CdLinkOutcome) again = NULL;
  g_autoptr(GPtrArray) held = NULL;
  g_autoptr(GError) error = NULL;

  assert_unit (f, o, CD_LINK_UNIT_NAME);
  /* Read again (a token plugged in twice): the unit keeps it. */
  again = import_one (f, "seal.pem");
  g_assert_cmpint (again->how, ==, CD_LINK_KEPT);
  g_assert_cmpint (again->holder_kind, ==, CD_CERT_HOLDER_UNIT);
  g_assert_cmpstr (again->holder_name, ==, "TRƯỜNG THCS LÊ LỢI");
  held = cd_store_list_certificates_held (f->store, CD_CERT_HOLDER_UNIT, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (held->len, ==, 1);
}

static void
test_unit_former_name (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(CdUnit) unit = cd_store_get_unit (f->store);
  g_autoptr(CdLinkOutcome) before = NULL;
  g_autoptr(CdLinkOutcome) after = NULL;
  g_autoptr(GError) error = NULL;

  /* Not (yet) a name of the unit: nobody's. */
  before = import_one (f, "seal-former.der");
  g_assert_cmpint (before->how, ==, CD_LINK_NO_MATCH);
  g_assert_cmpint (before->holder_kind, ==, CD_CERT_HOLDER_NONE);

  g_strfreev (unit->former_names);
  unit->former_names = g_strsplit ("TRƯỜNG THCS HÀNG KÊNH", "\n", -1);
  g_assert_true (cd_store_save_unit (f->store, unit, &error));
  g_assert_no_error (error);
  /* A certificate with no holder is matched again on the next read. */
  after = import_one (f, "seal-former.der");
  assert_unit (f, after, CD_LINK_UNIT_FORMER_NAME);
  g_assert_nonnull (strstr (after->message, "Trường THCS Hàng Kênh"));
}

static void
test_unit_email (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(CdLinkOutcome) o = import_one (f, "seal-email.der");

  assert_unit (f, o, CD_LINK_UNIT_EMAIL);
}

static void
test_unit_tax_code (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(CdLinkOutcome) o = import_one (f, "seal-mst.der");
  g_autoptr(CdLinkOutcome) person = NULL;
  g_autoptr(CdUnit) unit = cd_store_get_unit (f->store);
  g_autoptr(GError) error = NULL;

  assert_unit (f, o, CD_LINK_UNIT_TAX_CODE);

  /* A person's certificate carrying its company's tax code (UID CCCD
   * and MST) stays a person's even when the unit has that tax code. */
  g_free (unit->tax_code);
  unit->tax_code = g_strdup ("0201234567-199");
  g_assert_true (cd_store_save_unit (f->store, unit, &error));
  g_assert_no_error (error);
  cd_test_add_staff (f->store, "Trần Đức Anh", NULL, "031085001234", NULL);
  person = import_one (f, "vnpt.der");
  g_assert_cmpint (person->how, ==, CD_LINK_BY_CCCD);
  g_assert_cmpint (person->holder_kind, ==, CD_CERT_HOLDER_PERSON);
}

static void
test_service (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(CdService) s = cd_service_new ();
  g_autoptr(CdLinkOutcome) o = NULL;
  g_autoptr(CdCertificate) c = NULL;
  g_autoptr(GPtrArray) held = NULL;
  g_autoptr(GError) error = NULL;

  s->name = g_strdup ("BỘ PHẬN MỘT CỬA");
  g_assert_true (cd_store_save_service (f->store, s, &error));
  g_assert_no_error (error);

  o = import_one (f, "onestop.der");
  g_assert_cmpint (o->how, ==, CD_LINK_SERVICE);
  g_assert_cmpint (o->holder_kind, ==, CD_CERT_HOLDER_SERVICE);
  g_assert_cmpint (o->service_id, ==, s->id);
  g_assert_cmpint (o->staff_id, ==, 0);
  g_assert_cmpstr (o->holder_name, ==, "BỘ PHẬN MỘT CỬA");
  c = stored (f, o);
  g_assert_cmpint (c->holder_kind, ==, CD_CERT_HOLDER_SERVICE);
  g_assert_cmpint (c->service_id, ==, s->id);
  held = cd_store_list_certificates_held (f->store, CD_CERT_HOLDER_PERSON, f->officer, &error);
  g_assert_cmpuint (held->len, ==, 0);
}

static void
test_service_offered (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *path = g_build_filename (certs_dir, "onestop.der", NULL);
  const char *paths[] = { path, NULL };
  g_autoptr(CdLinkOutcome) o = import_one (f, "onestop.der");
  g_autoptr(CdCertificate) c = stored (f, o);
  g_autoptr(CdCertImportReport) report = NULL;
  g_autofree char *problems = NULL;
  g_autoptr(GError) error = NULL;

  /* Its email is the duty officer's, yet no person gets it. */
  g_assert_cmpint (o->how, ==, CD_LINK_SERVICE_OFFERED);
  g_assert_cmpint (o->holder_kind, ==, CD_CERT_HOLDER_NONE);
  g_assert_cmpint (o->staff_id, ==, 0);
  g_assert_cmpint (c->holder_kind, ==, CD_CERT_HOLDER_NONE);
  g_assert_cmpint (c->staff_id, ==, 0);
  g_assert_nonnull (strstr (o->message, "Bộ phận Một cửa"));

  /* The import report shows it to the clerk. */
  report = cd_cert_import_files (f->store, paths, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->n_linked, ==, 0);
  problems = cd_cert_import_report_problems (report);
  g_assert_nonnull (problems);
  g_assert_nonnull (strstr (problems, "5405EA1000000005"));
}

static void
test_looks_like_service (void)
{
  g_assert_true (cd_cert_link_looks_like_service ("Bộ phận Một cửa"));
  g_assert_true (cd_cert_link_looks_like_service ("BỘ PHẬN 1 CỬA, Lĩnh vực Tư pháp huyện Anh Sơn"));
  g_assert_true (cd_cert_link_looks_like_service ("Bộ phận tiếp nhận và trả kết quả xã Hoà Bình"));
  g_assert_true (cd_cert_link_looks_like_service ("Chứng thư số phục vụ dịch vụ công"));
  g_assert_false (cd_cert_link_looks_like_service ("Hoàng Văn Thái"));
  g_assert_false (cd_cert_link_looks_like_service ("Trường THCS Lê Lợi"));
  g_assert_false (cd_cert_link_looks_like_service (NULL));
}

static void
test_person_unchanged (Fixture       *f,
                       gconstpointer  data)
{
  /* A teacher's commercial certificate names the school as O, and the
   * chuyên dùng one as OU: both stay the teacher's. */
  g_autoptr(CdLinkOutcome) vnpt = import_one (f, "teacher-vnpt.der");
  g_autoptr(CdLinkOutcome) gov = import_one (f, "teacher-gov-sign.der");

  g_assert_cmpint (vnpt->how, ==, CD_LINK_BY_EMAIL);
  g_assert_cmpint (vnpt->holder_kind, ==, CD_CERT_HOLDER_PERSON);
  g_assert_cmpint (vnpt->staff_id, ==, f->thai);
  g_assert_cmpstr (vnpt->holder_name, ==, "Hoàng Văn Thái");
  g_assert_cmpint (gov->staff_id, ==, f->thai);
}

int
main (int    argc,
      char **argv)
{
  cd_test_init (&argc, &argv);
  certs_dir = cd_test_certs_dir ();

  g_test_add ("/core/tokens/holders/unit-name", Fixture, NULL, setup, test_unit_name, teardown);
  g_test_add ("/core/tokens/holders/unit-former-name", Fixture, NULL, setup, test_unit_former_name, teardown);
  g_test_add ("/core/tokens/holders/unit-email", Fixture, NULL, setup, test_unit_email, teardown);
  g_test_add ("/core/tokens/holders/unit-tax-code", Fixture, NULL, setup, test_unit_tax_code, teardown);
  g_test_add ("/core/tokens/holders/service", Fixture, NULL, setup, test_service, teardown);
  g_test_add ("/core/tokens/holders/service-offered", Fixture, NULL, setup, test_service_offered, teardown);
  g_test_add_func ("/core/tokens/holders/looks-like-service", test_looks_like_service);
  g_test_add ("/core/tokens/holders/person-unchanged", Fixture, NULL, setup, test_person_unchanged, teardown);
  return g_test_run ();
}
