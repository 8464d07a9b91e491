/* cd-coverage-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "cd-application.h"
#include "cd-coverage-chart.h"
#include "cd-coverage-export.h"
#include "cd-coverage-window.h"
#include "cd-gui-util.h"
#include "cd-settings.h"

struct _CdCoverageWindow
{
  AdwWindow             parent_instance;

  /* Template widgets */
  AdwToastOverlay      *toasts;
  GtkDrawingArea       *chart;
  GtkLabel             *figures_label;
  GtkButton            *export_button;

  /* Owned */
  CdStore              *store;
  CdCoverage           *coverage;
  GCancellable         *cancellable;
  GtkFileChooserNative *chooser;
};

G_DEFINE_FINAL_TYPE (CdCoverageWindow, cd_coverage_window, ADW_TYPE_WINDOW)

/* ---- Callbacks --------------------------------------------------------- */

static void
draw_chart_cb (GtkDrawingArea *area,
               cairo_t        *cr,
               int             width,
               int             height,
               gpointer        data)
{
  CdCoverageWindow *self = CD_COVERAGE_WINDOW (data);

  if (self->coverage == NULL)
    return;
  cd_coverage_chart_draw (cr, self->coverage, width, height,
                          adw_style_manager_get_dark (adw_style_manager_get_default ()));
}

static void
dark_changed_cb (AdwStyleManager  *manager,
                 GParamSpec       *pspec,
                 CdCoverageWindow *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self->chart));
}

static void
computed_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      data)
{
  g_autoptr(CdCoverageWindow) self = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = NULL;
  CdCoverage *cov = cd_coverage_compute_finish (CD_STORE (source), result, &error);

  if (cov == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        gtk_label_set_text (self->figures_label, error->message);
      return;
    }
  g_clear_pointer (&self->coverage, cd_coverage_free);
  self->coverage = cov;
  summary = cd_coverage_summary (cov);
  gtk_label_set_text (self->figures_label, summary);
  /* A screen reader reads the chart as its figures. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->chart),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, summary, -1);
  gtk_widget_set_sensitive (GTK_WIDGET (self->export_button), TRUE);
  gtk_widget_queue_draw (GTK_WIDGET (self->chart));
}

static void
exported_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      data)
{
  g_autoptr(CdCoverageWindow) self = data;
  g_autoptr(GError) error = NULL;
  const char *target = g_object_get_data (G_OBJECT (self), "cd-target");

  gtk_widget_set_sensitive (GTK_WIDGET (self->export_button), TRUE);
  if (!cd_coverage_export_finish (CD_STORE (source), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        cd_gui_show_error (GTK_WIDGET (self), _("The report could not be saved"), error);
      return;
    }
  {
    g_autofree char *base = g_path_get_basename (target);
    /* Translators: %s is the file name */
    g_autofree char *text = g_strdup_printf (_("Saved %s"), base);
    cd_gui_toast (GTK_WIDGET (self->toasts), text);
  }
}

static void
chooser_response_cb (GtkNativeDialog  *dialog,
                     int               response,
                     CdCoverageWindow *self)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autofree char *lower = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  g_clear_object (&self->chooser);
  if (file == NULL || self->coverage == NULL)
    return;
  path = g_file_get_path (file);
  lower = g_ascii_strdown (path, -1);
  /* A name typed without its ending is a PDF, the document for the Sở. */
  if (!g_str_has_suffix (lower, ".pdf") && !g_str_has_suffix (lower, ".xlsx"))
    {
      char *with = g_strconcat (path, ".pdf", NULL);
      g_free (path);
      path = with;
    }
  g_object_set_data_full (G_OBJECT (self), "cd-target", g_strdup (path), g_free);
  gtk_widget_set_sensitive (GTK_WIDGET (self->export_button), FALSE);
  cd_coverage_export_async (self->store, self->coverage->now, self->coverage->threshold_days, path,
                            self->cancellable, exported_cb, g_object_ref (self));
}

static void
export_clicked_cb (CdCoverageWindow *self)
{
  g_autoptr(GFile) folder = cd_application_documents_folder ();
  g_autoptr(GtkFileFilter) pdf = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) xlsx = gtk_file_filter_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *name = g_date_time_format (now, "Bao_cao_ty_le_chung_thu_so_%Y-%m-%d.pdf");

  if (self->chooser != NULL)
    return;
  self->chooser = gtk_file_chooser_native_new (_("Export the Coverage Report"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (self->chooser), folder, NULL);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  gtk_file_filter_set_name (pdf, _("PDF documents"));
  gtk_file_filter_add_pattern (pdf, "*.pdf");
  gtk_file_filter_add_pattern (pdf, "*.xlsx");
  gtk_file_filter_set_name (xlsx, _("Excel workbooks (.xlsx)"));
  gtk_file_filter_add_pattern (xlsx, "*.xlsx");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), pdf);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), xlsx);
  g_signal_connect (self->chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* ---- GObject ----------------------------------------------------------- */

static void
cd_coverage_window_dispose (GObject *object)
{
  CdCoverageWindow *self = CD_COVERAGE_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  if (self->chooser != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->chooser, self);
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
      g_clear_object (&self->chooser);
    }
  g_signal_handlers_disconnect_by_data (adw_style_manager_get_default (), self);
  gtk_widget_dispose_template (GTK_WIDGET (object), CD_TYPE_COVERAGE_WINDOW);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (cd_coverage_window_parent_class)->dispose (object);
}

static void
cd_coverage_window_finalize (GObject *object)
{
  CdCoverageWindow *self = CD_COVERAGE_WINDOW (object);

  g_clear_pointer (&self->coverage, cd_coverage_free);
  G_OBJECT_CLASS (cd_coverage_window_parent_class)->finalize (object);
}

static void
cd_coverage_window_class_init (CdCoverageWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cd_coverage_window_dispose;
  object_class->finalize = cd_coverage_window_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/certdesk/CertDesk/report/cd-coverage-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CdCoverageWindow, toasts);
  gtk_widget_class_bind_template_child (widget_class, CdCoverageWindow, chart);
  gtk_widget_class_bind_template_child (widget_class, CdCoverageWindow, figures_label);
  gtk_widget_class_bind_template_child (widget_class, CdCoverageWindow, export_button);
  gtk_widget_class_bind_template_callback (widget_class, export_clicked_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
cd_coverage_window_init (CdCoverageWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  gtk_drawing_area_set_draw_func (self->chart, draw_chart_cb, self, NULL);
  g_signal_connect (adw_style_manager_get_default (), "notify::dark", G_CALLBACK (dark_changed_cb), self);
}

/* ---- Public ------------------------------------------------------------ */

CdCoverageWindow *
cd_coverage_window_new (GtkWindow *parent,
                        CdStore   *store)
{
  CdCoverageWindow *self = g_object_new (CD_TYPE_COVERAGE_WINDOW, "transient-for", parent, NULL);

  self->store = g_object_ref (store);
  cd_coverage_compute_async (store, g_get_real_time () / G_USEC_PER_SEC,
                             cd_settings_expiry_threshold_days (NULL), self->cancellable,
                             computed_cb, g_object_ref (self));
  return self;
}
