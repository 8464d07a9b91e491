/* test-wizard.c — the rules of the request and revocation wizards, on a
 * prepared register in an SQLite file on disk
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <sqlite3.h>
#include <zip.h>

#include "cd-device-link.h"
#include "cd-device-register.h"
#include "cd-docx.h"
#include "cd-store.h"
#include "cd-test-fixture.h"
#include "cd-test-util.h"
#include "cd-batch.h"
#include "cd-wizard-check.h"
#include "cd-wizard-draft.h"
#include "cd-wizard-generate.h"
#include "cd-wizard-preview.h"
#include "cd-wizard-suggest.h"

#define DAY (24 * 3600)

typedef struct {
  char    *tmp;
  CdStore *store;
  gint64   now;
  /* staff ids */
  gint64   an, binh, cuong, dung, em, phuong, giang, ha, inh, khoa, lan;
  gint64   cert_giang, cert_ha, dev_giang, dev_ha, dev_inh;
} Fixture;

static const char *const domains[] = { "haiphong.edu.vn", NULL };

/* A person with every field the wizards check filled in (the fixture's
 * single-person helper gives only name, birth, CCCD and email). */
static gint64
add_staff (Fixture    *f,
           const char *name,
           const char *email,
           const char *left_reason)
{
  static guint n = 0;
  /* Hải Phòng (031), male born in the 20th century (0), year 85. */
  g_autofree char *cccd = g_strdup_printf ("031085%06u", ++n);
  g_autoptr(CdStaff) s = cd_test_staff_new (name, "1985-03-07", cccd, email);

  s->gender = g_strdup ("Nam");
  s->position = g_strdup ("Giáo viên");
  s->department = g_strdup ("Tổ Toán - Tin");
  s->cccd_date = g_strdup ("2021-04-15");
  s->cccd_place = g_strdup ("Cục Cảnh sát QLHC về TTXH");
  s->phone = g_strdup_printf ("0912%06u", n);
  if (left_reason != NULL)
    {
      s->left = TRUE;
      s->left_date = g_strdup ("2026-05-01");
      s->left_reason = g_strdup (left_reason);
    }
  return cd_test_save_staff (f->store, s);
}

static gint64
add_cert (Fixture    *f,
          gint64      staff_id,
          gint64      not_after,
          const char *ou,
          const char *email)
{
  g_autoptr(CdCertificate) c = cd_certificate_new ();
  g_autoptr(GError) error = NULL;
  static guint n = 0;

  n++;
  c->staff_id = staff_id;
  c->serial = g_strdup_printf ("5403A1B2C3D4E5F6%04u", n);
  c->fingerprint = g_strdup_printf ("%064u", n);
  c->subject_cn = g_strdup ("x");
  c->subject_ou = g_new0 (char *, 3);
  c->subject_ou[0] = g_strdup (ou);
  c->subject_ou[1] = g_strdup ("Sở Giáo dục và Đào tạo");
  c->subject_o = g_strdup ("UBND thành phố Hải Phòng");
  c->email = g_strdup (email);
  c->provider = g_strdup ("Ban Cơ yếu Chính phủ");
  c->not_before = not_after - 5 * 365 * (gint64) DAY;
  c->not_after = not_after;
  g_assert_true (cd_store_save_certificate (f->store, c, &error));
  g_assert_no_error (error);
  return c->id;
}

static gint64
add_device (Fixture    *f,
            gint64      holder,
            const char *serial,
            const char *status)
{
  g_autoptr(CdDevice) d = cd_device_new ();
  g_autoptr(GError) error = NULL;

  d->token_serial = g_strdup (serial);
  d->type = g_strdup ("TOKEN");
  d->holder_id = holder;
  d->status = g_strdup (status);
  g_assert_true (cd_store_save_device (f->store, d, &error));
  g_assert_no_error (error);
  return d->id;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(CdUnit) unit = cd_unit_new ();
  const char *school = "Trường THCS Lê Lợi";
  gint64 valid;

  f->tmp = cd_test_tmpdir ();
  path = g_build_filename (f->tmp, "certdesk.db", NULL);
  f->store = cd_store_open (path, &error);
  g_assert_no_error (error);
  unit->name = g_strdup (school);
  unit->parent_name = g_strdup ("UBND xã An Lão");
  unit->place = g_strdup ("Hải Phòng");
  unit->head_title = g_strdup ("HIỆU TRƯỞNG");
  unit->head_name = g_strdup ("Nguyễn Văn Hiệu");
  g_assert_true (cd_store_save_unit (f->store, unit, &error));

  /* 2026-06-01 00:00 UTC */
  f->now = 1780272000;
  valid = f->now + 700 * (gint64) DAY;

  /* working, never had a certificate: cấp mới */
  f->an = add_staff (f, "Nguyễn Văn An", "annv@haiphong.edu.vn", NULL);
  /* expiring in 30 days: gia hạn */
  f->binh = add_staff (f, "Trần Thị Bình", "binhtt@haiphong.edu.vn", NULL);
  add_cert (f, f->binh, f->now + 30 * (gint64) DAY, school, "binhtt@haiphong.edu.vn");
  /* official email changed: thay đổi nội dung */
  f->cuong = add_staff (f, "Lê Văn Cường", "cuonglv@haiphong.edu.vn", NULL);
  add_cert (f, f->cuong, valid, school, "cuong.le@haiphong.edu.vn");
  /* certificate of the school before the merger: thay đổi nội dung */
  f->dung = add_staff (f, "Phạm Thị Dung", "dungpt@haiphong.edu.vn", NULL);
  add_cert (f, f->dung, valid, "Trường THCS An Tiến", "dungpt@haiphong.edu.vn");
  /* expired: cấp mới */
  f->em = add_staff (f, "Hoàng Văn Em", "emhv@haiphong.edu.vn", NULL);
  add_cert (f, f->em, f->now - 10 * (gint64) DAY, school, "emhv@haiphong.edu.vn");
  /* no email at all, valid certificate: hòm thư */
  f->phuong = add_staff (f, "Vũ Thị Phương", NULL, NULL);
  add_cert (f, f->phuong, valid, school, NULL);
  /* retired with a valid certificate and a token: thu hồi */
  f->giang = add_staff (f, "Đỗ Văn Giang", "giangdv@haiphong.edu.vn", "Nghỉ hưu");
  f->cert_giang = add_cert (f, f->giang, valid, school, "giangdv@haiphong.edu.vn");
  f->dev_giang = add_device (f, f->giang, "B4ID000001", "with_holder");
  /* each token's certificate as reading the token records it: a device
   * is known to carry it only so (issue 16) */
  g_assert_true (cd_devices_link_certificate (f->store, f->dev_giang, f->cert_giang, &error));
  /* lost token: cấp lại and thu hồi */
  f->ha = add_staff (f, "Bùi Thị Hà", "habt@haiphong.edu.vn", NULL);
  f->cert_ha = add_cert (f, f->ha, valid, school, "habt@haiphong.edu.vn");
  f->dev_ha = add_device (f, f->ha, "B4ID000002", "lost");
  g_assert_true (cd_devices_link_certificate (f->store, f->dev_ha, f->cert_ha, &error));
  /* locked token: khôi phục */
  f->inh = add_staff (f, "Ngô Văn Inh", "inhnv@haiphong.edu.vn", NULL);
  f->dev_inh = add_device (f, f->inh, "B4ID000003", "locked");
  g_assert_true (cd_devices_link_certificate (f->store, f->dev_inh,
                                              add_cert (f, f->inh, valid, school, "inhnv@haiphong.edu.vn"),
                                              &error));
  g_assert_no_error (error);
  /* moved out of the province, certificate already expired: nothing */
  f->khoa = add_staff (f, "Đặng Văn Khoa", "khoadv@haiphong.edu.vn", "Chuyển công tác ra ngoài tỉnh");
  add_cert (f, f->khoa, f->now - 5 * (gint64) DAY, school, "khoadv@haiphong.edu.vn");
  /* a private mailbox: hòm thư */
  f->lan = add_staff (f, "Mai Thị Lan", "lanmai85@gmail.com", NULL);
  add_cert (f, f->lan, valid, school, "lanmai85@gmail.com");
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->store);
  cd_test_rm_rf (f->tmp);
  g_free (f->tmp);
}

static GPtrArray *
suggest (Fixture *f, const char *kind)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *items = cd_wizard_suggest (f->store, kind, f->now, 60, domains, &error);

  g_assert_no_error (error);
  g_assert_nonnull (items);
  return items;
}

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
test_suggest_new (Fixture *f, gconstpointer data)
{
  g_autoptr(GPtrArray) items = suggest (f, "cap-moi");

  g_assert_cmpuint (items->len, ==, 2);
  assert_why (items, f->an, "Chưa có chứng thư số");
  assert_why (items, f->em, "đã hết hạn ngày 22/05/2026");
  /* Vietnamese name order: given names An before Em */
  g_assert_cmpint (((CdWizardItem *) items->pdata[0])->staff_id, ==, f->an);
}

static void
test_suggest_renew (Fixture *f, gconstpointer data)
{
  g_autoptr(GPtrArray) items = suggest (f, "gia-han");

  g_assert_cmpuint (items->len, ==, 1);
  assert_why (items, f->binh, "hết hạn ngày 01/07/2026");
  g_assert_cmpint (item_of (items, f->binh)->certificate_id, !=, 0);
}

static void
test_suggest_change (Fixture *f, gconstpointer data)
{
  g_autoptr(GPtrArray) items = suggest (f, "thay-doi");

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
test_suggest_devices (Fixture *f, gconstpointer data)
{
  g_autoptr(GPtrArray) reissue = suggest (f, "cap-lai");
  g_autoptr(GPtrArray) restore = suggest (f, "khoi-phuc");

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
test_suggest_marked_locked (Fixture *f, gconstpointer data)
{
  gint64 dev = add_device (f, f->lan, "B4ID000004", "with_holder");
  g_autoptr(CdHandoverEvent) ev = cd_handover_event_new (CD_HANDOVER_MARK_LOCKED, "2026-06-01");
  g_autoptr(GPtrArray) before = suggest (f, "khoi-phuc");
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GError) error = NULL;
  CdWizardItem *item;

  g_assert_null (item_of (before, f->lan));
  ev->device_id = dev;
  ev->note = g_strdup ("Token báo khóa PIN");
  g_assert_true (cd_devices_apply (f->store, ev, 0, &error));
  g_assert_no_error (error);

  after = suggest (f, "khoi-phuc");
  g_assert_cmpuint (after->len, ==, 2);
  item = item_of (after, f->lan);
  g_assert_nonnull (item);
  g_assert_cmpint (item->device_id, ==, dev);
  g_assert_cmpint (item->certificate_id, !=, 0);
  g_assert_cmpstr (item->reason, ==, "Token bị khóa PIN");
  assert_why (after, f->lan, "B4ID000004");
}

static void
test_suggest_mailbox (Fixture *f, gconstpointer data)
{
  g_autoptr(GPtrArray) items = suggest (f, "hom-thu");

  g_assert_cmpuint (items->len, ==, 2);
  assert_why (items, f->phuong, "Chưa có email công vụ");
  assert_why (items, f->lan, "lanmai85@gmail.com");
}

static void
test_suggest_revocation (Fixture *f, gconstpointer data)
{
  g_autoptr(GPtrArray) items = suggest (f, CD_WIZARD_KIND_REVOCATION);
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
test_suggest_async (Fixture *f, gconstpointer data)
{
  const char * const *kinds = cd_wizard_request_kinds ();
  g_autoptr(GPtrArray) all = g_ptr_array_new ();

  for (guint i = 0; kinds[i] != NULL; i++)
    g_ptr_array_add (all, (gpointer) kinds[i]);
  g_ptr_array_add (all, (gpointer) CD_WIZARD_KIND_REVOCATION);
  for (guint k = 0; k < all->len; k++)
    {
      const char *kind = g_ptr_array_index (all, k);
      g_autoptr(GPtrArray) sync = suggest (f, kind);
      g_autoptr(GPtrArray) async = NULL;
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GError) error = NULL;

      cd_wizard_suggest_async (f->store, kind, f->now, 60, domains, NULL, suggest_async_cb, &result);
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
test_suggest_async_unknown_kind (Fixture *f, gconstpointer data)
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
break_record (Fixture *f, gint64 id)
{
  sqlite3 *db = cd_store_get_db (f->store);
  g_autofree char *sql = g_strdup_printf (
    "UPDATE staff SET cccd = NULL, cccd_date = NULL, phone = '12345', birth_date = '2099-01-01'"
    " WHERE id = %" G_GINT64_FORMAT, id);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
}

static gboolean
has_gap (GPtrArray *gaps, gint64 staff, const char *field, gboolean missing)
{
  for (guint i = 0; i < gaps->len; i++)
    {
      CdWizardGap *g = g_ptr_array_index (gaps, i);
      if (g->staff_id == staff && g_str_equal (g->field, field))
        {
          g_assert_nonnull (g->message);
          g_assert_cmpstr (g->full_name, !=, NULL);
          return missing ? g->value == NULL : g->value != NULL;
        }
    }
  return FALSE;
}

/* The mailbox list asks for official mailboxes: its column "Địa chỉ thư
 * điện tử đề nghị" is the one proposed from the name at the unit's
 * domain (as the command line proposes it), never the private address
 * that put someone on the list, and a missing or private address is no
 * gap to fill before the list can be made. */
static void
test_mailbox_list (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = suggest (f, "hom-thu");
  g_autoptr(CdWizardDraft) d = cd_wizard_draft_new ("hom-thu");
  g_autoptr(CdUnit) unit = cd_store_get_unit (f->store);
  g_autoptr(CdWizardTemplateInfo) info = NULL;
  g_autoptr(GPtrArray) gaps = NULL;
  g_autoptr(CdDocContext) ctx = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(CdDocxPackage) pkg = NULL;
  g_autofree char *tpl = NULL;
  g_autofree char *out = g_build_filename (f->tmp, "hom-thu.docx", NULL);
  g_autofree char *xml = NULL;
  g_autofree char *xlsx = NULL;
  const char *fields[] = { "ho_ten", "email", NULL };

  g_free (unit->email);
  unit->email = g_strdup ("c2leloi@haiphong.edu.vn");
  g_assert_true (cd_store_save_unit (f->store, unit, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < items->len; i++)
    cd_wizard_draft_add (d, cd_wizard_item_copy (g_ptr_array_index (items, i)));
  cd_wizard_draft_set_text (&d->date, "2026-06-01");

  tpl = cd_wizard_draft_template (d, &error);
  g_assert_no_error (error);
  info = cd_wizard_template_inspect (tpl, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_strv_contains ((const char *const *) info->fields, "email"));
  gaps = cd_wizard_draft_check (d, f->store, (const char *const *) info->fields, domains, "2026-06-01", &error);
  g_assert_no_error (error);
  g_assert_false (has_gap (gaps, f->phuong, "email", TRUE));
  g_assert_false (has_gap (gaps, f->lan, "email", FALSE));

  ctx = cd_wizard_draft_context (d, f->store, f->now, 60, &error);
  g_assert_no_error (error);
  rows = cd_wizard_preview_rows (ctx, fields);
  g_assert_cmpuint (rows->len, ==, 2);
  for (guint i = 0; i < rows->len; i++)
    {
      char **row = rows->pdata[i];

      g_test_message ("%s: %s", row[0], row[1]);
      g_assert_cmpstr (row[1], ==, g_str_equal (row[0], "Mai Thị Lan") ? "lanmt@haiphong.edu.vn"
                                                                       : "phuongvt@haiphong.edu.vn");
    }
  g_assert_true (cd_wizard_draft_generate (d, f->store, out, FALSE, f->now, 60, &xlsx, &error));
  g_assert_no_error (error);
  pkg = cd_docx_package_load (out, &error);
  g_assert_no_error (error);
  xml = cd_docx_package_get_part_text (pkg, "word/document.xml");
  g_assert_nonnull (strstr (xml, "lanmt@"));
  g_assert_nonnull (strstr (xml, "phuongvt@"));
  g_assert_null (strstr (xml, "lanmai85@gmail.com"));
}

static void
zip_put (zip_t *za, const char *name, const char *text)
{
  zip_source_t *src = zip_source_buffer (za, g_strdup (text), strlen (text), 1);
  g_assert_cmpint (zip_file_add (za, name, src, ZIP_FL_ENC_UTF_8), >=, 0);
}

/* A table without placeholders: its header row, then one empty row. */
static void
append_table (GString            *body,
              const char * const *heads)
{
  g_string_append (body, "<w:tbl><w:tr>");
  for (guint i = 0; heads[i] != NULL; i++)
    g_string_append_printf (body, "<w:tc><w:p><w:r><w:t>%s</w:t></w:r></w:p></w:tc>", heads[i]);
  g_string_append (body, "</w:tr><w:tr>");
  for (guint i = 0; heads[i] != NULL; i++)
    g_string_append (body, "<w:tc><w:p/></w:tc>");
  g_string_append (body, "</w:tr></w:tbl><w:p/>");
}

/* The Sở's form as it came, @name in @dir: the tables of @lists
 * (NULL-terminated header rows, the array NULL-terminated too). */
static char *
write_form_tables (const char                *dir,
                   const char                *name,
                   const char * const * const *lists)
{
  char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GString) body = g_string_new (NULL);
  g_autofree char *doc = NULL;
  int err = 0;
  zip_t *za = zip_open (path, ZIP_CREATE | ZIP_TRUNCATE, &err);

  for (guint t = 0; lists[t] != NULL; t++)
    append_table (body, lists[t]);
  doc = g_strdup_printf ("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                         "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
                         "<w:body>%s</w:body></w:document>", body->str);
  g_assert_nonnull (za);
  zip_put (za, "[Content_Types].xml",
           "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
           "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
           "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
           "<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>");
  zip_put (za, "_rels/.rels",
           "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
           "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/></Relationships>");
  zip_put (za, "word/document.xml", doc);
  g_assert_cmpint (zip_close (za), ==, 0);
  return path;
}

/* The Sở's form asking for the phone only, with a Chữ ký column. */
static char *
write_form (const char *dir)
{
  const char *heads[] = { "STT", "Họ và tên", "Chức vụ", "Điện thoại", "Chữ ký", NULL };
  const char * const *lists[] = { heads, NULL };

  return write_form_tables (dir, "mau-so.docx", lists);
}

static void
test_missing_fields (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdWizardDraft) renew = cd_wizard_draft_new ("gia-han");
  g_autoptr(CdWizardDraft) revoke = cd_wizard_draft_new (CD_WIZARD_KIND_REVOCATION);
  g_autoptr(CdWizardTemplateInfo) tr = NULL;
  g_autoptr(CdWizardTemplateInfo) tv = NULL;
  g_autoptr(CdWizardTemplateInfo) tf = NULL;
  g_autoptr(GPtrArray) gr = NULL;
  g_autoptr(GPtrArray) gv = NULL;
  g_autoptr(GPtrArray) gf = NULL;
  g_autofree char *tpl = NULL;
  g_autofree char *form = NULL;

  break_record (f, f->binh);
  g_assert_true (cd_wizard_draft_add_staff (renew, f->store, f->binh, &error));
  g_assert_true (cd_wizard_draft_add_staff (renew, f->store, f->an, &error));
  g_assert_true (cd_wizard_draft_add_staff (revoke, f->store, f->binh, &error));

  /* The built-in renewal list prints CCCD, its date, birth date, phone. */
  tpl = cd_wizard_draft_template (renew, &error);
  g_assert_no_error (error);
  tr = cd_wizard_template_inspect (tpl, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (tr->columns);
  g_assert_true (g_strv_contains ((const char *const *) tr->fields, "cccd"));
  gr = cd_wizard_draft_check (renew, f->store, (const char *const *) tr->fields, domains, "2026-06-01", &error);
  g_assert_no_error (error);
  g_assert_true (has_gap (gr, f->binh, "cccd", TRUE));
  g_assert_true (has_gap (gr, f->binh, "cccd_date", TRUE));
  g_assert_true (has_gap (gr, f->binh, "phone", FALSE));
  g_assert_true (has_gap (gr, f->binh, "birth_date", FALSE));
  g_assert_cmpuint (gr->len, ==, 4); /* An's record is complete */

  /* The revocation list prints neither CCCD nor phone. */
  g_clear_pointer (&tpl, g_free);
  tpl = cd_wizard_draft_template (revoke, &error);
  tv = cd_wizard_template_inspect (tpl, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (g_strv_contains ((const char *const *) tv->fields, "cccd"));
  gv = cd_wizard_draft_check (revoke, f->store, (const char *const *) tv->fields, domains, "2026-06-01", &error);
  g_assert_no_error (error);
  g_assert_true (has_gap (gv, f->binh, "birth_date", FALSE));
  /* and her certificate was read from no token: its device is unknown,
   * a warning saying how to link it (issue 16) */
  g_assert_true (has_gap (gv, f->binh, "device", TRUE));
  /* added by hand while still working: "Other", with no reason typed */
  g_assert_true (has_gap (gv, f->binh, "reason", TRUE));
  g_assert_cmpuint (gv->len, ==, 3);

  /* The Sở's form asks for the phone only; its Chữ ký column stays empty. */
  form = write_form (f->tmp);
  tf = cd_wizard_template_inspect (form, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (tf->columns);
  g_assert_cmpuint (tf->columns->len, ==, 5);
  g_assert_cmpstr (tf->fields[3], ==, "dien_thoai");
  g_assert_cmpstr (tf->fields[4], ==, "");
  g_assert_cmpstr (tf->headers[4], ==, "Chữ ký");
  gf = cd_wizard_draft_check (renew, f->store, (const char *const *) tf->fields, domains, "2026-06-01", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (gf->len, ==, 1);
  g_assert_true (has_gap (gf, f->binh, "phone", FALSE));
}

static void
test_save_resume (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdWizardDraft) d = cd_wizard_draft_new ("thay-doi");
  g_autoptr(CdWizardDraft) back = NULL;
  g_autoptr(GPtrArray) items = suggest (f, "thay-doi");
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

/* The table of @xml (word/document.xml) that names @text: 0 for none,
 * else its place among the document's tables, from 1. */
static guint
table_naming (const char *xml,
              const char *text)
{
  g_auto(GStrv) parts = g_strsplit (xml, "<w:tbl>", -1);

  for (guint i = 1; parts[i] != NULL; i++)
    if (strstr (parts[i], text) != NULL)
      return i;
  return 0;
}

/* A Sở's form holding both lists (seed 002: the request, then the
 * revocation list): each draft fills the table of its kind, and the
 * wizard's columns, preview and gaps are that table's. */
static void
test_form_two_lists (Fixture *f, gconstpointer data)
{
  const char *request[] = { "STT", "Họ và tên", "Ngày sinh", "Chức vụ", "Số căn cước công dân", NULL };
  const char *revocation[] = { "TT", "Họ và tên", "Ngày sinh", "Thông tin chứng thư số", "Lý do thu hồi", NULL };
  const char * const *lists[] = { request, revocation, NULL };
  g_autofree char *form = write_form_tables (f->tmp, "mau-so-hai-danh-sach.docx", lists);
  const char *kinds[] = { "cap-moi", CD_WIZARD_KIND_REVOCATION };

  for (guint pass = 0; pass < G_N_ELEMENTS (kinds); pass++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CdWizardDraft) d = cd_wizard_draft_new (kinds[pass]);
      g_autoptr(GPtrArray) items = suggest (f, kinds[pass]);
      g_autoptr(CdWizardTemplateInfo) info = cd_wizard_template_inspect (form, kinds[pass], &error);
      g_autoptr(CdDocContext) ctx = NULL;
      g_autoptr(GPtrArray) rows = NULL;
      g_autoptr(CdDocxPackage) pkg = NULL;
      g_autofree char *out = g_strdup_printf ("%s/%s.docx", f->tmp, kinds[pass]);
      g_autofree char *xml = NULL;
      const CdDocPerson *first;

      g_assert_no_error (error);
      g_assert_cmpuint (g_strv_length (info->fields), ==, 5);
      g_assert_cmpstr (info->fields[4], ==, pass == 0 ? "cccd" : "ly_do");
      g_assert_cmpstr (info->headers[4], ==, pass == 0 ? "Số căn cước công dân" : "Lý do thu hồi");

      g_assert_cmpuint (items->len, >, 0);
      for (guint i = 0; i < items->len; i++)
        cd_wizard_draft_add (d, cd_wizard_item_copy (g_ptr_array_index (items, i)));
      cd_wizard_draft_set_text (&d->date, "2026-11-19");
      cd_wizard_draft_set_text (&d->template_path, form);

      /* the preview shows the revocation's reasons under "Lý do thu hồi" */
      ctx = cd_wizard_draft_context (d, f->store, f->now, 60, &error);
      g_assert_no_error (error);
      rows = cd_wizard_preview_rows (ctx, (const char * const *) info->fields);
      first = g_ptr_array_index (ctx->people, 0);
      if (pass == 1)
        g_assert_cmpstr (((char **) rows->pdata[0])[4], ==, cd_revoke_reason_label (CD_REVOKE_RETIRED));
      else
        g_assert_cmpstr (((char **) rows->pdata[0])[4], ==, first->staff->cccd);

      g_assert_true (cd_wizard_draft_generate (d, f->store, out, FALSE, f->now, 60, NULL, &error));
      g_assert_no_error (error);
      pkg = cd_docx_package_load (out, &error);
      g_assert_no_error (error);
      xml = cd_docx_package_get_part_text (pkg, "word/document.xml");
      /* the first person is in the table of the draft's kind only */
      g_assert_cmpuint (table_naming (xml, first->staff->full_name), ==, pass + 1);
      if (pass == 1)
        g_assert_cmpuint (table_naming (xml, cd_revoke_reason_label (CD_REVOKE_RETIRED)), ==, 2);
    }
}

static void
test_revocation_complete (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdWizardDraft) d = cd_wizard_draft_new (CD_WIZARD_KIND_REVOCATION);
  g_autoptr(GPtrArray) items = suggest (f, CD_WIZARD_KIND_REVOCATION);
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
test_deadline_over_tet (Fixture *f, gconstpointer data)
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
test_request_done_revokes_nothing (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdWizardDraft) d = cd_wizard_draft_new ("cap-lai");
  g_autoptr(GPtrArray) items = suggest (f, "cap-lai");
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
test_suggest_async_retired (Fixture *f, gconstpointer data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = NULL;
  CdWizardItem *g;

  cd_wizard_suggest_async (f->store, CD_WIZARD_KIND_REVOCATION, f->now, 60, domains, NULL,
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
test_generate_async (Fixture *f, gconstpointer data)
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
test_generate_async_exists (Fixture *f, gconstpointer data)
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
test_count_pages_async (Fixture *f, gconstpointer data)
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
test_revocation_per_certificate (Fixture *f, gconstpointer data)
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
  gint64 second = add_cert (f, f->giang, f->now + 300 * (gint64) DAY, "Trường THCS Lê Lợi",
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

#define ADD(path, fn) g_test_add ("/core/wizard/" path, Fixture, NULL, fixture_setup, fn, fixture_teardown)
  ADD ("suggest/cap-moi", test_suggest_new);
  ADD ("suggest/async", test_suggest_async);
  ADD ("suggest/async-unknown-kind", test_suggest_async_unknown_kind);
  ADD ("suggest/async-retired", test_suggest_async_retired);
  ADD ("suggest/gia-han", test_suggest_renew);
  ADD ("suggest/thay-doi", test_suggest_change);
  ADD ("suggest/cap-lai-khoi-phuc", test_suggest_devices);
  ADD ("suggest/khoi-phuc-marked-locked", test_suggest_marked_locked);
  ADD ("suggest/hom-thu", test_suggest_mailbox);
  ADD ("hom-thu/requested-mailbox", test_mailbox_list);
  ADD ("suggest/thu-hoi", test_suggest_revocation);
  ADD ("check/missing-per-template", test_missing_fields);
  ADD ("form/two-lists", test_form_two_lists);
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
