/* test-merger.c — a merger or a new name of the unit and the paperwork it
 * proposes (seed 004)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib.h>

#include "cd-batch.h"
#include "cd-device-link.h"
#include "cd-merger.h"
#include "cd-store.h"
#include "cd-test-fixture.h"
#include "cd-test-util.h"
#include "cd-wizard-draft.h"

#define DAY (24 * 3600)
#define GOV_CA "CA phục vụ các cơ quan Nhà nước G2"
#define OLD_NAME "Trường THCS Lê Lợi"

typedef struct {
  char    *tmp;
  CdStore *store;
  gint64   now;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CdUnit) unit = cd_unit_new ();

  f->tmp = cd_test_tmpdir ();
  path = g_build_filename (f->tmp, "certdesk.db", NULL);
  f->store = cd_store_open (path, &error);
  g_assert_no_error (error);
  f->now = g_get_real_time () / G_USEC_PER_SEC;
  unit->name = g_strdup (OLD_NAME);
  unit->parent_name = g_strdup ("Phòng GD&ĐT quận Lê Chân");
  unit->province = g_strdup ("Hải Phòng");
  unit->former_names = g_new0 (char *, 2);
  unit->former_names[0] = g_strdup ("Trường cấp 2 Lê Lợi");
  g_assert_true (cd_store_save_unit (f->store, unit, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  cd_test_rm_rf (f->tmp);
  g_free (f->tmp);
}

/* A certificate with @o and @cn in its subject, government unless
 * @issuer says otherwise, valid @days more (negative: expired). */
static gint64
add_cert (Fixture    *f,
          const char *serial,
          const char *cn,
          const char *o,
          const char *issuer,
          int         days)
{
  g_autoptr(CdCertificate) c = cd_certificate_new ();
  g_autoptr(GError) error = NULL;

  c->serial = g_strdup (serial);
  c->fingerprint = g_strdup_printf ("%64s", serial);
  for (char *p = c->fingerprint; *p; p++)
    if (*p == ' ')
      *p = '0';
  c->subject_cn = g_strdup (cn);
  c->subject_o = g_strdup (o);
  c->issuer_cn = g_strdup (issuer != NULL ? issuer : GOV_CA);
  if (issuer != NULL)
    c->provider = g_strdup ("VNPT");
  c->not_before = f->now - 400 * DAY;
  c->not_after = f->now + (gint64) days * DAY;
  g_assert_true (cd_store_save_certificate (f->store, c, &error));
  g_assert_no_error (error);
  return c->id;
}

static gint64
add_seal (Fixture    *f,
          const char *serial,
          const char *name)
{
  gint64 id = add_cert (f, serial, name, name, NULL, 500);
  g_autoptr(GError) error = NULL;

  g_assert_true (cd_store_set_certificate_holder (f->store, id, CD_CERT_HOLDER_UNIT, 0, &error));
  g_assert_no_error (error);
  return id;
}

static gint64
give (Fixture *f,
      gint64   cert_id,
      gint64   staff_id)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (cd_store_set_certificate_holder (f->store, cert_id, CD_CERT_HOLDER_PERSON, staff_id, &error));
  g_assert_no_error (error);
  return cert_id;
}

static CdMergerRequest *
request (const char *name,
         gint64      keep)
{
  CdMergerRequest *r = cd_merger_request_new ();

  r->new_name = g_strdup (name);
  r->keep_seal_id = keep;
  return r;
}

static gboolean
has_cert (GPtrArray *entries,
          gint64     cert_id)
{
  for (guint i = 0; i < entries->len; i++)
    if (((CdMergerEntry *) entries->pdata[i])->certificate_id == cert_id)
      return TRUE;
  return FALSE;
}

static void
test_rename_only (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdMergerRequest) req = request ("Trường THCS Lê Lợi - Ngô Quyền", 0);
  g_autoptr(CdMergerPlan) plan = NULL;
  g_autoptr(CdMergerPlan) done = NULL;
  g_autoptr(CdUnit) unit = NULL;
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(CdWizardDraft) draft = NULL;
  gint64 an = cd_test_add_staff (f->store, "Nguyễn Văn An", NULL, NULL, NULL);
  gint64 binh = cd_test_add_staff (f->store, "Trần Thị Bình", NULL, NULL, NULL);
  gint64 seal = add_seal (f, "0A01", "TRƯỜNG THCS LÊ LỢI");
  /* the name written in another case and tone placement still matches;
   * a former name too */
  gint64 c_an = give (f, add_cert (f, "0B01", "Nguyễn Văn An", "trường thcs lê lợi", NULL, 300), an);
  gint64 c_binh = give (f, add_cert (f, "0B02", "Trần Thị Bình", "Trường cấp 2 Lê Lợi", NULL, 300), binh);
  gint64 other = cd_test_add_staff (f->store, "Lê Văn Cường", NULL, NULL, NULL);
  gint64 c_other = give (f, add_cert (f, "0B03", "Lê Văn Cường", "Trường THPT Ngô Quyền", NULL, 300), other);

  plan = cd_merger_plan (f->store, req, f->now, &error);
  g_assert_no_error (error);
  g_assert_true (plan->renamed);
  g_assert_cmpint (plan->keep_seal_id, ==, seal);
  g_assert_cmpuint (plan->change->len, ==, 3);
  g_assert_true (has_cert (plan->change, seal));
  g_assert_true (has_cert (plan->change, c_an));
  g_assert_true (has_cert (plan->change, c_binh));
  g_assert_false (has_cert (plan->change, c_other));
  g_assert_cmpuint (plan->revoke->len, ==, 0);
  g_assert_cmpstr (cd_merger_plan_kind (plan), ==, "rename");

  done = cd_merger_apply (f->store, req, &error);
  g_assert_no_error (error);
  g_assert_cmpint (done->change_batch_id, >, 0);
  g_assert_cmpint (done->revoke_batch_id, ==, 0);

  unit = cd_store_get_unit (f->store);
  g_assert_cmpstr (unit->name, ==, "Trường THCS Lê Lợi - Ngô Quyền");
  /* former names extended, oldest first */
  g_assert_nonnull (unit->former_names);
  g_assert_cmpstr (unit->former_names[0], ==, "Trường cấp 2 Lê Lợi");
  g_assert_cmpstr (unit->former_names[1], ==, OLD_NAME);
  g_assert_null (unit->former_names[2]);

  history = cd_store_list_unit_history (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (history->len, ==, 1);
  {
    CdUnitHistory *h = history->pdata[0];
    g_assert_cmpstr (h->kind, ==, "rename");
    g_assert_cmpstr (h->old_name, ==, OLD_NAME);
    g_assert_cmpstr (h->new_name, ==, "Trường THCS Lê Lợi - Ngô Quyền");
    g_assert_nonnull (h->date);
  }

  /* the thay đổi list is a draft batch with the seal's row kept too */
  draft = cd_batch_load (f->store, done->change_batch_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (draft->kind, ==, "thay-doi");
  g_assert_cmpint (draft->status, ==, CD_BATCH_DRAFT);
  g_assert_cmpuint (draft->items->len, ==, 3);
  for (guint i = 0; i < draft->items->len; i++)
    {
      CdWizardItem *item = draft->items->pdata[i];
      g_assert_nonnull (item->change_note);
      g_assert_nonnull (strstr (item->change_note, "Ngô Quyền"));
    }

  /* A second rename finds the old names, the first one's included. */
  {
    g_autoptr(CdMergerRequest) again = request ("Trường THCS Hồng Bàng", 0);
    g_autoptr(CdMergerPlan) p2 = cd_merger_plan (f->store, again, f->now, &error);
    g_assert_no_error (error);
    g_assert_true (has_cert (p2->change, c_an));
    g_assert_true (has_cert (p2->change, c_binh));
  }
}

static void
test_merger_two_seals (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdMergerPlan) plan = NULL;
  g_autoptr(CdMergerRequest) req = NULL;
  g_autoptr(CdWizardDraft) draft = NULL;
  g_autoptr(GPtrArray) history = NULL;
  gint64 seal_a = add_seal (f, "0A01", OLD_NAME);
  gint64 seal_b = add_seal (f, "0A02", "Trường THCS Ngô Quyền");
  /* an expired seal is neither kept nor revoked */
  gint64 seal_old = add_cert (f, "0A03", "Trường THCS An Dương", NULL, NULL, -10);

  g_assert_true (cd_store_set_certificate_holder (f->store, seal_old, CD_CERT_HOLDER_UNIT, 0, &error));
  /* several seals, none chosen: refused */
  req = request ("Trường THCS Lê Lợi - Ngô Quyền", 0);
  plan = cd_merger_plan (f->store, req, f->now, &error);
  g_assert_error (error, CD_MERGER_ERROR, CD_MERGER_ERROR_PICK_SEAL);
  g_assert_null (plan);
  g_clear_error (&error);
  /* a seal that is not live cannot survive */
  req->keep_seal_id = seal_old;
  plan = cd_merger_plan (f->store, req, f->now, &error);
  g_assert_error (error, CD_MERGER_ERROR, CD_MERGER_ERROR_NO_SUCH_SEAL);
  g_clear_error (&error);

  req->keep_seal_id = seal_b;
  plan = cd_merger_apply (f->store, req, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (plan->change->len, ==, 1);
  g_assert_true (has_cert (plan->change, seal_b));
  g_assert_cmpuint (plan->revoke->len, ==, 1);
  g_assert_true (has_cert (plan->revoke, seal_a));
  g_assert_false (has_cert (plan->revoke, seal_old));
  g_assert_cmpstr (cd_merger_plan_kind (plan), ==, "merge");

  draft = cd_batch_load (f->store, plan->revoke_batch_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (draft->kind, ==, "thu-hoi");
  g_assert_cmpuint (draft->items->len, ==, 1);
  g_assert_cmpint (((CdWizardItem *) draft->items->pdata[0])->certificate_id, ==, seal_a);
  g_assert_cmpint (((CdWizardItem *) draft->items->pdata[0])->staff_id, ==, 0);
  g_assert_nonnull (strstr (((CdWizardItem *) draft->items->pdata[0])->reason, "Ngô Quyền"));

  history = cd_store_list_unit_history (f->store, &error);
  g_assert_cmpuint (history->len, ==, 1);
  g_assert_cmpstr (((CdUnitHistory *) history->pdata[0])->kind, ==, "merge");

  /* Done on the revocation list revokes the other seal and nothing else. */
  g_assert_true (cd_batch_set_status (f->store, plan->revoke_batch_id, CD_BATCH_DONE, NULL, NULL, &error));
  g_assert_no_error (error);
  {
    g_autoptr(CdCertificate) a = cd_store_get_certificate (f->store, seal_a, &error);
    g_autoptr(CdCertificate) b = cd_store_get_certificate (f->store, seal_b, &error);
    g_assert_true (a->revoked);
    g_assert_false (b->revoked);
  }
}

static void
test_gov_and_commercial (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdMergerRequest) req = request ("Trường THCS Lê Lợi - Ngô Quyền", 0);
  g_autoptr(CdMergerPlan) plan = NULL;
  gint64 an = cd_test_add_staff (f->store, "Nguyễn Văn An", NULL, NULL, NULL);
  gint64 gov = give (f, add_cert (f, "0B01", "Nguyễn Văn An", OLD_NAME, NULL, 300), an);
  gint64 vnpt = give (f, add_cert (f, "0B02", "Nguyễn Văn An", OLD_NAME,
                                   "VNPT Certification Authority", 700), an);

  plan = cd_merger_plan (f->store, req, f->now, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (plan->change->len, ==, 1);
  g_assert_true (has_cert (plan->change, gov));
  g_assert_false (has_cert (plan->change, vnpt));
  g_assert_cmpuint (plan->left_out->len, ==, 1);
  g_assert_true (has_cert (plan->left_out, vnpt));
  g_assert_cmpint (((CdMergerEntry *) plan->change->pdata[0])->staff_id, ==, an);
  g_assert_cmpstr (((CdMergerEntry *) plan->change->pdata[0])->holder_name, ==, "Nguyễn Văn An");
}

static void
test_expired_revoked (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdMergerRequest) req = request ("Trường THCS Lê Lợi - Ngô Quyền", 0);
  g_autoptr(CdMergerPlan) plan = NULL;
  gint64 an = cd_test_add_staff (f->store, "Nguyễn Văn An", NULL, NULL, NULL);
  gint64 binh = cd_test_add_staff (f->store, "Trần Thị Bình", NULL, NULL, NULL);
  gint64 expired = give (f, add_cert (f, "0B01", "Nguyễn Văn An", OLD_NAME, NULL, -3), an);
  gint64 revoked = give (f, add_cert (f, "0B02", "Trần Thị Bình", OLD_NAME, NULL, 300), binh);

  g_assert_true (cd_store_revoke_certificate (f->store, revoked, "2026-01-02", "Nghỉ hưu", &error));
  g_assert_no_error (error);
  plan = cd_merger_plan (f->store, req, f->now, &error);
  g_assert_no_error (error);
  g_assert_false (has_cert (plan->change, expired));
  g_assert_false (has_cert (plan->change, revoked));
  g_assert_cmpuint (plan->change->len, ==, 0);
}

static void
test_nothing (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdMergerRequest) req = request ("TRƯỜNG THCS LÊ LỢI", 0);
  g_autoptr(CdMergerPlan) plan = cd_merger_plan (f->store, req, f->now, &error);

  g_assert_error (error, CD_MERGER_ERROR, CD_MERGER_ERROR_NOTHING);
  g_assert_null (plan);
}

static void
test_bad_email (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdMergerRequest) req = request ("Trường THCS Lê Lợi - Ngô Quyền", 0);
  g_autoptr(CdMergerPlan) plan = NULL;
  g_autoptr(CdUnit) unit = NULL;

  req->new_email = g_strdup ("not an email");
  plan = cd_merger_plan (f->store, req, f->now, &error);
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID);
  g_assert_null (plan);
  g_clear_error (&error);
  plan = cd_merger_apply (f->store, req, &error);
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID);
  g_assert_null (plan);
  /* nothing written */
  unit = cd_store_get_unit (f->store);
  g_assert_cmpstr (unit->name, ==, OLD_NAME);
}

static void
apply_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  CdMergerPlan **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = cd_merger_apply_finish (CD_STORE (source), result, &error);
  g_assert_no_error (error);
}

static void
test_async (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(CdMergerRequest) req = request ("Trường THCS Lê Lợi - Ngô Quyền", 0);
  g_autoptr(CdMergerPlan) plan = NULL;
  g_autoptr(CdUnit) unit = NULL;

  req->new_email = g_strdup ("c2leloingoquyen@haiphong.edu.vn");
  add_seal (f, "0A01", OLD_NAME);
  cd_merger_apply_async (f->store, req, NULL, apply_cb, &plan);
  while (plan == NULL)
    g_main_context_iteration (NULL, TRUE);
  unit = cd_store_get_unit (f->store);
  g_assert_cmpstr (unit->name, ==, "Trường THCS Lê Lợi - Ngô Quyền");
  g_assert_cmpstr (unit->email, ==, "c2leloingoquyen@haiphong.edu.vn");
  g_assert_cmpuint (plan->change->len, ==, 1);
}

/* A person's change of content names the device the certificate is
 * linked to, or none: not her old token holding an expired certificate
 * nor her new blank one (issue 16). */
static void
test_device_of_certificate (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdMergerRequest) req = request ("Trường THCS Lê Lợi - Ngô Quyền", 0);
  g_autoptr(CdMergerPlan) plan = NULL;
  gint64 ha = cd_test_add_staff (f->store, "Bùi Thị Hà", NULL, NULL, NULL);
  gint64 old = give (f, add_cert (f, "0C01", "Bùi Thị Hà", OLD_NAME, NULL, -20), ha);
  gint64 cur = give (f, add_cert (f, "0C02", "Bùi Thị Hà", OLD_NAME, NULL, 300), ha);
  gint64 tokens[2];

  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(CdDevice) d = cd_device_new ();

      d->token_serial = g_strdup_printf ("B4ID00000%u", i + 1);
      d->type = g_strdup ("TOKEN");
      d->holder_id = ha;
      g_assert_true (cd_store_save_device (f->store, d, &error));
      g_assert_no_error (error);
      tokens[i] = d->id;
    }
  g_assert_true (cd_devices_link_certificate (f->store, tokens[0], old, &error));
  g_assert_no_error (error);

  plan = cd_merger_plan (f->store, req, f->now, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (plan->change->len, ==, 1);
  g_assert_cmpint (((CdMergerEntry *) plan->change->pdata[0])->certificate_id, ==, cur);
  g_assert_cmpint (((CdMergerEntry *) plan->change->pdata[0])->device_id, ==, 0);
  g_clear_pointer (&plan, cd_merger_plan_free);

  g_assert_true (cd_devices_link_certificate (f->store, tokens[1], cur, &error));
  g_assert_no_error (error);
  plan = cd_merger_plan (f->store, req, f->now, &error);
  g_assert_no_error (error);
  g_assert_cmpint (((CdMergerEntry *) plan->change->pdata[0])->device_id, ==, tokens[1]);
}

int
main (int argc, char **argv)
{
  cd_test_init (&argc, &argv);
#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("/core/wizard/merger/rename-only", test_rename_only);
  ADD ("/core/wizard/merger/two-seals", test_merger_two_seals);
  ADD ("/core/wizard/merger/gov-and-commercial", test_gov_and_commercial);
  ADD ("/core/wizard/merger/expired-revoked", test_expired_revoked);
  ADD ("/core/wizard/merger/nothing", test_nothing);
  ADD ("/core/wizard/merger/async", test_async);
  ADD ("/core/wizard/merger/bad-email", test_bad_email);
  ADD ("/core/wizard/merger/device-of-certificate", test_device_of_certificate);
#undef ADD
  return g_test_run ();
}
