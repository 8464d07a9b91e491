/* test-wizard-people.c — who a wizard offers, the kind a person belongs
 * on, and the document number printed (issue 16)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <zip.h>

#include "cd-batch.h"
#include "cd-docx-package.h"
#include "cd-store.h"
#include "cd-test-fixture.h"
#include "cd-test-util.h"
#include "cd-wizard-check.h"
#include "cd-wizard-draft.h"
#include "cd-wizard-generate.h"
#include "cd-wizard-preview.h"
#include "cd-wizard-offer.h"
#include "cd-wizard-search.h"
#include "cd-wizard-suggest.h"

#define DAY (24 * 3600)
#define W_NS "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\""

typedef struct {
  char    *tmp;
  CdStore *store;
  gint64   now;
  gint64   working, expiring, expired, revoked, none, retired;
  gint64   cert_retired;
} Fixture;

static gint64
add_staff (Fixture    *f,
           const char *name,
           gboolean    left)
{
  static guint n = 0;
  g_autofree char *cccd = g_strdup_printf ("031085%06u", ++n);
  g_autofree char *email = g_strdup_printf ("gv%u@haiphong.edu.vn", n);
  g_autoptr(CdStaff) s = cd_test_staff_new (name, "1985-03-07", cccd, email);

  s->gender = g_strdup ("Nam");
  s->position = g_strdup ("Giáo viên");
  s->phone = g_strdup_printf ("0912%06u", n);
  if (left)
    {
      s->left = TRUE;
      s->left_date = g_strdup ("2026-05-01");
      s->left_reason = g_strdup ("Nghỉ hưu");
    }
  return cd_test_save_staff (f->store, s);
}

static gint64
add_cert (Fixture  *f,
          gint64    staff_id,
          gint64    not_after,
          gboolean  revoked)
{
  g_autoptr(CdCertificate) c = cd_certificate_new ();
  g_autoptr(GError) error = NULL;
  static guint n = 0;

  n++;
  c->staff_id = staff_id;
  c->serial = g_strdup_printf ("5403A1B2C3D4E5F7%04u", n);
  c->fingerprint = g_strdup_printf ("%064u", n + 500);
  c->subject_cn = g_strdup ("x");
  c->provider = g_strdup ("Ban Cơ yếu Chính phủ");
  c->not_before = not_after - 5 * 365 * (gint64) DAY;
  c->not_after = not_after;
  c->revoked = revoked;
  g_assert_true (cd_store_save_certificate (f->store, c, &error));
  g_assert_no_error (error);
  return c->id;
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
  unit->parent_name = g_strdup ("UBND xã An Lão");
  unit->place = g_strdup ("Hải Phòng");
  unit->head_title = g_strdup ("HIỆU TRƯỞNG");
  unit->head_name = g_strdup ("Nguyễn Văn Hiệu");
  g_assert_true (cd_store_save_unit (f->store, unit, &error));

  /* 2026-06-01 00:00 UTC */
  f->now = 1780272000;
  f->working = add_staff (f, "Nguyễn Văn An", FALSE);
  add_cert (f, f->working, f->now + 700 * (gint64) DAY, FALSE);
  f->expiring = add_staff (f, "Trần Thị Bình", FALSE);
  add_cert (f, f->expiring, f->now + 30 * (gint64) DAY, FALSE);
  f->expired = add_staff (f, "Hoàng Văn Em", FALSE);
  add_cert (f, f->expired, f->now - 10 * (gint64) DAY, FALSE);
  f->revoked = add_staff (f, "Lê Văn Cường", TRUE);
  add_cert (f, f->revoked, f->now + 700 * (gint64) DAY, TRUE);
  f->none = add_staff (f, "Phạm Thị Dung", FALSE);
  f->retired = add_staff (f, "Đỗ Văn Giang", TRUE);
  f->cert_retired = add_cert (f, f->retired, f->now + 700 * (gint64) DAY, FALSE);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->store);
  cd_test_rm_rf (f->tmp);
  g_free (f->tmp);
}

static gboolean
suggested (Fixture *f, const char *kind, gint64 staff_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = cd_wizard_suggest (f->store, kind, f->now, 60, NULL, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < items->len; i++)
    if (((CdWizardItem *) g_ptr_array_index (items, i))->staff_id == staff_id)
      return TRUE;
  return FALSE;
}

/* Request lists are for people who work here; a revocation only for a
 * certificate still in force and not on a list already sent. */
static void
test_refusal (Fixture *f, gconstpointer data)
{
  g_autoptr(CdWizardDraft) request = cd_wizard_draft_new ("cap-moi");
  g_autoptr(CdWizardDraft) revocation = cd_wizard_draft_new (CD_WIZARD_KIND_REVOCATION);
  g_autoptr(CdWizardDraft) sent = cd_wizard_draft_new (CD_WIZARD_KIND_REVOCATION);
  g_autoptr(GError) error = NULL;
  g_autofree char *why = NULL;

  g_assert_null (cd_wizard_draft_refusal (request, f->store, f->none, f->now));
  why = cd_wizard_draft_refusal (request, f->store, f->retired, f->now);
  g_assert_nonnull (why);
  g_assert_nonnull (strstr (why, "Đỗ Văn Giang"));
  g_clear_pointer (&why, g_free);

  /* already revoked: nothing left to revoke */
  why = cd_wizard_draft_refusal (revocation, f->store, f->revoked, f->now);
  g_assert_nonnull (why);
  g_assert_nonnull (strstr (why, "thu hồi"));
  g_clear_pointer (&why, g_free);
  /* an expired certificate, or none, neither */
  why = cd_wizard_draft_refusal (revocation, f->store, f->expired, f->now);
  g_assert_nonnull (why);
  g_clear_pointer (&why, g_free);
  why = cd_wizard_draft_refusal (revocation, f->store, f->none, f->now);
  g_assert_nonnull (why);
  g_clear_pointer (&why, g_free);
  g_assert_null (cd_wizard_draft_refusal (revocation, f->store, f->retired, f->now));
  g_assert_true (suggested (f, CD_WIZARD_KIND_REVOCATION, f->retired));

  /* on a revocation list sent to the provider: not offered again */
  g_assert_true (cd_wizard_draft_add_staff (sent, f->store, f->retired, &error));
  g_assert_no_error (error);
  g_assert_true (cd_batch_save (sent, f->store, &error));
  g_assert_no_error (error);
  g_assert_true (cd_batch_set_status (f->store, sent->batch_id, CD_BATCH_SENT, "2026-06-02", NULL, &error));
  g_assert_no_error (error);
  g_assert_true (cd_wizard_certificate_on_sent_revocation (f->store, f->cert_retired, 0));
  g_assert_false (cd_wizard_certificate_on_sent_revocation (f->store, f->cert_retired, sent->batch_id));
  why = cd_wizard_draft_refusal (revocation, f->store, f->retired, f->now);
  g_assert_nonnull (why);
  g_assert_nonnull (strstr (why, "đã gửi"));
  g_clear_pointer (&why, g_free);
  g_assert_false (suggested (f, CD_WIZARD_KIND_REVOCATION, f->retired));
  /* the sent list itself still holds its person */
  g_assert_null (cd_wizard_draft_refusal (sent, f->store, f->retired, f->now));
}

/* Mẫu 05 is the Sở's form of the revocation list (the command line
 * writes it with the wizard's rows): sent, it keeps its certificates off
 * the next list as the Danh sách thu hồi does, and a Mẫu 05 draft is a
 * revocation (one row per certificate, reasons, revoked when done). */
static void
test_form_05_is_revocation (Fixture *f, gconstpointer data)
{
  g_autoptr(CdWizardDraft) form = cd_wizard_draft_new ("mau-05");
  g_autoptr(CdWizardDraft) revocation = cd_wizard_draft_new (CD_WIZARD_KIND_REVOCATION);
  g_autoptr(GError) error = NULL;
  g_autofree char *why = NULL;

  g_assert_true (cd_wizard_draft_is_revocation (form));
  g_assert_true (cd_wizard_kind_is_revocation ("mau-05"));
  g_assert_true (cd_wizard_kind_is_revocation (CD_WIZARD_KIND_REVOCATION));
  g_assert_false (cd_wizard_kind_is_revocation ("cap-moi"));
  g_assert_false (cd_wizard_kind_is_revocation ("mau-06"));
  g_assert_false (cd_wizard_kind_is_revocation (NULL));
  /* its batches are named as the form, not "mau-05" */
  g_assert_cmpstr (cd_wizard_kind_title ("mau-05"), ==, "Mẫu 05: công văn đề nghị thu hồi");
  g_assert_nonnull (cd_wizard_kind_title (CD_WIZARD_KIND_REVOCATION));
  g_assert_null (cd_wizard_kind_title ("no-such-kind"));
  /* but it is no kind of the wizard's: suggestions are asked by the
   * wizard's kind (cd_wizard_kind_of_document) */
  g_assert_false (cd_wizard_kind_is_known ("mau-05"));
  g_assert_true (cd_wizard_kind_is_known (CD_WIZARD_KIND_REVOCATION));
  g_assert_null (cd_wizard_suggest (f->store, "mau-05", f->now, 60, NULL, &error));
  g_assert_error (error, CD_WIZARD_ERROR, CD_WIZARD_ERROR_UNKNOWN_KIND);
  g_clear_error (&error);

  g_assert_true (cd_wizard_draft_add_staff (form, f->store, f->retired, &error));
  g_assert_no_error (error);
  g_assert_true (cd_batch_save (form, f->store, &error));
  g_assert_no_error (error);
  g_assert_true (cd_batch_set_status (f->store, form->batch_id, CD_BATCH_SENT, "2026-06-02", NULL, &error));
  g_assert_no_error (error);
  g_assert_true (cd_wizard_certificate_on_sent_revocation (f->store, f->cert_retired, 0));
  why = cd_wizard_draft_refusal (revocation, f->store, f->retired, f->now);
  g_assert_nonnull (why);
  g_assert_nonnull (strstr (why, "đã gửi"));
  g_assert_false (suggested (f, CD_WIZARD_KIND_REVOCATION, f->retired));
}

/* An expired, revoked or missing certificate cannot be renewed: the
 * renewal offers Cấp mới instead. */
static void
test_better_kind (Fixture *f, gconstpointer data)
{
  g_autoptr(CdWizardDraft) renewal = cd_wizard_draft_new ("gia-han");
  g_autoptr(CdWizardDraft) fresh = cd_wizard_draft_new ("cap-moi");
  g_autofree char *warning = NULL;

  g_assert_null (cd_wizard_draft_better_kind (renewal, f->store, f->expiring, f->now, &warning));
  g_assert_null (warning);
  g_assert_null (cd_wizard_draft_better_kind (renewal, f->store, f->working, f->now, NULL));
  g_assert_cmpstr (cd_wizard_draft_better_kind (renewal, f->store, f->expired, f->now, &warning), ==, "cap-moi");
  g_assert_nonnull (strstr (warning, "Hoàng Văn Em"));
  g_assert_nonnull (strstr (warning, "22/05/2026"));
  g_assert_nonnull (strstr (warning, "Cấp mới"));
  g_clear_pointer (&warning, g_free);
  g_assert_cmpstr (cd_wizard_draft_better_kind (renewal, f->store, f->none, f->now, &warning), ==, "cap-moi");
  g_clear_pointer (&warning, g_free);
  g_assert_cmpstr (cd_wizard_draft_better_kind (renewal, f->store, f->revoked, f->now, NULL), ==, "cap-moi");
  /* other kinds take anybody the suggestions would */
  g_assert_null (cd_wizard_draft_better_kind (fresh, f->store, f->expired, f->now, NULL));
}

static void
zip_put (zip_t *za, const char *name, const char *text)
{
  zip_source_t *src = zip_source_buffer (za, g_strdup (text), strlen (text), 1);
  g_assert_cmpint (zip_file_add (za, name, src, ZIP_FL_ENC_UTF_8), >=, 0);
}

/* The Sở's form as it comes: a frame with "Số: ……/……", no placeholders,
 * a table whose header names the columns and blank numbered rows. */
static void
write_form (const char *path)
{
  int err = 0;
  zip_t *za = zip_open (path, ZIP_CREATE | ZIP_TRUNCATE, &err);
  g_autofree char *doc = g_strdup_printf (
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<w:document " W_NS "><w:body>"
    "<w:p><w:r><w:t>TÊN ĐƠN VỊ</w:t></w:r></w:p>"
    "<w:p><w:r><w:t xml:space=\"preserve\">Số:      ……/……</w:t></w:r></w:p>"
    "<w:p><w:r><w:t>…………….., ngày       tháng     năm 2026</w:t></w:r></w:p>"
    "<w:tbl><w:tr>"
    "<w:tc><w:p><w:r><w:t>STT</w:t></w:r></w:p></w:tc>"
    "<w:tc><w:p><w:r><w:t>Họ và tên</w:t></w:r></w:p></w:tc>"
    "<w:tc><w:p><w:r><w:t>Ngày sinh</w:t></w:r></w:p></w:tc>"
    "<w:tc><w:p><w:r><w:t>Số căn cước công dân</w:t></w:r></w:p></w:tc>"
    "</w:tr><w:tr>"
    "<w:tc><w:p><w:r><w:t>1</w:t></w:r></w:p></w:tc><w:tc><w:p/></w:tc><w:tc><w:p/></w:tc><w:tc><w:p/></w:tc>"
    "</w:tr></w:tbl>"
    "<w:p><w:r><w:t>HIỆU TRƯỞNG</w:t></w:r></w:p>"
    "</w:body></w:document>");

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
}

/* The text of the generated document's body, tags removed. */
static char *
docx_text (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdDocxPackage) pkg = cd_docx_package_load (path, &error);
  g_autofree char *xml = NULL;
  g_autoptr(GRegex) tags = g_regex_new ("<[^>]*>", 0, 0, NULL);

  g_assert_no_error (error);
  xml = cd_docx_package_get_part_text (pkg, "word/document.xml");
  g_assert_nonnull (xml);
  return g_regex_replace_literal (tags, xml, -1, 0, "", 0, NULL);
}

static void
generate_numbered (Fixture    *f,
                   const char *template_path,
                   const char *out)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdWizardDraft) d = cd_wizard_draft_new ("gia-han");
  g_autofree char *text = NULL;

  g_assert_true (cd_wizard_draft_add_staff (d, f->store, f->expiring, &error));
  g_assert_no_error (error);
  cd_wizard_draft_set_text (&d->doc_number, "15/THCSLL-VT");
  d->template_path = g_strdup (template_path);
  g_assert_true (cd_wizard_draft_generate (d, f->store, out, FALSE, f->now, 60, NULL, &error));
  g_assert_no_error (error);
  text = docx_text (out);
  if (strstr (text, "Số: 15/THCSLL-VT") == NULL)
    g_error ("the number typed is not printed in %s:\n%s", out, text);
  g_assert_nonnull (strstr (text, "Trần Thị Bình"));
}

/* The number typed in the wizard's document step is the "Số: …" line of
 * the header, in the built-in form and in the Sở's own form. */
static void
test_number_printed (Fixture *f, gconstpointer data)
{
  g_autofree char *builtin = g_build_filename (f->tmp, "builtin.docx", NULL);
  g_autofree char *form = g_build_filename (f->tmp, "mau-so.docx", NULL);
  g_autofree char *filled = g_build_filename (f->tmp, "filled.docx", NULL);

  generate_numbered (f, NULL, builtin);
  write_form (form);
  generate_numbered (f, form, filled);
}

static void
search_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

/* The search-to-add reads the register on a worker: accents ignored, each
 * hit with why the procedure does not take them. */
static void
test_search_async (Fixture *f, gconstpointer data)
{
  g_autoptr(CdWizardDraft) request = cd_wizard_draft_new ("cap-moi");
  g_autoptr(CdWizardDraft) revocation = cd_wizard_draft_new (CD_WIZARD_KIND_REVOCATION);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GPtrArray) direct = NULL;
  CdWizardHit *hit;

  cd_wizard_search_async (f->store, request, "do van giang", f->now, 20, NULL, search_done_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  hits = cd_wizard_search_finish (f->store, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 1);
  hit = g_ptr_array_index (hits, 0);
  g_assert_cmpint (hit->staff_id, ==, f->retired);
  g_assert_cmpstr (hit->full_name, ==, "Đỗ Văn Giang");
  g_assert_cmpstr (hit->position, ==, "Giáo viên");
  /* left: no request for him */
  g_assert_nonnull (hit->refusal);

  direct = cd_wizard_search (f->store, revocation, "Giang", f->now, 20, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (direct->len, ==, 1);
  /* but his certificate is in force: a revocation takes him */
  g_assert_null (((CdWizardHit *) g_ptr_array_index (direct, 0))->refusal);
  g_clear_pointer (&direct, g_ptr_array_unref);
  direct = cd_wizard_search (f->store, revocation, "", f->now, 20, &error);
  g_assert_cmpuint (direct->len, ==, 0);
}

/* A person added by hand is judged on a worker (refused, belongs on
 * another kind of list, or taken), with the names and serials the step
 * shows; a resumed draft's rows get theirs there too. */
static void
test_offer_async (Fixture *f, gconstpointer data)
{
  g_autoptr(CdWizardDraft) renewal = cd_wizard_draft_new ("gia-han");
  g_autoptr(CdWizardDraft) revocation = cd_wizard_draft_new (CD_WIZARD_KIND_REVOCATION);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) offers = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  CdWizardOffer *o;
  CdWizardItem *item;

  g_array_append_val (ids, f->working);
  g_array_append_val (ids, f->expired);
  g_array_append_val (ids, f->retired);
  cd_wizard_offer_async (f->store, renewal, ids, f->now, NULL, search_done_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  offers = cd_wizard_offer_finish (f->store, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (offers->len, ==, 3);
  /* in force: taken, one row, named */
  o = g_ptr_array_index (offers, 0);
  g_assert_cmpint (o->staff_id, ==, f->working);
  g_assert_null (o->refusal);
  g_assert_null (o->better_kind);
  g_assert_null (o->warning);
  g_assert_cmpuint (o->items->len, ==, 1);
  item = g_ptr_array_index (o->items, 0);
  g_assert_cmpstr (item->name, ==, "Nguyễn Văn An");
  g_assert_nonnull (item->serial);
  /* expired: offered with Cấp mới and the warning */
  o = g_ptr_array_index (offers, 1);
  g_assert_null (o->refusal);
  g_assert_cmpstr (o->better_kind, ==, "cap-moi");
  g_assert_nonnull (strstr (o->warning, "Hoàng Văn Em"));
  g_assert_nonnull (strstr (o->warning, "Cấp mới"));
  g_assert_cmpuint (o->items->len, ==, 1);
  /* left: refused, nothing offered */
  o = g_ptr_array_index (offers, 2);
  g_assert_nonnull (o->refusal);
  g_assert_cmpuint (o->items->len, ==, 0);

  /* a revocation: the expired person has nothing to revoke */
  g_clear_pointer (&offers, g_ptr_array_unref);
  g_array_set_size (ids, 0);
  g_array_append_val (ids, f->expired);
  offers = cd_wizard_offer (f->store, revocation, ids, f->now, &error);
  g_assert_no_error (error);
  o = g_ptr_array_index (offers, 0);
  g_assert_nonnull (strstr (o->refusal, "Hoàng Văn Em"));

  /* a resumed draft's rows, saved without names */
  g_assert_true (cd_wizard_draft_add_staff (revocation, f->store, f->retired, &error));
  g_assert_no_error (error);
  item = g_ptr_array_index (revocation->items, 0);
  g_clear_pointer (&item->name, g_free);
  g_clear_pointer (&item->serial, g_free);
  g_clear_object (&result);
  cd_wizard_rows_async (f->store, revocation, NULL, search_done_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  rows = cd_wizard_rows_finish (f->store, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 1);
  item = g_ptr_array_index (rows, 0);
  g_assert_cmpstr (item->name, ==, "Đỗ Văn Giang");
  g_assert_nonnull (item->serial);
  /* the window's draft is left as it was */
  g_assert_null (((CdWizardItem *) g_ptr_array_index (revocation->items, 0))->name);
}

/* The command line's --generate=KIND --staff=… judges its people by the
 * wizard's rule: the Sở's letters by the list they carry, the minutes
 * and the register by none. */
static void
test_unsuited_documents (Fixture *f, gconstpointer data)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) out = NULL;
  g_autoptr(GError) error = NULL;
  CdWizardOffer *o;

  g_assert_cmpstr (cd_wizard_kind_of_document ("gia-han"), ==, "gia-han");
  g_assert_cmpstr (cd_wizard_kind_of_document ("thu-hoi"), ==, "thu-hoi");
  g_assert_cmpstr (cd_wizard_kind_of_document ("mau-01"), ==, "cap-moi");
  g_assert_cmpstr (cd_wizard_kind_of_document ("mau-04"), ==, "gia-han");
  g_assert_cmpstr (cd_wizard_kind_of_document ("mau-05"), ==, "thu-hoi");
  g_assert_cmpstr (cd_wizard_kind_of_document ("mau-06"), ==, "khoi-phuc");
  g_assert_null (cd_wizard_kind_of_document ("mau-02"));
  g_assert_null (cd_wizard_kind_of_document ("mau-08"));
  g_assert_null (cd_wizard_kind_of_document ("register"));
  g_assert_null (cd_wizard_kind_of_document (NULL));

  g_array_append_val (ids, f->working);
  g_array_append_val (ids, f->none);
  g_array_append_val (ids, f->expired);
  g_array_append_val (ids, f->retired);
  /* a renewal letter: nothing to renew for two, one has left */
  out = cd_wizard_offer_unsuited (f->store, "mau-04", ids, f->now, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (out->len, ==, 3);
  o = g_ptr_array_index (out, 0);
  g_assert_cmpint (o->staff_id, ==, f->none);
  g_assert_null (o->refusal);
  g_assert_cmpstr (o->better_kind, ==, "cap-moi");
  g_assert_nonnull (strstr (o->warning, "Phạm Thị Dung"));
  o = g_ptr_array_index (out, 1);
  g_assert_cmpint (o->staff_id, ==, f->expired);
  g_assert_cmpstr (o->better_kind, ==, "cap-moi");
  o = g_ptr_array_index (out, 2);
  g_assert_cmpint (o->staff_id, ==, f->retired);
  g_assert_nonnull (strstr (o->refusal, "Đỗ Văn Giang"));
  g_clear_pointer (&out, g_ptr_array_unref);

  /* a revocation: nothing in force to revoke for two */
  out = cd_wizard_offer_unsuited (f->store, "mau-05", ids, f->now, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (out->len, ==, 2);
  o = g_ptr_array_index (out, 0);
  g_assert_cmpint (o->staff_id, ==, f->none);
  g_assert_nonnull (strstr (o->refusal, "Phạm Thị Dung"));
  o = g_ptr_array_index (out, 1);
  g_assert_cmpint (o->staff_id, ==, f->expired);
  g_assert_nonnull (o->refusal);
  g_clear_pointer (&out, g_ptr_array_unref);

  /* the minutes: the wizard has no rule for them */
  out = cd_wizard_offer_unsuited (f->store, "mau-08", ids, f->now, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (out->len, ==, 0);
}

/* Many people at once: the draft's rows by key, added and removed as
 * cd_wizard_draft_add() and _remove() would, in the same order. */
static void
test_draft_index (void)
{
  g_autoptr(CdWizardDraft) request = cd_wizard_draft_new ("cap-moi");
  g_autoptr(CdWizardDraft) revocation = cd_wizard_draft_new ("thu-hoi");
  g_autoptr(GHashTable) index = NULL;
  g_autoptr(GHashTable) drop = g_hash_table_new (NULL, NULL);
  CdWizardItem *item;

  for (gint64 id = 1; id <= 5; id++)
    g_assert_true (cd_wizard_draft_add (request, cd_wizard_item_new (id)));
  index = cd_wizard_draft_index (request);
  g_assert_cmpuint (g_hash_table_size (index), ==, 5);
  /* a person already listed is not listed twice */
  item = cd_wizard_item_new (3);
  item->certificate_id = 9;
  g_assert_false (cd_wizard_draft_add_indexed (request, index, item));
  g_assert_true (cd_wizard_draft_add_indexed (request, index, cd_wizard_item_new (6)));
  g_assert_cmpuint (request->items->len, ==, 6);
  g_assert_true (request->dirty);
  /* two rows off, the others in their order */
  g_hash_table_add (drop, cd_wizard_draft_find (request, 2));
  g_hash_table_add (drop, cd_wizard_draft_find (request, 6));
  g_assert_cmpuint (cd_wizard_draft_remove_items (request, drop), ==, 2);
  g_assert_cmpuint (request->items->len, ==, 4);
  {
    static const gint64 kept[] = { 1, 3, 4, 5 };
    for (guint i = 0; i < G_N_ELEMENTS (kept); i++)
      g_assert_cmpint (((CdWizardItem *) g_ptr_array_index (request->items, i))->staff_id, ==, kept[i]);
  }
  g_hash_table_remove_all (drop);
  request->dirty = FALSE;
  g_assert_cmpuint (cd_wizard_draft_remove_items (request, drop), ==, 0);
  g_assert_false (request->dirty);

  /* a revocation: one row per certificate of a person */
  g_clear_pointer (&index, g_hash_table_unref);
  index = cd_wizard_draft_index (revocation);
  item = cd_wizard_item_new (7);
  item->certificate_id = 1;
  g_assert_true (cd_wizard_draft_add_indexed (revocation, index, item));
  item = cd_wizard_item_new (7);
  item->certificate_id = 2;
  g_assert_true (cd_wizard_draft_add_indexed (revocation, index, item));
  item = cd_wizard_item_new (7);
  item->certificate_id = 2;
  g_assert_false (cd_wizard_draft_add_indexed (revocation, index, item));
  g_assert_cmpuint (revocation->items->len, ==, 2);
  {
    g_autofree char *key = cd_wizard_draft_key (revocation, 7, 2);
    g_assert_true (g_hash_table_lookup (index, key) == cd_wizard_draft_find_certificate (revocation, 7, 2));
  }
}

/* The reason gap of @gaps for @staff_id: an error, nothing typed. */
static gboolean
has_reason_gap (GPtrArray *gaps,
                gint64     staff_id)
{
  for (guint i = 0; i < gaps->len; i++)
    {
      CdWizardGap *g = g_ptr_array_index (gaps, i);

      if (g->staff_id == staff_id && g_str_equal (g->field, "reason"))
        {
          g_assert_true (g->error);
          g_assert_null (g->value);
          g_assert_nonnull (g->message);
          return TRUE;
        }
    }
  return FALSE;
}

/* A revocation row with "Lý do khác" chosen and nothing typed prints no
 * reason, not the words "Lý do khác", and is a gap the clerk must fill;
 * typed, or a listed reason, it is none. A draft saved before with the
 * bare words is a gap too. */
static void
test_other_reason_empty (Fixture *f, gconstpointer data)
{
  static const char *fields[] = { "ho_ten", "ly_do", NULL };
  g_autoptr(CdWizardDraft) d = cd_wizard_draft_new (CD_WIZARD_KIND_REVOCATION);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) gaps = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(CdDocContext) ctx = NULL;
  CdWizardItem *item;

  g_assert_true (cd_wizard_draft_add_staff (d, f->store, f->working, &error));
  g_assert_no_error (error);
  item = g_ptr_array_index (d->items, 0);
  cd_wizard_item_set_revoke_reason (item, CD_REVOKE_OTHER, "");
  g_assert_null (item->reason);
  gaps = cd_wizard_draft_check (d, f->store, fields, NULL, "2026-06-01", &error);
  g_assert_no_error (error);
  g_assert_true (has_reason_gap (gaps, f->working));
  ctx = cd_wizard_draft_context (d, f->store, f->now, 60, &error);
  g_assert_no_error (error);
  rows = cd_wizard_preview_rows (ctx, fields);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_cmpstr (((char **) g_ptr_array_index (rows, 0))[1], ==, "");
  g_clear_pointer (&gaps, g_ptr_array_unref);

  cd_wizard_item_set_revoke_reason (item, CD_REVOKE_OTHER, "Đi học dài hạn");
  gaps = cd_wizard_draft_check (d, f->store, fields, NULL, "2026-06-01", &error);
  g_assert_false (has_reason_gap (gaps, f->working));
  g_clear_pointer (&gaps, g_ptr_array_unref);

  cd_wizard_item_set_revoke_reason (item, CD_REVOKE_RETIRED, NULL);
  gaps = cd_wizard_draft_check (d, f->store, fields, NULL, "2026-06-01", &error);
  g_assert_false (has_reason_gap (gaps, f->working));
  g_clear_pointer (&gaps, g_ptr_array_unref);

  item->revoke_reason = CD_REVOKE_OTHER;
  g_free (item->reason);
  item->reason = g_strdup ("Lý do khác");
  gaps = cd_wizard_draft_check (d, f->store, fields, NULL, "2026-06-01", &error);
  g_assert_true (has_reason_gap (gaps, f->working));
}

int
main (int argc, char **argv)
{
  cd_test_init (&argc, &argv);

#define ADD(path, fn) g_test_add ("/core/wizard/people/" path, Fixture, NULL, fixture_setup, fn, fixture_teardown)
  ADD ("refusal", test_refusal);
  ADD ("better-kind", test_better_kind);
  ADD ("number-printed", test_number_printed);
  ADD ("search-async", test_search_async);
  ADD ("offer-async", test_offer_async);
  ADD ("other-reason-empty", test_other_reason_empty);
  ADD ("unsuited-documents", test_unsuited_documents);
  ADD ("form-05-is-revocation", test_form_05_is_revocation);
#undef ADD
  g_test_add_func ("/core/wizard/people/draft-index", test_draft_index);
  return g_test_run ();
}
