/* cd-test-util.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include "cd-i18n.h"
#include "cd-test-util.h"

void
cd_test_init (int    *argc,
              char ***argv)
{
  g_test_init (argc, argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  cd_i18n_init ("vi");
}

char *
cd_test_tmpdir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("certdesk-test-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

void
cd_test_rm_rf (const char *path)
{
  if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);
          cd_test_rm_rf (child);
        }
      g_rmdir (path);
    }
  else
    g_unlink (path);
}

char *
cd_test_srcpath (const char *first,
                 ...)
{
  const char *root = g_getenv ("MESON_SOURCE_ROOT");
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();
  va_list args;
  const char *p;

  g_ptr_array_add (parts, (gpointer) (root ? root : "."));
  va_start (args, first);
  for (p = first; p != NULL; p = va_arg (args, const char *))
    g_ptr_array_add (parts, (gpointer) p);
  va_end (args);
  g_ptr_array_add (parts, NULL);
  return g_build_filenamev ((char **) parts->pdata);
}

void
cd_test_damage_pages (const char *path,
                      gboolean    lightly)
{
  guchar junk[16];
  guchar size_be[2];
  goffset page;
  GStatBuf sb;
  int fd;

  memset (junk, 0xA5, sizeof junk);
  fd = g_open (path, O_RDWR, 0);
  g_assert_cmpint (fd, >=, 0);
  /* The file's own page size (header offset 16, big-endian; 1 is
   * 65,536): a new register has 16 KiB pages, an older one 4 KiB. */
  g_assert_cmpint (pread (fd, size_be, sizeof size_be, 16), ==, sizeof size_be);
  page = size_be[0] << 8 | size_be[1];
  if (page == 1)
    page = 65536;
  g_assert_cmpint (page, >=, 512);
  g_assert_cmpint (g_stat (path, &sb), ==, 0);
  g_assert_cmpint (sb.st_size, >, page * 4);
  for (goffset off = lightly ? sb.st_size * 3 / 4 / page * page : page; off < sb.st_size; off += page)
    g_assert_cmpint (pwrite (fd, junk, sizeof junk, off), ==, sizeof junk);
  /* The schema's own b-tree (page 1, after the 100-byte file header):
   * in 16 KiB pages it all fits there, so the rest being damaged would
   * still leave it readable. */
  if (!lightly)
    g_assert_cmpint (pwrite (fd, junk, 8, 100), ==, 8);
  close (fd);
}

const char *
cd_test_certs_dir (void)
{
  const char *dir = g_getenv ("CD_TEST_CERTS");

  if (dir == NULL)
    g_error ("CD_TEST_CERTS is not set: run the test with meson test, which builds the certificates");
  return dir;
}

gint64
cd_test_certs_made_at (void)
{
  g_autofree char *path = g_build_filename (cd_test_certs_dir (), "made-at", NULL);
  g_autofree char *text = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  return g_ascii_strtoll (text, NULL, 10);
}

gboolean
cd_test_flag_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

gboolean
cd_test_wait_count (const guint *count,
                    guint        want,
                    guint        ms)
{
  gboolean late = FALSE;
  guint timer = g_timeout_add (ms, cd_test_flag_cb, &late);

  while (*count < want && !late)
    g_main_context_iteration (NULL, TRUE);
  if (!late)
    g_source_remove (timer);
  return *count >= want;
}
