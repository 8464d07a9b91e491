/* cd-staff-view.c
 *
 * The chain is store rows → CdStaffListModel (every person) → CdStaffShown
 * (sorted by the column view's sorter, then filtered; its items are
 * places whose widgets stay while a search changes who is in them) →
 * GtkMultiSelection. The cells bound to places are rebound when
 * CdStaffShown says the people in them changed, and the selection follows
 * the people, not the places.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "cd-cell-text.h"
#include "cd-staff-filter.h"
#include "cd-staff-shown.h"
#include "cd-staff-view.h"
#include "cd-text.h"

struct _CdStaffView
{
  GtkWidget            parent_instance;

  /* Template widgets */
  GtkWidget           *box;
  GtkSearchEntry      *search_entry;
  GtkToggleButton     *chip_expiring;
  GtkToggleButton     *chip_expired;
  GtkToggleButton     *chip_no_cert;
  GtkToggleButton     *chip_revoked;
  GtkToggleButton     *chip_left;
  GtkColumnView       *column_view;
  GtkColumnViewColumn *name_column;
  GtkColumnViewColumn *position_column;
  GtkColumnViewColumn *serial_column;
  GtkColumnViewColumn *expiry_column;
  GtkColumnViewColumn *days_column;
  GtkColumnViewColumn *email_column;
  GtkColumnViewColumn *status_column;
  GtkInscription      *summary_label;

  /* Owned */
  CdStaffListModel    *model;
  CdStaffShown        *shown;
  GtkMultiSelection   *selection;
  GHashTable          *bound;      /* GtkListItem → Column, cells showing a place */
  GHashTable          *stale;      /* those out of view not rewritten yet */
  guint                stale_id;
  CdStaffFilter       *criteria;
  gint64               now;
  char                *days_sample;   /* the widest "days left" text */
  GTimeZone           *tz;            /* local, for the expiry dates */
  gboolean             had_rows;
  gboolean             loading;    /* more pages of the register to come */
  guint                ticks_with_rows;
};

G_DEFINE_FINAL_TYPE (CdStaffView, cd_staff_view, GTK_TYPE_WIDGET)

enum {
  STAFF_ACTIVATED,
  LOADED,
  N_SIGNALS
};
static guint signals[N_SIGNALS];

typedef enum {
  COL_NAME,
  COL_POSITION,
  COL_SERIAL,
  COL_EXPIRY,
  COL_DAYS,
  COL_EMAIL,
  COL_STATUS,
} Column;

/* ---- Formatting ----------------------------------------------------- */

static int
days_left (const CdStaffRow *row,
           gint64            now)
{
  gint64 secs = row->cert_not_after - now;

  /* Floor, so a certificate ending later today has 0 days left. */
  return (int) (secs >= 0 ? secs / 86400 : -((-secs + 86399) / 86400));
}

static char *
format_days (const CdStaffRow *row,
             gint64            now)
{
  int days;

  if (row->cert_id == 0 || row->cert_not_after == 0 || row->status == CD_CERT_STATUS_REVOKED)
    return g_strdup ("—");
  days = days_left (row, now);
  if (days < 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day ago", "%d days ago", -days), -days);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day", "%d days", days), days);
}

/* @tz: the local time zone, looked up once: g_date_time_new_from_unix_local()
 * reads /etc/localtime's link again for each date, 5 % of the CPU time
 * of a search keystroke that rewrites the list's ~200 rows. */
static char *
format_date (gint64     unix_secs,
             GTimeZone *tz)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) dt = NULL;

  if (unix_secs == 0)
    return g_strdup ("—");
  utc = g_date_time_new_from_unix_utc (unix_secs);
  dt = utc ? g_date_time_to_timezone (utc, tz) : NULL;
  return dt ? g_date_time_format (dt, "%d/%m/%Y") : g_strdup ("—");
}

static const char *
status_css (const CdStaffRow *row)
{
  switch (row->status)
    {
    case CD_CERT_STATUS_VALID: return "status-valid";
    case CD_CERT_STATUS_EXPIRING: return "status-expiring";
    case CD_CERT_STATUS_EXPIRED: return "status-expired";
    case CD_CERT_STATUS_REVOKED: return "status-revoked";
    case CD_CERT_STATUS_NOT_YET_VALID:
    case CD_CERT_STATUS_NONE:
    default: return "status-none";
    }
}

/* ---- Factories ------------------------------------------------------ */

static void
setup_label_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                gpointer                  user_data)
{
  /* Columns keep one width whatever the rows shown (no re-measuring of
   * every cell when a search changes them), that of a typical long value;
   * the clerk can resize them. The status is a badge as wide as its text. */
  Column col = GPOINTER_TO_INT (user_data);
  CdStaffView *self = g_object_get_data (G_OBJECT (factory), "cd-view");
  const char *sample = NULL;
  GtkWidget *cell;

  switch (col)
    {
    case COL_NAME: sample = "Nguyễn Thị Phương Thảo"; break;
    case COL_POSITION: sample = "Tổ trưởng chuyên môn"; break;
    case COL_SERIAL: sample = "540101AABBCCDDEEFF0011223344556677"; break;
    case COL_EXPIRY: sample = "00/00/0000"; break;
    case COL_DAYS: sample = self->days_sample; break;
    case COL_EMAIL: sample = "nguyenvana.c2leloi@haiphong.edu.vn"; break;
    case COL_STATUS:
    default: sample = NULL; break;
    }
  cell = cd_cell_text_new (sample, col == COL_DAYS ? 1.0 : 0.0, TRUE);
  if (col == COL_STATUS)
    {
      gtk_widget_set_halign (cell, GTK_ALIGN_START);
      gtk_widget_set_valign (cell, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (cell, "status-badge");
    }
  if (col == COL_SERIAL || col == COL_DAYS)
    gtk_widget_add_css_class (cell, "numeric");
  gtk_list_item_set_child (list_item, cell);
}

static void
show_row (CdStaffView *self,
          GtkListItem *list_item,
          Column       col)
{
  CdCellText *cell = CD_CELL_TEXT (gtk_list_item_get_child (list_item));
  CdStaffItem *item = gtk_list_item_get_item (list_item);
  const CdStaffRow *row = cd_staff_item_get_row (item);
  GtkWidget *parent = gtk_widget_get_parent (GTK_WIDGET (cell));
  GtkWidget *list_row = parent ? gtk_widget_get_parent (parent) : NULL;
  g_autofree char *text = NULL;

  /* An empty place past the people shown (cd_staff_shown_set_min_places):
   * its row is kept for the next search but takes no room, so the list
   * neither scrolls nor draws past its people. */
  if (list_row != NULL)
    gtk_widget_set_visible (list_row, row != NULL);
  if (row == NULL)
    {
      cd_cell_text_set_text (cell, NULL);
      return;
    }

  switch (col)
    {
    case COL_NAME:
      cd_cell_text_set_text (cell, row->full_name ? row->full_name : "");
      break;
    case COL_POSITION:
      cd_cell_text_set_text (cell, row->position ? row->position : "");
      break;
    case COL_SERIAL:
      /* The certificate that counts, and "+N" for the person's others
       * (the encryption half of the pair, a commercial one…). */
      if (row->cert_serial != NULL && row->n_other_certificates > 0)
        {
          text = g_strdup_printf ("%s +%u", row->cert_serial, row->n_other_certificates);
          cd_cell_text_set_text (cell, text);
        }
      else
        cd_cell_text_set_text (cell, row->cert_serial ? row->cert_serial : "—");
      break;
    case COL_EXPIRY:
      text = format_date (row->cert_id ? row->cert_not_after : 0, self->tz);
      cd_cell_text_set_text (cell, text);
      break;
    case COL_DAYS:
      text = format_days (row, self->now);
      cd_cell_text_set_text (cell, text);
      break;
    case COL_EMAIL:
      cd_cell_text_set_text (cell, row->email ? row->email : "");
      break;
    case COL_STATUS:
      {
        cd_cell_text_set_text (cell, row->left ? _("Left") : cd_cert_status_label (row->status));
        /* Its colour: the class is changed only if it differs, and only
         * once the cell is in view (scrolling and each search keystroke
         * rebind many rows). */
        cd_cell_text_set_class (cell, row->left ? "status-none" : status_css (row));
      }
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
bind_label_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  user_data)
{
  CdStaffView *self = g_object_get_data (G_OBJECT (factory), "cd-view");

  g_hash_table_insert (self->bound, list_item, user_data);
  g_hash_table_remove (self->stale, list_item);
  show_row (self, list_item, GPOINTER_TO_INT (user_data));
}

static void
unbind_label_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 gpointer                  user_data)
{
  CdStaffView *self = g_object_get_data (G_OBJECT (factory), "cd-view");

  g_hash_table_remove (self->bound, list_item);
  g_hash_table_remove (self->stale, list_item);
}

static void
rebind_stale (CdStaffView *self)
{
  GHashTableIter iter;
  gpointer list_item;

  g_hash_table_iter_init (&iter, self->stale);
  while (g_hash_table_iter_next (&iter, &list_item, NULL))
    show_row (self, list_item, GPOINTER_TO_INT (g_hash_table_lookup (self->bound, list_item)));
  g_hash_table_remove_all (self->stale);
}

static gboolean
rebind_stale_cb (gpointer data)
{
  CdStaffView *self = data;

  self->stale_id = 0;
  rebind_stale (self);
  return G_SOURCE_REMOVE;
}

/* Whether the place of @list_item became empty or filled: its row is
 * hidden or shown in this frame, out of view or not (a frame of its own
 * later held back the next keystroke's, and an empty place's cells must
 * not widen their column). */
static gboolean
emptiness_changed (GtkListItem *list_item)
{
  CdCellText *cell = CD_CELL_TEXT (gtk_list_item_get_child (list_item));
  GtkWidget *parent = gtk_widget_get_parent (GTK_WIDGET (cell));
  GtkWidget *list_row = parent ? gtk_widget_get_parent (parent) : NULL;
  CdStaffItem *item = gtk_list_item_get_item (list_item);
  const char *text = cd_cell_text_get_text (cell);
  gboolean someone = item != NULL && cd_staff_item_get_row (item) != NULL;

  /* The row's other cells see it hidden already: the cell's own text
   * says whether it showed someone (or an empty value: written now). */
  return (list_row != NULL && gtk_widget_get_visible (list_row) != someone)
         || (text != NULL && *text != '\0') != someone;
}

/* Other people in the places shown: write the cells again (no widget is
 * made or measured; a cell whose text did not change is not redrawn).
 * The rows in view now; the ~175 others GTK keeps once the frame is
 * drawn, or as soon as the list scrolls. */
static void
rows_changed_cb (CdStaffShown *shown,
                 CdStaffView  *self)
{
  GtkAdjustment *v = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->column_view));
  guint n = g_list_model_get_n_items (G_LIST_MODEL (shown));
  double row_height = 0, value, page;
  guint first = 0, last = G_MAXUINT;
  GHashTableIter iter;
  gpointer list_item, col;

  /* The positions in view, from the scrolling and the height of a row
   * (all rows are as tall: their cells measure from the font). */
  g_hash_table_iter_init (&iter, self->bound);
  while (row_height <= 0 && g_hash_table_iter_next (&iter, &list_item, NULL))
    {
      GtkWidget *cell = gtk_list_item_get_child (list_item);
      GtkWidget *row = gtk_widget_get_parent (gtk_widget_get_parent (cell));

      /* An empty place's row is hidden: 0 high. */
      row_height = row ? gtk_widget_get_height (row) : 0;
    }
  if (row_height > 0)
    {
      /* What the cells count as in view (cd-cell-text.c): the scrolled
       * window's height, the columns' header with it. A cell it counts
       * and this did not was rewritten after the frame in a frame of
       * its own. */
      page = MAX (gtk_adjustment_get_page_size (v),
                  gtk_widget_get_height (gtk_widget_get_parent (GTK_WIDGET (self->column_view))));
      /* A shorter list scrolls back up to its end. */
      value = CLAMP (gtk_adjustment_get_value (v), 0, MAX (0, n * row_height - page));
      first = (guint) (value / row_height);
      last = (guint) ((value + page) / row_height) + 1;
      first = first > 1 ? first - 1 : 0;
    }

  g_hash_table_iter_init (&iter, self->bound);
  while (g_hash_table_iter_next (&iter, &list_item, &col))
    {
      guint position = gtk_list_item_get_position (list_item);

      if ((position >= first && position <= last) || emptiness_changed (list_item))
        {
          g_hash_table_remove (self->stale, list_item);
          show_row (self, list_item, GPOINTER_TO_INT (col));
        }
      else
        g_hash_table_add (self->stale, list_item);
    }
  /* After the frame: drawing has a higher priority than this. */
  if (g_hash_table_size (self->stale) > 0 && self->stale_id == 0)
    self->stale_id = g_idle_add_full (G_PRIORITY_LOW, rebind_stale_cb, self, NULL);
}

/* Cells out of view may be stale: scrolling or a taller window shows
 * some of them (they draw themselves again, cd-cell-text.c). */
static void
list_scrolled_cb (CdStaffView *self)
{
  rebind_stale (self);
}

/* ---- Sorters -------------------------------------------------------- */

static const CdStaffRow *
row_of (gconstpointer item)
{
  return cd_staff_item_get_row ((CdStaffItem *) item);
}

static int
cmp_str (const char *a,
         const char *b)
{
  /* Empty values last, whatever the direction asked for is handled by
   * GtkColumnView's inversion. */
  if (a == NULL || *a == '\0')
    return (b == NULL || *b == '\0') ? 0 : 1;
  if (b == NULL || *b == '\0')
    return -1;
  return strcmp (a, b);
}

static int
sort_cb (gconstpointer a,
         gconstpointer b,
         gpointer      user_data)
{
  Column col = GPOINTER_TO_INT (user_data);
  const CdStaffRow *ra = row_of (a), *rb = row_of (b);
  int r = 0;

  switch (col)
    {
    case COL_NAME:
      r = cmp_str (ra->sort_key, rb->sort_key);
      break;
    case COL_POSITION:
      r = cmp_str (ra->position, rb->position);
      break;
    case COL_SERIAL:
      r = cmp_str (ra->cert_serial, rb->cert_serial);
      break;
    case COL_EXPIRY:
    case COL_DAYS:
      {
        gint64 x = ra->cert_id ? ra->cert_not_after : G_MAXINT64;
        gint64 y = rb->cert_id ? rb->cert_not_after : G_MAXINT64;
        r = x < y ? -1 : x > y ? 1 : 0;
      }
      break;
    case COL_EMAIL:
      r = cmp_str (ra->email, rb->email);
      break;
    case COL_STATUS:
      r = (int) ra->status - (int) rb->status;
      break;
    default:
      g_assert_not_reached ();
    }
  if (r == 0 && col != COL_NAME)
    r = cmp_str (ra->sort_key, rb->sort_key);
  return r < 0 ? GTK_ORDERING_SMALLER : r > 0 ? GTK_ORDERING_LARGER : GTK_ORDERING_EQUAL;
}

static void
setup_column (CdStaffView         *self,
              GtkColumnViewColumn *column,
              Column               col)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkCustomSorter) sorter = NULL;

  g_object_set_data (G_OBJECT (factory), "cd-view", self);
  g_signal_connect (factory, "setup", G_CALLBACK (setup_label_cb), GINT_TO_POINTER (col));
  g_signal_connect (factory, "bind", G_CALLBACK (bind_label_cb), GINT_TO_POINTER (col));
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_label_cb), GINT_TO_POINTER (col));
  gtk_column_view_column_set_factory (column, factory);

  sorter = gtk_custom_sorter_new (sort_cb, GINT_TO_POINTER (col), NULL);
  gtk_column_view_column_set_sorter (column, GTK_SORTER (sorter));
}

/* ---- Filtering and summary ------------------------------------------ */

static void
update_summary (CdStaffView *self)
{
  guint active, expiring, expired, shown;
  g_autofree char *a = NULL, *b = NULL, *c = NULL, *text = NULL;

  g_autofree char *n_active = NULL, *n_expiring = NULL, *n_expired = NULL;

  cd_staff_list_model_get_counts (self->model, &active, &expiring, &expired);
  /* the counts with their digits grouped: "30.000 cán bộ" */
  n_active = cd_text_count (active);
  n_expiring = cd_text_count (expiring);
  n_expired = cd_text_count (expired);
  a = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s staff member", "%s staff members", active), n_active);
  b = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s expiring soon", "%s expiring soon", expiring), n_expiring);
  c = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s expired", "%s expired", expired), n_expired);
  shown = cd_staff_shown_get_n_people (self->shown);

  if (cd_staff_filter_is_empty (self->criteria))
    text = g_strjoin (" · ", a, b, c, NULL);
  else
    {
      g_autofree char *n_shown = cd_text_count (shown);
      g_autofree char *d = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s shown", "%s shown", shown), n_shown);
      text = g_strjoin (" · ", a, b, c, d, NULL);
    }
  /* The counts so far are not the register's yet. */
  if (self->loading)
    {
      g_autofree char *so_far = g_steal_pointer (&text);

      text = g_strjoin (" · ", so_far, _("loading…"), NULL);
    }
  /* A GtkInscription: its size does not follow its text, so a count
   * changing at each keystroke redraws the line instead of measuring
   * the window again. Read by screen readers (and the tests) by name. */
  if (g_strcmp0 (gtk_inscription_get_text (self->summary_label), text) == 0)
    return;
  gtk_inscription_set_text (self->summary_label, text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->summary_label), GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
}

GtkSelectionModel *
cd_staff_view_get_selection (CdStaffView *self)
{
  g_return_val_if_fail (CD_IS_STAFF_VIEW (self), NULL);
  return GTK_SELECTION_MODEL (self->selection);
}

/* The staff ids selected now (the selection is by place). */
static GHashTable *
selected_ids (CdStaffView *self)
{
  g_autoptr(GtkBitset) set = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  GHashTable *ids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  GtkBitsetIter iter;
  guint pos;

  for (gboolean ok = gtk_bitset_iter_init_first (&iter, set, &pos); ok;
       ok = gtk_bitset_iter_next (&iter, &pos))
    {
      const CdStaffRow *row = cd_staff_shown_get_row (self->shown, pos);

      if (row != NULL)
        g_hash_table_add (ids, g_memdup2 (&row->staff_id, sizeof row->staff_id));
    }
  return ids;
}

/* Selects the people of @keep (staff ids) wherever they are shown now:
 * the selection is by place, and searching, sorting or reloading puts
 * other people in the places. */
static void
select_again (CdStaffView *self,
              GHashTable  *keep)
{
  g_autoptr(GtkBitset) set = gtk_bitset_new_empty ();
  g_autoptr(GtkBitset) all = NULL;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->shown));

  for (guint i = 0; g_hash_table_size (keep) > 0 && i < n; i++)
    {
      const CdStaffRow *row = cd_staff_shown_get_row (self->shown, i);

      if (row != NULL && g_hash_table_contains (keep, &row->staff_id))
        gtk_bitset_add (set, i);
    }
  all = gtk_bitset_new_range (0, n);
  gtk_selection_model_set_selection (GTK_SELECTION_MODEL (self->selection), set, all);
}

static void
apply_change (CdStaffView         *self,
              CdStaffFilterChange  change)
{
  g_autoptr(GHashTable) keep = NULL;

  if (change == CD_STAFF_FILTER_SAME)
    return;
  keep = selected_ids (self);
  cd_staff_shown_refilter (self->shown, change);
  if (g_hash_table_size (keep) > 0)
    select_again (self, keep);
  update_summary (self);
}

static void
sorter_changed_cb (GtkSorter       *sorter,
                   GtkSorterChange  change,
                   CdStaffView     *self)
{
  g_autoptr(GHashTable) keep = selected_ids (self);

  cd_staff_shown_sort (self->shown);
  if (g_hash_table_size (keep) > 0)
    select_again (self, keep);
}

static void
search_changed_cb (GtkSearchEntry *entry,
                   CdStaffView    *self)
{
  apply_change (self, cd_staff_filter_set_query (self->criteria,
                                                 gtk_editable_get_text (GTK_EDITABLE (entry))));
}

static void
stop_search_cb (GtkSearchEntry *entry,
                CdStaffView    *self)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
}

static void
chip_toggled_cb (GtkToggleButton *button,
                 CdStaffView     *self)
{
  CdStaffChips chips = 0;

  if (gtk_toggle_button_get_active (self->chip_expiring))
    chips |= CD_STAFF_CHIP_EXPIRING;
  if (gtk_toggle_button_get_active (self->chip_expired))
    chips |= CD_STAFF_CHIP_EXPIRED;
  if (gtk_toggle_button_get_active (self->chip_no_cert))
    chips |= CD_STAFF_CHIP_NO_CERT;
  if (gtk_toggle_button_get_active (self->chip_revoked))
    chips |= CD_STAFF_CHIP_REVOKED;
  if (gtk_toggle_button_get_active (self->chip_left))
    chips |= CD_STAFF_CHIP_LEFT;
  apply_change (self, cd_staff_filter_set_chips (self->criteria, chips));
}

static void
activate_cb (GtkColumnView *view,
             guint          position,
             CdStaffView   *self)
{
  g_autoptr(CdStaffItem) item = g_list_model_get_item (G_LIST_MODEL (self->selection), position);

  if (item != NULL && cd_staff_item_get_row (item) != NULL)
    g_signal_emit (self, signals[STAFF_ACTIVATED], 0, cd_staff_item_get_row (item)->staff_id);
}

/* ---- First rows ----------------------------------------------------- */

/* The rows GTK 4.8's list view keeps built around those in view. */
#define KEPT_PLACES 200

/* More than a maximised window on a 1080-line screen shows. */
#define FIRST_PLACES 60

/* Ticks come before each frame is laid out: the second one follows the
 * first frame drawn with rows, and the list view then gets every row (it
 * builds the ~200 rows GTK 4.8 keeps around the visible ones, for later
 * scrolling and searching, after the clerk already sees the list). */
static gboolean
offer_all_places_cb (GtkWidget     *widget,
                     GdkFrameClock *clock,
                     gpointer       data)
{
  CdStaffView *self = CD_STAFF_VIEW (widget);

  if (++self->ticks_with_rows < 2)
    return G_SOURCE_CONTINUE;
  cd_staff_shown_set_max_places (self->shown, G_MAXUINT);
  return G_SOURCE_REMOVE;
}

/* ---- Public --------------------------------------------------------- */

CdStaffView *
cd_staff_view_new (void)
{
  return g_object_new (CD_TYPE_STAFF_VIEW, NULL);
}

CdStaffListModel *
cd_staff_view_get_model (CdStaffView *self)
{
  g_return_val_if_fail (CD_IS_STAFF_VIEW (self), NULL);
  return self->model;
}

/* The first time, a screenful of rows first: see the tick callback. */
static void
first_rows (CdStaffView *self)
{
  self->now = g_get_real_time () / G_USEC_PER_SEC;
  if (!self->had_rows)
    {
      self->had_rows = TRUE;
      cd_staff_shown_set_max_places (self->shown, FIRST_PLACES);
      gtk_widget_add_tick_callback (GTK_WIDGET (self), offer_all_places_cb, NULL, NULL);
    }
}

void
cd_staff_view_add_rows (CdStaffView *self,
                        GPtrArray   *rows)
{
  g_autoptr(GHashTable) keep = NULL;

  g_return_if_fail (CD_IS_STAFF_VIEW (self));

  if (!self->had_rows)
    first_rows (self);
  self->loading = TRUE;
  keep = selected_ids (self);
  cd_staff_list_model_append_rows (self->model, rows);
  /* A page merged in before the selected people (another sort than by
   * name) moves them to other places. */
  if (g_hash_table_size (keep) > 0)
    select_again (self, keep);
  update_summary (self);
  g_signal_emit (self, signals[LOADED], 0);
}

void
cd_staff_view_set_loading (CdStaffView *self,
                           gboolean     loading)
{
  g_return_if_fail (CD_IS_STAFF_VIEW (self));

  if (self->loading == !!loading)
    return;
  self->loading = !!loading;
  update_summary (self);
}

gboolean
cd_staff_view_get_loading (CdStaffView *self)
{
  g_return_val_if_fail (CD_IS_STAFF_VIEW (self), FALSE);
  return self->loading;
}

void
cd_staff_view_set_rows (CdStaffView *self,
                        GPtrArray   *rows)
{
  g_autoptr(GHashTable) keep = NULL;

  g_return_if_fail (CD_IS_STAFF_VIEW (self));

  first_rows (self);
  self->loading = FALSE;
  keep = selected_ids (self);
  cd_staff_list_model_set_rows (self->model, rows);
  /* A reload (after an edit, an import) keeps who was selected. */
  if (g_hash_table_size (keep) > 0)
    select_again (self, keep);
  update_summary (self);
  g_signal_emit (self, signals[LOADED], 0);
}

void
cd_staff_view_focus_search (CdStaffView *self)
{
  g_return_if_fail (CD_IS_STAFF_VIEW (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  gtk_editable_select_region (GTK_EDITABLE (self->search_entry), 0, -1);
}

void
cd_staff_view_set_search (CdStaffView *self,
                          const char  *text)
{
  g_return_if_fail (CD_IS_STAFF_VIEW (self));

  /* Block the delayed signal: apply now, once. */
  g_signal_handlers_block_by_func (self->search_entry, search_changed_cb, self);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text);
  g_signal_handlers_unblock_by_func (self->search_entry, search_changed_cb, self);
  apply_change (self, cd_staff_filter_set_query (self->criteria, text));
}

guint
cd_staff_view_get_n_shown (CdStaffView *self)
{
  g_return_val_if_fail (CD_IS_STAFF_VIEW (self), 0);
  return cd_staff_shown_get_n_people (self->shown);
}

GArray *
cd_staff_view_get_selected (CdStaffView *self)
{
  g_autoptr(GtkBitset) set = NULL;
  GtkBitsetIter iter;
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  guint pos;

  g_return_val_if_fail (CD_IS_STAFF_VIEW (self), ids);

  set = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  for (gboolean ok = gtk_bitset_iter_init_first (&iter, set, &pos); ok;
       ok = gtk_bitset_iter_next (&iter, &pos))
    {
      g_autoptr(CdStaffItem) item = g_list_model_get_item (G_LIST_MODEL (self->selection), pos);
      const CdStaffRow *row = item ? cd_staff_item_get_row (item) : NULL;

      /* Empty places (selected by Ctrl+A) are nobody. */
      if (row != NULL)
        g_array_append_val (ids, row->staff_id);
    }
  return ids;
}

/* ---- GObject -------------------------------------------------------- */

static void
cd_staff_view_dispose (GObject *object)
{
  CdStaffView *self = CD_STAFF_VIEW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CD_TYPE_STAFF_VIEW);
  g_clear_handle_id (&self->stale_id, g_source_remove);
  g_clear_object (&self->selection);
  if (self->shown != NULL)
    g_signal_handlers_disconnect_by_data (self->shown, self);
  g_clear_object (&self->shown);
  g_clear_object (&self->model);

  G_OBJECT_CLASS (cd_staff_view_parent_class)->dispose (object);
}

static void
cd_staff_view_finalize (GObject *object)
{
  CdStaffView *self = CD_STAFF_VIEW (object);

  g_clear_pointer (&self->criteria, cd_staff_filter_free);
  g_clear_pointer (&self->bound, g_hash_table_unref);
  g_clear_pointer (&self->stale, g_hash_table_unref);
  g_free (self->days_sample);
  g_clear_pointer (&self->tz, g_time_zone_unref);

  G_OBJECT_CLASS (cd_staff_view_parent_class)->finalize (object);
}

static void
cd_staff_view_class_init (CdStaffViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cd_staff_view_dispose;
  object_class->finalize = cd_staff_view_finalize;

  /* staff-activated (gint64 staff_id): a row was activated (double click
   * or Enter). */
  signals[STAFF_ACTIVATED] = g_signal_new ("staff-activated", G_TYPE_FROM_CLASS (klass),
                                           G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                           G_TYPE_NONE, 1, G_TYPE_INT64);

  /* loaded: new rows are in the model (the benchmark times this). */
  signals[LOADED] = g_signal_new ("loaded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/certdesk/CertDesk/staff/cd-staff-view.ui");
  gtk_widget_class_bind_template_child (widget_class, CdStaffView, box);
  gtk_widget_class_bind_template_child (widget_class, CdStaffView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, CdStaffView, chip_expiring);
  gtk_widget_class_bind_template_child (widget_class, CdStaffView, chip_expired);
  gtk_widget_class_bind_template_child (widget_class, CdStaffView, chip_no_cert);
  gtk_widget_class_bind_template_child (widget_class, CdStaffView, chip_revoked);
  gtk_widget_class_bind_template_child (widget_class, CdStaffView, chip_left);
  gtk_widget_class_bind_template_child (widget_class, CdStaffView, column_view);
  gtk_widget_class_bind_template_child (widget_class, CdStaffView, name_column);
  gtk_widget_class_bind_template_child (widget_class, CdStaffView, position_column);
  gtk_widget_class_bind_template_child (widget_class, CdStaffView, serial_column);
  gtk_widget_class_bind_template_child (widget_class, CdStaffView, expiry_column);
  gtk_widget_class_bind_template_child (widget_class, CdStaffView, days_column);
  gtk_widget_class_bind_template_child (widget_class, CdStaffView, email_column);
  gtk_widget_class_bind_template_child (widget_class, CdStaffView, status_column);
  gtk_widget_class_bind_template_child (widget_class, CdStaffView, summary_label);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, chip_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, activate_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
cd_staff_view_init (CdStaffView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->criteria = cd_staff_filter_new ();
  self->now = g_get_real_time () / G_USEC_PER_SEC;
  self->tz = g_time_zone_new_local ();
  self->days_sample = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day ago", "%d days ago", 8888), 8888);

  setup_column (self, self->name_column, COL_NAME);
  setup_column (self, self->position_column, COL_POSITION);
  setup_column (self, self->serial_column, COL_SERIAL);
  setup_column (self, self->expiry_column, COL_EXPIRY);
  setup_column (self, self->days_column, COL_DAYS);
  setup_column (self, self->email_column, COL_EMAIL);
  setup_column (self, self->status_column, COL_STATUS);

  self->bound = g_hash_table_new (NULL, NULL);
  self->stale = g_hash_table_new (NULL, NULL);
  self->model = cd_staff_list_model_new ();
  self->shown = cd_staff_shown_new (self->model, gtk_column_view_get_sorter (self->column_view),
                                    self->criteria);
  /* As many as GTK 4.8's list view keeps built (~200 rows). */
  cd_staff_shown_set_min_places (self->shown, KEPT_PLACES);
  g_signal_connect (self->shown, "rows-changed", G_CALLBACK (rows_changed_cb), self);
  g_signal_connect_object (gtk_column_view_get_sorter (self->column_view), "changed",
                           G_CALLBACK (sorter_changed_cb), self, 0);
  {
    GtkAdjustment *v = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->column_view));

    g_signal_connect_object (v, "value-changed", G_CALLBACK (list_scrolled_cb), self, G_CONNECT_SWAPPED);
    g_signal_connect_object (v, "notify::page-size", G_CALLBACK (list_scrolled_cb), self, G_CONNECT_SWAPPED);
  }
  self->selection = gtk_multi_selection_new (g_object_ref (G_LIST_MODEL (self->shown)));
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));

  /* Vietnamese name order by default: given name, family, middle. */
  gtk_column_view_sort_by_column (self->column_view, self->name_column, GTK_SORT_ASCENDING);
  update_summary (self);
}
