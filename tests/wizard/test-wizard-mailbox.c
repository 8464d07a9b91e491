/* test-wizard-mailbox.c — the mailbox list (hom-thu): the mailboxes it
 * proposes from the names at the unit's domain, never one the register
 * holds already
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdarg.h>
#include <string.h>
#include <glib.h>

#include "cd-doc-people.h"
#include "cd-docx-package.h"
#include "cd-store.h"
#include "cd-test-fixture.h"
#include "cd-test-util.h"
#include "cd-wizard-check.h"
#include "cd-wizard-draft.h"
#include "cd-wizard-generate.h"
#include "cd-wizard-mailbox.h"
#include "cd-wizard-preview.h"
#include "cd-wizard-suggest.h"

typedef struct {
  char    *tmp;
  CdStore *store;
  gint64   now;
  gint64   phuong, lan;
} Fixture;

static const char *const domains[] = { "haiphong.edu.vn", NULL };

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CdUnit) unit = cd_unit_new ();

  f->tmp = cd_test_tmpdir ();
  path = g_build_filename (f->tmp, "certdesk.db", NULL);
  f->store = cd_store_open (path, &error);
  g_assert_no_error (error);
  /* 2026-06-01 00:00 UTC */
  f->now = 1780272000;
  unit->name = g_strdup ("Trường THCS Lê Lợi");
  unit->email = g_strdup ("c2leloi@haiphong.edu.vn");
  g_assert_true (cd_store_save_unit (f->store, unit, &error));
  g_assert_no_error (error);
  /* no email at all, and a private one: both on the list */
  f->phuong = cd_test_add_staff (f->store, "Vũ Thị Phương", "1985-03-07", "031185000001", NULL);
  f->lan = cd_test_add_staff (f->store, "Mai Thị Lan", "1985-03-07", "031185000002", "lanmai85@gmail.com");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  cd_test_rm_rf (f->tmp);
  g_free (f->tmp);
}

/* The wizard's own list for hom-thu, as the people step suggests it. */
static CdWizardDraft *
suggested_draft (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = cd_wizard_suggest (f->store, "hom-thu", f->now, 60, domains, &error);
  CdWizardDraft *d = cd_wizard_draft_new ("hom-thu");

  g_assert_no_error (error);
  for (guint i = 0; i < items->len; i++)
    cd_wizard_draft_add (d, cd_wizard_item_copy (g_ptr_array_index (items, i)));
  cd_wizard_draft_set_text (&d->date, "2026-06-01");
  return d;
}

/* A staff member saved with every field the check needs but the email. */
static gint64
add_holder (Fixture    *f,
            const char *name,
            const char *email,
            gboolean    left)
{
  static guint n = 100;
  g_autofree char *cccd = g_strdup_printf ("031185%06u", ++n);
  g_autoptr(CdStaff) s = cd_test_staff_new (name, "1985-03-07", cccd, email);

  if (left)
    {
      s->left = TRUE;
      s->left_date = g_strdup ("2026-05-01");
      s->left_reason = g_strdup ("Nghỉ hưu");
    }
  return cd_test_save_staff (f->store, s);
}

/* A proposed mailbox is never one somebody in the register holds already
 * — a colleague with the same initials, someone who left — whatever its
 * case: the Sở cannot open it twice. The numbering goes on past them as
 * it does past the list's own proposals. */
static void
test_held_in_register (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdWizardDraft) d = suggested_draft (f);
  g_autoptr(CdDocContext) ctx = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  const char *fields[] = { "ho_ten", "email", NULL };

  g_assert_cmpuint (d->items->len, ==, 2);
  add_holder (f, "Văn Thị Phương", "PhuongVT@HaiPhong.edu.vn", FALSE);
  add_holder (f, "Mạc Thị Lan", "lanmt@haiphong.edu.vn", TRUE);
  add_holder (f, "Mẫn Thị Lan", "LanMT2@haiphong.edu.vn", FALSE);
  g_assert_true (cd_store_email_in_use (f->store, "phuongvt@haiphong.edu.vn"));
  g_assert_true (cd_store_email_in_use (f->store, "LANMT@haiphong.edu.vn"));
  g_assert_false (cd_store_email_in_use (f->store, "phuongvt2@haiphong.edu.vn"));
  g_assert_false (cd_store_email_in_use (f->store, ""));

  ctx = cd_wizard_draft_context (d, f->store, f->now, 60, &error);
  g_assert_no_error (error);
  rows = cd_wizard_preview_rows (ctx, fields);
  g_assert_cmpuint (rows->len, ==, 2);
  for (guint i = 0; i < rows->len; i++)
    {
      char **row = rows->pdata[i];

      g_test_message ("%s: %s", row[0], row[1]);
      g_assert_cmpstr (row[1], ==, g_str_equal (row[0], "Mai Thị Lan") ? "lanmt3@haiphong.edu.vn"
                                                                       : "phuongvt2@haiphong.edu.vn");
    }
}

static guint
count_mailbox_gaps (GPtrArray *gaps,
                    gint64     staff_id)
{
  guint n = 0;

  for (guint i = 0; i < gaps->len; i++)
    {
      CdWizardGap *g = g_ptr_array_index (gaps, i);

      if (g->staff_id == staff_id && g_strcmp0 (g->field, "mailbox") == 0)
        {
          /* must be put right (or gone on with on purpose): the column
           * is why the list is sent; said in the clerk's language, with
           * where to put it right */
          g_assert_true (g->error);
          g_assert_null (g->value);
          g_assert_nonnull (strstr (g->message, "Thông tin đơn vị"));
          n++;
        }
    }
  return n;
}

/* Without the unit's email no mailbox can be proposed: the gaps step
 * says so for each listed person (not for one whose mailbox is typed
 * already), and no more once the unit's email is entered. */
static void
test_unit_without_email (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdWizardDraft) d = suggested_draft (f);
  g_autoptr(CdUnit) unit = cd_store_get_unit (f->store);
  g_autoptr(GPtrArray) gaps = NULL;
  g_autoptr(CdDocContext) ctx = NULL;
  const char *fields[] = { "ho_ten", "email", NULL };
  const char *no_email[] = { "ho_ten", NULL };

  g_clear_pointer (&unit->email, g_free);
  g_assert_true (cd_store_save_unit (f->store, unit, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (d->items->len, ==, 2);

  gaps = cd_wizard_draft_check (d, f->store, fields, domains, "2026-06-01", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_mailbox_gaps (gaps, f->phuong), ==, 1);
  g_assert_cmpuint (count_mailbox_gaps (gaps, f->lan), ==, 1);
  /* what the preview would print: nothing proposed */
  ctx = cd_wizard_draft_context (d, f->store, f->now, 60, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cd_doc_context_propose_mailboxes (ctx, f->store), ==, 0);
  g_clear_pointer (&gaps, g_ptr_array_unref);

  /* a form without the column asks for nothing */
  gaps = cd_wizard_draft_check (d, f->store, no_email, domains, "2026-06-01", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (gaps->len, ==, 0);
  g_clear_pointer (&gaps, g_ptr_array_unref);

  /* a mailbox typed for one person: only the other is a gap */
  for (guint i = 0; i < d->items->len; i++)
    {
      CdWizardItem *item = g_ptr_array_index (d->items, i);

      if (item->staff_id == f->lan)
        cd_wizard_draft_set_text (&item->change_note, "lanmt@haiphong.edu.vn");
    }
  gaps = cd_wizard_draft_check (d, f->store, fields, domains, "2026-06-01", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_mailbox_gaps (gaps, f->phuong), ==, 1);
  g_assert_cmpuint (count_mailbox_gaps (gaps, f->lan), ==, 0);
  g_clear_pointer (&gaps, g_ptr_array_unref);

  /* the unit's email entered: nothing to say */
  unit->email = g_strdup ("c2leloi@haiphong.edu.vn");
  g_assert_true (cd_store_save_unit (f->store, unit, &error));
  g_assert_no_error (error);
  gaps = cd_wizard_draft_check (d, f->store, fields, domains, "2026-06-01", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (gaps->len, ==, 0);
}

/* Without the unit's email nothing is proposed, and the column — the
 * official mailbox asked for — stays empty for the clerk to fill: the
 * preview as the document, never the private gmail that put Mai Thị
 * Lan on the list. */
static void
test_unit_without_email_column (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdWizardDraft) d = suggested_draft (f);
  g_autoptr(CdUnit) unit = cd_store_get_unit (f->store);
  g_autoptr(CdDocContext) ctx = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(CdDocxPackage) pkg = NULL;
  g_autofree char *out = g_build_filename (f->tmp, "hom-thu.docx", NULL);
  g_autofree char *xml = NULL;
  g_autofree char *xlsx = NULL;
  const char *fields[] = { "ho_ten", "email", NULL };

  g_clear_pointer (&unit->email, g_free);
  g_assert_true (cd_store_save_unit (f->store, unit, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (d->items->len, ==, 2);

  ctx = cd_wizard_draft_context (d, f->store, f->now, 60, &error);
  g_assert_no_error (error);
  rows = cd_wizard_preview_rows (ctx, fields);
  g_assert_cmpuint (rows->len, ==, 2);
  for (guint i = 0; i < rows->len; i++)
    {
      char **row = rows->pdata[i];

      g_test_message ("%s: “%s”", row[0], row[1]);
      g_assert_cmpstr (row[1], ==, "");
    }
  g_assert_true (cd_wizard_draft_generate (d, f->store, out, FALSE, f->now, 60, &xlsx, &error));
  g_assert_no_error (error);
  pkg = cd_docx_package_load (out, &error);
  g_assert_no_error (error);
  xml = cd_docx_package_get_part_text (pkg, "word/document.xml");
  g_assert_nonnull (strstr (xml, "Mai Thị Lan"));
  g_assert_null (strstr (xml, "lanmai85@gmail.com"));
  g_assert_null (strstr (xml, "@"));
}

static CdWizardItem *
row_of (CdWizardDraft *d,
        gint64         staff_id)
{
  CdWizardItem *item = cd_wizard_draft_find (d, staff_id);

  g_assert_nonnull (item);
  return item;
}

/* The message a mailbox typed for @staff_id gets, which must contain
 * each of @words (NULL-terminated). */
static void
assert_refused (Fixture       *f,
                CdWizardDraft *d,
                gint64         staff_id,
                const char    *typed,
                ...)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *address = cd_wizard_mailbox_check (d, f->store, staff_id, typed, domains, &error);
  va_list ap;

  g_assert_null (address);
  g_assert_error (error, CD_WIZARD_ERROR, CD_WIZARD_ERROR_FAILED);
  g_test_message ("%s: %s", typed, error->message);
  va_start (ap, typed);
  for (const char *w = va_arg (ap, const char *); w != NULL; w = va_arg (ap, const char *))
    g_assert_nonnull (strstr (error->message, w));
  va_end (ap);
}

/* A mailbox the clerk types for a person is refused, with whose it is,
 * when somebody in the register holds it (working or left, any case)
 * or another row of the list asks for it; an address at no official
 * domain or no address at all is refused too. What passes comes back
 * clean, lower-cased. */
static void
test_typed_mailbox (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdWizardDraft) d = suggested_draft (f);
  g_autofree char *ok = NULL;

  add_holder (f, "Văn Thị Phương", "PhuongVT@HaiPhong.edu.vn", FALSE);
  add_holder (f, "Mạc Thị Lan", "lanmt@haiphong.edu.vn", TRUE);

  assert_refused (f, d, f->lan, "  phuongvt@haiphong.EDU.vn ", "phuongvt@haiphong.edu.vn",
                  "đã là hòm thư của Văn Thị Phương", "Chọn địa chỉ khác", NULL);
  assert_refused (f, d, f->lan, "LanMT@haiphong.edu.vn", "Mạc Thị Lan", "đã nghỉ", NULL);
  assert_refused (f, d, f->lan, "lanmai85@gmail.com", "lanmai85@gmail.com", "công vụ", NULL);
  assert_refused (f, d, f->lan, "lan mt@haiphong.edu.vn", "không hợp lệ", NULL);
  assert_refused (f, d, f->lan, "", "Hãy gõ hòm thư", NULL);

  ok = cd_wizard_mailbox_check (d, f->store, f->lan, " LanMai@HaiPhong.edu.vn", domains, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ok, ==, "lanmai@haiphong.edu.vn");
  cd_wizard_draft_set_text (&row_of (d, f->lan)->change_note, ok);
  /* the same again for her is no clash with herself */
  g_clear_pointer (&ok, g_free);
  ok = cd_wizard_mailbox_check (d, f->store, f->lan, "lanmai@haiphong.edu.vn", domains, &error);
  g_assert_no_error (error);
  /* ... but it is for the other row */
  assert_refused (f, d, f->phuong, "LANMAI@haiphong.edu.vn", "Mai Thị Lan", "trong danh sách này", NULL);
}

static const CdWizardGap *
mailbox_gap (GPtrArray *gaps,
             gint64     staff_id)
{
  for (guint i = 0; i < gaps->len; i++)
    {
      const CdWizardGap *g = g_ptr_array_index (gaps, i);

      if (g->staff_id == staff_id && g_strcmp0 (g->field, "mailbox") == 0)
        return g;
    }
  return NULL;
}

/* A mailbox kept in a draft (typed before, or saved) that has become
 * somebody's in the register, or that two rows ask for, is an error gap
 * with the address and whose it is — on the later of the two rows —,
 * for the clerk to type another. */
static void
test_typed_mailbox_gap (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdWizardDraft) d = suggested_draft (f);
  g_autoptr(GPtrArray) gaps = NULL;
  const CdWizardGap *g;
  const char *fields[] = { "ho_ten", "email", NULL };
  gboolean lan_first = ((CdWizardItem *) g_ptr_array_index (d->items, 0))->staff_id == f->lan;

  cd_wizard_draft_set_text (&row_of (d, f->lan)->change_note, "lanmt@haiphong.edu.vn");
  cd_wizard_draft_set_text (&row_of (d, f->phuong)->change_note, "phuongvt@haiphong.edu.vn");
  gaps = cd_wizard_draft_check (d, f->store, fields, domains, "2026-06-01", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (gaps->len, ==, 0);
  g_clear_pointer (&gaps, g_ptr_array_unref);

  add_holder (f, "Văn Thị Phương", "PhuongVT@HaiPhong.edu.vn", FALSE);
  gaps = cd_wizard_draft_check (d, f->store, fields, domains, "2026-06-01", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (gaps->len, ==, 1);
  g = mailbox_gap (gaps, f->phuong);
  g_assert_nonnull (g);
  g_assert_true (g->error);
  g_assert_cmpstr (g->value, ==, "phuongvt@haiphong.edu.vn");
  g_assert_nonnull (strstr (g->message, "Văn Thị Phương"));
  g_clear_pointer (&gaps, g_ptr_array_unref);

  /* both rows asking for one address: said once, on the later row */
  cd_wizard_draft_set_text (&row_of (d, f->phuong)->change_note, "LanMT@haiphong.edu.vn");
  gaps = cd_wizard_draft_check (d, f->store, fields, domains, "2026-06-01", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (gaps->len, ==, 1);
  g = mailbox_gap (gaps, lan_first ? f->phuong : f->lan);
  g_assert_nonnull (g);
  g_assert_nonnull (strstr (g->message, lan_first ? "Mai Thị Lan" : "Vũ Thị Phương"));
}

/* The gaps step lets the clerk go on past an error on purpose, but not
 * past one the list is refused with when it is written: a mailbox kept
 * in a saved draft that somebody in the register has taken since blocks
 * (whatever the template prints), an empty mailbox with no unit's email
 * to propose one from does not (the list is written with it). Another
 * mailbox, accepted as the clerk types it, lifts the block. */
static void
test_kept_mailbox_blocks (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdWizardDraft) d = suggested_draft (f);
  g_autoptr(CdUnit) unit = cd_store_get_unit (f->store);
  g_autoptr(GPtrArray) gaps = NULL;
  g_autofree char *other = NULL;
  const CdWizardGap *g;
  const char *fields[] = { "ho_ten", "email", NULL };
  const char *no_email[] = { "ho_ten", NULL };

  /* no unit's email: Phương's row has nothing to propose, an error the
   * clerk may go on with; Lan's mailbox was typed and saved */
  g_clear_pointer (&unit->email, g_free);
  g_assert_true (cd_store_save_unit (f->store, unit, &error));
  g_assert_no_error (error);
  cd_wizard_draft_set_text (&row_of (d, f->lan)->change_note, "lan.mai@haiphong.edu.vn");
  gaps = cd_wizard_draft_check (d, f->store, fields, domains, "2026-06-01", &error);
  g_assert_no_error (error);
  g = mailbox_gap (gaps, f->phuong);
  g_assert_nonnull (g);
  g_assert_true (g->error);
  g_assert_false (g->blocks);
  g_assert_null (mailbox_gap (gaps, f->lan));
  g_assert_cmpuint (cd_wizard_gaps_n_blocking (gaps), ==, 0);
  g_assert_true (cd_wizard_mailbox_check_list (d, f->store, domains, &error));
  g_assert_no_error (error);
  g_clear_pointer (&gaps, g_ptr_array_unref);

  /* somebody holds Lan's since the draft was saved: the list would be
   * refused, so the gap blocks */
  add_holder (f, "Mạc Thị Lan", "Lan.Mai@haiphong.edu.vn", FALSE);
  g_assert_false (cd_wizard_mailbox_check_list (d, f->store, domains, &error));
  g_assert_error (error, CD_WIZARD_ERROR, CD_WIZARD_ERROR_FAILED);
  g_clear_error (&error);
  gaps = cd_wizard_draft_check (d, f->store, fields, domains, "2026-06-01", &error);
  g_assert_no_error (error);
  g = mailbox_gap (gaps, f->lan);
  g_assert_nonnull (g);
  g_assert_true (g->error);
  g_assert_true (g->blocks);
  g_assert_nonnull (strstr (g->message, "Mạc Thị Lan"));
  g_assert_false (mailbox_gap (gaps, f->phuong)->blocks);
  g_assert_cmpuint (cd_wizard_gaps_n_blocking (gaps), ==, 1);
  g_clear_pointer (&gaps, g_ptr_array_unref);

  /* a form without the column blocks it as well: it is refused all the
   * same when written */
  gaps = cd_wizard_draft_check (d, f->store, no_email, domains, "2026-06-01", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (gaps->len, ==, 1);
  g_assert_true (mailbox_gap (gaps, f->lan)->blocks);
  g_assert_cmpuint (cd_wizard_gaps_n_blocking (gaps), ==, 1);
  g_clear_pointer (&gaps, g_ptr_array_unref);

  /* another mailbox, accepted as typed: nothing blocks, and the list is
   * written */
  other = cd_wizard_mailbox_check (d, f->store, f->lan, "Lan.Mai85@haiphong.edu.vn", domains, &error);
  g_assert_no_error (error);
  cd_wizard_draft_set_text (&row_of (d, f->lan)->change_note, other);
  gaps = cd_wizard_draft_check (d, f->store, fields, domains, "2026-06-01", &error);
  g_assert_no_error (error);
  g_assert_null (mailbox_gap (gaps, f->lan));
  g_assert_cmpuint (cd_wizard_gaps_n_blocking (gaps), ==, 0);
  g_assert_true (cd_wizard_mailbox_check_list (d, f->store, domains, &error));
  g_assert_no_error (error);
}

static const CdWizardMailbox *
listed (GPtrArray *list,
        gint64     staff_id)
{
  for (guint i = 0; i < list->len; i++)
    if (((CdWizardMailbox *) g_ptr_array_index (list, i))->staff_id == staff_id)
      return g_ptr_array_index (list, i);
  return NULL;
}

/* The mailboxes the window offers to change: each row's proposal from
 * the name, or the one the clerk kept; not a kept one the Sở cannot
 * open (the gaps step's to type). */
static void
test_mailbox_list (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdWizardDraft) d = suggested_draft (f);
  g_autoptr(GPtrArray) list = cd_wizard_mailbox_list (d, f->store, domains, &error);
  const CdWizardMailbox *m;

  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 2);
  m = listed (list, f->lan);
  g_assert_nonnull (m);
  g_assert_cmpstr (m->full_name, ==, "Mai Thị Lan");
  g_assert_cmpstr (m->address, ==, "lanmt@haiphong.edu.vn");
  g_assert_false (m->kept);
  g_clear_pointer (&list, g_ptr_array_unref);

  cd_wizard_draft_set_text (&row_of (d, f->lan)->change_note, "lan.mai@haiphong.edu.vn");
  list = cd_wizard_mailbox_list (d, f->store, domains, &error);
  g_assert_no_error (error);
  m = listed (list, f->lan);
  g_assert_cmpstr (m->address, ==, "lan.mai@haiphong.edu.vn");
  g_assert_true (m->kept);
  g_clear_pointer (&list, g_ptr_array_unref);

  add_holder (f, "Mạc Thị Lan", "Lan.Mai@haiphong.edu.vn", FALSE);
  list = cd_wizard_mailbox_list (d, f->store, domains, &error);
  g_assert_no_error (error);
  g_assert_null (listed (list, f->lan));
  g_assert_nonnull (listed (list, f->phuong));
  g_clear_pointer (&list, g_ptr_array_unref);

  /* and the list is not written with it */
  g_assert_false (cd_wizard_mailbox_check_list (d, f->store, domains, &error));
  g_assert_error (error, CD_WIZARD_ERROR, CD_WIZARD_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "Mai Thị Lan"));
  g_assert_nonnull (strstr (error->message, "Mạc Thị Lan"));
}

int
main (int argc, char **argv)
{
  cd_test_init (&argc, &argv);

#define ADD(path, fn) g_test_add ("/core/wizard/hom-thu/" path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("mailbox-held-in-register", test_held_in_register);
  ADD ("unit-without-email", test_unit_without_email);
  ADD ("unit-without-email-column", test_unit_without_email_column);
  ADD ("typed-mailbox", test_typed_mailbox);
  ADD ("typed-mailbox-gap", test_typed_mailbox_gap);
  ADD ("kept-mailbox-blocks", test_kept_mailbox_blocks);
  ADD ("mailbox-list", test_mailbox_list);
#undef ADD
  return g_test_run ();
}
