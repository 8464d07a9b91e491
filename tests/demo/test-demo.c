/* test-demo.c — the sample register looks like a real school's
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gstdio.h>

#include "cd-demo.h"
#include "cd-device-register.h"
#include "cd-reminders.h"
#include "cd-batch.h"
#include "cd-test-util.h"

#define NOW ((gint64) 1795000000)   /* 2026-11-18 */

static gboolean
all_digits (const char *s,
            gsize       len)
{
  if (strlen (s) != len)
    return FALSE;
  for (; *s; s++)
    if (!g_ascii_isdigit (*s))
      return FALSE;
  return TRUE;
}

static void
test_identities (void)
{
  g_autoptr(GPtrArray) people = cd_demo_people (500, 7, NOW);
  g_autoptr(GHashTable) cccds = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) emails = g_hash_table_new (g_str_hash, g_str_equal);
  guint with_diacritics = 0, nguyen = 0;

  g_assert_cmpuint (people->len, ==, 500);
  for (guint i = 0; i < people->len; i++)
    {
      const CdDemoPerson *p = g_ptr_array_index (people, i);
      const CdStaff *s = p->staff;
      int year = atoi (s->birth_date);

      g_assert_true (g_utf8_validate (s->full_name, -1, NULL));
      g_assert_nonnull (strchr (s->full_name, ' '));
      if (!g_str_is_ascii (s->full_name))
        with_diacritics++;
      if (g_str_has_prefix (s->full_name, "Nguyễn "))
        nguyen++;

      /* CCCD: 12 digits, a real province code, century/gender digit and
       * year of birth consistent with the record. */
      g_assert_true (all_digits (s->cccd, 12));
      g_assert_true (cd_demo_is_province_code (s->cccd));
      g_assert_cmpint (s->cccd[3] - '0', ==, (year >= 2000 ? 2 : 0) + (g_str_equal (s->gender, "Nữ") ? 1 : 0));
      g_assert_cmpint (atoi (s->cccd + 4) / 1000000, ==, year % 100);
      g_assert_false (g_hash_table_contains (cccds, s->cccd));
      g_hash_table_add (cccds, s->cccd);

      g_assert_true (all_digits (s->phone, 10));
      g_assert_true (s->phone[0] == '0');
      g_assert_true (g_str_has_suffix (s->email, ".edu.vn"));
      g_assert_true (g_str_is_ascii (s->email));
      g_assert_false (g_hash_table_contains (emails, s->email));
      g_hash_table_add (emails, s->email);
      g_assert_cmpuint (strlen (s->birth_date), ==, 10);
    }
  g_assert_cmpuint (with_diacritics, >, 450);
  g_assert_cmpuint (nguyen, >, 20);
  g_assert_false (cd_demo_is_province_code ("003"));
  g_assert_true (cd_demo_is_province_code ("031"));
}

static void
test_statuses (void)
{
  g_autoptr(GPtrArray) people = cd_demo_people (300, 7, NOW);
  guint count[CD_CERT_STATUS_REVOKED + 1] = { 0 };
  guint devices = 0;

  for (guint i = 0; i < people->len; i++)
    {
      const CdDemoPerson *p = g_ptr_array_index (people, i);
      const CdCertificate *c = p->certificates->len ? g_ptr_array_index (p->certificates, 0) : NULL;
      CdCertStatus st = cd_certificate_status (c, NOW, 60);

      count[st]++;
      if (c != NULL)
        {
          gsize len = strlen (c->serial);

          /* Long upper-case hex serials, kept as text. */
          g_assert_cmpuint (len, >=, 32);
          g_assert_cmpuint (len % 2, ==, 0);
          for (const char *x = c->serial; *x; x++)
            g_assert_true (g_ascii_isxdigit (*x) && !g_ascii_islower (*x));
          g_assert_cmpuint (strlen (c->fingerprint), ==, 64);
          g_assert_cmpstr (c->subject_cn, ==, p->staff->full_name);
          g_assert_cmpstr (c->email, ==, p->staff->email);
          g_assert_nonnull (c->provider);
          if (c->revoked)
            g_assert_true (p->staff->left);
          /* expired lately, as a clerk sees it who renews in time: the
           * staff list once showed "quá hạn 374 ngày" */
          if (st == CD_CERT_STATUS_EXPIRED)
            g_assert_cmpint (NOW - c->not_after, <=, 120 * 86400);
        }
      if (p->device != NULL)
        {
          devices++;
          g_assert_nonnull (c);
          g_assert_false (c->revoked);
          g_assert_nonnull (p->device->token_serial);
        }
    }
  g_assert_cmpuint (count[CD_CERT_STATUS_VALID], >, 100);
  g_assert_cmpuint (count[CD_CERT_STATUS_EXPIRING], >, 10);
  g_assert_cmpuint (count[CD_CERT_STATUS_EXPIRED], >, 10);
  g_assert_cmpuint (count[CD_CERT_STATUS_REVOKED], >, 5);
  g_assert_cmpuint (count[CD_CERT_STATUS_NONE], >, 5);
  g_assert_cmpuint (devices, >, 100);
}

static void
test_deterministic (void)
{
  g_autoptr(GPtrArray) a = cd_demo_people (50, 3, NOW);
  g_autoptr(GPtrArray) b = cd_demo_people (50, 3, NOW);
  g_autoptr(GPtrArray) c = cd_demo_people (50, 4, NOW);
  guint same = 0;

  for (guint i = 0; i < 50; i++)
    {
      const CdDemoPerson *x = g_ptr_array_index (a, i), *y = g_ptr_array_index (b, i), *z = g_ptr_array_index (c, i);

      g_assert_cmpstr (x->staff->full_name, ==, y->staff->full_name);
      g_assert_cmpstr (x->staff->cccd, ==, y->staff->cccd);
      if (g_str_equal (x->staff->cccd, z->staff->cccd))
        same++;
    }
  g_assert_cmpuint (same, <, 50);
}

static void
test_unit (void)
{
  g_autoptr(CdUnit) u = cd_demo_unit ();

  g_assert_cmpstr (u->name, ==, "TRƯỜNG THCS LÊ LỢI");
  g_assert_cmpstr (u->head_title, ==, "HIỆU TRƯỞNG");
  g_assert_nonnull (u->place);
}

/* Every token of the sample register knows its certificate by the
 * explicit link (certificates.device_id), as a token read when plugged
 * in does: the Thiết bị view shows only that link, so a demo without it
 * showed every token blank. */
static void
test_devices_linked (void)
{
  g_autofree char *dir = cd_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "demo.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  CdStore *store = cd_store_open (path, &error);

  g_assert_no_error (error);
  g_assert_true (cd_demo_fill (store, 40, 7, NULL, &error));
  g_assert_no_error (error);
  entries = cd_store_list_device_entries (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, >, 10);
  for (guint i = 0; i < entries->len; i++)
    {
      CdDeviceEntry *e = g_ptr_array_index (entries, i);

      /* a token taken back has no holder any more, still its certificate */
      if (g_strcmp0 (e->device->status, "with_holder") == 0)
        g_assert_nonnull (e->holder_name);
      g_assert_nonnull (e->cert_serial);
    }
  g_object_unref (store);
  cd_test_rm_rf (dir);
}

/* The demo register (certdesk --demo, the screenshots) shows a plausible
 * "today" whatever day it is built: its recovery tasks due in a few
 * working days, at most a day or two late — it once opened 24 tasks up
 * to 248 working days late, every expired token still with its holder —,
 * certificates expiring within the threshold, and a token handed over a
 * few weeks ago. */
static void
test_plausible_today (void)
{
  g_autofree char *dir = cd_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "demo.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CdDeviceOverview) overview = NULL;
  g_autoptr(CdReminders) reminders = NULL;
  g_autoptr(GDateTime) now_dt = g_date_time_new_now_local ();
  g_autoptr(GDateTime) month_ago = g_date_time_add_days (now_dt, -35);
  g_autofree char *today = g_date_time_format (now_dt, "%Y-%m-%d");
  g_autofree char *since = g_date_time_format (month_ago, "%Y-%m-%d");
  gint64 now = g_date_time_to_unix (now_dt);
  guint ahead = 0, late = 0, recent_handovers = 0, recovered = 0, returned = 0;
  CdStore *store = cd_store_open (path, &error);

  g_assert_no_error (error);
  g_assert_true (cd_demo_fill (store, 152, 2026, NULL, &error));
  g_assert_no_error (error);

  /* what the Thiết bị view opens and shows on start */
  overview = cd_devices_overview (store, now, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (overview->tasks->len, >=, 2);
  g_assert_cmpuint (overview->tasks->len, <=, 6);
  for (guint i = 0; i < overview->tasks->len; i++)
    {
      const CdRecoveryTask *t = g_ptr_array_index (overview->tasks, i);

      g_assert_cmpint (t->days_overdue, <=, 3);
      if (t->days_overdue > 0)
        late++;
      else if (g_strcmp0 (t->due_date, today) > 0)
        ahead++;
    }
  g_assert_cmpuint (ahead, >=, 1);
  g_assert_cmpuint (late, <=, 2);
  g_assert_cmpuint (overview->n_overdue, ==, late);

  /* the tokens: most with their holder, handed over on a known day, one
   * of them lately; the expired ones of long ago taken back, the oldest
   * handed to their provider */
  for (guint i = 0; i < overview->devices->len; i++)
    {
      const CdDeviceEntry *e = g_ptr_array_index (overview->devices, i);
      g_autoptr(GPtrArray) history = cd_devices_history (store, e->device->id, 0, &error);

      g_assert_no_error (error);
      if (g_strcmp0 (e->device->status, "recovered") == 0)
        recovered++;
      else if (g_strcmp0 (e->device->status, "returned") == 0)
        returned++;
      for (guint j = 0; j < history->len; j++)
        {
          const CdHandoverEvent *ev = g_ptr_array_index (history, j);

          if (ev->date != NULL)
            g_assert_cmpstr (ev->date, <=, today);
          if (ev->kind == CD_HANDOVER_HAND_TO_HOLDER)
            {
              g_assert_nonnull (ev->date);
              if (g_strcmp0 (ev->date, since) >= 0)
                recent_handovers++;
            }
        }
    }
  g_assert_cmpuint (recent_handovers, >=, 1);
  g_assert_cmpuint (recovered + returned, >=, 5);
  g_assert_cmpuint (recovered, >=, 1);
  g_assert_cmpuint (returned, >=, 1);

  reminders = cd_reminders_compute (store, now, 60, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (reminders->n_expiring, >=, 5);
  g_assert_cmpuint (reminders->n_overdue, <=, 2);
  g_object_unref (store);
  cd_test_rm_rf (dir);
}

/* Hồ sơ is not empty in the demo: a list sent to the Sở awaiting its
 * reply, the letter's deadline ahead, and one the Sở has done, each with
 * its Word file in the demo's own private folder. */
static void
test_lists (void)
{
  g_autofree char *dir = cd_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "demo.db", NULL);
  g_autofree char *folder = g_build_filename (dir, "ho-so", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) lists = NULL;
  g_autoptr(GDateTime) now_dt = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now_dt, "%Y-%m-%d");
  guint sent = 0, done = 0;
  GStatBuf st;
  CdStore *store = cd_store_open (path, &error);

  g_assert_no_error (error);
  g_assert_true (cd_demo_fill (store, 152, 2026, folder, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (folder, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);

  lists = cd_batch_list (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (lists->len, ==, 2);
  for (guint i = 0; i < lists->len; i++)
    {
      const CdBatchInfo *b = g_ptr_array_index (lists, i);
      g_autofree char *dirname = NULL;

      g_assert_cmpuint (b->n_items, >=, 1);
      g_assert_nonnull (b->path);
      dirname = g_path_get_dirname (b->path);
      g_assert_cmpstr (dirname, ==, folder);
      g_assert_cmpint (g_stat (b->path, &st), ==, 0);
      g_assert_cmpint (st.st_mode & 0777, ==, 0600);
      g_assert_cmpstr (b->date, <=, today);
      g_assert_nonnull (b->sent_date);
      g_assert_cmpstr (b->sent_date, <=, today);
      if (b->status == CD_BATCH_SENT)
        {
          sent++;
          g_assert_cmpstr (b->kind, ==, "gia-han");
          g_assert_nonnull (b->deadline);
          g_assert_cmpstr (b->deadline, >, today);
          g_assert_nonnull (b->letter);
        }
      else
        {
          g_assert_cmpint (b->status, ==, CD_BATCH_DONE);
          done++;
          g_assert_cmpstr (b->done_date, <=, today);
        }
    }
  g_assert_cmpuint (sent, ==, 1);
  g_assert_cmpuint (done, ==, 1);
  g_object_unref (store);
  cd_test_rm_rf (dir);
}

int
main (int   argc,
      char *argv[])
{
  cd_test_init (&argc, &argv);

  g_test_add_func ("/core/demo/people/identities", test_identities);
  g_test_add_func ("/core/demo/people/statuses", test_statuses);
  g_test_add_func ("/core/demo/people/deterministic", test_deterministic);
  g_test_add_func ("/core/demo/unit", test_unit);
  g_test_add_func ("/core/demo/devices-linked", test_devices_linked);
  g_test_add_func ("/core/demo/plausible-today", test_plausible_today);
  g_test_add_func ("/core/demo/lists", test_lists);
  return g_test_run ();
}
