/* docs-fixture.c — writes documents from deterministic people so the
 * Python tests can read them with independent readers (python-docx,
 * LibreOffice, pdftotext, zipfile).
 *
 *   docs-fixture generate TEMPLATE OUT.docx N
 *   docs-fixture form IN.docx OUT.docx N        (prints the column mapping)
 *   docs-fixture register OUT.xlsx N
 *   docs-fixture bulk OUT.xlsx N
 *   docs-fixture pdf OUT.pdf N                  (the register)
 *   docs-fixture handover-pdf OUT.pdf N         (minutes)
 *   docs-fixture names N                        (the people's names, one a line)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>
#include <locale.h>

#include "cd-docx.h"
#include "cd-page-renderer.h"
#include "cd-xlsx-export.h"
#include "docs-people.h"

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdDocContext) ctx = NULL;
  const char *cmd;

  setlocale (LC_ALL, "");
  if (argc == 3 && g_str_equal (argv[1], "names"))
    {
      ctx = docs_people_context ((guint) atoi (argv[2]));
      for (guint i = 0; i < ctx->people->len; i++)
        g_print ("%s\n", ((CdDocPerson *) g_ptr_array_index (ctx->people, i))->staff->full_name);
      return 0;
    }
  if (argc < 4)
    {
      g_printerr ("usage: docs-fixture generate|form|register|bulk|pdf …\n");
      return 2;
    }
  cmd = argv[1];
  ctx = docs_people_context ((guint) atoi (argv[argc - 1]));

  if (g_str_equal (cmd, "generate") && argc == 5)
    {
      if (!cd_docx_generate (argv[2], ctx, argv[3], TRUE, NULL, NULL, &error))
        goto fail;
      return 0;
    }
  if (g_str_equal (cmd, "form") && argc == 5)
    {
      g_autoptr(GPtrArray) cols = NULL;

      if (!cd_docx_generate (argv[2], ctx, argv[3], TRUE, NULL, &cols, &error))
        goto fail;
      for (guint i = 0; cols != NULL && i < cols->len; i++)
        {
          CdFormColumn *c = g_ptr_array_index (cols, i);
          g_print ("%u\t%s\t%s\n", c->column, c->header, c->field ? c->field : "-");
        }
      return 0;
    }
  if (g_str_equal (cmd, "register") && argc == 4)
    {
      if (!cd_xlsx_write_register (argv[2], ctx, TRUE, &error))
        goto fail;
      return 0;
    }
  if (g_str_equal (cmd, "bulk") && argc == 4)
    {
      if (!cd_xlsx_write_bulk_sheet (argv[2], ctx, TRUE, &error))
        goto fail;
      return 0;
    }
  if ((g_str_equal (cmd, "pdf") || g_str_equal (cmd, "handover-pdf")) && argc == 4)
    {
      g_autoptr(CdPageRenderer) r =
        cd_page_renderer_new (g_str_equal (cmd, "pdf") ? CD_PAGE_REGISTER : CD_PAGE_HANDOVER, ctx);
      if (!cd_page_renderer_export_pdf (r, argv[2], TRUE, &error))
        goto fail;
      return 0;
    }
  g_printerr ("docs-fixture: bad command\n");
  return 2;

fail:
  g_printerr ("docs-fixture: %s\n", error->message);
  return 1;
}
