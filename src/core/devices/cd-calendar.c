/* cd-calendar.c — the register's reminders as an iCalendar file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "cd-calendar.h"
#include "cd-device-register.h"
#include "cd-fileutil.h"
#include "cd-sql.h"
#include "cd-store-worker.h"
#include "cd-text.h"
#include "cd-workdays.h"

#define FOLD_OCTETS 75

/* The file being written: lines go out one by one, so a register of
 * 30,000 certificates never sits in memory as one string. */
typedef struct {
  FILE   *out;
  char   *dtstamp;    /* the export's time, UTC, on every event */
  guint   n_events;
} IcsWriter;

typedef struct {
  char     *path;
  gint64    now;
  int       threshold_days;
  gboolean  overwrite;
} ExportJob;

static void
export_job_free (ExportJob *job)
{
  g_free (job->path);
  g_free (job);
}

static void
put_line (IcsWriter  *w,
          const char *line)
{
  g_autofree char *folded = cd_calendar_fold_line (line);

  fputs (folded, w->out);
}

G_GNUC_PRINTF (2, 3)
static void
put_printf (IcsWriter  *w,
            const char *format,
            ...)
{
  g_autofree char *line = NULL;
  va_list args;

  va_start (args, format);
  line = g_strdup_vprintf (format, args);
  va_end (args);
  put_line (w, line);
}

/* "NAME:escaped text" */
static void
put_text (IcsWriter  *w,
          const char *name,
          const char *text)
{
  g_autofree char *escaped = cd_calendar_escape_text (text);

  put_printf (w, "%s:%s", name, escaped);
}

/* An all-day event: DTEND is the day after (exclusive), as RFC 5545
 * §3.6.1 reads a DATE start with no end as one day anyway, but some
 * calendars show a zero-length event without it. */
static void
put_event (IcsWriter  *w,
           const char *uid,
           const GDate *day,
           const char *summary,
           const char *description,
           int         alarm_days)
{
  GDate next = *day;
  char start[16], end[16];

  g_date_add_days (&next, 1);
  g_date_strftime (start, sizeof start, "%Y%m%d", day);
  g_date_strftime (end, sizeof end, "%Y%m%d", &next);

  put_line (w, "BEGIN:VEVENT");
  put_printf (w, "UID:%s", uid);
  put_printf (w, "DTSTAMP:%s", w->dtstamp);
  put_printf (w, "DTSTART;VALUE=DATE:%s", start);
  put_printf (w, "DTEND;VALUE=DATE:%s", end);
  put_text (w, "SUMMARY", summary);
  if (description != NULL)
    put_text (w, "DESCRIPTION", description);
  put_line (w, "TRANSP:TRANSPARENT");
  if (alarm_days > 0)
    {
      put_line (w, "BEGIN:VALARM");
      put_line (w, "ACTION:DISPLAY");
      put_text (w, "DESCRIPTION", summary);
      put_printf (w, "TRIGGER:-P%dD", alarm_days);
      put_line (w, "END:VALARM");
    }
  put_line (w, "END:VEVENT");
  w->n_events++;
}

static gboolean
sql_failed (CdStore  *store,
            GError  **error)
{
  return cd_sql_set_last_error (cd_store_get_db (store), error);
}

/* The certificates whose expiry matters: not revoked, held by someone
 * still here (a person who has not left, the unit, a service), and not
 * replaced by a later one of the same purpose and track for the same
 * person — the old certificate's end is no longer a deadline. */
static gboolean
put_certificates (IcsWriter  *w,
                  CdStore    *store,
                  int         threshold_days,
                  GError    **error)
{
  g_autoptr(CdSqlStmt) st = NULL;
  int rc;

  st = cd_sql_prepare (cd_store_get_db (store),
                       "SELECT c.id, c.serial, c.fingerprint, c.not_after, s.full_name,"
                       " c.held_by_unit, v.name"
                       " FROM certificates c"
                       " LEFT JOIN staff s ON s.id = c.staff_id"
                       " LEFT JOIN services v ON v.id = c.service_id"
                       " WHERE c.revoked = 0 AND c.not_after > 0"
                       "  AND (s.id IS NOT NULL AND s.left = 0 OR c.held_by_unit OR v.id IS NOT NULL)"
                       "  AND NOT EXISTS (SELECT 1 FROM certificates n"
                       "   WHERE n.staff_id = c.staff_id AND n.purpose = c.purpose AND n.track = c.track"
                       "    AND n.revoked = 0 AND n.not_after > c.not_after)"
                       " ORDER BY c.not_after, c.id", error);
  if (st == NULL)
    return FALSE;
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (st, 0);
      const char *serial = (const char *) sqlite3_column_text (st, 1);
      const char *fingerprint = (const char *) sqlite3_column_text (st, 2);
      gint64 not_after = sqlite3_column_int64 (st, 3);
      const char *person = (const char *) sqlite3_column_text (st, 4);
      const char *service = (const char *) sqlite3_column_text (st, 6);
      const char *holder;
      g_autoptr(GDateTime) end = g_date_time_new_from_unix_local (not_after);
      g_autofree char *uid = NULL;
      g_autofree char *summary = NULL;
      g_autofree char *description = NULL;
      g_autofree char *when = NULL;
      GDate day;

      if (end == NULL)
        continue;
      holder = person != NULL ? person
             : service != NULL ? service
             : _("the unit");
      g_date_clear (&day, 1);
      g_date_set_dmy (&day, g_date_time_get_day_of_month (end),
                      g_date_time_get_month (end), g_date_time_get_year (end));
      when = g_date_time_format (end, "%d/%m/%Y");
      /* A typed-in certificate has no fingerprint; its row id is then
       * the only identity that survives a re-export. */
      if (fingerprint != NULL)
        {
          g_autofree char *lower = g_ascii_strdown (fingerprint, -1);

          uid = g_strdup_printf ("cert-%s@certdesk", lower);
        }
      else
        uid = g_strdup_printf ("cert-row%" G_GINT64_FORMAT "@certdesk", id);
      summary = g_strdup_printf (_("Certificate of %s expires (serial %s)"), holder, serial);
      description = g_strdup_printf (_("The certificate with serial %s of %s is valid until %s. "
                                       "Put it on a renewal list before then."),
                                     serial, holder, when);
      put_event (w, uid, &day, summary, description, threshold_days);
    }
  if (rc != SQLITE_DONE)
    return sql_failed (store, error);
  return TRUE;
}

static gboolean
put_tasks (IcsWriter  *w,
           CdStore    *store,
           GError    **error)
{
  g_autoptr(GPtrArray) tasks = cd_devices_list_open_tasks (store, NULL, NULL, error);

  if (tasks == NULL)
    return FALSE;
  for (guint i = 0; i < tasks->len; i++)
    {
      const CdRecoveryTask *t = g_ptr_array_index (tasks, i);
      g_autofree char *uid = g_strdup_printf ("task-%" G_GINT64_FORMAT "@certdesk", t->id);
      g_autofree char *summary = NULL;
      const char *serial = t->device_serial != NULL ? t->device_serial : "?";
      GDate day;

      if (!cd_workdays_parse_iso (t->due_date, &day))
        continue;
      if (t->staff_name != NULL)
        summary = g_strdup_printf (_("Recover the device %s from %s and hand it to the provider"),
                                   serial, t->staff_name);
      else
        summary = g_strdup_printf (_("Recover the device %s and hand it to the provider"), serial);
      put_event (w, uid, &day, summary, t->note, 0);
    }
  return TRUE;
}

/* Lists still to send, on the deadline of the letter they answer
 * (schema 6); a list marked sent has met it. The letter's reference is
 * the event's description. */
static gboolean
put_batches (IcsWriter  *w,
             CdStore    *store,
             GError    **error)
{
  sqlite3 *db = cd_store_get_db (store);
  g_autoptr(CdSqlStmt) has = NULL;
  g_autoptr(CdSqlStmt) st = NULL;
  int rc;

  has = cd_sql_prepare (db, "SELECT 1 FROM pragma_table_info('request_batches')"
                            " WHERE name = 'deadline'", error);
  if (has == NULL)
    return FALSE;
  if (sqlite3_step (has) != SQLITE_ROW)
    return TRUE;
  st = cd_sql_prepare (db, "SELECT id, kind, doc_number, deadline, letter FROM request_batches"
                           " WHERE status = 'draft' AND sent_on IS NULL AND deadline IS NOT NULL"
                           " ORDER BY deadline, id", error);
  if (st == NULL)
    return FALSE;
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (st, 0);
      const char *number = (const char *) sqlite3_column_text (st, 2);
      g_autofree char *uid = g_strdup_printf ("batch-%" G_GINT64_FORMAT "@certdesk", id);
      g_autofree char *summary = NULL;
      GDate day;

      if (!cd_workdays_parse_iso ((const char *) sqlite3_column_text (st, 3), &day))
        continue;
      if (number != NULL && *number != '\0')
        summary = g_strdup_printf (_("Send the list %s (deadline)"), number);
      else
        {
          g_autofree char *no = g_strdup_printf ("%" G_GINT64_FORMAT, id);

          summary = g_strdup_printf (_("Send the list no. %s (deadline)"), no);
        }
      put_event (w, uid, &day, summary, (const char *) sqlite3_column_text (st, 4), 0);
    }
  if (rc != SQLITE_DONE)
    return sql_failed (store, error);
  return TRUE;
}

static gpointer
export_work (CdStore       *store,
             gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  ExportJob *job = data;
  guint n = 0;

  if (!cd_calendar_export (store, job->path, job->now, job->threshold_days,
                           job->overwrite, &n, error))
    return NULL;
  return g_memdup2 (&n, sizeof n);
}

char *
cd_calendar_escape_text (const char *text)
{
  GString *s = g_string_sized_new (text != NULL ? strlen (text) + 8 : 1);

  for (const char *p = text; p != NULL && *p != '\0'; p++)
    {
      switch (*p)
        {
        case '\\': g_string_append (s, "\\\\"); break;
        case ';':  g_string_append (s, "\\;"); break;
        case ',':  g_string_append (s, "\\,"); break;
        case '\n': g_string_append (s, "\\n"); break;
        default:
          /* CR (of a CRLF) and other controls have no place in TEXT. */
          if ((guchar) *p >= 0x20 && *p != 0x7f)
            g_string_append_c (s, *p);
        }
    }
  return g_string_free (s, FALSE);
}

char *
cd_calendar_fold_line (const char *line)
{
  gsize len = strlen (line);
  GString *s = g_string_sized_new (len + len / 70 * 3 + 2);
  gsize at = 0;
  gsize room = FOLD_OCTETS;

  while (len - at > room)
    {
      gsize cut = at + room;

      /* Back up to the start of a character: a continuation byte is
       * 10xxxxxx. */
      while (cut > at && ((guchar) line[cut] & 0xc0) == 0x80)
        cut--;
      if (cut == at)
        cut = at + room;   /* not UTF-8 at all: cut anyway */
      g_string_append_len (s, line + at, cut - at);
      g_string_append (s, "\r\n ");
      at = cut;
      room = FOLD_OCTETS - 1;   /* the leading space counts */
    }
  g_string_append (s, line + at);
  g_string_append (s, "\r\n");
  return g_string_free (s, FALSE);
}

gboolean
cd_calendar_export (CdStore     *store,
                    const char  *path,
                    gint64       now,
                    int          threshold_days,
                    gboolean     overwrite,
                    guint       *n_events,
                    GError     **error)
{
  g_autofree char *tmp = NULL;
  g_autoptr(GDateTime) stamp = g_date_time_new_from_unix_utc (now);
  g_autoptr(CdUnit) unit = NULL;
  g_autofree char *name = NULL;
  IcsWriter w = { 0 };
  gboolean ok;
  int saved = 0;

  g_return_val_if_fail (CD_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (stamp == NULL)
    stamp = g_date_time_new_now_utc ();
  tmp = cd_atomic_temp_path (path, error);
  if (tmp == NULL)
    return FALSE;
  /* The temporary file was made 0600; "w" keeps its mode. */
  w.out = g_fopen (tmp, "wb");
  if (w.out == NULL)
    {
      saved = errno;
      cd_atomic_abort (tmp);
      cd_file_set_io_error (error, path, saved);
      return FALSE;
    }
  w.dtstamp = g_date_time_format (stamp, "%Y%m%dT%H%M%SZ");

  unit = cd_store_get_unit (store);
  if (unit != NULL && unit->name != NULL && *unit->name != '\0')
    name = g_strdup_printf (_("CertDesk reminders — %s"), unit->name);
  else
    name = g_strdup (_("CertDesk reminders"));

  put_line (&w, "BEGIN:VCALENDAR");
  put_line (&w, "VERSION:2.0");
  put_line (&w, "PRODID:-//CertDesk//CertDesk " PACKAGE_VERSION "//VI");
  put_line (&w, "CALSCALE:GREGORIAN");
  put_line (&w, "METHOD:PUBLISH");
  put_text (&w, "X-WR-CALNAME", name);

  ok = put_certificates (&w, store, threshold_days, error)
       && put_tasks (&w, store, error)
       && put_batches (&w, store, error);
  put_line (&w, "END:VCALENDAR");

  if (ok && (fflush (w.out) != 0 || ferror (w.out)))
    saved = errno;
  if (fclose (w.out) != 0 && saved == 0)
    saved = errno;
  g_free (w.dtstamp);
  if (ok && saved != 0)
    {
      cd_file_set_io_error (error, path, saved);
      ok = FALSE;
    }
  if (!ok)
    {
      cd_atomic_abort (tmp);
      return FALSE;
    }
  if (!cd_atomic_commit (tmp, path, overwrite, error))
    return FALSE;
  if (n_events != NULL)
    *n_events = w.n_events;
  return TRUE;
}

void
cd_calendar_export_async (CdStore             *store,
                          const char          *path,
                          gint64               now,
                          int                  threshold_days,
                          gboolean             overwrite,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  ExportJob *job = g_new0 (ExportJob, 1);

  job->path = g_strdup (path);
  job->now = now;
  job->threshold_days = threshold_days;
  job->overwrite = overwrite;
  cd_store_run_async (store, export_work, job, (GDestroyNotify) export_job_free,
                      g_free, NULL, cd_calendar_export_async,
                      cancellable, callback, user_data);
}

int
cd_calendar_export_finish (CdStore       *store,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_autofree guint *n = cd_store_run_finish (store, result, cd_calendar_export_async, error);

  return n != NULL ? (int) *n : -1;
}
