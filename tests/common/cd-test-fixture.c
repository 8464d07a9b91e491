/* cd-test-fixture.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <sqlite3.h>

#include "cd-test-fixture.h"
#include "cd-test-util.h"

GPtrArray *
cd_test_people (guint  n,
                gint64 now)
{
  return cd_demo_people (n, CD_TEST_SEED, now);
}

gboolean
cd_test_register_write (CdStore            *store,
                        GPtrArray          *people,
                        CdTestRegisterFlags flags,
                        GError            **error)
{
  /* A fixture register is disposable: no fsync per record (benchmarks
   * write tens of thousands of small transactions). */
  sqlite3_exec (cd_store_get_db (store), "PRAGMA synchronous=OFF", NULL, NULL, NULL);
  for (guint i = 0; i < people->len; i++)
    {
      CdDemoPerson *p = g_ptr_array_index (people, i);
      /* the device first, so that its certificate can name it */
      gboolean linked = (flags & CD_TEST_REGISTER_LINKED) && (flags & CD_TEST_REGISTER_DEVICES)
                        && (flags & CD_TEST_REGISTER_CERTIFICATES) && p->device != NULL;

      if (!cd_store_save_staff (store, p->staff, error))
        return FALSE;
      if (linked)
        {
          p->device->holder_id = p->staff->id;
          if (!cd_store_save_device (store, p->device, error))
            return FALSE;
        }
      for (guint j = 0; (flags & CD_TEST_REGISTER_CERTIFICATES) && j < p->certificates->len; j++)
        {
          CdCertificate *c = g_ptr_array_index (p->certificates, j);

          c->staff_id = p->staff->id;
          if (linked && j == p->device_cert)
            c->device_id = p->device->id;
          if (!cd_store_save_certificate (store, c, error))
            return FALSE;
        }
      if (!linked && (flags & CD_TEST_REGISTER_DEVICES) && p->device != NULL)
        {
          p->device->holder_id = p->staff->id;
          if (!cd_store_save_device (store, p->device, error))
            return FALSE;
        }
    }
  return TRUE;
}

gboolean
cd_test_register_fill (CdStore            *store,
                       guint               n_staff,
                       CdTestRegisterFlags flags,
                       gint64              now,
                       GArray            **ids_out,
                       GError            **error)
{
  g_autoptr(CdUnit) unit = cd_demo_unit ();
  g_autoptr(GPtrArray) people = cd_test_people (n_staff, now);

  if (!cd_store_save_unit (store, unit, error)
      || !cd_test_register_write (store, people, flags, error))
    return FALSE;
  if (ids_out != NULL)
    {
      GArray *ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), people->len);

      for (guint i = 0; i < people->len; i++)
        g_array_append_val (ids, ((CdDemoPerson *) g_ptr_array_index (people, i))->staff->id);
      *ids_out = ids;
    }
  return TRUE;
}

CdTestRegister *
cd_test_register_new (guint               n_staff,
                      CdTestRegisterFlags flags)
{
  g_autoptr(CdTestRegister) reg = g_new0 (CdTestRegister, 1);
  g_autoptr(GError) error = NULL;

  reg->dir = cd_test_tmpdir ();
  reg->path = g_build_filename (reg->dir, "certdesk.db", NULL);
  reg->now = g_get_real_time () / G_USEC_PER_SEC;
  reg->store = cd_store_open (reg->path, &error);
  g_assert_no_error (error);
  cd_test_register_fill (reg->store, n_staff, flags, reg->now, &reg->staff, &error);
  g_assert_no_error (error);
  return g_steal_pointer (&reg);
}

void
cd_test_register_free (CdTestRegister *reg)
{
  if (reg == NULL)
    return;
  g_clear_object (&reg->store);
  if (reg->dir != NULL)
    cd_test_rm_rf (reg->dir);
  g_free (reg->dir);
  g_free (reg->path);
  g_clear_pointer (&reg->staff, g_array_unref);
  g_free (reg);
}

GStrv
cd_test_names (guint n)
{
  /* The demo's own generator, so there is one list of Vietnamese names
   * in the tree; the clock only moves certificate dates. */
  g_autoptr(GPtrArray) people = cd_test_people (n, 0);
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();

  for (guint i = 0; i < people->len; i++)
    g_strv_builder_add (names, ((CdDemoPerson *) g_ptr_array_index (people, i))->staff->full_name);
  return g_strv_builder_end (names);
}

CdStaff *
cd_test_staff_new (const char *name,
                   const char *birth,
                   const char *cccd,
                   const char *email)
{
  CdStaff *s = cd_staff_new ();

  s->full_name = g_strdup (name);
  s->birth_date = g_strdup (birth);
  s->cccd = g_strdup (cccd);
  s->email = g_strdup (email);
  return s;
}

gint64
cd_test_save_staff (CdStore *store,
                    CdStaff *staff)
{
  g_autoptr(GError) error = NULL;
  gboolean ok = cd_store_save_staff (store, staff, &error);

  g_assert_no_error (error);
  g_assert_true (ok);
  return staff->id;
}

gint64
cd_test_add_staff (CdStore    *store,
                   const char *name,
                   const char *birth,
                   const char *cccd,
                   const char *email)
{
  g_autoptr(CdStaff) s = cd_test_staff_new (name, birth, cccd, email);

  return cd_test_save_staff (store, s);
}
