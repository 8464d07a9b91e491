/* test-sheet.c — the sheet reader alone: .xlsx shared and inline strings,
 * numbers kept as digits, CSV encodings and delimiters
 *
 * The workbook is written part by part here, so that each kind of cell
 * Excel and other writers produce is there exactly once.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <zip.h>

#include "cd-fileutil.h"
#include "cd-sheet.h"
#include "cd-test-util.h"

typedef struct
{
  char *tmp;
} Fixture;

static void
setup (Fixture *f, gconstpointer data)
{
  f->tmp = cd_test_tmpdir ();
}

static void
teardown (Fixture *f, gconstpointer data)
{
  cd_test_rm_rf (f->tmp);
  g_free (f->tmp);
}

static char *
write_file (Fixture *f, const char *name, const char *data, gssize len)
{
  char *path = g_build_filename (f->tmp, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, data, len, &error);
  g_assert_no_error (error);
  return path;
}

/* A zip of @parts: name, text, name, text, …, NULL. */
static char *
write_zip (Fixture *f, const char *name, ...)
{
  char *path = g_build_filename (f->tmp, name, NULL);
  const char *part;
  va_list ap;
  zip_t *za;
  int err = 0;

  za = zip_open (path, ZIP_CREATE | ZIP_TRUNCATE, &err);
  g_assert_nonnull (za);
  va_start (ap, name);
  while ((part = va_arg (ap, const char *)) != NULL)
    {
      const char *text = va_arg (ap, const char *);
      zip_source_t *src = zip_source_buffer (za, text, strlen (text), 0);

      g_assert_nonnull (src);
      g_assert_cmpint (zip_file_add (za, part, src, ZIP_FL_ENC_UTF_8), >=, 0);
    }
  va_end (ap);
  g_assert_cmpint (zip_close (za), ==, 0);
  return path;
}

static const CdSheetRow *
row_at (const CdSheet *sheet, guint i)
{
  g_assert_cmpuint (i, <, sheet->rows->len);
  return g_ptr_array_index (sheet->rows, i);
}

#define WORKBOOK \
  "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"" \
  " xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">" \
  "<sheets><sheet name=\"DS\" sheetId=\"1\" r:id=\"rId7\"/></sheets></workbook>"
#define WORKBOOK_RELS \
  "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">" \
  "<Relationship Id=\"rId1\" Type=\"x\" Target=\"styles.xml\"/>" \
  "<Relationship Id=\"rId7\" Type=\"x\" Target=\"worksheets/danhsach.xml\"/>" \
  "</Relationships>"

static void
test_xlsx (Fixture *f, gconstpointer data)
{
  /* Shared strings: a plain one, one in rich-text runs with a phonetic
   * reading (not part of the text), one with a space kept. */
  static const char sst[] =
    "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
    "<si><t>Họ và tên</t></si>"
    "<si><r><rPr><b/></rPr><t>Nguyễn </t></r><r><t>Văn A</t></r><rPh sb=\"0\" eb=\"1\"><t>x</t></rPh></si>"
    "<si><t xml:space=\"preserve\"> Hà Nội </t></si>"
    "</sst>";
  static const char sheet_xml[] =
    "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
    "<row r=\"2\"><c r=\"A2\" t=\"s\"><v>0</v></c><c r=\"B2\" t=\"inlineStr\"><is><t>Số CCCD</t></is></c></row>"
    "<row r=\"3\"><c r=\"A3\" t=\"s\"><v>1</v></c><c r=\"B3\"><v>12345678901</v></c>"
    "<c r=\"D3\" t=\"s\"><v>2</v></c><c r=\"E3\"><v>1.23456789012E+11</v></c>"
    "<c r=\"F3\" t=\"str\"><v>=A1</v></c><c r=\"G3\"><v>0.5</v></c></row>"
    "<row><c t=\"inlineStr\"><is><r><t>Lê </t></r><r><t>Thị B</t></r></is></c></row>"
    "<row r=\"6\"><c r=\"A6\" t=\"s\"><v>99</v></c></row>"
    "</sheetData></worksheet>";
  g_autofree char *path = write_zip (f, "ds.xlsx",
                                     "xl/workbook.xml", WORKBOOK,
                                     "xl/_rels/workbook.xml.rels", WORKBOOK_RELS,
                                     "xl/sharedStrings.xml", sst,
                                     "xl/worksheets/danhsach.xml", sheet_xml, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CdSheet) sheet = cd_sheet_read (path, &error);
  const CdSheetRow *r;

  g_assert_no_error (error);
  g_assert_cmpstr (sheet->format, ==, "xlsx");
  g_assert_cmpstr (sheet->encoding, ==, "UTF-8");
  g_assert_cmpuint (sheet->rows->len, ==, 4);

  r = row_at (sheet, 0);
  g_assert_cmpuint (r->number, ==, 2);
  g_assert_cmpstr (cd_sheet_row_text (r, 0), ==, "Họ và tên");
  g_assert_cmpstr (cd_sheet_row_text (r, 1), ==, "Số CCCD");   /* inline */
  g_assert_false (cd_sheet_row_get (r, 1)->numeric);
  g_assert_null (cd_sheet_row_get (r, 2));                     /* past the end */

  r = row_at (sheet, 1);
  g_assert_cmpuint (r->number, ==, 3);
  g_assert_cmpstr (cd_sheet_row_text (r, 0), ==, "Nguyễn Văn A");
  g_assert_cmpstr (cd_sheet_row_text (r, 1), ==, "12345678901");
  g_assert_true (cd_sheet_row_get (r, 1)->numeric);
  g_assert_null (cd_sheet_row_text (r, 2));                    /* C3 missing */
  g_assert_cmpstr (cd_sheet_row_text (r, 3), ==, " Hà Nội ");
  g_assert_cmpstr (cd_sheet_row_text (r, 4), ==, "123456789012");
  g_assert_cmpstr (cd_sheet_row_text (r, 5), ==, "=A1");
  g_assert_false (cd_sheet_row_get (r, 5)->numeric);
  g_assert_cmpstr (cd_sheet_row_text (r, 6), ==, "0.5");

  /* No r attributes: the row after the last, columns in order. */
  r = row_at (sheet, 2);
  g_assert_cmpuint (r->number, ==, 4);
  g_assert_cmpstr (cd_sheet_row_text (r, 0), ==, "Lê Thị B");

  /* A shared string index out of range: an empty cell, no crash. */
  r = row_at (sheet, 3);
  g_assert_cmpuint (r->number, ==, 6);
  g_assert_true (cd_sheet_row_is_blank (r));
}

/* A cell with two value children (issue 20, D11): the last one counts;
 * the first was leaked (the sanitizer build and valgrind see it). */
static void
test_xlsx_two_values (Fixture *f, gconstpointer data)
{
  static const char sheet_xml[] =
    "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
    "<row r=\"1\"><c r=\"A1\" t=\"str\"><v>first</v><v>second</v></c>"
    "<c r=\"B1\" t=\"inlineStr\"><v>12</v><is><t>text</t></is></c>"
    "<c r=\"C1\" t=\"inlineStr\"><is><t>one</t></is><is><t>two</t></is></c></row>"
    "</sheetData></worksheet>";
  g_autofree char *path = write_zip (f, "two.xlsx", "xl/worksheets/sheet1.xml", sheet_xml, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CdSheet) sheet = cd_sheet_read (path, &error);
  const CdSheetRow *r;

  g_assert_no_error (error);
  r = row_at (sheet, 0);
  g_assert_cmpstr (cd_sheet_row_text (r, 0), ==, "second");
  g_assert_cmpstr (cd_sheet_row_text (r, 1), ==, "text");
  g_assert_false (cd_sheet_row_get (r, 1)->numeric);
  g_assert_cmpstr (cd_sheet_row_text (r, 2), ==, "two");
}

static void
test_xlsx_no_sheet (Fixture *f, gconstpointer data)
{
  g_autofree char *path = write_zip (f, "other.xlsx", "readme.txt", "hello", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CdSheet) sheet = cd_sheet_read (path, &error);

  g_assert_null (sheet);
  g_assert_error (error, CD_SHEET_ERROR, CD_SHEET_ERROR_FORMAT);
  g_assert_nonnull (strstr (error->message, "other.xlsx"));
}

static void
test_csv_cp1258 (Fixture *f, gconstpointer data)
{
  static const char utf8[] =
    "Họ và tên;Số CCCD;Quê quán\r\n"
    "Nguyễn Văn Đức;001080012345;Hải Phòng\r\n"
    ";;\r\n"
    "Trần Thị Ơn;;\"Thủy; Nguyên\"\r\n";
  g_autoptr(GError) error = NULL;
  g_autofree char *cp = NULL;
  g_autofree char *path = NULL;
  g_autoptr(CdSheet) sheet = NULL;
  gsize len = 0;
  const CdSheetRow *r;

  cp = g_convert (utf8, -1, "WINDOWS-1258", "UTF-8", NULL, &len, &error);
  g_assert_no_error (error);
  g_assert_false (g_utf8_validate (cp, (gssize) len, NULL));
  path = write_file (f, "ansi.csv", cp, (gssize) len);
  sheet = cd_sheet_read (path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sheet->format, ==, "csv");
  g_assert_cmpstr (sheet->encoding, ==, "WINDOWS-1258");
  g_assert_cmpuint (sheet->rows->len, ==, 5);   /* the last line is empty */

  r = row_at (sheet, 1);
  g_assert_cmpuint (r->number, ==, 2);
  {
    /* Windows-1258 writes some tones as combining marks: compare NFC. */
    g_autofree char *name = g_utf8_normalize (cd_sheet_row_text (r, 0), -1, G_NORMALIZE_NFC);
    g_autofree char *place = g_utf8_normalize (cd_sheet_row_text (r, 2), -1, G_NORMALIZE_NFC);

    g_assert_cmpstr (name, ==, "Nguyễn Văn Đức");
    g_assert_cmpstr (cd_sheet_row_text (r, 1), ==, "001080012345");
    g_assert_false (cd_sheet_row_get (r, 1)->numeric);
    g_assert_cmpstr (place, ==, "Hải Phòng");
  }
  g_assert_true (cd_sheet_row_is_blank (row_at (sheet, 2)));
  r = row_at (sheet, 3);
  {
    g_autofree char *place = g_utf8_normalize (cd_sheet_row_text (r, 2), -1, G_NORMALIZE_NFC);

    g_assert_null (cd_sheet_row_text (r, 1));
    g_assert_cmpstr (place, ==, "Thủy; Nguyên");   /* quoted delimiter */
  }
}

static void
test_csv_utf8 (Fixture *f, gconstpointer data)
{
  static const char csv[] =
    "\xEF\xBB\xBF" "Họ và tên,Ghi chú\n"
    "\"Phạm Văn C\",\"hai dòng\nvà \"\"ngoặc\"\"\"\n"
    "Võ D,x\n";
  g_autofree char *path = write_file (f, "bom.csv", csv, -1);
  g_autoptr(GError) error = NULL;
  g_autoptr(CdSheet) sheet = cd_sheet_read (path, &error);
  const CdSheetRow *r;

  g_assert_no_error (error);
  g_assert_cmpstr (sheet->encoding, ==, "UTF-8");
  g_assert_cmpstr (cd_sheet_row_text (row_at (sheet, 0), 0), ==, "Họ và tên");   /* no BOM */
  r = row_at (sheet, 1);
  g_assert_cmpstr (cd_sheet_row_text (r, 0), ==, "Phạm Văn C");
  g_assert_cmpstr (cd_sheet_row_text (r, 1), ==, "hai dòng\nvà \"ngoặc\"");
  /* Line numbers count the line inside the quotes. */
  r = row_at (sheet, 2);
  g_assert_cmpuint (r->number, ==, 4);
  g_assert_cmpstr (cd_sheet_row_text (r, 0), ==, "Võ D");
}

static void
test_not_text (Fixture *f, gconstpointer data)
{
  g_autofree char *path = write_file (f, "bin.csv", "a,b\n\0\1\2", 7);
  g_autoptr(GError) error = NULL;
  g_autoptr(CdSheet) sheet = cd_sheet_read (path, &error);

  g_assert_null (sheet);
  g_assert_error (error, CD_SHEET_ERROR, CD_SHEET_ERROR_FORMAT);
}

int
main (int argc, char **argv)
{
  cd_test_init (&argc, &argv);
  g_test_add ("/core/docs/sheet/xlsx-shared-inline", Fixture, NULL, setup, test_xlsx, teardown);
  g_test_add ("/core/docs/sheet/xlsx-no-worksheet", Fixture, NULL, setup, test_xlsx_no_sheet, teardown);
  g_test_add ("/core/docs/sheet/xlsx-two-values", Fixture, NULL, setup, test_xlsx_two_values, teardown);
  g_test_add ("/core/docs/sheet/csv-cp1258-semicolon", Fixture, NULL, setup, test_csv_cp1258, teardown);
  g_test_add ("/core/docs/sheet/csv-utf8-bom-quoted", Fixture, NULL, setup, test_csv_utf8, teardown);
  g_test_add ("/core/docs/sheet/csv-not-text", Fixture, NULL, setup, test_not_text, teardown);
  return g_test_run ();
}
