/* cd-device-columns.c — the Thiết bị list's columns
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "cd-cell-text.h"
#include "cd-device-columns.h"
#include "cd-device-item.h"

struct _CdDeviceColumns
{
  char *serial_sample;  /* the register's longest serial */
  char *holder_sample;  /* and holder's name */
};

typedef struct {
  CdDeviceColumns *columns;
  const char      *column;
} Column;

/* Texts longer than these are cut (a serial in the middle): the serial
 * and holder columns stay in a 1100 px window's list beside the status. */
#define SERIAL_SAMPLE_MAX 32
#define SERIAL_SAMPLE_DEFAULT "0042000000000004"
#define HOLDER_SAMPLE_MAX 28
#define HOLDER_SAMPLE_DEFAULT "Nguyễn Thị Phương Thảo"

/* The serial and holder columns are as wide as the register's longest
 * value (at most @max characters): read whole, and no wider than the
 * unit's own tokens and names need. Counted in characters: serials are
 * digits and capitals, names in one font, near enough one width. */
static char *
sample_for (CdDeviceRows   *rows,
            CdDeviceRowText which,
            glong           max,
            const char     *fallback)
{
  const char *longest = fallback;
  glong longest_len = 0;

  for (guint i = 0; rows != NULL && i < cd_device_rows_get_n (rows); i++)
    {
      const char *text = cd_device_rows_get_text (rows, i, which);
      glong len = text != NULL ? g_utf8_strlen (text, -1) : 0;

      if (len > longest_len)
        {
          longest = text;
          longest_len = len;
        }
    }
  if (longest_len < g_utf8_strlen (fallback, -1))
    return g_strdup (fallback);
  return g_utf8_substring (longest, 0, MIN (longest_len, max));
}

/* The sample of a column sized to the register's values, or NULL. */
static const char *
column_sample (Column *col)
{
  if (g_str_equal (col->column, "serial"))
    return col->columns->serial_sample;
  if (g_str_equal (col->column, "holder"))
    return col->columns->holder_sample;
  return NULL;
}

static void
setup_cell_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               Column                   *col)
{
  /* Widths from a typical long value, whatever the rows (see
   * cd-cell-text.c). Serials, holders and statuses are read whole (not
   * shrunk): they come first, the other columns give way to them. */
  static const struct { const char *column, *sample, *min; gboolean shrink; } samples[] = {
    { "type", "TOKEN", NULL, FALSE },
    /* The three give way first, to the shortest that still tells one
     * apart (a serial's both ends, a model's make); "…" and a tooltip
     * for the rest. All eight columns beside the pane at 1280 px. */
    { "model", "ePass2003 Auto", "ePass20…", TRUE },
    { "certificate", "540101AABBCCDDEEFF0011223344556677", "5401AA…556677", TRUE },
    { "carrier", "Vietnamobile", "Vinaph…", TRUE },
    { "phone", "0912345678", NULL, FALSE },
  };
  const char *sample = NULL, *min = NULL;
  gboolean shrink = TRUE;
  GtkWidget *cell;

  if (g_str_equal (col->column, "serial") || g_str_equal (col->column, "holder"))
    {
      sample = column_sample (col);
      shrink = FALSE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (samples); i++)
    if (g_str_equal (col->column, samples[i].column))
      {
        sample = samples[i].sample;
        min = samples[i].min;
        shrink = samples[i].shrink;
      }
  /* The status: as wide as its (few, short) texts. */
  cell = cd_cell_text_new (sample, 0.0, shrink);
  if (min != NULL)
    cd_cell_text_set_min_sample (CD_CELL_TEXT (cell), min);
  /* A serial's both ends tell it apart (a provider's prefix, a number). */
  if (g_str_equal (col->column, "serial") || g_str_equal (col->column, "certificate"))
    cd_cell_text_set_ellipsize (CD_CELL_TEXT (cell), PANGO_ELLIPSIZE_MIDDLE);
  gtk_list_item_set_child (list_item, cell);
}

static void
bind_cell_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              Column                   *col)
{
  CdDeviceItem *item = gtk_list_item_get_item (list_item);
  CdCellText *cell = CD_CELL_TEXT (gtk_list_item_get_child (list_item));

  /* Every row is bound again when the register is read again. */
  if (column_sample (col) != NULL)
    cd_cell_text_set_sample (cell, column_sample (col));
  cd_cell_text_set_text (cell, cd_device_item_get_text (item, col->column));
}

/* A header cut short is read whole in a tooltip. */
static gboolean
header_tooltip_cb (GtkWidget  *label,
                   int         x,
                   int         y,
                   gboolean    keyboard_mode,
                   GtkTooltip *tooltip,
                   gpointer    data)
{
  if (!pango_layout_is_ellipsized (gtk_label_get_layout (GTK_LABEL (label))))
    return FALSE;
  gtk_tooltip_set_text (tooltip, gtk_label_get_label (GTK_LABEL (label)));
  return TRUE;
}

/* GTK 4.8 sizes a column at least as wide as its header's whole title:
 * "Chứng thư số trên thiết bị", "Kiểu thiết bị" and "Nhà mạng" alone
 * held the list 300 px wider than its values needed. Their titles (the
 * only labels in the view: its cells are CdCellText) give way like the
 * values under them, "…" and a tooltip. */
static void
let_headers_shrink (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget))
    {
      gtk_label_set_ellipsize (GTK_LABEL (widget), PANGO_ELLIPSIZE_END);
      gtk_widget_set_has_tooltip (widget, TRUE);
      g_signal_connect (widget, "query-tooltip", G_CALLBACK (header_tooltip_cb), NULL);
    }
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    let_headers_shrink (c);
}

static void
add_column (CdDeviceColumns *self,
            GtkColumnView   *view,
            const char      *title,
            const char      *column,
            gboolean         expand)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *col;
  Column *data = g_new0 (Column, 1);

  data->columns = self;   /* outlives the column view (see the header) */
  data->column = column;
  g_signal_connect (factory, "setup", G_CALLBACK (setup_cell_cb), data);
  g_signal_connect_data (factory, "bind", G_CALLBACK (bind_cell_cb), data,
                         (GClosureNotify) (void (*) (void)) g_free, 0);
  col = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_expand (col, expand);
  gtk_column_view_column_set_resizable (col, TRUE);
  gtk_column_view_append_column (view, col);
  g_object_unref (col);
}

CdDeviceColumns *
cd_device_columns_new (GtkColumnView *view)
{
  CdDeviceColumns *self = g_new0 (CdDeviceColumns, 1);

  g_return_val_if_fail (GTK_IS_COLUMN_VIEW (view), self);

  self->serial_sample = g_strdup (SERIAL_SAMPLE_DEFAULT);
  self->holder_sample = g_strdup (HOLDER_SAMPLE_DEFAULT);
  /* What the clerk reads a device by first — its serial, who has it and
   * where it stands — in the part of the list a 1100 px window shows
   * beside the history; the others after them, scrolled to. */
  add_column (self, view, _("Serial"), "serial", FALSE);
  add_column (self, view, _("Type"), "type", FALSE);
  add_column (self, view, _("Holder"), "holder", TRUE);
  add_column (self, view, _("Status"), "status", FALSE);
  add_column (self, view, _("Certificate on it"), "certificate", FALSE);
  add_column (self, view, _("Model"), "model", FALSE);
  /* A SIM's carrier and number: the Cục's sheet asks for both. */
  add_column (self, view, _("Carrier"), "carrier", FALSE);
  add_column (self, view, _("Phone"), "phone", FALSE);
  let_headers_shrink (GTK_WIDGET (view));
  return self;
}

void
cd_device_columns_fit (CdDeviceColumns *self,
                       CdDeviceRows    *rows)
{
  g_return_if_fail (self != NULL);

  g_free (self->serial_sample);
  self->serial_sample = sample_for (rows, CD_DEVICE_ROW_SERIAL, SERIAL_SAMPLE_MAX, SERIAL_SAMPLE_DEFAULT);
  g_free (self->holder_sample);
  self->holder_sample = sample_for (rows, CD_DEVICE_ROW_HOLDER, HOLDER_SAMPLE_MAX, HOLDER_SAMPLE_DEFAULT);
}

void
cd_device_columns_free (CdDeviceColumns *self)
{
  if (self == NULL)
    return;
  g_free (self->serial_sample);
  g_free (self->holder_sample);
  g_free (self);
}
