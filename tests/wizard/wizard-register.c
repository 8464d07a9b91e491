/* wizard-register.c — writes the demo register into an SQLite file for the
 * wizards' AT-SPI test, and prints (one per line, "kind<TAB>name") who the
 * wizards must list, computed from the demo data itself:
 *
 *   wizard-register DB N THRESHOLD_DAYS
 *
 * gia-han: working staff whose certificate is valid and expires within the
 * threshold; thu-hoi: staff who left with a valid certificate. One working
 * person with a valid certificate is marked retired first so that a
 * revocation always has someone.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>
#include <locale.h>

#include "cd-demo.h"
#include "cd-store.h"
#include "cd-test-fixture.h"

static gboolean
valid_at (const CdCertificate *c, gint64 now)
{
  return !c->revoked && c->not_before <= now && c->not_after > now;
}

int
main (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdStore) store = NULL;
  g_autoptr(CdUnit) unit = cd_demo_unit ();
  g_autoptr(GPtrArray) people = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  int threshold;
  gboolean retired = FALSE;

  setlocale (LC_ALL, "");
  if (argc != 4)
    {
      g_printerr ("usage: wizard-register DB N THRESHOLD_DAYS\n");
      return 2;
    }
  threshold = atoi (argv[3]);
  store = cd_store_open (argv[1], &error);
  if (store == NULL || !cd_store_save_unit (store, unit, &error))
    goto fail;
  people = cd_test_people ((guint) atoi (argv[2]), now);
  for (guint i = 0; i < people->len && !retired; i++)
    {
      CdDemoPerson *p = g_ptr_array_index (people, i);
      CdCertificate *cert = p->certificates->len ? g_ptr_array_index (p->certificates, 0) : NULL;

      if (!p->staff->left && cert != NULL && valid_at (cert, now)
          && cert->not_after > now + (gint64) (threshold + 5) * 86400)
        {
          p->staff->left = TRUE;
          p->staff->left_date = g_strdup ("2026-06-30");
          p->staff->left_reason = g_strdup ("Nghỉ hưu");
          retired = TRUE;
        }
    }
  if (!cd_test_register_write (store, people, CD_TEST_REGISTER_ALL, &error))
    goto fail;
  for (guint i = 0; i < people->len; i++)
    {
      CdDemoPerson *p = g_ptr_array_index (people, i);
      CdCertificate *cert = p->certificates->len ? g_ptr_array_index (p->certificates, 0) : NULL;
      gboolean valid = cert != NULL && valid_at (cert, now);

      if (!p->staff->left && valid && cert->not_after - now < (gint64) threshold * 86400)
        g_print ("gia-han\t%s\n", p->staff->full_name);
      if (p->staff->left && valid)
        g_print ("thu-hoi\t%s\n", p->staff->full_name);
    }
  return 0;

fail:
  g_printerr ("wizard-register: %s\n", error ? error->message : "failed");
  return 1;
}
