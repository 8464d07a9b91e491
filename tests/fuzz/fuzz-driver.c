/* fuzz-driver.c — runs a harness over its corpus without libFuzzer
 *
 * The normal (gcc) build links each harness with this main(): every
 * file of the folders (or the files) named on the command line is given
 * once to LLVMFuzzerTestOneInput(), in name order, so the seed and
 * regression inputs run in meson test on every build. A crash, a
 * sanitizer report or a GLib critical fails the test; the file being
 * run is printed first so the failure names its reproducer.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "fuzz-common.h"

static int
run_file (const char *path)
{
  g_autofree char *data = NULL;
  gsize len = 0;
  g_autoptr(GError) error = NULL;

  if (!g_file_get_contents (path, &data, &len, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  printf ("# %s (%zu bytes)\n", path, (size_t) len);
  fflush (stdout);
  LLVMFuzzerTestOneInput ((const guint8 *) data, len);
  return 0;
}

static int
compare_names (gconstpointer a, gconstpointer b)
{
  return g_strcmp0 (*(const char *const *) a, *(const char *const *) b);
}

int
main (int argc, char **argv)
{
  guint runs = 0;
  int failed = 0;

  fuzz_init ();
  for (int i = 1; i < argc; i++)
    {
      if (g_file_test (argv[i], G_FILE_TEST_IS_DIR))
        {
          g_autoptr(GDir) dir = g_dir_open (argv[i], 0, NULL);
          g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
          const char *name;

          if (dir == NULL)
            {
              g_printerr ("cannot open %s\n", argv[i]);
              return 1;
            }
          while ((name = g_dir_read_name (dir)) != NULL)
            g_ptr_array_add (names, g_build_filename (argv[i], name, NULL));
          g_ptr_array_sort (names, compare_names);
          for (guint j = 0; j < names->len; j++, runs++)
            failed |= run_file (g_ptr_array_index (names, j));
        }
      else
        {
          failed |= run_file (argv[i]);
          runs++;
        }
    }
  if (runs == 0)
    {
      g_printerr ("no input: give the corpus folder(s) or files\n");
      return 1;
    }
  printf ("%u inputs run\n", runs);
  return failed;
}
