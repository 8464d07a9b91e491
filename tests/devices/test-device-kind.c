/* test-device-kind.c — device types and a SIM's carrier and number
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "cd-device-kind.h"
#include "cd-device-register.h"
#include "cd-handover-notice.h"
#include "cd-text.h"
#include "cd-test-fixture.h"
#include "cd-test-util.h"

static CdDevice *
device (const char *type, const char *carrier, const char *phone, gboolean ported)
{
  CdDevice *d = cd_device_new ();

  d->token_serial = g_strdup ("8984048000001234567");
  d->type = g_strdup (type);
  d->carrier = g_strdup (carrier);
  d->phone = g_strdup (phone);
  d->ported = ported;
  return d;
}

static void
refused (const char *type, const char *carrier, const char *phone, gboolean ported)
{
  g_autoptr(CdDevice) d = device (type, carrier, phone, ported);
  g_autoptr(GError) error = NULL;

  g_assert_false (cd_device_kind_check (d, &error));
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID);
}

static void
test_check (void)
{
  g_autoptr(CdDevice) sim = device ("sim", " viettel ", "+84 912.345.678", TRUE);
  g_autoptr(CdDevice) token = device (NULL, NULL, NULL, FALSE);
  g_autoptr(CdDevice) other = device ("SIM", "Đông Dương Telecom", "0387654321", FALSE);
  g_autoptr(GError) error = NULL;

  g_assert_true (cd_device_kind_check (sim, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (sim->type, ==, "SIM");
  g_assert_cmpstr (sim->carrier, ==, "Viettel");
  g_assert_cmpstr (sim->phone, ==, "0912345678");
  g_assert_true (cd_device_kind_check (token, &error));
  g_assert_cmpstr (token->type, ==, "TOKEN");
  g_assert_true (cd_device_kind_check (other, &error));
  g_assert_cmpstr (other->carrier, ==, "Đông Dương Telecom");

  refused ("USB", NULL, NULL, FALSE);
  refused ("SIM", NULL, "0912345678", FALSE);
  refused ("SIM", "MobiFone", NULL, FALSE);
  refused ("SIM", "MobiFone", "091234567", FALSE);       /* nine digits */
  refused ("SIM", "MobiFone", "0212345678", FALSE);      /* a landline */
  refused ("SIM", "MobiFone", "09123x5678", FALSE);
  refused ("TOKEN", "Viettel", NULL, FALSE);
  refused ("HSM", NULL, NULL, TRUE);
}

static void
test_labels (void)
{
  for (const char * const *t = cd_device_types (); *t != NULL; t++)
    g_assert_nonnull (cd_device_type_label (*t));
  g_assert_cmpstr (cd_device_type_label ("XYZ"), ==, "XYZ");
  g_assert_cmpstr (cd_device_carriers ()[0], ==, "Viettel");
}

static void
test_add (void)
{
  g_autoptr(CdTestRegister) reg = cd_test_register_new (0, CD_TEST_REGISTER_STAFF);
  gint64 lan = cd_test_add_staff (reg->store, "Phạm Thị Lan", NULL, NULL, "lanpt@haiphong.edu.vn");
  g_autoptr(CdDevice) sim = device ("SIM", "VinaPhone", "0912 345 678", TRUE);
  g_autoptr(CdDevice) twice = device ("SIM", "VinaPhone", "0912345678", FALSE);
  g_autoptr(CdDevice) stored = NULL;
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (cd_devices_add (reg->store, sim, lan, NULL, &error));
  g_assert_no_error (error);
  stored = cd_store_get_device (reg->store, sim->id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (stored->type, ==, "SIM");
  g_assert_cmpstr (stored->carrier, ==, "VinaPhone");
  g_assert_cmpstr (stored->phone, ==, "0912345678");
  g_assert_true (stored->ported);
  g_assert_cmpint (stored->holder_id, ==, lan);
  g_assert_cmpstr (stored->status, ==, "with_holder");
  /* Received, then handed over: the history the minutes are made of. */
  history = cd_devices_history (reg->store, sim->id, 0, &error);
  g_assert_cmpuint (history->len, ==, 2);

  g_assert_false (cd_devices_add (reg->store, twice, 0, NULL, &error));
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_CONSTRAINT);
}

static CdDevice *
token (const char *serial)
{
  CdDevice *d = cd_device_new ();

  d->token_serial = g_strdup (serial);
  return d;
}

/* A device registered with the holder who already had it, often for
 * years, was recorded as handed over the day it was typed in: the Cục's
 * notice of that period listed it. Now its handover has no date unless
 * one is given (a real day, not after today); the notice lists only
 * dated handovers of its period, the history says it was held before
 * it was registered. */
static void
test_add_held (void)
{
  g_autoptr(CdTestRegister) reg = cd_test_register_new (0, CD_TEST_REGISTER_STAFF);
  gint64 lan = cd_test_add_staff (reg->store, "Phạm Thị Lan", NULL, NULL, "lanpt@haiphong.edu.vn");
  gint64 thai = cd_test_add_staff (reg->store, "Hoàng Văn Thái", NULL, NULL, "thaihv@haiphong.edu.vn");
  g_autoptr(CdDevice) old = token ("B4ID2019000001");
  g_autoptr(CdDevice) dated = token ("B4ID2026000002");
  g_autoptr(CdDevice) future = token ("B4ID2026000003");
  g_autoptr(CdDevice) stored = NULL;
  g_autoptr(CdDevice) none = NULL;
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(CdHandoverNotice) notice = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *today = cd_text_today_iso ();
  g_autofree char *month_start = g_strdup_printf ("%.8s01", today);
  g_autofree char *title = NULL;
  g_autofree char *tomorrow = NULL;

  g_assert_true (cd_devices_add (reg->store, old, lan, NULL, &error));
  g_assert_no_error (error);
  stored = cd_store_get_device (reg->store, old->id, &error);
  g_assert_cmpint (stored->holder_id, ==, lan);
  g_assert_cmpstr (stored->status, ==, "with_holder");

  /* The history: received, then held, neither with a day. */
  history = cd_devices_history (reg->store, old->id, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (history->len, ==, 2);
  g_assert_cmpint (((CdHandoverEvent *) history->pdata[0])->kind, ==, CD_HANDOVER_RECEIVE);
  g_assert_null (((CdHandoverEvent *) history->pdata[0])->date);
  g_assert_cmpint (((CdHandoverEvent *) history->pdata[1])->kind, ==, CD_HANDOVER_HAND_TO_HOLDER);
  g_assert_null (((CdHandoverEvent *) history->pdata[1])->date);
  g_assert_cmpint (((CdHandoverEvent *) history->pdata[1])->staff_id, ==, lan);
  title = cd_handover_event_title (history->pdata[1], " — ");
  g_assert_cmpstr (title, ==, "Đang giữ từ trước khi đăng ký (không rõ ngày bàn giao)");

  /* Not in this month's notice: nothing to notify. */
  notice = cd_handover_notice_new (reg->store, month_start, today, today, &error);
  g_assert_null (notice);
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* A day after today is refused, and nothing is written. */
  {
    g_autoptr(GDateTime) now = g_date_time_new_now_local ();
    g_autoptr(GDateTime) next = g_date_time_add_days (now, 1);
    tomorrow = g_date_time_format (next, "%Y-%m-%d");
  }
  g_assert_false (cd_devices_add (reg->store, future, thai, tomorrow, &error));
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "sau hôm nay"));
  g_clear_error (&error);
  g_assert_false (cd_devices_add (reg->store, future, thai, "2026-02-31", &error));
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID);
  g_clear_error (&error);
  none = cd_store_find_device_by_serial (reg->store, "B4ID2026000003");
  g_assert_null (none);

  /* Handed over today, said so: in the notice, alone. */
  g_assert_true (cd_devices_add (reg->store, dated, thai, today, &error));
  g_assert_no_error (error);
  notice = cd_handover_notice_new (reg->store, month_start, today, today, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cd_handover_notice_count (notice), ==, 1);
  g_assert_cmpstr (cd_handover_notice_get_row (notice, 0)[2], ==, "B4ID2026000002");
  g_clear_pointer (&history, g_ptr_array_unref);
  history = cd_devices_history (reg->store, 0, thai, &error);
  g_assert_cmpuint (history->len, ==, 1);
  g_assert_cmpstr (((CdHandoverEvent *) history->pdata[0])->date, ==, today);

  /* Later events of the undated device keep their order and rules. */
  {
    g_autoptr(CdHandoverEvent) back = cd_handover_event_new (CD_HANDOVER_TAKE_BACK, today);

    back->device_id = old->id;
    g_assert_true (cd_devices_apply (reg->store, back, 0, &error));
    g_assert_no_error (error);
    g_clear_pointer (&history, g_ptr_array_unref);
    history = cd_devices_history (reg->store, old->id, 0, &error);
    g_assert_cmpuint (history->len, ==, 3);
    g_assert_cmpint (((CdHandoverEvent *) history->pdata[2])->kind, ==, CD_HANDOVER_TAKE_BACK);
  }
}

static GPtrArray *
sim_batch (guint n)
{
  GPtrArray *batch = g_ptr_array_new_with_free_func ((GDestroyNotify) cd_device_free);

  for (guint i = 0; i < n; i++)
    {
      CdDevice *d = device ("SIM", "Viettel", NULL, FALSE);

      g_free (d->token_serial);
      d->token_serial = g_strdup_printf ("898404800000999%u", i);
      g_ptr_array_add (batch, d);
    }
  return batch;
}

/* Issue 16: a batch of SIMs received together does not give them all the
 * one number typed; each gets its own, in the order of the serials. */
static void
test_sim_batch (void)
{
  g_autoptr(CdTestRegister) reg = cd_test_register_new (0, CD_TEST_REGISTER_STAFF);
  g_autoptr(GPtrArray) batch = sim_batch (3);
  g_autoptr(GPtrArray) same = sim_batch (2);
  g_autoptr(GPtrArray) devices = NULL;
  g_autoptr(CdHandoverEvent) ev = cd_handover_event_new (CD_HANDOVER_RECEIVE, "2026-03-02");
  g_autoptr(GError) error = NULL;
  static const char *want[] = { "0912345678", "0987654321", "0388888888" };

  /* One number for three SIMs: refused, nothing assigned. */
  g_assert_false (cd_device_kind_assign_phones (batch, "0912345678", &error));
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (((CdDevice *) g_ptr_array_index (batch, 0))->phone);

  /* Spaces inside a number are the number's. */
  g_assert_true (cd_device_kind_assign_phones (batch, "0912 345 678, +84 987654321;\n0388888888", &error));
  g_assert_no_error (error);
  for (guint i = 0; i < batch->len; i++)
    g_assert_true (cd_device_kind_check (g_ptr_array_index (batch, i), &error));
  g_assert_true (cd_devices_receive (reg->store, batch, ev, &error));
  g_assert_no_error (error);
  devices = cd_store_list_devices (reg->store, &error);
  g_assert_cmpuint (devices->len, ==, 3);
  for (guint i = 0; i < devices->len; i++)
    g_assert_cmpstr (((CdDevice *) g_ptr_array_index (devices, i))->phone, ==, want[i]);
  g_clear_pointer (&devices, g_ptr_array_unref);

  /* The register refuses two SIMs of one batch with one number, whoever
   * filled them in. */
  for (guint i = 0; i < same->len; i++)
    {
      CdDevice *d = g_ptr_array_index (same, i);
      d->token_serial[0] = '7';
      d->phone = g_strdup ("0911111111");
    }
  g_assert_false (cd_devices_receive (reg->store, same, ev, &error));
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID);
  devices = cd_store_list_devices (reg->store, NULL);
  g_assert_cmpuint (devices->len, ==, 3);
}

int
main (int argc, char **argv)
{
  cd_test_init (&argc, &argv);
  g_test_add_func ("/core/devices/kind/check", test_check);
  g_test_add_func ("/core/devices/kind/labels", test_labels);
  g_test_add_func ("/core/devices/kind/add", test_add);
  g_test_add_func ("/core/devices/kind/add-held", test_add_held);
  g_test_add_func ("/core/devices/kind/sim-batch", test_sim_batch);
  return g_test_run ();
}
