/* cd-window-private.h — what cd-window.c and cd-window-actions.c share
 *
 * The window (cd-window.c) owns its widgets, the token monitor and the
 * loading of the staff list; its actions (cd-window-actions.c) open
 * dialogs and start the core's workers, with the progress bar of the
 * window; its exports (cd-window-exports.c) save the register and the
 * Cục's sheet. The instance struct is here so all reach it; fields are
 * grouped by who owns them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cd-batches-view.h"
#include "cd-device-view.h"
#include "cd-staff-window.h"
#include "cd-token-monitor.h"
#include "cd-window.h"

G_BEGIN_DECLS

struct _CdWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template widgets */
  AdwHeaderBar         *header_bar;
  AdwViewSwitcherTitle *switcher_title;
  GtkWidget            *demo_label;
  GtkRevealer          *progress_revealer;
  GtkLabel             *progress_label;
  GtkProgressBar       *progress_bar;
  AdwToastOverlay      *toast_overlay;
  GtkStack             *main_stack;
  AdwStatusPage        *empty_page;
  GtkLabel             *welcome_hint;
  AdwViewStack         *view_stack;
  CdStaffView          *staff_view;
  AdwViewStackPage     *devices_stack_page;
  AdwViewStackPage     *documents_stack_page;
  AdwBin               *devices_bin;
  AdwBin               *documents_bin;
  /* Built when first needed (cd_window_get_device_view() and
   * cd_window_get_batches_view()), held by their AdwBin above. */
  CdDeviceView         *device_view;
  CdBatchesView        *batches_view;

  /* Owned by the window (cd-window.c) */
  GSettings            *settings;
  CdTokenMonitor       *monitor;
  GPtrArray            *startup_notices; /* CdTokenNotice: tokens read before "settled" */
  GCancellable         *load_cancellable;
  gboolean              loaded_once;
  gboolean              streaming;          /* taking the preload's pages */
  gboolean              staff_complete;     /* the whole list was shown once */
  guint                 reload_id;          /* a reload is due */
  gboolean              told_read_only;
  GdkFrameClock        *first_clock;        /* unowned: mapped, not drawn yet */
  gulong                first_paint_id;
  gboolean              drawn;              /* the first frame was painted */
  gboolean              batches_set;        /* Hồ sơ has the register */
  gboolean              disposing;          /* build no view any more */

  /* Owned by the actions (cd-window-actions.c) */
  GCancellable         *work_cancellable;   /* the import under way */
  GtkFileChooserNative *chooser;
  guint                 pulse_id;
};

/* cd-window.c */
CdStore       *cd_window_get_store          (CdWindow      *self);
/* The Thiết bị and Hồ sơ views, built on the first call: the window
 * does not build them before its first frame, which does not show them. */
CdDeviceView  *cd_window_get_device_view    (CdWindow      *self);
CdBatchesView *cd_window_get_batches_view   (CdWindow      *self);
/* A toast in the window (cd_gui_toast: long text stays). */
void           cd_window_toast              (CdWindow      *self,
                                             const char    *text);
/* Something was written: read the staff list again. */
void           cd_window_register_changed   (CdWindow      *self);
/* Opens a staff record (@id 0: a new one, filled from @prefill). */
CdStaffWindow *cd_window_open_staff         (CdWindow      *self,
                                             gint64         id,
                                             const CdStaff *prefill);

/* cd-window-actions.c */
void           cd_window_actions_class_init (GtkWidgetClass *widget_class);
/* Follows the staff view's selection; call once the template is built. */
void           cd_window_actions_init       (CdWindow      *self);
/* Enables every action from the state: a register at all, the unit's
 * details present, a selection, a read-only register. The one place. */
void           cd_window_update_actions     (CdWindow      *self);
/* Stops the progress bar and cancels the work under way (dispose). */
void           cd_window_actions_dispose    (CdWindow      *self);
/* Shows the progress bar with @what, cancelling the work before; returns
 * the new work's cancellable (owned by the window). */
GCancellable  *cd_window_progress_start     (CdWindow      *self,
                                             const char    *what);
void           cd_window_progress_stop      (CdWindow      *self);

/* cd-window-exports.c: the register and the Cục's sheet saved */
void           cd_window_exports_class_init (GtkWidgetClass *widget_class);

G_END_DECLS
