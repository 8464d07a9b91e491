/* cd-cell-text.c
 *
 * Why not a GtkLabel: GTK 4.8's list views keep about 200 rows alive, so
 * the staff list holds some 1,400 cells, and a GtkLabel lays its text out
 * with Pango several times to measure itself. Every search keystroke that
 * changes the first rows measured them all again (80–600 ms with 30,000
 * staff). This cell's size does not depend on its text: the line height
 * of its font and the width of a sample text of its column, both measured
 * once per font; the text is laid out only when drawn, and not at all
 * while the cell is out of view of its scrolled window. It is read by screen readers as a label with its text.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cd-cell-text.h"

struct _CdCellText
{
  GtkWidget  parent_instance;

  char      *text;
  char      *sample;
  const char *min_sample;  /* static: the narrowest a shrinking cell goes */
  float      xalign;
  gboolean   shrink;
  PangoEllipsizeMode ellipsize;  /* where a text too long is cut */
  gboolean   skipped;   /* last drawn outside the visible part of the list */
  gboolean   size_stale;  /* text of another width set while unseen */
  gboolean   draw_stale;  /* text set while unseen */
  const char *css_class;  /* cd_cell_text_set_class(), static */
  const char *css_shown;  /* the class the widget has now */
  GtkAdjustment *watched;  /* the list's scrolling, while skipped */
};

G_DEFINE_FINAL_TYPE (CdCellText, cd_cell_text, GTK_TYPE_WIDGET)

/* ---- Font metrics, shared by every cell with the same font ----------- */

typedef struct {
  int         line_height;   /* pixels */
  int         ellipsis;      /* width of "…", pixels */
  GHashTable *text_widths;   /* text → pixels: samples and short texts */
} Metrics;

static void
metrics_free (gpointer data)
{
  Metrics *m = data;

  g_hash_table_unref (m->text_widths);
  g_free (m);
}

static GHashTable *metrics_by_font;   /* PangoFontDescription → Metrics; main thread */

static Metrics *
metrics_for (GtkWidget *widget)
{
  PangoContext *context = gtk_widget_get_pango_context (widget);
  const PangoFontDescription *font = pango_context_get_font_description (context);
  Metrics *m;

  if (metrics_by_font == NULL)
    metrics_by_font = g_hash_table_new_full ((GHashFunc) pango_font_description_hash,
                                             (GEqualFunc) pango_font_description_equal,
                                             (GDestroyNotify) pango_font_description_free,
                                             metrics_free);
  m = g_hash_table_lookup (metrics_by_font, font);
  if (m == NULL)
    {
      /* Capitals with Vietnamese marks above and a descender below: the
       * tallest line a name can make. */
      g_autoptr(PangoLayout) tall = gtk_widget_create_pango_layout (widget, "ẨỸg");
      g_autoptr(PangoLayout) ellipsis = gtk_widget_create_pango_layout (widget, "…");
      int w, h;

      m = g_new0 (Metrics, 1);
      pango_layout_get_pixel_size (tall, NULL, &h);
      pango_layout_get_pixel_size (ellipsis, &w, NULL);
      m->line_height = h;
      m->ellipsis = w;
      m->text_widths = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      g_hash_table_insert (metrics_by_font, pango_font_description_copy (font), m);
    }
  return m;
}

static int
text_width (GtkWidget  *widget,
            Metrics    *m,
            const char *text)
{
  gpointer cached;

  if (text == NULL || *text == '\0')
    return 0;
  if (!g_hash_table_lookup_extended (m->text_widths, text, NULL, &cached))
    {
      g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, text);
      int w;

      pango_layout_get_pixel_size (layout, &w, NULL);
      cached = GINT_TO_POINTER (w);
      /* Samples and statuses: a few distinct texts, the table stays small. */
      if (g_hash_table_size (m->text_widths) < 256)
        g_hash_table_insert (m->text_widths, g_strdup (text), cached);
    }
  return GPOINTER_TO_INT (cached);
}

/* ---- GtkWidget ------------------------------------------------------- */

static void
cd_cell_text_measure (GtkWidget      *widget,
                      GtkOrientation  orientation,
                      int             for_size,
                      int            *minimum,
                      int            *natural,
                      int            *minimum_baseline,
                      int            *natural_baseline)
{
  CdCellText *self = CD_CELL_TEXT (widget);
  Metrics *m = metrics_for (widget);

  if (orientation == GTK_ORIENTATION_VERTICAL)
    *minimum = *natural = m->line_height;
  else if (self->sample == NULL)
    *minimum = *natural = text_width (widget, m, self->text);
  else
    {
      /* Like an ellipsized label: as narrow as "…" if need be. */
      *natural = text_width (widget, m, self->sample);
      *minimum = self->shrink ? MIN (*natural, MAX (m->ellipsis, text_width (widget, m, self->min_sample)))
                              : *natural;
    }
}

/* Whether any of @widget shows (vertically) in its scrolled window;
 * sets *@scrolled to that window, NULL if none. */
static gboolean
in_view (GtkWidget  *widget,
         GtkWidget **scrolled_out)
{
  GtkWidget *scrolled = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);
  graphene_rect_t bounds;

  if (scrolled_out != NULL)
    *scrolled_out = scrolled;
  if (scrolled == NULL || !gtk_widget_compute_bounds (widget, scrolled, &bounds))
    return TRUE;
  return bounds.origin.y + bounds.size.height > 0
         && bounds.origin.y < gtk_widget_get_height (scrolled);
}

static void
stop_watching (CdCellText *self)
{
  if (self->watched == NULL)
    return;
  g_signal_handlers_disconnect_by_data (self->watched, self);
  g_clear_object (&self->watched);
}

/* Changing a class restyles the cell: only when it differs. */
static void
apply_class (CdCellText *self)
{
  if (g_strcmp0 (self->css_shown, self->css_class) == 0)
    return;
  if (self->css_shown != NULL)
    gtk_widget_remove_css_class (GTK_WIDGET (self), self->css_shown);
  if (self->css_class != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self), self->css_class);
  self->css_shown = self->css_class;
}

/* Whether nobody can see the cell: its row hidden (an empty place of the
 * staff list), or out of view of the list when last drawn (one of the
 * ~175 rows GTK 4.8 keeps around those shown). Such a cell takes a new
 * text or class without asking GTK for anything; it catches up once
 * seen. Asking at once restyled, measured or drew rows nobody sees, in a
 * frame of its own after each search keystroke, which also held back the
 * next keystroke's frame by up to a refresh (60 Hz). */
static gboolean
unseen (CdCellText *self)
{
  return !gtk_widget_get_mapped (GTK_WIDGET (self)) || (self->skipped && self->watched != NULL);
}

static void
catch_up (CdCellText *self)
{
  apply_class (self);
  if (self->size_stale)
    gtk_widget_queue_resize (GTK_WIDGET (self));
  if (self->draw_stale)
    gtk_widget_queue_draw (GTK_WIDGET (self));
  self->size_stale = self->draw_stale = FALSE;
}

/* The list scrolled or grew: a cell skipped may be in view now. GTK moves
 * rows without drawing them again, so ask for it. */
static void
scrolled_cb (CdCellText *self)
{
  stop_watching (self);
  catch_up (self);
  if (self->skipped)
    {
      self->skipped = FALSE;
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

/* Its row shown again. */
static void
cd_cell_text_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (cd_cell_text_parent_class)->map (widget);
  if (!unseen (CD_CELL_TEXT (widget)))
    catch_up (CD_CELL_TEXT (widget));
}

static void
cd_cell_text_snapshot (GtkWidget   *widget,
                       GtkSnapshot *snapshot)
{
  CdCellText *self = CD_CELL_TEXT (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  g_autoptr(PangoLayout) layout = NULL;
  GdkRGBA color;
  int w, h;

  GtkWidget *scrolled = NULL;

  self->skipped = FALSE;
  if (self->text == NULL || *self->text == '\0' || width <= 0)
    return;
  /* GTK 4.8 keeps ~200 rows and draws them all; only those in view are
   * worth laying out. One skipped watches the scrolling until drawn. */
  if (!in_view (widget, &scrolled))
    {
      self->skipped = TRUE;
      if (self->watched == NULL)
        {
          self->watched = g_object_ref (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled)));
          g_signal_connect_swapped (self->watched, "value-changed", G_CALLBACK (scrolled_cb), self);
          g_signal_connect_swapped (self->watched, "notify::page-size", G_CALLBACK (scrolled_cb), self);
        }
      return;
    }
  stop_watching (self);
  layout = gtk_widget_create_pango_layout (widget, self->text);
  pango_layout_set_single_paragraph_mode (layout, TRUE);
  pango_layout_set_ellipsize (layout, self->ellipsize);
  pango_layout_set_width (layout, width * PANGO_SCALE);
  pango_layout_get_pixel_size (layout, &w, &h);
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &color);

  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (floorf (self->xalign * MAX (0, width - w)),
                                                         floorf ((height - h) / 2.f)));
  gtk_snapshot_append_layout (snapshot, layout, &color);
  gtk_snapshot_restore (snapshot);
}

/* A text cut short ("…") is read whole in a tooltip; one that fits has
 * none. Only cells sized by a sample can be narrower than their text. */
static gboolean
cd_cell_text_query_tooltip (GtkWidget  *widget,
                            int         x,
                            int         y,
                            gboolean    keyboard_mode,
                            GtkTooltip *tooltip)
{
  CdCellText *self = CD_CELL_TEXT (widget);

  if (self->text == NULL || *self->text == '\0'
      || text_width (widget, metrics_for (widget), self->text) <= gtk_widget_get_width (widget))
    return FALSE;
  gtk_tooltip_set_text (tooltip, self->text);
  return TRUE;
}

static void
cd_cell_text_finalize (GObject *object)
{
  CdCellText *self = CD_CELL_TEXT (object);

  g_free (self->text);
  g_free (self->sample);

  G_OBJECT_CLASS (cd_cell_text_parent_class)->finalize (object);
}

static void
cd_cell_text_dispose (GObject *object)
{
  stop_watching (CD_CELL_TEXT (object));

  G_OBJECT_CLASS (cd_cell_text_parent_class)->dispose (object);
}

static void
cd_cell_text_class_init (CdCellTextClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cd_cell_text_dispose;
  object_class->finalize = cd_cell_text_finalize;
  widget_class->measure = cd_cell_text_measure;
  widget_class->snapshot = cd_cell_text_snapshot;
  widget_class->map = cd_cell_text_map;
  widget_class->query_tooltip = cd_cell_text_query_tooltip;

  /* Styled like a label (colours, fonts, .numeric, badges). */
  gtk_widget_class_set_css_name (widget_class, "label");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_LABEL);
}

static void
cd_cell_text_init (CdCellText *self)
{
  self->ellipsize = PANGO_ELLIPSIZE_END;
}

GtkWidget *
cd_cell_text_new (const char *sample,
                  float       xalign,
                  gboolean    shrink)
{
  CdCellText *self = g_object_new (CD_TYPE_CELL_TEXT, NULL);

  self->sample = g_strdup (sample);
  self->xalign = xalign;
  self->shrink = shrink;
  /* Sized by its sample, the cell may cut its text: see query_tooltip. */
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), sample != NULL);
  return GTK_WIDGET (self);
}

void
cd_cell_text_set_text (CdCellText *self,
                       const char *text)
{
  gboolean resize, was_set;

  g_return_if_fail (CD_IS_CELL_TEXT (self));

  if (g_strcmp0 (self->text, text) == 0)
    return;
  was_set = self->text != NULL && *self->text != '\0';
  /* Same size whatever the text, unless it is measured from the text;
   * then only if its width changes (a status for another as wide). */
  resize = self->sample == NULL
           && text_width (GTK_WIDGET (self), metrics_for (GTK_WIDGET (self)), self->text)
              != text_width (GTK_WIDGET (self), metrics_for (GTK_WIDGET (self)), text);
  g_free (self->text);
  self->text = g_strdup (text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  text ? text : "", -1);
  /* Unseen: measured and drawn once seen. One measured from its text
   * that empties or fills (its row hidden or shown, cd-staff-view.c) is
   * measured at once: the column's width follows the rows shown. */
  if (unseen (self) && (!resize || (was_set && text != NULL && *text != '\0')))
    {
      self->size_stale = self->size_stale || resize;
      self->draw_stale = TRUE;
      return;
    }
  if (resize)
    gtk_widget_queue_resize (GTK_WIDGET (self));
  else
    gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
cd_cell_text_set_sample (CdCellText *self,
                         const char *sample)
{
  g_return_if_fail (CD_IS_CELL_TEXT (self));
  g_return_if_fail (sample != NULL && self->sample != NULL);

  if (g_str_equal (self->sample, sample))
    return;
  g_free (self->sample);
  self->sample = g_strdup (sample);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

void
cd_cell_text_set_min_sample (CdCellText *self,
                             const char *min_sample)
{
  g_return_if_fail (CD_IS_CELL_TEXT (self));

  self->min_sample = min_sample;
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

void
cd_cell_text_set_ellipsize (CdCellText        *self,
                            PangoEllipsizeMode mode)
{
  g_return_if_fail (CD_IS_CELL_TEXT (self));

  self->ellipsize = mode;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
cd_cell_text_set_class (CdCellText *self,
                        const char *css_class)
{
  g_return_if_fail (CD_IS_CELL_TEXT (self));

  self->css_class = css_class;
  /* Restyled once seen (catch_up()). */
  if (!unseen (self))
    apply_class (self);
}

gboolean
cd_cell_text_is_drawn (CdCellText *self)
{
  g_return_val_if_fail (CD_IS_CELL_TEXT (self), FALSE);
  return !self->skipped;
}

const char *
cd_cell_text_get_text (CdCellText *self)
{
  g_return_val_if_fail (CD_IS_CELL_TEXT (self), NULL);
  return self->text;
}
