/* test-devices.c — working-day deadlines and the device event rules
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "cd-handover.h"
#include "cd-test-util.h"
#include "cd-workdays.h"

static CdHolidays *
shipped (void)
{
  g_autoptr(GError) error = NULL;
  CdHolidays *h = cd_holidays_new_default (&error);

  g_assert_no_error (error);
  g_assert_nonnull (h);
  return h;
}

static void
test_shipped_list (void)
{
  g_autoptr(CdHolidays) h = shipped ();
  g_auto(GStrv) list = cd_holidays_list (h);

  /* 2025–2027 with the lunar holidays: Tết mùng 1 and Giỗ Tổ. */
  g_assert_nonnull (strstr (cd_holidays_lookup (h, "2025-01-29"), "Tết"));
  g_assert_nonnull (strstr (cd_holidays_lookup (h, "2026-02-17"), "Tết"));
  g_assert_nonnull (strstr (cd_holidays_lookup (h, "2025-04-07"), "Hùng Vương"));
  g_assert_nonnull (strstr (cd_holidays_lookup (h, "2027-04-16"), "Hùng Vương"));
  g_assert_nonnull (cd_holidays_lookup (h, "2027-09-02"));
  g_assert_null (cd_holidays_lookup (h, "2026-03-03"));
  g_assert_cmpuint (g_strv_length (list), >=, 30);
  for (guint i = 1; list[i] != NULL; i++)
    g_assert_cmpint (strcmp (list[i - 1], list[i]), <, 0);
}

static void
test_deadline_over_weekend (void)
{
  g_autoptr(CdHolidays) h = shipped ();
  g_autofree char *due = cd_workdays_add (h, "2026-11-19", CD_RECOVERY_WORKING_DAYS);

  /* Thursday → Fri, Mon, Tue, Wed, Thu. */
  g_assert_cmpstr (due, ==, "2026-11-26");
}

static void
test_deadline_over_tet (void)
{
  g_autoptr(CdHolidays) h = shipped ();
  g_autofree char *due = cd_workdays_add (h, "2026-02-13", CD_RECOVERY_WORKING_DAYS);
  g_autofree char *bare = cd_workdays_add (NULL, "2026-02-13", CD_RECOVERY_WORKING_DAYS);

  /* Notice on the Friday before Tết Bính Ngọ: 14–22/2 are off. */
  g_assert_cmpstr (due, ==, "2026-02-27");
  /* Without the holiday list only weekends are skipped. */
  g_assert_cmpstr (bare, ==, "2026-02-20");
  g_assert_cmpint (cd_workdays_between (h, "2026-02-13", "2026-02-27"), ==, 5);
  g_assert_cmpint (cd_workdays_between (h, "2026-02-27", "2026-02-13"), ==, -5);
}

static void
test_deadline_over_hung_vuong_and_may_day (void)
{
  g_autoptr(CdHolidays) h = shipped ();
  g_autofree char *due = cd_workdays_add (h, "2026-04-23", CD_RECOVERY_WORKING_DAYS);

  /* 27/4 is the day in lieu of Giỗ Tổ (a Sunday), then 30/4 and 1/5. */
  g_assert_cmpstr (due, ==, "2026-05-05");
}

static void
test_holiday_file_errors_and_edits (void)
{
  g_autofree char *dir = cd_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "h.tsv", NULL);
  g_autoptr(CdHolidays) h = cd_holidays_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *due = NULL;

  g_assert_true (g_file_set_contents (path, "# list\n2026-11-20\tNgày Nhà giáo\n20/11/2026\tsai\n", -1, NULL));
  g_assert_false (cd_holidays_load_file (h, path, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "3"));

  /* An edit by the clerk moves the deadline. */
  g_assert_true (cd_holidays_add (h, "2026-11-20", "Ngày Nhà giáo"));
  g_assert_false (cd_holidays_add (h, "2026-02-30", "no such day"));
  due = cd_workdays_add (h, "2026-11-19", 1);
  g_assert_cmpstr (due, ==, "2026-11-23");
  g_assert_true (cd_holidays_remove (h, "2026-11-20"));
  g_clear_pointer (&due, g_free);
  due = cd_workdays_add (h, "2026-11-19", 1);
  g_assert_cmpstr (due, ==, "2026-11-20");
  cd_test_rm_rf (dir);
}

typedef struct {
  CdDeviceStatus status;
  gint64 holder;
  CdHandoverKind kind;
  gint64 new_holder;
  gboolean allowed;
  CdDeviceStatus expect_status;
  gint64 expect_holder;
  const char *message_part;   /* for refusals: a word the reason must name */
} Transition;

static void
test_state_machine (void)
{
  static const Transition cases[] = {
    { CD_DEVICE_NEW, 0, CD_HANDOVER_RECEIVE, 0, TRUE, CD_DEVICE_IN_STOCK, 0, NULL },
    { CD_DEVICE_IN_STOCK, 0, CD_HANDOVER_HAND_TO_HOLDER, 7, TRUE, CD_DEVICE_WITH_HOLDER, 7, NULL },
    { CD_DEVICE_RECOVERED, 0, CD_HANDOVER_HAND_TO_HOLDER, 9, TRUE, CD_DEVICE_WITH_HOLDER, 9, NULL },
    { CD_DEVICE_WITH_HOLDER, 7, CD_HANDOVER_TAKE_BACK, 0, TRUE, CD_DEVICE_RECOVERED, 0, NULL },
    { CD_DEVICE_RECOVERED, 0, CD_HANDOVER_RETURN_TO_PROVIDER, 0, TRUE, CD_DEVICE_RETURNED, 0, NULL },
    { CD_DEVICE_RETURNED, 0, CD_HANDOVER_RECEIVE, 0, TRUE, CD_DEVICE_IN_STOCK, 0, NULL },
    { CD_DEVICE_WITH_HOLDER, 7, CD_HANDOVER_REPORT_LOST, 0, TRUE, CD_DEVICE_LOST, 7, NULL },
    { CD_DEVICE_WITH_HOLDER, 7, CD_HANDOVER_MARK_LOCKED, 0, TRUE, CD_DEVICE_LOCKED, 7, NULL },
    { CD_DEVICE_LOCKED, 7, CD_HANDOVER_RESTORED, 0, TRUE, CD_DEVICE_WITH_HOLDER, 7, NULL },
    { CD_DEVICE_LOCKED, 0, CD_HANDOVER_RESTORED, 0, TRUE, CD_DEVICE_IN_STOCK, 0, NULL },
    { CD_DEVICE_WITH_HOLDER, 7, CD_HANDOVER_MARK_DAMAGED, 0, TRUE, CD_DEVICE_DAMAGED, 7, NULL },
    { CD_DEVICE_DAMAGED, 7, CD_HANDOVER_TAKE_BACK, 0, TRUE, CD_DEVICE_RECOVERED, 0, NULL },
    { CD_DEVICE_DAMAGED, 0, CD_HANDOVER_RETURN_TO_PROVIDER, 0, TRUE, CD_DEVICE_RETURNED, 0, NULL },
    /* Refusals */
    { CD_DEVICE_WITH_HOLDER, 7, CD_HANDOVER_HAND_TO_HOLDER, 8, FALSE, 0, 0, "Nguyễn Văn An" },
    { CD_DEVICE_WITH_HOLDER, 7, CD_HANDOVER_HAND_TO_HOLDER, 7, FALSE, 0, 0, "Nguyễn Văn An" },
    { CD_DEVICE_LOST, 7, CD_HANDOVER_HAND_TO_HOLDER, 8, FALSE, 0, 0, "thất lạc" },
    { CD_DEVICE_LOST, 0, CD_HANDOVER_TAKE_BACK, 0, FALSE, 0, 0, "thất lạc" },
    { CD_DEVICE_WITH_HOLDER, 7, CD_HANDOVER_RETURN_TO_PROVIDER, 0, FALSE, 0, 0, "Nguyễn Văn An" },
    { CD_DEVICE_IN_STOCK, 0, CD_HANDOVER_TAKE_BACK, 0, FALSE, 0, 0, NULL },
    { CD_DEVICE_IN_STOCK, 0, CD_HANDOVER_RECEIVE, 0, FALSE, 0, 0, NULL },
    { CD_DEVICE_LOCKED, 0, CD_HANDOVER_HAND_TO_HOLDER, 8, FALSE, 0, 0, "khôi phục" },
    { CD_DEVICE_DAMAGED, 0, CD_HANDOVER_HAND_TO_HOLDER, 8, FALSE, 0, 0, "cấp lại" },
    { CD_DEVICE_RETURNED, 0, CD_HANDOVER_HAND_TO_HOLDER, 8, FALSE, 0, 0, NULL },
    { CD_DEVICE_NEW, 0, CD_HANDOVER_HAND_TO_HOLDER, 8, FALSE, 0, 0, NULL },
    { CD_DEVICE_IN_STOCK, 0, CD_HANDOVER_RESTORED, 0, FALSE, 0, 0, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const Transition *t = &cases[i];
      g_autoptr(GError) error = NULL;
      CdDeviceStatus status = 99;
      gint64 holder = -1;
      gboolean ok;

      ok = cd_handover_apply (t->status, t->holder, "Nguyễn Văn An", t->kind,
                              t->new_holder, &status, &holder, &error);
      g_test_message ("case %u: %s on %s", i, cd_handover_kind_to_id (t->kind),
                      cd_device_status_to_id (t->status));
      if (t->allowed)
        {
          g_assert_no_error (error);
          g_assert_true (ok);
          g_assert_cmpint (status, ==, t->expect_status);
          g_assert_cmpint (holder, ==, t->expect_holder);
        }
      else
        {
          g_assert_false (ok);
          g_assert_error (error, CD_HANDOVER_ERROR, CD_HANDOVER_ERROR_REFUSED);
          g_assert_cmpint (status, ==, 99);
          if (t->message_part)
            g_assert_nonnull (strstr (error->message, t->message_part));
        }
    }
}

static void
test_missing_receiver (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (cd_handover_apply (CD_DEVICE_IN_STOCK, 0, NULL, CD_HANDOVER_HAND_TO_HOLDER,
                                     0, NULL, NULL, &error));
  g_assert_error (error, CD_HANDOVER_ERROR, CD_HANDOVER_ERROR_INVALID);
}

static void
test_ids_round_trip (void)
{
  for (CdDeviceStatus s = CD_DEVICE_NEW; s <= CD_DEVICE_LOST; s++)
    {
      CdDeviceStatus back;
      g_assert_true (cd_device_status_from_id (cd_device_status_to_id (s), &back));
      g_assert_cmpint (back, ==, s);
      g_assert_cmpstr (cd_device_status_label (s), !=, "");
    }
  for (CdHandoverKind k = CD_HANDOVER_RECEIVE; k <= CD_HANDOVER_RESTORED; k++)
    {
      CdHandoverKind back;
      g_assert_true (cd_handover_kind_from_id (cd_handover_kind_to_id (k), &back));
      g_assert_cmpint (back, ==, k);
    }
  g_assert_cmpstr (cd_handover_kind_form (CD_HANDOVER_RETURN_TO_PROVIDER), ==, "mau08");
  g_assert_cmpstr (cd_handover_kind_follow_up (CD_HANDOVER_REPORT_LOST), ==, "thu_hoi");
  g_assert_cmpstr (cd_handover_kind_follow_up (CD_HANDOVER_MARK_LOCKED), ==, "khoi_phuc");
  g_assert_cmpstr (cd_handover_kind_follow_up (CD_HANDOVER_MARK_DAMAGED), ==, "cap_lai");
}

int
main (int argc, char *argv[])
{
  cd_test_init (&argc, &argv);

  g_test_add_func ("/core/devices/holidays/shipped", test_shipped_list);
  g_test_add_func ("/core/devices/holidays/file-errors-and-edits", test_holiday_file_errors_and_edits);
  g_test_add_func ("/core/devices/workdays/weekend", test_deadline_over_weekend);
  g_test_add_func ("/core/devices/workdays/tet", test_deadline_over_tet);
  g_test_add_func ("/core/devices/workdays/hung-vuong-and-may-day", test_deadline_over_hung_vuong_and_may_day);
  g_test_add_func ("/core/devices/handover/state-machine", test_state_machine);
  g_test_add_func ("/core/devices/handover/missing-receiver", test_missing_receiver);
  g_test_add_func ("/core/devices/handover/ids", test_ids_round_trip);

  return g_test_run ();
}
