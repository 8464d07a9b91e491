/* test-device-rows.c — the device register packed for the Thiết bị list:
 * texts read back right after many appends (the arena moves as it
 * grows), NULL kept apart from "", shared texts stored once, the
 * register's order kept
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "cd-device-rows.h"
#include "cd-test-fixture.h"

#define N_MANY 20000

static const char *const models[] = { "ePass2003 Auto", "Bit4ID miniLector", "SafeNet 5110", NULL };
static const char *const statuses[] = { "in_stock", "with_holder", "lost", "no-such-status" };

/* Device @i of the many: every text differs from its neighbours', some
 * are NULL, some empty. */
static CdDevice *
many_device (guint i)
{
  CdDevice *d = cd_device_new ();

  d->id = 1000 + i;
  d->holder_id = i % 3 == 0 ? 0 : 5000 + i;
  d->service_id = i % 7 == 0 ? 9 : 0;
  d->ported = i % 5 == 0;
  d->token_serial = g_strdup_printf ("B4ID%010u", i);
  d->label = i % 4 == 0 ? NULL : g_strdup_printf ("Token của người %u", i);
  d->model = g_strdup (models[i % G_N_ELEMENTS (models)]);
  d->manufacturer = g_strdup (i % 2 ? "Bit4ID" : "Feitian");
  d->type = i % 11 == 0 ? NULL : g_strdup (i % 2 ? "SIM" : "TOKEN");
  d->status = g_strdup (statuses[i % G_N_ELEMENTS (statuses)]);
  d->carrier = i % 2 ? g_strdup ("Viettel") : NULL;
  d->phone = i % 2 ? g_strdup_printf ("09%08u", i) : g_strdup ("");
  return d;
}

static char *
many_holder (guint i)
{
  return i % 3 == 0 ? NULL : g_strdup_printf ("Nguyễn Thị Phương Thảo %u", i);
}

static char *
many_cert (guint i)
{
  return i % 6 == 1 ? NULL : g_strdup_printf ("540101AABBCCDDEEFF%016X", i * 2654435761u);
}

static void
assert_row (CdDeviceRows *rows,
            guint         i)
{
  g_autoptr(CdDevice) want = many_device (i);
  g_autoptr(CdDevice) got = cd_device_rows_dup_device (rows, i);
  g_autofree char *holder = many_holder (i);
  g_autofree char *cert = many_cert (i);
  CdDeviceStatus status;

  g_assert_cmpint (cd_device_rows_get_id (rows, i), ==, want->id);
  g_assert_cmpint (cd_device_rows_get_holder_id (rows, i), ==, want->holder_id);
  if (!cd_device_status_from_id (want->status, &status))
    status = CD_DEVICE_IN_STOCK;
  g_assert_cmpint (cd_device_rows_get_status (rows, i), ==, status);
  g_assert_cmpstr (cd_device_rows_get_text (rows, i, CD_DEVICE_ROW_HOLDER), ==, holder);
  g_assert_cmpstr (cd_device_rows_get_text (rows, i, CD_DEVICE_ROW_CERT_SERIAL), ==, cert);
  g_assert_cmpstr (cd_device_rows_get_text (rows, i, CD_DEVICE_ROW_SERIAL), ==, want->token_serial);

  g_assert_cmpint (got->id, ==, want->id);
  g_assert_cmpint (got->holder_id, ==, want->holder_id);
  g_assert_cmpint (got->service_id, ==, want->service_id);
  g_assert_cmpint (got->ported, ==, want->ported);
  g_assert_cmpstr (got->token_serial, ==, want->token_serial);
  g_assert_cmpstr (got->label, ==, want->label);
  g_assert_cmpstr (got->manufacturer, ==, want->manufacturer);
  g_assert_cmpstr (got->model, ==, want->model);
  g_assert_cmpstr (got->type, ==, want->type);
  g_assert_cmpstr (got->status, ==, want->status);
  g_assert_cmpstr (got->carrier, ==, want->carrier);
  g_assert_cmpstr (got->phone, ==, want->phone);
}

static void
test_many_appends (void)
{
  g_autoptr(CdDeviceRows) rows = cd_device_rows_new ();
  gsize naive = 0;

  for (guint i = 0; i < N_MANY; i++)
    {
      g_autoptr(CdDevice) d = many_device (i);
      g_autofree char *holder = many_holder (i);
      g_autofree char *cert = many_cert (i);

      cd_device_rows_append (rows, d, holder, cert);
      /* The first rows, read back while the arena keeps moving. */
      if (i % 997 == 0)
        assert_row (rows, i / 2);
      /* What one GObject, one CdDevice and a block per text took. */
      naive += 64 + sizeof (CdDevice) + 48 * 10;
    }
  g_assert_cmpuint (cd_device_rows_get_n (rows), ==, N_MANY);
  for (guint i = 0; i < N_MANY; i++)
    assert_row (rows, i);

  /* Trimmed, then appended to again: still the same texts. */
  cd_device_rows_trim (rows);
  for (guint i = 0; i < N_MANY; i++)
    assert_row (rows, i);
  {
    g_autoptr(CdDevice) d = many_device (N_MANY);
    g_autofree char *holder = many_holder (N_MANY);
    g_autofree char *cert = many_cert (N_MANY);

    cd_device_rows_append (rows, d, holder, cert);
  }
  cd_device_rows_trim (rows);
  for (guint i = 0; i <= N_MANY; i++)
    assert_row (rows, i);

  /* A record and the unique texts per device: under a third of what it was. */
  g_assert_cmpuint (cd_device_rows_get_size (rows), <, naive / 3);

  g_assert_cmpint (cd_device_rows_find_serial (rows, "B4ID0000000000"), ==, 0);
  g_assert_cmpint (cd_device_rows_find_serial (rows, "B4ID0000012345"), ==, 12345);
  g_assert_cmpint (cd_device_rows_find_serial (rows, "B4ID00000123"), ==, -1);
  g_assert_cmpint (cd_device_rows_find_serial (rows, NULL), ==, -1);
}

/* The shared texts are stored once: a thousand devices of one model
 * hold its name once, and a change to the value appended is not seen
 * (the rows hold copies). */
static void
test_shared_texts (void)
{
  g_autoptr(CdDeviceRows) rows = cd_device_rows_new ();
  g_autoptr(CdDevice) d = cd_device_new ();

  d->token_serial = g_strdup ("S");
  d->model = g_strdup ("A model name long enough to count, repeated");
  d->type = g_strdup ("TOKEN");
  d->status = g_strdup ("with_holder");
  for (guint i = 0; i < 1000; i++)
    cd_device_rows_append (rows, d, NULL, NULL);
  cd_device_rows_trim (rows);
  g_assert_true (cd_device_rows_get_text (rows, 0, CD_DEVICE_ROW_MODEL)
                 == cd_device_rows_get_text (rows, 999, CD_DEVICE_ROW_MODEL));
  g_assert_cmpuint (cd_device_rows_get_size (rows), <, 1000 * 80);
  d->model[0] = 'X';
  g_assert_cmpstr (cd_device_rows_get_text (rows, 500, CD_DEVICE_ROW_MODEL), ==,
                   "A model name long enough to count, repeated");
  g_assert_null (cd_device_rows_get_text (rows, 500, CD_DEVICE_ROW_LABEL));
  g_assert_cmpint (cd_device_rows_get_status (rows, 500), ==, CD_DEVICE_WITH_HOLDER);
}

/* From the register: the entries' order (by token serial) and texts. */
static void
test_from_register (void)
{
  g_autoptr(GError) error = NULL;
  CdTestRegister *reg = cd_test_register_new (300, CD_TEST_REGISTER_ALL | CD_TEST_REGISTER_LINKED);
  g_autoptr(GPtrArray) entries = cd_store_list_device_entries (reg->store, &error);
  g_autoptr(CdDeviceRows) rows = NULL;
  guint n_holders = 0, n_certs = 0;

  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, >, 100);
  rows = cd_device_rows_new_from_entries (entries);
  g_assert_cmpuint (cd_device_rows_get_n (rows), ==, entries->len);
  for (guint i = 0; i < entries->len; i++)
    {
      CdDeviceEntry *e = g_ptr_array_index (entries, i);
      g_autoptr(CdDevice) d = cd_device_rows_dup_device (rows, i);

      g_assert_cmpint (d->id, ==, e->device->id);
      g_assert_cmpstr (d->token_serial, ==, e->device->token_serial);
      g_assert_cmpstr (d->model, ==, e->device->model);
      g_assert_cmpstr (d->type, ==, e->device->type);
      g_assert_cmpstr (d->status, ==, e->device->status);
      g_assert_cmpstr (cd_device_rows_get_text (rows, i, CD_DEVICE_ROW_HOLDER), ==, e->holder_name);
      g_assert_cmpstr (cd_device_rows_get_text (rows, i, CD_DEVICE_ROW_CERT_SERIAL), ==, e->cert_serial);
      if (i > 0)
        g_assert_cmpint (strcmp (cd_device_rows_get_text (rows, i - 1, CD_DEVICE_ROW_SERIAL),
                                 cd_device_rows_get_text (rows, i, CD_DEVICE_ROW_SERIAL)), <, 0);
      n_holders += e->holder_name != NULL;
      n_certs += e->cert_serial != NULL;
    }
  /* The fixture's tokens are held and carry certificates: both seen. */
  g_assert_cmpuint (n_holders, >, 0);
  g_assert_cmpuint (n_certs, >, 0);
  cd_test_register_free (reg);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/device-rows/many-appends", test_many_appends);
  g_test_add_func ("/device-rows/shared-texts", test_shared_texts);
  g_test_add_func ("/device-rows/from-register", test_from_register);
  return g_test_run ();
}
