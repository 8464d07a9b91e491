/* test-cert-manual.c — certificates typed in by hand: what is checked,
 * what is stored, the track from the provider's name
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cd-cert-manual.h"
#include "cd-test-fixture.h"
#include "cd-test-util.h"

static CdCertManualInput
input (const char *serial, const char *from, const char *until, const char *provider)
{
  CdCertManualInput in = { 0 };

  in.serial = serial;
  in.not_before = from;
  in.not_after = until;
  in.provider = provider;
  return in;
}

static void
assert_invalid (const CdCertManualInput *in)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdCertificate) c = cd_cert_manual_new (in, &error);

  g_assert_null (c);
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID);
  g_assert_nonnull (error->message);
}

static void
test_validation (void)
{
  CdCertManualInput in;

  in = input ("", "01/02/2025", "01/02/2030", "VNPT");
  assert_invalid (&in);
  in = input ("54A1 00G1", "01/02/2025", "01/02/2030", "VNPT");   /* G is no hex digit */
  assert_invalid (&in);
  in = input ("54A1", "31/02/2025", "01/02/2030", "VNPT");
  assert_invalid (&in);
  in = input ("54A1", "01/02/2025", NULL, "VNPT");
  assert_invalid (&in);
  in = input ("54A1", "01/02/2030", "01/02/2025", "VNPT");
  assert_invalid (&in);
  in = input ("54A1", "01/02/2025", "01/02/2030", "  ");
  assert_invalid (&in);
  /* The Ban Cơ yếu issues no commercial certificate. */
  in = input ("54A1", "01/02/2025", "01/02/2030", "Ban Cơ yếu Chính phủ");
  in.track = CD_CERT_MANUAL_TRACK_PUBLIC;
  assert_invalid (&in);
}

static void
test_fields (void)
{
  CdCertManualInput in = input ("54:a1:00:00 00 00 00 09", "01/02/2025", "31/01/2030", "Ban Cơ yếu Chính phủ");
  g_autoptr(GError) error = NULL;
  g_autoptr(CdCertificate) c = cd_cert_manual_new (&in, &error);
  g_autoptr(GDateTime) nb = NULL, na = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (c->serial, ==, "54A1000000000009");
  g_assert_cmpint (c->source, ==, CD_CERT_SOURCE_MANUAL);
  g_assert_null (c->fingerprint);
  g_assert_true (cd_certificate_is_typed_in (c));
  g_assert_cmpint (c->track, ==, CD_CERT_TRACK_GOVERNMENT);
  g_assert_cmpint (c->purpose, ==, CD_CERT_PURPOSE_SIGNING);
  nb = g_date_time_new_from_unix_local (c->not_before);
  na = g_date_time_new_from_unix_local (c->not_after);
  g_assert_cmpint (g_date_time_get_day_of_month (nb), ==, 1);
  g_assert_cmpint (g_date_time_get_hour (nb), ==, 0);
  g_assert_cmpint (g_date_time_get_day_of_month (na), ==, 31);
  g_assert_cmpint (g_date_time_get_month (na), ==, 1);
  g_assert_cmpint (g_date_time_get_hour (na), ==, 23);
}

static void
test_track (void)
{
  CdCertManualInput in = input ("01", "01/02/2025", "31/01/2030", "VNPT");
  g_autoptr(CdCertificate) vnpt = cd_cert_manual_new (&in, NULL);
  g_autoptr(CdCertificate) chosen = NULL;
  g_autoptr(CdCertificate) enc = NULL;

  g_assert_cmpint (vnpt->track, ==, CD_CERT_TRACK_PUBLIC);
  /* A provider CertDesk does not know, said to be chuyên dùng. */
  in.provider = "Cục Chứng thực số và Bảo mật thông tin";
  in.track = CD_CERT_MANUAL_TRACK_GOVERNMENT;
  chosen = cd_cert_manual_new (&in, NULL);
  g_assert_cmpint (chosen->track, ==, CD_CERT_TRACK_GOVERNMENT);
  in.purpose = CD_CERT_PURPOSE_ENCRYPTION;
  enc = cd_cert_manual_new (&in, NULL);
  g_assert_cmpint (enc->purpose, ==, CD_CERT_PURPOSE_ENCRYPTION);
}

static void
test_store (void)
{
  g_autoptr(CdTestRegister) reg = cd_test_register_new (0, CD_TEST_REGISTER_STAFF);
  gint64 thai = cd_test_add_staff (reg->store, "Hoàng Văn Thái", NULL, NULL, "thaihv@haiphong.edu.vn");
  CdCertManualInput in = input ("54A1000000000009", "01/02/2025", "31/01/2030", "Ban Cơ yếu Chính phủ");
  g_autoptr(GError) error = NULL;
  g_autoptr(CdCertificate) c = NULL;
  g_autoptr(CdCertificate) again = NULL;
  g_autoptr(CdCertificate) stored = NULL;
  g_autoptr(CdCertificate) other = NULL;
  g_autoptr(GPtrArray) his = NULL;

  in.staff_id = thai;
  c = cd_cert_manual_add (reg->store, &in, &error);
  g_assert_no_error (error);
  g_assert_cmpint (c->id, >, 0);
  stored = cd_store_get_certificate (reg->store, c->id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (stored->staff_id, ==, thai);
  g_assert_cmpint (stored->holder_kind, ==, CD_CERT_HOLDER_PERSON);
  g_assert_true (cd_certificate_is_typed_in (stored));
  g_assert_cmpint (stored->track, ==, CD_CERT_TRACK_GOVERNMENT);
  his = cd_store_list_certificates_for_staff (reg->store, thai, NULL);
  g_assert_cmpuint (his->len, ==, 1);

  /* The same serial of the same provider: the same certificate. */
  again = cd_cert_manual_add (reg->store, &in, &error);
  g_assert_null (again);
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);
  /* Another provider may use the number. */
  in.provider = "VNPT";
  other = cd_cert_manual_add (reg->store, &in, &error);
  g_assert_no_error (error);
  g_assert_cmpint (other->id, !=, c->id);
}

int
main (int argc, char **argv)
{
  cd_test_init (&argc, &argv);
  g_test_add_func ("/core/tokens/manual/validation", test_validation);
  g_test_add_func ("/core/tokens/manual/fields", test_fields);
  g_test_add_func ("/core/tokens/manual/track", test_track);
  g_test_add_func ("/core/tokens/manual/store", test_store);
  return g_test_run ();
}
