/* test-token-register.c — a token whose certificate belongs to someone
 * becomes that person's device; one that is nobody's stays unregistered
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <sqlite3.h>

#include "cd-device-register.h"
#include "cd-handover-notice.h"
#include "cd-test-fixture.h"
#include "cd-test-util.h"
#include "cd-text.h"
#include "cd-token-notice.h"
#include "cd-token-register.h"
#include "cd-x509.h"

static char *certs_dir;

typedef struct {
  CdTestRegister *reg;
  const char     *dir;     /* the register's */
  CdStore        *store;   /* the register's */
  gint64          nhung;
} Fixture;

static void
setup (Fixture *f, gconstpointer data)
{
  f->reg = cd_test_register_new (0, CD_TEST_REGISTER_STAFF);
  f->dir = f->reg->dir;
  f->store = f->reg->store;
  f->nhung = cd_test_add_staff (f->store, "Nguyễn Thị Hồng Nhung", NULL, NULL,
                                "nhungnth@haiphong.edu.vn");
}

static void
teardown (Fixture *f, gconstpointer data)
{
  g_clear_pointer (&f->reg, cd_test_register_free);
}

/* A token as the monitor reports it, holding the certificates of the
 * files @names. */
static CdToken *
token_with (const char *serial, const char * const *names)
{
  CdToken *t = g_new0 (CdToken, 1);

  t->serial = g_strdup (serial);
  t->label = g_strdup ("Token GUI");
  t->manufacturer = g_strdup ("Bit4id");
  t->model = g_strdup ("TokenME EVO v2");
  t->certificates = g_ptr_array_new_with_free_func ((GDestroyNotify) cd_certificate_free);
  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *path = g_build_filename (certs_dir, names[i], NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) certs = cd_x509_load_file (path, &error);

      g_assert_no_error (error);
      g_ptr_array_add (t->certificates, g_ptr_array_steal_index (certs, 0));
    }
  return t;
}

static void
test_holder_device (Fixture *f, gconstpointer data)
{
  /* Nobody's certificate first: the holder's still decides. */
  const char *names[] = { "expiring.der", "gov.der", NULL };
  g_autoptr(CdToken) t = token_with ("B4ID2026000009", names);
  g_autoptr(CdTokenRegistration) reg = cd_token_register (f->store, t);
  g_autoptr(CdTokenRegistration) again = NULL;
  g_autoptr(CdDevice) d = NULL;
  g_autoptr(CdCertificate) c = NULL;
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(CdHandoverNotice) notice = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  g_autofree char *today = cd_text_today_iso ();

  g_assert_cmpuint (reg->errors->len, ==, 0);
  g_assert_cmpint (reg->holder_id, ==, f->nhung);
  g_assert_cmpint (reg->device_id, >, 0);
  c = cd_store_get_certificate (f->store, reg->cert_id, NULL);
  g_assert_cmpint (c->staff_id, ==, f->nhung);
  g_assert_cmpint (c->source, ==, CD_CERT_SOURCE_TOKEN);

  d = cd_store_find_device_by_serial (f->store, "B4ID2026000009");
  g_assert_nonnull (d);
  g_assert_cmpint (d->id, ==, reg->device_id);
  g_assert_cmpint (d->holder_id, ==, f->nhung);
  g_assert_cmpstr (d->status, ==, "with_holder");
  g_assert_cmpstr (d->type, ==, "TOKEN");
  g_assert_cmpstr (d->model, ==, "TokenME EVO v2");

  /* Its holder had it before it was registered, on a day the token does
   * not tell: the events say so, undated, as --add-device --holder-cccd
   * records them, and no period's notice to the Cục lists it. */
  history = cd_devices_history (f->store, d->id, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (history->len, ==, 2);
  g_assert_cmpint (((CdHandoverEvent *) history->pdata[0])->kind, ==, CD_HANDOVER_RECEIVE);
  g_assert_null (((CdHandoverEvent *) history->pdata[0])->date);
  g_assert_cmpint (((CdHandoverEvent *) history->pdata[1])->kind, ==, CD_HANDOVER_HAND_TO_HOLDER);
  g_assert_null (((CdHandoverEvent *) history->pdata[1])->date);
  g_assert_cmpint (((CdHandoverEvent *) history->pdata[1])->staff_id, ==, f->nhung);
  title = cd_handover_event_title (history->pdata[1], " — ");
  g_assert_cmpstr (title, ==, "Đang giữ từ trước khi đăng ký (không rõ ngày bàn giao)");
  notice = cd_handover_notice_new (f->store, "2000-01-01", today, today, &error);
  g_assert_null (notice);
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Plugged in again: the device is the register's already. */
  again = cd_token_register (f->store, t);
  g_assert_cmpint (again->holder_id, ==, f->nhung);
  g_assert_cmpint (again->device_id, ==, 0);
}

static void
test_nobodys_token (Fixture *f, gconstpointer data)
{
  const char *names[] = { "expiring.der", NULL };
  g_autoptr(CdToken) t = token_with ("B4ID2026000010", names);
  g_autoptr(CdTokenRegistration) reg = cd_token_register (f->store, t);
  g_autoptr(CdDevice) d = cd_store_find_device_by_serial (f->store, "B4ID2026000010");

  g_assert_cmpint (reg->holder_id, ==, 0);
  g_assert_cmpint (reg->cert_id, >, 0);   /* stored, for the clerk to link */
  g_assert_cmpint (reg->device_id, ==, 0);
  g_assert_null (d);
}

/* The one-stop desk's token: the service's device, in the unit's stock
 * until it is handed to a duty officer; the seal's token is the unit's. */
static void
test_service_and_seal_tokens (Fixture *f, gconstpointer data)
{
  const char *desk_names[] = { "onestop.der", NULL };
  const char *seal_names[] = { "seal.der", NULL };
  g_autoptr(CdService) desk = cd_service_new ();
  g_autoptr(CdUnit) unit = cd_store_get_unit (f->store);
  g_autoptr(CdToken) t = token_with ("B4ID2026000020", desk_names);
  g_autoptr(CdToken) s = token_with ("B4ID2026000021", seal_names);
  g_autoptr(CdTokenRegistration) reg = NULL;
  g_autoptr(CdTokenRegistration) sreg = NULL;
  g_autoptr(CdDevice) d = NULL;
  g_autoptr(CdDevice) sd = NULL;
  g_autoptr(CdCertificate) c = NULL;
  g_autoptr(GError) error = NULL;

  desk->name = g_strdup ("Bộ phận Một cửa");
  g_assert_true (cd_store_save_service (f->store, desk, &error));
  g_assert_no_error (error);
  g_free (unit->name);
  unit->name = g_strdup ("Trường THCS Lê Lợi");
  g_assert_true (cd_store_save_unit (f->store, unit, &error));
  g_assert_no_error (error);

  reg = cd_token_register (f->store, t);
  g_assert_cmpuint (reg->errors->len, ==, 0);
  g_assert_cmpint (reg->holder_id, ==, 0);
  g_assert_cmpint (reg->device_id, >, 0);
  d = cd_store_get_device (f->store, reg->device_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (d->service_id, ==, desk->id);
  g_assert_cmpint (d->holder_id, ==, 0);
  g_assert_cmpstr (d->status, ==, "in_stock");
  c = cd_store_get_certificate (f->store, reg->cert_id, &error);
  g_assert_cmpint (c->holder_kind, ==, CD_CERT_HOLDER_SERVICE);
  g_assert_cmpint (c->device_id, ==, d->id);

  sreg = cd_token_register (f->store, s);
  g_assert_cmpuint (sreg->errors->len, ==, 0);
  g_assert_cmpint (sreg->device_id, >, 0);
  sd = cd_store_get_device (f->store, sreg->device_id, &error);
  g_assert_cmpint (sd->service_id, ==, 0);
  g_assert_cmpint (sd->holder_id, ==, 0);
  g_assert_cmpstr (sd->status, ==, "in_stock");

  /* Both were in the unit before they were registered, on a day nobody
   * knows: their history says so (it once said "no event yet"). */
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(GPtrArray) history = cd_devices_history (f->store, i == 0 ? d->id : sd->id, 0, &error);
      g_autofree char *title = NULL;

      g_assert_no_error (error);
      g_assert_cmpuint (history->len, ==, 1);
      g_assert_cmpint (((CdHandoverEvent *) history->pdata[0])->kind, ==, CD_HANDOVER_RECEIVE);
      g_assert_null (((CdHandoverEvent *) history->pdata[0])->date);
      title = cd_handover_event_title (history->pdata[0], " — ");
      g_assert_cmpstr (title, ==, "Đơn vị đã có từ trước khi đăng ký (không rõ ngày tiếp nhận)");
    }
}

static void
test_empty_token (Fixture *f, gconstpointer data)
{
  const char *names[] = { NULL };
  g_autoptr(CdToken) t = token_with ("B4ID2026000011", names);
  g_autoptr(CdTokenRegistration) reg = cd_token_register (f->store, t);

  g_assert_cmpint (reg->cert_id, ==, 0);
  g_assert_cmpint (reg->holder_id, ==, 0);
  g_assert_cmpuint (reg->errors->len, ==, 0);
}

static guint
count_locked_events (Fixture *f,
                     gint64   device_id)
{
  g_autoptr(GPtrArray) history = cd_devices_history (f->store, device_id, 0, NULL);
  guint n = 0;

  g_assert_nonnull (history);
  for (guint i = 0; i < history->len; i++)
    n += ((CdHandoverEvent *) g_ptr_array_index (history, i))->kind == CD_HANDOVER_MARK_LOCKED;
  return n;
}

/* Seen locked: the device gets the clerk's own "mark locked", once; a
 * token that reports its PIN fine afterwards leaves the mark. */
static void
test_locked_token (Fixture *f, gconstpointer data)
{
  const char *names[] = { "gov.der", NULL };
  g_autoptr(CdToken) t = token_with ("B4ID2026000012", names);
  g_autoptr(CdTokenRegistration) reg = NULL;
  g_autoptr(CdTokenRegistration) again = NULL;
  g_autoptr(CdTokenRegistration) fine = NULL;
  g_autoptr(CdDevice) d = NULL;
  g_autoptr(CdDevice) after = NULL;
  g_autoptr(GPtrArray) history = NULL;
  CdHandoverEvent *ev;

  t->pin_state = CD_TOKEN_PIN_LOCKED;
  reg = cd_token_register (f->store, t);
  g_assert_cmpuint (reg->errors->len, ==, 0);
  g_assert_cmpint (reg->holder_id, ==, f->nhung);
  g_assert_true (reg->marked_locked);
  d = cd_store_find_device_by_serial (f->store, "B4ID2026000012");
  g_assert_nonnull (d);
  g_assert_cmpstr (d->status, ==, "locked");
  g_assert_cmpint (d->holder_id, ==, f->nhung);
  history = cd_devices_history (f->store, d->id, 0, NULL);
  /* Held before it was registered (undated), then seen locked. */
  g_assert_cmpuint (history->len, ==, 3);
  ev = g_ptr_array_index (history, 2);
  g_assert_cmpint (ev->kind, ==, CD_HANDOVER_MARK_LOCKED);
  g_assert_cmpint (ev->staff_id, ==, f->nhung);
  g_assert_nonnull (strstr (ev->note, "PIN"));

  /* Still locked at the next plug: no second event. */
  again = cd_token_register (f->store, t);
  g_assert_false (again->marked_locked);
  g_assert_cmpuint (again->errors->len, ==, 0);
  g_assert_cmpuint (count_locked_events (f, d->id), ==, 1);

  /* Reporting fine does not clear it: only the provider's restoring does. */
  t->pin_state = CD_TOKEN_PIN_OK;
  fine = cd_token_register (f->store, t);
  g_assert_false (fine->marked_locked);
  after = cd_store_find_device_by_serial (f->store, "B4ID2026000012");
  g_assert_cmpstr (after->status, ==, "locked");
}

/* A device the clerk marked locked by hand keeps the mark when its
 * token (a driver that never sets the flags) reports its PIN fine; the
 * final try alone marks nothing. */
static void
test_manual_mark_kept (Fixture *f, gconstpointer data)
{
  const char *names[] = { "gov.der", NULL };
  g_autoptr(CdToken) t = token_with ("B4ID2026000013", names);
  g_autoptr(CdTokenRegistration) reg = NULL;
  g_autoptr(CdTokenRegistration) fine = NULL;
  g_autoptr(CdHandoverEvent) ev = NULL;
  g_autoptr(CdDevice) d = NULL;
  g_autoptr(CdDevice) after = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *today = cd_text_today_iso ();

  t->pin_state = CD_TOKEN_PIN_FINAL_TRY;
  reg = cd_token_register (f->store, t);
  g_assert_false (reg->marked_locked);
  d = cd_store_find_device_by_serial (f->store, "B4ID2026000013");
  g_assert_cmpstr (d->status, ==, "with_holder");

  ev = cd_handover_event_new (CD_HANDOVER_MARK_LOCKED, today);
  ev->device_id = d->id;
  g_assert_true (cd_devices_apply (f->store, ev, 0, &error));
  g_assert_no_error (error);

  t->pin_state = CD_TOKEN_PIN_OK;
  fine = cd_token_register (f->store, t);
  g_assert_false (fine->marked_locked);
  g_assert_cmpuint (fine->errors->len, ==, 0);
  after = cd_store_find_device_by_serial (f->store, "B4ID2026000013");
  g_assert_cmpstr (after->status, ==, "locked");
  g_assert_cmpuint (count_locked_events (f, d->id), ==, 1);
}

/* Every certificate stored from a token records the token's device, the
 * first time (the device is made after the certificates) and later. */
static void
test_certificates_on_device (Fixture *f, gconstpointer data)
{
  const char *names[] = { "expiring.der", "gov.der", NULL };
  g_autoptr(CdToken) t = token_with ("B4ID2026000020", names);
  g_autoptr(CdTokenRegistration) reg = cd_token_register (f->store, t);
  g_autoptr(CdTokenRegistration) again = NULL;

  g_assert_cmpuint (reg->errors->len, ==, 0);
  g_assert_cmpint (reg->device_id, >, 0);
  g_assert_false (reg->serial_updated);
  for (guint i = 0; i < t->certificates->len; i++)
    {
      CdCertificate *c = g_ptr_array_index (t->certificates, i);
      g_autoptr(CdCertificate) stored = cd_store_find_certificate_by_fingerprint (f->store, c->fingerprint);

      g_assert_nonnull (stored);
      g_assert_cmpint (stored->device_id, ==, reg->device_id);
    }
  again = cd_token_register (f->store, t);
  g_assert_cmpuint (again->errors->len, ==, 0);
  g_assert_false (again->serial_updated);
}

static guint
count_devices (Fixture *f)
{
  g_autoptr(GPtrArray) all = cd_store_list_devices (f->store, NULL);
  return all->len;
}

static guint
count_audit (Fixture *f, const char *where)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM audit_log WHERE %s", where);
  sqlite3_stmt *st = NULL;
  guint n;

  g_assert_cmpint (sqlite3_prepare_v2 (cd_store_get_db (f->store), sql, -1, &st, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (st), ==, SQLITE_ROW);
  n = (guint) sqlite3_column_int (st, 0);
  sqlite3_finalize (st);
  return n;
}

/* A driver update reports the token's serial and label differently: the
 * certificates on it say which device it is; no second device, the new
 * serial and label recorded and audited. */
static void
test_serial_changed (Fixture *f, gconstpointer data)
{
  const char *names[] = { "gov.der", NULL };
  g_autoptr(CdToken) t = token_with ("B4ID2026000021", names);
  g_autoptr(CdToken) updated = token_with ("0000B4ID2026000021", names);
  g_autoptr(CdTokenRegistration) reg = cd_token_register (f->store, t);
  g_autoptr(CdTokenRegistration) again = NULL;
  g_autoptr(CdTokenRegistration) third = NULL;
  g_autoptr(CdDevice) d = NULL;
  guint audits;

  g_assert_cmpint (reg->device_id, >, 0);
  g_assert_cmpuint (count_devices (f), ==, 1);
  audits = count_audit (f, "entity = 'device' AND action = 'update'");

  g_free (updated->label);
  updated->label = g_strdup ("TokenME v3");
  again = cd_token_register (f->store, updated);
  g_assert_cmpuint (again->errors->len, ==, 0);
  g_assert_true (again->serial_updated);
  g_assert_cmpint (again->device_id, ==, 0);
  g_assert_cmpint (again->holder_id, ==, f->nhung);
  g_assert_cmpuint (count_devices (f), ==, 1);
  g_assert_null (cd_store_find_device_by_serial (f->store, "B4ID2026000021"));
  d = cd_store_find_device_by_serial (f->store, "0000B4ID2026000021");
  g_assert_nonnull (d);
  g_assert_cmpint (d->id, ==, reg->device_id);
  g_assert_cmpstr (d->label, ==, "TokenME v3");
  g_assert_cmpint (d->holder_id, ==, f->nhung);
  g_assert_cmpuint (count_audit (f, "entity = 'device' AND action = 'update'"), ==, audits + 1);

  /* Found by its new serial from now on. */
  third = cd_token_register (f->store, updated);
  g_assert_false (third->serial_updated);
  g_assert_cmpuint (count_devices (f), ==, 1);
}

/* A certificate recorded on a SIM is not a token under another serial. */
static void
test_sim_not_taken (Fixture *f, gconstpointer data)
{
  const char *names[] = { "gov.der", NULL };
  g_autoptr(CdToken) t = token_with ("B4ID2026000022", names);
  g_autoptr(CdDevice) sim = cd_device_new ();
  g_autoptr(CdCertificate) c = NULL;
  g_autoptr(CdTokenRegistration) reg = NULL;
  g_autoptr(GError) error = NULL;
  CdCertificate *on_token = g_ptr_array_index (t->certificates, 0);

  sim->token_serial = g_strdup ("8984048000000000001");
  sim->type = g_strdup ("SIM");
  sim->carrier = g_strdup ("Viettel");
  sim->phone = g_strdup ("0912345678");
  g_assert_true (cd_store_save_device (f->store, sim, &error));
  g_assert_no_error (error);
  c = cd_certificate_copy (on_token);
  c->device_id = sim->id;
  g_assert_true (cd_store_save_certificate (f->store, c, &error));
  g_assert_no_error (error);

  reg = cd_token_register (f->store, t);
  g_assert_false (reg->serial_updated);
  g_assert_cmpint (reg->device_id, >, 0);
  g_assert_cmpint (reg->device_id, !=, sim->id);
  g_assert_cmpuint (count_devices (f), ==, 2);
}

/* What the clerk is told of a plugged token (issue 16: a revoked
 * certificate was shown as "còn 499 ngày"). */
static CdTokenNotice *
notice_for (Fixture *f, CdToken *t)
{
  g_autoptr(CdTokenRegistration) reg = cd_token_register (f->store, t);

  g_assert_cmpuint (reg->errors->len, ==, 0);
  return cd_token_notice_new (f->store, t, reg, g_get_real_time () / G_USEC_PER_SEC, 60);
}

static void
test_notice_states (Fixture *f, gconstpointer data)
{
  const char *gov[] = { "gov.der", NULL };
  const char *nobody[] = { "expiring.der", NULL };
  g_autoptr(CdToken) t = token_with ("B4ID2026000021", gov);
  g_autoptr(CdToken) stray = token_with ("B4ID2026000022", nobody);
  g_autoptr(CdTokenNotice) valid = notice_for (f, t);
  g_autoptr(CdTokenNotice) revoked = NULL;
  g_autoptr(CdTokenNotice) locked = NULL;
  g_autoptr(CdTokenNotice) unlinked = notice_for (f, stray);
  g_autoptr(GError) error = NULL;
  g_autoptr(CdTokenRegistration) reg = cd_token_register (f->store, t);

  g_assert_false (valid->needs_action);
  g_assert_cmpint (valid->staff_id, ==, f->nhung);
  g_assert_nonnull (strstr (valid->text, "Nguyễn Thị Hồng Nhung"));
  g_assert_nonnull (strstr (valid->text, "còn "));

  g_assert_true (unlinked->needs_action);
  g_assert_cmpint (unlinked->cert_id, >, 0);
  g_assert_cmpint (unlinked->staff_id, ==, 0);
  g_assert_nonnull (strstr (unlinked->text, "chưa gắn với cán bộ nào"));

  /* Revoked years before its end date: revoked, not "còn N ngày". */
  g_assert_true (cd_store_revoke_certificate (f->store, reg->cert_id, "2026-01-02", "thôi việc", &error));
  g_assert_no_error (error);
  revoked = notice_for (f, t);
  g_assert_true (revoked->needs_action);
  g_assert_nonnull (strstr (revoked->text, "đã thu hồi"));
  g_assert_null (strstr (revoked->text, "còn "));

  t->pin_state = CD_TOKEN_PIN_LOCKED;
  locked = notice_for (f, t);
  g_assert_true (locked->needs_action);
  g_assert_nonnull (strstr (locked->text, "khôi phục"));
}

static CdTokenNotice *
plain_notice (const char *text, gboolean needs_action)
{
  CdTokenNotice *n = g_new0 (CdTokenNotice, 1);

  n->text = g_strdup (text);
  n->needs_action = needs_action;
  return n;
}

/* The tokens plugged at start-up: one sentence, those needing the clerk
 * first (the window showed one ten-second toast per token). */
static void
test_notice_summary (Fixture *f, gconstpointer data)
{
  g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func ((GDestroyNotify) cd_token_notice_free);
  g_autofree char *none = NULL;
  g_autofree char *calm = NULL;
  g_autofree char *two = NULL;
  g_autofree char *four = NULL;
  guint n_action = 99;

  none = cd_token_notice_summarize (all, &n_action);
  g_assert_null (none);
  g_assert_cmpuint (n_action, ==, 0);

  g_ptr_array_add (all, plain_notice ("Token của A · còn 300 ngày", FALSE));
  g_ptr_array_add (all, plain_notice ("Token của B · còn 200 ngày", FALSE));
  calm = cd_token_notice_summarize (all, &n_action);
  g_assert_cmpuint (n_action, ==, 0);
  g_assert_cmpstr (calm, ==, "Đã đọc 2 USB token. Không có token nào cần xử lý.");

  g_ptr_array_add (all, plain_notice ("Token của C · đã thu hồi", TRUE));
  g_ptr_array_add (all, plain_notice ("Token của D · bị khóa PIN", TRUE));
  two = cd_token_notice_summarize (all, &n_action);
  g_assert_cmpuint (n_action, ==, 2);
  g_assert_cmpstr (two, ==, "Đã đọc 4 USB token. 2 token cần xử lý: Token của C · đã thu hồi; Token của D · bị khóa PIN");

  g_ptr_array_add (all, plain_notice ("Token E", TRUE));
  g_ptr_array_add (all, plain_notice ("Token F", TRUE));
  four = cd_token_notice_summarize (all, &n_action);
  g_assert_cmpuint (n_action, ==, 4);
  g_assert_true (g_str_has_suffix (four, "Token của D · bị khóa PIN (và 2 token khác: xem Thiết bị)"));
  g_assert_null (strstr (four, "Token E"));
}

int
main (int argc, char **argv)
{
  int status;

  cd_test_init (&argc, &argv);
  certs_dir = g_strdup (cd_test_certs_dir ());

  g_test_add ("/core/devices/token-register/holder-device", Fixture, NULL, setup, test_holder_device, teardown);
  g_test_add ("/core/devices/token-register/nobodys-token", Fixture, NULL, setup, test_nobodys_token, teardown);
  g_test_add ("/core/devices/token-register/empty-token", Fixture, NULL, setup, test_empty_token, teardown);
  g_test_add ("/core/devices/token-register/service-and-seal", Fixture, NULL, setup,
              test_service_and_seal_tokens, teardown);
  g_test_add ("/core/devices/token-register/locked-token", Fixture, NULL, setup, test_locked_token, teardown);
  g_test_add ("/core/devices/token-notice/states", Fixture, NULL, setup, test_notice_states, teardown);
  g_test_add ("/core/devices/token-notice/summary", Fixture, NULL, setup, test_notice_summary, teardown);
  g_test_add ("/core/devices/token-register/manual-mark-kept", Fixture, NULL, setup, test_manual_mark_kept, teardown);
  g_test_add ("/core/devices/token-register/certificates-on-device", Fixture, NULL, setup,
              test_certificates_on_device, teardown);
  g_test_add ("/core/devices/token-register/serial-changed", Fixture, NULL, setup, test_serial_changed, teardown);
  g_test_add ("/core/devices/token-register/sim-not-taken", Fixture, NULL, setup, test_sim_not_taken, teardown);
  status = g_test_run ();
  g_free (certs_dir);
  return status;
}
