/* test-holders.c — who holds a certificate: a person, the unit, a service
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib.h>

#include "cd-store.h"
#include "cd-test-fixture.h"
#include "cd-test-util.h"

static gint64
add_cert (CdStore    *store,
          const char *serial,
          const char *cn)
{
  g_autoptr(CdCertificate) c = cd_certificate_new ();
  g_autoptr(GError) error = NULL;

  c->serial = g_strdup (serial);
  c->subject_cn = g_strdup (cn);
  c->issuer_cn = g_strdup ("CA phục vụ các cơ quan Nhà nước G2");
  c->not_before = 1700000000;
  c->not_after = 1900000000;
  g_assert_true (cd_store_save_certificate (store, c, &error));
  g_assert_no_error (error);
  return c->id;
}

static void
test_holder_kinds (void)
{
  g_autofree char *tmp = cd_test_tmpdir ();
  g_autofree char *path = g_build_filename (tmp, "certdesk.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CdStore) store = cd_store_open (path, &error);
  g_autoptr(CdService) desk = cd_service_new ();
  g_autoptr(CdService) again = cd_service_new ();
  g_autoptr(CdCertificate) seal = NULL;
  g_autoptr(CdCertificate) svc = NULL;
  g_autoptr(GPtrArray) held = NULL;
  g_autoptr(CdService) found = NULL;
  gint64 seal_id, svc_id, loose_id;

  g_assert_no_error (error);
  desk->name = g_strdup ("Bộ phận Một cửa");
  g_assert_true (cd_store_save_service (store, desk, &error));
  g_assert_no_error (error);
  g_assert_cmpint (desk->id, >, 0);
  /* the same name again, in other case and tone placement, is refused */
  again->name = g_strdup ("bộ phận một cửa");
  g_assert_false (cd_store_save_service (store, again, &error));
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);
  found = cd_store_find_service_by_name (store, "BỘ PHẬN MỘT CỬA");
  g_assert_nonnull (found);
  g_assert_cmpint (found->id, ==, desk->id);

  seal_id = add_cert (store, "0A01", "TRƯỜNG THCS LÊ LỢI");
  svc_id = add_cert (store, "0A02", "Bộ phận Một cửa");
  loose_id = add_cert (store, "0A03", "Nguyễn Văn An");
  g_assert_true (cd_store_set_certificate_holder (store, seal_id, CD_CERT_HOLDER_UNIT, 0, &error));
  g_assert_no_error (error);
  g_assert_true (cd_store_set_certificate_holder (store, svc_id, CD_CERT_HOLDER_SERVICE, desk->id, &error));
  g_assert_no_error (error);

  seal = cd_store_get_certificate (store, seal_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (seal->holder_kind, ==, CD_CERT_HOLDER_UNIT);
  g_assert_cmpint (seal->staff_id, ==, 0);
  svc = cd_store_get_certificate (store, svc_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (svc->holder_kind, ==, CD_CERT_HOLDER_SERVICE);
  g_assert_cmpint (svc->service_id, ==, desk->id);

  held = cd_store_list_certificates_held (store, CD_CERT_HOLDER_UNIT, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (held->len, ==, 1);
  g_assert_cmpstr (((CdCertificate *) held->pdata[0])->serial, ==, "0A01");
  g_clear_pointer (&held, g_ptr_array_unref);
  held = cd_store_list_certificates_held (store, CD_CERT_HOLDER_SERVICE, desk->id, &error);
  g_assert_cmpuint (held->len, ==, 1);
  g_assert_cmpstr (((CdCertificate *) held->pdata[0])->serial, ==, "0A02");
  g_clear_pointer (&held, g_ptr_array_unref);
  held = cd_store_list_certificates_held (store, CD_CERT_HOLDER_NONE, 0, &error);
  g_assert_cmpuint (held->len, ==, 1);
  g_assert_cmpint (((CdCertificate *) held->pdata[0])->id, ==, loose_id);

  /* Re-reading the seal from a token knows nothing of its holder: kept,
   * across a reopen too. */
  g_clear_object (&store);
  store = cd_store_open (path, &error);
  g_assert_no_error (error);
  {
    g_autoptr(CdCertificate) again_seal = cd_store_get_certificate (store, seal_id, &error);
    again_seal->holder_kind = CD_CERT_HOLDER_NONE;
    g_assert_true (cd_store_save_certificate (store, again_seal, &error));
    g_clear_pointer (&again_seal, cd_certificate_free);
    again_seal = cd_store_get_certificate (store, seal_id, &error);
    g_assert_cmpint (again_seal->holder_kind, ==, CD_CERT_HOLDER_UNIT);
  }
  /* A person then: the unit no longer holds it. */
  {
    gint64 an = cd_test_add_staff (store, "Nguyễn Văn An", NULL, NULL, NULL);
    g_autoptr(CdCertificate) now = NULL;

    g_assert_true (cd_store_link_certificate (store, seal_id, an, &error));
    g_assert_no_error (error);
    now = cd_store_get_certificate (store, seal_id, &error);
    g_assert_cmpint (now->holder_kind, ==, CD_CERT_HOLDER_PERSON);
    g_assert_cmpint (now->staff_id, ==, an);
  }
  g_clear_object (&store);
  cd_test_rm_rf (tmp);
}

int
main (int argc, char **argv)
{
  cd_test_init (&argc, &argv);
  g_test_add_func ("/store/holders/kinds", test_holder_kinds);
  return g_test_run ();
}
