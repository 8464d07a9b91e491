/* cd-wizard-preview-page.c — the wizard's preview step
 *
 * The rows are a GListStore of GtkStringList (one per row, its cells):
 * a GtkColumnView only makes widgets for the rows in sight, so 1,000
 * rows stay cheap.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cd-wizard-check.h"
#include "cd-wizard-preview-page.h"
#include "cd-wizard-window-private.h"

struct _CdWizardPreviewPage
{
  GtkBox          parent_instance;

  CdWizardWindow *window;   /* not a reference: the page is inside it */

  GtkWidget      *busy_box;
  GtkWidget      *message_label;
  GtkWidget      *head_label;
  GtkWidget      *pages_label;
  GtkWidget      *rows_scroll;
  GtkColumnView  *rows_view;
  GtkWidget      *gaps_label;

  /* what the template writes, inspected on a worker first */
  CdWizardTemplateInfo *info;
};

G_DEFINE_FINAL_TYPE (CdWizardPreviewPage, cd_wizard_preview_page, GTK_TYPE_BOX)

/* A call with the cancellable of the page's build: the window cancels
 * it when the step is left or rebuilt, or when it closes. */
static CdWizardCall *
preview_call_new (CdWizardPreviewPage *self)
{
  return cd_wizard_call_new (self, self->window->page_cancel, NULL, NULL);
}

static gboolean
preview_call_stale (CdWizardCall *call)
{
  return cd_wizard_call_cancelled (call) || ((CdWizardPreviewPage *) call->page)->window == NULL;
}

static GListModel *
rows_model (GPtrArray *rows)
{
  GListStore *store = g_list_store_new (GTK_TYPE_STRING_LIST);

  for (guint r = 0; r < rows->len; r++)
    {
      g_autoptr(GtkStringList) cells = gtk_string_list_new (g_ptr_array_index (rows, r));
      g_list_store_append (store, cells);
    }
  return G_LIST_MODEL (store);
}

static void
cell_setup_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  column)
{
  GtkWidget *l = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (l), 0);
  gtk_label_set_wrap (GTK_LABEL (l), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (l), 28);
  gtk_list_item_set_child (list_item, l);
}

static void
cell_bind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              gpointer                  column)
{
  GtkStringList *cells = GTK_STRING_LIST (gtk_list_item_get_item (list_item));
  const char *cell = gtk_string_list_get_string (cells, GPOINTER_TO_UINT (column));

  gtk_label_set_label (GTK_LABEL (gtk_list_item_get_child (list_item)), cell ? cell : "");
}

static void
pages_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(CdWizardCall) call = user_data;
  int pages = cd_wizard_count_pages_finish (CD_STORE (source), result, NULL);
  g_autofree char *text = NULL;

  if (preview_call_stale (call) || pages <= 0)
    return;
  text = g_strdup_printf (_("About %d page(s) (an estimate: laid out as the printed list on A4)"),
                          (int) pages);
  gtk_label_set_label (GTK_LABEL (((CdWizardPreviewPage *) call->page)->pages_label), text);
}

static void
gaps_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(CdWizardCall) call = user_data;
  g_autoptr(GPtrArray) gaps = cd_wizard_check_finish (CD_STORE (source), result, NULL);
  g_autoptr(GString) w = NULL;

  if (preview_call_stale (call) || gaps == NULL || gaps->len == 0)
    return;
  w = g_string_new (_("Still missing or wrong:"));
  for (guint i = 0; i < gaps->len; i++)
    {
      CdWizardGap *g = g_ptr_array_index (gaps, i);
      g_string_append_printf (w, "\n• %s — %s: %s", g->full_name, g->label, g->message);
    }
  gtk_label_set_label (GTK_LABEL (((CdWizardPreviewPage *) call->page)->gaps_label), w->str);
  gtk_widget_set_visible (((CdWizardPreviewPage *) call->page)->gaps_label, TRUE);
}

static void
fill (CdWizardPreviewPage  *self,
      CdWizardTemplateInfo *info,
      CdDocContext         *ctx)
{
  CdWizardWindow *window = self->window;
  CdWizardDraft *draft = window->draft;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GString) head = g_string_new (NULL);
  g_autoptr(GListModel) model = NULL;
  g_autofree char *date = cd_docs_date_long (ctx->year, ctx->month, ctx->day);

  g_string_append_printf (head, _("Number: %s · %s · Signed by: %s %s · %u people"),
                          draft->doc_number ? draft->doc_number : "…",
                          date,
                          draft->signer_title ? draft->signer_title : "",
                          draft->signer_name ? draft->signer_name : "",
                          ctx->people->len);
  if (draft->recipient)
    g_string_append_printf (head, " · %s %s", _("To:"), draft->recipient);
  gtk_label_set_label (GTK_LABEL (self->head_label), head->str);
  gtk_widget_set_visible (self->head_label, TRUE);
  gtk_widget_set_visible (self->pages_label, TRUE);

  rows = cd_wizard_preview_rows (ctx, (const char * const *) info->fields);
  model = rows_model (rows);
  gtk_column_view_set_model (self->rows_view,
                             GTK_SELECTION_MODEL (gtk_no_selection_new (g_object_ref (model))));
  for (guint c = 0; info->headers[c] != NULL; c++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      g_autoptr(GtkColumnViewColumn) column = NULL;

      g_signal_connect (factory, "setup", G_CALLBACK (cell_setup_cb), GUINT_TO_POINTER (c));
      g_signal_connect (factory, "bind", G_CALLBACK (cell_bind_cb), GUINT_TO_POINTER (c));
      column = gtk_column_view_column_new (info->headers[c], factory);
      gtk_column_view_column_set_resizable (column, TRUE);
      gtk_column_view_append_column (self->rows_view, column);
    }
  gtk_widget_set_visible (self->rows_scroll, TRUE);

  /* Laid out by core on a worker (the printed list's layout): an
   * estimate for the Word file, whose layout Word decides. */
  cd_wizard_count_pages_async (window->store, draft, now_seconds (), threshold (window),
                               window->page_cancel, pages_done_cb, preview_call_new (self));
  /* what is still missing, below the rows once known */
  cd_wizard_window_check_async (window, (const char * const *) info->fields,
                                gaps_done_cb, preview_call_new (self));
  gtk_widget_set_sensitive (GTK_WIDGET (window->next_button), TRUE);
}

static void
show_message (CdWizardPreviewPage *self,
              const char          *message)
{
  gtk_widget_set_visible (self->busy_box, FALSE);
  gtk_label_set_label (GTK_LABEL (self->message_label), message);
  gtk_widget_set_visible (self->message_label, TRUE);
}

static void
context_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(CdWizardCall) call = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CdDocContext) ctx = cd_wizard_context_finish (CD_STORE (source), result, &error);
  CdWizardPreviewPage *self = call->page;

  if (preview_call_stale (call))
    return;
  if (ctx == NULL)
    {
      show_message (self, error->message);
      return;
    }
  gtk_widget_set_visible (self->busy_box, FALSE);
  cd_wizard_window_set_unit (self->window, ctx->unit);
  fill (self, self->info, ctx);
}

static void
inspect_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(CdWizardCall) call = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CdWizardTemplateInfo) info = cd_wizard_template_inspect_finish (CD_STORE (source), result,
                                                                            &error);
  CdWizardPreviewPage *self = call->page;
  CdWizardWindow *window = self->window;

  if (preview_call_stale (call))
    return;
  if (info == NULL)
    {
      show_message (self, error->message);
      return;
    }
  g_clear_pointer (&self->info, cd_wizard_template_info_free);
  self->info = g_steal_pointer (&info);
  cd_wizard_context_async (window->store, window->draft, now_seconds (), threshold (window),
                           window->page_cancel, context_done_cb, g_steal_pointer (&call));
}

static void
cd_wizard_preview_page_dispose (GObject *object)
{
  CdWizardPreviewPage *self = CD_WIZARD_PREVIEW_PAGE (object);

  self->window = NULL;
  g_clear_pointer (&self->info, cd_wizard_template_info_free);
  gtk_widget_dispose_template (GTK_WIDGET (object), CD_TYPE_WIZARD_PREVIEW_PAGE);
  G_OBJECT_CLASS (cd_wizard_preview_page_parent_class)->dispose (object);
}

static void
cd_wizard_preview_page_class_init (CdWizardPreviewPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = cd_wizard_preview_page_dispose;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/certdesk/CertDesk/wizard/cd-wizard-preview-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CdWizardPreviewPage, busy_box);
  gtk_widget_class_bind_template_child (widget_class, CdWizardPreviewPage, message_label);
  gtk_widget_class_bind_template_child (widget_class, CdWizardPreviewPage, head_label);
  gtk_widget_class_bind_template_child (widget_class, CdWizardPreviewPage, pages_label);
  gtk_widget_class_bind_template_child (widget_class, CdWizardPreviewPage, rows_scroll);
  gtk_widget_class_bind_template_child (widget_class, CdWizardPreviewPage, rows_view);
  gtk_widget_class_bind_template_child (widget_class, CdWizardPreviewPage, gaps_label);
}

static void
cd_wizard_preview_page_init (CdWizardPreviewPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
cd_wizard_preview_page_new (CdWizardWindow *window)
{
  CdWizardPreviewPage *self = g_object_new (CD_TYPE_WIZARD_PREVIEW_PAGE, NULL);

  self->window = window;
  /* Next waits for the rows: what is saved is what is shown. The
   * template first (a file, read on a worker), then the people. */
  gtk_widget_set_sensitive (GTK_WIDGET (window->next_button), FALSE);
  cd_wizard_template_inspect_async (window->store, window->draft, window->page_cancel,
                                    inspect_done_cb, preview_call_new (self));
  return GTK_WIDGET (self);
}
