/* cd-staff-window-edits.c — the staff record's unsaved edits
 *
 * What counts as typed but not saved (the whole form in one string,
 * compared with the one remembered when it was loaded or saved), the
 * "Save Changes?" question when the window closes with such edits, and
 * Escape closing through that question. Nothing typed is lost by a
 * close (issue 16).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "cd-gui-util.h"
#include "cd-staff-window-private.h"

/* The whole form in one string: compared on close to tell whether
 * something typed is not saved yet. */
#define N_FORM_ROWS 10

static void
form_rows (CdStaffWindow *self,
           AdwEntryRow   *rows[N_FORM_ROWS])
{
  rows[0] = self->name_row; rows[1] = self->birth_row; rows[2] = self->position_row;
  rows[3] = self->department_row; rows[4] = self->cccd_row; rows[5] = self->cccd_date_row;
  rows[6] = self->cccd_place_row; rows[7] = self->phone_row; rows[8] = self->email_row;
  rows[9] = self->note_row;
}

static char *
form_fields (CdStaffWindow *self)
{
  AdwEntryRow *rows[N_FORM_ROWS];
  GString *s = g_string_new (NULL);

  form_rows (self, rows);
  g_string_append_printf (s, "%u\x1f", adw_combo_row_get_selected (self->gender_row));
  for (guint i = 0; i < N_FORM_ROWS; i++)
    {
      g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (rows[i]))));

      g_string_append (s, text);
      g_string_append_c (s, '\x1f');
    }
  return g_string_free (s, FALSE);
}

gboolean
cd_staff_window_edits_pending (CdStaffWindow *self)
{
  g_autofree char *now = form_fields (self);

  return self->form_loaded != NULL && g_strcmp0 (now, self->form_loaded) != 0;
}

void
cd_staff_window_edits_remember (CdStaffWindow *self)
{
  g_free (self->form_loaded);
  self->form_loaded = form_fields (self);
}

void
cd_staff_window_edits_reload (CdStaffWindow *self)
{
  AdwEntryRow *rows[N_FORM_ROWS];
  char *typed[N_FORM_ROWS] = { NULL };
  guint gender = adw_combo_row_get_selected (self->gender_row);
  gboolean dirty = cd_staff_window_edits_pending (self);

  form_rows (self, rows);
  for (guint k = 0; dirty && k < N_FORM_ROWS; k++)
    typed[k] = g_strdup (gtk_editable_get_text (GTK_EDITABLE (rows[k])));
  cd_staff_window_load_form (self);
  for (guint k = 0; dirty && k < N_FORM_ROWS; k++)
    {
      gtk_editable_set_text (GTK_EDITABLE (rows[k]), typed[k]);
      g_free (typed[k]);
    }
  if (dirty)
    adw_combo_row_set_selected (self->gender_row, gender);
}

static void
unsaved_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     CdStaffWindow    *self)
{
  if (g_strcmp0 (response, "save") == 0)
    {
      /* A wrong field keeps the record open, its error in view. */
      if (cd_staff_window_save (self))
        cd_gui_close_later (GTK_WINDOW (self));
    }
  else if (g_strcmp0 (response, "discard") == 0)
    {
      self->discard = TRUE;
      cd_gui_close_later (GTK_WINDOW (self));
    }
}

gboolean
cd_staff_window_edits_ask_on_close (CdStaffWindow *self)
{
  if (self->discard || !cd_staff_window_edits_pending (self))
    return FALSE;

  cd_gui_ask_save_changes (GTK_WINDOW (self), _("The changes to this record are not saved yet. "
                                                "Without saving they are lost."),
                           G_CALLBACK (unsaved_response_cb));
  return TRUE;
}

void
cd_staff_window_edits_class_init (GtkWidgetClass *widget_class)
{
  /* Through the window's own action, so that closing asks about unsaved
   * edits; "close-request" cannot be a key binding (it returns a value,
   * and GTK warns). */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}
