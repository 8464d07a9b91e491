/* test-layout.c — what the clerk must read is on screen, whole (s14)
 *
 * - The Thiết bị view at the window's default 1100×720, on a register
 *   holding a 32-character serial held by someone with a long name: the
 *   serial, holder and status headers and cells lie inside the list's
 *   visible part and none of those cells is cut short; the history's
 *   title is not cut either. The status column used to be the eighth,
 *   past the list's 760 px; the holder column was as wide as its header.
 * - At 1280×800 (a clerk's laptop) every column header of the device
 *   table lies inside the table's visible part, beside the chosen
 *   device's pane: the last three were past it, scrolled to sideways.
 * - At 1100×720 with four devices due for recovery above the table, the
 *   chosen device's history shows its first event without scrolling; it
 *   started below the pane's buttons, under the window's bottom edge.
 * - The window, in Vietnamese, shrinks below 949 px (the staff view's
 *   five chips in one row, the device view's three unit-wide buttons in
 *   one row, a device's in its pane), and at
 *   its minimum width, with the view switcher moved to the bottom bar,
 *   still fits a 600 px screen's height.
 * - At the default width the staff view's five filter chips sit side by
 *   side at the start of their row; the flow box once spread them over
 *   the whole width with 40 px gaps.
 * - The receive dialog's entries keep a usable width beside the long
 *   "Các số sê-ri (cách nhau bằng dấu cách hoặc dấu phẩy)".
 *
 * Measured on the real widgets under Xvfb, after the frame that shows
 * them is painted; skipped without a display.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "cd-gui-test-util.h"
#include "cd-application.h"
#include "cd-cell-text.h"
#include "cd-device-event-dialog.h"
#include "cd-device-kind.h"
#include "cd-device-tasks.h"
#include "cd-device-view.h"
#include "cd-i18n.h"
#include "cd-test-fixture.h"
#include "cd-test-util.h"
#include "cd-window.h"

#define LONG_SERIAL "5404FFFEB7033FB316FB6C5F2F95E4C1"
#define LONG_NAME   "Nguyễn Thị Phương Thảo Quỳnh"
#define HELD        "Đang giao cho cán bộ"
#define MIN_WIDTH_BOUND 700
#define SCREEN_HEIGHT   600
#define ENTRY_MIN_WIDTH 250
#define CHIP_GAP_MAX    16

static gboolean
display_or_skip (void)
{
  if (!gtk_init_check ())
    {
      g_test_skip ("no display");
      return FALSE;
    }
  return TRUE;
}

static void
collect_cells (GtkWidget *root,
               GPtrArray *cells)
{
  if (CD_IS_CELL_TEXT (root))
    g_ptr_array_add (cells, root);
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    collect_cells (c, cells);
}

/* Whether @widget lies within @scrolled's width, as the clerk sees it. */
static gboolean
inside (GtkWidget  *widget,
        GtkWidget  *scrolled,
        const char *what)
{
  graphene_rect_t r;

  g_assert_true (gtk_widget_compute_bounds (widget, scrolled, &r));
  g_test_message ("%s: x %.0f–%.0f of %d", what, r.origin.x, r.origin.x + r.size.width,
                  gtk_widget_get_width (scrolled));
  return r.origin.x >= 0 && r.origin.x + r.size.width <= gtk_widget_get_width (scrolled);
}

/* ---- The Thiết bị view at 1100×720 ----------------------------------- */

typedef struct _Devices Devices;
struct _Devices {
  CdApplication *app;
  GtkWidget     *window;
  CdDeviceView  *view;
  GdkFrameClock *clock;
  gboolean       selected;
  gboolean       checked;
  guint          n_tasks;   /* due: wait until they are shown */
  char          *serial;    /* the device chosen */
  void         (*check) (Devices *d);
};

static GtkWidget *
cell_with (GPtrArray  *cells,
           const char *text)
{
  for (guint i = 0; i < cells->len; i++)
    if (g_strcmp0 (cd_cell_text_get_text (g_ptr_array_index (cells, i)), text) == 0
        && gtk_widget_get_width (g_ptr_array_index (cells, i)) > 0
        && cd_cell_text_is_drawn (g_ptr_array_index (cells, i)))
      return g_ptr_array_index (cells, i);
  return NULL;
}

static void
check_devices (Devices *d)
{
  GtkWidget *column_view = cd_gui_test_find_type (GTK_WIDGET (d->view), GTK_TYPE_COLUMN_VIEW);
  GtkWidget *scrolled = gtk_widget_get_ancestor (column_view, GTK_TYPE_SCROLLED_WINDOW);
  GtkWidget *title = cd_gui_test_find_label (GTK_WIDGET (d->view), "Lịch sử thiết bị");
  g_autoptr(GPtrArray) cells = g_ptr_array_new ();
  const char *headers[] = { "Số hiệu", "Người được cấp", "Trạng thái" };
  const char *texts[] = { LONG_SERIAL, LONG_NAME, HELD };

  g_test_message ("window %d × %d", gtk_widget_get_width (d->window), gtk_widget_get_height (d->window));
  for (guint i = 0; i < G_N_ELEMENTS (headers); i++)
    {
      GtkWidget *header = cd_gui_test_find_label (column_view, headers[i]);

      g_assert_nonnull (header);
      g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (header)), ==, headers[i]);
      g_assert_true (inside (header, scrolled, headers[i]));
    }
  collect_cells (column_view, cells);
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      GtkWidget *cell = cell_with (cells, texts[i]);
      g_autoptr(PangoLayout) layout = NULL;
      int text_width;

      g_assert_nonnull (cell);
      layout = gtk_widget_create_pango_layout (cell, texts[i]);
      pango_layout_get_pixel_size (layout, &text_width, NULL);
      g_test_message ("%s: %d px in a cell of %d", texts[i], text_width, gtk_widget_get_width (cell));
      g_assert_true (inside (cell, scrolled, texts[i]));
      /* whole, not cut with "…" */
      g_assert_cmpint (text_width, <=, gtk_widget_get_width (cell));
    }
  g_assert_nonnull (title);
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (title)), LONG_SERIAL));
  g_assert_false (pango_layout_is_ellipsized (gtk_label_get_layout (GTK_LABEL (title))));
}

/* Whether a revealer at or below @w is still opening or closing. */
static gboolean
revealing (GtkWidget *w)
{
  if (GTK_IS_REVEALER (w)
      && gtk_revealer_get_reveal_child (GTK_REVEALER (w)) != gtk_revealer_get_child_revealed (GTK_REVEALER (w)))
    return TRUE;
  for (GtkWidget *c = gtk_widget_get_first_child (w); c != NULL; c = gtk_widget_get_next_sibling (c))
    if (revealing (c))
      return TRUE;
  return FALSE;
}

/* After every painted frame: once the long serial's row is drawn, select
 * it; once its history is shown (and the tasks above, if any, are in
 * full), measure. */
static void
after_paint_cb (GdkFrameClock *clock,
                Devices       *d)
{
  GtkWidget *title;
  g_autoptr(GPtrArray) cells = g_ptr_array_new ();

  if (d->checked)
    return;
  if (d->view == NULL)
    d->view = CD_DEVICE_VIEW (cd_gui_test_find_type (d->window, CD_TYPE_DEVICE_VIEW));
  if (d->view == NULL || !gtk_widget_get_mapped (GTK_WIDGET (d->view)))
    return;
  collect_cells (GTK_WIDGET (d->view), cells);
  if (cell_with (cells, d->serial) == NULL)
    return;
  if (!d->selected)
    {
      d->selected = cd_device_view_select_serial (d->view, d->serial);
      return;
    }
  title = cd_gui_test_find_label (GTK_WIDGET (d->view), "Lịch sử thiết bị");
  if (title == NULL || strstr (gtk_label_get_label (GTK_LABEL (title)), d->serial) == NULL
      || gtk_widget_get_width (title) <= 0 || cell_with (cells, HELD) == NULL)
    return;
  /* The first revealer holds the tasks. */
  if ((d->n_tasks > 0 && !gtk_revealer_get_child_revealed (GTK_REVEALER (
         cd_gui_test_find_type (GTK_WIDGET (d->view), GTK_TYPE_REVEALER))))
      || revealing (GTK_WIDGET (d->view)))
    return;
  d->checked = TRUE;
  d->check (d);
  g_application_quit (G_APPLICATION (d->app));
}

static void
map_cb (GtkWidget *window,
        Devices   *d)
{
  GtkWidget *stack;

  if (d->clock != NULL)
    return;
  d->clock = gtk_widget_get_frame_clock (window);
  g_signal_connect (d->clock, "after-paint", G_CALLBACK (after_paint_cb), d);
  stack = cd_gui_test_find_type (window, ADW_TYPE_VIEW_STACK);
  g_assert_nonnull (stack);
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (stack), "devices");
}

static void
window_added_cb (GtkApplication *app,
                 GtkWindow      *window,
                 Devices        *d)
{
  if (!CD_IS_WINDOW (window) || d->window != NULL)
    return;
  d->window = GTK_WIDGET (window);
  g_signal_connect (window, "map", G_CALLBACK (map_cb), d);
}

/* Every column header of the table within its visible width. */
static void
check_all_headers (Devices *d)
{
  GtkWidget *column_view = cd_gui_test_find_type (GTK_WIDGET (d->view), GTK_TYPE_COLUMN_VIEW);
  GtkWidget *scrolled = gtk_widget_get_ancestor (column_view, GTK_TYPE_SCROLLED_WINDOW);
  GListModel *columns = gtk_column_view_get_columns (GTK_COLUMN_VIEW (column_view));
  guint n = g_list_model_get_n_items (columns);

  g_test_message ("window %d × %d", gtk_widget_get_width (d->window), gtk_widget_get_height (d->window));
  g_assert_cmpuint (n, ==, 8);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GtkColumnViewColumn) col = g_list_model_get_item (columns, i);
      const char *title = gtk_column_view_column_get_title (col);
      GtkWidget *header = cd_gui_test_find_label (column_view, title);

      g_assert_nonnull (header);
      g_assert_true (inside (header, scrolled, title));
    }
}

/* The history's first event within the pane's visible height. */
static void
check_history_shown (Devices *d)
{
  GtkWidget *list = NULL;
  GtkWidget *scrolled, *row, *tasks;
  graphene_rect_t r;

  for (GtkWidget *w = cd_gui_test_find_label (GTK_WIDGET (d->view), "Lịch sử thiết bị"); w != NULL;
       w = gtk_widget_get_parent (w))
    if ((list = cd_gui_test_find_type (w, GTK_TYPE_LIST_BOX)) != NULL)
      break;
  g_assert_nonnull (list);
  /* The tasks' list comes first: all four of them are there, above. */
  tasks = cd_gui_test_find_type (GTK_WIDGET (d->view), GTK_TYPE_LIST_BOX);
  g_assert_true (tasks != list);
  g_assert_nonnull (gtk_list_box_get_row_at_index (GTK_LIST_BOX (tasks), d->n_tasks - 1));
  g_assert_null (gtk_list_box_get_row_at_index (GTK_LIST_BOX (tasks), d->n_tasks));
  g_assert_true (gtk_widget_get_child_visible (gtk_widget_get_parent (tasks)));
  row = GTK_WIDGET (gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 0));
  g_assert_nonnull (row);
  scrolled = gtk_widget_get_ancestor (list, GTK_TYPE_SCROLLED_WINDOW);
  g_assert_true (gtk_widget_compute_bounds (row, scrolled, &r));
  g_test_message ("window %d × %d; the history's first row: y %.0f–%.0f of %d",
                  gtk_widget_get_width (d->window), gtk_widget_get_height (d->window),
                  r.origin.y, r.origin.y + r.size.height, gtk_widget_get_height (scrolled));
  g_assert_cmpfloat (r.origin.y, >=, 0);
  g_assert_cmpfloat (r.origin.y + r.size.height, <=, gtk_widget_get_height (scrolled));
}

/* The view on a register holding a device held by someone (@long_values:
 * a long serial held by a long name), chosen, in a
 * window of @width × @height, with @n_tasks of its devices due. */
static void
run_devices (int      width,
             int      height,
             guint    n_tasks,
             gboolean long_values,
             void   (*check) (Devices *d))
{
  g_autoptr(CdTestRegister) reg = NULL;
  g_autoptr(CdDevice) device = cd_device_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(GPtrArray) devices = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  Devices d = { 0 };
  char *args[4] = { (char *) "test-layout", (char *) "--database", NULL, NULL };
  gint64 holder;
  int status;

  if (!display_or_skip ())
    return;
  reg = cd_test_register_new (20, CD_TEST_REGISTER_ALL);
  /* The device chosen, held (its history: registered with its holder). */
  holder = cd_test_add_staff (reg->store, long_values ? LONG_NAME : "Trịnh Thu Hoa", NULL, "031085000011", NULL);
  d.serial = g_strdup (long_values ? LONG_SERIAL : "01E77CA0");
  device->token_serial = g_strdup (d.serial);
  device->type = g_strdup ("TOKEN");
  g_assert_true (cd_devices_add (reg->store, device, holder, NULL, &error));
  g_assert_no_error (error);
  /* Revocation notices of today: due within five working days. */
  devices = cd_store_list_devices (reg->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (devices->len, >, n_tasks);
  g_assert_nonnull (d.serial);
  for (guint i = 0; i < n_tasks; i++)
    {
      CdDevice *dev = g_ptr_array_index (devices, i);

      g_assert_true (cd_devices_add_recovery_task (reg->store, dev->id, 0, today, NULL, NULL, &error));
      g_assert_no_error (error);
    }
  args[2] = reg->path;

  /* The window's size, as the clerk left it last time. */
  settings = g_settings_new ("io.github.certdesk.CertDesk");
  g_settings_set_int (settings, "window-width", width);
  g_settings_set_int (settings, "window-height", height);
  g_setenv ("CERTDESK_NO_TOKENS", "1", TRUE);
  d.check = check;
  d.n_tasks = n_tasks;
  d.app = cd_application_new ();
  g_application_set_flags (G_APPLICATION (d.app), G_APPLICATION_NON_UNIQUE);
  g_signal_connect (d.app, "window-added", G_CALLBACK (window_added_cb), &d);
  status = g_application_run (G_APPLICATION (d.app), 3, args);
  g_assert_cmpint (status, ==, 0);
  g_assert_true (d.checked);
  {
    int w, h;

    gtk_window_get_default_size (GTK_WINDOW (d.window), &w, &h);
    g_assert_cmpint (w, ==, width);
    g_assert_cmpint (h, ==, height);
  }
  /* Gone before its register is: a reload under way would read it. */
  gtk_window_destroy (GTK_WINDOW (d.window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_clear_object (&d.app);
  g_settings_reset (settings, "window-width");
  g_settings_reset (settings, "window-height");
  g_free (d.serial);
}

static void
test_devices_default_size (void)
{
  run_devices (1100, 720, 0, TRUE, check_devices);
}

static void
test_devices_laptop (void)
{
  run_devices (1280, 800, 0, FALSE, check_all_headers);
}

static void
test_devices_history_under_tasks (void)
{
  run_devices (1100, 720, 4, FALSE, check_history_shown);
}

/* ---- The window's minimum width ---------------------------------------- */

static void
test_window_narrow (void)
{
  g_autoptr(CdApplication) app = NULL;   /* registers the UI resources */
  GtkWidget *window, *stack, *bar;
  const char *views[] = { "staff", "devices", "documents" };

  if (!display_or_skip ())
    return;
  app = cd_application_new ();
  window = g_object_new (CD_TYPE_WINDOW, NULL);
  stack = GTK_WIDGET (cd_window_get_staff_view (CD_WINDOW (window)));
  while (stack != NULL && !ADW_IS_VIEW_STACK (stack))
    stack = gtk_widget_get_parent (stack);
  g_assert_nonnull (stack);
  gtk_stack_set_visible_child_name (GTK_STACK (gtk_widget_get_parent (stack)), "register");
  /* At its narrowest the window shows the view switcher at the bottom. */
  bar = cd_gui_test_find_type (window, ADW_TYPE_VIEW_SWITCHER_BAR);
  g_assert_nonnull (bar);
  adw_view_switcher_bar_set_reveal (ADW_VIEW_SWITCHER_BAR (bar), TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    {
      int min_width, min_height;

      adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (stack), views[i]);
      gtk_widget_measure (window, GTK_ORIENTATION_HORIZONTAL, -1, &min_width, NULL, NULL, NULL);
      gtk_widget_measure (window, GTK_ORIENTATION_VERTICAL, min_width, &min_height, NULL, NULL, NULL);
      g_test_message ("%s: at least %d × %d", views[i], min_width, min_height);
      g_assert_cmpint (min_width, <=, MIN_WIDTH_BOUND);
      g_assert_cmpint (min_height, <=, SCREEN_HEIGHT);
    }
  gtk_window_destroy (GTK_WINDOW (window));
}

/* ---- The staff view's chips at the default width ------------------------ */

static void
test_chips_together (void)
{
  g_autoptr(CdApplication) app = NULL;   /* registers the UI resources */
  GtkWidget *window, *stack, *flow, *first = NULL;
  graphene_rect_t previous = GRAPHENE_RECT_INIT (0, 0, 0, 0);
  guint n = 0;
  gint64 until;

  if (!display_or_skip ())
    return;
  app = cd_application_new ();
  window = g_object_new (CD_TYPE_WINDOW, NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 720);
  stack = gtk_widget_get_parent (GTK_WIDGET (cd_window_get_staff_view (CD_WINDOW (window))));
  while (stack != NULL && !ADW_IS_VIEW_STACK (stack))
    stack = gtk_widget_get_parent (stack);
  g_assert_nonnull (stack);
  gtk_stack_set_visible_child_name (GTK_STACK (gtk_widget_get_parent (stack)), "register");
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (stack), "staff");
  flow = cd_gui_test_find_type (GTK_WIDGET (cd_window_get_staff_view (CD_WINDOW (window))),
                                GTK_TYPE_FLOW_BOX);
  g_assert_nonnull (flow);
  first = gtk_widget_get_first_child (gtk_widget_get_first_child (flow));
  g_assert_true (GTK_IS_TOGGLE_BUTTON (first));
  gtk_window_present (GTK_WINDOW (window));
  /* Until the window is laid out at its default width. */
  until = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  while (gtk_widget_get_width (first) <= 0 && g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, TRUE);
  g_test_message ("window %d px wide", gtk_widget_get_width (window));
  g_assert_cmpint (gtk_widget_get_width (window), >=, 1000);
  for (GtkWidget *child = gtk_widget_get_first_child (flow); child != NULL;
       child = gtk_widget_get_next_sibling (child), n++)
    {
      GtkWidget *chip = gtk_widget_get_first_child (child);
      graphene_rect_t r;

      g_assert_true (gtk_widget_compute_bounds (chip, window, &r));
      g_test_message ("%s: x %.0f–%.0f, y %.0f", gtk_button_get_label (GTK_BUTTON (chip)),
                      r.origin.x, r.origin.x + r.size.width, r.origin.y);
      if (n > 0)
        {
          /* one row, each next to the one before */
          g_assert_cmpfloat (r.origin.y, ==, previous.origin.y);
          g_assert_cmpfloat (r.origin.x - (previous.origin.x + previous.size.width), <=, CHIP_GAP_MAX);
        }
      previous = r;
    }
  g_assert_cmpuint (n, ==, 5);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* ---- The receive dialog ------------------------------------------------ */

static void
collect_entries (GtkWidget *root,
                 GPtrArray *entries)
{
  if (GTK_IS_ENTRY (root) && gtk_widget_get_mapped (root))
    g_ptr_array_add (entries, root);
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    collect_entries (c, entries);
}

static void
test_receive_dialog (void)
{
  g_autoptr(CdApplication) app = NULL;
  g_autoptr(CdTestRegister) reg = NULL;
  g_autoptr(GPtrArray) entries = g_ptr_array_new ();
  GtkWidget *dialog, *serials;
  gint64 until;

  if (!display_or_skip ())
    return;
  app = cd_application_new ();
  reg = cd_test_register_new (1, CD_TEST_REGISTER_STAFF);
  dialog = GTK_WIDGET (cd_device_event_dialog_new (NULL, reg->store, CD_HANDOVER_RECEIVE, NULL, 0));
  gtk_window_present (GTK_WINDOW (dialog));
  serials = cd_gui_test_find_label (dialog, "Các số sê-ri");
  g_assert_nonnull (serials);
  /* Until the dialog is laid out. */
  until = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  while (gtk_widget_get_width (serials) <= 0 && g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (gtk_widget_get_width (serials), >, 0);
  collect_entries (dialog, entries);
  g_assert_cmpuint (entries->len, >=, 8);
  for (guint i = 0; i < entries->len; i++)
    {
      GtkWidget *e = g_ptr_array_index (entries, i);

      g_test_message ("entry %u: %d px", i, gtk_widget_get_width (e));
      g_assert_cmpint (gtk_widget_get_width (e), >=, ENTRY_MIN_WIDTH);
    }
  gtk_window_destroy (GTK_WINDOW (dialog));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  /* Not cd_test_init(): its isolated XDG folders hide the MIME database
   * the window's SVG icons are recognised by. The UI in Vietnamese. */
  g_test_init (&argc, &argv, NULL);
  cd_i18n_init ("vi");

  g_test_add_func ("/gui/layout/devices-default-size", test_devices_default_size);
  g_test_add_func ("/gui/layout/devices-laptop", test_devices_laptop);
  g_test_add_func ("/gui/layout/devices-history-under-tasks", test_devices_history_under_tasks);
  g_test_add_func ("/gui/layout/window-narrow", test_window_narrow);
  g_test_add_func ("/gui/layout/chips-together", test_chips_together);
  g_test_add_func ("/gui/layout/receive-dialog", test_receive_dialog);
  return g_test_run ();
}
