/* bench-collect.c — collecting 500 schools' lists of 60 people
 *
 *   bench-collect [SCHOOLS [ROWS]]   (default 500 × 60 = 30,000 people)
 *   bench-collect --make DIR SCHOOLS ROWS   (only the lists, kept)
 *   bench-collect --child DIR [OUT]         (one measured run, for perf)
 *
 * Makes the schools' lists with the built-in request form (CertDesk's own
 * lists), then measures, each in a child process of its own so its CPU
 * time (RUSAGE_CHILDREN) and peak RSS (its own VmHWM) are its own:
 *   1. cd_collect_run() over the folder (read and check every row);
 *   2. the same plus the collected .docx and the Cục's .xlsx written;
 *   3. /usr/bin/python3 with python-docx merely opening each file
 *      (Document(path)), bench-collect-python.py.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "cd-collect.h"
#include "cd-collect-write.h"
#include "cd-doc-templates.h"
#include "cd-docx.h"
#include "cd-test-fixture.h"
#include "cd-test-util.h"

static void
make_lists (const char *dir,
            guint       schools,
            guint       rows)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *tpl = cd_doc_templates_builtin_path ("cap-moi", &error);
  g_auto(GStrv) names = cd_test_names (schools * rows);

  g_assert_no_error (error);
  for (guint s = 0; s < schools; s++)
    {
      g_autoptr(CdUnit) unit = cd_unit_new ();
      g_autoptr(CdDocContext) ctx = NULL;
      g_autofree char *path = g_strdup_printf ("%s/truong-%03u.docx", dir, s + 1);

      unit->name = g_strdup_printf ("Trường Tiểu học số %u", s + 1);
      unit->parent_name = g_strdup ("UBND xã An Lão");
      unit->place = g_strdup ("Hải Phòng");
      ctx = cd_doc_context_new (unit);
      for (guint i = 0; i < rows; i++)
        {
          CdStaff *st = cd_staff_new ();
          guint n = s * rows + i;

          st->full_name = g_strdup (names[n]);
          st->birth_date = g_strdup_printf ("1985-%02u-%02u", 1 + n % 12, 1 + n % 28);
          st->position = g_strdup ("Giáo viên");
          st->cccd = g_strdup_printf ("031085%06u", n);
          st->cccd_date = g_strdup ("2021-04-15");
          st->phone = g_strdup_printf ("09%08u", n);
          st->email = g_strdup_printf ("gv%u@haiphong.edu.vn", n + 1);
          cd_doc_context_add (ctx, cd_doc_person_new (st, NULL));
        }
      if (!cd_docx_generate (tpl, ctx, path, TRUE, NULL, NULL, &error))
        g_error ("%s", error->message);
    }
}

typedef struct {
  double wall_s, cpu_s, rss_mb;
  int    status;
} Figures;

static double
children_cpu_s (void)
{
  struct rusage ru;

  getrusage (RUSAGE_CHILDREN, &ru);
  return ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6
         + ru.ru_stime.tv_sec + ru.ru_stime.tv_usec / 1e6;
}

/* The peak RSS a process reports itself (VmHWM of its own memory map):
 * wait4's ru_maxrss would carry this process's size over the fork. */
static long
vm_hwm_kb (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL)
      || (line = strstr (status, "VmHWM:")) == NULL)
    return 0;
  return atol (line + 6);
}

/* Runs @argv (with @tunables in GLIBC_TUNABLES when not NULL); its last
 * output line is "peak-rss-kb N". */
static Figures
measure (char       **argv,
         const char  *tunables)
{
  Figures f = { 0 };
  g_auto(GStrv) env = g_get_environ ();
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  double cpu0 = children_cpu_s ();
  gint64 t0 = g_get_monotonic_time ();
  const char *rss;
  int status = 0;

  if (tunables != NULL)
    env = g_environ_setenv (env, "GLIBC_TUNABLES", tunables, TRUE);
  if (!g_spawn_sync (NULL, argv, env, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL, &status, &error))
    g_error ("%s", error->message);
  f.wall_s = (g_get_monotonic_time () - t0) / 1e6;
  f.cpu_s = children_cpu_s () - cpu0;
  rss = out != NULL ? strstr (out, "peak-rss-kb ") : NULL;
  f.rss_mb = rss != NULL ? atol (rss + 12) / 1024.0 : 0;
  f.status = g_spawn_check_wait_status (status, NULL) ? 0 : 1;
  return f;
}

/* The child: collect (and write when @out is given). */
static int
child (const char *dir,
       const char *out)
{
  const char *paths[] = { dir, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(CdCollectResult) res = cd_collect_run (paths, NULL, NULL, NULL, NULL, &error);

  if (res == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  if (out != NULL)
    {
      g_autofree char *docx = g_strconcat (out, ".docx", NULL);
      g_autofree char *xlsx = g_strconcat (out, ".xlsx", NULL);
      if (!cd_collect_write_list (res, NULL, NULL, docx, TRUE, &error)
          || !cd_collect_write_bulk_sheet (res, NULL, xlsx, TRUE, &error))
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
    }
  g_print ("%u files, %u people kept, %u rejected\n", res->n_files_read, res->n_kept, res->n_rejected);
  g_print ("peak-rss-kb %ld\n", vm_hwm_kb ());
  return res->n_rejected == 0 ? 0 : 1;
}

int
main (int argc, char **argv)
{
  guint schools = 500, rows = 60;
  g_autofree char *tmp = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *out = NULL;
  g_autofree char *self = NULL;
  Figures ours, ours_nofast, ours_write, py;
  gint64 t0;

  if (argc >= 3 && g_str_equal (argv[1], "--child"))
    {
      cd_test_init (&argc, &argv);
      return child (argv[2], argc > 3 ? argv[3] : NULL);
    }
  if (argc == 5 && g_str_equal (argv[1], "--make"))
    {
      cd_test_init (&argc, &argv);
      g_mkdir_with_parents (argv[2], 0700);
      make_lists (argv[2], (guint) atoi (argv[3]), (guint) atoi (argv[4]));
      return 0;
    }
  self = g_file_read_link ("/proc/self/exe", NULL);
  cd_test_init (&argc, &argv);
  if (argc > 1)
    schools = (guint) atoi (argv[1]);
  if (argc > 2)
    rows = (guint) atoi (argv[2]);

  tmp = cd_test_tmpdir ();
  dir = g_build_filename (tmp, "lists", NULL);
  out = g_build_filename (tmp, "tong-hop", NULL);
  g_mkdir_with_parents (dir, 0700);
  t0 = g_get_monotonic_time ();
  make_lists (dir, schools, rows);
  g_print ("made %u lists of %u people in %.1f s\n", schools, rows,
           (g_get_monotonic_time () - t0) / 1e6);

  {
    char *a[] = { self, (char *) "--child", dir, NULL };
    char *b[] = { self, (char *) "--child", dir, out, NULL };
    char *c[] = { (char *) "/usr/bin/python3", (char *) BENCH_COLLECT_PYTHON, dir, NULL };

    ours = measure (a, NULL);
    ours_nofast = measure (a, "glibc.malloc.mxfast=0");
    ours_write = measure (b, NULL);
    py = measure (c, NULL);
  }
  g_print ("\n%u schools × %u rows = %u people\n", schools, rows, schools * rows);
  g_print ("%-44s %8s %8s %10s\n", "", "wall s", "CPU s", "peak RSS");
  g_print ("%-44s %8.2f %8.2f %7.1f MB%s\n", "certdesk: collect (read + check), window/CLI",
           ours.wall_s, ours.cpu_s, ours.rss_mb, ours.status ? "  FAILED" : "");
  g_print ("%-44s %8.2f %8.2f %7.1f MB%s\n", "  the same, glibc fastbins off (mxfast=0)",
           ours_nofast.wall_s, ours_nofast.cpu_s, ours_nofast.rss_mb, ours_nofast.status ? "  FAILED" : "");
  g_print ("%-44s %8.2f %8.2f %7.1f MB%s\n", "certdesk: collect + write .docx + .xlsx",
           ours_write.wall_s, ours_write.cpu_s, ours_write.rss_mb, ours_write.status ? "  FAILED" : "");
  g_print ("%-44s %8.2f %8.2f %7.1f MB%s\n", "python-docx: Document(path) for each file",
           py.wall_s, py.cpu_s, py.rss_mb, py.status ? "  FAILED" : "");
  if (ours.cpu_s > 0)
    g_print ("python-docx opening / certdesk collecting: %.1f× the CPU time\n", py.cpu_s / ours.cpu_s);
  cd_test_rm_rf (tmp);
  return ours.status || ours_nofast.status || ours_write.status || py.status;
}
