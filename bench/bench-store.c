/* bench-store.c — the register's figures on 30,000 staff
 *
 * Generates 30,000 staff as .csv and .xlsx, imports each into a fresh
 * register, opens the result, and searches it accent-insensitively.
 * Prints wall-clock and CPU time of each step (the machine is shared, so
 * CPU time is the steadier figure). Targets from issue 3: import .xlsx
 * < 2 s, .csv < 1 s, search < 10 ms, open < 50 ms.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <time.h>
#include <xlsxwriter.h>
#include <glib/gstdio.h>

#include "cd-staff-import.h"
#include "cd-store.h"
#include "cd-test-fixture.h"
#include "cd-text.h"

#define N_STAFF 30000

/* The fixture library's people (the demo's generator, seed 7). */
static GPtrArray *people;

typedef struct {
  gint64  wall;
  clock_t cpu;
} Mark;

static Mark
mark (void)
{
  return (Mark) { g_get_monotonic_time (), clock () };
}

static void
report (const char *what, Mark start, double target_ms)
{
  Mark end = mark ();
  double wall = (end.wall - start.wall) / 1000.0;
  double cpu = (double) (end.cpu - start.cpu) * 1000.0 / CLOCKS_PER_SEC;

  printf ("%-44s %9.1f ms wall %9.1f ms cpu   (target < %.0f ms)%s\n", what, wall, cpu,
          target_ms, cpu < target_ms ? "" : "  OVER");
}

static void
person (int i, char **name, char **birth, char **cccd, char **phone, char **email, const char **pos,
        const char **gender)
{
  const CdStaff *s;

  if (people == NULL)
    people = cd_test_people (N_STAFF, 0);
  s = ((CdDemoPerson *) g_ptr_array_index (people, i))->staff;
  *name = g_strdup (s->full_name);
  /* as the clerk's sheet has it: dd/mm/yyyy */
  *birth = g_strdup_printf ("%.2s/%.2s/%.4s", s->birth_date + 8, s->birth_date + 5, s->birth_date);
  *cccd = g_strdup (s->cccd);
  *phone = g_strdup (s->phone);
  *email = g_strdup (s->email);
  *pos = s->position;
  *gender = s->gender;
}

static void
write_csv (const char *path)
{
  FILE *f = fopen (path, "w");

  fputs ("\xEF\xBB\xBF" "DANH SÁCH CÁN BỘ\nSTT;Họ và tên;Ngày sinh;Giới tính;Chức vụ;Số CCCD;Điện thoại;Email\n", f);
  for (int i = 0; i < N_STAFF; i++)
    {
      g_autofree char *name, *birth, *cccd, *phone, *email;
      const char *pos, *gender;
      person (i, &name, &birth, &cccd, &phone, &email, &pos, &gender);
      fprintf (f, "%d;%s;%s;%s;%s;%s;%s;%s\n", i + 1, name, birth, gender,
               pos, cccd, phone, email);
    }
  fclose (f);
}

static void
write_xlsx (const char *path)
{
  lxw_workbook *wb = workbook_new (path);
  lxw_worksheet *ws = workbook_add_worksheet (wb, NULL);
  static const char *const head[] = { "STT", "Họ và tên", "Ngày sinh", "Giới tính", "Chức vụ",
                                      "Số CCCD", "Điện thoại", "Email" };

  worksheet_write_string (ws, 0, 0, "DANH SÁCH CÁN BỘ", NULL);
  for (int c = 0; c < 8; c++)
    worksheet_write_string (ws, 1, (lxw_col_t) c, head[c], NULL);
  for (int i = 0; i < N_STAFF; i++)
    {
      g_autofree char *name, *birth, *cccd, *phone, *email;
      const char *pos, *gender;
      lxw_row_t r = (lxw_row_t) i + 2;
      person (i, &name, &birth, &cccd, &phone, &email, &pos, &gender);
      worksheet_write_number (ws, r, 0, i + 1, NULL);
      worksheet_write_string (ws, r, 1, name, NULL);
      worksheet_write_string (ws, r, 2, birth, NULL);
      worksheet_write_string (ws, r, 3, gender, NULL);
      worksheet_write_string (ws, r, 4, pos, NULL);
      /* as clerks do: the CCCD typed as a number, zeros lost */
      worksheet_write_number (ws, r, 5, g_ascii_strtod (cccd, NULL), NULL);
      worksheet_write_string (ws, r, 6, phone, NULL);
      worksheet_write_string (ws, r, 7, email, NULL);
    }
  workbook_close (wb);
}

static CdStore *
import (const char *dir, const char *db_name, const char *file, const char *label, double target)
{
  static const char *const official[] = { "*.gov.vn", "*.edu.vn", NULL };
  g_autofree char *db = g_build_filename (dir, db_name, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CdStaffImport) imp = NULL;
  CdStore *store = cd_store_open (db, &error);
  Mark m;

  g_assert_no_error (error);
  m = mark ();
  imp = cd_staff_import_prepare (store, file, official, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (imp->n_added, ==, N_STAFF);
  report (g_strdup_printf ("%s: read + preview", label), m, target);
  {
    Mark c = mark ();
    g_assert_true (cd_staff_import_commit (imp, store, &error));
    report (g_strdup_printf ("%s: commit", label), c, target);
  }
  report (g_strdup_printf ("%s: total", label), m, target);
  g_assert_cmpuint (cd_store_count_staff (store), ==, N_STAFF);
  return store;
}

int
main (int argc, char *argv[])
{
  g_autofree char *dir = g_dir_make_tmp ("bench-store-XXXXXX", NULL);
  g_autofree char *csv = g_build_filename (dir, "staff.csv", NULL);
  g_autofree char *xlsx = g_build_filename (dir, "staff.xlsx", NULL);
  g_autofree char *db = g_build_filename (dir, "csv.db", NULL);
  g_autoptr(CdStore) store = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  Mark m;

  printf ("bench-store: %d staff, in %s\n", N_STAFF, dir);
  write_csv (csv);
  write_xlsx (xlsx);

  g_clear_object (&store);
  store = import (dir, "xlsx.db", xlsx, "import .xlsx", 2000);
  g_clear_object (&store);
  store = import (dir, "csv.db", csv, "import .csv", 1000);
  g_clear_object (&store);

  /* open: best of 5 (the first one also pays for the page cache) */
  {
    double best_wall = 1e9, best_cpu = 1e9;
    for (int i = 0; i < 5; i++)
      {
        Mark s = mark (), e;
        store = cd_store_open (db, &error);
        g_assert_no_error (error);
        e = mark ();
        best_wall = MIN (best_wall, (e.wall - s.wall) / 1000.0);
        best_cpu = MIN (best_cpu, (double) (e.cpu - s.cpu) * 1000.0 / CLOCKS_PER_SEC);
        if (i < 4)
          g_clear_object (&store);
      }
    printf ("%-44s %9.1f ms wall %9.1f ms cpu   (target < 50 ms)%s\n",
            "open a 30,000-staff register (best of 5)", best_wall, best_cpu, best_cpu < 50 ? "" : "  OVER");
  }

  m = mark ();
  rows = cd_store_list_staff_rows (store, g_get_real_time () / G_USEC_PER_SEC, 60, &error);
  g_assert_cmpuint (rows->len, ==, N_STAFF);
  report ("list 30,000 staff rows (one query)", m, 1000);

  /* The staff list filters its model with cd_text_search_match(): the
   * query key once, then one test per row. */
  {
    static const char *const queries[] = { "hoà", "nguyen thi", "dang van an", "nhung", "031" };
    for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
      {
        guint hits = 0;
        double best = 1e9;
        for (int rep = 0; rep < 20; rep++)
          {
            gint64 s = g_get_monotonic_time ();
            g_autofree char *key = cd_text_search_key (queries[q]);
            hits = 0;
            for (guint i = 0; i < rows->len; i++)
              hits += cd_text_search_match (((CdStaffRow *) rows->pdata[i])->search_key, key);
            best = MIN (best, (g_get_monotonic_time () - s) / 1000.0);
          }
        printf ("search “%s” in memory: %u hits %*s %9.2f ms (best of 20, target < 10 ms)%s\n",
                queries[q], hits, (int) (20 - strlen (queries[q])), "", best, best < 10 ? "" : "  OVER");
      }
    for (guint q = 0; q < 2; q++)
      {
        double best = 1e9;
        guint hits = 0;
        for (int rep = 0; rep < 5; rep++)
          {
            gint64 s = g_get_monotonic_time ();
            g_autoptr(GArray) ids = cd_store_search_staff (store, queries[q], &error);
            hits = ids->len;
            best = MIN (best, (g_get_monotonic_time () - s) / 1000.0);
          }
        printf ("search “%s” in SQL: %u hits %*s %9.2f ms (best of 5)\n",
                queries[q], hits, (int) (24 - strlen (queries[q])), "", best);
      }
  }

  g_clear_object (&store);
  {
    g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
    const char *name;
    while ((name = g_dir_read_name (d)) != NULL)
      {
        g_autofree char *p = g_build_filename (dir, name, NULL);
        g_unlink (p);
      }
    g_rmdir (dir);
  }
  return 0;
}
