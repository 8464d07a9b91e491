/* cd-merger-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "cd-gui-util.h"
#include "cd-merger.h"
#include "cd-merger-dialog.h"

struct _CdMergerDialog
{
  AdwWindow        parent_instance;

  /* Template widgets */
  AdwToastOverlay *toasts;
  AdwEntryRow     *name_row;
  AdwEntryRow     *parent_row;
  AdwEntryRow     *province_row;
  AdwEntryRow     *email_row;
  AdwComboRow     *seal_row;
  GtkButton       *plan_button;
  GtkButton       *apply_button;
  GtkLabel        *plan_label;

  /* Owned */
  CdStore         *store;
  GArray          *seal_ids;      /* gint64, in the seal row's order */
  GCancellable    *cancellable;
  gboolean         applying;
};

G_DEFINE_FINAL_TYPE (CdMergerDialog, cd_merger_dialog, ADW_TYPE_WINDOW)

enum { APPLIED, N_SIGNALS };
static guint signals[N_SIGNALS];

static CdMergerRequest *
request_from_fields (CdMergerDialog *self)
{
  CdMergerRequest *req = cd_merger_request_new ();
  guint pos = adw_combo_row_get_selected (self->seal_row);

  req->new_name = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row)));
  req->new_parent = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->parent_row)));
  req->new_province = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->province_row)));
  req->new_email = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->email_row)));
  if (self->seal_ids->len > 1 && pos < self->seal_ids->len)
    req->keep_seal_id = g_array_index (self->seal_ids, gint64, pos);
  return req;
}

/* The live seals of the unit: a choice only when there are several. */
static void
fill_seals (CdMergerDialog *self)
{
  g_autoptr(GPtrArray) seals = cd_store_list_certificates_held (self->store, CD_CERT_HOLDER_UNIT, 0, NULL);
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  g_array_set_size (self->seal_ids, 0);
  for (guint i = 0; seals != NULL && i < seals->len; i++)
    {
      CdCertificate *c = g_ptr_array_index (seals, i);
      g_autofree char *label = NULL;

      if (c->revoked || c->not_after <= now)
        continue;
      label = g_strdup_printf ("%s — %s", c->serial, c->subject_cn ? c->subject_cn : "");
      gtk_string_list_append (labels, label);
      g_array_append_val (self->seal_ids, c->id);
    }
  adw_combo_row_set_model (self->seal_row, G_LIST_MODEL (labels));
  gtk_widget_set_visible (GTK_WIDGET (self->seal_row), self->seal_ids->len > 1);
}

/* Any edit makes the shown plan stale: it must be shown again before
 * it can be applied. */
static void
field_changed_cb (CdMergerDialog *self)
{
  if (self->applying)
    return;
  gtk_widget_set_sensitive (GTK_WIDGET (self->apply_button), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->plan_label), FALSE);
}

static void
plan_clicked_cb (CdMergerDialog *self)
{
  g_autoptr(CdMergerRequest) req = request_from_fields (self);
  g_autoptr(GError) error = NULL;
  g_autoptr(CdMergerPlan) plan = NULL;
  g_autofree char *text = NULL;

  /* Reads only (the unit, its seals, the certificates naming it). */
  plan = cd_merger_plan (self->store, req, g_get_real_time () / G_USEC_PER_SEC, &error);
  if (plan == NULL)
    {
      gtk_label_set_text (self->plan_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->plan_label), TRUE);
      gtk_widget_set_sensitive (GTK_WIDGET (self->apply_button), FALSE);
      return;
    }
  text = cd_merger_plan_describe (plan);
  gtk_label_set_text (self->plan_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->plan_label), TRUE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->apply_button), TRUE);
}

static void
apply_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(CdMergerDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CdMergerPlan) plan = cd_merger_apply_finish (CD_STORE (source), result, &error);
  g_autofree char *message = NULL;

  self->applying = FALSE;
  if (plan == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      gtk_widget_set_sensitive (GTK_WIDGET (self->apply_button), TRUE);
      gtk_widget_set_sensitive (GTK_WIDGET (self->plan_button), TRUE);
      cd_gui_toast (GTK_WIDGET (self->toasts), error->message);
      return;
    }
  message = g_strdup_printf (_("The unit is now “%s”: %u certificates to change and %u to revoke are in Documents as drafts."),
                             plan->unit->name, plan->change->len, plan->revoke->len);
  g_signal_emit (self, signals[APPLIED], 0, message);
  gtk_window_close (GTK_WINDOW (self));
}

static void
apply_clicked_cb (CdMergerDialog *self)
{
  g_autoptr(CdMergerRequest) req = request_from_fields (self);

  self->applying = TRUE;
  gtk_widget_set_sensitive (GTK_WIDGET (self->apply_button), FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->plan_button), FALSE);
  cd_merger_apply_async (self->store, req, self->cancellable, apply_done_cb, g_object_ref (self));
}

static void
cd_merger_dialog_dispose (GObject *object)
{
  CdMergerDialog *self = CD_MERGER_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (object), CD_TYPE_MERGER_DIALOG);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (cd_merger_dialog_parent_class)->dispose (object);
}

static void
cd_merger_dialog_finalize (GObject *object)
{
  CdMergerDialog *self = CD_MERGER_DIALOG (object);

  g_clear_pointer (&self->seal_ids, g_array_unref);
  G_OBJECT_CLASS (cd_merger_dialog_parent_class)->finalize (object);
}

static void
cd_merger_dialog_class_init (CdMergerDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cd_merger_dialog_dispose;
  object_class->finalize = cd_merger_dialog_finalize;

  /* The sentence to show in the window's toast once applied. */
  signals[APPLIED] = g_signal_new ("applied", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/certdesk/CertDesk/unit/cd-merger-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CdMergerDialog, toasts);
  gtk_widget_class_bind_template_child (widget_class, CdMergerDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, CdMergerDialog, parent_row);
  gtk_widget_class_bind_template_child (widget_class, CdMergerDialog, province_row);
  gtk_widget_class_bind_template_child (widget_class, CdMergerDialog, email_row);
  gtk_widget_class_bind_template_child (widget_class, CdMergerDialog, seal_row);
  gtk_widget_class_bind_template_child (widget_class, CdMergerDialog, plan_button);
  gtk_widget_class_bind_template_child (widget_class, CdMergerDialog, apply_button);
  gtk_widget_class_bind_template_child (widget_class, CdMergerDialog, plan_label);
  gtk_widget_class_bind_template_callback (widget_class, field_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, plan_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, apply_clicked_cb);
}

static void
label_entry (AdwEntryRow *row)
{
  /* the text inside has no name of its own for assistive technologies */
  gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_editable_get_delegate (GTK_EDITABLE (row))),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), -1);
}

static void
cd_merger_dialog_init (CdMergerDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->seal_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->cancellable = g_cancellable_new ();
  label_entry (self->name_row);
  label_entry (self->parent_row);
  label_entry (self->province_row);
  label_entry (self->email_row);
}

CdMergerDialog *
cd_merger_dialog_new (GtkWindow *parent,
                      CdStore   *store)
{
  CdMergerDialog *self = g_object_new (CD_TYPE_MERGER_DIALOG, "transient-for", parent, NULL);

  self->store = g_object_ref (store);
  fill_seals (self);
  return self;
}
