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


typedef struct {
  guint  seen;
  guint  stop_at;
  guint  numbers[8];
} Collect;

static gboolean
collect_cb (CdSheetRow *row, gpointer user_data, GError **error)
{
  Collect *c = user_data;
  g_autoptr(CdSheetRow) r = row;

  if (c->seen < G_N_ELEMENTS (c->numbers))
    c->numbers[c->seen] = r->number;
  c->seen++;
  if (c->seen == c->stop_at)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, "enough");
      return FALSE;
    }
  return TRUE;
}

/* Rows come one by one, in order, and the callee can stop the reading:
 * what comes after is never handed over. */
static void
test_foreach_stops (Fixture *f, gconstpointer data)
{
  static const char sheet_xml[] =
    "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
    "<row r=\"1\"><c t=\"inlineStr\"><is><t>a</t></is></c></row>"
    "<row r=\"3\"><c t=\"inlineStr\"><is><t>b</t></is></c></row>"
    "<row><c t=\"inlineStr\"><is><t>c</t></is></c></row>"
    "<row r=\"9\"><c t=\"inlineStr\"><is><t>d</t></is></c></row>"
    "</sheetData></worksheet>";
  g_autofree char *path = write_zip (f, "rows.xlsx", "xl/worksheets/sheet1.xml", sheet_xml, NULL);
  g_autofree char *csv = write_file (f, "rows.csv", "a\nb\nc\nd\n", -1);
  g_autoptr(GError) error = NULL;
  const char *format = NULL, *encoding = NULL;
  Collect all = { 0, 0, { 0 } }, some = { 0, 2, { 0 } };

  g_assert_true (cd_sheet_foreach_row (path, &format, &encoding, collect_cb, &all, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (format, ==, "xlsx");
  g_assert_cmpstr (encoding, ==, "UTF-8");
  g_assert_cmpuint (all.seen, ==, 4);
  g_assert_cmpuint (all.numbers[0], ==, 1);
  g_assert_cmpuint (all.numbers[1], ==, 3);
  g_assert_cmpuint (all.numbers[2], ==, 4);
  g_assert_cmpuint (all.numbers[3], ==, 9);

  g_assert_false (cd_sheet_foreach_row (path, NULL, NULL, collect_cb, &some, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (some.seen, ==, 2);
  g_clear_error (&error);

  some.seen = 0;
  g_assert_false (cd_sheet_foreach_row (csv, &format, NULL, collect_cb, &some, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpstr (format, ==, "csv");
  g_assert_cmpuint (some.seen, ==, 2);
}

/* One shared string of 1,000,000 bytes named by 17 cells of one row:
 * 17 MB of text from a few KB of XML. Refused once the row passes its
 * limit, not after building it (nor the sheet). */
static void
test_shared_string_bomb (Fixture *f, gconstpointer data)
{
  g_autoptr(GString) sst = g_string_new ("<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><si><t>");
  g_autoptr(GString) sheet_xml = g_string_new ("<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
                                               "<row r=\"1\"><c t=\"inlineStr\"><is><t>Họ và tên</t></is></c></row><row r=\"2\">");
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CdSheet) sheet = NULL;
  Collect c = { 0, 0, { 0 } };

  for (guint i = 0; i < 1000000 / 10; i++)
    g_string_append (sst, "Nguyễn An ");   /* 10 bytes: ễ is 3 */
  g_string_append (sst, "</t></si></sst>");
  for (guint i = 0; i < 17; i++)
    g_string_append (sheet_xml, "<c t=\"s\"><v>0</v></c>");
  g_string_append (sheet_xml, "</row></sheetData></worksheet>");
  path = write_zip (f, "bomb.xlsx", "xl/sharedStrings.xml", sst->str,
                    "xl/worksheets/sheet1.xml", sheet_xml->str, NULL);

  g_assert_false (cd_sheet_foreach_row (path, NULL, NULL, collect_cb, &c, &error));
  g_assert_error (error, CD_SHEET_ERROR, CD_SHEET_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "bomb.xlsx"));
  g_assert_cmpuint (c.seen, ==, 1);   /* the header row, not the bomb */
  g_clear_error (&error);

  sheet = cd_sheet_read (path, &error);
  g_assert_null (sheet);
  g_assert_error (error, CD_SHEET_ERROR, CD_SHEET_ERROR_TOO_LARGE);
}

/* Shared string indexes past the table, huge or not numbers at all: an
 * empty cell, as Excel shows it; the next cells are read. */
static void
test_shared_string_index (Fixture *f, gconstpointer data)
{
  static const char sst[] =
    "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><si><t>một</t></si></sst>";
  static const char sheet_xml[] =
    "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
    "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>1</v></c><c r=\"B1\" t=\"s\"><v>99999999999999999999999</v></c>"
    "<c r=\"C1\" t=\"s\"><v>-1</v></c><c r=\"D1\" t=\"s\"><v>x</v></c><c r=\"E1\" t=\"s\"><v>0</v></c></row>"
    "</sheetData></worksheet>";
  g_autofree char *path = write_zip (f, "idx.xlsx", "xl/sharedStrings.xml", sst,
                                     "xl/worksheets/sheet1.xml", sheet_xml, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CdSheet) sheet = cd_sheet_read (path, &error);
  const CdSheetRow *r;

  g_assert_no_error (error);
  r = row_at (sheet, 0);
  g_assert_null (cd_sheet_row_text (r, 0));
  g_assert_null (cd_sheet_row_text (r, 1));
  g_assert_null (cd_sheet_row_text (r, 2));
  g_assert_cmpstr (cd_sheet_row_text (r, 3), ==, "một");   /* "x" reads as 0 */
  g_assert_cmpstr (cd_sheet_row_text (r, 4), ==, "một");
}

/* A worksheet damaged half-way: the whole read fails (the rows before
 * were handed over, cd_sheet_read() drops them); a UTF-16 part with a
 * doctype is refused before any entity is read. */
static void
test_xlsx_damaged (Fixture *f, gconstpointer data)
{
  static const char broken[] =
    "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
    "<row r=\"1\"><c t=\"inlineStr\"><is><t>a</t></is></c></row>"
    "<row r=\"2\"><c t=\"inlineStr\"><is><t>b &unknown; </t></is></c></row>"
    "</sheetData></worksheet>";
  static const char dtd[] =
    "<?xml version=\"1.0\" encoding=\"UTF-16\"?>"
    "<!DOCTYPE d [<!ENTITY a \"lol\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;\">]>"
    "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
    "<row r=\"1\"><c t=\"inlineStr\"><is><t>&b;</t></is></c></row></sheetData></worksheet>";
  g_autofree char *path = write_zip (f, "broken.xlsx", "xl/worksheets/sheet1.xml", broken, NULL);
  g_autofree char *utf16 = NULL;
  g_autofree char *dtd_path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CdSheet) sheet = NULL;
  Collect c = { 0, 0, { 0 } };
  gsize len = 0;
  zip_t *za;
  int err = 0;

  g_assert_false (cd_sheet_foreach_row (path, NULL, NULL, collect_cb, &c, &error));
  g_assert_error (error, CD_FILE_ERROR, CD_FILE_ERROR_FORMAT);
  g_assert_cmpuint (c.seen, ==, 1);
  g_clear_error (&error);
  sheet = cd_sheet_read (path, &error);
  g_assert_null (sheet);
  g_assert_error (error, CD_FILE_ERROR, CD_FILE_ERROR_FORMAT);
  g_clear_error (&error);

  utf16 = g_convert (dtd, -1, "UTF-16LE", "UTF-8", NULL, &len, &error);
  g_assert_no_error (error);
  dtd_path = g_build_filename (f->tmp, "dtd.xlsx", NULL);
  za = zip_open (dtd_path, ZIP_CREATE | ZIP_TRUNCATE, &err);
  {
    g_autofree char *bom = g_malloc (len + 2);
    zip_source_t *src;

    bom[0] = (char) 0xFF, bom[1] = (char) 0xFE;
    memcpy (bom + 2, utf16, len);
    src = zip_source_buffer (za, g_steal_pointer (&bom), len + 2, 1);
    g_assert_cmpint (zip_file_add (za, "xl/worksheets/sheet1.xml", src, 0), >=, 0);
  }
  g_assert_cmpint (zip_close (za), ==, 0);
  sheet = cd_sheet_read (dtd_path, &error);
  g_assert_null (sheet);
  g_assert_error (error, CD_FILE_ERROR, CD_FILE_ERROR_FORMAT);
  g_assert_nonnull (strstr (error->message, "DTD"));
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
  g_test_add ("/core/docs/sheet/foreach-stops", Fixture, NULL, setup, test_foreach_stops, teardown);
  g_test_add ("/core/docs/sheet/xlsx-shared-string-bomb", Fixture, NULL, setup, test_shared_string_bomb, teardown);
  g_test_add ("/core/docs/sheet/xlsx-shared-string-index", Fixture, NULL, setup, test_shared_string_index, teardown);
  g_test_add ("/core/docs/sheet/xlsx-damaged", Fixture, NULL, setup, test_xlsx_damaged, teardown);
  return g_test_run ();
}
