/* cd-coverage.c
 *
 * Two queries: the staff still working, grouped by position and by the
 * status of the certificate that counts for each (picked in SQL with the
 * ranking of cd_cert_pick_rank(), as a window function), and the
 * certificates grouped by provider and track. 30,000 staff are two
 * aggregates, not 30,000 rows through C.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cd-cert-pick.h"
#include "cd-coverage.h"
#include "cd-sql.h"
#include "cd-store-worker.h"
#include "cd-text.h"

/* The person's certificate that counts: the order of cd_cert_pick_rank()
 * then cd_cert_pick_better() (rank, later not_after, higher id). Keep the
 * two in step. ?1 is now. */
#define PICKED_CERT \
  "WITH c AS (SELECT staff_id, revoked, not_before, not_after, track, purpose," \
  "   row_number () OVER (PARTITION BY staff_id ORDER BY" \
  "     (track = 'government') * 16" \
  "     + (track = 'government' AND purpose = 'signing' AND revoked = 0" \
  "        AND not_before <= ?1 AND ?1 < not_after) * 8" \
  "     + (revoked = 0) * 2 + (purpose = 'signing') DESC," \
  "     not_after DESC, id DESC) AS rn" \
  "  FROM certificates WHERE staff_id IS NOT NULL) "

/* The status numbers are CdCertStatus, as cd_certificate_status() decides
 * them; ?2 is the threshold in days. */
static const char staff_sql[] =
  PICKED_CERT
  "SELECT s.position,"
  "  CASE WHEN c.staff_id IS NULL THEN 0"
  "       WHEN c.revoked != 0 THEN 5"
  "       WHEN ?1 < c.not_before THEN 4"
  "       WHEN ?1 > c.not_after THEN 3"
  "       WHEN (c.not_after - ?1) / 86400 < ?2 THEN 2"
  "       ELSE 1 END AS st,"
  "  coalesce (c.track = 'government' AND c.purpose = 'signing' AND c.revoked = 0"
  "            AND c.not_before <= ?1 AND ?1 < c.not_after, 0) AS gov,"
  "  count (*)"
  " FROM staff s LEFT JOIN c ON c.staff_id = s.id AND c.rn = 1"
  " WHERE s.left = 0"
  " GROUP BY s.position, st, gov";

static const char provider_sql[] =
  "SELECT coalesce (nullif (c.provider, ''), nullif (c.issuer_o, ''), nullif (c.issuer_cn, ''), '') AS p,"
  "  c.track, count (*),"
  "  sum (c.revoked = 0 AND c.not_before <= ?1 AND ?1 < c.not_after),"
  "  count (DISTINCT c.staff_id)"
  " FROM certificates c JOIN staff s ON s.id = c.staff_id AND s.left = 0"
  " GROUP BY p, c.track"
  " ORDER BY 3 DESC, p";

static void
provider_free (CdCoverageProvider *p)
{
  g_free (p->provider);
  g_free (p);
}

void
cd_coverage_free (CdCoverage *coverage)
{
  if (coverage == NULL)
    return;
  g_clear_pointer (&coverage->providers, g_ptr_array_unref);
  g_free (coverage);
}

static gboolean
has_word (const char *key,
          const char *word)
{
  const char *p = key;
  gsize n = strlen (word);

  while ((p = strstr (p, word)) != NULL)
    {
      gboolean start = p == key || p[-1] == ' ';
      gboolean end = p[n] == '\0' || p[n] == ' ';
      if (start && end)
        return TRUE;
      p++;
    }
  return FALSE;
}

CdCoverageGroup
cd_coverage_group_of (const char *position)
{
  /* Heads and deputies of a school or an office manage (cán bộ quản lý);
   * a Tổ trưởng chuyên môn is a teacher leading a subject group, and a
   * "Giáo viên Tổng phụ trách Đội" a teacher too; everyone else on the
   * payroll (văn thư, kế toán, thư viện, y tế, bảo vệ…) is an employee.
   * Matched on the accent-free key, so "HIỆU TRƯỞNG" and "Hiệu truởng"
   * count alike. */
  static const char *leaders[] = {
    "hieu truong", "giam doc", "truong phong", "chanh van phong",
    "truong khoa", "chu tich", "bi thu", "thu truong",
  };
  static const char *teachers[] = {
    "giao vien", "giang vien", "to truong chuyen mon", "to pho chuyen mon",
    "bao mau", "co nuoi day",
  };
  g_autofree char *key = NULL;

  if (position == NULL || *position == '\0')
    return CD_COVERAGE_NO_POSITION;
  key = cd_text_search_key (position);
  if (key == NULL || *key == '\0')
    return CD_COVERAGE_NO_POSITION;
  for (guint i = 0; i < G_N_ELEMENTS (leaders); i++)
    if (has_word (key, leaders[i]))
      return CD_COVERAGE_LEADERS;
  for (guint i = 0; i < G_N_ELEMENTS (teachers); i++)
    if (has_word (key, teachers[i]))
      return CD_COVERAGE_TEACHERS;
  return CD_COVERAGE_EMPLOYEES;
}

const char *
cd_coverage_group_label (CdCoverageGroup group)
{
  switch (group)
    {
    case CD_COVERAGE_LEADERS: return "Cán bộ quản lý";
    case CD_COVERAGE_TEACHERS: return "Giáo viên";
    case CD_COVERAGE_EMPLOYEES: return "Nhân viên";
    case CD_COVERAGE_NO_POSITION:
    case CD_COVERAGE_N_GROUPS:
    default: return "Chưa ghi chức vụ";
    }
}

double
cd_coverage_percent (guint part,
                     guint total)
{
  return total > 0 ? 100.0 * part / total : 0.0;
}

char *
cd_coverage_percent_text (guint part,
                          guint total)
{
  /* Printed and shown in Vietnamese whatever LC_NUMERIC says. */
  char *s = g_strdup_printf ("%.1f %%", cd_coverage_percent (part, total));

  g_strdelimit (s, ".", ',');
  return s;
}

static void
count_add (CdCoverageCount *c,
           int              status,
           gboolean         gov,
           guint            n)
{
  c->total += n;
  if (status >= 0 && status < CD_COVERAGE_N_STATUS)
    c->by_status[status] += n;
  if (gov)
    c->valid_government += n;
}

CdCoverage *
cd_coverage_compute (CdStore  *store,
                     gint64    now,
                     int       threshold_days,
                     GError  **error)
{
  g_autoptr(CdCoverage) cov = g_new0 (CdCoverage, 1);
  g_autoptr(CdSqlStmt) st = NULL;
  sqlite3 *db;
  int rc;

  g_return_val_if_fail (CD_IS_STORE (store), NULL);

  db = cd_store_get_db (store);
  cov->now = now;
  cov->threshold_days = threshold_days;
  cov->providers = g_ptr_array_new_with_free_func ((GDestroyNotify) provider_free);

  st = cd_sql_prepare (db, staff_sql, error);
  if (st == NULL)
    return NULL;
  sqlite3_bind_int64 (st, 1, now);
  sqlite3_bind_int (st, 2, threshold_days);
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      const char *position = (const char *) sqlite3_column_text (st, 0);
      int status = sqlite3_column_int (st, 1);
      gboolean gov = sqlite3_column_int (st, 2) != 0;
      guint n = (guint) sqlite3_column_int64 (st, 3);

      count_add (&cov->all, status, gov, n);
      count_add (&cov->groups[cd_coverage_group_of (position)], status, gov, n);
    }
  if (rc != SQLITE_DONE)
    return cd_sql_set_error (db, rc, error), NULL;
  g_clear_pointer (&st, sqlite3_finalize);

  st = cd_sql_prepare (db, provider_sql, error);
  if (st == NULL)
    return NULL;
  sqlite3_bind_int64 (st, 1, now);
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      CdCoverageProvider *p = g_new0 (CdCoverageProvider, 1);

      p->provider = g_strdup ((const char *) sqlite3_column_text (st, 0));
      p->track = cd_cert_track_from_string ((const char *) sqlite3_column_text (st, 1));
      p->certificates = (guint) sqlite3_column_int64 (st, 2);
      p->valid = (guint) sqlite3_column_int64 (st, 3);
      p->holders = (guint) sqlite3_column_int64 (st, 4);
      g_ptr_array_add (cov->providers, p);
    }
  if (rc != SQLITE_DONE)
    return cd_sql_set_error (db, rc, error), NULL;
  return g_steal_pointer (&cov);
}

char *
cd_coverage_summary (const CdCoverage *cov)
{
  GString *s = g_string_new (NULL);
  const CdCoverageCount *a = &cov->all;
  static const CdCertStatus order[] = {
    CD_CERT_STATUS_VALID, CD_CERT_STATUS_EXPIRING, CD_CERT_STATUS_EXPIRED,
    CD_CERT_STATUS_NOT_YET_VALID, CD_CERT_STATUS_REVOKED, CD_CERT_STATUS_NONE,
  };
  g_autofree char *share = cd_coverage_percent_text (a->valid_government, a->total);

  /* Translators: %u of %u staff, then a percentage ("66,7 %") */
  g_string_append_printf (s, _("Valid government certificate: %u/%u staff (%s)"),
                          a->valid_government, a->total, share);
  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    {
      guint n = a->by_status[order[i]];
      g_autofree char *pc = NULL;

      if (n == 0 && order[i] == CD_CERT_STATUS_NOT_YET_VALID)
        continue;
      pc = cd_coverage_percent_text (n, a->total);
      g_string_append_c (s, '\n');
      g_string_append_printf (s, "%s: %u (%s)", cd_cert_status_label (order[i]), n, pc);
    }
  for (guint g = 0; g < CD_COVERAGE_N_GROUPS; g++)
    {
      const CdCoverageCount *c = &cov->groups[g];
      if (c->total == 0)
        continue;
      g_string_append_c (s, '\n');
      /* Translators: a position group, then valid / total staff */
      g_string_append_printf (s, _("%s: %u/%u with a valid government certificate"),
                              cd_coverage_group_label (g), c->valid_government, c->total);
    }
  return g_string_free (s, FALSE);
}

static gpointer
compute_work (CdStore       *store,
              gpointer       data,
              GCancellable  *cancellable,
              GError       **error)
{
  gint64 *args = data;

  return cd_coverage_compute (store, args[0], (int) args[1], error);
}

void
cd_coverage_compute_async (CdStore             *store,
                           gint64               now,
                           int                  threshold_days,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  gint64 *args = g_new (gint64, 2);

  args[0] = now;
  args[1] = threshold_days;
  cd_store_run_async (store, compute_work, args, g_free,
                      (GDestroyNotify) cd_coverage_free, NULL /* reads only */,
                      cd_coverage_compute_async, cancellable, callback, user_data);
}

CdCoverage *
cd_coverage_compute_finish (CdStore       *store,
                            GAsyncResult  *result,
                            GError       **error)
{
  return cd_store_run_finish (store, result, cd_coverage_compute_async, error);
}
