/* test-batch-letter.c — a list answers a letter (issue 17): schema 6,
 * the letter's fields, deadline states over weekends and Tết, the signed
 * scans, the e-mail command and the calendar's deadline events
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <sys/stat.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "cd-batch.h"
#include "cd-batch-mail.h"
#include "cd-batch-scan.h"
#include "cd-calendar.h"
#include "cd-fileutil.h"
#include "cd-reminders.h"
#include "cd-text.h"
#include "cd-store.h"
#include "cd-test-fixture.h"
#include "cd-test-util.h"
#include "cd-wizard-draft.h"

#define LETTER "5277/KH-SGDĐT ngày 06/08/2025"
#define RECIPIENT "Phòng KHTC Sở GD&ĐT <khtc@haiphong.edu.vn>"

typedef struct {
  char    *tmp;
  char    *path;
  CdStore *store;
  gint64   anh;
  gint64   binh;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->tmp = cd_test_tmpdir ();
  f->path = g_build_filename (f->tmp, "certdesk.db", NULL);
  f->store = cd_store_open (f->path, &error);
  g_assert_no_error (error);
  f->anh = cd_test_add_staff (f->store, "Nguyễn Văn Anh", NULL, NULL, NULL);
  f->binh = cd_test_add_staff (f->store, "Trần Thị Bình", NULL, NULL, NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  cd_test_rm_rf (f->tmp);
  g_free (f->tmp);
  g_free (f->path);
}

/* A renewal list of both people answering LETTER, saved. */
static gint64
save_batch (Fixture    *f,
            const char *deadline)
{
  g_autoptr(CdWizardDraft) draft = cd_wizard_draft_new ("gia-han");
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (draft->items, cd_wizard_item_new (f->anh));
  g_ptr_array_add (draft->items, cd_wizard_item_new (f->binh));
  draft->doc_number = g_strdup ("15/THCS-VT");
  draft->letter_ref = g_strdup (LETTER);
  draft->deadline = g_strdup (deadline);
  draft->send_to = g_strdup (RECIPIENT);
  draft->channel = CD_BATCH_CHANNEL_EMAIL;
  g_assert_true (cd_batch_save (draft, f->store, &error));
  g_assert_no_error (error);
  return draft->batch_id;
}

static int
query_int (const char *path,
           const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *st = NULL;
  int v = -1;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &st, NULL), ==, SQLITE_OK);
  if (sqlite3_step (st) == SQLITE_ROW)
    v = sqlite3_column_int (st, 0);
  sqlite3_finalize (st);
  sqlite3_close (db);
  return v;
}

/* ---- Schema 6 ------------------------------------------------------------ */

/* A register of schema 5 with a list already sent: step 5 → 6 keeps the
 * list and its people, moves the day it was sent to sent_on, adds the
 * letter's columns and batch_attachments, after a backup of version 5. */
static void
test_migrate_from_5 (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdBatchInfo) info = NULL;
  g_autoptr(CdWizardDraft) loaded = NULL;
  g_autofree char *backup = NULL;
  gint64 id = save_batch (f, NULL);
  sqlite3 *db = NULL;

  g_assert_true (cd_batch_set_status (f->store, id, CD_BATCH_SENT, "2025-09-10", NULL, &error));
  g_assert_no_error (error);
  g_clear_object (&f->store);
  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, CD_TEST_UNDO_SCHEMA_6 " PRAGMA user_version = 5;", NULL, NULL, NULL),
                   ==, SQLITE_OK);
  sqlite3_close (db);
  g_assert_cmpint (query_int (f->path, "SELECT count(*) FROM pragma_table_info('request_batches')"
                                       " WHERE name = 'deadline'"), ==, 0);

  f->store = cd_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (query_int (f->path, "PRAGMA user_version"), ==, CD_STORE_SCHEMA_VERSION);
  g_assert_cmpint (CD_STORE_SCHEMA_VERSION, >=, 6);
  g_assert_cmpint (query_int (f->path, "SELECT count(*) FROM batch_attachments"), ==, 0);
  backup = cd_store_find_newest_backup (f->path);
  g_assert_nonnull (backup);
  g_assert_cmpint (query_int (backup, "PRAGMA user_version"), ==, 5);

  info = cd_batch_get (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (info->status, ==, CD_BATCH_SENT);
  g_assert_cmpstr (info->sent_on, ==, "2025-09-10");
  g_assert_cmpstr (info->doc_number, ==, "15/THCS-VT");
  g_assert_cmpuint (info->n_items, ==, 2);
  g_assert_null (info->letter);
  g_assert_null (info->deadline);
  loaded = cd_batch_load (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (loaded->items->len, ==, 2);

  /* the new columns take the letter */
  g_assert_true (cd_batch_set_letter (f->store, id, LETTER, "2025-09-12", RECIPIENT,
                                      CD_BATCH_CHANNEL_POST, &error));
  g_assert_no_error (error);
  g_clear_pointer (&info, cd_batch_info_free);
  info = cd_batch_get (f->store, id, &error);
  g_assert_cmpstr (info->letter, ==, LETTER);
  g_assert_cmpint (info->channel, ==, CD_BATCH_CHANNEL_POST);
}

/* ---- The letter's fields ------------------------------------------------- */

static void
test_save_load (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 id = save_batch (f, "2025-09-12");
  g_autoptr(CdWizardDraft) draft = cd_batch_load (f->store, id, &error);
  g_autoptr(CdBatchInfo) info = NULL;
  g_autoptr(CdWizardDraft) copy = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (draft->letter_ref, ==, LETTER);
  g_assert_cmpstr (draft->deadline, ==, "2025-09-12");
  g_assert_cmpstr (draft->send_to, ==, RECIPIENT);
  g_assert_cmpint (draft->channel, ==, CD_BATCH_CHANNEL_EMAIL);
  copy = cd_wizard_draft_copy (draft);
  g_assert_cmpstr (copy->letter_ref, ==, LETTER);
  g_assert_cmpint (copy->channel, ==, CD_BATCH_CHANNEL_EMAIL);

  /* saving again (the wizard resumed) keeps them */
  g_assert_true (cd_batch_save (draft, f->store, &error));
  info = cd_batch_get (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (info->letter, ==, LETTER);
  g_assert_cmpstr (info->deadline, ==, "2025-09-12");
  g_assert_cmpstr (info->recipient, ==, RECIPIENT);
  g_assert_cmpint (info->channel, ==, CD_BATCH_CHANNEL_EMAIL);
  g_assert_null (info->sent_on);

  /* a deadline that is no date is refused, the fields stay */
  g_assert_false (cd_batch_set_letter (f->store, id, "x", "12/09/2025", NULL, 0, &error));
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (cd_batch_set_letter (f->store, id + 100, "x", NULL, NULL, 0, &error));
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  /* empty texts clear */
  g_assert_true (cd_batch_set_letter (f->store, id, "  ", NULL, "", CD_BATCH_CHANNEL_NONE, &error));
  g_clear_pointer (&info, cd_batch_info_free);
  info = cd_batch_get (f->store, id, &error);
  g_assert_null (info->letter);
  g_assert_null (info->deadline);
  g_assert_null (info->recipient);
  g_assert_cmpint (info->channel, ==, CD_BATCH_CHANNEL_NONE);
}

static void
test_channels (void)
{
  CdBatchChannel c = CD_BATCH_CHANNEL_POST;

  g_assert_true (cd_batch_channel_from_id ("truc", &c));
  g_assert_cmpint (c, ==, CD_BATCH_CHANNEL_TRUC);
  g_assert_true (cd_batch_channel_from_id ("dichvucong", &c));
  g_assert_cmpint (c, ==, CD_BATCH_CHANNEL_DICHVUCONG);
  g_assert_true (cd_batch_channel_from_id (NULL, &c));
  g_assert_cmpint (c, ==, CD_BATCH_CHANNEL_NONE);
  g_assert_false (cd_batch_channel_from_id ("fax", &c));
  g_assert_cmpstr (cd_batch_channel_to_id (CD_BATCH_CHANNEL_EMAIL), ==, "email");
  g_assert_null (cd_batch_channel_to_id (CD_BATCH_CHANNEL_NONE));
  g_assert_cmpstr (cd_batch_channel_label (CD_BATCH_CHANNEL_TRUC), ==, "Trục liên thông văn bản quốc gia");
}

/* ---- Deadline states ----------------------------------------------------- */

static void
assert_state (const char       *deadline,
              const char       *today,
              const CdHolidays *holidays,
              CdDeadlineState   expected,
              int               expected_days)
{
  int days = 99;

  g_assert_cmpint (cd_batch_deadline_state (deadline, FALSE, today, holidays, &days), ==, expected);
  g_assert_cmpint (days, ==, expected_days);
}

/* Friday 12/09/2025, the deadline of the renewal circular (seed 000). */
static void
test_deadline_states (void)
{
  int days = 5;
  g_autofree char *text = NULL;

  assert_state ("2025-09-12", "2025-08-20", NULL, CD_DEADLINE_DUE, 23);
  assert_state ("2025-09-12", "2025-09-04", NULL, CD_DEADLINE_DUE, 8);
  assert_state ("2025-09-12", "2025-09-05", NULL, CD_DEADLINE_DUE_SOON, 7);
  assert_state ("2025-09-12", "2025-09-12", NULL, CD_DEADLINE_DUE_SOON, 0);
  assert_state ("2025-09-12", "2025-09-13", NULL, CD_DEADLINE_OVERDUE, -1);
  assert_state (NULL, "2025-09-13", NULL, CD_DEADLINE_NONE, 0);
  assert_state ("12/09/2025", "2025-09-13", NULL, CD_DEADLINE_NONE, 0);
  /* sent: the deadline no longer counts, even past it */
  g_assert_cmpint (cd_batch_deadline_state ("2025-09-12", TRUE, "2025-10-01", NULL, &days),
                   ==, CD_DEADLINE_SENT);
  g_assert_cmpint (days, ==, 0);

  text = cd_batch_deadline_describe (CD_DEADLINE_OVERDUE, -3, "2025-09-12");
  g_assert_cmpstr (text, ==, "Quá hạn 3 ngày (hạn 12/09/2025)");
  g_clear_pointer (&text, g_free);
  text = cd_batch_deadline_describe (CD_DEADLINE_DUE_SOON, 0, "2025-09-12");
  g_assert_cmpstr (text, ==, "Hạn chót hôm nay (hạn 12/09/2025)");
}

/* A deadline on a Saturday or a Sunday ends on the Monday after (Bộ luật
 * Dân sự, Điều 148 khoản 5). */
static void
test_deadline_weekend (void)
{
  g_autofree char *sat = cd_batch_deadline_effective ("2025-09-13", NULL);
  g_autofree char *sun = cd_batch_deadline_effective ("2025-09-14", NULL);
  g_autofree char *fri = cd_batch_deadline_effective ("2025-09-12", NULL);

  g_assert_cmpstr (sat, ==, "2025-09-15");
  g_assert_cmpstr (sun, ==, "2025-09-15");
  g_assert_cmpstr (fri, ==, "2025-09-12");
  /* on the Sunday itself and the Monday, not overdue yet */
  assert_state ("2025-09-13", "2025-09-14", NULL, CD_DEADLINE_DUE_SOON, 1);
  assert_state ("2025-09-13", "2025-09-15", NULL, CD_DEADLINE_DUE_SOON, 0);
  assert_state ("2025-09-13", "2025-09-16", NULL, CD_DEADLINE_OVERDUE, -1);
}

/* Tết Bính Ngọ: 14–22/02/2026 off. A deadline on 17/02 (mùng 1) ends on
 * Monday 23/02: the Friday before Tết it is 10 days away, not due soon. */
static void
test_deadline_tet (void)
{
  g_autoptr(CdHolidays) tet = cd_holidays_new ();
  g_autofree char *effective = NULL;

  for (int d = 14; d <= 22; d++)
    {
      g_autofree char *iso = g_strdup_printf ("2026-02-%02d", d);
      g_assert_true (cd_holidays_add (tet, iso, "Tết Nguyên đán"));
    }
  effective = cd_batch_deadline_effective ("2026-02-17", tet);
  g_assert_cmpstr (effective, ==, "2026-02-23");
  assert_state ("2026-02-17", "2026-02-13", tet, CD_DEADLINE_DUE, 10);
  assert_state ("2026-02-17", "2026-02-20", tet, CD_DEADLINE_DUE_SOON, 3);
  assert_state ("2026-02-17", "2026-02-23", tet, CD_DEADLINE_DUE_SOON, 0);
  assert_state ("2026-02-17", "2026-02-24", tet, CD_DEADLINE_OVERDUE, -1);
  /* without the holidays it would be overdue during Tết */
  assert_state ("2026-02-17", "2026-02-20", NULL, CD_DEADLINE_OVERDUE, -3);
}

/* Đã gửi records the day and the channel; the list is no longer counted
 * overdue, nor in the calendar. */
static void
test_mark_sent (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdBatchInfo) info = NULL;
  g_autofree char *today = cd_text_today_iso ();
  gint64 late = save_batch (f, "2025-09-12");
  gint64 later = save_batch (f, "2025-09-13");
  gint64 future = save_batch (f, "2999-01-01");

  g_assert_cmpuint (cd_batch_count_overdue (f->store, today, NULL, &error), ==, 2);
  g_assert_true (cd_batch_mark_sent (f->store, late, "2025-09-11", CD_BATCH_CHANNEL_DICHVUCONG, &error));
  g_assert_no_error (error);
  info = cd_batch_get (f->store, late, &error);
  g_assert_cmpint (info->status, ==, CD_BATCH_SENT);
  g_assert_cmpstr (info->sent_on, ==, "2025-09-11");
  g_assert_cmpint (info->sent_channel, ==, CD_BATCH_CHANNEL_DICHVUCONG);
  g_assert_cmpint (cd_batch_info_deadline_state (info, today, NULL, NULL), ==, CD_DEADLINE_SENT);
  g_assert_cmpuint (cd_batch_count_overdue (f->store, today, NULL, &error), ==, 1);

  /* without a channel named, the planned one is recorded */
  g_assert_true (cd_batch_mark_sent (f->store, later, NULL, CD_BATCH_CHANNEL_NONE, &error));
  g_clear_pointer (&info, cd_batch_info_free);
  info = cd_batch_get (f->store, later, &error);
  g_assert_cmpstr (info->sent_on, ==, today);
  g_assert_cmpint (info->sent_channel, ==, CD_BATCH_CHANNEL_EMAIL);
  g_assert_cmpuint (cd_batch_count_overdue (f->store, today, NULL, &error), ==, 0);
  g_clear_pointer (&info, cd_batch_info_free);
  info = cd_batch_get (f->store, future, &error);
  g_assert_cmpint (cd_batch_info_deadline_state (info, today, NULL, NULL), ==, CD_DEADLINE_DUE);
}

/* The daily notification counts the lists due within 7 days and those
 * overdue, not the sent ones nor those far off. */
static void
test_reminders (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdReminders) r = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) soon = g_date_time_add_days (now, 3);
  g_autofree char *soon_iso = g_date_time_format (soon, "%Y-%m-%d");
  g_autofree char *body = NULL;
  gint64 sent;

  save_batch (f, soon_iso);
  save_batch (f, "2025-09-12");
  save_batch (f, "2999-01-01");
  sent = save_batch (f, "2025-09-12");
  g_assert_true (cd_batch_mark_sent (f->store, sent, "2025-09-10", CD_BATCH_CHANNEL_EMAIL, &error));
  r = cd_reminders_compute (f->store, g_date_time_to_unix (now), 30, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (r->n_lists_due, <=, 1);   /* 3 days on: due soon, or a holiday moved it */
  g_assert_cmpuint (r->n_lists_overdue, ==, 1);
  g_assert_false (cd_reminders_is_empty (r));
  body = cd_reminders_body (r);
  g_assert_nonnull (strstr (body, "1 danh sách đã quá hạn"));
}

/* ---- The calendar -------------------------------------------------------- */

static char *
export_calendar (Fixture    *f,
                 const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *ics = g_build_filename (f->tmp, name, NULL);
  char *text = NULL;
  guint n = 0;

  g_assert_true (cd_calendar_export (f->store, ics, g_get_real_time () / G_USEC_PER_SEC, 30,
                                     TRUE, &n, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (ics, &text, NULL, NULL));
  return text;
}

static void
test_calendar (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 id = save_batch (f, "2025-09-12");
  gint64 sent = save_batch (f, "2025-10-01");
  g_autofree char *uid = g_strdup_printf ("UID:batch-%" G_GINT64_FORMAT "@certdesk", id);
  g_autofree char *sent_uid = g_strdup_printf ("UID:batch-%" G_GINT64_FORMAT "@certdesk", sent);
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;

  g_assert_true (cd_batch_mark_sent (f->store, sent, "2025-09-30", CD_BATCH_CHANNEL_EMAIL, &error));
  first = export_calendar (f, "a.ics");
  g_assert_nonnull (strstr (first, uid));
  g_assert_nonnull (strstr (first, "DTSTART;VALUE=DATE:20250912"));
  g_assert_nonnull (strstr (first, "5277/KH-SGDĐT"));
  g_assert_null (strstr (first, sent_uid));
  /* the same UID again: the calendar updates the event */
  second = export_calendar (f, "b.ics");
  g_assert_nonnull (strstr (second, uid));
}

/* ---- Scans --------------------------------------------------------------- */

static char *
write_file (Fixture    *f,
            const char *name,
            const char *data,
            gsize       len)
{
  char *path = g_build_filename (f->tmp, name, NULL);

  g_assert_true (g_file_set_contents (path, data, (gssize) len, NULL));
  return path;
}

static void
test_scan_attach (Fixture       *f,
                  gconstpointer  data)
{
  static const char pdf[] = "%PDF-1.4\n1 0 obj <<>> endobj\n%%EOF\n";
  static const char png[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
  static const char jpg[] = "\xff\xd8\xff\xe0\0\x10JFIF";
  g_autoptr(GError) error = NULL;
  g_autofree char *pdf_path = write_file (f, "danh sách đã ký.pdf", pdf, sizeof pdf - 1);
  g_autofree char *png_path = write_file (f, "trang1.png", png, sizeof png - 1);
  g_autofree char *jpg_path = write_file (f, "trang2.jpg", jpg, sizeof jpg - 1);
  g_autofree char *sha = cd_sha256_hex (pdf, sizeof pdf - 1);
  g_autofree char *dir = NULL;
  g_autofree char *copied = NULL;
  g_autoptr(CdBatchScan) scan = NULL;
  g_autoptr(CdBatchScan) again = NULL;
  g_autoptr(CdBatchScan) img = NULL;
  g_autoptr(CdBatchScan) jpeg = NULL;
  g_autoptr(GPtrArray) scans = NULL;
  g_autoptr(CdBatchInfo) info = NULL;
  gint64 id = save_batch (f, NULL);
  GStatBuf st;
  gsize len = 0;

  scan = cd_batch_attach_scan (f->store, id, pdf_path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (scan);
  g_assert_cmpstr (scan->sha256, ==, sha);
  g_assert_cmpstr (scan->mime, ==, "application/pdf");
  g_assert_cmpstr (scan->name, ==, "danh sách đã ký.pdf");
  g_assert_cmpint (scan->size, ==, sizeof pdf - 1);
  dir = cd_batch_scan_dir (id);
  g_assert_true (g_str_has_prefix (scan->path, dir));
  /* a private copy: 0600 in a 0700 folder, the same bytes */
  g_assert_cmpint (g_stat (scan->path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (g_stat (dir, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);
  g_assert_true (g_file_get_contents (scan->path, &copied, &len, NULL));
  g_assert_cmpmem (copied, len, pdf, sizeof pdf - 1);
  /* the original may go: the copy stays */
  g_assert_cmpint (g_unlink (pdf_path), ==, 0);
  g_assert_true (g_file_test (scan->path, G_FILE_TEST_IS_REGULAR));

  img = cd_batch_attach_scan (f->store, id, png_path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (img->mime, ==, "image/png");
  jpeg = cd_batch_attach_scan (f->store, id, jpg_path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (jpeg->mime, ==, "image/jpeg");
  /* the same content twice is one scan */
  g_unlink (png_path);
  g_free (png_path);
  png_path = write_file (f, "trang1-lai.png", png, sizeof png - 1);
  again = cd_batch_attach_scan (f->store, id, png_path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (again->id, ==, img->id);

  scans = cd_batch_list_scans (f->store, id, &error);
  g_assert_cmpuint (scans->len, ==, 3);
  info = cd_batch_get (f->store, id, &error);
  g_assert_cmpuint (info->n_scans, ==, 3);
}

static void
test_scan_refused (Fixture       *f,
                   gconstpointer  data)
{
  static const char docx[] = "PK\x03\x04 not a scan";
  g_autoptr(GError) error = NULL;
  g_autofree char *missing = g_build_filename (f->tmp, "không có.pdf", NULL);
  g_autofree char *word = write_file (f, "danh-sach.pdf", docx, sizeof docx - 1);
  g_autofree char *empty = write_file (f, "trong.pdf", "", 0);
  g_autofree char *dir = NULL;
  g_autoptr(GPtrArray) scans = NULL;
  gint64 id = save_batch (f, NULL);

  g_assert_null (cd_batch_attach_scan (f->store, id, missing, &error));
  g_assert_error (error, CD_FILE_ERROR, CD_FILE_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "Không tìm thấy bản quét"));
  g_clear_error (&error);

  /* named .pdf, but a zip inside: the content decides */
  g_assert_null (cd_batch_attach_scan (f->store, id, word, &error));
  g_assert_error (error, CD_FILE_ERROR, CD_FILE_ERROR_FORMAT);
  g_assert_nonnull (strstr (error->message, "không phải tệp PDF, JPEG hay PNG"));
  g_assert_nonnull (strstr (error->message, "danh-sach.pdf"));
  g_clear_error (&error);

  g_assert_null (cd_batch_attach_scan (f->store, id, empty, &error));
  g_assert_error (error, CD_FILE_ERROR, CD_FILE_ERROR_FORMAT);
  g_clear_error (&error);

  g_assert_null (cd_batch_attach_scan (f->store, id + 50, word, &error));
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* nothing recorded, nothing copied */
  scans = cd_batch_list_scans (f->store, id, &error);
  g_assert_cmpuint (scans->len, ==, 0);
  dir = cd_batch_scan_dir (id);
  g_assert_false (g_file_test (dir, G_FILE_TEST_EXISTS));
}

static void
test_sniff (void)
{
  g_assert_cmpstr (cd_batch_scan_sniff ((const guint8 *) "%PDF-1.7", 8), ==, "application/pdf");
  g_assert_cmpstr (cd_batch_scan_sniff ((const guint8 *) "\xff\xd8\xff\xdb", 4), ==, "image/jpeg");
  g_assert_null (cd_batch_scan_sniff ((const guint8 *) "%PD", 3));
  g_assert_null (cd_batch_scan_sniff ((const guint8 *) "GIF89a", 6));
  g_assert_null (cd_batch_scan_sniff (NULL, 0));
}

/* ---- The e-mail ---------------------------------------------------------- */

static guint
count_args (GStrv argv, const char *arg)
{
  guint n = 0;

  for (guint i = 0; argv[i] != NULL; i++)
    n += g_str_equal (argv[i], arg);
  return n;
}

static void
test_mail (Fixture       *f,
           gconstpointer  data)
{
  static const char pdf[] = "%PDF-1.4\n%%EOF\n";
  g_autoptr(GError) error = NULL;
  g_autofree char *docx = write_file (f, "de_nghi_gia_han.docx", "PK\x03\x04", 4);
  g_autofree char *scan_path = write_file (f, "scan.pdf", pdf, sizeof pdf - 1);
  g_autoptr(CdBatchScan) scan = NULL;
  g_autoptr(CdBatchInfo) info = NULL;
  g_autoptr(GPtrArray) scans = NULL;
  g_auto(GStrv) argv = NULL;
  g_autofree char *address = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *copy = NULL;
  gint64 id = save_batch (f, "2025-09-12");
  guint n;

  scan = cd_batch_attach_scan (f->store, id, scan_path, &error);
  g_assert_no_error (error);
  scans = cd_batch_list_scans (f->store, id, &error);
  info = cd_batch_get (f->store, id, &error);

  /* no Word file yet: said so */
  g_assert_null (cd_batch_mail_argv (info, "TRƯỜNG THCS LÊ LỢI", scans, &error));
  g_assert_error (error, CD_FILE_ERROR, CD_FILE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  info->path = g_strdup (docx);
  argv = cd_batch_mail_argv (info, "TRƯỜNG THCS LÊ LỢI", scans, &error);
  g_assert_no_error (error);
  n = g_strv_length (argv);
  g_assert_cmpstr (argv[0], ==, "xdg-email");
  g_assert_cmpstr (argv[1], ==, "--utf8");
  g_assert_cmpstr (argv[2], ==, "--subject");
  g_assert_cmpstr (argv[3], ==, "TRƯỜNG THCS LÊ LỢI gửi danh sách đề nghị gia hạn chứng thư số"
                                " (theo văn bản số " LETTER ")");
  g_assert_cmpstr (argv[4], ==, "--body");
  g_assert_nonnull (strstr (argv[5], "Kính gửi: Phòng KHTC Sở GD&ĐT."));
  g_assert_nonnull (strstr (argv[5], "gồm 2 người"));
  g_assert_nonnull (strstr (argv[5], "văn bản số 15/THCS-VT"));
  g_assert_nonnull (strstr (argv[5], "theo văn bản số " LETTER));
  g_assert_nonnull (strstr (argv[5], "de_nghi_gia_han.docx"));
  g_assert_nonnull (strstr (argv[5], "scan.pdf"));
  g_assert_cmpuint (count_args (argv, "--attach"), ==, 2);
  g_assert_cmpstr (argv[6], ==, "--attach");
  g_assert_cmpstr (argv[7], ==, docx);
  g_assert_cmpstr (argv[8], ==, "--attach");
  g_assert_cmpstr (argv[9], ==, scan->path);
  g_assert_cmpstr (argv[n - 1], ==, "khtc@haiphong.edu.vn");

  /* a postal address: no recipient on the command line */
  address = cd_batch_mail_address ("Sở GD&ĐT, số 10 Lạch Tray, Hải Phòng");
  g_assert_null (address);
  g_free (info->recipient);
  info->recipient = g_strdup ("Sở GD&ĐT, số 10 Lạch Tray, Hải Phòng");
  g_strfreev (argv);
  argv = cd_batch_mail_argv (info, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (argv[g_strv_length (argv) - 1], ==, docx);

  /* Mở thư mục: the scans with a copy of the Word file */
  folder = cd_batch_mail_folder (info, &error);
  g_assert_no_error (error);
  copy = g_build_filename (folder, "de_nghi_gia_han.docx", NULL);
  g_assert_true (g_file_test (copy, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_str_has_prefix (scan->path, folder));
}

/* Hồ sơ's subtitle of a list says where it stands once: the row said
 * "Đã gửi · đã gửi 11/09/2025 (dichvucong.ca.gov.vn)", then the planned
 * channel again under the recipient (the tests run in Vietnamese). */
static void
test_describe (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdBatchInfo) info = NULL;
  g_autofree char *today_iso = cd_text_today_iso ();
  g_autofree char *today = cd_text_date_display (today_iso);
  g_autofree char *text = NULL;
  g_autofree char *expected = NULL;
  gint64 id = save_batch (f, "2025-09-12");
  CdBatchInfo by_hand = { 0 };

  info = cd_batch_get (f->store, id, &error);
  g_assert_no_error (error);
  text = cd_batch_info_describe (info);
  expected = g_strdup_printf ("Ngày %s · 2 người · Nháp\nTrả lời văn bản " LETTER "\nGửi " RECIPIENT " · Thư điện tử", today);
  g_assert_cmpstr (text, ==, expected);

  g_assert_true (cd_batch_mark_sent (f->store, id, "2025-09-11", CD_BATCH_CHANNEL_DICHVUCONG, &error));
  g_clear_pointer (&info, cd_batch_info_free);
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&expected, g_free);
  info = cd_batch_get (f->store, id, &error);
  text = cd_batch_info_describe (info);
  expected = g_strdup_printf ("Ngày %s · 2 người · Đã gửi 11/09/2025 qua dichvucong.ca.gov.vn"
                              "\nTrả lời văn bản " LETTER "\nGửi " RECIPIENT, today);
  g_assert_cmpstr (text, ==, expected);
  g_assert_null (strstr (text, "Thư điện tử"));

  g_assert_true (cd_batch_set_status (f->store, id, CD_BATCH_DONE, "2025-10-02", NULL, &error));
  g_assert_no_error (error);
  g_clear_pointer (&info, cd_batch_info_free);
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&expected, g_free);
  info = cd_batch_get (f->store, id, &error);
  text = cd_batch_info_describe (info);
  expected = g_strdup_printf ("Ngày %s · 2 người · Hoàn thành 02/10/2025 · Đã gửi 11/09/2025 qua dichvucong.ca.gov.vn"
                              "\nTrả lời văn bản " LETTER "\nGửi " RECIPIENT, today);
  g_assert_cmpstr (text, ==, expected);

  /* done without being sent first; the file by its name, with its scans */
  by_hand.date = (char *) "2026-10-23";
  by_hand.status = CD_BATCH_DONE;
  by_hand.done_date = by_hand.sent_date = (char *) "2026-11-13";
  by_hand.n_items = 1;
  by_hand.path = (char *) "/home/vanthu/Tài liệu/cap-moi-38.docx";
  by_hand.n_scans = 2;
  g_clear_pointer (&text, g_free);
  text = cd_batch_info_describe (&by_hand);
  g_assert_cmpstr (text, ==, "Ngày 23/10/2026 · 1 người · Hoàn thành 13/11/2026\ncap-moi-38.docx · 2 bản quét có chữ ký");
}

int
main (int argc, char **argv)
{
  cd_test_init (&argc, &argv);
#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("/core/wizard/batch-letter/migrate-from-5", test_migrate_from_5);
  ADD ("/core/wizard/batch-letter/save-load", test_save_load);
  g_test_add_func ("/core/wizard/batch-letter/channels", test_channels);
  g_test_add_func ("/core/wizard/batch-letter/deadline-states", test_deadline_states);
  g_test_add_func ("/core/wizard/batch-letter/deadline-weekend", test_deadline_weekend);
  g_test_add_func ("/core/wizard/batch-letter/deadline-tet", test_deadline_tet);
  ADD ("/core/wizard/batch-letter/mark-sent", test_mark_sent);
  ADD ("/core/wizard/batch-letter/describe", test_describe);
  ADD ("/core/wizard/batch-letter/calendar", test_calendar);
  ADD ("/core/wizard/batch-letter/reminders", test_reminders);
  g_test_add_func ("/core/wizard/batch-scan/sniff", test_sniff);
  ADD ("/core/wizard/batch-scan/attach", test_scan_attach);
  ADD ("/core/wizard/batch-scan/refused", test_scan_refused);
  ADD ("/core/wizard/batch-mail/argv", test_mail);
#undef ADD
  return g_test_run ();
}
