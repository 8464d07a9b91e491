/* test-desktop-shortcut.c — the launcher put on the clerk's desktop
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <sys/stat.h>
#include <glib/gstdio.h>

#include "cd-desktop-shortcut.h"
#include "cd-fileutil.h"
#include "cd-test-util.h"

static void
test_exec_quoting (void)
{
  struct { const char *path, *exec; } cases[] = {
    { "/usr/bin/certdesk", "/usr/bin/certdesk" },
    { "/home/vt/Ứng dụng/certdesk", "\"/home/vt/Ứng dụng/certdesk\"" },
    { "/opt/a\"b/$x`y`\\z", "\"/opt/a\\\"b/\\$x\\`y\\`\\\\z\"" },
    { "/opt/100%/certdesk", "\"/opt/100%%/certdesk\"" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *exec = cd_desktop_shortcut_exec_value (cases[i].path);
      g_autofree char *unquoted = NULL;
      g_auto(GStrv) argv = NULL;

      g_assert_cmpstr (exec, ==, cases[i].exec);
      /* What a desktop does with it (after %% → %): one argument, the path. */
      if (strchr (cases[i].path, '%') == NULL)
        {
          g_assert_true (g_shell_parse_argv (exec, NULL, &argv, NULL));
          g_assert_cmpuint (g_strv_length (argv), ==, 1);
          g_assert_cmpstr (argv[0], ==, cases[i].path);
        }
    }
}

static void
test_create_in (void)
{
  g_autofree char *tmp = cd_test_tmpdir ();
  g_autofree char *desk = g_build_filename (tmp, "Màn hình nền", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GKeyFile) kf = g_key_file_new ();
  g_autofree char *path = NULL;
  g_autofree char *again = NULL;
  g_autofree char *exec = NULL;
  g_autofree char *type = NULL;
  GStatBuf st;
  gboolean trusted = TRUE;

  /* The folder does not exist yet: it is created. */
  path = cd_desktop_shortcut_create_in (desk, "/opt/Cert Desk/bin/certdesk", &trusted, &error);
  g_assert_no_error (error);
  g_assert_nonnull (path);
  g_assert_true (g_str_has_prefix (path, desk));
  g_assert_true (g_str_has_suffix (path, "/" APP_ID ".desktop"));

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0755);

  g_assert_true (g_key_file_load_from_file (kf, path, G_KEY_FILE_NONE, &error));
  g_assert_no_error (error);
  type = g_key_file_get_string (kf, G_KEY_FILE_DESKTOP_GROUP, "Type", NULL);
  g_assert_cmpstr (type, ==, "Application");
  exec = g_key_file_get_string (kf, G_KEY_FILE_DESKTOP_GROUP, "Exec", NULL);
  g_assert_cmpstr (exec, ==, "\"/opt/Cert Desk/bin/certdesk\"");
  g_assert_false (g_key_file_get_boolean (kf, G_KEY_FILE_DESKTOP_GROUP, "Terminal", NULL));
  g_assert_true (g_key_file_has_key (kf, G_KEY_FILE_DESKTOP_GROUP, "Icon", NULL));
  g_assert_true (g_key_file_has_key (kf, G_KEY_FILE_DESKTOP_GROUP, "Name", NULL));

  /* A second call replaces ours instead of failing. */
  again = cd_desktop_shortcut_create_in (desk, "/usr/bin/certdesk", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (again, ==, path);
  g_clear_pointer (&exec, g_free);
  g_assert_true (g_key_file_load_from_file (kf, path, G_KEY_FILE_NONE, NULL));
  exec = g_key_file_get_string (kf, G_KEY_FILE_DESKTOP_GROUP, "Exec", NULL);
  g_assert_cmpstr (exec, ==, "/usr/bin/certdesk");

  cd_test_rm_rf (tmp);
}

static void
test_create_in_unusable_folder (void)
{
  g_autofree char *tmp = cd_test_tmpdir ();
  g_autofree char *file = g_build_filename (tmp, "not-a-folder", NULL);
  g_autofree char *desk = g_build_filename (file, "Desktop", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  g_autofree char *expected = NULL;

  /* A regular file on the way fails even as root (ENOTDIR). */
  g_assert_true (g_file_set_contents (file, "x", 1, NULL));
  path = cd_desktop_shortcut_create_in (desk, "/usr/bin/certdesk", NULL, &error);
  g_assert_null (path);
  g_assert_error (error, CD_FILE_ERROR, CD_FILE_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, desk));
  /* What failed, then cd_file_set_io_error()'s sentence in Vietnamese,
   * not the C library's "Not a directory" (or its translation) after a
   * colon. */
  expected = g_strdup_printf ("Không tạo được biểu tượng trên màn hình nền. "
                              "Thư mục chứa “%s/" APP_ID ".desktop” không còn nữa. Hãy chọn một thư mục có sẵn.",
                              desk);
  g_assert_cmpstr (error->message, ==, expected);
  cd_test_rm_rf (tmp);
}

int
main (int argc, char *argv[])
{
  cd_test_init (&argc, &argv);
  g_test_add_func ("/core/util/desktop-shortcut/exec-quoting", test_exec_quoting);
  g_test_add_func ("/core/util/desktop-shortcut/create-in", test_create_in);
  g_test_add_func ("/core/util/desktop-shortcut/unusable-folder", test_create_in_unusable_folder);
  return g_test_run ();
}
