/* bench-docs.c — how fast documents are made
 *
 *   1. the register of 30,000 people as .xlsx (target < 3 s, RSS < 100 MB)
 *   2. a 1,000-person request list from the built-in template
 *      (target < 200 ms), against python-docx writing the same table
 *   3. the request list for 1,000, 10,000, 30,000 and 100,000 people,
 *      side by side with docxtpl filling the same template
 *      (bench-docs-docxtpl.py): CPU seconds and peak RSS of whole
 *      processes (each run is a child; its rusage is read at exit).
 *      "streamed" is cd_docx_generate(), which writes the rows per person
 *      into the zip; "DOM" is the path it replaced (cd_docx_fill(): a
 *      cloned row per person, the document serialised in memory), run up
 *      to 10,000 people (30,000 takes ~1 GiB). Goals: at 10,000 people
 *      ≤ 0.1× docxtpl's CPU and ≤ 64 MiB; at 100,000 ≤ 64 MiB.
 *      "people alone" is a child that only builds the people in memory
 *      (the test fixture's CdDocContext): what the list costs before
 *      any document. "paged" is what --generate=register does on a
 *      register of that many staff with the fixture's certificates and
 *      tokens, each token linked to its certificate (everyone listed):
 *      cd_doc_context_from_store_paged(), the people and their
 *      certificates' devices read a page at a time as the rows are
 *      written, store opening included.
 *
 * Session 16 (2026-12-06, quiet machine), "paged" alone, before and
 * after the per-person reads kept their prepared statements
 * (cd_store_cached: preparing was 40 % of the run), 3 interleaved runs,
 * CPU s (user+sys) / peak RSS MiB; docxtpl from the same day's run:
 *
 *   people    before          after           docxtpl 0.16     after / docxtpl
 *   10,000    0.66 / 16.6     0.34 / 16.5     5.23 / 401.5     0.065
 *   100,000   8.95 / 16.4     4.49 / 16.2     162.0 / 3663.5   0.028
 *
 * Run: _build/bench/bench-docs [--lists [N]]   (--lists: part 3 only,
 *      N: only that many people; CERTDESK_DATADIR may point at data/;
 *      CERTDESK_BENCH_REGISTERS=DIR keeps the registers of "paged" there
 *      and reuses them: writing 100,000 staff takes minutes, and a
 *      before/after comparison wants the same register)
 *      _build/bench/bench-docs --child stream|dom|people N OUT   (one run)
 *      _build/bench/bench-docs --child paged REGISTER.db OUT
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include "cd-doc-templates.h"
#include "cd-docx.h"
#include "cd-xlsx-export.h"
#include "cd-docx-package.h"
#include "cd-doc-people.h"
#include "cd-test-fixture.h"
#include "docs-people.h"

static double
max_rss_mb (void)
{
  struct rusage ru;

  getrusage (RUSAGE_SELF, &ru);
  return ru.ru_maxrss / 1024.0;
}

/* CPU seconds of this process: the machine may be shared, and wall time
 * then says more about the neighbours than about us. */
static double
cpu_ms (void)
{
  struct rusage ru;

  getrusage (RUSAGE_SELF, &ru);
  return (ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1000.0
         + (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1000.0;
}

static int
cmp_double (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

/* One list made in this process (the child of a side-by-side run). */
static int
child_main (const char *engine,
            guint       n,
            const char *db,
            const char *out)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *tpl = cd_doc_templates_builtin_path ("cap-moi", &error);
  g_autoptr(CdDocContext) ctx = NULL;

  if (tpl == NULL)
    g_error ("%s", error->message);
  if (g_str_equal (engine, "paged"))
    {
      g_autoptr(CdStore) store = cd_store_open (db, &error);

      if (store == NULL)
        g_error ("%s", error->message);
      ctx = cd_doc_context_from_store_paged (store, "register", 60, &error);
      if (ctx == NULL || !cd_docx_generate (tpl, ctx, out, TRUE, NULL, NULL, &error))
        g_error ("%s", error->message);
      return 0;
    }
  ctx = docs_people_context (n);
  if (g_str_equal (engine, "people"))
    return 0;   /* what holding the people costs, before any document */
  if (g_str_equal (engine, "stream"))
    {
      if (!cd_docx_generate (tpl, ctx, out, TRUE, NULL, NULL, &error))
        g_error ("%s", error->message);
    }
  else
    {
      g_autoptr(CdDocxPackage) pkg = cd_docx_package_load (tpl, &error);

      if (pkg == NULL || !cd_docx_fill (pkg, ctx, &error)
          || !cd_docx_package_save (pkg, out, TRUE, &error))
        g_error ("%s", error->message);
    }
  return 0;
}

/* Runs @argv to its end; CPU seconds and peak RSS (MiB) of that process. */
static gboolean
run_child (const char * const *argv,
           double             *cpu_s,
           double             *rss_mib)
{
  GPid pid;
  int status = 0;
  struct rusage ru;
  g_autoptr(GError) error = NULL;

  if (!g_spawn_async (NULL, (char **) argv, NULL,
                      G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL,
                      NULL, NULL, &pid, &error))
    {
      g_printerr ("%s: %s\n", argv[0], error->message);
      return FALSE;
    }
  if (wait4 (pid, &status, 0, &ru) != pid || !WIFEXITED (status) || WEXITSTATUS (status) != 0)
    return FALSE;
  *cpu_s = ru.ru_utime.tv_sec + ru.ru_stime.tv_sec
           + (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
  *rss_mib = ru.ru_maxrss / 1024.0;
  return TRUE;
}

/* The register of the "paged" child, written by a child of its own: a
 * child's peak RSS starts from its parent's at fork (Linux keeps the
 * high-water mark across exec), so the parent must stay small. */
static void
make_register (const char *db,
               guint       n)
{
  pid_t pid = fork ();
  int status = 0;

  if (pid == 0)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CdStore) store = cd_store_open (db, &error);

      if (store == NULL || !cd_test_register_fill (store, n, CD_TEST_REGISTER_ALL | CD_TEST_REGISTER_LINKED,
                                                   g_get_real_time () / G_USEC_PER_SEC, NULL, &error))
        {
          g_printerr ("%s\n", error->message);
          _exit (1);
        }
      g_clear_object (&store);
      _exit (0);
    }
  if (pid < 0 || waitpid (pid, &status, 0) != pid || !WIFEXITED (status) || WEXITSTATUS (status) != 0)
    g_error ("could not write the register of %u staff", n);
}

static void
lists_side_by_side (const char *self,
                    const char *tmp,
                    guint       only)
{
  static const guint sizes[] = { 1000, 10000, 30000, 100000 };
  static const char *db_files[] = { "", "-wal", "-shm" };
  g_autofree char *out = g_build_filename (tmp, "list.docx", NULL);
  g_autofree char *py_out = g_build_filename (tmp, "docxtpl.docx", NULL);
  g_autofree char *folder = NULL;
  g_autoptr(GError) error = NULL;

  folder = cd_doc_templates_builtin_path ("cap-moi", &error);
  if (folder == NULL)
    g_error ("%s", error->message);
  g_print ("request list (built-in cap-moi), whole processes, CPU s / peak RSS MiB:\n");
  g_print ("%8s | %18s | %18s | %18s | %18s | %18s | %s\n", "people", "CertDesk streamed",
           "paged from register", "CertDesk DOM", "docxtpl 0.16", "people alone",
           "streamed, paged / docxtpl CPU");
  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autofree char *n = g_strdup_printf ("%u", sizes[i]);
      const char *ours[] = { self, "--child", "stream", n, out, NULL };
      const char *dom[] = { self, "--child", "dom", n, out, NULL };
      const char *py[] = { "/usr/bin/python3", BENCH_PYTHON_DOCXTPL, folder, py_out, n, NULL };
      const char *alone[] = { self, "--child", "people", n, out, NULL };
      const char *keep = g_getenv ("CERTDESK_BENCH_REGISTERS");
      g_autofree char *db = g_strdup_printf ("%s/register-%u.db", keep != NULL ? keep : tmp, sizes[i]);
      const char *paged[] = { self, "--child", "paged", db, out, NULL };
      double c1 = -1, r1 = -1, c2 = -1, r2 = -1, c3 = -1, r3 = -1, c4 = -1, r4 = -1, c5 = -1, r5 = -1;
      char a[32] = "failed", b[32] = "not run", c[32] = "failed", d[32] = "failed", e[32] = "failed";
      char ratio[48] = "-";

      if (only != 0 && sizes[i] != only)
        continue;
      if (keep == NULL || !g_file_test (db, G_FILE_TEST_EXISTS))
        make_register (db, sizes[i]);
      if (run_child (paged, &c5, &r5))
        g_snprintf (e, sizeof e, "%6.2f s %6.1f MiB", c5, r5);

      if (run_child (ours, &c1, &r1))
        g_snprintf (a, sizeof a, "%6.2f s %6.1f MiB", c1, r1);
      if (sizes[i] <= 10000 && run_child (dom, &c2, &r2))
        g_snprintf (b, sizeof b, "%6.2f s %6.1f MiB", c2, r2);
      if (run_child (py, &c3, &r3))
        g_snprintf (c, sizeof c, "%6.2f s %6.1f MiB", c3, r3);
      if (run_child (alone, &c4, &r4))
        g_snprintf (d, sizeof d, "%6.2f s %6.1f MiB", c4, r4);
      if (c1 > 0 && c3 > 0)
        g_snprintf (ratio, sizeof ratio, "%.3f, %.3f", c1 / c3, c5 / c3);
      g_print ("%8u | %18s | %18s | %18s | %18s | %18s | %s\n", sizes[i], a, e, b, c, d, ratio);
      g_unlink (out);
      g_unlink (py_out);
      for (guint k = 0; keep == NULL && k < G_N_ELEMENTS (db_files); k++)
        {
          g_autofree char *f = g_strconcat (db, db_files[k], NULL);
          g_unlink (f);
        }
    }
}

int
main (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *tmp = g_dir_make_tmp ("bench-docs-XXXXXX", &error);
  g_autofree char *xlsx = g_build_filename (tmp, "so.xlsx", NULL);
  g_autofree char *docx = g_build_filename (tmp, "list.docx", NULL);
  g_autofree char *pydocx = g_build_filename (tmp, "py.docx", NULL);
  g_autofree char *tpl = NULL;
  double times[7], cpu[7];
  double ours, theirs = -1;

  if (argc == 5 && g_str_equal (argv[1], "--child"))
    return child_main (argv[2], (guint) g_ascii_strtoull (argv[3], NULL, 10), argv[3], argv[4]);
  if ((argc == 2 || argc == 3) && g_str_equal (argv[1], "--lists"))
    {
      lists_side_by_side (argv[0], tmp, argc == 3 ? (guint) g_ascii_strtoull (argv[2], NULL, 10) : 0);
      g_rmdir (tmp);
      return 0;
    }

  {
    g_autoptr(CdDocContext) ctx = docs_people_context (30000);
    gint64 t0 = g_get_monotonic_time ();
    double c0 = cpu_ms ();

    if (!cd_xlsx_write_register (xlsx, ctx, TRUE, &error))
      g_error ("%s", error->message);
    g_print ("register 30000 rows .xlsx: %.0f ms wall, %.0f ms CPU, max RSS %.1f MB (targets < 3000 ms, < 100 MB)\n",
             (g_get_monotonic_time () - t0) / 1000.0, cpu_ms () - c0, max_rss_mb ());
  }

  tpl = cd_doc_templates_builtin_path ("cap-moi", &error);
  if (tpl == NULL)
    g_error ("%s", error->message);
  {
    g_autoptr(CdDocContext) ctx = docs_people_context (1000);

    for (guint i = 0; i < G_N_ELEMENTS (times); i++)
      {
        gint64 t0 = g_get_monotonic_time ();
        double c0 = cpu_ms ();
        if (!cd_docx_generate (tpl, ctx, docx, TRUE, NULL, NULL, &error))
          g_error ("%s", error->message);
        times[i] = (g_get_monotonic_time () - t0) / 1000.0;
        cpu[i] = cpu_ms () - c0;
      }
    qsort (times, G_N_ELEMENTS (times), sizeof (double), (int (*)(const void *, const void *)) cmp_double);
    qsort (cpu, G_N_ELEMENTS (cpu), sizeof (double), (int (*)(const void *, const void *)) cmp_double);
    ours = times[G_N_ELEMENTS (times) / 2];
    g_print ("request list 1000 people .docx (built-in template): median %.1f ms wall (best %.1f), median %.1f ms CPU, %u runs (target < 200 ms)\n",
             ours, times[0], cpu[G_N_ELEMENTS (cpu) / 2], (unsigned) G_N_ELEMENTS (times));
  }

  {
    const char *args[] = { "/usr/bin/python3", BENCH_PYTHON_DOCX, pydocx, "1000", NULL };
    g_autofree char *out = NULL;
    int status = 0;

    if (g_spawn_sync (NULL, (char **) args, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                      &out, NULL, &status, NULL) && status == 0)
      {
        theirs = g_ascii_strtod (out, NULL) * 1000.0;
        g_print ("python-docx, same 1000-row table: %.1f ms (build + save, start-up excluded)\n", theirs);
        g_print ("ratio python-docx / CertDesk: %.0fx\n", theirs / ours);
      }
    else
      g_print ("python-docx not available: no ratio\n");
  }

  lists_side_by_side (argv[0], tmp, 0);

  g_unlink (xlsx);
  g_unlink (docx);
  g_unlink (pydocx);
  g_rmdir (tmp);
  return 0;
}
