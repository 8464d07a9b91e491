/* cd-import-preview-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "cd-import-preview-dialog.h"

/* Enough to see what is wrong; a longer list only slows the dialog. */
#define MAX_ROWS 500

struct _CdImportPreviewDialog
{
  AdwMessageDialog  parent_instance;

  /* Template widgets */
  GtkListBox       *rows_list;
};

G_DEFINE_FINAL_TYPE (CdImportPreviewDialog, cd_import_preview_dialog, ADW_TYPE_MESSAGE_DIALOG)

static void
fill_rows (CdImportPreviewDialog *self,
           const CdStaffImport   *import)
{
  guint shown = 0;

  /* Rejected rows first, then the others: what needs the clerk's eyes. */
  for (int pass = 0; pass < 2; pass++)
    for (guint i = 0; i < import->rows->len && shown < MAX_ROWS; i++)
      {
        const CdImportRow *r = g_ptr_array_index (import->rows, i);
        GtkWidget *row;
        g_autofree char *title = NULL;
        const char *what;

        if ((pass == 0) != (r->action == CD_IMPORT_REJECT) || r->action == CD_IMPORT_UNCHANGED)
          continue;
        what = r->action == CD_IMPORT_ADD ? _("added") : r->action == CD_IMPORT_UPDATE ? _("updated") : _("rejected");
        title = g_strdup_printf (_("Row %u: %s — %s"), r->row,
                                 r->staff && r->staff->full_name ? r->staff->full_name
                                 : r->name ? r->name : "", what);
        row = adw_action_row_new ();
        adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
        if (r->reason)
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), r->reason);
        else if (r->warnings && r->warnings->len > 0)
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), g_ptr_array_index (r->warnings, 0));
        if (r->action == CD_IMPORT_REJECT)
          gtk_widget_add_css_class (row, "error");
        gtk_list_box_append (self->rows_list, row);
        shown++;
      }
}

static void
cd_import_preview_dialog_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), CD_TYPE_IMPORT_PREVIEW_DIALOG);
  G_OBJECT_CLASS (cd_import_preview_dialog_parent_class)->dispose (object);
}

static void
cd_import_preview_dialog_class_init (CdImportPreviewDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cd_import_preview_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/certdesk/CertDesk/staff/cd-import-preview-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CdImportPreviewDialog, rows_list);
}

static void
cd_import_preview_dialog_init (CdImportPreviewDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

CdImportPreviewDialog *
cd_import_preview_dialog_new (GtkWindow           *parent,
                              const CdStaffImport *import)
{
  CdImportPreviewDialog *self;

  g_return_val_if_fail (import != NULL, NULL);

  self = g_object_new (CD_TYPE_IMPORT_PREVIEW_DIALOG, "transient-for", parent, NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (self),
                                  _("%u to add, %u to update, %u unchanged, %u rejected. Rejected rows are not written; fix them in the file and import again."),
                                  import->n_added, import->n_updated, import->n_unchanged, import->n_rejected);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "import",
                                           import->n_added + import->n_updated > 0);
  fill_rows (self, import);
  return self;
}
