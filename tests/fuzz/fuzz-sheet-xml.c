/* fuzz-sheet-xml.c — the worksheet XML of an .xlsx (cells, shared and
 * inline strings, numbers, dates), put into a package as
 * xl/worksheets/sheet1.xml so the fuzzer works on the XML, not the zip
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "fuzz-common.h"

/* A shared-strings part, so that t="s" cells find something. */
static const char shared[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
  "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" count=\"3\" uniqueCount=\"3\">"
  "<si><t>Họ và tên</t></si><si><t>Ngày sinh</t></si><si><r><t>Nguyễn </t></r><r><t>Thị Hoa</t></r></si>"
  "</sst>";

int
LLVMFuzzerTestOneInput (const guint8 *data, size_t size)
{
  const char *path = fuzz_tmp_path ("-sheet.xlsx");
  const char *names[] = { "xl/worksheets/sheet1.xml", "xl/sharedStrings.xml" };
  const guint8 *parts[] = { data, (const guint8 *) shared };
  size_t sizes[] = { size, sizeof shared - 1 };
  g_autoptr(CdSheet) sheet = NULL;

  fuzz_init ();
  fuzz_write_zip (path, G_N_ELEMENTS (names), names, parts, sizes);
  sheet = cd_sheet_read (path, NULL);
  if (sheet != NULL)
    fuzz_sheet_walk (sheet);
  return 0;
}
