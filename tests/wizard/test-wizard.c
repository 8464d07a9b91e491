/* test-wizard.c — the rules of the request and revocation wizards, on a
 * prepared register in an SQLite file on disk (the lists they fill from
 * templates and the Sở's forms: test-wizard-form.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <sqlite3.h>

#include "cd-device-register.h"
#include "cd-docx.h"
#include "cd-store.h"
#include "cd-test-util.h"
#include "cd-batch.h"
#include "cd-wizard-check.h"
#include "cd-wizard-draft.h"
#include "cd-wizard-generate.h"
#include "cd-wizard-preview.h"
#include "cd-wizard-suggest.h"
#include "wizard-fixture.h"

static CdWizardItem *
item_of (GPtrArray *items, gint64 staff_id)
{
  for (guint i = 0; i < items->len; i++)
    if (((CdWizardItem *) g_ptr_array_index (items, i))->staff_id == staff_id)
      return g_ptr_array_index (items, i);
  return NULL;
}

static void
assert_why (GPtrArray *items, gint64 staff_id, const char *part)
{
  CdWizardItem *item = item_of (items, staff_id);

  g_assert_nonnull (item);
  g_assert_nonnull (item->why);
  if (strstr (item->why, part) == NULL)
    g_error ("reason “%s” does not contain “%s”", item->why, part);
}

static void
test_suggest_new (WizardFixture *f, gconstpointer data)
{
  g_autoptr(GPtrArray) items = wizard_suggest (f, "cap-moi");

  g_assert_cmpuint (items->len, ==, 2);
  assert_why (items, f->an, "Chưa có chứng thư số");
  assert_why (items, f->em, "đã hết hạn ngày 22/05/2026");
  /* Vietnamese name order: given names An before Em */
  g_assert_cmpint (((CdWizardItem *) items->pdata[0])->staff_id, ==, f->an);
}

static void
test_suggest_renew (WizardFixture *f, gconstpointer data)
{
  g_autoptr(GPtrArray) items = wizard_suggest (f, "gia-han");

  g_assert_cmpuint (items->len, ==, 1);
  assert_why (items, f->binh, "hết hạn ngày 01/07/2026");
  g_assert_cmpint (item_of (items, f->binh)->certificate_id, !=, 0);
}

static void
test_suggest_change (WizardFixture *f, gconstpointer data)
{
  g_autoptr(GPtrArray) items = wizard_suggest (f, "thay-doi");

  g_assert_cmpuint (items->len, ==, 2);
  assert_why (items, f->cuong, "cuong.le@haiphong.edu.vn");
  assert_why (items, f->cuong, "cuonglv@haiphong.edu.vn");
  assert_why (items, f->dung, "Trường THCS An Tiến");
  g_assert_cmpstr (item_of (items, f->dung)->change_note, ==,
                   "Đơn vị: Trường THCS An Tiến → Trường THCS Lê Lợi");
  g_assert_cmpstr (item_of (items, f->cuong)->change_note, ==,
                   "Email công vụ: cuong.le@haiphong.edu.vn → cuonglv@haiphong.edu.vn");
}

static void
test_suggest_devices (WizardFixture *f, gconstpointer data)
{
  g_autoptr(GPtrArray) reissue = wizard_suggest (f, "cap-lai");
  g_autoptr(GPtrArray) restore = wizard_suggest (f, "khoi-phuc");

  g_assert_cmpuint (reissue->len, ==, 1);
  assert_why (reissue, f->ha, "B4ID000002");
  assert_why (reissue, f->ha, "Thất lạc");
  g_assert_cmpint (item_of (reissue, f->ha)->device_id, ==, f->dev_ha);
  g_assert_cmpuint (restore->len, ==, 1);
  assert_why (restore, f->inh, "B4ID000003");
  assert_why (restore, f->inh, "Bị khóa");
  g_assert_cmpstr (item_of (restore, f->inh)->reason, ==, "Token bị khóa PIN");
}

/* A device marked locked (as the token register does when a token says
 * its PIN is locked) brings its holder to khôi phục, with the reason. */
static void
test_suggest_marked_locked (WizardFixture *f, gconstpointer data)
{
  gint64 dev = wizard_add_device (f, f->lan, "B4ID000004", "with_holder");
  g_autoptr(CdHandoverEvent) ev = cd_handover_event_new (CD_HANDOVER_MARK_LOCKED, "2026-06-01");
  g_autoptr(GPtrArray) before = wizard_suggest (f, "khoi-phuc");
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GError) error = NULL;
  CdWizardItem *item;

  g_assert_null (item_of (before, f->lan));
  ev->device_id = dev;
  ev->note = g_strdup ("Token báo khóa PIN");
  g_assert_true (cd_devices_apply (f->store, ev, 0, &error));
  g_assert_no_error (error);

  after = wizard_suggest (f, "khoi-phuc");
  g_assert_cmpuint (after->len, ==, 2);
  item = item_of (after, f->lan);
  g_assert_nonnull (item);
  g_assert_cmpint (item->device_id, ==, dev);
  g_assert_cmpint (item->certificate_id, !=, 0);
  g_assert_cmpstr (item->reason, ==, "Token bị khóa PIN");
  assert_why (after, f->lan, "B4ID000004");
}

static void
test_suggest_mailbox (WizardFixture *f, gconstpointer data)
{
  g_autoptr(GPtrArray) items = wizard_suggest (f, "hom-thu");

  g_assert_cmpuint (items->len, ==, 2);
  assert_why (items, f->phuong, "Chưa có email công vụ");
  assert_why (items, f->lan, "lanmai85@gmail.com");
}

static void
test_suggest_revocation (WizardFixture *f, gconstpointer data)
{
  g_autoptr(GPtrArray) items = wizard_suggest (f, CD_WIZARD_KIND_REVOCATION);
  CdWizardItem *g, *h;

  /* Khoa left too, but his certificate has expired already. */
  g_assert_cmpuint (items->len, ==, 2);
  g = item_of (items, f->giang);
  h = item_of (items, f->ha);
  g_assert_nonnull (g);
  g_assert_nonnull (h);
  assert_why (items, f->giang, "Nghỉ hưu");
  g_assert_cmpint (g->revoke_reason, ==, CD_REVOKE_RETIRED);
  g_assert_cmpstr (g->reason, ==, cd_revoke_reason_label (CD_REVOKE_RETIRED));
  g_assert_cmpint (g->certificate_id, ==, f->cert_giang);
  g_assert_cmpint (g->device_id, ==, f->dev_giang);
  g_assert_cmpint (h->revoke_reason, ==, CD_REVOKE_DEVICE_LOST);
  g_assert_cmpint (h->device_id, ==, f->dev_ha);
}

static void
suggest_async_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  GAsyncResult **out = user_data;
  *out = g_object_ref (result);
}

/* The async form, run from a main loop, finds the same people with the
 * same reasons as the sync one, for every kind. */
static void
test_suggest_async (WizardFixture *f, gconstpointer data)
{
  const char * const *kinds = cd_wizard_request_kinds ();
  g_autoptr(GPtrArray) all = g_ptr_array_new ();

  for (guint i = 0; kinds[i] != NULL; i++)
    g_ptr_array_add (all, (gpointer) kinds[i]);
  g_ptr_array_add (all, (gpointer) CD_WIZARD_KIND_REVOCATION);
  for (guint k = 0; k < all->len; k++)
    {
      const char *kind = g_ptr_array_index (all, k);
      g_autoptr(GPtrArray) sync = wizard_suggest (f, kind);
      g_autoptr(GPtrArray) async = NULL;
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GError) error = NULL;

      cd_wizard_suggest_async (f->store, kind, f->now, 60, wizard_domains, NULL, suggest_async_cb, &result);
      while (result == NULL)
        g_main_context_iteration (NULL, TRUE);
      async = cd_wizard_suggest_finish (f->store, result, &error);
      g_assert_no_error (error);
      g_assert_nonnull (async);
      g_assert_cmpuint (async->len, ==, sync->len);
      for (guint i = 0; i < sync->len; i++)
        {
          CdWizardItem *a = g_ptr_array_index (async, i);
          CdWizardItem *s = g_ptr_array_index (sync, i);
          g_assert_cmpint (a->staff_id, ==, s->staff_id);
          g_assert_cmpstr (a->why, ==, s->why);
          g_assert_cmpstr (a->reason, ==, s->reason);
          g_assert_cmpint (a->revoke_reason, ==, s->revoke_reason);
          g_assert_cmpint (a->certificate_id, ==, s->certificate_id);
          g_assert_cmpint (a->device_id, ==, s->device_id);
        }
    }
}

static void
test_suggest_async_unknown_kind (WizardFixture *f, gconstpointer data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = NULL;

  cd_wizard_suggest_async (f->store, "khong-co", f->now, 60, NULL, NULL, suggest_async_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  items = cd_wizard_suggest_finish (f->store, result, &error);
  g_assert_error (error, CD_WIZARD_ERROR, CD_WIZARD_ERROR_UNKNOWN_KIND);
  g_assert_null (items);
}

static void
test_reason_guess (void)
{
  g_assert_cmpint (cd_revoke_reason_guess ("Nghỉ hưu"), ==, CD_REVOKE_RETIRED);
  g_assert_cmpint (cd_revoke_reason_guess ("thôi việc"), ==, CD_REVOKE_RETIRED);
  g_assert_cmpint (cd_revoke_reason_guess ("Chuyển công tác ra ngoài tỉnh"), ==, CD_REVOKE_MOVED_PROVINCE);
  g_assert_cmpint (cd_revoke_reason_guess ("Từ trần"), ==, CD_REVOKE_DIED);
  g_assert_cmpint (cd_revoke_reason_guess ("Thay đổi chức vụ"), ==, CD_REVOKE_CHANGED_POSITION);
  g_assert_cmpint (cd_revoke_reason_guess ("Đi học dài hạn"), ==, CD_REVOKE_OTHER);
  g_assert_cmpint (cd_revoke_reason_guess (NULL), ==, CD_REVOKE_OTHER);
  for (int r = 0; r < CD_REVOKE_N_REASONS; r++)
    g_assert_cmpint (cd_revoke_reason_from_id (cd_revoke_reason_to_id (r)), ==, r);
}

static void
test_save_resume (WizardFixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdWizardDraft) d = cd_wizard_draft_new ("thay-doi");
  g_autoptr(CdWizardDraft) back = NULL;
  g_autoptr(GPtrArray) items = wizard_suggest (f, "thay-doi");
  g_autoptr(GPtrArray) batches = NULL;
  CdWizardItem *it;

  for (guint i = 0; i < items->len; i++)
    cd_wizard_draft_add (d, cd_wizard_item_copy (g_ptr_array_index (items, i)));
  g_assert_false (cd_wizard_draft_add (d, cd_wizard_item_new (f->cuong)));
  cd_wizard_draft_set_text (&d->doc_number, " 15/THCSLL-VT ");
  cd_wizard_draft_set_text (&d->date, "2026-06-02");
  cd_wizard_draft_set_text (&d->signer_name, "Lê Thị Phó");
  cd_wizard_draft_set_text (&d->recipient, "Sở Khoa học và Công nghệ");
  it = cd_wizard_draft_find (d, f->dung);
  cd_wizard_draft_set_text (&it->change_note, "Đổi đơn vị sau sáp nhập");
  d->bulk_sheet = TRUE;
  g_assert_true (d->dirty);
  g_assert_true (cd_batch_save (d, f->store, &error));
  g_assert_no_error (error);
  g_assert_cmpint (d->batch_id, >, 0);
  g_assert_false (d->dirty);

  back = cd_batch_load (f->store, d->batch_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (back->kind, ==, "thay-doi");
  g_assert_cmpstr (back->doc_number, ==, "15/THCSLL-VT");
  g_assert_cmpstr (back->date, ==, "2026-06-02");
  g_assert_cmpstr (back->signer_name, ==, "Lê Thị Phó");
  g_assert_cmpstr (back->recipient, ==, "Sở Khoa học và Công nghệ");
  g_assert_true (back->bulk_sheet);
  g_assert_cmpint (back->status, ==, CD_BATCH_DRAFT);
  g_assert_cmpuint (back->items->len, ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      CdWizardItem *a = g_ptr_array_index (d->items, i);
      CdWizardItem *b = g_ptr_array_index (back->items, i);
      g_assert_cmpint (a->staff_id, ==, b->staff_id);
      g_assert_cmpint (a->certificate_id, ==, b->certificate_id);
      g_assert_cmpstr (a->why, ==, b->why);
      g_assert_cmpstr (a->change_note, ==, b->change_note);
    }
  g_assert_cmpstr (cd_wizard_draft_find (back, f->dung)->change_note, ==, "Đổi đơn vị sau sáp nhập");

  /* Resumed, one person removed, saved again: same batch, one item. */
  g_assert_true (cd_wizard_draft_remove (back, f->cuong));
  g_assert_true (cd_batch_save (back, f->store, &error));
  g_assert_cmpint (back->batch_id, ==, d->batch_id);
  batches = cd_batch_list (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (batches->len, ==, 1);
  g_assert_cmpuint (((CdBatchInfo *) batches->pdata[0])->n_items, ==, 1);
  g_assert_null (((CdBatchInfo *) batches->pdata[0])->path);
}

static void
test_file_name (void)
{
  g_autoptr(CdWizardDraft) d = cd_wizard_draft_new ("cap-moi");
  g_autoptr(CdWizardDraft) r = cd_wizard_draft_new (CD_WIZARD_KIND_REVOCATION);
  g_autoptr(CdUnit) unit = cd_unit_new ();
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  unit->name = g_strdup ("Trường THCS Lê Lợi");
  cd_wizard_draft_set_text (&d->date, "2026-01-05");
  cd_wizard_draft_set_text (&r->date, "2026-01-05");
  a = cd_wizard_draft_file_name (d, unit);
  b = cd_wizard_draft_file_name (r, unit);
  g_assert_cmpstr (a, ==, "DS_de_nghi_cap_moi_truong-thcs-le-loi_2026-01-05.docx");
  g_assert_cmpstr (b, ==, "DS_thu_hoi_truong-thcs-le-loi_2026-01-05.docx");
}

static int
count_rows (const char *sql, sqlite3 *db)
{
  sqlite3_stmt *st = NULL;
  int n = -1;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &st, NULL), ==, SQLITE_OK);
  if (sqlite3_step (st) == SQLITE_ROW)
    n = sqlite3_column_int (st, 0);
  sqlite3_finalize (st);
  return n;
}


static void
test_revocation_complete (WizardFixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdWizardDraft) d = cd_wizard_draft_new (CD_WIZARD_KIND_REVOCATION);
  g_autoptr(GPtrArray) items = wizard_suggest (f, CD_WIZARD_KIND_REVOCATION);
  g_autoptr(CdHolidays) holidays = cd_holidays_new_default (&error);
  g_autoptr(GPtrArray) tasks = NULL;
  g_autoptr(GPtrArray) batches = NULL;
  g_autoptr(CdCertificate) cg = NULL;
  g_autoptr(CdCertificate) ch = NULL;
  g_autoptr(CdDocContext) ctx = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(CdDocxPackage) pkg = NULL;
  g_autofree char *out = g_build_filename (f->tmp, "thu-hoi.docx", NULL);
  g_autofree char *xml = NULL;
  g_autofree char *xlsx = NULL;
  const char *fields[] = { "ho_ten", "ly_do", "so_hieu_cts", NULL };
  sqlite3 *db = cd_store_get_db (f->store);

  g_assert_no_error (error);
  for (guint i = 0; i < items->len; i++)
    cd_wizard_draft_add (d, cd_wizard_item_copy (g_ptr_array_index (items, i)));
  cd_wizard_draft_set_text (&d->date, "2026-11-19");
  d->bulk_sheet = TRUE;

  /* The preview is what the document says. */
  ctx = cd_wizard_draft_context (d, f->store, f->now, 60, &error);
  g_assert_no_error (error);
  rows = cd_wizard_preview_rows (ctx, fields);
  g_assert_cmpuint (rows->len, ==, 2);
  /* Vietnamese order is by given name: Giang before Hà. */
  g_assert_cmpstr (((char **) rows->pdata[0])[0], ==, "Đỗ Văn Giang");
  g_assert_cmpstr (((char **) rows->pdata[1])[0], ==, "Bùi Thị Hà");
  g_assert_cmpstr (((char **) rows->pdata[0])[1], ==, cd_revoke_reason_label (CD_REVOKE_RETIRED));
  g_assert_cmpstr (((char **) rows->pdata[1])[1], ==, cd_revoke_reason_label (CD_REVOKE_DEVICE_LOST));

  cd_wizard_draft_generate (d, f->store, out, FALSE, f->now, 60, &xlsx, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_test (xlsx, G_FILE_TEST_IS_REGULAR));
  pkg = cd_docx_package_load (out, &error);
  g_assert_no_error (error);
  xml = cd_docx_package_get_part_text (pkg, "word/document.xml");
  g_assert_nonnull (strstr (xml, "Đỗ Văn Giang"));
  g_assert_nonnull (strstr (xml, "Bùi Thị Hà"));
  g_assert_nonnull (strstr (xml, ((char **) rows->pdata[0])[2]));
  g_assert_null (strstr (xml, "Đặng Văn Khoa"));
  g_assert_cmpint (count_rows ("SELECT COUNT(*) FROM audit_log WHERE entity = 'batch' AND action = 'generate'"
                               " AND new_value LIKE '%thu-hoi.docx'", db), ==, 1);
  /* Generating again without replacing refuses to overwrite. */
  g_assert_false (cd_wizard_draft_generate (d, f->store, out, FALSE, f->now, 60, NULL, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  /* Nothing revoked before Hoàn thành. */
  cg = cd_store_get_certificate (f->store, f->cert_giang, &error);
  g_assert_false (cg->revoked);
  g_clear_pointer (&cg, cd_certificate_free);

  g_assert_true (cd_batch_set_status (f->store, d->batch_id, CD_BATCH_SENT, "2026-11-18", holidays, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_rows ("SELECT COUNT(*) FROM tasks", db), ==, 0);
  /* Thursday 19/11/2026 → due Thursday 26/11/2026 (5 working days). */
  g_assert_true (cd_batch_set_status (f->store, d->batch_id, CD_BATCH_DONE, "2026-11-19", holidays, &error));
  g_assert_no_error (error);

  cg = cd_store_get_certificate (f->store, f->cert_giang, &error);
  ch = cd_store_get_certificate (f->store, f->cert_ha, &error);
  g_assert_true (cg->revoked);
  g_assert_true (ch->revoked);
  g_assert_cmpstr (cg->revoked_date, ==, "2026-11-19");
  g_assert_cmpstr (cg->revoked_reason, ==, cd_revoke_reason_label (CD_REVOKE_RETIRED));
  tasks = cd_devices_list_open_tasks (f->store, "2026-11-19", holidays, &error);
  g_assert_no_error (error);
  /* Giang's token to recover; Hà's is lost (issue 16: nothing to recover). */
  g_assert_cmpuint (tasks->len, ==, 1);
  for (guint i = 0; i < tasks->len; i++)
    {
      CdRecoveryTask *t = g_ptr_array_index (tasks, i);
      g_assert_cmpstr (t->due_date, ==, "2026-11-26");
      g_assert_true (t->device_id == f->dev_giang);
    }

  batches = cd_batch_list (f->store, &error);
  g_assert_cmpuint (batches->len, ==, 1);
  g_assert_cmpint (((CdBatchInfo *) batches->pdata[0])->status, ==, CD_BATCH_DONE);
  g_assert_cmpstr (((CdBatchInfo *) batches->pdata[0])->sent_date, ==, "2026-11-18");
  g_assert_cmpstr (((CdBatchInfo *) batches->pdata[0])->done_date, ==, "2026-11-19");
  g_assert_cmpstr (((CdBatchInfo *) batches->pdata[0])->path, ==, out);

  /* A done batch does not go back. */
  g_assert_false (cd_batch_set_status (f->store, d->batch_id, CD_BATCH_SENT, NULL, holidays, &error));
  g_assert_error (error, CD_WIZARD_ERROR, CD_WIZARD_ERROR_STATUS);
}

static void
test_deadline_over_tet (WizardFixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdWizardDraft) d = cd_wizard_draft_new (CD_WIZARD_KIND_REVOCATION);
  g_autoptr(CdHolidays) holidays = cd_holidays_new_default (&error);
  g_autoptr(GPtrArray) tasks = NULL;

  g_assert_true (cd_wizard_draft_add_staff (d, f->store, f->giang, &error));
  g_assert_cmpint (cd_wizard_draft_find (d, f->giang)->revoke_reason, ==, CD_REVOKE_RETIRED);
  g_assert_true (cd_batch_save (d, f->store, &error));
  /* Notice on the Friday before Tết Bính Ngọ (14–22/2 off). */
  g_assert_true (cd_batch_set_status (f->store, d->batch_id, CD_BATCH_DONE, "2026-02-13", holidays, &error));
  g_assert_no_error (error);
  tasks = cd_devices_list_open_tasks (f->store, "2026-02-13", holidays, &error);
  g_assert_cmpuint (tasks->len, ==, 1);
  g_assert_cmpstr (((CdRecoveryTask *) tasks->pdata[0])->due_date, ==, "2026-02-27");
}

static void
test_request_done_revokes_nothing (WizardFixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdWizardDraft) d = cd_wizard_draft_new ("cap-lai");
  g_autoptr(GPtrArray) items = wizard_suggest (f, "cap-lai");
  g_autoptr(CdCertificate) c = NULL;

  cd_wizard_draft_add (d, cd_wizard_item_copy (items->pdata[0]));
  g_assert_true (cd_batch_save (d, f->store, &error));
  g_assert_true (cd_batch_set_status (f->store, d->batch_id, CD_BATCH_DONE, "2026-06-01", NULL, &error));
  g_assert_no_error (error);
  c = cd_store_get_certificate (f->store, f->cert_ha, &error);
  g_assert_false (c->revoked);
  g_assert_cmpint (count_rows ("SELECT COUNT(*) FROM tasks", cd_store_get_db (f->store)), ==, 0);
}

/* The async call on the register's own store: the retired person with a
 * valid certificate is found on the worker's connection, with her case. */
static void
test_suggest_async_retired (WizardFixture *f, gconstpointer data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = NULL;
  CdWizardItem *g;

  cd_wizard_suggest_async (f->store, CD_WIZARD_KIND_REVOCATION, f->now, 60, wizard_domains, NULL,
                           suggest_async_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  items = cd_wizard_suggest_finish (f->store, result, &error);
  g_assert_no_error (error);
  g = item_of (items, f->giang);
  g_assert_nonnull (g);
  g_assert_cmpint (g->revoke_reason, ==, CD_REVOKE_RETIRED);
  g_assert_cmpint (g->certificate_id, ==, f->cert_giang);
  g_assert_null (item_of (items, f->khoa));
}

static void
changed_cb (CdStore    *store,
            const char *what,
            gpointer    user_data)
{
  GString *seen = user_data;

  g_string_append_printf (seen, "%s;", what);
}

/* Generation on a worker writes the .docx and the sheet, records the
 * document and the batch, and gives the caller's draft its batch. */
static void
test_generate_async (WizardFixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdWizardDraft) d = cd_wizard_draft_new ("gia-han");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) batches = NULL;
  g_autoptr(GString) seen = g_string_new (NULL);
  g_autofree char *out = g_build_filename (f->tmp, "gia-han.docx", NULL);
  g_autofree char *xlsx = NULL;
  CdBatchInfo *b;
  gulong id;

  g_assert_true (cd_wizard_draft_add_staff (d, f->store, f->binh, &error));
  g_assert_no_error (error);
  d->bulk_sheet = TRUE;
  id = g_signal_connect (f->store, "changed", G_CALLBACK (changed_cb), seen);
  cd_wizard_generate_async (f->store, d, out, FALSE, f->now, 60, NULL, suggest_async_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  /* the caller's draft is untouched until the result is taken */
  g_assert_cmpint (d->batch_id, ==, 0);
  g_assert_true (cd_wizard_generate_finish (f->store, result, d, &xlsx, &error));
  g_assert_no_error (error);
  g_signal_handler_disconnect (f->store, id);

  g_assert_true (g_file_test (out, G_FILE_TEST_IS_REGULAR));
  g_assert_nonnull (xlsx);
  g_assert_true (g_file_test (xlsx, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpint (d->batch_id, >, 0);
  g_assert_cmpstr (d->output_path, ==, out);
  g_assert_false (d->dirty);
  g_assert_nonnull (strstr (seen->str, "batch;"));
  g_assert_nonnull (strstr (seen->str, "document;"));
  g_assert_cmpint (count_rows ("SELECT COUNT(*) FROM documents", cd_store_get_db (f->store)), ==, 1);
  batches = cd_batch_list (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (batches->len, ==, 1);
  b = g_ptr_array_index (batches, 0);
  g_assert_cmpint (b->id, ==, d->batch_id);
  g_assert_cmpstr (b->path, ==, out);
  g_assert_cmpuint (b->n_items, ==, 1);
}

static void
test_generate_async_exists (WizardFixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdWizardDraft) d = cd_wizard_draft_new ("gia-han");
  g_autoptr(GAsyncResult) result = NULL;
  g_autofree char *out = g_build_filename (f->tmp, "there.docx", NULL);

  g_assert_true (g_file_set_contents (out, "x", 1, NULL));
  g_assert_true (cd_wizard_draft_add_staff (d, f->store, f->binh, &error));
  cd_wizard_generate_async (f->store, d, out, FALSE, f->now, 60, NULL, suggest_async_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (cd_wizard_generate_finish (f->store, result, d, NULL, &error));
  g_assert_nonnull (error);
  g_assert_cmpint (d->batch_id, ==, 0);
}

static void
test_count_pages_async (WizardFixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdWizardDraft) d = cd_wizard_draft_new ("thay-doi");
  g_autoptr(GAsyncResult) result = NULL;
  int pages;

  g_assert_true (cd_wizard_draft_add_staff (d, f->store, f->cuong, &error));
  g_assert_true (cd_wizard_draft_add_staff (d, f->store, f->dung, &error));
  cd_wizard_count_pages_async (f->store, d, f->now, 60, NULL, suggest_async_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  pages = cd_wizard_count_pages_finish (f->store, result, &error);
  g_assert_no_error (error);
  g_assert_cmpint (pages, >, 0);
  g_assert_cmpint (pages, ==, cd_wizard_count_pages (d, f->store, f->now, 60, NULL));
}

/* Revocation is one row per certificate: a person with two certificates
 * chosen gives two rows, each with its own serial, and Hoàn thành
 * revokes both (their one device is recovered once). */
static void
test_revocation_per_certificate (WizardFixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdWizardDraft) d = cd_wizard_draft_new (CD_WIZARD_KIND_REVOCATION);
  g_autoptr(CdWizardDraft) back = NULL;
  g_autoptr(CdDocContext) ctx = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(CdCertificate) c1 = NULL;
  g_autoptr(CdCertificate) c2 = NULL;
  g_autoptr(CdWizardDraft) request = cd_wizard_draft_new ("thay-doi");
  const char *fields[] = { "ho_ten", "so_hieu_cts", NULL };
  gint64 second = wizard_add_cert (f, f->giang, f->now + 300 * (gint64) DAY, "Trường THCS Lê Lợi",
                            "giangdv@haiphong.edu.vn");
  sqlite3 *db = cd_store_get_db (f->store);

  g_assert_true (cd_wizard_draft_add_staff (d, f->store, f->giang, &error));
  g_assert_no_error (error);
  /* the person's first row is for the certificate that counts, then one
   * row for each other chuyên dùng certificate still in force */
  g_assert_cmpuint (d->items->len, ==, 2);
  g_assert_cmpint (((CdWizardItem *) d->items->pdata[0])->certificate_id, ==, f->cert_giang);
  /* the suggested revocation list of people who left: the same two rows */
  {
    g_autoptr(GPtrArray) sug = cd_wizard_suggest (f->store, CD_WIZARD_KIND_REVOCATION, f->now, 60, NULL, &error);
    guint seen = 0;

    g_assert_no_error (error);
    for (guint i = 0; i < sug->len; i++)
      {
        CdWizardItem *it = sug->pdata[i];
        if (it->staff_id == f->giang)
          seen |= it->certificate_id == f->cert_giang ? 1 : it->certificate_id == second ? 2 : 4;
      }
    g_assert_cmpuint (seen, ==, 3);
  }
  /* the same certificate again adds nothing; adding the person again neither */
  g_assert_true (cd_wizard_draft_add_certificate (d, f->store, second, &error));
  g_assert_true (cd_wizard_draft_add_staff (d, f->store, f->giang, &error));
  g_assert_cmpuint (d->items->len, ==, 2);
  {
    CdWizardItem *b = d->items->pdata[1];
    g_assert_cmpint (b->staff_id, ==, f->giang);
    g_assert_cmpint (b->certificate_id, ==, second);
    /* read from no token: its device is unknown, not her token, which
     * carries the first one (issue 16) */
    g_assert_cmpint (b->device_id, ==, 0);
    g_assert_cmpint (((CdWizardItem *) d->items->pdata[0])->device_id, ==, f->dev_giang);
    g_assert_cmpint (b->revoke_reason, ==, CD_REVOKE_RETIRED);
  }
  /* one certificate chosen alone is that one row only */
  {
    g_autoptr(CdWizardDraft) one = cd_wizard_draft_new (CD_WIZARD_KIND_REVOCATION);

    g_assert_true (cd_wizard_draft_add_certificate (one, f->store, second, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (one->items->len, ==, 1);
  }
  /* a request list keeps one row per person */
  g_assert_true (cd_wizard_draft_add_staff (request, f->store, f->giang, &error));
  g_assert_true (cd_wizard_draft_add_certificate (request, f->store, second, &error));
  g_assert_cmpuint (request->items->len, ==, 1);

  c1 = cd_store_get_certificate (f->store, f->cert_giang, &error);
  c2 = cd_store_get_certificate (f->store, second, &error);
  g_assert_cmpstr (c1->serial, !=, c2->serial);
  ctx = cd_wizard_draft_context (d, f->store, f->now, 60, &error);
  g_assert_no_error (error);
  rows = cd_wizard_preview_rows (ctx, fields);
  g_assert_cmpuint (rows->len, ==, 2);
  g_assert_cmpstr (((char **) rows->pdata[0])[0], ==, "Đỗ Văn Giang");
  g_assert_cmpstr (((char **) rows->pdata[1])[0], ==, "Đỗ Văn Giang");
  g_assert_nonnull (strstr (((char **) rows->pdata[0])[1], c1->serial));
  g_assert_nonnull (strstr (((char **) rows->pdata[1])[1], c2->serial));

  /* saved and read back: still two rows */
  g_assert_true (cd_batch_save (d, f->store, &error));
  g_assert_no_error (error);
  back = cd_batch_load (f->store, d->batch_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (back->items->len, ==, 2);
  g_assert_true (cd_batch_set_status (f->store, d->batch_id, CD_BATCH_DONE, "2026-11-19", NULL, &error));
  g_assert_no_error (error);
  g_clear_pointer (&c1, cd_certificate_free);
  g_clear_pointer (&c2, cd_certificate_free);
  c1 = cd_store_get_certificate (f->store, f->cert_giang, &error);
  c2 = cd_store_get_certificate (f->store, second, &error);
  g_assert_true (c1->revoked);
  g_assert_true (c2->revoked);
  g_assert_cmpint (count_rows ("SELECT COUNT(*) FROM tasks WHERE done_date IS NULL", db), ==, 1);

  /* taking the person off removes both rows */
  g_assert_true (cd_wizard_draft_remove (d, f->giang));
  g_assert_cmpuint (d->items->len, ==, 0);
}

int
main (int argc, char **argv)
{
  cd_test_init (&argc, &argv);

#define ADD(path, fn) g_test_add ("/core/wizard/" path, WizardFixture, NULL, wizard_fixture_setup, fn, wizard_fixture_teardown)
  ADD ("suggest/cap-moi", test_suggest_new);
  ADD ("suggest/async", test_suggest_async);
  ADD ("suggest/async-unknown-kind", test_suggest_async_unknown_kind);
  ADD ("suggest/async-retired", test_suggest_async_retired);
  ADD ("suggest/gia-han", test_suggest_renew);
  ADD ("suggest/thay-doi", test_suggest_change);
  ADD ("suggest/cap-lai-khoi-phuc", test_suggest_devices);
  ADD ("suggest/khoi-phuc-marked-locked", test_suggest_marked_locked);
  ADD ("suggest/hom-thu", test_suggest_mailbox);
  ADD ("suggest/thu-hoi", test_suggest_revocation);
  ADD ("draft/save-resume", test_save_resume);
  ADD ("generate/async", test_generate_async);
  ADD ("generate/async-file-exists", test_generate_async_exists);
  ADD ("preview/count-pages-async", test_count_pages_async);
  ADD ("revocation/generate-and-complete", test_revocation_complete);
  ADD ("revocation/deadline-over-tet", test_deadline_over_tet);
  ADD ("revocation/one-row-per-certificate", test_revocation_per_certificate);
  ADD ("request/done-revokes-nothing", test_request_done_revokes_nothing);
#undef ADD
  g_test_add_func ("/core/wizard/revoke-reason/guess", test_reason_guess);
  g_test_add_func ("/core/wizard/file-name", test_file_name);
  return g_test_run ();
}
