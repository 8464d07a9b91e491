/* cd-wizard-template-page.c — the wizard's template step
 *
 * The choices are a GListStore of CdWizardTemplateItem; each row's check
 * button names the page's stateful "template.choose" action with its
 * path as the target ("" for the built-in form), so the checked one is
 * the draft's template and nothing is stored on the widgets. The
 * columns of a Sở's form are a GListStore of GtkStringList pairs
 * (header, what fills it), refilled in place when the choice changes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cd-doc-templates.h"
#include "cd-docx.h"
#include "cd-wizard-template-item.h"
#include "cd-wizard-template-page.h"
#include "cd-wizard-window-private.h"

struct _CdWizardTemplatePage
{
  GtkBox          parent_instance;

  CdWizardWindow *window;     /* not a reference: the page is inside it */
  char           *path;       /* the "template.choose" action's state */
  GListStore     *templates;  /* CdWizardTemplateItem */
  GListStore     *columns;    /* GtkStringList: header, what fills it */

  GCancellable   *inspecting;  /* the chosen form read on a worker */

  GtkListBox     *templates_list;
  GtkWidget      *busy_box;
  GtkWidget      *error_label;
  GtkWidget      *columns_box;
  GtkListBox     *columns_list;
};

enum { PROP_0, PROP_PATH, N_PROPS };

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (CdWizardTemplatePage, cd_wizard_template_page, GTK_TYPE_BOX)

static GtkWidget *
template_row (gpointer item,
              gpointer user_data)
{
  CdWizardTemplateItem *t = item;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();
  const char *title = cd_wizard_template_item_get_title (t);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (cd_wizard_template_item_get_subtitle (t) != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), cd_wizard_template_item_get_subtitle (t));
  /* one checked at a time, by the action's state (a radio button) */
  gtk_actionable_set_action_name (GTK_ACTIONABLE (check), "template.choose");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (check), "s", cd_wizard_template_item_get_path (t));
  /* its row's title: what a screen reader (and the tests) calls it */
  gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
  return row;
}

static GtkWidget *
column_row (gpointer item,
            gpointer user_data)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), gtk_string_list_get_string (item, 0));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), gtk_string_list_get_string (item, 1));
  return row;
}

/* The choices: the built-in form, the clerk's own templates, and the
 * draft's form when it is none of them (the Sở's, chosen from a file). */
static void
fill_templates (CdWizardTemplatePage *self)
{
  CdWizardDraft *draft = self->window->draft;
  g_autoptr(GPtrArray) tpls = cd_doc_templates_list ();
  g_autoptr(CdWizardTemplateItem) builtin =
    cd_wizard_template_item_new (_("Built-in form"), cd_wizard_kind_title (draft->kind), NULL);
  const char *current = draft->template_path;
  gboolean known = current == NULL;

  g_list_store_remove_all (self->templates);
  g_list_store_append (self->templates, builtin);
  for (guint i = 0; tpls != NULL && i < tpls->len; i++)
    {
      CdDocTemplate *t = g_ptr_array_index (tpls, i);
      g_autoptr(CdWizardTemplateItem) item = NULL;

      if (t->builtin)
        continue;
      item = cd_wizard_template_item_new (t->title, _("Your template"), t->path);
      g_list_store_append (self->templates, item);
      known = known || g_strcmp0 (current, t->path) == 0;
    }
  if (!known)
    {
      g_autofree char *base = g_path_get_basename (current);
      g_autoptr(CdWizardTemplateItem) item =
        cd_wizard_template_item_new (base, _("The Department's form"), current);

      g_list_store_append (self->templates, item);
    }
}

/* What the chosen form prints: an error when it cannot be read (Next
 * waits), its columns when it has no placeholders. */
static void
inspect_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(CdWizardCall) call = user_data;
  CdWizardTemplatePage *self = call->page;
  CdWizardWindow *window = self->window;
  g_autoptr(GError) error = NULL;
  g_autoptr(CdWizardTemplateInfo) info = cd_wizard_template_inspect_finish (CD_STORE (source), result,
                                                                            &error);

  /* another choice since, the step left, or the window closed */
  if (cd_wizard_call_cancelled (call) || window == NULL)
    return;
  g_clear_object (&self->inspecting);
  gtk_widget_set_visible (self->busy_box, FALSE);
  gtk_widget_set_visible (self->error_label, info == NULL);
  gtk_widget_set_visible (self->columns_box, info != NULL && info->columns != NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (window->next_button), info != NULL);
  if (info == NULL)
    {
      gtk_label_set_label (GTK_LABEL (self->error_label), error->message);
      return;
    }
  for (guint i = 0; info->columns != NULL && i < info->columns->len; i++)
    {
      CdFormColumn *c = g_ptr_array_index (info->columns, i);
      const CdDocField *f = c->field ? cd_doc_field_lookup (c->field) : NULL;
      const char *cells[] = {
        c->header ? c->header : "",
        f ? _(f->description) : _("Stays empty (fill by hand)"),
        NULL
      };
      g_autoptr(GtkStringList) row = gtk_string_list_new (cells);

      g_list_store_append (self->columns, row);
    }
}

/* The chosen form is read on a worker (a clerk's .docx may be large);
 * Next waits for it. A former read still going is cancelled. */
static void
fill_columns (CdWizardTemplatePage *self)
{
  CdWizardWindow *window = self->window;

  if (self->inspecting != NULL)
    g_cancellable_cancel (self->inspecting);
  g_clear_object (&self->inspecting);
  self->inspecting = g_cancellable_new ();
  /* the step's own reads go with it too */
  g_signal_connect_object (window->page_cancel, "cancelled", G_CALLBACK (g_cancellable_cancel),
                           self->inspecting, G_CONNECT_SWAPPED);
  g_list_store_remove_all (self->columns);
  gtk_widget_set_visible (self->error_label, FALSE);
  gtk_widget_set_visible (self->columns_box, FALSE);
  gtk_widget_set_visible (self->busy_box, TRUE);
  gtk_widget_set_sensitive (GTK_WIDGET (window->next_button), FALSE);
  cd_wizard_template_inspect_async (window->store, window->draft, self->inspecting,
                                    inspect_done_cb,
                                    cd_wizard_call_new (self, self->inspecting, NULL, NULL));
}

/* The draft's template is @path ("" or NULL: the built-in form). */
static void
choose (CdWizardTemplatePage *self,
        const char           *path)
{
  CdWizardDraft *draft = self->window->draft;

  cd_wizard_draft_set_text (&draft->template_path, path != NULL && *path != '\0' ? path : NULL);
  draft->dirty = TRUE;
  fill_columns (self);
}

static void
cd_wizard_template_page_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  CdWizardTemplatePage *self = CD_WIZARD_TEMPLATE_PAGE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cd_wizard_template_page_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  CdWizardTemplatePage *self = CD_WIZARD_TEMPLATE_PAGE (object);
  const char *path = g_value_get_string (value);

  switch (prop_id)
    {
    case PROP_PATH:
      if (path == NULL)
        path = "";
      if (g_strcmp0 (self->path, path) == 0)
        return;
      g_free (self->path);
      self->path = g_strdup (path);
      if (self->window != NULL)
        choose (self, self->path);
      g_object_notify_by_pspec (object, pspec);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
form_chosen_cb (GtkNativeDialog      *dialog,
                int                   response,
                CdWizardTemplatePage *self)
{
  if (response == GTK_RESPONSE_ACCEPT && self->window != NULL)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = g_file_get_path (file);

      /* the draft's first, so its row is offered, then checked */
      choose (self, path);
      fill_templates (self);
      g_object_set (self, "path", path, NULL);
    }
  g_object_unref (dialog);
  g_object_unref (self);
}

static void
choose_form_cb (CdWizardTemplatePage *self)
{
  GtkFileChooserNative *dialog =
    gtk_file_chooser_native_new (_("The Department's Word form"),
                                 GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                 GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Word documents (.docx)"));
  gtk_file_filter_add_pattern (filter, "*.docx");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  g_object_unref (filter);
  /* the page stays until the chooser answers, even if the step is left */
  g_signal_connect (dialog, "response", G_CALLBACK (form_chosen_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
cd_wizard_template_page_dispose (GObject *object)
{
  CdWizardTemplatePage *self = CD_WIZARD_TEMPLATE_PAGE (object);

  self->window = NULL;
  if (self->inspecting != NULL)
    g_cancellable_cancel (self->inspecting);
  g_clear_object (&self->inspecting);
  gtk_widget_dispose_template (GTK_WIDGET (object), CD_TYPE_WIZARD_TEMPLATE_PAGE);
  g_clear_object (&self->templates);
  g_clear_object (&self->columns);
  G_OBJECT_CLASS (cd_wizard_template_page_parent_class)->dispose (object);
}

static void
cd_wizard_template_page_finalize (GObject *object)
{
  CdWizardTemplatePage *self = CD_WIZARD_TEMPLATE_PAGE (object);

  g_clear_pointer (&self->path, g_free);
  G_OBJECT_CLASS (cd_wizard_template_page_parent_class)->finalize (object);
}

static void
cd_wizard_template_page_class_init (CdWizardTemplatePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = cd_wizard_template_page_get_property;
  object_class->set_property = cd_wizard_template_page_set_property;
  object_class->dispose = cd_wizard_template_page_dispose;
  object_class->finalize = cd_wizard_template_page_finalize;
  properties[PROP_PATH] = g_param_spec_string ("path", NULL, NULL, "",
                                               G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY
                                               | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/certdesk/CertDesk/wizard/cd-wizard-template-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CdWizardTemplatePage, templates_list);
  gtk_widget_class_bind_template_child (widget_class, CdWizardTemplatePage, busy_box);
  gtk_widget_class_bind_template_child (widget_class, CdWizardTemplatePage, error_label);
  gtk_widget_class_bind_template_child (widget_class, CdWizardTemplatePage, columns_box);
  gtk_widget_class_bind_template_child (widget_class, CdWizardTemplatePage, columns_list);
  gtk_widget_class_bind_template_callback (widget_class, choose_form_cb);
  gtk_widget_class_install_property_action (widget_class, "template.choose", "path");
}

static void
cd_wizard_template_page_init (CdWizardTemplatePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->path = g_strdup ("");
  self->templates = g_list_store_new (CD_TYPE_WIZARD_TEMPLATE_ITEM);
  self->columns = g_list_store_new (GTK_TYPE_STRING_LIST);
  gtk_list_box_bind_model (self->templates_list, G_LIST_MODEL (self->templates),
                           template_row, NULL, NULL);
  gtk_list_box_bind_model (self->columns_list, G_LIST_MODEL (self->columns),
                           column_row, NULL, NULL);
}

GtkWidget *
cd_wizard_template_page_new (CdWizardWindow *window)
{
  CdWizardTemplatePage *self = g_object_new (CD_TYPE_WIZARD_TEMPLATE_PAGE, NULL);
  const char *current = window->draft->template_path;

  /* the draft's template first: the checks read it when they are bound */
  g_free (self->path);
  self->path = g_strdup (current ? current : "");
  self->window = window;
  fill_templates (self);
  fill_columns (self);
  return GTK_WIDGET (self);
}
