/* cd-wizard-window.c — the request-list and revocation-list wizards
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "cd-batch.h"
#include "cd-gui-util.h"
#include "cd-wizard-check.h"
#include "cd-wizard-details-page.h"
#include "cd-wizard-gaps-page.h"
#include "cd-wizard-kind-page.h"
#include "cd-wizard-people-page.h"
#include "cd-wizard-preview-page.h"
#include "cd-wizard-save-page.h"
#include "cd-wizard-template-page.h"
#include "cd-wizard-unit-page.h"
#include "cd-wizard-window-private.h"

static const char *const page_names[N_PAGES] = {
  "kind", "people", "gaps", "document", "template", "preview", "save"
};

G_DEFINE_FINAL_TYPE (CdWizardWindow, cd_wizard_window, ADW_TYPE_WINDOW)

static void show_page (CdWizardWindow *self, Page page);

/* ---- Navigation -------------------------------------------------------- */

static Page
first_page (CdWizardWindow *self)
{
  return is_revocation (self) ? PAGE_PEOPLE : PAGE_KIND;
}

void
cd_wizard_window_rebuild (CdWizardWindow *self)
{
  GtkWidget *box = self->page_box[self->page];
  g_autofree char *step = NULL;
  guint n = is_revocation (self) ? N_PAGES - 1 : N_PAGES;
  guint at = self->page - first_page (self) + 1;

  /* what the former build of a page still reads is not wanted any more */
  if (self->page_cancel != NULL)
    g_cancellable_cancel (self->page_cancel);
  g_clear_object (&self->page_cancel);
  self->page_cancel = g_cancellable_new ();
  clear_box (box);
  gtk_widget_set_sensitive (GTK_WIDGET (self->next_button), TRUE);
  switch (self->page)
    {
    case PAGE_KIND: gtk_box_append (GTK_BOX (box), cd_wizard_kind_page_new (self)); break;
    case PAGE_PEOPLE:
      /* Mẫu 02/03: about the unit, nobody to choose */
      if (cd_wizard_kind_is_unit (self->draft->kind))
        gtk_box_append (GTK_BOX (box), cd_wizard_unit_page_new (self));
      else
        {
          gtk_box_append (GTK_BOX (box), self->people_page);
          cd_wizard_people_page_show (CD_WIZARD_PEOPLE_PAGE (self->people_page));
        }
      break;
    case PAGE_GAPS: gtk_box_append (GTK_BOX (box), cd_wizard_gaps_page_new (self)); break;
    case PAGE_DOCUMENT: gtk_box_append (GTK_BOX (box), cd_wizard_details_page_new (self)); break;
    case PAGE_TEMPLATE: gtk_box_append (GTK_BOX (box), cd_wizard_template_page_new (self)); break;
    case PAGE_PREVIEW: gtk_box_append (GTK_BOX (box), cd_wizard_preview_page_new (self)); break;
    case PAGE_SAVE: gtk_box_append (GTK_BOX (box), cd_wizard_save_page_new (self)); break;
    default: break;
    }
  step = g_strdup_printf (_("Step %u of %u"), at, n);
  gtk_label_set_label (self->step_label, step);
  gtk_widget_set_visible (GTK_WIDGET (self->back_button), self->page != first_page (self));
  gtk_widget_set_visible (GTK_WIDGET (self->next_button), self->page != PAGE_SAVE);
}

static void
show_page (CdWizardWindow *self,
           Page            page)
{
  /* the pages are rebuilt from the draft each time: nothing stale stays */
  if (self->page != page)
    {
      if (self->page_cancel != NULL)
        g_cancellable_cancel (self->page_cancel);
      clear_box (self->page_box[self->page]);
    }
  self->page = page;
  gtk_stack_set_visible_child_name (self->stack, page_names[page]);
  cd_wizard_window_rebuild (self);
}

static void
back_clicked_cb (GtkButton      *button,
                 CdWizardWindow *self)
{
  if (self->page > first_page (self))
    show_page (self, self->page - 1);
}

static void
next_clicked_cb (GtkButton      *button,
                 CdWizardWindow *self)
{
  if (self->page + 1 < N_PAGES)
    show_page (self, self->page + 1);
}

void
cd_wizard_window_set_kind (CdWizardWindow *self,
                           const char     *kind)
{
  if (g_strcmp0 (kind, self->draft->kind) == 0)
    return;
  /* Another kind: other suggestions and another built-in template. */
  g_free (self->draft->kind);
  self->draft->kind = g_strdup (kind);
  g_ptr_array_set_size (self->draft->items, 0);
  g_clear_pointer (&self->draft->template_path, g_free);
  /* nobody offered for the former kind is offered for this one */
  cd_wizard_people_page_reset (CD_WIZARD_PEOPLE_PAGE (self->people_page));
  self->draft->dirty = TRUE;
}

void
cd_wizard_window_check_async (CdWizardWindow     *self,
                              const char * const *fields,
                              GAsyncReadyCallback callback,
                              gpointer            user_data)
{
  g_auto(GStrv) doms = domains (self);

  cd_wizard_check_async (self->store, self->draft, fields, (const char * const *) doms, NULL,
                         self->page_cancel, callback, user_data);
}

void
cd_wizard_window_hold (CdWizardWindow *self,
                       gboolean        busy)
{
  self->busy = busy;
  gtk_widget_set_sensitive (GTK_WIDGET (self->stack), !busy);
  /* the bar as a whole: Next keeps the sensitivity its step gave it */
  gtk_widget_set_sensitive (GTK_WIDGET (self->step_bar), !busy);
}

/* The draft written on a worker; @close: the window closes once it is
 * saved (the close question's Lưu nháp). */
typedef struct {
  CdWizardWindow *self;
  gboolean        close;
} SaveCall;

static void
draft_saved_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autofree SaveCall *call = user_data;
  g_autoptr(CdWizardWindow) self = call->self;
  g_autoptr(GError) error = NULL;
  gboolean ok = cd_batch_save_finish (CD_STORE (source), result, self->draft, &error);

  self->saving = FALSE;
  gtk_widget_set_sensitive (GTK_WIDGET (self->draft_button), !self->busy);
  if (!ok)
    {
      /* nothing is lost: the window stays open, the draft unsaved */
      self->draft->dirty = TRUE;
      toast (self, error->message);
      return;
    }
  if (call->close)
    {
      self->closing_confirmed = TRUE;
      cd_gui_close_later (GTK_WINDOW (self));
      return;
    }
  toast (self, _("Draft saved. Resume it from Documents."));
}

static void
save_draft (CdWizardWindow *self,
            gboolean        close)
{
  SaveCall *call;

  /* one save at a time: a second click must not add the list twice */
  if (self->saving || self->busy)
    return;
  call = g_new0 (SaveCall, 1);
  call->self = g_object_ref (self);
  call->close = close;
  self->saving = TRUE;
  gtk_widget_set_sensitive (GTK_WIDGET (self->draft_button), FALSE);
  /* the worker saves a copy: what the clerk changes meanwhile marks
   * the draft unsaved again, so closing still asks */
  self->draft->dirty = FALSE;
  cd_batch_save_async (self->store, self->draft, NULL, draft_saved_cb, call);
}

static void
draft_clicked_cb (GtkButton      *button,
                  CdWizardWindow *self)
{
  save_draft (self, FALSE);
}

static void
close_response_cb (AdwMessageDialog *dialog,
                   const char       *response,
                   CdWizardWindow   *self)
{
  if (g_str_equal (response, "save"))
    save_draft (self, TRUE);
  else if (g_str_equal (response, "discard"))
    {
      self->closing_confirmed = TRUE;
      cd_gui_close_later (GTK_WINDOW (self));
    }
}

static gboolean
cd_wizard_window_close_request (GtkWindow *window)
{
  CdWizardWindow *self = CD_WIZARD_WINDOW (window);
  AdwMessageDialog *dialog;

  if (self->busy || self->saving)
    return TRUE;
  if (self->closing_confirmed || !self->draft->dirty || self->draft->items->len == 0)
    return GTK_WINDOW_CLASS (cd_wizard_window_parent_class)->close_request (window);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (window, _("Save the list as a draft?"),
                                                       _("What you entered is lost if you close without saving. A draft can be resumed from Documents.")));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "discard", _("_Discard"),
                                    "save", _("_Save Draft"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (dialog, "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "save");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (close_response_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));
  return TRUE;
}

static void
cd_wizard_window_dispose (GObject *object)
{
  CdWizardWindow *self = CD_WIZARD_WINDOW (object);

  /* first: what the people step still reads comes back to no window */
  if (self->people_page != NULL)
    cd_wizard_people_page_detach (CD_WIZARD_PEOPLE_PAGE (self->people_page));
  g_clear_object (&self->people_page);
  if (self->page_cancel != NULL)
    g_cancellable_cancel (self->page_cancel);
  g_clear_object (&self->page_cancel);
  g_clear_pointer (&self->unit, cd_unit_free);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->draft, cd_wizard_draft_free);
  gtk_widget_dispose_template (GTK_WIDGET (object), CD_TYPE_WIZARD_WINDOW);
  G_OBJECT_CLASS (cd_wizard_window_parent_class)->dispose (object);
}

static void
cd_wizard_window_class_init (CdWizardWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = cd_wizard_window_dispose;
  GTK_WINDOW_CLASS (klass)->close_request = cd_wizard_window_close_request;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/certdesk/CertDesk/wizard/cd-wizard-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CdWizardWindow, toasts);
  gtk_widget_class_bind_template_child (widget_class, CdWizardWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, CdWizardWindow, step_bar);
  gtk_widget_class_bind_template_child (widget_class, CdWizardWindow, draft_button);
  gtk_widget_class_bind_template_child (widget_class, CdWizardWindow, step_label);
  gtk_widget_class_bind_template_child (widget_class, CdWizardWindow, back_button);
  gtk_widget_class_bind_template_child (widget_class, CdWizardWindow, next_button);
  gtk_widget_class_bind_template_callback (widget_class, draft_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, back_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, next_clicked_cb);
}

static void
cd_wizard_window_init (CdWizardWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* a page per step, each scrolled and clamped like every page */
  for (guint i = 0; i < N_PAGES; i++)
    {
      GtkWidget *scroll = gtk_scrolled_window_new ();
      GtkWidget *clamp = adw_clamp_new ();

      self->page_box[i] = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
      gtk_widget_set_margin_top (self->page_box[i], 18);
      gtk_widget_set_margin_bottom (self->page_box[i], 18);
      gtk_widget_set_margin_start (self->page_box[i], 12);
      gtk_widget_set_margin_end (self->page_box[i], 12);
      adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 1000);
      adw_clamp_set_child (ADW_CLAMP (clamp), self->page_box[i]);
      gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroll), clamp);
      gtk_stack_add_named (self->stack, scroll, page_names[i]);
    }
}

static CdWizardWindow *
wizard_new (GtkWindow     *parent,
            CdStore       *store,
            GSettings     *settings,
            CdWizardDraft *draft,
            GArray        *staff_ids)
{
  CdWizardWindow *self = g_object_new (CD_TYPE_WIZARD_WINDOW,
                                       "transient-for", parent,
                                       "modal", FALSE,
                                       NULL);
  self->store = g_object_ref (store);
  self->settings = settings ? g_object_ref (settings) : NULL;
  self->draft = draft;
  self->people_page = g_object_ref_sink (cd_wizard_people_page_new (self, staff_ids));
  gtk_window_set_title (GTK_WINDOW (self),
                        cd_wizard_draft_is_revocation (draft) ? _("Make Revocation List")
                                                              : _("Make Request List"));
  return self;
}

CdWizardWindow *
cd_wizard_window_new (GtkWindow  *parent,
                      CdStore    *store,
                      GSettings  *settings,
                      const char *kind,
                      GArray     *staff_ids)
{
  CdWizardWindow *self = wizard_new (parent, store, settings,
                                     cd_wizard_draft_new (kind ? kind : "cap-moi"), staff_ids);

  show_page (self, first_page (self));
  return self;
}

CdWizardWindow *
cd_wizard_window_resume (GtkWindow     *parent,
                         CdStore       *store,
                         GSettings     *settings,
                         CdWizardDraft *draft)
{
  CdWizardWindow *self = wizard_new (parent, store, settings, draft, NULL);

  /* the saved people are the choice: no new suggestions on top */
  cd_wizard_people_page_keep_draft (CD_WIZARD_PEOPLE_PAGE (self->people_page));
  self->accept_gaps = TRUE;
  show_page (self, PAGE_PEOPLE);
  return self;
}
