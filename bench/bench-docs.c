/* bench-docs.c — how fast documents are made
 *
 *   1. the register of 30,000 people as .xlsx (target < 3 s, RSS < 100 MB)
 *   2. a 1,000-person request list from the built-in template
 *      (target < 200 ms), against python-docx writing the same table
 *
 * Run: _build/bench/bench-docs   (CERTDESK_DATADIR may point at data/)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>
#include <sys/resource.h>
#include <glib/gstdio.h>

#include "cd-doc-templates.h"
#include "cd-docx.h"
#include "cd-xlsx-export.h"
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

  g_unlink (xlsx);
  g_unlink (docx);
  g_unlink (pydocx);
  g_rmdir (tmp);
  return 0;
}
