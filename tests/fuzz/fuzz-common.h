/* fuzz-common.h — what the libFuzzer harnesses share
 *
 * Each harness (fuzz-<name>.c) defines LLVMFuzzerTestOneInput(). Built
 * with clang's -fsanitize=fuzzer it is a fuzzer; built otherwise it is
 * linked with fuzz-driver.c, whose main() runs it over every file of its
 * corpus (tests/fuzz/corpus/<name>/) in meson test.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "cd-sheet.h"

G_BEGIN_DECLS

int  LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

/* Once per process: a GLib log writer that drops messages up to
 * warnings (hostile input is expected to be refused, loudly is fine)
 * and aborts on a critical, which is a bug the fuzzer should report. */
void        fuzz_init         (void);
/* A file of this process's own under $TMPDIR ending in @suffix, the
 * same path every call with the same suffix. */
const char *fuzz_tmp_path     (const char   *suffix);
/* Writes @data to @path; aborts when it cannot (a broken harness). */
void        fuzz_write_file   (const char   *path,
                               const guint8 *data,
                               size_t        size);
/* Writes a zip at @path holding @n parts: @names[i] with @data[i]
 * (@sizes[i] bytes), deflated. */
void        fuzz_write_zip    (const char         *path,
                               guint               n,
                               const char  *const *names,
                               const guint8 *const *data,
                               const size_t       *sizes);

/* What the staff import does with every cell of @sheet: clean (NFC),
 * read as a date, make the name and search keys. */
void        fuzz_sheet_walk   (CdSheet            *sheet);

/* Writes a minimal Word package at @path whose word/document.xml is
 * @document_xml. */
void        fuzz_write_docx   (const char         *path,
                               const guint8       *document_xml,
                               size_t              size);
/* What --generate does with the template at @path, short of writing the
 * file: read it, list its placeholders, fill them (or, without any, fill
 * it as the Sở's form; only that with @form_only) for three people, and
 * serialise the package. */
void        fuzz_docx_generate (const char        *path,
                                gboolean           form_only);

G_END_DECLS
