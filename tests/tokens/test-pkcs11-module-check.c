/* test-pkcs11-module-check.c — the check of a library the clerk adds:
 * the mock module passes, a file that is no library and a library that
 * is no PKCS#11 module are told apart
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cd-pkcs11-module-check.h"
#include "cd-test-util.h"

static void
done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static gboolean
check_async (const char *path, GError **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  cd_pkcs11_module_check_async (path, NULL, done_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return cd_pkcs11_module_check_finish (result, error);
}

static void
test_mock (void)
{
  g_autofree char *mock = g_build_filename (g_getenv ("MESON_BUILD_ROOT"), "tests", "tokens",
                                            "mock-pkcs11-a.so", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_test (mock, G_FILE_TEST_EXISTS));
  g_assert_true (cd_pkcs11_module_check (mock, &error));
  g_assert_no_error (error);
  g_assert_true (check_async (mock, &error));
  g_assert_no_error (error);
}

static void
test_not_a_module (void)
{
  g_autofree char *dir = cd_test_tmpdir ();
  g_autofree char *text = g_build_filename (dir, "vendor-pkcs11.so", NULL);
  g_autofree char *missing = g_build_filename (dir, "gone-pkcs11.so", NULL);
  const char *libz = "/lib/x86_64-linux-gnu/libz.so.1";
  g_autoptr(GError) error = NULL;

  /* A text file under a library's name does not load. */
  g_assert_true (g_file_set_contents (text, "không phải thư viện", -1, NULL));
  g_assert_false (check_async (text, &error));
  g_assert_error (error, CD_PKCS11_ERROR, CD_PKCS11_ERROR_FAILED);
  g_clear_error (&error);

  g_assert_false (cd_pkcs11_module_check (missing, &error));
  g_assert_error (error, CD_PKCS11_ERROR, CD_PKCS11_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* A real library that is not PKCS#11. */
  if (g_file_test (libz, G_FILE_TEST_EXISTS))
    {
      g_assert_false (cd_pkcs11_module_check (libz, &error));
      g_assert_error (error, CD_PKCS11_ERROR, CD_PKCS11_ERROR_NOT_MODULE);
      g_clear_error (&error);
    }
  cd_test_rm_rf (dir);
}

static void
test_cancelled (void)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  g_cancellable_cancel (cancellable);
  cd_pkcs11_module_check_async ("/nonexistent.so", cancellable, done_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (cd_pkcs11_module_check_finish (result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

int
main (int argc, char **argv)
{
  cd_test_init (&argc, &argv);
  g_test_add_func ("/core/tokens/module-check/mock", test_mock);
  g_test_add_func ("/core/tokens/module-check/not-a-module", test_not_a_module);
  g_test_add_func ("/core/tokens/module-check/cancelled", test_cancelled);
  return g_test_run ();
}
