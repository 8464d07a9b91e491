/* test-docx-stream.c — a generated document written row by row into the
 * zip has the very bytes the DOM fill gives
 *
 * cd_docx_generate() compiles the repeated row once and writes it per
 * person (cd-docx-rows.c); cd_docx_fill() and cd_docx_fill_form() still
 * clone the row per person in the tree. The second is the reference:
 * document.xml must be byte for byte the same, for every built-in
 * template, for the Sở's form, for 0 to 5 people (the last two rows of a
 * list keep with what follows: their own copies) and for 5,000.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <zip.h>

#include "cd-doc-templates.h"
#include "cd-docx.h"
#include "cd-test-util.h"
#include "docs-people.h"

#define W_NS "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\""

static void
zip_put (zip_t *za, const char *name, const char *text)
{
  zip_source_t *src = zip_source_buffer (za, g_strdup (text), strlen (text), 1);
  g_assert_cmpint (zip_file_add (za, name, src, ZIP_FL_ENC_UTF_8), >=, 0);
}

static void
write_docx (const char *path, const char *body)
{
  int err = 0;
  zip_t *za = zip_open (path, ZIP_CREATE | ZIP_TRUNCATE, &err);
  g_autofree char *doc = g_strdup_printf (
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<w:document " W_NS "><w:body>%s</w:body></w:document>", body);

  g_assert_nonnull (za);
  zip_put (za, "[Content_Types].xml",
           "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
           "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
           "<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>");
  zip_put (za, "word/document.xml", doc);
  g_assert_cmpint (zip_close (za), ==, 0);
}

/* Values that exercise the writer: markup to escape, line breaks (a
 * w:br and a new w:t), a carriage return, an empty value. */
static void
add_awkward_values (CdDocContext *ctx)
{
  for (guint i = 0; i < ctx->people->len; i += 2)
    {
      CdDocPerson *p = g_ptr_array_index (ctx->people, i);

      g_free (p->staff->position);
      g_free (p->staff->department);
      p->staff->position = g_strdup (i % 4 == 0 ? "Tổ trưởng & <Tổ phó> \"A\"\nkiêm\n\nthủ quỹ\n" : "");
      p->staff->department = g_strdup ("Tổ Văn\r\nSử > Địa");
    }
}

/* document.xml of @template filled by the DOM path. */
static char *
reference_xml (const char *template, CdDocContext *ctx, gboolean *is_form)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdDocxPackage) pkg = cd_docx_package_load (template, &error);
  g_autoptr(GPtrArray) found = NULL;

  g_assert_no_error (error);
  found = cd_docx_list_placeholders (pkg, &error);
  g_assert_no_error (error);
  *is_form = found->len == 0;
  if (*is_form)
    {
      g_autoptr(GPtrArray) cols = cd_docx_fill_form (pkg, ctx, &error);
      g_assert_no_error (error);
    }
  else
    {
      g_assert_true (cd_docx_fill (pkg, ctx, &error));
      g_assert_no_error (error);
    }
  return cd_docx_package_get_part_text (pkg, "word/document.xml");
}

static void
assert_same (const char *template, CdDocContext *ctx, const char *tmp)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = g_build_filename (tmp, "out.docx", NULL);
  g_autoptr(CdDocxPackage) back = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *got = NULL;
  g_autoptr(GPtrArray) cols = NULL;
  gboolean is_form = FALSE;

  expected = reference_xml (template, ctx, &is_form);
  g_assert_true (cd_docx_generate (template, ctx, out, TRUE, NULL, &cols, &error));
  g_assert_no_error (error);
  g_assert_true ((cols != NULL) == is_form);
  back = cd_docx_package_load (out, &error);
  g_assert_no_error (error);
  got = cd_docx_package_get_part_text (back, "word/document.xml");
  if (g_strcmp0 (expected, got) != 0)
    {
      gsize i = 0;
      while (expected[i] != '\0' && expected[i] == got[i])
        i++;
      g_test_message ("%s, %u people: differs at byte %" G_GSIZE_FORMAT ":\n  want …%.200s\n  got  …%.200s",
                      template, ctx->people->len, i,
                      expected + (i > 80 ? i - 80 : 0), got + (i > 80 ? i - 80 : 0));
    }
  g_assert_cmpstr (expected, ==, got);
}

static void
test_builtins_same_bytes (void)
{
  g_autofree char *tmp = cd_test_tmpdir ();
  g_autoptr(GPtrArray) templates = cd_doc_templates_list ();
  static const guint counts[] = { 0, 1, 2, 3, 4, 5, 12 };

  g_assert_cmpuint (templates->len, >, 0);
  for (guint c = 0; c < G_N_ELEMENTS (counts); c++)
    {
      g_autoptr(CdDocContext) ctx = docs_people_context (counts[c]);

      add_awkward_values (ctx);
      for (guint t = 0; t < templates->len; t++)
        {
          CdDocTemplate *tpl = g_ptr_array_index (templates, t);

          if (tpl->builtin)
            assert_same (tpl->path, ctx, tmp);
        }
    }
  cd_test_rm_rf (tmp);
}

/* The Sở's form: a header naming the columns, three blank numbered rows
 * (the first auto-numbered in one variant), a row after the list. */
static char *
write_form (const char *tmp, gboolean auto_numbered)
{
  char *path = g_build_filename (tmp, auto_numbered ? "form-num.docx" : "form.docx", NULL);
  GString *body = g_string_new (NULL);
  const char *heads[] = { "STT", "Họ và tên", "Ngày sinh", "Chức vụ", "Đơn vị",
                          "Số căn cước công dân", "Điện thoại", "Email", "Chữ ký" };

  g_string_append (body, "<w:p><w:r><w:t>TÊN ĐƠN VỊ QUẢN LÝ</w:t></w:r></w:p>"
                         "<w:p><w:r><w:t>…………….., ngày       tháng     năm 2025</w:t></w:r></w:p>"
                         "<w:tbl><w:tr>");
  for (guint i = 0; i < G_N_ELEMENTS (heads); i++)
    g_string_append_printf (body, "<w:tc><w:p><w:r><w:rPr><w:b/></w:rPr><w:t>%s</w:t></w:r></w:p></w:tc>", heads[i]);
  g_string_append (body, "</w:tr>");
  for (guint r = 1; r <= 3; r++)
    {
      if (auto_numbered)
        g_string_append (body, "<w:tr><w:tc><w:p><w:pPr><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"1\"/></w:numPr></w:pPr></w:p></w:tc>");
      else
        g_string_append_printf (body, "<w:tr><w:tc><w:p><w:pPr><w:jc w:val=\"center\"/></w:pPr><w:r><w:rPr><w:sz w:val=\"24\"/></w:rPr><w:t>%u</w:t></w:r></w:p></w:tc>", r);
      for (guint i = 1; i < G_N_ELEMENTS (heads); i++)
        g_string_append (body, "<w:tc><w:p><w:pPr><w:rPr><w:sz w:val=\"24\"/></w:rPr></w:pPr></w:p><w:p/></w:tc>");
      g_string_append (body, "</w:tr>");
    }
  g_string_append (body, "<w:tr><w:tc><w:p><w:r><w:t>Tổng</w:t></w:r></w:p></w:tc></w:tr>"
                         "</w:tbl><w:p><w:r><w:t>HIỆU TRƯỞNG</w:t></w:r></w:p>"
                         "<w:p><w:r><w:t>(Ký, ghi rõ họ tên, đóng dấu)</w:t></w:r></w:p>");
  write_docx (path, body->str);
  g_string_free (body, TRUE);
  return path;
}

static void
test_form_same_bytes (void)
{
  g_autofree char *tmp = cd_test_tmpdir ();
  g_autofree char *form = write_form (tmp, FALSE);
  g_autofree char *numbered = write_form (tmp, TRUE);
  static const guint counts[] = { 0, 1, 2, 3, 4, 7 };

  for (guint c = 0; c < G_N_ELEMENTS (counts); c++)
    {
      g_autoptr(CdDocContext) ctx = docs_people_context (counts[c]);

      add_awkward_values (ctx);
      assert_same (form, ctx, tmp);
      assert_same (numbered, ctx, tmp);
    }
  cd_test_rm_rf (tmp);
}

/* A placeholder row with its values split over runs, document-wide
 * values in the row, an address in a cell, a placeholder alone in its
 * w:t (an empty value leaves an empty w:t), in a table with rows after
 * the list and a closing paragraph. */
static void
test_placeholder_row_same_bytes (void)
{
  g_autofree char *tmp = cd_test_tmpdir ();
  g_autofree char *path = g_build_filename (tmp, "ph.docx", NULL);
  static const guint counts[] = { 0, 1, 2, 3, 4, 6 };

  write_docx (path,
    "<w:p><w:r><w:t>{{ten_don_vi}}</w:t></w:r></w:p>"
    "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>STT</w:t></w:r></w:p></w:tc></w:tr>"
    "<w:tr><w:trPr><w:cantSplit/></w:trPr>"
    "<w:tc><w:p><w:r><w:rPr><w:b/></w:rPr><w:t>{{s</w:t></w:r><w:proofErr w:type=\"spellStart\"/><w:r><w:t xml:space=\"preserve\">tt}}. </w:t></w:r></w:p></w:tc>"
    "<w:tc><w:p><w:r><w:t>{{ho_ten}} ({{ten_don_vi}})</w:t></w:r></w:p><w:p><w:r><w:t>{{chuc_vu}}</w:t></w:r></w:p></w:tc>"
    "<w:tc><w:p><w:r><w:t>{{email}}</w:t></w:r></w:p></w:tc>"
    "<w:tc><w:p><w:r><w:t>{{don_vi}}</w:t></w:r><w:r><w:t>&amp; nữa</w:t></w:r></w:p></w:tc>"
    "</w:tr>"
    "<w:tr><w:tc><w:p><w:r><w:t>Cộng</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"
    "<w:p><w:r><w:t>Nơi nhận: {{email}}</w:t></w:r></w:p>");
  for (guint c = 0; c < G_N_ELEMENTS (counts); c++)
    {
      g_autoptr(CdDocContext) ctx = docs_people_context (counts[c]);

      add_awkward_values (ctx);
      assert_same (path, ctx, tmp);
    }
  cd_test_rm_rf (tmp);
}

/* 5,000 people: the built-in list and the form, every row. */
static void
test_long_list_same_bytes (void)
{
  g_autofree char *tmp = cd_test_tmpdir ();
  g_autofree char *form = write_form (tmp, FALSE);
  g_autoptr(GError) error = NULL;
  g_autofree char *tpl = cd_doc_templates_builtin_path ("cap-moi", &error);
  g_autoptr(CdDocContext) ctx = docs_people_context (5000);

  g_assert_no_error (error);
  add_awkward_values (ctx);
  assert_same (tpl, ctx, tmp);
  assert_same (form, ctx, tmp);
  cd_test_rm_rf (tmp);
}

int
main (int argc, char **argv)
{
  cd_test_init (&argc, &argv);
  g_test_add_func ("/core/docs/stream/builtins-same-bytes", test_builtins_same_bytes);
  g_test_add_func ("/core/docs/stream/form-same-bytes", test_form_same_bytes);
  g_test_add_func ("/core/docs/stream/placeholder-row-same-bytes", test_placeholder_row_same_bytes);
  g_test_add_func ("/core/docs/stream/5000-same-bytes", test_long_list_same_bytes);
  return g_test_run ();
}
