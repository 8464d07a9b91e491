/* bench-wizard.c — how long the wizards' rules take on a large register:
 * the suggestions of every kind, the missing-field check and the context
 * of a long list, save/resume of a draft batch, and the generation of the
 * Word file. Prints its figures.
 *
 *   bench-wizard [N_STAFF]      (default 5000)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>
#include <locale.h>
#include <glib/gstdio.h>

#include "cd-demo.h"
#include "cd-store.h"
#include "cd-batch.h"
#include "cd-wizard-check.h"
#include "cd-test-fixture.h"
#include "cd-wizard-draft.h"
#include "cd-wizard-generate.h"
#include "cd-wizard-preview.h"
#include "cd-wizard-suggest.h"

static double
since (gint64 t0)
{
  return (g_get_monotonic_time () - t0) / 1000.0;
}

int
main (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("bench-wizard-XXXXXX", NULL);
  g_autofree char *db = g_build_filename (dir, "certdesk.db", NULL);
  g_autofree char *out = g_build_filename (dir, "list.docx", NULL);
  g_autoptr(CdStore) store = NULL;
  g_autoptr(GPtrArray) people = NULL;
  g_autoptr(CdUnit) unit = cd_demo_unit ();
  const char *const domains[] = { "haiphong.edu.vn", NULL };
  const char *kinds[] = { "cap-moi", "gia-han", "cap-lai", "thay-doi", "khoi-phuc", "hom-thu", "thu-hoi" };
  guint n = argc > 1 ? (guint) atoi (argv[1]) : 5000;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC, t0;
  g_autoptr(CdWizardDraft) draft = cd_wizard_draft_new ("cap-moi");
  g_autoptr(CdWizardDraft) back = NULL;
  g_autoptr(GPtrArray) gaps = NULL;
  g_autoptr(CdDocContext) ctx = NULL;
  g_autofree char *tpl = NULL;
  const char *fields[] = { "ho_ten", "ngay_sinh", "cccd", "ngay_cap_cccd", "dien_thoai", "email", NULL };

  setlocale (LC_ALL, "");
  store = cd_store_open (db, &error);
  g_assert_no_error (error);
  cd_store_save_unit (store, unit, NULL);
  people = cd_test_people (n, now);
  t0 = g_get_monotonic_time ();
  cd_test_register_write (store, people, CD_TEST_REGISTER_ALL, &error);
  g_assert_no_error (error);
  g_print ("register: %u staff written in %.0f ms\n", n, since (t0));

  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      g_autoptr(GPtrArray) items = NULL;
      t0 = g_get_monotonic_time ();
      items = cd_wizard_suggest (store, kinds[k], now, 60, domains, &error);
      g_assert_no_error (error);
      g_print ("suggest %-9s %5u people in %7.1f ms\n", kinds[k], items->len, since (t0));
      if (g_str_equal (kinds[k], "cap-moi"))
        for (guint i = 0; i < items->len; i++)
          cd_wizard_draft_add (draft, cd_wizard_item_copy (g_ptr_array_index (items, i)));
    }

  t0 = g_get_monotonic_time ();
  gaps = cd_wizard_draft_check (draft, store, fields, domains, NULL, &error);
  g_assert_no_error (error);
  g_print ("check %u people: %u gaps in %.1f ms\n", draft->items->len, gaps->len, since (t0));
  t0 = g_get_monotonic_time ();
  ctx = cd_wizard_draft_context (draft, store, now, 60, &error);
  g_assert_no_error (error);
  g_print ("context of %u people in %.1f ms\n", ctx->people->len, since (t0));
  t0 = g_get_monotonic_time ();
  cd_batch_save (draft, store, &error);
  g_assert_no_error (error);
  back = cd_batch_load (store, draft->batch_id, &error);
  g_assert_no_error (error);
  g_print ("save + resume of the draft batch in %.1f ms\n", since (t0));
  t0 = g_get_monotonic_time ();
  tpl = cd_wizard_draft_template (draft, &error);
  if (!cd_wizard_draft_generate (draft, store, out, TRUE, now, 60, NULL, &error))
    g_printerr ("generate: %s\n", error->message);
  else
    g_print ("generate the Word list of %u people in %.1f ms\n", draft->items->len, since (t0));

  g_unlink (out);
  g_unlink (db);
  g_rmdir (dir);
  return 0;
}
