/* cd-box-handover-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "cd-application.h"
#include "cd-box-handover.h"
#include "cd-box-handover-dialog.h"
#include "cd-gui-util.h"
#include "cd-text.h"

struct _CdBoxHandoverDialog
{
  AdwWindow             parent_instance;

  /* Template widgets */
  AdwToastOverlay      *toasts;
  GtkLabel             *status_label;
  AdwPreferencesGroup  *ready_group;
  AdwPreferencesGroup  *set_aside_group;
  GtkButton            *confirm_button;

  /* Owned */
  CdStore              *store;
  CdBoxPlan            *plan;
  char                 *target;
  GCancellable         *cancellable;
  gboolean              busy;
};

G_DEFINE_FINAL_TYPE (CdBoxHandoverDialog, cd_box_handover_dialog, ADW_TYPE_WINDOW)

enum { HANDED, N_SIGNALS };
static guint signals[N_SIGNALS];

static GtkWidget *
row_new (const char *title,
         const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  return row;
}

static void
show_plan (CdBoxHandoverDialog *self)
{
  CdBoxPlan *plan = self->plan;
  g_autofree char *status = NULL;

  for (guint i = 0; i < plan->ready->len; i++)
    {
      const CdBoxItem *it = g_ptr_array_index (plan->ready, i);
      /* Translators: a device serial, then a certificate serial */
      g_autofree char *sub = it->cert_serial
                             ? g_strdup_printf (_("Device %s · certificate %s"), it->serial, it->cert_serial)
                             : g_strdup_printf (_("Device %s"), it->serial);

      adw_preferences_group_add (self->ready_group, row_new (it->holder_name, sub));
    }
  for (guint i = 0; i < plan->set_aside->len; i++)
    {
      const CdBoxItem *it = g_ptr_array_index (plan->set_aside, i);
      g_autofree char *title = it->holder_name
                               ? g_strdup_printf ("%s — %s", it->serial, it->holder_name)
                               : g_strdup (it->serial);

      adw_preferences_group_add (self->set_aside_group, row_new (title, it->reason));
    }
  gtk_widget_set_visible (GTK_WIDGET (self->ready_group), plan->ready->len > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->set_aside_group), plan->set_aside->len > 0);
  if (plan->ready->len == 0 && plan->set_aside->len == 0)
    status = g_strdup (_("No token to hand out. Plug the tokens of the box in one after another, or select the devices received in the Devices view."));
  else if (plan->ready->len == 0)
    status = g_strdup (_("No token of the box can be handed out: see why each was set aside."));
  else
    /* Translators: %u tokens matched to their holders */
    status = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "%u token matched to its holder. Hand it out to write its handover record (two copies) and the notice to the Authority.",
                                           "%u tokens matched to their holders. Hand them out to write every handover record (two copies each) and the notice to the Authority in one PDF.",
                                           plan->ready->len),
                              plan->ready->len);
  gtk_label_set_text (self->status_label, status);
  gtk_widget_set_sensitive (GTK_WIDGET (self->confirm_button), plan->ready->len > 0);
}

static void
planned_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      data)
{
  g_autoptr(CdBoxHandoverDialog) self = data;
  g_autoptr(GError) error = NULL;
  CdBoxPlan *plan = cd_box_plan_make_finish (CD_STORE (source), result, &error);

  self->busy = FALSE;
  if (plan == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        gtk_label_set_text (self->status_label, error->message);
      return;
    }
  self->plan = plan;
  show_plan (self);
}

static void
handed_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      data)
{
  g_autoptr(CdBoxHandoverDialog) self = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *base = NULL;

  self->busy = FALSE;
  if (!cd_box_hand_out_finish (CD_STORE (source), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      gtk_widget_set_sensitive (GTK_WIDGET (self->confirm_button), TRUE);
      cd_gui_show_error (GTK_WIDGET (self), _("The box could not be handed out"), error);
      return;
    }
  base = g_path_get_basename (self->target);
  /* Translators: %u devices, %s the PDF file */
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Handed out %u device; records and notice saved in %s",
                                       "Handed out %u devices; records and notice saved in %s",
                                       self->plan->ready->len),
                          self->plan->ready->len, base);
  gtk_label_set_text (self->status_label, text);
  g_signal_emit (self, signals[HANDED], 0, text);
}

/* A new name in the documents folder: a second box the same day does not
 * replace the first one's records. */
static char *
target_path (void)
{
  g_autoptr(GFile) folder = cd_application_documents_folder ();
  g_autofree char *dir = g_file_get_path (folder);
  g_autofree char *today = cd_text_today_iso ();

  for (guint n = 1; n < 1000; n++)
    {
      g_autofree char *name = n == 1 ? g_strdup_printf ("Ban_giao_hop_thiet_bi_%s.pdf", today)
                                     : g_strdup_printf ("Ban_giao_hop_thiet_bi_%s_%u.pdf", today, n);
      char *path = g_build_filename (dir, name, NULL);

      if (!g_file_test (path, G_FILE_TEST_EXISTS))
        return path;
      g_free (path);
    }
  return g_build_filename (dir, "Ban_giao_hop_thiet_bi.pdf", NULL);
}

static void
confirm_clicked_cb (CdBoxHandoverDialog *self)
{
  g_autofree char *today = cd_text_today_iso ();

  if (self->plan == NULL || self->busy)
    return;
  self->busy = TRUE;
  gtk_widget_set_sensitive (GTK_WIDGET (self->confirm_button), FALSE);
  g_free (self->target);
  self->target = target_path ();
  gtk_label_set_text (self->status_label, _("Handing out and writing the records…"));
  cd_box_hand_out_async (self->store, self->plan, today, self->target, self->cancellable,
                         handed_cb, g_object_ref (self));
}

static gboolean
close_request_cb (GtkWindow *window)
{
  CdBoxHandoverDialog *self = CD_BOX_HANDOVER_DIALOG (window);

  /* The plan is the worker's until the handover comes back. */
  return self->busy;
}

static void
cd_box_handover_dialog_dispose (GObject *object)
{
  CdBoxHandoverDialog *self = CD_BOX_HANDOVER_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (object), CD_TYPE_BOX_HANDOVER_DIALOG);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (cd_box_handover_dialog_parent_class)->dispose (object);
}

static void
cd_box_handover_dialog_finalize (GObject *object)
{
  CdBoxHandoverDialog *self = CD_BOX_HANDOVER_DIALOG (object);

  g_clear_pointer (&self->plan, cd_box_plan_free);
  g_free (self->target);
  G_OBJECT_CLASS (cd_box_handover_dialog_parent_class)->finalize (object);
}

static void
cd_box_handover_dialog_class_init (CdBoxHandoverDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = cd_box_handover_dialog_dispose;
  object_class->finalize = cd_box_handover_dialog_finalize;
  window_class->close_request = close_request_cb;

  signals[HANDED] = g_signal_new ("handed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/certdesk/CertDesk/devices/cd-box-handover-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CdBoxHandoverDialog, toasts);
  gtk_widget_class_bind_template_child (widget_class, CdBoxHandoverDialog, status_label);
  gtk_widget_class_bind_template_child (widget_class, CdBoxHandoverDialog, ready_group);
  gtk_widget_class_bind_template_child (widget_class, CdBoxHandoverDialog, set_aside_group);
  gtk_widget_class_bind_template_child (widget_class, CdBoxHandoverDialog, confirm_button);
  gtk_widget_class_bind_template_callback (widget_class, confirm_clicked_cb);
}

static void
cd_box_handover_dialog_init (CdBoxHandoverDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
}

CdBoxHandoverDialog *
cd_box_handover_dialog_new (GtkWindow *parent,
                            CdStore   *store,
                            GArray    *device_ids,
                            GPtrArray *tokens)
{
  CdBoxHandoverDialog *self = g_object_new (CD_TYPE_BOX_HANDOVER_DIALOG, "transient-for", parent, NULL);
  guint n = device_ids != NULL ? device_ids->len : 0;

  self->store = g_object_ref (store);
  self->busy = TRUE;
  cd_box_plan_make_async (store, n > 0 ? (const gint64 *) (gpointer) device_ids->data : NULL, n,
                          n > 0 ? NULL : tokens, self->cancellable, planned_cb, g_object_ref (self));
  return self;
}
