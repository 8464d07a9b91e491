/* test-reminders.c — reminders outside the window: the iCalendar export
 * (read back by hand, as a calendar would) and the daily notification's
 * summary.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <glib/gstdio.h>

#include "cd-calendar.h"
#include "cd-fileutil.h"
#include "cd-reminders.h"
#include "cd-test-fixture.h"
#include "cd-test-util.h"

#define DAY (24 * 3600)
#define THRESHOLD 30
#define FP_AN "AB12CD34EF56AB12CD34EF56AB12CD34EF56AB12CD34EF56AB12CD34EF56AB12"

typedef struct {
  char    *tmp;
  CdStore *store;
  gint64   now;
  gint64   an, binh, cuong;
  gint64   cert_typed;   /* An's typed-in certificate, no fingerprint */
} Fixture;

static void
exec (Fixture    *f,
      const char *sql)
{
  char *msg = NULL;

  if (sqlite3_exec (cd_store_get_db (f->store), sql, NULL, NULL, &msg) != SQLITE_OK)
    g_error ("%s: %s", sql, msg);
}

G_GNUC_PRINTF (2, 3)
static void
execf (Fixture    *f,
       const char *format,
       ...)
{
  g_autofree char *sql = NULL;
  va_list args;

  va_start (args, format);
  sql = g_strdup_vprintf (format, args);
  va_end (args);
  exec (f, sql);
}

/* An with a chuyên dùng certificate 10 days from its end and a typed-in
 * commercial one; Bình whose certificate ended 20 days ago (an older one
 * of the same kind long before), with a token to recover whose task is
 * overdue, one closed and one due later; Cường, who left, expiring. */
static void
fixture_setup (Fixture       *f,
               gconstpointer  data G_GNUC_UNUSED)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) noon = g_date_time_new_local (2026, 3, 10, 12, 0, 0);

  f->now = g_date_time_to_unix (noon);
  f->tmp = cd_test_tmpdir ();
  path = g_build_filename (f->tmp, "certdesk.db", NULL);
  f->store = cd_store_open (path, &error);
  g_assert_no_error (error);
  f->an = cd_test_add_staff (f->store, "Nguyễn Văn An", NULL, "031234567890", NULL);
  f->binh = cd_test_add_staff (f->store, "Lê Thị Bình", NULL, "031234567891", NULL);
  f->cuong = cd_test_add_staff (f->store, "Trần Văn Cường", NULL, "031234567892", NULL);
  execf (f, "UPDATE staff SET left = 1, left_date = '2026-01-01' WHERE id = %" G_GINT64_FORMAT, f->cuong);

  execf (f, "INSERT INTO certificates (staff_id, serial, fingerprint, not_before, not_after, purpose, track)"
            " VALUES (%" G_GINT64_FORMAT ", '54A1000000000001', '" FP_AN "', 0, %" G_GINT64_FORMAT
            ", 'signing', 'government')", f->an, f->now + 10 * DAY);
  execf (f, "INSERT INTO certificates (staff_id, serial, fingerprint, not_before, not_after, purpose, track)"
            " VALUES (%" G_GINT64_FORMAT ", '0099', NULL, 0, %" G_GINT64_FORMAT
            ", 'signing', 'public')", f->an, f->now + 200 * DAY);
  f->cert_typed = sqlite3_last_insert_rowid (cd_store_get_db (f->store));
  execf (f, "INSERT INTO certificates (staff_id, serial, fingerprint, not_before, not_after, purpose, track)"
            " VALUES (%" G_GINT64_FORMAT ", '54A1000000000002', 'B2', 0, %" G_GINT64_FORMAT
            ", 'signing', 'government')", f->binh, f->now - 20 * DAY);
  execf (f, "INSERT INTO certificates (staff_id, serial, fingerprint, not_before, not_after, purpose, track)"
            " VALUES (%" G_GINT64_FORMAT ", '54A1000000000003', 'B3', 0, %" G_GINT64_FORMAT
            ", 'signing', 'government')", f->binh, f->now - 400 * DAY);
  execf (f, "INSERT INTO certificates (staff_id, serial, fingerprint, not_before, not_after, purpose, track)"
            " VALUES (%" G_GINT64_FORMAT ", '54A1000000000004', 'C4', 0, %" G_GINT64_FORMAT
            ", 'signing', 'government')", f->cuong, f->now + 5 * DAY);

  execf (f, "INSERT INTO devices (id, token_serial, holder_id, status) VALUES"
            " (1, 'TK0001', %" G_GINT64_FORMAT ", 'held'), (2, 'TK0002', NULL, 'in_stock'),"
            " (3, 'TK0003', NULL, 'in_stock')", f->binh);
  execf (f, "INSERT INTO tasks (id, kind, device_id, staff_id, due_date, note) VALUES"
            " (7, 'recover_device', 1, %" G_GINT64_FORMAT ", '2026-03-03',"
            "  'Thư số 12, ngày 02/03; xem C:\\hồ sơ' || char(10) || 'dòng hai')", f->binh);
  exec (f, "INSERT INTO tasks (id, kind, device_id, due_date, done_date) VALUES"
           " (8, 'recover_device', 2, '2026-02-01', '2026-02-02'),"
           " (9, 'recover_device', 3, '2026-03-20', NULL)");
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data G_GNUC_UNUSED)
{
  g_clear_object (&f->store);
  cd_test_rm_rf (f->tmp);
  g_free (f->tmp);
}

static char *
export (Fixture    *f,
        const char *name,
        guint       expect_events)
{
  g_autofree char *path = g_build_filename (f->tmp, name, NULL);
  g_autoptr(GError) error = NULL;
  guint n = 0;
  char *text = NULL;
  GStatBuf st;

  g_assert_true (cd_calendar_export (f->store, path, f->now, THRESHOLD, FALSE, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, expect_events);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  return text;
}

/* Reads @text as a calendar would: every physical line ends in CRLF and
 * holds at most 75 octets of valid UTF-8; continuation lines are joined.
 * Returns the logical lines. */
static GPtrArray *
unfold (const char *text)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  const char *p = text;

  g_assert_true (g_str_has_suffix (text, "\r\n"));
  while (*p != '\0')
    {
      const char *eol = strstr (p, "\r\n");
      gsize len;

      g_assert_nonnull (eol);
      len = eol - p;
      g_assert_cmpuint (len, <=, 75);
      g_assert_null (memchr (p, '\n', len));
      g_assert_true (g_utf8_validate (p, len, NULL));
      if (*p == ' ')
        {
          char *last;

          g_assert_cmpuint (lines->len, >, 0);
          last = g_ptr_array_index (lines, lines->len - 1);
          lines->pdata[lines->len - 1] = g_strdup_printf ("%s%.*s", last, (int) len - 1, p + 1);
          g_free (last);
        }
      else
        g_ptr_array_add (lines, g_strndup (p, len));
      p = eol + 2;
    }
  return g_steal_pointer (&lines);
}

/* The value of @name (before ':' or ';') in the event whose UID is
 * @uid; NULL when absent. */
static const char *
event_prop (GPtrArray  *lines,
            const char *uid,
            const char *name)
{
  gboolean in_event = FALSE, found = FALSE;
  const char *value = NULL;
  gsize nlen = strlen (name);

  for (guint i = 0; i < lines->len; i++)
    {
      const char *l = g_ptr_array_index (lines, i);

      if (g_str_equal (l, "BEGIN:VEVENT"))
        in_event = TRUE, found = FALSE, value = NULL;
      else if (g_str_equal (l, "END:VEVENT"))
        {
          if (found)
            return value;
          in_event = FALSE;
        }
      else if (in_event && g_str_has_prefix (l, "UID:") && g_str_equal (l + 4, uid))
        found = TRUE;
      else if (in_event && value == NULL && strncmp (l, name, nlen) == 0
               && (l[nlen] == ':' || l[nlen] == ';'))
        value = strchr (l, ':') + 1;
    }
  return NULL;
}

static GPtrArray *
uids (GPtrArray *lines)
{
  GPtrArray *out = g_ptr_array_new ();

  for (guint i = 0; i < lines->len; i++)
    if (g_str_has_prefix (g_ptr_array_index (lines, i), "UID:"))
      g_ptr_array_add (out, (char *) g_ptr_array_index (lines, i) + 4);
  return out;
}

static void
test_fold_escape (void)
{
  g_autofree char *long_line = NULL;
  g_autofree char *folded = NULL;
  g_autofree char *esc = cd_calendar_escape_text ("a,b;c\\d\ne\rf");
  g_autoptr(GPtrArray) lines = NULL;
  GString *s = g_string_new ("SUMMARY:");

  g_assert_cmpstr (esc, ==, "a\\,b\\;c\\\\d\\ne" "f");
  /* two-octet and three-octet characters across every cut point */
  for (guint i = 0; i < 60; i++)
    g_string_append (s, i % 3 == 0 ? "ệ" : i % 3 == 1 ? "ă" : "x");
  long_line = g_string_free (s, FALSE);
  folded = cd_calendar_fold_line (long_line);
  lines = unfold (folded);
  g_assert_cmpuint (lines->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (lines, 0), ==, long_line);
  g_assert_nonnull (strstr (folded, "\r\n "));

  g_free (folded);
  folded = cd_calendar_fold_line ("VERSION:2.0");
  g_assert_cmpstr (folded, ==, "VERSION:2.0\r\n");
}

static void
test_export (Fixture       *f,
             gconstpointer  data G_GNUC_UNUSED)
{
  g_autofree char *text = export (f, "nhac-viec.ics", 5);
  g_autoptr(GPtrArray) lines = unfold (text);
  g_autofree char *uid_an = g_strdup_printf ("cert-%s@certdesk", "ab12cd34ef56ab12cd34ef56ab12cd34ef56ab12cd34ef56ab12cd34ef56ab12");
  g_autofree char *uid_typed = g_strdup_printf ("cert-row%" G_GINT64_FORMAT "@certdesk", f->cert_typed);
  g_autoptr(GDateTime) end = g_date_time_new_from_unix_local (f->now + 10 * DAY);
  g_autofree char *end_day = g_date_time_format (end, "%Y%m%d");
  g_autoptr(GPtrArray) all = uids (lines);
  const char *summary;
  guint alarms = 0;

  g_assert_cmpstr (g_ptr_array_index (lines, 0), ==, "BEGIN:VCALENDAR");
  g_assert_cmpstr (g_ptr_array_index (lines, lines->len - 1), ==, "END:VCALENDAR");
  g_assert_cmpuint (all->len, ==, 5);

  /* An's certificate: all day on its last day, Vietnamese summary with
   * the holder and serial, an alarm at the threshold */
  g_assert_cmpstr (event_prop (lines, uid_an, "DTSTART"), ==, end_day);
  summary = event_prop (lines, uid_an, "SUMMARY");
  g_assert_nonnull (strstr (summary, "Nguyễn Văn An"));
  g_assert_nonnull (strstr (summary, "54A1000000000001"));
  g_assert_nonnull (strstr (summary, "hết hạn"));
  g_assert_nonnull (event_prop (lines, uid_an, "DTSTAMP"));
  g_assert_nonnull (event_prop (lines, uid_typed, "SUMMARY"));
  for (guint i = 0; i < lines->len; i++)
    if (g_str_has_prefix (g_ptr_array_index (lines, i), "TRIGGER:"))
      {
        g_assert_cmpstr (g_ptr_array_index (lines, i), ==, "TRIGGER:-P30D");
        alarms++;
      }
  g_assert_cmpuint (alarms, ==, 3);    /* one per certificate event */

  /* Bình's old certificate was replaced; Cường left */
  g_assert_nonnull (event_prop (lines, "cert-b2@certdesk", "SUMMARY"));
  g_assert_null (event_prop (lines, "cert-b3@certdesk", "SUMMARY"));
  g_assert_null (event_prop (lines, "cert-c4@certdesk", "SUMMARY"));

  /* the open tasks, not the closed one; the note escaped */
  g_assert_cmpstr (event_prop (lines, "task-7@certdesk", "DTSTART"), ==, "20260303");
  g_assert_nonnull (strstr (event_prop (lines, "task-7@certdesk", "SUMMARY"), "TK0001"));
  g_assert_cmpstr (event_prop (lines, "task-7@certdesk", "DESCRIPTION"), ==,
                   "Thư số 12\\, ngày 02/03\\; xem C:\\\\hồ sơ\\ndòng hai");
  g_assert_nonnull (event_prop (lines, "task-9@certdesk", "SUMMARY"));
  g_assert_null (event_prop (lines, "task-8@certdesk", "SUMMARY"));
}

static void
test_stable_uids (Fixture       *f,
                  gconstpointer  data G_GNUC_UNUSED)
{
  g_autofree char *first = export (f, "a.ics", 5);
  g_autofree char *second = NULL;
  g_autoptr(GPtrArray) l1 = unfold (first);
  g_autoptr(GPtrArray) l2 = NULL;
  g_autoptr(GPtrArray) u1 = uids (l1);
  g_autoptr(GPtrArray) u2 = NULL;
  g_autofree char *path = g_build_filename (f->tmp, "a.ics", NULL);
  g_autoptr(GError) error = NULL;

  /* a second export a day later, after a change elsewhere */
  f->now += DAY;
  exec (f, "UPDATE staff SET position = 'Giáo viên'");
  second = export (f, "b.ics", 5);
  l2 = unfold (second);
  u2 = uids (l2);
  g_assert_cmpuint (u1->len, ==, u2->len);
  for (guint i = 0; i < u1->len; i++)
    g_assert_cmpstr (g_ptr_array_index (u1, i), ==, g_ptr_array_index (u2, i));

  /* the file is not replaced unless asked */
  g_assert_false (cd_calendar_export (f->store, path, f->now, THRESHOLD, FALSE, NULL, &error));
  g_assert_error (error, CD_FILE_ERROR, CD_FILE_ERROR_EXISTS);
  g_clear_error (&error);
  g_assert_true (cd_calendar_export (f->store, path, f->now, THRESHOLD, TRUE, NULL, &error));
  g_assert_no_error (error);
}

static void
export_done_cb (GObject      *source G_GNUC_UNUSED,
                GAsyncResult *result,
                gpointer      user_data)
{
  Fixture *f = ((gpointer *) user_data)[0];
  int *n = ((gpointer *) user_data)[1];
  g_autoptr(GError) error = NULL;

  *n = cd_calendar_export_finish (f->store, result, &error);
  g_assert_no_error (error);
}

static void
test_export_async (Fixture       *f,
                   gconstpointer  data G_GNUC_UNUSED)
{
  g_autofree char *path = g_build_filename (f->tmp, "async.ics", NULL);
  int n = -2;
  gpointer pair[2] = { f, &n };

  cd_calendar_export_async (f->store, path, f->now, THRESHOLD, FALSE, NULL, export_done_cb, pair);
  while (n == -2)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (n, ==, 5);
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
}

static void
test_summary (Fixture       *f,
              gconstpointer  data G_GNUC_UNUSED)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdReminders) r = cd_reminders_compute (f->store, f->now, THRESHOLD, &error);
  g_autofree char *title = NULL;
  g_autofree char *body = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (r->n_expiring, ==, 1);   /* An; not Cường, who left */
  g_assert_cmpuint (r->n_expired, ==, 1);    /* Bình */
  g_assert_cmpuint (r->n_overdue, ==, 1);    /* task 7; 9 is not due yet, 8 is done */
  g_assert_false (cd_reminders_is_empty (r));
  /* an overdue recovery comes first: the law counts its days */
  g_assert_nonnull (strstr (r->urgent, "TK0001"));
  g_assert_nonnull (strstr (r->urgent, "Lê Thị Bình"));
  title = cd_reminders_title (r);
  body = cd_reminders_body (r);
  g_test_message ("%s\n%s", title, body);
  g_assert_nonnull (strstr (body, "1 chứng thư số sắp hết hạn trong 30 ngày"));
  g_assert_nonnull (strstr (body, "TK0001"));
  g_assert_null (strstr (body, "%"));

  /* the task closed: the certificate closest to its end */
  exec (f, "UPDATE tasks SET done_date = '2026-03-09' WHERE id = 7");
  g_clear_pointer (&r, cd_reminders_free);
  r = cd_reminders_compute (f->store, f->now, THRESHOLD, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (r->n_overdue, ==, 0);
  g_assert_nonnull (strstr (r->urgent, "Nguyễn Văn An"));

  /* nine days on, task 9 is still not due; 41 days on, it is and An's
   * certificate has expired too */
  g_clear_pointer (&r, cd_reminders_free);
  r = cd_reminders_compute (f->store, f->now + 41 * DAY, THRESHOLD, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (r->n_expiring, ==, 0);
  g_assert_cmpuint (r->n_expired, >=, 1);
  g_assert_cmpuint (r->n_overdue, ==, 1);
  g_assert_nonnull (strstr (r->urgent, "TK0003"));
}

/* The unit's seal and a service's certificate are not in the staff
 * list, yet they expire too; a renewed one replaces the old. */
static void
test_unit_certificates (Fixture       *f,
                        gconstpointer  data G_GNUC_UNUSED)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdReminders) r = NULL;

  exec (f, "INSERT INTO services (id, name, name_key) VALUES (1, 'Bộ phận Một cửa', 'bo phan mot cua')");
  execf (f, "INSERT INTO certificates (serial, fingerprint, not_before, not_after, held_by_unit)"
            " VALUES ('5E01', 'U1', 0, %" G_GINT64_FORMAT ", 1),"
            " ('5E00', 'U0', 0, %" G_GINT64_FORMAT ", 1)", f->now + 3 * DAY, f->now - 900 * DAY);
  execf (f, "INSERT INTO certificates (serial, fingerprint, not_before, not_after, service_id)"
            " VALUES ('5E02', 'S1', 0, %" G_GINT64_FORMAT ", 1)", f->now - 2 * DAY);
  exec (f, "UPDATE tasks SET done_date = '2026-03-09' WHERE id = 7");
  r = cd_reminders_compute (f->store, f->now, THRESHOLD, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (r->n_expiring, ==, 2);   /* An, the seal; not its old one */
  g_assert_cmpuint (r->n_expired, ==, 2);    /* Bình, the one-stop desk */
  g_assert_nonnull (strstr (r->urgent, "đơn vị"));
}

/* Counted a page at a time (1,000 staff): the same counts as the whole
 * list gives, and the most urgent holder's name outlives its page. */
static void
test_paged (void)
{
  g_autoptr(CdTestRegister) reg = cd_test_register_new (2500, CD_TEST_REGISTER_CERTIFICATES);
  g_autoptr(GError) error = NULL;
  g_autoptr(CdReminders) r = NULL;
  g_autoptr(GPtrArray) rows = cd_store_list_staff_rows (reg->store, reg->now, THRESHOLD, &error);
  guint expiring = 0, expired = 0;
  const CdStaffRow *soonest = NULL;

  g_assert_no_error (error);
  /* no overdue task nor unit certificate: the urgent line is a person */
  for (guint i = 0; i < rows->len; i++)
    {
      const CdStaffRow *row = g_ptr_array_index (rows, i);

      if (row->left)
        continue;
      if (row->status == CD_CERT_STATUS_EXPIRING)
        {
          expiring++;
          if (soonest == NULL || row->cert_not_after < soonest->cert_not_after)
            soonest = row;
        }
      else if (row->status == CD_CERT_STATUS_EXPIRED)
        expired++;
    }
  r = cd_reminders_compute (reg->store, reg->now, THRESHOLD, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (r->n_expiring, ==, expiring);
  g_assert_cmpuint (r->n_expired, ==, expired);
  g_assert_nonnull (soonest);
  g_assert_nonnull (r->urgent);
  g_assert_nonnull (strstr (r->urgent, soonest->full_name));
}

static void
test_nothing (void)
{
  g_autoptr(CdTestRegister) reg = cd_test_register_new (3, CD_TEST_REGISTER_STAFF);
  g_autoptr(GError) error = NULL;
  g_autoptr(CdReminders) r = cd_reminders_compute (reg->store, reg->now, THRESHOLD, &error);
  g_autofree char *body = NULL;

  g_assert_no_error (error);
  g_assert_true (cd_reminders_is_empty (r));
  g_assert_null (r->urgent);
  body = cd_reminders_body (r);
  g_assert_cmpstr (body, ==, "");
}

int
main (int argc, char **argv)
{
  cd_test_init (&argc, &argv);
  g_test_add_func ("/core/devices/calendar/fold-escape", test_fold_escape);
  g_test_add ("/core/devices/calendar/export", Fixture, NULL, fixture_setup, test_export, fixture_teardown);
  g_test_add ("/core/devices/calendar/stable-uids", Fixture, NULL, fixture_setup, test_stable_uids,
              fixture_teardown);
  g_test_add ("/core/devices/calendar/async", Fixture, NULL, fixture_setup, test_export_async,
              fixture_teardown);
  g_test_add ("/core/devices/reminders/summary", Fixture, NULL, fixture_setup, test_summary,
              fixture_teardown);
  g_test_add ("/core/devices/reminders/unit-certificates", Fixture, NULL, fixture_setup,
              test_unit_certificates, fixture_teardown);
  g_test_add_func ("/core/devices/reminders/nothing", test_nothing);
  g_test_add_func ("/core/devices/reminders/paged", test_paged);
  return g_test_run ();
}
