/* test-register.c — the device register over a real SQLite file: events,
 * refusals that change nothing, Mẫu 08 for several devices, recovery
 * deadlines and the editable holiday list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <sqlite3.h>
#include <glib/gstdio.h>

#include "cd-device-minutes.h"
#include "cd-device-register.h"
#include "cd-test-fixture.h"
#include "cd-test-util.h"

typedef struct {
  char    *tmp;
  CdStore *store;
  gint64   an, binh;        /* two staff members */
  gint64   dev[3];          /* received in one batch */
} Fixture;

static gint64
count_rows (CdStore    *store,
            const char *sql)
{
  sqlite3_stmt *st = NULL;
  gint64 n = -1;

  g_assert_cmpint (sqlite3_prepare_v2 (cd_store_get_db (store), sql, -1, &st, NULL), ==, SQLITE_OK);
  if (sqlite3_step (st) == SQLITE_ROW)
    n = sqlite3_column_int64 (st, 0);
  sqlite3_finalize (st);
  return n;
}

static CdHandoverEvent *
event (CdHandoverKind kind,
       const char    *date,
       gint64         device_id)
{
  CdHandoverEvent *e = cd_handover_event_new (kind, date);

  e->device_id = device_id;
  e->place = g_strdup ("Trường THCS Lê Lợi");
  g_ptr_array_add (e->people, cd_event_person_new ("giver", "Trần Thị Văn Thư", "Văn thư", NULL));
  g_ptr_array_add (e->people, cd_event_person_new ("receiver", "Nguyễn Văn An", "Giáo viên", NULL));
  return e;
}

static void
device_state (CdStore    *store,
              gint64      id,
              const char *status,
              gint64      holder)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdDevice) d = cd_store_get_device (store, id, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (d->status, ==, status);
  g_assert_cmpint (d->holder_id, ==, holder);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data G_GNUC_UNUSED)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func ((GDestroyNotify) cd_device_free);
  g_autoptr(CdHandoverEvent) ev = NULL;
  static const char *serials[] = { "0012345678901234", "0012345678901235", "0012345678901236" };

  f->tmp = cd_test_tmpdir ();
  path = g_build_filename (f->tmp, "certdesk.db", NULL);
  f->store = cd_store_open (path, &error);
  g_assert_no_error (error);
  f->an = cd_test_add_staff (f->store, "Nguyễn Văn An", NULL, "031234567890", NULL);
  f->binh = cd_test_add_staff (f->store, "Lê Thị Bình", NULL, "031234567891", NULL);

  for (guint i = 0; i < 3; i++)
    {
      CdDevice *d = cd_device_new ();
      d->token_serial = g_strdup (serials[i]);
      d->model = g_strdup ("TokenME EVO v2");
      g_ptr_array_add (batch, d);
    }
  ev = cd_handover_event_new (CD_HANDOVER_RECEIVE, "2026-01-05");
  g_ptr_array_add (ev->people, cd_event_person_new ("giver", "Phạm Văn Cục", "Chuyên viên",
                                                    "Ban Cơ yếu Chính phủ"));
  {
    gboolean ok_ = cd_devices_receive (f->store, batch, ev, &error);
    g_assert_no_error (error);
    g_assert_true (ok_);
  }
  for (guint i = 0; i < 3; i++)
    {
      CdDevice *d = g_ptr_array_index (batch, i);
      g_assert_cmpint (d->id, >, 0);
      f->dev[i] = d->id;
    }
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data G_GNUC_UNUSED)
{
  g_clear_object (&f->store);
  cd_test_rm_rf (f->tmp);
  g_free (f->tmp);
}

static void
hand (Fixture    *f,
      guint       i,
      gint64      to,
      const char *date)
{
  g_autoptr(CdHandoverEvent) ev = event (CD_HANDOVER_HAND_TO_HOLDER, date, f->dev[i]);
  g_autoptr(GError) error = NULL;

  {
    gboolean ok_ = cd_devices_apply (f->store, ev, to, &error);
    g_assert_no_error (error);
    g_assert_true (ok_);
  }
  g_assert_cmpint (ev->id, >, 0);
  g_assert_cmpint (ev->staff_id, ==, to);
}

static void
take_back (Fixture    *f,
           guint       i,
           const char *date)
{
  g_autoptr(CdHandoverEvent) ev = event (CD_HANDOVER_TAKE_BACK, date, f->dev[i]);
  g_autoptr(GError) error = NULL;

  {
    gboolean ok_ = cd_devices_apply (f->store, ev, 0, &error);
    g_assert_no_error (error);
    g_assert_true (ok_);
  }
}

/* Says which certificate is on device @i (0: none), as the token's read
 * or the clerk's choice would. */
static void
link_cert (Fixture *f,
           guint    i,
           gint64   cert_id)
{
  g_autoptr(GError) error = NULL;
  gboolean ok = cd_devices_link_certificate (f->store, f->dev[i], cert_id, &error);

  g_assert_no_error (error);
  g_assert_true (ok);
}

/* Records @cert_id as read from device @i's token (cd-token-register
 * does this), beside whatever else is on it. */
static void
read_on_token (Fixture *f,
               guint    i,
               gint64   cert_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdCertificate) c = cd_store_get_certificate (f->store, cert_id, &error);

  g_assert_no_error (error);
  c->device_id = f->dev[i];
  g_assert_true (cd_store_save_certificate (f->store, c, &error));
  g_assert_no_error (error);
}

/* ---- Tests ------------------------------------------------------------ */

static void
test_receive_batch (Fixture       *f,
                    gconstpointer  data G_GNUC_UNUSED)
{
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func ((GDestroyNotify) cd_device_free);
  g_autoptr(CdHandoverEvent) ev = cd_handover_event_new (CD_HANDOVER_RECEIVE, "2026-01-06");
  g_autoptr(GError) error = NULL;
  CdDevice *fresh, *again;

  list = cd_store_list_devices (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      device_state (f->store, f->dev[i], "in_stock", 0);
      g_autoptr(GPtrArray) h = cd_devices_history (f->store, f->dev[i], 0, &error);
      g_assert_cmpuint (h->len, ==, 1);
      CdHandoverEvent *e = g_ptr_array_index (h, 0);
      g_assert_cmpint (e->kind, ==, CD_HANDOVER_RECEIVE);
      g_assert_cmpstr (e->date, ==, "2026-01-05");
      g_assert_cmpuint (e->people->len, ==, 1);
      g_assert_cmpstr (((CdEventPerson *) g_ptr_array_index (e->people, 0))->org, ==,
                       "Ban Cơ yếu Chính phủ");
    }
  /* Long serials stay text: the leading zeros are kept. */
  {
    g_autoptr(CdDevice) d = cd_store_get_device (f->store, f->dev[0], NULL);
    g_assert_cmpstr (d->token_serial, ==, "0012345678901234");
    g_assert_cmpstr (d->type, ==, "TOKEN");
  }

  /* A batch with one device already in stock is refused as a whole. */
  fresh = cd_device_new ();
  fresh->token_serial = g_strdup ("0099999999999999");
  again = cd_device_new ();
  again->token_serial = g_strdup ("0012345678901235");
  g_ptr_array_add (batch, fresh);
  g_ptr_array_add (batch, again);
  g_assert_false (cd_devices_receive (f->store, batch, ev, &error));
  g_assert_error (error, CD_HANDOVER_ERROR, CD_HANDOVER_ERROR_REFUSED);
  g_assert_nonnull (strstr (error->message, "0012345678901235"));
  g_assert_null (cd_store_find_device_by_serial (f->store, "0099999999999999"));
  g_assert_cmpint (count_rows (f->store, "SELECT count(*) FROM handover_events"), ==, 3);

  /* A device without a serial is refused with its place in the batch. */
  g_clear_error (&error);
  g_free (again->token_serial);
  again->token_serial = NULL;
  g_assert_false (cd_devices_receive (f->store, batch, ev, &error));
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "2"));
  g_assert_cmpint (count_rows (f->store, "SELECT count(*) FROM devices"), ==, 3);
}

static void
test_hand_and_refuse (Fixture       *f,
                      gconstpointer  data G_GNUC_UNUSED)
{
  g_autoptr(CdHandoverEvent) ev = NULL;
  g_autoptr(GError) error = NULL;
  gint64 events, audits;

  hand (f, 0, f->an, "2026-01-10");
  device_state (f->store, f->dev[0], "with_holder", f->an);

  /* Handing it to someone else before it is returned is refused, names
   * the holder, and leaves the register as it was. */
  events = count_rows (f->store, "SELECT count(*) FROM handover_events");
  audits = count_rows (f->store, "SELECT count(*) FROM audit_log");
  ev = event (CD_HANDOVER_HAND_TO_HOLDER, "2026-01-11", f->dev[0]);
  g_assert_false (cd_devices_apply (f->store, ev, f->binh, &error));
  g_assert_error (error, CD_HANDOVER_ERROR, CD_HANDOVER_ERROR_REFUSED);
  g_assert_nonnull (strstr (error->message, "Nguyễn Văn An"));
  device_state (f->store, f->dev[0], "with_holder", f->an);
  g_assert_cmpint (count_rows (f->store, "SELECT count(*) FROM handover_events"), ==, events);
  g_assert_cmpint (count_rows (f->store, "SELECT count(*) FROM audit_log"), ==, audits);

  /* A malformed date is refused before anything is written. */
  g_clear_error (&error);
  g_free (ev->date);
  ev->date = g_strdup ("2026-02-30");
  g_assert_false (cd_devices_apply (f->store, ev, f->binh, &error));
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID);

  /* An event dated before the device's last event is refused too: the
   * history must read in the order things happened. */
  g_clear_error (&error);
  g_clear_pointer (&ev, cd_handover_event_free);
  ev = event (CD_HANDOVER_TAKE_BACK, "2026-01-09", f->dev[0]);
  g_assert_false (cd_devices_apply (f->store, ev, 0, &error));
  g_assert_error (error, CD_HANDOVER_ERROR, CD_HANDOVER_ERROR_REFUSED);
  g_assert_nonnull (strstr (error->message, "10/01/2026"));
  device_state (f->store, f->dev[0], "with_holder", f->an);

  /* Take back, then it may go to Bình. */
  take_back (f, 0, "2026-02-01");
  device_state (f->store, f->dev[0], "recovered", 0);
  hand (f, 0, f->binh, "2026-02-02");
  device_state (f->store, f->dev[0], "with_holder", f->binh);
}

static void
test_history_order (Fixture       *f,
                    gconstpointer  data G_GNUC_UNUSED)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) by_device = NULL;
  g_autoptr(GPtrArray) by_staff = NULL;
  static const CdHandoverKind device_kinds[] = {
    CD_HANDOVER_RECEIVE, CD_HANDOVER_HAND_TO_HOLDER, CD_HANDOVER_TAKE_BACK, CD_HANDOVER_HAND_TO_HOLDER,
  };
  static const char *staff_dates[] = { "2026-01-10", "2026-01-12", "2026-01-20", "2026-03-02" };

  /* An gets device 1 then device 0 (recorded in that order but the
   * second is dated earlier on another device); gives back device 0. */
  hand (f, 1, f->an, "2026-01-12");
  hand (f, 0, f->an, "2026-01-10");
  take_back (f, 0, "2026-01-20");
  hand (f, 0, f->binh, "2026-02-01");
  take_back (f, 1, "2026-03-02");

  by_device = cd_devices_history (f->store, f->dev[0], 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (by_device->len, ==, G_N_ELEMENTS (device_kinds));
  for (guint i = 0; i < by_device->len; i++)
    {
      CdHandoverEvent *e = g_ptr_array_index (by_device, i);
      g_assert_cmpint (e->kind, ==, device_kinds[i]);
      g_assert_cmpstr (e->device_serial, ==, "0012345678901234");
      if (i > 0)
        g_assert_cmpstr (((CdHandoverEvent *) g_ptr_array_index (by_device, i - 1))->date, <=, e->date);
    }
  g_assert_cmpstr (((CdHandoverEvent *) g_ptr_array_index (by_device, 3))->staff_name, ==, "Lê Thị Bình");
  g_assert_cmpstr (((CdHandoverEvent *) g_ptr_array_index (by_device, 2))->staff_name, ==, "Nguyễn Văn An");

  by_staff = cd_devices_history (f->store, 0, f->an, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (by_staff->len, ==, G_N_ELEMENTS (staff_dates));
  for (guint i = 0; i < by_staff->len; i++)
    {
      CdHandoverEvent *e = g_ptr_array_index (by_staff, i);
      g_assert_cmpstr (e->date, ==, staff_dates[i]);
      g_assert_cmpstr (e->staff_name, ==, "Nguyễn Văn An");
      g_assert_cmpuint (e->people->len, ==, 2);
    }
  g_assert_cmpstr (((CdHandoverEvent *) g_ptr_array_index (by_staff, 0))->device_serial, ==, "0012345678901234");
  g_assert_cmpstr (((CdHandoverEvent *) g_ptr_array_index (by_staff, 1))->device_serial, ==, "0012345678901235");
}

static void
test_recovery_over_tet_and_mau08 (Fixture       *f,
                                  gconstpointer  data G_GNUC_UNUSED)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdHolidays) holidays = cd_devices_load_holidays (f->store, &error);
  g_autoptr(GPtrArray) tasks = NULL;
  g_autoptr(CdHandoverEvent) ev = NULL;
  g_autofree char *due = NULL;
  g_autofree char *again = NULL;
  gint64 ids[3];

  g_assert_no_error (error);
  for (guint i = 0; i < 3; i++)
    {
      hand (f, i, i == 2 ? f->binh : f->an, "2026-01-10");
      ids[i] = f->dev[i];
    }

  /* Revocation notice on the Friday before Tết Bính Ngọ: due 27/02. */
  {
    gboolean ok_ = cd_devices_add_recovery_task (f->store, f->dev[0], 0, "2026-02-13", holidays, &due, &error);
    g_assert_no_error (error);
    g_assert_true (ok_);
  }
  g_assert_cmpstr (due, ==, "2026-02-27");
  /* A second notice for the same device keeps the open task. */
  g_assert_true (cd_devices_add_recovery_task (f->store, f->dev[0], 0, "2026-03-02", holidays, &again, &error));
  g_assert_cmpstr (again, ==, "2026-02-27");
  g_clear_pointer (&due, g_free);
  g_assert_true (cd_devices_add_recovery_task (f->store, f->dev[1], 0, "2026-02-24", holidays, &due, &error));
  g_assert_cmpstr (due, ==, "2026-03-03");

  /* On Tuesday 03/03 the first is 2 working days late, the second due today. */
  tasks = cd_devices_list_open_tasks (f->store, "2026-03-03", holidays, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tasks->len, ==, 2);
  {
    CdRecoveryTask *t0 = g_ptr_array_index (tasks, 0), *t1 = g_ptr_array_index (tasks, 1);
    g_assert_cmpstr (t0->device_serial, ==, "0012345678901234");
    g_assert_cmpstr (t0->staff_name, ==, "Nguyễn Văn An");
    g_assert_cmpint (t0->days_overdue, ==, 2);
    g_assert_cmpint (t1->days_overdue, ==, 0);
  }
  g_clear_pointer (&tasks, g_ptr_array_unref);

  /* Mẫu 08 while one device is still with its holder: refused whole. */
  ev = event (CD_HANDOVER_RETURN_TO_PROVIDER, "2026-03-04", 0);
  take_back (f, 0, "2026-03-03");
  take_back (f, 1, "2026-03-03");
  g_assert_false (cd_devices_return_to_provider (f->store, ids, 3, ev, &error));
  g_assert_error (error, CD_HANDOVER_ERROR, CD_HANDOVER_ERROR_REFUSED);
  g_assert_nonnull (strstr (error->message, "0012345678901236"));
  g_assert_nonnull (strstr (error->message, "Lê Thị Bình"));
  device_state (f->store, f->dev[0], "recovered", 0);
  g_assert_cmpint (count_rows (f->store, "SELECT count(*) FROM tasks WHERE done_date IS NULL"), ==, 2);
  g_clear_error (&error);

  /* Three devices in one set of minutes: all returned, tasks closed. */
  take_back (f, 2, "2026-03-04");
  {
    gboolean ok_ = cd_devices_return_to_provider (f->store, ids, 3, ev, &error);
    g_assert_no_error (error);
    g_assert_true (ok_);
  }
  for (guint i = 0; i < 3; i++)
    device_state (f->store, f->dev[i], "returned", 0);
  g_assert_cmpint (count_rows (f->store, "SELECT count(*) FROM tasks WHERE done_date IS NULL"), ==, 0);
  g_assert_cmpint (count_rows (f->store, "SELECT count(*) FROM tasks WHERE done_date = '2026-03-04'"), ==, 2);
  g_assert_cmpint (count_rows (f->store,
                               "SELECT count(*) FROM handover_events WHERE kind = 'return_to_provider'"
                               " AND date = '2026-03-04'"), ==, 3);
  tasks = cd_devices_list_open_tasks (f->store, "2026-03-05", holidays, &error);
  g_assert_cmpuint (tasks->len, ==, 0);
}

static void
test_lost_locked_damaged (Fixture       *f,
                          gconstpointer  data G_GNUC_UNUSED)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdHolidays) holidays = cd_devices_load_holidays (f->store, &error);
  g_autoptr(CdHandoverEvent) lost = NULL;
  g_autoptr(CdHandoverEvent) locked = NULL;
  g_autoptr(CdHandoverEvent) restored = NULL;
  g_autoptr(CdHandoverEvent) damaged = NULL;
  g_autoptr(CdHandoverEvent) refused = NULL;

  hand (f, 0, f->an, "2026-01-10");
  hand (f, 1, f->an, "2026-01-10");
  hand (f, 2, f->binh, "2026-01-10");
  g_assert_true (cd_devices_add_recovery_task (f->store, f->dev[0], 0, "2026-03-02", holidays, NULL, &error));

  /* Lost: Mẫu 09, the next step is a revocation request; the open
   * recovery task is closed since there is nothing left to recover. */
  lost = event (CD_HANDOVER_REPORT_LOST, "2026-03-03", f->dev[0]);
  {
    gboolean ok_ = cd_devices_apply (f->store, lost, 0, &error);
    g_assert_no_error (error);
    g_assert_true (ok_);
  }
  g_assert_cmpstr (cd_handover_kind_form (lost->kind), ==, "mau09");
  g_assert_cmpstr (cd_handover_kind_follow_up (lost->kind), ==, "thu_hoi");
  device_state (f->store, f->dev[0], "lost", f->an);
  g_assert_cmpint (count_rows (f->store, "SELECT count(*) FROM tasks WHERE done_date IS NULL"), ==, 0);
  refused = event (CD_HANDOVER_TAKE_BACK, "2026-03-04", f->dev[0]);
  g_assert_false (cd_devices_apply (f->store, refused, 0, &error));
  g_assert_error (error, CD_HANDOVER_ERROR, CD_HANDOVER_ERROR_REFUSED);
  g_assert_nonnull (strstr (error->message, "thất lạc"));
  device_state (f->store, f->dev[0], "lost", f->an);
  g_clear_error (&error);

  /* Locked: prompts khôi phục; restored goes back to the same holder. */
  locked = event (CD_HANDOVER_MARK_LOCKED, "2026-03-03", f->dev[1]);
  g_assert_true (cd_devices_apply (f->store, locked, 0, &error));
  g_assert_cmpstr (cd_handover_kind_follow_up (locked->kind), ==, "khoi_phuc");
  device_state (f->store, f->dev[1], "locked", f->an);
  restored = event (CD_HANDOVER_RESTORED, "2026-03-10", f->dev[1]);
  {
    gboolean ok_ = cd_devices_apply (f->store, restored, 0, &error);
    g_assert_no_error (error);
    g_assert_true (ok_);
  }
  device_state (f->store, f->dev[1], "with_holder", f->an);

  /* Damaged: prompts cấp lại; it cannot go to anyone else. */
  damaged = event (CD_HANDOVER_MARK_DAMAGED, "2026-03-03", f->dev[2]);
  g_assert_true (cd_devices_apply (f->store, damaged, 0, &error));
  g_assert_cmpstr (cd_handover_kind_follow_up (damaged->kind), ==, "cap_lai");
  device_state (f->store, f->dev[2], "damaged", f->binh);
}

static void
test_holidays_seeded_then_edited (Fixture       *f,
                                  gconstpointer  data G_GNUC_UNUSED)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdHolidays) shipped = cd_holidays_new_default (&error);
  g_autoptr(CdHolidays) first = NULL;
  g_autoptr(CdHolidays) second = NULL;
  g_autoptr(CdHolidays) third = NULL;
  g_auto(GStrv) dates = cd_holidays_list (shipped);
  g_autofree char *due = NULL;

  g_assert_cmpint (count_rows (f->store, "SELECT count(*) FROM holidays"), ==, 0);
  first = cd_devices_load_holidays (f->store, &error);
  g_assert_no_error (error);
  /* The shipped file was copied into the register, every line of it. */
  g_assert_cmpint (count_rows (f->store, "SELECT count(*) FROM holidays"), ==, g_strv_length (dates));
  g_assert_cmpint (count_rows (f->store, "SELECT count(*) FROM holidays WHERE date = '2026-02-17'"), ==, 1);

  /* The clerk adds 20/11 and removes 02/01/2026 (not a holiday that year). */
  {
    gboolean ok_ = cd_devices_set_holiday (f->store, "2026-11-20", "Ngày Nhà giáo Việt Nam", &error);
    g_assert_no_error (error);
    g_assert_true (ok_);
  }
  g_assert_true (cd_devices_set_holiday (f->store, "2026-01-01", NULL, &error));
  g_assert_false (cd_devices_set_holiday (f->store, "20/11/2026", "sai", &error));
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID);
  g_clear_error (&error);

  second = cd_devices_load_holidays (f->store, &error);
  g_assert_cmpstr (cd_holidays_lookup (second, "2026-11-20"), ==, "Ngày Nhà giáo Việt Nam");
  g_assert_null (cd_holidays_lookup (second, "2026-01-01"));
  due = cd_workdays_add (second, "2026-11-19", 1);
  g_assert_cmpstr (due, ==, "2026-11-23");
  g_clear_pointer (&due, g_free);
  due = cd_workdays_add (second, "2025-12-31", 1);
  g_assert_cmpstr (due, ==, "2026-01-01");

  /* Reloading keeps the clerk's edits: the shipped list seeds an
   * untouched register only. */
  third = cd_devices_load_holidays (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cd_holidays_lookup (third, "2026-11-20"), ==, "Ngày Nhà giáo Việt Nam");
  g_assert_null (cd_holidays_lookup (third, "2026-01-01"));
  g_assert_cmpint (count_rows (f->store, "SELECT count(*) FROM holidays"), ==, g_strv_length (dates));
}

/* A register opened with its check left for later (the window) gets
 * the shipped list without a write: writing would run the whole check
 * first, on the thread reading (the window's, after its first frame).
 * An edit before the check copies the shipped list first, so the one
 * date is not the whole list. */
static void
test_holidays_wait_for_check (Fixture       *f,
                              gconstpointer  data G_GNUC_UNUSED)
{
  g_autofree char *path = g_strdup (cd_store_get_path (f->store));
  g_autoptr(GError) error = NULL;
  g_autoptr(CdHolidays) shipped = cd_holidays_new_default (&error);
  g_autoptr(CdHolidays) read = NULL;
  g_autoptr(CdHolidays) after = NULL;
  g_auto(GStrv) dates = cd_holidays_list (shipped);
  guint n_shipped = g_strv_length (dates);

  g_assert_null (cd_holidays_lookup (shipped, "2026-11-20"));
  /* one connection at a time: opening a register closes a descriptor of
   * it, which would drop the other's locks */
  g_clear_object (&f->store);
  f->store = cd_store_open_check_later (path, &error);
  g_assert_no_error (error);
  g_assert_true (cd_store_get_check_pending (f->store));

  read = cd_devices_load_holidays (f->store, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (cd_holidays_lookup (read, "2026-02-17"), "Tết"));
  g_assert_true (cd_store_get_check_pending (f->store));
  g_assert_cmpint (count_rows (f->store, "SELECT count(*) FROM holidays"), ==, 0);

  /* The clerk adds 20/11 before the check was done. */
  g_assert_true (cd_devices_set_holiday (f->store, "2026-11-20", "Ngày Nhà giáo Việt Nam", &error));
  g_assert_no_error (error);
  g_assert_false (cd_store_get_check_pending (f->store));
  g_assert_cmpint (count_rows (f->store, "SELECT count(*) FROM holidays"), ==, n_shipped + 1);
  after = cd_devices_load_holidays (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cd_holidays_lookup (after, "2026-11-20"), ==, "Ngày Nhà giáo Việt Nam");
  g_assert_nonnull (strstr (cd_holidays_lookup (after, "2026-02-17"), "Tết"));
}

static gint64
add_certificate (CdStore    *store,
                 gint64      staff_id,
                 const char *serial,
                 const char *not_after_iso)
{
  g_autoptr(CdCertificate) c = cd_certificate_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) end = NULL;
  int y, m, d;

  g_assert_cmpint (sscanf (not_after_iso, "%d-%d-%d", &y, &m, &d), ==, 3);
  end = g_date_time_new_local (y, m, d, 10, 0, 0);
  c->staff_id = staff_id;
  c->serial = g_strdup (serial);
  c->not_before = g_date_time_to_unix (end) - 3 * 365 * 86400LL;
  c->not_after = g_date_time_to_unix (end);
  c->fingerprint = g_strdup_printf ("%064" G_GINT64_FORMAT, staff_id * 1000 + (gint64) strlen (serial));
  g_assert_true (cd_store_save_certificate (store, c, &error));
  g_assert_no_error (error);
  return c->id;
}

static void
test_sync_recovery_tasks (Fixture       *f,
                          gconstpointer  data G_GNUC_UNUSED)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdHolidays) holidays = cd_devices_load_holidays (f->store, &error);
  g_autoptr(GPtrArray) tasks = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_local (2026, 3, 10, 9, 0, 0);
  gint64 t = g_date_time_to_unix (now);
  gint64 cuong = cd_test_add_staff (f->store, "Trần Văn Cường", NULL, "031234567892", NULL);
  gint64 an_cert = add_certificate (f->store, f->an, "5403A1", "2027-06-01");
  gint64 ids[2] = { f->dev[0], f->dev[1] };
  gint64 binh_cert = add_certificate (f->store, f->binh, "5403B2", "2026-03-02");   /* expired */
  gint64 cuong_cert = add_certificate (f->store, cuong, "5403C3", "2028-01-01");     /* valid */

  hand (f, 0, f->an, "2026-01-10");
  hand (f, 1, f->binh, "2026-01-10");
  hand (f, 2, cuong, "2026-01-10");
  link_cert (f, 0, an_cert);
  link_cert (f, 1, binh_cert);
  link_cert (f, 2, cuong_cert);
  g_assert_true (cd_store_revoke_certificate (f->store, an_cert, "2026-02-13", "Nghỉ hưu", &error));
  g_assert_no_error (error);

  /* An's certificate revoked before Tết, Bình's expired on 02/03. */
  g_assert_cmpint (cd_devices_sync_recovery_tasks (f->store, t, holidays, &error), ==, 2);
  g_assert_no_error (error);
  g_assert_cmpint (cd_devices_sync_recovery_tasks (f->store, t, holidays, &error), ==, 0);
  tasks = cd_devices_list_open_tasks (f->store, "2026-03-10", holidays, &error);
  g_assert_cmpuint (tasks->len, ==, 2);
  g_assert_cmpstr (((CdRecoveryTask *) g_ptr_array_index (tasks, 0))->due_date, ==, "2026-02-27");
  g_assert_cmpstr (((CdRecoveryTask *) g_ptr_array_index (tasks, 0))->certificate_serial, ==, "5403A1");
  g_assert_cmpstr (((CdRecoveryTask *) g_ptr_array_index (tasks, 1))->due_date, ==, "2026-03-09");
  g_assert_cmpint (((CdRecoveryTask *) g_ptr_array_index (tasks, 1))->days_overdue, ==, 1);
  g_clear_pointer (&tasks, g_ptr_array_unref);

  /* Recovered and handed to the provider: the tasks close and stay closed. */
  take_back (f, 0, "2026-03-10");
  take_back (f, 1, "2026-03-10");
  {
    g_autoptr(CdHandoverEvent) ev = event (CD_HANDOVER_RETURN_TO_PROVIDER, "2026-03-11", 0);
    g_assert_true (cd_devices_return_to_provider (f->store, ids, 2, ev, &error));
    g_assert_no_error (error);
  }
  g_assert_cmpint (cd_devices_sync_recovery_tasks (f->store, t + 86400, holidays, &error), ==, 0);
  tasks = cd_devices_list_open_tasks (f->store, "2026-03-11", holidays, &error);
  g_assert_cmpuint (tasks->len, ==, 0);
}

/* What the Thiết bị view and --list-devices show, in one call: tasks
 * opened first, each device with its holder and the certificate linked
 * to it, the open tasks with how many are due and overdue. */
static void
test_overview (Fixture       *f,
               gconstpointer  data G_GNUC_UNUSED)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdDeviceOverview) o = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_local (2026, 3, 10, 9, 0, 0);
  gint64 t = g_date_time_to_unix (now);

  gint64 an_old = add_certificate (f->store, f->an, "5403A00", "2025-01-01");    /* an older one */
  gint64 an_new = add_certificate (f->store, f->an, "5403A1", "2027-06-01");     /* valid, newest */
  gint64 binh_cert = add_certificate (f->store, f->binh, "5403B2", "2026-03-02");   /* expired 02/03 */

  hand (f, 0, f->an, "2026-01-10");
  hand (f, 1, f->binh, "2026-01-10");
  /* A renewal written onto the same token: both on it, the valid one counts. */
  link_cert (f, 0, an_old);
  read_on_token (f, 0, an_new);
  link_cert (f, 1, binh_cert);

  g_assert_cmpint (count_rows (f->store, "SELECT count(*) FROM certificates"), ==, 3);
  o = cd_devices_overview (f->store, t, &error);
  g_assert_no_error (error);
  g_assert_nonnull (o);
  g_assert_cmpuint (o->n_opened, ==, 1);
  g_assert_cmpuint (o->devices->len, ==, 3);
  for (guint i = 0; i < o->devices->len; i++)
    {
      const CdDeviceEntry *e = g_ptr_array_index (o->devices, i);

      if (e->device->id == f->dev[0])
        {
          g_assert_cmpstr (e->holder_name, ==, "Nguyễn Văn An");
          g_assert_cmpstr (e->cert_serial, ==, "5403A1");
        }
      else if (e->device->id == f->dev[1])
        {
          g_assert_cmpstr (e->holder_name, ==, "Lê Thị Bình");
          g_assert_cmpstr (e->cert_serial, ==, "5403B2");
        }
      else
        {
          /* In stock: nobody, no certificate. */
          g_assert_cmpint (e->device->id, ==, f->dev[2]);
          g_assert_null (e->holder_name);
          g_assert_null (e->cert_serial);
        }
      /* By token serial. */
      if (i > 0)
        g_assert_cmpint (g_strcmp0 (((CdDeviceEntry *) g_ptr_array_index (o->devices, i - 1))->device->token_serial,
                                    e->device->token_serial), <, 0);
    }
  /* Bình's: due 5 working days after 02/03 (09/03), one day overdue. */
  g_assert_cmpuint (o->tasks->len, ==, 1);
  g_assert_cmpstr (((CdRecoveryTask *) g_ptr_array_index (o->tasks, 0))->due_date, ==, "2026-03-09");
  g_assert_cmpuint (o->n_due, ==, 1);
  g_assert_cmpuint (o->n_overdue, ==, 1);
  g_clear_pointer (&o, cd_device_overview_free);

  /* A second look opens nothing more. */
  o = cd_devices_overview (f->store, t, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (o->n_opened, ==, 0);
  g_assert_cmpuint (o->tasks->len, ==, 1);
}

static const CdDeviceEntry *
entry_of (const CdDeviceOverview *o,
          gint64                  device_id)
{
  for (guint i = 0; i < o->devices->len; i++)
    {
      const CdDeviceEntry *e = g_ptr_array_index (o->devices, i);
      if (e->device->id == device_id)
        return e;
    }
  g_assert_not_reached ();
  return NULL;
}

static CdMinutesDevice *
last_minutes_device (Fixture    *f,
                     guint       i,
                     CdMinutes **out)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) h = cd_devices_history (f->store, f->dev[i], 0, &error);
  CdHandoverEvent *last;

  g_assert_no_error (error);
  last = g_ptr_array_index (h, h->len - 1);
  g_assert_cmpint (last->kind, ==, CD_HANDOVER_HAND_TO_HOLDER);
  *out = cd_minutes_new (f->store, last, NULL, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint ((*out)->devices->len, ==, 1);
  return g_ptr_array_index ((*out)->devices, 0);
}

/* Issue 16: a new, blank device handed to An is not credited with her
 * old, expired certificate (still on her old token): not in the list,
 * not on its Mẫu 07, no recovery task. The clerk then says by hand
 * which certificate is on it, only among An's, or none. */
static void
test_blank_device_not_credited (Fixture       *f,
                                gconstpointer  data G_GNUC_UNUSED)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdDeviceOverview) o = NULL;
  g_autoptr(CdMinutes) minutes = NULL;
  g_autoptr(CdHolidays) holidays = cd_devices_load_holidays (f->store, &error);
  g_autoptr(GDateTime) now = g_date_time_new_local (2026, 3, 10, 9, 0, 0);
  g_autoptr(CdCertificate) c = NULL;
  g_autofree char *due = NULL;
  gint64 an_old = add_certificate (f->store, f->an, "5403A00", "2025-06-01");   /* expired */
  gint64 binh_cert = add_certificate (f->store, f->binh, "5403B2", "2028-01-01");
  gint64 an_new;
  CdMinutesDevice *md;

  hand (f, 0, f->an, "2026-01-10");
  link_cert (f, 0, an_old);
  take_back (f, 0, "2026-01-12");
  hand (f, 1, f->an, "2026-01-15");             /* new and blank */

  o = cd_devices_overview (f->store, g_date_time_to_unix (now), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (entry_of (o, f->dev[1])->holder_name, ==, "Nguyễn Văn An");
  g_assert_null (entry_of (o, f->dev[1])->cert_serial);
  /* The old token, back at the unit, still carries the old one. */
  g_assert_cmpstr (entry_of (o, f->dev[0])->cert_serial, ==, "5403A00");
  g_assert_cmpuint (o->n_opened, ==, 0);
  g_assert_cmpuint (o->tasks->len, ==, 0);
  g_clear_pointer (&o, cd_device_overview_free);

  /* Mẫu 07 of the blank device names An, and no certificate. */
  md = last_minutes_device (f, 1, &minutes);
  g_assert_cmpstr (md->holder_name, ==, "Nguyễn Văn An");
  g_assert_null (md->cert_serial);
  g_assert_null (md->cert_valid_to);
  g_clear_pointer (&minutes, cd_minutes_free);

  /* A revocation of the old certificate does not send the clerk after
   * the new device. */
  g_assert_true (cd_devices_add_recovery_task (f->store, f->dev[1], an_old, "2026-03-02", holidays, &due, &error));
  g_assert_no_error (error);
  g_assert_null (due);
  g_assert_cmpint (count_rows (f->store, "SELECT count(*) FROM tasks"), ==, 0);

  /* Chosen by hand: only An's certificates. */
  g_assert_false (cd_devices_link_certificate (f->store, f->dev[1], binh_cert, &error));
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (count_rows (f->store, "SELECT count(*) FROM certificates WHERE device_id IS NOT NULL"), ==, 1);
  an_new = add_certificate (f->store, f->an, "5403A1B2", "2029-01-01");
  link_cert (f, 1, an_new);
  o = cd_devices_overview (f->store, g_date_time_to_unix (now), &error);
  g_assert_cmpstr (entry_of (o, f->dev[1])->cert_serial, ==, "5403A1B2");
  g_clear_pointer (&o, cd_device_overview_free);
  md = last_minutes_device (f, 1, &minutes);
  g_assert_cmpstr (md->cert_serial, ==, "5403A1B2");
  g_clear_pointer (&minutes, cd_minutes_free);
  g_assert_cmpint (count_rows (f->store, "SELECT count(*) FROM audit_log WHERE action = 'link-certificate'"), ==, 2);

  /* None: the device is blank again. */
  link_cert (f, 1, 0);
  c = cd_store_get_certificate (f->store, an_new, &error);
  g_assert_cmpint (c->device_id, ==, 0);
  o = cd_devices_overview (f->store, g_date_time_to_unix (now), &error);
  g_assert_null (entry_of (o, f->dev[1])->cert_serial);
}

/* A lost device (Mẫu 09) has nothing to recover: no task, whether the
 * revocation is recorded by hand or found by the look at the register. */
static void
test_lost_device_no_task (Fixture       *f,
                          gconstpointer  data G_GNUC_UNUSED)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdHolidays) holidays = cd_devices_load_holidays (f->store, &error);
  g_autoptr(CdHandoverEvent) lost = event (CD_HANDOVER_REPORT_LOST, "2026-03-03", 0);
  g_autoptr(GDateTime) now = g_date_time_new_local (2026, 3, 10, 9, 0, 0);
  g_autofree char *due = NULL;
  gint64 an_cert = add_certificate (f->store, f->an, "5403A1", "2027-06-01");

  hand (f, 0, f->an, "2026-01-10");
  link_cert (f, 0, an_cert);
  lost->device_id = f->dev[0];
  g_assert_true (cd_devices_apply (f->store, lost, 0, &error));
  g_assert_no_error (error);
  g_assert_true (cd_store_revoke_certificate (f->store, an_cert, "2026-03-04", "Mất thiết bị", &error));
  g_assert_true (cd_devices_add_recovery_task (f->store, f->dev[0], an_cert, "2026-03-04", holidays, &due, &error));
  g_assert_no_error (error);
  g_assert_null (due);
  g_assert_cmpint (cd_devices_sync_recovery_tasks (f->store, g_date_time_to_unix (now), holidays, &error), ==, 0);
  g_assert_no_error (error);
  g_assert_cmpint (count_rows (f->store, "SELECT count(*) FROM tasks"), ==, 0);
}

/* A device handed over after its certificate ended is due counted from
 * the handover, not overdue the moment its task opens. */
static void
test_task_not_overdue_at_creation (Fixture       *f,
                                   gconstpointer  data G_GNUC_UNUSED)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdDeviceOverview) o = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_local (2026, 3, 6, 9, 0, 0);
  gint64 binh_cert = add_certificate (f->store, f->binh, "5403B2", "2026-01-02");   /* expired */

  hand (f, 2, f->binh, "2026-03-05");
  link_cert (f, 2, binh_cert);
  o = cd_devices_overview (f->store, g_date_time_to_unix (now), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (o->n_opened, ==, 1);
  g_assert_cmpuint (o->tasks->len, ==, 1);
  /* Thursday 05/03 + 5 working days. */
  g_assert_cmpstr (((CdRecoveryTask *) g_ptr_array_index (o->tasks, 0))->due_date, ==, "2026-03-12");
  g_assert_cmpint (((CdRecoveryTask *) g_ptr_array_index (o->tasks, 0))->days_overdue, ==, 0);
  g_assert_cmpuint (o->n_overdue, ==, 0);
}

int
main (int argc, char *argv[])
{
  cd_test_init (&argc, &argv);

#define ADD(path, fn) g_test_add ("/core/devices/register/" path, Fixture, NULL, \
                                  fixture_setup, fn, fixture_teardown)
  ADD ("receive-batch", test_receive_batch);
  ADD ("hand-refuse-take-back", test_hand_and_refuse);
  ADD ("history-order", test_history_order);
  ADD ("recovery-over-tet-and-mau08", test_recovery_over_tet_and_mau08);
  ADD ("lost-locked-damaged", test_lost_locked_damaged);
  ADD ("holidays-seeded-then-edited", test_holidays_seeded_then_edited);
  ADD ("holidays-wait-for-check", test_holidays_wait_for_check);
  ADD ("sync-recovery-tasks", test_sync_recovery_tasks);
  ADD ("overview", test_overview);
  ADD ("blank-device-not-credited", test_blank_device_not_credited);
  ADD ("lost-device-no-task", test_lost_device_no_task);
  ADD ("task-not-overdue-at-creation", test_task_not_overdue_at_creation);
#undef ADD

  return g_test_run ();
}
