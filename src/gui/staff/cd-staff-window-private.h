/* cd-staff-window-private.h — what the staff record window's files share
 *
 * cd-staff-window.c holds the window (form, certificates, devices,
 * history, actions); cd-staff-window-edits.c the unsaved edits (what
 * counts as typed but not saved, the question on close, Escape). Nothing
 * outside these two files includes this header.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "cd-staff-window.h"
#include "cd-store.h"

G_BEGIN_DECLS

struct _CdStaffWindow
{
  AdwWindow             parent_instance;

  /* Template widgets */
  AdwWindowTitle       *window_title;
  GtkWidget            *delete_button;
  GtkWidget            *left_button;
  GtkWidget            *save_button;
  AdwToastOverlay      *toast_overlay;
  AdwPreferencesGroup  *left_group;
  AdwActionRow         *left_row;
  AdwPreferencesGroup  *record_group;
  AdwEntryRow          *name_row;
  AdwEntryRow          *birth_row;
  AdwComboRow          *gender_row;
  AdwEntryRow          *position_row;
  AdwEntryRow          *department_row;
  AdwEntryRow          *cccd_row;
  AdwEntryRow          *cccd_date_row;
  AdwEntryRow          *cccd_place_row;
  AdwEntryRow          *phone_row;
  AdwEntryRow          *email_row;
  AdwEntryRow          *note_row;
  AdwPreferencesGroup  *certs_group;
  GtkWidget            *link_button;
  GtkWidget            *type_in_button;
  AdwPreferencesGroup  *devices_group;
  AdwPreferencesGroup  *history_group;

  /* Borrowed rows added to the groups, removed on reload */
  GPtrArray            *cert_rows;
  GPtrArray            *device_rows;
  GPtrArray            *history_rows;

  /* Owned */
  CdStore              *store;
  CdStaff              *staff;
  GPtrArray            *unlinked;      /* CdCertificate, for the link dialog */
  char                 *form_loaded;   /* the form as last loaded or saved */
  gboolean              discard;       /* the clerk chose to drop the edits */
};

/* Fills the form from self->staff and remembers it as not edited. */
void      cd_staff_window_load_form          (CdStaffWindow   *self);

/* Saves the form; marks what is wrong in it and returns FALSE when it
 * cannot be saved. */
gboolean  cd_staff_window_save               (CdStaffWindow   *self);

/* ---- cd-staff-window-edits.c ---- */

/* Installs Escape as "window.close" on the class, so that it asks about
 * unsaved edits as the close button does. */
void      cd_staff_window_edits_class_init   (GtkWidgetClass  *widget_class);

/* Remembers the form as it is now as loaded or saved: not edited. */
void      cd_staff_window_edits_remember     (CdStaffWindow   *self);

/* TRUE when something typed in the form is not saved yet. */
gboolean  cd_staff_window_edits_pending      (CdStaffWindow   *self);

/* cd_staff_window_load_form(), keeping in the form any edits typed but
 * not saved (they are still asked about on close). */
void      cd_staff_window_edits_reload       (CdStaffWindow   *self);

/* For "close-request": TRUE when edits are not saved, after asking
 * whether to save them (the window then stays open until the answer);
 * FALSE when the window may close. */
gboolean  cd_staff_window_edits_ask_on_close (CdStaffWindow   *self);

G_END_DECLS
