/* cd-preferences-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "cd-desktop-shortcut.h"
#include "cd-gui-util.h"
#include "cd-pkcs11-module-check.h"
#include "cd-preferences-window.h"
#include "cd-settings.h"
#include "cd-text.h"
#include "cd-ca-trust-group.h"
#include "cd-unit-certificates-group.h"
#include "cd-workdays.h"

struct _CdPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  /* Template widgets */
  AdwPreferencesPage   *unit_page;
  GtkLabel             *preview_parent;
  GtkLabel             *preview_name;
  GtkLabel             *preview_date;
  AdwEntryRow          *name_row;
  AdwEntryRow          *parent_row;
  AdwEntryRow          *place_row;
  AdwEntryRow          *province_row;
  AdwEntryRow          *head_title_row;
  AdwEntryRow          *head_name_row;
  AdwEntryRow          *address_row;
  AdwEntryRow          *phone_row;
  AdwEntryRow          *email_row;
  AdwEntryRow          *org1_row;
  AdwEntryRow          *org2_row;
  AdwEntryRow          *org3_row;
  AdwEntryRow          *org4_row;
  AdwEntryRow          *tax_code_row;
  AdwEntryRow          *budget_code_row;
  AdwEntryRow          *former_names_row;
  CdUnitCertificatesGroup *unit_certs_group;
  CdCaTrustGroup          *ca_trust_group;
  AdwEntryRow          *focal_name_row;
  AdwEntryRow          *focal_position_row;
  AdwEntryRow          *focal_cccd_row;
  AdwEntryRow          *focal_cccd_date_row;
  AdwEntryRow          *focal_cccd_place_row;
  AdwEntryRow          *focal_phone_row;
  AdwEntryRow          *focal_email_row;
  AdwPreferencesPage   *general_page;
  GtkSpinButton        *threshold_spin;
  AdwComboRow          *language_row;
  AdwPreferencesGroup  *domains_group;
  AdwEntryRow          *domain_entry;
  AdwPreferencesGroup  *modules_group;
  AdwPreferencesGroup  *holidays_group;

  /* Not template */
  GtkLabel             *name_error;
  GPtrArray            *domain_rows;   /* GtkWidget, borrowed from the group */
  GPtrArray            *module_rows;

  /* Owned */
  CdStore              *store;
  GSettings            *settings;
  GtkFileChooserNative *chooser;
  GCancellable         *cancellable;
  char                 *unit_saved;    /* the unit's fields as last loaded or saved */
  gboolean              discard;       /* the clerk chose to drop what was typed */
};

G_DEFINE_FINAL_TYPE (CdPreferencesWindow, cd_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

enum {
  UNIT_SAVED,
  N_SIGNALS
};
static guint signals[N_SIGNALS];

static const char *languages[] = { "vi", "en", "system" };

/* ---- Unit page ------------------------------------------------------ */

char *
cd_document_date_line (const char *place,
                       GDateTime  *date)
{
  int day = g_date_time_get_day_of_month (date);
  int month = g_date_time_get_month (date);

  /* NĐ 30/2020 Phụ lục I: two digits for days below 10 and months 1, 2. */
  return g_strdup_printf ("%s, ngày %02d tháng %s%d năm %d",
                          place && *place ? place : "……",
                          day, month <= 2 ? "0" : "", month,
                          g_date_time_get_year (date));
}

static const char *
row_text (AdwEntryRow *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

static void
update_preview (CdPreferencesWindow *self)
{
  g_autofree char *parent = g_utf8_strup (row_text (self->parent_row), -1);
  g_autofree char *name = g_utf8_strup (row_text (self->name_row), -1);
  g_autofree char *name_markup = NULL;
  g_autofree char *date_markup = NULL;
  g_autofree char *date = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  gtk_label_set_text (self->preview_parent, *parent ? parent : _("MANAGING BODY"));
  name_markup = g_markup_printf_escaped ("<b>%s</b>", *name ? name : _("NAME OF THE UNIT"));
  gtk_label_set_markup (self->preview_name, name_markup);
  date = cd_document_date_line (row_text (self->place_row), now);
  date_markup = g_markup_printf_escaped ("<i>%s</i>", date);
  gtk_label_set_markup (self->preview_date, date_markup);
}

static void
unit_changed_cb (CdPreferencesWindow *self)
{
  update_preview (self);
  if (*row_text (self->name_row) != '\0')
    {
      gtk_widget_set_visible (GTK_WIDGET (self->name_error), FALSE);
      gtk_widget_remove_css_class (GTK_WIDGET (self->name_row), "error");
    }
}

static char *
stripped (AdwEntryRow *row)
{
  char *s = g_strstrip (g_strdup (row_text (row)));

  if (*s == '\0')
    g_clear_pointer (&s, g_free);
  return s;
}

/* Every field of the unit page, in one string: compared on close to
 * tell whether something typed is not saved yet. */
static char *
unit_fields (CdPreferencesWindow *self)
{
  AdwEntryRow *rows[] = {
    self->name_row, self->parent_row, self->place_row, self->province_row,
    self->head_title_row, self->head_name_row, self->address_row, self->phone_row,
    self->email_row, self->org1_row, self->org2_row, self->org3_row, self->org4_row,
    self->tax_code_row, self->budget_code_row, self->former_names_row,
    self->focal_name_row, self->focal_position_row, self->focal_cccd_row,
    self->focal_cccd_date_row, self->focal_cccd_place_row, self->focal_phone_row,
    self->focal_email_row,
  };
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autofree char *text = g_strstrip (g_strdup (row_text (rows[i])));

      g_string_append (s, text);
      g_string_append_c (s, '\x1f');
    }
  return g_string_free (s, FALSE);
}

static void
remember_unit_fields (CdPreferencesWindow *self)
{
  g_free (self->unit_saved);
  self->unit_saved = unit_fields (self);
}

static void
load_unit (CdPreferencesWindow *self)
{
  g_autoptr(CdUnit) u = NULL;
  g_autofree char *former = NULL;
  g_autofree char *cccd_date = NULL;
  struct { AdwEntryRow *row; const char *value; } map[23];

  if (self->store == NULL)
    return;
  u = cd_store_get_unit (self->store);
  map[0].row = self->name_row; map[0].value = u->name;
  map[1].row = self->parent_row; map[1].value = u->parent_name;
  map[2].row = self->place_row; map[2].value = u->place;
  map[3].row = self->province_row; map[3].value = u->province;
  map[4].row = self->head_title_row; map[4].value = u->head_title;
  map[5].row = self->head_name_row; map[5].value = u->head_name;
  map[6].row = self->address_row; map[6].value = u->address;
  map[7].row = self->phone_row; map[7].value = u->phone;
  map[8].row = self->email_row; map[8].value = u->email;
  map[9].row = self->org1_row; map[9].value = u->org_level[0];
  map[10].row = self->org2_row; map[10].value = u->org_level[1];
  map[11].row = self->org3_row; map[11].value = u->org_level[2];
  map[12].row = self->org4_row; map[12].value = u->org_level[3];
  map[13].row = self->tax_code_row; map[13].value = u->tax_code;
  map[14].row = self->budget_code_row; map[14].value = u->budget_code;
  former = u->former_names ? g_strjoinv ("; ", u->former_names) : NULL;
  map[15].row = self->former_names_row; map[15].value = former;
  map[16].row = self->focal_name_row; map[16].value = u->focal_name;
  map[17].row = self->focal_position_row; map[17].value = u->focal_position;
  map[18].row = self->focal_cccd_row; map[18].value = u->focal_cccd;
  cccd_date = u->focal_cccd_date ? cd_text_date_display (u->focal_cccd_date) : NULL;
  map[19].row = self->focal_cccd_date_row; map[19].value = cccd_date;
  map[20].row = self->focal_cccd_place_row; map[20].value = u->focal_cccd_place;
  map[21].row = self->focal_phone_row; map[21].value = u->focal_phone;
  map[22].row = self->focal_email_row; map[22].value = u->focal_email;
  for (guint i = 0; i < G_N_ELEMENTS (map); i++)
    gtk_editable_set_text (GTK_EDITABLE (map[i].row), map[i].value ? map[i].value : "");
  /* A sensible default the clerk can change. */
  if (u->head_title == NULL || *u->head_title == '\0')
    gtk_editable_set_text (GTK_EDITABLE (self->head_title_row), "HIỆU TRƯỞNG");
  update_preview (self);
  remember_unit_fields (self);
}

static void
replace_text (char **field,
              char  *value)
{
  g_free (*field);
  *field = value;
}

/* Shows what is wrong next to the field and returns FALSE when the
 * details cannot be saved. */
static gboolean
save_unit (CdPreferencesWindow *self)
{
  g_autoptr(CdUnit) u = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *former = NULL;
  char *name = stripped (self->name_row);

  if (name == NULL)
    {
      gtk_label_set_text (self->name_error, _("Required: the name printed on every document."));
      gtk_widget_set_visible (GTK_WIDGET (self->name_error), TRUE);
      gtk_widget_add_css_class (GTK_WIDGET (self->name_row), "error");
      adw_preferences_window_set_visible_page (ADW_PREFERENCES_WINDOW (self), self->unit_page);
      gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
      return FALSE;
    }
  /* Start from what is stored so that details this page does not show
   * are kept, not cleared. */
  u = cd_store_get_unit (self->store);
#define SET(field, row) replace_text (&u->field, stripped (self->row))
  replace_text (&u->name, name);
  SET (parent_name, parent_row);
  SET (place, place_row);
  SET (province, province_row);
  SET (head_title, head_title_row);
  SET (head_name, head_name_row);
  SET (address, address_row);
  SET (phone, phone_row);
  SET (email, email_row);
  SET (org_level[0], org1_row);
  SET (org_level[1], org2_row);
  SET (org_level[2], org3_row);
  SET (org_level[3], org4_row);
  SET (tax_code, tax_code_row);
  SET (budget_code, budget_code_row);
  SET (focal_name, focal_name_row);
  SET (focal_position, focal_position_row);
  SET (focal_cccd, focal_cccd_row);
  SET (focal_cccd_date, focal_cccd_date_row);
  SET (focal_cccd_place, focal_cccd_place_row);
  SET (focal_phone, focal_phone_row);
  SET (focal_email, focal_email_row);
#undef SET
  former = stripped (self->former_names_row);
  g_strfreev (u->former_names);
  u->former_names = former ? g_strsplit (former, ";", -1) : NULL;

  if (!cd_store_save_unit (self->store, u, &error))
    {
      adw_preferences_window_set_visible_page (ADW_PREFERENCES_WINDOW (self), self->unit_page);
      cd_gui_toast (GTK_WIDGET (self), error->message);
      return FALSE;
    }
  remember_unit_fields (self);
  cd_gui_toast (GTK_WIDGET (self), _("The unit's details are saved."));
  g_signal_emit (self, signals[UNIT_SAVED], 0);
  return TRUE;
}

static void
save_unit_cb (CdPreferencesWindow *self)
{
  save_unit (self);
}

/* ---- Closing with unsaved details ----------------------------------- */

static gboolean
unit_is_dirty (CdPreferencesWindow *self)
{
  g_autofree char *now = NULL;

  if (self->store == NULL || self->unit_saved == NULL)
    return FALSE;
  now = unit_fields (self);
  return g_strcmp0 (now, self->unit_saved) != 0;
}

static void
unsaved_response_cb (AdwMessageDialog    *dialog,
                     const char          *response,
                     CdPreferencesWindow *self)
{
  if (g_strcmp0 (response, "save") == 0)
    {
      /* Invalid details keep the window open, the error in view. */
      if (save_unit (self))
        cd_gui_close_later (GTK_WINDOW (self));
    }
  else if (g_strcmp0 (response, "discard") == 0)
    {
      self->discard = TRUE;
      cd_gui_close_later (GTK_WINDOW (self));
    }
}

static gboolean
cd_preferences_window_close_request (GtkWindow *window)
{
  CdPreferencesWindow *self = CD_PREFERENCES_WINDOW (window);

  if (self->discard || !unit_is_dirty (self))
    return GTK_WINDOW_CLASS (cd_preferences_window_parent_class)->close_request (window);

  cd_gui_ask_save_changes (window, _("The unit's details you typed are not saved yet. "
                                     "Without saving they are lost."),
                           G_CALLBACK (unsaved_response_cb));
  return TRUE;
}

/* ---- Desktop icon ---------------------------------------------------- */

static void
create_shortcut_cb (CdPreferencesWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *msg = NULL;
  gboolean trusted = FALSE;

  /* Quick local file I/O (see cd-desktop-shortcut.h): fine here. */
  path = cd_desktop_shortcut_create (&trusted, &error);
  if (path == NULL)
    msg = g_strdup (error->message);
  else if (trusted)
    msg = g_strdup_printf (_("The icon is on the desktop: %s"), path);
  else
    msg = g_strdup_printf (_("The icon is on the desktop: %s. If the desktop asks, right-click it once and choose “Allow Launching”."), path);
  cd_gui_toast (GTK_WIDGET (self), msg);
}

/* ---- Email domains -------------------------------------------------- */

static void rebuild_domains (CdPreferencesWindow *self);

static void
remove_domain_cb (GtkButton           *button,
                  CdPreferencesWindow *self)
{
  const char *domain = g_object_get_data (G_OBJECT (button), "cd-domain");
  g_auto(GStrv) old = g_settings_get_strv (self->settings, "official-email-domains");
  g_autoptr(GStrvBuilder) b = g_strv_builder_new ();
  g_auto(GStrv) list = NULL;

  for (guint i = 0; old[i]; i++)
    if (g_strcmp0 (old[i], domain) != 0)
      g_strv_builder_add (b, old[i]);
  list = g_strv_builder_end (b);
  g_settings_set_strv (self->settings, "official-email-domains", (const char * const *) list);
  rebuild_domains (self);
}

static void
rebuild_domains (CdPreferencesWindow *self)
{
  g_auto(GStrv) domains = NULL;

  for (guint i = 0; i < self->domain_rows->len; i++)
    adw_preferences_group_remove (self->domains_group, g_ptr_array_index (self->domain_rows, i));
  g_ptr_array_set_size (self->domain_rows, 0);
  if (self->settings == NULL)
    return;

  domains = g_settings_get_strv (self->settings, "official-email-domains");
  for (guint i = 0; domains[i]; i++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *button = gtk_button_new_from_icon_name ("user-trash-symbolic");
      g_autofree char *label = g_strdup_printf (_("Remove the domain %s"), domains[i]);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), domains[i]);
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_set_tooltip_text (button, label);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
      g_object_set_data_full (G_OBJECT (button), "cd-domain", g_strdup (domains[i]), g_free);
      g_signal_connect (button, "clicked", G_CALLBACK (remove_domain_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      adw_preferences_group_add (self->domains_group, row);
      g_ptr_array_add (self->domain_rows, row);
    }
}

static gboolean
domain_is_valid (const char *d)
{
  const char *p = g_str_has_prefix (d, "*.") ? d + 2 : d;

  if (*p == '\0' || strchr (p, '.') == NULL || *p == '.' || g_str_has_suffix (p, "."))
    return FALSE;
  for (; *p; p++)
    if (!(g_ascii_isalnum (*p) || *p == '-' || *p == '.'))
      return FALSE;
  return TRUE;
}

static void
domain_apply_cb (CdPreferencesWindow *self)
{
  g_autofree char *d = g_ascii_strdown (g_strstrip (g_strdup (row_text (self->domain_entry))), -1);
  g_auto(GStrv) old = NULL;
  g_autoptr(GStrvBuilder) b = NULL;
  g_auto(GStrv) list = NULL;

  if (self->settings == NULL || *d == '\0')
    return;
  if (g_str_has_prefix (d, "@"))
    memmove (d, d + 1, strlen (d));
  if (!domain_is_valid (d))
    {
      g_autofree char *msg = g_strdup_printf (_("“%s” is not a domain name. Type it as haiphong.edu.vn or *.edu.vn."), d);
      cd_gui_toast (GTK_WIDGET (self), msg);
      return;
    }
  old = g_settings_get_strv (self->settings, "official-email-domains");
  if (g_strv_contains ((const char * const *) old, d))
    {
      gtk_editable_set_text (GTK_EDITABLE (self->domain_entry), "");
      return;
    }
  b = g_strv_builder_new ();
  g_strv_builder_addv (b, (const char **) old);
  g_strv_builder_add (b, d);
  list = g_strv_builder_end (b);
  g_settings_set_strv (self->settings, "official-email-domains", (const char * const *) list);
  gtk_editable_set_text (GTK_EDITABLE (self->domain_entry), "");
  rebuild_domains (self);
}

/* ---- PKCS#11 modules ------------------------------------------------ */

static void
check_module_done (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GtkWidget) row = user_data;
  g_autoptr(GError) error = NULL;

  /* The core check: loads it and looks for C_GetFunctionList, off the
   * main loop (a vendor library's constructors may be slow). */
  if (cd_pkcs11_module_check_finish (result, &error))
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("Loads correctly"));
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), error->message);
      gtk_widget_add_css_class (row, "error");
    }
}

static void rebuild_modules (CdPreferencesWindow *self);

static void
remove_module_cb (GtkButton           *button,
                  CdPreferencesWindow *self)
{
  const char *path = g_object_get_data (G_OBJECT (button), "cd-path");
  g_auto(GStrv) old = g_settings_get_strv (self->settings, "pkcs11-modules");
  g_autoptr(GStrvBuilder) b = g_strv_builder_new ();
  g_auto(GStrv) list = NULL;

  for (guint i = 0; old[i]; i++)
    if (g_strcmp0 (old[i], path) != 0)
      g_strv_builder_add (b, old[i]);
  list = g_strv_builder_end (b);
  g_settings_set_strv (self->settings, "pkcs11-modules", (const char * const *) list);
  rebuild_modules (self);
}

static void
rebuild_modules (CdPreferencesWindow *self)
{
  g_auto(GStrv) paths = NULL;

  for (guint i = 0; i < self->module_rows->len; i++)
    adw_preferences_group_remove (self->modules_group, g_ptr_array_index (self->module_rows, i));
  g_ptr_array_set_size (self->module_rows, 0);
  if (self->settings == NULL)
    return;

  paths = g_settings_get_strv (self->settings, "pkcs11-modules");
  if (paths[0] == NULL)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     _("No extra module: tokens read by OpenSC and p11-kit modules are found automatically."));
      adw_preferences_group_add (self->modules_group, row);
      g_ptr_array_add (self->module_rows, row);
      return;
    }
  for (guint i = 0; paths[i]; i++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *button = gtk_button_new_from_icon_name ("user-trash-symbolic");
      g_autofree char *label = g_strdup_printf (_("Remove the module %s"), paths[i]);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), paths[i]);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("Checking…"));
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_set_tooltip_text (button, label);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
      g_object_set_data_full (G_OBJECT (button), "cd-path", g_strdup (paths[i]), g_free);
      g_signal_connect (button, "clicked", G_CALLBACK (remove_module_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      adw_preferences_group_add (self->modules_group, row);
      g_ptr_array_add (self->module_rows, row);

      cd_pkcs11_module_check_async (paths[i], self->cancellable, check_module_done, g_object_ref (row));
    }
}

static void
chooser_response_cb (GtkNativeDialog     *dialog,
                     int                  response,
                     CdPreferencesWindow *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = file ? g_file_get_path (file) : NULL;

      if (path != NULL)
        {
          g_auto(GStrv) old = g_settings_get_strv (self->settings, "pkcs11-modules");

          if (!g_strv_contains ((const char * const *) old, path))
            {
              g_autoptr(GStrvBuilder) b = g_strv_builder_new ();
              g_auto(GStrv) list = NULL;

              g_strv_builder_addv (b, (const char **) old);
              g_strv_builder_add (b, path);
              list = g_strv_builder_end (b);
              g_settings_set_strv (self->settings, "pkcs11-modules", (const char * const *) list);
            }
          rebuild_modules (self);
        }
    }
  g_clear_object (&self->chooser);
}

static void
add_module_cb (CdPreferencesWindow *self)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autoptr(GFile) folder = g_file_new_for_path ("/usr/lib");

  if (self->settings == NULL || self->chooser != NULL)
    return;
  self->chooser = gtk_file_chooser_native_new (_("Choose the PKCS#11 Module of the Token"),
                                               GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_OPEN,
                                               _("_Add"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("Shared libraries (*.so)"));
  gtk_file_filter_add_pattern (filter, "*.so");
  gtk_file_filter_add_pattern (filter, "*.so.*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (self->chooser), folder, NULL);
  g_signal_connect (self->chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* ---- Holidays ------------------------------------------------------ */

static void
load_holidays (CdPreferencesWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdHolidays) holidays = cd_holidays_new_default (&error);
  g_auto(GStrv) dates = NULL;
  g_autofree char *today = cd_text_today_iso ();

  if (holidays == NULL)
    {
      GtkWidget *row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), error->message);
      adw_preferences_group_add (self->holidays_group, row);
      return;
    }
  dates = cd_holidays_list (holidays);
  for (guint i = 0; dates[i]; i++)
    {
      GtkWidget *row;
      g_autofree char *shown = NULL;

      /* Past years are history; the clerk plans forward. */
      if (strncmp (dates[i], today, 4) < 0)
        continue;
      shown = cd_text_date_display (dates[i]);
      row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), shown ? shown : dates[i]);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), cd_holidays_lookup (holidays, dates[i]));
      adw_preferences_group_add (self->holidays_group, row);
    }
}

/* ---- Language ------------------------------------------------------- */

static void
language_selected_cb (AdwComboRow         *row,
                      GParamSpec          *pspec,
                      CdPreferencesWindow *self)
{
  guint i = adw_combo_row_get_selected (row);

  if (self->settings != NULL && i < G_N_ELEMENTS (languages))
    g_settings_set_string (self->settings, "ui-language", languages[i]);
}

/* ---- Public --------------------------------------------------------- */

CdPreferencesWindow *
cd_preferences_window_new (GtkWindow *parent,
                           CdStore   *store,
                           GSettings *settings)
{
  CdPreferencesWindow *self;

  self = g_object_new (CD_TYPE_PREFERENCES_WINDOW, "transient-for", parent, NULL);
  self->store = store ? g_object_ref (store) : NULL;
  self->settings = settings ? g_object_ref (settings) : NULL;

  load_unit (self);
  gtk_widget_set_sensitive (GTK_WIDGET (self->unit_page), store != NULL);
  cd_unit_certificates_group_set_store (self->unit_certs_group, store,
                                        cd_settings_expiry_threshold_days (settings));
  cd_ca_trust_group_set_store (self->ca_trust_group, store);

  if (settings != NULL)
    {
      g_autofree char *lang = g_settings_get_string (settings, "ui-language");

      g_settings_bind (settings, "expiry-threshold-days",
                       gtk_spin_button_get_adjustment (self->threshold_spin), "value",
                       G_SETTINGS_BIND_DEFAULT);
      for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
        if (g_str_equal (lang, languages[i]))
          adw_combo_row_set_selected (self->language_row, i);
      g_signal_connect (self->language_row, "notify::selected", G_CALLBACK (language_selected_cb), self);
    }
  else
    gtk_widget_set_sensitive (GTK_WIDGET (self->general_page), FALSE);

  rebuild_domains (self);
  rebuild_modules (self);
  load_holidays (self);
  return self;
}

void
cd_preferences_window_show_unit (CdPreferencesWindow *self)
{
  g_return_if_fail (CD_IS_PREFERENCES_WINDOW (self));

  adw_preferences_window_set_visible_page (ADW_PREFERENCES_WINDOW (self), self->unit_page);
  gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
}

/* ---- GObject -------------------------------------------------------- */

static void
cd_preferences_window_dispose (GObject *object)
{
  CdPreferencesWindow *self = CD_PREFERENCES_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  gtk_widget_dispose_template (GTK_WIDGET (self), CD_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (cd_preferences_window_parent_class)->dispose (object);
}

static void
cd_preferences_window_finalize (GObject *object)
{
  CdPreferencesWindow *self = CD_PREFERENCES_WINDOW (object);

  g_clear_pointer (&self->domain_rows, g_ptr_array_unref);
  g_clear_pointer (&self->module_rows, g_ptr_array_unref);
  g_clear_pointer (&self->unit_saved, g_free);

  G_OBJECT_CLASS (cd_preferences_window_parent_class)->finalize (object);
}

static void
cd_preferences_window_class_init (CdPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = cd_preferences_window_dispose;
  object_class->finalize = cd_preferences_window_finalize;
  window_class->close_request = cd_preferences_window_close_request;

  signals[UNIT_SAVED] = g_signal_new ("unit-saved", G_TYPE_FROM_CLASS (klass),
                                      G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                      G_TYPE_NONE, 0);

  g_type_ensure (CD_TYPE_UNIT_CERTIFICATES_GROUP);
  g_type_ensure (CD_TYPE_CA_TRUST_GROUP);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/certdesk/CertDesk/cd-preferences-window.ui");
#define BIND(x) gtk_widget_class_bind_template_child (widget_class, CdPreferencesWindow, x)
  BIND (unit_page);
  BIND (preview_parent);
  BIND (preview_name);
  BIND (preview_date);
  BIND (name_row);
  BIND (parent_row);
  BIND (place_row);
  BIND (province_row);
  BIND (head_title_row);
  BIND (head_name_row);
  BIND (address_row);
  BIND (phone_row);
  BIND (email_row);
  BIND (org1_row);
  BIND (org2_row);
  BIND (org3_row);
  BIND (org4_row);
  BIND (tax_code_row);
  BIND (budget_code_row);
  BIND (former_names_row);
  BIND (unit_certs_group);
  BIND (ca_trust_group);
  BIND (focal_name_row);
  BIND (focal_position_row);
  BIND (focal_cccd_row);
  BIND (focal_cccd_date_row);
  BIND (focal_cccd_place_row);
  BIND (focal_phone_row);
  BIND (focal_email_row);
  BIND (general_page);
  BIND (threshold_spin);
  BIND (language_row);
  BIND (domains_group);
  BIND (domain_entry);
  BIND (modules_group);
  BIND (holidays_group);
#undef BIND
  gtk_widget_class_bind_template_callback (widget_class, unit_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, save_unit_cb);
  gtk_widget_class_bind_template_callback (widget_class, domain_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, add_module_cb);
  gtk_widget_class_bind_template_callback (widget_class, create_shortcut_cb);
}

static void
cd_preferences_window_init (CdPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->domain_rows = g_ptr_array_new ();
  self->module_rows = g_ptr_array_new ();

  /* The error sits in the row itself, next to what is wrong. */
  self->name_error = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->name_error), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->name_error), FALSE);
  adw_entry_row_add_suffix (self->name_row, GTK_WIDGET (self->name_error));
  update_preview (self);
}
