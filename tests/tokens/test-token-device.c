/* test-token-device.c — tokens read through the mock PKCS#11 module into
 * the register: each certificate records its token's device, and a
 * driver update that reports the token's serial and label differently
 * still finds the same device through the certificates on it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "cd-test-fixture.h"
#include "cd-test-util.h"
#include "cd-token-monitor.h"
#include "cd-token-register.h"

typedef struct {
  CdTestRegister *reg;
  CdTokenMonitor *monitor;
  GPtrArray      *added;    /* CdToken copies, in order */
  guint           n_removed;
  gint64          nhung;
} Fixture;

static char *base_dir;

static char *
mock_path (void)
{
  return g_build_filename (g_getenv ("MESON_BUILD_ROOT"), "tests", "tokens", "mock-pkcs11-a.so", NULL);
}

/* Replaces the mock's control file in one step, as a hot-plug. */
static void
control (const char *text)
{
  g_autofree char *path = g_build_filename (base_dir, "a.ctl", NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
}

static void
added_cb (CdTokenMonitor *m, CdToken *t, Fixture *f)
{
  g_ptr_array_add (f->added, cd_token_copy (t));
}

static void
removed_cb (CdTokenMonitor *m, CdToken *t, Fixture *f)
{
  f->n_removed++;
}

static gboolean
wait_for (guint *count,
          guint  want,
          guint  ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) ms * 1000;

  while (*count < want && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE) || (g_usleep (2000), TRUE);
  return *count >= want;
}

static void
setup (Fixture *f, gconstpointer data)
{
  g_autofree char *mock = mock_path ();
  const char *modules[] = { mock, NULL };

  control ("");
  f->reg = cd_test_register_new (0, CD_TEST_REGISTER_STAFF);
  f->nhung = cd_test_add_staff (f->reg->store, "Nguyễn Thị Hồng Nhung", NULL, NULL,
                                "nhungnth@haiphong.edu.vn");
  f->added = g_ptr_array_new_with_free_func ((GDestroyNotify) cd_token_free);
  f->monitor = cd_token_monitor_new_full (modules, 0, 100);
  g_signal_connect (f->monitor, "token-added", G_CALLBACK (added_cb), f);
  g_signal_connect (f->monitor, "token-removed", G_CALLBACK (removed_cb), f);
  cd_token_monitor_start (f->monitor);
}

static void
teardown (Fixture *f, gconstpointer data)
{
  g_autofree char *violations = g_build_filename (base_dir, "a.violations", NULL);
  g_autofree char *text = NULL;

  /* Reading a token never logs in. */
  if (g_file_get_contents (violations, &text, NULL, NULL))
    g_error ("the mock saw a forbidden call: %s", text);
  cd_token_monitor_stop (f->monitor);
  g_clear_object (&f->monitor);
  g_ptr_array_unref (f->added);
  g_clear_pointer (&f->reg, cd_test_register_free);
}

static guint
count_devices (CdStore *store)
{
  g_autoptr(GPtrArray) all = cd_store_list_devices (store, NULL);
  return all->len;
}

static void
test_driver_update (Fixture *f, gconstpointer data)
{
  CdStore *store = f->reg->store;
  g_autofree char *gov = g_build_filename (cd_test_certs_dir (), "gov.der", NULL);
  g_autofree char *enc = g_build_filename (cd_test_certs_dir (), "future.der", NULL);
  g_autofree char *before = g_strdup_printf ("slot 1 VGCA0042 Nhung %s %s\n", gov, enc);
  g_autofree char *after = g_strdup_printf ("slot 1 0000VGCA0042 Nhung_EVO2 %s %s\n", gov, enc);
  g_autoptr(CdTokenRegistration) first = NULL;
  g_autoptr(CdTokenRegistration) second = NULL;
  g_autoptr(CdDevice) d = NULL;
  CdToken *t;

  control (before);
  g_assert_true (wait_for (&f->added->len, 1, 3000));
  t = g_ptr_array_index (f->added, 0);
  first = cd_token_register (store, t);
  g_assert_cmpuint (first->errors->len, ==, 0);
  g_assert_cmpint (first->holder_id, ==, f->nhung);
  g_assert_cmpint (first->device_id, >, 0);
  g_assert_cmpuint (t->certificates->len, ==, 2);
  for (guint i = 0; i < t->certificates->len; i++)
    {
      CdCertificate *c = g_ptr_array_index (t->certificates, i);
      g_autoptr(CdCertificate) s = cd_store_find_certificate_by_fingerprint (store, c->fingerprint);
      g_assert_cmpint (s->device_id, ==, first->device_id);
    }

  /* Unplugged; the new driver names the same token otherwise when it is
   * plugged in again: a new key for the monitor, the same device for
   * the register. */
  control ("");
  g_assert_true (wait_for (&f->n_removed, 1, 3000));
  control (after);
  g_assert_true (wait_for (&f->added->len, 2, 3000));
  t = g_ptr_array_index (f->added, 1);
  g_assert_cmpstr (t->serial, ==, "0000VGCA0042");
  g_assert_cmpuint (t->certificates->len, ==, 2);
  second = cd_token_register (store, t);
  g_assert_cmpuint (second->errors->len, ==, 0);
  g_assert_true (second->serial_updated);
  g_assert_cmpint (second->device_id, ==, 0);
  g_assert_cmpuint (count_devices (store), ==, 1);
  d = cd_store_find_device_by_serial (store, "0000VGCA0042");
  g_assert_nonnull (d);
  g_assert_cmpint (d->id, ==, first->device_id);
  g_assert_cmpstr (d->label, ==, "Nhung_EVO2");
  g_assert_cmpint (d->holder_id, ==, f->nhung);
}

/* A token of nobody's certificates makes no device; its certificates
 * say no device either. */
static void
test_nobodys_token (Fixture *f, gconstpointer data)
{
  CdStore *store = f->reg->store;
  g_autofree char *vnpt = g_build_filename (cd_test_certs_dir (), "vnpt.der", NULL);
  g_autofree char *line = g_strdup_printf ("slot 2 VNPT0007 Anh %s\n", vnpt);
  g_autoptr(CdTokenRegistration) reg = NULL;
  g_autoptr(CdCertificate) c = NULL;

  control (line);
  g_assert_true (wait_for (&f->added->len, 1, 3000));
  reg = cd_token_register (store, g_ptr_array_index (f->added, 0));
  g_assert_cmpint (reg->device_id, ==, 0);
  g_assert_cmpint (reg->cert_id, >, 0);
  c = cd_store_get_certificate (store, reg->cert_id, NULL);
  g_assert_cmpint (c->device_id, ==, 0);
  g_assert_cmpuint (count_devices (store), ==, 0);
}

int
main (int    argc,
      char **argv)
{
  int status;

  cd_test_init (&argc, &argv);
  base_dir = cd_test_tmpdir ();
  /* Before any thread exists. */
  g_setenv ("CD_MOCK_PKCS11_DIR", base_dir, TRUE);

  g_test_add ("/core/tokens/device/driver-update", Fixture, NULL, setup, test_driver_update, teardown);
  g_test_add ("/core/tokens/device/nobodys-token", Fixture, NULL, setup, test_nobodys_token, teardown);
  status = g_test_run ();
  cd_test_rm_rf (base_dir);
  g_free (base_dir);
  return status;
}
