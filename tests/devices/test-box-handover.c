/* test-box-handover.c — a delivered box of tokens handed out at once:
 * each matched to its holder by its certificate, the ones matching nobody
 * or already handed set aside, one transaction and one PDF for the rest
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>
#include <sys/stat.h>

#include "cd-box-handover.h"
#include "cd-device-minutes.h"
#include "cd-device-register.h"
#include "cd-test-fixture.h"
#include "cd-test-util.h"
#include "cd-text.h"
#include "cd-token-register.h"
#include "cd-x509.h"

static char *certs_dir;

typedef struct {
  CdTestRegister *reg;
  CdStore        *store;
  gint64          nhung, mai, anh;
} Fixture;

static void
setup (Fixture *f, gconstpointer data)
{
  f->reg = cd_test_register_new (0, CD_TEST_REGISTER_STAFF);
  f->store = f->reg->store;
  f->nhung = cd_test_add_staff (f->store, "Nguyễn Thị Hồng Nhung", NULL, NULL, "nhungnth@haiphong.edu.vn");
  f->mai = cd_test_add_staff (f->store, "Lê Thị Mai", NULL, NULL, "mailt@haiphong.edu.vn");
  f->anh = cd_test_add_staff (f->store, "Vũ Ngọc Ánh", NULL, NULL, "anhvn@ngoquyen.edu.vn");
}

static void
teardown (Fixture *f, gconstpointer data)
{
  g_clear_pointer (&f->reg, cd_test_register_free);
}

static CdToken *
token_with (const char *serial,
            const char *cert_file)
{
  CdToken *t = g_new0 (CdToken, 1);

  t->serial = g_strdup (serial);
  t->label = g_strdup ("VGCA Token");
  t->manufacturer = g_strdup ("Bit4id");
  t->model = g_strdup ("TokenME EVO v2");
  t->certificates = g_ptr_array_new_with_free_func ((GDestroyNotify) cd_certificate_free);
  if (cert_file != NULL)
    {
      g_autofree char *path = g_build_filename (certs_dir, cert_file, NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) certs = cd_x509_load_file (path, &error);

      g_assert_no_error (error);
      g_ptr_array_add (t->certificates, g_ptr_array_steal_index (certs, 0));
    }
  return t;
}

static const CdBoxItem *
item_of (GPtrArray  *items,
         const char *serial)
{
  for (guint i = 0; i < items->len; i++)
    {
      const CdBoxItem *it = g_ptr_array_index (items, i);
      if (g_strcmp0 (it->serial, serial) == 0)
        return it;
    }
  return NULL;
}

static CdHandoverEvent *
last_event (Fixture *f,
            gint64   device_id)
{
  g_autoptr(GPtrArray) history = cd_devices_history (f->store, device_id, 0, NULL);

  g_assert_nonnull (history);
  g_assert_cmpuint (history->len, >, 0);
  return g_ptr_array_steal_index (history, history->len - 1);
}

static void
test_box (Fixture *f, gconstpointer data)
{
  g_autoptr(GPtrArray) first = g_ptr_array_new_with_free_func ((GDestroyNotify) cd_token_free);
  g_autoptr(GPtrArray) box = g_ptr_array_new_with_free_func ((GDestroyNotify) cd_token_free);
  g_autoptr(CdBoxPlan) plan = NULL;
  g_autoptr(CdBoxPlan) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *today = cd_text_today_iso ();
  g_autofree char *pdf1 = g_build_filename (f->reg->dir, "hop-1.pdf", NULL);
  g_autofree char *pdf2 = g_build_filename (f->reg->dir, "hop-2.pdf", NULL);
  const CdBoxItem *it;
  GStatBuf st;

  /* Ánh's token was handed out with an earlier box. */
  g_ptr_array_add (first, token_with ("BOX0004", "expiring.der"));
  plan = cd_box_plan_make (f->store, NULL, 0, first);
  g_assert_cmpuint (plan->ready->len, ==, 1);
  g_assert_cmpuint (plan->set_aside->len, ==, 0);
  it = g_ptr_array_index (plan->ready, 0);
  g_assert_cmpint (it->holder_id, ==, f->anh);
  g_assert_true (cd_box_hand_out (f->store, plan, today, pdf1, FALSE, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (plan->event_ids->len, ==, 1);

  /* The box: two tokens of people in the register, one of somebody who
   * is not, Ánh's again, and Nhung's plugged twice. */
  g_ptr_array_add (box, token_with ("BOX0001", "gov.der"));
  g_ptr_array_add (box, token_with ("BOX0002", "future.der"));
  g_ptr_array_add (box, token_with ("BOX0003", "vnpt.der"));
  g_ptr_array_add (box, token_with ("BOX0004", "expiring.der"));
  g_ptr_array_add (box, token_with ("BOX0001", "gov.der"));
  g_ptr_array_add (box, token_with ("BOX0005", NULL));
  again = cd_box_plan_make (f->store, NULL, 0, box);
  g_assert_cmpuint (again->ready->len, ==, 2);
  g_assert_cmpuint (again->set_aside->len, ==, 3);
  it = item_of (again->ready, "BOX0001");
  g_assert_nonnull (it);
  g_assert_cmpint (it->holder_id, ==, f->nhung);
  g_assert_cmpstr (it->cert_serial, ==, "5401F2A1B2C3D4E5");
  it = item_of (again->ready, "BOX0002");
  g_assert_nonnull (it);
  g_assert_cmpint (it->holder_id, ==, f->mai);
  it = item_of (again->set_aside, "BOX0003");
  g_assert_nonnull (it);
  g_assert_cmpint (it->holder_id, ==, 0);
  g_assert_nonnull (it->reason);
  it = item_of (again->set_aside, "BOX0004");
  g_assert_nonnull (it);
  g_assert_cmpint (it->holder_id, ==, f->anh);
  g_assert_nonnull (strstr (it->reason, "Vũ Ngọc Ánh"));
  it = item_of (again->set_aside, "BOX0005");
  g_assert_nonnull (it);
  g_assert_nonnull (it->reason);

  g_assert_true (cd_box_hand_out (f->store, again, today, pdf2, FALSE, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (again->event_ids->len, ==, 2);
  for (guint i = 0; i < again->ready->len; i++)
    {
      const CdBoxItem *r = g_ptr_array_index (again->ready, i);
      g_autoptr(CdHandoverEvent) ev = last_event (f, r->device_id);
      g_autoptr(CdDevice) d = cd_store_get_device (f->store, r->device_id, NULL);

      g_autoptr(GPtrArray) history = cd_devices_history (f->store, r->device_id, 0, NULL);

      g_assert_cmpint (ev->kind, ==, CD_HANDOVER_HAND_TO_HOLDER);
      g_assert_cmpint (ev->staff_id, ==, r->holder_id);
      g_assert_cmpstr (d->status, ==, "with_holder");
      g_assert_cmpint (d->holder_id, ==, r->holder_id);
      g_assert_false (cd_devices_awaiting_minutes (f->store, d));
      /* Plugged in, it was recorded as held from a day nobody knew; the
       * minutes give that one handover its day: not a second handover. */
      g_assert_cmpuint (history->len, ==, 2);
      g_assert_cmpint (((CdHandoverEvent *) history->pdata[0])->kind, ==, CD_HANDOVER_RECEIVE);
      g_assert_cmpint (((CdHandoverEvent *) history->pdata[1])->kind, ==, CD_HANDOVER_HAND_TO_HOLDER);
      g_assert_cmpstr (((CdHandoverEvent *) history->pdata[1])->date, ==, today);
      g_assert_cmpint (((CdHandoverEvent *) history->pdata[1])->id, ==, ev->id);
      g_assert_true (ev->id == g_array_index (again->event_ids, gint64, 0)
                     || ev->id == g_array_index (again->event_ids, gint64, 1));
    }
  g_assert_cmpint (g_stat (pdf2, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (st.st_size, >, 2000);

  /* Handed: the same box again has nothing left to hand. */
  {
    g_autoptr(CdBoxPlan) third = cd_box_plan_make (f->store, NULL, 0, box);
    g_autofree char *pdf3 = g_build_filename (f->reg->dir, "hop-3.pdf", NULL);

    g_assert_cmpuint (third->ready->len, ==, 0);
    g_assert_false (cd_box_hand_out (f->store, third, today, pdf3, FALSE, &error));
    g_assert_error (error, CD_HANDOVER_ERROR, CD_HANDOVER_ERROR_INVALID);
    g_assert_false (g_file_test (pdf3, G_FILE_TEST_EXISTS));
  }
}

/* Devices received in stock: the one whose certificate is recorded on it
 * goes to its holder, the one without any certificate is set aside, and
 * one still held by somebody else too. */
static void
test_devices_in_stock (Fixture *f, gconstpointer data)
{
  g_autoptr(GPtrArray) devices = g_ptr_array_new_with_free_func ((GDestroyNotify) cd_device_free);
  g_autoptr(CdHandoverEvent) receive = cd_handover_event_new (CD_HANDOVER_RECEIVE, "2026-01-05");
  g_autoptr(CdToken) t = token_with ("STOCK01", "gov.der");
  g_autoptr(CdBoxPlan) plan = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CdTokenRegistration) reg = NULL;
  gint64 ids[2];
  const CdBoxItem *it;

  for (guint i = 0; i < 2; i++)
    {
      CdDevice *d = cd_device_new ();
      d->token_serial = g_strdup (i == 0 ? "STOCK01" : "STOCK02");
      d->type = g_strdup ("TOKEN");
      g_ptr_array_add (devices, d);
    }
  g_assert_true (cd_devices_receive (f->store, devices, receive, &error));
  g_assert_no_error (error);
  ids[0] = ((CdDevice *) g_ptr_array_index (devices, 0))->id;
  ids[1] = ((CdDevice *) g_ptr_array_index (devices, 1))->id;
  /* STOCK01 was plugged in once: its certificate is recorded on it. */
  reg = cd_token_register (f->store, t);
  g_assert_cmpuint (reg->errors->len, ==, 0);

  plan = cd_box_plan_make (f->store, ids, 2, NULL);
  g_assert_cmpuint (plan->ready->len, ==, 1);
  it = g_ptr_array_index (plan->ready, 0);
  g_assert_cmpint (it->device_id, ==, ids[0]);
  g_assert_cmpint (it->holder_id, ==, f->nhung);
  g_assert_cmpuint (plan->set_aside->len, ==, 1);
  it = g_ptr_array_index (plan->set_aside, 0);
  g_assert_cmpint (it->device_id, ==, ids[1]);
  g_assert_nonnull (it->reason);
}

/* The party lines of the minutes of @ev with its giver named @giver. */
static char *
giver_line (Fixture         *f,
            CdHandoverEvent *ev,
            const char      *giver)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdMinutes) m = NULL;
  CdEventPerson *p = g_ptr_array_index (ev->people, 0);

  g_assert_cmpstr (p->side, ==, "giver");
  g_free (p->name);
  p->name = g_strdup (giver);
  m = cd_minutes_new (f->store, ev, NULL, 0, &error);
  g_assert_no_error (error);
  return g_strdup (g_hash_table_lookup (m->ctx->values, "ben_giao"));
}

/* The box's Mẫu 07 addresses the unit's head by the gender the register
 * records for her, as it does the holders: "Bà" for Nữ, "Ông" for Nam,
 * "Ông/bà" only for a name the register does not know or holds twice. */
static void
test_head_form_of_address (Fixture *f, gconstpointer data)
{
  g_autoptr(GPtrArray) box = g_ptr_array_new_with_free_func ((GDestroyNotify) cd_token_free);
  g_autoptr(CdBoxPlan) plan = NULL;
  g_autoptr(CdUnit) unit = cd_store_get_unit (f->store);
  g_autoptr(CdStaff) huong = cd_test_staff_new ("Nguyễn Thị Hương", NULL, NULL, NULL);
  g_autoptr(CdStaff) tuan = cd_test_staff_new ("Phạm Minh Tuấn", NULL, NULL, NULL);
  g_autoptr(CdStaff) lan1 = cd_test_staff_new ("Trần Thị Lan", NULL, NULL, NULL);
  g_autoptr(CdStaff) lan2 = cd_test_staff_new ("Trần Thị Lan", NULL, NULL, NULL);
  g_autoptr(CdHandoverEvent) ev = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *today = cd_text_today_iso ();
  g_autofree char *pdf = g_build_filename (f->reg->dir, "hop.pdf", NULL);
  g_autofree char *line = NULL;
  const CdBoxItem *it;

  huong->gender = g_strdup ("Nữ");
  huong->position = g_strdup ("Hiệu trưởng");
  tuan->gender = g_strdup ("Nam");
  lan1->gender = g_strdup ("Nữ");
  lan2->gender = g_strdup ("Nữ");
  cd_test_save_staff (f->store, huong);
  cd_test_save_staff (f->store, tuan);
  cd_test_save_staff (f->store, lan1);
  cd_test_save_staff (f->store, lan2);
  g_free (unit->head_name);
  unit->head_name = g_strdup ("Nguyễn Thị Hương");
  g_free (unit->head_title);
  unit->head_title = g_strdup ("HIỆU TRƯỞNG");
  g_assert_true (cd_store_save_unit (f->store, unit, &error));
  g_assert_no_error (error);

  g_ptr_array_add (box, token_with ("BOX0001", "gov.der"));
  plan = cd_box_plan_make (f->store, NULL, 0, box);
  g_assert_cmpuint (plan->ready->len, ==, 1);
  g_assert_true (cd_box_hand_out (f->store, plan, today, pdf, FALSE, &error));
  g_assert_no_error (error);
  it = g_ptr_array_index (plan->ready, 0);
  ev = last_event (f, it->device_id);

  line = giver_line (f, ev, "Nguyễn Thị Hương");
  g_assert_nonnull (strstr (line, "\nBà: Nguyễn Thị Hương; chức vụ: Hiệu trưởng."));
  g_clear_pointer (&line, g_free);
  line = giver_line (f, ev, "Phạm Minh Tuấn");
  g_assert_nonnull (strstr (line, "\nÔng: Phạm Minh Tuấn;"));
  g_clear_pointer (&line, g_free);
  line = giver_line (f, ev, "Trần Thị Lan");
  g_assert_nonnull (strstr (line, "\nÔng/bà: Trần Thị Lan;"));
  g_clear_pointer (&line, g_free);
  line = giver_line (f, ev, "Đỗ Văn Khách");
  g_assert_nonnull (strstr (line, "\nÔng/bà: Đỗ Văn Khách;"));
}

static void
plan_cb (GObject *source, GAsyncResult *result, gpointer data)
{
  GError *error = NULL;
  CdBoxPlan **out = data;

  *out = cd_box_plan_make_finish (CD_STORE (source), result, &error);
  g_assert_no_error (error);
}

static void
hand_cb (GObject *source, GAsyncResult *result, gpointer data)
{
  GError *error = NULL;
  int *done = data;

  g_assert_true (cd_box_hand_out_finish (CD_STORE (source), result, &error));
  g_assert_no_error (error);
  *done = 1;
}

static void
test_async (Fixture *f, gconstpointer data)
{
  g_autoptr(GPtrArray) box = g_ptr_array_new_with_free_func ((GDestroyNotify) cd_token_free);
  g_autoptr(CdBoxPlan) plan = NULL;
  g_autofree char *today = cd_text_today_iso ();
  g_autofree char *pdf = g_build_filename (f->reg->dir, "hop.pdf", NULL);
  int done = 0;

  g_ptr_array_add (box, token_with ("BOX0001", "gov.der"));
  g_ptr_array_add (box, token_with ("BOX0003", "vnpt.der"));
  cd_box_plan_make_async (f->store, NULL, 0, box, NULL, plan_cb, &plan);
  while (plan == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (plan->ready->len, ==, 1);
  g_assert_cmpuint (plan->set_aside->len, ==, 1);
  cd_box_hand_out_async (f->store, plan, today, pdf, NULL, hand_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (g_file_test (pdf, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpuint (plan->event_ids->len, ==, 1);
}

int
main (int argc, char **argv)
{
  int status;

  cd_test_init (&argc, &argv);
  certs_dir = g_strdup (cd_test_certs_dir ());
  g_test_add ("/core/devices/box-handover/box", Fixture, NULL, setup, test_box, teardown);
  g_test_add ("/core/devices/box-handover/devices-in-stock", Fixture, NULL, setup,
              test_devices_in_stock, teardown);
  g_test_add ("/core/devices/box-handover/head-form-of-address", Fixture, NULL, setup,
              test_head_form_of_address, teardown);
  g_test_add ("/core/devices/box-handover/async", Fixture, NULL, setup, test_async, teardown);
  status = g_test_run ();
  g_free (certs_dir);
  return status;
}
