/* test-validate.c — CCCD, phone, email and date checks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "cd-store.h"
#include "cd-test-util.h"
#include "cd-validate.h"

static void
test_cccd (void)
{
  g_autofree char *norm = NULL;
  g_autofree char *msg = NULL;

  /* Hải Phòng (031), man born in 1980 */
  g_assert_cmpint (cd_validate_cccd ("031 080 001 234", "1980-01-05", "Nam", &norm, &msg), ==, CD_CHECK_OK);
  g_assert_cmpstr (norm, ==, "031080001234");
  g_assert_null (msg);
  g_clear_pointer (&norm, g_free);

  /* woman born in 2001: century digit 3 */
  g_assert_cmpint (cd_validate_cccd ("001301000001", "2001-06-01", "Nữ", NULL, NULL), ==, CD_CHECK_OK);
  /* sex digit says woman, gender says man */
  g_assert_cmpint (cd_validate_cccd ("031185001235", "1985-03-12", "Nam", NULL, &msg), ==, CD_CHECK_ERROR);
  g_assert_nonnull (msg);
  g_clear_pointer (&msg, g_free);
  /* birth year disagrees */
  g_assert_cmpint (cd_validate_cccd ("031080001234", "1981-01-05", NULL, NULL, NULL), ==, CD_CHECK_ERROR);
  /* unknown province 003 */
  g_assert_cmpint (cd_validate_cccd ("003080001234", NULL, NULL, NULL, &msg), ==, CD_CHECK_ERROR);
  g_assert_nonnull (g_strstr_len (msg, -1, "003"));
  g_clear_pointer (&msg, g_free);
  /* letters, wrong length */
  g_assert_cmpint (cd_validate_cccd ("03108000123A", NULL, NULL, NULL, NULL), ==, CD_CHECK_ERROR);
  g_assert_cmpint (cd_validate_cccd ("0310800012", NULL, NULL, NULL, NULL), ==, CD_CHECK_ERROR);
  /* the old 9-digit CMND: accepted with a warning */
  g_assert_cmpint (cd_validate_cccd ("031234567", NULL, NULL, &norm, &msg), ==, CD_CHECK_WARNING);
  g_assert_cmpstr (norm, ==, "031234567");
  g_assert_nonnull (msg);
  g_assert_cmpstr (cd_validate_province_name ("079"), ==, "Hồ Chí Minh");
}

static void
test_phone (void)
{
  static const struct { const char *in, *out; } ok[] = {
    { "0912345678", "0912345678" },
    { "0912 345 678", "0912345678" },
    { "0912.345.678", "0912345678" },
    { "+84 912 345 678", "0912345678" },
    { "84912345678", "0912345678" },
    { "(0225) 384 1234", "02253841234" },
    { "912345678", "0912345678" },   /* Excel ate the leading zero */
  };

  for (guint i = 0; i < G_N_ELEMENTS (ok); i++)
    {
      g_autofree char *norm = NULL;
      CdCheck r = cd_validate_phone (ok[i].in, &norm, NULL);
      if (strlen (ok[i].out) == 10)
        {
          g_assert_cmpint (r, ==, CD_CHECK_OK);
          g_assert_cmpstr (norm, ==, ok[i].out);
        }
      else
        g_assert_cmpint (r, ==, CD_CHECK_ERROR);   /* 11-digit landline: not 10 digits */
    }
  g_assert_cmpint (cd_validate_phone ("091234567a", NULL, NULL), ==, CD_CHECK_ERROR);
  g_assert_cmpint (cd_validate_phone ("1912345678", NULL, NULL), ==, CD_CHECK_ERROR);
  g_assert_cmpint (cd_validate_phone ("091234", NULL, NULL), ==, CD_CHECK_ERROR);
}

static void
test_email (void)
{
  static const char *const official[] = { "*.gov.vn", "*.edu.vn", NULL };
  g_autofree char *norm = NULL;
  g_autofree char *msg = NULL;

  g_assert_cmpint (cd_validate_email ("An.NV@HaiPhong.EDU.vn", official, &norm, &msg), ==, CD_CHECK_OK);
  g_assert_cmpstr (norm, ==, "an.nv@haiphong.edu.vn");
  g_assert_cmpint (cd_validate_email ("vanthu@gov.vn", official, NULL, NULL), ==, CD_CHECK_OK);
  g_assert_cmpint (cd_validate_email ("x@haiphong.gov.vn", official, NULL, NULL), ==, CD_CHECK_OK);
  g_assert_cmpint (cd_validate_email ("binh@gmail.com", official, NULL, &msg), ==, CD_CHECK_WARNING);
  g_assert_nonnull (msg);
  /* not a sub-domain, only a look-alike */
  g_assert_cmpint (cd_validate_email ("x@fakegov.vn", official, NULL, NULL), ==, CD_CHECK_WARNING);
  g_assert_cmpint (cd_validate_email ("binh@gmail.com", NULL, NULL, NULL), ==, CD_CHECK_OK);
  g_assert_cmpint (cd_validate_email ("a b@x.vn", official, NULL, NULL), ==, CD_CHECK_ERROR);
  g_assert_cmpint (cd_validate_email ("ab@x", official, NULL, NULL), ==, CD_CHECK_ERROR);
  g_assert_cmpint (cd_validate_email ("a..b@x.vn", official, NULL, NULL), ==, CD_CHECK_ERROR);
  g_assert_cmpint (cd_validate_email ("a@b@x.vn", official, NULL, NULL), ==, CD_CHECK_ERROR);
  g_assert_cmpint (cd_validate_email ("@x.vn", official, NULL, NULL), ==, CD_CHECK_ERROR);
  g_assert_cmpint (cd_validate_email ("nguyễn@x.vn", official, NULL, NULL), ==, CD_CHECK_ERROR);
}

static void
test_dates_and_gender (void)
{
  g_autofree char *msg = NULL;
  g_autofree char *g1 = cd_validate_gender ("NỮ");
  g_autofree char *g2 = cd_validate_gender ("nam");

  g_assert_cmpint (cd_validate_past_date ("2026-01-05", "2026-01-05", "Ngày sinh", NULL), ==, CD_CHECK_OK);
  g_assert_cmpint (cd_validate_past_date ("2026-01-06", "2026-01-05", "Ngày sinh", &msg), ==, CD_CHECK_ERROR);
  g_assert_nonnull (g_strstr_len (msg, -1, "06/01/2026"));
  g_assert_cmpstr (g1, ==, "Nữ");
  g_assert_cmpstr (g2, ==, "Nam");
  g_assert_null (cd_validate_gender ("khác"));
}

/* Every field bounded at import and edit, the message naming the field,
 * its length and the limit (issue 20, D4). */
static void
test_length_limits (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *long_name = NULL;
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < 1000000; i++)
    g_string_append (s, "\xe1\xbb\x85");   /* ễ: 1 M characters, 3 MB */
  long_name = g_string_free (s, FALSE);

  {
    CdStaff *st = cd_staff_new ();

    st->full_name = g_strdup (long_name);
    g_assert_false (cd_store_normalize_staff (st, &error));
    g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID);
    g_assert_nonnull (strstr (error->message, "1000000"));
    g_assert_nonnull (strstr (error->message, "200"));
    g_assert_cmpuint (strlen (error->message), <, 500);
    g_clear_error (&error);

    g_free (st->full_name);
    st->full_name = g_strdup ("Nguy\xe1\xbb\x85n V\xc4\x83n A");
    st->note = g_strnfill (2001, 'x');
    g_assert_false (cd_store_normalize_staff (st, &error));
    g_assert_nonnull (strstr (error->message, "2001"));
    g_assert_nonnull (strstr (error->message, "2000"));
    g_clear_error (&error);

    g_free (st->note);
    st->note = g_strnfill (2000, 'x');
    st->position = g_strdup (long_name);
    g_assert_false (cd_store_normalize_staff (st, &error));
    g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID);
    g_clear_error (&error);

    g_clear_pointer (&st->position, g_free);
    st->email = g_strconcat (long_name, "@haiphong.edu.vn", NULL);
    g_assert_false (cd_store_normalize_staff (st, &error));
    g_clear_error (&error);

    g_clear_pointer (&st->email, g_free);
    st->birth_date = g_strdup (long_name);
    g_assert_false (cd_store_normalize_staff (st, &error));
    g_assert_cmpuint (strlen (error->message), <, 500);
    g_clear_error (&error);

    /* At the limits: accepted. */
    g_clear_pointer (&st->birth_date, g_free);
    st->department = g_strnfill (200, 'a');
    g_assert_true (cd_store_normalize_staff (st, &error));
    g_assert_no_error (error);
    cd_staff_free (st);
  }

  {
    CdUnit *u = cd_unit_new ();

    u->name = g_strdup ("TR\xc6\xaf\xe1\xbb\x9cNG THCS L\xc3\x8a L\xe1\xbb\xa2I");
    u->address = g_strdup (long_name);
    g_assert_false (cd_store_normalize_unit (u, &error));
    g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID);
    g_assert_nonnull (strstr (error->message, "500"));
    g_clear_error (&error);
    g_clear_pointer (&u->address, g_free);
    u->former_names = g_new0 (char *, 2);
    u->former_names[0] = g_strdup (long_name);
    g_assert_false (cd_store_normalize_unit (u, &error));
    g_clear_error (&error);
    g_clear_pointer (&u->former_names, g_strfreev);
    g_assert_true (cd_store_normalize_unit (u, &error));
    g_assert_no_error (error);
    cd_unit_free (u);
  }
}

int
main (int argc, char *argv[])
{
  cd_test_init (&argc, &argv);

  g_test_add_func ("/core/store/validate/cccd", test_cccd);
  g_test_add_func ("/core/store/validate/phone", test_phone);
  g_test_add_func ("/core/store/validate/email", test_email);
  g_test_add_func ("/core/store/validate/dates-and-gender", test_dates_and_gender);
  g_test_add_func ("/core/store/validate/length-limits", test_length_limits);

  return g_test_run ();
}
