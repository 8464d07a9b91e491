/* wizard-register.c — writes the demo register into an SQLite file for the
 * wizards' AT-SPI test, and prints (one per line, "kind<TAB>name") who the
 * wizards must list, computed from the demo data itself:
 *
 *   wizard-register DB N THRESHOLD_DAYS [--more]
 *
 * gia-han: working staff whose certificate is valid and expires within the
 * threshold; thu-hoi: staff who left with a valid certificate. One working
 * person with a valid certificate is marked retired first so that a
 * revocation always has someone.
 *
 * --more (the people step's test): also one working person whose
 * certificate is made to have expired ten days ago ("expired"), and one
 * working person with a certificate valid well beyond the threshold
 * ("working").
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
  gboolean more = argc == 5 && g_str_equal (argv[4], "--more");
  /* copies: saving a person may replace its strings */
  g_autofree char *expired_name = NULL;
  g_autofree char *working_name = NULL;

  setlocale (LC_ALL, "");
  if (argc != 4 && !more)
    {
      g_printerr ("usage: wizard-register DB N THRESHOLD_DAYS [--more]\n");
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
  for (guint i = 0; more && i < people->len && (expired_name == NULL || working_name == NULL); i++)
    {
      CdDemoPerson *p = g_ptr_array_index (people, i);
      CdCertificate *cert = p->certificates->len ? g_ptr_array_index (p->certificates, 0) : NULL;

      if (p->staff->left || p->certificates->len != 1 || !valid_at (cert, now)
          || cert->not_after <= now + (gint64) (threshold + 5) * 86400)
        continue;
      if (expired_name == NULL)
        {
          cert->not_after = now - 10 * 86400;
          cert->not_before = cert->not_after - 5 * 365 * (gint64) 86400;
          expired_name = g_strdup (p->staff->full_name);
        }
      else
        working_name = g_strdup (p->staff->full_name);
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
  if (expired_name != NULL)
    g_print ("expired\t%s\n", expired_name);
  if (working_name != NULL)
    g_print ("working\t%s\n", working_name);
  return 0;

fail:
  g_printerr ("wizard-register: %s\n", error ? error->message : "failed");
  return 1;
}
