/* fuzz-docx.c — a Word template's bytes (the package: zip and parts)
 * through the placeholder engine or the form reader, as --generate
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "fuzz-common.h"

int
LLVMFuzzerTestOneInput (const guint8 *data, size_t size)
{
  const char *path = fuzz_tmp_path (".docx");

  fuzz_init ();
  fuzz_write_file (path, data, size);
  fuzz_docx_generate (path, FALSE);
  return 0;
}
