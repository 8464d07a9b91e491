/* test-docx-form-kind.c — a Sở's form with no list of the kind asked for
 *
 * A form may hold the request list, the revocation list or both (seed
 * 002). Asked for a request on a form holding only the revocation list,
 * or the other way round, the fill used to fill the other list without a
 * word; it now refuses (CD_DOCS_ERROR_WRONG_LIST), naming the kinds the
 * form does make as the wizard names them (the window shows the message
 * as it is; the command line adds their codes, cd_docx_form_kinds), and
 * so do the generation (nothing written) and the wizard's template step
 * (cd_wizard_template_inspect). A form with both
 * lists, one of the right sort, a kind with no list (minutes, Mẫu 02) and
 * no kind at all are filled as before.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "cd-docx.h"
#include "cd-test-util.h"
#include "cd-wizard-kind.h"
#include "cd-wizard-preview.h"
#include "docs-people.h"
#include "docs-write.h"

#define TC(t) "<w:tc><w:p><w:r><w:t>" t "</w:t></w:r></w:p></w:tc>"
#define BLANK_ROW "<w:tr>" TC ("1") "<w:tc><w:p/></w:tc><w:tc><w:p/></w:tc><w:tc><w:p/></w:tc><w:tc><w:p/></w:tc></w:tr>"
#define REQUEST \
  "<w:tbl><w:tr>" TC ("STT") TC ("Họ và tên") TC ("Ngày sinh") TC ("Chức vụ") TC ("Số căn cước công dân") "</w:tr>" \
  BLANK_ROW "</w:tbl><w:p/>"
#define REVOCATION \
  "<w:tbl><w:tr>" TC ("TT") TC ("Họ và tên") TC ("Ngày sinh") TC ("Thông tin chứng thư số") TC ("Lý do thu hồi") "</w:tr>" \
  BLANK_ROW "</w:tbl><w:p/>"
#define FRAME "<w:tbl><w:tr>" TC ("TÊN ĐƠN VỊ") TC ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM") "</w:tr></w:tbl>"

static const char *request_kinds = "cap-moi, cap-lai, gia-han, thay-doi, khoi-phuc, hom-thu, mau-01, mau-04, mau-06";

/* The form @name in @dir, whose body is @body (docs-write.c); its path. */
static char *
write_docx (const char *dir, const char *name, const char *body)
{
  char *path = g_build_filename (dir, name, NULL);

  docs_write_docx (path, body);
  return path;
}

/* Fills the form @path for @kind (NULL: none) with 2 people; the field
 * of its fifth column, or NULL with @error. */
static char *
fill (const char *path, const char *kind, GError **error)
{
  g_autoptr(CdDocContext) ctx = docs_people_context (2);
  g_autoptr(CdDocxPackage) pkg = cd_docx_package_load (path, error);
  g_autoptr(GPtrArray) cols = NULL;

  g_assert_nonnull (pkg);
  ctx->kind = g_strdup (kind);
  cols = cd_docx_fill_form (pkg, ctx, error);
  if (cols == NULL)
    return NULL;
  return g_strdup (((CdFormColumn *) g_ptr_array_index (cols, 4))->field);
}

static void
test_request_on_revocation_form (void)
{
  g_autofree char *tmp = cd_test_tmpdir ();
  g_autofree char *form = write_docx (tmp, "thu-hoi.docx", FRAME REVOCATION);
  const char *kinds[] = { "cap-moi", "gia-han", "mau-01", "hom-thu" };

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *field = fill (form, kinds[i], &error);

      g_assert_null (field);
      g_assert_error (error, CD_DOCS_ERROR, CD_DOCS_ERROR_WRONG_LIST);
      g_assert_nonnull (strstr (error->message, "chỉ có danh sách thu hồi"));
      /* the kinds it makes in the window's words, not as codes */
      g_assert_nonnull (strstr (error->message, "hoặc dùng mẫu này để lập danh sách thu hồi."));
      g_assert_null (strstr (error->message, "thu-hoi"));
      g_assert_null (strstr (error->message, "mau-05"));
    }
  cd_test_rm_rf (tmp);
}

static void
test_revocation_on_request_form (void)
{
  g_autofree char *tmp = cd_test_tmpdir ();
  /* two request lists: the kinds are named once */
  g_autofree char *form = write_docx (tmp, "de-nghi.docx", FRAME REQUEST REQUEST);
  const char *kinds[] = { "thu-hoi", "mau-05" };

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *field = fill (form, kinds[i], &error);

      g_assert_null (field);
      g_assert_error (error, CD_DOCS_ERROR, CD_DOCS_ERROR_WRONG_LIST);
      g_assert_nonnull (strstr (error->message, "chỉ có danh sách đề nghị"));
      /* nine kinds: the sort and the first two, as the wizard names them */
      g_assert_nonnull (strstr (error->message,
                                "hoặc dùng mẫu này để lập một danh sách đề nghị (cấp mới, gia hạn, …)."));
      g_assert_null (strstr (error->message, "cap-moi"));
    }
  cd_test_rm_rf (tmp);
}

/* The kinds each form makes, as codes: what the command line adds to
 * the refusal for the clerk to type. */
static void
test_form_kinds (void)
{
  g_autofree char *tmp = cd_test_tmpdir ();
  g_autofree char *revocation = write_docx (tmp, "thu-hoi.docx", FRAME REVOCATION);
  g_autofree char *request = write_docx (tmp, "de-nghi.docx", FRAME REQUEST REQUEST);
  g_autofree char *both = write_docx (tmp, "ca-hai.docx", FRAME REQUEST REVOCATION);
  g_autofree char *none = write_docx (tmp, "trong.docx", "<w:p/>");
  g_autofree char *all = g_strconcat (request_kinds, ", thu-hoi, mau-05", NULL);
  struct { const char *form, *kinds; } cases[] = {
    { revocation, "thu-hoi, mau-05" }, { request, request_kinds }, { both, all }, { none, "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CdDocxPackage) pkg = cd_docx_package_load (cases[i].form, &error);
      g_auto(GStrv) kinds = NULL;
      g_autofree char *joined = NULL;

      g_assert_no_error (error);
      kinds = cd_docx_form_kinds (pkg, &error);
      g_assert_no_error (error);
      joined = g_strjoinv (", ", kinds);
      g_assert_cmpstr (joined, ==, cases[i].kinds);
    }
  cd_test_rm_rf (tmp);
}

/* The kinds named as the wizard's kind step names them: a few by their
 * titles, many by their sort and the first two. */
static void
test_kinds_phrase (void)
{
  struct { const char *kinds; gboolean revocation; const char *phrase; } cases[] = {
    { "thu-hoi mau-05", TRUE, "danh sách thu hồi" },
    { "mau-05", TRUE, "danh sách thu hồi" },
    /* Mẫu 01 is a cấp mới list: named once, in the wizard's order */
    { "mau-01 gia-han cap-moi", FALSE, "danh sách cấp mới hoặc gia hạn" },
    { "cap-moi cap-lai gia-han thay-doi khoi-phuc hom-thu mau-01 mau-04 mau-06", FALSE,
      "một danh sách đề nghị (cấp mới, gia hạn, …)" },
    /* no kind of the wizard's: the sort alone */
    { "mau-07", FALSE, "danh sách đề nghị" },
    { "", TRUE, "danh sách thu hồi" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      /* "" splits into no kind at all */
      g_auto(GStrv) kinds = g_strsplit (cases[i].kinds, " ", -1);
      g_autofree char *phrase = cd_wizard_kinds_phrase ((const char * const *) kinds,
                                                        cases[i].revocation);

      g_assert_cmpstr (phrase, ==, cases[i].phrase);
    }
}

/* What was filled before is filled as before. */
static void
test_forms_filled_as_before (void)
{
  g_autofree char *tmp = cd_test_tmpdir ();
  g_autofree char *revocation = write_docx (tmp, "thu-hoi.docx", REVOCATION);
  g_autofree char *request = write_docx (tmp, "de-nghi.docx", REQUEST);
  g_autofree char *both = write_docx (tmp, "ca-hai.docx", FRAME REQUEST REVOCATION);
  struct { const char *form, *kind, *field; } cases[] = {
    { revocation, "thu-hoi", "ly_do" }, { revocation, "mau-05", "ly_do" },
    { request, "cap-moi", "cccd" }, { request, "mau-06", "cccd" },
    { both, "cap-moi", "cccd" }, { both, "thu-hoi", "ly_do" },
    /* no kind, or a kind without a list of its own: the best table */
    { revocation, NULL, "ly_do" }, { revocation, "mau-07", "ly_do" },
    { request, "mau-02", "cccd" }, { request, NULL, "cccd" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *field = fill (cases[i].form, cases[i].kind, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (field, ==, cases[i].field);
    }
  cd_test_rm_rf (tmp);
}

static void
test_generate_writes_nothing (void)
{
  g_autoptr(CdDocContext) ctx = docs_people_context (3);
  g_autoptr(GError) error = NULL;
  g_autofree char *tmp = cd_test_tmpdir ();
  g_autofree char *form = write_docx (tmp, "thu-hoi.docx", REVOCATION);
  g_autofree char *out = g_build_filename (tmp, "out.docx", NULL);
  g_autoptr(GDir) dir = NULL;
  guint n = 0;

  ctx->kind = g_strdup ("cap-moi");
  g_assert_false (cd_docx_generate (form, ctx, out, FALSE, NULL, NULL, &error));
  g_assert_error (error, CD_DOCS_ERROR, CD_DOCS_ERROR_WRONG_LIST);
  dir = g_dir_open (tmp, 0, NULL);
  while (g_dir_read_name (dir) != NULL)
    n++;
  g_assert_cmpuint (n, ==, 1);   /* the form alone */
  cd_test_rm_rf (tmp);
}

/* The wizard's template step reads the chosen form with the draft's
 * kind: the refusal is what it shows, with Next kept insensitive. */
static void
test_wizard_inspect (void)
{
  g_autofree char *tmp = cd_test_tmpdir ();
  g_autofree char *revocation = write_docx (tmp, "thu-hoi.docx", REVOCATION);
  g_autoptr(GError) error = NULL;
  g_autoptr(CdWizardTemplateInfo) wrong = cd_wizard_template_inspect (revocation, "cap-moi", &error);
  g_autoptr(CdWizardTemplateInfo) right = NULL;

  g_assert_null (wrong);
  g_assert_error (error, CD_DOCS_ERROR, CD_DOCS_ERROR_WRONG_LIST);
  g_assert_nonnull (strstr (error->message, "“Đề nghị cấp mới chứng thư số”"));
  g_clear_error (&error);
  right = cd_wizard_template_inspect (revocation, "thu-hoi", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (right->columns->len, ==, 5);
  cd_test_rm_rf (tmp);
}

int
main (int argc, char **argv)
{
  cd_test_init (&argc, &argv);
  g_test_add_func ("/docx/form-kind/request-on-revocation-form", test_request_on_revocation_form);
  g_test_add_func ("/docx/form-kind/revocation-on-request-form", test_revocation_on_request_form);
  g_test_add_func ("/docx/form-kind/form-kinds", test_form_kinds);
  g_test_add_func ("/docx/form-kind/kinds-phrase", test_kinds_phrase);
  g_test_add_func ("/docx/form-kind/filled-as-before", test_forms_filled_as_before);
  g_test_add_func ("/docx/form-kind/generate-writes-nothing", test_generate_writes_nothing);
  g_test_add_func ("/docx/form-kind/wizard-inspect", test_wizard_inspect);
  return g_test_run ();
}
