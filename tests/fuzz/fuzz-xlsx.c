/* fuzz-xlsx.c — a staff list's bytes as the clerk's file (an .xlsx
 * package, or anything cd_sheet_read() tells apart by content)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cd-sheet.h"
#include "fuzz-common.h"

int
LLVMFuzzerTestOneInput (const guint8 *data, size_t size)
{
  const char *path = fuzz_tmp_path (".xlsx");
  g_autoptr(CdSheet) sheet = NULL;

  fuzz_init ();
  fuzz_write_file (path, data, size);
  sheet = cd_sheet_read (path, NULL);
  if (sheet != NULL)
    fuzz_sheet_walk (sheet);
  return 0;
}
