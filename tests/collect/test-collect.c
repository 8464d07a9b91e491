/* test-collect.c — collecting schools' lists (src/core/collect)
 *
 * The lists are CertDesk's own, generated from the built-in request
 * form; the hand-filled and LibreOffice-saved ones are in
 * test_collect_cli.py.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>
#include <zip.h>

#include "cd-collect.h"
#include "cd-collect-private.h"
#include "cd-collect-write.h"
#include "cd-doc-templates.h"
#include "cd-fileutil.h"
#include "cd-docx.h"
#include "cd-test-fixture.h"
#include "cd-test-util.h"
#include "cd-xlsx-export.h"

/* A school's context: @n people numbered from @first, born in 1985 with
 * CCCD 031085xxxxxx (male, 1900s, Hải Phòng) so they pass every check. */
static CdDocContext *
school (const char *name,
        guint       first,
        guint       n)
{
  g_autoptr(CdUnit) unit = cd_unit_new ();
  g_auto(GStrv) names = cd_test_names (first + n);
  CdDocContext *ctx;

  unit->name = g_strdup (name);
  unit->parent_name = g_strdup ("UBND xã An Lão");
  unit->place = g_strdup ("Hải Phòng");
  unit->head_title = g_strdup ("Hiệu trưởng");
  unit->head_name = g_strdup ("Phạm Văn Bình");
  unit->org_level[0] = g_strdup ("UBND thành phố Hải Phòng");
  unit->org_level[1] = g_strdup ("Sở Giáo dục và Đào tạo");
  unit->org_level[2] = g_strdup (name);
  ctx = cd_doc_context_new (unit);
  ctx->year = 2026;
  ctx->month = 1;
  ctx->day = 5;
  for (guint i = first; i < first + n; i++)
    {
      CdStaff *s = cd_staff_new ();

      s->full_name = g_strdup (names[i]);
      s->birth_date = g_strdup_printf ("1985-%02u-%02u", 1 + i % 12, 1 + i % 28);
      s->position = g_strdup ("Giáo viên");
      s->cccd = g_strdup_printf ("031085%06u", i);
      s->cccd_date = g_strdup ("2021-04-15");
      s->phone = g_strdup_printf ("09%08u", 12340000 + i);
      s->email = g_strdup_printf ("gv%u@haiphong.edu.vn", i + 1);
      cd_doc_context_add (ctx, cd_doc_person_new (s, NULL));
    }
  return ctx;
}

static char *
write_list (const char   *dir,
            const char   *file,
            CdDocContext *ctx)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *tpl = cd_doc_templates_builtin_path ("cap-moi", &error);
  char *path = g_build_filename (dir, file, NULL);

  g_assert_no_error (error);
  g_assert_true (cd_docx_generate (tpl, ctx, path, TRUE, NULL, NULL, &error));
  g_assert_no_error (error);
  return path;
}

static CdDocPerson *
person_at (CdDocContext *ctx,
           guint         i)
{
  return g_ptr_array_index (ctx->people, i);
}

static const CdCollectFile *
file_named (const CdCollectResult *res,
            const char            *name)
{
  for (guint i = 0; i < res->files->len; i++)
    {
      const CdCollectFile *f = g_ptr_array_index (res->files, i);
      if (g_str_equal (f->name, name))
        return f;
    }
  g_assert_not_reached ();
}

static void
test_read_own_list (void)
{
  g_autofree char *tmp = cd_test_tmpdir ();
  g_autoptr(CdDocContext) ctx = school ("Trường THCS Lê Lợi", 0, 5);
  g_autofree char *path = write_list (tmp, "le-loi.docx", ctx);
  g_autoptr(GError) error = NULL;
  g_autoptr(CdCollectRead) read = cd_collect_read_file (path, &error);
  const CdCollectRaw *raw;

  g_assert_no_error (error);
  g_assert_nonnull (read);
  g_assert_cmpstr (read->format, ==, "docx");
  g_assert_cmpuint (read->rows->len, ==, 5);
  g_assert_nonnull (read->unit);
  g_assert_cmpstr (cd_collect_kind_from_title (read->title), ==, "cap-moi");
  raw = g_ptr_array_index (read->rows, 2);
  g_assert_cmpstr (raw->v[CF_NAME], ==, person_at (ctx, 2)->staff->full_name);
  g_assert_cmpstr (raw->v[CF_CCCD], ==, "031085000002");
  g_assert_cmpstr (raw->v[CF_BIRTH], ==, "03/03/1985");
  cd_test_rm_rf (tmp);
}

/* Mẫu 01 keeps the card in one cell, "Số CMND/CCCD/Hộ chiếu; Ngày cấp;
 * Nơi cấp": read as its three fields. Every row of our own Mẫu 01 used
 * to be refused, the whole cell taken for the issue date. */
static void
test_read_card_in_one_cell (void)
{
  g_autofree char *tmp = cd_test_tmpdir ();
  g_autoptr(CdDocContext) ctx = school ("Trường THCS Lê Lợi", 0, 3);
  g_autofree char *tpl = NULL;
  g_autofree char *path = g_build_filename (tmp, "mau-01.docx", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CdCollectRead) read = NULL;
  const CdCollectRaw *raw;

  for (guint i = 0; i < ctx->people->len; i++)
    person_at (ctx, i)->staff->cccd_place = g_strdup ("Cục Cảnh sát QLHC về TTXH");
  tpl = cd_doc_templates_builtin_path ("mau-01", &error);
  g_assert_no_error (error);
  g_assert_true (cd_docx_generate (tpl, ctx, path, TRUE, NULL, NULL, &error));
  g_assert_no_error (error);
  read = cd_collect_read_file (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (read->rows->len, ==, 3);
  raw = g_ptr_array_index (read->rows, 2);
  g_assert_cmpstr (raw->v[CF_CCCD], ==, "031085000002");
  g_assert_cmpstr (raw->v[CF_CCCD_DATE], ==, "15/04/2021");
  g_assert_cmpstr (raw->v[CF_CCCD_PLACE], ==, "Cục Cảnh sát QLHC về TTXH");
  g_assert_true (read->has_column[CF_CCCD]);
  g_assert_true (read->has_column[CF_CCCD_DATE]);
  cd_test_rm_rf (tmp);
}

/* How a clerk types the card's three facts in one cell. */
static void
test_split_card_cell (void)
{
  static const struct { const char *text, *cccd, *date, *place; } cases[] = {
    { "031085000002 15/04/2021 Cục Cảnh sát QLHC về TTXH", "031085000002", "15/04/2021", "Cục Cảnh sát QLHC về TTXH" },
    { "031085000002; 15/04/2021; Bộ Công an", "031085000002", "15/04/2021", "Bộ Công an" },
    { "Số: 031085000002, cấp ngày 5/4/2021 tại Công an tỉnh Hải Phòng", "031085000002", "5/4/2021", "Công an tỉnh Hải Phòng" },
    { "031085000002 - 15.04.2021 - Nơi cấp: Bộ Công an", "031085000002", "15.04.2021", "Bộ Công an" },
    { "031085000002", "031085000002", NULL, NULL },
    { "031085000002 15/04/2021", "031085000002", "15/04/2021", NULL },
    { "chưa có", "chưa có", NULL, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *cccd = NULL, *date = NULL, *place = NULL;

      cd_collect_split_card (cases[i].text, &cccd, &date, &place);
      g_assert_cmpstr (cccd, ==, cases[i].cccd);
      g_assert_cmpstr (date, ==, cases[i].date);
      g_assert_cmpstr (place, ==, cases[i].place);
    }
}

/* A .docx holding only @document_xml as word/document.xml. */
static char *
write_raw_docx (const char *dir,
                const char *file,
                const char *document_xml)
{
  char *path = g_build_filename (dir, file, NULL);
  int err = 0;
  zip_t *za = zip_open (path, ZIP_CREATE | ZIP_TRUNCATE, &err);
  zip_source_t *src;

  g_assert_nonnull (za);
  src = zip_source_buffer (za, document_xml, strlen (document_xml), 0);
  g_assert_cmpint (zip_file_add (za, "word/document.xml", src, ZIP_FL_ENC_UTF_8), >=, 0);
  g_assert_cmpint (zip_close (za), ==, 0);
  return path;
}

#define W_DOC(body) \
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>" \
  "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"" \
  " xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\"><w:body>" body \
  "</w:body></w:document>"
#define P(text) "<w:p><w:r><w:t>" text "</w:t></w:r></w:p>"
#define TC(text) "<w:tc>" P (text) "</w:tc>"
#define TC_SPAN(n, text) "<w:tc><w:tcPr><w:gridSpan w:val=\"" #n "\"/></w:tcPr>" P (text) "</w:tc>"

/* What Word and LibreOffice write around a list's cells, read as the
 * form reader always read it: a two-row header, a cell in a content
 * control, deleted text, line breaks, a drawing's text and a table
 * nested in a cell left out, the unit over two lines of the frame. */
static void
test_read_word_markup (void)
{
  static const char xml[] = W_DOC (
    "<w:tbl><w:tr>"
      "<w:tc>" P ("UBND XÃ AN LÃO") P ("TRƯỜNG TIỂU HỌC") P ("HOA SEN") P ("______") "</w:tc>"
      "<w:tc>" P ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM") P ("Độc lập - Tự do - Hạnh phúc") "</w:tc>"
    "</w:tr></w:tbl>"
    P ("DANH SÁCH ĐỀ NGHỊ CẤP CHỨNG THƯ SỐ")
    "<w:tbl>"
      "<w:tr>" TC ("STT") TC ("Họ và tên") TC ("Ngày sinh") TC_SPAN (2, "Căn cước công dân") "</w:tr>"
      "<w:tr>" TC ("") TC ("") TC ("") TC ("Số") TC ("Ngày cấp") "</w:tr>"
      "<w:tr>" TC ("(1)") TC ("(2)") TC ("(3)") TC ("(4)") TC ("(5)") "</w:tr>"
      "<w:tr>" TC ("1")
        "<w:sdt><w:sdtContent>" TC ("Nguyễn Văn An") "</w:sdtContent></w:sdt>"
        TC ("07/03/1985")
        "<w:tc><w:p><w:del><w:r><w:delText>999</w:delText></w:r></w:del>"
          "<w:r><w:t>031085000001</w:t></w:r></w:p></w:tc>"
        TC ("15/04/2021")
      "</w:tr>"
      "<w:tr>" TC ("2")
        "<w:tc><w:p><w:r><w:t>Trần Thị</w:t><w:br/><w:t>Bình</w:t></w:r>"
          "<w:r><a:t>drawing</a:t></w:r></w:p>"
          "<w:tbl><w:tr>" TC ("nested") "</w:tr></w:tbl></w:tc>"
        TC ("08/04/1986") TC ("031186000002") TC ("")
      "</w:tr>"
      "<w:tr>" TC ("3") TC ("") TC ("…") TC ("") TC ("") "</w:tr>"
    "</w:tbl>");
  g_autofree char *tmp = cd_test_tmpdir ();
  g_autofree char *path = write_raw_docx (tmp, "hoa-sen.docx", xml);
  g_autoptr(GError) error = NULL;
  g_autoptr(CdFormList) list = cd_docx_read_form_file (path, &error);
  const CdFormRow *row;
  int cccd = -1, date = -1, name = -1;

  g_assert_no_error (error);
  g_assert_nonnull (list);
  g_assert_cmpstr (list->parent, ==, "UBND XÃ AN LÃO");
  g_assert_cmpstr (list->unit, ==, "TRƯỜNG TIỂU HỌC HOA SEN");
  g_assert_cmpstr (list->title, ==, "DANH SÁCH ĐỀ NGHỊ CẤP CHỨNG THƯ SỐ");
  for (guint c = 0; c < list->columns->len; c++)
    {
      const CdFormColumn *col = g_ptr_array_index (list->columns, c);
      if (g_strcmp0 (col->field, "cccd") == 0)
        cccd = (int) c;
      else if (g_strcmp0 (col->field, "ngay_cap_cccd") == 0)
        date = (int) c;
      else if (g_strcmp0 (col->field, "ho_ten") == 0)
        name = (int) c;
    }
  g_assert_cmpint (cccd, >=, 0);
  g_assert_cmpint (date, >=, 0);
  g_assert_cmpint (name, >=, 0);
  g_assert_cmpuint (list->rows->len, ==, 2);
  row = g_ptr_array_index (list->rows, 0);
  g_assert_cmpuint (row->row, ==, 4);
  g_assert_cmpstr (row->values[name], ==, "Nguyễn Văn An");
  g_assert_cmpstr (row->values[cccd], ==, "031085000001");
  g_assert_cmpstr (row->values[date], ==, "15/04/2021");
  row = g_ptr_array_index (list->rows, 1);
  g_assert_cmpstr (row->values[name], ==, "Trần Thị Bình");
  g_assert_cmpstr (row->values[cccd], ==, "031186000002");
  cd_test_rm_rf (tmp);
}

/* A revocation list's free-text certificate column: its serial and dates
 * come through to the collected list's "Thông tin chứng thư số"; text
 * with neither stays in the note. */
static void
test_revocation_cert_info (void)
{
  static const char xml[] = W_DOC (
    P ("DANH SÁCH ĐỀ NGHỊ THU HỒI CHỨNG THƯ SỐ")
    "<w:tbl>"
      "<w:tr>" TC ("STT") TC ("Họ và tên") TC ("Ngày sinh") TC ("Số CCCD")
               TC ("Thông tin chứng thư số") TC ("Lý do") "</w:tr>"
      "<w:tr>" TC ("1") TC ("Nguyễn Văn An") TC ("07/03/1985") TC ("031085000001")
               TC ("Số hiệu: 5403a1b2c3d4e5f6; hiệu lực 01/06/2021 - 01/06/2026") TC ("Nghỉ hưu") "</w:tr>"
      "<w:tr>" TC ("2") TC ("Trần Văn Bình") TC ("08/04/1986") TC ("031086000002")
               TC ("Chứng thư cũ của Ban Cơ yếu") TC ("Chuyển công tác") "</w:tr>"
    "</w:tbl>");
  g_autofree char *tmp = cd_test_tmpdir ();
  g_autofree char *path = write_raw_docx (tmp, "thu-hoi.docx", xml);
  const char *paths[] = { path, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(CdCollectResult) res = cd_collect_run (paths, "2026-01-05", NULL, NULL, NULL, &error);
  g_autoptr(CdDocContext) ctx = NULL;
  const CdCollectPerson *p;
  g_autofree char *info = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (res->people->len, ==, 2);
  g_assert_cmpstr (res->kind, ==, "thu-hoi");
  p = g_ptr_array_index (res->people, 0);
  g_assert_cmpstr (p->serial, ==, "5403A1B2C3D4E5F6");
  g_assert_cmpstr (p->cert_from, ==, "2021-06-01");
  g_assert_cmpstr (p->cert_to, ==, "2026-06-01");
  g_assert_cmpstr (p->reason, ==, "Nghỉ hưu");
  ctx = cd_collect_context (res, NULL);
  info = cd_doc_field_value (ctx, g_ptr_array_index (ctx->people, 0), 0, "thong_tin_cts");
  g_assert_cmpstr (info, ==, "Số hiệu: 5403A1B2C3D4E5F6; hiệu lực 01/06/2021 - 01/06/2026");
  p = g_ptr_array_index (res->people, 1);
  g_assert_null (p->serial);
  g_assert_cmpstr (p->note, ==, "Chứng thư cũ của Ban Cơ yếu");
  cd_test_rm_rf (tmp);
}

/* A zip without word/document.xml is no Word list: the caller tries it
 * as a sheet (CD_FILE_ERROR_FORMAT). */
/* Lists whose title is the school's own ("DANH SÁCH") name no kind. */
#define KINDLESS_REVOCATION(name1, cccd1, name2, cccd2) W_DOC ( \
    P ("DANH SÁCH") \
    "<w:tbl>" \
      "<w:tr>" TC ("STT") TC ("Họ và tên") TC ("Ngày sinh") TC ("Số CCCD") \
               TC ("Thông tin chứng thư số") TC ("Lý do thu hồi") "</w:tr>" \
      "<w:tr>" TC ("1") TC (name1) TC ("07/03/1985") TC (cccd1) \
               TC ("Số hiệu: 5403a1b2c3d4e5f6; hiệu lực 01/06/2021 - 01/06/2026") TC ("Nghỉ hưu") "</w:tr>" \
      "<w:tr>" TC ("2") TC (name2) TC ("08/04/1986") TC (cccd2) \
               TC ("Số hiệu: 5403a1b2c3d4e5f7") TC ("Chuyển công tác") "</w:tr>" \
    "</w:tbl>")

/* A Sở's form holding only the revocation list: a header and a blank
 * numbered row. */
static const char revocation_form_xml[] = W_DOC (
  P ("TÊN ĐƠN VỊ")
  P ("DANH SÁCH THU HỒI CHỨNG THƯ SỐ")
  "<w:tbl>"
    "<w:tr>" TC ("TT") TC ("Họ và tên") TC ("Ngày sinh") TC ("Thông tin chứng thư số")
             TC ("Lý do thu hồi") "</w:tr>"
    "<w:tr>" TC ("1") TC ("") TC ("") TC ("") TC ("") "</w:tr>"
  "</w:tbl>");

static CdCollectResult *
collect_two (const char *dir,
             const char *xml1,
             const char *xml2)
{
  g_autofree char *a = write_raw_docx (dir, "01-thcs.docx", xml1);
  g_autofree char *b = write_raw_docx (dir, "02-th.docx", xml2);
  const char *paths[] = { a, b, NULL };
  g_autoptr(GError) error = NULL;
  CdCollectResult *res = cd_collect_run (paths, "2026-01-05", NULL, NULL, NULL, &error);

  g_assert_no_error (error);
  return res;
}

/* Revocation lists whose titles name no kind: their columns say it. Onto
 * the Sở's revocation-only form they are filled (they were refused: the
 * collector took them for a request); without a form they come out as
 * the built-in revocation list, not under a request's title. */
static void
test_kind_from_columns (void)
{
  g_autofree char *tmp = cd_test_tmpdir ();
  g_autoptr(CdCollectResult) res =
    collect_two (tmp, KINDLESS_REVOCATION ("Nguyễn Văn An", "031085000001", "Trần Văn Bình", "031086000002"),
                 KINDLESS_REVOCATION ("Lê Thị Cúc", "031185000003", "Phạm Văn Dũng", "031086000004"));
  g_autofree char *form = write_raw_docx (tmp, "mau-thu-hoi.docx", revocation_form_xml);
  g_autofree char *on_form = g_build_filename (tmp, "tong-hop-mau.docx", NULL);
  g_autofree char *builtin = g_build_filename (tmp, "tong-hop.docx", NULL);
  g_autofree char *text = NULL;
  g_autoptr(CdFormList) list = NULL;
  g_autoptr(GError) error = NULL;
  CdCollectKindSource source;
  gboolean has_reason = FALSE;

  g_assert_cmpuint (res->people->len, ==, 4);
  g_assert_cmpstr (res->kind, ==, "thu-hoi");
  g_assert_cmpint (res->kind_source, ==, CD_COLLECT_KIND_COLUMNS);
  g_assert_cmpstr (cd_collect_list_kind (res, form, &source), ==, "thu-hoi");
  g_assert_cmpint (source, ==, CD_COLLECT_KIND_COLUMNS);
  text = cd_collect_kind_text (res, form);
  g_assert_nonnull (strstr (text, "“Danh sách thu hồi chứng thư số”"));
  g_assert_nonnull (strstr (text, "có cột của danh sách thu hồi"));

  g_assert_true (cd_collect_write_list (res, NULL, form, on_form, FALSE, &error));
  g_assert_no_error (error);
  list = cd_docx_read_form_file (on_form, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->rows->len, ==, 4);
  g_assert_cmpstr (((CdFormRow *) g_ptr_array_index (list->rows, 3))->values[1], ==, "Phạm Văn Dũng");
  g_clear_pointer (&list, cd_form_list_free);

  g_assert_true (cd_collect_write_list (res, NULL, NULL, builtin, FALSE, &error));
  g_assert_no_error (error);
  list = cd_docx_read_form_file (builtin, &error);
  g_assert_no_error (error);
  g_assert_nonnull (list->title);
  g_assert_nonnull (strstr (list->title, "THU HỒI"));
  for (guint c = 0; c < list->columns->len; c++)
    if (g_strcmp0 (((CdFormColumn *) g_ptr_array_index (list->columns, c))->field, "ly_do") == 0)
      has_reason = TRUE;
  g_assert_true (has_reason);
  g_assert_cmpuint (list->rows->len, ==, 4);
  cd_test_rm_rf (tmp);
}

/* Lists that say nothing of their kind — no kind in the title, no
 * revocation column — made on the Sở's revocation-only form: the form
 * says it. Without a form: a request for new certificates, as before,
 * and the clerk is told it was assumed. A re-issue's "Lý do cấp lại" is
 * not a revocation's column. */
static void
test_kind_from_form (void)
{
  static const char plain[] = W_DOC (
    P ("DANH SÁCH")
    "<w:tbl>"
      "<w:tr>" TC ("STT") TC ("Họ và tên") TC ("Ngày sinh") TC ("Số CCCD") TC ("Lý do cấp lại") "</w:tr>"
      "<w:tr>" TC ("1") TC ("Nguyễn Văn An") TC ("07/03/1985") TC ("031085000001") TC ("Mất thiết bị") "</w:tr>"
    "</w:tbl>");
  static const char plain2[] = W_DOC (
    P ("DANH SÁCH CÁN BỘ")
    "<w:tbl>"
      "<w:tr>" TC ("STT") TC ("Họ và tên") TC ("Ngày sinh") TC ("Số CCCD") "</w:tr>"
      "<w:tr>" TC ("1") TC ("Trần Văn Bình") TC ("08/04/1986") TC ("031086000002") "</w:tr>"
    "</w:tbl>");
  g_autofree char *tmp = cd_test_tmpdir ();
  g_autoptr(CdCollectResult) res = collect_two (tmp, plain, plain2);
  g_autofree char *form = write_raw_docx (tmp, "mau-thu-hoi.docx", revocation_form_xml);
  g_autofree char *on_form = g_build_filename (tmp, "tong-hop-mau.docx", NULL);
  g_autofree char *builtin = g_build_filename (tmp, "tong-hop.docx", NULL);
  g_autofree char *text = NULL;
  g_autoptr(CdFormList) list = NULL;
  g_autoptr(GError) error = NULL;
  CdCollectKindSource source;

  g_assert_cmpuint (res->people->len, ==, 2);
  g_assert_null (res->kind);
  g_assert_cmpstr (cd_collect_list_kind (res, NULL, &source), ==, "cap-moi");
  g_assert_cmpint (source, ==, CD_COLLECT_KIND_ASSUMED);
  text = cd_collect_kind_text (res, NULL);
  g_assert_nonnull (strstr (text, "“Đề nghị cấp mới chứng thư số”"));
  g_assert_nonnull (strstr (text, "đều không cho biết"));
  g_clear_pointer (&text, g_free);

  g_assert_cmpstr (cd_collect_list_kind (res, form, &source), ==, "thu-hoi");
  g_assert_cmpint (source, ==, CD_COLLECT_KIND_FORM);
  text = cd_collect_kind_text (res, form);
  g_assert_nonnull (strstr (text, "mẫu của Sở chỉ có danh sách thu hồi"));
  g_assert_true (cd_collect_write_list (res, NULL, form, on_form, FALSE, &error));
  g_assert_no_error (error);

  g_assert_true (cd_collect_write_list (res, NULL, NULL, builtin, FALSE, &error));
  g_assert_no_error (error);
  list = cd_docx_read_form_file (builtin, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (list->title, "CẤP"));
  g_assert_null (strstr (list->title, "THU HỒI"));
  cd_test_rm_rf (tmp);
}

/* A school's revocation list: the second person has the CCCD of the
 * request list's second person (school()'s person 1), whose certificate
 * is revoked and who asks for a new one. */
static const char titled_revocation_xml[] = W_DOC (
  P ("DANH SÁCH ĐỀ NGHỊ THU HỒI CHỨNG THƯ SỐ")
  "<w:tbl>"
    "<w:tr>" TC ("STT") TC ("Họ và tên") TC ("Ngày sinh") TC ("Số CCCD")
             TC ("Thông tin chứng thư số") TC ("Lý do thu hồi") "</w:tr>"
    "<w:tr>" TC ("1") TC ("Hoàng Văn Thu") TC ("07/03/1980") TC ("031080000901")
             TC ("Số hiệu: 5403a1b2c3d4e5f6") TC ("Nghỉ hưu") "</w:tr>"
    "<w:tr>" TC ("2") TC ("Đỗ Văn Hồi") TC ("02/02/1985") TC ("031085000001")
             TC ("Số hiệu: 5403a1b2c3d4e5f7") TC ("Chuyển công tác") "</w:tr>"
  "</w:tbl>");

static gboolean
has_person (const CdCollectResult *res,
            const char            *cccd)
{
  for (guint i = 0; i < res->people->len; i++)
    if (g_strcmp0 (((CdCollectPerson *) g_ptr_array_index (res->people, i))->cccd, cccd) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
form_has_field (const CdFormList *list,
                const char       *field)
{
  for (guint c = 0; c < list->columns->len; c++)
    if (g_strcmp0 (((CdFormColumn *) g_ptr_array_index (list->columns, c))->field, field) == 0)
      return TRUE;
  return FALSE;
}

/* A folder of a request list and a revocation list: the people to be
 * revoked are never on the request list (they were, with a sentence
 * saying so). The revocation list is a second list of its own, its
 * duplicates checked on it only — a person revoked and asking again is on
 * both —, made on the built-in revocation form when the Sở's form holds
 * only the request list, and the Sở's revocation-only form serves it
 * while the request list goes to the built-in form. */
static void
test_split_request_first (void)
{
  g_autofree char *tmp = cd_test_tmpdir ();
  g_autofree char *dir = g_build_filename (tmp, "xa", NULL);
  g_autoptr(CdDocContext) a = school ("Trường THCS Lê Lợi", 0, 3);
  g_autofree char *pa = NULL;
  g_autofree char *pb = NULL;
  g_autofree char *form = write_raw_docx (tmp, "mau-thu-hoi.docx", revocation_form_xml);
  g_autofree char *out = g_build_filename (tmp, "tong-hop.docx", NULL);
  g_autofree char *second = NULL;
  g_autofree char *text = NULL;
  g_autofree char *report = NULL;
  const char *paths[] = { dir, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(CdCollectResult) res = NULL;
  g_autoptr(CdFormList) list = NULL;
  const CdCollectResult *other;

  g_assert_cmpint (g_mkdir (dir, 0700), ==, 0);
  pa = write_list (dir, "01-thcs.docx", a);
  pb = write_raw_docx (dir, "02-th.docx", titled_revocation_xml);
  res = cd_collect_run (paths, "2026-01-05", NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  /* the request list: the school's three, no one to be revoked */
  g_assert_cmpstr (res->kind, ==, "cap-moi");
  g_assert_cmpuint (res->people->len, ==, 3);
  g_assert_cmpuint (res->n_kept, ==, 3);
  g_assert_cmpuint (res->n_read, ==, 3);
  g_assert_cmpuint (res->units->len, ==, 1);
  g_assert_false (has_person (res, "031080000901"));
  g_assert_cmpuint (file_named (res, "01-thcs.docx")->list, ==, 0);
  g_assert_cmpuint (file_named (res, "02-th.docx")->list, ==, 1);

  /* the revocation list: both, the one on the request list too */
  other = res->other;
  g_assert_nonnull (other);
  g_assert_true (other->second);
  g_assert_cmpstr (other->kind, ==, "thu-hoi");
  g_assert_cmpint (other->kind_source, ==, CD_COLLECT_KIND_TITLE);
  g_assert_cmpuint (other->people->len, ==, 2);
  g_assert_cmpuint (other->n_kept, ==, 2);
  g_assert_cmpuint (other->n_duplicates, ==, 0);
  g_assert_cmpuint (res->n_duplicates, ==, 0);
  g_assert_true (has_person (other, "031080000901"));
  g_assert_true (has_person (other, "031085000001"));
  g_assert_true (has_person (res, "031085000001"));

  text = cd_collect_kind_text (res, NULL);
  g_assert_nonnull (strstr (text, "“Đề nghị cấp mới chứng thư số”"));
  g_assert_nonnull (strstr (text, "1 danh sách thuộc loại khác (02-th.docx)"));
  g_assert_nonnull (strstr (text, "danh sách thứ hai, lập thành “Danh sách thu hồi chứng thư số”"));
  g_assert_null (strstr (text, "vẫn được đưa vào"));
  report = cd_collect_report_text (res);
  g_assert_nonnull (strstr (report, "Đã tổng hợp 2 danh sách từ 2 tệp: giữ 5 người"));
  g_assert_nonnull (strstr (report, "Danh sách thứ hai, “Danh sách thu hồi chứng thư số”: giữ 2 người"));

  /* built-in forms: a request list and a revocation list */
  second = cd_collect_second_path (res, out);
  g_assert_true (g_str_has_suffix (second, G_DIR_SEPARATOR_S "tong-hop-thu-hoi.docx"));
  g_assert_true (g_str_has_prefix (second, tmp));
  g_assert_true (cd_collect_write_list (res, NULL, NULL, out, FALSE, &error));
  g_assert_no_error (error);
  g_assert_true (cd_collect_write_list (other, NULL, NULL, second, FALSE, &error));
  g_assert_no_error (error);
  list = cd_docx_read_form_file (out, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->rows->len, ==, 3);
  g_assert_null (strstr (list->title, "THU HỒI"));
  g_assert_false (form_has_field (list, "ly_do"));
  g_clear_pointer (&list, cd_form_list_free);
  list = cd_docx_read_form_file (second, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->rows->len, ==, 2);
  g_assert_nonnull (strstr (list->title, "THU HỒI"));
  g_assert_true (form_has_field (list, "ly_do"));
  g_assert_cmpstr (((CdFormRow *) g_ptr_array_index (list->rows, 0))->values[1], ==, "Hoàng Văn Thu");
  g_clear_pointer (&list, cd_form_list_free);

  /* the Sở's revocation-only form serves the revocation list only */
  g_assert_null (cd_collect_list_template (res, form));
  g_assert_cmpstr (cd_collect_list_template (other, form), ==, form);
  g_clear_pointer (&text, g_free);
  text = cd_collect_kind_text (res, form);
  g_assert_nonnull (strstr (text, "Mẫu của Sở không có danh sách loại này nên danh sách này được lập theo mẫu có sẵn."));
  g_assert_true (cd_collect_write_list (res, NULL, form, out, TRUE, &error));
  g_assert_no_error (error);
  g_assert_true (cd_collect_write_list (other, NULL, form, second, TRUE, &error));
  g_assert_no_error (error);
  list = cd_docx_read_form_file (out, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->rows->len, ==, 3);
  g_assert_null (strstr (list->title, "THU HỒI"));
  g_clear_pointer (&list, cd_form_list_free);
  list = cd_docx_read_form_file (second, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->rows->len, ==, 2);
  g_assert_nonnull (strstr (list->title, "THU HỒI"));
  cd_test_rm_rf (tmp);
}

/* The revocation list first (the first file's kind wins a tie): the
 * request list is the second, named -de-nghi, and the Cục's sheet, which
 * is for requests, holds the request list's people only. */
static void
test_split_revocation_first (void)
{
  g_autofree char *tmp = cd_test_tmpdir ();
  g_autoptr(CdDocContext) b = school ("Trường THCS Lê Lợi", 0, 3);
  g_autofree char *pa = write_raw_docx (tmp, "01-th.docx", titled_revocation_xml);
  g_autofree char *pb = write_list (tmp, "02-thcs.docx", b);
  g_autofree char *sheet = g_build_filename (tmp, "tong-hop.xlsx", NULL);
  g_autofree char *second = NULL;
  g_autofree char *said = NULL;
  const char *paths[] = { pa, pb, NULL };
  const char *sheet_paths[] = { sheet, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(CdCollectResult) res = cd_collect_run (paths, "2026-01-05", NULL, NULL, NULL, &error);
  g_autoptr(CdCollectResult) back = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (res->kind, ==, "thu-hoi");
  g_assert_cmpuint (res->people->len, ==, 2);
  g_assert_false (has_person (res, "031085000000"));
  g_assert_nonnull (res->other);
  g_assert_cmpstr (res->other->kind, ==, "cap-moi");
  g_assert_cmpuint (res->other->people->len, ==, 3);
  g_assert_false (has_person (res->other, "031080000901"));
  second = cd_collect_second_path (res, "/x/Tong_hop.DOCX");
  g_assert_cmpstr (second, ==, "/x/Tong_hop-de-nghi.docx");

  g_assert_true (cd_collect_write_bulk_sheet (res, NULL, sheet, FALSE, &error));
  g_assert_no_error (error);
  back = cd_collect_run (sheet_paths, "2026-01-05", NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (back->people->len, ==, 3);
  g_assert_false (has_person (back, "031080000901"));
  said = cd_collect_sheet_text (res);
  g_assert_cmpstr (said, ==, "Bảng của Cục dùng cho đề nghị: bảng chỉ có 3 người của danh sách đề nghị, không có người nào của danh sách thu hồi.");
  cd_test_rm_rf (tmp);
}

static void
test_read_not_word (void)
{
  g_autofree char *tmp = cd_test_tmpdir ();
  g_autofree char *path = g_build_filename (tmp, "x.docx", NULL);
  g_autoptr(GError) error = NULL;
  int err = 0;
  zip_t *za = zip_open (path, ZIP_CREATE | ZIP_TRUNCATE, &err);

  zip_file_add (za, "xl/workbook.xml", zip_source_buffer (za, "<a/>", 4, 0), 0);
  g_assert_cmpint (zip_close (za), ==, 0);
  g_assert_null (cd_docx_read_form_file (path, &error));
  g_assert_error (error, CD_FILE_ERROR, CD_FILE_ERROR_FORMAT);
  cd_test_rm_rf (tmp);
}

static void
write_bytes (const char *dir,
             const char *name,
             const void *data,
             gsize       len)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_assert_true (g_file_set_contents (path, data, (gssize) len, NULL));
}

/* An OLE2 compound file holding a stream named @stream (UTF-16). */
static void
write_ole (const char *dir,
           const char *name,
           const char *stream)
{
  GByteArray *b = g_byte_array_new ();
  static const guint8 magic[8] = { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 };
  guint8 zero[504] = { 0 };

  g_byte_array_append (b, magic, 8);
  g_byte_array_append (b, zero, sizeof zero);
  for (const char *c = stream; *c; c++)
    {
      guint8 u[2] = { (guint8) *c, 0 };
      g_byte_array_append (b, u, 2);
    }
  write_bytes (dir, name, b->data, b->len);
  g_byte_array_unref (b);
}

static void
test_run_folder (void)
{
  g_autofree char *tmp = cd_test_tmpdir ();
  g_autofree char *dir = g_build_filename (tmp, "lists", NULL);
  g_autoptr(CdDocContext) a = school ("Trường THCS Lê Lợi", 0, 6);
  g_autoptr(CdDocContext) b = school ("Trường Tiểu học An Lão", 4, 6);
  g_autofree char *pa = NULL, *pb = NULL, *copy = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CdCollectResult) res = NULL;
  g_autofree char *report = NULL;
  const char *paths[3] = { NULL, NULL, NULL };
  const CdCollectFile *f;
  gchar *contents;
  gsize len;

  g_assert_cmpint (g_mkdir (dir, 0700), ==, 0);
  /* b's first two people are a's last two: the same person twice */
  g_free (person_at (b, 3)->staff->cccd);
  person_at (b, 3)->staff->cccd = g_strdup ("03108500012");   /* 11 digits */
  pa = write_list (dir, "01-le-loi.docx", a);
  pb = write_list (dir, "02-an-lao.docx", b);
  write_ole (dir, "03-old.doc", "WordDocument");
  write_ole (dir, "04-locked.docx", "EncryptedPackage");
  write_bytes (dir, "05-notes.docx", "not a zip", 9);
  write_bytes (dir, "notes.txt", "ignored", 7);
  /* the same file again under another name, outside the folder */
  g_assert_true (g_file_get_contents (pa, &contents, &len, NULL));
  copy = g_build_filename (tmp, "copy.docx", NULL);
  g_assert_true (g_file_set_contents (copy, contents, (gssize) len, NULL));
  g_free (contents);

  paths[0] = dir;
  paths[1] = copy;
  res = cd_collect_run (paths, "2026-01-05", NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (res);
  report = cd_collect_report_text (res);
  g_test_message ("%s", report);
  g_assert_cmpuint (res->files->len, ==, 6);
  g_assert_cmpuint (res->n_files_read, ==, 2);
  g_assert_cmpuint (res->n_files_skipped, ==, 3);
  g_assert_cmpuint (res->units->len, ==, 2);
  g_assert_cmpstr (res->kind, ==, "cap-moi");

  f = file_named (res, "01-le-loi.docx");
  g_assert_cmpuint (f->n_read, ==, 6);
  g_assert_cmpuint (f->n_kept, ==, 6);
  f = file_named (res, "02-an-lao.docx");
  g_assert_cmpuint (f->n_read, ==, 6);
  g_assert_cmpuint (f->n_rejected, ==, 1);
  g_assert_cmpuint (f->n_duplicates, ==, 2);
  g_assert_cmpuint (f->n_kept, ==, 3);
  /* the problems in row order: the duplicates (rows 2, 3, found when the
   * whole is settled) before the rejected row 5 (found as it was read) */
  g_assert_cmpuint (f->issues->len, ==, 3);
  for (guint i = 1; i < f->issues->len; i++)
    g_assert_cmpuint (((CdCollectIssue *) g_ptr_array_index (f->issues, i - 1))->row, <=,
                      ((CdCollectIssue *) g_ptr_array_index (f->issues, i))->row);
  g_assert_cmpint (((CdCollectIssue *) g_ptr_array_index (f->issues, 2))->kind, ==,
                   CD_COLLECT_ISSUE_REJECTED);
  g_assert_cmpuint (res->n_kept, ==, 9);
  g_assert_cmpuint (res->people->len, ==, 9);
  /* grouped by unit in the order the files came */
  g_assert_cmpuint (((CdCollectPerson *) g_ptr_array_index (res->people, 0))->file, ==, 0);
  g_assert_cmpuint (((CdCollectPerson *) g_ptr_array_index (res->people, 8))->file, ==, 1);

  f = file_named (res, "03-old.doc");
  g_assert_cmpint (f->status, ==, CD_COLLECT_FILE_SKIPPED);
  g_assert_nonnull (strstr (f->problem, ".docx"));
  f = file_named (res, "04-locked.docx");
  g_assert_cmpint (f->status, ==, CD_COLLECT_FILE_SKIPPED);
  f = file_named (res, "copy.docx");
  g_assert_cmpint (f->status, ==, CD_COLLECT_FILE_SAME);

  g_assert_nonnull (strstr (report, "01-le-loi.docx"));
  g_assert_nonnull (strstr (report, "03108500012"));
  cd_test_rm_rf (tmp);
}

static void
test_corrected_list_replaces (void)
{
  g_autofree char *tmp = cd_test_tmpdir ();
  g_autoptr(CdDocContext) first = school ("Trường THCS Lê Lợi", 0, 5);
  g_autoptr(CdDocContext) other = school ("Trường Tiểu học An Lão", 10, 3);
  g_autoptr(CdDocContext) again = school ("TRƯỜNG THCS LÊ LỢI", 0, 4);
  g_autofree char *p1 = write_list (tmp, "a.docx", first);
  g_autofree char *p2 = write_list (tmp, "b.docx", other);
  g_autofree char *p3 = write_list (tmp, "a-sua.docx", again);
  const char *paths[] = { p1, p2, p3, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(CdCollectResult) res = cd_collect_run (paths, NULL, NULL, NULL, NULL, &error);
  const CdCollectPerson *p;

  g_assert_no_error (error);
  g_assert_cmpint (file_named (res, "a.docx")->status, ==, CD_COLLECT_FILE_REPLACED);
  g_assert_cmpuint (file_named (res, "a.docx")->n_replaced, ==, 5);
  g_assert_cmpuint (res->n_kept, ==, 7);
  /* the school keeps its place: first in the list */
  p = g_ptr_array_index (res->people, 0);
  g_assert_cmpuint (p->file, ==, 2);
  g_assert_cmpuint (res->units->len, ==, 2);
  cd_test_rm_rf (tmp);
}

static void
test_bulk_sheet (void)
{
  g_autofree char *tmp = cd_test_tmpdir ();
  g_autoptr(CdDocContext) ctx = school ("Trường THCS Lê Lợi", 0, 4);
  g_autofree char *path = g_build_filename (tmp, "vgca.xlsx", NULL);
  const char *paths[] = { path, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(CdCollectResult) res = NULL;
  const CdCollectPerson *p;

  g_assert_true (cd_xlsx_write_bulk_sheet (path, ctx, TRUE, &error));
  res = cd_collect_run (paths, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (res->n_kept, ==, 4);
  p = g_ptr_array_index (res->people, 1);
  g_assert_cmpstr (p->unit, ==, "Trường THCS Lê Lợi");
  g_assert_cmpstr (p->cccd, ==, "031085000001");
  g_assert_cmpstr (p->birth_date, ==, "1985-02-02");
  g_assert_cmpstr (file_named (res, "vgca.xlsx")->format, ==, "xlsx");
  cd_test_rm_rf (tmp);
}

typedef struct {
  GMainLoop       *loop;
  guint            progress;
  gboolean         done;
  CdCollectResult *res;
  GError          *error;
} Wait;

static void
progress_cb (guint done, guint total, const char *path, gpointer data)
{
  Wait *w = data;

  g_assert_false (w->done);
  g_assert_cmpuint (done, ==, w->progress + 1);
  g_assert_cmpuint (total, ==, 3);
  w->progress++;
}

static void
done_cb (GObject *source, GAsyncResult *result, gpointer data)
{
  Wait *w = data;

  w->done = TRUE;
  w->res = cd_collect_run_finish (result, &w->error);
  g_main_loop_quit (w->loop);
}

static void
test_async (void)
{
  g_autofree char *tmp = cd_test_tmpdir ();
  g_autoptr(CdDocContext) a = school ("Trường THCS Lê Lợi", 0, 3);
  g_autoptr(CdDocContext) b = school ("Trường Tiểu học An Lão", 3, 3);
  g_autoptr(CdDocContext) c = school ("Trường Mầm non Hoa Sen", 6, 3);
  g_autofree char *pa = write_list (tmp, "a.docx", a);
  g_autofree char *pb = write_list (tmp, "b.docx", b);
  g_autofree char *pc = write_list (tmp, "c.docx", c);
  const char *paths[] = { tmp, NULL };
  Wait w = { g_main_loop_new (NULL, FALSE), 0, FALSE, NULL, NULL };
  g_autoptr(GCancellable) cancel = g_cancellable_new ();

  cd_collect_run_async (paths, progress_cb, &w, NULL, NULL, done_cb, &w);
  g_main_loop_run (w.loop);
  g_assert_no_error (w.error);
  g_assert_nonnull (w.res);
  g_assert_cmpuint (w.res->n_kept, ==, 9);
  g_clear_pointer (&w.res, cd_collect_result_free);

  /* cancelled before it starts: told so, no result */
  w.done = FALSE;
  w.progress = 0;
  g_cancellable_cancel (cancel);
  cd_collect_run_async (paths, NULL, NULL, NULL, cancel, done_cb, &w);
  g_main_loop_run (w.loop);
  g_assert_error (w.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (w.res);
  g_clear_error (&w.error);
  g_main_loop_unref (w.loop);
  cd_test_rm_rf (tmp);
}

static void
test_nothing_to_collect (void)
{
  g_autofree char *tmp = cd_test_tmpdir ();
  const char *paths[] = { tmp, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(CdCollectResult) res = cd_collect_run (paths, NULL, NULL, NULL, NULL, &error);

  g_assert_null (res);
  g_assert_error (error, CD_COLLECT_ERROR, CD_COLLECT_ERROR_NO_FILES);
  cd_test_rm_rf (tmp);
}

/* A list that cannot be opened is told in Vietnamese, as a sentence of
 * ours: never the C library's reason ("No such file or directory", or
 * its translation) after a colon. A regular file on the way fails even
 * as root (ENOTDIR). */
static void
test_unreadable_list (void)
{
  g_autofree char *tmp = cd_test_tmpdir ();
  g_autofree char *file = g_build_filename (tmp, "not-a-folder", NULL);
  g_autofree char *under = g_build_filename (file, "le-loi.docx", NULL);
  g_autofree char *missing = g_build_filename (tmp, "an-lao.docx", NULL);
  const char *paths[] = { under, missing, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(CdCollectRead) read = NULL;
  g_autoptr(CdCollectResult) res = NULL;

  g_assert_true (g_file_set_contents (file, "x", 1, NULL));
  read = cd_collect_read_file (under, &error);
  g_assert_null (read);
  g_assert_error (error, CD_FILE_ERROR, CD_FILE_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "Tệp “le-loi.docx” không tồn tại.");
  g_clear_error (&error);

  /* Skipped by the run, with the same sentence. */
  res = cd_collect_run (paths, "2026-01-05", NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (res);
  g_assert_cmpint (file_named (res, "le-loi.docx")->status, ==, CD_COLLECT_FILE_SKIPPED);
  g_assert_cmpstr (file_named (res, "le-loi.docx")->problem, ==, "Tệp “le-loi.docx” không tồn tại.");
  g_assert_cmpint (file_named (res, "an-lao.docx")->status, ==, CD_COLLECT_FILE_SKIPPED);
  g_assert_cmpstr (file_named (res, "an-lao.docx")->problem, ==, "Tệp “an-lao.docx” không tồn tại.");
  cd_test_rm_rf (tmp);
}

int
main (int argc, char **argv)
{
  cd_test_init (&argc, &argv);
  g_test_add_func ("/core/collect/read/own-list", test_read_own_list);
  g_test_add_func ("/core/collect/read/card-in-one-cell", test_read_card_in_one_cell);
  g_test_add_func ("/core/collect/read/split-card-cell", test_split_card_cell);
  g_test_add_func ("/core/collect/read/word-markup", test_read_word_markup);
  g_test_add_func ("/core/collect/read/not-word", test_read_not_word);
  g_test_add_func ("/core/collect/run/revocation-cert-info", test_revocation_cert_info);
  g_test_add_func ("/core/collect/run/folder", test_run_folder);
  g_test_add_func ("/core/collect/kind/from-columns", test_kind_from_columns);
  g_test_add_func ("/core/collect/kind/from-form", test_kind_from_form);
  g_test_add_func ("/core/collect/split/request-first", test_split_request_first);
  g_test_add_func ("/core/collect/split/revocation-first", test_split_revocation_first);
  g_test_add_func ("/core/collect/run/corrected-list-replaces", test_corrected_list_replaces);
  g_test_add_func ("/core/collect/run/bulk-sheet", test_bulk_sheet);
  g_test_add_func ("/core/collect/run/async", test_async);
  g_test_add_func ("/core/collect/run/nothing", test_nothing_to_collect);
  g_test_add_func ("/core/collect/read/unreadable", test_unreadable_list);
  return g_test_run ();
}
