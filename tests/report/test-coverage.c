/* test-coverage.c — the coverage report counts what the register holds
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <sys/stat.h>

#include "cd-cert-pick.h"
#include "cd-coverage-export.h"
#include "cd-test-fixture.h"
#include "cd-test-util.h"

#define NOW ((gint64) 1780000000)   /* 2026-05-28 */
#define DAY ((gint64) 86400)

typedef enum { NO_CERT, GOV, VNPT } Issuer;

static gint64
add_person (CdStore    *store,
            const char *name,
            const char *position,
            gboolean    left)
{
  g_autoptr(CdStaff) s = cd_test_staff_new (name, NULL, NULL, NULL);

  s->position = g_strdup (position);
  s->left = left;
  return cd_test_save_staff (store, s);
}

static void
add_cert (CdStore  *store,
          gint64    staff_id,
          Issuer    issuer,
          gint64    not_after,
          gboolean  revoked)
{
  static guint serial;
  g_autoptr(CdCertificate) c = cd_certificate_new ();
  g_autoptr(GError) error = NULL;

  c->staff_id = staff_id;
  c->serial = g_strdup_printf ("54A1%06u", ++serial);
  c->issuer_o = g_strdup (issuer == GOV ? "Ban Cơ yếu Chính phủ" : "VNPT Group");
  c->issuer_cn = g_strdup (issuer == GOV ? "CA phục vụ các cơ quan Nhà nước G2" : "VNPT Certification Authority");
  c->not_before = NOW - 400 * DAY;
  c->not_after = not_after;
  c->revoked = revoked;
  g_assert_true (cd_store_save_certificate (store, c, &error));
  g_assert_no_error (error);
}

/* Ten people, nine still working; the numbers the report must give are
 * worked out by hand in the comments. */
static CdTestRegister *
fixture (void)
{
  CdTestRegister *reg = cd_test_register_new (0, CD_TEST_REGISTER_STAFF);
  CdStore *s = reg->store;
  gint64 id;

  id = add_person (s, "Nguyễn Văn An", "Hiệu trưởng", FALSE);          /* leader, valid, gov */
  add_cert (s, id, GOV, NOW + 365 * DAY, FALSE);
  id = add_person (s, "Trần Thị Bình", "Phó Hiệu trưởng", FALSE);      /* leader, expiring, gov */
  add_cert (s, id, GOV, NOW + 10 * DAY, FALSE);
  id = add_person (s, "Lê Văn Cường", "Giáo viên", FALSE);             /* teacher, expired (gov counts over VNPT) */
  add_cert (s, id, GOV, NOW - 10 * DAY, FALSE);
  add_cert (s, id, VNPT, NOW + 300 * DAY, FALSE);
  id = add_person (s, "Phạm Thị Dung", "Giáo viên", FALSE);            /* teacher, revoked */
  add_cert (s, id, GOV, NOW + 300 * DAY, TRUE);
  add_person (s, "Hoàng Văn Em", "GIÁO VIÊN", FALSE);                  /* teacher, none */
  id = add_person (s, "Vũ Thị Phương", "Tổ trưởng chuyên môn", FALSE); /* teacher, valid, gov */
  add_cert (s, id, GOV, NOW + 200 * DAY, FALSE);
  id = add_person (s, "Đỗ Văn Giang", "Nhân viên kế toán", FALSE);     /* employee, valid, VNPT only */
  add_cert (s, id, VNPT, NOW + 200 * DAY, FALSE);
  add_person (s, "Bùi Thị Hà", "Nhân viên văn thư", FALSE);            /* employee, none */
  id = add_person (s, "Ngô Văn Ích", NULL, FALSE);                     /* no position, valid, gov */
  add_cert (s, id, GOV, NOW + 500 * DAY, FALSE);
  id = add_person (s, "Đinh Thị Kim", "Giáo viên", TRUE);              /* left: not counted */
  add_cert (s, id, GOV, NOW + 500 * DAY, FALSE);
  return reg;
}

static void
test_groups (void)
{
  g_assert_cmpint (cd_coverage_group_of ("Hiệu trưởng"), ==, CD_COVERAGE_LEADERS);
  g_assert_cmpint (cd_coverage_group_of ("PHÓ HIỆU TRƯỞNG"), ==, CD_COVERAGE_LEADERS);
  g_assert_cmpint (cd_coverage_group_of ("Phó Trưởng phòng"), ==, CD_COVERAGE_LEADERS);
  g_assert_cmpint (cd_coverage_group_of ("Giáo viên"), ==, CD_COVERAGE_TEACHERS);
  g_assert_cmpint (cd_coverage_group_of ("Giáo viên Tổng phụ trách Đội"), ==, CD_COVERAGE_TEACHERS);
  g_assert_cmpint (cd_coverage_group_of ("Tổ phó chuyên môn"), ==, CD_COVERAGE_TEACHERS);
  g_assert_cmpint (cd_coverage_group_of ("Nhân viên y tế"), ==, CD_COVERAGE_EMPLOYEES);
  g_assert_cmpint (cd_coverage_group_of ("Bảo vệ"), ==, CD_COVERAGE_EMPLOYEES);
  g_assert_cmpint (cd_coverage_group_of (""), ==, CD_COVERAGE_NO_POSITION);
  g_assert_cmpint (cd_coverage_group_of (NULL), ==, CD_COVERAGE_NO_POSITION);
}

static void
test_counts (void)
{
  g_autoptr(CdTestRegister) reg = fixture ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CdCoverage) cov = cd_coverage_compute (reg->store, NOW, 30, &error);
  const CdCoverageProvider *p;

  g_assert_no_error (error);
  g_assert_cmpuint (cov->all.total, ==, 9);
  g_assert_cmpuint (cov->all.by_status[CD_CERT_STATUS_VALID], ==, 4);
  g_assert_cmpuint (cov->all.by_status[CD_CERT_STATUS_EXPIRING], ==, 1);
  g_assert_cmpuint (cov->all.by_status[CD_CERT_STATUS_EXPIRED], ==, 1);
  g_assert_cmpuint (cov->all.by_status[CD_CERT_STATUS_REVOKED], ==, 1);
  g_assert_cmpuint (cov->all.by_status[CD_CERT_STATUS_NONE], ==, 2);
  g_assert_cmpuint (cov->all.by_status[CD_CERT_STATUS_NOT_YET_VALID], ==, 0);
  g_assert_cmpuint (cov->all.valid_government, ==, 4);

  g_assert_cmpuint (cov->groups[CD_COVERAGE_LEADERS].total, ==, 2);
  g_assert_cmpuint (cov->groups[CD_COVERAGE_LEADERS].valid_government, ==, 2);
  g_assert_cmpuint (cov->groups[CD_COVERAGE_TEACHERS].total, ==, 4);
  g_assert_cmpuint (cov->groups[CD_COVERAGE_TEACHERS].valid_government, ==, 1);
  g_assert_cmpuint (cov->groups[CD_COVERAGE_TEACHERS].by_status[CD_CERT_STATUS_NONE], ==, 1);
  g_assert_cmpuint (cov->groups[CD_COVERAGE_EMPLOYEES].total, ==, 2);
  g_assert_cmpuint (cov->groups[CD_COVERAGE_EMPLOYEES].valid_government, ==, 0);
  g_assert_cmpuint (cov->groups[CD_COVERAGE_EMPLOYEES].by_status[CD_CERT_STATUS_VALID], ==, 1);
  g_assert_cmpuint (cov->groups[CD_COVERAGE_NO_POSITION].total, ==, 1);

  /* Certificates of the staff still working, by provider and track. */
  g_assert_cmpuint (cov->providers->len, ==, 2);
  p = g_ptr_array_index (cov->providers, 0);
  g_assert_cmpstr (p->provider, ==, "Ban Cơ yếu Chính phủ");
  g_assert_cmpint (p->track, ==, CD_CERT_TRACK_GOVERNMENT);
  g_assert_cmpuint (p->certificates, ==, 6);
  g_assert_cmpuint (p->valid, ==, 4);
  g_assert_cmpuint (p->holders, ==, 6);
  p = g_ptr_array_index (cov->providers, 1);
  g_assert_cmpstr (p->provider, ==, "VNPT Group");
  g_assert_cmpint (p->track, ==, CD_CERT_TRACK_PUBLIC);
  g_assert_cmpuint (p->certificates, ==, 2);
  g_assert_cmpuint (p->valid, ==, 2);
  g_assert_cmpuint (p->holders, ==, 2);

  g_assert_cmpfloat_with_epsilon (cd_coverage_percent (4, 9), 44.444, 0.001);
}

/* The SQL pick must agree with cd_certificate_pick_for_procedure() and
 * cd_certificate_status() person by person, on the demo register. */
static void
test_matches_pick (void)
{
  g_autoptr(CdTestRegister) reg = cd_test_register_new (152, CD_TEST_REGISTER_ALL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CdCoverage) cov = cd_coverage_compute (reg->store, reg->now, 30, &error);
  guint by_status[CD_COVERAGE_N_STATUS] = { 0 };
  guint gov = 0, working = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < reg->staff->len; i++)
    {
      gint64 id = g_array_index (reg->staff, gint64, i);
      g_autoptr(CdStaff) person = cd_store_get_staff (reg->store, id, NULL);
      g_autoptr(GPtrArray) certs = cd_store_list_certificates_for_staff (reg->store, id, NULL);
      CdCertificate *c = cd_certificate_pick_for_procedure (certs, NULL, reg->now);
      CdCertStatus st = cd_certificate_status (c, reg->now, 30);

      /* Who left is not counted. */
      if (person->left)
        continue;
      working++;
      by_status[st]++;
      if (c != NULL && c->track == CD_CERT_TRACK_GOVERNMENT && c->purpose == CD_CERT_PURPOSE_SIGNING
          && (st == CD_CERT_STATUS_VALID || st == CD_CERT_STATUS_EXPIRING))
        gov++;
    }
  g_assert_cmpuint (cov->all.total, ==, working);
  g_assert_cmpuint (working, <, reg->staff->len);
  for (guint s = 0; s < CD_COVERAGE_N_STATUS; s++)
    g_assert_cmpuint (cov->all.by_status[s], ==, by_status[s]);
  g_assert_cmpuint (cov->all.valid_government, ==, gov);
  g_assert_cmpuint (gov, >, 0);
}

static void
done_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      data)
{
  GError *error = NULL;
  CdCoverage **out = data;

  *out = cd_coverage_compute_finish (CD_STORE (source), result, &error);
  g_assert_no_error (error);
}

static void
test_async (void)
{
  g_autoptr(CdTestRegister) reg = fixture ();
  g_autoptr(CdCoverage) cov = NULL;

  cd_coverage_compute_async (reg->store, NOW, 30, NULL, done_cb, &cov);
  while (cov == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (cov->all.total, ==, 9);
  g_assert_cmpuint (cov->all.valid_government, ==, 4);
}

static void
test_export (void)
{
  g_autoptr(CdTestRegister) reg = fixture ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CdCoverage) cov = cd_coverage_compute (reg->store, NOW, 30, &error);
  g_autoptr(CdUnit) unit = cd_store_get_unit (reg->store);
  g_autofree char *pdf = g_build_filename (reg->dir, "bao-cao.pdf", NULL);
  g_autofree char *xlsx = g_build_filename (reg->dir, "bao-cao.XLSX", NULL);
  g_autofree char *txt = g_build_filename (reg->dir, "bao-cao.txt", NULL);
  GStatBuf st;

  g_assert_true (cd_coverage_export (cov, unit, pdf, FALSE, &error));
  g_assert_no_error (error);
  g_assert_true (cd_coverage_export (cov, unit, xlsx, FALSE, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (pdf, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (st.st_size, >, 1000);
  g_assert_cmpint (g_stat (xlsx, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  /* Written once: not again without overwrite. */
  g_assert_false (cd_coverage_export (cov, unit, pdf, FALSE, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_false (cd_coverage_export (cov, unit, txt, TRUE, &error));
  g_assert_nonnull (error);
  g_assert_false (g_file_test (txt, G_FILE_TEST_EXISTS));
}

int
main (int argc, char **argv)
{
  cd_test_init (&argc, &argv);
  g_test_add_func ("/core/report/coverage/groups", test_groups);
  g_test_add_func ("/core/report/coverage/counts", test_counts);
  g_test_add_func ("/core/report/coverage/matches-pick", test_matches_pick);
  g_test_add_func ("/core/report/coverage/async", test_async);
  g_test_add_func ("/core/report/coverage/export", test_export);
  return g_test_run ();
}
