/* cd-wizard-gaps-page.c — the wizard's third step: what the listed
 * people's records lack or have wrong for the chosen template
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cd-text.h"
#include "cd-wizard-fix.h"
#include "cd-wizard-gap-item.h"
#include "cd-wizard-gaps-page.h"
#include "cd-wizard-mailbox.h"
#include "cd-wizard-window-private.h"

struct _CdWizardGapsPage
{
  GtkBox          parent_instance;

  CdWizardWindow *window;   /* not a reference: the page is inside it */
  GListStore     *gaps;     /* CdWizardGapItem */

  GtkWidget      *busy_box;
  GtkWidget      *message_label;
  GtkWidget      *gaps_list;
  GtkWidget      *accept_button;
  GtkWidget      *blocked_label;
  GtkWidget      *mailbox_box;
  GtkWidget      *mailbox_list;
  /* gaps the list is not written with (cd_wizard_gaps_n_blocking()):
   * Next stays off while there are any, even when going on with gaps */
  guint           n_blocking;
};

G_DEFINE_FINAL_TYPE (CdWizardGapsPage, cd_wizard_gaps_page, GTK_TYPE_BOX)

/* What a row's Save acts on, freed with its handler. */
typedef struct {
  CdWizardGapsPage *self;
  CdWizardGapItem  *item;    /* a reference */
  GtkEditable      *entry;
} FixCall;

static void
fix_call_free (gpointer  data,
               GClosure *closure)
{
  FixCall *call = data;

  g_object_unref (call->item);
  g_free (call);
}

static void
fix_saved_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  /* with the window's page cancellable when the fix was saved: the
   * window cancels it when the step is left or rebuilt, or closes */
  g_autoptr(CdWizardCall) call = user_data;
  g_autoptr(GError) error = NULL;
  gboolean ok = cd_wizard_fix_finish (CD_STORE (source), result, &error);
  CdWizardWindow *window = ((CdWizardGapsPage *) call->page)->window;

  if (cd_wizard_call_cancelled (call) || window == NULL)
    return;
  if (!ok)
    {
      /* what the store found wrong in the value typed, which stays */
      toast (window, error->message);
      return;
    }
  /* checked again: the gap fixed goes, another may show */
  cd_wizard_window_rebuild (window);
}

/* A mailbox typed: whose, and the entry holding it. */
typedef struct {
  gint64     staff_id;
  GtkWidget *entry;      /* a reference */
} MailboxCall;

static MailboxCall *
mailbox_call_new (gint64     staff_id,
                  GtkWidget *entry)
{
  MailboxCall *call = g_new0 (MailboxCall, 1);

  call->staff_id = staff_id;
  call->entry = g_object_ref (entry);
  return call;
}

static void
mailbox_call_free (gpointer data)
{
  MailboxCall *call = data;

  g_object_unref (call->entry);
  g_free (call);
}

/* The mailbox typed, checked against the register and the list on
 * core's worker: into the draft's row, or what is wrong shown on the
 * row, under the entry that keeps the text. */
static void
mailbox_checked_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(CdWizardCall) call = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *address = cd_wizard_mailbox_check_finish (CD_STORE (source), result, &error);
  CdWizardWindow *window = ((CdWizardGapsPage *) call->page)->window;
  MailboxCall *typed = call->data;
  CdWizardItem *item;

  if (cd_wizard_call_cancelled (call) || window == NULL)
    return;
  if (address == NULL)
    {
      GtkWidget *row = gtk_widget_get_ancestor (typed->entry, ADW_TYPE_ACTION_ROW);

      gtk_widget_add_css_class (typed->entry, "error");
      if (row != NULL)
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), error->message);
      gtk_accessible_update_property (GTK_ACCESSIBLE (typed->entry), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                      error->message, -1);
      return;
    }
  item = cd_wizard_draft_find (window->draft, typed->staff_id);
  if (item == NULL)
    return;
  cd_wizard_draft_set_text (&item->change_note, address);
  window->draft->dirty = TRUE;
  /* checked again: the gap goes, another may show */
  cd_wizard_window_rebuild (window);
}

static void
fix_clicked_cb (GtkButton *button,
                FixCall   *call)
{
  CdWizardWindow *window = call->self->window;
  CdWizardGap *gap = call->item->gap;

  if (window == NULL)
    return;
  if (g_strcmp0 (gap->field, "mailbox") == 0)
    {
      /* into the list, not the register: the person's recorded address
       * stays as it is until the Sở opens the mailbox */
      g_auto(GStrv) doms = domains (window);

      cd_wizard_mailbox_check_async (window->store, window->draft, gap->staff_id,
                                     gtk_editable_get_text (call->entry), (const char * const *) doms,
                                     window->page_cancel, mailbox_checked_cb,
                                     cd_wizard_call_new (call->self, window->page_cancel,
                                                         mailbox_call_new (gap->staff_id, GTK_WIDGET (call->entry)),
                                                         mailbox_call_free));
      return;
    }
  /* read and written on core's worker, not on the window's thread */
  cd_wizard_fix_async (window->store, gap->staff_id, gap->field,
                       gtk_editable_get_text (call->entry), window->page_cancel,
                       fix_saved_cb, cd_wizard_call_new (call->self, window->page_cancel, NULL, NULL));
}

static void
accept_toggled_cb (CdWizardGapsPage *self,
                   GtkToggleButton  *check)
{
  CdWizardWindow *window = self->window;

  if (window == NULL)   /* the draft's own choice being shown */
    return;
  window->accept_gaps = gtk_toggle_button_get_active (check);
  gtk_widget_set_sensitive (GTK_WIDGET (window->next_button), self->n_blocking == 0);
  if (!window->accept_gaps)
    cd_wizard_window_rebuild (window);
}

/* A gap with something to type: the value, an entry and Save (a
 * mailbox on the mailbox list: Put on the list, into the draft). A note
 * (a device unknown: said on the device, not in the record; a missing
 * revocation reason: typed in the people step): its message only, with
 * an error's icon when it must be filled before going on. */
static GtkWidget *
gap_row (gpointer item,
         gpointer user_data)
{
  CdWizardGapsPage *self = user_data;
  CdWizardGapItem *gi = item;
  CdWizardGap *gap = gi->gap;
  g_autofree char *title = g_strdup_printf ("%s — %s", gap->full_name, gap->label);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *entry, *button;
  g_autofree char *shown = NULL;
  FixCall *call;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), gap->message);
  if (cd_wizard_gap_item_is_note (gi))
    {
      GtkWidget *icon = gtk_image_new_from_icon_name (gap->error ? "dialog-error-symbolic"
                                                                  : "dialog-warning-symbolic");

      gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      gap->error ? _("To fill in") : _("Warning"), -1);
      gtk_widget_add_css_class (icon, gap->error ? "error" : "warning");
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      return row;
    }
  entry = gtk_entry_new ();
  /* a mailbox goes into the list, the other fields into the record */
  button = gtk_button_new_with_label (g_strcmp0 (gap->field, "mailbox") == 0 ? _("Put on the list") : _("Save"));
  if (gap->value != NULL && g_str_has_suffix (gap->field, "date"))
    shown = cd_text_date_display (gap->value);
  gtk_editable_set_text (GTK_EDITABLE (entry), shown ? shown : (gap->value ? gap->value : ""));
  gtk_widget_set_valign (entry, GTK_ALIGN_CENTER);
  /* an address is read whole, beside however long a message */
  if (g_strcmp0 (gap->field, "mailbox") == 0)
    gtk_editable_set_width_chars (GTK_EDITABLE (entry), 32);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  call = g_new0 (FixCall, 1);
  call->self = self;
  call->item = g_object_ref (gi);
  call->entry = GTK_EDITABLE (entry);
  g_signal_connect_data (button, "clicked", G_CALLBACK (fix_clicked_cb), call, fix_call_free, 0);
  /* Enter in the entry does what the button does */
  g_signal_connect_object (entry, "activate", G_CALLBACK (gtk_widget_activate), button, G_CONNECT_SWAPPED);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), entry);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  return row;
}

/* A row of the mailbox list whose mailbox the clerk may change: the
 * address asked for, kept by the clerk or proposed from the name. */
typedef struct {
  CdWizardGapsPage *self;
  gint64            staff_id;
  char             *address;
  GtkWidget        *entry;
  GtkWidget        *button;
} MailboxRow;

static void
mailbox_row_free (gpointer  data,
                  GClosure *closure)
{
  MailboxRow *row = data;

  g_free (row->address);
  g_free (row);
}

/* Put on the list only once something else is typed */
static void
mailbox_edited_cb (GtkEditable *entry,
                   MailboxRow  *row)
{
  g_autofree char *typed = g_strstrip (g_ascii_strdown (gtk_editable_get_text (entry), -1));

  gtk_widget_set_sensitive (row->button, *typed != '\0' && g_strcmp0 (typed, row->address) != 0);
  gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");
}

static void
mailbox_change_clicked_cb (GtkButton  *button,
                           MailboxRow *row)
{
  CdWizardWindow *window = row->self->window;
  g_auto(GStrv) doms = NULL;

  if (window == NULL)
    return;
  /* checked as a gap's mailbox is, by the same core call */
  doms = domains (window);
  cd_wizard_mailbox_check_async (window->store, window->draft, row->staff_id,
                                 gtk_editable_get_text (GTK_EDITABLE (row->entry)), (const char * const *) doms,
                                 window->page_cancel, mailbox_checked_cb,
                                 cd_wizard_call_new (row->self, window->page_cancel,
                                                     mailbox_call_new (row->staff_id, row->entry),
                                                     mailbox_call_free));
}

static GtkWidget *
mailbox_row (CdWizardGapsPage      *self,
             const CdWizardMailbox *m)
{
  g_autofree char *label = g_strdup_printf ("%s — %s", m->full_name, _("Proposed mailbox"));
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *entry = gtk_entry_new ();
  GtkWidget *button = gtk_button_new_with_label (_("Put on the list"));
  MailboxRow *data = g_new0 (MailboxRow, 1);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), m->full_name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), m->kept ? _("Typed by you")
                                                              : _("Proposed from the name, at the unit's domain"));
  gtk_editable_set_text (GTK_EDITABLE (entry), m->address);
  /* a school's address read whole: name.surname@thcs.haiphong.edu.vn */
  gtk_editable_set_width_chars (GTK_EDITABLE (entry), 32);
  gtk_widget_set_valign (entry, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_sensitive (button, FALSE);
  data->self = self;
  data->staff_id = m->staff_id;
  data->address = g_strdup (m->address);
  data->entry = entry;
  data->button = button;
  g_signal_connect_data (button, "clicked", G_CALLBACK (mailbox_change_clicked_cb), data, mailbox_row_free, 0);
  g_signal_connect (entry, "changed", G_CALLBACK (mailbox_edited_cb), data);
  g_signal_connect_object (entry, "activate", G_CALLBACK (gtk_widget_activate), button, G_CONNECT_SWAPPED);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), entry);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  return row;
}

static void
mailboxes_done_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(CdWizardCall) call = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) mailboxes = cd_wizard_mailbox_list_finish (CD_STORE (source), result, &error);
  CdWizardGapsPage *self = call->page;

  if (cd_wizard_call_cancelled (call) || self->window == NULL)
    return;
  if (mailboxes == NULL)
    {
      toast (self->window, error->message);
      return;
    }
  for (guint i = 0; i < mailboxes->len; i++)
    gtk_list_box_append (GTK_LIST_BOX (self->mailbox_list), mailbox_row (self, g_ptr_array_index (mailboxes, i)));
  gtk_widget_set_visible (self->mailbox_box, mailboxes->len > 0);
}

/* What blocks going on, said under Go on with these gaps: whose
 * mailbox to change, and where. */
static void
show_blocking (CdWizardGapsPage *self,
               GPtrArray        *gaps)
{
  g_autoptr(GString) names = g_string_new (NULL);
  g_autofree char *text = NULL;

  for (guint i = 0; i < gaps->len; i++)
    {
      CdWizardGap *gap = g_ptr_array_index (gaps, i);

      if (!gap->blocks)
        continue;
      if (names->len > 0)
        g_string_append (names, ", ");
      g_string_append (names, gap->full_name);
    }
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "The list cannot be saved with the mailbox asked for %s: type another "
                                       "address in that row above and press Put on the list. Going on with the "
                                       "gaps does not pass over it.",
                                       "The list cannot be saved with the mailboxes asked for %s: type another "
                                       "address in each of their rows above and press Put on the list. Going on "
                                       "with the gaps does not pass over them.",
                                       self->n_blocking),
                          names->str);
  gtk_label_set_label (GTK_LABEL (self->blocked_label), text);
  gtk_widget_set_visible (self->blocked_label, TRUE);
}

static void
fill (CdWizardGapsPage *self,
      GPtrArray        *gaps)
{
  CdWizardWindow *window = self->window;
  guint n_errors = 0;

  if (gaps->len == 0)
    {
      gtk_label_set_label (GTK_LABEL (self->message_label), _("Every record has what the template needs."));
      gtk_widget_set_visible (self->message_label, TRUE);
      gtk_widget_set_sensitive (GTK_WIDGET (window->next_button), TRUE);
      return;
    }
  /* which gaps block is core's rule (the ones the list is refused
   * with); read before the items take the gaps */
  self->n_blocking = cd_wizard_gaps_n_blocking (gaps);
  if (self->n_blocking > 0)
    show_blocking (self, gaps);
  for (guint i = 0; i < gaps->len; i++)
    {
      CdWizardGap *gap = g_ptr_array_index (gaps, i);
      g_autoptr(CdWizardGapItem) item = NULL;

      if (gap->error)
        n_errors++;
      /* the item owns the gap from now on */
      item = cd_wizard_gap_item_new (g_steal_pointer (&gaps->pdata[i]));
      g_list_store_append (self->gaps, item);
    }
  gtk_widget_set_visible (self->gaps_list, TRUE);
  if (n_errors > 0)
    {
      /* shown as the draft has it, before the handler acts on toggles */
      CdWizardWindow *keep = g_steal_pointer (&self->window);

      gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->accept_button), keep->accept_gaps);
      self->window = keep;
      gtk_widget_set_visible (self->accept_button, TRUE);
    }
  gtk_widget_set_sensitive (GTK_WIDGET (window->next_button),
                            self->n_blocking == 0 && (n_errors == 0 || window->accept_gaps));
}

static void
gaps_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  /* with the cancellable of the step's build */
  g_autoptr(CdWizardCall) call = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) gaps = cd_wizard_check_finish (CD_STORE (source), result, &error);
  CdWizardGapsPage *self = call->page;

  /* the step was left or rebuilt, or the window closed */
  if (cd_wizard_call_cancelled (call) || self->window == NULL)
    return;
  gtk_widget_set_visible (self->busy_box, FALSE);
  if (gaps == NULL)
    {
      gtk_label_set_label (GTK_LABEL (self->message_label), error->message);
      gtk_widget_set_visible (self->message_label, TRUE);
      return;
    }
  fill (self, gaps);
  /* the mailbox list: each mailbox asked for, for the clerk to change */
  if (g_strcmp0 (self->window->draft->kind, "hom-thu") == 0)
    {
      g_auto(GStrv) doms = domains (self->window);

      cd_wizard_mailbox_list_async (self->window->store, self->window->draft, (const char * const *) doms,
                                    self->window->page_cancel, mailboxes_done_cb,
                                    cd_wizard_call_new (self, self->window->page_cancel, NULL, NULL));
    }
}

static void
cd_wizard_gaps_page_dispose (GObject *object)
{
  CdWizardGapsPage *self = CD_WIZARD_GAPS_PAGE (object);

  self->window = NULL;
  gtk_widget_dispose_template (GTK_WIDGET (object), CD_TYPE_WIZARD_GAPS_PAGE);
  g_clear_object (&self->gaps);
  G_OBJECT_CLASS (cd_wizard_gaps_page_parent_class)->dispose (object);
}

static void
cd_wizard_gaps_page_class_init (CdWizardGapsPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = cd_wizard_gaps_page_dispose;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/certdesk/CertDesk/wizard/cd-wizard-gaps-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CdWizardGapsPage, busy_box);
  gtk_widget_class_bind_template_child (widget_class, CdWizardGapsPage, message_label);
  gtk_widget_class_bind_template_child (widget_class, CdWizardGapsPage, gaps_list);
  gtk_widget_class_bind_template_child (widget_class, CdWizardGapsPage, accept_button);
  gtk_widget_class_bind_template_child (widget_class, CdWizardGapsPage, blocked_label);
  gtk_widget_class_bind_template_child (widget_class, CdWizardGapsPage, mailbox_box);
  gtk_widget_class_bind_template_child (widget_class, CdWizardGapsPage, mailbox_list);
  gtk_widget_class_bind_template_callback (widget_class, accept_toggled_cb);
}

static void
cd_wizard_gaps_page_init (CdWizardGapsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->gaps = g_list_store_new (CD_TYPE_WIZARD_GAP_ITEM);
  gtk_list_box_bind_model (GTK_LIST_BOX (self->gaps_list), G_LIST_MODEL (self->gaps),
                           gap_row, self, NULL);
}

GtkWidget *
cd_wizard_gaps_page_new (CdWizardWindow *window)
{
  CdWizardGapsPage *self = g_object_new (CD_TYPE_WIZARD_GAPS_PAGE, NULL);

  self->window = window;
  /* Next waits for the check: going on needs its answer. The template
   * is read on the worker too: one it cannot read is the check's
   * error, shown in place of the gaps. */
  gtk_widget_set_sensitive (GTK_WIDGET (window->next_button), FALSE);
  cd_wizard_window_check_async (window, NULL, gaps_done_cb,
                                cd_wizard_call_new (self, window->page_cancel, NULL, NULL));
  return GTK_WIDGET (self);
}
