/* test-token-register.c — a token whose certificate belongs to someone
 * becomes that person's device; one that is nobody's stays unregistered
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cd-test-fixture.h"
#include "cd-test-util.h"
#include "cd-token-register.h"
#include "cd-x509.h"

static char *certs_dir;

typedef struct {
  CdTestRegister *reg;
  const char     *dir;     /* the register's */
  CdStore        *store;   /* the register's */
  gint64          nhung;
} Fixture;

static void
setup (Fixture *f, gconstpointer data)
{
  f->reg = cd_test_register_new (0, CD_TEST_REGISTER_STAFF);
  f->dir = f->reg->dir;
  f->store = f->reg->store;
  f->nhung = cd_test_add_staff (f->store, "Nguyễn Thị Hồng Nhung", NULL, NULL,
                                "nhungnth@haiphong.edu.vn");
}

static void
teardown (Fixture *f, gconstpointer data)
{
  g_clear_pointer (&f->reg, cd_test_register_free);
}

/* A token as the monitor reports it, holding the certificates of the
 * files @names. */
static CdToken *
token_with (const char *serial, const char * const *names)
{
  CdToken *t = g_new0 (CdToken, 1);

  t->serial = g_strdup (serial);
  t->label = g_strdup ("Token GUI");
  t->manufacturer = g_strdup ("Bit4id");
  t->model = g_strdup ("TokenME EVO v2");
  t->certificates = g_ptr_array_new_with_free_func ((GDestroyNotify) cd_certificate_free);
  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *path = g_build_filename (certs_dir, names[i], NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) certs = cd_x509_load_file (path, &error);

      g_assert_no_error (error);
      g_ptr_array_add (t->certificates, g_ptr_array_steal_index (certs, 0));
    }
  return t;
}

static void
test_holder_device (Fixture *f, gconstpointer data)
{
  /* Nobody's certificate first: the holder's still decides. */
  const char *names[] = { "expiring.der", "gov.der", NULL };
  g_autoptr(CdToken) t = token_with ("B4ID2026000009", names);
  g_autoptr(CdTokenRegistration) reg = cd_token_register (f->store, t);
  g_autoptr(CdTokenRegistration) again = NULL;
  g_autoptr(CdDevice) d = NULL;
  g_autoptr(CdCertificate) c = NULL;

  g_assert_cmpuint (reg->errors->len, ==, 0);
  g_assert_cmpint (reg->holder_id, ==, f->nhung);
  g_assert_cmpint (reg->device_id, >, 0);
  c = cd_store_get_certificate (f->store, reg->cert_id, NULL);
  g_assert_cmpint (c->staff_id, ==, f->nhung);
  g_assert_cmpint (c->source, ==, CD_CERT_SOURCE_TOKEN);

  d = cd_store_find_device_by_serial (f->store, "B4ID2026000009");
  g_assert_nonnull (d);
  g_assert_cmpint (d->id, ==, reg->device_id);
  g_assert_cmpint (d->holder_id, ==, f->nhung);
  g_assert_cmpstr (d->status, ==, "with_holder");
  g_assert_cmpstr (d->type, ==, "TOKEN");
  g_assert_cmpstr (d->model, ==, "TokenME EVO v2");

  /* Plugged in again: the device is the register's already. */
  again = cd_token_register (f->store, t);
  g_assert_cmpint (again->holder_id, ==, f->nhung);
  g_assert_cmpint (again->device_id, ==, 0);
}

static void
test_nobodys_token (Fixture *f, gconstpointer data)
{
  const char *names[] = { "expiring.der", NULL };
  g_autoptr(CdToken) t = token_with ("B4ID2026000010", names);
  g_autoptr(CdTokenRegistration) reg = cd_token_register (f->store, t);
  g_autoptr(CdDevice) d = cd_store_find_device_by_serial (f->store, "B4ID2026000010");

  g_assert_cmpint (reg->holder_id, ==, 0);
  g_assert_cmpint (reg->cert_id, >, 0);   /* stored, for the clerk to link */
  g_assert_cmpint (reg->device_id, ==, 0);
  g_assert_null (d);
}

static void
test_empty_token (Fixture *f, gconstpointer data)
{
  const char *names[] = { NULL };
  g_autoptr(CdToken) t = token_with ("B4ID2026000011", names);
  g_autoptr(CdTokenRegistration) reg = cd_token_register (f->store, t);

  g_assert_cmpint (reg->cert_id, ==, 0);
  g_assert_cmpint (reg->holder_id, ==, 0);
  g_assert_cmpuint (reg->errors->len, ==, 0);
}

int
main (int argc, char **argv)
{
  int status;

  cd_test_init (&argc, &argv);
  certs_dir = g_strdup (cd_test_certs_dir ());

  g_test_add ("/core/devices/token-register/holder-device", Fixture, NULL, setup, test_holder_device, teardown);
  g_test_add ("/core/devices/token-register/nobodys-token", Fixture, NULL, setup, test_nobodys_token, teardown);
  g_test_add ("/core/devices/token-register/empty-token", Fixture, NULL, setup, test_empty_token, teardown);
  status = g_test_run ();
  g_free (certs_dir);
  return status;
}
