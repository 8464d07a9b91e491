/* test-docx-form.c — the Sở's own forms filled (their header cells
 * mapped to fields, one or two header rows, the list of a kind chosen,
 * each list checked) and the built-in lists' rows and fields
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "cd-doc-context.h"
#include "cd-doc-templates.h"
#include "cd-docx.h"
#include "cd-fileutil.h"
#include "cd-test-util.h"
#include "cd-xlsx-export.h"
#include "docs-people.h"
#include "docs-write.h"

/* Cell texts of @xml's table rows, "|"-joined per row, one row a line. */
static char *
table_rows_text (const char *xml)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_auto(GStrv) rows = g_strsplit (xml, "</w:tr>", -1);

  for (guint r = 0; rows[r] != NULL && rows[r + 1] != NULL; r++)
    {
      g_auto(GStrv) cells = g_strsplit (rows[r], "</w:tc>", -1);
      for (guint c = 0; cells[c] != NULL && cells[c + 1] != NULL; c++)
        {
          const char *p = cells[c];
          if (c > 0)
            g_string_append_c (out, '|');
          while ((p = strstr (p, "<w:t")) != NULL)
            {
              const char *start = strchr (p, '>');
              const char *end;

              if (p[4] != '>' && p[4] != ' ')
                {
                  p += 4;
                  continue;
                }
              end = strstr (start, "</w:t>");
              g_string_append_len (out, start + 1, end - start - 1);
              p = end;
            }
        }
      g_string_append_c (out, '\n');
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static char *
fill_builtin (const char *kind, CdDocContext *ctx)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *tmp = cd_test_tmpdir ();
  g_autofree char *out = g_build_filename (tmp, "out.docx", NULL);
  g_autofree char *tpl = cd_doc_templates_builtin_path (kind, &error);
  g_autoptr(CdDocxPackage) pkg = NULL;
  char *xml;

  g_assert_no_error (error);
  g_assert_true (cd_docx_generate (tpl, ctx, out, FALSE, NULL, NULL, &error));
  g_assert_no_error (error);
  pkg = cd_docx_package_load (out, &error);
  g_assert_no_error (error);
  xml = cd_docx_package_get_part_text (pkg, "word/document.xml");
  cd_test_rm_rf (tmp);
  return xml;
}

static void
test_unit_request_mau02 (void)
{
  g_autoptr(CdDocContext) ctx = docs_people_context (0);
  g_autofree char *xml = fill_builtin ("mau-02", ctx);
  g_autofree char *rows = table_rows_text (xml);

  g_assert_null (strstr (xml, "{{"));
  g_assert_nonnull (strstr (xml, "Kính gửi: Cục Chứng thực số và Bảo mật thông tin, Ban Cơ yếu Chính phủ"));
  /* the header, then the unit as the only row, in the form's order */
  g_assert_nonnull (strstr (rows, "STT|Tên cơ quan, tổ chức|Địa chỉ|Mã số thuế|Mã quan hệ ngân sách|"
                                  "Tỉnh/Thành phố|Địa chỉ thư điện tử công vụ\n"
                                  "1|Trường THCS Lê Lợi|Số 1 đường Lê Lợi, xã An Lão, Hải Phòng|"
                                  "0201234567|1012345|Hải Phòng|thcsleloi@haiphong.edu.vn\n"));
  g_assert_nonnull (strstr (xml, "Trần Văn Nam"));
  g_assert_nonnull (strstr (xml, "TRƯỜNG THCS LÊ LỢI"));
}

static void
test_unit_request_mau03 (void)
{
  g_autoptr(CdDocContext) ctx = docs_people_context (0);
  g_autofree char *xml = fill_builtin ("mau-03", ctx);
  g_autofree char *rows = table_rows_text (xml);

  g_assert_null (strstr (xml, "{{"));
  g_assert_nonnull (strstr (rows, "Loại chứng thư số|Chứng thư số phục vụ dịch vụ công\n"));
  g_assert_nonnull (strstr (rows, "Tên chứng thư số|Bộ phận Một cửa - UBND xã An Lão\n"));
  g_assert_nonnull (strstr (rows, "Mã số thuế|0201234567\n"));
  g_assert_nonnull (strstr (rows, "Họ và tên|Trần Văn Nam\n"));

  g_free (ctx->service_kind);
  ctx->service_kind = g_strdup ("Chứng thư số cho phần mềm");
  g_clear_pointer (&xml, g_free);
  g_clear_pointer (&rows, g_free);
  xml = fill_builtin ("mau-03", ctx);
  rows = table_rows_text (xml);
  g_assert_nonnull (strstr (rows, "Loại chứng thư số|Chứng thư số cho phần mềm\n"));
}

/* Running text reads as a sentence: the signer's position in normal case
 * whatever case it was typed in, and ông or bà by the person's gender. */
static void
test_running_text_fields (void)
{
  g_autoptr(CdDocContext) ctx = docs_people_context (3);
  CdDocPerson *p0 = g_ptr_array_index (ctx->people, 0);
  CdDocPerson *p1 = g_ptr_array_index (ctx->people, 1);
  CdDocPerson *p2 = g_ptr_array_index (ctx->people, 2);
  const char *typed[] = { "HIỆU TRƯỞNG", "PHÓ HIỆU TRƯỞNG", "Hiệu trưởng", "KT. HIỆU TRƯỞNG\nPHÓ HIỆU TRƯỞNG",
                          "Phó Hiệu trưởng" };
  const char *running[] = { "Hiệu trưởng", "Phó Hiệu trưởng", "Hiệu trưởng", "Phó Hiệu trưởng",
                            "Phó Hiệu trưởng" };

  for (guint i = 0; i < G_N_ELEMENTS (typed); i++)
    {
      g_autofree char *v = NULL;
      g_autofree char *caps = NULL;

      g_free (ctx->unit->head_title);
      ctx->unit->head_title = g_strdup (typed[i]);
      v = cd_doc_field_value (ctx, NULL, 0, "chuc_vu_nguoi_ky");
      g_assert_cmpstr (v, ==, running[i]);
      /* the signature block keeps its capitals */
      caps = cd_doc_field_value (ctx, NULL, 0, "chuc_danh_ky");
      g_assert_nonnull (strstr (caps, "HIỆU TRƯỞNG"));
    }

  g_free (p0->staff->gender);
  p0->staff->gender = g_strdup ("Nữ");
  g_free (p1->staff->gender);
  p1->staff->gender = g_strdup ("Nam");
  g_clear_pointer (&p2->staff->gender, g_free);
  {
    g_autofree char *a = cd_doc_field_value (ctx, p0, 0, "ong_ba");
    g_autofree char *b = cd_doc_field_value (ctx, p1, 1, "ong_ba");
    g_autofree char *c = cd_doc_field_value (ctx, p2, 2, "ong_ba");
    g_autofree char *first = cd_doc_field_value (ctx, NULL, 0, "ong_ba");

    g_assert_cmpstr (a, ==, "bà");
    g_assert_cmpstr (b, ==, "ông");
    g_assert_cmpstr (c, ==, "ông/bà");
    g_assert_cmpstr (first, ==, "bà");
    g_assert_cmpint (cd_doc_field_lookup ("ong_ba")->scope, ==, CD_DOC_FIELD_PERSON);
  }
}

static void
test_place_codes (void)
{
  g_assert_cmpstr (cd_xlsx_place_code ("Cục Cảnh sát QLHC về TTXH"), ==, "CCSQLHCVTTXH");
  g_assert_cmpstr (cd_xlsx_place_code ("Cục Cảnh sát quản lý hành chính về trật tự xã hội"), ==,
                   "CCSQLHCVTTXH");
  g_assert_cmpstr (cd_xlsx_place_code ("CCSQLHCVTTXH"), ==, "CCSQLHCVTTXH");
  g_assert_cmpstr (cd_xlsx_place_code ("Cục Cảnh sát ĐKQL cư trú và DLQG về dân cư"), ==,
                   "CCSĐKQLCTVDLQGVDC");
  g_assert_cmpstr (cd_xlsx_place_code ("Cục Cảnh sát đăng ký, quản lý cư trú và dữ liệu quốc gia về dân cư"),
                   ==, "CCSĐKQLCTVDLQGVDC");
  g_assert_cmpstr (cd_xlsx_place_code ("CCSĐKQLCTVDLQGVDC"), ==, "CCSĐKQLCTVDLQGVDC");
  /* anything else is left as the clerk entered it */
  g_assert_cmpstr (cd_xlsx_place_code ("Công an tỉnh Hải Dương"), ==, "Công an tỉnh Hải Dương");
  g_assert_null (cd_xlsx_place_code (NULL));
}

static void
test_unit_fields (void)
{
  g_autoptr(CdDocContext) ctx = docs_people_context (0);
  const char *names[] = { "ma_so_thue", "ma_quan_he_ngan_sach", "dau_moi_ho_ten", "dau_moi_cccd",
                          "dau_moi_ngay_cap_cccd", "email_don_vi", "ten_chung_thu_so" };
  const char *want[] = { "0201234567", "1012345", "Trần Văn Nam", "031090004567",
                         "15/04/2022", "thcsleloi@haiphong.edu.vn", "Bộ phận Một cửa - UBND xã An Lão" };

  ctx->unit->focal_cccd_date = g_strdup ("2022-04-15");
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *v = cd_doc_field_value (ctx, NULL, 0, names[i]);
      g_assert_cmpint (cd_doc_field_lookup (names[i])->scope, ==, CD_DOC_FIELD_DOCUMENT);
      g_assert_cmpstr (v, ==, want[i]);
    }
}

static void
test_form_header_mapping (void)
{
  g_assert_cmpstr (cd_form_field_for_header ("STT"), ==, "stt");
  g_assert_cmpstr (cd_form_field_for_header ("TT"), ==, "stt");
  g_assert_cmpstr (cd_form_field_for_header ("Họ và tên"), ==, "ho_ten");
  g_assert_cmpstr (cd_form_field_for_header ("HỌ VÀ TÊN"), ==, "ho_ten");
  g_assert_cmpstr (cd_form_field_for_header ("Ngày, tháng, năm sinh"), ==, "ngay_sinh");
  g_assert_cmpstr (cd_form_field_for_header ("Số căn cước công dân"), ==, "cccd");
  g_assert_cmpstr (cd_form_field_for_header ("Số CCCD/CMND"), ==, "cccd");
  g_assert_cmpstr (cd_form_field_for_header ("Ngày cấp CCCD"), ==, "ngay_cap_cccd");
  g_assert_cmpstr (cd_form_field_for_header ("Nơi cấp CCCD"), ==, "noi_cap_cccd");
  g_assert_cmpstr (cd_form_field_for_header ("Ngày cấp"), ==, "ngay_cap_cccd");
  /* one cell for the card: Mẫu 01's "Số CMND/CCCD/Hộ chiếu; Ngày cấp; Nơi cấp" */
  g_assert_cmpstr (cd_form_field_for_header ("Số CMND/CCCD/Hộ chiếu; Ngày cấp; Nơi cấp"), ==, "cccd_ngay_noi_cap");
  g_assert_cmpstr (cd_form_field_for_header ("Số CCCD, ngày cấp, nơi cấp"), ==, "cccd_ngay_noi_cap");
  g_assert_cmpstr (cd_form_field_for_header ("Căn cước công dân (số, ngày cấp, nơi cấp)"), ==, "cccd_ngay_noi_cap");
  g_assert_cmpstr (cd_form_field_for_header ("Số CCCD, ngày cấp"), ==, "cccd_ngay_cap");
  g_assert_cmpstr (cd_form_field_for_header ("Điện thoại"), ==, "dien_thoai");
  g_assert_cmpstr (cd_form_field_for_header ("Số điện thoại di động"), ==, "dien_thoai");
  g_assert_cmpstr (cd_form_field_for_header ("Đơn vị"), ==, "don_vi");
  g_assert_cmpstr (cd_form_field_for_header ("Đơn vị cung cấp"), ==, "don_vi_cung_cap");
  g_assert_cmpstr (cd_form_field_for_header ("Thông tin chứng thư số"), ==, "thong_tin_cts");
  g_assert_cmpstr (cd_form_field_for_header ("Lý do thu hồi"), ==, "ly_do");
  g_assert_cmpstr (cd_form_field_for_header ("Chức vụ"), ==, "chuc_vu");
  g_assert_cmpstr (cd_form_field_for_header ("SỐ CĂN CƯỚC CÔNG DÂN"), ==, "cccd");
  g_assert_cmpstr (cd_form_field_for_header ("Ho va ten"), ==, "ho_ten");
  g_assert_null (cd_form_field_for_header ("Chữ ký"));
}

static void
test_form_fill (void)
{
  g_autoptr(CdDocContext) ctx = docs_people_context (40);
  g_autoptr(GError) error = NULL;
  g_autofree char *tmp = cd_test_tmpdir ();
  g_autofree char *path = g_build_filename (tmp, "form.docx", NULL);
  g_autoptr(CdDocxPackage) pkg = NULL;
  g_autoptr(GPtrArray) cols = NULL;
  g_autofree char *xml = NULL;
  GString *body = g_string_new (NULL);
  const char *heads[] = { "STT", "Họ và tên", "Ngày sinh", "Chức vụ", "Đơn vị",
                          "Số căn cước công dân", "Ngày cấp CCCD", "Điện thoại", "Chữ ký" };

  g_string_append (body, "<w:p><w:r><w:t>TÊN ĐƠN VỊ QUẢN LÝ</w:t></w:r></w:p>"
                         "<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>TÊN </w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>ĐƠN VỊ</w:t></w:r></w:p>"
                         "<w:p><w:r><w:rPr><w:i/></w:rPr><w:t>…………….., ngày       tháng     năm 2025</w:t></w:r></w:p>"
                         "<w:tbl><w:tr>");
  for (guint i = 0; i < G_N_ELEMENTS (heads); i++)
    g_string_append_printf (body, "<w:tc><w:p><w:r><w:rPr><w:b/></w:rPr><w:t>%s</w:t></w:r></w:p></w:tc>", heads[i]);
  g_string_append (body, "</w:tr>");
  for (guint r = 1; r <= 3; r++)
    {
      g_string_append_printf (body, "<w:tr><w:tc><w:p><w:pPr><w:jc w:val=\"center\"/><w:rPr><w:sz w:val=\"24\"/></w:rPr></w:pPr><w:r><w:rPr><w:sz w:val=\"24\"/></w:rPr><w:t>%u</w:t></w:r></w:p></w:tc>", r);
      for (guint i = 1; i < G_N_ELEMENTS (heads); i++)
        g_string_append (body, "<w:tc><w:p><w:pPr><w:rPr><w:sz w:val=\"24\"/></w:rPr></w:pPr></w:p></w:tc>");
      g_string_append (body, "</w:tr>");
    }
  g_string_append (body, "</w:tbl><w:p><w:r><w:t>HIỆU TRƯỞNG</w:t></w:r></w:p>"
                         "<w:p><w:r><w:t>(Ký, ghi rõ họ tên, đóng dấu)</w:t></w:r></w:p>");
  docs_write_docx (path, body->str);
  g_string_free (body, TRUE);

  pkg = cd_docx_package_load (path, &error);
  g_assert_no_error (error);
  cols = cd_docx_fill_form (pkg, ctx, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cols->len, ==, G_N_ELEMENTS (heads));
  g_assert_cmpstr (((CdFormColumn *) g_ptr_array_index (cols, 5))->field, ==, "cccd");
  g_assert_null (((CdFormColumn *) g_ptr_array_index (cols, 8))->field);
  g_assert_cmpstr (((CdFormColumn *) g_ptr_array_index (cols, 8))->header, ==, "Chữ ký");

  xml = cd_docx_package_get_part_text (pkg, "word/document.xml");
  g_assert_null (strstr (xml, "TÊN ĐƠN VỊ"));
  g_assert_nonnull (strstr (xml, ">UBND XÃ AN LÃO<"));
  g_assert_nonnull (strstr (xml, ">TRƯỜNG THCS LÊ LỢI<"));
  g_assert_nonnull (strstr (xml, "<w:rPr><w:i/></w:rPr><w:t xml:space=\"preserve\">Hải Phòng, ngày 05 tháng 01 năm 2026</w:t>"));
  g_assert_nonnull (strstr (xml, "Phạm Văn Bình"));
  g_assert_nonnull (strstr (xml, "031085000000"));
  g_assert_nonnull (strstr (xml, "031085000039"));
  g_assert_nonnull (strstr (xml, "<w:t xml:space=\"preserve\">40</w:t>"));
  /* the blank rows' formatting: 12 pt in every filled cell */
  g_assert_nonnull (strstr (xml, "<w:r><w:rPr><w:sz w:val=\"24\"/></w:rPr><w:t xml:space=\"preserve\">031085000007</w:t></w:r>"));
  /* header + 40 rows, the three blank rows gone */
  {
    guint rows = 0;
    for (const char *p = xml; (p = strstr (p, "<w:tr>")) != NULL; p++)
      rows++;
    g_assert_cmpuint (rows, ==, 41);
  }
  cd_test_rm_rf (tmp);
}

static void
test_form_two_row_header (void)
{
  g_autoptr(CdDocContext) ctx = docs_people_context (2);
  g_autoptr(GError) error = NULL;
  g_autofree char *tmp = cd_test_tmpdir ();
  g_autofree char *path = g_build_filename (tmp, "form2.docx", NULL);
  g_autoptr(CdDocxPackage) pkg = NULL;
  g_autoptr(GPtrArray) cols = NULL;
  g_autofree char *xml = NULL;
  /* TT | Họ và tên (merged down) | Căn cước công dân (over 3 columns)
   *    |                        | Số | Ngày cấp | Nơi cấp            */
#define TC(t) "<w:tc><w:p><w:r><w:t>" t "</w:t></w:r></w:p></w:tc>"
#define TCV(t) "<w:tc><w:tcPr><w:vMerge w:val=\"restart\"/></w:tcPr><w:p><w:r><w:t>" t "</w:t></w:r></w:p></w:tc>"
#define TCC "<w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc>"
  docs_write_docx (path,
    "<w:tbl><w:tr>" TCV ("TT") TCV ("Họ và tên") TCV ("Ngày sinh") "<w:tc><w:tcPr><w:gridSpan w:val=\"3\"/></w:tcPr><w:p><w:r><w:t>Căn cước</w:t><w:br/><w:t>công dân</w:t></w:r></w:p></w:tc>" "</w:tr>"
    "<w:tr>" TCC TCC TCC TC ("Số") TC ("Ngày cấp") TC ("Nơi cấp") "</w:tr>"
    "<w:tr>" TC ("1") "<w:tc><w:p/></w:tc><w:tc><w:p/></w:tc><w:tc><w:p/></w:tc><w:tc><w:p/></w:tc><w:tc><w:p/></w:tc></w:tr>"
    "</w:tbl>");
  pkg = cd_docx_package_load (path, &error);
  g_assert_no_error (error);
  cols = cd_docx_fill_form (pkg, ctx, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cols->len, ==, 6);
  g_assert_cmpstr (((CdFormColumn *) g_ptr_array_index (cols, 3))->field, ==, "cccd");
  g_assert_cmpstr (((CdFormColumn *) g_ptr_array_index (cols, 4))->field, ==, "ngay_cap_cccd");
  g_assert_cmpstr (((CdFormColumn *) g_ptr_array_index (cols, 5))->field, ==, "noi_cap_cccd");
  xml = cd_docx_package_get_part_text (pkg, "word/document.xml");
  /* the CCCD then its date in the next cell (the last rows keep with
   * the signature: their paragraphs may carry w:keepNext) */
  g_assert_true (g_regex_match_simple (">031085000001</w:t></w:r></w:p></w:tc><w:tc><w:p>(<w:pPr><w:keepNext/></w:pPr>)?<w:r><w:t xml:space=\"preserve\">02/02/2021<",
                                       xml, 0, 0));
  g_assert_nonnull (strstr (xml, ">Nơi cấp<"));
  cd_test_rm_rf (tmp);
}

/* A Sở's list with the card in one cell ("Số CMND/CCCD/Hộ chiếu; Ngày
 * cấp; Nơi cấp", as in Mẫu 01): the number, date and place each on a
 * line of that cell. It used to get the date alone. */
static void
test_form_card_in_one_cell (void)
{
  g_autoptr(CdDocContext) ctx = docs_people_context (2);
  g_autoptr(GError) error = NULL;
  g_autofree char *tmp = cd_test_tmpdir ();
  g_autofree char *path = g_build_filename (tmp, "form-card.docx", NULL);
  g_autoptr(CdDocxPackage) pkg = NULL;
  g_autoptr(GPtrArray) cols = NULL;
  g_autofree char *xml = NULL;
  g_autofree char *two = NULL;

  docs_write_docx (path,
    "<w:tbl><w:tr>" TC ("STT") TC ("Họ và tên") TC ("Số CMND/CCCD/Hộ chiếu; Ngày cấp; Nơi cấp") TC ("Số CCCD, ngày cấp") "</w:tr>"
    "<w:tr>" TC ("1") "<w:tc><w:p/></w:tc><w:tc><w:p/></w:tc><w:tc><w:p/></w:tc></w:tr>"
    "</w:tbl>");
  pkg = cd_docx_package_load (path, &error);
  g_assert_no_error (error);
  cols = cd_docx_fill_form (pkg, ctx, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (((CdFormColumn *) g_ptr_array_index (cols, 2))->field, ==, "cccd_ngay_noi_cap");
  g_assert_cmpstr (((CdFormColumn *) g_ptr_array_index (cols, 3))->field, ==, "cccd_ngay_cap");
  two = cd_doc_field_value (ctx, g_ptr_array_index (ctx->people, 1), 1, "cccd_ngay_noi_cap");
  g_assert_cmpstr (two, ==, "031085000001\n02/02/2021\nCục Cảnh sát QLHC về TTXH");
  xml = cd_docx_package_get_part_text (pkg, "word/document.xml");
  g_assert_true (g_regex_match_simple (">031085000001</w:t><w:br/><w:t[^>]*>02/02/2021</w:t><w:br/><w:t[^>]*>Cục Cảnh sát QLHC về TTXH</w:t>",
                                       xml, 0, 0));
  g_assert_true (g_regex_match_simple (">031085000001</w:t><w:br/><w:t[^>]*>02/02/2021</w:t></w:r>", xml, 0, 0));

  /* the same group over a cell of each: the number alone under "Số" */
  g_clear_pointer (&cols, g_ptr_array_unref);
  g_clear_pointer (&pkg, cd_docx_package_free);
  docs_write_docx (path,
    "<w:tbl><w:tr>" TCV ("TT") TCV ("Họ và tên") "<w:tc><w:tcPr><w:gridSpan w:val=\"3\"/></w:tcPr><w:p><w:r><w:t>Số CCCD, ngày cấp, nơi cấp</w:t></w:r></w:p></w:tc>" "</w:tr>"
    "<w:tr>" TCC TCC TC ("Số") TC ("Ngày cấp") TC ("Nơi cấp") "</w:tr>"
    "<w:tr>" TC ("1") "<w:tc><w:p/></w:tc><w:tc><w:p/></w:tc><w:tc><w:p/></w:tc><w:tc><w:p/></w:tc></w:tr>"
    "</w:tbl>");
  pkg = cd_docx_package_load (path, &error);
  g_assert_no_error (error);
  cols = cd_docx_fill_form (pkg, ctx, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (((CdFormColumn *) g_ptr_array_index (cols, 2))->field, ==, "cccd");
  g_assert_cmpstr (((CdFormColumn *) g_ptr_array_index (cols, 3))->field, ==, "ngay_cap_cccd");
  g_assert_cmpstr (((CdFormColumn *) g_ptr_array_index (cols, 4))->field, ==, "noi_cap_cccd");
  cd_test_rm_rf (tmp);
}

static void
test_import_own_template (void)
{
  g_autofree char *tmp = cd_test_tmpdir ();
  g_autofree char *src = g_build_filename (tmp, "Mẫu của trường.docx", NULL);
  g_autofree char *bad = g_build_filename (tmp, "bad.docx", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GPtrArray) list = NULL;
  gboolean found = FALSE;
  guint builtins = 0;

  docs_write_docx (src, "<w:p><w:r><w:t>{{ho_ten}}</w:t></w:r></w:p>");
  path = cd_doc_templates_import (src, FALSE, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (path, g_get_user_data_dir ()));
  /* a second import of the same name needs overwrite */
  g_assert_null (cd_doc_templates_import (src, FALSE, &error));
  g_assert_error (error, CD_FILE_ERROR, CD_FILE_ERROR_EXISTS);
  g_clear_error (&error);

  g_assert_true (g_file_set_contents (bad, "not a zip", -1, NULL));
  g_assert_null (cd_doc_templates_import (bad, FALSE, &error));
  g_assert_error (error, CD_FILE_ERROR, CD_FILE_ERROR_FORMAT);

  list = cd_doc_templates_list ();
  for (guint i = 0; i < list->len; i++)
    {
      CdDocTemplate *t = g_ptr_array_index (list, i);
      if (t->builtin)
        builtins++;
      else if (g_str_equal (t->id, "Mẫu của trường"))
        found = TRUE;
      else
        g_assert_not_reached ();
    }
  g_assert_cmpuint (builtins, ==, 16); /* the 14 lists and letters, Mẫu 02 and 03 */
  g_assert_true (found);
  cd_test_rm_rf (tmp);
}

static void
test_form_picks_table_by_kind (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *tmp = cd_test_tmpdir ();
  g_autofree char *path = g_build_filename (tmp, "both.docx", NULL);
  const char *body =
    "<w:tbl><w:tr>" TC ("STT") TC ("Họ và tên") TC ("Ngày sinh") TC ("Chức vụ") TC ("Số căn cước công dân") "</w:tr>"
    "<w:tr>" TC ("1") "<w:tc><w:p/></w:tc><w:tc><w:p/></w:tc><w:tc><w:p/></w:tc><w:tc><w:p/></w:tc></w:tr></w:tbl>"
    "<w:p/>"
    "<w:tbl><w:tr>" TC ("TT") TC ("Họ và tên") TC ("Ngày sinh") TC ("Thông tin chứng thư số") TC ("Lý do thu hồi") "</w:tr>"
    "<w:tr>" TC ("1") "<w:tc><w:p/></w:tc><w:tc><w:p/></w:tc><w:tc><w:p/></w:tc><w:tc><w:p/></w:tc></w:tr></w:tbl>";

  docs_write_docx (path, body);
  for (guint pass = 0; pass < 2; pass++)
    {
      g_autoptr(CdDocContext) ctx = docs_people_context (3);
      g_autoptr(CdDocxPackage) pkg = cd_docx_package_load (path, &error);
      g_autoptr(GPtrArray) cols = NULL;

      ctx->kind = g_strdup (pass == 0 ? "cap-moi" : "thu-hoi");
      cols = cd_docx_fill_form (pkg, ctx, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (((CdFormColumn *) g_ptr_array_index (cols, 4))->field, ==,
                       pass == 0 ? "cccd" : "ly_do");
    }
  cd_test_rm_rf (tmp);
}

/* --check-template on a form holding both lists (seed 002): one entry
 * per list table, each with its columns, its own narrow number columns
 * and the kinds whose rows the fill puts into it; a table that is no
 * list (the frame's heading) is left out but counted in the places. */
static void
test_form_check_each_list (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *tmp = cd_test_tmpdir ();
  g_autofree char *path = g_build_filename (tmp, "both.docx", NULL);
  const char *body =
    "<w:tbl><w:tr>" TC ("TÊN ĐƠN VỊ") TC ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM") "</w:tr></w:tbl>"
    "<w:tbl><w:tr>" TC ("STT") TC ("Họ và tên") TC ("Ngày sinh") TC ("Chức vụ") TC ("Số căn cước công dân") "</w:tr>"
    "<w:tr>" TC ("1") "<w:tc><w:p/></w:tc><w:tc><w:p/></w:tc><w:tc><w:p/></w:tc><w:tc><w:p/></w:tc></w:tr></w:tbl>"
    "<w:p/>"
    "<w:tbl><w:tr>" TC ("TT") TC ("Họ và tên") TC ("Ngày sinh") TC ("Thông tin chứng thư số") TC ("Lý do thu hồi") "</w:tr>"
    "<w:tr><w:tc><w:p><w:r><w:rPr><w:sz w:val=\"24\"/></w:rPr><w:t>1</w:t></w:r></w:p></w:tc>"
    "<w:tc><w:p/></w:tc><w:tc><w:tcPr><w:tcW w:w=\"700\" w:type=\"dxa\"/></w:tcPr><w:p/></w:tc>"
    "<w:tc><w:p/></w:tc><w:tc><w:p/></w:tc></w:tr></w:tbl>";
  g_autoptr(CdDocxPackage) pkg = NULL;
  g_autoptr(GPtrArray) lists = NULL;
  CdFormCheck *request, *revocation;
  g_autofree char *request_kinds = NULL, *revocation_kinds = NULL;

  docs_write_docx (path, body);
  pkg = cd_docx_package_load (path, &error);
  g_assert_no_error (error);
  lists = cd_docx_check_form (pkg, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (lists->len, ==, 2);
  request = g_ptr_array_index (lists, 0);
  revocation = g_ptr_array_index (lists, 1);
  g_assert_cmpuint (request->table, ==, 1);
  g_assert_cmpuint (revocation->table, ==, 2);
  g_assert_false (request->revocation);
  g_assert_true (revocation->revocation);
  g_assert_cmpstr (((CdFormColumn *) g_ptr_array_index (request->columns, 4))->field, ==, "cccd");
  g_assert_cmpstr (((CdFormColumn *) g_ptr_array_index (revocation->columns, 4))->field, ==, "ly_do");
  g_assert_cmpuint (request->narrow->len, ==, 0);
  g_assert_cmpuint (revocation->narrow->len, ==, 1);
  g_assert_cmpstr (((CdFormNarrowColumn *) g_ptr_array_index (revocation->narrow, 0))->field, ==, "ngay_sinh");
  g_ptr_array_add (request->kinds, NULL);
  g_ptr_array_add (revocation->kinds, NULL);
  request_kinds = g_strjoinv (" ", (char **) request->kinds->pdata);
  revocation_kinds = g_strjoinv (" ", (char **) revocation->kinds->pdata);
  g_assert_cmpstr (request_kinds, ==, "cap-moi cap-lai gia-han thay-doi khoi-phuc hom-thu mau-01 mau-04 mau-06");
  g_assert_cmpstr (revocation_kinds, ==, "thu-hoi mau-05");
  cd_test_rm_rf (tmp);
}

static void
test_form_without_table (void)
{
  g_autoptr(CdDocContext) ctx = docs_people_context (1);
  g_autoptr(GError) error = NULL;
  g_autofree char *tmp = cd_test_tmpdir ();
  g_autofree char *path = g_build_filename (tmp, "letter.docx", NULL);
  g_autofree char *out = g_build_filename (tmp, "out.docx", NULL);

  docs_write_docx (path, "<w:p><w:r><w:t>Kính gửi: Sở GDĐT</w:t></w:r></w:p>");
  g_assert_false (cd_docx_generate (path, ctx, out, FALSE, NULL, NULL, &error));
  g_assert_error (error, CD_DOCS_ERROR, CD_DOCS_ERROR_NOT_TEMPLATE);
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
  cd_test_rm_rf (tmp);
}

int
main (int argc, char *argv[])
{
  cd_test_init (&argc, &argv);

  g_test_add_func ("/core/docs/fields/running-text", test_running_text_fields);
  g_test_add_func ("/core/docs/bulk/place-codes", test_place_codes);
  g_test_add_func ("/core/docs/templates/mau-02-unit-row", test_unit_request_mau02);
  g_test_add_func ("/core/docs/templates/mau-03-service", test_unit_request_mau03);
  g_test_add_func ("/core/docs/fields/unit", test_unit_fields);
  g_test_add_func ("/core/docs/form/header-mapping", test_form_header_mapping);
  g_test_add_func ("/core/docs/form/fill-40", test_form_fill);
  g_test_add_func ("/core/docs/form/no-table", test_form_without_table);
  g_test_add_func ("/core/docs/form/table-by-kind", test_form_picks_table_by_kind);
  g_test_add_func ("/core/docs/form/check-each-list", test_form_check_each_list);
  g_test_add_func ("/core/docs/templates/import-own", test_import_own_template);
  g_test_add_func ("/core/docs/form/two-row-header", test_form_two_row_header);
  g_test_add_func ("/core/docs/form/card-in-one-cell", test_form_card_in_one_cell);
  return g_test_run ();
}
