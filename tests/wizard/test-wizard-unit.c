/* test-wizard-unit.c — the wizard kinds about the unit itself: Mẫu 02
 * (its organisation certificate) and Mẫu 03 (a service's certificate)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib.h>

#include "cd-batch.h"
#include "cd-docx.h"
#include "cd-store.h"
#include "cd-test-fixture.h"
#include "cd-test-util.h"
#include "cd-wizard-draft.h"
#include "cd-wizard-generate.h"
#include "cd-wizard-suggest.h"

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
  unit->name = g_strdup ("UBND xã An Lão");
  unit->parent_name = g_strdup ("UBND thành phố Hải Phòng");
  unit->place = g_strdup ("An Lão");
  unit->province = g_strdup ("Hải Phòng");
  unit->address = g_strdup ("Số 1 đường Nguyễn Văn Trỗi");
  unit->email = g_strdup ("ubndxaanlao@haiphong.gov.vn");
  unit->head_title = g_strdup ("CHỦ TỊCH");
  unit->head_name = g_strdup ("Nguyễn Văn Chủ");
  g_assert_true (cd_store_save_unit (f->store, unit, &error));
  g_assert_no_error (error);
  cd_test_add_staff (f->store, "Nguyễn Văn An", NULL, NULL, NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  cd_test_rm_rf (f->tmp);
  g_free (f->tmp);
}

static char *
document_text (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdDocxPackage) pkg = cd_docx_package_load (path, &error);

  g_assert_no_error (error);
  return cd_docx_package_get_part_text (pkg, "word/document.xml");
}

static void
test_kinds (void)
{
  const char * const *kinds = cd_wizard_request_kinds ();

  g_assert_true (g_strv_contains (kinds, "mau-02"));
  g_assert_true (g_strv_contains (kinds, "mau-03"));
  g_assert_true (cd_wizard_kind_is_unit ("mau-02"));
  g_assert_true (cd_wizard_kind_is_unit ("mau-03"));
  g_assert_false (cd_wizard_kind_is_unit ("cap-moi"));
  g_assert_false (cd_wizard_kind_is_unit (NULL));
  g_assert_nonnull (cd_wizard_kind_title ("mau-02"));
  g_assert_nonnull (cd_wizard_kind_explanation ("mau-03"));
  g_assert_cmpstr (cd_wizard_kind_file_word ("mau-02"), ==, "de_nghi_cts_to_chuc");
  g_assert_cmpstr (cd_wizard_kind_file_word ("mau-03"), ==, "de_nghi_cts_dich_vu");
}

static void
test_mau_02 (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdWizardDraft) draft = cd_wizard_draft_new ("mau-02");
  g_autoptr(GPtrArray) suggested = NULL;
  g_autoptr(CdUnit) unit = NULL;
  g_autofree char *out = g_build_filename (f->tmp, "mau-02.docx", NULL);
  g_autofree char *xml = NULL;

  /* nobody is suggested: the document is about the unit */
  suggested = cd_wizard_suggest (f->store, "mau-02", f->now, 60, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (suggested->len, ==, 0);

  /* without the tax code the form cannot be written */
  g_assert_false (cd_wizard_draft_generate (draft, f->store, out, FALSE, f->now, 60, NULL, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "tax_code"));
  g_clear_error (&error);
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));

  unit = cd_store_get_unit (f->store);
  unit->tax_code = g_strdup ("0201234567");
  unit->budget_code = g_strdup ("1234567");
  g_assert_true (cd_store_save_unit (f->store, unit, &error));
  g_assert_no_error (error);
  g_assert_true (cd_wizard_draft_generate (draft, f->store, out, FALSE, f->now, 60, NULL, &error));
  g_assert_no_error (error);
  xml = document_text (out);
  g_assert_nonnull (strstr (xml, "UBND xã An Lão"));
  g_assert_nonnull (strstr (xml, "0201234567"));
  g_assert_nonnull (strstr (xml, "1234567"));
  g_assert_nonnull (strstr (xml, "ubndxaanlao@haiphong.gov.vn"));
  g_assert_null (strstr (xml, "Nguyễn Văn An"));
  /* saved as a batch of its kind, with no rows */
  g_assert_cmpint (draft->batch_id, >, 0);
  {
    g_autoptr(CdWizardDraft) back = cd_batch_load (f->store, draft->batch_id, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (back->kind, ==, "mau-02");
    g_assert_cmpuint (back->items->len, ==, 0);
  }
}

static void
test_mau_03 (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdWizardDraft) draft = cd_wizard_draft_new ("mau-03");
  g_autoptr(CdWizardDraft) back = NULL;
  g_autofree char *out = g_build_filename (f->tmp, "mau-03.docx", NULL);
  g_autofree char *out2 = g_build_filename (f->tmp, "mau-03-b.docx", NULL);
  g_autofree char *xml = NULL;
  g_autofree char *xml2 = NULL;

  /* the certificate's name is asked for */
  g_assert_false (cd_wizard_draft_generate (draft, f->store, out, FALSE, f->now, 60, NULL, &error));
  g_assert_error (error, CD_WIZARD_ERROR, CD_WIZARD_ERROR_EMPTY);
  g_clear_error (&error);

  cd_wizard_draft_set_text (&draft->service_name, "Bộ phận Một cửa - UBND xã An Lão");
  g_assert_true (cd_wizard_draft_generate (draft, f->store, out, FALSE, f->now, 60, NULL, &error));
  g_assert_no_error (error);
  xml = document_text (out);
  g_assert_nonnull (strstr (xml, "Bộ phận Một cửa - UBND xã An Lão"));
  g_assert_nonnull (strstr (xml, "Chứng thư số phục vụ dịch vụ công"));

  /* the name and kind are kept with the batch */
  cd_wizard_draft_set_text (&draft->service_kind, "Chứng thư số cho thiết bị");
  g_assert_true (cd_batch_save (draft, f->store, &error));
  g_assert_no_error (error);
  back = cd_batch_load (f->store, draft->batch_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (back->service_name, ==, "Bộ phận Một cửa - UBND xã An Lão");
  g_assert_cmpstr (back->service_kind, ==, "Chứng thư số cho thiết bị");
  g_assert_true (cd_wizard_draft_generate (back, f->store, out2, FALSE, f->now, 60, NULL, &error));
  g_assert_no_error (error);
  xml2 = document_text (out2);
  g_assert_nonnull (strstr (xml2, "Chứng thư số cho thiết bị"));
}

int
main (int argc, char **argv)
{
  cd_test_init (&argc, &argv);
  g_test_add_func ("/core/wizard/unit/kinds", test_kinds);
  g_test_add ("/core/wizard/unit/mau-02", Fixture, NULL, fixture_set_up, test_mau_02, fixture_tear_down);
  g_test_add ("/core/wizard/unit/mau-03", Fixture, NULL, fixture_set_up, test_mau_03, fixture_tear_down);
  return g_test_run ();
}
