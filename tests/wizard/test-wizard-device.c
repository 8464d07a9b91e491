/* test-wizard-device.c — the wizards name the device a certificate is
 * linked to (certificates.device_id), never one guessed from its holder
 * (issue 16), on a register in an SQLite file on disk
 *
 * Two people:
 *   Hà: an old token A holding her expired certificate, a new blank
 *       token B, and a new certificate in force not read from any token
 *       yet: its device is unknown (not A, not B).
 *   Khoa: an expired certificate on token C and the one in force on
 *       token D: his device is D (a guess from the holder gives C, the
 *       first of his tokens).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <sqlite3.h>

#include "cd-batch.h"
#include "cd-device-link.h"
#include "cd-holidays.h"
#include "cd-store.h"
#include "cd-test-fixture.h"
#include "cd-test-util.h"
#include "cd-wizard-check.h"
#include "cd-wizard-draft.h"
#include "cd-wizard-fix.h"
#include "cd-wizard-generate.h"
#include "cd-wizard-names.h"
#include "cd-wizard-preview.h"
#include "cd-wizard-suggest.h"

#define DAY (24 * (gint64) 3600)

typedef struct {
  char    *tmp;
  CdStore *store;
  gint64   now;
  gint64   ha, khoa;
  gint64   ha_old, ha_new, khoa_old, khoa_new;      /* certificates */
  gint64   tok_a, tok_b, tok_c, tok_d;              /* devices */
} Fixture;

static gint64
add_cert (Fixture *f,
          gint64   staff_id,
          guint    n,
          gint64   not_after)
{
  g_autoptr(CdCertificate) c = cd_certificate_new ();
  g_autoptr(GError) error = NULL;

  c->staff_id = staff_id;
  c->serial = g_strdup_printf ("5403A1B2C3D4E5F6%04u", n);
  c->fingerprint = g_strdup_printf ("%064u", n);
  c->subject_cn = g_strdup ("x");
  c->subject_o = g_strdup ("UBND thành phố Hải Phòng");
  c->provider = g_strdup ("Ban Cơ yếu Chính phủ");
  c->not_before = not_after - 5 * 365 * DAY;
  c->not_after = not_after;
  g_assert_true (cd_store_save_certificate (f->store, c, &error));
  g_assert_no_error (error);
  return c->id;
}

static gint64
add_token (Fixture    *f,
           gint64      holder,
           const char *serial)
{
  g_autoptr(CdDevice) d = cd_device_new ();
  g_autoptr(GError) error = NULL;

  d->token_serial = g_strdup (serial);
  d->type = g_strdup ("TOKEN");
  d->holder_id = holder;
  d->status = g_strdup ("with_holder");
  g_assert_true (cd_store_save_device (f->store, d, &error));
  g_assert_no_error (error);
  return d->id;
}

static void
link_cert (Fixture *f,
           gint64   device_id,
           gint64   cert_id)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (cd_devices_link_certificate (f->store, device_id, cert_id, &error));
  g_assert_no_error (error);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(CdUnit) unit = cd_unit_new ();

  f->tmp = cd_test_tmpdir ();
  path = g_build_filename (f->tmp, "certdesk.db", NULL);
  f->store = cd_store_open (path, &error);
  g_assert_no_error (error);
  unit->name = g_strdup ("Trường THCS Lê Lợi");
  unit->place = g_strdup ("Hải Phòng");
  unit->head_title = g_strdup ("HIỆU TRƯỞNG");
  unit->head_name = g_strdup ("Nguyễn Văn Hiệu");
  g_assert_true (cd_store_save_unit (f->store, unit, &error));
  /* 2026-06-01 00:00 UTC */
  f->now = 1780272000;

  f->ha = cd_test_add_staff (f->store, "Bùi Thị Hà", "1985-03-07", "031185000001", "habt@haiphong.edu.vn");
  f->ha_old = add_cert (f, f->ha, 1, f->now - 20 * DAY);
  f->ha_new = add_cert (f, f->ha, 2, f->now + 700 * DAY);
  f->tok_a = add_token (f, f->ha, "B4ID000001");
  f->tok_b = add_token (f, f->ha, "B4ID000002");
  link_cert (f, f->tok_a, f->ha_old);

  f->khoa = cd_test_add_staff (f->store, "Đặng Văn Khoa", "1985-03-07", "031085000002", "khoadv@haiphong.edu.vn");
  f->khoa_old = add_cert (f, f->khoa, 3, f->now - 20 * DAY);
  f->khoa_new = add_cert (f, f->khoa, 4, f->now + 700 * DAY);
  f->tok_c = add_token (f, f->khoa, "B4ID000003");
  f->tok_d = add_token (f, f->khoa, "B4ID000004");
  link_cert (f, f->tok_c, f->khoa_old);
  link_cert (f, f->tok_d, f->khoa_new);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->store);
  cd_test_rm_rf (f->tmp);
  g_free (f->tmp);
}

static const CdWizardItem *
item_of (const CdWizardDraft *d,
         gint64               staff_id)
{
  for (guint i = 0; i < d->items->len; i++)
    {
      const CdWizardItem *item = g_ptr_array_index (d->items, i);

      if (item->staff_id == staff_id)
        return item;
    }
  g_assert_not_reached ();
  return NULL;
}

static void
mark_left (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (cd_store_mark_staff_left (f->store, f->ha, "2026-05-01", "Nghỉ hưu", &error));
  g_assert_true (cd_store_mark_staff_left (f->store, f->khoa, "2026-05-01", "Chuyển tỉnh", &error));
  g_assert_no_error (error);
}

/* A person added by hand: the device of the certificate listed. */
static void
test_add_staff (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdWizardDraft) d = cd_wizard_draft_new (CD_WIZARD_KIND_REVOCATION);

  g_assert_true (cd_wizard_draft_add_staff (d, f->store, f->ha, &error));
  g_assert_true (cd_wizard_draft_add_staff (d, f->store, f->khoa, &error));
  g_assert_no_error (error);
  g_assert_cmpint (item_of (d, f->ha)->certificate_id, ==, f->ha_new);
  g_assert_cmpint (item_of (d, f->ha)->device_id, ==, 0);
  g_assert_cmpint (item_of (d, f->khoa)->certificate_id, ==, f->khoa_new);
  g_assert_cmpint (item_of (d, f->khoa)->device_id, ==, f->tok_d);
}

/* A certificate added by hand: its own device, none when unknown. */
static void
test_add_certificate (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdWizardDraft) d = cd_wizard_draft_new (CD_WIZARD_KIND_REVOCATION);

  g_assert_true (cd_wizard_draft_add_certificate (d, f->store, f->ha_new, &error));
  g_assert_no_error (error);
  g_assert_cmpint (item_of (d, f->ha)->device_id, ==, 0);
}

/* The revocation suggested for people who left. */
static void
test_suggest (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = NULL;
  guint seen = 0;

  mark_left (f);
  items = cd_wizard_suggest (f->store, CD_WIZARD_KIND_REVOCATION, f->now, 60, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < items->len; i++)
    {
      CdWizardItem *item = g_ptr_array_index (items, i);

      if (item->certificate_id == f->ha_new)
        {
          g_assert_cmpint (item->device_id, ==, 0);
          seen++;
        }
      else if (item->certificate_id == f->khoa_new)
        {
          g_assert_cmpint (item->device_id, ==, f->tok_d);
          seen++;
        }
    }
  g_assert_cmpuint (seen, ==, 2);
}

/* What the preview and the document print: the right device or none,
 * even for an item that names no device. */
static void
test_preview (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdWizardDraft) d = cd_wizard_draft_new (CD_WIZARD_KIND_REVOCATION);
  g_autoptr(CdDocContext) ctx = NULL;
  CdWizardItem *ha = cd_wizard_item_new (f->ha);
  CdWizardItem *khoa = cd_wizard_item_new (f->khoa);

  ha->certificate_id = f->ha_new;
  khoa->certificate_id = f->khoa_new;
  cd_wizard_draft_add (d, ha);
  cd_wizard_draft_add (d, khoa);
  ctx = cd_wizard_draft_context (d, f->store, f->now, 60, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ctx->people->len, ==, 2);
  for (guint i = 0; i < ctx->people->len; i++)
    {
      CdDocPerson *p = g_ptr_array_index (ctx->people, i);

      if (p->staff->id == f->ha)
        g_assert_null (p->device_serial);
      else
        g_assert_cmpstr (p->device_serial, ==, "B4ID000004");
    }
}

/* A revocation whose certificate's device is unknown: the wizard says
 * so and how to set it, and completing it opens no recovery task for a
 * device guessed from the holder. */
static void
test_revocation_device_unknown (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdWizardDraft) d = cd_wizard_draft_new (CD_WIZARD_KIND_REVOCATION);
  g_autoptr(CdHolidays) holidays = cd_holidays_new_default (&error);
  g_autoptr(GPtrArray) gaps = NULL;
  g_autofree char *out = g_build_filename (f->tmp, "thu-hoi.docx", NULL);
  const char *fields[] = { "ho_ten", "so_hieu_cts", NULL };
  sqlite3 *db = cd_store_get_db (f->store);
  sqlite3_stmt *st = NULL;
  guint device_gaps = 0;

  g_assert_no_error (error);
  mark_left (f);
  g_assert_true (cd_wizard_draft_add_staff (d, f->store, f->ha, &error));
  g_assert_true (cd_wizard_draft_add_staff (d, f->store, f->khoa, &error));
  g_assert_no_error (error);

  gaps = cd_wizard_draft_check (d, f->store, fields, NULL, "2026-06-01", &error);
  g_assert_no_error (error);
  for (guint i = 0; i < gaps->len; i++)
    {
      CdWizardGap *gap = g_ptr_array_index (gaps, i);

      if (g_strcmp0 (gap->field, "device") != 0)
        continue;
      device_gaps++;
      g_assert_cmpint (gap->staff_id, ==, f->ha);
      g_assert_false (gap->error);
      g_assert_nonnull (strstr (gap->message, "5403A1B2C3D4E5F60002"));
      /* The window's way, in a row that names the holder already: no
       * command line option, no name said twice. */
      g_assert_nonnull (strstr (gap->message, "Chứng thư trên thiết bị…"));
      g_assert_null (strstr (gap->message, "--"));
      g_assert_null (strstr (gap->message, gap->full_name));
    }
  g_assert_cmpuint (device_gaps, ==, 1);

  cd_wizard_draft_set_text (&d->date, "2026-06-01");
  g_assert_true (cd_wizard_draft_generate (d, f->store, out, FALSE, f->now, 60, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (cd_batch_set_status (f->store, d->batch_id, CD_BATCH_DONE, "2026-06-01", holidays, &error));
  g_assert_no_error (error);

  /* Khoa's token D is to be recovered; none of Hà's tokens is (neither
   * is known to carry the revoked certificate). */
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT device_id FROM tasks ORDER BY id", -1, &st, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (st), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int64 (st, 0), ==, f->tok_d);
  g_assert_cmpint (sqlite3_step (st), ==, SQLITE_DONE);
  sqlite3_finalize (st);
}

static void
async_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

/* The gaps step's check on a worker: the same gaps as on the caller's
 * thread, worked out on a copy (the draft emptied meanwhile changes
 * nothing), and a cancelled check gives G_IO_ERROR_CANCELLED. */
static void
test_check_async (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdWizardDraft) d = cd_wizard_draft_new (CD_WIZARD_KIND_REVOCATION);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) cancelled = NULL;
  g_autoptr(GCancellable) cancel = g_cancellable_new ();
  g_autoptr(GPtrArray) direct = NULL;
  g_autoptr(GPtrArray) gaps = NULL;
  g_autoptr(GPtrArray) none = NULL;
  const char *fields[] = { "ho_ten", "so_hieu_cts", NULL };

  mark_left (f);
  g_assert_true (cd_wizard_draft_add_staff (d, f->store, f->ha, &error));
  g_assert_true (cd_wizard_draft_add_staff (d, f->store, f->khoa, &error));
  g_assert_no_error (error);
  direct = cd_wizard_draft_check (d, f->store, fields, NULL, "2026-06-01", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (direct->len, >, 0);

  cd_wizard_check_async (f->store, d, fields, NULL, "2026-06-01", NULL, async_done_cb, &result);
  g_ptr_array_set_size (d->items, 0);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  gaps = cd_wizard_check_finish (f->store, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (gaps->len, ==, direct->len);
  for (guint i = 0; i < gaps->len; i++)
    {
      CdWizardGap *a = g_ptr_array_index (gaps, i);
      CdWizardGap *b = g_ptr_array_index (direct, i);

      g_assert_cmpint (a->staff_id, ==, b->staff_id);
      g_assert_cmpstr (a->field, ==, b->field);
      g_assert_cmpstr (a->message, ==, b->message);
    }

  g_cancellable_cancel (cancel);
  cd_wizard_check_async (f->store, d, fields, NULL, "2026-06-01", cancel, async_done_cb, &cancelled);
  while (cancelled == NULL)
    g_main_context_iteration (NULL, TRUE);
  none = cd_wizard_check_finish (f->store, cancelled, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (none);
}

/* The preview's context on a worker: the people and their devices as on
 * the caller's thread. */
static void
test_context_async (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdWizardDraft) d = cd_wizard_draft_new (CD_WIZARD_KIND_REVOCATION);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(CdDocContext) ctx = NULL;
  CdWizardItem *ha = cd_wizard_item_new (f->ha);
  CdWizardItem *khoa = cd_wizard_item_new (f->khoa);

  ha->certificate_id = f->ha_new;
  khoa->certificate_id = f->khoa_new;
  cd_wizard_draft_add (d, ha);
  cd_wizard_draft_add (d, khoa);
  cd_wizard_context_async (f->store, d, f->now, 60, NULL, async_done_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  ctx = cd_wizard_context_finish (f->store, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ctx->people->len, ==, 2);
  for (guint i = 0; i < ctx->people->len; i++)
    {
      CdDocPerson *p = g_ptr_array_index (ctx->people, i);

      if (p->staff->id == f->ha)
        g_assert_null (p->device_serial);
      else
        g_assert_cmpstr (p->device_serial, ==, "B4ID000004");
    }
}

/* The document step's names and unit on a worker: one name per row in
 * list order, the unit's for a row of its own (0). */
static void
test_names_async (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdWizardDraft) d = cd_wizard_draft_new ("thay-doi");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(CdWizardNames) names = NULL;

  cd_wizard_draft_add (d, cd_wizard_item_new (f->khoa));
  cd_wizard_draft_add (d, cd_wizard_item_new (0));
  cd_wizard_draft_add (d, cd_wizard_item_new (f->ha));
  cd_wizard_names_async (f->store, d, NULL, async_done_cb, &result);
  g_ptr_array_set_size (d->items, 0);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  names = cd_wizard_names_finish (f->store, result, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (names->unit->head_name, ==, "Nguyễn Văn Hiệu");
  g_assert_cmpuint (g_strv_length (names->names), ==, 3);
  g_assert_cmpstr (names->names[0], ==, "Đặng Văn Khoa");
  g_assert_cmpstr (names->names[1], ==, "Trường THCS Lê Lợi");
  g_assert_cmpstr (names->names[2], ==, "Bùi Thị Hà");
}

/* The suggestions read on a worker carry what the people step shows:
 * the name and the certificate's serial of each row, so the step reads
 * nothing when they arrive. */
static void
test_suggest_names (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) items = NULL;
  guint seen = 0;

  mark_left (f);
  cd_wizard_suggest_async (f->store, CD_WIZARD_KIND_REVOCATION, f->now, 60, NULL, NULL,
                           async_done_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  items = cd_wizard_suggest_finish (f->store, result, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < items->len; i++)
    {
      CdWizardItem *item = g_ptr_array_index (items, i);

      if (item->certificate_id == f->ha_new)
        {
          g_assert_cmpstr (item->name, ==, "Bùi Thị Hà");
          g_assert_cmpstr (item->serial, ==, "5403A1B2C3D4E5F60002");
          seen++;
        }
      else if (item->certificate_id == f->khoa_new)
        {
          g_assert_cmpstr (item->name, ==, "Đặng Văn Khoa");
          g_assert_cmpstr (item->serial, ==, "5403A1B2C3D4E5F60004");
          seen++;
        }
    }
  g_assert_cmpuint (seen, ==, 2);
}

static void
count_changed_cb (CdStore    *store,
                  const char *what,
                  gpointer    user_data)
{
  (*(guint *) user_data)++;
}

/* The gaps step's Lưu on a worker: the field is written through the
 * worker's connection, normalised as any save, "changed::staff" comes
 * back on the caller's store; a value the store refuses and a field the
 * step cannot write are errors, and nothing is written then. */
static void
test_fix_async (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) refused = NULL;
  g_autoptr(GAsyncResult) unknown = NULL;
  g_autoptr(CdStaff) s = NULL;
  g_autoptr(CdStaff) again = NULL;
  guint changed = 0;

  g_signal_connect (f->store, "changed::staff", G_CALLBACK (count_changed_cb), &changed);
  cd_wizard_fix_async (f->store, f->ha, "cccd_date", "05/03/2021", NULL, async_done_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (cd_wizard_fix_finish (f->store, result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changed, ==, 1);
  s = cd_store_get_staff (f->store, f->ha, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (s->cccd_date, ==, "2021-03-05");

  cd_wizard_fix_async (f->store, f->ha, "email", "not an address", NULL, async_done_cb, &refused);
  while (refused == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (cd_wizard_fix_finish (f->store, refused, &error));
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID);
  g_clear_error (&error);

  cd_wizard_fix_async (f->store, f->ha, "full_name", "Someone else", NULL, async_done_cb, &unknown);
  while (unknown == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (cd_wizard_fix_finish (f->store, unknown, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  g_assert_cmpuint (changed, ==, 1);
  again = cd_store_get_staff (f->store, f->ha, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (again->full_name, ==, s->full_name);
  g_assert_cmpstr (again->email, ==, s->email);
  g_signal_handlers_disconnect_by_func (f->store, count_changed_cb, &changed);
}

static GAsyncResult *
wait_result (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

/* The template and preview steps read the chosen .docx on a worker:
 * the same fields as the direct read, a file that is no Word document
 * the same error, and a cancelled read G_IO_ERROR_CANCELLED. */
static void
test_inspect_async (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) direct_error = NULL;
  g_autoptr(CdWizardDraft) d = cd_wizard_draft_new ("gia-han");
  g_autofree char *tpl = cd_wizard_draft_template (d, &error);
  g_autoptr(CdWizardTemplateInfo) direct = NULL;
  g_autoptr(CdWizardTemplateInfo) info = NULL;
  g_autoptr(CdWizardTemplateInfo) broken = NULL;
  g_autoptr(CdWizardTemplateInfo) none = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) bad = NULL;
  g_autoptr(GAsyncResult) cancelled = NULL;
  g_autoptr(GCancellable) cancel = g_cancellable_new ();
  g_autofree char *junk = g_build_filename (f->tmp, "not-word.docx", NULL);

  g_assert_no_error (error);
  direct = cd_wizard_template_inspect (tpl, NULL, &error);
  g_assert_no_error (error);
  cd_wizard_template_inspect_async (f->store, d, NULL, async_done_cb, &result);
  /* the caller's draft may change at once: the worker has a copy */
  cd_wizard_draft_set_text (&d->template_path, "/nowhere/else.docx");
  info = cd_wizard_template_inspect_finish (f->store, wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_true (g_strv_equal ((const char * const *) info->fields, (const char * const *) direct->fields));
  g_assert_true (g_strv_equal ((const char * const *) info->headers, (const char * const *) direct->headers));
  g_assert_cmpstr (info->sha256, ==, direct->sha256);

  g_assert_true (g_file_set_contents (junk, "not a zip", -1, NULL));
  cd_wizard_draft_set_text (&d->template_path, junk);
  g_assert_null (cd_wizard_template_inspect (junk, NULL, &direct_error));
  g_assert_nonnull (direct_error);
  cd_wizard_template_inspect_async (f->store, d, NULL, async_done_cb, &bad);
  broken = cd_wizard_template_inspect_finish (f->store, wait_result (&bad), &error);
  g_assert_null (broken);
  g_assert_error (error, direct_error->domain, direct_error->code);
  g_assert_cmpstr (error->message, ==, direct_error->message);
  g_clear_error (&error);

  g_cancellable_cancel (cancel);
  cd_wizard_template_inspect_async (f->store, d, cancel, async_done_cb, &cancelled);
  none = cd_wizard_template_inspect_finish (f->store, wait_result (&cancelled), &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (none);
}

/* The gaps step's check with the template read on the worker too
 * (fields NULL): the same gaps as with the fields given, and a template
 * that cannot be read is the check's error. */
static void
test_check_async_template (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdWizardDraft) d = cd_wizard_draft_new (CD_WIZARD_KIND_REVOCATION);
  g_autofree char *tpl = NULL;
  g_autoptr(CdWizardTemplateInfo) info = NULL;
  g_autoptr(GPtrArray) direct = NULL;
  g_autoptr(GPtrArray) gaps = NULL;
  g_autoptr(GPtrArray) none = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) bad = NULL;

  mark_left (f);
  g_assert_true (cd_wizard_draft_add_staff (d, f->store, f->ha, &error));
  g_assert_no_error (error);
  tpl = cd_wizard_draft_template (d, &error);
  info = cd_wizard_template_inspect (tpl, NULL, &error);
  g_assert_no_error (error);
  direct = cd_wizard_draft_check (d, f->store, (const char * const *) info->fields, NULL,
                                  "2026-06-01", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (direct->len, >, 0);

  cd_wizard_check_async (f->store, d, NULL, NULL, "2026-06-01", NULL, async_done_cb, &result);
  gaps = cd_wizard_check_finish (f->store, wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (gaps->len, ==, direct->len);
  for (guint i = 0; i < gaps->len; i++)
    g_assert_cmpstr (((CdWizardGap *) gaps->pdata[i])->field, ==, ((CdWizardGap *) direct->pdata[i])->field);

  cd_wizard_draft_set_text (&d->template_path, "/nowhere/form.docx");
  cd_wizard_check_async (f->store, d, NULL, NULL, "2026-06-01", NULL, async_done_cb, &bad);
  none = cd_wizard_check_finish (f->store, wait_result (&bad), &error);
  g_assert_null (none);
  g_assert_nonnull (error);
  g_assert_false (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED));
}

/* Lưu nháp on a worker: a new draft becomes one batch, its id recorded
 * in the caller's draft, "changed::batch" back on the
 * caller's store; saved again it stays that batch. */
static void
test_save_async (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdWizardDraft) d = cd_wizard_draft_new ("gia-han");
  g_autoptr(CdWizardDraft) back = NULL;
  g_autoptr(GPtrArray) batches = NULL;
  g_autoptr(GAsyncResult) first = NULL;
  g_autoptr(GAsyncResult) second = NULL;
  guint changed = 0;

  g_assert_true (cd_wizard_draft_add_staff (d, f->store, f->khoa, &error));
  g_assert_no_error (error);
  cd_wizard_draft_set_text (&d->doc_number, "15/THCSLL-VT");
  d->dirty = TRUE;
  g_signal_connect (f->store, "changed::batch", G_CALLBACK (count_changed_cb), &changed);
  cd_batch_save_async (f->store, d, NULL, async_done_cb, &first);
  g_assert_true (cd_batch_save_finish (f->store, wait_result (&first), d, &error));
  g_assert_no_error (error);
  g_assert_cmpint (d->batch_id, >, 0);
  /* changed or not since, the caller's to tell */
  g_assert_true (d->dirty);
  g_assert_cmpuint (changed, ==, 1);
  back = cd_batch_load (f->store, d->batch_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (back->doc_number, ==, "15/THCSLL-VT");
  g_assert_cmpuint (back->items->len, ==, 1);

  cd_wizard_draft_set_text (&d->doc_number, "16/THCSLL-VT");
  g_assert_true (cd_wizard_draft_add_staff (d, f->store, f->ha, &error));
  cd_batch_save_async (f->store, d, NULL, async_done_cb, &second);
  g_assert_true (cd_batch_save_finish (f->store, wait_result (&second), d, &error));
  g_assert_no_error (error);
  g_clear_pointer (&back, cd_wizard_draft_free);
  back = cd_batch_load (f->store, d->batch_id, &error);
  g_assert_cmpstr (back->doc_number, ==, "16/THCSLL-VT");
  g_assert_cmpuint (back->items->len, ==, 2);
  batches = cd_batch_list (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (batches->len, ==, 1);
  g_assert_cmpuint (changed, ==, 2);
  g_signal_handlers_disconnect_by_func (f->store, count_changed_cb, &changed);
}

int
main (int argc, char **argv)
{
  cd_test_init (&argc, &argv);

#define ADD(path, fn) g_test_add ("/core/wizard/device/" path, Fixture, NULL, fixture_setup, fn, fixture_teardown)
  ADD ("add-staff", test_add_staff);
  ADD ("add-certificate", test_add_certificate);
  ADD ("suggest", test_suggest);
  ADD ("preview", test_preview);
  ADD ("revocation-unknown", test_revocation_device_unknown);
  ADD ("check-async", test_check_async);
  ADD ("context-async", test_context_async);
  ADD ("names-async", test_names_async);
  ADD ("suggest-names", test_suggest_names);
  ADD ("fix-async", test_fix_async);
  ADD ("inspect-async", test_inspect_async);
  ADD ("check-async-template", test_check_async_template);
  ADD ("save-async", test_save_async);
#undef ADD
  return g_test_run ();
}
