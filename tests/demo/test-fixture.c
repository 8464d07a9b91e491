/* test-fixture.c — the tests' register fixture (tests/common) holds what
 * it promises: the unit, N people with realistic names, certificates and
 * devices only when asked, the same people every time
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cd-test-fixture.h"
#include "cd-test-util.h"

static guint
count (GPtrArray *list)
{
  guint n;

  g_assert_nonnull (list);
  n = list->len;
  g_ptr_array_unref (list);
  return n;
}

static void
test_register_staff_only (void)
{
  g_autoptr(CdTestRegister) reg = cd_test_register_new (25, CD_TEST_REGISTER_STAFF);
  g_autoptr(CdUnit) unit = cd_store_get_unit (reg->store);
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_test (reg->path, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpstr (unit->name, ==, "TRƯỜNG THCS LÊ LỢI");
  g_assert_cmpuint (cd_store_count_staff (reg->store), ==, 25);
  g_assert_cmpuint (reg->staff->len, ==, 25);
  g_assert_cmpuint (count (cd_store_list_certificates (reg->store, &error)), ==, 0);
  g_assert_cmpuint (count (cd_store_list_devices (reg->store, &error)), ==, 0);
  g_assert_no_error (error);
}

static void
test_register_all (void)
{
  g_autoptr(CdTestRegister) reg = cd_test_register_new (40, CD_TEST_REGISTER_ALL);
  g_autoptr(GPtrArray) people = cd_test_people (40, reg->now);
  g_autoptr(GError) error = NULL;
  guint n_certs = 0, n_devices = 0;

  for (guint i = 0; i < people->len; i++)
    {
      CdDemoPerson *p = g_ptr_array_index (people, i);
      g_autoptr(CdStaff) s = cd_store_get_staff (reg->store, g_array_index (reg->staff, gint64, i), &error);

      g_assert_no_error (error);
      /* ids in the order of cd_test_people() */
      g_assert_cmpstr (s->full_name, ==, p->staff->full_name);
      g_assert_cmpstr (s->cccd, ==, p->staff->cccd);
      n_certs += p->certificates->len;
      n_devices += p->device != NULL;
    }
  g_assert_cmpuint (n_certs, >, 0);
  g_assert_cmpuint (n_devices, >, 0);
  g_assert_cmpuint (count (cd_store_list_certificates (reg->store, &error)), ==, n_certs);
  g_assert_cmpuint (count (cd_store_list_devices (reg->store, &error)), ==, n_devices);
}

static void
test_names (void)
{
  g_auto(GStrv) a = cd_test_names (30);
  g_auto(GStrv) b = cd_test_names (30);

  g_assert_cmpuint (g_strv_length (a), ==, 30);
  g_assert_true (g_strv_equal ((const char * const *) a, (const char * const *) b));
  for (guint i = 0; i < 30; i++)
    {
      g_auto(GStrv) words = g_strsplit (a[i], " ", -1);

      /* family, middle, given */
      g_assert_cmpuint (g_strv_length (words), ==, 3);
      g_assert_true (g_utf8_validate (a[i], -1, NULL));
    }
}

static void
test_add_staff (void)
{
  g_autoptr(CdTestRegister) reg = cd_test_register_new (0, CD_TEST_REGISTER_STAFF);
  g_autoptr(GError) error = NULL;
  gint64 id = cd_test_add_staff (reg->store, "Nguyễn Văn An", "1980-01-05", "031080001234", "annv@haiphong.edu.vn");
  g_autoptr(CdStaff) s = cd_store_get_staff (reg->store, id, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (s->full_name, ==, "Nguyễn Văn An");
  g_assert_cmpstr (s->birth_date, ==, "1980-01-05");
  g_assert_cmpstr (s->cccd, ==, "031080001234");
  g_assert_cmpstr (s->email, ==, "annv@haiphong.edu.vn");
}

int
main (int argc, char *argv[])
{
  cd_test_init (&argc, &argv);
  g_test_add_func ("/core/fixture/register/staff-only", test_register_staff_only);
  g_test_add_func ("/core/fixture/register/all", test_register_all);
  g_test_add_func ("/core/fixture/names", test_names);
  g_test_add_func ("/core/fixture/add-staff", test_add_staff);
  return g_test_run ();
}
