/* test-service-device.c — the one-stop desk's device passed between duty
 * officers (issue 14, seed 003): both people recorded, the minutes name
 * them, a person's device never passes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "cd-device-minutes.h"
#include "cd-handover.h"
#include "cd-service-device.h"
#include "cd-test-fixture.h"
#include "cd-test-util.h"

typedef struct {
  CdTestRegister *reg;
  CdStore        *store;
  gint64          lan, binh, device, personal, service;
} Fixture;

static gint64
receive (CdStore    *store,
         const char *serial)
{
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func ((GDestroyNotify) cd_device_free);
  g_autoptr(CdHandoverEvent) ev = cd_handover_event_new (CD_HANDOVER_RECEIVE, "2026-01-05");
  g_autoptr(GError) error = NULL;
  CdDevice *d = cd_device_new ();

  d->token_serial = g_strdup (serial);
  g_ptr_array_add (batch, d);
  g_assert_true (cd_devices_receive (store, batch, ev, &error));
  g_assert_no_error (error);
  return d->id;
}

static void
setup (Fixture       *f,
       gconstpointer  data)
{
  g_autoptr(CdService) s = cd_service_new ();
  g_autoptr(GError) error = NULL;

  f->reg = cd_test_register_new (0, CD_TEST_REGISTER_STAFF);
  f->store = f->reg->store;
  f->lan = cd_test_add_staff (f->store, "Bùi Thị Lan", NULL, "031190004567", NULL);
  f->binh = cd_test_add_staff (f->store, "Đỗ Văn Bình", NULL, "031088007654", NULL);
  f->device = receive (f->store, "MC0000000001");
  f->personal = receive (f->store, "PS0000000002");
  s->name = g_strdup ("Bộ phận Một cửa");
  g_assert_true (cd_store_save_service (f->store, s, &error));
  g_assert_no_error (error);
  f->service = s->id;
  g_assert_true (cd_service_device_assign (f->store, f->device, f->service, &error));
  g_assert_no_error (error);
}

static void
teardown (Fixture       *f,
          gconstpointer  data)
{
  g_clear_pointer (&f->reg, cd_test_register_free);
}

static const char *
person (const CdHandoverEvent *ev,
        const char            *side)
{
  for (guint i = 0; i < ev->people->len; i++)
    {
      const CdEventPerson *p = g_ptr_array_index (ev->people, i);
      if (g_strcmp0 (p->side, side) == 0)
        return p->name;
    }
  return NULL;
}

static void
test_pass (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(CdHandoverEvent) first = NULL;
  g_autoptr(CdHandoverEvent) second = NULL;
  g_autoptr(CdDevice) d = NULL;
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(CdMinutes) minutes = NULL;
  g_autoptr(GError) error = NULL;
  const CdHandoverEvent *take_back;

  /* The first duty officer gets it from the unit. */
  first = cd_service_device_pass (f->store, f->device, f->lan, "2026-02-02", &error);
  g_assert_no_error (error);
  g_assert_cmpint (first->kind, ==, CD_HANDOVER_HAND_TO_HOLDER);
  g_assert_cmpstr (person (first, "receiver"), ==, "Bùi Thị Lan");

  /* Then from her to the next one, straight. */
  second = cd_service_device_pass (f->store, f->device, f->binh, "2026-03-02", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (person (second, "giver"), ==, "Bùi Thị Lan");
  g_assert_cmpstr (person (second, "receiver"), ==, "Đỗ Văn Bình");
  g_assert_nonnull (strstr (second->note, "Bộ phận Một cửa"));

  d = cd_store_get_device (f->store, f->device, &error);
  g_assert_cmpint (d->holder_id, ==, f->binh);
  g_assert_cmpstr (d->status, ==, "with_holder");
  g_assert_cmpint (d->service_id, ==, f->service);

  /* receive, hand to Lan, taken back from Lan, hand to Bình. */
  history = cd_devices_history (f->store, f->device, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (history->len, ==, 4);
  take_back = g_ptr_array_index (history, 2);
  g_assert_cmpint (take_back->kind, ==, CD_HANDOVER_TAKE_BACK);
  g_assert_cmpint (take_back->staff_id, ==, f->lan);
  g_assert_cmpint (((CdHandoverEvent *) g_ptr_array_index (history, 3))->staff_id, ==, f->binh);
  /* Each officer's own history has the handover. */
  g_clear_pointer (&history, g_ptr_array_unref);
  history = cd_devices_history (f->store, 0, f->lan, &error);
  g_assert_cmpuint (history->len, ==, 2);

  /* The usual minutes (Mẫu 07) name both. */
  minutes = cd_minutes_new (f->store, second, NULL, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cd_minutes_template_id (minutes->kind), ==, "mau-07");
  g_assert_cmpuint (minutes->people->len, ==, 2);
}

static void
test_refused (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(CdHandoverEvent) ev = NULL;
  g_autoptr(CdDevice) d = NULL;
  g_autoptr(GError) error = NULL;

  /* A person's device is not a service's. */
  ev = cd_service_device_pass (f->store, f->personal, f->lan, "2026-02-02", &error);
  g_assert_null (ev);
  g_assert_error (error, CD_HANDOVER_ERROR, CD_HANDOVER_ERROR_REFUSED);
  g_clear_error (&error);

  ev = cd_service_device_pass (f->store, f->device, f->lan, "2026-02-02", &error);
  g_assert_no_error (error);
  g_clear_pointer (&ev, cd_handover_event_free);
  /* To the officer who has it already: refused, nothing written. */
  ev = cd_service_device_pass (f->store, f->device, f->lan, "2026-02-03", &error);
  g_assert_null (ev);
  g_assert_error (error, CD_HANDOVER_ERROR, CD_HANDOVER_ERROR_REFUSED);
  g_clear_error (&error);
  /* Dated before the last event: refused as a whole (not taken back). */
  ev = cd_service_device_pass (f->store, f->device, f->binh, "2026-01-01", &error);
  g_assert_null (ev);
  g_assert_nonnull (error);
  g_clear_error (&error);
  d = cd_store_get_device (f->store, f->device, &error);
  g_assert_cmpint (d->holder_id, ==, f->lan);
  g_assert_cmpstr (d->status, ==, "with_holder");
}

int
main (int    argc,
      char **argv)
{
  cd_test_init (&argc, &argv);

  g_test_add ("/core/devices/service/pass", Fixture, NULL, setup, test_pass, teardown);
  g_test_add ("/core/devices/service/refused", Fixture, NULL, setup, test_refused, teardown);
  return g_test_run ();
}
