/* test-wizard-people-many.c — the request wizard's people step with a whole
 * register suggested (issue 19: a Sở's register of 30,000 people)
 *
 * "Cấp mới" on a register whose people have no certificate suggests all
 * of them. The step looked each suggestion up by a pass over the people
 * offered and over the draft, and made a row of widgets for every one:
 * 5,000 people froze the window for 45 s, 30,000 for minutes. It must
 * offer and choose them all, show a bounded number of rows (the search
 * finds the others) and select or clear all of them at once. Needs a
 * display (the suite runs under Xvfb); skipped without one.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "cd-gui-test-util.h"
#include "cd-application.h"
#include "cd-test-fixture.h"
#include "cd-wizard-suggest.h"
#include "cd-wizard-people-page.h"
#include "cd-wizard-window.h"

#define N_STAFF 3000

static GtkWidget *
child_of (GtkWidget  *page,
          const char *name)
{
  GtkWidget *w = GTK_WIDGET (gtk_widget_get_template_child (page, CD_TYPE_WIZARD_PEOPLE_PAGE, name));

  g_assert_nonnull (w);
  return w;
}

/* The list's rows (not its placeholder). */
static guint
n_rows (GtkWidget *w)
{
  guint n = 0;

  for (GtkWidget *c = gtk_widget_get_first_child (w); c != NULL; c = gtk_widget_get_next_sibling (c))
    n += GTK_IS_LIST_BOX_ROW (c);
  return n;
}

/* "Đã chọn 12/3000" (any language): the two numbers. */
static void
selected (GtkWidget *page,
          guint     *chosen,
          guint     *offered)
{
  const char *text = gtk_label_get_label (GTK_LABEL (child_of (page, "count_label")));
  const char *p = text;

  while (*p != '\0' && !g_ascii_isdigit (*p))
    p++;
  if (sscanf (p, "%u/%u", chosen, offered) != 2)
    g_error ("no count in “%s”", text);
}

/* Runs the main loop until @done says so; fails after a minute, which a
 * working step takes well under a second to need. */
static void
wait_for (gboolean  (*done) (GtkWidget *page),
          GtkWidget  *page,
          const char *what)
{
  gint64 until = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  while (!done (page))
    {
      if (g_get_monotonic_time () > until)
        g_error ("still waiting for %s after a minute", what);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

static gboolean
suggestions_in (GtkWidget *page)
{
  return gtk_widget_get_first_child (child_of (page, "searching_box")) == NULL;
}

/* Opens the @kind wizard on @store, presses Tiếp and waits for the
 * people step's suggestions; returns that page, the window in
 * @out_window and its Tiếp button in @out_next (either may be NULL). */
static GtkWidget *
open_people_step (CdStore     *store,
                  const char  *kind,
                  GtkWidget  **out_window,
                  GtkWidget  **out_next)
{
  GtkWidget *window, *next, *page;

  window = GTK_WIDGET (cd_wizard_window_new (NULL, store, NULL, kind, NULL));
  gtk_window_present (GTK_WINDOW (window));
  next = GTK_WIDGET (gtk_widget_get_template_child (window, CD_TYPE_WIZARD_WINDOW, "next_button"));
  g_signal_emit_by_name (next, "clicked");
  page = cd_gui_test_find_type (window, CD_TYPE_WIZARD_PEOPLE_PAGE);
  g_assert_nonnull (page);
  wait_for (suggestions_in, page, "the suggestions");
  if (out_window != NULL)
    *out_window = window;
  if (out_next != NULL)
    *out_next = next;
  return page;
}

static gboolean
search_applied (GtkWidget *page)
{
  return !gtk_widget_get_visible (child_of (page, "more_label"));
}

static void
test_whole_register_suggested (void)
{
  g_autoptr(CdApplication) app = NULL;   /* registers the UI resources */
  g_autoptr(CdTestRegister) reg = NULL;
  g_autoptr(CdStaff) last = NULL;
  g_autoptr(GPtrArray) suggested = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *window, *next, *page, *list;
  guint chosen = 0, offered = 0;
  gboolean found = FALSE;

  if (!gtk_init_check ())
    {
      g_test_skip ("no display");
      return;
    }
  app = cd_application_new ();
  reg = cd_test_register_new (N_STAFF, CD_TEST_REGISTER_STAFF);
  page = open_people_step (reg->store, "cap-moi", &window, &next);

  /* everyone the rules suggest offered and chosen… */
  suggested = cd_wizard_suggest (reg->store, "cap-moi", g_get_real_time () / G_USEC_PER_SEC, 60, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (suggested->len, >, N_STAFF / 2);
  selected (page, &chosen, &offered);
  g_assert_cmpuint (offered, ==, suggested->len);
  g_assert_cmpuint (chosen, ==, suggested->len);
  g_assert_true (gtk_widget_is_sensitive (next));
  /* …in a bounded number of rows, the rest said */
  list = child_of (page, "people_list");
  g_assert_cmpuint (n_rows (list), >, 0);
  g_assert_cmpuint (n_rows (list), <=, 100);
  g_assert_true (gtk_widget_get_visible (child_of (page, "more_label")));

  /* all of them off the list and back in one go */
  g_assert_true (gtk_widget_activate_action (page, "people.clear-all", NULL));
  selected (page, &chosen, &offered);
  g_assert_cmpuint (chosen, ==, 0);
  g_assert_cmpuint (offered, ==, suggested->len);
  g_assert_false (gtk_widget_is_sensitive (next));
  g_assert_true (gtk_widget_activate_action (page, "people.select-all", NULL));
  selected (page, &chosen, &offered);
  g_assert_cmpuint (chosen, ==, suggested->len);

  /* the search finds the last one, far past the rows shown */
  last = cd_store_get_staff (reg->store,
                             ((CdWizardItem *) g_ptr_array_index (suggested, suggested->len - 1))->staff_id, NULL);
  g_assert_nonnull (last);
  gtk_editable_set_text (GTK_EDITABLE (child_of (page, "search_entry")), last->full_name);
  g_signal_emit_by_name (child_of (page, "search_entry"), "search-changed");
  wait_for (search_applied, page, "the search");
  for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL; row = gtk_widget_get_next_sibling (row))
    found |= ADW_IS_PREFERENCES_ROW (row)
             && g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), last->full_name) == 0;
  g_assert_true (found);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* The subtitle of the row titled @name whose subtitle holds @needle. */
static gboolean
row_says (GtkWidget  *list,
          const char *name,
          const char *needle)
{
  for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL; row = gtk_widget_get_next_sibling (row))
    if (ADW_IS_ACTION_ROW (row)
        && g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), name) == 0
        && strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), needle) != NULL)
      return TRUE;
  return FALSE;
}

static gboolean
two_hits (GtkWidget *page)
{
  return n_rows (child_of (page, "search_list")) == 2;
}

/* Two teachers of one name, neither with a certificate: the rows said
 * "Chưa có chứng thư số" twice under the same name. Each row now says
 * the person's birth date, in the suggestions and in the search. */
static void
test_same_name_told_apart (void)
{
  g_autoptr(CdApplication) app = NULL;
  g_autoptr(CdTestRegister) reg = NULL;
  GtkWidget *window, *page, *list, *hits;
  const char *name = "Nguyễn Thị Hoa";

  if (!gtk_init_check ())
    {
      g_test_skip ("no display");
      return;
    }
  app = cd_application_new ();
  reg = cd_test_register_new (0, CD_TEST_REGISTER_STAFF);
  cd_test_add_staff (reg->store, name, "1985-03-12", "001185000111", "hoant@example.edu.vn");
  cd_test_add_staff (reg->store, name, "1990-11-02", "001190000222", "hoant2@example.edu.vn");
  page = open_people_step (reg->store, "cap-moi", &window, NULL);

  list = child_of (page, "people_list");
  g_assert_cmpuint (n_rows (list), ==, 2);
  g_assert_true (row_says (list, name, "12/03/1985"));
  g_assert_true (row_says (list, name, "02/11/1990"));

  gtk_window_destroy (GTK_WINDOW (window));

  /* a renewal suggests neither (no certificate to renew): the search
   * finds both, told apart the same way */
  page = open_people_step (reg->store, "gia-han", &window, NULL);
  gtk_editable_set_text (GTK_EDITABLE (child_of (page, "search_entry")), "hoa");
  g_signal_emit_by_name (child_of (page, "search_entry"), "search-changed");
  wait_for (two_hits, page, "the search's two people");
  hits = child_of (page, "search_list");
  g_assert_true (row_says (hits, name, "12/03/1985"));
  g_assert_true (row_says (hits, name, "02/11/1990"));

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/gui/wizard-people-many/whole-register-suggested", test_whole_register_suggested);
  g_test_add_func ("/gui/wizard-people-many/same-name-told-apart", test_same_name_told_apart);
  return g_test_run ();
}
