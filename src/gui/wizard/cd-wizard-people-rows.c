/* cd-wizard-people-rows.c — the rows of the wizard's people step
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "cd-wizard-hit-item.h"
#include "cd-wizard-people-rows.h"
#include "cd-wizard-reason-chooser.h"
#include "cd-wizard-window-private.h"

/* What a row says under the name: the birth date when known (first, in
 * the same place on every row), @what, then the serial — two teachers
 * called Nguyễn Thị Hoa, neither with a certificate, are told apart by
 * the date. */
static char *
subtitle (const char *what,
          const char *born,
          const char *serial)
{
  GString *s = g_string_new (NULL);

  if (born != NULL)
    g_string_append_printf (s, _("Born %s"), born);
  if (what != NULL && *what != '\0')
    {
      if (s->len > 0)
        g_string_append (s, " · ");
      g_string_append (s, what);
    }
  if (serial != NULL)
    {
      if (s->len > 0)
        g_string_append (s, " · ");
      g_string_append_printf (s, _("serial %s"), serial);
    }
  return g_string_free (s, FALSE);
}

GtkWidget *
cd_wizard_pick_row_new (CdWizardPick *pick,
                        CdWizardItem *have,
                        gboolean      revocation,
                        GtkWidget   **reason)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button;
  g_autofree char *sub = NULL;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), pick->name);
  if (pick->warning != NULL && have == NULL)
    sub = subtitle (pick->warning, pick->born, NULL);
  else
    sub = subtitle (pick->item->why, pick->born, pick->serial);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), sub);
  if (have == NULL)
    gtk_widget_add_css_class (row, "dim-label");
  *reason = NULL;
  if (have != NULL && revocation)
    {
      *reason = cd_wizard_reason_chooser_new (have);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), *reason);
    }
  if (have == NULL && pick->better_kind != NULL)
    {
      g_autofree char *label = g_strdup_printf (_("Make a “%s” list…"), cd_wizard_kind_title (pick->better_kind));
      GtkWidget *other = gtk_button_new_with_label (label);

      gtk_widget_set_valign (other, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (other, "suggested-action");
      gtk_actionable_set_action_name (GTK_ACTIONABLE (other), "people.other-list");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (other), "x", pick->item->staff_id);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), other);
    }
  button = gtk_button_new_with_label (have != NULL ? _("Remove")
                                      : pick->warning != NULL ? _("Add anyway") : _("Add"));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), have != NULL ? "people.unchoose" : "people.choose");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "(xx)", pick->item->staff_id,
                                    pick->item->certificate_id);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  return row;
}

/* A person the search found: Add, or why the procedure does not take
 * them (people already revoked, or who left, are not offered again). */
GtkWidget *
cd_wizard_hit_row_new (gpointer item,
                       gpointer user_data)
{
  CdWizardHit *hit = CD_WIZARD_HIT_ITEM (item)->hit;
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), hit->full_name);
  if (hit->refusal != NULL)
    {
      g_autofree char *sub = subtitle (hit->refusal, hit->born, NULL);

      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), sub);
    }
  else
    {
      GtkWidget *button = gtk_button_new_with_label (_("Add"));
      g_autofree char *sub = subtitle (hit->position, hit->born, NULL);

      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), sub);
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "people.add-staff");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "x", hit->staff_id);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
    }
  return row;
}
