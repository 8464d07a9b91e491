/* test-unit.c — the unit's details: every field round-trips, values are
 * normalised, a bad value is refused naming its field
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "cd-store.h"
#include "cd-test-util.h"

static CdStore *
open_new (char **tmp_out)
{
  g_autofree char *tmp = cd_test_tmpdir ();
  g_autofree char *path = g_build_filename (tmp, "certdesk.db", NULL);
  g_autoptr(GError) error = NULL;
  CdStore *store = cd_store_open (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
  *tmp_out = g_steal_pointer (&tmp);
  return store;
}

/* The unit's details of issue 14: every field round-trips, values are
 * normalised, a bad value is refused with the field named and nothing
 * written. */
static void
test_unit_details (void)
{
  g_autofree char *tmp = NULL;
  g_autoptr(CdStore) store = open_new (&tmp);
  g_autoptr(GError) error = NULL;
  g_autoptr(CdUnit) u = cd_unit_new ();
  g_autoptr(CdUnit) got = NULL;
  g_autoptr(CdUnit) bad = NULL;
  g_autoptr(CdUnit) again = NULL;
  const char *const former[] = { " Trường THCS  An Lão ", "", "Trường THCS Tân Dân", NULL };

  u->name = g_strdup ("TRƯỜNG THCS LÊ LỢI");
  u->parent_name = g_strdup ("UBND HUYỆN AN LÃO");
  u->phone = g_strdup ("0225 3123 456");
  u->email = g_strdup ("C2LeLoi@HaiPhong.edu.vn");
  u->tax_code = g_strdup ("0201234567 001");
  u->budget_code = g_strdup ("1 234 567");
  u->head_name = g_strdup ("Phạm Thị Hiệu");
  u->head_title = g_strdup ("Hiệu trưởng");
  u->focal_name = g_strdup ("Trần Thị Văn Thư");
  u->focal_cccd = g_strdup ("031 185 000 009");
  u->focal_cccd_date = g_strdup ("05/01/2022");
  u->focal_cccd_place = g_strdup ("Cục Cảnh sát QLHC về TTXH");
  u->focal_position = g_strdup ("Văn thư");
  u->focal_phone = g_strdup ("+84 912 345 678");
  u->focal_email = g_strdup ("vanthu@haiphong.edu.vn");
  u->former_names = g_strdupv ((char **) former);
  g_assert_true (cd_store_save_unit (store, u, &error));
  g_assert_no_error (error);

  got = cd_store_get_unit (store);
  g_assert_cmpstr (got->phone, ==, "02253123456");
  g_assert_cmpstr (got->email, ==, "c2leloi@haiphong.edu.vn");
  g_assert_cmpstr (got->tax_code, ==, "0201234567-001");
  g_assert_cmpstr (got->budget_code, ==, "1234567");
  g_assert_cmpstr (got->focal_name, ==, "Trần Thị Văn Thư");
  g_assert_cmpstr (got->focal_cccd, ==, "031185000009");
  g_assert_cmpstr (got->focal_cccd_date, ==, "2022-01-05");
  g_assert_cmpstr (got->focal_cccd_place, ==, "Cục Cảnh sát QLHC về TTXH");
  g_assert_cmpstr (got->focal_position, ==, "Văn thư");
  g_assert_cmpstr (got->focal_phone, ==, "0912345678");
  g_assert_cmpstr (got->focal_email, ==, "vanthu@haiphong.edu.vn");
  g_assert_cmpuint (g_strv_length (got->former_names), ==, 2);
  g_assert_cmpstr (got->former_names[0], ==, "Trường THCS An Lão");
  g_assert_cmpstr (got->former_names[1], ==, "Trường THCS Tân Dân");

  /* each bad value is refused, naming its field; nothing is written */
  struct { gsize offset; const char *value; const char *says; } cases[] = {
    { G_STRUCT_OFFSET (CdUnit, focal_cccd), "12345", "CCCD" },
    { G_STRUCT_OFFSET (CdUnit, focal_phone), "12345", "12345" },
    { G_STRUCT_OFFSET (CdUnit, email), "not an email", "not an email" },
    { G_STRUCT_OFFSET (CdUnit, tax_code), "12345", "12345" },
    { G_STRUCT_OFFSET (CdUnit, budget_code), "12A4567", "12A4567" },
    { G_STRUCT_OFFSET (CdUnit, focal_cccd_date), "31/02/2020", "31/02/2020" },
    { G_STRUCT_OFFSET (CdUnit, focal_cccd_date), "01/01/2999", "2999" },
  };
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      char **field;
      g_clear_pointer (&bad, cd_unit_free);
      bad = cd_unit_copy (got);
      field = G_STRUCT_MEMBER_P (bad, cases[i].offset);
      g_free (*field);
      *field = g_strdup (cases[i].value);
      g_assert_false (cd_store_save_unit (store, bad, &error));
      g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID);
      g_test_message ("%s", error->message);
      g_assert_nonnull (strstr (error->message, cases[i].says));
      g_clear_error (&error);
    }
  again = cd_store_get_unit (store);
  g_assert_cmpstr (again->focal_cccd, ==, "031185000009");
  g_assert_cmpstr (again->tax_code, ==, "0201234567-001");
  g_clear_object (&store);
  cd_test_rm_rf (tmp);
}

int
main (int argc, char *argv[])
{
  setlocale (LC_ALL, "");
  cd_test_init (&argc, &argv);
  g_test_add_func ("/core/store/unit/details", test_unit_details);
  return g_test_run ();
}
