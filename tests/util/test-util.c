/* test-util.c — private files, atomic writes, untrusted zip/XML
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include "cd-fileutil.h"
#include "cd-paths.h"
#include "cd-test-util.h"
#include "cd-xml.h"
#include "cd-zip.h"

static void
test_private_dir_mode (void)
{
  g_autofree char *tmp = cd_test_tmpdir ();
  g_autofree char *dir = g_build_filename (tmp, "a", "certdesk", NULL);
  g_autoptr(GError) error = NULL;
  GStatBuf st;

  g_assert_true (cd_paths_ensure_private_dir (dir, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (dir, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);
  cd_test_rm_rf (tmp);
}

static void
test_atomic_write_no_overwrite (void)
{
  g_autofree char *tmp = cd_test_tmpdir ();
  g_autofree char *target = g_build_filename (tmp, "out.docx", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  GStatBuf st;

  g_assert_true (cd_file_write_atomic (target, "first", 5, FALSE, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (target, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  /* A second write without overwrite must fail and keep the first. */
  g_assert_false (cd_file_write_atomic (target, "second", 6, FALSE, &error));
  g_assert_error (error, CD_FILE_ERROR, CD_FILE_ERROR_EXISTS);
  g_assert_true (g_file_get_contents (target, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "first");
  g_clear_pointer (&contents, g_free);
  g_clear_error (&error);

  g_assert_true (cd_file_write_atomic (target, "second", 6, TRUE, &error));
  g_assert_true (g_file_get_contents (target, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "second");

  /* No temporary file is left behind. */
  {
    g_autoptr(GDir) d = g_dir_open (tmp, 0, NULL);
    guint n = 0;
    while (g_dir_read_name (d))
      n++;
    g_assert_cmpuint (n, ==, 1);
  }
  cd_test_rm_rf (tmp);
}

static void
test_atomic_missing_dir (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (cd_file_write_atomic ("/nonexistent/dir/x.docx", "x", 1, FALSE, &error));
  g_assert_error (error, CD_FILE_ERROR, CD_FILE_ERROR_NOT_FOUND);
}

static void
test_xml_refuses_dtd (void)
{
  static const char laughs[] =
    "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">"
    "<!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">]>"
    "<lolz>&lol2;</lolz>";
  static const char xxe[] =
    "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><r>&x;</r>";
  static const char good[] = "<w:document xmlns:w=\"urn:x\"><w:body/></w:document>";
  g_autoptr(GError) error = NULL;
  xmlDoc *doc;

  g_assert_null (cd_xml_parse (laughs, sizeof laughs - 1, "word/document.xml", &error));
  g_assert_error (error, CD_FILE_ERROR, CD_FILE_ERROR_FORMAT);
  g_clear_error (&error);
  g_assert_null (cd_xml_parse (xxe, sizeof xxe - 1, "word/document.xml", &error));
  g_assert_error (error, CD_FILE_ERROR, CD_FILE_ERROR_FORMAT);
  g_clear_error (&error);
  g_assert_null (cd_xml_parse ("<a><b></a>", 10, "x.xml", &error));
  g_assert_error (error, CD_FILE_ERROR, CD_FILE_ERROR_FORMAT);
  g_clear_error (&error);

  doc = cd_xml_parse (good, sizeof good - 1, "x.xml", &error);
  g_assert_no_error (error);
  g_assert_nonnull (doc);
  xmlFreeDoc (doc);
}

/* Parses @utf8 re-encoded as @charset (with its BOM for UTF-16). */
static xmlDoc *
parse_as (const char *utf8, const char *charset, GError **error)
{
  g_autofree char *body = g_convert (utf8, -1, charset, "UTF-8", NULL, NULL, NULL);
  gsize body_len = 0;
  g_autoptr(GString) data = g_string_new (NULL);

  g_assert_nonnull (body);
  if (g_str_equal (charset, "UTF-16LE"))
    {
      g_string_append_len (data, "\xff\xfe", 2);
      body_len = strlen (utf8) * 2;
    }
  else if (g_str_equal (charset, "UTF-16BE"))
    {
      g_string_append_len (data, "\xfe\xff", 2);
      body_len = strlen (utf8) * 2;
    }
  else
    body_len = strlen (body);
  g_string_append_len (data, body, (gssize) body_len);
  return cd_xml_parse (data->str, data->len, "word/document.xml", error);
}

/* A UTF-16 part has NULs between its ASCII bytes: a byte search for
 * "<!DOCTYPE" stops at the first one. The parsed document decides. */
static void
test_xml_refuses_dtd_any_encoding (void)
{
  static const char laughs[] =
    "<?xml version=\"1.0\" encoding=\"UTF-16\"?><!DOCTYPE lolz ["
    "<!ENTITY a \"lollollollollollollollollollol\">"
    "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">"
    "<!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\"><!ENTITY e \"&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;\">"
    "<!ENTITY f \"&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;\"><!ENTITY g \"&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;\">"
    "<!ENTITY h \"&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;\"><!ENTITY i \"&h;&h;&h;&h;&h;&h;&h;&h;&h;&h;\">"
    "<!ENTITY j \"&i;&i;&i;&i;&i;&i;&i;&i;&i;&i;\">]>"
    "<lolz>&j;{{ho_ten}}</lolz>";
  static const char xxe[] =
    "<?xml version=\"1.0\" encoding=\"UTF-16\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><r>&x;</r>";
  static const char ext[] =
    "<?xml version=\"1.0\" encoding=\"UTF-16\"?><!DOCTYPE r SYSTEM \"file:///etc/passwd\"><r>x</r>";
  static const char good[] =
    "<?xml version=\"1.0\" encoding=\"UTF-16\"?><w:document xmlns:w=\"urn:x\"><w:body>xin chào &amp;</w:body></w:document>";
  static const char *const charsets[] = { "UTF-16LE", "UTF-16BE" };
  static const char *const bad[] = { laughs, xxe, ext };

  for (guint c = 0; c < G_N_ELEMENTS (charsets); c++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(xmlDoc) doc = NULL;
      g_autoptr(GTimer) timer = g_timer_new ();

      for (guint b = 0; b < G_N_ELEMENTS (bad); b++)
        {
          g_assert_null (parse_as (bad[b], charsets[c], &error));
          g_assert_error (error, CD_FILE_ERROR, CD_FILE_ERROR_FORMAT);
          g_assert_nonnull (strstr (error->message, "word/document.xml"));
          g_clear_error (&error);
        }
      /* Refused before anything is expanded: well under a second. */
      g_assert_cmpfloat (g_timer_elapsed (timer, NULL), <, 10.0);

      doc = parse_as (good, charsets[c], &error);
      g_assert_no_error (error);
      g_assert_nonnull (doc);
    }
}

static void
write_zip (const char *path, const char *name, const void *data, gsize len)
{
  int err = 0;
  zip_t *za = zip_open (path, ZIP_CREATE | ZIP_TRUNCATE, &err);
  zip_source_t *src;

  g_assert_nonnull (za);
  src = zip_source_buffer (za, data, len, 0);
  g_assert_cmpint (zip_file_add (za, name, src, ZIP_FL_ENC_UTF_8), >=, 0);
  g_assert_cmpint (zip_close (za), ==, 0);
}

static void
test_zip_reads_and_limits (void)
{
  g_autofree char *tmp = cd_test_tmpdir ();
  g_autofree char *path = g_build_filename (tmp, "a.docx", NULL);
  g_autofree char *bomb = g_build_filename (tmp, "bomb.xlsx", NULL);
  g_autofree char *notzip = g_build_filename (tmp, "x.docx", NULL);
  g_autofree char *ole = g_build_filename (tmp, "old.xlsx", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  zip_t *za;
  gsize big = 20 * 1024 * 1024;
  g_autofree char *zeros = g_malloc0 (big);
  static const guchar ole2[16] = { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 };

  write_zip (path, "word/document.xml", "<a>xin chào</a>", 16);
  za = cd_zip_open_read (path, "Word", &error);
  g_assert_no_error (error);
  bytes = cd_zip_read_entry (za, "word/document.xml", CD_ZIP_MAX_ENTRY, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (g_bytes_get_data (bytes, NULL), ==, "<a>xin chào</a>");
  g_assert_null (cd_zip_read_entry (za, "word/missing.xml", 100, NULL, &error));
  g_assert_error (error, CD_FILE_ERROR, CD_FILE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  /* The limit holds whatever the header claims. */
  g_assert_null (cd_zip_read_entry (za, "word/document.xml", 4, NULL, &error));
  g_assert_error (error, CD_FILE_ERROR, CD_FILE_ERROR_TOO_LARGE);
  g_clear_error (&error);
  zip_discard (za);

  /* 20 MB of zeros deflate ~1000:1: refused as a zip bomb. */
  write_zip (bomb, "xl/worksheets/sheet1.xml", zeros, big);
  g_assert_null (cd_zip_open_read (bomb, "Excel", &error));
  g_assert_error (error, CD_FILE_ERROR, CD_FILE_ERROR_TOO_LARGE);
  g_clear_error (&error);

  g_assert_true (g_file_set_contents (notzip, "hello", 5, NULL));
  g_assert_null (cd_zip_open_read (notzip, "Word", &error));
  g_assert_error (error, CD_FILE_ERROR, CD_FILE_ERROR_FORMAT);
  g_clear_error (&error);

  g_assert_true (g_file_set_contents (ole, (const char *) ole2, sizeof ole2, NULL));
  g_assert_null (cd_zip_open_read (ole, "Excel", &error));
  g_assert_error (error, CD_FILE_ERROR, CD_FILE_ERROR_FORMAT);
  g_assert_nonnull (strstr (error->message, ".xls"));

  cd_test_rm_rf (tmp);
}

/* A writer killed before its rename leaves ".NAME.cd-PID-XXXXXX": swept
 * when its pid is dead, kept while its writer lives; the clerk's other
 * hidden files always stay (issue 20, D7). */
static void
test_atomic_sweep (void)
{
  g_autofree char *dir = cd_test_tmpdir ();
  g_autofree char *live = g_strdup_printf ("%s/.a.docx.cd-%d-Ab12Cd", dir, (int) getpid ());
  g_autofree char *dead = NULL;
  g_autofree char *target = NULL;
  const char *keep[] = { ".bashrc", ".a.docx.Xy12Zw", ".a.docx.cd-12x-Ab12Cd", ".cd-1-Ab12Cd", "a.docx" };
  char *args[] = { (char *) "/bin/true", NULL };
  GPid child;
  int wait_status;

  /* a pid that was alive a moment ago and is dead now */
  g_assert_true (g_spawn_async (NULL, args, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL, &child, NULL));
  g_assert_cmpint (waitpid (child, &wait_status, 0), ==, child);
  dead = g_strdup_printf ("%s/.b.xlsx.cd-%d-Zz99Yy", dir, (int) child);

  g_assert_true (g_file_set_contents (live, "x", -1, NULL));
  g_assert_true (g_file_set_contents (dead, "x", -1, NULL));
  for (guint i = 0; i < G_N_ELEMENTS (keep); i++)
    {
      g_autofree char *path = g_build_filename (dir, keep[i], NULL);
      g_assert_true (g_file_set_contents (path, "x", -1, NULL));
    }
  g_assert_true (cd_atomic_temp_is_stale (dead));
  g_assert_false (cd_atomic_temp_is_stale (live));
  g_assert_cmpuint (cd_atomic_sweep (dir), ==, 1);
  g_assert_false (g_file_test (dead, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (live, G_FILE_TEST_EXISTS));
  for (guint i = 0; i < G_N_ELEMENTS (keep); i++)
    {
      g_autofree char *path = g_build_filename (dir, keep[i], NULL);
      g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
    }
  target = cd_atomic_temp_target (live);
  g_assert_true (g_str_has_suffix (target, "/a.docx"));
  g_assert_null (cd_atomic_temp_target ("/x/.bashrc"));
  cd_test_rm_rf (dir);
}

/* A file that is not there, a folder that cannot be made: a sentence
 * saying what happened, not strerror()'s words, English or translated
 * ("No such file or directory", "Không phải là thư mục"; issue 20, D16). */
static void
test_errno_in_words (void)
{
  g_autofree char *tmp = cd_test_tmpdir ();
  g_autofree char *missing = g_build_filename (tmp, "khong-co.csv", NULL);
  g_autofree char *file = g_build_filename (tmp, "tep", NULL);
  g_autofree char *under = g_build_filename (file, "thu-muc", NULL);
  g_autofree char *expected = NULL;
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize len = 0;

  g_assert_false (cd_file_read_limited (missing, 1024, &contents, &len, &error));
  g_assert_error (error, CD_FILE_ERROR, CD_FILE_ERROR_NOT_FOUND);
  expected = g_strdup_printf ("Tệp “%s” không tồn tại.", missing);
  g_assert_cmpstr (error->message, ==, expected);
  g_clear_error (&error);

  g_assert_true (g_file_set_contents (file, "x", 1, NULL));
  g_assert_false (cd_paths_ensure_private_dir (under, &error));
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_assert_null (strstr (error->message, g_strerror (ENOTDIR)));
  g_assert_nonnull (strstr (error->message, under));
  cd_test_rm_rf (tmp);
}

int
main (int argc, char *argv[])
{
  cd_test_init (&argc, &argv);

  g_test_add_func ("/core/util/private-dir-mode", test_private_dir_mode);
  g_test_add_func ("/core/util/atomic-write/no-overwrite", test_atomic_write_no_overwrite);
  g_test_add_func ("/core/util/atomic-write/missing-dir", test_atomic_missing_dir);
  g_test_add_func ("/core/util/xml/refuses-dtd", test_xml_refuses_dtd);
  g_test_add_func ("/core/util/xml/refuses-dtd-any-encoding", test_xml_refuses_dtd_any_encoding);
  g_test_add_func ("/core/util/zip/read-and-limits", test_zip_reads_and_limits);
  g_test_add_func ("/core/util/file/atomic-sweep", test_atomic_sweep);
  g_test_add_func ("/core/util/file/errno-in-words", test_errno_in_words);

  return g_test_run ();
}
