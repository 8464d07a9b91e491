/* test-store-cached.c — the single-row reads a list makes once per person
 * (cd_store_get_staff, cd_store_get_certificate) run a statement each
 * connection prepares once and keeps (cd_store_cached): each read still
 * sees what another connection committed since, a missing row is still
 * "not found", and the connection still closes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "cd-store.h"
#include "cd-test-fixture.h"
#include "cd-test-util.h"

static void
test_reads_see_other_commits (void)
{
  g_autofree char *tmp = cd_test_tmpdir ();
  g_autofree char *path = g_build_filename (tmp, "certdesk.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CdStore) window = cd_store_open (path, &error);
  g_autoptr(CdStore) worker = NULL;
  g_autoptr(CdStaff) a = cd_test_staff_new ("Nguyễn Văn An", "1980-01-05", NULL, NULL);
  g_autoptr(CdCertificate) cert = cd_certificate_new ();

  g_assert_no_error (error);
  g_assert_true (cd_store_save_staff (window, a, &error));
  cert->serial = g_strdup ("540101AA");
  cert->not_before = 1000;
  cert->not_after = 4000000000;
  cert->staff_id = a->id;
  cert->source = CD_CERT_SOURCE_MANUAL;
  g_assert_true (cd_store_save_certificate (window, cert, &error));
  g_assert_no_error (error);
  worker = cd_store_open_secondary (window, &error);
  g_assert_no_error (error);

  for (guint round = 0; round < 3; round++)
    {
      const char *names[] = { "Nguyễn Văn Anh", "Nguyễn Văn Bình", "Nguyễn Văn Cường" };
      const char *name = names[round];
      g_autofree char *reason = g_strdup_printf ("Lý do %u", round);
      g_autoptr(CdStaff) seen = NULL;
      g_autoptr(CdStaff) missing = NULL;
      g_autoptr(CdCertificate) got = NULL;
      g_autoptr(CdCertificate) none = NULL;

      /* another connection changes both rows... */
      g_free (a->full_name);
      a->full_name = g_strdup (name);
      g_assert_true (cd_store_save_staff (worker, a, &error));
      g_assert_true (cd_store_revoke_certificate (worker, cert->id, "2026-01-01", reason, &error));
      g_assert_no_error (error);

      /* ...and the next read here sees it: no read was left open */
      seen = cd_store_get_staff (window, a->id, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (seen->full_name, ==, name);
      got = cd_store_get_certificate (window, cert->id, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (got->revoked_reason, ==, reason);
      g_assert_cmpint (got->staff_id, ==, a->id);

      /* a row that is not there, then one that is, on the same statement */
      missing = cd_store_get_staff (window, a->id + 100, &error);
      g_assert_null (missing);
      g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_NOT_FOUND);
      g_clear_error (&error);
      none = cd_store_get_certificate (window, cert->id + 100, &error);
      g_assert_null (none);
      g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_NOT_FOUND);
      g_clear_error (&error);
    }

  /* the kept statements do not keep the file: it can be written again
   * from a new connection once both are gone */
  g_clear_object (&worker);
  g_clear_object (&window);
  window = cd_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (cd_store_save_staff (window, a, &error));
  g_assert_no_error (error);
  g_clear_object (&window);
  cd_test_rm_rf (tmp);
}

int
main (int argc, char *argv[])
{
  cd_test_init (&argc, &argv);
  g_test_add_func ("/core/store/cached/reads-see-other-commits", test_reads_see_other_commits);
  return g_test_run ();
}
