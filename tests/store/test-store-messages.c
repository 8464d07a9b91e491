/* test-store-messages.c — what the clerk reads when the register cannot
 * be opened, backed up or trusted: sentences saying what to do, never
 * SQLite's or the C library's English (issue 20, D16), and no invisible
 * direction controls in a record (D17)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <glib/gstdio.h>

#include "cd-store.h"
#include "cd-test-fixture.h"
#include "cd-test-util.h"
#include "cd-validate.h"

/* English a library would put in front of the clerk. */
static void
assert_no_english (const char *message)
{
  static const char *const english[] = {
    "database", "disk is full", "File exists", "File too large", "No such file",
    "Permission denied", "btree", "Page ", "***", "error code", "malformed",
  };

  for (guint i = 0; i < G_N_ELEMENTS (english); i++)
    if (strstr (message, english[i]) != NULL)
      g_error ("English “%s” in “%s”", english[i], message);
}

static CdStore *
open_filled (char   **tmp_out,
             guint    n)
{
  g_autofree char *tmp = cd_test_tmpdir ();
  g_autofree char *path = g_build_filename (tmp, "certdesk.db", NULL);
  g_autoptr(GError) error = NULL;
  CdStore *store = cd_store_open (path, &error);

  g_assert_no_error (error);
  g_assert_true (cd_test_register_fill (store, n, CD_TEST_REGISTER_STAFF,
                                        g_get_real_time () / G_USEC_PER_SEC, NULL, &error));
  g_assert_no_error (error);
  *tmp_out = g_steal_pointer (&tmp);
  return store;
}

/* quick_check's lines ("Page 12: btreeInitPage() returns error code
 * 11") stay out of the sentence: it says which page, in Vietnamese. */
static void
test_damage_in_words (void)
{
  g_autofree char *tmp = NULL;
  g_autofree char *path = NULL;
  g_autoptr(CdStore) store = open_filled (&tmp, 2000);
  g_autoptr(GError) error = NULL;
  const char *reason;

  path = g_strdup (cd_store_get_path (store));
  g_assert_true (cd_store_backup (store, NULL, &error));
  g_assert_no_error (error);
  g_clear_object (&store);
  cd_test_damage_pages (path, TRUE);

  store = cd_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (cd_store_is_read_only (store));
  reason = cd_store_get_read_only_reason (store);
  g_test_message ("%s", reason);
  assert_no_english (reason);
  g_assert_nonnull (strstr (reason, "bị hỏng (ở trang "));
  g_clear_object (&store);
  cd_test_rm_rf (tmp);
}

/* A register name that leads nowhere (a link to a missing file): said
 * so, not "File exists". */
static void
test_open_dangling_link (void)
{
  g_autofree char *tmp = cd_test_tmpdir ();
  g_autofree char *path = g_build_filename (tmp, "certdesk.db", NULL);
  g_autofree char *gone = g_build_filename (tmp, "usb", "certdesk.db", NULL);
  g_autoptr(CdStore) store = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (symlink (gone, path), ==, 0);
  store = cd_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_OPEN);
  g_test_message ("%s", error->message);
  assert_no_english (error->message);
  g_assert_nonnull (strstr (error->message, path));
  /* What it is, not the C library's "File exists" (in any language). */
  g_assert_nonnull (strstr (error->message, "Không tìm thấy sổ quản lý"));
  cd_test_rm_rf (tmp);
}

/* A backup that does not fit (a file size limit stands for a full
 * disk): the sentence names the backup and says to free space; no
 * half-written copy stays. */
static void
test_backup_full (void)
{
  g_autofree char *tmp = NULL;
  g_autoptr(CdStore) store = open_filled (&tmp, 300);
  g_autoptr(GError) error = NULL;
  g_autofree char *backup = NULL;
  struct rlimit before, small;
  void (*old) (int);
  gboolean ok;

  g_assert_cmpint (getrlimit (RLIMIT_FSIZE, &before), ==, 0);
  small = before;
  small.rlim_cur = 16 * 1024;
  old = signal (SIGXFSZ, SIG_IGN);
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &small), ==, 0);
  ok = cd_store_backup (store, &backup, &error);
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &before), ==, 0);
  signal (SIGXFSZ, old);

  g_assert_false (ok);
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  assert_no_english (error->message);
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_FULL);
  g_assert_nonnull (strstr (error->message, "certdesk.backup-"));
  g_assert_null (backup);
  {
    g_autoptr(GDir) d = g_dir_open (tmp, 0, NULL);
    const char *name;

    while ((name = g_dir_read_name (d)) != NULL)
      g_assert_false (g_str_has_prefix (name, "certdesk.backup-"));
  }
  g_clear_object (&store);
  cd_test_rm_rf (tmp);
}

/* Invisible direction controls (U+202A–U+202E, U+2066–U+2069) in any
 * field are refused at import and edit alike, the field and the
 * character named: "Nguyễn \u202Enăv" would show as another name. */
static void
test_bidi_refused (void)
{
  static const char *const controls[] = {
    "\u202A", "\u202B", "\u202C", "\u202D", "\u202E", "\u2066", "\u2067", "\u2068", "\u2069",
  };
  g_autofree char *tmp = NULL;
  g_autoptr(CdStore) store = open_filled (&tmp, 0);

  for (guint i = 0; i < G_N_ELEMENTS (controls); i++)
    {
      g_autofree char *name = g_strconcat ("Nguyễn ", controls[i], "năV", NULL);
      g_autoptr(CdStaff) s = cd_test_staff_new (name, NULL, NULL, NULL);
      g_autoptr(GError) error = NULL;

      g_assert_false (cd_store_save_staff (store, s, &error));
      g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, "Họ và tên"));
      g_assert_nonnull (strstr (error->message, "U+2"));
    }
  {
    g_autoptr(CdStaff) s = cd_test_staff_new ("Lê Thị Bình", NULL, NULL, NULL);
    g_autoptr(GError) error = NULL;

    g_free (s->note);
    s->note = g_strdup ("ghi chú \u2067x\u2069");
    g_assert_false (cd_store_save_staff (store, s, &error));
    g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID);
    g_assert_nonnull (strstr (error->message, "U+2067"));
  }
  /* Other invisible marks the clean-up already drops, and Vietnamese
   * text, are fine. */
  g_assert_true (cd_validate_no_bidi ("Nguyễn Thị \u200BHoa", "x", NULL));
  g_assert_true (cd_validate_no_bidi ("–—…“”", "x", NULL));
  g_assert_true (cd_validate_no_bidi (NULL, "x", NULL));
  g_clear_object (&store);
  cd_test_rm_rf (tmp);
}

int
main (int argc, char *argv[])
{
  cd_test_init (&argc, &argv);

  g_test_add_func ("/core/store/messages/damage-in-words", test_damage_in_words);
  g_test_add_func ("/core/store/messages/open-dangling-link", test_open_dangling_link);
  g_test_add_func ("/core/store/messages/backup-full", test_backup_full);
  g_test_add_func ("/core/store/messages/bidi-refused", test_bidi_refused);

  return g_test_run ();
}
