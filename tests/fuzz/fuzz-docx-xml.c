/* fuzz-docx-xml.c — a template's word/document.xml (placeholders split
 * over runs, repeated rows, DTDs, encodings) in a minimal package,
 * through the placeholder engine as --generate
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "fuzz-common.h"

int
LLVMFuzzerTestOneInput (const guint8 *data, size_t size)
{
  const char *path = fuzz_tmp_path ("-xml.docx");

  fuzz_init ();
  fuzz_write_docx (path, data, size);
  fuzz_docx_generate (path, FALSE);
  return 0;
}
