/* test-token-monitor.c — the token monitor driven by the mock module
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>
#include <p11-kit/pkcs11.h>

#include "cd-pkcs11-modules.h"
#include "cd-test-util.h"
#include "cd-pcsc-watch.h"
#include "cd-token-monitor.h"
#include "cd-token-monitor-private.h"

typedef struct {
  char           *dir;      /* control files and certificates */
  CdTokenMonitor *monitor;
  GPtrArray      *added;    /* CdToken copies, in order */
  GPtrArray      *removed;
  GPtrArray      *changed;
  GPtrArray      *errors;   /* "module: message" */
  gint64          last_added_at;
} Fixture;

static char *
mock_path (const char *name)
{
  g_autofree char *base = g_strdup_printf ("mock-pkcs11-%s.so", name);
  return g_build_filename (g_getenv ("MESON_BUILD_ROOT"), "tests", "tokens", base, NULL);
}

static char *
cert_path (Fixture    *f,
           const char *name)
{
  return g_build_filename (cd_test_certs_dir (), name, NULL);
}

/* Replaces a mock's control file in one step, as a hot-plug. */
static void
control (Fixture    *f,
         const char *mock,
         const char *text)
{
  g_autofree char *base = g_strdup_printf ("%s.ctl", mock);
  g_autofree char *path = g_build_filename (f->dir, base, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
}

static void
added_cb (CdTokenMonitor *m, CdToken *t, Fixture *f)
{
  g_ptr_array_add (f->added, cd_token_copy (t));
  f->last_added_at = g_get_monotonic_time ();
}

static void
removed_cb (CdTokenMonitor *m, CdToken *t, Fixture *f)
{
  g_ptr_array_add (f->removed, cd_token_copy (t));
}

static void
changed_cb (CdTokenMonitor *m, CdToken *t, Fixture *f)
{
  g_ptr_array_add (f->changed, cd_token_copy (t));
}

static void
error_cb (CdTokenMonitor *m, const char *module, const char *message, Fixture *f)
{
  g_ptr_array_add (f->errors, g_strdup_printf ("%s: %s", module, message));
}

static char *base_dir;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->dir = g_strdup (base_dir);
  control (f, "a", "");
  control (f, "b", "");
  control (f, "c", "");
  f->added = g_ptr_array_new_with_free_func ((GDestroyNotify) cd_token_free);
  f->removed = g_ptr_array_new_with_free_func ((GDestroyNotify) cd_token_free);
  f->changed = g_ptr_array_new_with_free_func ((GDestroyNotify) cd_token_free);
  f->errors = g_ptr_array_new_with_free_func (g_free);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  /* CertDesk never logs in and never opens a read-write session. */
  for (const char *m = "abc"; *m; m++)
    {
      g_autofree char *base = g_strdup_printf ("%c.violations", *m);
      g_autofree char *path = g_build_filename (f->dir, base, NULL);
      g_autofree char *text = NULL;
      if (g_file_get_contents (path, &text, NULL, NULL))
        g_error ("mock %c saw a forbidden call: %s", *m, text);
    }
  if (f->monitor != NULL)
    cd_token_monitor_stop (f->monitor);
  g_clear_object (&f->monitor);
  g_ptr_array_unref (f->added);
  g_ptr_array_unref (f->removed);
  g_ptr_array_unref (f->changed);
  g_ptr_array_unref (f->errors);
  g_free (f->dir);
}

static void
start (Fixture             *f,
       const char * const  *modules)
{
  f->monitor = cd_token_monitor_new_full (modules, 0, 100);
  g_signal_connect (f->monitor, "token-added", G_CALLBACK (added_cb), f);
  g_signal_connect (f->monitor, "token-removed", G_CALLBACK (removed_cb), f);
  g_signal_connect (f->monitor, "token-changed", G_CALLBACK (changed_cb), f);
  g_signal_connect (f->monitor, "module-error", G_CALLBACK (error_cb), f);
  cd_token_monitor_start (f->monitor);
}

/* Runs the main context until *@count reaches @want or @ms pass. */
static gboolean
wait_for (guint *count,
          guint  want,
          guint  ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) ms * 1000;

  while (*count < want && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE) || (g_usleep (2000), TRUE);
  return *count >= want;
}

static void
spin (guint ms)
{
  guint never = 0;
  wait_for (&never, 1, ms);
}

static void
wait_settled (Fixture *f)
{
  gint64 end = g_get_monotonic_time () + 3 * G_USEC_PER_SEC;

  while (!cd_token_monitor_is_settled (f->monitor) && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE) || (g_usleep (2000), TRUE);
  g_assert_true (cd_token_monitor_is_settled (f->monitor));
}

static void
test_insert_remove (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *mock = mock_path ("a");
  g_autofree char *gov = cert_path (f, "gov.der");
  g_autofree char *vnpt = cert_path (f, "vnpt.der");
  g_autofree char *line = g_strdup_printf ("slot 2 VGCA0001 Nguyễn_Thị_Nhung %s %s %s\n", gov, vnpt, gov);
  const char *modules[] = { mock, NULL };
  g_autoptr(GPtrArray) now = NULL;
  CdToken *t;
  CdCertificate *c;

  control (f, "a", "");
  start (f, modules);
  wait_settled (f);
  g_assert_cmpuint (f->added->len, ==, 0);
  g_assert_cmpuint (f->errors->len, ==, 0);

  control (f, "a", line);
  g_assert_true (wait_for (&f->added->len, 1, 3000));
  t = g_ptr_array_index (f->added, 0);
  g_assert_cmpstr (t->module_name, ==, "mock-pkcs11-a");
  g_assert_cmpstr (t->label, ==, "Nguyễn_Thị_Nhung");
  g_assert_cmpstr (t->serial, ==, "VGCA0001");
  g_assert_cmpstr (t->manufacturer, ==, "Bit4id");
  g_assert_cmpstr (t->model, ==, "TokenME EVO");
  g_assert_cmpstr (t->slot_description, ==, "Mock a reader 2");
  g_assert_cmpstr (t->key, ==, "mock-pkcs11-a|VGCA0001|Nguyễn_Thị_Nhung");
  /* The same certificate twice on a token is one certificate. */
  g_assert_cmpuint (t->certificates->len, ==, 2);
  c = g_ptr_array_index (t->certificates, 0);
  g_assert_cmpstr (c->serial, ==, "5401F2A1B2C3D4E5");
  g_assert_cmpstr (c->subject_cn, ==, "Nguyễn Thị Hồng Nhung");
  g_assert_cmpint (c->source, ==, CD_CERT_SOURCE_TOKEN);
  now = cd_token_monitor_get_tokens (f->monitor);
  g_assert_cmpuint (now->len, ==, 1);

  /* Still plugged in over many polls: reported once. */
  spin (800);
  g_assert_cmpuint (f->added->len, ==, 1);
  g_assert_cmpuint (f->removed->len, ==, 0);

  control (f, "a", "");
  g_assert_true (wait_for (&f->removed->len, 1, 3000));
  spin (500);
  g_assert_cmpuint (f->removed->len, ==, 1);
  g_assert_cmpuint (f->added->len, ==, 1);
  g_assert_cmpstr (((CdToken *) g_ptr_array_index (f->removed, 0))->serial, ==, "VGCA0001");
  g_clear_pointer (&now, g_ptr_array_unref);
  now = cd_token_monitor_get_tokens (f->monitor);
  g_assert_cmpuint (now->len, ==, 0);
  g_assert_cmpuint (f->changed->len, ==, 0);
}

static void
test_reinsert_from_cache (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *mock = mock_path ("a");
  g_autofree char *gov = cert_path (f, "gov.der");
  g_autofree char *line = g_strdup_printf ("slot 0 T42 Token %s\n", gov);
  g_autofree char *slow = g_strdup_printf ("slot 0 T42 Token %s\nhang C_FindObjects 1500\n", gov);
  const char *modules[] = { mock, NULL };
  gint64 t0;
  CdToken *t;

  control (f, "a", line);
  start (f, modules);
  g_assert_true (wait_for (&f->added->len, 1, 3000));
  control (f, "a", "");
  g_assert_true (wait_for (&f->removed->len, 1, 3000));

  /* Reading the token is slow now; the cache shows it at once. */
  control (f, "a", slow);
  t0 = g_get_monotonic_time ();
  g_assert_true (wait_for (&f->added->len, 2, 3000));
  g_assert_cmpint (f->last_added_at - t0, <, 1000 * 1000);
  t = g_ptr_array_index (f->added, 1);
  g_assert_cmpuint (t->certificates->len, ==, 1);
  g_assert_cmpstr (((CdCertificate *) g_ptr_array_index (t->certificates, 0))->serial, ==, "5401F2A1B2C3D4E5");
  /* Once read, the certificates are the same: nothing changed. */
  spin (2000);
  g_assert_cmpuint (f->changed->len, ==, 0);
  g_assert_cmpuint (f->added->len, ==, 2);
}

static void
test_two_modules_one_certificate (Fixture       *f,
                                  gconstpointer  data)
{
  g_autofree char *ma = mock_path ("a");
  g_autofree char *mb = mock_path ("b");
  g_autofree char *gov = cert_path (f, "gov.der");
  g_autofree char *vnpt = cert_path (f, "vnpt.der");
  g_autofree char *same = g_strdup_printf ("slot 0 SAME01 Card %s\n", gov);
  g_autofree char *other = g_strdup_printf ("slot 1 OTHER9 Other %s %s\n", gov, vnpt);
  g_autofree char *both = g_strdup_printf ("%s%s", same, other);
  const char *modules[] = { ma, mb, NULL };
  g_autoptr(GPtrArray) now = NULL;
  guint n_gov = 0;

  control (f, "a", same);
  control (f, "b", "");
  start (f, modules);
  g_assert_true (wait_for (&f->added->len, 1, 3000));

  /* The same card through module b: not a second token. */
  control (f, "b", same);
  spin (600);
  g_assert_cmpuint (f->added->len, ==, 1);

  /* Another token on b holding the same certificate and one more: the
   * shared certificate is shown once. */
  control (f, "b", both);
  g_assert_true (wait_for (&f->added->len, 2, 3000));
  spin (300);
  now = cd_token_monitor_get_tokens (f->monitor);
  g_assert_cmpuint (now->len, ==, 2);
  for (guint i = 0; i < now->len; i++)
    {
      CdToken *t = g_ptr_array_index (now, i);
      for (guint j = 0; j < t->certificates->len; j++)
        n_gov += g_strcmp0 (((CdCertificate *) g_ptr_array_index (t->certificates, j))->serial,
                            "5401F2A1B2C3D4E5") == 0;
    }
  g_assert_cmpuint (n_gov, ==, 1);
  g_assert_cmpuint (((CdToken *) g_ptr_array_index (f->added, 1))->certificates->len, ==, 1);
}

static void
test_certificates_changed (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *mock = mock_path ("a");
  g_autofree char *gov = cert_path (f, "gov.der");
  g_autofree char *vnpt = cert_path (f, "vnpt.der");
  g_autofree char *one = g_strdup_printf ("slot 1 CH01 Token %s\n", gov);
  g_autofree char *two = g_strdup_printf ("slot 1 CH01 Token %s %s\n", gov, vnpt);
  const char *modules[] = { mock, NULL };
  g_autoptr(GPtrArray) now = NULL;
  CdToken *t;

  control (f, "a", one);
  start (f, modules);
  g_assert_true (wait_for (&f->added->len, 1, 3000));
  g_assert_cmpuint (((CdToken *) g_ptr_array_index (f->added, 0))->certificates->len, ==, 1);

  /* A certificate written to the token while it stays plugged in. */
  control (f, "a", two);
  g_assert_true (wait_for (&f->changed->len, 1, 5000));
  t = g_ptr_array_index (f->changed, 0);
  g_assert_cmpstr (t->key, ==, "mock-pkcs11-a|CH01|Token");
  g_assert_cmpuint (t->certificates->len, ==, 2);
  now = cd_token_monitor_get_tokens (f->monitor);
  g_assert_cmpuint (((CdToken *) g_ptr_array_index (now, 0))->certificates->len, ==, 2);
  g_assert_cmpuint (f->added->len, ==, 1);
  g_assert_cmpuint (f->removed->len, ==, 0);
}

static CdToken *
added_with_serial (Fixture    *f,
                   const char *serial)
{
  for (guint i = 0; i < f->added->len; i++)
    if (g_strcmp0 (((CdToken *) g_ptr_array_index (f->added, i))->serial, serial) == 0)
      return g_ptr_array_index (f->added, i);
  return NULL;
}

/* The PIN flags are read from C_GetTokenInfo alone: no login (the
 * teardown fails on any C_Login the mock saw). */
static void
test_pin_state (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *mock = mock_path ("a");
  g_autofree char *gov = cert_path (f, "gov.der");
  g_autofree char *text = g_strdup_printf ("slot 0 LOCK01 Khoa %s\npin 0 locked\n"
                                           "slot 1 LAST01 Cuoi\npin 1 final-try\n"
                                           "slot 2 LOW001 Thap\npin 2 count-low\n"
                                           "slot 3 OK0001 Thuong %s\n", gov, gov);
  g_autofree char *relocked = g_strdup_printf ("slot 0 LOCK01 Khoa %s\npin 0 locked\n"
                                               "slot 1 LAST01 Cuoi\npin 1 final-try\n"
                                               "slot 2 LOW001 Thap\npin 2 count-low\n"
                                               "slot 3 OK0001 Thuong %s\npin 3 locked\n", gov, gov);
  const char *modules[] = { mock, NULL };
  CdToken *t;

  control (f, "a", text);
  start (f, modules);
  g_assert_true (wait_for (&f->added->len, 4, 3000));
  g_assert_cmpint (added_with_serial (f, "LOCK01")->pin_state, ==, CD_TOKEN_PIN_LOCKED);
  g_assert_cmpint (added_with_serial (f, "LAST01")->pin_state, ==, CD_TOKEN_PIN_FINAL_TRY);
  g_assert_cmpint (added_with_serial (f, "LOW001")->pin_state, ==, CD_TOKEN_PIN_COUNT_LOW);
  g_assert_cmpint (added_with_serial (f, "OK0001")->pin_state, ==, CD_TOKEN_PIN_OK);
  /* A locked token still shows its certificates. */
  g_assert_cmpuint (added_with_serial (f, "LOCK01")->certificates->len, ==, 1);

  /* Locked by wrong PINs while it stays plugged in: one change. */
  control (f, "a", relocked);
  g_assert_true (wait_for (&f->changed->len, 1, 3000));
  t = g_ptr_array_index (f->changed, 0);
  g_assert_cmpstr (t->serial, ==, "OK0001");
  g_assert_cmpint (t->pin_state, ==, CD_TOKEN_PIN_LOCKED);
  spin (300);
  g_assert_cmpuint (f->changed->len, ==, 1);
  g_assert_cmpuint (f->added->len, ==, 4);
}

static void
test_pin_state_text (void)
{
  g_assert_cmpint (cd_token_pin_state_from_flags (0), ==, CD_TOKEN_PIN_OK);
  g_assert_cmpint (cd_token_pin_state_from_flags (CKF_USER_PIN_COUNT_LOW | CKF_USER_PIN_FINAL_TRY),
                   ==, CD_TOKEN_PIN_FINAL_TRY);
  g_assert_cmpint (cd_token_pin_state_from_flags (CKF_USER_PIN_LOCKED | CKF_USER_PIN_COUNT_LOW),
                   ==, CD_TOKEN_PIN_LOCKED);
  g_assert_cmpstr (cd_token_pin_state_to_id (CD_TOKEN_PIN_FINAL_TRY), ==, "final_try");
  g_assert_cmpstr (cd_token_pin_state_describe (CD_TOKEN_PIN_LOCKED), ==, "Token đã bị khóa PIN");
  g_assert_cmpstr (cd_token_pin_state_describe (CD_TOKEN_PIN_FINAL_TRY), ==, "Còn một lần nhập PIN");
  g_assert_cmpstr (cd_token_pin_state_describe (CD_TOKEN_PIN_COUNT_LOW), ==, "Đã nhập sai PIN nhiều lần");
}

/* With or without pcscd on this machine, asking PC/SC for readers must
 * neither block the worker nor invent unreadable tokens out of the mock's
 * readers. */
/* OpenSC's C_GetSlotList runs its card detection at every call, and on
 * a card none of its drivers takes it tries them all again (47 APDUs
 * through pcscd, 15–200 ms, bench-tokens). One look at a module is
 * therefore two calls: the NULL one that counts (where OpenSC and the
 * mock rescan their readers) and the one that fills the list. */
static void
test_slot_list_calls (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *a = mock_path ("a");
  const char *modules[] = { a, NULL };
  g_autofree char *log = g_build_filename (f->dir, "a.slot-lists", NULL);
  g_autofree char *text = NULL;
  g_auto(GStrv) calls = NULL;

  g_unlink (log);
  control (f, "a", "log-slot-lists\nslot 0 SN1 Token1\n");
  /* A poll far away: the first look is the only one. */
  f->monitor = cd_token_monitor_new_full (modules, 0, 60000);
  cd_token_monitor_start (f->monitor);
  wait_settled (f);

  g_assert_true (g_file_get_contents (log, &text, NULL, NULL));
  calls = g_strsplit (g_strchomp (text), "\n", -1);
  g_assert_cmpstrv (calls, ((const char *[]) { "present NULL", "present list", NULL }));
  g_unlink (log);
}

static void
test_pcsc_does_not_block (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *mock = mock_path ("b");
  g_autofree char *gov = cert_path (f, "gov.der");
  g_autofree char *line = g_strdup_printf ("slot 0 PC01 Token %s\n", gov);
  const char *modules[] = { mock, NULL };
  gint64 t0;

  control (f, "b", line);
  f->monitor = cd_token_monitor_new_full (modules, CD_TOKEN_MONITOR_PCSC, 100);
  g_signal_connect (f->monitor, "token-added", G_CALLBACK (added_cb), f);
  t0 = g_get_monotonic_time ();
  cd_token_monitor_start (f->monitor);
  wait_settled (f);
  g_assert_cmpint (g_get_monotonic_time () - t0, <, 3 * G_USEC_PER_SEC);
  g_assert_true (wait_for (&f->added->len, 1, 1000));
  spin (300);
  {
    g_autoptr(GPtrArray) unreadable = cd_token_monitor_get_unreadable (f->monitor);
    for (guint i = 0; i < unreadable->len; i++)
      g_assert_false (g_str_has_prefix (((CdUnreadableToken *) g_ptr_array_index (unreadable, i))->reader_name,
                                        "Mock "));
  }
}

static void
test_hanging_module_stops (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *mc = mock_path ("c");
  g_autofree char *mb = mock_path ("b");
  g_autofree char *gov = cert_path (f, "gov.der");
  g_autofree char *line = g_strdup_printf ("slot 0 B1 Fine %s\n", gov);
  const char *modules[] = { mb, mc, NULL };
  gint64 t0, elapsed;

  control (f, "b", line);
  control (f, "c", "hang C_GetSlotList 4000\n");
  start (f, modules);
  g_assert_true (wait_for (&f->added->len, 1, 3000));
  /* Now the worker is inside module c's 4 s call. (Module c stays busy
   * after this test, so this test runs last.) */
  spin (200);
  t0 = g_get_monotonic_time ();
  cd_token_monitor_stop (f->monitor);
  elapsed = g_get_monotonic_time () - t0;
  g_test_message ("stop took %" G_GINT64_FORMAT " µs", elapsed);
  g_assert_cmpint (elapsed, <, G_USEC_PER_SEC);
  g_clear_object (&f->monitor);
  /* No event arrives after stop. */
  spin (300);
  g_assert_cmpuint (f->removed->len, ==, 0);
}

static void
test_module_errors (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *mc = mock_path ("c");
  g_autofree char *mb = mock_path ("b");
  g_autofree char *gov = cert_path (f, "gov.der");
  g_autofree char *line = g_strdup_printf ("slot 3 OK1 Fine %s\n", gov);
  const char *modules[] = { mc, "/etc/hostname", "/nonexistent/vendor-pkcs11.so", mb, NULL };
  gboolean saw_a = FALSE, saw_text = FALSE, saw_missing = FALSE;

  control (f, "c", "fail-init\n");
  control (f, "b", line);
  start (f, modules);
  g_assert_true (wait_for (&f->added->len, 1, 3000));
  g_assert_true (wait_for (&f->errors->len, 3, 1000));
  for (guint i = 0; i < f->errors->len; i++)
    {
      const char *e = g_ptr_array_index (f->errors, i);
      g_test_message ("%s", e);
      saw_a |= g_str_has_prefix (e, "mock-pkcs11-c: ");
      saw_text |= g_str_has_prefix (e, "hostname: ") && strstr (e, "/etc/hostname") != NULL;
      saw_missing |= g_str_has_prefix (e, "vendor-pkcs11: ");
    }
  g_assert_true (saw_a && saw_text && saw_missing);
  g_assert_cmpstr (((CdToken *) g_ptr_array_index (f->added, 0))->module_name, ==, "mock-pkcs11-b");
}

static void
test_not_a_module (void)
{
  g_autoptr(GError) error = NULL;
  CdPkcs11Module *m = cd_pkcs11_module_load ("/etc/hostname", &error);

  g_assert_null (m);
  g_assert_error (error, CD_PKCS11_ERROR, CD_PKCS11_ERROR_NOT_MODULE);
  g_clear_error (&error);
  /* A real shared library that is not a PKCS#11 module. */
  m = cd_pkcs11_module_load ("/lib/x86_64-linux-gnu/libz.so.1", &error);
  if (g_file_test ("/lib/x86_64-linux-gnu/libz.so.1", G_FILE_TEST_EXISTS))
    {
      g_assert_null (m);
      g_assert_error (error, CD_PKCS11_ERROR, CD_PKCS11_ERROR_NOT_MODULE);
    }
  g_clear_error (&error);
  m = cd_pkcs11_module_load ("/nonexistent.so", &error);
  g_assert_null (m);
  g_assert_error (error, CD_PKCS11_ERROR, CD_PKCS11_ERROR_NOT_FOUND);
}

static void
test_unread_readers (void)
{
  const char *all[] = { "Bit4id miniLector EVO 00 00", "Feitian ePass2003 01 00",
                        "Alcor Micro AU9540 02 00", NULL };
  const char *with_card[] = { "Bit4id miniLector EVO 00 00", "Feitian ePass2003 01 00", NULL };
  /* OpenSC reads the ePass2003 (its slot is the reader's name): the
   * Bit4id token is plugged in but unread. */
  const char *opensc[] = { "Feitian ePass2003 01 00", NULL };
  /* A vendor module naming its slot its own way: nothing is claimed. */
  const char *vendor[] = { "Feitian ePass2003 01 00", "TokenME EVO slot 1", NULL };
  /* Slot descriptions are cut at 64 bytes: a prefix still matches. */
  const char *long_reader[] = { "A very long reader name that PKCS#11 cuts at sixty-four bytes 00 00", NULL };
  const char *cut[] = { "A very long reader name that PKCS#11 cuts at sixty-four bytes 0", NULL };
  g_auto(GStrv) a = cd_token_monitor_unread_readers (with_card, all, opensc);
  g_auto(GStrv) b = cd_token_monitor_unread_readers (with_card, all, vendor);
  g_auto(GStrv) c = cd_token_monitor_unread_readers (with_card, all, NULL);
  g_auto(GStrv) d = cd_token_monitor_unread_readers (long_reader, long_reader, cut);
  g_auto(GStrv) e = cd_token_monitor_unread_readers (NULL, all, opensc);

  g_assert_cmpuint (g_strv_length (a), ==, 1);
  g_assert_cmpstr (a[0], ==, "Bit4id miniLector EVO 00 00");
  g_assert_cmpuint (g_strv_length (b), ==, 0);
  g_assert_cmpuint (g_strv_length (c), ==, 2);
  g_assert_cmpuint (g_strv_length (d), ==, 0);
  g_assert_cmpuint (g_strv_length (e), ==, 0);
}

static void
pcsc_event_cb (gpointer data)
{
  g_atomic_int_inc ((gint *) data);
}

/* The PC/SC watch without pcscd (the test machines): silent, no event,
 * and stopping it does not wait for its retry. With pcscd and no reader
 * change meanwhile, no event either: the first answer is not news. */
static void
test_pcsc_watch_quiet (void)
{
  gint events = 0;
  CdPcscWatch *watch = cd_pcsc_watch_new (pcsc_event_cb, &events);
  gint64 t0;

  g_usleep (300 * G_TIME_SPAN_MILLISECOND);
  t0 = g_get_monotonic_time ();
  cd_pcsc_watch_free (watch);
  g_assert_cmpint (g_get_monotonic_time () - t0, <, 400 * G_TIME_SPAN_MILLISECOND);
  g_assert_cmpint (g_atomic_int_get (&events), ==, 0);
}

int
main (int    argc,
      char **argv)
{
  int status;

  cd_test_init (&argc, &argv);
  /* The mocks' control files; the certificates are the build's. */
  base_dir = cd_test_tmpdir ();
  /* Before any thread exists. */
  g_setenv ("CD_MOCK_PKCS11_DIR", base_dir, TRUE);

  g_test_add ("/core/tokens/monitor/insert-remove", Fixture, NULL, fixture_setup, test_insert_remove, fixture_teardown);
  g_test_add ("/core/tokens/monitor/reinsert-from-cache", Fixture, NULL, fixture_setup, test_reinsert_from_cache, fixture_teardown);
  g_test_add ("/core/tokens/monitor/two-modules-one-certificate", Fixture, NULL, fixture_setup, test_two_modules_one_certificate, fixture_teardown);
  g_test_add ("/core/tokens/monitor/certificates-changed", Fixture, NULL, fixture_setup, test_certificates_changed, fixture_teardown);
  g_test_add ("/core/tokens/monitor/pin-state", Fixture, NULL, fixture_setup, test_pin_state, fixture_teardown);
  g_test_add_func ("/core/tokens/pin-state-text", test_pin_state_text);
  g_test_add ("/core/tokens/monitor/slot-list-calls", Fixture, NULL, fixture_setup, test_slot_list_calls, fixture_teardown);
  g_test_add ("/core/tokens/monitor/pcsc-does-not-block", Fixture, NULL, fixture_setup, test_pcsc_does_not_block, fixture_teardown);
  g_test_add ("/core/tokens/monitor/module-errors", Fixture, NULL, fixture_setup, test_module_errors, fixture_teardown);
  g_test_add ("/core/tokens/monitor/hanging-module-stops", Fixture, NULL, fixture_setup, test_hanging_module_stops, fixture_teardown);
  g_test_add_func ("/core/tokens/modules/not-a-module", test_not_a_module);
  g_test_add_func ("/core/tokens/monitor/unread-readers", test_unread_readers);
  g_test_add_func ("/core/tokens/pcsc-watch/quiet", test_pcsc_watch_quiet);
  status = g_test_run ();
  cd_test_rm_rf (base_dir);
  g_free (base_dir);
  return status;
}
