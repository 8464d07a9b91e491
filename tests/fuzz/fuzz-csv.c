/* fuzz-csv.c — a staff list saved as text (.csv): BOM, UTF-16,
 * Windows-1258/1252, ',' ';' or tab, quotes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "fuzz-common.h"

int
LLVMFuzzerTestOneInput (const guint8 *data, size_t size)
{
  const char *path = fuzz_tmp_path (".csv");
  g_autoptr(CdSheet) sheet = NULL;

  fuzz_init ();
  /* The reader tells a workbook by its first bytes: those are the xlsx
   * harness's, this one stays with text. */
  if (size >= 2 && (memcmp (data, "PK", 2) == 0 || memcmp (data, "\xd0\xcf", 2) == 0))
    return 0;
  fuzz_write_file (path, data, size);
  sheet = cd_sheet_read (path, NULL);
  if (sheet != NULL)
    fuzz_sheet_walk (sheet);
  return 0;
}
