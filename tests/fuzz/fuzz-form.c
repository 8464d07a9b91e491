/* fuzz-form.c — the Sở's own form (a document.xml without placeholders:
 * the header row of its table, the blank numbered rows, the frame's
 * blanks) in a minimal package, through cd_docx_fill_form()
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "fuzz-common.h"

int
LLVMFuzzerTestOneInput (const guint8 *data, size_t size)
{
  const char *path = fuzz_tmp_path ("-form.docx");

  fuzz_init ();
  fuzz_write_docx (path, data, size);
  fuzz_docx_generate (path, TRUE);
  return 0;
}
