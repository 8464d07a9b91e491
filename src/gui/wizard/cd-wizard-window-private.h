/* cd-wizard-window-private.h — what the wizard window's files share
 *
 * The window (cd-wizard-window.c: navigation, drafts, closing) and its
 * pages: choosing the kind (cd-wizard-kind-page.c) and the people
 * (cd-wizard-people-page.c), or the unit's row or service for Mẫu
 * 02/03 (cd-wizard-unit-page.c), the gaps (cd-wizard-gaps-page.c), the
 * document (cd-wizard-details-page.c), the template
 * (cd-wizard-template-page.c), the preview (cd-wizard-preview-page.c)
 * and the saved file (cd-wizard-save-page.c). Each page is rebuilt from
 * the core draft whenever it is shown.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>
#include <glib/gi18n.h>

#include "cd-settings.h"
#include "cd-wizard-call.h"
#include "cd-wizard-preview.h"
#include "cd-wizard-window.h"

G_BEGIN_DECLS

typedef enum {
  PAGE_KIND = 0,
  PAGE_PEOPLE,
  PAGE_GAPS,
  PAGE_DOCUMENT,
  PAGE_TEMPLATE,
  PAGE_PREVIEW,
  PAGE_SAVE,
  N_PAGES
} Page;

struct _CdWizardWindow
{
  AdwWindow       parent_instance;

  CdStore        *store;
  GSettings      *settings;
  CdWizardDraft  *draft;
  gboolean        accept_gaps;
  gboolean        busy;            /* the save step writes the file */
  gboolean        saving;          /* Lưu nháp writes the draft */
  gboolean        closing_confirmed;
  Page            page;
  /* What the page shown reads on a worker (its gaps, its context):
   * cancelled when the page is rebuilt or left, or the window closes. */
  GCancellable   *page_cancel;
  /* the unit as last read on a worker (the document step, the
   * preview): the saved file is named after it; NULL until then */
  CdUnit         *unit;

  GtkStack       *stack;
  GtkWidget      *step_bar;
  GtkLabel       *step_label;
  GtkButton      *back_button;
  GtkButton      *next_button;
  GtkButton      *draft_button;
  AdwToastOverlay *toasts;
  GtkWidget      *page_box[N_PAGES];
  /* the people step (a reference): kept while another step is shown,
   * it holds who is offered */
  GtkWidget      *people_page;
};

/* Small helpers of every page, inline so each file keeps their short
 * names without exporting them from the library. */

static inline gboolean
is_revocation (CdWizardWindow *self)
{
  return cd_wizard_draft_is_revocation (self->draft);
}

static inline int
threshold (CdWizardWindow *self)
{
  return cd_settings_expiry_threshold_days (self->settings);
}

static inline char **
domains (CdWizardWindow *self)
{
  return self->settings ? g_settings_get_strv (self->settings, "official-email-domains") : NULL;
}

static inline gint64
now_seconds (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

static inline void
toast (CdWizardWindow *self,
       const char     *text)
{
  AdwToast *t = adw_toast_new (text);
  adw_toast_set_timeout (t, 8);
  adw_toast_overlay_add_toast (self->toasts, t);
}

/* Removes every child of a box-like page. */
static inline void
clear_box (GtkWidget *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (box)) != NULL)
    gtk_box_remove (GTK_BOX (box), child);
}

static inline GtkWidget *
heading (const char *title,
         const char *text)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *t = gtk_label_new (title);
  gtk_label_set_xalign (GTK_LABEL (t), 0);
  gtk_widget_add_css_class (t, "title-2");
  gtk_box_append (GTK_BOX (box), t);
  if (text != NULL)
    {
      GtkWidget *l = gtk_label_new (text);
      gtk_label_set_xalign (GTK_LABEL (l), 0);
      gtk_label_set_wrap (GTK_LABEL (l), TRUE);
      gtk_widget_add_css_class (l, "dim-label");
      gtk_box_append (GTK_BOX (box), l);
    }
  return box;
}

static inline GtkWidget *
new_list (void)
{
  GtkWidget *list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  return list;
}

/* What a page's worker call comes back to: the window (a reference)
 * and the page's cancellable at the time of the call. */
typedef struct {
  CdWizardWindow *self;
  GCancellable   *cancellable;
} PageCall;

static inline PageCall *
page_call_new (CdWizardWindow *self)
{
  PageCall *call = g_new0 (PageCall, 1);

  call->self = g_object_ref (self);
  call->cancellable = g_object_ref (self->page_cancel);
  return call;
}

static inline void
page_call_free (PageCall *call)
{
  g_object_unref (call->self);
  g_object_unref (call->cancellable);
  g_free (call);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PageCall, page_call_free)

/* Whether the page the call was made for is gone (rebuilt, left, or
 * the window closed): its result is dropped. */
static inline gboolean
page_call_stale (PageCall *call)
{
  return g_cancellable_is_cancelled (call->cancellable) || call->self->draft == NULL;
}

/* A spinner and @text, shown while a page's content is read on a
 * worker, so the page is never blank. */
static inline GtkWidget *
busy_row (const char *text)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *spinner = gtk_spinner_new ();
  GtkWidget *label = gtk_label_new (text);

  gtk_spinner_start (GTK_SPINNER (spinner));
  gtk_box_append (GTK_BOX (box), spinner);
  gtk_box_append (GTK_BOX (box), label);
  gtk_widget_add_css_class (label, "dim-label");
  return box;
}

/* Another kind of list: the draft's people and template are dropped. */
void       cd_wizard_window_set_kind         (CdWizardWindow *self,
                                              const char     *kind);
/* Keeps a copy of @unit, read on a worker, for the file's name. */
static inline void
cd_wizard_window_set_unit (CdWizardWindow *self,
                           const CdUnit   *unit)
{
  g_clear_pointer (&self->unit, cd_unit_free);
  self->unit = cd_unit_copy (unit);
}

/* Rebuilds the page shown from the draft. */
void       cd_wizard_window_rebuild          (CdWizardWindow *self);
/* Checks the listed people for the chosen template on a worker
 * (cd_wizard_check_async(), with the page's cancellable); @callback
 * gets the store as source. @fields: what the template writes, or NULL
 * to have the template inspected on the worker too (an unreadable one
 * is the check's error). */
void       cd_wizard_window_check_async      (CdWizardWindow     *self,
                                              const char * const *fields,
                                              GAsyncReadyCallback callback,
                                              gpointer            user_data);
/* Holds the steps and buttons still while the file is written on a
 * worker; closing waits too (CdWizardWindow.busy). */
void       cd_wizard_window_hold             (CdWizardWindow     *self,
                                              gboolean            busy);

G_END_DECLS
