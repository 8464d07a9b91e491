/* cd-batch-letter-dialog.c — Thư của Sở: the letter a list answers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "cd-batch.h"
#include "cd-batch-letter-dialog.h"
#include "cd-text.h"

struct _CdBatchLetterDialog
{
  AdwWindow    parent_instance;

  CdStore     *store;
  gint64       batch_id;

  /* template children */
  AdwEntryRow *letter_row;
  AdwEntryRow *deadline_row;
  AdwEntryRow *recipient_row;
  AdwComboRow *channel_row;
  GtkWidget   *save_button;
  GtkLabel    *error_label;
};

G_DEFINE_FINAL_TYPE (CdBatchLetterDialog, cd_batch_letter_dialog, ADW_TYPE_WINDOW)

GListModel *
cd_batch_letter_channel_model (void)
{
  GtkStringList *list = gtk_string_list_new (NULL);

  gtk_string_list_append (list, _("Not said"));
  for (CdBatchChannel c = CD_BATCH_CHANNEL_EMAIL; c <= CD_BATCH_CHANNEL_TRUC; c++)
    gtk_string_list_append (list, cd_batch_channel_label (c));
  return G_LIST_MODEL (list);
}

/* The deadline typed, as ISO in *@iso (NULL when empty); FALSE when it
 * is not a date. */
static gboolean
read_deadline (CdBatchLetterDialog  *self,
               char                **iso)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->deadline_row))));

  *iso = NULL;
  if (*text == '\0')
    return TRUE;
  *iso = cd_text_parse_date (text);
  return *iso != NULL;
}

static void
show_message (CdBatchLetterDialog *self,
              const char          *message)
{
  gtk_label_set_label (self->error_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static void
deadline_changed_cb (CdBatchLetterDialog *self)
{
  g_autofree char *iso = NULL;
  gboolean ok = read_deadline (self, &iso);

  show_message (self, ok ? NULL : _("Write the deadline as dd/mm/yyyy, for example 12/09/2025."));
  gtk_widget_set_sensitive (self->save_button, ok);
}

static void
save_clicked_cb (CdBatchLetterDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *iso = NULL;

  if (!read_deadline (self, &iso))
    return;
  if (!cd_batch_set_letter (self->store, self->batch_id,
                            gtk_editable_get_text (GTK_EDITABLE (self->letter_row)), iso,
                            gtk_editable_get_text (GTK_EDITABLE (self->recipient_row)),
                            (CdBatchChannel) adw_combo_row_get_selected (self->channel_row), &error))
    {
      show_message (self, error->message);
      return;
    }
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
cd_batch_letter_dialog_dispose (GObject *object)
{
  CdBatchLetterDialog *self = CD_BATCH_LETTER_DIALOG (object);

  g_clear_object (&self->store);
  gtk_widget_dispose_template (GTK_WIDGET (self), CD_TYPE_BATCH_LETTER_DIALOG);
  G_OBJECT_CLASS (cd_batch_letter_dialog_parent_class)->dispose (object);
}

static void
cd_batch_letter_dialog_class_init (CdBatchLetterDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = cd_batch_letter_dialog_dispose;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/certdesk/CertDesk/documents/cd-batch-letter-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CdBatchLetterDialog, letter_row);
  gtk_widget_class_bind_template_child (widget_class, CdBatchLetterDialog, deadline_row);
  gtk_widget_class_bind_template_child (widget_class, CdBatchLetterDialog, recipient_row);
  gtk_widget_class_bind_template_child (widget_class, CdBatchLetterDialog, channel_row);
  gtk_widget_class_bind_template_child (widget_class, CdBatchLetterDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, CdBatchLetterDialog, error_label);
  gtk_widget_class_bind_template_callback (widget_class, deadline_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, save_clicked_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
cd_batch_letter_dialog_init (CdBatchLetterDialog *self)
{
  g_autoptr(GListModel) channels = cd_batch_letter_channel_model ();

  gtk_widget_init_template (GTK_WIDGET (self));
  adw_combo_row_set_model (self->channel_row, channels);
}

CdBatchLetterDialog *
cd_batch_letter_dialog_new (GtkWindow *parent,
                            CdStore   *store,
                            gint64     batch_id)
{
  CdBatchLetterDialog *self = g_object_new (CD_TYPE_BATCH_LETTER_DIALOG,
                                            "transient-for", parent, NULL);
  g_autoptr(CdBatchInfo) info = cd_batch_get (store, batch_id, NULL);

  self->store = g_object_ref (store);
  self->batch_id = batch_id;
  if (info != NULL)
    {
      g_autofree char *deadline = info->deadline ? cd_text_date_display (info->deadline) : NULL;

      gtk_editable_set_text (GTK_EDITABLE (self->letter_row), info->letter ? info->letter : "");
      gtk_editable_set_text (GTK_EDITABLE (self->deadline_row), deadline ? deadline : "");
      gtk_editable_set_text (GTK_EDITABLE (self->recipient_row), info->recipient ? info->recipient : "");
      adw_combo_row_set_selected (self->channel_row, info->channel);
    }
  return self;
}
