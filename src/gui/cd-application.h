/* cd-application.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "cd-store.h"

G_BEGIN_DECLS

#define CD_TYPE_APPLICATION (cd_application_get_type ())
G_DECLARE_FINAL_TYPE (CdApplication, cd_application, CD, APPLICATION, AdwApplication)

/* Call before GTK starts (main() does): CertDesk draws with cairo, in
 * software, and never starts OpenGL, unless $GSK_RENDERER names another
 * renderer. A register of text needs no GPU; initialising GL (Mesa's
 * llvmpipe or a school PC's old driver) alone costs ~60 MB resident and
 * tens of milliseconds at start, and old GL drivers are a known source of
 * GTK 4 drawing faults. */
void           cd_application_choose_renderer (void);
CdApplication *cd_application_new          (void);
CdStore       *cd_application_get_store    (CdApplication *self);
GSettings     *cd_application_get_settings (CdApplication *self);
/* Days before expiry that count as "expiring", from the settings
 * (cd_settings_expiry_threshold_days). @self may be NULL. */
int            cd_application_get_expiry_threshold_days (CdApplication *self);
/* TRUE when started with --demo: a temporary sample register. */
gboolean       cd_application_is_demo      (CdApplication *self);

/* The folder file choosers open in: $CERTDESK_OUTPUT_DIR when set (the
 * tests), else the clerk's Documents folder, else home. */
GFile         *cd_application_documents_folder (void);

typedef struct _CdWindow CdWindow;
/* The staff list the application began reading as soon as the register
 * was open, before GTK and the window were up: handed to @window now or
 * when read (cd_window_show_staff_rows). FALSE when there is none to
 * claim (already claimed, or never started): read it yourself. */
gboolean       cd_application_claim_preload (CdApplication *self,
                                             CdWindow      *window);

/* A window drew its first frame, or closed before it: the start-up read's
 * pages after the first and the register's integrity check go on
 * (cd_store_load_staff_pages_async's gate). Idempotent. */
void           cd_application_window_drawn (CdApplication *self);
/* TRUE while the start-up read waits for that first frame. */
gboolean       cd_application_get_waiting_for_frame (CdApplication *self);

/* The window's staff list was read the first time: send the reminder
 * notification (cd_reminders_compute()) now and once a day after. */
void           cd_application_staff_loaded (CdApplication *self);

G_END_DECLS
