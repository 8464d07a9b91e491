/* cd-staff-window.c
 *
 * Single-record reads and writes run on the main thread: each is one
 * indexed SQLite statement, far below a frame. The unsaved edits (the
 * question on close, Escape) are in cd-staff-window-edits.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "cd-application.h"
#include "cd-cert-manual-dialog.h"
#include "cd-gui-util.h"
#include "cd-handover.h"
#include "cd-device-register.h"
#include "cd-staff-window.h"
#include "cd-staff-window-private.h"
#include "cd-text.h"
#include "cd-validate.h"

G_DEFINE_FINAL_TYPE (CdStaffWindow, cd_staff_window, ADW_TYPE_WINDOW)

enum {
  CHANGED,
  N_SIGNALS
};
static guint signals[N_SIGNALS];

static char *
iso_to_display (const char *iso)
{
  int y, m, d;

  if (iso == NULL || sscanf (iso, "%d-%d-%d", &y, &m, &d) != 3)
    return g_strdup (iso ? iso : "");
  return g_strdup_printf ("%02d/%02d/%04d", d, m, y);
}

static char *
unix_to_display (gint64 t)
{
  g_autoptr(GDateTime) dt = t ? g_date_time_new_from_unix_local (t) : NULL;

  return dt ? g_date_time_format (dt, "%d/%m/%Y") : g_strdup ("—");
}

/* ---- Field errors --------------------------------------------------- */

static GtkLabel *
error_label (AdwEntryRow *row)
{
  return g_object_get_data (G_OBJECT (row), "cd-error");
}

static void
set_field_error (AdwEntryRow *row,
                 const char  *message)
{
  GtkLabel *label = error_label (row);

  gtk_label_set_text (label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (label), message != NULL);
  if (message != NULL)
    {
      gtk_widget_add_css_class (GTK_WIDGET (row), "error");
      gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message, -1);
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
      gtk_accessible_reset_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
    }
}

static void
field_changed_cb (AdwEntryRow   *row,
                  CdStaffWindow *self)
{
  /* The clerk is fixing it: the old message no longer applies. */
  if (gtk_widget_get_visible (GTK_WIDGET (error_label (row))))
    set_field_error (row, NULL);
}

static char *
field (AdwEntryRow *row)
{
  char *s = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));

  if (*s == '\0')
    g_clear_pointer (&s, g_free);
  return s;
}

/* Reads the form into a CdStaff; marks every wrong field. NULL if any. */
static CdStaff *
read_form (CdStaffWindow *self)
{
  g_autoptr(CdStaff) s = cd_staff_copy (self->staff);
  g_autofree char *birth = field (self->birth_row);
  g_autofree char *cccd_date = field (self->cccd_date_row);
  g_autofree char *phone = field (self->phone_row);
  AdwEntryRow *first_bad = NULL;
  guint gender = adw_combo_row_get_selected (self->gender_row);

#define BAD(row, msg) G_STMT_START { set_field_error (row, msg); if (first_bad == NULL) first_bad = row; } G_STMT_END

  g_free (s->full_name);
  s->full_name = field (self->name_row);
  if (s->full_name == NULL)
    BAD (self->name_row, _("Required"));

  g_clear_pointer (&s->birth_date, g_free);
  if (birth != NULL && (s->birth_date = cd_text_parse_date (birth)) == NULL)
    BAD (self->birth_row, _("Not a date: type it as 05/01/1985"));
  else if (s->birth_date != NULL)
    {
      g_autofree char *msg = NULL;

      if (cd_validate_past_date (s->birth_date, NULL, _("Date of birth"), &msg) == CD_CHECK_ERROR)
        BAD (self->birth_row, msg);
    }

  g_free (s->gender);
  s->gender = gender == 1 ? g_strdup ("Nam") : gender == 2 ? g_strdup ("Nữ") : NULL;
  g_free (s->position);
  s->position = field (self->position_row);
  g_free (s->department);
  s->department = field (self->department_row);

  g_free (s->cccd);
  s->cccd = field (self->cccd_row);
  if (s->cccd != NULL)
    {
      g_autofree char *norm = NULL, *msg = NULL;

      /* A mismatch with birth year or gender is the store's warning, not
       * a refusal: checked without them here. */
      if (cd_validate_cccd (s->cccd, NULL, NULL, &norm, &msg) == CD_CHECK_ERROR)
        BAD (self->cccd_row, msg);
      else if (norm != NULL)
        {
          g_free (s->cccd);
          s->cccd = g_steal_pointer (&norm);
        }
    }

  g_clear_pointer (&s->cccd_date, g_free);
  if (cccd_date != NULL && (s->cccd_date = cd_text_parse_date (cccd_date)) == NULL)
    BAD (self->cccd_date_row, _("Not a date: type it as 05/01/2021"));
  g_free (s->cccd_place);
  s->cccd_place = field (self->cccd_place_row);

  g_clear_pointer (&s->phone, g_free);
  if (phone != NULL)
    {
      g_autofree char *msg = NULL;

      if (cd_validate_phone (phone, &s->phone, &msg) == CD_CHECK_ERROR)
        BAD (self->phone_row, msg);
    }

  g_free (s->email);
  s->email = field (self->email_row);
  if (s->email != NULL)
    {
      g_autofree char *norm = NULL, *msg = NULL;

      if (cd_validate_email (s->email, NULL, &norm, &msg) == CD_CHECK_ERROR)
        BAD (self->email_row, msg);
      else if (norm != NULL)
        {
          g_free (s->email);
          s->email = g_steal_pointer (&norm);
        }
    }
  g_free (s->note);
  s->note = field (self->note_row);
#undef BAD

  if (first_bad != NULL)
    {
      gtk_widget_grab_focus (GTK_WIDGET (first_bad));
      return NULL;
    }
  return g_steal_pointer (&s);
}

/* ---- Loading -------------------------------------------------------- */

static void
set_row (AdwEntryRow *row,
         const char  *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row), text ? text : "");
  set_field_error (row, NULL);
}

static void
toast (CdStaffWindow *self,
       const char    *text)
{
  cd_gui_toast (GTK_WIDGET (self->toast_overlay), text);
}

static void copy_serial_cb (GtkButton *button, CdStaffWindow *self);
static void unlink_cb (GtkButton *button, CdStaffWindow *self);

static void
add_detail (AdwExpanderRow *expander,
            const char     *title,
            const char     *value)
{
  GtkWidget *row;

  if (value == NULL || *value == '\0')
    return;
  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), value);
  gtk_widget_add_css_class (row, "property");
  adw_expander_row_add_row (expander, row);
}

static GtkWidget *
certificate_row (CdStaffWindow       *self,
                 const CdCertificate *c)
{
  GtkWidget *row = adw_expander_row_new ();
  AdwExpanderRow *x = ADW_EXPANDER_ROW (row);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  CdCertStatus status = cd_certificate_status (c, now, cd_application_get_expiry_threshold_days (
                                                 CD_APPLICATION (g_application_get_default ())));
  g_autofree char *until = unix_to_display (c->not_after);
  g_autofree char *from = unix_to_display (c->not_before);
  g_autofree char *subtitle = NULL;
  g_autofree char *ou = c->subject_ou ? g_strjoinv (", ", c->subject_ou) : NULL;
  g_autofree char *revoked = NULL;
  g_autofree char *copy_label = g_strdup_printf (_("Copy the serial %s"), c->serial);
  GtkWidget *copy, *unlink;
  const char *source = c->source == CD_CERT_SOURCE_TOKEN ? _("Read from a USB token")
                     : c->source == CD_CERT_SOURCE_FILE ? _("Imported from a file")
                     : _("Typed in");

  subtitle = g_strdup_printf (_("%s · valid until %s · %s"), cd_cert_status_label (status), until,
                              c->provider ? c->provider : (c->issuer_cn ? c->issuer_cn : ""));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), c->serial);
  adw_expander_row_set_subtitle (x, subtitle);

  copy = gtk_button_new_from_icon_name ("edit-copy-symbolic");
  gtk_widget_set_valign (copy, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (copy, "flat");
  gtk_widget_set_tooltip_text (copy, copy_label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (copy), GTK_ACCESSIBLE_PROPERTY_LABEL, copy_label, -1);
  g_object_set_data_full (G_OBJECT (copy), "cd-serial", g_strdup (c->serial), g_free);
  g_signal_connect (copy, "clicked", G_CALLBACK (copy_serial_cb), self);
  adw_expander_row_add_action (x, copy);

  unlink = gtk_button_new_from_icon_name ("edit-clear-symbolic");
  gtk_widget_set_valign (unlink, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (unlink, "flat");
  gtk_widget_set_tooltip_text (unlink, _("Unlink this certificate from the staff member"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (unlink), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Unlink this certificate from the staff member"), -1);
  g_object_set_data_full (G_OBJECT (unlink), "cd-cert-id", g_memdup2 (&c->id, sizeof c->id), g_free);
  g_signal_connect (unlink, "clicked", G_CALLBACK (unlink_cb), self);
  adw_expander_row_add_action (x, unlink);

  add_detail (x, _("Serial"), c->serial);
  add_detail (x, _("Holder (CN)"), c->subject_cn);
  add_detail (x, _("Organisational units (OU)"), ou);
  add_detail (x, _("Organisation (O)"), c->subject_o);
  add_detail (x, _("Locality"), c->subject_l ? c->subject_l : c->subject_st);
  add_detail (x, _("Email"), c->email);
  add_detail (x, _("CCCD in the certificate"), c->uid_cccd);
  add_detail (x, _("Tax code in the certificate"), c->uid_mst);
  add_detail (x, _("Full subject"), c->subject_dn);
  add_detail (x, _("Issued by"), c->issuer_cn);
  add_detail (x, _("Provider"), c->provider);
  add_detail (x, _("Valid from"), from);
  add_detail (x, _("Valid until"), until);
  add_detail (x, _("SHA-256 fingerprint"), c->fingerprint);
  add_detail (x, _("Source"), source);
  if (c->revoked)
    {
      g_autofree char *date = iso_to_display (c->revoked_date);
      revoked = g_strdup_printf ("%s — %s", date, c->revoked_reason ? c->revoked_reason : "");
      add_detail (x, _("Revoked"), revoked);
    }
  return row;
}

static void
clear_rows (AdwPreferencesGroup *group,
            GPtrArray           *rows)
{
  for (guint i = 0; i < rows->len; i++)
    adw_preferences_group_remove (group, g_ptr_array_index (rows, i));
  g_ptr_array_set_size (rows, 0);
}

static void
add_group_row (AdwPreferencesGroup *group,
               GPtrArray           *rows,
               GtkWidget           *row)
{
  adw_preferences_group_add (group, row);
  g_ptr_array_add (rows, row);
}

static void
load_related (CdStaffWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) certs = NULL;
  g_autoptr(GPtrArray) devices = NULL;

  clear_rows (self->certs_group, self->cert_rows);
  clear_rows (self->devices_group, self->device_rows);
  clear_rows (self->history_group, self->history_rows);
  if (self->staff->id == 0)
    return;

  certs = cd_store_list_certificates_for_staff (self->store, self->staff->id, &error);
  if (certs == NULL)
    toast (self, error->message);
  else if (certs->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No certificate linked yet"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   _("Plug in this person's USB token, or link a certificate already in the register."));
      add_group_row (self->certs_group, self->cert_rows, row);
    }
  else
    for (guint i = 0; i < certs->len; i++)
      add_group_row (self->certs_group, self->cert_rows, certificate_row (self, g_ptr_array_index (certs, i)));

  g_clear_error (&error);
  devices = cd_store_list_devices (self->store, &error);
  if (devices == NULL)
    toast (self, error->message);
  else
    for (guint i = 0; i < devices->len; i++)
      {
        const CdDevice *d = g_ptr_array_index (devices, i);
        CdDeviceStatus st;
        GtkWidget *row;
        g_autofree char *title = NULL;

        if (d->holder_id != self->staff->id)
          continue;
        row = adw_action_row_new ();
        title = g_strdup_printf ("%s %s — %s", d->manufacturer ? d->manufacturer : "",
                                 d->model ? d->model : (d->type ? d->type : ""), d->token_serial ? d->token_serial : "");
        adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), g_strstrip (title));
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                     cd_device_status_from_id (d->status, &st) ? cd_device_status_label (st)
                                                                              : (d->status ? d->status : ""));
        add_group_row (self->devices_group, self->device_rows, row);
      }
  if (self->device_rows->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No device handed to this person"));
      add_group_row (self->devices_group, self->device_rows, row);
    }

  /* The device events that concern this person, oldest first, as the
   * Thiết bị view shows them per holder. */
  {
    g_autoptr(GError) history_error = NULL;
    g_autoptr(GPtrArray) events = cd_devices_history (self->store, 0, self->staff->id, &history_error);

    if (events == NULL)
      toast (self, history_error->message);
    for (guint i = 0; events != NULL && i < events->len; i++)
      {
        const CdHandoverEvent *e = g_ptr_array_index (events, i);
        GtkWidget *row = adw_action_row_new ();
        g_autofree char *title = cd_handover_event_title (e, " · ");

        adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), e->device_serial ? e->device_serial : "");
        add_group_row (self->history_group, self->history_rows, row);
      }
    if (self->history_rows->len == 0)
      {
        GtkWidget *row = adw_action_row_new ();
        adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No device event recorded for this person"));
        add_group_row (self->history_group, self->history_rows, row);
      }
  }
}

void
cd_staff_window_load_form (CdStaffWindow *self)
{
  const CdStaff *s = self->staff;
  g_autofree char *birth = iso_to_display (s->birth_date);
  g_autofree char *cccd_date = iso_to_display (s->cccd_date);
  gboolean stored = s->id != 0;

  adw_window_title_set_title (self->window_title,
                              s->full_name && *s->full_name ? s->full_name : _("New Staff Member"));
  adw_window_title_set_subtitle (self->window_title, s->position ? s->position : "");
  gtk_window_set_title (GTK_WINDOW (self), s->full_name && *s->full_name ? s->full_name : _("New Staff Member"));

  set_row (self->name_row, s->full_name);
  set_row (self->birth_row, birth);
  adw_combo_row_set_selected (self->gender_row,
                              g_strcmp0 (s->gender, "Nam") == 0 ? 1 : g_strcmp0 (s->gender, "Nữ") == 0 ? 2 : 0);
  set_row (self->position_row, s->position);
  set_row (self->department_row, s->department);
  set_row (self->cccd_row, s->cccd);
  set_row (self->cccd_date_row, cccd_date);
  set_row (self->cccd_place_row, s->cccd_place);
  set_row (self->phone_row, s->phone);
  set_row (self->email_row, s->email);
  set_row (self->note_row, s->note);

  gtk_widget_set_visible (self->delete_button, stored);
  gtk_widget_set_visible (self->left_button, stored && !s->left);
  gtk_widget_set_visible (GTK_WIDGET (self->certs_group), stored);
  gtk_widget_set_visible (GTK_WIDGET (self->devices_group), stored);
  gtk_widget_set_visible (GTK_WIDGET (self->history_group), stored);
  gtk_widget_set_visible (GTK_WIDGET (self->left_group), s->left);
  if (s->left)
    {
      g_autofree char *date = iso_to_display (s->left_date);
      g_autofree char *text = g_strdup_printf (_("On %s: %s"), date, s->left_reason ? s->left_reason : "");
      adw_action_row_set_subtitle (self->left_row, text);
    }
  load_related (self);
  cd_staff_window_edits_remember (self);
}

/* ---- Actions -------------------------------------------------------- */

gboolean
cd_staff_window_save (CdStaffWindow *self)
{
  g_autoptr(CdStaff) s = read_form (self);
  g_autoptr(GError) error = NULL;

  if (s == NULL)
    return FALSE;
  if (!cd_store_save_staff (self->store, s, &error))
    {
      /* The store's own validation: shown next to the form too. */
      if (g_error_matches (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID)
          || g_error_matches (error, CD_STORE_ERROR, CD_STORE_ERROR_CONSTRAINT))
        {
          AdwEntryRow *row = self->name_row;
          g_autofree char *folded = g_utf8_strdown (error->message, -1);

          if (strstr (folded, "cccd") || strstr (folded, "căn cước") || strstr (folded, "identity"))
            row = self->cccd_row;
          else if (strstr (folded, "điện thoại") || strstr (folded, "phone"))
            row = self->phone_row;
          else if (strstr (folded, "email") || strstr (folded, "thư"))
            row = self->email_row;
          else if (strstr (folded, "sinh") || strstr (folded, "birth"))
            row = self->birth_row;
          set_field_error (row, error->message);
          gtk_widget_grab_focus (GTK_WIDGET (row));
        }
      else
        toast (self, error->message);
      return FALSE;
    }
  cd_staff_free (self->staff);
  self->staff = g_steal_pointer (&s);
  cd_staff_window_load_form (self);
  toast (self, _("Saved"));
  g_signal_emit (self, signals[CHANGED], 0, self->staff->id);
  return TRUE;
}

static void
save_cb (CdStaffWindow *self)
{
  cd_staff_window_save (self);
}


static gboolean
cd_staff_window_close_request (GtkWindow *window)
{
  if (cd_staff_window_edits_ask_on_close (CD_STAFF_WINDOW (window)))
    return TRUE;
  return GTK_WINDOW_CLASS (cd_staff_window_parent_class)->close_request (window);
}

static gboolean
save_shortcut (GtkWidget *widget,
               GVariant  *args,
               gpointer   user_data)
{
  save_cb (CD_STAFF_WINDOW (widget));
  return TRUE;
}

static void
delete_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    CdStaffWindow    *self)
{
  g_autoptr(GError) error = NULL;
  gint64 id = self->staff->id;

  if (g_strcmp0 (response, "delete") != 0)
    return;
  if (!cd_store_delete_staff (self->store, id, &error))
    {
      toast (self, error->message);
      return;
    }
  g_signal_emit (self, signals[CHANGED], 0, id);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
delete_cb (CdStaffWindow *self)
{
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), NULL, NULL));
  adw_message_dialog_format_heading (dialog, _("Delete %s?"), self->staff->full_name);
  adw_message_dialog_set_body (dialog,
    _("The record is removed from the register; the audit log keeps a trace of the deletion. "
      "For someone who retired or moved, use “Mark as Left” instead: their certificate must still be revoked."));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "delete", _("_Delete"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (delete_response_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

static const char *left_reasons[] = {
  N_("Retired"),
  N_("Quit the sector"),
  N_("Moved to another province"),
  N_("Moved to another unit in the province"),
  N_("Moved to the Party sector"),
  N_("Deceased"),
  N_("Other"),
};

static void
left_response_cb (AdwMessageDialog *dialog,
                  const char       *response,
                  CdStaffWindow    *self)
{
  GtkEntry *date_entry = g_object_get_data (G_OBJECT (dialog), "cd-date");
  GtkDropDown *reason = g_object_get_data (G_OBJECT (dialog), "cd-reason");
  g_autofree char *iso = NULL;
  g_autoptr(GError) error = NULL;
  guint i;

  if (g_strcmp0 (response, "left") != 0)
    return;
  iso = cd_text_parse_date (gtk_editable_get_text (GTK_EDITABLE (date_entry)));
  if (iso == NULL)
    {
      toast (self, _("The date is not valid: type it as 30/06/2026, then mark again."));
      return;
    }
  i = gtk_drop_down_get_selected (reason);
  if (!cd_store_mark_staff_left (self->store, self->staff->id, iso,
                                 _(left_reasons[MIN (i, G_N_ELEMENTS (left_reasons) - 1)]), &error))
    {
      toast (self, error->message);
      return;
    }
  {
    CdStaff *fresh = cd_store_get_staff (self->store, self->staff->id, NULL);

    if (fresh != NULL)
      {
        cd_staff_free (self->staff);
        self->staff = fresh;
      }
    /* Reloading shows the record as left; edits typed but not saved
     * stay in the form (and are still asked about on close). */
    cd_staff_window_edits_reload (self);
  }
  toast (self, _("Marked as left. Their certificate should now be put on a revocation list."));
  g_signal_emit (self, signals[CHANGED], 0, self->staff->id);
}

static void
mark_left_cb (CdStaffWindow *self)
{
  AdwMessageDialog *dialog;
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *date = gtk_entry_new ();
  GtkStringList *reasons = gtk_string_list_new (NULL);
  GtkWidget *drop;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%d/%m/%Y");

  for (guint i = 0; i < G_N_ELEMENTS (left_reasons); i++)
    gtk_string_list_append (reasons, _(left_reasons[i]));
  drop = gtk_drop_down_new (G_LIST_MODEL (reasons), NULL);
  gtk_editable_set_text (GTK_EDITABLE (date), today);
  gtk_accessible_update_property (GTK_ACCESSIBLE (date), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Date left (dd/mm/yyyy)"), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (drop), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Reason"), -1);
  gtk_box_append (GTK_BOX (box), gtk_label_new (_("Date left (dd/mm/yyyy)")));
  gtk_box_append (GTK_BOX (box), date);
  gtk_box_append (GTK_BOX (box), gtk_label_new (_("Reason")));
  gtk_box_append (GTK_BOX (box), drop);

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), NULL, NULL));
  adw_message_dialog_format_heading (dialog, _("%s Left the Unit"), self->staff->full_name);
  adw_message_dialog_set_body (dialog, _("The record stays in the register, marked as left."));
  adw_message_dialog_set_extra_child (dialog, box);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "left", _("_Mark as Left"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "left", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data (G_OBJECT (dialog), "cd-date", date);
  g_object_set_data (G_OBJECT (dialog), "cd-reason", drop);
  g_signal_connect (dialog, "response", G_CALLBACK (left_response_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
copy_serial_cb (GtkButton     *button,
                CdStaffWindow *self)
{
  const char *serial = g_object_get_data (G_OBJECT (button), "cd-serial");

  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), serial);
  toast (self, _("Serial copied"));
}

static void
unlink_cb (GtkButton     *button,
           CdStaffWindow *self)
{
  gint64 cert_id = *(gint64 *) g_object_get_data (G_OBJECT (button), "cd-cert-id");
  g_autoptr(GError) error = NULL;

  if (!cd_store_link_certificate (self->store, cert_id, 0, &error))
    {
      toast (self, error->message);
      return;
    }
  load_related (self);
  toast (self, _("Certificate unlinked; it stays in the register."));
  g_signal_emit (self, signals[CHANGED], 0, self->staff->id);
}

static void
link_response_cb (AdwMessageDialog *dialog,
                  const char       *response,
                  CdStaffWindow    *self)
{
  GtkDropDown *drop = g_object_get_data (G_OBJECT (dialog), "cd-certs");
  guint i = gtk_drop_down_get_selected (drop);
  g_autoptr(GError) error = NULL;
  const CdCertificate *c;

  if (g_strcmp0 (response, "link") != 0 || self->unlinked == NULL || i >= self->unlinked->len)
    return;
  c = g_ptr_array_index (self->unlinked, i);
  if (!cd_store_link_certificate (self->store, c->id, self->staff->id, &error))
    {
      toast (self, error->message);
      return;
    }
  load_related (self);
  toast (self, _("Certificate linked"));
  g_signal_emit (self, signals[CHANGED], 0, self->staff->id);
}

static void
link_cb (CdStaffWindow *self)
{
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GError) error = NULL;
  GtkStringList *labels;
  AdwMessageDialog *dialog;
  GtkWidget *drop;

  all = cd_store_list_certificates (self->store, &error);
  if (all == NULL)
    {
      toast (self, error->message);
      return;
    }
  g_clear_pointer (&self->unlinked, g_ptr_array_unref);
  self->unlinked = g_ptr_array_new_with_free_func ((GDestroyNotify) cd_certificate_free);
  labels = gtk_string_list_new (NULL);
  for (guint i = 0; i < all->len; i++)
    {
      const CdCertificate *c = g_ptr_array_index (all, i);
      g_autofree char *until = NULL;
      g_autofree char *label = NULL;

      if (c->staff_id != 0)
        continue;
      until = unix_to_display (c->not_after);
      label = g_strdup_printf ("%s — %s (%s)", c->subject_cn ? c->subject_cn : "?", c->serial, until);
      gtk_string_list_append (labels, label);
      g_ptr_array_add (self->unlinked, cd_certificate_copy (c));
    }
  if (self->unlinked->len == 0)
    {
      g_object_unref (labels);
      toast (self, _("Every certificate in the register is already linked. Import certificates or plug in the token first."));
      return;
    }
  drop = gtk_drop_down_new (G_LIST_MODEL (labels), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (drop), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Certificate"), -1);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Link a Certificate"), NULL));
  adw_message_dialog_format_body (dialog, _("Choose the certificate of %s among those not linked to anyone."),
                                  self->staff->full_name);
  adw_message_dialog_set_extra_child (dialog, drop);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "link", _("_Link"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "link", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data (G_OBJECT (dialog), "cd-certs", drop);
  g_signal_connect (dialog, "response", G_CALLBACK (link_response_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
type_in_response_cb (CdCertManualDialog *dialog,
                     const char         *response,
                     CdStaffWindow      *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdCertificate) c = NULL;

  if (g_strcmp0 (response, "add") != 0)
    return;
  c = cd_cert_manual_dialog_add (dialog, self->store, &error);
  if (c == NULL)
    {
      toast (self, error->message);
      return;
    }
  load_related (self);
  toast (self, _("Certificate typed in"));
  g_signal_emit (self, signals[CHANGED], 0, self->staff->id);
}

static void
type_in_cb (CdStaffWindow *self)
{
  CdCertManualDialog *dialog = cd_cert_manual_dialog_new (GTK_WINDOW (self), self->staff->id);

  g_signal_connect (dialog, "response", G_CALLBACK (type_in_response_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- Public --------------------------------------------------------- */

CdStaffWindow *
cd_staff_window_new (GtkWindow     *parent,
                     CdStore       *store,
                     gint64         staff_id,
                     const CdStaff *prefill)
{
  CdStaffWindow *self;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (CD_IS_STORE (store), NULL);

  self = g_object_new (CD_TYPE_STAFF_WINDOW, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  if (staff_id != 0)
    self->staff = cd_store_get_staff (store, staff_id, &error);
  if (self->staff == NULL)
    {
      self->staff = prefill ? cd_staff_copy (prefill) : cd_staff_new ();
      self->staff->id = 0;
      if (error != NULL)
        toast (self, error->message);
    }
  cd_staff_window_load_form (self);
  return self;
}

/* ---- GObject -------------------------------------------------------- */

static void
cd_staff_window_dispose (GObject *object)
{
  CdStaffWindow *self = CD_STAFF_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CD_TYPE_STAFF_WINDOW);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (cd_staff_window_parent_class)->dispose (object);
}

static void
cd_staff_window_finalize (GObject *object)
{
  CdStaffWindow *self = CD_STAFF_WINDOW (object);

  g_clear_pointer (&self->staff, cd_staff_free);
  g_clear_pointer (&self->unlinked, g_ptr_array_unref);
  g_clear_pointer (&self->cert_rows, g_ptr_array_unref);
  g_clear_pointer (&self->device_rows, g_ptr_array_unref);
  g_clear_pointer (&self->history_rows, g_ptr_array_unref);
  g_clear_pointer (&self->form_loaded, g_free);

  G_OBJECT_CLASS (cd_staff_window_parent_class)->finalize (object);
}

static void
cd_staff_window_class_init (CdStaffWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = cd_staff_window_dispose;
  object_class->finalize = cd_staff_window_finalize;
  window_class->close_request = cd_staff_window_close_request;

  /* changed (gint64 staff_id): the register was written. */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/certdesk/CertDesk/staff/cd-staff-window.ui");
#define BIND(x) gtk_widget_class_bind_template_child (widget_class, CdStaffWindow, x)
  BIND (window_title);
  BIND (delete_button);
  BIND (left_button);
  BIND (save_button);
  BIND (toast_overlay);
  BIND (left_group);
  BIND (left_row);
  BIND (record_group);
  BIND (name_row);
  BIND (birth_row);
  BIND (gender_row);
  BIND (position_row);
  BIND (department_row);
  BIND (cccd_row);
  BIND (cccd_date_row);
  BIND (cccd_place_row);
  BIND (phone_row);
  BIND (email_row);
  BIND (note_row);
  BIND (certs_group);
  BIND (link_button);
  BIND (type_in_button);
  BIND (devices_group);
  BIND (history_group);
#undef BIND
  gtk_widget_class_bind_template_callback (widget_class, field_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, save_cb);
  gtk_widget_class_bind_template_callback (widget_class, delete_cb);
  gtk_widget_class_bind_template_callback (widget_class, mark_left_cb);
  gtk_widget_class_bind_template_callback (widget_class, link_cb);
  gtk_widget_class_bind_template_callback (widget_class, type_in_cb);

  cd_staff_window_edits_class_init (widget_class);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, save_shortcut, NULL);
}

static void
cd_staff_window_init (CdStaffWindow *self)
{
  AdwEntryRow *rows[11];

  gtk_widget_init_template (GTK_WIDGET (self));

  self->cert_rows = g_ptr_array_new ();
  self->device_rows = g_ptr_array_new ();
  self->history_rows = g_ptr_array_new ();

  rows[0] = self->name_row; rows[1] = self->birth_row; rows[2] = self->position_row;
  rows[3] = self->department_row; rows[4] = self->cccd_row; rows[5] = self->cccd_date_row;
  rows[6] = self->cccd_place_row; rows[7] = self->phone_row; rows[8] = self->email_row;
  rows[9] = self->note_row; rows[10] = NULL;
  /* The error of a field sits in its own row, next to what is wrong. */
  for (guint i = 0; rows[i]; i++)
    {
      GtkWidget *label = gtk_label_new (NULL);

      gtk_widget_add_css_class (label, "error");
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 28);
      gtk_widget_set_visible (label, FALSE);
      adw_entry_row_add_suffix (rows[i], label);
      g_object_set_data (G_OBJECT (rows[i]), "cd-error", label);
    }
}
